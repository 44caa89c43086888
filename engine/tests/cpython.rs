//! The event-loop engines against the reference: every preset and every program in
//! `tests/programs/` (and, for the Python interpreter, `tests/python/`) runs in real CPython 3
//! (`python3`), with its seconds scaled down, and the printed lines must come in the same
//! order as the engine's; a program that raises must end with the same exception line.
//! Where they differ, the engine is wrong.

use engine::eventloop::{parse, run, PRESETS};
use engine::python::{run_source, Failure};
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

_real_wait_for = _asyncio.wait_for
_real_wait = _asyncio.wait
_real_as_completed = _asyncio.as_completed
_real_timeout = _asyncio.timeout
_real_perf = _time.perf_counter
_start = _real_perf()


def _scaled(seconds):
    return None if seconds is None else seconds * _SCALE


_asyncio.wait_for = lambda fut, timeout: _real_wait_for(fut, _scaled(timeout))
_asyncio.wait = lambda fs, *, timeout=None, return_when=_asyncio.ALL_COMPLETED: _real_wait(
    fs, timeout=_scaled(timeout), return_when=return_when)
_asyncio.as_completed = lambda fs, *, timeout=None: _real_as_completed(fs, timeout=_scaled(timeout))
_asyncio.timeout = lambda delay: _real_timeout(_scaled(delay))
# The loop's own clock is time.monotonic: it stays as it is.
_time.perf_counter = _time.time = lambda: (_real_perf() - _start) / _SCALE


async def fetch(url, seconds):
    await _asyncio.sleep(seconds)
    return url


def cpu(seconds):
    end = _time.perf_counter() + seconds * _SCALE
    while _time.perf_counter() < end:
        pass
"#;

/// What CPython prints; when it fails, the traceback's last line after it.
fn cpython_with_error(source: &str) -> Vec<String> {
    let run = Command::new("python3")
        .arg("-c")
        .arg(format!("{PRELUDE}\n{source}"))
        .output()
        .expect("python3 runs (the test command installs it)");
    let mut lines: Vec<String> =
        String::from_utf8_lossy(&run.stdout).lines().map(str::to_owned).collect();
    if !run.status.success() {
        let stderr = String::from_utf8_lossy(&run.stderr);
        let err: Vec<&str> = stderr.lines().collect();
        let start = err.iter().rposition(|l| l.starts_with("Traceback")).unwrap_or(0);
        let last = err[start..].iter().skip(1).find(|l| !l.starts_with(' ') && !l.starts_with('^'));
        lines.push(last.map_or_else(|| stderr.to_string(), |l| (*l).to_owned()));
    }
    lines
}

fn cpython(source: &str) -> Vec<String> {
    let run = Command::new("python3")
        .arg("-c")
        .arg(format!("{PRELUDE}\n{source}"))
        .output()
        .expect("python3 runs (the test command installs it)");
    assert!(run.status.success(), "CPython failed:\n{}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).lines().map(str::to_owned).collect()
}

/// What the interpreter prints, and the exception line it ends with, as CPython would.
fn interpreter(source: &str) -> Result<Vec<String>, String> {
    let run = run_source(source).map_err(|e| format!("the interpreter cannot read it: {e}"))?;
    let mut lines = run.output;
    match run.failure {
        None => {}
        Some(Failure::Exception { last, .. }) => lines.push(last),
        Some(Failure::Halted { line, halt }) => {
            return Err(format!("the interpreter stopped at line {line}: {halt:?}"))
        }
    }
    Ok(lines)
}

fn corpus(dirs: &[&str]) -> Vec<(String, String)> {
    let mut programs: Vec<(String, String)> =
        PRESETS.iter().map(|(name, src)| (format!("preset {name}"), (*src).to_owned())).collect();
    for dir in dirs {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut files: Vec<_> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            programs.push((name, std::fs::read_to_string(&file).unwrap()));
        }
    }
    programs
}

#[test]
fn the_interpreter_prints_what_cpython_prints_in_the_same_order() {
    let programs = corpus(&["tests/programs", "tests/python"]);
    assert!(programs.len() >= 100, "the corpus has the presets and at least 95 programs");
    // One after another, and a mismatch is run again twice: see the test below.
    let mut wrong = Vec::new();
    for (name, src) in &programs {
        let got = interpreter(src);
        let matches = (0..3).any(|_| got.as_ref() == Ok(&cpython_with_error(src)));
        if !matches {
            let expected = cpython_with_error(src);
            wrong.push(format!("{name}:\n  CPython:     {expected:?}\n  interpreter: {got:?}"));
        }
    }
    println!("{} programs compared with CPython", programs.len());
    assert!(wrong.is_empty(), "the interpreter differs from CPython:\n{}", wrong.join("\n"));
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
    let programs = corpus(&["tests/programs"]);
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
