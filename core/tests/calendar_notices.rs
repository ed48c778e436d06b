//! The built-in calendar against the State Council notices 2019–2026, day by day.
//!
//! The tables below are typed from the notices as summarised in
//! `research/domain-approval.md` §5 — not generated from `rulesets/calendars/cn.toml` — so a
//! slip in either one fails a test.

use chrono::{Datelike, NaiveDate, Weekday};
use shenpi_core::calendar::{Calendar, DayKind};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Days off per notice: (first, last, festival), inclusive.
const OFF: &[(&str, &str, &str)] = &[
    // 2019 (with the 2019-03-22 May-Day amendment: 05-01 – 05-04)
    ("2018-12-30", "2019-01-01", "元旦"),
    ("2019-02-04", "2019-02-10", "春节"),
    ("2019-04-05", "2019-04-05", "清明节"),
    ("2019-05-01", "2019-05-04", "劳动节"),
    ("2019-06-07", "2019-06-07", "端午节"),
    ("2019-09-13", "2019-09-13", "中秋节"),
    ("2019-10-01", "2019-10-07", "国庆节"),
    // 2020 (with the 2020-01-27 extension of the Spring Festival to 02-02)
    ("2020-01-01", "2020-01-01", "元旦"),
    ("2020-01-24", "2020-02-02", "春节"),
    ("2020-04-04", "2020-04-06", "清明节"),
    ("2020-05-01", "2020-05-05", "劳动节"),
    ("2020-06-25", "2020-06-27", "端午节"),
    ("2020-10-01", "2020-10-08", "国庆节、中秋节"),
    // 2021
    ("2021-01-01", "2021-01-03", "元旦"),
    ("2021-02-11", "2021-02-17", "春节"),
    ("2021-04-03", "2021-04-05", "清明节"),
    ("2021-05-01", "2021-05-05", "劳动节"),
    ("2021-06-12", "2021-06-14", "端午节"),
    ("2021-09-19", "2021-09-21", "中秋节"),
    ("2021-10-01", "2021-10-07", "国庆节"),
    // 2022
    ("2022-01-01", "2022-01-03", "元旦"),
    ("2022-01-31", "2022-02-06", "春节"),
    ("2022-04-03", "2022-04-05", "清明节"),
    ("2022-04-30", "2022-05-04", "劳动节"),
    ("2022-06-03", "2022-06-05", "端午节"),
    ("2022-09-10", "2022-09-12", "中秋节"),
    ("2022-10-01", "2022-10-07", "国庆节"),
    // 2023
    ("2022-12-31", "2023-01-02", "元旦"),
    ("2023-01-21", "2023-01-27", "春节"),
    ("2023-04-05", "2023-04-05", "清明节"),
    ("2023-04-29", "2023-05-03", "劳动节"),
    ("2023-06-22", "2023-06-24", "端午节"),
    ("2023-09-29", "2023-10-06", "中秋节、国庆节"),
    // 2024
    ("2024-01-01", "2024-01-01", "元旦"),
    ("2024-02-10", "2024-02-17", "春节"),
    ("2024-04-04", "2024-04-06", "清明节"),
    ("2024-05-01", "2024-05-05", "劳动节"),
    ("2024-06-10", "2024-06-10", "端午节"),
    ("2024-09-15", "2024-09-17", "中秋节"),
    ("2024-10-01", "2024-10-07", "国庆节"),
    // 2025
    ("2025-01-01", "2025-01-01", "元旦"),
    ("2025-01-28", "2025-02-04", "春节"),
    ("2025-04-04", "2025-04-06", "清明节"),
    ("2025-05-01", "2025-05-05", "劳动节"),
    ("2025-05-31", "2025-06-02", "端午节"),
    ("2025-10-01", "2025-10-08", "国庆节、中秋节"),
    // 2026
    ("2026-01-01", "2026-01-03", "元旦"),
    ("2026-02-15", "2026-02-23", "春节"),
    ("2026-04-04", "2026-04-06", "清明节"),
    ("2026-05-01", "2026-05-05", "劳动节"),
    ("2026-06-19", "2026-06-21", "端午节"),
    ("2026-09-25", "2026-09-27", "中秋节"),
    ("2026-10-01", "2026-10-07", "国庆节"),
];

/// Weekend make-up workdays (调休上班), with the weekday the notice states.
const MAKEUP: &[(&str, Weekday)] = &[
    ("2018-12-29", Weekday::Sat),
    ("2019-02-02", Weekday::Sat),
    ("2019-02-03", Weekday::Sun),
    ("2019-04-28", Weekday::Sun),
    ("2019-05-05", Weekday::Sun),
    ("2019-09-29", Weekday::Sun),
    ("2019-10-12", Weekday::Sat),
    ("2020-01-19", Weekday::Sun),
    ("2020-04-26", Weekday::Sun),
    ("2020-05-09", Weekday::Sat),
    ("2020-06-28", Weekday::Sun),
    ("2020-09-27", Weekday::Sun),
    ("2020-10-10", Weekday::Sat),
    ("2021-02-07", Weekday::Sun),
    ("2021-02-20", Weekday::Sat),
    ("2021-04-25", Weekday::Sun),
    ("2021-05-08", Weekday::Sat),
    ("2021-09-18", Weekday::Sat),
    ("2021-09-26", Weekday::Sun),
    ("2021-10-09", Weekday::Sat),
    ("2022-01-29", Weekday::Sat),
    ("2022-01-30", Weekday::Sun),
    ("2022-04-02", Weekday::Sat),
    ("2022-04-24", Weekday::Sun),
    ("2022-05-07", Weekday::Sat),
    ("2022-10-08", Weekday::Sat),
    ("2022-10-09", Weekday::Sun),
    ("2023-01-28", Weekday::Sat),
    ("2023-01-29", Weekday::Sun),
    ("2023-04-23", Weekday::Sun),
    ("2023-05-06", Weekday::Sat),
    ("2023-06-25", Weekday::Sun),
    ("2023-10-07", Weekday::Sat),
    ("2023-10-08", Weekday::Sun),
    ("2024-02-04", Weekday::Sun),
    ("2024-02-18", Weekday::Sun),
    ("2024-04-07", Weekday::Sun),
    ("2024-04-28", Weekday::Sun),
    ("2024-05-11", Weekday::Sat),
    ("2024-09-14", Weekday::Sat),
    ("2024-09-29", Weekday::Sun),
    ("2024-10-12", Weekday::Sat),
    ("2025-01-26", Weekday::Sun),
    ("2025-02-08", Weekday::Sat),
    ("2025-04-27", Weekday::Sun),
    ("2025-09-28", Weekday::Sun),
    ("2025-10-11", Weekday::Sat),
    ("2026-01-04", Weekday::Sun),
    ("2026-02-14", Weekday::Sat),
    ("2026-02-28", Weekday::Sat),
    ("2026-05-09", Weekday::Sat),
    ("2026-09-20", Weekday::Sun),
    ("2026-10-10", Weekday::Sat),
];

/// Ordinary weekends next to a holiday or a make-up day: neither off by notice nor worked.
const ORDINARY_WEEKENDS: &[&str] = &[
    "2019-04-06",
    "2019-04-07", // 清明 Fri 04-05 "与周末连休"
    "2019-06-08",
    "2019-06-09", // 端午
    "2019-09-14",
    "2019-09-15", // 中秋
    "2019-10-13", // after make-up Sat 10-12
    "2020-02-08",
    "2020-02-09", // after the extended Spring Festival
    "2020-01-18", // before make-up Sun 01-19
    "2021-02-21", // after make-up Sat 02-20
    "2022-01-08",
    "2022-01-09",
    "2023-04-01",
    "2023-04-02",
    "2023-04-08", // around 清明 Wed 04-05
    "2024-06-08",
    "2024-06-09", // 端午 Mon 06-10 "与周末连休"
    "2024-02-03", // before make-up Sun 02-04
    "2025-06-07",
    "2026-02-07",
    "2026-02-08", // before make-up Sat 02-14
    "2026-03-01", // after make-up Sat 02-28
    "2026-12-26",
    "2026-12-27",
];

fn off_days() -> Vec<(NaiveDate, &'static str)> {
    OFF.iter()
        .flat_map(|(from, to, name)| {
            let to = d(to);
            d(from)
                .iter_days()
                .take_while(move |x| *x <= to)
                .map(move |x| (x, *name))
        })
        .collect()
}

#[test]
fn every_holiday_is_off_with_its_festival_name() {
    let cal = Calendar::cn();
    for (date, name) in off_days() {
        let day = cal.day(date);
        assert_eq!(day.kind, DayKind::Holiday, "{date}");
        assert!(!cal.is_workday(date), "{date}");
        assert_eq!(day.name.as_deref(), Some(name), "{date}");
    }
}

#[test]
fn every_makeup_day_is_a_weekend_workday() {
    let cal = Calendar::cn();
    for (date, weekday) in MAKEUP {
        let date = d(date);
        assert_eq!(date.weekday(), *weekday, "{date}: the table's weekday");
        let day = cal.day(date);
        assert_eq!(day.kind, DayKind::MakeupWorkday, "{date}");
        assert!(day.is_workday());
        let name = day.name.unwrap();
        assert!(name.ends_with("调休上班"), "{date}: {name}");
    }
}

#[test]
fn ordinary_weekends_stay_off_without_a_name() {
    let cal = Calendar::cn();
    for date in ORDINARY_WEEKENDS {
        let day = cal.day(d(date));
        assert_eq!(day.kind, DayKind::Weekend, "{date}");
        assert_eq!(day.name, None, "{date}");
    }
}

#[test]
fn every_day_2019_to_2026_follows_the_notices() {
    let cal = Calendar::cn();
    let off: Vec<NaiveDate> = off_days().into_iter().map(|(x, _)| x).collect();
    let makeup: Vec<NaiveDate> = MAKEUP.iter().map(|(x, _)| d(x)).collect();
    for date in d("2018-12-01").iter_days().take_while(|x| x.year() <= 2026) {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = if off.contains(&date) {
            false
        } else if makeup.contains(&date) {
            true
        } else {
            !weekend
        };
        assert_eq!(cal.is_workday(date), expected, "{date}");
    }
}

#[test]
fn working_days_per_year() {
    let cal = Calendar::cn();
    let expected = [
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ];
    for (year, count) in expected {
        let days = cal.year_days(year);
        assert_eq!(
            days.iter().filter(|x| x.is_workday()).count(),
            count,
            "{year}"
        );
        let last_of_previous = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        assert_eq!(
            cal.working_days_between(last_of_previous, last),
            count as i64,
            "{year}"
        );
    }
}

#[test]
fn amendments_2019_may_day_and_2020_spring_festival() {
    let cal = Calendar::cn();
    // 2019-03-22: 05-02 … 05-04 became holidays, Sun 04-28 and Sun 05-05 workdays.
    for x in ["2019-05-02", "2019-05-03"] {
        assert!(!cal.is_workday(d(x)), "{x}");
    }
    assert!(cal.is_workday(d("2019-04-28")));
    assert!(cal.is_workday(d("2019-05-05")));
    // 2020-01-27: Fri 01-31 off, and Sat 02-01 (a make-up day before) off.
    assert_eq!(cal.day(d("2020-01-31")).kind, DayKind::Holiday);
    assert_eq!(cal.day(d("2020-02-01")).kind, DayKind::Holiday);
    assert_eq!(cal.next_workday_after(d("2020-01-23")), d("2020-02-03"));
}

#[test]
fn issue_example_uses_the_makeup_saturday() {
    let cal = Calendar::cn();
    // Accepted Fri 2026-02-13, 5 working days: 02-14 (Sat, make-up), then 02-24 … 02-27.
    assert_eq!(cal.add_working_days(d("2026-02-13"), 5), d("2026-02-27"));
    assert_eq!(
        cal.working_days_between(d("2026-02-13"), d("2026-02-27")),
        5
    );
}

#[test]
fn design_worked_example() {
    // docs/design.md worked example: acceptance Mon 2026-02-09; A 3 d; B 5 d after A; C 2 d after A;
    // D 4 d after B and C; E 1 d after D.
    let cal = Calendar::cn();
    let s = d("2026-02-09");
    let a = cal.add_working_days(s, 3);
    let b = cal.add_working_days(a, 5);
    let c = cal.add_working_days(a, 2);
    let dd = cal.add_working_days(b.max(c), 4);
    let e = cal.add_working_days(dd, 1);
    assert_eq!(
        [a, b, c, dd, e],
        [
            "2026-02-12",
            "2026-02-26",
            "2026-02-14",
            "2026-03-03",
            "2026-03-04"
        ]
        .map(d)
    );
    // Offsets: E is decided at offset 13.
    let zero = cal.workday_index(s);
    assert_eq!(cal.date_of_workday_index(zero + 13), e);
    assert_eq!(cal.working_days_between(s, e), 13);
    assert_eq!(cal.workday_index(c) - zero, 5);
}

#[test]
fn year_boundaries() {
    let cal = Calendar::cn();
    let cases = [
        // (accepted, n, decided)
        ("2018-12-28", 1, "2018-12-29"), // Sat make-up of the 2019 notice
        ("2018-12-29", 1, "2019-01-02"),
        ("2019-12-31", 1, "2020-01-02"),
        ("2022-12-30", 1, "2023-01-03"), // 2022-12-31 off by the 2023 notice
        ("2023-12-29", 1, "2024-01-02"),
        ("2024-12-31", 1, "2025-01-02"),
        ("2025-12-31", 1, "2026-01-04"), // Sun make-up
        ("2026-12-31", 1, "2027-01-01"), // no 2027 data: a Friday counts
        ("2019-01-02", -1, "2018-12-29"),
        ("2026-01-05", -2, "2025-12-31"),
    ];
    for (a, n, b) in cases {
        assert_eq!(cal.add_working_days(d(a), n), d(b), "{a} + {n}");
    }
}

#[test]
fn zero_and_negative_additions() {
    let cal = Calendar::cn();
    assert_eq!(cal.add_working_days(d("2026-02-13"), 0), d("2026-02-13"));
    // Accepted on a holiday: the first workday after it is the acceptance day.
    assert_eq!(cal.add_working_days(d("2026-02-15"), 0), d("2026-02-24"));
    assert_eq!(cal.add_working_days(d("2026-02-15"), 1), d("2026-02-25"));
    assert_eq!(cal.add_working_days(d("2026-03-07"), 0), d("2026-03-09"));
    assert_eq!(cal.add_working_days(d("2026-02-27"), -5), d("2026-02-13"));
    assert_eq!(cal.add_working_days(d("2026-02-24"), -1), d("2026-02-14"));
    assert_eq!(cal.add_working_days(d("2026-02-15"), -1), d("2026-02-14"));
    assert_eq!(
        cal.working_days_between(d("2026-02-27"), d("2026-02-13")),
        -5
    );
    assert_eq!(
        cal.working_days_between(d("2026-02-15"), d("2026-02-22")),
        0
    );
}

#[test]
fn natural_days_roll_forward_past_holidays() {
    let cal = Calendar::cn();
    let cases = [
        ("2026-09-20", 5, "2026-09-28"),  // ends Fri 09-25 中秋 → Mon 09-28
        ("2026-02-10", 5, "2026-02-24"),  // ends Sun 02-15 春节 → Tue 02-24
        ("2026-02-09", 5, "2026-02-14"),  // ends on the make-up Saturday: stays
        ("2026-03-02", 5, "2026-03-09"),  // ends Sat 03-07 → Mon 03-09
        ("2026-03-02", 3, "2026-03-05"),  // ends on a workday
        ("2025-09-24", 7, "2025-10-09"),  // ends 10-01 国庆 → Thu 10-09
        ("2026-12-20", 13, "2027-01-04"), // ends Sat 2027-01-02 (no data) → Mon
        ("2026-02-24", -1, "2026-02-24"), // 02-23 is off → the next workday
    ];
    for (a, n, b) in cases {
        assert_eq!(
            cal.add_natural_days(d(a), n),
            d(b),
            "{a} + {n} natural days"
        );
    }
}

#[test]
fn next_and_previous_workdays() {
    let cal = Calendar::cn();
    assert_eq!(
        cal.next_workday_on_or_after(d("2026-02-14")),
        d("2026-02-14")
    );
    assert_eq!(
        cal.next_workday_on_or_after(d("2026-02-15")),
        d("2026-02-24")
    );
    assert_eq!(cal.next_workday_after(d("2026-02-13")), d("2026-02-14"));
    assert_eq!(cal.next_workday_after(d("2026-02-14")), d("2026-02-24"));
    assert_eq!(
        cal.previous_workday_before(d("2026-02-24")),
        d("2026-02-14")
    );
    assert_eq!(
        cal.previous_workday_before(d("2026-02-20")),
        d("2026-02-14")
    );
    assert_eq!(
        cal.previous_workday_before(d("2026-03-02")),
        d("2026-02-28")
    );
}

#[test]
fn horizon_years_are_monday_to_friday_and_reported() {
    let cal = Calendar::cn();
    assert_eq!(
        Calendar::horizon_warning(2027),
        "2027 holiday arrangement not in the calendar; assumed Monday–Friday"
    );
    assert_eq!(
        cal.years_without_data(d("2019-01-01"), d("2026-12-31")),
        Vec::<i32>::new()
    );
    assert_eq!(
        cal.years_without_data(d("2026-12-01"), d("2027-01-10")),
        vec![2027]
    );
    assert_eq!(
        cal.years_without_data(d("2028-03-01"), d("2018-03-01")),
        vec![2018, 2027, 2028]
    );
    // 2027-01-01 (Fri) would surely be 元旦, but there is no notice yet.
    assert_eq!(cal.day(d("2027-01-01")).kind, DayKind::Workday);
    assert_eq!(cal.day(d("2027-01-02")).kind, DayKind::Weekend);
    let start = d("2026-12-25");
    let end = cal.add_working_days(start, 10);
    assert_eq!(end, d("2027-01-08"));
    assert_eq!(cal.years_without_data(start, end), vec![2027]);
}
