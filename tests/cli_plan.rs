//! `shenpi plan` end to end: every output format of real example projects (snapshots, and
//! parsed back as XML, iCalendar and CSV), every way of naming a project and adjusting it,
//! `-o`, `--strict`, and every error path with its exit code (README: 0 ok, 1 invalid input
//! or a missed target with `--strict`, 2 usage error).

mod cli_support;

use cli_support::{arg, listing, ok, ok_json, shenpi, shenpi_stdin, temp_dir, write};

const SHIYAN: &str = "examples/hubei-shiyan-2022/social-general.toml";
const START: &str = "2026-03-02";

/// Three example projects of three rulesets (a city, a low-risk-only ruleset, a district).
const SNAPSHOT_PROJECTS: [(&str, &str); 3] = [
    ("shiyan-social-general", SHIYAN),
    (
        "beijing-social-low-risk",
        "examples/beijing-low-risk-2019/social-low-risk.toml",
    ),
    (
        "wangcheng-industrial-low-risk",
        "examples/hunan-changsha-wangcheng-2021/social-industrial-low-risk.toml",
    ),
];

const FORMATS: [&str; 7] = ["table", "json", "csv", "md", "mermaid", "svg", "ics"];

fn plan(project: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["plan", project, "--start", START, "--format", format];
    args.extend_from_slice(extra);
    ok(&args)
}

fn plan_json(project: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["plan", project, "--start", START, "--format", "json"];
    args.extend_from_slice(extra);
    ok_json(&args)
}

fn approval_days(plan: &serde_json::Value) -> u64 {
    plan["summary"]["approval_working_days"]
        .as_u64()
        .expect("summary.approval_working_days")
}

#[test]
fn every_format_of_three_examples_matches_its_snapshot() {
    for (name, project) in SNAPSHOT_PROJECTS {
        for format in FORMATS {
            let out = plan(project, format, &[]);
            assert!(!out.is_empty(), "{name} {format}: empty output");
            insta::assert_snapshot!(format!("{name}-{format}"), out);
        }
    }
}

#[test]
fn table_is_plain_text_without_colour_codes() {
    let out = plan(SHIYAN, "table", &[]);
    assert!(
        !out.contains('\u{1b}'),
        "escape codes with NO_COLOR:\n{out}"
    );
    assert!(out.contains("approval time  50 working days"), "{out}");
}

#[test]
fn svg_parses_as_xml_and_shows_every_item() {
    for (name, project) in SNAPSHOT_PROJECTS {
        let svg = plan(project, "svg", &[]);
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{name}: the SVG is not XML: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg", "{name}");
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2000/svg"),
            "{name}"
        );
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        for item in plan_json(project, &[])["items"].as_array().unwrap() {
            let label = item["name"].as_str().unwrap();
            assert!(
                texts.iter().any(|t| t.contains(label)),
                "{name}: no <text> names item {label}"
            );
        }
    }
}

#[test]
fn ics_parses_as_icalendar_with_one_event_per_item_from_acceptance_to_decision() {
    use icalendar::parser::{read_calendar, unfold};
    for (name, project) in SNAPSHOT_PROJECTS {
        let ics = plan(project, "ics", &[]);
        assert!(ics.contains("\r\n"), "{name}: iCalendar lines end in CRLF");
        let unfolded = unfold(&ics);
        let cal = read_calendar(&unfolded)
            .unwrap_or_else(|e| panic!("{name}: not iCalendar: {e}\n{ics}"));
        let events: Vec<_> = cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        let json = plan_json(project, &[]);
        let items = json["items"].as_array().unwrap();
        assert!(events.len() > items.len(), "{name}: items plus milestones");
        let mut uids = std::collections::BTreeSet::new();
        for e in &events {
            let uid = e.find_prop("UID").expect("every event has a UID");
            assert!(
                uids.insert(uid.val.as_str().to_owned()),
                "{name}: duplicate UID"
            );
            assert!(
                e.find_prop("DTSTART").is_some(),
                "{name}: event without DTSTART"
            );
        }
        // Each item spans its acceptance to its decision (DTEND exclusive: the day after).
        for item in items {
            let id = item["id"].as_str().unwrap();
            let tag = format!("（{id}）");
            let day = |key: &str| {
                item[key]
                    .as_str()
                    .unwrap()
                    .parse::<chrono::NaiveDate>()
                    .unwrap()
            };
            let event = events
                .iter()
                .find(|e| {
                    e.find_prop("DESCRIPTION")
                        .is_some_and(|p| p.val.as_str().contains(&tag))
                })
                .unwrap_or_else(|| panic!("{name}: no event for {id}"));
            assert_eq!(
                event.find_prop("SUMMARY").unwrap().val.as_str(),
                item["name"].as_str().unwrap()
            );
            let start = event.find_prop("DTSTART").unwrap().val.as_str();
            let end = event.find_prop("DTEND").unwrap().val.as_str();
            assert_eq!(
                start,
                day("accepted").format("%Y%m%d").to_string(),
                "{name}: {id}"
            );
            let after = day("decided") + chrono::Duration::days(1);
            assert_eq!(end, after.format("%Y%m%d").to_string(), "{name}: {id}");
        }
    }
}

#[test]
fn csv_round_trips_and_agrees_with_json() {
    for (name, project) in SNAPSHOT_PROJECTS {
        let text = plan(project, "csv", &[]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().expect("a header row").clone();
        let records: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: CSV does not parse: {e}"));
        // Written back with the same dialect, the records give the same bytes.
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer.write_record(&header).unwrap();
        for r in &records {
            writer.write_record(r).unwrap();
        }
        let again = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        assert_eq!(again, text, "{name}: CSV does not round-trip");
        // One row per planned item, in the JSON's order, with its dates.
        let col = |h: &str| header.iter().position(|c| c == h).expect(h);
        let (id, accepted, decided) = (col("id"), col("accepted"), col("decided"));
        let json = plan_json(project, &[]);
        let items = json["items"].as_array().unwrap();
        assert_eq!(records.len(), items.len(), "{name}");
        for (r, item) in records.iter().zip(items) {
            assert_eq!(&r[id], item["id"].as_str().unwrap(), "{name}");
            assert_eq!(&r[accepted], item["accepted"].as_str().unwrap(), "{name}");
            assert_eq!(&r[decided], item["decided"].as_str().unwrap(), "{name}");
        }
    }
}

#[test]
fn csv_bom_only_when_asked() {
    let plain = shenpi(&["plan", SHIYAN, "--start", START, "--format", "csv"]);
    let bom = shenpi(&["plan", SHIYAN, "--start", START, "--format", "csv", "--bom"]);
    bom.expect_code(0);
    assert!(!plain.stdout_bytes.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(&bom.stdout_bytes[..3], b"\xEF\xBB\xBF");
    assert_eq!(&bom.stdout_bytes[3..], &plain.stdout_bytes[..]);
}

#[test]
fn the_same_plan_twice_is_byte_identical() {
    for (_, project) in SNAPSHOT_PROJECTS {
        let a = shenpi(&["plan", project, "--start", START, "--format", "json"]);
        let b = shenpi(&["plan", project, "--start", START, "--format", "json"]);
        a.expect_code(0);
        assert_eq!(a.stdout_bytes, b.stdout_bytes, "{project}");
    }
}

#[test]
fn a_toml_project_on_stdin_plans_like_the_file() {
    let text = std::fs::read_to_string(cli_support::root().join(SHIYAN)).unwrap();
    assert!(text.contains("ruleset = \"hubei-shiyan-2022\""));
    let run = shenpi_stdin(&["plan", "-", "--start", START, "--format", "json"], &text);
    run.expect_code(0);
    assert_eq!(run.stdout, plan(SHIYAN, "json", &[]));
}

const JSON_PROJECT: &str = r#"{
  "name": "JSON 项目",
  "ruleset": "hubei-shiyan-2022",
  "type": "social-general",
  "start": "2026-03-02",
  "attributes": {"investment": "social", "kind": "building", "floor_area": 30000, "investment_amount": 15000, "risk": "general", "land_with_scheme": false, "annual_energy_tce": 450, "annual_electricity": 330, "site_area": 1.5}
}"#;

#[test]
fn json_projects_by_extension_by_sniffing_and_on_stdin() {
    let dir = temp_dir();
    let by_ext = write(dir.path(), "p.json", JSON_PROJECT);
    // JSON in a `.toml` file is read as JSON (the text decides); any other name is refused.
    let sniffed = write(dir.path(), "p.toml", &format!("\n  {JSON_PROJECT}"));
    let other = write(dir.path(), "p.project", JSON_PROJECT);
    shenpi(&["plan", arg(&other)])
        .expect_code(1)
        .stderr_has("is not a project file");
    let expected = approval_days(&plan_json(SHIYAN, &[]));
    for path in [&by_ext, &sniffed] {
        let json = plan_json(arg(path), &[]);
        assert_eq!(json["project"]["name"], "JSON 项目");
        assert_eq!(json["project"]["start"], START);
        assert_eq!(approval_days(&json), expected);
    }
    let run = shenpi_stdin(&["plan", "-", "--format", "json"], JSON_PROJECT);
    run.expect_code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["project"]["name"], "JSON 项目");
}

#[test]
fn invalid_json_project_points_at_the_place() {
    let dir = temp_dir();
    let path = write(dir.path(), "bad.json", "{\"name\": \"x\",\n \"ruleset\": }");
    shenpi(&["plan", arg(&path)])
        .expect_code(1)
        .stderr_has("error[json-syntax]")
        .stderr_has("bad.json:2:");
}

#[test]
fn example_projects_by_name() {
    let json = plan_json("example:hubei-shiyan-2022/social-general", &[]);
    assert_eq!(json["ruleset"]["id"], "hubei-shiyan-2022");
    assert_eq!(json["project"]["project_type"], "social-general");
    assert_eq!(json["project"]["start"], START);
    // The example file holds the same attributes as the ruleset's example.
    assert_eq!(approval_days(&json), approval_days(&plan_json(SHIYAN, &[])));
}

#[test]
fn ruleset_override_by_id_and_by_path() {
    let own = plan_json(SHIYAN, &[]);
    let by_id = plan_json(SHIYAN, &["--ruleset", "hubei-shiyan-2021"]);
    let by_path = plan_json(SHIYAN, &["--ruleset", "rulesets/hubei-shiyan-2021.toml"]);
    assert_eq!(own["ruleset"]["id"], "hubei-shiyan-2022");
    assert_eq!(by_id["ruleset"]["id"], "hubei-shiyan-2021");
    assert_eq!(by_path["ruleset"]["id"], "hubei-shiyan-2021");
    // 十堰 2022 cut every type by 5 working days against 2021.
    assert_eq!(approval_days(&by_id), approval_days(&own) + 5);
    assert_eq!(approval_days(&by_path), approval_days(&by_id));
}

#[test]
fn start_moves_the_dates() {
    let march = plan_json(SHIYAN, &[]);
    let september = ok_json(&["plan", SHIYAN, "--start", "2026-09-01", "--format", "json"]);
    assert_eq!(march["project"]["start"], START);
    assert_eq!(september["project"]["start"], "2026-09-01");
    assert_eq!(march["items"][0]["accepted"], START);
    assert_eq!(september["items"][0]["accepted"], "2026-09-01");
    assert_ne!(march["summary"]["finish"], september["summary"]["finish"]);
    // Working days do not depend on the start (in a year with a full calendar).
    assert_eq!(approval_days(&march), approval_days(&september));
}

#[test]
fn bad_start_dates_are_usage_errors() {
    for bad in [
        "2026-13-01",
        "2026-02-30",
        "20260302",
        "2026-3-2",
        "tomorrow",
        "",
    ] {
        shenpi(&["plan", SHIYAN, "--start", bad])
            .expect_code(2)
            .stderr_has("YYYY-MM-DD");
    }
}

#[test]
fn measure_switches_change_the_plan() {
    let default = approval_days(&plan_json(SHIYAN, &[]));
    let off = plan_json(SHIYAN, &["--measure", "joint-acceptance=off"]);
    assert!(
        approval_days(&off) > default,
        "separate acceptances take longer"
    );
    let on_again = plan_json(
        SHIYAN,
        &[
            "--measure",
            "joint-acceptance=off",
            "--measure",
            "joint-acceptance=on",
        ],
    );
    assert_eq!(approval_days(&on_again), default, "the last switch wins");
    for spelling in ["false", "0"] {
        let json = plan_json(
            SHIYAN,
            &["--measure", &format!("joint-acceptance={spelling}")],
        );
        assert_eq!(approval_days(&json), approval_days(&off));
    }
}

#[test]
fn unknown_measure_is_a_usage_error_with_a_hint() {
    shenpi(&["plan", SHIYAN, "--measure", "parallel-permt=off"])
        .expect_code(2)
        .stderr_has("unknown measure `parallel-permt`")
        .stderr_has("did you mean `parallel-permit`?");
    // Far from every id: the hint tells where to find them.
    let run = shenpi(&["plan", SHIYAN, "--measure", "zzz=on"]);
    run.expect_code(2)
        .stderr_has("unknown measure `zzz`")
        .stderr_has("`shenpi show hubei-shiyan-2022` lists the measures");
    assert!(run.stdout.is_empty());
}

#[test]
fn malformed_measure_switches_are_usage_errors() {
    for bad in ["parallel-permit", "parallel-permit=maybe", "=on"] {
        let run = shenpi(&["plan", SHIYAN, "--measure", bad]);
        run.expect_code(2).stderr_has("--measure");
        assert!(run.stdout.is_empty(), "{bad}");
    }
}

#[test]
fn legal_limits_take_longer_and_strict_exits_1_when_a_target_is_missed() {
    let promised = plan_json(SHIYAN, &[]);
    let legal = plan_json(SHIYAN, &["--legal"]);
    assert_eq!(legal["project"]["scenario"], "legal");
    assert!(approval_days(&legal) > approval_days(&promised));
    assert_eq!(promised["summary"]["targets_met"], true);
    assert_eq!(legal["summary"]["targets_met"], false);

    let met = shenpi(&["plan", SHIYAN, "--start", START, "--strict"]);
    met.expect_code(0);
    assert!(!met.stderr.contains("target missed"), "{}", met.stderr);

    let missed = shenpi(&["plan", SHIYAN, "--start", START, "--legal", "--strict"]);
    missed
        .expect_code(1)
        .stderr_has("target missed")
        .stderr_has(&format!("{} > 50 working days", approval_days(&legal)));
    // The plan is still printed: the reader sees why.
    missed.stdout_has("approval time");
    // Without --strict a missed target is not an error.
    shenpi(&["plan", SHIYAN, "--start", START, "--legal"]).expect_code(0);
}

#[test]
fn output_file_holds_what_stdout_would() {
    let dir = temp_dir();
    for format in ["json", "svg", "csv"] {
        let path = dir.path().join(format!("plan.{format}"));
        let run = shenpi(&[
            "plan",
            SHIYAN,
            "--start",
            START,
            "--format",
            format,
            "-o",
            arg(&path),
        ]);
        run.expect_code(0);
        assert!(run.stdout.is_empty(), "nothing on stdout with -o");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            plan(SHIYAN, format, &[])
        );
    }
    // An existing file is replaced; no temporary file is left beside it.
    let path = dir.path().join("plan.json");
    shenpi(&[
        "plan",
        SHIYAN,
        "--start",
        START,
        "--format",
        "json",
        "--legal",
        "-o",
        arg(&path),
    ])
    .expect_code(0);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"scenario\": \"legal\"")
    );
    assert_eq!(listing(dir.path()), ["plan.csv", "plan.json", "plan.svg"]);
}

#[test]
fn strict_with_output_writes_the_plan_and_still_exits_1() {
    let dir = temp_dir();
    let path = dir.path().join("plan.md");
    shenpi(&[
        "plan",
        SHIYAN,
        "--legal",
        "--strict",
        "--format",
        "md",
        "-o",
        arg(&path),
    ])
    .expect_code(1)
    .stderr_has("target missed");
    assert!(std::fs::read_to_string(&path).unwrap().starts_with('#'));
}

#[test]
fn output_is_untouched_when_the_input_is_invalid() {
    let dir = temp_dir();
    let previous = "previous plan — must survive\n";
    let out = write(dir.path(), "plan.json", previous);
    let bad = write(
        dir.path(),
        "bad.toml",
        "ruleset = \"hubei-shiyan-2022\"\ntype = \"social-general\"\n[attributes]\nfloor_aera = 1\n",
    );
    let before = listing(dir.path());
    let attempts: Vec<Vec<&str>> = vec![
        vec!["plan", arg(&bad), "--format", "json", "-o", arg(&out)],
        vec!["plan", "no-such-file.toml", "-o", arg(&out)],
        vec!["plan", "example:hubei-shiyan-2022/nope", "-o", arg(&out)],
        vec!["plan", SHIYAN, "--measure", "zzz=on", "-o", arg(&out)],
        vec!["plan", SHIYAN, "--start", "2026-02-30", "-o", arg(&out)],
    ];
    for args in attempts {
        let run = shenpi(&args);
        assert!(
            run.code == Some(1) || run.code == Some(2),
            "{args:?}: {run:?}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), previous, "{args:?}");
        assert_eq!(listing(dir.path()), before, "{args:?} left a file behind");
    }
}

#[test]
fn output_into_a_missing_directory_fails_with_a_message() {
    let dir = temp_dir();
    let target = dir.path().join("no-such-dir").join("plan.json");
    shenpi(&["plan", SHIYAN, "--format", "json", "-o", arg(&target)])
        .expect_code(1)
        .stderr_has("cannot write")
        .stderr_has("no-such-dir");
    assert!(listing(dir.path()).is_empty());
    // A directory is not a file either.
    shenpi(&["plan", SHIYAN, "-o", arg(dir.path())])
        .expect_code(1)
        .stderr_has("cannot write");
    assert!(listing(dir.path()).is_empty());
}

/// Writes a project file into `dir`; its path as an argument.
fn project_file(dir: &std::path::Path, name: &str, body: &str) -> String {
    let path = write(dir, name, body);
    arg(&path).to_owned()
}

#[test]
fn project_errors_exit_1_with_file_line_col() {
    let dir = temp_dir();
    let head = "name = \"x\"\nruleset = \"hubei-shiyan-2022\"\ntype = \"social-general\"\n";
    let attrs = |extra: &str| {
        format!("{head}[attributes]\ninvestment = \"social\"\nkind = \"building\"\n{extra}")
    };
    // (file, body, what stderr must say, where)
    let cases = [
        (
            "unknown-attr.toml",
            attrs("floor_aera = 300\n"),
            vec!["unknown attribute `floor_aera`", "did you mean `floor_area`?"],
            ":7:1",
        ),
        (
            "range.toml",
            attrs("floor_area = -5\n"),
            vec!["error[value-out-of-range]", "must be at least 0"],
            ":7:14",
        ),
        (
            "wrong-type.toml",
            attrs("floor_area = \"big\"\n"),
            vec!["error[value-type]", "expected a number"],
            ":7:14",
        ),
        (
            "unknown-type.toml",
            "ruleset = \"hubei-shiyan-2022\"\ntype = \"social-genral\"\n[attributes]\ninvestment = \"social\"\nkind = \"building\"\n"
            .to_owned(),
            vec!["unknown project type `social-genral`", "did you mean `social-general`?"],
            ":2:8",
        ),
        (
            "no-match.toml",
            "ruleset = \"beijing-low-risk-2019\"\n[attributes]\ninvestment = \"social\"\nkind = \"industrial\"\nfloor_area = 90000\nheight = 8\nrisk = \"low\"\nunderground = false\n".to_owned(),
            vec!["error[no-project-type]", "match no project type", "floor_area ≤ 10000"],
            ":2:1",
        ),
        (
            "syntax.toml",
            format!("{head}[attributes\n"),
            vec!["error[toml-syntax]"],
            ":4:",
        ),
        (
            "unknown-measure.toml",
            format!("{head}[measures]\nparallel-permt = false\n"),
            vec!["unknown measure `parallel-permt`", "did you mean `parallel-permit`?"],
            ":5:1",
        ),
    ];
    for (file, body, says, at) in cases {
        let path = project_file(dir.path(), file, &body);
        let run = shenpi(&["plan", &path]);
        run.expect_code(1).stderr_has(&format!("{file}{at}"));
        for s in says {
            run.stderr_has(s);
        }
        assert!(run.stdout.is_empty(), "{file}: no plan on error");
    }
}

#[test]
fn a_project_without_a_ruleset_says_where_to_add_it() {
    let dir = temp_dir();
    let path = project_file(
        dir.path(),
        "no-ruleset.toml",
        "name = \"x\"\ntype = \"social-general\"\n",
    );
    shenpi(&["plan", &path])
        .expect_code(1)
        .stderr_has("no-ruleset.toml:1:1")
        .stderr_has("ruleset = ")
        .stderr_has("--ruleset");
    // --ruleset supplies it.
    let run = shenpi(&[
        "plan",
        &path,
        "--ruleset",
        "hubei-shiyan-2022",
        "--format",
        "json",
    ]);
    // The attributes are still missing: a project error, not a missing ruleset.
    run.expect_code(1).stderr_has("error[missing-attribute]");
}

#[test]
fn unknown_builtin_ids_exit_1_with_did_you_mean() {
    shenpi(&["plan", "example:hubei-shiyan-202/social-general"])
        .expect_code(1)
        .stderr_has("`hubei-shiyan-202` is neither a built-in ruleset")
        .stderr_has("did you mean `hubei-shiyan-2022`?");
    shenpi(&["plan", SHIYAN, "--ruleset", "hubei-shiyan-2023"])
        .expect_code(1)
        .stderr_has("did you mean `hubei-shiyan-20");
    let dir = temp_dir();
    let path = project_file(
        dir.path(),
        "typo.toml",
        "name = \"x\"\nruleset = \"hubei-shiyn-2022\"\ntype = \"social-general\"\n",
    );
    shenpi(&["plan", &path])
        .expect_code(1)
        .stderr_has("did you mean `hubei-shiyan-2022`?")
        .stderr_has("typo.toml:2:11");
}

#[test]
fn example_errors() {
    shenpi(&["plan", "example:hubei-shiyan-2022/nope"])
        .expect_code(1)
        .stderr_has("no project type `nope`")
        .stderr_has("social-general");
    // The ruleset named in the error is the one actually used.
    shenpi(&[
        "plan",
        "example:hubei-shiyan-2022/social-general",
        "--ruleset",
        "beijing-low-risk-2019",
    ])
    .expect_code(1)
    .stderr_has("ruleset `beijing-low-risk-2019` has no project type `social-general`")
    .stderr_has("social-low-risk");
    shenpi(&["plan", "example:hubei-shiyan-2022"])
        .expect_code(2)
        .stderr_has("example:<ruleset>/<type>");
}

#[test]
fn unreadable_inputs_exit_1() {
    shenpi(&["plan", "no-such-project.toml"])
        .expect_code(1)
        .stderr_has("cannot read `no-such-project.toml`");
    let dir = temp_dir();
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"name = \"caf\xe9\"\n").unwrap();
    shenpi(&["plan", arg(&path)])
        .expect_code(1)
        .stderr_has("not UTF-8");
    // A project whose ruleset file has errors: the ruleset's diagnostics, then exit 1.
    let rs = cli_support::root().join("tests/fixtures/bad/unknown-item.toml");
    shenpi(&["plan", SHIYAN, "--ruleset", arg(&rs)])
        .expect_code(1)
        .stderr_has("error[unknown-item]")
        .stderr_has("unknown-item.toml:23:10");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["plan"],
        vec!["plan", SHIYAN, "--format", "pdf"],
        vec!["plan", SHIYAN, "--no-such-flag"],
        vec!["plan", SHIYAN, "-o"],
    ] {
        let run = shenpi(&args);
        run.expect_code(2);
        assert!(run.stdout.is_empty(), "{args:?}");
        assert!(run.stderr.contains("error:"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn far_dates_warn_instead_of_failing() {
    // (A plan that would run past 9999 is refused: cli_hardening.rs.)
    for start in ["9990-12-01", "0001-01-01"] {
        let run = shenpi(&["plan", SHIYAN, "--start", start, "--format", "json"]);
        run.expect_code(0)
            .stderr_has("not in the calendar; assumed Monday–Friday");
        serde_json::from_str::<serde_json::Value>(&run.stdout).expect("JSON");
    }
}

#[test]
fn stdin_errors_name_stdin() {
    shenpi_stdin(&["plan", "-"], "")
        .expect_code(1)
        .stderr_has("names no ruleset")
        .stderr_has("<stdin>:1:1");
    shenpi_stdin(
        &["plan", "-"],
        "ruleset = \"hubei-shiyan-2022\"\ntype = \"social-general\"\n[attributes]\nfloor_aera = 1\n",
    )
    .expect_code(1)
    .stderr_has("<stdin>:4:1")
    .stderr_has("did you mean `floor_area`?");
    // A ruleset path in a project on stdin is relative to the working directory.
    let run = shenpi_stdin(
        &["plan", "-", "--format", "json"],
        "ruleset = \"rulesets/hubei-shiyan-2021.toml\"\ntype = \"social-general\"\n[attributes]\ninvestment = \"social\"\nkind = \"building\"\n",
    );
    run.expect_code(0)
        .stdout_has("\"id\": \"hubei-shiyan-2021\"");
}

#[test]
fn construction_days_move_completion_and_not_the_approval_time() {
    let base = plan_json(SHIYAN, &[]);
    let short = plan_json(SHIYAN, &["--construction-days", "30"]);
    let date = |p: &serde_json::Value, key: &str| {
        chrono::NaiveDate::parse_from_str(p["summary"][key].as_str().unwrap(), "%Y-%m-%d").unwrap()
    };
    assert_eq!(short["project"]["construction_days"], 30);
    assert_eq!(
        base["project"]["construction_days"], 540,
        "the type's period"
    );
    assert_eq!(
        date(&short, "construction_start"),
        date(&base, "construction_start")
    );
    // 30 calendar days of works, unless the 30th is a day off (then the next workday).
    let days = (date(&short, "completion") - date(&short, "construction_start")).num_days();
    assert!((30..=33).contains(&days), "{days}");
    assert!(date(&short, "completion") < date(&base, "completion"));
    assert_eq!(approval_days(&short), approval_days(&base));
    // Out of range: a usage error, no plan.
    for bad in ["0", "5000", "abc"] {
        shenpi(&["plan", SHIYAN, "--construction-days", bad]).expect_code(2);
    }
}

#[test]
fn explain_lists_the_prerequisites_that_held_an_item() {
    let out = ok(&[
        "explain",
        "example:cn-national-2019/social-general",
        "construction-permit",
        "--start",
        START,
    ]);
    assert!(out.contains("required by law first (法定前置):"), "{out}");
    assert!(
        out.contains("  - engineering-planning-permit (decided "),
        "{out}"
    );
    assert!(out.contains("建筑法第八条"), "{out}");
}

#[test]
fn a_zero_construction_period_in_a_project_file_is_an_error() {
    let dir = temp_dir();
    let path = write(
        dir.path(),
        "p.toml",
        "ruleset = \"cn-national-2019\"\ntype = \"social-general\"\nstart = 2026-03-02\n\
         construction_days = 0\n\n[attributes]\ninvestment = \"social\"\nkind = \"building\"\n",
    );
    shenpi(&["plan", arg(&path)])
        .expect_code(1)
        .stderr_has("error[duration-range]")
        .stderr_has("expected 1 to 3650 days");
}
