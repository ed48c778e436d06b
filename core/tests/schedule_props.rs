//! Property tests of the scheduler on random DAGs, against a brute-force longest path
//! written here independently of the engine.

use chrono::NaiveDate;
use proptest::prelude::*;
use shenpi_core::engine::Planner;
use shenpi_core::plan::Plan;
use shenpi_core::project::Project;
use shenpi_core::ruleset::{self, BuiltinsOnly};

#[derive(Debug, Clone)]
struct Dag {
    durations: Vec<u32>,
    /// (pred, succ, kind, lag) with pred < succ.
    deps: Vec<(usize, usize, &'static str, i32)>,
}

fn dag(fs_only: bool) -> impl Strategy<Value = Dag> {
    dag_with(fs_only, fs_only)
}

/// `fs_only`: only finish-to-start links; `no_lags`: all lags zero.
fn dag_with(fs_only: bool, no_lags: bool) -> impl Strategy<Value = Dag> {
    (2usize..9).prop_flat_map(move |n| {
        let durations = proptest::collection::vec(0u32..12, n);
        let pairs: Vec<(usize, usize)> = (0..n).flat_map(|s| (0..s).map(move |p| (p, s))).collect();
        let kinds: &'static [&'static str] = if fs_only {
            &["FS"]
        } else {
            &["FS", "SS", "FF"]
        };
        let deps = proptest::collection::vec(
            (
                proptest::sample::select(pairs),
                proptest::sample::select(kinds),
                if no_lags { 0i32..1 } else { -2i32..4 },
            ),
            0..(n * 2),
        );
        (durations, deps).prop_map(|(durations, deps)| {
            let mut d: Vec<(usize, usize, &'static str, i32)> = deps
                .into_iter()
                .map(|((p, s), k, l)| (p, s, k, l))
                .collect();
            d.sort();
            d.dedup_by_key(|x| (x.0, x.1));
            Dag { durations, deps: d }
        })
    })
}

fn ruleset_text(d: &Dag, measures: &str) -> String {
    let mut t = String::from(
        "[ruleset]\nid = \"p\"\nname = \"p\"\n[[attribute]]\nid = \"k\"\ntype = \"bool\"\n\
         [[project_type]]\nid = \"t\"\nname = \"t\"\nwhen = { any = [{ k = true }, { k = false }] }\nexample = { k = true }\n\
         [[stage]]\nid = \"s\"\nname = \"s\"\n",
    );
    for (i, dur) in d.durations.iter().enumerate() {
        let after: Vec<String> = d
            .deps
            .iter()
            .filter(|x| x.1 == i)
            .map(|(p, _, k, l)| format!("{{ item = \"i{p}\", kind = \"{k}\", lag = {l} }}"))
            .collect();
        t.push_str(&format!(
            "[[item]]\nid = \"i{i}\"\nname = \"i{i}\"\ndepartment = \"d\"\nstage = \"s\"\nlimit = {dur}\nestimate = \"p\"\nafter = [{}]\n",
            after.join(", ")
        ));
    }
    t.push_str(measures);
    t
}

/// `text` (from [`ruleset_text`]) with a limit case on every item: `limits[i]` days when the
/// project's `k` holds (it does in the type's example), with a conditional default on a second
/// attribute inferred from `k` that the case tests, so both mechanisms are exercised.
fn with_limit_cases(text: &str, d: &Dag, limits: &[u32]) -> String {
    let mut t = text.replacen(
        "[[project_type]]",
        "[[attribute]]\nid = \"big\"\ntype = \"bool\"\ndefault = false\n\
         defaults = [{ when = { k = true }, value = true }]\n[[project_type]]",
        1,
    );
    for (i, dur) in d.durations.iter().enumerate() {
        let from = format!(
            "id = \"i{i}\"\nname = \"i{i}\"\ndepartment = \"d\"\nstage = \"s\"\nlimit = {dur}\n"
        );
        let to = format!(
            "{from}limit_cases = [{{ when = {{ big = true }}, limit = {}, estimate = \"c\" }}]\n",
            limits[i]
        );
        t = t.replacen(&from, &to, 1);
    }
    t
}

/// The planner of ruleset `text` and its type's example, from Monday 2026-03-02.
fn planner_and_example(text: &str) -> (Planner, Project) {
    let loaded = ruleset::load("p.toml", text, &BuiltinsOnly);
    let r = loaded
        .ruleset
        .unwrap_or_else(|| panic!("{:#?}\n{text}", loaded.diagnostics));
    let planner = Planner::new(r);
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let project = Project::example(&planner.ruleset, "t", start).unwrap();
    (planner, project)
}

fn plan_of(text: &str) -> Plan<'static> {
    let (planner, project) = planner_and_example(text);
    planner.plan(&project).into_owned()
}

/// Longest path through finish-to-start links by trying every path (no CPM involved).
fn brute_force_longest(d: &Dag) -> i64 {
    fn longest_ending_at(d: &Dag, v: usize) -> i64 {
        let best_pred = d
            .deps
            .iter()
            .filter(|x| x.1 == v)
            .map(|x| longest_ending_at(d, x.0))
            .max()
            .unwrap_or(0);
        best_pred + i64::from(d.durations[v])
    }
    (0..d.durations.len())
        .map(|v| longest_ending_at(d, v))
        .max()
        .unwrap_or(0)
}

fn check_floats(p: &Plan) -> Result<(), TestCaseError> {
    for i in &p.items {
        prop_assert!(i.total_float >= 0, "{} total float {}", i.id, i.total_float);
        prop_assert!(i.free_float >= 0);
        prop_assert!(
            i.free_float <= i.total_float,
            "{} free {} > total {}",
            i.id,
            i.free_float,
            i.total_float
        );
        prop_assert!(i.es >= 0 && i.ef <= p.summary.elapsed_working_days);
        prop_assert_eq!(i.critical, i.total_float == 0);
    }
    for id in p.critical_paths.iter().flatten() {
        prop_assert_eq!(p.item(id).unwrap().total_float, 0);
    }
    // Each path once, however many routes through stage gates it has.
    for (k, path) in p.critical_paths.iter().enumerate() {
        prop_assert!(!p.critical_paths[..k].contains(path), "{:?} twice", path);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn length_is_the_longest_path(d in dag(true)) {
        let p = plan_of(&ruleset_text(&d, ""));
        prop_assert_eq!(p.summary.approval_working_days, brute_force_longest(&d));
        check_floats(&p)?;
        // The canonical critical path is as long as the project.
        let along: i64 = p.critical_path.iter().map(|id| p.item(id).unwrap().working_days).sum();
        prop_assert_eq!(along, p.summary.approval_working_days);
        // So is every other critical path.
        for path in &p.critical_paths {
            let along: i64 = path.iter().map(|id| p.item(id).unwrap().working_days).sum();
            prop_assert_eq!(along, p.summary.approval_working_days, "{:?}", path);
        }
    }

    // A project the limit cases apply to (through an inferred attribute) is planned exactly as
    // the same network with the cases' limits written as the items' own.
    #[test]
    fn limit_cases_plan_like_the_limits_they_set(d in dag(true), limits in proptest::collection::vec(0u32..12, 9)) {
        let p = plan_of(&with_limit_cases(&ruleset_text(&d, ""), &d, &limits));
        let mut as_own = d.clone();
        for (i, dur) in as_own.durations.iter_mut().enumerate() {
            *dur = limits[i];
        }
        prop_assert_eq!(p.summary.approval_working_days, brute_force_longest(&as_own));
        for (i, item) in p.items.iter().enumerate() {
            prop_assert_eq!(item.duration, limits[i], "{}", item.id);
            prop_assert_eq!(item.provenance.as_ref().map(|b| b.text.as_ref()), Some("c"));
        }
        check_floats(&p)?;
    }

    #[test]
    fn floats_hold_with_every_link_kind_and_lag(d in dag(false)) {
        let p = plan_of(&ruleset_text(&d, ""));
        check_floats(&p)?;
        prop_assert!(!p.critical_paths.is_empty() || p.items.iter().all(|i| i.working_days == 0));
    }

    // Finish-to-start links (with lags) only: with SS/FF links, shortening an item can
    // lengthen a project (the classic "reverse-critical" anomaly of CPM), so the property is
    // stated for the networks approval flows are made of.
    #[test]
    fn easing_measures_never_lengthen_the_plan(
        d in dag_with(true, false),
        pick in proptest::collection::vec(any::<bool>(), 9),
        kind in proptest::sample::select(vec!["commitment", "parallel", "exempt"]),
    ) {
        let base = plan_of(&ruleset_text(&d, ""));
        let items: Vec<String> = (0..d.durations.len()).filter(|&i| pick[i]).map(|i| format!("\"i{i}\"")).collect();
        prop_assume!(items.len() >= 2);
        let measure = format!("[[measure]]\nid = \"m\"\nname = \"m\"\nkind = \"{kind}\"\nitems = [{}]\n", items.join(", "));
        let eased = plan_of(&ruleset_text(&d, &measure));
        prop_assert!(eased.summary.approval_working_days <= base.summary.approval_working_days,
            "{kind}: {} > {}", eased.summary.approval_working_days, base.summary.approval_working_days);
        check_floats(&eased)?;
    }
}

/// `text` with its items split over two stages, the second after the first (links only run
/// forward, so none goes against the stage order).
fn two_stages(text: &str, d: &Dag) -> String {
    let half = d.durations.len() / 2;
    let mut t = text.replacen(
        "[[stage]]\nid = \"s\"\nname = \"s\"\n",
        "[[stage]]\nid = \"s\"\nname = \"s\"\n[[stage]]\nid = \"s2\"\nname = \"s2\"\nafter = [\"s\"]\n",
        1,
    );
    for i in half..d.durations.len() {
        t = t.replacen(
            &format!("id = \"i{i}\"\nname = \"i{i}\"\ndepartment = \"d\"\nstage = \"s\""),
            &format!("id = \"i{i}\"\nname = \"i{i}\"\ndepartment = \"d\"\nstage = \"s2\""),
            1,
        );
    }
    t
}

/// The plan of `text` and its schedule network.
fn plan_and_network(text: &str) -> (Plan<'static>, shenpi_core::engine::network::Network) {
    let (planner, project) = planner_and_example(text);
    let (plan, network) = planner.plan_with_network(&project);
    (plan.into_owned(), network)
}

/// Each activity's start when scheduled as soon as the links allow, durations fixed: the
/// way MS Project schedules an exported plan, here by relaxing every link until nothing
/// moves (no topological order, no engine code).
fn reschedule(
    network: &shenpi_core::engine::network::Network,
    length: &dyn Fn(shenpi_core::engine::network::Activity) -> i64,
    activities: &[shenpi_core::engine::network::Activity],
) -> std::collections::BTreeMap<shenpi_core::engine::network::Activity, i64> {
    let mut start: std::collections::BTreeMap<_, i64> =
        activities.iter().map(|&a| (a, 0)).collect();
    for _ in 0..=activities.len() {
        let mut moved = false;
        for l in &network.links {
            let anchor = start[&l.from]
                + if l.kind.from_finish() {
                    length(l.from)
                } else {
                    0
                };
            let earliest = anchor + l.lag - if l.kind.to_finish() { length(l.to) } else { 0 };
            if earliest > start[&l.to] {
                start.insert(l.to, earliest);
                moved = true;
            }
        }
        if !moved {
            return start;
        }
    }
    panic!("the links kept moving: a cycle");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    // The exported network (MS Project XML) gives the plan's dates back when scheduled again,
    // whatever reshaped the graph: bundles (composed away), overlaps (two links per pair, one
    // kept), parallel approval with lifted gates, merges, exemptions.
    #[test]
    fn the_exported_network_reschedules_to_the_plan(
        d in dag(false),
        pick in proptest::collection::vec(any::<bool>(), 9),
        kind in proptest::sample::select(vec!["", "parallel", "bundle", "overlap", "merge", "exempt", "commitment"]),
        split in any::<bool>(),
        lift in any::<bool>(),
    ) {
        use shenpi_core::engine::network::Activity;
        let items: Vec<String> = (0..d.durations.len()).filter(|&i| pick[i]).map(|i| format!("\"i{i}\"")).collect();
        let measure = match kind {
            "" => String::new(),
            _ if items.len() < 2 => String::new(),
            kind => {
                let extra = match kind {
                    "overlap" => "lag = 1\n",
                    "merge" => "into = { id = \"mm\", name = \"mm\", department = \"d\" }\n",
                    "parallel" if split && lift => "stages = [\"s\", \"s2\"]\n",
                    _ => "",
                };
                format!("[[measure]]\nid = \"m\"\nname = \"m\"\nkind = \"{kind}\"\nitems = [{}]\n{extra}", items.join(", "))
            }
        };
        let mut text = ruleset_text(&d, &measure);
        if split {
            text = two_stages(&text, &d);
        }
        let (plan, network) = plan_and_network(&text);
        let mut activities: Vec<Activity> = (0..plan.items.len()).map(Activity::Item).collect();
        for s in 0..plan.stages.len() {
            activities.extend([Activity::StageStart(s), Activity::StageFinish(s)]);
        }
        let length = |a: Activity| match a {
            Activity::Item(i) => plan.items[i].working_days,
            _ => 0,
        };
        let start = reschedule(&network, &length, &activities);
        for (i, item) in plan.items.iter().enumerate() {
            prop_assert_eq!(start[&Activity::Item(i)], item.es, "{} in\n{}", item.id, text);
        }
        for (s, gate) in network.gates.iter().enumerate() {
            prop_assert_eq!(start[&Activity::StageStart(s)], gate.start_offset);
            prop_assert_eq!(start[&Activity::StageFinish(s)], gate.finish_offset);
        }
        // One link per pair, and between items exactly the plan's direct predecessors.
        let mut pairs: Vec<_> = network.links.iter().map(|l| (l.from, l.to)).collect();
        pairs.dedup();
        prop_assert_eq!(pairs.len(), network.links.len());
        for (i, item) in plan.items.iter().enumerate() {
            let mut linked: Vec<&str> = network
                .links_into(Activity::Item(i))
                .filter_map(|l| match l.from {
                    Activity::Item(p) => Some(&*plan.items[p].id),
                    _ => None,
                })
                .collect();
            linked.sort_unstable();
            let mut listed: Vec<&str> = item.predecessors.iter().map(|p| &**p).collect();
            listed.sort_unstable();
            prop_assert_eq!(linked, listed, "{}", item.id);
        }
    }
}
