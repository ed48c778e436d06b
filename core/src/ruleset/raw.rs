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
    #[serde(default)]
    pub attribute: Vec<Sp<RawAttribute>>,
    #[serde(default)]
    pub project_type: Vec<Sp<RawProjectType>>,
    #[serde(default)]
    pub stage: Vec<Sp<RawStage>>,
    #[serde(default)]
    pub item: Vec<Sp<RawItem>>,
    #[serde(default)]
    pub measure: Vec<Sp<RawMeasure>>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    /// Stable id, e.g. `hubei-shiyan-2022`.
    pub id: Sp<String>,
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
    pub description: Option<String>,
}

/// Calendar days added by a ruleset or a project: a single `date` or an inclusive
/// `from`–`to` range.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCalendarDay {
    pub date: Option<Sp<Date>>,
    pub from: Option<Sp<Date>>,
    pub to: Option<Sp<Date>>,
    pub name: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCalendarAdditions {
    /// Extra days off (local holidays, a new year's notice).
    #[serde(default)]
    pub holidays: Vec<Sp<RawCalendarDay>>,
    /// Extra working days (weekend make-up days).
    #[serde(default)]
    pub workdays: Vec<Sp<RawCalendarDay>>,
    /// Years whose whole holiday arrangement these additions provide.
    #[serde(default)]
    pub years: Vec<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum AttributeKind {
    Enum,
    Number,
    Bool,
    Text,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawAttribute {
    pub id: Sp<String>,
    #[serde(rename = "type")]
    pub kind: Option<Sp<AttributeKind>>,
    pub label: Option<String>,
    pub unit: Option<String>,
    pub help: Option<String>,
    /// Allowed values of an `enum` attribute.
    pub values: Option<Vec<Sp<String>>>,
    /// Display names of enum values, e.g. `{ government = "政府投资" }`.
    pub value_labels: Option<BTreeMap<Sp<String>, String>>,
    pub min: Option<Sp<f64>>,
    pub max: Option<Sp<f64>>,
    pub default: Option<Sp<RawValue>>,
    pub required: Option<bool>,
    /// Drop the parent's attribute of this id.
    pub remove: Option<Sp<bool>>,
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
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawProjectType {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub description: Option<String>,
    /// Auto-classification: the condition a project must meet to be of this type.
    pub when: Option<Sp<RawValue>>,
    pub target: Option<Sp<RawTarget>>,
    /// Attributes of a typical project of this type (used by `show` and the examples).
    pub example: Option<Sp<RawValue>>,
    pub remove: Option<Sp<bool>>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    /// Lead department (一家牵头).
    pub lead: Option<String>,
    /// Stage gate: every item of this stage waits for every item of these stages.
    pub after: Option<Vec<Sp<String>>>,
    pub remove: Option<Sp<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum DurationUnit {
    /// Working days (行政许可法 Art. 82).
    Working,
    /// Calendar days (public notices, 公示).
    Natural,
}

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
    pub item: Sp<String>,
    pub kind: Option<Sp<DepKind>>,
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

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub department: Option<Sp<String>>,
    pub stage: Option<Sp<String>>,
    /// Promised limit (承诺时限), in `unit`s.
    pub limit: Option<Sp<i64>>,
    /// Statutory limit (法定时限), used by the `legal` scenario.
    pub legal_limit: Option<Sp<i64>>,
    pub unit: Option<Sp<DurationUnit>>,
    pub clock: Option<Sp<Clock>>,
    pub after: Option<Vec<Sp<RawDep>>>,
    pub when: Option<Sp<RawValue>>,
    pub materials: Option<Vec<String>>,
    /// Document and section the limit comes from.
    pub source: Option<String>,
    /// Why the limit is an estimate, when no document gives it.
    pub estimate: Option<String>,
    pub note: Option<String>,
    pub remove: Option<Sp<bool>>,
}

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
    /// 容缺受理: finish-to-start links among the items become start-to-start with `lag`.
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
    pub id: Sp<String>,
    pub name: Sp<String>,
    pub department: Option<String>,
    /// Defaults to the stage of the first merged item.
    pub stage: Option<Sp<String>>,
}

/// Fields a `set` measure overrides.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSet {
    pub limit: Option<Sp<i64>>,
    pub legal_limit: Option<Sp<i64>>,
    pub clock: Option<Sp<Clock>>,
    pub unit: Option<Sp<DurationUnit>>,
    pub after: Option<Vec<Sp<RawDep>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    pub id: Sp<String>,
    pub name: Option<Sp<String>>,
    pub kind: Option<Sp<MeasureKind>>,
    pub description: Option<String>,
    pub items: Option<Vec<Sp<String>>>,
    /// `parallel` only: lift the stage gates among these stages.
    pub stages: Option<Vec<Sp<String>>>,
    pub when: Option<Sp<RawValue>>,
    /// On unless the project switches it off (default true).
    pub default: Option<bool>,
    /// `commitment` / `merge` / `bundle`: the new duration.
    pub limit: Option<Sp<i64>>,
    /// `overlap`: the start-to-start lag in working days.
    pub lag: Option<Sp<i64>>,
    pub into: Option<RawMergeInto>,
    pub set: Option<RawSet>,
    pub source: Option<String>,
    pub estimate: Option<String>,
    pub remove: Option<Sp<bool>>,
}
