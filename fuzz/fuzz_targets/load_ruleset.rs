//! Any bytes, read as (lossy) UTF-8, must load as a ruleset or produce diagnostics, and the
//! diagnostics must render, without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shenpi_core::diagnostic::{has_errors, render_text, to_json};
use shenpi_core::ruleset::{self, Resolver};

/// Every parent resolves to the fuzzed text itself (so `extends` cycles are reachable), except
/// names starting with `missing`, which do not resolve.
struct SelfResolver<'a>(&'a str);

impl Resolver for SelfResolver<'_> {
    fn resolve(&self, name: &str, _from: &str) -> Result<(String, String), String> {
        if name.starts_with("missing") {
            return Err(format!("no `{name}`"));
        }
        Ok((name.to_owned(), self.0.to_owned()))
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let loaded = ruleset::load("fuzz.toml", &text, &SelfResolver(&text));
    assert_eq!(loaded.ruleset.is_some(), !has_errors(&loaded.diagnostics));
    let _ = render_text(&loaded.diagnostics, &loaded.sources, false);
    let _ = render_text(&loaded.diagnostics, &loaded.sources, true);
    let json = to_json(&loaded.diagnostics, &loaded.sources);
    let _ = serde_json::to_string(&json).expect("diagnostics serialize");
});
