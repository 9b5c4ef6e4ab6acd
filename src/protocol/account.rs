//! Bodies of the signed-in account operations (everything that takes an AccessToken)
//! and of the forgot-password pair. The one-request operations are rows of the table
//! (see [`super::one_request`]), field names as Cognito's, in wire order; the MFA set-up
//! challenge's VerifySoftwareToken, ConfirmDevice and RevokeToken, which the sign-in and
//! session flows send, are functions. Of these only the forgot-password pair carries advanced security's
//! `UserContextData`, as in the JS SDK.

use super::one_request::{After, Needs, OneRequest, Source, Tells};
use super::{insert_text, text_fields, Operation, Request};
use crate::json::Value;

/// A body of the access token alone.
const TOKEN_ONLY: &[(&str, Source)] = body!["AccessToken" = AccessToken];

/// A row of the access token's kind: the token first, what follows a success nothing.
const fn signed_in(operation: Operation, body: &'static [(&'static str, Source)], tells: Tells) -> OneRequest {
    OneRequest { operation, needs: Needs::Token, body, tells, after: After::Nothing }
}

/// `getUserData`'s request: the answer as Cognito gives it, cached.
pub static GET_USER: OneRequest = OneRequest {
    operation: Operation::GetUser,
    needs: Needs::Token,
    body: TOKEN_ONLY,
    tells: Tells::Answer,
    after: After::CachesUserData,
};
pub static GET_USER_ATTRIBUTES: OneRequest = signed_in(Operation::GetUser, TOKEN_ONLY, Tells::Attributes);
pub static GET_MFA_OPTIONS: OneRequest = signed_in(Operation::GetUser, TOKEN_ONLY, Tells::MfaOptions);

pub static UPDATE_USER_ATTRIBUTES: OneRequest = OneRequest {
    operation: Operation::UpdateUserAttributes,
    needs: Needs::Token,
    body: body!["AccessToken" = AccessToken, "UserAttributes" = Attributes("attributes"), "ClientMetadata" = Metadata],
    tells: Tells::SuccessAndAnswer,
    after: After::RefreshesUserData,
};

pub static DELETE_USER_ATTRIBUTES: OneRequest = OneRequest {
    operation: Operation::DeleteUserAttributes,
    needs: Needs::Token,
    body: body!["UserAttributeNames" = Names("names"), "AccessToken" = AccessToken],
    tells: Tells::Success,
    after: After::RefreshesUserData,
};

pub static GET_USER_ATTRIBUTE_VERIFICATION_CODE: OneRequest = signed_in(
    Operation::GetUserAttributeVerificationCode,
    body!["AttributeName" = Text("name"), "AccessToken" = AccessToken, "ClientMetadata" = Metadata],
    Tells::CodeSentOrSuccess,
);

pub static VERIFY_USER_ATTRIBUTE: OneRequest = signed_in(
    Operation::VerifyUserAttribute,
    body!["AttributeName" = Text("name"), "Code" = Text("code"), "AccessToken" = AccessToken],
    Tells::Success,
);

pub static CHANGE_PASSWORD: OneRequest = signed_in(
    Operation::ChangePassword,
    body![
        "PreviousPassword" = Text("oldPassword"),
        "ProposedPassword" = Text("newPassword"),
        "AccessToken" = AccessToken,
        "ClientMetadata" = Metadata,
    ],
    Tells::Success,
);

pub static FORGOT_PASSWORD: OneRequest = OneRequest {
    operation: Operation::ForgotPassword,
    needs: Needs::Nothing,
    body: body![
        "ClientId" = ClientId,
        "Username" = Username,
        "ClientMetadata" = Metadata,
        "UserContextData" = UserContext,
    ],
    tells: Tells::CodeSent,
    after: After::Nothing,
};

pub static CONFIRM_FORGOT_PASSWORD: OneRequest = OneRequest {
    operation: Operation::ConfirmForgotPassword,
    needs: Needs::Nothing,
    body: body![
        "ClientId" = ClientId,
        "Username" = Username,
        "ConfirmationCode" = Text("code"),
        "Password" = Text("newPassword"),
        "ClientMetadata" = Metadata,
        "UserContextData" = UserContext,
    ],
    tells: Tells::Success,
    after: After::Nothing,
};

pub static DELETE_USER: OneRequest = OneRequest {
    operation: Operation::DeleteUser,
    needs: Needs::Token,
    body: body!["AccessToken" = AccessToken, "ClientMetadata" = Metadata],
    tells: Tells::Success,
    after: After::SignsOut,
};

/// `enableMFA`: legacy SMS MFA through SetUserSettings.
pub static ENABLE_SMS_MFA: OneRequest = signed_in(
    Operation::SetUserSettings,
    body![
        "MFAOptions" = Json(r#"[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}]"#),
        "AccessToken" = AccessToken,
    ],
    Tells::Success,
);

/// `disableMFA`.
pub static DISABLE_SMS_MFA: OneRequest = signed_in(
    Operation::SetUserSettings,
    body!["MFAOptions" = Json("[]"), "AccessToken" = AccessToken],
    Tells::Success,
);

/// `setUserMfaPreference(sms, totp, cb)`, plus the email setting the SDK never had.
/// Each setting is passed through as the app gave it (`{ Enabled, PreferredMfa }`).
pub static SET_USER_MFA_PREFERENCE: OneRequest = signed_in(
    Operation::SetUserMFAPreference,
    body![
        "AccessToken" = AccessToken,
        "SMSMfaSettings" = Setting("sms"),
        "SoftwareTokenMfaSettings" = Setting("totp"),
        "EmailMfaSettings" = Setting("email"),
    ],
    Tells::Success,
);

pub static GLOBAL_SIGN_OUT: OneRequest = OneRequest {
    operation: Operation::GlobalSignOut,
    needs: Needs::Token,
    body: TOKEN_ONLY,
    tells: Tells::Success,
    after: After::SignsOutEverywhere,
};

/// This browser's remembered device.
pub static GET_DEVICE: OneRequest =
    signed_in(Operation::GetDevice, body!["AccessToken" = AccessToken, "DeviceKey" = ThisDevice], Tells::Answer);

pub static LIST_DEVICES: OneRequest = signed_in(
    Operation::ListDevices,
    body!["AccessToken" = AccessToken, "Limit" = Count("limit"), "PaginationToken" = OptionalText("paginationToken")],
    Tells::Answer,
);

/// `setDeviceStatusRemembered`: this browser's device.
pub static REMEMBER_DEVICE: OneRequest = signed_in(
    Operation::UpdateDeviceStatus,
    body!["AccessToken" = AccessToken, "DeviceKey" = ThisDevice, "DeviceRememberedStatus" = Json(r#""remembered""#)],
    Tells::Success,
);

/// `setDeviceStatusNotRemembered`: this browser's device.
pub static DO_NOT_REMEMBER_DEVICE: OneRequest = signed_in(
    Operation::UpdateDeviceStatus,
    body![
        "AccessToken" = AccessToken,
        "DeviceKey" = ThisDevice,
        "DeviceRememberedStatus" = Json(r#""not_remembered""#)
    ],
    Tells::Success,
);

/// `forgetDevice`: this browser's device, forgotten at Cognito and here; it is looked
/// for before the token, as the SDK does.
pub static FORGET_DEVICE: OneRequest = OneRequest {
    operation: Operation::ForgetDevice,
    needs: Needs::DeviceThenToken,
    body: body!["AccessToken" = AccessToken, "DeviceKey" = ThisDevice],
    tells: Tells::Success,
    after: After::ForgetsDevice,
};

/// `forgetSpecificDevice`: any device of the user; forgotten here too when it is this
/// browser's.
pub static FORGET_SPECIFIC_DEVICE: OneRequest = OneRequest {
    operation: Operation::ForgetDevice,
    needs: Needs::Token,
    body: body!["AccessToken" = AccessToken, "DeviceKey" = Text("deviceKey")],
    tells: Tells::Success,
    after: After::ForgetsDevice,
};

/// `registerPasskey`'s first request: the answer's CredentialCreationOptions go to the
/// browser, and the app hears 'SUCCESS' once the second request is through.
pub static START_WEBAUTHN_REGISTRATION: OneRequest = OneRequest {
    operation: Operation::StartWebAuthnRegistration,
    needs: Needs::Token,
    body: TOKEN_ONLY,
    tells: Tells::Success,
    after: After::CreatesPasskey,
};

/// `registerPasskey`'s second: `credential`, the new passkey as
/// `PublicKeyCredential.toJSON()` gives it.
pub static COMPLETE_WEBAUTHN_REGISTRATION: OneRequest = signed_in(
    Operation::CompleteWebAuthnRegistration,
    body!["AccessToken" = AccessToken, "Credential" = Given("credential")],
    Tells::Success,
);

pub static LIST_WEBAUTHN_CREDENTIALS: OneRequest = signed_in(
    Operation::ListWebAuthnCredentials,
    body!["AccessToken" = AccessToken, "MaxResults" = Count("maxResults"), "NextToken" = OptionalText("nextToken")],
    Tells::Answer,
);

pub static DELETE_WEBAUTHN_CREDENTIAL: OneRequest = signed_in(
    Operation::DeleteWebAuthnCredential,
    body!["AccessToken" = AccessToken, "CredentialId" = Text("credentialId")],
    Tells::Success,
);

/// `associateSoftwareToken` of a signed-in user.
pub static ASSOCIATE_SOFTWARE_TOKEN: OneRequest =
    signed_in(Operation::AssociateSoftwareToken, TOKEN_ONLY, Tells::SecretCode);

/// `associateSoftwareToken` during the MFA_SETUP challenge: its argument is the user
/// object's, the challenge's `Session`; the answer's Session continues the challenge.
pub static ASSOCIATE_SOFTWARE_TOKEN_IN_CHALLENGE: OneRequest = OneRequest {
    operation: Operation::AssociateSoftwareToken,
    needs: Needs::Nothing,
    body: body!["Session" = Text("Session")],
    tells: Tells::SecretCode,
    after: After::Nothing,
};

/// `verifySoftwareToken` of a signed-in user (during the MFA_SETUP challenge, the
/// challenge's Session goes instead: [`verify_software_token`]).
pub static VERIFY_SOFTWARE_TOKEN: OneRequest = signed_in(
    Operation::VerifySoftwareToken,
    body![
        "AccessToken" = AccessToken,
        "UserCode" = Text("code"),
        "FriendlyDeviceName" = OptionalText("friendlyDeviceName")
    ],
    Tells::Answer,
);

/// VerifySoftwareToken during the MFA_SETUP challenge: the challenge's Session, not an
/// access token (a signed-in user's is the row [`VERIFY_SOFTWARE_TOKEN`]).
pub fn verify_software_token(session: &str, code: &str, friendly_device_name: Option<&str>) -> Request {
    let mut body = text_fields(&["Session", "UserCode"], &[session, code]);
    insert_text(&mut body, "FriendlyDeviceName", friendly_device_name);
    Request::new(Operation::VerifySoftwareToken, body)
}

/// ConfirmDevice after a sign-in that issued NewDeviceMetadata; salt and verifier in base64.
pub fn confirm_device(
    access_token: &str, device_key: &str, salt_b64: &str, verifier_b64: &str, device_name: &str,
) -> Request {
    let mut body = text_fields(&["AccessToken", "DeviceKey"], &[access_token, device_key]);
    let verifier = text_fields(&["PasswordVerifier", "Salt"], &[verifier_b64, salt_b64]);
    body.insert("DeviceSecretVerifierConfig", Value::Object(verifier));
    insert_text(&mut body, "DeviceName", Some(device_name));
    Request::new(Operation::ConfirmDevice, body)
}

pub fn revoke_token(client_id: &str, refresh_token: &str) -> Request {
    Request::new(Operation::RevokeToken, text_fields(&["Token", "ClientId"], &[refresh_token, client_id]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn body(r: &Request) -> Value {
        json::parse(&r.text()).unwrap()
    }

    #[test]
    fn bodies_match_the_sdk_wire_format() {
        assert_eq!(body(&revoke_token("c", "r")), json!({"Token":"r","ClientId":"c"}));
    }

    #[test]
    fn software_token_verification_in_a_challenge_takes_its_session() {
        let r = verify_software_token("s", "1", None);
        assert_eq!(body(&r), json!({"Session":"s","UserCode":"1"}));
        let r = verify_software_token("s", "123456", Some("phone"));
        assert_eq!(r.operation, Operation::VerifySoftwareToken);
        assert_eq!(body(&r), json!({"Session":"s","UserCode":"123456","FriendlyDeviceName":"phone"}));
    }

    #[test]
    fn bodies_keep_the_field_order_they_are_written_in() {
        let r = confirm_device("t", "k", "s", "v", "Chrome");
        let expected = r#"{"AccessToken":"t","DeviceKey":"k","DeviceSecretVerifierConfig":{"PasswordVerifier":"v","Salt":"s"},"DeviceName":"Chrome"}"#;
        assert_eq!(r.text(), expected);
    }
}
