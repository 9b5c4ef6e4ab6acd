//! The sign-in state machine. Each step takes Cognito's last answer and says what to
//! send next, or how sign-in ended. No I/O here: the driver in `client` does the
//! sending, so every path is testable natively with canned responses.

use super::answers::Answer;
use super::device::DeviceSecrets;
use crate::json::{Object, Value};
use crate::protocol::types::{
    AuthResponse, AuthenticationResult, InitiateAuthRequest, RespondToAuthChallengeRequest, StringMap,
};
use crate::protocol::{CognitoError, ErrorKind, Operation, Request};
use crate::srp::{self, SrpClient};

/// The `AuthFlow` values `CognitoUser.setAuthenticationFlowType` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    UserSrp,
    UserPassword,
    CustomAuth,
    /// Choice-based sign-in (passwordless: email/SMS codes, passkeys; or a password).
    UserAuth,
}

impl Flow {
    pub fn parse(name: &str) -> Option<Flow> {
        match name {
            "USER_SRP_AUTH" => Some(Flow::UserSrp),
            "USER_PASSWORD_AUTH" => Some(Flow::UserPassword),
            "CUSTOM_AUTH" => Some(Flow::CustomAuth),
            "USER_AUTH" => Some(Flow::UserAuth),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Flow::UserSrp => "USER_SRP_AUTH",
            Flow::UserPassword => "USER_PASSWORD_AUTH",
            Flow::CustomAuth => "CUSTOM_AUTH",
            Flow::UserAuth => "USER_AUTH",
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
    /// USER_AUTH only: the first factor to try (`PASSWORD_SRP`, `PASSWORD`, `EMAIL_OTP`,
    /// `SMS_OTP`, `WEB_AUTHN`); without it Cognito offers a choice (SELECT_CHALLENGE).
    pub preferred_challenge: Option<String>,
}

/// Where a sign-in stands after a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Send this and feed the answer to [`SignIn::on_response`].
    Send(Request),
    /// Signed in. `username` is the one to store the session under (USER_ID_FOR_SRP after SRP).
    /// `new_device`: Cognito issued a device to remember (confirm it with ConfirmDevice).
    SignedIn { username: String, tokens: Tokens, new_device: Option<NewDevice> },
    /// Cognito wants an answer this library's caller must give (MFA code, new password, ...).
    Challenge(Challenge),
}

/// NewDeviceMetadata of an AuthenticationResult.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub key: String,
    pub group_key: String,
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
    pub parameters: Object,
    /// SELECT_CHALLENGE: the first factors Cognito offers.
    pub available: Vec<String>,
    pub session: Option<String>,
    pub username: String,
}

enum State {
    NotStarted,
    /// InitiateAuth with SRP_A is out; the secret `a` waits for the server's B.
    AwaitingPasswordVerifier(Box<SrpClient>),
    /// DEVICE_SRP_AUTH is answered; the device's SRP secret waits for DEVICE_PASSWORD_VERIFIER.
    AwaitingDeviceVerifier(Box<SrpClient>),
    /// The last request should come back with tokens or a challenge.
    AwaitingResult,
    /// The app must answer this challenge (MFA code, new password, ...).
    AwaitingAnswer(Challenge),
    Finished,
}

pub struct SignIn {
    flow: Flow,
    params: SignInParams,
    username: String,
    state: State,
    /// The challenge last answered, so a rejected answer (a mistyped code) can be retried.
    answered: Option<Challenge>,
    /// Finds a remembered device's secrets by username (storage, in production).
    devices: DeviceLookup,
    /// The remembered device of the user signing in, once known.
    device: Option<DeviceSecrets>,
}

/// Finds a remembered device's secrets by username.
type DeviceLookup = Box<dyn Fn(&str) -> Option<DeviceSecrets>>;

// Hand-written: the password and the SRP secret must never reach a log.
impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn").field("flow", &self.flow).field("username", &self.username).finish_non_exhaustive()
    }
}

fn srp_error(e: srp::SrpError) -> CognitoError {
    CognitoError::new(ErrorKind::Srp, e.message())
}

fn missing(what: &str) -> CognitoError {
    CognitoError::unexpected_response(200, &format!("{what} is missing"))
}

impl SignIn {
    pub fn new(flow: Flow, params: SignInParams) -> SignIn {
        let username = params.username.clone();
        SignIn {
            flow,
            params,
            username,
            state: State::NotStarted,
            answered: None,
            devices: Box::new(|_| None),
            device: None,
        }
    }

    /// Lets the sign-in find remembered devices (by username): with one, requests carry its
    /// DEVICE_KEY and Cognito's DEVICE_SRP_AUTH is answered with the device's own SRP proof.
    pub fn with_devices(mut self, lookup: impl Fn(&str) -> Option<DeviceSecrets> + 'static) -> SignIn {
        self.devices = Box::new(lookup);
        self
    }

    /// The remembered device in use, if any.
    pub fn device(&self) -> Option<&DeviceSecrets> {
        self.device.as_ref()
    }

    /// Stops sending the device key (Cognito no longer knows the device).
    pub fn forget_device(&mut self) {
        self.device = None;
        self.devices = Box::new(|_| None);
    }

    fn add_device_key(&self, fields: &mut StringMap) {
        if let Some(d) = &self.device {
            fields.insert("DEVICE_KEY", d.key.clone());
        }
    }

    /// The first request. `srp` supplies the client's ephemeral secret (random in production).
    pub fn start(&mut self, srp: impl FnOnce() -> Result<SrpClient, srp::SrpError>) -> Result<Request, CognitoError> {
        if !matches!(self.state, State::NotStarted) {
            return Err(CognitoError::invalid_parameter("This sign-in has already started."));
        }
        let mut auth_parameters = StringMap::new();
        auth_parameters.insert("USERNAME", self.params.username.clone());
        self.device = (self.devices)(&self.params.username);
        self.add_device_key(&mut auth_parameters);
        let state = match self.flow {
            Flow::UserPassword => {
                if self.params.password.is_empty() {
                    return Err(CognitoError::invalid_parameter("PASSWORD parameter is required"));
                }
                auth_parameters.insert("PASSWORD", self.params.password.clone());
                State::AwaitingResult
            }
            Flow::UserSrp | Flow::CustomAuth => {
                let client = srp().map_err(srp_error)?;
                auth_parameters.insert("SRP_A", client.large_a_hex());
                if self.flow == Flow::CustomAuth {
                    auth_parameters.insert("CHALLENGE_NAME", "SRP_A".into());
                }
                State::AwaitingPasswordVerifier(Box::new(client))
            }
            Flow::UserAuth => {
                let preferred = self.params.preferred_challenge.clone().filter(|p| !p.is_empty());
                if let Some(p) = &preferred {
                    auth_parameters.insert("PREFERRED_CHALLENGE", p.clone());
                }
                self.first_factor(preferred.as_deref(), &mut auth_parameters, srp)?
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

    /// What a password first factor of USER_AUTH adds to a request (SRP_A or PASSWORD), and
    /// the state that then waits for Cognito; other factors add nothing.
    fn first_factor(
        &self,
        factor: Option<&str>,
        fields: &mut StringMap,
        srp: impl FnOnce() -> Result<SrpClient, srp::SrpError>,
    ) -> Result<State, CognitoError> {
        match factor {
            Some("PASSWORD_SRP") => {
                // A proof for an empty password can only fail, and would count towards lockout.
                if self.params.password.is_empty() {
                    return Err(CognitoError::invalid_parameter("PASSWORD parameter is required"));
                }
                let client = srp().map_err(srp_error)?;
                fields.insert("SRP_A", client.large_a_hex());
                Ok(State::AwaitingPasswordVerifier(Box::new(client)))
            }
            Some("PASSWORD") => {
                if self.params.password.is_empty() {
                    return Err(CognitoError::invalid_parameter("PASSWORD parameter is required"));
                }
                fields.insert("PASSWORD", self.params.password.clone());
                Ok(State::AwaitingResult)
            }
            _ => Ok(State::AwaitingResult),
        }
    }

    /// The first request of CUSTOM_AUTH without SRP (`CognitoUser.initiateAuth`): the app's
    /// own AuthParameters plus USERNAME.
    pub fn start_custom(&mut self, mut auth_parameters: StringMap) -> Result<Request, CognitoError> {
        if !matches!(self.state, State::NotStarted) {
            return Err(CognitoError::invalid_parameter("This sign-in has already started."));
        }
        auth_parameters.insert("USERNAME", self.params.username.clone());
        self.state = State::AwaitingResult;
        Ok(Request::new(
            Operation::InitiateAuth,
            &InitiateAuthRequest {
                auth_flow: Flow::CustomAuth.name().into(),
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
            State::AwaitingDeviceVerifier(srp)
                if response.challenge_name.as_deref() == Some("DEVICE_PASSWORD_VERIFIER") =>
            {
                let request = self.device_verifier(&srp, &response, now)?;
                self.state = State::AwaitingResult;
                Ok(Step::Send(request))
            }
            State::AwaitingPasswordVerifier(_) | State::AwaitingDeviceVerifier(_) | State::AwaitingResult => {
                self.outcome(response)
            }
            idle @ (State::NotStarted | State::Finished | State::AwaitingAnswer(_)) => {
                self.state = idle;
                Err(CognitoError::invalid_parameter("No sign-in step is waiting for a response."))
            }
        }
    }

    fn password_verifier(
        &mut self,
        srp: &SrpClient,
        response: &AuthResponse,
        now: i64,
    ) -> Result<Request, CognitoError> {
        let params = response.challenge_parameters.as_ref().ok_or_else(|| missing("ChallengeParameters"))?;
        let user_id = params
            .get("USER_ID_FOR_SRP")
            .and_then(Value::as_str)
            .ok_or_else(|| missing("USER_ID_FOR_SRP"))?
            .to_string();
        self.username = user_id.clone();
        // Devices are remembered under USER_ID_FOR_SRP, which may differ from what was typed.
        if self.device.is_none() {
            self.device = (self.devices)(&user_id);
        }
        let pool_name = srp::pool_name(&self.params.user_pool_id).to_string();
        let password = self.params.password.clone();
        self.srp_proof("PASSWORD_VERIFIER", srp, response, now, (&pool_name, &user_id, &password))
    }

    /// DEVICE_PASSWORD_VERIFIER: the same SRP with the device group key as the pool name,
    /// the device key as the user and the device's random password.
    fn device_verifier(&mut self, srp: &SrpClient, response: &AuthResponse, now: i64) -> Result<Request, CognitoError> {
        let device = self.device.clone().ok_or_else(|| missing("the remembered device"))?;
        self.srp_proof(
            "DEVICE_PASSWORD_VERIFIER",
            srp,
            response,
            now,
            (&device.group_key, &device.key, &device.password),
        )
    }

    /// The RespondToAuthChallenge that proves knowledge of a password by SRP.
    /// `identity` is (pool name, user id, password) as the verifier was made with.
    fn srp_proof(
        &self,
        challenge_name: &str,
        srp: &SrpClient,
        response: &AuthResponse,
        now: i64,
        identity: (&str, &str, &str),
    ) -> Result<Request, CognitoError> {
        let (pool_name, user_id, password) = identity;
        let params = response.challenge_parameters.as_ref().ok_or_else(|| missing("ChallengeParameters"))?;
        let param = |name: &str| params.get(name).and_then(Value::as_str).ok_or_else(|| missing(name));
        let (srp_b, salt, secret_block) = (param("SRP_B")?, param("SALT")?, param("SECRET_BLOCK")?);
        let key = srp.password_authentication_key(pool_name, user_id, password, srp_b, salt).map_err(srp_error)?;
        let timestamp = srp::timestamp(now);
        let signature =
            srp::password_claim_signature(&key, pool_name, user_id, secret_block, &timestamp).map_err(srp_error)?;
        let mut responses = StringMap::from_iter(
            [
                ("USERNAME", self.username.clone()),
                ("PASSWORD_CLAIM_SECRET_BLOCK", secret_block.to_string()),
                ("TIMESTAMP", timestamp),
                ("PASSWORD_CLAIM_SIGNATURE", signature),
            ]
            .map(|(k, v)| (k.to_string(), v)),
        );
        self.add_device_key(&mut responses);
        Ok(Request::new(
            Operation::RespondToAuthChallenge,
            &RespondToAuthChallengeRequest {
                challenge_name: challenge_name.into(),
                client_id: self.params.client_id.clone(),
                challenge_responses: responses,
                session: response.session.clone(),
                client_metadata: self.params.client_metadata.clone(),
            },
        ))
    }

    /// DEVICE_SRP_AUTH: starts the device's SRP with a fresh secret (no app involvement).
    fn device_srp_auth(&mut self, session: Option<String>, srp: SrpClient) -> Result<Step, CognitoError> {
        let device = self.device.clone().ok_or_else(|| {
            CognitoError::new(
                ErrorKind::DeviceNotRemembered,
                "Cognito asked for this device's proof (DEVICE_SRP_AUTH), but no device key is stored.",
            )
        })?;
        let responses = StringMap::from_iter(
            [("USERNAME", self.username.clone()), ("DEVICE_KEY", device.key), ("SRP_A", srp.large_a_hex())]
                .map(|(k, v)| (k.to_string(), v)),
        );
        self.state = State::AwaitingDeviceVerifier(Box::new(srp));
        Ok(Step::Send(Request::new(
            Operation::RespondToAuthChallenge,
            &RespondToAuthChallengeRequest {
                challenge_name: "DEVICE_SRP_AUTH".into(),
                client_id: self.params.client_id.clone(),
                challenge_responses: responses,
                session,
                client_metadata: self.params.client_metadata.clone(),
            },
        )))
    }

    /// The challenge waiting for the app's answer, if any.
    pub fn pending_challenge(&self) -> Option<&Challenge> {
        match &self.state {
            State::AwaitingAnswer(c) => Some(c),
            _ => None,
        }
    }

    /// Replaces the pending challenge's Session string: AssociateSoftwareToken and
    /// VerifySoftwareToken hand out a new one during MFA set-up.
    pub fn update_session(&mut self, session: String) {
        if let State::AwaitingAnswer(c) = &mut self.state {
            c.session = Some(session);
        }
    }

    /// After Cognito refused an answer (e.g. CodeMismatchException), waits for another
    /// answer to the same challenge, as the JS SDK lets apps call sendMFACode again.
    pub fn reopen_challenge(&mut self) {
        if matches!(self.state, State::AwaitingResult) {
            if let Some(challenge) = self.answered.take() {
                self.state = State::AwaitingAnswer(challenge);
            }
        }
    }

    /// The username the session will be stored under (USER_ID_FOR_SRP once known).
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The request answering the pending challenge. Its response goes to [`SignIn::on_response`].
    /// `srp` is used when the answer picks PASSWORD_SRP in USER_AUTH's SELECT_CHALLENGE.
    pub fn answer(
        &mut self,
        answer: &Answer,
        client_metadata: Option<StringMap>,
        srp: impl FnOnce() -> Result<SrpClient, srp::SrpError>,
    ) -> Result<Request, CognitoError> {
        if !matches!(self.state, State::AwaitingAnswer(_)) {
            return Err(CognitoError::invalid_parameter(
                "No challenge is waiting for an answer: call authenticateUser first.",
            ));
        }
        let mut responses = answer.responses(&self.username);
        self.add_device_key(&mut responses);
        let next = match answer {
            Answer::SelectChallenge(choice) => self.first_factor(Some(choice), &mut responses, srp)?,
            _ => State::AwaitingResult,
        };
        let State::AwaitingAnswer(challenge) = std::mem::replace(&mut self.state, next) else { unreachable!() };
        self.answered = Some(challenge.clone());
        Ok(Request::new(
            Operation::RespondToAuthChallenge,
            &RespondToAuthChallengeRequest {
                challenge_name: answer.challenge_name().to_string(),
                client_id: self.params.client_id.clone(),
                challenge_responses: responses,
                session: challenge.session,
                client_metadata: client_metadata.or_else(|| self.params.client_metadata.clone()),
            },
        ))
    }

    /// Tokens or a challenge. Never reports success without both tokens, so nothing empty
    /// is ever stored (the JS SDK writes empty tokens on a challenge it does not know).
    fn outcome(&mut self, response: AuthResponse) -> Result<Step, CognitoError> {
        if response.challenge_name.as_deref() == Some("DEVICE_SRP_AUTH") {
            let srp = srp::ahead::take_or_generate().map_err(srp_error)?;
            return self.device_srp_auth(response.session, srp);
        }
        if let Some(name) = response.challenge_name.filter(|n| !n.is_empty()) {
            let challenge = Challenge {
                name,
                parameters: response.challenge_parameters.unwrap_or_default(),
                available: response.available_challenges.unwrap_or_default(),
                session: response.session,
                username: self.username.clone(),
            };
            self.state = State::AwaitingAnswer(challenge.clone());
            return Ok(Step::Challenge(challenge));
        }
        let result = response.authentication_result.ok_or_else(|| missing("AuthenticationResult"))?;
        let new_device = result.new_device_metadata.as_ref().and_then(|m| {
            let field = |name: &str| m.get(name).and_then(Value::as_str).filter(|v| !v.is_empty()).map(str::to_string);
            Some(NewDevice { key: field("DeviceKey")?, group_key: field("DeviceGroupKey")? })
        });
        Ok(Step::SignedIn { username: self.username.clone(), tokens: tokens_from(result, None)?, new_device })
    }
}

/// Checks an AuthenticationResult carries real tokens. A refresh answer has no new
/// refresh token: `previous_refresh` fills it in, as Cognito expects the old one to be kept.
pub fn tokens_from(result: AuthenticationResult, previous_refresh: Option<&str>) -> Result<Tokens, CognitoError> {
    // ID and access tokens must be JWTs whose payload decodes: anything else would be
    // stored over a working session and never be valid.
    let jwt = |t: Option<String>, name: &str| match t.filter(|t| !t.is_empty()) {
        None => Err(missing(name)),
        Some(t) if crate::session::decode_payload(&t).is_none() => {
            Err(CognitoError::unexpected_response(200, &format!("{name} is not a JWT")))
        }
        Some(t) => Ok(t),
    };
    let id_token = jwt(result.id_token, "IdToken")?;
    let access_token = jwt(result.access_token, "AccessToken")?;
    let non_empty = |t: Option<String>| t.filter(|t| !t.is_empty());
    let refresh_token =
        non_empty(result.refresh_token).or_else(|| previous_refresh.map(str::to_string)).unwrap_or_default();
    Ok(Tokens { id_token, access_token, refresh_token })
}

/// The REFRESH_TOKEN_AUTH request for a stored refresh token.
pub fn refresh_request(
    client_id: &str,
    refresh_token: &str,
    device_key: Option<&str>,
    client_metadata: Option<StringMap>,
) -> Request {
    let mut auth_parameters = StringMap::new();
    auth_parameters.insert("REFRESH_TOKEN", refresh_token.to_string());
    if let Some(device_key) = device_key {
        auth_parameters.insert("DEVICE_KEY", device_key.to_string());
    }
    Request::new(
        Operation::InitiateAuth,
        &InitiateAuthRequest {
            auth_flow: "REFRESH_TOKEN_AUTH".into(),
            client_id: client_id.to_string(),
            auth_parameters,
            client_metadata,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;
    use crate::session::tests::jwt;

    fn params(password: &str) -> SignInParams {
        SignInParams {
            user_pool_id: "us-east-1_Pool1".into(),
            client_id: "client".into(),
            username: "Alice".into(),
            password: password.into(),
            client_metadata: None,
            preferred_challenge: None,
        }
    }

    fn no_srp() -> Result<SrpClient, srp::SrpError> {
        unreachable!("this answer needs no SRP")
    }

    fn body(req: &Request) -> Value {
        json::parse(&req.body).unwrap()
    }

    /// A successful answer with JWT-shaped tokens ("i" and "a" in their payloads).
    fn signed_in(refresh: Option<&str>) -> Value {
        let mut result = json!({"IdToken": (jwt(&json!({"t":"i"}))), "AccessToken": (jwt(&json!({"t":"a"})))});
        if let Some(r) = refresh {
            result.insert("RefreshToken", json!(r));
        }
        json!({ "AuthenticationResult": result })
    }

    fn auth(v: Value) -> AuthResponse {
        json::FromJson::from_json(v).unwrap()
    }

    #[test]
    fn password_flow_sends_the_password_and_takes_tokens() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        let req = s.start(|| unreachable!("no SRP in USER_PASSWORD_AUTH")).unwrap();
        assert_eq!(
            body(&req),
            json!({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"client","AuthParameters":{"USERNAME":"Alice","PASSWORD":"pw"}})
        );
        let step = s.on_response(auth(signed_in(Some("r"))), 0).unwrap();
        let tokens = Tokens {
            id_token: jwt(&json!({"t":"i"})),
            access_token: jwt(&json!({"t":"a"})),
            refresh_token: "r".into(),
        };
        assert_eq!(step, Step::SignedIn { username: "Alice".into(), tokens, new_device: None });
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
        let Step::Send(next) = s.on_response(auth(challenge), 1_725_350_645).unwrap() else {
            panic!("expected a request")
        };
        assert!(!next.body.contains("secret-password") && !req.body.contains("secret-password"));
        let nb = body(&next);
        assert_eq!(nb["ChallengeName"], "PASSWORD_VERIFIER");
        assert_eq!(nb["Session"], "sess");
        assert_eq!(nb["ChallengeResponses"]["USERNAME"], "uuid-1");
        assert_eq!(nb["ChallengeResponses"]["TIMESTAMP"], "Tue Sep 3 08:04:05 UTC 2024");
        let step = s.on_response(auth(signed_in(Some("r"))), 0).unwrap();
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
            assert!(!err.code().is_empty() && !err.message.is_empty(), "{}", case.stringify());
        }
    }

    #[test]
    fn tokens_that_are_not_jwts_are_refused() {
        for (id, access) in [("abc".to_string(), jwt(&json!({}))), (jwt(&json!({})), "a.b.c".to_string())] {
            let err = tokens_from(
                AuthenticationResult { id_token: Some(id), access_token: Some(access), ..Default::default() },
                None,
            )
            .unwrap_err();
            assert_eq!(err.code(), "UnexpectedResponseException");
        }
    }

    #[test]
    fn unknown_challenges_are_reported_with_their_session() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        s.start(|| unreachable!()).unwrap();
        let step = s
            .on_response(
                auth(json!({"ChallengeName":"SOMETHING_NEW","Session":"x","ChallengeParameters":{"a":"b"}})),
                0,
            )
            .unwrap();
        let Step::Challenge(c) = step else { panic!() };
        assert_eq!((c.name.as_str(), c.session.as_deref(), c.username.as_str()), ("SOMETHING_NEW", Some("x"), "Alice"));
    }

    #[test]
    fn a_finished_sign_in_takes_no_more_responses() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        assert!(s.on_response(AuthResponse::default(), 0).is_err());
        s.start(|| unreachable!()).unwrap();
        s.on_response(auth(signed_in(None)), 0).unwrap();
        assert!(s.on_response(AuthResponse::default(), 0).is_err());
        assert!(s.start(|| unreachable!()).is_err());
    }

    #[test]
    fn a_challenge_is_answered_with_its_session_and_then_signs_in() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        s.start(|| unreachable!()).unwrap();
        let step = s
            .on_response(auth(json!({"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"s1","ChallengeParameters":{}})), 0)
            .unwrap();
        assert!(matches!(step, Step::Challenge(ref c) if c.name == "SOFTWARE_TOKEN_MFA"));
        assert_eq!(s.pending_challenge().map(|c| c.session.as_deref()), Some(Some("s1")));
        let req = s
            .answer(&Answer::MfaCode { code: "123456".into(), mfa_type: "SOFTWARE_TOKEN_MFA".into() }, None, no_srp)
            .unwrap();
        assert_eq!(
            body(&req),
            json!({"ChallengeName":"SOFTWARE_TOKEN_MFA","ClientId":"client","Session":"s1",
            "ChallengeResponses":{"USERNAME":"Alice","SOFTWARE_TOKEN_MFA_CODE":"123456"}})
        );
        // A second answer before Cognito replied is refused.
        assert!(s.answer(&Answer::Custom("x".into()), None, no_srp).is_err());
        let step = s.on_response(auth(signed_in(Some("r"))), 0).unwrap();
        assert!(matches!(step, Step::SignedIn { .. }));
    }

    #[test]
    fn a_refused_answer_can_be_given_again() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        s.start(|| unreachable!()).unwrap();
        s.on_response(auth(json!({"ChallengeName":"SMS_MFA","Session":"s1"})), 0).unwrap();
        s.answer(&Answer::MfaCode { code: "000000".into(), mfa_type: "SMS_MFA".into() }, None, no_srp).unwrap();
        s.reopen_challenge();
        let req =
            s.answer(&Answer::MfaCode { code: "123456".into(), mfa_type: "SMS_MFA".into() }, None, no_srp).unwrap();
        assert_eq!(body(&req)["Session"], "s1");
    }

    #[test]
    fn custom_auth_without_srp_sends_the_apps_parameters() {
        let mut s = SignIn::new(Flow::CustomAuth, params(""));
        let req = s.start_custom([("hint".to_string(), "x".to_string())].into()).unwrap();
        assert_eq!(body(&req)["AuthParameters"], json!({"hint":"x","USERNAME":"Alice"}));
        let step = s
            .on_response(
                auth(json!({"ChallengeName":"CUSTOM_CHALLENGE","Session":"c1","ChallengeParameters":{"q":"2+2"}})),
                0,
            )
            .unwrap();
        assert!(matches!(step, Step::Challenge(ref c) if c.name == "CUSTOM_CHALLENGE"));
    }

    #[test]
    fn mfa_setup_takes_the_session_from_verify_software_token() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        s.start(|| unreachable!()).unwrap();
        s.on_response(auth(json!({"ChallengeName":"MFA_SETUP","Session":"s1"})), 0).unwrap();
        s.update_session("s2".into());
        let req = s.answer(&Answer::MfaSetupDone, None, no_srp).unwrap();
        assert_eq!(body(&req)["Session"], "s2");
        assert_eq!(body(&req)["ChallengeName"], "MFA_SETUP");
    }

    #[test]
    fn answering_without_a_challenge_is_refused() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        assert!(s.answer(&Answer::Custom("x".into()), None, no_srp).is_err());
        s.start(|| unreachable!()).unwrap();
        assert!(s.answer(&Answer::Custom("x".into()), None, no_srp).is_err());
    }

    #[test]
    fn user_auth_offers_a_choice_and_the_answer_brings_its_first_factor() {
        let mut s = SignIn::new(Flow::UserAuth, params("pw"));
        let req = s.start(|| unreachable!()).unwrap();
        assert_eq!(body(&req)["AuthFlow"], "USER_AUTH");
        assert_eq!(body(&req)["AuthParameters"], json!({"USERNAME":"Alice"}));
        let step = s.on_response(auth(json!({"ChallengeName":"SELECT_CHALLENGE","Session":"s1","AvailableChallenges":["PASSWORD_SRP","EMAIL_OTP","WEB_AUTHN"]})), 0).unwrap();
        let Step::Challenge(c) = step else { panic!() };
        assert_eq!(c.available, vec!["PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]);
        let req = s
            .answer(&Answer::SelectChallenge("PASSWORD_SRP".into()), None, || Ok(SrpClient::from_small_a(&[9u8; 128])))
            .unwrap();
        let b = body(&req);
        assert_eq!((b["ChallengeName"].as_str(), b["Session"].as_str()), (Some("SELECT_CHALLENGE"), Some("s1")));
        assert_eq!(b["ChallengeResponses"]["ANSWER"], "PASSWORD_SRP");
        assert!(b["ChallengeResponses"]["SRP_A"].as_str().unwrap().len() > 500);
        // The password verifier then follows as in USER_SRP_AUTH.
        let challenge = json!({"ChallengeName":"PASSWORD_VERIFIER","Session":"s2","ChallengeParameters":{
            "USER_ID_FOR_SRP":"Alice","SRP_B":"abcdef0123","SALT":"0badc0de","SECRET_BLOCK":"c2VjcmV0"}});
        assert!(matches!(s.on_response(auth(challenge), 1_725_350_645).unwrap(), Step::Send(_)));
    }

    #[test]
    fn user_auth_preferred_factors_go_in_the_first_request() {
        let mut p = params("pw");
        p.preferred_challenge = Some("PASSWORD".into());
        let mut s = SignIn::new(Flow::UserAuth, p.clone());
        assert_eq!(
            body(&s.start(|| unreachable!()).unwrap())["AuthParameters"],
            json!({"USERNAME":"Alice","PREFERRED_CHALLENGE":"PASSWORD","PASSWORD":"pw"})
        );
        p.preferred_challenge = Some("EMAIL_OTP".into());
        let mut s = SignIn::new(Flow::UserAuth, p);
        assert_eq!(
            body(&s.start(|| unreachable!()).unwrap())["AuthParameters"],
            json!({"USERNAME":"Alice","PREFERRED_CHALLENGE":"EMAIL_OTP"})
        );
        let step = s.on_response(auth(json!({"ChallengeName":"EMAIL_OTP","Session":"e1","ChallengeParameters":{"CODE_DELIVERY_DESTINATION":"a***@e***"}})), 0).unwrap();
        assert!(matches!(step, Step::Challenge(ref c) if c.name == "EMAIL_OTP"));
        let req =
            s.answer(&Answer::MfaCode { code: "12345678".into(), mfa_type: "EMAIL_OTP".into() }, None, no_srp).unwrap();
        assert_eq!(body(&req)["ChallengeResponses"], json!({"USERNAME":"Alice","EMAIL_OTP_CODE":"12345678"}));
    }

    fn device() -> DeviceSecrets {
        DeviceSecrets { key: "us-east-1_dev".into(), group_key: "group".into(), password: "devpw".into() }
    }

    #[test]
    fn a_remembered_device_answers_device_srp_itself() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw")).with_devices(|u| (u == "Alice").then(device));
        let req = s.start(|| unreachable!()).unwrap();
        assert_eq!(body(&req)["AuthParameters"]["DEVICE_KEY"], "us-east-1_dev");
        let Step::Send(req) =
            s.on_response(auth(json!({"ChallengeName":"DEVICE_SRP_AUTH","Session":"d1"})), 0).unwrap()
        else {
            panic!()
        };
        let b = body(&req);
        assert_eq!((b["ChallengeName"].as_str(), b["Session"].as_str()), (Some("DEVICE_SRP_AUTH"), Some("d1")));
        assert_eq!(b["ChallengeResponses"]["DEVICE_KEY"], "us-east-1_dev");
        assert!(b["ChallengeResponses"]["SRP_A"].as_str().unwrap().len() > 500);
        let verifier = json!({"ChallengeName":"DEVICE_PASSWORD_VERIFIER","Session":"d2","ChallengeParameters":{"SRP_B":"abcdef0123","SALT":"0badc0de","SECRET_BLOCK":"c2VjcmV0","USERNAME":"Alice","DEVICE_KEY":"us-east-1_dev"}});
        let Step::Send(req) = s.on_response(auth(verifier), 1_725_350_645).unwrap() else { panic!() };
        let b = body(&req);
        assert_eq!(b["ChallengeName"], "DEVICE_PASSWORD_VERIFIER");
        assert_eq!(b["ChallengeResponses"]["DEVICE_KEY"], "us-east-1_dev");
        assert_eq!(b["ChallengeResponses"]["TIMESTAMP"], "Tue Sep 3 08:04:05 UTC 2024");
        assert!(!req.body.contains("devpw"), "the device password is never sent");
        let mut result = signed_in(Some("r"));
        let device = json!({"DeviceKey":"k2","DeviceGroupKey":"g2"});
        result
            .as_object_mut()
            .and_then(|r| r.get_mut("AuthenticationResult"))
            .unwrap()
            .insert("NewDeviceMetadata", device);
        let Step::SignedIn { new_device, .. } = s.on_response(auth(result), 0).unwrap() else { panic!() };
        assert_eq!(new_device, Some(NewDevice { key: "k2".into(), group_key: "g2".into() }));
    }

    #[test]
    fn device_srp_without_a_remembered_device_is_a_coded_error() {
        let mut s = SignIn::new(Flow::UserPassword, params("pw"));
        s.start(|| unreachable!()).unwrap();
        let err = s.on_response(auth(json!({"ChallengeName":"DEVICE_SRP_AUTH","Session":"d1"})), 0).unwrap_err();
        assert_eq!(err.code(), "DeviceNotRememberedException");
    }

    #[test]
    fn refresh_keeps_the_previous_refresh_token() {
        let t = tokens_from(
            AuthenticationResult {
                id_token: Some(jwt(&json!({"t":"i"}))),
                access_token: Some(jwt(&json!({"t":"a"}))),
                ..Default::default()
            },
            Some("old"),
        )
        .unwrap();
        assert_eq!(t.refresh_token, "old");
        let b = body(&refresh_request("c", "rt", None, None));
        assert_eq!(b, json!({"AuthFlow":"REFRESH_TOKEN_AUTH","ClientId":"c","AuthParameters":{"REFRESH_TOKEN":"rt"}}));
    }
}
