//! The work graph of one project: the items that apply, reshaped by the measures that are
//! on, with every change recorded for the explanation trace.
//!
//! Stage gates are modelled with two zero-duration milestones per stage: `GateIn(s)` (every
//! item of the stage starts after it) and `GateOut(s)` (after every item of the stage). A
//! stage that waits for stage `p` has the edge `GateOut(p) → GateIn(s)`. Milestones are
//! hidden from plans; they keep gates cheap (2 edges per item instead of one per item pair)
//! and let `parallel` lift a gate by rewiring one edge.

use crate::plan::Change;
use crate::ruleset::{Clock, DepKind, DurationUnit, ItemIdx, MeasureKind, Ruleset, StageIdx};

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
    fn from_kind(kind: DepKind) -> Self {
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
    fn from_anchors(from_finish: bool, to_finish: bool) -> Self {
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
        measure: usize,
        parts: usize,
    },
    GateIn(StageIdx),
    GateOut(StageIdx),
    /// A `bundle` measure's joint acceptance (in) and joint decision (out).
    BundleIn(usize),
    BundleOut(usize),
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
    pub bundle: Option<usize>,
    /// Whether an edge into (`[0]`) or out of (`[1]`) this node was added or removed since
    /// the unreshaped graph: its predecessor or successor links may differ from the ones the
    /// planner prepared. (A walk through a bundle milestone starts at a node flagged in its
    /// direction: milestones exist only in reshaped graphs, so every edge to one was added.)
    pub relinked: [bool; 2],
}

impl Node {
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
}

impl Edge {
    pub fn from(&self) -> NodeId {
        self.from as NodeId
    }
    pub fn to(&self) -> NodeId {
        self.to as NodeId
    }
}

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

/// Why an item is not in the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Exclusion {
    /// Its `when` does not hold.
    Condition,
    /// An `exempt` measure removed it.
    Exempted {
        /// Index of the measure in [`Ruleset::measures`](crate::ruleset::Ruleset::measures).
        measure: usize,
    },
    /// A `merge` measure folded it into a new item.
    Merged {
        /// Index of the measure in [`Ruleset::measures`](crate::ruleset::Ruleset::measures).
        measure: usize,
    },
}

#[derive(Debug, Clone, Default)]
pub(crate) struct WorkGraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Edges into and out of each node (dead edges included; filter on `alive`).
    into: EdgeLists,
    out_of: EdgeLists,
    /// Node of each ruleset item (items are nodes `0..items.len()`).
    pub item_count: usize,
    pub excluded: Vec<(ItemIdx, Exclusion)>,
    /// Measures that were on and applied, in order.
    pub applied: Vec<usize>,
    /// Every change made to a node, in the order made: the nodes' traces.
    pub changes: Vec<(NodeId, Change)>,
    /// The parts of each merged item (`NodeKind::Merged::parts` indexes this).
    pub merged: Vec<Vec<ItemIdx>>,
    /// Lists reshaping fills and empties, kept so that reshaping a planner's scratch graph
    /// allocates nothing once they have grown (a list is taken out while in use).
    spare: Spare,
}

#[derive(Debug, Clone, Default)]
struct Spare {
    /// A measure's target nodes.
    targets: Vec<NodeId>,
    /// Edge indices (incoming edges, edges touching a measure's targets).
    edges: Vec<usize>,
    /// `parallel`: links dropped per node, and which nodes are listed.
    dropped: Vec<usize>,
    listed: Vec<bool>,
}

const NONE: u32 = u32::MAX;

/// Per-node lists of edge indices threaded through two flat arrays (an intrusive linked
/// list): adding an edge allocates nothing per node, which matters because a work graph is
/// built for every plan.
#[derive(Debug, Default)]
struct EdgeLists {
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
    fn new(nodes: usize, edges: usize) -> Self {
        Self {
            head: vec![NONE; nodes],
            next: Vec::with_capacity(edges),
        }
    }

    fn add_node(&mut self) {
        self.head.push(NONE);
    }

    /// Records edge `e` (the next index, edges are added in order) for `node`.
    fn push(&mut self, node: NodeId, e: usize) {
        debug_assert_eq!(e, self.next.len());
        self.next.push(self.head[node]);
        self.head[node] = e as u32;
    }

    /// Edge indices of `node`, newest first.
    fn iter(&self, node: NodeId) -> impl Iterator<Item = usize> + '_ {
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
        self.changes.clone_from(&base.changes);
        self.merged.clone_from(&base.merged);
    }

    /// A measure promises node `n` in `to` working days (recorded in the trace when it
    /// changes the duration).
    fn promise(&mut self, n: NodeId, measure: usize, to: u32) {
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

    fn gate_in(&self, stage: StageIdx) -> NodeId {
        self.item_count + 2 * stage
    }
    fn gate_out(&self, stage: StageIdx) -> NodeId {
        self.item_count + 2 * stage + 1
    }

    fn add_node(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        self.into.add_node();
        self.out_of.add_node();
        self.nodes.len() - 1
    }

    /// Adds an edge unless an equal or stronger one exists.
    fn add_edge(&mut self, from: NodeId, to: NodeId, link: Link, lag: i32) {
        if from == to {
            return;
        }
        let exists = self.into.iter(to).any(|e| {
            let e = &self.edges[e];
            e.alive && e.from() == from && e.link == link && e.lag >= lag
        });
        if !exists {
            let id = |v: NodeId| u32::try_from(v).expect("fewer than 2^32 nodes");
            self.edges.push(Edge {
                from: id(from),
                to: id(to),
                link,
                lag,
                alive: true,
            });
            let e = self.edges.len() - 1;
            self.into.push(to, e);
            self.out_of.push(from, e);
            self.nodes[from].relinked[1] = true;
            self.nodes[to].relinked[0] = true;
        }
    }

    /// Removes edge `e`.
    fn kill_edge(&mut self, e: usize) {
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
    fn incoming(&self, node: NodeId) -> Vec<usize> {
        let mut out = Vec::new();
        self.incoming_into(node, &mut out);
        out
    }

    /// [`Self::incoming`] into `out`, reusing its memory.
    fn incoming_into(&self, node: NodeId, out: &mut Vec<usize>) {
        out.clear();
        out.extend(self.into.iter(node).filter(|&e| self.edges[e].alive));
        out.reverse();
    }

    /// Alive edges out of `node`, oldest first.
    fn outgoing(&self, node: NodeId) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .out_of
            .iter(node)
            .filter(|&e| self.edges[e].alive)
            .collect();
        out.reverse();
        out
    }

    /// Alive edges whose both ends are among `nodes`, in index order.
    fn edges_among(&self, nodes: &[NodeId]) -> Vec<usize> {
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
    fn edges_touching(&self, nodes: &[NodeId], out: &mut Vec<usize>) {
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
    fn drop_edge_keep_ancestry(&mut self, e: usize) {
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

fn node_for(graph: &WorkGraph, item: ItemIdx) -> Option<NodeId> {
    // Merged items live on in the merged node.
    if graph.nodes[item].alive {
        return Some(item);
    }
    graph.nodes.iter().position(|n| {
        n.alive && matches!(n.kind, NodeKind::Merged { parts, .. } if graph.merged[parts].contains(&item))
    })
}

/// Builds the graph of the items that apply, then applies every measure that is on and
/// whose condition holds, in declared order.
/// The graph of every item with its dependencies and the stage gates, before any condition
/// or measure: the same for every project of a ruleset (per scenario), so planners build it
/// once and [`reshape`] a copy per project.
pub(crate) fn base(ruleset: &Ruleset, legal: bool) -> WorkGraph {
    let item_count = ruleset.items.len();
    let mut nodes = Vec::with_capacity(item_count + 2 * ruleset.stages.len());
    let mut changes = Vec::new();
    for (i, item) in ruleset.items.iter().enumerate() {
        let mut duration = item.limit;
        if legal && let Some(l) = item.legal_limit.filter(|l| *l != item.limit) {
            changes.push((
                i,
                Change::Legal {
                    from: item.limit,
                    to: l,
                },
            ));
            duration = l;
        }
        nodes.push(Node {
            kind: NodeKind::Item(i),
            stage: item.stage,
            duration,
            unit: item.unit,
            clock: item.clock,
            alive: true,
            bundle: None,
            relinked: [false; 2],
        });
    }
    for s in 0..ruleset.stages.len() {
        for kind in [NodeKind::GateIn(s), NodeKind::GateOut(s)] {
            nodes.push(Node {
                kind,
                stage: s,
                duration: 0,
                unit: DurationUnit::Working,
                clock: Clock::Approval,
                alive: true,
                bundle: None,
                relinked: [false; 2],
            });
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
        changes,
        merged: Vec::new(),
        spare: Spare::default(),
    };
    for (s, stage) in ruleset.stages.iter().enumerate() {
        g.add_edge(g.gate_in(s), g.gate_out(s), Link::FS, 0);
        for &p in &stage.after {
            g.add_edge(g.gate_out(p), g.gate_in(s), Link::FS, 0);
        }
    }
    for (i, item) in ruleset.items.iter().enumerate() {
        g.add_edge(g.gate_in(item.stage), i, Link::FS, 0);
        g.add_edge(i, g.gate_out(item.stage), Link::FS, 0);
        for d in &item.after {
            g.add_edge(d.item, i, Link::from_kind(d.kind), d.lag);
        }
    }
    // These are the links planners prepare; only reshaping relinks.
    for node in &mut g.nodes {
        node.relinked = [false; 2];
    }
    g
}

/// Drops the items whose conditions fail, then applies every measure that is on and whose
/// condition holds, in declared order.
pub(crate) fn reshape(
    g: &mut WorkGraph,
    ruleset: &Ruleset,
    facts: &crate::condition::Facts,
    measure_on: &dyn Fn(usize) -> bool,
) {
    for (i, item) in ruleset.items.iter().enumerate() {
        if let Some(w) = &item.when
            && !w.holds(facts)
        {
            g.bypass(i);
            g.excluded.push((i, Exclusion::Condition));
        }
    }
    for (m, measure) in ruleset.measures.iter().enumerate() {
        if !measure_on(m) {
            continue;
        }
        // A measure whose `when` does not hold is on but not applied (the plan's
        // measure states say so).
        if measure.when.as_ref().is_some_and(|w| !w.holds(facts)) {
            continue;
        }
        apply(g, ruleset, m);
        g.applied.push(m);
    }
}

fn apply(g: &mut WorkGraph, ruleset: &Ruleset, m: usize) {
    let measure = &ruleset.measures[m];
    let mut targets = std::mem::take(&mut g.spare.targets);
    targets.clear();
    targets.extend(measure.items.iter().filter_map(|&i| node_for(g, i)));
    targets.dedup();
    apply_to(g, ruleset, m, &targets);
    g.spare.targets = targets;
}

/// Applies measure `m` to its `targets` (the nodes of its items).
fn apply_to(g: &mut WorkGraph, ruleset: &Ruleset, m: usize, targets: &[NodeId]) {
    let measure = &ruleset.measures[m];
    match measure.kind {
        MeasureKind::Commitment => {
            let to = measure.limit.unwrap_or(0);
            for &n in targets {
                g.promise(n, m, to);
            }
        }
        MeasureKind::Exempt => {
            for &n in targets {
                g.bypass(n);
                if let NodeKind::Item(i) = g.nodes[n].kind {
                    g.excluded.push((i, Exclusion::Exempted { measure: m }));
                }
            }
        }
        MeasureKind::Merge => merge(g, ruleset, m, targets),
        MeasureKind::Parallel => {
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
            // constraints it hands down, which this same scan reaches later: the order of a
            // search from the start after every drop, in one pass.
            let mut e = 0;
            while e < g.edges.len() {
                let edge = g.edges[e];
                if edge.alive && listed[edge.from()] && listed[edge.to()] {
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
            // Lift the gates among the listed stages: a later stage starts with the earlier.
            for &s in &measure.stages {
                for &p in &measure.stages {
                    let (out_p, in_s) = (g.gate_out(p), g.gate_in(s));
                    if let Some(e) = g
                        .incoming(in_s)
                        .into_iter()
                        .find(|&e| g.edges[e].from() == out_p)
                    {
                        // The later stage now starts with the earlier one: it waits for
                        // what the earlier stage's gate waited for, not for its items.
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
        }
        MeasureKind::Overlap => {
            for e in g.edges_among(targets) {
                let edge = g.edges[e];
                if edge.link == Link::FS {
                    g.kill_edge(e);
                    g.add_edge(edge.from(), edge.to(), Link::SS, measure.lag);
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
        MeasureKind::Set => {
            let Some(set) = &measure.set else { return };
            for &n in targets {
                let legal =
                    (g.changes.iter()).any(|(v, c)| *v == n && matches!(c, Change::Legal { .. }));
                let new = if legal {
                    set.legal_limit.or(set.limit)
                } else {
                    set.limit
                };
                let node = &mut g.nodes[n];
                if let Some(to) = new.filter(|to| *to != node.duration) {
                    g.changes.push((
                        n,
                        Change::Duration {
                            measure: m,
                            from: node.duration,
                            to,
                        },
                    ));
                    node.duration = to;
                }
                if let Some(c) = set.clock.filter(|c| *c != node.clock) {
                    g.changes.push((
                        n,
                        Change::Clock {
                            measure: m,
                            from: node.clock,
                            to: c,
                        },
                    ));
                    node.clock = c;
                }
                if let Some(u) = set.unit.filter(|u| *u != node.unit) {
                    g.changes.push((n, Change::Unit { measure: m, to: u }));
                    node.unit = u;
                }
                if let Some(after) = &set.after {
                    let stage_gate = g.gate_in(g.nodes[n].stage);
                    let old: Vec<usize> = g
                        .incoming(n)
                        .into_iter()
                        .filter(|&e| g.edges[e].from() != stage_gate)
                        .collect();
                    let dropped = old.len();
                    for e in old {
                        g.kill_edge(e);
                    }
                    let mut added = 0;
                    for d in after {
                        if let Some(p) = node_for(g, d.item) {
                            g.add_edge(p, n, Link::from_kind(d.kind), d.lag);
                            added += 1;
                        }
                    }
                    g.changes.push((
                        n,
                        Change::Dependencies {
                            measure: m,
                            dropped,
                            added,
                        },
                    ));
                }
            }
        }
        MeasureKind::Bundle => bundle(g, m, targets, measure.limit),
    }
}

fn merge(g: &mut WorkGraph, ruleset: &Ruleset, m: usize, targets: &[NodeId]) {
    let measure = &ruleset.measures[m];
    let Some(into) = &measure.into else { return };
    if targets.is_empty() {
        return;
    }
    let mut parts: Vec<ItemIdx> = Vec::with_capacity(targets.len());
    for &n in targets {
        match g.nodes[n].kind {
            NodeKind::Item(i) => parts.push(i),
            NodeKind::Merged { parts: inner, .. } => parts.extend_from_slice(&g.merged[inner]),
            _ => {}
        }
    }
    let longest = targets
        .iter()
        .map(|&n| &g.nodes[n])
        .max_by_key(|n| n.duration)
        .expect("non-empty");
    let (duration, unit) = match measure.limit {
        Some(l) => (l, DurationUnit::Working),
        None => (longest.duration, longest.unit),
    };
    // Approval time if any part counts as approval time.
    let clock = if targets.iter().any(|&n| g.nodes[n].clock == Clock::Approval) {
        Clock::Approval
    } else {
        longest.clock
    };
    let stage = into.stage.unwrap_or(g.nodes[targets[0]].stage);
    g.merged.push(parts);
    let new = g.add_node(Node {
        kind: NodeKind::Merged {
            measure: m,
            parts: g.merged.len() - 1,
        },
        stage,
        duration,
        unit,
        clock,
        alive: true,
        bundle: None,
        relinked: [false; 2],
    });
    let mut touching = std::mem::take(&mut g.spare.edges);
    g.edges_touching(targets, &mut touching);
    for &e in &touching {
        let edge = g.edges[e];
        let from_in = targets.contains(&edge.from());
        let to_in = targets.contains(&edge.to());
        {
            g.kill_edge(e);
            if !(from_in && to_in) {
                let from = if from_in { new } else { edge.from() };
                let to = if to_in { new } else { edge.to() };
                g.add_edge(from, to, edge.link, edge.lag);
            }
        }
    }
    g.spare.edges = touching;
    // Keep the merged item inside its stage's gates.
    g.add_edge(g.gate_in(stage), new, Link::FS, 0);
    g.add_edge(new, g.gate_out(stage), Link::FS, 0);
    for &n in targets {
        g.nodes[n].alive = false;
        if let NodeKind::Item(i) = g.nodes[n].kind {
            g.excluded.push((i, Exclusion::Merged { measure: m }));
        }
    }
}

/// 一件事一次办: the members are accepted together and decided as one; with a `limit`, the
/// joint decision is promised within it, so no member takes longer.
fn bundle(g: &mut WorkGraph, m: usize, targets: &[NodeId], limit: Option<u32>) {
    if targets.len() < 2 {
        return;
    }
    let stage = g.nodes[targets[0]].stage;
    let (bin, bout) = (g.nodes.len(), g.nodes.len() + 1);
    for kind in [NodeKind::BundleIn(m), NodeKind::BundleOut(m)] {
        g.add_node(Node {
            kind,
            stage,
            duration: 0,
            unit: DurationUnit::Working,
            clock: Clock::Approval,
            alive: true,
            bundle: Some(m),
            relinked: [false; 2],
        });
    }
    let mut touching = std::mem::take(&mut g.spare.edges);
    g.edges_touching(targets, &mut touching);
    for &e in &touching {
        let edge = g.edges[e];
        let from_in = targets.contains(&edge.from());
        let to_in = targets.contains(&edge.to());
        match (from_in, to_in) {
            // Accepted together: the bundle's members no longer wait for each other.
            (true, true) => g.kill_edge(e),
            // Whatever any member waited for, the joint acceptance waits for.
            (false, true) if !edge.link.succ_finish() => {
                g.kill_edge(e);
                g.add_edge(edge.from(), bin, edge.link, edge.lag);
            }
            // Successors wait for the joint decision.
            (true, false) => {
                g.kill_edge(e);
                let from = if edge.link.pred_finish() { bout } else { bin };
                g.add_edge(from, edge.to(), edge.link, edge.lag);
            }
            _ => {}
        }
    }
    g.spare.edges = touching;
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
