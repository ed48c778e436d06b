//! The terminal report: summary, target checks, stage spans, items and warnings, with columns
//! aligned by display width (Chinese characters take two columns) and optional ANSI colour
//! (critical items in red, targets green or red, warnings yellow).

use std::fmt::Write;

use super::text::{self, pad_left, pad_right, width};
use crate::plan::Plan;
use crate::project::Scenario;

pub(super) const BOLD: &str = "\x1b[1m";
pub(super) const RED: &str = "\x1b[31m";
pub(super) const GREEN: &str = "\x1b[32m";
pub(super) const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Align {
    Left,
    Right,
}

/// A table of text cells; widths are measured in terminal columns.
pub(super) struct Table {
    headers: Vec<&'static str>,
    align: Vec<Align>,
    rows: Vec<(Vec<String>, Option<&'static str>)>,
}

impl Table {
    pub(super) fn new(columns: &[(&'static str, Align)]) -> Self {
        Table {
            headers: columns.iter().map(|c| c.0).collect(),
            align: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    pub(super) fn row(&mut self, cells: Vec<String>, style: Option<&'static str>) {
        self.rows.push((cells, style));
    }

    pub(super) fn write(&self, out: &mut String, color: bool) {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for (cells, _) in &self.rows {
            for (w, c) in widths.iter_mut().zip(cells) {
                *w = (*w).max(width(c));
            }
        }
        let line = |cells: &[String]| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .zip(&self.align)
                .map(|((c, &w), a)| match a {
                    Align::Left => pad_right(c, w),
                    Align::Right => pad_left(c, w),
                })
                .collect();
            format!("  {}", padded.join("  ").trim_end())
        };
        let headers: Vec<String> = self.headers.iter().map(|h| (*h).to_owned()).collect();
        styled(out, &line(&headers), color.then_some(BOLD));
        let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        out.push_str(&format!("  {}\n", rule.join("  ")));
        for (cells, style) in &self.rows {
            styled(out, &line(cells), if color { *style } else { None });
        }
    }
}

/// Appends `line` and a newline, wrapped in `style` when given.
pub(super) fn styled(out: &mut String, line: &str, style: Option<&str>) {
    match style {
        Some(s) => {
            let _ = writeln!(out, "{s}{line}{RESET}");
        }
        None => {
            let _ = writeln!(out, "{line}");
        }
    }
}

pub(super) fn heading(out: &mut String, title: &str, color: bool) {
    out.push('\n');
    styled(out, title, color.then_some(BOLD));
}

/// Renders the terminal report. With `color`, ANSI escape codes highlight critical items,
/// target checks and warnings; without, the output is plain text.
pub fn render(plan: &Plan, color: bool) -> String {
    let mut out = String::new();
    let p = &plan.project;
    let s = &plan.summary;
    styled(&mut out, &p.name, color.then_some(BOLD));
    let scenario = match p.scenario {
        Scenario::Promised => "promised limits (承诺时限)",
        Scenario::Legal => "statutory limits (法定时限)",
    };
    let mut facts: Vec<(&str, String)> = vec![
        (
            "ruleset",
            format!(
                "{} ({}) · {}",
                plan.ruleset.name, plan.ruleset.id, plan.ruleset.jurisdiction
            ),
        ),
        (
            "type",
            format!("{} ({})", p.project_type_name, p.project_type),
        ),
        ("scenario", scenario.to_owned()),
    ];
    if !p.attributes.is_empty() {
        let attrs: Vec<String> = p
            .attributes
            .iter()
            .map(|a| format!("{} {}{}", a.label, a.display, text::assumed_mark(a)))
            .collect();
        facts.push(("attributes", attrs.join(" · ")));
        let assumed = text::assumptions(p);
        if !assumed.is_empty() {
            facts.push(("assumed", assumed.join(" · ")));
        }
    }
    let start = if p.start == p.accepted {
        format!("{} (acceptance day)", p.start)
    } else {
        format!("{}, accepted {} (next workday)", p.start, p.accepted)
    };
    facts.push(("start", start));
    let total = plan.targets.iter().find(|t| t.scope == "total");
    let approval = match total {
        Some(t) => format!(
            "{} working days, target {}: {}",
            s.approval_working_days,
            t.target,
            text::margin(t.met, t.margin)
        ),
        None => format!("{} working days (no target)", s.approval_working_days),
    };
    facts.push(("approval time", approval));
    facts.push(("approval done", s.approval_finish.to_string()));
    facts.push((
        "elapsed",
        format!(
            "{} working days, {} calendar days",
            s.elapsed_working_days, s.elapsed_calendar_days
        ),
    ));
    if let (Some(start), Some(done)) = (s.construction_start, s.completion) {
        let days = p.construction_days.map_or_else(String::new, |d| {
            format!(" after {d} calendar days of works")
        });
        facts.push(("开工", format!("{start} construction start")));
        facts.push(("竣工", format!("{done} completion{days}")));
    }
    facts.push(("finish", s.finish.to_string()));
    facts.push((
        "items",
        format!(
            "{} ({} critical) · {} materials · {} applications",
            s.items,
            s.critical_items,
            s.materials_text(),
            s.applications
        ),
    ));
    let label_w = facts.iter().map(|(l, _)| width(l)).max().unwrap_or(0);
    for (label, value) in &facts {
        let line = format!("  {}  {value}", pad_right(label, label_w));
        let style = match (*label, total) {
            ("approval time", Some(t)) => Some(if t.met { GREEN } else { RED }),
            _ => None,
        };
        styled(&mut out, &line, if color { style } else { None });
    }

    if !plan.targets.is_empty() {
        heading(&mut out, "Targets (approval working days)", color);
        let mut t = Table::new(&[
            ("scope", Align::Left),
            ("target", Align::Right),
            ("actual", Align::Right),
            ("check", Align::Left),
        ]);
        for c in &plan.targets {
            t.row(
                vec![
                    c.name.to_string(),
                    c.target.to_string(),
                    c.actual.to_string(),
                    text::margin(c.met, c.margin),
                ],
                Some(if c.met { GREEN } else { RED }),
            );
        }
        t.write(&mut out, color);
    }

    heading(&mut out, "Stages", color);
    let mut t = Table::new(&[
        ("stage", Align::Left),
        ("lead", Align::Left),
        ("items", Align::Right),
        ("approval", Align::Right),
        ("elapsed", Align::Right),
        ("start", Align::Left),
        ("finish", Align::Left),
    ]);
    for st in &plan.stages {
        let date =
            |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
        t.row(
            vec![
                st.name.to_string(),
                st.lead.clone().unwrap_or_default().to_string(),
                st.items.to_string(),
                st.approval_working_days.to_string(),
                st.elapsed_working_days.to_string(),
                date(st.start),
                date(st.finish),
            ],
            None,
        );
    }
    t.write(&mut out, color);

    if !plan.milestones.is_empty() {
        heading(&mut out, "Key dates", color);
        let mut t = Table::new(&[
            ("milestone", Align::Left),
            ("date", Align::Left),
            ("offset", Align::Right),
            ("item", Align::Left),
        ]);
        for m in &plan.milestones {
            t.row(
                vec![
                    m.name.to_string(),
                    m.date.to_string(),
                    m.offset.to_string(),
                    m.item.to_string(),
                ],
                None,
            );
        }
        t.write(&mut out, color);
    }

    heading(&mut out, "Items (* critical; days are working days)", color);
    let mut t = Table::new(&[
        ("", Align::Left),
        ("id", Align::Left),
        ("name", Align::Left),
        ("department", Align::Left),
        ("stage", Align::Left),
        ("clock", Align::Left),
        ("days", Align::Right),
        ("accepted", Align::Left),
        ("decided", Align::Left),
        ("float", Align::Right),
    ]);
    for item in &plan.items {
        t.row(
            vec![
                if item.critical { "*" } else { "" }.to_owned(),
                item.id.to_string(),
                item.name.clone().to_string(),
                item.department.clone().to_string(),
                item.stage.clone().to_string(),
                item.clock.name().to_owned(),
                text::days(item),
                item.accepted.to_string(),
                item.decided.to_string(),
                item.total_float.to_string(),
            ],
            item.critical.then_some(RED),
        );
    }
    t.write(&mut out, color);

    if !plan.critical_path.is_empty() {
        heading(&mut out, "Critical path", color);
        let _ = writeln!(out, "  {}", plan.critical_path.join(" → "));
    }

    if !plan.warnings.is_empty() {
        heading(&mut out, "Warnings", color);
        for w in &plan.warnings {
            styled(&mut out, &format!("  ! {w}"), color.then_some(YELLOW));
        }
    }
    out
}
