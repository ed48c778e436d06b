//! Running the `shenpi` binary: every test that runs it does so through this module.
//!
//! Every run is checked for a panic: whatever the arguments, the CLI must end with a message
//! and an exit code, never with "thread 'main' panicked".

#![allow(dead_code)] // each test binary uses a different subset

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run of `shenpi` left behind.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing both streams when it is wrong.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}\n--- stderr:\n{}\n--- stdout:\n{}",
            self.stderr,
            self.stdout
        );
        self
    }

    /// Asserts that stderr contains `needle`.
    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts that stdout contains `needle`.
    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }
}

/// The package root, the working directory of every run unless a test picks another.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `shenpi` in `dir` with `NO_COLOR=1`, feeding `stdin` when given.
#[track_caller]
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shenpi"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().expect("the shenpi binary starts");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(input).expect("stdin accepts the input");
    }
    checked(args, child.wait_with_output().expect("shenpi finishes"))
}

/// A finished run, checked: no panic (the message, or exit code 101 when the message was
/// lost), and an exit code rather than a signal.
#[track_caller]
fn checked(args: &[&str], out: std::process::Output) -> Run {
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stdout_bytes: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "shenpi {args:?} panicked:\n{}",
        run.stderr
    );
    assert_ne!(run.code, Some(101), "shenpi {args:?} panicked (exit 101)");
    assert!(
        run.code.is_some(),
        "shenpi {args:?} was killed by a signal:\n{}",
        run.stderr
    );
    run
}

/// Runs `shenpi` at the package root with one of its output streams (`"stdout"` or
/// `"stderr"`) sent to `/dev/full`, where every write fails; the other stream is captured.
/// Whatever fails to write, the CLI must end with an exit code, never a panic (whose message
/// would go to the captured stream, or be lost: the exit code 101 tells too).
#[track_caller]
pub fn shenpi_into_full_device(args: &[&str], stream: &str) -> Run {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full opens")
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shenpi"));
    cmd.args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    match stream {
        "stdout" => cmd.stdout(full()).stderr(Stdio::piped()),
        "stderr" => cmd.stdout(Stdio::piped()).stderr(full()),
        other => panic!("no stream `{other}`"),
    };
    checked(args, cmd.output().expect("shenpi finishes"))
}

/// Makes a named pipe at `path` with the system's `mkfifo`; whether it could.
pub fn make_fifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `shenpi` at the package root.
#[track_caller]
pub fn shenpi(args: &[&str]) -> Run {
    run_in(root(), args, None)
}

/// Runs `shenpi` at the package root with `input` on standard input.
#[track_caller]
pub fn shenpi_stdin(args: &[&str], input: &str) -> Run {
    run_in(root(), args, Some(input.as_bytes()))
}

/// Runs `shenpi`, asserts exit 0 and returns standard output.
#[track_caller]
pub fn ok(args: &[&str]) -> String {
    let run = shenpi(args);
    run.expect_code(0);
    run.stdout
}

/// Runs `shenpi`, asserts exit 0 and parses standard output as JSON.
#[track_caller]
pub fn ok_json(args: &[&str]) -> serde_json::Value {
    let out = ok(args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

/// A fresh temporary directory, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("shenpi-cli-")
        .tempdir()
        .expect("a temporary directory")
}

/// Writes `text` to `name` in `dir` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the temporary file is writable");
    path
}

/// The names in a directory, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the directory is readable")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// A path as `&str` for an argument list.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}
