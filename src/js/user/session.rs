//! Sessions: getSession (refreshing when expired), refreshSession, signOut, globalSignOut.

use super::{session_js, CognitoUser, Handle, REFRESHES};
use crate::flows::{self, StoredSession};
use crate::js::callbacks::{reply_error_only, reply_for};
use crate::js::convert::{call_string, get, string_map};
use crate::js::events::Change;
use crate::js::panic::ResetAfterPanic;
use crate::js::tabs::BrowserTabLock;
use crate::protocol::types::StringMap;
use crate::protocol::{account, CognitoError};
use crate::session::Session;
use crate::storage::keys::{self, UserItem};
use wasm_bindgen::prelude::*;

impl Handle {
    /// The session when it can be had without a request (`flows::session_without_request`
    /// with the in-memory one), kept in memory; None: it must be refreshed.
    fn session_now(&self) -> Option<Result<Session, CognitoError>> {
        let cached = self.state.borrow().session.clone();
        let username = self.username();
        let known = flows::session_without_request(&self.env(), cached.as_ref(), &username)?;
        match &known {
            Ok(s) => self.set_session(username, s.clone()),
            Err(_) => self.state.borrow_mut().session = None,
        }
        Some(known)
    }

    /// The session, refreshed when expired; concurrent refreshes of one user (from any
    /// CognitoUser object of this page) share a single request. `flows::get_session`
    /// made of `session_now` (which keeps the in-memory session) and the same refresh.
    pub(super) async fn session(&self, client_metadata: Option<StringMap>) -> Result<Session, CognitoError> {
        if let Some(known) = self.session_now() {
            return known;
        }
        let username = self.username();
        let flights = REFRESHES.with(ResetAfterPanic::get);
        let settle_key = keys::user_item(&self.pool.config.client_id, &username, UserItem::IdToken);
        let tabs = BrowserTabLock { storage: &self.storage, timer: &self.pool.transport, settle_key };
        // refresh_coordinated reads storage again once it holds the cross-tab lock.
        let session = flows::refresh_coordinated(&self.env(), &flights, &tabs, &username, client_metadata).await;
        self.after_refresh(username, session)
    }

    /// Keeps a refreshed session in memory and tells listeners; a failed refresh leaves no
    /// session in memory (and a dead refresh token none in storage either).
    fn after_refresh(&self, username: String, session: Result<Session, CognitoError>) -> Result<Session, CognitoError> {
        match &session {
            Ok(s) => {
                self.set_session(username, s.clone());
                self.emit(Change::Refresh);
            }
            Err(e) => {
                self.state.borrow_mut().session = None;
                // A dead refresh token clears the stored session: that is a sign-out.
                if flows::refresh_token_is_dead(e)
                    && matches!(flows::stored_session(&self.env(), &username), StoredSession::Unusable(_))
                {
                    self.emit(Change::SignOut);
                }
            }
        }
        session
    }

    /// Refreshes with `refresh_token` and stores the result (failure: no in-memory session).
    pub(super) async fn refresh(
        &self,
        refresh_token: &str,
        client_metadata: Option<StringMap>,
    ) -> Result<Session, CognitoError> {
        let username = self.username();
        let session = flows::refresh(&self.env(), &username, refresh_token, client_metadata).await;
        self.after_refresh(username, session)
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
            let token = h.access_token()?;
            let _: crate::json::Value = h.env().call(&account::global_sign_out(&token)).await?;
            h.clear_local();
            Ok(JsValue::from_str("SUCCESS"))
        })
    }
}
