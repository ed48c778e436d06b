//! Limits for particular projects: an item's first `limit_cases` entry whose condition holds
//! replaces its limit (e.g. drawing review: 15 working days for large projects, 10 for the
//! others). Applied before the measures, which then act on the project's own limit.

use crate::condition::Facts;
use crate::plan::Change;
use crate::ruleset::{ItemIdx, Ruleset};

use super::super::graph::WorkGraph;

pub(super) fn apply(g: &mut WorkGraph, ruleset: &Ruleset, facts: &Facts, legal: bool) {
    for (i, item) in ruleset.items.iter().enumerate() {
        if item.limit_cases.is_empty() {
            continue;
        }
        let n = WorkGraph::item_node(ItemIdx::new(i));
        if !g.nodes[n].alive {
            continue;
        }
        let Some(k) = item.limit_cases.iter().position(|c| c.when.holds(facts)) else {
            continue;
        };
        let case = &item.limit_cases[k];
        let to = if legal {
            case.legal_limit.unwrap_or(case.limit)
        } else {
            case.limit
        };
        // Recorded even when the number is the same: the plan cites the case's source.
        let from = g.nodes[n].duration;
        g.changes.push((
            n,
            Change::LimitCase {
                case: k as u32,
                from,
                to,
            },
        ));
        g.nodes[n].duration = to;
    }
}
