//! Drives whole operations over a [`Transport`]: sends requests, feeds answers to the
//! sign-in state machine, and keeps the stored session consistent. The JS classes are
//! thin wrappers around these functions.

use crate::auth::{self, Challenge, Flow, SignIn, SignInParams, Step};
use crate::pool::PoolConfig;
use crate::protocol::types::{AccessTokenRequest, AuthResponse, RevokeTokenRequest, StringMap};
use crate::protocol::{CognitoError, Operation, Request};
use crate::session::Session;
use crate::srp::{SrpClient, SrpError};
use crate::storage::{SessionStore, Storage};
use crate::transport::Transport;
use serde::de::DeserializeOwned;

/// Sends one request and decodes the answer (or the error, shaped as the SDK shapes it).
pub async fn call<T: Transport, R: DeserializeOwned>(transport: &T, pool: &PoolConfig, request: &Request) -> Result<R, CognitoError> {
    transport.send(&pool.endpoint, request).await?.into_result()
}

/// How a sign-in ended (so far).
#[derive(Debug, Clone, PartialEq)]
pub enum SignInOutcome {
    SignedIn { username: String, session: Session },
    Challenge(Challenge),
}

/// Runs a sign-in to its end or to the first challenge the caller must answer. On
/// success the session is stored before this returns; on failure storage is untouched.
pub async fn sign_in<T: Transport, S: Storage + ?Sized>(
    transport: &T,
    storage: &S,
    pool: &PoolConfig,
    flow: Flow,
    params: SignInParams,
    srp: impl FnOnce() -> Result<SrpClient, SrpError>,
    now: impl Fn() -> i64,
) -> Result<SignInOutcome, CognitoError> {
    let mut machine = SignIn::new(flow, params);
    let mut request = machine.start(srp)?;
    loop {
        let response: AuthResponse = call(transport, pool, &request).await?;
        match machine.on_response(response, now())? {
            Step::Send(next) => request = next,
            Step::Challenge(challenge) => return Ok(SignInOutcome::Challenge(challenge)),
            Step::SignedIn { username, tokens } => {
                let session = Session::issued(&tokens.id_token, &tokens.access_token, &tokens.refresh_token, now());
                store_session(storage, pool, &username, &session)?;
                return Ok(SignInOutcome::SignedIn { username, session });
            }
        }
    }
}

pub fn store_session<S: Storage + ?Sized>(storage: &S, pool: &PoolConfig, username: &str, session: &Session) -> Result<(), CognitoError> {
    SessionStore::new(storage, &pool.client_id)
        .save(username, session)
        .map_err(|e| CognitoError::new("StorageError", format!("Could not store the session: {e}")))
}

/// Exchanges a refresh token for fresh tokens and stores them. A `NotAuthorizedException`
/// means the refresh token is dead: the stored session is cleared and the error returned.
pub async fn refresh<T: Transport, S: Storage + ?Sized>(
    transport: &T,
    storage: &S,
    pool: &PoolConfig,
    username: &str,
    refresh_token: &str,
    client_metadata: Option<StringMap>,
    now: impl Fn() -> i64,
) -> Result<Session, CognitoError> {
    let request = auth::refresh_request(&pool.client_id, refresh_token, None, client_metadata);
    let response: AuthResponse = match call(transport, pool, &request).await {
        Ok(r) => r,
        Err(e) => {
            if e.code == "NotAuthorizedException" {
                SessionStore::new(storage, &pool.client_id).clear(username);
            }
            return Err(e);
        }
    };
    let result = response.authentication_result.ok_or_else(|| CognitoError::unexpected_response(200, "AuthenticationResult is missing"))?;
    let tokens = auth::tokens_from(result, Some(refresh_token))?;
    let session = Session::issued(&tokens.id_token, &tokens.access_token, &tokens.refresh_token, now());
    store_session(storage, pool, username, &session)?;
    Ok(session)
}

/// The stored session of `username`, refreshed through REFRESH_TOKEN_AUTH when expired.
/// Errors carry the SDK's messages.
pub async fn get_session<T: Transport, S: Storage + ?Sized>(
    transport: &T,
    storage: &S,
    pool: &PoolConfig,
    username: &str,
    client_metadata: Option<StringMap>,
    now: impl Fn() -> i64,
) -> Result<Session, CognitoError> {
    let Some(stored) = SessionStore::new(storage, &pool.client_id).load(username) else {
        return Err(CognitoError::new("NotAuthorizedException", "Local storage is missing an ID Token, Please authenticate"));
    };
    if stored.is_valid(now()) {
        return Ok(stored);
    }
    if stored.refresh_token.is_empty() {
        return Err(CognitoError::new("NotAuthorizedException", "Cannot retrieve a new session. Please authenticate."));
    }
    refresh(transport, storage, pool, username, &stored.refresh_token, client_metadata, now).await
}

/// Revokes the refresh token (sign-out with a callback). Tokens without `origin_jti`
/// predate revocation support and cannot be revoked: that is not an error.
pub async fn revoke<T: Transport>(transport: &T, pool: &PoolConfig, session: &Session) -> Result<(), CognitoError> {
    if !session.access_token.payload.contains_key("origin_jti") || session.refresh_token.is_empty() {
        return Ok(());
    }
    let request = Request::new(Operation::RevokeToken, &RevokeTokenRequest { token: session.refresh_token.clone(), client_id: pool.client_id.clone() });
    call::<T, serde_json::Value>(transport, pool, &request).await.map(|_| ())
}

pub async fn global_sign_out<T: Transport>(transport: &T, pool: &PoolConfig, session: &Session) -> Result<(), CognitoError> {
    let request = Request::new(Operation::GlobalSignOut, &AccessTokenRequest { access_token: session.access_token.jwt.clone() });
    call::<T, serde_json::Value>(transport, pool, &request).await.map(|_| ())
}
