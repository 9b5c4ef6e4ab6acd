//! Known-answer tests of `cognito_identity_wasm::srp::helper` (what the exported
//! AuthenticationHelper computes) against the JS SDK's own AuthenticationHelper:
//! `tests/oracle/helper_vectors.cjs` calls its methods and we require the same answers.
//!
//! Needs Node.js and `npm install`; missing either is a failure, not a skip (see
//! tests/oracle/node.rs). Env overrides: HELPER_KAT_CASES (default 12), HELPER_KAT_SEED.

#![cfg(not(target_arch = "wasm32"))] // spawns Node: native only

#[path = "oracle/node.rs"]
mod oracle;

use cognito_identity_wasm::json::{self, Value};
use cognito_identity_wasm::srp::{helper, to_hex};

fn run_oracle() -> Value {
    let mut args = vec![std::env::var("HELPER_KAT_CASES").unwrap_or_else(|_| "12".into())];
    args.extend(std::env::var("HELPER_KAT_SEED").ok());
    let out = oracle::run("AuthenticationHelper", "helper_vectors.cjs", "AuthenticationHelper.js", &args);
    json::parse_bytes(&out).expect("the oracle printed invalid JSON")
}

fn bytes(hex: &str) -> Vec<u8> {
    cognito_identity_wasm::srp::parse_hex_bytes(hex).expect("oracle hex")
}

/// The oracle's records: each a map of its fields, read as strings.
struct Record<'a>(&'a Value);

impl Record<'_> {
    fn s(&self, field: &str) -> &str {
        self.0[field].as_str().unwrap_or_else(|| panic!("oracle record without {field}: {}", self.0.stringify()))
    }
}

fn records<'a>(v: &'a Value, list: &str) -> Vec<Record<'a>> {
    let items = v[list].as_array().unwrap_or_else(|| panic!("oracle output without {list}"));
    assert!(!items.is_empty(), "oracle gave no {list}");
    items.iter().map(Record).collect()
}

#[test]
fn helper_matches_the_js_sdk_authentication_helper() {
    let v = run_oracle();
    let mut failures: Vec<String> = Vec::new();
    let mut check = |what: String, ours: &str, theirs: &str| {
        if ours != theirs {
            failures.push(format!("{what}\n    ours:   {ours}\n    js sdk: {theirs}"));
        }
    };
    let ours_or_error = |r: Result<String, cognito_identity_wasm::srp::SrpError>| {
        r.unwrap_or_else(|e| format!("error {}", e.message()))
    };

    check("N".into(), &helper::n_hex(), v["n"].as_str().unwrap_or_default());
    check("g".into(), &helper::g_hex(), v["g"].as_str().unwrap_or_default());
    check("k".into(), &helper::k_hex(), v["k"].as_str().unwrap_or_default());
    check("infoBits".into(), &to_hex(helper::info_bits()), v["info_bits"].as_str().unwrap_or_default());

    let key_cases = records(&v, "key_cases");
    for (i, c) in key_cases.iter().enumerate() {
        check(format!("case {i}: calculateA"), &ours_or_error(helper::calculate_a(c.s("a"))), c.s("large_a"));
        match helper::calculate_u(c.s("large_a"), c.s("b")) {
            Ok(u) => {
                check(format!("case {i}: calculateU"), &u.value, c.s("u"));
                check(format!("case {i}: UHexHash"), &u.hex_hash, c.s("u_hex_hash"));
            }
            Err(e) => check(format!("case {i}: calculateU"), &format!("error {}", e.message()), c.s("u")),
        }
        let key = helper::password_authentication_key(
            c.s("a"),
            c.s("large_a"),
            c.s("pool_name"),
            c.s("username"),
            c.s("password"),
            c.s("b"),
            c.s("salt"),
        );
        match key {
            Ok(key) => {
                check(format!("case {i}: getPasswordAuthenticationKey"), &to_hex(&key.key), c.s("key"));
                check(format!("case {i}: UValue after the key"), &key.u.value, c.s("key_u"));
            }
            Err(e) => {
                check(format!("case {i}: getPasswordAuthenticationKey"), &format!("error {}", e.message()), c.s("key"))
            }
        }
        check(
            format!("case {i}: calculateS"),
            &ours_or_error(helper::calculate_s(c.s("a"), c.s("key_u"), c.s("x"), c.s("b"))),
            c.s("s"),
        );
    }

    for (i, h) in records(&v, "hkdf").iter().enumerate() {
        check(
            format!("computehkdf {i}"),
            &to_hex(&helper::compute_hkdf(&bytes(h.s("ikm")), &bytes(h.s("salt")))),
            h.s("key"),
        );
    }
    for h in records(&v, "hashes") {
        check(format!("hash({})", h.s("bytes")), &helper::hash(&bytes(h.s("bytes"))), h.s("hash"));
    }
    for p in records(&v, "pad_hex") {
        check(format!("padHex({})", p.s("value")), &ours_or_error(helper::pad_hex(p.s("value"))), p.s("pad"));
    }
    for (i, d) in records(&v, "devices").iter().enumerate() {
        let random = bytes(d.s("random"));
        let (password, salt) = random.split_at(helper::RANDOM_STRING_BYTES);
        let random_password = helper::random_string(password);
        let ours = helper::device_hash(d.s("group_key"), d.s("username"), &random_password, salt);
        check(format!("device {i}: randomPassword"), &random_password, d.s("random_password"));
        check(format!("device {i}: SaltToHashDevices"), &to_hex(&ours.salt), d.s("salt"));
        check(format!("device {i}: verifierDevices"), &to_hex(&ours.verifier), d.s("verifier"));
    }

    println!(
        "compared against amazon-cognito-identity-js's AuthenticationHelper (seed {}): {} SRP cases",
        v["seed"].stringify(),
        key_cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} mismatches with the JS SDK (replay with HELPER_KAT_SEED={}):\n{}",
        failures.len(),
        v["seed"].stringify(),
        failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}
