//! The Web APIs this crate uses, as the JS side offers them (`host` in
//! src/facade/core.js): a few functions taking and giving strings, numbers and the app's
//! own objects. Each wasm-bindgen import costs glue on both sides, and building or reading
//! a JS object from Rust costs an import per step; a line of JS does it for less. The same
//! build runs in a page, a worker and Node, where several APIs are missing: the JS side
//! checks, and says so in what it gives back.

use crate::prelude::*;
use core::cell::OnceCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    pub type Host;

    // The asynchronous operations report to `__settled` / `__failed` (`super::tasks::Wait`).

    /// POSTs `body`: `"status\n[=x-amzn-errortype]\nbody"`, or the failure's message when
    /// no answer came.
    #[wasm_bindgen(method)]
    pub fn fetch(this: &Host, url: &str, headers: &str, body: &str, credentials: Option<&str>, wait: u32);
    /// Ends after `ms` (at once where there is no timer).
    #[wasm_bindgen(method)]
    pub fn sleep(this: &Host, ms: u32, wait: u32);
    /// Resolves the call `id` (`run`) with `answer`; id 0 is the answer of `now`.
    #[wasm_bindgen(method)]
    pub fn settle(this: &Host, id: u32, answer: &str);
    /// After a panic: lets go of the Web Locks held, has the shadow stack put back, and
    /// fails every call in flight with the coded error `code`, `message`.
    #[wasm_bindgen(method)]
    pub fn panicked(this: &Host, code: &str, message: &str);
    /// Runs `__poll` from a microtask, and again after each trap in it.
    #[wasm_bindgen(method)]
    pub fn schedule(this: &Host);

    /// Whether there is `navigator.locks`.
    #[wasm_bindgen(method, js_name = hasLocks)]
    pub fn has_locks(this: &Host) -> bool;
    /// Requests the Web Lock `name`: ends once it is held (with the names of the Web
    /// Locks held then, a line each), which it stays until `unlock(wait)`.
    #[wasm_bindgen(method)]
    pub fn lock(this: &Host, name: &str, wait: u32);
    /// Lets go of the Web Lock requested as `id`: at once, or given `marker`, once the
    /// Web Lock `marker` is granted, which is then held `ms`.
    #[wasm_bindgen(method)]
    pub fn unlock(this: &Host, id: u32, marker: Option<&str>, ms: u32);

    /// `navigator.credentials.create` (or `.get`) with WebAuthn options as JSON text:
    /// the credential's JSON text; fails with "json" (the options are not JSON), "" (no
    /// WebAuthn) or `"name\nmessage"` (the browser's failure).
    #[wasm_bindgen(method)]
    pub fn passkey(this: &Host, create: bool, options: &str, wait: u32);

    /// Has `__atIdle(prepare)` called at idle time; false when nothing can be scheduled.
    #[wasm_bindgen(method)]
    pub fn idle(this: &Host, prepare: bool) -> bool;

    /// Tells `clientId`'s session listeners.
    #[wasm_bindgen(method)]
    pub fn emit(this: &Host, client_id: &str, kind: &str, username: &str, other_tab: bool);

    /// `crypto.getRandomValues(buf)` (in every browser, worker and Node ≥ 19); false when
    /// it throws (a missing `crypto` throws a ReferenceError): the JS side catches, so the
    /// import needs no exception machinery of wasm-bindgen's.
    #[wasm_bindgen(method)]
    pub fn random(this: &Host, buf: &mut [u8]) -> bool;

    #[wasm_bindgen(method, js_name = hasContextData)]
    pub fn has_context_data(this: &Host) -> bool;
    #[wasm_bindgen(method, js_name = contextData)]
    pub fn context_data(this: &Host, username: &str, user_pool_id: &str, client_id: &str) -> Option<String>;

    /// SRP's TIMESTAMP for `secs` (epoch seconds), as the JS SDK's DateHelper writes it
    /// (`crate::srp::timestamp`).
    #[wasm_bindgen(method)]
    pub fn time(this: &Host, secs: f64) -> String;

    #[wasm_bindgen(method, js_name = userAgent)]
    pub fn user_agent(this: &Host) -> Option<String>;
    #[wasm_bindgen(method, js_name = localStorage)]
    pub fn local_storage(this: &Host) -> JsValue;

    /// A storage object's `getItem`: a string, or nothing (a failure included).
    #[wasm_bindgen(method, js_name = getItem)]
    pub fn get_item(this: &Host, storage: &JsValue, key: &str) -> Option<String>;
    /// A storage object's `setItem`: what failed, or nothing.
    #[wasm_bindgen(method, js_name = setItem)]
    pub fn set_item(this: &Host, storage: &JsValue, key: &str, value: &str) -> Option<String>;
    #[wasm_bindgen(method, js_name = removeItem)]
    pub fn remove_item(this: &Host, storage: &JsValue, key: &str);
}

local! {
    static HOST: OnceCell<Host> = const { OnceCell::new() };
}

/// The JS side's functions, handed over once by src/facade/core.js before any other call
/// (`__host`, `super::entry::call`).
pub fn set_host(host: Host) {
    let _ = HOST.with(|h| h.set(host));
}

/// The JS side's functions.
pub fn host() -> &'static Host {
    match HOST.get() {
        Some(host) => host,
        // Never: src/facade/core.js hands its functions over before any other call. A trap
        // rather than a panic, whose hook reports through the host (it would recurse here).
        None => core::arch::wasm32::unreachable(),
    }
}

/// For the wasm tests, which run without the package's JS: the host of
/// src/facade/core.js, made from its source, with the export it calls back.
#[cfg(test)]
pub fn install_for_tests() {
    if HOST.get().is_some() {
        return;
    }
    let exports = js_sys::Object::new();
    let call = Closure::<dyn FnMut(String, String, JsValue, u32)>::new(super::entry::call).into_js_value();
    js_sys::Reflect::set(&exports, &"call".into(), &call).unwrap();
    let source = include_str!("../facade/core.js").to_string() + "\nreturn host;";
    let made = js_sys::Function::new_with_args("wasm", &source).call1(&JsValue::UNDEFINED, &exports).unwrap();
    set_host(made.unchecked_into());
}
