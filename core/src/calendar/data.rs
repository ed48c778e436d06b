//! Holiday data files: the built-in `rulesets/calendars/cn.toml` (one `[[year]]` per State
//! Council notice), parsed with spans so a mistake in the data is a diagnostic like any other.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::additions::{RawCalendarDay, expand_day};
use super::{CalendarAdditions, DATA_YEARS, SpecialDay};
use crate::diagnostic::Diagnostic;
use crate::reader_error::toml_error;
use crate::source::{Sources, with_span_base};
use crate::spanned::Sp;

/// The embedded text of the built-in China mainland calendar.
pub const CN_TOML: &str = include_str!("../../../rulesets/calendars/cn.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendarFile {
    #[serde(default)]
    year: Vec<Sp<RawYear>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: Sp<i64>,
    notice: String,
    url: String,
    #[serde(default)]
    holidays: Vec<Sp<RawCalendarDay>>,
    #[serde(default)]
    workdays: Vec<Sp<RawCalendarDay>>,
    #[serde(default)]
    amendment: Vec<Notice>,
}

/// A notice (or an amendment to it) that set a year's arrangement.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Title of the State Council notice.
    pub notice: String,
    /// Where the notice is published.
    pub url: String,
    /// What an amendment changed.
    #[serde(default)]
    pub note: Option<String>,
}

/// The source of one year's arrangement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearSource {
    /// The year the arrangement is for.
    pub year: i32,
    /// The notice that set it.
    pub notice: Notice,
    /// Later notices that changed it (the 2019 May Day amendment, the 2020 extension).
    pub amendments: Vec<Notice>,
}

/// A parsed calendar data file: the notices and the days they set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CalendarData {
    /// The notices behind each year of the data.
    pub years: Vec<YearSource>,
    /// Every listed day; `complete_years` holds the years of the file.
    pub days: CalendarAdditions,
}

/// The result of parsing a data file: the data when there were no errors, and the diagnostics
/// with the text they point into.
#[derive(Debug)]
pub struct LoadedCalendar {
    /// The calendar data, when the file had no errors.
    pub data: Option<CalendarData>,
    /// Every problem found (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
    /// The text the diagnostics point into.
    pub sources: Sources,
}

/// Parses and checks a calendar data file.
pub fn parse(name: &str, text: &str) -> LoadedCalendar {
    let mut sources = Sources::new();
    let id = sources.add(name, text);
    let base = sources.get(id).base;
    let raw = match with_span_base(base, || toml::from_str::<RawCalendarFile>(text)) {
        Ok(raw) => raw,
        Err(e) => {
            let span = e
                .span()
                .map_or(base..base, |s| s.start + base..s.end + base);
            return LoadedCalendar {
                data: None,
                diagnostics: vec![toml_error(&e, span)],
                sources,
            };
        }
    };
    let mut diagnostics = Vec::new();
    let data = check(raw, &mut diagnostics);
    LoadedCalendar {
        data: (!crate::diagnostic::has_errors(&diagnostics)).then_some(data),
        diagnostics,
        sources,
    }
}

/// [`CN_TOML`]'s entries as constants, copied by the build script (`core/build.rs`).
mod generated {
    include!(concat!(env!("OUT_DIR"), "/cn_calendar.rs"));
}

/// The built-in China mainland data, built once from [`CN_TOML`]'s entries, which the build
/// script copies into constants: no reader runs (the web page's planner module links none),
/// and the tests check that this equals what [`parse`] gives for the file.
pub fn builtin() -> &'static CalendarData {
    static DATA: OnceLock<CalendarData> = OnceLock::new();
    DATA.get_or_init(|| {
        let date = |(y, m, d): (u16, u8, u8)| {
            NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
                .expect("the built-in calendar dates are valid (checked by the tests)")
        };
        let mut data = CalendarData::default();
        for &(workday, first, last, name) in generated::DAYS {
            let days = if workday {
                &mut data.days.workdays
            } else {
                &mut data.days.holidays
            };
            let last = date(last);
            days.extend(
                date(first)
                    .iter_days()
                    .take_while(|d| *d <= last)
                    .map(|date| SpecialDay {
                        date,
                        name: name.to_owned(),
                    }),
            );
        }
        let notice = |(notice, url, note): (&str, &str, Option<&str>)| Notice {
            notice: notice.to_owned(),
            url: url.to_owned(),
            note: note.map(str::to_owned),
        };
        for &(year, title, url, amendments) in generated::YEARS {
            data.days.complete_years.push(year);
            data.years.push(YearSource {
                year,
                notice: notice((title, url, None)),
                amendments: amendments.iter().copied().map(notice).collect(),
            });
        }
        data.years.sort_by_key(|y| y.year);
        data.days.complete_years.sort_unstable();
        data
    })
}

fn check(raw: RawCalendarFile, diags: &mut Vec<Diagnostic>) -> CalendarData {
    let mut data = CalendarData::default();
    let mut year_spans: BTreeMap<i64, std::ops::Range<usize>> = BTreeMap::new();
    // Every listed date, with whether it is a workday and where it was written.
    let mut seen: BTreeMap<NaiveDate, (bool, std::ops::Range<usize>)> = BTreeMap::new();
    for y in raw.year {
        let y = y.value;
        let year_value = y.year.value;
        let Some(year) = i32::try_from(year_value)
            .ok()
            .filter(|v| DATA_YEARS.contains(v))
        else {
            diags.push(
                Diagnostic::error(
                    "calendar-range",
                    format!(
                        "year {year_value} is outside the calendar's data range {}–{}",
                        DATA_YEARS.start(),
                        DATA_YEARS.end()
                    ),
                )
                .with_label(y.year.span.clone(), "unsupported year"),
            );
            continue;
        };
        if let Some(first) = year_spans.get(&year_value) {
            diags.push(
                Diagnostic::error("duplicate-id", format!("year {year} is listed twice"))
                    .with_label(y.year.span.clone(), "second listing")
                    .with_label(first.clone(), "first listing"),
            );
            continue;
        }
        year_spans.insert(year_value, y.year.span.clone());
        for (entries, workday) in [(&y.holidays, false), (&y.workdays, true)] {
            for entry in entries {
                let mut days = Vec::new();
                if let Err(d) = expand_day(entry, &mut days) {
                    diags.push(d);
                    continue;
                }
                if entry.value.name.as_deref().is_none_or(str::is_empty) {
                    diags.push(
                        Diagnostic::error("missing-field", "a calendar day needs a `name`")
                            .with_label(entry.span.clone(), "no name")
                            .with_help("name the festival, e.g. `name = \"春节\"` or `name = \"春节调休上班\"`"),
                    );
                }
                for day in days {
                    if day.date.year() != year && day.date.year() != year - 1 {
                        diags.push(
                            Diagnostic::error(
                                "calendar-year",
                                format!(
                                    "{} is not in {year} (or the December before it)",
                                    day.date
                                ),
                            )
                            .with_label(entry.span.clone(), format!("listed under {year}")),
                        );
                    }
                    if let Some((was_workday, span)) = seen.get(&day.date) {
                        let what = if *was_workday == workday {
                            format!("{} is listed twice", day.date)
                        } else {
                            format!("{} is listed both as a holiday and as a workday", day.date)
                        };
                        diags.push(
                            Diagnostic::error("calendar-conflict", what)
                                .with_label(entry.span.clone(), "listed here")
                                .with_label(span.clone(), "and here"),
                        );
                        continue;
                    }
                    if workday && !super::weekday::is_weekend(super::weekday::day_number(day.date))
                    {
                        diags.push(
                            Diagnostic::warning(
                                "calendar-weekday-workday",
                                format!("{} is a weekday: listing it as a make-up workday changes nothing", day.date),
                            )
                            .with_label(entry.span.clone(), "already a workday"),
                        );
                    }
                    seen.insert(day.date, (workday, entry.span.clone()));
                    if workday {
                        data.days.workdays.push(day);
                    } else {
                        data.days.holidays.push(day);
                    }
                }
            }
        }
        data.days.complete_years.push(year);
        data.years.push(YearSource {
            year,
            notice: Notice {
                notice: y.notice,
                url: y.url,
                note: None,
            },
            amendments: y.amendment,
        });
    }
    data.years.sort_by_key(|y| y.year);
    data.days.complete_years.sort_unstable();
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        parse("t.toml", text)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn builtin_data_has_no_diagnostics() {
        let loaded = parse("cn.toml", CN_TOML);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let data = loaded.data.unwrap();
        let years: Vec<i32> = data.years.iter().map(|y| y.year).collect();
        assert_eq!(years, (2019..=2026).collect::<Vec<_>>());
        assert_eq!(data.days.complete_years, years);
        for y in &data.years {
            assert!(y.notice.url.starts_with("http"), "{}", y.year);
            assert!(y.notice.notice.contains(&y.year.to_string()), "{}", y.year);
        }
        // The 2019 May-Day amendment and the 2020 extension are cited.
        assert!(data.years[0].amendments[0].notice.contains("劳动节"));
        assert!(
            data.years[1].amendments[0]
                .notice
                .contains("延长2020年春节假期")
        );
    }

    #[test]
    fn the_constants_copied_at_build_time_give_the_same_data_as_the_toml() {
        let from_toml = parse("cn.toml", CN_TOML).data.unwrap();
        assert_eq!(*builtin(), from_toml);
    }

    #[test]
    fn conflicts_and_bad_years_are_errors() {
        let both = r#"
[[year]]
year = 2027
notice = "n"
url = "u"
holidays = [{ date = 2027-02-06, name = "春节" }]
workdays = [{ date = 2027-02-06, name = "春节调休上班" }]
"#;
        assert_eq!(codes(both), ["calendar-conflict"]);
        let wrong_year = r#"
[[year]]
year = 2027
notice = "n"
url = "u"
holidays = [{ date = 2025-10-01, name = "国庆节" }]
"#;
        assert_eq!(codes(wrong_year), ["calendar-year"]);
        let twice = "[[year]]\nyear = 2027\nnotice = \"n\"\nurl = \"u\"\n[[year]]\nyear = 2027\nnotice = \"n\"\nurl = \"u\"\n";
        assert_eq!(codes(twice), ["duplicate-id"]);
        let far = "[[year]]\nyear = 3000\nnotice = \"n\"\nurl = \"u\"\n";
        assert_eq!(codes(far), ["calendar-range"]);
        let unnamed = "[[year]]\nyear = 2027\nnotice = \"n\"\nurl = \"u\"\nholidays = [{ date = 2027-01-01 }]\n";
        assert_eq!(codes(unnamed), ["missing-field"]);
        let typo = "[[year]]\nyear = 2027\nnotice = \"n\"\nurl = \"u\"\nholiday = []\n";
        assert_eq!(codes(typo), ["unknown-field"]);
    }

    #[test]
    fn weekday_make_up_is_a_warning_and_spans_point_at_the_entry() {
        let text = "[[year]]\nyear = 2027\nnotice = \"n\"\nurl = \"u\"\nworkdays = [{ date = 2027-02-03, name = \"x\" }]\n";
        let loaded = parse("t.toml", text);
        assert!(loaded.data.is_some());
        assert_eq!(loaded.diagnostics.len(), 1);
        let d = &loaded.diagnostics[0];
        assert_eq!(d.code, "calendar-weekday-workday");
        assert_eq!(d.location(&loaded.sources), Some(("t.toml", 5, 13)));
    }
}
