//! `shenpi-core` — the rule engine and working-day scheduler behind shenpi (审批).
//!
//! The pipeline, each step a module:
//!
//! 1. [`ruleset`] — parse a ruleset (TOML), resolve `extends`, validate it into a compiled
//!    [`ruleset::Ruleset`] or a list of [`Diagnostic`]s pointing at the exact spans.
//! 2. [`condition`] — the structured `when` conditions, type-checked against the attribute schema.
//! 3. [`calendar`] — the China mainland working-day calendar (holidays and 调休 make-up days).
//! 4. [`project`] — a concrete project: type, attributes, start date, measure switches.
//! 5. [`engine`] — build the work graph, schedule it on both clocks, assemble the [`plan::Plan`].
//! 6. [`render`] — the plan as a terminal table, JSON, CSV, Markdown, mermaid, SVG or iCalendar.
//!
//! The core does no file I/O and reads no clock: hosts (the CLI, the wasm page) pass file
//! contents in and render the results.

#![warn(missing_docs)]

pub mod builtin;
pub mod calendar;
pub mod compare;
pub mod condition;
pub mod diagnostic;
pub mod engine;
pub mod plan;
pub mod project;
mod reader_error;
pub mod render;
pub mod risk;
pub mod ruleset;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "simulate")]
pub mod simulate;
pub mod source;
pub mod spanned;
#[cfg(feature = "tracking")]
pub mod status;
pub mod suggest;
pub mod text;
pub mod warning_profile;

pub use builtin::suggest as suggest_builtin;
pub use diagnostic::{Diagnostic, Label, Severity};
pub use source::{SourceFile, SourceId, Sources};
