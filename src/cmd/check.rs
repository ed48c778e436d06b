//! `shenpi check FILE... | --builtin`

use std::process::ExitCode;

use shenpi_core::diagnostic::{self, Severity};
use shenpi_core::{builtin, ruleset};

use crate::cli::{CheckArgs, DiagnosticFormat};
use crate::files::{FileResolver, Kind, read_input};

pub fn run(args: CheckArgs) -> Result<ExitCode, super::CliError> {
    let mut loads = Vec::new();
    for path in &args.files {
        // A file that cannot be read is reported like any other problem, and the check goes
        // on with the next.
        loads.push(match read_input(path, Kind::Ruleset) {
            Ok((name, text)) => ruleset::load(&name, &text, &FileResolver),
            Err(e) => ruleset::unreadable(&e.to_string()),
        });
    }
    if args.builtin {
        loads.extend(builtin::ids().filter_map(ruleset::load_builtin));
    }
    let color = super::use_color(&std::io::stderr());
    let mut errors = 0;
    let mut warnings = 0;
    let mut json = Vec::new();
    for loaded in &loads {
        errors += loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        warnings += loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        match args.format {
            DiagnosticFormat::Text => {
                crate::output::message(&crate::output::diagnostics_text(
                    &loaded.diagnostics,
                    &loaded.sources,
                    color,
                ));
            }
            DiagnosticFormat::Json => {
                json.extend(diagnostic::to_json(&loaded.diagnostics, &loaded.sources));
            }
        }
    }
    match args.format {
        DiagnosticFormat::Json => {
            let mut text = serde_json::to_string_pretty(&json).expect("diagnostics serialize");
            text.push('\n');
            crate::output::write(None, text.as_bytes())?;
        }
        DiagnosticFormat::Text => {
            let checked = loads.len();
            crate::output::message(&format!(
                "checked {checked} ruleset{}: {errors} error{}, {warnings} warning{}\n",
                if checked == 1 { "" } else { "s" },
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" },
            ));
        }
    }
    Ok(ExitCode::from(if errors > 0 { 1 } else { 0 }))
}
