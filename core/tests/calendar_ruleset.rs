//! `[calendar]` in rulesets: a new year's notice entered by a bureau, merged through `extends`.

use chrono::NaiveDate;
use shenpi_core::calendar::{Calendar, DayKind};
use shenpi_core::ruleset::{self, Resolver};

struct Parent;

impl Resolver for Parent {
    fn resolve(&self, name: &str, _from: &str) -> Result<(String, String), String> {
        match name {
            "parent.toml" => Ok((
                "parent.toml".to_owned(),
                "[ruleset]\nid = \"province\"\n\n[calendar]\nyears = [2027]\n\
                 holidays = [{ from = 2027-02-06, to = 2027-02-12, name = \"春节\" }]\n\
                 workdays = [{ date = 2027-02-20, name = \"春节调休上班\" }]\n"
                    .to_owned(),
            )),
            _ => Err("no such file".to_owned()),
        }
    }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn additions_and_years_merge_through_extends() {
    let child = "[ruleset]\nid = \"city\"\nextends = \"parent.toml\"\n\n[calendar]\n\
                 holidays = [{ date = 2027-01-01, name = \"元旦\" }]\n";
    let loaded = ruleset::load("city.toml", child, &Parent);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let rs = loaded.ruleset.unwrap();
    assert_eq!(rs.calendar_additions.complete_years, [2027]);
    assert_eq!(rs.calendar_additions.holidays.len(), 8);
    let cal = Calendar::cn().with_additions(&rs.calendar_additions);
    assert_eq!(cal.day(d("2027-02-08")).kind, DayKind::Holiday);
    assert_eq!(cal.day(d("2027-02-20")).kind, DayKind::MakeupWorkday);
    assert!(!cal.is_workday(d("2027-01-01")));
    assert!(
        cal.years_without_data(d("2027-01-01"), d("2027-12-31"))
            .is_empty()
    );
    // Accepted Fri 2027-02-05: 02-06 … 02-12 off, so 3 working days end Wed 02-17.
    assert_eq!(cal.add_working_days(d("2027-02-05"), 3), d("2027-02-17"));
}

#[test]
fn calendar_dates_outside_the_data_range_are_errors() {
    let text =
        "[ruleset]\nid = \"far\"\n\n[calendar]\nholidays = [{ date = 2101-01-01, name = \"x\" }]\n";
    let loaded = ruleset::load("far.toml", text, &Parent);
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["calendar-range"]);
    let (file, line, _) = loaded.diagnostics[0].location(&loaded.sources).unwrap();
    assert_eq!((file, line), ("far.toml", 5));
}

#[test]
fn project_calendar_days_are_checked_like_a_rulesets() {
    use shenpi_core::project::{self, ProjectFormat};
    use shenpi_core::source::Sources;
    let rs = ruleset::load_builtin("cn-national-2019")
        .unwrap()
        .ruleset
        .unwrap();
    for (day, code) in [
        ("2101-01-01", "calendar-range"),
        ("1980-05-01", "calendar-range"),
    ] {
        let text = format!(
            "type = \"social-general\"\nstart = 2026-03-02\n\n[attributes]\ninvestment = \"social\"\n\
             kind = \"building\"\n\n[calendar]\nholidays = [{{ date = {day}, name = \"x\" }}]\n"
        );
        let mut sources = Sources::new();
        let raw = project::parse("p.toml", &text, ProjectFormat::Toml, &mut sources).unwrap();
        let diags = project::resolve(&raw, &rs, d("2026-03-02")).unwrap_err();
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [code], "{day}");
    }
}
