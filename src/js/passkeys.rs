//! Passkeys through the browser's WebAuthn API. Cognito speaks the JSON forms of WebAuthn
//! options and credentials; the browser converts with `PublicKeyCredential.parse*FromJSON`
//! and `credential.toJSON()` (`host.passkey`, in src/facade/core.js).

use super::host::host;
use super::tasks::Wait;
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind};

/// `navigator.credentials.create` (or `.get`) with `options` (JSON text): the credential in
/// JSON form, as text. `what` names the options in the error for options that are not JSON.
async fn credentials_call(create: bool, options: &str, what: &str) -> Result<String, CognitoError> {
    let credential = Wait::new();
    host().passkey(create, options, credential.id());
    credential.await.map_err(|failure| match failure.split_once('\n') {
        // A DOMException from the browser (the user cancelled: NotAllowedError, ...) as a coded error.
        Some((name, message)) => CognitoError::new(ErrorKind::from_code(name), message),
        None if failure == "json" => CognitoError::unexpected_response(200, &(String::from(what) + " is not JSON")),
        None => unsupported(),
    })
}

/// Signs Cognito's WEB_AUTHN challenge: `request_options_json` is its
/// CREDENTIAL_REQUEST_OPTIONS; returns the CREDENTIAL answer (JSON text).
pub async fn assertion(request_options_json: &str) -> Result<String, CognitoError> {
    credentials_call(false, request_options_json, "CREDENTIAL_REQUEST_OPTIONS").await
}

/// Creates a passkey from StartWebAuthnRegistration's CredentialCreationOptions; returns
/// the new credential in JSON form for CompleteWebAuthnRegistration.
pub async fn create(creation_options: &Value) -> Result<Value, CognitoError> {
    let text = credentials_call(true, &creation_options.stringify(), "CredentialCreationOptions").await?;
    crate::json::parse(&text).map_err(|_| unsupported())
}

fn unsupported() -> CognitoError {
    CognitoError::new(
        ErrorKind::NotSupported,
        "This browser has no WebAuthn support (PublicKeyCredential with JSON helpers).",
    )
}
