//! Small text helpers shared by the renderers: display width, padding, labels for enums.

use unicode_width::UnicodeWidthStr;

use crate::plan::PlannedItem;
use crate::ruleset::DurationUnit;

/// Terminal columns `s` takes (Chinese characters take two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded with spaces on the right to `w` columns.
pub fn pad_right(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// `s` padded with spaces on the left to `w` columns.
pub fn pad_left(s: &str, w: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(width(s))).collect();
    out.push_str(s);
    out
}

/// The duration as scheduled: `3` working days, or `7 cal → 5` for natural days.
pub fn days(item: &PlannedItem) -> String {
    match item.unit {
        DurationUnit::Working => item.working_days.to_string(),
        DurationUnit::Natural => format!("{} ({} cal)", item.working_days, item.duration),
    }
}

/// `met, 7 days to spare` / `missed by 2 days`.
pub fn margin(met: bool, margin: i64) -> String {
    let plural = |n: i64| if n == 1 { "day" } else { "days" };
    if met {
        format!("met, {margin} {} to spare", plural(margin))
    } else {
        format!("missed by {} {}", -margin, plural(-margin))
    }
}

/// The stage name for an id (the id itself when the plan does not list the stage).
pub fn stage_name<'a>(plan: &'a crate::plan::Plan<'_>, id: &'a str) -> &'a str {
    plan.stages
        .iter()
        .find(|s| s.id == id)
        .map_or(id, |s| s.name.as_str())
}

/// Item indices grouped by stage, stages in plan order (items of a stage the plan does not
/// list come last, in item order).
pub fn items_by_stage<'p>(plan: &'p crate::plan::Plan<'_>) -> Vec<(&'p str, Vec<usize>)> {
    let mut groups: Vec<(&str, Vec<usize>)> = plan
        .stages
        .iter()
        .map(|s| (s.id.as_str(), Vec::new()))
        .collect();
    for (i, item) in plan.items.iter().enumerate() {
        match groups.iter_mut().find(|(id, _)| *id == item.stage) {
            Some((_, v)) => v.push(i),
            None => groups.push((item.stage.as_str(), vec![i])),
        }
    }
    groups.retain(|(_, v)| !v.is_empty());
    groups
}

/// The mark after an attribute value the project did not give: `（默认）` for the ruleset's
/// default, `（推定）` for a default that depends on the project (see [`assumptions`]).
pub(crate) fn assumed_mark(a: &crate::plan::AttributeValue) -> &'static str {
    match &a.assumed {
        None => "",
        Some(crate::plan::Assumption::Default) => "（默认）",
        Some(crate::plan::Assumption::Inferred { .. }) => "（推定）",
    }
}

/// Each value a plan inferred from the project's other attributes, with why:
/// `环评类别 不纳入环评管理 — kind = building (…)`.
pub(crate) fn assumptions(p: &crate::plan::ProjectInfo) -> Vec<String> {
    (p.attributes.iter())
        .filter_map(|a| match &a.assumed {
            Some(crate::plan::Assumption::Inferred { because }) => {
                Some(format!("{} {} — {because}", a.label, a.display))
            }
            _ => None,
        })
        .collect()
}

/// The clock in Chinese, as bureaus' tables name it (`审批`, `中介服务`, …).
#[cfg(any(feature = "xlsx", feature = "mspdi"))]
pub fn clock_zh(c: crate::ruleset::Clock) -> &'static str {
    use crate::ruleset::Clock;
    match c {
        Clock::Approval => "审批",
        Clock::Technical => "技术审查",
        Clock::Intermediary => "中介服务",
        Clock::Applicant => "申请人",
    }
}

/// A limit in Chinese: `20个工作日` or `7个自然日`.
#[cfg(any(feature = "xlsx", feature = "mspdi"))]
pub fn days_zh(n: u32, unit: DurationUnit) -> String {
    match unit {
        DurationUnit::Working => format!("{n}个工作日"),
        DurationUnit::Natural => format!("{n}个自然日"),
    }
}

/// A limit's basis in a bureau's words: the source as written, `估计：…` or `校准：…` (the
/// 依据 column that `shenpi import` reads back as source, estimate or calibration).
#[cfg(any(feature = "xlsx", feature = "mspdi"))]
pub fn basis_zh(kind: crate::plan::BasisKind, text: &str) -> String {
    use crate::plan::BasisKind;
    match kind {
        BasisKind::Source => text.to_owned(),
        BasisKind::Estimate => format!("估计：{text}"),
        BasisKind::Calibrated => format!("校准：{text}"),
    }
}
