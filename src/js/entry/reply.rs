//! What an entry point answers: the properties the JS object is to hold afterwards, and
//! what the app is told. The JS facade delivers a [`Reply`] to the callback object, the
//! Node-style callback or the Promise, wrapping sessions and attributes in the SDK's
//! classes; it decides nothing.
//!
//! | reply | the app gets |
//! |---|---|
//! | `{ ok, details? }` | success with `ok` (and a second argument `details`) |
//! | `{ session, details? }` | success with a `CognitoUserSession` of these tokens |
//! | `{ attributes }` | success with `CognitoUserAttribute[]` |
//! | `{ err }` | failure with an Error carrying `code`, `name`, `message`, `statusCode` (a plain Error when there is no `code`) |
//! | `{ err: { message, type: 'TypeError' } }` | (thrown) a TypeError, as the SDK's code would throw |
//! | `{ method, args, otherwise }` | the callback object's `method(...args)` when it has one, else `otherwise` |
//! | `{ pending }` | (`now` only) nothing yet: the JS calls `run` with the same input (getSession's `pending` is the key its concurrent calls share that run under) |
//!
//! Every operation ends in an [`Outcome`]; [`Answer::text`] is the one place an error
//! becomes a reply.

use super::call::session_json;
use crate::json::{Object, Value};
use crate::prelude::*;
use crate::protocol::CognitoError;
use crate::session::Session;

pub(super) struct Reply(Object);

/// What an operation ends with: a reply, or a coded error (reported as `{ err }`).
pub(super) type Outcome = Result<Reply, CognitoError>;

impl Reply {
    pub fn one(key: &str, value: Value) -> Reply {
        let mut o = Object::new();
        o.insert(key, value);
        Reply(o)
    }

    pub fn ok(value: Value) -> Reply {
        Reply::one("ok", value)
    }

    /// Success with `undefined` (or `value`): JSON has no undefined, so no `ok` at all.
    pub fn ok_or_undefined(value: Option<Value>) -> Reply {
        match value {
            Some(v) => Reply::ok(v),
            None => Reply::done(),
        }
    }

    /// Success with nothing to give (`undefined`). Not inlined: a call is smaller than
    /// an empty object's three stores at each of its dozen call sites (measured).
    #[inline(never)]
    pub fn done() -> Reply {
        Reply(Object::new())
    }

    pub fn ok_str(text: &str) -> Reply {
        Reply::ok(Value::String(text.to_string()))
    }

    pub fn success() -> Reply {
        Reply::ok_str("SUCCESS")
    }

    pub fn session(session: &Session) -> Reply {
        Reply::one("session", session_json(session))
    }

    pub fn err(e: &CognitoError) -> Reply {
        Reply::error(Some(e.code()), &e.message, e.status_code, None)
    }

    /// A plain `Error(message)`, no code: the SDK's own argument checks throw these.
    pub fn plain_err(message: &str) -> Reply {
        Reply::error(None, message, None, None)
    }

    /// A `TypeError(message)`: what the SDK's code throws on a value it cannot use.
    pub fn type_error(message: &str) -> Reply {
        Reply::error(None, message, None, Some("TypeError"))
    }

    /// `{ err }`: the SDK's error shape as data (the JS makes an Error of it): a coded
    /// error's `code`, `name`, `message`, `statusCode`, or a plain one's `message` and
    /// `type`. One builder for both kinds.
    fn error(code: Option<&str>, message: &str, status: Option<u16>, kind: Option<&str>) -> Reply {
        let mut o = Object::new();
        if let Some(code) = code {
            let code = Value::String(code.to_string());
            o.insert("code", code.clone());
            o.insert("name", code);
        }
        o.insert("message", Value::String(message.to_string()));
        if let Some(status) = status {
            o.insert("statusCode", crate::json::ToJson::to_json(&u32::from(status)));
        }
        if let Some(kind) = kind {
            o.insert("type", Value::String(kind.to_string()));
        }
        Reply::one("err", Value::Object(o))
    }

    pub fn pending() -> Reply {
        Reply::one("pending", Value::Bool(true))
    }

    /// This `ok` value handed to the callback object's `method` instead when it has one
    /// (the JS shapes the call, src/facade/core.js `deliver`); without such a method,
    /// `onSuccess("SUCCESS")` when `success`, else this.
    pub fn or_method(mut self, method: &str, success: bool) -> Reply {
        self.0.insert("method", Value::String(method.to_string()));
        if success {
            self.0.insert("otherwise", Value::Object(Reply::success().0));
        }
        self
    }

    /// A second argument for the success callback.
    pub fn with_details(mut self, details: Value) -> Reply {
        self.0.insert("details", details);
        self
    }
}

/// The properties of the JS object an operation sets, in the order it sets them; with
/// its [`Outcome`], the entry point's whole answer.
#[derive(Default)]
pub(super) struct Answer {
    user: Object,
}

impl Answer {
    /// A property of the JS object to set (`username`, `Session`, `session`, ...).
    pub fn set(&mut self, key: &str, value: Value) {
        self.user.insert(key, value);
    }

    pub fn set_str(&mut self, key: &str, value: &str) {
        self.set(key, Value::String(value.to_string()));
    }

    /// A property of the JS object to set to `undefined` (JSON has none), where this
    /// comes in the order of properties. One per answer (`challengeName` is the only one):
    /// a second call would replace the first.
    pub fn unset(&mut self, key: &str) {
        self.set("unset", Value::Array(vec![Value::String(key.to_string())]));
    }

    /// The answer, `{ user?, reply }` as JSON text, to the JS side's call `id`
    /// (`host.settle`; 0 is `now`'s): one copy of this for both kinds of call.
    pub fn settle(self, id: u32, outcome: Outcome) {
        let reply = outcome.unwrap_or_else(|e| Reply::err(&e));
        let mut o = Object::new();
        if !self.user.is_empty() {
            o.insert("user", Value::Object(self.user));
        }
        o.insert("reply", Value::Object(reply.0));
        crate::js::host::host().settle(id, &Value::Object(o).stringify());
    }
}
