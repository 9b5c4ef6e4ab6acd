//! Sign-in as typed states. Each state is a value that a transition consumes: a state
//! waiting for Cognito ([`AwaitingServer`]) takes its answer and gives the next request, a
//! challenge for the app ([`AwaitingAnswer`]), or the tokens; a challenge takes the app's
//! answer and gives the request that carries it. A wrong-order call does not compile.
//! No I/O: the driver in `flows::sign_in` sends what these produce; randomness (SRP's
//! secret `a`), the clock, the remembered devices and advanced security's context data
//! come in as arguments.
//!
//! Cognito's message sequence, per flow (`→` to Cognito, `←` its answer; `[DEVICE_KEY]`
//! when a device is remembered for the user):
//!
//! | flow | message | carries |
//! |---|---|---|
//! | USER_SRP_AUTH | → InitiateAuth | USERNAME, SRP_A = g^a, [DEVICE_KEY] |
//! | | ← PASSWORD_VERIFIER | USER_ID_FOR_SRP, SRP_B, SALT, SECRET_BLOCK |
//! | | → RespondToAuthChallenge PASSWORD_VERIFIER | USERNAME (= USER_ID_FOR_SRP), PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE, [DEVICE_KEY] |
//! | | ← tokens, or a challenge | AuthenticationResult [NewDeviceMetadata], or ChallengeName + Session |
//! | USER_PASSWORD_AUTH | → InitiateAuth | USERNAME, PASSWORD, [DEVICE_KEY] |
//! | | ← tokens, or a challenge | |
//! | CUSTOM_AUTH with SRP | → InitiateAuth | USERNAME, SRP_A, CHALLENGE_NAME = SRP_A, [DEVICE_KEY] |
//! | | ← PASSWORD_VERIFIER, then as USER_SRP_AUTH | then CUSTOM_CHALLENGE rounds |
//! | CUSTOM_AUTH (`initiateAuth`) | → InitiateAuth | the app's AuthParameters, USERNAME |
//! | | ← CUSTOM_CHALLENGE | the app answers: ANSWER |
//! | USER_AUTH | → InitiateAuth | USERNAME, [PREFERRED_CHALLENGE, then SRP_A or PASSWORD for a password factor] |
//! | | ← SELECT_CHALLENGE | AvailableChallenges; the app answers ANSWER (+ SRP_A or PASSWORD) |
//! | | ← EMAIL_OTP / SMS_OTP / WEB_AUTHN / PASSWORD_VERIFIER | a code, a passkey assertion (CREDENTIAL), or the SRP proof |
//! | any, device remembered | ← DEVICE_SRP_AUTH | → USERNAME, DEVICE_KEY, SRP_A (the device's own SRP) |
//! | | ← DEVICE_PASSWORD_VERIFIER | → the SRP proof with the device group key as pool, device key as user |
//! | any | ← SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE, NEW_PASSWORD_REQUIRED, MFA_SETUP | the app answers; RespondToAuthChallenge with the challenge's Session |
//! | | MFA_SETUP: → VerifySoftwareToken | Session, UserCode, [FriendlyDeviceName]; then RespondToAuthChallenge MFA_SETUP with the Session it gives |
//!
//! Every request carries the `UserContextData` of the user it is made for at that step (what
//! was typed, then USER_ID_FOR_SRP), as the JS SDK's do: InitiateAuth and
//! RespondToAuthChallenge are all it sends during a sign-in, and USER_AUTH's too, which
//! Cognito's threat protection reads as well.
//!
//! Two recoveries: a request refused because Cognito forgot the device is sent again
//! without DEVICE_KEY ([`AwaitingServer::forget_device`]); an answer Cognito refused (a
//! mistyped code) can be given again ([`AwaitingServer::reopen`]).

use super::answers::Answer;
use super::device::DeviceSecrets;
use crate::json::{Object, Value};
use crate::prelude::*;
use crate::protocol::account::verify_software_token;
use crate::protocol::auth::{initiate_auth, respond_to_auth_challenge};
use crate::protocol::challenge::{AuthFlow, ChallengeName, Handling, PasswordFactor};
use crate::protocol::types::{put_text, AuthResponse, StringMap};
use crate::protocol::{CognitoError, ErrorKind, Operation, Request, UserContextData};
use crate::session::Session;
use crate::srp::{self, SrpClient, SrpError};
use crate::text::concat;

/// How a sign-in begins.
#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Begin {
    /// `authenticateUser` with the user's flow.
    Flow(AuthFlow),
    /// `initiateAuth`: CUSTOM_AUTH without SRP, with the app's own AuthParameters.
    Custom(StringMap),
}

/// Everything a sign-in needs to know up front.
#[derive(Clone)]
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

// Hand-written: the password must never reach a log.
#[cfg(not(shipped))]
impl core::fmt::Debug for SignInParams {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SignInParams").field("username", &self.username).finish_non_exhaustive()
    }
}

/// NewDeviceMetadata of an AuthenticationResult.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct NewDevice {
    pub key: String,
    pub group_key: String,
}

#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Challenge {
    pub name: ChallengeName,
    pub parameters: Object,
    /// SELECT_CHALLENGE: the first factors Cognito offers, as it sent them (an array of
    /// texts; empty when it sent none): handed on to JS as they are.
    pub available: Value,
    pub session: Option<String>,
}

/// How a sign-in ended: `username` is the one to store the session under (USER_ID_FOR_SRP
/// after SRP), `session` the one the tokens make (its clock drift measured when they came);
/// `new_device`: Cognito issued a device to remember (confirm it with ConfirmDevice).
#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct SignedIn {
    pub username: String,
    pub session: Session,
    pub new_device: Option<NewDevice>,
    /// The Session of Cognito's DEVICE_SRP_AUTH challenge when a remembered device proved
    /// itself (the SDK keeps it in `user.Session`).
    pub device_session: Option<String>,
    /// Set by the driver once ConfirmDevice registered `new_device`: its PasswordVerifier
    /// as sent (the SDK's `user.verifierDevices`), and whether it awaits the user's consent
    /// (the second argument of the SDK's `onSuccess`). Here, not beside the box, so the
    /// sign-in's result is one pointer all the way to the entry.
    pub device_verifier: Option<String>,
    pub user_confirmation_necessary: bool,
}

/// Where a sign-in goes after Cognito's answer.
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Next {
    /// Send this and feed the answer to the state.
    Send(AwaitingServer, Request),
    /// Cognito wants an answer this library's caller must give (MFA code, new password, ...).
    Challenge(AwaitingAnswer),
    /// Boxed: the largest variant, and every step's result would carry it.
    SignedIn(Box<SignedIn>),
}

/// A step of a sign-in: its start, or the app's answer to the challenge it waits at
/// (`client_metadata`: the answering call's, else the sign-in's own).
#[cfg_attr(not(shipped), derive(Debug))]
pub enum Step {
    Start(Begin, SignInParams),
    Answer(AwaitingAnswer, Answer, Option<StringMap>),
}

impl Step {
    /// The step's first request ([`AwaitingServer::start`] or [`AwaitingAnswer::answer`]),
    /// or why it cannot be sent, with the challenge that still waits for an answer when it
    /// was an answer. One call for both: the driver's future hands the step over whole.
    pub fn send(
        self, devices: Devices, user_context: UserContext, srp: impl FnOnce() -> Result<Box<SrpClient>, SrpError>,
    ) -> Result<(AwaitingServer, Request), (CognitoError, Option<AwaitingAnswer>)> {
        match self {
            Step::Start(begin, params) => {
                AwaitingServer::start(begin, params, devices, user_context, srp).map_err(|e| (e, None))
            }
            Step::Answer(pending, answer, client_metadata) => {
                pending.answer(&answer, client_metadata, user_context, srp).map_err(|(e, pending)| (e, Some(pending)))
            }
        }
    }
}

/// Finds a remembered device's secrets by username (storage, in production).
pub type Devices<'a> = &'a dyn Fn(&str) -> Option<DeviceSecrets>;

/// The `UserContextData` of a request made now for a username (the page's
/// advanced-security collector, in production).
pub type UserContext<'a> = &'a dyn Fn(&str) -> UserContextData;

/// What a sign-in carries from message to message, whichever state it is in: both
/// states are this one box, so a transition moves a pointer and rebuilds nothing.
struct Context {
    params: SignInParams,
    /// The name the session is stored under: what was typed, then USER_ID_FOR_SRP.
    username: String,
    /// The remembered device of the user signing in, once known.
    device: Option<DeviceSecrets>,
    /// The challenge waiting for the app's answer ([`AwaitingAnswer`]); once answered, kept
    /// so a refused answer (a mistyped code) can be given again.
    challenge: Challenge,
    /// Whether this sign-in has answered a challenge yet: then, while waiting for Cognito,
    /// `challenge` is the one last answered ([`AwaitingServer::reopen`]).
    answered: bool,
    /// The Session of DEVICE_SRP_AUTH, once Cognito asked for the device's proof.
    device_session: Option<String>,
    /// What Cognito's next answer should be ([`AwaitingServer`]).
    expect: Expect,
}

// Hand-written: the password and the device's secrets must never reach a log.
#[cfg(not(shipped))]
impl core::fmt::Debug for Context {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Context")
            .field("username", &self.username)
            .field("expect", &self.expect)
            .finish_non_exhaustive()
    }
}

/// What the next answer from Cognito should be.
#[cfg_attr(not(shipped), derive(Debug))]
enum Expect {
    /// SRP_A is out; the secret `a` waits for the server's B: the user's
    /// (PASSWORD_VERIFIER), or with `device` the remembered device's once DEVICE_SRP_AUTH is
    /// answered (DEVICE_PASSWORD_VERIFIER). One variant: the two are proved alike.
    Verifier { client: Box<SrpClient>, device: bool },
    /// VerifySoftwareToken is out with MFA_SETUP's code: this answer to MFA_SETUP goes
    /// next, with the Session it gives back.
    SoftwareToken(Request),
    /// Tokens or a challenge.
    Result,
}

/// Waiting for Cognito's answer to the last request.
#[cfg_attr(not(shipped), derive(Debug))]
pub struct AwaitingServer(Box<Context>);

/// A challenge waiting for the app's answer.
#[cfg_attr(not(shipped), derive(Debug))]
pub struct AwaitingAnswer(Box<Context>);

fn srp_error(e: SrpError) -> CognitoError {
    CognitoError::new(ErrorKind::Srp, e.message())
}

/// Draws SRP's secret ephemeral `a` and adds its public `SRP_A` to a request.
fn srp_a(
    fields: &mut StringMap, srp: impl FnOnce() -> Result<Box<SrpClient>, SrpError>,
) -> Result<Box<SrpClient>, CognitoError> {
    let client = srp().map_err(srp_error)?;
    put_text(fields, "SRP_A", client.large_a_hex());
    Ok(client)
}

fn missing(what: &str) -> CognitoError {
    unexpected(what, " is missing")
}

/// Cognito's 200 answer lacks what a sign-in needs: `what` and what is wrong with it.
fn unexpected(what: &str, wrong: &str) -> CognitoError {
    CognitoError::unexpected_response(200, &concat(&[what, wrong]))
}

fn password_required() -> CognitoError {
    CognitoError::invalid_parameter("PASSWORD parameter is required")
}

impl Context {
    /// A sign-in's context before any message: no challenge yet (`session` is the one a
    /// sign-in taken up from its Session alone answers).
    fn new(params: SignInParams, device: Option<DeviceSecrets>, session: Option<String>) -> Box<Context> {
        let challenge = Challenge {
            name: ChallengeName::Other(String::new()),
            parameters: Object::new(),
            available: Value::Array(Vec::new()),
            session,
        };
        Box::new(Context {
            username: params.username.clone(),
            params,
            device,
            challenge,
            answered: false,
            device_session: None,
            expect: Expect::Result,
        })
    }

    fn add_device_key(&self, fields: &mut StringMap) {
        if let Some(d) = &self.device {
            put_text(fields, "DEVICE_KEY", d.key.clone());
        }
    }

    fn with_username(&self) -> StringMap {
        let mut fields = StringMap::new();
        put_text(&mut fields, "USERNAME", self.username.clone());
        fields
    }

    /// What proving the password adds to a request: SRP_A (the answer will be
    /// PASSWORD_VERIFIER), or the PASSWORD itself, never an empty one; nothing without a
    /// password factor (USER_AUTH's other first factors). `refuse_empty` (USER_AUTH): a proof
    /// for an empty password can only fail, and would count towards lockout.
    fn password_factor(
        &self, factor: Option<PasswordFactor>, refuse_empty: bool, fields: &mut StringMap,
        srp: impl FnOnce() -> Result<Box<SrpClient>, SrpError>,
    ) -> Result<Expect, CognitoError> {
        let Some(factor) = factor else { return Ok(Expect::Result) };
        if self.params.password.is_empty() && (refuse_empty || factor == PasswordFactor::Plain) {
            return Err(password_required());
        }
        Ok(match factor {
            PasswordFactor::Srp => Expect::Verifier { client: srp_a(fields, srp)?, device: false },
            PasswordFactor::Plain => {
                put_text(fields, "PASSWORD", self.params.password.clone());
                Expect::Result
            }
        })
    }

    /// RespondToAuthChallenge with `client_metadata`: the answering call's, else the sign-in's.
    fn respond(
        &self, challenge: &ChallengeName, responses: StringMap, session: Option<&str>,
        client_metadata: Option<&StringMap>, user_context: UserContext,
    ) -> Request {
        respond_to_auth_challenge(
            challenge,
            &self.params.client_id,
            responses,
            session,
            client_metadata.or(self.params.client_metadata.as_ref()),
            &user_context(&self.username),
        )
    }
}

impl AwaitingServer {
    /// The first request of a sign-in: of the user's flow, or of CUSTOM_AUTH without SRP
    /// (`CognitoUser.initiateAuth`: the app's own AuthParameters plus USERNAME). `srp`
    /// supplies the client's ephemeral secret (random in production), drawn only by the
    /// flows that use SRP.
    pub fn start(
        begin: Begin, params: SignInParams, devices: Devices, user_context: UserContext,
        srp: impl FnOnce() -> Result<Box<SrpClient>, SrpError>,
    ) -> Result<(AwaitingServer, Request), CognitoError> {
        let device = devices(&params.username);
        let mut ctx = Context::new(params, device, None);
        let (flow, auth_parameters, expect) = match begin {
            Begin::Custom(mut auth_parameters) => {
                put_text(&mut auth_parameters, "USERNAME", ctx.username.clone());
                (AuthFlow::CustomAuth, auth_parameters, Expect::Result)
            }
            Begin::Flow(flow) => {
                let mut auth_parameters = ctx.with_username();
                ctx.add_device_key(&mut auth_parameters);
                let (factor, refuse_empty) = match flow {
                    AuthFlow::RefreshToken => {
                        return Err(CognitoError::invalid_parameter("Authentication flow type is invalid."))
                    }
                    AuthFlow::UserPassword => (Some(PasswordFactor::Plain), false),
                    AuthFlow::UserSrp | AuthFlow::CustomAuth => (Some(PasswordFactor::Srp), false),
                    AuthFlow::UserAuth => {
                        let preferred = ctx.params.preferred_challenge.as_deref().filter(|p| !p.is_empty());
                        if let Some(p) = preferred {
                            put_text(&mut auth_parameters, "PREFERRED_CHALLENGE", p.to_string());
                        }
                        (preferred.and_then(PasswordFactor::parse), true)
                    }
                };
                let expect = ctx.password_factor(factor, refuse_empty, &mut auth_parameters, srp)?;
                if flow == AuthFlow::CustomAuth {
                    put_text(&mut auth_parameters, "CHALLENGE_NAME", ChallengeName::SrpA.as_str().to_string());
                }
                (flow, auth_parameters, expect)
            }
        };
        let request = initiate_auth(
            flow,
            &ctx.params.client_id,
            auth_parameters,
            ctx.params.client_metadata.as_ref(),
            &user_context(&ctx.username),
        );
        ctx.expect = expect;
        Ok((AwaitingServer(ctx), request))
    }

    /// The username the session will be stored under (USER_ID_FOR_SRP once known).
    pub fn username(&self) -> &str {
        &self.0.username
    }

    /// The remembered device the request out names, if any (VerifySoftwareToken names none).
    pub fn device(&self) -> Option<&DeviceSecrets> {
        match self.0.expect {
            Expect::SoftwareToken(_) => None,
            _ => self.0.device.as_ref(),
        }
    }

    /// Cognito no longer knows the device (forgotten elsewhere, pool reset): the same
    /// request again without DEVICE_KEY, and no device from here on.
    pub fn forget_device(&mut self, request: &mut Request) {
        self.0.device = None;
        // A request naming the device is InitiateAuth's or RespondToAuthChallenge's.
        let map = if request.operation == Operation::InitiateAuth { "AuthParameters" } else { "ChallengeResponses" };
        if let Some(fields) = request.fields_mut(Some(map)) {
            fields.remove("DEVICE_KEY");
        }
    }

    /// After Cognito refused an answer (e.g. CodeMismatchException), the same challenge
    /// waits for another answer, as the JS SDK lets apps call sendMFACode again. None when
    /// the refused request answered no challenge (a wrong password at the start).
    pub fn reopen(self) -> Option<AwaitingAnswer> {
        match self.0.expect {
            Expect::Result | Expect::SoftwareToken(_) if self.0.answered => Some(AwaitingAnswer(self.0)),
            _ => None,
        }
    }

    /// Feeds Cognito's answer to the last request. `now` (epoch seconds) stamps an SRP
    /// proof and measures the clock drift of the tokens; `devices` finds the device of USER_ID_FOR_SRP; `user_context` is asked for
    /// the next request; `srp` is drawn only when Cognito asks for a remembered device's proof.
    pub fn on_response(
        self, response: AuthResponse, now: i64, devices: Devices, user_context: UserContext,
        srp: impl FnOnce() -> Result<Box<SrpClient>, SrpError>,
    ) -> Result<Next, CognitoError> {
        // The answer is read in place, not moved out of: it is dropped once, here, whichever
        // way this goes.
        self.on(&response, now, devices, user_context, srp)
    }

    fn on(
        self, response: &AuthResponse, now: i64, devices: Devices, user_context: UserContext,
        srp: impl FnOnce() -> Result<Box<SrpClient>, SrpError>,
    ) -> Result<Next, CognitoError> {
        let name = response.text("ChallengeName").map(ChallengeName::parse);
        let session = response.text("Session");
        let mut ctx = self.0;
        match core::mem::replace(&mut ctx.expect, Expect::Result) {
            Expect::SoftwareToken(mut request) => {
                if let Some(session) = session {
                    request.body.insert("Session", Value::String(session.into()));
                    ctx.challenge.session = Some(session.into());
                }
                return Ok(Next::Send(AwaitingServer(ctx), request));
            }
            // The SRP proof Cognito asks for, when it is the one this state waits to give: the
            // user's (PASSWORD_VERIFIER) or the remembered device's (DEVICE_PASSWORD_VERIFIER).
            Expect::Verifier { client, device }
                if matches!(
                    (&name, device),
                    (Some(ChallengeName::PasswordVerifier), false)
                        | (Some(ChallengeName::DevicePasswordVerifier), true)
                ) =>
            {
                match prove(&mut ctx, device, &client, response, now, devices, user_context) {
                    Ok(request) => return Ok(Next::Send(AwaitingServer(ctx), request)),
                    Err(e) => return ended(ctx, Err(e)),
                }
            }
            _ => {}
        }
        match name {
            Some(ChallengeName::DeviceSrpAuth) => device_srp_auth(ctx, session, user_context, srp),
            Some(name) if !name.as_str().is_empty() => {
                ctx.challenge = Challenge {
                    name,
                    parameters: response.challenge_parameters().cloned().unwrap_or_default(),
                    available: response.available_challenges(),
                    session: session.map(String::from),
                };
                Ok(Next::Challenge(AwaitingAnswer(ctx)))
            }
            // Tokens. Never reports success without both tokens, so nothing empty is ever
            // stored (the JS SDK writes empty tokens on a challenge it does not know).
            _ => {
                let signed_in = signed_in(&mut ctx, response, now);
                ended(ctx, signed_in)
            }
        }
    }
}

/// The end of a sign-in, signed in or refused: its context is dropped here, one copy of
/// that code for every way a sign-in ends in [`AwaitingServer::on`].
#[inline(never)]
fn ended(ctx: Box<Context>, result: Result<Next, CognitoError>) -> Result<Next, CognitoError> {
    drop(ctx);
    result
}

/// The tokens of Cognito's answer, and the name the session is stored under.
fn signed_in(ctx: &mut Context, response: &AuthResponse, now: i64) -> Result<Next, CognitoError> {
    // No refresh token before this one: an absent one stays empty.
    let session = session_from(response, "", now)?;
    let result = response.authentication_result();
    let new_device = result.and_then(|r| r.get("NewDeviceMetadata")).and_then(|m| {
        let field = |name: &str| match m.get(name) {
            Some(Value::String(value)) if !value.is_empty() => Some(value.clone()),
            _ => None,
        };
        Some(NewDevice { key: field("DeviceKey")?, group_key: field("DeviceGroupKey")? })
    });
    Ok(Next::SignedIn(Box::new(SignedIn {
        username: core::mem::take(&mut ctx.username),
        session,
        new_device,
        device_session: ctx.device_session.take(),
        device_verifier: None,
        user_confirmation_necessary: false,
    })))
}

/// The RespondToAuthChallenge that proves knowledge of a password by SRP: the user's
/// (PASSWORD_VERIFIER: the pool's name, USER_ID_FOR_SRP, the password; the user is known
/// by USER_ID_FOR_SRP from here on), or with `device` the remembered device's (DEVICE_PASSWORD_VERIFIER: the same SRP with the device group
/// key as the pool name, the device key as the user and the device's random password).
fn prove(
    ctx: &mut Context, device: bool, client: &SrpClient, response: &AuthResponse, now: i64, devices: Devices,
    user_context: UserContext,
) -> Result<Request, CognitoError> {
    // The remembered device is checked first, then the fields in this order (USER_ID_FOR_SRP
    // for the user's proof only); the first one absent is the error, and no
    // ChallengeParameters at all is reported as such. One error site for them all.
    if device && ctx.device.is_none() {
        return Err(missing("the remembered device"));
    }
    let params = response.challenge_parameters();
    let mut fields = [""; 4];
    // A range of places rather than an iterator chain over the names: less wasm.
    for i in usize::from(device)..4 {
        let name = ["USER_ID_FOR_SRP", "SRP_B", "SALT", "SECRET_BLOCK"][i];
        match params.and_then(|p| p.get(name)) {
            Some(Value::String(value)) => fields[i] = value,
            _ => return Err(missing(if params.is_some() { name } else { "ChallengeParameters" })),
        }
    }
    let [user_id, srp_b, salt, secret_block] = fields;
    if !device {
        // Devices are remembered under USER_ID_FOR_SRP, which may differ from what was typed.
        if ctx.device.is_none() {
            ctx.device = devices(user_id);
        }
        ctx.username = user_id.to_string();
    }
    let (challenge, pool_name, user_id, password) = match (&ctx.device, device) {
        (Some(device), true) => {
            (&ChallengeName::DevicePasswordVerifier, &*device.group_key, &*device.key, &*device.password)
        }
        _ => {
            let pool_name = srp::pool_name(&ctx.params.user_pool_id);
            (&ChallengeName::PasswordVerifier, pool_name, &*ctx.username, &*ctx.params.password)
        }
    };
    let timestamp = srp::timestamp(now);
    let signature = client
        .password_authentication_key(pool_name, user_id, password, srp_b, salt)
        .and_then(|key| srp::password_claim_signature(&key, pool_name, user_id, secret_block, &timestamp))
        .map_err(srp_error)?;
    let mut responses = ctx.with_username();
    put_text(&mut responses, "PASSWORD_CLAIM_SECRET_BLOCK", secret_block.to_string());
    put_text(&mut responses, "TIMESTAMP", timestamp);
    put_text(&mut responses, "PASSWORD_CLAIM_SIGNATURE", signature);
    ctx.add_device_key(&mut responses);
    Ok(ctx.respond(challenge, responses, response.text("Session"), None, user_context))
}

/// DEVICE_SRP_AUTH: starts the device's SRP with a fresh secret (no app involvement). The
/// device is checked before any randomness is drawn.
fn device_srp_auth(
    mut ctx: Box<Context>, session: Option<&str>, user_context: UserContext,
    srp: impl FnOnce() -> Result<Box<SrpClient>, SrpError>,
) -> Result<Next, CognitoError> {
    if ctx.device.is_none() {
        return Err(CognitoError::new(
            ErrorKind::DeviceNotRemembered,
            "Cognito asked for this device's proof (DEVICE_SRP_AUTH), but no device key is stored.",
        ));
    }
    let mut responses = ctx.with_username();
    ctx.add_device_key(&mut responses);
    let client = srp_a(&mut responses, srp)?;
    ctx.device_session = session.map(String::from);
    let request = ctx.respond(&ChallengeName::DeviceSrpAuth, responses, session, None, user_context);
    ctx.expect = Expect::Verifier { client, device: true };
    Ok(Next::Send(AwaitingServer(ctx), request))
}

impl AwaitingAnswer {
    /// A challenge taken up from its Session alone, as the JS SDK's `user.Session` lets an
    /// app hand a sign-in to another `CognitoUser` (or keep it across a page load): the
    /// answer names the challenge it answers; `device` is the user's remembered one.
    pub fn resume(params: SignInParams, session: String, device: Option<DeviceSecrets>) -> AwaitingAnswer {
        AwaitingAnswer(Context::new(params, device, Some(session)))
    }

    /// The challenge the app is asked to answer.
    pub fn challenge(&self) -> &Challenge {
        &self.0.challenge
    }

    /// USER_AUTH's passkey step, which the browser answers rather than the app: the
    /// PublicKeyCredentialRequestOptions (JSON text) it signs with a passkey.
    pub fn passkey_options(&self) -> Option<&str> {
        let challenge = self.challenge();
        if challenge.name.handling() != Handling::Passkey {
            return None;
        }
        let options = challenge.parameters.get("CREDENTIAL_REQUEST_OPTIONS");
        Some(options.and_then(Value::as_str).unwrap_or_default())
    }

    /// Who answers it: the name the session will be stored under.
    pub fn username(&self) -> &str {
        &self.0.username
    }

    /// Replaces the challenge's Session string: AssociateSoftwareToken and
    /// VerifySoftwareToken hand out a new one during MFA set-up.
    pub fn update_session(&mut self, session: String) {
        self.0.challenge.session = Some(session);
    }

    /// The request answering the challenge; its response goes to [`AwaitingServer::on_response`].
    /// `srp` is drawn when the answer picks PASSWORD_SRP in USER_AUTH's SELECT_CHALLENGE.
    /// An answer that cannot be sent (an empty password for a password factor) gives the
    /// challenge back with the error, to be answered again.
    pub fn answer(
        self, answer: &Answer, client_metadata: Option<StringMap>, user_context: UserContext,
        srp: impl FnOnce() -> Result<Box<SrpClient>, SrpError>,
    ) -> Result<(AwaitingServer, Request), (CognitoError, AwaitingAnswer)> {
        let mut ctx = self.0;
        let mut responses = ctx.with_username();
        answer.add_responses(&mut responses);
        ctx.add_device_key(&mut responses);
        let expect = match answer {
            Answer::SelectChallenge(choice) => {
                match ctx.password_factor(PasswordFactor::parse(choice), true, &mut responses, srp) {
                    Ok(expect) => expect,
                    Err(e) => return Err((e, AwaitingAnswer(ctx))),
                }
            }
            _ => Expect::Result,
        };
        let session = ctx.challenge.session.as_deref();
        let metadata = client_metadata.as_ref();
        let request = ctx.respond(answer.challenge_name(), responses, session, metadata, user_context);
        let (expect, request) = match answer {
            // The code goes to VerifySoftwareToken first, with the challenge's Session.
            Answer::MfaSetup { code, friendly_device_name } => (
                Expect::SoftwareToken(request),
                verify_software_token(session.unwrap_or_default(), code, friendly_device_name.as_deref()),
            ),
            _ => (expect, request),
        };
        ctx.expect = expect;
        ctx.answered = true;
        // A step reports only its own DEVICE_SRP_AUTH's Session.
        ctx.device_session = None;
        Ok((AwaitingServer(ctx), request))
    }
}

/// The session an answer's AuthenticationResult gives, issued `now`: Cognito leaves the
/// refresh token out of a refresh's unless it rotated it, so `previous_refresh` stays then.
/// One check for the sign-in's answer and the refresh's: no AuthenticationResult, then the
/// ID token, then the access token.
pub fn session_from(response: &AuthResponse, previous_refresh: &str, now: i64) -> Result<Session, CognitoError> {
    let result = response.authentication_result().ok_or_else(|| missing("AuthenticationResult"))?;
    let (id_token, access_token) = checked_tokens(result)?;
    let refresh_token = result["RefreshToken"].as_str().filter(|t| !t.is_empty()).unwrap_or(previous_refresh);
    Ok(Session::issued(id_token, access_token, refresh_token, now))
}

/// The ID and access tokens of an AuthenticationResult, which must be JWTs whose payload
/// decodes: anything else would be stored over a working session and never be valid.
fn checked_tokens(result: &Object) -> Result<(&str, &str), CognitoError> {
    let jwt = |name: &str| match result[name].as_str().filter(|t| !t.is_empty()) {
        None => Err(missing(name)),
        Some(t) if crate::session::decode_payload(t).is_none() => Err(unexpected(name, " is not a JWT")),
        Some(t) => Ok(t),
    };
    Ok((jwt("IdToken")?, jwt("AccessToken")?))
}

#[cfg(test)]
mod tests;
