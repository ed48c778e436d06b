//! Plans a built-in example through the library API — the same calls the CLI and the web page
//! make. Run: `cargo run --example plan`

use chrono::NaiveDate;
use shenpi_core::engine::Planner;
use shenpi_core::project::Project;
use shenpi_core::ruleset;

fn main() {
    // Compile a built-in ruleset once (parse, resolve its `extends` chain, validate)…
    let loaded = ruleset::load_builtin("hubei-shiyan-2022").expect("built-in ruleset");
    let planner = Planner::new(loaded.ruleset.expect("built-ins are valid"));

    // …then plan any number of projects with it.
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date");
    let project = Project::example(&planner.ruleset, "social-general", start).expect("type exists");
    let plan = planner.plan(&project);

    let s = &plan.summary;
    println!("{} — {}", plan.ruleset.name, plan.project.project_type_name);
    println!(
        "approval time: {} working days (finished {})",
        s.approval_working_days, s.approval_finish
    );
    println!(
        "elapsed:       {} working days, {} calendar days (finished {})",
        s.elapsed_working_days, s.elapsed_calendar_days, s.finish
    );
    for t in &plan.targets {
        let verdict = if t.met { "met" } else { "missed" };
        println!(
            "target {}:   {} ≤ {}? {verdict} ({:+} days)",
            t.name, t.actual, t.target, t.margin
        );
    }
    println!(
        "critical path: {}",
        plan.critical_path
            .iter()
            .map(|id| id.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    );

    // The same project with a reform measure switched off, compared the way reports state it.
    let mut without = project.clone();
    without
        .set_measure(&planner.ruleset, "joint-acceptance", false)
        .unwrap_or_else(|e| eprintln!("{e}"));
    let before = planner.plan(&without);
    let c = shenpi_core::compare::compare(&before, &plan, "without joint acceptance", "with");
    println!("{}", c.statement);
}
