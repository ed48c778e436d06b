//! The compiled ruleset: ids resolved to indices, conditions type-checked, defaults applied.
//! Built once when a ruleset is loaded ([`load`](fn@super::load)), then used to plan any
//! number of projects.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

pub use super::raw::{AttributeKind, Clock, DepKind, DurationUnit, MeasureKind};
use crate::calendar::CalendarAdditions;
use crate::condition::{Condition, Value};

/// Declares an index into one of the ruleset's lists: a newtype, so that an item index cannot
/// be passed where a stage or measure index is expected. `list[idx]` indexes the list it
/// names, as a `Vec` or a slice.
macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident => $element:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
        #[serde(transparent)]
        pub struct $name(usize);

        impl $name {
            /// The index with this position in its list.
            pub const fn new(index: usize) -> Self {
                Self(index)
            }
            /// The position in its list.
            pub const fn index(self) -> usize {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::ops::Index<$name> for Vec<$element> {
            type Output = $element;
            fn index(&self, i: $name) -> &$element {
                &self[i.0]
            }
        }

        impl std::ops::IndexMut<$name> for Vec<$element> {
            fn index_mut(&mut self, i: $name) -> &mut $element {
                &mut self[i.0]
            }
        }

        impl std::ops::Index<$name> for [$element] {
            type Output = $element;
            fn index(&self, i: $name) -> &$element {
                &self[i.0]
            }
        }
    };
}

index_type!(
    /// Index of a stage in [`Ruleset::stages`].
    StageIdx => Stage
);
index_type!(
    /// Index of an item in [`Ruleset::items`].
    ItemIdx => Item
);
index_type!(
    /// Index of an attribute in [`Ruleset::attributes`].
    AttrIdx => Attribute
);
index_type!(
    /// Index of a project type in [`Ruleset::project_types`].
    TypeIdx => ProjectType
);
index_type!(
    /// Index of a measure in [`Ruleset::measures`].
    MeasureIdx => Measure
);

/// Longest duration an item may declare, in days: a limit beyond two years is a typo.
pub const MAX_DURATION_DAYS: i64 = 730;
/// Longest construction period (工期) a ruleset or project may give, in calendar days.
pub const MAX_CONSTRUCTION_DAYS: i64 = 3650;
/// Largest absolute lag, in working days.
pub const MAX_LAG_DAYS: i64 = 365;

/// A compiled ruleset (审批规则集): everything one jurisdiction defines, with the `extends`
/// chain merged, ids resolved to indices and conditions checked against the attribute schema.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Ruleset {
    /// Stable id, e.g. `cn-national-2019`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Jurisdiction (辖区), e.g. `江西省赣州市`; empty when the ruleset gives none.
    pub jurisdiction: String,
    /// Ids of the chain, parent first (excluding this ruleset).
    pub extends: Vec<String>,
    /// Date the rules took effect, if given.
    #[cfg_attr(
        feature = "precompiled",
        serde(deserialize_with = "crate::spanned::iso_date_serde::optional")
    )]
    pub effective: Option<NaiveDate>,
    /// Base calendar id (`cn`: China mainland holidays and make-up workdays).
    pub calendar: String,
    /// Policy documents the ruleset is drawn from.
    pub sources: Vec<String>,
    /// Free-form description.
    pub description: Option<String>,
    /// Local holidays and workdays added to the base calendar, merged over the chain.
    pub calendar_additions: CalendarAdditions,
    /// Attribute schema (项目属性), in declaration order; indexed by [`AttrIdx`].
    pub attributes: Vec<Attribute>,
    /// Project types (项目类型), in declaration order; indexed by [`TypeIdx`].
    pub project_types: Vec<ProjectType>,
    /// Stages (审批阶段), in order; indexed by [`StageIdx`].
    pub stages: Vec<Stage>,
    /// Items (审批事项), in declaration order; indexed by [`ItemIdx`].
    pub items: Vec<Item>,
    /// Reform measures (改革措施), applied in this (declared) order.
    pub measures: Vec<Measure>,
    /// Key dates plans report (开工, 竣工, …), in declaration order.
    pub milestones: Vec<Milestone>,
    /// Warning profiles (电子监察 红黄牌) for tracking: the built-in ones, then the chain's own.
    /// Left out of the precompiled encoding (`ruleset::precompiled`, read by the web page's
    /// planner module, which does not track): a precompiled ruleset has none.
    #[cfg_attr(feature = "precompiled", serde(skip))]
    pub warning_profiles: Vec<crate::warning_profile::WarningProfile>,
    /// Index into `warning_profiles` of the ruleset's default.
    #[cfg_attr(feature = "precompiled", serde(skip))]
    pub warning_profile: usize,
    /// `[uncertainty]`: what can make items take more or less time, per clock (`shenpi
    /// simulate`). Left out of the precompiled encoding, as the warning profiles.
    #[cfg_attr(feature = "precompiled", serde(skip))]
    pub risk_defaults: RiskDefaults,
    /// SHA-256 of the source texts of the whole chain, hex (identifies the rules a plan used).
    pub content_hash: String,
}

/// A typed project attribute (项目属性) that conditions test and projects set.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Attribute {
    /// Stable id used in conditions, e.g. `floor_area`.
    pub id: String,
    /// Value type: enum, number, bool or text.
    pub kind: AttributeKind,
    /// Form label, e.g. `总建筑面积`.
    pub label: String,
    /// Unit shown after numbers, e.g. `m2`.
    pub unit: Option<String>,
    /// Help text shown under the form field.
    pub help: Option<String>,
    /// Enum values with their display labels.
    pub values: Vec<EnumValue>,
    /// Smallest allowed value, inclusive (number attributes).
    pub min: Option<f64>,
    /// Largest allowed value, inclusive (number attributes).
    pub max: Option<f64>,
    /// Value used when a project does not set the attribute (and no `defaults` entry holds).
    pub default: Option<Value>,
    /// Defaults that depend on attributes declared earlier; the first that holds wins.
    pub defaults: Vec<ConditionalDefault>,
    /// Whether a project must set the attribute (false by default).
    pub required: bool,
    /// Global span (see [`crate::source`]) of the attribute's `id` where it is declared, for
    /// diagnostics; not serialized.
    #[serde(skip)]
    pub span: Range<usize>,
}

/// A default that depends on the project: `value` when `when` holds.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct ConditionalDefault {
    /// When the value is assumed (tests only attributes declared before this one); its
    /// reason is why.
    pub when: Condition,
    /// The value assumed.
    pub value: Value,
}

/// One allowed value of an enum attribute.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct EnumValue {
    /// Value id, as written in conditions and project files.
    pub id: String,
    /// Display label (the id when the ruleset gives none).
    pub label: String,
}

/// Time-limit targets (时限目标) of a project type, in working days of approval time.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Target {
    /// Whole process limit (立项 → 竣工验收), if any.
    pub total: Option<u32>,
    /// (stage, working days), in stage order.
    pub stages: Vec<(StageIdx, u32)>,
    /// Policy document the targets come from.
    pub source: Option<String>,
}

/// A class of projects with its own targets (项目类型).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct ProjectType {
    /// Stable id, e.g. `gov-building`.
    pub id: String,
    /// Display name, e.g. `政府投资房屋建筑类`.
    pub name: String,
    /// Free-form description.
    pub description: Option<String>,
    /// Auto-classification: the condition a project must meet to be of this type.
    pub when: Option<Condition>,
    /// Time-limit targets, if the type has any.
    pub target: Option<Target>,
    /// Example attributes, validated against the schema.
    pub example: Vec<(AttrIdx, Value)>,
    /// Default construction period (工期) of this type's projects, in calendar days.
    pub construction_days: Option<u32>,
}

/// An approval stage (审批阶段).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Stage {
    /// Stable id, e.g. `land`.
    pub id: String,
    /// Display name, e.g. `立项用地规划许可阶段`.
    pub name: String,
    /// Lead department (一家牵头), if any.
    pub lead: Option<String>,
    /// Stage gate: every item waits for every item of these stages.
    pub after: Vec<StageIdx>,
}

/// A predecessor link of an item (one entry of `after`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Dependency {
    /// The predecessor.
    pub item: ItemIdx,
    /// Finish-to-start (default), start-to-start or finish-to-finish.
    pub kind: DepKind,
    /// Working days; may be negative.
    pub lag: i32,
}

/// A statutory prerequisite of an item (one entry of `requires`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Prerequisite {
    /// The item that must be decided first.
    pub item: ItemIdx,
    /// The law and article that require it.
    pub source: Option<String>,
}

/// Which end of an item a milestone is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum End {
    /// The day the item starts (is accepted).
    Start,
    /// The day the item finishes (is decided).
    Finish,
}

/// A ruleset's `[uncertainty]`, per clock and for the works, with where the numbers come from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RiskDefaults {
    /// Approval items.
    pub approval: crate::risk::Risk,
    /// Technical review.
    pub technical: crate::risk::Risk,
    /// Intermediary services.
    pub intermediary: crate::risk::Risk,
    /// The applicant's own work.
    pub applicant: crate::risk::Risk,
    /// The construction period.
    pub works: crate::risk::Risk,
    /// The source, or `estimate: …` with the reasoning.
    pub basis: Option<String>,
}

impl RiskDefaults {
    /// The default of an item on `clock` (the works' when `works`).
    pub fn of(&self, clock: Clock, works: bool) -> crate::risk::Risk {
        if works {
            return self.works;
        }
        match clock {
            Clock::Approval => self.approval,
            Clock::Technical => self.technical,
            Clock::Intermediary => self.intermediary,
            Clock::Applicant => self.applicant,
        }
    }
}

/// A key date of a project (开工, 竣工, …): the start or the finish of an item.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Milestone {
    /// Stable id, e.g. `construction-start`.
    pub id: String,
    /// Display name, e.g. `开工`.
    pub name: String,
    /// The item whose start or finish the milestone is.
    pub item: ItemIdx,
    /// Which end.
    pub end: End,
}

/// Where a number comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Document and section the number comes from.
    Source(String),
    /// An estimate, with the reason no document gives the number.
    Estimate(String),
    /// Calibrated: back-solved so that a published total is reproduced (the total and the
    /// knob named).
    Calibrated(String),
    /// Neither source nor estimate given.
    Unstated,
}

impl Provenance {
    /// How the number was arrived at and the words that say so; `None` when unstated.
    pub fn basis(&self) -> Option<(crate::plan::BasisKind, &str)> {
        use crate::plan::BasisKind;
        match self {
            Provenance::Source(s) => Some((BasisKind::Source, s)),
            Provenance::Estimate(e) => Some((BasisKind::Estimate, e)),
            Provenance::Calibrated(c) => Some((BasisKind::Calibrated, c)),
            Provenance::Unstated => None,
        }
    }
}

/// A limit of an item for the projects meeting a condition (e.g. large projects).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct LimitCase {
    /// The projects the limit is for.
    pub when: Condition,
    /// Promised limit, in the item's unit.
    pub limit: u32,
    /// Statutory limit (`legal` scenario); `limit` when `None`.
    pub legal_limit: Option<u32>,
    /// Where the limit comes from.
    pub provenance: Provenance,
}

/// An approval item (审批事项 / 环节): one approval, review, service or milestone with a
/// department and a duration.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Item {
    /// Stable id, e.g. `construction-permit`.
    pub id: String,
    /// Display name, e.g. `建筑工程施工许可证核发`.
    pub name: String,
    /// Responsible department.
    pub department: String,
    /// The stage the item belongs to.
    pub stage: StageIdx,
    /// Promised limit (承诺时限) in `unit`s: what plans use by default. 0 = decided on the
    /// acceptance day (即办, milestones).
    pub limit: u32,
    /// Statutory limit (法定时限) in `unit`s, used by the legal scenario.
    pub legal_limit: Option<u32>,
    /// Unit of the limits: working days (default) or natural (calendar) days.
    pub unit: DurationUnit,
    /// Which clock the item's time counts on (approval by default).
    pub clock: Clock,
    /// Predecessors, in declared order.
    pub after: Vec<Dependency>,
    /// Statutory prerequisites (法定前置): decided before this item is decided, whatever the
    /// measures do, unless an applied measure waives one.
    pub requires: Vec<Prerequisite>,
    /// The construction works (施工): its duration is the project's construction period.
    pub works: bool,
    /// The item applies only to projects meeting this condition (none: it always applies).
    pub when: Option<Condition>,
    /// Limits for particular projects; the first case whose condition holds replaces
    /// `limit` and `legal_limit`.
    pub limit_cases: Vec<LimitCase>,
    /// Application materials (申请材料), by name.
    pub materials: Vec<String>,
    /// Where the limit comes from.
    pub provenance: Provenance,
    /// Free-form remark.
    pub note: Option<String>,
    /// What can make it take more or less time (`shenpi simulate`): its clock's
    /// `[uncertainty]` with its own fields. Not in the precompiled encoding.
    #[cfg_attr(feature = "precompiled", serde(skip))]
    pub risk: crate::risk::Risk,
}

/// The item a `merge` measure creates.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct MergeInto {
    /// Id of the new item.
    pub id: String,
    /// Display name of the new item.
    pub name: String,
    /// Department of the new item (none: the parts' departments joined by `、`).
    pub department: Option<String>,
    /// Stage of the new item (none: the stage of the first merged item).
    pub stage: Option<StageIdx>,
}

/// Item fields a `set` measure overrides; `None` leaves a field unchanged.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct SetFields {
    /// New promised limit, in the item's unit.
    pub limit: Option<u32>,
    /// New statutory limit, in the item's unit.
    pub legal_limit: Option<u32>,
    /// New clock.
    pub clock: Option<Clock>,
    /// New duration unit.
    pub unit: Option<DurationUnit>,
    /// New predecessors, replacing the item's own.
    pub after: Option<Vec<Dependency>>,
}

/// A reform measure (改革措施): a named transformation of the item graph.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Measure {
    /// Stable id, e.g. `commitment-permit`.
    pub id: String,
    /// Display name, e.g. `施工许可告知承诺制`.
    pub name: String,
    /// Free-form description.
    pub description: Option<String>,
    /// The items the measure reshapes.
    pub items: Vec<ItemIdx>,
    /// Statutory prerequisites the measure waives: links from these items into the
    /// measure's items are dropped when it applies, and an `exempt` measure may remove them.
    pub waives: Vec<ItemIdx>,
    /// The measure applies only to projects meeting this condition.
    pub when: Option<Condition>,
    /// On unless the project switches it off.
    pub default: bool,
    /// What the measure does, with the fields that kind of measure needs.
    pub action: MeasureAction,
    /// Where the measure comes from.
    pub provenance: Provenance,
}

/// What a measure does to its items: one variant per [`MeasureKind`], each with the fields
/// only that kind has.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum MeasureAction {
    /// 告知承诺制: the items are decided within `limit` working days (0: on acceptance).
    Commitment {
        /// The promised duration, in working days.
        limit: u32,
    },
    /// 豁免 / 取消 / 区域评估: the items are removed.
    Exempt,
    /// 联合审图 / 多测合一 / 联合验收: the items become one new item.
    Merge {
        /// The item the merged items become.
        into: MergeInto,
        /// Its duration in working days (none: the longest part's, in its unit).
        limit: Option<u32>,
    },
    /// 并联审批: dependencies among the items, and gates among `stages`, are dropped.
    Parallel {
        /// Stages whose gates among each other are lifted.
        stages: Vec<StageIdx>,
    },
    /// 容缺受理: finish-to-start links among the items become start-to-start with `lag`.
    Overlap {
        /// The start-to-start lag, in working days.
        lag: i32,
    },
    /// 压缩时限: fields of the items are overridden.
    Set(SetFields),
    /// 一件事一次办: the items are accepted together and decided as one.
    Bundle {
        /// A cap on every member's duration, in working days.
        limit: Option<u32>,
    },
}

impl MeasureAction {
    /// The kind of measure this is.
    pub fn kind(&self) -> MeasureKind {
        match self {
            MeasureAction::Commitment { .. } => MeasureKind::Commitment,
            MeasureAction::Exempt => MeasureKind::Exempt,
            MeasureAction::Merge { .. } => MeasureKind::Merge,
            MeasureAction::Parallel { .. } => MeasureKind::Parallel,
            MeasureAction::Overlap { .. } => MeasureKind::Overlap,
            MeasureAction::Set(_) => MeasureKind::Set,
            MeasureAction::Bundle { .. } => MeasureKind::Bundle,
        }
    }
}

impl Measure {
    /// The kind of measure this is.
    pub fn kind(&self) -> MeasureKind {
        self.action.kind()
    }

    /// The item a `merge` measure creates (none for other kinds).
    pub fn merge_into(&self) -> Option<&MergeInto> {
        match &self.action {
            MeasureAction::Merge { into, .. } => Some(into),
            _ => None,
        }
    }
}

impl Ruleset {
    /// The construction works item, if the ruleset has one.
    pub fn works(&self) -> Option<ItemIdx> {
        self.items.iter().position(|i| i.works).map(ItemIdx)
    }

    /// Index of the item with this id.
    pub fn item_index(&self, id: &str) -> Option<ItemIdx> {
        self.items.iter().position(|i| i.id == id).map(ItemIdx)
    }
    /// Index of the stage with this id.
    pub fn stage_index(&self, id: &str) -> Option<StageIdx> {
        self.stages.iter().position(|s| s.id == id).map(StageIdx)
    }
    /// Index of the attribute with this id.
    pub fn attribute_index(&self, id: &str) -> Option<AttrIdx> {
        self.attributes.iter().position(|a| a.id == id).map(AttrIdx)
    }
    /// Index of the project type with this id.
    pub fn type_index(&self, id: &str) -> Option<TypeIdx> {
        self.project_types
            .iter()
            .position(|t| t.id == id)
            .map(TypeIdx)
    }
    /// Index of the measure with this id.
    pub fn measure_index(&self, id: &str) -> Option<MeasureIdx> {
        self.measures
            .iter()
            .position(|m| m.id == id)
            .map(MeasureIdx)
    }
}
