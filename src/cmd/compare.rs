//! `shenpi compare`

use std::process::ExitCode;

use shenpi_core::compare::{self, Comparison};
use shenpi_core::engine::Planner;
use shenpi_core::project::{Project, Scenario};

use crate::cli::{CompareArgs, CompareOutput};
use crate::load::{self, Overrides};
use crate::render;

use super::CliError;

/// One project planned twice.
fn compare_one(
    before: (&Planner, &Project),
    after: (&Planner, &Project),
    labels: (&str, &str),
) -> Comparison {
    let b = before.0.plan(before.1);
    let a = after.0.plan(after.1);
    compare::compare(&b, &a, labels.0, labels.1)
}

pub fn run(args: CompareArgs) -> Result<ExitCode, CliError> {
    let start = args.start;
    let projects: Vec<String> = if let Some(rs) = args.project.strip_prefix("examples:") {
        let planner = load::ruleset(rs, None)?;
        planner
            .ruleset
            .project_types
            .iter()
            .filter(|t| !t.example.is_empty())
            .map(|t| format!("example:{rs}/{}", t.id))
            .collect()
    } else {
        vec![args.project.clone()]
    };
    if projects.is_empty() {
        return Err(CliError::input(
            "the ruleset has no project type with an example",
        ));
    }
    let mut rows = Vec::new();
    for p in &projects {
        let before_o = Overrides {
            ruleset: args.before.clone(),
            start,
            ..Overrides::default()
        };
        let after_o = Overrides {
            ruleset: args.after.clone(),
            start,
            ..Overrides::default()
        };
        let (bp, mut bproj) = load::project(p, &before_o)?;
        let (ap, aproj) = load::project(p, &after_o)?;
        let labels = if args.measures_off {
            bproj.switch_all_measures(&bp.ruleset, false);
            ("改革措施关闭", "改革措施开启")
        } else if args.legal {
            bproj.scenario = Scenario::Legal;
            ("法定时限", "承诺时限")
        } else {
            (bp.ruleset.id.as_str(), ap.ruleset.id.as_str())
        };
        let (lb, la) = (labels.0.to_owned(), labels.1.to_owned());
        let c = compare_one((&bp, &bproj), (&ap, &aproj), (&lb, &la));
        // Examples are named after their type in the table; the labels stay what was
        // compared, in the table and in JSON.
        let name = if projects.len() > 1 {
            format!("{p} {}", bp.ruleset.project_types[bproj.project_type].name)
        } else {
            p.clone()
        };
        rows.push((name, c));
    }
    if args.format == CompareOutput::Xlsx {
        let bytes = shenpi_core::render::xlsx::comparisons(&rows).map_err(CliError::io)?;
        crate::output::write_binary(args.output.as_deref(), &bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match args.format {
        CompareOutput::Json => {
            let list: Vec<&Comparison> = rows.iter().map(|(_, c)| c).collect();
            let mut s = serde_json::to_string_pretty(&list).expect("serializes");
            s.push('\n');
            s
        }
        CompareOutput::Table => render::comparisons(&rows, false),
        CompareOutput::Md => render::comparisons(&rows, true),
        CompareOutput::Xlsx => unreachable!("written above"),
    };
    crate::output::write(args.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
