//! Request and response bodies, field for field as Cognito names them. Optional
//! fields are left out of the JSON when unset, as `JSON.stringify` drops `undefined`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub type StringMap = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributeType {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Value", default)]
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpRequest {
    pub client_id: String,
    pub username: String,
    pub password: String,
    /// Passed through as the caller gave them (usually `CognitoUserAttribute`s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_attributes: Option<Vec<AttributeType>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_data: Option<Vec<AttributeType>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpResponse {
    /// Required: an answer without it is not a SignUp answer.
    pub user_confirmed: bool,
    #[serde(default)]
    pub user_sub: Option<String>,
    #[serde(default)]
    pub code_delivery_details: Option<Value>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmSignUpRequest {
    pub client_id: String,
    pub confirmation_code: String,
    pub username: String,
    pub force_alias_creation: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResendConfirmationCodeRequest {
    pub client_id: String,
    pub username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest {
    pub auth_flow: String,
    pub client_id: String,
    pub auth_parameters: StringMap,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RespondToAuthChallengeRequest {
    pub challenge_name: String,
    pub client_id: String,
    pub challenge_responses: StringMap,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<StringMap>,
}

/// The answer to InitiateAuth and RespondToAuthChallenge: either tokens or the next challenge.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct AuthResponse {
    #[serde(default)]
    pub challenge_name: Option<String>,
    #[serde(default)]
    pub challenge_parameters: Option<Map<String, Value>>,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub authentication_result: Option<AuthenticationResult>,
    /// USER_AUTH's SELECT_CHALLENGE: the first factors on offer.
    #[serde(default)]
    pub available_challenges: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResult {
    #[serde(default)]
    pub access_token: Option<String>,
    #[serde(default)]
    pub id_token: Option<String>,
    #[serde(default)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub expires_in: Option<i64>,
    #[serde(default)]
    pub token_type: Option<String>,
    #[serde(default)]
    pub new_device_metadata: Option<Value>,
}

/// Any response whose fields we pass through to the caller unchanged.
pub type Passthrough = Map<String, Value>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_optional_fields_are_left_out_like_json_stringify_does() {
        let body = serde_json::to_value(InitiateAuthRequest {
            auth_flow: "USER_SRP_AUTH".into(),
            client_id: "c".into(),
            auth_parameters: [("USERNAME".to_string(), "u".to_string())].into(),
            client_metadata: None,
        })
        .unwrap();
        assert_eq!(body, serde_json::json!({"AuthFlow":"USER_SRP_AUTH","ClientId":"c","AuthParameters":{"USERNAME":"u"}}));
    }

    #[test]
    fn auth_response_tolerates_missing_and_extra_fields() {
        let r: AuthResponse = serde_json::from_str(r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab"},"Extra":1}"#).unwrap();
        assert_eq!(r.challenge_name.as_deref(), Some("PASSWORD_VERIFIER"));
        assert!(r.authentication_result.is_none());
    }
}
