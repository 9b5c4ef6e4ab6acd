//! Delivering results the way the SDK's callers expect: a Node-style `callback(err, result)`,
//! methods of a callback object (`onSuccess`, `onFailure`, ...) called with `this` set to
//! that object, or, when no callback is given, a Promise. Each `Reply` is consumed by
//! the one delivery, so every call reports exactly once.
//!
//! While a call is in flight its destination waits in a thread-local registry rather than
//! inside the `Reply`: a panic can then fail every call in flight (`abandon_all`, from the
//! panic hook in `super::panic`) even though their futures never run again, and a `Reply`
//! that finds its destination gone knows the panic already answered for it.

use super::convert::{call_method, error};
use super::serial_map::SerialMap;
use crate::protocol::CognitoError;
use js_sys::{Function, Promise};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

/// Where a call's result goes.
pub enum Target {
    Node(Function),
    Methods(JsValue),
    Promise {
        resolve: Function,
        reject: Function,
    },
    /// `signOut(callback)`: `callback()` on success, `callback(err)` on failure.
    ErrorOnly(Function),
}

/// A call in flight: its destination, and what its JS method returned (the Promise, or
/// `undefined`) for the JS wrapper that reports a panic in the method itself.
pub struct InFlight {
    pub target: Target,
    pub returned: JsValue,
}

thread_local! {
    static IN_FLIGHT: RefCell<SerialMap<InFlight>> = const { RefCell::new(SerialMap::new()) };
    /// Numbers calls (and panics, see `super::panic`) in order: the JS wrapper compares them.
    static NEXT_SERIAL: Cell<u64> = const { Cell::new(1) };
}

/// The serial the next call (or panic) will get.
pub fn next_serial() -> u64 {
    NEXT_SERIAL.with(Cell::get)
}

pub fn take_serial() -> u64 {
    NEXT_SERIAL.with(|s| s.replace(s.get() + 1))
}

/// Removes every call in flight, with its serial: the panic hook fails them all. Gives
/// nothing when the registry is borrowed (the panic hit our own bookkeeping), rather than
/// panicking inside the hook.
pub fn abandon_all() -> Vec<(u64, InFlight)> {
    IN_FLIGHT.with(|calls| calls.try_borrow_mut().map(|mut calls| calls.take_all()).unwrap_or_default())
}

/// One call's way back to the app; the destination is in `IN_FLIGHT` under `serial`.
pub struct Reply {
    serial: u64,
}

/// The Reply for `callback` and what the JS method should return: `undefined` when a
/// callback was given, else the Promise.
pub fn reply_for(callback: &JsValue) -> (Reply, JsValue) {
    let (target, returned) = if let Some(f) = callback.dyn_ref::<Function>() {
        (Target::Node(f.clone()), JsValue::UNDEFINED)
    } else if callback.is_object() {
        (Target::Methods(callback.clone()), JsValue::UNDEFINED)
    } else {
        let (promise, resolve, reject) = super::convert::deferred();
        (Target::Promise { resolve, reject }, promise.into())
    };
    (Reply::register(target, returned.clone()), returned)
}

/// A Reply that calls `callback(err)` on failure and `callback()` on success (signOut's).
pub fn reply_error_only(callback: Function) -> Reply {
    Reply::register(Target::ErrorOnly(callback), JsValue::UNDEFINED)
}

/// An exception thrown by the app's own callback must not turn into a second callback
/// (the JS SDK's double-callback bug), nor vanish: it surfaces as an unhandled rejection.
fn surface(result: Result<JsValue, JsValue>) {
    if let Err(thrown) = result {
        let _ = Promise::reject(&thrown);
    }
}

impl Target {
    fn ok(self, value: JsValue) {
        match self {
            Target::Node(f) => surface(f.call2(&JsValue::UNDEFINED, &JsValue::NULL, &value)),
            Target::Methods(obj) => {
                if let Some(r) = call_method(&obj, "onSuccess", &[&value]) {
                    surface(r)
                }
            }
            Target::Promise { resolve, .. } => surface(resolve.call1(&JsValue::UNDEFINED, &value)),
            Target::ErrorOnly(f) => surface(f.call0(&JsValue::UNDEFINED)),
        }
    }

    fn ok_with_details(self, value: JsValue, details: JsValue) {
        match self {
            Target::Node(f) => surface(f.call3(&JsValue::UNDEFINED, &JsValue::NULL, &value, &details)),
            Target::Methods(obj) => {
                if let Some(r) = call_method(&obj, "onSuccess", &[&value, &details]) {
                    surface(r)
                }
            }
            other => other.ok(value),
        }
    }

    pub fn fail(self, err: JsValue) {
        match self {
            Target::Node(f) => surface(f.call2(&JsValue::UNDEFINED, &err, &JsValue::NULL)),
            Target::Methods(obj) => {
                if let Some(r) = call_method(&obj, "onFailure", &[&err]) {
                    surface(r)
                }
            }
            Target::Promise { reject, .. } => surface(reject.call1(&JsValue::UNDEFINED, &err)),
            Target::ErrorOnly(f) => surface(f.call1(&JsValue::UNDEFINED, &err)),
        }
    }
}

impl Reply {
    fn register(target: Target, returned: JsValue) -> Reply {
        let serial = take_serial();
        IN_FLIGHT.with(|calls| calls.borrow_mut().insert(serial, InFlight { target, returned }));
        Reply { serial }
    }

    /// The destination, taken out of the registry; None when a panic already failed this call.
    fn take(&self) -> Option<InFlight> {
        IN_FLIGHT.with(|calls| calls.borrow_mut().remove(self.serial))
    }

    pub fn ok(self, value: JsValue) {
        if let Some(call) = self.take() {
            call.target.ok(value)
        }
    }

    /// Success with a second piece of information: `callback(null, value, details)`
    /// (updateAttributes) or `onSuccess(value, details)` (a sign-in whose new device awaits
    /// confirmation). A Promise resolves to `value`.
    pub fn ok_with_details(self, value: JsValue, details: JsValue) {
        if let Some(call) = self.take() {
            call.target.ok_with_details(value, details)
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
        if let Some(call) = self.take() {
            call.target.fail(err)
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
        // Out of the registry while the app's method runs: it may start other calls.
        let Some(call) = self.take() else { return Ok(()) };
        if let Target::Methods(obj) = &call.target {
            if let Some(r) = call_method(obj, name, args) {
                surface(r);
                return Ok(());
            }
        }
        IN_FLIGHT.with(|calls| calls.borrow_mut().insert(self.serial, call));
        Err(self)
    }
}

impl Drop for Reply {
    /// A Reply dropped undelivered (its call was cancelled after a panic) leaves no entry behind.
    fn drop(&mut self) {
        IN_FLIGHT.with(|calls| {
            if let Ok(mut calls) = calls.try_borrow_mut() {
                calls.remove(self.serial);
            }
        });
    }
}
