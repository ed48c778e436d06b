//! A plan's schedule network as an outside scheduler needs it (MS Project, see
//! `render::mspdi`): every activity with its links, their types and lags, such that
//! scheduling the activities as soon as their links allow gives the plan's dates again.
//!
//! The work graph is exported as it was scheduled, with two simplifications that change no
//! date:
//!
//! - A bundle's joint acceptance and decision (zero-duration milestones no plan shows) are
//!   composed away: a link into one and a link out of it become one link with the lags
//!   added. A milestone starts when it finishes, so the composed link constrains exactly
//!   what the two did.
//! - Two activities are tied by one link at most (MS Project keeps one per pair). With every
//!   duration fixed, each link says "the successor starts at least `c` working days after the
//!   predecessor starts", `c` read from its type, lag and the two durations: the link with
//!   the largest `c` implies the others and is the one kept.
//!
//! Stage gates stay, as a milestone at each stage's start and finish: they carry the stage
//! order (and a lifted gate's) with two links per item instead of one per pair of items.

use chrono::NaiveDate;

use crate::plan::Plan;

use super::graph::{Link, NodeId, NodeKind, WorkGraph};
use super::offsets::OffsetCalendar;
use super::schedule::{Schedule, Timeline};
use super::texts::Texts;
use super::topology::Topology;

/// One activity of the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Activity {
    /// The plan's item at this index of [`Plan::items`].
    Item(usize),
    /// The gate every item of the stage at this index of [`Plan::stages`] starts after.
    StageStart(usize),
    /// The gate after every item of that stage.
    StageFinish(usize),
}

/// How a link ties its two activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    /// The successor starts after the predecessor finishes.
    FinishToStart,
    /// The successor starts after the predecessor starts.
    StartToStart,
    /// The successor finishes after the predecessor finishes.
    FinishToFinish,
    /// The successor finishes after the predecessor starts.
    StartToFinish,
}

impl LinkKind {
    fn of(link: Link) -> Self {
        match link {
            Link::FS => LinkKind::FinishToStart,
            Link::SS => LinkKind::StartToStart,
            Link::FF => LinkKind::FinishToFinish,
            Link::SF => LinkKind::StartToFinish,
        }
    }

    /// The usual abbreviation: `FS`, `SS`, `FF` or `SF`.
    pub fn abbreviation(self) -> &'static str {
        match self {
            LinkKind::FinishToStart => "FS",
            LinkKind::StartToStart => "SS",
            LinkKind::FinishToFinish => "FF",
            LinkKind::StartToFinish => "SF",
        }
    }

    /// Whether the predecessor's finish (rather than its start) is the anchor.
    pub fn from_finish(self) -> bool {
        matches!(self, LinkKind::FinishToStart | LinkKind::FinishToFinish)
    }

    /// Whether the successor's finish (rather than its start) is constrained.
    pub fn to_finish(self) -> bool {
        matches!(self, LinkKind::FinishToFinish | LinkKind::StartToFinish)
    }
}

/// One link of the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetworkLink {
    /// The predecessor.
    pub from: Activity,
    /// The successor.
    pub to: Activity,
    /// Which ends it ties.
    pub kind: LinkKind,
    /// Working days between the two ends (negative: an overlap).
    pub lag: i64,
}

/// When a stage gate lies on the elapsed timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateTimes {
    /// Working-day offset of the stage's start gate.
    pub start_offset: i64,
    /// Working-day offset of the stage's finish gate.
    pub finish_offset: i64,
    /// The date of `start_offset`.
    pub start: NaiveDate,
    /// The date of `finish_offset`.
    pub finish: NaiveDate,
}

/// A plan's schedule network (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    /// Each stage's gates, in [`Plan::stages`] order.
    pub gates: Vec<GateTimes>,
    /// Every link, sorted by successor then predecessor; at most one per pair.
    pub links: Vec<NetworkLink>,
}

impl Network {
    /// The links into `to`, in predecessor order.
    pub fn links_into(&self, to: Activity) -> impl Iterator<Item = &NetworkLink> + '_ {
        let first = self.links.partition_point(|l| l.to < to);
        self.links[first..].iter().take_while(move |l| l.to == to)
    }
}

/// The network of the graph `g` as scheduled in `times`, its activities named after `plan`
/// (the plan made of the same graph).
pub(super) fn build(
    g: &WorkGraph,
    topo: &Topology,
    times: &Schedule,
    offsets: &OffsetCalendar,
    texts: &Texts,
    plan: &Plan,
) -> Network {
    let elapsed = times.on(Timeline::Elapsed);
    // A plan lists every stage of its ruleset, in ruleset order.
    let stage_of = |s: crate::ruleset::StageIdx| {
        debug_assert_eq!(plan.stages[s.index()].id, texts.stage(s).0);
        s.index()
    };
    let item_index: std::collections::HashMap<&str, usize> = (plan.items.iter().enumerate())
        .map(|(i, item)| (&*item.id, i))
        .collect();
    let activity: Vec<Option<Activity>> = (0..g.nodes.len())
        .map(|v| {
            let node = &g.nodes[v];
            if !node.alive {
                return None;
            }
            match node.kind {
                NodeKind::Item(_) | NodeKind::Merged { .. } => {
                    let i = item_index.get(texts.node_id(&node.kind));
                    Some(Activity::Item(*i.expect("every alive item is planned")))
                }
                NodeKind::GateIn(s) => Some(Activity::StageStart(stage_of(s))),
                NodeKind::GateOut(s) => Some(Activity::StageFinish(stage_of(s))),
                NodeKind::BundleIn(_) | NodeKind::BundleOut(_) => None,
            }
        })
        .collect();
    let length = |v: NodeId| elapsed.ef(v) - elapsed.es(v);
    // The best link found so far per (successor, predecessor): its lead `c` on the
    // successor's start over the predecessor's start, and the link.
    let mut best: std::collections::BTreeMap<(Activity, Activity), (i64, LinkKind, i64)> =
        Default::default();
    let mut stack = Vec::new();
    for u in 0..g.nodes.len() {
        let Some(from) = activity[u] else { continue };
        stack.clear();
        stack.extend(
            (topo.succs(u).iter()).map(|t| (t.other(), t.link.pred_finish(), t.link, t.lag())),
        );
        while let Some((w, from_finish, last, lag)) = stack.pop() {
            match activity[w] {
                Some(to) => {
                    let kind = LinkKind::of(Link::from_anchors(from_finish, last.succ_finish()));
                    let lead = if kind.from_finish() { length(u) } else { 0 } + lag
                        - if kind.to_finish() { length(w) } else { 0 };
                    let entry = best.entry((to, from)).or_insert((lead, kind, lag));
                    // Equal leads constrain alike; the order of `LinkKind` decides.
                    if (lead, std::cmp::Reverse(kind)) > (entry.0, std::cmp::Reverse(entry.1)) {
                        *entry = (lead, kind, lag);
                    }
                }
                // A bundle milestone: go through it (it takes no time).
                None => stack.extend(
                    (topo.succs(w).iter()).map(|t| (t.other(), from_finish, t.link, lag + t.lag())),
                ),
            }
        }
    }
    let links = (best.into_iter())
        .map(|((to, from), (_, kind, lag))| NetworkLink {
            from,
            to,
            kind,
            lag,
        })
        .collect();
    let mut gates = vec![None; plan.stages.len()];
    for (v, node) in g.nodes.iter().enumerate() {
        if let NodeKind::GateIn(s) = node.kind {
            let (start_offset, finish_offset) = (elapsed.es(v), elapsed.es(g.gate_out(s)));
            gates[stage_of(s)] = Some(GateTimes {
                start_offset,
                finish_offset,
                start: offsets.date(start_offset),
                finish: offsets.date(finish_offset),
            });
        }
    }
    Network {
        gates: (gates.into_iter())
            .map(|g| g.expect("every stage has gates"))
            .collect(),
        links,
    }
}
