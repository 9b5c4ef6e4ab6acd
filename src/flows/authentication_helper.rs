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

/// Runs `AuthenticationHelper` operation `method` on `input`; `random` fills buffers with
/// secure randomness (`getrandom::getrandom` in production).
pub fn srp_helper(method: &str, input: &Value, random: Random) -> Result<Value, CognitoError> {
    let args = Args { method, input };
    // One list that every operation adds its outputs to (not a `vec!` per operation:
    // each was its own allocation and clean-up code).
    let mut out = Outputs(Vec::with_capacity(5));
    match method {
        "constants" => {
            out.put("N", helper::n_hex());
            out.put("g", helper::g_hex());
            out.put("k", helper::k_hex());
            out.put("infoBits", to_hex(helper::info_bits()));
            out.put("newPasswordRequiredChallengeUserAttributePrefix", USER_ATTRIBUTES_PREFIX.into());
        }
        "generateRandomSmallA" => out.put("smallAValue", helper::small_a(&draw(random, SMALL_A_BYTES)?)),
        "generateRandomString" => out.put("randomString", helper::random_string(&draw(random, RANDOM_STRING_BYTES)?)),
        "calculateA" => out.put("A", helper::calculate_a(args.str("a")?).map_err(srp_error)?),
        "calculateU" => {
            let u = helper::calculate_u(args.str("A")?, args.str("B")?).map_err(srp_error)?;
            out.put("UValue", u.value);
            out.put("UHexHash", u.hex_hash);
        }
        "calculateS" => {
            let s = helper::calculate_s(
                args.str("smallAValue")?,
                args.str("UValue")?,
                args.str("xValue")?,
                args.str("serverBValue")?,
            );
            out.put("S", s.map_err(srp_error)?);
        }
        "getPasswordAuthenticationKey" => {
            let key = helper::password_authentication_key(
                args.str("smallAValue")?,
                args.str("largeAValue")?,
                args.str("poolName")?,
                args.str("username")?,
                args.str("password")?,
                args.str("serverBValue")?,
                args.str("salt")?,
            )
            .map_err(srp_error)?;
            out.put("hkdf", to_hex(&key.key));
            out.put("UValue", key.u.value);
            out.put("UHexHash", key.u.hex_hash);
        }
        "computehkdf" => out.put("hkdf", to_hex(&helper::compute_hkdf(&args.bytes("ikm")?, &args.bytes("salt")?))),
        "hash" => out.put("hash", helper::hash(&args.bytes("buf")?)),
        "hexHash" => out.put("hash", helper::hex_hash(args.str("hexStr")?)),
        "padHex" => out.put("padHex", helper::pad_hex(args.str("bigInt")?).map_err(srp_error)?),
        "generateHashDevice" => {
            let password = draw(random, RANDOM_STRING_BYTES)?;
            let salt = draw(random, DEVICE_SALT_BYTES)?;
            let hash = helper::device_hash(args.str("deviceGroupKey")?, args.str("username")?, &password, &salt);
            out.put("randomPassword", hash.random_password);
            out.put("SaltToHashDevices", to_hex(&hash.salt));
            out.put("verifierDevices", to_hex(&hash.verifier));
        }
        "randomWords" => {
            let bytes = draw(random, 4 * word_count(&args)?)?;
            let words = bytes.chunks_exact(4).map(|w| {
                let word = u32::from_be_bytes([w[0], w[1], w[2], w[3]]);
                Value::Number(Number::from(i64::from(word)))
            });
            out.0.push(("words".into(), Value::Array(words.collect())));
        }
        _ => return Err(CognitoError::invalid_parameter(concat(&["AuthenticationHelper has no operation ", method]))),
    }
    Ok(Value::Object(Object::from_pairs(out.0)))
}

/// An operation's outputs, named as the SDK names them.
struct Outputs(Vec<(String, Value)>);

impl Outputs {
    fn put(&mut self, name: &str, text: String) {
        self.0.push((name.into(), Value::String(text)));
    }
}

/// One operation's input, for reading its fields.
struct Args<'a> {
    method: &'a str,
    input: &'a Value,
}

impl Args<'_> {
    fn str(&self, field: &str) -> Result<&str, CognitoError> {
        self.input.get(field).and_then(Value::as_str).ok_or_else(|| {
            CognitoError::invalid_parameter(concat(&[
                "AuthenticationHelper.",
                self.method,
                ": ",
                field,
                " must be a string",
            ]))
        })
    }

    /// A byte string given as hex.
    fn bytes(&self, field: &str) -> Result<Vec<u8>, CognitoError> {
        crate::srp::parse_hex_bytes(self.str(field)?).ok_or_else(|| {
            CognitoError::invalid_parameter(concat(&[
                "AuthenticationHelper.",
                self.method,
                ": ",
                field,
                " must be hex bytes",
            ]))
        })
    }
}

/// `WordArray#random(nBytes)` draws one word per started group of four bytes:
/// `for (i = 0; i < nBytes; i += 4)`.
fn word_count(args: &Args<'_>) -> Result<usize, CognitoError> {
    let n_bytes = args.input.get("nBytes").and_then(Value::as_f64).unwrap_or(0.0);
    if n_bytes > MAX_RANDOM_BYTES {
        // A literal, not the constant formatted: f64's Display costs the wasm about 14 KB.
        return Err(CognitoError::invalid_parameter("WordArray.random: at most 1048576 bytes at a time"));
    }
    // Positive and at most MAX_RANDOM_BYTES: the cast is exact.
    Ok(if n_bytes > 0.0 { crate::float::ceil(n_bytes / 4.0) as usize } else { 0 })
}

fn draw(random: Random, len: usize) -> Result<Vec<u8>, CognitoError> {
    let mut bytes = vec![0u8; len];
    random(&mut bytes).map_err(|e| srp_error(SrpError::Random(e)))?;
    Ok(bytes)
}

fn srp_error(e: SrpError) -> CognitoError {
    CognitoError::new(ErrorKind::Srp, e.message())
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
}
