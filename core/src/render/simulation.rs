//! Simulation reports (`shenpi simulate`): the key dates' percentiles against the plan, the
//! chance of meeting the target and a date, the histogram, how often each item is critical
//! and what taking one item's uncertainty away buys. Formats: terminal table, JSON (documented
//! in docs/simulate.md), CSV (one row per item), Markdown, and an SVG S-curve with the
//! histogram under it.

use std::fmt::Write;

use super::md::{self, escape};
use super::table::{Align, BOLD, Table, heading, styled};
use crate::simulate::Simulation;

fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

fn days(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.1}")
    } else {
        format!("{x:.1}")
    }
}

fn header_lines(s: &Simulation) -> Vec<(&'static str, String)> {
    let mut lines = vec![
        (
            "runs",
            format!(
                "{} iterations, seed {}{}",
                s.iterations,
                s.seed,
                if s.stopped_early {
                    format!(" (stopped early of {}: P80 stable)", s.requested)
                } else {
                    String::new()
                }
            ),
        ),
        ("ruleset", s.ruleset.to_string()),
        (
            "basis",
            s.basis.clone().unwrap_or_else(|| {
                "the ruleset gives no [uncertainty]: every item takes its plan".to_owned()
            }),
        ),
    ];
    if s.preparation != 1.0 {
        lines.push((
            "preparation",
            format!("correction chances × {}", s.preparation),
        ));
    }
    lines
}

/// The terminal report.
pub fn table(s: &Simulation, color: bool) -> String {
    let mut out = String::new();
    styled(
        &mut out,
        &format!("{} — forecast", s.project),
        color.then_some(BOLD),
    );
    for (k, v) in header_lines(s) {
        let _ = writeln!(out, "  {k:<11} {v}");
    }
    heading(
        &mut out,
        "Key dates (plan: every item at its limit, no corrections)",
        color,
    );
    let mut t = Table::new(&[
        ("", Align::Left),
        ("plan", Align::Left),
        ("P10", Align::Left),
        ("P50", Align::Left),
        ("P80", Align::Left),
        ("P90", Align::Left),
        ("by the plan", Align::Right),
    ]);
    for k in &s.keys {
        let mut row = vec![k.name.to_owned(), k.deterministic.to_string()];
        row.extend(k.percentiles.iter().map(|p| p.date.to_string()));
        row.push(pct(k.on_plan_or_earlier));
        t.row(row, None);
    }
    t.write(&mut out, color);
    if !s.targets.is_empty() || s.by.is_some() {
        heading(&mut out, "Chances", color);
        for c in &s.targets {
            let _ = writeln!(
                out,
                "  {} {} ≤ {} working days: {} (the plan {})",
                c.name,
                if c.scope.as_str() == "total" {
                    "approval time"
                } else {
                    "approval span"
                },
                c.target,
                pct(c.probability),
                if c.deterministic_met {
                    "meets it"
                } else {
                    "misses it"
                }
            );
        }
        if let Some(b) = &s.by {
            let _ = writeln!(
                out,
                "  {} by {}: {}",
                b.key.name(),
                b.date,
                pct(b.probability)
            );
        }
    }
    heading(&mut out, &format!("Histogram of {}", s.key.name()), color);
    let most = tallest_bin(s);
    for b in &s.histogram {
        let bar = "█".repeat(((f64::from(b.count) / f64::from(most)) * 40.0).round() as usize);
        let _ = writeln!(out, "  {} – {}  {:>6}  {bar}", b.from, b.to, b.count);
    }
    heading(
        &mut out,
        "Criticality (share of iterations on the chain to the last decision)",
        color,
    );
    let mut items: Vec<_> = s.criticality.iter().filter(|c| c.index > 0.0).collect();
    items.sort_by(|a, b| b.index.total_cmp(&a.index));
    let mut t = Table::new(&[
        ("item", Align::Left),
        ("name", Align::Left),
        ("critical", Align::Right),
        ("in the plan", Align::Left),
    ]);
    for c in items {
        t.row(
            vec![
                c.id.to_string(),
                c.name.to_string(),
                pct(c.index),
                if c.deterministic {
                    "critical".into()
                } else {
                    String::new()
                },
            ],
            None,
        );
    }
    t.write(&mut out, color);
    if s.impact.iter().any(|i| i.p80_change.abs() >= 0.05) {
        heading(
            &mut out,
            &format!("One at a time: P80 of {} when an item has …", s.key.name()),
            color,
        );
        let mut t = Table::new(&[
            ("item", Align::Left),
            ("name", Align::Left),
            ("", Align::Left),
            ("P80 (working days)", Align::Right),
        ]);
        // Changes under a twentieth of a working day are noise: JSON and CSV keep them.
        for i in s.impact.iter().filter(|i| i.p80_change.abs() >= 0.05) {
            t.row(
                vec![
                    i.id.to_string(),
                    i.name.to_string(),
                    match i.without {
                        "corrections" => "no correction rounds".to_owned(),
                        _ => "its planned time".to_owned(),
                    },
                    days(i.p80_change),
                ],
                None,
            );
        }
        t.write(&mut out, color);
    }
    out
}

/// The documented JSON, with a trailing newline.
pub fn json(s: &Simulation) -> String {
    let mut out = serde_json::to_string_pretty(s).expect("simulations serialize");
    out.push('\n');
    out
}

/// One row per planned item: how often it is critical and what taking its uncertainty
/// away does to P80 of the key date. With `bom`, a UTF-8 byte-order mark first (Excel).
pub fn csv(s: &Simulation, bom: bool) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record([
        "id",
        "name",
        "criticality",
        "critical_in_plan",
        "p80_change_without_corrections",
        "p80_change_with_planned_time",
    ])
    .expect("writing to memory");
    for c in &s.criticality {
        let change = |without: &str| {
            (s.impact.iter())
                .find(|i| i.id == c.id && i.without == without)
                .map_or_else(String::new, |i| format!("{:.2}", i.p80_change))
        };
        w.write_record([
            &*super::csv::text_cell(&c.id),
            &*super::csv::text_cell(&c.name),
            &format!("{:.4}", c.index),
            if c.deterministic { "true" } else { "false" },
            &change("corrections"),
            &change("time"),
        ])
        .expect("writing to memory");
    }
    let body = String::from_utf8(w.into_inner().expect("flushing to memory")).expect("UTF-8");
    if bom {
        format!("{}{body}", super::csv::BOM)
    } else {
        body
    }
}

/// The Markdown report.
pub fn markdown(s: &Simulation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} — forecast\n", escape(&s.project));
    for (k, v) in header_lines(s) {
        let _ = writeln!(out, "- {k}: {}", escape(&v));
    }
    out.push_str("\n## Key dates\n\n");
    let rows: Vec<Vec<String>> = s
        .keys
        .iter()
        .map(|k| {
            let mut row = vec![k.name.to_owned(), k.deterministic.to_string()];
            row.extend(k.percentiles.iter().map(|p| p.date.to_string()));
            row.push(pct(k.on_plan_or_earlier));
            row
        })
        .collect();
    md::table(
        &mut out,
        &["", "plan", "P10", "P50", "P80", "P90", "by the plan"],
        &[false, false, false, false, false, false, true],
        &rows,
    );
    for c in &s.targets {
        let _ = writeln!(
            out,
            "- {} approval time ≤ {} working days: {}",
            escape(&c.name),
            c.target,
            pct(c.probability)
        );
    }
    if let Some(b) = &s.by {
        let _ = writeln!(
            out,
            "- {} by {}: {}",
            b.key.name(),
            b.date,
            pct(b.probability)
        );
    }
    out.push_str("\n## Items\n\n");
    let rows: Vec<Vec<String>> = s
        .criticality
        .iter()
        .map(|c| {
            let change = |w: &str| {
                (s.impact.iter())
                    .find(|i| i.id == c.id && i.without == w)
                    .map_or_else(String::new, |i| days(i.p80_change))
            };
            vec![
                format!("`{}` {}", c.id, escape(&c.name)),
                pct(c.index),
                if c.deterministic {
                    "✓".into()
                } else {
                    String::new()
                },
                change("corrections"),
                change("time"),
            ]
        })
        .collect();
    md::table(
        &mut out,
        &[
            "item",
            "critical",
            "in the plan",
            "P80 without corrections",
            "P80 at planned time",
        ],
        &[false, true, false, true, true],
        &rows,
    );
    out
}

/// The count of the histogram's tallest bin (at least 1): the scale of its bars.
fn tallest_bin(s: &Simulation) -> u32 {
    s.histogram
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(1)
        .max(1)
}

/// An S-curve of the key date (the share of iterations done by each day) with the plan's
/// date, P50, P80 and the `by` date marked, and the histogram under it.
pub fn svg(s: &Simulation) -> String {
    use super::svg::escape as x;
    const W: f64 = 760.0;
    const H: f64 = 420.0;
    const L: f64 = 60.0;
    const R: f64 = 20.0;
    const TOP: f64 = 50.0;
    const CURVE_H: f64 = 220.0;
    const HIST_TOP: f64 = 300.0;
    const HIST_H: f64 = 80.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}">"#
    );
    let _ = writeln!(
        out,
        "<style>text{{font-family:{};font-size:12px;fill:#222}}.s{{fill:#555;font-size:11px}}</style>",
        super::svg::FONT_FAMILY
    );
    let _ = writeln!(
        out,
        r##"<rect width="{W}" height="{H}" fill="#fff"/><text x="{L}" y="22" font-size="15" font-weight="bold">{} — {}</text><text class="s" x="{L}" y="38">{} iterations, seed {}</text>"##,
        x(&s.project),
        s.key.name(),
        s.iterations,
        s.seed
    );
    let Some(key) = s.keys.iter().find(|k| k.id == s.key) else {
        out.push_str("</svg>\n");
        return out;
    };
    let n = s.samples.len();
    if n == 0 {
        out.push_str("</svg>\n");
        return out;
    }
    let lo = s.samples[0].floor().min(key.deterministic_offset);
    let hi = s.samples[n - 1].ceil().max(key.deterministic_offset + 1.0);
    let span = (hi - lo).max(1.0);
    let px = |offset: f64| L + (offset - lo) / span * (W - L - R);
    let py = |share: f64| TOP + CURVE_H * (1.0 - share);
    // Axes and the 50 % / 80 % grid.
    let _ = writeln!(
        out,
        r##"<line x1="{L}" y1="{}" x2="{}" y2="{}" stroke="#888"/><line x1="{L}" y1="{TOP}" x2="{L}" y2="{}" stroke="#888"/>"##,
        py(0.0),
        W - R,
        py(0.0),
        py(0.0)
    );
    for share in [0.5, 0.8, 1.0] {
        let _ = writeln!(
            out,
            r##"<line x1="{L}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#e3e6eb"/><text class="s" x="{}" y="{:.1}" text-anchor="end">{}%</text>"##,
            W - R,
            L - 6.0,
            py(share) + 4.0,
            (share * 100.0) as u32,
            y = py(share)
        );
    }
    // The curve: a step at each sample.
    let mut d = format!("M{:.1} {:.1}", px(lo), py(0.0));
    for (k, &v) in s.samples.iter().enumerate() {
        let _ = write!(d, " H{:.1} V{:.1}", px(v), py((k + 1) as f64 / n as f64));
    }
    let _ = writeln!(
        out,
        r##"<path d="{d}" fill="none" stroke="#3b74c9" stroke-width="2"/>"##
    );
    // Marks: the plan, P50, P80, the `by` date.
    let mut mark = |offset: f64, label: String, color: &str, row: f64| {
        let xm = px(offset);
        let _ = writeln!(
            out,
            r##"<line x1="{xm:.1}" y1="{TOP}" x2="{xm:.1}" y2="{:.1}" stroke="{color}" stroke-dasharray="4 3"/><text x="{:.1}" y="{:.1}" fill="{color}" font-size="11">{}</text>"##,
            py(0.0),
            xm + 3.0,
            TOP + 12.0 + row * 14.0,
            x(&label)
        );
    };
    mark(
        key.deterministic_offset,
        format!("计划 {}", key.deterministic),
        "#1f6f43",
        0.0,
    );
    for p in &key.percentiles {
        if p.p == 50 || p.p == 80 {
            mark(
                p.offset,
                format!("P{} {}", p.p, p.date),
                "#a15c00",
                if p.p == 50 { 1.0 } else { 2.0 },
            );
        }
    }
    // The approval-time target, on the curve of the approval finish.
    if s.key == crate::simulate::Key::ApprovalFinish
        && let Some(t) = s.targets.iter().find(|t| t.scope.as_str() == "total")
    {
        mark(
            f64::from(t.target),
            format!("目标 {} 个工作日 {:.0}%", t.target, t.probability * 100.0),
            "#c8352b",
            3.0,
        );
    }
    if let Some(b) = &s.by {
        mark(
            b.offset,
            format!("{} {:.0}%", b.date, b.probability * 100.0),
            "#c8352b",
            3.0,
        );
    }
    // The histogram.
    let most = tallest_bin(s);
    for b in &s.histogram {
        let (x0, x1) = (px(b.from_offset as f64 - 1.0), px(b.to_offset as f64));
        let h = f64::from(b.count) / f64::from(most) * HIST_H;
        let _ = writeln!(
            out,
            r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="#9db7e0"><title>{} – {}: {}</title></rect>"##,
            HIST_TOP + HIST_H - h,
            (x1 - x0 - 1.0).max(1.0),
            b.from,
            b.to,
            b.count
        );
    }
    let _ = writeln!(
        out,
        r#"<text class="s" x="{L}" y="{}">{} – {}（工作日，自首个受理日起）</text>"#,
        HIST_TOP + HIST_H + 18.0,
        s.histogram
            .first()
            .map(|b| b.from.to_string())
            .unwrap_or_default(),
        s.histogram
            .last()
            .map(|b| b.to.to_string())
            .unwrap_or_default()
    );
    out.push_str("</svg>\n");
    out
}
