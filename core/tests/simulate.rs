//! `simulate`: closed-form checks (geometric correction rounds, the merge bias of two equal
//! parallel paths, the collapse to the deterministic plan), determinism, and golden values
//! that pin the random numbers (a seed must reproduce its output on every platform and
//! version).

use chrono::NaiveDate;
use shenpi_core::engine::Planner;
use shenpi_core::project::{self, Project, ProjectFormat};
use shenpi_core::simulate::{self, Key, Options, Simulation};
use shenpi_core::source::Sources;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn planner(text: &str) -> Planner {
    let loaded = shenpi_core::ruleset::load("t.toml", text, &shenpi_core::ruleset::BuiltinsOnly);
    Planner::new(
        loaded
            .ruleset
            .unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics)),
    )
}

fn project(planner: &Planner, extra: &str) -> Project {
    let text = format!("type = \"any\"\nstart = 2026-03-02\n{extra}");
    let mut sources = Sources::new();
    let raw = project::parse("p.toml", &text, ProjectFormat::Toml, &mut sources).unwrap();
    project::resolve(&raw, &planner.ruleset, date("2026-03-02")).unwrap()
}

fn run<'a>(planner: &'a Planner, p: &Project, iterations: u32, seed: u64) -> Simulation<'a> {
    let options = Options {
        iterations,
        seed,
        ..Options::default()
    };
    simulate::simulate(planner, p, &options).unwrap()
}

fn key(s: &Simulation, k: Key) -> simulate::KeyStats {
    s.keys.iter().find(|x| x.id == k).unwrap().clone()
}

/// One approval item of 10 working days, reviewed in exactly its limit, with correction
/// chance p and rounds of exactly 2 + 3 working days.
fn one_item(p: f64) -> String {
    format!(
        r#"
[ruleset]
id = "one"
name = "one"

[[project_type]]
id = "any"
name = "任意"

[[stage]]
id = "s"
name = "阶段"

[[item]]
id = "a"
name = "许可"
department = "住建"
stage = "s"
limit = 10
estimate = "t"
uncertainty = {{ corrections = {{ p = {p}, notice = {{ min = 2, mode = 2, max = 2 }}, turnaround = {{ min = 3, mode = 3, max = 3 }} }} }}
"#
    )
}

#[test]
fn correction_rounds_are_geometric() {
    // Rounds k with P(k) = (1 − p) pᵏ: the finish is 10 + 5k working days. With p = 0.3 the
    // mean of k is p / (1 − p) = 0.4286, P(k = 0) = 0.7, P(k = 1) = 0.21, P(k ≥ 2) = 0.09.
    let pl = planner(&one_item(0.3));
    let s = run(&pl, &project(&pl, ""), 20_000, 7);
    let finish = &s.samples;
    let n = finish.len() as f64;
    let share = |k: f64| {
        finish
            .iter()
            .filter(|&&x| (x - (10.0 + 5.0 * k)).abs() < 1e-9)
            .count() as f64
            / n
    };
    // Sampling error of a share near 0.2 over 20,000 draws is 0.003; allow 4 of them.
    assert!((share(0.0) - 0.70).abs() < 0.012, "P(0) = {}", share(0.0));
    assert!((share(1.0) - 0.21).abs() < 0.012, "P(1) = {}", share(1.0));
    assert!((share(2.0) - 0.063).abs() < 0.008, "P(2) = {}", share(2.0));
    let mean_rounds = finish.iter().map(|x| (x - 10.0) / 5.0).sum::<f64>() / n;
    assert!(
        (mean_rounds - 0.4286).abs() < 0.02,
        "mean rounds {mean_rounds}"
    );
    // The approval clock waits for the complete materials: approval time stays 10.
    let approval = key(&s, Key::ApprovalFinish);
    assert!(
        approval
            .percentiles
            .iter()
            .all(|p| (p.offset - 10.0).abs() < 1e-9)
    );
    // The impact of taking the corrections away: P80 of 15 (k = 1 at the 80th percentile,
    // since P(k = 0) = 0.7 < 0.8 ≤ P(k ≤ 1) = 0.91) back to 10.
    let finish_p80 = key(&s, Key::Finish).percentiles[2].offset;
    assert_eq!(finish_p80, 15.0);
    assert_eq!(s.impact.len(), 1);
    assert_eq!(
        (s.impact[0].without, s.impact[0].p80_change),
        ("corrections", -5.0)
    );
}

/// Two parallel applicant items of 100 working days, each taking 80/100/120.
const TWO_PATHS: &str = include_str!("../../tests/fixtures/simulate/two-paths.toml");

#[test]
fn two_equal_parallel_paths_show_the_merge_bias() {
    // P(max ≤ x) = F(x)²; for x above the mode F(x) = 1 − (120 − x)² / 800, so the median
    // solves (120 − x)² = 800 (1 − √0.5): x = 120 − 15.31 = 104.69, not the plan's 100.
    let pl = planner(TWO_PATHS);
    let s = run(&pl, &project(&pl, ""), 20_000, 11);
    let finish = key(&s, Key::Finish);
    let p50 = finish.percentiles[1].offset;
    assert!((p50 - 104.69).abs() < 0.35, "P50 {p50}");
    // The plan's 100 days or less: F(100)² = 0.25.
    assert!(
        (finish.on_plan_or_earlier - 0.25).abs() < 0.015,
        "{}",
        finish.on_plan_or_earlier
    );
    // Each path is critical about half the time.
    for c in &s.criticality {
        assert!((c.index - 0.5).abs() < 0.02, "{} {}", c.id, c.index);
    }
}

#[test]
fn without_uncertainty_every_percentile_is_the_plan() {
    // A built-in with its `[uncertainty]` collapsed: probabilities 0, every range at 1.
    for id in ["hubei-shiyan-2022", "beijing-low-risk-2019"] {
        let text = shenpi_core::builtin::ruleset(id).unwrap();
        let r = shenpi_core::ruleset::load(
            &format!("builtin:{id}"),
            text,
            &shenpi_core::ruleset::BuiltinsOnly,
        )
        .ruleset
        .unwrap();
        let mut r = r;
        for item in &mut r.items {
            item.risk = shenpi_core::risk::Risk::default();
        }
        r.risk_defaults = Default::default();
        let pl = Planner::new(r);
        for t in &pl.ruleset.project_types {
            let p = Project::example(&pl.ruleset, &t.id, date("2026-03-02")).unwrap();
            let s = run(&pl, &p, 50, 3);
            for k in &s.keys {
                for q in &k.percentiles {
                    assert_eq!(q.date, k.deterministic, "{id}/{} {:?} P{}", t.id, k.id, q.p);
                }
                assert_eq!(k.on_plan_or_earlier, 1.0);
            }
            for (c, i) in s.criticality.iter().zip(&s.plan.items) {
                // The chain back from the finish is one of the plan's critical paths.
                if c.index > 0.0 {
                    assert!(
                        i.critical,
                        "{id}/{}: {} critical in the simulation only",
                        t.id, i.id
                    );
                }
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_numbers() {
    let pl = planner(TWO_PATHS);
    let p = project(&pl, "");
    let a = serde_json::to_string(&run(&pl, &p, 500, 42)).unwrap();
    let b = serde_json::to_string(&run(&pl, &p, 500, 42)).unwrap();
    let c = serde_json::to_string(&run(&pl, &p, 500, 43)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn golden_values_pin_the_random_numbers() {
    // If this fails, the generator or the sampling changed: a seed no longer reproduces
    // earlier output. Change it only on purpose, and say so in the changelog.
    let pl = planner(TWO_PATHS);
    let s = run(&pl, &project(&pl, ""), 1_000, 2026);
    let p = key(&s, Key::Finish).percentiles;
    let got: Vec<String> = p.iter().map(|q| format!("{:.6}", q.offset)).collect();
    assert_eq!(
        got,
        ["95.690380", "104.474398", "111.013712", "113.579576"],
        "the percentiles of seed 2026"
    );
}

#[test]
fn preparation_scales_every_correction_chance() {
    let pl = planner(&one_item(0.3));
    let careful = run(
        &pl,
        &project(&pl, "[uncertainty]\npreparation = 0.1\n"),
        5_000,
        5,
    );
    let careless = run(
        &pl,
        &project(&pl, "[uncertainty]\npreparation = 2.5\n"),
        5_000,
        5,
    );
    let share_clean = |s: &Simulation| {
        s.samples.iter().filter(|&&x| x == 10.0).count() as f64 / s.samples.len() as f64
    };
    // p = 0.03: 97 % without a round; p = 0.75: 25 %.
    assert!((share_clean(&careful) - 0.97).abs() < 0.01);
    assert!((share_clean(&careless) - 0.25).abs() < 0.02);
    // A project may override an item.
    let none = run(
        &pl,
        &project(
            &pl,
            "[uncertainty.items.a]\ncorrections = { p = 0, turnaround = { min = 1, max = 1 } }\n",
        ),
        1_000,
        5,
    );
    assert_eq!(share_clean(&none), 1.0);
}

#[test]
fn a_table_of_rounds_and_a_turnaround_in_calendar_days() {
    // rounds = [0.5, 0.3, 0.2]: finish 10, 15 or 20 working days with those chances. A round
    // is a notice of 2 working days and 4.2 calendar days of turnaround (3 working days at
    // five a week).
    let text = one_item(0.3).replace(
        "corrections = { p = 0.3, notice = { min = 2, mode = 2, max = 2 }, turnaround = { min = 3, mode = 3, max = 3 } }",
        "corrections = { rounds = [0.5, 0.3, 0.2], notice = { min = 2, mode = 2, max = 2 }, turnaround = { min = 4.2, mode = 4.2, max = 4.2, unit = \"natural\" } }",
    );
    let pl = planner(&text);
    let s = run(&pl, &project(&pl, ""), 20_000, 9);
    let n = s.samples.len() as f64;
    let share = |x: f64| s.samples.iter().filter(|&&v| (v - x).abs() < 1e-6).count() as f64 / n;
    assert!((share(10.0) - 0.5).abs() < 0.015, "{}", share(10.0));
    assert!((share(15.0) - 0.3).abs() < 0.015, "{}", share(15.0));
    assert!((share(20.0) - 0.2).abs() < 0.015, "{}", share(20.0));
    // Preparation 0.5 halves the chance of any round, 0.5 → 0.25, keeping their shape 3 : 2.
    let s = run(
        &pl,
        &project(&pl, "[uncertainty]\npreparation = 0.5\n"),
        20_000,
        9,
    );
    let share = |x: f64| s.samples.iter().filter(|&&v| (v - x).abs() < 1e-6).count() as f64 / n;
    assert!((share(10.0) - 0.75).abs() < 0.015, "{}", share(10.0));
    assert!((share(15.0) - 0.15).abs() < 0.015, "{}", share(15.0));
}

#[test]
fn uncertainty_that_cannot_be_simulated_is_refused_with_its_place() {
    let bad = one_item(0.3).replace("p = 0.3,", "p = 0.3, rounds = [1.0],");
    let loaded = shenpi_core::ruleset::load("t.toml", &bad, &shenpi_core::ruleset::BuiltinsOnly);
    assert!(loaded.ruleset.is_none());
    assert_eq!(loaded.diagnostics[0].code, "invalid-uncertainty");
    let bad = one_item(0.3).replace("p = 0.3,", "rounds = [0.5, 0.4],");
    let loaded = shenpi_core::ruleset::load("t.toml", &bad, &shenpi_core::ruleset::BuiltinsOnly);
    assert!(
        loaded.diagnostics[0].message.contains("summing to 1"),
        "{}",
        loaded.diagnostics[0].message
    );
}

#[test]
fn stage_targets_are_checked_against_the_stages_approval_span() {
    // Stage s1: an approval item of 10 working days reviewed in 40–100 % of it (mode 70 %);
    // its target 7 is met when the review takes at most 7 days: F(7) of the triangle
    // (4, 7, 10) = 0.5. The whole process (target 20) always is.
    let text = r#"
[ruleset]
id = "stages"
name = "stages"

[uncertainty]
estimate = "t"
approval = { time = { min = 0.4, mode = 0.7, max = 1.0 } }

[[project_type]]
id = "any"
name = "任意"
target = { total = 20, stages = { s1 = 7 } }

[[stage]]
id = "s1"
name = "一"

[[stage]]
id = "s2"
name = "二"
after = ["s1"]

[[item]]
id = "a"
name = "甲"
department = "甲"
stage = "s1"
limit = 10
estimate = "t"

[[item]]
id = "b"
name = "乙"
department = "乙"
stage = "s2"
limit = 5
estimate = "t"
"#;
    let pl = planner(text);
    let s = run(&pl, &project(&pl, ""), 20_000, 4);
    let chance = |scope: &str| {
        s.targets
            .iter()
            .find(|t| t.scope.as_str() == scope)
            .unwrap()
            .clone()
    };
    assert_eq!(chance("total").probability, 1.0);
    let s1 = chance("s1");
    assert!(!s1.deterministic_met, "the plan takes the whole 10 days");
    assert!((s1.probability - 0.5).abs() < 0.015, "{}", s1.probability);
}
