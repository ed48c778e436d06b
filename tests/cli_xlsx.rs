//! `shenpi plan --format xlsx`: the workbook read back with calamine — the 审批时限表 has the
//! plan's items in order with real Excel dates equal to the plan's, and the summary sheet its
//! key dates and targets; the same plan gives the same bytes; a workbook is never written to
//! a terminal.

mod cli_support;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use cli_support::{arg, ok_json, shenpi, temp_dir};

const SHIYAN: &str = "examples/hubei-shiyan-2022/social-general.toml";

#[test]
fn the_workbook_reads_back_as_the_plan() {
    let dir = temp_dir();
    let path = dir.path().join("plan.xlsx");
    shenpi(&[
        "plan",
        SHIYAN,
        "--start",
        "2026-03-02",
        "--format",
        "xlsx",
        "-o",
        arg(&path),
    ])
    .expect_code(0);
    let plan = ok_json(&["plan", SHIYAN, "--start", "2026-03-02", "--format", "json"]);
    let items = plan["items"].as_array().unwrap();

    let mut book: Xlsx<_> = open_workbook(&path).expect("a workbook calamine reads");
    assert_eq!(book.sheet_names(), ["审批时限表", "概要"]);
    let sheet = book.worksheet_range("审批时限表").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, shenpi_core::render::xlsx::ITEM_COLUMNS);
    assert_eq!(rows.len(), items.len() + 1, "one row per planned item");
    let date = |c: &Data| {
        c.as_datetime()
            .expect("a real Excel date")
            .date()
            .to_string()
    };
    for (row, item) in rows[1..].iter().zip(items) {
        assert_eq!(row[1].to_string(), item["name"].as_str().unwrap());
        assert_eq!(
            date(&row[8]),
            item["accepted"].as_str().unwrap(),
            "受理日 of {}",
            item["id"]
        );
        assert_eq!(
            date(&row[9]),
            item["decided"].as_str().unwrap(),
            "办结日 of {}",
            item["id"]
        );
        assert_eq!(row[10].as_f64(), item["total_float"].as_f64(), "总时差");
        assert_eq!(
            row[11].get_string() == Some("是"),
            item["critical"].as_bool().unwrap()
        );
    }
    // 承诺时限 and 法定时限 of the construction permit (5 and 7 working days in 十堰).
    let permit = rows
        .iter()
        .find(|r| r[1].get_string() == Some("建筑工程施工许可证核发"))
        .unwrap();
    assert_eq!(permit[4].to_string(), "5个工作日");
    assert!(
        permit[3].to_string().ends_with("个工作日"),
        "法定时限 {}",
        permit[3]
    );

    let summary = book.worksheet_range("概要").unwrap();
    let cell = |label: &str| {
        summary
            .rows()
            .find(|r| r[0].get_string() == Some(label))
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no {label}"))
    };
    assert_eq!(
        cell("审批用时（工作日）").to_string(),
        plan["summary"]["approval_working_days"].to_string()
    );
    assert_eq!(
        date(&cell("开工")),
        plan["summary"]["construction_start"].as_str().unwrap()
    );
    assert_eq!(
        date(&cell("全部办结")),
        plan["summary"]["finish"].as_str().unwrap()
    );
    assert!(
        summary
            .rows()
            .any(|r| r[0].get_string() == Some("全流程") && r[3].get_string() == Some("是"))
    );

    // The same plan, the same bytes (a second later: no clock in the file).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = dir.path().join("again.xlsx");
    shenpi(&[
        "plan",
        SHIYAN,
        "--start",
        "2026-03-02",
        "--format",
        "xlsx",
        "-o",
        arg(&again),
    ])
    .expect_code(0);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

/// A small ruleset of two stages, a 公示 in calendar days, a technical review and links by
/// name: what a bureau's table can say.
const SMALL: &str = r#"
[ruleset]
id = "small"
name = "小流程"

[[project_type]]
id = "any"
name = "任意"

[[stage]]
id = "s1"
name = "工程建设许可"

[[stage]]
id = "s2"
name = "施工许可"
after = ["s1"]

[[item]]
id = "scheme"
name = "设计方案审查"
department = "自然资源和规划局"
stage = "s1"
limit = 10
legal_limit = 20
materials = ["申请表", "设计方案"]
source = "测试"

[[item]]
id = "notice"
name = "批前公示"
department = "自然资源和规划局"
stage = "s1"
limit = 7
unit = "natural"
clock = "technical"
after = ["scheme"]
source = "测试"

[[item]]
id = "permit"
name = "建设工程规划许可证"
department = "自然资源和规划局"
stage = "s1"
limit = 5
after = ["notice"]
estimate = "按同类事项估计"

[[item]]
id = "construction"
name = "施工许可"
department = "住房和城乡建设局"
stage = "s2"
limit = 3
calibrated = "使示例总时限为25个工作日"
"#;

#[test]
fn export_then_import_then_plan_gives_the_same_plan() {
    let dir = temp_dir();
    // The project names the ruleset by its path, beside it.
    cli_support::write(dir.path(), "small.toml", SMALL);
    let project = cli_support::write(
        dir.path(),
        "p.toml",
        "ruleset = \"small.toml\"\ntype = \"any\"\nstart = 2026-03-02\n",
    );
    let book = dir.path().join("plan.xlsx");
    shenpi(&["plan", arg(&project), "--format", "xlsx", "-o", arg(&book)]).expect_code(0);
    let imported = dir.path().join("imported.toml");
    shenpi(&[
        "import",
        arg(&book),
        "--ruleset-id",
        "imported",
        "-o",
        arg(&imported),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(&imported).unwrap();
    assert!(text.contains("unit = \"natural\""), "{text}");
    assert!(text.contains("legal_limit = 20"), "{text}");
    assert!(text.contains("clock = \"technical\""), "{text}");
    let before = ok_json(&["plan", arg(&project), "--format", "json"]);
    let after = ok_json(&[
        "plan",
        arg(&project),
        "--ruleset",
        arg(&imported),
        "--format",
        "json",
    ]);
    let dates = |plan: &serde_json::Value| -> Vec<(String, String, String)> {
        plan["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["name"].to_string(),
                    i["accepted"].to_string(),
                    i["decided"].to_string(),
                )
            })
            .collect()
    };
    assert_eq!(dates(&before), dates(&after));
    assert_eq!(
        before["summary"]["approval_working_days"],
        after["summary"]["approval_working_days"]
    );

    // A table as CSV, with a cell that cannot be read and a prerequisite nobody names.
    let csv = cli_support::write(
        dir.path(),
        "table.csv",
        "\u{feff}阶段,事项名称,实施部门,承诺时限,前置事项\n工程建设许可,设计方案审查,规划局,10个工作日,\n工程建设许可,规划许可,规划局,五日,设计方案审察\n",
    );
    shenpi(&["import", arg(&csv), "--ruleset-id", "t"])
        .expect_code(1)
        .stderr_has("sheet table, D3 (承诺时限): `五日` is not a limit")
        .stderr_has("sheet table, E3 (前置事项): no row names `设计方案审察`")
        .stderr_has("did you mean `设计方案审查`?");
    let fixed = cli_support::write(
        dir.path(),
        "fixed.csv",
        "阶段,事项名称,实施部门,承诺时限,前置事项\n工程建设许可,设计方案审查,规划局,10个工作日,\n工程建设许可,规划许可,规划局,5,设计方案审查\n",
    );
    let toml = cli_support::ok(&["import", arg(&fixed), "--ruleset-id", "t"]);
    assert!(
        toml.contains("after = [\"item-1\"]") && toml.contains("limit = 5"),
        "{toml}"
    );
    shenpi(&["import", arg(&fixed), "--ruleset-id", "不是id"])
        .expect_code(1)
        .stderr_has("invalid-id");
}

#[test]
fn a_folder_s_morning_list_as_a_workbook() {
    let dir = temp_dir();
    let path = dir.path().join("status.xlsx");
    shenpi(&[
        "status",
        "examples/hubei-shiyan-2022",
        "--as-of",
        "2026-06-24",
        "--format",
        "xlsx",
        "-o",
        arg(&path),
    ])
    .expect_code(0);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("进度").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header, shenpi_core::render::xlsx::STATUS_COLUMNS);
    // The three items that need attention, most urgent first (as tests/cli_status.rs).
    let items: Vec<String> = rows[1..].iter().map(|r| r[1].to_string()).collect();
    assert_eq!(
        items,
        [
            "初步设计及概算审批",
            "建设工程规划许可证核发",
            "建设工程设计方案审查"
        ]
    );
    assert_eq!(rows[1][4].get_string(), Some("超期"));
    assert_eq!(rows[1][7].as_f64(), Some(-4.0), "4 working days over");
    let limit_ends = rows[1][10].as_datetime().unwrap().date().to_string();
    assert_eq!(limit_ends, "2026-06-17");
}

#[test]
fn a_ruleset_s_item_table_imports_back() {
    let dir = temp_dir();
    let ruleset = cli_support::write(dir.path(), "small.toml", SMALL);
    let book = dir.path().join("items.xlsx");
    shenpi(&[
        "show",
        arg(&ruleset),
        "--start",
        "2026-03-02",
        "--format",
        "xlsx",
        "-o",
        arg(&book),
    ])
    .expect_code(0);
    let wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(wb.sheet_names(), ["审批事项表", "项目类型"]);
    let imported = dir.path().join("back.toml");
    shenpi(&[
        "import",
        arg(&book),
        "--ruleset-id",
        "back",
        "-o",
        arg(&imported),
    ])
    .expect_code(0);
    let read = |path: &std::path::Path| -> toml::Value {
        toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let (before, after) = (read(&ruleset), read(&imported));
    let items = |v: &toml::Value| -> Vec<String> {
        v["item"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{} {} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                    i["id"],
                    i["name"],
                    i["limit"],
                    i.get("legal_limit"),
                    i.get("unit"),
                    i.get("clock"),
                    i.get("after"),
                    i.get("source"),
                    i.get("estimate"),
                    i.get("calibrated")
                )
            })
            .collect()
    };
    // The same ids, names, limits, units, clocks, prerequisites (by id) and bases: an
    // estimate and a calibration come back as such, not as sources.
    assert_eq!(items(&before), items(&after));
}

#[test]
fn comparisons_as_a_workbook() {
    let dir = temp_dir();
    let path = dir.path().join("compare.xlsx");
    shenpi(&[
        "compare",
        "examples:hubei-shiyan-2022",
        "--measures-off",
        "--start",
        "2026-03-02",
        "--format",
        "xlsx",
        "-o",
        arg(&path),
    ])
    .expect_code(0);
    let json = ok_json(&[
        "compare",
        "examples:hubei-shiyan-2022",
        "--measures-off",
        "--start",
        "2026-03-02",
        "--format",
        "json",
    ]);
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = wb.worksheet_range("对比").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let list = json.as_array().unwrap();
    assert_eq!(rows.len(), list.len() + 1, "one row per example");
    for (row, c) in rows[1..].iter().zip(list) {
        assert_eq!(
            row[3].as_f64(),
            c["before"]["approval_working_days"].as_f64()
        );
        assert_eq!(
            row[4].as_f64(),
            c["after"]["approval_working_days"].as_f64()
        );
        assert_eq!(row[15].get_string(), c["statement"].as_str());
    }
    assert!(wb.worksheet_range("事项变化").unwrap().rows().count() > 1);
}
