//! Delivering results the way the SDK's callers expect: a Node-style `callback(err, result)`,
//! methods of a callback object (`onSuccess`, `onFailure`, ...) called with `this` set to
//! that object, or, when no callback is given, a Promise. Each `Reply` is consumed by
//! the one delivery, so every call reports exactly once.

use super::convert::{call_method, error};
use crate::protocol::CognitoError;
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

pub enum Reply {
    Node(Function),
    Methods(JsValue),
    Promise { resolve: Function, reject: Function },
}

/// The Reply for `callback` and what the JS method should return: `undefined` when a
/// callback was given, else the Promise.
pub fn reply_for(callback: &JsValue) -> (Reply, JsValue) {
    if let Some(f) = callback.dyn_ref::<Function>() {
        return (Reply::Node(f.clone()), JsValue::UNDEFINED);
    }
    if callback.is_object() {
        return (Reply::Methods(callback.clone()), JsValue::UNDEFINED);
    }
    let (promise, resolve, reject) = super::convert::deferred();
    (Reply::Promise { resolve, reject }, promise.into())
}

/// An exception thrown by the app's own callback must not turn into a second callback
/// (the JS SDK's double-callback bug), nor vanish: it surfaces as an unhandled rejection.
fn surface(result: Result<JsValue, JsValue>) {
    if let Err(thrown) = result {
        let _ = Promise::reject(&thrown);
    }
}

impl Reply {
    pub fn ok(self, value: JsValue) {
        match self {
            Reply::Node(f) => surface(f.call2(&JsValue::UNDEFINED, &JsValue::NULL, &value)),
            Reply::Methods(obj) => {
                if let Some(r) = call_method(&obj, "onSuccess", &[&value]) {
                    surface(r)
                }
            }
            Reply::Promise { resolve, .. } => surface(resolve.call1(&JsValue::UNDEFINED, &value)),
        }
    }

    /// Success with a second piece of information: `callback(null, value, details)`
    /// (updateAttributes) or `onSuccess(value, details)` (a sign-in whose new device awaits
    /// confirmation). A Promise resolves to `value`.
    pub fn ok_with_details(self, value: JsValue, details: JsValue) {
        match self {
            Reply::Node(f) => surface(f.call3(&JsValue::UNDEFINED, &JsValue::NULL, &value, &details)),
            Reply::Methods(obj) => {
                if let Some(r) = call_method(&obj, "onSuccess", &[&value, &details]) {
                    surface(r)
                }
            }
            other => other.ok(value),
        }
    }

    /// Calls the callback object's `method(value)` when it has one (e.g.
    /// `inputVerificationCode`), else delivers `fallback` as an ordinary success.
    pub fn ok_via(self, method: &str, value: JsValue, fallback: JsValue) {
        if let Err(reply) = self.method(method, &[&value]) {
            reply.ok(fallback)
        }
    }

    pub fn err_value(self, err: JsValue) {
        match self {
            Reply::Node(f) => surface(f.call2(&JsValue::UNDEFINED, &err, &JsValue::NULL)),
            Reply::Methods(obj) => {
                if let Some(r) = call_method(&obj, "onFailure", &[&err]) {
                    surface(r)
                }
            }
            Reply::Promise { reject, .. } => surface(reject.call1(&JsValue::UNDEFINED, &err)),
        }
    }

    pub fn err(self, e: &CognitoError) {
        self.err_value(error(e))
    }

    pub fn settle(self, result: Result<JsValue, CognitoError>) {
        match result {
            Ok(v) => self.ok(v),
            Err(e) => self.err(&e),
        }
    }

    /// For callback objects: calls `obj[name](...args)` if the app provided it.
    /// Returns the Reply back when there is no such method, so the caller can fall back.
    pub fn method(self, name: &str, args: &[&JsValue]) -> Result<(), Reply> {
        match &self {
            Reply::Methods(obj) => match call_method(obj, name, args) {
                Some(r) => {
                    surface(r);
                    Ok(())
                }
                None => Err(self),
            },
            _ => Err(self),
        }
    }
}
