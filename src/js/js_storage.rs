//! Storage backends seen from Rust: any JS object with `getItem` / `setItem` /
//! `removeItem` (localStorage, `CookieStorage`, an app's own object, the JS MemoryStorage).

use super::convert::call_method;
use crate::prelude::*;
use crate::storage::keys::STORAGE_PROBE;
use crate::storage::Storage;
use wasm_bindgen::prelude::*;

/// A JS storage object. Calls that throw count as "nothing stored" for reads and as
/// failures for writes, so a broken backend never throws through the SDK.
#[derive(Clone)]
pub struct JsStorage(pub JsValue);

impl Storage for JsStorage {
    fn get_item(&self, key: &str) -> Option<String> {
        match call_method(&self.0, "getItem", &[&JsValue::from_str(key)])? {
            Ok(v) => v.as_string(),
            Err(_) => None,
        }
    }
    fn set_item(&self, key: &str, value: &str) -> Result<(), String> {
        match call_method(&self.0, "setItem", &[&JsValue::from_str(key), &JsValue::from_str(value)]) {
            Some(Ok(_)) => Ok(()),
            Some(Err(e)) => {
                Err(super::convert::get_string(&e, "name").unwrap_or_else(|| "storage write failed".into()))
            }
            None => Err("the storage object has no setItem method".into()),
        }
    }
    fn remove_item(&self, key: &str) {
        let _ = call_method(&self.0, "removeItem", &[&JsValue::from_str(key)]);
    }
}

/// localStorage when it exists and accepts a write (Safari's private mode throws); the
/// JS then falls back to its MemoryStorage, as the SDK's StorageHelper does.
pub fn usable_local_storage() -> Option<JsValue> {
    let local = super::convert::get(&js_sys::global(), "localStorage");
    let probe = JsStorage(local.clone());
    if !local.is_undefined() && !local.is_null() && probe.set_item(STORAGE_PROBE, "1").is_ok() {
        probe.remove_item(STORAGE_PROBE);
        return Some(local);
    }
    None
}
