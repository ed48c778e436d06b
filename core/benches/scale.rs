//! How checking and planning grow with the ruleset: random DAGs of 1,000, 10,000 and
//! 100,000 items in four gated stages. Goal (issue "Hardening"): `check` and a plan as JSON
//! of 100,000 items in under 2 s, growing near-linearly.
//!
//! Run: `cargo bench -p shenpi-core --bench scale -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use shenpi_core::engine::Planner;
use shenpi_core::project::Project;
use shenpi_core::ruleset::{self, BuiltinsOnly};

/// A ruleset of `n` items in four stages, each stage after the one before; every item waits
/// for up to three earlier items (a fixed pseudo-random pattern, so runs compare).
fn random_dag(n: usize) -> String {
    let mut t = String::from(
        "[ruleset]\nid = \"scale\"\nname = \"scale\"\n\n[[project_type]]\nid = \"t\"\nname = \"t\"\n",
    );
    for s in 0..4 {
        t.push_str(&format!("\n[[stage]]\nid = \"s{s}\"\nname = \"s{s}\"\n"));
        if s > 0 {
            t.push_str(&format!("after = [\"s{}\"]\n", s - 1));
        }
    }
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..n {
        let stage = i * 4 / n;
        let mut after = Vec::new();
        for _ in 0..(next() % 4) {
            if i > 0 {
                after.push(format!("\"i{}\"", next() as usize % i));
            }
        }
        after.sort();
        after.dedup();
        t.push_str(&format!(
            "\n[[item]]\nid = \"i{i}\"\nname = \"事项{i}\"\ndepartment = \"部门\"\nstage = \"s{stage}\"\nlimit = {}\nestimate = \"e\"\nafter = [{}]\n",
            1 + next() % 20,
            after.join(", ")
        ));
    }
    t
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    for n in [1_000, 10_000, 100_000] {
        let text = random_dag(n);
        group.bench_with_input(BenchmarkId::new("check", n), &text, |b, text| {
            b.iter(|| {
                let loaded = ruleset::load("scale.toml", black_box(text), &BuiltinsOnly);
                assert!(loaded.ruleset.is_some(), "{:?}", loaded.diagnostics.first());
                loaded
            })
        });
        let loaded = ruleset::load("scale.toml", &text, &BuiltinsOnly);
        let ruleset = loaded.ruleset.expect("loads");
        group.bench_with_input(BenchmarkId::new("plan_json", n), &ruleset, |b, ruleset| {
            b.iter(|| {
                // What `shenpi plan --format json` does after loading: prepare, plan, write.
                let planner = Planner::new(ruleset.clone());
                let project = Project::example(&planner.ruleset, "t", start).unwrap();
                planner.plan(&project).to_json()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
