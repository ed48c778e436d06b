//! Calendar queries: `add_working_days` and `working_days_between` must take constant time
//! whatever the distance (tables inside 1990–2100, arithmetic outside).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use shenpi_core::calendar::{Calendar, CalendarAdditions, SpecialDay};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn bench(c: &mut Criterion) {
    let cal = Calendar::cn();
    let accepted = d(2026, 2, 13);
    let mut add = c.benchmark_group("calendar/add_working_days");
    for n in [5i64, 250, 10_000] {
        add.bench_function(format!("n={n}"), |b| {
            b.iter(|| cal.add_working_days(black_box(accepted), black_box(n)))
        });
    }
    add.bench_function("outside_data_2300_n=250", |b| {
        b.iter(|| cal.add_working_days(black_box(d(2300, 2, 13)), black_box(250)))
    });
    add.finish();

    let mut between = c.benchmark_group("calendar/working_days_between");
    for (label, a, z) in [
        ("one_month", d(2026, 2, 13), d(2026, 3, 13)),
        ("eight_years", d(2019, 1, 1), d(2026, 12, 31)),
        ("1900..2500", d(1900, 1, 1), d(2500, 1, 1)),
    ] {
        between.bench_function(label, |b| {
            b.iter(|| cal.working_days_between(black_box(a), black_box(z)))
        });
    }
    between.finish();

    // Building a calendar with a ruleset's additions (once per ruleset, not per query).
    let additions = CalendarAdditions {
        holidays: vec![SpecialDay {
            date: d(2027, 1, 1),
            name: "元旦".to_owned(),
        }],
        workdays: vec![],
        complete_years: vec![2027],
    };
    c.bench_function("calendar/with_additions", |b| {
        b.iter(|| cal.with_additions(black_box(&additions)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
