//! Numbers as text without `core::fmt`: the shipped wasm has no formatting machinery
//! (`format!`, `to_string` on numbers, `Display`, `Debug`), which cost it tens of KB.
//! Text is built by concatenation, and integers go through these.

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
    out.extend(digits[..len].iter().rev().map(|&d| d as char));
}

/// The parts one after another: `concat(&["a", b, "c"])` for `format!("a{b}c")`, in one
/// allocation and one function for every caller.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// A day (counted from 1970-01-01, may be negative) as JS's Date prints it in UTC:
/// weekday and month names, day of month and year, for the SDK's two date formats
/// (the SRP `TIMESTAMP` and a cookie's `expires`).
pub struct CivilDate {
    pub weekday: &'static str,
    pub month: &'static str,
    pub day: u64,
    pub year: i64,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

impl CivilDate {
    /// Howard Hinnant's `civil_from_days` (proleptic Gregorian); works for negative days
    /// too. With |days| <= i64::MAX / 86400 none of the intermediate values can overflow.
    pub fn from_days(days: i64) -> CivilDate {
        let z = days + 719_468; // shift epoch to 0000-03-01
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // day of 400-year era, [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365], from March 1st
        let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
        CivilDate {
            // 1970-01-01 was a Thursday (index 4); rem_euclid keeps it in 0..7.
            weekday: WEEKDAYS[(days + 4).rem_euclid(7) as usize],
            month: MONTHS[(month - 1) as usize],
            day: day as u64,
            year: yoe + era * 400 + i64::from(month <= 2),
        }
    }
}

/// Appends `HH:mm:ss` for a second of the day (0..86400).
pub fn push_time_of_day(out: &mut String, secs_of_day: u64) {
    push_uint(out, secs_of_day / 3600, 2);
    out.push(':');
    push_uint(out, secs_of_day / 60 % 60, 2);
    out.push(':');
    push_uint(out, secs_of_day % 60, 2);
}

/// `n` in decimal.
pub fn int(n: i64) -> String {
    let mut out = String::new();
    push_int(&mut out, n);
    out
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
    fn concat_joins_the_parts_in_order() {
        assert_eq!(concat(&[]), "");
        assert_eq!(concat(&["a", "", "bc", "\u{0}", "d"]), "abc\u{0}d");
    }
}
