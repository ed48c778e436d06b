//! No test runs the `shenpi` binary except through `cli_support`, which checks every run for
//! a panic and for a kill by a signal.

use std::path::{Path, PathBuf};

/// The `.rs` files below `dir`, with those below `cli_support/` left out.
fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the tests folder is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            if !path.ends_with("cli_support") {
                sources(&path, found);
            }
        } else if path.extension().is_some_and(|x| x == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_run_of_the_binary_goes_through_cli_support() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let this = root.join(file!());
    let mut files = Vec::new();
    sources(&root.join("tests"), &mut files);
    let offenders: Vec<String> = (files.iter())
        .filter(|path| **path != this)
        .filter(|path| {
            let text = std::fs::read_to_string(path).expect("a test source is readable");
            text.contains("CARGO_BIN_EXE") || text.contains("Command::new")
        })
        .map(|path| {
            path.strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "these run a program themselves; run `shenpi` through cli_support instead: {offenders:?}"
    );
}
