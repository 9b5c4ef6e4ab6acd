//! A panic becomes a coded error (`WasmPanicException`) for the calls it interrupts, and
//! the module keeps working.
//!
//! Release builds use `panic = "abort"`: on wasm32 a panic runs the hook installed here,
//! then traps (`unreachable`), and the `WebAssembly.RuntimeError` leaves the wasm frames
//! without running any more Rust code, destructors included, until JS catches it. Where
//! it is caught, and what each piece of state looks like afterwards:
//!
//! - Calls. The hook fails every call in flight through its own callback or Promise
//!   (`callbacks::abandon_all`), one coded error each, delivered from a microtask once the
//!   stack is clean (app code never runs inside the hook). Every call, not only the one
//!   that panicked: others may be waiting on it (parallel getSession calls share one
//!   refresh, a Web Lock it holds) and nothing tells which.
//! - Futures. Each is a task of `super::tasks`, polled from an export the JS calls inside
//!   a `try` (no RuntimeError out of a microtask, which Node would treat as fatal); the
//!   JS then runs the tasks after it. The future that panicked is leaked, neither polled
//!   nor dropped again (its state is torn); a trap the hook did not see (a JS exception
//!   through the wasm) fails the calls in flight as a panic does. The others were spawned
//!   before the panic and stop at their next wake-up, their calls already failed, so they
//!   write nothing more.
//! - Shared in-flight state the abandoned future would have cleared: single-flight maps
//!   are `ResetAfterPanic` (a fresh map after each panic, so later calls do not join a
//!   flight that never lands); Web Locks held across an await are released by the hook
//!   (`release_on_panic`); storage leases (no Web Locks) expire by themselves.
//! - An entry point (`run`, `now`) that panics traps all the way out to its JS caller.
//!   The facade wraps every call (`enter` in src/facade/core.js): it asks `__takePanic`
//!   and returns what the entry point would have returned (the call it had set up reports
//!   through its Promise) or throws the coded error. The shadow stack pointer stays where
//!   the trapping frames moved it (a trapping task's too): the JS entry registers
//!   `__onPanicStackReset`, run from a microtask (no wasm frame is live then), which puts
//!   it back at the top.
//! - Our RefCells: no borrow of our own state spans a call into code that can panic, so a
//!   panic leaves none of them borrowed. The hook itself only `try_borrow`s.
//!
//! A panic in an export the JS side calls on its own (`__storageEvent`, `__atIdle`,
//! `__settle`) still surfaces as an uncaught RuntimeError: they do little.

use super::callbacks::{abandon_all, next_serial, take_serial, Target};
use super::host::host;
use super::serial_map::SerialMap;
use crate::prelude::*;
use crate::protocol::ErrorKind;
use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use js_sys::Function;
use wasm_bindgen::prelude::*;

const MESSAGE_PREFIX: &str = "internal error in cognito-identity-wasm: ";

/// What the JS wrapper of a sync method needs to report the last panic.
struct Report {
    /// Taken after every call that was in flight.
    serial: u64,
    message: String,
    /// (serial, what its JS method returned) of every call the panic failed.
    failed: Vec<(u64, JsValue)>,
}

local! {
    /// Panics so far. Futures spawned before the latest one are cancelled.
    static PANICS: Cell<u32> = const { Cell::new(0) };
    static LAST_PANIC: RefCell<Option<Report>> = const { RefCell::new(None) };
    /// Calls failed by a panic, waiting for the recovery microtask to tell the app.
    static TO_FAIL: RefCell<Vec<(Target, String)>> = const { RefCell::new(Vec::new()) };
    /// Functions that let go of something held across an await (a Web Lock), by id.
    static RELEASE_ON_PANIC: RefCell<SerialMap<Function>> = const { RefCell::new(SerialMap::new()) };
    static NEXT_RELEASE_ID: Cell<u64> = const { Cell::new(0) };
    /// The JS entry's shadow-stack reset.
    static STACK_RESET: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Panics so far (and traps the hook did not see).
pub fn panics() -> u32 {
    PANICS.with(Cell::get)
}

/// Runs once, when the module is instantiated.
#[wasm_bindgen(start, js_name = __installPanicHook)]
fn install() {
    // Builds other than the shipped one link std, whose panic handler calls this hook.
    #[cfg(not(shipped))]
    std::panic::set_hook(Box::new(|info| {
        let text = info.payload().downcast_ref::<&str>().copied();
        let at = info.location().map_or(("", 0), |l| (l.file(), l.line()));
        on_panic(text, at);
    }));
}

/// The shipped build's panic handler (`no_std`): reports, then traps.
#[cfg(shipped)]
#[panic_handler]
fn panic_handler(info: &core::panic::PanicInfo) -> ! {
    let at = info.location().map_or(("", 0), |l| (l.file(), l.line()));
    on_panic(info.message().as_str(), at);
    core::arch::wasm32::unreachable()
}

/// Runs before the trap, possibly while any RefCell is borrowed: it only uses
/// `try_borrow*`, calls no app code and never panics. The message is the panic's text
/// when it is a literal; one with arguments would need the formatting machinery this
/// build leaves out, so it reads "panic" (the console line still says where).
fn on_panic(text: Option<&str>, (file, line): (&str, u32)) {
    web_sys::console::error_4(
        &"cognito-identity-wasm: panicked at".into(),
        &file.into(),
        &line.into(),
        &text.unwrap_or("panic").into(),
    );
    abandon_in_flight(text.unwrap_or("panic"));
}

/// Fails every call in flight with the coded error saying `what` (delivered by a
/// microtask), cancels their futures, releases what they held.
pub fn abandon_in_flight(what: &str) {
    let message = String::from(MESSAGE_PREFIX) + what;
    PANICS.with(|p| p.set(p.get().wrapping_add(1)));
    let (serials, abandoned) = abandon_all();
    let failed = serials.into_iter().zip(abandoned.iter().map(|call| call.returned.clone())).collect();
    let report = Report { serial: take_serial(), message: message.clone(), failed };
    LAST_PANIC.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            *l = Some(report);
        }
    });
    TO_FAIL.with(|t| {
        if let Ok(mut t) = t.try_borrow_mut() {
            t.extend(abandoned.into_iter().map(|call| (call.target, message.clone())));
        }
    });
    let releases = RELEASE_ON_PANIC.with(|r| r.try_borrow_mut().map(|mut r| r.take_all().1).unwrap_or_default());
    for release in &releases {
        let _ = release.call0(&JsValue::UNDEFINED);
    }
    // Microtasks run once the stack is empty: first the stack reset, then the deliveries.
    if let Some(reset) = STACK_RESET.with(|r| r.try_borrow().ok().and_then(|r| r.clone())) {
        host().later(&reset);
    }
    super::tasks::schedule();
}

fn coded_error(message: &str) -> JsValue {
    host().error(ErrorKind::Panic.code(), message)
}

/// After a panic, from a microtask (`super::tasks::run`): tells the app about each call
/// the panic failed.
pub fn deliver_failures() {
    let to_fail = TO_FAIL.with(|t| core::mem::take(&mut *t.borrow_mut()));
    for (target, message) in to_fail {
        target.fail(coded_error(&message));
    }
}

/// Shared in-flight state that a panic can strand (a single-flight map whose leader was
/// abandoned mid-way): a fresh default after each panic.
pub struct ResetAfterPanic<T> {
    current: RefCell<(u32, Rc<T>)>,
}

impl<T: Default> Default for ResetAfterPanic<T> {
    fn default() -> Self {
        ResetAfterPanic { current: RefCell::new((panics(), Rc::default())) }
    }
}

impl<T: Default> ResetAfterPanic<T> {
    pub fn get(&self) -> Rc<T> {
        let mut current = self.current.borrow_mut();
        if current.0 != panics() {
            *current = (panics(), Rc::default());
        }
        current.1.clone()
    }
}

/// Calls `release` if a panic strikes while the returned guard lives.
pub fn release_on_panic(release: Function) -> ReleaseOnPanic {
    let id = NEXT_RELEASE_ID.with(|n| n.replace(n.get() + 1));
    RELEASE_ON_PANIC.with(|r| r.borrow_mut().insert(id, release));
    ReleaseOnPanic { id }
}

pub struct ReleaseOnPanic {
    id: u64,
}

impl Drop for ReleaseOnPanic {
    fn drop(&mut self) {
        RELEASE_ON_PANIC.with(|r| {
            if let Ok(mut r) = r.try_borrow_mut() {
                r.remove(self.id);
            }
        });
    }
}

/// For the JS wrapper of sync methods: the serial the next call will get.
#[wasm_bindgen(js_name = __panicMark)]
pub fn panic_mark() -> f64 {
    next_serial() as f64
}

/// For the JS wrapper of a sync method that trapped, given the mark taken before it ran:
/// `undefined` when no panic happened since (a trap of another kind), else `{ error,
/// delivered, returned }`: `delivered` when the method had set up its call before it
/// panicked (that call's callback or Promise gets the error), with what it would have returned.
#[wasm_bindgen(js_name = __takePanic)]
pub fn take_panic(mark: f64) -> JsValue {
    let mark = mark as u64;
    LAST_PANIC.with(|last| {
        let last = last.borrow();
        let Some(report) = last.as_ref().filter(|r| r.serial >= mark) else { return JsValue::UNDEFINED };
        let own = report.failed.iter().filter(|(serial, _)| *serial >= mark).min_by_key(|(serial, _)| *serial);
        host().report(&coded_error(&report.message), own.is_some(), own.map_or(&JsValue::UNDEFINED, |(_, r)| r))
    })
}

/// For the JS entry: `reset()` puts the shadow stack pointer back at its top. Called from a
/// microtask after each panic.
#[wasm_bindgen(js_name = __onPanicStackReset)]
pub fn on_panic_stack_reset(reset: Function) {
    STACK_RESET.with(|s| *s.borrow_mut() = Some(reset));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::js::callbacks::reply_with_promise;
    use crate::js::tasks::spawn;
    use js_sys::Reflect;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;

    async fn next_tick() {
        let _ = JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED)).await;
    }

    #[wasm_bindgen_test]
    async fn abandoning_fails_each_call_in_flight_once_and_stops_their_futures() {
        crate::js::host::install_for_tests();
        let mark = panic_mark();
        let (first, first_promise) = reply_with_promise();
        let (second, second_promise) = reply_with_promise();
        let ran_on = Rc::new(Cell::new(false));
        let flag = ran_on.clone();
        spawn(Box::pin(async move {
            next_tick().await;
            flag.set(true);
            second.ok(JsValue::TRUE);
        }));

        abandon_in_flight("test");
        first.ok(JsValue::TRUE); // too late: the panic answered for it
        for _ in 0..3 {
            next_tick().await;
        }

        for promise in [first_promise.clone(), second_promise] {
            let rejected = JsFuture::from(promise).await.unwrap_err();
            assert_eq!(
                Reflect::get(&rejected, &"code".into()).unwrap().as_string().as_deref(),
                Some(ErrorKind::Panic.code())
            );
        }
        assert!(!ran_on.get(), "a future spawned before the panic stops at its next wake-up");
        let report = take_panic(mark);
        assert_eq!(Reflect::get(&report, &"delivered".into()).unwrap(), JsValue::TRUE);
        assert_eq!(
            Reflect::get(&report, &"returned".into()).unwrap(),
            JsValue::from(first_promise),
            "the first call after the mark"
        );
        assert!(take_panic(next_serial() as f64).is_undefined(), "no panic after a later mark");
    }

    #[wasm_bindgen_test]
    fn single_flights_are_fresh_after_a_panic() {
        crate::js::host::install_for_tests();
        let flights = ResetAfterPanic::<Cell<u32>>::default();
        flights.get().set(7);
        assert_eq!(flights.get().get(), 7);
        abandon_in_flight("test");
        assert_eq!(flights.get().get(), 0);
    }
}
