//! A concrete project: which ruleset, which type, its attributes, its start date and the
//! measure switches. Parsed from TOML (or JSON), then resolved against a compiled ruleset.

pub mod raw;

use chrono::NaiveDate;
use serde::Serialize;

pub use raw::{RawProject, Scenario};

use crate::calendar::CalendarAdditions;
use crate::condition::{Facts, Value};
use crate::diagnostic::Diagnostic;
use crate::ruleset::{MeasureIdx, Ruleset, TypeIdx, check_attribute_table};
use crate::source::{Sources, with_span_base, without_spans};
use crate::spanned::Sp;
use crate::suggest;

/// How the project type was decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "by", rename_all = "lowercase")]
pub enum Classification {
    /// Named in the project file (or on the command line).
    Declared,
    /// The only type whose `when` holds; `condition` is that type's condition.
    Classified {
        /// The matching type and its condition, described.
        condition: String,
    },
}

/// Where a project's attribute value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueOrigin {
    /// The project gave it.
    Given,
    /// The attribute's `default` (an unset attribute without one has no value at all).
    Default,
    /// Entry `k` of the attribute's `defaults` (its condition held).
    ConditionalDefault(usize),
}

/// Fills the attributes the project did not give (their origin is not `Given`) from their
/// conditional defaults, in declaration order: a default tests only attributes declared
/// before its own, so one pass sees every value it needs.
fn apply_defaults(ruleset: &Ruleset, values: &mut [Option<Value>], origins: &mut [ValueOrigin]) {
    for (i, a) in ruleset.attributes.iter().enumerate() {
        if origins[i] == ValueOrigin::Given && values[i].is_some() {
            continue;
        }
        let facts = Facts {
            values,
            project_type: None,
        };
        if let Some(k) = a.defaults.iter().position(|d| d.when.holds(&facts)) {
            values[i] = Some(a.defaults[k].value.clone());
            origins[i] = ValueOrigin::ConditionalDefault(k);
        } else if values[i].is_some() {
            origins[i] = ValueOrigin::Default;
        }
    }
}

/// A project resolved against a ruleset.
#[derive(Debug, Clone)]
pub struct Project {
    /// Project name (未命名项目 when the file gives none).
    pub name: String,
    /// Free-text description.
    pub description: Option<String>,
    /// The `ruleset` the file names (built-in id or path), if any.
    pub ruleset_ref: Option<String>,
    /// The project type (declared or classified).
    pub project_type: TypeIdx,
    /// How the type was decided.
    pub classification: Classification,
    /// One value per attribute of the ruleset (defaults applied).
    pub values: Vec<Option<Value>>,
    /// Where each of `values` came from: the project, or a default the plan assumed.
    pub origins: Vec<ValueOrigin>,
    /// Acceptance date of the first application.
    pub start: NaiveDate,
    /// Promised or statutory limits.
    pub scenario: Scenario,
    /// Measure switches that differ from the defaults: (measure index, on).
    pub switches: Vec<(MeasureIdx, bool)>,
    /// The project's own construction period (工期) in calendar days, if it gives one (see
    /// [`Project::construction_days`] for the one plans use).
    pub construction_days: Option<u32>,
    /// The project's own holidays and workdays, on top of the ruleset's calendar.
    pub calendar: CalendarAdditions,
    /// The `[uncertainty]` as written: checked by `crate::simulate`.
    #[cfg(feature = "simulate")]
    pub uncertainty: Option<Sp<raw::RawProjectUncertainty>>,
    /// What actually happened, per plan item id, as written: checked against a plan by
    /// `crate::status`.
    #[cfg(feature = "tracking")]
    pub progress: Vec<(Sp<String>, Sp<raw::RawProgress>)>,
}

/// The JSON form is converted to TOML text first, so that one spanned parser serves both;
/// diagnostics on a JSON project then point into that TOML rendering (named `… (as TOML)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectFormat {
    /// TOML (the project file format).
    Toml,
    /// The same shape as JSON (the web page's form).
    Json,
}

impl ProjectFormat {
    /// JSON when the text starts with `{`, otherwise TOML.
    pub fn sniff(text: &str) -> Self {
        if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
            ProjectFormat::Json
        } else {
            ProjectFormat::Toml
        }
    }
}

/// Parses a project file. On failure the diagnostics point into `sources`.
pub fn parse(
    name: &str,
    text: &str,
    format: ProjectFormat,
    sources: &mut Sources,
) -> Result<RawProject, Diagnostic> {
    // Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (name, text) = match format {
        ProjectFormat::Toml => (name.to_owned(), text.to_owned()),
        ProjectFormat::Json => {
            let value: toml::Value = serde_json::from_str(text).map_err(|e| {
                let id = sources.add(name, text);
                let file = sources.get(id);
                let offset = line_col_to_offset(&file.text, e.line(), e.column());
                let at = file.base + offset;
                Diagnostic::error("json-syntax", format!("invalid project JSON: {e}"))
                    .with_label(at..at, "here")
                    .with_help("JSON `null` is not allowed; leave the key out instead")
            })?;
            let toml_text = toml::to_string_pretty(&value).map_err(|e| {
                Diagnostic::error(
                    "json-syntax",
                    format!("the project JSON has no TOML form: {e}"),
                )
            })?;
            (format!("{name} (as TOML)"), toml_text)
        }
    };
    let id = sources.add(&name, text.as_str());
    let base = sources.get(id).base;
    with_span_base(base, || toml::from_str::<RawProject>(&text))
        .map_err(|e| crate::reader_error::toml_file_error(&e, &text, base))
}

/// Parses a project given as JSON with `serde_json` alone, no TOML reader: what the web
/// page links (see `web-wasm`). Unlike [`parse`] with [`ProjectFormat::Json`], a JSON `null`
/// counts as an absent key, and only `serde_json`'s own errors (syntax, unknown field, wrong
/// type) point at a place in the text: JSON records no positions, so the values carry the
/// span [`NOWHERE`](crate::source::NOWHERE) and later diagnostics (an unknown attribute, a
/// value out of range) name none.
pub fn parse_json(name: &str, text: &str, sources: &mut Sources) -> Result<RawProject, Diagnostic> {
    // A byte-order mark is not part of the JSON (editors on Windows write one).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let id = sources.add(name, text);
    without_spans(|| serde_json::from_str::<RawProject>(text)).map_err(|e| {
        let file = sources.get(id);
        let at = file.base + line_col_to_offset(&file.text, e.line(), e.column());
        let message = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        crate::reader_error::read_error(
            message.strip_suffix(&position).unwrap_or(&message),
            at..at,
            (
                "json-syntax",
                Some("see https://www.json.org for the JSON syntax"),
            ),
        )
    })
}

fn line_col_to_offset(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + col.saturating_sub(1)).min(text.len())
}

/// Resolves a parsed project against a compiled ruleset: validates attributes, classifies
/// the type, applies defaults. `today` is used when the file gives no start date.
pub fn resolve(
    raw: &RawProject,
    ruleset: &Ruleset,
    today: NaiveDate,
) -> Result<Project, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut values: Vec<Option<Value>> = ruleset
        .attributes
        .iter()
        .map(|a| a.default.clone())
        .collect();
    let mut origins = vec![ValueOrigin::Default; values.len()];
    if let Some(table) = &raw.attributes {
        for (idx, v) in check_attribute_table(table, &ruleset.attributes, &mut diags) {
            values[idx.index()] = Some(v);
            origins[idx.index()] = ValueOrigin::Given;
        }
    }
    apply_defaults(ruleset, &mut values, &mut origins);
    let whole_file = raw
        .attributes
        .as_ref()
        .map(|a| a.span.clone())
        .or_else(|| raw.name.as_ref().map(|n| n.span.clone()))
        .unwrap_or(0..0);
    for (i, a) in ruleset.attributes.iter().enumerate() {
        if a.required && values[i].is_none() {
            diags.push(
                Diagnostic::error(
                    "missing-attribute",
                    format!("required attribute `{}` ({}) is not set", a.id, a.label),
                )
                .with_label(whole_file.clone(), "missing here")
                .with_help(attribute_hint(a)),
            );
        }
    }
    let mut switches = Vec::new();
    for (id, on) in &raw.measures {
        match ruleset.measure_index(&id.value) {
            Some(m) => switches.push((m, on.value)),
            None => diags.push(
                Diagnostic::error("unknown-measure", format!("unknown measure `{}`", id.value))
                    .with_label(id.span.clone(), "not a measure of this ruleset")
                    .with_optional_help(suggest::hint(
                        &id.value,
                        ruleset.measures.iter().map(|m| m.id.as_str()),
                    )),
            ),
        }
    }
    // The same reading and checks as a ruleset's `[calendar]` (a day outside the data
    // range is an error, not silently dropped).
    let calendar = match &raw.calendar {
        Some(cal) => crate::calendar::additions::read(cal, &mut diags),
        None => CalendarAdditions::default(),
    };
    let type_result = match &raw.project_type {
        Some(t) => declared_type(t, ruleset),
        None => classify(ruleset, &values, &whole_file),
    };
    let (project_type, classification) = match type_result {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            (TypeIdx::new(0), Classification::Declared)
        }
    };
    // The name goes into tables, calendars and spreadsheets: no control characters.
    if let Some(name) = &raw.name
        && let Some(c) = crate::ruleset::forbidden_char(&name.value)
    {
        diags.push(crate::ruleset::invalid_text(
            "the project's name",
            c,
            name.span.clone(),
        ));
    }
    let construction_days = (raw.construction_days.as_ref())
        .and_then(|d| crate::ruleset::check_construction_days(d, &mut diags));
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    Ok(Project {
        name: raw
            .name
            .as_ref()
            .map_or_else(|| "未命名项目".to_owned(), |n| n.value.clone()),
        description: raw.description.clone(),
        ruleset_ref: raw.ruleset.as_ref().map(|r| r.value.clone()),
        project_type,
        classification,
        values,
        origins,
        start: raw.start.as_ref().map_or(today, |s| s.value.0),
        scenario: raw
            .scenario
            .as_ref()
            .map_or_else(Scenario::default, |s| s.value),
        switches,
        construction_days,
        calendar,
        #[cfg(feature = "simulate")]
        uncertainty: raw.uncertainty.clone(),
        #[cfg(feature = "tracking")]
        progress: (raw.progress.iter())
            .map(|(id, p)| (id.clone(), p.clone()))
            .collect(),
    })
}

fn attribute_hint(a: &crate::ruleset::Attribute) -> String {
    use crate::ruleset::AttributeKind;
    match a.kind {
        AttributeKind::Enum => format!(
            "add `{} = \"…\"` under [attributes], one of: {}",
            a.id,
            a.values
                .iter()
                .map(|v| format!("`{}` ({})", v.id, v.label))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        AttributeKind::Number => format!(
            "add `{} = <number>` under [attributes]{}",
            a.id,
            a.unit
                .as_ref()
                .map(|u| format!(" (in {u})"))
                .unwrap_or_default()
        ),
        AttributeKind::Bool => format!("add `{} = true` or `false` under [attributes]", a.id),
        AttributeKind::Text => format!("add `{} = \"…\"` under [attributes]", a.id),
    }
}

fn declared_type(
    t: &Sp<String>,
    ruleset: &Ruleset,
) -> Result<(TypeIdx, Classification), Diagnostic> {
    ruleset
        .type_index(&t.value)
        .map(|i| (i, Classification::Declared))
        .ok_or_else(|| {
            Diagnostic::error(
                "unknown-project-type",
                format!("unknown project type `{}`", t.value),
            )
            .with_label(
                t.span.clone(),
                format!("not a project type of `{}`", ruleset.id),
            )
            .with_optional_help(suggest::hint(
                &t.value,
                ruleset.project_types.iter().map(|p| p.id.as_str()),
            ))
        })
}

/// The project types whose `when` holds for these attribute values.
pub fn matching_types(ruleset: &Ruleset, values: &[Option<Value>]) -> Vec<TypeIdx> {
    let facts = Facts {
        values,
        project_type: None,
    };
    ruleset
        .project_types
        .iter()
        .enumerate()
        .filter(|(_, t)| t.when.as_ref().is_some_and(|w| w.holds(&facts)))
        .map(|(i, _)| TypeIdx::new(i))
        .collect()
}

fn classify(
    ruleset: &Ruleset,
    values: &[Option<Value>],
    span: &std::ops::Range<usize>,
) -> Result<(TypeIdx, Classification), Diagnostic> {
    let type_ids: Vec<&str> = ruleset
        .project_types
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let describe = |t: TypeIdx| {
        let pt = &ruleset.project_types[t];
        let cond = pt.when.as_ref().map_or_else(
            || "(no condition: declare it with `type`)".to_owned(),
            |w| w.describe(&ruleset.attributes, &type_ids),
        );
        format!("`{}` ({}) when {cond}", pt.id, pt.name)
    };
    let matches = matching_types(ruleset, values);
    match matches.as_slice() {
        [one] => Ok((
            *one,
            Classification::Classified {
                condition: describe(*one),
            },
        )),
        [] => {
            let candidates: Vec<String> = (0..ruleset.project_types.len())
                .map(|t| format!("  {}", describe(TypeIdx::new(t))))
                .collect();
            Err(
                Diagnostic::error("no-project-type", "the attributes match no project type")
                    .with_label(span.clone(), "these attributes")
                    .with_help(format!(
                        "set `type = \"…\"`, or adjust the attributes; the types are:\n{}",
                        candidates.join("\n")
                    )),
            )
        }
        many => {
            let candidates: Vec<String> =
                many.iter().map(|&t| format!("  {}", describe(t))).collect();
            Err(Diagnostic::error(
                "ambiguous-project-type",
                format!("the attributes match {} project types", many.len()),
            )
            .with_label(span.clone(), "these attributes")
            .with_help(format!(
                "set `type = \"…\"` to one of:\n{}",
                candidates.join("\n")
            )))
        }
    }
}

impl Project {
    /// Switches a measure on or off by id (command-line `--measure ID=on|off`).
    pub fn set_measure(&mut self, ruleset: &Ruleset, id: &str, on: bool) -> Result<(), String> {
        let m = ruleset.measure_index(id).ok_or_else(|| {
            let hint = suggest::hint(id, ruleset.measures.iter().map(|m| m.id.as_str()))
                .unwrap_or_default();
            format!("unknown measure `{id}` in ruleset `{}`; {hint}", ruleset.id)
        })?;
        self.switches.retain(|(i, _)| *i != m);
        self.switches.push((m, on));
        Ok(())
    }

    /// Switches every measure of the ruleset on or off (the "before reform" side of a
    /// comparison).
    pub fn switch_all_measures(&mut self, ruleset: &Ruleset, on: bool) {
        self.switches = (0..ruleset.measures.len())
            .map(|m| (MeasureIdx::new(m), on))
            .collect();
    }

    /// Whether a measure is switched on for this project (before its own `when`).
    pub fn measure_on(&self, ruleset: &Ruleset, measure: MeasureIdx) -> bool {
        self.switches
            .iter()
            .rev()
            .find(|(i, _)| *i == measure)
            .map_or(ruleset.measures[measure].default, |(_, on)| *on)
    }

    /// The facts conditions are evaluated against.
    pub fn facts(&self) -> Facts<'_> {
        Facts {
            values: &self.values,
            project_type: Some(self.project_type),
        }
    }

    /// A project of the given type with its example attributes (`example:<ruleset>/<type>`).
    pub fn example(ruleset: &Ruleset, type_id: &str, start: NaiveDate) -> Option<Project> {
        let t = ruleset.type_index(type_id)?;
        let pt = &ruleset.project_types[t];
        let mut values: Vec<Option<Value>> = ruleset
            .attributes
            .iter()
            .map(|a| a.default.clone())
            .collect();
        let mut origins = vec![ValueOrigin::Default; values.len()];
        for (i, v) in &pt.example {
            values[i.index()] = Some(v.clone());
            origins[i.index()] = ValueOrigin::Given;
        }
        apply_defaults(ruleset, &mut values, &mut origins);
        Some(Project {
            name: format!("{}（示例）", pt.name),
            description: pt.description.clone(),
            ruleset_ref: Some(ruleset.id.clone()),
            project_type: t,
            classification: Classification::Declared,
            values,
            origins,
            start,
            scenario: Scenario::Promised,
            switches: Vec::new(),
            construction_days: None,
            calendar: CalendarAdditions::default(),
            #[cfg(feature = "simulate")]
            uncertainty: None,
            #[cfg(feature = "tracking")]
            progress: Vec::new(),
        })
    }

    /// The construction period (工期) plans use, in calendar days: the project's own, else
    /// its type's, else the limit of the ruleset's works item (none without one).
    pub fn construction_days(&self, ruleset: &Ruleset) -> Option<u32> {
        let works = ruleset.works()?;
        Some(
            (self.construction_days)
                .or(ruleset.project_types[self.project_type].construction_days)
                .unwrap_or(ruleset.items[works].limit),
        )
    }
}

/// A commented project file for `ruleset`, generated from its attribute schema; values come
/// from `example` when given (its type is then declared), otherwise from the defaults.
pub fn template(
    ruleset: &Ruleset,
    ruleset_ref: &str,
    example: Option<&Project>,
    today: NaiveDate,
) -> String {
    use crate::ruleset::AttributeKind;
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# shenpi project — ruleset: {} ({})",
        ruleset.name, ruleset.id
    );
    let _ = writeln!(out, "# Plan it with: shenpi plan <this file>");
    let _ = writeln!(out, "name = \"我的项目\"");
    let _ = writeln!(out, "ruleset = \"{ruleset_ref}\"");
    match example {
        Some(p) => {
            let _ = writeln!(
                out,
                "type = \"{}\"  # {}",
                ruleset.project_types[p.project_type].id,
                ruleset.project_types[p.project_type].name
            );
        }
        None => {
            let _ = writeln!(
                out,
                "# type = \"…\"  # optional; classified from the attributes when absent. Types:"
            );
            for t in &ruleset.project_types {
                let _ = writeln!(out, "#   {} — {}", t.id, t.name);
            }
        }
    }
    let _ = writeln!(
        out,
        "start = {today}  # acceptance date of the first application"
    );
    let _ = writeln!(
        out,
        "scenario = \"promised\"  # or \"legal\" for statutory limits"
    );
    let _ = writeln!(out, "\n[attributes]");
    for (i, a) in ruleset.attributes.iter().enumerate() {
        let mut doc = a.label.clone();
        if let Some(u) = &a.unit {
            doc.push_str(&format!(" ({u})"));
        }
        match a.kind {
            AttributeKind::Enum => {
                let vals: Vec<String> = a
                    .values
                    .iter()
                    .map(|v| format!("\"{}\" {}", v.id, v.label))
                    .collect();
                doc.push_str(&format!("; one of: {}", vals.join(", ")));
            }
            AttributeKind::Number => match (a.min, a.max) {
                (Some(lo), Some(hi)) => doc.push_str(&format!("; {lo}–{hi}")),
                (Some(lo), None) => doc.push_str(&format!("; ≥ {lo}")),
                (None, Some(hi)) => doc.push_str(&format!("; ≤ {hi}")),
                (None, None) => {}
            },
            AttributeKind::Bool => doc.push_str("; true or false"),
            AttributeKind::Text => {}
        }
        if a.required {
            doc.push_str(" [required]");
        }
        let _ = writeln!(out, "# {doc}");
        // An attribute whose default depends on the others is left for the planner to
        // infer unless the example gives it: a written default would stop the inference.
        if !a.defaults.is_empty() && example.is_none_or(|p| p.origins[i] != ValueOrigin::Given) {
            let type_ids: Vec<&str> = ruleset
                .project_types
                .iter()
                .map(|t| t.id.as_str())
                .collect();
            // `##`: an explanation, not a value to uncomment.
            let _ = writeln!(
                out,
                "## {}: inferred when not set, from the attributes above:",
                a.id
            );
            for d in &a.defaults {
                let _ = writeln!(
                    out,
                    "##   {} if {}",
                    d.value,
                    d.when.describe(&ruleset.attributes, &type_ids)
                );
            }
        }
        let value = example
            .filter(|p| a.defaults.is_empty() || p.origins[i] == ValueOrigin::Given)
            .and_then(|p| p.values[i].clone())
            .or_else(|| a.default.clone().filter(|_| a.defaults.is_empty()));
        let literal = |v: &Value| match v {
            Value::Text(t) => format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\"")),
            other => other.to_string(),
        };
        match value {
            Some(v) => {
                let _ = writeln!(out, "{} = {}", a.id, literal(&v));
            }
            None => {
                let placeholder = match a.kind {
                    AttributeKind::Enum => a
                        .values
                        .first()
                        .map_or("\"\"".to_owned(), |v| format!("\"{}\"", v.id)),
                    AttributeKind::Number => a.min.unwrap_or(0.0).to_string(),
                    AttributeKind::Bool => "false".to_owned(),
                    AttributeKind::Text => "\"\"".to_owned(),
                };
                let _ = writeln!(out, "# {} = {placeholder}", a.id);
            }
        }
    }
    if !ruleset.measures.is_empty() {
        let _ = writeln!(
            out,
            "\n# Reform measures: uncomment to switch one off (or on).\n[measures]"
        );
        for m in &ruleset.measures {
            let _ = writeln!(out, "# {} = {}  # {}", m.id, !m.default, m.name);
        }
    }
    // Tracking: what happened to an item, under its plan id (`shenpi status`). The dates are
    // workdays after the start, counted on the ruleset's calendar, in the order the law has
    // them; the item is an approval (补正 and extensions are the licensing law's) that every
    // project has, with a limit the extension falls within.
    let item = (ruleset.items.iter()).find(|i| {
        i.when.is_none()
            && i.limit >= 4
            && i.unit == crate::ruleset::DurationUnit::Working
            && i.clock == crate::ruleset::Clock::Approval
    });
    if let Some(item) = item {
        let calendar = crate::calendar::Calendar::cn().with_additions(&ruleset.calendar_additions);
        let day = |n| calendar.add_working_days(today, n);
        let _ = writeln!(
            out,
            "\n# Progress, once the project is under way (`shenpi status --as-of DATE`; see\n\
             # docs/tracking.md). Record only what has happened, by the as-of day:\n\
             # [progress.{}]  # {}\n\
             # submitted = {}\n\
             # correction = {{ notified = {}, completed = {} }}  # 补正, 行政许可法 第三十二条\n\
             # accepted = {}\n\
             # extension = {{ approved = {}, days = 10 }}  # 第四十二条\n\
             # suspensions = [{{ from = {}, to = {}, reason = \"expert_review\" }}]  # 第四十五条\n\
             # decided = {}",
            item.id,
            item.name,
            day(0),
            day(1),
            day(2),
            day(2),
            day(3),
            day(4),
            day(5),
            day(6 + i64::from(item.limit)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::engine::Planner;

    fn resolve_text(
        text: &str,
        json_direct: bool,
        ruleset: &Ruleset,
    ) -> Result<String, Vec<Diagnostic>> {
        let mut sources = Sources::new();
        let raw = if json_direct {
            parse_json("p.json", text, &mut sources)
        } else {
            parse("p.json", text, ProjectFormat::Json, &mut sources)
        }
        .map_err(|d| vec![d])?;
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let project = resolve(&raw, ruleset, today)?;
        Ok(Planner::new(ruleset.clone()).plan(&project).to_json())
    }

    #[test]
    fn json_read_directly_plans_like_json_read_as_toml() {
        let ruleset = crate::ruleset::load_builtin("cn-national-2019")
            .unwrap()
            .ruleset
            .unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        for t in &ruleset.project_types {
            let p = Project::example(&ruleset, &t.id, start).unwrap();
            let attributes: serde_json::Map<String, serde_json::Value> = p
                .values
                .iter()
                .enumerate()
                .filter_map(|(a, v)| Some((ruleset.attributes[a].id.clone(), json!(v.as_ref()?))))
                .collect();
            let measures: serde_json::Map<String, serde_json::Value> = ruleset
                .measures
                .iter()
                .take(1)
                .map(|m| (m.id.clone(), json!(!m.default)))
                .collect();
            let text = json!({
                "name": p.name,
                "type": t.id,
                "start": "2026-09-28",
                "scenario": "legal",
                "attributes": attributes,
                "measures": measures,
                "calendar": { "holidays": [{ "from": "2026-10-12", "to": "2026-10-13", "name": "local" }] },
            })
            .to_string();
            let direct = resolve_text(&text, true, &ruleset).unwrap();
            let via_toml = resolve_text(&text, false, &ruleset).unwrap();
            assert_eq!(direct, via_toml, "{}", t.id);
        }
    }

    #[test]
    fn json_errors_point_into_the_json_only_where_serde_json_knows_the_place() {
        let ruleset = crate::ruleset::load_builtin("cn-national-2019")
            .unwrap()
            .ruleset
            .unwrap();
        let mut sources = Sources::new();
        let d = parse_json("p.json", "{\n  \"nmae\": \"x\"\n}", &mut sources).unwrap_err();
        assert_eq!(d.code, "unknown-field");
        assert_eq!(d.help.as_deref(), Some("did you mean `name`?"));
        assert_eq!(
            d.location(&sources).map(|(f, l, _)| (f, l)),
            Some(("p.json", 2))
        );
        let d = parse_json("p.json", "{ \"name\": }", &mut sources).unwrap_err();
        assert_eq!(d.code, "json-syntax");
        assert!(!d.message.contains(" at line "), "{}", d.message);
        let d = parse_json("p.json", "{ \"scenario\": \"fast\" }", &mut sources).unwrap_err();
        assert_eq!(d.code, "invalid-value");
        // Past the reader, values have no place: the diagnostic says what, not where.
        let mut sources = Sources::new();
        let raw = parse_json(
            "p.json",
            "{ \"name\": null, \"attributes\": { \"nosuch\": 1 } }",
            &mut sources,
        )
        .unwrap();
        assert!(raw.name.is_none(), "null is an absent key");
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let ds = resolve(&raw, &ruleset, today).unwrap_err();
        assert!(ds.iter().any(|d| d.code == "unknown-attribute"), "{ds:?}");
        assert!(ds.iter().all(|d| d.location(&sources).is_none()), "{ds:?}");
    }
}
