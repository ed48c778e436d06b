//! `shenpi check` end to end: exit codes (README: 0 ok, 1 invalid input, 2 usage), the JSON
//! format, and `extends` paths resolved by the CLI's file resolver.

mod cli_support;

use cli_support::{Run, shenpi};

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("JSON on stdout")
}

fn codes(run: &Run) -> Vec<String> {
    json(run)
        .as_array()
        .expect("a list of diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("a code").to_owned())
        .collect()
}

#[test]
fn good_rulesets_exit_0() {
    shenpi(&[
        "check",
        "tests/fixtures/good/national.toml",
        "tests/fixtures/good/city/shiyan.toml",
    ])
    .expect_code(0)
    .stderr_has("checked 2 rulesets: 0 errors, 0 warnings");
}

#[test]
fn errors_exit_1_with_rendered_diagnostics() {
    shenpi(&["check", "tests/fixtures/bad/unknown-item.toml"])
        .expect_code(1)
        .stderr_has("error[unknown-item]: unknown item `planing-permit`")
        .stderr_has("--> tests/fixtures/bad/unknown-item.toml:23:10")
        .stderr_has("did you mean `planning-permit`?");
}

#[test]
fn warnings_alone_exit_0() {
    shenpi(&["check", "tests/fixtures/bad/unsourced.toml"])
        .expect_code(0)
        .stderr_has("warning[unsourced]");
}

#[test]
fn unreadable_file_exits_1() {
    shenpi(&["check", "tests/fixtures/no-such-file.toml"])
        .expect_code(1)
        .stderr_has("cannot read");
}

#[test]
fn usage_errors_exit_2() {
    shenpi(&["check"]).expect_code(2);
    shenpi(&["check", "--format", "xml", "x.toml"]).expect_code(2);
    shenpi(&["no-such-command"]).expect_code(2);
}

#[test]
fn json_format_lists_codes_and_positions() {
    let out = shenpi(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/bad/several-problems.toml",
    ]);
    out.expect_code(1);
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
    let json = json(&out);
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
    assert_eq!(
        json(&out)[0]["labels"][0]["file"],
        "tests/fixtures/bad/parents/typo.toml"
    );
}
