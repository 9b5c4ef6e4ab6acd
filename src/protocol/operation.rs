/// Every Cognito user-pool operation this SDK sends. The one place to find them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    SignUp,
    ConfirmSignUp,
    ResendConfirmationCode,
    InitiateAuth,
    RespondToAuthChallenge,
    GetUser,
    GlobalSignOut,
    RevokeToken,
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
        }
    }
}
