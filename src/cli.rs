//! Command-line arguments (clap derive).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use shenpi_core::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "shenpi",
    version,
    about = "审批 — plan China's construction-project approval on a real working-day calendar",
    long_about = None,
    after_help = "Exit codes: 0 ok, 1 invalid input (or, with --strict, a missed target or a red item), 2 usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check rulesets and report every problem with its place in the file.
    Check(CheckArgs),
    /// Print the JSON Schema of the ruleset or project file (for editor completion).
    Schema(SchemaArgs),
    /// Plan a project: dates, critical path, floats, stage spans, target checks.
    Plan(PlanArgs),
    /// Track projects under way: each item against its limit (红黄牌), and a re-forecast.
    Status(StatusArgs),
    /// Forecast with uncertainty: P10–P90 of the key dates, the chance of meeting the target.
    Simulate(SimulateArgs),
    /// Turn a bureau's table of approval items (审批事项及时限表, .xlsx or .csv) into a ruleset.
    Import(ImportArgs),
    /// Compare two plans: two rulesets, measures on vs off, or promised vs legal limits.
    Compare(CompareArgs),
    /// Explain one item: why it applies, what changed it, its floats and what would shorten the project.
    Explain(ExplainArgs),
    /// Show a ruleset: stages, items, measures and the per-project-type target matrix.
    Show(ShowArgs),
    /// List the built-in rulesets.
    Rulesets,
    /// Write a commented project template generated from a ruleset's attribute schema.
    Init(InitArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
    /// Working-day calendar: decision dates, working days between dates, a year's days.
    Calendar(CalendarArgs),
}

/// How a project is chosen and adjusted (shared by plan, compare and explain).
#[derive(Debug, Clone, clap::Args)]
pub struct ProjectArgs {
    /// Project file (TOML or JSON), `-` for standard input, or `example:<ruleset>/<type>`.
    pub project: String,
    /// Ruleset to use instead of the project's (built-in id or path).
    #[arg(long, value_name = "ID|PATH")]
    pub ruleset: Option<String>,
    /// Acceptance date of the first application (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<chrono::NaiveDate>,
    /// Switch a measure on or off.
    #[arg(long = "measure", value_name = "ID=on|off", value_parser = parse_switch)]
    pub measures: Vec<(String, bool)>,
    /// Use statutory limits (法定时限) instead of promised ones.
    #[arg(long)]
    pub legal: bool,
    /// Construction period (工期) in calendar days, from the start of the works to completion
    /// (default: the project's, else its type's).
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub construction_days: Option<u32>,
}

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output format; `xlsx` (an Excel 审批时限表 and a summary sheet) needs `-o FILE`;
    /// `mspdi` is MS Project XML (tasks by stage, links, the holiday calendar).
    #[arg(long, short, default_value = "table", value_parser = plan_format())]
    pub format: PlanFormat,
    /// Write to a file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Prefix CSV output with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
    /// Exit with 1 when a time-limit target is missed.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "One project prints its report; several (or a folder) print the items that need attention, most urgent first. Progress is recorded in the project file under [progress.<item>] (docs/tracking.md)."
)]
pub struct StatusArgs {
    /// Project files, folders (every .toml and .json file in them), `-`, or
    /// `example:<ruleset>/<type>`.
    #[arg(required = true, value_name = "PROJECT")]
    pub projects: Vec<String>,
    /// The day the status is taken on (default: today in China, UTC+8).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Warning profile id (default: the ruleset's; `shenpi show RULESET` lists them).
    #[arg(long, value_name = "ID")]
    pub profile: Option<String>,
    #[arg(long, short, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
    /// Write to a file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Prefix CSV output with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
    /// Exit with 1 when any item is red or overdue (or was decided late).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Item uncertainty comes from the ruleset's [uncertainty] (estimates unless sourced) and the project's [uncertainty] (preparation, item overrides): docs/simulate.md."
)]
pub struct SimulateArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Iterations (at most; see --until-stable).
    #[arg(long, short = 'n', default_value_t = 2000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub iterations: u32,
    /// Seed of the random numbers: the same seed gives the same output.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stop once P80 of the key date moves less than half a working day over 500 iterations.
    #[arg(long)]
    pub until_stable: bool,
    /// The key date of the histogram, --by and the impact table (default: construction_start,
    /// or finish without works).
    #[arg(long, value_parser = PossibleValuesParser::new(["construction_start", "approval_finish", "completion", "finish"]))]
    pub key: Option<String>,
    /// The chance of reaching the key date by this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub by: Option<NaiveDate>,
    /// Skip the one-at-a-time impact table (it re-runs the simulation once per uncertain item).
    #[arg(long)]
    pub no_impact: bool,
    #[arg(long, short, value_enum, default_value_t = SimulateFormat::Table)]
    pub format: SimulateFormat,
    /// Write to a file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Prefix CSV output with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Columns are found by their header: 阶段, 事项, 实施部门, 承诺时限 (required); 法定时限, 计时方式, 前置事项, 申请材料, 依据, 编号 (optional), with the usual variants. See docs/interchange.md."
)]
pub struct ImportArgs {
    /// The table: .xlsx (its first sheet, or --sheet) or .csv (UTF-8, with or without a BOM).
    pub table: PathBuf,
    /// The ruleset's id (ASCII letters, digits, `.`, `_`, `-`).
    #[arg(long, value_name = "ID")]
    pub ruleset_id: String,
    /// The ruleset's name (default: the sheet's).
    #[arg(long)]
    pub name: Option<String>,
    /// The sheet to read from a workbook (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Write to a file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SimulateFormat {
    Table,
    Json,
    Csv,
    Md,
    Svg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
    Csv,
    Md,
    /// An Excel workbook (needs -o FILE, or a pipe).
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// Project file, `-`, `example:<ruleset>/<type>`, or `examples:<ruleset>` for every
    /// project type's example.
    pub project: String,
    /// The "before" ruleset (default: the project's).
    #[arg(long, value_name = "ID|PATH")]
    pub before: Option<String>,
    /// The "after" ruleset (default: the project's).
    #[arg(long, value_name = "ID|PATH")]
    pub after: Option<String>,
    /// Before: every measure off; after: as configured.
    #[arg(long, conflicts_with = "legal")]
    pub measures_off: bool,
    /// Before: statutory limits; after: promised limits.
    #[arg(long)]
    pub legal: bool,
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<chrono::NaiveDate>,
    /// `xlsx`: the comparisons and every item's change as a workbook; needs -o FILE.
    #[arg(long, short, value_enum, default_value_t = CompareOutput::Table)]
    pub format: CompareOutput,
    /// Write to a file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareOutput {
    Table,
    Json,
    Md,
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Item id.
    pub item: String,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// Built-in id or path.
    pub ruleset: String,
    /// Start date for the per-type matrix (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub start: Option<chrono::NaiveDate>,
    /// `xlsx`: the items as a 审批事项表 (the columns `shenpi import` reads back) and the
    /// per-type matrix; needs -o FILE.
    #[arg(long, short, value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
    /// Write to a file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Table,
    Json,
    Md,
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Ruleset the project uses.
    #[arg(long, value_name = "ID|PATH")]
    pub ruleset: String,
    /// Project type (its example fills the values).
    #[arg(long = "type", value_name = "TYPE")]
    pub project_type: Option<String>,
    /// Write to a file (refuses to overwrite an existing one).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

fn parse_switch(s: &str) -> Result<(String, bool), String> {
    let (id, state) = s
        .split_once('=')
        .filter(|(id, _)| !id.is_empty())
        .ok_or_else(|| format!("`{s}`: expected ID=on or ID=off"))?;
    let on = match state {
        "on" | "true" | "1" => true,
        "off" | "false" | "0" => false,
        other => return Err(format!("`{other}`: expected on or off")),
    };
    Ok((id.to_owned(), on))
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Counting (行政许可法 Art. 42/82, 民法典 Art. 201/203): the acceptance day is not \
counted; a limit of N working days ends on the N-th workday after it. Holidays and weekend make-up \
workdays (调休) follow the State Council notices 2019–2026; other years are counted Monday–Friday \
with a warning. A ruleset's [calendar] table adds local days or a new year \
(`years = [2027]` marks the year complete)."
)]
pub struct CalendarArgs {
    #[command(subcommand)]
    pub command: CalendarCommand,
    /// Apply the `[calendar]` additions of this ruleset (local holidays, a newly published year).
    #[arg(long, global = true, value_name = "FILE")]
    pub ruleset: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Decision date of an N-working-day limit accepted on DATE (the acceptance day is not counted).
    Add {
        /// Acceptance date (受理日), YYYY-MM-DD.
        #[arg(value_parser = parse_date)]
        date: NaiveDate,
        /// Working days (may be 0 or negative).
        #[arg(allow_negative_numbers = true)]
        n: i64,
        /// Count N calendar days instead; a period ending on a non-workday ends on the next workday.
        #[arg(long)]
        natural: bool,
    },
    /// Working days after A up to and including B (negative when B is before A).
    Between {
        /// First date, YYYY-MM-DD (not counted).
        #[arg(value_parser = parse_date)]
        a: NaiveDate,
        /// Last date, YYYY-MM-DD (counted).
        #[arg(value_parser = parse_date)]
        b: NaiveDate,
    },
    /// Every day of YEAR: date, workday, kind, name.
    List {
        /// The year, e.g. 2026.
        #[arg(value_parser = clap::value_parser!(i32).range(1..=9999))]
        year: i32,
        #[arg(long, value_enum, default_value_t = ListFormatArg::Table)]
        format: ListFormatArg,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read the State Council's holiday notice (its text, .txt) into calendar data: a ruleset's
    /// or project's [calendar] table, or with --data a [[year]] of the built-in data. Checks
    /// every weekday the notice names and every day count.
    ImportNotice {
        /// The notice's text: the title line (国务院办公厅关于YYYY年部分节假日安排的通知) and its
        /// numbered lines (一、元旦：…).
        file: PathBuf,
        /// The year the notice arranges, when the text has no title naming it.
        #[arg(long, value_parser = clap::value_parser!(i32).range(1990..=2100))]
        year: Option<i32>,
        /// Write a [[year]] entry of rulesets/calendars/cn.toml instead of a [calendar] table.
        #[arg(long)]
        data: bool,
        /// The notice's address, for --data.
        #[arg(long, requires = "data")]
        url: Option<String>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// What DATE is: workday, weekend, holiday or make-up workday.
    Check {
        /// The date, YYYY-MM-DD.
        #[arg(value_parser = parse_date)]
        date: NaiveDate,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormatArg {
    Table,
    Csv,
    Json,
}

/// A date argument: `YYYY-MM-DD` only.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() >= 10)
        .ok_or_else(|| "expected a date as YYYY-MM-DD, e.g. 2026-02-13".to_owned())
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Ruleset files to check (`-` reads standard input).
    #[arg(required_unless_present = "builtin")]
    pub files: Vec<PathBuf>,
    /// Check every built-in ruleset.
    #[arg(long)]
    pub builtin: bool,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Text)]
    pub format: DiagnosticFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagnosticFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which file's schema.
    #[arg(value_enum)]
    pub which: SchemaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    Ruleset,
    Project,
}

/// The plan formats of the core renderer, offered as the values of `--format`.
/// A plan's output: a text format the core renders (shared with the web page), or an Excel
/// workbook (CLI only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    /// A text format.
    Text(Format),
    /// An Excel workbook (`shenpi_core::render::xlsx`).
    Xlsx,
    /// MS Project XML (`shenpi_core::render::mspdi`): needs the plan's schedule network.
    Mspdi,
}

fn plan_format() -> impl TypedValueParser<Value = PlanFormat> {
    let mut names: Vec<&'static str> = Format::ALL.map(Format::name).to_vec();
    names.extend(["xlsx", "mspdi"]);
    PossibleValuesParser::new(names).map(|name| match name.as_str() {
        "xlsx" => PlanFormat::Xlsx,
        "mspdi" => PlanFormat::Mspdi,
        text => PlanFormat::Text(text.parse().expect("a listed format name parses")),
    })
}
