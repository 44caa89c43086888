//! How fast the event-loop visualiser reads and runs programs, natively, as the test command
//! prints it: a gather of 10 000 sleeping tasks from the parsed program to its end (target
//! under 50 ms), and the presets and two test programs as one program of 330 lines, read and
//! run (target 5 ms, the for 300 lines). Each is run a number of times; the fastest run is the work
//! itself (a busy machine only adds to it) and is held to the target, the median is printed
//! beside it.
//!
//! Run: `cargo run --release -p engine --example speed`.

use engine::event_loop::{parse, run};
use std::process::ExitCode;
use std::time::Instant;

#[path = "../benches/common/mod.rs"]
mod common;

/// Milliseconds of each of `runs` runs of `work`, sorted.
fn times(runs: usize, mut work: impl FnMut()) -> Vec<f64> {
    work();
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    ms
}

fn main() -> ExitCode {
    let gather = parse(common::GATHER).expect("the gather reads");
    let presets = common::presets();
    let lines = presets.lines().count();
    let checks = [
        (
            "a gather of 10 000 sleeping tasks, run".to_owned(),
            50.0,
            times(15, || assert_eq!(run(&gather).output, ["10000"])),
        ),
        (
            format!("{lines} lines (presets and tests), read and run"),
            5.0,
            times(30, || assert_eq!(run(&parse(&presets).expect("reads")).failure, None)),
        ),
    ];
    let mut held = true;
    for (what, target, ms) in checks {
        let (fastest, median) = (ms[0], ms[ms.len() / 2]);
        println!(
            "engine speed: {what}: {fastest:.1} ms fastest, {median:.1} ms median of {} (target {target:.1} ms)",
            ms.len()
        );
        held &= fastest <= target;
    }
    if held {
        ExitCode::SUCCESS
    } else {
        eprintln!("engine speed: over the target (above)");
        ExitCode::FAILURE
    }
}
