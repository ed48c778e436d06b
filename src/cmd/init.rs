//! `shenpi init` — a commented project template generated from the attribute schema.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use shenpi_core::project::Project;

use crate::cli::InitArgs;
use crate::load;

use super::CliError;

pub fn run(args: InitArgs) -> Result<ExitCode, CliError> {
    let planner = load::ruleset(&args.ruleset, None)?;
    let r = &planner.ruleset;
    let example = match &args.project_type {
        Some(t) => Some(Project::example(r, t, load::today()).ok_or_else(|| {
            let types: Vec<&str> = r.project_types.iter().map(|t| t.id.as_str()).collect();
            CliError::usage(format!(
                "ruleset `{}` has no project type `{t}`; its types: {}",
                r.id,
                types.join(", ")
            ))
        })?),
        None => None,
    };
    let reference = ruleset_reference(&args.ruleset, args.output.as_deref());
    let text = shenpi_core::project::template(r, &reference, example.as_ref(), load::today());
    if let Some(path) = args.output.as_ref().filter(|p| p.exists()) {
        return Err(CliError::usage(format!(
            "`{}` exists; init never overwrites a file",
            path.display()
        )));
    }
    crate::output::write(args.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// How the written project names its ruleset. A project resolves a ruleset path relative to
/// its own file, so a path given on the command line (relative to the working directory) is
/// rewritten relative to the output file's directory. Built-in ids and standard output keep
/// the argument as written.
fn ruleset_reference(spec: &str, output: Option<&Path>) -> String {
    let Some(output) = output.filter(|p| *p != Path::new("-")) else {
        return spec.to_owned();
    };
    let ruleset = Path::new(spec);
    if shenpi_core::builtin::ruleset(spec).is_some() && !ruleset.exists() {
        return spec.to_owned();
    }
    let out_dir = match output.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (ruleset.canonicalize(), out_dir.canonicalize()) {
        (Ok(target), Ok(from)) => relative(&target, &from).display().to_string(),
        // An unreadable path fails when the ruleset loads; the output directory's absence
        // when the file is written.
        _ => spec.to_owned(),
    }
}

/// `target` relative to the directory `from` (both absolute and canonical).
fn relative(target: &Path, from: &Path) -> PathBuf {
    let t: Vec<Component> = target.components().collect();
    let f: Vec<Component> = from.components().collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::{Path, PathBuf};

    #[test]
    fn relative_paths() {
        let r = |t: &str, f: &str| relative(Path::new(t), Path::new(f));
        assert_eq!(r("/a/b/rs.toml", "/a/b"), PathBuf::from("rs.toml"));
        assert_eq!(
            r("/a/b/rs.toml", "/a/c/d"),
            PathBuf::from("../../b/rs.toml")
        );
        assert_eq!(r("/a/rs.toml", "/x"), PathBuf::from("../a/rs.toml"));
    }
}
