//! Operations on plain data that need no pool: what the SDK's token, session and date
//! classes compute. The JS classes hold the data; the arithmetic is the core's, the same
//! that decides whether a stored session needs a refresh.

use super::op::Op;
use super::reply::{Outcome, Reply};
use crate::flows::clock::now_secs;
use crate::json::{ToJson, Value};
use crate::session::{self, calculate_clock_drift, JwtToken};

/// The answer to a pool-less operation (`op` is one of them).
pub(super) fn now(op: Op, input: &Value) -> Outcome {
    let text = |k: &str| input[k].as_str().unwrap_or_default();
    let reply = match op {
        // `CognitoJwtToken.decodePayload()`: `{}` for anything that is not a JWT.
        Op::DecodePayload => Reply::ok(Value::Object(session::decode_payload(text("jwt")).unwrap_or_default())),
        // `CognitoUserSession.calculateClockDrift()`.
        Op::CalculateClockDrift => {
            let (id, access) = (JwtToken::new(text("IdToken")), JwtToken::new(text("AccessToken")));
            Reply::ok(calculate_clock_drift(&id, &access, now_secs()).to_json())
        }
        // `CognitoUserSession.isValid()`.
        Op::IsValid => Reply::ok(Value::Bool(super::call::session_from(input).is_some_and(|s| s.is_valid(now_secs())))),
        // `UserAgent.prototype.userAgent` to start with.
        Op::UserAgent => Reply::ok_str(crate::protocol::USER_AGENT),
        // `DateHelper.getNowString()`: what SRP's TIMESTAMP carries.
        _ => Reply::ok_str(&crate::srp::timestamp(now_secs())),
    };
    Ok(reply)
}

/// `AuthenticationHelper` and `WordArray` (src/flows/authentication_helper.rs): the
/// operations named `srp.` and the helper's own operation.
pub(super) fn srp(helper_op: &str, input: &Value) -> Outcome {
    crate::flows::authentication_helper::srp_helper(helper_op, input).map(Reply::ok)
}
