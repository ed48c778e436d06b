//! `shenpi check` end to end: exit codes (README: 0 ok, 1 invalid input, 2 usage), the JSON
//! format, and `extends` paths resolved by the CLI's file resolver.

use std::process::{Command, Output};

fn shenpi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shenpi"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the shenpi binary runs")
}

fn codes(out: &Output) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    json.as_array()
        .expect("a list of diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("a code").to_owned())
        .collect()
}

#[test]
fn good_rulesets_exit_0() {
    let out = shenpi(&[
        "check",
        "tests/fixtures/good/national.toml",
        "tests/fixtures/good/city/shiyan.toml",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("checked 2 rulesets: 0 errors, 0 warnings"),
        "{stderr}"
    );
}

#[test]
fn errors_exit_1_with_rendered_diagnostics() {
    let out = shenpi(&["check", "tests/fixtures/bad/unknown-item.toml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[unknown-item]: unknown item `planing-permit`"));
    assert!(stderr.contains("--> tests/fixtures/bad/unknown-item.toml:23:10"));
    assert!(stderr.contains("did you mean `planning-permit`?"));
}

#[test]
fn warnings_alone_exit_0() {
    let out = shenpi(&["check", "tests/fixtures/bad/unsourced.toml"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning[unsourced]"));
}

#[test]
fn unreadable_file_exits_1() {
    let out = shenpi(&["check", "tests/fixtures/no-such-file.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(shenpi(&["check"]).status.code(), Some(2));
    assert_eq!(
        shenpi(&["check", "--format", "xml", "x.toml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(shenpi(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn json_format_lists_codes_and_positions() {
    let out = shenpi(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/bad/several-problems.toml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        codes(&out),
        [
            "unknown-stage",
            "missing-field",
            "unknown-item",
            "unknown-attribute",
            "unsourced",
            "unused-attribute"
        ]
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let label = &json[0]["labels"][0];
    assert_eq!(label["file"], "tests/fixtures/bad/several-problems.toml");
    assert_eq!(
        (label["line"].as_u64(), label["column"].as_u64()),
        (Some(17), Some(9))
    );
    assert_eq!(json[0]["severity"], "error");
    assert_eq!(json[0]["help"], "did you mean `construction`?");
}

#[test]
fn cli_resolves_extends_paths_and_detects_cycles_through_parent_dirs() {
    // extends-cycle.toml → parents/cycle-b.toml → ../extends-cycle.toml: the same file.
    let out = shenpi(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/bad/extends-cycle.toml",
    ]);
    assert_eq!(codes(&out), ["extends-cycle"]);
    // The same from another working directory spelling.
    let out = shenpi(&[
        "check",
        "--format",
        "json",
        "./tests/fixtures/../fixtures/bad/extends-cycle.toml",
    ]);
    assert_eq!(codes(&out), ["extends-cycle"]);
    // Errors in a parent point into the parent file.
    let out = shenpi(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/bad/extends-parent-error.toml",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json[0]["labels"][0]["file"],
        "tests/fixtures/bad/parents/typo.toml"
    );
}
