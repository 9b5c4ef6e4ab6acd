//! Confirming a registration and resending its code.

use super::{answer_response, answer_success, CognitoUser};
use crate::js::convert::string_map;
use crate::protocol::types::{ConfirmSignUpRequest, ResendConfirmationCodeRequest};
use crate::protocol::{Operation, Request};
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
        let body = ConfirmSignUpRequest {
            client_id: self.pool.config.client_id.clone(),
            confirmation_code: code.as_string().unwrap_or_default(),
            username: self.get_username(),
            force_alias_creation: force_alias_creation.is_truthy(),
            client_metadata: string_map(&client_metadata),
        };
        self.respond_to_request(&callback, move |_| Ok(Request::new(Operation::ConfirmSignUp, body)), answer_success)
    }

    /// `resendConfirmationCode(callback, clientMetadata)` → `{ CodeDeliveryDetails }`.
    #[wasm_bindgen(js_name = resendConfirmationCode)]
    pub fn resend_confirmation_code(&self, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let body = ResendConfirmationCodeRequest {
            client_id: self.pool.config.client_id.clone(),
            username: self.get_username(),
            client_metadata: string_map(&client_metadata),
        };
        self.respond_to_request(
            &callback,
            move |_| Ok(Request::new(Operation::ResendConfirmationCode, body)),
            answer_response,
        )
    }
}
