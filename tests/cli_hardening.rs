//! Hostile conditions the CLI must survive with a clear error and an exit code, never a
//! panic (issue "Hardening").

mod cli_support;

use cli_support::{arg, make_fifo, run_in, shenpi, shenpi_into_full_device, temp_dir, write};

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

#[test]
fn only_regular_files_of_bounded_size_are_read() {
    let dir = temp_dir();
    // A FIFO would block a reader forever.
    let fifo = dir.path().join("fifo.toml");
    if make_fifo(&fifo) {
        shenpi(&["check", arg(&fifo)])
            .expect_code(1)
            .stderr_has("error[unreadable-file]: cannot read")
            .stderr_has("not a regular file");
    }
    // A device behind a ruleset's name would fill memory.
    let zero = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    shenpi(&["check", arg(&zero)])
        .expect_code(1)
        .stderr_has("not a regular file");
    // Past 16 MiB, a clear error instead of reading on.
    let big = write(dir.path(), "big.toml", &"# padding\n".repeat(1_700_000));
    shenpi(&["check", arg(&big)])
        .expect_code(1)
        .stderr_has("larger than 16 MiB");
    // A file that is no project is not read (and none of its lines is quoted).
    shenpi(&["plan", "/etc/shadow"])
        .expect_code(1)
        .stderr_has("is not a project file: expected a name ending in `.toml` or `.json`");
}

#[test]
fn check_reports_an_unreadable_file_and_goes_on() {
    let run = shenpi(&[
        "check",
        "no-such-ruleset.toml",
        "tests/fixtures/good/national.toml",
        "--format",
        "json",
    ]);
    run.expect_code(1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = (json.as_array().unwrap().iter())
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unreadable-file"], "{json}");
}

#[test]
fn a_name_without_slash_or_toml_is_a_built_in_id_never_a_file() {
    let dir = temp_dir();
    // A file named like a built-in, beside where the command runs: not read.
    write(
        dir.path(),
        "hubei-shiyan-2022",
        "[ruleset]\nid = \"impostor\"\n",
    );
    let out = run_in(dir.path(), &["show", "hubei-shiyan-2022"], None);
    out.expect_code(0).stdout_has("十堰市");
    run_in(dir.path(), &["show", "impostor"], None)
        .expect_code(1)
        .stderr_has("is neither a built-in ruleset");
    // Named as a path, a file is a file.
    write(dir.path(), "mine.toml", "[ruleset]\nid = \"mine\"\n");
    run_in(dir.path(), &["check", "./mine.toml"], None).expect_code(0);
}

#[test]
fn nan_and_inf_are_not_numbers_a_project_can_give() {
    let dir = temp_dir();
    for value in ["nan", "inf", "-inf"] {
        let path = write(
            dir.path(),
            "p.toml",
            &format!(
                "ruleset = \"cn-national-2019\"\ntype = \"social-general\"\nstart = 2026-03-02\n\n\
                 [attributes]\ninvestment = \"social\"\nkind = \"building\"\nfloor_area = {value}\n"
            ),
        );
        shenpi(&["plan", arg(&path)])
            .expect_code(1)
            .stderr_has("error[invalid-value]: not a finite number");
    }
}

#[test]
fn a_plan_past_the_year_9999_is_refused() {
    for format in ["ics", "mermaid", "json"] {
        shenpi(&[
            "plan",
            "example:cn-national-2019/social-general",
            "--start",
            "9999-01-04",
            "--format",
            format,
        ])
        .expect_code(1)
        .stderr_has("past the year 9999");
    }
}

#[test]
fn output_files_keep_their_mode_and_devices_stay_devices() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = temp_dir();
    let private = write(dir.path(), "plan.json", "old");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    shenpi(&[
        "plan",
        "example:hubei-shiyan-2022/social-general",
        "--format",
        "json",
        "-o",
        arg(&private),
    ])
    .expect_code(0);
    let meta = std::fs::metadata(&private).unwrap();
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o600,
        "a private file stays private"
    );
    assert!(std::fs::read_to_string(&private).unwrap().starts_with('{'));
    // Nothing but the target is left in the directory (no temporary file).
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // A device is written into, never replaced by a regular file.
    shenpi(&[
        "plan",
        "example:hubei-shiyan-2022/social-general",
        "-o",
        "/dev/null",
    ])
    .expect_code(0);
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // And `-o /dev/stdout` writes to standard output.
    let run = shenpi(&[
        "plan",
        "example:hubei-shiyan-2022/social-general",
        "--format",
        "json",
        "-o",
        "/dev/stdout",
    ]);
    run.expect_code(0);
    assert!(run.stdout.starts_with('{'), "{}", run.stdout);
}

#[test]
fn a_project_name_with_an_escape_sequence_is_refused() {
    let dir = temp_dir();
    let path = write(
        dir.path(),
        "p.toml",
        "name = \"项目\\u001b]0;title\\u0007\"\nruleset = \"cn-national-2019\"\ntype = \"social-general\"\n\
         start = 2026-03-02\n\n[attributes]\ninvestment = \"social\"\nkind = \"building\"\n",
    );
    let run = shenpi(&["plan", arg(&path)]);
    run.expect_code(1)
        .stderr_has("error[invalid-text]: the project's name holds the character U+001B");
    assert!(!run.stderr.contains('\u{1b}'), "the escape is not printed");
}

#[test]
fn a_byte_order_mark_is_accepted_in_project_files() {
    let dir = temp_dir();
    let body = "{\"ruleset\": \"cn-national-2019\", \"type\": \"social-general\", \"start\": \"2026-03-02\", \
                \"attributes\": {\"investment\": \"social\", \"kind\": \"building\"}}";
    let json = write(dir.path(), "p.json", &format!("\u{feff}{body}"));
    shenpi(&["plan", arg(&json), "--format", "json"]).expect_code(0);
    let toml = write(
        dir.path(),
        "p.toml",
        "\u{feff}ruleset = \"cn-national-2019\"\ntype = \"social-general\"\nstart = 2026-03-02\n\n\
         [attributes]\ninvestment = \"social\"\nkind = \"building\"\n",
    );
    shenpi(&["plan", arg(&toml), "--format", "json"]).expect_code(0);
}

#[test]
fn show_as_markdown_escapes_names() {
    let dir = temp_dir();
    let ruleset = write(
        dir.path(),
        "r.toml",
        "[ruleset]\nid = \"r\"\nname = \"<script>alert(1)</script> [x](javascript:alert(1))\"\n\n\
         [[stage]]\nid = \"s\"\nname = \"s\"\n\n[[item]]\nid = \"i\"\nname = \"<b>i</b>\"\ndepartment = \"d\"\n\
         stage = \"s\"\nlimit = 1\nsource = \"x\"\n",
    );
    let run = shenpi(&["show", arg(&ruleset), "--format", "md"]);
    run.expect_code(0);
    assert!(
        !run.stdout.contains("<script>") && !run.stdout.contains("<b>"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("[x](javascript"), "{}", run.stdout);
}

#[test]
fn thousands_of_mistakes_print_the_first_hundred_and_a_count() {
    let dir = temp_dir();
    let mut text =
        String::from("[ruleset]\nid = \"r\"\nname = \"r\"\n[[stage]]\nid = \"s\"\nname = \"s\"\n");
    for i in 0..300 {
        text.push_str(&format!(
            "[[item]]\nid = \"i{i}\"\nname = \"i\"\ndepartment = \"d\"\nstage = \"s\"\nlimit = 1\nsource = \"x\"\nafter = [\"nope{i}\"]\n"
        ));
    }
    let path = write(dir.path(), "r.toml", &text);
    let run = shenpi(&["check", arg(&path)]);
    run.expect_code(1)
        .stderr_has("… and 200 more (`shenpi check --format json` lists them all)");
    assert_eq!(run.stderr.matches("error[unknown-item]").count(), 100);
    let json = shenpi(&["check", arg(&path), "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 300);
}

#[test]
fn errors_in_a_json_project_point_at_the_json() {
    let dir = temp_dir();
    let path = write(
        dir.path(),
        "p.json",
        "{\"ruleset\": \"hubei-shiyan-2022\", \"type\": \"social-general\",\n \"start\": 20260302}",
    );
    shenpi(&["plan", arg(&path)])
        .expect_code(1)
        .stderr_has("p.json:2:18")
        .stderr_has("expected a date");
    let run = shenpi(&["plan", arg(&path)]);
    assert!(!run.stderr.contains("as TOML"), "{}", run.stderr);
}

#[test]
fn diagnostics_never_print_a_files_control_characters() {
    let dir = temp_dir();
    // Literal escape bytes inside a name (refused by `invalid-text`, whose snippet quotes the
    // line), and on a line with a syntax error.
    let named = write(
        dir.path(),
        "named.toml",
        "[ruleset]\nid = \"r\"\nname = \"\u{1b}]0;pwned\u{7}\u{202e}\"\n",
    );
    let broken = write(
        dir.path(),
        "broken.toml",
        "[ruleset]\nid = \"r\" \u{1b}[2J oops\n",
    );
    for path in [&named, &broken] {
        let run = shenpi(&["check", arg(path)]);
        run.expect_code(1);
        assert!(
            !run.stderr.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{}: {:?}",
            path.display(),
            run.stderr
        );
        assert!(run.stderr.contains("?"), "{}", run.stderr);
    }
}

#[test]
fn a_file_that_is_not_toml_is_not_quoted() {
    let dir = temp_dir();
    let secret = write(dir.path(), "shadow", "root:$6$s3cr3t:19000:0:99999:7:::\n");
    let named = dir.path().join("looks-like.toml");
    std::os::unix::fs::symlink(&secret, &named).unwrap();
    for args in [vec!["check", arg(&named)], vec!["plan", arg(&named)]] {
        let run = shenpi(&args);
        run.expect_code(1).stderr_has("does not read as TOML");
        assert!(!run.stderr.contains("s3cr3t"), "{}", run.stderr);
    }
}

#[test]
fn free_text_attributes_hold_no_control_characters() {
    let dir = temp_dir();
    let ruleset = write(
        dir.path(),
        "r.toml",
        "[ruleset]\nid = \"r\"\nname = \"r\"\n\n[[attribute]]\nid = \"note\"\ntype = \"text\"\n\n\
         [[project_type]]\nid = \"t\"\nname = \"t\"\nwhen = { note = \"x\" }\n\n[[stage]]\nid = \"s\"\nname = \"s\"\n",
    );
    let project = write(
        dir.path(),
        "p.toml",
        "ruleset = \"r.toml\"\ntype = \"t\"\nstart = 2026-03-02\n[attributes]\nnote = \"a\\u001b[31mred\"\n",
    );
    shenpi(&["plan", arg(&project)])
        .expect_code(1)
        .stderr_has("error[invalid-text]: `note` holds the character U+001B");
    let _ = ruleset;
}
