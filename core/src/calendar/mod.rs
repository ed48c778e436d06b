//! The working-day calendar (see the calendar issue): official holidays, weekend make-up
//! workdays (调休) and local additions.

use chrono::NaiveDate;
use serde::Serialize;

/// Days a ruleset or project adds to the base calendar (ranges already expanded).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CalendarAdditions {
    pub holidays: Vec<SpecialDay>,
    pub workdays: Vec<SpecialDay>,
    /// Years whose whole arrangement these additions provide (no horizon warning for them).
    pub complete_years: Vec<i32>,
}

/// One date with the name of its holiday or make-up arrangement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecialDay {
    pub date: NaiveDate,
    pub name: String,
}

impl CalendarAdditions {
    /// Adds `other` on top of `self`; a later entry for the same date wins.
    pub fn extend(&mut self, other: &CalendarAdditions) {
        self.holidays.extend(other.holidays.iter().cloned());
        self.workdays.extend(other.workdays.iter().cloned());
    }
}

// Placeholder Monday–Friday calendar with the agreed API; replaced by the real calendar
// branch (holiday data, 调休) when it is merged.
use chrono::{Datelike, Weekday};

#[derive(Debug, Clone, Default)]
pub struct Calendar;

impl Calendar {
    pub fn cn() -> Calendar {
        Calendar
    }
    pub fn with_additions(&self, _a: &CalendarAdditions) -> Calendar {
        Calendar
    }
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }
    pub fn next_workday_on_or_after(&self, mut d: NaiveDate) -> NaiveDate {
        while !self.is_workday(d) {
            d = d.succ_opt().unwrap();
        }
        d
    }
    pub fn add_natural_days(&self, start: NaiveDate, n: i64) -> NaiveDate {
        self.next_workday_on_or_after(start + chrono::Duration::days(n))
    }
    pub fn workday_index(&self, d: NaiveDate) -> i64 {
        let days = d.num_days_from_ce() as i64; // day 1 = Monday 0001-01-01
        let weeks = (days - 1).div_euclid(7);
        let wd = (days - 1).rem_euclid(7);
        weeks * 5 + wd.min(4)
    }
    pub fn date_of_workday_index(&self, i: i64) -> NaiveDate {
        let weeks = i.div_euclid(5);
        let wd = i.rem_euclid(5);
        NaiveDate::from_num_days_from_ce_opt((weeks * 7 + wd + 1) as i32).unwrap()
    }
    pub fn years_without_data(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        (from.year()..=to.year()).collect()
    }
    pub fn horizon_warning(year: i32) -> String {
        format!("{year} holiday arrangement not in the calendar; assumed Monday–Friday")
    }
}
