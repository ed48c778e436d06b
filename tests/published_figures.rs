//! Golden tests: plans computed from the built-in rulesets against figures published by the
//! bureaus (see `rulesets/published-figures.toml`). Expected values are the published figures,
//! never plan output typed by hand.

use std::process::Command;

/// Approval working days of `example:<ruleset>/<type>` (promised limits, default measures),
/// and whether the whole-process target is met.
fn approval(ruleset: &str, ty: &str) -> (i64, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_shenpi"))
        .args(["plan", &format!("example:{ruleset}/{ty}"), "-f", "json"])
        .output()
        .expect("run shenpi");
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json plan");
    let total = plan["targets"]
        .as_array()
        .and_then(|t| t.iter().find(|c| c["scope"] == "total"))
        .expect("whole-process target check");
    (
        total["actual"].as_i64().expect("actual"),
        total["met"].as_bool().expect("met"),
    )
}

const TYPES: [&str; 5] = [
    "gov-building",
    "gov-linear",
    "social-general",
    "social-land-with-scheme",
    "social-small-low-risk",
];

#[test]
fn reform_rulesets_meet_their_targets() {
    for rs in [
        "cn-national-2019",
        "hubei-2021",
        "hubei-shiyan-2021",
        "hubei-shiyan-2022",
        "jiangxi-ganzhou-2020",
        "jiangxi-ganzhou-2021",
        "hunan-2019",
        "hunan-shaoyang-2020",
        "hunan-changsha-wangcheng-2021",
    ] {
        for ty in TYPES {
            let (days, met) = approval(rs, ty);
            assert!(met, "{rs}/{ty}: {days} working days misses its target");
        }
    }
    assert!(approval("beijing-low-risk-2019", "social-low-risk").1);
}

#[test]
fn published_totals_are_reproduced() {
    // 湖北“80、60、40”；十堰“70、50、30”；赣州 106/60 → 75/45
    let types = ["gov-building", "social-general", "social-land-with-scheme"];
    for (rs, figures) in [
        ("hubei-2021", [80, 60, 40]),
        ("hubei-shiyan-2022", [70, 50, 30]),
    ] {
        for (ty, want) in types.iter().zip(figures) {
            assert_eq!(approval(rs, ty).0, want, "{rs}/{ty}");
        }
    }
    for (rs, gov, ent) in [
        ("jiangxi-ganzhou-2020", 106, 60),
        ("jiangxi-ganzhou-2021", 75, 45),
    ] {
        assert_eq!(approval(rs, "gov-building").0, gov, "{rs}");
        assert_eq!(approval(rs, "social-general").0, ent, "{rs}");
    }
}

#[test]
fn shiyan_2022_is_five_days_shorter_than_2021_for_every_type() {
    for ty in TYPES {
        let before = approval("hubei-shiyan-2021", ty).0;
        let after = approval("hubei-shiyan-2022", ty).0;
        assert_eq!(before - after, 5, "{ty}");
    }
}

#[test]
fn shaoyang_longest_230_before_shortest_40_after() {
    let longest = TYPES
        .iter()
        .map(|t| approval("hunan-shaoyang-2018", t).0)
        .max();
    let shortest = TYPES
        .iter()
        .map(|t| approval("hunan-shaoyang-2020", t).0)
        .min();
    assert_eq!(longest, Some(230));
    assert_eq!(shortest, Some(40));
}

#[test]
fn wangcheng_is_8_to_15_days_faster_than_the_province() {
    for ty in TYPES {
        let cut = approval("hunan-2019", ty).0 - approval("hunan-changsha-wangcheng-2021", ty).0;
        assert!((8..=15).contains(&cut), "{ty}: {cut}");
    }
}
