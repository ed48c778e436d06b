//! Every file in `tests/fixtures/bad/` is a ruleset with known problems. Its first line says
//! which diagnostic codes it must produce (`# expect: code code …`, in order, repeated codes
//! counted); the rendered plain-text diagnostics are snapshotted with insta.
//!
//! Update snapshots after a deliberate change with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test fixtures_bad`) and read the diff.

mod common;

use std::path::Path;

use shenpi_core::diagnostic::{has_errors, render_text, to_json};

/// The codes a fixture declares in its `# expect:` line.
fn expected_codes(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("# expect:"))
        .unwrap_or_else(|| panic!("{} has no `# expect:` line", path.display()));
    line.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn bad_fixtures_report_their_problems() {
    insta::glob!("fixtures/bad/*.toml", |path| {
        let loaded = common::load_fixture(path);
        let name = common::relative_name(path);
        let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
        let expected = expected_codes(path);
        assert_eq!(codes, expected, "codes reported for {name}");

        // Warnings alone leave a usable ruleset; any error rejects it.
        assert_eq!(
            loaded.ruleset.is_none(),
            has_errors(&loaded.diagnostics),
            "{name}: a ruleset is returned exactly when there are no errors"
        );

        // Every label points into a known file, inside its text.
        let json = to_json(&loaded.diagnostics, &loaded.sources);
        for (d, j) in loaded.diagnostics.iter().zip(&json) {
            assert!(!d.labels.is_empty(), "{name}: `{}` has no label", d.code);
            assert_eq!(
                d.labels.len(),
                j.labels.len(),
                "{name}: `{}` has a label outside every file",
                d.code
            );
            assert!(j.labels[0].primary, "{name}: the first label is primary");
        }

        let text = render_text(&loaded.diagnostics, &loaded.sources, false);
        for code in &codes {
            assert!(
                text.contains(&format!("[{code}]")),
                "{name}: rendered text shows `{code}`"
            );
        }
        insta::assert_snapshot!(text);
    });
}
