//! `[[milestone]]` entries: the key dates a plan reports (开工, 竣工, …), each the start or
//! the finish of an item.

use crate::diagnostic::Diagnostic;

use super::super::model::*;
use super::super::raw::RawMilestone;
use super::{Compiler, Ids, kept};

impl Compiler<'_> {
    pub(super) fn milestones(&mut self, item_ids: &Ids) -> Vec<Milestone> {
        let raw: Vec<&RawMilestone> = kept(&self.merged.raw.milestone).collect();
        let mut out = Vec::new();
        for m in raw {
            let (reference, end) = match (&m.start, &m.finish) {
                (Some(s), None) => (s, End::Start),
                (None, Some(f)) => (f, End::Finish),
                (Some(_), Some(f)) => {
                    self.err(
                        Diagnostic::error("invalid-value", "a milestone is one end of one item")
                            .with_label(f.span.clone(), "`start` is given too")
                            .with_help("keep either `start = \"item\"` or `finish = \"item\"`"),
                    );
                    continue;
                }
                (None, None) => {
                    self.err(
                        Diagnostic::error(
                            "missing-field",
                            format!("milestone `{}` names no item", m.id.value),
                        )
                        .with_label(m.id.span.clone(), "needs `start` or `finish`")
                        .with_help("add `start = \"works\"` (开工) or `finish = \"…\"`"),
                    );
                    continue;
                }
            };
            let Some(item) = self.item_ref(item_ids, reference) else {
                continue;
            };
            out.push(Milestone {
                id: m.id.value.clone(),
                name: m
                    .name
                    .as_ref()
                    .map_or_else(|| m.id.value.clone(), |n| n.value.clone()),
                item,
                end,
            });
        }
        out
    }
}
