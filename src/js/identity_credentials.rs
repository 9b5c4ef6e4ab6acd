//! `CognitoIdentityCredentials` (ours): temporary AWS credentials from an identity pool,
//! for a signed-in user (their ID token in `Logins`) or a guest, without the AWS SDK.
//! Shaped like the AWS SDK's class of that name: `get`, `refresh`, `needsRefresh`, and
//! `accessKeyId` / `secretAccessKey` / `sessionToken` / `expiration` / `identityId`.

use super::callbacks::reply_for;
use super::convert::{call_method, call_string, get, get_string, js_from_json, json_from_js, plain_error};
use super::fetch::FetchTransport;
use super::js_storage::{usable_local_storage, JsStorage};
use super::panic::ResetAfterPanic;
use crate::flows::clock::now_secs;
use crate::flows::identity::{logins_with_id_token, IdentityEnv, IdentityPool, Known};
use crate::flows::single_flight::SingleFlight;
use crate::json;
use crate::json::{Object, Value};
use crate::protocol::{CognitoError, ErrorKind};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// What the constructor was given; fixed for the object's life.
struct Config {
    pool: IdentityPool,
    logins: Object,
    /// A CognitoUser whose session supplies (and refreshes) the ID token.
    user: JsValue,
    storage: JsStorage,
    transport: FetchTransport,
}

impl Config {
    fn env(&self) -> IdentityEnv<'_, FetchTransport, JsStorage> {
        IdentityEnv {
            pool: &self.pool,
            transport: &self.transport,
            storage: &self.storage,
            now: now_secs,
            random: getrandom::getrandom,
            // Identity pools have no advanced security.
            context_data: &crate::protocol::user_context::NoCollector,
        }
    }
}

#[wasm_bindgen]
pub struct CognitoIdentityCredentials {
    config: Rc<Config>,
    known: Rc<RefCell<Known>>,
    flights: Rc<ResetAfterPanic<SingleFlight<Result<(), CognitoError>>>>,
}

/// Logins for this call: with a user, their current ID token (refreshed by getSession when
/// expired) added by the core; else what the app passed.
async fn current_logins(config: &Config) -> Result<Object, CognitoError> {
    let user = &config.user;
    if user.is_undefined() || user.is_null() {
        return Ok(config.logins.clone());
    }
    let promise =
        call_method(user, "getSession", &[]).and_then(Result::ok).and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
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
    Ok(logins_with_id_token(&config.logins, &id_token))
}

fn credentials_js(known: &Known) -> JsValue {
    let Some(c) = &known.credentials else { return JsValue::NULL };
    let obj = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&obj, &k.into(), &v);
    };
    set("accessKeyId", c.access_key_id.clone().into());
    set("secretAccessKey", c.secret_key.clone().into());
    set("sessionToken", c.session_token.clone().into());
    set("expiration", js_sys::Date::new(&JsValue::from(c.expiration * 1000.0)).into());
    set("identityId", known.identity_id.clone().map(JsValue::from).unwrap_or(JsValue::NULL));
    obj.into()
}

impl CognitoIdentityCredentials {
    /// Fetches (or, unless `force`, reuses unexpired) credentials and reports them.
    fn obtain(&self, callback: JsValue, force: bool) -> JsValue {
        let (reply, ret) = reply_for(&callback);
        let (config, known, flights) = (self.config.clone(), self.known.clone(), self.flights.clone());
        crate::js::panic::spawn(async move {
            let result = config.env().get(&known, &flights.get(), force, current_logins(&config)).await;
            reply.settle(result.map(|()| credentials_js(&known.borrow())));
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
        let storage =
            Some(get(&data, "Storage")).filter(|s| s.is_object()).or_else(usable_local_storage).unwrap_or_default();
        let config = Config {
            pool: IdentityPool::new(identity_pool_id, get_string(&data, "endpoint").as_deref()),
            logins,
            user: get(&data, "user"),
            storage: JsStorage(storage),
            transport: FetchTransport { credentials: None },
        };
        Ok(CognitoIdentityCredentials { config: Rc::new(config), known: Rc::default(), flights: Rc::default() })
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
        self.config.env().needs_refresh(&self.known.borrow())
    }

    /// Forgets the credentials and the cached identity id (e.g. on sign-out).
    #[wasm_bindgen(js_name = clearCachedId)]
    pub fn clear_cached_id(&self) {
        self.config.env().clear_cached_id(&self.known)
    }

    #[wasm_bindgen(getter, js_name = identityId)]
    pub fn identity_id(&self) -> Option<String> {
        self.known.borrow().identity_id.clone()
    }
    #[wasm_bindgen(getter, js_name = accessKeyId)]
    pub fn access_key_id(&self) -> Option<String> {
        self.known.borrow().credentials.as_ref().map(|c| c.access_key_id.clone())
    }
    #[wasm_bindgen(getter, js_name = secretAccessKey)]
    pub fn secret_access_key(&self) -> Option<String> {
        self.known.borrow().credentials.as_ref().map(|c| c.secret_key.clone())
    }
    #[wasm_bindgen(getter, js_name = sessionToken)]
    pub fn session_token(&self) -> Option<String> {
        self.known.borrow().credentials.as_ref().map(|c| c.session_token.clone())
    }
    /// A Date, or null before the first `get`.
    #[wasm_bindgen(getter)]
    pub fn expiration(&self) -> JsValue {
        let expiration = self.known.borrow().credentials.as_ref().map(|c| c.expiration);
        expiration.map(|e| js_sys::Date::new(&JsValue::from(e * 1000.0)).into()).unwrap_or(JsValue::NULL)
    }
    /// The Logins map sent with the last request (the app's, plus the user's ID token).
    #[wasm_bindgen(getter)]
    pub fn params(&self) -> JsValue {
        let config = &self.config;
        js_from_json(&json!({ "IdentityPoolId": (config.pool.id), "Logins": (config.logins) }))
    }
}
