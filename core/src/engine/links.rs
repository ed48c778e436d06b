//! Which planned items an item is directly linked with (a plan's `predecessors` and
//! `successors`), and those links in the unreshaped graph, prepared once per planner so that
//! a plan borrows them for every item the project's measures and conditions left alone.

use crate::plan::Text;

use super::graph::{NodeId, NodeKind, WorkGraph};
use super::texts::Texts;
use super::topology::Topology;

/// Scratch state for the walks, reused across the items of a plan and across plans.
#[derive(Default)]
pub(crate) struct Walker {
    /// Marks reset in O(1) by bumping the generation.
    generation: u32,
    seen: Vec<u32>,
    stack: Vec<NodeId>,
    /// The neighbours found by the last walk, by node id.
    pub found: Vec<NodeId>,
}

impl Walker {
    pub fn new(nodes: usize) -> Self {
        let mut walker = Walker::default();
        walker.reset(nodes);
        walker
    }

    /// Readies the walker for a graph of `nodes` nodes, keeping its memory.
    pub fn reset(&mut self, nodes: usize) {
        self.generation = 0;
        self.seen.clear();
        self.seen.resize(nodes, 0);
    }

    /// Fills `found` with the visible nodes `v` is directly linked with (successors when
    /// `forward`), in node-id order, looking through bundle milestones. Stage gates are not
    /// followed: they would list every item of the neighbouring stage, and the stage order is
    /// already in the plan.
    pub fn neighbours(&mut self, g: &WorkGraph, topo: &Topology, v: NodeId, forward: bool) {
        let is_gate =
            |y: NodeId| matches!(g.nodes[y].kind, NodeKind::GateIn(_) | NodeKind::GateOut(_));
        // Successors from the topology's rows, predecessors from the graph's own edge lists
        // (the topology keeps no rows of predecessors); the order does not matter, `found`
        // is sorted.
        let each = |x: NodeId, f: &mut dyn FnMut(NodeId)| {
            if forward {
                topo.succs(x).iter().for_each(|t| f(t.other()));
            } else {
                g.predecessors(x).for_each(f);
            }
        };
        let Walker {
            generation,
            seen,
            stack,
            found,
        } = self;
        found.clear();
        // Usually every neighbour is an item or a gate: no walk needed.
        let mut through_milestone = false;
        each(v, &mut |y| {
            if g.nodes[y].is_visible() {
                found.push(y);
            } else if !is_gate(y) {
                through_milestone = true;
            }
        });
        if through_milestone {
            *generation += 1;
            let generation = *generation;
            found.clear();
            stack.clear();
            stack.push(v);
            while let Some(x) = stack.pop() {
                each(x, &mut |y| {
                    if seen[y] == generation || is_gate(y) {
                        return;
                    }
                    seen[y] = generation;
                    if g.nodes[y].is_visible() {
                        found.push(y);
                    } else {
                        stack.push(y);
                    }
                });
            }
        }
        found.sort_unstable();
        found.dedup();
    }
}

/// One item's links in the unreshaped graph, as node ids and as item ids.
#[derive(Debug, Default)]
pub(crate) struct Links {
    pub nodes: Vec<NodeId>,
    pub ids: Vec<Text<'static>>,
}

/// Predecessor and successor links of every ruleset item in the unreshaped graph `g`.
pub(crate) fn base_links(g: &WorkGraph, topo: &Topology, texts: &Texts) -> Vec<[Links; 2]> {
    let mut walker = Walker::new(g.nodes.len());
    let mut links = |v: NodeId, forward: bool| {
        walker.neighbours(g, topo, v, forward);
        Links {
            nodes: walker.found.clone(),
            // In the unreshaped graph every visible node is a ruleset item.
            ids: walker
                .found
                .iter()
                .map(|&y| texts.items[y].id.clone())
                .collect(),
        }
    };
    (0..g.item_count)
        .map(|i| [links(i, false), links(i, true)])
        .collect()
}
