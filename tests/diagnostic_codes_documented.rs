//! `docs/diagnostics.md` describes every diagnostic code the core can emit, and nothing else.
//!
//! Codes are found in the core sources where they are written:
//! - the first argument of `Diagnostic::error(…)` / `Diagnostic::warning(…)` when it is a
//!   string literal;
//! - the second argument of `resolve("kind", "code", …)` (unknown references);
//! - the `("code", Some(…))` / `("code", None)` table that classifies TOML errors.
//!
//! A code passed some other way makes this test fail with a request to teach it the new way,
//! rather than silently missing the code.

use std::collections::BTreeSet;
use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("core/src is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal at the start of `s` (after whitespace), if there is one.
fn literal(s: &str) -> Option<&str> {
    let s = s.trim_start().strip_prefix('"')?;
    s.find('"').map(|end| &s[..end])
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Codes written in one source file; `Err` names a call whose code this test cannot see.
fn codes_in(text: &str, file: &str) -> Result<BTreeSet<String>, String> {
    let mut codes = BTreeSet::new();
    let mut variable = false;
    for call in ["Diagnostic::error(", "Diagnostic::warning("] {
        for (at, _) in text.match_indices(call) {
            let rest = &text[at + call.len()..];
            match literal(rest) {
                Some(code) if is_code(code) => {
                    codes.insert(code.to_owned());
                }
                Some(other) => return Err(format!("{file}: `{other}` is not a code")),
                None => variable = true,
            }
        }
    }
    // `self.resolve("item", "unknown-item", …)`
    for (at, _) in text.match_indices("resolve(") {
        let rest = &text[at + "resolve(".len()..];
        let Some(kind) = literal(rest) else { continue };
        let after_kind = rest.trim_start()[kind.len() + 2..].trim_start();
        if let Some(code) = after_kind.strip_prefix(',').and_then(literal)
            && is_code(code)
        {
            codes.insert(code.to_owned());
        }
    }
    // `("unknown-field", Some(…))`, `("missing-field", None)`
    let mut table = 0;
    for (at, _) in text.match_indices('(') {
        let rest = &text[at + 1..];
        let Some(code) = literal(rest) else { continue };
        let tail = rest.trim_start()[code.len() + 2..].trim_start();
        let Some(tail) = tail.strip_prefix(',') else {
            continue;
        };
        let tail = tail.trim_start();
        if is_code(code)
            && code.contains('-')
            && (tail.starts_with("Some(") || tail.starts_with("None)"))
        {
            codes.insert(code.to_owned());
            table += 1;
        }
    }
    if variable && table == 0 && !text.contains("resolve(") {
        return Err(format!(
            "{file} passes a diagnostic code in a variable in a way this test does not know; \
             teach tests/diagnostic_codes_documented.rs where those codes are written"
        ));
    }
    Ok(codes)
}

fn core_codes() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("core/src"), &mut files);
    files.sort();
    let mut codes = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("source is readable");
        let name = f.strip_prefix(root).unwrap_or(&f).display().to_string();
        codes.extend(codes_in(&text, &name).unwrap_or_else(|e| panic!("{e}")));
    }
    codes
}

/// Codes with a `### `code`` section in the docs.
fn documented_codes() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md");
    let text = std::fs::read_to_string(path).expect("docs/diagnostics.md exists");
    text.lines()
        .filter_map(|l| l.strip_prefix("### `")?.strip_suffix('`'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_code_is_documented() {
    let core = core_codes();
    // The scan must see the codes it is known to miss otherwise (variables, tables, missing()).
    for known in [
        "unknown-item",
        "unknown-stage",
        "toml-syntax",
        "unknown-field",
        "missing-field",
        "unsourced",
    ] {
        assert!(
            core.contains(known),
            "the scan of core/src no longer finds `{known}`"
        );
    }
    let documented = documented_codes();
    let undocumented: Vec<&String> = core.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "codes the core can emit but docs/diagnostics.md does not describe (add a `### `code`` \
         section with a meaning and an example): {undocumented:?}"
    );
    let stale: Vec<&String> = documented.difference(&core).collect();
    assert!(
        stale.is_empty(),
        "docs/diagnostics.md describes codes the core no longer emits: {stale:?}"
    );
}

#[test]
fn fixture_codes_are_documented() {
    let documented = documented_codes();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("fixture");
        let expect = text
            .lines()
            .find_map(|l| l.strip_prefix("# expect:"))
            .unwrap_or_default();
        for code in expect.split_whitespace() {
            assert!(
                documented.contains(code),
                "{}: `{code}` is not documented",
                path.display()
            );
        }
    }
}

#[test]
fn the_scan_finds_codes_in_every_written_form() {
    let src = r#"
        let a = Diagnostic::error("first-code", "m");
        let b = Diagnostic::warning(
            "second",
            "m",
        );
        self.resolve("item", "third-code", &ids, r);
        let (code, help) = if x { ("fourth-code", Some("h")) } else { ("fifth-code", None) };
        let c = Diagnostic::error(code, "m");
        missing("item", "stage", &id);
    "#;
    let codes = codes_in(src, "example.rs").unwrap();
    let expected: BTreeSet<String> = [
        "first-code",
        "second",
        "third-code",
        "fourth-code",
        "fifth-code",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(codes, expected);
    assert!(codes_in("Diagnostic::error(code, \"m\")", "x.rs").is_err());
}

/// The rendered examples in the docs are the current output: every `text` block that shows a
/// diagnostic of a fixture is found, verbatim, in that fixture's snapshot.
#[test]
fn documented_examples_match_the_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = std::fs::read_to_string(root.join("docs/diagnostics.md")).expect("docs");
    let mut checked = 0;
    for block in docs.split("```text\n").skip(1) {
        let block = block.split("\n```").next().expect("a closed block");
        // The fixture is the file the example's first `-->` line points to, or the fixture
        // that extends it (parents live in `tests/fixtures/bad/parents/`).
        let Some(file) = block
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .and_then(|l| l.split(':').next())
        else {
            continue;
        };
        if !file.starts_with("tests/fixtures/bad/") {
            continue;
        }
        let snapshots = root.join("tests/snapshots");
        let found = std::fs::read_dir(&snapshots)
            .expect("snapshots")
            .filter_map(|e| std::fs::read_to_string(e.expect("entry").path()).ok())
            .any(|snap| snap.contains(block));
        assert!(
            found,
            "docs/diagnostics.md shows an example for {file} that no snapshot contains; \
             regenerate the example from tests/snapshots/:\n{block}"
        );
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} examples were checked");
}
