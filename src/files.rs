//! Reading input files (or standard input) and resolving `extends` paths.

use std::io::Read;
use std::path::Path;

use shenpi_core::ruleset::{self, Resolver};

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
        let path = ruleset::load::parent_path(from, name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        Ok((path.display().to_string(), text))
    }
}
