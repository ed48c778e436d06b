//! `shenpi calendar` end to end: output, warnings on stderr, exit codes.

mod cli_support;

use cli_support::{arg, ok, shenpi, temp_dir, write};

#[test]
fn add_counts_from_the_day_after_acceptance() {
    let o = shenpi(&["calendar", "add", "2026-02-13", "5"]);
    o.expect_code(0);
    assert_eq!(
        o.stdout,
        "2026-02-27 (Fri): 5 working days after acceptance on 2026-02-13 (Fri) (the acceptance day is not counted)\n"
    );
    assert_eq!(o.stderr, "");
}

#[test]
fn add_zero_negative_and_on_a_holiday() {
    let o = shenpi(&["calendar", "add", "2026-02-13", "0"]);
    assert!(o.stdout.starts_with("2026-02-13 (Fri): 0 working days"));
    let o = shenpi(&["calendar", "add", "2026-02-27", "-5"]);
    o.expect_code(0);
    assert!(
        o.stdout
            .starts_with("2026-02-13 (Fri): 5 working days before 2026-02-27 (Fri)")
    );
    let out = shenpi(&["calendar", "add", "2026-02-15", "5"]).stdout;
    assert!(
        out.starts_with("2026-03-02 (Mon): 5 working days after acceptance on 2026-02-24 (Tue)"),
        "{out}"
    );
    assert!(
        out.contains("2026-02-15 (Sun) is a holiday (春节)"),
        "{out}"
    );
}

#[test]
fn add_natural_days_rolls_forward() {
    let out = shenpi(&["calendar", "add", "2026-09-20", "5", "--natural"]).stdout;
    assert!(
        out.starts_with("2026-09-28 (Mon): 5 calendar days after 2026-09-20 (Sun)"),
        "{out}"
    );
    assert!(out.contains("中秋节"), "{out}");
}

#[test]
fn horizon_warning_goes_to_stderr() {
    let o = shenpi(&["calendar", "add", "2026-12-25", "10"]);
    o.expect_code(0);
    assert!(o.stdout.starts_with("2027-01-08 (Fri)"));
    assert_eq!(
        o.stderr,
        "warning: 2027 holiday arrangement not in the calendar; assumed Monday–Friday\n"
    );
    shenpi(&["calendar", "list", "2018", "--format", "csv"])
        .stderr_has("2018 holiday arrangement not in the calendar");
}

#[test]
fn between_and_check() {
    let o = shenpi(&["calendar", "between", "2026-02-13", "2026-02-27"]);
    assert!(
        o.stdout
            .starts_with("5 working days from 2026-02-13 (Fri) to 2026-02-27 (Fri)")
    );
    let o = shenpi(&["calendar", "between", "2026-02-27", "2026-02-13"]);
    assert!(o.stdout.starts_with("-5 working days"));
    let o = shenpi(&["calendar", "check", "2026-02-14"]);
    assert_eq!(
        o.stdout,
        "2026-02-14 (Sat): make-up workday (春节调休上班)\n"
    );
    let o = shenpi(&["calendar", "check", "2026-02-15"]);
    assert_eq!(
        o.stdout,
        "2026-02-15 (Sun): holiday (春节), not a workday; next workday 2026-02-24 (Tue)\n"
    );
}

#[test]
fn list_formats() {
    let o = shenpi(&["calendar", "list", "2026", "--format", "csv"]);
    o.expect_code(0);
    let csv = o.stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 366);
    assert_eq!(lines[0], "date,workday,kind,name");
    assert!(lines.contains(&"2026-02-14,true,makeup_workday,春节调休上班"));
    assert_eq!(lines.iter().filter(|l| l.contains(",true,")).count(), 248);

    let o = shenpi(&["calendar", "list", "2024", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let days = v.as_array().unwrap();
    assert_eq!(days.len(), 366);
    assert_eq!(days.iter().filter(|d| d["workday"] == true).count(), 251);

    let table = shenpi(&["calendar", "list", "2026"]).stdout;
    assert!(table.starts_with("date "));
    assert!(
        table.contains("2026-10-01  Thu  no       holiday          国庆节"),
        "{table}"
    );
}

#[test]
fn list_writes_a_file() {
    let dir = temp_dir();
    let path = dir.path().join("2026.csv");
    let o = shenpi(&[
        "calendar",
        "list",
        "2026",
        "--format",
        "csv",
        "-o",
        arg(&path),
    ]);
    o.expect_code(0);
    assert_eq!(o.stdout, "");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 366);
}

#[test]
fn ruleset_adds_a_year() {
    let dir = temp_dir();
    let path = write(
        dir.path(),
        "r.toml",
        "[ruleset]\nid = \"local-2027\"\n\n[calendar]\nyears = [2027]\nholidays = [{ from = 2027-01-01, to = 2027-01-03, name = \"元旦\" }]\n",
    );
    let p = arg(&path);
    let o = shenpi(&["calendar", "--ruleset", p, "add", "2026-12-31", "1"]);
    o.expect_code(0);
    assert!(o.stdout.starts_with("2027-01-04 (Mon)"), "{}", o.stdout);
    assert_eq!(o.stderr, "", "2027 is declared complete: no warning");

    write(
        dir.path(),
        "r.toml",
        "[ruleset]\nid = \"bad\"\n\n[calendar]\nholidays = [{ name = \"x\" }]\n",
    );
    shenpi(&["calendar", "check", "2027-01-01", "--ruleset", p])
        .expect_code(1)
        .stderr_has("a calendar entry needs `date`");

    let missing = dir.path().join("missing.toml");
    shenpi(&[
        "calendar",
        "check",
        "2027-01-01",
        "--ruleset",
        arg(&missing),
    ])
    .expect_code(1)
    .stderr_has("cannot read");
}

#[test]
fn usage_errors_exit_2_with_a_clear_message() {
    for args in [
        &["calendar", "add", "2026-13-01", "5"][..],
        &["calendar", "add", "13/02/2026", "5"],
        &["calendar", "between", "2026-02-13", "tomorrow"],
        &["calendar", "check", "2026-2-3"],
    ] {
        let o = shenpi(args);
        assert_eq!(o.code, Some(2), "{args:?}");
        let err = o.stderr;
        assert!(err.contains("YYYY-MM-DD"), "{args:?}: {err}");
        assert!(
            err.contains("<DATE>") || err.contains("<B>"),
            "{args:?}: {err}"
        );
    }
    for args in [
        &["calendar", "add", "2026-02-13"][..],
        &["calendar", "add", "2026-02-13", "five"],
        &["calendar", "list", "0"],
        &["calendar", "list", "2026", "--format", "xml"],
        &["calendar"],
    ] {
        assert_eq!(shenpi(args).code, Some(2), "{args:?}");
    }
}

#[test]
fn extreme_counts_do_not_panic() {
    for n in ["9223372036854775807", "-9223372036854775808"] {
        let o = shenpi(&["calendar", "add", "2026-02-13", n]);
        o.expect_code(0);
        assert!(o.stdout.contains("clamped"), "{n}");
        shenpi(&["calendar", "add", "2026-02-13", n, "--natural"]).expect_code(0);
    }
    shenpi(&["calendar", "between", "0001-01-01", "9999-12-31"]).expect_code(0);
}

/// `calendar import-notice`: the 2026 notice as published becomes, byte for byte, the built-in
/// data's `[[year]]` entry typed from it; as a `[calendar]` table it loads in a ruleset; a
/// mistyped weekday is an error at its place, and nothing is written.
#[test]
fn import_notice_reproduces_the_built_in_year() {
    let data = ok(&[
        "calendar",
        "import-notice",
        "tests/fixtures/notices/2026.txt",
        "--data",
        "--url",
        "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
    ]);
    let builtin =
        std::fs::read_to_string(cli_support::root().join("rulesets/calendars/cn.toml")).unwrap();
    let at = builtin
        .find("[[year]]\nyear = 2026")
        .expect("the built-in 2026 entry");
    assert!(
        builtin[at..].starts_with(&data),
        "import-notice:\n{data}\nbuilt-in:\n{}",
        &builtin[at..]
    );

    let dir = cli_support::temp_dir();
    let table = ok(&[
        "calendar",
        "import-notice",
        "tests/fixtures/notices/2026.txt",
    ]);
    let ruleset = cli_support::write(
        dir.path(),
        "r.toml",
        &format!(
            "[ruleset]\nid = \"r\"\nname = \"r\"\n{table}\n[[stage]]\nid = \"s\"\nname = \"s\"\n[[item]]\nid = \"a\"\nname = \"a\"\ndepartment = \"d\"\nstage = \"s\"\nlimit = 1\nestimate = \"t\"\n"
        ),
    );
    shenpi(&["check", cli_support::arg(&ruleset)]).expect_code(0);

    let text = std::fs::read_to_string(cli_support::root().join("tests/fixtures/notices/2026.txt"))
        .unwrap()
        .replacen("2月14日（周六）", "2月14日（周日）", 1);
    let notice = cli_support::write(dir.path(), "n.txt", &text);
    let out = dir.path().join("out.toml");
    shenpi(&[
        "calendar",
        "import-notice",
        cli_support::arg(&notice),
        "-o",
        cli_support::arg(&out),
    ])
    .expect_code(1)
    .stderr_has("error[notice-weekday]: 2026-02-14 is a 周六, not the 周日 the notice names")
    .stderr_has("n.txt:4:");
    assert!(!out.exists(), "no output on error");
    shenpi(&["calendar", "import-notice", "Cargo.toml"]).expect_code(1);
}
