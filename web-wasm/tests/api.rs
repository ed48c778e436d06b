//! The bureau module's bindings, called natively on the page's demo fixture (a ruleset
//! given as TOML text). Expected numbers are counted by hand from `www/demo-ruleset.toml`
//! (see the comments). Run with `--features bureau`.

#![cfg(feature = "bureau")]

use serde_json::Value;
use shenpi_wasm::api;

const RULESET: &str = include_str!("../www/demo-ruleset.toml");
const PROJECT: &str = include_str!("../www/demo-project.json");

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("valid JSON")
}

fn project_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut p = json(PROJECT);
    edit(&mut p);
    p.to_string()
}

#[test]
fn demo_ruleset_checks_clean() {
    let c = json(&api::check(RULESET));
    assert_eq!(c["ok"], true, "{c}");
    assert_eq!(c["diagnostics"].as_array().unwrap().len(), 0, "{c}");
}

#[test]
fn describe_gives_the_form_schema() {
    let d = json(&api::describe(RULESET).unwrap());
    assert_eq!(d["id"], "demo");
    assert_eq!(d["builtin"], false);
    let attrs = d["attributes"].as_array().unwrap();
    assert_eq!(attrs.len(), 3);
    assert_eq!(attrs[0]["kind"], "enum");
    assert_eq!(attrs[0]["values"][1]["label"], "政府投资");
    assert_eq!(attrs[1]["unit"], "m²");
    assert_eq!(attrs[1]["max"], 200000.0);
    assert_eq!(d["types"][0]["id"], "social-small");
    assert_eq!(d["types"][0]["target"]["total"], 15);
    assert_eq!(d["types"][0]["target"]["stages"][0]["stage"], "land");
    assert_eq!(d["types"][0]["example"]["floor_area"], 3000.0);
    assert_eq!(d["measures"][0]["id"], "drawing-commitment");
    assert_eq!(d["items"], 6);
}

#[test]
fn plan_counts_the_demo_by_hand() {
    // Mon 2026-03-02 accepted. land-review 5 → land-permit 3: land stage ends at 8.
    // works waits for land. With the commitment, drawing review takes 0 days, so the
    // planning permit (5) leads: 8 + 5 = 13, then the construction permit 3 → 16.
    let on = json(&api::plan(RULESET, PROJECT, "2026-01-01").unwrap());
    assert_eq!(on["summary"]["approval_working_days"], 16, "{on}");
    // Without it drawing review (7) leads: 8 + 7 + 3 = 18.
    let off_project = project_with(|p| p["measures"]["drawing-commitment"] = false.into());
    let off = json(&api::plan(RULESET, &off_project, "2026-01-01").unwrap());
    assert_eq!(off["summary"]["approval_working_days"], 18);
    let critical: Vec<&str> = off["critical_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        critical,
        [
            "land-review",
            "land-permit",
            "drawing-review",
            "construction-permit"
        ]
    );
    // The air-defence review applies only with a basement.
    assert!(
        off["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"] != "air-defence")
    );
}

#[test]
fn today_is_the_start_only_when_the_project_has_none() {
    let no_start = project_with(|p| {
        p.as_object_mut().unwrap().remove("start");
    });
    let p = json(&api::plan(RULESET, &no_start, "2026-04-07").unwrap());
    assert_eq!(p["project"]["start"], "2026-04-07");
    let p = json(&api::plan(RULESET, PROJECT, "2026-04-07").unwrap());
    assert_eq!(p["project"]["start"], "2026-03-02");
    let bad = api::plan(RULESET, &no_start, "7 April").unwrap_err();
    assert!(bad.message.contains("7 April"), "{}", bad.message);
}

#[test]
fn ruleset_errors_carry_line_numbers() {
    let broken = RULESET.replace("limit = 7\n", "limit = \"seven\"\n");
    let line = broken
        .lines()
        .position(|l| l.contains("\"seven\""))
        .unwrap()
        + 1;
    let c = json(&api::check(&broken));
    assert_eq!(c["ok"], false);
    let label = &c["diagnostics"][0]["labels"][0];
    assert_eq!(label["line"], line, "{c}");
    assert_eq!(label["file"], api::EDITED_RULESET_NAME);
    let f = api::plan(&broken, PROJECT, "2026-01-01").unwrap_err();
    assert!(
        f.message.contains(&format!("ruleset.toml:{line}:")),
        "{}",
        f.message
    );
    assert_eq!(f.diagnostics[0]["labels"][0]["line"], line);
}

#[test]
fn project_errors_point_into_the_project_where_json_knows_the_place() {
    // A JSON project's values carry no positions: the diagnostic says what, not where.
    let p = project_with(|p| p["attributes"]["floor_area"] = (-5).into());
    let f = api::plan(RULESET, &p, "2026-01-01").unwrap_err();
    let d = &f.diagnostics;
    assert_eq!(d[0]["severity"], "error");
    assert_eq!(d[0]["code"], "value-out-of-range", "{d}");
    assert_eq!(d[0]["labels"], serde_json::json!([]), "{d}");
    // The JSON reader's own errors do point into the project.
    let f = api::plan(RULESET, "{\n  \"nmae\": 1 }", "2026-01-01").unwrap_err();
    assert_eq!(f.diagnostics[0]["code"], "unknown-field");
    assert_eq!(f.diagnostics[0]["labels"][0]["file"], api::PROJECT_NAME);
    assert_eq!(f.diagnostics[0]["labels"][0]["line"], 2);
    let f = api::plan(RULESET, "{ not json", "2026-01-01").unwrap_err();
    assert_eq!(f.diagnostics[0]["code"], "json-syntax");
    // A TOML project (the bureau module reads those) keeps its spans.
    let toml = "name = \"p\"\ntype = \"social-small\"\n[attributes]\ninvestment = \"social\"\nfloor_area = -5\n";
    let f = api::plan(RULESET, toml, "2026-01-01").unwrap_err();
    assert_eq!(
        f.diagnostics[0]["labels"][0]["line"], 5,
        "{}",
        f.diagnostics
    );
}

#[test]
fn a_failed_ruleset_does_not_poison_the_cache() {
    let broken = RULESET.replace("[[stage]]", "[[stage]");
    assert!(api::describe(&broken).is_err());
    assert!(api::describe(&broken).is_err());
    assert!(api::describe(RULESET).is_ok());
}

#[test]
fn compare_states_the_saving() {
    let off = project_with(|p| p["measures"]["drawing-commitment"] = false.into());
    let c = json(&api::compare(RULESET, &off, PROJECT, "2026-01-01", "改革前", "改革后").unwrap());
    assert_eq!(c["saved_working_days"], 2);
    assert_eq!(c["before"]["label"], "改革前");
    assert_eq!(c["statement"], "由18个工作日压缩至16个工作日，压减11.1%");
}

#[test]
fn legal_scenario_uses_statutory_limits() {
    let legal = project_with(|p| p["scenario"] = "legal".into());
    let p = json(&api::plan(RULESET, &legal, "2026-01-01").unwrap());
    // 20 + 20, then max(commitment 0, planning 20) + construction 15 = 75.
    assert_eq!(p["summary"]["approval_working_days"], 75, "{p}");
}

#[test]
fn example_projects_plan() {
    let e = api::example(RULESET, "government", "2026-01-01").unwrap();
    let ej = json(&e);
    assert_eq!(ej["type"], "government");
    assert_eq!(ej["attributes"]["underground"], true);
    let p = json(&api::plan(RULESET, &e, "2026-01-05").unwrap());
    // With a basement the air-defence review (4) runs beside the others; drawing review
    // (7, no commitment for government projects) still leads: 8 + 7 + 3 = 18.
    assert!(
        p["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == "air-defence")
    );
    assert_eq!(p["summary"]["approval_working_days"], 18);
    assert!(api::example(RULESET, "nope", "2026-01-01").is_err());
}

#[test]
fn builtins_are_listed_and_fetchable() {
    let list = json(&api::rulesets());
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), shenpi_core::builtin::ids().count());
    for r in list {
        let id = r["id"].as_str().unwrap();
        assert!(r.get("error").is_none(), "built-in {id} fails: {r}");
        let text = api::ruleset_text(id).unwrap();
        assert_eq!(json(&api::check(&text))["ok"], true);
    }
    assert!(api::ruleset_text("no-such-ruleset").is_err());
}

#[test]
fn core_renderers_are_bound() {
    let csv = api::render(RULESET, PROJECT, "2026-01-01", "csv").unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("施工图审查"));
    let ics = api::render(RULESET, PROJECT, "2026-01-01", "ics").unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    let svg = api::render(RULESET, PROJECT, "2026-01-01", "svg").unwrap();
    assert!(svg.contains("<svg") && svg.contains("施工图审查"));
    let json = api::render(RULESET, PROJECT, "2026-01-01", "json").unwrap();
    assert_eq!(json, api::plan(RULESET, PROJECT, "2026-01-01").unwrap());
    assert!(api::render(RULESET, PROJECT, "2026-01-01", "pdf").is_err());
}

#[test]
fn a_plan_past_the_year_9999_is_not_rendered() {
    let late = project_with(|p| p["start"] = Value::from("9999-12-20"));
    for format in ["ics", "csv", "svg", "json"] {
        let e = api::render(RULESET, &late, "2026-01-01", format).unwrap_err();
        assert!(
            e.message.contains("past the year 9999"),
            "{format}: {}",
            e.message
        );
    }
}

#[test]
fn effects_are_each_measure_on_minus_off_on_each_types_example() {
    let e = json(&api::effects(RULESET, "2026-03-02").unwrap());
    let e = e.as_array().unwrap();
    // One measure, two types: by type, then by measure.
    let keys: Vec<(&str, &str)> = e
        .iter()
        .map(|x| {
            (
                x["project_type"].as_str().unwrap(),
                x["measure"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("social-small", "drawing-commitment"),
            ("government", "drawing-commitment")
        ]
    );
    // The small social project's example: 16 with the commitment, 18 without (above); no
    // item off the approval clock, so elapsed moves with it; still one application each.
    let small = &e[0];
    assert_eq!(small["applies"], true, "{small}");
    assert_eq!(small["approval_working_days"], -2);
    assert_eq!(small["elapsed_working_days"], -2);
    assert_eq!(small["applications"], 0);
    // The same as planning the example twice through the bindings.
    let example = api::example(RULESET, "social-small", "2026-03-02").unwrap();
    let with = |on: bool| {
        let mut p = json(&example);
        p["measures"] = serde_json::json!({ "drawing-commitment": on });
        json(&api::plan(RULESET, &p.to_string(), "2026-03-02").unwrap())["summary"].clone()
    };
    let (on, off) = (with(true), with(false));
    for (field, summary) in [
        ("approval_working_days", "approval_working_days"),
        ("elapsed_working_days", "elapsed_working_days"),
        ("applications", "applications"),
        ("materials", "materials"),
        ("items", "items"),
    ] {
        let diff = on[summary].as_i64().unwrap() - off[summary].as_i64().unwrap();
        assert_eq!(small[field], diff, "{field}: {small}");
    }
    // The commitment is for social investment: the government example is not touched.
    let gov = &e[1];
    assert_eq!(gov["applies"], false, "{gov}");
    assert_eq!(gov["approval_working_days"], 0);
    assert_eq!(gov["elapsed_working_days"], 0);
    assert_eq!(gov["applications"], 0);
}

#[test]
fn effects_take_a_builtin_id_and_refuse_what_cannot_be_planned() {
    // 望城's road-and-green merge has too few of its items in any type's example.
    let e = json(&api::effects("hunan-changsha-wangcheng-2021", "2026-03-02").unwrap());
    let merge: Vec<&Value> = (e.as_array().unwrap().iter())
        .filter(|x| x["measure"] == "road-green-merge")
        .collect();
    assert!(!merge.is_empty());
    assert!(merge.iter().all(|x| x["applies"] == false), "{merge:?}");
    assert!(
        (e.as_array().unwrap().iter()).any(|x| x["applies"] == true),
        "no measure of 望城 applies to any example"
    );
    let broken = RULESET.replace("[[stage]]", "[[stage]");
    let f = api::effects(&broken, "2026-03-02").unwrap_err();
    assert!(
        f.message.starts_with("the ruleset has errors"),
        "{}",
        f.message
    );
    assert!(!f.diagnostics.as_array().unwrap().is_empty());
    let f = api::effects(RULESET, "2026-13-01").unwrap_err();
    assert_eq!(f.message, "`2026-13-01` is not a date (YYYY-MM-DD)");
}

#[test]
fn status_counts_the_demo_by_hand_and_draws_the_forecast_against_the_baseline() {
    // Baseline from Mon 03-02: land-review 5 → 03-09, land-permit 3 → 03-12 (offset 8),
    // planning permit 5 → 13, construction permit 3 → 16 (Tue 03-24).
    // Actual: land-review decided Tue 03-10, 6 working days of 5: late. land-permit accepted
    // Wed 03-11; on Fri 03-13 it has used 2 of 3 (Mar 12, 13): 66 %, past 恩施's 50 %: yellow.
    // It is expected on Mon 03-16 (offset 10); then 5 → 15, 3 → 18 (Thu 03-26): 2 days late.
    let project = project_with(|p| {
        p["progress"] = serde_json::json!({
            "land-review": { "accepted": "2026-03-02", "decided": "2026-03-10" },
            "land-permit": { "accepted": "2026-03-11" },
        });
    });
    let t = api::status(RULESET, &project, "2026-01-01", "2026-03-13", "").unwrap();
    let s = json(&t.status);
    let item = |id: &str| {
        s["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(item("land-review")["state"], "decided_late");
    assert_eq!(item("land-review")["colour"], "overdue");
    let permit = item("land-permit");
    assert_eq!(
        (permit["used"].as_i64(), permit["colour"].as_str()),
        (Some(2), Some("yellow"))
    );
    let last = item("construction-permit");
    assert_eq!(last["baseline"][1], "2026-03-24");
    assert_eq!(last["forecast"][1], "2026-03-26");
    assert_eq!(last["slip"], 2);
    // On the approval clock: 6 counted + 3 + 5 + 3.
    assert_eq!(s["approval_working_days"], serde_json::json!([16, 17]));
    assert_eq!(s["profile"]["id"], "enshi");
    // The re-forecast plan and both layouts come with it.
    assert_eq!(json(&t.forecast)["summary"]["approval_working_days"], 17);
    assert!(json(&t.layout)["rows"].as_array().unwrap().len() > 3);
    assert!(json(&t.baseline_layout)["rows"].as_array().unwrap().len() > 3);
    // Another profile; an unknown one; progress in error points into the project.
    let t = api::status(RULESET, &project, "2026-01-01", "2026-03-13", "yulin").unwrap();
    assert_eq!(json(&t.status)["tally"]["yellow"], 0);
    let f = api::status(RULESET, &project, "2026-01-01", "2026-03-13", "nope").unwrap_err();
    assert!(
        f.message.contains("no warning profile `nope`"),
        "{}",
        f.message
    );
    let f = api::status(RULESET, &project, "2026-01-01", "2026-03-10", "").unwrap_err();
    assert_eq!(f.diagnostics[0]["code"], "progress-after-as-of");
    let profiles = json(&api::warning_profiles(RULESET).unwrap());
    assert_eq!(profiles[0]["id"], "enshi", "the default first");
    assert_eq!(profiles.as_array().unwrap().len(), 3);
}

/// Two parallel items of 80/100/120 working days (shared with core/tests/simulate.rs).
const TWO_PATHS: &str = include_str!("../../tests/fixtures/simulate/two-paths.toml");

#[test]
fn simulate_reproduces_the_native_golden_values() {
    // The same seed as core/tests/simulate.rs's golden test: the bindings add nothing.
    let project = r#"{"type": "any", "start": "2026-03-02"}"#;
    let (json_text, svg) = api::simulate(
        TWO_PATHS,
        project,
        "2026-03-02",
        r#"{"iterations": 1000, "seed": 2026}"#,
    )
    .unwrap();
    let s = json(&json_text);
    let finish = (s["keys"].as_array().unwrap().iter())
        .find(|k| k["id"] == "finish")
        .unwrap();
    let got: Vec<String> = (finish["percentiles"].as_array().unwrap().iter())
        .map(|p| format!("{:.6}", p["offset"].as_f64().unwrap()))
        .collect();
    assert_eq!(got, ["95.690380", "104.474398", "111.013712", "113.579576"]);
    assert!(svg.starts_with("<svg"));
    assert_eq!(
        s["impact"].as_array().unwrap().len(),
        0,
        "no impact unless asked"
    );
    // The impact, one item at a time.
    let (one, _) = api::simulate(
        TWO_PATHS,
        project,
        "2026-03-02",
        r#"{"iterations": 1000, "seed": 2026, "impact_items": [0, 1]}"#,
    )
    .unwrap();
    let one = json(&one);
    assert_eq!(one["impact"].as_array().unwrap().len(), 1);
    assert_eq!(one["impact"][0]["id"], "a");
    let f = api::simulate(TWO_PATHS, project, "2026-03-02", r#"{"iterations": 0}"#).unwrap_err();
    assert!(f.message.contains("iterations"), "{}", f.message);
}
