//! Any bytes, read as a JSON project the way the web planner reads it (`project::parse_json`,
//! no TOML reader), must parse or produce a diagnostic without a panic. Where the text also
//! reads through the TOML path (`project::parse` with JSON converted to TOML), both must
//! resolve alike and, when they resolve, give byte-identical plans.

#![no_main]

mod common;

use chrono::NaiveDate;
use common::planner;
use libfuzzer_sys::fuzz_target;
use shenpi_core::project::{self, ProjectFormat};
use shenpi_core::source::Sources;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let ruleset = &planner().ruleset;
    let mut sources = Sources::new();
    let Ok(direct) = project::parse_json("fuzz.json", text, &mut sources) else {
        return;
    };
    let direct = project::resolve(&direct, ruleset, today);
    let mut sources = Sources::new();
    let Ok(via_toml) = project::parse("fuzz.json", text, ProjectFormat::Json, &mut sources) else {
        return;
    };
    let via_toml = project::resolve(&via_toml, ruleset, today);
    match (direct, via_toml) {
        (Ok(a), Ok(b)) => {
            assert_eq!(planner().plan(&a).to_json(), planner().plan(&b).to_json());
        }
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "the two readers disagree: direct {:?}, via TOML {:?}",
            a.err(),
            b.err()
        ),
    }
});
