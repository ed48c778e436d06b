//! The work graph of one project: items, merged items and milestones as nodes, their order
//! as edges, and every change reshaping made, for the explanation trace.
//!
//! Stage gates are modelled with two zero-duration milestones per stage: `GateIn(s)` (every
//! item of the stage starts after it) and `GateOut(s)` (after every item of the stage). A
//! stage that waits for stage `p` has the edge `GateOut(p) → GateIn(s)`. Milestones are
//! hidden from plans; they keep gates cheap (2 edges per item instead of one per item pair)
//! and let `parallel` lift a gate by rewiring one edge. The ruleset check models gates the
//! same way (`ruleset::compile::cycles`).
//!
//! [`base`] builds the graph every project of a ruleset starts from; the `reshape` module
//! changes a copy of it per project.

use crate::plan::Change;
use crate::ruleset::{Clock, DepKind, DurationUnit, Item, ItemIdx, MeasureIdx, Ruleset, StageIdx};

use super::edge_lists::EdgeLists;
use super::reshape::Exclusion;

pub(crate) type NodeId = usize;

/// Which two ends an edge ties: predecessor's start/finish to successor's start/finish.
/// The discriminant's bit 0 is "predecessor's finish", bit 1 "successor's finish": the
/// scheduling passes test these bits on every tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Link {
    FS = 0b01,
    SS = 0b00,
    FF = 0b11,
    /// Start-to-finish: only arises when an item between an SS and an FF link is removed.
    SF = 0b10,
}

impl Link {
    pub(super) fn from_kind(kind: DepKind) -> Self {
        match kind {
            DepKind::FS => Link::FS,
            DepKind::SS => Link::SS,
            DepKind::FF => Link::FF,
        }
    }
    /// Whether the predecessor's finish (rather than its start) is the anchor.
    pub fn pred_finish(self) -> bool {
        self as u8 & 0b01 != 0
    }
    /// Whether the successor's finish (rather than its start) is constrained.
    pub fn succ_finish(self) -> bool {
        self as u8 & 0b10 != 0
    }
    pub(super) fn from_anchors(from_finish: bool, to_finish: bool) -> Self {
        match (from_finish, to_finish) {
            (true, false) => Link::FS,
            (false, false) => Link::SS,
            (true, true) => Link::FF,
            (false, true) => Link::SF,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NodeKind {
    Item(ItemIdx),
    /// A `merge` measure's new item; its parts are `WorkGraph::merged[parts]`.
    Merged {
        measure: MeasureIdx,
        parts: usize,
    },
    GateIn(StageIdx),
    GateOut(StageIdx),
    /// A `bundle` measure's joint acceptance (in) and joint decision (out).
    BundleIn(MeasureIdx),
    BundleOut(MeasureIdx),
}

/// One node of the work graph. Plain data (its trace and a merged item's parts live in the
/// graph), so copying the unreshaped graph for a plan is one copy of memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub kind: NodeKind,
    pub stage: StageIdx,
    pub duration: u32,
    pub unit: DurationUnit,
    pub clock: Clock,
    pub alive: bool,
    /// The `bundle` measure this node was accepted with.
    pub bundle: Option<MeasureIdx>,
    /// Whether an edge into (`[0]`) or out of (`[1]`) this node was added or removed since
    /// the unreshaped graph: its predecessor or successor links may differ from the ones the
    /// planner prepared. (A walk through a bundle milestone starts at a node flagged in its
    /// direction: milestones exist only in reshaped graphs, so every edge to one was added.)
    pub relinked: [bool; 2],
}

impl Node {
    /// The node of a ruleset item, taking `duration` (its promised or statutory limit).
    fn item(i: ItemIdx, item: &Item, duration: u32) -> Self {
        Node {
            kind: NodeKind::Item(i),
            stage: item.stage,
            duration,
            unit: item.unit,
            clock: item.clock,
            alive: true,
            bundle: None,
            relinked: [false; 2],
        }
    }

    /// A zero-duration milestone (a stage gate or a bundle's joint acceptance or decision).
    pub fn milestone(kind: NodeKind, stage: StageIdx) -> Self {
        Node {
            kind,
            stage,
            duration: 0,
            unit: DurationUnit::Working,
            clock: Clock::Approval,
            alive: true,
            bundle: None,
            relinked: [false; 2],
        }
    }

    /// A `merge` measure's new item (its parts are `WorkGraph::merged[parts]`).
    pub fn merged(
        measure: MeasureIdx,
        parts: usize,
        stage: StageIdx,
        (duration, unit, clock): (u32, DurationUnit, Clock),
    ) -> Self {
        Node {
            kind: NodeKind::Merged { measure, parts },
            stage,
            duration,
            unit,
            clock,
            alive: true,
            bundle: None,
            relinked: [false; 2],
        }
    }

    /// Whether plans list the node (items and merged items; not milestones).
    pub fn is_visible(&self) -> bool {
        matches!(self.kind, NodeKind::Item(_) | NodeKind::Merged { .. })
    }
}

/// An edge of the work graph. Node ids are kept in 32 bits, so an edge is 16 bytes: a plan
/// copies the unreshaped graph's edges, and scans them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    from: u32,
    to: u32,
    pub lag: i32,
    pub link: Link,
    pub alive: bool,
    /// A statutory prerequisite (`requires`): no measure drops it, except one that waives
    /// it.
    pub statutory: bool,
}

impl Edge {
    pub fn from(&self) -> NodeId {
        self.from as NodeId
    }
    pub fn to(&self) -> NodeId {
        self.to as NodeId
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct WorkGraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Edges into and out of each node (dead edges included; filter on `alive`).
    into: EdgeLists,
    out_of: EdgeLists,
    /// Number of ruleset items: items are nodes `0..item_count`, node `i` item `i`.
    pub item_count: usize,
    pub excluded: Vec<(ItemIdx, Exclusion)>,
    /// Measures that were on and applied, in order.
    pub applied: Vec<MeasureIdx>,
    /// Measures that were on and whose condition held, but with too few of their items in
    /// the plan to act on.
    pub idle: Vec<MeasureIdx>,
    /// Every change made to a node, in the order made: the nodes' traces.
    pub changes: Vec<(NodeId, Change)>,
    /// The parts of each merged item (`NodeKind::Merged::parts` indexes this).
    pub merged: Vec<Vec<ItemIdx>>,
    /// Lists reshaping fills and empties, kept so that reshaping a planner's scratch graph
    /// allocates nothing once they have grown (a list is taken out while in use).
    pub(super) spare: Spare,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Spare {
    /// A measure's target nodes.
    pub targets: Vec<NodeId>,
    /// Edge indices (incoming edges, edges touching a measure's targets).
    pub edges: Vec<usize>,
    /// `parallel`: links dropped per node, and which nodes are listed.
    pub dropped: Vec<usize>,
    pub listed: Vec<bool>,
    /// `merge`, `bundle`: the nodes between the targets, and the walks that find them.
    pub between: Vec<bool>,
    pub reached: Vec<bool>,
    pub stack: Vec<NodeId>,
}

impl WorkGraph {
    /// Makes `self` a copy of `base` to reshape for one project. The copy reuses `self`'s
    /// memory: a planner keeps one graph per plan in progress, so after the first plan
    /// copying allocates nothing.
    pub fn copy_from(&mut self, base: &WorkGraph) {
        self.nodes.clone_from(&base.nodes);
        self.edges.clone_from(&base.edges);
        self.into.clone_from(&base.into);
        self.out_of.clone_from(&base.out_of);
        self.item_count = base.item_count;
        self.excluded.clone_from(&base.excluded);
        self.applied.clone_from(&base.applied);
        self.idle.clone_from(&base.idle);
        self.changes.clone_from(&base.changes);
        self.merged.clone_from(&base.merged);
    }

    /// A measure promises node `n` in `to` working days (recorded in the trace when it
    /// changes the duration).
    pub(super) fn promise(&mut self, n: NodeId, measure: MeasureIdx, to: u32) {
        let node = &mut self.nodes[n];
        if node.duration != to {
            self.changes.push((
                n,
                Change::Duration {
                    measure,
                    from: node.duration,
                    to,
                },
            ));
            node.duration = to;
        }
        node.unit = DurationUnit::Working;
    }

    /// The ruleset items a merged node was made of (empty for other nodes).
    pub fn parts(&self, v: NodeId) -> &[ItemIdx] {
        match self.nodes[v].kind {
            NodeKind::Merged { parts, .. } => &self.merged[parts],
            _ => &[],
        }
    }

    pub(super) fn gate_in(&self, stage: StageIdx) -> NodeId {
        self.item_count + 2 * stage.index()
    }
    pub(super) fn gate_out(&self, stage: StageIdx) -> NodeId {
        self.item_count + 2 * stage.index() + 1
    }

    /// The node of ruleset item `i` in the unreshaped graph.
    pub fn item_node(i: ItemIdx) -> NodeId {
        i.index()
    }

    pub(super) fn add_node(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        self.into.add_node();
        self.out_of.add_node();
        self.nodes.len() - 1
    }

    /// Adds an edge unless an equal or stronger one exists.
    pub(super) fn add_edge(&mut self, from: NodeId, to: NodeId, link: Link, lag: i32) {
        self.add_edge_as(from, to, link, lag, false);
    }

    /// Adds an edge, statutory or not, unless an equal or stronger one exists; a statutory
    /// edge makes such an existing one statutory.
    pub(super) fn add_edge_as(
        &mut self,
        from: NodeId,
        to: NodeId,
        link: Link,
        lag: i32,
        statutory: bool,
    ) {
        if from == to {
            return;
        }
        let existing = self.into.iter(to).find(|&e| {
            let e = &self.edges[e];
            e.alive && e.from() == from && e.link == link && e.lag >= lag
        });
        if let Some(e) = existing {
            self.edges[e].statutory |= statutory;
        } else {
            self.push_edge(from, to, link, lag, statutory);
        }
    }

    /// Adds an edge known to be new (no equal edge can exist): the stage gates' edges of the
    /// base graph. Skipping the search matters there: a stage's end has an edge from every
    /// item of the stage, and searching them for each new one is quadratic.
    fn push_edge(&mut self, from: NodeId, to: NodeId, link: Link, lag: i32, statutory: bool) {
        let id = |v: NodeId| u32::try_from(v).expect("fewer than 2^32 nodes");
        self.edges.push(Edge {
            from: id(from),
            to: id(to),
            link,
            lag,
            alive: true,
            statutory,
        });
        let e = self.edges.len() - 1;
        self.into.push(to, e);
        self.out_of.push(from, e);
        self.nodes[from].relinked[1] = true;
        self.nodes[to].relinked[0] = true;
    }

    /// Removes edge `e`.
    pub(super) fn kill_edge(&mut self, e: usize) {
        let (from, to) = (self.edges[e].from(), self.edges[e].to());
        self.edges[e].alive = false;
        self.nodes[from].relinked[1] = true;
        self.nodes[to].relinked[0] = true;
    }

    /// The alive edges out of `node`, newest first.
    pub fn edges_out(&self, node: NodeId) -> impl Iterator<Item = &Edge> + '_ {
        (self.out_of.iter(node))
            .map(|e| &self.edges[e])
            .filter(|e| e.alive)
    }

    /// The nodes the alive edges into `node` come from, newest edge first.
    pub fn predecessors(&self, node: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        (self.into.iter(node))
            .map(|e| &self.edges[e])
            .filter(|e| e.alive)
            .map(|e| e.from())
    }

    /// Alive edges into `node`, oldest first.
    pub(super) fn incoming(&self, node: NodeId) -> Vec<usize> {
        let mut out = Vec::new();
        self.incoming_into(node, &mut out);
        out
    }

    /// [`Self::incoming`] into `out`, reusing its memory.
    pub(super) fn incoming_into(&self, node: NodeId, out: &mut Vec<usize>) {
        out.clear();
        out.extend(self.into.iter(node).filter(|&e| self.edges[e].alive));
        out.reverse();
    }

    /// Alive edges out of `node`, oldest first.
    pub(super) fn outgoing(&self, node: NodeId) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .out_of
            .iter(node)
            .filter(|&e| self.edges[e].alive)
            .collect();
        out.reverse();
        out
    }

    /// Alive edges whose both ends are among `nodes`, in index order.
    pub(super) fn edges_among(&self, nodes: &[NodeId]) -> Vec<usize> {
        let mut out: Vec<usize> = nodes
            .iter()
            .flat_map(|&n| self.into.iter(n))
            .filter(|&e| self.edges[e].alive && nodes.contains(&self.edges[e].from()))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Alive edges touching any of `nodes`, in index order, into `out`.
    pub(super) fn edges_touching(&self, nodes: &[NodeId], out: &mut Vec<usize>) {
        out.clear();
        out.extend(
            (nodes.iter())
                .flat_map(|&n| self.into.iter(n).chain(self.out_of.iter(n)))
                .filter(|&e| self.edges[e].alive),
        );
        out.sort_unstable();
        out.dedup();
    }

    /// Removes a node, wiring each predecessor to each successor so that order constraints
    /// survive (the node is treated as taking no time).
    pub fn bypass(&mut self, node: NodeId) {
        let ins = self.incoming(node);
        let outs = self.outgoing(node);
        for &i in &ins {
            for &o in &outs {
                let (a, b) = (self.edges[i], self.edges[o]);
                let link = Link::from_anchors(a.link.pred_finish(), b.link.succ_finish());
                self.add_edge(a.from(), b.to(), link, a.lag + b.lag);
            }
        }
        for e in ins.into_iter().chain(outs) {
            self.kill_edge(e);
        }
        self.nodes[node].alive = false;
    }

    /// Drops the edge `e`, giving its successor the predecessor's own incoming constraints so
    /// that it still waits for what the predecessor waited for.
    pub(super) fn drop_edge_keep_ancestry(&mut self, e: usize) {
        let edge = self.edges[e];
        let (from, to, link, lag) = (edge.from(), edge.to(), edge.link, edge.lag);
        self.kill_edge(e);
        let mut incoming = std::mem::take(&mut self.spare.edges);
        self.incoming_into(from, &mut incoming);
        for &i in &incoming {
            let a = self.edges[i];
            if a.from() != to {
                // The successor's anchor is the one the dropped edge constrained. A negative
                // lag (an overlap already granted) is kept, so the inherited constraint is
                // never stricter than the chain it replaces.
                let l = Link::from_anchors(a.link.pred_finish(), link.succ_finish());
                self.add_edge(a.from(), to, l, a.lag + lag.min(0));
            }
        }
        self.spare.edges = incoming;
    }
}

/// The alive node that stands for ruleset item `item`: its own, or the merged item it was
/// folded into; none once removed.
pub(super) fn node_for(graph: &WorkGraph, item: ItemIdx) -> Option<NodeId> {
    let own = WorkGraph::item_node(item);
    if graph.nodes[own].alive {
        return Some(own);
    }
    graph.nodes.iter().position(|n| {
        n.alive && matches!(n.kind, NodeKind::Merged { parts, .. } if graph.merged[parts].contains(&item))
    })
}

/// The graph of every item with its dependencies and the stage gates, before any condition
/// or measure: the same for every project of a ruleset (per scenario), so planners build it
/// once and reshape a copy per project (`reshape`).
pub(crate) fn base(ruleset: &Ruleset, legal: bool) -> WorkGraph {
    let item_count = ruleset.items.len();
    let mut nodes = Vec::with_capacity(item_count + 2 * ruleset.stages.len());
    let mut changes = Vec::new();
    for (i, item) in ruleset.items.iter().enumerate() {
        let i = ItemIdx::new(i);
        let mut duration = item.limit;
        if legal && let Some(l) = item.legal_limit.filter(|l| *l != item.limit) {
            changes.push((
                WorkGraph::item_node(i),
                Change::Legal {
                    from: item.limit,
                    to: l,
                },
            ));
            duration = l;
        }
        nodes.push(Node::item(i, item, duration));
    }
    for s in (0..ruleset.stages.len()).map(StageIdx::new) {
        for kind in [NodeKind::GateIn(s), NodeKind::GateOut(s)] {
            nodes.push(Node::milestone(kind, s));
        }
    }
    let node_count = nodes.len();
    let mut g = WorkGraph {
        nodes,
        edges: Vec::with_capacity(item_count * 4),
        into: EdgeLists::new(node_count, item_count * 4),
        out_of: EdgeLists::new(node_count, item_count * 4),
        item_count,
        excluded: Vec::new(),
        applied: Vec::new(),
        idle: Vec::new(),
        changes,
        merged: Vec::new(),
        spare: Spare::default(),
    };
    for (s, stage) in ruleset.stages.iter().enumerate() {
        let s = StageIdx::new(s);
        g.add_edge(g.gate_in(s), g.gate_out(s), Link::FS, 0);
        for &p in &stage.after {
            g.add_edge(g.gate_out(p), g.gate_in(s), Link::FS, 0);
        }
    }
    for (i, item) in ruleset.items.iter().enumerate() {
        // Each item's two gate edges are new (one item, one stage).
        g.push_edge(g.gate_in(item.stage), i, Link::FS, 0, false);
        g.push_edge(i, g.gate_out(item.stage), Link::FS, 0, false);
        for d in &item.after {
            let from = WorkGraph::item_node(d.item);
            g.add_edge(from, i, Link::from_kind(d.kind), d.lag);
        }
        // A statutory prerequisite: the item may be accepted alongside it (并联) but is not
        // decided before it (finish-to-finish, no lag). The works may not even start before
        // theirs (no building before the permit, 建筑法 第七条): finish-to-start.
        let link = if item.works { Link::FS } else { Link::FF };
        for p in &item.requires {
            g.add_edge_as(WorkGraph::item_node(p.item), i, link, 0, true);
        }
    }
    // These are the links planners prepare; only reshaping relinks.
    for node in &mut g.nodes {
        node.relinked = [false; 2];
    }
    g
}
