//! Passkeys through the browser's WebAuthn API. Cognito speaks the JSON forms of WebAuthn
//! options and credentials; the browser converts with `PublicKeyCredential.parse*FromJSON`
//! and `credential.toJSON()` (`host.passkey`, in src/facade/core.js).
//!
//! Each call is started here and its [`Wait`] awaited by the caller's own future (no
//! future of this module's own), then read with [`credential`].

use super::host::host;
use super::tasks::Wait;
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind};

/// Starts `navigator.credentials.create` (or `.get`) with `options` (JSON text): the
/// credential in JSON form, as text, once settled.
fn start(create: bool, options: &str) -> Wait {
    let credential = Wait::new();
    host().passkey(create, options, credential.id());
    credential
}

/// What a started call settled with, as the credential (JSON text) or a coded error.
/// `what` names the options in the error for options that are not JSON.
fn credential(settled: Result<String, String>, what: &str) -> Result<String, CognitoError> {
    settled.map_err(|failure| match crate::text::split_once_byte(&failure, b'\n') {
        // A DOMException from the browser (the user cancelled: NotAllowedError, ...) as a coded error.
        Some((name, message)) => CognitoError::new(ErrorKind::from_code(name), message),
        None if failure == "json" => CognitoError::unexpected_response(200, &(String::from(what) + " is not JSON")),
        None => unsupported(),
    })
}

/// Starts signing Cognito's WEB_AUTHN challenge: `request_options_json` is its
/// CREDENTIAL_REQUEST_OPTIONS; what it settles with goes to [`assertion`].
pub fn get(request_options_json: &str) -> Wait {
    start(false, request_options_json)
}

/// The CREDENTIAL answer (JSON text) from what [`get`] settled with.
pub fn assertion(settled: Result<String, String>) -> Result<String, CognitoError> {
    credential(settled, "CREDENTIAL_REQUEST_OPTIONS")
}

/// Starts creating a passkey from StartWebAuthnRegistration's CredentialCreationOptions;
/// what it settles with goes to [`created`].
pub fn create(creation_options: &Value) -> Wait {
    start(true, &creation_options.stringify())
}

/// The new credential in JSON form for CompleteWebAuthnRegistration, from what
/// [`create`] settled with.
pub fn created(settled: Result<String, String>) -> Result<Value, CognitoError> {
    let text = credential(settled, "CredentialCreationOptions")?;
    crate::json::parse(&text).map_err(|_| unsupported())
}

fn unsupported() -> CognitoError {
    CognitoError::new(
        ErrorKind::NotSupported,
        "This browser has no WebAuthn support (PublicKeyCredential with JSON helpers).",
    )
}
