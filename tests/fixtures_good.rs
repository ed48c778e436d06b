//! Rulesets in `tests/fixtures/good/` load without a single diagnostic, and compile to the
//! model they describe: inheritance over three levels, and conditions of every form.

mod common;

use shenpi_core::condition::{Facts, Value};
use shenpi_core::ruleset::{Clock, DepKind, MeasureKind, Provenance, Ruleset, TypeIdx};

fn ruleset(rel: &str) -> Ruleset {
    let loaded = common::load_relative(rel);
    let rendered =
        shenpi_core::diagnostic::render_text(&loaded.diagnostics, &loaded.sources, false);
    assert!(loaded.diagnostics.is_empty(), "{rel}:\n{rendered}");
    loaded.ruleset.expect("no errors, so a ruleset")
}

fn item<'r>(r: &'r Ruleset, id: &str) -> &'r shenpi_core::ruleset::Item {
    &r.items[r.item_index(id).unwrap_or_else(|| panic!("no item `{id}`"))]
}

#[test]
fn every_good_fixture_loads_cleanly() {
    insta::glob!("fixtures/good/**/*.toml", |path| {
        let loaded = common::load_fixture(path);
        let rendered =
            shenpi_core::diagnostic::render_text(&loaded.diagnostics, &loaded.sources, false);
        assert!(
            loaded.diagnostics.is_empty(),
            "{}:\n{rendered}",
            path.display()
        );
        assert!(loaded.ruleset.is_some());
    });
}

#[test]
fn national_compiles_to_its_model() {
    let r = ruleset("tests/fixtures/good/national.toml");
    assert_eq!(r.id, "test-national");
    assert!(r.extends.is_empty());
    assert_eq!(r.calendar, "cn");
    assert_eq!(
        r.effective.map(|d| d.to_string()).as_deref(),
        Some("2019-06-01")
    );
    let ids: Vec<&str> = r.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "project-approval",
            "land-use-permit",
            "environmental-assessment",
            "planning-permit",
            "drawing-review",
            "construction-permit"
        ]
    );
    let permit = item(&r, "construction-permit");
    assert_eq!((permit.limit, permit.legal_limit), (7, Some(15)));
    assert_eq!(r.stages[permit.stage].id, "construction");
    assert_eq!(permit.after.len(), 2);
    assert_eq!(
        permit.after[0].item,
        r.item_index("drawing-review").unwrap()
    );
    assert_eq!(permit.after[0].kind, DepKind::FS);
    assert_eq!(
        permit.after[1].item,
        r.item_index("planning-permit").unwrap()
    );
    assert_eq!(
        (permit.after[1].kind, permit.after[1].lag),
        (DepKind::SS, 2)
    );
    assert_eq!(item(&r, "drawing-review").clock, Clock::Technical);
    // Stage gates resolve to indices.
    let construction = &r.stages[r.stage_index("construction").unwrap()];
    assert_eq!(construction.after, [r.stage_index("permit").unwrap()]);
    // Enum labels and defaults.
    let investment = &r.attributes[r.attribute_index("investment").unwrap()];
    assert_eq!(investment.values[0].label, "政府投资");
    let assessed = &r.attributes[r.attribute_index("in_assessed_area").unwrap()];
    assert_eq!(assessed.default, Some(Value::Bool(false)));
    let gov = &r.project_types[r.type_index("gov-building").unwrap()];
    let target = gov.target.as_ref().unwrap();
    assert_eq!(target.total, Some(90));
    assert_eq!(target.stages, [(r.stage_index("land").unwrap(), 20)]);
}

#[test]
fn child_overrides_removes_and_adds() {
    let r = ruleset("tests/fixtures/good/province.toml");
    assert_eq!(r.id, "test-province");
    assert_eq!(r.extends, ["test-national"]);
    assert_eq!(r.jurisdiction, "湖北省");
    // Inherited from the parent, which the child does not restate.
    assert_eq!(r.calendar, "cn");
    assert_eq!(r.sources, ["国办发〔2019〕11号", "省级实施方案（测试）"]);
    // Overridden field; the fields the child does not state stay the parent's.
    let permit = item(&r, "construction-permit");
    assert_eq!(permit.limit, 5);
    assert_eq!(permit.legal_limit, Some(15));
    assert_eq!(permit.name, "建筑工程施工许可证核发");
    assert_eq!(permit.after.len(), 2);
    assert_eq!(
        permit.provenance,
        Provenance::Source("省级实施方案（测试）".to_owned())
    );
    // Removed.
    assert_eq!(r.item_index("environmental-assessment"), None);
    // Added at the end, and dependencies point at the right items after the removal.
    assert_eq!(r.items.last().unwrap().id, "water-soil-plan");
    assert!(matches!(
        item(&r, "water-soil-plan").provenance,
        Provenance::Estimate(_)
    ));
    let land_use = item(&r, "land-use-permit");
    assert_eq!(
        land_use.after[0].item,
        r.item_index("project-approval").unwrap()
    );
    assert_eq!(
        item(&r, "construction-permit").after[0].item,
        r.item_index("drawing-review").unwrap()
    );
}

#[test]
fn grandchild_patches_the_whole_chain() {
    let r = ruleset("tests/fixtures/good/city/shiyan.toml");
    assert_eq!(r.id, "test-city");
    assert_eq!(r.extends, ["test-national", "test-province"]);
    assert_eq!(
        r.sources,
        [
            "国办发〔2019〕11号",
            "省级实施方案（测试）",
            "市级实施方案（测试）"
        ]
    );
    // Three levels: limit from the province, legal limit and `after` from the city.
    let permit = item(&r, "construction-permit");
    assert_eq!((permit.limit, permit.legal_limit), (5, Some(10)));
    assert_eq!(permit.after.len(), 1);
    assert_eq!(
        permit.after[0].item,
        r.item_index("drawing-review").unwrap()
    );
    assert_eq!(item(&r, "drawing-review").limit, 10);
    // The province's removal and addition survive.
    assert_eq!(r.item_index("environmental-assessment"), None);
    assert!(r.item_index("water-soil-plan").is_some());
    // A stage renamed; its gate inherited.
    let permit_stage = &r.stages[r.stage_index("permit").unwrap()];
    assert_eq!(permit_stage.name, "工程建设许可阶段（含方案审查）");
    assert_eq!(permit_stage.after, [r.stage_index("land").unwrap()]);
    // A project type's target replaced, its `when` kept.
    let social = &r.project_types[r.type_index("social-general").unwrap()];
    let target = social.target.as_ref().unwrap();
    assert_eq!(target.total, Some(50));
    assert_eq!(
        target.stages,
        [(r.stage_index("construction").unwrap(), 15)]
    );
    assert!(social.when.is_some());
    // The national measure removed, the city's added.
    assert_eq!(r.measure_index("commitment-permit"), None);
    let parallel = &r.measures[r.measure_index("parallel-land").unwrap()];
    assert_eq!(parallel.kind(), MeasureKind::Parallel);
    assert_eq!(
        parallel.items,
        [
            r.item_index("project-approval").unwrap(),
            r.item_index("land-use-permit").unwrap()
        ]
    );
    assert!(parallel.default);
}

/// A project described by attribute id → value, as `Facts` for `Condition::holds`.
struct Project<'r> {
    ruleset: &'r Ruleset,
    values: Vec<Option<Value>>,
    project_type: Option<TypeIdx>,
}

impl<'r> Project<'r> {
    fn new(ruleset: &'r Ruleset, project_type: Option<&str>) -> Self {
        Self {
            ruleset,
            values: vec![None; ruleset.attributes.len()],
            project_type: project_type.map(|t| ruleset.type_index(t).expect("type")),
        }
    }
    fn set(mut self, attr: &str, value: Value) -> Self {
        let i = self.ruleset.attribute_index(attr).expect("attribute");
        self.values[i.index()] = Some(value);
        self
    }
    fn applies(&self, item_id: &str) -> bool {
        let facts = Facts {
            values: &self.values,
            project_type: self.project_type,
        };
        item(self.ruleset, item_id)
            .when
            .as_ref()
            .expect("the item has a condition")
            .holds(&facts)
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

#[test]
fn conditions_of_every_form_evaluate() {
    let r = ruleset("tests/fixtures/good/conditions.toml");
    let p = |t| Project::new(&r, t);

    // equals
    assert!(
        p(None)
            .set("investment", text("government"))
            .applies("equals")
    );
    assert!(!p(None).set("investment", text("social")).applies("equals"));
    // An unset attribute fails every test on it.
    assert!(!p(None).applies("equals"));

    // one of
    assert!(p(None).set("use", text("factory")).applies("one-of"));
    assert!(p(None).set("use", text("warehouse")).applies("one-of"));
    assert!(!p(None).set("use", text("housing")).applies("one-of"));

    // range, inclusive at both ends
    let area = |n: f64| p(None).set("floor_area", Value::Number(n));
    assert!(!area(299.0).applies("range"));
    assert!(area(300.0).applies("range"));
    assert!(area(10000.0).applies("range"));
    assert!(!area(10000.5).applies("range"));
    assert!(area(1e9).applies("open-range"));
    assert!(!area(299.99).applies("open-range"));

    // bool
    assert!(
        p(None)
            .set("underground", Value::Bool(true))
            .applies("boolean")
    );
    assert!(
        !p(None)
            .set("underground", Value::Bool(false))
            .applies("boolean")
    );

    // text
    assert!(p(None).set("district", text("茅箭区")).applies("text"));
    assert!(!p(None).set("district", text("张湾区")).applies("text"));

    // project type
    assert!(p(Some("gov-building")).applies("project-type"));
    assert!(!p(Some("social-general")).applies("project-type"));
    assert!(!p(None).applies("project-type"));

    // several keys in one table: all must hold
    let both = p(None)
        .set("investment", text("social"))
        .set("use", text("housing"));
    assert!(both.applies("several-keys"));
    assert!(
        !p(None)
            .set("investment", text("social"))
            .applies("several-keys")
    );

    // any / all / not, and the reason
    assert!(
        p(None)
            .set("underground", Value::Bool(true))
            .applies("combinators")
    );
    let big = |use_: &str| {
        p(None)
            .set("underground", Value::Bool(false))
            .set("floor_area", Value::Number(20000.0))
            .set("use", text(use_))
    };
    assert!(big("office").applies("combinators"));
    assert!(!big("housing").applies("combinators"));
    assert!(
        !p(None)
            .set("floor_area", Value::Number(500.0))
            .set("use", text("office"))
            .applies("combinators")
    );
    let when = item(&r, "combinators").when.as_ref().unwrap();
    assert_eq!(when.reason.as_deref(), Some("地下工程或大型非住宅项目"));
    let type_ids: Vec<&str> = r.project_types.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        when.describe(&r.attributes, &type_ids),
        "underground = true or (floor_area ≥ 10000 and not (use = housing))"
    );

    // a measure's condition on the project type, with its reason
    let m = &r.measures[r.measure_index("commitment-social").unwrap()];
    let cond = m.when.as_ref().unwrap();
    assert_eq!(cond.reason.as_deref(), Some("仅社会投资项目"));
    let facts = |t: &str| Facts {
        values: &[],
        project_type: r.type_index(t),
    };
    assert!(cond.holds(&facts("social-general")));
    assert!(!cond.holds(&facts("gov-building")));
}
