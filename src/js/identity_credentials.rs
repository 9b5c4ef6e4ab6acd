//! `CognitoIdentityCredentials` (ours): temporary AWS credentials from an identity pool,
//! for a signed-in user (their ID token in `Logins`) or a guest, without the AWS SDK.
//! Shaped like the AWS SDK's class of that name: `get`, `refresh`, `needsRefresh`, and
//! `accessKeyId` / `secretAccessKey` / `sessionToken` / `expiration` / `identityId`.

use super::callbacks::reply_for;
use super::convert::{call_method, call_string, get, get_string, js_from_json, json_from_js, plain_error};
use super::fetch::FetchTransport;
use super::js_storage::{default_storage, JsStorage};
use super::panic::ResetAfterPanic;
use crate::flows::clock::now_secs;
use crate::flows::single_flight::SingleFlight;
use crate::flows::transport::Transport;
use crate::json;
use crate::json::{FromJson, Object, Value};
use crate::protocol::identity::{self, Credentials, CredentialsResponse, GetIdResponse};
use crate::protocol::{CognitoError, ErrorKind, Request};
use crate::session::decode_payload;
use crate::storage::Storage;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

struct State {
    identity_pool_id: String,
    endpoint: String,
    logins: Object,
    /// A CognitoUser whose session supplies (and refreshes) the ID token.
    user: JsValue,
    storage: JsStorage,
    identity_id: Option<String>,
    credentials: Option<Credentials>,
}

#[wasm_bindgen]
pub struct CognitoIdentityCredentials {
    state: Rc<RefCell<State>>,
    flights: Rc<ResetAfterPanic<SingleFlight<Result<(), CognitoError>>>>,
}

type Shared = (Rc<RefCell<State>>, Rc<ResetAfterPanic<SingleFlight<Result<(), CognitoError>>>>);

async fn call<R: FromJson>(state: &Rc<RefCell<State>>, request: Request) -> Result<R, CognitoError> {
    let endpoint = state.borrow().endpoint.clone(); // cloned: no borrow is held across the await
    FetchTransport { credentials: None }.send(&endpoint, &request).await?.into_result()
}

/// Logins for this call: with a user, their current ID token (refreshed by getSession when
/// expired) under their pool's provider name; else what the app passed.
async fn current_logins(state: &Rc<RefCell<State>>) -> Result<Object, CognitoError> {
    let user = state.borrow().user.clone();
    if user.is_undefined() || user.is_null() {
        return Ok(state.borrow().logins.clone());
    }
    let promise =
        call_method(&user, "getSession", &[]).and_then(Result::ok).and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let Some(promise) = promise else { return Err(CognitoError::invalid_parameter("`user` must be a CognitoUser.")) };
    let session = JsFuture::from(promise).await.map_err(|e| {
        CognitoError::new(
            ErrorKind::from_code(&get_string(&e, "code").unwrap_or_else(|| "NotAuthorizedException".into())),
            get_string(&e, "message").unwrap_or_default(),
        )
    })?;
    let id_token = call_string(
        &call_method(&session, "getIdToken", &[]).and_then(Result::ok).unwrap_or(JsValue::UNDEFINED),
        "getJwtToken",
    )
    .unwrap_or_default();
    // The provider is named after the user pool, which the token's issuer ends with.
    let issuer = decode_payload(&id_token)
        .and_then(|p| p.get("iss").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default();
    let pool_id = issuer.rsplit('/').next().unwrap_or_default();
    let mut logins = state.borrow().logins.clone();
    logins.insert(identity::login_provider(pool_id), Value::String(id_token));
    Ok(logins)
}

/// GetId (unless cached), then GetCredentialsForIdentity. A cached identity id that the
/// pool no longer knows is dropped and fetched again, once.
async fn fetch_credentials(state: Rc<RefCell<State>>) -> Result<(), CognitoError> {
    let logins = current_logins(&state).await?;
    let pool_id = state.borrow().identity_pool_id.clone();
    let key = identity::identity_id_key(&pool_id);
    for attempt in 0..2 {
        let cached = state.borrow().identity_id.clone().or_else(|| state.borrow().storage.get_item(&key));
        let identity_id = match cached {
            Some(id) => id,
            None => call::<GetIdResponse>(&state, identity::get_id(&pool_id, &logins)).await?.identity_id,
        };
        match call::<CredentialsResponse>(&state, identity::get_credentials_for_identity(&identity_id, &logins)).await {
            Ok(r) => {
                let _ = state.borrow().storage.set_item(&key, &r.identity_id);
                let mut s = state.borrow_mut();
                s.identity_id = Some(r.identity_id);
                s.credentials = Some(r.credentials);
                return Ok(());
            }
            Err(e) if attempt == 0 && matches!(e.kind, ErrorKind::ResourceNotFound | ErrorKind::NotAuthorized) => {
                state.borrow().storage.remove_item(&key);
                state.borrow_mut().identity_id = None;
            }
            Err(e) => return Err(e),
        }
    }
    Err(CognitoError::new(ErrorKind::NotAuthorized, "The identity pool refused this identity."))
}

fn credentials_js(state: &State) -> JsValue {
    let Some(c) = &state.credentials else { return JsValue::NULL };
    let obj = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&obj, &k.into(), &v);
    };
    set("accessKeyId", c.access_key_id.clone().into());
    set("secretAccessKey", c.secret_key.clone().into());
    set("sessionToken", c.session_token.clone().into());
    set("expiration", js_sys::Date::new(&JsValue::from(c.expiration * 1000.0)).into());
    set("identityId", state.identity_id.clone().map(JsValue::from).unwrap_or(JsValue::NULL));
    obj.into()
}

impl CognitoIdentityCredentials {
    fn shared(&self) -> Shared {
        (self.state.clone(), self.flights.clone())
    }

    /// Fetches (or, unless `force`, reuses unexpired) credentials and reports them.
    fn obtain(&self, callback: JsValue, force: bool) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let (state, flights) = self.shared();
        crate::js::panic::spawn(async move {
            let fresh = !force
                && state
                    .borrow()
                    .credentials
                    .as_ref()
                    .is_some_and(|c| !identity::needs_refresh(c.expiration, now_secs() as f64));
            let result = if fresh {
                Ok(())
            } else {
                flights.get().run("credentials", || fetch_credentials(state.clone())).await
            };
            reply.settle(result.map(|()| credentials_js(&state.borrow())));
        });
        ret
    }
}

#[wasm_bindgen]
impl CognitoIdentityCredentials {
    /// `new CognitoIdentityCredentials({ IdentityPoolId, Logins?, user?, endpoint?, Storage? })`.
    /// With `user` (a CognitoUser) its ID token is used and kept fresh; with neither `Logins`
    /// nor `user`, a guest (unauthenticated) identity.
    #[wasm_bindgen(constructor)]
    pub fn new(data: JsValue) -> Result<CognitoIdentityCredentials, JsValue> {
        let Some(identity_pool_id) = get_string(&data, "IdentityPoolId").filter(|p| p.contains(':')) else {
            return Err(plain_error("IdentityPoolId is required, like 'us-east-1:1a2b3c4d-...'."));
        };
        let logins = match json_from_js(&get(&data, "Logins")) {
            Some(Value::Object(map)) => map,
            _ => Object::new(),
        };
        let storage = Some(get(&data, "Storage")).filter(|s| s.is_object()).unwrap_or_else(default_storage);
        let state = State {
            endpoint: identity::endpoint_for(&identity_pool_id, get_string(&data, "endpoint").as_deref()),
            identity_pool_id,
            logins,
            user: get(&data, "user"),
            storage: JsStorage(storage),
            identity_id: None,
            credentials: None,
        };
        Ok(CognitoIdentityCredentials { state: Rc::new(RefCell::new(state)), flights: Rc::default() })
    }

    /// `get(callback)`: the credentials, fetched only when missing or about to expire.
    pub fn get(&self, callback: JsValue) -> JsValue {
        self.obtain(callback, false)
    }

    /// `refresh(callback)`: new credentials now.
    pub fn refresh(&self, callback: JsValue) -> JsValue {
        self.obtain(callback, true)
    }

    /// Whether `get` would fetch (no credentials, or expiring within five minutes).
    #[wasm_bindgen(js_name = needsRefresh)]
    pub fn needs_refresh(&self) -> bool {
        self.state
            .borrow()
            .credentials
            .as_ref()
            .is_none_or(|c| identity::needs_refresh(c.expiration, now_secs() as f64))
    }

    /// Forgets the credentials and the cached identity id (e.g. on sign-out).
    #[wasm_bindgen(js_name = clearCachedId)]
    pub fn clear_cached_id(&self) {
        let mut s = self.state.borrow_mut();
        let key = identity::identity_id_key(&s.identity_pool_id);
        s.storage.remove_item(&key);
        s.identity_id = None;
        s.credentials = None;
    }

    #[wasm_bindgen(getter, js_name = identityId)]
    pub fn identity_id(&self) -> Option<String> {
        self.state.borrow().identity_id.clone()
    }
    #[wasm_bindgen(getter, js_name = accessKeyId)]
    pub fn access_key_id(&self) -> Option<String> {
        self.state.borrow().credentials.as_ref().map(|c| c.access_key_id.clone())
    }
    #[wasm_bindgen(getter, js_name = secretAccessKey)]
    pub fn secret_access_key(&self) -> Option<String> {
        self.state.borrow().credentials.as_ref().map(|c| c.secret_key.clone())
    }
    #[wasm_bindgen(getter, js_name = sessionToken)]
    pub fn session_token(&self) -> Option<String> {
        self.state.borrow().credentials.as_ref().map(|c| c.session_token.clone())
    }
    /// A Date, or null before the first `get`.
    #[wasm_bindgen(getter)]
    pub fn expiration(&self) -> JsValue {
        let expiration = self.state.borrow().credentials.as_ref().map(|c| c.expiration);
        expiration.map(|e| js_sys::Date::new(&JsValue::from(e * 1000.0)).into()).unwrap_or(JsValue::NULL)
    }
    /// The Logins map sent with the last request (the app's, plus the user's ID token).
    #[wasm_bindgen(getter)]
    pub fn params(&self) -> JsValue {
        let state = self.state.borrow();
        js_from_json(&json!({ "IdentityPoolId": (state.identity_pool_id), "Logins": (state.logins) }))
    }
}
