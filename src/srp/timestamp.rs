//! The `TIMESTAMP` string Cognito signs, in the JS SDK's DateHelper format:
//! `ddd MMM D HH:mm:ss UTC YYYY`, e.g. `Tue Sep 3 08:04:05 UTC 2024`.
//! Day of month is NOT zero padded; hours/minutes/seconds are. Implemented
//! from epoch seconds with a proleptic-Gregorian civil-date conversion so no
//! date crate (and no JS Date) is needed.

use crate::prelude::*;
use crate::text::{push_int, push_time_of_day, push_uint, CivilDate};

/// Formats `epoch_secs` (seconds since 1970-01-01T00:00:00Z, may be negative)
/// like DateHelper.getNowString(). Years print as plain integers, as JS's
/// template literal would (`0`, `-1`, `10000`).
pub fn timestamp(epoch_secs: i64) -> String {
    let date = CivilDate::from_days(epoch_secs.div_euclid(86_400));
    let mut out = crate::text::concat(&[date.weekday, " ", date.month, " "]);
    push_uint(&mut out, date.day, 1);
    out.push(' ');
    push_time_of_day(&mut out, epoch_secs.rem_euclid(86_400) as u64);
    out.push_str(" UTC ");
    push_int(&mut out, date.year);
    out
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
