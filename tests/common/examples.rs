//! The example project files (`examples/<ruleset>/<type>.toml`, and variants of a type that
//! exercise the conditions of its rulesets, `examples/<ruleset>/<type>.<variant>.toml`): finding, resolving and
//! planning them against the built-in rulesets. Shared by the example tests and the
//! `examples/README.md` generator.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use shenpi_core::Sources;
use shenpi_core::builtin;
use shenpi_core::engine::Planner;
use shenpi_core::project::{self, Project, ProjectFormat};
use shenpi_core::ruleset;

use super::{relative_name, root};

/// Every example is planned from this date, so generated output does not depend on today.
pub fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

/// One example project file.
pub struct Example {
    /// Path relative to the package root, `/`-separated.
    pub path: String,
    /// The directory name: the ruleset the file is filed under.
    pub dir: String,
    /// The file name without `.toml`.
    pub stem: String,
    /// The project type it is meant to be: the stem up to its first `.`.
    pub project_type: String,
    /// What the stem names after the type (`warehouse` in `social-general.warehouse`).
    pub variant: Option<String>,
    pub text: String,
}

/// Every `examples/<dir>/<stem>.toml`, sorted by path.
pub fn files() -> Vec<Example> {
    let mut out = Vec::new();
    let dirs = std::fs::read_dir(root().join("examples")).expect("examples/ exists");
    for dir in dirs {
        let dir = dir.expect("directory entry").path();
        if !dir.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&dir).expect("readable directory") {
            let path: PathBuf = file.expect("directory entry").path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let name = |p: &std::path::Path| p.file_stem().unwrap().to_string_lossy().into_owned();
            let stem = name(&path);
            let (project_type, variant) = match stem.split_once('.') {
                Some((t, v)) => (t.to_owned(), Some(v.to_owned())),
                None => (stem.clone(), None),
            };
            out.push(Example {
                path: relative_name(&path),
                dir: dir.file_name().unwrap().to_string_lossy().into_owned(),
                stem,
                project_type,
                variant,
                text: std::fs::read_to_string(&path).expect("readable example"),
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// A planner for every built-in ruleset, by id. Plans may borrow from their planner, so
/// callers keep this map alive while they use the plans.
pub fn planners() -> BTreeMap<&'static str, Planner> {
    builtin::ids()
        .map(|id| {
            let rs = ruleset::load_builtin(id)
                .and_then(|l| l.ruleset)
                .unwrap_or_else(|| panic!("built-in `{id}` loads"));
            (id, Planner::new(rs))
        })
        .collect()
}

/// The example's `ruleset` key.
pub fn ruleset_of(example: &Example) -> Result<String, String> {
    let mut sources = Sources::new();
    let raw = project::parse(
        &example.path,
        &example.text,
        ProjectFormat::Toml,
        &mut sources,
    )
    .map_err(|d| format!("{}: {}", example.path, d.message))?;
    raw.ruleset
        .map(|r| r.value)
        .ok_or_else(|| format!("{}: no `ruleset` key", example.path))
}

/// Parses and resolves an example against its ruleset's planner, starting on [`start`].
pub fn resolve(example: &Example, planner: &Planner) -> Result<Project, String> {
    resolve_with(example, planner, true)
}

/// Like [`resolve`]; with `declared_type` false the file's `type` key is ignored, so the type
/// is classified from the attributes alone.
pub fn resolve_with(
    example: &Example,
    planner: &Planner,
    declared_type: bool,
) -> Result<Project, String> {
    let mut sources = Sources::new();
    let mut raw = project::parse(
        &example.path,
        &example.text,
        ProjectFormat::Toml,
        &mut sources,
    )
    .map_err(|d| format!("{}: {}", example.path, d.message))?;
    if !declared_type {
        raw.project_type = None;
    }
    let mut project = project::resolve(&raw, &planner.ruleset, start()).map_err(|diags| {
        let messages: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        format!("{}: {}", example.path, messages.join("; "))
    })?;
    project.start = start();
    Ok(project)
}

/// The `[[figure]]` entries of `rulesets/published-figures.toml`, in file order.
pub fn figures() -> Vec<toml::Table> {
    let text = std::fs::read_to_string(root().join("rulesets/published-figures.toml"))
        .expect("rulesets/published-figures.toml");
    let table: toml::Table = toml::from_str(&text).expect("published figures parse");
    table["figure"]
        .as_array()
        .expect("[[figure]] entries")
        .iter()
        .map(|f| f.as_table().expect("figure table").clone())
        .collect()
}

/// The published figure with this id.
pub fn figure(id: &str) -> toml::Table {
    figures()
        .into_iter()
        .find(|f| f.get("id").and_then(toml::Value::as_str) == Some(id))
        .unwrap_or_else(|| panic!("no figure `{id}` in rulesets/published-figures.toml"))
}

/// A string field of a figure.
pub fn text<'a>(figure: &'a toml::Table, key: &str) -> Option<&'a str> {
    figure.get(key).and_then(toml::Value::as_str)
}

/// The integers of a figure's `key` (one for a scalar, all for an array).
pub fn integers(figure: &toml::Table, key: &str) -> Vec<i64> {
    match figure.get(key) {
        Some(toml::Value::Integer(n)) => vec![*n],
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| v.as_integer().expect("integer value"))
            .collect(),
        other => panic!("`{key}` is not an integer or array of integers: {other:?}"),
    }
}

/// The strings of a figure's `key` (one for a scalar, all for an array).
pub fn strings(figure: &toml::Table, key: &str) -> Vec<String> {
    match figure.get(key) {
        Some(toml::Value::String(s)) => vec![s.clone()],
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| v.as_str().expect("string value").to_owned())
            .collect(),
        other => panic!("`{key}` is not a string or array of strings: {other:?}"),
    }
}
