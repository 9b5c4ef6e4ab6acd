//! The drivers against a scripted fake server: one refresh across tabs, retries, clearing.

use super::session::{get_session, session_without_request};
use super::sign_in::{self, Begin, SignInOutcome};
use super::*;
use crate::auth::{Answer, SignInParams};
use crate::flows::test_executor::{run, run_all, Yield};
use crate::json;
use crate::json::Value;
use crate::protocol::challenge::{AuthFlow, ChallengeName};
use crate::protocol::user_context::NoCollector;
use crate::protocol::HttpResponse;
use crate::protocol::Operation;
use crate::session::tests::jwt;
use crate::srp::{SrpClient, SrpError};
use crate::storage::events::Change;
use crate::storage::tab_lock::{NoTabLock, StorageLease};
use crate::storage::MemoryStorage;
use alloc::collections::VecDeque;
use core::cell::RefCell;
use core::future::Future;
use core::pin::Pin;

mod user_context;

pub(super) const NOW: i64 = 1_000_000;

thread_local! {
    /// Milliseconds on the fake clock; only `sleep` advances it.
    static CLOCK_MS: core::cell::Cell<f64> = const { core::cell::Cell::new(0.0) };
}

fn clock_ms() -> f64 {
    CLOCK_MS.with(core::cell::Cell::get)
}

/// Shared with the other drivers' tests (`flows::identity`, `flows::account`).
#[derive(Default)]
pub(super) struct FakeServer {
    answers: RefCell<VecDeque<Result<HttpResponse, CognitoError>>>,
    pub(super) requests: RefCell<Vec<Request>>,
    pub(super) endpoints: RefCell<Vec<String>>,
    pub(super) sleeps: RefCell<Vec<u32>>,
}

impl FakeServer {
    pub(super) fn answer(&self, status: u16, body: Value) -> &Self {
        self.answers.borrow_mut().push_back(Ok(HttpResponse { status, body: body.stringify(), error_type: None }));
        self
    }
    pub(super) fn drop_connection(&self) -> &Self {
        self.answers.borrow_mut().push_back(Err(CognitoError::network("connection reset")));
        self
    }
    pub(super) fn count(&self, op: Operation) -> usize {
        self.requests.borrow().iter().filter(|r| r.operation == op).count()
    }
}

impl Transport for FakeServer {
    async fn send(&self, endpoint: &str, request: &Request) -> Result<HttpResponse, CognitoError> {
        self.requests.borrow_mut().push(request.clone());
        self.endpoints.borrow_mut().push(endpoint.to_string());
        Yield(2).await; // in flight for a while, so concurrent callers overlap
        self.answers.borrow_mut().pop_front().unwrap_or_else(|| Err(CognitoError::network("no scripted answer")))
    }
    async fn sleep(&self, ms: u32) {
        self.sleeps.borrow_mut().push(ms);
        CLOCK_MS.with(|c| c.set(c.get() + ms as f64));
        Yield(1).await; // let the other callers run, as a real timer would
    }
}

pub(super) fn pool() -> PoolConfig {
    PoolConfig::new(Some("us-east-1_Pool"), Some("client"), Some("http://fake")).unwrap()
}

pub(super) fn tokens(exp: i64) -> (String, String) {
    (
        jwt(&json!({"iat": (exp - 3600), "exp": exp, "token_use": "id"})),
        jwt(&json!({"iat": (exp - 3600), "exp": exp, "origin_jti": "o"})),
    )
}

fn expired_session_in(storage: &MemoryStorage) {
    let (id, access) = tokens(NOW - 10);
    let session = Session::issued(&id, &access, "refresh-1", NOW - 3610);
    SessionStore::new(storage, "client").save("alice", &session).unwrap();
}

pub(super) fn refreshed(refresh: Option<&str>) -> Value {
    let (id, access) = tokens(NOW + 3600);
    let mut result = json!({"IdToken": id, "AccessToken": access, "ExpiresIn": 3600u32});
    if let Some(r) = refresh {
        result.insert("RefreshToken", json!(r));
    }
    json!({ "AuthenticationResult": result })
}

pub(super) fn env<'a>(
    pool: &'a PoolConfig, server: &'a FakeServer, storage: &'a MemoryStorage,
) -> Env<'a, FakeServer, MemoryStorage> {
    Env { pool, transport: server, storage, now: || NOW, random: counting_bytes, context_data: &NoCollector }
}

/// Deterministic "randomness": 0, 1, 2, ... in every buffer.
fn counting_bytes(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    for (i, b) in buf.iter_mut().enumerate() {
        *b = i as u8;
    }
    Ok(())
}

/// `get_session` of alice with nothing in memory, in a context of its own.
fn fresh_session(env: &Env<'_, FakeServer, MemoryStorage>) -> Result<Session, CognitoError> {
    run(get_session_result(env, &NoTabLock, None, "alice", None))
}

/// `get_session`'s session alone.
async fn get_session_result<L: crate::storage::tab_lock::TabLock>(
    env: &Env<'_, FakeServer, MemoryStorage>, tabs: &L, cached: Option<&Session>, username: &str,
    client_metadata: Option<&Value>,
) -> Result<Session, CognitoError> {
    get_session(env, tabs, cached, username, client_metadata).await.session
}

fn no_srp() -> Result<Box<SrpClient>, SrpError> {
    panic!("this sign-in draws no SRP secret")
}

type Boxed<'a> = Pin<Box<dyn Future<Output = Result<Session, CognitoError>> + 'a>>;

/// Eight callers, each coordinating on its own (this page's concurrent getSession calls
/// share one call of the session flow in the JS facade, tests/e2e/session.test.mjs (a)):
/// the lock lets one refresh; the others find its tokens in storage.
#[test]
fn eight_parallel_get_session_calls_send_one_refresh() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    expired_session_in(&storage);
    server.answer(200, refreshed(None));
    let env = env(&pool, &server, &storage);
    let leases: Vec<_> = (0..8)
        .map(|i| StorageLease { storage: &storage, timer: &server, owner: format!("caller{i}"), now_ms: clock_ms })
        .collect();
    let calls: Vec<Boxed> =
        leases.iter().map(|lease| Box::pin(get_session_result(&env, lease, None, "alice", None)) as Boxed).collect();
    let results = run_all(calls);
    assert_eq!(server.count(Operation::InitiateAuth), 1);
    let first = results[0].clone().unwrap();
    assert!(first.is_valid(NOW));
    assert!(results.iter().all(|r| r.as_ref().unwrap() == &first));
    // Kept the old refresh token (none came back) and stored the new tokens.
    let stored = SessionStore::new(&storage, "client").load("alice").unwrap();
    assert_eq!((stored.refresh_token.as_str(), &stored.id_token), ("refresh-1", &first.id_token));
    let body = json::parse(&server.requests.borrow()[0].text()).unwrap();
    assert_eq!(body["AuthParameters"]["REFRESH_TOKEN"], "refresh-1");
}

#[test]
fn a_revoked_refresh_token_fails_at_once_and_clears_the_session() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    expired_session_in(&storage);
    server.answer(400, json!({"__type":"NotAuthorizedException","message":"Refresh Token has been revoked"}));
    let env = env(&pool, &server, &storage);
    let err = fresh_session(&env).unwrap_err();
    assert_eq!(err.code(), "NotAuthorizedException");
    assert_eq!(server.requests.borrow().len(), 1);
    assert!(server.sleeps.borrow().is_empty());
    assert!(storage.keys().is_empty(), "{:?}", storage.keys());
}

#[test]
fn transient_failures_are_retried_with_backoff() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    expired_session_in(&storage);
    server
        .drop_connection()
        .answer(500, json!({"__type":"InternalErrorException","message":"x"}))
        .answer(400, json!({"__type":"TooManyRequestsException"}))
        .answer(200, refreshed(Some("refresh-2")));
    let env = env(&pool, &server, &storage);
    let session = fresh_session(&env).unwrap();
    assert_eq!(server.requests.borrow().len(), 4);
    assert_eq!(server.sleeps.borrow().len(), 3);
    // A rotated refresh token replaces the old one.
    assert_eq!(session.refresh_token, "refresh-2");
    assert_eq!(SessionStore::new(&storage, "client").load("alice").unwrap().refresh_token, "refresh-2");
}

#[test]
fn retries_stop_and_the_session_survives_an_outage() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    expired_session_in(&storage);
    for _ in 0..10 {
        server.drop_connection();
    }
    let env = env(&pool, &server, &storage);
    let err = fresh_session(&env).unwrap_err();
    assert_eq!(err.code(), "NetworkError");
    assert_eq!(server.requests.borrow().len(), crate::flows::retry::MAX_ATTEMPTS as usize);
    assert!(SessionStore::new(&storage, "client").load("alice").is_some(), "an outage must not sign the user out");
}

#[test]
fn rotation_uses_get_tokens_from_refresh_token() {
    let (mut pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    pool.refresh_token_rotation = true;
    expired_session_in(&storage);
    server.answer(200, refreshed(Some("refresh-2")));
    let env = env(&pool, &server, &storage);
    fresh_session(&env).unwrap();
    let req = server.requests.borrow()[0].clone();
    assert_eq!(req.operation, Operation::GetTokensFromRefreshToken);
    assert_eq!(req.text(), r#"{"ClientId":"client","RefreshToken":"refresh-1"}"#);
}

#[test]
fn missing_or_unrefreshable_sessions_use_the_sdk_messages() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let get = || fresh_session(&env).unwrap_err().message.clone();
    assert_eq!(get(), "Local storage is missing an ID Token, Please authenticate");
    let (id, access) = tokens(NOW - 10);
    SessionStore::new(&storage, "client").save("alice", &Session::issued(&id, &access, "", NOW - 3610)).unwrap();
    assert_eq!(get(), "Cannot retrieve a new session. Please authenticate.");
    assert!(server.requests.borrow().is_empty());
}

#[test]
fn a_failed_sign_in_writes_nothing() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    server.answer(400, json!({"__type":"NotAuthorizedException","message":"Incorrect username or password."}));
    let env = env(&pool, &server, &storage);
    let params = SignInParams {
        user_pool_id: pool.user_pool_id.clone(),
        client_id: "client".into(),
        username: "alice".into(),
        password: "pw".into(),
        client_metadata: None,
        preferred_challenge: None,
    };
    let fut = Box::pin(async {
        sign_in::start(&env, Begin::Flow(AuthFlow::UserPassword), params, &no_srp)
            .await
            .map(|_| Session::issued("", "", "", 0))
            .map_err(|failure| failure.error)
    }) as Boxed;
    assert_eq!(run_all(vec![fut]).remove(0).unwrap_err().code(), "NotAuthorizedException");
    assert!(storage.keys().is_empty());
}

/// Four "tabs" (one shared storage) with an expired session:
/// the storage lease lets one refresh; the others find its tokens and send nothing.
#[test]
fn tabs_sharing_storage_send_one_refresh_even_with_rotation() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    expired_session_in(&storage);
    server.answer(200, refreshed(Some("refresh-2")));
    let env = env(&pool, &server, &storage);
    let tabs: Vec<_> = (0..4)
        .map(|i| StorageLease { storage: &storage, timer: &server, owner: format!("tab{i}"), now_ms: clock_ms })
        .collect();
    let calls: Vec<Boxed> =
        tabs.iter().map(|lease| Box::pin(get_session_result(&env, lease, None, "alice", None)) as Boxed).collect();
    let results = run_all(calls);
    assert_eq!(server.count(Operation::InitiateAuth), 1);
    assert!(results.iter().all(|r| r.as_ref().unwrap().refresh_token == "refresh-2"));
}

#[test]
fn a_valid_in_memory_session_is_used_as_is_and_an_expired_one_defers_to_storage() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let (id, access) = tokens(NOW + 600);
    let in_memory = Session::issued(&id, &access, "refresh-mem", NOW - 10);
    // Valid in memory: no storage read needed, no request (storage is even empty).
    let got = session_without_request(&env, Some(&in_memory), "alice").unwrap().unwrap();
    assert_eq!(got.refresh_token, "refresh-mem");
    // Expired in memory, expired in storage: a refresh is due.
    let (id, access) = tokens(NOW - 10);
    let stale = Session::issued(&id, &access, "refresh-mem", NOW - 3610);
    expired_session_in(&storage);
    assert!(session_without_request(&env, Some(&stale), "alice").is_none());
    server.answer(200, refreshed(None));
    let session = run_all(vec![Box::pin(get_session_result(&env, &NoTabLock, Some(&stale), "alice", None)) as Boxed])
        .remove(0)
        .unwrap();
    assert_eq!(session.refresh_token, "refresh-1", "refreshed with the stored token, not the stale in-memory one");
    assert_eq!(server.requests.borrow().len(), 1);
}

fn alice(password: &str) -> SignInParams {
    SignInParams {
        user_pool_id: "us-east-1_Pool".into(),
        client_id: "client".into(),
        username: "alice".into(),
        password: password.into(),
        client_metadata: None,
        preferred_challenge: None,
    }
}

fn signed_in_answer() -> Value {
    let (id, access) = tokens(NOW + 3600);
    json!({"AuthenticationResult": {"IdToken": id, "AccessToken": access, "RefreshToken": "r"}})
}

fn sent(server: &FakeServer, i: usize) -> Value {
    json::parse(&server.requests.borrow()[i].text()).unwrap()
}

#[test]
fn a_mistyped_code_leaves_the_challenge_waiting_and_the_next_answer_signs_in() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    server
        .answer(200, json!({"ChallengeName":"SMS_MFA","Session":"s1","ChallengeParameters":{}}))
        .answer(400, json!({"__type":"CodeMismatchException","message":"Invalid code"}))
        .answer(200, signed_in_answer());
    let Ok(SignInOutcome::Challenge(pending)) =
        run(sign_in::start(&env, Begin::Flow(AuthFlow::UserPassword), alice("pw"), &no_srp))
    else {
        panic!("expected the SMS_MFA challenge")
    };
    let code = |c: &str| Answer::MfaCode { code: c.into(), mfa_type: ChallengeName::SmsMfa };
    let failure = run(sign_in::answer(&env, pending, &code("000000"), None, &no_srp)).unwrap_err();
    assert_eq!(failure.error.code(), "CodeMismatchException");
    assert!(storage.keys().is_empty(), "nothing stored before the sign-in ends");
    let pending = failure.pending.expect("the challenge waits for another code");
    let outcome = run(sign_in::answer(&env, pending, &code("123456"), None, &no_srp)).unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn(ref done) if done.username == "alice"));
    assert_eq!(sent(&server, 2)["Session"], "s1", "the second answer reuses the challenge's session");
    assert!(SessionStore::new(&storage, "client").load("alice").is_some());
}

#[test]
fn a_device_cognito_forgot_is_cleared_and_the_request_sent_again_without_it() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let sessions = SessionStore::new(&storage, "client");
    let device = crate::auth::device::DeviceSecrets { key: "dk".into(), group_key: "g".into(), password: "p".into() };
    sessions.save_device("alice", &device).unwrap();
    let env = env(&pool, &server, &storage);
    server
        .answer(400, json!({"__type":"ResourceNotFoundException","message":"Device does not exist."}))
        .answer(200, signed_in_answer());
    let outcome = run(sign_in::start(&env, Begin::Flow(AuthFlow::UserPassword), alice("pw"), &no_srp)).unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn(_)));
    assert_eq!(sent(&server, 0)["AuthParameters"]["DEVICE_KEY"], "dk");
    assert_eq!(sent(&server, 1)["AuthParameters"], json!({"USERNAME":"alice","PASSWORD":"pw"}));
    assert!(sessions.load_device("alice").is_none(), "the forgotten device is no longer remembered");
}

#[test]
fn mfa_setup_uses_the_challenge_session_and_finishes_the_sign_in() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    server
        .answer(200, json!({"ChallengeName":"MFA_SETUP","Session":"s1","ChallengeParameters":{}}))
        .answer(200, json!({"SecretCode":"SECRET","Session":"s2"}))
        .answer(200, json!({"Status":"SUCCESS","Session":"s3"}))
        .answer(200, signed_in_answer());
    let Ok(SignInOutcome::Challenge(mut pending)) =
        run(sign_in::start(&env, Begin::Flow(AuthFlow::UserPassword), alice("pw"), &no_srp))
    else {
        panic!("expected MFA_SETUP")
    };
    let no_token = || -> Result<String, CognitoError> { panic!("no access token during a sign-in") };
    let caller = user::Caller { username: "alice", access_token: &no_token };
    let in_challenge = &crate::protocol::account::ASSOCIATE_SOFTWARE_TOKEN_IN_CHALLENGE;
    let data = run(user::call(&env, &caller, in_challenge, &json!({"Session": "s1"}))).unwrap();
    let session = data.get("Session").and_then(Value::as_str);
    assert_eq!((data.get("SecretCode").and_then(Value::as_str), session), (Some("SECRET"), Some("s2")));
    pending.update_session(session.unwrap().to_string());
    let outcome = run(sign_in::finish_mfa_setup(&env, pending, "123456", Some("phone"), &no_srp)).unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn(_)));
    assert_eq!(sent(&server, 1), json!({"Session":"s1"}));
    assert_eq!(sent(&server, 2), json!({"Session":"s2","UserCode":"123456","FriendlyDeviceName":"phone"}));
    let finish = sent(&server, 3);
    assert_eq!((finish["ChallengeName"].as_str(), finish["Session"].as_str()), (Some("MFA_SETUP"), Some("s3")));
}

#[test]
fn a_passkey_challenge_asks_the_browser_with_cognitos_options_then_signs_in() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let mut params = alice("");
    params.preferred_challenge = Some("WEB_AUTHN".into());
    server
        .answer(
            200,
            json!({"ChallengeName":"WEB_AUTHN","Session":"w1","ChallengeParameters":{"CREDENTIAL_REQUEST_OPTIONS":"{\"challenge\":\"abc\"}"}}),
        )
        .answer(200, signed_in_answer());
    let Ok(SignInOutcome::Challenge(pending)) =
        run(sign_in::start(&env, Begin::Flow(AuthFlow::UserAuth), params, &no_srp))
    else {
        panic!("expected the passkey step")
    };
    assert_eq!(pending.passkey_options(), Some(r#"{"challenge":"abc"}"#));
    let assertion = Answer::WebAuthn(r#"{"id":"cred"}"#.into());
    let outcome = run(sign_in::answer(&env, pending, &assertion, None, &no_srp)).unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn(_)));
    let answered = sent(&server, 1);
    assert_eq!(answered["ChallengeName"], "WEB_AUTHN");
    assert_eq!(answered["ChallengeResponses"]["CREDENTIAL"], r#"{"id":"cred"}"#);
}

#[test]
fn listeners_hear_of_a_refresh_and_of_the_sign_out_a_dead_refresh_token_causes() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let get = || run(get_session(&env, &NoTabLock, None, "alice", None));
    expired_session_in(&storage);
    server.answer(200, refreshed(None));
    assert_eq!(get().change, Some(Change::Refresh));
    // A valid session is no change.
    assert_eq!(get().change, None);
    expired_session_in(&storage);
    server.answer(400, json!({"__type":"NotAuthorizedException","message":"Refresh Token has been revoked"}));
    let found = get();
    assert!(found.session.is_err());
    assert_eq!(found.change, Some(Change::SignOut));
    // A transient failure keeps the session: no sign-out.
    expired_session_in(&storage);
    for _ in 0..retry::MAX_ATTEMPTS {
        server.drop_connection();
    }
    let found = get();
    assert_eq!((found.session.is_err(), found.change), (true, None));
}

/// `refreshSession(token)` (and getUserData's refresh after a bypass): the session flow
/// with the token given, sent even while the stored session is valid, stored, and heard of
/// as a refresh, with no coordination.
#[test]
fn a_refresh_with_a_given_token_sends_it_stores_the_result_and_is_a_refresh() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let (id, access) = tokens(NOW + 60);
    SessionStore::new(&storage, "client").save("alice", &Session::issued(&id, &access, "refresh-1", NOW)).unwrap();
    server.answer(200, refreshed(None));
    // The method's clientMetadata argument as given: its text members are sent.
    let metadata = json!({"k": "v", "n": 1});
    let found = run(session::session(&env, &NoTabLock, Ok("refresh-given"), "alice", Some(&metadata)));
    assert_eq!(found.change, Some(Change::Refresh));
    assert_eq!(found.session.unwrap().refresh_token, "refresh-given");
    assert_eq!(sent(&server, 0)["AuthParameters"]["REFRESH_TOKEN"], "refresh-given");
    assert_eq!(sent(&server, 0)["ClientMetadata"], json!({"k": "v"}));
    assert_eq!(SessionStore::new(&storage, "client").load("alice").unwrap().refresh_token, "refresh-given");
    // A dead token given: the error, and the sign-out it leaves behind.
    server.answer(400, json!({"__type":"NotAuthorizedException","message":"Refresh Token has been revoked"}));
    let found = run(session::session(&env, &NoTabLock, Ok("refresh-given"), "alice", None));
    assert_eq!((found.session.unwrap_err().code(), found.change), ("NotAuthorizedException", Some(Change::SignOut)));
    assert!(storage.keys().is_empty(), "{:?}", storage.keys());
}

#[test]
fn a_device_cognito_issues_is_confirmed_remembered_and_then_proves_itself() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let mut issued = signed_in_answer();
    let device = json!({"DeviceKey":"us-east-1_dk","DeviceGroupKey":"group"});
    issued.as_object_mut().and_then(|r| r.get_mut("AuthenticationResult")).unwrap().insert("NewDeviceMetadata", device);
    server.answer(200, issued).answer(200, json!({"UserConfirmationNecessary":true}));
    let outcome = run(sign_in::start(&env, Begin::Flow(AuthFlow::UserPassword), alice("pw"), &no_srp)).unwrap();
    let SignInOutcome::SignedIn(done) = outcome else { panic!("expected tokens") };
    assert!(done.user_confirmation_necessary, "Cognito's UserConfirmationNecessary reaches onSuccess");
    // ConfirmDevice carries the verifier of a password and salt drawn from env.random.
    let (mut password, mut salt) = ([0u8; 40], [0u8; 16]);
    counting_bytes(&mut password).unwrap();
    counting_bytes(&mut salt).unwrap();
    let (secrets, verifier) = crate::auth::device::device_verifier("group", "us-east-1_dk", &password, &salt);
    let confirm = sent(&server, 1);
    assert_eq!(server.requests.borrow()[1].operation, Operation::ConfirmDevice);
    assert_eq!(confirm["DeviceKey"], "us-east-1_dk");
    assert_eq!(confirm["DeviceSecretVerifierConfig"]["Salt"], verifier.salt_b64.as_str());
    assert_eq!(confirm["DeviceSecretVerifierConfig"]["PasswordVerifier"], verifier.verifier_b64.as_str());
    assert_eq!(SessionStore::new(&storage, "client").load_device("alice"), Some(secrets));
    // The next sign-in names the device, and answers DEVICE_SRP_AUTH with its own proof.
    server
        .answer(200, json!({"ChallengeName":"DEVICE_SRP_AUTH","Session":"d1"}))
        .answer(200, json!({"ChallengeName":"DEVICE_PASSWORD_VERIFIER","Session":"d2","ChallengeParameters":{
            "SRP_B":"abcdef0123","SALT":"0badc0de","SECRET_BLOCK":"c2VjcmV0","USERNAME":"alice","DEVICE_KEY":"us-east-1_dk"}}))
        .answer(200, signed_in_answer());
    let srp = || Ok(Box::new(SrpClient::from_small_a(&[5u8; 64])));
    let outcome = run(sign_in::start(&env, Begin::Flow(AuthFlow::UserPassword), alice("pw"), &srp)).unwrap();
    assert!(matches!(outcome, SignInOutcome::SignedIn(ref done) if !done.user_confirmation_necessary));
    assert_eq!(sent(&server, 2)["AuthParameters"]["DEVICE_KEY"], "us-east-1_dk");
    assert_eq!(sent(&server, 3)["ChallengeName"], "DEVICE_SRP_AUTH");
    let proof = sent(&server, 4);
    assert_eq!(proof["ChallengeName"], "DEVICE_PASSWORD_VERIFIER");
    assert!(proof["ChallengeResponses"]["PASSWORD_CLAIM_SIGNATURE"].as_str().is_some_and(|s| !s.is_empty()));
    // The user keeps DEVICE_SRP_AUTH's Session, as the SDK's `user.Session` does.
    let SignInOutcome::SignedIn(done) = outcome else { panic!("expected tokens") };
    assert_eq!(done.device_session.as_deref(), Some("d1"));
}
