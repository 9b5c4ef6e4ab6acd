//! JSON numbers kept as their source text. Cognito's numbers are integers or epoch
//! seconds; keeping the text means writing one back is a copy, and Rust's float
//! formatting (several KB of wasm) is never linked in.

use crate::prelude::*;
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(not(shipped), derive(Debug))]
pub struct Number(String);

impl Number {
    /// `text` must already match the JSON number grammar (the parser checks it).
    pub(super) fn from_checked_text(text: String) -> Number {
        Number(text)
    }

    /// The number as written in the JSON.
    pub fn as_text(&self) -> &str {
        &self.0
    }

    /// The value when written as a plain integer within i64 (`12`, `-3`; not `1.0` or `1e3`).
    pub fn as_i64(&self) -> Option<i64> {
        crate::text::parse_int(&self.0)
    }

    /// The value as the nearest f64 (correctly rounded; ±infinity or ±0 past the range),
    /// as `JSON.parse` reads it: see [`crate::float::parse`].
    pub fn as_f64(&self) -> f64 {
        crate::float::parse(&self.0)
    }
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
        Number::from_checked_text(text.to_string())
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
