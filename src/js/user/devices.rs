//! Remembered devices of a signed-in user: getDevice, listDevices, setDeviceStatusRemembered,
//! setDeviceStatusNotRemembered, forgetDevice, forgetSpecificDevice — as in the JS SDK.
//! The calls and what storage keeps afterwards are `flows::user`'s.

use super::{answer_response, answer_success, CognitoUser};
use crate::flows::user::UserCall;
use crate::js::convert::get_string;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl CognitoUser {
    /// `getDevice({ onSuccess, onFailure })` → GetDevice's answer for this device.
    #[wasm_bindgen(js_name = getDevice)]
    pub fn get_device(&self, callback: JsValue) -> JsValue {
        self.respond_to_call(&callback, UserCall::GetDevice, answer_response)
    }

    /// `listDevices(limit, paginationToken, { onSuccess, onFailure })` → `{ Devices, PaginationToken? }`.
    #[wasm_bindgen(js_name = listDevices)]
    pub fn list_devices(&self, limit: JsValue, pagination_token: JsValue, callback: JsValue) -> JsValue {
        let limit = limit.as_f64().filter(|l| *l >= 0.0).map(|l| l as u32);
        let pagination_token = pagination_token.as_string().filter(|t| !t.is_empty());
        self.respond_to_call(&callback, UserCall::ListDevices { limit, pagination_token }, answer_response)
    }

    /// `setDeviceStatusRemembered({ onSuccess, onFailure })` → 'SUCCESS'.
    #[wasm_bindgen(js_name = setDeviceStatusRemembered)]
    pub fn set_device_status_remembered(&self, callback: JsValue) -> JsValue {
        self.respond_to_call(&callback, UserCall::SetDeviceStatus { remembered: true }, answer_success)
    }

    /// `setDeviceStatusNotRemembered({ onSuccess, onFailure })` → 'SUCCESS'.
    #[wasm_bindgen(js_name = setDeviceStatusNotRemembered)]
    pub fn set_device_status_not_remembered(&self, callback: JsValue) -> JsValue {
        self.respond_to_call(&callback, UserCall::SetDeviceStatus { remembered: false }, answer_success)
    }

    /// `forgetDevice({ onSuccess, onFailure })`: forgets this device at Cognito and here, so
    /// the next sign-in goes through the full flow again.
    #[wasm_bindgen(js_name = forgetDevice)]
    pub fn forget_device(&self, callback: JsValue) -> JsValue {
        self.respond_to_call(&callback, UserCall::ForgetDevice, answer_success)
    }

    /// `forgetSpecificDevice(deviceKey, { onSuccess, onFailure })`.
    #[wasm_bindgen(js_name = forgetSpecificDevice)]
    pub fn forget_specific_device(&self, device_key: JsValue, callback: JsValue) -> JsValue {
        let key = device_key.as_string().or_else(|| get_string(&device_key, "DeviceKey")).unwrap_or_default();
        self.respond_to_call(&callback, UserCall::ForgetSpecificDevice { key }, answer_success)
    }
}
