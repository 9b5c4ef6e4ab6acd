//! A panic becomes a coded error (`WasmPanicException`) for the calls it interrupts, and
//! the module keeps working.
//!
//! Release builds use `panic = "abort"`: on wasm32 a panic runs the hook installed here,
//! then traps (`unreachable`), and the `WebAssembly.RuntimeError` leaves the wasm frames
//! without running any more Rust code, destructors included, until JS catches it. Where
//! it is caught, and what each piece of state looks like afterwards:
//!
//! - Calls. The hook has the JS side fail every call in flight through its Promise
//!   (`host.panicked`: the calls are kept in src/facade/core.js), one coded error each,
//!   delivered from a microtask once the stack is clean (app code never runs inside the
//!   hook). Every call, not only the one that panicked: others may be waiting on it
//!   (parallel getSession calls share one refresh, a Web Lock it holds) and nothing tells
//!   which.
//! - Futures. Each is a task of `super::tasks`, polled from an export the JS calls inside
//!   a `try` (no RuntimeError out of a microtask, which Node would treat as fatal); the
//!   JS then runs the tasks after it. The future that panicked is leaked, neither polled
//!   nor dropped again (its state is torn); a trap the hook did not see (a JS exception
//!   through the wasm) fails the calls in flight as a panic does. The others were spawned
//!   before the panic and stop at their next wake-up, their calls already failed, so they
//!   write nothing more.
//! - Shared in-flight state the abandoned future would have cleared: single-flight maps
//!   are `ResetAfterPanic` (a fresh map after each panic, so later calls do not join a
//!   flight that never lands); Web Locks held across an await are let go of by the JS
//!   side (`host.panicked`); storage leases (no Web Locks) expire by themselves.
//! - An entry point call (`run`, `now`: `super::entry::call`) that panics traps all the way out to its JS caller.
//!   The facade wraps every call (`enter` in src/facade/core.js): after a panic it returns
//!   the call's Promise (`run`: failed by the panic) or throws the coded error (`now`).
//!   The shadow stack pointer stays where the trapping frames moved it (a trapping
//!   task's too): `host.panicked` puts it back at the top from a microtask (no wasm frame
//!   is live then).
//! - Our RefCells: no borrow of our own state spans a call into code that can panic, so a
//!   panic leaves none of them borrowed. The hook itself borrows none.
//!
//! A panic in a call the JS side makes on its own (`__storageEvent`, `__atIdle`,
//! `__settled`) still surfaces as an uncaught RuntimeError: they do little.

use super::host::host;
use crate::prelude::*;
use crate::protocol::ErrorKind;
use alloc::rc::Rc;
use core::cell::Cell;
use wasm_bindgen::prelude::*;

const MESSAGE_PREFIX: &str = "internal error in cognito-identity-wasm: ";

local! {
    /// Panics so far. Futures spawned before the latest one are cancelled.
    static PANICS: Cell<u32> = const { Cell::new(0) };
}

/// Panics so far (and traps the hook did not see).
pub fn panics() -> u32 {
    PANICS.with(Cell::get)
}

/// Runs once, when the module is instantiated: builds other than the shipped one link
/// std, whose panic handler calls this hook. (The shipped build has its own panic handler
/// and no start function: an empty one would still cost an export and its glue.)
#[cfg(not(shipped))]
#[wasm_bindgen(start, js_name = __installPanicHook)]
fn install() {
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
    console_error("cognito-identity-wasm: panicked at", file, line, text.unwrap_or("panic"));
    abandon_in_flight(text.unwrap_or("panic"));
}

#[wasm_bindgen]
extern "C" {
    /// `console.error(what, file, line, message)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(what: &str, file: &str, line: u32, message: &str);
}

/// Fails every call in flight with the coded error saying `what` (delivered by a
/// microtask), cancels their futures, and has the JS side let go of what they held.
pub fn abandon_in_flight(what: &str) {
    PANICS.with(|p| p.set(p.get().wrapping_add(1)));
    host().panicked(ErrorKind::Panic.code(), &(String::from(MESSAGE_PREFIX) + what));
}

/// Shared in-flight state that a panic can strand (a single-flight map whose leader was
/// abandoned mid-way): a fresh default after each panic (made at first use, with the
/// panic count of then).
pub struct ResetAfterPanic<T> {
    /// A `Cell`, taken and put back: no borrow to check (and so no panic path).
    current: Cell<Option<(u32, Rc<T>)>>,
}

impl<T: Default> ResetAfterPanic<T> {
    /// Const, so a `local!` of it is a plain static (no first-use code).
    pub const fn new() -> Self {
        ResetAfterPanic { current: Cell::new(None) }
    }

    pub fn get(&self) -> Rc<T> {
        let value = match self.current.take() {
            Some((panics_then, value)) if panics_then == panics() => value,
            _ => Rc::default(),
        };
        self.current.set(Some((panics(), value.clone())));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::js::tasks::spawn;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;

    async fn next_tick() {
        let _ = JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED)).await;
    }

    #[wasm_bindgen_test]
    async fn a_future_spawned_before_a_panic_stops_at_its_next_wake_up() {
        crate::js::host::install_for_tests();
        let ran_on = Rc::new(Cell::new(false));
        let flag = ran_on.clone();
        spawn(Box::pin(async move {
            next_tick().await;
            flag.set(true);
        }));
        next_tick().await; // the task has run to its first await

        abandon_in_flight("test");
        let later = Rc::new(Cell::new(false));
        let later_flag = later.clone();
        spawn(Box::pin(async move {
            next_tick().await;
            later_flag.set(true);
        }));
        for _ in 0..5 {
            next_tick().await;
        }
        assert!(!ran_on.get(), "a future spawned before the panic stops at its next wake-up");
        assert!(later.get(), "one spawned after it runs on");
    }

    #[wasm_bindgen_test]
    fn single_flights_are_fresh_after_a_panic() {
        crate::js::host::install_for_tests();
        let flights = ResetAfterPanic::<Cell<u32>>::new();
        flights.get().set(7);
        assert_eq!(flights.get().get(), 7);
        abandon_in_flight("test");
        assert_eq!(flights.get().get(), 0);
    }
}
