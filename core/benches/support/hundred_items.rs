//! The synthetic 100-item ruleset the planner benchmarks use (shared by `plan` and
//! `plan_loop`).

use std::fmt::Write as _;

/// A 100-item ruleset in four gated stages; each item depends on up to two earlier items of
/// its stage (a fixed pseudo-random pattern), with a commitment, a merge, a parallel and a
/// bundle measure — the shape of a large city flow.
pub fn hundred_items() -> String {
    let mut t = String::from(
        "[ruleset]\nid = \"bench\"\nname = \"bench\"\n\
         [[attribute]]\nid = \"risk\"\ntype = \"enum\"\nvalues = [\"low\", \"high\"]\n\
         [[project_type]]\nid = \"t\"\nname = \"t\"\nwhen = { risk = [\"low\", \"high\"] }\ntarget = { total = 120 }\nexample = { risk = \"low\" }\n",
    );
    for s in 0..4 {
        let _ = write!(t, "[[stage]]\nid = \"s{s}\"\nname = \"stage {s}\"\n");
        if s > 0 {
            let _ = writeln!(t, "after = [\"s{}\"]", s - 1);
        }
    }
    let mut seed: u32 = 12345;
    let mut next = |m: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        (seed >> 16) % m
    };
    for i in 0..100 {
        let stage = i / 25;
        let first = stage * 25;
        let mut after = Vec::new();
        if i > first {
            for _ in 0..2 {
                let p = first + next((i - first) as u32) as usize;
                if !after.contains(&p) {
                    after.push(p);
                }
            }
        }
        let after: Vec<String> = after.iter().map(|p| format!("\"i{p}\"")).collect();
        let _ = write!(
            t,
            "[[item]]\nid = \"i{i}\"\nname = \"事项{i}\"\ndepartment = \"部门{}\"\nstage = \"s{stage}\"\nlimit = {}\nlegal_limit = 20\nafter = [{}]\nmaterials = [\"申请表\", \"材料{}\"]\nestimate = \"bench\"\n",
            i % 7,
            1 + next(10),
            after.join(", "),
            i % 13
        );
        if i % 10 == 3 {
            let _ = writeln!(t, "when = {{ risk = \"low\" }}");
        }
        if i % 17 == 5 {
            t.push_str("unit = \"natural\"\nclock = \"applicant\"\n");
        }
    }
    t.push_str("[[measure]]\nid = \"c\"\nname = \"c\"\nkind = \"commitment\"\nitems = [\"i30\", \"i31\", \"i32\"]\n");
    t.push_str("[[measure]]\nid = \"m\"\nname = \"m\"\nkind = \"merge\"\nitems = [\"i90\", \"i91\", \"i92\"]\ninto = { id = \"joint\", name = \"联合验收\" }\n");
    t.push_str("[[measure]]\nid = \"p\"\nname = \"p\"\nkind = \"parallel\"\nitems = [\"i50\", \"i51\", \"i52\", \"i53\"]\n");
    t.push_str("[[measure]]\nid = \"b\"\nname = \"b\"\nkind = \"bundle\"\nitems = [\"i60\", \"i61\", \"i62\"]\n");
    t
}
