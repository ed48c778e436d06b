//! The critical-path method on workday offsets, on both timelines at once (docs/design.md,
//! "Scheduling").
//!
//! Offset 0 is the acceptance day of the first application. An item accepted at offset `s`
//! that takes `d` working days is decided at `s + d` (the acceptance day itself is not
//! counted, 民法典 Art. 201). A natural-day item (公示) ends `d` calendar days after its
//! acceptance, rolled forward to the next workday (Art. 203); its length in workdays is found
//! through the calendar during the forward pass and then held fixed for the backward pass.

use crate::ruleset::{Clock, DurationUnit};

use super::graph::{NodeId, WorkGraph};
use super::offsets::OffsetCalendar;
use super::topology::Topology;

/// Which time a schedule counts. A plan is scheduled on both timelines at once; an item's
/// [`Clock`] decides whether its time counts on the approval timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Timeline {
    /// Everything the enterprise lives through: every item takes its time.
    Elapsed = 0,
    /// Official approval time: only items on the approval clock take time.
    Approval = 1,
}

/// Both timelines' times of one node, side by side: a tie's pass touches its far end's slot
/// once, for both timelines (one bounds check, one cache line), instead of four arrays.
///
/// Each time is `[start, finish]`, so a pass reads the end a link anchors on by indexing
/// with the link's bit instead of branching.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(64))]
struct Slot {
    /// Earliest `[start, finish]` (ES, EF) per timeline (`Timeline as usize`).
    early: [[i64; 2]; 2],
    /// Latest `[start, finish]` (LS, LF) per timeline; during the forward pass, the floors the
    /// predecessors set on the start and the finish.
    late: [[i64; 2]; 2],
}

/// The forward and backward passes of both timelines over one graph, indexed by node; its
/// memory is reused across plans.
#[derive(Debug, Clone, Default)]
pub(crate) struct Schedule {
    slots: Vec<Slot>,
    /// Free float on the elapsed timeline (plans report free float on that timeline only).
    free_float: Vec<i64>,
    /// Project length per timeline, in working days (the largest finish offset).
    end: [i64; 2],
    /// The alive nodes in topological order, ties broken by node id (declaration order).
    pub order: Vec<NodeId>,
    /// Scratch for Kahn's algorithm: alive incoming edges not yet scheduled, and the ready
    /// set as a bitset.
    waiting: Vec<u32>,
    ready: Vec<u64>,
}

impl Schedule {
    /// The times on one timeline.
    pub fn on(&self, timeline: Timeline) -> Times<'_> {
        Times {
            slots: &self.slots,
            free_float: &self.free_float,
            timeline: timeline as usize,
            end: self.end[timeline as usize],
        }
    }
}

/// The times of every node on one timeline, indexed by node.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Times<'s> {
    slots: &'s [Slot],
    free_float: &'s [i64],
    timeline: usize,
    /// Project length in working days (the largest finish offset).
    pub end: i64,
}

impl Times<'_> {
    /// Earliest `[start, finish]` of `v`.
    pub fn early(&self, v: NodeId) -> [i64; 2] {
        self.slots[v].early[self.timeline]
    }
    /// Latest `[start, finish]` of `v`.
    pub fn late(&self, v: NodeId) -> [i64; 2] {
        self.slots[v].late[self.timeline]
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
    /// Free float (elapsed timeline only).
    pub fn free_float(&self, v: NodeId) -> i64 {
        debug_assert_eq!(self.timeline, Timeline::Elapsed as usize);
        self.free_float[v]
    }
    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.slots.len()
    }
}

#[inline]
fn duration_at(g: &WorkGraph, cal: &OffsetCalendar, timeline: Timeline, v: NodeId, es: i64) -> i64 {
    let node = &g.nodes[v];
    if timeline == Timeline::Approval && node.clock != Clock::Approval {
        return 0;
    }
    match node.unit {
        DurationUnit::Working => i64::from(node.duration),
        DurationUnit::Natural => cal.natural_span(es, node.duration),
    }
}

/// Where node `v` lies on `timeline`, `[start, finish]`, given the floors its
/// predecessors set on its start and on its finish.
fn place(
    g: &WorkGraph,
    cal: &OffsetCalendar,
    timeline: Timeline,
    v: NodeId,
    [start_floor, finish_floor]: [i64; 2],
) -> [i64; 2] {
    let mut start = start_floor;
    let mut d = duration_at(g, cal, timeline, v, start);
    if finish_floor > start + d {
        start = finish_floor - d;
        d = duration_at(g, cal, timeline, v, start);
        // A natural-day item can shrink when moved; never finish before the floor.
        if start + d < finish_floor {
            start = finish_floor - d;
        }
    }
    [start, start + d]
}

/// What is already known of a node when re-forecasting a project under way (`shenpi
/// status`), in working-day offsets of the elapsed timeline; approval days are what the
/// law counts of the item's time (suspensions excluded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
// Only re-forecasts (feature `tracking`) pin anything.
#[cfg_attr(not(feature = "tracking"), allow(dead_code))]
pub(crate) enum Pin {
    /// Nothing: placed by its links, as in a plan.
    #[default]
    Free,
    /// Not yet accepted: it cannot start before `release` (the as-of day).
    Release(i64),
    /// Decided: it happened at `[start, finish]`, whatever its links say.
    Decided {
        start: i64,
        finish: i64,
        approval: i64,
    },
    /// Accepted and under review: accepted at `start`, decided no earlier than
    /// `min_finish` nor than its links allow.
    InReview {
        start: i64,
        min_finish: i64,
        approval: i64,
    },
}

/// Where a pinned node lies on both timelines (see [`Pin`]); the approval timeline keeps
/// its links and takes the counted days as the duration.
#[cfg(feature = "tracking")]
fn place_pinned(
    g: &WorkGraph,
    cal: &OffsetCalendar,
    v: NodeId,
    floors: [[i64; 2]; 2],
    pin: Pin,
) -> [[i64; 2]; 2] {
    let on_approval = |days: i64| {
        if g.nodes[v].clock != Clock::Approval {
            return place(g, cal, Timeline::Approval, v, floors[1]);
        }
        let [start_floor, finish_floor] = floors[1];
        let start = start_floor.max(finish_floor.saturating_sub(days));
        [start, start + days]
    };
    match pin {
        Pin::Free => [
            place(g, cal, Timeline::Elapsed, v, floors[0]),
            place(g, cal, Timeline::Approval, v, floors[1]),
        ],
        Pin::Release(release) => {
            let [start_floor, finish_floor] = floors[0];
            [
                place(
                    g,
                    cal,
                    Timeline::Elapsed,
                    v,
                    [start_floor.max(release), finish_floor],
                ),
                place(g, cal, Timeline::Approval, v, floors[1]),
            ]
        }
        Pin::Decided {
            start,
            finish,
            approval,
        } => [[start, finish], on_approval(approval)],
        Pin::InReview {
            start,
            min_finish,
            approval,
        } => [
            [start, min_finish.max(floors[0][1]).max(start)],
            on_approval(approval),
        ],
    }
}

/// The forward and backward passes of both timelines into `out` (whose memory is reused).
/// The timelines share the graph, so one walk over each node's ties serves both; the forward
/// pass is also Kahn's algorithm, so it finds the topological order as it goes.
/// `pins` is empty for a plan, one per node for a re-forecast.
pub(crate) fn schedule(
    g: &WorkGraph,
    topo: &Topology,
    cal: &OffsetCalendar,
    pins: &[Pin],
    out: &mut Schedule,
) {
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
    waiting.clone_from(topo.indegrees());
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
        let from = match pins.get(v) {
            #[cfg(feature = "tracking")]
            Some(&pin) if pin != Pin::Free => place_pinned(g, cal, v, slot.late, pin),
            _ => [
                place(g, cal, Timeline::Elapsed, v, slot.late[0]),
                place(g, cal, Timeline::Approval, v, slot.late[1]),
            ],
        };
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
    // Free float (elapsed timeline): how far a node can slip without delaying any successor
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
