//! Tokens and sessions: JWT payload decoding, expiry, and clock drift, as the JS SDK
//! computes them (so a session stored by either library means the same to both).

use crate::json::{self, Object, Value};
use crate::prelude::*;

/// A JWT as the SDK treats it: the raw string, its payload decoded where asked for (kept
/// decoded, every session carried two objects through its copies and drops). The
/// signature is not checked here (the server does that); a string that is not a JWT
/// decodes to `{}`.
#[derive(Clone, PartialEq, Default)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct JwtToken {
    pub jwt: String,
}

impl JwtToken {
    pub fn new(jwt: &str) -> JwtToken {
        JwtToken { jwt: jwt.to_string() }
    }

    /// The decoded payload (`{}` when the token is no JWT).
    pub fn payload(&self) -> Object {
        decode_payload(&self.jwt).unwrap_or_default()
    }

    /// `exp` in seconds since the epoch, if the token has a numeric one.
    pub fn expiration(&self) -> Option<i64> {
        self.claim_secs("exp")
    }

    pub fn issued_at(&self) -> Option<i64> {
        self.claim_secs("iat")
    }

    fn claim_secs(&self, name: &str) -> Option<i64> {
        self.payload().get(name).and_then(Value::as_f64).filter(|v| v.is_finite()).map(|v| v as i64)
    }

    /// The payload as JSON text (for handing to JS without a second decoder).
    pub fn payload_json(&self) -> String {
        self.payload().stringify()
    }
}

/// Decodes the middle part of a JWT. Accepts both base64url and standard alphabets, with
/// or without padding, as Node's Buffer does for the JS SDK.
pub fn decode_payload(jwt: &str) -> Option<Object> {
    let part = crate::text::before(crate::text::split_once_byte(jwt, b'.')?.1, b'.').as_bytes();
    let bytes = crate::text::base64_decode_bytes(part, true)?;
    json::parse_bytes(&bytes).ok()?.into_object()
}

/// A signed-in session: the three tokens and the clock drift between this device and Cognito.
#[derive(Clone, PartialEq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Session {
    pub id_token: JwtToken,
    pub access_token: JwtToken,
    pub refresh_token: String,
    /// Seconds this device's clock runs ahead of the token issuer's.
    pub clock_drift: i64,
}

impl Session {
    /// A session from freshly issued tokens; the drift is measured now, as the SDK does.
    pub fn issued(id_token: &str, access_token: &str, refresh_token: &str, now: i64) -> Session {
        let id_token = JwtToken::new(id_token);
        let access_token = JwtToken::new(access_token);
        let clock_drift = calculate_clock_drift(&id_token, &access_token, now);
        Session { id_token, access_token, refresh_token: refresh_token.to_string(), clock_drift }
    }

    /// Valid while both the access and the ID token are unexpired on the server's clock.
    /// A token without an `exp` is never valid (the SDK compares with `undefined`: false).
    pub fn is_valid(&self, now: i64) -> bool {
        // Saturating: a stored clock drift is foreign data and may be absurd.
        let adjusted = now.saturating_sub(self.clock_drift);
        match (self.access_token.expiration(), self.id_token.expiration()) {
            (Some(access), Some(id)) => adjusted < access && adjusted < id,
            _ => false,
        }
    }
}

/// `now - min(iat of access, iat of id)`; 0 when a token carries no `iat`.
pub fn calculate_clock_drift(id: &JwtToken, access: &JwtToken, now: i64) -> i64 {
    match (access.issued_at(), id.issued_at()) {
        (Some(a), Some(i)) => now.saturating_sub(a.min(i)),
        _ => 0,
    }
}

/// Parses a stored clock drift like the SDK (`parseInt(x) || 0`): leading integer or 0.
/// Bytes after the whitespace: `trim_start` and `strip_prefix` were each core code of
/// their own; the sign and digits are read by `text::parse_int`.
pub fn parse_clock_drift(stored: Option<&str>) -> i64 {
    let text = stored.unwrap_or_default();
    let bytes = text.as_bytes();
    let mut start = 0;
    while let skip @ 1.. = whitespace_len(bytes.get(start..).unwrap_or_default()) {
        start += skip;
    }
    // A sign, then the leading digits; past i64::MAX (i64::MIN too) the stored value is
    // nonsense: 0, as before.
    let mut end = start + usize::from(matches!(bytes.get(start), Some(b'-' | b'+')));
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    text.get(start..end).and_then(crate::text::parse_int).filter(|&v| v != i64::MIN).unwrap_or(0)
}

/// The UTF-8 length of the `char::is_whitespace` character `text` starts with (0 for none):
/// the Unicode White_Space set spelled out in bytes (its first one, two or three bytes as
/// one number), where `trim_start` decoded characters and looked them up in core's table.
fn whitespace_len(text: &[u8]) -> usize {
    let byte = |i: usize| u32::from(text.get(i).copied().unwrap_or(0));
    let (one, two) = (byte(0), byte(0) << 8 | byte(1));
    let three = two << 8 | byte(2);
    if matches!(one, 0x09..=0x0d | 0x20) {
        1
    } else if matches!(two, 0xc285 | 0xc2a0) {
        // U+0085, U+00A0
        2
    } else if matches!(three, 0xe19a80 | 0xe28080..=0xe2808a | 0xe280a8 | 0xe280a9 | 0xe280af | 0xe2819f | 0xe38080) {
        // U+1680; U+2000..=U+200A, U+2028, U+2029, U+202F; U+205F; U+3000
        3
    } else {
        0
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::json;
    use base64::Engine;

    /// An unsigned JWT with the given payload, for tests.
    pub fn jwt(payload: &Value) -> String {
        let enc = |v: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
        format!("{}.{}.sig", enc(br#"{"alg":"none"}"#), enc(payload.stringify().as_bytes()))
    }

    #[test]
    fn decodes_payload_in_either_alphabet() {
        let t = jwt(&json!({"sub":"ü??>>","exp":10,"iat":5}));
        let tok = JwtToken::new(&t);
        assert_eq!(tok.expiration(), Some(10));
        assert_eq!(tok.issued_at(), Some(5));
        assert_eq!(tok.payload()["sub"], "ü??>>");
        let standard = t.replace('-', "+").replace('_', "/");
        assert_eq!(JwtToken::new(&standard).payload(), tok.payload());
    }

    #[test]
    fn payload_padding_is_optional_and_may_run_long() {
        let t = jwt(&json!({"exp":10}));
        let (head, rest) = t.split_once('.').unwrap();
        let (payload, sig) = rest.split_once('.').unwrap();
        for pad in ["", "=", "==", "====="] {
            assert_eq!(JwtToken::new(&format!("{head}.{payload}{pad}.{sig}")).expiration(), Some(10), "{pad:?}");
        }
        assert!(JwtToken::new(&format!("{head}.=={payload}.{sig}")).payload().is_empty());
    }

    #[test]
    fn payload_json_keeps_the_claims_as_the_issuer_wrote_them() {
        let t = jwt(&json::parse(r#"{"sub":"s","exp":1.7e9,"aud":["a","b"],"auth_time":1700000000}"#).unwrap());
        assert_eq!(
            JwtToken::new(&t).payload_json(),
            r#"{"sub":"s","exp":1.7e9,"aud":["a","b"],"auth_time":1700000000}"#
        );
        assert_eq!(JwtToken::new(&t).expiration(), Some(1_700_000_000));
    }

    #[test]
    fn non_jwts_decode_to_empty_payload_and_are_never_valid() {
        for bad in ["", "abc", "a.b.c", "a.!!!.c", "a.bnVsbA.c" /* null */, "a.WzFd.c" /* [1] */] {
            assert!(JwtToken::new(bad).payload().is_empty(), "{bad}");
        }
        let s = Session::issued("x", "y", "r", 100);
        assert!(!s.is_valid(100));
        assert_eq!(s.clock_drift, 0);
    }

    #[test]
    fn validity_uses_clock_drift_and_both_tokens() {
        let id = jwt(&json!({"iat":1000,"exp":2000}));
        let access = jwt(&json!({"iat":1000,"exp":1500}));
        // This device runs 300 s ahead of the server.
        let s = Session::issued(&id, &access, "r", 1300);
        assert_eq!(s.clock_drift, 300);
        assert!(s.is_valid(1799));
        assert!(!s.is_valid(1800));
    }

    #[test]
    fn stored_clock_drift_parses_like_parse_int() {
        assert_eq!(parse_clock_drift(Some("42")), 42);
        assert_eq!(parse_clock_drift(Some("-7abc")), -7);
        assert_eq!(parse_clock_drift(Some("NaN")), 0);
        assert_eq!(parse_clock_drift(Some("")), 0);
        assert_eq!(parse_clock_drift(None), 0);
        assert_eq!(parse_clock_drift(Some("99999999999999999999999")), 0);
    }

    #[test]
    fn whitespace_len_is_char_is_whitespace() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut text = c.to_string();
            text.push('1');
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(whitespace_len(text.as_bytes()), want, "{c:?}");
        }
    }

    #[test]
    fn clock_drift_edges_read_as_before() {
        // Leading Unicode whitespace (char::is_whitespace) is skipped; U+FEFF is not whitespace to Rust.
        let cases: &[(&str, i64)] = &[
            ("  12", 12),
            ("\t\n\u{a0}\u{3000}5", 5),
            ("\u{85}7", 7),
            ("\u{feff}5", 0),
            ("+3", 3),
            ("+-3", 0),
            ("-+3", 0),
            ("--3", 0),
            ("- 3", 0),
            ("-", 0),
            ("+", 0),
            ("   ", 0),
            ("12.9", 12),
            ("0x10", 0),
            ("007", 7),
            ("-0", 0),
            ("9223372036854775807", i64::MAX),
            ("-9223372036854775807", -i64::MAX),
            ("9223372036854775808", 0),
            ("-9223372036854775808", 0),
            ("92233720368547758070x", 0),
            ("\u{e9}1", 0),
        ];
        for &(text, want) in cases {
            assert_eq!(parse_clock_drift(Some(text)), want, "{text:?}");
        }
    }

    #[test]
    fn absurd_times_and_drifts_do_not_overflow() {
        let t = JwtToken::new(&jwt(&json::parse(r#"{"iat": -1e300, "exp": 1e300}"#).unwrap()));
        let mut s = Session::issued(&t.jwt, &t.jwt, "r", i64::MAX);
        assert!(s.is_valid(i64::MIN));
        s.clock_drift = i64::MIN;
        assert!(!s.is_valid(i64::MAX));
    }
}
