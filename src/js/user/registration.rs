//! Confirming a registration and resending its code.

use super::{answer_response, answer_success, CognitoUser};
use crate::flows::user::UserCall;
use crate::js::convert::string_map;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl CognitoUser {
    /// `confirmRegistration(code, forceAliasCreation, callback, clientMetadata)` → 'SUCCESS'.
    #[wasm_bindgen(js_name = confirmRegistration)]
    pub fn confirm_registration(
        &self, code: JsValue, force_alias_creation: JsValue, callback: JsValue, client_metadata: JsValue,
    ) -> JsValue {
        let call = UserCall::ConfirmSignUp {
            code: code.as_string().unwrap_or_default(),
            force_alias_creation: force_alias_creation.is_truthy(),
            client_metadata: string_map(&client_metadata),
        };
        self.respond_to_call(&callback, call, answer_success)
    }

    /// `resendConfirmationCode(callback, clientMetadata)` → `{ CodeDeliveryDetails }`.
    #[wasm_bindgen(js_name = resendConfirmationCode)]
    pub fn resend_confirmation_code(&self, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let call = UserCall::ResendConfirmationCode { client_metadata: string_map(&client_metadata) };
        self.respond_to_call(&callback, call, answer_response)
    }
}
