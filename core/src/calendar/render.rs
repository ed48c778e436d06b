//! A year's days as a table, CSV or JSON (`shenpi calendar list`, the web page's export).
//! One row per date: `date, workday, kind, name`.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::DayInfo;

/// `2026-02-14 (Sat)`.
pub fn date_with_weekday(d: chrono::NaiveDate) -> String {
    format!("{} ({})", d, d.format("%a"))
}

/// `2026-02-14 (Sat): make-up workday (春节调休上班)`.
pub fn describe_day(day: &DayInfo) -> String {
    let mut text = format!("{}: {}", date_with_weekday(day.date), day.kind.label());
    if let Some(name) = &day.name {
        text.push_str(&format!(" ({name})"));
    }
    text
}

/// Output format of a day list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// Aligned columns for a terminal (CJK-width aware), with the weekday.
    Table,
    /// `date,workday,kind,name` with a header row.
    Csv,
    /// An array of `{ "date", "workday", "kind", "name" }` objects.
    Json,
}

#[derive(Serialize)]
struct Row<'a> {
    date: String,
    workday: bool,
    kind: &'static str,
    name: Option<&'a str>,
}

/// Renders `days` in `format`; the text ends with a newline.
pub fn render_days(days: &[DayInfo], format: ListFormat) -> String {
    match format {
        ListFormat::Table => table(days),
        ListFormat::Csv => csv(days),
        ListFormat::Json => {
            let rows: Vec<Row> = days
                .iter()
                .map(|d| Row {
                    date: d.date.to_string(),
                    workday: d.is_workday(),
                    kind: d.kind.as_str(),
                    name: d.name.as_deref(),
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&rows).expect("rows serialize");
            text.push('\n');
            text
        }
    }
}

fn csv(days: &[DayInfo]) -> String {
    let mut out = String::from("date,workday,kind,name\n");
    for d in days {
        out.push_str(&format!(
            "{},{},{},{}\n",
            d.date,
            d.is_workday(),
            d.kind.as_str(),
            csv_field(d.name.as_deref().unwrap_or(""))
        ));
    }
    out
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn table(days: &[DayInfo]) -> String {
    let header = ["date", "day", "workday", "kind", "name"];
    let rows: Vec<[String; 5]> = days
        .iter()
        .map(|d| {
            [
                d.date.to_string(),
                d.date.format("%a").to_string(),
                if d.is_workday() { "yes" } else { "no" }.to_owned(),
                d.kind.label().to_owned(),
                d.name.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let mut widths = header.map(UnicodeWidthStr::width);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: [&str; 5]| {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header);
    for r in &rows {
        line([&r[0], &r[1], &r[2], &r[3], &r[4]]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, DayKind};
    use chrono::NaiveDate;

    fn days() -> Vec<DayInfo> {
        let cal = Calendar::cn();
        let d = NaiveDate::from_ymd_opt(2026, 2, 13).unwrap();
        d.iter_days().take(3).map(|d| cal.day(d)).collect()
    }

    #[test]
    fn describes_days() {
        let d = days();
        assert_eq!(describe_day(&d[0]), "2026-02-13 (Fri): workday");
        assert_eq!(
            describe_day(&d[1]),
            "2026-02-14 (Sat): make-up workday (春节调休上班)"
        );
        assert_eq!(describe_day(&d[2]), "2026-02-15 (Sun): holiday (春节)");
    }

    #[test]
    fn csv_rows() {
        assert_eq!(
            render_days(&days(), ListFormat::Csv),
            "date,workday,kind,name\n\
             2026-02-13,true,workday,\n\
             2026-02-14,true,makeup_workday,春节调休上班\n\
             2026-02-15,false,holiday,春节\n"
        );
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }

    #[test]
    fn json_rows() {
        let v: serde_json::Value =
            serde_json::from_str(&render_days(&days(), ListFormat::Json)).unwrap();
        assert_eq!(
            v[1],
            serde_json::json!({"date": "2026-02-14", "workday": true, "kind": "makeup_workday", "name": "春节调休上班"})
        );
        assert_eq!(v[0]["name"], serde_json::Value::Null);
        let kind: DayKind = serde_json::from_value(v[2]["kind"].clone()).unwrap();
        assert_eq!(kind, DayKind::Holiday);
    }

    #[test]
    fn table_aligns_by_display_width() {
        let text = render_days(&days(), ListFormat::Table);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "date        day  workday  kind             name");
        assert_eq!(
            lines[2],
            "2026-02-14  Sat  yes      make-up workday  春节调休上班"
        );
        assert_eq!(lines[3], "2026-02-15  Sun  no       holiday          春节");
    }
}
