//! Before/after comparison of two plans (two rulesets, measures on/off, promised vs legal),
//! stated the way reform reports state it: "由106个工作日压缩至75个工作日，压减29.2%".

use serde::Serialize;

use crate::plan::Plan;

/// Headline numbers of one side of a [`Comparison`], taken from the plan's summary.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// Label the caller gives the side, e.g. a ruleset id or `法定时限`.
    pub label: String,
    /// Id of the ruleset the plan used.
    pub ruleset: String,
    /// Approval time (审批时间), in working days.
    pub approval_working_days: i64,
    /// Elapsed time, in working days.
    pub elapsed_working_days: i64,
    /// Elapsed time, in calendar days from acceptance to the finish.
    pub elapsed_calendar_days: i64,
    /// Number of planned items.
    pub items: usize,
    /// Number of distinct application materials.
    pub materials: usize,
    /// Number of separate applications (a bundle or a merged item is one).
    pub applications: usize,
    /// Decision date of the last item.
    pub finish: chrono::NaiveDate,
}

/// One item's duration in the two plans.
#[derive(Debug, Clone, Serialize)]
pub struct ItemDiff {
    /// Item id.
    pub id: String,
    /// Item name.
    pub name: String,
    /// Working days the item takes in the first plan (`None`: not in that plan).
    pub before: Option<i64>,
    /// Working days the item takes in the second plan (`None`: not in that plan).
    pub after: Option<i64>,
    /// `after - before` when the item is in both plans.
    pub delta: Option<i64>,
}

/// Before/after comparison of two plans of the same project.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The first plan (the baseline).
    pub before: Side,
    /// The second plan.
    pub after: Side,
    /// Approval working days saved (positive: the second plan is shorter).
    pub saved_working_days: i64,
    /// Saved as a percentage of the first plan's approval time, one decimal.
    pub saved_percent: f64,
    /// Elapsed working days saved (positive: the second plan finishes sooner).
    pub elapsed_saved_working_days: i64,
    /// The first plan's items in its order, then items only in the second plan.
    pub items: Vec<ItemDiff>,
    /// The one-line statement of a reform report.
    pub statement: String,
}

fn side(plan: &Plan, label: &str) -> Side {
    Side {
        label: label.to_owned(),
        ruleset: plan.ruleset.id.to_string(),
        approval_working_days: plan.summary.approval_working_days,
        elapsed_working_days: plan.summary.elapsed_working_days,
        elapsed_calendar_days: plan.summary.elapsed_calendar_days,
        items: plan.summary.items,
        materials: plan.summary.materials,
        applications: plan.summary.applications,
        finish: plan.summary.finish,
    }
}

/// Percentage change from `before` to `after`, rounded to one decimal.
pub fn percent_saved(before: i64, after: i64) -> f64 {
    if before == 0 {
        return 0.0;
    }
    ((before - after) as f64 * 1000.0 / before as f64).round() / 10.0
}

/// Compares two plans of the same project.
pub fn compare(before: &Plan, after: &Plan, before_label: &str, after_label: &str) -> Comparison {
    let mut items: Vec<ItemDiff> = before
        .items
        .iter()
        .map(|b| {
            let a = after.item(&b.id).map(|a| a.working_days);
            ItemDiff {
                id: b.id.to_string(),
                name: b.name.to_string(),
                before: Some(b.working_days),
                after: a,
                delta: a.map(|a| a - b.working_days),
            }
        })
        .collect();
    items.extend(
        after
            .items
            .iter()
            .filter(|a| before.item(&a.id).is_none())
            .map(|a| ItemDiff {
                id: a.id.to_string(),
                name: a.name.to_string(),
                before: None,
                after: Some(a.working_days),
                delta: None,
            }),
    );
    let (b, a) = (
        before.summary.approval_working_days,
        after.summary.approval_working_days,
    );
    let saved_percent = percent_saved(b, a);
    let statement = if a < b {
        format!("由{b}个工作日压缩至{a}个工作日，压减{saved_percent:.1}%")
    } else if a == b {
        format!("均为{b}个工作日，未压减")
    } else {
        format!("由{b}个工作日增加至{a}个工作日，增加{:.1}%", -saved_percent)
    };
    Comparison {
        before: side(before, before_label),
        after: side(after, after_label),
        saved_working_days: b - a,
        saved_percent,
        elapsed_saved_working_days: before.summary.elapsed_working_days
            - after.summary.elapsed_working_days,
        items,
        statement,
    }
}

#[cfg(test)]
mod tests {
    use super::percent_saved;

    #[test]
    fn percent_matches_reform_reports() {
        // 赣州: 106 → 75 working days, reported as 压减29.2%.
        assert_eq!(percent_saved(106, 75), 29.2);
        assert_eq!(percent_saved(60, 45), 25.0);
        assert_eq!(percent_saved(0, 0), 0.0);
    }
}
