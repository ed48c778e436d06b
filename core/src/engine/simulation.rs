//! A project's reshaped work graph prepared for Monte Carlo re-timing (`shenpi simulate`):
//! flat arrays in topological order, each node's planned duration and uncertainty, and one
//! forward pass per timeline over f64 working days. An iteration re-times this, it does not
//! build a plan: the passes are the scheduler's (`schedule.rs`: start and finish floors, link
//! ends as bits), without the plan around them.

use crate::risk::Risk;
use crate::ruleset::Clock;

use super::graph::{NodeKind, WorkGraph};
use super::schedule::{Schedule, Timeline};
use super::topology::Topology;

/// One tie to a successor: its index, which ends it links (bit 0: from the predecessor's
/// finish, bit 1: to the successor's finish), and the lag in working days.
#[derive(Debug, Clone, Copy)]
struct Tie {
    to: u32,
    ends: u8,
    lag: f64,
}

/// The prepared graph of one project.
#[derive(Debug, Clone)]
pub struct Simulator {
    /// Alive nodes in topological order (indices into the arrays below).
    order: Vec<u32>,
    /// `ties[first[v]..first[v + 1]]` are node `v`'s ties to its successors.
    first: Vec<u32>,
    ties: Vec<Tie>,
    /// Planned elapsed duration in working days (natural-day items as planned).
    base: Vec<f64>,
    /// Whether the node's time counts on the approval clock.
    on_approval: Vec<bool>,
    /// Each node's uncertainty (certain for milestones).
    risk: Vec<Risk>,
    /// Node of each planned item, in plan order; and the plan id of each.
    pub(crate) items: Vec<(u32, String)>,
    /// The works' node, when the plan has them.
    works: Option<u32>,
    /// Each node's stage (planned items only; `NONE` for milestones), and the stage count.
    stage_of: Vec<u32>,
    stages: usize,
}

/// One iteration's results, in working days from the first acceptance.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Outcome {
    /// The last decision (elapsed).
    pub finish: f64,
    /// Approval time: the approval timeline's end.
    pub approval: f64,
    /// The works' start (开工) and end (竣工).
    pub works: Option<(f64, f64)>,
}

/// What one iteration draws and keeps; reused across iterations.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    elapsed: Vec<f64>,
    approval: Vec<f64>,
    start: Vec<f64>,
    finish: Vec<f64>,
    floor: Vec<[f64; 2]>,
    driver: Vec<[u32; 2]>,
    /// Whether each node lay on the critical chain of the last iteration.
    pub critical: Vec<bool>,
    /// Each stage's approval span in the last iteration (first acceptance to last decision
    /// of its items on the approval timeline; 0 for a stage without items).
    pub stage_spans: Vec<f64>,
}

/// The uniforms of one (iteration, node): a stream of its own (splitmix64 of the seed, the
/// iteration and the node), so that changing one node's risk leaves the others' draws as
/// they were (common random numbers for the impact table).
fn stream(seed: u64, iteration: u64, node: u32) -> fastrand::Rng {
    let mut z = seed
        .wrapping_add(iteration.wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_add(u64::from(node).wrapping_mul(0xbf58_476d_1ce4_e5b9));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    fastrand::Rng::with_seed(z ^ (z >> 31))
}

const NONE: u32 = u32::MAX;

impl Simulator {
    /// Prepares `g` (reshaped, scheduled as `times`) with each visible node's risk.
    pub(crate) fn new(
        g: &WorkGraph,
        topo: &Topology,
        times: &Schedule,
        risk_of: impl Fn(&NodeKind, Clock) -> Risk,
        items: Vec<(usize, String)>,
        works: Option<usize>,
        stages: usize,
    ) -> Self {
        let n = g.nodes.len();
        let elapsed = times.on(Timeline::Elapsed);
        let mut first = Vec::with_capacity(n + 1);
        let mut ties = Vec::new();
        for v in 0..n {
            first.push(ties.len() as u32);
            if !g.nodes[v].alive {
                continue;
            }
            for t in topo.succs(v) {
                let ends = u8::from(t.link.pred_finish()) | (u8::from(t.link.succ_finish()) << 1);
                ties.push(Tie {
                    to: t.other() as u32,
                    ends,
                    lag: t.lag() as f64,
                });
            }
        }
        first.push(ties.len() as u32);
        let risk = (0..n)
            .map(|v| {
                let node = &g.nodes[v];
                if !node.alive || !node.is_visible() {
                    return Risk::default();
                }
                risk_of(&node.kind, node.clock)
            })
            .collect();
        Simulator {
            order: times.order.iter().map(|&v| v as u32).collect(),
            first,
            ties,
            base: (0..n)
                .map(|v| (elapsed.ef(v) - elapsed.es(v)) as f64)
                .collect(),
            on_approval: (0..n)
                .map(|v| g.nodes[v].clock == Clock::Approval)
                .collect(),
            risk,
            items: items.into_iter().map(|(v, id)| (v as u32, id)).collect(),
            works: works.map(|v| v as u32),
            stage_of: (0..n)
                .map(|v| {
                    let node = &g.nodes[v];
                    if node.alive && node.is_visible() {
                        node.stage.index() as u32
                    } else {
                        NONE
                    }
                })
                .collect(),
            stages,
        }
    }

    /// The number of nodes (for scratch sizing).
    pub fn len(&self) -> usize {
        self.base.len()
    }

    /// Whether the graph has no node.
    pub fn is_empty(&self) -> bool {
        self.base.is_empty()
    }

    /// A copy in which item `k` (in plan order) has no correction risk.
    pub fn without_corrections(&self, k: usize) -> Simulator {
        let mut s = self.clone();
        let v = s.items[k].0 as usize;
        s.risk[v].corrections = None;
        s
    }

    /// A copy in which item `k`'s review (or work) takes its planned time (its correction
    /// rounds, if any, stay).
    pub fn planned_time(&self, k: usize) -> Simulator {
        let mut s = self.clone();
        let v = s.items[k].0 as usize;
        s.risk[v].time = crate::risk::Triangle::ONE;
        s
    }

    /// Whether item `k`'s time is a range (not exactly its planned duration).
    pub fn time_varies(&self, k: usize) -> bool {
        self.risk[self.items[k].0 as usize].time != crate::risk::Triangle::ONE
    }

    /// Whether item `k` has correction rounds to switch off.
    pub fn has_corrections(&self, k: usize) -> bool {
        self.risk[self.items[k].0 as usize]
            .corrections
            .is_some_and(|c| c.rounds.any() > 0.0)
    }

    /// Draws iteration `i`'s durations and runs both timelines; `s.critical` marks the
    /// nodes on the chain that decided the finish.
    pub fn run(&self, seed: u64, i: u64, s: &mut Scratch) -> Outcome {
        let n = self.base.len();
        s.elapsed.resize(n, 0.0);
        s.approval.resize(n, 0.0);
        for &v in &self.order {
            let v = v as usize;
            let base = self.base[v];
            let r = &self.risk[v];
            if r.is_certain() {
                s.elapsed[v] = base;
                s.approval[v] = if self.on_approval[v] { base } else { 0.0 };
                continue;
            }
            let mut rng = stream(seed, i, v as u32);
            let review = base * r.time.quantile(rng.f64());
            let mut rounds_cost = 0.0;
            if let Some(c) = &r.corrections
                && c.rounds.any() > 0.0
            {
                let k = c.rounds.quantile(rng.f64());
                for _ in 0..k {
                    rounds_cost += c.notice.quantile(rng.f64()) + c.turnaround_days(rng.f64());
                }
            }
            // The rounds are the applicant's time and the notice's: off the approval clock,
            // which starts again at the acceptance of complete materials (第三十二条).
            s.elapsed[v] = review + rounds_cost;
            s.approval[v] = if self.on_approval[v] { review } else { 0.0 };
        }
        let approval = self.pass(true, s).0;
        // Stage spans on the approval timeline, as a plan's `StageSpan` counts them.
        s.stage_spans.clear();
        s.stage_spans.resize(2 * self.stages, f64::NAN);
        for (v, &stage) in self.stage_of.iter().enumerate() {
            if stage == NONE {
                continue;
            }
            let k = 2 * stage as usize;
            let (first, last) = (s.stage_spans[k], s.stage_spans[k + 1]);
            s.stage_spans[k] = if first.is_nan() {
                s.start[v]
            } else {
                first.min(s.start[v])
            };
            s.stage_spans[k + 1] = if last.is_nan() {
                s.finish[v]
            } else {
                last.max(s.finish[v])
            };
        }
        for k in 0..self.stages {
            let span = s.stage_spans[2 * k + 1] - s.stage_spans[2 * k];
            s.stage_spans[k] = if span.is_nan() { 0.0 } else { span };
        }
        s.stage_spans.truncate(self.stages);
        let (finish, last) = self.pass(false, s);
        // The critical chain: back from the last decision along the ties that held each node.
        s.critical.clear();
        s.critical.resize(n, false);
        let mut v = last;
        while v != NONE {
            let v_ = v as usize;
            s.critical[v_] = true;
            let held_by_finish =
                s.floor[v_][1] > s.floor[v_][0] + s.elapsed[v_] - 1e-9 && s.driver[v_][1] != NONE;
            v = if held_by_finish {
                s.driver[v_][1]
            } else {
                s.driver[v_][0]
            };
        }
        Outcome {
            finish,
            approval,
            works: self
                .works
                .map(|w| (s.start[w as usize], s.finish[w as usize])),
        }
    }

    /// One forward pass on the elapsed (or the approval) durations; the end and its node.
    fn pass(&self, approval: bool, s: &mut Scratch) -> (f64, u32) {
        let n = self.base.len();
        s.start.clear();
        s.start.resize(n, 0.0);
        s.finish.clear();
        s.finish.resize(n, 0.0);
        s.floor.clear();
        s.floor.resize(n, [0.0, f64::NEG_INFINITY]);
        s.driver.clear();
        s.driver.resize(n, [NONE, NONE]);
        let durations = if approval { &s.approval } else { &s.elapsed };
        let (mut end, mut last) = (0.0f64, NONE);
        for &v in &self.order {
            let v = v as usize;
            let d = durations[v];
            let [start_floor, finish_floor] = s.floor[v];
            let start = start_floor.max(finish_floor - d);
            let finish = start + d;
            s.start[v] = start;
            s.finish[v] = finish;
            if finish > end || last == NONE {
                end = end.max(finish);
                last = v as u32;
            }
            let from = [start, finish];
            for t in &self.ties[self.first[v] as usize..self.first[v + 1] as usize] {
                let at = from[usize::from(t.ends & 1)] + t.lag;
                let to = usize::from(t.ends >> 1);
                let w = t.to as usize;
                if at > s.floor[w][to] {
                    s.floor[w][to] = at;
                    s.driver[w][to] = v as u32;
                }
            }
        }
        (end, last)
    }
}
