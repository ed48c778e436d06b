//! `shenpi schema ruleset|project`

use std::process::ExitCode;

use crate::cli::{SchemaArgs, SchemaKind};

pub fn run(args: SchemaArgs) -> Result<ExitCode, super::CliError> {
    let text = match args.which {
        SchemaKind::Ruleset => shenpi_core::schema::ruleset(),
        SchemaKind::Project => shenpi_core::schema::project(),
    };
    crate::output::write(None, text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
