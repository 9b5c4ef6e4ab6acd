//! Request and response bodies, field for field as Cognito names them. Optional
//! fields are left out of the JSON when unset, as `JSON.stringify` drops `undefined`.

use crate::json::{Object, Value};
use crate::prelude::*;
use crate::protocol::{CognitoError, JsonAnswer};

/// AuthParameters, ChallengeResponses, ClientMetadata: JSON objects whose members are all
/// texts, sent in insertion order, as the JS SDK's object literals are. A JSON object
/// rather than a map of its own value type: the request takes it as it is, and the map's
/// code exists once, for JSON values.
pub type StringMap = Object;

/// A map of strings from an app's object (ClientMetadata, ValidationData as a map):
/// values that are not strings are left out, as JSON.stringify would keep them but
/// Cognito refuses them.
pub fn string_map(v: &Value) -> Option<StringMap> {
    let mut members = Vec::new();
    for (k, v) in v.as_object()? {
        if v.as_str().is_some() {
            members.push((k.clone(), v.clone()));
        }
    }
    Some(StringMap::from_distinct(members))
}

/// Sets the text member `name` of a [`StringMap`]: one copy of the code for every
/// parameter the sign-in sends.
pub fn put_text(map: &mut StringMap, name: &str, text: String) {
    map.insert(name, Value::String(text));
}

/// The answer to InitiateAuth and RespondToAuthChallenge (and a refresh's): either tokens
/// or the next challenge. Kept as the JSON object it came as: its members' types are
/// checked once, on decoding, and then read in place where they are used, not moved into
/// a typed record field by field.
#[derive(Clone, Default, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct AuthResponse(Object);

/// For the tests and the fuzz target; the library checks the answer in place
/// ([`AuthResponse::of`]), so the shipped wasm has no copy of this.
impl crate::json::FromJson for AuthResponse {
    fn from_json(value: Value) -> Option<Self> {
        AuthResponse::fits(&value).then(|| AuthResponse(value.into_object().unwrap_or_default()))
    }
}

/// A member that is missing, null, or of the kind `is` accepts.
fn unset_or(value: &Value, is: fn(&Value) -> bool) -> bool {
    value.is_null() || is(value)
}

fn is_text(value: &Value) -> bool {
    value.as_str().is_some()
}

/// Whether each of the members `names` of `o` is a text, missing or null.
fn texts(o: &Object, names: &[&str]) -> bool {
    names.iter().all(|name| unset_or(&o[*name], is_text))
}

fn is_object(value: &Value) -> bool {
    value.as_object().is_some()
}

impl AuthResponse {
    /// The answer as an AuthResponse when it fits, else the error [`JsonAnswer::decode`]
    /// gives: checked in place ([`JsonAnswer::object_if`]), no result type's decoder.
    pub fn of(answer: JsonAnswer) -> Result<AuthResponse, CognitoError> {
        let fits = AuthResponse::fits(answer.body());
        answer.object_if(fits).map(AuthResponse)
    }

    /// Whether each member this library reads has its type (ChallengeName, Session: text;
    /// ChallengeParameters: an object; AvailableChallenges: texts; AuthenticationResult: an
    /// object whose tokens are texts and ExpiresIn an integer), or is missing or null.
    #[inline(never)]
    fn fits(o: &Value) -> bool {
        let Some(o) = o.as_object() else { return false };
        let result = &o["AuthenticationResult"];
        texts(o, &["ChallengeName", "Session"])
            && unset_or(&o["ChallengeParameters"], is_object)
            && unset_or(&o["AvailableChallenges"], |v| v.as_array().is_some_and(|a| a.iter().all(is_text)))
            && unset_or(result, |r| {
                r.as_object().is_some_and(|r| {
                    texts(r, &["AccessToken", "IdToken", "RefreshToken", "TokenType"])
                        && unset_or(&r["ExpiresIn"], |n| n.as_i64().is_some())
                })
            })
    }

    /// The text member `name` (ChallengeName, Session), unless missing or null.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.0[name].as_str()
    }

    /// ChallengeParameters, unless missing or null.
    pub fn challenge_parameters(&self) -> Option<&Object> {
        self.0["ChallengeParameters"].as_object()
    }

    /// USER_AUTH's SELECT_CHALLENGE first factors on offer: an array of texts (empty when
    /// missing or null).
    pub fn available_challenges(&self) -> Value {
        match &self.0["AvailableChallenges"] {
            Value::Null => Value::Array(Vec::new()),
            texts => texts.clone(),
        }
    }

    /// AuthenticationResult, unless missing or null: AccessToken, IdToken, RefreshToken
    /// (texts), ExpiresIn, TokenType, NewDeviceMetadata (taken as it is).
    pub fn authentication_result(&self) -> Option<&Object> {
        self.0["AuthenticationResult"].as_object()
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
        assert_eq!(r.text("ChallengeName"), Some("PASSWORD_VERIFIER"));
        assert_eq!(r.challenge_parameters().and_then(|p| p["SALT"].as_str()), Some("ab"));
        assert!(r.authentication_result().is_none());
    }

    #[test]
    fn responses_of_the_wrong_shape_are_refused_and_nulls_are_unset() {
        for text in [
            r#"{"ChallengeName":5}"#,
            r#"{"AuthenticationResult":{"ExpiresIn":"soon"}}"#,
            "[]",
            r#"{"Session":{}}"#,
            r#"{"ChallengeParameters":[]}"#,
            r#"{"AvailableChallenges":["SMS_OTP",1]}"#,
            r#"{"AvailableChallenges":"SMS_OTP"}"#,
            r#"{"AuthenticationResult":"tokens"}"#,
            r#"{"AuthenticationResult":{"IdToken":1}}"#,
            r#"{"AuthenticationResult":{"AccessToken":true}}"#,
            r#"{"AuthenticationResult":{"RefreshToken":[]}}"#,
            r#"{"AuthenticationResult":{"TokenType":2}}"#,
            r#"{"AuthenticationResult":{"ExpiresIn":1.5}}"#,
        ] {
            assert!(crate::json::from_str::<AuthResponse>(text).is_none(), "{text}");
        }
        let r: AuthResponse = crate::json::from_str(
            r#"{"Session":null,"AvailableChallenges":["A","B"],"AuthenticationResult":{"IdToken":"i","ExpiresIn":3600,"NewDeviceMetadata":7}}"#,
        )
        .unwrap();
        assert_eq!(r.text("Session"), None);
        assert_eq!(r.available_challenges(), crate::json!(["A", "B"]));
        assert_eq!(r.authentication_result().and_then(|a| a["ExpiresIn"].as_i64()), Some(3600));
        let r: AuthResponse = crate::json::from_str(r#"{"AvailableChallenges":null}"#).unwrap();
        assert_eq!(r.available_challenges(), crate::json!([]));
        assert!(r.challenge_parameters().is_none());
    }
}
