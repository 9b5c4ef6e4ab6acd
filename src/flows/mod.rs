//! Every flow, driven over [`Env`] (the pool, the wire, where sessions live, a clock,
//! randomness, the page's advanced-security collector):
//! sign-in and the steps of a sign-in in progress (`sign_in`), the session and its
//! refresh (`session`). Sends requests, retries what is worth retrying, and keeps the
//! stored session consistent. The JS classes bind these; they decide nothing.

use crate::prelude::*;
use alloc::borrow::Cow;
use core::future::Future;
use core::pin::Pin;
pub mod authentication_helper;
pub mod clock;
pub mod identity;
pub mod pool;
pub mod retry;
pub mod session;
pub mod sign_in;
#[cfg(test)]
pub mod test_executor;
pub mod transport;
pub mod user;
pub mod user_data;

use self::pool::PoolConfig;
pub use self::transport::Transport;
use crate::json::FromJson;
use crate::protocol::user_context::ContextDataSource;
use crate::protocol::{secret_hash, CognitoError, ErrorKind, JsonAnswer, Request, UserContextData};
use crate::session::Session;
use crate::storage::{SessionStore, Storage};
use crate::text::concat;

/// What every operation runs against: the pool, the wire, where sessions live, a clock,
/// randomness, and where advanced security's context data comes from.
/// `P` is the user pool's settings, or for identity-pool credentials that pool's
/// (`identity::IdentityEnv`).
pub struct Env<'a, T: Transport, S: Storage + ?Sized, P = PoolConfig> {
    pub pool: &'a P,
    pub transport: &'a T,
    pub storage: &'a S,
    /// Seconds since the epoch.
    pub now: fn() -> i64,
    /// Fills a buffer with secure randomness (`crypto.getRandomValues` in the browser):
    /// what a remembered device's password and salt are drawn from.
    pub random: Random,
    /// The page's advanced-security collector (`AmazonCognitoAdvancedSecurityData` in the
    /// browser), asked at each request that carries `UserContextData`.
    pub context_data: &'a dyn ContextDataSource,
}

/// A future's output mapped by the function beside it: what a flow that sends one
/// request and then only computes hands back instead of an `async fn` around the send
/// (no state machine or drop glue of its own). `F` is the boxed send (or another such
/// mapping); the work before the send is done when this is made.
pub struct Mapped<F, G>(F, G);

impl<F: Future + Unpin, G: FnMut(F::Output) -> O + Unpin, O> Future for Mapped<F, G> {
    type Output = O;
    fn poll(mut self: Pin<&mut Self>, cx: &mut core::task::Context<'_>) -> core::task::Poll<O> {
        let this = &mut *self;
        Pin::new(&mut this.0).poll(cx).map(&mut this.1)
    }
}

/// A source of secure randomness; `getrandom::getrandom` in production.
pub type Random = fn(&mut [u8]) -> Result<(), getrandom::Error>;

impl<T: Transport, S: Storage + ?Sized> Env<'_, T, S> {
    /// Sends one request and decodes the answer (or the error, shaped as the SDK shapes it).
    /// Not an async fn: the boxed send, its answer decoded when it settles.
    pub fn call<'a, R: FromJson + 'a>(
        &'a self, request: &'a Request,
    ) -> impl Future<Output = Result<R, CognitoError>> + 'a {
        Mapped(self.call_json(request, None, false), |answer: Result<JsonAnswer, CognitoError>| {
            answer.and_then(JsonAnswer::decode)
        })
    }

    /// [`Env::call`] up to the parsed JSON, for a request that may not name its user (a
    /// refresh: `username` is whom the client secret's hash is computed for). Signed once
    /// (the hash does not change between attempts), then sent through the one boxed
    /// `retry::send` every request shares: each call site polls that one future and
    /// decodes its own result type after the await, instead of getting the sending code
    /// inlined (measured smaller; BENCHMARKS.md, "Size decisions").
    /// Not an async fn: the boxed future is returned, and owns the signed request.
    fn call_json<'a>(
        &'a self, request: &'a Request, username: Option<&str>, retry: bool,
    ) -> Pin<Box<impl Future<Output = Result<JsonAnswer, CognitoError>> + 'a>> {
        self.send(Cow::Borrowed(request), username, retry)
    }

    /// [`Env::call_json`] of a request made for this send alone: the future owns it, so
    /// the caller returns the future instead of keeping the request in one of its own.
    fn send_owned<'a>(
        &'a self, request: Request, username: Option<&str>, retry: bool,
    ) -> Pin<Box<impl Future<Output = Result<JsonAnswer, CognitoError>> + 'a>> {
        self.send(Cow::Owned(request), username, retry)
    }

    /// The one place a user-pool request is signed and its send boxed, borrowed or owned.
    fn send<'a>(
        &'a self, request: Cow<'a, Request>, username: Option<&str>, retry: bool,
    ) -> Pin<Box<impl Future<Output = Result<JsonAnswer, CognitoError>> + 'a>> {
        let request = match self.signed(&request, username) {
            Some(signed) => Cow::Owned(signed),
            None => request,
        };
        retry::boxed(self.transport, self.random, &self.pool.endpoint, request, retry)
    }

    /// `request` with the client secret's hash (or the secret) when the client has one.
    fn signed(&self, request: &Request, username: Option<&str>) -> Option<Request> {
        let secret = self.pool.client_secret.as_ref()?;
        Some(secret_hash::apply(request, secret, &self.pool.client_id, username))
    }

    /// The `UserContextData` of a request made now for `username` (the JS SDK's
    /// `getUserContextData`, with the name its `this.username` holds at that point).
    pub fn user_context_data(&self, username: &str) -> UserContextData {
        let pool = self.pool;
        let enabled = pool.advanced_security_data_collection;
        UserContextData::collect(self.context_data, enabled, username, &pool.user_pool_id, &pool.client_id)
    }

    pub fn sessions(&self) -> SessionStore<'_, S> {
        SessionStore::new(self.storage, &self.pool.client_id)
    }

    pub fn store_session(&self, username: &str, session: &Session) -> Result<(), CognitoError> {
        self.sessions()
            .save(username, session)
            .map_err(|e| CognitoError::new(ErrorKind::Storage, concat(&["Could not store the session: ", &e])))
    }

    pub fn clear_session(&self, username: &str) {
        self.sessions().clear(username)
    }
}

pub use session::{refresh, refresh_token_is_dead, revoke, stored_session, StoredSession};

#[cfg(test)]
mod tests;
