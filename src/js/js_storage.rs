//! Storage backends seen from Rust: any JS object with `getItem` / `setItem` /
//! `removeItem` (localStorage, `CookieStorage`, an app's own object, the JS MemoryStorage),
//! called through the JS side (`host`), which keeps each by a number (`storageId` in
//! src/facade/core.js): the wasm holds the number, never the object (`super::host`).

use super::host::host;
use crate::prelude::*;
use crate::storage::Storage;
#[cfg(test)]
use wasm_bindgen::prelude::*;

/// A JS storage object, by its number. Calls that throw count as "nothing stored" for reads and as
/// failures for writes, so a broken backend never throws through the SDK.
#[derive(Clone)]
pub struct JsStorage(pub u32);

impl Storage for JsStorage {
    fn get_item(&self, key: &str) -> Option<String> {
        host().get_item(self.0, key)
    }
    /// Err: the name of what the write threw, or that there is no `setItem`.
    fn set_item(&self, key: &str, value: &str) -> Result<(), String> {
        host().set_item(self.0, key, value).map_or(Ok(()), Err)
    }
    fn remove_item(&self, key: &str) {
        host().remove_item(self.0, key)
    }
}

/// localStorage when it exists and accepts a write (Safari's private mode throws), for
/// the browser tests. The package's own default storage is chosen by the JS side
/// (`defaultStorage` in src/facade/misc.js), the same probe without a call into the wasm.
#[cfg(test)]
pub fn usable_local_storage() -> Option<JsValue> {
    use crate::storage::keys::STORAGE_PROBE;
    let local = super::host::local_storage();
    let probe = JsStorage(super::host::storage_id(&local));
    // No undefined/null check of its own: `host.setItem` fails on those (no setItem method).
    if probe.set_item(STORAGE_PROBE, "1").is_ok() {
        probe.remove_item(STORAGE_PROBE);
        return Some(local);
    }
    None
}
