//! Checking a merged ruleset and compiling it into the [`Ruleset`] model. Every problem is
//! reported (not just the first), each with a stable code and the span it is about.
//!
//! One file per part of the ruleset (attributes, stages, project types, items, measures),
//! then the checks across parts: dependency cycles (`cycles`) and the warnings about unused
//! or unreachable entries (`lints`). The checks every part shares (durations, lags,
//! provenance, required fields) are in `fields`.

mod attributes;
mod cycles;
mod fields;
mod items;
mod lints;
mod measures;
mod milestones;
mod project_types;
mod stages;
mod texts;
mod uncertainty;
mod warning_profiles;

use std::ops::Range;

use crate::condition::{self, Condition, Scope};
use crate::diagnostic::Diagnostic;
use crate::spanned::{RawValue, Sp};
use crate::suggest;

use super::merge::{Merged, Removed};
use super::model::*;
use super::raw::*;

pub(crate) use attributes::check_attribute_table;
pub(crate) use texts::{forbidden_char, invalid_text};
#[cfg_attr(not(feature = "simulate"), allow(unused_imports))]
pub(crate) use uncertainty::apply_risk;

/// A construction period in calendar days, checked as a ruleset's are (project files).
pub(crate) fn check_construction_days(v: &Sp<i64>, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    fields::construction_days(v, "construction_days", diags)
}

pub(crate) struct Compiler<'a> {
    merged: &'a Merged,
    /// Did-you-mean hints left to compute: each compares the mistake with every id, so a
    /// file with 10,000 unknown references of 100,000 items gets hints for the first ones.
    hints_left: usize,
    pub diags: Vec<Diagnostic>,
    /// Whole-entry span of the ruleset metadata, for problems with no better place.
    meta_span: Range<usize>,
}

/// Did-you-mean hints computed per ruleset (see `Compiler::hints_left`).
const MAX_HINTS: usize = 100;

/// A raw `[[…]]` entry that an `extends` child can patch or remove by id.
trait Entry {
    fn id(&self) -> &Sp<String>;
    fn remove(&self) -> Option<&Sp<bool>>;
    /// Whether the entry says `remove = true`.
    fn removed(&self) -> bool {
        self.remove().is_some_and(|r| r.value)
    }
}

macro_rules! entry {
    ($($raw:ty),*) => {$(
        impl Entry for $raw {
            fn id(&self) -> &Sp<String> {
                &self.id
            }
            fn remove(&self) -> Option<&Sp<bool>> {
                self.remove.as_ref()
            }
        }
    )*};
}
entry!(
    RawAttribute,
    RawProjectType,
    RawStage,
    RawItem,
    RawMeasure,
    RawMilestone,
    RawWarningProfile
);

/// The entries of one list that are kept (not `remove = true`), in order.
fn kept<T: Entry>(entries: &[Sp<T>]) -> impl Iterator<Item = &T> {
    entries.iter().map(|e| &e.value).filter(|e| !e.removed())
}

/// The ids of one kind of entry in declaration order, with an index for lookups: a ruleset
/// may declare 100,000 items, and every reference is looked up.
pub(super) struct Ids<'a> {
    list: Vec<&'a str>,
    index: std::collections::HashMap<&'a str, usize>,
}

impl<'a> Ids<'a> {
    pub fn new(list: Vec<&'a str>) -> Self {
        let mut index = std::collections::HashMap::with_capacity(list.len());
        for (i, id) in list.iter().enumerate() {
            // A duplicate id is reported elsewhere; the first declaration is the one found.
            index.entry(*id).or_insert(i);
        }
        Ids { list, index }
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }
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
            hints_left: MAX_HINTS,
        }
    }

    fn err(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reference to an id of `kind` among `ids`: its position, or a diagnostic with a hint.
    fn resolve(
        &mut self,
        kind: &'static str,
        code: &'static str,
        ids: &Ids,
        r: &Sp<String>,
    ) -> Option<usize> {
        if let Some(i) = ids.position(&r.value) {
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
        let help = if self.hints_left > 0 {
            self.hints_left -= 1;
            suggest::hint(&r.value, ids.list.iter().copied())
        } else {
            None
        };
        self.err(
            Diagnostic::error(code, format!("unknown {kind} `{}`", r.value))
                .with_label(r.span.clone(), format!("no {kind} has this id"))
                .with_optional_help(help),
        );
        None
    }

    /// A reference to a stage.
    fn stage_ref(&mut self, stage_ids: &Ids, r: &Sp<String>) -> Option<StageIdx> {
        self.resolve("stage", "unknown-stage", stage_ids, r)
            .map(StageIdx::new)
    }

    /// A reference to an item.
    fn item_ref(&mut self, item_ids: &Ids, r: &Sp<String>) -> Option<ItemIdx> {
        self.resolve("item", "unknown-item", item_ids, r)
            .map(ItemIdx::new)
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
        self.check_texts();

        let calendar_additions = match raw.calendar.as_ref() {
            Some(c) => crate::calendar::additions::read(c, &mut self.diags),
            None => Default::default(),
        };
        let attributes = self.attributes();
        let stages = self.stages();
        let stage_ids = Ids::new(stages.iter().map(|s| s.id.as_str()).collect());
        let type_ids: Vec<&str> = raw
            .project_type
            .iter()
            .map(|t| t.value.id.value.as_str())
            .collect();
        let project_types = self.project_types(&attributes, &stage_ids, &type_ids);
        let risk_defaults = self.risk_defaults();
        let items = self.items(&attributes, &stage_ids, &type_ids, &risk_defaults);
        let item_ids = Ids::new(items.iter().map(|i| i.id.as_str()).collect());
        let measures = self.measures(&attributes, &stage_ids, &type_ids, &item_ids);
        let milestones = self.milestones(&item_ids);
        let (warning_profiles, warning_profile) = self.warning_profiles(meta);
        self.check_cycles(&items, &stages, &measures);
        self.check_works(&items);
        self.warn_exempted_prerequisites(&items, &measures, &project_types, &attributes);
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
            milestones,
            warning_profiles,
            warning_profile,
            risk_defaults,
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
        (ok.then_some(ruleset), self.diags)
    }

    /// Entries that still say `remove = true` after merging had nothing to remove.
    fn reject_leftover_removes(&mut self) {
        let raw = &self.merged.raw;
        let mut spans: Vec<(Range<usize>, String)> = Vec::new();
        fn collect<T: Entry>(entries: &[Sp<T>], out: &mut Vec<(Range<usize>, String)>) {
            let removed = entries.iter().map(|e| &e.value).filter(|e| e.removed());
            out.extend(removed.map(|e| (e.id().span.clone(), e.id().value.clone())));
        }
        collect(&raw.attribute, &mut spans);
        collect(&raw.project_type, &mut spans);
        collect(&raw.stage, &mut spans);
        collect(&raw.item, &mut spans);
        collect(&raw.measure, &mut spans);
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
}
