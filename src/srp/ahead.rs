//! One SRP client (a random `a` and A = g^a) computed ahead of time, while the user
//! types, so that the sign-in skips A's modular exponentiation, the first of its three.
//! The browser layer asks for one at idle time on pages where nobody is signed in
//! (`js/srp_ahead.rs`); whichever SRP sign-in comes next takes it, and a taken client
//! is gone: every `a` is used once, as with a freshly drawn one.

use super::{SrpClient, SrpError};
use std::cell::RefCell;

thread_local! {
    static SPARE: RefCell<Option<SrpClient>> = const { RefCell::new(None) };
}

/// Whether a precomputed client is waiting.
pub fn has_spare() -> bool {
    SPARE.with(|s| s.borrow().is_some())
}

/// Computes a client for the next sign-in unless one is waiting. When the random source
/// fails, none is kept: the sign-in then draws its own and reports the failure.
pub fn prepare() {
    if has_spare() {
        return;
    }
    if let Ok(client) = SrpClient::generate() {
        SPARE.with(|s| *s.borrow_mut() = Some(client));
    }
}

/// The precomputed client, taken out of its slot, or a fresh one.
pub fn take_or_generate() -> Result<SrpClient, SrpError> {
    match SPARE.with(|s| s.borrow_mut().take()) {
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
        prepare();
        assert!(has_spare());
        let spare_a = SPARE.with(|s| s.borrow().as_ref().map(SrpClient::large_a_hex)).unwrap();
        prepare(); // one is waiting: kept, not replaced
        let first = take_or_generate().unwrap();
        assert_eq!(first.large_a_hex(), spare_a);
        assert!(!has_spare());
        let second = take_or_generate().unwrap();
        assert_ne!(second.large_a_hex(), spare_a, "a taken client is never handed out again");
    }
}
