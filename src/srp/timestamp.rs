//! The `TIMESTAMP` string Cognito signs, in the JS SDK's DateHelper format:
//! `ddd MMM D HH:mm:ss UTC YYYY`, e.g. `Tue Sep 3 08:04:05 UTC 2024`.
//! Day of month is NOT zero padded; hours/minutes/seconds are.
//!
//! The core picks the instant; in the browser the JS side writes it (`time` in
//! src/facade/core.js), from a `Date` as the JS SDK does: a line of JS where the Rust
//! calendar arithmetic and name tables cost wasm. Natively (the tests) the same text
//! comes from a proleptic-Gregorian civil-date conversion; both are checked against
//! the JS SDK's DateHelper (tests/srp_kat.rs, tests/oracle/srp_vectors.cjs).

/// Formats `epoch_secs` (seconds since 1970-01-01T00:00:00Z) like
/// DateHelper.getNowString() at that instant.
#[cfg(target_arch = "wasm32")]
pub fn timestamp(epoch_secs: i64) -> crate::prelude::String {
    crate::js::timestamp(epoch_secs)
}

#[cfg(not(target_arch = "wasm32"))]
pub use civil::timestamp;

#[cfg(not(target_arch = "wasm32"))]
mod civil {
    use crate::prelude::*;
    use crate::text::{push_int, push_uint};

    /// Three letters a name: one string each, indexed by month and by weekday, where a table
    /// of 19 `&str` cost a pointer and a length apiece.
    const MONTHS: &[u8; 36] = b"JanFebMarAprMayJunJulAugSepOctNovDec";
    const WEEKDAYS: &[u8; 21] = b"SunMonTueWedThuFriSat";

    /// Formats `epoch_secs` (seconds since 1970-01-01T00:00:00Z, may be negative)
    /// like DateHelper.getNowString(). Years print as plain integers, as JS's
    /// template literal would (`0`, `-1`, `10000`).
    pub fn timestamp(epoch_secs: i64) -> String {
        let days = epoch_secs.div_euclid(86_400);
        let secs = epoch_secs.rem_euclid(86_400) as u64;
        // Howard Hinnant's `civil_from_days` (proleptic Gregorian); works for negative days
        // too. With |days| <= i64::MAX / 86400 none of the intermediate values can overflow.
        let z = days + 719_468; // shift epoch to 0000-03-01
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // day of 400-year era, [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365], from March 1st
        let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
        let day = doy - (153 * mp + 2) / 5 + 1;
        // January and February end the March-based year: they are the next year's.
        let next_year = mp >= 10;
        let mut out = String::new();
        // 1970-01-01 was a Thursday (index 4); rem_euclid keeps it in 0..7.
        push_name(&mut out, WEEKDAYS, (days + 4).rem_euclid(7) as usize);
        push_name(&mut out, MONTHS, (mp as usize + 2) % 12);
        push_uint(&mut out, day as u64, 1);
        // `HH:mm:ss`, each zero-padded.
        out.push(' ');
        push_uint(&mut out, secs / 3600, 2);
        out.push(':');
        push_uint(&mut out, secs / 60 % 60, 2);
        out.push(':');
        push_uint(&mut out, secs % 60, 2);
        out.push_str(" UTC ");
        push_int(&mut out, yoe + era * 400 + i64::from(next_year));
        out
    }

    /// Name `i` of `names` (three letters each) and a space.
    fn push_name(out: &mut String, names: &[u8], i: usize) {
        if let Some(name) = names.get(3 * i..3 * i + 3) {
            for &letter in name {
                out.push(char::from(letter));
            }
        }
        out.push(' ');
    }

    #[cfg(test)]
    mod tests {
        use super::timestamp;

        #[test]
        fn known_dates() {
            assert_eq!(timestamp(0), "Thu Jan 1 00:00:00 UTC 1970");
            assert_eq!(timestamp(1_725_350_645), "Tue Sep 3 08:04:05 UTC 2024");
            // Leap days and the day after, in a /4 and a /400 leap year.
            assert_eq!(timestamp(1_709_164_800), "Thu Feb 29 00:00:00 UTC 2024");
            assert_eq!(timestamp(1_709_251_200), "Fri Mar 1 00:00:00 UTC 2024");
            assert_eq!(timestamp(951_782_400), "Tue Feb 29 00:00:00 UTC 2000");
            // 1900 is not a leap year: Feb 28 is followed by Mar 1.
            assert_eq!(timestamp(-2_203_977_600), "Wed Feb 28 00:00:00 UTC 1900");
            assert_eq!(timestamp(-2_203_891_200), "Thu Mar 1 00:00:00 UTC 1900");
            // Year boundary, both sides.
            assert_eq!(timestamp(1_735_689_599), "Tue Dec 31 23:59:59 UTC 2024");
            assert_eq!(timestamp(1_735_689_600), "Wed Jan 1 00:00:00 UTC 2025");
            // Before the epoch.
            assert_eq!(timestamp(-1), "Wed Dec 31 23:59:59 UTC 1969");
            // Two-digit day keeps its digits; padded time fields.
            assert_eq!(timestamp(1_700_000_000), "Tue Nov 14 22:13:20 UTC 2023");
        }

        #[test]
        fn extremes_do_not_panic() {
            for t in [i64::MIN, i64::MIN + 1, i64::MAX, -62_167_219_200, 253_402_300_800] {
                let _ = timestamp(t);
            }
            assert_eq!(timestamp(-62_167_219_200), "Sat Jan 1 00:00:00 UTC 0");
        }
    }
}
