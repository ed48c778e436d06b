//! What a case file of `tests/plans/` cannot say: the English sentences of a plan's trace
//! (what `shenpi explain` prints), and that plans depend on nothing but the ruleset and the
//! project. The hand-worked schedules are case files there (runner: `plans.rs`); the tests
//! here plan those cases.

mod plan_cases;

use chrono::NaiveDate;
use shenpi_core::engine::Planner;
use shenpi_core::plan::Plan;
use shenpi_core::project::{self, Project};
use shenpi_core::ruleset;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The English sentences of an item's trace (what `shenpi explain` prints).
fn sentences(p: &Plan, item: &str) -> Vec<String> {
    let item = p.item(item).unwrap();
    item.trace.iter().map(|c| p.describe_change(c)).collect()
}

#[test]
fn the_legal_scenario_is_explained() {
    let p = plan_cases::plan(
        "two-stages",
        "the legal scenario uses statutory limits and misses the target",
    );
    assert!(sentences(&p, "permit")[0].starts_with("statutory limit 20 d used instead of"));
}

#[test]
fn a_commitment_is_explained() {
    let p = plan_cases::plan("measures", "commitment sets the duration");
    assert_eq!(sentences(&p, "b"), ["告知承诺: 6 → 0 d"]);
}

#[test]
fn a_lifted_stage_gate_is_explained() {
    let p = plan_cases::plan("two-stages", "parallel stages lift the gate");
    assert_eq!(
        sentences(&p, "permit"),
        ["带方案出让: stage gate lifted, runs alongside the previous stage"]
    );
}

#[test]
fn a_bundle_limit_is_explained() {
    let p = plan_cases::plan("measures", "a bundle's limit caps every member");
    assert!(sentences(&p, "b").iter().any(|c| c.ends_with(": 6 → 5 d")));
}

#[test]
fn plans_are_deterministic() {
    let a = plan_cases::plan("measures", "baseline for measures").to_json();
    let b = plan_cases::plan("measures", "baseline for measures").to_json();
    assert_eq!(a, b);
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
