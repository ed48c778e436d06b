//! The working-day calendar: official holidays, weekend make-up workdays (调休) and local
//! additions, with the counting rules of docs/design.md ("Scheduling semantics").
//!
//! * [`data`] parses the holiday data (`rulesets/calendars/cn.toml`, embedded).
//! * [`Calendar`] answers every query in constant time from tables built once: a dense
//!   per-day table over [`DATA_YEARS`] with cumulative workday counts, and plain
//!   Monday–Friday arithmetic outside it (the private `weekday` module).
//! * [`render`] prints a year's days (table, CSV, JSON) for the CLI and the web page.
//!
//! Counting (行政许可法 Art. 42/82, 民法典 Art. 201/203): a limit of `n` working days accepted
//! on day `s` (workday offset 0) is decided on the `n`-th workday after `s`; the acceptance
//! day itself is not counted. A natural-day period ending on a non-workday ends on the next
//! workday.
//!
//! Years with no holiday data (before 2019, after the last notice) are counted Monday–Friday;
//! [`Calendar::years_without_data`] lists them so results can carry
//! [`Calendar::horizon_warning`].
//!
//! Additions ([`CalendarAdditions`], `[calendar]` of a ruleset or project) override the
//! built-in data date by date. Within one set of additions a date listed both as a holiday
//! and as a workday is a workday (the make-up declaration wins). Dates outside
//! [`DATA_YEARS`] cannot be added ([`additions`] rejects them in rulesets and projects alike;
//! [`Calendar::with_additions`] ignores them).

pub mod additions;
pub mod data;
pub mod notice;
pub mod render;
mod weekday;

use std::ops::RangeInclusive;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use weekday::{date_of, day_number, is_weekend, monfri_count, monfri_day};

/// Years the per-day tables cover; holiday data and additions must lie inside.
pub const DATA_YEARS: RangeInclusive<i32> = 1990..=2100;

/// Days a ruleset or project adds to the base calendar (ranges already expanded).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(Deserialize))]
pub struct CalendarAdditions {
    /// Extra days off, one entry per date.
    pub holidays: Vec<SpecialDay>,
    /// Extra working days (e.g. weekend make-up days), one entry per date.
    pub workdays: Vec<SpecialDay>,
    /// Years whose whole arrangement these additions give (a newly published notice): they
    /// no longer produce the horizon warning.
    pub complete_years: Vec<i32>,
}

/// One date with the name of its holiday or make-up arrangement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(Deserialize))]
pub struct SpecialDay {
    /// The day.
    #[cfg_attr(
        feature = "precompiled",
        serde(deserialize_with = "crate::spanned::iso_date_serde::date")
    )]
    pub date: NaiveDate,
    /// Holiday or arrangement name, e.g. `春节`.
    pub name: String,
}

impl CalendarAdditions {
    /// Whether there are no holidays, workdays or complete years.
    pub fn is_empty(&self) -> bool {
        self.holidays.is_empty() && self.workdays.is_empty() && self.complete_years.is_empty()
    }
}

/// What a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Monday–Friday, no arrangement.
    Workday,
    /// Saturday or Sunday, no arrangement.
    Weekend,
    /// A day off set by a notice or an addition (法定节假日 and the days joined to it).
    Holiday,
    /// A Saturday or Sunday made a working day (调休上班).
    MakeupWorkday,
}

impl DayKind {
    /// Whether working days are counted on it: a plain workday or a make-up workday.
    pub fn is_workday(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeupWorkday)
    }

    /// The serialized name (`makeup_workday`).
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Workday => "workday",
            DayKind::Weekend => "weekend",
            DayKind::Holiday => "holiday",
            DayKind::MakeupWorkday => "makeup_workday",
        }
    }

    /// Words for people (`make-up workday`).
    pub fn label(self) -> &'static str {
        match self {
            DayKind::Workday => "workday",
            DayKind::Weekend => "weekend",
            DayKind::Holiday => "holiday",
            DayKind::MakeupWorkday => "make-up workday",
        }
    }
}

/// Consecutive days of one kind and name (weekends, a holiday, make-up workdays): what a
/// chart shades ([`Calendar::runs`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayRun {
    /// The first day of the run.
    pub from: NaiveDate,
    /// The last day of the run (inclusive).
    pub to: NaiveDate,
    /// Weekend, holiday or make-up workday (never a plain workday).
    pub kind: DayKind,
    /// The holiday or arrangement, e.g. `春节`.
    pub name: Option<String>,
}

/// One day of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    /// The day.
    pub date: NaiveDate,
    /// Workday, weekend, holiday or make-up workday.
    pub kind: DayKind,
    /// The holiday or arrangement, e.g. `春节` or `春节调休上班`.
    pub name: Option<String>,
}

impl DayInfo {
    /// Whether working days are counted on this day.
    pub fn is_workday(&self) -> bool {
        self.kind.is_workday()
    }
}

/// The China mainland working-day calendar, possibly with local additions. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Calendar {
    tables: Arc<Tables>,
}

#[derive(Debug, Clone)]
struct Tables {
    /// Day number of the first day of the window (1 January of `DATA_YEARS.start()`).
    start: i64,
    /// Per day of the window.
    kind: Vec<DayKind>,
    /// Per day: 0 = no name, k = `names[k - 1]`.
    name: Vec<u32>,
    /// Per day: workdays in `[start, day]`.
    cum: Vec<u32>,
    /// The workdays of the window, in order (dates, not offsets: turning a workday index into
    /// a date is then one lookup, and plans do it twice per item).
    workdays: Vec<NaiveDate>,
    names: Vec<String>,
    /// The workday index of the day before the window (Monday–Friday count).
    base: i64,
    /// Years with holiday data, sorted.
    known_years: Vec<i32>,
}

impl Calendar {
    /// The built-in calendar (the embedded `cn.toml`).
    pub fn cn() -> Calendar {
        static CN: OnceLock<Calendar> = OnceLock::new();
        CN.get_or_init(|| Calendar::weekdays_only().with_additions(&data::builtin().days))
            .clone()
    }

    /// Monday–Friday everywhere, no holiday data.
    pub fn weekdays_only() -> Calendar {
        let start = day_number(first_day());
        let len = (day_number(last_day()) - start + 1) as usize;
        let kind = (0..len as i64)
            .map(|i| {
                if is_weekend(start + i) {
                    DayKind::Weekend
                } else {
                    DayKind::Workday
                }
            })
            .collect();
        let mut tables = Tables {
            start,
            kind,
            name: vec![0; len],
            cum: Vec::new(),
            workdays: Vec::new(),
            names: Vec::new(),
            base: monfri_count(start - 1),
            known_years: Vec::new(),
        };
        tables.recount_from(0);
        Calendar {
            tables: Arc::new(tables),
        }
    }

    /// This calendar with `a` on top: each listed date takes the addition's kind and name
    /// (workday entries win over holiday entries for the same date), and the years of
    /// `a.complete_years` count as having data.
    pub fn with_additions(&self, a: &CalendarAdditions) -> Calendar {
        if a.is_empty() {
            return self.clone();
        }
        let mut t = Tables::clone(&self.tables);
        let mut first_changed = t.kind.len();
        for (days, workday) in [(&a.holidays, false), (&a.workdays, true)] {
            for d in days {
                let Some(i) = t.offset(d.date) else { continue };
                t.kind[i] = match (workday, is_weekend(t.start + i as i64)) {
                    (false, _) => DayKind::Holiday,
                    (true, true) => DayKind::MakeupWorkday,
                    (true, false) => DayKind::Workday,
                };
                t.name[i] = t.intern(&d.name);
                first_changed = first_changed.min(i);
            }
        }
        t.known_years.extend(a.complete_years.iter().copied());
        t.known_years.sort_unstable();
        t.known_years.dedup();
        t.recount_from(first_changed);
        Calendar {
            tables: Arc::new(t),
        }
    }

    /// The days off and make-up workdays from `first` to `last` (inclusive), consecutive days
    /// of the same kind and name merged into one run; plain workdays are left out.
    pub fn runs(&self, first: NaiveDate, last: NaiveDate) -> Vec<DayRun> {
        let mut out = Vec::new();
        let mut d = first;
        while d <= last {
            let info = self.day(d);
            let mut end = d;
            while end < last {
                let next = self.day(end + chrono::Duration::days(1));
                if next.kind != info.kind || next.name != info.name {
                    break;
                }
                end += chrono::Duration::days(1);
            }
            if info.kind != DayKind::Workday {
                out.push(DayRun {
                    from: d,
                    to: end,
                    kind: info.kind,
                    name: info.name,
                });
            }
            d = end + chrono::Duration::days(1);
        }
        out
    }

    /// What `d` is.
    pub fn day(&self, d: NaiveDate) -> DayInfo {
        let t = &self.tables;
        match t.offset(d) {
            Some(i) => DayInfo {
                date: d,
                kind: t.kind[i],
                name: t.name[i]
                    .checked_sub(1)
                    .map(|k| t.names[k as usize].clone()),
            },
            None => DayInfo {
                date: d,
                kind: if is_weekend(day_number(d)) {
                    DayKind::Weekend
                } else {
                    DayKind::Workday
                },
                name: None,
            },
        }
    }

    /// Whether `d` is a working day (outside the holiday data: Monday–Friday).
    pub fn is_workday(&self, d: NaiveDate) -> bool {
        let t = &self.tables;
        match t.offset(d) {
            Some(i) => t.kind[i].is_workday(),
            None => !is_weekend(day_number(d)),
        }
    }

    /// `d` if it is a workday, else the next workday.
    pub fn next_workday_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let step = i64::from(!self.is_workday(d));
        self.date_of_workday_index(self.workday_index(d).saturating_add(step))
    }

    /// The first workday after `d`.
    pub fn next_workday_after(&self, d: NaiveDate) -> NaiveDate {
        self.date_of_workday_index(self.workday_index(d).saturating_add(1))
    }

    /// The last workday before `d`.
    pub fn previous_workday_before(&self, d: NaiveDate) -> NaiveDate {
        let step = i64::from(self.is_workday(d));
        self.date_of_workday_index(self.workday_index(d).saturating_sub(step))
    }

    /// Decision date of an n-working-day limit accepted on `accepted` (the acceptance day is
    /// not counted, 民法典 Art. 201; if `accepted` is not a workday, counting starts from the
    /// next workday as acceptance day). `n` may be 0 (→ the acceptance workday) or negative
    /// (counts back). Saturates at chrono's date range.
    pub fn add_working_days(&self, accepted: NaiveDate, n: i64) -> NaiveDate {
        let step = i64::from(!self.is_workday(accepted));
        let start = self.workday_index(accepted).saturating_add(step);
        self.date_of_workday_index(start.saturating_add(n))
    }

    /// Workdays in `(a, b]` (negative when `b < a`), so that
    /// `add_working_days(a, working_days_between(a, b)) == b` for workdays `a <= b`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        self.workday_index(b) - self.workday_index(a)
    }

    /// `start + n` calendar days; if that is not a workday, the next workday (民法典 Art. 203).
    /// Saturates at chrono's date range.
    pub fn add_natural_days(&self, start: NaiveDate, n: i64) -> NaiveDate {
        let end = date_of(day_number(start).saturating_add(n));
        self.next_workday_on_or_after(end)
    }

    /// A global monotone workday index: `index(next workday of a workday d) == index(d) + 1`;
    /// a non-workday maps to the index of the previous workday.
    pub fn workday_index(&self, d: NaiveDate) -> i64 {
        let t = &self.tables;
        let n = day_number(d);
        let last = t.start + t.kind.len() as i64 - 1;
        if n < t.start {
            monfri_count(n)
        } else if n <= last {
            t.base + i64::from(t.cum[(n - t.start) as usize])
        } else {
            t.index_of_last() + monfri_count(n) - monfri_count(last)
        }
    }

    /// Inverse of [`Calendar::workday_index`] on workdays; clamps to chrono's date range.
    pub fn date_of_workday_index(&self, i: i64) -> NaiveDate {
        let t = &self.tables;
        let last = t.start + t.kind.len() as i64 - 1;
        let end = t.index_of_last();
        if i <= t.base {
            date_of(monfri_day(i))
        } else if i <= end {
            t.workdays[(i - t.base - 1) as usize]
        } else {
            let j = (i - end).saturating_add(monfri_count(last));
            date_of(monfri_day(j))
        }
    }

    /// Years in `[from.year(), to.year()]` (either order) that have no holiday data (built-in
    /// or declared complete by additions).
    pub fn years_without_data(&self, from: NaiveDate, to: NaiveDate) -> Vec<i32> {
        let (lo, hi) = if from <= to { (from, to) } else { (to, from) };
        (lo.year()..=hi.year())
            .filter(|y| self.tables.known_years.binary_search(y).is_err())
            .collect()
    }

    /// Years with holiday data, ascending.
    pub fn years_with_data(&self) -> &[i32] {
        &self.tables.known_years
    }

    /// The warning a result carries when it depends on `year` without data.
    pub fn horizon_warning(year: i32) -> String {
        format!("{year} holiday arrangement not in the calendar; assumed Monday–Friday")
    }

    /// The warnings for `years` (as from [`Calendar::years_without_data`]), one per run of
    /// consecutive years: `2027 holiday arrangement …` or `2027–2030 holiday arrangements …`.
    pub fn horizon_warnings(years: &[i32]) -> Vec<String> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < years.len() {
            let mut j = i;
            while j + 1 < years.len() && i64::from(years[j + 1]) == i64::from(years[j]) + 1 {
                j += 1;
            }
            out.push(if i == j {
                Self::horizon_warning(years[i])
            } else {
                format!(
                    "{}–{} holiday arrangements not in the calendar; assumed Monday–Friday",
                    years[i], years[j]
                )
            });
            i = j + 1;
        }
        out
    }

    /// Every day of `year` (empty when the year is outside chrono's range).
    pub fn year_days(&self, year: i32) -> Vec<DayInfo> {
        let Some(first) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            return Vec::new();
        };
        first
            .iter_days()
            .take_while(|d| d.year() == year)
            .map(|d| self.day(d))
            .collect()
    }
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*DATA_YEARS.start(), 1, 1).expect("valid window start")
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*DATA_YEARS.end(), 12, 31).expect("valid window end")
}

impl Tables {
    fn offset(&self, d: NaiveDate) -> Option<usize> {
        let i = day_number(d) - self.start;
        (0..self.kind.len() as i64)
            .contains(&i)
            .then_some(i as usize)
    }

    fn intern(&mut self, name: &str) -> u32 {
        if name.is_empty() {
            return 0;
        }
        if let Some(k) = self.names.iter().position(|n| n == name) {
            return k as u32 + 1;
        }
        self.names.push(name.to_owned());
        self.names.len() as u32
    }

    /// Recomputes the cumulative counts and the workday list from offset `from` on (the
    /// days before it are unchanged).
    fn recount_from(&mut self, from: usize) {
        let mut count = from.checked_sub(1).map_or(0, |i| self.cum[i]);
        self.cum.truncate(from);
        self.workdays.truncate(count as usize);
        let mut day = date_of(self.start + from as i64);
        for k in self.kind.get(from..).unwrap_or_default() {
            if k.is_workday() {
                count += 1;
                self.workdays.push(day);
            }
            self.cum.push(count);
            day = day.succ_opt().unwrap_or(day);
        }
    }

    fn index_of_last(&self) -> i64 {
        self.base + i64::from(self.cum.last().copied().unwrap_or(0))
    }
}

#[cfg(test)]
mod tests;
