//! Converts the built-in calendar data (`rulesets/calendars/cn.toml`) to JSON in `OUT_DIR`,
//! so that `calendar::data::builtin` reads it with `serde_json` and links no TOML reader
//! (the web page's planner module has none). The conversion is mechanical: TOML dates become
//! `YYYY-MM-DD` strings, which the calendar's `Date` fields accept; everything else maps
//! one to one. The TOML file stays the source of truth, and `calendar::data`'s tests check
//! that both readings give the same data.

use std::path::Path;

fn json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(a) => a.into_iter().map(json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, json(v))).collect(),
    }
}

fn main() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rulesets/calendars/cn.toml");
    println!("cargo::rerun-if-changed={}", source.display());
    let text = std::fs::read_to_string(&source)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
    // A syntax error here is reported with its position by the calendar's tests, which parse
    // the TOML itself; the build only needs to say where to look.
    let value: toml::Value = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", source.display()));
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("cn.json");
    std::fs::write(&out, json(value).to_string())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
