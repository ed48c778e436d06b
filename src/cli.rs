//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "shenpi",
    version,
    about = "审批 — plan China's construction-project approval on a real working-day calendar",
    long_about = None,
    after_help = "Exit codes: 0 ok, 1 invalid input (or a missed target with --strict), 2 usage error."
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
