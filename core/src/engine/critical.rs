//! The critical paths of a scheduled graph: chains of zero-float nodes linked by tight ties,
//! from the project start to its end. Which items are critical is decided by total float
//! alone (`PlannedItem::critical`); this search only lists the paths, the first of them the
//! canonical one a plan draws.

use super::graph::NodeId;
use super::schedule::Times;
use super::topology::Topology;

/// Longest list of critical paths reported (a wide graph can have very many).
pub(crate) const MAX_CRITICAL_PATHS: usize = 64;

/// Scratch for [`critical_paths`], reused across plans.
#[derive(Default)]
pub(crate) struct PathSearch {
    /// Zero total float, per node.
    critical: Vec<bool>,
    /// Whether a tight tie leads into the node.
    entered: Vec<bool>,
    /// The tight successors of node `v`, in tie order: `tight[first[v]..first[v + 1]]`.
    first: Vec<u32>,
    tight: Vec<u32>,
    /// What may follow each visible node on a critical path, worked out when first needed:
    /// `steps[next[v].0..next[v].1]` (`UNKNOWN` until then).
    next: Vec<(u32, u32)>,
    steps: Vec<Step>,
    /// Marks of the walks through milestones, by walk.
    mark: Vec<u32>,
    walk: u32,
    pending: Vec<NodeId>,
    /// The nodes the critical paths can start at, in topological order.
    starts: Vec<u32>,
    /// Depth-first stack: a visible node (or `ROOT`) and the range of its steps still to take.
    stack: Vec<(NodeId, usize, usize)>,
    path: Vec<NodeId>,
}

/// One way a critical path can go on from a visible node, milestones passed through.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// To this visible node.
    Visit(u32),
    /// To the project end.
    End,
}

const UNKNOWN: (u32, u32) = (u32::MAX, u32::MAX);
/// The stack entry above the starts.
const ROOT: NodeId = NodeId::MAX;

/// Calls `found` with every critical path (chains of zero-float nodes linked by tight
/// edges, from the project start to the project end) as its visible nodes in order, each
/// list once, at most [`MAX_CRITICAL_PATHS`] of them; the first is the canonical one.
///
/// Milestones (stage gates, bundle acceptance and decision) are passed through, not listed:
/// routes that differ only in them (an item after one in the stage before is tied to it both
/// directly and through the two gates) are one path. The search therefore goes from visible
/// node to visible node, each with the ways on it can take in the order the ties give them,
/// and so finds the paths in the order a search through every route would first meet them,
/// without walking the routes that repeat a list (2^k of them after k such steps).
pub(crate) fn critical_paths(
    topo: &Topology,
    order: &[NodeId],
    t: Times,
    is_visible: impl Fn(NodeId) -> bool,
    search: &mut PathSearch,
    mut found: impl FnMut(&[NodeId]),
) {
    let PathSearch {
        critical,
        entered,
        first,
        tight,
        next,
        steps,
        mark,
        walk,
        pending,
        starts,
        stack,
        path,
    } = search;
    let n = t.len();
    critical.clear();
    critical.extend((0..n).map(|v| t.total_float(v) == 0));
    // The tight ties (no slack, both ends critical), found once: paths share them, and the
    // search below walks only these.
    entered.clear();
    entered.resize(n, false);
    first.clear();
    tight.clear();
    for v in 0..n {
        first.push(tight.len() as u32);
        if !critical[v] {
            continue;
        }
        for tie in topo.succs(v) {
            let to = tie.other();
            if critical[to]
                && t.early(v)[usize::from(tie.link.pred_finish())] + tie.lag()
                    == t.early(to)[usize::from(tie.link.succ_finish())]
            {
                tight.push(to as u32);
                entered[to] = true;
            }
        }
    }
    first.push(tight.len() as u32);
    let successors = |v: NodeId| &tight[first[v] as usize..first[v + 1] as usize];
    let ends = |v: NodeId| successors(v).is_empty() && t.ef(v) == t.end;
    next.clear();
    next.resize(n, UNKNOWN);
    steps.clear();
    mark.clear();
    mark.resize(n, 0);
    *walk = 0;
    // The steps from `sources` (in order): a depth-first walk in tie order through
    // milestones, noting each visible node and the end the first time it is met.
    let mut steps_from = |sources: &[u32], steps: &mut Vec<Step>| {
        *walk += 1;
        let start = steps.len();
        pending.clear();
        pending.extend(sources.iter().rev().map(|&x| x as NodeId));
        let mut end_met = false;
        while let Some(w) = pending.pop() {
            if mark[w] == *walk {
                continue;
            }
            mark[w] = *walk;
            if is_visible(w) {
                steps.push(Step::Visit(w as u32));
            } else if ends(w) {
                if !std::mem::replace(&mut end_met, true) {
                    steps.push(Step::End);
                }
            } else {
                pending.extend(successors(w).iter().rev().map(|&x| x as NodeId));
            }
        }
        (start as u32, steps.len() as u32)
    };
    starts.clear();
    starts.extend(
        (order.iter())
            .filter(|&&v| critical[v] && t.es(v) == 0 && !entered[v])
            .map(|&v| v as u32),
    );
    let (from, to) = steps_from(starts, steps);
    stack.clear();
    path.clear();
    stack.push((ROOT, from as usize, to as usize));
    let mut count = 0;
    while let Some(&mut (v, ref mut at, end)) = stack.last_mut() {
        if *at == end {
            stack.pop();
            if v != ROOT {
                path.pop();
            }
            continue;
        }
        let step = steps[*at];
        *at += 1;
        match step {
            Step::Visit(u) => {
                let u = u as NodeId;
                if next[u] == UNKNOWN {
                    next[u] = if ends(u) {
                        steps.push(Step::End);
                        ((steps.len() - 1) as u32, steps.len() as u32)
                    } else {
                        steps_from(successors(u), steps)
                    };
                }
                let (from, to) = next[u];
                path.push(u);
                stack.push((u, from as usize, to as usize));
            }
            // A path of milestones alone lists nothing.
            Step::End if v == ROOT => {}
            Step::End => {
                found(path);
                count += 1;
                if count == MAX_CRITICAL_PATHS {
                    return;
                }
            }
        }
    }
}
