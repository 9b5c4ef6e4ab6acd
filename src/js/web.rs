//! The Web APIs this crate calls, as typed imports rather than look-ups by name (gloo's
//! `timers/src/callback.rs` is the model). The same build runs in a page, a worker and
//! Node, where several are missing (Node: no `navigator.locks` before 22, no
//! `requestIdleCallback`, no `addEventListener` on the global), so calls that may find
//! nothing are `catch` (a missing free function throws a ReferenceError, a missing method
//! a TypeError) and the optional ones have a presence check.

use crate::prelude::*;
use crate::protocol::user_context::ContextDataSource;
use js_sys::{Function, Object, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `crypto.getRandomValues`, present in every browser, worker and Node ≥ 19.
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout_js(handler: &Function, ms: u32) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = queueMicrotask, catch)]
    fn queue_microtask_js(task: &Function) -> Result<(), JsValue>;

    /// A promise seen only as `then(f)` with a plain function (js-sys's `then` wants a Closure).
    type Thenable;
    #[wasm_bindgen(method)]
    fn then(this: &Thenable, f: &Function);

    /// `globalThis`: a window, a worker's global or Node's.
    type Global;

    #[wasm_bindgen(method, getter, js_name = requestIdleCallback)]
    fn request_idle_callback_property(this: &Global) -> JsValue;
    #[wasm_bindgen(method, catch, js_name = requestIdleCallback)]
    fn request_idle_callback_js(this: &Global, task: &JsValue, options: &Object) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = addEventListener)]
    fn add_event_listener_js(this: &Global, kind: &str, listener: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(method, getter)]
    fn navigator(this: &Global) -> Option<Navigator>;

    /// The collector Cognito's advanced-security script defines as a global.
    #[wasm_bindgen(method, getter = AmazonCognitoAdvancedSecurityData)]
    fn advanced_security_data(this: &Global) -> JsValue;

    type AdvancedSecurityDataCollector;
    #[wasm_bindgen(method, catch, js_name = getData)]
    fn get_data(
        this: &AdvancedSecurityDataCollector, username: &str, user_pool_id: &str, client_id: &str,
    ) -> Result<JsValue, JsValue>;

    type Navigator;

    #[wasm_bindgen(method, getter, js_name = userAgent)]
    fn user_agent(this: &Navigator) -> Option<String>;

    #[wasm_bindgen(method, getter)]
    fn locks(this: &Navigator) -> Option<LockManager>;
    #[wasm_bindgen(method, getter)]
    fn credentials(this: &Navigator) -> Option<CredentialsContainer>;

    /// `navigator.locks`.
    pub type LockManager;

    #[wasm_bindgen(method, getter, js_name = request)]
    fn request_property(this: &LockManager) -> JsValue;
    /// `locks.request(name, callback)`: the lock is held until the promise `callback`
    /// returns settles.
    #[wasm_bindgen(method, catch)]
    pub fn request(this: &LockManager, name: &str, callback: &JsValue) -> Result<JsValue, JsValue>;
    /// `locks.query()` → `{ held: [{ name }], pending }`.
    #[wasm_bindgen(method, catch)]
    pub fn query(this: &LockManager) -> Result<JsValue, JsValue>;

    /// `navigator.credentials`.
    pub type CredentialsContainer;

    #[wasm_bindgen(method, getter, js_name = get)]
    fn get_property(this: &CredentialsContainer) -> JsValue;
    #[wasm_bindgen(method, catch, js_name = get)]
    fn get_js(this: &CredentialsContainer, options: &Object) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, js_name = create)]
    fn create_property(this: &CredentialsContainer) -> JsValue;
    #[wasm_bindgen(method, catch, js_name = create)]
    fn create_js(this: &CredentialsContainer, options: &Object) -> Result<JsValue, JsValue>;
}

fn global() -> Global {
    js_sys::global().unchecked_into()
}

/// `setTimeout(handler, ms)`: the timer, or None where there is no setTimeout.
pub fn set_timeout(handler: &Function, ms: u32) -> Option<JsValue> {
    set_timeout_js(handler, ms).ok()
}

/// `queueMicrotask(task)`, or `Promise.resolve().then(task)` where there is none.
pub fn queue_microtask(task: &Function) {
    if queue_microtask_js(task).is_err() {
        Promise::resolve(&JsValue::UNDEFINED).unchecked_into::<Thenable>().then(task);
    }
}

/// `requestIdleCallback(task, options)`: None where there is none (Safari, Node), else
/// whether the call went through.
pub fn request_idle_callback(task: &JsValue, options: &Object) -> Option<bool> {
    let global = global();
    global
        .request_idle_callback_property()
        .is_function()
        .then(|| global.request_idle_callback_js(task, options).is_ok())
}

/// `addEventListener(kind, listener)` on the global, where it has one.
pub fn add_event_listener(kind: &str, listener: &JsValue) {
    let _ = global().add_event_listener_js(kind, listener);
}

/// `navigator.userAgent`, where there is a navigator (Node 21+ has one).
pub fn user_agent() -> Option<String> {
    global().navigator()?.user_agent()
}

/// The page's advanced-security collector, `AmazonCognitoAdvancedSecurityData`, looked up at
/// each request as the JS SDK does (the script may load after this package). Read from the
/// global object: a collector declared with a top-level `let`/`const` is not seen.
pub struct AdvancedSecurityData;

impl ContextDataSource for AdvancedSecurityData {
    fn is_present(&self) -> bool {
        !global().advanced_security_data().is_undefined()
    }

    /// A collector that throws, or gives something other than a string, gave nothing:
    /// the request goes out with `UserContextData: {}` rather than failing.
    fn encoded_data(&self, username: &str, user_pool_id: &str, client_id: &str) -> Option<String> {
        let collector: AdvancedSecurityDataCollector = global().advanced_security_data().unchecked_into();
        collector.get_data(username, user_pool_id, client_id).ok()?.as_string()
    }
}

/// `navigator.locks`, when there is one with a `request` method.
pub fn locks() -> Option<LockManager> {
    global().navigator()?.locks().filter(|l| l.request_property().is_function())
}

/// `navigator.credentials.get` or `.create` (`create` false: get) with `options`; None where
/// the container or the method is missing.
pub fn credentials_call(create: bool, options: &Object) -> Option<Result<JsValue, JsValue>> {
    let container = global().navigator()?.credentials()?;
    match create {
        false => container.get_property().is_function().then(|| container.get_js(options)),
        true => container.create_property().is_function().then(|| container.create_js(options)),
    }
}

/// getrandom's source (its "custom" backend): `crypto.getRandomValues`, which takes at most
/// 65,536 bytes per call.
fn fill_random(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    for chunk in buf.chunks_mut(65_536) {
        get_random_values(chunk).map_err(|_| getrandom::Error::WEB_CRYPTO)?;
    }
    Ok(())
}

getrandom::register_custom_getrandom!(fill_random);
