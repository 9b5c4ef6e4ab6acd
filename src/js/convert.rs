//! Reading plain JS objects and building the SDK's error objects.

use crate::json::{self, Value};
use crate::protocol::types::StringMap;
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

/// `String(v)`, as localStorage stores values. Exported methods take their text arguments
/// as JsValue and convert here: wasm-bindgen's own `String` parameters assume a string,
/// and a number (`sendMFACode(123456)`) made its glue hand the allocator a NaN length and
/// trap with "memory access out of bounds".
pub fn js_string(v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        return s;
    }
    let to_string = get(&js_sys::global(), "String");
    to_string
        .dyn_ref::<Function>()
        .and_then(|f| f.call1(&JsValue::UNDEFINED, v).ok())
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A text argument (a code, a password, a name): `String(v)`, but null and undefined are
/// empty, so that a missing argument reaches Cognito as an invalid value, never as the
/// word "undefined" (a new password!).
pub fn string_arg(v: &JsValue) -> String {
    optional_string_arg(v).unwrap_or_default()
}

/// An optional text argument: None for null and undefined, else `String(v)`.
pub fn optional_string_arg(v: &JsValue) -> Option<String> {
    (!v.is_null() && !v.is_undefined()).then(|| js_string(v))
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

/// A string produced by calling a getter-style method, such as `pool.getClientId()`.
pub fn call_string(obj: &JsValue, name: &str) -> Option<String> {
    call_method(obj, name, &[])?.ok()?.as_string()
}

/// `JSON.stringify(v)` parsed by our JSON module: how JS values (plain objects, our
/// classes with `toJSON`) become Rust data without walking them through Reflect.
/// `None` for undefined, null, and what JSON cannot hold (a function, a cycle, a BigInt).
pub fn json_from_js(v: &JsValue) -> Option<Value> {
    if v.is_undefined() || v.is_null() {
        return None;
    }
    let text = js_sys::JSON::stringify(v).ok()?.as_string()?;
    json::parse(&text).ok()
}

/// The JS value of a JSON value (`JSON.parse` of its text; numbers keep their exact text).
pub fn js_from_json(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.stringify()).unwrap_or(JsValue::NULL)
}

/// ClientMetadata: a string map. Non-string values are sent as their JSON text.
pub fn string_map(v: &JsValue) -> Option<StringMap> {
    match json_from_js(v)? {
        Value::Object(map) if !map.is_empty() => Some(StringMap::from_iter(map.into_iter().map(|(k, v)| {
            let v = match v {
                Value::String(s) => s,
                other => other.stringify(),
            };
            (k, v)
        }))),
        _ => None,
    }
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

/// A plain `Error` with the given message, for the SDK's argument checks (it throws these).
pub fn plain_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// A Promise and the functions that settle it.
pub fn deferred() -> (js_sys::Promise, js_sys::Function, js_sys::Function) {
    let mut parts = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| parts = Some((resolve, reject)));
    // The executor runs synchronously inside `new Promise` (ECMAScript guarantees it).
    let (resolve, reject) = parts.expect("Promise executor runs synchronously");
    (promise, resolve, reject)
}
