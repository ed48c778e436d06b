//! Assembling the [`Plan`] from a reshaped, scheduled work graph, in steps: the order items
//! are listed in (here), each planned item (`items`), the stage spans and target checks
//! (`spans`), the application materials and applications (`tallies`), the excluded items
//! and the measures' states (`states`), the project as resolved (`project_info`), the key
//! dates (`key_dates`), and the summary (here).

mod items;
mod key_dates;
mod project_info;
mod spans;
mod states;
mod tallies;

use crate::calendar::Calendar;
use crate::plan::*;
use crate::project::Project;
use crate::ruleset::Ruleset;

use super::critical::PathSearch;
use super::graph::{NodeId, NodeKind, WorkGraph};
use super::links::{Links, Walker};
use super::offsets::OffsetCalendar;
use super::schedule::{self, Schedule, Timeline};
use super::texts::Texts;
use super::topology::Topology;
use super::traces::Traces;

/// Everything a plan computes from its graph before the plan itself; a planner keeps it
/// between plans so that its memory is reused.
#[derive(Default)]
pub(super) struct Passes {
    topo: Topology,
    /// Both timelines' times, and the topological order the forward pass found.
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

/// One plan being put together; `'a` is what the plan borrows (the planner), `'p` the
/// project and its calendar, which may be the project's own extension of the planner's.
pub(super) struct Assembly<'a, 'p> {
    pub ruleset: &'a Ruleset,
    pub texts: &'a Texts,
    pub project: &'p Project,
    pub calendar: &'p Calendar,
    /// Each ruleset item's links in the unreshaped graph (predecessors, successors).
    pub base_links: &'a [[Links; 2]],
    /// The topology of the unreshaped graph.
    pub base_topology: &'a Topology,
    pub g: &'p WorkGraph,
    pub traces: &'p Traces,
    /// What is known of each node (a re-forecast), or empty (a plan).
    pub pins: &'p [schedule::Pin],
}

impl<'a> Assembly<'a, '_> {
    /// The planner's texts, borrowed for the whole plan.
    fn texts(&self) -> &'a Texts {
        self.texts
    }

    pub fn plan(&self, passes: &mut Passes) -> Plan<'a> {
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
        schedule::schedule(self.g, topo, &cal, self.pins, times);
        let (topo, times) = (&*topo, &*times);
        let (elapsed, approval) = (times.on(Timeline::Elapsed), times.on(Timeline::Approval));
        self.list_in_declaration_order(listed);
        let critical_paths = self.critical_paths(topo, &times.order, elapsed, path_search);
        let (materials, applications) = self.tallies(listed, material_seen, material_order);
        walker.reset(self.g.nodes.len());
        // Built straight into the list (a push would build each item and then copy it).
        let items: Vec<PlannedItem> = (listed.iter())
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
        let (construction_start, completion) = self.works_dates(elapsed, &cal);
        let summary = Summary {
            approval_working_days: approval.end,
            approval_finish: cal.date(approval.end),
            elapsed_working_days: elapsed.end,
            elapsed_calendar_days: (finish - accepted).num_days(),
            finish,
            construction_start,
            completion,
            items: items.len(),
            critical_items: items.iter().filter(|i| i.critical).count(),
            materials: materials.len(),
            items_with_materials: items.iter().filter(|i| !i.materials.is_empty()).count(),
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
            excluded: self.excluded(),
            measures: self.measure_states(),
            critical_path: critical_paths.first().cloned().unwrap_or_default(),
            critical_paths,
            milestones: self.milestones(elapsed, &cal),
            materials,
            warnings,
            years_without_calendar,
        }
    }

    /// The planned nodes into `listed`, in declaration order: items where they were
    /// declared, each merged item where its first part was.
    fn list_in_declaration_order(&self, listed: &mut Vec<NodeId>) {
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
    }

    /// Where a node is listed: an item at its index, a merged item after its first part.
    fn declaration_rank(&self, v: NodeId) -> (usize, usize) {
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => (i.index(), 0),
            NodeKind::Merged { parts, .. } => (
                (self.g.merged[*parts].iter())
                    .map(|i| i.index())
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
        t: schedule::Times,
        search: &mut PathSearch,
    ) -> Vec<Vec<Text<'a>>> {
        let mut out: Vec<Vec<Text<'a>>> = Vec::new();
        let is_visible = |v: NodeId| self.g.nodes[v].is_visible();
        super::critical::critical_paths(topo, order, t, is_visible, search, |path| {
            out.push(path.iter().map(|&v| self.node_id(v)).collect());
        });
        out
    }
}
