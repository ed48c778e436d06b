//! Reading the State Council's holiday notice (《国务院办公厅关于YYYY年部分节假日安排的通知》)
//! into calendar data, so that a bureau adds next year the day the notice appears
//! (`shenpi calendar import-notice`).
//!
//! The notice has one numbered line per festival, in a fixed form:
//!
//! ```text
//! 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
//! ```
//!
//! The name before `：` names the festival; the sentence with 放假 gives the days off (one day,
//! or `至` a range whose end may leave out the month or give another year); a sentence ending in
//! 上班 lists the make-up workdays, separated by `、`. Dates without a year are in the notice's
//! year (its title, or the host's). Every weekday the notice names in brackets (周六, 星期日) is
//! checked against the date, and every `共N天` / `放假N天` against the range. Other sentences
//! (encouragements, remarks) are skipped. Each problem is a diagnostic at its place.

use std::ops::Range;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::diagnostic::Diagnostic;

/// One festival's days off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// The festival as the notice names it (e.g. `国庆节、中秋节`).
    pub name: String,
    /// First day off.
    pub from: NaiveDate,
    /// Last day off.
    pub to: NaiveDate,
}

/// A weekend day that becomes a working day (调休上班).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workday {
    /// `<festival>调休上班`.
    pub name: String,
    /// The day.
    pub date: NaiveDate,
}

/// A notice read: its year and title, the days off and the make-up workdays, in its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The year it arranges.
    pub year: i32,
    /// Its title, when the text has one.
    pub title: Option<String>,
    /// Days off, one entry per festival.
    pub holidays: Vec<Holiday>,
    /// Make-up workdays.
    pub workdays: Vec<Workday>,
}

const NUMERALS: &str = "一二三四五六七八九十";

fn error(span: Range<usize>, message: String, help: &str) -> Diagnostic {
    Diagnostic::error("notice-syntax", message)
        .with_label(span, "here")
        .with_help(help.to_owned())
}

/// A date as a notice writes it.
struct Written {
    year: Option<i32>,
    month: u32,
    day: u32,
    /// The weekday its bracket names, if any.
    weekday: Option<Weekday>,
    /// The byte after it (and its bracket).
    end: usize,
}

/// A date at byte `at` of `s`: `[YYYY年]M月D日` (or `D日` when `month` is given), followed by an
/// optional bracket whose 周X / 星期X is kept.
fn date_at(s: &str, at: usize, month: Option<u32>) -> Option<Written> {
    let rest = &s[at..];
    // Number–unit pairs (年, 月, 日), up to the day.
    let (mut year, mut m, mut i) = (None, None, 0);
    let day = loop {
        let n = rest[i..].bytes().take_while(u8::is_ascii_digit).count();
        let value: u32 = rest[i..i + n].parse().ok()?;
        i += n;
        let unit = rest[i..].chars().next()?;
        i += unit.len_utf8();
        match unit {
            '年' => year = Some(value as i32),
            '月' => m = Some(value),
            '日' => break value,
            _ => return None,
        }
    };
    let month = m.or(month)?;
    // An optional bracket: （周六） / （星期六） / （农历腊月二十八、周日）.
    let mut weekday = None;
    let tail = &rest[i..];
    if let Some(t) = tail.strip_prefix('（').or_else(|| tail.strip_prefix('(')) {
        let close = t.find(['）', ')'])?;
        let inside = &t[..close];
        for (word, wd) in [
            ("一", Weekday::Mon),
            ("二", Weekday::Tue),
            ("三", Weekday::Wed),
            ("四", Weekday::Thu),
            ("五", Weekday::Fri),
            ("六", Weekday::Sat),
            ("日", Weekday::Sun),
            ("天", Weekday::Sun),
        ] {
            if inside.contains(&format!("周{word}")) || inside.contains(&format!("星期{word}")) {
                weekday = Some(wd);
            }
        }
        let bracket_len = tail.len() - t.len() + close + t[close..].chars().next()?.len_utf8();
        i += bracket_len;
    }
    Some(Written {
        year,
        month,
        day,
        weekday,
        end: at + i,
    })
}

/// Reads a notice. `year` is the year it arranges when the text has no title naming one.
/// `base` is the text's global offset (see [`crate::source`]) for the diagnostics' spans.
pub fn parse(text: &str, year: Option<i32>, base: usize) -> Result<Notice, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut title = None;
    let mut notice_year = year;
    let mut holidays = Vec::new();
    let mut workdays = Vec::new();
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let at = |i: usize| base + line_start + lead + i;
        if trimmed.contains("部分节假日安排的通知") {
            title = Some(trimmed.to_owned());
            if notice_year.is_none()
                && let Some(k) = trimmed.find("关于")
                && let Some(y) = trimmed[k + "关于".len()..]
                    .get(..4)
                    .and_then(|y| y.parse().ok())
            {
                notice_year = Some(y);
            }
            continue;
        }
        // 二、春节：…
        let Some((number, rest)) = trimmed.split_once('、') else {
            continue;
        };
        if number.is_empty() || !number.chars().all(|c| NUMERALS.contains(c)) {
            continue;
        }
        let Some((name, body)) = rest.split_once(['：', ':']) else {
            diags.push(error(
                at(0)..at(trimmed.len()),
                "a festival line names its festival before `：`".into(),
                "write `二、春节：2月15日至23日放假调休，共9天。`",
            ));
            continue;
        };
        let Some(year) = notice_year else {
            diags.push(error(
                at(0)..at(trimmed.len()),
                "the notice's year is not known".into(),
                "give the title line (国务院办公厅关于YYYY年部分节假日安排的通知) or --year",
            ));
            break;
        };
        let body_at = trimmed.len() - body.len();
        let mut found_off = false;
        let mut sentence_start = 0;
        for sentence in body.split_inclusive('。') {
            let s_at = body_at + sentence_start;
            sentence_start += sentence.len();
            let s = sentence.trim_end_matches('。');
            let span = at(s_at)..at(s_at + s.len());
            if let Some(list) = s.strip_suffix("上班") {
                // 2月14日（周六）、2月28日（周六）上班
                let mut i = 0;
                while i < list.len() {
                    let Some(Written {
                        year: y,
                        month: m,
                        day: d,
                        weekday: wd,
                        end,
                    }) = date_at(list, i, None)
                    else {
                        diags.push(error(
                            at(s_at + i)..at(s_at + list.len()),
                            "expected a date like 2月14日（周六）".into(),
                            "make-up workdays are dates separated by `、`, then 上班",
                        ));
                        break;
                    };
                    let place = at(s_at + i)..at(s_at + end);
                    match date(y.unwrap_or(year), m, d, wd, place, &mut diags) {
                        Some(day) => workdays.push(Workday {
                            name: format!("{name}调休上班"),
                            date: day,
                        }),
                        None => break,
                    }
                    i = end;
                    if let Some(t) = list[i..].strip_prefix('、') {
                        i = list.len() - t.len();
                    } else if i < list.len() {
                        diags.push(error(
                            at(s_at + i)..at(s_at + list.len()),
                            "expected `、` between dates".into(),
                            "make-up workdays are dates separated by `、`, then 上班",
                        ));
                        break;
                    }
                }
            } else if let Some(k) = s.find("放假") {
                found_off = true;
                let dates = &s[..k];
                let after = &s[k + "放假".len()..];
                let Some(Written {
                    year: y1,
                    month: m1,
                    day: d1,
                    weekday: w1,
                    end: end1,
                }) = date_at(dates, 0, None)
                else {
                    diags.push(error(
                        span,
                        "expected the first day off, like 2月15日".into(),
                        "write `2月15日至23日放假调休，共9天`",
                    ));
                    continue;
                };
                let first_place = at(s_at)..at(s_at + end1);
                let Some(from) = date(y1.unwrap_or(year), m1, d1, w1, first_place, &mut diags)
                else {
                    continue;
                };
                let to = if let Some(t) = dates[end1..].strip_prefix('至') {
                    let start2 = dates.len() - t.len();
                    let Some(Written {
                        year: y2,
                        month: m2,
                        day: d2,
                        weekday: w2,
                        end: end2,
                    }) = date_at(dates, start2, Some(m1))
                    else {
                        diags.push(error(
                            at(s_at + start2)..at(s_at + dates.len()),
                            "expected the last day off after 至, like 23日 or 10月6日".into(),
                            "write `2月15日至23日放假`",
                        ));
                        continue;
                    };
                    let Some(to) = date(
                        y2.unwrap_or(from.year()),
                        m2,
                        d2,
                        w2,
                        at(s_at + start2)..at(s_at + end2),
                        &mut diags,
                    ) else {
                        continue;
                    };
                    to
                } else {
                    from
                };
                if to < from {
                    diags.push(error(
                        span.clone(),
                        format!("the days off end ({to}) before they begin ({from})"),
                        "check the dates",
                    ));
                    continue;
                }
                let days = (to - from).num_days() + 1;
                // 共N天 / 放假N天
                let count = |t: &str| -> Option<i64> {
                    let n = t.bytes().take_while(u8::is_ascii_digit).count();
                    (n > 0 && t[n..].starts_with('天'))
                        .then(|| t[..n].parse().ok())
                        .flatten()
                };
                let counted = count(after).or_else(|| {
                    let k = after.find('共')?;
                    count(&after[k + '共'.len_utf8()..])
                });
                if let Some(n) = counted
                    && n != days
                {
                    diags.push(error(
                        span.clone(),
                        format!("the notice counts {n} days, but {from} to {to} is {days}"),
                        "check the dates and the count",
                    ));
                    continue;
                }
                holidays.push(Holiday {
                    name: name.to_owned(),
                    from,
                    to,
                });
            }
        }
        if !found_off {
            diags.push(error(
                at(0)..at(trimmed.len()),
                format!("`{name}` gives no days off (no 放假)"),
                "a festival line says which days are off: `…放假…`",
            ));
        }
    }
    let Some(year) = notice_year else {
        diags.push(error(
            base..base,
            "the notice's year is not known".into(),
            "give the title line (国务院办公厅关于YYYY年部分节假日安排的通知) or --year",
        ));
        return Err(diags);
    };
    if holidays.is_empty() && diags.is_empty() {
        diags.push(error(
            base..base + text.len().min(1),
            "no festival line found".into(),
            "the notice's lines read `一、元旦：1月1日放假，共1天。`",
        ));
    }
    if diags.is_empty() {
        Ok(Notice {
            year,
            title,
            holidays,
            workdays,
        })
    } else {
        Err(diags)
    }
}

/// A date that exists, on the weekday the notice names (when it names one).
fn date(
    year: i32,
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
    place: Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let Some(d) = NaiveDate::from_ymd_opt(year, month, day) else {
        diags.push(error(
            place,
            format!("{year}-{month:02}-{day:02} is not a date"),
            "check the month and the day",
        ));
        return None;
    };
    if let Some(w) = weekday
        && d.weekday() != w
    {
        diags.push(
            Diagnostic::error(
                "notice-weekday",
                format!(
                    "{d} is a {}, not the {} the notice names",
                    weekday_zh(d.weekday()),
                    weekday_zh(w)
                ),
            )
            .with_label(place, "this date")
            .with_help("the date or its weekday is mistyped"),
        );
        return None;
    }
    Some(d)
}

fn weekday_zh(w: Weekday) -> &'static str {
    ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][w.num_days_from_monday() as usize]
}

impl Notice {
    /// The notice as built-in calendar data (a `[[year]]` of `rulesets/calendars/cn.toml`),
    /// or with `ruleset` as a ruleset's or project's `[calendar]` table.
    pub fn to_toml(&self, ruleset: bool, url: Option<&str>) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let entry = |from: NaiveDate, to: NaiveDate, name: &str| {
            if from == to {
                format!("    {{ date = {from}, name = \"{name}\" }},")
            } else {
                format!("    {{ from = {from}, to = {to}, name = \"{name}\" }},")
            }
        };
        if ruleset {
            let _ = writeln!(
                out,
                "# {}",
                self.title
                    .as_deref()
                    .unwrap_or("国务院办公厅部分节假日安排的通知")
            );
            let _ = writeln!(out, "[calendar]\nyears = [{}]", self.year);
        } else {
            let _ = writeln!(out, "[[year]]\nyear = {}", self.year);
            if let Some(t) = &self.title {
                let _ = writeln!(out, "notice = \"{t}\"");
            }
            if let Some(u) = url {
                let _ = writeln!(out, "url = \"{u}\"");
            }
        }
        out.push_str("holidays = [\n");
        for h in &self.holidays {
            let _ = writeln!(out, "{}", entry(h.from, h.to, &h.name));
        }
        out.push_str("]\nworkdays = [\n");
        for w in &self.workdays {
            let _ = writeln!(out, "{}", entry(w.date, w.date, &w.name));
        }
        out.push_str("]\n");
        out
    }
}
