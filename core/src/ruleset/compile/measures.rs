//! `[[measure]]` entries: the reform measures, each checked for the fields its kind needs
//! and compiled into that kind's [`MeasureAction`].

use crate::diagnostic::Diagnostic;

use super::super::model::*;
use super::super::raw::*;
use super::fields::{self, missing};
use super::{Compiler, Ids, kept};

impl Compiler<'_> {
    pub(super) fn measures(
        &mut self,
        attributes: &[Attribute],
        stage_ids: &Ids,
        type_ids: &[&str],
        item_ids: &Ids,
    ) -> Vec<Measure> {
        let mut out = Vec::new();
        for m in kept(&self.merged.raw.measure) {
            let Some(kind) = m.kind.as_ref().map(|k| k.value) else {
                self.err(
                    missing("measure", "kind", &m.id).with_help(
                        "one of commitment, exempt, merge, parallel, overlap, set, bundle",
                    ),
                );
                continue;
            };
            let items: Vec<ItemIdx> = m
                .items
                .iter()
                .flatten()
                .filter_map(|i| self.item_ref(item_ids, i))
                .collect();
            let waives: Vec<ItemIdx> = (m.waives.iter().flatten())
                .filter_map(|i| self.item_ref(item_ids, i))
                .collect();
            let stages: Vec<StageIdx> = m
                .stages
                .iter()
                .flatten()
                .filter_map(|s| self.stage_ref(stage_ids, s))
                .collect();
            let needs_items = !(kind == MeasureKind::Parallel
                && m.stages.as_ref().is_some_and(|s| !s.is_empty()));
            if m.items.as_ref().is_none_or(|i| i.is_empty()) && needs_items {
                self.err(
                    missing("measure", "items", &m.id)
                        .with_help("list the item ids this measure reshapes"),
                );
            }
            let min_items = match kind {
                MeasureKind::Merge
                | MeasureKind::Parallel
                | MeasureKind::Bundle
                | MeasureKind::Overlap => 2,
                _ => 1,
            };
            if let Some(list) = m
                .items
                .as_ref()
                .filter(|l| !l.is_empty() && l.len() < min_items && needs_items)
            {
                self.err(
                    Diagnostic::error(
                        "measure-items",
                        format!(
                            "a `{}` measure needs at least {min_items} items",
                            kind.name()
                        ),
                    )
                    .with_label(list[0].span.clone(), "only one item here"),
                );
            }
            let limit = fields::optional_duration(m.limit.as_ref(), "limit", &mut self.diags);
            // `limit` and `lag` mean something for some kinds only; elsewhere they would be
            // silently ignored, so say so.
            // (A `set` measure without its `set` table already gets a help that moves it.)
            let set_missing = kind == MeasureKind::Set && m.set.is_none();
            if let Some(l) = m.limit.as_ref().filter(|_| {
                !set_missing
                    && !matches!(
                        kind,
                        MeasureKind::Commitment | MeasureKind::Merge | MeasureKind::Bundle
                    )
            }) {
                self.err(
                    Diagnostic::error(
                        "invalid-value",
                        format!("`limit` has no effect on a `{}` measure", kind.name()),
                    )
                    .with_label(l.span.clone(), "ignored for this kind")
                    .with_help("`limit` sets the duration of commitment and merge measures and caps a bundle's; use a `set` measure to change limits"),
                );
            }
            if let Some(l) = m.lag.as_ref().filter(|_| kind != MeasureKind::Overlap) {
                self.err(
                    Diagnostic::error(
                        "invalid-value",
                        format!("`lag` has no effect on a `{}` measure", kind.name()),
                    )
                    .with_label(l.span.clone(), "ignored for this kind")
                    .with_help("`lag` is the start-to-start lag of overlap (容缺受理) measures"),
                );
            }
            let lag = fields::lag(m.lag.as_ref(), &mut self.diags);
            let into = match (&m.into, kind) {
                (Some(into), MeasureKind::Merge) => {
                    if item_ids.contains(&into.id.value)
                        && !m.items.iter().flatten().any(|i| i.value == into.id.value)
                    {
                        self.err(
                            Diagnostic::error("duplicate-id", format!("merged item id `{}` is already an item", into.id.value))
                                .with_label(into.id.span.clone(), "clashes with an existing item")
                                .with_help("give the merged item a new id, or reuse the id of one of the merged items"),
                        );
                    }
                    let stage = into
                        .stage
                        .as_ref()
                        .and_then(|s| self.stage_ref(stage_ids, s));
                    Some(MergeInto {
                        id: into.id.value.clone(),
                        name: into.name.value.clone(),
                        department: into.department.clone(),
                        stage,
                    })
                }
                (None, MeasureKind::Merge) => {
                    self.err(
                        missing("merge measure", "into", &m.id)
                            .with_help("add `into = { id = \"…\", name = \"…\" }`"),
                    );
                    None
                }
                (Some(into), _) => {
                    self.err(
                        Diagnostic::error("invalid-value", "`into` is only for merge measures")
                            .with_label(into.id.span.clone(), "ignored for this kind"),
                    );
                    None
                }
                (None, _) => None,
            };
            let set = match (&m.set, kind) {
                (Some(s), MeasureKind::Set) => Some(SetFields {
                    limit: fields::optional_duration(s.limit.as_ref(), "limit", &mut self.diags),
                    legal_limit: fields::optional_duration(
                        s.legal_limit.as_ref(),
                        "legal_limit",
                        &mut self.diags,
                    ),
                    clock: s.clock.as_ref().map(|c| c.value),
                    unit: s.unit.as_ref().map(|u| u.value),
                    after: s.after.as_ref().map(|a| self.deps(a, item_ids, None)),
                }),
                (None, MeasureKind::Set) => {
                    self.err(
                        missing("set measure", "set", &m.id).with_help("add `set = { limit = 5 }`"),
                    );
                    None
                }
                (Some(_), _) => {
                    self.err(
                        Diagnostic::error("invalid-value", "`set` is only for set measures")
                            .with_label(m.id.span.clone(), "this measure is not of kind `set`"),
                    );
                    None
                }
                (None, _) => None,
            };
            let when = self.condition(&m.when, attributes, type_ids, true);
            if m.name.is_none() {
                self.err(missing("measure", "name", &m.id));
            }
            // The kind's own fields; where one is missing, the error is reported above and
            // the ruleset rejected.
            let action = match kind {
                MeasureKind::Commitment => Some(MeasureAction::Commitment {
                    limit: limit.unwrap_or(0),
                }),
                MeasureKind::Exempt => Some(MeasureAction::Exempt),
                MeasureKind::Merge => into.map(|into| MeasureAction::Merge { into, limit }),
                MeasureKind::Parallel => Some(MeasureAction::Parallel { stages }),
                MeasureKind::Overlap => Some(MeasureAction::Overlap {
                    lag: lag.unwrap_or(0),
                }),
                MeasureKind::Set => set.map(MeasureAction::Set),
                MeasureKind::Bundle => Some(MeasureAction::Bundle { limit }),
            };
            let Some(action) = action else { continue };
            out.push(Measure {
                id: m.id.value.clone(),
                name: m
                    .name
                    .as_ref()
                    .map_or_else(|| m.id.value.clone(), |n| n.value.clone()),
                description: m.description.clone(),
                items,
                waives,
                when,
                default: m.default.unwrap_or(true),
                action,
                provenance: fields::provenance(&m.source, &m.estimate, &m.calibrated),
            });
        }
        out
    }
}
