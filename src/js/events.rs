//! Session events: `pool.onSessionChange(listener)` tells an app when this tab signs in,
//! refreshes or signs out, and when another tab of the same origin does (through the
//! `storage` event, which fires in every other tab sharing localStorage).

use super::convert::get;
use crate::storage::keys::{self, UserItem};
use js_sys::{Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    SignIn,
    Refresh,
    SignOut,
}

impl Change {
    fn name(self) -> &'static str {
        match self {
            Change::SignIn => "signIn",
            Change::Refresh => "refresh",
            Change::SignOut => "signOut",
        }
    }
}

#[derive(Default)]
struct Registry {
    next_id: u32,
    /// (client id, listener id, listener); Vecs, not hash maps: a few entries, less wasm.
    listeners: Vec<(String, u32, Function)>,
    /// Client ids whose `storage` listener is installed (once each).
    watching: Vec<String>,
}

thread_local! {
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

/// Which change a `storage` event on `<prefix><username>.idToken` means.
fn storage_change(client_id: &str, key: &str, old: Option<String>, new: Option<String>) -> Option<(Change, String)> {
    let (username, item) = keys::parse(client_id, key)?;
    if item != UserItem::IdToken {
        return None;
    }
    let username = username.to_string();
    let change = match (old, new) {
        (_, None) => Change::SignOut,
        (None, Some(_)) => Change::SignIn,
        (Some(_), Some(_)) => Change::Refresh,
    };
    Some((change, username))
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
    let global = js_sys::global();
    let add = get(&global, "addEventListener");
    if !first || !add.is_function() {
        return;
    }
    let client = client_id.to_string();
    let on_storage = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let key = get(&event, "key").as_string();
        let (old, new) = (get(&event, "oldValue").as_string(), get(&event, "newValue").as_string());
        match key {
            // localStorage.clear() in another tab: everyone is signed out.
            None => emit(&client, Change::SignOut, "", true),
            Some(key) => {
                if let Some((change, username)) = storage_change(&client, &key, old, new) {
                    emit(&client, change, &username, true);
                }
            }
        }
    });
    let _ = add.unchecked_ref::<Function>().call2(&global, &"storage".into(), on_storage.as_ref());
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn storage_events_map_to_changes() {
        let key = "CognitoIdentityServiceProvider.c.alice.idToken";
        assert_eq!(storage_change("c", key, None, Some("t".into())), Some((Change::SignIn, "alice".into())));
        assert_eq!(
            storage_change("c", key, Some("t".into()), Some("u".into())),
            Some((Change::Refresh, "alice".into()))
        );
        assert_eq!(storage_change("c", key, Some("t".into()), None), Some((Change::SignOut, "alice".into())));
        assert_eq!(storage_change("other", key, None, Some("t".into())), None);
        assert_eq!(storage_change("c", "CognitoIdentityServiceProvider.c.alice.accessToken", None, None), None);
    }
}
