//! The critical-path method on workday offsets (DESIGN.md §4).
//!
//! Offset 0 is the acceptance day of the first application. An item accepted at offset `s`
//! that takes `d` working days is decided at `s + d` (the acceptance day itself is not
//! counted, 民法典 Art. 201). A natural-day item (公示) ends `d` calendar days after its
//! acceptance, rolled forward to the next workday (Art. 203); its length in workdays is found
//! through the calendar during the forward pass and then held fixed for the backward pass.

use crate::calendar::Calendar;
use crate::ruleset::{Clock, DurationUnit};

use super::graph::{Link, NodeId, WorkGraph};

/// Which time counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClockMode {
    /// Everything the enterprise lives through.
    Elapsed = 0,
    /// Official approval time: only `clock = "approval"` items take time.
    Approval = 1,
}

/// Both clocks' times of one node, side by side: a tie's pass touches its far end's slot
/// once, for both clocks (one bounds check, one cache line), instead of four arrays.
///
/// Each time is `[start, finish]`, so a pass reads the end a link anchors on by indexing
/// with the link's bit instead of branching.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(64))]
struct Slot {
    /// Earliest `[start, finish]` (ES, EF) per clock (`ClockMode as usize`).
    early: [[i64; 2]; 2],
    /// Latest `[start, finish]` (LS, LF) per clock; during the forward pass, the floors the
    /// predecessors set on the start and the finish.
    late: [[i64; 2]; 2],
}

/// The forward and backward passes of both clocks over one graph, indexed by node; its
/// memory is reused across plans.
#[derive(Debug, Clone, Default)]
pub(crate) struct Schedule {
    slots: Vec<Slot>,
    /// Free float on the elapsed clock (plans report free float on that clock only).
    free_float: Vec<i64>,
    /// Project length per clock, in working days (the largest finish offset).
    end: [i64; 2],
    /// The alive nodes in topological order, ties broken by node id (declaration order).
    pub order: Vec<NodeId>,
    /// Scratch for Kahn's algorithm: alive incoming edges not yet scheduled, and the ready
    /// set as a bitset.
    waiting: Vec<u32>,
    ready: Vec<u64>,
}

impl Schedule {
    /// The times on one clock.
    pub fn clock(&self, mode: ClockMode) -> Times<'_> {
        Times {
            slots: &self.slots,
            free_float: &self.free_float,
            clock: mode as usize,
            end: self.end[mode as usize],
        }
    }
}

/// The times of every node on one clock, indexed by node.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Times<'s> {
    slots: &'s [Slot],
    free_float: &'s [i64],
    clock: usize,
    /// Project length in working days (the largest finish offset).
    pub end: i64,
}

impl Times<'_> {
    /// Earliest `[start, finish]` of `v`.
    pub fn early(&self, v: NodeId) -> [i64; 2] {
        self.slots[v].early[self.clock]
    }
    /// Latest `[start, finish]` of `v`.
    pub fn late(&self, v: NodeId) -> [i64; 2] {
        self.slots[v].late[self.clock]
    }
    pub fn es(&self, v: NodeId) -> i64 {
        self.early(v)[0]
    }
    pub fn ef(&self, v: NodeId) -> i64 {
        self.early(v)[1]
    }
    pub fn total_float(&self, v: NodeId) -> i64 {
        self.late(v)[0] - self.early(v)[0]
    }
    /// Free float (elapsed clock only).
    pub fn free_float(&self, v: NodeId) -> i64 {
        debug_assert_eq!(self.clock, ClockMode::Elapsed as usize);
        self.free_float[v]
    }
    fn len(&self) -> usize {
        self.slots.len()
    }
}

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

/// Maps workday offsets to dates and measures natural-day durations.
pub(crate) struct OffsetCalendar<'c> {
    pub calendar: &'c Calendar,
    /// Workday index of offset 0.
    pub origin: i64,
}

impl OffsetCalendar<'_> {
    pub fn date(&self, offset: i64) -> chrono::NaiveDate {
        self.calendar.date_of_workday_index(self.origin + offset)
    }

    /// Length in workdays of a `days`-calendar-day period accepted at `offset`.
    fn natural_span(&self, offset: i64, days: u32) -> i64 {
        let end = self
            .calendar
            .add_natural_days(self.date(offset), i64::from(days));
        self.calendar.workday_index(end) - self.origin - offset
    }
}

#[inline]
fn duration_at(g: &WorkGraph, cal: &OffsetCalendar, mode: ClockMode, v: NodeId, es: i64) -> i64 {
    let node = &g.nodes[v];
    if mode == ClockMode::Approval && node.clock != Clock::Approval {
        return 0;
    }
    match node.unit {
        DurationUnit::Working => i64::from(node.duration),
        DurationUnit::Natural => cal.natural_span(es, node.duration),
    }
}

/// Where node `v` lies on the `mode` clock, `[start, finish]`, given the floors its
/// predecessors set on its start and on its finish.
fn place(
    g: &WorkGraph,
    cal: &OffsetCalendar,
    mode: ClockMode,
    v: NodeId,
    [start_floor, finish_floor]: [i64; 2],
) -> [i64; 2] {
    let mut start = start_floor;
    let mut d = duration_at(g, cal, mode, v, start);
    if finish_floor > start + d {
        start = finish_floor - d;
        d = duration_at(g, cal, mode, v, start);
        // A natural-day item can shrink when moved; never finish before the floor.
        if start + d < finish_floor {
            start = finish_floor - d;
        }
    }
    [start, start + d]
}

/// The forward and backward passes of both clocks into `out` (whose memory is reused).
/// The clocks share the graph, so one walk over each node's ties serves both; the forward
/// pass is also Kahn's algorithm, so it finds the topological order as it goes.
pub(crate) fn schedule(g: &WorkGraph, topo: &Topology, cal: &OffsetCalendar, out: &mut Schedule) {
    let n = g.nodes.len();
    let Schedule {
        slots,
        free_float,
        end,
        order,
        waiting,
        ready,
    } = out;
    // The forward pass keeps the floors each node's start and finish must respect in
    // `late`, which the backward pass then overwrites.
    slots.clear();
    slots.resize(
        n,
        Slot {
            early: [[0; 2]; 2],
            late: [[0, i64::MIN]; 2],
        },
    );
    // A slice, not a `&mut Vec`: indexing a `Vec` behind `&mut` reloads its pointer after
    // every store.
    let slots = &mut slots[..];
    waiting.clone_from(&topo.indegree);
    let waiting = &mut waiting[..];
    // Kahn's algorithm taking the lowest ready node id first; the ready set is a bitset (a
    // plan has a few hundred nodes, so finding the lowest bit is a few word scans). The
    // ruleset was checked acyclic and measures only rewire along existing order, so every
    // alive node is reached.
    ready.clear();
    ready.resize(n.div_ceil(64), 0);
    let ready = &mut ready[..];
    for v in 0..n {
        if g.nodes[v].alive && waiting[v] == 0 {
            ready[v / 64] |= 1 << (v % 64);
        }
    }
    order.clear();
    let (mut end_e, mut end_a) = (0, 0);
    while let Some(word) = ready.iter().position(|&bits| bits != 0) {
        let v = word * 64 + ready[word].trailing_zeros() as usize;
        ready[word] &= ready[word] - 1;
        order.push(v);
        let slot = &mut slots[v];
        let from = [
            place(g, cal, ClockMode::Elapsed, v, slot.late[0]),
            place(g, cal, ClockMode::Approval, v, slot.late[1]),
        ];
        slot.early = from;
        end_e = end_e.max(from[0][1]);
        end_a = end_a.max(from[1][1]);
        for t in topo.succs(v) {
            let (at, to, lag, w) = (
                usize::from(t.link.pred_finish()),
                usize::from(t.link.succ_finish()),
                t.lag(),
                t.other(),
            );
            let floors = &mut slots[w].late;
            floors[0][to] = floors[0][to].max(from[0][at] + lag);
            floors[1][to] = floors[1][to].max(from[1][at] + lag);
            waiting[w] -= 1;
            if waiting[w] == 0 {
                ready[w / 64] |= 1 << (w % 64);
            }
        }
    }
    // A removed node's late times are 0, as its early ones.
    for slot in slots.iter_mut() {
        slot.late = [[0; 2]; 2];
    }
    *end = [end_e, end_a];
    // Free float (elapsed clock): how far a node can slip without delaying any successor
    // or the project end.
    free_float.clear();
    free_float.resize(n, 0);
    let free_float = &mut free_float[..];
    for &v in order.iter().rev() {
        let early = slots[v].early;
        // Durations are held fixed for the backward pass (see the module docs).
        let (d_e, d_a) = (early[0][1] - early[0][0], early[1][1] - early[1][0]);
        let (mut finish_e, mut finish_a) = (end_e, end_a);
        let mut free = end_e - early[0][1];
        for t in topo.succs(v) {
            let (at, to, lag) = (
                usize::from(t.link.pred_finish()),
                usize::from(t.link.succ_finish()),
                t.lag(),
            );
            let next = &slots[t.other()];
            // The latest allowed value of this node's anchor, then converted to a finish.
            let (limit_e, limit_a) = (next.late[0][to] - lag, next.late[1][to] - lag);
            if at == 1 {
                finish_e = finish_e.min(limit_e);
                finish_a = finish_a.min(limit_a);
            } else {
                finish_e = finish_e.min(limit_e + d_e);
                finish_a = finish_a.min(limit_a + d_a);
            }
            free = free.min(next.early[0][to] - (early[0][at] + lag));
        }
        slots[v].late = [[finish_e - d_e, finish_e], [finish_a - d_a, finish_a]];
        free_float[v] = free.max(0);
    }
}

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
                tight.push(tie.other);
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
