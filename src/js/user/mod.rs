//! `CognitoUser`. The class and its shared plumbing live here; its methods are grouped
//! by topic: `registration` (confirm, resend), `sign_in` (authenticateUser and
//! challenges), `session` (getSession, refresh, sign-out), `account` (attributes,
//! passwords, MFA settings, deletion).

mod account;
mod devices;
mod passkeys;
mod registration;
mod session;
mod sign_in;

use super::callbacks::reply_for;
use super::convert::{error, get, js_from_json, plain_error, string_arg};
use super::events;
use super::js_storage::JsStorage;
use super::panic::ResetAfterPanic;
use super::panic_probe::{self, Point};
use super::pool_shared::PoolShared;
use super::tokens::CognitoUserSession;
use crate::auth::AwaitingAnswer;
use crate::flows;
use crate::flows::single_flight::SingleFlight;
use crate::flows::user::{Caller, UserCall};
use crate::flows::Env;
use crate::json::Value;
use crate::protocol::challenge::AuthFlow;
use crate::protocol::types::Passthrough;
use crate::protocol::CognitoError;
use crate::session::Session;
use crate::storage::events::Change;
use crate::storage::keys::{self, UserItem};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

pub(super) struct UserState {
    username: String,
    flow_name: String,
    session: Option<Session>,
    /// A sign-in stopped at a challenge, waiting for the app's answer (sendMFACode, ...).
    sign_in: Option<AwaitingAnswer>,
}

#[wasm_bindgen]
pub struct CognitoUser {
    pool: Rc<PoolShared>,
    storage: JsStorage,
    state: Rc<RefCell<UserState>>,
}

thread_local! {
    /// Refreshes in flight, shared by every CognitoUser object of this page: N parallel
    /// getSession calls for one user send one refresh.
    static REFRESHES: ResetAfterPanic<SingleFlight<Result<Session, CognitoError>>> = ResetAfterPanic::default();
}

/// A clone of what an async operation needs, so no borrow of the JS object is held across awaits.
#[derive(Clone)]
pub(super) struct Handle {
    pool: Rc<PoolShared>,
    storage: JsStorage,
    state: Rc<RefCell<UserState>>,
}

impl Handle {
    fn env(&self) -> Env<'_, super::fetch::FetchTransport, JsStorage> {
        self.pool.env(&self.storage)
    }

    fn username(&self) -> String {
        self.state.borrow().username.clone()
    }

    fn set_session(&self, username: String, session: Session) {
        let mut state = self.state.borrow_mut();
        state.username = username;
        state.session = Some(session);
        state.sign_in = None;
    }

    /// The in-memory session when it is valid: what the SDK's account methods require.
    fn valid_session(&self) -> Result<Session, CognitoError> {
        let session = self.state.borrow().session.clone();
        crate::flows::user_data::valid_session(&self.env(), session)
    }

    fn access_token(&self) -> Result<String, CognitoError> {
        self.valid_session().map(|s| s.access_token.jwt)
    }

    fn user_data_key(&self) -> String {
        keys::user_item(&self.pool.config.client_id, &self.username(), UserItem::UserData)
    }

    fn clear_local(&self) {
        let username = self.username();
        self.env().clear_session(&username);
        self.state.borrow_mut().session = None;
        self.emit(Change::SignOut);
    }

    fn emit(&self, change: Change) {
        events::emit(&self.pool.config.client_id, change, &self.username(), false);
    }
}

fn session_js(session: Session) -> JsValue {
    CognitoUserSession(session).into()
}

impl CognitoUser {
    pub(crate) fn create(username: String, pool: Rc<PoolShared>, storage: Option<JsValue>) -> CognitoUser {
        let storage = JsStorage(storage.unwrap_or_else(|| pool.storage.clone()));
        let state =
            UserState { username, flow_name: AuthFlow::UserSrp.name().to_string(), session: None, sign_in: None };
        CognitoUser { pool, storage, state: Rc::new(RefCell::new(state)) }
    }

    fn handle(&self) -> Handle {
        Handle { pool: self.pool.clone(), storage: self.storage.clone(), state: self.state.clone() }
    }

    /// Runs `op` and reports its result through `callback` (Node style, or the methods of a
    /// callback object) or, without a callback, a Promise.
    fn respond<Fut>(&self, callback: &JsValue, op: impl FnOnce(Handle) -> Fut) -> JsValue
    where
        Fut: Future<Output = Result<JsValue, CognitoError>> + 'static,
    {
        // The op only builds its future here; it starts running once spawned.
        respond_boxed(callback, Box::pin(op(self.handle())))
    }
}

/// Turns Cognito's answer to a call into the method's result.
type Answer = Box<dyn FnOnce(&Handle, Passthrough) -> Result<JsValue, CognitoError>>;

/// The answer of calls that report 'SUCCESS'.
fn answer_success(_: &Handle, _: Passthrough) -> Result<JsValue, CognitoError> {
    Ok(JsValue::from_str("SUCCESS"))
}

/// The answer of calls that report Cognito's response as it came.
fn answer_response(_: &Handle, response: Passthrough) -> Result<JsValue, CognitoError> {
    Ok(js_from_json(&Value::Object(response)))
}

impl Handle {
    /// Runs one of the user's operations (`flows::user::call`) as this user.
    async fn user_call(&self, call: &UserCall) -> Result<Passthrough, CognitoError> {
        let username = self.username();
        let access_token = || self.access_token();
        let caller = Caller { username: &username, access_token: &access_token };
        flows::user::call(&self.env(), &caller, call).await
    }
}

impl CognitoUser {
    /// [`CognitoUser::respond`] for one of the user's operations: runs `call` and reports
    /// `answer(response)`. The methods share one future instead of a state machine each
    /// (measured smaller; BENCHMARKS.md, "Size decisions").
    fn respond_to_call(
        &self, callback: &JsValue, call: UserCall,
        answer: impl FnOnce(&Handle, Passthrough) -> Result<JsValue, CognitoError> + 'static,
    ) -> JsValue {
        one_call(self.handle(), callback, call, Box::new(answer))
    }
}

fn one_call(h: Handle, callback: &JsValue, call: UserCall, answer: Answer) -> JsValue {
    respond_boxed(
        callback,
        Box::pin(async move {
            let response = h.user_call(&call).await?;
            answer(&h, response)
        }),
    )
}

/// `respond`'s body, not generic: one spawned wrapper for every method instead of a copy of
/// it (and of the op's state machine inlined into it) per method (measured smaller;
/// BENCHMARKS.md, "Size decisions").
fn respond_boxed(callback: &JsValue, op: Pin<Box<dyn Future<Output = Result<JsValue, CognitoError>>>>) -> JsValue {
    let (reply, ret) = reply_for(callback);
    crate::js::panic::spawn(async move { reply.settle(op.await) });
    ret
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
        panic_probe::trip(Point::GetUsername);
        self.state.borrow().username.clone()
    }
    #[wasm_bindgen(getter)]
    pub fn username(&self) -> String {
        self.get_username()
    }
    #[wasm_bindgen(getter)]
    pub fn storage(&self) -> JsValue {
        self.storage.0.clone()
    }
    #[wasm_bindgen(js_name = getAuthenticationFlowType)]
    pub fn get_authentication_flow_type(&self) -> String {
        self.state.borrow().flow_name.clone()
    }
    #[wasm_bindgen(js_name = setAuthenticationFlowType)]
    pub fn set_authentication_flow_type(&self, flow: JsValue) {
        self.state.borrow_mut().flow_name = string_arg(&flow);
    }
    /// The session of the last sign-in or getSession, or null (as in the SDK).
    #[wasm_bindgen(js_name = getSignInUserSession)]
    pub fn get_sign_in_user_session(&self) -> JsValue {
        self.state.borrow().session.clone().map(|s| CognitoUserSession(s).into()).unwrap_or(JsValue::NULL)
    }
    /// Sets the session and stores it, as the SDK does (clearing cached user data).
    #[wasm_bindgen(js_name = setSignInUserSession)]
    pub fn set_sign_in_user_session(&self, session: &CognitoUserSession) -> Result<(), JsValue> {
        let h = self.handle();
        let username = self.get_username();
        h.storage_remove(&h.user_data_key());
        h.env().store_session(&username, &session.0).map_err(|e| error(&e))?;
        h.set_session(username, session.0.clone());
        Ok(())
    }
}

impl Handle {
    fn storage_remove(&self, key: &str) {
        crate::storage::Storage::remove_item(&self.storage, key)
    }
}
