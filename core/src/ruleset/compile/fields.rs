//! Checks of single fields that several parts of a ruleset share: required fields,
//! durations, lags and where a number comes from.

use crate::diagnostic::Diagnostic;
use crate::spanned::Sp;

use super::super::model::{MAX_CONSTRUCTION_DAYS, MAX_DURATION_DAYS, MAX_LAG_DAYS, Provenance};

/// The error for a required field that an entry lacks.
pub(super) fn missing(what: &str, field: &str, id: &Sp<String>) -> Diagnostic {
    Diagnostic::error(
        "missing-field",
        format!("{what} `{}` has no `{field}`", id.value),
    )
    .with_label(id.span.clone(), format!("`{field}` is required"))
    .with_help(format!(
        "add `{field} = …` to this entry (or to the entry it patches)"
    ))
}

/// A duration in days: non-negative and at most [`MAX_DURATION_DAYS`].
pub(super) fn duration(v: &Sp<i64>, field: &str, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    duration_up_to(v, field, MAX_DURATION_DAYS, diags)
}

/// A construction period in calendar days: positive and at most [`MAX_CONSTRUCTION_DAYS`].
pub(crate) fn construction_days(
    v: &Sp<i64>,
    field: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    duration_within(v, field, 1..=MAX_CONSTRUCTION_DAYS, diags)
}

fn duration_up_to(v: &Sp<i64>, field: &str, max: i64, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    duration_within(v, field, 0..=max, diags)
}

fn duration_within(
    v: &Sp<i64>,
    field: &str,
    range: std::ops::RangeInclusive<i64>,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    if !range.contains(&v.value) {
        diags.push(
            Diagnostic::error(
                "duration-range",
                format!("`{field}` = {} is not a plausible duration", v.value),
            )
            .with_label(
                v.span.clone(),
                format!("expected {} to {} days", range.start(), range.end()),
            )
            .with_help("durations are whole days; 0 means decided on acceptance (即办)"),
        );
        return None;
    }
    Some(v.value as u32)
}

/// An optional duration field.
pub(super) fn optional_duration(
    v: Option<&Sp<i64>>,
    field: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    v.and_then(|v| duration(v, field, diags))
}

/// A lag in working days (0 when not given): at most [`MAX_LAG_DAYS`] either way. `span`
/// is where to point when the lag is out of range.
pub(super) fn lag(v: Option<&Sp<i64>>, diags: &mut Vec<Diagnostic>) -> Option<i32> {
    let Some(v) = v else { return Some(0) };
    if !(-MAX_LAG_DAYS..=MAX_LAG_DAYS).contains(&v.value) {
        diags.push(
            Diagnostic::error(
                "duration-range",
                format!("lag {} is not plausible", v.value),
            )
            .with_label(
                v.span.clone(),
                format!("expected -{MAX_LAG_DAYS} to {MAX_LAG_DAYS} working days"),
            ),
        );
        return None;
    }
    Some(v.value as i32)
}

/// Where an entry's number comes from: its `source`, else `calibrated`, else `estimate`.
pub(super) fn provenance(
    source: &Option<String>,
    estimate: &Option<String>,
    calibrated: &Option<String>,
) -> Provenance {
    match (source, calibrated, estimate) {
        (Some(s), _, _) => Provenance::Source(s.clone()),
        (None, Some(c), _) => Provenance::Calibrated(c.clone()),
        (None, None, Some(e)) => Provenance::Estimate(e.clone()),
        (None, None, None) => Provenance::Unstated,
    }
}
