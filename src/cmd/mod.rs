//! One module per subcommand; each turns arguments into core calls and rendered output.

mod calendar;
mod check;
mod schema;

use std::fmt;
use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// An error that ends the run, with the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    message: String,
    code: u8,
}

impl CliError {
    /// Bad input (unreadable file, invalid content): exit 1.
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }
    /// Writing failed: exit 1.
    pub fn io(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 1,
        }
    }
    /// Bad arguments: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: 2,
        }
    }
    pub fn exit_code(&self) -> u8 {
        self.code
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Whether to colour terminal output: only on a terminal and unless `NO_COLOR` is set.
pub fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Calendar(args) => calendar::run(args),
    }
}
