//! The committed `docs/schema/ruleset.schema.json` is what `shenpi schema ruleset` prints, and
//! it describes what editors need (conditions, dependencies, descriptions).

mod cli_support;

const COMMITTED: &str = "docs/schema/ruleset.schema.json";

fn generated() -> String {
    cli_support::ok(&["schema", "ruleset"])
}

#[test]
fn committed_ruleset_schema_is_current() {
    let path = cli_support::root().join(COMMITTED);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    // Line endings may be converted on checkout (Windows); the content must match.
    assert!(
        committed.replace("\r\n", "\n") == generated(),
        "{COMMITTED} is stale; update it with:\n\n    cargo run -- schema ruleset > {COMMITTED}\n"
    );
}

#[test]
fn ruleset_schema_describes_the_format() {
    let schema: serde_json::Value = serde_json::from_str(&generated()).expect("valid JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let defs = &schema["definitions"];
    let item = &defs["RawItem"];
    assert_eq!(
        item["additionalProperties"], false,
        "typos in keys are flagged"
    );
    assert_eq!(item["required"], serde_json::json!(["id"]));
    // Doc comments become descriptions.
    let limit = item["properties"]["limit"]["description"].as_str().unwrap();
    assert!(limit.contains("承诺时限"));
    // `after` takes ids or `{ item, kind, lag }` tables.
    assert_eq!(
        item["properties"]["after"]["items"]["$ref"],
        "#/definitions/Dependency"
    );
    let dep = &defs["Dependency"]["anyOf"];
    assert_eq!(dep[0]["type"], "string");
    assert_eq!(
        dep[1]["properties"]["kind"]["enum"],
        serde_json::json!(["FS", "SS", "FF"])
    );
    // Conditions are described, recursively, on items, measures and project types.
    for owner in ["RawItem", "RawMeasure", "RawProjectType"] {
        let when = &defs[owner]["properties"]["when"];
        let target = when["$ref"]
            .as_str()
            .or_else(|| when["allOf"][0]["$ref"].as_str());
        assert_eq!(target, Some("#/definitions/Condition"), "{owner}.when");
    }
    let cond = &defs["Condition"];
    for key in ["all", "any", "not", "type", "reason"] {
        assert!(cond["properties"][key].is_object(), "Condition.{key}");
    }
    assert_eq!(
        cond["properties"]["any"]["items"]["$ref"],
        "#/definitions/Condition"
    );
    assert!(
        cond["additionalProperties"]["anyOf"].is_array(),
        "attribute tests"
    );
    // TOML has no null: no optional field offers it.
    let text = schema.to_string();
    assert!(!text.contains("\"null\""), "no null types in a TOML schema");
}
