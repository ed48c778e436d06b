//! Reshaping a project's work graph: the items whose conditions fail are taken out, then every
//! measure that is on and whose condition holds is applied, in declared order. One module per
//! kind of measure; [`apply`] dispatches on the measure's [`MeasureAction`].

mod bundle;
mod cases;
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

/// Drops the items whose conditions fail, gives the others the limits their cases set for
/// this project, then applies every measure that is on and whose condition holds, in
/// declared order. `legal`: the statutory limits are planned.
pub(crate) fn reshape(
    g: &mut WorkGraph,
    ruleset: &Ruleset,
    facts: &Facts,
    legal: bool,
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
    cases::apply(g, ruleset, facts, legal);
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
        if apply(g, ruleset, m) {
            g.applied.push(m);
        } else {
            g.idle.push(m);
        }
    }
}

/// Applies measure `m` to the nodes that now stand for its items; whether it could. It
/// cannot when too few of its items are in the plan to act on (one for most kinds, two to
/// merge, bundle, overlap or run in parallel), or when a merge's parts have an item between
/// them.
fn apply(g: &mut WorkGraph, ruleset: &Ruleset, m: MeasureIdx) -> bool {
    let measure = &ruleset.measures[m];
    // The list is the graph's own spare memory, taken out while in use.
    let mut targets = std::mem::take(&mut g.spare.targets);
    targets.clear();
    targets.extend(measure.items.iter().filter_map(|&i| node_for(g, i)));
    targets.dedup();
    let needed = match &measure.action {
        // Lifting stage gates needs no item.
        MeasureAction::Parallel { stages } if !stages.is_empty() => 0,
        MeasureAction::Merge { .. }
        | MeasureAction::Bundle { .. }
        | MeasureAction::Overlap { .. }
        | MeasureAction::Parallel { .. } => 2,
        _ => 1,
    };
    if targets.len() < needed {
        g.spare.targets = targets;
        return false;
    }
    let mut applied = true;
    match &measure.action {
        MeasureAction::Commitment { limit } => commitment::apply(g, m, &targets, *limit),
        MeasureAction::Exempt => exempt::apply(g, m, &targets),
        MeasureAction::Merge { into, limit } => {
            applied = merge::apply(g, m, &targets, into.stage, *limit);
        }
        MeasureAction::Parallel { stages } => parallel::apply(g, m, &targets, stages),
        MeasureAction::Overlap { lag } => overlap::apply(g, m, &targets, *lag),
        MeasureAction::Set(fields) => set::apply(g, m, &targets, fields),
        MeasureAction::Bundle { limit } => bundle::apply(g, m, &targets, *limit),
    }
    if applied {
        waive(g, &measure.waives, &targets);
    }
    g.spare.targets = targets;
    applied
}

/// Drops the statutory links from the `waived` prerequisites into `targets`: the measure
/// lets its items be decided without waiting for them (告知承诺, with the measure's source).
fn waive(g: &mut WorkGraph, waived: &[crate::ruleset::ItemIdx], targets: &[NodeId]) {
    for &p in waived {
        let Some(from) = node_for(g, p) else { continue };
        for &n in targets {
            if !g.nodes[n].alive {
                continue;
            }
            for e in g.incoming(n) {
                if g.edges[e].statutory && g.edges[e].from() == from {
                    g.kill_edge(e);
                }
            }
        }
    }
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

/// Marks in `g.spare.between` the nodes outside `targets` that lie between them: reached
/// from one of them and reaching one of them (an item that waits for one member and is
/// waited for by another). Joining the targets must leave such a node's links as they are, or
/// the graph would get a cycle. Whether there is any.
///
/// When the targets share a stage, the walks stop at that stage's gates: what follows the
/// stage's end cannot reach back into it, nor can what precedes its start be reached from it
/// (the graph is acyclic), so the gates bound the walks to the stage without changing the
/// answer.
fn mark_between(g: &mut WorkGraph, targets: &[NodeId]) -> bool {
    let n = g.nodes.len();
    let shared_stage = {
        let s = g.nodes[targets[0]].stage;
        targets.iter().all(|&t| g.nodes[t].stage == s).then_some(s)
    };
    let (mut between, mut reached, mut stack) = (
        std::mem::take(&mut g.spare.between),
        std::mem::take(&mut g.spare.reached),
        std::mem::take(&mut g.spare.stack),
    );
    // Forward from the targets into `between`, then backward into `reached`.
    for (forward, seen) in [(true, &mut between), (false, &mut reached)] {
        seen.clear();
        seen.resize(n, false);
        stack.clear();
        stack.extend_from_slice(targets);
        let bound = shared_stage.map(|s| if forward { g.gate_out(s) } else { g.gate_in(s) });
        while let Some(v) = stack.pop() {
            let mut visit = |w: NodeId| {
                if Some(w) != bound && !std::mem::replace(&mut seen[w], true) {
                    stack.push(w);
                }
            };
            if forward {
                g.edges_out(v).for_each(|e| visit(e.to()));
            } else {
                g.predecessors(v).for_each(&mut visit);
            }
        }
    }
    let mut any = false;
    for v in 0..n {
        between[v] &= reached[v] && !targets.contains(&v);
        any |= between[v];
    }
    (g.spare.between, g.spare.reached, g.spare.stack) = (between, reached, stack);
    any
}
