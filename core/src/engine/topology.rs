//! The alive edges of a work graph as rows per predecessor ("ties"), and each node's count of
//! alive incoming edges: what the scheduling passes, the critical-path search and the link
//! walks read instead of the graph's edge lists.

use super::graph::{Link, NodeId, WorkGraph};

/// One alive edge as seen from its predecessor: the successor and what ties them. Rows of
/// these (one per node, in edge index order) are what the passes walk, so a pass never has
/// to look an edge up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tie {
    /// The successor; 32 bits keep a tie at 12 bytes.
    other: u32,
    lag: i32,
    pub link: Link,
}

impl Tie {
    /// The node at the other end.
    pub fn other(&self) -> NodeId {
        self.other as NodeId
    }

    /// The lag in working days.
    pub fn lag(&self) -> i64 {
        i64::from(self.lag)
    }
}

/// Alive edges grouped by predecessor, and each node's number of alive incoming edges.
///
/// A planner prepares the topology of its unreshaped graph once; a plan's topology starts
/// as a copy of it and rebuilds only the rows of the nodes whose edges reshaping changed
/// (see [`Topology::rebuild_from`]).
#[derive(Default, Clone)]
pub(crate) struct Topology {
    /// Row `v` is `ties[row[v].0..row[v].1]`, in edge index order. Rows need not be
    /// contiguous or in node order: a rebuilt row is appended and its old place left unused.
    row: Vec<(u32, u32)>,
    ties: Vec<Tie>,
    indegree: Vec<u32>,
}

impl Topology {
    /// The topology of `g`, built from all of its edges.
    pub fn new(g: &WorkGraph) -> Self {
        let n = g.nodes.len();
        let mut topo = Topology {
            row: vec![(0, 0); n],
            ties: Vec::with_capacity(g.edges.len()),
            indegree: vec![0; n],
        };
        for v in 0..n {
            topo.push_row(g, v);
            topo.indegree[v] = alive_into(g, v);
        }
        topo
    }

    /// Makes `self` the topology of `g`, a reshaped copy of the graph `base` is the topology
    /// of, reusing its memory. Only the nodes whose edges reshaping changed (and the nodes it
    /// added) get new rows or counts; the rest are copied.
    pub fn rebuild_from(&mut self, g: &WorkGraph, base: &Topology) {
        let n = g.nodes.len();
        let base_nodes = base.row.len();
        self.row.clone_from(&base.row);
        self.ties.clone_from(&base.ties);
        self.indegree.clone_from(&base.indegree);
        self.row.resize(n, (0, 0));
        self.indegree.resize(n, 0);
        for v in 0..n {
            let [into, out_of] = g.nodes[v].relinked;
            let added = v >= base_nodes;
            if out_of || added {
                self.push_row(g, v);
            }
            if into || added {
                self.indegree[v] = alive_into(g, v);
            }
        }
        // The copied rows and counts are the graph's own (debug builds, i.e. the tests,
        // check every node).
        #[cfg(debug_assertions)]
        {
            let fresh = Topology::new(g);
            let row = |t: &Topology, v| {
                (t.succs(v).iter())
                    .map(|t| (t.other, t.lag, t.link))
                    .collect::<Vec<_>>()
            };
            for v in 0..n {
                assert_eq!(row(self, v), row(&fresh, v), "row of node {v}");
                assert_eq!(self.indegree[v], fresh.indegree[v], "indegree of node {v}");
            }
        }
    }

    /// Appends row `v`, read from the graph's edge list of `v` (newest first, so reversed in
    /// place to keep edge index order).
    fn push_row(&mut self, g: &WorkGraph, v: NodeId) {
        let start = self.ties.len();
        assert!(
            u32::try_from(start + g.edges.len()).is_ok() && u32::try_from(g.nodes.len()).is_ok(),
            "fewer than 2^32 ties and nodes"
        );
        for e in g.edges_out(v) {
            // Removing a node kills its edges, so an alive edge joins two alive nodes.
            debug_assert!(g.nodes[e.from()].alive && g.nodes[e.to()].alive);
            self.ties.push(Tie {
                // Checked above: node ids fit.
                other: e.to() as u32,
                lag: e.lag,
                link: e.link,
            });
        }
        self.ties[start..].reverse();
        self.row[v] = (start as u32, self.ties.len() as u32);
    }

    /// Each node's number of alive incoming edges.
    pub fn indegrees(&self) -> &Vec<u32> {
        &self.indegree
    }

    /// Alive edges out of `v` (`other` is the successor), in edge index order.
    pub fn succs(&self, v: NodeId) -> &[Tie] {
        let (start, end) = self.row[v];
        &self.ties[start as usize..end as usize]
    }
}

/// The number of alive edges into `v`.
fn alive_into(g: &WorkGraph, v: NodeId) -> u32 {
    g.predecessors(v).count() as u32
}
