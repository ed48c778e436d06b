//! Counting one item's time as 行政许可法 does, from dates already checked for order
//! (`progress`):
//!
//! * 第三十二条: a correction notice (补正) must come within 5 days of submission; then the
//!   clock starts when the complete materials are in. A later notice, or none, makes the
//!   submission day the acceptance day (逾期不告知的，自收到申请材料之日起即为受理).
//! * 第四十二条: an extension approved within the limit adds its days (延长十日).
//! * 第四十五条: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 do not count.
//! * 第八十二条: the law's days are working days, without statutory holidays; the
//!   acceptance day is not counted (民法典 第二百零一条).
//!
//! An item measured in natural days (公示) counts natural days the same way.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::ruleset::DurationUnit;

/// Working days within which a correction notice keeps the clock waiting (第三十二条).
pub const CORRECTION_NOTICE_DAYS: i64 = 5;

/// The dates of one item, checked for order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dates {
    pub submitted: Option<NaiveDate>,
    pub accepted: Option<NaiveDate>,
    pub decided: Option<NaiveDate>,
    /// (notified, complete materials received)
    pub correction: Option<(NaiveDate, Option<NaiveDate>)>,
    /// (first day, last day or `None` while under way), in order, not overlapping.
    pub suspensions: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// (approved, days)
    pub extension: Option<(NaiveDate, u32)>,
}

/// Where the day the clock starts from comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum Acceptance {
    /// The recorded acceptance (受理) date.
    Recorded,
    /// Submitted; no acceptance recorded and no correction notice: the clock runs from the
    /// submission day.
    Submitted,
    /// A timely correction notice: the day the complete materials came in.
    AfterCorrection,
    /// The correction notice (or the acceptance) came more than 5 working days after
    /// submission: the submission day counts as the acceptance day (第三十二条).
    Deemed {
        /// The last day a correction notice could have come.
        deadline: NaiveDate,
    },
}

/// An item's time as the law counts it, on the as-of day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Counted {
    /// The day the clock starts from (`None`: not started: nothing submitted, or the
    /// complete materials still awaited after a timely correction notice).
    pub accepted: Option<(NaiveDate, Acceptance)>,
    /// The limit with the extension, in the item's unit.
    pub limit: i64,
    /// Days counted so far (to the decision, or to the as-of day), suspensions left out.
    pub used: i64,
    /// Days left out for suspensions, up to the same day.
    pub suspended: i64,
    /// Whether a suspension is under way on the as-of day.
    pub suspended_now: bool,
    /// The day the limit runs out (with the suspensions so far and the extension); `None`
    /// before the clock starts.
    pub limit_ends: Option<NaiveDate>,
}

/// Days of `unit` in `(a, b]` (0 when `b <= a`).
fn days(cal: &Calendar, unit: DurationUnit, a: NaiveDate, b: NaiveDate) -> i64 {
    if b <= a {
        return 0;
    }
    match unit {
        DurationUnit::Working => cal.working_days_between(a, b),
        DurationUnit::Natural => (b - a).num_days(),
    }
}

/// The day the clock starts from, and why.
pub(crate) fn acceptance(cal: &Calendar, d: &Dates) -> Option<(NaiveDate, Acceptance)> {
    let Some(submitted) = d.submitted else {
        return d.accepted.map(|a| (a, Acceptance::Recorded));
    };
    let deadline = cal.add_working_days(submitted, CORRECTION_NOTICE_DAYS);
    let deemed = Some((submitted, Acceptance::Deemed { deadline }));
    match d.correction {
        Some((notified, _)) if notified > deadline => deemed,
        Some((_, completed)) => match (d.accepted, completed) {
            (Some(a), _) => Some((a, Acceptance::Recorded)),
            (None, Some(c)) => Some((c, Acceptance::AfterCorrection)),
            (None, None) => None,
        },
        None => match d.accepted {
            Some(a) if a > deadline => deemed,
            Some(a) => Some((a, Acceptance::Recorded)),
            None => Some((submitted, Acceptance::Submitted)),
        },
    }
}

/// Counts one item with `limit` days of `unit` on `as_of` (the dates are on or before it).
pub(crate) fn count(
    cal: &Calendar,
    unit: DurationUnit,
    limit: i64,
    d: &Dates,
    as_of: NaiveDate,
) -> Counted {
    let limit = limit + d.extension.map_or(0, |(_, days)| i64::from(days));
    let Some((accepted, how)) = acceptance(cal, d) else {
        return Counted {
            accepted: None,
            limit,
            used: 0,
            suspended: 0,
            suspended_now: false,
            limit_ends: None,
        };
    };
    let end = d.decided.unwrap_or(as_of);
    let mut suspended = 0;
    let mut suspended_now = false;
    for &(from, to) in &d.suspensions {
        let last = to.unwrap_or(as_of).min(end);
        // Days of the suspension after the acceptance day: (max(from - 1, accepted), last].
        let before = from.pred_opt().unwrap_or(from).max(accepted);
        suspended += days(cal, unit, before, last);
        suspended_now |= to.is_none() && d.decided.is_none();
    }
    let used = days(cal, unit, accepted, end) - suspended;
    let runs = limit + suspended;
    let limit_ends = Some(match unit {
        DurationUnit::Working => cal.add_working_days(accepted, runs),
        DurationUnit::Natural => cal.add_natural_days(accepted, runs),
    });
    Counted {
        accepted: Some((accepted, how)),
        limit,
        used,
        suspended,
        suspended_now,
        limit_ends,
    }
}
