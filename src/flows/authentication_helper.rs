//! The exported `AuthenticationHelper` as synchronous operations over JSON: the JS class
//! holds the helper's values and calls one of these per method; [`crate::srp::helper`]
//! does the arithmetic, with the sign-in's code. The JS draws the randomness (as the SDK's
//! `randomBytes` does, through `WordArray`) and hands it over as input.
//!
//! Each operation takes an array of strings and answers one: integers as
//! `BigInteger#toString(16)` text, bytes as lower-case hex, in this order (the JS SDK's
//! names for them):
//!
//! | method | input | output |
//! | --- | --- | --- |
//! | `constants` | — | `N`, `g`, `k`, `infoBits` (hex), `newPasswordRequiredChallengeUserAttributePrefix` |
//! | `generateRandomString` | 40 random bytes (hex) | `randomString` (their base64) |
//! | `calculateA` | `a` | `A` |
//! | `calculateU` | `A`, `B` | `UValue`, `UHexHash` |
//! | `calculateS` | `smallAValue`, `UValue`, `xValue`, `serverBValue` | `S` |
//! | `getPasswordAuthenticationKey` | `poolName`, `username`, `password`, `serverBValue`, `salt`, `smallAValue`, `largeAValue` | `hkdf` (hex), `UValue`, `UHexHash` |
//! | `computehkdf` | `ikm`, `salt` (hex) | `hkdf` (hex) |
//! | `hash` | `buf` (hex) | `hash` |
//! | `padHex` | `bigInt` | `padHex` |
//! | `generateHashDevice` | `deviceGroupKey`, `username`, `randomPassword`, 16 random bytes (hex) | `SaltToHashDevices`, `verifierDevices` (hex) |
//!
//! Positions, not named members: the JS knows what each position is, and names in both
//! directions cost the wasm a table of them and an object built per answer.
//!
//! Text inputs (`poolName`, `username`, …) arrive already converted as the SDK's template
//! strings convert them (`${value}`): the JS does that, since only it has the values.

use crate::auth::USER_ATTRIBUTES_PREFIX;
use crate::json::Value;
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind};
use crate::srp::helper;
use crate::srp::{to_hex, SrpError};
use crate::text::{concat, name_hash};

/// One operation as data: its name's hash, how many text inputs it takes, whether those are hex
/// bytes, and which of them are numbers in hex (the last ones: parsed once every input is
/// read, in order, named in errors by the SDK's names for them). One loop reads every
/// operation's input: an arm of code per field cost the wasm far more than this table.
struct Method {
    /// `crate::text::name_hash` of the name: two bytes in the wasm, not the name (the
    /// facade sends only these names; another name hashes to one of theirs about once in
    /// six thousand, and gets that operation's input checks).
    hash: u16,
    inputs: usize,
    hex_bytes: bool,
    /// The last `numbers.len()` inputs are integers as `toString(16)` text: the SDK's
    /// name for each, and whether it is a SHA-256 output (u, x: at most 32 bytes, leading
    /// zeros aside).
    numbers: &'static [(&'static str, bool)],
}

const fn method(name: &'static str, inputs: usize) -> Method {
    Method { hash: name_hash(name.as_bytes()), inputs, hex_bytes: false, numbers: &[] }
}

const fn hex_method(name: &'static str, inputs: usize) -> Method {
    Method { hash: name_hash(name.as_bytes()), inputs, hex_bytes: true, numbers: &[] }
}

const fn number_method(name: &'static str, inputs: usize, numbers: &'static [(&'static str, bool)]) -> Method {
    Method { hash: name_hash(name.as_bytes()), inputs, hex_bytes: false, numbers }
}

/// The operations, in the order [`compute`] matches on their positions.
const METHODS: [Method; 10] = [
    method("constants", 0),
    hex_method("generateRandomString", 1),
    number_method("calculateA", 1, &[("smallAValue", false)]),
    number_method("calculateU", 2, &[("largeAValue", false), ("serverBValue", false)]),
    number_method(
        "calculateS",
        4,
        &[("smallAValue", false), ("UValue", true), ("xValue", true), ("serverBValue", false)],
    ),
    number_method("getPasswordAuthenticationKey", 7, &[("smallAValue", false), ("largeAValue", false)]),
    hex_method("computehkdf", 2),
    hex_method("hash", 1),
    method("padHex", 1),
    number_method("generateHashDevice", 4, &[("SaltToHashDevices", false)]),
];

/// No two operations share a hash (checked when compiling).
const _: () = {
    let mut i = 0;
    while i < METHODS.len() {
        let mut j = i + 1;
        while j < METHODS.len() {
            assert!(METHODS[i].hash != METHODS[j].hash, "two operation names share a hash");
            j += 1;
        }
        i += 1;
    }
};

/// Runs `AuthenticationHelper` operation `method` on `input` (an array). Nothing here
/// draws randomness: the JS class draws it (as the SDK's `randomBytes` does) and hands it
/// over as input.
pub fn srp_helper(method: &str, input: &Value) -> Result<Value, CognitoError> {
    // Every failure comes out of `outputs` as data and becomes a `CognitoError` here, in
    // one place, rather than at each `?`.
    let hash = name_hash(method.as_bytes());
    let index = METHODS.iter().position(|m| m.hash == hash).ok_or(Fault::Input(" is no operation"));
    match index.and_then(|index| outputs(index, input.as_array().map_or(&[], Vec::as_slice))) {
        Ok(items) => Ok(Value::Array(items)),
        Err(Fault::Srp(e)) => Err(CognitoError::new(ErrorKind::Srp, e.message())),
        Err(Fault::Input(what)) => {
            Err(CognitoError::invalid_parameter(concat(&["AuthenticationHelper.", method, what])))
        }
    }
}

/// Why an operation failed: what [`srp_helper`] turns into its error.
enum Fault {
    Srp(SrpError),
    /// What the input must be.
    Input(&'static str),
}

impl From<SrpError> for Fault {
    fn from(e: SrpError) -> Fault {
        Fault::Srp(e)
    }
}

/// The outputs of operation `METHODS[index]`: its inputs read, its outputs computed.
fn outputs(index: usize, input: &[Value]) -> Result<Vec<Value>, Fault> {
    let spec = &METHODS[index];
    let mut out = Vec::new();
    if input.len() != spec.inputs {
        return Err(Fault::Input(": wrong number of inputs"));
    }
    // At most seven text inputs, and four byte strings per operation: its hex bytes or
    // its numbers (no operation has both).
    let mut texts = [""; 7];
    let mut bytes: [Vec<u8>; 4] = Default::default();
    let mut slots = bytes.iter_mut();
    for (text, item) in texts.iter_mut().zip(input) {
        *text = item.as_str().ok_or(Fault::Input(": inputs must be strings"))?;
        if spec.hex_bytes {
            if let Some(slot) = slots.next() {
                *slot = crate::srp::parse_hex_bytes(text).ok_or(Fault::Input(": inputs must be hex bytes"))?;
            }
        }
    }
    let first_number = spec.inputs - spec.numbers.len();
    for ((slot, text), &(name, hash)) in slots.zip(texts.iter().skip(first_number)).zip(spec.numbers) {
        *slot = helper::number(text, name, hash)?;
    }
    compute(index, &texts, &bytes, &mut out)?;
    Ok(out)
}

/// `text` as the next output.
fn push(out: &mut Vec<Value>, text: String) {
    out.push(Value::String(text));
}

/// The text outputs of operation `METHODS[index]` from its text
/// inputs and its byte strings (random buffers, hex bytes or numbers), in the table's
/// orders.
#[inline(never)]
fn compute(index: usize, t: &[&str; 7], b: &[Vec<u8>; 4], out: &mut Vec<Value>) -> Result<(), SrpError> {
    match index {
        0 => {
            push(out, helper::n_hex());
            push(out, helper::g_hex());
            push(out, helper::k_hex());
            push(out, to_hex(helper::info_bits()));
            push(out, USER_ATTRIBUTES_PREFIX.into());
        }
        1 => push(out, helper::random_string(&b[0])),
        2 => push(out, helper::large_a(&b[0])),
        3 => {
            let u = helper::scrambler(&b[0], &b[1]);
            push(out, u.value);
            push(out, u.hex_hash);
        }
        4 => push(out, helper::premaster(&b[0], &b[1], &b[2], &b[3])),
        5 => {
            let key = helper::password_key(&b[0], &b[1], t[0], t[1], t[2], t[3], t[4])?;
            push(out, to_hex(&key.key));
            push(out, key.u.value);
            push(out, key.u.hex_hash);
        }
        6 => push(out, to_hex(&helper::compute_hkdf(&b[0], &b[1]))),
        7 => push(out, helper::hash(&b[0])),
        8 => push(out, helper::pad_hex(t[0])?),
        _ => {
            let hash = helper::device_hash(t[0], t[1], t[2], &b[0]);
            push(out, to_hex(&hash.salt));
            push(out, to_hex(&hash.verifier));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn run(method: &str, input: Value) -> Result<Value, CognitoError> {
        srp_helper(method, &input)
    }

    /// Output `i` of a successful operation, as text.
    fn nth(answer: &Value, i: usize) -> &str {
        answer.as_array().unwrap()[i].as_str().unwrap()
    }

    #[test]
    fn randomness_comes_as_input() {
        let device = run("generateHashDevice", json!(["g", "d", "pw", "000102"])).unwrap();
        let expected = helper::device_hash("g", "d", "pw", &[0, 1, 2]);
        assert_eq!(nth(&device, 0), to_hex(&expected.salt));
        assert_eq!(nth(&device, 1), to_hex(&expected.verifier));
        assert_eq!(device.as_array().unwrap().len(), 2);
        assert_eq!(nth(&run("generateRandomString", json!(["ffffff"])).unwrap(), 0), "////");
        let err = run("generateRandomString", json!(["f"])).unwrap_err();
        assert_eq!(err.message, "AuthenticationHelper.generateRandomString: inputs must be hex bytes");
    }

    #[test]
    fn outputs_come_in_the_tables_order() {
        let c = run("constants", json!([])).unwrap();
        assert_eq!(c.as_array().unwrap().len(), 5, "N, g, k, infoBits, the attribute prefix");
        assert_eq!([nth(&c, 0), nth(&c, 1), nth(&c, 2)], [helper::n_hex(), helper::g_hex(), helper::k_hex()]);
        assert_eq!(nth(&c, 3), to_hex(b"Caldera Derived Key"));
        assert_eq!(nth(&c, 4), "userAttributes.");
        let u = run("calculateU", json!(["2", "3"])).unwrap();
        assert_eq!(nth(&u, 1).len(), 64);
        assert_eq!(nth(&run("hash", json!(["616263"])).unwrap(), 0), helper::hash(b"abc"));
        assert_eq!(nth(&run("padHex", json!(["-80"])).unwrap(), 0), "80");
    }

    #[test]
    fn bad_input_is_an_error_naming_the_method() {
        let err = run("calculateA", json!([5])).unwrap_err();
        assert_eq!(
            (err.kind.clone(), err.message.as_str()),
            (ErrorKind::InvalidParameter, "AuthenticationHelper.calculateA: inputs must be strings")
        );
        let err = run("hash", json!(["abc"])).unwrap_err();
        assert_eq!(err.message, "AuthenticationHelper.hash: inputs must be hex bytes");
        let err = run("calculateU", json!(["2"])).unwrap_err();
        assert_eq!(err.message, "AuthenticationHelper.calculateU: wrong number of inputs");
        assert_eq!(run("hash", json!({ "buf": "00" })).unwrap_err().kind, ErrorKind::InvalidParameter);
        let err = run("calculateA", json!(["-1"])).unwrap_err();
        assert_eq!(
            (err.kind.clone(), err.message.as_str()),
            (ErrorKind::Srp, "smallAValue is not a valid hex string.")
        );
        let key = json!(["p", "u", "pw", "00", "1", "1", "2"]);
        assert_eq!(run("getPasswordAuthenticationKey", key).unwrap_err().message, "B cannot be zero.");
        let err = run("nope", json!([])).unwrap_err();
        assert_eq!(
            (err.kind.clone(), err.message.as_str()),
            (ErrorKind::InvalidParameter, "AuthenticationHelper.nope is no operation")
        );
    }

    /// Numbers are parsed after every input is read, in the inputs' order, as the
    /// operations did when each parsed its own.
    #[test]
    fn numbers_are_checked_in_order_after_the_strings() {
        let s = |a: &str, u: &str, x: &str, b: Value| {
            run("calculateS", json!([(a), (u), (x), (b)])).unwrap_err().message.clone()
        };
        let long = "f".repeat(65);
        assert_eq!(s("zz", "1", "1", json!(5)), "AuthenticationHelper.calculateS: inputs must be strings");
        assert_eq!(s("zz", &long, "zz", json!("2")), "smallAValue is not a valid hex string.");
        assert_eq!(s("1", &long, "zz", json!("2")), "UValue is longer than a SHA-256 hash.");
        assert_eq!(s("1", "1", "zz", json!("-2")), "xValue is not a valid hex string.");
        assert_eq!(s("1", "1", &long, json!("zz")), "xValue is longer than a SHA-256 hash.");
        assert_eq!(s("1", "1", "1", json!("zz")), "serverBValue is not a valid hex string.");
        let ok = run("calculateS", json!(["1", (format!("00{long}")), "9", "2"]));
        assert_eq!(ok.unwrap_err().message, "UValue is longer than a SHA-256 hash.");
        let s = run("calculateS", json!(["5", "7", "9", "2"]));
        assert_eq!(nth(&s.unwrap(), 0), helper::calculate_s("5", "7", "9", "2").unwrap());
        let key = |a: &str, big_a: &str, b: &str| {
            run("getPasswordAuthenticationKey", json!(["p", "u", "pw", (b), "zz", (a), (big_a)]))
                .unwrap_err()
                .message
                .clone()
        };
        assert_eq!(key("x", "y", "0"), "smallAValue is not a valid hex string.");
        assert_eq!(key("1", "y", "0"), "largeAValue is not a valid hex string.");
        assert_eq!(key("1", "2", "0"), "B cannot be zero.");
        assert_eq!(key("1", "2", "5"), "SALT is not a valid hex string.");
        let u = run("calculateU", json!(["2", "3"])).unwrap();
        assert_eq!(nth(&u, 0), helper::calculate_u("2", "3").unwrap().value);
        assert_eq!(nth(&run("calculateA", json!(["7"])).unwrap(), 0), helper::calculate_a("7").unwrap());
    }
}
