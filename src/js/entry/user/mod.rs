//! `CognitoUser`'s operations, as the entry points run them: sign-in and its challenges
//! (`sign_in`), sessions (`session`), what storage holds of the user (`cache`), and the
//! account's operations (`account`). Each reads what the JS object holds from the input
//! and answers with what it is to hold afterwards.

use crate::prelude::*;
mod account;
mod cache;
mod held;
mod session;
mod sign_in;

use super::call::Call;
use super::reply::{Answer, Outcome, Reply};
use super::Pending;
use crate::json::Value;
use crate::protocol::challenge::AuthFlow;
use crate::protocol::CognitoError;
use crate::storage::keys;
use held::{clear_local, device, named};
use session::SessionOp;

/// The operations that never wait (`now`).
pub(super) fn now(op: &str, call: &Call, out: &mut Answer) -> Outcome {
    match op {
        "getSession" => session::session_now(call, out),
        "signOutLocal" => {
            clear_local(call, &call.username());
            out.set("session", Value::Null);
            Ok(Reply::done())
        }
        "newUser" => {
            named(out, call, &call.username());
            out.set("keyPrefix", Value::String(keys::client_prefix(&call.shared.config.client_id)));
            out.set_str("flow", AuthFlow::UserSrp.name());
            Ok(Reply::done())
        }
        "getCachedDeviceKeyAndPassword" => {
            device(call, &call.username(), false, out);
            Ok(Reply::done())
        }
        op => cache::cache(op, call).unwrap_or_else(|| Err(unknown_op(op))),
    }
}

/// The operations that may send requests (`run`), the pool's `signUp` among them.
pub(super) fn run<'a>(op: &'a str, call: &'a Call, out: &'a mut Answer) -> Pending<'a> {
    if let Some(step) = sign_in::step(op, call) {
        return Box::pin(sign_in::sign_in(call, step, out));
    }
    if let Some(request) = account::one_request(op, call) {
        return Box::pin(account::run_one(call, request, out));
    }
    match op {
        "associateSoftwareToken" => Box::pin(sign_in::software_token(call, false, out)),
        "verifySoftwareToken" => Box::pin(sign_in::software_token(call, true, out)),
        "getSession" => Box::pin(session::run(call, SessionOp::Get, out)),
        "refreshSession" => Box::pin(session::run(call, SessionOp::Refresh, out)),
        "signOut" => Box::pin(session::run(call, SessionOp::SignOut, out)),
        "revokeTokens" => Box::pin(session::run(call, SessionOp::Revoke, out)),
        "getUserData" => Box::pin(account::user_data(call)),
        "registerPasskey" => Box::pin(account::register_passkey(call)),
        "signUp" => Box::pin(super::pool::sign_up(call)),
        _ => Box::pin(core::future::ready(Err(unknown_op(op)))),
    }
}

fn unknown_op(op: &str) -> CognitoError {
    CognitoError::invalid_parameter(String::from("cognito-identity-wasm has no operation ") + op + ".")
}
