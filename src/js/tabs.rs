//! Cross-tab coordination of refreshes: `navigator.locks` bound to the core's
//! [`LockManager`], or where it is missing a lease in the shared storage (the protocol
//! and its choice live in `crate::storage::tab_lock`).

use super::fetch::FetchTransport;
use super::host::host;
use super::js_storage::JsStorage;
use super::tasks::Wait;
use crate::prelude::*;
use crate::srp::to_hex;
use crate::storage::keys::{self, SESSION_ITEMS};
use crate::storage::tab_lock::{LockManager, SettleKeys, TabCoordinator, MARKER_HOLD_MS};
use core::future::Future;

local! {
    /// This tab's identity in storage leases.
    /// Made once per tab and kept for its life (leaked), so a coordinator can borrow it
    /// for as long as its future runs.
    static TAB_ID: &'static str = {
        let mut bytes = [0u8; 8];
        let _ = getrandom::getrandom(&mut bytes);
        Box::leak(to_hex(&bytes).into_boxed_str())
    };
}

/// The browser's tab lock: Web Locks with markers, or a lease owned by this tab.
pub type BrowserTabLock<'a> = TabCoordinator<'a, WebLocks, JsStorage, FetchTransport, UserTokens<'a>>;

/// The lock over `storage`, sleeping on `timer`; `settle_keys`: whose tokens the lock
/// holder rewrites (see `tab_lock::MarkerLock`).
pub fn browser_tab_lock<'a>(
    storage: &'a JsStorage, timer: &'a FetchTransport, settle_keys: UserTokens<'a>,
) -> BrowserTabLock<'a> {
    TabCoordinator {
        locks: host().has_locks().then_some(&WebLocks),
        storage,
        timer,
        settle_keys,
        owner: TAB_ID.with(|id| *id),
        now_ms: crate::flows::clock::now_millis,
    }
}

/// The keys of `username`'s ID, access and refresh tokens under `client_id`: the settle
/// keys, made when read (nothing to keep, or drop, while the lock is held).
#[derive(Clone, Copy)]
pub struct UserTokens<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
}

impl SettleKeys for UserTokens<'_> {
    fn key(&self, i: usize) -> Option<String> {
        let item = *SESSION_ITEMS[..3].get(i)?;
        Some(keys::user_item(self.client_id, self.username, item))
    }
}

/// `navigator.locks`, when this global has a usable one (through `host`).
pub struct WebLocks;

/// A requested Web Lock (by the id its request was made with), let go of when dropped
/// (held or not yet); should a panic abandon its holder midway, the JS side lets go of it
/// (`host.panicked`).
pub struct HeldLock(u32);

impl Drop for HeldLock {
    fn drop(&mut self) {
        host().unlock(self.0, None, 0);
    }
}

/// The grant is the host call's [`Wait`] itself (the call made when the request is made,
/// awaited at once; its outcome is already the lock names, or Err when refused), not an
/// `async fn` or a mapping around it.
impl LockManager for WebLocks {
    type Held = HeldLock;

    /// None if the API refused the request.
    fn request(&self, name: &str) -> (HeldLock, impl Future<Output = Result<String, String>>) {
        let acquired = Wait::new();
        let held = HeldLock(acquired.id());
        host().lock(name, held.0);
        // Refused: the caller drops `held`, which lets go of the request.
        (held, acquired)
    }

    fn release(held: HeldLock, marker: Option<&str>) {
        // The host lets go (after the marker); the drop would again.
        let id = held.0;
        core::mem::forget(held);
        host().unlock(id, marker, MARKER_HOLD_MS);
    }
}
