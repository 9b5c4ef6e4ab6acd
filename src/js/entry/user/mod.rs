//! `CognitoUser`'s operations, as the entry points run them: sign-in and its challenges
//! (`sign_in`), sessions (`session`), what storage holds of the user (`cache`), and the
//! account's one-request operations (`account`). Each reads what the JS object holds from
//! the input and answers with what it is to hold afterwards.

use crate::prelude::*;
mod account;
mod cache;
mod held;
mod session;
mod sign_in;

use super::call::Call;
use super::reply::{Answer, Reply};
use crate::flows::user::UserCall;
use crate::json::Value;
use crate::protocol::challenge::AuthFlow;
use crate::protocol::CognitoError;
use crate::storage::keys;
use account::user_call;
use held::{clear_local, named};
use session::{cached_device, session_now};

/// The operations that never wait (`now`).
pub(super) fn now(op: &str, call: &Call) -> Answer {
    match op {
        "getSession" => session_now(call),
        "signOutLocal" => {
            clear_local(call, &call.username());
            Answer::reply(Reply::done()).set("session", Value::Null)
        }
        "newUser" => {
            let username = call.username();
            named(Answer::reply(Reply::done()), call, &username)
                .set("keyPrefix", Value::String(keys::client_prefix(&call.shared.config.client_id)))
                .set("flow", Value::String(AuthFlow::UserSrp.name().to_string()))
        }
        "getCachedDeviceKeyAndPassword" => cached_device(call),
        op => cache::cache(op, call).unwrap_or_else(|| Answer::reply(Reply::err(&unknown_op(op)))),
    }
}

/// The operations that may send requests (`run`).
pub(super) async fn run(op: &str, call: &Call) -> Answer {
    if let Some(answer) = sign_in::run(op, call).await {
        return answer;
    }
    if let Some(answer) = session::run(op, call).await {
        return answer;
    }
    match op {
        "signUp" => super::pool::sign_up(call).await,
        "globalSignOut" => {
            let result = user_call(call, &UserCall::GlobalSignOut).await;
            if result.is_ok() {
                clear_local(call, &call.username());
            }
            let answer = Answer::reply(Reply::settled(result, |_| Reply::success()));
            if call.session().is_some() {
                answer.set("session", Value::Null)
            } else {
                answer
            }
        }
        _ => account::run(op, call).await.unwrap_or_else(|| Answer::reply(Reply::err(&unknown_op(op)))),
    }
}

fn unknown_op(op: &str) -> CognitoError {
    CognitoError::invalid_parameter(format!("cognito-identity-wasm has no operation {op}."))
}
