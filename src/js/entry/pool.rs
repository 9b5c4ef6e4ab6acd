//! `CognitoUserPool`'s operations: checking its settings, the current user. (Sign-up is
//! a one-request operation: `user::account`.)

use super::call::Call;
use super::op::Op;
use super::reply::{Outcome, Reply};
use crate::json::Value;
use crate::storage::SessionStore;

/// The pool's operations that never wait (`op` is one).
pub(super) fn now(op: Op, call: &Call) -> Outcome {
    Ok(match op {
        // `new CognitoUserPool`: its settings were checked by `Call::parse` already. The
        // page is there to sign someone in if nobody is: have an SRP client ready. Nothing
        // to answer: the JS computes the SDK's `client.endpoint` itself.
        Op::Pool => {
            crate::js::srp_ahead::prepare_if_signed_out(&call.shared.config.client_id, &call.storage);
            Reply::done()
        }
        Op::GetCurrentUser => {
            crate::js::panic_probe::trip(crate::js::panic_probe::Point::CurrentUser);
            let last = SessionStore::new(&call.storage, &call.shared.config.client_id).last_auth_user();
            Reply::ok(last.map_or(Value::Null, Value::String))
        }
        // `getUserContextData`: what the requests of `username` carry as UserContextData
        // (advanced security).
        _ => Reply::ok_or_undefined(call.env().user_context_data(&call.text("username")).value()),
    })
}
