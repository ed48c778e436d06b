//! The plan as JSON: the stable, documented format (`docs/plan-format.md`), pretty-printed with
//! a trailing newline. The same bytes as [`Plan::to_json`].

use crate::plan::Plan;

/// Renders the documented JSON plan format.
pub fn render(plan: &Plan) -> String {
    plan.to_json()
}
