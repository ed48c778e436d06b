//! The Gantt chart's layout, one for the SVG export and the web page: which rows in which
//! order (a stage, then its items), each bar's calendar span, where each key date sits on its
//! item's bar, and the days off and 调休 workdays to shade. Geometry — pixels, ticks, a
//! compressed construction period — is each renderer's own.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{Calendar, DayRun};
use crate::plan::Plan;

/// What a Gantt chart of a plan shows.
#[derive(Debug, Clone, Serialize)]
pub struct Layout<'p> {
    /// The first calendar day the chart shows: the acceptance day.
    pub first: NaiveDate,
    /// The last: the latest decision, the finish, or the target date when it is later.
    pub last: NaiveDate,
    /// Stage rows and item rows, in drawing order.
    pub rows: Vec<Row<'p>>,
    /// The days off and 调休 workdays from `first` to `last`.
    pub days: Vec<DayRun>,
    /// The ruleset's key dates (开工, 竣工, …), in the plan's order.
    pub key_dates: Vec<KeyDate<'p>>,
    /// The day by which the whole-process target must be met: acceptance plus the target's
    /// working days.
    pub target_date: Option<NaiveDate>,
}

/// One row of the chart.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "row", rename_all = "snake_case")]
pub enum Row<'p> {
    /// A stage's header row.
    Stage {
        /// Stage id.
        id: &'p str,
        /// Stage name.
        name: &'p str,
    },
    /// An item's row: its bar from the start of `from` to the end of `to`.
    Item {
        /// Index of the item in `plan.items`.
        index: usize,
        /// Item id.
        id: &'p str,
        /// The acceptance day.
        from: NaiveDate,
        /// The decision day (inclusive).
        to: NaiveDate,
        /// Decided on its acceptance day: drawn as a diamond on that day.
        instant: bool,
    },
}

/// A key date and where on the chart it sits.
#[derive(Debug, Clone, Serialize)]
pub struct KeyDate<'p> {
    /// Milestone id.
    pub id: &'p str,
    /// Display name, e.g. 开工.
    pub name: &'p str,
    /// The date.
    pub date: NaiveDate,
    /// The item whose start or finish it is.
    pub item: &'p str,
    /// `start`: at the start of the day (an item's start, like its bar's left edge);
    /// `finish`: at its end (like the bar's right edge).
    pub at: Anchor,
}

/// Which edge of its day a key date marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The start of the day.
    Start,
    /// The end of the day.
    Finish,
}

/// The day by which the whole-process target must be met: acceptance + target working days.
pub fn target_date(plan: &Plan, calendar: &Calendar) -> Option<(u32, NaiveDate)> {
    let t = plan.targets.iter().find(|t| t.scope == "total")?;
    let index = calendar.workday_index(plan.project.accepted) + i64::from(t.target);
    Some((t.target, calendar.date_of_workday_index(index)))
}

/// The layout of `plan`'s chart; `calendar` should be the one the plan was made on.
pub fn layout<'p>(plan: &'p Plan, calendar: &Calendar) -> Layout<'p> {
    let target_date = target_date(plan, calendar).map(|(_, d)| d);
    let first = plan.project.accepted;
    let mut last = plan.summary.finish.max(first);
    for item in &plan.items {
        last = last.max(item.decided);
    }
    if let Some(d) = target_date {
        last = last.max(d);
    }
    let mut rows = Vec::new();
    for (stage, items) in super::text::items_by_stage(plan) {
        rows.push(Row::Stage {
            id: stage,
            name: super::text::stage_name(plan, stage),
        });
        for index in items {
            let item = &plan.items[index];
            rows.push(Row::Item {
                index,
                id: item.id.as_str(),
                from: item.accepted,
                to: item.decided,
                instant: item.decided == item.accepted,
            });
        }
    }
    let key_dates = (plan.milestones.iter())
        .map(|m| {
            let starts =
                (plan.items.iter()).any(|i| i.id == m.item && i.es == m.offset && i.ef != m.offset);
            KeyDate {
                id: m.id.as_str(),
                name: m.name.as_str(),
                date: m.date,
                item: m.item.as_str(),
                at: if starts {
                    Anchor::Start
                } else {
                    Anchor::Finish
                },
            }
        })
        .collect();
    Layout {
        first,
        last,
        rows,
        days: calendar.runs(first, last),
        key_dates,
        target_date,
    }
}
