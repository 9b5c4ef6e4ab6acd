//! `CognitoUser`'s operations, as the entry points run them: sign-in and its challenges
//! (`sign_in`), sessions (`session`), what storage holds of the user (`cache`), and the
//! account's operations (`account`); those that may send requests run in one future
//! (`run`). Each reads what the JS object holds from the input and answers with what it
//! is to hold afterwards.

use crate::prelude::*;
mod account;
mod cache;
mod held;
mod run;
mod session;
mod sign_in;

use super::call::Call;
use super::op::Op;
use super::reply::{Answer, Outcome, Reply};
use crate::json::Value;
use crate::protocol::challenge::AuthFlow;
use crate::protocol::CognitoError;
use crate::storage::keys;
use held::{clear_local, device, named};
pub(super) use run::run;

/// The operations that never wait (`now`).
pub(super) fn now(op: Op, name: &str, call: &Call, out: &mut Answer) -> Outcome {
    match op {
        Op::GetSession => session::session_now(call, out),
        Op::SignOutLocal => {
            clear_local(call, call.username());
            out.set("session", Value::Null);
            Ok(Reply::done())
        }
        Op::NewUser => {
            named(out, call, call.username());
            out.set("keyPrefix", Value::String(keys::client_prefix(&call.shared.config.client_id)));
            out.set_str("flow", AuthFlow::UserSrp.name());
            Ok(Reply::done())
        }
        Op::GetCachedDeviceKeyAndPassword => {
            device(call, call.username(), false, out);
            Ok(Reply::done())
        }
        op => cache::cache(op, call).unwrap_or_else(|| Err(unknown_op(name))),
    }
}

fn unknown_op(op: &str) -> CognitoError {
    CognitoError::invalid_parameter(String::from("cognito-identity-wasm has no operation ") + op + ".")
}
