//! The compiled ruleset: ids resolved to indices, conditions type-checked, defaults applied.
//! Built once by [`super::compile`], then used to plan any number of projects.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

pub use super::raw::{AttributeKind, Clock, DepKind, DurationUnit, MeasureKind};
use crate::calendar::CalendarAdditions;
use crate::condition::{Condition, Value};

/// Index of a stage in [`Ruleset::stages`].
pub type StageIdx = usize;
/// Index of an item in [`Ruleset::items`].
pub type ItemIdx = usize;
/// Index of an attribute in [`Ruleset::attributes`].
pub type AttrIdx = usize;
/// Index of a project type in [`Ruleset::project_types`].
pub type TypeIdx = usize;

/// Longest duration an item may declare, in days: a limit beyond two years is a typo.
pub const MAX_DURATION_DAYS: i64 = 730;
/// Largest absolute lag, in working days.
pub const MAX_LAG_DAYS: i64 = 365;

#[derive(Debug, Clone, Serialize)]
pub struct Ruleset {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    /// Ids of the chain, parent first (excluding this ruleset).
    pub extends: Vec<String>,
    pub effective: Option<NaiveDate>,
    pub calendar: String,
    pub sources: Vec<String>,
    pub description: Option<String>,
    pub calendar_additions: CalendarAdditions,
    pub attributes: Vec<Attribute>,
    pub project_types: Vec<ProjectType>,
    pub stages: Vec<Stage>,
    pub items: Vec<Item>,
    pub measures: Vec<Measure>,
    /// SHA-256 of the source texts of the whole chain, hex (identifies the rules a plan used).
    pub content_hash: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attribute {
    pub id: String,
    pub kind: AttributeKind,
    pub label: String,
    pub unit: Option<String>,
    pub help: Option<String>,
    /// Enum values with their display labels.
    pub values: Vec<EnumValue>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub default: Option<Value>,
    pub required: bool,
    #[serde(skip)]
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnumValue {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub total: Option<u32>,
    /// (stage, working days), in stage order.
    pub stages: Vec<(StageIdx, u32)>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectType {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub when: Option<Condition>,
    pub target: Option<Target>,
    /// Example attributes, validated against the schema.
    pub example: Vec<(AttrIdx, Value)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub lead: Option<String>,
    /// Stage gate: every item waits for every item of these stages.
    pub after: Vec<StageIdx>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dependency {
    pub item: ItemIdx,
    pub kind: DepKind,
    /// Working days; may be negative.
    pub lag: i32,
}

/// Where a number comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    Source(String),
    Estimate(String),
    Unstated,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub name: String,
    pub department: String,
    pub stage: StageIdx,
    pub limit: u32,
    pub legal_limit: Option<u32>,
    pub unit: DurationUnit,
    pub clock: Clock,
    pub after: Vec<Dependency>,
    pub when: Option<Condition>,
    pub materials: Vec<String>,
    pub provenance: Provenance,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MergeInto {
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    pub stage: Option<StageIdx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SetFields {
    pub limit: Option<u32>,
    pub legal_limit: Option<u32>,
    pub clock: Option<Clock>,
    pub unit: Option<DurationUnit>,
    pub after: Option<Vec<Dependency>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub id: String,
    pub name: String,
    pub kind: MeasureKind,
    pub description: Option<String>,
    pub items: Vec<ItemIdx>,
    pub stages: Vec<StageIdx>,
    pub when: Option<Condition>,
    pub default: bool,
    pub limit: Option<u32>,
    pub lag: i32,
    pub into: Option<MergeInto>,
    pub set: Option<SetFields>,
    pub provenance: Provenance,
}

impl Ruleset {
    pub fn item_index(&self, id: &str) -> Option<ItemIdx> {
        self.items.iter().position(|i| i.id == id)
    }
    pub fn stage_index(&self, id: &str) -> Option<StageIdx> {
        self.stages.iter().position(|s| s.id == id)
    }
    pub fn attribute_index(&self, id: &str) -> Option<AttrIdx> {
        self.attributes.iter().position(|a| a.id == id)
    }
    pub fn type_index(&self, id: &str) -> Option<TypeIdx> {
        self.project_types.iter().position(|t| t.id == id)
    }
    pub fn measure_index(&self, id: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.id == id)
    }
}
