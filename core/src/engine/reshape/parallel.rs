//! 并联审批 (parallel approval): the items no longer wait for each other, and the listed
//! stages start together instead of one after another. What an item waited for through a
//! dropped link it still waits for: ancestry is handed down, so no order the law or the
//! technique needs from outside the group is lost.

use crate::plan::Change;
use crate::ruleset::{MeasureIdx, StageIdx};

use super::super::graph::{NodeId, WorkGraph};

pub(super) fn apply(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId], stages: &[StageIdx]) {
    drop_links_among(g, m, targets);
    lift_gates(g, m, stages);
}

/// Drops every link among `targets`, handing each dropped link's own constraints down.
fn drop_links_among(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId]) {
    let (mut dropped, mut listed) = (
        std::mem::take(&mut g.spare.dropped),
        std::mem::take(&mut g.spare.listed),
    );
    dropped.clear();
    dropped.resize(g.nodes.len(), 0);
    listed.clear();
    listed.resize(g.nodes.len(), false);
    for &n in targets {
        listed[n] = true;
    }
    // Every edge among the listed items, in index order. Dropping one appends the
    // constraints it hands down, which this same scan reaches later: the order of a search
    // from the start after every drop, in one pass.
    let mut e = 0;
    while e < g.edges.len() {
        let edge = g.edges[e];
        // A statutory prerequisite stays: the items are accepted alongside each other, but
        // an item is still decided no earlier than what the law requires first.
        if edge.alive && !edge.statutory && listed[edge.from()] && listed[edge.to()] {
            dropped[edge.to()] += 1;
            g.drop_edge_keep_ancestry(e);
        }
        e += 1;
    }
    for &n in targets {
        if dropped[n] > 0 {
            g.changes.push((
                n,
                Change::Dependencies {
                    measure: m,
                    dropped: dropped[n],
                    added: 0,
                },
            ));
        }
    }
    (g.spare.dropped, g.spare.listed) = (dropped, listed);
}

/// Lifts the gates among `stages`: a later stage starts with the earlier one.
fn lift_gates(g: &mut WorkGraph, m: MeasureIdx, stages: &[StageIdx]) {
    for &s in stages {
        for &p in stages {
            let (out_p, in_s) = (g.gate_out(p), g.gate_in(s));
            let Some(e) = (g.incoming(in_s).into_iter()).find(|&e| g.edges[e].from() == out_p)
            else {
                continue;
            };
            // The later stage now starts with the earlier one: it waits for what the earlier
            // stage's gate waited for, not for its items.
            g.kill_edge(e);
            for i in g.incoming(g.gate_in(p)) {
                let a = g.edges[i];
                g.add_edge(a.from(), in_s, a.link, a.lag);
            }
            for n in 0..g.nodes.len() {
                let node = &g.nodes[n];
                if node.alive && node.is_visible() && node.stage == s {
                    g.changes.push((n, Change::GateLifted { measure: m }));
                }
            }
        }
    }
}
