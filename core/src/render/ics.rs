//! iCalendar (RFC 5545): every item as an all-day span from its acceptance to its decision
//! (what a calendar app draws as the item's bar), plus the project's milestones (acceptance,
//! end of approval time, finish, the ruleset's key dates) as single days. Text is Chinese, in
//! the words of the plan (department, stage, limit, float), without field ids.
//!
//! The output is deterministic: UIDs are derived from the ruleset id, the project name and the
//! item id (FNV-1a, 128 bits), and `DTSTAMP` is the acceptance date at `000000Z` rather
//! than the time of rendering. Lines end in CRLF and are folded at 75 octets on UTF-8
//! character boundaries (RFC 5545 §3.1); text values escape `\`, `;`, `,` and newlines
//! (§3.3.11). Events are `TRANSP:TRANSPARENT` so they do not block time in calendar apps.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDate};
use std::hash::Hasher;

use super::text;
use crate::plan::{Plan, PlannedItem};
use crate::ruleset::{Clock, DurationUnit};

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
    /// The last day of the span (inclusive); `date` for a single day.
    last: NaiveDate,
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
        // DTEND of an all-day event is exclusive: the day after the last.
        &format!("DTEND;VALUE=DATE:{}", date(e.last + Duration::days(1))),
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

/// The clock an item's time counts on, as a plan's reader says it.
fn clock_words(clock: Clock) -> &'static str {
    match clock {
        Clock::Approval => "计入审批时间",
        Clock::Technical => "技术审查，不计入审批时间",
        Clock::Intermediary => "中介服务，不计入审批时间",
        Clock::Applicant => "申请人办理，不计入审批时间",
    }
}

fn item_event(plan: &Plan, item: &PlannedItem) -> Event {
    let mut d = String::new();
    let _ = writeln!(d, "{}（{}）", item.name, item.id);
    let _ = writeln!(d, "部门：{}", item.department);
    let _ = writeln!(d, "阶段：{}", text::stage_name(plan, &item.stage));
    let _ = writeln!(d, "受理：{}；办结：{}", item.accepted, item.decided);
    let limit = match item.unit {
        DurationUnit::Working => format!("{} 个工作日", item.duration),
        DurationUnit::Natural => format!("{} 个自然日", item.duration),
    };
    let _ = writeln!(d, "时限：{limit}（{}）", clock_words(item.clock));
    let _ = write!(d, "总时差：{} 个工作日", item.total_float);
    if item.critical {
        d.push_str("（关键路径）");
    }
    let mut categories = vec![text::stage_name(plan, &item.stage).to_owned()];
    if item.critical {
        categories.push("关键路径".to_owned());
    }
    Event {
        key: format!("item\u{1f}{}", item.id),
        date: item.accepted,
        last: item.decided,
        summary: item.name.to_string(),
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
            last: p.accepted,
            summary: format!("受理：{}", p.name),
            description: format!("首次申请受理\n{context}"),
            categories: vec!["里程碑".to_owned()],
        },
        Event {
            key: "milestone\u{1f}approval-finish".to_owned(),
            date: s.approval_finish,
            last: s.approval_finish,
            summary: format!("审批时间结束：{} 个工作日", s.approval_working_days),
            description: format!(
                "审批用时 {} 个工作日（只计审批事项）\n{context}",
                s.approval_working_days
            ),
            categories: vec!["里程碑".to_owned()],
        },
        Event {
            key: "milestone\u{1f}finish".to_owned(),
            date: s.finish,
            last: s.finish,
            summary: format!("全部办结：{}", p.name),
            description: format!(
                "最后一项办结；全程 {} 个工作日、{} 个自然日\n{context}",
                s.elapsed_working_days, s.elapsed_calendar_days
            ),
            categories: vec!["里程碑".to_owned()],
        },
    ];
    // The ruleset's key dates (开工, 竣工, …).
    milestones.extend(plan.milestones.iter().map(|m| Event {
        key: format!("milestone\u{1f}{}", m.id),
        date: m.date,
        last: m.date,
        summary: format!("{}：{}", m.name, p.name),
        description: format!("{}，自受理日起第 {} 个工作日\n{context}", m.name, m.offset),
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
