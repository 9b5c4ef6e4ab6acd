//! The signed-in account: attributes, user data, passwords, MFA settings, TOTP set-up,
//! devices, passkeys, registration (the pool's `signUp` among them): the one-request
//! operations of `flows::user`, and what each answers the app.

use super::super::call::Call;
use super::super::op::Op;
use super::super::pending;
use super::super::reply::{Answer, Outcome, Reply};
use super::held::clear_local;
use super::session::tell;
use crate::flows::session::refresh_session;
use crate::flows::user::Caller;
use crate::flows::{self, user_data};
use crate::js::passkeys;
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::one_request::{After, OneRequest, Tells};
use crate::protocol::types::Passthrough;
use crate::protocol::{account, registration, CognitoError};

/// The in-memory session when it is valid: what the SDK's account methods require.
fn access_token(call: &Call) -> Result<String, CognitoError> {
    user_data::valid_session(&call.env(), call.session()).map(|s| s.access_token.jwt.clone())
}

/// A one-request operation (`one_request`), `getUserData` and `registerPasskey` among
/// them: its request, what follows it here, and what the app is told. One future for all:
/// a second request is a turn of the loop, and each is sent here, between
/// `flows::user::request` and `settle`, not in a future of its own.
pub(super) async fn run_one(call: &Call, first: &'static OneRequest, args: &Value, out: &mut Answer) -> Outcome {
    let (env, username) = (call.env(), call.username());
    let access_token = || access_token(call);
    let caller = Caller { username, access_token: &access_token };
    // getUserData's choice; the user data updateAttributes and deleteAttributes refresh
    // is fetched again whatever is cached.
    let caching = first.after == After::CachesUserData;
    let bypass = !caching || call.arg("bypassCache").as_bool().unwrap_or(false);
    let (mut row, mut args) = (first, args.clone());
    // The first request's result, when the app is told of it after a second.
    let mut told = None;
    let result = loop {
        if row.after == After::CachesUserData {
            if let Some(done) = user_data::cached(&env, username, call.session(), bypass) {
                break done;
            }
        }
        let request = match flows::user::request(&env, &caller, row, &args) {
            Ok(request) => request,
            Err(e) => break Err(e),
        };
        let mut answer: Passthrough = match env.call(&request).await {
            Ok(answer) => answer,
            Err(e) => break Err(e),
        };
        flows::user::settle(&env, username, row, &request, &answer);
        match row.after {
            After::CreatesPasskey => {
                let options = answer.take("CredentialCreationOptions");
                // The second request's arguments: the first's answer, with the passkey added.
                answer.insert("credential", passkeys::created(passkeys::create(&options).await)?);
                (row, args) = (&account::COMPLETE_WEBAUTHN_REGISTRATION, Value::Object(answer));
            }
            // updateAttributes and deleteAttributes refresh the cached user data, as the SDK does.
            After::RefreshesUserData => {
                told = Some(Value::Object(answer));
                row = &account::GET_USER;
            }
            // After a bypass, the session is refreshed best effort (and listeners hear of it);
            // only getUserData's refresh sends its ClientMetadata.
            After::CachesUserData if bypass => {
                if let Some(token) = user_data::refresh_token(&env, call.session()) {
                    let metadata = if caching { call.string_map("clientMetadata") } else { None };
                    let _ = tell(call, username, refresh_session(&env, username, &token, metadata).await);
                }
                break Ok(Value::Object(answer));
            }
            _ => break Ok(Value::Object(answer)),
        }
    };
    let result = match told {
        Some(first) => Ok(first),
        None => result,
    };
    let signs_out = matches!(first.after, After::SignsOut | After::SignsOutEverywhere);
    if signs_out && result.is_ok() {
        clear_local(call, username);
    }
    // globalSignOut drops the in-memory session even when it fails.
    let everywhere = first.after == After::SignsOutEverywhere;
    if signs_out && (result.is_ok() || everywhere && call.session().is_some()) {
        out.set("session", Value::Null);
    }
    Ok(reply(first.tells, call, result?, out))
}

/// What the app is told of a one-request operation's answer.
fn reply(tells: Tells, call: &Call, data: Value, out: &mut Answer) -> Reply {
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
