//! The texts a plan repeats, prepared once per ruleset; plans borrow them (see
//! [`crate::text`]).

use crate::plan::{Basis, RulesetInfo, Text};
use crate::ruleset::{ItemIdx, MeasureIdx, Provenance, Ruleset, StageIdx};

pub(crate) struct ItemTexts {
    pub id: Text<'static>,
    pub name: Text<'static>,
    pub department: Text<'static>,
    /// The condition and its reason, when the item has one.
    pub condition: Option<Text<'static>>,
    /// Why the item is excluded when its condition fails.
    pub not_met: Option<Text<'static>>,
    pub provenance: Option<Basis<'static>>,
    /// The provenance of each of the item's `limit_cases`.
    pub case_provenance: Vec<Option<Basis<'static>>>,
    pub materials: Vec<Text<'static>>,
    /// Index of each of `materials` in [`Texts::materials`], for de-duplication.
    pub material_ids: Vec<usize>,
    /// The sources of the item's statutory prerequisites, in `requires` order.
    pub requires_sources: Vec<Option<Text<'static>>>,
}

pub(crate) struct MeasureTexts {
    pub id: Text<'static>,
    pub name: Text<'static>,
    /// The measure's condition, described.
    pub condition: Option<Text<'static>>,
    /// Note for a measure that is on but whose condition does not hold.
    pub not_applicable: Option<Text<'static>>,
    pub exempted: Text<'static>,
    pub merged: Text<'static>,
    /// The item a `merge` measure creates.
    pub into: Option<MergedTexts>,
    pub provenance: Option<Basis<'static>>,
}

/// The texts of the item a `merge` measure creates.
pub(crate) struct MergedTexts {
    pub id: Text<'static>,
    pub name: Text<'static>,
    /// None: the parts' departments are listed.
    pub department: Option<Text<'static>>,
}

pub(crate) struct Texts {
    pub ruleset: RulesetInfo<'static>,
    pub items: Vec<ItemTexts>,
    pub measures: Vec<MeasureTexts>,
    /// (id, name, lead) per stage.
    pub stages: Vec<(Text<'static>, Text<'static>, Option<Text<'static>>)>,
    /// (id, label) per attribute.
    pub attributes: Vec<(Text<'static>, Text<'static>)>,
    /// Per attribute, why each of its conditional `defaults` is assumed (its condition and
    /// reason).
    pub attribute_defaults: Vec<Vec<Text<'static>>>,
    /// (id, name) per project type.
    pub types: Vec<(Text<'static>, Text<'static>)>,
    /// (id, name) per milestone.
    pub milestones: Vec<(Text<'static>, Text<'static>)>,
    pub total: Text<'static>,
    pub total_name: Text<'static>,
    /// Every distinct material of the ruleset, in first-use order.
    pub materials: Vec<Text<'static>>,
}

impl Texts {
    pub fn item(&self, i: ItemIdx) -> &ItemTexts {
        &self.items[i.index()]
    }
    /// The plan id of an item or merged node (empty for milestones).
    #[cfg(any(feature = "tracking", feature = "simulate"))]
    pub fn node_id(&self, kind: &super::graph::NodeKind) -> &str {
        use super::graph::NodeKind;
        match kind {
            NodeKind::Item(i) => self.item(*i).id.as_str(),
            NodeKind::Merged { measure, .. } => {
                (self.measure(*measure).into.as_ref()).map_or("", |m| m.id.as_str())
            }
            _ => "",
        }
    }

    pub fn measure(&self, m: MeasureIdx) -> &MeasureTexts {
        &self.measures[m.index()]
    }
    /// (id, name, lead) of stage `s`.
    pub fn stage(&self, s: StageIdx) -> &(Text<'static>, Text<'static>, Option<Text<'static>>) {
        &self.stages[s.index()]
    }
}

fn provenance(p: &Provenance) -> Option<Basis<'static>> {
    let (kind, text) = p.basis()?;
    Some(Basis {
        kind,
        text: text.to_owned().into(),
    })
}

impl Texts {
    pub fn new(r: &Ruleset) -> Self {
        // Conditions in the ruleset's own words (labels, value labels, type names): plans are
        // read by enterprises and the public, not by the ruleset's authors.
        let type_names: Vec<&str> = r.project_types.iter().map(|t| t.name.as_str()).collect();
        let describe = |w: &crate::condition::Condition| {
            let mut s = w.describe_labelled(&r.attributes, &type_names);
            if let Some(reason) = &w.reason {
                s.push_str(&format!("（{reason}）"));
            }
            s
        };
        let owned = |s: &str| -> Text<'static> { Text::from(s.to_owned()) };
        let mut materials: Vec<Text<'static>> = Vec::new();
        let mut material_id = |m: &str| match materials.iter().position(|t| t == m) {
            Some(id) => id,
            None => {
                materials.push(owned(m));
                materials.len() - 1
            }
        };
        let stages: Vec<(Text<'static>, Text<'static>, Option<Text<'static>>)> = r
            .stages
            .iter()
            .map(|s| (owned(&s.id), owned(&s.name), s.lead.as_deref().map(owned)))
            .collect();
        let items = r
            .items
            .iter()
            .map(|i| {
                let condition = i.when.as_ref().map(describe);
                ItemTexts {
                    id: owned(&i.id),
                    name: owned(&i.name),
                    department: owned(&i.department),
                    not_met: condition
                        .as_ref()
                        .map(|c| format!("condition not met: {c}").into()),
                    condition: condition.map(Text::from),
                    provenance: provenance(&i.provenance),
                    case_provenance: (i.limit_cases.iter())
                        .map(|c| provenance(&c.provenance))
                        .collect(),
                    materials: i.materials.iter().map(|m| owned(m)).collect(),
                    material_ids: i.materials.iter().map(|m| material_id(m)).collect(),
                    requires_sources: (i.requires.iter())
                        .map(|p| p.source.as_deref().map(owned))
                        .collect(),
                }
            })
            .collect();
        let measures = r
            .measures
            .iter()
            .map(|m| {
                let into = m.merge_into();
                MeasureTexts {
                    id: owned(&m.id),
                    name: owned(&m.name),
                    condition: m.when.as_ref().map(|w| describe(w).into()),
                    not_applicable: m
                        .when
                        .as_ref()
                        .map(|w| format!("does not apply: needs {}", describe(w)).into()),
                    exempted: format!("exempted by {}", m.name).into(),
                    merged: format!(
                        "merged into `{}` by {}",
                        into.map_or("", |i| i.id.as_str()),
                        m.name
                    )
                    .into(),
                    into: into.map(|i| MergedTexts {
                        id: owned(&i.id),
                        name: owned(&i.name),
                        department: i.department.as_deref().map(owned),
                    }),
                    provenance: provenance(&m.provenance),
                }
            })
            .collect();
        Texts {
            ruleset: RulesetInfo {
                id: owned(&r.id),
                name: owned(&r.name),
                jurisdiction: owned(&r.jurisdiction),
                content_hash: owned(&r.content_hash),
            },
            items,
            measures,
            stages,
            attributes: r
                .attributes
                .iter()
                .map(|a| (owned(&a.id), owned(&a.label)))
                .collect(),
            attribute_defaults: (r.attributes.iter())
                .map(|a| {
                    (a.defaults.iter())
                        .map(|d| describe(&d.when).into())
                        .collect()
                })
                .collect(),
            types: r
                .project_types
                .iter()
                .map(|t| (owned(&t.id), owned(&t.name)))
                .collect(),
            milestones: (r.milestones.iter())
                .map(|m| (owned(&m.id), owned(&m.name)))
                .collect(),
            total: "total".into(),
            total_name: "全流程".into(),
            materials,
        }
    }
}
