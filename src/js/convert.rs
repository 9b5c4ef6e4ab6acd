//! Reading plain JS objects and building the SDK's error objects.

use crate::prelude::*;
use crate::protocol::CognitoError;
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;

/// `obj[name]`, or `undefined` when `obj` is not an object or the read throws.
pub fn get(obj: &JsValue, name: &str) -> JsValue {
    if !obj.is_object() && !obj.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

pub fn get_string(obj: &JsValue, name: &str) -> Option<String> {
    get(obj, name).as_string()
}

/// Calls `obj[name](...args)` with `this = obj`, as the SDK's own code would.
/// Returns None when `obj[name]` is not a function.
pub fn call_method(obj: &JsValue, name: &str, args: &[&JsValue]) -> Option<Result<JsValue, JsValue>> {
    let f = get(obj, name).dyn_into::<Function>().ok()?;
    let array = js_sys::Array::new();
    for a in args {
        array.push(a);
    }
    Some(Reflect::apply(&f, obj, &array))
}

/// An `Error` with the SDK's fields: `code`, `name`, `message`, and `statusCode` when HTTP gave one.
pub fn error(e: &CognitoError) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name(e.code());
    let _ = Reflect::set(&err, &"code".into(), &JsValue::from_str(e.code()));
    if let Some(status) = e.status_code {
        let _ = Reflect::set(&err, &"statusCode".into(), &JsValue::from(status));
    }
    err.into()
}

/// A Promise and the functions that settle it.
pub fn deferred() -> (js_sys::Promise, js_sys::Function, js_sys::Function) {
    let mut parts = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| parts = Some((resolve, reject)));
    // The executor runs synchronously inside `new Promise` (ECMAScript guarantees it).
    let (resolve, reject) = parts.expect("Promise executor runs synchronously");
    (promise, resolve, reject)
}
