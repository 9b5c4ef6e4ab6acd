//! When a failed request is worth repeating, and how long to wait first.
//!
//! Only failures that can pass are retried: the network, throttling and server errors
//! (5xx). A `NotAuthorizedException` never is: the JS SDK retried a dead refresh token six
//! times over about 6.5 s; we fail at once.

use super::transport::Transport;
use super::Random;
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind, HttpResponse, JsonAnswer, Request};
use alloc::borrow::Cow;
use core::future::Future;
use core::pin::Pin;

/// At most this many attempts in all (the first plus retries).
pub const MAX_ATTEMPTS: u32 = 4;
const BASE_DELAY_MS: u32 = 100;
const MAX_DELAY_MS: u32 = 2_000;

pub fn is_retryable(e: &CognitoError) -> bool {
    matches!(e.kind, ErrorKind::Network | ErrorKind::Throttling(_) | ErrorKind::InternalError)
        || e.status_code.is_some_and(|s| s >= 500)
}

/// Milliseconds to wait before attempt `attempt + 1` (`attempt` counts from 1), or None
/// when no more attempts are allowed. `jitter`, in 65536ths (of [0, 1)), spreads clients
/// apart: "full jitter" over the upper half of an exponentially growing, capped window.
/// Whole numbers throughout (no float code for it in the wasm).
pub fn delay_before_retry(attempt: u32, error: &CognitoError, jitter: u16) -> Option<u32> {
    if attempt >= MAX_ATTEMPTS || !is_retryable(error) {
        return None;
    }
    let half = (BASE_DELAY_MS << attempt).min(MAX_DELAY_MS) / 2;
    Some(half + ((half * u32::from(jitter)) >> 16))
}

/// One request to `endpoint` up to the parsed JSON, repeated while its failures are
/// transient when `retry`, waiting [`delay_before_retry`] through `transport` between
/// tries, jittered with `random`. Answers are decoded by the caller, after the retries:
/// an answer of the wrong shape is not worth repeating. Boxed by its callers: every
/// request of the user pool and the identity pool goes through this one loop (as
/// [`send_signed`], whose callers hand over the request they made for it).
pub fn send<'a, T: Transport + ?Sized>(
    transport: &'a T, random: Random, endpoint: &'a str, request: &'a Request, retry: bool,
) -> impl Future<Output = Result<JsonAnswer, CognitoError>> + 'a {
    send_signed(transport, random, endpoint, Cow::Borrowed(request), retry)
}

/// [`send`] of a request borrowed or owned: a caller that signs it (adds the client
/// secret's hash) or makes it for this send alone hands it over, so the future owns it and
/// the caller needs no future of its own to keep it.
pub async fn send_signed<T: Transport + ?Sized>(
    transport: &T, random: Random, endpoint: &str, request: Cow<'_, Request>, retry: bool,
) -> Result<JsonAnswer, CognitoError> {
    let request = &*request;
    let mut tries = 1;
    loop {
        let e = match transport.send(endpoint, request).await.and_then(HttpResponse::into_json) {
            Err(e) => e,
            answer => return answer,
        };
        match retry.then(|| delay_before_retry(tries, &e, jitter(random))).flatten() {
            Some(ms) => transport.sleep(ms).await,
            None => return Err(e),
        }
        tries += 1;
    }
}

/// [`send_signed`], boxed: the one place its future is made, for the user pool's
/// requests ([`super::Env`]) and the identity pool's alike.
#[inline(never)]
pub fn boxed<'a, T: Transport + ?Sized>(
    transport: &'a T, random: Random, endpoint: &'a str, request: Cow<'a, Request>, retry: bool,
) -> Pin<Box<impl Future<Output = Result<JsonAnswer, CognitoError>> + 'a>> {
    Box::pin(send_signed(transport, random, endpoint, request, retry))
}

/// Backoff jitter in 65536ths; one half if randomness is unavailable.
fn jitter(random: Random) -> u16 {
    let mut b = [0u8; 2];
    match random(&mut b) {
        Ok(()) => u16::from_le_bytes(b),
        Err(_) => 0x8000,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::test_executor::run;

    fn err(code: &str, status: Option<u16>) -> CognitoError {
        CognitoError::with_status(ErrorKind::from_code(code), String::new(), status)
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(is_retryable(&err("NetworkError", None)));
        assert!(is_retryable(&err("TooManyRequestsException", Some(400))));
        assert!(is_retryable(&err("UnexpectedResponseException", Some(502))));
        assert!(is_retryable(&err("InternalErrorException", Some(500))));
        assert!(!is_retryable(&err("NotAuthorizedException", Some(400))));
        assert!(!is_retryable(&err("UnexpectedResponseException", Some(200))));
        assert!(!is_retryable(&err("InvalidParameterException", Some(400))));
    }

    #[test]
    fn delays_grow_are_capped_and_stop() {
        let e = err("NetworkError", None);
        let delays: Vec<_> = (1..=MAX_ATTEMPTS).map(|a| delay_before_retry(a, &e, 0xffbe)).collect();
        assert_eq!(delays[MAX_ATTEMPTS as usize - 1], None);
        let waits: Vec<u32> = delays.into_iter().flatten().collect();
        assert!(waits.windows(2).all(|w| w[0] < w[1]), "{waits:?}");
        assert!(waits.iter().all(|&w| w <= MAX_DELAY_MS));
        let total: u32 = waits.iter().sum();
        assert!(total < 2_000, "a hopeless refresh gives up quickly: {total} ms");
        assert_eq!(delay_before_retry(1, &err("NotAuthorizedException", Some(400)), 0x8000), None);
        // The window's upper half: from half of it (no jitter) to just under all of it.
        assert_eq!((delay_before_retry(1, &e, 0), delay_before_retry(1, &e, 0xffff)), (Some(100), Some(199)));
        assert_eq!(jitter(|_| Err(getrandom::Error::UNSUPPORTED)), 0x8000, "one half without randomness");
    }

    /// Answers from a script (then a network failure), counting what is sent and slept.
    #[derive(Default)]
    struct Scripted {
        answers: core::cell::RefCell<Vec<Result<HttpResponse, CognitoError>>>,
        sent: core::cell::Cell<u32>,
        sleeps: core::cell::RefCell<Vec<u32>>,
    }
    impl Scripted {
        fn answering(answers: Vec<Result<HttpResponse, CognitoError>>) -> Scripted {
            Scripted { answers: core::cell::RefCell::new(answers), ..Scripted::default() }
        }
        /// The answer's number, or the error's code.
        fn send(&self, retry: bool) -> Result<u32, String> {
            let request = crate::protocol::identity::get_id("eu-west-1:pool", &crate::json::Object::new());
            run(send(self, half, "http://fake", &request, retry))
                .and_then(JsonAnswer::decode)
                .map_err(|e| e.code().to_string())
        }
    }
    impl Transport for Scripted {
        async fn send(&self, _: &str, _: &Request) -> Result<HttpResponse, CognitoError> {
            self.sent.set(self.sent.get() + 1);
            let mut answers = self.answers.borrow_mut();
            if answers.is_empty() {
                return Err(CognitoError::network("no scripted answer"));
            }
            answers.remove(0)
        }
        async fn sleep(&self, ms: u32) {
            self.sleeps.borrow_mut().push(ms);
        }
    }

    fn status(status: u16, kind: &str) -> Result<HttpResponse, CognitoError> {
        let body = crate::text::concat(&[r#"{"__type":""#, kind, r#"","message":"m"}"#]);
        Ok(HttpResponse { status, body, error_type: None })
    }

    /// Randomness that reads as one half: 0x8000 little-endian.
    fn half(buf: &mut [u8]) -> Result<(), getrandom::Error> {
        buf.fill(0);
        if let Some(last) = buf.last_mut() {
            *last = 0x80;
        }
        Ok(())
    }

    #[test]
    fn send_repeats_transient_failures_then_gives_up() {
        let seven = Ok(HttpResponse { status: 200, body: "7".into(), error_type: None });
        let network = || Err(CognitoError::network("reset"));
        let server = Scripted::answering(vec![network(), network(), seven]);
        let out = server.send(true);
        assert_eq!((out, server.sent.get(), server.sleeps.borrow().len()), (Ok(7), 3, 2));
        // The waits are the backoff windows jittered by the randomness given (0x8000: one half).
        let expected: Vec<u32> =
            (1..3).map(|a| delay_before_retry(a, &err("NetworkError", None), 0x8000).unwrap()).collect();
        assert_eq!(*server.sleeps.borrow(), expected);

        let server = Scripted::answering((0..MAX_ATTEMPTS).map(|_| status(500, "InternalErrorException")).collect());
        let out = server.send(true);
        assert_eq!(out.unwrap_err(), "InternalErrorException");
        assert_eq!((server.sent.get(), server.sleeps.borrow().len()), (MAX_ATTEMPTS, MAX_ATTEMPTS as usize - 1));

        let server = Scripted::answering(vec![status(400, "NotAuthorizedException")]);
        assert!(server.send(true).is_err());
        assert_eq!((server.sent.get(), server.sleeps.borrow().len()), (1, 0));

        // Not retried when the caller says so, however transient the failure.
        let server = Scripted::answering(vec![network()]);
        assert_eq!(server.send(false).unwrap_err(), "NetworkError");
        assert_eq!((server.sent.get(), server.sleeps.borrow().len()), (1, 0));
    }
}
