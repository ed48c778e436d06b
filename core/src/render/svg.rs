//! A self-contained SVG Gantt chart: stage bands, one bar per item from its acceptance day
//! through its decision day on a day axis, critical items in red, items off the approval clock
//! pale, zero-duration items as diamonds, weekends and holidays shaded, make-up workdays (调休)
//! marked, month and week labels, the whole-process target as a dashed line, and a legend.
//!
//! No scripts, no external fonts or stylesheets: one `<style>` element with a CJK font list.
//! All text is XML-escaped. Coordinates are whole pixels and everything is derived from the
//! plan and the calendar, so the same plan gives byte-identical output.
//!
//! Day shading reads [`Calendar::day`]: weekends grey, holidays (法定节假日 and the days joined
//! to them) pink, make-up workdays (调休上班) green; consecutive days of the same kind and name
//! are one rectangle whose tooltip names the holiday.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::text;
use crate::calendar::{Calendar, DayKind};
use crate::plan::{Plan, PlannedItem};
use crate::ruleset::Clock;

const MARGIN: i64 = 16;
const HEADER_H: i64 = 52;
const AXIS_H: i64 = 34;
const ROW_H: i64 = 22;
const BAR_H: i64 = 12;
const LEGEND_H: i64 = 44;
/// Pixels per terminal column of text at 12px (a Chinese character is two columns).
const PX_PER_COLUMN: f64 = 6.2;
const LABEL_MIN: i64 = 140;
const LABEL_MAX: i64 = 340;
/// Width the day axis aims for; a day is 3–24 pixels wide.
const CHART_W: i64 = 1000;

/// The fonts the charts ask for: the CJK faces of the usual systems, then any sans-serif (a
/// macro, so that `STYLE` can be one literal).
macro_rules! font_family {
    () => {
        r#""Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif"#
    };
}
#[cfg(feature = "simulate")]
pub(super) const FONT_FAMILY: &str = font_family!();

const STYLE: &str = concat!(
    "text{font-family:",
    font_family!(),
    r#";font-size:12px;fill:#222}
.t{font-size:16px;font-weight:bold}.s{fill:#555}.st{font-weight:bold}.ax{font-size:11px;fill:#555}.d{font-size:10px;fill:#777}
.c{fill:#d9534f}.n{fill:#4a7ebb}.x{fill-opacity:.4}.sp{fill:#9aa5b4}.b0{fill:#f5f7fa}.b1{fill:#fff}
.we{fill:#e6e9ee}.ho{fill:#f9d5d5}.mk{fill:#dcefd9}.g{stroke:#c9ced6;stroke-width:1}.tg{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:5 3}.tl{fill:#c0392b;font-size:11px}.ms{stroke:#1f6f43;stroke-width:1.5;stroke-dasharray:2 2}.ml{fill:#1f6f43;font-size:11px}"#
);

/// Escapes text for XML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// `s` cut to at most `max` terminal columns, with `…` when cut.
fn truncate(s: &str, max: usize) -> String {
    if text::width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = text::width(c.encode_utf8(&mut [0; 4]));
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

pub use super::gantt::target_date;

struct Axis {
    first: NaiveDate,
    days: i64,
    day_w: i64,
    x0: i64,
}

impl Axis {
    /// Left edge of day `d`.
    fn x(&self, d: NaiveDate) -> i64 {
        self.x0 + (d - self.first).num_days() * self.day_w
    }
    fn right(&self) -> i64 {
        self.x0 + self.days * self.day_w
    }
}

/// Renders the chart. `calendar` should be the one the plan was made on.
pub fn render(plan: &Plan, calendar: &Calendar) -> String {
    let target = target_date(plan, calendar);
    // Rows, bar spans and key-date anchors are the shared layout's (the web page draws the
    // same); the geometry below is this file's.
    let layout = super::gantt::layout(plan, calendar);
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for row in &layout.rows {
        match row {
            super::gantt::Row::Stage { id, .. } => groups.push((id, Vec::new())),
            super::gantt::Row::Item { index, .. } => {
                if let Some((_, items)) = groups.last_mut() {
                    items.push(*index);
                }
            }
        }
    }

    // Day range: whole weeks, Monday of the acceptance week to the Sunday after the last date.
    let last = layout.last;
    let start = layout.first;
    let first = start - Duration::days(i64::from(start.weekday().num_days_from_monday()));
    let last = last + Duration::days(i64::from(6 - last.weekday().num_days_from_monday()));
    let days = (last - first).num_days() + 1;
    let day_w = (CHART_W / days).clamp(3, 24);

    let widest = plan
        .items
        .iter()
        .map(|i| text::width(&i.name))
        .chain(plan.stages.iter().map(|s| text::width(&s.name)))
        .max()
        .unwrap_or(0);
    // Item names are indented by 14px and followed by a gap of 16px.
    let max_cols = ((LABEL_MAX - 30) as f64 / PX_PER_COLUMN) as usize;
    let label_cols = widest.min(max_cols);
    let label_w = ((label_cols as f64 * PX_PER_COLUMN).ceil() as i64 + 30).max(LABEL_MIN);
    let axis = Axis {
        first,
        days,
        day_w,
        x0: MARGIN + label_w,
    };

    let rows: i64 = groups.iter().map(|(_, v)| 1 + v.len() as i64).sum();
    let axis_top = MARGIN + HEADER_H;
    let body_top = axis_top + AXIS_H;
    let body_bottom = body_top + rows * ROW_H;
    let width = axis.right() + MARGIN + 40;
    let height = body_bottom + LEGEND_H + MARGIN + 13 * plan.milestones.len() as i64;

    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{}">"#,
        escape(&format!("{} 审批计划甘特图", plan.project.name))
    );
    let _ = writeln!(o, "<title>{}</title>", escape(&plan.project.name));
    let _ = writeln!(o, "<style>{STYLE}</style>");
    let _ = writeln!(
        o,
        r#"<rect x="0" y="0" width="{width}" height="{height}" class="b1"/>"#
    );

    // Header.
    let s = &plan.summary;
    let _ = writeln!(
        o,
        r#"<text x="{MARGIN}" y="{}" class="t">{}</text>"#,
        MARGIN + 16,
        escape(&plan.project.name)
    );
    let approval = match plan.targets.iter().find(|t| t.scope == "total") {
        Some(t) if t.met => format!(
            "审批时间 {} 个工作日（目标 {}，余 {} 天）",
            s.approval_working_days, t.target, t.margin
        ),
        Some(t) => format!(
            "审批时间 {} 个工作日（目标 {}，超出 {} 天）",
            s.approval_working_days, t.target, -t.margin
        ),
        None => format!("审批时间 {} 个工作日", s.approval_working_days),
    };
    let subtitle = format!(
        "{} · {} · 受理 {} · {} · 全程 {} 个工作日 / {} 个自然日 · 办结 {}",
        plan.ruleset.name,
        plan.project.project_type_name,
        plan.project.accepted,
        approval,
        s.elapsed_working_days,
        s.elapsed_calendar_days,
        s.finish
    );
    let _ = writeln!(
        o,
        r#"<text x="{MARGIN}" y="{}" class="s">{}</text>"#,
        MARGIN + 38,
        escape(&subtitle)
    );

    // Stage bands (background of label column and chart).
    let mut y = body_top;
    for (n, (_, items)) in groups.iter().enumerate() {
        let h = (1 + items.len() as i64) * ROW_H;
        let _ = writeln!(
            o,
            r#"<rect x="{MARGIN}" y="{y}" width="{}" height="{h}" class="b{}"/>"#,
            axis.right() - MARGIN,
            n % 2
        );
        y += h;
    }

    // Days off and make-up workdays, merged into runs of the same kind and name.
    let runs = calendar.runs(first, last);
    let has_makeup = runs.iter().any(|r| r.kind == DayKind::MakeupWorkday);
    let has_holiday = runs.iter().any(|r| r.kind == DayKind::Holiday);
    for run in &runs {
        let (d, end) = (run.from, run.to);
        let class = match run.kind {
            DayKind::Workday => continue,
            DayKind::Weekend => "we",
            DayKind::Holiday => "ho",
            DayKind::MakeupWorkday => "mk",
        };
        let rect = format!(
            r#"<rect x="{}" y="{axis_top}" width="{}" height="{}" class="{class}""#,
            axis.x(d),
            ((end - d).num_days() + 1) * day_w,
            body_bottom - axis_top
        );
        match &run.name {
            Some(name) => {
                let span = if end == d {
                    d.to_string()
                } else {
                    format!("{d} – {end}")
                };
                let _ = writeln!(
                    o,
                    "{rect}><title>{}</title></rect>",
                    escape(&format!("{name} {span}"))
                );
            }
            None => {
                let _ = writeln!(o, "{rect}/>");
            }
        }
    }

    // Axis: month labels and boundaries, week labels on Mondays.
    let month_y = axis_top + 13;
    let week_y = axis_top + 28;
    let mut d = first;
    while d <= last {
        if d == first || d.day() == 1 {
            let x = axis.x(d);
            if d.day() == 1 {
                let _ = writeln!(
                    o,
                    r#"<line x1="{x}" y1="{axis_top}" x2="{x}" y2="{body_bottom}" class="g"/>"#
                );
            }
            // Skip the label of a partial first month when the next month starts right after.
            let next_month = NaiveDate::from_ymd_opt(
                if d.month() == 12 {
                    d.year() + 1
                } else {
                    d.year()
                },
                d.month() % 12 + 1,
                1,
            )
            .expect("first of a month");
            if d.day() == 1 || (next_month - d).num_days() * day_w >= 60 {
                let _ = writeln!(
                    o,
                    r#"<text x="{}" y="{month_y}" class="ax">{}年{}月</text>"#,
                    x + 2,
                    d.year(),
                    d.month()
                );
            }
        }
        if d.weekday() == Weekday::Mon && 7 * day_w >= 18 {
            let _ = writeln!(
                o,
                r#"<text x="{}" y="{week_y}" class="ax">{}</text>"#,
                axis.x(d) + 1,
                d.day()
            );
        }
        d += Duration::days(1);
    }
    let _ = writeln!(
        o,
        r#"<line x1="{}" y1="{body_top}" x2="{}" y2="{body_top}" class="g"/>"#,
        MARGIN,
        axis.right()
    );

    // Stages and items.
    let mut y = body_top;
    for (stage, items) in &groups {
        let name = text::stage_name(plan, stage);
        let _ = writeln!(
            o,
            r#"<text x="{}" y="{}" class="st">{}</text>"#,
            MARGIN + 4,
            y + 15,
            escape(&truncate(name, label_cols + 2))
        );
        if let Some(span) = plan.stages.iter().find(|s| s.id == *stage)
            && let (Some(a), Some(b)) = (span.start, span.finish)
        {
            let _ = writeln!(
                o,
                r#"<rect x="{}" y="{}" width="{}" height="6" class="sp"><title>{}</title></rect>"#,
                axis.x(a),
                y + 8,
                ((b - a).num_days() + 1) * day_w,
                escape(&format!(
                    "{name}：{a} → {b}，审批 {} 个工作日，全程 {} 个工作日",
                    span.approval_working_days, span.elapsed_working_days
                ))
            );
        }
        y += ROW_H;
        for &i in items {
            item_row(&mut o, plan, &plan.items[i], &axis, y, label_cols);
            y += ROW_H;
        }
    }

    // Target line at the end of the target day.
    if let Some((days, date)) = target {
        let x = axis.x(date) + day_w;
        let _ = writeln!(
            o,
            r#"<line x1="{x}" y1="{axis_top}" x2="{x}" y2="{body_bottom}" class="tg"/>"#
        );
        let _ = writeln!(
            o,
            r#"<text x="{}" y="{}" class="tl">目标 {days} 个工作日 · {date}</text>"#,
            x + 3,
            body_bottom + 13
        );
    }

    // Key dates (开工, 竣工, …): a start is drawn at the beginning of its day, a finish at
    // the end, like the bars.
    for (k, m) in layout.key_dates.iter().enumerate() {
        let x = axis.x(m.date)
            + match m.at {
                super::gantt::Anchor::Start => 0,
                super::gantt::Anchor::Finish => day_w,
            };
        let _ = writeln!(
            o,
            r#"<line x1="{x}" y1="{axis_top}" x2="{x}" y2="{body_bottom}" class="ms"><title>{}</title></line>"#,
            escape(&format!("{} {}", m.name, m.date))
        );
        let _ = writeln!(
            o,
            r#"<text x="{}" y="{}" class="ml">{} {:02}-{:02}</text>"#,
            x + 3,
            body_bottom + 26 + 13 * k as i64,
            escape(m.name),
            m.date.month(),
            m.date.day()
        );
    }
    let legend_y = body_bottom + 22 + 13 * plan.milestones.len() as i64;
    legend(&mut o, legend_y, has_holiday, has_makeup);
    o.push_str("</svg>\n");
    o
}

fn item_row(o: &mut String, plan: &Plan, item: &PlannedItem, axis: &Axis, y: i64, cols: usize) {
    let class = if item.critical { "c" } else { "n" };
    let pale = if item.clock == Clock::Approval {
        ""
    } else {
        " x"
    };
    let tip = format!(
        "{}（{}）\n{} · {}\n受理 {} → 决定 {}\n{} 个工作日{} · 计时 {} · 总时差 {}{}",
        item.name,
        item.id,
        item.department,
        text::stage_name(plan, &item.stage),
        item.accepted,
        item.decided,
        item.working_days,
        match item.unit {
            crate::ruleset::DurationUnit::Natural => format!("（{} 个自然日）", item.duration),
            crate::ruleset::DurationUnit::Working => String::new(),
        },
        item.clock.name(),
        item.total_float,
        if item.critical {
            " · 关键路径"
        } else {
            ""
        }
    );
    let _ = writeln!(
        o,
        r#"<text x="{}" y="{}">{}</text>"#,
        MARGIN + 14,
        y + 15,
        escape(&truncate(&item.name, cols))
    );
    let x = axis.x(item.accepted);
    let bar_y = y + (ROW_H - BAR_H) / 2;
    let end_x = if item.decided == item.accepted {
        let cx = x + axis.day_w / 2;
        let r = BAR_H / 2 + 1;
        let cy = bar_y + BAR_H / 2;
        let _ = writeln!(
            o,
            r#"<polygon points="{cx},{} {},{cy} {cx},{} {},{cy}" class="{class}{pale}"><title>{}</title></polygon>"#,
            cy - r,
            cx + r,
            cy + r,
            cx - r,
            escape(&tip)
        );
        cx + r
    } else {
        let w = ((item.decided - item.accepted).num_days() + 1) * axis.day_w;
        let _ = writeln!(
            o,
            r#"<rect x="{x}" y="{bar_y}" width="{w}" height="{BAR_H}" rx="2" class="{class}{pale}"><title>{}</title></rect>"#,
            escape(&tip)
        );
        x + w
    };
    let _ = writeln!(
        o,
        r#"<text x="{}" y="{}" class="d">{}</text>"#,
        end_x + 3,
        y + 15,
        format_args!("{:02}-{:02}", item.decided.month(), item.decided.day())
    );
}

fn legend(o: &mut String, y: i64, holiday: bool, makeup: bool) {
    let mut x = MARGIN;
    let mut entries: Vec<(&str, &str)> = vec![
        ("c", "关键事项"),
        ("n", "非关键事项"),
        ("n x", "不计入审批时间"),
        ("diamond", "即办 / 里程碑"),
        ("sp", "阶段跨度"),
        ("we", "周末"),
    ];
    if holiday {
        entries.push(("ho", "法定节假日"));
    }
    if makeup {
        entries.push(("mk", "调休上班日"));
    }
    entries.push(("target", "时限目标"));
    for (class, label) in entries {
        match class {
            "diamond" => {
                let _ = writeln!(
                    o,
                    r#"<polygon points="{},{} {},{} {},{} {},{}" class="n"/>"#,
                    x + 6,
                    y,
                    x + 12,
                    y + 6,
                    x + 6,
                    y + 12,
                    x,
                    y + 6
                );
            }
            "target" => {
                let _ = writeln!(
                    o,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="tg"/>"#,
                    x + 6,
                    y - 2,
                    x + 6,
                    y + 14
                );
            }
            _ => {
                let _ = writeln!(
                    o,
                    r#"<rect x="{x}" y="{y}" width="14" height="12" class="{class}"/>"#
                );
            }
        }
        let _ = writeln!(o, r#"<text x="{}" y="{}">{label}</text>"#, x + 18, y + 11);
        x += 18 + (text::width(label) as f64 * PX_PER_COLUMN) as i64 + 18;
    }
}
