//! Built-in rulesets, embedded so the binaries work with no files around them.

/// A built-in ruleset: its id and TOML text.
pub struct BuiltinRuleset {
    /// Ruleset id, as named by `extends` and by a project's `ruleset`.
    pub id: &'static str,
    /// The ruleset file's TOML source.
    pub text: &'static str,
}

/// Every built-in ruleset, parents before children.
pub const RULESETS: &[BuiltinRuleset] = &[
    BuiltinRuleset {
        id: "cn-national-2019",
        text: include_str!("../../rulesets/cn-national-2019.toml"),
    },
    BuiltinRuleset {
        id: "hubei-2021",
        text: include_str!("../../rulesets/hubei-2021.toml"),
    },
    BuiltinRuleset {
        id: "hubei-shiyan-2021",
        text: include_str!("../../rulesets/hubei-shiyan-2021.toml"),
    },
    BuiltinRuleset {
        id: "hubei-shiyan-2022",
        text: include_str!("../../rulesets/hubei-shiyan-2022.toml"),
    },
    BuiltinRuleset {
        id: "jiangxi-ganzhou-2020",
        text: include_str!("../../rulesets/jiangxi-ganzhou-2020.toml"),
    },
    BuiltinRuleset {
        id: "jiangxi-ganzhou-2021",
        text: include_str!("../../rulesets/jiangxi-ganzhou-2021.toml"),
    },
    BuiltinRuleset {
        id: "hunan-2019",
        text: include_str!("../../rulesets/hunan-2019.toml"),
    },
    BuiltinRuleset {
        id: "hunan-shaoyang-2018",
        text: include_str!("../../rulesets/hunan-shaoyang-2018.toml"),
    },
    BuiltinRuleset {
        id: "hunan-shaoyang-2020",
        text: include_str!("../../rulesets/hunan-shaoyang-2020.toml"),
    },
    BuiltinRuleset {
        id: "hunan-changsha-wangcheng-2021",
        text: include_str!("../../rulesets/hunan-changsha-wangcheng-2021.toml"),
    },
    BuiltinRuleset {
        id: "beijing-low-risk-2019",
        text: include_str!("../../rulesets/beijing-low-risk-2019.toml"),
    },
];

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
