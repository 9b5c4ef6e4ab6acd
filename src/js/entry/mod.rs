//! The wasm boundary. The public classes are plain JavaScript (src/facade); they call
//! these few entry points with plain data and get plain data back:
//!
//! - `run(op, input, storage, id)`: an operation that may send requests; its answer
//!   settles the JS side's Promise of call `id` (a panic rejects it with a coded error,
//!   see `super::panic`).
//! - `now(op, input, storage)`: an operation that never waits; the answer at once.
//!
//! `input` and the answer are JSON text (the crate's own parser and writer, so no
//! conversion machinery is compiled in). `storage` is the caller's storage object
//! (`user.storage`). The input holds `pool` (the pool's settings), `user` (what the JS
//! object holds: `username`, `flow`, `Session`, `session`) and `args` (the method's
//! arguments). The answer is `{ user?, reply }`: the properties the JS object is to hold
//! afterwards, and what its caller is told ([`Reply`]). Which request goes out, which
//! challenge comes next, what is stored and when to refresh is decided here and below,
//! never in the JS.

use crate::prelude::*;
mod call;
mod data;
mod identity;
mod op;
mod pending;
mod pool;
mod reply;
mod user;

use super::js_storage::JsStorage;
use super::panic_probe::{self, Point};
use crate::json::{self, Value};
use call::Call;
use op::Op;
use reply::{Answer, Outcome, Reply};
use wasm_bindgen::prelude::*;

/// `run`: an operation that may send requests. Its answer's JSON text goes to the call
/// `id` of the JS side (`host.settle`), which holds the call's Promise. (The texts are
/// taken as `String`s, here and in `now`: wasm-bindgen's `&str` arguments bring a checked
/// conversion each, measured larger.)
#[wasm_bindgen]
pub fn run(name: String, input: String, storage: JsValue, id: u32) {
    let (input, storage) = (json::parse(&input).unwrap_or(Value::Null), JsStorage(storage));
    let op = Op::parse(&name);
    super::tasks::spawn(Box::pin(async move {
        let mut answer = Answer::default();
        let outcome = if op == Op::IdentityGet {
            // The flow's future inlined into this one (boxed it was 31 B smaller raw but
            // 97 B larger gzip; as a boxed `dyn Future`, polled through a vtable, larger still).
            let call = identity::Call::parse(&input, storage);
            let env = call.env();
            identity::got(call.get(&env).await, &mut answer)
        } else {
            match Call::parse(input, storage) {
                Ok(call) => match user::run(op, &name, &call, &mut answer) {
                    Ok(pending) => pending.await,
                    Err(e) => Err(e),
                },
                Err(e) => Ok(Reply::plain_err(&e.message)),
            }
        };
        super::host::host().settle(id, &answer.text(outcome));
    }));
    if op == Op::AuthenticateUser {
        panic_probe::trip(Point::AuthenticateSync);
    }
}

/// `now`: an operation that never waits.
#[wasm_bindgen]
pub fn now(name: String, input: String, storage: JsValue) -> String {
    let (name, input) = (&*name, json::parse(&input).unwrap_or(Value::Null));
    let mut answer = Answer::default();
    // (`strip_prefix`, not `&name[4..]`: a slice of a `str` can fail at a char boundary,
    // and that panic path keeps core's formatting code in the wasm.)
    let outcome = match name.strip_prefix("srp.") {
        Some(helper_op) => data::srp(helper_op, &input),
        None => now_outcome(Op::parse(name), name, input, storage, &mut answer),
    };
    answer.text(outcome)
}

/// One match of the operation's group (a range of `Op`): each module answers its own.
fn now_outcome(op: Op, name: &str, input: Value, storage: JsValue, answer: &mut Answer) -> Outcome {
    use Op::*;
    match op {
        DecodePayload | CalculateClockDrift | IsValid | UserAgent | GetNowString => data::now(op, &input),
        IdentityCredentials | IdentityGet | IdentityNeedsRefresh | IdentityClearCachedId => {
            identity::now(op, &input, storage, answer)
        }
        _ => match Call::parse(input, JsStorage(storage)) {
            Ok(call) if matches!(op, Pool | GetCurrentUser | GetUserContextData) => pool::now(op, &call),
            Ok(call) => user::now(op, name, &call, answer),
            Err(e) => Ok(Reply::plain_err(&e.message)),
        },
    }
}
