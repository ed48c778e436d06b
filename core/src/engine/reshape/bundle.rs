//! 一件事一次办 (one-window bundles): one application at one window for all the members,
//! which keep their own limits and their order among themselves; the bundle is decided when
//! its last member is, and whatever follows any member waits for that. With a `limit`, no
//! member takes longer than it.

use crate::plan::Change;
use crate::ruleset::MeasureIdx;

use super::super::graph::{Link, Node, NodeId, NodeKind, WorkGraph};

pub(super) fn apply(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId], limit: Option<u32>) {
    let stage = g.nodes[targets[0]].stage;
    let (bin, bout) = (g.nodes.len(), g.nodes.len() + 1);
    for kind in [NodeKind::BundleIn(m), NodeKind::BundleOut(m)] {
        let mut node = Node::milestone(kind, stage);
        node.bundle = Some(m);
        g.add_node(node);
    }
    super::mark_between(g, targets);
    super::rewire_touching(g, targets, |g, e, edge, inside| match inside {
        // An item between two members keeps its own links to them (rerouting them through
        // the joint acceptance and decision would make it wait for itself).
        _ if g.spare.between[edge.from()] || g.spare.between[edge.to()] => {}
        // One application, but the members keep their order among themselves: a part that
        // waits for another, by technique or by law, still does.
        [true, true] => {}
        // Whatever any member waited for to be accepted, the joint acceptance waits for.
        [false, true] if !edge.link.succ_finish() => {
            g.kill_edge(e);
            g.add_edge_as(edge.from(), bin, edge.link, edge.lag, edge.statutory);
        }
        // Successors wait for the joint decision.
        [true, false] => {
            g.kill_edge(e);
            let from = if edge.link.pred_finish() { bout } else { bin };
            g.add_edge_as(from, edge.to(), edge.link, edge.lag, edge.statutory);
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
