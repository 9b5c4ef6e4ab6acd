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

impl Operation {
    /// The name after `AWSCognitoIdentityProviderService.` in `X-Amz-Target`.
    pub fn name(self) -> &'static str {
        match self {
            Operation::SignUp => "SignUp",
            Operation::ConfirmSignUp => "ConfirmSignUp",
            Operation::ResendConfirmationCode => "ResendConfirmationCode",
            Operation::InitiateAuth => "InitiateAuth",
            Operation::RespondToAuthChallenge => "RespondToAuthChallenge",
            Operation::GetUser => "GetUser",
            Operation::GlobalSignOut => "GlobalSignOut",
            Operation::RevokeToken => "RevokeToken",
            Operation::UpdateUserAttributes => "UpdateUserAttributes",
            Operation::DeleteUserAttributes => "DeleteUserAttributes",
            Operation::GetUserAttributeVerificationCode => "GetUserAttributeVerificationCode",
            Operation::VerifyUserAttribute => "VerifyUserAttribute",
            Operation::ChangePassword => "ChangePassword",
            Operation::ForgotPassword => "ForgotPassword",
            Operation::ConfirmForgotPassword => "ConfirmForgotPassword",
            Operation::DeleteUser => "DeleteUser",
            Operation::SetUserSettings => "SetUserSettings",
            Operation::SetUserMFAPreference => "SetUserMFAPreference",
            Operation::GetTokensFromRefreshToken => "GetTokensFromRefreshToken",
            Operation::VerifySoftwareToken => "VerifySoftwareToken",
            Operation::AssociateSoftwareToken => "AssociateSoftwareToken",
            Operation::StartWebAuthnRegistration => "StartWebAuthnRegistration",
            Operation::CompleteWebAuthnRegistration => "CompleteWebAuthnRegistration",
            Operation::ListWebAuthnCredentials => "ListWebAuthnCredentials",
            Operation::DeleteWebAuthnCredential => "DeleteWebAuthnCredential",
            Operation::ConfirmDevice => "ConfirmDevice",
            Operation::GetDevice => "GetDevice",
            Operation::ListDevices => "ListDevices",
            Operation::UpdateDeviceStatus => "UpdateDeviceStatus",
            Operation::ForgetDevice => "ForgetDevice",
            Operation::GetId => "GetId",
            Operation::GetCredentialsForIdentity => "GetCredentialsForIdentity",
        }
    }
}

impl Operation {
    /// The `X-Amz-Target` value: service prefix and operation name.
    pub fn target(self) -> String {
        let service = match self {
            Operation::GetId | Operation::GetCredentialsForIdentity => "AWSCognitoIdentityService",
            _ => "AWSCognitoIdentityProviderService",
        };
        crate::text::concat(&[service, ".", self.name()])
    }
}
