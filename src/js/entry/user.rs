//! `CognitoUser`'s operations, as the entry points run them: sign-in and its challenges,
//! sessions, and the one-request account operations (`flows::user`). Each reads what
//! the JS object holds from the input and answers with what it is to hold afterwards.

use super::pending;
use super::reply::{Answer, Reply};
use super::{session_json, Call};
use crate::auth::device::DeviceSecrets;
use crate::auth::{self, Answer as ChallengeAnswer, AwaitingAnswer, Challenge, SignInParams};
use crate::flows::session::Found;
use crate::flows::sign_in::{Begin, SignInFailure, SignInOutcome, SignInResult, SrpSource};
use crate::flows::single_flight::SingleFlight;
use crate::flows::user::{Caller, UserCall};
use crate::flows::{self, user_data};
use crate::js::events;
use crate::js::panic::ResetAfterPanic;
use crate::js::passkeys;
use crate::js::tabs::BrowserTabLock;
use crate::json::{FromJson, Object, ToJson, Value};
use crate::protocol::account::SetupAuth;
use crate::protocol::challenge::{AuthFlow, ChallengeCallback, ChallengeName};
use crate::protocol::types::{AttributeType, Passthrough};
use crate::protocol::{CognitoError, ErrorKind};
use crate::session::Session;
use crate::srp;
use crate::storage::events::Change;
use crate::storage::keys::{self, UserItem};
use crate::storage::{SessionStore, Storage};

thread_local! {
    /// Refreshes in flight, shared by every CognitoUser object of this page: N parallel
    /// getSession calls for one user send one refresh.
    static REFRESHES: ResetAfterPanic<SingleFlight<Result<Session, CognitoError>>> = ResetAfterPanic::default();
}

/// The operations that never wait (`now`).
pub(super) fn now(op: &str, call: &Call) -> Answer {
    match op {
        "getSession" => session_now(call),
        "signOutLocal" => {
            clear_local(call, &call.username());
            Answer::reply(Reply::done()).set("session", Value::Null)
        }
        "newUser" => {
            let username = call.username();
            named(Answer::reply(Reply::done()), call, &username)
                .set("keyPrefix", Value::String(keys::client_prefix(&call.shared.config.client_id)))
                .set("flow", Value::String(AuthFlow::UserSrp.name().to_string()))
        }
        "getCachedDeviceKeyAndPassword" => cached_device(call),
        op => cache(op, call).unwrap_or_else(|| Answer::reply(Reply::err(&unknown_op(op)))),
    }
}

/// The operations that may send requests (`run`).
pub(super) async fn run(op: &str, call: &Call) -> Answer {
    if let Some(step) = sign_in_step(op, call) {
        return match step {
            Ok(step) => sign_in(call, step).await,
            Err(reply) => Answer::reply(reply),
        };
    }
    match op {
        "signUp" => super::pool::sign_up(call).await,
        "getSession" => {
            let metadata = call.string_map("clientMetadata");
            let username = call.username();
            let found = session(call, &username, metadata).await;
            refreshed_device(call, with_session(found, Reply::session))
        }
        "refreshSession" => {
            let username = call.username();
            let metadata = call.string_map("clientMetadata");
            let found =
                flows::session::refresh_session(&call.env(), &username, &call.text("refreshToken"), metadata).await;
            let found = tell(call, &username, found);
            refreshed_device(call, with_session(found, Reply::session))
        }
        "signOut" => sign_out_revoking(call).await,
        "revokeTokens" => {
            let result = match call.session() {
                Some(session) => flows::revoke(&call.env(), &session).await,
                None => Err(CognitoError::not_authenticated("User is not authenticated")),
            };
            Answer::reply(Reply::settled(result, |()| Reply::done()))
        }
        "globalSignOut" => {
            let result = user_call(call, &UserCall::GlobalSignOut).await;
            if result.is_ok() {
                clear_local(call, &call.username());
            }
            let answer = Answer::reply(Reply::settled(result, |_| Reply::success()));
            if call.session().is_some() {
                answer.set("session", Value::Null)
            } else {
                answer
            }
        }
        "associateSoftwareToken" => associate_software_token(call).await,
        "verifySoftwareToken" => verify_software_token(call).await,
        "getUserData" => {
            let bypass = call.arg("bypassCache").as_bool().unwrap_or(false);
            let result = user_data(call, bypass, call.string_map("clientMetadata")).await;
            Answer::reply(Reply::settled(result, Reply::ok))
        }
        "updateAttributes" | "deleteAttributes" => change_attributes(op, call).await,
        "registerPasskey" => register_passkey(call).await,
        _ => match account_call(op, call) {
            Some((user_call_value, answer)) => {
                let result = user_call(call, &user_call_value).await;
                let mut out = Answer::reply(Reply::settled(result, |data| answer.reply(call, data)));
                if matches!(user_call_value, UserCall::DeleteUser { .. }) && !out.is_err() {
                    clear_local(call, &call.username());
                    out = out.set("session", Value::Null);
                }
                out
            }
            None => Answer::reply(Reply::err(&unknown_op(op))),
        },
    }
}

fn unknown_op(op: &str) -> CognitoError {
    CognitoError::invalid_parameter(format!("cognito-identity-wasm has no operation {op}."))
}

// ----- sign-in ---------------------------------------------------------------------

/// One step of a sign-in, as the app asked for it.
enum Step {
    Start(Begin, SignInParams),
    Answer(ChallengeAnswer),
    FinishMfaSetup { code: String, friendly_device_name: Option<String> },
}

fn sign_in_params(call: &Call) -> SignInParams {
    SignInParams {
        user_pool_id: call.shared.config.user_pool_id.clone(),
        client_id: call.shared.config.client_id.clone(),
        username: call.username(),
        password: call.text("password"),
        client_metadata: call.string_map("clientMetadata"),
        preferred_challenge: call.optional_text("preferredChallenge"),
    }
}

/// The sign-in step `op` asks for, or the reply refusing it before any request.
fn sign_in_step(op: &str, call: &Call) -> Option<Result<Step, Reply>> {
    let answer = |a: ChallengeAnswer| Ok(Step::Answer(a));
    Some(match op {
        "authenticateUser" => {
            let flow = call.user().get("flow").and_then(Value::as_str).and_then(AuthFlow::parse);
            match flow {
                Some(flow) => Ok(Step::Start(Begin::Flow(flow), sign_in_params(call))),
                None => Err(Reply::plain_err("Authentication flow type is invalid.")),
            }
        }
        "initiateAuth" => {
            let auth_parameters = call.string_map("authParameters").unwrap_or_default();
            Ok(Step::Start(Begin::Custom(auth_parameters), sign_in_params(call)))
        }
        "sendMFACode" => {
            let mfa_type = call.optional_text("mfaType").filter(|t| !t.is_empty());
            let mfa_type = mfa_type.map_or(ChallengeName::SmsMfa, |t| ChallengeName::parse(&t));
            answer(ChallengeAnswer::MfaCode { code: call.text("code"), mfa_type })
        }
        "sendSelectChallengeAnswer" => answer(ChallengeAnswer::SelectChallenge(call.text("answer"))),
        "sendMFASelectionAnswer" => answer(ChallengeAnswer::MfaSelection(call.text("answer"))),
        "sendCustomChallengeAnswer" => answer(ChallengeAnswer::Custom(call.text("answer"))),
        "completeNewPasswordChallenge" => match call.optional_text("newPassword").filter(|p| !p.is_empty()) {
            Some(password) => {
                let attributes = call.string_map("attributes").unwrap_or_default();
                answer(ChallengeAnswer::NewPassword { password, attributes })
            }
            None => Err(Reply::plain_err("New password is required.")),
        },
        _ => return None,
    })
}

/// The sign-in waiting for the app's answer: the one this page started under the user's
/// `Session`, else one taken up from that Session alone (handed over from elsewhere).
fn waiting_challenge(call: &Call) -> Result<AwaitingAnswer, CognitoError> {
    let session = call.user().get("Session").and_then(Value::as_str).filter(|s| !s.is_empty());
    let session = session.ok_or_else(|| {
        CognitoError::invalid_parameter("No challenge is waiting for an answer: call authenticateUser first.")
    })?;
    if let Some(pending) = pending::take(session) {
        return Ok(pending);
    }
    Ok(flows::sign_in::resume(&call.env(), sign_in_params(call), session.to_string()))
}

async fn sign_in(call: &Call, step: Step) -> Answer {
    // The SDK's own path for these (authenticateUserInternal) leaves `challengeName`
    // (undefined) on the user when it signs in; its MFA, TOTP set-up and device paths do not.
    let names_challenge = matches!(
        step,
        Step::Start(..) | Step::Answer(ChallengeAnswer::NewPassword { .. } | ChallengeAnswer::Custom(_))
    );
    let env = call.env();
    let srp: SrpSource = &srp::ahead::take_or_generate;
    let metadata = call.string_map("clientMetadata");
    let mut result = match step {
        Step::Start(begin, params) => flows::sign_in::start(&env, begin, params, srp).await,
        Step::Answer(answer) => match waiting_challenge(call) {
            Ok(pending) => flows::sign_in::answer(&env, pending, &answer, metadata, srp).await,
            Err(e) => Err(e.into()),
        },
        Step::FinishMfaSetup { code, friendly_device_name } => match waiting_challenge(call) {
            Ok(pending) => {
                let name = friendly_device_name.as_deref();
                flows::sign_in::finish_mfa_setup(&env, pending, &code, name, srp).await
            }
            Err(e) => Err(e.into()),
        },
    };
    // USER_AUTH's passkey step: no app callback, the browser asks for the passkey.
    while let Ok(SignInOutcome::Passkey { pending, options }) = result {
        result = match passkeys::assertion(&options).await {
            Ok(credential) => {
                flows::sign_in::answer(&env, pending, &ChallengeAnswer::WebAuthn(credential), None, srp).await
            }
            Err(e) => Err(e.into()),
        };
    }
    finish_step(call, result, names_challenge)
}

/// Reports where a sign-in stopped: signed in, at a challenge (kept under its Session
/// before the app hears of it: its callback may answer at once), or refused.
fn finish_step(call: &Call, result: SignInResult, names_challenge: bool) -> Answer {
    match result {
        Ok(SignInOutcome::SignedIn {
            username,
            session,
            user_confirmation_necessary,
            device_verifier,
            device_session,
        }) => {
            emit(call, Change::SignIn, &username);
            let reply = Reply::session(&session);
            let reply = if user_confirmation_necessary { reply.with_details(Value::Bool(true)) } else { reply };
            // The user keeps the Session of the last challenge, as the SDK's does.
            let mut answer =
                named(device_props(call, &username), call, &username).set("session", session_json(&session));
            if let Some(verifier) = device_verifier {
                answer = answer.set("verifierDevices", Value::String(verifier));
            }
            if let Some(device_session) = device_session {
                answer = answer.set("Session", Value::String(device_session));
            } else if names_challenge {
                answer = answer.unset("challengeName");
            }
            answer.with_reply(reply)
        }
        Ok(SignInOutcome::Challenge(pending)) => {
            let challenge = pending.challenge().clone();
            let session = pending::keep(pending);
            named(Answer::reply(challenge_reply(&challenge)), call, &challenge.username)
                .set("Session", session.map_or(Value::Null, Value::String))
        }
        Ok(SignInOutcome::Passkey { .. }) => unreachable_passkey(),
        Err(SignInFailure { error, pending }) => {
            // A refused answer (wrong code) may be given again, as with the JS SDK.
            if let Some(pending) = pending {
                pending::keep(pending);
            }
            // A refused password is typed again: have the next SRP client ready.
            crate::js::srp_ahead::prepare_if_signed_out(&call.shared.config.client_id, &call.storage);
            Answer::reply(Reply::err(&error))
        }
    }
}

/// `sign_in` answers every passkey step before it reports.
fn unreachable_passkey() -> Answer {
    Answer::reply(Reply::err(&CognitoError::new(ErrorKind::UnhandledChallenge, "passkey step left unanswered")))
}

/// The callback object's method for a challenge, with the SDK's arguments; a coded
/// error when the object has no such method (instead of the SDK's "callback.totpRequired
/// is not a function").
fn challenge_reply(challenge: &Challenge) -> Reply {
    let params = Value::Object(challenge.parameters.clone());
    let name = Value::String(challenge.name.as_str().to_string());
    let callback = challenge.name.callback();
    let how = match callback {
        Some(cb) => format!("the callback object has no {} method", cb.method()),
        None => "this SDK does not handle that challenge yet".to_string(),
    };
    let error = CognitoError::new(
        ErrorKind::UnhandledChallenge,
        format!("Cognito asked for the {} challenge, but {how}.", challenge.name.as_str()),
    );
    let mut fields = Object::new();
    fields.insert("challengeName", name.clone());
    fields.insert("challengeParameters", params.clone());
    if !challenge.available.is_empty() {
        fields.insert("availableChallenges", challenge.available.to_json());
    }
    let otherwise = Reply::err(&error).with_error_fields(fields);
    let Some(callback) = callback else { return otherwise };
    let args = match callback {
        ChallengeCallback::NameAndParameters(_) => vec![name, params],
        ChallengeCallback::ParametersOnly(_) => vec![params],
        ChallengeCallback::SelectChallenge => vec![challenge.available.to_json(), params],
        ChallengeCallback::NewPasswordRequired => {
            let (attributes, required) = auth::new_password_required_args(&challenge.parameters);
            vec![attributes, required.to_json()]
        }
    };
    Reply::method(callback.method(), args, otherwise)
}

/// `associateSoftwareToken`: during a challenge (the user holds a Session) for that
/// sign-in, else for the signed-in user. The Promise form resolves to the secret.
async fn associate_software_token(call: &Call) -> Answer {
    let result = async {
        let auth = setup_auth(call)?;
        let (data, session) = flows::sign_in::associate_software_token(&call.env(), &auth).await?;
        Ok::<_, CognitoError>((data.get("SecretCode").cloned().unwrap_or(Value::Null), session))
    }
    .await;
    match result {
        Ok((secret, new_session)) => {
            let reply = Reply::method("associateSecretCode", vec![secret.clone()], Reply::ok(secret));
            let answer = Answer::reply(reply);
            match (new_session, call.user().get("Session").and_then(Value::as_str)) {
                (Some(new), Some(old)) => {
                    pending::rename(old, &new);
                    answer.set("Session", Value::String(new))
                }
                _ => answer,
            }
        }
        Err(e) => Answer::reply(Reply::err(&e)),
    }
}

/// `verifySoftwareToken`: during MFA_SETUP this also finishes the sign-in; for a
/// signed-in user onSuccess gets VerifySoftwareToken's answer.
async fn verify_software_token(call: &Call) -> Answer {
    let code = call.text("code");
    let friendly_device_name = call.optional_text("friendlyDeviceName");
    match setup_auth(call) {
        Err(e) => Answer::reply(Reply::err(&e)),
        Ok(SetupAuth::Session(_)) => sign_in(call, Step::FinishMfaSetup { code, friendly_device_name }).await,
        Ok(SetupAuth::AccessToken(token)) => {
            let name = friendly_device_name.as_deref();
            let result = flows::sign_in::verify_software_token(&call.env(), &token, &code, name).await;
            Answer::reply(Reply::settled(result, |data| Reply::ok(Value::Object(data))))
        }
    }
}

/// Who a TOTP set-up call is for: the challenge's Session while the user holds one,
/// else the signed-in user's access token.
fn setup_auth(call: &Call) -> Result<SetupAuth, CognitoError> {
    match call.user().get("Session").and_then(Value::as_str).filter(|s| !s.is_empty()) {
        Some(session) => Ok(SetupAuth::Session(session.to_string())),
        None => access_token(call).map(SetupAuth::AccessToken),
    }
}

// ----- sessions --------------------------------------------------------------------

/// getSession's first step: the session when it needs no request (the SDK calls back
/// synchronously then), else `pending` and the JS runs the refresh.
fn session_now(call: &Call) -> Answer {
    let username = call.username();
    let cached = call.session();
    match flows::session::session_without_request(&call.env(), cached.as_ref(), &username) {
        Some(found) => with_session(found, Reply::session),
        None => Answer::reply(Reply::pending()),
    }
}

/// The session, refreshed when expired (`flows::get_session`); concurrent refreshes of
/// one user (from any CognitoUser object of this page) share a single request.
async fn session(
    call: &Call, username: &str, metadata: Option<crate::protocol::types::StringMap>,
) -> Result<Session, CognitoError> {
    let cached = call.session();
    let flights = REFRESHES.with(ResetAfterPanic::get);
    let settle_key = keys::user_item(&call.shared.config.client_id, username, UserItem::IdToken);
    let tabs = BrowserTabLock { storage: &call.storage, timer: &call.shared.transport, settle_key };
    let found = flows::get_session(&call.env(), &flights, &tabs, cached.as_ref(), username, metadata).await;
    tell(call, username, found)
}

/// Tells listeners what changed.
fn tell(call: &Call, username: &str, found: Found) -> Result<Session, CognitoError> {
    if let Some(change) = found.change {
        emit(call, change, username);
    }
    found.session
}

/// The user's in-memory session follows the result: kept on success, none on failure.
fn with_session(found: Result<Session, CognitoError>, reply: impl FnOnce(&Session) -> Reply) -> Answer {
    match found {
        Ok(session) => Answer::reply(reply(&session)).set("session", session_json(&session)),
        Err(e) => Answer::reply(Reply::err(&e)).set("session", Value::Null),
    }
}

/// `signOut(callback)`: revokes the refresh token first; local data is cleared even when
/// that fails, and the error (if any) goes to the callback.
async fn sign_out_revoking(call: &Call) -> Answer {
    let username = call.username();
    let revoked = match session(call, &username, None).await {
        Ok(session) => flows::revoke(&call.env(), &session).await,
        Err(e) => Err(e),
    };
    clear_local(call, &username);
    Answer::reply(Reply::settled(revoked, |()| Reply::done())).set("session", Value::Null)
}

/// The SDK's cache methods: what storage holds of the user, written and removed under
/// the SDK's keys from what the JS object holds.
fn cache(op: &str, call: &Call) -> Option<Answer> {
    let username = call.username();
    let sessions = SessionStore::new(&call.storage, &call.shared.config.client_id);
    let user_data_key = keys::user_item(&call.shared.config.client_id, &username, UserItem::UserData);
    let done = || Answer::reply(Reply::done());
    Some(match op {
        "cacheTokens" => match call.session() {
            Some(session) => match call.env().store_session(&username, &session) {
                Ok(()) => done(),
                Err(e) => Answer::reply(Reply::err(&e)),
            },
            None => Answer::reply(Reply::plain_err("Cannot read properties of null (reading 'getIdToken')")),
        },
        "cacheUserData" => {
            let text = call.arg("userData").stringify();
            match call.storage.set_item(&user_data_key, &text) {
                Ok(()) => done(),
                Err(e) => Answer::reply(Reply::err(&CognitoError::new(ErrorKind::Storage, e))),
            }
        }
        "clearCachedUserData" => {
            call.storage.remove_item(&user_data_key);
            done()
        }
        "clearCachedTokens" => {
            sessions.clear_tokens(&username);
            done()
        }
        "clearCachedUser" => {
            sessions.clear(&username);
            done()
        }
        "cacheDeviceKeyAndPassword" => {
            let text = |k: &str| call.user().get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            let device = DeviceSecrets {
                key: text("deviceKey"),
                group_key: text("deviceGroupKey"),
                password: text("randomPassword"),
            };
            match sessions.save_device(&username, &device) {
                Ok(()) => done(),
                Err(e) => Answer::reply(Reply::err(&CognitoError::new(ErrorKind::Storage, e))),
            }
        }
        "clearCachedDeviceKeyAndPassword" => {
            sessions.clear_device(&username);
            done()
        }
        _ => return None,
    })
}

/// Sets `username` and the SDK's `userDataKey`, which follows it.
fn named(answer: Answer, call: &Call, username: &str) -> Answer {
    let key = keys::user_item(&call.shared.config.client_id, username, UserItem::UserData);
    answer.set("username", Value::String(username.to_string())).set("userDataKey", Value::String(key))
}

fn clear_local(call: &Call, username: &str) {
    call.env().clear_session(username);
    emit(call, Change::SignOut, username);
}

fn emit(call: &Call, change: Change, username: &str) {
    events::emit(&call.shared.config.client_id, change, username, false);
}

/// `deviceKey`, `deviceGroupKey`, `randomPassword` of a remembered device, as the SDK's
/// `getCachedDeviceKeyAndPassword` sets them from storage (nothing when none is stored).
fn device_props(call: &Call, username: &str) -> Answer {
    let answer = Answer::reply(Reply::done());
    match call.env().sessions().load_device(username) {
        Some(d) => answer
            .set("deviceKey", Value::String(d.key))
            .set("deviceGroupKey", Value::String(d.group_key))
            .set("randomPassword", Value::String(d.password)),
        None => answer,
    }
}

/// A refresh leaves the signed-in user's remembered device key (or null) on the user, as
/// the SDK's `refreshSession` reads it from storage.
fn refreshed_device(call: &Call, answer: Answer) -> Answer {
    let sessions = SessionStore::new(&call.storage, &call.shared.config.client_id);
    match sessions.last_auth_user() {
        Some(last) => {
            let key =
                call.storage.get_item(&keys::user_item(&call.shared.config.client_id, &last, UserItem::DeviceKey));
            answer.set("deviceKey", key.map_or(Value::Null, Value::String))
        }
        None => answer,
    }
}

fn cached_device(call: &Call) -> Answer {
    device_props(call, &call.username())
}

// ----- the account -----------------------------------------------------------------

/// The in-memory session when it is valid: what the SDK's account methods require.
fn access_token(call: &Call) -> Result<String, CognitoError> {
    user_data::valid_session(&call.env(), call.session()).map(|s| s.access_token.jwt)
}

/// Runs one of the user's operations (`flows::user::call`) as this user.
async fn user_call(call: &Call, user_call: &UserCall) -> Result<Passthrough, CognitoError> {
    let username = call.username();
    let access_token = || access_token(call);
    let caller = Caller { username: &username, access_token: &access_token };
    flows::user::call(&call.env(), &caller, user_call).await
}

/// `getUserData` over the user's in-memory session; a bypass refreshes (and listeners hear of it).
async fn user_data(
    call: &Call, bypass_cache: bool, metadata: Option<crate::protocol::types::StringMap>,
) -> Result<Value, CognitoError> {
    let username = call.username();
    let refresh = |token: String| {
        let username = username.clone();
        async move {
            let found = flows::session::refresh_session(&call.env(), &username, &token, metadata).await;
            tell(call, &username, found)
        }
    };
    user_data::user_data(&call.env(), &username, || call.session(), bypass_cache, refresh).await
}

/// `updateAttributes` → `callback(null, 'SUCCESS', details)`; `deleteAttributes` → 'SUCCESS'.
/// Both refresh the cached user data afterwards, as the SDK does.
async fn change_attributes(op: &str, call: &Call) -> Answer {
    let result = async {
        access_token(call)?; // a missing session is reported before bad arguments
        let bad = |what: &str| CognitoError::invalid_parameter(what.to_string());
        let user_call_value = if op == "updateAttributes" {
            let attributes = Vec::<AttributeType>::from_json(call.arg("attributes").clone())
                .ok_or_else(|| bad("Attributes must be a list of { Name, Value } (CognitoUserAttribute) objects."))?;
            UserCall::UpdateAttributes { attributes, client_metadata: call.string_map("clientMetadata") }
        } else {
            let names = Vec::<String>::from_json(call.arg("names").clone())
                .ok_or_else(|| bad("Attribute names must be a list of strings."))?;
            UserCall::DeleteAttributes { names }
        };
        let details = user_call(call, &user_call_value).await?;
        let _ = user_data(call, true, None).await;
        Ok::<_, CognitoError>(details)
    }
    .await;
    Answer::reply(Reply::settled(result, |details| {
        if op == "updateAttributes" {
            Reply::success().with_details(Value::Object(details))
        } else {
            Reply::success()
        }
    }))
}

/// `registerPasskey`: StartWebAuthnRegistration, the browser's passkey creation,
/// CompleteWebAuthnRegistration → 'SUCCESS'.
async fn register_passkey(call: &Call) -> Answer {
    let result = async {
        let started = user_call(call, &UserCall::StartPasskeyRegistration).await?;
        let options = started.get("CredentialCreationOptions").cloned().unwrap_or(Value::Null);
        let credential = passkeys::create(&options).await?;
        user_call(call, &UserCall::CompletePasskeyRegistration { credential }).await
    }
    .await;
    Answer::reply(Reply::settled(result, |_| Reply::success()))
}

/// What a one-request operation answers with.
enum Answers {
    Success,
    Response,
    /// GetUser's `UserAttributes` as `CognitoUserAttribute[]`.
    Attributes,
    /// GetUser's `MFAOptions`.
    MfaOptions,
    /// The delivery details to `inputVerificationCode` when the callback object has it;
    /// else onSuccess with `SUCCESS` when given (to a callback object), or the details.
    Code(Option<&'static str>),
}

impl Answers {
    fn reply(&self, call: &Call, data: Passthrough) -> Reply {
        match self {
            Answers::Success => Reply::success(),
            Answers::Response => Reply::ok(Value::Object(data)),
            Answers::Attributes => match data.get("UserAttributes").cloned() {
                Some(list @ Value::Array(_)) => Reply::attributes(list),
                _ => Reply::err(&CognitoError::unexpected_response(200, "UserAttributes is missing")),
            },
            Answers::MfaOptions => Reply::ok_or_undefined(data.get("MFAOptions").cloned()),
            Answers::Code(success_text) => {
                let data = Value::Object(data);
                let otherwise = match success_text {
                    Some(text) if call.to_object() => Reply::ok_str(text),
                    _ => Reply::ok(data.clone()),
                };
                Reply::method("inputVerificationCode", vec![data], otherwise)
            }
        }
    }
}

/// The one-request operations, from the method name and its arguments.
fn account_call(op: &str, call: &Call) -> Option<(UserCall, Answers)> {
    let metadata = || call.string_map("clientMetadata");
    let count = |name: &str| call.arg(name).as_f64().filter(|n| *n >= 1.0).map(|n| n as u32);
    Some(match op {
        "getUserAttributes" => (UserCall::GetUser, Answers::Attributes),
        "getMFAOptions" => (UserCall::GetUser, Answers::MfaOptions),
        "getAttributeVerificationCode" => (
            UserCall::GetAttributeVerificationCode { name: call.text("name"), client_metadata: metadata() },
            Answers::Code(Some("SUCCESS")),
        ),
        "verifyAttribute" => {
            (UserCall::VerifyAttribute { name: call.text("name"), code: call.text("code") }, Answers::Success)
        }
        "changePassword" => (
            UserCall::ChangePassword {
                previous: call.text("oldPassword"),
                proposed: call.text("newPassword"),
                client_metadata: metadata(),
            },
            Answers::Success,
        ),
        "forgotPassword" => (UserCall::ForgotPassword { client_metadata: metadata() }, Answers::Code(None)),
        "confirmPassword" => (
            UserCall::ConfirmForgotPassword {
                code: call.text("code"),
                password: call.text("newPassword"),
                client_metadata: metadata(),
            },
            Answers::Success,
        ),
        "deleteUser" => (UserCall::DeleteUser { client_metadata: metadata() }, Answers::Success),
        "enableMFA" => (UserCall::SetSmsMfa { enabled: true }, Answers::Success),
        "disableMFA" => (UserCall::SetSmsMfa { enabled: false }, Answers::Success),
        "setUserMfaPreference" => {
            let setting = |name: &str| Some(call.arg(name).clone()).filter(|v| !v.is_null());
            (
                UserCall::SetMfaPreference {
                    sms: setting("sms"),
                    software_token: setting("totp"),
                    email: setting("email"),
                },
                Answers::Success,
            )
        }
        "getDevice" => (UserCall::GetDevice, Answers::Response),
        "listDevices" => (
            UserCall::ListDevices { limit: count("limit"), pagination_token: call.optional_text("paginationToken") },
            Answers::Response,
        ),
        "setDeviceStatusRemembered" => (UserCall::SetDeviceStatus { remembered: true }, Answers::Success),
        "setDeviceStatusNotRemembered" => (UserCall::SetDeviceStatus { remembered: false }, Answers::Success),
        "forgetDevice" => (UserCall::ForgetDevice, Answers::Success),
        "forgetSpecificDevice" => (UserCall::ForgetSpecificDevice { key: call.text("deviceKey") }, Answers::Success),
        "listPasskeys" => (
            UserCall::ListPasskeys { max_results: count("maxResults"), next_token: call.optional_text("nextToken") },
            Answers::Response,
        ),
        "deletePasskey" => (UserCall::DeletePasskey { credential_id: call.text("credentialId") }, Answers::Success),
        "confirmRegistration" => (
            UserCall::ConfirmSignUp {
                code: call.text("code"),
                force_alias_creation: call.arg("forceAliasCreation").as_bool().unwrap_or(false),
                client_metadata: metadata(),
            },
            Answers::Success,
        ),
        "resendConfirmationCode" => {
            (UserCall::ResendConfirmationCode { client_metadata: metadata() }, Answers::Response)
        }
        _ => return None,
    })
}
