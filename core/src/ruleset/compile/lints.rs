//! Warnings about a ruleset that compiles but is probably not what its author meant:
//! attributes no condition uses, items no project can get.

use crate::diagnostic::Diagnostic;
use crate::spanned::RawValue;

use super::super::model::*;
use super::super::raw::*;
use super::{Compiler, kept};

impl Compiler<'_> {
    /// Reads the raw `when`s rather than the compiled ones, so that one mistake in a
    /// condition does not also make the attributes it names look unused.
    pub(super) fn warn_unused_attributes(&mut self, attributes: &[Attribute]) {
        let raw = &self.merged.raw;
        let conds = (kept(&raw.project_type).filter_map(|t| t.when.as_ref()))
            .chain(kept(&raw.item).filter_map(|i| i.when.as_ref()))
            .chain(kept(&raw.measure).filter_map(|m| m.when.as_ref()))
            .chain(
                kept(&raw.item).flat_map(|i| i.limit_cases.iter().flatten().map(|c| &c.value.when)),
            )
            // An attribute another one's default is inferred from counts as used.
            .chain(
                kept(&raw.attribute)
                    .flat_map(|a| a.defaults.iter().flatten().map(|d| &d.value.when)),
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
    pub(super) fn warn_unreachable_items(
        &mut self,
        attributes: &[Attribute],
        items: &[Item],
        type_count: usize,
    ) {
        let raw_items: Vec<&RawItem> = kept(&self.merged.raw.item).collect();
        for item in items {
            let Some(cond) = &item.when else { continue };
            if super::super::satisfiable::satisfiable(cond, attributes, type_count) == Some(false) {
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

    /// At most one item is the construction works.
    pub(super) fn check_works(&mut self, items: &[Item]) {
        let raw_items: Vec<&RawItem> = kept(&self.merged.raw.item).collect();
        let works: Vec<&RawItem> = (items.iter().zip(&raw_items))
            .filter(|(item, _)| item.works)
            .map(|(_, raw)| *raw)
            .collect();
        if let [first, again, ..] = works.as_slice() {
            self.err(
                Diagnostic::error("duplicate-works", "two items are the construction works")
                    .with_label(again.id.span.clone(), "`works = true` again here")
                    .with_label(first.id.span.clone(), "first works item")
                    .with_help("a project is built once: keep `works = true` on one item"),
            );
        }
    }

    /// An `exempt` measure that removes an item another item requires by law, for a project
    /// type both apply to, without saying it `waives` that requirement: the plan would lose
    /// the law's order with nothing to say why.
    pub(super) fn warn_exempted_prerequisites(
        &mut self,
        items: &[Item],
        measures: &[Measure],
        types: &[ProjectType],
        attributes: &[Attribute],
    ) {
        let raw = &self.merged.raw;
        let raw_items: Vec<&RawItem> = kept(&raw.item).collect();
        let raw_measures: Vec<&RawMeasure> = kept(&raw.measure).collect();
        let defaults: Vec<_> = attributes.iter().map(|a| a.default.clone()).collect();
        let mut found = Vec::new();
        for (m, measure) in measures.iter().enumerate() {
            if !matches!(measure.action, MeasureAction::Exempt) {
                continue;
            }
            for &removed in &measure.items {
                if measure.waives.contains(&removed) {
                    continue;
                }
                for (dependent, item) in items.iter().enumerate() {
                    let dependent = ItemIdx::new(dependent);
                    let Some(req) = item.requires.iter().find(|p| p.item == removed) else {
                        continue;
                    };
                    if measure.items.contains(&dependent) {
                        continue;
                    }
                    let affected: Vec<&str> = (types.iter().enumerate())
                        .filter(|(t, pt)| {
                            let mut values = defaults.clone();
                            for (a, v) in &pt.example {
                                values[a.index()] = Some(v.clone());
                            }
                            let facts = crate::condition::Facts {
                                values: &values,
                                project_type: Some(TypeIdx::new(*t)),
                            };
                            let holds = |w: &Option<crate::condition::Condition>| {
                                w.as_ref().is_none_or(|w| w.holds(&facts))
                            };
                            holds(&measure.when) && holds(&item.when) && holds(&items[removed].when)
                        })
                        .map(|(_, pt)| pt.id.as_str())
                        .collect();
                    if affected.is_empty() {
                        continue;
                    }
                    found.push((
                        m,
                        removed,
                        dependent,
                        req.source.clone(),
                        affected.join(", "),
                    ));
                }
            }
        }
        for (m, removed, dependent, source, types) in found {
            let (measure, item) = (&measures[m], &items[dependent]);
            let removed_id = &items[removed].id;
            let mut d = Diagnostic::warning(
                "prerequisite-exempted",
                format!(
                    "measure `{}` removes `{removed_id}`, which `{}` requires by law",
                    measure.id, item.id
                ),
            );
            if let Some(entry) =
                (raw_measures[m].items.iter().flatten()).find(|i| i.value == *removed_id)
            {
                d = d.with_label(entry.span.clone(), "exempted here");
            }
            if let Some(entry) = (raw_items[dependent.index()].requires.iter().flatten())
                .find(|r| r.value.item.value == *removed_id)
            {
                let why = source.map_or_else(String::new, |s| format!(" ({s})"));
                d = d.with_label(entry.span.clone(), format!("required here{why}"));
            }
            self.err(d.with_help(format!(
                "for project types {types}: if the document behind the measure lets `{}` go ahead without it, add `waives = [\"{removed_id}\"]` to the measure",
                item.id
            )));
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
