//! Each planned item: its texts, dates, floats, links and trace.

use crate::plan::*;
use crate::ruleset::ItemIdx;

use super::super::graph::{NodeId, NodeKind, node_for};
use super::super::links::Walker;
use super::super::offsets::OffsetCalendar;
use super::super::schedule::Times;
use super::super::topology::Topology;
use super::Assembly;

impl<'a> Assembly<'a, '_> {
    /// The plan id of node `v` (empty for milestones).
    #[inline]
    pub(super) fn node_id(&self, v: NodeId) -> Text<'a> {
        let texts = self.texts();
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => texts.item(*i).id.borrowed(),
            NodeKind::Merged { measure, .. } => merged_texts(texts, *measure).id.borrowed(),
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
        // the prepared ones. (Debug builds, i.e. the tests, walk anyway and check; the
        // release-mode test run in CI takes this path.)
        if let NodeKind::Item(i) = self.g.nodes[v].kind
            && !self.g.nodes[v].relinked[usize::from(forward)]
            && !cfg!(debug_assertions)
        {
            return TextList::borrowed(&self.base_links[i.index()][usize::from(forward)].ids);
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
            NodeKind::Item(i) => Some(&self.base_links[i.index()][usize::from(forward)]),
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
                return TextList::borrowed(&base.ids);
            }
        }
        TextList::from(
            (walker.found.iter())
                .map(|&y| self.node_id(y))
                .collect::<Vec<_>>(),
        )
    }

    /// Calls `f` with the ruleset item of `v`, or with each item a merged node was made of.
    pub(super) fn for_each_part(&self, v: NodeId, mut f: impl FnMut(ItemIdx)) {
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => f(*i),
            NodeKind::Merged { .. } => self.g.parts(v).iter().for_each(|&i| f(i)),
            _ => {}
        }
    }

    /// The application materials of `v` (a merged item: its parts', de-duplicated).
    fn materials(&self, v: NodeId) -> TextList<'a> {
        let texts = self.texts();
        match &self.g.nodes[v].kind {
            NodeKind::Item(i) => TextList::borrowed(&texts.item(*i).materials),
            NodeKind::Merged { .. } => {
                let mut out: Vec<Text<'a>> = Vec::new();
                for &i in self.g.parts(v) {
                    for m in &texts.item(i).materials {
                        if !out.iter().any(|x| x == m) {
                            out.push(m.borrowed());
                        }
                    }
                }
                TextList::from(out)
            }
            _ => TextList::default(),
        }
    }

    pub(super) fn planned_item(
        &self,
        v: NodeId,
        topo: &Topology,
        walker: &mut Walker,
        t: Times,
        approval: Times,
        cal: &OffsetCalendar,
    ) -> PlannedItem<'a> {
        let node = &self.g.nodes[v];
        let texts = self.texts();
        let (name, department, kind, parts, applies_because, provenance) = match &node.kind {
            NodeKind::Item(i) => {
                let it = texts.item(*i);
                // A limit case that set the limit is where the number comes from.
                let case = self.traces.of(v).iter().find_map(|c| match c {
                    Change::LimitCase { case, .. } => Some(*case as usize),
                    _ => None,
                });
                let provenance = match case {
                    Some(k) => it.case_provenance[k].as_ref(),
                    None => it.provenance.as_ref(),
                };
                (
                    it.name.borrowed(),
                    it.department.borrowed(),
                    PlannedKind::Item,
                    Vec::new(),
                    it.condition.as_ref().map(Text::borrowed),
                    provenance.map(Basis::borrowed),
                )
            }
            NodeKind::Merged { measure, .. } => {
                let parts = self.g.parts(v);
                let into = merged_texts(texts, *measure);
                let department =
                    into.department
                        .as_ref()
                        .map(Text::borrowed)
                        .unwrap_or_else(|| {
                            let mut ds: Vec<&str> = Vec::new();
                            for &p in parts {
                                let d = texts.item(p).department.as_str();
                                if !ds.contains(&d) {
                                    ds.push(d);
                                }
                            }
                            ds.join("、").into()
                        });
                let parts = parts.iter().map(|&p| texts.item(p).id.borrowed()).collect();
                (
                    into.name.borrowed(),
                    department,
                    PlannedKind::Merged,
                    parts,
                    None,
                    texts
                        .measure(*measure)
                        .provenance
                        .as_ref()
                        .map(Basis::borrowed),
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
            stage: texts.stage(node.stage).0.borrowed(),
            kind,
            parts,
            duration: node.duration,
            unit: node.unit,
            clock: node.clock,
            works: matches!(node.kind, NodeKind::Item(i) if self.ruleset.items[i].works),
            working_days: ef - es,
            es,
            ef,
            ls,
            lf,
            total_float,
            free_float: t.free_float(v),
            // The one meaning of "critical" everywhere: zero total float on the elapsed
            // timeline. (`Plan::critical_path` only picks one such path to draw.)
            critical: total_float == 0,
            // Zero total float when only approval time counts.
            approval_critical: approval.total_float(v) == 0,
            accepted: cal.date(es),
            decided: cal.date(ef),
            bundle: node.bundle.map(|b| texts.measure(b).id.borrowed()),
            prerequisites: self.prerequisites(v, t, cal),
            predecessors: self.links(topo, walker, v, false),
            successors: self.links(topo, walker, v, true),
            applies_because,
            trace,
            materials: self.materials(v),
            provenance,
        }
    }

    /// The statutory prerequisites of `v` (a merged item: its parts', those among the parts
    /// left out) and what became of each.
    fn prerequisites(
        &self,
        v: NodeId,
        t: Times,
        cal: &OffsetCalendar,
    ) -> Vec<PrerequisiteState<'a>> {
        let r = self.ruleset;
        let mut any = false;
        self.for_each_part(v, |i| any |= !r.items[i].requires.is_empty());
        if !any {
            return Vec::new();
        }
        self.listed_prerequisites(v, t, cal)
    }

    /// [`Self::prerequisites`] of an item that has some (out of line: most have none).
    #[inline(never)]
    fn listed_prerequisites(
        &self,
        v: NodeId,
        t: Times,
        cal: &OffsetCalendar,
    ) -> Vec<PrerequisiteState<'a>> {
        let (r, texts) = (self.ruleset, self.texts());
        let mut parts = Vec::new();
        self.for_each_part(v, |i| parts.push(i));
        let works = parts.iter().any(|&i| r.items[i].works);
        let mut out: Vec<PrerequisiteState<'a>> = Vec::new();
        for &i in &parts {
            let sources = &texts.item(i).requires_sources;
            for (p, source) in r.items[i].requires.iter().zip(sources) {
                if parts.contains(&p.item) {
                    continue;
                }
                // Waived by a measure that lets this item go ahead without it, or that removed
                // the prerequisite itself with its document (an exemption that waives it).
                let waived_by = (self.g.applied.iter())
                    .find(|&&m| {
                        let m = &r.measures[m];
                        m.waives.contains(&p.item)
                            && (m.items.contains(&p.item)
                                || parts.iter().any(|i| m.items.contains(i)))
                    })
                    .map(|&m| texts.measure(m).id.borrowed());
                let node = node_for(self.g, p.item);
                out.push(PrerequisiteState {
                    item: node
                        .map_or_else(|| texts.item(p.item).id.borrowed(), |n| self.node_id(n)),
                    source: source.as_ref().map(Text::borrowed),
                    decided: node.map(|n| cal.date(t.ef(n))),
                    // The works wait for their prerequisites to start; other items, to be
                    // decided.
                    held: waived_by.is_none()
                        && node.is_some_and(|n| {
                            let own = if works { t.es(v) } else { t.ef(v) };
                            t.ef(n) == own
                        }),
                    waived_by,
                });
            }
        }
        out
    }

    /// An item's changes as data, measures named by id. Out of line: most items have none.
    #[inline(never)]
    fn trace(&self, changes: &[Change]) -> Vec<Change<Text<'a>>> {
        let texts = self.texts();
        (changes.iter())
            .map(|c| c.map_measure(|m| texts.measure(m).id.borrowed()))
            .collect()
    }
}

/// The texts of the item merge measure `m` created.
fn merged_texts(
    texts: &super::super::texts::Texts,
    m: crate::ruleset::MeasureIdx,
) -> &super::super::texts::MergedTexts {
    (texts.measure(m).into.as_ref()).expect("a merged node is made by a merge measure")
}
