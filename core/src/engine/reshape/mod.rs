//! Reshaping a project's work graph: the items whose conditions fail are taken out, then every
//! measure that is on and whose condition holds is applied, in declared order. One module per
//! kind of measure; [`apply`] dispatches on the measure's [`MeasureAction`].

mod bundle;
mod commitment;
mod exempt;
mod merge;
mod overlap;
mod parallel;
mod set;

use crate::condition::Facts;
use crate::ruleset::{MeasureAction, MeasureIdx, Ruleset};

use super::graph::{Edge, NodeId, WorkGraph, node_for};

/// Why an item is not in the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Exclusion {
    /// Its `when` does not hold.
    Condition,
    /// An `exempt` measure removed it.
    Exempted {
        /// The measure.
        measure: MeasureIdx,
    },
    /// A `merge` measure folded it into a new item.
    Merged {
        /// The measure.
        measure: MeasureIdx,
    },
}

/// Drops the items whose conditions fail, then applies every measure that is on and whose
/// condition holds, in declared order.
pub(crate) fn reshape(
    g: &mut WorkGraph,
    ruleset: &Ruleset,
    facts: &Facts,
    measure_on: &dyn Fn(MeasureIdx) -> bool,
) {
    for (i, item) in ruleset.items.iter().enumerate() {
        if let Some(w) = &item.when
            && !w.holds(facts)
        {
            let i = crate::ruleset::ItemIdx::new(i);
            g.bypass(WorkGraph::item_node(i));
            g.excluded.push((i, Exclusion::Condition));
        }
    }
    for (m, measure) in ruleset.measures.iter().enumerate() {
        let m = MeasureIdx::new(m);
        if !measure_on(m) {
            continue;
        }
        // A measure whose `when` does not hold is on but not applied (the plan's
        // measure states say so).
        if measure.when.as_ref().is_some_and(|w| !w.holds(facts)) {
            continue;
        }
        apply(g, ruleset, m);
        g.applied.push(m);
    }
}

/// Applies measure `m` to the nodes that now stand for its items.
fn apply(g: &mut WorkGraph, ruleset: &Ruleset, m: MeasureIdx) {
    let measure = &ruleset.measures[m];
    // The list is the graph's own spare memory, taken out while in use.
    let mut targets = std::mem::take(&mut g.spare.targets);
    targets.clear();
    targets.extend(measure.items.iter().filter_map(|&i| node_for(g, i)));
    targets.dedup();
    match &measure.action {
        MeasureAction::Commitment { limit } => commitment::apply(g, m, &targets, *limit),
        MeasureAction::Exempt => exempt::apply(g, m, &targets),
        MeasureAction::Merge { into, limit } => {
            merge::apply(g, m, &targets, into.stage, *limit);
        }
        MeasureAction::Parallel { stages } => parallel::apply(g, m, &targets, stages),
        MeasureAction::Overlap { lag } => overlap::apply(g, m, &targets, *lag),
        MeasureAction::Set(fields) => set::apply(g, m, &targets, fields),
        MeasureAction::Bundle { limit } => bundle::apply(g, m, &targets, *limit),
    }
    g.spare.targets = targets;
}

/// Calls `f` with each alive edge touching `targets` (in index order), with whether its
/// source and its target are among them: what `merge` and `bundle` rewire.
fn rewire_touching(
    g: &mut WorkGraph,
    targets: &[NodeId],
    mut f: impl FnMut(&mut WorkGraph, usize, Edge, [bool; 2]),
) {
    let mut touching = std::mem::take(&mut g.spare.edges);
    g.edges_touching(targets, &mut touching);
    for &e in &touching {
        let edge = g.edges[e];
        let inside = [targets.contains(&edge.from()), targets.contains(&edge.to())];
        f(g, e, edge, inside);
    }
    g.spare.edges = touching;
}
