//! One module per subcommand; each turns arguments into core calls and rendered output.

mod calendar;
mod check;
mod compare;
mod explain;
mod import;
mod init;
mod plan;
mod schema;
mod show;
mod simulate;
mod status;

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
    /// Input errors whose diagnostics were already printed: exit 1.
    pub fn reported(message: impl Into<String>) -> Self {
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
    /// Adds the place in an input file the error is about (`  --> file:line:col`).
    pub fn at(mut self, location: &str) -> Self {
        self.message.push_str(&format!("\n  --> {location}"));
        self
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
        Command::Plan(args) => plan::run(args),
        Command::Status(args) => status::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Import(args) => import::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Show(args) => show::run(args),
        Command::Rulesets => show::list(),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(args.shell, &mut cmd, "shenpi", &mut out);
            crate::output::write(None, &out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(|e| CliError::io(format!("cannot render the man page: {e}")))?;
            crate::output::write(None, &out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Calendar(args) => calendar::run(args),
    }
}
