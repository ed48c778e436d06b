//! Which items a project needs follows its attributes, condition by condition, as the national
//! ruleset states them: each test plans a base project of `cn-national-2019`, changes one
//! attribute across the threshold its source gives, and checks that the item is in the plan
//! exactly when the attribute says so. Limits that depend on the project (`limit_cases`) and
//! attributes inferred from others (`defaults`) are checked the same way.

use chrono::NaiveDate;
use shenpi_core::Sources;
use shenpi_core::engine::Planner;
use shenpi_core::plan::{Assumption, BasisKind, Plan};
use shenpi_core::project::{self, ProjectFormat};
use shenpi_core::ruleset;

fn planner() -> Planner {
    planner_of("cn-national-2019")
}

fn planner_of(id: &str) -> Planner {
    let rs = ruleset::load_builtin(id)
        .and_then(|l| l.ruleset)
        .unwrap_or_else(|| panic!("built-in ruleset {id}"));
    Planner::new(rs)
}

/// A general social-investment building (30,000 m², energy use below the 节能审查 threshold,
/// 1.5 ha of land), with `attributes` (TOML key = value lines) added or replacing its own.
fn project_text(attributes: &str) -> String {
    let base = [
        ("investment", "\"social\""),
        ("kind", "\"building\""),
        ("floor_area", "30000"),
        ("investment_amount", "15000"),
        ("risk", "\"general\""),
        ("annual_energy_tce", "450"),
        ("annual_electricity", "330"),
        ("site_area", "1.5"),
    ];
    let given: Vec<(&str, &str)> = (attributes.lines())
        .filter_map(|l| l.split_once(" = "))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect();
    let mut lines: Vec<String> = base
        .iter()
        .filter(|(k, _)| !given.iter().any(|(g, _)| g == k))
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    lines.extend(
        given
            .iter()
            .filter(|(_, v)| *v != "unset")
            .map(|(k, v)| format!("{k} = {v}")),
    );
    format!(
        "name = \"test\"\nstart = 2026-03-02\n[attributes]\n{}\n",
        lines.join("\n")
    )
}

fn with<T>(attributes: &str, f: impl FnOnce(&Plan) -> T) -> T {
    with_in("cn-national-2019", attributes, f)
}

fn with_in<T>(ruleset: &str, attributes: &str, f: impl FnOnce(&Plan) -> T) -> T {
    let planner = planner_of(ruleset);
    let mut sources = Sources::new();
    let raw = project::parse(
        "p.toml",
        &project_text(attributes),
        ProjectFormat::Toml,
        &mut sources,
    )
    .expect("project parses");
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let project = project::resolve(&raw, &planner.ruleset, today).expect("project resolves");
    let plan = planner.plan(&project);
    f(&plan)
}

/// Whether ruleset item `id` is in the plan, on its own or as part of a merged item.
fn has(attributes: &str, id: &str) -> bool {
    with(attributes, |plan| {
        (plan.items.iter()).any(|i| i.id == id || i.parts.iter().any(|p| p == id))
    })
}

/// The planned duration of the item standing for `id` (its own, not merged).
fn duration(attributes: &str, id: &str) -> u32 {
    with(attributes, |plan| {
        plan.item(id)
            .unwrap_or_else(|| panic!("{id} planned"))
            .duration
    })
}

#[test]
fn eia_items_follow_the_classification_category() {
    for (category, report, approval, registration) in [
        ("report", true, true, false),
        ("form", true, true, false),
        ("registration", false, false, true),
        ("none", false, false, false),
    ] {
        let a = format!("eia_category = \"{category}\"");
        assert_eq!(has(&a, "eia-report"), report, "{category}: eia-report");
        assert_eq!(
            has(&a, "eia-approval"),
            approval,
            "{category}: eia-approval"
        );
        assert_eq!(
            has(&a, "eia-registration"),
            registration,
            "{category}: eia-registration"
        );
    }
}

#[test]
fn eia_category_is_inferred_from_the_kind_of_project_when_not_given() {
    // 名录（2021年版）: office buildings and ordinary warehouses are outside EIA; roads and
    // most manufacturing write a report form.
    for (kind, expected) in [
        ("building", false),
        ("warehouse", false),
        ("industrial", true),
        ("linear", true),
    ] {
        let a = format!("kind = \"{kind}\"");
        assert_eq!(has(&a, "eia-approval"), expected, "{kind}");
    }
    // The plan says it inferred the value, and why.
    with("kind = \"warehouse\"", |plan| {
        let eia = (plan.project.attributes.iter())
            .find(|a| a.id == "eia_category")
            .expect("eia_category shown");
        match &eia.assumed {
            Some(Assumption::Inferred { because }) => {
                assert!(
                    because.contains("工程类别 = 仓储物流（非危险品）"),
                    "{because}"
                );
                assert!(because.contains("仓储"), "{because}");
            }
            other => panic!("expected an inferred value, got {other:?}"),
        }
    });
    // A value the project gives is the project's.
    with("kind = \"warehouse\"\neia_category = \"form\"", |plan| {
        let eia = (plan.project.attributes.iter())
            .find(|a| a.id == "eia_category")
            .unwrap();
        assert!(eia.assumed.is_none());
        assert!(plan.item("eia-approval").is_some());
    });
}

#[test]
fn eia_approval_limit_follows_report_or_form() {
    // 环境影响评价法第二十二条: 报告书 60 calendar days (about 42 working days), 报告表 30
    // (promised 20 working days nationally).
    assert_eq!(duration("eia_category = \"report\"", "eia-approval"), 42);
    assert_eq!(duration("eia_category = \"form\"", "eia-approval"), 20);
    with("eia_category = \"report\"", |plan| {
        let item = plan.item("eia-approval").unwrap();
        let basis = item.provenance.as_ref().expect("a basis");
        assert_eq!(basis.kind, BasisKind::Source);
        assert!(basis.text.contains("六十日"), "{}", basis.text);
    });
}

#[test]
fn energy_review_only_above_the_thresholds() {
    // 1000 t standard coal or 5 million kWh a year, either one.
    assert!(!has(
        "annual_energy_tce = 999\nannual_electricity = 499",
        "energy-review"
    ));
    assert!(has(
        "annual_energy_tce = 1000\nannual_electricity = 10",
        "energy-review"
    ));
    assert!(has(
        "annual_energy_tce = 10\nannual_electricity = 500",
        "energy-review"
    ));
    // Not stated: the plan keeps the review (the safe assumption).
    assert!(has(
        "annual_energy_tce = unset\nannual_electricity = unset",
        "energy-review"
    ));
}

#[test]
fn fire_review_and_acceptance_only_for_special_construction_projects() {
    for (special, expected) in [("true", true), ("false", false)] {
        let a = format!("special_fire = {special}");
        assert_eq!(has(&a, "fire-design-review"), expected, "{special}");
        assert_eq!(has(&a, "fire-acceptance"), expected, "{special}");
        assert_eq!(has(&a, "fire-acceptance-filing"), !expected, "{special}");
    }
    // A project rated 特殊 (重大、人员密集) is inferred to be a special construction project.
    assert!(has("risk = \"special\"", "fire-acceptance"));
    assert!(has(
        "risk = \"special\"\nspecial_fire = false",
        "fire-acceptance-filing"
    ));
}

#[test]
fn drawing_review_limit_follows_the_scale() {
    // 部令第13号第十二条: large 15 working days, medium and below 10. Measures off, so the
    // review is not merged with the others.
    let limit = |a: &str| {
        let planner = planner();
        let mut sources = Sources::new();
        let raw = project::parse(
            "p.toml",
            &project_text(a),
            ProjectFormat::Toml,
            &mut sources,
        )
        .unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut project = project::resolve(&raw, &planner.ruleset, today).unwrap();
        project.switch_all_measures(&planner.ruleset, false);
        let plan = planner.plan(&project);
        plan.item("drawing-review")
            .expect("drawing review")
            .duration
    };
    assert_eq!(limit("scale = \"large\""), 15);
    assert_eq!(limit("scale = \"medium\""), 10);
    assert_eq!(limit("scale = \"small\""), 10);
    // Inferred from the floor area when not given.
    assert_eq!(limit("floor_area = 20000"), 15);
    assert_eq!(limit("floor_area = 19999"), 10);
    assert_eq!(limit("floor_area = 3000"), 10);
}

#[test]
fn construction_permit_exempt_below_both_thresholds() {
    // 建筑工程施工许可管理办法第二条: 30万元 or 300 m² and below need no permit.
    assert!(!has("floor_area = 300", "construction-permit"));
    assert!(!has("investment_amount = 30", "construction-permit"));
    assert!(has(
        "floor_area = 301\ninvestment_amount = 31",
        "construction-permit"
    ));
}

#[test]
fn enterprise_projects_are_filed_or_approved() {
    assert!(has("enterprise_approval = \"filing\"", "project-filing"));
    assert!(!has("enterprise_approval = \"filing\"", "project-approval"));
    assert!(has(
        "enterprise_approval = \"approval\"",
        "project-approval"
    ));
    assert!(!has("enterprise_approval = \"approval\"", "project-filing"));
    // Land-use planning waits for the approval (城乡规划法第三十八条).
    with("enterprise_approval = \"approval\"", |plan| {
        let approval = plan.item("project-approval").unwrap();
        let permit = plan.item("land-planning-permit").unwrap();
        assert!(permit.decided >= approval.decided);
    });
}

#[test]
fn government_projects_get_proposal_feasibility_and_preliminary_design() {
    for id in [
        "project-proposal",
        "feasibility-study",
        "preliminary-design-approval",
    ] {
        assert!(has("investment = \"government\"", id), "{id}");
        assert!(!has("investment = \"social\"", id), "{id}");
    }
}

#[test]
fn civil_air_defence_only_for_civil_buildings() {
    for (kind, expected) in [
        ("building", true),
        ("industrial", false),
        ("warehouse", false),
        ("linear", false),
    ] {
        let a = format!("kind = \"{kind}\"");
        assert_eq!(has(&a, "civil-defence-acceptance"), expected, "{kind}");
    }
}

#[test]
fn soil_and_water_plan_by_land_area() {
    assert!(!has("site_area = 0.49", "soil-water-plan"));
    assert!(has("site_area = 0.5", "soil-water-plan"));
    // 报告表 (under 5 ha): approved on the spot; 报告书: 10 working days.
    assert_eq!(duration("site_area = 4.9", "soil-water-plan"), 0);
    assert_eq!(duration("site_area = 5", "soil-water-plan"), 10);
    // The works wait for it (水土保持法第二十六条).
    with("site_area = 5", |plan| {
        let works = plan.item("works").unwrap();
        let soil = plan.item("soil-water-plan").unwrap();
        assert!(works.accepted >= soil.decided);
    });
}

#[test]
fn a_province_may_adjust_the_construction_permit_thresholds() {
    // 北京 (京建发〔2019〕434号): 100万元 instead of the national 30万元.
    let beijing = |amount: &str| {
        let a = format!(
            "risk = \"low\"\nkind = \"industrial\"\nfloor_area = 1300\nheight = 8\ninvestment_amount = {amount}"
        );
        with_in("beijing-low-risk-2019", &a, |plan| {
            plan.item("construction-permit").is_some()
        })
    };
    assert!(!beijing("100"));
    assert!(beijing("101"));
    // The national threshold still holds elsewhere.
    assert!(has("investment_amount = 100", "construction-permit"));
}
