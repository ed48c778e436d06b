//! The planner: compiled ruleset + project → [`Plan`].
//!
//! [`Planner`] holds a compiled ruleset, its calendar, the texts its plans repeat and the
//! unreshaped work graph; [`Planner::plan`] can then be called for any number of projects.
//! Each plan goes through these steps, one private module each (docs/design.md tells the
//! whole pipeline):
//!
//! 1. `graph` — a copy of the unreshaped work graph (items, stage gates, links);
//! 2. `reshape` — items whose conditions fail taken out, the measures applied;
//! 3. `topology` — the alive edges as rows the passes walk;
//! 4. `schedule` — both timelines, approval and elapsed, in one forward and one backward
//!    pass on working-day offsets (`offsets` maps them to dates);
//! 5. `critical` — the critical paths;
//! 6. `assembly` — the [`Plan`]: items in order with dates, floats and links (`links`),
//!    stage spans, target checks, materials, exclusions and measure states.

mod assembly;
mod critical;
mod edge_lists;
mod effects;
mod graph;
mod links;
mod matrix;
#[cfg(feature = "mspdi")]
pub mod network;
mod offsets;
mod reshape;
mod schedule;
#[cfg(feature = "simulate")]
pub mod simulation;
mod texts;
mod topology;
mod traces;

pub use crate::plan::Change;
pub use effects::MeasureEffect;
pub use matrix::TypeRow;
pub use reshape::Exclusion;

use crate::calendar::Calendar;
use crate::plan::Plan;
use crate::project::{Project, Scenario};
use crate::ruleset::Ruleset;

#[cfg(feature = "tracking")]
use chrono::NaiveDate;

use assembly::{Assembly, Passes};
use graph::WorkGraph;
use links::Links;
use schedule::Pin;
use texts::Texts;
use topology::Topology;
use traces::Traces;

/// The working memory of one plan. A planner keeps it between plans (see
/// [`Planner::plan`]), so that once it has grown to the ruleset's size planning allocates
/// little beyond the plan itself.
#[derive(Default)]
struct Scratch {
    /// The project's copy of the unreshaped graph.
    graph: WorkGraph,
    /// Its nodes' traces, grouped by node.
    traces: Traces,
    passes: Passes,
}

/// A compiled ruleset ready to plan projects.
pub struct Planner {
    /// The compiled ruleset the planner plans with.
    pub ruleset: Ruleset,
    calendar: Calendar,
    texts: Texts,
    /// The unreshaped work graph with promised and with statutory limits.
    base: [WorkGraph; 2],
    /// Its topology (the same under both limits: they differ in durations only).
    base_topology: Topology,
    /// Each item's links in the unreshaped graph (the same under both limits).
    base_links: Vec<[Links; 2]>,
    /// Working memory of finished plans, for the next ones (one per plan in progress at
    /// once, so planning from several threads at a time works, too).
    scratch: std::sync::Mutex<Vec<Scratch>>,
}

impl std::fmt::Debug for Planner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Planner")
            .field("ruleset", &self.ruleset.id)
            .finish_non_exhaustive()
    }
}

impl Clone for Planner {
    fn clone(&self) -> Self {
        Planner::with_calendar(self.ruleset.clone(), self.calendar.clone())
    }
}

impl Planner {
    /// Prepares a ruleset; its calendar is the built-in one plus the ruleset's additions.
    pub fn new(ruleset: Ruleset) -> Self {
        let calendar = Calendar::cn().with_additions(&ruleset.calendar_additions);
        Self::with_calendar(ruleset, calendar)
    }

    fn with_calendar(ruleset: Ruleset, calendar: Calendar) -> Self {
        let texts = Texts::new(&ruleset);
        let base = [graph::base(&ruleset, false), graph::base(&ruleset, true)];
        let base_topology = Topology::new(&base[0]);
        let base_links = links::base_links(&base[0], &base_topology, &texts);
        Self {
            ruleset,
            calendar,
            texts,
            base,
            base_topology,
            base_links,
            scratch: std::sync::Mutex::default(),
        }
    }

    /// The calendar plans use (before a project's own additions).
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The calendar a project is planned on: the planner's, with the project's own holidays
    /// and workdays when it has any.
    pub fn calendar_for(&self, project: &Project) -> std::borrow::Cow<'_, Calendar> {
        if project.calendar.is_empty() {
            std::borrow::Cow::Borrowed(&self.calendar)
        } else {
            std::borrow::Cow::Owned(self.calendar.with_additions(&project.calendar))
        }
    }

    /// Plans one project.
    /// The plan borrows the planner's texts; [`Plan::into_owned`] detaches it.
    pub fn plan<'a>(&'a self, project: &Project) -> Plan<'a> {
        self.plan_pinned(project, |_, _, _| Vec::new())
    }

    #[cfg(feature = "tracking")]
    /// Re-plans a project under way on the same engine: what happened (`actuals`, by plan
    /// item id) is fixed, and nothing else is accepted before `release` (the as-of day, or
    /// the next workday when it is not one). With no actuals and `release` on or before the
    /// start, the forecast is the plan. Ids that are not in the plan are ignored (the
    /// caller checks them, see `status`).
    pub fn forecast<'a>(
        &'a self,
        project: &Project,
        release: NaiveDate,
        actuals: &[(&str, Actual)],
    ) -> Plan<'a> {
        self.plan_pinned(project, |g, cal, texts| {
            pins(g, cal, texts, release, actuals)
        })
    }

    /// The project's work graph into `g` (whose memory is reused): the unreshaped graph of
    /// its scenario, the works at its construction period, its conditions and measures
    /// applied.
    fn reshaped_into(&self, project: &Project, g: &mut WorkGraph) {
        let legal = project.scenario == Scenario::Legal;
        let on = |m| project.measure_on(&self.ruleset, m);
        g.copy_from(&self.base[usize::from(legal)]);
        // The works take the project's construction period (its own, its type's, or the
        // works item's limit, which the base graph already has).
        if let (Some(w), Some(days)) = (
            self.ruleset.works(),
            project.construction_days(&self.ruleset),
        ) {
            g.nodes[WorkGraph::item_node(w)].duration = days;
        }
        reshape::reshape(g, &self.ruleset, &project.facts(), legal, &on);
    }

    fn plan_pinned<'a>(
        &'a self,
        project: &Project,
        make_pins: impl FnOnce(&WorkGraph, &offsets::OffsetCalendar, &Texts) -> Vec<Pin>,
    ) -> Plan<'a> {
        let extra;
        let calendar = if project.calendar.is_empty() {
            &self.calendar
        } else {
            extra = self.calendar.with_additions(&project.calendar);
            &extra
        };
        // A poisoned pool only means another plan panicked; its scratch was not returned.
        let mut scratch = (self.scratch.lock().ok())
            .and_then(|mut pool| pool.pop())
            .unwrap_or_default();
        self.reshaped_into(project, &mut scratch.graph);
        scratch.traces.rebuild(&scratch.graph);
        let accepted = calendar.next_workday_on_or_after(project.start);
        let offsets = offsets::OffsetCalendar {
            calendar,
            origin: calendar.workday_index(accepted),
        };
        let pins = make_pins(&scratch.graph, &offsets, &self.texts);
        let plan = Assembly {
            ruleset: &self.ruleset,
            texts: &self.texts,
            project,
            calendar,
            base_links: &self.base_links,
            base_topology: &self.base_topology,
            g: &scratch.graph,
            traces: &scratch.traces,
            pins: &pins,
        }
        .plan(&mut scratch.passes);
        if let Ok(mut pool) = self.scratch.lock() {
            pool.push(scratch);
        }
        plan
    }

    /// The project's reshaped work graph prepared for Monte Carlo re-timing, and its plan
    /// (the deterministic case). `risk_of` gives each ruleset item's uncertainty for this
    /// project; merged items take their clock's default; `preparation` scales every
    /// correction chance (see `crate::simulate`).
    #[cfg(feature = "simulate")]
    pub fn simulator<'a>(
        &'a self,
        project: &Project,
        risk_of: impl Fn(crate::ruleset::ItemIdx) -> crate::risk::Risk,
        preparation: f64,
    ) -> (simulation::Simulator, Plan<'a>) {
        let plan = self.plan(project);
        let calendar = self.calendar_for(project);
        let (g, topo, times, _) = self.scheduled(project, &calendar);
        let node_of = |id: &str| {
            (0..g.nodes.len())
                .find(|&v| g.nodes[v].alive && self.texts.node_id(&g.nodes[v].kind) == id)
        };
        let items = (plan.items.iter())
            .filter_map(|i| Some((node_of(&i.id)?, i.id.to_string())))
            .collect();
        let works = (self.ruleset.works())
            .map(WorkGraph::item_node)
            .filter(|&v| g.nodes[v].alive);
        let defaults = &self.ruleset.risk_defaults;
        let risk = |kind: &graph::NodeKind, clock| {
            let mut r = match kind {
                graph::NodeKind::Item(i) => risk_of(*i),
                _ => defaults.of(clock, false),
            };
            if let Some(c) = &mut r.corrections {
                c.rounds = c.rounds.scaled(preparation);
            }
            r
        };
        let stages = self.ruleset.stages.len();
        let sim = simulation::Simulator::new(&g, &topo, &times, risk, items, works, stages);
        (sim, plan)
    }

    /// The project's reshaped work graph, its topology and its schedule, standalone (not the
    /// planner's scratch), for the views that need the graph itself; and the workday index
    /// of its offset 0 on `calendar` (the project's).
    #[cfg(any(feature = "simulate", feature = "mspdi"))]
    fn scheduled(
        &self,
        project: &Project,
        calendar: &Calendar,
    ) -> (WorkGraph, Topology, schedule::Schedule, i64) {
        let mut g = WorkGraph::default();
        self.reshaped_into(project, &mut g);
        let accepted = calendar.next_workday_on_or_after(project.start);
        let origin = calendar.workday_index(accepted);
        let offsets = offsets::OffsetCalendar { calendar, origin };
        let mut topo = Topology::default();
        topo.rebuild_from(&g, &self.base_topology);
        let mut times = schedule::Schedule::default();
        schedule::schedule(&g, &topo, &offsets, &[], &mut times);
        (g, topo, times, origin)
    }

    /// Plans one project and gives its schedule network with the plan: every activity's
    /// links with their types and lags, for schedulers that recompute the dates (MS Project,
    /// see [`network`]).
    #[cfg(feature = "mspdi")]
    pub fn plan_with_network<'a>(&'a self, project: &Project) -> (Plan<'a>, network::Network) {
        let plan = self.plan(project);
        let calendar = self.calendar_for(project);
        let (g, topo, times, origin) = self.scheduled(project, &calendar);
        let offsets = offsets::OffsetCalendar {
            calendar: &calendar,
            origin,
        };
        let network = network::build(&g, &topo, &times, &offsets, &self.texts, &plan);
        (plan, network)
    }

    /// How many approval working days the project would save if `item` took no time
    /// (its "drag"): 0 for items off the critical path.
    pub fn drag(&self, project: &Project, item_id: &str) -> Option<i64> {
        let base = self.plan(project);
        let idx = self.ruleset.item_index(item_id)?;
        let mut ruleset = self.ruleset.clone();
        let item = &mut ruleset.items[idx];
        item.limit = 0;
        item.legal_limit = item.legal_limit.map(|_| 0);
        for case in &mut item.limit_cases {
            case.limit = 0;
            case.legal_limit = case.legal_limit.map(|_| 0);
        }
        let shortened = Planner::with_calendar(ruleset, self.calendar.clone());
        let shortened = shortened.plan(project).summary.approval_working_days;
        Some(base.summary.approval_working_days - shortened)
    }
}

#[cfg(feature = "tracking")]
/// What happened to one planned item of a project under way, for [`Planner::forecast`].
/// `approval_days` is the item's time as the law counts it (suspensions excluded; for an
/// item under review, the days it is expected to take): its length on the approval clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actual {
    /// Accepted and decided on these dates.
    Decided {
        /// Acceptance (受理) date.
        accepted: NaiveDate,
        /// Decision (办结) date.
        decided: NaiveDate,
        /// Working days counted.
        approval_days: i64,
    },
    /// Accepted, not decided yet; expected to be decided on `expected` (or later, when its
    /// links hold it).
    InReview {
        /// Acceptance (受理) date.
        accepted: NaiveDate,
        /// The expected decision date.
        expected: NaiveDate,
        /// Working days it is expected to count.
        approval_days: i64,
    },
}

#[cfg(feature = "tracking")]
/// One pin per node: the actuals of the items they name, a release on every other item.
fn pins(
    g: &WorkGraph,
    cal: &offsets::OffsetCalendar,
    texts: &Texts,
    release: NaiveDate,
    actuals: &[(&str, Actual)],
) -> Vec<Pin> {
    let offset = |d: NaiveDate| cal.calendar.workday_index(d) - cal.origin;
    // A day off counts from the next workday, as an acceptance on it does.
    let from = |d: NaiveDate| offset(cal.calendar.next_workday_on_or_after(d));
    let release = from(release).max(0);
    let by_id: std::collections::HashMap<&str, Actual> = actuals.iter().copied().collect();
    (0..g.nodes.len())
        .map(|v| {
            let node = &g.nodes[v];
            if !node.alive || !node.is_visible() {
                return Pin::Free;
            }
            match by_id.get(texts.node_id(&node.kind)) {
                None => Pin::Release(release),
                Some(&Actual::Decided {
                    accepted,
                    decided,
                    approval_days,
                }) => {
                    let start = from(accepted);
                    Pin::Decided {
                        start,
                        finish: offset(decided).max(start),
                        approval: approval_days,
                    }
                }
                Some(&Actual::InReview {
                    accepted,
                    expected,
                    approval_days,
                }) => Pin::InReview {
                    start: from(accepted),
                    min_finish: from(expected).max(release),
                    approval: approval_days,
                },
            }
        })
        .collect()
}
