//! Golden tests: plans computed from the built-in rulesets against figures published by the
//! bureaus. Expected values are read from `rulesets/published-figures.toml`; none is typed here.

mod cli_support;
mod common;

use std::collections::BTreeSet;

use common::examples::{self, figure, integers, strings, text};
use shenpi_core::engine::Planner;
use shenpi_core::project::{Project, Scenario};
use shenpi_core::ruleset::Clock;

/// Approval working days of `example:<ruleset>/<type>` (promised limits, default measures),
/// and whether the whole-process target is met.
fn approval(ruleset: &str, ty: &str) -> (i64, bool) {
    let plan = cli_support::ok_json(&["plan", &format!("example:{ruleset}/{ty}"), "-f", "json"]);
    let total = plan["targets"]
        .as_array()
        .and_then(|t| t.iter().find(|c| c["scope"] == "total"))
        .expect("whole-process target check");
    (
        total["actual"].as_i64().expect("actual"),
        total["met"].as_bool().expect("met"),
    )
}

const TYPES: [&str; 5] = [
    "gov-building",
    "gov-linear",
    "social-general",
    "social-land-with-scheme",
    "social-small-low-risk",
];

/// What a reproduced figure proves: a computed one checks the ruleset, a calibrated one (its
/// limits were back-solved to hit it) only guards against regressions.
fn what_it_checks(f: &toml::Table) -> &'static str {
    match text(f, "reproduced") {
        Some("computed") => "computed from sourced or estimated limits",
        Some("calibrated") => "regression check of a calibrated figure, not evidence",
        other => panic!("{:?}: reproduced = {other:?}", text(f, "id")),
    }
}

#[test]
fn every_figure_says_how_it_is_reproduced() {
    for f in examples::figures() {
        let id = text(&f, "id").unwrap_or_default().to_owned();
        let not_computed = f.get("computed").and_then(toml::Value::as_bool) == Some(false);
        match (not_computed, text(&f, "reproduced")) {
            (true, None) | (false, Some("computed" | "calibrated")) => {}
            (true, Some(_)) => panic!("{id}: a figure that is not computed is not reproduced"),
            (false, how) => panic!("{id}: reproduced = {how:?}; say `computed` or `calibrated`"),
        }
    }
}

#[test]
fn reform_rulesets_meet_their_targets() {
    for rs in [
        "cn-national-2019",
        "hubei-2021",
        "hubei-shiyan-2021",
        "hubei-shiyan-2022",
        "jiangxi-ganzhou-2020",
        "jiangxi-ganzhou-2021",
        "hunan-2019",
        "hunan-shaoyang-2020",
        "hunan-changsha-wangcheng-2021",
    ] {
        for ty in TYPES {
            let (days, met) = approval(rs, ty);
            assert!(met, "{rs}/{ty}: {days} working days misses its target");
        }
    }
    assert!(approval("beijing-low-risk-2019", "social-low-risk").1);
}

#[test]
fn published_totals_are_reproduced() {
    // 湖北“80、60、40”；十堰“70、50、30”；赣州 106/60 → 75/45
    for id in [
        "hubei-targets",
        "shiyan-targets",
        "ganzhou-before",
        "ganzhou-after",
    ] {
        let f = figure(id);
        let rs = text(&f, "ruleset").expect("ruleset");
        let types = strings(&f, "types");
        let values = integers(&f, "value");
        assert_eq!(types.len(), values.len(), "{id}: one value per type");
        for (ty, want) in types.iter().zip(values) {
            assert_eq!(
                approval(rs, ty).0,
                want,
                "{id}: {rs}/{ty} ({})",
                what_it_checks(&f)
            );
        }
    }
}

#[test]
fn shiyan_2022_is_five_days_shorter_than_2021_for_every_type() {
    let f = figure("shiyan-5-days-shorter");
    let (before, after) = (text(&f, "before").unwrap(), text(&f, "ruleset").unwrap());
    let want = integers(&f, "value")[0];
    for ty in TYPES {
        assert_eq!(approval(before, ty).0 - approval(after, ty).0, want, "{ty}");
    }
}

#[test]
fn shaoyang_shortest_40_after_and_the_longest_before_is_longer() {
    let longest = figure("shaoyang-longest-before");
    let shortest = figure("shaoyang-shortest-after");
    // "最短40天" after the reform: calibrated, and on the type the figure names.
    let after_rs = text(&shortest, "ruleset").unwrap();
    let after = TYPES.map(|t| approval(after_rs, t).0);
    let want = integers(&shortest, "value")[0];
    assert_eq!(after.iter().min().copied(), Some(want), "{after:?}");
    let named = text(&shortest, "type").unwrap();
    assert_eq!(approval(after_rs, named).0, want, "{named}");
    // "最长230天" before it is not reproduced (see its note): the model's most demanding
    // project (the figure's `project`) takes longer than any type example before the
    // reform, and far longer than the shortest after it.
    let project = text(&longest, "project").expect("shaoyang-longest-before names a project");
    let plan = cli_support::ok_json(&["plan", project, "-f", "json"]);
    let hospital = plan["summary"]["approval_working_days"].as_i64().unwrap();
    let before_rs = text(&longest, "ruleset").unwrap();
    for t in TYPES {
        assert!(
            approval(before_rs, t).0 <= hospital,
            "{t} is longer than {project}"
        );
    }
    assert!(hospital > 5 * want, "{hospital} before vs {want} after");
}

#[test]
fn wangcheng_is_8_to_15_days_faster_than_the_province() {
    let f = figure("wangcheng-faster");
    let (before, after) = (text(&f, "before").unwrap(), text(&f, "ruleset").unwrap());
    let [low, high] = integers(&f, "value")[..] else {
        panic!("wangcheng-faster: expected [low, high]");
    };
    // Types the figure's note puts outside the range (measures of their own).
    let except: Vec<&str> = f
        .get("except")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    for ty in TYPES.iter().filter(|t| !except.contains(t)) {
        let cut = approval(before, ty).0 - approval(after, ty).0;
        assert!((low..=high).contains(&cut), "{ty}: {cut}");
    }
}

/// The example project of `ty` in the planner's ruleset, planned from the fixed start date.
fn example(planner: &Planner, ty: &str) -> Project {
    Project::example(&planner.ruleset, ty, examples::start())
        .unwrap_or_else(|| panic!("{}: no project type `{ty}`", planner.ruleset.id))
}

/// The built-in ruleset a figure field names.
fn planner_for<'a>(
    planners: &'a std::collections::BTreeMap<&'static str, Planner>,
    figure: &toml::Table,
    key: &str,
) -> &'a Planner {
    let id = text(figure, key).unwrap_or_else(|| panic!("figure has no `{key}`"));
    planners
        .get(id)
        .unwrap_or_else(|| panic!("`{id}` is not a built-in ruleset"))
}

/// Stages that hold at least one item on the approval clock (the parallel utility-service
/// channel holds none, so it is not counted).
fn approval_stages(planner: &Planner, project: &Project) -> usize {
    let plan = planner.plan(project);
    let stages: BTreeSet<String> = plan
        .items
        .iter()
        .filter(|i| i.clock == Clock::Approval)
        .map(|i| i.stage.to_string())
        .collect();
    stages.len()
}

#[test]
fn ganzhou_four_stages_became_three() {
    // 赣州：将报建流程从4个阶段优化为3个
    let f = figure("ganzhou-stages");
    let [before, after] = integers(&f, "value")[..] else {
        panic!("ganzhou-stages: expected [before, after]");
    };
    let planners = examples::planners();
    for (key, want) in [("before", before), ("ruleset", after)] {
        let planner = planner_for(&planners, &f, key);
        for ty in &planner.ruleset.project_types {
            let got = approval_stages(planner, &example(planner, &ty.id));
            assert_eq!(
                got as i64, want,
                "{}/{}: stages with approval-clock items",
                planner.ruleset.id, ty.id
            );
        }
    }
}

#[test]
fn beijing_low_risk_cancels_fourteen_items() {
    // 北京简易低风险：取消14项审批和服务。The measure lists fourteen items, and takes out of
    // the plan every one of them that the project would otherwise need (which of them a
    // project needs depends on it: 人防验收 is for civil buildings only).
    let f = figure("beijing-cancelled");
    let want = integers(&f, "value")[0];
    let measure = text(&f, "measure").expect("the cancelling measure");
    let planners = examples::planners();
    let planner = planner_for(&planners, &f, "ruleset");
    let m = (planner.ruleset.measures.iter())
        .find(|m| m.id == measure)
        .expect("measure of the ruleset");
    assert_eq!(m.items.len() as i64, want, "`{measure}` lists {want} items");
    let listed: BTreeSet<&str> = (m.items.iter())
        .map(|&i| planner.ruleset.items[i].id.as_str())
        .collect();
    for ty in &planner.ruleset.project_types {
        let on = example(planner, &ty.id);
        let mut off = on.clone();
        off.set_measure(&planner.ruleset, measure, false)
            .expect("measure of the ruleset");
        let with = planner.plan(&on);
        let without = planner.plan(&off);
        let needed: Vec<&str> = (without.items.iter())
            .map(|i| i.id.as_ref())
            .filter(|id| listed.contains(id))
            .collect();
        assert!(needed.len() >= 10, "{}: only {needed:?} apply", ty.id);
        for id in needed {
            assert!(with.item(id).is_none(), "{}: `{measure}` keeps {id}", ty.id);
        }
    }
}

#[test]
fn beijing_low_risk_item_limits() {
    // 北京简易低风险：规划许可5个工作日、施工许可5个工作日、不动产登记3个工作日
    let f = figure("beijing-low-risk-limits");
    let items = strings(&f, "items");
    let days = integers(&f, "value");
    assert_eq!(items.len(), days.len(), "one value per item");
    let planners = examples::planners();
    let planner = planner_for(&planners, &f, "ruleset");
    for ty in &planner.ruleset.project_types {
        let plan = planner.plan(&example(planner, &ty.id));
        for (id, want) in items.iter().zip(&days) {
            let item = plan
                .item(id)
                .unwrap_or_else(|| panic!("{}: `{id}` is not in the plan", ty.id));
            assert_eq!(item.working_days, *want, "{}: `{id}`", ty.id);
        }
    }
}

#[test]
fn national_before_reform_is_two_hundred_and_some_working_days() {
    // 改革前平均“200多个工作日”: statutory limits, every measure off. "200多" reads as at
    // least 200 and under 300.
    let f = figure("national-before");
    let floor = integers(&f, "value")[0];
    assert_eq!(text(&f, "scenario"), Some("legal"));
    assert_eq!(text(&f, "measures"), Some("off"));
    let planners = examples::planners();
    let planner = planner_for(&planners, &f, "ruleset");
    let mut project = example(planner, text(&f, "type").expect("type"));
    project.scenario = Scenario::Legal;
    project.switch_all_measures(&planner.ruleset, false);
    let days = planner.plan(&project).summary.approval_working_days;
    assert!(
        (floor..floor + 100).contains(&days),
        "{days} working days is not {floor}-and-some"
    );
    // And the reform brings the same project within the national target.
    let target = integers(&figure("national-target"), "value")[0];
    let reformed = planner.plan(&example(planner, text(&f, "type").unwrap()));
    assert!(reformed.summary.approval_working_days <= target);
}
