//! JSON Schemas (draft-07) of the ruleset and project files, for editor completion and
//! validation (Taplo / Even Better TOML). Committed under `docs/schema/`.

use schemars::generate::SchemaSettings;

fn generate<T: schemars::JsonSchema>() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

/// Schema of a ruleset file.
pub fn ruleset() -> String {
    generate::<crate::ruleset::raw::RawRuleset>()
}

/// Schema of a project file.
pub fn project() -> String {
    generate::<crate::project::raw::RawProject>()
}
