//! What an applicant hands in: the distinct application materials and the number of
//! separate applications (a bundle or a merged item is one).

use crate::plan::Text;
use crate::ruleset::MeasureIdx;

use super::super::graph::NodeId;
use super::Assembly;

impl<'a> Assembly<'a, '_> {
    /// The materials of the `listed` nodes in first-use order, and the applications.
    /// `seen` and `order` are scratch lists kept between plans.
    pub(super) fn tallies(
        &self,
        listed: &[NodeId],
        seen: &mut Vec<bool>,
        order: &mut Vec<usize>,
    ) -> (Vec<Text<'a>>, usize) {
        let texts = self.texts();
        // Distinct materials by their index in the ruleset's list, in first-use order.
        seen.clear();
        seen.resize(texts.materials.len(), false);
        order.clear();
        let mut applications = 0;
        let mut bundles_seen: Vec<MeasureIdx> = Vec::new();
        for &v in listed {
            self.for_each_part(v, |i| {
                for &id in &texts.item(i).material_ids {
                    if !std::mem::replace(&mut seen[id], true) {
                        order.push(id);
                    }
                }
            });
            match self.g.nodes[v].bundle {
                Some(b) if bundles_seen.contains(&b) => {}
                Some(b) => {
                    bundles_seen.push(b);
                    applications += 1;
                }
                None => applications += 1,
            }
        }
        let materials = (order.iter())
            .map(|&id| texts.materials[id].borrowed())
            .collect();
        (materials, applications)
    }
}
