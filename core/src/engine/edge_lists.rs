//! Per-node lists of edge indices threaded through two flat arrays (an intrusive linked
//! list): adding an edge allocates nothing per node, which matters because a work graph is
//! reshaped for every plan.

use super::graph::NodeId;

const NONE: u32 = u32::MAX;

/// The edges into (or out of) every node of a graph, newest first.
#[derive(Debug, Default)]
pub(crate) struct EdgeLists {
    /// Newest edge of each node.
    head: Vec<u32>,
    /// Next-older edge of the same node, per edge.
    next: Vec<u32>,
}
impl Clone for EdgeLists {
    fn clone(&self) -> Self {
        Self {
            head: self.head.clone(),
            next: self.next.clone(),
        }
    }

    /// Reuses `self`'s memory (derived `clone_from` would allocate anew).
    fn clone_from(&mut self, source: &Self) {
        self.head.clone_from(&source.head);
        self.next.clone_from(&source.next);
    }
}

impl EdgeLists {
    pub fn new(nodes: usize, edges: usize) -> Self {
        Self {
            head: vec![NONE; nodes],
            next: Vec::with_capacity(edges),
        }
    }

    pub fn add_node(&mut self) {
        self.head.push(NONE);
    }

    /// Records edge `e` (the next index, edges are added in order) for `node`.
    pub fn push(&mut self, node: NodeId, e: usize) {
        debug_assert_eq!(e, self.next.len());
        self.next.push(self.head[node]);
        self.head[node] = e as u32;
    }

    /// Edge indices of `node`, newest first.
    pub fn iter(&self, node: NodeId) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.head[node];
        std::iter::from_fn(move || {
            (at != NONE).then(|| {
                let e = at as usize;
                at = self.next[e];
                e
            })
        })
    }
}
