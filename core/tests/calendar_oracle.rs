//! The built-in calendar against an independent source: the `chinese_holiday` crate
//! (its own transcription of the same State Council notices), every day it covers from
//! 2019-01-01. The crate stops at 2026-12-25 (it asserts on later dates), so the last six
//! days of 2026 are covered by `calendar_notices.rs` only.
//!
//! Where the two disagree, the notice decides; none do at the time of writing.

use chinese_holiday::{Ymd, chinese_holiday};
use chrono::{Datelike, NaiveDate};
use shenpi_core::calendar::Calendar;

#[test]
fn agrees_with_chinese_holiday_every_day_2019_2026() {
    let cal = Calendar::cn();
    let first = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for d in first.iter_days().take_while(|d| *d <= last) {
        let ymd = Ymd::new(d.year() as u16, d.month() as u8, d.day() as u8);
        let theirs = chinese_holiday(ymd).is_workday();
        if cal.is_workday(d) != theirs {
            disagreements.push(format!("{d}: ours {}, theirs {theirs}", cal.is_workday(d)));
        }
        checked += 1;
    }
    assert_eq!(checked, 2916);
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}
