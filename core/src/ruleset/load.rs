//! Reading a ruleset and its `extends` chain into raw files, parent first.

use crate::builtin;
use crate::diagnostic::Diagnostic;
use crate::source::{Sources, with_span_base};
use crate::spanned::Sp;

use super::raw::RawRuleset;

/// Longest `extends` chain accepted (national → province → city → district is four).
pub const MAX_CHAIN_DEPTH: usize = 16;

/// Finds the text of a parent ruleset named by a path. Built-in ids are resolved by the
/// core itself; hosts with files (the CLI) resolve paths.
pub trait Resolver {
    /// `name` is the `extends` value, `from` the source name of the file that wrote it.
    /// Returns (display name, text) or a sentence saying why it could not be read.
    fn resolve(&self, name: &str, from: &str) -> Result<(String, String), String>;
}

/// Where `extends = "name"`, written in the source named `from`, points: `name` relative to
/// that file's folder (or as written when `from` is `<stdin>` or a built-in), cleaned
/// lexically — `.` dropped and `dir/..` folded — so that a chain reaching one file under two
/// spellings (`a.toml` → `parents/b.toml` → `../a.toml`) is recognised as a cycle. No file is
/// touched and symbolic links are not followed; hosts that read files call this.
pub fn parent_path(from: &str, name: &str) -> std::path::PathBuf {
    use std::path::{Component, Path, PathBuf};
    let joined = if from.starts_with('<') || from.starts_with("builtin:") {
        PathBuf::from(name)
    } else {
        Path::new(from).parent().unwrap_or(Path::new("")).join(name)
    };
    let mut out: Vec<Component> = Vec::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// A host without files: only built-in ids resolve (the web page).
pub struct BuiltinsOnly;

impl Resolver for BuiltinsOnly {
    fn resolve(&self, name: &str, _from: &str) -> Result<(String, String), String> {
        Err(format!(
            "`{name}` is not a built-in ruleset, and files cannot be read here"
        ))
    }
}

/// Parses one TOML text registered in `sources`.
pub(crate) fn parse_file(
    sources: &mut Sources,
    name: &str,
    text: &str,
) -> Result<RawRuleset, Diagnostic> {
    let id = sources.add(name, text);
    let base = sources.get(id).base;
    with_span_base(base, || toml::from_str::<RawRuleset>(text)).map_err(|e| {
        let span = e
            .span()
            .map_or(base..base, |s| s.start + base..s.end + base);
        toml_error(&e, span)
    })
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
pub(crate) fn read_error(
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

/// The files of a chain, root ancestor first, each with the span of the `extends` that
/// pulled it in.
pub(crate) struct Chain {
    pub files: Vec<RawRuleset>,
}

/// Reads `text` and its ancestors. Stops at the first file that cannot be read or parsed.
pub(crate) fn read_chain(
    sources: &mut Sources,
    name: &str,
    text: &str,
    resolver: &dyn Resolver,
) -> Result<Chain, Diagnostic> {
    let mut files = vec![parse_file(sources, name, text)?];
    let mut names = vec![name.to_owned()];
    loop {
        let current = files.last().expect("at least one file");
        let Some(parent) = current
            .ruleset
            .as_ref()
            .and_then(|m| m.value.extends.clone())
        else {
            break;
        };
        let from = names.last().expect("named").clone();
        let (parent_name, parent_text) = resolve(&parent, &from, resolver)?;
        if let Some(pos) = names.iter().position(|n| *n == parent_name) {
            let mut cycle: Vec<&str> = names[pos..].iter().map(String::as_str).collect();
            cycle.push(&parent_name);
            return Err(Diagnostic::error(
                "extends-cycle",
                format!("`extends` forms a cycle: {}", cycle.join(" → ")),
            )
            .with_label(parent.span.clone(), "this parent is already in the chain")
            .with_help("a ruleset cannot be its own ancestor; remove one `extends`"));
        }
        if names.len() >= MAX_CHAIN_DEPTH {
            return Err(Diagnostic::error(
                "extends-depth",
                format!("`extends` chain is deeper than {MAX_CHAIN_DEPTH} rulesets"),
            )
            .with_label(parent.span.clone(), "chain too deep here"));
        }
        let raw = parse_file(sources, &parent_name, &parent_text)?;
        files.push(raw);
        names.push(parent_name);
    }
    files.reverse();
    Ok(Chain { files })
}

fn resolve(
    parent: &Sp<String>,
    from: &str,
    resolver: &dyn Resolver,
) -> Result<(String, String), Diagnostic> {
    if let Some(text) = builtin::ruleset(&parent.value) {
        return Ok((format!("builtin:{}", parent.value), text.to_owned()));
    }
    resolver.resolve(&parent.value, from).map_err(|why| {
        let looks_like_id = !parent.value.contains(['/', '\\', '.']);
        let help = if looks_like_id {
            Some(match crate::suggest::hint(&parent.value, builtin::ids()) {
                Some(h) => format!("{h} (built-in rulesets: `shenpi rulesets`)"),
                None => "no built-in ruleset has this id; a file is named by its path, \
                         e.g. `../province.toml`"
                    .to_owned(),
            })
        } else {
            Some("paths are relative to the file that names them".to_owned())
        };
        Diagnostic::error(
            "extends-missing",
            format!("parent ruleset `{}` not found", parent.value),
        )
        .with_label(parent.span.clone(), why)
        .with_optional_help(help)
    })
}

#[cfg(test)]
mod tests {
    use super::parent_path;
    use std::path::PathBuf;

    #[test]
    fn parent_paths_are_relative_to_the_naming_file_and_folded() {
        let p = |from: &str, name: &str| parent_path(from, name);
        assert_eq!(
            p("a/child.toml", "parents/../b.toml"),
            PathBuf::from("a/b.toml")
        );
        assert_eq!(p("./a/x.toml", "./b.toml"), PathBuf::from("a/b.toml"));
        assert_eq!(p("x.toml", "../up.toml"), PathBuf::from("../up.toml"));
        assert_eq!(p("a/x.toml", "../../up.toml"), PathBuf::from("../up.toml"));
        assert_eq!(p("/r/x/c.toml", "../y.toml"), PathBuf::from("/r/y.toml"));
        assert_eq!(p("<stdin>", "rs/p.toml"), PathBuf::from("rs/p.toml"));
        assert_eq!(p("builtin:hubei-2021", "./p.toml"), PathBuf::from("p.toml"));
        assert_eq!(p("a.toml", "."), PathBuf::from("."));
    }
}
