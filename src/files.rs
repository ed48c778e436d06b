//! Reading input files (or standard input) and resolving `extends` paths.
//!
//! Project files come from applicants and rulesets from bureaus: neither is trusted. A file
//! named on the command line or by `extends` must be a regular file of the right kind
//! (`.toml`, or `.json` for projects) and at most [`MAX_INPUT_BYTES`]: a FIFO would block
//! forever, `/dev/zero` would fill memory, and `/etc/shadow` must not end up quoted in a
//! syntax error.

use std::io::Read;
use std::path::Path;

use shenpi_core::ruleset::{self, Resolver};

use crate::cmd::CliError;

/// Largest input read: far above any real ruleset or project (the built-ins are < 64 KiB).
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// What a file is read as, which decides the extensions it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A ruleset: `.toml`.
    Ruleset,
    /// A project: `.toml` or `.json`.
    Project,
    /// A holiday notice's text: `.txt`.
    Notice,
}

impl Kind {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Ruleset => &["toml"],
            Kind::Project => &["toml", "json"],
            Kind::Notice => &["txt"],
        }
    }
}

/// Reads a path, or standard input for `-`. Returns (display name, text).
pub fn read_input(path: &Path, kind: Kind) -> Result<(String, String), CliError> {
    if path == Path::new("-") {
        let text = read_limited(std::io::stdin().lock(), "standard input")?;
        return Ok(("<stdin>".to_owned(), text));
    }
    read_file(path, kind).map_err(CliError::input)
}

/// Reads a regular file of `kind`, at most [`MAX_INPUT_BYTES`]; errors are messages.
fn read_file(path: &Path, kind: Kind) -> Result<(String, String), String> {
    let shown = path.display();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if !kind.extensions().contains(&ext) {
        let wanted = kind
            .extensions()
            .iter()
            .map(|e| format!("`.{e}`"))
            .collect::<Vec<_>>();
        return Err(format!(
            "`{shown}` is not a {} file: expected a name ending in {}",
            match kind {
                Kind::Ruleset => "ruleset",
                Kind::Project => "project",
                Kind::Notice => "notice",
            },
            wanted.join(" or ")
        ));
    }
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if !meta.is_file() {
        return Err(format!("cannot read `{shown}`: not a regular file"));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large(&shown.to_string()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let text = read_limited(file, &format!("`{shown}`")).map_err(|e| e.to_string())?;
    Ok((shown.to_string(), text))
}

fn too_large(what: &str) -> String {
    format!(
        "{what} is larger than {} MiB; a ruleset or project is a few kilobytes",
        MAX_INPUT_BYTES / (1024 * 1024)
    )
}

/// Reads at most [`MAX_INPUT_BYTES`] of UTF-8 text (a file may grow while read, and standard
/// input has no size).
fn read_limited(reader: impl Read, what: &str) -> Result<String, CliError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::input(format!("cannot read {what}: {e}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(CliError::input(too_large(what)));
    }
    String::from_utf8(bytes).map_err(|e| {
        CliError::input(format!(
            "{what} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Resolves `extends = "path"` relative to the file that names it, with the same rules as a
/// ruleset named on the command line.
pub struct FileResolver;

impl Resolver for FileResolver {
    fn resolve(&self, name: &str, from: &str) -> Result<(String, String), String> {
        let path = ruleset::load::parent_path(from, name);
        read_file(&path, Kind::Ruleset)
    }
}
