//! The one-request operations: attributes, passwords, MFA settings, deletion, sign-out
//! everywhere, remembered devices, passkeys, TOTP set-up (but its verification during
//! the MFA_SETUP challenge, which finishes a sign-in: `flows::sign_in`), and
//! registration (sign-up and its confirmation). Each is a row of the table
//! ([`OneRequest`]: `protocol::account`, `protocol::registration`), run by one
//! interpreter: [`request`] builds the body from the method's arguments, and once Cognito
//! has answered, [`settle`] does what storage needs (a forgotten device is no longer
//! remembered here, a deleted or globally signed-out user has no stored session,
//! `getUserData`'s answer is cached). The entry's one account future sends between the
//! two itself (a future of this module's around the send was a level of state machine
//! more: measured larger); [`call`] is that composition for the tests.

use super::{Env, Transport};
use crate::json::{self, Object, ToJson, Value};
use crate::prelude::*;
use crate::protocol::one_request::{After, Needs, OneRequest, Source};
use crate::protocol::types::{string_map, Passthrough};
use crate::protocol::{CognitoError, ErrorKind, Request};
use crate::storage::keys::{self, UserItem};
use crate::storage::Storage;
use crate::text::split_once_byte;

/// What a call runs as: the user's name, and their access token when the call needs one.
pub struct Caller<'a> {
    pub username: &'a str,
    pub access_token: &'a dyn Fn() -> Result<String, CognitoError>,
}

/// This browser's remembered device key for `username`.
fn this_device<T: Transport, S: Storage + ?Sized>(env: &Env<'_, T, S>, username: &str) -> Result<String, CognitoError> {
    match env.sessions().load_device(username) {
        Some(device) => Ok(device.key),
        None => Err(CognitoError::new(ErrorKind::DeviceNotRemembered, "This device is not remembered for this user.")),
    }
}

/// Sends `row`'s request for `caller`, its values taken from `args` (the method's
/// arguments by name), and returns Cognito's answer, storage settled: what
/// `js::entry::user::account::run_one` does for each request.
#[cfg(test)]
pub async fn call<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, caller: &Caller<'_>, row: &OneRequest, args: &Value,
) -> Result<Passthrough, CognitoError> {
    let request = request(env, caller, row, args)?;
    let answer: Passthrough = env.call(&request).await?;
    settle(env, caller.username, row, &request, &answer);
    Ok(answer)
}

/// The row's request for `caller`, its values taken from `args` (the method's arguments
/// by name): what it needs first, then its fields in wire order.
pub fn request<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, caller: &Caller, row: &OneRequest, args: &Value,
) -> Result<Request, CognitoError> {
    if row.needs == Needs::DeviceThenToken {
        this_device(env, caller.username)?;
    }
    let token = match row.needs {
        Needs::Nothing => String::new(),
        Needs::Token | Needs::DeviceThenToken => (caller.access_token)()?,
    };
    let text = |text: &str| Some(Value::String(text.into()));
    let bad = |what: &str| CognitoError::invalid_parameter(what);
    let mut body = Object::new();
    for &(field, source) in row.body {
        let (name, arg) = split_once_byte(field, b' ').unwrap_or((field, ""));
        let given = &args[arg];
        let value = match source {
            Source::AccessToken => text(&token),
            Source::ClientId => text(&env.pool.client_id),
            Source::Username => text(caller.username),
            Source::UserContext => {
                env.user_context_data(body.get("Username").and_then(Value::as_str).unwrap_or_default()).value()
            }
            Source::ThisDevice => text(&this_device(env, caller.username)?),
            Source::Text => text(given.as_str().unwrap_or_default()),
            Source::OptionalText => given.as_str().and_then(text),
            Source::Count => given.as_f64().filter(|n| *n >= 1.0).map(|n| (n as u32).to_json()),
            Source::Flag => Some(Value::Bool(given.as_bool().unwrap_or(false))),
            Source::Given => Some(given.clone()),
            Source::Setting => Some(given.clone()).filter(|v| !v.is_null()),
            Source::Metadata => string_map(&args["clientMetadata"]).map(Value::Object),
            Source::UserAttributes if given.is_null() => None,
            Source::Attributes | Source::UserAttributes | Source::Names => {
                Some(list(given, source).ok_or_else(|| {
                    bad(match source {
                        Source::Attributes => {
                            "Attributes must be a list of { Name, Value } (CognitoUserAttribute) objects."
                        }
                        Source::Names => "Attribute names must be a list of strings.",
                        _ => "User attributes must be a list of { Name, Value } (CognitoUserAttribute) objects.",
                    })
                })?)
            }
            Source::Json => json::parse(arg).ok(),
        };
        if let Some(value) = value {
            body.insert(name, value);
        }
    }
    Ok(Request { operation: row.operation, body })
}

/// A list argument as sent: strings for [`Source::Names`], else `{ Name, Value }` objects
/// (`Name` a string, `Value` a string or '' when missing or null; other members left
/// out). `None` when it is not such a list. Checked in place, not decoded into records.
fn list(given: &Value, source: Source) -> Option<Value> {
    let mut sent = Vec::new();
    for item in given.as_array()? {
        sent.push(if source == Source::Names {
            item.as_str()?;
            item.clone()
        } else {
            let name = item.get("Name")?.as_str()?;
            let value = match item.get("Value") {
                None | Some(Value::Null) => "",
                Some(value) => value.as_str()?,
            };
            Value::Object(Object::from_texts(&["Name", "Value"], &[name, value]))
        });
    }
    Some(Value::Array(sent))
}

/// What storage keeps after Cognito answered `sent` with `answer`.
pub fn settle<T: Transport, S: Storage + ?Sized>(
    env: &Env<'_, T, S>, username: &str, row: &OneRequest, sent: &Request, answer: &Passthrough,
) {
    match row.after {
        // Forgotten here too only when it is this browser's device.
        After::ForgetsDevice => {
            let sessions = env.sessions();
            let key = sent.body.get("DeviceKey").and_then(Value::as_str);
            if sessions.load_device(username).is_some_and(|d| Some(d.key.as_str()) == key) {
                sessions.clear_device(username)
            }
        }
        After::SignsOut | After::SignsOutEverywhere => env.clear_session(username),
        After::CachesUserData => {
            let key = keys::user_item(&env.pool.client_id, username, UserItem::UserData);
            let _ = env.storage.set_item(&key, &answer.stringify());
        }
        After::Nothing | After::RefreshesUserData | After::CreatesPasskey => {}
    }
}

#[cfg(test)]
mod tests;
