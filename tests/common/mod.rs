//! Helpers shared by the integration tests: loading fixture files by their path relative to
//! the package root, so that diagnostics (and their snapshots) name files the same way on
//! every machine.

#![allow(dead_code)] // each test binary uses a different subset

pub mod examples;

use std::path::Path;

use shenpi_core::ruleset::{self, Loaded, Resolver};

/// The package root (where `tests/` lives).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Resolves `extends = "path"` relative to the file that names it, like the CLI's
/// `FileResolver`, reading files below the package root and naming them by their relative path.
pub struct FixtureResolver;

impl Resolver for FixtureResolver {
    fn resolve(&self, name: &str, from: &str) -> Result<(String, String), String> {
        let rel = ruleset::load::parent_path(from, name);
        let text = std::fs::read_to_string(root().join(&rel))
            .map_err(|_| format!("cannot read `{}`", rel.display()))?;
        Ok((rel.display().to_string().replace('\\', "/"), text))
    }
}

/// The path of `path` relative to the package root, with `/` separators.
pub fn relative_name(path: &Path) -> String {
    let rel = path.strip_prefix(root()).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Loads a fixture, naming it by its path relative to the package root.
pub fn load_fixture(path: &Path) -> Loaded {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()));
    ruleset::load(&relative_name(path), &text, &FixtureResolver)
}

/// Loads a fixture given relative to the package root, e.g. `tests/fixtures/good/city.toml`.
pub fn load_relative(rel: &str) -> Loaded {
    load_fixture(&root().join(rel))
}
