//! `shenpi import`: a bureau's table (xlsx or csv) read into cells, turned into a ruleset by
//! the core, and checked as any ruleset before anything is written.

use std::path::Path;
use std::process::ExitCode;

use calamine::{Data, Reader};
use shenpi_core::ruleset::table::{self, Grid, TableImport};

use crate::cli::ImportArgs;
use crate::files::MAX_INPUT_BYTES;

use super::CliError;

/// The cells of a table file.
fn grid(path: &Path, sheet: Option<&str>) -> Result<Grid, CliError> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| CliError::input(format!("cannot read `{shown}`: {e}")))?;
    if !meta.is_file() || meta.len() > MAX_INPUT_BYTES {
        return Err(CliError::input(format!(
            "`{shown}` is not a regular file of at most 16 MiB"
        )));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path)
                .map_err(|e| CliError::input(format!("cannot read `{shown}`: {e}")))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                CliError::input(format!(
                    "`{shown}` is not UTF-8 (save it from Excel as “CSV UTF-8”)"
                ))
            })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for record in reader.records() {
                let record = record.map_err(|e| CliError::input(format!("`{shown}`: {e}")))?;
                rows.push(record.iter().map(str::to_owned).collect());
            }
            let sheet = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            Ok(Grid { sheet, rows })
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let mut book = calamine::open_workbook_auto(path)
                .map_err(|e| CliError::input(format!("cannot read the workbook `{shown}`: {e}")))?;
            let names = book.sheet_names();
            let name = match sheet {
                Some(s) if names.iter().any(|n| n == s) => s.to_owned(),
                Some(s) => {
                    return Err(CliError::input(format!(
                        "`{shown}` has no sheet `{s}`; its sheets: {}",
                        names.join(", ")
                    )));
                }
                None => names
                    .first()
                    .cloned()
                    .ok_or_else(|| CliError::input(format!("`{shown}` has no sheet")))?,
            };
            let range = book.worksheet_range(&name).map_err(|e| {
                CliError::input(format!("cannot read sheet `{name}` of `{shown}`: {e}"))
            })?;
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            // Whole numbers as written (20, not 20.0).
                            Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            Ok(Grid { sheet: name, rows })
        }
        _ => Err(CliError::input(format!(
            "`{shown}` is neither .xlsx nor .csv"
        ))),
    }
}

pub fn run(args: ImportArgs) -> Result<ExitCode, CliError> {
    let grid = grid(&args.table, args.sheet.as_deref())?;
    let file = args
        .table
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let options = TableImport {
        id: args.ruleset_id.clone(),
        name: args.name.clone(),
        file,
    };
    let sources = shenpi_core::source::Sources::new();
    let toml = table::import(&grid, &options).map_err(|diags| {
        crate::load::report(&diags, &sources);
        CliError::reported(format!(
            "`{}` has cells shenpi cannot read",
            args.table.display()
        ))
    })?;
    // The result is checked as any ruleset: nothing is written that would not load.
    let loaded =
        shenpi_core::ruleset::load("import.toml", &toml, &shenpi_core::ruleset::BuiltinsOnly);
    if loaded.ruleset.is_none() {
        crate::load::report(&loaded.diagnostics, &loaded.sources);
        return Err(CliError::reported(
            "the imported ruleset has errors (shown above, in its TOML)",
        ));
    }
    crate::output::write(args.output.as_deref(), toml.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
