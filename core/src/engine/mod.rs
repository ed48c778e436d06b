//! The planner: compiled ruleset + project → [`Plan`].
//!
//! [`Planner`] holds a compiled ruleset and its calendar; [`Planner::plan`] can then be called
//! for any number of projects. Steps: build the work graph ([`graph`]), schedule it twice
//! (approval clock and elapsed clock, [`schedule`]), and assemble the [`Plan`].

mod graph;
mod schedule;

use chrono::NaiveDate;

pub use graph::{Change, Exclusion};

use crate::calendar::Calendar;
use crate::plan::*;
use crate::project::{Project, Scenario};
use crate::ruleset::{AttributeKind, ItemIdx, Provenance, Ruleset};

use graph::{NodeId, NodeKind, WorkGraph};
use schedule::{ClockMode, OffsetCalendar, Times, Topology};

/// A compiled ruleset ready to plan projects.
#[derive(Debug, Clone)]
pub struct Planner {
    pub ruleset: Ruleset,
    calendar: Calendar,
}

impl Planner {
    /// Prepares a ruleset; its calendar is the built-in one plus the ruleset's additions.
    pub fn new(ruleset: Ruleset) -> Self {
        let calendar = Calendar::cn().with_additions(&ruleset.calendar_additions);
        Self { ruleset, calendar }
    }

    /// The calendar plans use (before a project's own additions).
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// Plans one project.
    pub fn plan(&self, project: &Project) -> Plan {
        let extra;
        let calendar = if project.calendar.holidays.is_empty()
            && project.calendar.workdays.is_empty()
            && project.calendar.complete_years.is_empty()
        {
            &self.calendar
        } else {
            extra = self.calendar.with_additions(&project.calendar);
            &extra
        };
        let facts = project.facts();
        let legal = project.scenario == Scenario::Legal;
        let on = |m: usize| project.measure_on(&self.ruleset, m);
        let g = graph::build(&self.ruleset, &facts, legal, &on);
        Assembly::new(&self.ruleset, project, calendar, g).plan()
    }

    /// How many approval working days the project would save if `item` took no time
    /// (its "drag"): 0 for items off the critical path.
    pub fn drag(&self, project: &Project, item_id: &str) -> Option<i64> {
        let base = self.plan(project);
        let idx = self.ruleset.item_index(item_id)?;
        let mut ruleset = self.ruleset.clone();
        ruleset.items[idx].limit = 0;
        ruleset.items[idx].legal_limit = ruleset.items[idx].legal_limit.map(|_| 0);
        let shortened = Planner {
            ruleset,
            calendar: self.calendar.clone(),
        }
        .plan(project);
        Some(base.summary.approval_working_days - shortened.summary.approval_working_days)
    }
}

struct Assembly<'a> {
    ruleset: &'a Ruleset,
    project: &'a Project,
    calendar: &'a Calendar,
    g: WorkGraph,
}

impl<'a> Assembly<'a> {
    fn new(
        ruleset: &'a Ruleset,
        project: &'a Project,
        calendar: &'a Calendar,
        g: WorkGraph,
    ) -> Self {
        Self {
            ruleset,
            project,
            calendar,
            g,
        }
    }

    fn node_id(&self, v: NodeId) -> &str {
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => &self.ruleset.items[*i].id,
            NodeKind::Merged { measure, .. } => {
                &self.ruleset.measures[*measure]
                    .into
                    .as_ref()
                    .expect("merge has into")
                    .id
            }
            _ => "",
        }
    }

    /// Visible nodes reached from `v` along edges, looking through hidden milestones.
    fn visible_neighbours(&self, topo: &Topology, v: NodeId, forward: bool) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![v];
        let mut seen = vec![false; self.g.nodes.len()];
        while let Some(x) = stack.pop() {
            let edges = if forward {
                &topo.succs[x]
            } else {
                &topo.preds[x]
            };
            for &e in edges {
                let y = if forward {
                    self.g.edges[e].to
                } else {
                    self.g.edges[e].from
                };
                if seen[y] {
                    continue;
                }
                seen[y] = true;
                if self.g.nodes[y].is_visible() {
                    out.push(y);
                } else {
                    stack.push(y);
                }
            }
        }
        out.sort_unstable();
        out
    }

    fn plan(self) -> Plan {
        let r = self.ruleset;
        let accepted = self.calendar.next_workday_on_or_after(self.project.start);
        let cal = OffsetCalendar {
            calendar: self.calendar,
            origin: self.calendar.workday_index(accepted),
        };
        let topo = Topology::new(&self.g);
        let elapsed = schedule::schedule(&self.g, &topo, &cal, ClockMode::Elapsed);
        let approval = schedule::schedule(&self.g, &topo, &cal, ClockMode::Approval);
        let visible: Vec<NodeId> = topo
            .order
            .iter()
            .copied()
            .filter(|&v| self.g.nodes[v].is_visible())
            .collect();
        // Items in declaration order (merged items where their first part stood).
        let mut listed = visible.clone();
        listed.sort_by_key(|&v| self.declaration_rank(v));

        let paths = self.paths(&topo, &elapsed);
        let approval_paths = self.paths(&topo, &approval);
        let approval_critical: Vec<NodeId> = approval_paths.iter().flatten().copied().collect();

        let mut materials: Vec<String> = Vec::new();
        let mut applications = 0;
        let mut bundles_seen: Vec<usize> = Vec::new();
        let mut items = Vec::new();
        for &v in &listed {
            let node = &self.g.nodes[v];
            let mats = self.materials(v);
            for m in &mats {
                if !materials.contains(m) {
                    materials.push(m.clone());
                }
            }
            match node.bundle {
                Some(b) if bundles_seen.contains(&b) => {}
                Some(b) => {
                    bundles_seen.push(b);
                    applications += 1;
                }
                None => applications += 1,
            }
            items.push(self.planned_item(
                v,
                &topo,
                &elapsed,
                &cal,
                approval_critical.contains(&v),
                mats,
            ));
        }

        let finish_offset = elapsed.end;
        let finish = cal.date(finish_offset);
        let stages = self.stages(&visible, &elapsed, &approval, &cal);
        let targets = self.targets(&approval, &stages);
        let mut warnings: Vec<String> = self
            .calendar
            .years_without_data(accepted, finish)
            .into_iter()
            .map(Calendar::horizon_warning)
            .collect();
        if visible.is_empty() {
            warnings.push("no item applies to this project".to_owned());
        }
        let type_ids: Vec<&str> = r.project_types.iter().map(|t| t.id.as_str()).collect();
        let measures = r
            .measures
            .iter()
            .enumerate()
            .map(|(m, measure)| {
                let on = self.project.measure_on(r, m);
                let applied = self.g.applied.contains(&m);
                let note = if on && !applied {
                    measure.when.as_ref().map(|w| {
                        let mut s = format!(
                            "does not apply: needs {}",
                            w.describe(&r.attributes, &type_ids)
                        );
                        if let Some(reason) = &w.reason {
                            s.push_str(&format!(" ({reason})"));
                        }
                        s
                    })
                } else {
                    None
                };
                MeasureState {
                    id: measure.id.clone(),
                    name: measure.name.clone(),
                    kind: measure.kind,
                    on,
                    applied,
                    note,
                }
            })
            .collect();
        let excluded = self
            .g
            .excluded
            .iter()
            .map(|(i, why)| {
                let item = &r.items[*i];
                let (reason, measure) = match why {
                    Exclusion::Condition => {
                        let w = item.when.as_ref().expect("excluded by its condition");
                        let mut s = format!(
                            "condition not met: {}",
                            w.describe(&r.attributes, &type_ids)
                        );
                        if let Some(reason) = &w.reason {
                            s.push_str(&format!(" ({reason})"));
                        }
                        (s, None)
                    }
                    Exclusion::Exempted { measure } => (
                        format!("exempted by {}", r.measures[*measure].name),
                        Some(r.measures[*measure].id.clone()),
                    ),
                    Exclusion::Merged { measure } => {
                        let m = &r.measures[*measure];
                        let into = m.into.as_ref().map_or("", |i| i.id.as_str());
                        (
                            format!("merged into `{into}` by {}", m.name),
                            Some(m.id.clone()),
                        )
                    }
                };
                ExcludedItem {
                    id: item.id.clone(),
                    name: item.name.clone(),
                    reason,
                    measure,
                }
            })
            .collect();
        let critical_paths: Vec<Vec<String>> = paths
            .iter()
            .map(|p| p.iter().map(|&v| self.node_id(v).to_owned()).collect())
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
            ruleset: RulesetInfo {
                id: r.id.clone(),
                name: r.name.clone(),
                jurisdiction: r.jurisdiction.clone(),
                content_hash: r.content_hash.clone(),
            },
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
        }
    }

    fn declaration_rank(&self, v: NodeId) -> (usize, usize) {
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => (*i, 0),
            NodeKind::Merged { parts, .. } => {
                (parts.iter().copied().min().unwrap_or(usize::MAX), 1)
            }
            _ => (usize::MAX, v),
        }
    }

    /// Critical paths as visible-node lists, duplicates (through different milestones) removed.
    fn paths(&self, topo: &Topology, t: &Times) -> Vec<Vec<NodeId>> {
        let mut out: Vec<Vec<NodeId>> = Vec::new();
        for p in schedule::critical_paths(&self.g, topo, t) {
            let visible: Vec<NodeId> = p
                .into_iter()
                .filter(|&v| self.g.nodes[v].is_visible())
                .collect();
            if !visible.is_empty() && !out.contains(&visible) {
                out.push(visible);
            }
        }
        out
    }

    fn materials(&self, v: NodeId) -> Vec<String> {
        let items: Vec<ItemIdx> = match &self.g.nodes[v].kind {
            NodeKind::Item(i) => vec![*i],
            NodeKind::Merged { parts, .. } => parts.clone(),
            _ => Vec::new(),
        };
        let mut out: Vec<String> = Vec::new();
        for i in items {
            for m in &self.ruleset.items[i].materials {
                if !out.contains(m) {
                    out.push(m.clone());
                }
            }
        }
        out
    }

    fn planned_item(
        &self,
        v: NodeId,
        topo: &Topology,
        t: &Times,
        cal: &OffsetCalendar,
        approval_critical: bool,
        materials: Vec<String>,
    ) -> PlannedItem {
        let r = self.ruleset;
        let node = &self.g.nodes[v];
        let type_ids: Vec<&str> = r.project_types.iter().map(|t| t.id.as_str()).collect();
        let (name, department, kind, parts, applies_because, provenance) = match &node.kind {
            NodeKind::Item(i) => {
                let item = &r.items[*i];
                let because = item.when.as_ref().map(|w| {
                    let mut s = w.describe(&r.attributes, &type_ids);
                    if let Some(reason) = &w.reason {
                        s.push_str(&format!(" ({reason})"));
                    }
                    s
                });
                let prov = match &item.provenance {
                    Provenance::Source(s) => Some(format!("source: {s}")),
                    Provenance::Estimate(e) => Some(format!("estimate: {e}")),
                    Provenance::Unstated => None,
                };
                (
                    item.name.clone(),
                    item.department.clone(),
                    PlannedKind::Item,
                    Vec::new(),
                    because,
                    prov,
                )
            }
            NodeKind::Merged { measure, parts } => {
                let m = &r.measures[*measure];
                let into = m.into.as_ref().expect("merge has into");
                let department = into.department.clone().unwrap_or_else(|| {
                    let mut ds: Vec<&str> = Vec::new();
                    for &p in parts {
                        if !ds.contains(&r.items[p].department.as_str()) {
                            ds.push(&r.items[p].department);
                        }
                    }
                    ds.join("、")
                });
                let prov = match &m.provenance {
                    Provenance::Source(s) => Some(format!("source: {s}")),
                    Provenance::Estimate(e) => Some(format!("estimate: {e}")),
                    Provenance::Unstated => None,
                };
                (
                    into.name.clone(),
                    department,
                    PlannedKind::Merged,
                    parts.iter().map(|&p| r.items[p].id.clone()).collect(),
                    None,
                    prov,
                )
            }
            _ => unreachable!("only visible nodes are planned"),
        };
        let ids = |vs: Vec<NodeId>| vs.into_iter().map(|x| self.node_id(x).to_owned()).collect();
        PlannedItem {
            id: self.node_id(v).to_owned(),
            name,
            department,
            stage: r.stages[node.stage].id.clone(),
            kind,
            parts,
            duration: node.duration,
            unit: node.unit,
            clock: node.clock,
            working_days: t.ef[v] - t.es[v],
            es: t.es[v],
            ef: t.ef[v],
            ls: t.ls[v],
            lf: t.lf[v],
            total_float: t.total_float[v],
            free_float: t.free_float[v],
            critical: t.total_float[v] == 0,
            approval_critical,
            accepted: cal.date(t.es[v]),
            decided: cal.date(t.ef[v]),
            bundle: node.bundle.map(|b| r.measures[b].id.clone()),
            predecessors: ids(self.visible_neighbours(topo, v, false)),
            successors: ids(self.visible_neighbours(topo, v, true)),
            applies_because,
            changes: node
                .changes
                .iter()
                .map(|c| self.describe_change(c))
                .collect(),
            materials,
            provenance,
        }
    }

    fn describe_change(&self, c: &Change) -> String {
        let m = |i: &usize| &self.ruleset.measures[*i].name;
        match c {
            Change::Legal { from, to } => format!(
                "statutory limit {to} d used instead of the promised {from} d (legal scenario)"
            ),
            Change::Duration { measure, from, to } => format!("{}: {from} → {to} d", m(measure)),
            Change::Clock { measure, from, to } => {
                format!("{}: clock {from:?} → {to:?}", m(measure))
                    .to_lowercase()
                    .replacen(&m(measure).to_lowercase(), m(measure), 1)
            }
            Change::Unit { measure, to } => format!(
                "{}: counted in {} days",
                m(measure),
                if *to == crate::ruleset::DurationUnit::Natural {
                    "natural"
                } else {
                    "working"
                }
            ),
            Change::Dependencies {
                measure,
                dropped,
                added,
            } => format!(
                "{}: {dropped} dependencies dropped, {added} added",
                m(measure)
            ),
            Change::Overlapped { measure, links } => format!(
                "{}: accepted alongside {links} predecessor(s) (start-to-start)",
                m(measure)
            ),
            Change::Exempted { measure } => format!("{}: exempted", m(measure)),
            Change::MergedInto { measure } => format!("{}: merged", m(measure)),
            Change::Bundled { measure } => format!("{}: accepted and decided together", m(measure)),
            Change::GateLifted { measure } => format!(
                "{}: stage gate lifted, runs alongside the previous stage",
                m(measure)
            ),
        }
    }

    fn stages(
        &self,
        visible: &[NodeId],
        elapsed: &Times,
        approval: &Times,
        cal: &OffsetCalendar,
    ) -> Vec<StageSpan> {
        self.ruleset
            .stages
            .iter()
            .enumerate()
            .map(|(s, stage)| {
                let members: Vec<NodeId> = visible
                    .iter()
                    .copied()
                    .filter(|&v| self.g.nodes[v].stage == s)
                    .collect();
                let span = |t: &Times| -> Option<(i64, i64)> {
                    let start = members.iter().map(|&v| t.es[v]).min()?;
                    let end = members.iter().map(|&v| t.ef[v]).max()?;
                    Some((start, end))
                };
                let e = span(elapsed);
                let a = span(approval);
                StageSpan {
                    id: stage.id.clone(),
                    name: stage.name.clone(),
                    lead: stage.lead.clone(),
                    items: members.len(),
                    approval_working_days: a.map_or(0, |(s, e)| e - s),
                    elapsed_working_days: e.map_or(0, |(s, e)| e - s),
                    start: e.map(|(s, _)| cal.date(s)),
                    finish: e.map(|(_, f)| cal.date(f)),
                    start_offset: e.map_or(0, |(s, _)| s),
                    finish_offset: e.map_or(0, |(_, f)| f),
                }
            })
            .collect()
    }

    fn targets(&self, approval: &Times, stages: &[StageSpan]) -> Vec<TargetCheck> {
        let pt = &self.ruleset.project_types[self.project.project_type];
        let Some(target) = &pt.target else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let check = |scope: String, name: String, target: u32, actual: i64| TargetCheck {
            scope,
            name,
            target,
            actual,
            met: actual <= i64::from(target),
            margin: i64::from(target) - actual,
        };
        if let Some(total) = target.total {
            out.push(check(
                "total".to_owned(),
                "全流程".to_owned(),
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

    fn project_info(&self, accepted: NaiveDate) -> ProjectInfo {
        let r = self.ruleset;
        let pt = &r.project_types[self.project.project_type];
        let attributes = r
            .attributes
            .iter()
            .zip(&self.project.values)
            .filter_map(|(a, v)| {
                let v = v.as_ref()?;
                let display = match (a.kind, v) {
                    (AttributeKind::Enum, crate::condition::Value::Text(t)) => a
                        .values
                        .iter()
                        .find(|e| &e.id == t)
                        .map_or_else(|| t.clone(), |e| e.label.clone()),
                    (AttributeKind::Bool, crate::condition::Value::Bool(b)) => {
                        if *b { "是" } else { "否" }.to_owned()
                    }
                    (_, v) => match &a.unit {
                        Some(u) => format!("{v} {u}"),
                        None => v.to_string(),
                    },
                };
                Some(AttributeValue {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    value: v.clone(),
                    display,
                })
            })
            .collect();
        ProjectInfo {
            name: self.project.name.clone(),
            project_type: pt.id.clone(),
            project_type_name: pt.name.clone(),
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
    pub project_type: String,
    pub name: String,
    pub approval_working_days: i64,
    pub elapsed_working_days: i64,
    pub elapsed_calendar_days: i64,
    pub target: Option<u32>,
    pub met: Option<bool>,
    pub items: usize,
    pub materials: usize,
    pub applications: usize,
}

impl Planner {
    /// Plans every project type's example from `start`: a bureau's one-glance view.
    pub fn type_matrix(&self, start: NaiveDate) -> Vec<(TypeRow, Plan)> {
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
                Some((row, plan))
            })
            .collect()
    }
}
