//! Confirming a registration and resending its code.

use super::{answer_response, answer_success, CognitoUser};
use crate::js::convert::string_map;
use crate::protocol::registration;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl CognitoUser {
    /// `confirmRegistration(code, forceAliasCreation, callback, clientMetadata)` → 'SUCCESS'.
    #[wasm_bindgen(js_name = confirmRegistration)]
    pub fn confirm_registration(
        &self,
        code: JsValue,
        force_alias_creation: JsValue,
        callback: JsValue,
        client_metadata: JsValue,
    ) -> JsValue {
        let request = registration::confirm_sign_up(
            &self.pool.config.client_id,
            &self.get_username(),
            &code.as_string().unwrap_or_default(),
            force_alias_creation.is_truthy(),
            string_map(&client_metadata).as_ref(),
        );
        self.respond_to_request(&callback, move |_| Ok(request), answer_success)
    }

    /// `resendConfirmationCode(callback, clientMetadata)` → `{ CodeDeliveryDetails }`.
    #[wasm_bindgen(js_name = resendConfirmationCode)]
    pub fn resend_confirmation_code(&self, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let request = registration::resend_confirmation_code(
            &self.pool.config.client_id,
            &self.get_username(),
            string_map(&client_metadata).as_ref(),
        );
        self.respond_to_request(&callback, move |_| Ok(request), answer_response)
    }
}
