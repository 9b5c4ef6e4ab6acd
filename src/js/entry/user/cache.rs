//! The SDK's cache methods (cacheTokens, clearCachedUser, cacheDeviceKeyAndPassword, ...):
//! what storage holds of the user, under the SDK's keys, from what the JS object holds.

use super::super::call::Call;
use super::super::op::Op;
use super::super::reply::{Outcome, Reply};
use crate::auth::device::DeviceSecrets;
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind};
use crate::storage::keys::{self, UserItem};
use crate::storage::{SessionStore, Storage};

/// The SDK's cache methods: what storage holds of the user, written and removed under
/// the SDK's keys from what the JS object holds.
pub(super) fn cache(op: Op, call: &Call) -> Option<Outcome> {
    let username = call.username();
    let sessions = SessionStore::new(&call.storage, &call.shared.config.client_id);
    let user_data_key = keys::user_item(&call.shared.config.client_id, username, UserItem::UserData);
    let written = match op {
        Op::CacheTokens => match call.session() {
            Some(session) => return Some(call.env().store_session(username, session).map(|()| Reply::done())),
            // What the SDK's `this.signInUserSession.getIdToken()` throws there.
            None => return Some(Ok(Reply::type_error("Cannot read properties of null (reading 'getIdToken')"))),
        },
        Op::CacheUserData => call.storage.set_item(&user_data_key, &call.arg("userData").stringify()),
        Op::ClearCachedUserData => {
            call.storage.remove_item(&user_data_key);
            Ok(())
        }
        Op::ClearCachedTokens => {
            sessions.clear_tokens(username);
            Ok(())
        }
        // What clearing a user is (its tokens, then its user data) is `SessionStore::clear`'s.
        Op::ClearCachedUser => {
            sessions.clear(username);
            Ok(())
        }
        // A user holding no device stores nothing (the JS SDK stored "undefined" three
        // times, which later sign-ins sent as the device key).
        Op::CacheDeviceKeyAndPassword => {
            let text = |k: &str| call.user()[k].as_str().filter(|v| !v.is_empty()).map(str::to_string);
            match (text("deviceKey"), text("deviceGroupKey"), text("randomPassword")) {
                (Some(key), Some(group_key), Some(password)) => {
                    sessions.save_device(username, &DeviceSecrets { key, group_key, password })
                }
                _ => Ok(()),
            }
        }
        Op::ClearCachedDeviceKeyAndPassword => {
            sessions.clear_device(username);
            Ok(())
        }
        _ => return None,
    };
    Some(written.map(|()| Reply::done()).map_err(|e| CognitoError::new(ErrorKind::Storage, e)))
}
