//! 告知承诺制 (notification-commitment): each item is decided within the promised working
//! days, 0 meaning on acceptance.

use crate::ruleset::MeasureIdx;

use super::super::graph::{NodeId, WorkGraph};

pub(super) fn apply(g: &mut WorkGraph, m: MeasureIdx, targets: &[NodeId], limit: u32) {
    for &n in targets {
        g.promise(n, m, limit);
    }
}
