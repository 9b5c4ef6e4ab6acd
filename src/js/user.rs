//! `CognitoUser`: registration confirmation, sign-in, session and sign-out.

use super::callbacks::{reply_for, Reply};
use super::convert::{call_method, call_string, error, from_json, get, get_string, plain_error, string_map};
use super::js_storage::JsStorage;
use super::tokens::CognitoUserSession;
use super::user_pool::PoolShared;
use crate::auth::{self, ChallengeCallback, Flow, SignInParams};
use crate::client::{self, SignInOutcome};
use crate::clock::now_secs;
use crate::protocol::types::{ConfirmSignUpRequest, Passthrough, ResendConfirmationCodeRequest, StringMap};
use crate::protocol::{CognitoError, Operation, Request};
use crate::session::Session;
use crate::srp::SrpClient;
use crate::storage::SessionStore;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

struct UserState {
    username: String,
    flow_name: String,
    session: Option<Session>,
    /// The `Session` string of a challenge in progress, for the call that answers it.
    challenge_session: Option<String>,
}

#[wasm_bindgen]
pub struct CognitoUser {
    pool: Rc<PoolShared>,
    storage: JsStorage,
    state: Rc<RefCell<UserState>>,
}

/// A clone of what an async operation needs, so no borrow of the JS object is held across awaits.
#[derive(Clone)]
struct Handle {
    pool: Rc<PoolShared>,
    storage: JsStorage,
    state: Rc<RefCell<UserState>>,
}

impl Handle {
    fn username(&self) -> String {
        self.state.borrow().username.clone()
    }

    fn set_session(&self, username: String, session: Session) {
        let mut state = self.state.borrow_mut();
        state.username = username;
        state.session = Some(session);
        state.challenge_session = None;
    }

    /// The in-memory session if still valid, else the stored one (refreshed if expired).
    async fn session(&self, client_metadata: Option<StringMap>) -> Result<Session, CognitoError> {
        let cached = self.state.borrow().session.clone();
        if let Some(s) = cached.filter(|s| s.is_valid(now_secs())) {
            return Ok(s);
        }
        let username = self.username();
        let session = client::get_session(&self.pool.transport, &self.storage, &self.pool.config, &username, client_metadata, now_secs).await;
        match &session {
            Ok(s) => self.set_session(username, s.clone()),
            Err(_) => self.state.borrow_mut().session = None,
        }
        session
    }

    fn clear_local(&self) {
        let username = self.username();
        SessionStore::new(&self.storage, &self.pool.config.client_id).clear(&username);
        self.state.borrow_mut().session = None;
    }
}

fn session_js(session: Session) -> JsValue {
    CognitoUserSession(session).into()
}

impl CognitoUser {
    pub(crate) fn create(username: String, pool: Rc<PoolShared>, storage: Option<JsValue>) -> CognitoUser {
        let storage = JsStorage(storage.unwrap_or_else(|| pool.storage.clone()));
        let state = UserState { username, flow_name: Flow::UserSrp.name().to_string(), session: None, challenge_session: None };
        CognitoUser { pool, storage, state: Rc::new(RefCell::new(state)) }
    }

    fn handle(&self) -> Handle {
        Handle { pool: self.pool.clone(), storage: self.storage.clone(), state: self.state.clone() }
    }

    /// Runs `op` and reports its result through `callback` (Node style) or a Promise.
    fn node_style<F, Fut>(&self, callback: &JsValue, op: F) -> JsValue
    where
        F: FnOnce(Handle) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<JsValue, CognitoError>> + 'static,
    {
        let (reply, ret) = reply_for(callback);
        let handle = self.handle();
        wasm_bindgen_futures::spawn_local(async move { reply.settle(op(handle).await) });
        ret
    }
}

/// Tells the callback object about a challenge, or fails the call with a coded error when
/// it has no method for it (instead of the SDK's "callback.totpRequired is not a function").
fn deliver_challenge(reply: Reply, challenge: &auth::Challenge) {
    let params = from_json(&Value::Object(challenge.parameters.clone()));
    let name = JsValue::from_str(&challenge.name);
    let callback = auth::challenge_callback(&challenge.name);
    let delivered = match callback {
        Some(ChallengeCallback::NameAndParameters(method)) => reply.method(method, &[&name, &params]),
        Some(ChallengeCallback::ParametersOnly(method)) => reply.method(method, &[&params]),
        Some(ChallengeCallback::NewPasswordRequired) => {
            let (attributes, required) = auth::new_password_required_args(&challenge.parameters);
            let required = from_json(&Value::from(required));
            reply.method("newPasswordRequired", &[&from_json(&attributes), &required])
        }
        None => Err(reply),
    };
    if let Err(reply) = delivered {
        let how = match callback {
            Some(cb) => format!("the callback object has no {} method", cb.method()),
            None => "this SDK does not handle that challenge yet".to_string(),
        };
        let err = error(&CognitoError::new("UnhandledChallengeException", format!("Cognito asked for the {} challenge, but {how}.", challenge.name)));
        let _ = js_sys::Reflect::set(&err, &"challengeName".into(), &name);
        let _ = js_sys::Reflect::set(&err, &"challengeParameters".into(), &params);
        reply.err_value(err);
    }
}

#[wasm_bindgen]
impl CognitoUser {
    /// `new CognitoUser({ Username, Pool, Storage? })`.
    #[wasm_bindgen(constructor)]
    pub fn new(data: JsValue) -> Result<CognitoUser, JsValue> {
        let username = get(&data, "Username");
        let pool = get(&data, "Pool");
        if username.is_undefined() || username.is_null() || pool.is_undefined() || pool.is_null() {
            return Err(plain_error("Username and Pool information are required."));
        }
        let shared = PoolShared::from_js(&pool).map_err(|e| plain_error(&e.message))?;
        let storage = Some(get(&data, "Storage")).filter(|s| s.is_object());
        Ok(CognitoUser::create(username.as_string().unwrap_or_default(), Rc::new(shared), storage))
    }

    #[wasm_bindgen(js_name = getUsername)]
    pub fn get_username(&self) -> String {
        self.state.borrow().username.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn username(&self) -> String {
        self.get_username()
    }
    #[wasm_bindgen(js_name = getAuthenticationFlowType)]
    pub fn get_authentication_flow_type(&self) -> String {
        self.state.borrow().flow_name.clone()
    }
    #[wasm_bindgen(js_name = setAuthenticationFlowType)]
    pub fn set_authentication_flow_type(&self, flow: String) {
        self.state.borrow_mut().flow_name = flow;
    }
    #[wasm_bindgen(js_name = getSignInUserSession)]
    pub fn get_sign_in_user_session(&self) -> Option<CognitoUserSession> {
        self.state.borrow().session.clone().map(CognitoUserSession)
    }
    /// Sets the session and stores it, as the SDK does.
    #[wasm_bindgen(js_name = setSignInUserSession)]
    pub fn set_sign_in_user_session(&self, session: &CognitoUserSession) -> Result<(), JsValue> {
        let username = self.get_username();
        client::store_session(&self.storage, &self.pool.config, &username, &session.0).map_err(|e| error(&e))?;
        self.handle().set_session(username, session.0.clone());
        Ok(())
    }

    /// `confirmRegistration(code, forceAliasCreation, callback, clientMetadata)` → 'SUCCESS'.
    #[wasm_bindgen(js_name = confirmRegistration)]
    pub fn confirm_registration(&self, code: JsValue, force_alias_creation: JsValue, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let body = ConfirmSignUpRequest {
            client_id: self.pool.config.client_id.clone(),
            confirmation_code: code.as_string().unwrap_or_default(),
            username: self.get_username(),
            force_alias_creation: force_alias_creation.is_truthy(),
            client_metadata: string_map(&client_metadata),
        };
        self.node_style(&callback, move |h| async move {
            let _: Passthrough = client::call(&h.pool.transport, &h.pool.config, &Request::new(Operation::ConfirmSignUp, &body)).await?;
            Ok(JsValue::from_str("SUCCESS"))
        })
    }

    /// `resendConfirmationCode(callback, clientMetadata)` → `{ CodeDeliveryDetails }`.
    #[wasm_bindgen(js_name = resendConfirmationCode)]
    pub fn resend_confirmation_code(&self, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let body = ResendConfirmationCodeRequest {
            client_id: self.pool.config.client_id.clone(),
            username: self.get_username(),
            client_metadata: string_map(&client_metadata),
        };
        self.node_style(&callback, move |h| async move {
            let result: Passthrough = client::call(&h.pool.transport, &h.pool.config, &Request::new(Operation::ResendConfirmationCode, &body)).await?;
            Ok(from_json(&Value::Object(result)))
        })
    }

    /// `authenticateUser(authDetails, { onSuccess, onFailure, mfaRequired, ... })`, or a
    /// Promise of the session when no callback object is given.
    #[wasm_bindgen(js_name = authenticateUser)]
    pub fn authenticate_user(&self, auth_details: JsValue, callback: JsValue) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let flow_name = self.get_authentication_flow_type();
        let Some(flow) = Flow::parse(&flow_name) else {
            reply.err_value(plain_error("Authentication flow type is invalid."));
            return ret;
        };
        let validation = call_method(&auth_details, "getValidationData", &[]).and_then(Result::ok).and_then(|v| string_map(&v));
        let metadata = validation.or_else(|| call_method(&auth_details, "getClientMetadata", &[]).and_then(Result::ok).and_then(|v| string_map(&v)));
        let params = SignInParams {
            user_pool_id: self.pool.config.user_pool_id.clone(),
            client_id: self.pool.config.client_id.clone(),
            username: self.get_username(),
            password: call_string(&auth_details, "getPassword").or_else(|| get_string(&auth_details, "Password")).unwrap_or_default(),
            client_metadata: metadata,
        };
        let h = self.handle();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = client::sign_in(&h.pool.transport, &h.storage, &h.pool.config, flow, params, SrpClient::generate, now_secs).await;
            match outcome {
                Ok(SignInOutcome::SignedIn { username, session }) => {
                    h.set_session(username, session.clone());
                    reply.ok(session_js(session));
                }
                Ok(SignInOutcome::Challenge(challenge)) => {
                    {
                        let mut state = h.state.borrow_mut();
                        state.username = challenge.username.clone();
                        state.challenge_session = challenge.session.clone();
                    }
                    deliver_challenge(reply, &challenge);
                }
                Err(e) => reply.err(&e),
            }
        });
        ret
    }

    /// `getSession(callback, { clientMetadata })`: the valid session, refreshing it when expired.
    #[wasm_bindgen(js_name = getSession)]
    pub fn get_session(&self, callback: JsValue, options: JsValue) -> JsValue {
        let metadata = string_map(&get(&options, "clientMetadata"));
        self.node_style(&callback, move |h| async move { h.session(metadata).await.map(session_js) })
    }

    /// `refreshSession(refreshToken, callback, clientMetadata)`.
    #[wasm_bindgen(js_name = refreshSession)]
    pub fn refresh_session(&self, refresh_token: JsValue, callback: JsValue, client_metadata: JsValue) -> JsValue {
        let token = call_string(&refresh_token, "getToken").or_else(|| refresh_token.as_string()).unwrap_or_default();
        let metadata = string_map(&client_metadata);
        self.node_style(&callback, move |h| async move {
            let username = h.username();
            let session = client::refresh(&h.pool.transport, &h.storage, &h.pool.config, &username, &token, metadata, now_secs).await;
            match session {
                Ok(s) => {
                    h.set_session(username, s.clone());
                    Ok(session_js(s))
                }
                Err(e) => {
                    h.state.borrow_mut().session = None;
                    Err(e)
                }
            }
        })
    }

    /// `signOut()` clears this user's tokens from storage at once. `signOut(callback)` also
    /// revokes the refresh token first; local data is cleared even when that fails, and the
    /// error (if any) goes to the callback. Without a callback a Promise is returned.
    #[wasm_bindgen(js_name = signOut)]
    pub fn sign_out(&self, revoke_callback: JsValue) -> JsValue {
        let h = self.handle();
        if !revoke_callback.is_function() {
            h.clear_local();
            return js_sys::Promise::resolve(&JsValue::UNDEFINED).into();
        }
        let callback: js_sys::Function = revoke_callback.unchecked_into();
        wasm_bindgen_futures::spawn_local(async move {
            let revoked = match h.session(None).await {
                Ok(session) => client::revoke(&h.pool.transport, &h.pool.config, &session).await,
                Err(e) => Err(e),
            };
            h.clear_local();
            let arg = match revoked {
                Ok(()) => JsValue::UNDEFINED,
                Err(e) => error(&e),
            };
            if let Err(thrown) = callback.call1(&JsValue::UNDEFINED, &arg) {
                let _ = js_sys::Promise::reject(&thrown);
            }
        });
        JsValue::UNDEFINED
    }

    /// `globalSignOut({ onSuccess, onFailure })`: signs out every device, then clears local data.
    #[wasm_bindgen(js_name = globalSignOut)]
    pub fn global_sign_out(&self, callback: JsValue) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let h = self.handle();
        let session = h.state.borrow().session.clone().filter(|s| s.is_valid(now_secs()));
        let Some(session) = session else {
            reply.err(&CognitoError::new("NotAuthorizedException", "User is not authenticated"));
            return ret;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let result = client::global_sign_out(&h.pool.transport, &h.pool.config, &session).await;
            if result.is_ok() {
                h.clear_local();
            }
            reply.settle(result.map(|()| JsValue::from_str("SUCCESS")));
        });
        ret
    }
}
