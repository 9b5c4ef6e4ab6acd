//! `getUserData`'s cache: GetUser's answer is kept under
//! the SDK's `userData` key and served from there unless the caller bypasses the cache.

use super::transport::Transport;
use super::user::{self, Caller};
use super::Env;
use crate::json::{self, Value};
use crate::prelude::*;
use crate::protocol::types::Passthrough;
use crate::protocol::{account, CognitoError, ErrorKind};
use crate::session::Session;
use crate::storage::keys::{self, UserItem};
use crate::storage::Storage;
use core::future::Future;

/// The in-memory session when it is valid: what the SDK's account methods require (a
/// session only in storage does not count; `getSession` puts it in memory first).
pub fn valid_session<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, in_memory: Option<Session>,
) -> Result<Session, CognitoError> {
    in_memory
        .filter(|s| s.is_valid((env.now)()))
        .ok_or_else(|| CognitoError::not_authenticated("User is not authenticated"))
}

/// `getUserData`: the cached GetUser answer unless `bypass_cache`; else (or with nothing
/// cached) GetUser, whose answer is cached. Without a valid session the cache is cleared
/// and the call fails; a cache that is not JSON is cleared and reported. After a bypass the
/// session is refreshed when possible, best effort (the SDK's behaviour, so new attributes
/// reach the ID token): `refresh(refresh_token)` does it, so the caller can keep its
/// in-memory session and tell its listeners.
///
/// `session()` is the caller's in-memory session, read again after each request, as the
/// caller may have replaced it meanwhile.
pub async fn user_data<T, S, Fut>(
    env: &Env<'_, T, S>, username: &str, session: impl Fn() -> Option<Session>, bypass_cache: bool,
    refresh: impl FnOnce(String) -> Fut,
) -> Result<Value, CognitoError>
where
    T: Transport,
    S: Storage + ?Sized,
    Fut: Future<Output = Result<Session, CognitoError>>,
{
    let key = keys::user_item(&env.pool.client_id, username, UserItem::UserData);
    if let Err(e) = valid_session(env, session()) {
        env.storage.remove_item(&key);
        return Err(e);
    }
    if !bypass_cache {
        if let Some(cached) = env.storage.get_item(&key) {
            return json::parse(&cached).map_err(|_| {
                env.storage.remove_item(&key);
                CognitoError::new(ErrorKind::Storage, "The cached user data was not valid JSON and has been cleared.")
            });
        }
    }
    let data = fetch_user_data(env, username, &key, &session).await?;
    if bypass_cache {
        let refresh_token = valid_session(env, session()).map(|s| s.refresh_token).unwrap_or_default();
        if !refresh_token.is_empty() {
            let _ = refresh(refresh_token).await; // best effort, as in the SDK
        }
    }
    Ok(Value::Object(data))
}

/// GetUser (`flows::user`'s, with the in-memory session's access token), caching the
/// answer under `key`.
async fn fetch_user_data<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, username: &str, key: &str, session: &impl Fn() -> Option<Session>,
) -> Result<Passthrough, CognitoError> {
    let access_token = || valid_session(env, session()).map(|s| s.access_token.jwt);
    let data =
        user::call(env, &Caller { username, access_token: &access_token }, &account::GET_USER, &Value::Null).await?;
    let _ = env.storage.set_item(key, &data.stringify());
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::single_flight::tests::run;
    use crate::flows::tests::{env, pool, refreshed, tokens, FakeServer, NOW};
    use crate::json;
    use crate::protocol::Operation;
    use crate::storage::MemoryStorage;
    use core::cell::{Cell, RefCell};

    const KEY: &str = "CognitoIdentityServiceProvider.client.alice.userData";

    fn signed_in(refresh_token: &str) -> Session {
        let (id, access) = tokens(NOW + 600);
        Session::issued(&id, &access, refresh_token, NOW - 10)
    }

    fn no_refresh(_: String) -> core::future::Ready<Result<Session, CognitoError>> {
        unreachable!("only a bypass refreshes")
    }

    #[test]
    fn the_cache_is_served_and_filled() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        let env = env(&pool, &server, &storage);
        let session = || Some(signed_in("r"));
        server.answer(200, json!({"Username": "alice", "UserAttributes": []}));
        let first = run(user_data(&env, "alice", session, false, no_refresh)).unwrap();
        assert_eq!(first["Username"], "alice");
        assert_eq!(storage.get_item(KEY).as_deref(), Some(r#"{"Username":"alice","UserAttributes":[]}"#));
        let second = run(user_data(&env, "alice", session, false, no_refresh)).unwrap();
        assert_eq!((second, server.count(Operation::GetUser)), (first, 1), "served from the cache");
    }

    #[test]
    fn a_cache_that_is_not_json_is_cleared_with_a_storage_error() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        storage.set_item(KEY, "{not json").unwrap();
        let env = env(&pool, &server, &storage);
        let err = run(user_data(&env, "alice", || Some(signed_in("r")), false, no_refresh)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Storage);
        assert_eq!(err.message, "The cached user data was not valid JSON and has been cleared.");
        assert_eq!((storage.get_item(KEY), server.requests.borrow().len()), (None, 0));
    }

    #[test]
    fn no_valid_session_clears_the_cache_and_fails() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        storage.set_item(KEY, "{}").unwrap();
        let env = env(&pool, &server, &storage);
        let (id, access) = tokens(NOW - 10);
        let expired = Session::issued(&id, &access, "r", NOW - 3610);
        for session in [None, Some(expired)] {
            let err = run(user_data(&env, "alice", || session.clone(), false, no_refresh)).unwrap_err();
            assert_eq!(
                (err.code(), err.message.as_str()),
                ("UserUnAuthenticatedException", "User is not authenticated")
            );
        }
        assert_eq!((storage.get_item(KEY), server.requests.borrow().len()), (None, 0));
    }

    #[test]
    fn a_bypass_fetches_then_refreshes_best_effort() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        storage.set_item(KEY, r#"{"Username":"old"}"#).unwrap();
        let env = env(&pool, &server, &storage);
        let refreshed_with = RefCell::new(Vec::new());
        let (env_ref, log) = (&env, &refreshed_with);
        let refresh = move |token: String| async move {
            log.borrow_mut().push(token.clone());
            crate::flows::refresh(env_ref, "alice", &token, None).await
        };
        server.answer(200, json!({"Username": "alice"})).answer(200, refreshed(None));
        let data = run(user_data(&env, "alice", || Some(signed_in("refresh-1")), true, refresh)).unwrap();
        assert_eq!(data["Username"], "alice");
        assert_eq!(storage.get_item(KEY).as_deref(), Some(r#"{"Username":"alice"}"#));
        assert_eq!(*refreshed_with.borrow(), ["refresh-1"]);
        assert_eq!((server.count(Operation::GetUser), server.count(Operation::InitiateAuth)), (1, 1));

        // A failed refresh does not fail the call; no refresh token, no refresh.
        server.answer(200, json!({"Username": "alice"}));
        let failed = |_: String| async { Err(CognitoError::network("down")) };
        assert!(run(user_data(&env, "alice", || Some(signed_in("refresh-1")), true, failed)).is_ok());
        let asked = Cell::new(false);
        let refresh = |_: String| {
            asked.set(true);
            core::future::ready(Err(CognitoError::network("unused")))
        };
        server.answer(200, json!({"Username": "alice"}));
        assert!(run(user_data(&env, "alice", || Some(signed_in("")), true, refresh)).is_ok());
        assert!(!asked.get());
    }
}
