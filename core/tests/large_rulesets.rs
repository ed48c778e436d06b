//! Rulesets far larger than any city's: the checks must neither recurse per item (a 20,000
//! item chain is checked on a 256 KiB stack) nor compare every item with every other (two
//! gated stages of 10,000 items each). Timings are for benchmarks, not tests; these only
//! prove the work is done without overflow and with the right answer.

use shenpi_core::ruleset::{self, BuiltinsOnly};

fn header(stages: usize) -> String {
    let mut t = String::from("[ruleset]\nid = \"big\"\nname = \"big\"\n");
    for s in 0..stages {
        t.push_str(&format!("[[stage]]\nid = \"s{s}\"\nname = \"s{s}\"\n"));
        if s > 0 {
            t.push_str(&format!("after = [\"s{}\"]\n", s - 1));
        }
    }
    t
}

fn item(t: &mut String, i: usize, stage: usize, after: Option<usize>) {
    t.push_str(&format!(
        "[[item]]\nid = \"i{i}\"\nname = \"i\"\ndepartment = \"d\"\nstage = \"s{stage}\"\nlimit = 1\nestimate = \"e\"\n"
    ));
    if let Some(p) = after {
        t.push_str(&format!("after = [\"i{p}\"]\n"));
    }
}

/// Loads `text` on a thread with a small stack, returning the diagnostic codes.
fn codes_on_small_stack(text: String) -> Vec<&'static str> {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let loaded = ruleset::load("big.toml", &text, &BuiltinsOnly);
            loaded.diagnostics.iter().map(|d| d.code).collect()
        })
        .unwrap()
        .join()
        .expect("no stack overflow")
}

#[test]
fn a_20000_item_chain_is_checked_without_recursion() {
    let n = 20_000;
    let mut t = header(1);
    for i in 0..n {
        item(&mut t, i, 0, i.checked_sub(1));
    }
    assert_eq!(codes_on_small_stack(t.clone()), Vec::<&str>::new());
    // The same chain closed into a cycle is found and named.
    t = t.replacen("id = \"i0\"\nname = \"i\"\ndepartment = \"d\"\nstage = \"s0\"\nlimit = 1\nestimate = \"e\"\n",
        &format!("id = \"i0\"\nname = \"i\"\ndepartment = \"d\"\nstage = \"s0\"\nlimit = 1\nestimate = \"e\"\nafter = [\"i{}\"]\n", n - 1), 1);
    assert_eq!(codes_on_small_stack(t.clone()), ["dependency-cycle"]);
    // Named by its first links and a count, not 20,000 names and labels.
    let loaded = ruleset::load("big.toml", &t, &BuiltinsOnly);
    let cycle = &loaded.diagnostics[0];
    assert!(cycle.message.contains("more items)"), "{}", cycle.message);
    assert!(
        cycle.message.len() < 1000 && cycle.labels.len() <= 12,
        "{}",
        cycle.message
    );
}

#[test]
fn two_gated_stages_of_10000_items_are_checked() {
    let n = 10_000;
    let mut t = header(2);
    for i in 0..2 * n {
        item(&mut t, i, i / n, None);
    }
    assert_eq!(codes_on_small_stack(t.clone()), Vec::<&str>::new());
    // An item of the first stage waiting for one of the second is a cycle through the gate.
    t.push_str(&format!(
        "[[item]]\nid = \"late\"\nname = \"i\"\ndepartment = \"d\"\nstage = \"s0\"\nlimit = 1\nestimate = \"e\"\nafter = [\"i{}\"]\n",
        2 * n - 1
    ));
    assert_eq!(codes_on_small_stack(t), ["dependency-cycle"]);
}
