//! What an app answers to a challenge, and the ChallengeResponses each answer becomes.
//! Names and fields as the JS SDK sends them.

use crate::prelude::*;
use crate::protocol::challenge::ChallengeName;
use crate::protocol::types::{put_text, StringMap};

/// The prefix Cognito puts on attribute names in NEW_PASSWORD_REQUIRED, and the answer's
/// attributes carry (the facade strips it from `newPasswordRequired`'s required names).
pub const USER_ATTRIBUTES_PREFIX: &str = "userAttributes.";

#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Answer {
    /// `sendMFACode(code, callbacks, mfaType)`: `SMS_MFA` (the default), `SOFTWARE_TOKEN_MFA`,
    /// `EMAIL_OTP`, or `SMS_OTP` (a passwordless code in USER_AUTH).
    MfaCode { code: String, mfa_type: ChallengeName },
    /// `sendMFASelectionAnswer(answer)`: which MFA kind the user picked.
    MfaSelection(String),
    /// `completeNewPasswordChallenge(newPassword, requiredAttributeData)`.
    NewPassword { password: String, attributes: StringMap },
    /// `sendCustomChallengeAnswer(answer)`.
    Custom(String),
    /// `verifySoftwareToken(code, friendlyDeviceName)` during sign-in: the code goes to
    /// VerifySoftwareToken first (`flows::sign_in`), then this finishes the MFA_SETUP
    /// challenge, with no response of its own.
    MfaSetup { code: String, friendly_device_name: Option<String> },
    /// USER_AUTH's SELECT_CHALLENGE: the first factor picked (`PASSWORD_SRP`, `PASSWORD`,
    /// `EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`).
    SelectChallenge(String),
    /// WEB_AUTHN: the passkey assertion, as the JSON text of `PublicKeyCredential.toJSON()`.
    WebAuthn(String),
}

impl Answer {
    /// The ChallengeName this answer responds to.
    pub fn challenge_name(&self) -> &ChallengeName {
        match self {
            Answer::MfaCode { mfa_type, .. } => mfa_type,
            Answer::MfaSelection(_) => &ChallengeName::SelectMfaType,
            Answer::NewPassword { .. } => &ChallengeName::NewPasswordRequired,
            Answer::Custom(_) => &ChallengeName::CustomChallenge,
            Answer::MfaSetup { .. } => &ChallengeName::MfaSetup,
            Answer::SelectChallenge(_) => &ChallengeName::SelectChallenge,
            Answer::WebAuthn(_) => &ChallengeName::WebAuthn,
        }
    }

    /// ChallengeResponses, USERNAME included.
    pub fn responses(&self, username: &str) -> StringMap {
        let mut r = StringMap::new();
        put_text(&mut r, "USERNAME", username.to_string());
        self.add_responses(&mut r);
        r
    }

    /// Adds the answer's own ChallengeResponses (after USERNAME).
    pub fn add_responses(&self, r: &mut StringMap) {
        let (field, value) = match self {
            Answer::MfaCode { code, mfa_type } => (mfa_type.code_field(), code),
            Answer::MfaSelection(answer) | Answer::Custom(answer) | Answer::SelectChallenge(answer) => {
                ("ANSWER", answer)
            }
            Answer::NewPassword { password, attributes } => {
                for (name, value) in attributes {
                    // Texts, as the app's object was read (`types::string_map`).
                    r.insert(crate::text::concat(&[USER_ATTRIBUTES_PREFIX, name]), value.clone());
                }
                ("NEW_PASSWORD", password)
            }
            Answer::WebAuthn(credential) => ("CREDENTIAL", credential),
            Answer::MfaSetup { .. } => return,
        };
        put_text(r, field, value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Value;

    #[test]
    fn responses_use_the_sdk_field_names() {
        let totp = Answer::MfaCode { code: "123456".into(), mfa_type: ChallengeName::SoftwareTokenMfa };
        assert_eq!(totp.challenge_name().as_str(), "SOFTWARE_TOKEN_MFA");
        assert_eq!(totp.responses("u").get("SOFTWARE_TOKEN_MFA_CODE").and_then(Value::as_str), Some("123456"));
        let sms = Answer::MfaCode { code: "1".into(), mfa_type: ChallengeName::SmsMfa };
        assert!(sms.responses("u").contains_key("SMS_MFA_CODE"));
        let email = Answer::MfaCode { code: "1".into(), mfa_type: ChallengeName::EmailOtp };
        assert!(email.responses("u").contains_key("EMAIL_OTP_CODE"));
        let np = Answer::NewPassword {
            password: "pw".into(),
            attributes: [("name".to_string(), Value::String("Al".into()))].into(),
        };
        let r = np.responses("u");
        let field = |k: &str| r.get(k).and_then(Value::as_str);
        assert_eq!(
            (field("NEW_PASSWORD"), field("userAttributes.name"), field("USERNAME")),
            (Some("pw"), Some("Al"), Some("u"))
        );
        assert_eq!(Answer::Custom("42".into()).responses("u").get("ANSWER").and_then(Value::as_str), Some("42"));
        assert_eq!(Answer::MfaSelection("SMS_MFA".into()).challenge_name().as_str(), "SELECT_MFA_TYPE");
    }
}
