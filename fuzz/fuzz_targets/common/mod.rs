//! What the project fuzz targets share: one planner for a built-in ruleset with natural-day
//! items, bundles and parallel measures, built once per process.

use std::sync::OnceLock;

use shenpi_core::engine::Planner;
use shenpi_core::ruleset;

pub fn planner() -> &'static Planner {
    static PLANNER: OnceLock<Planner> = OnceLock::new();
    PLANNER.get_or_init(|| {
        let loaded = ruleset::load_builtin("hubei-shiyan-2022").expect("built-in");
        Planner::new(loaded.ruleset.expect("valid"))
    })
}
