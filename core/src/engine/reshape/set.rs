//! 压缩时限 and other overrides: a `set` measure replaces fields of its items (limits, clock,
//! unit, predecessors).

use crate::plan::Change;
use crate::ruleset::{MeasureIdx, SetFields};

use super::super::graph::{Link, NodeId, WorkGraph, node_for};

pub(super) fn apply(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId], set: &SetFields) {
    for &n in targets {
        // Under the statutory limits (the legal scenario) the statutory override applies.
        let legal = (g.changes.iter()).any(|(v, c)| *v == n && matches!(c, Change::Legal { .. }));
        let new = if legal {
            set.legal_limit.or(set.limit)
        } else {
            set.limit
        };
        let node = &mut g.nodes[n];
        if let Some(to) = new.filter(|to| *to != node.duration) {
            g.changes.push((
                n,
                Change::Duration {
                    measure: m,
                    from: node.duration,
                    to,
                },
            ));
            node.duration = to;
        }
        if let Some(c) = set.clock.filter(|c| *c != node.clock) {
            g.changes.push((
                n,
                Change::Clock {
                    measure: m,
                    from: node.clock,
                    to: c,
                },
            ));
            node.clock = c;
        }
        if let Some(u) = set.unit.filter(|u| *u != node.unit) {
            g.changes.push((n, Change::Unit { measure: m, to: u }));
            node.unit = u;
        }
        if let Some(after) = &set.after {
            replace_predecessors(g, m, n, after);
        }
    }
}

/// Replaces the predecessors of `n` (its stage gate and its statutory prerequisites stay).
fn replace_predecessors(
    g: &mut WorkGraph,
    m: MeasureIdx,
    n: NodeId,
    after: &[crate::ruleset::Dependency],
) {
    let stage_gate = g.gate_in(g.nodes[n].stage);
    let old: Vec<usize> = (g.incoming(n).into_iter())
        .filter(|&e| g.edges[e].from() != stage_gate && !g.edges[e].statutory)
        .collect();
    let dropped = old.len();
    for e in old {
        g.kill_edge(e);
    }
    let mut added = 0;
    for d in after {
        if let Some(p) = node_for(g, d.item) {
            g.add_edge(p, n, Link::from_kind(d.kind), d.lag);
            added += 1;
        }
    }
    g.changes.push((
        n,
        Change::Dependencies {
            measure: m,
            dropped,
            added,
        },
    ));
}
