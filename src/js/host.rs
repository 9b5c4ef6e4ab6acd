//! The Web APIs this crate uses, as the JS side offers them (`host` in
//! src/facade/core.js): a few functions taking and giving strings and numbers. Each
//! wasm-bindgen import costs glue on both sides, and building or reading a JS object from
//! Rust costs an import per step; a line of JS does it for less. The same build runs in a
//! page, a worker and Node, where several APIs are missing: the JS side checks, and says so
//! in what it gives back.
//!
//! No JS object crosses the boundary: the imports are `host.name(...)`, `host` handed to
//! the glue when the wasm is instantiated (scripts/build.mjs), and the app's storage
//! objects are numbers the JS side keeps them by (`super::js_storage`). So wasm-bindgen
//! passes no `externref` (its table, slot allocator and a shim per import, measured at
//! 1.5 KB of wasm).

use crate::prelude::*;
use wasm_bindgen::prelude::*;

/// Declares the imports (`host.name`, or `host.js_name`) and the [`Host`] method calling each.
macro_rules! host_functions {
    ($($(#[doc = $doc:literal])* $(#[js_name = $js:ident])? fn $name:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)?;)*) => {
        #[wasm_bindgen]
        extern "C" {
            $($(#[doc = $doc])* #[wasm_bindgen(js_namespace = host $(, js_name = $js)?)] fn $name($($arg: $ty),*) $(-> $ret)?;)*
        }

        impl Host {
            $($(#[doc = $doc])* #[inline(always)] pub fn $name(&self, $($arg: $ty),*) $(-> $ret)? { $name($($arg),*) })*
        }
    };
}

/// The JS side's functions ([`host`]).
pub struct Host;

host_functions! {
    // The asynchronous operations report to `__settled` / `__failed` (`super::tasks::Wait`).

    /// POSTs `body`: `"status\n[=x-amzn-errortype]\nbody"`, or the failure's message when
    /// no answer came.
    fn fetch(url: &str, headers: &str, body: &str, credentials: Option<&str>, wait: u32);
    /// Ends after `ms` (at once where there is no timer).
    fn sleep(ms: u32, wait: u32);
    /// Resolves the call `id` (`run`) with `answer`; id 0 is the answer of `now`.
    fn settle(id: u32, answer: &str);
    /// After a panic: lets go of the Web Locks held, has the shadow stack put back, and
    /// fails every call in flight with the coded error `code`, `message`.
    fn panicked(code: &str, message: &str);
    /// Runs `__poll` from a microtask, and again after each trap in it.
    fn schedule();

    /// Whether there is `navigator.locks`.
    #[js_name = hasLocks]
    fn has_locks() -> bool;
    /// Requests the Web Lock `name`: ends once it is held (with the names of the Web
    /// Locks held then, a line each), which it stays until `unlock(wait)`.
    fn lock(name: &str, wait: u32);
    /// Lets go of the Web Lock requested as `id`: at once, or given `marker`, once the
    /// Web Lock `marker` is granted, which is then held `ms`.
    fn unlock(id: u32, marker: Option<&str>, ms: u32);

    /// `navigator.credentials.create` (or `.get`) with WebAuthn options as JSON text:
    /// the credential's JSON text; fails with "json" (the options are not JSON), "" (no
    /// WebAuthn) or `"name\nmessage"` (the browser's failure).
    fn passkey(create: bool, options: &str, wait: u32);

    /// Has `__atIdle(prepare)` called at idle time; false when nothing can be scheduled.
    fn idle(prepare: bool) -> bool;

    /// Tells `clientId`'s session listeners.
    fn emit(client_id: &str, kind: &str, username: &str, other_tab: bool);

    /// `crypto.getRandomValues(buf)` (in every browser, worker and Node ≥ 19); false when
    /// it throws (a missing `crypto` throws a ReferenceError): the JS side catches, so the
    /// import needs no exception machinery of wasm-bindgen's.
    fn random(buf: &mut [u8]) -> bool;

    #[js_name = hasContextData]
    fn has_context_data() -> bool;
    #[js_name = contextData]
    fn context_data(username: &str, user_pool_id: &str, client_id: &str) -> Option<String>;

    /// SRP's TIMESTAMP for `secs` (epoch seconds), as the JS SDK's DateHelper writes it
    /// (`crate::srp::timestamp`).
    fn time(secs: f64) -> String;

    #[js_name = userAgent]
    fn user_agent() -> Option<String>;
    /// A storage object's `getItem`: a string, or nothing (a failure included).
    #[js_name = getItem]
    fn get_item(storage: u32, key: &str) -> Option<String>;
    /// A storage object's `setItem`: what failed, or nothing.
    #[js_name = setItem]
    fn set_item(storage: u32, key: &str, value: &str) -> Option<String>;
    #[js_name = removeItem]
    fn remove_item(storage: u32, key: &str);
}

/// The JS side's functions.
pub fn host() -> &'static Host {
    &Host
}

/// For the wasm tests, which run without the package's JS: the host of
/// src/facade/core.js, made from its source, with the export it calls back, as the global
/// `host` the test glue's imports name; and its `storageId`, which numbers storage objects.
#[cfg(test)]
pub fn install_for_tests() {
    if STORAGE_ID.with(|s| s.get().is_some()) {
        return;
    }
    let exports = js_sys::Object::new();
    // The JS side's own calls pass `undefined` for the storage number (0 in the wasm).
    let call = Closure::<dyn FnMut(String, String, JsValue, u32)>::new(|name, input, storage: JsValue, id| {
        super::entry::call(name, input, storage.as_f64().map_or(0, |n| n as u32), id)
    })
    .into_js_value();
    js_sys::Reflect::set(&exports, &"call".into(), &call).unwrap();
    let source = include_str!("../facade/core.js").to_string() + "\nreturn [host, storageId];";
    let made: js_sys::Array =
        js_sys::Function::new_with_args("wasm", &source).call1(&JsValue::UNDEFINED, &exports).unwrap().into();
    js_sys::Reflect::set(&js_sys::global(), &"host".into(), &made.get(0)).unwrap();
    STORAGE_ID.with(|s| s.set(made.get(1).into()).unwrap());
}

#[cfg(test)]
std::thread_local! {
    static STORAGE_ID: core::cell::OnceCell<js_sys::Function> = const { core::cell::OnceCell::new() };
}

/// The number the JS side knows the storage object `storage` by (`install_for_tests`).
#[cfg(test)]
pub fn storage_id(storage: &JsValue) -> u32 {
    let id = STORAGE_ID.with(|s| s.get().unwrap().call1(&JsValue::UNDEFINED, storage).unwrap());
    id.as_f64().unwrap() as u32
}

#[cfg(test)]
#[wasm_bindgen]
extern "C" {
    /// `localStorage`, or undefined where reading it throws.
    #[wasm_bindgen(js_namespace = host, js_name = localStorage)]
    pub fn local_storage() -> JsValue;
}
