//! The project as the plan resolved it: type, scenario, dates and attribute values with
//! their display forms.

use chrono::NaiveDate;

use crate::condition::Value;
use crate::plan::*;
use crate::project::ValueOrigin;
use crate::ruleset::AttributeKind;

use super::Assembly;

impl<'a> Assembly<'a, '_> {
    pub(super) fn project_info(&self, accepted: NaiveDate) -> ProjectInfo<'a> {
        let r = self.ruleset;
        let attributes = r
            .attributes
            .iter()
            .zip(&self.project.values)
            .zip(&self.texts().attributes)
            .enumerate()
            .filter_map(|(i, ((a, v), (id, label)))| {
                let v = v.as_ref()?;
                let display: Text = match (a.kind, v) {
                    (AttributeKind::Enum, Value::Text(t)) => a
                        .values
                        .iter()
                        .find(|e| &e.id == t)
                        .map_or_else(|| t.clone().into(), |e| e.label.as_str().into()),
                    (AttributeKind::Bool, Value::Bool(b)) => if *b { "是" } else { "否" }.into(),
                    (_, v) => match &a.unit {
                        Some(u) => format!("{v} {u}").into(),
                        None => v.to_string().into(),
                    },
                };
                Some(AttributeValue {
                    id: id.borrowed(),
                    label: label.borrowed(),
                    value: v.clone(),
                    display,
                    assumed: match self.project.origins.get(i) {
                        Some(ValueOrigin::Default) => Some(Assumption::Default),
                        Some(ValueOrigin::ConditionalDefault(k)) => Some(Assumption::Inferred {
                            because: self.texts().attribute_defaults[i][*k].borrowed(),
                        }),
                        Some(ValueOrigin::Given) | None => None,
                    },
                })
            })
            .collect();
        let (type_id, type_name) = &self.texts().types[self.project.project_type.index()];
        ProjectInfo {
            name: self.project.name.clone().into(),
            project_type: type_id.borrowed(),
            project_type_name: type_name.borrowed(),
            classification: self.project.classification.clone(),
            scenario: self.project.scenario,
            start: self.project.start,
            accepted,
            attributes,
            construction_days: self.project.construction_days(r),
        }
    }
}
