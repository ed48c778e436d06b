//! `status`: progress counted as 行政许可法 counts it, coloured by a warning profile, and the
//! rest re-forecast. Every number below was counted by hand on the 2026 calendar (清明:
//! 4月4日至6日 off, Sat–Mon) and is written out in the comments; the calendar itself is
//! tested against independent data elsewhere (calendar_oracle.rs).
//!
//! The plan of the test ruleset, from a start on Mon 2026-03-02:
//! - `plan-permit` (approval, 20 wd): 03-02 → 03-30 (Mar 3–6: 4, 9–13: 9, 16–20: 14,
//!   23–27: 19, 30: 20);
//! - stage 2 after stage 1: `review` (technical, 10 wd) 03-30 → 04-14 (Mar 31–Apr 3: 4,
//!   Apr 7–10: 8, 13–14: 10) and `fire` (approval, 15 wd) 03-30 → 04-21 (15–17: 13,
//!   20–21: 15);
//! - `permit` (approval, 7 wd) after stage 2: 04-21 → 04-30 (22–24: 3, 27–30: 7);
//! - `works` (100 natural days) from 04-30: construction start 04-30.

use chrono::NaiveDate;
use shenpi_core::engine::Planner;
use shenpi_core::project::{self, ProjectFormat};
use shenpi_core::source::Sources;
use shenpi_core::status::{self, Acceptance, Colour, State, Status};

const RULESET: &str = r#"
[ruleset]
id = "track"
name = "tracking test"

[[project_type]]
id = "any"
name = "任意"
target = { total = 45 }

[[stage]]
id = "s1"
name = "立项用地规划许可"

[[stage]]
id = "s2"
name = "工程建设许可"
after = ["s1"]

[[stage]]
id = "s3"
name = "施工许可"
after = ["s2"]

[[item]]
id = "plan-permit"
name = "建设工程规划许可"
department = "自然资源"
stage = "s1"
limit = 20
estimate = "t"

[[item]]
id = "review"
name = "施工图审查"
department = "图审机构"
stage = "s2"
limit = 10
clock = "technical"
estimate = "t"

[[item]]
id = "fire"
name = "消防设计审查"
department = "住建"
stage = "s2"
limit = 15
estimate = "t"

[[item]]
id = "permit"
name = "施工许可"
department = "住建"
stage = "s3"
limit = 7
estimate = "t"

[[item]]
id = "works"
name = "施工"
department = "建设单位"
stage = "s3"
after = ["permit"]
works = true
limit = 100
estimate = "t"
"#;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn planner() -> Planner {
    let loaded =
        shenpi_core::ruleset::load("track.toml", RULESET, &shenpi_core::ruleset::BuiltinsOnly);
    Planner::new(loaded.ruleset.expect("the test ruleset compiles"))
}

/// The status of a project starting 2026-03-02 with `progress` (TOML tables) on `as_of`.
fn status<'a>(planner: &'a Planner, progress: &str, as_of: &str) -> Status<'a> {
    try_status(planner, progress, as_of).unwrap_or_else(|e| panic!("{e}"))
}

fn try_status<'a>(planner: &'a Planner, progress: &str, as_of: &str) -> Result<Status<'a>, String> {
    let text = format!("type = \"any\"\nstart = 2026-03-02\n{progress}");
    let mut sources = Sources::new();
    let raw = project::parse("p.toml", &text, ProjectFormat::Toml, &mut sources)
        .map_err(|d| shenpi_core::diagnostic::render_text(&[d], &sources, false))?;
    let p = project::resolve(&raw, &planner.ruleset, date("2026-03-02"))
        .map_err(|d| shenpi_core::diagnostic::render_text(&d, &sources, false))?;
    status::track(planner, &p, date(as_of), None)
        .map_err(|d| shenpi_core::diagnostic::render_text(&d, &sources, false))
}

fn item<'s>(s: &'s Status, id: &str) -> &'s status::ItemStatus<'s> {
    s.items.iter().find(|i| i.id.as_str() == id).unwrap()
}

#[test]
fn a_timely_correction_notice_starts_the_clock_when_the_materials_are_complete() {
    let p = planner();
    // Submitted Mon 03-02, notice Wed 03-04 (2 wd later, within 5): the clock runs from
    // Mon 03-09, the day the complete materials came in. 20 wd from 03-09: Mar 10–13: 4,
    // 16–20: 9, 23–27: 14, Mar 30–Apr 3: 19, Apr 7: 20 (Apr 6 is 清明) → runs out 04-07.
    // Decided Fri 04-03 = 19 wd: on time, with 1 day to spare.
    let s = status(
        &p,
        "[progress.plan-permit]\nsubmitted = 2026-03-02\ncorrection = { notified = 2026-03-04, completed = 2026-03-09 }\ndecided = 2026-04-03\n",
        "2026-04-03",
    );
    let i = item(&s, "plan-permit");
    assert_eq!(i.accepted, Some(date("2026-03-09")));
    assert_eq!(i.acceptance, Some(Acceptance::AfterCorrection));
    assert_eq!((i.used, i.limit, i.days_left), (Some(19), 20, Some(1)));
    assert_eq!(i.limit_ends, Some(date("2026-04-07")));
    assert_eq!(i.state, State::DecidedOnTime);
    assert_eq!(i.colour, Some(Colour::Green));
    // Decided 4 wd after the baseline's 03-30 (Mar 31, Apr 1, 2, 3): everything after slips 4.
    assert_eq!(i.slip, 4);
    assert_eq!(item(&s, "permit").slip, 4);
}

#[test]
fn a_late_correction_notice_makes_the_submission_day_the_acceptance_day() {
    let p = planner();
    // Submitted Mon 03-02; a notice could come up to 5 wd later, Mon 03-09. It came Tue
    // 03-10 (6 wd), so the clock runs from 03-02 (第三十二条). Decided Wed 04-01: Mar 3–6: 4,
    // 9–13: 9, 16–20: 14, 23–27: 19, 30, 31: 21, Apr 1: 22 wd of 20 → late by 2.
    let s = status(
        &p,
        "[progress.plan-permit]\nsubmitted = 2026-03-02\ncorrection = { notified = 2026-03-10, completed = 2026-03-12 }\naccepted = 2026-03-12\ndecided = 2026-04-01\n",
        "2026-04-01",
    );
    let i = item(&s, "plan-permit");
    assert_eq!(i.accepted, Some(date("2026-03-02")));
    assert_eq!(
        i.acceptance,
        Some(Acceptance::Deemed {
            deadline: date("2026-03-09")
        })
    );
    assert_eq!((i.used, i.days_left), (Some(22), Some(-2)));
    assert_eq!(i.state, State::DecidedLate);
    assert_eq!(i.colour, Some(Colour::Overdue));
    assert!(s.has_red(), "a late decision fails --strict");
}

#[test]
fn a_suspension_for_expert_review_is_not_counted() {
    let p = planner();
    // `fire` accepted Mon 03-30, expert review Wed 04-08 to Fri 04-10 (3 wd). On Mon 04-20:
    // Mar 31–Apr 3: 4, Apr 7–10: 8, 13–17: 13, 20: 14 wd, less 3 suspended = 11 of 15:
    // 73 % (past 50 %, not past 90 %): yellow under 恩施's profile, 4 days left. The limit
    // runs out 15 + 3 = 18 wd after 03-30: Fri 04-24.
    let s = status(
        &p,
        "[progress.plan-permit]\naccepted = 2026-03-02\ndecided = 2026-03-30\n\
         [progress.fire]\naccepted = 2026-03-30\nsuspensions = [{ from = 2026-04-08, to = 2026-04-10, reason = \"expert_review\" }]\n",
        "2026-04-20",
    );
    let i = item(&s, "fire");
    assert_eq!((i.used, i.suspended, i.days_left), (Some(11), 3, Some(4)));
    assert_eq!(i.percent_used, Some(73));
    assert_eq!(i.state, State::InReview);
    assert_eq!(i.colour, Some(Colour::Yellow));
    assert_eq!(i.limit_ends, Some(date("2026-04-24")));
    // The forecast decides it when its limit runs out, 3 wd after the baseline's 04-21.
    assert_eq!(i.forecast[1], date("2026-04-24"));
    assert_eq!(i.slip, 3);
    // `review` was never recorded: its prerequisites are decided, so it can be applied for,
    // and nothing is accepted before the as-of day: 04-20 + 10 wd: Apr 21–24: 4, 27–30: 8,
    // May 1–5 劳动节, May 6, 7: 10 → 05-07.
    let r = item(&s, "review");
    assert_eq!(r.state, State::NotStarted);
    assert_eq!(r.forecast, [date("2026-04-20"), date("2026-05-07")]);
    assert_eq!(r.colour, None, "a technical review has no promised limit");
    // `permit` waits for stage 2 through its gate; the item that holds it is the one decided
    // last in the forecast, `review` (05-07, after `fire`'s 04-24).
    let permit = item(&s, "permit");
    assert_eq!(permit.state, State::WaitingForPrerequisites);
    assert_eq!(permit.waiting_for, ["review"]);
    assert_eq!(permit.forecast[0], date("2026-05-07"));
}

#[test]
fn an_extension_adds_ten_working_days() {
    let p = planner();
    // `permit` accepted Tue 04-21, limit 7 → Thu 04-30; extended by 10 wd on Tue 04-28
    // (within the limit): 17 wd: Apr 22–24: 3, 27–30: 7, May 1–5 劳动节, May 6–8: 10,
    // Sat May 9 (劳动节调休上班): 11, May 11–15: 16, Mon 05-18: 17. On Fri 05-15: 16 wd of 17
    // = 94 %: red (past 90 %); 1 day left. (Without the make-up Saturday it would be 15.)
    let s = status(
        &p,
        "[progress.plan-permit]\naccepted = 2026-03-02\ndecided = 2026-03-30\n\
         [progress.review]\naccepted = 2026-03-30\ndecided = 2026-04-14\n\
         [progress.fire]\naccepted = 2026-03-30\ndecided = 2026-04-21\n\
         [progress.permit]\naccepted = 2026-04-21\nextension = { approved = 2026-04-28 }\n",
        "2026-05-15",
    );
    let i = item(&s, "permit");
    assert_eq!((i.limit, i.extension_days), (17, 10));
    assert_eq!(
        (i.used, i.days_left, i.percent_used),
        (Some(16), Some(1), Some(94))
    );
    assert_eq!(i.colour, Some(Colour::Red));
    assert_eq!(i.limit_ends, Some(date("2026-05-18")));
}

#[test]
fn an_undecided_item_past_its_limit_is_overdue_and_forecast_from_the_as_of_day() {
    let p = planner();
    // `permit` accepted Tue 04-21, limit 7 → 04-30. On Fri 05-08: Apr 22–24: 3, 27–30: 7,
    // May 6–8: 10 wd (May 1–5 off) → 3 over. It cannot be decided before the as-of day, so
    // the works start no earlier than 05-08: 3 wd after the baseline's 04-30 (May 6, 7, 8).
    let s = status(
        &p,
        "[progress.plan-permit]\naccepted = 2026-03-02\ndecided = 2026-03-30\n\
         [progress.review]\naccepted = 2026-03-30\ndecided = 2026-04-14\n\
         [progress.fire]\naccepted = 2026-03-30\ndecided = 2026-04-21\n\
         [progress.permit]\naccepted = 2026-04-21\n",
        "2026-05-08",
    );
    let i = item(&s, "permit");
    assert_eq!((i.used, i.days_left), (Some(10), Some(-3)));
    assert_eq!(i.state, State::Overdue);
    assert_eq!(i.colour, Some(Colour::Overdue));
    assert_eq!(i.forecast[1], date("2026-05-08"));
    let start = s
        .key_dates
        .iter()
        .find(|k| k.id == "construction_start")
        .unwrap();
    assert_eq!(start.baseline, Some(date("2026-04-30")));
    assert_eq!(start.forecast, Some(date("2026-05-08")));
    assert_eq!(start.slip, Some(3));
    assert!(s.has_red());
}

#[test]
fn an_as_of_day_on_a_holiday_counts_to_the_workday_before_and_forecasts_from_the_one_after() {
    let p = planner();
    // As of Sun 04-05 (清明, 4–6 off): `fire` accepted 03-30 has counted Mar 31–Apr 3: 4 wd
    // (the same as on Fri 04-03). `review`, not applied for, is accepted on the next
    // workday, Tue 04-07, and takes 10 wd: Apr 8–10: 3, 13–17: 8, 20, 21: 10 → 04-21.
    let s = status(
        &p,
        "[progress.plan-permit]\naccepted = 2026-03-02\ndecided = 2026-03-30\n\
         [progress.fire]\naccepted = 2026-03-30\n",
        "2026-04-05",
    );
    assert_eq!(item(&s, "fire").used, Some(4));
    let r = item(&s, "review");
    assert_eq!(r.forecast, [date("2026-04-07"), date("2026-04-21")]);
    // Its baseline decision was 04-14: 5 wd later (Apr 15, 16, 17, 20, 21).
    assert_eq!(r.slip, 5);
}

/// The rendered diagnostics of a project whose progress is wrong.
fn error(progress: &str, as_of: &str) -> String {
    match try_status(&planner(), progress, as_of) {
        Ok(_) => panic!("accepted: {progress}"),
        Err(text) => text,
    }
}

#[test]
fn bad_progress_is_an_error_at_its_place() {
    insta::assert_snapshot!(
        "decided_before_accepted",
        error(
            "[progress.fire]\naccepted = 2026-04-02\ndecided = 2026-04-01\n",
            "2026-04-10"
        )
    );
    insta::assert_snapshot!(
        "dates_out_of_order",
        error(
            "[progress.fire]\nsubmitted = 2026-04-02\ncorrection = { notified = 2026-04-01, completed = 2026-04-03 }\n",
            "2026-04-10"
        )
    );
    insta::assert_snapshot!(
        "unknown_item",
        error("[progress.fier]\naccepted = 2026-04-02\n", "2026-04-10")
    );
    insta::assert_snapshot!(
        "after_as_of",
        error(
            "[progress.fire]\naccepted = 2026-04-02\ndecided = 2026-04-20\n",
            "2026-04-10"
        )
    );
    insta::assert_snapshot!(
        "before_start",
        error("[progress.fire]\naccepted = 2026-02-27\n", "2026-04-10")
    );
    insta::assert_snapshot!(
        "overlapping_suspensions",
        error(
            "[progress.fire]\naccepted = 2026-03-30\nsuspensions = [\n  { from = 2026-04-01, to = 2026-04-03, reason = \"testing\" },\n  { from = 2026-04-03, reason = \"hearing\" },\n]\n",
            "2026-04-10"
        )
    );
    insta::assert_snapshot!(
        "late_extension",
        error(
            "[progress.permit]\naccepted = 2026-04-21\nextension = { approved = 2026-05-06 }\n",
            "2026-05-08"
        )
    );
    insta::assert_snapshot!(
        "missing_acceptance",
        error("[progress.fire]\ndecided = 2026-04-01\n", "2026-04-10")
    );
    insta::assert_snapshot!(
        "unknown_suspension_reason",
        error(
            "[progress.fire]\naccepted = 2026-03-30\nsuspensions = [{ from = 2026-04-01, to = 2026-04-02, reason = \"lunch\" }]\n",
            "2026-04-10"
        )
    );
}

#[test]
fn every_built_in_ruleset_has_the_sourced_profiles_and_enshi_by_default() {
    for b in shenpi_core::builtin::RULESETS {
        let r = shenpi_core::ruleset::load_builtin(b.id)
            .and_then(|l| l.ruleset)
            .unwrap();
        let ids: Vec<&str> = r.warning_profiles.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["enshi", "yulin", "day-before"], "{}", b.id);
        assert_eq!(
            r.warning_profiles[r.warning_profile].id, "enshi",
            "{}",
            b.id
        );
        assert!(
            r.warning_profiles
                .iter()
                .all(|p| p.source.as_deref().is_some_and(|s| s.contains("http")))
        );
    }
}

#[test]
fn thresholds_are_past_or_from_as_their_documents_word_them() {
    use shenpi_core::status::Threshold;
    let planner = planner();
    let profile = |id: &str| {
        planner
            .ruleset
            .warning_profiles
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .clone()
    };
    // 恩施: 超过50% yellow, 超过90% red: exactly 50 % is still green, exactly 90 % yellow.
    let enshi = profile("enshi");
    let lights = |p: &WarningProfile, limit| {
        (0..=limit + 1)
            .map(|u| p.colour(u, limit))
            .collect::<Vec<_>>()
    };
    use Colour::*;
    use shenpi_core::status::WarningProfile;
    assert_eq!(
        lights(&enshi, 10),
        [
            Green, Green, Green, Green, Green, Green, Yellow, Yellow, Yellow, Yellow, Red, Overdue
        ]
    );
    // 榆林: 达到90% yellow; red only when overdue.
    assert_eq!(
        lights(&profile("yulin"), 10),
        [
            Green, Green, Green, Green, Green, Green, Green, Green, Green, Yellow, Yellow, Overdue
        ]
    );
    // 到期前一个工作日: yellow with 1 day left (and on the last day), overdue after.
    assert_eq!(
        lights(&profile("day-before"), 3),
        [Green, Green, Yellow, Yellow, Overdue]
    );
    // A limit of 0 (即办): the decision day itself is the last day.
    assert_eq!(enshi.colour(0, 0), Green);
    assert_eq!(
        Threshold::DaysLeft(1).describe(),
        "1 working day of the limit left or less"
    );
}

#[test]
fn a_ruleset_may_add_a_profile_replace_one_and_choose_its_default() {
    let text = RULESET.replacen(
        "name = \"tracking test\"",
        "name = \"tracking test\"\nwarning_profile = \"strict\"",
        1,
    ) + r#"
[[warning_profile]]
id = "strict"
name = "本地：过半即红"
source = "t"
red = { over_percent = 50 }

[[warning_profile]]
id = "yulin"
name = "榆林（改）"
source = "t"
yellow = { from_percent = 80 }
"#;
    let r = shenpi_core::ruleset::load("r.toml", &text, &shenpi_core::ruleset::BuiltinsOnly)
        .ruleset
        .unwrap();
    let ids: Vec<&str> = r.warning_profiles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["enshi", "yulin", "day-before", "strict"]);
    assert_eq!(r.warning_profiles[r.warning_profile].id, "strict");
    assert_eq!(r.warning_profiles[1].name, "榆林（改）");
    let planner = Planner::new(r);
    // `fire` at 11 of 15 (see the suspension test) is red under a profile red past 50 %.
    let s = status(
        &planner,
        "[progress.plan-permit]\naccepted = 2026-03-02\ndecided = 2026-03-30\n\
         [progress.fire]\naccepted = 2026-03-30\nsuspensions = [{ from = 2026-04-08, to = 2026-04-10, reason = \"expert_review\" }]\n",
        "2026-04-20",
    );
    assert_eq!(s.profile.id, "strict");
    assert_eq!(item(&s, "fire").colour, Some(Colour::Red));
}

#[test]
fn a_suspension_under_way_stops_the_clock_until_the_as_of_day() {
    let p = planner();
    // `fire` accepted Mon 03-30; testing (检测) since Mon 04-13, not ended. On Fri 04-17:
    // Mar 31–Apr 3: 4, Apr 7–10: 8 wd counted; Apr 13–17 (5 wd) suspended. 8 of 15 = 53 %:
    // yellow. The limit runs out 15 + 5 = 20 wd after 03-30: Apr 20–24: 18, 27, 28: 20 →
    // Tue 04-28, if the testing ends today.
    let s = status(
        &p,
        "[progress.plan-permit]\naccepted = 2026-03-02\ndecided = 2026-03-30\n\
         [progress.fire]\naccepted = 2026-03-30\nsuspensions = [{ from = 2026-04-13, reason = \"testing\" }]\n",
        "2026-04-17",
    );
    let i = item(&s, "fire");
    assert_eq!((i.used, i.suspended, i.suspended_now), (Some(8), 5, true));
    assert_eq!(i.colour, Some(Colour::Yellow));
    assert_eq!(i.limit_ends, Some(date("2026-04-28")));
}

#[test]
fn a_submission_without_a_notice_runs_the_clock_from_the_submission_day() {
    let p = planner();
    // Submitted Mon 03-02, nothing since: the agency had until Mon 03-09 to notify a
    // correction; it did not, so the clock runs from 03-02. On Wed 03-25: Mar 3–6: 4, 9–13: 9,
    // 16–20: 14, 23–25: 17 of 20 = 85 %: yellow, 3 left.
    let s = status(
        &p,
        "[progress.plan-permit]\nsubmitted = 2026-03-02\n",
        "2026-03-25",
    );
    let i = item(&s, "plan-permit");
    assert_eq!(i.acceptance, Some(Acceptance::Submitted));
    assert_eq!(
        (i.used, i.days_left, i.colour),
        (Some(17), Some(3), Some(Colour::Yellow))
    );
    // An acceptance recorded more than 5 working days after submission without a notice is
    // deemed to be the submission day as well.
    let s = status(
        &p,
        "[progress.plan-permit]\nsubmitted = 2026-03-02\naccepted = 2026-03-16\n",
        "2026-03-25",
    );
    assert_eq!(
        item(&s, "plan-permit").acceptance,
        Some(Acceptance::Deemed {
            deadline: date("2026-03-09")
        })
    );
    // A timely correction notice with the materials still awaited: the clock has not started.
    let s = status(
        &p,
        "[progress.plan-permit]\nsubmitted = 2026-03-02\ncorrection = { notified = 2026-03-03 }\n",
        "2026-03-25",
    );
    let i = item(&s, "plan-permit");
    assert_eq!((i.state, i.used, i.colour), (State::Correcting, None, None));
    // It is forecast to be accepted on the as-of day at the earliest: 03-25 + 20 wd.
    assert_eq!(i.forecast[0], date("2026-03-25"));
}

#[test]
fn the_template_s_progress_example_is_valid_once_uncommented() {
    let p = planner();
    let start = date("2026-03-02");
    let template = project::template(&p.ruleset, "track.toml", None, start);
    let progress: String = template
        .lines()
        .skip_while(|l| !l.starts_with("# [progress."))
        .map(|l| format!("{}\n", l.trim_start_matches("# ")))
        .collect();
    assert!(progress.starts_with("[progress.plan-permit]"), "{progress}");
    let decided = progress
        .lines()
        .find_map(|l| l.strip_prefix("decided = "))
        .unwrap()
        .to_owned();
    let s = status(&p, &progress, &decided);
    let i = item(&s, "plan-permit");
    // Accepted on the 2nd workday, decided 24 workdays later, 2 of them suspended; 20 + 10.
    assert_eq!((i.used, i.limit, i.suspended), (Some(22), 30, 2));
    assert_eq!(i.state, State::DecidedOnTime);
}
