//! `shenpi calendar` end to end: output, warnings on stderr, exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn shenpi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shenpi"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run shenpi")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("shenpi-cli-calendar-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn add_counts_from_the_day_after_acceptance() {
    let o = shenpi(&["calendar", "add", "2026-02-13", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "2026-02-27 (Fri): 5 working days after acceptance on 2026-02-13 (Fri) (the acceptance day is not counted)\n"
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn add_zero_negative_and_on_a_holiday() {
    let o = shenpi(&["calendar", "add", "2026-02-13", "0"]);
    assert!(stdout(&o).starts_with("2026-02-13 (Fri): 0 working days"));
    let o = shenpi(&["calendar", "add", "2026-02-27", "-5"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("2026-02-13 (Fri): 5 working days before 2026-02-27 (Fri)"));
    let o = shenpi(&["calendar", "add", "2026-02-15", "5"]);
    let out = stdout(&o);
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
    let o = shenpi(&["calendar", "add", "2026-09-20", "5", "--natural"]);
    let out = stdout(&o);
    assert!(
        out.starts_with("2026-09-28 (Mon): 5 calendar days after 2026-09-20 (Sun)"),
        "{out}"
    );
    assert!(out.contains("中秋节"), "{out}");
}

#[test]
fn horizon_warning_goes_to_stderr() {
    let o = shenpi(&["calendar", "add", "2026-12-25", "10"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("2027-01-08 (Fri)"));
    assert_eq!(
        stderr(&o),
        "warning: 2027 holiday arrangement not in the calendar; assumed Monday–Friday\n"
    );
    let o = shenpi(&["calendar", "list", "2018", "--format", "csv"]);
    assert!(stderr(&o).contains("2018 holiday arrangement not in the calendar"));
}

#[test]
fn between_and_check() {
    let o = shenpi(&["calendar", "between", "2026-02-13", "2026-02-27"]);
    assert!(stdout(&o).starts_with("5 working days from 2026-02-13 (Fri) to 2026-02-27 (Fri)"));
    let o = shenpi(&["calendar", "between", "2026-02-27", "2026-02-13"]);
    assert!(stdout(&o).starts_with("-5 working days"));
    let o = shenpi(&["calendar", "check", "2026-02-14"]);
    assert_eq!(
        stdout(&o),
        "2026-02-14 (Sat): make-up workday (春节调休上班)\n"
    );
    let o = shenpi(&["calendar", "check", "2026-02-15"]);
    assert_eq!(
        stdout(&o),
        "2026-02-15 (Sun): holiday (春节), not a workday; next workday 2026-02-24 (Tue)\n"
    );
}

#[test]
fn list_formats() {
    let o = shenpi(&["calendar", "list", "2026", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 366);
    assert_eq!(lines[0], "date,workday,kind,name");
    assert!(lines.contains(&"2026-02-14,true,makeup_workday,春节调休上班"));
    assert_eq!(lines.iter().filter(|l| l.contains(",true,")).count(), 248);

    let o = shenpi(&["calendar", "list", "2024", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let days = v.as_array().unwrap();
    assert_eq!(days.len(), 366);
    assert_eq!(days.iter().filter(|d| d["workday"] == true).count(), 251);

    let o = shenpi(&["calendar", "list", "2026"]);
    let table = stdout(&o);
    assert!(table.starts_with("date "));
    assert!(
        table.contains("2026-10-01  Thu  no       holiday          国庆节"),
        "{table}"
    );
}

#[test]
fn list_writes_a_file() {
    let dir = temp_dir("list");
    let path = dir.join("2026.csv");
    let o = shenpi(&[
        "calendar",
        "list",
        "2026",
        "--format",
        "csv",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 366);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn ruleset_adds_a_year() {
    let dir = temp_dir("ruleset");
    let path = dir.join("r.toml");
    std::fs::write(
        &path,
        "[ruleset]\nid = \"local-2027\"\n\n[calendar]\nyears = [2027]\nholidays = [{ from = 2027-01-01, to = 2027-01-03, name = \"元旦\" }]\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = shenpi(&["calendar", "--ruleset", p, "add", "2026-12-31", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("2027-01-04 (Mon)"), "{}", stdout(&o));
    assert_eq!(stderr(&o), "", "2027 is declared complete: no warning");

    std::fs::write(
        &path,
        "[ruleset]\nid = \"bad\"\n\n[calendar]\nholidays = [{ name = \"x\" }]\n",
    )
    .unwrap();
    let o = shenpi(&["calendar", "check", "2027-01-01", "--ruleset", p]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("a calendar entry needs `date`"),
        "{}",
        stderr(&o)
    );

    let o = shenpi(&[
        "calendar",
        "check",
        "2027-01-01",
        "--ruleset",
        dir.join("missing.toml").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    std::fs::remove_dir_all(dir).unwrap();
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
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
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
        assert_eq!(shenpi(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn extreme_counts_do_not_panic() {
    for n in ["9223372036854775807", "-9223372036854775808"] {
        let o = shenpi(&["calendar", "add", "2026-02-13", n]);
        assert_eq!(o.status.code(), Some(0), "{n}: {}", stderr(&o));
        assert!(stdout(&o).contains("clamped"), "{n}");
        let o = shenpi(&["calendar", "add", "2026-02-13", n, "--natural"]);
        assert_eq!(o.status.code(), Some(0), "{n}: {}", stderr(&o));
    }
    let o = shenpi(&["calendar", "between", "0001-01-01", "9999-12-31"]);
    assert_eq!(o.status.code(), Some(0));
}
