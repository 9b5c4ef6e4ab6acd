//! The SDK's cache methods (cacheTokens, clearCachedUser, cacheDeviceKeyAndPassword, ...):
//! what storage holds of the user, under the SDK's keys, from what the JS object holds.

use super::super::call::Call;
use super::super::reply::{Answer, Reply};
use crate::auth::device::DeviceSecrets;
use crate::json::Value;
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
            None => Answer::reply(Reply::plain_err("Cannot read properties of null (reading 'getIdToken')")),
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
        "cacheDeviceKeyAndPassword" => {
            let text = |k: &str| call.user().get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            let device = DeviceSecrets {
                key: text("deviceKey"),
                group_key: text("deviceGroupKey"),
                password: text("randomPassword"),
            };
            match sessions.save_device(&username, &device) {
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
