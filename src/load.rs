//! Loading rulesets and projects from the command line's arguments, rendering diagnostics
//! to standard error when they fail.

use std::path::Path;

use chrono::NaiveDate;
use shenpi_core::diagnostic::Diagnostic;
use shenpi_core::engine::Planner;
use shenpi_core::project::{self, Project, ProjectFormat};
use shenpi_core::source::Sources;
use shenpi_core::{builtin, ruleset};

use crate::cmd::{CliError, use_color};
use crate::files::{FileResolver, Kind, read_input};

/// Prints diagnostics (errors and warnings) to standard error.
pub fn report(diags: &[Diagnostic], sources: &Sources) {
    if !diags.is_empty() {
        crate::output::message(&crate::output::diagnostics_text(
            diags,
            sources,
            use_color(&std::io::stderr()),
        ));
    }
}

/// A ruleset by built-in id or path; `base` is the file that named it (for relative paths).
pub fn ruleset(spec: &str, base: Option<&Path>) -> Result<Planner, CliError> {
    let as_path = match base.and_then(Path::parent) {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(spec),
        _ => Path::new(spec).to_path_buf(),
    };
    // A name without `/` and without `.toml` is a built-in id, never a file: a file that
    // happens to be called `hubei-shiyan-2022` must not replace the built-in silently.
    let is_path = spec == "-" || spec.contains('/') || spec.ends_with(".toml");
    let loaded = if !is_path && builtin::ruleset(spec).is_some() {
        ruleset::load_builtin(spec).expect("built-in exists")
    } else if is_path {
        let (name, text) = read_input(&as_path, Kind::Ruleset)?;
        ruleset::load(&name, &text, &FileResolver)
    } else {
        let hint = shenpi_core::suggest_builtin(spec)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        return Err(CliError::input(format!(
            "`{spec}` is neither a built-in ruleset{hint} nor a file; `shenpi rulesets` lists the built-ins"
        )));
    };
    let warnings: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .cloned()
        .collect();
    match loaded.ruleset {
        Some(r) => {
            // Warnings of built-ins are the maintainers' business; show those of user files.
            if builtin::ruleset(spec).is_none() {
                report(&warnings, &loaded.sources);
            }
            Ok(Planner::new(r))
        }
        None => {
            report(&loaded.diagnostics, &loaded.sources);
            Err(CliError::reported(format!("ruleset `{spec}` has errors")))
        }
    }
}

/// Today's date in China (UTC+8), for projects without a start date. The core reads no
/// clock; the host does.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let days = (secs + 8 * 3600).div_euclid(86_400);
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::Duration::days(days)
}

/// What the command line says about a project besides its file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub ruleset: Option<String>,
    pub start: Option<NaiveDate>,
    pub legal: bool,
    pub measures: Vec<(String, bool)>,
    pub construction_days: Option<u32>,
}

/// A project from a path, `-` or `example:<ruleset>/<type>`, with its planner.
pub fn project(arg: &str, o: &Overrides) -> Result<(Planner, Project), CliError> {
    project_with_sources(arg, o).map(|(planner, project, _)| (planner, project))
}

/// [`project`], with the project's source text, for diagnostics found later (its progress).
pub fn project_with_sources(
    arg: &str,
    o: &Overrides,
) -> Result<(Planner, Project, Sources), CliError> {
    let mut sources = Sources::new();
    let (planner, mut project, spec) = if let Some(example) = arg.strip_prefix("example:") {
        let (rs, ty) = example.split_once('/').ok_or_else(|| {
            CliError::usage(format!(
                "`{arg}`: write an example as `example:<ruleset>/<type>`"
            ))
        })?;
        let spec = o.ruleset.as_deref().unwrap_or(rs);
        let planner = ruleset(spec, None)?;
        let start = o.start.unwrap_or_else(today);
        let project = Project::example(&planner.ruleset, ty, start).ok_or_else(|| {
            let types: Vec<&str> = planner
                .ruleset
                .project_types
                .iter()
                .map(|t| t.id.as_str())
                .collect();
            // Name the ruleset actually used: `--ruleset` may have replaced the example's.
            CliError::input(format!(
                "ruleset `{}` has no project type `{ty}`; its types: {}",
                planner.ruleset.id,
                types.join(", ")
            ))
        })?;
        (planner, project, spec.to_owned())
    } else {
        let path = Path::new(arg);
        let (name, text) = read_input(path, Kind::Project)?;
        let format = if arg.ends_with(".json") {
            ProjectFormat::Json
        } else {
            ProjectFormat::sniff(&text)
        };
        // JSON is read by its own reader, so that its errors point at the JSON's own lines
        // and columns (converting it to TOML first would point into a text nobody wrote).
        let parsed = match format {
            ProjectFormat::Json => project::parse_json(&name, &text, &mut sources),
            ProjectFormat::Toml => project::parse(&name, &text, format, &mut sources),
        };
        let raw = parsed.map_err(|d| {
            report(std::slice::from_ref(&d), &sources);
            CliError::reported(format!("cannot read project `{name}`"))
        })?;
        let base = if arg == "-" { None } else { Some(path) };
        let planner = match (&o.ruleset, &raw.ruleset) {
            (Some(spec), _) => ruleset(spec, None)?,
            // Errors about a ruleset the file names also say where the file names it.
            (None, Some(spec)) => {
                ruleset(&spec.value, base).map_err(|e| e.at(&location(&sources, &spec.span)))?
            }
            (None, None) => {
                let start = sources.iter().last().map_or(0, |f| f.base);
                return Err(CliError::input(format!(
                    "`{name}` names no ruleset; add `ruleset = \"<id or path>\"` or pass --ruleset"
                ))
                .at(&location(&sources, &(start..start))));
            }
        };
        let spec = o
            .ruleset
            .clone()
            .or_else(|| raw.ruleset.as_ref().map(|r| r.value.clone()))
            .unwrap_or_default();
        let project = project::resolve(&raw, &planner.ruleset, today()).map_err(|diags| {
            report(&diags, &sources);
            CliError::reported(format!("project `{name}` has errors"))
        })?;
        (planner, project, spec)
    };
    if let Some(start) = o.start {
        project.start = start;
    }
    if o.legal {
        project.scenario = project::Scenario::Legal;
    }
    if let Some(days) = o.construction_days {
        project.construction_days = Some(days);
    }
    for (id, on) in &o.measures {
        project
            .set_measure(&planner.ruleset, id, *on)
            .map_err(|e| {
                if e.contains("did you mean") {
                    CliError::usage(e)
                } else {
                    CliError::usage(format!("{e} (`shenpi show {spec}` lists the measures)"))
                }
            })?;
    }
    Ok((planner, project, sources))
}

/// `file:line:col` of a span in the project's sources.
fn location(sources: &Sources, span: &std::ops::Range<usize>) -> String {
    match sources.locate(span) {
        Some((file, local)) => {
            let (line, col) = file.line_col(local.start);
            format!("{}:{line}:{col}", file.name)
        }
        None => "<unknown place>".to_owned(),
    }
}
