//! JSON numbers kept as their source text. Cognito's numbers are integers or epoch
//! seconds; keeping the text means writing one back is a copy, and Rust's float
//! formatting (several KB of wasm) is never linked in.

use crate::prelude::*;
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Number(String);

impl Number {
    /// `text` must already match the JSON number grammar (the parser checks it).
    pub(super) fn from_checked_text(text: &str) -> Number {
        Number(text.to_string())
    }

    /// The number as written in the JSON.
    pub fn as_text(&self) -> &str {
        &self.0
    }

    /// The value when written as a plain integer within i64 (`12`, `-3`; not `1.0` or `1e3`).
    pub fn as_i64(&self) -> Option<i64> {
        crate::text::parse_int(&self.0)
    }

    /// The value as an f64. Exact (correctly rounded) for up to 15 significant digits with
    /// a decimal exponent within ±22, which covers every timestamp and count Cognito sends;
    /// beyond that within a few units in the last place, which no caller can tell apart.
    /// (A correctly rounding parser would bring large power-of-ten tables into the wasm.)
    pub fn as_f64(&self) -> f64 {
        let text = self.0.as_bytes();
        let (negative, text) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let (mantissa, exponent) = decimal_parts(text);
        let magnitude = if mantissa == 0 {
            0.0
        } else {
            // 10^400 is infinite: the result then saturates to infinity or zero, as it should.
            let scale = crate::float::powi(10.0, exponent.unsigned_abs().min(400));
            if exponent >= 0 {
                mantissa as f64 * scale
            } else {
                mantissa as f64 / scale
            }
        };
        if negative {
            -magnitude
        } else {
            magnitude
        }
    }
}

/// Below this the mantissa takes another digit without overflowing a u64.
const MANTISSA_LIMIT: u64 = 1_000_000_000_000_000_000;

/// `digits[.digits][e[+-]digits]` as mantissa × 10^exponent, keeping the first 18-19
/// significant digits (later ones cannot change an f64 meaningfully).
fn decimal_parts(text: &[u8]) -> (u64, i32) {
    let mut mantissa: u64 = 0;
    let mut exponent: i32 = 0;
    let mut bytes = text.iter().peekable();
    let mut in_fraction = false;
    while let Some(&&b) = bytes.peek() {
        match b {
            b'0'..=b'9' => {
                if mantissa < MANTISSA_LIMIT {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    exponent -= i32::from(in_fraction);
                } else if !in_fraction {
                    exponent += 1; // an integer digit that no longer fits scales instead
                }
            }
            b'.' => in_fraction = true,
            _ => break,
        }
        bytes.next();
    }
    if bytes.next().is_some() {
        // The exponent part: e or E, a sign, digits. Saturates far beyond f64's range.
        let negative = bytes.peek() == Some(&&b'-');
        let written =
            bytes.filter(|d| d.is_ascii_digit()).fold(0i32, |e, &d| (e * 10 + i32::from(d - b'0')).min(100_000));
        exponent = exponent.saturating_add(if negative { -written } else { written });
    }
    (mantissa, exponent)
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number(crate::text::int(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        Number::from_checked_text(text)
    }

    #[test]
    fn integers_read_exactly_and_only_when_written_as_integers() {
        assert_eq!(n("0").as_i64(), Some(0));
        assert_eq!(n("-42").as_i64(), Some(-42));
        assert_eq!(n("9223372036854775807").as_i64(), Some(i64::MAX));
        assert_eq!(n("9223372036854775808").as_i64(), None);
        assert_eq!(n("1.0").as_i64(), None);
        assert_eq!(n("1e3").as_i64(), None);
    }

    #[test]
    fn floats_read_exactly_where_cognito_uses_them() {
        for (text, expected) in [
            ("0", 0.0),
            ("-0", -0.0),
            ("1", 1.0),
            ("1.5", 1.5),
            ("-2.25", -2.25),
            ("1700000000", 1.7e9),
            ("1.7e9", 1.7e9),
            ("1.7E+9", 1.7e9),
            ("1731234567.891", 1731234567.891),
            ("1731234567891e-3", 1731234567.891),
            ("0.1", 0.1),
            ("123456789012345", 123456789012345.0),
        ] {
            let got = n(text).as_f64();
            assert!(
                got == expected || (got - expected).abs() <= f64::EPSILON * expected.abs(),
                "{text}: {got} vs {expected}"
            );
            assert_eq!(got.is_sign_negative(), expected.is_sign_negative(), "{text}");
        }
    }

    #[test]
    fn extreme_numbers_saturate_instead_of_failing() {
        assert_eq!(n("1e400").as_f64(), f64::INFINITY);
        assert_eq!(n("-1e99999999999999").as_f64(), f64::NEG_INFINITY);
        assert_eq!(n("1e-99999999999999").as_f64(), 0.0);
        assert_eq!(n("0e99999").as_f64(), 0.0);
        let long = format!("1{}", "0".repeat(400));
        assert_eq!(n(&long).as_f64(), f64::INFINITY);
        let precise = format!("0.{}1", "0".repeat(30));
        assert!((n(&precise).as_f64() - 1e-31).abs() < 1e-45);
        assert!((n("1e300").as_f64() - 1e300).abs() / 1e300 < 1e-14);
    }
}
