//! Remembered devices of a signed-in user: getDevice, listDevices, setDeviceStatusRemembered,
//! setDeviceStatusNotRemembered, forgetDevice, forgetSpecificDevice — as in the JS SDK.

use super::{answer_response, answer_success, CognitoUser, Handle};
use crate::js::convert::get_string;
use crate::protocol::{account, CognitoError, ErrorKind};
use crate::storage::SessionStore;
use wasm_bindgen::prelude::*;

impl Handle {
    /// The key of this browser's remembered device for this user.
    fn device_key(&self) -> Result<String, CognitoError> {
        SessionStore::new(&self.storage, &self.pool.config.client_id)
            .load_device(&self.username())
            .map(|d| d.key)
            .ok_or_else(|| {
                CognitoError::new(ErrorKind::DeviceNotRemembered, "This device is not remembered for this user.")
            })
    }
}

#[wasm_bindgen]
impl CognitoUser {
    /// `getDevice({ onSuccess, onFailure })` → GetDevice's answer for this device.
    #[wasm_bindgen(js_name = getDevice)]
    pub fn get_device(&self, callback: JsValue) -> JsValue {
        self.respond_to_request(
            &callback,
            |h| Ok(account::get_device(&h.access_token()?, &h.device_key()?)),
            answer_response,
        )
    }

    /// `listDevices(limit, paginationToken, { onSuccess, onFailure })` → `{ Devices, PaginationToken? }`.
    #[wasm_bindgen(js_name = listDevices)]
    pub fn list_devices(&self, limit: JsValue, pagination_token: JsValue, callback: JsValue) -> JsValue {
        let limit = limit.as_f64().filter(|l| *l >= 0.0).map(|l| l as u32);
        let token = pagination_token.as_string().filter(|t| !t.is_empty());
        self.respond_to_request(
            &callback,
            move |h| Ok(account::list_devices(&h.access_token()?, limit, token.as_deref())),
            answer_response,
        )
    }

    /// `setDeviceStatusRemembered({ onSuccess, onFailure })` → 'SUCCESS'.
    #[wasm_bindgen(js_name = setDeviceStatusRemembered)]
    pub fn set_device_status_remembered(&self, callback: JsValue) -> JsValue {
        self.set_device_status(callback, true)
    }

    /// `setDeviceStatusNotRemembered({ onSuccess, onFailure })` → 'SUCCESS'.
    #[wasm_bindgen(js_name = setDeviceStatusNotRemembered)]
    pub fn set_device_status_not_remembered(&self, callback: JsValue) -> JsValue {
        self.set_device_status(callback, false)
    }

    fn set_device_status(&self, callback: JsValue, remembered: bool) -> JsValue {
        self.respond_to_request(
            &callback,
            move |h| Ok(account::update_device_status(&h.access_token()?, &h.device_key()?, remembered)),
            answer_success,
        )
    }

    /// `forgetDevice({ onSuccess, onFailure })`: forgets this device at Cognito and here, so
    /// the next sign-in goes through the full flow again.
    #[wasm_bindgen(js_name = forgetDevice)]
    pub fn forget_device(&self, callback: JsValue) -> JsValue {
        let build = |h: &Handle| {
            let key = h.device_key()?;
            Ok(account::forget_device(&h.access_token()?, &key))
        };
        self.respond_to_request(&callback, build, |h, response| {
            SessionStore::new(&h.storage, &h.pool.config.client_id).clear_device(&h.username());
            answer_success(h, response)
        })
    }

    /// `forgetSpecificDevice(deviceKey, { onSuccess, onFailure })`.
    #[wasm_bindgen(js_name = forgetSpecificDevice)]
    pub fn forget_specific_device(&self, device_key: JsValue, callback: JsValue) -> JsValue {
        let key = device_key.as_string().or_else(|| get_string(&device_key, "DeviceKey")).unwrap_or_default();
        let forgotten = key.clone();
        self.respond_to_request(
            &callback,
            move |h| Ok(account::forget_device(&h.access_token()?, &key)),
            move |h, response| {
                let store = SessionStore::new(&h.storage, &h.pool.config.client_id);
                if store.load_device(&h.username()).is_some_and(|d| d.key == forgotten) {
                    store.clear_device(&h.username());
                }
                answer_success(h, response)
            },
        )
    }
}
