//! `shenpi status` end to end: one project's report in every format, the morning list of a
//! folder, `--profile`, `--strict`, `-o`, and bad progress as an error at its place with no
//! output written (README exit codes: 0 ok, 1 invalid input or red with `--strict`, 2 usage).

mod cli_support;

use cli_support::{arg, listing, ok, ok_json, shenpi, temp_dir, write};

const SOCIAL: &str = "examples/hubei-shiyan-2022/social-general.under-way.toml";
const GOV: &str = "examples/hubei-shiyan-2022/gov-building.under-way.toml";
const FOLDER: &str = "examples/hubei-shiyan-2022";
const AS_OF: &str = "2026-06-24";

fn status(project: &str, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["status", project, "--as-of", AS_OF, "--format", format];
    args.extend_from_slice(extra);
    ok(&args)
}

#[test]
fn one_project_in_every_format() {
    insta::assert_snapshot!("social_table", status(SOCIAL, "table", &[]));
    insta::assert_snapshot!("social_md", status(SOCIAL, "md", &[]));
    let csv = status(SOCIAL, "csv", &[]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        shenpi_core::render::status::CSV_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 18, "one row per planned item");
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let eng = rows
        .iter()
        .find(|r| &r[col("id")] == "engineering-planning-permit")
        .unwrap();
    // Accepted Fri 06-12; by Wed 06-24: Jun 15–18: 4 (19th is 端午), 22–24: 7 of 10 → yellow.
    assert_eq!(
        (
            &eng[col("state")],
            &eng[col("colour")],
            &eng[col("used")],
            &eng[col("days_left")]
        ),
        ("in_review", "yellow", "7", "3")
    );
    assert_eq!(&eng[col("limit_ends")], "2026-06-29");
}

#[test]
fn the_json_report_is_documented_and_deterministic() {
    let a = status(SOCIAL, "json", &[]);
    let b = status(SOCIAL, "json", &[]);
    assert_eq!(a, b, "same input, same bytes");
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["as_of"], AS_OF);
    assert_eq!(v["profile"]["id"], "enshi");
    assert_eq!(v["profile"]["yellow"]["over_percent"], 50);
    assert_eq!(v["tally"]["yellow"], 1);
    assert_eq!(v["tally"]["decided"], 7);
    let land = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "land-planning-permit")
        .unwrap();
    assert_eq!(land["acceptance"]["by"], "after_correction");
    assert_eq!(land["accepted"], "2026-04-14");
    assert_eq!(land["state"], "decided_on_time");
    let start = v["key_dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == "construction_start")
        .unwrap();
    assert_eq!(start["baseline"], "2026-07-07");
    // 06-29 + drawing review 15 wd + permit 5 wd (checked in the table snapshot).
    assert_eq!(start["forecast"], "2026-07-27");
    assert_eq!(start["slip"], 14);
}

#[test]
fn a_folder_gives_the_items_that_need_attention_most_urgent_first() {
    insta::assert_snapshot!("folder_table", ok(&["status", FOLDER, "--as-of", AS_OF]));
    insta::assert_snapshot!(
        "folder_md",
        ok(&["status", FOLDER, "--as-of", AS_OF, "--format", "md"])
    );
    let v = ok_json(&["status", SOCIAL, GOV, "--as-of", AS_OF, "--format", "json"]);
    let ids: Vec<&str> = v["attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Overdue first; then the yellow ones, fewest days left first (3, then 8).
    assert_eq!(
        ids,
        [
            "preliminary-design-approval",
            "engineering-planning-permit",
            "design-scheme-review"
        ]
    );
    assert_eq!(v["projects"].as_array().unwrap().len(), 2);
    let csv = ok(&[
        "status", FOLDER, "--as-of", AS_OF, "--format", "csv", "--bom",
    ]);
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 4, "a header and three rows:\n{csv}");
}

#[test]
fn another_profile_changes_the_lights() {
    // Yulin: yellow from 90 %: 7 of 10 is green there.
    let v = ok_json(&[
        "status",
        SOCIAL,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--profile",
        "yulin",
    ]);
    assert_eq!(v["profile"]["id"], "yulin");
    assert_eq!(v["tally"]["yellow"], 0);
    assert_eq!(v["tally"]["green"], 1);
    shenpi(&["status", SOCIAL, "--as-of", AS_OF, "--profile", "enshii"])
        .expect_code(2)
        .stderr_has("did you mean `enshi`");
}

#[test]
fn strict_exits_1_on_red_or_overdue() {
    shenpi(&["status", SOCIAL, "--as-of", AS_OF, "--strict"]).expect_code(0);
    shenpi(&["status", GOV, "--as-of", AS_OF, "--strict"])
        .expect_code(1)
        .stderr_has("preliminary-design-approval");
}

#[test]
fn bad_progress_is_an_error_at_its_place_and_writes_nothing() {
    let dir = temp_dir();
    let text = std::fs::read_to_string(cli_support::root().join(SOCIAL))
        .unwrap()
        .replace("decided = 2026-06-11", "decided = 2026-06-01");
    let project = write(dir.path(), "p.toml", &text);
    let out = dir.path().join("status.json");
    let run = shenpi(&[
        "status",
        arg(&project),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "-o",
        arg(&out),
    ]);
    run.expect_code(1)
        .stderr_has(
            "error[progress-date-order]: decided (2026-06-01) is before accepted (2026-06-04)",
        )
        .stderr_has("p.toml:");
    assert_eq!(listing(dir.path()), ["p.toml"], "no output file on error");
    // A date after the as-of day.
    shenpi(&["status", SOCIAL, "--as-of", "2026-06-10"])
        .expect_code(1)
        .stderr_has("progress-after-as-of");
    // An empty folder, and a missing as-of value.
    let empty = temp_dir();
    shenpi(&["status", arg(empty.path()), "--as-of", AS_OF])
        .expect_code(1)
        .stderr_has("holds no project file");
    shenpi(&["status", SOCIAL, "--as-of", "2026-13-01"]).expect_code(2);
}

#[test]
fn a_plan_ignores_progress() {
    let with = ok(&["plan", SOCIAL, "--format", "json"]);
    let without = ok(&[
        "plan",
        "examples/hubei-shiyan-2022/social-general.toml",
        "--format",
        "json",
    ]);
    let strip = |s: &str| {
        let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
        v["project"]["name"] = serde_json::Value::Null;
        v
    };
    assert_eq!(strip(&with), strip(&without));
}
