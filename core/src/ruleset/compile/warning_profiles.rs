//! `[[warning_profile]]` entries (the built-in ones, patched by the chain) and the
//! ruleset's default profile.

use crate::diagnostic::Diagnostic;
use crate::warning_profile::{self as profile, WarningProfile};

use super::super::raw::RawMeta;
use super::{Compiler, Ids, kept};

impl Compiler<'_> {
    /// The profiles in declaration order (built-ins first) and the index of the default.
    pub(super) fn warning_profiles(&mut self, meta: &RawMeta) -> (Vec<WarningProfile>, usize) {
        let mut out = Vec::new();
        let raw: Vec<_> = kept(&self.merged.raw.warning_profile).cloned().collect();
        for p in &raw {
            let yellow = p
                .yellow
                .as_ref()
                .and_then(|t| profile::threshold(t, &mut self.diags));
            let red = p
                .red
                .as_ref()
                .and_then(|t| profile::threshold(t, &mut self.diags));
            out.push(WarningProfile {
                id: p.id.value.clone(),
                name: p
                    .name
                    .as_ref()
                    .map_or_else(|| p.id.value.clone(), |n| n.value.clone()),
                source: p.source.clone(),
                yellow,
                red,
            });
        }
        let ids = Ids::new(out.iter().map(|p| p.id.as_str()).collect());
        let default = match &meta.warning_profile {
            Some(named) => self
                .resolve("warning profile", "unknown-warning-profile", &ids, named)
                .unwrap_or(0),
            None => ids.position(profile::DEFAULT_PROFILE).unwrap_or(0),
        };
        if out.is_empty() {
            self.err(
                Diagnostic::error(
                    "unknown-warning-profile",
                    "every warning profile was removed",
                )
                .with_label(0..0, "`shenpi status` needs one")
                .with_help("keep a built-in profile or declare a [[warning_profile]]"),
            );
        }
        (out, default)
    }
}
