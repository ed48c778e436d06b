//! `calendar::notice`: the State Council's notices as published (tests/fixtures/notices/,
//! each with its source) read into calendar data that equals the built-in data typed from
//! them (rulesets/calendars/cn.toml) — except where a later notice amended a year, which the
//! built-in data records with a `source` — and malformed notices refused at their place.

use chrono::NaiveDate;
use shenpi_core::calendar::notice::{self, Notice};

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/notices")
}

/// A festival's days off: (first, last, name).
type Off = (NaiveDate, NaiveDate, String);
/// A make-up workday: (date, name).
type On = (NaiveDate, String);

/// The built-in entries of `year` that its own notice set (amendments carry a `source`).
fn builtin(year: i64) -> (Vec<Off>, Vec<On>) {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rulesets/calendars/cn.toml"),
    )
    .unwrap();
    let data: toml::Value = toml::from_str(&text).unwrap();
    let y = data["year"]
        .as_array()
        .unwrap()
        .iter()
        .find(|y| y["year"].as_integer() == Some(year))
        .unwrap();
    let date = |v: &toml::Value| NaiveDate::parse_from_str(&v.to_string(), "%Y-%m-%d").unwrap();
    let own = |e: &&toml::Value| e.get("source").is_none();
    let holidays = y["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .filter(own)
        .map(|e| match e.get("date") {
            Some(d) => (date(d), date(d), e["name"].as_str().unwrap().to_owned()),
            None => (
                date(&e["from"]),
                date(&e["to"]),
                e["name"].as_str().unwrap().to_owned(),
            ),
        })
        .collect();
    let workdays = y["workdays"]
        .as_array()
        .unwrap()
        .iter()
        .filter(own)
        .map(|e| (date(&e["date"]), e["name"].as_str().unwrap().to_owned()))
        .collect();
    (holidays, workdays)
}

fn read(year: i32) -> Notice {
    let text = std::fs::read_to_string(fixtures().join(format!("{year}.txt"))).unwrap();
    notice::parse(&text, None, 0).unwrap_or_else(|d| panic!("{year}: {d:#?}"))
}

#[test]
fn every_notice_2019_to_2026_reproduces_the_built_in_data() {
    for year in 2019..=2026 {
        let n = read(year);
        assert_eq!(n.year, year);
        let (holidays, mut workdays) = builtin(i64::from(year));
        if year == 2020 {
            // The notice made Sat 02-01 a workday; the extension of 2020-01-26 cancelled it
            // (the built-in data lists it off, with the extension as its source).
            workdays.insert(
                1,
                (
                    NaiveDate::from_ymd_opt(2020, 2, 1).unwrap(),
                    "春节调休上班".into(),
                ),
            );
        }
        let got: Vec<_> = n
            .holidays
            .iter()
            .map(|h| (h.from, h.to, h.name.clone()))
            .collect();
        assert_eq!(got, holidays, "{year}: holidays");
        let got: Vec<_> = n
            .workdays
            .iter()
            .map(|w| (w.date, w.name.clone()))
            .collect();
        let (mut got, mut want) = (got, workdays);
        got.sort();
        want.sort();
        assert_eq!(got, want, "{year}: workdays");
    }
}

#[test]
fn the_output_is_calendar_data_that_reads_back() {
    let n = read(2026);
    let text = n.to_toml(true, None);
    assert!(text.contains("years = [2026]"));
    assert!(
        text.contains("{ from = 2026-02-15, to = 2026-02-23, name = \"春节\" }"),
        "{text}"
    );
    assert!(
        text.contains("{ date = 2026-02-28, name = \"春节调休上班\" }"),
        "{text}"
    );
    // As a ruleset's [calendar], it loads and plans.
    let ruleset = format!(
        "[ruleset]\nid = \"n\"\nname = \"n\"\n{text}\n[[stage]]\nid = \"s\"\nname = \"s\"\n[[item]]\nid = \"a\"\nname = \"a\"\ndepartment = \"d\"\nstage = \"s\"\nlimit = 1\nestimate = \"t\"\n"
    );
    let loaded =
        shenpi_core::ruleset::load("n.toml", &ruleset, &shenpi_core::ruleset::BuiltinsOnly);
    assert!(loaded.ruleset.is_some(), "{:#?}", loaded.diagnostics);
    let built_in = n.to_toml(false, Some("https://example.invalid/notice"));
    assert!(built_in.starts_with(
        "[[year]]\nyear = 2026\nnotice = \"国务院办公厅关于2026年部分节假日安排的通知\""
    ));
}

#[test]
fn a_wrong_weekday_a_wrong_count_and_a_broken_date_are_refused_at_their_place() {
    let base = std::fs::read_to_string(fixtures().join("2026.txt")).unwrap();
    let bad = |from: &str, to: &str| {
        assert!(base.contains(from), "{from}");
        let text = base.replacen(from, to, 1);
        let diags = notice::parse(&text, None, 0).expect_err("accepted a broken notice");
        let d = &diags[0];
        let span = d.labels[0].span.clone();
        (d.code, d.message.clone(), text[span].to_owned())
    };
    let (code, message, at) = bad("2月14日（周六）", "2月14日（周日）");
    assert_eq!(code, "notice-weekday");
    assert_eq!(
        message,
        "2026-02-14 is a 周六, not the 周日 the notice names"
    );
    assert_eq!(at, "2月14日（周日）");
    let (code, message, _) = bad("放假调休，共9天", "放假调休，共8天");
    assert_eq!(code, "notice-syntax");
    assert!(
        message.contains("counts 8 days, but 2026-02-15 to 2026-02-23 is 9"),
        "{message}"
    );
    let (_, message, at) = bad("5月1日（周五）至5日", "5月1日（周五）至35日");
    assert!(message.contains("2026-05-35 is not a date"), "{message}");
    assert_eq!(at, "35日（周二）");
    let (code, _, at) = bad("5月9日（周六）上班", "5月9号（周六）上班");
    assert_eq!(code, "notice-syntax");
    assert!(at.starts_with("5月9号"), "{at}");
    // No year anywhere: an error, unless the host gives one.
    let untitled: String = base.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert!(notice::parse(&untitled, None, 0).is_err());
    let given = notice::parse(&untitled, Some(2026), 0).unwrap();
    let titled = read(2026);
    assert_eq!(
        (given.holidays, given.workdays),
        (titled.holidays, titled.workdays)
    );
}
