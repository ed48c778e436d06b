//! The dates an enterprise asks for first: construction start (开工) and completion (竣工),
//! and the milestones the ruleset declares.

use chrono::NaiveDate;

use crate::plan::*;
use crate::ruleset::End;

use super::super::graph::{WorkGraph, node_for};
use super::super::offsets::OffsetCalendar;
use super::super::schedule::Times;
use super::Assembly;

impl<'a> Assembly<'a, '_> {
    /// The start and finish dates of the works, when the ruleset has a works item that is in
    /// the plan.
    pub(super) fn works_dates(
        &self,
        elapsed: Times,
        cal: &OffsetCalendar,
    ) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let Some(works) = self.ruleset.works() else {
            return (None, None);
        };
        let v = WorkGraph::item_node(works);
        if !self.g.nodes[v].alive {
            return (None, None);
        }
        (Some(cal.date(elapsed.es(v))), Some(cal.date(elapsed.ef(v))))
    }

    /// The ruleset's milestones whose item is in the plan, on the elapsed timeline.
    pub(super) fn milestones(
        &self,
        elapsed: Times,
        cal: &OffsetCalendar,
    ) -> Vec<MilestoneDate<'a>> {
        let texts = self.texts();
        (self.ruleset.milestones.iter().zip(&texts.milestones))
            .filter_map(|(m, (id, name))| {
                let v = node_for(self.g, m.item)?;
                let offset = match m.end {
                    End::Start => elapsed.es(v),
                    End::Finish => elapsed.ef(v),
                };
                Some(MilestoneDate {
                    id: id.borrowed(),
                    name: name.borrowed(),
                    item: self.node_id(v),
                    date: cal.date(offset),
                    offset,
                })
            })
            .collect()
    }
}
