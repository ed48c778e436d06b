//! Compiles the built-in rulesets with the core (`ruleset::precompiled`) for the planner
//! module, which plans with them without linking the TOML reader and checker:
//! - `OUT_DIR/builtins-start.postcard`: the default (first) built-in, embedded in the module;
//! - `OUT_DIR/builtins.postcard`: every built-in, which `build.sh` puts beside the module as
//!   `pkg/builtins.postcard` for the page to fetch when a visitor chooses another one;
//! - `OUT_DIR/builtins-index.json`: id, name, jurisdiction and types of every built-in, for the
//!   page's ruleset picker before the others are fetched.
//!
//! The core is a build-dependency: a change to it or to a ruleset rebuilds it and runs this again.

use shenpi_core::ruleset::precompiled;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let write = |name: &str, bytes: &[u8]| {
        let path = out.join(name);
        std::fs::write(&path, bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    };
    let ids: Vec<&str> = shenpi_core::builtin::ids().collect();
    let fail = |e: String| -> Vec<u8> { panic!("cannot precompile the built-in rulesets: {e}") };
    write(
        "builtins.postcard",
        &precompiled::encode(&ids).unwrap_or_else(fail),
    );
    write(
        "builtins-start.postcard",
        &precompiled::encode(&ids[..1]).unwrap_or_else(fail),
    );
    let index: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| {
            let r = shenpi_core::ruleset::load_builtin(id)
                .and_then(|l| l.ruleset)
                .unwrap_or_else(|| panic!("built-in `{id}` loads"));
            serde_json::json!({
                "id": r.id,
                "name": r.name,
                "jurisdiction": r.jurisdiction,
                "builtin": true,
                "types": r.project_types.iter()
                    .map(|t| serde_json::json!({ "id": t.id, "name": t.name }))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    write(
        "builtins-index.json",
        serde_json::to_string(&index).expect("JSON").as_bytes(),
    );
}
