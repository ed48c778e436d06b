//! Forecasts with uncertainty (`shenpi simulate`): the project's plan re-timed many times
//! with each item's time drawn from its range and approval items' correction rounds (补正)
//! drawn from their chances (`crate::risk`), on the prepared graph of
//! [`Planner::simulator`] — no plan is built per iteration. Seeded and reproducible: the
//! same seed gives the same numbers on every platform.
//!
//! Outputs: P10/P50/P80/P90 of the key dates, the chance of meeting the approval-time target
//! and a date, a histogram, how often each item is critical, and what taking one item's
//! uncertainty away would buy (one at a time, on the same random numbers).

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::engine::Planner;
use crate::engine::simulation::{Outcome, Scratch, Simulator};
use crate::plan::{Plan, Text};
use crate::project::Project;
use crate::risk::Risk;

/// Version of the simulation JSON shape (docs/simulate.md).
pub const SIMULATION_FORMAT_VERSION: u32 = 1;
/// Iterations when none are asked for.
pub const DEFAULT_ITERATIONS: u32 = 2_000;
/// Most iterations accepted.
pub const MAX_ITERATIONS: u32 = 1_000_000;
/// The percentiles reported.
pub const PERCENTILES: [u32; 4] = [10, 50, 80, 90];
/// `until_stable`: checked every this many iterations, from twice as many on.
pub const STABLE_WINDOW: u32 = 500;
/// `until_stable`: P80 moving less than this (working days) over a window stops the run.
pub const STABLE_WITHIN: f64 = 0.5;

/// A key date of the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Key {
    /// 开工: the works start.
    ConstructionStart,
    /// 审批完成: the approval time runs out (approval working days from the first acceptance).
    ApprovalFinish,
    /// 竣工: the works end.
    Completion,
    /// 全部办结: the last decision.
    Finish,
}

impl Key {
    /// Every key, in the order reports list them.
    pub const ALL: [Key; 4] = [
        Key::ConstructionStart,
        Key::ApprovalFinish,
        Key::Completion,
        Key::Finish,
    ];
    /// The id used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Key::ConstructionStart => "construction_start",
            Key::ApprovalFinish => "approval_finish",
            Key::Completion => "completion",
            Key::Finish => "finish",
        }
    }
    /// In Chinese.
    pub fn name(self) -> &'static str {
        match self {
            Key::ConstructionStart => "开工",
            Key::ApprovalFinish => "审批完成",
            Key::Completion => "竣工",
            Key::Finish => "全部办结",
        }
    }
    /// Its offset in one outcome (`None`: the plan has no works).
    fn of(self, o: &Outcome) -> Option<f64> {
        match self {
            Key::ConstructionStart => o.works.map(|w| w.0),
            Key::ApprovalFinish => Some(o.approval),
            Key::Completion => o.works.map(|w| w.1),
            Key::Finish => Some(o.finish),
        }
    }
    /// Parses [`Key::as_str`].
    pub fn parse(s: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How to simulate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Iterations to run (at most; fewer with `until_stable`).
    pub iterations: u32,
    /// The seed: the same seed, the same output.
    pub seed: u64,
    /// Stop when P80 of `key` moves less than half a working day over the last 500.
    pub until_stable: bool,
    /// The key date the histogram, the `by` chance and the impact table are about (default:
    /// the construction start when the plan has works, else the last decision).
    pub key: Option<Key>,
    /// A date to give the chance of reaching `key` by.
    pub by: Option<NaiveDate>,
    /// Compute the one-at-a-time impact table.
    pub impact: bool,
    /// Only for these planned items (indices in plan order): a host that must not block
    /// computes the table a few items at a time.
    pub impact_items: Option<std::ops::Range<usize>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            iterations: DEFAULT_ITERATIONS,
            seed: 1,
            until_stable: false,
            key: None,
            by: None,
            impact: true,
            impact_items: None,
        }
    }
}

/// A percentile of a key date.
#[derive(Debug, Clone, Serialize)]
pub struct Percentile {
    /// 10, 50, 80 or 90.
    pub p: u32,
    /// Working days from the first acceptance (fractional: the time within the day).
    pub offset: f64,
    /// The day it falls on.
    pub date: NaiveDate,
}

/// One key date's distribution.
#[derive(Debug, Clone, Serialize)]
pub struct KeyStats {
    /// Which key date.
    pub id: Key,
    /// Its name.
    pub name: &'static str,
    /// In the plan (every item at its limit, no corrections).
    pub deterministic: NaiveDate,
    /// The plan's offset.
    pub deterministic_offset: f64,
    /// The share of iterations at or before the plan's date.
    pub on_plan_or_earlier: f64,
    /// Mean offset.
    pub mean_offset: f64,
    /// P10, P50, P80, P90.
    pub percentiles: Vec<Percentile>,
}

/// The chance of meeting a target of approval time (the whole process, or a stage's span).
#[derive(Debug, Clone, Serialize)]
pub struct TargetChance<'a> {
    /// `total` or a stage id.
    pub scope: Text<'a>,
    /// 全流程 or the stage's name.
    pub name: Text<'a>,
    /// The target, approval working days.
    pub target: u32,
    /// Whether the plan meets it.
    pub deterministic_met: bool,
    /// The share of iterations whose approval time meets it.
    pub probability: f64,
}

/// The chance of reaching the key date by a day.
#[derive(Debug, Clone, Serialize)]
pub struct ByChance {
    /// Which key date.
    pub key: Key,
    /// The day.
    pub date: NaiveDate,
    /// Its working-day offset from the first acceptance.
    pub offset: f64,
    /// The share of iterations that reach it by then.
    pub probability: f64,
}

/// One bar of the histogram of the key date.
#[derive(Debug, Clone, Serialize)]
pub struct Bin {
    /// First working-day offset of the bar (whole days: the day the key date falls on).
    pub from_offset: i64,
    /// Last offset of the bar.
    pub to_offset: i64,
    /// Its first day.
    pub from: NaiveDate,
    /// Its last day.
    pub to: NaiveDate,
    /// Iterations in it.
    pub count: u32,
}

/// How often an item is critical.
#[derive(Debug, Clone, Serialize)]
pub struct Criticality<'a> {
    /// Plan item id.
    pub id: Text<'a>,
    /// Name.
    pub name: Text<'a>,
    /// The share of iterations in which it lay on the chain that decided the last decision.
    pub index: f64,
    /// Whether the plan has it critical.
    pub deterministic: bool,
}

/// What taking one item's uncertainty away does to P80 of the key date.
#[derive(Debug, Clone, Serialize)]
pub struct Impact<'a> {
    /// Plan item id.
    pub id: Text<'a>,
    /// Name.
    pub name: Text<'a>,
    /// `corrections` (its correction rounds off) or `time` (it takes its planned time).
    pub without: &'static str,
    /// Working days P80 moves (negative: earlier).
    pub p80_change: f64,
}

/// A simulation's results.
#[derive(Debug, Clone, Serialize)]
pub struct Simulation<'a> {
    /// [`SIMULATION_FORMAT_VERSION`].
    pub format_version: u32,
    /// The seed.
    pub seed: u64,
    /// Iterations run.
    pub iterations: u32,
    /// Iterations asked for.
    pub requested: u32,
    /// Whether `until_stable` stopped the run before `requested`.
    pub stopped_early: bool,
    /// Project name.
    pub project: Text<'a>,
    /// Ruleset id.
    pub ruleset: Text<'a>,
    /// Where the ruleset's uncertainty comes from (`estimate: …` when estimated).
    pub basis: Option<String>,
    /// The project's preparation factor on correction chances.
    pub preparation: f64,
    /// The key date of the histogram, `by` and the impact table.
    pub key: Key,
    /// Every key date the plan has.
    pub keys: Vec<KeyStats>,
    /// The approval-time target, when the project type has one.
    pub targets: Vec<TargetChance<'a>>,
    /// The chance of reaching `key` by a date, when one was asked for.
    pub by: Option<ByChance>,
    /// The key date's histogram.
    pub histogram: Vec<Bin>,
    /// Every planned item, in plan order.
    pub criticality: Vec<Criticality<'a>>,
    /// One at a time, largest gain first.
    pub impact: Vec<Impact<'a>>,
    /// The plan (the deterministic case).
    #[serde(skip)]
    pub plan: Plan<'a>,
    /// The key date's offsets, sorted (for the S-curve).
    #[serde(skip)]
    pub samples: Vec<f64>,
}

/// Each ruleset item's risk for `project`: the ruleset's, with the project's overrides.
fn project_risks(
    planner: &Planner,
    project: &Project,
) -> Result<(Vec<Risk>, f64), Vec<Diagnostic>> {
    let r = &planner.ruleset;
    let mut risks: Vec<Risk> = r.items.iter().map(|i| i.risk).collect();
    let mut diags = Vec::new();
    let mut preparation = 1.0;
    if let Some(u) = &project.uncertainty {
        if let Some(p) = &u.value.preparation {
            if (0.1..=5.0).contains(&p.value) {
                preparation = p.value;
            } else {
                diags.push(
                    Diagnostic::error(
                        "invalid-uncertainty",
                        "`preparation` lies between 0.1 and 5",
                    )
                    .with_label(p.span.clone(), format!("{} is out of range", p.value))
                    .with_help(
                        "a factor on every correction chance: 0.5 halves them, 2 doubles them",
                    ),
                );
            }
        }
        for (id, raw) in &u.value.items {
            let Some(k) = r.item_index(&id.value) else {
                diags.push(
                    Diagnostic::error("unknown-item", format!("unknown item `{}`", id.value))
                        .with_label(id.span.clone(), "no item of the ruleset has this id")
                        .with_optional_help(crate::suggest::hint(
                            &id.value,
                            r.items.iter().map(|i| i.id.as_str()),
                        )),
                );
                continue;
            };
            let item = &r.items[k];
            risks[k.index()] = crate::ruleset::apply_risk(
                Some(raw),
                risks[k.index()],
                item.clock,
                item.works,
                &mut diags,
            );
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    Ok((risks, preparation))
}

/// Nearest-rank percentile of sorted samples.
fn percentile(sorted: &[f64], p: u32) -> f64 {
    let n = sorted.len();
    let rank = (f64::from(p) / 100.0 * n as f64).ceil() as usize;
    sorted[rank.clamp(1, n) - 1]
}

/// Runs `iterations` of `sim` and returns the outcomes (and the criticality counts).
/// What [`run`] returns: every outcome, each node's critical count, every iteration's stage
/// spans (flat, stage by stage), and whether `until_stable` stopped it.
struct Runs {
    outcomes: Vec<Outcome>,
    critical: Vec<u32>,
    stage_spans: Vec<f64>,
    stopped: bool,
}

fn run(sim: &Simulator, seed: u64, options: &Options, key: Key) -> Runs {
    let mut scratch = Scratch::default();
    let mut outcomes = Vec::with_capacity(options.iterations as usize);
    let mut critical = vec![0u32; sim.len()];
    let mut stage_spans = Vec::new();
    let mut keys: Vec<f64> = Vec::new();
    let mut stopped = false;
    let mut last_p80 = None;
    for i in 0..options.iterations {
        let o = sim.run(seed, u64::from(i), &mut scratch);
        for (count, &c) in critical.iter_mut().zip(&scratch.critical) {
            *count += u32::from(c);
        }
        stage_spans.extend_from_slice(&scratch.stage_spans);
        outcomes.push(o);
        let done = i + 1;
        if options.until_stable && done.is_multiple_of(STABLE_WINDOW) {
            keys.clear();
            keys.extend(outcomes.iter().filter_map(|o| key.of(o)));
            keys.sort_by(f64::total_cmp);
            let p80 = if keys.is_empty() {
                0.0
            } else {
                percentile(&keys, 80)
            };
            if let Some(last) = last_p80
                && done >= 2 * STABLE_WINDOW
                && f64::abs(p80 - last) < STABLE_WITHIN
            {
                stopped = done < options.iterations;
                break;
            }
            last_p80 = Some(p80);
        }
    }
    Runs {
        outcomes,
        critical,
        stage_spans,
        stopped,
    }
}

/// Simulates `project`. Errors are its `[uncertainty]`'s problems, at their places.
pub fn simulate<'a>(
    planner: &'a Planner,
    project: &Project,
    options: &Options,
) -> Result<Simulation<'a>, Vec<Diagnostic>> {
    let (risks, preparation) = project_risks(planner, project)?;
    let (sim, plan) = planner.simulator(project, |i| risks[i.index()], preparation);
    let calendar = planner.calendar_for(project);
    let origin = calendar.workday_index(plan.project.accepted);
    let date = |offset: f64| calendar.date_of_workday_index(origin + (offset - 1e-9).ceil() as i64);
    let has_works = plan.summary.construction_start.is_some();
    let key = options
        .key
        .filter(|k| has_works || matches!(k, Key::ApprovalFinish | Key::Finish))
        .unwrap_or(if has_works {
            Key::ConstructionStart
        } else {
            Key::Finish
        });
    let Runs {
        outcomes,
        critical,
        stage_spans,
        stopped: stopped_early,
    } = run(&sim, options.seed, options, key);
    let stages = planner.ruleset.stages.len();
    let n = outcomes.len().max(1) as f64;
    let deterministic = |k: Key| -> Option<(NaiveDate, f64)> {
        let s = &plan.summary;
        let d = match k {
            Key::ConstructionStart => s.construction_start?,
            Key::ApprovalFinish => s.approval_finish,
            Key::Completion => s.completion?,
            Key::Finish => s.finish,
        };
        let offset = match k {
            Key::ApprovalFinish => s.approval_working_days as f64,
            _ => (calendar.workday_index(d) - origin) as f64,
        };
        Some((d, offset))
    };
    let sorted = |k: Key| {
        let mut v: Vec<f64> = outcomes.iter().filter_map(|o| k.of(o)).collect();
        v.sort_by(f64::total_cmp);
        v
    };
    let mut keys = Vec::new();
    for k in Key::ALL {
        let (Some((det, det_offset)), samples) = (deterministic(k), sorted(k)) else {
            continue;
        };
        if samples.is_empty() {
            continue;
        }
        keys.push(KeyStats {
            id: k,
            name: k.name(),
            deterministic: det,
            deterministic_offset: det_offset,
            on_plan_or_earlier: samples.iter().filter(|&&x| x <= det_offset + 1e-9).count() as f64
                / n,
            mean_offset: samples.iter().sum::<f64>() / n,
            percentiles: PERCENTILES
                .iter()
                .map(|&p| {
                    let offset = percentile(&samples, p);
                    Percentile {
                        p,
                        offset,
                        date: date(offset),
                    }
                })
                .collect(),
        });
    }
    // The whole process against approval time; a stage against its approval span.
    let targets = (plan.targets.iter())
        .map(|t| {
            let limit = f64::from(t.target) + 1e-9;
            let stage = planner.ruleset.stage_index(&t.scope);
            let met = match stage {
                None => outcomes.iter().filter(|o| o.approval <= limit).count(),
                Some(k) if stages > 0 => (stage_spans.chunks(stages))
                    .filter(|spans| spans[k.index()] <= limit)
                    .count(),
                Some(_) => 0,
            };
            TargetChance {
                scope: t.scope.clone(),
                name: t.name.clone(),
                target: t.target,
                deterministic_met: t.met,
                probability: met as f64 / n,
            }
        })
        .collect();
    let samples = sorted(key);
    let by = options.by.map(|d| {
        let limit = (calendar.workday_index(d) - origin) as f64;
        ByChance {
            key,
            date: d,
            offset: limit,
            probability: samples
                .iter()
                .filter(|&&x| (x - 1e-9).ceil() <= limit)
                .count() as f64
                / n,
        }
    });
    let histogram = histogram(&samples, &date);
    let criticality = (sim.items.iter())
        .filter_map(|(v, id)| {
            let item = plan.items.iter().find(|i| i.id.as_str() == id)?;
            Some(Criticality {
                id: item.id.clone(),
                name: item.name.clone(),
                index: f64::from(critical[*v as usize]) / n,
                deterministic: item.critical,
            })
        })
        .collect();
    let mut impact = Vec::new();
    if options.impact && !samples.is_empty() {
        let base_p80 = percentile(&samples, 80);
        let fixed = Options {
            iterations: outcomes.len() as u32,
            until_stable: false,
            ..options.clone()
        };
        let all = 0..sim.items.len();
        let wanted = options.impact_items.clone().unwrap_or(all.clone());
        for k in wanted.start.min(all.end)..wanted.end.min(all.end) {
            let variants: [(&'static str, Option<Simulator>); 2] = [
                (
                    "corrections",
                    sim.has_corrections(k).then(|| sim.without_corrections(k)),
                ),
                ("time", sim.time_varies(k).then(|| sim.planned_time(k))),
            ];
            for (without, variant) in variants {
                let Some(variant) = variant else { continue };
                let o = run(&variant, options.seed, &fixed, key).outcomes;
                let mut v: Vec<f64> = o.iter().filter_map(|o| key.of(o)).collect();
                v.sort_by(f64::total_cmp);
                let item = plan.items.iter().find(|i| i.id.as_str() == sim.items[k].1);
                if let Some(item) = item {
                    impact.push(Impact {
                        id: item.id.clone(),
                        name: item.name.clone(),
                        without,
                        p80_change: percentile(&v, 80) - base_p80,
                    });
                }
            }
        }
        impact.sort_by(|a, b| a.p80_change.total_cmp(&b.p80_change));
    }
    Ok(Simulation {
        format_version: SIMULATION_FORMAT_VERSION,
        seed: options.seed,
        iterations: outcomes.len() as u32,
        requested: options.iterations,
        stopped_early,
        project: plan.project.name.clone(),
        ruleset: plan.ruleset.id.clone(),
        basis: planner.ruleset.risk_defaults.basis.clone(),
        preparation,
        key,
        keys,
        targets,
        by,
        histogram,
        criticality,
        impact,
        plan,
        samples,
    })
}

/// Bars of whole working days, at most 24 of them.
fn histogram(sorted: &[f64], date: &impl Fn(f64) -> NaiveDate) -> Vec<Bin> {
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let day = |x: f64| (x - 1e-9).ceil() as i64;
    let (lo, hi) = (day(lo), day(hi));
    let width = ((hi - lo + 1) as f64 / 24.0).ceil().max(1.0) as i64;
    let mut bins: Vec<Bin> = (0..)
        .map(|k| lo + k * width)
        .take_while(|&from| from <= hi)
        .map(|from| Bin {
            from_offset: from,
            to_offset: from + width - 1,
            from: date(from as f64),
            to: date((from + width - 1) as f64),
            count: 0,
        })
        .collect();
    for &x in sorted {
        let k = ((day(x) - lo) / width) as usize;
        bins[k].count += 1;
    }
    bins
}
