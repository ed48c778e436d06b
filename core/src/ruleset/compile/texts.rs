//! Ids and display texts that end up in other programs: terminals, spreadsheets, Markdown,
//! calendars, generated project files. Ids are restricted to `[A-Za-z0-9._-]+`; names,
//! labels and departments may not hold control characters (a newline, an escape sequence)
//! or bidirectional overrides (text that reads differently from how it is stored).

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::spanned::Sp;

use super::{Compiler, Entry, kept};

/// Whether `id` is a plain id: ASCII letters, digits, `.`, `_` and `-`, not empty.
pub(crate) fn plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The first character of `text` a display text may not hold: a control character, or a
/// bidirectional embedding, override or isolate.
pub(crate) fn forbidden_char(text: &str) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// The error for a display text holding a forbidden character.
pub(crate) fn invalid_text(what: &str, c: char, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(
        "invalid-text",
        format!("{what} holds the character U+{:04X}", c as u32),
    )
    .with_label(
        span,
        "control characters and bidirectional overrides are not allowed",
    )
    .with_help("write the text on one line, without escape sequences or direction marks")
}

impl Compiler<'_> {
    /// Checks every id and display text of the merged ruleset.
    pub(super) fn check_texts(&mut self) {
        let raw = &self.merged.raw;
        let mut found: Vec<Diagnostic> = Vec::new();
        let mut id = |id: &Sp<String>, found: &mut Vec<Diagnostic>| {
            if !plain_id(&id.value) {
                found.push(
                    Diagnostic::error(
                        "invalid-id",
                        format!("`{}` is not a valid id", id.value.escape_debug()),
                    )
                    .with_label(id.span.clone(), "expected letters, digits, `.`, `_` or `-`")
                    .with_help(
                        "ids are plain ASCII, e.g. `construction-permit`; put Chinese in `name`",
                    ),
                );
            }
        };
        let text = |what: &str, value: &str, span: Range<usize>, found: &mut Vec<Diagnostic>| {
            if let Some(c) = forbidden_char(value) {
                found.push(invalid_text(what, c, span));
            }
        };
        if let Some(meta) = &raw.ruleset {
            let meta = &meta.value;
            id(&meta.id, &mut found);
            for n in [&meta.name, &meta.jurisdiction].into_iter().flatten() {
                text("the ruleset's name", &n.value, n.span.clone(), &mut found);
            }
        }
        fn names<T: Entry>(
            entries: &[Sp<T>],
            name: impl Fn(&T) -> Vec<(&'static str, &str, Option<Range<usize>>)>,
            id: &mut impl FnMut(&Sp<String>, &mut Vec<Diagnostic>),
            text: &impl Fn(&str, &str, Range<usize>, &mut Vec<Diagnostic>),
            found: &mut Vec<Diagnostic>,
        ) {
            for e in kept(entries) {
                id(e.id(), found);
                for (what, value, span) in name(e) {
                    text(
                        what,
                        value,
                        span.unwrap_or_else(|| e.id().span.clone()),
                        found,
                    );
                }
            }
        }
        fn spanned<'v>(
            what: &'static str,
            v: &'v Option<Sp<String>>,
        ) -> Vec<(&'static str, &'v str, Option<Range<usize>>)> {
            (v.iter())
                .map(|v| (what, v.value.as_str(), Some(v.span.clone())))
                .collect()
        }
        names(
            &raw.attribute,
            |a| {
                let mut out: Vec<_> = a
                    .label
                    .iter()
                    .map(|l| ("a label", l.as_str(), None))
                    .collect();
                for (value, label) in a.value_labels.iter().flatten() {
                    out.push(("a value label", label.as_str(), Some(value.span.clone())));
                }
                out
            },
            &mut id,
            &text,
            &mut found,
        );
        for a in kept(&raw.attribute) {
            for v in a.values.iter().flatten() {
                id(v, &mut found);
            }
        }
        names(
            &raw.project_type,
            |t| spanned("a name", &t.name),
            &mut id,
            &text,
            &mut found,
        );
        names(
            &raw.stage,
            |s| {
                let mut out = spanned("a name", &s.name);
                out.extend(
                    s.lead
                        .iter()
                        .map(|l| ("a lead department", l.as_str(), None)),
                );
                out
            },
            &mut id,
            &text,
            &mut found,
        );
        names(
            &raw.item,
            |i| {
                let mut out = spanned("a name", &i.name);
                out.extend(spanned("a department", &i.department));
                out.extend(
                    (i.materials.iter().flatten()).map(|m| ("a material", m.as_str(), None)),
                );
                out
            },
            &mut id,
            &text,
            &mut found,
        );
        names(
            &raw.measure,
            |m| {
                let mut out = spanned("a name", &m.name);
                if let Some(into) = &m.into {
                    out.push((
                        "a name",
                        into.name.value.as_str(),
                        Some(into.name.span.clone()),
                    ));
                    out.extend(
                        into.department
                            .iter()
                            .map(|d| ("a department", d.as_str(), None)),
                    );
                }
                out
            },
            &mut id,
            &text,
            &mut found,
        );
        for m in kept(&raw.measure) {
            if let Some(into) = &m.into {
                id(&into.id, &mut found);
            }
        }
        names(
            &raw.milestone,
            |m| spanned("a name", &m.name),
            &mut id,
            &text,
            &mut found,
        );
        self.diags.extend(found);
    }
}
