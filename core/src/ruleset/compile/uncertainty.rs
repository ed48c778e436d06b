//! `[uncertainty]` (defaults per clock) and an item's `uncertainty` (its own fields), resolved
//! into each item's [`Risk`](crate::risk::Risk) for `shenpi simulate`.

use crate::diagnostic::Diagnostic;
use crate::risk::{Corrections, MAX_ROUNDS, Risk, Rounds, Triangle};
use crate::spanned::Sp;

use super::super::model::{Clock, DurationUnit, RiskDefaults};
use super::super::raw::{RawCorrections, RawRisk, RawTriangle};
use super::Compiler;

/// Largest factor of the planned duration a range may reach.
const MAX_FACTOR: f64 = 10.0;
/// Largest number of working days a correction round's notice or turnaround may take.
const MAX_DAYS: f64 = 365.0;

fn invalid(span: std::ops::Range<usize>, message: String, help: &str) -> Diagnostic {
    Diagnostic::error("invalid-uncertainty", message)
        .with_label(span, "here")
        .with_help(help.to_owned())
}

/// A triangle with 0 ≤ min ≤ mode ≤ max ≤ `cap`; the mode defaults to halfway.
fn triangle(raw: &Sp<RawTriangle>, cap: f64, diags: &mut Vec<Diagnostic>) -> Option<Triangle> {
    let t = &raw.value;
    let (min, max) = (t.min.value, t.max.value);
    let mode = t.mode.as_ref().map_or((min + max) / 2.0, |m| m.value);
    let values = [min, mode, max];
    if values
        .iter()
        .any(|v| !v.is_finite() || *v < 0.0 || *v > cap)
    {
        diags.push(invalid(
            raw.span.clone(),
            format!("a range must lie between 0 and {cap}"),
            "write `{ min = …, mode = …, max = … }` with numbers in range",
        ));
        return None;
    }
    if !(min <= mode && mode <= max) {
        diags.push(invalid(
            raw.span.clone(),
            format!("a range needs min ≤ mode ≤ max; it has {min}, {mode}, {max}"),
            "put the least value in `min`, the most likely in `mode`, the most in `max`",
        ));
        return None;
    }
    Some(Triangle { min, mode, max })
}

fn corrections(raw: &Sp<RawCorrections>, diags: &mut Vec<Diagnostic>) -> Option<Corrections> {
    let c = &raw.value;
    let rounds = match (&c.p, &c.rounds) {
        (Some(p), None) => {
            if !(0.0..=crate::risk::MAX_P).contains(&p.value) {
                diags.push(invalid(
                    p.span.clone(),
                    format!(
                        "a correction chance lies between 0 and {}",
                        crate::risk::MAX_P
                    ),
                    "`p` is the chance that a submission needs correcting, e.g. 0.2",
                ));
                return None;
            }
            Rounds::Geometric { p: p.value }
        }
        (None, Some(table)) => {
            let mut shares = [0.0; MAX_ROUNDS as usize + 1];
            let sum: f64 = table.value.iter().sum();
            let fits = !table.value.is_empty()
                && table.value.len() <= shares.len()
                && table.value.iter().all(|s| s.is_finite() && *s >= 0.0)
                && (sum - 1.0).abs() < 1e-6
                && table.value[0] >= 1.0 - crate::risk::MAX_P - 1e-9;
            if !fits {
                diags.push(invalid(
                    table.span.clone(),
                    format!(
                        "`rounds` lists the chances of 0, 1, 2, … rounds: at most {} numbers ≥ 0 summing to 1, the first at least {:.2}",
                        shares.len(),
                        1.0 - crate::risk::MAX_P
                    ),
                    "e.g. `rounds = [0.7, 0.2, 0.1]`: no round 70 %, one 20 %, two 10 %",
                ));
                return None;
            }
            shares[..table.value.len()].copy_from_slice(&table.value);
            Rounds::Table { shares }
        }
        _ => {
            diags.push(invalid(
                raw.span.clone(),
                "correction rounds need exactly one of `p` and `rounds`".to_owned(),
                "`p = 0.25` (each submission needs correcting with chance 0.25), or `rounds = [0.7, 0.2, 0.1]`",
            ));
            return None;
        }
    };
    let notice = match &c.notice {
        Some(n) => triangle(n, MAX_DAYS, diags)?,
        // 行政许可法 第三十二条: a notice within five days.
        None => Triangle {
            min: 1.0,
            mode: 3.0,
            max: 5.0,
        },
    };
    if let Some(unit) = c.notice.as_ref().and_then(|n| n.value.unit.as_ref()) {
        diags.push(invalid(
            unit.span.clone(),
            "a notice is counted in working days (第三十二条, 第八十二条)".to_owned(),
            "leave `unit` out of `notice`",
        ));
    }
    let turnaround = triangle(&c.turnaround, MAX_DAYS, diags)?;
    let turnaround_natural =
        (c.turnaround.value.unit.as_ref()).is_some_and(|u| u.value == DurationUnit::Natural);
    Some(Corrections {
        rounds,
        notice,
        turnaround,
        turnaround_natural,
    })
}

/// `raw` over `base`, checked for an item on `clock` (the works when `works`): a ruleset's
/// item, or a project's override of one.
pub(crate) fn apply_risk(
    raw: Option<&Sp<RawRisk>>,
    base: Risk,
    clock: Clock,
    works: bool,
    diags: &mut Vec<Diagnostic>,
) -> Risk {
    let Some(raw) = raw else { return base };
    let mut out = base;
    if let Some(unit) = raw.value.time.as_ref().and_then(|t| t.value.unit.as_ref()) {
        diags.push(invalid(
            unit.span.clone(),
            "`time` is a factor of the planned duration, in no unit".to_owned(),
            "leave `unit` out of `time`; the item's own `unit` applies",
        ));
    }
    if let Some(t) = &raw.value.time {
        // An approval item's department works within the promised limit.
        let approval = clock == Clock::Approval && !works;
        let cap = if approval { 1.0 } else { MAX_FACTOR };
        let before = diags.len();
        match triangle(t, cap, diags) {
            Some(time) => out.time = time,
            None if approval && diags.len() > before => {
                let last = diags.len() - 1;
                diags[last] = diags[last].clone().with_help(
                    "an approval item's time is a share of its promised limit, at most 1 (the limit is a hard cap)"
                        .to_owned(),
                );
            }
            None => {}
        }
    }
    if let Some(c) = &raw.value.corrections {
        if clock != Clock::Approval || works {
            diags.push(invalid(
                c.span.clone(),
                "correction rounds (补正) belong to approval items".to_owned(),
                "give `corrections` under `approval`, or on an item with `clock = \"approval\"`",
            ));
        } else if let Some(c) = corrections(c, diags) {
            out.corrections = Some(c);
        }
    }
    out
}

impl Compiler<'_> {
    /// [`apply_risk`] into the ruleset's diagnostics.
    pub(super) fn risk(
        &mut self,
        raw: Option<&Sp<RawRisk>>,
        base: Risk,
        clock: Clock,
        works: bool,
    ) -> Risk {
        apply_risk(raw, base, clock, works, &mut self.diags)
    }

    /// The `[uncertainty]` defaults of the merged chain (none: every item takes its plan).
    pub(super) fn risk_defaults(&mut self) -> RiskDefaults {
        let Some(u) = self.merged.raw.uncertainty.clone() else {
            return RiskDefaults::default();
        };
        let u = u.value;
        let approval = self.risk(u.approval.as_ref(), Risk::default(), Clock::Approval, false);
        let technical = self.risk(
            u.technical.as_ref(),
            Risk::default(),
            Clock::Technical,
            false,
        );
        let intermediary = self.risk(
            u.intermediary.as_ref(),
            Risk::default(),
            Clock::Intermediary,
            false,
        );
        let applicant = self.risk(
            u.applicant.as_ref(),
            Risk::default(),
            Clock::Applicant,
            false,
        );
        let works = self.risk(u.works.as_ref(), Risk::default(), Clock::Applicant, true);
        RiskDefaults {
            approval,
            technical,
            intermediary,
            applicant,
            works,
            basis: u.source.or(u.estimate.map(|e| format!("estimate: {e}"))),
        }
    }
}
