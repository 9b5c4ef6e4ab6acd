//! `CognitoUserPool`'s operations: checking its settings, the current user, sign-up.

use super::call::Call;
use super::op::Op;
use super::reply::{Outcome, Reply};
use crate::flows::user;
use crate::json::{FromJson, Object, Value};
use crate::prelude::*;
use crate::protocol::types::AttributeType;
use crate::protocol::CognitoError;
use crate::storage::SessionStore;

/// The pool's operations that never wait; None for an operation of the user's.
pub(super) fn now(op: Op, call: &Call) -> Option<Outcome> {
    Some(Ok(match op {
        // `new CognitoUserPool`: its settings were checked by `Call::parse` already. The
        // page is there to sign someone in if nobody is: have an SRP client ready.
        Op::Pool => {
            crate::js::srp_ahead::prepare_if_signed_out(&call.shared.config.client_id, &call.storage);
            let mut checked = Object::new();
            checked.insert("endpoint", Value::String(call.shared.config.endpoint.clone()));
            Reply::ok(Value::Object(checked))
        }
        Op::GetCurrentUser => {
            crate::js::panic_probe::trip(crate::js::panic_probe::Point::CurrentUser);
            let last = SessionStore::new(&call.storage, &call.shared.config.client_id).last_auth_user();
            Reply::ok(last.map_or(Value::Null, Value::String))
        }
        // What the requests of `username` carry as UserContextData (advanced security).
        Op::GetUserContextData => Reply::ok_or_undefined(call.env().user_context_data(&call.text("username")).value()),
        _ => return None,
    }))
}

fn attributes(v: &Value) -> Result<Option<Vec<AttributeType>>, CognitoError> {
    if v.is_null() {
        return Ok(None);
    }
    Vec::<AttributeType>::from_json(v.clone()).map(Some).ok_or_else(|| {
        CognitoError::invalid_parameter(
            "User attributes must be a list of { Name, Value } (CognitoUserAttribute) objects.",
        )
    })
}

/// `signUp` → `{ user, userConfirmed, userSub, codeDeliveryDetails }` (`user` is made by the JS).
pub(super) async fn sign_up(call: &Call) -> Outcome {
    let user_attributes = attributes(call.arg("userAttributes"))?;
    let validation_data = attributes(call.arg("validationData"))?;
    let username = call.text("username");
    // Boxed: its own future rather than inlined into this one (measured smaller).
    let data = Box::pin(user::sign_up(
        &call.env(),
        &username,
        &call.text("password"),
        user_attributes.as_deref(),
        validation_data.as_deref(),
        call.string_map("clientMetadata").as_ref(),
    ))
    .await?;
    // What Cognito left out stays out: the JS reads it as undefined, as the SDK gives it.
    let mut result = Object::new();
    result.insert("username", Value::String(username));
    result.insert("userConfirmed", Value::Bool(data.user_confirmed));
    if let Some(sub) = data.user_sub {
        result.insert("userSub", Value::String(sub));
    }
    if let Some(details) = data.code_delivery_details {
        result.insert("codeDeliveryDetails", details);
    }
    Ok(Reply::ok(Value::Object(result)))
}
