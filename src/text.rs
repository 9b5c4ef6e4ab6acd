//! Numbers as text without `core::fmt`: the shipped wasm has no formatting machinery
//! (`format!`, `to_string` on numbers, `Display`, `Debug`), which cost it tens of KB.
//! Text is built by concatenation, and integers go through these.
//!
//! Text is also taken apart here, by bytes: `str::split`/`find`/`parse` bring core's
//! pattern searchers and integer parsers, and `&s[a..b]` its char-boundary panic, whose
//! message formats chars with `Debug` (unicode tables and all) into the wasm.

use crate::prelude::*;

/// Appends `n` in decimal, e.g. `42`, `-7`.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs(), 1);
}

/// Appends `n` in decimal, left-padded with zeros to at least `width` digits.
pub fn push_uint(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    while n > 0 || len < width.max(1) {
        digits[len] = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if len == digits.len() {
            break;
        }
    }
    for &d in digits[..len].iter().rev() {
        out.push(char::from(d));
    }
}

/// The parts one after another: `concat(&["a", b, "c"])` for `format!("a{b}c")`, one
/// function for every caller. (Grown as it goes: sizing it first, here and in the hex and
/// base64 writers, kept a `with_capacity` of their own in the wasm for short texts.)
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out.push_str(p);
    }
    out
}

/// The value of one hex digit, either case.
pub fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// `s` around the first `sep` (an ASCII byte): `str::split_once` for one byte.
pub fn split_once_byte(s: &str, sep: u8) -> Option<(&str, &str)> {
    split_around(s, find_byte(s, sep, false)?, 1)
}

/// `s` around the last `sep` (an ASCII byte): `str::rsplit_once` for one byte.
pub fn rsplit_once_byte(s: &str, sep: u8) -> Option<(&str, &str)> {
    split_around(s, find_byte(s, sep, true)?, 1)
}

/// Whether every byte of `s` passes `keep`: one loop for every caller, where `all` was an
/// iterator fold per closure.
#[inline(never)]
pub fn all_bytes(s: &str, keep: fn(u8) -> bool) -> bool {
    for &b in s.as_bytes() {
        if !keep(b) {
            return false;
        }
    }
    true
}

/// Where the first (or the `last`) `sep` is in `s`: one loop for both splitters, where
/// `position` and `rposition` were each an iterator fold of their own.
fn find_byte(s: &str, sep: u8, last: bool) -> Option<usize> {
    let mut found = None;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if b == sep {
            found = Some(i);
            if !last {
                break;
            }
        }
    }
    found
}

/// `s` before byte `i` and after the `len` bytes from it (None off a char boundary): the
/// one place the splitters check boundaries.
#[inline(never)]
fn split_around(s: &str, i: usize, len: usize) -> Option<(&str, &str)> {
    // Both as `a..b` ranges: each kind of range is its own `str::get` in the wasm.
    Some((s.get(0..i)?, s.get(i + len..s.len())?))
}

/// What comes before the first `sep`, or all of `s`: `s.split(sep).next()`.
pub fn before(s: &str, sep: u8) -> &str {
    split_once_byte(s, sep).map_or(s, |(head, _)| head)
}

/// What comes after the last `sep`, or all of `s`: `s.rsplit(sep).next()`.
pub fn after_last(s: &str, sep: u8) -> &str {
    rsplit_once_byte(s, sep).map_or(s, |(_, tail)| tail)
}

/// `s` around the first `sep` (not empty): `str::split_once` for a text.
pub fn split_once_str<'a>(s: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    split_around(s, s.as_bytes().windows(sep.len()).position(|w| w == sep.as_bytes())?, sep.len())
}

/// Whether `s` contains `word`, ASCII case ignored.
/// (Positions and `get` rather than `windows`, which panics for an empty `word`: an
/// empty word is in every text, as with `str::contains`. A loop: `any` over the
/// positions was a closure of core's, bigger than the rest.)
pub fn contains_ignore_ascii_case(s: &str, word: &str) -> bool {
    let (s, word) = (s.as_bytes(), word.as_bytes());
    let mut at = 0;
    while let Some(here) = s.get(at..at + word.len()) {
        if here.eq_ignore_ascii_case(word) {
            return true;
        }
        at += 1;
    }
    false
}

/// What `str::parse::<u64>` reads: decimal digits after an optional `+`; None for
/// anything else and on overflow.
pub fn parse_uint(text: &str) -> Option<u64> {
    digits_value(without_plus(text.as_bytes()))
}

/// What `str::parse::<i64>` reads: decimal digits after an optional `+` or `-`.
pub fn parse_int(text: &str) -> Option<i64> {
    match text.as_bytes() {
        [b'-', digits @ ..] => {
            let magnitude = digits_value(digits)?;
            // i64::MIN's magnitude is one more than i64::MAX.
            (magnitude <= i64::MAX as u64 + 1).then(|| (magnitude as i64).wrapping_neg())
        }
        text => i64::try_from(digits_value(without_plus(text))?).ok(),
    }
}

/// `text` without one leading `+` (a slice pattern: `strip_prefix` was a function of its own).
fn without_plus(text: &[u8]) -> &[u8] {
    match text {
        [b'+', digits @ ..] => digits,
        _ => text,
    }
}

/// One or more decimal digits (nothing else) as a number; None on overflow.
pub fn digits_value(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    let mut n = 0u64;
    for &d in digits {
        let digit = u64::from(d.wrapping_sub(b'0'));
        // Overflow checked by division: `checked_mul` multiplied in 128 bits (a function of
        // compiler-rt's).
        if digit > 9 || n > (u64::MAX - digit) / 10 {
            return None;
        }
        n = n * 10 + digit;
    }
    Some(n)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (`Buffer#toString('base64')`). Here rather than the base64
/// crate, whose engine took 6.5 KB of the wasm for the few short values the SDK encodes.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let symbol = |six: u32| char::from(BASE64[(six & 63) as usize]);
    // Eight bits a byte into `group`, a symbol out whenever six are waiting.
    let (mut group, mut waiting) = (0u32, 0);
    for &b in bytes {
        group = group << 8 | u32::from(b);
        waiting += 8;
        while waiting >= 6 {
            waiting -= 6;
            out.push(symbol(group >> waiting));
        }
    }
    if waiting > 0 {
        out.push(symbol(group << (6 - waiting)));
    }
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

/// Standard base64, its padding optional (none, or as much as belongs at the end): what
/// the base64 crate's STANDARD alphabet with `DecodePaddingMode::Indifferent` accepts.
/// Like it, refuses any other character and a last symbol with bits left over.
#[inline(always)]
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    base64_decode_bytes(text.as_bytes(), false)
}

/// [`base64_decode`] of bytes (where the text is in bytes already: no check that it is
/// UTF-8 first, as any byte outside the alphabet is refused here anyway). `url`: the
/// base64url symbols `-` and `_` are taken too (for `+` and `/`), and any number of `=`
/// at the end, as Node's Buffer takes them: a JWT's parts are read without a normalised
/// copy.
pub fn base64_decode_bytes(text: &[u8], url: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    // Six bits a symbol into `group`, a byte out whenever eight are waiting.
    let (mut group, mut waiting, mut symbols, mut padding) = (0u32, 0, 0usize, 0usize);
    for &c in text {
        if c == b'=' {
            padding += 1;
            continue;
        }
        // A symbol after padding: the padding was not at the end.
        if padding > 0 {
            return None;
        }
        group = group << 6 | u32::from(base64_value(c, url)?);
        symbols += 1;
        waiting += 6;
        if waiting >= 8 {
            waiting -= 8;
            // (`extend_from_slice`, here and in srp::pad: `Vec<u8>::push` brought its own
            // copy of the standard library's growing code.)
            out.extend_from_slice(&[(group >> waiting) as u8]);
        }
    }
    // One symbol alone cannot make a byte; padding fills the last group of four, no more.
    // Two or three symbols at the end leave four or two bits over: they must be zeros.
    let partial = symbols % 4;
    // (`url`: any padding at the end, as a JWT's parts are read.)
    if partial == 1 || (!url && padding > (4 - partial) % 4) || group & ((1 << waiting) - 1) != 0 {
        return None;
    }
    Some(out)
}

/// Appends `bytes` decoded as UTF-8, as `core::str::from_utf8` accepts it (no overlong
/// forms, surrogates or code points beyond U+10FFFF); on failure, the offset of the first
/// sequence that is not UTF-8 (its `valid_up_to`). Here rather than `from_utf8`, whose
/// word-at-a-time validation was 700 bytes of wasm; every caller copies the text anyway.
pub fn push_utf8(out: &mut String, bytes: &[u8]) -> Result<(), usize> {
    // The least code point each sequence length may write (a shorter one is overlong).
    const LEAST: [u32; 5] = [0, 0, 0x80, 0x800, 0x1_0000];
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let len = match lead.leading_ones() {
            0 => 1,
            n @ 2..=4 => n as usize,
            _ => return Err(at),
        };
        let mut c = if len == 1 { u32::from(lead) } else { u32::from(lead) & (0xff >> (len + 1)) };
        for k in 1..len {
            match bytes.get(at + k) {
                Some(&b) if b & 0xc0 == 0x80 => c = c << 6 | u32::from(b & 0x3f),
                _ => return Err(at),
            }
        }
        match char::from_u32(c) {
            Some(ch) if c >= LEAST[len] => out.push(ch),
            _ => return Err(at),
        }
        at += len;
    }
    Ok(())
}

/// The value of a base64 symbol: its place in the alphabet the encoder writes with (a
/// search of 64 bytes, less wasm than ranges of letters and digits).
fn base64_value(c: u8, url: bool) -> Option<u8> {
    let c = match c {
        b'-' if url => b'+',
        b'_' if url => b'/',
        c => c,
    };
    BASE64.iter().position(|&s| s == c).map(|i| i as u8)
}

/// `n` in decimal.
pub fn int(n: i64) -> String {
    let mut out = String::new();
    push_int(&mut out, n);
    out
}

/// A name's 16-bit FNV-1a hash (the low half of the 32-bit one): how the operations the
/// facade names are looked up (`js::entry::op`, `flows::authentication_helper`), two bytes
/// each in the wasm rather than their names.
pub const fn name_hash(name: &[u8]) -> u16 {
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < name.len() {
        hash = (hash ^ name[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_read_as_display_writes_them() {
        for n in [0, 1, 9, 10, 42, -7, 1_000_000, i64::MAX, i64::MIN, -1] {
            assert_eq!(int(n), n.to_string());
        }
        let mut s = String::new();
        push_uint(&mut s, 7, 2);
        push_uint(&mut s, 12, 2);
        push_uint(&mut s, 0, 3);
        push_uint(&mut s, u64::MAX, 1);
        assert_eq!(s, format!("0712000{}", u64::MAX));
    }

    #[test]
    fn integers_parse_as_str_parse_reads_them() {
        let cases = [
            "0",
            "42",
            "+7",
            "-7",
            "-0",
            "",
            "+",
            "-",
            "+-1",
            "-+1",
            "1.5",
            "1e3",
            " 1",
            "1 ",
            "0x10",
            "٣",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "00012",
        ];
        for text in cases {
            assert_eq!(parse_int(text), text.parse::<i64>().ok(), "{text:?}");
            assert_eq!(parse_uint(text), text.parse::<u64>().ok(), "{text:?}");
        }
    }

    #[test]
    fn splits_read_as_core_s() {
        for s in ["", "a", "a_b", "_", "a_b_c", "__", "é_ü_"] {
            assert_eq!(split_once_byte(s, b'_'), s.split_once('_'), "{s:?}");
            assert_eq!(rsplit_once_byte(s, b'_'), s.rsplit_once('_'), "{s:?}");
            assert_eq!(before(s, b'_'), s.split('_').next().unwrap(), "{s:?}");
            assert_eq!(after_last(s, b'_'), s.rsplit('_').next().unwrap(), "{s:?}");
        }
        for s in ["", "a", "a; b", "a;b; c", "; ", "é; ü", "a;"] {
            assert_eq!(split_once_str(s, "; "), s.split_once("; "), "{s:?}");
        }
        assert!(contains_ignore_ascii_case("Device does not exist.", "device"));
        assert!(contains_ignore_ascii_case("Unknown DEVICE", "device"));
        assert!(!contains_ignore_ascii_case("User does not exist.", "device"));
        assert!(!contains_ignore_ascii_case("dev", "device"));
        assert!(contains_ignore_ascii_case("device", "DEVICE"));
        assert!(contains_ignore_ascii_case("any", "") && contains_ignore_ascii_case("", ""), "as str::contains");
    }

    /// Against the base64 crate (what the SDK's values went through before), on every
    /// short text over a small alphabet and on random bytes.
    #[test]
    fn base64_reads_and_writes_as_the_base64_crate() {
        use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
        use base64::engine::{DecodePaddingMode, Engine};
        let indifferent = GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
        );
        let alphabet = b"AQgw/+=-_ 9";
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.len() == texts.last().unwrap().len())
                .flat_map(|t| alphabet.iter().map(move |&c| format!("{t}{}", c as char)))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            assert_eq!(base64_decode(text), indifferent.decode(text).ok(), "{text:?}");
        }
        let mut seed = 7u32;
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed >> 16) as u8
                })
                .collect();
            let encoded = base64_encode(&bytes);
            assert_eq!(encoded, STANDARD.encode(&bytes));
            assert_eq!(base64_decode(&encoded), Some(bytes.clone()));
            assert_eq!(base64_decode(encoded.trim_end_matches('=')), Some(bytes));
        }
    }

    /// Against `core::str::from_utf8` on every sequence of up to three bytes from a set
    /// around each boundary, and on every one-to-four-byte sequence of each lead byte.
    #[test]
    fn utf8_reads_as_from_utf8() {
        let check = |bytes: &[u8]| {
            let mut out = String::from("x");
            let ours = push_utf8(&mut out, bytes);
            match core::str::from_utf8(bytes) {
                Ok(s) => assert_eq!((ours, out.as_str()), (Ok(()), format!("x{s}").as_str()), "{bytes:x?}"),
                Err(e) => assert_eq!(ours, Err(e.valid_up_to()), "{bytes:x?}"),
            }
        };
        let edges: Vec<u8> = vec![
            0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef,
            0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xfe, 0xff,
        ];
        check(&[]);
        for &a in &edges {
            check(&[a]);
            for &b in &edges {
                check(&[a, b]);
                for &c in &edges {
                    check(&[a, b, c]);
                    check(&[b'a', a, b, c]);
                }
            }
        }
        for lead in 0..=255u8 {
            for &x in &[0x80u8, 0x8f, 0x90, 0x9f, 0xa0, 0xbf] {
                for &y in &[0x80u8, 0xbf] {
                    check(&[lead, x, y, 0x80]);
                    check(&[lead, x, y, 0x80, b'z']);
                    check(&[lead, x, y]);
                }
            }
        }
        for s in ["", "plain", "é", "€", "😀", "a\u{10ffff}b", "日本語"] {
            check(s.as_bytes());
        }
    }

    #[test]
    fn concat_joins_the_parts_in_order() {
        assert_eq!(concat(&[]), "");
        assert_eq!(concat(&["a", "", "bc", "\u{0}", "d"]), "abc\u{0}d");
    }
}
