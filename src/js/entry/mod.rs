//! The wasm boundary. The public classes are plain JavaScript (src/facade); they call
//! these few entry points with plain data and get plain data back:
//!
//! - `run(op, input, storage)`: an operation that may send requests; a Promise of the
//!   answer (a panic rejects it with a coded error, see `super::panic`).
//! - `now(op, input, storage)`: an operation that never waits; the answer at once.
//! - `onSessionChange(clientId, listener)`, `localStorageIfUsable()`: bindings that
//!   hand JS objects across, which plain data cannot carry.
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
mod cookie;
mod data;
mod identity;
mod pending;
mod pool;
mod reply;
mod user;

use super::panic_probe::{self, Point};
use call::Call;
use core::future::Future;
use core::pin::Pin;
use reply::{Answer, Reply};
use wasm_bindgen::prelude::*;

/// `run`: an operation that may send requests. Resolves with the answer's JSON text.
#[wasm_bindgen]
pub fn run(op: &str, input: &str, storage: JsValue) -> js_sys::Promise {
    let promise = if op == identity::GET {
        let call = identity::Call::parse(input, storage);
        answer_later(Box::pin(async move { identity::get(&call).await }))
    } else {
        let (op, call) = (op.to_string(), Call::parse(input, storage));
        answer_later(Box::pin(async move {
            match call {
                Ok(call) => user::run(&op, &call).await,
                Err(e) => Answer::reply(Reply::plain_err(&e.message)),
            }
        }))
    };
    if op == "authenticateUser" {
        panic_probe::trip(Point::AuthenticateSync);
    }
    promise
}

/// The Promise of `answer`'s JSON text, `answer` running as a spawned future (which a
/// panic stops, failing the Promise: `super::panic`). Boxed: one copy of this wrapper
/// serves every operation.
fn answer_later(answer: Pin<Box<dyn Future<Output = Answer>>>) -> js_sys::Promise {
    let (reply, promise) = super::callbacks::reply_with_promise();
    super::panic::spawn(async move { reply.ok(JsValue::from_str(&answer.await.text())) });
    promise
}

/// `now`: an operation that never waits.
#[wasm_bindgen]
pub fn now(op: &str, input: &str, storage: JsValue) -> String {
    if let Some(answer) =
        data::now(op, input).or_else(|| cookie::now(op, input)).or_else(|| identity::now(op, input, &storage))
    {
        return answer.text();
    }
    let answer = match Call::parse(input, storage) {
        Ok(call) => pool::now(op, &call).unwrap_or_else(|| user::now(op, &call)),
        Err(e) => Answer::reply(Reply::plain_err(&e.message)),
    };
    answer.text()
}

/// `pool.onSessionChange(listener)` (ours): returns the function that removes it.
#[wasm_bindgen(js_name = onSessionChange)]
pub fn on_session_change(client_id: &str, listener: js_sys::Function) -> JsValue {
    super::events::subscribe(client_id, listener)
}

/// The SDK's default storage: localStorage when it exists and takes a write (Safari's
/// private mode throws), else `undefined` (the JS then uses its MemoryStorage).
#[wasm_bindgen(js_name = localStorageIfUsable)]
pub fn local_storage_if_usable() -> JsValue {
    super::js_storage::usable_local_storage().unwrap_or(JsValue::UNDEFINED)
}
