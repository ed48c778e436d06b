//! Checking a merged ruleset and compiling it into the [`Ruleset`] model. Every problem is
//! reported (not just the first), each with a stable code and the span it is about.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::calendar::{CalendarAdditions, SpecialDay};
use crate::condition::{self, Condition, Scope};
use crate::diagnostic::Diagnostic;
use crate::spanned::{RawValue, Sp};
use crate::suggest;

use super::merge::{Merged, Removed};
use super::model::*;
use super::raw::*;

pub(crate) struct Compiler<'a> {
    merged: &'a Merged,
    pub diags: Vec<Diagnostic>,
    /// Whole-entry span of the ruleset metadata, for problems with no better place.
    meta_span: Range<usize>,
}

fn missing(what: &str, field: &str, id: &Sp<String>) -> Diagnostic {
    Diagnostic::error(
        "missing-field",
        format!("{what} `{}` has no `{field}`", id.value),
    )
    .with_label(id.span.clone(), format!("`{field}` is required"))
    .with_help(format!(
        "add `{field} = …` to this entry (or to the entry it patches)"
    ))
}

/// A duration in days: non-negative and at most [`MAX_DURATION_DAYS`].
fn duration(v: &Sp<i64>, field: &str, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    if !(0..=MAX_DURATION_DAYS).contains(&v.value) {
        diags.push(
            Diagnostic::error(
                "duration-range",
                format!("`{field}` = {} is not a plausible duration", v.value),
            )
            .with_label(
                v.span.clone(),
                format!("expected 0 to {MAX_DURATION_DAYS} days"),
            )
            .with_help("durations are whole days; 0 means decided on acceptance (即办)"),
        );
        return None;
    }
    Some(v.value as u32)
}

fn removed_entry<'r>(removed: &'r [Removed], kind: &str, id: &str) -> Option<&'r Removed> {
    removed.iter().rev().find(|r| r.kind == kind && r.id == id)
}

impl<'a> Compiler<'a> {
    pub fn new(merged: &'a Merged, diags: Vec<Diagnostic>) -> Self {
        let meta_span = merged
            .raw
            .ruleset
            .as_ref()
            .map_or(0..0, |m| m.value.id.span.clone());
        Self {
            merged,
            diags,
            meta_span,
        }
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reference to an id of `kind` among `ids`: the index, or a diagnostic with a hint.
    fn resolve(
        &mut self,
        kind: &'static str,
        code: &'static str,
        ids: &[&str],
        r: &Sp<String>,
    ) -> Option<usize> {
        if let Some(i) = ids.iter().position(|x| *x == r.value) {
            return Some(i);
        }
        if let Some(rm) = removed_entry(&self.merged.removed, kind, &r.value) {
            let span = rm.span.clone();
            self.err(
                Diagnostic::error(
                    "removed-reference",
                    format!("{kind} `{}` was removed by `remove = true`", r.value),
                )
                .with_label(r.span.clone(), format!("refers to a removed {kind}"))
                .with_label(span, "removed here")
                .with_help("drop this reference, or keep the entry"),
            );
            return None;
        }
        let help = suggest::hint(&r.value, ids.iter().copied());
        self.err(
            Diagnostic::error(code, format!("unknown {kind} `{}`", r.value))
                .with_label(r.span.clone(), format!("no {kind} has this id"))
                .with_optional_help(help),
        );
        None
    }

    pub fn compile(mut self, content_hash: String) -> (Option<Ruleset>, Vec<Diagnostic>) {
        let raw = &self.merged.raw;
        let Some(meta) = raw.ruleset.as_ref() else {
            self.err(
                Diagnostic::error("missing-meta", "the file has no [ruleset] table")
                    .with_label(0..0, "expected a [ruleset] table with at least `id`")
                    .with_help(
                        "start the file with:\n[ruleset]\nid = \"my-city-2026\"\nname = \"…\"",
                    ),
            );
            return (None, self.diags);
        };
        let meta = &meta.value;
        self.reject_leftover_removes();

        let calendar_additions = self.calendar(raw.calendar.as_ref());
        let attributes = self.attributes();
        let stages = self.stages();
        let stage_ids: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
        let type_ids: Vec<&str> = raw
            .project_type
            .iter()
            .map(|t| t.value.id.value.as_str())
            .collect();
        let project_types = self.project_types(&attributes, &stage_ids, &type_ids);
        let items = self.items(&attributes, &stage_ids, &type_ids);
        let item_ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        let measures = self.measures(&attributes, &stage_ids, &type_ids, &item_ids);
        self.check_cycles(&items, &stages);
        self.warn_unused_attributes(&attributes);
        self.warn_unreachable_items(&attributes, &items, project_types.len());

        let ruleset = Ruleset {
            id: meta.id.value.clone(),
            name: meta
                .name
                .as_ref()
                .map_or_else(|| meta.id.value.clone(), |n| n.value.clone()),
            jurisdiction: meta
                .jurisdiction
                .as_ref()
                .map(|j| j.value.clone())
                .unwrap_or_default(),
            extends: self.merged.ancestors.clone(),
            effective: meta.effective.as_ref().map(|d| d.value.0),
            calendar: meta
                .calendar
                .as_ref()
                .map_or_else(|| "cn".to_owned(), |c| c.value.clone()),
            sources: meta.sources.clone(),
            description: meta.description.clone(),
            calendar_additions,
            attributes,
            project_types,
            stages,
            items,
            measures,
            content_hash,
        };
        if let Some(cal) = meta.calendar.as_ref().filter(|c| c.value != "cn") {
            let span = cal.span.clone();
            self.err(
                Diagnostic::error("unknown-calendar", format!("unknown calendar `{}`", cal.value))
                    .with_label(span, "not a built-in calendar")
                    .with_help("the built-in calendar is `cn` (China mainland); add local days under [calendar]"),
            );
        }
        let ok = !crate::diagnostic::has_errors(&self.diags);
        let _ = &self.meta_span;
        (ok.then_some(ruleset), self.diags)
    }

    /// Entries that still say `remove = true` after merging had nothing to remove.
    fn reject_leftover_removes(&mut self) {
        let raw = &self.merged.raw;
        let mut spans: Vec<(Range<usize>, String)> = Vec::new();
        let mut collect = |r: Option<&Sp<bool>>, id: &Sp<String>| {
            if r.is_some_and(|r| r.value) {
                spans.push((id.span.clone(), id.value.clone()));
            }
        };
        raw.attribute
            .iter()
            .for_each(|e| collect(e.value.remove.as_ref(), &e.value.id));
        raw.project_type
            .iter()
            .for_each(|e| collect(e.value.remove.as_ref(), &e.value.id));
        raw.stage
            .iter()
            .for_each(|e| collect(e.value.remove.as_ref(), &e.value.id));
        raw.item
            .iter()
            .for_each(|e| collect(e.value.remove.as_ref(), &e.value.id));
        raw.measure
            .iter()
            .for_each(|e| collect(e.value.remove.as_ref(), &e.value.id));
        for (span, id) in spans {
            self.err(
                Diagnostic::error(
                    "remove-unknown",
                    format!("cannot remove `{id}`: no parent declares it"),
                )
                .with_label(span, "nothing to remove")
                .with_help("`remove = true` drops an entry inherited through `extends`"),
            );
        }
    }

    fn calendar(&mut self, raw: Option<&RawCalendarAdditions>) -> CalendarAdditions {
        let mut out = CalendarAdditions::default();
        let Some(raw) = raw else { return out };
        let expand = |days: &[Sp<RawCalendarDay>],
                      into: &mut Vec<SpecialDay>,
                      diags: &mut Vec<Diagnostic>| {
            for d in days {
                diags.extend(crate::calendar::data::expand_day(d, into).err());
            }
        };
        expand(&raw.holidays, &mut out.holidays, &mut self.diags);
        expand(&raw.workdays, &mut out.workdays, &mut self.diags);
        out.complete_years = raw.years.clone();
        out
    }

    fn attributes(&mut self) -> Vec<Attribute> {
        let mut out = Vec::new();
        for a in &self.merged.raw.attribute {
            let a = &a.value;
            if a.remove.as_ref().is_some_and(|r| r.value) {
                continue;
            }
            let Some(kind) = a.kind.as_ref().map(|k| k.value) else {
                self.err(
                    missing("attribute", "type", &a.id)
                        .with_help("add `type = \"enum\"`, `\"number\"`, `\"bool\"` or `\"text\"`"),
                );
                continue;
            };
            let mut values = Vec::new();
            if kind == AttributeKind::Enum {
                match &a.values {
                    Some(vs) if !vs.is_empty() => {
                        for (i, v) in vs.iter().enumerate() {
                            if vs[..i].iter().any(|p| p.value == v.value) {
                                self.err(
                                    Diagnostic::error(
                                        "duplicate-id",
                                        format!("enum value `{}` is listed twice", v.value),
                                    )
                                    .with_label(v.span.clone(), "listed again here"),
                                );
                            }
                        }
                        let labels = a.value_labels.clone().unwrap_or_default();
                        for key in labels.keys() {
                            if !vs.iter().any(|v| v.value == key.value) {
                                let help =
                                    suggest::hint(&key.value, vs.iter().map(|v| v.value.as_str()));
                                self.err(
                                    Diagnostic::error(
                                        "unknown-enum-value",
                                        format!("label for undeclared value `{}`", key.value),
                                    )
                                    .with_label(key.span.clone(), "not in `values`")
                                    .with_optional_help(help),
                                );
                            }
                        }
                        values = vs
                            .iter()
                            .map(|v| EnumValue {
                                id: v.value.clone(),
                                label: labels
                                    .iter()
                                    .find(|(k, _)| k.value == v.value)
                                    .map_or_else(|| v.value.clone(), |(_, l)| l.clone()),
                            })
                            .collect();
                    }
                    _ => self.err(
                        missing("enum attribute", "values", &a.id)
                            .with_help("list the allowed values: `values = [\"a\", \"b\"]`"),
                    ),
                }
            } else if let Some(vs) = a.values.as_ref().and_then(|v| v.first()) {
                self.err(
                    Diagnostic::error("invalid-value", "`values` is only for enum attributes")
                        .with_label(vs.span.clone(), "not an enum attribute"),
                );
            }
            if kind != AttributeKind::Number
                && let Some(bound) = a.min.as_ref().or(a.max.as_ref())
            {
                self.err(
                    Diagnostic::error(
                        "invalid-value",
                        "`min`/`max` are only for number attributes",
                    )
                    .with_label(bound.span.clone(), "not a number attribute"),
                );
            }
            if let (Some(lo), Some(hi)) = (&a.min, &a.max)
                && lo.value > hi.value
            {
                self.err(
                    Diagnostic::error(
                        "empty-range",
                        format!("min {} is greater than max {}", lo.value, hi.value),
                    )
                    .with_label(lo.span.clone(), "min")
                    .with_label(hi.span.clone(), "max"),
                );
            }
            let mut attr = Attribute {
                id: a.id.value.clone(),
                kind,
                label: a.label.clone().unwrap_or_else(|| a.id.value.clone()),
                unit: a.unit.clone(),
                help: a.help.clone(),
                values,
                min: a.min.as_ref().map(|m| m.value),
                max: a.max.as_ref().map(|m| m.value),
                default: None,
                required: a.required.unwrap_or(false),
                span: a.id.span.clone(),
            };
            if let Some(d) = &a.default {
                attr.default = condition::check_value(&attr, d, &mut self.diags);
            }
            out.push(attr);
        }
        out
    }

    fn stages(&mut self) -> Vec<Stage> {
        let raw: Vec<&RawStage> = self
            .merged
            .raw
            .stage
            .iter()
            .map(|s| &s.value)
            .filter(|s| !s.remove.as_ref().is_some_and(|r| r.value))
            .collect();
        let ids: Vec<&str> = raw.iter().map(|s| s.id.value.as_str()).collect();
        let mut out = Vec::new();
        for s in &raw {
            let after = s
                .after
                .iter()
                .flatten()
                .filter_map(|a| self.resolve("stage", "unknown-stage", &ids, a))
                .collect();
            if s.name.is_none() {
                self.err(missing("stage", "name", &s.id));
            }
            out.push(Stage {
                id: s.id.value.clone(),
                name: s
                    .name
                    .as_ref()
                    .map_or_else(|| s.id.value.clone(), |n| n.value.clone()),
                lead: s.lead.clone(),
                after,
            });
        }
        if out.is_empty() && !self.merged.raw.item.is_empty() {
            let span = self.meta_span.clone();
            self.err(
                Diagnostic::error("missing-stages", "the ruleset declares items but no stages")
                    .with_label(span, "in this ruleset")
                    .with_help("add [[stage]] entries (立项用地规划许可, 工程建设许可, 施工许可, 竣工验收)"),
            );
        }
        out
    }

    fn condition(
        &mut self,
        raw: &Option<Sp<RawValue>>,
        attributes: &[Attribute],
        type_ids: &[&str],
        allow_type: bool,
    ) -> Option<Condition> {
        let raw = raw.as_ref()?;
        let scope = Scope {
            attributes,
            type_ids,
            allow_type,
        };
        condition::compile(raw, &scope, &mut self.diags)
    }

    fn target_days(&mut self, v: &Sp<i64>, what: &str) -> Option<u32> {
        if v.value <= 0 || v.value > MAX_DURATION_DAYS {
            self.err(
                Diagnostic::error(
                    "target-range",
                    format!("{what} target {} is not a positive number of days", v.value),
                )
                .with_label(
                    v.span.clone(),
                    format!("expected 1 to {MAX_DURATION_DAYS} working days"),
                )
                .with_help("targets are working days of approval time, e.g. `total = 70`"),
            );
            return None;
        }
        Some(v.value as u32)
    }

    fn project_types(
        &mut self,
        attributes: &[Attribute],
        stage_ids: &[&str],
        type_ids: &[&str],
    ) -> Vec<ProjectType> {
        let mut out = Vec::new();
        for t in &self.merged.raw.project_type {
            let t = &t.value;
            if t.remove.as_ref().is_some_and(|r| r.value) {
                continue;
            }
            let when = self.condition(&t.when, attributes, type_ids, false);
            let target = t.target.as_ref().map(|target| {
                let total = target
                    .value
                    .total
                    .as_ref()
                    .and_then(|v| self.target_days(v, "whole-process"));
                let mut stages = Vec::new();
                for (stage, days) in &target.value.stages {
                    let s = self.resolve("stage", "unknown-stage", stage_ids, stage);
                    let d = self.target_days(days, "stage");
                    if let (Some(s), Some(d)) = (s, d) {
                        stages.push((s, d));
                    }
                }
                stages.sort_by_key(|(s, _)| *s);
                Target {
                    total,
                    stages,
                    source: target.value.source.clone(),
                }
            });
            let example = t
                .example
                .as_ref()
                .map(|e| self.attribute_values(e, attributes))
                .unwrap_or_default();
            if t.name.is_none() {
                self.err(missing("project type", "name", &t.id));
            }
            out.push(ProjectType {
                id: t.id.value.clone(),
                name: t
                    .name
                    .as_ref()
                    .map_or_else(|| t.id.value.clone(), |n| n.value.clone()),
                description: t.description.clone(),
                when,
                target,
                example,
            });
        }
        out
    }

    /// A table of attribute values (examples), checked against the schema.
    pub(crate) fn attribute_values(
        &mut self,
        table: &Sp<RawValue>,
        attributes: &[Attribute],
    ) -> Vec<(AttrIdx, crate::condition::Value)> {
        check_attribute_table(table, attributes, &mut self.diags)
    }

    fn deps(
        &mut self,
        after: &[Sp<RawDep>],
        item_ids: &[&str],
        owner: Option<&str>,
    ) -> Vec<Dependency> {
        let mut out = Vec::new();
        for dep in after {
            let mut d = dep.value.clone();
            if d.item.span == (0..0) {
                d.item.span = dep.span.clone();
            }
            if owner == Some(d.item.value.as_str()) {
                self.err(
                    Diagnostic::error(
                        "dependency-cycle",
                        format!("item `{}` depends on itself", d.item.value),
                    )
                    .with_label(d.item.span.clone(), "self-dependency")
                    .with_help("remove this entry from `after`"),
                );
                continue;
            }
            let lag = d.lag.as_ref().map_or(0, |l| l.value);
            if !(-MAX_LAG_DAYS..=MAX_LAG_DAYS).contains(&lag) {
                let span = d.lag.as_ref().map_or(dep.span.clone(), |l| l.span.clone());
                self.err(
                    Diagnostic::error("duration-range", format!("lag {lag} is not plausible"))
                        .with_label(
                            span,
                            format!("expected -{MAX_LAG_DAYS} to {MAX_LAG_DAYS} working days"),
                        ),
                );
                continue;
            }
            if let Some(item) = self.resolve("item", "unknown-item", item_ids, &d.item) {
                out.push(Dependency {
                    item,
                    kind: d.kind.as_ref().map_or(DepKind::FS, |k| k.value),
                    lag: lag as i32,
                });
            }
        }
        out
    }

    fn items(
        &mut self,
        attributes: &[Attribute],
        stage_ids: &[&str],
        type_ids: &[&str],
    ) -> Vec<Item> {
        let raw: Vec<&RawItem> = self
            .merged
            .raw
            .item
            .iter()
            .map(|i| &i.value)
            .filter(|i| !i.remove.as_ref().is_some_and(|r| r.value))
            .collect();
        let item_ids: Vec<&str> = raw.iter().map(|i| i.id.value.as_str()).collect();
        let mut out = Vec::new();
        for i in raw {
            let stage = match &i.stage {
                Some(s) => self.resolve("stage", "unknown-stage", stage_ids, s),
                None => {
                    self.err(missing("item", "stage", &i.id));
                    None
                }
            };
            let limit = match &i.limit {
                Some(l) => duration(l, "limit", &mut self.diags),
                None => {
                    self.err(
                        missing("item", "limit", &i.id)
                            .with_help("add `limit = N` (promised working days; 0 for 即办)"),
                    );
                    None
                }
            };
            let legal_limit = i
                .legal_limit
                .as_ref()
                .and_then(|l| duration(l, "legal_limit", &mut self.diags));
            if let (Some(l), Some(legal), Some(lspan)) = (limit, legal_limit, i.limit.as_ref())
                && l > legal
            {
                self.err(
                    Diagnostic::warning("limit-exceeds-legal", format!("promised limit {l} exceeds the statutory limit {legal}"))
                        .with_label(lspan.span.clone(), "promised")
                        .with_help("a promised limit (承诺时限) is normally at most the statutory one (法定时限)"),
                );
            }
            for field in ["name", "department"] {
                let present = if field == "name" {
                    i.name.is_some()
                } else {
                    i.department.is_some()
                };
                if !present {
                    self.err(missing("item", field, &i.id));
                }
            }
            let after = self.deps(
                i.after.as_deref().unwrap_or_default(),
                &item_ids,
                Some(&i.id.value),
            );
            let when = self.condition(&i.when, attributes, type_ids, true);
            let provenance = match (&i.source, &i.estimate) {
                (Some(s), _) => Provenance::Source(s.clone()),
                (None, Some(e)) => Provenance::Estimate(e.clone()),
                (None, None) => {
                    self.err(
                        Diagnostic::warning("unsourced", format!("item `{}` cites no source for its limit", i.id.value))
                            .with_label(i.id.span.clone(), "no `source` or `estimate`")
                            .with_help("add `source = \"document, section\"`, or `estimate = \"why this number\"`"),
                    );
                    Provenance::Unstated
                }
            };
            // An invalid item is still pushed (the ruleset is rejected anyway) so that item
            // indices stay aligned with `item_ids` for the checks that follow.
            let (stage, limit) = (stage.unwrap_or(0), limit.unwrap_or(0));
            out.push(Item {
                id: i.id.value.clone(),
                name: i
                    .name
                    .as_ref()
                    .map_or_else(|| i.id.value.clone(), |n| n.value.clone()),
                department: i
                    .department
                    .as_ref()
                    .map(|d| d.value.clone())
                    .unwrap_or_default(),
                stage,
                limit,
                legal_limit,
                unit: i.unit.as_ref().map_or(DurationUnit::Working, |u| u.value),
                clock: i.clock.as_ref().map_or(Clock::Approval, |c| c.value),
                after,
                when,
                materials: i.materials.clone().unwrap_or_default(),
                provenance,
                note: i.note.clone(),
            });
        }
        out
    }

    fn measures(
        &mut self,
        attributes: &[Attribute],
        stage_ids: &[&str],
        type_ids: &[&str],
        item_ids: &[&str],
    ) -> Vec<Measure> {
        let mut out = Vec::new();
        for m in &self.merged.raw.measure {
            let m = &m.value;
            if m.remove.as_ref().is_some_and(|r| r.value) {
                continue;
            }
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
                .filter_map(|i| self.resolve("item", "unknown-item", item_ids, i))
                .collect();
            let stages: Vec<StageIdx> = m
                .stages
                .iter()
                .flatten()
                .filter_map(|s| self.resolve("stage", "unknown-stage", stage_ids, s))
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
                            kind_str(kind)
                        ),
                    )
                    .with_label(list[0].span.clone(), "only one item here"),
                );
            }
            let limit = m
                .limit
                .as_ref()
                .and_then(|l| duration(l, "limit", &mut self.diags));
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
                        format!("`limit` has no effect on a `{}` measure", kind_str(kind)),
                    )
                    .with_label(l.span.clone(), "ignored for this kind")
                    .with_help("`limit` sets the duration of commitment and merge measures and caps a bundle's; use a `set` measure to change limits"),
                );
            }
            if let Some(l) = m.lag.as_ref().filter(|_| kind != MeasureKind::Overlap) {
                self.err(
                    Diagnostic::error(
                        "invalid-value",
                        format!("`lag` has no effect on a `{}` measure", kind_str(kind)),
                    )
                    .with_label(l.span.clone(), "ignored for this kind")
                    .with_help("`lag` is the start-to-start lag of overlap (容缺受理) measures"),
                );
            }
            let lag = m.lag.as_ref().map_or(0, |l| l.value);
            if !(-MAX_LAG_DAYS..=MAX_LAG_DAYS).contains(&lag) {
                let span = m.lag.as_ref().expect("lag given").span.clone();
                self.err(
                    Diagnostic::error("duration-range", format!("lag {lag} is not plausible"))
                        .with_label(
                            span,
                            format!("expected -{MAX_LAG_DAYS} to {MAX_LAG_DAYS} working days"),
                        ),
                );
            }
            let into = match (&m.into, kind) {
                (Some(into), MeasureKind::Merge) => {
                    if item_ids.contains(&into.id.value.as_str())
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
                        .and_then(|s| self.resolve("stage", "unknown-stage", stage_ids, s));
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
                    limit: s
                        .limit
                        .as_ref()
                        .and_then(|l| duration(l, "limit", &mut self.diags)),
                    legal_limit: s
                        .legal_limit
                        .as_ref()
                        .and_then(|l| duration(l, "legal_limit", &mut self.diags)),
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
            out.push(Measure {
                id: m.id.value.clone(),
                name: m
                    .name
                    .as_ref()
                    .map_or_else(|| m.id.value.clone(), |n| n.value.clone()),
                kind,
                description: m.description.clone(),
                items,
                stages,
                when,
                default: m.default.unwrap_or(true),
                limit,
                lag: lag.clamp(-MAX_LAG_DAYS, MAX_LAG_DAYS) as i32,
                into,
                set,
                provenance: match (&m.source, &m.estimate) {
                    (Some(s), _) => Provenance::Source(s.clone()),
                    (None, Some(e)) => Provenance::Estimate(e.clone()),
                    (None, None) => Provenance::Unstated,
                },
            });
        }
        out
    }

    /// Dependency cycles among items (explicit `after` plus stage gates), each reported whole.
    fn check_cycles(&mut self, items: &[Item], stages: &[Stage]) {
        use petgraph::algo::tarjan_scc;
        use petgraph::graph::DiGraph;

        // Stage gates first: a cycle among stages is reported once, as stages.
        let mut sg = DiGraph::<usize, ()>::new();
        let snodes: Vec<_> = (0..stages.len()).map(|i| sg.add_node(i)).collect();
        for (i, s) in stages.iter().enumerate() {
            for &p in &s.after {
                sg.add_edge(snodes[p], snodes[i], ());
            }
        }
        let stage_raw: Vec<&RawStage> = self
            .merged
            .raw
            .stage
            .iter()
            .map(|s| &s.value)
            .filter(|s| !s.remove.as_ref().is_some_and(|r| r.value))
            .collect();
        let mut stage_cycle = false;
        for scc in tarjan_scc(&sg) {
            if scc.len() < 2 {
                continue;
            }
            stage_cycle = true;
            let mut members: Vec<usize> = scc.iter().map(|n| sg[*n]).collect();
            members.sort_unstable();
            let names: Vec<&str> = members.iter().map(|&i| stages[i].id.as_str()).collect();
            let mut d = Diagnostic::error(
                "stage-cycle",
                format!("stage gates form a cycle: {}", names.join(" ↔ ")),
            );
            for &i in &members {
                for a in stage_raw[i].after.iter().flatten() {
                    if members.iter().any(|&m| stages[m].id == a.value) {
                        d = d.with_label(
                            a.span.clone(),
                            format!("`{}` waits for `{}`", stages[i].id, a.value),
                        );
                    }
                }
            }
            self.err(d.with_help("stages must form an order; remove one `after`"));
        }
        if stage_cycle || stages.is_empty() {
            return;
        }

        let raw_items: Vec<&RawItem> = self
            .merged
            .raw
            .item
            .iter()
            .map(|i| &i.value)
            .filter(|i| !i.remove.as_ref().is_some_and(|r| r.value))
            .collect();
        let mut g = DiGraph::<usize, ()>::new();
        let nodes: Vec<_> = (0..items.len()).map(|i| g.add_node(i)).collect();
        for (i, item) in items.iter().enumerate() {
            for d in &item.after {
                g.add_edge(nodes[d.item], nodes[i], ());
            }
            for (j, other) in items.iter().enumerate() {
                if stages[item.stage].after.contains(&other.stage) {
                    g.add_edge(nodes[j], nodes[i], ());
                }
            }
        }
        for scc in tarjan_scc(&g) {
            if scc.len() < 2 {
                continue;
            }
            let mut members: Vec<usize> = scc.iter().map(|n| g[*n]).collect();
            members.sort_unstable();
            let path = cycle_path(&members, items, stages);
            let names: Vec<&str> = path.iter().map(|&i| items[i].id.as_str()).collect();
            let mut d = Diagnostic::error(
                "dependency-cycle",
                format!(
                    "items depend on each other in a cycle: {} → {}",
                    names.join(" → "),
                    names[0]
                ),
            );
            for w in 0..path.len() {
                let (from, to) = (path[w], path[(w + 1) % path.len()]);
                let raw_to = raw_items.iter().find(|r| r.id.value == items[to].id);
                let explicit = raw_to.and_then(|r| {
                    r.after
                        .iter()
                        .flatten()
                        .find(|dep| dep.value.item.value == items[from].id)
                });
                match explicit {
                    Some(dep) => {
                        d = d.with_label(
                            dep.span.clone(),
                            format!("`{}` waits for `{}`", items[to].id, items[from].id),
                        );
                    }
                    None => {
                        if let Some(r) = raw_to.and_then(|r| r.stage.as_ref()) {
                            d = d.with_label(
                                r.span.clone(),
                                format!(
                                    "`{}` waits for stage `{}` (stage gate)",
                                    items[to].id, stages[items[from].stage].id
                                ),
                            );
                        }
                    }
                }
            }
            self.err(d.with_help(
                "approval items must form an order; remove one of these `after` entries",
            ));
        }
    }

    /// Reads the raw `when`s rather than the compiled ones, so that one mistake in a
    /// condition does not also make the attributes it names look unused.
    fn warn_unused_attributes(&mut self, attributes: &[Attribute]) {
        let raw = &self.merged.raw;
        let kept = |r: &Option<Sp<bool>>| !r.as_ref().is_some_and(|r| r.value);
        let conds = raw
            .project_type
            .iter()
            .filter(|t| kept(&t.value.remove))
            .filter_map(|t| t.value.when.as_ref())
            .chain(
                raw.item
                    .iter()
                    .filter(|i| kept(&i.value.remove))
                    .filter_map(|i| i.value.when.as_ref()),
            )
            .chain(
                raw.measure
                    .iter()
                    .filter(|m| kept(&m.value.remove))
                    .filter_map(|m| m.value.when.as_ref()),
            );
        let mut names = Vec::new();
        for c in conds {
            condition_attribute_names(&c.value, &mut names);
        }
        for a in attributes {
            if !names.contains(&a.id.as_str()) {
                self.diags.push(
                    Diagnostic::warning(
                        "unused-attribute",
                        format!("attribute `{}` is used by no condition", a.id),
                    )
                    .with_label(a.span.clone(), "declared here")
                    .with_help("use it in a `when`, or remove it so project forms stay short"),
                );
            }
        }
    }

    /// Items whose `when` no project can satisfy (a contradiction such as `all = [{a = 1}, {a = 2}]`).
    fn warn_unreachable_items(
        &mut self,
        attributes: &[Attribute],
        items: &[Item],
        type_count: usize,
    ) {
        let raw_items: Vec<&RawItem> = self
            .merged
            .raw
            .item
            .iter()
            .map(|i| &i.value)
            .filter(|i| !i.remove.as_ref().is_some_and(|r| r.value))
            .collect();
        for item in items {
            let Some(cond) = &item.when else { continue };
            if super::satisfiable::satisfiable(cond, attributes, type_count) == Some(false) {
                let span = raw_items
                    .iter()
                    .find(|r| r.id.value == item.id)
                    .and_then(|r| r.when.as_ref())
                    .map_or(0..0, |w| w.span.clone());
                self.err(
                    Diagnostic::warning(
                        "unreachable-item",
                        format!("item `{}` applies to no project", item.id),
                    )
                    .with_label(span, "this condition can never hold")
                    .with_help("the tests contradict each other; check the values and ranges"),
                );
            }
        }
    }
}

/// The attribute ids a raw condition tests, at any depth (`all`, `any`, `not`).
fn condition_attribute_names<'v>(v: &'v RawValue, out: &mut Vec<&'v str>) {
    match v {
        RawValue::Table(entries) => {
            for (key, value) in entries {
                match key.value.as_str() {
                    "all" | "any" | "not" => condition_attribute_names(&value.value, out),
                    "reason" | "type" => {}
                    id => out.push(id),
                }
            }
        }
        RawValue::Array(parts) => {
            for p in parts {
                condition_attribute_names(&p.value, out);
            }
        }
        _ => {}
    }
}

fn kind_str(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::Commitment => "commitment",
        MeasureKind::Exempt => "exempt",
        MeasureKind::Merge => "merge",
        MeasureKind::Parallel => "parallel",
        MeasureKind::Overlap => "overlap",
        MeasureKind::Set => "set",
        MeasureKind::Bundle => "bundle",
    }
}

/// One simple cycle through the members of a strongly connected component, in order.
fn cycle_path(members: &[usize], items: &[Item], stages: &[Stage]) -> Vec<usize> {
    let preds = |i: usize| -> Vec<usize> {
        let mut p: Vec<usize> = items[i].after.iter().map(|d| d.item).collect();
        p.extend(
            (0..items.len()).filter(|&j| stages[items[i].stage].after.contains(&items[j].stage)),
        );
        p.retain(|x| members.contains(x));
        p
    };
    // Walk backwards along predecessors from the first member until a node repeats.
    let mut path = vec![members[0]];
    loop {
        let last = *path.last().expect("non-empty");
        let Some(&next) = preds(last).first() else {
            return path;
        };
        if let Some(pos) = path.iter().position(|&x| x == next) {
            let mut cycle: Vec<usize> = path[pos..].to_vec();
            cycle.reverse();
            return cycle;
        }
        path.push(next);
    }
}

/// Expands a `{ date }` or `{ from, to }` calendar entry.
pub(crate) fn expand_calendar_day(
    d: &Sp<RawCalendarDay>,
    into: &mut Vec<SpecialDay>,
) -> Result<(), Diagnostic> {
    let name = d.value.name.clone().unwrap_or_default();
    match (&d.value.date, &d.value.from, &d.value.to) {
        (Some(date), None, None) => {
            into.push(SpecialDay { date: date.value.0, name });
            Ok(())
        }
        (None, Some(from), Some(to)) => {
            if from.value > to.value {
                return Err(Diagnostic::error("empty-range", "`from` is after `to`")
                    .with_label(from.span.clone(), "from")
                    .with_label(to.span.clone(), "to"));
            }
            let days = (to.value.0 - from.value.0).num_days();
            if days > 366 {
                return Err(Diagnostic::error("duration-range", "a calendar range longer than a year")
                    .with_label(d.span.clone(), "too long")
                    .with_help("list holidays one range per festival"));
            }
            into.extend(from.value.0.iter_days().take(days as usize + 1).map(|date| SpecialDay { date, name: name.clone() }));
            Ok(())
        }
        _ => Err(Diagnostic::error("invalid-value", "a calendar entry needs `date`, or `from` and `to`")
            .with_label(d.span.clone(), "neither a single date nor a range")
            .with_help("write `{ date = 2027-01-01, name = \"元旦\" }` or `{ from = 2027-02-05, to = 2027-02-11, name = \"春节\" }`")),
    }
}

/// Checks a table of attribute values against the schema (project attributes, examples).
pub(crate) fn check_attribute_table(
    table: &Sp<RawValue>,
    attributes: &[Attribute],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(AttrIdx, crate::condition::Value)> {
    let RawValue::Table(entries) = &table.value else {
        diags.push(
            Diagnostic::error(
                "invalid-value",
                format!(
                    "expected a table of attribute values, found {}",
                    table.value.kind()
                ),
            )
            .with_label(table.span.clone(), "expected a table"),
        );
        return Vec::new();
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (key, value) in entries {
        let Some(idx) = attributes.iter().position(|a| a.id == key.value) else {
            diags.push(
                Diagnostic::error(
                    "unknown-attribute",
                    format!("unknown attribute `{}`", key.value),
                )
                .with_label(key.span.clone(), "not declared by the ruleset")
                .with_optional_help(suggest::hint(
                    &key.value,
                    attributes.iter().map(|a| a.id.as_str()),
                )),
            );
            continue;
        };
        seen.insert(idx);
        if let Some(v) = condition::check_value(&attributes[idx], value, diags) {
            out.push((idx, v));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}
