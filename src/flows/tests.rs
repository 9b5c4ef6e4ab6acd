//! The drivers against a scripted fake server: refresh sharing, retries, clearing.

use super::*;
use crate::flows::single_flight::tests::{run_all, Yield};
use crate::json;
use crate::json::Value;
use crate::protocol::HttpResponse;
use crate::session::tests::jwt;
use crate::storage::tab_lock::{NoTabLock, StorageLease};
use crate::storage::MemoryStorage;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;

pub(super) const NOW: i64 = 1_000_000;

thread_local! {
    /// Milliseconds on the fake clock; only `sleep` advances it.
    static CLOCK_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

fn clock_ms() -> f64 {
    CLOCK_MS.with(std::cell::Cell::get)
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
    pool: &'a PoolConfig,
    server: &'a FakeServer,
    storage: &'a MemoryStorage,
) -> Env<'a, FakeServer, MemoryStorage> {
    Env { pool, transport: server, storage, now: || NOW }
}

type Boxed<'a> = Pin<Box<dyn Future<Output = Result<Session, CognitoError>> + 'a>>;

#[test]
fn eight_parallel_get_session_calls_send_one_refresh() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    expired_session_in(&storage);
    server.answer(200, refreshed(None));
    let env = env(&pool, &server, &storage);
    let flights = SingleFlight::default();
    let calls: Vec<Boxed> =
        (0..8).map(|_| Box::pin(get_session(&env, &flights, &NoTabLock, None, "alice", None)) as Boxed).collect();
    let results = run_all(calls);
    assert_eq!(server.count(Operation::InitiateAuth), 1);
    let first = results[0].clone().unwrap();
    assert!(first.is_valid(NOW));
    assert!(results.iter().all(|r| r.as_ref().unwrap() == &first));
    // Kept the old refresh token (none came back) and stored the new tokens.
    let stored = SessionStore::new(&storage, "client").load("alice").unwrap();
    assert_eq!((stored.refresh_token.as_str(), &stored.id_token), ("refresh-1", &first.id_token));
    let body = json::parse(&server.requests.borrow()[0].body).unwrap();
    assert_eq!(body["AuthParameters"]["REFRESH_TOKEN"], "refresh-1");
}

#[test]
fn a_revoked_refresh_token_fails_at_once_and_clears_the_session() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    expired_session_in(&storage);
    server.answer(400, json!({"__type":"NotAuthorizedException","message":"Refresh Token has been revoked"}));
    let env = env(&pool, &server, &storage);
    let err =
        run_all(vec![Box::pin(get_session(&env, &SingleFlight::default(), &NoTabLock, None, "alice", None)) as Boxed])
            .remove(0)
            .unwrap_err();
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
    let session =
        run_all(vec![Box::pin(get_session(&env, &SingleFlight::default(), &NoTabLock, None, "alice", None)) as Boxed])
            .remove(0)
            .unwrap();
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
    let err =
        run_all(vec![Box::pin(get_session(&env, &SingleFlight::default(), &NoTabLock, None, "alice", None)) as Boxed])
            .remove(0)
            .unwrap_err();
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
    run_all(vec![Box::pin(get_session(&env, &SingleFlight::default(), &NoTabLock, None, "alice", None)) as Boxed])
        .remove(0)
        .unwrap();
    let req = server.requests.borrow()[0].clone();
    assert_eq!(req.operation, Operation::GetTokensFromRefreshToken);
    assert_eq!(req.body, r#"{"ClientId":"client","RefreshToken":"refresh-1"}"#);
}

#[test]
fn missing_or_unrefreshable_sessions_use_the_sdk_messages() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    let env = env(&pool, &server, &storage);
    let get = || {
        run_all(vec![Box::pin(get_session(&env, &SingleFlight::default(), &NoTabLock, None, "alice", None)) as Boxed])
            .remove(0)
            .unwrap_err()
            .message
    };
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
        sign_in(&env, Flow::UserPassword, params, || unreachable!()).await.map(|_| Session::issued("", "", "", 0))
    }) as Boxed;
    assert_eq!(run_all(vec![fut]).remove(0).unwrap_err().code(), "NotAuthorizedException");
    assert!(storage.keys().is_empty());
}

/// Four "tabs" (separate in-memory flights, one shared storage) with an expired session:
/// the storage lease lets one refresh; the others find its tokens and send nothing.
#[test]
fn tabs_sharing_storage_send_one_refresh_even_with_rotation() {
    let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
    expired_session_in(&storage);
    server.answer(200, refreshed(Some("refresh-2")));
    let env = env(&pool, &server, &storage);
    let tabs: Vec<_> = (0..4)
        .map(|i| {
            (
                SingleFlight::default(),
                StorageLease { storage: &storage, timer: &server, owner: format!("tab{i}"), now_ms: clock_ms },
            )
        })
        .collect();
    let calls: Vec<Boxed> = tabs
        .iter()
        .map(|(flights, lease)| Box::pin(get_session(&env, flights, lease, None, "alice", None)) as Boxed)
        .collect();
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
    let session =
        run_all(vec![
            Box::pin(get_session(&env, &SingleFlight::default(), &NoTabLock, Some(&stale), "alice", None)) as Boxed
        ])
        .remove(0)
        .unwrap();
    assert_eq!(session.refresh_token, "refresh-1", "refreshed with the stored token, not the stale in-memory one");
    assert_eq!(server.requests.borrow().len(), 1);
}
