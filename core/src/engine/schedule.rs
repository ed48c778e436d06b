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
    /// Official approval time: only `clock = "approval"` items take time.
    Approval,
    /// Everything the enterprise lives through.
    Elapsed,
}

/// The result of one scheduling pass, indexed by node.
///
/// Each node's start and finish are kept side by side (`[start, finish]`), so a pass reads
/// the end a link anchors on by indexing with the link's bit instead of branching.
#[derive(Debug, Clone, Default)]
pub(crate) struct Times {
    /// Earliest `[start, finish]` (ES, EF).
    early: Vec<[i64; 2]>,
    /// Latest `[start, finish]` (LS, LF).
    late: Vec<[i64; 2]>,
    /// Empty on the approval clock (plans report free float on the elapsed clock).
    free_float: Vec<i64>,
    /// Project length in working days (the largest finish offset).
    pub end: i64,
}

impl Times {
    /// Earliest `[start, finish]` of `v`.
    pub fn early(&self, v: NodeId) -> [i64; 2] {
        self.early[v]
    }
    /// Latest `[start, finish]` of `v`.
    pub fn late(&self, v: NodeId) -> [i64; 2] {
        self.late[v]
    }
    pub fn es(&self, v: NodeId) -> i64 {
        self.early[v][0]
    }
    pub fn ef(&self, v: NodeId) -> i64 {
        self.early[v][1]
    }
    pub fn total_float(&self, v: NodeId) -> i64 {
        self.late[v][0] - self.early[v][0]
    }
    /// Free float (elapsed clock only).
    pub fn free_float(&self, v: NodeId) -> i64 {
        self.free_float[v]
    }
}

/// One alive edge as seen from its predecessor: the successor and what ties them. Rows of
/// these (compressed, in edge index order) are what the passes walk, so a pass never has to
/// look an edge up.
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

/// Alive edges grouped by predecessor, and a topological order with ties broken by node id,
/// i.e. declaration order.
#[derive(Default)]
pub(crate) struct Topology {
    pub order: Vec<NodeId>,
    succs: Rows,
    /// Scratch for Kahn's algorithm.
    indegree: Vec<u32>,
    ready: Vec<u64>,
}

/// Compressed rows of ties, one row per node: `start[v]..start[v + 1]` indexes row `v`.
#[derive(Default)]
struct Rows {
    start: Vec<u32>,
    ties: Vec<Tie>,
}

impl Rows {
    /// Row `v`.
    fn row(&self, v: NodeId) -> &[Tie] {
        &self.ties[self.start[v] as usize..self.start[v + 1] as usize]
    }
}

/// Fills `succs` with the alive edges of `g` and `indegree` with each node's number of
/// alive incoming edges. (No pass needs rows of predecessors: the forward pass pushes each
/// node's finish to its successors.) Each node's edges come from the graph's own list,
/// newest first, and are reversed in place, so rows keep edge index order.
fn fill_rows(g: &WorkGraph, succs: &mut Rows, indegree: &mut Vec<u32>) {
    let n = g.nodes.len();
    indegree.clear();
    indegree.resize(n, 0);
    // A slice, not a `&mut Vec`: indexing a `Vec` behind `&mut` reloads its pointer after
    // every store.
    let indegree = &mut indegree[..];
    succs.start.clear();
    succs.ties.clear();
    for v in 0..n {
        let row_start = succs.ties.len();
        succs.start.push(row_start as u32);
        for e in g.edges_out(v) {
            // Removing a node kills its edges, so an alive edge joins two alive nodes.
            debug_assert!(g.nodes[e.from].alive && g.nodes[e.to].alive);
            indegree[e.to] += 1;
            succs.ties.push(Tie {
                // `Topology::rebuild` checked that node ids fit.
                other: e.to as u32,
                lag: e.lag,
                link: e.link,
            });
        }
        succs.ties[row_start..].reverse();
    }
    succs.start.push(succs.ties.len() as u32);
}

impl Topology {
    /// The topology of `g`.
    pub fn new(g: &WorkGraph) -> Self {
        let mut topo = Topology::default();
        topo.rebuild(g);
        topo
    }

    /// Makes `self` the topology of `g`, reusing its memory.
    pub fn rebuild(&mut self, g: &WorkGraph) {
        let n = g.nodes.len();
        assert!(u32::try_from(n).is_ok(), "fewer than 2^32 nodes");
        fill_rows(g, &mut self.succs, &mut self.indegree);
        let Topology {
            order,
            succs,
            indegree,
            ready,
        } = self;
        let indegree = &mut indegree[..];
        // Kahn's algorithm taking the lowest ready node id first; the ready set is a bitset
        // (a plan has a few hundred nodes, so finding the lowest bit is a few word scans).
        // The ruleset was checked acyclic and measures only rewire along existing order, so
        // every alive node is reached.
        ready.clear();
        ready.resize(n.div_ceil(64), 0);
        let ready = &mut ready[..];
        for v in 0..n {
            if g.nodes[v].alive && indegree[v] == 0 {
                ready[v / 64] |= 1 << (v % 64);
            }
        }
        order.clear();
        while let Some(w) = ready.iter().position(|&word| word != 0) {
            let v = w * 64 + ready[w].trailing_zeros() as usize;
            ready[w] &= ready[w] - 1;
            order.push(v);
            for t in succs.row(v) {
                indegree[t.other()] -= 1;
                if indegree[t.other()] == 0 {
                    ready[t.other() / 64] |= 1 << (t.other() % 64);
                }
            }
        }
    }

    /// Alive edges out of `v` (`other` is the successor).
    pub fn succs(&self, v: NodeId) -> &[Tie] {
        self.succs.row(v)
    }
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

/// The forward and backward passes of both clocks, into `elapsed` and `approval` (whose
/// memory is reused). The clocks share the graph, so one walk over each node's ties serves
/// both.
pub(crate) fn schedule(
    g: &WorkGraph,
    topo: &Topology,
    cal: &OffsetCalendar,
    elapsed: &mut Times,
    approval: &mut Times,
) {
    let n = g.nodes.len();
    // Forward: the floors each node's start and finish must respect, per clock, pushed by
    // its predecessors (kept in `late`, which the backward pass then overwrites).
    for times in [&mut *elapsed, &mut *approval] {
        times.early.clear();
        times.early.resize(n, [0; 2]);
        times.late.clear();
        times.late.resize(n, [0, i64::MIN]);
    }
    // Slices, not `&mut Vec`s: see `fill_rows`.
    let (early_e, early_a) = (&mut elapsed.early[..], &mut approval.early[..]);
    let (floor_e, floor_a) = (&mut elapsed.late[..], &mut approval.late[..]);
    for &v in &topo.order {
        let [from_e, from_a] = [
            place(g, cal, ClockMode::Elapsed, v, floor_e[v]),
            place(g, cal, ClockMode::Approval, v, floor_a[v]),
        ];
        early_e[v] = from_e;
        early_a[v] = from_a;
        for t in topo.succs(v) {
            let (from, to, lag, w) = (
                usize::from(t.link.pred_finish()),
                usize::from(t.link.succ_finish()),
                t.lag(),
                t.other(),
            );
            floor_e[w][to] = floor_e[w][to].max(from_e[from] + lag);
            floor_a[w][to] = floor_a[w][to].max(from_a[from] + lag);
        }
    }
    // A removed node's late times are 0, as its early ones.
    floor_e.fill([0; 2]);
    floor_a.fill([0; 2]);
    let end = |early: &[[i64; 2]]| topo.order.iter().map(|&v| early[v][1]).max().unwrap_or(0);
    let (end_e, end_a) = (end(early_e), end(early_a));
    let (late_e, late_a) = (&mut elapsed.late[..], &mut approval.late[..]);
    // Plans report free float on the elapsed clock only: how far a node can slip without
    // delaying any successor or the project end.
    elapsed.free_float.clear();
    elapsed.free_float.resize(n, 0);
    approval.free_float.clear();
    let free_float = &mut elapsed.free_float[..];
    for &v in topo.order.iter().rev() {
        // Durations are held fixed for the backward pass (see the module docs).
        let (d_e, d_a) = (early_e[v][1] - early_e[v][0], early_a[v][1] - early_a[v][0]);
        let (mut finish_e, mut finish_a) = (end_e, end_a);
        let mut free = end_e - early_e[v][1];
        for t in topo.succs(v) {
            let (from, to, lag) = (
                usize::from(t.link.pred_finish()),
                usize::from(t.link.succ_finish()),
                t.lag(),
            );
            // The latest allowed value of this node's anchor, then converted to a finish.
            let (limit_e, limit_a) = (late_e[t.other()][to] - lag, late_a[t.other()][to] - lag);
            if from == 1 {
                finish_e = finish_e.min(limit_e);
                finish_a = finish_a.min(limit_a);
            } else {
                finish_e = finish_e.min(limit_e + d_e);
                finish_a = finish_a.min(limit_a + d_a);
            }
            free = free.min(early_e[t.other()][to] - (early_e[v][from] + lag));
        }
        late_e[v] = [finish_e - d_e, finish_e];
        late_a[v] = [finish_a - d_a, finish_a];
        free_float[v] = free.max(0);
    }
    elapsed.end = end_e;
    approval.end = end_a;
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
    /// Depth-first stack: a node and the index in `tight` of its next successor to try.
    stack: Vec<(NodeId, usize)>,
    path: Vec<NodeId>,
}

/// Calls `found` with every critical path (chains of zero-float nodes linked by tight
/// edges, from the project start to the project end), at most [`MAX_CRITICAL_PATHS`], as
/// node lists in order; the first is the canonical one.
pub(crate) fn critical_paths(
    topo: &Topology,
    t: &Times,
    search: &mut PathSearch,
    mut found: impl FnMut(&[NodeId]),
) {
    let PathSearch {
        critical,
        entered,
        first,
        tight,
        stack,
        path,
    } = search;
    let n = t.early.len();
    critical.clear();
    critical.extend(t.late.iter().zip(&t.early).map(|(l, e)| l[0] == e[0]));
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
                && t.early[v][usize::from(tie.link.pred_finish())] + tie.lag()
                    == t.early[to][usize::from(tie.link.succ_finish())]
            {
                tight.push(tie.other);
                entered[to] = true;
            }
        }
    }
    first.push(tight.len() as u32);
    let successors = |v: NodeId| first[v] as usize..first[v + 1] as usize;
    stack.clear();
    path.clear();
    let mut count = 0;
    let starts = topo.order.iter().copied();
    for s in starts.filter(|&v| critical[v] && t.es(v) == 0 && !entered[v]) {
        stack.push((s, successors(s).start));
        path.push(s);
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if *next < successors(v).end {
                let w = tight[*next] as NodeId;
                *next += 1;
                stack.push((w, successors(w).start));
                path.push(w);
                continue;
            }
            if successors(v).is_empty() && t.ef(v) == t.end {
                found(path);
                count += 1;
                if count == MAX_CRITICAL_PATHS {
                    return;
                }
            }
            stack.pop();
            path.pop();
        }
    }
}
