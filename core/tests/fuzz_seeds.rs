//! The fuzz targets' checks, replayed by `cargo test` on their seeds (`fuzz/seeds/<target>/`:
//! deeply nested, huge, hostile and boundary inputs written by hand) and on every ruleset
//! and project file in the repository. A fuzzer run starts from the same seeds:
//! `cargo +nightly fuzz run load_ruleset fuzz/seeds/load_ruleset`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shenpi_core::diagnostic::{has_errors, render_text, to_json};
use shenpi_core::engine::Planner;
use shenpi_core::project::{self, ProjectFormat};
use shenpi_core::render::{self, Format, Options};
use shenpi_core::ruleset::{self, Resolver};
use shenpi_core::source::Sources;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// The files of `dir` (recursively) ending in `ext`, sorted.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn seeds(target: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    files(&repo().join("fuzz/seeds").join(target), ext, &mut out);
    assert!(!out.is_empty(), "no seeds for {target}");
    out
}

fn text(path: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()
}

/// As the `load_ruleset` target: parents resolve to the text itself, except `missing…`.
struct SelfResolver<'a>(&'a str);

impl Resolver for SelfResolver<'_> {
    fn resolve(&self, name: &str, _from: &str) -> Result<(String, String), String> {
        if name.starts_with("missing") {
            return Err(format!("no `{name}`"));
        }
        Ok((name.to_owned(), self.0.to_owned()))
    }
}

#[test]
fn load_ruleset_seeds_and_every_ruleset_in_the_repository() {
    let mut paths = seeds("load_ruleset", "toml");
    files(&repo().join("rulesets"), "toml", &mut paths);
    files(&repo().join("tests/fixtures"), "toml", &mut paths);
    files(&repo().join("core/tests/fixtures"), "toml", &mut paths);
    for path in &paths {
        let text = text(path);
        let loaded = ruleset::load("fuzz.toml", &text, &SelfResolver(&text));
        assert_eq!(
            loaded.ruleset.is_some(),
            !has_errors(&loaded.diagnostics),
            "{}",
            path.display()
        );
        let _ = render_text(&loaded.diagnostics, &loaded.sources, false);
        let _ = render_text(&loaded.diagnostics, &loaded.sources, true);
        let json = to_json(&loaded.diagnostics, &loaded.sources);
        serde_json::to_string(&json).expect("diagnostics serialize");
    }
}

fn planner() -> Planner {
    Planner::new(
        ruleset::load_builtin("hubei-shiyan-2022")
            .unwrap()
            .ruleset
            .unwrap(),
    )
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

#[test]
fn plan_project_seeds_and_every_example_project() {
    let planner = planner();
    let mut paths = seeds("plan_project", "toml");
    files(&repo().join("examples"), "toml", &mut paths);
    for path in &paths {
        let text = text(path);
        let mut sources = Sources::new();
        let Ok(raw) = project::parse("fuzz", &text, ProjectFormat::sniff(&text), &mut sources)
        else {
            continue;
        };
        let Ok(project) = project::resolve(&raw, &planner.ruleset, today()) else {
            continue;
        };
        let plan = planner.plan(&project);
        for item in &plan.items {
            assert!(
                item.total_float >= 0 && item.free_float >= 0,
                "{}",
                path.display()
            );
            assert!(item.free_float <= item.total_float && item.accepted <= item.decided);
        }
        for format in Format::ALL {
            let options = Options {
                color: false,
                bom: false,
                calendar: Some(planner.calendar()),
            };
            let _ = render::render(&plan, format, &options);
        }
    }
}

#[test]
fn plan_json_project_seeds_read_alike_both_ways() {
    let planner = planner();
    for path in seeds("plan_json_project", "json") {
        let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
            continue;
        };
        let mut sources = Sources::new();
        let Ok(direct) = project::parse_json("fuzz.json", &text, &mut sources) else {
            continue;
        };
        let direct = project::resolve(&direct, &planner.ruleset, today());
        let mut sources = Sources::new();
        let Ok(via_toml) = project::parse("fuzz.json", &text, ProjectFormat::Json, &mut sources)
        else {
            continue;
        };
        let via_toml = project::resolve(&via_toml, &planner.ruleset, today());
        match (direct, via_toml) {
            (Ok(a), Ok(b)) => assert_eq!(planner.plan(&a).to_json(), planner.plan(&b).to_json()),
            (Err(_), Err(_)) => {}
            (a, b) => panic!(
                "{}: the two readers disagree: {:?} / {:?}",
                path.display(),
                a.err(),
                b.err()
            ),
        }
    }
}
