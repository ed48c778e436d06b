//! `[[attribute]]` entries: the typed project attributes conditions test, and tables of
//! attribute values (type examples, project files) checked against them.

use std::collections::BTreeSet;

use crate::condition;
use crate::diagnostic::Diagnostic;
use crate::spanned::{RawValue, Sp};
use crate::suggest;

use super::super::model::*;
use super::super::raw::{AttributeKind, RawConditionalDefault};
use super::fields::missing;
use super::{Compiler, kept};

impl Compiler<'_> {
    pub(super) fn attributes(&mut self) -> Vec<Attribute> {
        let mut out = Vec::new();
        for a in kept(&self.merged.raw.attribute) {
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
            for bound in [&a.min, &a.max].into_iter().flatten() {
                if !bound.value.is_finite() {
                    self.err(condition::not_finite(&bound.span));
                }
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
                defaults: Vec::new(),
                required: a.required.unwrap_or(false),
                span: a.id.span.clone(),
            };
            if let Some(d) = &a.default {
                attr.default = condition::check_value(&attr, d, &mut self.diags);
            }
            out.push(attr);
        }
        self.conditional_defaults(&mut out);
        out
    }

    /// Compiles each attribute's `defaults` once the whole schema is known: a default may
    /// test only attributes declared before its own, so defaults resolve in one pass in
    /// declaration order and never depend on each other in a circle.
    fn conditional_defaults(&mut self, attributes: &mut [Attribute]) {
        let raw: Vec<(Sp<String>, Vec<Sp<RawConditionalDefault>>)> =
            kept(&self.merged.raw.attribute)
                .filter_map(|a| Some((a.id.clone(), a.defaults.clone()?)))
                .collect();
        for (id, entries) in raw {
            // An attribute without a type was reported and left out.
            let Some(k) = attributes.iter().position(|x| x.id == id.value) else {
                continue;
            };
            let mut compiled = Vec::new();
            for entry in &entries {
                let e = &entry.value;
                let when = self.condition(&Some(e.when.clone()), attributes, &[], false);
                let value = condition::check_value(&attributes[k], &e.value, &mut self.diags);
                let Some(when) = when else { continue };
                let mut read = Vec::new();
                when.test.attributes(&mut read);
                if let Some(later) = read.iter().find(|r| r.index() >= k) {
                    self.err(
                        Diagnostic::error(
                            "default-order",
                            format!(
                                "a default of `{}` tests `{}`, which is not declared before it",
                                id.value, attributes[*later].id
                            ),
                        )
                        .with_label(e.when.span.clone(), "tests a later attribute")
                        .with_help(format!(
                            "declare `{}` before `{}`, or test an attribute declared earlier",
                            attributes[*later].id, id.value
                        )),
                    );
                    continue;
                }
                if let Some(value) = value {
                    compiled.push(ConditionalDefault { when, value });
                }
            }
            attributes[k].defaults = compiled;
        }
    }

    /// A table of attribute values (examples), checked against the schema.
    pub(super) fn attribute_values(
        &mut self,
        table: &Sp<RawValue>,
        attributes: &[Attribute],
    ) -> Vec<(AttrIdx, crate::condition::Value)> {
        check_attribute_table(table, attributes, &mut self.diags)
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
        let Some(idx) = attributes
            .iter()
            .position(|a| a.id == key.value)
            .map(AttrIdx::new)
        else {
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
