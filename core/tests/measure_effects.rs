//! Every measure shows what it does: each measure of each built-in ruleset, where it applies
//! to a project type's example, changes some figure of that type's plan (approval or elapsed
//! time, construction start, applications, materials, items, or the day some item is
//! decided). A measure that changes nothing is either modelled wrong or should not be in the
//! ruleset.

use chrono::NaiveDate;
use shenpi_core::engine::Planner;
use shenpi_core::ruleset;

#[test]
fn every_applicable_measure_of_every_built_in_changes_a_figure() {
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let mut idle = Vec::new();
    let mut checked = 0;
    for id in shenpi_core::builtin::ids() {
        let planner = Planner::new(ruleset::load_builtin(id).unwrap().ruleset.unwrap());
        for e in planner.measure_effects(start) {
            if !e.applies {
                continue;
            }
            checked += 1;
            if !e.changes_something() {
                idle.push(format!(
                    "{id}: `{}` changes nothing for `{}`",
                    e.measure, e.project_type
                ));
            }
        }
    }
    assert!(checked > 100, "{checked} (measure, type) pairs");
    assert!(
        idle.is_empty(),
        "{} measures change nothing:\n{}",
        idle.len(),
        idle.join("\n")
    );
}

#[test]
fn a_measure_that_does_not_apply_reports_no_change() {
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let planner = Planner::new(
        ruleset::load_builtin("cn-national-2019")
            .unwrap()
            .ruleset
            .unwrap(),
    );
    let effects = planner.measure_effects(start);
    // 带方案出让 applies to that type only.
    let of = |ty: &str| {
        effects
            .iter()
            .find(|e| e.measure == "land-with-scheme-no-review" && e.project_type == ty)
            .unwrap()
            .clone()
    };
    assert!(!of("social-general").applies);
    assert!(!of("social-general").changes_something());
    let own = of("social-land-with-scheme");
    assert!(own.applies);
    assert!(own.approval_working_days < 0, "{own:?}");
}
