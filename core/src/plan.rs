//! The plan: the scheduled result of one project, a serde model with a stable JSON shape
//! (documented in `docs/plan-format.md`). Everything a renderer needs is here, so renderers
//! and the web page never recompute.

use chrono::NaiveDate;
use serde::Serialize;

use crate::project::{Classification, Scenario};
use crate::ruleset::{Clock, DurationUnit, MeasureKind};
pub use crate::text::Text;

/// Version of the JSON shape; bumped on any incompatible change.
pub const PLAN_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub format_version: u32,
    pub ruleset: RulesetInfo,
    pub project: ProjectInfo,
    pub summary: Summary,
    pub targets: Vec<TargetCheck>,
    pub stages: Vec<StageSpan>,
    pub items: Vec<PlannedItem>,
    /// Items of the ruleset that are not in this plan, with the reason.
    pub excluded: Vec<ExcludedItem>,
    pub measures: Vec<MeasureState>,
    /// The canonical critical path (item ids), ties broken by declaration order.
    pub critical_path: Vec<Text>,
    /// Every critical path (at most 64).
    pub critical_paths: Vec<Vec<Text>>,
    /// Distinct application materials, in first-use order.
    pub materials: Vec<Text>,
    pub warnings: Vec<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RulesetInfo {
    pub id: Text,
    pub name: Text,
    pub jurisdiction: Text,
    pub content_hash: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttributeValue {
    pub id: Text,
    pub label: Text,
    /// The value as written (enum id, number, boolean or text).
    pub value: crate::condition::Value,
    /// Display form (enum label, number with unit).
    pub display: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectInfo {
    pub name: Text,
    pub project_type: Text,
    pub project_type_name: Text,
    pub classification: Classification,
    pub scenario: Scenario,
    /// The start date as given.
    pub start: NaiveDate,
    /// Acceptance day of the first application: the start, or the next workday.
    pub accepted: NaiveDate,
    pub attributes: Vec<AttributeValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Official approval time: the critical path when only approval-clock items take time.
    pub approval_working_days: i64,
    /// Decision date of the last item on the approval clock alone.
    pub approval_finish: NaiveDate,
    /// Everything counted, in working days.
    pub elapsed_working_days: i64,
    /// Everything counted, in calendar days from acceptance to the last decision.
    pub elapsed_calendar_days: i64,
    /// Decision date of the last item: the project's finish.
    pub finish: NaiveDate,
    pub items: usize,
    pub critical_items: usize,
    pub materials: usize,
    /// Separate applications (a bundle or a merged item is one).
    pub applications: usize,
    /// Whether every target is met.
    pub targets_met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetCheck {
    /// `total` or a stage id.
    pub scope: Text,
    pub name: Text,
    pub target: u32,
    /// Approval working days.
    pub actual: i64,
    pub met: bool,
    /// `target - actual`: positive means days to spare, negative days over.
    pub margin: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageSpan {
    pub id: Text,
    pub name: Text,
    pub lead: Option<Text>,
    pub items: usize,
    /// Working days of approval time the stage spans (first acceptance → last decision).
    pub approval_working_days: i64,
    pub elapsed_working_days: i64,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    pub start_offset: i64,
    pub finish_offset: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlannedKind {
    Item,
    Merged,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlannedItem {
    pub id: Text,
    pub name: Text,
    pub department: Text,
    pub stage: Text,
    pub kind: PlannedKind,
    /// Ruleset items folded into this one (merged items).
    pub parts: Vec<Text>,
    /// Duration used, in `unit`s.
    pub duration: u32,
    pub unit: DurationUnit,
    pub clock: Clock,
    /// Working days from acceptance to decision, as scheduled (natural days converted).
    pub working_days: i64,
    /// Earliest acceptance and decision offsets (working days from the project's acceptance).
    pub es: i64,
    pub ef: i64,
    pub ls: i64,
    pub lf: i64,
    pub total_float: i64,
    pub free_float: i64,
    pub critical: bool,
    /// On the critical path of the approval clock.
    pub approval_critical: bool,
    pub accepted: NaiveDate,
    pub decided: NaiveDate,
    /// Id of the bundle (一件事) this item is accepted with.
    pub bundle: Option<Text>,
    pub predecessors: Vec<Text>,
    pub successors: Vec<Text>,
    /// Why the item applies: its condition and policy basis (none: it always applies).
    pub applies_because: Option<Text>,
    /// What measures changed, in order, as sentences.
    pub changes: Vec<Text>,
    pub materials: Vec<Text>,
    /// `source: …` or `estimate: …`.
    pub provenance: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExcludedItem {
    pub id: Text,
    pub name: Text,
    pub reason: Text,
    /// The measure that removed it, if any.
    pub measure: Option<Text>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureState {
    pub id: Text,
    pub name: Text,
    pub kind: MeasureKind,
    /// Switched on (by default or by the project).
    pub on: bool,
    /// On, and its condition holds: it reshaped the plan.
    pub applied: bool,
    pub note: Option<Text>,
}

impl Plan {
    /// The planned item with this id.
    pub fn item(&self, id: &str) -> Option<&PlannedItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Stable pretty JSON (the documented plan format).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("plans serialize");
        s.push('\n');
        s
    }
}
