//! What the JS user object is told to hold after an operation (its `username` with the
//! `userDataKey` that follows it), and who else hears of a change (session listeners).

use super::super::call::Call;
use super::super::reply::Answer;
use crate::js::events;
use crate::json::Value;
use crate::prelude::*;
use crate::storage::events::Change;
use crate::storage::keys::{self, UserItem};

/// Sets `username` and the SDK's `userDataKey`, which follows it.
pub(super) fn named(answer: Answer, call: &Call, username: &str) -> Answer {
    let key = keys::user_item(&call.shared.config.client_id, username, UserItem::UserData);
    answer.set("username", Value::String(username.to_string())).set("userDataKey", Value::String(key))
}

pub(super) fn clear_local(call: &Call, username: &str) {
    call.env().clear_session(username);
    emit(call, Change::SignOut, username);
}

pub(super) fn emit(call: &Call, change: Change, username: &str) {
    events::emit(&call.shared.config.client_id, change, username, false);
}
