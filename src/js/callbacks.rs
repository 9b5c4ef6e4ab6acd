//! The Promises of the calls in flight (`entry::run`). Each `Reply` is consumed by its one
//! delivery, so every call settles exactly once.
//!
//! While a call is in flight its Promise's settle functions wait in a thread-local
//! registry rather than inside the `Reply`: a panic can then fail every call in flight
//! (`abandon_all`, from the panic hook in `super::panic`) even though their futures never
//! run again, and a `Reply` that finds its entry gone knows the panic already answered.

use super::host::host;
use super::serial_map::SerialMap;
use crate::prelude::*;
use core::cell::{Cell, RefCell};
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

/// A call's Promise, as its settle functions.
pub struct Target {
    resolve: Function,
    reject: Function,
}

/// A call in flight: where its result goes, and the Promise the entry point returned (for
/// the JS that reports a panic inside that entry point itself).
pub struct InFlight {
    pub target: Target,
    pub returned: JsValue,
}

local! {
    static IN_FLIGHT: RefCell<SerialMap<InFlight>> = const { RefCell::new(SerialMap::new()) };
    /// Numbers calls (and panics, see `super::panic`) in order: the JS compares them.
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
pub fn abandon_all() -> (Vec<u64>, Vec<InFlight>) {
    IN_FLIGHT.with(|calls| calls.try_borrow_mut().map(|mut calls| calls.take_all()).unwrap_or_default())
}

/// One call's way back; its Promise is in `IN_FLIGHT` under `serial`.
pub struct Reply {
    serial: u64,
}

/// A new call's Reply and its Promise.
pub fn reply_with_promise() -> (Reply, Promise) {
    let deferred = host().deferred();
    let (resolve, reject) = (deferred.resolve(), deferred.reject());
    let promise = Promise::from(deferred);
    let serial = take_serial();
    let returned = promise.clone().into();
    IN_FLIGHT
        .with(|calls| calls.borrow_mut().insert(serial, InFlight { target: Target { resolve, reject }, returned }));
    (Reply { serial }, promise)
}

impl Target {
    pub fn fail(self, err: JsValue) {
        let _ = self.reject.call1(&JsValue::UNDEFINED, &err);
    }
}

impl Reply {
    /// Resolves the Promise, unless a panic already failed this call.
    pub fn ok(self, value: JsValue) {
        if let Some(call) = IN_FLIGHT.with(|calls| calls.borrow_mut().remove(self.serial)) {
            let _ = call.target.resolve.call1(&JsValue::UNDEFINED, &value);
        }
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
