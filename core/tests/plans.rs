//! The planner cases of `tests/plans/` (how to write one: the README.md there): every case is
//! planned and every field it lists compared with its plan. One test runs them all and fails
//! with every mismatch of every case, each under its file and case.

mod plan_cases;

use plan_cases::{display_name, files};

#[test]
fn plan_cases_hold() {
    let files = files();
    assert!(!files.is_empty(), "no case files in tests/plans/");
    let (mut cases, mut failures) = (0, Vec::new());
    for path in &files {
        let name = display_name(path);
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (n, failed) = plan_cases::run(&name, &text);
        cases += n;
        failures.extend(failed);
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} plan cases failed:\n\n{}\n",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The text of a case file, with `from` replaced by `to` (which must change it).
fn edited(file: &str, from: &str, to: &str) -> String {
    let path = plan_cases::dir().join(file);
    let text = std::fs::read_to_string(&path).expect("the case file is readable");
    assert!(text.contains(from), "{file} holds no {from:?}");
    text.replacen(from, to, 1)
}

/// The runner itself: a wrong expectation fails, with the file, the case, the field, and
/// both values.
#[test]
fn a_wrong_expectation_fails_with_both_values() {
    let text = edited(
        "finish-to-start.toml",
        "b = { decided = 2026-03-09 }",
        "b = { decided = 2026-03-10 }",
    );
    let (cases, failures) = plan_cases::run("tests/plans/finish-to-start.toml", &text);
    assert_eq!(cases, 1);
    assert_eq!(
        failures,
        [
            "tests/plans/finish-to-start.toml: case \"finish-to-start chain counts from the day after acceptance\":\n  \
             items.b.decided: expected 2026-03-10, got \"2026-03-09\""
        ]
    );
}

/// In a list, a text names an entry by its id, and the list is checked whole.
#[test]
fn a_text_in_a_list_names_an_entry() {
    let stages = |list: &str| {
        let to = format!("critical_path = [\"a\", \"b\"]\nstages = {list}");
        let text = edited(
            "finish-to-start.toml",
            "critical_path = [\"a\", \"b\"]",
            &to,
        );
        plan_cases::run("f.toml", &text).1
    };
    assert_eq!(stages(r#"["s1", "s2"]"#), Vec::<String>::new());
    let failures = stages(r#"["s2", "s1"]"#);
    assert!(
        failures[0].contains("stages: expected [\"s2\", \"s1\"], got [{"),
        "{failures:?}"
    );
    assert_eq!(stages(r#"["s1"]"#).len(), 1);
}

/// A misspelt field cannot make a case pass: every name a case lists must be in the plan,
/// and a case file takes only the keys it knows.
#[test]
fn unknown_names_fail() {
    let text = edited(
        "finish-to-start.toml",
        "approval_working_days =",
        "aproval_working_days =",
    );
    let (_, failures) = plan_cases::run("f.toml", &text);
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0].contains("summary.aproval_working_days: the plan has no such field"),
        "{failures:?}"
    );
    let text = edited(
        "finish-to-start.toml",
        "name = \"finish-to-start",
        "title = \"finish-to-start",
    );
    let (_, failures) = plan_cases::run("f.toml", &text);
    assert!(
        failures[0].contains("unknown field `title`"),
        "{failures:?}"
    );
    let text = edited("finish-to-start.toml", "items.b = ", "items.z = ");
    let (_, failures) = plan_cases::run("f.toml", &text);
    assert!(
        failures[0].contains("items.z: not in the plan (there are: a, b)"),
        "{failures:?}"
    );
}
