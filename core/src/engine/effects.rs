//! What each measure buys: every project type's example planned with the measure on and with
//! it off (the other measures at their defaults), and the difference in every headline figure.
//! A bureau reads it as "what does this reform change, for which projects" (`shenpi show`).

use chrono::NaiveDate;

use crate::plan::Plan;
use crate::project::Project;

use super::Planner;

/// One measure's effect on one project type's example: figures with the measure on minus
/// figures with it off.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MeasureEffect {
    /// Measure id.
    pub measure: String,
    /// Project type id.
    pub project_type: String,
    /// Whether the measure applies to the example when on (its condition holds and enough of
    /// its items are in the plan). When false, every difference is 0.
    pub applies: bool,
    /// Change in approval time (审批时间), working days.
    pub approval_working_days: i64,
    /// Change in elapsed time, working days.
    pub elapsed_working_days: i64,
    /// Change in the construction start (开工), calendar days (`None` without a works item).
    pub construction_start_days: Option<i64>,
    /// Change in the number of separate applications.
    pub applications: i64,
    /// Change in the number of distinct application materials.
    pub materials: i64,
    /// Change in the number of planned items.
    pub items: i64,
    /// How many items are decided on another day (or are in one plan only): a measure can
    /// move a decision without moving any headline figure, when another path decides them.
    pub decisions_moved: usize,
}

impl MeasureEffect {
    /// Whether any figure changes.
    pub fn changes_something(&self) -> bool {
        self.approval_working_days != 0
            || self.elapsed_working_days != 0
            || self.construction_start_days.is_some_and(|d| d != 0)
            || self.applications != 0
            || self.materials != 0
            || self.items != 0
            || self.decisions_moved != 0
    }
}

impl Planner {
    /// Every measure's effect on every project type's example, planned from `start`: for
    /// each type in ruleset order, each measure in ruleset order.
    pub fn measure_effects(&self, start: NaiveDate) -> Vec<MeasureEffect> {
        let r = &self.ruleset;
        let mut out = Vec::new();
        for t in &r.project_types {
            let Some(example) = Project::example(r, &t.id, start) else {
                continue;
            };
            for (m, measure) in r.measures.iter().enumerate() {
                let with = |on: bool| {
                    let mut p = example.clone();
                    p.set_measure(r, &measure.id, on)
                        .expect("the measure is the ruleset's own");
                    p
                };
                let (on, off) = (with(true), with(false));
                let (on, off) = (self.plan(&on), self.plan(&off));
                let applies = on.measures[m].applied;
                let diff = |f: fn(&Plan) -> i64| if applies { f(&on) - f(&off) } else { 0 };
                let start_of = |p: &Plan| p.summary.construction_start;
                let construction_start_days = match (start_of(&on), start_of(&off)) {
                    (Some(a), Some(b)) => Some(if applies { (a - b).num_days() } else { 0 }),
                    _ => None,
                };
                out.push(MeasureEffect {
                    measure: measure.id.clone(),
                    project_type: t.id.clone(),
                    applies,
                    approval_working_days: diff(|p| p.summary.approval_working_days),
                    elapsed_working_days: diff(|p| p.summary.elapsed_working_days),
                    construction_start_days,
                    applications: diff(|p| p.summary.applications as i64),
                    materials: diff(|p| p.summary.materials as i64),
                    items: diff(|p| p.summary.items as i64),
                    decisions_moved: if applies {
                        decisions_moved(&on, &off)
                    } else {
                        0
                    },
                });
            }
        }
        out
    }
}

/// The items decided on different days in `a` and `b`, or planned in one of them only.
fn decisions_moved(a: &Plan, b: &Plan) -> usize {
    let moved = |x: &Plan, y: &Plan| {
        (x.items.iter())
            .filter(|i| y.item(&i.id).is_none_or(|j| j.decided != i.decided))
            .count()
    };
    let only_in_b = (b.items.iter()).filter(|i| a.item(&i.id).is_none()).count();
    moved(a, b) + only_in_b
}
