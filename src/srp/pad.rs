//! `padHex` from the JS SDK (Java `BigInteger.toByteArray()` style encoding),
//! plus the small hex / hashing helpers the SRP maths is built from. Numbers
//! are big-endian byte strings here; hex is encoded and decoded by hand (no
//! `core::fmt`).

use crate::prelude::*;
use crate::text::hex_digit;

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lower-case hex of bytes (what Node's `Buffer#toString('hex')` gives).
pub fn to_hex(bytes: &[u8]) -> String {
    hex(bytes, false)
}

/// The big-endian integer `bytes` as JS `BigInteger#toString(16)` prints it:
/// lower case, no leading zeros, "0" for zero.
pub fn to_hex_trimmed(bytes: &[u8]) -> String {
    hex(bytes, true)
}

/// Both hex forms in one loop: `trim` skips the leading zero digits (and writes "0" for
/// zero).
fn hex(bytes: &[u8], trim: bool) -> String {
    let mut s = String::new();
    for &b in bytes {
        for digit in [b >> 4, b & 0x0f] {
            if !(trim && s.is_empty() && digit == 0) {
                s.push(char::from(DIGITS[usize::from(digit & 0x0f)])); // (& 0x0f: no bounds check)
            }
        }
    }
    if trim && s.is_empty() {
        s.push('0');
    }
    s
}

pub(super) fn strip_leading_zeros(mut bytes: &[u8]) -> &[u8] {
    // A pattern rather than an index: no bounds check, no panic path.
    while let [0, rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

/// Parses a non-negative hex integer the way Cognito sends them (`SRP_B`,
/// `SALT`) into big-endian bytes: any length (odd lengths get a leading zero
/// nibble), either case, leading zeros allowed and kept. Unlike the JS
/// BigInteger parser (which silently skips junk and treats `-` as a sign) we
/// reject anything that is not a hex digit (`-`, `+`, `_`, `0x`, spaces), and
/// the empty string.
pub fn parse_hex_uint(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if s.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut byte = 0u8;
    for (i, &c) in s.iter().enumerate() {
        byte = byte << 4 | hex_digit(c)?;
        // A byte ends where an even number of digits remains (an odd length's first
        // digit is a byte of its own).
        if (s.len() - i) % 2 == 1 {
            out.extend_from_slice(&[byte]); // (not `push`: see text::base64_decode_bytes)
            byte = 0;
        }
    }
    Some(out)
}

/// Parses a byte string written as hex (two digits a byte, either case; empty is no
/// bytes): the bytes the JS side hands over, not a number, so an odd length is refused.
pub fn parse_hex_bytes(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 == 1 {
        return None;
    }
    if s.is_empty() {
        return Some(Vec::new());
    }
    parse_hex_uint(s)
}

/// The bytes of `padHex(n)` for the non-negative big-endian integer `n`:
/// minimal big-endian bytes, with a 0x00 prepended when the top bit is set so
/// the value never reads as negative. Zero encodes as a single 0x00 byte
/// (JS: "0" -> "00").
pub fn pad_bytes(n: &[u8]) -> Vec<u8> {
    let n = strip_leading_zeros(n);
    let mut bytes = Vec::new();
    if n.first().is_none_or(|&b| b & 0x80 != 0) {
        bytes.extend_from_slice(&[0]);
    }
    bytes.extend_from_slice(n);
    bytes
}

/// `padHex` for a non-negative integer given as big-endian bytes (leading
/// zero bytes are ignored); lower-case, always even length.
pub fn pad_hex(n: &[u8]) -> String {
    to_hex(&pad_bytes(n))
}

/// `padHex` for any sign: the integer is −`magnitude` if `negative` (and
/// `magnitude` is not zero), else +`magnitude` (big-endian bytes). Negative
/// values follow the JS algorithm literally: take the padded hex of |n|
/// (L bytes), flip all bits and add one — i.e. 256^L − |n| — print it with
/// `toString(16)`, and drop a leading "ff" when the result starts with "ff8"
/// (only happens for −0x80, −0x8000, ...), giving the minimal two's
/// complement encoding.
pub fn pad_hex_signed(negative: bool, magnitude: &[u8]) -> String {
    let mut bytes = pad_bytes(magnitude);
    let mut start = 0;
    if negative && bytes.iter().any(|&b| b != 0) {
        // |n| < 256^L / 2 because its padded form has a clear top bit, so the
        // two's complement has its top bit set: exactly 2L digits, no trimming.
        let mut carry = 1u16;
        for b in bytes.iter_mut().rev() {
            let v = u16::from(!*b) + carry;
            *b = v as u8;
            carry = v >> 8;
        }
        // The leading "ff" of "ff8…" goes.
        if let [0xff, next, ..] = bytes[..] {
            start = usize::from(next >> 4 == 8);
        }
    }
    to_hex(&bytes[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(v: i64) -> String {
        pad_hex_signed(v < 0, &v.unsigned_abs().to_be_bytes())
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
        assert_eq!(pad_hex_signed(true, &[]), "00");
        assert_eq!(pad_hex_signed(true, &[0, 0]), "00");
        assert_eq!(signed(-1), "ff");
        assert_eq!(signed(-128), "80");
        assert_eq!(signed(-129), "ff7f");
        assert_eq!(signed(-256), "ff00");
        assert_eq!(signed(-32768), "8000");
        assert_eq!(signed(0x0abc), "0abc");
        assert_eq!(signed(0x8000), "008000");
        assert_eq!(pad_hex(&[0x01, 0x23]), "0123");
        assert_eq!(pad_hex(&[0, 0, 0x01, 0x23]), "0123");
        assert_eq!(pad_hex(&[]), "00");
        assert_eq!(pad_hex(&[0x80]), "0080");
    }

    #[test]
    fn hex_trimmed_is_to_string_16() {
        assert_eq!(to_hex_trimmed(&[]), "0");
        assert_eq!(to_hex_trimmed(&[0, 0]), "0");
        assert_eq!(to_hex_trimmed(&[0, 0x0a, 0xbc]), "abc");
        assert_eq!(to_hex_trimmed(&[0x1f, 0]), "1f00");
        assert_eq!(to_hex_trimmed(&[0x01]), "1");
    }

    #[test]
    fn parse_hex_rejects_junk() {
        assert_eq!(parse_hex_uint("00Ff"), Some(vec![0, 255]));
        assert_eq!(parse_hex_uint("abc"), Some(vec![0x0a, 0xbc]));
        assert_eq!(parse_hex_uint("0"), Some(vec![0]));
        assert_eq!(parse_hex_bytes(""), Some(vec![]));
        assert_eq!(parse_hex_bytes("00aB"), Some(vec![0, 0xab]));
        assert_eq!(parse_hex_bytes("abc"), None);
        assert_eq!(parse_hex_bytes("zz"), None);
        for bad in ["", "-1", "+1", "1_0", "0x10", "g", " 1", "é", "1é", "ab\u{0}"] {
            assert_eq!(parse_hex_uint(bad), None, "{bad:?}");
        }
    }
}
