//! What only the planner module (default features) does: it knows the built-ins alone and
//! reads projects as JSON, and says so when given TOML.

#![cfg(not(feature = "bureau"))]

use shenpi_wasm::api;

#[test]
fn rulesets_as_toml_text_are_left_to_the_bureau_module() {
    let demo = include_str!("../www/demo-ruleset.toml");
    let f = api::describe(demo).unwrap_err();
    assert!(f.message.contains("bureau module"), "{}", f.message);
    let f = api::plan(demo, "{}", "2026-01-05").unwrap_err();
    assert!(f.message.contains("bureau module"), "{}", f.message);
    let f = api::describe("cn-national-2091").unwrap_err();
    assert_eq!(f.message, "no built-in ruleset `cn-national-2091`");
}

#[test]
fn projects_are_json() {
    let id = shenpi_core::builtin::ids().next().unwrap();
    let f = api::plan(id, "name = \"p\"\n", "2026-01-05").unwrap_err();
    assert!(f.message.contains("bureau module"), "{}", f.message);
    let f = api::plan(id, "{\n  \"nmae\": 1 }", "2026-01-05").unwrap_err();
    assert_eq!(f.diagnostics[0]["code"], "unknown-field");
    assert_eq!(f.diagnostics[0]["labels"][0]["file"], api::PROJECT_NAME);
    assert_eq!(f.diagnostics[0]["labels"][0]["line"], 2);
    assert_eq!(f.diagnostics[0]["help"], "did you mean `name`?");
}

#[test]
fn plan_and_layout_is_the_plan_and_the_cores_gantt_layout_of_it() {
    let project = api::example("cn-national-2019", "gov-building", "2026-03-02").unwrap();
    let (plan, layout) = api::plan_and_layout("cn-national-2019", &project, "2026-03-02").unwrap();
    assert_eq!(
        plan,
        api::plan("cn-national-2019", &project, "2026-03-02").unwrap()
    );
    let layout: serde_json::Value = serde_json::from_str(&layout).unwrap();
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    // Every item once among the rows, spanning its acceptance to its decision.
    let rows: Vec<&serde_json::Value> = (layout["rows"].as_array().unwrap().iter())
        .filter(|r| r["row"] == "item")
        .collect();
    assert_eq!(rows.len(), plan["items"].as_array().unwrap().len());
    for r in rows {
        let item = (plan["items"].as_array().unwrap().iter())
            .find(|i| i["id"] == r["id"])
            .unwrap();
        assert_eq!(
            (&r["from"], &r["to"]),
            (&item["accepted"], &item["decided"])
        );
    }
    assert_eq!(layout["first"], plan["project"]["accepted"]);
    assert!(
        layout["days"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["kind"] == "weekend")
    );
}

#[test]
fn a_project_s_progress_is_accepted_and_left_unread() {
    // The planner module plans; tracking is the bureau module's. A project that records its
    // progress still plans, and the same as without it.
    let id = shenpi_core::builtin::ids().next().unwrap();
    let example = api::example(id, "gov-building", "2026-03-02").unwrap();
    let mut with: serde_json::Value = serde_json::from_str(&example).unwrap();
    with["progress"] = serde_json::json!({ "anything": { "accepted": "2026-03-02" } });
    let a = api::plan(id, &example, "2026-03-02").unwrap();
    let b = api::plan(id, &with.to_string(), "2026-03-02").unwrap();
    assert_eq!(a, b);
}
