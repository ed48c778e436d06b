//! Writing results: standard output, or a file written atomically (temporary file + rename),
//! so an error never leaves a partial file and never clobbers the previous one; and messages
//! to standard error. Every byte the CLI prints goes through here: `print!` and `eprint!`
//! panic when the stream fails (`> /dev/full`), these report or ignore the failure instead.

use std::io::Write;
use std::path::Path;

use crate::cmd::CliError;

/// Writes `content` to `path` atomically, or to standard output when `path` is `None` or `-`.
pub fn write(path: Option<&Path>, content: &[u8]) -> Result<(), CliError> {
    match path {
        None => write_stdout(content),
        Some(p) if p == Path::new("-") => write_stdout(content),
        Some(p) => write_atomic(p, content),
    }
}

/// Writes a message (diagnostics, warnings, the final error) to standard error. A failure to
/// write it is ignored: there is nowhere left to report it.
pub fn message(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

fn write_stdout(content: &[u8]) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(content).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`shenpi … | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::io(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

fn write_atomic(path: &Path, content: &[u8]) -> Result<(), CliError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| CliError::usage(format!("`{}` is not a file path", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(content).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(CliError::io(format!(
            "cannot write `{}`: {e}",
            path.display()
        )));
    }
    Ok(())
}
