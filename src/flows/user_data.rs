//! `getUserData`'s cache: GetUser's answer is kept under
//! the SDK's `userData` key and served from there unless the caller bypasses the cache.

use super::transport::Transport;
use super::Env;
use crate::json::{self, Value};
use crate::protocol::{CognitoError, ErrorKind};
use crate::session::Session;
use crate::storage::keys::{self, UserItem};
use crate::storage::Storage;

/// The in-memory session when it is valid: what the SDK's account methods require (a
/// session only in storage does not count; `getSession` puts it in memory first).
pub fn valid_session<'s, T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, in_memory: Option<&'s Session>,
) -> Result<&'s Session, CognitoError> {
    in_memory
        .filter(|s| s.is_valid((env.now)()))
        .ok_or_else(|| CognitoError::not_authenticated("User is not authenticated"))
}

/// `getUserData` before any request: `Some` when it is answered without one. Without a
/// valid session the cache is cleared and the call fails; unless `bypass_cache`, the
/// cached GetUser answer is served (a cache that is not JSON is cleared and reported).
/// `None`: GetUser is to be sent, and its answer is cached (the row `account::GET_USER`:
/// `flows::user::settle` keeps it).
pub fn cached<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, username: &str, session: Option<&Session>, bypass_cache: bool,
) -> Option<Result<Value, CognitoError>> {
    let key = keys::user_item(&env.pool.client_id, username, UserItem::UserData);
    if let Err(e) = valid_session(env, session) {
        env.storage.remove_item(&key);
        return Some(Err(e));
    }
    if bypass_cache {
        return None;
    }
    let cached = env.storage.get_item(&key)?;
    Some(json::parse(&cached).map_err(|_| {
        env.storage.remove_item(&key);
        CognitoError::new(ErrorKind::Storage, "The cached user data was not valid JSON and has been cleared.")
    }))
}

/// After a bypass of the cache the session is refreshed when possible, best effort (the
/// SDK's behaviour, so new attributes reach the ID token): with this refresh token, the
/// in-memory session's (read again after GetUser, as the caller may have replaced it
/// meanwhile) when it is valid and has one.
/// Borrowed from the session, not copied: the caller's future holds no string of it.
pub fn refresh_token<'s, T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, session: Option<&'s Session>,
) -> Option<&'s str> {
    valid_session(env, session).ok().map(|s| s.refresh_token.as_str()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::test_executor::run;
    use crate::flows::tests::{env, pool, refreshed, tokens, FakeServer, NOW};
    use crate::flows::user::{self, Caller};
    use crate::json;
    use crate::protocol::account;
    use crate::protocol::Operation;
    use crate::storage::MemoryStorage;
    use core::cell::{Cell, RefCell};
    use core::future::Future;

    const KEY: &str = "CognitoIdentityServiceProvider.client.alice.userData";

    /// `getUserData` as the entry runs it (`js::entry::user::account::run_one`): the cache
    /// or GetUser, then after a bypass `refresh(refresh_token)`. `session()` is the
    /// caller's in-memory session, read at each step.
    async fn user_data<T, S, Fut>(
        env: &Env<'_, T, S>, username: &str, session: impl Fn() -> Option<Session>, bypass_cache: bool,
        refresh: impl FnOnce(String) -> Fut,
    ) -> Result<Value, CognitoError>
    where
        T: Transport,
        S: Storage + ?Sized,
        Fut: Future<Output = Result<Session, CognitoError>>,
    {
        let session = session();
        let session = session.as_ref();
        if let Some(done) = cached(env, username, session, bypass_cache) {
            return done;
        }
        let access_token = || valid_session(env, session).map(|s| s.access_token.jwt.clone());
        let caller = Caller { username, access_token: &access_token };
        let data = user::call(env, &caller, &account::GET_USER, &Value::Null).await?;
        if bypass_cache {
            if let Some(token) = refresh_token(env, session) {
                let _ = refresh(token.to_string()).await; // best effort, as in the SDK
            }
        }
        Ok(Value::Object(data))
    }

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
