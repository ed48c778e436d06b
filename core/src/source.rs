//! Source texts that diagnostics point into.
//!
//! A ruleset may come from several files (an `extends` chain). Rather than tagging every span
//! with its file, each file gets a disjoint range of *global* offsets: file `k` starts at the
//! end of file `k-1` plus one. A span is then one `Range<usize>` that [`Sources::locate`] maps
//! back to its file, and merged entities can mix fields from several files freely.

use std::cell::Cell;
use std::ops::Range;

/// Index of a text in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SourceId(pub u32);

/// One named text: a file path, a built-in id (`builtin:cn-national-2019`) or `<stdin>`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Name shown in diagnostics: a path, `builtin:<id>` or `<stdin>`.
    pub name: String,
    /// The whole text.
    pub text: String,
    /// Global offset of the first byte.
    pub base: usize,
    line_starts: Vec<usize>,
}

impl SourceFile {
    fn new(name: String, text: String, base: usize) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            name,
            text,
            base,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a local byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// All texts of one load.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// No texts yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text; its spans start at the returned file's `base`.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> SourceId {
        let base = self.files.last().map_or(0, |f| f.base + f.text.len() + 1);
        self.files
            .push(SourceFile::new(name.into(), text.into(), base));
        SourceId(self.files.len() as u32 - 1)
    }

    /// The text with this id (panics on an id from another [`Sources`]).
    pub fn get(&self, id: SourceId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// All texts, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    /// The file a global span lies in, and the span local to that file; `None` for
    /// [`NOWHERE`].
    pub fn locate(&self, span: &Range<usize>) -> Option<(&SourceFile, Range<usize>)> {
        if span.start == NOWHERE.start {
            return None;
        }
        let idx = self.files.partition_point(|f| f.base <= span.start);
        let file = self.files.get(idx.checked_sub(1)?)?;
        let start = (span.start - file.base).min(file.text.len());
        let end = span
            .end
            .saturating_sub(file.base)
            .clamp(start, file.text.len());
        Some((file, start..end))
    }
}

/// The span of a value read from a format that records no positions (JSON, see
/// [`crate::project::parse_json`]): it lies in no source, so diagnostics leave its labels out.
pub const NOWHERE: Range<usize> = usize::MAX..usize::MAX;

thread_local! {
    /// Base of the file being parsed; `None` while reading a format without spans.
    static SPAN_BASE: Cell<Option<usize>> = const { Cell::new(Some(0)) };
}

/// Runs a parse with spans shifted to `file`'s global range (see the module docs).
pub(crate) fn with_span_base<T>(base: usize, parse: impl FnOnce() -> T) -> T {
    let previous = SPAN_BASE.replace(Some(base));
    let result = parse();
    SPAN_BASE.set(previous);
    result
}

/// Runs a parse by a deserializer that records no positions (`serde_json`): spanned values
/// ([`crate::spanned::Sp`]) read their value alone and get the span [`NOWHERE`].
pub(crate) fn without_spans<T>(parse: impl FnOnce() -> T) -> T {
    let previous = SPAN_BASE.replace(None);
    let result = parse();
    SPAN_BASE.set(previous);
    result
}

/// The base of the current parse; `None` inside [`without_spans`].
#[cfg(feature = "spans")]
pub(crate) fn span_base() -> Option<usize> {
    SPAN_BASE.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut s = Sources::new();
        let id = s.add("t", "a = 1\nname = \"审批\" x\n");
        let f = s.get(id);
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (2, 1));
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(x), (2, 13)); // `name = "审批" x`: x is the 13th character
    }

    #[test]
    fn global_spans_locate_their_file() {
        let mut s = Sources::new();
        s.add("a", "12345");
        let b = s.add("b", "abc");
        assert_eq!(s.get(b).base, 6);
        let (file, local) = s.locate(&(7..9)).unwrap();
        assert_eq!(file.name, "b");
        assert_eq!(local, 1..3);
        let (file, local) = s.locate(&(2..3)).unwrap();
        assert_eq!((file.name.as_str(), local), ("a", 2..3));
        assert!(s.locate(&NOWHERE).is_none());
    }
}
