//! `[[item]]` entries: the approval items, their limits and their predecessors.

use crate::diagnostic::Diagnostic;
use crate::spanned::Sp;

use super::super::model::*;
use super::super::raw::*;
use super::fields::{self, duration, missing};
use super::{Compiler, Ids, kept};

impl Compiler<'_> {
    pub(super) fn deps(
        &mut self,
        after: &[Sp<RawDep>],
        item_ids: &Ids,
        owner: Option<&str>,
    ) -> Vec<Dependency> {
        let mut out = Vec::new();
        for dep in after {
            let mut d = dep.value.clone();
            if d.item.span == (0..0) {
                d.item.span = dep.span.clone();
            }
            if owner == Some(d.item.value.as_str()) {
                self.err(
                    Diagnostic::error(
                        "dependency-cycle",
                        format!("item `{}` depends on itself", d.item.value),
                    )
                    .with_label(d.item.span.clone(), "self-dependency")
                    .with_help("remove this entry from `after`"),
                );
                continue;
            }
            let Some(lag) = fields::lag(d.lag.as_ref(), &mut self.diags) else {
                continue;
            };
            if let Some(item) = self.item_ref(item_ids, &d.item) {
                out.push(Dependency {
                    item,
                    kind: d.kind.as_ref().map_or(DepKind::FS, |k| k.value),
                    lag,
                });
            }
        }
        out
    }

    pub(super) fn items(
        &mut self,
        attributes: &[Attribute],
        stage_ids: &Ids,
        type_ids: &[&str],
        risk_defaults: &RiskDefaults,
    ) -> Vec<Item> {
        let raw: Vec<&RawItem> = kept(&self.merged.raw.item).collect();
        let item_ids = Ids::new(raw.iter().map(|i| i.id.value.as_str()).collect());
        let mut out = Vec::new();
        for i in raw {
            let stage = match &i.stage {
                Some(s) => self.stage_ref(stage_ids, s),
                None => {
                    self.err(missing("item", "stage", &i.id));
                    None
                }
            };
            let works = i.works.as_ref().is_some_and(|w| w.value);
            let limit = match &i.limit {
                // The works' limit is the construction period used when neither the project
                // nor its type gives one.
                Some(l) if works => fields::construction_days(l, "limit", &mut self.diags),
                Some(l) => duration(l, "limit", &mut self.diags),
                None => {
                    self.err(
                        missing("item", "limit", &i.id)
                            .with_help("add `limit = N` (promised working days; 0 for 即办)"),
                    );
                    None
                }
            };
            let legal_limit =
                fields::optional_duration(i.legal_limit.as_ref(), "legal_limit", &mut self.diags);
            if let (Some(l), Some(legal), Some(lspan)) = (limit, legal_limit, i.limit.as_ref())
                && l > legal
            {
                self.err(
                    Diagnostic::warning("limit-exceeds-legal", format!("promised limit {l} exceeds the statutory limit {legal}"))
                        .with_label(lspan.span.clone(), "promised")
                        .with_help("a promised limit (承诺时限) is normally at most the statutory one (法定时限)"),
                );
            }
            for field in ["name", "department"] {
                let present = if field == "name" {
                    i.name.is_some()
                } else {
                    i.department.is_some()
                };
                if !present {
                    self.err(missing("item", field, &i.id));
                }
            }
            let after = self.deps(
                i.after.as_deref().unwrap_or_default(),
                &item_ids,
                Some(&i.id.value),
            );
            let requires = self.requires(
                i.requires.as_deref().unwrap_or_default(),
                &item_ids,
                &i.id.value,
            );
            let (unit, clock) = self.works_time(i, works);
            let risk = self.risk(
                i.uncertainty.as_ref(),
                risk_defaults.of(clock, works),
                clock,
                works,
            );
            let when = self.condition(&i.when, attributes, type_ids, true);
            let provenance = fields::provenance(&i.source, &i.estimate, &i.calibrated);
            if provenance == Provenance::Unstated {
                self.err(
                    Diagnostic::warning(
                        "unsourced",
                        format!("item `{}` cites no source for its limit", i.id.value),
                    )
                    .with_label(i.id.span.clone(), "no `source` or `estimate`")
                    .with_help(
                        "add `source = \"document, section\"`, or `estimate = \"why this number\"`",
                    ),
                );
            }
            let limit_cases = self.limit_cases(i, works, attributes, type_ids);
            // An invalid item is still pushed (the ruleset is rejected anyway) so that item
            // indices stay aligned with `item_ids` for the checks that follow.
            let (stage, limit) = (stage.unwrap_or(StageIdx::new(0)), limit.unwrap_or(0));
            out.push(Item {
                id: i.id.value.clone(),
                name: i
                    .name
                    .as_ref()
                    .map_or_else(|| i.id.value.clone(), |n| n.value.clone()),
                department: i
                    .department
                    .as_ref()
                    .map(|d| d.value.clone())
                    .unwrap_or_default(),
                stage,
                limit,
                legal_limit,
                unit,
                clock,
                after,
                requires,
                works,
                when,
                limit_cases,
                materials: i.materials.clone().unwrap_or_default(),
                risk,
                provenance,
                note: i.note.clone(),
            });
        }
        out
    }

    /// An item's `limit_cases`, each with its condition, limits and provenance.
    fn limit_cases(
        &mut self,
        i: &RawItem,
        works: bool,
        attributes: &[Attribute],
        type_ids: &[&str],
    ) -> Vec<LimitCase> {
        let Some(cases) = &i.limit_cases else {
            return Vec::new();
        };
        if works && let Some(first) = cases.first() {
            self.err(
                Diagnostic::error(
                    "invalid-value",
                    "the works take the project's construction period",
                )
                .with_label(first.span.clone(), "a limit case on the works item")
                .with_help("set `construction_days` on the project types instead"),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for case in cases {
            let c = &case.value;
            let when = self.condition(&Some(c.when.clone()), attributes, type_ids, true);
            let limit = duration(&c.limit, "limit", &mut self.diags);
            let legal_limit =
                fields::optional_duration(c.legal_limit.as_ref(), "legal_limit", &mut self.diags);
            if let (Some(l), Some(legal)) = (limit, legal_limit)
                && l > legal
            {
                self.err(
                    Diagnostic::warning("limit-exceeds-legal", format!("promised limit {l} exceeds the statutory limit {legal}"))
                        .with_label(c.limit.span.clone(), "promised")
                        .with_help("a promised limit (承诺时限) is normally at most the statutory one (法定时限)"),
                );
            }
            let provenance = fields::provenance(&c.source, &c.estimate, &c.calibrated);
            if provenance == Provenance::Unstated {
                self.err(
                    Diagnostic::warning(
                        "unsourced",
                        format!("a limit case of item `{}` cites no source", i.id.value),
                    )
                    .with_label(case.span.clone(), "no `source`, `estimate` or `calibrated`")
                    .with_help("add `source = \"document, section\"` to the case"),
                );
            }
            if let (Some(when), Some(limit)) = (when, limit) {
                out.push(LimitCase {
                    when,
                    limit,
                    legal_limit,
                    provenance,
                });
            }
        }
        out
    }

    /// An item's `requires` entries resolved; an item cannot require itself.
    fn requires(
        &mut self,
        raw: &[Sp<RawRequire>],
        item_ids: &Ids,
        owner: &str,
    ) -> Vec<Prerequisite> {
        let mut out: Vec<Prerequisite> = Vec::new();
        for r in raw {
            let mut item = r.value.item.clone();
            if item.span == (0..0) {
                item.span = r.span.clone();
            }
            if item.value == owner {
                self.err(
                    Diagnostic::error(
                        "dependency-cycle",
                        format!("item `{owner}` requires itself"),
                    )
                    .with_label(item.span.clone(), "self-prerequisite")
                    .with_help("remove this entry from `requires`"),
                );
                continue;
            }
            if let Some(idx) = self.item_ref(item_ids, &item)
                && !out.iter().any(|p| p.item == idx)
            {
                out.push(Prerequisite {
                    item: idx,
                    source: r.value.source.clone(),
                });
            }
        }
        out
    }

    /// The unit and clock of an item; the works count calendar days on the applicant's clock.
    fn works_time(&mut self, i: &RawItem, works: bool) -> (DurationUnit, Clock) {
        let unit = i.unit.as_ref().map(|u| u.value);
        let clock = i.clock.as_ref().map(|c| c.value);
        if !works {
            return (
                unit.unwrap_or(DurationUnit::Working),
                clock.unwrap_or(Clock::Approval),
            );
        }
        if let Some(u) = i.unit.as_ref().filter(|u| u.value != DurationUnit::Natural) {
            self.err(
                Diagnostic::error("invalid-value", "the works count calendar days")
                    .with_label(u.span.clone(), "a construction period is in calendar days")
                    .with_help(
                        "drop `unit` (the works are `natural` days), or drop `works = true`",
                    ),
            );
        }
        if let Some(c) = i.clock.as_ref().filter(|c| c.value != Clock::Applicant) {
            self.err(
                Diagnostic::error("invalid-value", "the works are the applicant's time")
                    .with_label(c.span.clone(), "building is not approval time")
                    .with_help("drop `clock` (the works are on the `applicant` clock), or drop `works = true`"),
            );
        }
        (DurationUnit::Natural, Clock::Applicant)
    }
}
