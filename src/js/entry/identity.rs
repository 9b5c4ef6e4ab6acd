//! `CognitoIdentityCredentials`' operations (src/facade/CognitoIdentityCredentials.js):
//! temporary AWS credentials from an identity pool (`flows::identity`). The JS object
//! holds its settings (`config`: `IdentityPoolId`, `Logins`, `endpoint`) and what it knows
//! (`known`: the identity id and the credentials), and shares one fetch among its
//! concurrent `get`s; each call hands them here, with the
//! `userAgent` of the moment and the caller's storage, and the answer says what the object knows afterwards (`user.known`).
//!
//! `get` is two steps, like `getSession`: `now` answers at once with fresh credentials,
//! or `{ pending }`; the JS then asks the user for its session (`user.getSession`, which
//! refreshes an expired one) and calls `run` with what that gave (`user`: `{ idToken }`,
//! `{ failed: { code, message } }`, `{ unusable }`, or null without a user).

use super::op::Op;
use super::reply::{Answer, Outcome, Reply};
use crate::flows::clock::now_secs;
use crate::flows::identity::{logins_with_id_token, Fetched, IdentityEnv, IdentityPool, Known};
use crate::js::fetch::FetchTransport;
use crate::js::js_storage::JsStorage;
use crate::json::{Object, Value};
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind};
use core::future::Future;

const POOL_ID_ERROR: &str = "IdentityPoolId is required, like 'us-east-1:1a2b3c4d-...'.";
const NOT_A_USER_ERROR: &str = "`user` must be a CognitoUser.";

/// One call's input, parsed.
pub(super) struct Call<'a> {
    input: &'a Value,
    pool: IdentityPool,
    storage: JsStorage,
    transport: FetchTransport,
}

impl Call<'_> {
    pub(super) fn parse(input: &Value, storage: JsStorage) -> Call<'_> {
        let config = &input["config"];
        let id = config["IdentityPoolId"].as_str().unwrap_or_default().to_string();
        let pool = IdentityPool::new(id, config["endpoint"].as_str());
        // The X-Amz-User-Agent as the JS's UserAgent reads at the time of the call.
        let user_agent = input["userAgent"].as_str().unwrap_or(crate::protocol::USER_AGENT).to_string();
        let transport = FetchTransport { credentials: None, user_agent };
        Call { input, pool, storage, transport }
    }

    pub(super) fn env(&self) -> IdentityEnv<'_, FetchTransport, JsStorage> {
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

    /// What the object knows: the data the core gave it (`Known`).
    fn known(&self) -> Known {
        self.input["known"].as_object().cloned().unwrap_or_default()
    }

    fn force(&self) -> bool {
        self.input["force"].as_bool() == Some(true)
    }

    /// The Logins of this call: with a user, their ID token added to the app's.
    fn logins(&self) -> Result<Object, CognitoError> {
        let app = self.input["config"]["Logins"].as_object().cloned().unwrap_or_default();
        let user = &self.input["user"];
        if user.is_null() {
            return Ok(app);
        }
        if let Some(id_token) = user["idToken"].as_str() {
            return Ok(logins_with_id_token(app, id_token));
        }
        let Some(failed) = user.get("failed") else { return Err(CognitoError::invalid_parameter(NOT_A_USER_ERROR)) };
        let kind = failed["code"].as_str().map_or(ErrorKind::NotAuthorized, ErrorKind::from_code);
        Err(CognitoError::new(kind, failed["message"].as_str().unwrap_or_default()))
    }
}

/// The answer to an identity operation that never waits (`op` is one).
pub(super) fn now(op: Op, input: &Value, storage: u32, out: &mut Answer) -> Outcome {
    if op == Op::IdentityCredentials {
        return construct(input, out);
    }
    let call = Call::parse(input, JsStorage(storage));
    let known = call.known();
    let stale = call.env().needs_refresh(&known);
    Ok(match op {
        // `get` / `refresh`: fresh credentials at once, else `run` fetches.
        Op::IdentityGet if stale || call.force() => Reply::pending(),
        Op::IdentityGet => Reply::ok(known_json(&known)),
        Op::IdentityNeedsRefresh => Reply::ok(Value::Bool(stale)),
        // `identityClearCachedId`: forgets the credentials and the cached identity id (e.g. on sign-out).
        _ => {
            out.set("known", known_json(&call.env().clear_cached_id()));
            Reply::done()
        }
    })
}

impl<'a> Call<'a> {
    /// `get` / `refresh` (`identityGet`, the one identity operation of `run`) once the JS
    /// has asked the user for its session: fetches. Not an async fn: the entry's future
    /// awaits the flow's own (one state machine less), then tells what the object knows
    /// ([`got`]).
    pub(super) fn get<'f>(
        &'f self, env: &'f IdentityEnv<'f, FetchTransport, JsStorage>,
    ) -> impl Future<Output = Fetched> + 'f {
        env.get(self.known(), self.force(), || self.logins())
    }
}

/// What the object knows after `get`, and the reply.
pub(super) fn got((known, result): Fetched, out: &mut Answer) -> Outcome {
    out.set("known", known_json(&known));
    result.map(|()| Reply::ok(known_json(&known)))
}

/// `new CognitoIdentityCredentials(data)`: the settings the object keeps.
fn construct(input: &Value, out: &mut Answer) -> Outcome {
    let Some(pool_id) = input["IdentityPoolId"].as_str().filter(|p| p.contains(':')) else {
        return Ok(Reply::plain_err(POOL_ID_ERROR));
    };
    let mut config = Object::new();
    config.insert("IdentityPoolId", Value::String(pool_id.to_string()));
    config.insert("Logins", Value::Object(input["Logins"].as_object().cloned().unwrap_or_default()));
    if let Some(endpoint) = input["endpoint"].as_str() {
        config.insert("endpoint", Value::String(endpoint.to_string()));
    }
    out.set("config", Value::Object(config));
    Ok(Reply::done())
}

/// What the JS object holds: what it knows, as the data it is (`Known`).
fn known_json(known: &Known) -> Value {
    Value::Object(known.clone())
}
