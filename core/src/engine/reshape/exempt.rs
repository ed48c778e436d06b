//! 豁免 / 取消 / 区域评估 (exemption): the items leave the plan; whatever waited for them
//! waits for what they waited for.

use crate::ruleset::MeasureIdx;

use super::super::graph::{NodeId, NodeKind, WorkGraph};
use super::Exclusion;

pub(super) fn apply(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId]) {
    for &n in targets {
        g.bypass(n);
        if let NodeKind::Item(i) = g.nodes[n].kind {
            g.excluded.push((i, Exclusion::Exempted { measure: m }));
        }
    }
}
