//! Hand-worked schedules: each expected date below was counted by hand on the calendar
//! (acceptance day = offset 0, an item of d working days accepted at s is decided at s + d).

use chrono::NaiveDate;
use shenpi_core::engine::Planner;
use shenpi_core::plan::{Change, ExcludedBy, Plan};
use shenpi_core::project::{self, Project, ProjectFormat};
use shenpi_core::ruleset::{self, BuiltinsOnly};
use shenpi_core::source::Sources;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const HEADER: &str = r#"
[ruleset]
id = "t"
name = "test"

[[attribute]]
id = "risk"
type = "enum"
values = ["low", "high"]

[[project_type]]
id = "any"
name = "任意"
when = { risk = ["low", "high"] }
target = { total = 12, stages = { s1 = 5 } }
example = { risk = "high" }

[[stage]]
id = "s1"
name = "阶段一"

[[stage]]
id = "s2"
name = "阶段二"
after = ["s1"]
"#;

fn planner(items: &str) -> Planner {
    let text = format!("{HEADER}\n{items}");
    let loaded = ruleset::load("t.toml", &text, &BuiltinsOnly);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    Planner::new(loaded.ruleset.unwrap())
}

fn project(p: &Planner, body: &str) -> Project {
    let mut sources = Sources::new();
    let raw = project::parse("p.toml", body, ProjectFormat::Toml, &mut sources).unwrap();
    project::resolve(&raw, &p.ruleset, date("2026-01-05")).unwrap()
}

/// The English sentences of an item's trace (what `shenpi explain` prints).
fn sentences(p: &Plan, item: &str) -> Vec<String> {
    let item = p.item(item).unwrap();
    item.trace.iter().map(|c| p.describe_change(c)).collect()
}

fn plan(items: &str, project_body: &str) -> Plan<'static> {
    let p = planner(items);
    let pr = project(&p, project_body);
    p.plan(&pr).into_owned()
}

fn decided(plan: &Plan, id: &str) -> String {
    plan.item(id)
        .unwrap_or_else(|| panic!("{id} not planned"))
        .decided
        .to_string()
}

const START_MON: &str = "start = 2026-03-02\n[attributes]\nrisk = \"high\"\n";

#[test]
fn start_on_a_weekend_is_accepted_on_the_next_workday() {
    let p = plan(
        "[[item]]\nid = \"a\"\nname = \"甲\"\ndepartment = \"d\"\nstage = \"s1\"\nlimit = 1\nestimate = \"t\"\n",
        "start = 2026-03-07\n[attributes]\nrisk = \"low\"\n",
    );
    assert_eq!(p.project.accepted.to_string(), "2026-03-09");
    assert_eq!(decided(&p, "a"), "2026-03-10");
}

const SS_FF: &str = r#"
[[item]]
id = "a"
name = "甲"
department = "d"
stage = "s1"
limit = 5
estimate = "t"

[[item]]
id = "b"
name = "乙"
department = "d"
stage = "s1"
limit = 2
after = [{ item = "a", kind = "SS", lag = 1 }]
estimate = "t"

[[item]]
id = "c"
name = "丙"
department = "d"
stage = "s1"
limit = 1
after = [{ item = "a", kind = "FF", lag = 2 }]
estimate = "t"

[[item]]
id = "e"
name = "戊"
department = "d"
stage = "s1"
limit = 2
after = [{ item = "a", kind = "FS", lag = -2 }]
estimate = "t"
"#;

#[test]
fn start_to_start_finish_to_finish_and_negative_lags() {
    let p = plan(SS_FF, START_MON);
    let a = p.item("a").unwrap();
    assert_eq!((a.es, a.ef), (0, 5));
    // SS +1: accepted at 1 (Tue 03-03), decided at 3 (Thu 03-05).
    let b = p.item("b").unwrap();
    assert_eq!((b.es, b.ef), (1, 3));
    assert_eq!(b.decided.to_string(), "2026-03-05");
    // FF +2: decided two working days after a (offset 7, Wed 03-11), accepted at 6.
    let c = p.item("c").unwrap();
    assert_eq!((c.es, c.ef), (6, 7));
    assert_eq!(c.decided.to_string(), "2026-03-11");
    // FS −2: accepted two working days before a is decided (offset 3).
    let e = p.item("e").unwrap();
    assert_eq!((e.es, e.ef), (3, 5));
    assert_eq!(p.summary.approval_working_days, 7);
    // b can slip until c's finish is the end: b finishes at 3, project end 7 → 4 days float.
    assert_eq!(b.total_float, 4);
    assert_eq!(b.free_float, 4);
    assert!(a.critical && c.critical && !b.critical);
    assert_eq!(p.critical_path, ["a", "c"]);
}

#[test]
fn zero_duration_items_are_decided_on_acceptance() {
    let p = plan(
        r#"
[[item]]
id = "a"
name = "即办"
department = "d"
stage = "s1"
limit = 0
estimate = "t"

[[item]]
id = "b"
name = "乙"
department = "d"
stage = "s1"
limit = 1
after = ["a"]
estimate = "t"
"#,
        START_MON,
    );
    assert_eq!(decided(&p, "a"), "2026-03-02");
    assert_eq!(decided(&p, "b"), "2026-03-03");
}

const TWO_STAGES: &str = r#"
[[item]]
id = "land"
name = "用地"
department = "自然资源"
stage = "s1"
limit = 4
materials = ["申请表", "用地红线图"]
source = "t"

[[item]]
id = "review"
name = "专家评审"
department = "住建"
stage = "s1"
limit = 6
clock = "technical"
materials = ["申请表"]
source = "t"

[[item]]
id = "permit"
name = "许可"
department = "住建"
stage = "s2"
limit = 5
legal_limit = 20
materials = ["申请表", "施工合同"]
source = "t"

[[item]]
id = "small"
name = "小项目附加"
department = "住建"
stage = "s2"
limit = 3
when = { risk = "low", reason = "低风险项目才办" }
source = "t"
"#;

#[test]
fn stage_gates_two_clocks_and_targets() {
    let p = plan(TWO_STAGES, START_MON);
    // Elapsed: review (6, technical) gates stage 2 → permit accepted at 6, decided at 11.
    assert_eq!(p.item("permit").unwrap().es, 6);
    assert_eq!(p.summary.elapsed_working_days, 11);
    // Approval clock: the technical review takes no time → land 4 + permit 5 = 9.
    assert_eq!(p.summary.approval_working_days, 9);
    assert_eq!(decided(&p, "permit"), "2026-03-17");
    // Targets: total 12 met with 3 to spare; stage s1 spans 4 approval days ≤ 5.
    let total = p.targets.iter().find(|t| t.scope == "total").unwrap();
    assert!(total.met);
    assert_eq!(total.margin, 3);
    let s1 = p.targets.iter().find(|t| t.scope == "s1").unwrap();
    assert_eq!((s1.actual, s1.met), (4, true));
    // Materials de-duplicated; one application per item.
    assert_eq!(p.summary.materials, 3);
    assert_eq!(p.summary.applications, 3);
    // The condition excluded `small`, with its reason.
    let small = p.excluded.iter().find(|e| e.id == "small").unwrap();
    assert!(small.reason.contains("低风险项目才办"), "{}", small.reason);
}

#[test]
fn legal_scenario_uses_statutory_limits_and_misses_the_target() {
    let p = plan(TWO_STAGES, &format!("scenario = \"legal\"\n{START_MON}"));
    // Approval: land 4 + permit 20 = 24 > 12.
    assert_eq!(p.summary.approval_working_days, 24);
    let total = p.targets.iter().find(|t| t.scope == "total").unwrap();
    assert!(!total.met);
    assert_eq!(total.margin, -12);
    assert!(!p.summary.targets_met);
    assert!(sentences(&p, "permit")[0].starts_with("statutory limit 20 d used instead of"));
    assert!(matches!(
        p.item("permit").unwrap().trace[..],
        [Change::Legal { to: 20, .. }]
    ));
}

#[test]
fn item_that_does_not_apply_keeps_the_order_of_its_neighbours() {
    let p = plan(
        r#"
[[item]]
id = "a"
name = "甲"
department = "d"
stage = "s1"
limit = 2
estimate = "t"

[[item]]
id = "b"
name = "乙"
department = "d"
stage = "s1"
limit = 3
after = ["a"]
when = { risk = "low" }
estimate = "t"

[[item]]
id = "c"
name = "丙"
department = "d"
stage = "s1"
limit = 1
after = ["b"]
estimate = "t"
"#,
        START_MON,
    );
    assert!(p.item("b").is_none());
    assert_eq!(p.excluded[0].by, ExcludedBy::Condition);
    assert_eq!(p.excluded[0].condition.as_deref(), Some("risk = low"));
    // c still waits for a: accepted at 2, decided at 3.
    assert_eq!((p.item("c").unwrap().es, p.item("c").unwrap().ef), (2, 3));
    assert_eq!(p.item("c").unwrap().predecessors, ["a"]);
}

fn measure_plan(measure: &str, project_extra: &str) -> Plan<'static> {
    let items = format!(
        r#"
[[item]]
id = "a"
name = "甲"
department = "规划"
stage = "s1"
limit = 4
materials = ["表一"]
estimate = "t"

[[item]]
id = "b"
name = "乙"
department = "住建"
stage = "s1"
limit = 6
after = ["a"]
materials = ["表一", "表二"]
estimate = "t"

[[item]]
id = "c"
name = "丙"
department = "消防"
stage = "s1"
limit = 3
after = ["b"]
estimate = "t"

{measure}
"#
    );
    plan(&items, &format!("{START_MON}{project_extra}"))
}

#[test]
fn baseline_for_measures() {
    let p = measure_plan("", "");
    assert_eq!(p.summary.approval_working_days, 13);
    assert_eq!(p.summary.applications, 3);
}

#[test]
fn commitment_sets_the_duration() {
    let p = measure_plan(
        "[[measure]]\nid = \"m\"\nname = \"告知承诺\"\nkind = \"commitment\"\nitems = [\"b\"]\nwhen = { risk = \"high\" }\n",
        "",
    );
    assert_eq!(p.item("b").unwrap().working_days, 0);
    assert_eq!(p.summary.approval_working_days, 7);
    assert_eq!(sentences(&p, "b"), ["告知承诺: 6 → 0 d"]);
    assert_eq!(
        p.item("b").unwrap().trace,
        [Change::Duration {
            measure: "m".into(),
            from: 6,
            to: 0
        }]
    );
    // The trace serializes tagged by kind, the measure named by id.
    assert_eq!(
        serde_json::to_value(&p.item("b").unwrap().trace).unwrap(),
        serde_json::json!([{ "kind": "duration", "measure": "m", "from": 6, "to": 0 }])
    );
}

#[test]
fn a_measure_switched_off_or_not_applicable_changes_nothing() {
    let m = "[[measure]]\nid = \"m\"\nname = \"告知承诺\"\nkind = \"commitment\"\nitems = [\"b\"]\nwhen = { risk = \"low\" }\n";
    let p = measure_plan(m, "");
    assert_eq!(p.summary.approval_working_days, 13);
    let state = &p.measures[0];
    assert!(state.on && !state.applied);
    assert!(state.note.as_deref().unwrap().contains("risk = low"));
    assert_eq!(state.condition.as_deref(), Some("risk = low"));
    let off =
        "[[measure]]\nid = \"m\"\nname = \"告知承诺\"\nkind = \"commitment\"\nitems = [\"b\"]\n";
    let p = measure_plan(off, "[measures]\nm = false\n");
    assert_eq!(p.summary.approval_working_days, 13);
}

#[test]
fn exempt_removes_and_rewires() {
    let p = measure_plan(
        "[[measure]]\nid = \"m\"\nname = \"豁免\"\nkind = \"exempt\"\nitems = [\"b\"]\n",
        "",
    );
    assert!(p.item("b").is_none());
    assert_eq!(p.item("c").unwrap().es, 4);
    assert_eq!(p.summary.approval_working_days, 7);
    assert_eq!(p.excluded[0].measure.as_deref(), Some("m"));
    assert_eq!(p.excluded[0].by, ExcludedBy::Exempted);
    assert_eq!(p.excluded[0].condition, None);
}

#[test]
fn merge_folds_items_into_one() {
    let p = measure_plan(
        "[[measure]]\nid = \"m\"\nname = \"联合审查\"\nkind = \"merge\"\nitems = [\"a\", \"b\"]\ninto = { id = \"ab\", name = \"联合审查\" }\n",
        "",
    );
    let ab = p.item("ab").unwrap();
    assert_eq!(ab.parts, ["a", "b"]);
    // Duration = the longest part (6); c follows it.
    assert_eq!((ab.es, ab.ef), (0, 6));
    assert_eq!(p.summary.approval_working_days, 9);
    assert_eq!(ab.department, "规划、住建");
    assert_eq!(p.summary.applications, 2);
    assert_eq!(p.summary.materials, 2);
}

#[test]
fn parallel_drops_dependencies_among_the_items() {
    let p = measure_plan(
        "[[measure]]\nid = \"m\"\nname = \"并联审批\"\nkind = \"parallel\"\nitems = [\"a\", \"b\"]\n",
        "",
    );
    assert_eq!(p.item("b").unwrap().es, 0);
    // c waits for the longer of a (4) and b (6).
    assert_eq!(p.item("c").unwrap().es, 6);
    assert_eq!(p.summary.approval_working_days, 9);
}

#[test]
fn overlap_accepts_early_but_not_decided_before_the_predecessor() {
    let p = measure_plan(
        "[[measure]]\nid = \"m\"\nname = \"容缺受理\"\nkind = \"overlap\"\nitems = [\"b\", \"c\"]\nlag = 2\n",
        "",
    );
    let c = p.item("c").unwrap();
    // b: 4→10; c accepted 2 days after b (6), decided at 9, but not before b (10): FF.
    assert_eq!((c.es, c.ef), (7, 10));
    assert_eq!(p.summary.approval_working_days, 10);
}

#[test]
fn set_overrides_fields() {
    let p = measure_plan(
        "[[measure]]\nid = \"m\"\nname = \"压缩时限\"\nkind = \"set\"\nitems = [\"c\"]\nset = { limit = 1, after = [\"a\"] }\n",
        "",
    );
    let c = p.item("c").unwrap();
    assert_eq!((c.es, c.ef), (4, 5));
    assert_eq!(p.summary.approval_working_days, 10);
}

#[test]
fn bundle_accepts_together_and_decides_as_one() {
    let p = measure_plan(
        "[[measure]]\nid = \"m\"\nname = \"一件事一次办\"\nkind = \"bundle\"\nitems = [\"a\", \"b\"]\n",
        "",
    );
    let (a, b) = (p.item("a").unwrap(), p.item("b").unwrap());
    assert_eq!((a.es, b.es), (0, 0));
    assert_eq!(a.bundle.as_deref(), Some("m"));
    // c waits for the joint decision at 6.
    assert_eq!(p.item("c").unwrap().es, 6);
    assert_eq!(p.summary.approval_working_days, 9);
    assert_eq!(p.summary.applications, 2);
}

#[test]
fn parallel_stages_lift_the_gate() {
    let items = format!(
        "{TWO_STAGES}\n[[measure]]\nid = \"m\"\nname = \"带方案出让\"\nkind = \"parallel\"\nstages = [\"s1\", \"s2\"]\n"
    );
    let p = plan(&items, START_MON);
    assert_eq!(p.item("permit").unwrap().es, 0);
    assert_eq!(p.summary.approval_working_days, 5);
    assert_eq!(
        sentences(&p, "permit"),
        ["带方案出让: stage gate lifted, runs alongside the previous stage"]
    );
}

#[test]
fn plans_are_deterministic() {
    let a = measure_plan("", "").to_json();
    let b = measure_plan("", "").to_json();
    assert_eq!(a, b);
}

/// DESIGN.md §4 worked example: acceptance Mon 2026-02-09; Spring Festival 02-15…02-23 off,
/// Sat 02-14 and Sat 02-28 are make-up workdays.
#[test]
fn design_worked_example_across_spring_festival() {
    let item = |id: &str, d: u32, after: &str| {
        format!(
            "[[item]]\nid = \"{id}\"\nname = \"{id}\"\ndepartment = \"d\"\nstage = \"s1\"\nlimit = {d}\nestimate = \"t\"\nafter = [{after}]\n"
        )
    };
    let items = [
        item("A", 3, ""),
        item("B", 5, "\"A\""),
        item("C", 2, "\"A\""),
        item("D", 4, "\"B\", \"C\""),
        item("E", 1, "\"D\""),
    ]
    .concat();
    let p = plan(
        &items,
        "start = 2026-02-09\n[attributes]\nrisk = \"high\"\n",
    );
    assert_eq!(decided(&p, "A"), "2026-02-12");
    assert_eq!(decided(&p, "B"), "2026-02-26");
    assert_eq!(decided(&p, "C"), "2026-02-14");
    assert_eq!(p.item("C").unwrap().total_float, 3);
    assert_eq!(decided(&p, "D"), "2026-03-03");
    assert_eq!(decided(&p, "E"), "2026-03-04");
    assert_eq!(p.summary.approval_working_days, 13);
    assert_eq!(p.critical_path, ["A", "B", "D", "E"]);
    assert_eq!(p.summary.finish.to_string(), "2026-03-04");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert!(p.years_without_calendar.is_empty());
}

#[test]
fn natural_day_notice_ending_on_a_holiday_rolls_forward() {
    let items = "[[item]]\nid = \"notice\"\nname = \"批前公示\"\ndepartment = \"规划\"\nstage = \"s1\"\nlimit = 7\nunit = \"natural\"\nclock = \"applicant\"\nestimate = \"t\"\n\
                 [[item]]\nid = \"permit\"\nname = \"许可\"\ndepartment = \"规划\"\nstage = \"s1\"\nlimit = 1\nafter = [\"notice\"]\nestimate = \"t\"\n";
    // Accepted Mon 2026-09-28; 7 calendar days end Mon 10-05, inside the National Day
    // holiday (10-01…10-07); the period ends on the next workday, Thu 10-08 (Art. 203).
    let p = plan(items, "start = 2026-09-28\n[attributes]\nrisk = \"high\"\n");
    assert_eq!(decided(&p, "notice"), "2026-10-08");
    // 09-29, 09-30 and 10-08 are the workdays after acceptance: 3 working days.
    assert_eq!(p.item("notice").unwrap().working_days, 3);
    assert_eq!(decided(&p, "permit"), "2026-10-09");
    // The notice is on the applicant's clock: approval time is the permit's day only.
    assert_eq!(p.summary.approval_working_days, 1);
    assert_eq!(p.summary.elapsed_working_days, 4);
    assert_eq!(p.summary.elapsed_calendar_days, 11);
}

#[test]
fn a_plan_into_a_year_without_data_carries_the_horizon_warning() {
    let items = "[[item]]\nid = \"a\"\nname = \"甲\"\ndepartment = \"d\"\nstage = \"s1\"\nlimit = 30\nestimate = \"t\"\n";
    let p = plan(items, "start = 2026-12-01\n[attributes]\nrisk = \"high\"\n");
    assert!(
        p.warnings.iter().any(|w| w.contains("2027")),
        "{:?}",
        p.warnings
    );
    assert_eq!(p.years_without_calendar, [2027]);
    // A project that enters 2027's arrangement itself silences it.
    let p = plan(
        items,
        "start = 2026-12-01\n[attributes]\nrisk = \"high\"\n[calendar]\nyears = [2027]\nholidays = [{ date = 2027-01-01, name = \"元旦\" }]\n",
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert!(p.years_without_calendar.is_empty());
}

#[test]
fn bundle_limit_caps_every_member() {
    let p = measure_plan(
        "[[measure]]\nid = \"m\"\nname = \"一件事一次办\"\nkind = \"bundle\"\nitems = [\"a\", \"b\"]\nlimit = 5\n",
        "",
    );
    // b (6 d) is cut to the bundle's promise of 5; a (4 d) is within it. c follows at 5.
    assert_eq!(p.item("b").unwrap().working_days, 5);
    assert_eq!(p.item("a").unwrap().working_days, 4);
    assert_eq!(p.item("c").unwrap().es, 5);
    assert_eq!(p.summary.approval_working_days, 8);
    assert!(sentences(&p, "b").iter().any(|c| c.ends_with(": 6 → 5 d")));
}

/// A planner reuses its working memory from plan to plan: nothing of one plan may leak into
/// the next, whichever thread plans.
#[test]
fn plans_do_not_depend_on_earlier_plans_or_threads() {
    let rs = ruleset::load_builtin("hubei-shiyan-2022")
        .unwrap()
        .ruleset
        .unwrap();
    let planner = Planner::new(rs);
    let start = date("2026-03-02");
    let mut projects = Vec::new();
    for t in &planner.ruleset.project_types {
        let mut p = Project::example(&planner.ruleset, &t.id, start).unwrap();
        projects.push(p.clone());
        p.scenario = project::Scenario::Legal;
        projects.push(p.clone());
        for m in &planner.ruleset.measures {
            p.set_measure(&planner.ruleset, &m.id, false).unwrap();
        }
        projects.push(p);
    }
    // Each plan from a fresh planner, then from one planner in turn, twice over.
    let fresh: Vec<String> = projects
        .iter()
        .map(|p| Planner::new(planner.ruleset.clone()).plan(p).to_json())
        .collect();
    for _ in 0..2 {
        for (p, expected) in projects.iter().zip(&fresh) {
            assert_eq!(&planner.plan(p).to_json(), expected);
        }
    }
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for (p, expected) in projects.iter().zip(&fresh).rev() {
                    assert_eq!(&planner.plan(p).to_json(), expected);
                }
            });
        }
    });
}

/// Nine stages in a chain: two items alike in the first, then one item a stage, each after
/// the one before. Every step to the next stage is tight twice, directly and through the
/// stage gates, so each of the two critical paths is 2^8 = 256 routes through the graph; the
/// routes of the first must not use up the limit on paths before the second is found.
#[test]
fn critical_paths_that_differ_only_through_stage_gates_count_once() {
    let mut text = String::from(
        "[ruleset]\nid = \"t\"\nname = \"test\"\n\
         [[attribute]]\nid = \"risk\"\ntype = \"enum\"\nvalues = [\"low\"]\n\
         [[project_type]]\nid = \"any\"\nname = \"任意\"\nwhen = { risk = [\"low\"] }\nexample = { risk = \"low\" }\n",
    );
    for s in 1..=9 {
        text.push_str(&format!("[[stage]]\nid = \"s{s}\"\nname = \"阶段{s}\"\n"));
        if s > 1 {
            text.push_str(&format!("after = [\"s{}\"]\n", s - 1));
        }
    }
    let item = |id: &str, stage: u32, after: &str| {
        format!(
            "[[item]]\nid = \"{id}\"\nname = \"{id}\"\ndepartment = \"d\"\nstage = \"s{stage}\"\nlimit = 2\nafter = [{after}]\nestimate = \"test\"\n"
        )
    };
    text.push_str(&item("a", 1, ""));
    text.push_str(&item("b", 1, ""));
    text.push_str(&item("i2", 2, "\"a\", \"b\""));
    for s in 3..=9 {
        text.push_str(&item(&format!("i{s}"), s, &format!("\"i{}\"", s - 1)));
    }
    let loaded = ruleset::load("t.toml", &text, &BuiltinsOnly);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let planner = Planner::new(loaded.ruleset.unwrap());
    let project = project(
        &planner,
        "start = 2026-03-02\n[attributes]\nrisk = \"low\"\n",
    );
    let p = planner.plan(&project);
    let path = |first: &str| -> Vec<String> {
        std::iter::once(first.to_string())
            .chain((2..=9).map(|s| format!("i{s}")))
            .collect()
    };
    let found: Vec<Vec<String>> = (p.critical_paths.iter())
        .map(|ids| ids.iter().map(|id| id.to_string()).collect())
        .collect();
    assert_eq!(found, [path("a"), path("b")]);
    assert_eq!(p.critical_path, path("a"));
}
