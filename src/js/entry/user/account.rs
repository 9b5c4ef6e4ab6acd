//! The signed-in account: attributes, user data, passwords, MFA settings, TOTP set-up,
//! devices, passkeys, registration (the pool's `signUp` among them): the one-request
//! operations of `flows::user`, and what each answers the app.

use super::super::call::Call;
use super::super::op::Op;
use super::super::pending;
use super::super::reply::{Answer, Reply};
use crate::flows::user_data;
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::one_request::{OneRequest, Tells};
use crate::protocol::{account, registration, CognitoError};

/// The in-memory session when it is valid: what the SDK's account methods require.
pub(super) fn access_token(call: &Call) -> Result<String, CognitoError> {
    user_data::valid_session(&call.env(), call.session()).map(|s| s.access_token.jwt.clone())
}

/// What the app is told of a one-request operation's answer.
pub(super) fn reply(tells: Tells, call: &Call, data: Value, out: &mut Answer) -> Reply {
    match tells {
        Tells::Success => Reply::success(),
        Tells::SuccessAndAnswer => Reply::success().with_details(data),
        Tells::Answer => Reply::ok(data),
        Tells::Attributes => match data.get("UserAttributes") {
            Some(list @ Value::Array(_)) => Reply::one("attributes", list.clone()),
            _ => Reply::err(&CognitoError::unexpected_response(200, "UserAttributes is missing")),
        },
        Tells::MfaOptions => Reply::ok_or_undefined(data.get("MFAOptions").cloned()),
        Tells::SignedUp => match registration::signed_up(call.text("username"), &data) {
            Some(result) => Reply::ok(result),
            None => Reply::err(&CognitoError::not_expected_json(200)),
        },
        Tells::CodeSent | Tells::CodeSentOrSuccess => {
            Reply::ok(data).or_method("inputVerificationCode", tells == Tells::CodeSentOrSuccess && call.to_object())
        }
        Tells::SecretCode => {
            if let (Some(new), Some(old)) = (data.get("Session").and_then(Value::as_str), call.challenge_session()) {
                pending::rename(old, new);
                out.set("Session", Value::String(new.to_string()));
            }
            Reply::ok(data["SecretCode"].clone()).or_method("associateSecretCode", false)
        }
    }
}

/// The one-request operations' rows ([`Op::row`]), with the arguments each reads; None
/// for an operation of another kind. TOTP set-up during a challenge (the user holds its
/// Session) is for that sign-in: the row reads the user object (verifying then is a
/// sign-in step, `sign_in`, asked for first).
pub(super) fn one_request(op: Op, call: &Call) -> Option<(&'static OneRequest, &Value)> {
    let in_challenge = call.challenge_session().is_some();
    if in_challenge && matches!(op, Op::AssociateSoftwareToken | Op::VerifySoftwareToken) {
        return Some((&account::ASSOCIATE_SOFTWARE_TOKEN_IN_CHALLENGE, call.user()));
    }
    Some((op.row()?, call.args()))
}
