//! A ruleset's per-project-type matrix (`shenpi show`): each type's example planned with
//! the default measures.

use chrono::NaiveDate;

use crate::plan::Plan;
use crate::project::Project;

use super::Planner;

/// One row of a ruleset's per-project-type matrix (`shenpi show`): each type's example
/// planned with the default measures.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TypeRow {
    /// Project type id.
    pub project_type: String,
    /// Project type display name.
    pub name: String,
    /// Approval time (审批时间) of the type's example, in working days.
    pub approval_working_days: i64,
    /// Elapsed time, in working days.
    pub elapsed_working_days: i64,
    /// Elapsed time, in calendar days from acceptance to the finish.
    pub elapsed_calendar_days: i64,
    /// The type's whole-process target, in approval working days (`None`: no such target).
    pub target: Option<u32>,
    /// Whether the approval time meets `target` (`None` when there is no whole-process target).
    pub met: Option<bool>,
    /// Number of planned items.
    pub items: usize,
    /// Number of distinct application materials.
    pub materials: usize,
    /// Number of separate applications (a bundle or a merged item is one).
    pub applications: usize,
}

impl Planner {
    /// Plans every project type's example from `start`: a bureau's one-glance view.
    pub fn type_matrix(&self, start: NaiveDate) -> Vec<(TypeRow, Plan<'static>)> {
        self.ruleset
            .project_types
            .iter()
            .filter_map(|t| {
                let project = Project::example(&self.ruleset, &t.id, start)?;
                let plan = self.plan(&project);
                let total = plan.targets.iter().find(|c| c.scope == "total");
                let row = TypeRow {
                    project_type: t.id.clone(),
                    name: t.name.clone(),
                    approval_working_days: plan.summary.approval_working_days,
                    elapsed_working_days: plan.summary.elapsed_working_days,
                    elapsed_calendar_days: plan.summary.elapsed_calendar_days,
                    target: total.map(|c| c.target),
                    met: total.map(|c| c.met),
                    items: plan.summary.items,
                    materials: plan.summary.materials,
                    applications: plan.summary.applications,
                };
                Some((row, plan.into_owned()))
            })
            .collect()
    }
}
