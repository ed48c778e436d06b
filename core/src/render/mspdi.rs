//! The plan as MS Project XML (MSPDI, namespace `http://schemas.microsoft.com/project`), for
//! MS Project, ProjectLibre and every tool that reads it (docs/interchange.md):
//!
//! - one summary task per stage (WBS `1`, `2`, …), holding a milestone for the stage's start
//!   gate, its items and a milestone for its finish gate;
//! - each item with its dates, its duration in working days and its predecessor links with
//!   their types (FS/SS/FF/SF) and lags, from the plan's schedule network
//!   ([`crate::engine::network`]): scheduling the file again gives the same dates;
//! - a base calendar, Monday–Friday 08:00–12:00 and 13:00–17:00, with one single-day
//!   exception per special date, sorted: every holiday not worked and every make-up workday
//!   (调休上班) worked, with explicit working times.
//!
//! Times: an item is accepted at `es` and decided at `ef`, and the acceptance day is not
//! counted (民法典 第二百零一条). So a task starts at the close of its acceptance day (17:00)
//! and finishes at the close of its decision day: `Start` and `Finish` carry the plan's 受理日
//! and 办结日, and the working time between them is exactly the working days counted. A
//! scheduler shows the same start as 08:00 of the next working day, the first day counted.
//!
//! Elements follow the order of Microsoft's schema (mspdi_pj12.xsd), which MS Project
//! enforces. Nothing depends on the clock: the same plan gives the same bytes.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::svg::escape;
use super::text::{basis_zh, clock_zh, days_zh};
use crate::calendar::{Calendar, DayKind};
use crate::engine::network::{Activity, LinkKind, Network};
use crate::plan::{BasisKind, Plan, PlannedItem};

/// The MSPDI namespace MS Project writes and reads.
pub const NAMESPACE: &str = "http://schemas.microsoft.com/project";

/// The working times of a working day: MS Project's standard day, 8 hours.
const WORKING_TIMES: [(&str, &str); 2] = [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")];
/// When a working day ends: the time of every start and finish.
const CLOSE: &str = "17:00:00";
/// Minutes in a working day; a day of lag is 4,800 tenths of a minute.
const MINUTES_PER_DAY: i64 = 480;
/// The UID of the calendar.
const CALENDAR_UID: u32 = 1;
/// `DurationFormat` and `LagFormat` for days.
const DAYS_FORMAT: u8 = 7;
/// The task custom fields the file fills (MS Project's field ids for Text1–Text3), with
/// their aliases.
const FIELDS: [(u32, &str, &str); 3] = [
    (188_743_731, "Text1", "实施部门"),
    (188_743_734, "Text2", "事项编码"),
    (188_743_737, "Text3", "计时方式"),
];

/// The plan as an MSPDI document. `network` is the plan's ([`crate::engine::Planner::plan_with_network`]);
/// `calendar` the one it was planned on (its own holidays included).
pub fn render(plan: &Plan, network: &Network, calendar: &Calendar) -> String {
    let mut out = String::with_capacity(4096 + plan.items.len() * 1024);
    let project = &plan.project;
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    let _ = writeln!(out, "<Project xmlns=\"{NAMESPACE}\">");
    element(&mut out, 1, "SaveVersion", "12");
    element(&mut out, 1, "Name", &format!("{}.xml", project.name));
    element(&mut out, 1, "Title", &project.name);
    element(&mut out, 1, "Subject", &plan.ruleset.name);
    element(&mut out, 1, "ScheduleFromStart", "1");
    element(&mut out, 1, "StartDate", &at_close(project.accepted));
    element(&mut out, 1, "FinishDate", &at_close(plan.summary.finish));
    element(&mut out, 1, "CurrencyCode", "CNY");
    element(&mut out, 1, "CalendarUID", &CALENDAR_UID.to_string());
    element(&mut out, 1, "DefaultStartTime", WORKING_TIMES[0].0);
    element(&mut out, 1, "DefaultFinishTime", WORKING_TIMES[1].1);
    element(&mut out, 1, "MinutesPerDay", &MINUTES_PER_DAY.to_string());
    element(
        &mut out,
        1,
        "MinutesPerWeek",
        &(5 * MINUTES_PER_DAY).to_string(),
    );
    element(&mut out, 1, "DaysPerMonth", "20");
    // Fixed duration: a limit is a number of days, not work to be spread over people.
    element(&mut out, 1, "DefaultTaskType", "1");
    element(&mut out, 1, "DurationFormat", &DAYS_FORMAT.to_string());
    element(&mut out, 1, "WeekStartDay", "1");
    extended_attributes(&mut out);
    calendars(&mut out, plan, calendar);
    tasks(&mut out, plan, network);
    out.push_str("</Project>\n");
    out
}

/// `<name>text</name>` on its own line, indented `depth` levels, the text escaped.
fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    let _ = writeln!(
        out,
        "{:indent$}<{name}>{}</{name}>",
        "",
        escape(text),
        indent = 2 * depth
    );
}

fn open(out: &mut String, depth: usize, name: &str) {
    let _ = writeln!(out, "{:indent$}<{name}>", "", indent = 2 * depth);
}

fn close(out: &mut String, depth: usize, name: &str) {
    let _ = writeln!(out, "{:indent$}</{name}>", "", indent = 2 * depth);
}

/// The close of working day `d`, as an MSPDI date-time.
fn at_close(d: NaiveDate) -> String {
    format!("{}T{CLOSE}", d.format("%Y-%m-%d"))
}

/// `days` working days as an MSPDI duration.
fn duration(days: i64) -> String {
    format!("PT{}H0M0S", days * MINUTES_PER_DAY / 60)
}

fn flag(b: bool) -> &'static str {
    if b { "1" } else { "0" }
}

fn extended_attributes(out: &mut String) {
    open(out, 1, "ExtendedAttributes");
    for (id, name, alias) in FIELDS {
        open(out, 2, "ExtendedAttribute");
        element(out, 3, "FieldID", &id.to_string());
        element(out, 3, "FieldName", name);
        element(out, 3, "Alias", alias);
        close(out, 2, "ExtendedAttribute");
    }
    close(out, 1, "ExtendedAttributes");
}

/// Whether a day is worked, and when: `DayWorking`, then the working times of a working day.
fn day_working(out: &mut String, depth: usize, working: bool) {
    element(out, depth, "DayWorking", flag(working));
    if working {
        working_times(out, depth);
    }
}

fn working_times(out: &mut String, depth: usize) {
    open(out, depth, "WorkingTimes");
    for (from, to) in WORKING_TIMES {
        open(out, depth + 1, "WorkingTime");
        element(out, depth + 2, "FromTime", from);
        element(out, depth + 2, "ToTime", to);
        close(out, depth + 1, "WorkingTime");
    }
    close(out, depth, "WorkingTimes");
}

/// The years whose special days the calendar carries: every year with holiday data, and
/// every year the plan spans (a project's own days off may lie outside the data).
fn calendar_years(plan: &Plan, calendar: &Calendar) -> std::ops::RangeInclusive<i32> {
    let last = (plan.summary.completion)
        .unwrap_or(plan.summary.finish)
        .max(plan.summary.finish);
    let known = calendar.years_with_data();
    let first_year = known
        .first()
        .map_or(i32::MAX, |&y| y)
        .min(plan.project.accepted.year());
    let last_year = known.last().map_or(i32::MIN, |&y| y).max(last.year());
    first_year..=last_year
}

fn calendars(out: &mut String, plan: &Plan, calendar: &Calendar) {
    open(out, 1, "Calendars");
    open(out, 2, "Calendar");
    element(out, 3, "UID", &CALENDAR_UID.to_string());
    element(out, 3, "Name", "中国大陆工作日（法定节假日与调休）");
    element(out, 3, "IsBaseCalendar", "1");
    open(out, 3, "WeekDays");
    // DayType 1 is Sunday, 7 Saturday.
    for day_type in 1..=7 {
        let working = (2..=6).contains(&day_type);
        open(out, 4, "WeekDay");
        element(out, 5, "DayType", &day_type.to_string());
        day_working(out, 5, working);
        close(out, 4, "WeekDay");
    }
    close(out, 3, "WeekDays");
    open(out, 3, "Exceptions");
    for year in calendar_years(plan, calendar) {
        for day in calendar.year_days(year) {
            let (working, fallback) = match day.kind {
                DayKind::Holiday => (false, "法定节假日"),
                DayKind::MakeupWorkday => (true, "调休上班"),
                DayKind::Workday | DayKind::Weekend => continue,
            };
            let date = day.date.format("%Y-%m-%d");
            open(out, 4, "Exception");
            element(out, 5, "EnteredByOccurrences", "0");
            open(out, 5, "TimePeriod");
            element(out, 6, "FromDate", &format!("{date}T00:00:00"));
            element(out, 6, "ToDate", &format!("{date}T23:59:00"));
            close(out, 5, "TimePeriod");
            element(out, 5, "Occurrences", "1");
            element(out, 5, "Name", day.name.as_deref().unwrap_or(fallback));
            // Type 1: daily, here for one day.
            element(out, 5, "Type", "1");
            day_working(out, 5, working);
            close(out, 4, "Exception");
        }
    }
    close(out, 3, "Exceptions");
    close(out, 2, "Calendar");
    close(out, 1, "Calendars");
}

/// One row of the task list.
struct Row<'p> {
    activity: Option<Activity>,
    name: String,
    wbs: String,
    level: u8,
    start: (i64, NaiveDate),
    finish: (i64, NaiveDate),
    summary: bool,
    item: Option<&'p PlannedItem<'p>>,
}

/// The task list: per stage its summary, its start milestone, its items in plan order and
/// its finish milestone.
fn rows<'p>(plan: &'p Plan<'p>, network: &Network) -> Vec<Row<'p>> {
    let mut rows = Vec::with_capacity(plan.items.len() + 3 * plan.stages.len());
    for (s, stage) in plan.stages.iter().enumerate() {
        let gate = network.gates[s];
        let summary_at = rows.len();
        let wbs = (s + 1).to_string();
        rows.push(Row {
            activity: None,
            name: stage.name.to_string(),
            wbs: wbs.clone(),
            level: 1,
            start: (gate.start_offset, gate.start),
            finish: (gate.finish_offset, gate.finish),
            summary: true,
            item: None,
        });
        let mut child = 0;
        let mut push = |rows: &mut Vec<Row<'p>>, row: Row<'p>| {
            child += 1;
            rows.push(Row {
                wbs: format!("{wbs}.{child}"),
                ..row
            });
        };
        let gate_row = |activity, word: &str, at| Row {
            activity: Some(activity),
            name: format!("{}{word}", stage.name),
            wbs: String::new(),
            level: 2,
            start: at,
            finish: at,
            summary: false,
            item: None,
        };
        push(
            &mut rows,
            gate_row(
                Activity::StageStart(s),
                "开始",
                (gate.start_offset, gate.start),
            ),
        );
        for (i, item) in plan.items.iter().enumerate() {
            if item.stage == stage.id {
                push(
                    &mut rows,
                    Row {
                        activity: Some(Activity::Item(i)),
                        name: item.name.to_string(),
                        wbs: String::new(),
                        level: 2,
                        start: (item.es, item.accepted),
                        finish: (item.ef, item.decided),
                        summary: false,
                        item: Some(item),
                    },
                );
            }
        }
        push(
            &mut rows,
            gate_row(
                Activity::StageFinish(s),
                "完成",
                (gate.finish_offset, gate.finish),
            ),
        );
        // A summary spans its children.
        let (first, last) = rows[summary_at + 1..].iter().fold(
            (rows[summary_at].start, rows[summary_at].finish),
            |(first, last), r| (first.min(r.start), last.max(r.finish)),
        );
        rows[summary_at].start = first;
        rows[summary_at].finish = last;
    }
    rows
}

fn tasks(out: &mut String, plan: &Plan, network: &Network) {
    let rows = rows(plan, network);
    // UIDs are row numbers, from 1.
    let uids: HashMap<Activity, usize> = (rows.iter().enumerate())
        .filter_map(|(n, r)| Some((r.activity?, n + 1)))
        .collect();
    let uid_of = |a: Activity| uids[&a];
    let names: HashMap<&str, &str> = (plan.items.iter()).map(|i| (&*i.id, &*i.name)).collect();
    open(out, 1, "Tasks");
    for (n, row) in rows.iter().enumerate() {
        let uid = (n + 1).to_string();
        let days = row.finish.0 - row.start.0;
        open(out, 2, "Task");
        element(out, 3, "UID", &uid);
        element(out, 3, "ID", &uid);
        element(out, 3, "Name", &row.name);
        element(out, 3, "Type", "1");
        element(out, 3, "IsNull", "0");
        element(out, 3, "WBS", &row.wbs);
        element(out, 3, "OutlineNumber", &row.wbs);
        element(out, 3, "OutlineLevel", &row.level.to_string());
        element(out, 3, "Start", &at_close(row.start.1));
        element(out, 3, "Finish", &at_close(row.finish.1));
        element(out, 3, "Duration", &duration(days));
        element(out, 3, "DurationFormat", &DAYS_FORMAT.to_string());
        element(out, 3, "Estimated", "0");
        element(out, 3, "Milestone", flag(!row.summary && days == 0));
        element(out, 3, "Summary", flag(row.summary));
        if let Some(item) = row.item {
            element(out, 3, "Critical", flag(item.critical));
        }
        // Nothing done yet: schedulers tell a task not started by these.
        element(out, 3, "PercentComplete", "0");
        element(out, 3, "ActualDuration", &duration(0));
        element(out, 3, "RemainingDuration", &duration(days));
        element(out, 3, "ConstraintType", "0");
        if let Some(item) = row.item {
            element(out, 3, "Notes", &notes(&names, item));
        }
        if let Some(to) = row.activity {
            for link in network.links_into(to) {
                open(out, 3, "PredecessorLink");
                element(out, 4, "PredecessorUID", &uid_of(link.from).to_string());
                element(out, 4, "Type", link_type(link.kind));
                element(out, 4, "CrossProject", "0");
                element(
                    out,
                    4,
                    "LinkLag",
                    &(link.lag * MINUTES_PER_DAY * 10).to_string(),
                );
                element(out, 4, "LagFormat", &DAYS_FORMAT.to_string());
                close(out, 3, "PredecessorLink");
            }
        }
        if let Some(item) = row.item {
            let values = [&*item.department, &*item.id, clock_zh(item.clock)];
            for ((id, _, _), value) in FIELDS.iter().zip(values) {
                open(out, 3, "ExtendedAttribute");
                element(out, 4, "FieldID", &id.to_string());
                element(out, 4, "Value", value);
                close(out, 3, "ExtendedAttribute");
            }
        }
        close(out, 2, "Task");
    }
    close(out, 1, "Tasks");
}

/// MSPDI's link type numbers.
fn link_type(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::FinishToFinish => "0",
        LinkKind::FinishToStart => "1",
        LinkKind::StartToFinish => "2",
        LinkKind::StartToStart => "3",
    }
}

/// What a planner needs to know of an item beyond its dates, one fact per line; `names` are
/// the plan's item names by id.
fn notes(names: &HashMap<&str, &str>, item: &PlannedItem) -> String {
    let mut lines = vec![
        format!("事项编码：{}", item.id),
        format!("实施部门：{}", item.department),
        format!(
            "时限：{}（计时方式：{}）",
            days_zh(item.duration, item.unit),
            clock_zh(item.clock)
        ),
    ];
    if item.unit == crate::ruleset::DurationUnit::Natural {
        lines.push(format!(
            "自然日按排期折算为{}个工作日；在其他日期开始时须重新折算",
            item.working_days
        ));
    }
    lines.push(format!(
        "受理日：{}；办结日：{}",
        item.accepted, item.decided
    ));
    if let Some(bundle) = &item.bundle {
        lines.push(format!("一件事：{bundle}（联合受理、联合办结）"));
    }
    for p in &item.prerequisites {
        let name = names.get(&*p.item).copied().unwrap_or(&p.item);
        let how = match (&p.waived_by, &p.source) {
            (Some(m), _) => format!("（措施 {m} 免于前置）"),
            (None, Some(source)) => format!("（{source}）"),
            (None, None) => String::new(),
        };
        lines.push(format!("法定前置：{name}{how}"));
    }
    if let Some(basis) = &item.provenance {
        let words = basis_zh(basis.kind, &basis.text);
        lines.push(match basis.kind {
            BasisKind::Source => format!("依据：{words}"),
            _ => words,
        });
    }
    lines.join("\n")
}
