//! `shenpi calendar add|between|list|check` — deadline arithmetic for bureau staff.

use std::process::ExitCode;

use chrono::NaiveDate;
use shenpi_core::calendar::render::{self, ListFormat, date_with_weekday, describe_day};
use shenpi_core::calendar::{Calendar, DayKind};
use shenpi_core::{diagnostic, ruleset};

use super::CliError;
use crate::cli::{CalendarArgs, CalendarCommand, ListFormatArg};
use crate::files::{FileResolver, Kind, read_input};

pub fn run(args: CalendarArgs) -> Result<ExitCode, CliError> {
    if let CalendarCommand::ImportNotice {
        file,
        year,
        data,
        url,
        output,
    } = &args.command
    {
        return import_notice(file, *year, *data, url.as_deref(), output.as_deref());
    }
    let cal = calendar(args.ruleset.as_deref())?;
    let (text, from, to) = match args.command {
        CalendarCommand::Add { date, n, natural } => {
            let text = if natural {
                add_natural(&cal, date, n)
            } else {
                add_working(&cal, date, n)
            };
            let end = if natural {
                cal.add_natural_days(date, n)
            } else {
                cal.add_working_days(date, n)
            };
            (text, date, end)
        }
        CalendarCommand::Between { a, b } => {
            let n = cal.working_days_between(a, b);
            let text = format!(
                "{n} working day{} from {} to {} (the days after the first date, up to and including the second)\n",
                plural(n),
                date_with_weekday(a),
                date_with_weekday(b),
            );
            (text, a, b)
        }
        CalendarCommand::List {
            year,
            format,
            output,
        } => {
            let format = match format {
                ListFormatArg::Table => ListFormat::Table,
                ListFormatArg::Csv => ListFormat::Csv,
                ListFormatArg::Json => ListFormat::Json,
            };
            let text = render::render_days(&cal.year_days(year), format);
            let first = NaiveDate::from_ymd_opt(year, 1, 1)
                .ok_or_else(|| CliError::usage(format!("year {year} is out of range")))?;
            warn_horizon(&cal, first, first);
            crate::output::write(output.as_deref(), text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        CalendarCommand::ImportNotice { .. } => unreachable!("handled above"),
        CalendarCommand::Check { date } => {
            let day = cal.day(date);
            let mut text = describe_day(&day);
            if !day.is_workday() {
                text.push_str(&format!(
                    ", not a workday; next workday {}",
                    date_with_weekday(cal.next_workday_after(date))
                ));
            }
            text.push('\n');
            (text, date, date)
        }
    };
    warn_horizon(&cal, from, to);
    crate::output::write(None, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `calendar import-notice`: the notice's text into calendar data, or its problems.
fn import_notice(
    file: &std::path::Path,
    year: Option<i32>,
    data: bool,
    url: Option<&str>,
    output: Option<&std::path::Path>,
) -> Result<ExitCode, CliError> {
    let (name, text) = read_input(file, Kind::Notice)?;
    let mut sources = shenpi_core::source::Sources::new();
    let id = sources.add(&name, text.as_str());
    let base = sources.get(id).base;
    let notice = shenpi_core::calendar::notice::parse(&text, year, base).map_err(|diags| {
        crate::load::report(&diags, &sources);
        CliError::reported(format!("`{name}` is not a notice shenpi can read"))
    })?;
    crate::output::write(output, notice.to_toml(!data, url).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The built-in calendar, with a ruleset's additions when one is given.
fn calendar(ruleset_path: Option<&std::path::Path>) -> Result<Calendar, CliError> {
    let cal = Calendar::cn();
    let Some(path) = ruleset_path else {
        return Ok(cal);
    };
    let (name, text) = read_input(path, Kind::Ruleset)?;
    let loaded = ruleset::load(&name, &text, &FileResolver);
    let color = super::use_color(&std::io::stderr());
    crate::output::message(&crate::output::diagnostics_text(
        &loaded.diagnostics,
        &loaded.sources,
        color,
    ));
    match loaded.ruleset {
        Some(rs) if !diagnostic::has_errors(&loaded.diagnostics) => {
            Ok(cal.with_additions(&rs.calendar_additions))
        }
        _ => Err(CliError::input(format!(
            "`{name}` has errors; its calendar was not applied"
        ))),
    }
}

fn warn_horizon(cal: &Calendar, from: NaiveDate, to: NaiveDate) {
    for w in Calendar::horizon_warnings(&cal.years_without_data(from, to)) {
        crate::output::message(&format!("warning: {w}\n"));
    }
}

fn saturation_note(text: &mut String, decided: NaiveDate) {
    if decided == NaiveDate::MAX || decided == NaiveDate::MIN {
        text.push_str(" (clamped to the last representable date)");
    }
}

fn plural(n: i64) -> &'static str {
    if n.unsigned_abs() == 1 { "" } else { "s" }
}

fn add_working(cal: &Calendar, accepted: NaiveDate, n: i64) -> String {
    let decided = cal.add_working_days(accepted, n);
    let start = cal.next_workday_on_or_after(accepted);
    let mut text = format!("{}: ", date_with_weekday(decided));
    let start_text = date_with_weekday(start);
    if n == 0 {
        text.push_str(&format!(
            "0 working days: decided on the acceptance day {start_text}"
        ));
    } else if n > 0 {
        text.push_str(&format!(
            "{n} working day{} after acceptance on {start_text} (the acceptance day is not counted)",
            plural(n)
        ));
    } else {
        text.push_str(&format!(
            "{} working day{} before {start_text}",
            n.unsigned_abs(),
            plural(n)
        ));
    }
    saturation_note(&mut text, decided);
    if start != accepted {
        let day = cal.day(accepted);
        text.push_str(&format!(
            "; {}, so the next workday counts as the acceptance day",
            not_workday(&day.kind, day.date, day.name.as_deref())
        ));
    }
    text.push('\n');
    text
}

fn add_natural(cal: &Calendar, start: NaiveDate, n: i64) -> String {
    // The last day of the period before rolling forward, saturating like the core.
    let plain = chrono::TimeDelta::try_days(n)
        .and_then(|delta| start.checked_add_signed(delta))
        .unwrap_or(if n < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        });
    let decided = cal.add_natural_days(start, n);
    let mut text = format!(
        "{}: {n} calendar day{} after {}",
        date_with_weekday(decided),
        plural(n),
        date_with_weekday(start)
    );
    saturation_note(&mut text, decided);
    if decided != plain && plain != NaiveDate::MAX && plain != NaiveDate::MIN {
        let day = cal.day(plain);
        text.push_str(&format!(
            "; the last day {}, so the period ends on the next workday (民法典 Art. 203)",
            not_workday(&day.kind, day.date, day.name.as_deref())
        ));
    }
    text.push('\n');
    text
}

/// `2026-02-15 (Sun) is a holiday (春节)`.
fn not_workday(kind: &DayKind, date: NaiveDate, name: Option<&str>) -> String {
    let mut text = format!("{} is a {}", date_with_weekday(date), kind.label());
    if let Some(name) = name {
        text.push_str(&format!(" ({name})"));
    }
    text
}
