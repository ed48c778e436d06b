//! The working-day calendar (see the calendar issue): official holidays, weekend make-up
//! workdays (调休) and local additions.

use chrono::NaiveDate;
use serde::Serialize;

/// Days a ruleset or project adds to the base calendar (ranges already expanded).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CalendarAdditions {
    pub holidays: Vec<SpecialDay>,
    pub workdays: Vec<SpecialDay>,
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
