//! Property tests: whatever text arrives, loading a ruleset and rendering its diagnostics
//! never panics. Inputs are mutations of valid rulesets (byte flips, line deletions and
//! duplications, inserted TOML fragments, truncation) and arbitrary bytes.

use proptest::prelude::*;

use shenpi_core::diagnostic::{has_errors, render_text, to_json};
use shenpi_core::ruleset::{self, Resolver};

const SEEDS: &[&str] = &[
    include_str!("fixtures/good/national.toml"),
    include_str!("fixtures/good/province.toml"),
    include_str!("fixtures/good/conditions.toml"),
    include_str!("fixtures/bad/dependency-cycle-three.toml"),
];

/// Fragments that push the loader into its corners when inserted at a line start.
const FRAGMENTS: &[&str] = &[
    "[ruleset]\n",
    "[[item]]\n",
    "[[stage]]\n",
    "[[measure]]\n",
    "[[attribute]]\n",
    "[[project_type]]\n",
    "[calendar]\n",
    "id = \"construction-permit\"\n",
    "id = \"land\"\n",
    "stage = \"land\"\n",
    "remove = true\n",
    "limit = -1\n",
    "limit = 9223372036854775807\n",
    "lag = -9223372036854775808\n",
    "after = [\"construction-permit\", \"project-approval\"]\n",
    "after = [{ item = \"drawing-review\", kind = \"FF\", lag = -9223372036854775808 }]\n",
    "after = [\"land\", \"permit\", \"construction\"]\n",
    "kind = \"merge\"\n",
    "kind = \"parallel\"\n",
    "items = []\n",
    "stages = [\"land\"]\n",
    "into = { id = \"x\", name = \"x\", stage = \"nowhere\" }\n",
    "set = { limit = 3, after = [\"x\"] }\n",
    "when = { any = [] }\n",
    "when = { not = { not = { not = {} } } }\n",
    "when = { floor_area = { min = nan, max = -inf } }\n",
    "when = { floor_area = { min = 1e308, max = 1.7976931348623157e308 } }\n",
    "when = { type = [1, \"x\", []] }\n",
    "when = { all = [1, \"x\", { investment = [] }] }\n",
    "when = { investment = { min = 1 }, reason = 3 }\n",
    "when = 2026-01-01\n",
    "defaults = [{ when = { floor_area = { min = 1 } }, value = \"x\" }, { when = {}, value = 3 }]\n",
    "defaults = [{ when = { later = true }, value = true }]\n",
    "defaults = 1\n",
    "limit_cases = [{ when = { risk = \"low\" }, limit = -5, legal_limit = 1e9 }]\n",
    "limit_cases = [{ when = { nope = 1 }, limit = 3, source = \"s\", estimate = \"e\" }, 7]\n",
    "limit_cases = []\n",
    "values = []\n",
    "values = [\"a\", \"a\"]\n",
    "min = nan\n",
    "max = -inf\n",
    "default = 2026-02-30\n",
    "type = \"number\"\n",
    "type = \"enum\"\n",
    "target = { total = 0, stages = { land = -1, nowhere = 9999 } }\n",
    "example = { investment = \"x\", floor_area = -1e400, nope = 1 }\n",
    "holidays = [{ from = 2026-01-01, to = 9999-12-31 }]\n",
    "workdays = [{ from = 0001-01-01, to = 0001-01-02 }, { date = 2026-01-01T00:00:00Z }]\n",
    "extends = \"national.toml\"\n",
    "extends = \"loop-0\"\n",
    "extends = \"missing.toml\"\n",
    "calendar = \"\u{0}\"\n",
    "name = \"审批\u{200b}\u{fe0f}🏗️\"\n",
    "\"\"\"\n",
    "'''\n",
    "= = =\n",
    "\t\r\n",
    "\u{feff}",
    "a.b.c = 1\n",
    "[item.when]\n",
    "[[item.after]]\n",
];

/// Resolves `national.toml` to a seed, `loop-N` to a ruleset extending `loop-N+1` (an
/// endless chain, which must stop at the depth limit), anything else to an error.
struct PropResolver;

impl Resolver for PropResolver {
    fn resolve(&self, name: &str, _from: &str) -> Result<(String, String), String> {
        if name == "national.toml" {
            return Ok((name.to_owned(), SEEDS[0].to_owned()));
        }
        if let Some(n) = name
            .strip_prefix("loop-")
            .and_then(|n| n.parse::<u32>().ok())
        {
            let text = format!(
                "[ruleset]\nid = \"loop-{n}\"\nextends = \"loop-{}\"\n",
                n + 1
            );
            return Ok((name.to_owned(), text));
        }
        Err(format!("no file `{name}` here"))
    }
}

/// Loads and renders in every way a host does; panics are the failures this test looks for.
fn exercise(text: &str) {
    let loaded = ruleset::load("prop.toml", text, &PropResolver);
    assert_eq!(
        loaded.ruleset.is_some(),
        !has_errors(&loaded.diagnostics),
        "a ruleset comes back exactly when there is no error"
    );
    let plain = render_text(&loaded.diagnostics, &loaded.sources, false);
    let _ = render_text(&loaded.diagnostics, &loaded.sources, true);
    let json = to_json(&loaded.diagnostics, &loaded.sources);
    let _ = serde_json::to_string(&json).expect("diagnostics serialize");
    for d in &loaded.diagnostics {
        let _ = d.location(&loaded.sources);
        assert!(plain.contains(d.code));
    }
    if let Some(r) = &loaded.ruleset {
        let _ = serde_json::to_string(r).expect("a ruleset serializes");
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipByte { at: usize, byte: u8 },
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Insert { at_line: usize, fragment: usize },
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::FlipByte { at, byte }),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), 0..FRAGMENTS.len())
            .prop_map(|(at_line, fragment)| Mutation::Insert { at_line, fragment }),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let mut lines: Vec<Vec<u8>> = bytes
            .split_inclusive(|b| *b == b'\n')
            .map(<[u8]>::to_vec)
            .collect();
        match m {
            Mutation::FlipByte { at, byte } if !bytes.is_empty() => {
                let i = at % bytes.len();
                bytes[i] = *byte;
                continue;
            }
            Mutation::Truncate(at) if !bytes.is_empty() => {
                bytes.truncate(at % bytes.len());
                continue;
            }
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                let n = lines.len();
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let n = lines.len();
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => {
                let n = lines.len();
                lines.swap(a % n, b % n);
            }
            Mutation::Insert { at_line, fragment } => {
                let at = at_line % (lines.len() + 1);
                lines.insert(at, FRAGMENTS[*fragment].as_bytes().to_vec());
            }
            _ => continue,
        }
        bytes = lines.concat();
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    // 512 cases each by default; `PROPTEST_CASES=100000 cargo test --test loader_props`
    // for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_rulesets_never_panic(
        seed in 0..SEEDS.len(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        exercise(&apply(SEEDS[seed], &mutations));
    }

    #[test]
    fn inserted_fragments_never_panic(
        seed in 0..SEEDS.len(),
        inserts in proptest::collection::vec((any::<usize>(), 0..FRAGMENTS.len()), 1..6),
    ) {
        let mutations: Vec<Mutation> = inserts
            .into_iter()
            .map(|(at_line, fragment)| Mutation::Insert { at_line, fragment })
            .collect();
        exercise(&apply(SEEDS[seed], &mutations));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        exercise(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_toml_like_text_never_panic(text in "[\\[\\]{}=\"a-z0-9_., \\n#-]{0,200}") {
        exercise(&text);
    }
}

/// The endless `extends` chain stops with a diagnostic rather than running forever.
#[test]
fn endless_extends_chain_stops() {
    let loaded = ruleset::load(
        "prop.toml",
        "[ruleset]\nid = \"start\"\nextends = \"loop-0\"\n",
        &PropResolver,
    );
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["extends-depth"]);
}

/// The seeds themselves are what the mutations start from: the valid ones load cleanly.
#[test]
fn seeds_are_valid() {
    for seed in &SEEDS[..3] {
        let loaded = ruleset::load("prop.toml", seed, &PropResolver);
        assert!(loaded.ruleset.is_some(), "{:?}", loaded.diagnostics);
    }
}
