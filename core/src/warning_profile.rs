//! Warning profiles (电子监察 红黄牌): when an item under review turns yellow or red, as
//! data. The built-in profiles are `rulesets/warning-profiles.toml`, each with its source; a
//! ruleset may add its own (`[[warning_profile]]`) and name its default
//! (`[ruleset] warning_profile`), and a host may choose any of them.

use serde::Serialize;

use crate::ruleset::raw::{RawThreshold, RawWarningProfile};
use crate::spanned::Sp;

/// The built-in profiles' TOML text.
pub const BUILTIN_TEXT: &str = include_str!("../../rulesets/warning-profiles.toml");

/// The profile plans use when the ruleset names none.
pub const DEFAULT_PROFILE: &str = "enshi";

/// The built-in profiles as written: the root every ruleset chain patches.
pub(crate) fn builtin_raw() -> Vec<Sp<RawWarningProfile>> {
    #[derive(serde::Deserialize)]
    struct File {
        warning_profile: Vec<Sp<RawWarningProfile>>,
    }
    // Embedded and checked by the tests (`builtin_profiles_compile`): it cannot fail here.
    toml::from_str::<File>(BUILTIN_TEXT)
        .map(|f| f.warning_profile)
        .unwrap_or_default()
}

/// A compiled warning profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct WarningProfile {
    /// Stable id, e.g. `enshi`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The document the thresholds come from.
    pub source: Option<String>,
    /// When an item under review turns yellow.
    pub yellow: Option<Threshold>,
    /// When it turns red (`None`: only when overdue).
    pub red: Option<Threshold>,
}

/// A point on an item's limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum Threshold {
    /// More than this percentage of the limit used.
    OverPercent(u32),
    /// This percentage of the limit used, or more.
    FromPercent(u32),
    /// This many working days of the limit left, or fewer.
    DaysLeft(u32),
}

impl Threshold {
    /// Whether an item that has used `used` of `limit` days is past this threshold.
    pub fn reached(self, used: i64, limit: i64) -> bool {
        match self {
            Threshold::OverPercent(p) => used * 100 > i64::from(p) * limit,
            Threshold::FromPercent(p) => used * 100 >= i64::from(p) * limit,
            Threshold::DaysLeft(n) => limit - used <= i64::from(n),
        }
    }

    /// In words (English), e.g. `more than 50 % of the limit used`.
    pub fn describe(self) -> String {
        match self {
            Threshold::OverPercent(p) => format!("more than {p} % of the limit used"),
            Threshold::FromPercent(p) => format!("{p} % of the limit used or more"),
            Threshold::DaysLeft(1) => "1 working day of the limit left or less".to_owned(),
            Threshold::DaysLeft(n) => format!("{n} working days of the limit left or fewer"),
        }
    }
}

/// An item's traffic light (红黄牌).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// Within the limit, no threshold reached (or decided on time).
    Green,
    /// The profile's yellow threshold reached.
    Yellow,
    /// The profile's red threshold reached.
    Red,
    /// Past the limit (or decided after it).
    Overdue,
}

impl Colour {
    /// `green`, `yellow`, `red` or `overdue`.
    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
            Colour::Overdue => "overdue",
        }
    }
    /// The Chinese word a supervision system uses.
    pub fn label(self) -> &'static str {
        match self {
            Colour::Green => "绿灯",
            Colour::Yellow => "黄牌",
            Colour::Red => "红牌",
            Colour::Overdue => "超期",
        }
    }
    /// Whether it calls for attention (yellow or worse).
    pub fn needs_attention(self) -> bool {
        self >= Colour::Yellow
    }
}

impl WarningProfile {
    /// The colour of an item that has used `used` of its `limit` working days.
    pub fn colour(&self, used: i64, limit: i64) -> Colour {
        if used > limit {
            Colour::Overdue
        } else if self.red.is_some_and(|t| t.reached(used, limit)) {
            Colour::Red
        } else if self.yellow.is_some_and(|t| t.reached(used, limit)) {
            Colour::Yellow
        } else {
            Colour::Green
        }
    }
}

/// Compiles one threshold; `None` (with a diagnostic) when it is not exactly one field
/// with a value in range.
pub(crate) fn threshold(
    raw: &Sp<RawThreshold>,
    diags: &mut Vec<crate::Diagnostic>,
) -> Option<Threshold> {
    use crate::Diagnostic;
    let t = &raw.value;
    type Make = fn(u32) -> Threshold;
    let given: Vec<(&Sp<i64>, Make, i64)> = [
        (&t.over_percent, Threshold::OverPercent as Make, 100),
        (&t.from_percent, Threshold::FromPercent, 100),
        (&t.days_left, Threshold::DaysLeft, 365),
    ]
    .into_iter()
    .filter_map(|(v, f, max)| v.as_ref().map(|v| (v, f, max)))
    .collect();
    let [(value, make, max)] = given[..] else {
        diags.push(
            Diagnostic::error(
                "invalid-threshold",
                "a threshold is exactly one of `over_percent`, `from_percent`, `days_left`",
            )
            .with_label(raw.span.clone(), "give one of them")
            .with_help("e.g. `yellow = { over_percent = 50 }` or `red = { days_left = 1 }`"),
        );
        return None;
    };
    if !(0..=max).contains(&value.value) {
        diags.push(
            Diagnostic::error(
                "invalid-threshold",
                format!("a threshold must lie between 0 and {max}"),
            )
            .with_label(
                value.span.clone(),
                format!("{} is out of range", value.value),
            )
            .with_help("percentages are of the item's limit; days are working days left"),
        );
        return None;
    }
    Some(make(value.value as u32))
}
