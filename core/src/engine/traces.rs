//! The changes made to each node of a work graph, grouped by node: an item's explanation
//! trace.

use crate::plan::Change;

use super::graph::{NodeId, WorkGraph};

/// The nodes' traces grouped by node (kept across plans): [`Traces::of`] is a node's
/// changes in the order they were made.
#[derive(Default)]
pub(crate) struct Traces {
    /// `changes[start[v]..start[v + 1]]` are node `v`'s.
    start: Vec<u32>,
    changes: Vec<Change>,
}

impl Traces {
    /// Groups the changes of `g` by node (a stable counting sort).
    pub fn rebuild(&mut self, g: &WorkGraph) {
        let n = g.nodes.len();
        self.start.clear();
        self.start.resize(n + 1, 0);
        for &(v, _) in &g.changes {
            self.start[v + 1] += 1;
        }
        for v in 1..=n {
            self.start[v] += self.start[v - 1];
        }
        // Every slot is written below; the placeholder is never read.
        self.changes.clear();
        self.changes
            .resize(g.changes.len(), Change::Legal { from: 0, to: 0 });
        // `start[v]` walks through node `v`'s slots, ending where node `v + 1`'s begin.
        for &(v, change) in &g.changes {
            self.changes[self.start[v] as usize] = change;
            self.start[v] += 1;
        }
        self.start.copy_within(0..n, 1);
        self.start[0] = 0;
    }

    /// Node `v`'s changes, in the order they were made.
    pub fn of(&self, v: NodeId) -> &[Change] {
        &self.changes[self.start[v] as usize..self.start[v + 1] as usize]
    }
}
