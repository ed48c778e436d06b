//! The bindings as plain Rust: strings in, JSON strings out, failures carrying the
//! diagnostics. [`crate`] wraps these for JavaScript; native tests call them directly.
//!
//! Nothing here plans or checks anything itself: every answer comes from `shenpi-core`.
//! The only state is a cache of compiled rulesets, so that re-planning on each keystroke
//! does not compile the rules again.
//!
//! Two builds of this crate make the page's two modules. The **planner** (default features)
//! knows the built-in rulesets only, compiled ahead of time by `build.rs`
//! (`shenpi_core::ruleset::precompiled`), and reads projects as JSON: it links no TOML reader
//! and no ruleset checker. The **bureau** module (feature `bureau`) also reads rulesets given
//! as TOML text and projects given as TOML, and adds [`check`], [`ruleset_text`] and
//! [`effects`]; the page loads it on demand. Both read JSON projects the same way
//! (`project::parse_json`).

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};
use shenpi_core::compare as cmp;
use shenpi_core::diagnostic::{self, Diagnostic};
use shenpi_core::engine::Planner;
use shenpi_core::project::{self, Project, ProjectFormat, RawProject, ValueOrigin};
use shenpi_core::ruleset::{AttrIdx, Ruleset};
use shenpi_core::source::Sources;

/// Name under which a ruleset typed into the page appears in diagnostics.
pub const EDITED_RULESET_NAME: &str = "ruleset.toml";
/// Name under which the project appears in diagnostics.
pub const PROJECT_NAME: &str = "project.json";

/// Why a call produced no result: a sentence and the diagnostics (JSON array) behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub message: String,
    /// `shenpi_core::diagnostic::to_json` output (`[]` when there are none).
    pub diagnostics: Value,
}

impl Failure {
    fn plain(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            diagnostics: Value::Array(Vec::new()),
        }
    }

    fn from_diagnostics(what: &str, diags: &[Diagnostic], sources: &Sources) -> Self {
        let first = diags.iter().find(|d| d.is_error()).or(diags.first());
        let message = match first {
            Some(d) => match d.location(sources) {
                Some((file, line, col)) => format!("{what}: {file}:{line}:{col}: {}", d.message),
                None => format!("{what}: {}", d.message),
            },
            None => what.to_owned(),
        };
        Self {
            message,
            diagnostics: serde_json::to_value(diagnostic::to_json(diags, sources))
                .expect("diagnostics serialize"),
        }
    }
}

pub type Answer = Result<String, Failure>;

fn to_string<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("core results serialize")
}

/// A compiled ruleset with what the page shows about it.
struct Compiled {
    planner: Planner,
    /// Warnings of the load, as JSON.
    warnings: Value,
}

/// A ruleset reference and its compiled form (or the failure it gave).
type CacheEntry = (String, Result<Rc<Compiled>, Failure>);

/// Rulesets kept compiled: every built-in plus a few edited texts.
const CACHE_SIZE: usize = 32;

thread_local! {
    /// Recently compiled rulesets, most recent last.
    static CACHE: RefCell<Vec<CacheEntry>> = const { RefCell::new(Vec::new()) };
}

/// Where the planner module's rulesets come from: the built-ins, precompiled by `build.rs`.
/// The default one is embedded; the others come in the bytes of `pkg/builtins.postcard`,
/// which the page fetches when a visitor chooses one ([`add_builtins`]).
#[cfg(not(feature = "bureau"))]
mod rulesets {
    use std::cell::RefCell;

    use shenpi_core::ruleset::precompiled::{self, Precompiled};

    use super::{Failure, Ruleset, Value};

    /// The default built-in, encoded by `build.rs`.
    const START: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtins-start.postcard"));
    /// Id, name, jurisdiction and types of every built-in (`build.rs`).
    const INDEX: &str = include_str!(concat!(env!("OUT_DIR"), "/builtins-index.json"));

    thread_local! {
        /// The built-ins decoded so far: the default one at first use, the others once added.
        static LOADED: RefCell<Vec<Precompiled>> = RefCell::new(
            precompiled::decode(START).expect("build.rs encodes with this very core"),
        );
    }

    /// Every built-in as the index lists it (JSON objects, in the built-ins' order).
    pub fn index() -> Vec<Value> {
        serde_json::from_str(INDEX).expect("build.rs writes a JSON array")
    }

    /// Ids of the built-in rulesets.
    pub fn ids() -> Vec<String> {
        (index().into_iter())
            .filter_map(|r| r["id"].as_str().map(str::to_owned))
            .collect()
    }

    /// Whether `reference` is a built-in id.
    pub fn is_builtin(reference: &str) -> bool {
        ids().iter().any(|id| id == reference)
    }

    /// Whether built-in `id` is decoded (the default one, or added).
    pub fn is_loaded(id: &str) -> bool {
        LOADED.with_borrow(|all| all.iter().any(|p| p.id == id))
    }

    /// Decodes `bytes` (`pkg/builtins.postcard`) and keeps the built-ins not yet loaded.
    pub fn add(bytes: &[u8]) -> Result<(), Failure> {
        let more = precompiled::decode(bytes).map_err(Failure::plain)?;
        LOADED.with_borrow_mut(|all| {
            for p in more {
                if !all.iter().any(|q| q.id == p.id) {
                    all.push(p);
                }
            }
        });
        Ok(())
    }

    /// A built-in ruleset and the warnings of its load: none, since a built-in that loads
    /// with any is not precompiled.
    pub fn load(reference: &str) -> Result<(Ruleset, Value), Failure> {
        let found = LOADED
            .with_borrow(|all| (all.iter().find(|p| p.id == reference)).map(|p| p.ruleset.clone()));
        match found {
            Some(ruleset) => Ok((ruleset, Value::Array(Vec::new()))),
            None if is_builtin(reference) => Err(Failure::plain(format!(
                "the built-in ruleset `{reference}` is not loaded yet: add pkg/builtins.postcard (add_builtins)"
            ))),
            None => Err(Failure::plain(
                if reference.contains('\n') || reference.contains('=') {
                    "a ruleset given as TOML text needs the bureau module".to_owned()
                } else {
                    format!("no built-in ruleset `{reference}`")
                },
            )),
        }
    }
}

/// Adds the built-ins encoded in `bytes` (`pkg/builtins.postcard`) to the planner module.
#[cfg(not(feature = "bureau"))]
pub fn add_builtins(bytes: &[u8]) -> Result<(), Failure> {
    rulesets::add(bytes)?;
    // A built-in asked for before it was added was cached as a failure.
    CACHE.with_borrow_mut(|c| c.retain(|(_, v)| v.is_ok()));
    Ok(())
}

/// Where the bureau module's rulesets come from: a built-in id or TOML text, compiled by
/// the core's loader and checker.
#[cfg(feature = "bureau")]
mod rulesets {
    use shenpi_core::ruleset::{self, BuiltinsOnly, Loaded};
    use shenpi_core::{builtin, diagnostic};

    use super::{EDITED_RULESET_NAME, Failure, Ruleset, Value};

    /// Ids of the built-in rulesets.
    pub fn ids() -> Vec<String> {
        builtin::ids().map(str::to_owned).collect()
    }

    /// Whether `reference` is a built-in id.
    pub fn is_builtin(reference: &str) -> bool {
        builtin::ruleset(reference).is_some()
    }

    /// Loads a ruleset named by a built-in id, or given as TOML text.
    fn load_text(reference: &str) -> Loaded {
        match ruleset::load_builtin(reference) {
            Some(loaded) => loaded,
            None => ruleset::load(EDITED_RULESET_NAME, reference, &BuiltinsOnly),
        }
    }

    /// A compiled ruleset and the warnings of its load (JSON).
    pub fn load(reference: &str) -> Result<(Ruleset, Value), Failure> {
        let loaded = load_text(reference);
        match loaded.ruleset {
            Some(ruleset) if !diagnostic::has_errors(&loaded.diagnostics) => {
                let warnings =
                    serde_json::to_value(diagnostic::to_json(&loaded.diagnostics, &loaded.sources))
                        .expect("diagnostics serialize");
                Ok((ruleset, warnings))
            }
            _ => Err(Failure::from_diagnostics(
                "the ruleset has errors",
                &loaded.diagnostics,
                &loaded.sources,
            )),
        }
    }
}

fn compiled(reference: &str) -> Result<Rc<Compiled>, Failure> {
    if let Some(hit) = CACHE.with_borrow(|c| {
        c.iter()
            .rev()
            .find(|(key, _)| key == reference)
            .map(|(_, v)| v.clone())
    }) {
        return hit;
    }
    let result = rulesets::load(reference).map(|(ruleset, warnings)| {
        Rc::new(Compiled {
            planner: Planner::new(ruleset),
            warnings,
        })
    });
    CACHE.with_borrow_mut(|c| {
        if c.len() >= CACHE_SIZE {
            let _evicted = c.remove(0);
        }
        c.push((reference.to_owned(), result.clone()));
    });
    result
}

fn parse_today(today: &str) -> Result<NaiveDate, Failure> {
    shenpi_core::spanned::iso_date(today.trim())
        .ok_or_else(|| Failure::plain(format!("`{today}` is not a date (YYYY-MM-DD)")))
}

/// Attribute values as the page's JSON object: attribute id → value.
fn attribute_map<'v>(
    r: &Ruleset,
    values: impl Iterator<Item = (AttrIdx, &'v shenpi_core::condition::Value)>,
) -> serde_json::Map<String, Value> {
    values
        .map(|(a, v)| {
            let v = serde_json::to_value(v).expect("values serialize");
            (r.attributes[a].id.clone(), v)
        })
        .collect()
}

/// What the page needs to know about a compiled ruleset: metadata, the attribute schema
/// (for the form), project types with their targets and examples, stages and measures.
fn describe_ruleset(r: &Ruleset, builtin: bool) -> Value {
    let type_names: Vec<&str> = r.project_types.iter().map(|t| t.name.as_str()).collect();
    let types: Vec<Value> = r
        .project_types
        .iter()
        .map(|t| {
            let example = attribute_map(r, t.example.iter().map(|(a, v)| (*a, v)));
            let target = t.target.as_ref().map(|g| {
                json!({
                    "total": g.total,
                    "stages": g.stages.iter().map(|(s, days)| json!({
                        "stage": r.stages[*s].id, "days": days
                    })).collect::<Vec<_>>(),
                    "source": g.source,
                })
            });
            // The attributes the type's condition reads: the page takes the example's values
            // for these when the visitor picks the type, and keeps the visitor's others.
            let mut tests = Vec::new();
            if let Some(w) = &t.when {
                w.test.attributes(&mut tests);
            }
            tests.sort();
            tests.dedup();
            json!({
                "id": t.id,
                "name": t.name,
                "description": t.description,
                "when": t.when.as_ref().map(|w| w.describe_labelled(&r.attributes, &type_names)),
                "tests": tests.iter().map(|a| r.attributes[*a].id.as_str()).collect::<Vec<_>>(),
                "target": target,
                "example": example,
            })
        })
        .collect();
    json!({
        "id": r.id,
        "name": r.name,
        "jurisdiction": r.jurisdiction,
        "description": r.description,
        "extends": r.extends,
        "effective": r.effective,
        "sources": r.sources,
        "builtin": builtin,
        "content_hash": r.content_hash,
        // The form's fields; an attribute's conditional `defaults` are left to the core (the
        // form leaves such a field unset, and the plan says what it inferred).
        "attributes": r.attributes.iter().map(|a| json!({
            "id": a.id,
            "kind": a.kind,
            "label": a.label,
            "unit": a.unit,
            "help": a.help,
            "values": a.values,
            "min": a.min,
            "max": a.max,
            "default": a.default,
            "required": a.required,
            "inferred": !a.defaults.is_empty(),
        })).collect::<Vec<_>>(),
        "types": types,
        "stages": r.stages.iter().map(|s| json!({"id": s.id, "name": s.name, "lead": s.lead})).collect::<Vec<_>>(),
        "items": r.items.len(),
        "measures": r.measures.iter().map(|m| json!({
            "id": m.id,
            "name": m.name,
            "kind": m.kind(),
            "description": m.description,
            "default": m.default,
        })).collect::<Vec<_>>(),
    })
}

/// The built-in rulesets, each described as by [`describe`]; one that fails to load is
/// listed with its id and diagnostics only. In the planner module, a built-in not loaded yet
/// is listed as the index has it (id, name, jurisdiction, types), with `"loaded": false`.
pub fn rulesets() -> String {
    let list: Vec<Value> = rulesets::ids().iter().map(|id| entry(id)).collect();
    to_string(&list)
}

/// A built-in's entry of [`rulesets`]: its index entry while it is not loaded.
#[cfg(not(feature = "bureau"))]
fn entry(id: &str) -> Value {
    if rulesets::is_loaded(id) {
        return listed(id);
    }
    let mut entry = (rulesets::index().into_iter())
        .find(|r| r["id"] == id)
        .expect("ids come from the index");
    entry["loaded"] = Value::Bool(false);
    entry
}

#[cfg(feature = "bureau")]
fn entry(id: &str) -> Value {
    listed(id)
}

/// One built-in, described (or its failure).
fn listed(id: &str) -> Value {
    match compiled(id) {
        Ok(c) => {
            let mut d = describe_ruleset(&c.planner.ruleset, true);
            d["diagnostics"] = c.warnings.clone();
            d
        }
        Err(f) => json!({
            "id": id,
            "builtin": true,
            "error": f.message,
            "diagnostics": f.diagnostics,
        }),
    }
}

/// The TOML text of a built-in ruleset (the starting point of bureau mode).
#[cfg(feature = "bureau")]
pub fn ruleset_text(id: &str) -> Answer {
    shenpi_core::builtin::ruleset(id)
        .map(str::to_owned)
        .ok_or_else(|| Failure::plain(format!("no built-in ruleset `{id}`")))
}

/// Describes a ruleset (built-in id or TOML text); fails with its diagnostics.
pub fn describe(reference: &str) -> Answer {
    let c = compiled(reference)?;
    let mut d = describe_ruleset(&c.planner.ruleset, rulesets::is_builtin(reference));
    d["diagnostics"] = c.warnings.clone();
    Ok(to_string(&d))
}

/// Checks a ruleset's TOML: `{ "ok": bool, "diagnostics": [...] }`. Never fails: the
/// diagnostics are the answer.
#[cfg(feature = "bureau")]
pub fn check(toml: &str) -> String {
    use shenpi_core::ruleset::{self, BuiltinsOnly};
    let loaded = ruleset::load(EDITED_RULESET_NAME, toml, &BuiltinsOnly);
    let ok = loaded.ruleset.is_some() && !diagnostic::has_errors(&loaded.diagnostics);
    to_string(&json!({
        "ok": ok,
        "diagnostics": diagnostic::to_json(&loaded.diagnostics, &loaded.sources),
    }))
}

/// What each measure changes (`Planner::measure_effects`): every project type's example
/// planned from `start` (YYYY-MM-DD) with the measure on and off, the other measures at their
/// defaults. A JSON array, by type in ruleset order, then by measure in ruleset order; a
/// measure that does not apply to a type's example has `applies: false` and no differences.
/// Bureau module only: it plans two plans per measure and type, which bureau mode shows as a
/// table; the planner module never needs it.
#[cfg(feature = "bureau")]
pub fn effects(reference: &str, start: &str) -> Answer {
    let start = parse_today(start)?;
    let c = compiled(reference)?;
    Ok(to_string(&c.planner.measure_effects(start)))
}

/// Reads a project: JSON (what the page sends) in both modules, TOML in the bureau module.
fn parse_project(text: &str, sources: &mut Sources) -> Result<RawProject, Failure> {
    let parsed = match ProjectFormat::sniff(text) {
        ProjectFormat::Json => project::parse_json(PROJECT_NAME, text, sources),
        #[cfg(feature = "bureau")]
        ProjectFormat::Toml => project::parse(PROJECT_NAME, text, ProjectFormat::Toml, sources),
        #[cfg(not(feature = "bureau"))]
        ProjectFormat::Toml => {
            return Err(Failure::plain(
                "the project is not JSON (a TOML project needs the bureau module)",
            ));
        }
    };
    parsed.map_err(|d| Failure::from_diagnostics("the project is invalid", &[d], sources))
}

fn resolve_project(c: &Compiled, project_text: &str, today: NaiveDate) -> Result<Project, Failure> {
    resolve_with_sources(c, project_text, today).map(|(p, _)| p)
}

/// [`resolve_project`], with the project's text for diagnostics found later (its progress).
fn resolve_with_sources(
    c: &Compiled,
    project_text: &str,
    today: NaiveDate,
) -> Result<(Project, Sources), Failure> {
    let mut sources = Sources::new();
    let raw = parse_project(project_text, &mut sources)?;
    let project = project::resolve(&raw, &c.planner.ruleset, today)
        .map_err(|ds| Failure::from_diagnostics("the project is invalid", &ds, &sources))?;
    Ok((project, sources))
}

/// The compiled ruleset and the resolved project of a call.
fn prepare(
    reference: &str,
    project_text: &str,
    today: &str,
) -> Result<(Rc<Compiled>, Project), Failure> {
    let today = parse_today(today)?;
    let c = compiled(reference)?;
    let project = resolve_project(&c, project_text, today)?;
    Ok((c, project))
}

/// Plans a project (JSON or TOML text) under a ruleset (built-in id or TOML text).
/// `today` (YYYY-MM-DD) is the start when the project names none.
pub fn plan(reference: &str, project_text: &str, today: &str) -> Answer {
    let (c, project) = prepare(reference, project_text, today)?;
    Ok(c.planner.plan(&project).to_json())
}

/// [`plan`] and the plan's Gantt layout (`shenpi_core::render::gantt`, what the SVG export is
/// drawn from), from one planning: what the page draws after each input change.
pub fn plan_and_layout(
    reference: &str,
    project_text: &str,
    today: &str,
) -> Result<(String, String), Failure> {
    let (c, project) = prepare(reference, project_text, today)?;
    let plan = c.planner.plan(&project);
    let layout = shenpi_core::render::gantt::layout(&plan, &c.planner.calendar_for(&project));
    Ok((plan.to_json(), to_string(&layout)))
}

/// What the page asks `simulate` for (JSON): every field optional.
#[cfg(feature = "bureau")]
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SimulateRequest {
    iterations: Option<u32>,
    seed: Option<u64>,
    by: Option<String>,
    key: Option<String>,
    /// `[from, to)` of the planned items whose impact to compute; absent: none.
    impact_items: Option<[usize; 2]>,
}

/// A Monte Carlo forecast (`shenpi_core::simulate`) as `(json, svg)`: the documented JSON
/// and the core's S-curve. `request` is JSON (`SimulateRequest`).
#[cfg(feature = "bureau")]
pub fn simulate(
    reference: &str,
    project_text: &str,
    today: &str,
    request: &str,
) -> Result<(String, String), Failure> {
    use shenpi_core::simulate as sim;
    let req: SimulateRequest = serde_json::from_str(request)
        .map_err(|e| Failure::plain(format!("invalid simulate request: {e}")))?;
    let today = parse_today(today)?;
    let c = compiled(reference)?;
    let (project, sources) = resolve_with_sources(&c, project_text, today)?;
    let iterations = req.iterations.unwrap_or(sim::DEFAULT_ITERATIONS);
    if !(1..=sim::MAX_ITERATIONS).contains(&iterations) {
        return Err(Failure::plain(format!(
            "iterations must be 1 to {}",
            sim::MAX_ITERATIONS
        )));
    }
    let key = match req.key.as_deref() {
        None | Some("") => None,
        Some(k) => Some(
            sim::Key::parse(k).ok_or_else(|| Failure::plain(format!("unknown key date `{k}`")))?,
        ),
    };
    let options = sim::Options {
        iterations,
        seed: req.seed.unwrap_or(1),
        until_stable: false,
        key,
        by: req
            .by
            .as_deref()
            .filter(|b| !b.is_empty())
            .map(parse_today)
            .transpose()?,
        impact: req.impact_items.is_some(),
        impact_items: req.impact_items.map(|[a, b]| a..b),
    };
    let s = sim::simulate(&c.planner, &project, &options)
        .map_err(|ds| Failure::from_diagnostics("the uncertainty is invalid", &ds, &sources))?;
    let render = shenpi_core::render::simulation::svg(&s);
    Ok((shenpi_core::render::simulation::json(&s), render))
}

/// The warning profiles of a ruleset (`[{id, name, source}]`, the default first) for the
/// page's choice of profile (bureau module: the planner module does not track).
#[cfg(feature = "bureau")]
pub fn warning_profiles(reference: &str) -> Answer {
    let c = compiled(reference)?;
    let r = &c.planner.ruleset;
    let default = r.warning_profiles.get(r.warning_profile);
    let ordered = default
        .into_iter()
        .chain(r.warning_profiles.iter().filter(|p| Some(*p) != default));
    Ok(to_string(
        &ordered
            .map(|p| json!({"id": p.id, "name": p.name, "source": p.source}))
            .collect::<Vec<_>>(),
    ))
}

#[cfg(feature = "bureau")]
#[derive(Debug)]
/// What [`status`] answers: the status JSON, the re-forecast's plan JSON and Gantt layout,
/// and the baseline plan's layout (the page draws the re-forecast against it).
pub struct Tracked {
    pub status: String,
    pub forecast: String,
    pub layout: String,
    pub baseline_layout: String,
}

#[cfg(feature = "bureau")]
/// The status of a project under way on `as_of` (`shenpi_core::status`), coloured by the
/// warning profile `profile` (`""`: the ruleset's default).
pub fn status(
    reference: &str,
    project_text: &str,
    today: &str,
    as_of: &str,
    profile: &str,
) -> Result<Tracked, Failure> {
    let today = parse_today(today)?;
    let as_of = parse_today(as_of)?;
    let c = compiled(reference)?;
    let (project, sources) = resolve_with_sources(&c, project_text, today)?;
    let r = &c.planner.ruleset;
    let profile = match profile {
        "" => None,
        id => Some(
            r.warning_profiles
                .iter()
                .find(|p| p.id == id)
                .ok_or_else(|| {
                    Failure::plain(format!("no warning profile `{id}` in `{}`", r.id))
                })?,
        ),
    };
    let s = shenpi_core::status::track(&c.planner, &project, as_of, profile)
        .map_err(|ds| Failure::from_diagnostics("the progress is invalid", &ds, &sources))?;
    let calendar = c.planner.calendar_for(&project);
    let layout = shenpi_core::render::gantt::layout(&s.forecast, &calendar);
    let baseline_layout = shenpi_core::render::gantt::layout(&s.baseline, &calendar);
    Ok(Tracked {
        status: to_string(&s),
        forecast: s.forecast.to_json(),
        layout: to_string(&layout),
        baseline_layout: to_string(&baseline_layout),
    })
}

/// A plan rendered by the core: `csv` (with a UTF-8 BOM), `ics`, `svg` (the Gantt chart)
/// or `json`. Only these four are linked in, to keep the module small.
pub fn render(reference: &str, project_text: &str, today: &str, format: &str) -> Answer {
    use shenpi_core::render;
    let (c, project) = prepare(reference, project_text, today)?;
    let plan = c.planner.plan(&project);
    plan.check_four_digit_years().map_err(Failure::plain)?;
    match format {
        "csv" => Ok(render::csv::render(&plan, true)),
        "ics" => Ok(render::ics::render(&plan)),
        "svg" => Ok(render::svg::render(
            &plan,
            &c.planner.calendar_for(&project),
        )),
        "json" => Ok(plan.to_json()),
        other => Err(Failure::plain(format!(
            "unknown format `{other}` (csv, ics, svg or json)"
        ))),
    }
}

/// Compares two projects under one ruleset (e.g. measures on vs off, promised vs legal).
pub fn compare(
    reference: &str,
    before: &str,
    after: &str,
    today: &str,
    before_label: &str,
    after_label: &str,
) -> Answer {
    let (c, b) = prepare(reference, before, today)?;
    let (_, a) = prepare(reference, after, today)?;
    let (b, a) = (c.planner.plan(&b), c.planner.plan(&a));
    Ok(to_string(&cmp::compare(&b, &a, before_label, after_label)))
}

/// The example project of a project type, as project JSON (name, ruleset, type, attributes).
pub fn example(reference: &str, type_id: &str, today: &str) -> Answer {
    let today = parse_today(today)?;
    let c = compiled(reference)?;
    let r = &c.planner.ruleset;
    let p = Project::example(r, type_id, today)
        .ok_or_else(|| Failure::plain(format!("no project type `{type_id}` in `{}`", r.id)))?;
    // The example's own values only: defaults are the core's to apply (an inferred one sent
    // back as the project's would no longer follow the attributes it is inferred from).
    let attributes = attribute_map(
        r,
        (p.values.iter().zip(&p.origins).enumerate())
            .filter(|(_, (_, o))| **o == ValueOrigin::Given)
            .filter_map(|(a, (v, _))| Some((AttrIdx::new(a), v.as_ref()?))),
    );
    Ok(to_string(&json!({
        "name": p.name,
        "ruleset": r.id,
        "type": r.project_types[p.project_type].id,
        "attributes": attributes,
    })))
}
