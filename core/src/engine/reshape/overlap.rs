//! 容缺受理 (accepting with deficiencies): a successor is accepted `lag` working days after
//! its predecessor is, instead of after its decision, but still not decided before it.

use crate::plan::Change;
use crate::ruleset::MeasureIdx;

use super::super::graph::{Link, NodeId, WorkGraph};

pub(super) fn apply(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId], lag: i32) {
    for e in g.edges_among(targets) {
        let edge = g.edges[e];
        if edge.link == Link::FS {
            g.kill_edge(e);
            g.add_edge(edge.from(), edge.to(), Link::SS, lag);
            // Accepted early, but not decided before the result it needs (FF 0).
            g.add_edge(edge.from(), edge.to(), Link::FF, 0);
            g.changes.push((
                edge.to(),
                Change::Overlapped {
                    measure: m,
                    links: 1,
                },
            ));
        }
    }
}
