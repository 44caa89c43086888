//! How fast the scheduler engine simulates: 1 000 tasks of 100 steps each, under both
//! policies. Criterion reports the time per run and, through the throughput, the simulated
//! events (scheduling decisions) per second. Run: `cargo bench -p engine --bench scheduler`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use engine::scheduler::{Burst, Policy, Schedule, Task};
use std::hint::black_box;

/// 1 000 tasks, each alternating 50 CPU bursts and 50 waits of 1–10 ms, varied but fixed.
fn workload() -> Vec<Task> {
    (0..1_000u32)
        .map(|t| Task {
            bursts: (0..100u32)
                .map(|b| {
                    let ms = 1 + (t * 7 + b * 13) % 10;
                    if b % 2 == 0 {
                        Burst::Cpu(ms)
                    } else {
                        Burst::Wait(ms)
                    }
                })
                .collect(),
            greedy: false,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let tasks = workload();
    let mut group = c.benchmark_group("1000 tasks x 100 bursts");
    group.sample_size(10);
    for (name, policy) in [
        ("preemptive", Policy::Preemptive { slice: 5, switch_cost: 1 }),
        ("cooperative", Policy::Cooperative { granularity: 5, switch_cost: 0 }),
    ] {
        let events = Schedule::run(&tasks, policy).expect("the workload is valid").events;
        group.throughput(Throughput::Elements(events));
        group.bench_function(name, |b| b.iter(|| Schedule::run(black_box(&tasks), policy)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
