//! `shenpi show RULESET` and `shenpi rulesets`

use std::process::ExitCode;

use crate::cli::{ShowArgs, ShowFormat};
use crate::load;
use crate::render;

use super::CliError;

pub fn run(args: ShowArgs) -> Result<ExitCode, CliError> {
    let planner = load::ruleset(&args.ruleset, None)?;
    let start = args.start.unwrap_or_else(load::today);
    let matrix = planner.type_matrix(start);
    let effects = planner.measure_effects(start);
    if args.format == ShowFormat::Xlsx {
        let rows: Vec<_> = matrix.into_iter().map(|(row, _)| row).collect();
        let bytes =
            shenpi_core::render::xlsx::ruleset(&planner.ruleset, &rows).map_err(CliError::io)?;
        crate::output::write_binary(args.output.as_deref(), &bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = match args.format {
        ShowFormat::Json => {
            let rows: Vec<_> = matrix.iter().map(|(row, _)| row).collect();
            let value = serde_json::json!({
                "ruleset": planner.ruleset,
                "matrix": rows,
                "effects": effects,
            });
            let mut s = serde_json::to_string_pretty(&value).expect("serializes");
            s.push('\n');
            s
        }
        ShowFormat::Table => render::ruleset(&planner.ruleset, &matrix, &effects, false),
        ShowFormat::Md => render::ruleset(&planner.ruleset, &matrix, &effects, true),
        ShowFormat::Xlsx => unreachable!("written above"),
    };
    crate::output::write(args.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn list() -> Result<ExitCode, CliError> {
    let mut rows = vec![vec![
        "id".to_owned(),
        "名称 name".to_owned(),
        "辖区 jurisdiction".to_owned(),
        "施行 effective".to_owned(),
        "extends".to_owned(),
    ]];
    for id in shenpi_core::builtin::ids() {
        let loaded = shenpi_core::ruleset::load_builtin(id).expect("listed");
        let Some(r) = loaded.ruleset else {
            rows.push(vec![
                id.to_owned(),
                "(has errors: run `shenpi check --builtin`)".to_owned(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            continue;
        };
        rows.push(vec![
            r.id.clone(),
            r.name.clone(),
            r.jurisdiction.clone(),
            r.effective.map(|d| d.to_string()).unwrap_or_default(),
            r.extends.last().cloned().unwrap_or_default(),
        ]);
    }
    crate::output::write(None, render::table(&rows).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
