//! Cross-tab coordination of refreshes: `navigator.locks` bound to the core's
//! [`LockManager`], or where it is missing a lease in the shared storage (the protocol
//! and its choice live in `crate::storage::tab_lock`).

use super::convert::{deferred, get};
use super::fetch::FetchTransport;
use super::js_storage::JsStorage;
use super::panic::{self, ReleaseOnPanic};
use super::web;
use crate::prelude::*;
use crate::srp::to_hex;
use crate::storage::tab_lock::{LockManager, TabCoordinator, TabLock};
use core::future::Future;
use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

local! {
    /// This tab's identity in storage leases.
    static TAB_ID: String = {
        let mut bytes = [0u8; 8];
        let _ = getrandom::getrandom(&mut bytes);
        to_hex(&bytes)
    };
}

pub struct BrowserTabLock<'a> {
    pub storage: &'a JsStorage,
    pub timer: &'a FetchTransport,
    /// A key the lock holder rewrites (the user's idToken); see `tab_lock::MarkerLock`.
    pub settle_key: String,
}

/// `navigator.locks`, when this global has a usable one.
struct WebLocks(web::LockManager);

/// `navigator.locks.request(name, cb)`: resolves once the lock is ours (None if the API
/// refused). The lock is kept until `held` settles.
async fn request_lock(locks: &web::LockManager, name: &str, held: JsValue) -> Option<()> {
    let (acquired, acquired_resolve, _) = deferred();
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let _ = acquired_resolve.call0(&JsValue::UNDEFINED);
        held
    });
    locks.request(name, &callback).ok()?;
    JsFuture::from(acquired).await.ok().map(|_| ())
}

/// A granted Web Lock: let go by resolving the promise its callback returned, when
/// dropped or, should a panic abandon the holder midway, by the panic recovery.
struct HeldLock {
    release: Function,
    _release_on_panic: ReleaseOnPanic,
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::UNDEFINED);
    }
}

impl LockManager for WebLocks {
    type Held = HeldLock;

    async fn request(&self, name: &str) -> Option<HeldLock> {
        let (held, release, _) = deferred();
        let release_on_panic = panic::release_on_panic(release.clone());
        request_lock(&self.0, name, held.into()).await?;
        Some(HeldLock { release, _release_on_panic: release_on_panic })
    }

    async fn hold_for(&self, name: &str, ms: u32) {
        let (held, release, _) = deferred();
        web::set_timeout(&release, ms);
        let _ = request_lock(&self.0, name, held.into()).await;
    }

    async fn held_names(&self) -> Vec<String> {
        let snapshot = async { JsFuture::from(self.0.query().ok()?.dyn_into::<js_sys::Promise>().ok()?).await.ok() };
        let Some(snapshot) = snapshot.await else { return Vec::new() };
        js_sys::Array::from(&get(&snapshot, "held")).iter().filter_map(|lock| get(&lock, "name").as_string()).collect()
    }
}

impl TabLock for BrowserTabLock<'_> {
    async fn exclusive<T>(&self, name: &str, work: impl Future<Output = T>) -> T {
        let locks = web::locks().map(WebLocks);
        let owner = TAB_ID.with(Clone::clone);
        let coordinator = TabCoordinator {
            locks: locks.as_ref(),
            storage: self.storage,
            timer: self.timer,
            settle_key: &self.settle_key,
            owner: &owner,
            now_ms: crate::flows::clock::now_millis,
        };
        coordinator.exclusive(name, work).await
    }
}
