//! Renderer tests: snapshots of every format for three projects of the `render-demo` fixture,
//! plus structural checks (SVG parses as XML, ICS parses as iCalendar, CSV round-trips,
//! one mermaid task per item with exact dates).

use chrono::NaiveDate;
use shenpi_core::calendar::Calendar;
use shenpi_core::engine::Planner;
use shenpi_core::plan::Plan;
use shenpi_core::project::{self, Project, ProjectFormat};
use shenpi_core::render::{self, Format, Options};
use shenpi_core::ruleset::{self, BuiltinsOnly};
use shenpi_core::source::Sources;

const RULESET: &str = include_str!("fixtures/render-demo.toml");

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn planner() -> Planner {
    let loaded = ruleset::load("render-demo.toml", RULESET, &BuiltinsOnly);
    let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    Planner::new(loaded.ruleset.unwrap())
}

fn project(p: &Planner, body: &str) -> Project {
    let mut sources = Sources::new();
    let raw = project::parse("p.toml", body, ProjectFormat::Toml, &mut sources).unwrap();
    project::resolve(&raw, &p.ruleset, date("2026-01-05")).unwrap()
}

/// The type's example (一般风险, 20000 m²) with the default measures, from Monday 2026-03-02.
fn example_plan() -> Plan<'static> {
    let p = planner();
    let pr = Project::example(&p.ruleset, "demo-building", date("2026-03-02")).unwrap();
    p.plan(&pr).into_owned()
}

/// A low-risk project (commitment applies) with the joint review switched off.
fn low_risk_plan() -> Plan<'static> {
    let p = planner();
    p.plan(&project(
        &p,
        r#"
name = "低风险仓库 <B区>, 二期"
type = "demo-building"
start = 2026-03-02
[attributes]
risk = "low"
floor_area = 5000
[measures]
joint-review = false
"#,
    ))
    .into_owned()
}

/// Statutory limits, a small building (no construction permit), across Spring Festival.
fn legal_plan() -> Plan<'static> {
    let p = planner();
    p.plan(&project(
        &p,
        r#"
name = "法定时限测算：小型配套用房"
type = "demo-building"
start = 2026-02-09
scenario = "legal"
[attributes]
risk = "high"
floor_area = 200
"#,
    ))
    .into_owned()
}

fn plans() -> [(&'static str, Plan<'static>); 3] {
    [
        ("example", example_plan()),
        ("low_risk", low_risk_plan()),
        ("legal", legal_plan()),
    ]
}

fn render_plain(plan: &Plan, format: Format) -> String {
    render::render(plan, format, &Options::default())
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshots_of_every_format() {
    for (name, plan) in plans() {
        for format in Format::ALL {
            let out = render_plain(&plan, format);
            insta::assert_snapshot!(format!("{name}.{}", format.extension()), out);
        }
    }
}

// ---------------------------------------------------------------- dispatcher

#[test]
fn format_names_round_trip_and_aliases_parse() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
        assert_eq!(f.name().to_uppercase().parse::<Format>(), Ok(f));
    }
    assert_eq!("markdown".parse::<Format>(), Ok(Format::Md));
    assert_eq!("ical".parse::<Format>(), Ok(Format::Ics));
    let err = "pdf".parse::<Format>().unwrap_err();
    assert!(
        err.contains("table, json, csv, md, mermaid, svg, ics"),
        "{err}"
    );
}

#[test]
fn dispatcher_passes_options_through() {
    let plan = example_plan();
    let calendar = Calendar::cn();
    let opts = Options {
        color: true,
        bom: true,
        calendar: Some(&calendar),
    };
    assert_eq!(
        render::render(&plan, Format::Table, &opts),
        render::table::render(&plan, true)
    );
    assert_eq!(
        render::render(&plan, Format::Csv, &opts),
        render::csv::render(&plan, true)
    );
    assert_eq!(
        render::render(&plan, Format::Svg, &opts),
        render::svg::render(&plan, &calendar)
    );
    assert_eq!(render::render(&plan, Format::Json, &opts), plan.to_json());
}

#[test]
fn rendering_is_deterministic() {
    for format in Format::ALL {
        assert_eq!(
            render_plain(&low_risk_plan(), format),
            render_plain(&low_risk_plan(), format),
            "{format}"
        );
    }
}

// ---------------------------------------------------------------- table

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn table_colour_only_adds_escape_codes() {
    for (_, plan) in plans() {
        let plain = render::table::render(&plan, false);
        let colour = render::table::render(&plan, true);
        assert!(!plain.contains('\x1b'));
        assert!(colour.contains("\x1b[31m"));
        assert_eq!(strip_ansi(&colour), plain);
    }
    // Critical rows are red, the one non-critical item (fire-review, float 4) is not.
    let colour = render::table::render(&low_risk_plan(), true);
    let row = |id: &str| {
        colour
            .lines()
            .find(|l| l.contains(&format!(" {id} ")))
            .unwrap()
            .to_owned()
    };
    assert!(row("drawing-review").starts_with("\x1b[31m"));
    assert!(!row("fire-review").starts_with('\x1b'));
}

#[test]
fn table_columns_line_up_with_chinese_text() {
    use unicode_width::UnicodeWidthStr;
    let out = render::table::render(&example_plan(), false);
    let items = out.split("Items (").nth(1).unwrap();
    let rows: Vec<&str> = items
        .lines()
        .skip(3)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(rows.len(), 7);
    // The display column where each row's acceptance date starts is the same.
    let columns: Vec<usize> = rows
        .iter()
        .map(|r| {
            let at = r.find("2026-").unwrap();
            UnicodeWidthStr::width(&r[..at])
        })
        .collect();
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "{columns:?}\n{items}"
    );
    assert!(out.contains("approval time  27 working days, target 25: missed by 2 days"));
}

// ---------------------------------------------------------------- csv

#[test]
fn csv_round_trips_through_the_reader() {
    for (_, plan) in plans() {
        let text = render::csv::render(&plan, false);
        assert!(text.ends_with("\r\n"));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(headers, render::csv::COLUMNS);
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), plan.items.len());
        for (r, item) in records.iter().zip(&plan.items) {
            assert_eq!(r.len(), 19);
            assert_eq!(&r[0], item.id);
            assert_eq!(&r[1], item.name);
            assert_eq!(&r[2], item.department);
            assert_eq!(&r[4], item.duration.to_string());
            assert_eq!(&r[8], item.accepted.to_string());
            assert_eq!(&r[9], item.decided.to_string());
            assert_eq!(&r[14], item.total_float.to_string());
            assert_eq!(&r[16], if item.critical { "true" } else { "false" });
            assert_eq!(&r[17], item.bundle.as_deref().unwrap_or(""));
            let preds: Vec<&str> = r[18].split(';').filter(|s| !s.is_empty()).collect();
            assert_eq!(item.predecessors, preds);
        }
    }
}

#[test]
fn csv_quotes_names_with_commas_and_quotes() {
    let text = render::csv::render(&low_risk_plan(), false);
    assert!(
        text.contains(r#"fire-review,"消防设计审查 & ""人防"", 技防",住房和城乡建设部门"#),
        "{text}"
    );
    let natural = text
        .lines()
        .find(|l| l.starts_with("plan-notice,"))
        .unwrap();
    assert!(natural.contains(",7,natural,applicant,5,"), "{natural}");
}

#[test]
fn csv_bom_is_only_a_prefix() {
    let plan = example_plan();
    let with = render::csv::render(&plan, true);
    let without = render::csv::render(&plan, false);
    assert!(with.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    assert_eq!(&with[3..], without);
    assert!(!without.starts_with('\u{feff}'));
}

// ---------------------------------------------------------------- mermaid

#[test]
fn mermaid_has_one_task_per_item_with_exact_dates() {
    for (_, plan) in plans() {
        let out = render::mermaid::render(&plan);
        assert!(out.starts_with("gantt\n"));
        assert!(out.contains("\n    dateFormat YYYY-MM-DD\n"));
        let tasks: Vec<&str> = out.lines().filter(|l| l.contains(" :")).collect();
        assert_eq!(tasks.len(), plan.items.len(), "{out}");
        for item in &plan.items {
            let id = item.id.replace('-', "_");
            let line = tasks
                .iter()
                .find(|l| l.split_once(" :").unwrap().1.split(", ").any(|f| f == id))
                .unwrap_or_else(|| panic!("no task for {}\n{out}", item.id));
            let (name, data) = line.trim().split_once(" :").unwrap();
            assert!(!name.contains([':', ';', '<']), "{line}");
            let fields: Vec<&str> = data.split(", ").collect();
            assert_eq!(fields.contains(&"crit"), item.critical, "{line}");
            let n = fields.len();
            assert_eq!(fields[n - 2], item.accepted.to_string(), "{line}");
            if item.decided == item.accepted {
                assert!(fields.contains(&"milestone"), "{line}");
                assert_eq!(fields[n - 1], "1d");
            } else {
                let end = item.decided + chrono::Duration::days(1);
                assert_eq!(fields[n - 1], end.to_string(), "{line}");
            }
        }
        assert_eq!(
            out.lines()
                .filter(|l| l.starts_with("    section "))
                .count(),
            plan.stages.iter().filter(|s| s.items > 0).count()
        );
    }
}

#[test]
fn mermaid_escapes_its_separators() {
    assert_eq!(
        render::mermaid::escape("审批: 第#1步; <完成>"),
        "审批#58; 第#35;1步#59; #60;完成#62;"
    );
}

// ---------------------------------------------------------------- svg

#[test]
fn svg_parses_as_xml_and_draws_every_item() {
    for (name, plan) in plans() {
        let out = render::svg::render(&plan, &Calendar::cn());
        let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{name}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert!(!out.contains("<script"));
        assert!(!out.contains("href"), "no external resources");
        // One bar (rect or diamond) with a tooltip per item, critical ones in class `c`.
        let bars: Vec<roxmltree::Node> = root
            .children()
            .filter(|n| matches!(n.tag_name().name(), "rect" | "polygon"))
            .filter(|n| n.first_element_child().is_some())
            .filter(|n| {
                let class = n.attribute("class").unwrap_or("");
                matches!(class.split(' ').next(), Some("c" | "n"))
            })
            .collect();
        assert_eq!(bars.len(), plan.items.len(), "{name}");
        for (bar, item) in bars.iter().zip(&plan.items) {
            let tip = bar.first_element_child().unwrap().text().unwrap();
            assert!(tip.starts_with(item.name.as_str()), "{tip}");
            let class = bar.attribute("class").unwrap();
            assert_eq!(class.starts_with('c'), item.critical, "{tip}");
        }
        let texts: String = root
            .descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap())
            .collect();
        assert!(texts.contains(plan.project.name.as_str()));
        assert!(texts.contains("目标 25 个工作日"), "{name}");
        assert!(out.contains("Noto Sans CJK SC"));
        assert!(out.len() < 40_000, "{name}: {} bytes", out.len());
    }
}

#[test]
fn svg_shades_holidays_and_make_up_workdays_across_spring_festival() {
    let out = render::svg::render(&legal_plan(), &Calendar::cn());
    let doc = roxmltree::Document::parse(&out).unwrap();
    let shaded = |class: &str| -> Vec<String> {
        doc.root_element()
            .children()
            .filter(|n| n.attribute("class") == Some(class))
            .filter_map(|n| n.first_element_child())
            .map(|t| t.text().unwrap().to_owned())
            .collect()
    };
    let holidays = shaded("ho");
    assert!(
        holidays.contains(&"春节 2026-02-15 – 2026-02-23".to_owned()),
        "{holidays:?}"
    );
    let makeup = shaded("mk");
    assert!(
        makeup.iter().any(|t| t.ends_with(" 2026-02-14")),
        "{makeup:?}"
    );
    assert!(
        makeup.iter().any(|t| t.ends_with(" 2026-02-28")),
        "{makeup:?}"
    );
    // The legend lists holidays and make-up workdays only when the chart shows them.
    assert!(out.contains(">法定节假日</text>") && out.contains(">调休上班日</text>"));
    let plain = render::svg::render(&legal_plan(), &Calendar::weekdays_only());
    assert!(!plain.contains(">法定节假日</text>") && !plain.contains(">调休上班日</text>"));
}

#[test]
fn svg_escapes_names() {
    let out = render::svg::render(&low_risk_plan(), &Calendar::cn());
    assert!(out.contains("低风险仓库 &lt;B区&gt;, 二期"));
    assert!(out.contains("消防设计审查 &amp; &quot;人防&quot;, 技防"));
}

#[test]
fn svg_target_line_is_acceptance_plus_target_working_days() {
    let plan = example_plan();
    let calendar = Calendar::cn();
    // Mon 2026-03-02 + 25 working days (five weeks) = Mon 2026-04-06 on a Monday–Friday
    // calendar; on the real calendar 04-06 is the 清明 holiday and the date moves.
    let (days, target) = render::svg::target_date(&plan, &calendar).unwrap();
    assert_eq!(days, 25);
    let expected = calendar.date_of_workday_index(calendar.workday_index(date("2026-03-02")) + 25);
    assert_eq!(target, expected);
    let out = render::svg::render(&plan, &calendar);
    assert!(out.contains(&format!("目标 25 个工作日 · {target}")));
}

#[test]
fn svg_of_a_hundred_items_stays_small() {
    let mut plan = example_plan();
    let template = plan.items[1].clone();
    plan.items = (0..100)
        .map(|n| {
            let mut i = template.clone();
            i.id = format!("item-{n}").into();
            i.name = format!("第{n}项 建设工程规划许可证核发（含方案审查）").into();
            i.critical = n % 3 == 0;
            i
        })
        .collect();
    let out = render::svg::render(&plan, &Calendar::cn());
    roxmltree::Document::parse(&out).unwrap();
    assert!(out.len() < 120_000, "{} bytes", out.len());
}

// ---------------------------------------------------------------- ics

#[test]
fn ics_lines_are_crlf_and_folded_at_75_octets() {
    for (_, plan) in plans() {
        let out = render::ics::render(&plan);
        assert!(out.ends_with("END:VCALENDAR\r\n"));
        assert!(!out.replace("\r\n", "").contains('\n'), "bare LF");
        let lines: Vec<&str> = out.split("\r\n").collect();
        for l in &lines {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        // Long Chinese descriptions are folded.
        assert!(lines.iter().any(|l| l.starts_with(' ')));
    }
}

#[test]
fn ics_folding_keeps_characters_whole() {
    let mut out = String::new();
    let long = format!("SUMMARY:{}", "审批".repeat(40));
    render::ics::push_line(&mut out, &long);
    let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
    assert!(physical.len() > 1);
    assert_eq!(
        physical[0].len(),
        74,
        "8 ASCII octets + 22 characters of 3 octets"
    );
    for l in &physical {
        assert!(l.len() <= 75);
    }
    let unfolded: String = physical
        .iter()
        .enumerate()
        .map(|(n, l)| if n == 0 { *l } else { &l[1..] })
        .collect();
    assert_eq!(unfolded, long);
}

#[test]
fn ics_escapes_text() {
    assert_eq!(render::ics::escape("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
}

#[test]
fn ics_parses_with_an_icalendar_library() {
    use icalendar::Component;
    for (name, plan) in plans() {
        let out = render::ics::render(&plan);
        let unfolded = icalendar::parser::unfold(&out);
        let cal: icalendar::Calendar = icalendar::parser::read_calendar(&unfolded)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .into();
        let events: Vec<&icalendar::Event> =
            cal.components.iter().filter_map(|c| c.as_event()).collect();
        assert_eq!(events.len(), plan.items.len() + 3, "{name}");
        let mut uids: Vec<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
        uids.sort_unstable();
        uids.dedup();
        assert_eq!(uids.len(), events.len(), "UIDs are unique");
        for item in &plan.items {
            // Each item spans its acceptance to its decision, both days included.
            let tag = format!("（{}）", item.id);
            let e = events
                .iter()
                .find(|e| e.get_description().is_some_and(|d| d.contains(&tag)))
                .unwrap_or_else(|| panic!("{name}: no event for {}", item.id));
            assert_eq!(e.get_summary(), Some(item.name.as_ref()));
            assert_eq!(
                e.get_start(),
                Some(icalendar::DatePerhapsTime::Date(item.accepted))
            );
            assert_eq!(
                e.get_end(),
                Some(icalendar::DatePerhapsTime::Date(
                    item.decided + chrono::Duration::days(1)
                ))
            );
            let description = e.get_description().unwrap();
            assert!(description.contains(&format!("部门：{}", item.department)));
            // Clean text: no English field names beside the Chinese ones.
            assert!(!description.contains("department") && !description.contains("decided"));
            assert!(description.contains('\n'), "newlines survive escaping");
        }
    }
}

#[test]
fn ics_uids_are_stable_and_depend_on_project_and_item() {
    let a = render::ics::render(&example_plan());
    let mut renamed = example_plan();
    renamed.project.name = "另一个项目".into();
    let b = render::ics::render(&renamed);
    let uids = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(uids(&a), uids(&render::ics::render(&example_plan())));
    assert!(uids(&a).iter().all(|u| !uids(&b).contains(u)));
    assert!(a.contains("DTSTAMP:20260302T000000Z\r\n"));
}

// ---------------------------------------------------------------- md

#[test]
fn markdown_escapes_and_reports_exclusions_and_measures() {
    let md = render::md::render(&legal_plan());
    assert!(md.contains("## Excluded items"));
    assert!(
        md.contains("condition not met: 总建筑面积 ≥ 300 m2"),
        "{md}"
    );
    assert!(md.contains(
        "| `commitment-permit` | 施工许可告知承诺制 | commitment | on, not applicable |"
    ));
    let md = render::md::render(&low_risk_plan());
    assert!(md.starts_with("# 低风险仓库 &lt;B区&gt;, 二期\n"));
    assert!(md.contains("| `joint-review` | 施工图联合审查 | merge | off |"));
    assert!(!md.contains("## Excluded items"));
}

#[test]
fn markdown_escape_keeps_tables_and_html_intact() {
    assert_eq!(
        render::md::escape("a|b <c> & *d*_\n"),
        "a\\|b &lt;c&gt; &amp; \\*d\\*\\_ "
    );
}

// ---------------------------------------------------------------- edge cases

#[test]
fn a_plan_without_items_renders_in_every_format() {
    let mut plan = legal_plan();
    plan.items.clear();
    plan.critical_path.clear();
    plan.critical_paths.clear();
    for s in &mut plan.stages {
        s.items = 0;
        s.start = None;
        s.finish = None;
    }
    for format in Format::ALL {
        let out = render_plain(&plan, format);
        assert!(!out.is_empty(), "{format}");
    }
    roxmltree::Document::parse(&render::svg::render(&plan, &Calendar::cn())).unwrap();
    let mermaid = render::mermaid::render(&plan);
    assert!(!mermaid.contains("section"), "{mermaid}");
    let ics = render::ics::render(&plan);
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        3,
        "the milestones only"
    );
}

/// "Critical" has one meaning in every view: total float 0 on the elapsed timeline (the
/// item's `critical` flag). `critical_path` only picks the one path drawn first, so in a plan
/// with several critical paths an item can be critical without being on it; every renderer
/// must still mark it. Checked on every built-in example, at least one of which has such an
/// item.
#[test]
fn every_view_marks_the_same_items_critical() {
    let mut off_canonical = 0;
    for id in shenpi_core::builtin::ids() {
        let p = Planner::new(ruleset::load_builtin(id).unwrap().ruleset.unwrap());
        for t in &p.ruleset.project_types {
            let pr = Project::example(&p.ruleset, &t.id, date("2026-03-02")).unwrap();
            let plan = p.plan(&pr);
            off_canonical += (plan.items.iter())
                .filter(|i| i.critical && !plan.critical_path.contains(&i.id))
                .count();
            views_agree(&plan);
        }
    }
    assert!(
        off_canonical > 0,
        "no example has a critical item off the canonical path"
    );
}

fn views_agree(plan: &Plan) {
    let critical: Vec<&str> = (plan.items.iter())
        .filter(|i| i.total_float == 0)
        .map(|i| i.id.as_str())
        .collect();
    let flagged: Vec<&str> = (plan.items.iter())
        .filter(|i| i.critical)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(flagged, critical);
    let options = Options::default();
    let out = |format| render::render(plan, format, &options);

    // Table: a `*` in the first column.
    let table = out(Format::Table);
    let table_marked: Vec<&str> = (plan.items.iter())
        .filter(|i| {
            table.lines().any(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                cols.len() > 1 && cols[0] == "*" && cols[1] == i.id.as_str()
            })
        })
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(table_marked, critical, "table");

    // CSV: the `critical` column.
    let csv = out(Format::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id_col, critical_col) = (col("id"), col("critical"));
    let csv_marked: Vec<String> = (reader.records())
        .map(Result::unwrap)
        .filter(|r| &r[critical_col] == "true")
        .map(|r| r[id_col].to_owned())
        .collect();
    assert_eq!(csv_marked, critical, "csv");

    // Markdown: bold names in the items table.
    let md = out(Format::Md);
    let md_marked: Vec<&str> = (plan.items.iter())
        .filter(|i| md.contains(&format!("| `{}` | **", i.id)))
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(md_marked, critical, "md");

    // SVG: bars of class `c`, named by the id in their tooltip.
    let svg = out(Format::Svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let svg_marked: Vec<&str> = (plan.items.iter())
        .filter(|i| {
            let tag = format!("（{}）", i.id);
            doc.descendants().any(|n| {
                matches!(n.tag_name().name(), "rect" | "polygon")
                    && n.attribute("class")
                        .is_some_and(|c| c.split(' ').any(|c| c == "c"))
                    && (n.children()).any(|t| t.text().is_some_and(|t| t.contains(&tag)))
            })
        })
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(svg_marked, critical, "svg");

    // ICS: the item's event is in the category 关键路径.
    let ics = out(Format::Ics).replace("\r\n ", "");
    let ics_marked: Vec<&str> = (plan.items.iter())
        .filter(|i| {
            let tag = format!("（{}）", i.id);
            ics.split("BEGIN:VEVENT").any(|event| {
                event
                    .lines()
                    .any(|l| l.starts_with("DESCRIPTION:") && l.contains(&tag))
                    && (event.lines())
                        .any(|l| l.starts_with("CATEGORIES:") && l.contains("关键路径"))
            })
        })
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(ics_marked, critical, "ics");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_text() {
    let text = RULESET.replace(
        "name = \"建设工程规划许可证核发\"",
        "name = \"=HYPERLINK(\\\"http://x\\\")\"",
    );
    assert_ne!(text, RULESET, "the fixture names the item");
    let loaded = ruleset::load("render-demo.toml", &text, &BuiltinsOnly);
    let p = Planner::new(loaded.ruleset.unwrap());
    let pr = Project::example(&p.ruleset, "demo-building", date("2026-03-02")).unwrap();
    let plan = p.plan(&pr);
    let csv = render::render(&plan, Format::Csv, &Options::default());
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
}

// ---------------------------------------------------------------- gantt layout

#[test]
fn gantt_layout_has_every_item_once_under_its_stage_and_anchors_key_dates() {
    use shenpi_core::render::gantt::{self, Anchor, Row};
    for (name, plan) in plans() {
        let calendar = shenpi_core::calendar::Calendar::cn();
        let layout = gantt::layout(&plan, &calendar);
        let mut stage = None;
        let mut seen = Vec::new();
        for row in &layout.rows {
            match row {
                Row::Stage { id, .. } => stage = Some(*id),
                Row::Item {
                    index,
                    id,
                    from,
                    to,
                    instant,
                } => {
                    let item = &plan.items[*index];
                    assert_eq!(item.id.as_str(), *id, "{name}");
                    assert_eq!(
                        Some(item.stage.as_str()),
                        stage,
                        "{name}: {id} under its stage"
                    );
                    assert_eq!((item.accepted, item.decided), (*from, *to), "{name}: {id}");
                    assert_eq!(*instant, item.accepted == item.decided, "{name}: {id}");
                    seen.push(*index);
                }
            }
        }
        seen.sort_unstable();
        assert_eq!(
            seen,
            (0..plan.items.len()).collect::<Vec<_>>(),
            "{name}: every item once"
        );
        assert!(layout.first <= layout.last);
        assert!(
            layout
                .days
                .iter()
                .all(|d| d.from >= layout.first && d.to <= layout.last)
        );
        for k in &layout.key_dates {
            let m = plan.milestones.iter().find(|m| m.id == k.id).unwrap();
            let item = plan.items.iter().find(|i| i.id == m.item).unwrap();
            let starts = item.es == m.offset && item.ef != m.offset;
            assert_eq!(k.at == Anchor::Start, starts, "{name}: {}", k.id);
        }
    }
}
