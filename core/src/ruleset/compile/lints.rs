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
            .chain(kept(&raw.measure).filter_map(|m| m.when.as_ref()));
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
