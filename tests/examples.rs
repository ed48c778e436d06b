//! Every example project file (`examples/<ruleset>/<type>[.<variant>].toml`) names a built-in ruleset,
//! resolves and plans without errors (warnings are listed in `examples/README.md`), and is
//! planned as the type its file name says; its attributes alone classify it as that type too.

mod common;

use common::examples::{self, Example};

#[test]
fn there_is_an_example_for_every_project_type_of_every_builtin() {
    let files = examples::files();
    let planners = examples::planners();
    let mut missing = Vec::new();
    for (id, planner) in &planners {
        for ty in &planner.ruleset.project_types {
            if !files
                .iter()
                .any(|e| e.dir == *id && e.project_type == ty.id && e.variant.is_none())
            {
                missing.push(format!("examples/{id}/{}.toml", ty.id));
            }
        }
    }
    assert!(missing.is_empty(), "no example file: {missing:?}");
}

#[test]
fn every_example_plans_as_its_type() {
    let files = examples::files();
    assert!(!files.is_empty(), "no example files found");
    let planners = examples::planners();
    let mut failures = Vec::new();
    for example in &files {
        if let Err(e) = check(example, &planners) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check(
    example: &Example,
    planners: &std::collections::BTreeMap<&'static str, shenpi_core::engine::Planner>,
) -> Result<(), String> {
    let path = &example.path;
    let id = examples::ruleset_of(example)?;
    let planner = planners
        .get(id.as_str())
        .ok_or_else(|| format!("{path}: `ruleset = \"{id}\"` is not a built-in ruleset"))?;
    if id != example.dir {
        return Err(format!(
            "{path}: ruleset `{id}` but filed under `{}`",
            example.dir
        ));
    }
    let project = examples::resolve(example, planner)?;
    let plan = planner.plan(&project);
    if plan.project.project_type != example.project_type.as_str() {
        return Err(format!(
            "{path}: planned as `{}`, the file name says `{}`",
            plan.project.project_type, example.project_type
        ));
    }
    // The attributes alone classify the project as that type too.
    let classified = examples::resolve_with(example, planner, false)?;
    let classified = &planner.ruleset.project_types[classified.project_type].id;
    if classified != &example.project_type {
        return Err(format!(
            "{path}: its attributes classify it as `{classified}`, not `{}`",
            example.project_type
        ));
    }
    if plan.items.is_empty() || plan.summary.approval_working_days <= 0 {
        return Err(format!("{path}: the plan is empty"));
    }
    // Warnings (e.g. a plan running into a year whose holiday arrangement is not yet
    // published) are not errors; examples/README.md lists them.
    Ok(())
}
