//! The session: what storage holds for a user, refreshing it when expired (one refresh
//! across tabs; this page's concurrent getSession calls share one call of [`session`],
//! which the JS facade holds under the key [`refresh_key`] names), and revoking it at
//! sign-out. [`session`] is
//! the one path every caller takes (the SDK's synchronous callback asks
//! `session_without_request` first, which is where [`session`] starts); what listeners
//! are to hear of it comes back with the session.

use super::{Env, Mapped, Transport};
use crate::auth::session_from;
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::types::{string_map, AuthResponse};
use crate::protocol::{self, account, CognitoError, ErrorKind, JsonAnswer};
use crate::session::Session;
use crate::storage::events::Change;
use crate::storage::tab_lock::TabLock;
use crate::storage::{keys, Storage};
use core::future::Future;

/// Exchanges a refresh token for fresh tokens and stores them (a rotated refresh token
/// replaces the old one). Transient failures are retried; `NotAuthorizedException` (a
/// dead or revoked refresh token) fails at once and clears the stored session, unless
/// storage meanwhile holds a different refresh token (another tab refreshed).
/// Not an async fn: the boxed send, its answer taken in by [`refreshed`] (the request and
/// the hash's name are made when this is called). Inlined into its one caller, the
/// session future. `client_metadata` is the method's argument as given (its text members
/// are sent), read when the request is made: no future holds a copy of it.
#[inline(always)]
pub fn refresh<'a, T: Transport, S: Storage + ?Sized>(
    env: &'a Env<'a, T, S>, username: &'a str, refresh_token: &'a str, client_metadata: Option<&Value>,
) -> impl Future<Output = Result<Session, CognitoError>> + 'a {
    // A remembered device's refresh tokens are bound to it: send its key along.
    let device_key = env.sessions().load_device(username).map(|d| d.key);
    let pool = env.pool;
    let request = protocol::auth::refresh(
        pool.refresh_token_rotation,
        &pool.client_id,
        refresh_token,
        device_key.as_deref(),
        client_metadata.and_then(string_map).as_ref(),
        || env.user_context_data(username),
    );
    // Only clients with a secret need the name the hash is computed for.
    let hash_username = env.pool.client_secret.as_ref().map(|_| secret_hash_username(username, env));
    // Retried; the JSON answer is decoded after the retries (an answer of the wrong shape,
    // a 2xx, is never retried), in `refreshed`.
    let sent = env.send_owned(request, hash_username.as_deref(), true);
    Mapped(sent, move |answer| refreshed(env, username, refresh_token, answer))
}

/// What a refresh's answer leaves: the session, stored; or the error, after which a dead
/// refresh token's session is cleared (unless another tab stored a different one).
fn refreshed<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, username: &str, refresh_token: &str, answer: Result<JsonAnswer, CognitoError>,
) -> Result<Session, CognitoError> {
    // The answer is read in place (its result borrowed, not moved out) and dropped at one place.
    match answer.and_then(AuthResponse::of) {
        Ok(r) => {
            let session = session_from(&r, refresh_token, (env.now)())?;
            env.store_session(username, &session)?;
            Ok(session)
        }
        Err(e) => {
            let stored_token = env.sessions().load(username).map(|s| s.refresh_token);
            if refresh_token_is_dead(&e) && stored_token.as_deref().is_none_or(|t| t == refresh_token) {
                env.clear_session(username);
            }
            Err(e)
        }
    }
}

/// Whom a refresh's SECRET_HASH is computed for: the `username` claim of the stored access
/// token (Cognito's own name for the user, which differs from what was typed when users
/// sign in with an email alias), else the name the session is stored under.
fn secret_hash_username<T: Transport, S: Storage + ?Sized>(username: &str, env: &Env<'_, T, S>) -> String {
    env.sessions()
        .load(username)
        .and_then(|s| s.access_token.payload().get("username").and_then(|u| u.as_str()).map(str::to_string))
        .unwrap_or_else(|| username.to_string())
}

/// Errors after which a refresh token can never work again: revoked, expired, or (with
/// rotation) already exchanged for a newer one.
pub fn refresh_token_is_dead(e: &CognitoError) -> bool {
    matches!(e.kind, ErrorKind::NotAuthorized | ErrorKind::RefreshTokenReuse)
}

/// What storage says about a user's session, decided without any request.
#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
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
/// decision behind [`session`].
pub fn session_without_request<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, cached: Option<&Session>, username: &str,
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
/// Across tabs, `tabs` lets one refresh at a time, and whoever gets the lock second finds
/// fresh tokens in storage and sends nothing. Errors carry the SDK's messages. (The
/// shipped callers call [`session`] itself.)
#[cfg(test)]
pub async fn get_session<T: Transport, S: Storage + ?Sized, L: TabLock>(
    env: &Env<'_, T, S>, tabs: &L, cached: Option<&Session>, username: &str, client_metadata: Option<&Value>,
) -> Found {
    session(env, tabs, Err(cached), username, client_metadata).await
}

/// The key under which this page's concurrent getSession calls of `username` share one
/// call of [`session`] (the JS facade holds its Promise; one per client and user): the
/// name of the tab lock it takes.
#[inline(always)]
pub fn refresh_key(client_id: &str, username: &str) -> String {
    keys::refresh_lock(client_id, username)
}

/// `getSession` (`from` is `Err` of the caller's in-memory session: see [`get_session`])
/// or `refreshSession` (`from` is `Ok` of the refresh token given: refreshed with it and
/// stored, with no coordination; listeners hear of it as of any refresh). One future for
/// both, so the refresh it may send is awaited at one place.
pub async fn session<T: Transport, S: Storage + ?Sized, L: TabLock>(
    env: &Env<'_, T, S>, tabs: &L, from: Result<&str, Option<&Session>>, username: &str,
    client_metadata: Option<&Value>,
) -> Found {
    let coordinated = from.is_err();
    if let Err(cached) = from {
        if let Some(known) = session_without_request(env, cached, username) {
            return Found { session: known, change: None };
        }
    }
    // Refreshes unless another tab already has: storage is read again once the lock is
    // held, and the refresh token used is the one found then (with rotation, the one
    // another tab just stored).
    let lock_name = refresh_key(&env.pool.client_id, username);
    let hold = if coordinated { Some(tabs.acquire(&lock_name).await) } else { None };
    let stored = match from {
        Ok(token) => StoredSession::NeedsRefresh(token.to_string()),
        Err(_) => stored_session(env, username),
    };
    let refreshed = match stored {
        StoredSession::Valid(session) => Ok(session),
        StoredSession::Unusable(e) => Err(e),
        StoredSession::NeedsRefresh(token) => refresh(env, username, &token, client_metadata).await,
    };
    if let Some(hold) = hold {
        tabs.release(&lock_name, hold);
    }
    found(env, username, refreshed)
}

/// A session asked for, and what listeners are to hear of it.
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Found {
    pub session: Result<Session, CognitoError>,
    pub change: Option<Change>,
}

/// A refresh is a `Refresh` change; a dead refresh token that left no usable session
/// behind is a sign-out.
fn found<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, username: &str, session: Result<Session, CognitoError>,
) -> Found {
    let change = match &session {
        Ok(_) => Some(Change::Refresh),
        Err(e) if refresh_token_is_dead(e) && matches!(stored_session(env, username), StoredSession::Unusable(_)) => {
            Some(Change::SignOut)
        }
        Err(_) => None,
    };
    Found { session, change }
}

/// Revokes the refresh token (sign-out with a callback): the send, its answer's body not
/// read; None when there is nothing to send. Tokens without `origin_jti` predate revocation
/// support and cannot be revoked: that is not an error.
pub fn revoke<'a, T: Transport, S: Storage + ?Sized>(
    env: &'a Env<'a, T, S>, session: &Session,
) -> Option<impl Future<Output = Result<JsonAnswer, CognitoError>> + 'a> {
    if !session.access_token.payload().contains_key("origin_jti") || session.refresh_token.is_empty() {
        return None;
    }
    Some(env.send_owned(account::revoke_token(&env.pool.client_id, &session.refresh_token), None, true))
}
