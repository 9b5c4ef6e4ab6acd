//! The signed-in account: attributes, user data, passwords, MFA settings, devices,
//! passkeys, registration: the one-request operations of `flows::user`, and what each
//! answers the app.

use super::super::call::Call;
use super::super::op::Op;
use super::super::reply::{Answer, Outcome, Reply};
use super::held::clear_local;
use super::session::tell;
use crate::flows::user::{Caller, UserCall};
use crate::flows::{self, user_data};
use crate::js::passkeys;
use crate::json::{FromJson, Value};
use crate::prelude::*;
use crate::protocol::types::{AttributeType, Passthrough};
use crate::protocol::CognitoError;

/// The in-memory session when it is valid: what the SDK's account methods require.
pub(super) fn access_token(call: &Call) -> Result<String, CognitoError> {
    user_data::valid_session(&call.env(), call.session()).map(|s| s.access_token.jwt)
}

/// Runs one of the user's operations (`flows::user::call`) as this user.
pub(super) async fn user_call(call: &Call, user_call: &UserCall) -> Result<Passthrough, CognitoError> {
    let username = call.username();
    let access_token = || access_token(call);
    let caller = Caller { username: &username, access_token: &access_token };
    flows::user::call(&call.env(), &caller, user_call).await
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
    let started = user_call(call, &UserCall::StartPasskeyRegistration).await?;
    let options = started.get("CredentialCreationOptions").cloned().unwrap_or(Value::Null);
    let credential = passkeys::create(&options).await?;
    user_call(call, &UserCall::CompletePasskeyRegistration { credential }).await?;
    Ok(Reply::success())
}

/// A one-request operation (`one_request`): its request, and what the app is told.
pub(super) async fn run_one(
    call: &Call, request: Result<(UserCall, Answers), CognitoError>, out: &mut Answer,
) -> Outcome {
    let (request, answers) = request?;
    let result = user_call(call, &request).await;
    // updateAttributes and deleteAttributes refresh the cached user data, as the SDK does.
    if result.is_ok() && matches!(answers, Answers::AttributesChanged { .. }) {
        let _ = get_user_data(call, true, None).await;
    }
    let signs_out = matches!(request, UserCall::DeleteUser { .. } | UserCall::GlobalSignOut);
    if signs_out && result.is_ok() {
        clear_local(call, &call.username());
    }
    // globalSignOut drops the in-memory session even when it fails.
    let global = matches!(request, UserCall::GlobalSignOut);
    if signs_out && (result.is_ok() || global && call.session().is_some()) {
        out.set("session", Value::Null);
    }
    Ok(answers.reply(call, result?))
}

/// What a one-request operation answers with.
pub(super) enum Answers {
    Success,
    Response,
    /// GetUser's `UserAttributes` as `CognitoUserAttribute[]`.
    Attributes,
    /// GetUser's `MFAOptions`.
    MfaOptions,
    /// The delivery details to `inputVerificationCode` when the callback object has it;
    /// else onSuccess with `SUCCESS` when given (to a callback object), or the details.
    Code(Option<&'static str>),
    /// `SUCCESS`, with UpdateUserAttributes' answer as a second argument (`details`).
    AttributesChanged {
        details: bool,
    },
}

impl Answers {
    fn reply(&self, call: &Call, data: Passthrough) -> Reply {
        match self {
            Answers::Success | Answers::AttributesChanged { details: false } => Reply::success(),
            Answers::AttributesChanged { details: true } => Reply::success().with_details(Value::Object(data)),
            Answers::Response => Reply::ok(Value::Object(data)),
            Answers::Attributes => match data.get("UserAttributes").cloned() {
                Some(list @ Value::Array(_)) => Reply::one("attributes", list),
                _ => Reply::err(&CognitoError::unexpected_response(200, "UserAttributes is missing")),
            },
            Answers::MfaOptions => Reply::ok_or_undefined(data.get("MFAOptions").cloned()),
            Answers::Code(success_text) => {
                let data = Value::Object(data);
                let otherwise = match success_text {
                    Some(text) if call.to_object() => Reply::ok_str(text),
                    _ => Reply::ok(data.clone()),
                };
                Reply::method("inputVerificationCode", vec![data], otherwise)
            }
        }
    }
}

/// The one-request operations, from the method name and its arguments (or what is wrong
/// with them); None for an operation of another kind.
pub(super) fn one_request(op: Op, call: &Call) -> Option<Result<(UserCall, Answers), CognitoError>> {
    let metadata = || call.string_map("clientMetadata");
    let count = |name: &str| call.arg(name).as_f64().filter(|n| *n >= 1.0).map(|n| n as u32);
    Some(Ok(match op {
        Op::UpdateAttributes | Op::DeleteAttributes => {
            return Some(change_attributes(op == Op::UpdateAttributes, call))
        }
        Op::GetUserAttributes => (UserCall::GetUser, Answers::Attributes),
        Op::GetMfaOptions => (UserCall::GetUser, Answers::MfaOptions),
        Op::GetAttributeVerificationCode => (
            UserCall::GetAttributeVerificationCode { name: call.text("name"), client_metadata: metadata() },
            Answers::Code(Some("SUCCESS")),
        ),
        Op::VerifyAttribute => {
            (UserCall::VerifyAttribute { name: call.text("name"), code: call.text("code") }, Answers::Success)
        }
        Op::ChangePassword => (
            UserCall::ChangePassword {
                previous: call.text("oldPassword"),
                proposed: call.text("newPassword"),
                client_metadata: metadata(),
            },
            Answers::Success,
        ),
        Op::ForgotPassword => (UserCall::ForgotPassword { client_metadata: metadata() }, Answers::Code(None)),
        Op::ConfirmPassword => (
            UserCall::ConfirmForgotPassword {
                code: call.text("code"),
                password: call.text("newPassword"),
                client_metadata: metadata(),
            },
            Answers::Success,
        ),
        Op::DeleteUser => (UserCall::DeleteUser { client_metadata: metadata() }, Answers::Success),
        Op::GlobalSignOut => (UserCall::GlobalSignOut, Answers::Success),
        Op::EnableMfa => (UserCall::SetSmsMfa { enabled: true }, Answers::Success),
        Op::DisableMfa => (UserCall::SetSmsMfa { enabled: false }, Answers::Success),
        Op::SetUserMfaPreference => {
            let setting = |name: &str| Some(call.arg(name).clone()).filter(|v| !v.is_null());
            (
                UserCall::SetMfaPreference {
                    sms: setting("sms"),
                    software_token: setting("totp"),
                    email: setting("email"),
                },
                Answers::Success,
            )
        }
        Op::GetDevice => (UserCall::GetDevice, Answers::Response),
        Op::ListDevices => (
            UserCall::ListDevices { limit: count("limit"), pagination_token: call.optional_text("paginationToken") },
            Answers::Response,
        ),
        Op::SetDeviceStatusRemembered => (UserCall::SetDeviceStatus { remembered: true }, Answers::Success),
        Op::SetDeviceStatusNotRemembered => (UserCall::SetDeviceStatus { remembered: false }, Answers::Success),
        Op::ForgetDevice => (UserCall::ForgetDevice, Answers::Success),
        Op::ForgetSpecificDevice => (UserCall::ForgetSpecificDevice { key: call.text("deviceKey") }, Answers::Success),
        Op::ListPasskeys => (
            UserCall::ListPasskeys { max_results: count("maxResults"), next_token: call.optional_text("nextToken") },
            Answers::Response,
        ),
        Op::DeletePasskey => (UserCall::DeletePasskey { credential_id: call.text("credentialId") }, Answers::Success),
        Op::ConfirmRegistration => (
            UserCall::ConfirmSignUp {
                code: call.text("code"),
                force_alias_creation: call.arg("forceAliasCreation").as_bool().unwrap_or(false),
                client_metadata: metadata(),
            },
            Answers::Success,
        ),
        Op::ResendConfirmationCode => {
            (UserCall::ResendConfirmationCode { client_metadata: metadata() }, Answers::Response)
        }
        _ => return None,
    }))
}

/// `updateAttributes` → `callback(null, 'SUCCESS', details)`; `deleteAttributes` → 'SUCCESS'.
fn change_attributes(update: bool, call: &Call) -> Result<(UserCall, Answers), CognitoError> {
    access_token(call)?; // a missing session is reported before bad arguments
    let bad = |what: &str| CognitoError::invalid_parameter(what.to_string());
    let request = if update {
        let attributes = Vec::<AttributeType>::from_json(call.arg("attributes").clone())
            .ok_or_else(|| bad("Attributes must be a list of { Name, Value } (CognitoUserAttribute) objects."))?;
        UserCall::UpdateAttributes { attributes, client_metadata: call.string_map("clientMetadata") }
    } else {
        let names = Vec::<String>::from_json(call.arg("names").clone())
            .ok_or_else(|| bad("Attribute names must be a list of strings."))?;
        UserCall::DeleteAttributes { names }
    };
    Ok((request, Answers::AttributesChanged { details: update }))
}
