//! `[[stage]]` entries: the approval stages and the gates between them.

use crate::diagnostic::Diagnostic;

use super::super::model::*;
use super::super::raw::RawStage;
use super::fields::missing;
use super::{Compiler, Ids, kept};

impl Compiler<'_> {
    pub(super) fn stages(&mut self) -> Vec<Stage> {
        let raw: Vec<&RawStage> = kept(&self.merged.raw.stage).collect();
        let ids = Ids::new(raw.iter().map(|s| s.id.value.as_str()).collect());
        let mut out = Vec::new();
        for s in &raw {
            let after = s
                .after
                .iter()
                .flatten()
                .filter_map(|a| self.stage_ref(&ids, a))
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
}
