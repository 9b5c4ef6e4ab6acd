//! The signed-in account: attributes, user data, passwords, MFA settings, devices,
//! passkeys, registration (the pool's `signUp` among them): the one-request operations of
//! `flows::user`, and what each answers the app.

use super::super::call::Call;
use super::super::op::Op;
use super::super::reply::{Answer, Outcome, Reply};
use super::held::clear_local;
use super::session::tell;
use crate::flows::user::Caller;
use crate::flows::{self, user_data};
use crate::js::passkeys;
use crate::json::{FromJson, Object, Value};
use crate::prelude::*;
use crate::protocol::one_request::{After, OneRequest, Tells};
use crate::protocol::types::{Passthrough, SignUpResponse};
use crate::protocol::{account, registration, CognitoError};

/// The in-memory session when it is valid: what the SDK's account methods require.
pub(super) fn access_token(call: &Call) -> Result<String, CognitoError> {
    user_data::valid_session(&call.env(), call.session()).map(|s| s.access_token.jwt)
}

/// Runs one of the user's one-request operations (`flows::user::call`) as this user,
/// with `args` as the method's arguments.
pub(super) async fn user_call(call: &Call, row: &OneRequest, args: &Value) -> Result<Passthrough, CognitoError> {
    let username = call.username();
    let access_token = || access_token(call);
    let caller = Caller { username: &username, access_token: &access_token };
    flows::user::call(&call.env(), &caller, row, args).await
}

/// `getUserData` → the user data (cached unless `bypassCache`).
pub(super) async fn user_data(call: &Call) -> Outcome {
    let bypass = call.arg("bypassCache").as_bool().unwrap_or(false);
    get_user_data(call, bypass, call.string_map("clientMetadata")).await.map(Reply::ok)
}

/// `getUserData` over the user's in-memory session; a bypass refreshes (and listeners hear of it).
async fn get_user_data(
    call: &Call, bypass_cache: bool, metadata: Option<crate::protocol::types::StringMap>,
) -> Result<Value, CognitoError> {
    let username = call.username();
    let refresh = |token: String| {
        let username = username.clone();
        async move {
            let found = flows::session::refresh_session(&call.env(), &username, &token, metadata).await;
            tell(call, &username, found)
        }
    };
    // Boxed: its own future rather than inlined into this one (measured smaller).
    Box::pin(user_data::user_data(&call.env(), &username, || call.session(), bypass_cache, refresh)).await
}

/// `registerPasskey`: StartWebAuthnRegistration, the browser's passkey creation,
/// CompleteWebAuthnRegistration → 'SUCCESS'.
pub(super) async fn register_passkey(call: &Call) -> Outcome {
    let mut started = user_call(call, &account::START_WEBAUTHN_REGISTRATION, &Value::Null).await?;
    let options = started.take("CredentialCreationOptions");
    // The second request's arguments: the first's answer, with the passkey added.
    started.insert("credential", passkeys::create(&options).await?);
    user_call(call, &account::COMPLETE_WEBAUTHN_REGISTRATION, &Value::Object(started)).await?;
    Ok(Reply::success())
}

/// A one-request operation (`one_request`): its request, what follows it here, and what
/// the app is told.
pub(super) async fn run_one(call: &Call, row: &'static OneRequest, out: &mut Answer) -> Outcome {
    let result = user_call(call, row, call.args()).await;
    // updateAttributes and deleteAttributes refresh the cached user data, as the SDK does.
    if result.is_ok() && row.after == After::RefreshesUserData {
        let _ = get_user_data(call, true, None).await;
    }
    let signs_out = matches!(row.after, After::SignsOut | After::SignsOutEverywhere);
    if signs_out && result.is_ok() {
        clear_local(call, &call.username());
    }
    // globalSignOut drops the in-memory session even when it fails.
    let everywhere = row.after == After::SignsOutEverywhere;
    if signs_out && (result.is_ok() || everywhere && call.session().is_some()) {
        out.set("session", Value::Null);
    }
    Ok(reply(row.tells, call, result?))
}

/// What the app is told of a one-request operation's answer.
fn reply(tells: Tells, call: &Call, data: Passthrough) -> Reply {
    match tells {
        Tells::Success => Reply::success(),
        Tells::SuccessAndAnswer => Reply::success().with_details(Value::Object(data)),
        Tells::Answer => Reply::ok(Value::Object(data)),
        Tells::Attributes => match data.get("UserAttributes").cloned() {
            Some(list @ Value::Array(_)) => Reply::one("attributes", list),
            _ => Reply::err(&CognitoError::unexpected_response(200, "UserAttributes is missing")),
        },
        Tells::MfaOptions => Reply::ok_or_undefined(data.get("MFAOptions").cloned()),
        Tells::SignedUp => signed_up(call, data),
        Tells::CodeSent | Tells::CodeSentOrSuccess => {
            let data = Value::Object(data);
            let otherwise = match tells {
                Tells::CodeSentOrSuccess if call.to_object() => Reply::success(),
                _ => Reply::ok(data.clone()),
            };
            Reply::method("inputVerificationCode", vec![data], otherwise)
        }
    }
}

/// `signUp` → `{ username, userConfirmed, userSub, codeDeliveryDetails }` (the JS makes
/// `user`). What Cognito left out stays out: the JS reads it as undefined, as the SDK gives it.
fn signed_up(call: &Call, data: Passthrough) -> Reply {
    let Some(data) = SignUpResponse::from_json(Value::Object(data)) else {
        return Reply::err(&CognitoError::not_expected_json(200));
    };
    let mut result = Object::new();
    result.insert("username", Value::String(call.text("username")));
    result.insert("userConfirmed", Value::Bool(data.user_confirmed));
    if let Some(sub) = data.user_sub {
        result.insert("userSub", Value::String(sub));
    }
    if let Some(details) = data.code_delivery_details {
        result.insert("codeDeliveryDetails", details);
    }
    Reply::ok(Value::Object(result))
}

/// The one-request operations' rows, by method; None for an operation of another kind.
pub(super) fn one_request(op: Op) -> Option<&'static OneRequest> {
    Some(match op {
        Op::UpdateAttributes => &account::UPDATE_USER_ATTRIBUTES,
        Op::DeleteAttributes => &account::DELETE_USER_ATTRIBUTES,
        Op::GetUserAttributes => &account::GET_USER_ATTRIBUTES,
        Op::GetMfaOptions => &account::GET_MFA_OPTIONS,
        Op::GetAttributeVerificationCode => &account::GET_USER_ATTRIBUTE_VERIFICATION_CODE,
        Op::VerifyAttribute => &account::VERIFY_USER_ATTRIBUTE,
        Op::ChangePassword => &account::CHANGE_PASSWORD,
        Op::ForgotPassword => &account::FORGOT_PASSWORD,
        Op::ConfirmPassword => &account::CONFIRM_FORGOT_PASSWORD,
        Op::DeleteUser => &account::DELETE_USER,
        Op::GlobalSignOut => &account::GLOBAL_SIGN_OUT,
        Op::EnableMfa => &account::ENABLE_SMS_MFA,
        Op::DisableMfa => &account::DISABLE_SMS_MFA,
        Op::SetUserMfaPreference => &account::SET_USER_MFA_PREFERENCE,
        Op::GetDevice => &account::GET_DEVICE,
        Op::ListDevices => &account::LIST_DEVICES,
        Op::SetDeviceStatusRemembered => &account::REMEMBER_DEVICE,
        Op::SetDeviceStatusNotRemembered => &account::DO_NOT_REMEMBER_DEVICE,
        Op::ForgetDevice => &account::FORGET_DEVICE,
        Op::ForgetSpecificDevice => &account::FORGET_SPECIFIC_DEVICE,
        Op::ListPasskeys => &account::LIST_WEBAUTHN_CREDENTIALS,
        Op::DeletePasskey => &account::DELETE_WEBAUTHN_CREDENTIAL,
        Op::ConfirmRegistration => &registration::CONFIRM_SIGN_UP,
        Op::ResendConfirmationCode => &registration::RESEND_CONFIRMATION_CODE,
        Op::SignUp => &registration::SIGN_UP,
        _ => return None,
    })
}
