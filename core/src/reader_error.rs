//! A reader's error (TOML or JSON syntax, a field serde did not expect) as a diagnostic with
//! a stable code: rulesets, project files and the calendar data all read through this.

use crate::diagnostic::Diagnostic;

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
