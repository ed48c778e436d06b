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
#[derive(Debug, Clone, Default)]
pub(crate) struct Times {
    pub es: Vec<i64>,
    pub ef: Vec<i64>,
    pub ls: Vec<i64>,
    pub lf: Vec<i64>,
    pub total_float: Vec<i64>,
    /// Empty on the approval clock (plans report free float on the elapsed clock).
    pub free_float: Vec<i64>,
    /// Project length in working days (the largest finish offset).
    pub end: i64,
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
pub(crate) struct Topology {
    pub order: Vec<NodeId>,
    pred_start: Vec<u32>,
    preds: Vec<Tie>,
    succ_start: Vec<u32>,
    succs: Vec<Tie>,
}

/// Compressed rows of ties, one row per node, being filled.
struct Rows {
    /// Counts per node at `start[v + 1]`; after [`Rows::prefix_sums`], the end of row `v`.
    start: Vec<u32>,
    ties: Vec<Tie>,
}

impl Rows {
    fn new(n: usize) -> Self {
        Rows {
            start: vec![0; n + 1],
            ties: Vec::new(),
        }
    }

    fn count(&mut self, v: NodeId) {
        self.start[v + 1] += 1;
    }

    fn prefix_sums(&mut self) {
        for v in 1..self.start.len() {
            self.start[v] += self.start[v - 1];
        }
        let placeholder = Tie {
            other: 0,
            lag: 0,
            link: Link::FS,
        };
        self.ties = vec![placeholder; *self.start.last().unwrap_or(&0) as usize];
    }

    /// Places a tie in row `v`. Edges go in from the last to the first, each row filled from
    /// its end, so rows keep edge index order and `start[v + 1]` ends at the start of row `v`.
    fn place(&mut self, v: NodeId, tie: Tie) {
        self.start[v + 1] -= 1;
        self.ties[self.start[v + 1] as usize] = tie;
    }

    /// Row starts indexed by node (shifted back by one after the filling), and the ties.
    fn finish(mut self) -> (Vec<u32>, Vec<Tie>) {
        let total = self.ties.len() as u32;
        self.start.remove(0);
        self.start.push(total);
        (self.start, self.ties)
    }
}

impl Topology {
    pub fn new(g: &WorkGraph) -> Self {
        let n = g.nodes.len();
        let live = |e: &Edge| e.alive && g.nodes[e.from].alive && g.nodes[e.to].alive;
        let (mut into, mut out_of) = (Rows::new(n), Rows::new(n));
        for e in g.edges.iter().filter(|e| live(e)) {
            into.count(e.to);
            out_of.count(e.from);
        }
        into.prefix_sums();
        out_of.prefix_sums();
        let tie = |other: NodeId, e: &Edge| Tie {
            other: u32::try_from(other).expect("fewer than 2^32 nodes"),
            lag: e.lag,
            link: e.link,
        };
        for e in g.edges.iter().rev().filter(|e| live(e)) {
            into.place(e.to, tie(e.from, e));
            out_of.place(e.from, tie(e.to, e));
        }
        let (pred_start, preds) = into.finish();
        let (succ_start, succs) = out_of.finish();
        let mut indegree: Vec<u32> = (0..n).map(|v| pred_start[v + 1] - pred_start[v]).collect();
        // Kahn's algorithm taking the lowest ready node id first; the ready set is a bitset
        // (a plan has a few hundred nodes, so finding the lowest bit is a few word scans).
        // The ruleset was checked acyclic and measures only rewire along existing order, so
        // every alive node is reached.
        let mut ready = vec![0u64; n.div_ceil(64)];
        for v in 0..n {
            if g.nodes[v].alive && indegree[v] == 0 {
                ready[v / 64] |= 1 << (v % 64);
            }
        }
        let mut order = Vec::with_capacity(n);
        while let Some(w) = ready.iter().position(|&word| word != 0) {
            let v = w * 64 + ready[w].trailing_zeros() as usize;
            ready[w] &= ready[w] - 1;
            order.push(v);
            for t in &succs[succ_start[v] as usize..succ_start[v + 1] as usize] {
                indegree[t.other()] -= 1;
                if indegree[t.other()] == 0 {
                    ready[t.other() / 64] |= 1 << (t.other() % 64);
                }
            }
        }
        Self {
            order,
            pred_start,
            preds,
            succ_start,
            succs,
        }
    }

    /// Alive edges into `v` (`other` is the predecessor).
    pub fn preds(&self, v: NodeId) -> &[Tie] {
        &self.preds[self.pred_start[v] as usize..self.pred_start[v + 1] as usize]
    }

    /// Alive edges out of `v` (`other` is the successor).
    pub fn succs(&self, v: NodeId) -> &[Tie] {
        &self.succs[self.succ_start[v] as usize..self.succ_start[v + 1] as usize]
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

/// Forward and backward pass.
pub(crate) fn schedule(
    g: &WorkGraph,
    topo: &Topology,
    cal: &OffsetCalendar,
    mode: ClockMode,
) -> Times {
    let n = g.nodes.len();
    let mut es = vec![0i64; n];
    let mut ef = vec![0i64; n];
    let mut dur = vec![0i64; n];
    for &v in &topo.order {
        let mut start = 0i64;
        let mut finish_floor = i64::MIN;
        for t in topo.preds(v) {
            let anchor = if t.link.pred_finish() {
                ef[t.other()]
            } else {
                es[t.other()]
            } + t.lag();
            if t.link.succ_finish() {
                finish_floor = finish_floor.max(anchor);
            } else {
                start = start.max(anchor);
            }
        }
        let mut d = duration_at(g, cal, mode, v, start);
        if finish_floor > start + d {
            start = finish_floor - d;
            d = duration_at(g, cal, mode, v, start);
            // A natural-day item can shrink when moved; never finish before the floor.
            if start + d < finish_floor {
                start = finish_floor - d;
            }
        }
        es[v] = start;
        dur[v] = d;
        ef[v] = start + d;
    }
    let end = topo.order.iter().map(|&v| ef[v]).max().unwrap_or(0);
    let mut ls = vec![0i64; n];
    let mut lf = vec![0i64; n];
    for &v in topo.order.iter().rev() {
        let mut latest_finish = end;
        for t in topo.succs(v) {
            let to = t.other();
            // The latest allowed value of this node's anchor, then converted to a finish.
            let anchor_limit = if t.link.succ_finish() { lf[to] } else { ls[to] } - t.lag();
            let as_finish = if t.link.pred_finish() {
                anchor_limit
            } else {
                anchor_limit + dur[v]
            };
            latest_finish = latest_finish.min(as_finish);
        }
        lf[v] = latest_finish;
        ls[v] = latest_finish - dur[v];
    }
    let total_float: Vec<i64> = ls.iter().zip(&es).map(|(l, e)| l - e).collect();
    // Plans report free float on the elapsed clock only.
    let free_float = if mode == ClockMode::Elapsed {
        free_floats(topo, &es, &ef, end)
    } else {
        Vec::new()
    };
    Times {
        es,
        ef,
        ls,
        lf,
        total_float,
        free_float,
        end,
    }
}

/// How far each node can slip without delaying any successor or the project end.
fn free_floats(topo: &Topology, es: &[i64], ef: &[i64], end: i64) -> Vec<i64> {
    let mut free_float = vec![0i64; es.len()];
    for &v in &topo.order {
        let mut free = end - ef[v];
        for t in topo.succs(v) {
            let anchor = if t.link.pred_finish() { ef[v] } else { es[v] } + t.lag();
            let succ_anchor = if t.link.succ_finish() {
                ef[t.other()]
            } else {
                es[t.other()]
            };
            free = free.min(succ_anchor - anchor);
        }
        free_float[v] = free.max(0);
    }
    free_float
}

/// Longest list of critical paths reported (a wide graph can have very many).
pub(crate) const MAX_CRITICAL_PATHS: usize = 64;

/// Every critical path (chains of zero-float nodes linked by tight edges, from the project
/// start to the project end), as node lists in order; the first is the canonical one.
pub(crate) fn critical_paths(topo: &Topology, t: &Times) -> Vec<Vec<NodeId>> {
    let critical = |v: NodeId| t.total_float[v] == 0;
    // Whether the tie from `from` to `to` is critical and has no slack.
    let tight = |from: NodeId, tie: &Tie, to: NodeId| {
        let anchor = if tie.link.pred_finish() {
            t.ef[from]
        } else {
            t.es[from]
        } + tie.lag();
        let succ = if tie.link.succ_finish() {
            t.ef[to]
        } else {
            t.es[to]
        };
        critical(from) && critical(to) && anchor == succ
    };
    let starts: Vec<NodeId> = topo
        .order
        .iter()
        .copied()
        .filter(|&v| {
            critical(v) && t.es[v] == 0 && !topo.preds(v).iter().any(|p| tight(p.other(), p, v))
        })
        .collect();
    let mut paths = Vec::new();
    let mut stack: Vec<(NodeId, usize)> = Vec::new();
    let mut path: Vec<NodeId> = Vec::new();
    for s in starts {
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
            let is_end = t.ef[v] == t.end && !succs.iter().any(|s| tight(v, s, s.other()));
            if is_end && paths.len() < MAX_CRITICAL_PATHS {
                paths.push(path.clone());
            }
            stack.pop();
            path.pop();
            if paths.len() >= MAX_CRITICAL_PATHS {
                return paths;
            }
        }
    }
    paths
}
