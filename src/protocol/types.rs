//! Request and response bodies, field for field as Cognito names them. Optional
//! fields are left out of the JSON when unset, as `JSON.stringify` drops `undefined`.

use crate::json::{FromJson, Object, OrderedMap, ToJson, Value};

/// AuthParameters, ChallengeResponses, ClientMetadata: sent in insertion order, as the
/// JS SDK's object literals are.
pub type StringMap = OrderedMap<String>;

/// Adds `name: value` unless the value is unset, as `JSON.stringify` drops `undefined`.
fn insert_set<T: ToJson>(body: &mut Object, name: &str, value: &Option<T>) {
    if let Some(value) = value {
        body.insert(name, value.to_json());
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttributeType {
    pub name: String,
    pub value: String,
}

impl ToJson for AttributeType {
    fn to_json(&self) -> Value {
        crate::json!({ "Name": (self.name), "Value": (self.value) })
    }
}

/// `Name` is required; a missing `Value` reads as ''.
impl FromJson for AttributeType {
    fn from_json(value: Value) -> Option<Self> {
        let mut o = value.into_object()?;
        Some(AttributeType { name: o.required("Name")?, value: o.optional("Value")?.unwrap_or_default() })
    }
}

#[derive(Debug, Clone)]
pub struct SignUpRequest {
    pub client_id: String,
    pub username: String,
    pub password: String,
    /// Passed through as the caller gave them (usually `CognitoUserAttribute`s).
    pub user_attributes: Option<Vec<AttributeType>>,
    pub validation_data: Option<Vec<AttributeType>>,
    pub client_metadata: Option<StringMap>,
}

impl ToJson for SignUpRequest {
    fn to_json(&self) -> Value {
        let mut body = Object::new();
        body.insert("ClientId", self.client_id.to_json());
        body.insert("Username", self.username.to_json());
        body.insert("Password", self.password.to_json());
        insert_set(&mut body, "UserAttributes", &self.user_attributes);
        insert_set(&mut body, "ValidationData", &self.validation_data);
        insert_set(&mut body, "ClientMetadata", &self.client_metadata);
        Value::Object(body)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SignUpResponse {
    /// Required: an answer without it is not a SignUp answer.
    pub user_confirmed: bool,
    pub user_sub: Option<String>,
    pub code_delivery_details: Option<Value>,
}

impl FromJson for SignUpResponse {
    fn from_json(value: Value) -> Option<Self> {
        let mut o = value.into_object()?;
        Some(SignUpResponse {
            user_confirmed: o.required("UserConfirmed")?,
            user_sub: o.optional("UserSub")?,
            code_delivery_details: o.optional("CodeDeliveryDetails")?,
        })
    }
}

#[derive(Debug, Clone)]
pub struct ConfirmSignUpRequest {
    pub client_id: String,
    pub confirmation_code: String,
    pub username: String,
    pub force_alias_creation: bool,
    pub client_metadata: Option<StringMap>,
}

impl ToJson for ConfirmSignUpRequest {
    fn to_json(&self) -> Value {
        let mut body = Object::new();
        body.insert("ClientId", self.client_id.to_json());
        body.insert("ConfirmationCode", self.confirmation_code.to_json());
        body.insert("Username", self.username.to_json());
        body.insert("ForceAliasCreation", self.force_alias_creation.to_json());
        insert_set(&mut body, "ClientMetadata", &self.client_metadata);
        Value::Object(body)
    }
}

#[derive(Debug, Clone)]
pub struct ResendConfirmationCodeRequest {
    pub client_id: String,
    pub username: String,
    pub client_metadata: Option<StringMap>,
}

impl ToJson for ResendConfirmationCodeRequest {
    fn to_json(&self) -> Value {
        let mut body = Object::new();
        body.insert("ClientId", self.client_id.to_json());
        body.insert("Username", self.username.to_json());
        insert_set(&mut body, "ClientMetadata", &self.client_metadata);
        Value::Object(body)
    }
}

#[derive(Debug, Clone)]
pub struct InitiateAuthRequest {
    pub auth_flow: String,
    pub client_id: String,
    pub auth_parameters: StringMap,
    pub client_metadata: Option<StringMap>,
}

impl ToJson for InitiateAuthRequest {
    fn to_json(&self) -> Value {
        let mut body = Object::new();
        body.insert("AuthFlow", self.auth_flow.to_json());
        body.insert("ClientId", self.client_id.to_json());
        body.insert("AuthParameters", self.auth_parameters.to_json());
        insert_set(&mut body, "ClientMetadata", &self.client_metadata);
        Value::Object(body)
    }
}

#[derive(Debug, Clone)]
pub struct RespondToAuthChallengeRequest {
    pub challenge_name: String,
    pub client_id: String,
    pub challenge_responses: StringMap,
    pub session: Option<String>,
    pub client_metadata: Option<StringMap>,
}

impl ToJson for RespondToAuthChallengeRequest {
    fn to_json(&self) -> Value {
        let mut body = Object::new();
        body.insert("ChallengeName", self.challenge_name.to_json());
        body.insert("ClientId", self.client_id.to_json());
        body.insert("ChallengeResponses", self.challenge_responses.to_json());
        insert_set(&mut body, "Session", &self.session);
        insert_set(&mut body, "ClientMetadata", &self.client_metadata);
        Value::Object(body)
    }
}

/// The answer to InitiateAuth and RespondToAuthChallenge: either tokens or the next challenge.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthResponse {
    pub challenge_name: Option<String>,
    pub challenge_parameters: Option<Object>,
    pub session: Option<String>,
    pub authentication_result: Option<AuthenticationResult>,
    /// USER_AUTH's SELECT_CHALLENGE: the first factors on offer.
    pub available_challenges: Option<Vec<String>>,
}

impl FromJson for AuthResponse {
    fn from_json(value: Value) -> Option<Self> {
        let mut o = value.into_object()?;
        Some(AuthResponse {
            challenge_name: o.optional("ChallengeName")?,
            challenge_parameters: o.optional("ChallengeParameters")?,
            session: o.optional("Session")?,
            authentication_result: o.optional("AuthenticationResult")?,
            available_challenges: o.optional("AvailableChallenges")?,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthenticationResult {
    pub access_token: Option<String>,
    pub id_token: Option<String>,
    pub refresh_token: Option<String>,
    pub expires_in: Option<i64>,
    pub token_type: Option<String>,
    pub new_device_metadata: Option<Value>,
}

impl FromJson for AuthenticationResult {
    fn from_json(value: Value) -> Option<Self> {
        let mut o = value.into_object()?;
        Some(AuthenticationResult {
            access_token: o.optional("AccessToken")?,
            id_token: o.optional("IdToken")?,
            refresh_token: o.optional("RefreshToken")?,
            expires_in: o.optional("ExpiresIn")?,
            token_type: o.optional("TokenType")?,
            new_device_metadata: o.optional("NewDeviceMetadata")?,
        })
    }
}

/// Any response whose fields we pass through to the caller unchanged.
pub type Passthrough = Object;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unset_optional_fields_are_left_out_like_json_stringify_does() {
        let body = InitiateAuthRequest {
            auth_flow: "USER_SRP_AUTH".into(),
            client_id: "c".into(),
            auth_parameters: [("USERNAME".to_string(), "u".to_string())].into(),
            client_metadata: None,
        }
        .to_json();
        assert_eq!(
            body.stringify(),
            r#"{"AuthFlow":"USER_SRP_AUTH","ClientId":"c","AuthParameters":{"USERNAME":"u"}}"#
        );
    }

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
        assert!(crate::json::from_str::<SignUpResponse>(r#"{"UserSub":"s"}"#).is_none(), "UserConfirmed is required");
        let a: AttributeType = crate::json::from_str(r#"{"Name":"email"}"#).unwrap();
        assert_eq!((a.name.as_str(), a.value.as_str()), ("email", ""));
    }

    #[test]
    fn request_fields_go_out_in_the_sdk_order() {
        let body = SignUpRequest {
            client_id: "c".into(),
            username: "u".into(),
            password: "p".into(),
            user_attributes: Some(vec![AttributeType { name: "email".into(), value: "a@b".into() }]),
            validation_data: None,
            client_metadata: Some([("k".to_string(), "v".to_string())].into()),
        };
        let expected = r#"{"ClientId":"c","Username":"u","Password":"p","UserAttributes":[{"Name":"email","Value":"a@b"}],"ClientMetadata":{"k":"v"}}"#;
        assert_eq!(body.to_json().stringify(), expected);
    }
}
