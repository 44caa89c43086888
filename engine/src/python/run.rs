//! Runs a whole program: the course's asyncio is loaded as CPython loads its own, the
//! program's module runs, and what happened is handed to the view as events, the printed
//! lines, and how the run ended.

use super::aio::NATIVES;
use super::ast::Stmt;
use super::code::Code;
use super::compile::compile_module;
use super::error::Pos;
use super::error::SyntaxError;
use super::lexer::{tokens_and_open_bracket, Token};
use super::parser::{parse_module, parse_tokens};
use super::value::{Attrs, Builtin, Module, Value};
use super::vm::{Exc, Halt, Vm};
use crate::event_loop::run::{Event, TaskInfo};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

const PRELUDE: &str = include_str!("asyncio.py");

/// Modules written in Python that a program may import, each loaded on its first import:
/// `functools` for decorators, and the helpers the book's listings import.
const LIBRARY: [(&str, &str); 2] =
    [("functools", include_str!("functools.py")), ("util", include_str!("book/util.py"))];

/// How a run ended early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// An exception nobody caught: Python prints its traceback.
    Exception {
        /// The innermost line of the learner's code it went through (0 when none).
        line: u32,
        /// `Traceback (most recent call last):` and its lines, as Python prints them.
        traceback: Vec<String>,
        /// Its last line: `ValueError: bad value`.
        last: String,
    },
    /// The program does not read (a run made from a checked program never has this).
    Syntax(SyntaxError),
    /// The visualiser stopped the run.
    Halted {
        /// The line running when it stopped.
        line: u32,
        /// Why.
        halt: Halt,
    },
}

impl Failure {
    /// The line to show.
    pub fn line(&self) -> u32 {
        match self {
            Failure::Exception { line, .. } | Failure::Halted { line, .. } => *line,
            Failure::Syntax(e) => e.pos.line,
        }
    }
}

/// A finished run.
#[derive(Clone, Debug, PartialEq)]
pub struct Execution {
    /// Every step, in order.
    pub events: Vec<Event>,
    /// Every task, in order of creation.
    pub tasks: Vec<TaskInfo>,
    /// The printed lines.
    pub output: Vec<String>,
    /// How it ended early, if it did.
    pub failure: Option<Failure>,
    /// Warnings Python prints, with their lines.
    pub warnings: Vec<(u32, String)>,
    /// The names of the callbacks in [`crate::event_loop::run::Handle::Callback`].
    pub callbacks: Vec<String>,
    /// The clock at the end, in milliseconds.
    pub end: u64,
}

/// The course's own Python, read and compiled.
fn compile_library(source: &str) -> Rc<Code> {
    let body =
        super::parser::parse_any_length(source).expect("the library is Python the parser reads");
    compile_module(&body, true).expect("the library compiles")
}

/// The course's asyncio on its way to bytecode, one stage at a time.
enum Prelude {
    Text,
    Tokens(Vec<Token>, Option<SyntaxError>),
    Read(Vec<Stmt>),
    Compiled(Rc<Code>),
}

thread_local! {
    static PRELUDE_CODE: RefCell<Prelude> = const { RefCell::new(Prelude::Text) };
    /// The [`LIBRARY`] modules compiled so far: each is read once, then run afresh by every
    /// program that imports it.
    static LIBRARY_CODE: RefCell<Vec<(&'static str, Rc<Code>)>> = const { RefCell::new(Vec::new()) };
    /// Whether [`prepare`] has run the compiled asyncio's module once.
    static PRELUDE_RAN: Cell<bool> = const { Cell::new(false) };
    /// How many of [`warm_up`]'s stages are done.
    static WARMED_UP: Cell<u8> = const { Cell::new(0) };
}

/// Takes the course's asyncio one stage further: its text into tokens, the tokens into
/// statements, the statements into bytecode (each first over a few of its lines, see
/// [`warm_up`]), then its module run once (in a machine of its own, thrown away: the code that
/// runs a module is then ready, in a browser that compiles a function on its first call); true
/// once it is done. The view calls it ahead of its first run, a stage per task of the browser,
/// so that no task is long; a first run does whatever is left, without the warm-ups.
pub fn prepare() -> bool {
    if let Some(stage) = stage() {
        if !warm_up(stage) {
            prelude_stage();
        }
        return false;
    }
    if !PRELUDE_RAN.replace(true) {
        // A program's run says what went wrong, if anything did; here the library alone runs.
        let _ = load_modules(&mut Vm::new());
    }
    true
}

/// Whether the course's asyncio is compiled and has run once already.
pub fn prepared() -> bool {
    PRELUDE_RAN.get() && compiled()
}

/// Whether the course's asyncio is bytecode already.
fn compiled() -> bool {
    stage().is_none()
}

/// Where the course's asyncio is on its way to bytecode: 0 text, 1 tokens, 2 statements;
/// `None` once compiled.
fn stage() -> Option<u8> {
    PRELUDE_CODE.with(|prelude| match &*prelude.borrow() {
        Prelude::Text => Some(0),
        Prelude::Tokens(..) => Some(1),
        Prelude::Read(_) => Some(2),
        Prelude::Compiled(_) => None,
    })
}

/// The library's first top-level statements (about a tenth of it, cut between two of them):
/// read, parsed and compiled ahead of the whole, each a stage before the whole's own.
pub(super) fn warm_up_text() -> &'static str {
    let tenth = PRELUDE.len() / 10;
    PRELUDE[..tenth].rfind("\n\n\n").map_or(&PRELUDE[..0], |end| &PRELUDE[..end])
}

/// Goes through `stage` (0 reads, 1 parses, 2 compiles) with a few lines of the library, once:
/// a browser compiles each WebAssembly function on its first call, so the code that reads,
/// parses or compiles Python is compiled in a task apart from the one that reads, parses or
/// compiles the whole library, and neither task is long. Says whether it went through.
fn warm_up(stage: u8) -> bool {
    if WARMED_UP.get() > stage {
        return false;
    }
    WARMED_UP.set(stage + 1);
    let text = warm_up_text();
    // A few lines of the library read as the library does: any problem shows in the whole.
    match stage {
        0 => drop(tokens_and_open_bracket(text, Pos { line: 1, col: 1 })),
        1 => drop(parse_module(text)),
        _ => {
            if let Ok(body) = parse_module(text) {
                drop(compile_module(&body, true));
            }
        }
    }
    true
}

/// One stage of [`prepare`]: the bytecode once it is compiled.
fn prelude_stage() -> Option<Rc<Code>> {
    PRELUDE_CODE.with(|prelude| {
        let mut prelude = prelude.borrow_mut();
        let next = match std::mem::replace(&mut *prelude, Prelude::Text) {
            Prelude::Text => {
                let start = Pos { line: 1, col: 1 };
                let (tokens, open) = tokens_and_open_bracket(PRELUDE, start)
                    .expect("the library is Python the lexer reads");
                Prelude::Tokens(tokens, open)
            }
            Prelude::Tokens(tokens, open) => Prelude::Read(
                parse_tokens(tokens, open).expect("the library is Python the parser reads"),
            ),
            Prelude::Read(body) => {
                Prelude::Compiled(compile_module(&body, true).expect("the library compiles"))
            }
            done @ Prelude::Compiled(_) => done,
        };
        let code = match &next {
            Prelude::Compiled(code) => Some(code.clone()),
            _ => None,
        };
        *prelude = next;
        code
    })
}

/// The course's asyncio, compiled.
fn prelude_code() -> Rc<Code> {
    loop {
        if let Some(code) = prelude_stage() {
            return code;
        }
    }
}

fn module(name: &str, attrs: Attrs) -> Rc<Module> {
    Rc::new(Module { name: name.into(), attrs: RefCell::new(attrs) })
}

fn load_modules(vm: &mut Vm) -> Result<(), Exc> {
    let mut attrs = Attrs::default();
    for (name, b) in NATIVES {
        attrs.insert(name.into(), Value::Builtin(b));
    }
    attrs.insert("_CancelledError".into(), Value::Class(vm.exc_class("CancelledError")));
    attrs.insert("_InvalidStateError".into(), Value::Class(vm.exc_class("InvalidStateError")));
    attrs.insert("__name__".into(), Value::str("asyncio"));
    let asyncio = module("asyncio", attrs);
    let code = prelude_code();
    let frame = vm.frame(code, asyncio.clone(), None);
    vm.run_nested(frame)?;
    if let Some(fetch) = asyncio.attrs.borrow().get("_fetch") {
        vm.builtins.insert("fetch".into(), fetch.clone());
    }
    vm.modules.insert("asyncio".into(), asyncio);
    let mut time = Attrs::default();
    time.insert("sleep".into(), Value::Builtin(Builtin::TimeSleep));
    for clock in ["perf_counter", "monotonic", "time"] {
        time.insert(clock.into(), Value::Builtin(Builtin::PerfCounter));
    }
    vm.modules.insert("time".into(), module("time", time));
    vm.modules.insert("typing".into(), module("typing", Attrs::default()));
    vm.modules.insert("__future__".into(), module("__future__", Attrs::default()));
    Ok(())
}

/// Loads one of the [`LIBRARY`] modules; `None` when there is no such module.
pub(super) fn import_library(vm: &mut Vm, name: &str) -> Result<Option<Rc<Module>>, Exc> {
    let Some(&(name, source)) = LIBRARY.iter().find(|(n, _)| *n == name) else { return Ok(None) };
    let code = LIBRARY_CODE.with_borrow_mut(|compiled| {
        if let Some((_, code)) = compiled.iter().find(|(n, _)| *n == name) {
            return code.clone();
        }
        let code = compile_library(source);
        compiled.push((name, code.clone()));
        code
    });
    let mut attrs = Attrs::default();
    attrs.insert("__name__".into(), Value::str(name));
    let m = module(name, attrs);
    // In the table before it runs, as CPython puts a module in sys.modules.
    vm.modules.insert(name.into(), m.clone());
    let frame = vm.frame(code, m.clone(), None);
    vm.run_nested(frame)?;
    Ok(Some(m))
}

/// Reads and runs `source`; a syntax error is returned before anything runs.
pub fn run_source(source: &str) -> Result<Execution, SyntaxError> {
    let body = parse_module(source)?;
    let code = compile_module(&body, false)?;
    let mut vm = Vm::new();
    let mut failure = None;
    if let Err(e) = load_modules(&mut vm) {
        failure = Some(fail(&mut vm, e, source));
    }
    if failure.is_none() {
        let mut attrs = Attrs::default();
        attrs.insert("__name__".into(), Value::str("__main__"));
        let main = module("__main__", attrs);
        let frame = vm.frame(code, main, None);
        if let Err(e) = vm.run_nested(frame) {
            failure = Some(fail(&mut vm, e, source));
        }
    }
    vm.finish_run();
    if !vm.open_line.is_empty() {
        let last = std::mem::take(&mut vm.open_line);
        vm.output.push(last.clone());
        vm.aio.record_print(last);
    }
    let end = vm.aio.ms();
    Ok(Execution {
        events: std::mem::take(&mut vm.aio.events),
        tasks: std::mem::take(&mut vm.aio.task_info),
        output: std::mem::take(&mut vm.output),
        failure,
        warnings: std::mem::take(&mut vm.aio.warnings),
        callbacks: std::mem::take(&mut vm.aio.callbacks),
        end,
    })
}

/// `[Previous line repeated 996 more times]` after a frame shown three times.
fn push_repeats(traceback: &mut Vec<String>, repeats: usize) {
    if repeats >= 3 {
        let more = repeats - 2;
        let s = if more > 1 { "s" } else { "" };
        traceback.push(format!("  [Previous line repeated {more} more time{s}]"));
    }
}

/// How a run that raised or was stopped ends; a traceback shows each frame's line of
/// `source` under it, as CPython does.
fn fail(vm: &mut Vm, e: Exc, source: &str) -> Failure {
    match e {
        Exc::Halt(halt) => Failure::Halted { line: vm.aio.line, halt },
        Exc::Raise(e) => {
            let last = vm.exception_line(&e);
            let mut traceback = vec!["Traceback (most recent call last):".to_owned()];
            let mut line = 0;
            if let Value::Instance(i) = &e {
                let tb = i.traceback.borrow();
                line = tb.first().map_or(0, |(_, l)| *l);
                // As CPython: a frame repeated more than three times in a row is counted.
                let mut repeats = 0;
                let mut previous = None;
                for entry @ (func, l) in tb.iter().rev() {
                    if previous == Some(entry) {
                        repeats += 1;
                        if repeats >= 3 {
                            continue;
                        }
                    } else {
                        push_repeats(&mut traceback, repeats);
                        repeats = 0;
                        previous = Some(entry);
                    }
                    traceback.push(format!("  File \"main.py\", line {l}, in {func}"));
                    let text = source.lines().nth((*l as usize).saturating_sub(1)).unwrap_or("");
                    if !text.trim().is_empty() {
                        traceback.push(format!("    {}", text.trim()));
                    }
                }
                push_repeats(&mut traceback, repeats);
            }
            traceback.push(last.clone());
            Failure::Exception { line, traceback, last }
        }
    }
}
