//! Planner cases as data: the files of `tests/plans/` (how to write one: the README.md
//! there). Each file holds a ruleset (its text, or a built-in id) and cases: a project and
//! the parts of its plan that the case expects. A case lists only what it cares about, named
//! as in the plan's JSON (`docs/plan-format.md`); a name the plan does not have is an error.
//!
//! The runner is `plans.rs`; tests that check what data cannot say (the English sentences,
//! determinism) take a case's plan from here with [`plan`].

#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value as Json;
use shenpi_core::diagnostic;
use shenpi_core::engine::Planner;
use shenpi_core::plan::Plan;
use shenpi_core::project::{self, Project, ProjectFormat};
use shenpi_core::ruleset::{self, BuiltinsOnly, Loaded};
use shenpi_core::source::Sources;
use toml::Value as Toml;

/// The folder of the case files, `tests/plans/` at the repository root.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/plans")
}

/// The case files, sorted by name.
pub fn files() -> Vec<PathBuf> {
    let dir = dir();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// How a case file is named in messages: its path from the repository root.
pub fn display_name(path: &Path) -> String {
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    format!("tests/plans/{file}")
}

/// One case file: the ruleset and the cases planned with it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// The ruleset's text, as a ruleset file holds it.
    pub ruleset: Option<String>,
    /// Or the id of a built-in ruleset.
    pub builtin: Option<String>,
    /// The cases, `[[case]]` tables.
    #[serde(rename = "case", default)]
    pub cases: Vec<Case>,
}

/// One project planned with the file's ruleset, and what its plan must hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case shows, unique in its file.
    pub name: String,
    /// The project, as a project file holds it; `start` is required.
    pub project: toml::Table,
    /// The parts of the plan the case checks, as in the plan's JSON.
    pub expect: toml::Table,
}

/// The start date a project without one would get: none may rely on it.
const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 1, 5).expect("a valid date");

impl CaseFile {
    /// Parses a case file's text; `name` names it in messages.
    pub fn parse(name: &str, text: &str) -> Result<CaseFile, String> {
        let file: CaseFile = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        if file.ruleset.is_some() == file.builtin.is_some() {
            return Err(format!(
                "{name}: give either `ruleset` (its text) or `builtin` (an id), not both or neither"
            ));
        }
        if file.cases.is_empty() {
            return Err(format!("{name}: no `[[case]]`"));
        }
        for (i, case) in file.cases.iter().enumerate() {
            if file.cases[..i].iter().any(|c| c.name == case.name) {
                return Err(format!("{name}: two cases named {:?}", case.name));
            }
            if !case.project.contains_key("start") {
                return Err(format!(
                    "{name}: case {:?}: the project gives no `start`",
                    case.name
                ));
            }
            if case.expect.is_empty() {
                return Err(format!("{name}: case {:?} expects nothing", case.name));
            }
        }
        Ok(file)
    }

    /// Reads and parses a case file.
    pub fn read(path: &Path) -> Result<CaseFile, String> {
        let name = display_name(path);
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        CaseFile::parse(&name, &text)
    }

    /// A planner for the file's ruleset; the error is the rendered diagnostics.
    pub fn planner(&self, name: &str) -> Result<Planner, String> {
        let loaded: Loaded = match (&self.ruleset, &self.builtin) {
            (Some(text), _) => ruleset::load(&format!("{name} (ruleset)"), text, &BuiltinsOnly),
            (None, Some(id)) => ruleset::load_builtin(id)
                .ok_or_else(|| format!("{name}: `{id}` is not a built-in ruleset"))?,
            (None, None) => return Err(format!("{name}: no ruleset")),
        };
        let errors: Vec<_> = (loaded.diagnostics.iter())
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        match loaded.ruleset {
            Some(rs) if errors.is_empty() => Ok(Planner::new(rs)),
            _ => Err(format!(
                "{name}: the ruleset does not load:\n{}",
                diagnostic::render_text(&errors, &loaded.sources, false)
            )),
        }
    }

    /// The case of this name.
    pub fn case(&self, name: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.name == name)
    }
}

impl Case {
    /// The case's project, resolved against the planner's ruleset.
    pub fn project(&self, planner: &Planner, file: &str) -> Result<Project, String> {
        let name = format!("{file} (project of {:?})", self.name);
        let text = toml::to_string(&self.project).map_err(|e| format!("{name}: {e}"))?;
        let mut sources = Sources::new();
        let raw = project::parse(&name, &text, ProjectFormat::Toml, &mut sources)
            .map_err(|d| diagnostic::render_text(&[d], &sources, false))?;
        project::resolve(&raw, &planner.ruleset, TODAY)
            .map_err(|ds| diagnostic::render_text(&ds, &sources, false))
    }

    /// Every way `plan` differs from what the case expects, one line each.
    pub fn mismatches(&self, plan: &Plan) -> Vec<String> {
        let json = serde_json::to_value(plan).expect("plans serialize");
        let mut out = Vec::new();
        compare_table("", &self.expect, &json, &mut out);
        out
    }
}

/// Plans every case of a case file and describes each failing one: the file and case, then
/// each mismatch. Returns the number of cases and the failures.
pub fn run(name: &str, text: &str) -> (usize, Vec<String>) {
    let file = match CaseFile::parse(name, text) {
        Ok(file) => file,
        Err(e) => return (0, vec![e]),
    };
    let planner = match file.planner(name) {
        Ok(planner) => planner,
        Err(e) => return (file.cases.len(), vec![e]),
    };
    let failures = (file.cases.iter())
        .filter_map(|case| {
            let problems = match case.project(&planner, name) {
                Ok(project) => case.mismatches(&planner.plan(&project)),
                Err(e) => vec![e],
            };
            (!problems.is_empty()).then(|| {
                let lines: String = problems.iter().map(|p| format!("\n  {p}")).collect();
                format!("{name}: case {:?}:{lines}", case.name)
            })
        })
        .collect();
    (file.cases.len(), failures)
}

/// The plan of case `case` of `tests/plans/{file}.toml`, for tests that check what a case
/// file cannot say.
#[track_caller]
pub fn plan(file: &str, case: &str) -> Plan<'static> {
    let (planner, project) = planner_and_project(file, case);
    planner.plan(&project).into_owned()
}

/// The planner of `tests/plans/{file}.toml` and the project of its case `case`.
#[track_caller]
pub fn planner_and_project(file: &str, case: &str) -> (Planner, Project) {
    let path = dir().join(format!("{file}.toml"));
    let name = display_name(&path);
    let cases = CaseFile::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let planner = cases.planner(&name).unwrap_or_else(|e| panic!("{e}"));
    let project = (cases.case(case))
        .unwrap_or_else(|| panic!("{name} has no case {case:?}"))
        .project(&planner, &name)
        .unwrap_or_else(|e| panic!("{e}"));
    (planner, project)
}

/// `at.key`, or `key` at the top.
fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    }
}

/// Compares the fields an expected table lists with the plan's object at `at`, or, when the
/// plan holds a list there, the entries it names by id (`scope` for targets).
fn compare_table(at: &str, want: &toml::Table, got: &Json, out: &mut Vec<String>) {
    match got {
        Json::Object(fields) => {
            for (key, w) in want {
                match fields.get(key) {
                    Some(g) => compare(&join(at, key), w, g, out),
                    None if key == "null" => expect_null(at, w, fields, out),
                    None => {
                        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                        out.push(format!(
                            "{}: the plan has no such field (it has: {})",
                            join(at, key),
                            names.join(", ")
                        ));
                    }
                }
            }
        }
        Json::Array(entries) => {
            for (key, w) in want {
                match entries.iter().find(|e| id(e) == Some(key.as_str())) {
                    Some(g) => compare(&join(at, key), w, g, out),
                    None => {
                        let ids: Vec<&str> = entries.iter().filter_map(id).collect();
                        out.push(format!(
                            "{}: not in the plan (there are: {})",
                            join(at, key),
                            ids.join(", ")
                        ));
                    }
                }
            }
        }
        _ => out.push(format!("{at}: expected a table, got {got}")),
    }
}

/// The id of an entry of a list in the plan: `id`, or `scope` for a target check.
fn id(entry: &Json) -> Option<&str> {
    entry.get("id").or_else(|| entry.get("scope"))?.as_str()
}

/// `null = ["field", …]`: the listed fields are null (TOML has no null to write).
fn expect_null(
    at: &str,
    want: &Toml,
    fields: &serde_json::Map<String, Json>,
    out: &mut Vec<String>,
) {
    let Some(names) = want.as_array() else {
        out.push(format!(
            "{}: expected a list of field names",
            join(at, "null")
        ));
        return;
    };
    for name in names {
        let Some(name) = name.as_str() else {
            out.push(format!("{}: {name} is not a field name", join(at, "null")));
            continue;
        };
        match fields.get(name) {
            Some(Json::Null) => {}
            Some(g) => out.push(format!("{}: expected null, got {g}", join(at, name))),
            None => out.push(format!("{}: the plan has no such field", join(at, name))),
        }
    }
}

/// Compares one expected value with the plan's at `at`: a line in `out` for each mismatch.
fn compare(at: &str, want: &Toml, got: &Json, out: &mut Vec<String>) {
    match want {
        Toml::Table(want) => compare_table(at, want, got, out),
        _ if !matches(want, got) => out.push(format!("{at}: expected {want}, got {got}")),
        _ => {}
    }
}

/// Whether the plan's value satisfies the expected one: tables by the fields they list,
/// lists entry by entry (as a whole: same length), a date as its `YYYY-MM-DD` text, and a
/// text where the plan has an object as the object's id, or a trace step's kind.
fn matches(want: &Toml, got: &Json) -> bool {
    match (want, got) {
        (Toml::String(w), Json::String(g)) => w == g,
        (Toml::String(w), g @ Json::Object(_)) => {
            id(g).or_else(|| g.get("kind")?.as_str()) == Some(w)
        }
        (Toml::Integer(w), Json::Number(g)) => g.as_i64() == Some(*w),
        (Toml::Float(w), Json::Number(g)) => g.as_f64() == Some(*w),
        (Toml::Boolean(w), Json::Bool(g)) => w == g,
        (Toml::Datetime(w), Json::String(g)) => w.to_string() == *g,
        (Toml::Array(w), Json::Array(g)) => {
            w.len() == g.len() && w.iter().zip(g).all(|(w, g)| matches(w, g))
        }
        (Toml::Table(w), g) => {
            let mut out = Vec::new();
            compare_table("", w, g, &mut out);
            out.is_empty()
        }
        _ => false,
    }
}
