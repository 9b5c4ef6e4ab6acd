//! Session events: `pool.onSessionChange(listener)` tells an app when this tab signs in,
//! refreshes or signs out, and when another tab of the same origin does (through the
//! `storage` event, which fires in every other tab sharing localStorage). What an event
//! means is decided in `crate::storage::events`; the listeners are kept by the JS side
//! (`host.onSessionChange` in src/facade/core.js), which hands the storage events here.

use super::host::host;
use crate::json::Value;
use crate::storage::events::storage_event;
pub use crate::storage::events::Change;

/// Calls every listener of `client_id` with `{ type, username, otherTab }`.
pub fn emit(client_id: &str, change: Change, username: &str, other_tab: bool) {
    host().emit(client_id, change.name(), username, other_tab);
}

/// A `storage` event seen by a page with listeners of a client id: another tab's change.
/// `event`: `[clientId, key, oldValue, newValue]` as JSON (null for what is not a string).
pub fn on_storage_event(event: &str) {
    let event = crate::json::parse(event).unwrap_or_default();
    let text = |i: usize| event.as_array().and_then(|e| e.get(i)).and_then(Value::as_str);
    let client_id = text(0).unwrap_or_default();
    if let Some((change, username)) = storage_event(client_id, text(1), text(2), text(3)) {
        emit(client_id, change, username, true);
    }
}
