//! Reading a project's `[progress]` against its plan: every id must be a planned item, every
//! date on or after the project's start and on or before the as-of day, and the dates of
//! one item in the order things happen. Problems are diagnostics at the value's place.

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::plan::Plan;
use crate::project::raw::RawProgress;
use crate::spanned::{Date, Sp};

use super::counting::Dates;

/// Longest extension accepted: 第四十二条 allows 10 days, 15 for joint handling (统一办理).
const MAX_EXTENSION_DAYS: i64 = 15;

/// A dated event of one item, for the order checks.
#[derive(Clone, Copy)]
struct Event<'r> {
    what: &'static str,
    date: &'r Sp<Date>,
}

/// Checks every item's progress; the items' dates in plan order, or the diagnostics.
pub(crate) fn read(
    progress: &[(Sp<String>, Sp<RawProgress>)],
    plan: &Plan,
    start: NaiveDate,
    as_of: NaiveDate,
) -> Result<Vec<Option<Dates>>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut out: Vec<Option<Dates>> = vec![None; plan.items.len()];
    for (id, p) in progress {
        let Some(k) = plan.items.iter().position(|i| i.id.as_str() == id.value) else {
            diags.push(unknown_item(id, plan));
            continue;
        };
        let before = diags.len();
        let dates = item(&p.value, &p.span, start, as_of, &mut diags);
        if diags.len() == before {
            out[k] = Some(dates);
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

fn unknown_item(id: &Sp<String>, plan: &Plan) -> Diagnostic {
    let d = Diagnostic::error(
        "progress-unknown-item",
        format!("`{}` is not an item of this plan", id.value),
    );
    if let Some(x) = plan.excluded.iter().find(|x| x.id.as_str() == id.value) {
        return d
            .with_label(id.span.clone(), format!("not planned: {}", x.reason))
            .with_help(
                match plan
                    .items
                    .iter()
                    .find(|i| i.parts.iter().any(|p| p == &id.value))
                {
                    Some(merged) => format!("record its progress under `{}`", merged.id),
                    None => "remove this entry, or change the project so that the item applies"
                        .to_owned(),
                },
            );
    }
    d.with_label(id.span.clone(), "no planned item has this id")
        .with_optional_help(crate::suggest::hint(
            &id.value,
            plan.items.iter().map(|i| i.id.as_str()),
        ))
}

fn item(
    p: &RawProgress,
    whole: &std::ops::Range<usize>,
    start: NaiveDate,
    as_of: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) -> Dates {
    // Every date lies in [start, as_of].
    let mut all: Vec<&Sp<Date>> = [&p.submitted, &p.accepted, &p.decided]
        .into_iter()
        .flatten()
        .collect();
    if let Some(c) = &p.correction {
        all.push(&c.value.notified);
        all.extend(&c.value.completed);
    }
    for s in &p.suspensions {
        all.push(&s.value.from);
        all.extend(&s.value.to);
    }
    if let Some(e) = &p.extension {
        all.push(&e.value.approved);
    }
    for d in all {
        if d.value.0 > as_of {
            diags.push(
                Diagnostic::error(
                    "progress-after-as-of",
                    format!("{} is after the as-of date {as_of}", d.value.0),
                )
                .with_label(d.span.clone(), "has not happened yet")
                .with_help("record only what has happened, or pass a later --as-of"),
            );
        } else if d.value.0 < start {
            diags.push(
                Diagnostic::error(
                    "progress-before-start",
                    format!("{} is before the project's start {start}", d.value.0),
                )
                .with_label(d.span.clone(), "before the start")
                .with_help("move the project's `start` back to its first application"),
            );
        }
    }
    // The order things happen in.
    let first = p.submitted.as_ref().or(p.accepted.as_ref());
    let mut chain: Vec<Event> = Vec::new();
    chain.extend(p.submitted.as_ref().map(|date| Event {
        what: "submitted",
        date,
    }));
    if let Some(c) = &p.correction {
        if p.submitted.is_none() {
            diags.push(missing(&c.span, "a correction notice", "submitted"));
        }
        chain.push(Event {
            what: "correction notified",
            date: &c.value.notified,
        });
        match &c.value.completed {
            Some(date) => chain.push(Event {
                what: "materials completed",
                date,
            }),
            None if p.decided.is_some() || p.accepted.is_some() => {
                diags.push(missing(
                    &c.span,
                    "an accepted or decided item",
                    "correction.completed",
                ));
            }
            None => {}
        }
    }
    chain.extend(p.accepted.as_ref().map(|date| Event {
        what: "accepted",
        date,
    }));
    let mut suspensions: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
    let mut suspension_chain: Vec<Event> = Vec::new();
    let mut previous: Option<(Option<NaiveDate>, std::ops::Range<usize>)> = None;
    for s in &p.suspensions {
        if first.is_none() {
            diags.push(missing(&s.span, "a suspension", "accepted"));
        }
        // One day is suspended once: each suspension starts after the previous one ended.
        match previous.clone() {
            Some((None, span)) => diags.push(
                Diagnostic::error(
                    "progress-date-order",
                    "a suspension under way is the last one",
                )
                .with_label(s.span.clone(), "follows a suspension that has not ended")
                .with_label(span.clone(), "this one has no `to`")
                .with_help("give the earlier suspension its last day (`to`)"),
            ),
            Some((Some(to), span)) if s.value.from.value.0 <= to => diags.push(
                Diagnostic::error(
                    "progress-date-order",
                    format!(
                        "suspensions overlap: {} is not after {to}",
                        s.value.from.value.0
                    ),
                )
                .with_label(s.value.from.span.clone(), "starts here")
                .with_label(span.clone(), "the previous one ends here")
                .with_help("list suspensions in order; a day is suspended once"),
            ),
            _ => {}
        }
        previous = Some((
            s.value.to.as_ref().map(|t| t.value.0),
            s.value
                .to
                .as_ref()
                .map_or_else(|| s.span.clone(), |t| t.span.clone()),
        ));
        suspension_chain.push(Event {
            what: "suspension from",
            date: &s.value.from,
        });
        match &s.value.to {
            Some(date) => suspension_chain.push(Event {
                what: "suspension to",
                date,
            }),
            None => {
                if p.decided.is_some() {
                    diags.push(missing(&s.span, "a suspension of a decided item", "to"));
                }
            }
        }
        suspensions.push((s.value.from.value.0, s.value.to.as_ref().map(|t| t.value.0)));
    }
    // Suspensions lie between acceptance and decision, one after the other.
    if let Some(&last) = chain.last() {
        check_order(&[last], &suspension_chain, diags);
    }
    check_order(&chain, &[], diags);
    check_order(&suspension_chain, &[], diags);
    if let Some(e) = &p.extension {
        if first.is_none() {
            diags.push(missing(&e.span, "an extension", "accepted"));
        }
        if let Some(&last) = chain.last() {
            check_order(
                &[last],
                &[Event {
                    what: "extension approved",
                    date: &e.value.approved,
                }],
                diags,
            );
        }
    }
    if let Some(decided) = &p.decided {
        if first.is_none() {
            diags.push(missing(whole, "a decided item", "accepted"));
        }
        let mut before: Vec<Event> = chain.iter().chain(&suspension_chain).copied().collect();
        if let Some(e) = &p.extension {
            before.push(Event {
                what: "extension approved",
                date: &e.value.approved,
            });
        }
        check_order(
            &before,
            &[Event {
                what: "decided",
                date: decided,
            }],
            diags,
        );
    }
    let extension = p.extension.as_ref().and_then(|e| {
        let days = e.value.days.as_ref().map_or(Some(10), |d| {
            if (1..=MAX_EXTENSION_DAYS).contains(&d.value) {
                Some(d.value as u32)
            } else {
                diags.push(
                    Diagnostic::error(
                        "invalid-value",
                        format!("an extension adds 1 to {MAX_EXTENSION_DAYS} working days"),
                    )
                    .with_label(d.span.clone(), format!("{} is out of range", d.value))
                    .with_help(
                        "行政许可法 第四十二条: 延长十日 (15 for joint handling, 第四十二条第二款)",
                    ),
                );
                None
            }
        })?;
        Some((e.value.approved.value.0, days))
    });
    Dates {
        submitted: p.submitted.as_ref().map(|d| d.value.0),
        accepted: p.accepted.as_ref().map(|d| d.value.0),
        decided: p.decided.as_ref().map(|d| d.value.0),
        correction: p.correction.as_ref().map(|c| {
            (
                c.value.notified.value.0,
                c.value.completed.as_ref().map(|d| d.value.0),
            )
        }),
        suspensions,
        extension,
    }
}

fn missing(span: &std::ops::Range<usize>, what: &str, field: &str) -> Diagnostic {
    Diagnostic::error(
        "progress-missing-date",
        format!("{what} needs `{field}`"),
    )
    .with_label(span.clone(), format!("`{field}` is not given"))
    .with_help(if field == "accepted" {
        "add `accepted = YYYY-MM-DD`, or `submitted = YYYY-MM-DD` (the clock then runs from the submission)".to_owned()
    } else {
        format!("add `{field} = YYYY-MM-DD`")
    })
}

/// Every event of `later` on or after every event of `earlier`, and each list in order.
fn check_order(earlier: &[Event], later: &[Event], diags: &mut Vec<Diagnostic>) {
    let pairs: Vec<(&Event, &Event)> = if later.is_empty() {
        earlier.windows(2).map(|w| (&w[0], &w[1])).collect()
    } else {
        earlier
            .iter()
            .flat_map(|e| later.iter().map(move |l| (e, l)))
            .collect()
    };
    for (a, b) in pairs {
        if b.date.value < a.date.value {
            diags.push(
                Diagnostic::error(
                    "progress-date-order",
                    format!("{} ({}) is before {} ({})", b.what, b.date.value.0, a.what, a.date.value.0),
                )
                .with_label(b.date.span.clone(), format!("{} here", b.what))
                .with_label(a.date.span.clone(), format!("{} here", a.what))
                .with_help("the order is submitted, correction notified, materials completed, accepted, suspensions, decided"),
            );
        }
    }
}
