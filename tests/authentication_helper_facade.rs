//! Our JS `AuthenticationHelper`, `WordArray` and `UserAgent` (src/facade) against the
//! JS SDK's, call for call: `tests/oracle/helper_facade.mjs` runs both side by side in
//! Node, and this test is our side's core: it answers each `coreNow` call of our classes
//! with the crate's `srp_helper` dispatcher (the operations the wasm's `now` runs), over
//! the script's stdin and stdout. So the JS classes, the dispatcher and the SRP are
//! checked together, without the wasm build.
//!
//! Needs Node.js and `npm install`; missing either is a failure, not a skip.

#![cfg(not(target_arch = "wasm32"))] // spawns Node: native only

#[path = "oracle/node.rs"]
#[allow(dead_code)] // `run` is for the other oracles
mod oracle;

use cognito_identity_wasm::flows::authentication_helper::srp_helper;
use cognito_identity_wasm::json::{self, Value};
use cognito_identity_wasm::protocol::USER_AGENT;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

/// One `coreNow(op, input)` of the facade, answered as the wasm's `now` answers:
/// `{ reply: { ok } }` or `{ reply: { err: { code, message } } }`.
fn answer(request: &Value) -> Value {
    let op = request["op"].as_str().unwrap_or_default();
    let result = match op.strip_prefix("srp.") {
        Some(method) => srp_helper(method, &request["input"]),
        None if op == "userAgent" => Ok(Value::String(USER_AGENT.to_string())),
        None => panic!("the facade asked the core for an operation of someone else's: {op}"),
    };
    let reply = match result {
        Ok(ok) => cognito_identity_wasm::json!({ "ok": ok }),
        Err(e) => cognito_identity_wasm::json!({ "err": { "code": (e.code()), "message": (e.message) } }),
    };
    cognito_identity_wasm::json!({ "reply": reply })
}

#[test]
fn facade_matches_the_js_sdk() {
    let mut child = oracle::command("facade", "helper_facade.mjs", "AuthenticationHelper.js")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("could not run `node` (Node.js is required for this test)");
    let mut to_script = child.stdin.take().expect("stdin");
    let from_script = BufReader::new(child.stdout.take().expect("stdout"));

    let mut calls = 0;
    let mut report = None;
    for line in from_script.lines() {
        let line = line.expect("reading the script's output");
        let message = json::parse(&line).unwrap_or_else(|e| panic!("the script printed {line:?}: {e:?}"));
        if !message["done"].is_null() {
            report = Some(message["done"].clone());
            break;
        }
        calls += 1;
        writeln!(to_script, "{}", answer(&message).stringify()).expect("answering the script");
    }
    drop(to_script);
    let status = child.wait().expect("waiting for node");
    let report = report.unwrap_or_else(|| panic!("the script ended ({status}) before reporting"));
    assert!(status.success(), "the script failed: {status}");

    let checks = report["checks"].as_i64().unwrap_or_default();
    let failures: Vec<&str> =
        report["failures"].as_array().map(|f| f.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    println!("{checks} checks against amazon-cognito-identity-js over {calls} core calls");
    assert!(checks > 100, "too few checks ran: {checks}");
    assert!(failures.is_empty(), "{} differences from the JS SDK:\n{}", failures.len(), failures.join("\n"));
}
