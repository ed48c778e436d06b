//! Reading input files (or standard input) and resolving `extends` paths.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use shenpi_core::ruleset::Resolver;

use crate::cmd::CliError;

/// Reads a path, or standard input for `-`. Returns (display name, text).
pub fn read_input(path: &Path) -> Result<(String, String), CliError> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| CliError::input(format!("cannot read standard input: {e}")))?;
        return Ok(("<stdin>".to_owned(), text));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::input(format!("cannot read `{}`: {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::input(format!(
            "`{}` is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((path.display().to_string(), text))
}

/// Resolves `extends = "path"` relative to the file that names it.
pub struct FileResolver;

impl Resolver for FileResolver {
    fn resolve(&self, name: &str, from: &str) -> Result<(String, String), String> {
        let base = Path::new(from).parent().unwrap_or(Path::new("."));
        let path = normalize(&if from.starts_with('<') || from.starts_with("builtin:") {
            PathBuf::from(name)
        } else {
            base.join(name)
        });
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        Ok((path.display().to_string(), text))
    }
}

/// Lexically cleans a path: drops `.` and folds `dir/..`, so that a chain that reaches one
/// file under two spellings (`a.toml` → `parents/b.toml` → `../a.toml`) is recognised as a
/// cycle instead of running to the depth limit. Symbolic links are not followed.
fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
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

#[cfg(test)]
mod tests {
    use super::normalize;
    use std::path::{Path, PathBuf};

    #[test]
    fn normalize_folds_dots() {
        let n = |p: &str| normalize(Path::new(p));
        assert_eq!(n("a/parents/../b.toml"), PathBuf::from("a/b.toml"));
        assert_eq!(n("./a/./b.toml"), PathBuf::from("a/b.toml"));
        assert_eq!(n("../up.toml"), PathBuf::from("../up.toml"));
        assert_eq!(n("a/../../up.toml"), PathBuf::from("../up.toml"));
        assert_eq!(n("/r/x/../y.toml"), PathBuf::from("/r/y.toml"));
    }
}
