use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn day(date: &str, name: &str) -> SpecialDay {
    SpecialDay {
        date: d(date),
        name: name.to_owned(),
    }
}

#[test]
fn additions_give_a_new_year_and_silence_its_warning() {
    let base = Calendar::cn();
    let additions = CalendarAdditions {
        holidays: vec![day("2027-01-01", "元旦")],
        workdays: vec![],
        complete_years: vec![2027],
    };
    let cal = base.with_additions(&additions);
    let info = cal.day(d("2027-01-01"));
    assert_eq!(info.kind, DayKind::Holiday);
    assert_eq!(info.name.as_deref(), Some("元旦"));
    assert_eq!(cal.add_working_days(d("2026-12-31"), 1), d("2027-01-04"));
    assert!(
        cal.years_without_data(d("2026-12-31"), d("2027-12-31"))
            .is_empty()
    );
    assert_eq!(cal.years_with_data(), (2019..=2027).collect::<Vec<_>>());
    // The built-in calendar is unchanged.
    assert!(base.is_workday(d("2027-01-01")));
    assert_eq!(
        base.years_without_data(d("2027-01-01"), d("2027-01-01")),
        [2027]
    );
}

#[test]
fn additions_override_built_in_days() {
    let cal = Calendar::cn().with_additions(&CalendarAdditions {
        // A local day off on a built-in make-up Saturday, a local working Monday inside 春节.
        holidays: vec![day("2026-02-14", "本地假日"), day("2026-03-04", "x")],
        workdays: vec![day("2026-02-16", "本地上班"), day("2026-03-04", "本地上班")],
        complete_years: vec![],
    });
    assert_eq!(cal.day(d("2026-02-14")).kind, DayKind::Holiday);
    assert_eq!(cal.day(d("2026-02-14")).name.as_deref(), Some("本地假日"));
    let monday = cal.day(d("2026-02-16"));
    assert_eq!(
        (monday.kind, monday.name.as_deref()),
        (DayKind::Workday, Some("本地上班"))
    );
    // Listed both ways: the workday wins.
    assert!(cal.is_workday(d("2026-03-04")));
    // Accepted Fri 02-13: Sat 02-14 is lost, Mon 02-16 gained: 02-16, 02-24 … 02-27.
    assert_eq!(cal.add_working_days(d("2026-02-13"), 4), d("2026-02-26"));
    assert_eq!(
        cal.working_days_between(d("2026-02-13"), d("2026-02-24")),
        2
    );
    // An empty name is no name; an addition outside the window is ignored.
    let cal = cal.with_additions(&CalendarAdditions {
        holidays: vec![day("2026-03-05", ""), day("2200-01-01", "far")],
        ..CalendarAdditions::default()
    });
    assert_eq!(cal.day(d("2026-03-05")).name, None);
    assert!(cal.is_workday(d("2200-01-01")));
}

#[test]
fn weekend_addition_as_workday_is_a_makeup_day() {
    let cal = Calendar::cn().with_additions(&CalendarAdditions {
        workdays: vec![day("2027-02-20", "春节调休上班")],
        ..CalendarAdditions::default()
    });
    assert_eq!(cal.day(d("2027-02-20")).kind, DayKind::MakeupWorkday);
}

#[test]
fn index_is_continuous_across_the_window_edges() {
    let cal = Calendar::cn();
    for (from, to) in [("1989-11-01", "1990-03-01"), ("2100-11-01", "2101-03-01")] {
        let mut prev: Option<(NaiveDate, i64)> = None;
        for x in d(from).iter_days().take_while(|x| *x <= d(to)) {
            let i = cal.workday_index(x);
            if let Some((p, pi)) = prev {
                let step = if cal.is_workday(x) { 1 } else { 0 };
                assert_eq!(i, pi + step, "{p} → {x}");
            }
            if cal.is_workday(x) {
                assert_eq!(cal.date_of_workday_index(i), x);
            }
            prev = Some((x, i));
        }
    }
    // Outside the window it is Monday–Friday.
    assert!(cal.is_workday(d("1989-12-29")));
    assert!(!cal.is_workday(d("1989-12-30")));
    assert_eq!(cal.add_working_days(d("1989-12-29"), 1), d("1990-01-01"));
    assert_eq!(cal.add_working_days(d("2100-12-31"), 1), d("2101-01-03"));
}

#[test]
fn extreme_dates_never_panic_and_saturate() {
    let cal = Calendar::cn();
    let dates = [
        NaiveDate::MIN,
        NaiveDate::MIN.succ_opt().unwrap(),
        NaiveDate::MAX,
        NaiveDate::MAX.pred_opt().unwrap(),
        d("0000-01-01"),
        d("1990-01-01"),
        d("2100-12-31"),
    ];
    let counts = [0, 1, -1, 1000, -1000, i64::MAX, i64::MIN, i64::MAX - 1];
    for &x in &dates {
        let _ = cal.day(x);
        let _ = cal.next_workday_on_or_after(x);
        let _ = cal.next_workday_after(x);
        let _ = cal.previous_workday_before(x);
        let _ = cal.years_without_data(x, d("2026-01-01"));
        for &n in &counts {
            let _ = cal.add_working_days(x, n);
            let _ = cal.add_natural_days(x, n);
            let _ = cal.date_of_workday_index(n);
        }
        for &y in &dates {
            let _ = cal.working_days_between(x, y);
        }
    }
    assert_eq!(
        cal.add_working_days(d("2026-01-05"), i64::MAX),
        NaiveDate::MAX
    );
    assert_eq!(
        cal.add_working_days(d("2026-01-05"), i64::MIN),
        NaiveDate::MIN
    );
    assert_eq!(
        cal.add_natural_days(d("2026-01-05"), i64::MIN),
        cal.next_workday_on_or_after(NaiveDate::MIN)
    );
    assert_eq!(cal.next_workday_after(NaiveDate::MAX), NaiveDate::MAX);
    assert_eq!(cal.previous_workday_before(NaiveDate::MIN), NaiveDate::MIN);
    // Far from the window, counting is plain Monday–Friday.
    let far = NaiveDate::from_ymd_opt(200_000, 3, 3).unwrap(); // a Friday
    assert_eq!(far.weekday(), chrono::Weekday::Fri);
    assert_eq!(cal.add_working_days(far, 1), far + chrono::Days::new(3));
    assert_eq!(cal.year_days(300_000).len(), 0);
    assert_eq!(cal.year_days(2024).len(), 366);
}

#[test]
fn weekdays_only_has_no_data() {
    let cal = Calendar::weekdays_only();
    assert!(cal.is_workday(d("2026-02-16")));
    assert_eq!(
        cal.years_without_data(d("2026-01-01"), d("2026-01-01")),
        [2026]
    );
    assert_eq!(
        cal.working_days_between(d("2026-01-05"), d("2026-01-12")),
        5
    );
}

/// Brute force: step day by day.
fn count_naive(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> i64 {
    let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let n = lo
        .iter_days()
        .skip(1)
        .take_while(|x| *x <= hi)
        .filter(|x| cal.is_workday(*x))
        .count() as i64;
    sign * n
}

fn add_naive(cal: &Calendar, accepted: NaiveDate, n: i64) -> NaiveDate {
    let mut x = accepted;
    while !cal.is_workday(x) {
        x = x.succ_opt().unwrap();
    }
    for _ in 0..n.abs() {
        loop {
            x = if n > 0 { x.succ_opt() } else { x.pred_opt() }.unwrap();
            if cal.is_workday(x) {
                break;
            }
        }
    }
    x
}

fn date_in(years: std::ops::Range<i32>) -> impl Strategy<Value = NaiveDate> {
    (years, 1u32..=366).prop_map(|(y, o)| {
        NaiveDate::from_yo_opt(y, o).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
    })
}

proptest! {
    #[test]
    fn add_inverts_between_for_workdays(a in date_in(2015..2031), b in date_in(2015..2031)) {
        let cal = Calendar::cn();
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let (a, b) = (cal.next_workday_on_or_after(a), cal.previous_workday_before(b.succ_opt().unwrap()));
        prop_assume!(a <= b);
        prop_assert_eq!(cal.add_working_days(a, cal.working_days_between(a, b)), b);
    }

    #[test]
    fn between_counts_like_brute_force(a in date_in(2017..2029), len in -400i64..400) {
        let cal = Calendar::cn();
        let b = a + chrono::Duration::days(len);
        prop_assert_eq!(cal.working_days_between(a, b), count_naive(&cal, a, b));
    }

    #[test]
    fn add_counts_like_brute_force(a in date_in(2017..2029), n in -60i64..60) {
        let cal = Calendar::cn();
        prop_assert_eq!(cal.add_working_days(a, n), add_naive(&cal, a, n));
    }

    #[test]
    fn index_round_trips_anywhere(n in -90_000_000i64..90_000_000) {
        let cal = Calendar::cn();
        let x = weekday::date_of(n);
        let i = cal.workday_index(x);
        let back = cal.date_of_workday_index(i);
        prop_assert!(back <= x);
        prop_assert!(cal.is_workday(back));
        prop_assert_eq!(cal.workday_index(back), i);
        if cal.is_workday(x) {
            prop_assert_eq!(back, x);
        }
    }
}

#[test]
fn horizon_warnings_group_consecutive_years() {
    assert_eq!(Calendar::horizon_warnings(&[]), Vec::<String>::new());
    assert_eq!(
        Calendar::horizon_warnings(&[2018, 2027, 2028, 2029]),
        [
            "2018 holiday arrangement not in the calendar; assumed Monday–Friday",
            "2027–2029 holiday arrangements not in the calendar; assumed Monday–Friday",
        ]
    );
}

proptest! {
    /// Layered additions keep the cumulative tables consistent with the per-day kinds.
    #[test]
    fn additions_keep_counts_consistent(
        holidays in proptest::collection::vec(date_in(2018..2030), 0..20),
        workdays in proptest::collection::vec(date_in(2018..2030), 0..20),
        a in date_in(2017..2031),
        len in -800i64..800,
        n in -80i64..80,
    ) {
        let named = |v: &[NaiveDate]| v.iter().map(|&date| SpecialDay { date, name: "x".into() }).collect();
        let half = holidays.len() / 2;
        let cal = Calendar::cn()
            .with_additions(&CalendarAdditions { holidays: named(&holidays[..half]), ..Default::default() })
            .with_additions(&CalendarAdditions {
                holidays: named(&holidays[half..]),
                workdays: named(&workdays),
                complete_years: vec![],
            });
        for w in &workdays {
            prop_assert!(cal.is_workday(*w));
        }
        let b = a + chrono::Duration::days(len);
        prop_assert_eq!(cal.working_days_between(a, b), count_naive(&cal, a, b));
        prop_assert_eq!(cal.add_working_days(a, n), add_naive(&cal, a, n));
    }
}
