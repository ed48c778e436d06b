//! Any bytes, read as a project file (TOML or JSON) against a built-in ruleset, must resolve
//! or produce diagnostics; a project that resolves must plan and render in every format,
//! without a panic, and its plan must keep the scheduler's invariants.

#![no_main]

mod common;

use chrono::NaiveDate;
use common::planner;
use libfuzzer_sys::fuzz_target;
use shenpi_core::project::{self, ProjectFormat};
use shenpi_core::render::{self, Format, Options};
use shenpi_core::source::Sources;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut sources = Sources::new();
    let Ok(raw) = project::parse("fuzz", &text, ProjectFormat::sniff(&text), &mut sources) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let Ok(project) = project::resolve(&raw, &planner().ruleset, today) else {
        return;
    };
    let plan = planner().plan(&project);
    for item in &plan.items {
        assert!(
            item.total_float >= 0 && item.free_float >= 0 && item.free_float <= item.total_float
        );
        assert!(item.accepted <= item.decided);
    }
    for format in Format::ALL {
        let options = Options {
            color: false,
            bom: false,
            calendar: Some(planner().calendar()),
        };
        let _ = render::render(&plan, format, &options);
    }
});
