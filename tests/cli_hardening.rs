//! Hostile conditions the CLI must survive with a clear error and an exit code, never a
//! panic (issue "Hardening").

mod cli_support;

use cli_support::shenpi_into_full_device;

/// Every command that writes to standard output, with its output going nowhere.
const WRITERS: &[&[&str]] = &[
    &["check", "--builtin", "--format", "json"],
    &[
        "plan",
        "example:hubei-shiyan-2022/social-general",
        "--format",
        "json",
        "--start",
        "2026-03-02",
    ],
    &[
        "plan",
        "example:hubei-shiyan-2022/social-general",
        "--start",
        "2026-03-02",
    ],
    &["show", "hubei-shiyan-2022", "--start", "2026-03-02"],
    &[
        "explain",
        "example:hubei-shiyan-2022/social-general",
        "construction-permit",
        "--start",
        "2026-03-02",
    ],
    &["rulesets"],
    &["calendar", "list", "2026"],
    &["completions", "bash"],
    &["man"],
    &["schema", "ruleset"],
];

#[test]
fn a_failing_standard_output_is_an_error_not_a_panic() {
    for args in WRITERS {
        let run = shenpi_into_full_device(args, "stdout");
        run.expect_code(1)
            .stderr_has("error: cannot write to standard output");
    }
}

#[test]
fn a_failing_standard_error_is_not_a_panic() {
    // Diagnostics, warnings and the final error all go to standard error.
    let run = shenpi_into_full_device(&["check", "tests/fixtures/bad/unknown-item.toml"], "stderr");
    run.expect_code(1);
    let run = shenpi_into_full_device(&["plan", "no-such-file.toml"], "stderr");
    run.expect_code(1);
    let run = shenpi_into_full_device(&["check", "--builtin"], "stderr");
    run.expect_code(0);
}
