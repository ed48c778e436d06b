//! Tracking a project under way (`shenpi status`): what happened to each item (the
//! project's `[progress]`), counted as the law counts it (`counting`), coloured by a
//! warning profile (`profile`), and the rest re-forecast on the same engine from the as-of
//! day, against the baseline plan from the start date.
//!
//! The as-of day is the day the status is taken on, and it is not over: what is recorded on
//! it has happened, and what has not may still happen on it (an item can still be accepted
//! or decided that day). So with no progress and the as-of day on or before the start, the
//! forecast is the plan.

pub mod counting;
mod progress;

pub use crate::warning_profile as profile;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::engine::{Actual, Planner};
use crate::plan::{Plan, TargetCheck, Text};
use crate::project::Project;
use crate::ruleset::{Clock, DurationUnit};

pub use counting::Acceptance;
pub use profile::{Colour, Threshold, WarningProfile};

/// Version of the status JSON shape (docs/tracking.md).
pub const STATUS_FORMAT_VERSION: u32 = 1;

/// Where an item stands on the as-of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Past its limit and not decided.
    Overdue,
    /// Accepted (or deemed accepted) and not decided, within its limit.
    InReview,
    /// A timely correction notice: the clock waits for the complete materials.
    Correcting,
    /// Not applied for, and its prerequisites are decided: it can be applied for.
    NotStarted,
    /// Not applied for; items it waits for are not decided yet.
    WaitingForPrerequisites,
    /// Decided after its limit.
    DecidedLate,
    /// Decided within its limit.
    DecidedOnTime,
    /// Done; it has no promised limit (technical review, intermediary services, the works).
    Decided,
}

impl State {
    /// The id used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Overdue => "overdue",
            State::InReview => "in_review",
            State::Correcting => "correcting",
            State::NotStarted => "not_started",
            State::WaitingForPrerequisites => "waiting_for_prerequisites",
            State::DecidedLate => "decided_late",
            State::DecidedOnTime => "decided_on_time",
            State::Decided => "decided",
        }
    }
    /// In Chinese.
    pub fn label(self) -> &'static str {
        match self {
            State::Overdue => "超期未办结",
            State::InReview => "办理中",
            State::Correcting => "补正中",
            State::NotStarted => "可申报",
            State::WaitingForPrerequisites => "等待前置",
            State::DecidedLate => "超期办结",
            State::DecidedOnTime => "按时办结",
            State::Decided => "已完成",
        }
    }
    /// Whether the item is done.
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            State::DecidedLate | State::DecidedOnTime | State::Decided
        )
    }
}

/// One item of the plan on the as-of day.
#[derive(Debug, Clone, Serialize)]
pub struct ItemStatus<'a> {
    /// Plan item id.
    pub id: Text<'a>,
    /// Item name.
    pub name: Text<'a>,
    /// Department.
    pub department: Text<'a>,
    /// Stage id.
    pub stage: Text<'a>,
    /// Which clock its time counts on: only approval items have a promised limit and a colour.
    pub clock: Clock,
    /// Where it stands.
    pub state: State,
    /// Its traffic light: approval items that have started; `None` otherwise.
    pub colour: Option<Colour>,
    /// Recorded submission day.
    pub submitted: Option<NaiveDate>,
    /// The day its clock runs from (see `acceptance`); `None` before it starts.
    pub accepted: Option<NaiveDate>,
    /// Why that day.
    pub acceptance: Option<Acceptance>,
    /// Recorded decision day.
    pub decided: Option<NaiveDate>,
    /// Unit of `limit`, `used` and `suspended`.
    pub unit: DurationUnit,
    /// Its limit in the plan's scenario, with the extension.
    pub limit: i64,
    /// Days added by an approved extension.
    pub extension_days: u32,
    /// Days counted so far (to the decision or the as-of day), suspensions left out; `None`
    /// before the clock starts.
    pub used: Option<i64>,
    /// Days left out for suspensions.
    pub suspended: i64,
    /// A suspension is under way.
    pub suspended_now: bool,
    /// `used` as a percentage of `limit` (rounded down); `None` when either is unknown or
    /// the limit is 0.
    pub percent_used: Option<i64>,
    /// `limit - used`: days left (negative: days over).
    pub days_left: Option<i64>,
    /// The day the limit runs out, with the suspensions so far and the extension.
    pub limit_ends: Option<NaiveDate>,
    /// The baseline plan's acceptance and decision days.
    pub baseline: [NaiveDate; 2],
    /// The re-forecast's acceptance and decision days.
    pub forecast: [NaiveDate; 2],
    /// Working days the decision moved against the baseline (positive: later).
    pub slip: i64,
    /// Planned items it waits for that are not decided (for `waiting_for_prerequisites`).
    pub waiting_for: Vec<Text<'a>>,
    /// What the counting did, in words (English).
    pub notes: Vec<String>,
}

/// A key date against the baseline.
#[derive(Debug, Clone, Serialize)]
pub struct KeyDate {
    /// `construction_start`, `approval_finish`, `completion` or `finish`.
    pub id: &'static str,
    /// 开工, 审批完成, 竣工, 全部办结.
    pub name: &'static str,
    /// In the baseline plan.
    pub baseline: Option<NaiveDate>,
    /// In the re-forecast.
    pub forecast: Option<NaiveDate>,
    /// Working days it moved (positive: later).
    pub slip: Option<i64>,
}

/// Counts of the items by colour and state.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    /// Items in the plan.
    pub items: usize,
    /// Decided (on time, late, or done).
    pub decided: usize,
    /// Open items by colour.
    pub green: usize,
    /// Open items in yellow.
    pub yellow: usize,
    /// Open items in red.
    pub red: usize,
    /// Open items past their limit.
    pub overdue: usize,
    /// Items decided after their limit.
    pub decided_late: usize,
    /// The worst colour of any item (decided late counts as overdue).
    pub worst: Option<Colour>,
}

/// A project's status on one day.
#[derive(Debug, Clone, Serialize)]
pub struct Status<'a> {
    /// [`STATUS_FORMAT_VERSION`].
    pub format_version: u32,
    /// The day the status is taken on.
    pub as_of: NaiveDate,
    /// Project name.
    pub project: Text<'a>,
    /// Ruleset id.
    pub ruleset: Text<'a>,
    /// The warning profile used.
    pub profile: WarningProfile,
    /// Counts.
    pub tally: Tally,
    /// Approval working days: `[baseline, forecast]`.
    pub approval_working_days: [i64; 2],
    /// Construction start, approval finish, completion and the last decision, against the
    /// baseline.
    pub key_dates: Vec<KeyDate>,
    /// The targets checked against the re-forecast.
    pub targets: Vec<TargetCheck<'a>>,
    /// Every planned item, in plan order.
    pub items: Vec<ItemStatus<'a>>,
    /// The plan from the start date (not serialized: `shenpi plan` prints it).
    #[serde(skip)]
    pub baseline: Plan<'a>,
    /// The re-forecast (not serialized).
    #[serde(skip)]
    pub forecast: Plan<'a>,
}

impl Status<'_> {
    /// Whether anything is red or overdue (or was decided late): what `--strict` fails on.
    pub fn has_red(&self) -> bool {
        self.tally.worst >= Some(Colour::Red)
    }
}

/// How urgent an item is, most urgent first when sorted ascending: overdue (most days
/// over first), red, yellow (fewest days left first); `None` when it needs no attention.
pub fn urgency(item: &ItemStatus) -> Option<(std::cmp::Reverse<Colour>, i64)> {
    let colour = item.colour.filter(|c| c.needs_attention())?;
    (!item.state.is_decided()).then(|| (std::cmp::Reverse(colour), item.days_left.unwrap_or(0)))
}

/// The status of `project` on `as_of`, coloured by `profile` (the ruleset's default when
/// `None`). Errors are the project's `[progress]` problems, at their places.
pub fn track<'a>(
    planner: &'a Planner,
    project: &Project,
    as_of: NaiveDate,
    profile: Option<&WarningProfile>,
) -> Result<Status<'a>, Vec<Diagnostic>> {
    let ruleset = &planner.ruleset;
    let profile = profile
        .or_else(|| ruleset.warning_profiles.get(ruleset.warning_profile))
        .cloned()
        .unwrap_or_else(|| WarningProfile {
            id: "none".into(),
            name: "none".into(),
            source: None,
            yellow: None,
            red: None,
        });
    let baseline = planner.plan(project);
    let dates = progress::read(&project.progress, &baseline, project.start, as_of)?;
    let calendar = planner.calendar_for(project);
    let cal = &*calendar;
    let release = cal
        .next_workday_on_or_after(as_of)
        .max(baseline.project.accepted);
    let mut counted = Vec::with_capacity(dates.len());
    let mut actuals: Vec<(&str, Actual)> = Vec::new();
    let mut diags = Vec::new();
    for (item, d) in baseline.items.iter().zip(&dates) {
        let Some(d) = d else {
            counted.push(None);
            continue;
        };
        let c = counting::count(cal, item.unit, i64::from(item.duration), d, as_of);
        if let (Some((approved, _)), Some((id, p))) = (d.extension, find(project, &item.id)) {
            let without = counting::Dates {
                extension: None,
                ..d.clone()
            };
            let ends = counting::count(cal, item.unit, i64::from(item.duration), &without, as_of)
                .limit_ends;
            if let (Some(ends), Some(e)) = (ends, &p.value.extension)
                && approved > ends
            {
                diags.push(
                    Diagnostic::error(
                        "progress-late-extension",
                        format!("`{}`: the extension was approved on {approved}, after the limit ran out on {ends}", id.value),
                    )
                    .with_label(e.value.approved.span.clone(), "after the limit")
                    .with_help("行政许可法 第四十二条: an extension is approved within the limit"),
                );
            }
        }
        if let Some((accepted, _)) = c.accepted {
            let wd = |to: NaiveDate| {
                let all = cal.working_days_between(cal.next_workday_on_or_after(accepted), to);
                let suspended = if item.unit == DurationUnit::Working {
                    c.suspended
                } else {
                    0
                };
                (all - suspended).max(0)
            };
            let actual = match d.decided {
                Some(decided) => Actual::Decided {
                    accepted,
                    decided,
                    approval_days: wd(decided),
                },
                None => {
                    let expected = c.limit_ends.unwrap_or(release).max(release);
                    Actual::InReview {
                        accepted,
                        expected,
                        approval_days: wd(expected),
                    }
                }
            };
            actuals.push((item.id.as_str(), actual));
        }
        counted.push(Some(c));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let forecast = planner.forecast(project, as_of, &actuals);
    let offset = |d: NaiveDate| cal.working_days_between(baseline.project.accepted, d);
    let release_offset = offset(release);
    let mut items = Vec::with_capacity(baseline.items.len());
    let decided_ids: Vec<bool> = (dates.iter())
        .map(|d| d.as_ref().is_some_and(|d| d.decided.is_some()))
        .collect();
    for (k, (item, planned)) in baseline.items.iter().zip(&forecast.items).enumerate() {
        let d = dates[k].as_ref();
        let c = counted[k].as_ref();
        let promised = item.clock == Clock::Approval;
        let started = c.and_then(|c| c.accepted);
        let state = match (d, c, started) {
            (Some(d), Some(c), Some(_)) => match (d.decided, promised) {
                (Some(_), false) => State::Decided,
                (Some(_), true) if c.used > c.limit => State::DecidedLate,
                (Some(_), true) => State::DecidedOnTime,
                (None, true) if c.used > c.limit => State::Overdue,
                (None, _) => State::InReview,
            },
            (Some(d), _, None) if d.correction.is_some() => State::Correcting,
            _ if offset(planned.accepted) > release_offset => State::WaitingForPrerequisites,
            _ => State::NotStarted,
        };
        let colour = match (promised, c, started) {
            (true, Some(c), Some(_)) => Some(if state.is_decided() {
                if c.used > c.limit {
                    Colour::Overdue
                } else {
                    Colour::Green
                }
            } else {
                profile.colour(c.used, c.limit)
            }),
            _ => None,
        };
        let used = c.filter(|c| c.accepted.is_some()).map(|c| c.used);
        let limit = c.map_or(i64::from(item.duration), |c| c.limit);
        let waiting_for = if state == State::WaitingForPrerequisites {
            waits_for(&forecast, k, &decided_ids)
        } else {
            Vec::new()
        };
        items.push(ItemStatus {
            id: item.id.clone(),
            name: item.name.clone(),
            department: item.department.clone(),
            stage: item.stage.clone(),
            clock: item.clock,
            state,
            colour,
            submitted: d.and_then(|d| d.submitted),
            accepted: started.map(|(a, _)| a),
            acceptance: started.map(|(_, how)| how),
            decided: d.and_then(|d| d.decided),
            unit: item.unit,
            limit,
            extension_days: d.and_then(|d| d.extension).map_or(0, |(_, days)| days),
            used,
            suspended: c.map_or(0, |c| c.suspended),
            suspended_now: c.is_some_and(|c| c.suspended_now),
            percent_used: used.filter(|_| limit > 0).map(|u| u * 100 / limit),
            days_left: used.map(|u| limit - u),
            limit_ends: c.and_then(|c| c.limit_ends),
            baseline: [item.accepted, item.decided],
            forecast: [planned.accepted, planned.decided],
            slip: offset(planned.decided) - offset(item.decided),
            waiting_for,
            notes: d
                .zip(c)
                .map(|(d, c)| notes(d, c, item.unit))
                .unwrap_or_default(),
        });
    }
    let tally = tally(&items);
    let key = |id, name, b: Option<NaiveDate>, f: Option<NaiveDate>| KeyDate {
        id,
        name,
        baseline: b,
        forecast: f,
        slip: b.zip(f).map(|(b, f)| offset(f) - offset(b)),
    };
    let (bs, fs) = (&baseline.summary, &forecast.summary);
    let key_dates = vec![
        key(
            "construction_start",
            "开工",
            bs.construction_start,
            fs.construction_start,
        ),
        key(
            "approval_finish",
            "审批完成",
            Some(bs.approval_finish),
            Some(fs.approval_finish),
        ),
        key("completion", "竣工", bs.completion, fs.completion),
        key("finish", "全部办结", Some(bs.finish), Some(fs.finish)),
    ];
    Ok(Status {
        format_version: STATUS_FORMAT_VERSION,
        as_of,
        project: baseline.project.name.clone(),
        ruleset: baseline.ruleset.id.clone(),
        profile,
        tally,
        approval_working_days: [bs.approval_working_days, fs.approval_working_days],
        key_dates,
        targets: forecast.targets.clone(),
        items,
        baseline,
        forecast,
    })
}

/// The undecided items item `k` of the forecast waits for: its direct predecessors that are
/// not decided; when it waits only through a stage gate, the undecided items of its stage or
/// an earlier one whose forecast decision is the day it is forecast to be accepted.
fn waits_for<'a>(forecast: &Plan<'a>, k: usize, decided: &[bool]) -> Vec<Text<'a>> {
    let item = &forecast.items[k];
    let at = |id: &str| forecast.items.iter().position(|i| i.id.as_str() == id);
    let direct: Vec<Text<'a>> = (item.predecessors.iter())
        .filter(|p| !at(p.as_str()).is_some_and(|j| decided[j]))
        .cloned()
        .collect();
    if !direct.is_empty() {
        return direct;
    }
    let stage = |id: &str| forecast.stages.iter().position(|s| s.id.as_str() == id);
    let own = stage(&item.stage);
    (forecast.items.iter().enumerate())
        .filter(|&(j, other)| {
            j != k && !decided[j] && other.decided == item.accepted && stage(&other.stage) <= own
        })
        .map(|(_, other)| other.id.clone())
        .collect()
}

fn find<'p>(
    project: &'p Project,
    id: &str,
) -> Option<&'p (
    crate::spanned::Sp<String>,
    crate::spanned::Sp<crate::project::raw::RawProgress>,
)> {
    project.progress.iter().find(|(i, _)| i.value == id)
}

fn tally(items: &[ItemStatus]) -> Tally {
    let mut t = Tally {
        items: items.len(),
        ..Tally::default()
    };
    for i in items {
        if i.state.is_decided() {
            t.decided += 1;
            t.decided_late += usize::from(i.state == State::DecidedLate);
        } else if let Some(c) = i.colour {
            match c {
                Colour::Green => t.green += 1,
                Colour::Yellow => t.yellow += 1,
                Colour::Red => t.red += 1,
                Colour::Overdue => t.overdue += 1,
            }
        }
        t.worst = t.worst.max(i.colour);
    }
    t
}

/// What the counting did, in words.
fn notes(d: &counting::Dates, c: &counting::Counted, unit: DurationUnit) -> Vec<String> {
    let days = match unit {
        DurationUnit::Working => "working days",
        DurationUnit::Natural => "days",
    };
    let mut out = Vec::new();
    match c.accepted {
        Some((day, Acceptance::Deemed { deadline })) => out.push(format!(
            "counted from the submission day {day}: no correction notice or acceptance by {deadline} (行政许可法 第三十二条)"
        )),
        Some((day, Acceptance::AfterCorrection)) => out.push(format!(
            "counted from {day}, when the complete materials came in after a timely correction notice (第三十二条)"
        )),
        Some((day, Acceptance::Submitted)) => out.push(format!(
            "counted from the submission day {day}: no acceptance recorded"
        )),
        Some((_, Acceptance::Recorded)) => {}
        None => {
            if let Some((notified, _)) = d.correction {
                out.push(format!(
                    "correction notified on {notified}: the clock starts when the complete materials come in (第三十二条)"
                ));
            }
        }
    }
    if c.suspended > 0 || c.suspended_now {
        out.push(format!(
            "{} {days} suspended, not counted (第四十五条){}",
            c.suspended,
            if c.suspended_now {
                "; a suspension is under way"
            } else {
                ""
            }
        ));
    }
    if let Some((approved, n)) = d.extension {
        out.push(format!(
            "extended by {n} working days, approved {approved} (第四十二条)"
        ));
    }
    out
}
