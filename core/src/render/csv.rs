//! One row per planned item, RFC 4180 (CRLF line ends, fields quoted only when needed, quotes
//! doubled), written with the `csv` crate. Columns:
//!
//! `id,name,department,stage,duration,unit,clock,working_days,accepted,decided,es,ef,ls,lf,
//! total_float,free_float,critical,bundle,predecessors`
//!
//! `unit` is `working` or `natural`, `clock` one of `approval`, `technical`, `intermediary`,
//! `applicant`; `critical` is `true`/`false`; `bundle` is empty when the item is not bundled;
//! `predecessors` are item ids joined by `;`. Dates are ISO 8601 (`2026-03-02`), offsets are
//! working days from the project's acceptance day (see `docs/plan-format.md`).

use crate::plan::Plan;

/// The header row.
pub const COLUMNS: [&str; 19] = [
    "id",
    "name",
    "department",
    "stage",
    "duration",
    "unit",
    "clock",
    "working_days",
    "accepted",
    "decided",
    "es",
    "ef",
    "ls",
    "lf",
    "total_float",
    "free_float",
    "critical",
    "bundle",
    "predecessors",
];

/// UTF-8 byte-order mark: Excel needs it to read a CSV file as UTF-8 rather than the local
/// code page (GBK on Chinese Windows).
pub const BOM: char = '\u{feff}';

/// A text cell as a spreadsheet reads it safely: a cell that starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return would be taken for a formula by Excel and LibreOffice (OWASP
/// "CSV injection"), so such a cell starts with an apostrophe, which they show as text. Names
/// come from rulesets and projects, which anyone may write.
pub(super) fn text_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// Renders the item table as CSV; with `bom` the text starts with [`BOM`].
pub fn render(plan: &Plan, bom: bool) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(COLUMNS).expect("writing to memory");
    for item in &plan.items {
        w.write_record([
            &*text_cell(&item.id),
            &*text_cell(&item.name),
            &*text_cell(&item.department),
            &*text_cell(&item.stage),
            &item.duration.to_string(),
            item.unit.name(),
            item.clock.name(),
            &item.working_days.to_string(),
            &item.accepted.to_string(),
            &item.decided.to_string(),
            &item.es.to_string(),
            &item.ef.to_string(),
            &item.ls.to_string(),
            &item.lf.to_string(),
            &item.total_float.to_string(),
            &item.free_float.to_string(),
            if item.critical { "true" } else { "false" },
            &*text_cell(item.bundle.as_deref().unwrap_or("")),
            &*text_cell(&item.predecessors.join(";")),
        ])
        .expect("writing to memory");
    }
    let bytes = w.into_inner().expect("writing to memory");
    let body = String::from_utf8(bytes).expect("the fields are UTF-8");
    if bom {
        let mut s = String::with_capacity(body.len() + 3);
        s.push(BOM);
        s.push_str(&body);
        s
    } else {
        body
    }
}
