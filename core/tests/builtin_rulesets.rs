//! Every built-in ruleset loads with no errors and no warnings.

use shenpi_core::{builtin, diagnostic, ruleset};

#[test]
fn every_builtin_loads_clean() {
    let mut failures = String::new();
    for id in builtin::ids() {
        let loaded = ruleset::load_builtin(id).expect("registered id");
        if !loaded.diagnostics.is_empty() || loaded.ruleset.is_none() {
            failures.push_str(&format!("== {id}\n"));
            failures.push_str(&diagnostic::render_text(
                &loaded.diagnostics,
                &loaded.sources,
                false,
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "built-in rulesets with diagnostics:\n{failures}"
    );
}

#[test]
fn builtin_ids_match_files_and_parents_come_first() {
    let ids: Vec<&str> = builtin::ids().collect();
    for (i, id) in ids.iter().enumerate() {
        let loaded = ruleset::load_builtin(id).expect("registered id");
        let rs = loaded.ruleset.expect("loads");
        assert_eq!(&rs.id, id, "registered id differs from [ruleset] id");
        for parent in &rs.extends {
            let pos = ids
                .iter()
                .position(|p| p == parent)
                .expect("parent is built in");
            assert!(pos < i, "`{parent}` must be registered before `{id}`");
        }
    }
}

#[test]
fn every_project_type_example_classifies_as_its_type() {
    for id in builtin::ids() {
        let rs = ruleset::load_builtin(id).unwrap().ruleset.unwrap();
        for (t, ty) in rs.project_types.iter().enumerate() {
            assert!(!ty.example.is_empty(), "{id}/{}: no example", ty.id);
            let mut values = vec![None; rs.attributes.len()];
            for (a, attr) in rs.attributes.iter().enumerate() {
                values[a] = attr.default.clone();
            }
            for (a, v) in &ty.example {
                values[a.index()] = Some(v.clone());
            }
            let facts = shenpi_core::condition::Facts {
                values: &values,
                project_type: None,
            };
            let matching: Vec<&str> = rs
                .project_types
                .iter()
                .filter(|p| p.when.as_ref().is_some_and(|w| w.holds(&facts)))
                .map(|p| p.id.as_str())
                .collect();
            assert_eq!(
                matching,
                vec![rs.project_types[t].id.as_str()],
                "{id}/{}: example matches {matching:?}",
                ty.id
            );
        }
    }
}

#[test]
fn national_main_items_list_their_application_materials() {
    let rs = ruleset::load_builtin("cn-national-2019")
        .unwrap()
        .ruleset
        .unwrap();
    for id in [
        "land-planning-permit",
        "engineering-planning-permit",
        "drawing-review",
        "construction-permit",
        "completion-filing",
    ] {
        let item = &rs.items[rs.item_index(id).expect("national item")];
        assert!(!item.materials.is_empty(), "{id}: no materials");
    }
    let planner = shenpi_core::engine::Planner::new(rs);
    let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    for (row, _) in planner.type_matrix(start) {
        assert!(
            row.materials > 0,
            "{}: plan reports no materials",
            row.project_type
        );
    }
}
