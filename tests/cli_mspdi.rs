//! `shenpi plan --format mspdi`: MS Project XML on standard output or in a file, read back
//! with an XML parser and compared with the JSON plan; a project's own days off reach the
//! calendar; a bad project writes nothing. (core/tests/mspdi.rs checks the format itself;
//! tests/interop/mspdi has MPXJ read and reschedule every example in CI.)

mod cli_support;

use cli_support::{arg, listing, ok, ok_json, shenpi, temp_dir, write};

const SHIYAN: &str = "examples/hubei-shiyan-2022/social-general.toml";

fn tasks_by_id(xml: &str) -> std::collections::BTreeMap<String, (String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://schemas.microsoft.com/project")
    );
    let text = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_owned)
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("Task"))
        .filter_map(|t| {
            let id = t
                .children()
                .filter(|c| c.has_tag_name("ExtendedAttribute"))
                .find(|a| text(*a, "FieldID").as_deref() == Some("188743734"))
                .and_then(|a| text(a, "Value"))?;
            Some((id, (text(t, "Start")?, text(t, "Finish")?)))
        })
        .collect()
}

#[test]
fn the_file_has_the_plans_items_and_dates() {
    let dir = temp_dir();
    let path = dir.path().join("plan.xml");
    shenpi(&["plan", SHIYAN, "--format", "mspdi", "-o", arg(&path)]).expect_code(0);
    let xml = std::fs::read_to_string(&path).unwrap();
    // Standard output carries the same bytes.
    assert_eq!(ok(&["plan", SHIYAN, "--format", "mspdi"]), xml);
    let plan = ok_json(&["plan", SHIYAN, "--format", "json"]);
    let tasks = tasks_by_id(&xml);
    let items = plan["items"].as_array().unwrap();
    assert_eq!(tasks.len(), items.len());
    for item in items {
        let (start, finish) = &tasks[item["id"].as_str().unwrap()];
        assert_eq!(
            *start,
            format!("{}T17:00:00", item["accepted"].as_str().unwrap())
        );
        assert_eq!(
            *finish,
            format!("{}T17:00:00", item["decided"].as_str().unwrap())
        );
    }
}

#[test]
fn statutory_limits_and_switched_measures_are_exported_as_planned() {
    let args = [SHIYAN, "--legal", "--measure", "joint-drawing-review=off"];
    let plan = ok_json(&[&["plan"], &args[..], &["--format", "json"]].concat());
    let xml = ok(&[&["plan"], &args[..], &["--format", "mspdi"]].concat());
    let tasks = tasks_by_id(&xml);
    for item in plan["items"].as_array().unwrap() {
        let (_, finish) = &tasks[item["id"].as_str().unwrap()];
        assert_eq!(
            *finish,
            format!("{}T17:00:00", item["decided"].as_str().unwrap())
        );
    }
}

#[test]
fn a_projects_own_day_off_is_a_calendar_exception() {
    let dir = temp_dir();
    let body = std::fs::read_to_string(cli_support::root().join(SHIYAN)).unwrap();
    let project = write(
        dir.path(),
        "p.toml",
        &format!(
            "{body}\n[calendar]\nholidays = [{{ date = 2026-03-10, name = \"本地停电检修\" }}]\n"
        ),
    );
    let xml = ok(&["plan", arg(&project), "--format", "mspdi"]);
    assert!(
        xml.contains("<Name>本地停电检修</Name>"),
        "the day is named"
    );
    assert!(xml.contains("<FromDate>2026-03-10T00:00:00</FromDate>"));
}

#[test]
fn a_bad_project_writes_no_file() {
    let dir = temp_dir();
    let project = write(
        dir.path(),
        "bad.toml",
        "type = \"nope\"\nstart = 2026-03-02\n",
    );
    let out = dir.path().join("plan.xml");
    shenpi(&["plan", arg(&project), "--format", "mspdi", "-o", arg(&out)])
        .expect_code(1)
        .stderr_has("bad.toml");
    assert_eq!(listing(dir.path()), ["bad.toml"]);
}
