//! The sign-in vocabulary: every `AuthFlow`, `ChallengeName` and USER_AUTH first factor
//! this SDK sends or understands, with what each challenge means to an app (the callback
//! it reaches) and to the wire (the field its code is answered in). The one place these
//! names are spelled.

use crate::prelude::*;
/// The `AuthFlow` of an InitiateAuth.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum AuthFlow {
    UserSrp,
    UserPassword,
    CustomAuth,
    /// Choice-based sign-in (passwordless: email/SMS codes, passkeys; or a password).
    UserAuth,
    RefreshToken,
}

impl AuthFlow {
    /// The flows `CognitoUser.setAuthenticationFlowType` accepts (a refresh is not one).
    pub fn parse(name: &str) -> Option<AuthFlow> {
        [AuthFlow::UserSrp, AuthFlow::UserPassword, AuthFlow::CustomAuth, AuthFlow::UserAuth]
            .into_iter()
            .find(|flow| flow.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            AuthFlow::UserSrp => "USER_SRP_AUTH",
            AuthFlow::UserPassword => "USER_PASSWORD_AUTH",
            AuthFlow::CustomAuth => "CUSTOM_AUTH",
            AuthFlow::UserAuth => "USER_AUTH",
            AuthFlow::RefreshToken => "REFRESH_TOKEN_AUTH",
        }
    }
}

/// A `ChallengeName` Cognito sends (or, for `SrpA`, that CUSTOM_AUTH sends it).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum ChallengeName {
    /// CUSTOM_AUTH's opening `CHALLENGE_NAME`: SRP first, then the custom challenges.
    SrpA,
    PasswordVerifier,
    DeviceSrpAuth,
    DevicePasswordVerifier,
    SmsMfa,
    SoftwareTokenMfa,
    EmailOtp,
    SmsOtp,
    SelectMfaType,
    MfaSetup,
    CustomChallenge,
    NewPasswordRequired,
    /// USER_AUTH: pick a first factor from `AvailableChallenges`.
    SelectChallenge,
    /// USER_AUTH: a passkey assertion.
    WebAuthn,
    /// A name Cognito added after this SDK: reported to the app as it came.
    Other(String),
}

/// Every named challenge, for parsing.
const NAMED: [ChallengeName; 14] = [
    ChallengeName::SrpA,
    ChallengeName::PasswordVerifier,
    ChallengeName::DeviceSrpAuth,
    ChallengeName::DevicePasswordVerifier,
    ChallengeName::SmsMfa,
    ChallengeName::SoftwareTokenMfa,
    ChallengeName::EmailOtp,
    ChallengeName::SmsOtp,
    ChallengeName::SelectMfaType,
    ChallengeName::MfaSetup,
    ChallengeName::CustomChallenge,
    ChallengeName::NewPasswordRequired,
    ChallengeName::SelectChallenge,
    ChallengeName::WebAuthn,
];

/// How the SDK's callback object is asked to answer a challenge: the method's name, and
/// whether it takes `(challengeName, challengeParameters)` or only the parameters.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum ChallengeCallback {
    NameAndParameters(&'static str),
    ParametersOnly(&'static str),
    /// `newPasswordRequired(userAttributes, requiredAttributes)`.
    NewPasswordRequired,
    /// Ours, USER_AUTH: `selectChallenge(availableChallenges, challengeParameters)`.
    SelectChallenge,
}

impl ChallengeCallback {
    pub fn method(self) -> &'static str {
        match self {
            ChallengeCallback::NameAndParameters(m) | ChallengeCallback::ParametersOnly(m) => m,
            ChallengeCallback::NewPasswordRequired => "newPasswordRequired",
            ChallengeCallback::SelectChallenge => "selectChallenge",
        }
    }
}

/// How the library itself meets a challenge when no app callback is involved.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Handling {
    /// The app answers through its callback object.
    App(ChallengeCallback),
    /// The browser's passkey prompt answers (`navigator.credentials.get`).
    Passkey,
    /// The sign-in answers by itself (SRP proofs of the password or of a device).
    Internal,
    /// Nothing here knows it: the app is told the challenge could not be handled.
    Unknown,
}

impl ChallengeName {
    pub fn parse(name: &str) -> ChallengeName {
        NAMED.iter().find(|c| c.as_str() == name).cloned().unwrap_or_else(|| ChallengeName::Other(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        match self {
            ChallengeName::SrpA => "SRP_A",
            ChallengeName::PasswordVerifier => "PASSWORD_VERIFIER",
            ChallengeName::DeviceSrpAuth => "DEVICE_SRP_AUTH",
            ChallengeName::DevicePasswordVerifier => "DEVICE_PASSWORD_VERIFIER",
            ChallengeName::SmsMfa => "SMS_MFA",
            ChallengeName::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            ChallengeName::EmailOtp => "EMAIL_OTP",
            ChallengeName::SmsOtp => "SMS_OTP",
            ChallengeName::SelectMfaType => "SELECT_MFA_TYPE",
            ChallengeName::MfaSetup => "MFA_SETUP",
            ChallengeName::CustomChallenge => "CUSTOM_CHALLENGE",
            ChallengeName::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
            ChallengeName::SelectChallenge => "SELECT_CHALLENGE",
            ChallengeName::WebAuthn => "WEB_AUTHN",
            ChallengeName::Other(name) => name,
        }
    }

    /// Who answers this challenge, and for the app, which callback method is called.
    pub fn handling(&self) -> Handling {
        use ChallengeCallback::*;
        Handling::App(match self {
            ChallengeName::SmsMfa => NameAndParameters("mfaRequired"),
            ChallengeName::SoftwareTokenMfa => NameAndParameters("totpRequired"),
            ChallengeName::SelectMfaType => NameAndParameters("selectMFAType"),
            ChallengeName::MfaSetup => NameAndParameters("mfaSetup"),
            ChallengeName::CustomChallenge => ParametersOnly("customChallenge"),
            ChallengeName::NewPasswordRequired => NewPasswordRequired,
            // The flows Cognito added after the JS SDK: callback names in its style.
            ChallengeName::EmailOtp => NameAndParameters("emailOtpRequired"),
            ChallengeName::SmsOtp => NameAndParameters("smsOtpRequired"),
            ChallengeName::SelectChallenge => SelectChallenge,
            ChallengeName::WebAuthn => return Handling::Passkey,
            ChallengeName::SrpA
            | ChallengeName::PasswordVerifier
            | ChallengeName::DeviceSrpAuth
            | ChallengeName::DevicePasswordVerifier => return Handling::Internal,
            ChallengeName::Other(_) => return Handling::Unknown,
        })
    }

    /// The app callback this challenge reaches, if the app answers it.
    pub fn callback(&self) -> Option<ChallengeCallback> {
        match self.handling() {
            Handling::App(callback) => Some(callback),
            _ => None,
        }
    }

    /// The ChallengeResponses field a one-time code for this challenge goes in
    /// (`sendMFACode(code, cb, mfaType)`); SMS_MFA's for any other name, as the JS SDK does.
    pub fn code_field(&self) -> &'static str {
        match self {
            ChallengeName::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA_CODE",
            ChallengeName::EmailOtp => "EMAIL_OTP_CODE",
            ChallengeName::SmsOtp => "SMS_OTP_CODE",
            _ => "SMS_MFA_CODE",
        }
    }
}

/// USER_AUTH's first factors that are passwords (`PREFERRED_CHALLENGE`, or the answer to
/// SELECT_CHALLENGE): the sign-in then sends SRP_A or the PASSWORD itself. The other
/// factors (`EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`) are challenge names and send nothing more.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum PasswordFactor {
    Srp,
    Plain,
}

impl PasswordFactor {
    pub fn parse(factor: &str) -> Option<PasswordFactor> {
        match factor {
            "PASSWORD_SRP" => Some(PasswordFactor::Srp),
            "PASSWORD" => Some(PasswordFactor::Plain),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_ones_are_kept() {
        for name in NAMED {
            assert_eq!(ChallengeName::parse(name.as_str()), name);
        }
        assert_eq!(ChallengeName::parse("SOMETHING_NEW"), ChallengeName::Other("SOMETHING_NEW".into()));
        assert_eq!(ChallengeName::parse("SOMETHING_NEW").as_str(), "SOMETHING_NEW");
        for flow in [AuthFlow::UserSrp, AuthFlow::UserPassword, AuthFlow::CustomAuth, AuthFlow::UserAuth] {
            assert_eq!(AuthFlow::parse(flow.name()), Some(flow));
        }
        assert_eq!(AuthFlow::parse("REFRESH_TOKEN_AUTH"), None, "not a sign-in flow an app can set");
    }

    #[test]
    fn challenges_map_to_the_sdk_callbacks() {
        assert_eq!(ChallengeName::SoftwareTokenMfa.callback().map(ChallengeCallback::method), Some("totpRequired"));
        assert_eq!(
            ChallengeName::CustomChallenge.callback(),
            Some(ChallengeCallback::ParametersOnly("customChallenge"))
        );
        assert_eq!(ChallengeName::DeviceSrpAuth.callback(), None);
        assert_eq!(ChallengeName::WebAuthn.handling(), Handling::Passkey);
        assert_eq!(ChallengeName::Other("X".into()).handling(), Handling::Unknown);
    }

    #[test]
    fn codes_go_in_the_sdk_fields() {
        assert_eq!(ChallengeName::SoftwareTokenMfa.code_field(), "SOFTWARE_TOKEN_MFA_CODE");
        assert_eq!(ChallengeName::SmsMfa.code_field(), "SMS_MFA_CODE");
        assert_eq!(ChallengeName::EmailOtp.code_field(), "EMAIL_OTP_CODE");
        assert_eq!(ChallengeName::SmsOtp.code_field(), "SMS_OTP_CODE");
    }
}
