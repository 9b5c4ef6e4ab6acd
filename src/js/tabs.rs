//! Cross-tab coordination of refreshes: the Web Locks API (`navigator.locks`), or where it
//! is missing a lease in the shared storage (see `crate::tab_lock`).

use super::convert::{deferred, get};
use super::fetch::FetchTransport;
use super::js_storage::JsStorage;
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
}

fn web_locks() -> Option<JsValue> {
    let locks = get(&get(&js_sys::global(), "navigator"), "locks");
    get(&locks, "request").is_function().then_some(locks)
}

impl TabLock for BrowserTabLock<'_> {
    async fn exclusive<T>(&self, name: &str, work: impl Future<Output = T>) -> T {
        let Some(locks) = web_locks() else {
            let owner = TAB_ID.with(Clone::clone);
            let lease = StorageLease { storage: self.storage, timer: self.timer, owner, now_ms: crate::clock::now_millis };
            return lease.exclusive(name, work).await;
        };
        // navigator.locks.request(name, cb): the lock is held until the Promise cb returns
        // settles. We learn it is ours through `acquired`, and let go by resolving `held`.
        let (acquired, acquired_resolve, _) = deferred();
        let (held, release, _) = deferred();
        let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            let _ = acquired_resolve.call0(&JsValue::UNDEFINED);
            held.into()
        });
        let requested = Reflect::get(&locks, &"request".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .map(|request| request.call2(&locks, &JsValue::from_str(name), &callback));
        if !matches!(requested, Some(Ok(_))) {
            return work.await; // the API refused (e.g. an opaque origin): run uncoordinated
        }
        let _ = JsFuture::from(acquired).await;
        let out = work.await;
        let _ = release.call0(&JsValue::UNDEFINED);
        out
    }
}
