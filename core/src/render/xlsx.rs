//! The plan as an Excel workbook, the way bureaus keep their flows (审批事项及时限表): a sheet
//! 审批时限表 with one row per planned item — 阶段, 事项, 实施部门, 法定时限, 承诺时限, 计时方式,
//! 前置事项, 申请材料, 受理日, 办结日, 总时差, 关键, 依据 — with real Excel dates, a frozen
//! header and column widths; and a sheet 概要 with the key dates, the targets and the approval
//! and elapsed time. Written with `rust_xlsxwriter`; the same plan gives the same bytes.

use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::text::{basis_zh, clock_zh, days_zh};
use crate::plan::Plan;
use crate::ruleset::Ruleset;

/// The header of 审批时限表, in column order.
pub const ITEM_COLUMNS: [&str; 13] = [
    "阶段",
    "事项",
    "实施部门",
    "法定时限",
    "承诺时限",
    "计时方式",
    "前置事项",
    "申请材料",
    "受理日",
    "办结日",
    "总时差",
    "关键",
    "依据",
];

fn sheet_error(e: XlsxError) -> String {
    format!("cannot write the workbook: {e}")
}

/// A workbook titled `title` and dated `day` (a day of its content, never the clock: the same
/// input gives the same bytes; `None`, an empty one, is dated 1970-01-01).
fn workbook(title: String, day: Option<chrono::NaiveDate>) -> Workbook {
    let mut book = Workbook::new();
    let created = day
        .unwrap_or_default()
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists");
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    book
}

/// Bold, shaded, centred: the header rows.
fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color("D9E2F3")
        .set_align(FormatAlign::Center)
}

fn date_format() -> Format {
    Format::new().set_num_format("yyyy-mm-dd")
}

/// The header row of a table sheet, frozen, and its columns' widths.
fn header_row(ws: &mut Worksheet, columns: &[&str], widths: &[u16]) -> Result<(), XlsxError> {
    let header = header_format();
    for (c, h) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (c, &width) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, width)?;
    }
    Ok(())
}

/// The workbook's bytes. `ruleset` is the one the plan was made with (for the statutory
/// limits, which a plan does not carry).
pub fn render(plan: &Plan, ruleset: &Ruleset) -> Result<Vec<u8>, String> {
    let mut book = workbook(
        format!("{} 审批时限表", plan.project.name),
        Some(plan.project.accepted),
    );
    let (header, date, wrap) = (
        header_format(),
        date_format(),
        Format::new().set_text_wrap(),
    );
    items_sheet(book.add_worksheet(), plan, ruleset, &date, &wrap).map_err(sheet_error)?;
    summary_sheet(book.add_worksheet(), plan, &header, &date).map_err(sheet_error)?;
    book.save_to_buffer().map_err(sheet_error)
}

fn items_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    ruleset: &Ruleset,
    date: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("审批时限表")?;
    header_row(
        ws,
        &ITEM_COLUMNS,
        &[22, 34, 26, 11, 11, 9, 34, 40, 11, 11, 7, 5, 60],
    )?;
    let stage_name = |id: &str| {
        (plan.stages.iter())
            .find(|s| s.id.as_str() == id)
            .map_or(id.to_owned(), |s| s.name.to_string())
    };
    let name_of = |id: &str| {
        (plan.items.iter())
            .find(|i| i.id.as_str() == id)
            .map_or(id.to_owned(), |i| i.name.to_string())
    };
    for (k, item) in plan.items.iter().enumerate() {
        let row = k as u32 + 1;
        ws.write_string(row, 0, stage_name(&item.stage))?;
        ws.write_string(row, 1, item.name.as_str())?;
        ws.write_string(row, 2, item.department.as_str())?;
        let legal = (ruleset.item_index(&item.id)).and_then(|i| {
            ruleset.items[i]
                .legal_limit
                .map(|l| days_zh(l, ruleset.items[i].unit))
        });
        ws.write_string(row, 3, legal.unwrap_or_default())?;
        ws.write_string(row, 4, days_zh(item.duration, item.unit))?;
        ws.write_string(row, 5, clock_zh(item.clock))?;
        let preds: Vec<String> = item.predecessors.iter().map(|p| name_of(p)).collect();
        ws.write_string_with_format(row, 6, preds.join("、"), wrap)?;
        let materials: Vec<&str> = item.materials.iter().map(|m| m.as_str()).collect();
        ws.write_string_with_format(row, 7, materials.join("、"), wrap)?;
        ws.write_datetime_with_format(row, 8, item.accepted, date)?;
        ws.write_datetime_with_format(row, 9, item.decided, date)?;
        ws.write_number(row, 10, item.total_float as f64)?;
        ws.write_string(row, 11, if item.critical { "是" } else { "" })?;
        let basis = (item.provenance.as_ref()).map(|b| basis_zh(b.kind, &b.text));
        ws.write_string_with_format(row, 12, basis.unwrap_or_default(), wrap)?;
    }
    if !plan.items.is_empty() {
        ws.autofilter(
            0,
            0,
            plan.items.len() as u32,
            (ITEM_COLUMNS.len() - 1) as u16,
        )?;
    }
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    plan: &Plan,
    header: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    ws.set_name("概要")?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 14)?;
    let p = &plan.project;
    let s = &plan.summary;
    let mut row = 0;
    let text = |ws: &mut Worksheet, row: &mut u32, k: &str, v: String| -> Result<(), XlsxError> {
        ws.write_string_with_format(*row, 0, k, header)?;
        ws.write_string(*row, 1, v)?;
        *row += 1;
        Ok(())
    };
    text(ws, &mut row, "项目", p.name.to_string())?;
    text(
        ws,
        &mut row,
        "规则集",
        format!("{}（{}）", plan.ruleset.name, plan.ruleset.id),
    )?;
    text(ws, &mut row, "项目类型", p.project_type_name.to_string())?;
    text(
        ws,
        &mut row,
        "时限口径",
        match p.scenario {
            crate::project::Scenario::Promised => "承诺时限".to_owned(),
            crate::project::Scenario::Legal => "法定时限".to_owned(),
        },
    )?;
    text(
        ws,
        &mut row,
        "审批用时（工作日）",
        s.approval_working_days.to_string(),
    )?;
    text(
        ws,
        &mut row,
        "全流程用时",
        format!(
            "{} 个工作日，{} 个自然日",
            s.elapsed_working_days, s.elapsed_calendar_days
        ),
    )?;
    let dated = |ws: &mut Worksheet,
                 row: &mut u32,
                 k: &str,
                 d: chrono::NaiveDate|
     -> Result<(), XlsxError> {
        ws.write_string_with_format(*row, 0, k, header)?;
        ws.write_datetime_with_format(*row, 1, d, date)?;
        *row += 1;
        Ok(())
    };
    dated(ws, &mut row, "首个受理日", p.accepted)?;
    if let Some(d) = s.construction_start {
        dated(ws, &mut row, "开工", d)?;
    }
    if let Some(d) = s.completion {
        dated(ws, &mut row, "竣工", d)?;
    }
    dated(ws, &mut row, "全部办结", s.finish)?;
    for m in &plan.milestones {
        dated(ws, &mut row, &format!("关键日期：{}", m.name), m.date)?;
    }
    row += 1;
    for (c, h) in ["时限目标", "目标（工作日）", "计划（工作日）", "达标"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, header)?;
    }
    row += 1;
    for t in &plan.targets {
        ws.write_string(row, 0, t.name.as_str())?;
        ws.write_number(row, 1, f64::from(t.target))?;
        ws.write_number(row, 2, t.actual as f64)?;
        ws.write_string(row, 3, if t.met { "是" } else { "否" })?;
        row += 1;
    }
    Ok(())
}

/// The header of a status sheet (`shenpi status --format xlsx`), in column order.
#[cfg(feature = "tracking")]
pub const STATUS_COLUMNS: [&str; 15] = [
    "项目",
    "事项",
    "实施部门",
    "状态",
    "灯",
    "已用",
    "时限",
    "剩余",
    "受理日",
    "办结日",
    "时限届满",
    "原计划办结",
    "预测办结",
    "推迟（工作日）",
    "说明",
];

/// Items with their project's status as a workbook: a sheet 进度 with one row per item (real
/// Excel dates), the same bytes for the same statuses.
#[cfg(feature = "tracking")]
pub fn status<'s, 'a: 's>(
    rows: impl IntoIterator<
        Item = (
            &'s crate::status::Status<'a>,
            &'s crate::status::ItemStatus<'a>,
        ),
    >,
) -> Result<Vec<u8>, String> {
    let rows: Vec<_> = rows.into_iter().collect();
    let as_of = rows.first().map(|(s, _)| s.as_of);
    let title = as_of.map_or_else(|| "进度".to_owned(), |d| format!("进度（截至 {d}）"));
    let mut book = workbook(title, as_of);
    let date = date_format();
    let ws = book.add_worksheet();
    (|| -> Result<(), XlsxError> {
        ws.set_name("进度")?;
        header_row(
            ws,
            &STATUS_COLUMNS,
            &[30, 30, 24, 11, 7, 7, 7, 7, 11, 11, 11, 11, 11, 9, 60],
        )?;
        for (k, (s, i)) in rows.iter().enumerate() {
            let r = k as u32 + 1;
            ws.write_string(r, 0, s.project.as_str())?;
            ws.write_string(r, 1, i.name.as_str())?;
            ws.write_string(r, 2, i.department.as_str())?;
            ws.write_string(r, 3, i.state.label())?;
            ws.write_string(r, 4, i.colour.map_or("", |c| c.label()))?;
            if let Some(u) = i.used {
                ws.write_number(r, 5, u as f64)?;
            }
            ws.write_number(r, 6, i.limit as f64)?;
            if let Some(d) = i.days_left {
                ws.write_number(r, 7, d as f64)?;
            }
            for (c, d) in [(8, i.accepted), (9, i.decided), (10, i.limit_ends)] {
                if let Some(d) = d {
                    ws.write_datetime_with_format(r, c, d, &date)?;
                }
            }
            ws.write_datetime_with_format(r, 11, i.baseline[1], &date)?;
            ws.write_datetime_with_format(r, 12, i.forecast[1], &date)?;
            ws.write_number(r, 13, i.slip as f64)?;
            ws.write_string(r, 14, i.notes.join("；"))?;
        }
        if !rows.is_empty() {
            ws.autofilter(0, 0, rows.len() as u32, (STATUS_COLUMNS.len() - 1) as u16)?;
        }
        Ok(())
    })()
    .map_err(sheet_error)?;
    book.save_to_buffer().map_err(sheet_error)
}

/// The header of a ruleset's item sheet (`shenpi show --format xlsx`), in column order: the
/// columns `shenpi import` reads back (编号 keeps the ids).
pub const RULESET_COLUMNS: [&str; 11] = [
    "阶段",
    "编号",
    "事项",
    "实施部门",
    "法定时限",
    "承诺时限",
    "计时方式",
    "前置事项",
    "申请材料",
    "适用条件",
    "依据",
];

/// A ruleset as a workbook: a sheet 审批事项表 with one row per item (its declared limits,
/// prerequisites by name, its condition in words, the limit's source), and a sheet 项目类型 with
/// each type's example planned (approval and elapsed time against its target).
pub fn ruleset(ruleset: &Ruleset, matrix: &[crate::engine::TypeRow]) -> Result<Vec<u8>, String> {
    let mut book = workbook(format!("{} 审批事项表", ruleset.name), ruleset.effective);
    let wrap = Format::new().set_text_wrap();
    let type_names: Vec<&str> = ruleset
        .project_types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    let ws = book.add_worksheet();
    (|| -> Result<(), XlsxError> {
        ws.set_name("审批事项表")?;
        header_row(
            ws,
            &RULESET_COLUMNS,
            &[22, 24, 34, 26, 11, 11, 9, 34, 40, 40, 60],
        )?;
        for (k, item) in ruleset.items.iter().enumerate() {
            let r = k as u32 + 1;
            ws.write_string(r, 0, ruleset.stages[item.stage].name.as_str())?;
            ws.write_string(r, 1, item.id.as_str())?;
            ws.write_string(r, 2, item.name.as_str())?;
            ws.write_string(r, 3, item.department.as_str())?;
            ws.write_string(
                r,
                4,
                item.legal_limit
                    .map(|l| days_zh(l, item.unit))
                    .unwrap_or_default(),
            )?;
            ws.write_string(r, 5, days_zh(item.limit, item.unit))?;
            ws.write_string(r, 6, clock_zh(item.clock))?;
            let after: Vec<&str> = item
                .after
                .iter()
                .map(|d| ruleset.items[d.item].name.as_str())
                .collect();
            ws.write_string_with_format(r, 7, after.join("、"), &wrap)?;
            ws.write_string_with_format(r, 8, item.materials.join("、"), &wrap)?;
            let when = item
                .when
                .as_ref()
                .map(|w| w.describe_labelled(&ruleset.attributes, &type_names));
            ws.write_string_with_format(r, 9, when.unwrap_or_default(), &wrap)?;
            let basis = (item.provenance.basis()).map(|(kind, text)| basis_zh(kind, text));
            ws.write_string_with_format(r, 10, basis.unwrap_or_default(), &wrap)?;
        }
        if !ruleset.items.is_empty() {
            ws.autofilter(
                0,
                0,
                ruleset.items.len() as u32,
                (RULESET_COLUMNS.len() - 1) as u16,
            )?;
        }
        Ok(())
    })()
    .map_err(sheet_error)?;
    let ws = book.add_worksheet();
    (|| -> Result<(), XlsxError> {
        ws.set_name("项目类型")?;
        let columns = [
            "项目类型",
            "审批用时（工作日）",
            "全流程（工作日）",
            "全流程（自然日）",
            "目标（工作日）",
            "达标",
            "事项",
            "申请次数",
        ];
        header_row(ws, &columns, &[30])?;
        for (k, row) in matrix.iter().enumerate() {
            let r = k as u32 + 1;
            ws.write_string(r, 0, row.name.as_str())?;
            ws.write_number(r, 1, row.approval_working_days as f64)?;
            ws.write_number(r, 2, row.elapsed_working_days as f64)?;
            ws.write_number(r, 3, row.elapsed_calendar_days as f64)?;
            if let Some(t) = row.target {
                ws.write_number(r, 4, f64::from(t))?;
            }
            ws.write_string(r, 5, row.met.map_or("", |m| if m { "是" } else { "否" }))?;
            ws.write_number(r, 6, row.items as f64)?;
            ws.write_number(r, 7, row.applications as f64)?;
        }
        Ok(())
    })()
    .map_err(sheet_error)?;
    book.save_to_buffer().map_err(sheet_error)
}

/// Comparisons as a workbook (`shenpi compare --format xlsx`): a sheet 对比 with one row per
/// project (before and after: approval and elapsed time, items, applications, the last
/// decision; the saving), and a sheet 事项变化 with each item's working days before and after.
pub fn comparisons(rows: &[(String, crate::compare::Comparison)]) -> Result<Vec<u8>, String> {
    // Dated by the first comparison's "before" finish.
    let day = rows.first().map(|(_, c)| c.before.finish);
    let mut book = workbook("改革前后对比".to_owned(), day);
    let date = date_format();
    let ws = book.add_worksheet();
    (|| -> Result<(), XlsxError> {
        ws.set_name("对比")?;
        let cols = [
            "项目",
            "对比前",
            "对比后",
            "审批用时（前）",
            "审批用时（后）",
            "压减（工作日）",
            "压减率",
            "全流程（前）",
            "全流程（后）",
            "事项（前）",
            "事项（后）",
            "申请次数（前）",
            "申请次数（后）",
            "办结（前）",
            "办结（后）",
            "结论",
        ];
        let mut widths = [14; 16];
        (widths[0], widths[15]) = (40, 50);
        header_row(ws, &cols, &widths)?;
        // The project's name stays in view too.
        ws.set_freeze_panes(1, 1)?;
        for (k, (name, c)) in rows.iter().enumerate() {
            let r = k as u32 + 1;
            ws.write_string(r, 0, name.as_str())?;
            ws.write_string(r, 1, c.before.label.as_str())?;
            ws.write_string(r, 2, c.after.label.as_str())?;
            ws.write_number(r, 3, c.before.approval_working_days as f64)?;
            ws.write_number(r, 4, c.after.approval_working_days as f64)?;
            ws.write_number(r, 5, c.saved_working_days as f64)?;
            ws.write_number(r, 6, c.saved_percent)?;
            ws.write_number(r, 7, c.before.elapsed_working_days as f64)?;
            ws.write_number(r, 8, c.after.elapsed_working_days as f64)?;
            ws.write_number(r, 9, c.before.items as f64)?;
            ws.write_number(r, 10, c.after.items as f64)?;
            ws.write_number(r, 11, c.before.applications as f64)?;
            ws.write_number(r, 12, c.after.applications as f64)?;
            ws.write_datetime_with_format(r, 13, c.before.finish, &date)?;
            ws.write_datetime_with_format(r, 14, c.after.finish, &date)?;
            ws.write_string(r, 15, c.statement.as_str())?;
        }
        Ok(())
    })()
    .map_err(sheet_error)?;
    let ws = book.add_worksheet();
    (|| -> Result<(), XlsxError> {
        ws.set_name("事项变化")?;
        header_row(
            ws,
            &["项目", "事项", "工作日（前）", "工作日（后）", "变化"],
            &[40, 40],
        )?;
        let mut r = 1;
        for (name, c) in rows {
            for i in &c.items {
                ws.write_string(r, 0, name.as_str())?;
                ws.write_string(r, 1, i.name.as_str())?;
                for (col, v) in [(2, i.before), (3, i.after), (4, i.delta)] {
                    if let Some(v) = v {
                        ws.write_number(r, col, v as f64)?;
                    }
                }
                r += 1;
            }
        }
        Ok(())
    })()
    .map_err(sheet_error)?;
    book.save_to_buffer().map_err(sheet_error)
}
