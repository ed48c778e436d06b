//! Terminal presentation of the CLI's own views (comparisons, the ruleset view, lists).
//! Plans are rendered by `shenpi_core::render`, shared with the web page.

use std::fmt::Write as _;

use shenpi_core::calendar::Calendar;
use shenpi_core::compare::Comparison;
use shenpi_core::engine::{MeasureEffect, TypeRow};
use shenpi_core::plan::Plan;
use shenpi_core::ruleset::Ruleset;
use unicode_width::UnicodeWidthStr;

use shenpi_core::render::{self, Format};

/// A plan in the requested format (rendered by the core, shared with the web page).
pub fn plan(plan: &Plan, format: Format, calendar: &Calendar, color: bool, bom: bool) -> String {
    let options = render::Options {
        color,
        bom,
        calendar: Some(calendar),
    };
    render::render(plan, format, &options)
}

/// An aligned table (CJK characters count two columns); the first row is the header.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - cell.width()));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if i == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
            out.push_str(&"─".repeat(total));
            out.push('\n');
        }
    }
    out
}

/// A Markdown table; the first row is the header.
pub fn markdown(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        // Every cell escaped as the plan's Markdown does: a name with `<script>` or
        // `[x](javascript:…)` is text, not markup.
        let cells: Vec<String> = row.iter().map(|c| render::md::escape(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if i == 0 {
            let _ = writeln!(out, "|{}|", vec!["---"; row.len()].join("|"));
        }
    }
    out
}

fn grid(rows: &[Vec<String>], md: bool) -> String {
    if md { markdown(rows) } else { table(rows) }
}

/// Side-by-side comparisons with savings in days and percent.
pub fn comparisons(rows: &[(String, Comparison)], md: bool) -> String {
    let mut t = vec![vec![
        "项目 project".to_owned(),
        "之前 before".to_owned(),
        "之后 after".to_owned(),
        "审批(前)".to_owned(),
        "审批(后)".to_owned(),
        "压减 saved".to_owned(),
        "压减率 %".to_owned(),
        "历时(前/后) elapsed".to_owned(),
        "事项 items".to_owned(),
        "材料 materials".to_owned(),
    ]];
    for (name, c) in rows {
        t.push(vec![
            name.clone(),
            c.before.label.clone(),
            c.after.label.clone(),
            c.before.approval_working_days.to_string(),
            c.after.approval_working_days.to_string(),
            c.saved_working_days.to_string(),
            format!("{:.1}", c.saved_percent),
            format!(
                "{}/{}",
                c.before.elapsed_working_days, c.after.elapsed_working_days
            ),
            format!("{}→{}", c.before.items, c.after.items),
            format!("{}→{}", c.before.materials, c.after.materials),
        ]);
    }
    let mut out = grid(&t, md);
    out.push('\n');
    for (name, c) in rows {
        let _ = writeln!(out, "{name}: 审批时间{}", c.statement);
    }
    out
}

/// `shenpi show`: stages, items, measures and the per-type matrix.
pub fn ruleset(
    r: &Ruleset,
    matrix: &[(TypeRow, Plan)],
    effects: &[MeasureEffect],
    md: bool,
) -> String {
    let mut out = String::new();
    let h = |out: &mut String, title: &str| {
        let _ = if md {
            writeln!(out, "\n## {title}\n")
        } else {
            writeln!(out, "\n{title}")
        };
    };
    // Markdown is escaped like its tables; the terminal gets the texts as they are (they
    // hold no control characters: the loader refuses those).
    let text = |t: &str| {
        if md {
            render::md::escape(t)
        } else {
            t.to_owned()
        }
    };
    let _ = writeln!(
        out,
        "{}{} ({})",
        if md { "# " } else { "" },
        text(&r.name),
        r.id
    );
    let _ = writeln!(
        out,
        "{}{}",
        text(&r.jurisdiction),
        r.effective
            .map(|d| format!(" · 施行 {d}"))
            .unwrap_or_default()
    );
    if !r.extends.is_empty() {
        let _ = writeln!(out, "extends: {}", r.extends.join(" → "));
    }
    h(
        &mut out,
        "类型矩阵 project types (each type's example, default measures)",
    );
    let mut t = vec![
        [
            "类型 type",
            "名称 name",
            "审批 approval",
            "目标 target",
            "达标 met",
            "历时 elapsed (wd/cd)",
            "事项 items",
            "材料 materials",
            "申请 applications",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (row, _) in matrix {
        t.push(vec![
            row.project_type.clone(),
            row.name.clone(),
            row.approval_working_days.to_string(),
            row.target
                .map(|x| x.to_string())
                .unwrap_or_else(|| "—".into()),
            match row.met {
                Some(true) => "✓".into(),
                Some(false) => "✗".into(),
                None => "—".into(),
            },
            format!("{}/{}", row.elapsed_working_days, row.elapsed_calendar_days),
            row.items.to_string(),
            row.materials.to_string(),
            row.applications.to_string(),
        ]);
    }
    out.push_str(&grid(&t, md));
    h(&mut out, "阶段 stages");
    let mut t = vec![vec![
        "id".to_owned(),
        "名称 name".to_owned(),
        "牵头 lead".to_owned(),
        "after".to_owned(),
    ]];
    for s in &r.stages {
        t.push(vec![
            s.id.clone(),
            s.name.clone(),
            s.lead.clone().unwrap_or_default(),
            s.after
                .iter()
                .map(|&a| r.stages[a].id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    out.push_str(&grid(&t, md));
    h(&mut out, "事项 items");
    let mut t = vec![
        [
            "id",
            "名称 name",
            "部门 department",
            "阶段 stage",
            "承诺 limit",
            "法定 legal",
            "计时 clock",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for i in &r.items {
        t.push(vec![
            i.id.clone(),
            i.name.clone(),
            i.department.clone(),
            r.stages[i.stage].id.clone(),
            format!(
                "{}{}",
                i.limit,
                if i.unit == shenpi_core::ruleset::DurationUnit::Natural {
                    " 自然日"
                } else {
                    ""
                }
            ),
            i.legal_limit
                .map(|l| l.to_string())
                .unwrap_or_else(|| "—".into()),
            i.clock.name().to_owned(),
        ]);
    }
    out.push_str(&grid(&t, md));
    h(&mut out, "改革措施 measures");
    let mut t = vec![
        ["id", "名称 name", "kind", "默认 default", "items"]
            .map(String::from)
            .to_vec(),
    ];
    for m in &r.measures {
        t.push(vec![
            m.id.clone(),
            m.name.clone(),
            m.kind().name().to_owned(),
            if m.default { "on" } else { "off" }.to_owned(),
            m.items
                .iter()
                .map(|&i| r.items[i].id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    out.push_str(&grid(&t, md));
    h(
        &mut out,
        "措施效果 measure effects (each type's example, the measure on vs off: Δ approval / Δ elapsed working days / Δ applications; — does not apply)",
    );
    let mut t = vec![
        std::iter::once("措施 measure".to_owned())
            .chain(r.project_types.iter().map(|p| p.id.clone()))
            .collect::<Vec<_>>(),
    ];
    for m in &r.measures {
        let mut row = vec![m.id.clone()];
        for p in &r.project_types {
            let cell = effects
                .iter()
                .find(|e| e.measure == m.id && e.project_type == p.id)
                .map_or_else(
                    || "—".to_owned(),
                    |e| {
                        if e.applies {
                            format!(
                                "{:+}/{:+}/{:+}",
                                e.approval_working_days, e.elapsed_working_days, e.applications
                            )
                        } else {
                            "—".to_owned()
                        }
                    },
                );
            row.push(cell);
        }
        t.push(row);
    }
    out.push_str(&grid(&t, md));
    out
}
