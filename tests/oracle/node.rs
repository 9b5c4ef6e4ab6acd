//! Runs an oracle script of `tests/oracle/` with Node.js and returns what it printed. The
//! scripts compute their answers with amazon-cognito-identity-js itself, so a missing
//! Node.js or `node_modules` is a test failure, not a skip: these are the only proof of
//! compatibility. Included by the known-answer tests (`#[path]`), which are separate crates.

use std::path::Path;
use std::process::Command;

/// `node tests/oracle/<script> <args>`'s output. `what` names the oracle in failures;
/// `sdk_file` is the SDK file under `node_modules/amazon-cognito-identity-js/lib/` the
/// script loads, checked first so a missing install says so.
pub fn run(what: &str, script: &str, sdk_file: &str, args: &[String]) -> Vec<u8> {
    let out = command(what, script, sdk_file).args(args).output();
    let out = out.unwrap_or_else(|e| panic!("could not run `node` (Node.js is required for the {what} oracle): {e}"));
    assert!(out.status.success(), "{what} oracle failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The command [`run`] runs, for a test that talks to the script while it runs.
pub fn command(what: &str, script: &str, sdk_file: &str) -> Command {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/oracle").join(script);
    assert!(script.is_file(), "{what} oracle script missing: {}", script.display());
    assert!(
        root.join("node_modules/amazon-cognito-identity-js/lib").join(sdk_file).is_file(),
        "node_modules/amazon-cognito-identity-js is missing: run `npm install` in {}",
        root.display()
    );
    let mut command = Command::new("node");
    command.current_dir(root).arg(&script);
    command
}
