//! The event-loop engine against the reference: every preset and every program in
//! `tests/programs/` runs in real CPython 3 (`python3`), with its seconds scaled down, and the
//! printed lines must come in the same order as the engine's. Where they differ, the engine
//! is wrong.

use engine::eventloop::{parse, run, PRESETS};
use std::path::Path;
use std::process::Command;

/// Makes CPython run the language's built-ins with seconds scaled down 20 times: `fetch` is a
/// network wait, `cpu` a busy loop, and `asyncio.sleep` and `time.sleep` are scaled.
const PRELUDE: &str = r#"
import asyncio as _asyncio
import time as _time

_SCALE = 0.05
_real_sleep = _asyncio.sleep
_real_time_sleep = _time.sleep


async def _scaled_sleep(delay, result=None):
    return await _real_sleep(delay * _SCALE, result)


_asyncio.sleep = _scaled_sleep
_time.sleep = lambda seconds: _real_time_sleep(seconds * _SCALE)


async def fetch(url, seconds):
    await _asyncio.sleep(seconds)
    return url


def cpu(seconds):
    end = _time.perf_counter() + seconds * _SCALE
    while _time.perf_counter() < end:
        pass
"#;

fn cpython(source: &str) -> Vec<String> {
    let run = Command::new("python3")
        .arg("-c")
        .arg(format!("{PRELUDE}\n{source}"))
        .output()
        .expect("python3 runs (the test command installs it)");
    assert!(run.status.success(), "CPython failed:\n{}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).lines().map(str::to_owned).collect()
}

fn engine(source: &str) -> Result<Vec<String>, String> {
    let program = parse(source).map_err(|e| format!("the engine cannot read it: {e}"))?;
    let run = run(&program);
    match run.error {
        Some(e) => Err(format!("the engine stopped at line {}: {}", e.line, e.message.en)),
        None => Ok(run.output),
    }
}

#[test]
fn the_engine_prints_what_cpython_prints_in_the_same_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut programs: Vec<(String, String)> =
        PRESETS.iter().map(|(name, src)| (format!("preset {name}"), (*src).to_owned())).collect();
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        programs.push((name, std::fs::read_to_string(&file).unwrap()));
    }
    assert!(programs.len() >= 25, "the corpus has the presets and at least 20 programs");
    // One after another: CPython's order depends on real time, and programs running side by
    // side on a busy machine could be late enough to swap two close deadlines. A mismatch is
    // run again twice before it counts, so a single late wake-up does not fail the build.
    let mut wrong = Vec::new();
    for (name, src) in &programs {
        let got = engine(src);
        let matches = (0..3).any(|_| got.as_ref() == Ok(&cpython(src)));
        if !matches {
            let expected = cpython(src);
            wrong.push(format!("{name}:\n  CPython: {expected:?}\n  engine:  {got:?}"));
        }
    }
    println!("{} programs compared with CPython", programs.len());
    assert!(wrong.is_empty(), "the engine differs from CPython:\n{}", wrong.join("\n"));
}
