//! The interpreter's limits: what a program that would not end, or would fill the memory, gets
//! instead (a clear stop, never a panic). What it prints is checked against CPython in
//! `tests/cpython.rs`.

use super::run::{run_source, Failure};
use super::vm::Halt;

fn failure(src: &str) -> Failure {
    run_source(src).expect("the program reads").failure.expect("the run is stopped")
}

#[test]
fn an_endless_loop_and_a_huge_range_are_stopped_with_a_reason() {
    for src in ["while True:\n    pass\n", "for i in range(10 ** 12):\n    pass\n"] {
        assert!(matches!(failure(src), Failure::Halted { halt: Halt::Steps, .. }), "{src}");
    }
    let src = "import asyncio\n\nasync def main():\n    while True:\n        await asyncio.sleep(0)\n\nasyncio.run(main())\n";
    assert!(matches!(failure(src), Failure::Halted { halt: Halt::Steps, line: 5 }));
}

#[test]
fn building_something_too_large_is_stopped_before_it_fills_the_memory() {
    for src in
        ["x = [0] * 10 ** 9\n", "s = 'ab' * 10 ** 9\n", "xs = []\nwhile True:\n    xs.append(1)\n"]
    {
        let f = failure(src);
        assert!(
            matches!(f, Failure::Halted { halt: Halt::TooLarge | Halt::Steps, .. }),
            "{src}: {f:?}"
        );
    }
    let src = "import asyncio\n\nasync def main():\n    await asyncio.gather(*[asyncio.sleep(1) for i in range(10 ** 8)])\n\nasyncio.run(main())\n";
    assert!(matches!(failure(src), Failure::Halted { halt: Halt::TooManyTasks, .. }));
}

#[test]
fn deep_recursion_is_pythons_recursion_error() {
    let src = "def down(n):\n    return down(n + 1)\n\ndown(0)\n";
    let Failure::Exception { last, line, .. } = failure(src) else { panic!("an exception") };
    assert_eq!((last.as_str(), line), ("RecursionError: maximum recursion depth exceeded", 2));
    // A recursion the program catches lets it go on.
    let src = "def down(n):\n    return down(n + 1)\n\ntry:\n    down(0)\nexcept RecursionError:\n    print('caught')\n";
    assert_eq!(run_source(src).unwrap().output, ["caught"]);
}

#[test]
fn a_program_waiting_for_nothing_is_told_it_would_wait_forever() {
    let src = "import asyncio\n\nasync def main():\n    await asyncio.Event().wait()\n\nasyncio.run(main())\n";
    assert!(matches!(failure(src), Failure::Halted { halt: Halt::Deadlock, .. }));
}

#[test]
fn numbers_beyond_64_bits_stop_with_an_overflow_error_not_a_wrong_answer() {
    let Failure::Exception { last, .. } = failure("print(2 ** 100)\n") else { panic!() };
    assert!(last.starts_with("OverflowError"), "{last}");
}

#[test]
fn the_few_lines_read_ahead_are_whole_statements_of_the_library() {
    use super::run::warm_up_text;
    let text = warm_up_text();
    assert!(text.lines().count() >= 20, "{text}");
    let body = super::parser::parse_module(text).expect("whole statements");
    super::compile::compile_module(&body, true).expect("they compile");
}

#[test]
fn the_prelude_is_prepared_a_stage_at_a_time_then_runs() {
    use super::run::{prepare, prepared};
    // Each test runs on a thread of its own, with its own prelude not read yet.
    let stages = std::iter::from_fn(|| (!prepared()).then(prepare)).count();
    assert_eq!(
        stages, 7,
        "a few lines read, the whole read, a few parsed, the whole parsed, a few compiled, \
         the whole compiled, a first run of the module"
    );
    assert!(prepare(), "once prepared, it stays so");
    let src = "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print('done')\n\nasyncio.run(main())\n";
    assert_eq!(run_source(src).expect("the program reads").output, ["done"]);
}
