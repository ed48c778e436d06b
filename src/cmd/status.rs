//! `shenpi status`: one project's report, or the items of many that need attention.

use std::path::Path;
use std::process::ExitCode;

use shenpi_core::render::status as render;
use shenpi_core::status::{self, Status};

use crate::cli::{StatusArgs, StatusFormat};
use crate::load::{self, Overrides};

use super::CliError;

/// The projects the arguments name: files as given, a folder's `.toml` and `.json` files
/// in name order.
fn expand(args: &[String]) -> Result<(Vec<String>, bool), CliError> {
    let mut out = Vec::new();
    let mut folder = false;
    for arg in args {
        let path = Path::new(arg);
        if !arg.starts_with("example:") && arg != "-" && path.is_dir() {
            folder = true;
            let entries = std::fs::read_dir(path)
                .map_err(|e| CliError::input(format!("cannot read folder `{arg}`: {e}")))?;
            let mut files: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|e| e == "toml" || e == "json")
                })
                .map(|p| p.display().to_string())
                .collect();
            if files.is_empty() {
                return Err(CliError::input(format!(
                    "folder `{arg}` holds no project file (.toml or .json)"
                )));
            }
            files.sort();
            out.extend(files);
        } else {
            out.push(arg.clone());
        }
    }
    Ok((out, folder))
}

pub fn run(args: StatusArgs) -> Result<ExitCode, CliError> {
    let as_of = args.as_of.unwrap_or_else(load::today);
    let (projects, folder) = expand(&args.projects)?;
    // Every project is read and checked before anything is written: one bad file fails the
    // whole run, with no partial report.
    let mut loaded = Vec::with_capacity(projects.len());
    for arg in &projects {
        loaded.push(load::project_with_sources(arg, &Overrides::default())?);
    }
    let mut statuses: Vec<Status> = Vec::with_capacity(loaded.len());
    for ((planner, project, sources), arg) in loaded.iter().zip(&projects) {
        let profile = match &args.profile {
            None => None,
            Some(id) => Some(find_profile(planner, id)?),
        };
        let s = status::track(planner, project, as_of, profile).map_err(|diags| {
            load::report(&diags, sources);
            CliError::reported(format!("the progress of `{arg}` has errors"))
        })?;
        statuses.push(s);
    }
    let many = folder || statuses.len() > 1;
    let to_terminal = args.output.is_none();
    let color = to_terminal && super::use_color(&std::io::stdout());
    if args.format == StatusFormat::Xlsx {
        let bytes = if many {
            shenpi_core::render::xlsx::status(render::attention(&statuses))
        } else {
            shenpi_core::render::xlsx::status(statuses[0].items.iter().map(|i| (&statuses[0], i)))
        }
        .map_err(CliError::io)?;
        crate::output::write_binary(args.output.as_deref(), &bytes)?;
        return strict(&args, &statuses);
    }
    let text = match (args.format, many) {
        (StatusFormat::Table, false) => render::table(&statuses[0], color),
        (StatusFormat::Table, true) => render::attention_table(&statuses, color),
        (StatusFormat::Json, false) => render::json(&statuses[0]),
        (StatusFormat::Json, true) => render::attention_json(&statuses),
        (StatusFormat::Csv, false) => render::csv(
            statuses[0].items.iter().map(|i| (&statuses[0], i)),
            args.bom,
        ),
        (StatusFormat::Csv, true) => render::csv(render::attention(&statuses), args.bom),
        (StatusFormat::Md, false) => render::markdown(&statuses[0]),
        (StatusFormat::Md, true) => render::attention_markdown(&statuses),
        (StatusFormat::Xlsx, _) => unreachable!("written above"),
    };
    crate::output::write(args.output.as_deref(), text.as_bytes())?;
    strict(&args, &statuses)
}

/// `--strict`: exit 1 when anything is red or overdue.
fn strict(args: &StatusArgs, statuses: &[Status]) -> Result<ExitCode, CliError> {
    if args.strict {
        let red: Vec<String> = statuses
            .iter()
            .flat_map(|s| {
                s.items
                    .iter()
                    .filter(|i| i.colour >= Some(status::Colour::Red))
                    .map(move |i| format!("{} {} ({})", s.project, i.id, i.state.label()))
            })
            .collect();
        if !red.is_empty() {
            crate::output::message(&format!("error: red or overdue: {}\n", red.join("; ")));
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn find_profile<'p>(
    planner: &'p shenpi_core::engine::Planner,
    id: &str,
) -> Result<&'p status::WarningProfile, CliError> {
    let profiles = &planner.ruleset.warning_profiles;
    profiles.iter().find(|p| p.id == id).ok_or_else(|| {
        let ids: Vec<&str> = profiles.iter().map(|p| p.id.as_str()).collect();
        let hint = shenpi_core::suggest::hint(id, ids.iter().copied())
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        CliError::usage(format!(
            "unknown warning profile `{id}`{hint}; ruleset `{}` has: {}",
            planner.ruleset.id,
            ids.join(", ")
        ))
    })
}
