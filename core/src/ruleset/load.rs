//! Reading a ruleset and its `extends` chain into raw files, parent first.

use crate::builtin;
use crate::diagnostic::Diagnostic;
pub use crate::reader_error::toml_error;
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
    with_span_base(base, || toml::from_str::<RawRuleset>(text))
        .map_err(|e| crate::reader_error::toml_file_error(&e, text, base))
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
