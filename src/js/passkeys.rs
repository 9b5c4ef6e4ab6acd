//! Passkeys through the browser's WebAuthn API. Cognito speaks the JSON forms of WebAuthn
//! options and credentials; the browser converts with `PublicKeyCredential.parse*FromJSON`
//! and `credential.toJSON()`.

use super::convert::{call_method, get, get_string};
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind};
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

fn unsupported() -> CognitoError {
    CognitoError::new(
        ErrorKind::NotSupported,
        "This browser has no WebAuthn support (PublicKeyCredential with JSON helpers).",
    )
}

/// A DOMException from the browser (the user cancelled: NotAllowedError, ...) as a coded error.
fn browser_error(e: JsValue) -> CognitoError {
    CognitoError::new(
        ErrorKind::from_code(&get_string(&e, "name").unwrap_or_else(|| "WebAuthnError".into())),
        get_string(&e, "message").unwrap_or_default(),
    )
}

/// `PublicKeyCredential[parser](json)` → the options object with ArrayBuffers.
fn parse_options(parser: &str, json: &JsValue) -> Result<JsValue, CognitoError> {
    let class = get(&js_sys::global(), "PublicKeyCredential");
    let f = get(&class, parser).dyn_into::<Function>().map_err(|_| unsupported())?;
    f.call1(&class, json).map_err(browser_error)
}

/// `navigator.credentials.get` (or `.create`) `({ publicKey })`, then the credential's `toJSON()`.
async fn credentials_call(create: bool, public_key: JsValue) -> Result<JsValue, CognitoError> {
    let options = Object::new();
    let _ = Reflect::set(&options, &"publicKey".into(), &public_key);
    let promise = super::web::credentials_call(create, &options).ok_or_else(unsupported)?.map_err(browser_error)?;
    let credential =
        JsFuture::from(promise.dyn_into::<Promise>().map_err(|_| unsupported())?).await.map_err(browser_error)?;
    call_method(&credential, "toJSON", &[]).ok_or_else(unsupported)?.map_err(browser_error)
}

/// Signs Cognito's WEB_AUTHN challenge: `request_options_json` is its
/// CREDENTIAL_REQUEST_OPTIONS; returns the CREDENTIAL answer (JSON text).
pub async fn assertion(request_options_json: &str) -> Result<String, CognitoError> {
    let json = js_sys::JSON::parse(request_options_json)
        .map_err(|_| CognitoError::unexpected_response(200, "CREDENTIAL_REQUEST_OPTIONS is not JSON"))?;
    let public_key = parse_options("parseRequestOptionsFromJSON", &json)?;
    let credential = credentials_call(false, public_key).await?;
    js_sys::JSON::stringify(&credential).ok().and_then(|s| s.as_string()).ok_or_else(unsupported)
}

/// Creates a passkey from StartWebAuthnRegistration's CredentialCreationOptions; returns
/// the new credential in JSON form for CompleteWebAuthnRegistration.
pub async fn create(creation_options: &Value) -> Result<Value, CognitoError> {
    let options = js_sys::JSON::parse(&creation_options.stringify())
        .map_err(|_| CognitoError::unexpected_response(200, "CredentialCreationOptions is not JSON"))?;
    let public_key = parse_options("parseCreationOptionsFromJSON", &options)?;
    let credential = credentials_call(true, public_key).await?;
    let text = js_sys::JSON::stringify(&credential).ok().and_then(|s| s.as_string()).ok_or_else(unsupported)?;
    crate::json::parse(&text).map_err(|_| unsupported())
}
