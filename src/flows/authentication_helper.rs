//! The exported `AuthenticationHelper` (and `WordArray`'s randomness) as synchronous
//! operations over JSON: the JS class holds the helper's values and calls one of these
//! per method; [`crate::srp::helper`] does the arithmetic, with the sign-in's code.
//!
//! Integers travel as `BigInteger#toString(16)` text, bytes as lower-case hex, and each
//! operation's input and output fields carry the JS SDK's names for them:
//!
//! | method | input | output |
//! | --- | --- | --- |
//! | `constants` | — | `N`, `g`, `k`, `infoBits` (hex), `newPasswordRequiredChallengeUserAttributePrefix` |
//! | `generateRandomSmallA` | — | `smallAValue` |
//! | `generateRandomString` | — | `randomString` |
//! | `calculateA` | `a` | `A` |
//! | `calculateU` | `A`, `B` | `UValue`, `UHexHash` |
//! | `calculateS` | `smallAValue`, `UValue`, `xValue`, `serverBValue` | `S` |
//! | `getPasswordAuthenticationKey` | `poolName`, `username`, `password`, `serverBValue`, `salt`, `smallAValue`, `largeAValue` | `hkdf` (hex), `UValue`, `UHexHash` |
//! | `computehkdf` | `ikm`, `salt` (hex) | `hkdf` (hex) |
//! | `hash` | `buf` (hex) | `hash` |
//! | `hexHash` | `hexStr` (as given: decoded as Node's `Buffer.from(hexStr, 'hex')`) | `hash` |
//! | `padHex` | `bigInt` | `padHex` |
//! | `generateHashDevice` | `deviceGroupKey`, `username` | `randomPassword`, `SaltToHashDevices`, `verifierDevices` (hex) |
//! | `randomWords` | `nBytes` (a number; null reads as 0, as `NaN` does in the JS loop) | `words` (unsigned 32-bit numbers) |
//!
//! Text inputs (`poolName`, `username`, …) arrive already converted as the SDK's template
//! strings convert them (`${value}`): the JS does that, since only it has the values.

use super::Random;
use crate::auth::USER_ATTRIBUTES_PREFIX;
use crate::json::{Number, Object, Value};
use crate::prelude::*;
use crate::protocol::{CognitoError, ErrorKind};
use crate::srp::helper::{self, DEVICE_SALT_BYTES, RANDOM_STRING_BYTES};
use crate::srp::{to_hex, SrpError, SMALL_A_BYTES};
use crate::text::concat;

/// Most bytes `randomWords` draws in one call (`WordArray#random(nBytes)`): far beyond any
/// use (the SDK draws 16, 40 or 128), low enough that a wrong number cannot exhaust memory.
pub const MAX_RANDOM_BYTES: f64 = 1_048_576.0;

/// One operation as data: its name, the random buffers it draws (before it reads its
/// input, as `generateHashDevice` does in the SDK), its text inputs, whether those are hex
/// bytes, which of them are numbers in hex (parsed once every input is read, in order,
/// named in errors by the SDK's names for them), and the names of its outputs. One loop
/// reads every operation's input and one names its outputs: an arm of code per field cost
/// the wasm far more than these tables.
struct Method {
    name: &'static str,
    draws: &'static [usize],
    inputs: &'static [&'static str],
    hex_bytes: bool,
    /// The first `numbers.len()` inputs are integers as `toString(16)` text: the SDK's
    /// name for each, and whether it is a SHA-256 output (u, x: at most 32 bytes).
    numbers: &'static [(&'static str, bool)],
    outputs: &'static [&'static str],
}

const fn method(
    name: &'static str, draws: &'static [usize], inputs: &'static [&'static str], outputs: &'static [&'static str],
) -> Method {
    Method { name, draws, inputs, hex_bytes: false, numbers: &[], outputs }
}

const fn hex_method(name: &'static str, inputs: &'static [&'static str], outputs: &'static [&'static str]) -> Method {
    Method { name, draws: &[], inputs, hex_bytes: true, numbers: &[], outputs }
}

const fn number_method(
    name: &'static str, inputs: &'static [&'static str], numbers: &'static [(&'static str, bool)],
    outputs: &'static [&'static str],
) -> Method {
    Method { name, draws: &[], inputs, hex_bytes: false, numbers, outputs }
}

/// The operations, in the order [`compute`] matches on their positions.
const METHODS: [Method; 13] = [
    method("constants", &[], &[], &["N", "g", "k", "infoBits", "newPasswordRequiredChallengeUserAttributePrefix"]),
    method("generateRandomSmallA", &[SMALL_A_BYTES], &[], &["smallAValue"]),
    method("generateRandomString", &[RANDOM_STRING_BYTES], &[], &["randomString"]),
    number_method("calculateA", &["a"], &[("smallAValue", false)], &["A"]),
    number_method(
        "calculateU",
        &["A", "B"],
        &[("largeAValue", false), ("serverBValue", false)],
        &["UValue", "UHexHash"],
    ),
    number_method(
        "calculateS",
        &["smallAValue", "UValue", "xValue", "serverBValue"],
        &[("smallAValue", false), ("UValue", true), ("xValue", true), ("serverBValue", false)],
        &["S"],
    ),
    number_method(
        "getPasswordAuthenticationKey",
        &["smallAValue", "largeAValue", "poolName", "username", "password", "serverBValue", "salt"],
        &[("smallAValue", false), ("largeAValue", false)],
        &["hkdf", "UValue", "UHexHash"],
    ),
    hex_method("computehkdf", &["ikm", "salt"], &["hkdf"]),
    hex_method("hash", &["buf"], &["hash"]),
    method("hexHash", &[], &["hexStr"], &["hash"]),
    method("padHex", &[], &["bigInt"], &["padHex"]),
    method(
        "generateHashDevice",
        &[RANDOM_STRING_BYTES, DEVICE_SALT_BYTES],
        &["deviceGroupKey", "username"],
        &["randomPassword", "SaltToHashDevices", "verifierDevices"],
    ),
    method("randomWords", &[], &[], &["words"]),
];

/// Runs `AuthenticationHelper` operation `method` on `input`; `random` fills buffers with
/// secure randomness (`getrandom::getrandom` in production).
pub fn srp_helper(method: &str, input: &Value, random: Random) -> Result<Value, CognitoError> {
    let Some(index) = METHODS.iter().position(|m| m.name == method) else {
        return Err(CognitoError::invalid_parameter(concat(&["AuthenticationHelper has no operation ", method])));
    };
    // Every failure comes out of `outputs` as data and becomes a `CognitoError` here, in
    // one place, rather than at each `?`.
    let members = match outputs(index, input, random) {
        Ok(members) => members,
        Err(Fault::Srp(e)) => return Err(CognitoError::new(ErrorKind::Srp, e.message())),
        Err(Fault::Input(field, what)) => {
            return Err(CognitoError::invalid_parameter(concat(&["AuthenticationHelper.", method, ": ", field, what])))
        }
        Err(Fault::TooManyBytes) => {
            // A literal, not the constant formatted: f64's Display costs the wasm about 14 KB.
            return Err(CognitoError::invalid_parameter("WordArray.random: at most 1048576 bytes at a time"));
        }
    };
    Ok(Value::Object(Object::from_distinct(members)))
}

/// Why an operation failed: what [`srp_helper`] turns into its error.
enum Fault {
    Srp(SrpError),
    /// The input field, and what it must be.
    Input(&'static str, &'static str),
    /// `randomWords` asked for more than [`MAX_RANDOM_BYTES`].
    TooManyBytes,
}

impl From<SrpError> for Fault {
    fn from(e: SrpError) -> Fault {
        Fault::Srp(e)
    }
}

/// The output members of operation `METHODS[index]`: its random buffers drawn, its inputs
/// read, its outputs computed and named.
fn outputs(index: usize, input: &Value, random: Random) -> Result<Vec<(String, Value)>, Fault> {
    let spec = &METHODS[index];
    // At most seven text inputs, and four byte strings per operation: its random buffers,
    // its hex bytes or its numbers (no operation has two of those).
    let mut texts = [""; 7];
    let mut bytes: [Vec<u8>; 4] = Default::default();
    let mut slots = bytes.iter_mut();
    // (`draws` first: `zip` takes from its first iterator first, and a slot taken past the
    // last draw would be lost.)
    for (&len, slot) in spec.draws.iter().zip(slots.by_ref()) {
        *slot = draw(random, len)?;
    }
    for (text, &field) in texts.iter_mut().zip(spec.inputs) {
        *text = input.get(field).and_then(Value::as_str).ok_or(Fault::Input(field, " must be a string"))?;
        if spec.hex_bytes {
            if let Some(slot) = slots.next() {
                *slot = crate::srp::parse_hex_bytes(text).ok_or(Fault::Input(field, " must be hex bytes"))?;
            }
        }
    }
    for ((slot, text), &(name, hash)) in slots.zip(texts).zip(spec.numbers) {
        *slot = helper::number(text, name, hash)?;
    }
    let mut out = Named { names: spec.outputs.iter(), members: Vec::new() };
    if index == 12 {
        let bytes = draw(random, 4 * word_count(input)?)?;
        let mut words = Vec::new();
        for w in bytes.chunks_exact(4) {
            let word = u32::from_be_bytes([w[0], w[1], w[2], w[3]]);
            words.push(Value::Number(Number::from(i64::from(word))));
        }
        out.push_value(Value::Array(words));
        return Ok(out.members);
    }
    compute(index, &texts, &bytes, &mut out)?;
    Ok(out.members)
}

/// Output members named as they are pushed, in the order of the operation's `outputs`.
struct Named {
    names: core::slice::Iter<'static, &'static str>,
    members: Vec<(String, Value)>,
}

impl Named {
    /// `text` as the member named next.
    fn push(&mut self, text: String) {
        self.push_value(Value::String(text));
    }

    fn push_value(&mut self, value: Value) {
        if let Some(&name) = self.names.next() {
            self.members.push((name.into(), value));
        }
    }
}

/// The text outputs of operation `METHODS[index]` (not `randomWords`) from its text
/// inputs and its byte strings (random buffers, hex bytes or numbers), in the tables'
/// orders.
#[inline(never)]
fn compute(index: usize, t: &[&str; 7], b: &[Vec<u8>; 4], out: &mut Named) -> Result<(), SrpError> {
    match index {
        0 => {
            out.push(helper::n_hex());
            out.push(helper::g_hex());
            out.push(helper::k_hex());
            out.push(to_hex(helper::info_bits()));
            out.push(USER_ATTRIBUTES_PREFIX.into());
        }
        1 => out.push(helper::small_a(&b[0])),
        2 => out.push(helper::random_string(&b[0])),
        3 => out.push(helper::large_a(&b[0])),
        4 => {
            let u = helper::scrambler(&b[0], &b[1]);
            out.push(u.value);
            out.push(u.hex_hash);
        }
        5 => out.push(helper::premaster(&b[0], &helper::hash_bytes(&b[1]), &helper::hash_bytes(&b[2]), &b[3])),
        6 => {
            let key = helper::password_key(&b[0], &b[1], t[2], t[3], t[4], t[5], t[6])?;
            out.push(to_hex(&key.key));
            out.push(key.u.value);
            out.push(key.u.hex_hash);
        }
        7 => out.push(to_hex(&helper::compute_hkdf(&b[0], &b[1]))),
        8 => out.push(helper::hash(&b[0])),
        9 => out.push(helper::hex_hash(t[0])),
        10 => out.push(helper::pad_hex(t[0])?),
        _ => {
            let hash = helper::device_hash(t[0], t[1], &b[0], &b[1]);
            out.push(hash.random_password);
            out.push(to_hex(&hash.salt));
            out.push(to_hex(&hash.verifier));
        }
    }
    Ok(())
}

/// `WordArray#random(nBytes)` draws one word per started group of four bytes:
/// `for (i = 0; i < nBytes; i += 4)`.
fn word_count(input: &Value) -> Result<usize, Fault> {
    let n_bytes = input.get("nBytes").and_then(Value::as_f64).unwrap_or(0.0);
    if n_bytes > MAX_RANDOM_BYTES {
        return Err(Fault::TooManyBytes);
    }
    // Positive and at most MAX_RANDOM_BYTES: the cast is exact.
    Ok(if n_bytes > 0.0 { crate::float::ceil(n_bytes / 4.0) as usize } else { 0 })
}

fn draw(random: Random, len: usize) -> Result<Vec<u8>, SrpError> {
    let mut bytes = vec![0u8; len];
    random(&mut bytes).map_err(SrpError::Random)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    fn counting(buf: &mut [u8]) -> Result<(), getrandom::Error> {
        for (i, b) in buf.iter_mut().enumerate() {
            *b = i as u8;
        }
        Ok(())
    }

    fn failing(_: &mut [u8]) -> Result<(), getrandom::Error> {
        Err(getrandom::Error::UNSUPPORTED)
    }

    fn run(method: &str, input: Value) -> Result<Value, CognitoError> {
        srp_helper(method, &input, counting)
    }

    #[test]
    fn randomness_comes_from_the_given_source() {
        let words = run("randomWords", json!({ "nBytes": 5 })).unwrap();
        assert_eq!(words["words"].stringify(), "[66051,67438087]", "two words: 00010203, 04050607");
        assert_eq!(run("randomWords", json!({ "nBytes": 0 })).unwrap()["words"].stringify(), "[]");
        assert_eq!(run("randomWords", json!({ "nBytes": null })).unwrap()["words"].stringify(), "[]");
        assert_eq!(run("randomWords", json!({ "nBytes": (-4) })).unwrap()["words"].stringify(), "[]");
        assert!(run("randomWords", json::parse(r#"{"nBytes":1e9}"#).unwrap()).is_err());
        let small_a = run("generateRandomSmallA", json!({})).unwrap();
        assert_eq!(small_a["smallAValue"], helper::small_a(&(0..64).collect::<Vec<u8>>()).as_str());
        let device = run("generateHashDevice", json!({ "deviceGroupKey": "g", "username": "d" })).unwrap();
        let expected = helper::device_hash("g", "d", &(0..40).collect::<Vec<u8>>(), &(0..16).collect::<Vec<u8>>());
        assert_eq!(device["randomPassword"], expected.random_password.as_str());
        assert_eq!(device["verifierDevices"], to_hex(&expected.verifier).as_str());
        let err = srp_helper("generateRandomString", &json!({}), failing).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Srp);
    }

    #[test]
    fn outputs_carry_the_sdk_names() {
        let c = run("constants", json!({})).unwrap();
        let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["N", "g", "k", "infoBits", "newPasswordRequiredChallengeUserAttributePrefix"]);
        assert_eq!(c["newPasswordRequiredChallengeUserAttributePrefix"], "userAttributes.");
        let u = run("calculateU", json!({ "A": "2", "B": "3" })).unwrap();
        assert_eq!(u["UHexHash"].as_str().unwrap().len(), 64);
        assert_eq!(run("hash", json!({ "buf": "616263" })).unwrap()["hash"], helper::hash(b"abc").as_str());
        assert_eq!(run("hexHash", json!({ "hexStr": "616263zz" })).unwrap()["hash"], helper::hash(b"abc").as_str());
        assert_eq!(run("padHex", json!({ "bigInt": "-80" })).unwrap()["padHex"], "80");
    }

    #[test]
    fn bad_input_is_an_error_naming_the_field() {
        let err = run("calculateA", json!({ "a": 5 })).unwrap_err();
        assert_eq!(
            (err.kind, err.message.as_str()),
            (ErrorKind::InvalidParameter, "AuthenticationHelper.calculateA: a must be a string")
        );
        let err = run("hash", json!({ "buf": "abc" })).unwrap_err();
        assert_eq!(err.message, "AuthenticationHelper.hash: buf must be hex bytes");
        let err = run("calculateA", json!({ "a": "-1" })).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (ErrorKind::Srp, "smallAValue is not a valid hex string."));
        let key = json!({ "poolName": "p", "username": "u", "password": "pw", "serverBValue": "00", "salt": "1",
            "smallAValue": "1", "largeAValue": "2" });
        assert_eq!(run("getPasswordAuthenticationKey", key).unwrap_err().message, "B cannot be zero.");
        assert_eq!(run("nope", json!({})).unwrap_err().kind, ErrorKind::InvalidParameter);
    }

    /// Numbers are parsed after every input is read, in the inputs' order, as the
    /// operations did when each parsed its own.
    #[test]
    fn numbers_are_checked_in_order_after_the_strings() {
        let s = |a: &str, u: &str, x: &str, b: Value| {
            run("calculateS", json!({ "smallAValue": (a), "UValue": (u), "xValue": (x), "serverBValue": (b) }))
                .unwrap_err()
                .message
        };
        let long = "f".repeat(65);
        assert_eq!(s("zz", "1", "1", json!(5)), "AuthenticationHelper.calculateS: serverBValue must be a string");
        assert_eq!(s("zz", &long, "zz", json!("2")), "smallAValue is not a valid hex string.");
        assert_eq!(s("1", &long, "zz", json!("2")), "UValue is longer than a SHA-256 hash.");
        assert_eq!(s("1", "1", "zz", json!("-2")), "xValue is not a valid hex string.");
        assert_eq!(s("1", "1", &long, json!("zz")), "xValue is longer than a SHA-256 hash.");
        assert_eq!(s("1", "1", "1", json!("zz")), "serverBValue is not a valid hex string.");
        let ok = run(
            "calculateS",
            json!({ "smallAValue": "1", "UValue": (format!("00{long}")), "xValue": "9",
            "serverBValue": "2" }),
        );
        assert_eq!(ok.unwrap_err().message, "UValue is longer than a SHA-256 hash.");
        let s = run("calculateS", json!({ "smallAValue": "5", "UValue": "7", "xValue": "9", "serverBValue": "2" }));
        assert_eq!(s.unwrap()["S"], helper::calculate_s("5", "7", "9", "2").unwrap().as_str());
        let key = |a: &str, big_a: &str, b: &str| {
            run(
                "getPasswordAuthenticationKey",
                json!({ "poolName": "p", "username": "u", "password": "pw",
                "serverBValue": (b), "salt": "zz", "smallAValue": (a), "largeAValue": (big_a) }),
            )
            .unwrap_err()
            .message
        };
        assert_eq!(key("x", "y", "0"), "smallAValue is not a valid hex string.");
        assert_eq!(key("1", "y", "0"), "largeAValue is not a valid hex string.");
        assert_eq!(key("1", "2", "0"), "B cannot be zero.");
        assert_eq!(key("1", "2", "5"), "SALT is not a valid hex string.");
        let u = run("calculateU", json!({ "A": "2", "B": "3" })).unwrap();
        assert_eq!(u["UValue"], helper::calculate_u("2", "3").unwrap().value.as_str());
        assert_eq!(run("calculateA", json!({ "a": "7" })).unwrap()["A"], helper::calculate_a("7").unwrap().as_str());
    }
}
