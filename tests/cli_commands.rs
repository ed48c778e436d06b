//! The other subcommands end to end: `compare`, `explain`, `show`, `rulesets`, `init`,
//! `completions`, `man` and `schema`, with their error paths and exit codes.

mod cli_support;

use cli_support::{arg, listing, ok, ok_json, root, run_in, shenpi, temp_dir, write};

const START: &str = "2026-03-02";
const SHIYAN_GENERAL: &str = "example:hubei-shiyan-2022/social-general";
/// A 十堰 project with an EIA and 节能审查 (the office example has neither).
const SHIYAN_PLANT: &str = "tests/fixtures/projects/shiyan-general-plant.toml";

const BUILTINS: [&str; 11] = [
    "cn-national-2019",
    "hubei-2021",
    "hubei-shiyan-2021",
    "hubei-shiyan-2022",
    "jiangxi-ganzhou-2020",
    "jiangxi-ganzhou-2021",
    "hunan-2019",
    "hunan-shaoyang-2018",
    "hunan-shaoyang-2020",
    "hunan-changsha-wangcheng-2021",
    "beijing-low-risk-2019",
];

/// `由X个工作日压缩至Y个工作日，压减Z%` with the numbers of one comparison.
fn statement(before: u64, after: u64, percent: f64) -> String {
    format!("由{before}个工作日压缩至{after}个工作日，压减{percent:.1}%")
}

// ---- compare ----

#[test]
fn compare_two_rulesets_in_every_format() {
    let base = [
        "compare",
        SHIYAN_GENERAL,
        "--before",
        "hubei-shiyan-2021",
        "--after",
        "hubei-shiyan-2022",
        "--start",
        START,
    ];
    let json = ok_json(&[&base[..], &["--format", "json"]].concat());
    let c = &json.as_array().expect("a list of comparisons")[0];
    assert_eq!(c["before"]["ruleset"], "hubei-shiyan-2021");
    assert_eq!(c["after"]["ruleset"], "hubei-shiyan-2022");
    let (b, a) = (
        c["before"]["approval_working_days"].as_u64().unwrap(),
        c["after"]["approval_working_days"].as_u64().unwrap(),
    );
    // 十堰 2022: every type 5 working days shorter than in 2021.
    assert_eq!(b, a + 5);
    assert_eq!(c["saved_working_days"], 5);
    let percent = c["saved_percent"].as_f64().unwrap();
    assert!((percent - 500.0 / b as f64).abs() < 0.05, "{percent}");
    let said = statement(b, a, percent);
    assert!(c["statement"].as_str().unwrap().contains(&said), "{c}");

    for format in ["table", "md"] {
        let out = ok(&[&base[..], &["--format", format]].concat());
        assert!(out.contains(&said), "{format}:\n{out}");
        assert!(out.contains("hubei-shiyan-2021"), "{format}:\n{out}");
    }
    let md = ok(&[&base[..], &["--format", "md"]].concat());
    assert!(md.starts_with("| 项目 project |"), "{md}");
    assert!(md.lines().nth(1).unwrap().starts_with("|---|"), "{md}");
    // Table is the default format.
    assert_eq!(ok(&base), ok(&[&base[..], &["--format", "table"]].concat()));
}

#[test]
fn compare_measures_off_and_legal() {
    for (flag, before_label) in [("--measures-off", "改革措施关闭"), ("--legal", "法定时限")]
    {
        let json = ok_json(&[
            "compare",
            SHIYAN_GENERAL,
            flag,
            "--start",
            START,
            "--format",
            "json",
        ]);
        let c = &json[0];
        assert_eq!(c["before"]["label"], before_label, "{flag}");
        let (b, a) = (
            c["before"]["approval_working_days"].as_u64().unwrap(),
            c["after"]["approval_working_days"].as_u64().unwrap(),
        );
        assert!(b > a, "{flag}: the reform shortens approval ({b} → {a})");
        let percent = c["saved_percent"].as_f64().unwrap();
        let table = ok(&["compare", SHIYAN_GENERAL, flag, "--start", START]);
        assert!(
            table.contains(&statement(b, a, percent)),
            "{flag}:\n{table}"
        );
    }
    // The two are different questions: asking both is a usage error.
    shenpi(&["compare", SHIYAN_GENERAL, "--measures-off", "--legal"]).expect_code(2);
}

#[test]
fn compare_every_example_of_a_ruleset() {
    let json = ok_json(&[
        "compare",
        "examples:hubei-shiyan-2022",
        "--measures-off",
        "--start",
        START,
        "--format",
        "json",
    ]);
    let show = ok_json(&[
        "show",
        "hubei-shiyan-2022",
        "--start",
        START,
        "--format",
        "json",
    ]);
    let types = show["ruleset"]["project_types"].as_array().unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), types.len(), "one comparison per project type");
    for (c, row) in list.iter().zip(show["matrix"].as_array().unwrap()) {
        // The labels say what was compared, for every type.
        assert_eq!(c["before"]["label"], "改革措施关闭");
        assert_eq!(c["after"]["label"], "改革措施开启");
        // "After" is the ruleset as published: the same figure as `show`'s matrix.
        assert_eq!(
            c["after"]["approval_working_days"],
            row["approval_working_days"]
        );
    }
    let table = ok(&[
        "compare",
        "examples:hubei-shiyan-2022",
        "--measures-off",
        "--start",
        START,
    ]);
    for t in types {
        let (id, name) = (t["id"].as_str().unwrap(), t["name"].as_str().unwrap());
        assert!(
            table.contains(&format!(
                "example:hubei-shiyan-2022/{id} {name}: 审批时间由"
            )),
            "{id}:\n{table}"
        );
    }
}

#[test]
fn compare_errors() {
    shenpi(&["compare", "examples:hubei-shiyan-202"])
        .expect_code(1)
        .stderr_has("did you mean `hubei-shiyan-2022`?");
    shenpi(&[
        "compare",
        SHIYAN_GENERAL,
        "--before",
        "beijing-low-risk-2019",
    ])
    .expect_code(1)
    .stderr_has("ruleset `beijing-low-risk-2019` has no project type `social-general`");
    shenpi(&["compare", SHIYAN_GENERAL, "--format", "csv"]).expect_code(2);
    shenpi(&["compare", SHIYAN_GENERAL, "--start", "2026-02-30"]).expect_code(2);
    shenpi(&["compare", "no-such-project.toml"])
        .expect_code(1)
        .stderr_has("cannot read");
}

// ---- explain ----

fn explain(item: &str, extra: &[&str]) -> String {
    ok(&[
        &["explain", SHIYAN_PLANT, item, "--start", START][..],
        extra,
    ]
    .concat())
}

#[test]
fn explain_says_which_items_are_critical() {
    let plan = ok_json(&["plan", SHIYAN_PLANT, "--start", START, "--format", "json"]);
    let items = plan["items"].as_array().unwrap();
    assert!(items.iter().any(|i| i["critical"] == true));
    assert!(items.iter().any(|i| i["critical"] == false));
    for item in items {
        let id = item["id"].as_str().unwrap();
        let out = explain(id, &[]);
        assert!(out.starts_with(&format!("{id} — ")), "{out}");
        let float = item["total_float"].as_i64().unwrap();
        assert!(
            out.contains(&format!("floats:       total {float} / free")),
            "{out}"
        );
        if item["critical"] == true {
            assert!(
                out.contains("critical:     yes — total float 0, on a critical path"),
                "{out}"
            );
        } else {
            assert!(out.contains("critical:     no"), "{out}");
        }
        // An item off both critical paths can slip by its float. (One on the approval-time
        // path but off the finish-date path, like 节能审查 beside 土地出让, shortens the
        // approval time instead.)
        if item["critical"] == false && item["approval_critical"] == false {
            assert!(
                out.contains(&format!("it can slip {float} working day(s) without delay")),
                "{out}"
            );
        }
    }
}

#[test]
fn explain_a_critical_and_a_floating_item() {
    let critical = explain("design-scheme-review", &[]);
    assert!(critical.contains("critical:     yes"), "{critical}");
    assert!(
        critical.contains("工程建设许可阶段并联审批"),
        "a measure changed it:\n{critical}"
    );
    let floating = explain("geo-hazard-assessment", &[]);
    assert!(floating.contains("critical:     no"), "{floating}");
    assert!(
        floating.contains("floats:       total 12 / free 12"),
        "{floating}"
    );
    assert!(
        floating.contains("it can slip 12 working day(s)"),
        "{floating}"
    );
    // Off the finish-date path, but its approval days count towards the approval time.
    let approval = explain("energy-review", &[]);
    assert!(approval.contains("critical:     no"), "{approval}");
    assert!(
        approval.contains("every approval day cut here shortens the approval time"),
        "{approval}"
    );
}

#[test]
fn explain_why_an_item_is_not_in_the_plan() {
    // Its condition does not hold for a social investment.
    let out = explain("project-proposal", &[]);
    assert!(out.contains("not in this plan: condition not met"), "{out}");
    assert!(
        out.contains("投资类型 = 政府投资"),
        "the condition in the ruleset's words: {out}"
    );
    // Merged away by a measure …
    let out = explain("planning-survey", &[]);
    assert!(
        out.contains("not in this plan: merged into `joint-survey` by 多测合一"),
        "{out}"
    );
    // … and back when the measure is off.
    let out = explain("planning-survey", &["--measure", "multi-survey=off"]);
    assert!(out.contains("decided:"), "{out}");
    // Exempted by a measure.
    let out = ok(&[
        "explain",
        "example:hubei-shiyan-2022/social-land-with-scheme",
        "design-scheme-review",
        "--start",
        START,
    ]);
    assert!(
        out.contains("not in this plan: exempted by 带方案出让：不再审核设计方案"),
        "{out}"
    );
}

#[test]
fn explain_follows_the_legal_scenario() {
    // 十堰 inherits 湖北's promised 10 working days for the land-use planning permit; the law's 20.
    let promised = explain("land-planning-permit", &[]);
    let legal = explain("land-planning-permit", &["--legal"]);
    assert!(promised.contains("duration:     10 "), "{promised}");
    assert!(legal.contains("duration:     20 "), "{legal}");
}

#[test]
fn explain_errors() {
    shenpi(&["explain", SHIYAN_GENERAL, "energy-revie", "--start", START])
        .expect_code(1)
        .stderr_has("no item `energy-revie` in ruleset `hubei-shiyan-2022`")
        .stderr_has("did you mean `energy-review`?");
    let run = shenpi(&["explain", SHIYAN_GENERAL, "zzz"]);
    run.expect_code(1).stderr_has("no item `zzz`");
    assert!(run.stdout.is_empty());
    shenpi(&["explain", SHIYAN_GENERAL]).expect_code(2);
    shenpi(&[
        "explain",
        SHIYAN_GENERAL,
        "energy-review",
        "--measure",
        "zzz=on",
    ])
    .expect_code(2);
}

// ---- show and rulesets ----

#[test]
fn rulesets_lists_all_eleven_builtins() {
    let out = ok(&["rulesets"]);
    let ids: Vec<&str> = out
        .lines()
        .skip(2) // header and rule
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(ids, BUILTINS);
    assert!(!out.contains("has errors"), "{out}");
    // Each lists its parent.
    let line = out
        .lines()
        .find(|l| l.starts_with("hubei-shiyan-2022 "))
        .unwrap();
    assert!(line.trim_end().ends_with("hubei-shiyan-2021"), "{line}");
}

#[test]
fn show_a_builtin_in_every_format() {
    let table = ok(&["show", "hubei-shiyan-2022", "--start", START]);
    assert!(table.starts_with("十堰市工程建设项目审批流程（2022年版） (hubei-shiyan-2022)"));
    for section in ["类型矩阵", "阶段 stages", "事项 items", "改革措施 measures"] {
        assert!(table.contains(section), "{section}:\n{table}");
    }
    let md = ok(&[
        "show",
        "hubei-shiyan-2022",
        "--start",
        START,
        "--format",
        "md",
    ]);
    assert!(md.starts_with("# 十堰市"), "{md}");
    assert!(md.contains("\n## 事项 items\n"), "{md}");
    assert!(
        md.contains("| social-general | 一般社会投资项目 | 50 | 50 | ✓ |"),
        "{md}"
    );
    let json = ok_json(&[
        "show",
        "hubei-shiyan-2022",
        "--start",
        START,
        "--format",
        "json",
    ]);
    assert_eq!(json["ruleset"]["id"], "hubei-shiyan-2022");
    let matrix = json["matrix"].as_array().unwrap();
    assert_eq!(
        matrix.len(),
        json["ruleset"]["project_types"].as_array().unwrap().len()
    );
    // The matrix row of a type is its example's plan.
    let row = matrix
        .iter()
        .find(|r| r["project_type"] == "social-general")
        .unwrap();
    let plan = ok_json(&["plan", SHIYAN_GENERAL, "--start", START, "--format", "json"]);
    assert_eq!(
        row["approval_working_days"],
        plan["summary"]["approval_working_days"]
    );
}

#[test]
fn show_a_ruleset_file_like_its_builtin() {
    for format in ["table", "md", "json"] {
        let by_id = ok(&["show", "hubei-shiyan-2022", "--start", START, "-f", format]);
        let by_path = ok(&[
            "show",
            "rulesets/hubei-shiyan-2022.toml",
            "--start",
            START,
            "-f",
            format,
        ]);
        assert!(!by_path.is_empty());
        if format == "json" {
            let a: serde_json::Value = serde_json::from_str(&by_id).unwrap();
            let b: serde_json::Value = serde_json::from_str(&by_path).unwrap();
            assert_eq!(a["matrix"], b["matrix"]);
            assert_eq!(a["ruleset"]["items"], b["ruleset"]["items"]);
        } else {
            assert_eq!(by_id, by_path, "{format}");
        }
    }
    // A fixture ruleset of its own.
    let out = ok(&["show", "tests/fixtures/good/national.toml"]);
    assert!(out.contains("阶段 stages"), "{out}");
}

#[test]
fn show_errors() {
    shenpi(&["show", "hubei-shiyan-2023"])
        .expect_code(1)
        .stderr_has("did you mean `hubei-shiyan-20");
    shenpi(&["show", "tests/fixtures/bad/unknown-item.toml"])
        .expect_code(1)
        .stderr_has("error[unknown-item]")
        .stderr_has("tests/fixtures/bad/unknown-item.toml:23:10");
    shenpi(&["show", "no-such-ruleset.toml"])
        .expect_code(1)
        .stderr_has("cannot read");
    shenpi(&["show"]).expect_code(2);
    shenpi(&["show", "hubei-shiyan-2022", "--format", "svg"]).expect_code(2);
}

// ---- init ----

/// The project types of a ruleset, from `show --format json`.
fn type_ids(ruleset: &str) -> Vec<String> {
    let json = ok_json(&["show", ruleset, "--start", START, "--format", "json"]);
    json["ruleset"]["project_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn init_templates_of_every_type_plan_when_fed_back() {
    let dir = temp_dir();
    for ruleset in BUILTINS {
        for ty in type_ids(ruleset) {
            let path = dir.path().join(format!("{ruleset}-{ty}.toml"));
            let run = shenpi(&[
                "init",
                "--ruleset",
                ruleset,
                "--type",
                &ty,
                "-o",
                arg(&path),
            ]);
            run.expect_code(0);
            assert!(run.stdout.is_empty());
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(&format!("ruleset = \"{ruleset}\"")), "{text}");
            let plan = ok_json(&["plan", arg(&path), "--start", START, "--format", "json"]);
            assert_eq!(plan["ruleset"]["id"], ruleset);
            assert_eq!(plan["project"]["project_type"], ty.as_str());
            // On stdout it is the same template.
            assert_eq!(ok(&["init", "--ruleset", ruleset, "--type", &ty]), text);
        }
    }
}

#[test]
fn init_without_a_type_is_a_template_to_fill_in() {
    let text = ok(&["init", "--ruleset", "hubei-shiyan-2022"]);
    let dir = temp_dir();
    let empty = write(dir.path(), "empty.toml", &text);
    // As written, the required attributes are still to be chosen.
    shenpi(&["plan", arg(&empty)])
        .expect_code(1)
        .stderr_has("error[missing-attribute]")
        .stderr_has("empty.toml:");
    // Uncommenting the suggested values under [attributes] gives a project that plans.
    let mut filled = String::new();
    let mut in_attributes = false;
    for line in text.lines() {
        if line.starts_with('[') {
            in_attributes = line == "[attributes]";
        }
        let value = line
            .strip_prefix("# ")
            .filter(|l| in_attributes && l.contains(" = "));
        filled.push_str(value.unwrap_or(line));
        filled.push('\n');
    }
    let filled = write(dir.path(), "filled.toml", &filled);
    let plan = ok_json(&["plan", arg(&filled), "--start", START, "--format", "json"]);
    assert_eq!(plan["project"]["classification"]["by"], "classified");
}

#[test]
fn init_with_a_ruleset_path_writes_a_reference_the_project_can_follow() {
    // The project file lands in another directory than the working one: the ruleset path
    // it names must still lead to the ruleset.
    let dir = temp_dir();
    let path = dir.path().join("p.toml");
    let ruleset = root().join("rulesets/hubei-shiyan-2022.toml");
    shenpi(&[
        "init",
        "--ruleset",
        "rulesets/hubei-shiyan-2022.toml",
        "--type",
        "social-general",
        "-o",
        arg(&path),
    ])
    .expect_code(0);
    let plan = ok_json(&["plan", arg(&path), "--start", START, "--format", "json"]);
    assert_eq!(plan["ruleset"]["id"], "hubei-shiyan-2022");
    // Also when planned from the project's own directory, and with an absolute argument.
    let run = run_in(dir.path(), &["plan", "p.toml", "--format", "json"], None);
    run.expect_code(0);
    let abs = dir.path().join("abs.toml");
    shenpi(&[
        "init",
        "--ruleset",
        arg(&ruleset),
        "--type",
        "social-general",
        "-o",
        arg(&abs),
    ])
    .expect_code(0);
    ok(&["plan", arg(&abs)]);
}

#[test]
fn init_never_overwrites() {
    let dir = temp_dir();
    let existing = write(dir.path(), "project.toml", "keep me\n");
    shenpi(&[
        "init",
        "--ruleset",
        "hubei-shiyan-2022",
        "--type",
        "social-general",
        "-o",
        arg(&existing),
    ])
    .expect_code(2)
    .stderr_has("exists")
    .stderr_has("never overwrites");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me\n");
    assert_eq!(listing(dir.path()), ["project.toml"]);
}

#[test]
fn init_errors() {
    let dir = temp_dir();
    let out = dir.path().join("p.toml");
    shenpi(&[
        "init",
        "--ruleset",
        "hubei-shiyan-2022",
        "--type",
        "social-genral",
        "-o",
        arg(&out),
    ])
    .expect_code(2)
    .stderr_has("no project type `social-genral`")
    .stderr_has("social-general");
    shenpi(&["init", "--ruleset", "hubei-shiyn-2022", "-o", arg(&out)])
        .expect_code(1)
        .stderr_has("did you mean `hubei-shiyan-2022`?");
    assert!(listing(dir.path()).is_empty(), "nothing written on error");
    let missing_dir = dir.path().join("no-such-dir").join("p.toml");
    shenpi(&[
        "init",
        "--ruleset",
        "hubei-shiyan-2022",
        "-o",
        arg(&missing_dir),
    ])
    .expect_code(1)
    .stderr_has("cannot write");
    assert!(listing(dir.path()).is_empty());
    shenpi(&["init"]).expect_code(2);
}

// ---- completions, man, schema ----

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = ok(&["completions", shell]);
        assert!(out.len() > 1000, "{shell}: {} bytes", out.len());
        assert!(out.contains("shenpi"), "{shell}");
        // Every subcommand is completed.
        for sub in ["plan", "compare", "explain", "calendar", "init"] {
            assert!(out.contains(sub), "{shell} lacks {sub}");
        }
    }
    shenpi(&["completions", "tcsh"]).expect_code(2);
    shenpi(&["completions"]).expect_code(2);
}

#[test]
fn man_page_is_roff() {
    let out = ok(&["man"]);
    assert!(
        out.starts_with(".TH") || out.starts_with(".ie"),
        "{}",
        &out[..out.len().min(200)]
    );
    assert!(out.contains(".TH shenpi"), "a title header");
    assert!(out.contains(".SH NAME"), "a NAME section");
}

#[test]
fn schema_prints_the_committed_files() {
    for which in ["ruleset", "project"] {
        let out = ok(&["schema", which]);
        let committed =
            std::fs::read_to_string(root().join(format!("docs/schema/{which}.schema.json")))
                .unwrap();
        assert_eq!(
            out, committed,
            "{which}: run `shenpi schema {which}` > docs/schema/"
        );
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(json.is_object());
    }
    shenpi(&["schema", "plan"]).expect_code(2);
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let run = shenpi(&["--help"]);
    run.expect_code(0).stdout_has("Exit codes");
    assert!(run.stderr.is_empty());
    shenpi(&["--version"]).expect_code(0).stdout_has("shenpi ");
    shenpi(&["plan", "--help"])
        .expect_code(0)
        .stdout_has("--strict");
    shenpi(&[]).expect_code(2);
}
