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
