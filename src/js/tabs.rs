//! Cross-tab coordination of refreshes: the Web Locks API (`navigator.locks`), or where it
//! is missing a lease in the shared storage (see `crate::storage::tab_lock`).

use super::convert::{deferred, get};
use super::fetch::FetchTransport;
use super::js_storage::JsStorage;
use super::panic;
use crate::flows::transport::Transport;
use crate::srp::to_hex;
use crate::storage::keys;
use crate::storage::tab_lock::{StorageLease, TabLock};
use crate::storage::Storage;
use js_sys::{Function, Reflect};
use sha2::{Digest, Sha256};
use std::future::Future;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

thread_local! {
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
    /// A key the lock holder rewrites (the user's idToken). Chromium delivers one tab's
    /// localStorage writes to the other tabs asynchronously, so a tab that gets the lock
    /// right after the holder let go can still read the old value for a while (seen: long
    /// enough, on a loaded machine, to refresh again with a rotated-away token).
    pub settle_key: String,
}

/// After storing new tokens, the holder also holds a marker lock named
/// `<lock>.fresh.<time>.<tag of the new idToken>` for this long. The lock manager is one
/// authority for all tabs, and the marker is granted before the main lock is let go: the
/// next holder, querying the locks, learns that new tokens exist even when its own copy
/// of localStorage does not show them yet, and waits for them.
const MARKER_HOLD_MS: u32 = 10_000;
/// How long a tab waits for tokens a marker announced to reach its localStorage.
const SETTLE_POLLS: u32 = 80;
const SETTLE_POLL_MS: u32 = 25;

fn web_locks() -> Option<JsValue> {
    let locks = get(&get(&js_sys::global(), "navigator"), "locks");
    get(&locks, "request").is_function().then_some(locks)
}

/// A short, non-secret tag of a stored value (no token text goes into lock names).
fn tag(value: Option<&str>) -> String {
    to_hex(&Sha256::digest(value.unwrap_or_default().as_bytes())[..8])
}

/// `navigator.locks.request(name, cb)`: resolves once the lock is ours (None if the API
/// refused). The lock is kept until `held` settles.
async fn request_lock(locks: &JsValue, name: &str, held: JsValue) -> Option<()> {
    let (acquired, acquired_resolve, _) = deferred();
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue {
        let _ = acquired_resolve.call0(&JsValue::UNDEFINED);
        held
    });
    let request = Reflect::get(locks, &"request".into()).ok()?.dyn_into::<Function>().ok()?;
    request.call2(locks, &JsValue::from_str(name), &callback).ok()?;
    JsFuture::from(acquired).await.ok().map(|_| ())
}

/// The tag of the newest marker of `name` held by any tab, if any.
async fn newest_marker(locks: &JsValue, name: &str) -> Option<String> {
    let query = Reflect::get(locks, &"query".into()).ok()?.dyn_into::<Function>().ok()?;
    let snapshot = JsFuture::from(query.call0(locks).ok()?.dyn_into::<js_sys::Promise>().ok()?).await.ok()?;
    let held = js_sys::Array::from(&get(&snapshot, "held"));
    held.iter()
        .filter_map(|lock| {
            let held_name = get(&lock, "name").as_string()?;
            keys::parse_marker(name, &held_name).map(|(time, tag)| (time, tag.to_string()))
        })
        .max()
        .map(|(_, tag)| tag)
}

/// Holds `<name>.fresh.<time>.<tag>` for MARKER_HOLD_MS; resolves once it is granted.
async fn announce_fresh_tokens(locks: &JsValue, name: &str, value: Option<&str>) {
    let (held, release, _) = deferred();
    let set_timeout = get(&js_sys::global(), "setTimeout");
    if let Some(set_timeout) = set_timeout.dyn_ref::<Function>() {
        let _ = set_timeout.call2(&JsValue::UNDEFINED, &release, &JsValue::from(MARKER_HOLD_MS));
    }
    let marker = keys::marker(name, crate::flows::clock::now_millis() as u64, &tag(value));
    let _ = request_lock(locks, &marker, held.into()).await;
}

impl BrowserTabLock<'_> {
    /// Waits (boundedly) until the settle key's tag is `expected`.
    async fn settle(&self, expected: &str) {
        for _ in 0..SETTLE_POLLS {
            if tag(self.storage.get_item(&self.settle_key).as_deref()) == expected {
                return;
            }
            self.timer.sleep(SETTLE_POLL_MS).await;
        }
    }
}

impl TabLock for BrowserTabLock<'_> {
    async fn exclusive<T>(&self, name: &str, work: impl Future<Output = T>) -> T {
        let Some(locks) = web_locks() else {
            let owner = TAB_ID.with(Clone::clone);
            let lease = StorageLease {
                storage: self.storage,
                timer: self.timer,
                owner,
                now_ms: crate::flows::clock::now_millis,
            };
            return lease.exclusive(name, work).await;
        };
        // The lock is held until `held` settles; we let go by resolving it (`release`),
        // also when a panic abandons this future midway.
        let (held, release, _) = deferred();
        let _release_on_panic = panic::release_on_panic(release.clone());
        if request_lock(&locks, name, held.into()).await.is_none() {
            return work.await; // the API failed or refused (e.g. an opaque origin): run uncoordinated
        }
        // Another tab may have stored new tokens just before we got the lock.
        if let Some(expected) = newest_marker(&locks, name).await {
            self.settle(&expected).await;
        }
        let before = self.storage.get_item(&self.settle_key);
        let out = work.await;
        let after = self.storage.get_item(&self.settle_key);
        if after.is_some() && after != before {
            announce_fresh_tokens(&locks, name, after.as_deref()).await;
        }
        let _ = release.call0(&JsValue::UNDEFINED);
        out
    }
}
