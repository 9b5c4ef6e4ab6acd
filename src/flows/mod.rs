//! Drives whole operations over a [`Transport`]: sends requests, feeds answers to the
//! sign-in state machine, retries what is worth retrying, and keeps the stored session
//! consistent. The JS classes are thin wrappers around these functions.

pub mod clock;
pub mod identity;
pub mod pool;
pub mod retry;
pub mod single_flight;
pub mod transport;
pub mod user_data;

use self::pool::PoolConfig;
use self::single_flight::SingleFlight;
use self::transport::Transport;
use crate::auth::device::new_device_verifier;
use crate::auth::{self, Challenge, Flow, NewDevice, SignIn, SignInParams, Step};
use crate::json::{self, FromJson, Value};
use crate::protocol::types::{AuthResponse, StringMap};
use crate::protocol::{account, secret_hash, CognitoError, ErrorKind, JsonAnswer, Operation, Request};
use crate::session::Session;
use crate::srp::{SrpClient, SrpError};
use crate::storage::tab_lock::TabLock;
use crate::storage::{SessionStore, Storage};

/// What every operation runs against: the pool, the wire, where sessions live, a clock.
pub struct Env<'a, T: Transport, S: Storage + ?Sized> {
    pub pool: &'a PoolConfig,
    pub transport: &'a T,
    pub storage: &'a S,
    /// Seconds since the epoch.
    pub now: fn() -> i64,
}

impl<T: Transport, S: Storage + ?Sized> Env<'_, T, S> {
    /// Sends one request and decodes the answer (or the error, shaped as the SDK shapes it).
    pub async fn call<R: FromJson>(&self, request: &Request) -> Result<R, CognitoError> {
        Box::pin(self.call_json(request, None)).await?.decode()
    }

    /// [`Env::call`] up to the parsed JSON, for a request that may not name its user (a
    /// refresh: `username` is whom the client secret's hash is computed for). Not generic,
    /// and boxed by its callers: each call site then polls one shared future and decodes
    /// its own result type after the await, instead of getting the sending code inlined
    /// (2.6 KB less wasm, 360528 -> 357936 bytes; unboxed it was 6 KB more).
    async fn call_json(&self, request: &Request, username: Option<&str>) -> Result<JsonAnswer, CognitoError> {
        let signed;
        let request = match &self.pool.client_secret {
            Some(secret) => {
                signed = secret_hash::apply(request, secret, &self.pool.client_id, username);
                &signed
            }
            None => request,
        };
        self.transport.send(&self.pool.endpoint, request).await?.into_json()
    }

    /// Like [`Env::call`], retrying network errors, throttling and 5xx with capped, jittered backoff.
    pub async fn call_with_retry<R: FromJson>(
        &self,
        request: &Request,
        username: Option<&str>,
    ) -> Result<R, CognitoError> {
        // Decoded after the retries: an answer of the wrong shape (a 2xx) is never retried.
        Box::pin(self.call_json_with_retry(request, username)).await?.decode()
    }

    async fn call_json_with_retry(
        &self,
        request: &Request,
        username: Option<&str>,
    ) -> Result<JsonAnswer, CognitoError> {
        let mut attempt = 1;
        loop {
            match self.call_json(request, username).await {
                Err(e) => match retry::delay_before_retry(attempt, &e, jitter()) {
                    Some(ms) => {
                        self.transport.sleep(ms).await;
                        attempt += 1;
                    }
                    None => return Err(e),
                },
                ok => return ok,
            }
        }
    }

    pub fn sessions(&self) -> SessionStore<'_, S> {
        SessionStore::new(self.storage, &self.pool.client_id)
    }

    pub fn store_session(&self, username: &str, session: &Session) -> Result<(), CognitoError> {
        self.sessions()
            .save(username, session)
            .map_err(|e| CognitoError::new(ErrorKind::Storage, format!("Could not store the session: {e}")))
    }

    pub fn clear_session(&self, username: &str) {
        self.sessions().clear(username)
    }
}

/// A number in [0, 1) for backoff jitter; 0.5 if randomness is unavailable.
fn jitter() -> f64 {
    let mut b = [0u8; 2];
    match getrandom::getrandom(&mut b) {
        Ok(()) => u16::from_le_bytes(b) as f64 / 65536.0,
        Err(_) => 0.5,
    }
}

/// How a sign-in ended (so far).
#[derive(Debug, Clone, PartialEq)]
pub enum SignInOutcome {
    /// `user_confirmation_necessary`: a newly remembered device awaits the user's consent
    /// (the second argument of the SDK's `onSuccess`).
    SignedIn {
        username: String,
        session: Session,
        user_confirmation_necessary: bool,
    },
    Challenge(Challenge),
}

/// Starts a sign-in and runs it to its end or to the first challenge the caller must
/// answer. On success the session is stored before this returns; on failure storage is
/// untouched.
pub async fn sign_in<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>,
    flow: Flow,
    params: SignInParams,
    srp: impl FnOnce() -> Result<SrpClient, SrpError>,
) -> Result<(SignIn, SignInOutcome), CognitoError> {
    let mut machine = SignIn::new(flow, params);
    let request = machine.start(srp)?;
    let outcome = drive(env, &mut machine, request).await?;
    Ok((machine, outcome))
}

/// Sends `request` and keeps feeding answers to `machine` until it signs in or stops at
/// a challenge. Used for the first request and for each answer to a challenge.
pub async fn drive<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>,
    machine: &mut SignIn,
    mut request: Request,
) -> Result<SignInOutcome, CognitoError> {
    loop {
        let response: AuthResponse = match env.call(&request).await {
            // Cognito forgot the device (forgotten elsewhere, pool reset): drop it and
            // repeat the request without it, as the JS SDK does.
            Err(e) if is_unknown_device(&e) && machine.device().is_some() => {
                env.sessions().clear_device(machine.username());
                machine.forget_device();
                request = without_device_key(&request);
                env.call(&request).await?
            }
            other => other?,
        };
        match machine.on_response(response, (env.now)())? {
            Step::Send(next) => request = next,
            Step::Challenge(challenge) => return Ok(SignInOutcome::Challenge(challenge)),
            Step::SignedIn { username, tokens, new_device } => {
                let session =
                    Session::issued(&tokens.id_token, &tokens.access_token, &tokens.refresh_token, (env.now)());
                env.store_session(&username, &session)?;
                let user_confirmation_necessary = match new_device {
                    Some(device) => remember_device(env, &username, &session, &device).await,
                    None => false,
                };
                return Ok(SignInOutcome::SignedIn { username, session, user_confirmation_necessary });
            }
        }
    }
}

fn is_unknown_device(e: &CognitoError) -> bool {
    e.kind == ErrorKind::ResourceNotFound && e.message.to_ascii_lowercase().contains("device")
}

/// The same request with DEVICE_KEY removed from its parameters.
fn without_device_key(request: &Request) -> Request {
    let Ok(mut body) = json::parse(&request.body) else { return request.clone() };
    for map in ["AuthParameters", "ChallengeResponses"] {
        if let Some(fields) = body.as_object_mut().and_then(|b| b.get_mut(map)).and_then(Value::as_object_mut) {
            fields.remove("DEVICE_KEY");
        }
    }
    Request { operation: request.operation, body: body.stringify() }
}

/// Confirms a device Cognito just issued and stores its secrets. The user is signed in
/// either way: if confirming fails, the device is simply not remembered.
async fn remember_device<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>,
    username: &str,
    session: &Session,
    device: &NewDevice,
) -> bool {
    let Ok((secrets, verifier)) = new_device_verifier(&device.group_key, &device.key) else { return false };
    let request = account::confirm_device(
        &session.access_token.jwt,
        &device.key,
        &verifier.salt_b64,
        &verifier.verifier_b64,
        &env.pool.device_name,
    );
    match env.call::<Value>(&request).await {
        Ok(answer) => {
            let _ = env.sessions().save_device(username, &secrets);
            answer.get("UserConfirmationNecessary").and_then(|v| v.as_bool()).unwrap_or(false)
        }
        Err(_) => false,
    }
}

/// The request that trades a refresh token for fresh tokens.
fn refresh_request(
    pool: &PoolConfig,
    refresh_token: &str,
    device_key: Option<&str>,
    client_metadata: Option<StringMap>,
) -> Request {
    if pool.refresh_token_rotation {
        let mut body = crate::json!({ "ClientId": (pool.client_id), "RefreshToken": refresh_token });
        if let Some(key) = device_key {
            body.insert("DeviceKey", crate::json!(key));
        }
        if let Some(meta) = client_metadata {
            body.insert("ClientMetadata", crate::json!(meta));
        }
        Request::new(Operation::GetTokensFromRefreshToken, &body)
    } else {
        auth::refresh_request(&pool.client_id, refresh_token, device_key, client_metadata)
    }
}

/// Exchanges a refresh token for fresh tokens and stores them (a rotated refresh token
/// replaces the old one). Transient failures are retried; `NotAuthorizedException` (a
/// dead or revoked refresh token) fails at once and clears the stored session, unless
/// storage meanwhile holds a different refresh token (another tab refreshed).
pub async fn refresh<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>,
    username: &str,
    refresh_token: &str,
    client_metadata: Option<StringMap>,
) -> Result<Session, CognitoError> {
    // A remembered device's refresh tokens are bound to it: send its key along.
    let device_key = env.sessions().load_device(username).map(|d| d.key);
    let request = refresh_request(env.pool, refresh_token, device_key.as_deref(), client_metadata);
    // Only clients with a secret need the name the hash is computed for.
    let hash_username = env.pool.client_secret.as_ref().map(|_| secret_hash_username(username, env));
    let response: AuthResponse = match env.call_with_retry(&request, hash_username.as_deref()).await {
        Ok(r) => r,
        Err(e) => {
            let stored_token = env.sessions().load(username).map(|s| s.refresh_token);
            if refresh_token_is_dead(&e) && stored_token.as_deref().is_none_or(|t| t == refresh_token) {
                env.clear_session(username);
            }
            return Err(e);
        }
    };
    let result = response
        .authentication_result
        .ok_or_else(|| CognitoError::unexpected_response(200, "AuthenticationResult is missing"))?;
    let tokens = auth::tokens_from(result, Some(refresh_token))?;
    let session = Session::issued(&tokens.id_token, &tokens.access_token, &tokens.refresh_token, (env.now)());
    env.store_session(username, &session)?;
    Ok(session)
}

/// Whom a refresh's SECRET_HASH is computed for: the `username` claim of the stored access
/// token (Cognito's own name for the user, which differs from what was typed when users
/// sign in with an email alias), else the name the session is stored under.
fn secret_hash_username<T: Transport, S: Storage + ?Sized>(username: &str, env: &Env<'_, T, S>) -> String {
    env.sessions()
        .load(username)
        .and_then(|s| s.access_token.payload.get("username").and_then(|u| u.as_str()).map(str::to_string))
        .unwrap_or_else(|| username.to_string())
}

/// Errors after which a refresh token can never work again: revoked, expired, or (with
/// rotation) already exchanged for a newer one.
pub fn refresh_token_is_dead(e: &CognitoError) -> bool {
    matches!(e.kind, ErrorKind::NotAuthorized | ErrorKind::RefreshTokenReuse)
}

/// The key under which refreshes of one user share a single request.
pub fn refresh_key(pool: &PoolConfig, username: &str) -> String {
    format!("{}\u{0}{}", pool.client_id, username)
}

/// What storage says about a user's session, decided without any request.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredSession {
    Valid(Session),
    /// Expired, with a refresh token to renew it.
    NeedsRefresh(String),
    /// Nothing usable: the error says why, in the SDK's words.
    Unusable(CognitoError),
}

/// What storage says about `username`'s session. Leftovers that can never become a
/// session (half a session, expired tokens without a refresh token, a LastAuthUser with no
/// tokens) are cleared, so the user is consistently signed out.
pub fn stored_session<T: Transport, S: Storage + ?Sized>(env: &Env<'_, T, S>, username: &str) -> StoredSession {
    let unusable = |message: &str| {
        env.clear_session(username);
        StoredSession::Unusable(CognitoError::not_authenticated(message))
    };
    let Some(stored) = env.sessions().load(username) else {
        return unusable("Local storage is missing an ID Token, Please authenticate");
    };
    if stored.is_valid((env.now)()) {
        StoredSession::Valid(stored)
    } else if stored.refresh_token.is_empty() {
        unusable("Cannot retrieve a new session. Please authenticate.")
    } else {
        StoredSession::NeedsRefresh(stored.refresh_token)
    }
}

/// The session when it can be had without a request: `cached` (a caller's in-memory
/// session) while valid, else what storage says. None: it must be refreshed. The one
/// decision behind `get_session` here and `getSession` in the JS layer.
pub fn session_without_request<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>,
    cached: Option<&Session>,
    username: &str,
) -> Option<Result<Session, CognitoError>> {
    if let Some(session) = cached.filter(|s| s.is_valid((env.now)())) {
        return Some(Ok(session.clone()));
    }
    match stored_session(env, username) {
        StoredSession::Valid(session) => Some(Ok(session)),
        StoredSession::Unusable(e) => Some(Err(e)),
        StoredSession::NeedsRefresh(_) => None,
    }
}

/// The session of `username` (`cached` first, then storage), refreshed when expired.
/// Concurrent callers in this context share one refresh (`flights`); across tabs, `tabs`
/// lets one refresh at a time, and whoever gets the lock second finds fresh tokens in
/// storage and sends nothing. Errors carry the SDK's messages.
pub async fn get_session<T: Transport, S: Storage + ?Sized, L: TabLock>(
    env: &Env<'_, T, S>,
    flights: &SingleFlight<Result<Session, CognitoError>>,
    tabs: &L,
    cached: Option<&Session>,
    username: &str,
    client_metadata: Option<StringMap>,
) -> Result<Session, CognitoError> {
    match session_without_request(env, cached, username) {
        Some(known) => known,
        None => refresh_coordinated(env, flights, tabs, username, client_metadata).await,
    }
}

/// Refreshes unless someone else (another caller here, another tab) already has: storage
/// is read again once the lock is held, and the refresh token used is the one found then
/// (with rotation, the one another tab just stored).
pub async fn refresh_coordinated<T: Transport, S: Storage + ?Sized, L: TabLock>(
    env: &Env<'_, T, S>,
    flights: &SingleFlight<Result<Session, CognitoError>>,
    tabs: &L,
    username: &str,
    client_metadata: Option<StringMap>,
) -> Result<Session, CognitoError> {
    let key = refresh_key(env.pool, username);
    let lock_name = refresh_lock_name(env.pool, username);
    flights
        .run(&key, || {
            tabs.exclusive(&lock_name, async {
                match stored_session(env, username) {
                    StoredSession::Valid(session) => Ok(session),
                    StoredSession::Unusable(e) => Err(e),
                    StoredSession::NeedsRefresh(token) => refresh(env, username, &token, client_metadata).await,
                }
            })
        })
        .await
}

/// The name of the cross-tab lock guarding one user's refresh (also the lease key prefix).
pub fn refresh_lock_name(pool: &PoolConfig, username: &str) -> String {
    crate::storage::keys::refresh_lock(&pool.client_id, username)
}

/// Revokes the refresh token (sign-out with a callback). Tokens without `origin_jti`
/// predate revocation support and cannot be revoked: that is not an error.
pub async fn revoke<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>,
    session: &Session,
) -> Result<(), CognitoError> {
    if !session.access_token.payload.contains_key("origin_jti") || session.refresh_token.is_empty() {
        return Ok(());
    }
    env.call_with_retry::<Value>(&account::revoke_token(&env.pool.client_id, &session.refresh_token), None)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests;
