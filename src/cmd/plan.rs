//! `shenpi plan`

use std::process::ExitCode;

use shenpi_core::render::Format;

use crate::cli::{PlanArgs, PlanFormat, ProjectArgs};
use crate::load::{self, Overrides};
use crate::render;

use super::CliError;

pub fn overrides(p: &ProjectArgs) -> Overrides {
    Overrides {
        ruleset: p.ruleset.clone(),
        start: p.start,
        legal: p.legal,
        measures: p.measures.clone(),
        construction_days: p.construction_days,
    }
}

pub fn run(args: PlanArgs) -> Result<ExitCode, CliError> {
    let (planner, project) = load::project(&args.project.project, &overrides(&args.project))?;
    // MS Project XML carries the links as scheduled, which only the engine's graph has.
    let (plan, network) = if args.format == PlanFormat::Mspdi {
        let (plan, network) = planner.plan_with_network(&project);
        (plan, Some(network))
    } else {
        (planner.plan(&project), None)
    };
    // iCalendar, mermaid and spreadsheet dates have four-digit years.
    plan.check_four_digit_years().map_err(CliError::input)?;
    let to_terminal = args.output.is_none();
    let color = to_terminal && super::use_color(&std::io::stdout());
    // The SVG shades the days off of the calendar the project was planned on (its own
    // holidays included).
    let calendar = planner.calendar_for(&project);
    let bytes = match args.format {
        PlanFormat::Text(format) => {
            render::plan(&plan, format, &calendar, color, args.bom).into_bytes()
        }
        PlanFormat::Xlsx => {
            shenpi_core::render::xlsx::render(&plan, &planner.ruleset).map_err(CliError::io)?
        }
        PlanFormat::Mspdi => {
            let network = network.as_ref().expect("planned with its network above");
            shenpi_core::render::mspdi::render(&plan, network, &calendar).into_bytes()
        }
    };
    if args.format == PlanFormat::Xlsx {
        crate::output::write_binary(args.output.as_deref(), &bytes)?;
    } else {
        crate::output::write(args.output.as_deref(), &bytes)?;
    }
    // Horizon warnings also go to stderr so they are seen whatever the format.
    if args.format != PlanFormat::Text(Format::Table) {
        for w in &plan.warnings {
            crate::output::message(&format!("warning: {w}\n"));
        }
    }
    if args.strict && !plan.summary.targets_met {
        let missed: Vec<String> = plan
            .targets
            .iter()
            .filter(|t| !t.met)
            .map(|t| format!("{} {} > {} working days", t.name, t.actual, t.target))
            .collect();
        crate::output::message(&format!("error: target missed: {}\n", missed.join("; ")));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
