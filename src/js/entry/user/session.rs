//! Sessions: getSession (refreshing when expired), refreshSession, signOut with
//! revocation, and the remembered device the SDK keeps on the user.

use super::super::call::{session_json, Call};
use super::super::reply::{Answer, Reply};
use super::held::{clear_local, emit};
use crate::flows::session::Found;
use crate::flows::single_flight::SingleFlight;
use crate::flows::{self};
use crate::js::panic::ResetAfterPanic;
use crate::js::tabs::BrowserTabLock;
use crate::json::Value;
use crate::protocol::CognitoError;
use crate::session::Session;
use crate::storage::keys::{self, UserItem};
use crate::storage::{SessionStore, Storage};

local! {
    /// Refreshes in flight, shared by every CognitoUser object of this page: N parallel
    /// getSession calls for one user send one refresh.
    static REFRESHES: ResetAfterPanic<SingleFlight<Result<Session, CognitoError>>> = ResetAfterPanic::default();
}

/// The session's operations (`run`); None for an operation of another kind.
pub(super) async fn run(op: &str, call: &Call) -> Option<Answer> {
    Some(match op {
        "getSession" => {
            let metadata = call.string_map("clientMetadata");
            let username = call.username();
            let found = session(call, &username, metadata).await;
            refreshed_device(call, with_session(found, Reply::session))
        }
        "refreshSession" => {
            let username = call.username();
            let metadata = call.string_map("clientMetadata");
            let found =
                flows::session::refresh_session(&call.env(), &username, &call.text("refreshToken"), metadata).await;
            let found = tell(call, &username, found);
            refreshed_device(call, with_session(found, Reply::session))
        }
        "signOut" => sign_out_revoking(call).await,
        "revokeTokens" => {
            let result = match call.session() {
                Some(session) => flows::revoke(&call.env(), &session).await,
                None => Err(CognitoError::not_authenticated("User is not authenticated")),
            };
            Answer::reply(Reply::settled(result, |()| Reply::done()))
        }
        _ => return None,
    })
}

/// getSession's first step: the session when it needs no request (the SDK calls back
/// synchronously then), else `pending` and the JS runs the refresh.
pub(super) fn session_now(call: &Call) -> Answer {
    let username = call.username();
    let cached = call.session();
    match flows::session::session_without_request(&call.env(), cached.as_ref(), &username) {
        Some(found) => with_session(found, Reply::session),
        None => Answer::reply(Reply::pending()),
    }
}

/// The session, refreshed when expired (`flows::get_session`); concurrent refreshes of
/// one user (from any CognitoUser object of this page) share a single request.
async fn session(
    call: &Call, username: &str, metadata: Option<crate::protocol::types::StringMap>,
) -> Result<Session, CognitoError> {
    let cached = call.session();
    let flights = REFRESHES.with(ResetAfterPanic::get);
    let settle_key = keys::user_item(&call.shared.config.client_id, username, UserItem::IdToken);
    let tabs = BrowserTabLock { storage: &call.storage, timer: &call.shared.transport, settle_key };
    let found = flows::get_session(&call.env(), &flights, &tabs, cached.as_ref(), username, metadata).await;
    tell(call, username, found)
}

/// Tells listeners what changed.
pub(super) fn tell(call: &Call, username: &str, found: Found) -> Result<Session, CognitoError> {
    if let Some(change) = found.change {
        emit(call, change, username);
    }
    found.session
}

/// The user's in-memory session follows the result: kept on success, none on failure.
fn with_session(found: Result<Session, CognitoError>, reply: impl FnOnce(&Session) -> Reply) -> Answer {
    match found {
        Ok(session) => Answer::reply(reply(&session)).set("session", session_json(&session)),
        Err(e) => Answer::reply(Reply::err(&e)).set("session", Value::Null),
    }
}

/// `signOut(callback)`: revokes the refresh token first; local data is cleared even when
/// that fails, and the error (if any) goes to the callback.
async fn sign_out_revoking(call: &Call) -> Answer {
    let username = call.username();
    let revoked = match session(call, &username, None).await {
        Ok(session) => flows::revoke(&call.env(), &session).await,
        Err(e) => Err(e),
    };
    clear_local(call, &username);
    Answer::reply(Reply::settled(revoked, |()| Reply::done())).set("session", Value::Null)
}

/// `deviceKey`, `randomPassword`, `deviceGroupKey` of a remembered device, as (and in the
/// order) the SDK's `getCachedDeviceKeyAndPassword` sets them from storage (nothing when
/// none is stored).
pub(super) fn device_props(call: &Call, username: &str, answer: Answer) -> Answer {
    match call.env().sessions().load_device(username) {
        Some(d) => answer
            .set("deviceKey", Value::String(d.key))
            .set("randomPassword", Value::String(d.password))
            .set("deviceGroupKey", Value::String(d.group_key)),
        None => answer,
    }
}

/// The device this sign-in confirmed (and stored), in the order the SDK's confirmation sets
/// it: `deviceGroupKey` and `randomPassword` before ConfirmDevice, `deviceKey` after.
pub(super) fn confirmed_device(call: &Call, username: &str, answer: Answer) -> Answer {
    match call.env().sessions().load_device(username) {
        Some(d) => answer
            .set("deviceGroupKey", Value::String(d.group_key))
            .set("randomPassword", Value::String(d.password))
            .set("deviceKey", Value::String(d.key)),
        None => answer,
    }
}

/// A refresh leaves the signed-in user's remembered device key (or null) on the user, as
/// the SDK's `refreshSession` reads it from storage.
fn refreshed_device(call: &Call, answer: Answer) -> Answer {
    let sessions = SessionStore::new(&call.storage, &call.shared.config.client_id);
    match sessions.last_auth_user() {
        Some(last) => {
            let key =
                call.storage.get_item(&keys::user_item(&call.shared.config.client_id, &last, UserItem::DeviceKey));
            answer.set("deviceKey", key.map_or(Value::Null, Value::String))
        }
        None => answer,
    }
}

pub(super) fn cached_device(call: &Call) -> Answer {
    device_props(call, &call.username(), Answer::reply(Reply::done()))
}
