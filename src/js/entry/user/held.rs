//! What the JS user object is told to hold after an operation (its `username` with the
//! `userDataKey` that follows it, its remembered device), and who else hears of a change
//! (session listeners).

use super::super::call::Call;
use super::super::reply::Answer;
use crate::js::events;
use crate::json::Value;
use crate::storage::events::Change;
use crate::storage::keys::{self, UserItem};

/// Sets `username` and the SDK's `userDataKey`, which follows it.
pub(super) fn named(out: &mut Answer, call: &Call, username: &str) {
    out.set_str("username", username);
    out.set("userDataKey", Value::String(keys::user_item(&call.shared.config.client_id, username, UserItem::UserData)));
}

pub(super) fn clear_local(call: &Call, username: &str) {
    call.env().clear_session(username);
    emit(call, Change::SignOut, username);
}

pub(super) fn emit(call: &Call, change: Change, username: &str) {
    events::emit(&call.shared.config.client_id, change, username, false);
}

/// `deviceKey`, `randomPassword`, `deviceGroupKey` of the device stored for `username`
/// (nothing when none is): in this order as the SDK's `getCachedDeviceKeyAndPassword`
/// sets them from storage, in the reverse order (`confirmed`) as its device confirmation
/// does (the group key and password before ConfirmDevice, the key after).
pub(super) fn device(call: &Call, username: &str, confirmed: bool, out: &mut Answer) {
    let Some(d) = call.env().sessions().load_device(username) else { return };
    let (key, group_key) = (("deviceKey", d.key), ("deviceGroupKey", d.group_key));
    let (first, last) = if confirmed { (group_key, key) } else { (key, group_key) };
    out.set(first.0, Value::String(first.1));
    out.set("randomPassword", Value::String(d.password));
    out.set(last.0, Value::String(last.1));
}
