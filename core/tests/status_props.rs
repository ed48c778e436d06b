//! Properties of `status` on every built-in example project, from random start and as-of
//! days: with no progress and the as-of day on the start, the forecast is exactly the
//! plan; with progress that matches the plan, nothing slips.

use std::sync::OnceLock;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use shenpi_core::engine::Planner;
use shenpi_core::project::Project;
use shenpi_core::project::raw::RawProgress;
use shenpi_core::spanned::{Date, Sp};
use shenpi_core::status::{self, Status};

/// Every built-in ruleset's planner and its project type ids.
fn planners() -> &'static [(Planner, Vec<String>)] {
    static P: OnceLock<Vec<(Planner, Vec<String>)>> = OnceLock::new();
    P.get_or_init(|| {
        shenpi_core::builtin::RULESETS
            .iter()
            .map(|b| {
                let r = shenpi_core::ruleset::load_builtin(b.id)
                    .and_then(|l| l.ruleset)
                    .expect("built-ins compile");
                let types = r.project_types.iter().map(|t| t.id.clone()).collect();
                (Planner::new(r), types)
            })
            .collect()
    })
}

fn example(pick: (usize, usize), start: NaiveDate) -> (&'static Planner, Project) {
    let (planner, types) = &planners()[pick.0 % planners().len()];
    let ty = &types[pick.1 % types.len()];
    let project = Project::example(&planner.ruleset, ty, start).expect("the type has an example");
    (planner, project)
}

fn day(d: NaiveDate) -> Sp<Date> {
    Sp::new(Date(d), 0..0)
}

/// Asserts that the forecast of `s` is its baseline, item by item and in every total.
fn assert_no_slip(s: &Status) -> Result<(), TestCaseError> {
    for (b, f) in s.baseline.items.iter().zip(&s.forecast.items) {
        prop_assert_eq!(
            (b.id.as_str(), b.accepted, b.decided),
            (f.id.as_str(), f.accepted, f.decided)
        );
    }
    prop_assert!(s.items.iter().all(|i| i.slip == 0));
    prop_assert!(s.key_dates.iter().all(|k| k.slip.unwrap_or(0) == 0));
    prop_assert_eq!(s.approval_working_days[0], s.approval_working_days[1]);
    prop_assert_eq!(s.forecast.summary.finish, s.baseline.summary.finish);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn no_progress_on_the_start_day_is_the_plan(
        pick in (0usize..64, 0usize..64),
        start_day in 0u64..700,
    ) {
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(start_day);
        let (planner, project) = example(pick, start);
        let s = status::track(planner, &project, start, None).expect("no progress, no error");
        assert_no_slip(&s)?;
        prop_assert!(s.items.iter().all(|i| i.used.is_none() && i.colour.is_none()));
    }

    #[test]
    fn progress_that_matches_the_plan_slips_nothing(
        pick in (0usize..64, 0usize..64),
        start_day in 0u64..700,
        as_of_day in 0u64..400,
    ) {
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(start_day);
        let (planner, mut project) = example(pick, start);
        let as_of = start + Days::new(as_of_day);
        let plan = planner.plan(&project);
        for i in &plan.items {
            if i.accepted > as_of {
                continue;
            }
            let progress = RawProgress {
                accepted: Some(day(i.accepted)),
                decided: (i.decided <= as_of).then(|| day(i.decided)),
                ..RawProgress::default()
            };
            project.progress.push((Sp::new(i.id.to_string(), 0..0), Sp::new(progress, 0..0)));
        }
        let s = status::track(planner, &project, as_of, None).expect("the plan's own dates are valid");
        assert_no_slip(&s)?;
        // Every item the plan decides by the as-of day is decided on time.
        for i in &s.items {
            if i.baseline[1] <= as_of {
                prop_assert!(i.state.is_decided(), "{} is {:?}", i.id, i.state);
                prop_assert!(i.state != status::State::DecidedLate);
            }
        }
    }
}

/// Random `[progress]` tables (any field, any date near the plan, ids of the plan or not)
/// never panic: each gives a status or diagnostics whose labels lie inside the project text.
mod random_progress {
    use super::*;
    use shenpi_core::project::{self, ProjectFormat};
    use shenpi_core::source::Sources;

    fn field() -> impl Strategy<Value = String> {
        let date = (0u64..160).prop_map(|d| {
            (NaiveDate::from_ymd_opt(2026, 2, 20).unwrap() + Days::new(d)).to_string()
        });
        prop_oneof![
            date.clone().prop_map(|d| format!("submitted = {d}")),
            date.clone().prop_map(|d| format!("accepted = {d}")),
            date.clone().prop_map(|d| format!("decided = {d}")),
            (date.clone(), proptest::option::of(date.clone())).prop_map(|(n, c)| match c {
                Some(c) => format!("correction = {{ notified = {n}, completed = {c} }}"),
                None => format!("correction = {{ notified = {n} }}"),
            }),
            (date.clone(), proptest::option::of(date.clone()), 0usize..3).prop_map(|(f, t, r)| {
                let reason = ["testing", "expert_review", "nap"][r];
                match t {
                    Some(t) => {
                        format!("suspensions = [{{ from = {f}, to = {t}, reason = \"{reason}\" }}]")
                    }
                    None => format!("suspensions = [{{ from = {f}, reason = \"{reason}\" }}]"),
                }
            }),
            (date, -3i64..20)
                .prop_map(|(a, d)| format!("extension = {{ approved = {a}, days = {d} }}")),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn random_progress_gives_a_status_or_located_errors(
            pick in (0usize..64, 0usize..64),
            entries in proptest::collection::vec((0usize..40, proptest::collection::vec(field(), 0..5)), 0..6),
            as_of_day in 0u64..160,
        ) {
            let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
            let (planner, example) = example(pick, start);
            let plan = planner.plan(&example);
            let mut text = format!("type = \"{}\"\nstart = {start}\n", plan.project.project_type);
            let mut seen = std::collections::BTreeSet::new();
            for (k, fields) in &entries {
                let id = plan.items.get(*k).map_or_else(|| format!("no-such-item-{k}"), |i| i.id.to_string());
                if !seen.insert(id.clone()) {
                    continue;
                }
                // A field twice is a TOML error, which is not what this test is about.
                let mut keys = std::collections::BTreeSet::new();
                text.push_str(&format!("[progress.{id}]\n"));
                for f in fields {
                    if keys.insert(f.split(' ').next().unwrap().to_owned()) {
                        text.push_str(f);
                        text.push('\n');
                    }
                }
            }
            let mut sources = Sources::new();
            let Ok(raw) = project::parse("p.toml", &text, ProjectFormat::Toml, &mut sources) else {
                // An unknown suspension reason is a reading error, located by the reader.
                return Ok(());
            };
            // The example's attributes, this text's progress (with its places).
            let mut p = example.clone();
            p.progress = raw.progress.iter().map(|(id, x)| (id.clone(), x.clone())).collect();
            let as_of = NaiveDate::from_ymd_opt(2026, 2, 20).unwrap() + Days::new(as_of_day);
            match status::track(planner, &p, as_of, None) {
                Ok(s) => {
                    prop_assert_eq!(s.items.len(), s.baseline.items.len());
                    for i in &s.items {
                        if let (Some(u), Some(left)) = (i.used, i.days_left) {
                            prop_assert_eq!(u + left, i.limit);
                        }
                    }
                }
                Err(diags) => {
                    prop_assert!(!diags.is_empty());
                    for d in &diags {
                        prop_assert!(!d.labels.is_empty(), "{} has no place", d.code);
                        for l in &d.labels {
                            prop_assert!(sources.locate(&l.span).is_some(), "{} points outside the text", d.code);
                        }
                    }
                }
            }
        }
    }
}
