//! Deliberate panics for the tests of `super::panic` (cargo feature `panic-probe`, never in
//! the published package). `armPanicProbe(point)` makes the next pass through `point`
//! panic, once. Without the feature, `trip` is an empty inline function.

/// Where a probe can panic.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Point {
    /// In `authenticateUser`'s entry into the wasm, once its Promise is set up.
    AuthenticateSync,
    /// In `getCurrentUser`, a sync method that reports through nothing but its return value.
    CurrentUser,
    /// In the fetch transport once a response has arrived: mid-flight in any operation (a
    /// sign-in before its next request, a refresh shared by parallel calls before it lands).
    AfterFetch,
}

#[cfg(feature = "panic-probe")]
mod armed {
    use super::Point;
    use crate::prelude::*;
    use core::cell::Cell;
    use wasm_bindgen::prelude::*;

    local! {
        static ARMED: Cell<Option<Point>> = const { Cell::new(None) };
    }

    /// `armPanicProbe('authenticate-sync' | 'current-user' | 'after-fetch')`.
    #[wasm_bindgen(js_name = armPanicProbe)]
    pub fn arm(point: &str) -> Result<(), JsValue> {
        let point = match point {
            "authenticate-sync" => Point::AuthenticateSync,
            "current-user" => Point::CurrentUser,
            "after-fetch" => Point::AfterFetch,
            other => return Err(JsValue::from_str(&(String::from("no panic probe named ") + other))),
        };
        ARMED.with(|a| a.set(Some(point)));
        Ok(())
    }

    pub fn trip(point: Point) {
        if ARMED.with(|a| a.get()) == Some(point) {
            ARMED.with(|a| a.set(None));
            // Literal messages: the shipped build reports a panic's text only when it is one.
            match point {
                Point::AuthenticateSync => panic!("panic probe authenticate-sync"),
                Point::CurrentUser => panic!("panic probe current-user"),
                Point::AfterFetch => panic!("panic probe after-fetch"),
            }
        }
    }
}

#[cfg(feature = "panic-probe")]
pub use armed::trip;

#[cfg(not(feature = "panic-probe"))]
#[inline(always)]
pub fn trip(_: Point) {}
