//! Status reports (`shenpi status`): one project's items with their lights, counts and the
//! re-forecast against the baseline, or the items of many projects that need attention,
//! most urgent first (a bureau's morning list). Formats: terminal table, JSON (documented
//! in docs/tracking.md), CSV and Markdown.

use std::fmt::Write;

use super::md::{self, escape};
use super::table::{Align, BOLD, GREEN, RED, Table, YELLOW, heading, styled};
use crate::ruleset::DurationUnit;
use crate::status::{Colour, ItemStatus, Status, urgency};

/// The CSV columns, one row per item.
pub const CSV_COLUMNS: [&str; 27] = [
    "project",
    "as_of",
    "id",
    "name",
    "department",
    "stage",
    "clock",
    "state",
    "colour",
    "submitted",
    "accepted",
    "acceptance",
    "decided",
    "unit",
    "limit",
    "extension_days",
    "used",
    "suspended",
    "percent_used",
    "days_left",
    "limit_ends",
    "baseline_accepted",
    "baseline_decided",
    "forecast_accepted",
    "forecast_decided",
    "slip",
    "waiting_for",
];

fn style(colour: Option<Colour>) -> Option<&'static str> {
    match colour? {
        Colour::Green => Some(GREEN),
        Colour::Yellow => Some(YELLOW),
        Colour::Red | Colour::Overdue => Some(RED),
    }
}

fn light(i: &ItemStatus) -> String {
    i.colour
        .map_or_else(|| "—".to_owned(), |c| c.label().to_owned())
}

fn unit(u: DurationUnit) -> &'static str {
    match u {
        DurationUnit::Working => "wd",
        DurationUnit::Natural => "d",
    }
}

fn used(i: &ItemStatus) -> String {
    match i.used {
        Some(u) => format!("{u}/{} {}", i.limit, unit(i.unit)),
        None => format!("–/{} {}", i.limit, unit(i.unit)),
    }
}

fn left(i: &ItemStatus) -> String {
    match i.days_left {
        Some(d) if d < 0 => format!("{} over", -d),
        Some(d) => d.to_string(),
        None => String::new(),
    }
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// The counts line: `1 overdue · 2 red · 1 yellow · 3 green · 4 decided (1 late)`.
fn counts(s: &Status) -> String {
    let t = &s.tally;
    let mut parts = Vec::new();
    for (n, what) in [
        (t.overdue, "overdue"),
        (t.red, "red"),
        (t.yellow, "yellow"),
        (t.green, "green"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    let late = if t.decided_late > 0 {
        format!(" ({} late)", t.decided_late)
    } else {
        String::new()
    };
    parts.push(format!("{} of {} decided{late}", t.decided, t.items));
    parts.join(" · ")
}

fn profile_line(s: &Status) -> String {
    let p = &s.profile;
    let mut rule = Vec::new();
    if let Some(y) = p.yellow {
        rule.push(format!("yellow: {}", y.describe()));
    }
    if let Some(r) = p.red {
        rule.push(format!("red: {}", r.describe()));
    }
    rule.push("overdue: past the limit".to_owned());
    format!("{} ({}) — {}", p.id, p.name, rule.join("; "))
}

/// What to show for an item's decision: the day, or when its limit runs out.
fn decision(i: &ItemStatus) -> String {
    match (i.decided, i.limit_ends) {
        (Some(d), _) => d.to_string(),
        (None, Some(e)) => format!("limit {e}"),
        (None, None) => String::new(),
    }
}

/// The terminal report of one project.
pub fn table(s: &Status, color: bool) -> String {
    let mut out = String::new();
    styled(
        &mut out,
        &format!("{} — status as of {}", s.project, s.as_of),
        color.then_some(BOLD),
    );
    let _ = writeln!(out, "  ruleset  {}", s.ruleset);
    let _ = writeln!(out, "  profile  {}", profile_line(s));
    let _ = writeln!(out, "  items    {}", counts(s));
    heading(
        &mut out,
        "Re-forecast against the plan from the start date",
        color,
    );
    let mut t = Table::new(&[
        ("", Align::Left),
        ("baseline", Align::Left),
        ("forecast", Align::Left),
        ("slip (wd)", Align::Right),
    ]);
    for k in &s.key_dates {
        if k.baseline.is_none() && k.forecast.is_none() {
            continue;
        }
        let late = k.slip.is_some_and(|d| d > 0);
        t.row(
            vec![
                k.name.to_owned(),
                opt(k.baseline),
                opt(k.forecast),
                k.slip.map(signed).unwrap_or_default(),
            ],
            late.then_some(RED),
        );
    }
    let [b, f] = s.approval_working_days;
    t.row(
        vec![
            "审批时间".to_owned(),
            format!("{b} wd"),
            format!("{f} wd"),
            signed(f - b),
        ],
        (f > b).then_some(RED),
    );
    t.write(&mut out, color);
    if !s.targets.is_empty() {
        heading(&mut out, "Targets (re-forecast)", color);
        for c in &s.targets {
            let line = format!(
                "  {} {} / {} wd — {}",
                c.name,
                c.actual,
                c.target,
                super::text::margin(c.met, c.margin)
            );
            styled(
                &mut out,
                &line,
                color.then_some(if c.met { GREEN } else { RED }),
            );
        }
    }
    heading(&mut out, "Items", color);
    let mut t = Table::new(&[
        ("light", Align::Left),
        ("item", Align::Left),
        ("name", Align::Left),
        ("state", Align::Left),
        ("used", Align::Right),
        ("%", Align::Right),
        ("left", Align::Right),
        ("accepted", Align::Left),
        ("decided", Align::Left),
        ("forecast", Align::Left),
        ("slip", Align::Right),
    ]);
    for i in &s.items {
        t.row(
            vec![
                light(i),
                i.id.to_string(),
                i.name.to_string(),
                i.state.label().to_owned(),
                used(i),
                opt(i.percent_used),
                left(i),
                opt(i.accepted),
                decision(i),
                i.forecast[1].to_string(),
                signed(i.slip),
            ],
            style(i.colour),
        );
    }
    t.write(&mut out, color);
    let noted: Vec<&ItemStatus> = s
        .items
        .iter()
        .filter(|i| !i.notes.is_empty() || !i.waiting_for.is_empty())
        .collect();
    if !noted.is_empty() {
        heading(&mut out, "Notes", color);
        for i in noted {
            let mut notes = i.notes.clone();
            if !i.waiting_for.is_empty() {
                let ids: Vec<&str> = i.waiting_for.iter().map(|t| t.as_str()).collect();
                notes.push(format!("waits for {}", ids.join(", ")));
            }
            let _ = writeln!(out, "  {}: {}", i.id, notes.join("; "));
        }
    }
    out
}

/// The items of `statuses` that need attention (yellow or worse, not decided), most urgent
/// first; ties in project order, then plan order.
pub fn attention<'s, 'a>(statuses: &'s [Status<'a>]) -> Vec<(&'s Status<'a>, &'s ItemStatus<'a>)> {
    let mut rows: Vec<_> = statuses
        .iter()
        .flat_map(|s| {
            s.items
                .iter()
                .filter_map(move |i| urgency(i).map(|u| (u, s, i)))
        })
        .collect();
    // A stable sort keeps project and plan order among equals.
    rows.sort_by_key(|(u, _, _)| *u);
    rows.into_iter().map(|(_, s, i)| (s, i)).collect()
}

/// The terminal morning list of many projects.
pub fn attention_table(statuses: &[Status], color: bool) -> String {
    let mut out = String::new();
    let rows = attention(statuses);
    let as_of = statuses
        .first()
        .map(|s| s.as_of.to_string())
        .unwrap_or_default();
    styled(
        &mut out,
        &format!(
            "{} items need attention in {} projects — as of {as_of}",
            rows.len(),
            statuses.len()
        ),
        color.then_some(BOLD),
    );
    if rows.is_empty() {
        out.push_str("  nothing is yellow, red or overdue\n");
        return out;
    }
    let mut t = Table::new(&[
        ("light", Align::Left),
        ("project", Align::Left),
        ("item", Align::Left),
        ("department", Align::Left),
        ("state", Align::Left),
        ("used", Align::Right),
        ("left", Align::Right),
        ("accepted", Align::Left),
        ("limit ends", Align::Left),
    ]);
    for (s, i) in rows {
        t.row(
            vec![
                light(i),
                s.project.to_string(),
                format!("{} {}", i.id, i.name),
                i.department.to_string(),
                i.state.label().to_owned(),
                used(i),
                left(i),
                opt(i.accepted),
                opt(i.limit_ends),
            ],
            style(i.colour),
        );
    }
    t.write(&mut out, color);
    out
}

/// One project's status as JSON (docs/tracking.md), with a trailing newline.
pub fn json(s: &Status) -> String {
    let mut out = serde_json::to_string_pretty(s).expect("statuses serialize");
    out.push('\n');
    out
}

/// Many projects as JSON: `{ "as_of", "attention": [{project, item…}], "projects": […] }`.
pub fn attention_json(statuses: &[Status]) -> String {
    #[derive(serde::Serialize)]
    struct Row<'s, 'a> {
        project: &'s str,
        #[serde(flatten)]
        item: &'s ItemStatus<'a>,
    }
    #[derive(serde::Serialize)]
    struct List<'s, 'a> {
        format_version: u32,
        as_of: Option<chrono::NaiveDate>,
        attention: Vec<Row<'s, 'a>>,
        projects: &'s [Status<'a>],
    }
    let list = List {
        format_version: crate::status::STATUS_FORMAT_VERSION,
        as_of: statuses.first().map(|s| s.as_of),
        attention: attention(statuses)
            .into_iter()
            .map(|(s, item)| Row {
                project: s.project.as_str(),
                item,
            })
            .collect(),
        projects: statuses,
    };
    let mut out = serde_json::to_string_pretty(&list).expect("statuses serialize");
    out.push('\n');
    out
}

/// CSV rows of `items` (with their project), [`CSV_COLUMNS`]; with `bom` the text starts with
/// a UTF-8 byte-order mark for Excel.
pub fn csv<'s, 'a: 's>(
    items: impl IntoIterator<Item = (&'s Status<'a>, &'s ItemStatus<'a>)>,
    bom: bool,
) -> String {
    use super::csv::text_cell;
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(CSV_COLUMNS).expect("writing to memory");
    for (s, i) in items {
        let waiting: Vec<&str> = i.waiting_for.iter().map(|t| t.as_str()).collect();
        let acceptance = i.acceptance.map(|a| {
            serde_json::to_value(a)
                .ok()
                .and_then(|v| v.get("by").and_then(|b| b.as_str()).map(str::to_owned))
                .unwrap_or_default()
        });
        w.write_record([
            &*text_cell(&s.project),
            &s.as_of.to_string(),
            &*text_cell(&i.id),
            &*text_cell(&i.name),
            &*text_cell(&i.department),
            &*text_cell(&i.stage),
            &serde_json::to_value(i.clock)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            i.state.as_str(),
            i.colour.map_or("", |c| c.as_str()),
            &opt(i.submitted),
            &opt(i.accepted),
            &acceptance.unwrap_or_default(),
            &opt(i.decided),
            match i.unit {
                DurationUnit::Working => "working",
                DurationUnit::Natural => "natural",
            },
            &i.limit.to_string(),
            &i.extension_days.to_string(),
            &opt(i.used),
            &i.suspended.to_string(),
            &opt(i.percent_used),
            &opt(i.days_left),
            &opt(i.limit_ends),
            &i.baseline[0].to_string(),
            &i.baseline[1].to_string(),
            &i.forecast[0].to_string(),
            &i.forecast[1].to_string(),
            &i.slip.to_string(),
            &*text_cell(&waiting.join(";")),
        ])
        .expect("writing to memory");
    }
    let body = String::from_utf8(w.into_inner().expect("flushing to memory"))
        .expect("UTF-8 in, UTF-8 out");
    if bom {
        format!("{}{body}", super::csv::BOM)
    } else {
        body
    }
}

/// One project's status as Markdown.
pub fn markdown(s: &Status) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} — status as of {}\n", escape(&s.project), s.as_of);
    let _ = writeln!(out, "- ruleset: `{}`", s.ruleset);
    let _ = writeln!(out, "- warning profile: {}", escape(&profile_line(s)));
    let _ = writeln!(out, "- items: {}\n", counts(s));
    out.push_str("## Re-forecast\n\n");
    let mut rows: Vec<Vec<String>> = s
        .key_dates
        .iter()
        .filter(|k| k.baseline.is_some() || k.forecast.is_some())
        .map(|k| {
            vec![
                k.name.to_owned(),
                opt(k.baseline),
                opt(k.forecast),
                k.slip.map(signed).unwrap_or_default(),
            ]
        })
        .collect();
    let [b, f] = s.approval_working_days;
    rows.push(vec![
        "审批时间".to_owned(),
        format!("{b} wd"),
        format!("{f} wd"),
        signed(f - b),
    ]);
    md::table(
        &mut out,
        &["", "baseline", "forecast", "slip (wd)"],
        &[false, false, false, true],
        &rows,
    );
    for c in &s.targets {
        let _ = writeln!(
            out,
            "- target {}: {} / {} wd — {}",
            escape(&c.name),
            c.actual,
            c.target,
            super::text::margin(c.met, c.margin)
        );
    }
    if !s.targets.is_empty() {
        out.push('\n');
    }
    out.push_str("## Items\n\n");
    let rows: Vec<Vec<String>> = s
        .items
        .iter()
        .map(|i| {
            vec![
                light(i),
                format!("`{}` {}", i.id, escape(&i.name)),
                i.state.label().to_owned(),
                used(i),
                left(i),
                opt(i.accepted),
                decision(i),
                i.forecast[1].to_string(),
                signed(i.slip),
                escape(&i.notes.join("; ")),
            ]
        })
        .collect();
    md::table(
        &mut out,
        &[
            "light", "item", "state", "used", "left", "accepted", "decided", "forecast", "slip",
            "notes",
        ],
        &[
            false, false, false, true, true, false, false, false, true, false,
        ],
        &rows,
    );
    out
}

/// The morning list as Markdown.
pub fn attention_markdown(statuses: &[Status]) -> String {
    let mut out = String::new();
    let rows = attention(statuses);
    let as_of = statuses
        .first()
        .map(|s| s.as_of.to_string())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "# {} items need attention in {} projects — as of {as_of}\n",
        rows.len(),
        statuses.len()
    );
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(s, i)| {
            vec![
                light(i),
                escape(&s.project),
                format!("`{}` {}", i.id, escape(&i.name)),
                escape(&i.department),
                i.state.label().to_owned(),
                used(i),
                left(i),
                opt(i.limit_ends),
            ]
        })
        .collect();
    md::table(
        &mut out,
        &[
            "light",
            "project",
            "item",
            "department",
            "state",
            "used",
            "left",
            "limit ends",
        ],
        &[false, false, false, false, false, true, true, false],
        &rows,
    );
    out
}
