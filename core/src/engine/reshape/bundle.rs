//! 一件事一次办 (one-window bundles): the members are accepted together and decided as one;
//! with a `limit`, the joint decision is promised within it, so no member takes longer.

use crate::plan::Change;
use crate::ruleset::MeasureIdx;

use super::super::graph::{Link, Node, NodeId, NodeKind, WorkGraph};

pub(super) fn apply(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId], limit: Option<u32>) {
    if targets.len() < 2 {
        return;
    }
    let stage = g.nodes[targets[0]].stage;
    let (bin, bout) = (g.nodes.len(), g.nodes.len() + 1);
    for kind in [NodeKind::BundleIn(m), NodeKind::BundleOut(m)] {
        let mut node = Node::milestone(kind, stage);
        node.bundle = Some(m);
        g.add_node(node);
    }
    super::rewire_touching(g, targets, |g, e, edge, inside| match inside {
        // Accepted together: the bundle's members no longer wait for each other.
        [true, true] => g.kill_edge(e),
        // Whatever any member waited for, the joint acceptance waits for.
        [false, true] if !edge.link.succ_finish() => {
            g.kill_edge(e);
            g.add_edge(edge.from(), bin, edge.link, edge.lag);
        }
        // Successors wait for the joint decision.
        [true, false] => {
            g.kill_edge(e);
            let from = if edge.link.pred_finish() { bout } else { bin };
            g.add_edge(from, edge.to(), edge.link, edge.lag);
        }
        _ => {}
    });
    for &n in targets {
        if let Some(to) = limit.filter(|to| g.nodes[n].duration > *to) {
            g.promise(n, m, to);
        }
        g.add_edge(bin, n, Link::SS, 0);
        g.add_edge(n, bout, Link::FS, 0);
        g.nodes[n].bundle = Some(m);
        g.changes.push((n, Change::Bundled { measure: m }));
    }
}
