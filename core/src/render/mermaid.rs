//! A mermaid `gantt` chart (renders in GitHub and GitLab Markdown inside a ```` ```mermaid ````
//! block), one `section` per stage and one task per item, with exact dates.
//!
//! Date convention: mermaid reads `start, end` as instants at midnight and draws the bar up to
//! `end`, so a task written `2026-03-02, 2026-03-06` covers 2, 3, 4 and 5 March. Each item is
//! written with `start` = its acceptance date and `end` = the day after its decision date, so the
//! bar covers the acceptance day through the decision day. A zero-duration item (decided on its
//! acceptance day) is a `milestone` of `1d` starting on that day; mermaid centres the diamond in
//! that day. Critical items carry the `crit` tag.
//!
//! Task and section names cannot contain mermaid's separators: `:`, `;` and `#` are written as
//! the entity codes `#58;`, `#59;` and `#35;`, which mermaid decodes when it draws the chart;
//! `<` and `>` become `#60;` and `#62;` so that mermaid's HTML sanitizer leaves them alone.

use std::fmt::Write;

use chrono::Duration;

use super::text;
use crate::plan::Plan;

/// Escapes a task, section or title text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ':' => out.push_str("#58;"),
            ';' => out.push_str("#59;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#60;"),
            '>' => out.push_str("#62;"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// A task id mermaid accepts: letters, digits and `_`, unique within the chart.
fn task_id(id: &str, used: &mut Vec<String>) -> String {
    let mut base: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base.insert(0, 't');
    }
    let mut candidate = base.clone();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// Renders the gantt chart (without the Markdown code fence).
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    out.push_str("gantt\n");
    let _ = writeln!(out, "    title {}", escape(&plan.project.name));
    out.push_str("    dateFormat YYYY-MM-DD\n");
    out.push_str("    axisFormat %m-%d\n");
    out.push_str("    todayMarker off\n");
    out.push_str("    %% bars run from the acceptance day through the decision day (end = decision + 1 day)\n");
    let mut used = Vec::new();
    for (stage, items) in text::items_by_stage(plan) {
        let _ = writeln!(out, "    section {}", escape(text::stage_name(plan, stage)));
        for &i in &items {
            let item = &plan.items[i];
            let mut tags = Vec::new();
            if item.critical {
                tags.push("crit");
            }
            let milestone = item.decided == item.accepted;
            if milestone {
                tags.push("milestone");
            }
            let id = task_id(&item.id, &mut used);
            let end = if milestone {
                "1d".to_owned()
            } else {
                (item.decided + Duration::days(1)).to_string()
            };
            let mut data: Vec<String> = tags.into_iter().map(str::to_owned).collect();
            data.push(id);
            data.push(item.accepted.to_string());
            data.push(end);
            let mut name = escape(&item.name);
            if name.is_empty() {
                name = item.id.to_string();
            }
            let _ = writeln!(out, "    {name} :{}", data.join(", "));
        }
    }
    out
}
