//! One diagnostic type for every problem shenpi reports, and its renderers.
//!
//! Errors stop a run; warnings ride along with a result. Every diagnostic has a stable code
//! (listed in `docs/diagnostics.md`), a message, labelled spans and an optional help line.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::source::Sources;

/// How serious a diagnostic is; ordered, warnings first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the result is still produced.
    Warning,
    /// Invalid input: stops the run.
    Error,
}

/// A span in one source, with what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Global span (see [`crate::source`]).
    pub span: Range<usize>,
    /// What the span shows, printed next to it.
    pub message: String,
    /// The primary label is the place the diagnostic is about; others give context.
    pub primary: bool,
}

/// One problem found in the input: severity, stable code, message, labelled spans and an
/// optional help line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `unknown-item`; see `docs/diagnostics.md`.
    pub code: &'static str,
    /// One-line description of the problem.
    pub message: String,
    /// Labelled spans; the first is the primary one.
    pub labels: Vec<Label>,
    /// How to fix it, if shenpi knows.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with this code and message, no labels and no help.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    /// A warning with this code and message, no labels and no help.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    /// Adds a label at a global span; the first label added is the primary one.
    pub fn with_label(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        let primary = self.labels.is_empty();
        self.labels.push(Label {
            span,
            message: message.into(),
            primary,
        });
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the help line when `help` is `Some`; keeps the current one otherwise.
    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help.or(self.help);
        self
    }

    /// Whether the severity is [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The primary location as (source name, 1-based line, 1-based column).
    pub fn location<'s>(&self, sources: &'s Sources) -> Option<(&'s str, usize, usize)> {
        let label = self.labels.first()?;
        let (file, local) = sources.locate(&label.span)?;
        let (line, col) = file.line_col(local.start);
        Some((&file.name, line, col))
    }
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Renders diagnostics as text with source snippets and carets (rustc style).
pub fn render_text(diagnostics: &[Diagnostic], sources: &Sources, color: bool) -> String {
    // What a diagnostic quotes goes to a terminal: control characters and bidirectional
    // overrides in a file (or in an id it names) are shown as `?`, byte for byte, so that
    // spans keep their offsets and nothing in a hostile file runs in the reader's terminal.
    let texts: Vec<String> = sources.iter().map(|f| inert(&f.text)).collect();
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = inert(&d.message);
        let mut group = Group::with_title(level.primary_title(&message).id(d.code));
        // One snippet per file, labels in the order given.
        let located: Vec<_> = d
            .labels
            .iter()
            .filter_map(|l| sources.locate(&l.span).map(|(f, local)| (f, local, l)))
            .collect();
        let labels: Vec<String> = located.iter().map(|(_, _, l)| inert(&l.message)).collect();
        let mut seen: Vec<&str> = Vec::new();
        for (file, _, _) in &located {
            if seen.contains(&file.name.as_str()) {
                continue;
            }
            seen.push(&file.name);
            let text = sources
                .iter()
                .position(|f| std::ptr::eq(f, *file))
                .map_or(file.text.as_str(), |i| texts[i].as_str());
            let mut snippet = Snippet::source(text).path(file.name.as_str()).fold(true);
            for (k, (_, local, l)) in located.iter().enumerate() {
                if located[k].0.name != file.name {
                    continue;
                }
                let kind = if l.primary {
                    AnnotationKind::Primary
                } else {
                    AnnotationKind::Context
                };
                snippet = snippet.annotation(kind.span(local.clone()).label(&labels[k]));
            }
            group = group.element(snippet);
        }
        let help = d.help.as_deref().map(inert);
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// The JSON shape of a diagnostic for machines and the web page: locations resolved to
/// file names, lines and columns.
#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticJson<'a> {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable code, e.g. `unknown-item`.
    pub code: &'a str,
    /// One-line description.
    pub message: &'a str,
    /// How to fix it, if known.
    pub help: Option<&'a str>,
    /// Labelled locations, primary first; labels whose span is in no source are left out.
    pub labels: Vec<LabelJson<'a>>,
}

/// The JSON shape of a [`Label`]: its span resolved to a file, lines and columns.
#[derive(Debug, Clone, Serialize)]
pub struct LabelJson<'a> {
    /// Source name: a path, `builtin:<id>` or `<stdin>`.
    pub file: &'a str,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// 1-based line of the end (exclusive end position).
    pub end_line: usize,
    /// 1-based column of the end (exclusive end position), in characters.
    pub end_column: usize,
    /// Byte offset of the start within the file.
    pub start: usize,
    /// Byte offset of the end within the file (exclusive).
    pub end: usize,
    /// What the span shows.
    pub message: &'a str,
    /// Whether this is the place the diagnostic is about.
    pub primary: bool,
}

/// Diagnostics in their JSON shape.
pub fn to_json<'a>(diagnostics: &'a [Diagnostic], sources: &'a Sources) -> Vec<DiagnosticJson<'a>> {
    diagnostics
        .iter()
        .map(|d| DiagnosticJson {
            severity: d.severity,
            code: d.code,
            message: &d.message,
            help: d.help.as_deref(),
            labels: d
                .labels
                .iter()
                .filter_map(|l| {
                    let (file, local) = sources.locate(&l.span)?;
                    let (line, column) = file.line_col(local.start);
                    let (end_line, end_column) = file.line_col(local.end);
                    Some(LabelJson {
                        file: &file.name,
                        line,
                        column,
                        end_line,
                        end_column,
                        start: local.start,
                        end: local.end,
                        message: &l.message,
                        primary: l.primary,
                    })
                })
                .collect(),
        })
        .collect()
}

/// `text` with every control character (but line breaks and tabs) and every bidirectional
/// override or isolate replaced by as many `?` as it has bytes: what a terminal shows of it
/// cannot run, and byte offsets into it still hold.
fn inert(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let hostile = (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            let keep = (!hostile).then_some(c);
            keep.into_iter().chain(std::iter::repeat_n(
                '?',
                if hostile { c.len_utf8() } else { 0 },
            ))
        })
        .collect()
}
