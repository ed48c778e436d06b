//! `shenpi simulate` end to end: every format of a built-in example (the table snapshotted,
//! the rest parsed back), reproducibility by seed, `--by`, `--until-stable`, and errors with
//! their exit codes.

mod cli_support;

use cli_support::{arg, ok, ok_json, shenpi, temp_dir, write};

const SHIYAN: &str = "examples/hubei-shiyan-2022/social-general.toml";

fn sim(format: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "simulate",
        SHIYAN,
        "--iterations",
        "400",
        "--seed",
        "7",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    ok(&args)
}

#[test]
fn the_table_is_reproducible() {
    let a = sim("table", &["--by", "2026-08-01"]);
    insta::assert_snapshot!("shiyan_table", a);
    assert_eq!(
        a,
        sim("table", &["--by", "2026-08-01"]),
        "same seed, same bytes"
    );
    assert_ne!(
        a,
        ok(&[
            "simulate",
            SHIYAN,
            "--iterations",
            "400",
            "--seed",
            "8",
            "--by",
            "2026-08-01"
        ]),
        "another seed, other numbers"
    );
}

#[test]
fn json_csv_md_and_svg_read_back() {
    let v: serde_json::Value = serde_json::from_str(&sim("json", &["--by", "2026-08-01"])).unwrap();
    assert_eq!(v["format_version"], 1);
    assert_eq!(
        (v["seed"].as_u64(), v["iterations"].as_u64()),
        (Some(7), Some(400))
    );
    assert_eq!(v["key"], "construction_start");
    let keys: Vec<&str> = v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "construction_start",
            "approval_finish",
            "completion",
            "finish"
        ]
    );
    let start = &v["keys"][0];
    assert_eq!(start["deterministic"], "2026-07-07", "the plan's 开工");
    let dates: Vec<&str> = start["percentiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["date"].as_str().unwrap())
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "percentiles in order: {dates:?}"
    );
    assert!(v["basis"].as_str().unwrap().starts_with("estimate:"));
    let by = v["by"]["probability"].as_f64().unwrap();
    assert!(by > 0.0 && by < 1.0, "{by}");
    assert_eq!(
        v["histogram"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .sum::<u64>(),
        400
    );

    let csv = sim("csv", &["--bom"]);
    assert!(csv.starts_with('\u{feff}'));
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 18, "one row per planned item");

    let md = sim("md", &[]);
    assert!(md.contains("| 开工 | 2026-07-07 |"), "{md}");

    let svg = sim("svg", &["--by", "2026-08-01"]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(svg.contains("P80 "), "the P80 mark");
}

#[test]
fn until_stable_stops_early_and_says_so() {
    let v = ok_json(&[
        "simulate",
        SHIYAN,
        "--iterations",
        "20000",
        "--until-stable",
        "--no-impact",
        "--format",
        "json",
    ]);
    let n = v["iterations"].as_u64().unwrap();
    assert!(n < 20_000 && n.is_multiple_of(500) && n >= 1000, "{n}");
    assert_eq!(v["stopped_early"], true);
    assert_eq!(v["impact"].as_array().unwrap().len(), 0, "--no-impact");
}

#[test]
fn bad_uncertainty_is_an_error_at_its_place() {
    let dir = temp_dir();
    let text = std::fs::read_to_string(cli_support::root().join(SHIYAN)).unwrap()
        + "\n[uncertainty]\npreparation = 9\n[uncertainty.items.construction-permt]\ntime = { min = 0.5, max = 1 }\n";
    let p = write(dir.path(), "p.toml", &text);
    shenpi(&["simulate", arg(&p)])
        .expect_code(1)
        .stderr_has("error[invalid-uncertainty]: `preparation` lies between 0.1 and 5")
        .stderr_has("error[unknown-item]: unknown item `construction-permt`")
        .stderr_has("did you mean `construction-permit`?")
        .stderr_has("p.toml:");
    shenpi(&["simulate", SHIYAN, "--key", "start"]).expect_code(2);
    shenpi(&["simulate", SHIYAN, "--iterations", "0"]).expect_code(2);
}

#[test]
fn a_well_prepared_applicant_starts_building_earlier() {
    let dir = temp_dir();
    let base = std::fs::read_to_string(cli_support::root().join(SHIYAN)).unwrap();
    let p80 = |preparation: &str| {
        let p = write(
            dir.path(),
            &format!("p{preparation}.toml"),
            &format!("{base}\n[uncertainty]\npreparation = {preparation}\n"),
        );
        let v = ok_json(&[
            "simulate",
            arg(&p),
            "--no-impact",
            "--format",
            "json",
            "-n",
            "1000",
        ]);
        v["keys"][0]["percentiles"][2]["offset"].as_f64().unwrap()
    };
    assert!(p80("0.2") < p80("1") && p80("1") < p80("3"));
}
