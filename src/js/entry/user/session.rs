//! Sessions: getSession (refreshing when expired), refreshSession, signOut with
//! revocation, revokeTokens.

use super::super::call::{session_json, Call};
use super::super::reply::{Answer, Outcome, Reply};
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
    static REFRESHES: ResetAfterPanic<SingleFlight<Result<Session, CognitoError>>> = const { ResetAfterPanic::new() };
}

/// getSession's first step: the session when it needs no request (the SDK calls back
/// synchronously then), else `pending` and the JS runs the refresh.
pub(super) fn session_now(call: &Call, out: &mut Answer) -> Outcome {
    match flows::session::session_without_request(&call.env(), call.session(), call.username()) {
        Some(found) => with_session(found, out),
        None => Ok(Reply::pending()),
    }
}

/// What a session operation that may send requests does.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum SessionOp {
    /// `getSession`: the session, refreshed when expired.
    Get,
    /// `refreshSession`: refreshed with the given refresh token.
    Refresh,
    /// `signOut(callback)`: revokes the session's refresh token (refreshing an expired
    /// session first), then clears local data, even when revoking failed.
    SignOut,
    /// `revokeTokens(callback)`: revokes the in-memory session's refresh token.
    Revoke,
}

/// The session operations that may send requests. After `Get` and `Refresh` the user
/// holds the session (none after a failure) and its remembered device key; the error, if
/// any, goes to the callback.
pub(super) async fn run(call: &Call, op: SessionOp, out: &mut Answer) -> Outcome {
    let username = call.username();
    let session = if op == SessionOp::Revoke {
        call.session().cloned().ok_or_else(|| CognitoError::not_authenticated("User is not authenticated"))
    } else {
        // Sign-outs send no ClientMetadata.
        let metadata = if op == SessionOp::SignOut { None } else { call.string_map("clientMetadata") };
        let token = if op == SessionOp::Refresh { Some(call.text("refreshToken")) } else { None };
        let from = token.as_deref().ok_or(call.session());
        let flights = REFRESHES.with(ResetAfterPanic::get);
        let item = |item| keys::user_item(&call.shared.config.client_id, username, item);
        let settle_keys = [item(UserItem::IdToken), item(UserItem::AccessToken), item(UserItem::RefreshToken)];
        let tabs = BrowserTabLock { storage: &call.storage, timer: &call.shared.transport, settle_keys };
        // Inlined into this future, not boxed: since refresh became the boxed send mapped,
        // inlined is smaller in gzip (-29 B; raw +16).
        let found = flows::session::session(&call.env(), &flights, &tabs, from, username, metadata).await;
        tell(call, username, found)
    };
    if matches!(op, SessionOp::SignOut | SessionOp::Revoke) {
        let env = call.env();
        let revoked = match session.map(|session| flows::revoke(&env, &session)) {
            Ok(Some(sent)) => sent.await.map(drop),
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
        if op == SessionOp::SignOut {
            clear_local(call, username);
            out.set("session", Value::Null);
        }
        return revoked.map(|()| Reply::done());
    }
    let outcome = with_session(session, out);
    // A refresh leaves the signed-in user's remembered device key (or null) on the user,
    // as the SDK's `refreshSession` reads it from storage.
    let client_id = &call.shared.config.client_id;
    if let Some(last) = SessionStore::new(&call.storage, client_id).last_auth_user() {
        let key = call.storage.get_item(&keys::user_item(client_id, &last, UserItem::DeviceKey));
        out.set("deviceKey", key.map_or(Value::Null, Value::String));
    }
    outcome
}

/// Tells listeners what changed.
pub(super) fn tell(call: &Call, username: &str, found: Found) -> Result<Session, CognitoError> {
    if let Some(change) = found.change {
        emit(call, change, username);
    }
    found.session
}

/// The user's in-memory session follows the result: kept on success, none on failure.
fn with_session(found: Result<Session, CognitoError>, out: &mut Answer) -> Outcome {
    // One JSON of the session for both (a clone is smaller than building it again).
    let json = found.as_ref().map_or(Value::Null, session_json);
    out.set("session", json.clone());
    found.map(|_| Reply::one("session", json))
}
