//! Patching a parent ruleset with a child, by id: fields the child states override the
//! parent's, `remove = true` drops the entry, new ids are appended in the child's order.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::spanned::Sp;

use super::raw::{
    RawAttribute, RawCalendarAdditions, RawItem, RawMeasure, RawMilestone, RawProjectType,
    RawRuleset, RawStage, RawWarningProfile,
};

/// An entry dropped with `remove = true`, remembered so references to it get a precise error.
#[derive(Debug, Clone)]
pub(crate) struct Removed {
    pub kind: &'static str,
    pub id: String,
    pub span: Range<usize>,
}

/// The merged chain, still raw.
#[derive(Debug, Default)]
pub(crate) struct Merged {
    pub raw: RawRuleset,
    /// Ids of the ancestors, root first.
    pub ancestors: Vec<String>,
    pub removed: Vec<Removed>,
}

/// Entries with an id that a child can patch.
trait Patchable: Clone {
    const KIND: &'static str;
    fn id(&self) -> &Sp<String>;
    fn remove(&self) -> Option<&Sp<bool>>;
    /// Overrides the fields `child` states.
    fn patch(&mut self, child: &Self);
}

macro_rules! patchable {
    ($ty:ty, $kind:literal, [$($field:ident),* $(,)?] $(, one_of [$($alt:ident),*])? $(, then $hook:path)?) => {
        impl Patchable for $ty {
            const KIND: &'static str = $kind;
            fn id(&self) -> &Sp<String> {
                &self.id
            }
            fn remove(&self) -> Option<&Sp<bool>> {
                self.remove.as_ref()
            }
            fn patch(&mut self, child: &Self) {
                $(
                    if child.$field.is_some() {
                        self.$field = child.$field.clone();
                    }
                )*
                // Fields that are one field in several spellings (`source`, `estimate`,
                // `calibrated`): a child that states one replaces the parent's, whichever it
                // was (a limit re-typed as calibrated is no longer the parent's sourced one).
                $(
                    if false $(|| child.$alt.is_some())* {
                        $(self.$alt = child.$alt.clone();)*
                    }
                )?
                $($hook(self, child);)?
            }
        }
    };
}

patchable!(
    RawAttribute,
    "attribute",
    [
        kind,
        label,
        unit,
        help,
        values,
        value_labels,
        min,
        max,
        default,
        defaults,
        required
    ]
);
patchable!(
    RawProjectType,
    "project type",
    [name, description, when, target, construction_days, example]
);
patchable!(RawStage, "stage", [name, lead, after]);
patchable!(
    RawItem,
    "item",
    [
        name,
        department,
        stage,
        limit,
        legal_limit,
        unit,
        clock,
        after,
        requires,
        works,
        when,
        uncertainty,
        limit_cases,
        materials,
        note
    ],
    one_of [source, estimate, calibrated],
    then own_limit_drops_cases
);

/// A child that restates an item's limit without cases of its own promises that limit for
/// every project: the parent's per-project cases no longer apply.
fn own_limit_drops_cases(item: &mut RawItem, child: &RawItem) {
    if (child.limit.is_some() || child.legal_limit.is_some()) && child.limit_cases.is_none() {
        item.limit_cases = None;
    }
}
patchable!(
    RawMeasure,
    "measure",
    [
        name,
        kind,
        description,
        items,
        stages,
        waives,
        when,
        default,
        limit,
        lag,
        into,
        set
    ],
    one_of [source, estimate, calibrated]
);

patchable!(RawMilestone, "milestone", [name, start, finish]);
patchable!(
    RawWarningProfile,
    "warning profile",
    [name, source, yellow, red]
);

/// Reports ids declared twice within one file (a child restating a parent's id is a patch,
/// not a duplicate).
pub(crate) fn check_duplicates(file: &RawRuleset, diags: &mut Vec<Diagnostic>) {
    fn dups<T: Patchable>(entries: &[Sp<T>], diags: &mut Vec<Diagnostic>) {
        // First declaration of each id (a map: a file may declare 100,000 items).
        let mut first_of: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let id = e.value.id();
            let first = *first_of.entry(id.value.as_str()).or_insert(i);
            if first != i {
                let first = &entries[first];
                diags.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("{} `{}` is declared twice", T::KIND, id.value),
                    )
                    .with_label(id.span.clone(), "declared again here")
                    .with_label(first.value.id().span.clone(), "first declared here")
                    .with_help("ids must be unique within a file; rename or delete one"),
                );
            }
        }
    }
    dups(&file.attribute, diags);
    dups(&file.project_type, diags);
    dups(&file.stage, diags);
    dups(&file.item, diags);
    dups(&file.measure, diags);
    dups(&file.milestone, diags);
    dups(&file.warning_profile, diags);
}

fn patch_list<T: Patchable>(
    base: &mut Vec<Sp<T>>,
    child: &[Sp<T>],
    removed: &mut Vec<Removed>,
    diags: &mut Vec<Diagnostic>,
) {
    // Where each id of the parent is (a map: lists may be long); rebuilt after a removal,
    // which shifts the entries after it.
    let index = |base: &[Sp<T>]| -> std::collections::HashMap<String, usize> {
        let mut map = std::collections::HashMap::with_capacity(base.len());
        for (i, b) in base.iter().enumerate() {
            map.entry(b.value.id().value.clone()).or_insert(i);
        }
        map
    };
    let mut at = index(base);
    for entry in child {
        let id = entry.value.id();
        let remove = entry.value.remove().is_some_and(|r| r.value);
        let existing = at.get(&id.value).copied();
        match (existing, remove) {
            (Some(pos), true) => {
                base.remove(pos);
                at = index(base);
                removed.push(Removed {
                    kind: T::KIND,
                    id: id.value.clone(),
                    span: id.span.clone(),
                });
            }
            (Some(pos), false) => {
                base[pos].value.patch(&entry.value);
            }
            (None, true) => diags.push(
                Diagnostic::error(
                    "remove-unknown",
                    format!(
                        "cannot remove {} `{}`: the parent has none",
                        T::KIND,
                        id.value
                    ),
                )
                .with_label(id.span.clone(), "no such entry in the parent")
                .with_optional_help(crate::suggest::hint(
                    &id.value,
                    base.iter().map(|b| b.value.id().value.as_str()),
                )),
            ),
            (None, false) => {
                at.entry(id.value.clone()).or_insert(base.len());
                base.push(entry.clone());
            }
        }
    }
}

/// Merges a chain, root first.
pub(crate) fn merge(files: Vec<RawRuleset>, diags: &mut Vec<Diagnostic>) -> Merged {
    let mut merged = Merged::default();
    for (depth, file) in files.into_iter().enumerate() {
        check_duplicates(&file, diags);
        if depth == 0 {
            merged.raw = file;
            continue;
        }
        let m = &mut merged;
        if let Some(meta) = m.raw.ruleset.as_ref() {
            m.ancestors.push(meta.value.id.value.clone());
        }
        let parent_meta = m.raw.ruleset.take();
        m.raw.ruleset = match (parent_meta, file.ruleset) {
            (Some(parent), Some(mut child)) => {
                // The calendar is inherited; the chain's sources accumulate.
                if child.value.calendar.is_none() {
                    child.value.calendar = parent.value.calendar;
                }
                if child.value.warning_profile.is_none() {
                    child.value.warning_profile = parent.value.warning_profile;
                }
                let mut sources = parent.value.sources;
                sources.extend(child.value.sources);
                child.value.sources = sources;
                Some(child)
            }
            (parent, child) => child.or(parent),
        };
        let cal = m
            .raw
            .calendar
            .get_or_insert_with(RawCalendarAdditions::default);
        if let Some(child_cal) = file.calendar {
            cal.holidays.extend(child_cal.holidays);
            cal.workdays.extend(child_cal.workdays);
            cal.years.extend(child_cal.years);
        }
        // `[uncertainty]` is patched clock by clock.
        if let Some(child) = file.uncertainty {
            match &mut m.raw.uncertainty {
                Some(parent) => {
                    let (p, c) = (&mut parent.value, child.value);
                    for (mine, theirs) in [
                        (&mut p.approval, c.approval),
                        (&mut p.technical, c.technical),
                        (&mut p.intermediary, c.intermediary),
                        (&mut p.applicant, c.applicant),
                        (&mut p.works, c.works),
                    ] {
                        if theirs.is_some() {
                            *mine = theirs;
                        }
                    }
                    if c.source.is_some() || c.estimate.is_some() {
                        (p.source, p.estimate) = (c.source, c.estimate);
                    }
                }
                None => m.raw.uncertainty = Some(child),
            }
        }
        patch_list(&mut m.raw.attribute, &file.attribute, &mut m.removed, diags);
        patch_list(
            &mut m.raw.project_type,
            &file.project_type,
            &mut m.removed,
            diags,
        );
        patch_list(&mut m.raw.stage, &file.stage, &mut m.removed, diags);
        patch_list(&mut m.raw.item, &file.item, &mut m.removed, diags);
        patch_list(&mut m.raw.measure, &file.measure, &mut m.removed, diags);
        patch_list(&mut m.raw.milestone, &file.milestone, &mut m.removed, diags);
        patch_list(
            &mut m.raw.warning_profile,
            &file.warning_profile,
            &mut m.removed,
            diags,
        );
    }
    // The built-in warning profiles are the root every chain patches.
    let own = std::mem::take(&mut merged.raw.warning_profile);
    merged.raw.warning_profile = crate::warning_profile::builtin_raw();
    patch_list(
        &mut merged.raw.warning_profile,
        &own,
        &mut merged.removed,
        diags,
    );
    merged
}
