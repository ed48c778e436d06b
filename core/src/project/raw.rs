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
    /// What actually happened, per plan item id (`[progress.<item>]`), for `shenpi status`;
    /// a plan ignores it.
    #[cfg(feature = "tracking")]
    #[serde(default)]
    pub progress: BTreeMap<Sp<String>, Sp<RawProgress>>,
    /// Without the `tracking` feature (the web page's planner module) progress is accepted
    /// and skipped unread: plans ignore it, and reading it would cost the module 5 KB.
    #[cfg(not(feature = "tracking"))]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub progress: Option<serde::de::IgnoredAny>,
    /// The applicant's preparation and item overrides for `shenpi simulate`; a plan ignores it.
    #[cfg(feature = "simulate")]
    pub uncertainty: Option<Sp<RawProjectUncertainty>>,
    /// Without the `simulate` feature (the planner module) it is skipped unread.
    #[cfg(not(feature = "simulate"))]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub uncertainty: Option<serde::de::IgnoredAny>,
}

/// A project's `[uncertainty]` (`shenpi simulate`).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawProjectUncertainty {
    /// The applicant's preparation, as a factor on every correction chance: below 1 for a
    /// well-prepared applicant (0.5 halves them), above 1 for a poorly prepared one (0.1–5).
    pub preparation: Option<Sp<f64>>,
    /// Per ruleset item id, its `time` and `corrections` for this project.
    #[serde(default)]
    pub items: BTreeMap<Sp<String>, Sp<crate::ruleset::raw::RawRisk>>,
}

/// `[progress.<item>]`: the dates one item of the plan actually went through. Counting
/// follows 行政许可法 (docs/tracking.md): the limit runs from acceptance, without suspended
/// days, plus an approved extension.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawProgress {
    /// The day the application (申请材料) was received.
    pub submitted: Option<Sp<Date>>,
    /// The day it was accepted (受理), as the acceptance notice dates it.
    pub accepted: Option<Sp<Date>>,
    /// The day it was decided (办结).
    pub decided: Option<Sp<Date>>,
    /// A correction notice (补正告知) and when the complete materials came in.
    pub correction: Option<Sp<RawCorrection>>,
    /// Time the law leaves out of the limit (第四十五条).
    #[serde(default)]
    pub suspensions: Vec<Sp<RawSuspension>>,
    /// An approved extension of the limit (第四十二条).
    pub extension: Option<Sp<RawExtension>>,
    /// Free-form note.
    pub note: Option<String>,
}

/// A correction notice (补正告知, 行政许可法 第三十二条).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    /// The day the applicant was told what to correct. Within 5 working days of submission
    /// the clock waits for the complete materials; later, the submission day is the
    /// acceptance day.
    pub notified: Sp<Date>,
    /// The day the complete materials were received (absent: still awaited).
    pub completed: Option<Sp<Date>>,
}

/// A suspension of the limit for one of the procedures 第四十五条 lists.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSuspension {
    /// First day of the procedure.
    pub from: Sp<Date>,
    /// Last day (absent: still under way).
    pub to: Option<Sp<Date>>,
    /// Which procedure.
    pub reason: Sp<SuspensionReason>,
}

/// The procedures whose time 行政许可法 第四十五条 leaves out of the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuspensionReason {
    /// 听证
    Hearing,
    /// 招标
    Tender,
    /// 拍卖
    Auction,
    /// 检验
    Inspection,
    /// 检测
    Testing,
    /// 检疫
    Quarantine,
    /// 鉴定
    Appraisal,
    /// 专家评审
    ExpertReview,
}

impl SuspensionReason {
    /// The law's word.
    pub fn label(self) -> &'static str {
        match self {
            SuspensionReason::Hearing => "听证",
            SuspensionReason::Tender => "招标",
            SuspensionReason::Auction => "拍卖",
            SuspensionReason::Inspection => "检验",
            SuspensionReason::Testing => "检测",
            SuspensionReason::Quarantine => "检疫",
            SuspensionReason::Appraisal => "鉴定",
            SuspensionReason::ExpertReview => "专家评审",
        }
    }
}

/// An extension of the limit approved by the agency's head (第四十二条: 延长十日).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawExtension {
    /// The day it was approved: within the limit.
    pub approved: Sp<Date>,
    /// Working days added (default 10; at most 15, the extension of 第四十五条's joint
    /// handling).
    pub days: Option<Sp<i64>>,
}
