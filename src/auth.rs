//! The sign-in state machine. Each step takes Cognito's last answer and says what to
//! send next, or how sign-in ended. No I/O here: the driver in `client` does the
//! sending, so every path is testable natively with canned responses.

use crate::protocol::types::{AuthResponse, AuthenticationResult, InitiateAuthRequest, RespondToAuthChallengeRequest, StringMap};
use crate::protocol::{CognitoError, Operation, Request};
use crate::srp::{self, SrpClient};
use serde_json::{Map, Value};

/// The `AuthFlow` values `CognitoUser.setAuthenticationFlowType` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    UserSrp,
    UserPassword,
    CustomAuth,
}

impl Flow {
    pub fn parse(name: &str) -> Option<Flow> {
        match name {
            "USER_SRP_AUTH" => Some(Flow::UserSrp),
            "USER_PASSWORD_AUTH" => Some(Flow::UserPassword),
            "CUSTOM_AUTH" => Some(Flow::CustomAuth),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Flow::UserSrp => "USER_SRP_AUTH",
            Flow::UserPassword => "USER_PASSWORD_AUTH",
            Flow::CustomAuth => "CUSTOM_AUTH",
        }
    }
}

/// Everything a sign-in needs to know up front.
#[derive(Debug, Clone)]
pub struct SignInParams {
    pub user_pool_id: String,
    pub client_id: String,
    pub username: String,
    pub password: String,
    pub client_metadata: Option<StringMap>,
}

/// Where a sign-in stands after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Send this and feed the answer to [`SignIn::on_response`].
    Send(Request),
    /// Signed in. `username` is the one to store the session under (USER_ID_FOR_SRP after SRP).
    SignedIn { username: String, tokens: Tokens },
    /// Cognito wants an answer this library's caller must give (MFA code, new password, ...).
    Challenge(Challenge),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tokens {
    pub id_token: String,
    pub access_token: String,
    pub refresh_token: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Challenge {
    pub name: String,
    pub parameters: Map<String, Value>,
    pub session: Option<String>,
    pub username: String,
}

enum State {
    NotStarted,
    /// InitiateAuth with SRP_A is out; the secret `a` waits for the server's B.
    AwaitingPasswordVerifier(Box<SrpClient>),
    /// The last request should come back with tokens or a challenge.
    AwaitingResult,
    Finished,
}

pub struct SignIn {
    flow: Flow,
    params: SignInParams,
    username: String,
    state: State,
}

fn missing(what: &str) -> CognitoError {
    CognitoError::unexpected_response(200, &format!("{what} is missing"))
}

impl SignIn {
    pub fn new(flow: Flow, params: SignInParams) -> SignIn {
        let username = params.username.clone();
        SignIn { flow, params, username, state: State::NotStarted }
    }

    /// The first request. `srp` supplies the client's ephemeral secret (random in production).
    pub fn start(&mut self, srp: impl FnOnce() -> Result<SrpClient, srp::SrpError>) -> Result<Request, CognitoError> {
        if !matches!(self.state, State::NotStarted) {
            return Err(CognitoError::invalid_parameter("This sign-in has already started."));
        }
        let mut auth_parameters = StringMap::new();
        auth_parameters.insert("USERNAME".into(), self.params.username.clone());
        let state = match self.flow {
            Flow::UserPassword => {
                if self.params.password.is_empty() {
                    return Err(CognitoError::invalid_parameter("PASSWORD parameter is required"));
                }
                auth_parameters.insert("PASSWORD".into(), self.params.password.clone());
                State::AwaitingResult
            }
            Flow::UserSrp | Flow::CustomAuth => {
                let client = srp().map_err(|e| CognitoError::new("SrpError", e.message()))?;
                auth_parameters.insert("SRP_A".into(), client.large_a_hex());
                if self.flow == Flow::CustomAuth {
                    auth_parameters.insert("CHALLENGE_NAME".into(), "SRP_A".into());
                }
                State::AwaitingPasswordVerifier(Box::new(client))
            }
        };
        self.state = state;
        Ok(Request::new(
            Operation::InitiateAuth,
            &InitiateAuthRequest {
                auth_flow: self.flow.name().into(),
                client_id: self.params.client_id.clone(),
                auth_parameters,
                client_metadata: self.params.client_metadata.clone(),
            },
        ))
    }

    /// Feeds Cognito's answer to the last request. `now` (epoch seconds) stamps the SRP proof.
    pub fn on_response(&mut self, response: AuthResponse, now: i64) -> Result<Step, CognitoError> {
        match std::mem::replace(&mut self.state, State::Finished) {
            State::AwaitingPasswordVerifier(srp) if response.challenge_name.as_deref() == Some("PASSWORD_VERIFIER") => {
                let request = self.password_verifier(&srp, &response, now)?;
                self.state = State::AwaitingResult;
                Ok(Step::Send(request))
            }
            State::AwaitingPasswordVerifier(_) | State::AwaitingResult => self.outcome(response),
            idle @ (State::NotStarted | State::Finished) => {
                self.state = idle;
                Err(CognitoError::invalid_parameter("No sign-in step is waiting for a response."))
            }
        }
    }

    fn password_verifier(&mut self, srp: &SrpClient, response: &AuthResponse, now: i64) -> Result<Request, CognitoError> {
        let params = response.challenge_parameters.as_ref().ok_or_else(|| missing("ChallengeParameters"))?;
        let param = |name: &str| params.get(name).and_then(Value::as_str).ok_or_else(|| missing(name));
        let user_id = param("USER_ID_FOR_SRP")?.to_string();
        let (srp_b, salt, secret_block) = (param("SRP_B")?, param("SALT")?, param("SECRET_BLOCK")?);
        let pool_name = srp::pool_name(&self.params.user_pool_id);
        let srp_err = |e: srp::SrpError| CognitoError::new("SrpError", e.message());
        let key = srp.password_authentication_key(pool_name, &user_id, &self.params.password, srp_b, salt).map_err(srp_err)?;
        let timestamp = srp::timestamp(now);
        let signature = srp::password_claim_signature(&key, pool_name, &user_id, secret_block, &timestamp).map_err(srp_err)?;
        self.username = user_id.clone();
        let responses: StringMap = [
            ("USERNAME", user_id),
            ("PASSWORD_CLAIM_SECRET_BLOCK", secret_block.to_string()),
            ("TIMESTAMP", timestamp),
            ("PASSWORD_CLAIM_SIGNATURE", signature),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        Ok(Request::new(
            Operation::RespondToAuthChallenge,
            &RespondToAuthChallengeRequest {
                challenge_name: "PASSWORD_VERIFIER".into(),
                client_id: self.params.client_id.clone(),
                challenge_responses: responses,
                session: response.session.clone(),
                client_metadata: self.params.client_metadata.clone(),
            },
        ))
    }

    /// Tokens or a challenge. Never reports success without both tokens, so nothing empty
    /// is ever stored (the JS SDK writes empty tokens on a challenge it does not know).
    fn outcome(&mut self, response: AuthResponse) -> Result<Step, CognitoError> {
        if let Some(name) = response.challenge_name.filter(|n| !n.is_empty()) {
            return Ok(Step::Challenge(Challenge {
                name,
                parameters: response.challenge_parameters.unwrap_or_default(),
                session: response.session,
                username: self.username.clone(),
            }));
        }
        let result = response.authentication_result.ok_or_else(|| missing("AuthenticationResult"))?;
        Ok(Step::SignedIn { username: self.username.clone(), tokens: tokens_from(result, None)? })
    }
}

/// Checks an AuthenticationResult carries real tokens. A refresh answer has no new
/// refresh token: `previous_refresh` fills it in, as Cognito expects the old one to be kept.
pub fn tokens_from(result: AuthenticationResult, previous_refresh: Option<&str>) -> Result<Tokens, CognitoError> {
    let non_empty = |t: Option<String>| t.filter(|t| !t.is_empty());
    let id_token = non_empty(result.id_token).ok_or_else(|| missing("IdToken"))?;
    let access_token = non_empty(result.access_token).ok_or_else(|| missing("AccessToken"))?;
    let refresh_token = non_empty(result.refresh_token).or_else(|| previous_refresh.map(str::to_string)).unwrap_or_default();
    Ok(Tokens { id_token, access_token, refresh_token })
}

/// The REFRESH_TOKEN_AUTH request for a stored refresh token.
pub fn refresh_request(client_id: &str, refresh_token: &str, device_key: Option<&str>, client_metadata: Option<StringMap>) -> Request {
    let mut auth_parameters = StringMap::new();
    auth_parameters.insert("REFRESH_TOKEN".into(), refresh_token.to_string());
    if let Some(device_key) = device_key {
        auth_parameters.insert("DEVICE_KEY".into(), device_key.to_string());
    }
    Request::new(
        Operation::InitiateAuth,
        &InitiateAuthRequest { auth_flow: "REFRESH_TOKEN_AUTH".into(), client_id: client_id.to_string(), auth_parameters, client_metadata },
    )
}

/// How the SDK's callback object is asked to answer a challenge: the method's name, and
/// whether it takes `(challengeName, challengeParameters)` or only the parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeCallback {
    NameAndParameters(&'static str),
    ParametersOnly(&'static str),
    /// `newPasswordRequired(userAttributes, requiredAttributes)`: see [`new_password_required_args`].
    NewPasswordRequired,
}

impl ChallengeCallback {
    pub fn method(self) -> &'static str {
        match self {
            ChallengeCallback::NameAndParameters(m) | ChallengeCallback::ParametersOnly(m) => m,
            ChallengeCallback::NewPasswordRequired => "newPasswordRequired",
        }
    }
}

/// Every challenge the SDK's callback objects know, and the method each one calls.
pub fn challenge_callback(challenge_name: &str) -> Option<ChallengeCallback> {
    use ChallengeCallback::*;
    Some(match challenge_name {
        "SMS_MFA" => NameAndParameters("mfaRequired"),
        "SOFTWARE_TOKEN_MFA" => NameAndParameters("totpRequired"),
        "SELECT_MFA_TYPE" => NameAndParameters("selectMFAType"),
        "MFA_SETUP" => NameAndParameters("mfaSetup"),
        "CUSTOM_CHALLENGE" => ParametersOnly("customChallenge"),
        "NEW_PASSWORD_REQUIRED" => NewPasswordRequired,
        _ => return None,
    })
}

/// The prefix Cognito puts on attribute names in NEW_PASSWORD_REQUIRED.
pub const USER_ATTRIBUTES_PREFIX: &str = "userAttributes.";

/// `(userAttributes, requiredAttributes)` for `newPasswordRequired`: Cognito sends both as
/// JSON text; required names lose their `userAttributes.` prefix. Bad JSON gives `null` / `[]`.
pub fn new_password_required_args(parameters: &Map<String, Value>) -> (Value, Vec<String>) {
    let parse = |name: &str| parameters.get(name).and_then(Value::as_str).and_then(|t| serde_json::from_str::<Value>(t).ok());
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
    use serde_json::json;

    fn params(password: &str) -> SignInParams {
        SignInParams {
            user_pool_id: "us-east-1_Pool1".into(),
            client_id: "client".into(),
            username: "Alice".into(),
            password: password.into(),
            client_metadata: None,
        }
    }

    fn body(req: &Request) -> Value {
        serde_json::from_str(&req.body).unwrap()
    }

    fn auth(v: Value) -> AuthResponse {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn password_flow_sends_the_password_and_takes_tokens() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        let req = s.start(|| unreachable!("no SRP in USER_PASSWORD_AUTH")).unwrap();
        assert_eq!(body(&req), json!({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client","AuthParameters":{"USERNAME":"Alice","PASSWORD":"pw"}}));
        let step = s.on_response(auth(json!({"AuthenticationResult":{"IdToken":"i","AccessToken":"a","RefreshToken":"r"}})), 0).unwrap();
        assert_eq!(step, Step::SignedIn { username: "Alice".into(), tokens: Tokens { id_token: "i".into(), access_token: "a".into(), refresh_token: "r".into() } });
    }

    #[test]
    fn empty_password_is_refused_before_any_request() {
        let mut s = SignIn::new(Flow::UserPassword, params(""));
        assert_eq!(s.start(|| unreachable!()).unwrap_err().message, "PASSWORD parameter is required");
    }

    #[test]
    fn srp_flow_never_sends_the_password_and_switches_to_user_id_for_srp() {
        let mut s = SignIn::new(Flow::UserSrp, params("secret-password"));
        let req = s.start(|| Ok(SrpClient::from_small_a(&[7u8; 128]))).unwrap();
        let b = body(&req);
        assert_eq!(b["AuthFlow"], "USER_SRP_AUTH");
        assert!(b["AuthParameters"]["SRP_A"].as_str().unwrap().len() > 500);
        let challenge = json!({"ChallengeName":"PASSWORD_VERIFIER","Session":"sess","ChallengeParameters":{
            "USER_ID_FOR_SRP":"uuid-1","SRP_B":"abcdef0123","SALT":"0badc0de","SECRET_BLOCK":"c2VjcmV0"}});
        let Step::Send(next) = s.on_response(auth(challenge), 1_725_350_645).unwrap() else { panic!("expected a request") };
        assert!(!next.body.contains("secret-password") && !req.body.contains("secret-password"));
        let nb = body(&next);
        assert_eq!(nb["ChallengeName"], "PASSWORD_VERIFIER");
        assert_eq!(nb["Session"], "sess");
        assert_eq!(nb["ChallengeResponses"]["USERNAME"], "uuid-1");
        assert_eq!(nb["ChallengeResponses"]["TIMESTAMP"], "Tue Sep 3 08:04:05 UTC 2024");
        let step = s.on_response(auth(json!({"AuthenticationResult":{"IdToken":"i","AccessToken":"a","RefreshToken":"r"}})), 0).unwrap();
        assert!(matches!(step, Step::SignedIn { ref username, .. } if username == "uuid-1"));
    }

    #[test]
    fn custom_auth_with_srp_names_the_srp_a_challenge() {
        let mut s = SignIn::new(Flow::CustomAuth, params("pw"));
        let b = body(&s.start(|| Ok(SrpClient::from_small_a(&[1u8; 128]))).unwrap());
        assert_eq!(b["AuthParameters"]["CHALLENGE_NAME"], "SRP_A");
    }

    #[test]
    fn hostile_or_broken_answers_are_coded_errors_not_panics() {
        let start = |s: &mut SignIn| s.start(|| Ok(SrpClient::from_small_a(&[7u8; 128]))).unwrap();
        let cases = [
            json!({"ChallengeName":"PASSWORD_VERIFIER"}),
            json!({"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"USER_ID_FOR_SRP":"u","SRP_B":"0","SALT":"00","SECRET_BLOCK":"AA=="}}),
            json!({"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"USER_ID_FOR_SRP":"u","SRP_B":"zz","SALT":"00","SECRET_BLOCK":"AA=="}}),
            json!({}),
            json!({"AuthenticationResult":{"IdToken":"","AccessToken":"a"}}),
        ];
        for case in cases {
            let mut s = SignIn::new(Flow::UserSrp, params("pw"));
            start(&mut s);
            let err = s.on_response(auth(case.clone()), 0).unwrap_err();
            assert!(!err.code.is_empty() && !err.message.is_empty(), "{case}");
        }
    }

    #[test]
    fn unknown_challenges_are_reported_with_their_session() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        s.start(|| unreachable!()).unwrap();
        let step = s.on_response(auth(json!({"ChallengeName":"SOMETHING_NEW","Session":"x","ChallengeParameters":{"a":"b"}})), 0).unwrap();
        let Step::Challenge(c) = step else { panic!() };
        assert_eq!((c.name.as_str(), c.session.as_deref(), c.username.as_str()), ("SOMETHING_NEW", Some("x"), "Alice"));
    }

    #[test]
    fn a_finished_sign_in_takes_no_more_responses() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        assert!(s.on_response(AuthResponse::default(), 0).is_err());
        s.start(|| unreachable!()).unwrap();
        s.on_response(auth(json!({"AuthenticationResult":{"IdToken":"i","AccessToken":"a"}})), 0).unwrap();
        assert!(s.on_response(AuthResponse::default(), 0).is_err());
        assert!(s.start(|| unreachable!()).is_err());
    }

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

    #[test]
    fn refresh_keeps_the_previous_refresh_token() {
        let t = tokens_from(AuthenticationResult { id_token: Some("i".into()), access_token: Some("a".into()), ..Default::default() }, Some("old")).unwrap();
        assert_eq!(t.refresh_token, "old");
        let b = body(&refresh_request("c", "rt", None, None));
        assert_eq!(b, json!({"AuthFlow":"REFRESH_TOKEN_AUTH","ClientId":"c","AuthParameters":{"REFRESH_TOKEN":"rt"}}));
    }
}
