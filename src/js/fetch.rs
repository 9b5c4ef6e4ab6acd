//! The `fetch` transport. Uses the global `fetch` (window, worker or Node 18+), so the
//! same build runs everywhere; the JS side (`host.fetch`) makes the call and hands back
//! the status, the error type header and the body as one string.

use super::host::host;
use super::tasks::{Then, Wait};
use crate::flows::transport::Transport;
use crate::prelude::*;
use crate::protocol::{CognitoError, HttpResponse, Request};
use core::future::Future;

/// `fetch` with the pool's `fetchOptions` (only `credentials` is honoured, as in the SDK)
/// and the X-Amz-User-Agent the JS's `UserAgent` gave for this call.
pub struct FetchTransport {
    pub credentials: Option<String>,
    pub user_agent: String,
}

/// Both hand back the host call's [`Wait`] (mapped), not an `async fn` around it: the
/// retry loop that awaits them is the one state machine.
impl Transport for FetchTransport {
    fn send(&self, endpoint: &str, request: &Request) -> impl Future<Output = Result<HttpResponse, CognitoError>> {
        let answer = Wait::new();
        host().fetch(
            endpoint,
            &request.headers_json(&self.user_agent),
            &request.text(),
            self.credentials.as_deref(),
            answer.id(),
        );
        Then(answer, |answer: Result<String, String>| {
            let answer = answer.map_err(CognitoError::network)?;
            super::panic_probe::trip(super::panic_probe::Point::AfterFetch);
            Ok(response(&answer))
        })
    }

    fn sleep(&self, ms: u32) -> impl Future<Output = ()> {
        let slept = Wait::new();
        host().sleep(ms, slept.id());
        Then(slept, |_| ())
    }
}

/// `"status\n[=error type]\nbody"` as the response it describes.
fn response(answer: &str) -> HttpResponse {
    let (status, rest) = crate::text::split_once_byte(answer, b'\n').unwrap_or((answer, ""));
    let (error_type, body) = crate::text::split_once_byte(rest, b'\n').unwrap_or((rest, ""));
    HttpResponse {
        // `text::parse_uint` reads what `str::parse` does; core's parser would be another copy.
        status: crate::text::parse_uint(status).and_then(|n| u16::try_from(n).ok()).unwrap_or(0),
        body: body.to_string(),
        error_type: error_type.strip_prefix('=').map(str::to_string),
    }
}
