//! Operations on plain data that need no pool: what the SDK's token, session and date
//! classes compute. The JS classes hold the data; the arithmetic is the core's, the same
//! that decides whether a stored session needs a refresh.

use super::reply::{Outcome, Reply};
use crate::flows::clock::now_secs;
use crate::json::{ToJson, Value};
use crate::session::{self, calculate_clock_drift, JwtToken};

/// The answer to a pool-less operation, or None when `op` needs a pool.
pub(super) fn now(op: &str, input: &Value) -> Option<Outcome> {
    let text = |k: &str| input[k].as_str().unwrap_or_default();
    let reply = match op {
        // `CognitoJwtToken.decodePayload()`: `{}` for anything that is not a JWT.
        "decodePayload" => Reply::ok(Value::Object(session::decode_payload(text("jwt")).unwrap_or_default())),
        // `CognitoUserSession.calculateClockDrift()`.
        "calculateClockDrift" => {
            let (id, access) = (JwtToken::new(text("IdToken")), JwtToken::new(text("AccessToken")));
            Reply::ok(calculate_clock_drift(&id, &access, now_secs()).to_json())
        }
        // `CognitoUserSession.isValid()`.
        "isValid" => Reply::ok(Value::Bool(super::call::session_from(input).is_some_and(|s| s.is_valid(now_secs())))),
        // `AuthenticationHelper` and `WordArray` (src/flows/authentication_helper.rs).
        // (`strip_prefix`, not `&op[4..]`: a slice of a `str` can fail at a char
        // boundary, and that panic path keeps core's formatting code in the wasm.)
        op if op.starts_with("srp.") => {
            let helper_op = op.strip_prefix("srp.").unwrap_or_default();
            return Some(
                crate::flows::authentication_helper::srp_helper(helper_op, input, getrandom::getrandom).map(Reply::ok),
            );
        }
        // `UserAgent.prototype.userAgent` to start with.
        "userAgent" => Reply::ok_str(crate::protocol::USER_AGENT),
        // `DateHelper.getNowString()`: what SRP's TIMESTAMP carries.
        "getNowString" => Reply::ok_str(&crate::srp::timestamp(now_secs())),
        _ => return None,
    };
    Some(Ok(reply))
}
