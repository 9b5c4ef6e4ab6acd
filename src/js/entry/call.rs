//! One entry point call's input: the pool's settings, what the JS object holds (`user`),
//! the method's arguments (`args`), and the caller's storage object; and the session
//! data shape the JS objects and the core exchange.

use crate::flows::Env;
use crate::js::fetch::FetchTransport;
use crate::js::js_storage::JsStorage;
use crate::js::pool_shared::PoolShared;
use crate::json::{Object, Value};
use crate::prelude::*;
use crate::protocol::types::{string_map, StringMap};
use crate::protocol::CognitoError;
use crate::session::{JwtToken, Session};

/// One call's input, parsed.
pub(super) struct Call {
    input: Value,
    pub storage: JsStorage,
    pub shared: PoolShared,
    /// Read once here: most operations want them, several more than once.
    username: String,
    session: Option<Session>,
}

impl Call {
    /// The pool's settings checked as `new CognitoUserPool` checks them (the error is the
    /// SDK's plain Error then).
    /// Boxed: a call is large, and the entry's future and `Result`s would copy it.
    pub fn parse(input: Value, storage: JsStorage) -> Result<Box<Call>, CognitoError> {
        if input.as_object().is_none() {
            return Err(CognitoError::invalid_parameter("The call's input is not a JSON object."));
        }
        let shared = PoolShared::from_data(&input["pool"])?;
        let user = &input["user"];
        let username = user.get("username").and_then(Value::as_str).unwrap_or_default().to_string();
        let session = user.get("session").and_then(session_from);
        Ok(Box::new(Call { input, storage, shared, username, session }))
    }

    pub fn env(&self) -> Env<'_, FetchTransport, JsStorage> {
        self.shared.env(&self.storage)
    }

    pub fn user(&self) -> &Value {
        &self.input["user"]
    }

    pub fn username(&self) -> &str {
        &self.username
    }

    /// The challenge Session the user holds (`user.Session`; an empty one is none).
    pub fn challenge_session(&self) -> Option<&str> {
        self.user().get("Session").and_then(Value::as_str).filter(|s| !s.is_empty())
    }

    /// The user's in-memory session (`user.signInUserSession`), as the JS object held it.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The method's arguments, by name (an object).
    pub fn args(&self) -> &Value {
        &self.input["args"]
    }

    pub fn arg(&self, name: &str) -> &Value {
        &self.args()[name]
    }

    /// A text argument: absent and null are empty, so a missing argument reaches Cognito
    /// as an invalid value, never as the word "undefined" (the JS passes `String(v)`).
    pub fn text(&self, name: &str) -> String {
        self.optional_text(name).unwrap_or_default()
    }

    pub fn optional_text(&self, name: &str) -> Option<String> {
        self.arg(name).as_str().map(str::to_string)
    }

    pub fn string_map(&self, name: &str) -> Option<StringMap> {
        string_map(self.arg(name))
    }

    /// How the app takes its answer: a callback object (`"object"`), else (no `to`) a
    /// Node-style function or a Promise.
    pub fn to_object(&self) -> bool {
        self.input["to"].as_str() == Some("object")
    }
}

/// A session as the JS objects hold it: `{ IdToken, AccessToken, RefreshToken, ClockDrift }`.
pub(super) fn session_from(v: &Value) -> Option<Session> {
    let text = |k: &str| v.get(k).and_then(Value::as_str);
    // Both read before either is parsed: no token to drop when the other is missing.
    let (id_token, access_token) = (text("IdToken")?, text("AccessToken")?);
    Some(Session {
        id_token: JwtToken::new(id_token),
        access_token: JwtToken::new(access_token),
        refresh_token: text("RefreshToken").unwrap_or_default().to_string(),
        clock_drift: v.get("ClockDrift").and_then(Value::as_f64).map_or(0, |d| d as i64),
    })
}

pub(super) fn session_json(s: &Session) -> Value {
    let mut o = Object::new();
    o.insert("IdToken", Value::String(s.id_token.jwt.clone()));
    o.insert("AccessToken", Value::String(s.access_token.jwt.clone()));
    o.insert("RefreshToken", Value::String(s.refresh_token.clone()));
    o.insert("ClockDrift", crate::json::ToJson::to_json(&s.clock_drift));
    Value::Object(o)
}
