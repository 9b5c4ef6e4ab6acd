//! Bodies of registration: SignUp, ConfirmSignUp and ResendConfirmationCode, rows of the
//! one-request table ([`super::one_request`]). Optional fields are left out when unset,
//! as `JSON.stringify` drops `undefined`. SignUp and ConfirmSignUp carry
//! advanced security's `UserContextData`; the JS SDK sends none with
//! ResendConfirmationCode, and neither do we.

use super::one_request::{After, Needs, OneRequest, Tells};
use super::Operation;

/// `pool.signUp`: registers the user; Cognito's answer says whether a confirmation code
/// is on its way.
pub static SIGN_UP: OneRequest = OneRequest {
    operation: Operation::SignUp,
    needs: Needs::Nothing,
    body: body![
        "ClientId" = ClientId,
        "Username" = Text("username"),
        "Password" = Text("password"),
        "UserAttributes" = UserAttributes("userAttributes"),
        "ValidationData" = UserAttributes("validationData"),
        "ClientMetadata" = Metadata,
        "UserContextData" = UserContext,
    ],
    tells: Tells::SignedUp,
    after: After::Nothing,
};

/// `confirmRegistration`: the code from the sign-up message.
pub static CONFIRM_SIGN_UP: OneRequest = OneRequest {
    operation: Operation::ConfirmSignUp,
    needs: Needs::Nothing,
    body: body![
        "ClientId" = ClientId,
        "ConfirmationCode" = Text("code"),
        "Username" = Username,
        "ForceAliasCreation" = Flag("forceAliasCreation"),
        "ClientMetadata" = Metadata,
        "UserContextData" = UserContext,
    ],
    tells: Tells::Success,
    after: After::Nothing,
};

pub static RESEND_CONFIRMATION_CODE: OneRequest = OneRequest {
    operation: Operation::ResendConfirmationCode,
    needs: Needs::Nothing,
    body: body!["ClientId" = ClientId, "Username" = Username, "ClientMetadata" = Metadata],
    tells: Tells::Answer,
    after: After::Nothing,
};
