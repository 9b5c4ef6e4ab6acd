//! One SRP client (a random `a` and A = g^a) computed ahead of time, while the user
//! types, so that the sign-in skips A's modular exponentiation, the first of its three.
//! The browser layer asks for one at idle time on pages where nobody is signed in
//! (`js/srp_ahead.rs`); whichever SRP sign-in comes next takes it, and a taken client
//! is gone: every `a` is used once, as with a freshly drawn one.
//!
//! Work asked for at one moment is skipped if an SRP sign-in starts before it runs (a
//! [`Ticket`] goes stale): that sign-in has its `a` already, and one that succeeds
//! leaves nobody to use another.

use super::{SrpClient, SrpError};
use crate::prelude::*;
use core::cell::Cell;

// A `Cell` (taken and put back) rather than a `RefCell`: no borrow to check, so no panic
// path for a borrow that cannot clash.
local! {
    static SPARE: Cell<Option<Box<SrpClient>>> = const { Cell::new(None) };
    /// How many SRP clients sign-ins have taken or drawn so far.
    static TAKEN: Cell<u64> = const { Cell::new(0) };
}

/// A request for a precomputed client, made now and carried out later by [`prepare`].
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Ticket(u64);

pub fn ticket() -> Ticket {
    Ticket(TAKEN.with(Cell::get))
}

/// Whether a precomputed client is waiting.
pub fn has_spare() -> bool {
    SPARE.with(|s| {
        let spare = s.take();
        let waiting = spare.is_some();
        s.set(spare);
        waiting
    })
}

/// Computes a client for the next sign-in unless one is waiting or a sign-in has started
/// since `ticket`. When the random source fails, none is kept: the sign-in then draws its
/// own and reports the failure.
pub fn prepare(ticket: Ticket) {
    if has_spare() || ticket != self::ticket() {
        return;
    }
    if let Ok(client) = SrpClient::generate() {
        SPARE.with(|s| s.set(Some(client)));
    }
}

/// Gets the exponentiation code optimised by engines that compile wasm in tiers, without
/// computing anything secret (`srp_mont::warm_up`): for pages where a sign-in is less
/// likely than on a signed-out page but may still come (an expired session).
pub fn warm_up() {
    super::mont::warm_up();
}

/// The precomputed client, taken out of its slot, or a fresh one.
pub fn take_or_generate() -> Result<Box<SrpClient>, SrpError> {
    TAKEN.with(|t| t.set(t.get() + 1));
    match SPARE.with(Cell::take) {
        Some(client) => Ok(client),
        None => SrpClient::generate(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prepared_client_is_used_once() {
        assert!(!has_spare());
        prepare(ticket());
        assert!(has_spare());
        let spare = SPARE.with(Cell::take).unwrap();
        let spare_a = spare.large_a_hex();
        SPARE.with(|s| s.set(Some(spare)));
        prepare(ticket()); // one is waiting: kept, not replaced
        let first = take_or_generate().unwrap();
        assert_eq!(first.large_a_hex(), spare_a);
        assert!(!has_spare());
        let second = take_or_generate().unwrap();
        assert_ne!(second.large_a_hex(), spare_a, "a taken client is never handed out again");
    }

    #[test]
    fn a_sign_in_that_starts_first_cancels_the_work() {
        let asked = ticket();
        let _signing_in = take_or_generate().unwrap();
        prepare(asked);
        assert!(!has_spare(), "the sign-in had its own a");
        prepare(ticket()); // asked for after it: done
        assert!(has_spare());
    }
}
