//! The user's one-request operations: attributes, passwords, MFA settings, deletion,
//! sign-out everywhere, remembered devices and passkeys. Each is a [`UserCall`] value that
//! names what the app asked for; [`call`] builds its request, sends it, and does what
//! storage needs afterwards (a forgotten device is no longer remembered here, a deleted or
//! globally signed-out user has no stored session). One future serves them all.

use super::{Env, Transport};
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::types::{AttributeType, Passthrough, SignUpResponse, StringMap};
use crate::protocol::{account, registration};
use crate::protocol::{CognitoError, ErrorKind, Request};
use crate::storage::Storage;

/// An operation of the signed-in user (or, for the forgot-password pair, of a named one).
#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum UserCall {
    GetUser,
    UpdateAttributes {
        attributes: Vec<AttributeType>,
        client_metadata: Option<StringMap>,
    },
    DeleteAttributes {
        names: Vec<String>,
    },
    GetAttributeVerificationCode {
        name: String,
        client_metadata: Option<StringMap>,
    },
    VerifyAttribute {
        name: String,
        code: String,
    },
    ChangePassword {
        previous: String,
        proposed: String,
        client_metadata: Option<StringMap>,
    },
    /// `confirmRegistration`: the code from the sign-up message.
    ConfirmSignUp {
        code: String,
        force_alias_creation: bool,
        client_metadata: Option<StringMap>,
    },
    ResendConfirmationCode {
        client_metadata: Option<StringMap>,
    },
    ForgotPassword {
        client_metadata: Option<StringMap>,
    },
    ConfirmForgotPassword {
        code: String,
        password: String,
        client_metadata: Option<StringMap>,
    },
    DeleteUser {
        client_metadata: Option<StringMap>,
    },
    /// `enableMFA` / `disableMFA`: legacy SMS MFA.
    SetSmsMfa {
        enabled: bool,
    },
    /// Each setting as the app gave it (`{ Enabled, PreferredMfa }` or null).
    SetMfaPreference {
        sms: Option<Value>,
        software_token: Option<Value>,
        email: Option<Value>,
    },
    GlobalSignOut,
    /// This browser's remembered device.
    GetDevice,
    ListDevices {
        limit: Option<u32>,
        pagination_token: Option<String>,
    },
    /// This browser's remembered device, remembered or not.
    SetDeviceStatus {
        remembered: bool,
    },
    /// This browser's remembered device, forgotten at Cognito and here.
    ForgetDevice,
    /// Any device of the user; forgotten here too when it is this browser's.
    ForgetSpecificDevice {
        key: String,
    },
    StartPasskeyRegistration,
    /// `credential`: the new passkey as `PublicKeyCredential.toJSON()` gives it.
    CompletePasskeyRegistration {
        credential: Value,
    },
    ListPasskeys {
        max_results: Option<u32>,
        next_token: Option<String>,
    },
    DeletePasskey {
        credential_id: String,
    },
}

/// What a call runs as: the user's name, and their access token when the call needs one.
pub struct Caller<'a> {
    pub username: &'a str,
    pub access_token: &'a dyn Fn() -> Result<String, CognitoError>,
}

fn device_not_remembered() -> CognitoError {
    CognitoError::new(ErrorKind::DeviceNotRemembered, "This device is not remembered for this user.")
}

impl UserCall {
    fn request<T: Transport, S: Storage + ?Sized>(
        &self, env: &Env<'_, T, S>, caller: &Caller,
    ) -> Result<Request, CognitoError> {
        let client_id = &env.pool.client_id;
        // Advanced security's context data goes with the three calls the JS SDK sends it on.
        let context = || env.user_context_data(caller.username);
        // Registration and the forgot-password pair name the user; every other call needs
        // the access token, asked for once here rather than in each call's own code.
        match self {
            UserCall::ConfirmSignUp { code, force_alias_creation, client_metadata } => {
                return Ok(registration::confirm_sign_up(
                    client_id,
                    caller.username,
                    code,
                    *force_alias_creation,
                    client_metadata.as_ref(),
                    &context(),
                ))
            }
            UserCall::ResendConfirmationCode { client_metadata } => {
                return Ok(registration::resend_confirmation_code(client_id, caller.username, client_metadata.as_ref()))
            }
            UserCall::ForgotPassword { client_metadata } => {
                return Ok(account::forgot_password(client_id, caller.username, client_metadata.as_ref(), &context()))
            }
            UserCall::ConfirmForgotPassword { code, password, client_metadata } => {
                return Ok(account::confirm_forgot_password(
                    client_id,
                    caller.username,
                    code,
                    password,
                    client_metadata.as_ref(),
                    &context(),
                ))
            }
            _ => {}
        }
        let this_device =
            || env.sessions().load_device(caller.username).map(|d| d.key).ok_or_else(device_not_remembered);
        // Forgetting this browser's device looks for it before the token (the others after).
        let forgotten = if matches!(self, UserCall::ForgetDevice) { this_device()? } else { String::new() };
        let token = &(caller.access_token)()?;
        Ok(match self {
            UserCall::GetUser => account::get_user(token),
            UserCall::UpdateAttributes { attributes, client_metadata } => {
                account::update_user_attributes(token, attributes, client_metadata.as_ref())
            }
            UserCall::DeleteAttributes { names } => account::delete_user_attributes(token, names),
            UserCall::GetAttributeVerificationCode { name, client_metadata } => {
                account::get_user_attribute_verification_code(token, name, client_metadata.as_ref())
            }
            UserCall::VerifyAttribute { name, code } => account::verify_user_attribute(token, name, code),
            UserCall::ChangePassword { previous, proposed, client_metadata } => {
                account::change_password(token, previous, proposed, client_metadata.as_ref())
            }
            UserCall::DeleteUser { client_metadata } => account::delete_user(token, client_metadata.as_ref()),
            UserCall::SetSmsMfa { enabled } => account::set_sms_mfa_option(token, *enabled),
            UserCall::SetMfaPreference { sms, software_token, email } => {
                account::set_user_mfa_preference(token, sms.clone(), software_token.clone(), email.clone())
            }
            UserCall::GlobalSignOut => account::global_sign_out(token),
            UserCall::GetDevice => account::get_device(token, &this_device()?),
            UserCall::ListDevices { limit, pagination_token } => {
                account::list_devices(token, *limit, pagination_token.as_deref())
            }
            UserCall::SetDeviceStatus { remembered } => {
                account::update_device_status(token, &this_device()?, *remembered)
            }
            UserCall::ForgetDevice => account::forget_device(token, &forgotten),
            UserCall::ForgetSpecificDevice { key } => account::forget_device(token, key),
            UserCall::StartPasskeyRegistration => account::start_webauthn_registration(token),
            UserCall::CompletePasskeyRegistration { credential } => {
                account::complete_webauthn_registration(token, credential.clone())
            }
            UserCall::ListPasskeys { max_results, next_token } => {
                account::list_webauthn_credentials(token, *max_results, next_token.as_deref())
            }
            UserCall::DeletePasskey { credential_id } => account::delete_webauthn_credential(token, credential_id),
            UserCall::ConfirmSignUp { .. }
            | UserCall::ResendConfirmationCode { .. }
            | UserCall::ForgotPassword { .. }
            | UserCall::ConfirmForgotPassword { .. } => unreachable!(), // answered above
        })
    }

    /// What storage keeps after Cognito confirmed the call.
    fn settle<T: Transport, S: Storage + ?Sized>(&self, env: &Env<'_, T, S>, username: &str) {
        let sessions = env.sessions();
        match self {
            UserCall::ForgetDevice => sessions.clear_device(username),
            // Forgotten here too only when it is this browser's device.
            UserCall::ForgetSpecificDevice { key } if sessions.load_device(username).is_some_and(|d| &d.key == key) => {
                sessions.clear_device(username)
            }
            UserCall::DeleteUser { .. } | UserCall::GlobalSignOut => env.clear_session(username),
            _ => {}
        }
    }
}

/// Sends `call` for `caller` and returns Cognito's answer, storage settled.
pub async fn call<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, caller: &Caller<'_>, call: &UserCall,
) -> Result<Passthrough, CognitoError> {
    let answer: Passthrough = env.call(&call.request(env, caller)?).await?;
    call.settle(env, caller.username);
    Ok(answer)
}

/// `pool.signUp`: registers `username`; Cognito's answer says whether a confirmation
/// code is on its way.
pub async fn sign_up<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, username: &str, password: &str, user_attributes: Option<&[AttributeType]>,
    validation_data: Option<&[AttributeType]>, client_metadata: Option<&StringMap>,
) -> Result<SignUpResponse, CognitoError> {
    let request = registration::sign_up(
        &env.pool.client_id,
        username,
        password,
        user_attributes,
        validation_data,
        client_metadata,
        &env.user_context_data(username),
    );
    env.call(&request).await
}

#[cfg(test)]
mod tests;
