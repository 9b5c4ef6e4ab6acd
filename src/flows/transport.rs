//! How requests reach Cognito, and how to wait between retries. The browser build
//! implements this with `fetch` and `setTimeout`; native tests with canned answers.

use crate::protocol::{CognitoError, HttpResponse, Request};

#[allow(async_fn_in_trait)] // single-threaded (wasm) use only: no Send bound wanted
pub trait Transport {
    /// POSTs `request` to `endpoint`. Err only when no HTTP answer arrived at all
    /// (then `code` is `NetworkError`); HTTP error statuses come back as `Ok`.
    async fn send(&self, endpoint: &str, request: &Request) -> Result<HttpResponse, CognitoError>;

    /// Resolves after `ms` milliseconds (backoff between retries).
    async fn sleep(&self, ms: u32);
}

/// A transport's timer is what the tab locks poll with.
/// The transport's own future, returned rather than awaited in another (one state machine).
#[allow(clippy::manual_async_fn)]
impl<T: Transport + ?Sized> crate::storage::tab_lock::Sleep for T {
    fn sleep(&self, ms: u32) -> impl core::future::Future<Output = ()> {
        Transport::sleep(self, ms)
    }
}
