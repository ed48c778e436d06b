//! `shenpi` — the command-line front of shenpi-core. It parses arguments, reads files, calls
//! the core and renders; it holds no planning logic of its own.

mod cli;
mod cmd;
mod files;
mod load;
mod output;
mod render;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // clap prints help/version to stdout with exit 0, usage errors with exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cmd::run(args) {
        Ok(code) => code,
        Err(e) => {
            output::message(&format!("error: {e}\n"));
            ExitCode::from(e.exit_code())
        }
    }
}
