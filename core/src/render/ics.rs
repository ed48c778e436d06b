//! iCalendar (RFC 5545): one all-day `VEVENT` on the decision date of every item, plus the
//! project's milestones (acceptance, end of approval time, finish).
//!
//! The output is deterministic: UIDs are derived from the ruleset id, the project name and the
//! item id (SHA-256, first 16 bytes), and `DTSTAMP` is the acceptance date at `000000Z` rather
//! than the time of rendering. Lines end in CRLF and are folded at 75 octets on UTF-8
//! character boundaries (RFC 5545 §3.1); text values escape `\`, `;`, `,` and newlines
//! (§3.3.11). Events are `TRANSP:TRANSPARENT` so they do not block time in calendar apps.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate};
use std::hash::Hasher;

use super::text;
use crate::plan::{Plan, PlannedItem};

/// Longest line in octets, excluding the CRLF.
pub const MAX_LINE_OCTETS: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no physical line exceeds
/// [`MAX_LINE_OCTETS`] octets; a fold never splits a UTF-8 character.
pub fn push_line(out: &mut String, line: &str) {
    let mut budget = MAX_LINE_OCTETS;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > budget {
            out.push_str("\r\n ");
            // The leading space of a continuation line counts towards its 75 octets.
            budget = MAX_LINE_OCTETS - 1;
            used = 0;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

fn date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// A stable, unique event id: 128 bits of FNV-1a over the ruleset id, the project name and
/// the event's key (two passes with different starting bytes). A UID needs uniqueness and
/// stability, not a cryptographic hash; FNV keeps SHA-256 out of the web page's planner.
fn uid(plan: &Plan, key: &str) -> String {
    let half = |seed: u8| {
        let mut h = fnv::FnvHasher::default();
        h.write_u8(seed);
        for part in [plan.ruleset.id.as_str(), plan.project.name.as_str(), key] {
            h.write(part.as_bytes());
            h.write_u8(0);
        }
        h.finish()
    };
    format!("{:016x}{:016x}@shenpi", half(0), half(1))
}

struct Event {
    key: String,
    date: NaiveDate,
    summary: String,
    description: String,
    categories: Vec<String>,
}

fn write_event(out: &mut String, plan: &Plan, stamp: &str, e: &Event) {
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}", uid(plan, &e.key)));
    push_line(out, &format!("DTSTAMP:{stamp}"));
    push_line(out, &format!("DTSTART;VALUE=DATE:{}", date(e.date)));
    push_line(
        out,
        &format!("DTEND;VALUE=DATE:{}", date(e.date + Duration::days(1))),
    );
    push_line(out, &format!("SUMMARY:{}", escape(&e.summary)));
    push_line(out, &format!("DESCRIPTION:{}", escape(&e.description)));
    if !e.categories.is_empty() {
        let cats: Vec<String> = e.categories.iter().map(|c| escape(c)).collect();
        push_line(out, &format!("CATEGORIES:{}", cats.join(",")));
    }
    push_line(out, "TRANSP:TRANSPARENT");
    push_line(out, "END:VEVENT");
}

fn item_event(plan: &Plan, item: &PlannedItem) -> Event {
    let mut d = String::new();
    let _ = writeln!(d, "事项 item: {} ({})", item.name, item.id);
    let _ = writeln!(d, "部门 department: {}", item.department);
    let _ = writeln!(d, "阶段 stage: {}", text::stage_name(plan, &item.stage));
    let _ = writeln!(d, "受理 accepted: {}", item.accepted);
    let _ = writeln!(d, "决定 decided: {}", item.decided);
    let _ = writeln!(
        d,
        "时限 duration: {} (working days), clock {}",
        text::days(item),
        item.clock.name()
    );
    let _ = write!(d, "总时差 total float: {}", item.total_float);
    if item.critical {
        d.push_str(" (关键路径 critical)");
    }
    let mut categories = vec![text::stage_name(plan, &item.stage).to_owned()];
    if item.critical {
        categories.push("关键路径".to_owned());
    }
    Event {
        key: format!("item\u{1f}{}", item.id),
        date: item.decided,
        summary: format!("决定：{}", item.name),
        description: d,
        categories,
    }
}

/// Renders the calendar.
pub fn render(plan: &Plan) -> String {
    let p = &plan.project;
    let s = &plan.summary;
    let stamp = format!("{}T000000Z", date(p.accepted));
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//shenpi//shenpi plan//ZH");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(&p.name)));
    let context = format!(
        "{} · {} ({})",
        p.project_type_name, plan.ruleset.name, plan.ruleset.id
    );
    let mut milestones = vec![
        Event {
            key: "milestone\u{1f}accepted".to_owned(),
            date: p.accepted,
            summary: format!("受理：{}", p.name),
            description: format!("首次申请受理 acceptance of the first application\n{context}"),
            categories: vec!["里程碑".to_owned()],
        },
        Event {
            key: "milestone\u{1f}approval-finish".to_owned(),
            date: s.approval_finish,
            summary: format!("审批时间结束：{} 个工作日", s.approval_working_days),
            description: format!(
                "审批时间 approval time: {} working days\n{context}",
                s.approval_working_days
            ),
            categories: vec!["里程碑".to_owned()],
        },
        Event {
            key: "milestone\u{1f}finish".to_owned(),
            date: s.finish,
            summary: format!("全部办结：{}", p.name),
            description: format!(
                "最后一项决定 last decision; elapsed {} working days, {} calendar days\n{context}",
                s.elapsed_working_days, s.elapsed_calendar_days
            ),
            categories: vec!["里程碑".to_owned()],
        },
    ];
    // The ruleset's key dates (开工, 竣工, …).
    milestones.extend(plan.milestones.iter().map(|m| Event {
        key: format!("milestone\u{1f}{}", m.id),
        date: m.date,
        summary: format!("{}：{}", m.name, p.name),
        description: format!("{} ({}), offset {}\n{context}", m.name, m.id, m.offset),
        categories: vec!["里程碑".to_owned()],
    }));
    for e in &milestones {
        write_event(&mut out, plan, &stamp, e);
    }
    for item in &plan.items {
        write_event(&mut out, plan, &stamp, &item_event(plan, item));
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}
