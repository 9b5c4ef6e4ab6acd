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

    /// The value as an f64, correctly rounded: in the browser, JS's own `parseFloat` reads
    /// it (the text is JSON's number grammar, which `parseFloat` reads whole), as the JS
    /// SDK's `JSON.parse` would; less wasm than a reader of its own.
    #[cfg(target_arch = "wasm32")]
    pub fn as_f64(&self) -> f64 {
        js_sys::parse_float(&self.0)
    }

    /// The value as an f64 outside the browser (native tests and tools). Exact (correctly
    /// rounded) for up to 15 significant digits with a decimal exponent within ±22, which
    /// covers every timestamp and count Cognito sends; beyond that within a few units in
    /// the last place. (A correctly rounding parser would bring large power-of-ten tables.)
    #[cfg(not(target_arch = "wasm32"))]
    pub fn as_f64(&self) -> f64 {
        // One pass over `-? digits [. digits] [e [+-] digits]`: the first 18-19 significant
        // digits make the mantissa (later ones cannot change an f64 meaningfully), the
        // position of the point and the written exponent make the power of ten.
        let mut mantissa: u64 = 0;
        let mut exponent: i32 = 0;
        let (mut in_fraction, mut in_exponent, mut exponent_negative) = (false, false, false);
        let mut written: i32 = 0;
        for b in self.0.bytes() {
            let digit = b.wrapping_sub(b'0');
            match b {
                // Saturates far beyond f64's range.
                b'0'..=b'9' if in_exponent => written = (written * 10 + i32::from(digit)).min(100_000),
                b'0'..=b'9' => {
                    if mantissa < MANTISSA_LIMIT {
                        mantissa = mantissa * 10 + u64::from(digit);
                        exponent -= i32::from(in_fraction);
                    } else if !in_fraction {
                        exponent += 1; // an integer digit that no longer fits scales instead
                    }
                }
                b'.' => in_fraction = true,
                b'e' | b'E' => in_exponent = true,
                // The number's own sign is read below; this is the exponent's.
                b'-' => exponent_negative = in_exponent,
                _ => {}
            }
        }
        exponent = exponent.saturating_add(if exponent_negative { -written } else { written });
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
        if self.0.starts_with('-') {
            -magnitude
        } else {
            magnitude
        }
    }
}

/// Below this the mantissa takes another digit without overflowing a u64.
#[cfg(not(target_arch = "wasm32"))]
const MANTISSA_LIMIT: u64 = 1_000_000_000_000_000_000;

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

    #[cfg(not(target_arch = "wasm32"))] // the reader of native builds (the browser's is parseFloat)
    /// The reading as it was first written (before it was made smaller), to check that every
    /// later form gives bit-identical results.
    fn reference_as_f64(text: &str) -> f64 {
        let text = text.as_bytes();
        let (negative, text) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let (mut mantissa, mut exponent, mut in_fraction) = (0u64, 0i32, false);
        let mut bytes = text.iter().peekable();
        while let Some(&&b) = bytes.peek() {
            match b {
                b'0'..=b'9' => {
                    if mantissa < MANTISSA_LIMIT {
                        mantissa = mantissa * 10 + u64::from(b - b'0');
                        exponent -= i32::from(in_fraction);
                    } else if !in_fraction {
                        exponent += 1;
                    }
                }
                b'.' => in_fraction = true,
                _ => break,
            }
            bytes.next();
        }
        if bytes.next().is_some() {
            let negative = bytes.peek() == Some(&&b'-');
            let written =
                bytes.filter(|d| d.is_ascii_digit()).fold(0i32, |e, &d| (e * 10 + i32::from(d - b'0')).min(100_000));
            exponent = exponent.saturating_add(if negative { -written } else { written });
        }
        let magnitude = if mantissa == 0 {
            0.0
        } else {
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

    #[cfg(not(target_arch = "wasm32"))] // the reader of native builds (the browser's is parseFloat)
    /// Random texts of the JSON number grammar: a sign, 1-25 integer digits (leading zeros
    /// only as a lone 0), a fraction of 0-25 digits, an exponent of 0-6 digits.
    fn random_numbers(count: usize) -> Vec<String> {
        fn next(seed: &mut u64, below: u64) -> u64 {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed % below
        }
        fn digits(seed: &mut u64, short: u64, long: u64) -> String {
            let n = 1 + if next(seed, 2) == 0 { next(seed, short) } else { next(seed, long) };
            (0..n).map(|_| char::from(b'0' + next(seed, 10) as u8)).collect()
        }
        let mut seed = 0x2545_f491_u64;
        let seed = &mut seed;
        (0..count)
            .map(|_| {
                let mut text = String::new();
                if next(seed, 2) == 0 {
                    text.push('-');
                }
                let int = digits(seed, 3, 25);
                text.push_str(if int.starts_with('0') { "0" } else { &int });
                if next(seed, 2) == 0 {
                    text.push('.');
                    text.push_str(&digits(seed, 3, 25));
                }
                if next(seed, 2) == 0 {
                    text.push(if next(seed, 2) == 0 { 'e' } else { 'E' });
                    text.push_str(["", "+", "-"][next(seed, 3) as usize]);
                    text.push_str(&digits(seed, 2, 6));
                }
                text
            })
            .collect()
    }

    #[cfg(not(target_arch = "wasm32"))] // the reader of native builds (the browser's is parseFloat)
    #[test]
    fn floats_read_as_the_reference_reads_them_bit_for_bit() {
        let mut texts = random_numbers(200_000);
        texts.extend(
            ["0", "-0", "0.0", "-0e5", "1e22", "1e23", "9007199254740993", "1e-400", "4.9e-324"].map(String::from),
        );
        texts.push(format!("1{}", "0".repeat(400)));
        texts.push(format!("0.{}1", "0".repeat(400)));
        for text in &texts {
            let (got, want) = (n(text).as_f64(), reference_as_f64(text));
            assert!(got.to_bits() == want.to_bits(), "{text}: {got} vs {want}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))] // the reader of native builds (the browser's is parseFloat)
    #[test]
    fn floats_are_correctly_rounded_within_15_digits_and_10_to_the_22() {
        // Differential against Rust's correctly rounding parser where the doc promises exactness.
        let mut checked = 0;
        for text in random_numbers(200_000) {
            let (mantissa_text, exponent) = match text.split_once(['e', 'E']) {
                Some((m, e)) => (m, e.parse::<i32>().unwrap()),
                None => (text.as_str(), 0),
            };
            let fraction = mantissa_text.split_once('.').map_or(0, |(_, f)| f.len() as i32);
            let digits: String = mantissa_text.chars().filter(char::is_ascii_digit).collect();
            let significant = digits.trim_start_matches('0').len();
            if significant > 15 || (exponent - fraction).abs() > 22 {
                continue;
            }
            let want: f64 = text.parse().unwrap();
            assert_eq!(n(&text).as_f64().to_bits(), want.to_bits(), "{text}");
            checked += 1;
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[cfg(not(target_arch = "wasm32"))] // the reader of native builds (the browser's is parseFloat)
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
