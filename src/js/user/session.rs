//! Sessions: getSession (refreshing when expired), refreshSession, signOut, globalSignOut.

use super::{session_js, CognitoUser, Handle, REFRESHES};
use crate::flows::user::UserCall;
use crate::flows::{self, session::Found};
use crate::js::callbacks::{reply_error_only, reply_for};
use crate::js::convert::{call_string, get, string_map};
use crate::js::panic::ResetAfterPanic;
use crate::js::tabs::BrowserTabLock;
use crate::protocol::types::StringMap;
use crate::protocol::CognitoError;
use crate::session::Session;
use crate::storage::keys::{self, UserItem};
use wasm_bindgen::prelude::*;

impl Handle {
    /// The session when it can be had without a request (where `flows::get_session`
    /// starts), kept in memory; None: it must be refreshed. The SDK calls getSession's
    /// callback synchronously in that case.
    fn session_now(&self) -> Option<Result<Session, CognitoError>> {
        let cached = self.state.borrow().session.clone();
        let username = self.username();
        let known = flows::session::session_without_request(&self.env(), cached.as_ref(), &username)?;
        self.keep(username, &known);
        Some(known)
    }

    /// Keeps a session in memory; a failure leaves none there.
    fn keep(&self, username: String, session: &Result<Session, CognitoError>) {
        match session {
            Ok(s) => self.set_session(username, s.clone()),
            Err(_) => self.state.borrow_mut().session = None,
        }
    }

    /// The session, refreshed when expired (`flows::get_session`); concurrent refreshes of
    /// one user (from any CognitoUser object of this page) share a single request.
    pub(super) async fn session(&self, client_metadata: Option<StringMap>) -> Result<Session, CognitoError> {
        let cached = self.state.borrow().session.clone();
        let username = self.username();
        let flights = REFRESHES.with(ResetAfterPanic::get);
        let settle_key = keys::user_item(&self.pool.config.client_id, &username, UserItem::IdToken);
        let tabs = BrowserTabLock { storage: &self.storage, timer: &self.pool.transport, settle_key };
        let found = flows::get_session(&self.env(), &flights, &tabs, cached.as_ref(), &username, client_metadata).await;
        self.after(username, found)
    }

    /// Keeps the session in memory, then tells listeners what changed.
    fn after(&self, username: String, found: Found) -> Result<Session, CognitoError> {
        self.keep(username, &found.session);
        if let Some(change) = found.change {
            self.emit(change);
        }
        found.session
    }

    /// Refreshes with `refresh_token` and stores the result (failure: no in-memory session).
    pub(super) async fn refresh(
        &self, refresh_token: &str, client_metadata: Option<StringMap>,
    ) -> Result<Session, CognitoError> {
        let username = self.username();
        let found = flows::session::refresh_session(&self.env(), &username, refresh_token, client_metadata).await;
        self.after(username, found)
    }
}

#[wasm_bindgen]
impl CognitoUser {
    /// `getSession(callback, { clientMetadata })`: the valid session, refreshing it when
    /// expired. As in the SDK, when no request is needed the callback runs before this returns.
    #[wasm_bindgen(js_name = getSession)]
    pub fn get_session(&self, callback: JsValue, options: JsValue) -> JsValue {
        let h = self.handle();
        if let Some(known) = h.session_now() {
            let (reply, ret) = reply_for(&callback);
            reply.settle(known.map(session_js));
            return ret;
        }
        let metadata = string_map(&get(&options, "clientMetadata"));
        self.respond(&callback, move |h| async move { h.session(metadata).await.map(session_js) })
    }

    /// `refreshSession(refreshToken, callback, clientMetadata)`.
    #[wasm_bindgen(js_name = refreshSession)]
    pub fn refresh_session(&self, refresh_token: JsValue, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let token = call_string(&refresh_token, "getToken").or_else(|| refresh_token.as_string()).unwrap_or_default();
        let metadata = string_map(&client_metadata);
        self.respond(&callback, move |h| async move { h.refresh(&token, metadata).await.map(session_js) })
    }

    /// `signOut()` clears this user's tokens from storage at once. `signOut(callback)` also
    /// revokes the refresh token first; local data is cleared even when that fails, and the
    /// error (if any) goes to the callback. Without a callback a resolved Promise is returned.
    #[wasm_bindgen(js_name = signOut)]
    pub fn sign_out(&self, revoke_callback: JsValue) -> JsValue {
        let h = self.handle();
        if !revoke_callback.is_function() {
            h.clear_local();
            return js_sys::Promise::resolve(&JsValue::UNDEFINED).into();
        }
        let reply = reply_error_only(revoke_callback.unchecked_into());
        crate::js::panic::spawn(async move {
            let revoked = match h.session(None).await {
                Ok(session) => flows::revoke(&h.env(), &session).await,
                Err(e) => Err(e),
            };
            h.clear_local();
            reply.settle(revoked.map(|()| JsValue::UNDEFINED));
        });
        JsValue::UNDEFINED
    }

    /// `globalSignOut({ onSuccess, onFailure })`: signs out every device, then clears local data.
    #[wasm_bindgen(js_name = globalSignOut)]
    pub fn global_sign_out(&self, callback: JsValue) -> JsValue {
        self.respond(&callback, |h| async move {
            h.user_call(&UserCall::GlobalSignOut).await?;
            h.clear_local();
            Ok(JsValue::from_str("SUCCESS"))
        })
    }
}
