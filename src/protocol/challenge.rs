//! The sign-in vocabulary: every `AuthFlow`, `ChallengeName` and USER_AUTH first factor
//! this SDK sends or understands, with what each challenge means to an app (the callback
//! it reaches) and to the wire (the field its code is answered in). The one place these
//! names are spelled.

use super::named::{name_place, nth_name};
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

/// The flows' names, in the order of the variants (a table: less wasm than a `match`);
/// the ones an app may set come first.
const FLOW_NAMES: &str = "USER_SRP_AUTH USER_PASSWORD_AUTH CUSTOM_AUTH USER_AUTH REFRESH_TOKEN_AUTH ";

impl AuthFlow {
    /// The flows `CognitoUser.setAuthenticationFlowType` accepts (a refresh is not one).
    pub fn parse(name: &str) -> Option<AuthFlow> {
        let settable = [AuthFlow::UserSrp, AuthFlow::UserPassword, AuthFlow::CustomAuth, AuthFlow::UserAuth];
        let i = name_place(FLOW_NAMES, name)?;
        settable.get(i).copied()
    }

    pub fn name(self) -> &'static str {
        nth_name(FLOW_NAMES, self as usize)
    }
}

named_variants! {
    /// A `ChallengeName` Cognito sends (or, for `SrpA`, that CUSTOM_AUTH sends it).
    #[derive(PartialEq, Eq)]
    #[cfg_attr(not(shipped), derive(Debug))]
    // A tag byte for the variant: a named challenge's place is read, and the challenge
    // rebuilt from it, without code per variant.
    #[repr(u8)]
    pub enum ChallengeName {
        /// CUSTOM_AUTH's opening `CHALLENGE_NAME`: SRP first, then the custom challenges.
        SrpA = "SRP_A",
        PasswordVerifier = "PASSWORD_VERIFIER",
        DeviceSrpAuth = "DEVICE_SRP_AUTH",
        DevicePasswordVerifier = "DEVICE_PASSWORD_VERIFIER",
        SmsMfa = "SMS_MFA",
        SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA",
        EmailOtp = "EMAIL_OTP",
        SmsOtp = "SMS_OTP",
        SelectMfaType = "SELECT_MFA_TYPE",
        MfaSetup = "MFA_SETUP",
        CustomChallenge = "CUSTOM_CHALLENGE",
        NewPasswordRequired = "NEW_PASSWORD_REQUIRED",
        /// USER_AUTH: pick a first factor from `AvailableChallenges`.
        SelectChallenge = "SELECT_CHALLENGE",
        /// USER_AUTH: a passkey assertion.
        WebAuthn = "WEB_AUTHN",
        ;
        /// A name Cognito added after this SDK: reported to the app as it came.
        Other(String),
    }
    names: NAMES, named: NAMED, past: ChallengeName::Other(String::new())
}

/// How the library itself meets a challenge when no app callback is involved.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Handling {
    /// The app answers through its callback object's method of this name (the facade
    /// gives it the SDK's arguments for that method: `challengeReply`, src/facade/core.js).
    App(&'static str),
    /// The browser's passkey prompt answers (`navigator.credentials.get`).
    Passkey,
    /// The sign-in answers by itself (SRP proofs of the password or of a device).
    Internal,
    /// Nothing here knows it: the app is told the challenge could not be handled.
    Unknown,
}

/// By hand: the derived copy spells out every variant; a named one is rebuilt from its place.
impl Clone for ChallengeName {
    fn clone(&self) -> Self {
        match self {
            ChallengeName::Other(name) => ChallengeName::Other(name.clone()),
            named => ChallengeName::named(named.index()),
        }
    }
}

/// Who answers each named challenge, in the order of the variants (a table: less wasm
/// than a `match`): the app's callback method by its name, `-` the sign-in itself (SRP
/// proofs), `+` the browser's passkey prompt. Names each followed by a space ([`nth_name`]).
const HANDLING: &str = concat!(
    "- - - - ", // SRP_A, PASSWORD_VERIFIER, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER
    "mfaRequired totpRequired ",
    // The flows Cognito added after the JS SDK: callback names in its style.
    "emailOtpRequired smsOtpRequired ",
    "selectMFAType mfaSetup customChallenge newPasswordRequired selectChallenge ",
    "+ ", // WEB_AUTHN
);

impl ChallengeName {
    pub fn parse(name: &str) -> ChallengeName {
        match name_place(NAMES, name) {
            Some(i) => ChallengeName::named(i),
            None => ChallengeName::Other(name.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ChallengeName::Other(name) => name,
            named => nth_name(NAMES, named.index()),
        }
    }

    /// Who answers this challenge, and for the app, which callback method is called.
    pub fn handling(&self) -> Handling {
        match self {
            ChallengeName::Other(_) => Handling::Unknown,
            named => match nth_name(HANDLING, named.index()) {
                "-" => Handling::Internal,
                "+" => Handling::Passkey,
                callback => Handling::App(callback),
            },
        }
    }

    /// The app callback method this challenge reaches, if the app answers it.
    pub fn callback(&self) -> Option<&'static str> {
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
    fn copies_and_tables_follow_the_variants() {
        for name in NAMED {
            assert_eq!((name.clone(), ChallengeName::named(name.index())), (name.clone(), name));
        }
        let other = ChallengeName::Other("X".into());
        assert_eq!(other.clone(), other);
        let internal = ["SRP_A", "PASSWORD_VERIFIER", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"];
        for name in internal {
            assert_eq!(ChallengeName::parse(name).handling(), Handling::Internal, "{name}");
        }
        for (name, method) in [
            ("SMS_MFA", "mfaRequired"),
            ("SOFTWARE_TOKEN_MFA", "totpRequired"),
            ("EMAIL_OTP", "emailOtpRequired"),
            ("SMS_OTP", "smsOtpRequired"),
            ("SELECT_MFA_TYPE", "selectMFAType"),
            ("MFA_SETUP", "mfaSetup"),
            ("CUSTOM_CHALLENGE", "customChallenge"),
            ("NEW_PASSWORD_REQUIRED", "newPasswordRequired"),
            ("SELECT_CHALLENGE", "selectChallenge"),
        ] {
            assert_eq!(ChallengeName::parse(name).callback(), Some(method), "{name}");
        }
    }

    #[test]
    fn challenges_map_to_the_sdk_callbacks() {
        assert_eq!(ChallengeName::SoftwareTokenMfa.callback(), Some("totpRequired"));
        assert_eq!(ChallengeName::CustomChallenge.callback(), Some("customChallenge"));
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
