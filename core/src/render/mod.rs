//! Plan renderers: one module per output format, each a pure function from a [`Plan`] (and a
//! few options) to a `String`. No I/O, no clock: the CLI writes the string to a file or
//! stdout, the wasm page offers it for download or puts it in the page.
//!
//! | format | module | what it is |
//! |---|---|---|
//! | `table` | [`table`] | terminal report, aligned for double-width Chinese, optional ANSI colour |
//! | `json` | [`json`] | the documented plan format (`docs/plan-format.md`) |
//! | `csv` | [`csv`] | one row per item, optional UTF-8 BOM for Excel |
//! | `md` | [`md`] | Markdown report |
//! | `mermaid` | [`mermaid`] | `gantt` chart for GitHub/GitLab Markdown |
//! | `svg` | [`svg`] | self-contained Gantt chart |
//! | `ics` | [`ics`] | iCalendar (RFC 5545) with one all-day event per decision |
//!
//! Two more formats are not [`Format`]s, because they need more than the plan's text and the
//! web page leaves them out: `xlsx` (Excel workbooks, feature `xlsx`) and `mspdi` (MS
//! Project XML from the plan and its schedule network, feature `mspdi`).
//!
//! Dates in every format are those of the plan; the day-bar convention of the charts is that a
//! bar covers the acceptance day through the decision day, both inclusive.

pub mod csv;
pub mod gantt;
pub mod ics;
pub mod json;
pub mod md;
pub mod mermaid;
#[cfg(feature = "mspdi")]
pub mod mspdi;
#[cfg(feature = "simulate")]
pub mod simulation;
#[cfg(feature = "tracking")]
pub mod status;
pub mod svg;
pub mod table;
mod text;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::fmt;
use std::str::FromStr;

use crate::calendar::Calendar;
use crate::plan::Plan;

/// An output format for plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Terminal report ([`table`]).
    Table,
    /// The documented JSON plan format ([`json`]).
    Json,
    /// One row per item ([`csv`]).
    Csv,
    /// Markdown report ([`md`]).
    Md,
    /// Mermaid `gantt` chart ([`mermaid`]).
    Mermaid,
    /// Self-contained SVG Gantt chart ([`svg`]).
    Svg,
    /// iCalendar events ([`ics`]).
    Ics,
}

impl Format {
    /// Every format, in the order the documentation lists them.
    pub const ALL: [Format; 7] = [
        Format::Table,
        Format::Json,
        Format::Csv,
        Format::Md,
        Format::Mermaid,
        Format::Svg,
        Format::Ics,
    ];

    /// The name used on the command line and in the page (`table`, `json`, …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Mermaid => "mermaid",
            Format::Svg => "svg",
            Format::Ics => "ics",
        }
    }

    /// The usual file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Mermaid => "mmd",
            other => other.name(),
        }
    }

    /// The media type of the output.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Table => "text/plain; charset=utf-8",
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Md => "text/markdown; charset=utf-8",
            Format::Mermaid => "text/vnd.mermaid; charset=utf-8",
            Format::Svg => "image/svg+xml",
            Format::Ics => "text/calendar; charset=utf-8",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Accepts the names of [`Format::name`] and `markdown`, `mmd`, `ical`, `icalendar`; case-insensitive.
    fn from_str(s: &str) -> Result<Self, String> {
        let lower = s.to_ascii_lowercase();
        let found = match lower.as_str() {
            "markdown" => Some(Format::Md),
            "mmd" => Some(Format::Mermaid),
            "ical" | "icalendar" => Some(Format::Ics),
            name => Format::ALL.into_iter().find(|f| f.name() == name),
        };
        found.ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format `{s}`; expected one of {}", names.join(", "))
        })
    }
}

/// Options shared by the renderers; each format reads the ones that concern it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// `table`: ANSI colours (the CLI passes `false` under `NO_COLOR` or when not a terminal).
    pub color: bool,
    /// `csv`: start with a UTF-8 byte-order mark so that Excel reads the file as UTF-8.
    pub bom: bool,
    /// `svg`: the calendar the plan was made on, for shading weekends and holidays and placing
    /// the target line; `None` uses the built-in China mainland calendar.
    pub calendar: Option<&'a Calendar>,
}

/// Renders `plan` in `format`.
pub fn render(plan: &Plan, format: Format, options: &Options) -> String {
    match format {
        Format::Table => table::render(plan, options.color),
        Format::Json => json::render(plan),
        Format::Csv => csv::render(plan, options.bom),
        Format::Md => md::render(plan),
        Format::Mermaid => mermaid::render(plan),
        Format::Svg => match options.calendar {
            Some(calendar) => svg::render(plan, calendar),
            None => svg::render(plan, &Calendar::cn()),
        },
        Format::Ics => ics::render(plan),
    }
}
