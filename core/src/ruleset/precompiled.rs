//! Built-in rulesets compiled ahead of time (feature `precompiled`).
//!
//! A host that plans only with the built-ins need not link the TOML reader and checker: at
//! build time it compiles every built-in with [`encode_builtins`] (postcard, a compact binary
//! serde format), embeds the bytes, and at run time [`decode`]s them into the same
//! [`Ruleset`]s that [`load_builtin`](super::load_builtin) gives. The web page's planner
//! module does this in its build script (`web-wasm/build.rs`); the tests here check that a
//! decoded ruleset plans every example exactly like the TOML-compiled one.

use serde::{Deserialize, Serialize};

use super::Ruleset;
use crate::{builtin, diagnostic};

/// Version of the encoding, the first byte of [`encode_builtins`]'s output: [`decode`]
/// rejects bytes of another version rather than misreading them.
pub const FORMAT_VERSION: u8 = 3;

/// A built-in ruleset compiled ahead of time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Precompiled {
    /// The built-in id (`cn-national-2019`).
    pub id: String,
    /// The compiled ruleset. Spans into the TOML text are not kept, and need not be: a
    /// built-in that loads with any diagnostic (error or warning) is not encoded.
    pub ruleset: Ruleset,
}

/// Compiles every built-in ruleset (in [`builtin::RULESETS`] order) and encodes them.
/// Fails, with the diagnostics, when one loads with any: built-ins load clean (the
/// `builtin_rulesets` test holds them to that), so a decoded one has no warnings to show.
pub fn encode_builtins() -> Result<Vec<u8>, String> {
    encode(&builtin::ids().collect::<Vec<_>>())
}

/// [`encode_builtins`] for the built-ins `ids` only (the web page's planner embeds the default
/// one and fetches the others when a visitor chooses one).
pub fn encode(ids: &[&str]) -> Result<Vec<u8>, String> {
    let mut all = Vec::new();
    for &id in ids {
        let loaded =
            super::load_builtin(id).ok_or_else(|| format!("no built-in ruleset `{id}`"))?;
        match loaded.ruleset {
            Some(ruleset) if loaded.diagnostics.is_empty() => all.push(Precompiled {
                id: id.to_owned(),
                ruleset,
            }),
            _ => {
                return Err(format!(
                    "built-in ruleset `{id}` does not load clean:\n{}",
                    diagnostic::render_text(&loaded.diagnostics, &loaded.sources, false)
                ));
            }
        }
    }
    let mut bytes = vec![FORMAT_VERSION];
    bytes.extend(postcard::to_allocvec(&pooled(all)?).map_err(|e| e.to_string())?);
    Ok(bytes)
}

/// The encoded form: each distinct item, attribute and measure once, and every ruleset with
/// those lists emptied and indices into the pools instead. A city ruleset repeats most of its
/// province's and the nation's entries; stored once (and the versions of one entry side by
/// side), they cost the page's planner module far fewer bytes, since gzip sees no repeat
/// further back than 32 KiB. Decoded in one pass, so the decoder exists once in the module.
#[derive(Serialize, Deserialize)]
struct Pooled {
    items: Vec<super::Item>,
    attributes: Vec<super::Attribute>,
    measures: Vec<super::Measure>,
    rulesets: Vec<PooledRuleset>,
}

#[derive(Serialize, Deserialize)]
struct PooledRuleset {
    id: String,
    /// The ruleset with its items, attributes and measures taken out.
    rest: Ruleset,
    items: Vec<u32>,
    attributes: Vec<u32>,
    measures: Vec<u32>,
}

/// The distinct entries of one kind across every ruleset, ordered by id so that the versions
/// of one entry sit together, and each ruleset's list as indices into them.
fn pool<T: Serialize + Clone>(
    lists: &[&[T]],
    id: impl Fn(&T) -> &str,
) -> Result<(Vec<T>, Vec<Vec<u32>>), String> {
    let mut distinct: Vec<(Vec<u8>, T)> = Vec::new();
    for list in lists {
        for e in *list {
            let bytes = postcard::to_allocvec(e).map_err(|e| e.to_string())?;
            if !distinct.iter().any(|(b, _)| *b == bytes) {
                distinct.push((bytes, e.clone()));
            }
        }
    }
    distinct.sort_by(|a, b| id(&a.1).cmp(id(&b.1)));
    let bytes: Vec<&Vec<u8>> = distinct.iter().map(|(b, _)| b).collect();
    let mut refs = Vec::new();
    for list in lists {
        let mut r = Vec::new();
        for e in *list {
            let encoded = postcard::to_allocvec(e).map_err(|e| e.to_string())?;
            let i = bytes
                .iter()
                .position(|b| **b == encoded)
                .expect("pooled above");
            r.push(i as u32);
        }
        refs.push(r);
    }
    Ok((distinct.into_iter().map(|(_, e)| e).collect(), refs))
}

fn pooled(all: Vec<Precompiled>) -> Result<Pooled, String> {
    let item_lists: Vec<&[super::Item]> = all.iter().map(|p| &p.ruleset.items[..]).collect();
    let (items, item_refs) = pool(&item_lists, |i| &i.id)?;
    let attr_lists: Vec<&[super::Attribute]> =
        all.iter().map(|p| &p.ruleset.attributes[..]).collect();
    let (attributes, attr_refs) = pool(&attr_lists, |a| &a.id)?;
    let measure_lists: Vec<&[super::Measure]> =
        all.iter().map(|p| &p.ruleset.measures[..]).collect();
    let (measures, measure_refs) = pool(&measure_lists, |m| &m.id)?;
    let rulesets = (all
        .into_iter()
        .zip(item_refs)
        .zip(attr_refs)
        .zip(measure_refs))
    .map(|(((p, items), attributes), measures)| {
        let mut rest = p.ruleset;
        rest.items.clear();
        rest.attributes.clear();
        rest.measures.clear();
        PooledRuleset {
            id: p.id,
            rest,
            items,
            attributes,
            measures,
        }
    })
    .collect();
    Ok(Pooled {
        items,
        attributes,
        measures,
        rulesets,
    })
}

/// Takes each ruleset's entries from the pools by index.
fn unpooled(p: Pooled) -> Result<Vec<Precompiled>, String> {
    fn pick<T: Clone>(pool: &[T], refs: &[u32]) -> Result<Vec<T>, String> {
        (refs.iter())
            .map(|&i| {
                (pool.get(i as usize).cloned()).ok_or_else(|| "index out of the pool".to_owned())
            })
            .collect()
    }
    (p.rulesets.into_iter())
        .map(|r| {
            let mut ruleset = r.rest;
            ruleset.items = pick(&p.items, &r.items)?;
            ruleset.attributes = pick(&p.attributes, &r.attributes)?;
            ruleset.measures = pick(&p.measures, &r.measures)?;
            Ok(Precompiled { id: r.id, ruleset })
        })
        .collect()
}

/// Decodes the output of [`encode_builtins`] (of the same [`FORMAT_VERSION`] and the same
/// build of this crate's model).
pub fn decode(bytes: &[u8]) -> Result<Vec<Precompiled>, String> {
    match bytes.split_first() {
        Some((&FORMAT_VERSION, rest)) => {
            unpooled(postcard::from_bytes(rest).map_err(|e| e.to_string())?)
        }
        Some((v, _)) => Err(format!(
            "precompiled rulesets of format {v}, expected {FORMAT_VERSION}"
        )),
        None => Err("no precompiled rulesets".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::engine::Planner;
    use crate::project::{Project, Scenario};

    #[test]
    fn decoded_builtins_plan_every_example_like_the_toml_compiled_ones() {
        let decoded = decode(&encode_builtins().unwrap()).unwrap();
        let ids: Vec<&str> = decoded.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, builtin::ids().collect::<Vec<_>>());
        let start = NaiveDate::from_ymd_opt(2026, 9, 28).unwrap();
        let mut plans = 0;
        for p in decoded {
            let toml = super::super::load_builtin(&p.id).unwrap().ruleset.unwrap();
            // Everything the model serializes survives (spans are not serialized).
            assert_eq!(
                serde_json::to_value(&p.ruleset).unwrap(),
                serde_json::to_value(&toml).unwrap(),
                "{}",
                p.id
            );
            let (a, b) = (Planner::new(p.ruleset), Planner::new(toml));
            for t in &a.ruleset.project_types {
                for scenario in [Scenario::Promised, Scenario::Legal] {
                    for all_off in [false, true] {
                        let mut project = Project::example(&a.ruleset, &t.id, start).unwrap();
                        project.scenario = scenario;
                        if all_off {
                            project.switch_all_measures(&a.ruleset, false);
                        }
                        assert_eq!(
                            a.plan(&project).to_json(),
                            b.plan(&project).to_json(),
                            "{} {} {scenario:?} all measures off: {all_off}",
                            p.id,
                            t.id
                        );
                        plans += 1;
                    }
                }
            }
        }
        assert!(plans > 40, "only {plans} plans compared");
    }

    #[test]
    fn other_versions_and_garbage_are_refused() {
        let mut bytes = encode_builtins().unwrap();
        bytes[0] = FORMAT_VERSION + 1;
        assert!(decode(&bytes).unwrap_err().contains("format"));
        assert!(decode(&[]).is_err());
        assert!(decode(&[FORMAT_VERSION, 0xff, 0xff]).is_err());
    }
}
