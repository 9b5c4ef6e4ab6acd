//! Cross-tab coordination of refreshes: the Web Locks API (`navigator.locks`), or where it
//! is missing a lease in the shared storage (see `crate::tab_lock`).

use super::convert::{deferred, get};
use super::fetch::FetchTransport;
use super::js_storage::JsStorage;
use super::panic;
use crate::storage::Storage;
use crate::transport::Transport;
use crate::tab_lock::{StorageLease, TabLock};
use js_sys::{Function, Reflect};
use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// This tab's identity in storage leases.
    static TAB_ID: String = {
        let mut bytes = [0u8; 8];
        let _ = getrandom::getrandom(&mut bytes);
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    };
}

pub struct BrowserTabLock<'a> {
    pub storage: &'a JsStorage,
    pub timer: &'a FetchTransport,
    /// A key the lock holder rewrites (the user's idToken). Chromium delivers one tab's
    /// localStorage writes to the other tabs asynchronously, so a tab that waited for the
    /// lock can still read the old value for a moment after the holder let go.
    pub settle_key: String,
}

/// How long a tab that waited for the lock gives the holder's writes to arrive.
const SETTLE_POLLS: u32 = 20;
const SETTLE_POLL_MS: u32 = 25;

fn web_locks() -> Option<JsValue> {
    let locks = get(&get(&js_sys::global(), "navigator"), "locks");
    get(&locks, "request").is_function().then_some(locks)
}

/// `navigator.locks.request(name, options, cb)`: resolves once the lock is ours (true),
/// or, with `ifAvailable`, at once with false when someone else holds it. The lock is
/// kept until `held` settles.
async fn request_lock(locks: &JsValue, name: &str, if_available: bool, held: JsValue) -> Option<bool> {
    let (acquired, acquired_resolve, _) = deferred();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let got = !lock.is_null() && !lock.is_undefined();
        let _ = acquired_resolve.call1(&JsValue::UNDEFINED, &JsValue::from_bool(got));
        if got { held } else { JsValue::UNDEFINED }
    });
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::from_bool(if_available));
    let request = Reflect::get(locks, &"request".into()).ok()?.dyn_into::<Function>().ok()?;
    request.call3(locks, &JsValue::from_str(name), &options, &callback).ok()?;
    JsFuture::from(acquired).await.ok()?.as_bool()
}

impl TabLock for BrowserTabLock<'_> {
    async fn exclusive<T>(&self, name: &str, work: impl Future<Output = T>) -> T {
        let Some(locks) = web_locks() else {
            let owner = TAB_ID.with(Clone::clone);
            let lease = StorageLease { storage: self.storage, timer: self.timer, owner, now_ms: crate::clock::now_millis };
            return lease.exclusive(name, work).await;
        };
        // The lock is held until `held` settles; we let go by resolving it (`release`),
        // also when a panic abandons this future midway.
        let (held, release, _) = deferred();
        let _release_on_panic = panic::release_on_panic(release.clone());
        let before = self.storage.get_item(&self.settle_key);
        // Try without waiting first: if someone else holds the lock, they are refreshing.
        let contended = match request_lock(&locks, name, true, held.clone().into()).await {
            Some(true) => false,
            Some(false) => {
                if request_lock(&locks, name, false, held.into()).await != Some(true) {
                    return work.await; // the API failed: run uncoordinated rather than not at all
                }
                true
            }
            None => return work.await, // the API refused (e.g. an opaque origin)
        };
        if contended {
            // The holder has just written new tokens: wait (boundedly) until they are visible here.
            for _ in 0..SETTLE_POLLS {
                if self.storage.get_item(&self.settle_key) != before {
                    break;
                }
                self.timer.sleep(SETTLE_POLL_MS).await;
            }
        }
        let out = work.await;
        let _ = release.call0(&JsValue::UNDEFINED);
        out
    }
}
