//! `[uncertainty]` (defaults per clock) and an item's `uncertainty` (its own fields), resolved
//! into each item's [`Risk`](crate::risk::Risk) for `shenpi simulate`.

use crate::diagnostic::Diagnostic;
use crate::risk::{Corrections, Risk, Triangle};
use crate::spanned::Sp;

use super::super::model::{Clock, RiskDefaults};
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
    let p = c.p.value;
    if !(0.0..=crate::risk::MAX_P).contains(&p) {
        diags.push(invalid(
            c.p.span.clone(),
            format!(
                "a correction chance lies between 0 and {}",
                crate::risk::MAX_P
            ),
            "`p` is the chance that a submission needs correcting, e.g. 0.2",
        ));
        return None;
    }
    let notice = match &c.notice {
        Some(n) => triangle(n, MAX_DAYS, diags)?,
        // 行政许可法 第三十二条: a notice within five days.
        None => Triangle {
            min: 1.0,
            mode: 3.0,
            max: 5.0,
        },
    };
    let turnaround = triangle(&c.turnaround, MAX_DAYS, diags)?;
    Some(Corrections {
        p,
        notice,
        turnaround,
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
