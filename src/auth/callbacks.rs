//! How challenges reach the SDK's callback objects: which method each one calls, and
//! with which arguments.

use crate::json::{self, Object, Value};

/// How the SDK's callback object is asked to answer a challenge: the method's name, and
/// whether it takes `(challengeName, challengeParameters)` or only the parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeCallback {
    NameAndParameters(&'static str),
    ParametersOnly(&'static str),
    /// `newPasswordRequired(userAttributes, requiredAttributes)`: see [`new_password_required_args`].
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

/// Every challenge the SDK's callback objects know, and the method each one calls.
/// (WEB_AUTHN has none: the library asks the browser for the passkey itself.)
pub fn challenge_callback(challenge_name: &str) -> Option<ChallengeCallback> {
    use ChallengeCallback::*;
    Some(match challenge_name {
        "SMS_MFA" => NameAndParameters("mfaRequired"),
        "SOFTWARE_TOKEN_MFA" => NameAndParameters("totpRequired"),
        "SELECT_MFA_TYPE" => NameAndParameters("selectMFAType"),
        "MFA_SETUP" => NameAndParameters("mfaSetup"),
        "CUSTOM_CHALLENGE" => ParametersOnly("customChallenge"),
        "NEW_PASSWORD_REQUIRED" => NewPasswordRequired,
        // The flows Cognito added after the JS SDK: callback names in its style.
        "EMAIL_OTP" => NameAndParameters("emailOtpRequired"),
        "SMS_OTP" => NameAndParameters("smsOtpRequired"),
        "SELECT_CHALLENGE" => SelectChallenge,
        _ => return None,
    })
}

/// The prefix Cognito puts on attribute names in NEW_PASSWORD_REQUIRED.
pub const USER_ATTRIBUTES_PREFIX: &str = "userAttributes.";

/// `(userAttributes, requiredAttributes)` for `newPasswordRequired`: Cognito sends both as
/// JSON text; required names lose their `userAttributes.` prefix. Bad JSON gives `null` / `[]`.
pub fn new_password_required_args(parameters: &Object) -> (Value, Vec<String>) {
    let parse = |name: &str| parameters.get(name).and_then(Value::as_str).and_then(|t| json::parse(t).ok());
    let user_attributes = parse("userAttributes").unwrap_or(Value::Null);
    let required = match parse("requiredAttributes") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|n| n.strip_prefix(USER_ATTRIBUTES_PREFIX).unwrap_or(n).to_string())
            .collect(),
        _ => Vec::new(),
    };
    (user_attributes, required)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn challenges_map_to_the_sdk_callbacks() {
        assert_eq!(challenge_callback("SOFTWARE_TOKEN_MFA").map(ChallengeCallback::method), Some("totpRequired"));
        assert_eq!(challenge_callback("CUSTOM_CHALLENGE"), Some(ChallengeCallback::ParametersOnly("customChallenge")));
        assert_eq!(challenge_callback("DEVICE_SRP_AUTH"), None);
        let params = json!({"userAttributes":"{\"email\":\"a@b\"}","requiredAttributes":"[\"userAttributes.name\",\"family_name\"]"});
        let (attrs, required) = new_password_required_args(params.as_object().unwrap());
        assert_eq!(attrs, json!({"email":"a@b"}));
        assert_eq!(required, vec!["name", "family_name"]);
        let (attrs, required) = new_password_required_args(json!({"userAttributes":"{not json"}).as_object().unwrap());
        assert_eq!((attrs, required.len()), (Value::Null, 0));
    }
}
