//! Compiles every built-in ruleset with the core (`ruleset::precompiled::encode_builtins`)
//! into `OUT_DIR/builtins.postcard`, which the planner module embeds (`src/api.rs`), so that
//! it plans with the built-ins without linking the TOML reader and checker. The core is a
//! build-dependency: a change to it or to a ruleset rebuilds it and runs this again.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let bytes = shenpi_core::ruleset::precompiled::encode_builtins()
        .unwrap_or_else(|e| panic!("cannot precompile the built-in rulesets: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("builtins.postcard");
    std::fs::write(&out, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
