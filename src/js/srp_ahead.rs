//! Computes the next sign-in's SRP `a` and A at idle time on pages where nobody is
//! signed in (`srp::ahead`): such a page is there to sign someone in, and the user
//! takes seconds to type, so A's exponentiation leaves the sign-in's critical path.
//! The same idle work makes V8 optimise the Montgomery code, so the first sign-in's
//! remaining exponentiations run optimised too. Pages with a signed-in user compute
//! nothing secret ahead; every page warms the exponentiation code up at idle time.

use super::convert::get;
use super::js_storage::JsStorage;
use super::web;
use crate::prelude::*;
use crate::srp::ahead;
use crate::storage::SessionStore;
use core::cell::Cell;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;

local! {
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    static WARMED: Cell<bool> = const { Cell::new(false) };
}

/// How long the browser may keep the work waiting for idle time (requestIdleCallback's
/// `timeout`), and the delay where there is no requestIdleCallback (Safari, Node).
const IDLE_TIMEOUT_MS: u32 = 2000;
const FALLBACK_DELAY_MS: u32 = 200;

/// Called by the package entry once the module is instantiated: the exponentiation code
/// is warmed up at idle time (`ahead::warm_up`), on every page, so that even a sign-in
/// on a page that computed nothing ahead (a returning user whose session has expired)
/// runs optimised code. Costs about a millisecond of idle time, once.
#[wasm_bindgen(js_name = __warmUpAtIdle)]
pub fn warm_up_at_idle() {
    if !WARMED.with(|w| w.replace(true)) {
        when_idle(&Closure::once_into_js(ahead::warm_up));
    }
}

/// Schedules `ahead::prepare` for idle time unless a client is waiting or scheduled; it
/// runs only if nobody is signed in on `pool`'s client by then, and no sign-in started
/// meanwhile (the ticket). Storage is read at idle time, not here: this runs in
/// `new CognitoUserPool`, on the page's start-up path.
pub fn prepare_if_signed_out(client_id: &str, storage: &JsStorage) {
    if ahead::has_spare() || SCHEDULED.with(Cell::get) {
        return;
    }
    let (client_id, storage) = (client_id.to_string(), storage.clone());
    let ticket = ahead::ticket();
    let task = Closure::once_into_js(move || {
        SCHEDULED.with(|s| s.set(false));
        if SessionStore::new(&storage, &client_id).last_auth_user().is_none() {
            ahead::prepare(ticket);
        }
    });
    SCHEDULED.with(|s| s.set(when_idle(&task)));
}

/// Calls `task` at idle time; false when this global can schedule nothing.
fn when_idle(task: &JsValue) -> bool {
    let options = Object::new();
    let _ = Reflect::set(&options, &"timeout".into(), &IDLE_TIMEOUT_MS.into());
    if let Some(scheduled) = web::request_idle_callback(task, &options) {
        return scheduled;
    }
    let Some(timer) = web::set_timeout(task.unchecked_ref(), FALLBACK_DELAY_MS) else {
        return false;
    };
    // Node: the timer must not keep a script that is done from exiting.
    if let Some(unref) = get(&timer, "unref").dyn_ref::<Function>() {
        let _ = unref.call0(&timer);
    }
    true
}
