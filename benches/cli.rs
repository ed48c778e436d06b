//! The whole `shenpi plan` process on an embedded example: start-up, loading and validating the
//! ruleset chain, planning and writing the JSON plan (docs/design.md, "Performance invariants": ≤ 20 ms).
//!
//! Run: `cargo bench --bench cli -- --warm-up-time 2 --measurement-time 5`

use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let shenpi = env!("CARGO_BIN_EXE_shenpi");
    let run = |args: &[&str]| {
        let status = Command::new(shenpi)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("shenpi runs");
        assert!(status.success(), "shenpi {args:?} failed");
    };
    c.bench_function("cli_plan_json_hubei_shiyan_2022_social_general", |b| {
        b.iter(|| {
            run(&[
                "plan",
                "example:hubei-shiyan-2022/social-general",
                "--format",
                "json",
                "--start",
                "2026-03-02",
            ])
        })
    });
    c.bench_function("cli_plan_json_file_example", |b| {
        b.iter(|| {
            run(&[
                "plan",
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/examples/hubei-shiyan-2022/social-general.toml"
                ),
                "--format",
                "json",
            ])
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
