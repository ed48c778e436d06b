//! The items a plan leaves out, with the reason, and whether each measure was on and applied.

use crate::plan::*;
use crate::ruleset::MeasureIdx;

use super::super::reshape::Exclusion;
use super::Assembly;

/// The note of a measure that is on but has too few of its items in the plan: the same
/// for every measure, so one static text.
const TOO_FEW_ITEMS: &str = "does not apply: too few of its items are in this plan";

impl<'a> Assembly<'a, '_> {
    /// The ruleset items not in the plan, in the order they were taken out.
    pub(super) fn excluded(&self) -> Vec<ExcludedItem<'a>> {
        let texts = self.texts();
        (self.g.excluded.iter())
            .map(|(i, why)| {
                let t = texts.item(*i);
                let (by, reason, measure) = match why {
                    Exclusion::Condition => (
                        ExcludedBy::Condition,
                        (t.not_met.as_ref().map(Text::borrowed))
                            .expect("excluded by its condition"),
                        None,
                    ),
                    Exclusion::Exempted { measure } => {
                        let m = texts.measure(*measure);
                        (
                            ExcludedBy::Exempted,
                            m.exempted.borrowed(),
                            Some(m.id.borrowed()),
                        )
                    }
                    Exclusion::Merged { measure } => {
                        let m = texts.measure(*measure);
                        (
                            ExcludedBy::Merged,
                            m.merged.borrowed(),
                            Some(m.id.borrowed()),
                        )
                    }
                };
                ExcludedItem {
                    id: t.id.borrowed(),
                    name: t.name.borrowed(),
                    reason,
                    by,
                    condition: (by == ExcludedBy::Condition)
                        .then(|| t.condition.as_ref().map(Text::borrowed))
                        .flatten(),
                    measure,
                }
            })
            .collect()
    }

    /// Every measure of the ruleset, in declaration order, with whether it was on and
    /// applied.
    pub(super) fn measure_states(&self) -> Vec<MeasureState<'a>> {
        let r = self.ruleset;
        (r.measures.iter().enumerate())
            .map(|(m, measure)| {
                let m = MeasureIdx::new(m);
                let t = self.texts().measure(m);
                let on = self.project.measure_on(r, m);
                let applied = self.g.applied.contains(&m);
                let not_applied = (on && !applied).then(|| {
                    if self.g.idle.contains(&m) {
                        NotApplied::TooFewItems
                    } else {
                        NotApplied::Condition
                    }
                });
                MeasureState {
                    id: t.id.borrowed(),
                    name: t.name.borrowed(),
                    kind: measure.kind(),
                    on,
                    applied,
                    note: match not_applied {
                        Some(NotApplied::TooFewItems) => Some(Text::from(TOO_FEW_ITEMS)),
                        Some(NotApplied::Condition) => {
                            t.not_applicable.as_ref().map(Text::borrowed)
                        }
                        None => None,
                    },
                    not_applied,
                    condition: t.condition.as_ref().map(Text::borrowed),
                }
            })
            .collect()
    }
}
