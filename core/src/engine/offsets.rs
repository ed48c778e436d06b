//! Working-day offsets of a plan and their dates: offset 0 is the acceptance day of the
//! first application.

use crate::calendar::Calendar;

/// Maps workday offsets to dates and measures natural-day durations.
pub(crate) struct OffsetCalendar<'c> {
    pub calendar: &'c Calendar,
    /// Workday index of offset 0.
    pub origin: i64,
}

impl OffsetCalendar<'_> {
    pub fn date(&self, offset: i64) -> chrono::NaiveDate {
        self.calendar.date_of_workday_index(self.origin + offset)
    }

    /// Length in workdays of a `days`-calendar-day period accepted at `offset`.
    pub fn natural_span(&self, offset: i64, days: u32) -> i64 {
        let end = self
            .calendar
            .add_natural_days(self.date(offset), i64::from(days));
        self.calendar.workday_index(end) - self.origin - offset
    }
}
