//! The wasm boundary. The public classes are plain JavaScript (src/facade); they call
//! these few entry points with plain data and get plain data back:
//!
//! - `run(op, input, storage)`: an operation that may send requests; a Promise of the
//!   answer (a panic rejects it with a coded error, see `super::panic`).
//! - `now(op, input, storage)`: an operation that never waits; the answer at once.
//! - `onSessionChange(clientId, listener)`, `localStorageIfUsable()`: bindings that
//!   hand JS objects across, which plain data cannot carry.
//!
//! `input` and the answer are JSON text (the crate's own parser and writer, so no
//! conversion machinery is compiled in). `storage` is the caller's storage object
//! (`user.storage`). The input holds `pool` (the pool's settings), `user` (what the JS
//! object holds: `username`, `flow`, `Session`, `session`) and `args` (the method's
//! arguments). The answer is `{ user?, reply }`: the properties the JS object is to hold
//! afterwards, and what its caller is told ([`Reply`]). Which request goes out, which
//! challenge comes next, what is stored and when to refresh is decided here and below,
//! never in the JS.

mod cookie;
mod data;
mod identity;
mod pending;
mod pool;
mod reply;
mod user;

use super::fetch::FetchTransport;
use super::js_storage::JsStorage;
use super::panic_probe::{self, Point};
use super::pool_shared::PoolShared;
use crate::flows::Env;
use crate::json::{self, Object, Value};
use crate::protocol::types::StringMap;
use crate::protocol::CognitoError;
use crate::session::{JwtToken, Session};
use reply::{Answer, Reply};
use wasm_bindgen::prelude::*;

/// One call's input, parsed.
pub(super) struct Call {
    input: Object,
    storage: JsStorage,
    shared: PoolShared,
}

impl Call {
    fn parse(input: &str, storage: JsValue) -> Result<Call, CognitoError> {
        let input = json::parse(input)
            .ok()
            .and_then(Value::into_object)
            .ok_or_else(|| CognitoError::invalid_parameter("The call's input is not a JSON object."))?;
        let shared = PoolShared::from_data(input.get("pool").unwrap_or(&Value::Null))?;
        let storage = JsStorage(storage);
        Ok(Call { input, storage, shared })
    }

    fn env(&self) -> Env<'_, FetchTransport, JsStorage> {
        self.shared.env(&self.storage)
    }

    fn user(&self) -> &Value {
        self.input.get("user").unwrap_or(&Value::Null)
    }

    fn username(&self) -> String {
        self.user().get("username").and_then(Value::as_str).unwrap_or_default().to_string()
    }

    /// The user's in-memory session (`user.signInUserSession`), as the JS object held it.
    fn session(&self) -> Option<Session> {
        session_from(self.user().get("session")?)
    }

    fn arg(&self, name: &str) -> &Value {
        self.input.get("args").and_then(|a| a.get(name)).unwrap_or(&Value::Null)
    }

    /// A text argument: absent and null are empty, so a missing argument reaches Cognito
    /// as an invalid value, never as the word "undefined" (the JS passes `String(v)`).
    fn text(&self, name: &str) -> String {
        self.optional_text(name).unwrap_or_default()
    }

    fn optional_text(&self, name: &str) -> Option<String> {
        self.arg(name).as_str().map(str::to_string)
    }

    fn string_map(&self, name: &str) -> Option<StringMap> {
        string_map(self.arg(name))
    }

    /// How the app takes its answer: a callback object (`"object"`), a Node-style
    /// function (`"node"`), or a Promise.
    fn to_object(&self) -> bool {
        self.input.get("to").and_then(Value::as_str) == Some("object")
    }
}

/// A map of strings from an app's object (ClientMetadata, ValidationData as a map):
/// values that are not strings are left out, as JSON.stringify would keep them but
/// Cognito refuses them.
pub(super) fn string_map(v: &Value) -> Option<StringMap> {
    let o = v.as_object()?;
    let mut map = StringMap::new();
    for (k, v) in o.iter() {
        if let Some(s) = v.as_str() {
            map.insert(k.as_str(), s.to_string());
        }
    }
    Some(map)
}

/// A session as the JS objects hold it: `{ IdToken, AccessToken, RefreshToken, ClockDrift }`.
pub(super) fn session_from(v: &Value) -> Option<Session> {
    let text = |k: &str| v.get(k).and_then(Value::as_str);
    Some(Session {
        id_token: JwtToken::new(text("IdToken")?),
        access_token: JwtToken::new(text("AccessToken")?),
        refresh_token: text("RefreshToken").unwrap_or_default().to_string(),
        clock_drift: v.get("ClockDrift").and_then(Value::as_f64).map_or(0, |d| d as i64),
    })
}

pub(super) fn session_json(s: &Session) -> Value {
    crate::json!({
        "IdToken": (s.id_token.jwt.as_str()),
        "AccessToken": (s.access_token.jwt.as_str()),
        "RefreshToken": (s.refresh_token.as_str()),
        "ClockDrift": (s.clock_drift)
    })
}

/// `run`: an operation that may send requests. Resolves with the answer's JSON text.
#[wasm_bindgen]
pub fn run(op: &str, input: &str, storage: JsValue) -> js_sys::Promise {
    if let Some(promise) = identity::run(op, input, &storage) {
        return promise;
    }
    let (reply, promise) = super::callbacks::reply_with_promise();
    if op == "authenticateUser" {
        panic_probe::trip(Point::AuthenticateSync);
    }
    let (op, call) = (op.to_string(), Call::parse(input, storage));
    super::panic::spawn(async move {
        let answer = match call {
            Ok(call) => user::run(&op, &call).await,
            Err(e) => Answer::reply(Reply::plain_err(&e.message)),
        };
        reply.ok(JsValue::from_str(&answer.text()));
    });
    promise
}

/// `now`: an operation that never waits.
#[wasm_bindgen]
pub fn now(op: &str, input: &str, storage: JsValue) -> String {
    if let Some(answer) =
        data::now(op, input).or_else(|| cookie::now(op, input)).or_else(|| identity::now(op, input, &storage))
    {
        return answer.text();
    }
    let answer = match Call::parse(input, storage) {
        Ok(call) => pool::now(op, &call).unwrap_or_else(|| user::now(op, &call)),
        Err(e) => Answer::reply(Reply::plain_err(&e.message)),
    };
    answer.text()
}

/// `pool.onSessionChange(listener)` (ours): returns the function that removes it.
#[wasm_bindgen(js_name = onSessionChange)]
pub fn on_session_change(client_id: &str, listener: js_sys::Function) -> JsValue {
    super::events::subscribe(client_id, listener)
}

/// The SDK's default storage: localStorage when it exists and takes a write (Safari's
/// private mode throws), else `undefined` (the JS then uses its MemoryStorage).
#[wasm_bindgen(js_name = localStorageIfUsable)]
pub fn local_storage_if_usable() -> JsValue {
    super::js_storage::usable_local_storage().unwrap_or(JsValue::UNDEFINED)
}
