//! Errors as the JS SDK shapes them: `code` and `name` are the AWS error type
//! (the part of `__type` after `#`), `message` the server's text, `statusCode` the HTTP status.
//! Inside the library an error is an [`ErrorKind`]: the codes it branches on and its own
//! failures are variants, so no decision rests on comparing strings; the SDK's string
//! is made only at the JS edge ([`CognitoError::code`]).

use super::named::{name_place, nth_name};
use crate::json::{self, FromJson, Value};
use crate::prelude::*;
use crate::text::{after_last, before, concat, push_uint};

named_variants! {
    /// What went wrong, by kind. Each has the `code` the SDK (or, for the library's own
    /// failures, this library) reports.
    #[derive(PartialEq, Eq)]
    #[cfg_attr(not(shipped), derive(Debug))]
    pub enum ErrorKind {
        // Cognito's codes this library acts on.
        /// Wrong password, revoked or expired refresh token, a pool that refuses an identity.
        NotAuthorized = "NotAuthorizedException",
        /// With refresh-token rotation: a refresh token already exchanged for a newer one.
        RefreshTokenReuse = "RefreshTokenReuseException",
        /// Something named does not exist (a forgotten device, an identity id).
        ResourceNotFound = "ResourceNotFoundException",
        InternalError = "InternalErrorException",
        /// A bad argument, from Cognito or caught here before any request.
        InvalidParameter = "InvalidParameterException",
        // The library's own.
        /// `fetch` itself failed: offline, DNS, CORS refused, connection dropped.
        Network = "NetworkError",
        /// The server answered with something that is not the JSON the operation promises.
        UnexpectedResponse = "UnexpectedResponseException",
        /// No signed-in session where one is needed. (The JS SDK throws a code-less Error
        /// with the same message; the code is Amplify's name for this case.)
        NotAuthenticated = "UserUnAuthenticatedException",
        /// The SRP arithmetic refused the server's values (or randomness was unavailable).
        Srp = "SrpError",
        /// Storage refused a write, or holds what cannot be read.
        Storage = "StorageError",
        /// Cognito asked for a device's proof, but no device is remembered.
        DeviceNotRemembered = "DeviceNotRememberedException",
        /// A challenge the app's callback object has no method for.
        UnhandledChallenge = "UnhandledChallengeException",
        /// The browser lacks an API a call needs (WebAuthn with its JSON helpers).
        NotSupported = "NotSupportedError",
        /// A panic inside the library, caught at the JS edge; the library is still usable.
        Panic = "WasmPanicException",
        ;
        /// One of the throttling codes AWS uses (retried with backoff); the name as sent.
        Throttling(&'static str),
        /// Any other code the service sent, passed through as it came.
        Service(String),
    }
    names: CODES, named: NAMED, past: ErrorKind::InternalError
}

/// AWS's throttling codes, as they are spelled on the wire, each followed by a space ([`nth_name`]).
const THROTTLING: &str =
    "TooManyRequestsException ThrottlingException Throttling RequestLimitExceeded LimitExceededException ";

impl ErrorKind {
    /// The kind of a code (as the service sends it, or as [`ErrorKind::code`] gives it).
    pub fn from_code(code: &str) -> ErrorKind {
        if let Some(i) = name_place(THROTTLING, code) {
            return ErrorKind::Throttling(nth_name(THROTTLING, i));
        }
        match name_place(CODES, code) {
            Some(i) => ErrorKind::named(i),
            None => ErrorKind::Service(code.to_string()),
        }
    }

    /// The `code` (and `name`) apps see.
    pub fn code(&self) -> &str {
        match self {
            ErrorKind::Throttling(name) => name,
            ErrorKind::Service(code) => code,
            named => nth_name(CODES, named.index()),
        }
    }
}

/// By hand: the derived copy spells out every variant. A kind is rebuilt from its code,
/// with the two functions every error goes through anyway: [`ErrorKind::from_code`] is
/// the only maker of `Service` (so it never holds a named kind's code) and of `Throttling`.
impl Clone for ErrorKind {
    fn clone(&self) -> Self {
        ErrorKind::from_code(self.code())
    }
}

/// An error as one pointer: every `Result<_, CognitoError>` and every `?` moves a word
/// rather than the whole record. Reads and writes go through to [`ErrorData`].
#[derive(PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct CognitoError(Box<ErrorData>);

/// By hand: made by [`CognitoError::with_status`], as every error is.
impl Clone for CognitoError {
    fn clone(&self) -> Self {
        CognitoError::with_status(self.kind.clone(), self.message.clone(), self.status_code)
    }
}

/// What a [`CognitoError`] holds.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct ErrorData {
    pub kind: ErrorKind,
    pub message: String,
    pub status_code: Option<u16>,
}

impl core::ops::Deref for CognitoError {
    type Target = ErrorData;
    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl core::ops::DerefMut for CognitoError {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl CognitoError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CognitoError {
        CognitoError::with_status(kind, message.into(), None)
    }

    /// An error with every part given.
    pub fn with_status(kind: ErrorKind, message: String, status_code: Option<u16>) -> CognitoError {
        CognitoError(Box::new(ErrorData { kind, message, status_code }))
    }

    /// The SDK's `code` (and `name`) for this error.
    pub fn code(&self) -> &str {
        self.kind.code()
    }

    /// A bad argument or state on the caller's side, caught before any request.
    pub fn invalid_parameter(message: impl Into<String>) -> CognitoError {
        CognitoError::new(ErrorKind::InvalidParameter, message)
    }

    /// No signed-in session where one is needed.
    pub fn not_authenticated(message: &str) -> CognitoError {
        CognitoError::new(ErrorKind::NotAuthenticated, message)
    }

    /// `fetch` itself failed: offline, DNS, CORS refused, connection dropped.
    pub fn network(detail: impl AsRef<str>) -> CognitoError {
        CognitoError::network_text(detail.as_ref())
    }

    /// [`CognitoError::network`] once for every argument type.
    fn network_text(detail: &str) -> CognitoError {
        let message = if detail.is_empty() { "Network error".into() } else { concat(&["Network error: ", detail]) };
        CognitoError::new(ErrorKind::Network, message)
    }

    /// The server answered with something that is not the JSON the operation promises.
    pub fn unexpected_response(status: u16, what: &str) -> CognitoError {
        let mut message = String::from("Unexpected response from Cognito (HTTP ");
        push_uint(&mut message, u64::from(status), 1);
        message.push_str("): ");
        message.push_str(what);
        CognitoError::with_status(ErrorKind::UnexpectedResponse, message, Some(status))
    }

    /// An answer that is JSON, but not the shape the operation's answer has.
    pub fn not_expected_json(status: u16) -> CognitoError {
        CognitoError::unexpected_response(status, "the body is not the expected JSON")
    }
}

/// A success's body, parsed.
pub struct JsonAnswer {
    status: u16,
    body: Value,
}

impl JsonAnswer {
    /// The body as the operation's result type. Inlined: each of its copies (one per result
    /// type) merges into its caller, which is one per result type already.
    #[inline(always)]
    pub fn decode<T: FromJson>(self) -> Result<T, CognitoError> {
        T::from_json(self.body).ok_or_else(|| CognitoError::not_expected_json(self.status))
    }

    /// The body as an object when `fits` takes it (an answer checked in place, without a
    /// result type of its own), else the error [`JsonAnswer::decode`] gives.
    pub fn object_if(self, fits: bool) -> Result<json::Object, CognitoError> {
        match self.body {
            Value::Object(o) if fits => Ok(o),
            _ => Err(CognitoError::not_expected_json(self.status)),
        }
    }

    pub fn body(&self) -> &Value {
        &self.body
    }
}

/// What the transport hands back: enough of an HTTP response to decide success or error.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
    /// The `x-amzn-errortype` header, which AWS sets even when the body is not JSON.
    pub error_type: Option<String>,
}

impl HttpResponse {
    /// The body parsed as the operation's result type, or the error the SDK would report.
    /// Cognito answers every success with a JSON object (at least `{}`): an empty body
    /// means the answer was lost on the way, and taking it for success could report a
    /// confirmation that never happened.
    pub fn into_result<T: FromJson>(self) -> Result<T, CognitoError> {
        self.into_json()?.decode()
    }

    /// [`HttpResponse::into_result`] up to the JSON value: not generic, so the code that
    /// sends a request and reads its answer exists once rather than once per result type.
    pub fn into_json(self) -> Result<JsonAnswer, CognitoError> {
        // Parsed once, here, for the answer and for the error alike.
        let parsed = json::parse(&self.body);
        if !(200..300).contains(&self.status) {
            return Err(self.service_error(parsed.unwrap_or_default()));
        }
        // JSON's own whitespace (what the parser skips), not Unicode's.
        if crate::text::all_bytes(&self.body, |b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            return Err(CognitoError::unexpected_response(self.status, "the body is empty"));
        }
        match parsed {
            Ok(body) => Ok(JsonAnswer { status: self.status, body }),
            Err(_) => Err(CognitoError::not_expected_json(self.status)),
        }
    }

    /// The error in `body` (null when it is not JSON), else the one the header names.
    fn service_error(&self, body: Value) -> CognitoError {
        if let Some(code) = first_text(&body, &["__type", "code"]).and_then(|kind| error_code(after_last(kind, b'#'))) {
            let message = first_text(&body, &["message", "Message"]).unwrap_or_default().to_string();
            return CognitoError::with_status(ErrorKind::from_code(code), message, Some(self.status));
        }
        if let Some(code) = self.error_type.as_deref().and_then(|header| error_code(before(header, b':'))) {
            return CognitoError::with_status(
                ErrorKind::from_code(code),
                crate::text::int(i64::from(self.status)),
                Some(self.status),
            );
        }
        CognitoError::unexpected_response(self.status, "the error body is not AWS JSON")
    }
}

/// An error type name as AWS writes them (`NotAuthorizedException`, `ThrottlingException`):
/// what apps compare `err.code` against. Anything else a proxy or a hostile server put in
/// the body or the x-amzn-ErrorType header (an HTML page, a long string) is not taken as
/// a code; the error then says the answer was not AWS's.
fn error_code(name: &str) -> Option<&str> {
    let valid = (1..=128).contains(&name.len())
        && crate::text::all_bytes(name, |b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.');
    valid.then_some(name)
}

/// The first of the members `names` that is a string (AWS spells some fields two ways).
fn first_text<'a>(body: &'a Value, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|name| body.get(name)?.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str, header: Option<&str>) -> HttpResponse {
        HttpResponse { status, body: body.to_string(), error_type: header.map(str::to_string) }
    }

    #[test]
    fn kinds_and_codes_round_trip() {
        for kind in NAMED {
            assert_eq!(ErrorKind::from_code(kind.code()), kind);
        }
        for name in THROTTLING.split_terminator(' ') {
            assert_eq!(ErrorKind::from_code(name), ErrorKind::Throttling(name));
        }
        assert_eq!(ErrorKind::from_code("UserNotFoundException").code(), "UserNotFoundException");
    }

    #[test]
    fn copies_follow_the_variants() {
        for kind in NAMED {
            assert_eq!((kind.clone(), ErrorKind::named(kind.index())), (kind.clone(), kind));
        }
        for kind in [ErrorKind::Throttling("Throttling"), ErrorKind::Service("UserNotFoundException".into())] {
            assert_eq!(kind.clone(), kind);
        }
        assert_eq!(ErrorKind::NotAuthenticated.code(), "UserUnAuthenticatedException");
        assert_eq!(ErrorKind::Panic.code(), "WasmPanicException");
    }

    #[test]
    fn aws_json_errors_keep_code_message_and_status() {
        let e = resp(
            400,
            r#"{"__type":"com.amazonaws#NotAuthorizedException","message":"Incorrect username or password."}"#,
            None,
        )
        .into_result::<Value>()
        .unwrap_err();
        assert_eq!(e.code(), "NotAuthorizedException");
        assert_eq!(e.message, "Incorrect username or password.");
        assert_eq!(e.status_code, Some(400));
    }

    #[test]
    fn capital_message_and_code_field_are_understood() {
        let e =
            resp(400, r#"{"code":"UserNotFoundException","Message":"nope"}"#, None).into_result::<Value>().unwrap_err();
        assert_eq!((e.code(), e.message.as_str()), ("UserNotFoundException", "nope"));
    }

    #[test]
    fn html_error_page_falls_back_to_header_then_to_a_coded_error() {
        let e = resp(502, "<html>Bad Gateway</html>", Some("InternalErrorException:http://x"))
            .into_result::<Value>()
            .unwrap_err();
        assert_eq!((e.code(), e.status_code), ("InternalErrorException", Some(502)));
        let e = resp(502, "<html>Bad Gateway</html>", None).into_result::<Value>().unwrap_err();
        assert_eq!((e.code(), e.status_code), ("UnexpectedResponseException", Some(502)));
        assert!(e.message.contains("502"));
    }

    #[test]
    fn truncated_or_empty_success_bodies_are_coded_errors() {
        let e = resp(200, r#"{"AuthenticationResult":{"#, None).into_result::<Value>().unwrap_err();
        assert_eq!(e.code(), "UnexpectedResponseException");
        for body in ["", " \r\n\t"] {
            let e = resp(200, body, None).into_result::<Value>().unwrap_err();
            assert_eq!((e.code(), e.status_code), ("UnexpectedResponseException", Some(200)));
            assert!(e.message.ends_with("the body is empty"), "{body:?}");
        }
        assert_eq!(resp(200, "{}", None).into_result::<Value>().unwrap(), json::Value::Object(json::Object::new()));
    }

    #[test]
    fn error_codes_that_are_not_aws_names_are_not_taken() {
        // A proxy's JSON with a sentence for a code, then a garbage header: neither is a code.
        let e = resp(503, r#"{"code":"<b>Service Unavailable</b>","message":"try later"}"#, Some("not a name: really"))
            .into_result::<Value>()
            .unwrap_err();
        assert_eq!((e.code(), e.status_code), ("UnexpectedResponseException", Some(503)));
        // An invalid body code still lets a valid header speak.
        let e = resp(429, r#"{"__type":""}"#, Some("TooManyRequestsException")).into_result::<Value>().unwrap_err();
        assert_eq!(e.code(), "TooManyRequestsException");
        let long = "A".repeat(129);
        let e = resp(400, &format!(r#"{{"__type":"{long}"}}"#), None).into_result::<Value>().unwrap_err();
        assert_eq!(e.code(), "UnexpectedResponseException");
        assert_eq!(
            error_code("com.amazonaws.cognito.InvalidParameterException"),
            Some("com.amazonaws.cognito.InvalidParameterException")
        );
    }
}
