//! The ruleset file format, exactly as written (before `extends` is resolved and before any
//! check). Every field a diagnostic may point at is spanned. Fields are optional because a
//! child ruleset patches its parent by id and may restate only what it changes; required
//! fields are checked after the chain is merged.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::spanned::{Date, RawValue, Sp};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A whole ruleset file.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRuleset {
    /// Metadata: id, name, jurisdiction, parent.
    pub ruleset: Option<Sp<RawMeta>>,
    /// Local holidays and workdays added to the base calendar.
    #[serde(default)]
    pub calendar: Option<RawCalendarAdditions>,
    /// Typed project attributes that conditions test (项目属性).
    #[serde(default)]
    pub attribute: Vec<Sp<RawAttribute>>,
    /// Classes of projects with their own targets (项目类型).
    #[serde(default)]
    pub project_type: Vec<Sp<RawProjectType>>,
    /// Approval stages, in order (审批阶段).
    #[serde(default)]
    pub stage: Vec<Sp<RawStage>>,
    /// Approval items: approvals, reviews, services, milestones (审批事项).
    #[serde(default)]
    pub item: Vec<Sp<RawItem>>,
    /// Reform measures that reshape the items, applied in declared order (改革措施).
    #[serde(default)]
    pub measure: Vec<Sp<RawMeasure>>,
    /// Key dates a plan reports (开工, 竣工, …), each the start or finish of an item.
    #[serde(default)]
    pub milestone: Vec<Sp<RawMilestone>>,
    /// When an item under review turns yellow or red (电子监察 红黄牌), for `shenpi status`;
    /// added to the built-in profiles (`rulesets/warning-profiles.toml`), replacing one of
    /// the same id.
    #[serde(default)]
    pub warning_profile: Vec<Sp<RawWarningProfile>>,
    /// What can make items take more or less time (`shenpi simulate`): defaults per clock.
    pub uncertainty: Option<Sp<RawUncertainty>>,
}

/// The `[uncertainty]` table: per clock (and for the works) the range of an item's time and
/// the chance of correction rounds, with where the numbers come from. A child ruleset's table
/// replaces its parent's clock by clock.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawUncertainty {
    /// Approval items: the department's time within the limit, and correction rounds.
    pub approval: Option<Sp<RawRisk>>,
    /// Technical review (expert review, public notices).
    pub technical: Option<Sp<RawRisk>>,
    /// Intermediary services.
    pub intermediary: Option<Sp<RawRisk>>,
    /// The applicant's own work (tendering, land transfer).
    pub applicant: Option<Sp<RawRisk>>,
    /// The construction period.
    pub works: Option<Sp<RawRisk>>,
    /// The policy document or data the numbers come from.
    pub source: Option<String>,
    /// Why the numbers were chosen, when they are an estimate.
    pub estimate: Option<String>,
}

/// An item's (or a clock's) uncertainty: `time` and `corrections`, each optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    /// The time taken as a factor of the planned duration: `{ min, mode, max }`.
    pub time: Option<Sp<RawTriangle>>,
    /// Correction rounds (补正): `{ p, notice, turnaround }`.
    pub corrections: Option<Sp<RawCorrections>>,
}

/// A triangular range.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawTriangle {
    /// Least.
    pub min: Sp<f64>,
    /// Most likely (default: halfway).
    pub mode: Option<Sp<f64>>,
    /// Most.
    pub max: Sp<f64>,
    /// A turnaround's unit: `working` days (the default) or `natural` (calendar) days.
    pub unit: Option<Sp<DurationUnit>>,
}

/// Correction rounds of an approval item.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCorrections {
    /// Chance (0–0.95) that a submission needs correcting: geometric rounds.
    pub p: Option<Sp<f64>>,
    /// Or the chances of exactly 0, 1, 2, … rounds (at most 9 entries, summing to 1).
    pub rounds: Option<Sp<Vec<f64>>>,
    /// Working days until the department's notice (default 1–5, mode 3: 第三十二条 五日内).
    pub notice: Option<Sp<RawTriangle>>,
    /// Working days the applicant takes to correct and resubmit.
    pub turnaround: Sp<RawTriangle>,
}

/// A `[[warning_profile]]`: the 电子监察 thresholds at which an item under review turns
/// yellow (黄牌/黄灯) or red (红牌/红灯). Past its limit an item is overdue whatever the
/// profile says.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawWarningProfile {
    /// Stable id, e.g. `enshi`.
    pub id: Sp<String>,
    /// Display name, e.g. 恩施州：超过承诺时限50%黄牌、90%红牌.
    pub name: Option<Sp<String>>,
    /// The document the thresholds come from.
    pub source: Option<String>,
    /// When the item turns yellow.
    pub yellow: Option<Sp<RawThreshold>>,
    /// When the item turns red (absent: only overdue is red).
    pub red: Option<Sp<RawThreshold>>,
    /// Drop the parent's profile of this id.
    pub remove: Option<Sp<bool>>,
}

/// One threshold of a warning profile: exactly one of its fields.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawThreshold {
    /// Past this percentage of the limit (超过承诺时限的 N%): more than N % used.
    pub over_percent: Option<Sp<i64>>,
    /// At this percentage of the limit or more (达到承诺时限的 N%).
    pub from_percent: Option<Sp<i64>>,
    /// With this many working days of the limit left or fewer (到期前 N 个工作日).
    pub days_left: Option<Sp<i64>>,
}

/// A `[[milestone]]`: a key date of the project, the start or the finish of an item (e.g.
/// 开工 = the start of the works).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    /// Stable id, e.g. `construction-start`.
    pub id: Sp<String>,
    /// Display name, e.g. 开工.
    pub name: Option<Sp<String>>,
    /// The milestone is the day this item starts (is accepted).
    pub start: Option<Sp<String>>,
    /// The milestone is the day this item finishes (is decided).
    pub finish: Option<Sp<String>>,
    /// Drop the parent's milestone of this id.
    pub remove: Option<Sp<bool>>,
}

/// The `[ruleset]` table: metadata and the parent the file patches.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    /// Stable id, e.g. `hubei-shiyan-2022`.
    pub id: Sp<String>,
    /// Display name, e.g. 十堰市工程建设项目审批流程（2022）.
    pub name: Option<Sp<String>>,
    /// 辖区, e.g. 湖北省十堰市.
    pub jurisdiction: Option<Sp<String>>,
    /// Parent ruleset: a built-in id or a path relative to this file.
    pub extends: Option<Sp<String>>,
    /// Date the rules took effect.
    pub effective: Option<Sp<Date>>,
    /// Base calendar id (`cn`).
    pub calendar: Option<Sp<String>>,
    /// Policy documents the ruleset is drawn from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Free-form description.
    pub description: Option<String>,
    /// The warning profile `shenpi status` uses unless told otherwise (inherited; the
    /// built-in default is `enshi`).
    pub warning_profile: Option<Sp<String>>,
}

pub use crate::calendar::additions::{RawCalendarAdditions, RawCalendarDay};

/// Value type of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum AttributeKind {
    /// One of the declared `values`.
    Enum,
    /// A number, optionally bounded by `min` / `max` (inclusive).
    Number,
    /// `true` or `false`.
    Bool,
    /// Free text.
    Text,
}

/// An `[[attribute]]`: a typed project attribute (项目属性) that conditions test.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawAttribute {
    /// Stable id used in conditions, e.g. `floor_area`.
    pub id: Sp<String>,
    /// `enum`, `number`, `bool` or `text`.
    #[serde(rename = "type")]
    pub kind: Option<Sp<AttributeKind>>,
    /// Form label, e.g. 总建筑面积.
    pub label: Option<String>,
    /// Unit shown after numbers, e.g. `m2`.
    pub unit: Option<String>,
    /// Help text shown under the form field.
    pub help: Option<String>,
    /// Allowed values of an `enum` attribute.
    pub values: Option<Vec<Sp<String>>>,
    /// Display names of enum values, e.g. `{ government = "政府投资" }`.
    pub value_labels: Option<BTreeMap<Sp<String>, String>>,
    /// Smallest allowed value (`number` attributes).
    pub min: Option<Sp<f64>>,
    /// Largest allowed value (`number` attributes).
    pub max: Option<Sp<f64>>,
    /// Value used when a project does not set the attribute.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::AttributeValueSchema>")
    )]
    pub default: Option<Sp<RawValue>>,
    /// Defaults that depend on attributes declared before this one: the first entry whose
    /// `when` holds gives the value a project that does not set the attribute gets (e.g. the
    /// EIA category by kind of project); `default` when none holds.
    pub defaults: Option<Vec<Sp<RawConditionalDefault>>>,
    /// Whether a project must set the attribute.
    pub required: Option<bool>,
    /// Drop the parent's attribute of this id.
    pub remove: Option<Sp<bool>>,
}

/// One entry of an attribute's `defaults`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawConditionalDefault {
    /// When this default applies; it may test only attributes declared earlier. Its
    /// `reason` says why the value is assumed (shown with the plan's assumptions).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ConditionSchema"))]
    pub when: Sp<RawValue>,
    /// The value assumed.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "crate::schema::AttributeValueSchema")
    )]
    pub value: Sp<RawValue>,
}

/// Time-limit targets of a project type, in working days of approval time.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// Whole process (立项 → 竣工验收).
    pub total: Option<Sp<i64>>,
    /// Per stage, by stage id.
    #[serde(default)]
    pub stages: BTreeMap<Sp<String>, Sp<i64>>,
    /// Policy document the targets come from.
    pub source: Option<String>,
}

/// A `[[project_type]]`: a class of projects with its own targets (项目类型).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawProjectType {
    /// Stable id, e.g. `social-general`.
    pub id: Sp<String>,
    /// Display name, e.g. 社会投资一般项目.
    pub name: Option<Sp<String>>,
    /// Free-form description.
    pub description: Option<String>,
    /// Auto-classification: the condition a project must meet to be of this type.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ConditionSchema>")
    )]
    pub when: Option<Sp<RawValue>>,
    /// Time-limit targets (时限目标) in working days of approval time.
    pub target: Option<Sp<RawTarget>>,
    /// Default construction period (工期) of this type's projects, in calendar days.
    pub construction_days: Option<Sp<i64>>,
    /// Attributes of a typical project of this type (used by `show` and the examples).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::AttributeValuesSchema>")
    )]
    pub example: Option<Sp<RawValue>>,
    /// Drop the parent's project type of this id.
    pub remove: Option<Sp<bool>>,
}

/// A `[[stage]]`: an approval stage (审批阶段); stages are in declaration order.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    /// Stable id, e.g. `land`.
    pub id: Sp<String>,
    /// Display name, e.g. 立项用地规划许可阶段.
    pub name: Option<Sp<String>>,
    /// Lead department (一家牵头).
    pub lead: Option<String>,
    /// Stage gate: every item of this stage waits for every item of these stages.
    pub after: Option<Vec<Sp<String>>>,
    /// Drop the parent's stage of this id.
    pub remove: Option<Sp<bool>>,
}

/// Unit of an item's duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum DurationUnit {
    /// Working days (行政许可法 Art. 82).
    Working,
    /// Calendar days (public notices, 公示).
    Natural,
}

/// Which clock an item's time counts on (计时): only `approval` time counts towards targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Clock {
    /// Counts as official approval time.
    Approval,
    /// Technical review (expert review, testing) — excluded by 行政许可法 Art. 45.
    Technical,
    /// Intermediary services (surveys, assessments by third parties).
    Intermediary,
    /// Time the applicant spends (preparing, correcting, tendering).
    Applicant,
}

impl AttributeKind {
    /// The name rulesets use (`enum`, `number`, `bool`, `text`).
    pub fn name(self) -> &'static str {
        match self {
            AttributeKind::Enum => "enum",
            AttributeKind::Number => "number",
            AttributeKind::Bool => "bool",
            AttributeKind::Text => "text",
        }
    }

    /// The name with its article, for messages ("expected a number").
    pub fn described(self) -> &'static str {
        match self {
            AttributeKind::Enum => "an enum",
            AttributeKind::Number => "a number",
            AttributeKind::Bool => "a boolean",
            AttributeKind::Text => "a text",
        }
    }
}

impl MeasureKind {
    /// The name rulesets and plans use (`commitment`, `merge`, …).
    pub fn name(self) -> &'static str {
        match self {
            MeasureKind::Commitment => "commitment",
            MeasureKind::Exempt => "exempt",
            MeasureKind::Merge => "merge",
            MeasureKind::Parallel => "parallel",
            MeasureKind::Overlap => "overlap",
            MeasureKind::Set => "set",
            MeasureKind::Bundle => "bundle",
        }
    }
}

impl DurationUnit {
    /// The name rulesets and plans use (`working`, `natural`).
    pub fn name(self) -> &'static str {
        match self {
            DurationUnit::Working => "working",
            DurationUnit::Natural => "natural",
        }
    }
}

impl Clock {
    /// The name rulesets and plans use (`approval`, `technical`, …).
    pub fn name(self) -> &'static str {
        match self {
            Clock::Approval => "approval",
            Clock::Technical => "technical",
            Clock::Intermediary => "intermediary",
            Clock::Applicant => "applicant",
        }
    }
}

/// Kind of a dependency between two items; lags are in working days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub enum DepKind {
    /// Finish-to-start (the default).
    FS,
    /// Start-to-start.
    SS,
    /// Finish-to-finish.
    FF,
}

/// One entry of `after`: an item id, or `{ item, kind, lag }`.
#[derive(Debug, Clone)]
pub struct RawDep {
    /// Id of the predecessor item.
    pub item: Sp<String>,
    /// Link kind (finish-to-start when absent).
    pub kind: Option<Sp<DepKind>>,
    /// Lag in working days, may be negative (0 when absent).
    pub lag: Option<Sp<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDepTable {
    item: Sp<String>,
    kind: Option<Sp<DepKind>>,
    lag: Option<Sp<i64>>,
}

impl<'de> Deserialize<'de> for RawDep {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DepVisitor;
        impl<'de> Visitor<'de> for DepVisitor {
            type Value = RawDep;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an item id or a table `{ item = \"id\", kind = \"SS\", lag = 2 }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDep, E> {
                // The span of a bare string is supplied by the enclosing `Sp<RawDep>`.
                Ok(RawDep {
                    item: Sp::new(v.to_owned(), 0..0),
                    kind: None,
                    lag: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawDep, A::Error> {
                let t = RawDepTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawDep {
                    item: t.item,
                    kind: t.kind,
                    lag: t.lag,
                })
            }
        }
        deserializer.deserialize_any(DepVisitor)
    }
}

#[cfg(feature = "schema")]
impl JsonSchema for RawDep {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Dependency".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A predecessor: an item id (finish-to-start) or a table with kind and lag.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "item": { "type": "string" },
                        "kind": { "enum": ["FS", "SS", "FF"] },
                        "lag": { "type": "integer", "description": "working days, may be negative" }
                    },
                    "required": ["item"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// A statutory prerequisite (法定前置): the item it names must be decided before this one
/// is. Written as an item id, or as `{ item = "id", source = "law, article" }`.
#[derive(Debug, Clone)]
pub struct RawRequire {
    /// The prerequisite item's id.
    pub item: Sp<String>,
    /// The law and article that require it.
    pub source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequireTable {
    item: Sp<String>,
    source: Option<String>,
}

impl<'de> Deserialize<'de> for RawRequire {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RequireVisitor;
        impl<'de> Visitor<'de> for RequireVisitor {
            type Value = RawRequire;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an item id or a table `{ item = \"id\", source = \"law, article\" }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRequire, E> {
                // The span of a bare string is supplied by the enclosing `Sp<RawRequire>`.
                Ok(RawRequire {
                    item: Sp::new(v.to_owned(), 0..0),
                    source: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawRequire, A::Error> {
                let t = RawRequireTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawRequire {
                    item: t.item,
                    source: t.source,
                })
            }
        }
        deserializer.deserialize_any(RequireVisitor)
    }
}

#[cfg(feature = "schema")]
impl JsonSchema for RawRequire {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Prerequisite".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A statutory prerequisite: an item id, or a table with the item and the law that requires it.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "item": { "type": "string" },
                        "source": { "type": "string", "description": "law and article" }
                    },
                    "required": ["item"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// An `[[item]]`: one approval, review, service or milestone (审批事项).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    /// Stable id, e.g. `construction-permit`.
    pub id: Sp<String>,
    /// Display name, e.g. 建筑工程施工许可证核发.
    pub name: Option<Sp<String>>,
    /// Responsible department, e.g. 住房和城乡建设部门.
    pub department: Option<Sp<String>>,
    /// Id of the stage the item belongs to.
    pub stage: Option<Sp<String>>,
    /// Promised limit (承诺时限), in `unit`s: what plans use. 0 = decided on the acceptance
    /// day (即办, milestones).
    pub limit: Option<Sp<i64>>,
    /// Statutory limit (法定时限), used by the `legal` scenario.
    pub legal_limit: Option<Sp<i64>>,
    /// `working` days (default) or `natural` (calendar) days.
    pub unit: Option<Sp<DurationUnit>>,
    /// Which clock the time counts on: `approval` (default), `technical`, `intermediary` or `applicant`.
    pub clock: Option<Sp<Clock>>,
    /// Predecessors: item ids (finish-to-start) or `{ item, kind, lag }` tables.
    pub after: Option<Vec<Sp<RawDep>>>,
    /// Statutory prerequisites (法定前置): items that must be decided before this one is.
    /// The item may still be accepted alongside them (并联); no measure removes such a link
    /// unless it `waives` it.
    pub requires: Option<Vec<Sp<RawRequire>>>,
    /// The construction works (施工): the item's duration is the project's construction period
    /// in calendar days (`construction_days` of the project or its type; `limit` when
    /// neither gives one). At most one item per ruleset.
    pub works: Option<Sp<bool>>,
    /// The item applies only to projects meeting this condition.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ConditionSchema>")
    )]
    pub when: Option<Sp<RawValue>>,
    /// What can make this item take more or less time (`shenpi simulate`): overrides its
    /// clock's `[uncertainty]` field by field.
    pub uncertainty: Option<Sp<RawRisk>>,
    /// Limits that depend on the project (e.g. drawing review: 15 working days for large
    /// projects, 10 for the others): the first case whose `when` holds replaces `limit` and
    /// `legal_limit`, with its own provenance. A child ruleset that restates `limit` or
    /// `legal_limit` without `limit_cases` drops the parent's cases (its limit is its own).
    pub limit_cases: Option<Vec<Sp<RawLimitCase>>>,
    /// Application materials (申请材料), by name.
    pub materials: Option<Vec<String>>,
    /// Document and section the limit comes from.
    pub source: Option<String>,
    /// Why the limit is an estimate, when no document gives it.
    pub estimate: Option<String>,
    /// The limit is calibrated: back-solved so that a published total is reproduced. Name
    /// the total and the knob.
    pub calibrated: Option<String>,
    /// Free-form remark.
    pub note: Option<String>,
    /// Drop the parent's item of this id.
    pub remove: Option<Sp<bool>>,
}

/// One entry of an item's `limit_cases`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLimitCase {
    /// The projects this limit is for.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ConditionSchema"))]
    pub when: Sp<RawValue>,
    /// Promised limit for these projects, in the item's unit.
    pub limit: Sp<i64>,
    /// Statutory limit for these projects (the `legal` scenario); `limit` when not given.
    pub legal_limit: Option<Sp<i64>>,
    /// Document and section the limit comes from.
    pub source: Option<String>,
    /// Why the limit is an estimate.
    pub estimate: Option<String>,
    /// The limit is calibrated (name the published total and the knob).
    pub calibrated: Option<String>,
}

/// What a measure does to its items (graph transformation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum MeasureKind {
    /// 告知承诺制: the items take `limit` days (default 0).
    Commitment,
    /// 豁免 / 取消 / 区域评估: the items are removed.
    Exempt,
    /// 联合审图 / 多测合一 / 联合验收: the items become one.
    Merge,
    /// 并联审批: dependencies among the items (and gates among the stages) are dropped.
    Parallel,
    /// 容缺受理: finish-to-start links among the items become start-to-start with `lag`; the
    /// successor is still not decided before its predecessor (finish-to-finish, lag 0).
    Overlap,
    /// 压缩时限: override fields of the items.
    Set,
    /// 一件事一次办: the items are accepted together and finish as one.
    Bundle,
}

/// The item a `merge` measure creates.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMergeInto {
    /// Id of the new item.
    pub id: Sp<String>,
    /// Display name of the new item.
    pub name: Sp<String>,
    /// Department of the new item.
    pub department: Option<String>,
    /// Defaults to the stage of the first merged item.
    pub stage: Option<Sp<String>>,
}

/// Fields a `set` measure overrides.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSet {
    /// New promised limit (承诺时限), in the item's unit.
    pub limit: Option<Sp<i64>>,
    /// New statutory limit (法定时限), in the item's unit.
    pub legal_limit: Option<Sp<i64>>,
    /// New clock.
    pub clock: Option<Sp<Clock>>,
    /// New duration unit.
    pub unit: Option<Sp<DurationUnit>>,
    /// New predecessors, replacing the item's own.
    pub after: Option<Vec<Sp<RawDep>>>,
}

/// A `[[measure]]`: a reform measure (改革措施) that reshapes items, applied in declared order.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    /// Stable id, e.g. `commitment-permit`.
    pub id: Sp<String>,
    /// Display name, e.g. 施工许可告知承诺制.
    pub name: Option<Sp<String>>,
    /// What the measure does to its items.
    pub kind: Option<Sp<MeasureKind>>,
    /// Free-form description.
    pub description: Option<String>,
    /// Ids of the items the measure reshapes.
    pub items: Option<Vec<Sp<String>>>,
    /// `parallel` only: lift the stage gates among these stages.
    pub stages: Option<Vec<Sp<String>>>,
    /// Statutory prerequisites this measure waives (e.g. 告知承诺: a permit issued on the
    /// applicant's commitment before an approval the law otherwise requires first): item ids.
    /// Cite the document that allows it in `source`.
    pub waives: Option<Vec<Sp<String>>>,
    /// The measure applies only to projects meeting this condition.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::ConditionSchema>")
    )]
    pub when: Option<Sp<RawValue>>,
    /// On unless the project switches it off (default true).
    pub default: Option<bool>,
    /// `commitment` / `merge`: the new duration, in working days (`commitment` default 0:
    /// decided on acceptance; `merge` default: the longest part, in its unit). `bundle`: the
    /// joint promise — no member takes longer. An error on other kinds.
    pub limit: Option<Sp<i64>>,
    /// `overlap`: the start-to-start lag in working days.
    pub lag: Option<Sp<i64>>,
    /// `merge` only: the item the merged items become.
    pub into: Option<RawMergeInto>,
    /// `set` only: the fields to override.
    pub set: Option<RawSet>,
    /// Policy document the measure comes from.
    pub source: Option<String>,
    /// Why the measure is assumed, when no document gives it.
    pub estimate: Option<String>,
    /// The measure's number (its `limit`) is calibrated: back-solved so that a published
    /// total is reproduced. Name the total and the knob.
    pub calibrated: Option<String>,
    /// Drop the parent's measure of this id.
    pub remove: Option<Sp<bool>>,
}
