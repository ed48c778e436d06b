//! The project file format (TOML, or the same shape as JSON).

use std::collections::BTreeMap;

use serde::Deserialize;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

use crate::calendar::additions::RawCalendarAdditions;
use crate::spanned::{Date, RawValue, Sp};

/// Which limits a plan uses for item durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Scenario {
    /// Promised limits (承诺时限) — what the bureau commits to.
    #[default]
    Promised,
    /// Statutory limits (法定时限).
    Legal,
}

/// A project file.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    /// Project name (plans show `未命名项目` when absent).
    pub name: Option<Sp<String>>,
    /// Free-form description.
    pub description: Option<String>,
    /// Built-in ruleset id or a path to a ruleset file.
    pub ruleset: Option<Sp<String>>,
    /// Project type id; when absent the type is classified from the attributes.
    #[serde(rename = "type")]
    pub project_type: Option<Sp<String>>,
    /// Start date: the first application is accepted on it, or on the next workday when it is
    /// not one (offset 0). Defaults to today, as the host passes it.
    pub start: Option<Sp<Date>>,
    /// `promised` (承诺时限, the default) or `legal` (法定时限: each item's `legal_limit` where it
    /// has one).
    pub scenario: Option<Sp<Scenario>>,
    /// Attribute values, checked against the ruleset's attribute schema.
    pub attributes: Option<Sp<RawValue>>,
    /// Construction period (工期) in calendar days, from the start of the works to
    /// completion; defaults to the project type's.
    pub construction_days: Option<Sp<i64>>,
    /// Measure switches by id (`true` on, `false` off).
    #[serde(default)]
    pub measures: BTreeMap<Sp<String>, Sp<bool>>,
    /// Local holidays and workdays for this project.
    pub calendar: Option<RawCalendarAdditions>,
}
