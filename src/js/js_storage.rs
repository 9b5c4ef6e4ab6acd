//! Storage backends seen from Rust: any JS object with `getItem` / `setItem` /
//! `removeItem` (localStorage, `CookieStorage`, an app's own object), and the in-memory
//! fallback the SDK uses when localStorage is missing or throws.

use super::convert::{call_method, js_string};
use crate::json::OrderedMap;
use crate::storage::keys::STORAGE_PROBE;
use crate::storage::Storage;
use std::cell::RefCell;
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

thread_local! {
    /// Shared by every MemoryStorage, like the SDK's module-level `dataMemory`.
    static MEMORY: RefCell<OrderedMap<String>> = const { RefCell::new(OrderedMap::new()) };
}

/// The SDK's `MemoryStorage`: what sessions live in when there is no localStorage.
#[wasm_bindgen]
#[derive(Default)]
pub struct MemoryStorage;

#[wasm_bindgen]
impl MemoryStorage {
    #[wasm_bindgen(constructor)]
    pub fn new() -> MemoryStorage {
        MemoryStorage
    }
    #[wasm_bindgen(js_name = setItem)]
    // Keys and values as localStorage takes them: String(v).
    pub fn set_item(&self, key: JsValue, value: JsValue) -> String {
        let value = js_string(&value);
        MEMORY.with(|m| m.borrow_mut().insert(js_string(&key), value.clone()));
        value
    }
    #[wasm_bindgen(js_name = getItem)]
    pub fn get_item(&self, key: JsValue) -> Option<String> {
        MEMORY.with(|m| m.borrow().get(&js_string(&key)).cloned())
    }
    #[wasm_bindgen(js_name = removeItem)]
    pub fn remove_item(&self, key: JsValue) -> bool {
        MEMORY.with(|m| m.borrow_mut().remove(&js_string(&key)).is_some())
    }
    pub fn clear(&self) {
        MEMORY.with(|m| m.borrow_mut().clear());
    }
}

/// localStorage when it exists and accepts a write (Safari private mode throws), else memory.
pub fn default_storage() -> JsValue {
    let local = super::convert::get(&js_sys::global(), "localStorage");
    let probe = JsStorage(local.clone());
    if !local.is_undefined() && !local.is_null() && probe.set_item(STORAGE_PROBE, "1").is_ok() {
        probe.remove_item(STORAGE_PROBE);
        return local;
    }
    MemoryStorage.into()
}
