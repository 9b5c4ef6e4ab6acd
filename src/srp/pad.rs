//! `padHex` from the JS SDK (Java `BigInteger.toByteArray()` style encoding),
//! plus the small hex / hashing helpers the SRP maths is built from.

use num_bigint::{BigInt, BigUint, Sign};
use sha2::{Digest, Sha256};

/// Lower-case hex of bytes (what Node's `Buffer#toString('hex')` gives).
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    s
}

/// Parses a non-negative hex integer the way Cognito sends them (`SRP_B`,
/// `SALT`): any length, either case, leading zeros allowed. Unlike the JS
/// BigInteger parser (which silently skips junk and treats `-` as a sign) we
/// reject anything that is not a hex digit, and the empty string; we also
/// refuse num-bigint's extras (`_` separators, `+` sign).
pub fn parse_hex_uint(s: &str) -> Option<BigUint> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    BigUint::parse_bytes(s.as_bytes(), 16)
}

/// The bytes of `padHex(n)` for n >= 0: minimal big-endian bytes, with a 0x00
/// prepended when the top bit is set so the value never reads as negative.
/// Zero encodes as a single 0x00 byte (JS: "0" -> "00").
pub fn pad_bytes(n: &BigUint) -> Vec<u8> {
    let mut bytes = n.to_bytes_be(); // [0] for zero
    if bytes.first().is_some_and(|&b| b & 0x80 != 0) {
        bytes.insert(0, 0);
    }
    bytes
}

/// `padHex` for a non-negative integer (lower-case, always even length).
pub fn pad_hex(n: &BigUint) -> String {
    to_hex(&pad_bytes(n))
}

/// `padHex` for any sign. Negative values follow the JS algorithm literally:
/// take the padded hex of |n| (L bytes), flip all bits and add one — i.e.
/// 256^L − |n| — print it with `toString(16)`, and drop a leading "ff" when the
/// result starts with "ff8" (only happens for −0x80, −0x8000, ...), giving the
/// minimal two's complement encoding.
pub fn pad_hex_signed(n: &BigInt) -> String {
    let magnitude = n.magnitude();
    if n.sign() != Sign::Minus {
        return pad_hex(magnitude);
    }
    let width_bytes = pad_bytes(magnitude).len();
    let modulus = BigUint::from(1u32) << (8 * width_bytes);
    // |n| < 256^L / 2 because its padded form has a clear top bit, so this
    // never underflows and always prints as exactly 2L digits.
    let hex = (modulus - magnitude).to_str_radix(16);
    match hex.strip_prefix("ff") {
        Some(rest) if rest.starts_with('8') => rest.to_string(),
        _ => hex,
    }
}

/// SHA-256 over the concatenation of `parts`.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(v: i64) -> String {
        pad_hex_signed(&BigInt::from(v))
    }

    #[test]
    fn doc_examples_from_the_js_sdk() {
        // The examples in AuthenticationHelper.padHex's doc comment (lower-cased,
        // as toString(16) produces).
        assert_eq!(signed(-236), "ff14");
        assert_eq!(signed(20), "14");
        assert_eq!(signed(-200), "ff38");
        assert_eq!(signed(56), "38");
        assert_eq!(signed(-20), "ec");
        assert_eq!(signed(236), "00ec");
        assert_eq!(signed(-56), "c8");
        assert_eq!(signed(200), "00c8");
    }

    #[test]
    fn edges() {
        assert_eq!(signed(0), "00");
        assert_eq!(signed(-1), "ff");
        assert_eq!(signed(-128), "80");
        assert_eq!(signed(-129), "ff7f");
        assert_eq!(signed(-256), "ff00");
        assert_eq!(signed(-32768), "8000");
        assert_eq!(signed(0x0abc), "0abc");
        assert_eq!(signed(0x8000), "008000");
        assert_eq!(pad_hex(&BigUint::from(0x123u32)), "0123");
    }

    #[test]
    fn parse_hex_rejects_junk() {
        assert_eq!(parse_hex_uint("00Ff"), Some(BigUint::from(255u32)));
        assert_eq!(parse_hex_uint("abc"), Some(BigUint::from(0xabcu32)));
        for bad in ["", "-1", "+1", "1_0", "0x10", "g", " 1", "é"] {
            assert_eq!(parse_hex_uint(bad), None, "{bad:?}");
        }
    }
}
