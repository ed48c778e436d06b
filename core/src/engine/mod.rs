//! The planner: compiled ruleset + project → [`Plan`].
//!
//! [`Planner`] holds a compiled ruleset, its calendar and the texts its plans repeat;
//! [`Planner::plan`] can then be called for any number of projects. Steps: build the work
//! graph (private module `graph`), schedule it on both clocks, approval and elapsed, in one
//! forward and one backward pass (private module `schedule`), and assemble the [`Plan`].

mod graph;
mod links;
mod schedule;
mod texts;

use chrono::NaiveDate;

pub use crate::plan::Change;
pub use graph::Exclusion;

use crate::calendar::Calendar;
use crate::plan::*;
use crate::project::{Project, Scenario};
use crate::ruleset::{AttributeKind, Ruleset};

use graph::{NodeId, NodeKind, Traces, WorkGraph};
use links::{Links, Walker};
use schedule::{ClockMode, OffsetCalendar, PathSearch, Schedule, Times, Topology};
use texts::Texts;

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

/// Everything a plan computes from its graph before the plan itself.
#[derive(Default)]
struct Passes {
    topo: Topology,
    /// Both clocks' times, and the topological order the forward pass found.
    times: Schedule,
    walker: Walker,
    /// The planned nodes in declaration order.
    listed: Vec<NodeId>,
    /// Which of the ruleset's materials the plan has listed.
    material_seen: Vec<bool>,
    /// Those materials by index, in first-use order.
    material_order: Vec<usize>,
    path_search: PathSearch,
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

    /// Plans one project.
    /// The plan borrows the planner's texts; [`Plan::into_owned`] detaches it.
    pub fn plan<'a>(&'a self, project: &Project) -> Plan<'a> {
        let extra;
        let calendar = if project.calendar.is_empty() {
            &self.calendar
        } else {
            extra = self.calendar.with_additions(&project.calendar);
            &extra
        };
        let facts = project.facts();
        let legal = project.scenario == Scenario::Legal;
        let on = |m: usize| project.measure_on(&self.ruleset, m);
        // A poisoned pool only means another plan panicked; its scratch was not returned.
        let mut scratch = (self.scratch.lock().ok())
            .and_then(|mut pool| pool.pop())
            .unwrap_or_default();
        scratch.graph.copy_from(&self.base[usize::from(legal)]);
        graph::reshape(&mut scratch.graph, &self.ruleset, &facts, &on);
        scratch.traces.rebuild(&scratch.graph);
        let plan = Assembly {
            ruleset: &self.ruleset,
            texts: &self.texts,
            project,
            calendar,
            base_links: &self.base_links,
            base_topology: &self.base_topology,
            g: &scratch.graph,
            traces: &scratch.traces,
        }
        .plan(&mut scratch.passes);
        if let Ok(mut pool) = self.scratch.lock() {
            pool.push(scratch);
        }
        plan
    }

    /// How many approval working days the project would save if `item` took no time
    /// (its "drag"): 0 for items off the critical path.
    pub fn drag(&self, project: &Project, item_id: &str) -> Option<i64> {
        let base = self.plan(project);
        let idx = self.ruleset.item_index(item_id)?;
        let mut ruleset = self.ruleset.clone();
        ruleset.items[idx].limit = 0;
        ruleset.items[idx].legal_limit = ruleset.items[idx].legal_limit.map(|_| 0);
        let shortened = Planner::with_calendar(ruleset, self.calendar.clone());
        let shortened = shortened.plan(project).summary.approval_working_days;
        Some(base.summary.approval_working_days - shortened)
    }
}

/// One plan being put together; `'a` is what the plan borrows (the planner), `'p` the
/// project and its calendar, which may be the project's own extension of the planner's.
struct Assembly<'a, 'p> {
    ruleset: &'a Ruleset,
    texts: &'a Texts,
    project: &'p Project,
    calendar: &'p Calendar,
    /// Each ruleset item's links in the unreshaped graph (predecessors, successors).
    base_links: &'a [[Links; 2]],
    /// The topology of the unreshaped graph.
    base_topology: &'a Topology,
    g: &'p WorkGraph,
    traces: &'p Traces,
}

impl<'a> Assembly<'a, '_> {
    /// The planner's texts, borrowed for the whole plan.
    fn texts(&self) -> &'a Texts {
        self.texts
    }

    #[inline]
    fn node_id(&self, v: NodeId) -> Text<'a> {
        let texts: &'a Texts = self.texts;
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => texts.items[*i].id.borrowed(),
            NodeKind::Merged { measure, .. } => texts.measures[*measure]
                .into_id
                .as_ref()
                .expect("merge has into")
                .borrowed(),
            _ => Text::default(),
        }
    }

    /// The plan ids of the items `v` is directly linked with (successors when `forward`):
    /// borrowed from the planner when they are the item's links in the unreshaped graph.
    #[inline]
    fn links(
        &self,
        topo: &Topology,
        walker: &mut Walker,
        v: NodeId,
        forward: bool,
    ) -> TextList<'a> {
        // No edge on this side of the item was added or removed: its links on this side are
        // the prepared ones. (Debug builds, i.e. the tests, walk anyway and check.)
        if let NodeKind::Item(i) = self.g.nodes[v].kind
            && !self.g.nodes[v].relinked[usize::from(forward)]
            && !cfg!(debug_assertions)
        {
            return TextList::Borrowed(&self.base_links[i][usize::from(forward)].ids);
        }
        self.walked_links(topo, walker, v, forward)
    }

    /// [`Self::links`] of an item whose edges on that side changed, or of a merged item: a
    /// walk (out of line, so that the common case above stays small enough to inline).
    #[inline(never)]
    fn walked_links(
        &self,
        topo: &Topology,
        walker: &mut Walker,
        v: NodeId,
        forward: bool,
    ) -> TextList<'a> {
        let base = match self.g.nodes[v].kind {
            NodeKind::Item(i) => Some(&self.base_links[i][usize::from(forward)]),
            _ => None,
        };
        walker.neighbours(self.g, topo, v, forward);
        if let Some(base) = base {
            // Element-wise: these lists are a handful of ids, shorter than a memcmp call.
            let same = base.nodes.len() == walker.found.len()
                && base.nodes.iter().zip(&walker.found).all(|(a, b)| a == b);
            debug_assert!(
                same || self.g.nodes[v].relinked[usize::from(forward)],
                "node {v} kept its edges but not its links"
            );
            if same {
                return TextList::Borrowed(&base.ids);
            }
        }
        TextList::Owned(walker.found.iter().map(|&y| self.node_id(y)).collect())
    }

    fn plan(&self, passes: &mut Passes) -> Plan<'a> {
        let r = self.ruleset;
        let accepted = self.calendar.next_workday_on_or_after(self.project.start);
        let cal = OffsetCalendar {
            calendar: self.calendar,
            origin: self.calendar.workday_index(accepted),
        };
        let Passes {
            topo,
            times,
            walker,
            listed,
            material_seen,
            material_order,
            path_search,
        } = passes;
        topo.rebuild_from(self.g, self.base_topology);
        schedule::schedule(self.g, topo, &cal, times);
        let (topo, times) = (&*topo, &*times);
        let (elapsed, approval) = (
            times.clock(ClockMode::Elapsed),
            times.clock(ClockMode::Approval),
        );
        // The planned items in declaration order (merged items where their first part stood).
        listed.clear();
        listed.extend((0..self.g.nodes.len()).filter(|&v| {
            let node = &self.g.nodes[v];
            node.alive && node.is_visible()
        }));
        // Item nodes come first, in declaration order; then merged nodes, each of which goes
        // where its first part was declared.
        let first_merged = listed.partition_point(|&v| v < self.g.item_count);
        listed[first_merged..].sort_unstable_by_key(|&v| self.declaration_rank(v));
        let mut items_from = 0;
        for k in first_merged..listed.len() {
            let rank = self.declaration_rank(listed[k]).0;
            // `listed[items_from..k]` holds items only (item node ids are item indices).
            let at = items_from + listed[items_from..k].partition_point(|&v| v < rank);
            listed[at..=k].rotate_right(1);
            items_from = at + 1;
        }

        let critical_paths = self.critical_paths(topo, &times.order, elapsed, path_search);

        walker.reset(self.g.nodes.len());
        // Distinct materials by their index in the ruleset's list, in first-use order.
        material_seen.clear();
        material_seen.resize(self.texts().materials.len(), false);
        material_order.clear();
        let mut applications = 0;
        let mut bundles_seen: Vec<usize> = Vec::new();
        for &v in listed.iter() {
            let texts = self.texts();
            self.for_each_part(v, |i| {
                for &id in &texts.items[i].material_ids {
                    if !std::mem::replace(&mut material_seen[id], true) {
                        material_order.push(id);
                    }
                }
            });
            match self.g.nodes[v].bundle {
                Some(b) if bundles_seen.contains(&b) => {}
                Some(b) => {
                    bundles_seen.push(b);
                    applications += 1;
                }
                None => applications += 1,
            }
        }
        let texts = self.texts();
        let materials: Vec<Text<'a>> = (material_order.iter())
            .map(|&id| texts.materials[id].borrowed())
            .collect();
        // Built straight into the list (a push would build each item and then copy it).
        let items: Vec<PlannedItem> = listed
            .iter()
            .map(|&v| self.planned_item(v, topo, walker, elapsed, approval, &cal))
            .collect();

        let finish = cal.date(elapsed.end);
        let stages = self.stages(listed, elapsed, approval, &cal);
        let targets = self.targets(approval, &stages);
        let years_without_calendar = self.calendar.years_without_data(accepted, finish);
        let mut warnings: Vec<Text> = Calendar::horizon_warnings(&years_without_calendar)
            .into_iter()
            .map(Text::from)
            .collect();
        if listed.is_empty() {
            warnings.push("no item applies to this project".into());
        }
        let measures = r
            .measures
            .iter()
            .enumerate()
            .map(|(m, measure)| {
                let t = &self.texts().measures[m];
                let on = self.project.measure_on(r, m);
                let applied = self.g.applied.contains(&m);
                MeasureState {
                    id: t.id.borrowed(),
                    name: t.name.borrowed(),
                    kind: measure.kind,
                    on,
                    applied,
                    note: if on && !applied {
                        t.not_applicable.as_ref().map(Text::borrowed)
                    } else {
                        None
                    },
                    condition: t.condition.as_ref().map(Text::borrowed),
                }
            })
            .collect();
        let excluded = self
            .g
            .excluded
            .iter()
            .map(|(i, why)| {
                let t = &self.texts().items[*i];
                let (by, reason, measure) = match why {
                    Exclusion::Condition => (
                        ExcludedBy::Condition,
                        t.not_met
                            .as_ref()
                            .map(Text::borrowed)
                            .expect("excluded by its condition"),
                        None,
                    ),
                    Exclusion::Exempted { measure } => {
                        let m = &self.texts().measures[*measure];
                        (
                            ExcludedBy::Exempted,
                            m.exempted.borrowed(),
                            Some(m.id.borrowed()),
                        )
                    }
                    Exclusion::Merged { measure } => {
                        let m = &self.texts().measures[*measure];
                        (
                            ExcludedBy::Merged,
                            m.merged.borrowed(),
                            Some(m.id.borrowed()),
                        )
                    }
                };
                ExcludedItem {
                    id: t.id.borrowed(),
                    name: t.name.borrowed(),
                    reason,
                    by,
                    condition: (by == ExcludedBy::Condition)
                        .then(|| t.condition.as_ref().map(Text::borrowed))
                        .flatten(),
                    measure,
                }
            })
            .collect();
        let summary = Summary {
            approval_working_days: approval.end,
            approval_finish: cal.date(approval.end),
            elapsed_working_days: elapsed.end,
            elapsed_calendar_days: (finish - accepted).num_days(),
            finish,
            items: items.len(),
            critical_items: items.iter().filter(|i| i.critical).count(),
            materials: materials.len(),
            applications,
            targets_met: targets.iter().all(|t| t.met),
        };
        Plan {
            format_version: PLAN_FORMAT_VERSION,
            ruleset: self.texts().ruleset.borrowed(),
            project: self.project_info(accepted),
            summary,
            targets,
            stages,
            items,
            excluded,
            measures,
            critical_path: critical_paths.first().cloned().unwrap_or_default(),
            critical_paths,
            materials,
            warnings,
            years_without_calendar,
        }
    }

    fn declaration_rank(&self, v: NodeId) -> (usize, usize) {
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => (*i, 0),
            NodeKind::Merged { parts, .. } => (
                self.g.merged[*parts]
                    .iter()
                    .copied()
                    .min()
                    .unwrap_or(usize::MAX),
                1,
            ),
            _ => (usize::MAX, v),
        }
    }

    /// Critical paths as item-id lists.
    fn critical_paths(
        &self,
        topo: &Topology,
        order: &[NodeId],
        t: Times,
        search: &mut PathSearch,
    ) -> Vec<Vec<Text<'a>>> {
        let mut out: Vec<Vec<Text<'a>>> = Vec::new();
        let is_visible = |v: NodeId| self.g.nodes[v].is_visible();
        schedule::critical_paths(topo, order, t, is_visible, search, |path| {
            out.push(path.iter().map(|&v| self.node_id(v)).collect());
        });
        out
    }

    /// Calls `f` with the ruleset item of `v`, or with each item a merged node was made of.
    fn for_each_part(&self, v: NodeId, mut f: impl FnMut(usize)) {
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => f(*i),
            NodeKind::Merged { .. } => self.g.parts(v).iter().for_each(|&i| f(i)),
            _ => {}
        }
    }

    fn materials(&self, v: NodeId) -> TextList<'a> {
        let texts = self.texts();
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => TextList::Borrowed(&texts.items[*i].materials),
            NodeKind::Merged { .. } => {
                let mut out: Vec<Text<'a>> = Vec::new();
                for &i in self.g.parts(v) {
                    for m in &texts.items[i].materials {
                        if !out.iter().any(|x| x == m) {
                            out.push(m.borrowed());
                        }
                    }
                }
                TextList::Owned(out)
            }
            _ => TextList::default(),
        }
    }

    fn planned_item(
        &self,
        v: NodeId,
        topo: &Topology,
        walker: &mut Walker,
        t: Times,
        approval: Times,
        cal: &OffsetCalendar,
    ) -> PlannedItem<'a> {
        let node = &self.g.nodes[v];
        let (name, department, kind, parts, applies_because, provenance) = match &node.kind {
            NodeKind::Item(i) => {
                let it = &self.texts().items[*i];
                (
                    it.name.borrowed(),
                    it.department.borrowed(),
                    PlannedKind::Item,
                    Vec::new(),
                    it.condition.as_ref().map(Text::borrowed),
                    it.provenance.as_ref().map(Text::borrowed),
                )
            }
            NodeKind::Merged { measure, .. } => {
                let parts = self.g.parts(v);
                let m = &self.texts().measures[*measure];
                let department = m
                    .into_department
                    .as_ref()
                    .map(Text::borrowed)
                    .unwrap_or_else(|| {
                        let mut ds: Vec<&str> = Vec::new();
                        for &p in parts {
                            let d = self.texts().items[p].department.as_str();
                            if !ds.contains(&d) {
                                ds.push(d);
                            }
                        }
                        ds.join("、").into()
                    });
                let parts = parts
                    .iter()
                    .map(|&p| self.texts().items[p].id.borrowed())
                    .collect();
                (
                    m.into_name
                        .as_ref()
                        .map(Text::borrowed)
                        .expect("merge has into"),
                    department,
                    PlannedKind::Merged,
                    parts,
                    None,
                    m.provenance.as_ref().map(Text::borrowed),
                )
            }
            _ => unreachable!("only visible nodes are planned"),
        };
        let ([es, ef], [ls, lf]) = (t.early(v), t.late(v));
        let total_float = ls - es;
        let trace = match self.traces.of(v) {
            [] => Vec::new(),
            changes => self.trace(changes),
        };
        PlannedItem {
            id: self.node_id(v),
            name,
            department,
            stage: self.texts().stages[node.stage].0.borrowed(),
            kind,
            parts,
            duration: node.duration,
            unit: node.unit,
            clock: node.clock,
            working_days: ef - es,
            es,
            ef,
            ls,
            lf,
            total_float,
            free_float: t.free_float(v),
            critical: total_float == 0,
            // Critical on the approval clock: zero total float when only approval time
            // counts.
            approval_critical: approval.total_float(v) == 0,
            accepted: cal.date(es),
            decided: cal.date(ef),
            bundle: node.bundle.map(|b| self.texts().measures[b].id.borrowed()),
            predecessors: self.links(topo, walker, v, false),
            successors: self.links(topo, walker, v, true),
            applies_because,
            trace,
            materials: self.materials(v),
            provenance,
        }
    }

    /// An item's changes as data, measures named by id. Out of line: most items have none.
    #[inline(never)]
    fn trace(&self, changes: &[Change]) -> Vec<Change<Text<'a>>> {
        let texts = self.texts();
        (changes.iter())
            .map(|c| c.map_measure(|m| texts.measures[m].id.borrowed()))
            .collect()
    }

    fn stages(
        &self,
        visible: &[NodeId],
        elapsed: Times,
        approval: Times,
        cal: &OffsetCalendar,
    ) -> Vec<StageSpan<'a>> {
        let n = self.ruleset.stages.len();
        // (count, elapsed start, elapsed end, approval start, approval end) per stage.
        let mut acc = vec![(0usize, i64::MAX, i64::MIN, i64::MAX, i64::MIN); n];
        for &v in visible {
            let a = &mut acc[self.g.nodes[v].stage];
            a.0 += 1;
            a.1 = a.1.min(elapsed.es(v));
            a.2 = a.2.max(elapsed.ef(v));
            a.3 = a.3.min(approval.es(v));
            a.4 = a.4.max(approval.ef(v));
        }
        acc.into_iter()
            .enumerate()
            .map(|(s, (count, es, ef, as_, af))| {
                let (id, name, lead) = &self.texts().stages[s];
                let any = count > 0;
                StageSpan {
                    id: id.borrowed(),
                    name: name.borrowed(),
                    lead: lead.as_ref().map(Text::borrowed),
                    items: count,
                    approval_working_days: if any { af - as_ } else { 0 },
                    elapsed_working_days: if any { ef - es } else { 0 },
                    start: any.then(|| cal.date(es)),
                    finish: any.then(|| cal.date(ef)),
                    start_offset: if any { es } else { 0 },
                    finish_offset: if any { ef } else { 0 },
                }
            })
            .collect()
    }

    fn targets(&self, approval: Times, stages: &[StageSpan<'a>]) -> Vec<TargetCheck<'a>> {
        let pt = &self.ruleset.project_types[self.project.project_type];
        let Some(target) = &pt.target else {
            return Vec::new();
        };
        let check = |scope: Text<'a>, name: Text<'a>, target: u32, actual: i64| TargetCheck {
            scope,
            name,
            target,
            actual,
            met: actual <= i64::from(target),
            margin: i64::from(target) - actual,
        };
        let mut out = Vec::new();
        if let Some(total) = target.total {
            out.push(check(
                self.texts().total.borrowed(),
                self.texts().total_name.borrowed(),
                total,
                approval.end,
            ));
        }
        for &(s, days) in &target.stages {
            out.push(check(
                stages[s].id.clone(),
                stages[s].name.clone(),
                days,
                stages[s].approval_working_days,
            ));
        }
        out
    }

    fn project_info(&self, accepted: NaiveDate) -> ProjectInfo<'a> {
        let r = self.ruleset;
        let attributes = r
            .attributes
            .iter()
            .zip(&self.project.values)
            .zip(&self.texts().attributes)
            .filter_map(|((a, v), (id, label))| {
                let v = v.as_ref()?;
                let display: Text = match (a.kind, v) {
                    (AttributeKind::Enum, crate::condition::Value::Text(t)) => a
                        .values
                        .iter()
                        .find(|e| &e.id == t)
                        .map_or_else(|| t.clone().into(), |e| e.label.as_str().into()),
                    (AttributeKind::Bool, crate::condition::Value::Bool(b)) => {
                        if *b { "是" } else { "否" }.into()
                    }
                    (_, v) => match &a.unit {
                        Some(u) => format!("{v} {u}").into(),
                        None => v.to_string().into(),
                    },
                };
                Some(AttributeValue {
                    id: id.borrowed(),
                    label: label.borrowed(),
                    value: v.clone(),
                    display,
                })
            })
            .collect();
        let (type_id, type_name) = &self.texts().types[self.project.project_type];
        ProjectInfo {
            name: self.project.name.clone().into(),
            project_type: type_id.borrowed(),
            project_type_name: type_name.borrowed(),
            classification: self.project.classification.clone(),
            scenario: self.project.scenario,
            start: self.project.start,
            accepted,
            attributes,
        }
    }
}

/// One row of a ruleset's per-project-type matrix (`shenpi show`): each type's example
/// planned with the default measures.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TypeRow {
    /// Project type id.
    pub project_type: String,
    /// Project type display name.
    pub name: String,
    /// Approval time (审批时间) of the type's example, in working days.
    pub approval_working_days: i64,
    /// Elapsed time, in working days.
    pub elapsed_working_days: i64,
    /// Elapsed time, in calendar days from acceptance to the finish.
    pub elapsed_calendar_days: i64,
    /// The type's whole-process target, in approval working days (`None`: no such target).
    pub target: Option<u32>,
    /// Whether the approval time meets `target` (`None` when there is no whole-process target).
    pub met: Option<bool>,
    /// Number of planned items.
    pub items: usize,
    /// Number of distinct application materials.
    pub materials: usize,
    /// Number of separate applications (a bundle or a merged item is one).
    pub applications: usize,
}

impl Planner {
    /// Plans every project type's example from `start`: a bureau's one-glance view.
    pub fn type_matrix(&self, start: NaiveDate) -> Vec<(TypeRow, Plan<'static>)> {
        self.ruleset
            .project_types
            .iter()
            .filter_map(|t| {
                let project = Project::example(&self.ruleset, &t.id, start)?;
                let plan = self.plan(&project);
                let total = plan.targets.iter().find(|c| c.scope == "total");
                let row = TypeRow {
                    project_type: t.id.clone(),
                    name: t.name.clone(),
                    approval_working_days: plan.summary.approval_working_days,
                    elapsed_working_days: plan.summary.elapsed_working_days,
                    elapsed_calendar_days: plan.summary.elapsed_calendar_days,
                    target: total.map(|c| c.target),
                    met: total.map(|c| c.met),
                    items: plan.summary.items,
                    materials: plan.summary.materials,
                    applications: plan.summary.applications,
                };
                Some((row, plan.into_owned()))
            })
            .collect()
    }
}
