//! `[[project_type]]` entries: the classes of projects, their time-limit targets and
//! examples.

use crate::diagnostic::Diagnostic;
use crate::spanned::Sp;

use super::super::model::*;
use super::fields::{self, missing};
use super::{Compiler, Ids, kept};

impl Compiler<'_> {
    pub(super) fn target_days(&mut self, v: &Sp<i64>, what: &str) -> Option<u32> {
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

    pub(super) fn project_types(
        &mut self,
        attributes: &[Attribute],
        stage_ids: &Ids,
        type_ids: &[&str],
    ) -> Vec<ProjectType> {
        let mut out = Vec::new();
        for t in kept(&self.merged.raw.project_type) {
            let when = self.condition(&t.when, attributes, type_ids, false);
            let target = t.target.as_ref().map(|target| {
                let total = target
                    .value
                    .total
                    .as_ref()
                    .and_then(|v| self.target_days(v, "whole-process"));
                let mut stages = Vec::new();
                for (stage, days) in &target.value.stages {
                    let s = self.stage_ref(stage_ids, stage);
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
            let construction_days = (t.construction_days.as_ref())
                .and_then(|d| fields::construction_days(d, "construction_days", &mut self.diags));
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
                construction_days,
            });
        }
        out
    }
}
