//! Sessions: getSession (refreshing when expired), refreshSession, signOut with
//! revocation, revokeTokens.

use super::super::call::{session_json, Call};
use super::super::reply::{Answer, Outcome, Reply};
use super::held::emit;
use crate::flows::session::{refresh_key, Found};
use crate::flows::{self};
use crate::json::Value;
use crate::protocol::CognitoError;
use crate::session::Session;

/// getSession's first step: the session when it needs no request (the SDK calls back
/// synchronously then), else `pending` with the key of its refresh, and the JS runs it:
/// every CognitoUser object of this page asking for it meanwhile shares that run (N
/// parallel getSession calls for one user send one refresh).
pub(super) fn session_now(call: &Call, out: &mut Answer) -> Outcome {
    match flows::session::session_without_request(&call.env(), call.session(), call.username()) {
        Some(found) => with_session(found, out),
        None => Ok(Reply::one("pending", Value::String(refresh_key(&call.shared.config.client_id, call.username())))),
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

/// Tells listeners what changed. Inlined into its callers (the one future's two session
/// awaits): `found` is read in place, not moved into a call (measured smaller).
#[inline(always)]
pub(super) fn tell(call: &Call, username: &str, found: Found) -> Result<Session, CognitoError> {
    if let Some(change) = found.change {
        emit(call, change, username);
    }
    found.session
}

/// The user's in-memory session follows the result: kept on success, none on failure.
pub(super) fn with_session(found: Result<Session, CognitoError>, out: &mut Answer) -> Outcome {
    // One JSON of the session for both (a clone is smaller than building it again).
    let json = found.as_ref().map_or(Value::Null, session_json);
    out.set("session", json.clone());
    found.map(|_| Reply::one("session", json))
}
