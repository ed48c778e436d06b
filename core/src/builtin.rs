//! Built-in rulesets, embedded so the binaries work with no files around them.

/// A built-in ruleset: its id and TOML text.
pub struct BuiltinRuleset {
    pub id: &'static str,
    pub text: &'static str,
}

/// Every built-in ruleset, parents before children.
pub const RULESETS: &[BuiltinRuleset] = &[];

/// The TOML text of a built-in ruleset.
pub fn ruleset(id: &str) -> Option<&'static str> {
    RULESETS.iter().find(|r| r.id == id).map(|r| r.text)
}

/// Ids of all built-in rulesets.
pub fn ids() -> impl Iterator<Item = &'static str> + Clone {
    RULESETS.iter().map(|r| r.id)
}

/// The built-in id closest to a misspelt one.
pub fn suggest(id: &str) -> Option<&'static str> {
    crate::suggest::did_you_mean(id, ids())
}
