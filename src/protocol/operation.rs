use super::named::nth_name;
use crate::prelude::*;
/// Every Cognito user-pool operation this SDK sends. The one place to find them.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Operation {
    SignUp,
    ConfirmSignUp,
    ResendConfirmationCode,
    InitiateAuth,
    RespondToAuthChallenge,
    GetUser,
    GlobalSignOut,
    RevokeToken,
    UpdateUserAttributes,
    DeleteUserAttributes,
    GetUserAttributeVerificationCode,
    VerifyUserAttribute,
    ChangePassword,
    ForgotPassword,
    ConfirmForgotPassword,
    DeleteUser,
    SetUserSettings,
    SetUserMFAPreference,
    GetTokensFromRefreshToken,
    VerifySoftwareToken,
    AssociateSoftwareToken,
    StartWebAuthnRegistration,
    CompleteWebAuthnRegistration,
    ListWebAuthnCredentials,
    DeleteWebAuthnCredential,
    ConfirmDevice,
    GetDevice,
    ListDevices,
    UpdateDeviceStatus,
    ForgetDevice,
    // Cognito Identity (identity pools), a separate service with its own endpoint.
    GetId,
    GetCredentialsForIdentity,
}

/// The names, in the order of the variants, each followed by a space: one text, read by
/// [`nth_name`] (a table indexed by the variant costs less wasm than a `match` with a string per arm).
const NAMES: &str = concat!(
    "SignUp ",
    "ConfirmSignUp ",
    "ResendConfirmationCode ",
    "InitiateAuth ",
    "RespondToAuthChallenge ",
    "GetUser ",
    "GlobalSignOut ",
    "RevokeToken ",
    "UpdateUserAttributes ",
    "DeleteUserAttributes ",
    "GetUserAttributeVerificationCode ",
    "VerifyUserAttribute ",
    "ChangePassword ",
    "ForgotPassword ",
    "ConfirmForgotPassword ",
    "DeleteUser ",
    "SetUserSettings ",
    "SetUserMFAPreference ",
    "GetTokensFromRefreshToken ",
    "VerifySoftwareToken ",
    "AssociateSoftwareToken ",
    "StartWebAuthnRegistration ",
    "CompleteWebAuthnRegistration ",
    "ListWebAuthnCredentials ",
    "DeleteWebAuthnCredential ",
    "ConfirmDevice ",
    "GetDevice ",
    "ListDevices ",
    "UpdateDeviceStatus ",
    "ForgetDevice ",
    "GetId ",
    "GetCredentialsForIdentity ",
);

impl Operation {
    /// The name after `AWSCognitoIdentityProviderService.` in `X-Amz-Target`.
    pub fn name(self) -> &'static str {
        nth_name(NAMES, self as usize)
    }

    /// The `X-Amz-Target` value: service prefix and operation name.
    pub fn target(self) -> String {
        let service = match self {
            Operation::GetId | Operation::GetCredentialsForIdentity => "AWSCognitoIdentityService",
            _ => "AWSCognitoIdentityProviderService",
        };
        crate::text::concat(&[service, ".", self.name()])
    }
}
