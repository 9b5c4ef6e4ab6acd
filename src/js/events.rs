//! Session events: `pool.onSessionChange(listener)` tells an app when this tab signs in,
//! refreshes or signs out, and when another tab of the same origin does (through the
//! `storage` event, which fires in every other tab sharing localStorage). What an event
//! means is decided in `crate::storage::events`; here are the listeners and the binding.

use super::convert::get;
use crate::prelude::*;
use crate::storage::events::storage_event;
pub use crate::storage::events::Change;
use core::cell::RefCell;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;

#[derive(Default)]
struct Registry {
    next_id: u32,
    /// (client id, listener id, listener); Vecs, not hash maps: a few entries, less wasm.
    listeners: Vec<(String, u32, Function)>,
    /// Client ids whose `storage` listener is installed (once each).
    watching: Vec<String>,
}

local! {
    static REGISTRY: RefCell<Registry> = RefCell::new(Registry::default());
}

/// Calls every listener of `client_id` with `{ type, username, otherTab }`. Listeners that
/// throw do not stop the others; their exceptions surface as unhandled rejections.
pub fn emit(client_id: &str, change: Change, username: &str, other_tab: bool) {
    let listeners: Vec<Function> = REGISTRY
        .with(|r| r.borrow().listeners.iter().filter(|(c, _, _)| c == client_id).map(|(_, _, f)| f.clone()).collect());
    if listeners.is_empty() {
        return;
    }
    let event = Object::new();
    let _ = Reflect::set(&event, &"type".into(), &change.name().into());
    let _ = Reflect::set(&event, &"username".into(), &username.into());
    let _ = Reflect::set(&event, &"otherTab".into(), &other_tab.into());
    for f in listeners {
        if let Err(thrown) = f.call1(&JsValue::UNDEFINED, &event) {
            let _ = js_sys::Promise::reject(&thrown);
        }
    }
}

fn watch_other_tabs(client_id: &str) {
    let first = REGISTRY.with(|r| {
        let watching = &mut r.borrow_mut().watching;
        let first = !watching.iter().any(|c| c == client_id);
        if first {
            watching.push(client_id.to_string());
        }
        first
    });
    if !first {
        return;
    }
    let client = client_id.to_string();
    let on_storage = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let key = get(&event, "key").as_string();
        let (old, new) = (get(&event, "oldValue").as_string(), get(&event, "newValue").as_string());
        if let Some((change, username)) = storage_event(&client, key.as_deref(), old, new) {
            emit(&client, change, &username, true);
        }
    });
    // Where the global has no addEventListener (Node), nothing is watched.
    super::web::add_event_listener("storage", on_storage.as_ref());
    on_storage.forget(); // lives as long as the page
}

/// Adds a listener; returns the function that removes it.
pub fn subscribe(client_id: &str, listener: Function) -> JsValue {
    watch_other_tabs(client_id);
    let id = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.next_id += 1;
        let id = r.next_id;
        r.listeners.push((client_id.to_string(), id, listener));
        id
    });
    Closure::once_into_js(move || REGISTRY.with(|r| r.borrow_mut().listeners.retain(|(_, i, _)| *i != id)))
}
