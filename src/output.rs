//! Writing results: standard output, or a file written atomically (temporary file + rename),
//! so an error never leaves a partial file and never clobbers the previous one; and messages
//! to standard error. Every byte the CLI prints goes through here: `print!` and `eprint!`
//! panic when the stream fails (`> /dev/full`), these report or ignore the failure instead.

use std::io::Write;
use std::path::Path;

use crate::cmd::CliError;

/// Writes a binary file (an xlsx workbook) like [`write`], but never to a terminal.
pub fn write_binary(path: Option<&Path>, content: &[u8]) -> Result<(), CliError> {
    if path.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(CliError::usage(
            "an xlsx workbook is binary: write it with -o FILE.xlsx",
        ));
    }
    write(path, content)
}

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

/// Most diagnostics printed as text per file; the rest are counted (JSON lists them all).
pub const MAX_SHOWN_DIAGNOSTICS: usize = 100;

/// Renders diagnostics for a terminal, the first [`MAX_SHOWN_DIAGNOSTICS`] in full and then
/// how many more there are: 10,000 unknown references are one mistake repeated.
pub fn diagnostics_text(
    diags: &[shenpi_core::Diagnostic],
    sources: &shenpi_core::Sources,
    color: bool,
) -> String {
    let shown = &diags[..diags.len().min(MAX_SHOWN_DIAGNOSTICS)];
    let mut text = shenpi_core::diagnostic::render_text(shown, sources, color);
    if diags.len() > shown.len() {
        text.push_str(&format!(
            "… and {} more (`shenpi check --format json` lists them all)\n\n",
            diags.len() - shown.len()
        ));
    }
    text
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
    let fail = |e: std::io::Error| CliError::io(format!("cannot write `{}`: {e}", path.display()));
    let existing = std::fs::metadata(path).ok();
    // A device, a FIFO or `/dev/stdout` is written into: replacing it with a regular file
    // would break it (as root, even `/dev/null`).
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        let mut target = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(fail)?;
        return target
            .write_all(content)
            .and_then(|()| target.flush())
            .map_err(fail);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if path.file_name().is_none() {
        return Err(CliError::usage(format!(
            "`{}` is not a file path",
            path.display()
        )));
    }
    // Created exclusively under a random name (never through a planted link), written and
    // synced, then renamed over the target: a reader sees the old file or the whole new one.
    let mut tmp = tempfile::Builder::new()
        .prefix(".shenpi-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(content)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(fail)?;
    // The file keeps the mode it had (a private 0600 file stays private); a new one gets the
    // usual 0644 rather than the temporary file's 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = existing.map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(fail)?;
    }
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
