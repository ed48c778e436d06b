//! 联合审图 / 多测合一 / 联合验收 (merging): the items become one new item that takes over
//! their links; the parts leave the plan.

use crate::ruleset::{Clock, DurationUnit, ItemIdx, MeasureIdx, StageIdx};

use super::super::graph::{Link, Node, NodeId, NodeKind, WorkGraph};
use super::Exclusion;

/// Merges `targets` (at least two); false when it cannot (see below).
pub(super) fn apply(
    g: &mut WorkGraph,
    m: MeasureIdx,
    targets: &[NodeId],
    stage: Option<StageIdx>,
    limit: Option<u32>,
) -> bool {
    // An item that waits for one part and is waited for by another would have to be decided
    // both before and after the merged item: such parts cannot be decided as one, and the
    // measure does not apply to this project.
    if super::mark_between(g, targets) {
        return false;
    }
    let mut parts: Vec<ItemIdx> = Vec::with_capacity(targets.len());
    for &n in targets {
        match g.nodes[n].kind {
            NodeKind::Item(i) => parts.push(i),
            NodeKind::Merged { parts: inner, .. } => parts.extend_from_slice(&g.merged[inner]),
            _ => {}
        }
    }
    let longest = (targets.iter())
        .map(|&n| &g.nodes[n])
        .max_by_key(|n| n.duration)
        .expect("non-empty");
    let (duration, unit) = match limit {
        Some(l) => (l, DurationUnit::Working),
        None => (longest.duration, longest.unit),
    };
    // Approval time if any part counts as approval time.
    let clock = if targets.iter().any(|&n| g.nodes[n].clock == Clock::Approval) {
        Clock::Approval
    } else {
        longest.clock
    };
    let stage = stage.unwrap_or(g.nodes[targets[0]].stage);
    g.merged.push(parts);
    let new = g.add_node(Node::merged(
        m,
        g.merged.len() - 1,
        stage,
        (duration, unit, clock),
    ));
    // Links with the outside move to the new item; links among the parts disappear.
    super::rewire_touching(g, targets, |g, e, edge, [from_in, to_in]| {
        g.kill_edge(e);
        if !(from_in && to_in) {
            let from = if from_in { new } else { edge.from() };
            let to = if to_in { new } else { edge.to() };
            g.add_edge_as(from, to, edge.link, edge.lag, edge.statutory);
        }
    });
    // Keep the merged item inside its stage's gates.
    g.add_edge(g.gate_in(stage), new, Link::FS, 0);
    g.add_edge(new, g.gate_out(stage), Link::FS, 0);
    for &n in targets {
        g.nodes[n].alive = false;
        if let NodeKind::Item(i) = g.nodes[n].kind {
            g.excluded.push((i, Exclusion::Merged { measure: m }));
        }
    }
    true
}
