//! Bodies of the signed-in account operations (everything that takes an AccessToken)
//! and of the forgot-password pair. One function per operation; field names as Cognito's.
//! Of these only the forgot-password pair carries advanced security's `UserContextData`,
//! as in the JS SDK.

use super::types::{AttributeType, StringMap};
use super::{insert_text, text_fields, with_metadata, with_metadata_and_context, Operation, Request, UserContextData};
use crate::json;
use crate::json::{Object, ToJson, Value};
use crate::prelude::*;

pub fn get_user(access_token: &str) -> Request {
    Request::new(Operation::GetUser, text_fields(&["AccessToken"], &[access_token]))
}

pub fn update_user_attributes(
    access_token: &str, attributes: &[AttributeType], client_metadata: Option<&StringMap>,
) -> Request {
    let mut body = text_fields(&["AccessToken"], &[access_token]);
    body.insert("UserAttributes", attributes.to_json());
    Request::new(Operation::UpdateUserAttributes, with_metadata(body, client_metadata))
}

pub fn delete_user_attributes(access_token: &str, names: &[String]) -> Request {
    let mut body = Value::Object(Object::new());
    body.insert("UserAttributeNames", names.to_json());
    insert_text(&mut body, "AccessToken", Some(access_token));
    Request::new(Operation::DeleteUserAttributes, body)
}

pub fn get_user_attribute_verification_code(
    access_token: &str, attribute_name: &str, client_metadata: Option<&StringMap>,
) -> Request {
    let body = text_fields(&["AttributeName", "AccessToken"], &[attribute_name, access_token]);
    Request::new(Operation::GetUserAttributeVerificationCode, with_metadata(body, client_metadata))
}

pub fn verify_user_attribute(access_token: &str, attribute_name: &str, code: &str) -> Request {
    Request::new(
        Operation::VerifyUserAttribute,
        text_fields(&["AttributeName", "Code", "AccessToken"], &[attribute_name, code, access_token]),
    )
}

pub fn change_password(
    access_token: &str, previous: &str, proposed: &str, client_metadata: Option<&StringMap>,
) -> Request {
    let body =
        text_fields(&["PreviousPassword", "ProposedPassword", "AccessToken"], &[previous, proposed, access_token]);
    Request::new(Operation::ChangePassword, with_metadata(body, client_metadata))
}

pub fn forgot_password(
    client_id: &str, username: &str, client_metadata: Option<&StringMap>, user_context: &UserContextData,
) -> Request {
    let body = text_fields(&["ClientId", "Username"], &[client_id, username]);
    Request::new(Operation::ForgotPassword, with_metadata_and_context(body, client_metadata, user_context))
}

pub fn confirm_forgot_password(
    client_id: &str, username: &str, code: &str, password: &str, client_metadata: Option<&StringMap>,
    user_context: &UserContextData,
) -> Request {
    let body =
        text_fields(&["ClientId", "Username", "ConfirmationCode", "Password"], &[client_id, username, code, password]);
    Request::new(Operation::ConfirmForgotPassword, with_metadata_and_context(body, client_metadata, user_context))
}

pub fn delete_user(access_token: &str, client_metadata: Option<&StringMap>) -> Request {
    Request::new(Operation::DeleteUser, with_metadata(text_fields(&["AccessToken"], &[access_token]), client_metadata))
}

/// `enableMFA` / `disableMFA`: legacy SMS MFA through SetUserSettings.
pub fn set_sms_mfa_option(access_token: &str, enabled: bool) -> Request {
    let mut options = Vec::new();
    if enabled {
        options.push(text_fields(&["DeliveryMedium", "AttributeName"], &["SMS", "phone_number"]));
    }
    let mut body = Value::Object(Object::new());
    body.insert("MFAOptions", Value::Array(options));
    insert_text(&mut body, "AccessToken", Some(access_token));
    Request::new(Operation::SetUserSettings, body)
}

/// `setUserMfaPreference(sms, totp, cb)`, plus the email setting the SDK never had.
/// Each setting is passed through as the app gave it (`{ Enabled, PreferredMfa }` or null).
pub fn set_user_mfa_preference(
    access_token: &str, sms: Option<Value>, software_token: Option<Value>, email: Option<Value>,
) -> Request {
    let mut body = text_fields(&["AccessToken"], &[access_token]);
    insert_setting(&mut body, "SMSMfaSettings", sms);
    insert_setting(&mut body, "SoftwareTokenMfaSettings", software_token);
    insert_setting(&mut body, "EmailMfaSettings", email);
    Request::new(Operation::SetUserMFAPreference, body)
}

/// Adds an MFA kind's setting unless it is unset (None or null).
fn insert_setting(body: &mut Value, name: &str, setting: Option<Value>) {
    if let Some(setting) = setting.filter(|s| !s.is_null()) {
        body.insert(name, setting);
    }
}

/// Who an MFA set-up call is for: a signed-in user (AccessToken) or one in the middle of
/// the MFA_SETUP challenge (its Session).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum SetupAuth {
    AccessToken(String),
    Session(String),
}

impl SetupAuth {
    fn body(&self) -> Value {
        match self {
            SetupAuth::AccessToken(t) => text_fields(&["AccessToken"], &[t]),
            SetupAuth::Session(s) => text_fields(&["Session"], &[s]),
        }
    }
}

pub fn associate_software_token(auth: &SetupAuth) -> Request {
    Request::new(Operation::AssociateSoftwareToken, auth.body())
}

pub fn verify_software_token(auth: &SetupAuth, code: &str, friendly_device_name: Option<&str>) -> Request {
    let mut body = auth.body();
    insert_text(&mut body, "UserCode", Some(code));
    insert_text(&mut body, "FriendlyDeviceName", friendly_device_name);
    Request::new(Operation::VerifySoftwareToken, body)
}

pub fn start_webauthn_registration(access_token: &str) -> Request {
    Request::new(Operation::StartWebAuthnRegistration, text_fields(&["AccessToken"], &[access_token]))
}

/// `credential`: the new passkey as `PublicKeyCredential.toJSON()` gives it.
pub fn complete_webauthn_registration(access_token: &str, credential: Value) -> Request {
    let mut body = text_fields(&["AccessToken"], &[access_token]);
    body.insert("Credential", credential);
    Request::new(Operation::CompleteWebAuthnRegistration, body)
}

pub fn list_webauthn_credentials(access_token: &str, max_results: Option<u32>, next_token: Option<&str>) -> Request {
    let mut body = text_fields(&["AccessToken"], &[access_token]);
    if let Some(n) = max_results {
        body.insert("MaxResults", json!(n));
    }
    insert_text(&mut body, "NextToken", next_token);
    Request::new(Operation::ListWebAuthnCredentials, body)
}

pub fn delete_webauthn_credential(access_token: &str, credential_id: &str) -> Request {
    Request::new(
        Operation::DeleteWebAuthnCredential,
        text_fields(&["AccessToken", "CredentialId"], &[access_token, credential_id]),
    )
}

/// ConfirmDevice after a sign-in that issued NewDeviceMetadata; salt and verifier in base64.
pub fn confirm_device(
    access_token: &str, device_key: &str, salt_b64: &str, verifier_b64: &str, device_name: &str,
) -> Request {
    let mut body = text_fields(&["AccessToken", "DeviceKey"], &[access_token, device_key]);
    let verifier = text_fields(&["PasswordVerifier", "Salt"], &[verifier_b64, salt_b64]);
    body.insert("DeviceSecretVerifierConfig", verifier);
    insert_text(&mut body, "DeviceName", Some(device_name));
    Request::new(Operation::ConfirmDevice, body)
}

pub fn get_device(access_token: &str, device_key: &str) -> Request {
    Request::new(Operation::GetDevice, text_fields(&["AccessToken", "DeviceKey"], &[access_token, device_key]))
}

pub fn list_devices(access_token: &str, limit: Option<u32>, pagination_token: Option<&str>) -> Request {
    let mut body = text_fields(&["AccessToken"], &[access_token]);
    if let Some(l) = limit {
        body.insert("Limit", json!(l));
    }
    insert_text(&mut body, "PaginationToken", pagination_token);
    Request::new(Operation::ListDevices, body)
}

/// `remembered`: `remembered` or `not_remembered`.
pub fn update_device_status(access_token: &str, device_key: &str, remembered: bool) -> Request {
    let status = if remembered { "remembered" } else { "not_remembered" };
    Request::new(
        Operation::UpdateDeviceStatus,
        text_fields(&["AccessToken", "DeviceKey", "DeviceRememberedStatus"], &[access_token, device_key, status]),
    )
}

pub fn forget_device(access_token: &str, device_key: &str) -> Request {
    Request::new(Operation::ForgetDevice, text_fields(&["AccessToken", "DeviceKey"], &[access_token, device_key]))
}

pub fn global_sign_out(access_token: &str) -> Request {
    Request::new(Operation::GlobalSignOut, text_fields(&["AccessToken"], &[access_token]))
}

pub fn revoke_token(client_id: &str, refresh_token: &str) -> Request {
    Request::new(Operation::RevokeToken, text_fields(&["Token", "ClientId"], &[refresh_token, client_id]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(r: &Request) -> Value {
        json::parse(&r.text()).unwrap()
    }

    #[test]
    fn bodies_match_the_sdk_wire_format() {
        let attrs = [AttributeType { name: "email".into(), value: "a@b".into() }];
        let r = update_user_attributes("t", &attrs, None);
        assert_eq!(r.operation, Operation::UpdateUserAttributes);
        assert_eq!(body(&r), json!({"AccessToken":"t","UserAttributes":[{"Name":"email","Value":"a@b"}]}));
        let meta: StringMap = [("k".to_string(), "v".to_string())].into();
        assert_eq!(
            body(&change_password("t", "old", "new", Some(&meta))),
            json!({"PreviousPassword":"old","ProposedPassword":"new","AccessToken":"t","ClientMetadata":{"k":"v"}})
        );
        assert_eq!(
            body(&set_sms_mfa_option("t", true)),
            json!({"MFAOptions":[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}],"AccessToken":"t"})
        );
        assert_eq!(body(&set_sms_mfa_option("t", false)), json!({"MFAOptions":[],"AccessToken":"t"}));
        assert_eq!(
            body(&confirm_forgot_password("c", "u", "123", "pw", None, &UserContextData::Absent)),
            json!({"ClientId":"c","Username":"u","ConfirmationCode":"123","Password":"pw"})
        );
        assert_eq!(
            forgot_password("c", "u", None, &UserContextData::Encoded("E".into())).text(),
            r#"{"ClientId":"c","Username":"u","UserContextData":{"EncodedData":"E"}}"#
        );
        assert_eq!(body(&revoke_token("c", "r")), json!({"Token":"r","ClientId":"c"}));
    }

    #[test]
    fn software_token_calls_take_a_session_or_an_access_token() {
        assert_eq!(body(&associate_software_token(&SetupAuth::Session("s".into()))), json!({"Session":"s"}));
        let r = verify_software_token(&SetupAuth::AccessToken("t".into()), "123456", Some("phone"));
        assert_eq!(r.operation, Operation::VerifySoftwareToken);
        assert_eq!(body(&r), json!({"AccessToken":"t","UserCode":"123456","FriendlyDeviceName":"phone"}));
    }

    #[test]
    fn mfa_preference_leaves_out_unset_kinds() {
        let r =
            set_user_mfa_preference("t", None, Some(json!({"Enabled":true,"PreferredMfa":true})), Some(Value::Null));
        assert_eq!(
            body(&r),
            json!({"AccessToken":"t","SoftwareTokenMfaSettings":{"Enabled":true,"PreferredMfa":true}})
        );
    }

    #[test]
    fn bodies_keep_the_field_order_they_are_written_in() {
        assert_eq!(
            delete_user_attributes("t", &["a".to_string()]).text(),
            r#"{"UserAttributeNames":["a"],"AccessToken":"t"}"#
        );
        let r = confirm_device("t", "k", "s", "v", "Chrome");
        let expected = r#"{"AccessToken":"t","DeviceKey":"k","DeviceSecretVerifierConfig":{"PasswordVerifier":"v","Salt":"s"},"DeviceName":"Chrome"}"#;
        assert_eq!(r.text(), expected);
        assert_eq!(
            list_devices("t", Some(10), Some("p")).text(),
            r#"{"AccessToken":"t","Limit":10,"PaginationToken":"p"}"#
        );
    }
}
