//! The SDK's cache methods (cacheTokens, clearCachedUser, cacheDeviceKeyAndPassword, ...):
//! what storage holds of the user, under the SDK's keys, from what the JS object holds.

use super::super::call::Call;
use super::super::reply::{Answer, Reply};
use crate::auth::device::DeviceSecrets;
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind};
use crate::storage::keys::{self, UserItem};
use crate::storage::{SessionStore, Storage};

/// The SDK's cache methods: what storage holds of the user, written and removed under
/// the SDK's keys from what the JS object holds.
pub(super) fn cache(op: &str, call: &Call) -> Option<Answer> {
    let username = call.username();
    let sessions = SessionStore::new(&call.storage, &call.shared.config.client_id);
    let user_data_key = keys::user_item(&call.shared.config.client_id, &username, UserItem::UserData);
    let done = || Answer::reply(Reply::done());
    Some(match op {
        "cacheTokens" => match call.session() {
            Some(session) => match call.env().store_session(&username, &session) {
                Ok(()) => done(),
                Err(e) => Answer::reply(Reply::err(&e)),
            },
            // What the SDK's `this.signInUserSession.getIdToken()` throws there.
            None => Answer::reply(Reply::type_error("Cannot read properties of null (reading 'getIdToken')")),
        },
        "cacheUserData" => {
            let text = call.arg("userData").stringify();
            match call.storage.set_item(&user_data_key, &text) {
                Ok(()) => done(),
                Err(e) => Answer::reply(Reply::err(&CognitoError::new(ErrorKind::Storage, e))),
            }
        }
        "clearCachedUserData" => {
            call.storage.remove_item(&user_data_key);
            done()
        }
        "clearCachedTokens" => {
            sessions.clear_tokens(&username);
            done()
        }
        "clearCachedUser" => {
            sessions.clear(&username);
            done()
        }
        // A user holding no device stores nothing (the JS SDK stored "undefined" three
        // times, which later sign-ins sent as the device key).
        "cacheDeviceKeyAndPassword" => {
            let text =
                |k: &str| call.user().get(k).and_then(Value::as_str).filter(|v| !v.is_empty()).map(str::to_string);
            let (Some(key), Some(group_key), Some(password)) =
                (text("deviceKey"), text("deviceGroupKey"), text("randomPassword"))
            else {
                return Some(done());
            };
            match sessions.save_device(&username, &DeviceSecrets { key, group_key, password }) {
                Ok(()) => done(),
                Err(e) => Answer::reply(Reply::err(&CognitoError::new(ErrorKind::Storage, e))),
            }
        }
        "clearCachedDeviceKeyAndPassword" => {
            sessions.clear_device(&username);
            done()
        }
        _ => return None,
    })
}
