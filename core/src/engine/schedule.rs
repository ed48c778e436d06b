//! The critical-path method on workday offsets (DESIGN.md §4).
//!
//! Offset 0 is the acceptance day of the first application. An item accepted at offset `s`
//! that takes `d` working days is decided at `s + d` (the acceptance day itself is not
//! counted, 民法典 Art. 201). A natural-day item (公示) ends `d` calendar days after its
//! acceptance, rolled forward to the next workday (Art. 203); its length in workdays is found
//! through the calendar during the forward pass and then held fixed for the backward pass.

use crate::calendar::Calendar;
use crate::ruleset::{Clock, DurationUnit};

use super::graph::{Edge, Link, NodeId, WorkGraph};

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

/// One alive edge as seen from one of its ends: the node at the other end and what ties
/// them. Rows of these (compressed, in edge index order) are what the passes walk, so a pass
/// never has to look an edge up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tie {
    /// The node at the other end (the predecessor in a `preds` row, the successor in a
    /// `succs` row); 32 bits keep a tie at 12 bytes.
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

/// Alive edges grouped by successor and by predecessor, and a topological order with ties
/// broken by node id, i.e. declaration order.
#[derive(Default)]
pub(crate) struct Topology {
    pub order: Vec<NodeId>,
    preds: Rows,
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
    /// Makes the rows those of `ties` (row, tie) given in edge index order, keeping the
    /// memory. Works on slices: indexing a `Vec` behind `&mut` reloads its pointer after
    /// every store, which made these loops a third slower.
    fn fill<I>(&mut self, n: usize, ties: I)
    where
        I: DoubleEndedIterator<Item = (NodeId, Tie)> + Clone,
    {
        self.start.clear();
        self.start.resize(n + 1, 0);
        let start = &mut self.start[..];
        // Counts per row at `start[v + 1]`, then prefix sums: the end of each row.
        for (v, _) in ties.clone() {
            start[v + 1] += 1;
        }
        for v in 1..=n {
            start[v] += start[v - 1];
        }
        let total = start[n];
        let placeholder = Tie {
            other: 0,
            lag: 0,
            link: Link::FS,
        };
        self.ties.clear();
        self.ties.resize(total as usize, placeholder);
        let slots = &mut self.ties[..];
        // Last edge first, each row filled from its end: rows keep edge index order and
        // `start[v + 1]` ends at the start of row `v`.
        for (v, tie) in ties.rev() {
            start[v + 1] -= 1;
            slots[start[v + 1] as usize] = tie;
        }
        start.copy_within(1.., 0);
        start[n] = total;
    }

    /// Row `v`.
    fn row(&self, v: NodeId) -> &[Tie] {
        &self.ties[self.start[v] as usize..self.start[v + 1] as usize]
    }
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
        // Removing a node kills its edges, so an alive edge joins two alive nodes.
        let live = g.edges.iter().filter(|e| {
            debug_assert!(!e.alive || (g.nodes[e.from].alive && g.nodes[e.to].alive));
            e.alive
        });
        let tie = |other: NodeId, e: &Edge| Tie {
            other: u32::try_from(other).expect("fewer than 2^32 nodes"),
            lag: e.lag,
            link: e.link,
        };
        self.preds
            .fill(n, live.clone().map(|e| (e.to, tie(e.from, e))));
        self.succs.fill(n, live.map(|e| (e.from, tie(e.to, e))));
        let Topology {
            order,
            preds,
            succs,
            indegree,
            ready,
        } = self;
        indegree.clear();
        indegree.extend((0..n).map(|v| preds.start[v + 1] - preds.start[v]));
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

    /// Alive edges into `v` (`other` is the predecessor).
    pub fn preds(&self, v: NodeId) -> &[Tie] {
        self.preds.row(v)
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

/// Forward and backward pass, into `out` (whose memory is reused).
pub(crate) fn schedule(
    g: &WorkGraph,
    topo: &Topology,
    cal: &OffsetCalendar,
    mode: ClockMode,
    out: &mut Times,
) {
    let n = g.nodes.len();
    let Times {
        early,
        late,
        free_float,
        end: _,
    } = out;
    // Slices, not `&mut Vec`s: see `Rows::fill`.
    early.clear();
    early.resize(n, [0; 2]);
    let early = &mut early[..];
    for &v in &topo.order {
        // The floors a node's start and its finish must respect.
        let mut floor = [0i64, i64::MIN];
        for t in topo.preds(v) {
            let anchor = early[t.other()][usize::from(t.link.pred_finish())] + t.lag();
            let f = &mut floor[usize::from(t.link.succ_finish())];
            *f = (*f).max(anchor);
        }
        let [mut start, finish_floor] = floor;
        let mut d = duration_at(g, cal, mode, v, start);
        if finish_floor > start + d {
            start = finish_floor - d;
            d = duration_at(g, cal, mode, v, start);
            // A natural-day item can shrink when moved; never finish before the floor.
            if start + d < finish_floor {
                start = finish_floor - d;
            }
        }
        early[v] = [start, start + d];
    }
    let end = topo.order.iter().map(|&v| early[v][1]).max().unwrap_or(0);
    late.clear();
    late.resize(n, [0; 2]);
    let late = &mut late[..];
    for &v in topo.order.iter().rev() {
        // Durations are held fixed for the backward pass (see the module docs).
        let d = early[v][1] - early[v][0];
        let mut latest_finish = end;
        for t in topo.succs(v) {
            // The latest allowed value of this node's anchor, then converted to a finish.
            let anchor_limit = late[t.other()][usize::from(t.link.succ_finish())] - t.lag();
            let as_finish = if t.link.pred_finish() {
                anchor_limit
            } else {
                anchor_limit + d
            };
            latest_finish = latest_finish.min(as_finish);
        }
        late[v] = [latest_finish - d, latest_finish];
    }
    // Plans report free float on the elapsed clock only.
    free_float.clear();
    if mode == ClockMode::Elapsed {
        free_floats(topo, early, end, free_float);
    }
    out.end = end;
}

/// How far each node can slip without delaying any successor or the project end.
fn free_floats(topo: &Topology, early: &[[i64; 2]], end: i64, free_float: &mut Vec<i64>) {
    free_float.resize(early.len(), 0);
    let free_float = &mut free_float[..];
    for &v in &topo.order {
        let mut free = end - early[v][1];
        for t in topo.succs(v) {
            let anchor = early[v][usize::from(t.link.pred_finish())] + t.lag();
            let succ_anchor = early[t.other()][usize::from(t.link.succ_finish())];
            free = free.min(succ_anchor - anchor);
        }
        free_float[v] = free.max(0);
    }
}

/// Longest list of critical paths reported (a wide graph can have very many).
pub(crate) const MAX_CRITICAL_PATHS: usize = 64;

/// Scratch for [`critical_paths`], reused across plans.
#[derive(Default)]
pub(crate) struct PathSearch {
    starts: Vec<NodeId>,
    /// Depth-first stack: a node and the index of its next successor tie to try.
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
    let critical = |v: NodeId| t.total_float(v) == 0;
    // Whether the tie from `from` to `to` is critical and has no slack.
    let tight = |from: NodeId, tie: &Tie, to: NodeId| {
        let anchor = t.early[from][usize::from(tie.link.pred_finish())] + tie.lag();
        let succ = t.early[to][usize::from(tie.link.succ_finish())];
        critical(from) && critical(to) && anchor == succ
    };
    let PathSearch {
        starts,
        stack,
        path,
    } = search;
    starts.clear();
    starts.extend(topo.order.iter().copied().filter(|&v| {
        critical(v) && t.es(v) == 0 && !topo.preds(v).iter().any(|p| tight(p.other(), p, v))
    }));
    stack.clear();
    path.clear();
    let mut count = 0;
    for &s in starts.iter() {
        stack.push((s, 0));
        path.push(s);
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            let succs = topo.succs(v);
            let mut advanced = false;
            while *next < succs.len() {
                let tie = &succs[*next];
                *next += 1;
                if tight(v, tie, tie.other()) {
                    stack.push((tie.other(), 0));
                    path.push(tie.other());
                    advanced = true;
                    break;
                }
            }
            if advanced {
                continue;
            }
            if t.ef(v) == t.end && !succs.iter().any(|s| tight(v, s, s.other())) {
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
