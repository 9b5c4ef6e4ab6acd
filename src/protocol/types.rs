//! Request and response bodies, field for field as Cognito names them. Optional
//! fields are left out of the JSON when unset, as `JSON.stringify` drops `undefined`.

use crate::json::{Object, OrderedMap, Value};
use crate::prelude::*;

/// AuthParameters, ChallengeResponses, ClientMetadata: sent in insertion order, as the
/// JS SDK's object literals are.
pub type StringMap = OrderedMap<String>;

/// A map of strings from an app's object (ClientMetadata, ValidationData as a map):
/// values that are not strings are left out, as JSON.stringify would keep them but
/// Cognito refuses them.
pub fn string_map(v: &Value) -> Option<StringMap> {
    let mut members = Vec::new();
    for (k, v) in v.as_object()? {
        if let Some(s) = v.as_str() {
            members.push((k.clone(), s.to_string()));
        }
    }
    Some(StringMap::from_distinct(members))
}

/// The answer to InitiateAuth and RespondToAuthChallenge: either tokens or the next challenge.
#[derive(Clone, Default, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct AuthResponse {
    pub challenge_name: Option<String>,
    pub challenge_parameters: Option<Object>,
    pub session: Option<String>,
    pub authentication_result: Option<AuthenticationResult>,
    /// USER_AUTH's SELECT_CHALLENGE: the first factors on offer.
    pub available_challenges: Option<Vec<String>>,
}

crate::json_record!(AuthResponse {
    challenge_name: "ChallengeName",
    challenge_parameters: "ChallengeParameters",
    session: "Session",
    authentication_result: "AuthenticationResult",
    available_challenges: "AvailableChallenges",
});

#[derive(Clone, Default, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct AuthenticationResult {
    pub access_token: Option<String>,
    pub id_token: Option<String>,
    pub refresh_token: Option<String>,
    pub expires_in: Option<i64>,
    pub token_type: Option<String>,
    pub new_device_metadata: Option<Value>,
}

/// By hand, not `json_record!`: NewDeviceMetadata, taken as it is, needs no decoder of its own.
impl crate::json::FromJson for AuthenticationResult {
    fn from_json(value: Value) -> Option<Self> {
        let mut fields = crate::json::Fields::new(value)?;
        let record = AuthenticationResult {
            access_token: fields.read("AccessToken"),
            id_token: fields.read("IdToken"),
            refresh_token: fields.read("RefreshToken"),
            expires_in: fields.read("ExpiresIn"),
            token_type: fields.read("TokenType"),
            new_device_metadata: fields.any("NewDeviceMetadata"),
        };
        fields.finish(record)
    }
}

/// Any response whose fields we pass through to the caller unchanged.
pub type Passthrough = Object;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_response_tolerates_missing_and_extra_fields() {
        let r: AuthResponse = crate::json::from_str(
            r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab"},"Extra":1}"#,
        )
        .unwrap();
        assert_eq!(r.challenge_name.as_deref(), Some("PASSWORD_VERIFIER"));
        assert!(r.authentication_result.is_none());
    }

    #[test]
    fn responses_of_the_wrong_shape_are_refused_and_nulls_are_unset() {
        assert!(crate::json::from_str::<AuthResponse>(r#"{"ChallengeName":5}"#).is_none());
        assert!(crate::json::from_str::<AuthResponse>(r#"{"AuthenticationResult":{"ExpiresIn":"soon"}}"#).is_none());
        assert!(crate::json::from_str::<AuthResponse>("[]").is_none());
        let r: AuthResponse =
            crate::json::from_str(r#"{"Session":null,"AuthenticationResult":{"IdToken":"i","ExpiresIn":3600}}"#)
                .unwrap();
        assert_eq!((r.session, r.authentication_result.and_then(|a| a.expires_in)), (None, Some(3600)));
    }
}
