//! A reader's error (TOML or JSON syntax, a field serde did not expect) as a diagnostic with
//! a stable code: rulesets, project files and the calendar data all read through this.

use crate::diagnostic::Diagnostic;

/// A TOML error of the file `text` (registered at global offset `base`) as a diagnostic. An
/// error on the file's first line that holds anything means the file is not TOML at all
/// (a password file, `/proc/self/environ` behind a `.toml` name): then nothing of it is
/// quoted, only that it does not read as TOML.
pub fn toml_file_error(e: &toml::de::Error, text: &str, base: usize) -> Diagnostic {
    let local = e.span().unwrap_or(0..0);
    let message = e.message();
    let shape = [
        "missing field",
        "unknown field",
        "invalid type",
        "unknown variant",
        "invalid value",
    ]
    .iter()
    .any(|p| message.starts_with(p));
    // The first line that holds anything (not blank, not a comment), and where it ends.
    let first = (text.lines())
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| {
            let line = line.trim();
            !line.is_empty() && !line.starts_with('#')
        });
    let fails_at_once = first.is_some_and(|(start, line)| {
        local.start <= start + line.len() && !line.trim_start().starts_with('[')
    });
    if !shape && fails_at_once {
        return Diagnostic::error("toml-syntax", "the file does not read as TOML")
            .with_help("its first line does not parse; a ruleset or project file starts with `[ruleset]` or `key = value` lines");
    }
    toml_error(e, local.start + base..local.end + base)
}

/// A TOML syntax or shape error as a diagnostic.
pub fn toml_error(e: &toml::de::Error, span: std::ops::Range<usize>) -> Diagnostic {
    read_error(
        e.message(),
        span,
        (
            "toml-syntax",
            Some("see https://toml.io for the TOML syntax"),
        ),
    )
}

/// A syntax or shape error of a serde reader as a diagnostic: unknown and missing fields and
/// wrong types get their own codes; anything else is a syntax error, `syntax` = `(code, help)`.
pub fn read_error(
    message: &str,
    span: std::ops::Range<usize>,
    syntax: (&'static str, Option<&'static str>),
) -> Diagnostic {
    let message = message.trim();
    let (code, help) = if message.starts_with("unknown field") {
        (
            "unknown-field",
            Some("check the spelling against docs/schema/ruleset.schema.json"),
        )
    } else if message.starts_with("missing field") {
        ("missing-field", None)
    } else if message.contains("invalid type") || message.starts_with("unknown variant") {
        ("invalid-value", None)
    } else {
        syntax
    };
    let first_line = plain_types(message.lines().next().unwrap_or_default());
    if code == "unknown-field"
        && let Some((head, expected)) = first_line.split_once(", expected ")
    {
        // `unknown field `limt`, expected one of `id`, `name`, …`: a did-you-mean instead
        // of the whole list.
        let fields: Vec<&str> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|f| !f.is_empty())
            .collect();
        let typo = head.split('`').nth(1).unwrap_or_default();
        let hint = crate::suggest::did_you_mean(typo, fields.iter().copied())
            .map(|f| format!("did you mean `{f}`?"));
        return Diagnostic::error(code, head.to_owned())
            .with_label(span, "not a field here")
            .with_help(match hint {
                Some(h) => h,
                None => format!("{expected}; {}", help.unwrap_or_default()),
            });
    }
    let d = Diagnostic::error(code, first_line.clone()).with_label(span, first_line);
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// Replaces Rust type names in serde's messages with the TOML words a ruleset author knows.
fn plain_types(message: &str) -> String {
    let mut out = message.to_owned();
    for (rust, toml) in [
        ("expected i64", "expected an integer"),
        ("expected u32", "expected an integer"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected a table"),
    ] {
        out = out.replace(rust, toml);
    }
    if let Some(pos) = out.find("expected struct ") {
        out.replace_range(pos.., "expected a table");
    }
    out
}
