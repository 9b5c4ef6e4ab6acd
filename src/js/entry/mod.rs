//! The wasm boundary. The public classes are plain JavaScript (src/facade); they call
//! its one export, [`call`], with plain data and get plain data back, in two ways:
//!
//! - `run` (`call(op, input, storage, id)`, `id` not 0): an operation that may send
//!   requests; its answer settles the JS side's Promise of call `id` (a panic rejects it
//!   with a coded error, see `super::panic`).
//! - `now` (`call(op, input, storage, 0)`): an operation that never waits; the answer at once.
//!
//! `input` and the answer are JSON text (the crate's own parser and writer, so no
//! conversion machinery is compiled in). `storage` is the number the JS side keeps the
//! caller's storage object (`user.storage`) by (`super::js_storage`). The input holds
//! `pool` (the pool's settings), `user` (what the JS object holds: `username`, `flow`,
//! `Session`, `session`) and `args` (the method's arguments). The answer is
//! `{ user?, reply }`: the properties the JS object is to hold afterwards, and what its
//! caller is told ([`Reply`]). Which request goes out, which challenge comes next, what is
//! stored and when to refresh is decided here and below,
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

/// `call(op, input, storage, id)`: the wasm's one entry point (each export costs a
/// wasm-bindgen wrapper and its JS glue), for the facade's operations and for the JS
/// side's own calls (`Op`'s first group):
///
/// - `id` 0: an operation that never waits (`now`), answered at once: its answer's JSON
///   text goes to `host.settle` under id 0 before `call` returns.
/// - any other `id`: an operation that may send requests (`run`): its answer's JSON text
///   goes to the JS side's call `id` (`host.settle`), which holds the call's Promise.
/// - `__settled` / `__failed` (the host's operation `id` ended, `input` its value),
///   `__poll` (`id`: 1 when the last poll trapped, `input` what the exception said),
///   `__atIdle` (`id`: 1 for `prepare`), `__storageEvent` (`input`): see `super::tasks`,
///   `super::srp_ahead`, `super::events`.
///
/// The answers are handed over, not returned: a returned string costs the export its
/// conversion (the boxed slice, the multivalue return) and the glue its reading and
/// freeing, on top of the import every `run` answer takes anyway. (The texts are taken as
/// `String`s: wasm-bindgen's `&str` arguments bring a checked
/// conversion each, measured larger.) No JS object is passed: see `super::host`.
#[wasm_bindgen]
pub fn call(name: String, input: String, storage: u32, id: u32) {
    let op = Op::parse(&name);
    match op {
        Op::Settled | Op::Failed => super::tasks::settle(id, op == Op::Settled, input),
        Op::Poll => super::tasks::run(id != 0, &input),
        Op::AtIdle => super::srp_ahead::at_idle(id != 0),
        Op::StorageEvent => super::events::on_storage_event(&input),
        _ => {
            let input = json::parse(&input).unwrap_or(Value::Null);
            if id == 0 {
                return now(op, &name, input, storage);
            }
            run(op, name, input, JsStorage(storage), id);
        }
    }
}

/// `run`: spawns the operation's future, which settles the call `id`.
fn run(op: Op, name: String, input: Value, storage: JsStorage, id: u32) {
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
        answer.settle(id, outcome);
    }));
    if op == Op::AuthenticateUser {
        panic_probe::trip(Point::AuthenticateSync);
    }
}

/// `now`: an operation that never waits; its answer goes to the JS side at once.
fn now(op: Op, name: &str, input: Value, storage: u32) {
    let mut answer = Answer::default();
    // (`strip_prefix`, not `&name[4..]`: a slice of a `str` can fail at a char boundary,
    // and that panic path keeps core's formatting code in the wasm.)
    let outcome = match name.strip_prefix("srp.") {
        Some(helper_op) => data::srp(helper_op, &input),
        None => now_outcome(op, name, input, storage, &mut answer),
    };
    answer.settle(0, outcome);
}

/// One match of the operation's group (a range of `Op`): each module answers its own.
fn now_outcome(op: Op, name: &str, input: Value, storage: u32, answer: &mut Answer) -> Outcome {
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
