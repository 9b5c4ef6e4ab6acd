//! `CookieStorage`'s operations (src/facade/CookieStorage.js), on plain data and without
//! a pool. The JS object holds the SDK's fields and moves strings in and out of
//! `document.cookie`; which string is written, what a read gives, which cookies `clear`
//! removes and which of js-cookie's TypeErrors a call throws are decided here, with the
//! strings of `storage::cookie` (js-cookie's format, byte for byte).
//!
//! The JS describes the values JSON cannot carry (src/facade/CookieStorage.js):
//! - `cookie`: `document.cookie`, or null where there is no `document` (a worker);
//! - a key or value: `String(v)`, or null for a Symbol (which js-cookie cannot encode);
//!   for a lookup, `truthy` tells whether the key passes js-cookie's `!name` test;
//! - `path`, `domain`, `sameSite`: a string, else whether the value was truthy;
//! - `expires`: `{ days }` (a number; null when not finite), `{ at }` (a Date's time;
//!   null when invalid), else whether the value was truthy.

use super::op::Op;
use super::reply::{Outcome, Reply};
use crate::flows::clock::now_millis;
use crate::json::Value;
use crate::prelude::*;
use crate::storage::cookie::{self, CookieOptions, Expires, SameSite};

/// js-cookie's TypeErrors, as the SDK's unminified code words them.
const SYMBOL_ERROR: &str = "Cannot convert a Symbol value to a string";
const ATTRIBUTE_ERROR: &str = "attributes[attributeName].split is not a function";
const EXPIRES_ERROR: &str = "attributes.expires.toUTCString is not a function";
/// `Object.keys(Cookies.get())` where there is no `document` (`Cookies.get()` is undefined).
const NO_JAR_ERROR: &str = "Cannot convert undefined or null to object";

/// The answer to a cookie operation (`op` is one).
pub(super) fn now(op: Op, input: &Value) -> Outcome {
    let reply = match op {
        Op::CookieStorage => return Ok(construct(input)),
        Op::CookieSet => set(input),
        Op::CookieGet => lookup(input),
        Op::CookieRemove => remove(input),
        _ => clear(input),
    };
    Ok(reply.unwrap_or_else(Reply::type_error))
}

/// A reply, or the message of the TypeError js-cookie throws (`?` ends the operation with it).
type Thrown = Result<Reply, &'static str>;

/// `new CookieStorage(data)`: the SDK's checks of `sameSite` (given when the key is
/// present; null when it was not a string, which no spelling matches).
fn construct(input: &Value) -> Reply {
    let Some(same_site) = input.get("sameSite") else { return Reply::done() };
    let secure = input.get("secure").and_then(Value::as_bool).unwrap_or(true);
    match cookie::check_same_site(same_site.as_str().unwrap_or_default(), secure) {
        Ok(_) => Reply::done(),
        Err(e) => Reply::plain_err(e),
    }
}

/// The string `setItem` assigns to `document.cookie` (nothing without a document). The
/// failures in js-cookie's order: `expires`, the name, the attributes, the value.
fn set(input: &Value) -> Thrown {
    let Some(_) = jar(input) else { return Ok(Reply::done()) };
    let (options, expires_ok) = options(&input["options"]);
    if !expires_ok {
        return Err(EXPIRES_ERROR);
    }
    let name = text(&input["name"])?;
    let options = options?;
    let value = text(&input["value"])?;
    Ok(Reply::ok_str(&cookie::set_cookie_string(name, value, &options, now_millis())))
}

/// `Cookies.get(key)`: the first decodable cookie of that name; nothing for a falsy key or
/// without a document.
fn lookup(input: &Value) -> Thrown {
    let Some(jar) = jar(input) else { return Ok(Reply::done()) };
    if input.get("truthy").and_then(Value::as_bool) != Some(true) {
        return Ok(Reply::done());
    }
    let found = cookie::get(jar, text(&input["name"])?);
    Ok(Reply::ok_or_undefined(found.map(Value::String)))
}

/// The string `removeItem` assigns: the storage's attributes, expired (its `expires`, even
/// an unwritable one, is replaced).
fn remove(input: &Value) -> Thrown {
    let Some(_) = jar(input) else { return Ok(Reply::done()) };
    let name = text(&input["name"])?;
    let (options, _) = options(&input["options"]);
    Ok(Reply::ok_str(&cookie::remove_cookie_string(name, &options?, now_millis())))
}

/// The names `clear` removes, in `Object.keys` order of js-cookie's jar.
fn clear(input: &Value) -> Thrown {
    let jar = jar(input).ok_or(NO_JAR_ERROR)?;
    Ok(Reply::ok(Value::Array(cookie::clear_order(jar).into_iter().map(Value::String).collect())))
}

/// `document.cookie`, or None without a document.
fn jar(input: &Value) -> Option<&str> {
    input.get("cookie").and_then(Value::as_str)
}

/// A key or value as js-cookie's `encodeURIComponent` takes it (a Symbol throws).
fn text(v: &Value) -> Result<&str, &'static str> {
    v.as_str().ok_or(SYMBOL_ERROR)
}

/// The storage's fields as js-cookie's options (or the TypeError js-cookie throws on a
/// truthy `path`, `domain` or `sameSite` that is not a string), and whether `expires` is
/// one js-cookie can write.
fn options(fields: &Value) -> (Result<CookieOptions, &'static str>, bool) {
    let expires = &fields["expires"];
    let (expires, expires_ok) = match (expires.get("days"), expires.get("at")) {
        (Some(days), _) => (Expires::Days(number(days)), true),
        (None, Some(at)) => (Expires::At(number(at)), true),
        _ => (Expires::Session, !matches!(expires, Value::Bool(true))),
    };
    let (domain, path, same_site) =
        (attribute(&fields["domain"]), attribute(&fields["path"]), attribute(&fields["sameSite"]));
    let attributes = match (domain, path, same_site) {
        (Ok(domain), Ok(path), Ok(same_site)) => Ok(CookieOptions {
            domain: domain.map(str::to_string),
            path: path.unwrap_or_default().to_string(),
            expires,
            secure: fields["secure"].as_bool() == Some(true),
            same_site: same_site.and_then(SameSite::parse),
        }),
        // js-cookie's TypeError is the same for each of the three.
        _ => Err(ATTRIBUTE_ERROR),
    };
    (attributes, expires_ok)
}

/// A `path` / `domain` / `sameSite` field: falsy (an empty string included) → absent, a
/// string → itself (borrowed: copied once all three are good), anything else truthy →
/// Err (js-cookie's TypeError).
fn attribute(v: &Value) -> Result<Option<&str>, ()> {
    match v {
        Value::String(s) => Ok(Some(s.as_str()).filter(|s| !s.is_empty())),
        Value::Bool(true) => Err(()),
        _ => Ok(None),
    }
}

/// A number the JS gave; null (what JSON makes of NaN and ±Infinity) is NaN, which
/// formats as js-cookie's `Invalid Date` like every non-finite time.
fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}
