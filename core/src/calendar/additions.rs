//! Days a ruleset or a project adds to the base calendar (its `[calendar]` table): the
//! file format, and reading it into [`CalendarAdditions`] with the same checks wherever it is
//! written — a ruleset, a project file or the built-in holiday data.

use chrono::Datelike;
use serde::Deserialize;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use super::{CalendarAdditions, DATA_YEARS, SpecialDay};
use crate::diagnostic::Diagnostic;
use crate::spanned::{Date, Sp};

/// Calendar days added by a ruleset or a project: a single `date` or an inclusive
/// `from`–`to` range.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCalendarDay {
    /// A single day.
    pub date: Option<Sp<Date>>,
    /// First day of a range.
    pub from: Option<Sp<Date>>,
    /// Last day of a range (inclusive).
    pub to: Option<Sp<Date>>,
    /// Name, e.g. 春节.
    pub name: Option<String>,
    /// Notice the day comes from.
    pub source: Option<String>,
}

/// The `[calendar]` table: local holidays and workdays added to the base calendar.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCalendarAdditions {
    /// Extra days off (local holidays, a new year's notice).
    #[serde(default)]
    pub holidays: Vec<Sp<RawCalendarDay>>,
    /// Extra working days (weekend make-up days).
    #[serde(default)]
    pub workdays: Vec<Sp<RawCalendarDay>>,
    /// Years whose whole arrangement these entries give (e.g. a newly published State
    /// Council notice): results touching them no longer carry the horizon warning.
    #[serde(default)]
    pub years: Vec<i32>,
}

/// Reads a `[calendar]` table: every day expanded and inside [`DATA_YEARS`], each problem a
/// diagnostic.
pub(crate) fn read(raw: &RawCalendarAdditions, diags: &mut Vec<Diagnostic>) -> CalendarAdditions {
    let mut out = CalendarAdditions::default();
    for (days, into) in [
        (&raw.holidays, &mut out.holidays),
        (&raw.workdays, &mut out.workdays),
    ] {
        for d in days {
            diags.extend(expand_day(d, into).err());
        }
    }
    out.complete_years = raw.years.clone();
    out
}

/// Expands one `{ date }` / `{ from, to }` entry, rejecting dates outside [`DATA_YEARS`].
pub(crate) fn expand_day(
    entry: &Sp<RawCalendarDay>,
    into: &mut Vec<SpecialDay>,
) -> Result<(), Diagnostic> {
    let mut days = Vec::new();
    expand_any(entry, &mut days)?;
    if let Some(outside) = days.iter().find(|d| !DATA_YEARS.contains(&d.date.year())) {
        return Err(Diagnostic::error(
            "calendar-range",
            format!(
                "{} is outside the calendar's data range {}–{}",
                outside.date,
                DATA_YEARS.start(),
                DATA_YEARS.end()
            ),
        )
        .with_label(entry.span.clone(), "unsupported date")
        .with_help("dates outside this range are counted Monday–Friday"));
    }
    into.extend(days);
    Ok(())
}

/// Expands a `{ date }` or `{ from, to }` calendar entry, any date.
fn expand_any(d: &Sp<RawCalendarDay>, into: &mut Vec<SpecialDay>) -> Result<(), Diagnostic> {
    let name = d.value.name.clone().unwrap_or_default();
    match (&d.value.date, &d.value.from, &d.value.to) {
        (Some(date), None, None) => {
            into.push(SpecialDay { date: date.value.0, name });
            Ok(())
        }
        (None, Some(from), Some(to)) => {
            if from.value > to.value {
                return Err(Diagnostic::error("empty-range", "`from` is after `to`")
                    .with_label(from.span.clone(), "from")
                    .with_label(to.span.clone(), "to"));
            }
            let days = (to.value.0 - from.value.0).num_days();
            if days > 366 {
                return Err(Diagnostic::error("duration-range", "a calendar range longer than a year")
                    .with_label(d.span.clone(), "too long")
                    .with_help("list holidays one range per festival"));
            }
            into.extend(from.value.0.iter_days().take(days as usize + 1).map(|date| SpecialDay { date, name: name.clone() }));
            Ok(())
        }
        _ => Err(Diagnostic::error("invalid-value", "a calendar entry needs `date`, or `from` and `to`")
            .with_label(d.span.clone(), "neither a single date nor a range")
            .with_help("write `{ date = 2027-01-01, name = \"元旦\" }` or `{ from = 2027-02-05, to = 2027-02-11, name = \"春节\" }`")),
    }
}
