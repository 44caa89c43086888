//! The programs the event loop's speed is measured on, shared by the benchmark and the example
//! that the test command runs (`examples/speed.rs`).

use engine::event_loop::PRESETS;

/// A gather of 10 000 sleeping tasks (the target is under 50 ms natively).
pub const GATHER: &str = r#"import asyncio


async def nap(i):
    await asyncio.sleep(1)
    return i


async def main():
    results = await asyncio.gather(*[nap(i) for i in range(10000)])
    print(len(results))


asyncio.run(main())
"#;

/// The ten presets and two test programs as one program of about 330 lines (the target for
/// 300 lines, read and run, is 5 ms natively).
pub fn presets() -> String {
    let mut parts: Vec<&str> = PRESETS.iter().map(|(_, src)| *src).collect();
    parts.push(include_str!("../../tests/python/classes.py"));
    parts.push(include_str!("../../tests/python/comprehensions.py"));
    let all = parts.join("\n");
    assert!(all.lines().count() >= 300, "{} lines", all.lines().count());
    all
}
