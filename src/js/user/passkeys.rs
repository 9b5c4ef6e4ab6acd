//! Passkey management for a signed-in user (ours: the JS SDK predates passkeys):
//! registerPasskey, listPasskeys, deletePasskey.

use super::{answer_response, answer_success, CognitoUser};
use crate::flows::user::UserCall;
use crate::js::convert::{get, get_string, js_from_json, string_arg};
use crate::js::passkeys;
use crate::json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl CognitoUser {
    /// `registerPasskey(callback)`: StartWebAuthnRegistration, the browser's passkey
    /// creation (`navigator.credentials.create`), CompleteWebAuthnRegistration → 'SUCCESS'.
    #[wasm_bindgen(js_name = registerPasskey)]
    pub fn register_passkey(&self, callback: JsValue) -> JsValue {
        self.respond(&callback, |h| async move {
            let started = h.user_call(&UserCall::StartPasskeyRegistration).await?;
            let options = started.get("CredentialCreationOptions").map(js_from_json).unwrap_or(JsValue::UNDEFINED);
            let credential = passkeys::create(options).await?;
            let credential = crate::js::convert::json_from_js(&credential).unwrap_or(Value::Null);
            h.user_call(&UserCall::CompletePasskeyRegistration { credential }).await?;
            Ok(JsValue::from_str("SUCCESS"))
        })
    }

    /// `listPasskeys(callback, { maxResults, nextToken })` → `{ Credentials, NextToken? }`.
    #[wasm_bindgen(js_name = listPasskeys)]
    pub fn list_passkeys(&self, callback: JsValue, params: JsValue) -> JsValue {
        let max_results = get(&params, "maxResults").as_f64().filter(|n| *n >= 1.0).map(|n| n as u32);
        let next_token = get_string(&params, "nextToken");
        self.respond_to_call(&callback, UserCall::ListPasskeys { max_results, next_token }, answer_response)
    }

    /// `deletePasskey(credentialId, callback)` → 'SUCCESS'.
    #[wasm_bindgen(js_name = deletePasskey)]
    pub fn delete_passkey(&self, credential_id: JsValue, callback: JsValue) -> JsValue {
        let credential_id = string_arg(&credential_id);
        self.respond_to_call(&callback, UserCall::DeletePasskey { credential_id }, answer_success)
    }
}
