//! Rulesets: the file format ([`raw`]), `extends` chains ([`load`](mod@load) and the private
//! `merge` module), checking and compiling (the private `compile` module) into the model
//! ([`model`]) the planner uses. Entry points: [`load()`](fn@load) and [`load_builtin`];
//! with the feature `precompiled`, `precompiled` ships the built-ins compiled ahead of time.

mod compile;
pub mod load;
mod merge;
pub mod model;
#[cfg(feature = "precompiled")]
pub mod precompiled;
pub mod raw;
mod satisfiable;
pub mod table;

use sha2::{Digest, Sha256};

pub use load::{BuiltinsOnly, Resolver};
pub use model::*;

use crate::builtin;
use crate::diagnostic::Diagnostic;
use crate::source::Sources;

// Project files are checked against a ruleset's attribute schema the way its examples are.
pub(crate) use compile::{
    check_attribute_table, check_construction_days, forbidden_char, invalid_text,
};
// A project's `[uncertainty]` overrides items the way a ruleset's items override their clock.
#[cfg(feature = "simulate")]
pub(crate) use compile::apply_risk;

/// The result of loading a ruleset: the compiled rules when there were no errors, every
/// diagnostic (errors and warnings), and the texts they point into.
#[derive(Debug)]
pub struct Loaded {
    /// The compiled ruleset; `None` when any diagnostic is an error.
    pub ruleset: Option<Ruleset>,
    /// Every diagnostic found, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The texts of the `extends` chain, which the diagnostics' spans point into.
    pub sources: Sources,
}

/// Loads, merges and checks a ruleset from its text. `name` is how diagnostics name the file.
pub fn load(name: &str, text: &str, resolver: &dyn Resolver) -> Loaded {
    let mut sources = Sources::new();
    let chain = match load::read_chain(&mut sources, name, text, resolver) {
        Ok(chain) => chain,
        Err(d) => {
            return Loaded {
                ruleset: None,
                diagnostics: vec![d],
                sources,
            };
        }
    };
    let mut hasher = Sha256::new();
    for file in sources.iter() {
        hasher.update(file.text.as_bytes());
        hasher.update([0]);
    }
    let hash: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut diagnostics = Vec::new();
    let merged = merge::merge(chain.files, &mut diagnostics);
    let (ruleset, diagnostics) = compile::Compiler::new(&merged, diagnostics).compile(hash);
    Loaded {
        ruleset,
        diagnostics,
        sources,
    }
}

/// The result for a file that could not be read at all (missing, not a regular file, too
/// large, not UTF-8): one `unreadable-file` error, so a check of several files reports it and
/// goes on. `message` says which file and why, as the host found it.
pub fn unreadable(message: &str) -> Loaded {
    Loaded {
        ruleset: None,
        diagnostics: vec![
            Diagnostic::error("unreadable-file", message)
                .with_help("name a regular `.toml` file of at most 16 MiB"),
        ],
        sources: Sources::new(),
    }
}

/// Loads a built-in ruleset by id.
pub fn load_builtin(id: &str) -> Option<Loaded> {
    let text = builtin::ruleset(id)?;
    Some(load(&format!("builtin:{id}"), text, &BuiltinsOnly))
}
