//! Computes the next sign-in's SRP `a` and A at idle time on pages where nobody is
//! signed in (`srp::ahead`): such a page is there to sign someone in, and the user
//! takes seconds to type, so A's exponentiation leaves the sign-in's critical path.
//! The same idle work makes V8 optimise the Montgomery code, so the first sign-in's
//! remaining exponentiations run optimised too. Pages with a signed-in user compute
//! nothing secret ahead; every page warms the exponentiation code up at idle time.

use super::host::host;
use super::js_storage::JsStorage;
use crate::prelude::*;
use crate::srp::ahead::{self, Ticket};
use crate::storage::SessionStore;
use core::cell::Cell;

local! {
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// The client and storage of the `prepare` scheduled, and the ticket it had.
    /// (A `Cell`: set and taken whole, no borrow to check.)
    static PREPARE: Cell<Option<(String, JsStorage, Ticket)>> = const { Cell::new(None) };
}

/// Schedules `ahead::prepare` for idle time unless a client is waiting or scheduled; it
/// runs only if nobody is signed in on `pool`'s client by then, and no sign-in started
/// meanwhile (the ticket). Storage is read at idle time, not here: this runs in
/// `new CognitoUserPool`, on the page's start-up path.
pub fn prepare_if_signed_out(client_id: &str, storage: &JsStorage) {
    if ahead::has_spare() || SCHEDULED.with(Cell::get) {
        return;
    }
    PREPARE.with(|p| p.set(Some((client_id.to_string(), storage.clone(), ahead::ticket()))));
    SCHEDULED.with(|s| s.set(host().idle(true)));
}

/// What `host.idle` runs at idle time (requestIdleCallback, or a short timer where there is
/// none): the warm-up, or the `prepare` scheduled. The warm-up is scheduled once, by the
/// package entry (src/facade/start.js), on every page, so that even a sign-in on a page
/// that computed nothing ahead (a returning user whose session has expired) runs
/// optimised code; it costs about a millisecond of idle time.
pub fn at_idle(prepare: bool) {
    if !prepare {
        return ahead::warm_up();
    }
    SCHEDULED.with(|s| s.set(false));
    let Some((client_id, storage, ticket)) = PREPARE.with(Cell::take) else { return };
    if SessionStore::new(&storage, &client_id).last_auth_user().is_none() {
        ahead::prepare(ticket);
    }
}
