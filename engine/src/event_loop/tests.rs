use super::*;
use crate::python::{Failure, Halt};

fn output(src: &str) -> Vec<String> {
    let program = parse(src).unwrap_or_else(|e| panic!("{e}"));
    let run = run(&program);
    assert_eq!(run.failure, None);
    run.output
}

fn program(body: &str) -> String {
    format!("import asyncio\nimport time\n\n{body}\n\nasyncio.run(main())\n")
}

#[test]
fn every_preset_reads_and_runs_to_its_end() {
    for (name, src) in PRESETS {
        let program = parse(src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let run = run(&program);
        assert_eq!(run.failure, None, "{name}");
        assert!(!run.output.is_empty(), "{name}");
    }
}

#[test]
fn the_gather_preset_takes_one_then_two_seconds_then_two() {
    let run = run(&parse(PRESETS[1].1).unwrap());
    assert_eq!(
        run.output,
        [
            "start one.example",
            "done one.example",
            "start two.example",
            "done two.example",
            "one after another: 3 s",
            "start one.example",
            "start two.example",
            "done one.example",
            "done two.example",
            "together: 2 s, ['one.example', 'two.example']",
        ]
    );
    assert_eq!(run.end, 5000);
}

#[test]
fn time_sleep_blocks_the_loop_and_asyncio_sleep_does_not() {
    let run = run(&parse(PRESETS[0].1).unwrap());
    assert_eq!(
        run.output,
        [
            "tick 0",
            "blocker: time.sleep(1) blocks the loop",
            "blocker: done",
            "tick 1",
            "tick 2",
            "tock 0",
            "polite: await asyncio.sleep(1) lets others run",
            "tock 1",
            "polite: done",
            "tock 2",
        ]
    );
}

#[test]
fn a_bare_coroutine_call_never_runs_and_is_warned_about() {
    let run = run(&parse(PRESETS[3].1).unwrap());
    assert_eq!(
        run.output,
        [
            "awaited at once starts",
            "awaited at once ends",
            "main goes on while the task waits",
            "task starts",
            "main awaits the task",
            "task ends",
        ]
    );
    assert_eq!(
        run.warnings,
        [(11, "RuntimeWarning: coroutine 'job' was never awaited".to_owned())]
    );
    assert!(run
        .events
        .iter()
        .any(|e| e.line == 11 && matches!(&e.what, What::Warns(w) if w.contains("never awaited"))));
}

#[test]
fn a_task_is_scheduled_by_create_task_and_first_runs_on_the_next_turn() {
    let src = program(
        "async def child():\n    print(\"child\")\n\nasync def main():\n    asyncio.create_task(child())\n    print(\"main\")\n    await asyncio.sleep(0)\n    print(\"main again\")",
    );
    assert_eq!(output(&src), ["main", "child", "main again"]);
}

#[test]
fn a_waiter_resumes_one_turn_after_what_it_awaited() {
    // The child finishes and schedules main's wakeup; `other`, which yielded with sleep(0)
    // on the same turn, is queued behind it (CPython prints the same).
    let src = program(
        "async def child():\n    print(\"child done\")\n\nasync def other():\n    await asyncio.sleep(0)\n    print(\"other\")\n\nasync def main():\n    t = asyncio.create_task(child())\n    asyncio.create_task(other())\n    await t\n    print(\"main\")",
    );
    assert_eq!(output(&src), ["child done", "main", "other"]);
}

#[test]
fn gather_returns_results_in_argument_order() {
    let src = program(
        "async def slow(x, s):\n    await asyncio.sleep(s)\n    return x * 10\n\nasync def main():\n    r = await asyncio.gather(slow(1, 0.3), slow(2, 0.1), slow(3, 0.2))\n    print(r)\n    print(len(r))",
    );
    assert_eq!(output(&src), ["[10, 20, 30]", "3"]);
}

#[test]
fn values_print_as_python_prints_them() {
    let src = program(
        "async def main():\n    x = 1.5\n    y = x * 2\n    print(x, y, 7 // 2, 7 / 2, None, True, [\"a\", 'it\\'s'], -3 % 5)",
    );
    assert_eq!(output(&src), ["1.5 3.0 3 3.5 None True ['a', \"it's\"] 2"]);
}

#[test]
fn tasks_still_pending_when_main_returns_are_cancelled() {
    let src = program(
        "async def late():\n    await asyncio.sleep(5)\n    print(\"never\")\n\nasync def main():\n    asyncio.create_task(late())\n    await asyncio.sleep(0.1)\n    print(\"main ends\")",
    );
    let run = run(&parse(&src).unwrap());
    assert_eq!(run.output, ["main ends"]);
    assert!(run.events.iter().any(|e| e.what == What::Cancels(1)));
    assert_eq!(run.end, 100);
}

#[test]
fn runtime_mistakes_stop_the_run_with_the_line_and_pythons_words() {
    let cases = [
        (
            "async def main():\n    await cpu(1)",
            5,
            "TypeError: object NoneType can't be used in 'await' expression",
        ),
        ("async def main():\n    print(x)", 5, "NameError: name 'x' is not defined"),
        (
            "async def f():\n    pass\n\nasync def main():\n    c = f()\n    await c\n    await c",
            10,
            "RuntimeError: cannot reuse already awaited coroutine",
        ),
        (
            "async def main():\n    await main()",
            5,
            "RecursionError: maximum recursion depth exceeded",
        ),
        (
            "async def f(a):\n    pass\n\nasync def main():\n    await f()",
            8,
            "TypeError: f() missing 1 required positional argument: 'a'",
        ),
        (
            "async def main():\n    time.sleep(-1)",
            5,
            "ValueError: sleep length must be non-negative",
        ),
    ];
    for (body, line, message) in cases {
        let run = run(&parse(&program(body)).unwrap());
        match run.failure {
            Some(Failure::Exception { line: l, last, traceback }) => {
                assert_eq!((l, last.as_str()), (line, message), "{body}");
                assert_eq!(
                    traceback.first().map(String::as_str),
                    Some("Traceback (most recent call last):")
                );
                assert_eq!(traceback.last(), Some(&last));
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn a_program_that_never_ends_is_stopped_with_a_clear_message() {
    let src = program("async def main():\n    for i in range(100000):\n        for j in range(100000):\n            pass");
    let run = run(&parse(&src).unwrap());
    assert!(
        matches!(run.failure, Some(Failure::Halted { halt: Halt::Steps, .. })),
        "{:?}",
        run.failure
    );
    let src = program("async def main():\n    await main_task\n\nasync def x():\n    pass");
    assert!(parse(&src).is_ok());
}

#[test]
fn waiting_forever_is_explained() {
    let src = program("async def main():\n    me = asyncio.create_task(main2())\n    await me\n\nasync def main2():\n    await asyncio.gather(*[])\n    t = asyncio.create_task(asyncio.sleep(1))\n    await t");
    assert_eq!(run(&parse(&src).unwrap()).failure, None);
}

#[test]
fn the_snapshot_shows_queues_timers_and_output_at_any_step() {
    let run = run(&parse(PRESETS[1].1).unwrap());
    // Find the moment both downloads of the gather are in flight.
    let step = (0..=run.events.len())
        .find(|&k| Snapshot::at(&run, k).pending.iter().filter(|p| p.io).count() == 2)
        .expect("two fetches in flight at once");
    let s = Snapshot::at(&run, step);
    assert_eq!(s.t, 3000);
    assert_eq!(
        s.pending.iter().map(|p| &*p.label).collect::<Vec<_>>(),
        ["fetch('one.example')", "fetch('two.example')"]
    );
    assert_eq!(s.pending.iter().map(|p| p.until).collect::<Vec<_>>(), [4000, 5000]);
    assert_eq!(s.output.last().map(String::as_str), Some("start two.example"));
    let end = Snapshot::at(&run, run.events.len());
    assert_eq!(end.results[0].as_deref(), Some("None"));
    assert!(end.tasks.iter().all(|t| *t == TaskState::Done));
    assert!(end.ready.is_empty() && end.pending.is_empty());
}

#[test]
fn the_same_program_always_gives_the_same_run() {
    for (_, src) in PRESETS {
        let p = parse(src).unwrap();
        assert_eq!(run(&p).events, run(&p).events);
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn on_any_text(text in "\\PC{0,200}") {
            if let Ok(p) = parse(&text) {
                let _ = run(&p);
            }
        }

        #[test]
        fn on_a_preset_with_a_piece_cut_out(which in 0..PRESETS.len(), start in 0usize..2000, len in 0usize..40) {
            let src = PRESETS[which].1;
            let chars: Vec<char> = src.chars().collect();
            let start = start.min(chars.len());
            let end = (start + len).min(chars.len());
            let cut: String = chars[..start].iter().chain(&chars[end..]).collect();
            if let Ok(p) = parse(&cut) {
                let run = run(&p);
                let _ = Snapshot::at(&run, run.events.len() / 2);
            }
        }
    }
}

#[test]
fn advancing_a_snapshot_equals_replaying_from_the_start() {
    let run = run(&parse(PRESETS[3].1).unwrap());
    let mut s = Snapshot::default();
    for step in [0, 5, 6, 30, 12, run.events.len(), 3, run.events.len() + 10] {
        s.advance(&run, step);
        assert_eq!(s, Snapshot::at(&run, step), "step {step}");
    }
}

#[test]
fn the_loop_says_which_callback_it_runs() {
    let src = program(
        "def done(task):\n    print('done')\n\nasync def main():\n    t = asyncio.create_task(asyncio.sleep(0.1))\n    t.add_done_callback(done)\n    await t\n    await asyncio.to_thread(print, 'in a thread')",
    );
    let run = run(&parse(&src).unwrap());
    let taken: Vec<Handle> = run
        .events
        .iter()
        .filter_map(|e| if let What::Dispatched(h) = e.what { Some(h) } else { None })
        .collect();
    let named = |h: &Handle| match h {
        Handle::Callback(k) => run.callbacks.get(*k).map(String::as_str),
        _ => None,
    };
    assert!(taken.iter().any(|h| named(h) == Some("done")), "by its name: {taken:?}");
    assert!(taken.iter().any(|h| matches!(h, Handle::Done(_))), "the sleep's timer: {taken:?}");
    assert!(!taken.iter().any(|h| matches!(h, Handle::Gathered(_))), "no gather here: {taken:?}");
    assert_eq!(run.output, ["done", "in a thread"]);
}

#[test]
fn the_timeline_gives_every_task_a_lane_and_the_loop_bounded_marks() {
    use crate::trace::{Lane, Trace, Work};
    use trace::Who;
    let run = run(&parse(PRESETS[4].1).unwrap());
    let lanes = run.lanes();
    assert_eq!(lanes.len(), 1 + run.tasks.len(), "the loop's lane and one a task");
    assert_eq!(lanes[0], Lane::shared(Who::Loop));
    assert_eq!(lanes.last(), Some(&Lane::own(Who::Task(run.tasks.len() - 1))));
    let spans = run.spans();
    let on_loop: Vec<_> = spans.iter().filter(|s| s.lane == 0).collect();
    assert!(on_loop.len() <= 200, "{} marks of code running", on_loop.len());
    for pair in on_loop.windows(2) {
        assert!(pair[0].end <= pair[1].start || pair[1].work != Work::Runs, "{pair:?}");
    }
    // A mark of code that ran at the last instant is one mark wide past it.
    let last = run.end() + trace::mark_width(&run);
    assert!(spans.iter().all(|s| s.start <= s.end && s.end <= last));
    let last_task_waits =
        spans.iter().any(|s| s.lane == lanes.len() - 1 && s.work == Work::WaitsIo);
    assert!(last_task_waits, "the hundredth request is drawn");
}

#[test]
fn a_worker_thread_has_a_shared_lane_beside_the_loop() {
    use crate::trace::{Lane, Trace, Work};
    use trace::Who;
    let (_, src) = PRESETS.iter().find(|(n, _)| *n == "to-thread").unwrap();
    let run = run(&parse(src).unwrap());
    let lanes = run.lanes();
    assert_eq!(lanes[..2], [Lane::shared(Who::Loop), Lane::shared(Who::Thread(0))]);
    let sleeps = run.spans().into_iter().find(|s| s.lane == 1).unwrap();
    assert_eq!((sleeps.start, sleeps.end, sleeps.work), (0, 1200, Work::WaitsIo));
}

#[test]
fn a_built_in_sent_to_a_thread_waits_there_not_on_the_loop() {
    let body = "async def beat():\n    for i in range(3):\n        print(f\"beat {i}\")\n        await asyncio.sleep(0.25)\n\n\
                async def main():\n    await asyncio.gather(asyncio.to_thread(time.sleep, 1), beat())\n    print(\"done\")";
    let run = run(&parse(&program(body)).unwrap());
    assert_eq!(run.failure, None);
    let printed: Vec<(u64, &str)> = run
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Prints(line) => Some((e.t, line.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(printed, [(0, "beat 0"), (250, "beat 1"), (500, "beat 2"), (1000, "done")]);
    let works = run.events.iter().find_map(|e| match &e.what {
        What::Works { label, until, .. } => Some((&**label, *until)),
        _ => None,
    });
    assert_eq!(works, Some(("time.sleep(1)", 1000)), "the worker thread's lane names the call");
}
