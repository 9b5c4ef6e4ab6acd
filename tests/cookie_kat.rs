//! Known-answer tests of `cognito_identity_wasm::storage::cookie` against the code it
//! reproduces: `tests/oracle/cookie_vectors.cjs` runs amazon-cognito-identity-js's own
//! `CookieStorage` and js-cookie in Node (a mock `document`, a fixed `Date.now`) on the
//! inputs of cookie.rs's unit tests, and we require identical strings: what `setItem` and
//! `removeItem` assign to `document.cookie`, what `Cookies.get` reads, `toUTCString`, and
//! the constructor's defaults and errors. cookie.rs's own vectors are this script's output
//! (`--rust`), so they can run without Node.
//!
//! Needs Node.js and `npm install` (node_modules/amazon-cognito-identity-js). Missing
//! either is a test FAILURE, not a skip, as in tests/srp_kat.rs.

#![cfg(not(target_arch = "wasm32"))] // spawns Node: native only

#[path = "oracle/node.rs"]
mod oracle;

use cognito_identity_wasm::json::{self, Value};
use cognito_identity_wasm::storage::cookie::{
    clear_order, get, parse_cookie_header, remove_cookie_string, set_cookie_string, to_utc_string, CookieOptions,
    Expires, SameSite,
};

fn run_oracle() -> Value {
    json::parse_bytes(&run_script(&[])).expect("cookie oracle printed invalid JSON")
}

/// What `node tests/oracle/cookie_vectors.cjs <args>` prints.
fn run_script(args: &[&str]) -> Vec<u8> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    oracle::run("cookie", "cookie_vectors.cjs", "CookieStorage.js", &args)
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("oracle: expected a string, got {v:?}"))
}

fn array_of(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("oracle: expected an array, got {v:?}"))
}

/// `new CookieStorage(data)` for the oracle's JSON options, as the JS edge reads them:
/// `expires` null = a session cookie, a number = days, `{ date: ms }` = a `Date` (null ms:
/// an invalid one).
fn options(data: &Value) -> Result<CookieOptions, String> {
    let expires = data.get("expires").map(|e| match e {
        Value::Null => Expires::Session,
        Value::Number(_) => Expires::Days(e.as_f64().unwrap()),
        Value::Object(_) => Expires::At(e["date"].as_f64().unwrap_or(f64::NAN)),
        other => panic!("oracle: unexpected expires {other:?}"),
    });
    CookieOptions::new(
        data.get("domain").map(str_of),
        data.get("path").map(str_of),
        expires,
        data.get("secure").map(|s| s.as_bool().expect("oracle: secure is a boolean")),
        data.get("sameSite").map(str_of),
    )
}

#[test]
fn cookie_strings_match_js_cookie() {
    let v = run_oracle();
    let now = v["now"].as_f64().expect("oracle: now");
    let mut failures: Vec<String> = Vec::new();
    let mut check = |what: String, ours: &str, theirs: &str| {
        if ours != theirs {
            failures.push(format!("{what}\n    ours:      {ours:?}\n    js-cookie: {theirs:?}"));
        }
    };

    let sets: Vec<CookieOptions> =
        array_of(&v["option_sets"]).iter().map(|d| options(d).expect("oracle option set refused")).collect();
    let set_cases = array_of(&v["set_cases"]);
    for c in set_cases {
        let i = c["option_set"].as_i64().expect("oracle: option_set") as usize;
        let (name, value) = (str_of(&c["name"]), str_of(&c["value"]));
        check(
            format!("setItem({name:?}, {value:?}) with option set {i}"),
            &set_cookie_string(name, value, &sets[i], now),
            str_of(&c["set"]),
        );
        check(
            format!("removeItem({name:?}) with option set {i}"),
            &remove_cookie_string(name, &sets[i], now),
            str_of(&c["remove"]),
        );
    }

    for c in array_of(&v["date_expires"]) {
        let o = options(&c["data"]).expect("oracle date option set refused");
        check(format!("setItem with {:?}", o.expires), &set_cookie_string("k", "v", &o, now), str_of(&c["set"]));
        check(format!("removeItem with {:?}", o.expires), &remove_cookie_string("k", &o, now), str_of(&c["remove"]));
    }

    let get_cases = array_of(&v["get_cases"]);
    for c in get_cases {
        let header = str_of(&c["header"]);
        let theirs: Vec<(String, String)> = array_of(&c["jar"])
            .iter()
            .map(|p| (str_of(&array_of(p)[0]).to_string(), str_of(&array_of(p)[1]).to_string()))
            .collect();
        // The jar's contents; its order (JS puts array-index keys first) is clear_order's.
        let keys: Vec<&String> = theirs.iter().map(|(n, _)| n).collect();
        let (mut ours_sorted, mut theirs_sorted) = (parse_cookie_header(header), theirs.clone());
        ours_sorted.sort();
        theirs_sorted.sort();
        check(format!("jar of {header:?}"), &format!("{ours_sorted:?}"), &format!("{theirs_sorted:?}"));
        check(format!("Object.keys order of {header:?}"), &format!("{:?}", clear_order(header)), &format!("{keys:?}"));
        for l in array_of(&c["lookups"]) {
            let (name, expected) = (str_of(&array_of(l)[0]), array_of(l)[1].as_str());
            check(
                format!("Cookies.get({name:?}) in {header:?}"),
                &format!("{:?}", get(header, name)),
                &format!("{expected:?}"),
            );
        }
    }

    for d in array_of(&v["dates"]) {
        let ms = d["ms"].as_f64().expect("oracle: ms");
        check(format!("new Date({ms}).toUTCString()"), &to_utc_string(ms), str_of(&d["utc"]));
    }

    for c in array_of(&v["constructed"]) {
        let ours = match options(&c["data"]) {
            Ok(o) => format!("{o:?}"),
            Err(e) => format!("error {e}"),
        };
        let theirs = match c["error"].as_str() {
            Some(e) => format!("error {e}"),
            None => {
                let ok = &c["ok"];
                format!(
                    "{:?}",
                    CookieOptions {
                        domain: ok["domain"].as_str().map(str::to_string),
                        path: str_of(&ok["path"]).to_string(),
                        expires: Expires::Days(ok["expires"].as_f64().expect("oracle: numeric expires")),
                        secure: ok["secure"].as_bool().expect("oracle: secure"),
                        same_site: ok["sameSite"].as_str().map(|s| SameSite::parse(s).expect("oracle: sameSite")),
                    }
                )
            }
        };
        check(format!("new CookieStorage({})", c["data"].stringify()), &ours, &theirs);
    }

    println!(
        "compared against amazon-cognito-identity-js {} with js-cookie {}: {} setItem/removeItem pairs, {} headers read, {} dates",
        str_of(&v["sdk"]),
        str_of(&v["js_cookie"]),
        set_cases.len(),
        get_cases.len(),
        array_of(&v["dates"]).len()
    );
    assert!(!set_cases.is_empty() && !get_cases.is_empty(), "cookie oracle returned no cases");
    assert!(failures.is_empty(), "{} mismatches with js-cookie:\n{}", failures.len(), failures.join("\n"));
}

/// cookie.rs's unit-test vectors are the script's `--rust` output, unedited.
#[test]
fn committed_vectors_are_the_scripts_output() {
    let generated = String::from_utf8(run_script(&["--rust"])).expect("cookie oracle printed invalid UTF-8");
    let source = include_str!("../src/storage/cookie.rs");
    assert!(
        source.contains(&generated),
        "the SET_CASES, GET_CASES and DATE_CASES constants in src/storage/cookie.rs are not \
         `node tests/oracle/cookie_vectors.cjs --rust` verbatim: paste its output over them"
    );
}
