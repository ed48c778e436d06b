//! A Markdown report (CommonMark with GitHub tables): summary, target checks, stages, items,
//! the critical path, excluded items with their reasons, and which measures were on.
//!
//! Text from the ruleset and project is escaped so that names such as `<B区>` or `a|b` show
//! literally instead of becoming HTML or breaking a table.

use std::fmt::Write;

use super::text;
use crate::plan::Plan;
use crate::project::Scenario;

/// Escapes Markdown and inline-HTML syntax; newlines become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

pub(super) fn table(out: &mut String, headers: &[&str], right: &[bool], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let rule: Vec<&str> = right
        .iter()
        .map(|&r| if r { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// Renders the Markdown report.
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    let p = &plan.project;
    let s = &plan.summary;
    let _ = writeln!(out, "# {}\n", escape(&p.name));
    let scenario = match p.scenario {
        Scenario::Promised => "promised limits (承诺时限)",
        Scenario::Legal => "statutory limits (法定时限)",
    };
    let _ = writeln!(
        out,
        "{} (`{}`), {} · type {} (`{}`) · {scenario}\n",
        escape(&plan.ruleset.name),
        plan.ruleset.id,
        escape(&plan.ruleset.jurisdiction),
        escape(&p.project_type_name),
        p.project_type,
    );
    if !p.attributes.is_empty() {
        let attrs: Vec<String> = p
            .attributes
            .iter()
            .map(|a| {
                let mark = text::assumed_mark(a);
                format!("{}: {}{mark}", escape(&a.label), escape(&a.display))
            })
            .collect();
        let _ = writeln!(out, "Attributes: {}\n", attrs.join(" · "));
        let assumed = text::assumptions(p);
        if !assumed.is_empty() {
            let _ = writeln!(out, "Assumed: {}\n", escape(&assumed.join(" · ")));
        }
    }

    out.push_str("## Summary\n\n");
    let total = plan.targets.iter().find(|t| t.scope == "total");
    let approval = match total {
        Some(t) => format!(
            "**{}** working days (target {}: {})",
            s.approval_working_days,
            t.target,
            text::margin(t.met, t.margin)
        ),
        None => format!("**{}** working days", s.approval_working_days),
    };
    let start = if p.start == p.accepted {
        p.start.to_string()
    } else {
        format!("{} (accepted {})", p.start, p.accepted)
    };
    let mut rows = vec![
        vec!["Start".to_owned(), start],
        vec!["Approval time (审批时间)".to_owned(), approval],
        vec!["Approval done".to_owned(), s.approval_finish.to_string()],
        vec![
            "Elapsed".to_owned(),
            format!(
                "{} working days, {} calendar days",
                s.elapsed_working_days, s.elapsed_calendar_days
            ),
        ],
        vec!["Finish".to_owned(), format!("**{}**", s.finish)],
        vec![
            "Items".to_owned(),
            format!("{} ({} critical)", s.items, s.critical_items),
        ],
        vec!["Materials".to_owned(), s.materials_text()],
        vec!["Applications".to_owned(), s.applications.to_string()],
    ];
    if let (Some(start), Some(done)) = (s.construction_start, s.completion) {
        let days = p
            .construction_days
            .map_or_else(String::new, |d| format!(" ({d} calendar days)"));
        rows.insert(
            4,
            vec![
                "Construction start (开工)".to_owned(),
                format!("**{start}**"),
            ],
        );
        rows.insert(
            5,
            vec!["Completion (竣工)".to_owned(), format!("{done}{days}")],
        );
    }
    table(&mut out, &["", ""], &[false, false], &rows);

    if !plan.milestones.is_empty() {
        out.push_str(
            "## Key dates

",
        );
        let rows: Vec<Vec<String>> = (plan.milestones.iter())
            .map(|m| {
                vec![
                    escape(&m.name),
                    m.date.to_string(),
                    m.offset.to_string(),
                    format!("`{}`", m.item),
                ]
            })
            .collect();
        table(
            &mut out,
            &["Milestone", "Date", "Offset", "Item"],
            &[false, false, true, false],
            &rows,
        );
    }

    if !plan.targets.is_empty() {
        out.push_str("## Targets\n\n");
        let rows: Vec<Vec<String>> = plan
            .targets
            .iter()
            .map(|t| {
                vec![
                    escape(&t.name),
                    t.target.to_string(),
                    t.actual.to_string(),
                    if t.met { "✅ " } else { "❌ " }.to_owned() + &text::margin(t.met, t.margin),
                ]
            })
            .collect();
        table(
            &mut out,
            &["Scope", "Target", "Actual", "Check"],
            &[false, true, true, false],
            &rows,
        );
    }

    out.push_str("## Stages\n\n");
    let rows: Vec<Vec<String>> = plan
        .stages
        .iter()
        .map(|st| {
            let date =
                |d: Option<chrono::NaiveDate>| d.map_or_else(|| "–".to_owned(), |d| d.to_string());
            vec![
                escape(&st.name),
                escape(st.lead.as_deref().unwrap_or("")),
                st.items.to_string(),
                st.approval_working_days.to_string(),
                st.elapsed_working_days.to_string(),
                date(st.start),
                date(st.finish),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "Stage",
            "Lead",
            "Items",
            "Approval days",
            "Elapsed days",
            "Start",
            "Finish",
        ],
        &[false, false, true, true, true, false, false],
        &rows,
    );

    out.push_str(
        "## Items\n\nDays are working days; **bold** items are critical (total float 0).\n\n",
    );
    let rows: Vec<Vec<String>> = plan
        .items
        .iter()
        .map(|i| {
            let name = if i.critical {
                format!("**{}**", escape(&i.name))
            } else {
                escape(&i.name)
            };
            vec![
                format!("`{}`", i.id),
                name,
                escape(&i.department),
                escape(text::stage_name(plan, &i.stage)),
                i.clock.name().to_owned(),
                text::days(i),
                i.accepted.to_string(),
                i.decided.to_string(),
                i.total_float.to_string(),
                i.free_float.to_string(),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            "Id",
            "Item",
            "Department",
            "Stage",
            "Clock",
            "Days",
            "Accepted",
            "Decided",
            "Total float",
            "Free float",
        ],
        &[
            false, false, false, false, false, true, false, false, true, true,
        ],
        &rows,
    );

    if !plan.critical_path.is_empty() {
        out.push_str("## Critical path\n\n");
        for (n, id) in plan.critical_path.iter().enumerate() {
            match plan.item(id) {
                Some(i) => {
                    let _ = writeln!(
                        out,
                        "{}. {} (`{}`): {} → {}",
                        n + 1,
                        escape(&i.name),
                        i.id,
                        i.accepted,
                        i.decided
                    );
                }
                None => {
                    let _ = writeln!(out, "{}. `{id}`", n + 1);
                }
            }
        }
        if plan.critical_paths.len() > 1 {
            let _ = writeln!(
                out,
                "\n{} critical paths in all; the one above breaks ties by declaration order.",
                plan.critical_paths.len()
            );
        }
        out.push('\n');
    }

    if !plan.excluded.is_empty() {
        out.push_str("## Excluded items\n\n");
        let rows: Vec<Vec<String>> = plan
            .excluded
            .iter()
            .map(|e| vec![format!("`{}`", e.id), escape(&e.name), escape(&e.reason)])
            .collect();
        table(&mut out, &["Id", "Item", "Reason"], &[false; 3], &rows);
    }

    if !plan.measures.is_empty() {
        out.push_str("## Measures\n\n");
        let rows: Vec<Vec<String>> = plan
            .measures
            .iter()
            .map(|m| {
                let state = match (m.on, m.applied) {
                    (true, true) => "on, applied",
                    (true, false) => "on, not applicable",
                    (false, _) => "off",
                };
                vec![
                    format!("`{}`", m.id),
                    escape(&m.name),
                    m.kind.name().to_owned(),
                    state.to_owned(),
                    escape(m.note.as_deref().unwrap_or("")),
                ]
            })
            .collect();
        table(
            &mut out,
            &["Id", "Measure", "Kind", "State", "Note"],
            &[false; 5],
            &rows,
        );
    }

    if !plan.warnings.is_empty() {
        out.push_str("## Warnings\n\n");
        for w in &plan.warnings {
            let _ = writeln!(out, "- {}", escape(w));
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
