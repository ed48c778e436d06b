//! A bureau's table of approval items (审批事项及时限表, as a spreadsheet or CSV) turned into a
//! ruleset (`shenpi import`): one item per row, stages in the order they first appear (each
//! after the one before), prerequisites by name. Columns are found by their header, with the
//! usual variants (事项 / 事项名称 / 审批事项, 承诺时限 / 承诺办结时限, …). Every cell that cannot
//! be read is a diagnostic naming the sheet, the cell and its column.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::diagnostic::Diagnostic;

/// One sheet's cells as text, row by row (the first row is the header).
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet's name (a CSV file's name).
    pub sheet: String,
    /// Cells, row by row.
    pub rows: Vec<Vec<String>>,
}

/// What the ruleset is called and where its rows come from.
#[derive(Debug, Clone)]
pub struct TableImport {
    /// The ruleset's id.
    pub id: String,
    /// Its name (default: the sheet's).
    pub name: Option<String>,
    /// The table's file name, cited as each limit's source.
    pub file: String,
}

/// The columns, each with the headers that name it (first match wins).
const COLUMNS: &[(&str, &[&str])] = &[
    ("stage", &["阶段", "审批阶段", "所属阶段"]),
    (
        "name",
        &["事项", "事项名称", "审批事项", "审批事项名称", "办理事项"],
    ),
    ("id", &["编号", "事项编码", "ID", "id"]),
    (
        "department",
        &["实施部门", "办理部门", "责任部门", "审批部门", "部门"],
    ),
    ("legal", &["法定时限", "法定办结时限", "法定期限"]),
    (
        "limit",
        &["承诺时限", "承诺办结时限", "承诺期限", "办理时限", "时限"],
    ),
    ("clock", &["计时方式", "计时", "类型"]),
    ("after", &["前置事项", "前置条件", "前置审批", "前置"]),
    ("materials", &["申请材料", "申报材料", "材料"]),
    ("basis", &["依据", "设定依据", "时限依据"]),
];

fn column_letter(mut c: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (c % 26) as u8) as char);
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

/// A limit as tables write it: `20个工作日`, `20`, `20日` (working days: 行政许可法 第八十二条),
/// `7个自然日` / `7自然日` (calendar days), `即办` (0). Returns (days, natural).
fn limit(text: &str) -> Option<(u32, bool)> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if t == "即办" || t == "当场办结" {
        return Some((0, false));
    }
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    let days: u32 = t[..n].parse().ok()?;
    let unit = t[n..].trim();
    match unit {
        "" | "日" | "天" | "个工作日" | "工作日" => Some((days, false)),
        "个自然日" | "自然日" => Some((days, true)),
        _ => None,
    }
}

/// The limit's basis as the 依据 cell words it: `估计：…` and `校准：…` (the words `shenpi show
/// --format xlsx` gives an estimate and a calibration) stay an estimate and a calibration,
/// so that a number with no document behind it is not imported as sourced; other text is the
/// source; an empty cell cites the table's own row.
fn basis(cell: &str, file: &str, row: usize) -> (&'static str, String) {
    for (word, key) in [("估计", "estimate"), ("校准", "calibrated")] {
        let reason = (cell.strip_prefix(word))
            .and_then(|rest| rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')));
        if let Some(reason) = reason {
            return (key, reason.trim().to_owned());
        }
    }
    if cell.is_empty() {
        ("source", format!("{file}，第{row}行"))
    } else {
        ("source", cell.to_owned())
    }
}

fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The ruleset's TOML text, or every problem of the table.
pub fn import(grid: &Grid, options: &TableImport) -> Result<String, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let Some(header) = grid.rows.first() else {
        return Err(vec![
            Diagnostic::error(
                "table-header",
                format!("sheet {}: the table is empty", grid.sheet),
            )
            .with_help("the first row names the columns: 阶段, 事项, 实施部门, 承诺时限, …"),
        ]);
    };
    let mut col: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, names) in COLUMNS {
        if let Some(c) = header.iter().position(|h| names.contains(&h.trim())) {
            col.insert(key, c);
        }
    }
    for required in ["stage", "name", "department", "limit"] {
        if !col.contains_key(required) {
            let names = COLUMNS
                .iter()
                .find(|(k, _)| *k == required)
                .map(|(_, n)| n.join(" / "))
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    "table-header",
                    format!("sheet {}: no column for {required}", grid.sheet),
                )
                .with_help(format!("name one of the header cells {names}")),
            );
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let cell = |row: &Vec<String>, key: &str| -> String {
        col.get(key)
            .and_then(|&c| row.get(c))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let place = |r: usize, key: &str| {
        let c = col[key];
        format!(
            "sheet {}, {}{} ({})",
            grid.sheet,
            column_letter(c),
            r + 1,
            header[c].trim()
        )
    };
    // Rows with a name; stages in first-appearance order.
    let mut stages: Vec<String> = Vec::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let rows: Vec<(usize, &Vec<String>)> = grid
        .rows
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    for (k, (r, row)) in rows.iter().enumerate() {
        let stage = cell(row, "stage");
        if stage.is_empty() {
            diags.push(
                Diagnostic::error("table-cell", format!("{}: empty", place(*r, "stage")))
                    .with_help("every item belongs to a stage"),
            );
        } else if !stages.contains(&stage) {
            stages.push(stage);
        }
        let name = cell(row, "name");
        if name.is_empty() {
            diags.push(
                Diagnostic::error("table-cell", format!("{}: empty", place(*r, "name")))
                    .with_help("every row names its item"),
            );
            continue;
        }
        let given = cell(row, "id");
        let id = if given.is_empty() {
            format!("item-{}", k + 1)
        } else {
            given
        };
        if names.insert(name.clone(), id).is_some() {
            diags.push(
                Diagnostic::error(
                    "table-cell",
                    format!("{}: `{name}` is listed twice", place(*r, "name")),
                )
                .with_help("prerequisites name items: each name once"),
            );
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Imported from {} (sheet {}) by `shenpi import`: check it, then cite each limit's source.",
        options.file, grid.sheet
    );
    let _ = writeln!(
        out,
        "[ruleset]\nid = {}\nname = {}",
        quoted(&options.id),
        quoted(options.name.as_deref().unwrap_or(&grid.sheet))
    );
    let _ = writeln!(out, "sources = [{}]\n", quoted(&options.file));
    let _ = writeln!(out, "[[project_type]]\nid = \"any\"\nname = \"全部项目\"\n");
    for (k, s) in stages.iter().enumerate() {
        let _ = writeln!(
            out,
            "[[stage]]\nid = \"stage-{}\"\nname = {}",
            k + 1,
            quoted(s)
        );
        if k > 0 {
            let _ = writeln!(out, "after = [\"stage-{k}\"]");
        }
        out.push('\n');
    }
    for (r, row) in &rows {
        let name = cell(row, "name");
        let Some(id) = names.get(&name) else { continue };
        let stage = stages
            .iter()
            .position(|s| *s == cell(row, "stage"))
            .map_or(0, |k| k + 1);
        let department = cell(row, "department");
        if department.is_empty() {
            diags.push(
                Diagnostic::error("table-cell", format!("{}: empty", place(*r, "department")))
                    .with_help("every item has its department (实施部门)"),
            );
        }
        // A cell that cannot be read is reported, and the row's other cells are still read.
        let (days, natural) = limit(&cell(row, "limit")).unwrap_or_else(|| {
            diags.push(
                Diagnostic::error(
                    "table-cell",
                    format!(
                        "{}: `{}` is not a limit",
                        place(*r, "limit"),
                        cell(row, "limit")
                    ),
                )
                .with_help("write `20个工作日`, `20` (working days), `7个自然日` or `即办`"),
            );
            (0, false)
        });
        let _ = writeln!(
            out,
            "[[item]]\nid = {}\nname = {}\ndepartment = {}\nstage = \"stage-{stage}\"\nlimit = {days}",
            quoted(id),
            quoted(&name),
            quoted(&department)
        );
        if natural {
            out.push_str("unit = \"natural\"\n");
        }
        if col.contains_key("legal") && !cell(row, "legal").is_empty() {
            match limit(&cell(row, "legal")) {
                Some((legal, n)) if n == natural => {
                    let _ = writeln!(out, "legal_limit = {legal}");
                }
                _ => diags.push(
                    Diagnostic::error(
                        "table-cell",
                        format!(
                            "{}: `{}` is not a limit in the unit of 承诺时限",
                            place(*r, "legal"),
                            cell(row, "legal")
                        ),
                    )
                    .with_help("write `20个工作日` or `20`; leave it empty when there is none"),
                ),
            }
        }
        if col.contains_key("clock") {
            let clock = match cell(row, "clock").as_str() {
                "" | "审批" | "审批时间" | "行政审批" => None,
                "技术审查" | "专家评审" => Some("technical"),
                "中介服务" | "中介" => Some("intermediary"),
                "申请人" | "企业自主" | "建设单位" => Some("applicant"),
                other => {
                    diags.push(
                        Diagnostic::error(
                            "table-cell",
                            format!("{}: `{other}` is not a clock", place(*r, "clock")),
                        )
                        .with_help("write 审批, 技术审查, 中介服务 or 申请人"),
                    );
                    None
                }
            };
            if let Some(c) = clock {
                let _ = writeln!(out, "clock = \"{c}\"");
            }
        }
        let split = |s: String| -> Vec<String> {
            s.split(['、', '；', ';', '\n', '，', ','])
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect()
        };
        let after: Vec<String> = split(cell(row, "after"))
            .into_iter()
            .filter_map(|p| match names.get(&p) {
                Some(id) => Some(quoted(id)),
                None => {
                    diags.push(
                        Diagnostic::error(
                            "table-cell",
                            format!("{}: no row names `{p}`", place(*r, "after")),
                        )
                        .with_optional_help(crate::suggest::hint(
                            &p,
                            names.keys().map(String::as_str),
                        )),
                    );
                    None
                }
            })
            .collect();
        if !after.is_empty() {
            let _ = writeln!(out, "after = [{}]", after.join(", "));
        }
        let materials = split(cell(row, "materials"));
        if !materials.is_empty() {
            let list: Vec<String> = materials.iter().map(|m| quoted(m)).collect();
            let _ = writeln!(out, "materials = [{}]", list.join(", "));
        }
        let (key, text) = basis(&cell(row, "basis"), &options.file, r + 1);
        let _ = writeln!(out, "{key} = {}\n", quoted(&text));
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}
