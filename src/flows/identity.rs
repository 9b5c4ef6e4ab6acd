//! Identity-pool credentials: GetId (unless an identity id is cached), then
//! GetCredentialsForIdentity, as the AWS SDK's `CognitoIdentityCredentials` does.
//!
//! ```text
//! client                                   Cognito Identity
//!   | GetId { IdentityPoolId, Logins? }  ->  |   (skipped when the id is cached)
//!   | <-                     { IdentityId }  |
//!   | GetCredentialsForIdentity              |
//!   |       { IdentityId, Logins? }      ->  |
//!   | <-  { IdentityId, Credentials }        |   the id is cached in storage
//! ```
//!
//! A cached id the pool no longer knows (ResourceNotFound, NotAuthorized) is dropped and
//! fetched again, once. Each request is retried like every other request
//! ([`super::retry::send_signed`], which owns each request). The identity pool has its own endpoint, so this runs
//! over an [`IdentityEnv`], not the user pool's [`super::Env`].

use super::retry;
use super::transport::Transport;
use super::Env;
use crate::json::{Object, Value};
use crate::prelude::*;
use crate::protocol::identity;
use crate::protocol::{CognitoError, ErrorKind};
use crate::session::decode_payload;
use crate::storage::{keys, Storage};
use alloc::borrow::Cow;

/// An identity pool and where it answers.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct IdentityPool {
    /// `<region>:<uuid>`.
    pub id: String,
    pub endpoint: String,
}

impl IdentityPool {
    /// The regional endpoint of `id`, unless `custom_endpoint` names one.
    pub fn new(id: String, custom_endpoint: Option<&str>) -> IdentityPool {
        let endpoint = identity::endpoint_for(&id, custom_endpoint);
        IdentityPool { id, endpoint }
    }

    /// Where this pool's identity id is cached.
    pub fn identity_id_key(&self) -> String {
        keys::identity_id(&self.id)
    }
}

/// What one credentials object knows between calls (kept by its owner as the data it
/// is): GetCredentialsForIdentity's last answer, `{ IdentityId, Credentials: {
/// AccessKeyId, SecretKey, SessionToken, Expiration } }` as the wire gave it (checked
/// when it came), without `IdentityId` once the pool refused it; `{}` before the first.
pub type Known = Object;

/// The identity id `known` holds.
fn known_id(known: &Known) -> Option<String> {
    known.get("IdentityId").and_then(Value::as_str).map(str::to_string)
}

/// What a [`IdentityEnv::get`] leaves: what the object knows afterwards (a refused cached
/// id is forgotten even when the call fails), and how the call went.
pub type Fetched = (Known, Result<(), CognitoError>);

/// What the credential calls run against: the identity pool, the wire, the storage the
/// identity id is cached in, a clock (seconds since the epoch).
pub type IdentityEnv<'a, T, S> = Env<'a, T, S, IdentityPool>;

impl<T: Transport, S: Storage + ?Sized> IdentityEnv<'_, T, S> {
    /// True when `get` would fetch: no credentials, or they expire within the margin.
    pub fn needs_refresh(&self, known: &Known) -> bool {
        let expiration = known.get("Credentials").and_then(|c| c.get("Expiration")).and_then(Value::as_f64);
        expiration.is_none_or(|e| identity::needs_refresh(e, (self.now)() as f64))
    }

    /// The credentials: the known ones unless `force` or they are about to expire, else
    /// fetched: GetId (unless an id is known or cached), then GetCredentialsForIdentity
    /// with `logins` (or their failure, then nothing is sent); the answer goes into what the
    /// object knows and the id into storage. A cached id the pool refuses is dropped (from
    /// memory and storage) and fetched again, once. (Concurrent `get`s of one credentials
    /// object share one fetch in the JS, which holds that fetch's Promise:
    /// src/facade/CognitoIdentityCredentials.js.) One future: the fetch is this loop (each
    /// future awaited in another is a state machine more).
    pub async fn get(
        &self, mut known: Known, force: bool, logins: impl FnOnce() -> Result<Object, CognitoError>,
    ) -> Fetched {
        if !force && !self.needs_refresh(&known) {
            return (known, Ok(()));
        }
        let key = self.pool.identity_id_key();
        // One request per turn (one await of the boxed retry loop): GetId while no id is
        // known, else GetCredentialsForIdentity. Answers are decoded after the retries (an
        // answer of the wrong shape is not worth repeating). `id` is read once the logins
        // are there (nothing is read from storage without them) and then held here: the id
        // GetId gave, or none once the pool refused it (forgotten in memory and storage).
        let mut refused_once = false;
        let result = match logins() {
            Err(e) => Err(e),
            Ok(logins) => {
                let mut id = known_id(&known).or_else(|| self.storage.get_item(&key));
                loop {
                    let request = match &id {
                        Some(id) => identity::get_credentials_for_identity(id, &logins),
                        None => identity::get_id(&self.pool.id, &logins),
                    };
                    let answer =
                        retry::boxed(self.transport, self.random, &self.pool.endpoint, Cow::Owned(request), true).await;
                    // Both answers are checked by one function, in place.
                    let answer = answer.and_then(|a| {
                        let fits = identity::identity_id(a.body(), id.is_some()).is_some();
                        a.object_if(fits)
                    });
                    if id.is_none() {
                        match answer {
                            Ok(answer) => id = known_id(&answer),
                            Err(e) => break Err(e),
                        }
                        continue;
                    }
                    match answer {
                        Ok(answer) => {
                            let _ = self.storage.set_item(&key, answer["IdentityId"].as_str().unwrap_or_default());
                            known = answer;
                            break Ok(());
                        }
                        Err(e)
                            if !refused_once
                                && matches!(e.kind, ErrorKind::ResourceNotFound | ErrorKind::NotAuthorized) =>
                        {
                            self.storage.remove_item(&key);
                            known.remove("IdentityId");
                            (id, refused_once) = (None, true);
                        }
                        Err(e) => break Err(e),
                    }
                }
            }
        };
        (known, result)
    }

    /// Forgets the cached identity id (e.g. on sign-out); what the object knows afterwards
    /// is nothing, the credentials included.
    pub fn clear_cached_id(&self) -> Known {
        self.storage.remove_item(&self.pool.identity_id_key());
        Known::default()
    }
}

/// `logins` plus the user's ID token under their user pool's provider name, which the
/// token's issuer (`https://cognito-idp.<region>.amazonaws.com/<userPoolId>`) ends with.
pub fn logins_with_id_token(mut logins: Object, id_token: &str) -> Object {
    let issuer = decode_payload(id_token)
        .and_then(|p| p.get("iss").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default();
    let pool_id = crate::text::after_last(&issuer, b'/');
    logins.insert(identity::login_provider(pool_id), Value::String(id_token.to_string()));
    logins
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::test_executor::run;
    use crate::flows::tests::FakeServer;
    use crate::json::{self, Value};
    use crate::protocol::Operation;
    use crate::session::tests::jwt;
    use crate::storage::MemoryStorage;

    const NOW: i64 = 1_000_000;
    const KEY: &str = "aws.cognito.identity-id.eu-west-1:pool";

    fn pool() -> IdentityPool {
        IdentityPool::new("eu-west-1:pool".into(), None)
    }

    fn env<'a>(
        pool: &'a IdentityPool, server: &'a FakeServer, storage: &'a MemoryStorage,
    ) -> IdentityEnv<'a, FakeServer, MemoryStorage> {
        IdentityEnv {
            pool,
            transport: server,
            storage,
            now: || NOW,
            random: getrandom::getrandom,
            context_data: &crate::protocol::user_context::NoCollector,
        }
    }

    fn credentials(id: &str, key: &str) -> Value {
        crate::json!({"IdentityId": id, "Credentials": {
            "AccessKeyId": key, "SecretKey": "S", "SessionToken": "T", "Expiration": (NOW + 3600)
        }})
    }

    fn sent(server: &FakeServer) -> Vec<(Operation, Value)> {
        server.requests.borrow().iter().map(|r| (r.operation, json::parse(&r.text()).unwrap())).collect()
    }

    #[test]
    fn a_fresh_fetch_gets_an_id_then_credentials_and_caches_the_id() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        server
            .answer(200, crate::json!({"IdentityId": "eu-west-1:id-1"}))
            .answer(200, credentials("eu-west-1:id-1", "A1"));
        let mut logins = Object::new();
        logins.insert("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x", crate::json!("tok"));
        let (known, result) = run(env(&pool, &server, &storage).get(Known::default(), true, || Ok(logins)));
        result.unwrap();
        let sent = sent(&server);
        assert_eq!(sent[0].0, Operation::GetId);
        assert_eq!(sent[0].1["IdentityPoolId"], "eu-west-1:pool");
        assert_eq!(sent[0].1["Logins"]["cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x"], "tok");
        assert_eq!(
            (sent[1].0, &sent[1].1["IdentityId"]),
            (Operation::GetCredentialsForIdentity, &crate::json!("eu-west-1:id-1"))
        );
        assert_eq!(server.endpoints.borrow()[0], "https://cognito-identity.eu-west-1.amazonaws.com/");
        assert_eq!(known_id(&known).as_deref(), Some("eu-west-1:id-1"));
        assert_eq!(known["Credentials"]["AccessKeyId"], "A1");
        assert_eq!(storage.get_item(KEY).as_deref(), Some("eu-west-1:id-1"));
    }

    #[test]
    fn a_cached_id_is_reused_without_get_id() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        storage.set_item(KEY, "eu-west-1:cached").unwrap();
        server.answer(200, credentials("eu-west-1:cached", "A1"));
        let (known, result) = run(env(&pool, &server, &storage).get(Known::default(), true, || Ok(Object::new())));
        result.unwrap();
        let sent = sent(&server);
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].1.stringify(), r#"{"IdentityId":"eu-west-1:cached"}"#, "guests send no Logins");
        assert_eq!(known_id(&known).as_deref(), Some("eu-west-1:cached"));
    }

    #[test]
    fn a_stale_cached_id_is_dropped_and_fetched_again_once() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        storage.set_item(KEY, "eu-west-1:stale").unwrap();
        server
            .answer(400, crate::json!({"__type": "ResourceNotFoundException", "message": "Identity not found"}))
            .answer(200, crate::json!({"IdentityId": "eu-west-1:new"}))
            .answer(200, credentials("eu-west-1:new", "A2"));
        let (_, result) = run(env(&pool, &server, &storage).get(Known::default(), true, || Ok(Object::new())));
        result.unwrap();
        let ops: Vec<_> = sent(&server).into_iter().map(|(op, _)| op).collect();
        assert_eq!(ops, [Operation::GetCredentialsForIdentity, Operation::GetId, Operation::GetCredentialsForIdentity]);
        assert_eq!(storage.get_item(KEY).as_deref(), Some("eu-west-1:new"));

        // Refused twice: the second refusal is the answer, and no id stays cached.
        let (server, storage) = (FakeServer::default(), MemoryStorage::new());
        storage.set_item(KEY, "eu-west-1:stale").unwrap();
        let refused = || crate::json!({"__type": "NotAuthorizedException", "message": "no"});
        server.answer(400, refused()).answer(200, crate::json!({"IdentityId": "eu-west-1:n"})).answer(400, refused());
        let known = Known::from_texts(&["IdentityId"], &["eu-west-1:stale"]);
        let (known, result) = run(env(&pool, &server, &storage).get(known, true, || Ok(Object::new())));
        let err = result.unwrap_err();
        assert_eq!((err.code(), server.requests.borrow().len()), ("NotAuthorizedException", 3));
        assert_eq!((storage.get_item(KEY), known_id(&known)), (None, None));
        assert!(!known.contains_key("IdentityId"));
    }

    #[test]
    fn transient_failures_are_retried_with_backoff() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        server
            .drop_connection()
            .answer(503, crate::json!({"__type": "ServiceUnavailable", "message": "x"}))
            .answer(200, crate::json!({"IdentityId": "eu-west-1:id"}))
            .answer(500, crate::json!({"__type": "InternalErrorException", "message": "x"}))
            .answer(200, credentials("eu-west-1:id", "A1"));
        let (known, result) = run(env(&pool, &server, &storage).get(Known::default(), true, || Ok(Object::new())));
        result.unwrap();
        assert_eq!((server.requests.borrow().len(), server.sleeps.borrow().len()), (5, 3));
        assert_eq!(known["Credentials"]["AccessKeyId"], "A1");
    }

    #[test]
    fn get_reuses_unexpired_credentials_and_clear_forgets_the_id() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        server.answer(200, crate::json!({"IdentityId": "eu-west-1:id"})).answer(200, credentials("eu-west-1:id", "A1"));
        let env = env(&pool, &server, &storage);
        assert!(env.needs_refresh(&Known::default()));
        let logins_asked = core::cell::Cell::new(0);
        let logins = || {
            logins_asked.set(logins_asked.get() + 1);
            Ok(Object::new())
        };
        let (known, result) = run(env.get(Known::default(), false, logins));
        result.unwrap();
        let (known, result) = run(env.get(known, false, logins));
        result.unwrap();
        assert_eq!((server.requests.borrow().len(), logins_asked.get()), (2, 1), "the second get sent nothing");
        assert!(!env.needs_refresh(&known));
        // Forced: fetched again, with the cached id.
        server.answer(200, credentials("eu-west-1:id", "A2"));
        let (known, result) = run(env.get(known, true, logins));
        result.unwrap();
        assert_eq!(server.count(Operation::GetId), 1);
        assert_eq!(known["Credentials"]["AccessKeyId"], "A2");
        let known = env.clear_cached_id();
        assert_eq!((storage.get_item(KEY), known), (None, Known::default()));
    }

    #[test]
    fn a_failed_get_still_hands_back_what_the_object_knows() {
        let (pool, server, storage) = (pool(), FakeServer::default(), MemoryStorage::new());
        let env = env(&pool, &server, &storage);
        let known = Known::from_texts(&["IdentityId"], &["eu-west-1:kept"]);
        let refused = || Err(CognitoError::new(ErrorKind::NotAuthorized, "no session"));
        let (after, result) = run(env.get(known.clone(), false, refused));
        assert_eq!((after, result.unwrap_err().code()), (known, "NotAuthorizedException"));
        assert!(server.requests.borrow().is_empty(), "nothing sent without logins");
    }

    #[test]
    fn the_id_token_is_sent_under_its_user_pool() {
        let token = jwt(&crate::json!({"iss": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC"}));
        let mut app = Object::new();
        app.insert("accounts.google.com", crate::json!("g"));
        let logins = logins_with_id_token(app, &token);
        assert_eq!(logins.get("accounts.google.com"), Some(&crate::json!("g")));
        assert_eq!(logins.get("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC"), Some(&Value::String(token)));
    }
}
