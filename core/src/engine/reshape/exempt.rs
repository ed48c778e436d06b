//! 豁免 / 取消 / 区域评估 (exemption): the items leave the plan; whatever waited for them
//! waits for what they waited for.

use crate::ruleset::MeasureIdx;

use super::super::graph::{NodeId, NodeKind, WorkGraph};
use super::Exclusion;

pub(super) fn apply(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId]) {
    for &n in targets {
        g.bypass(n);
        match g.nodes[n].kind {
            NodeKind::Item(i) => g.excluded.push((i, Exclusion::Exempted { measure: m })),
            // The item a merge made is exempted: its parts are out of the plan because of
            // this measure now, not because they were merged into an item the plan lacks.
            NodeKind::Merged { parts, .. } => {
                for &part in &g.merged[parts] {
                    if let Some(entry) = g.excluded.iter_mut().find(|(i, _)| *i == part) {
                        entry.1 = Exclusion::Exempted { measure: m };
                    }
                }
            }
            _ => {}
        }
    }
}
