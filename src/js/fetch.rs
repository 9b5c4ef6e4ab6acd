//! The `fetch` transport. Uses the global `fetch` (window, worker or Node 18+), so the
//! same build runs everywhere; the JS side (`host.fetch`) makes the call and hands back
//! the status, the error type header and the body as one string.

use super::host::host;
use super::tasks::Wait;
use crate::flows::transport::Transport;
use crate::prelude::*;
use crate::protocol::{CognitoError, HttpResponse, Request};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

/// `fetch` with the pool's `fetchOptions` (only `credentials` is honoured, as in the SDK)
/// and the X-Amz-User-Agent the JS's `UserAgent` gave for this call.
pub struct FetchTransport {
    pub credentials: Option<String>,
    pub user_agent: String,
}

impl Transport for FetchTransport {
    /// The host's fetch, its answer read when it settles: no state machine of its own.
    #[allow(clippy::manual_async_fn)]
    fn send(&self, endpoint: &str, request: &Request) -> impl Future<Output = Result<HttpResponse, CognitoError>> {
        let answer = Wait::new();
        host().fetch(
            endpoint,
            &request.headers_json(&self.user_agent),
            &request.text(),
            self.credentials.as_deref(),
            answer.id(),
        );
        Fetched(answer)
    }

    /// The host's wait itself, its outcome dropped: no state machine of its own.
    #[allow(clippy::manual_async_fn)]
    fn sleep(&self, ms: u32) -> impl Future<Output = ()> {
        let slept = Wait::new();
        host().sleep(ms, slept.id());
        Slept(slept)
    }
}

/// A `fetch` under way: the response, or a network error, once it settles.
struct Fetched(Wait);

impl Future for Fetched {
    type Output = Result<HttpResponse, CognitoError>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let answer = core::task::ready!(Pin::new(&mut self.0).poll(cx));
        Poll::Ready(answer.map_err(CognitoError::network).map(|answer| {
            super::panic_probe::trip(super::panic_probe::Point::AfterFetch);
            response(&answer)
        }))
    }
}

/// A `setTimeout` wait, which ends with nothing to read.
struct Slept(Wait);

impl Future for Slept {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        Pin::new(&mut self.0).poll(cx).map(drop)
    }
}

/// `"status\n[=error type]\nbody"` as the response it describes.
fn response(answer: &str) -> HttpResponse {
    let (status, rest) = answer.split_once('\n').unwrap_or((answer, ""));
    let (error_type, body) = rest.split_once('\n').unwrap_or((rest, ""));
    HttpResponse {
        // `text::parse_uint` reads what `str::parse` does; core's parser would be another copy.
        status: crate::text::parse_uint(status).and_then(|n| u16::try_from(n).ok()).unwrap_or(0),
        body: body.to_string(),
        error_type: error_type.strip_prefix('=').map(str::to_string),
    }
}
