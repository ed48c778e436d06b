//! The built-in rulesets through the bindings, in both modules: the planner's precompiled
//! built-ins (`build.rs`) must plan exactly as the core plans with the TOML-compiled ones.

use chrono::NaiveDate;
use serde_json::Value;
use shenpi_core::engine::Planner;
use shenpi_core::project;
use shenpi_core::source::Sources;
use shenpi_wasm::api;

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("valid JSON")
}

/// The plan JSON the core gives with the ruleset compiled from its TOML text.
fn core_plan(id: &str, project_json: &str, today: NaiveDate) -> String {
    let ruleset = shenpi_core::ruleset::load_builtin(id)
        .unwrap()
        .ruleset
        .unwrap();
    let mut sources = Sources::new();
    let raw = project::parse_json("p.json", project_json, &mut sources).unwrap();
    let project = project::resolve(&raw, &ruleset, today).unwrap();
    Planner::new(ruleset).plan(&project).to_json()
}

/// Adds every built-in to the planner module, as the page does with `pkg/builtins.postcard`
/// (the module embeds only the default one). Per test: the module's state is per thread.
fn add_all_builtins() {
    #[cfg(not(feature = "bureau"))]
    api::add_builtins(&shenpi_core::ruleset::precompiled::encode_builtins().unwrap()).unwrap();
}

#[cfg(not(feature = "bureau"))]
#[test]
fn the_planner_lists_every_builtin_and_loads_all_but_the_default_on_demand() {
    let list = json(&api::rulesets());
    let list = list.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, shenpi_core::builtin::ids().collect::<Vec<_>>());
    // The default (first) one is described; the others are listed from the index.
    assert!(list[0].get("loaded").is_none() && list[0]["measures"].is_array());
    for r in &list[1..] {
        assert_eq!(r["loaded"], false, "{r}");
        assert!(
            r["types"]
                .as_array()
                .unwrap()
                .iter()
                .all(|t| t["name"].is_string())
        );
        let id = r["id"].as_str().unwrap();
        let e = api::describe(id).unwrap_err();
        assert!(e.message.contains("not loaded yet"), "{}", e.message);
    }
    add_all_builtins();
    let after = json(&api::rulesets());
    for (r, before) in after.as_array().unwrap().iter().zip(list) {
        assert!(r.get("loaded").is_none(), "{r}");
        // The index named them as the descriptions do.
        assert_eq!(r["name"], before["name"]);
        let names = |v: &Value| -> Vec<Value> {
            v["types"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| serde_json::json!([t["id"], t["name"]]))
                .collect()
        };
        assert_eq!(names(r), names(before));
    }
}

#[test]
fn builtins_are_listed_clean() {
    add_all_builtins();
    let list = json(&api::rulesets());
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, shenpi_core::builtin::ids().collect::<Vec<_>>());
    for r in list.as_array().unwrap() {
        assert!(r.get("error").is_none(), "built-in fails: {r}");
        assert_eq!(r["builtin"], true);
        assert_eq!(r["diagnostics"], serde_json::json!([]));
        let d = json(&api::describe(r["id"].as_str().unwrap()).unwrap());
        assert_eq!(&d, r);
    }
}

#[test]
fn every_builtin_type_example_plans_as_the_core_plans_it() {
    add_all_builtins();
    let today = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let list = json(&api::rulesets());
    let mut plans = 0;
    for r in list.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        for t in r["types"].as_array().unwrap() {
            let t = t["id"].as_str().unwrap();
            let e = api::example(id, t, "2026-01-05").unwrap();
            let text = api::plan(id, &e, "2026-01-05").unwrap();
            assert_eq!(json(&text)["project"]["project_type"], t, "{id}/{t}");
            assert_eq!(text, core_plan(id, &e, today), "{id}/{t}");
            // All measures off, on the statutory limits.
            let mut p = json(&e);
            p["scenario"] = "legal".into();
            p["measures"] = r["measures"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| (m["id"].as_str().unwrap().to_owned(), Value::Bool(false)))
                .collect::<serde_json::Map<_, _>>()
                .into();
            let p = p.to_string();
            assert_eq!(
                api::plan(id, &p, "2026-01-05").unwrap(),
                core_plan(id, &p, today),
                "{id}/{t} legal, measures off"
            );
            plans += 1;
        }
    }
    assert!(plans > 20, "only {plans} types");
}

#[test]
fn builtins_render_and_compare() {
    let id = shenpi_core::builtin::ids().next().unwrap();
    let r = json(&api::describe(id).unwrap());
    let t = r["types"][0]["id"].as_str().unwrap();
    let e = api::example(id, t, "2026-01-05").unwrap();
    let csv = api::render(id, &e, "2026-01-05", "csv").unwrap();
    assert!(csv.starts_with('\u{feff}'));
    let ics = api::render(id, &e, "2026-01-05", "ics").unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    let svg = api::render(id, &e, "2026-01-05", "svg").unwrap();
    assert!(svg.contains("<svg"));
    let c = json(&api::compare(id, &e, &e, "2026-01-05", "a", "b").unwrap());
    assert_eq!(c["saved_working_days"], 0);
}
