//! How fast the event-loop visualiser reads and runs programs (natively):
//! - a gather of 10 000 sleeping tasks, from the parsed program (the target is under 50 ms);
//! - the ten presets and two test programs as one program of about 330 lines, read and run
//!   (the target for 300 lines is 5 ms).
//!
//! Run: `cargo bench -p engine --bench event_loop`.

use criterion::{criterion_group, criterion_main, Criterion};
use engine::event_loop::{parse, run};
use std::hint::black_box;

mod common;
use common::{presets, GATHER};

fn bench(c: &mut Criterion) {
    let program = parse(GATHER).expect("the benchmark program reads");
    let done = run(&program);
    assert_eq!(done.output, ["10000"], "the run reaches its end");
    let presets = presets();
    let all = run(&parse(&presets).expect("the presets read as one program"));
    assert_eq!(all.failure, None, "the presets run one after another");
    let mut group = c.benchmark_group("event loop");
    group.sample_size(10);
    // The trace of 150 000 events is freed outside the measurement (when the next one runs).
    group.bench_function("gather of 10 000 sleeping tasks", |b| {
        b.iter_with_large_drop(|| run(black_box(&program)))
    });
    group.bench_function("read and run 300 lines (presets and tests)", |b| {
        b.iter(|| run(&parse(black_box(&presets)).expect("reads")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
