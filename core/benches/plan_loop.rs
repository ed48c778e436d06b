//! A bare loop of `Planner::plan` for profilers, which criterion's statistics would drown:
//! instruction counts (`valgrind --tool=callgrind`) and samples (`perf record`).
//!
//! Build, then run the printed executable with the number of plans and the ruleset
//! (`100` for the 100-item bench ruleset, `shiyan` for the built-in hubei-shiyan-2022):
//!
//! ```sh
//! cargo bench -p shenpi-core --bench plan_loop --no-run   # prints target/release/deps/plan_loop-…
//! valgrind --tool=callgrind target/release/deps/plan_loop-… 2000 100
//! ```
//!
//! Instructions per plan: (count with 2000 plans − count with 1 plan) / 1999.

use std::hint::black_box;

use chrono::NaiveDate;
use shenpi_core::engine::Planner;
use shenpi_core::project::Project;
use shenpi_core::ruleset::{self, BuiltinsOnly};

#[path = "support/hundred_items.rs"]
mod support;

fn main() {
    // `cargo bench` passes `--bench`; numbers and names are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let plans: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let which = args.get(1).map_or("100", String::as_str);
    let (planner, project_type) = match which {
        "shiyan" => {
            let loaded = ruleset::load_builtin("hubei-shiyan-2022").expect("built-in");
            (
                Planner::new(loaded.ruleset.expect("loads")),
                "social-general",
            )
        }
        _ => {
            let text = support::hundred_items();
            let loaded = ruleset::load("bench.toml", &text, &BuiltinsOnly);
            (Planner::new(loaded.ruleset.expect("loads")), "t")
        }
    };
    let start = NaiveDate::from_ymd_opt(2026, 2, 9).expect("date");
    let project = Project::example(&planner.ruleset, project_type, start).expect("example");
    let began = std::time::Instant::now();
    let mut days = 0;
    for _ in 0..plans {
        days += black_box(planner.plan(black_box(&project)))
            .summary
            .approval_working_days;
    }
    let each = began.elapsed() / u32::try_from(plans.max(1)).unwrap_or(u32::MAX);
    println!("{plans} plans of `{which}`: {each:?} each (checksum {days})");
}
