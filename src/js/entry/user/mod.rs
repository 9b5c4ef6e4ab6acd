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
use super::op::Op;
use super::reply::{Answer, Outcome, Reply};
use super::Pending;
use crate::json::Value;
use crate::protocol::challenge::AuthFlow;
use crate::protocol::CognitoError;
use crate::storage::keys;
use held::{clear_local, device, named};
use session::SessionOp;

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

/// The operations that may send requests (`run`), the pool's `signUp` among them
/// (a one-request operation).
/// An unknown name is the error itself, not a future of it.
pub(super) fn run<'a>(op: Op, name: &str, call: &'a Call, out: &'a mut Answer) -> Result<Pending<'a>, CognitoError> {
    if let Some(step) = sign_in::step(op, call) {
        return Ok(Box::pin(sign_in::sign_in(call, step, out)));
    }
    if let Some((row, args)) = account::one_request(op, call) {
        return Ok(Box::pin(account::run_one(call, row, args, out)));
    }
    // One boxing of each future type (the arms differ only in an argument).
    let session_op = match op {
        Op::GetSession => SessionOp::Get,
        Op::RefreshSession => SessionOp::Refresh,
        Op::SignOut => SessionOp::SignOut,
        Op::RevokeTokens => SessionOp::Revoke,
        _ => return Err(unknown_op(name)),
    };
    Ok(Box::pin(session::run(call, session_op, out)))
}

fn unknown_op(op: &str) -> CognitoError {
    CognitoError::invalid_parameter(String::from("cognito-identity-wasm has no operation ") + op + ".")
}
