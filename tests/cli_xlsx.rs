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
