//! The event-loop visualiser's interpreter against the reference: every preset and every
//! program in `tests/programs/` and `tests/python/` runs in real CPython 3
//! (`python3`), with its seconds scaled down, and the printed lines must come in the same
//! order as the engine's; a program that raises must end with the same exception line.
//! Where they differ, the interpreter is wrong.

use engine::event_loop::PRESETS;
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
    // The book's helpers (`from util import delay`) are the interpreter's own `util`.
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/python/book");
    let run = Command::new("python3")
        .env("PYTHONPATH", book)
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

/// What the interpreter prints, and the exception line it ends with, as CPython would.
fn interpreter(source: &str) -> Result<Vec<String>, String> {
    let run = run_source(source).map_err(|e| format!("the interpreter cannot read it: {e}"))?;
    let mut lines = run.output;
    match run.failure {
        None => {}
        Some(Failure::Exception { last, .. }) => lines.push(last),
        Some(Failure::Syntax(e)) => return Err(format!("the interpreter cannot read it: {e}")),
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
    // One after another: CPython's order depends on real time, and programs running side by
    // side on a busy machine could be late enough to swap two close deadlines. A mismatch is
    // run again twice before it counts, so a single late wake-up does not fail the build.
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

/// Programs with mistakes a learner makes: each must be stopped on the line CPython names.
const MISTAKES: [&str; 43] = [
    "import asyncio\n\nasync def main(:\n    pass\n\nasyncio.run(main())\n",
    "x = (1,\n     2\ny = 3\n",
    "if True\n    print(1)\n",
    "def f():\nreturn 1\n",
    "x = 1\n    y = 2\n",
    "s = 'abc\nprint(s)\n",
    "x = = 1\n",
    "def f(a=1, b):\n    pass\n",
    "print(f(a=1, 2))\n",
    "x = 1\nreturn x\n",
    "x = 1\nbreak\n",
    "def f():\n    await g()\n",
    "print \"hello\"\n",
    "x = 1\nelse:\n    pass\n",
    "for x in :\n    pass\n",
    "x = 1 +\n",
    "class A\n    pass\n",
    "f() = 3\n",
    "x = (1, 2\n",
    "x = 1]\n",
    "def f():\n    async with lock:\n        pass\n",
    "x = 012\n",
    "x = {'a': 1, 'b'}\n",
    "try:\n    pass\ny = 1\n",
    "if x:\n    pass\n  else:\n    pass\n",
    "while True:\n    x = 1\n   y = 2\n",
    "async def main():\n    await asyncio.sleep(1\n    print('x')\n",
    "def f(x):\n    return x +* 2\n",
    "name = 'ann'\nprint(f'{name')\n",
    "items = [1, 2, 3\nfor i in items:\n    print(i)\n",
    "x = 'abc\" \n",
    "import asyncio\nasync def main()\n    pass\n",
    "a = 5\nif a == 5:\nprint(a)\n",
    "x = 1\nyield x\n",
    "def f():\n    async for x in y:\n        pass\n",
    "async def f():\n    yield 1\n    return 2\n",
    "async def f():\n    yield from g()\n",
    "x = 1\ndel f()\n",
    "@dec\nx = 1\n",
    "def f():\n    if x[0] := 1:\n        pass\n",
    "class A:\n    yield 1\n",
    "match x:\n    case 1:\n        pass\n    print(x)\n",
    "match x:\ncase 1:\n    pass\n",
];

#[test]
fn syntax_errors_are_placed_on_the_line_cpython_names() {
    let script = "import json, sys\nfor src in json.load(sys.stdin):\n    try:\n        compile(src, 'main.py', 'exec')\n        print(0)\n    except SyntaxError as e:\n        print(e.lineno)\n";
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let json =
        format!("[{}]", MISTAKES.iter().map(|m| format!("{m:?}")).collect::<Vec<_>>().join(","));
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(json.as_bytes()).expect("python3 reads");
    let out = child.wait_with_output().expect("python3 answers");
    let expected: Vec<u32> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().parse().unwrap_or(0))
        .collect();
    assert_eq!(expected.len(), MISTAKES.len(), "CPython judged every program");
    let mut wrong = vec![];
    for (src, want) in MISTAKES.iter().zip(expected) {
        assert_ne!(want, 0, "CPython rejects {src:?}");
        let got = engine::python::parse_module(src)
            .and_then(|body| engine::python::compile_module(&body, false).map(|_| ()))
            .err()
            .map(|e| e.pos.line);
        if got != Some(want) {
            wrong.push(format!("{src:?}: CPython line {want}, interpreter {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "mistakes placed elsewhere than CPython places them:\n{}",
        wrong.join("\n")
    );
}

/// The traceback CPython prints for a program saved as `main.py`: its frames in the
/// program (the library's are left out, as the visualiser shows only the learner's code),
/// each with its source line, and the exception's line.
fn cpython_traceback(source: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("tb-{}-{}", std::process::id(), source.len()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    // Python runs `sitecustomize` before the program, so `main.py` runs as a learner's file
    // would, with no frame of ours under it.
    let site = format!("{PRELUDE}\nimport builtins\nbuiltins.fetch = fetch\nbuiltins.cpu = cpu\n");
    std::fs::write(dir.join("sitecustomize.py"), site).expect("the prelude is written");
    std::fs::write(dir.join("main.py"), source).expect("the program is written");
    let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/python/book");
    let run = Command::new("python3")
        .current_dir(&dir)
        .env("PYTHONPATH", format!("{}:{}", dir.display(), book.display()))
        .arg("main.py")
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&run.stderr);
    let err: Vec<&str> = stderr.lines().collect();
    let start = err.iter().rposition(|l| l.starts_with("Traceback")).unwrap_or(0);
    let mut out = vec![];
    let mut keep_next = false;
    let file = format!("  File \"{}\"", dir.join("main.py").display());
    for l in &err[start..] {
        let l = &l.replace(&file, "  File \"main.py\"");
        if l.starts_with("Traceback") || !l.starts_with(' ') || l.starts_with("  [Previous") {
            out.push(l.clone());
            keep_next = false;
        } else if l.starts_with("  File ") {
            keep_next = l.starts_with("  File \"main.py\"");
            if keep_next {
                out.push(l.clone());
            }
        } else if keep_next && !l.trim_start().starts_with(['^', '~']) {
            out.push(l.clone());
            keep_next = false;
        }
    }
    out
}

#[test]
fn a_traceback_names_the_frames_and_lines_cpython_names() {
    let programs: Vec<(String, String)> = corpus(&["tests/python"])
        .into_iter()
        .filter(|(name, _)| name.starts_with("error_"))
        .collect();
    assert!(programs.len() >= 20, "the corpus has programs that end with an exception");
    let mut wrong = vec![];
    for (name, src) in &programs {
        let got = match run_source(src).map(|r| r.failure) {
            Ok(Some(Failure::Exception { traceback, .. })) => traceback,
            other => vec![format!("no exception: {other:?}")],
        };
        let expected = cpython_traceback(src);
        if got != expected {
            wrong.push(format!("{name}:\n  CPython:     {expected:?}\n  interpreter: {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "tracebacks differ from CPython's:\n{}", wrong.join("\n"));
}
