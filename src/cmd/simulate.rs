//! `shenpi simulate`: a Monte Carlo forecast of one project.

use std::process::ExitCode;

use shenpi_core::render::simulation as render;
use shenpi_core::simulate::{self, Key, Options};

use crate::cli::{SimulateArgs, SimulateFormat};
use crate::load;

use super::CliError;

pub fn run(args: SimulateArgs) -> Result<ExitCode, CliError> {
    let (planner, project, sources) = load::project_with_sources(
        &args.project.project,
        &super::plan::overrides(&args.project),
    )?;
    let options = Options {
        iterations: args.iterations,
        seed: args.seed,
        until_stable: args.until_stable,
        key: args.key.as_deref().and_then(Key::parse),
        by: args.by,
        impact: !args.no_impact,
        impact_items: None,
    };
    let s = simulate::simulate(&planner, &project, &options).map_err(|diags| {
        load::report(&diags, &sources);
        CliError::reported(format!(
            "the uncertainty of `{}` has errors",
            args.project.project
        ))
    })?;
    // Dates in the outputs have four-digit years, as a plan's do.
    s.plan.check_four_digit_years().map_err(CliError::input)?;
    let color = args.output.is_none() && super::use_color(&std::io::stdout());
    let text = match args.format {
        SimulateFormat::Table => render::table(&s, color),
        SimulateFormat::Json => render::json(&s),
        SimulateFormat::Csv => render::csv(&s, args.bom),
        SimulateFormat::Md => render::markdown(&s),
        SimulateFormat::Svg => render::svg(&s),
    };
    crate::output::write(args.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
