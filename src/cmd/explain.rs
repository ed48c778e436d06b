//! `shenpi explain PROJECT ITEM`

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::cli::ExplainArgs;
use crate::load;

use super::CliError;

pub fn run(args: ExplainArgs) -> Result<ExitCode, CliError> {
    let (planner, project) = load::project(
        &args.project.project,
        &super::plan::overrides(&args.project),
    )?;
    let plan = planner.plan(&project);
    let r = &planner.ruleset;
    let mut out = String::new();
    if let Some(item) = plan.item(&args.item) {
        let _ = writeln!(out, "{} — {} ({})", item.id, item.name, item.department);
        let stage = r
            .stages
            .iter()
            .find(|s| s.id == item.stage)
            .map_or(item.stage.as_str(), |s| s.name.as_str());
        let _ = writeln!(out, "stage:        {stage}");
        let _ = writeln!(
            out,
            "applies:      {}",
            item.applies_because.as_deref().map_or_else(
                || "always (no condition)".to_owned(),
                |c| format!("because {c}")
            )
        );
        if !item.parts.is_empty() {
            let _ = writeln!(out, "merged from:  {}", item.parts.join(", "));
        }
        let _ = writeln!(
            out,
            "duration:     {} {} day(s), {} clock",
            item.duration,
            item.unit.name(),
            item.clock.name()
        );
        let _ = writeln!(out, "accepted:     {} (offset {})", item.accepted, item.es);
        let _ = writeln!(out, "decided:      {} (offset {})", item.decided, item.ef);
        let _ = writeln!(
            out,
            "floats:       total {} / free {} working day(s)",
            item.total_float, item.free_float
        );
        let _ = writeln!(
            out,
            "critical:     {}",
            if item.critical {
                "yes — total float 0, on a critical path"
            } else {
                "no"
            }
        );
        if let Some(b) = &item.bundle {
            let _ = writeln!(out, "bundle:       accepted with `{b}` (一件事一次办)");
        }
        if !item.prerequisites.is_empty() {
            let _ = writeln!(out, "required by law first (法定前置):");
            for p in &item.prerequisites {
                let when = p
                    .decided
                    .map_or_else(|| "not in this plan".to_owned(), |d| format!("decided {d}"));
                let state = match (&p.waived_by, p.held) {
                    (Some(m), _) => format!(", waived by `{m}`"),
                    (None, true) => ", held this item until then".to_owned(),
                    (None, false) => String::new(),
                };
                let source = p
                    .source
                    .as_ref()
                    .map_or_else(String::new, |s| format!(" — {s}"));
                let _ = writeln!(out, "  - {} ({when}{state}){source}", p.item);
            }
        }
        let _ = writeln!(out, "predecessors: {}", list(&item.predecessors));
        let _ = writeln!(out, "successors:   {}", list(&item.successors));
        if item.trace.is_empty() {
            let _ = writeln!(out, "measures:     none changed it");
        } else {
            let _ = writeln!(out, "measures:");
            for c in &item.trace {
                let _ = writeln!(out, "  - {}", plan.describe_change(c));
            }
        }
        if let Some(p) = &item.provenance {
            let _ = writeln!(out, "basis:        {}: {}", p.kind.name(), p.text);
        }
        let drag = if item.kind == shenpi_core::plan::PlannedKind::Item {
            planner.drag(&project, &item.id).unwrap_or(0)
        } else {
            0
        };
        let _ = if item.approval_critical && drag > 0 {
            writeln!(
                out,
                "to shorten:   every approval day cut here shortens the approval time, up to {drag} day(s) if the item took none (commitment, parallel approval or exemption would do it)"
            )
        } else if item.critical {
            writeln!(
                out,
                "to shorten:   it drives the finish date; shortening it moves the finish earlier until another path becomes critical"
            )
        } else {
            writeln!(
                out,
                "to shorten:   cutting it does not shorten the project; it can slip {} working day(s) without delay",
                item.total_float
            )
        };
    } else if let Some(ex) = plan.excluded.iter().find(|e| e.id == args.item) {
        let _ = writeln!(out, "{} — {}", ex.id, ex.name);
        let _ = writeln!(out, "not in this plan: {}", ex.reason);
    } else {
        let known: Vec<&str> = plan
            .items
            .iter()
            .map(|i| i.id.as_str())
            .chain(plan.excluded.iter().map(|e| e.id.as_str()))
            .collect();
        let hint = shenpi_core::suggest::did_you_mean(&args.item, known.iter().copied());
        return Err(CliError::input(format!(
            "no item `{}` in ruleset `{}`{}",
            args.item,
            r.id,
            hint.map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default()
        )));
    }
    crate::output::write(None, out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn list(ids: &[shenpi_core::text::Text]) -> String {
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.iter()
            .map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
