//! The texts a plan repeats, interned once per ruleset (see [`crate::text`]).

use crate::plan::{RulesetInfo, Text};
use crate::ruleset::{Provenance, Ruleset};

pub(crate) struct ItemTexts {
    pub id: Text,
    pub name: Text,
    pub department: Text,
    /// The condition and its reason, when the item has one.
    pub condition: Option<Text>,
    /// Why the item is excluded when its condition fails.
    pub not_met: Option<Text>,
    pub provenance: Option<Text>,
    pub materials: Vec<Text>,
}

pub(crate) struct MeasureTexts {
    pub id: Text,
    pub name: Text,
    /// Note for a measure that is on but whose condition does not hold.
    pub not_applicable: Option<Text>,
    pub exempted: Text,
    pub merged: Text,
    pub into_id: Option<Text>,
    pub into_name: Option<Text>,
    pub into_department: Option<Text>,
    pub provenance: Option<Text>,
}

pub(crate) struct Texts {
    pub ruleset: RulesetInfo,
    pub items: Vec<ItemTexts>,
    pub measures: Vec<MeasureTexts>,
    /// (id, name, lead) per stage.
    pub stages: Vec<(Text, Text, Option<Text>)>,
    /// (id, label) per attribute.
    pub attributes: Vec<(Text, Text)>,
    /// (id, name) per project type.
    pub types: Vec<(Text, Text)>,
    pub total: Text,
    pub total_name: Text,
}

fn provenance(p: &Provenance) -> Option<Text> {
    match p {
        Provenance::Source(s) => Some(format!("source: {s}").into()),
        Provenance::Estimate(e) => Some(format!("estimate: {e}").into()),
        Provenance::Unstated => None,
    }
}

impl Texts {
    pub fn new(r: &Ruleset) -> Self {
        let type_ids: Vec<&str> = r.project_types.iter().map(|t| t.id.as_str()).collect();
        let describe = |w: &crate::condition::Condition| {
            let mut s = w.describe(&r.attributes, &type_ids);
            if let Some(reason) = &w.reason {
                s.push_str(&format!(" ({reason})"));
            }
            s
        };
        let mut interned: Vec<Text> = Vec::new();
        let mut intern = |s: &str| -> Text {
            match interned.iter().find(|t| t.as_str() == s) {
                Some(t) => t.clone(),
                None => {
                    let t = Text::from(s);
                    interned.push(t.clone());
                    t
                }
            }
        };
        let stages: Vec<(Text, Text, Option<Text>)> = r
            .stages
            .iter()
            .map(|s| {
                (
                    intern(&s.id),
                    intern(&s.name),
                    s.lead.as_deref().map(&mut intern),
                )
            })
            .collect();
        let items = r
            .items
            .iter()
            .map(|i| {
                let condition = i.when.as_ref().map(describe);
                ItemTexts {
                    id: intern(&i.id),
                    name: intern(&i.name),
                    department: intern(&i.department),
                    not_met: condition
                        .as_ref()
                        .map(|c| format!("condition not met: {c}").into()),
                    condition: condition.map(Text::from),
                    provenance: provenance(&i.provenance),
                    materials: i.materials.iter().map(|m| intern(m)).collect(),
                }
            })
            .collect();
        let measures = r
            .measures
            .iter()
            .map(|m| {
                let into_id = m.into.as_ref().map(|i| i.id.as_str());
                MeasureTexts {
                    id: intern(&m.id),
                    name: intern(&m.name),
                    not_applicable: m
                        .when
                        .as_ref()
                        .map(|w| format!("does not apply: needs {}", describe(w)).into()),
                    exempted: format!("exempted by {}", m.name).into(),
                    merged: format!("merged into `{}` by {}", into_id.unwrap_or(""), m.name).into(),
                    into_id: into_id.map(&mut intern),
                    into_name: m.into.as_ref().map(|i| intern(&i.name)),
                    into_department: m
                        .into
                        .as_ref()
                        .and_then(|i| i.department.as_deref())
                        .map(&mut intern),
                    provenance: provenance(&m.provenance),
                }
            })
            .collect();
        Texts {
            ruleset: RulesetInfo {
                id: r.id.as_str().into(),
                name: r.name.as_str().into(),
                jurisdiction: r.jurisdiction.as_str().into(),
                content_hash: r.content_hash.as_str().into(),
            },
            items,
            measures,
            stages,
            attributes: r
                .attributes
                .iter()
                .map(|a| (intern(&a.id), intern(&a.label)))
                .collect(),
            types: r
                .project_types
                .iter()
                .map(|t| (intern(&t.id), intern(&t.name)))
                .collect(),
            total: "total".into(),
            total_name: "全流程".into(),
        }
    }
}
