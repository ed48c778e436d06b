//! Monday–Friday arithmetic on day numbers, for dates outside the data window.
//!
//! A *day number* is `NaiveDate::num_days_from_ce()` widened to `i64` (0001-01-01 is 1, a
//! Monday). [`monfri_count`] is a signed running count of Monday–Friday days: its difference
//! between two day numbers is the number of Monday–Friday days in between, so it can serve
//! as a workday index where no holiday data exists. Everything is plain integer arithmetic,
//! valid for every `i64` a `NaiveDate` can produce.

use chrono::{Datelike, NaiveDate};

/// The day number of `d`.
pub(crate) fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The date of day number `n`, clamped to chrono's range.
pub(crate) fn date_of(n: i64) -> NaiveDate {
    if n < day_number(NaiveDate::MIN) {
        return NaiveDate::MIN;
    }
    if n > day_number(NaiveDate::MAX) {
        return NaiveDate::MAX;
    }
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MAX)
}

/// Whether day number `n` is a Saturday or Sunday.
pub(crate) fn is_weekend(n: i64) -> bool {
    // (n - 1) mod 7: 0 = Monday … 5 = Saturday, 6 = Sunday.
    (n - 1).rem_euclid(7) >= 5
}

/// Signed count of Monday–Friday days up to and including day number `n`:
/// `monfri_count(n) - monfri_count(n - 1)` is 1 on Monday–Friday and 0 on weekends.
pub(crate) fn monfri_count(n: i64) -> i64 {
    // Day numbers 1..=7 are Monday..Sunday: every full week of n days gives 5, the
    // partial week (n mod 7 days starting on a Monday) at most 5.
    n.div_euclid(7) * 5 + n.rem_euclid(7).min(5)
}

/// The Monday–Friday day number `n` with `monfri_count(n) == i` (the inverse of
/// [`monfri_count`] on Monday–Friday days).
pub(crate) fn monfri_day(i: i64) -> i64 {
    // Far beyond chrono's range (about ±7·10^7 weekdays) the date clamps anyway; keep the
    // arithmetic from overflowing.
    let i = i.clamp(-(1 << 40), 1 << 40);
    // A weekday m = 7q + j (j in 0..5, m = n - 1) has count 5q + j + 1.
    let q = (i - 1).div_euclid(5);
    let j = (i - 1).rem_euclid(5);
    7 * q + j + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    #[test]
    fn weekend_matches_chrono() {
        let mut d = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
        for _ in 0..60 {
            let expected = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            assert_eq!(is_weekend(day_number(d)), expected, "{d}");
            d = d.succ_opt().unwrap();
        }
        assert!(!is_weekend(day_number(
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap()
        )));
        // 0000-12-31 (proleptic) was a Sunday.
        assert!(is_weekend(day_number(
            NaiveDate::from_ymd_opt(0, 12, 31).unwrap()
        )));
    }

    #[test]
    fn count_steps_on_weekdays_only_and_inverts() {
        for n in -30..60 {
            let step = monfri_count(n) - monfri_count(n - 1);
            assert_eq!(step, if is_weekend(n) { 0 } else { 1 }, "n = {n}");
            if !is_weekend(n) {
                assert_eq!(monfri_day(monfri_count(n)), n, "n = {n}");
            }
        }
        for n in [day_number(NaiveDate::MIN), day_number(NaiveDate::MAX)] {
            let i = monfri_count(n);
            assert!(monfri_day(i) <= n && monfri_day(i) > n - 3);
        }
    }

    #[test]
    fn date_of_clamps() {
        assert_eq!(date_of(i64::MIN), NaiveDate::MIN);
        assert_eq!(date_of(i64::MAX), NaiveDate::MAX);
        let d = NaiveDate::from_ymd_opt(2026, 2, 13).unwrap();
        assert_eq!(date_of(day_number(d)), d);
    }
}
