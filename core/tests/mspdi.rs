//! MS Project XML (`render::mspdi`): read back with an XML parser and checked against the
//! plan, against Microsoft's schema order (mspdi_pj12.xsd, transcribed below) and, for the
//! calendar, against an independent transcription of the State Council notices (the
//! `chinese_holiday` crate). CI also opens the files with MPXJ and schedules them again
//! (tests/interop/mspdi).

use std::collections::BTreeMap;

use chinese_holiday::{Ymd, chinese_holiday};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use roxmltree::{Document, Node};
use shenpi_core::engine::Planner;
use shenpi_core::project::Project;
use shenpi_core::render::mspdi;
use shenpi_core::ruleset::{self, BuiltinsOnly};
use shenpi_core::{builtin, calendar::Calendar};

/// The children of `Project`, `Task`, `PredecessorLink`, `Calendar`, `WeekDay` and
/// `Exception` in the order of mspdi_pj12.xsd (only the elements a file may carry that this
/// writer knows of; the rest of the schema's sequence is left out, which keeps the order).
const PROJECT_ORDER: &[&str] = &[
    "SaveVersion",
    "UID",
    "Name",
    "Title",
    "Subject",
    "Category",
    "Company",
    "Manager",
    "Author",
    "CreationDate",
    "Revision",
    "LastSaved",
    "ScheduleFromStart",
    "StartDate",
    "FinishDate",
    "FYStartDate",
    "CriticalSlackLimit",
    "CurrencyDigits",
    "CurrencySymbol",
    "CurrencyCode",
    "CurrencySymbolPosition",
    "CalendarUID",
    "DefaultStartTime",
    "DefaultFinishTime",
    "MinutesPerDay",
    "MinutesPerWeek",
    "DaysPerMonth",
    "DefaultTaskType",
    "DefaultFixedCostAccrual",
    "DefaultStandardRate",
    "DefaultOvertimeRate",
    "DurationFormat",
    "WorkFormat",
    "EditableActualCosts",
    "HonorConstraints",
    "EarnedValueMethod",
    "InsertedProjectsLikeSummary",
    "MultipleCriticalPaths",
    "NewTasksEffortDriven",
    "NewTasksEstimated",
    "SplitsInProgressTasks",
    "SpreadActualCost",
    "SpreadPercentComplete",
    "TaskUpdatesResource",
    "FiscalYearStart",
    "WeekStartDay",
    "OutlineCodes",
    "WBSMasks",
    "ExtendedAttributes",
    "Calendars",
    "Tasks",
    "Resources",
    "Assignments",
];

const TASK_ORDER: &[&str] = &[
    "UID",
    "ID",
    "Name",
    "Type",
    "IsNull",
    "CreateDate",
    "Contact",
    "WBS",
    "WBSLevel",
    "OutlineNumber",
    "OutlineLevel",
    "Priority",
    "Start",
    "Finish",
    "Duration",
    "DurationFormat",
    "Work",
    "Stop",
    "Resume",
    "ResumeValid",
    "EffortDriven",
    "Recurring",
    "OverAllocated",
    "Estimated",
    "Milestone",
    "Summary",
    "Critical",
    "IsSubproject",
    "EarlyStart",
    "EarlyFinish",
    "LateStart",
    "LateFinish",
    "FreeSlack",
    "TotalSlack",
    "PercentComplete",
    "PercentWorkComplete",
    "ActualStart",
    "ActualFinish",
    "ActualDuration",
    "RemainingDuration",
    "ConstraintType",
    "CalendarUID",
    "ConstraintDate",
    "Deadline",
    "Notes",
    "PredecessorLink",
    "ExtendedAttribute",
];

const LINK_ORDER: &[&str] = &[
    "PredecessorUID",
    "Type",
    "CrossProject",
    "CrossProjectName",
    "LinkLag",
    "LagFormat",
];

const CALENDAR_ORDER: &[&str] = &[
    "UID",
    "Name",
    "IsBaseCalendar",
    "BaseCalendarUID",
    "WeekDays",
    "Exceptions",
    "WorkWeeks",
];

const WEEKDAY_ORDER: &[&str] = &["DayType", "DayWorking", "TimePeriod", "WorkingTimes"];

const EXCEPTION_ORDER: &[&str] = &[
    "EnteredByOccurrences",
    "TimePeriod",
    "Occurrences",
    "Name",
    "Type",
    "Period",
    "DaysOfWeek",
    "MonthItem",
    "MonthPosition",
    "Month",
    "MonthDay",
    "DayWorking",
    "WorkingTimes",
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn children<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    children(n).find(|c| c.tag_name().name() == name)
}

fn text<'a>(n: Node<'a, '_>, name: &str) -> &'a str {
    child(n, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", n.tag_name().name()))
}

fn time(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
}

/// Hours of an MSPDI duration `PT{h}H0M0S`.
fn hours(s: &str) -> i64 {
    let h = s.strip_prefix("PT").and_then(|s| s.strip_suffix("H0M0S"));
    h.unwrap_or_else(|| panic!("duration {s}")).parse().unwrap()
}

/// The children of `n` appear in the order of `order`, each known.
fn assert_schema_order(n: Node, order: &[&str]) {
    let mut last = 0;
    for c in children(n) {
        let name = c.tag_name().name();
        let at = (order.iter().position(|o| *o == name)).unwrap_or_else(|| {
            panic!("<{name}> is not a known child of <{}>", n.tag_name().name())
        });
        assert!(
            at >= last,
            "<{name}> after <{}> in <{}>",
            order[last],
            n.tag_name().name()
        );
        last = at;
    }
}

/// Every project type's example of every built-in ruleset, from Monday 2026-03-02, as MSPDI
/// with the plan it came from.
fn every_builtin_example(mut check: impl FnMut(&str, &shenpi_core::plan::Plan, &str)) {
    for id in builtin::ids() {
        let rs = ruleset::load_builtin(id).unwrap().ruleset.unwrap();
        let planner = Planner::new(rs);
        for t in &planner.ruleset.project_types {
            let Some(project) = Project::example(&planner.ruleset, &t.id, date("2026-03-02"))
            else {
                continue;
            };
            let (plan, network) = planner.plan_with_network(&project);
            let xml = mspdi::render(&plan, &network, planner.calendar());
            check(&format!("{id}/{}", t.id), &plan, &xml);
        }
    }
}

#[test]
fn every_builtin_example_is_well_formed_in_schema_order_with_the_plans_dates() {
    let mut files = 0;
    every_builtin_example(|name, plan, xml| {
        files += 1;
        let doc = Document::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "Project");
        assert_eq!(root.tag_name().namespace(), Some(mspdi::NAMESPACE));
        assert_schema_order(root, PROJECT_ORDER);
        let calendar = child(child(root, "Calendars").unwrap(), "Calendar").unwrap();
        assert_schema_order(calendar, CALENDAR_ORDER);
        for day in children(child(calendar, "WeekDays").unwrap()) {
            assert_schema_order(day, WEEKDAY_ORDER);
        }
        for e in children(child(calendar, "Exceptions").unwrap()) {
            assert_schema_order(e, EXCEPTION_ORDER);
        }
        let tasks: Vec<Node> = children(child(root, "Tasks").unwrap()).collect();
        let by_uid: BTreeMap<&str, Node> = tasks.iter().map(|t| (text(*t, "UID"), *t)).collect();
        assert_eq!(by_uid.len(), tasks.len(), "{name}: UIDs are unique");
        let mut seen = Vec::new();
        for task in &tasks {
            assert_schema_order(*task, TASK_ORDER);
            let (start, finish) = (time(text(*task, "Start")), time(text(*task, "Finish")));
            assert!(start <= finish, "{name}: {}", text(*task, "Name"));
            for link in children(*task).filter(|c| c.tag_name().name() == "PredecessorLink") {
                assert_schema_order(link, LINK_ORDER);
                assert!(by_uid.contains_key(text(link, "PredecessorUID")));
                assert!(["0", "1", "2", "3"].contains(&text(link, "Type")));
                assert_eq!(text(link, "LinkLag").parse::<i64>().unwrap() % 4800, 0);
            }
            let Some(id) = children(*task)
                .filter(|c| c.tag_name().name() == "ExtendedAttribute")
                .find(|a| text(*a, "FieldID") == "188743734")
                .map(|a| text(a, "Value"))
            else {
                continue;
            };
            // An item: its acceptance and decision at the close of those days, the working
            // days between them as its duration, its department in Text1.
            let item = plan.items.iter().find(|i| i.id == id).unwrap();
            assert_eq!(
                start,
                item.accepted.and_hms_opt(17, 0, 0).unwrap(),
                "{name}: {id}"
            );
            assert_eq!(
                finish,
                item.decided.and_hms_opt(17, 0, 0).unwrap(),
                "{name}: {id}"
            );
            assert_eq!(hours(text(*task, "Duration")), 8 * item.working_days);
            assert_eq!(text(*task, "Name"), item.name);
            assert_eq!(
                text(*task, "Milestone"),
                if item.working_days == 0 { "1" } else { "0" }
            );
            assert_eq!(
                text(*task, "Critical"),
                if item.critical { "1" } else { "0" }
            );
            seen.push(id);
        }
        assert_eq!(seen.len(), plan.items.len(), "{name}: one task per item");
        // One summary per stage, at outline level 1, holding the rest.
        let summaries = tasks.iter().filter(|t| text(**t, "Summary") == "1").count();
        assert_eq!(summaries, plan.stages.len());
        assert_eq!(tasks.len(), plan.items.len() + 3 * plan.stages.len());
    });
    assert!(files > 40, "{files} examples");
}

#[test]
fn the_calendar_agrees_with_the_notices_every_day_2019_2026() {
    let planner = Planner::new(
        ruleset::load_builtin("cn-national-2019")
            .unwrap()
            .ruleset
            .unwrap(),
    );
    let project = Project::example(&planner.ruleset, "social-general", date("2026-03-02")).unwrap();
    let (plan, network) = planner.plan_with_network(&project);
    let xml = mspdi::render(&plan, &network, planner.calendar());
    let doc = Document::parse(&xml).unwrap();
    let calendar = doc
        .descendants()
        .find(|n| n.has_tag_name("Calendar"))
        .unwrap();
    // The week: DayType 1 is Sunday.
    let mut week = [false; 7];
    for day in children(child(calendar, "WeekDays").unwrap()) {
        let t: usize = text(day, "DayType").parse().unwrap();
        week[t - 1] = text(day, "DayWorking") == "1";
    }
    let mut exceptions: Vec<(NaiveDate, bool)> = Vec::new();
    for e in children(child(calendar, "Exceptions").unwrap()) {
        let period = child(e, "TimePeriod").unwrap();
        let (from, to) = (time(text(period, "FromDate")), time(text(period, "ToDate")));
        assert_eq!(from.date(), to.date(), "one day per exception");
        let working = text(e, "DayWorking") == "1";
        if working {
            let times: Vec<(&str, &str)> = children(child(e, "WorkingTimes").unwrap())
                .map(|w| (text(w, "FromTime"), text(w, "ToTime")))
                .collect();
            assert_eq!(times, [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")]);
        } else {
            assert!(child(e, "WorkingTimes").is_none());
        }
        exceptions.push((from.date(), working));
    }
    assert!(
        exceptions.windows(2).all(|w| w[0].0 < w[1].0),
        "sorted, one per date"
    );
    let exception: BTreeMap<NaiveDate, bool> = exceptions.into_iter().collect();
    let first = date("2019-01-01");
    // `chinese_holiday` stops at 2026-12-25.
    let last = date("2026-12-25");
    for d in first.iter_days().take_while(|d| *d <= last) {
        let ours = exception
            .get(&d)
            .copied()
            .unwrap_or(week[d.weekday().num_days_from_sunday() as usize]);
        let ymd = Ymd::new(d.year() as u16, d.month() as u8, d.day() as u8);
        assert_eq!(ours, chinese_holiday(ymd).is_workday(), "{d}");
    }
    // Every exception is a day the notices set: a weekday off or a weekend worked (or a
    // named holiday on a weekend).
    assert!(exception.iter().all(|(d, working)| {
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        *working == weekend || !working
    }));
}

#[test]
fn a_projects_own_days_off_are_exceptions_too() {
    let planner = Planner::new(
        ruleset::load_builtin("cn-national-2019")
            .unwrap()
            .ruleset
            .unwrap(),
    );
    let mut project =
        Project::example(&planner.ruleset, "social-general", date("2026-03-02")).unwrap();
    project
        .calendar
        .holidays
        .push(shenpi_core::calendar::SpecialDay {
            date: date("2026-03-10"),
            name: "本地停电检修".into(),
        });
    let calendar: Calendar = planner.calendar_for(&project).into_owned();
    let (plan, network) = planner.plan_with_network(&project);
    let xml = mspdi::render(&plan, &network, &calendar);
    assert!(xml.contains(
        "<FromDate>2026-03-10T00:00:00</FromDate>\n            <ToDate>2026-03-10T23:59:00</ToDate>"
    ));
    assert!(xml.contains("<Name>本地停电检修</Name>"));
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let planner = Planner::new(
        ruleset::load_builtin("hunan-2019")
            .unwrap()
            .ruleset
            .unwrap(),
    );
    let project = Project::example(&planner.ruleset, "gov-building", date("2026-03-02")).unwrap();
    let once = {
        let (plan, network) = planner.plan_with_network(&project);
        mspdi::render(&plan, &network, planner.calendar())
    };
    let twice = {
        let (plan, network) = planner.plan_with_network(&project);
        mspdi::render(&plan, &network, planner.calendar())
    };
    assert_eq!(once, twice);
}

/// The task list of the render-demo fixture (names with `&`, `,` and `"`, a natural-day
/// notice, a milestone, a merge), one line per task: what a planner sees in MS Project.
#[test]
fn render_demo_task_list() {
    let loaded = ruleset::load(
        "render-demo.toml",
        include_str!("fixtures/render-demo.toml"),
        &BuiltinsOnly,
    );
    let planner = Planner::new(loaded.ruleset.unwrap());
    let project = Project::example(&planner.ruleset, "demo-building", date("2026-03-02")).unwrap();
    let (plan, network) = planner.plan_with_network(&project);
    let xml = mspdi::render(&plan, &network, planner.calendar());
    let doc = Document::parse(&xml).unwrap();
    let mut lines = Vec::new();
    for task in doc.descendants().filter(|n| n.has_tag_name("Task")) {
        let links: Vec<String> = children(task)
            .filter(|c| c.tag_name().name() == "PredecessorLink")
            .map(|l| {
                let kind = ["FF", "FS", "SF", "SS"][text(l, "Type").parse::<usize>().unwrap()];
                let lag = text(l, "LinkLag").parse::<i64>().unwrap() / 4800;
                format!("{}{kind}{lag:+}", text(l, "PredecessorUID"))
            })
            .collect();
        lines.push(format!(
            "{:>2} {:<5} {} | {} → {} | {}h | {}",
            text(task, "UID"),
            text(task, "WBS"),
            text(task, "Name"),
            text(task, "Start"),
            text(task, "Finish"),
            hours(text(task, "Duration")),
            links.join(" ")
        ));
    }
    insta::assert_snapshot!(lines.join("\n"));
}
