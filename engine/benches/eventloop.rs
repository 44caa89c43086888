//! How fast the event-loop engine runs a gather of 10 000 sleeping tasks to the end, from the
//! parsed program (the target is under 50 ms). Run: `cargo bench -p engine --bench eventloop`.

use criterion::{criterion_group, criterion_main, Criterion};
use engine::eventloop::{parse, run};
use std::hint::black_box;

const PROGRAM: &str = r#"import asyncio


async def nap(i):
    await asyncio.sleep(1)
    return i


async def main():
    results = await asyncio.gather(*[nap(i) for i in range(10000)])
    print(len(results))


asyncio.run(main())
"#;

fn bench(c: &mut Criterion) {
    let program = parse(PROGRAM).expect("the benchmark program reads");
    let done = run(&program);
    assert_eq!(done.output, ["10000"], "the run reaches its end");
    let mut group = c.benchmark_group("event loop");
    group.sample_size(10);
    group
        .bench_function("gather of 10 000 sleeping tasks", |b| b.iter(|| run(black_box(&program))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
