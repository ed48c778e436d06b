//! `plan()` of a compiled ruleset, and loading + validating a built-in ruleset.
//!
//! Run: `cargo bench -p shenpi-core --bench plan -- --warm-up-time 2 --measurement-time 5`
//! (the command BENCHMARKS.md records).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use shenpi_core::engine::Planner;
use shenpi_core::project::Project;
use shenpi_core::ruleset::{self, BuiltinsOnly};

#[path = "support/hundred_items.rs"]
mod support;
use support::hundred_items;

fn bench(c: &mut Criterion) {
    let text = hundred_items();
    let loaded = ruleset::load("bench.toml", &text, &BuiltinsOnly);
    assert!(loaded.ruleset.is_some(), "{:#?}", loaded.diagnostics);
    let planner = Planner::new(loaded.ruleset.unwrap());
    assert_eq!(planner.ruleset.items.len(), 100);
    let start = NaiveDate::from_ymd_opt(2026, 2, 9).unwrap();
    let project = Project::example(&planner.ruleset, "t", start).unwrap();
    c.bench_function("plan_100_items", |b| {
        b.iter(|| planner.plan(black_box(&project)))
    });

    let shiyan = Planner::new(
        ruleset::load_builtin("hubei-shiyan-2022")
            .unwrap()
            .ruleset
            .unwrap(),
    );
    let project = Project::example(&shiyan.ruleset, "social-general", start).unwrap();
    c.bench_function("plan_builtin_hubei_shiyan_2022", |b| {
        b.iter(|| shiyan.plan(black_box(&project)))
    });

    // MS Project XML of the same example: the plan with its schedule network (the graph
    // reshaped and scheduled once more), then the file with its 2019–2026 calendar.
    c.bench_function("mspdi_hubei_shiyan_2022", |b| {
        b.iter(|| {
            let (plan, network) = shiyan.plan_with_network(black_box(&project));
            shenpi_core::render::mspdi::render(&plan, &network, shiyan.calendar())
        })
    });

    // A project under way (examples/hubei-shiyan-2022/social-general.under-way.toml): its
    // progress checked and counted, the baseline plan, and the re-forecast.
    let under_way_text =
        include_str!("../../examples/hubei-shiyan-2022/social-general.under-way.toml");
    let mut sources = shenpi_core::source::Sources::new();
    let raw = shenpi_core::project::parse(
        "under-way.toml",
        under_way_text,
        shenpi_core::project::ProjectFormat::Toml,
        &mut sources,
    )
    .unwrap();
    let under_way = shenpi_core::project::resolve(&raw, &shiyan.ruleset, start).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 24).unwrap();
    c.bench_function("status_hubei_shiyan_2022_under_way", |b| {
        b.iter(|| shenpi_core::status::track(&shiyan, black_box(&under_way), as_of, None).unwrap())
    });

    // 10,000 iterations of the same example (no impact table): the budget is 30 ms on one
    // core (issue #20), 3 µs an iteration.
    let options = shenpi_core::simulate::Options {
        iterations: 10_000,
        impact: false,
        ..Default::default()
    };
    c.bench_function("simulate_10000_hubei_shiyan_2022", |b| {
        b.iter(|| shenpi_core::simulate::simulate(&shiyan, black_box(&project), &options).unwrap())
    });

    c.bench_function("load_builtin_hubei_shiyan_2022", |b| {
        b.iter(|| ruleset::load_builtin(black_box("hubei-shiyan-2022")).unwrap())
    });
    c.bench_function("load_100_items", |b| {
        b.iter(|| ruleset::load("bench.toml", black_box(&text), &BuiltinsOnly))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
