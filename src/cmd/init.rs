//! `shenpi init` — a commented project template generated from the attribute schema.

use std::process::ExitCode;

use shenpi_core::project::Project;

use crate::cli::InitArgs;
use crate::load;

use super::CliError;

pub fn run(args: InitArgs) -> Result<ExitCode, CliError> {
    let planner = load::ruleset(&args.ruleset, None)?;
    let r = &planner.ruleset;
    let example = match &args.project_type {
        Some(t) => Some(Project::example(r, t, load::today()).ok_or_else(|| {
            let types: Vec<&str> = r.project_types.iter().map(|t| t.id.as_str()).collect();
            CliError::usage(format!(
                "ruleset `{}` has no project type `{t}`; its types: {}",
                r.id,
                types.join(", ")
            ))
        })?),
        None => None,
    };
    let text = shenpi_core::project::template(r, &args.ruleset, example.as_ref(), load::today());
    if let Some(path) = args.output.as_ref().filter(|p| p.exists()) {
        return Err(CliError::usage(format!(
            "`{}` exists; init never overwrites a file",
            path.display()
        )));
    }
    crate::output::write(args.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
