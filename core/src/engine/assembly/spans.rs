//! Stage spans and the target checks against them.

use crate::plan::*;
use crate::ruleset::StageIdx;

use super::super::graph::NodeId;
use super::super::offsets::OffsetCalendar;
use super::super::schedule::Times;
use super::Assembly;

impl<'a> Assembly<'a, '_> {
    /// One span per stage of the ruleset, empty stages included, from the `visible` nodes.
    pub(super) fn stages(
        &self,
        visible: &[NodeId],
        elapsed: Times,
        approval: Times,
        cal: &OffsetCalendar,
    ) -> Vec<StageSpan<'a>> {
        let n = self.ruleset.stages.len();
        // (count, elapsed start, elapsed end, approval start, approval end) per stage.
        let mut acc = vec![(0usize, i64::MAX, i64::MIN, i64::MAX, i64::MIN); n];
        for &v in visible {
            let a = &mut acc[self.g.nodes[v].stage.index()];
            a.0 += 1;
            a.1 = a.1.min(elapsed.es(v));
            a.2 = a.2.max(elapsed.ef(v));
            a.3 = a.3.min(approval.es(v));
            a.4 = a.4.max(approval.ef(v));
        }
        acc.into_iter()
            .enumerate()
            .map(|(s, (count, es, ef, as_, af))| {
                let (id, name, lead) = self.texts().stage(StageIdx::new(s));
                let any = count > 0;
                StageSpan {
                    id: id.borrowed(),
                    name: name.borrowed(),
                    lead: lead.as_ref().map(Text::borrowed),
                    items: count,
                    approval_working_days: if any { af - as_ } else { 0 },
                    elapsed_working_days: if any { ef - es } else { 0 },
                    start: any.then(|| cal.date(es)),
                    finish: any.then(|| cal.date(ef)),
                    start_offset: if any { es } else { 0 },
                    finish_offset: if any { ef } else { 0 },
                }
            })
            .collect()
    }

    /// The project type's targets checked against the approval time: the whole process
    /// first, then the stages in stage order.
    pub(super) fn targets(
        &self,
        approval: Times,
        stages: &[StageSpan<'a>],
    ) -> Vec<TargetCheck<'a>> {
        let pt = &self.ruleset.project_types[self.project.project_type];
        let Some(target) = &pt.target else {
            return Vec::new();
        };
        let source: Option<Text<'a>> = target.source.as_deref().map(Text::from);
        let check = |scope: Text<'a>, name: Text<'a>, target: u32, actual: i64| TargetCheck {
            scope,
            name,
            target,
            actual,
            met: actual <= i64::from(target),
            margin: i64::from(target) - actual,
            source: source.clone(),
        };
        let mut out = Vec::new();
        if let Some(total) = target.total {
            out.push(check(
                self.texts().total.borrowed(),
                self.texts().total_name.borrowed(),
                total,
                approval.end,
            ));
        }
        for &(s, days) in &target.stages {
            let span = &stages[s.index()];
            out.push(check(
                span.id.clone(),
                span.name.clone(),
                days,
                span.approval_working_days,
            ));
        }
        out
    }
}
