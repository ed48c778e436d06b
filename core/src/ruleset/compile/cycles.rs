//! Dependency cycles: among stage gates, then among items (explicit `after` plus gates).
//!
//! Gates are modelled as the engine models them (`engine::graph`): two milestones per stage,
//! `in` before every item of the stage and `out` after every one, and `out(p) → in(s)` for a
//! stage `s` that waits for `p`. So the check sees exactly the order plans are built from, an
//! empty stage in between included, and a gate costs two edges per item rather than one per
//! pair of items.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::diagnostic::Diagnostic;

use super::super::model::*;
use super::super::raw::*;
use super::{Compiler, kept};

/// The order among items and stage gates: items are nodes `0..items.len()`, then each stage's
/// `in` and `out` milestones.
struct Order<'r> {
    items: &'r [Item],
    stages: &'r [Stage],
    graph: DiGraph<(), ()>,
}

/// Links of a cycle named in its diagnostic; a longer cycle is cut short with a count.
const MAX_CYCLE_LINKS: usize = 12;

/// A node of [`Order`], by what it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Item(usize),
    GateIn(usize),
    GateOut(usize),
}

impl<'r> Order<'r> {
    fn new(items: &'r [Item], stages: &'r [Stage]) -> Self {
        let mut order = Order {
            items,
            stages,
            graph: DiGraph::with_capacity(items.len() + 2 * stages.len(), 0),
        };
        for _ in 0..items.len() + 2 * stages.len() {
            order.graph.add_node(());
        }
        for (s, stage) in stages.iter().enumerate() {
            order.edge(Node::GateIn(s), Node::GateOut(s));
            for p in &stage.after {
                order.edge(Node::GateOut(p.index()), Node::GateIn(s));
            }
        }
        for (i, item) in items.iter().enumerate() {
            order.edge(Node::GateIn(item.stage.index()), Node::Item(i));
            order.edge(Node::Item(i), Node::GateOut(item.stage.index()));
            for d in &item.after {
                order.edge(Node::Item(d.item.index()), Node::Item(i));
            }
            // A prerequisite is decided no later than the item: an order like `after`.
            for p in &item.requires {
                order.edge(Node::Item(p.item.index()), Node::Item(i));
            }
        }
        order
    }

    fn index(&self, n: Node) -> NodeIndex {
        let items = self.items.len();
        NodeIndex::new(match n {
            Node::Item(i) => i,
            Node::GateIn(s) => items + 2 * s,
            Node::GateOut(s) => items + 2 * s + 1,
        })
    }

    fn node(&self, v: NodeIndex) -> Node {
        let (v, items) = (v.index(), self.items.len());
        match v.checked_sub(items) {
            None => Node::Item(v),
            Some(g) if g % 2 == 0 => Node::GateIn(g / 2),
            Some(g) => Node::GateOut(g / 2),
        }
    }

    fn edge(&mut self, from: Node, to: Node) {
        self.graph.add_edge(self.index(from), self.index(to), ());
    }

    /// What `n` waits for directly, in a fixed order: an item's own `after` and `requires`
    /// entries, then its stage's gate; a stage's gate, the stages it waits for; a stage's
    /// end, its items.
    fn predecessors(&self, n: Node) -> Vec<Node> {
        match n {
            Node::Item(i) => (self.items[i].after.iter())
                .map(|d| Node::Item(d.item.index()))
                .chain(
                    self.items[i]
                        .requires
                        .iter()
                        .map(|p| Node::Item(p.item.index())),
                )
                .chain([Node::GateIn(self.items[i].stage.index())])
                .collect(),
            Node::GateIn(s) => (self.stages[s].after.iter())
                .map(|p| Node::GateOut(p.index()))
                .collect(),
            Node::GateOut(s) => (0..self.items.len())
                .filter(|&i| self.items[i].stage.index() == s)
                .map(Node::Item)
                .chain([Node::GateIn(s)])
                .collect(),
        }
    }

    /// One simple cycle through the strongly connected `members`, as the items on it in
    /// order (milestones left out). Walks backwards along predecessors from the first item
    /// until a node repeats.
    fn item_cycle(&self, members: &[Node]) -> Vec<usize> {
        let mut member = vec![false; self.graph.node_count()];
        for &m in members {
            member[self.index(m).index()] = true;
        }
        let mut on_path = vec![usize::MAX; self.graph.node_count()];
        let first = (members.iter())
            .find(|n| matches!(n, Node::Item(_)))
            .copied()
            .expect("a cycle among items has an item");
        let mut path = vec![first];
        on_path[self.index(first).index()] = 0;
        loop {
            let last = *path.last().expect("non-empty");
            let next = (self.predecessors(last).into_iter())
                .find(|p| member[self.index(*p).index()])
                .expect("a member of a cycle waits for another member");
            let pos = on_path[self.index(next).index()];
            if pos != usize::MAX {
                let mut cycle = path.split_off(pos);
                // Backwards walk, so reversed: each node waits for the one before it.
                cycle.reverse();
                return (cycle.into_iter())
                    .filter_map(|n| match n {
                        Node::Item(i) => Some(i),
                        _ => None,
                    })
                    .collect();
            }
            on_path[self.index(next).index()] = path.len();
            path.push(next);
        }
    }
}

/// The strongly connected components of `g` with more than one node, each sorted, in the
/// order of their first node: the cycles, reported in a stable order. Kosaraju's algorithm,
/// whose depth-first searches keep their own stack: a chain of 100,000 items would overflow
/// the call stack of a recursive search.
fn components<N, E>(g: &DiGraph<N, E>) -> Vec<Vec<NodeIndex>> {
    let mut sccs: Vec<Vec<NodeIndex>> = kosaraju_scc(g)
        .into_iter()
        .filter(|scc| scc.len() > 1)
        .map(|mut scc| {
            scc.sort_unstable();
            scc
        })
        .collect();
    sccs.sort_unstable_by_key(|scc| scc[0]);
    sccs
}

impl Compiler<'_> {
    /// Dependency cycles among items (explicit `after` plus stage gates), each reported whole;
    /// then `set` measures whose new predecessors would close a cycle.
    pub(super) fn check_cycles(&mut self, items: &[Item], stages: &[Stage], measures: &[Measure]) {
        if self.check_stage_cycles(stages) || stages.is_empty() {
            return;
        }
        let errors_before = self.diags.len();
        self.check_item_cycles(items, stages);
        if self.diags.len() == errors_before {
            self.check_measure_cycles(items, stages, measures);
        }
    }

    /// A `set` measure that makes an item wait for one of its own successors.
    fn check_measure_cycles(&mut self, items: &[Item], stages: &[Stage], measures: &[Measure]) {
        let order = Order::new(items, stages);
        let raw_measures: Vec<&RawMeasure> = kept(&self.merged.raw.measure).collect();
        for (m, measure) in measures.iter().enumerate() {
            let MeasureAction::Set(SetFields {
                after: Some(after), ..
            }) = &measure.action
            else {
                continue;
            };
            for &target in &measure.items {
                for d in after {
                    let from = order.index(Node::Item(target.index()));
                    let to = order.index(Node::Item(d.item.index()));
                    if d.item == target
                        || petgraph::algo::has_path_connecting(&order.graph, from, to, None)
                    {
                        let span = (raw_measures[m].set.as_ref())
                            .and_then(|s| s.after.as_ref())
                            .and_then(|a| {
                                a.iter()
                                    .find(|dep| dep.value.item.value == items[d.item].id)
                            })
                            .map_or_else(
                                || raw_measures[m].id.span.clone(),
                                |dep| dep.span.clone(),
                            );
                        self.err(
                            Diagnostic::error(
                                "dependency-cycle",
                                format!(
                                    "measure `{}` makes `{}` wait for `{}`, which already waits for it",
                                    measure.id, items[target].id, items[d.item].id
                                ),
                            )
                            .with_label(span, "the new predecessor")
                            .with_help("a `set` measure may reorder items, but not into a cycle; drop this entry"),
                        );
                    }
                }
            }
        }
    }

    /// Cycles among items (explicit `after` and `requires` plus stage gates).
    fn check_item_cycles(&mut self, items: &[Item], stages: &[Stage]) {
        let raw_items: Vec<&RawItem> = kept(&self.merged.raw.item).collect();
        let order = Order::new(items, stages);
        for scc in components(&order.graph) {
            let mut members: Vec<Node> = scc.iter().map(|&v| order.node(v)).collect();
            if members
                .iter()
                .filter(|n| matches!(n, Node::Item(_)))
                .count()
                < 2
            {
                continue;
            }
            members.sort_unstable_by_key(|&n| order.index(n));
            let path = order.item_cycle(&members);
            // A long cycle is named by its first links; every link is a place to cut it.
            let shown = path.len().min(MAX_CYCLE_LINKS);
            let names: Vec<&str> = path[..shown]
                .iter()
                .map(|&i| items[i].id.as_str())
                .collect();
            let rest = if shown < path.len() {
                format!(" → … ({} more items)", path.len() - shown)
            } else {
                String::new()
            };
            let mut d = Diagnostic::error(
                "dependency-cycle",
                format!(
                    "items depend on each other in a cycle: {}{rest} → {}",
                    names.join(" → "),
                    names[0]
                ),
            );
            for w in 0..shown {
                let (from, to) = (path[w], path[(w + 1) % path.len()]);
                // The kept raw entries are the compiled items, in the same order.
                let raw_to = raw_items.get(to);
                let explicit = raw_to.and_then(|r| {
                    let after = (r.after.iter().flatten())
                        .find(|dep| dep.value.item.value == items[from].id)
                        .map(|dep| dep.span.clone());
                    let requires = (r.requires.iter().flatten())
                        .find(|req| req.value.item.value == items[from].id)
                        .map(|req| req.span.clone());
                    after.or(requires)
                });
                match explicit {
                    Some(span) => {
                        d = d.with_label(
                            span,
                            format!("`{}` waits for `{}`", items[to].id, items[from].id),
                        );
                    }
                    None => {
                        if let Some(r) = raw_to.and_then(|r| r.stage.as_ref()) {
                            d = d.with_label(
                                r.span.clone(),
                                format!(
                                    "`{}` waits for stage `{}` (stage gate)",
                                    items[to].id, stages[items[from].stage].id
                                ),
                            );
                        }
                    }
                }
            }
            self.err(d.with_help(
                "approval items must form an order; remove one of these `after` or `requires` entries",
            ));
        }
    }

    /// Cycles among the stage gates alone, each reported once, as stages. Whether there was
    /// one: the item check would only repeat it.
    fn check_stage_cycles(&mut self, stages: &[Stage]) -> bool {
        let mut sg = DiGraph::<usize, ()>::new();
        let snodes: Vec<_> = (0..stages.len()).map(|i| sg.add_node(i)).collect();
        for (i, s) in stages.iter().enumerate() {
            for &p in &s.after {
                sg.add_edge(snodes[p.index()], snodes[i], ());
            }
        }
        let stage_raw: Vec<&RawStage> = kept(&self.merged.raw.stage).collect();
        let mut stage_cycle = false;
        for scc in components(&sg) {
            if scc.len() < 2 {
                continue;
            }
            stage_cycle = true;
            let mut members: Vec<usize> = scc.iter().map(|n| sg[*n]).collect();
            members.sort_unstable();
            let names: Vec<&str> = members.iter().map(|&i| stages[i].id.as_str()).collect();
            let mut d = Diagnostic::error(
                "stage-cycle",
                format!("stage gates form a cycle: {}", names.join(" ↔ ")),
            );
            for &i in &members {
                for a in stage_raw[i].after.iter().flatten() {
                    if members.iter().any(|&m| stages[m].id == a.value) {
                        d = d.with_label(
                            a.span.clone(),
                            format!("`{}` waits for `{}`", stages[i].id, a.value),
                        );
                    }
                }
            }
            self.err(d.with_help("stages must form an order; remove one `after`"));
        }
        stage_cycle
    }
}
