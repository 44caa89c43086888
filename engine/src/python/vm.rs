//! The interpreter: frames of compiled code, run one instruction at a time. A task's frames
//! stay on its own stack while it waits, so an `await` can stop it anywhere and the loop
//! ([`super::aio`]) can resume it later with a value or an exception. Frames are boxed: they
//! move between coroutine objects and task stacks as one pointer.
#![allow(clippy::vec_box)]

use super::ast::{BinOp, CmpOp, UnaryOp};
use super::code::{Code, Op};
use super::value::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// The most instructions a run may take.
pub const MAX_STEPS: u64 = 5_000_000;
/// Frames deeper than this raise `RecursionError`, as CPython's default limit.
pub const MAX_DEPTH: usize = 1000;
/// The longest a list, a string or a dict may grow.
pub const MAX_ITEMS: usize = 1_000_000;

/// Why a run is stopped by the visualiser itself (no `except` catches it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halt {
    /// More than [`MAX_STEPS`] instructions: an endless loop, most likely.
    Steps,
    /// The program would build something too large to show.
    TooLarge,
    /// More tasks than the visualiser keeps.
    TooManyTasks,
    /// The main task waits for something that never comes.
    Deadlock,
    /// A feature the visualiser does not run, met at run time.
    Unsupported(String),
}

/// An exception on its way, or the run being stopped.
#[derive(Clone, Debug)]
pub enum Exc {
    /// A Python exception (an instance of an exception class).
    Raise(Value),
    /// The visualiser stops.
    Halt(Halt),
}

/// What an operation gives: a value or an exception.
pub type Res<T> = Result<T, Exc>;

/// A `try` block in a frame: where its handler is, and the stack depth to go back to.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    handler: usize,
    depth: usize,
    handling: usize,
}

/// A function call in progress.
#[derive(Debug)]
pub struct Frame {
    /// What it runs.
    pub code: Rc<Code>,
    /// The next instruction.
    pub ip: usize,
    /// Its value stack.
    pub stack: Vec<Value>,
    /// Its local variables (`None` while unbound).
    pub locals: Vec<Option<Value>>,
    /// Its cells: its own, then those taken from outside.
    pub cells: Vec<CellRef>,
    /// Its module.
    pub globals: Rc<Module>,
    blocks: Vec<Block>,
    /// Exceptions being handled (innermost last), for a bare `raise`.
    handling: Vec<Value>,
    /// A class body's namespace.
    namespace: Option<Rc<RefCell<Attrs>>>,
    /// The function it runs, for `super()`.
    pub func: Option<Rc<Function>>,
    /// What to give the caller instead of the return value (a new object after `__init__`).
    return_instead: Option<Value>,
    /// The coroutine this frame belongs to.
    pub coro: Option<Rc<Coro>>,
    /// The last line recorded.
    pub line: u32,
}

impl Frame {
    /// The line it is at.
    pub fn current_line(&self) -> u32 {
        let at = self.ip.saturating_sub(1).min(self.code.lines.len().saturating_sub(1));
        self.code.lines.get(at).copied().unwrap_or(0)
    }

    /// Its local variables that are bound, by name (for the view's frames).
    pub fn bound_locals(&self) -> Vec<(Rc<str>, Value)> {
        let mut out: Vec<(Rc<str>, Value)> = self
            .code
            .locals
            .iter()
            .zip(&self.locals)
            .filter(|(n, _)| !n.starts_with('.'))
            .filter_map(|(n, v)| v.clone().map(|v| (n.clone(), v)))
            .collect();
        for (n, c) in self.code.cells.iter().zip(&self.cells) {
            if let Some(v) = c.borrow().clone() {
                if !out.iter().any(|(m, _)| m == n) {
                    out.push((n.clone(), v));
                }
            }
        }
        out
    }
}

/// How a run of frames ends.
#[derive(Debug)]
pub enum Outcome {
    /// The bottom frame returned.
    Return(Value),
    /// An exception left the bottom frame.
    Raise(Value),
    /// A coroutine waits: for this future, or (none) just to let others run.
    Suspend(Option<Rc<Future>>),
}

/// How frames are resumed.
#[derive(Debug)]
pub enum Resume {
    /// From where they are, with nothing to hand in (a new call).
    Start,
    /// With the awaited value.
    Send(Value),
    /// With an exception raised at the `await`.
    Throw(Value),
}

/// What resuming a generator gave.
#[derive(Debug)]
pub enum GenStep {
    /// It yielded this.
    Yielded(Value),
    /// It returned this (it is done).
    Returned(Value),
}

/// What a call gives: a value at once, or a frame to run.
pub enum Called {
    /// The result.
    Value(Value),
    /// A Python function's frame, to run.
    Frame(Box<Frame>),
}

enum Ctl {
    Next,
    Push(Box<Frame>),
    /// A frame goes on the stack with an exception thrown in at once.
    PushThrow(Box<Frame>, Value),
    Return(Value),
    Yield(Value),
    Suspend(Option<Rc<Future>>),
}

/// The interpreter's state, with the loop's (see [`super::aio`]).
pub struct Vm {
    /// The built-in exception classes, by name.
    pub exceptions: HashMap<&'static str, Rc<Class>>,
    /// Importable modules.
    pub modules: HashMap<Rc<str>, Rc<Module>>,
    /// The built-in names.
    pub builtins: Attrs,
    /// Instructions taken.
    pub steps: u64,
    /// Frames running in nested calls (from built-ins calling Python).
    pub nested: usize,
    /// The loop's state.
    pub aio: super::aio::Loop,
    /// What was printed, line by line, and the line being printed.
    pub output: Vec<String>,
    /// The line `print(..., end='')` leaves open.
    pub open_line: String,
    /// Frames that returned, kept to be used again (a call then allocates nothing).
    pool: Vec<Box<Frame>>,
    /// Method names, shared: `items.append` makes no new string.
    interned: rustc_hash::FxHashMap<Box<str>, Rc<str>>,
    /// What the view calls futures (`sleep(1)`, `task`), shared by the run's events.
    labels: rustc_hash::FxHashMap<Box<str>, Arc<str>>,
    /// Where a timed wait's label (`sleep(1)`) or a task's name (`Task-2`) is written before it is
    /// shared, so that making it allocates no more than its shared copy (see `with_label`).
    label: String,
}

/// A Python exception to raise.
pub fn raise<T>(e: Value) -> Res<T> {
    Err(Exc::Raise(e))
}

impl Vm {
    /// A fresh interpreter with the built-in exceptions.
    pub fn new() -> Vm {
        let mut vm = Vm {
            exceptions: HashMap::new(),
            modules: HashMap::new(),
            builtins: Attrs::default(),
            steps: 0,
            nested: 0,
            aio: super::aio::Loop::default(),
            output: vec![],
            open_line: String::new(),
            pool: vec![],
            interned: rustc_hash::FxHashMap::default(),
            label: String::new(),
            labels: rustc_hash::FxHashMap::default(),
        };
        vm.define_exceptions();
        vm.builtins = super::builtins::names(&vm);
        vm
    }

    fn define_exceptions(&mut self) {
        let tree: [(&'static str, &'static str, &str); 31] = [
            ("BaseException", "", "builtins"),
            ("Exception", "BaseException", "builtins"),
            ("ArithmeticError", "Exception", "builtins"),
            ("ZeroDivisionError", "ArithmeticError", "builtins"),
            ("OverflowError", "ArithmeticError", "builtins"),
            ("AssertionError", "Exception", "builtins"),
            ("AttributeError", "Exception", "builtins"),
            ("NameError", "Exception", "builtins"),
            ("UnboundLocalError", "NameError", "builtins"),
            ("LookupError", "Exception", "builtins"),
            ("IndexError", "LookupError", "builtins"),
            ("KeyError", "LookupError", "builtins"),
            ("RuntimeError", "Exception", "builtins"),
            ("RecursionError", "RuntimeError", "builtins"),
            ("NotImplementedError", "RuntimeError", "builtins"),
            ("TypeError", "Exception", "builtins"),
            ("ValueError", "Exception", "builtins"),
            ("StopIteration", "Exception", "builtins"),
            ("StopAsyncIteration", "Exception", "builtins"),
            ("OSError", "Exception", "builtins"),
            ("TimeoutError", "OSError", "builtins"),
            ("ConnectionError", "OSError", "builtins"),
            ("ImportError", "Exception", "builtins"),
            ("ModuleNotFoundError", "ImportError", "builtins"),
            ("MemoryError", "Exception", "builtins"),
            ("KeyboardInterrupt", "BaseException", "builtins"),
            ("SystemExit", "BaseException", "builtins"),
            ("GeneratorExit", "BaseException", "builtins"),
            ("BaseExceptionGroup", "BaseException", "builtins"),
            ("CancelledError", "BaseException", "asyncio.exceptions"),
            ("InvalidStateError", "Exception", "asyncio.exceptions"),
        ];
        for (name, base, module) in tree {
            let bases = self.exceptions.get(base).cloned().into_iter().collect();
            let class = Rc::new(Class {
                name: name.into(),
                module: module.into(),
                bases,
                attrs: RefCell::new(Attrs::default()),
                builtin: true,
            });
            self.exceptions.insert(name, class);
        }
        let group = Rc::new(Class {
            name: "ExceptionGroup".into(),
            module: "builtins".into(),
            bases: vec![self.exc_class("BaseExceptionGroup"), self.exc_class("Exception")],
            attrs: RefCell::new(Attrs::default()),
            builtin: true,
        });
        self.exceptions.insert("ExceptionGroup", group);
    }

    /// A built-in exception class.
    pub fn exc_class(&self, name: &str) -> Rc<Class> {
        self.exceptions.get(name).cloned().unwrap_or_else(|| self.exceptions["Exception"].clone())
    }

    /// A new exception of a built-in class with a message.
    pub fn exc(&self, class: &str, message: impl Into<String>) -> Value {
        let message: String = message.into();
        let args = if message.is_empty() { vec![] } else { vec![Value::str(&message)] };
        self.new_exception(self.exc_class(class), args)
    }

    /// An exception object of `class` with `args`.
    pub fn new_exception(&self, class: Rc<Class>, args: Vec<Value>) -> Value {
        let mut attrs = Attrs::default();
        attrs.insert("args".into(), Value::tuple(args));
        Value::Instance(Rc::new(Instance {
            class,
            attrs: RefCell::new(attrs),
            traceback: RefCell::new(vec![]),
        }))
    }

    /// Raises a built-in exception.
    pub fn fail<T>(&self, class: &str, message: impl Into<String>) -> Res<T> {
        raise(self.exc(class, message))
    }

    /// Is `v` an exception of `class` (by name) or a subclass?
    pub fn is_exc(&self, v: &Value, class: &str) -> bool {
        match (v, self.exceptions.get(class)) {
            (Value::Instance(i), Some(c)) => i.class.is_subclass(c),
            _ => false,
        }
    }

    /// Is `v` an instance of an exception class?
    pub fn is_exception(&self, v: &Value) -> bool {
        self.is_exc(v, "BaseException")
    }

    // --- frames ------------------------------------------------------------------------------

    /// A frame for `code` in `globals`, with its own cells made and the closure's added.
    pub fn frame(
        &mut self,
        code: Rc<Code>,
        globals: Rc<Module>,
        func: Option<Rc<Function>>,
    ) -> Box<Frame> {
        let mut frame = match self.pool.pop() {
            Some(mut f) => {
                f.code = code;
                f.globals = globals;
                f.ip = 0;
                f.line = 0;
                f
            }
            None => Box::new(Frame {
                locals: vec![],
                code,
                ip: 0,
                stack: Vec::with_capacity(8),
                cells: vec![],
                globals,
                blocks: vec![],
                handling: vec![],
                namespace: None,
                func: None,
                return_instead: None,
                coro: None,
                line: 0,
            }),
        };
        frame.locals.resize(frame.code.locals.len(), None);
        for _ in 0..frame.code.own_cells {
            frame.cells.push(Rc::new(RefCell::new(None)));
        }
        if let Some(f) = &func {
            frame.cells.extend(f.closure.iter().cloned());
        }
        frame.func = func;
        frame
    }

    /// Keeps a finished frame for the next call.
    fn recycle(&mut self, mut frame: Box<Frame>) {
        if self.pool.len() < 64 {
            frame.stack.clear();
            frame.locals.clear();
            frame.cells.clear();
            frame.blocks.clear();
            frame.handling.clear();
            frame.namespace = None;
            frame.func = None;
            frame.return_instead = None;
            frame.coro = None;
            self.pool.push(frame);
        }
    }

    /// A shared copy of a method's name.
    pub fn intern(&mut self, name: &str) -> Rc<str> {
        if let Some(n) = self.interned.get(name) {
            return n.clone();
        }
        let n: Rc<str> = name.into();
        self.interned.insert(name.into(), n.clone());
        n
    }

    /// What the view calls a future, one shared copy for each ([`intern`](Self::intern) for
    /// the run's events, which outlive the machine).
    pub fn intern_label(&mut self, label: &str) -> Arc<str> {
        if let Some(l) = self.labels.get(label) {
            return l.clone();
        }
        let l: Arc<str> = label.into();
        self.labels.insert(label.into(), l.clone());
        l
    }

    /// Calls `write` with the machine and the label buffer, emptied: a label or name is written
    /// there before it is shared, without a string of its own. The buffer is kept for the next.
    pub fn with_label<R>(&mut self, write: impl FnOnce(&mut Self, &mut String) -> R) -> R {
        let mut label = std::mem::take(&mut self.label);
        label.clear();
        let made = write(self, &mut label);
        self.label = label;
        made
    }

    /// Runs frames from the top of `stack` until the frame at `base` returns, raises, or a
    /// coroutine among them suspends.
    pub fn run_frames(
        &mut self,
        stack: &mut Vec<Box<Frame>>,
        base: usize,
        resume: Resume,
    ) -> Result<Outcome, Halt> {
        let mut pending: Option<Value> = None;
        match resume {
            Resume::Start => {}
            Resume::Send(v) => {
                if let Some(f) = stack.last_mut() {
                    f.stack.push(v);
                }
            }
            Resume::Throw(e) => pending = Some(e),
        }
        loop {
            if let Some(exc) = pending.take() {
                if let Some(done) = self.unwind(stack, base, exc) {
                    return Ok(Outcome::Raise(done));
                }
                continue;
            }
            // The module's own run counts once in `nested` and once in the stack.
            if stack.len() + self.nested > MAX_DEPTH + 1 {
                let e = self.exc("RecursionError", "maximum recursion depth exceeded");
                if let Some(f) = stack.last_mut() {
                    f.ip = f.ip.max(1);
                }
                // The newest frame cannot run: it goes, and the exception starts below it.
                if stack.len() > base + 1 {
                    stack.pop();
                }
                pending = Some(e);
                continue;
            }
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err(Halt::Steps);
            }
            let Some(frame) = stack.last_mut() else {
                return Ok(Outcome::Return(Value::None));
            };
            let Some(&op) = frame.code.ops.get(frame.ip) else {
                return Ok(Outcome::Return(Value::None));
            };
            frame.ip += 1;
            if let Op::Line = op {
                let line = frame.code.lines[frame.ip - 1];
                if !frame.code.library && line != frame.line {
                    frame.line = line;
                    self.aio.record_line(line);
                }
                continue;
            }
            let ctl = match self.op(frame, op) {
                Ok(ctl) => ctl,
                Err(Exc::Raise(e)) => {
                    pending = Some(e);
                    continue;
                }
                Err(Exc::Halt(h)) => return Err(h),
            };
            match ctl {
                Ctl::Next => {}
                Ctl::Push(f) => stack.push(f),
                Ctl::PushThrow(f, e) => {
                    stack.push(f);
                    pending = Some(e);
                }
                Ctl::Return(v) => {
                    let Some(mut done) = stack.pop() else { return Ok(Outcome::Return(v)) };
                    if let Some(c) = &done.coro {
                        c.state.set(CoroState::Closed);
                    }
                    let async_gen =
                        done.coro.is_some() && done.code.generator && done.code.is_async;
                    let v = done.return_instead.take().unwrap_or(v);
                    self.recycle(done);
                    if stack.len() <= base {
                        return Ok(Outcome::Return(v));
                    }
                    if async_gen {
                        // An asynchronous generator that ends tells `async for` so.
                        pending = Some(self.stop_async_iteration());
                        continue;
                    }
                    if let Some(f) = stack.last_mut() {
                        f.stack.push(v);
                    }
                }
                Ctl::Yield(v) => {
                    // The generator's frame is kept in it, without the link back (no cycle).
                    let Some(mut done) = stack.pop() else { return Ok(Outcome::Return(v)) };
                    if let Some(g) = done.coro.take() {
                        g.state.set(CoroState::Started);
                        *g.frame.borrow_mut() = Some(done);
                    }
                    if stack.len() <= base {
                        return Ok(Outcome::Return(v));
                    }
                    if let Some(f) = stack.last_mut() {
                        f.stack.push(v);
                    }
                }
                Ctl::Suspend(fut) => return Ok(Outcome::Suspend(fut)),
            }
        }
    }

    /// Sends an exception down the frames to the nearest handler; gives it back when it
    /// leaves the frame at `base`.
    fn unwind(&mut self, stack: &mut Vec<Box<Frame>>, base: usize, exc: Value) -> Option<Value> {
        loop {
            let frame = stack.last_mut()?;
            if let Some(block) = frame.blocks.pop() {
                frame.stack.truncate(block.depth);
                frame.handling.truncate(block.handling);
                frame.handling.push(exc.clone());
                frame.stack.push(exc);
                frame.ip = block.handler;
                return None;
            }
            if let Value::Instance(i) = &exc {
                if !frame.code.library {
                    i.traceback.borrow_mut().push((frame.code.name.clone(), frame.current_line()));
                }
            }
            let done = stack.pop()?;
            if let Some(c) = &done.coro {
                c.state.set(CoroState::Closed);
            }
            self.recycle(done);
            if stack.len() <= base {
                return Some(exc);
            }
        }
    }

    /// Calls a value from Rust (a built-in calling back into Python) and runs it to its end.
    pub fn call_value(&mut self, f: &Value, args: Vec<Value>) -> Res<Value> {
        self.call_kw(f, args, vec![])
    }

    /// [`Vm::call_value`] with keyword arguments.
    pub fn call_kw(
        &mut self,
        f: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Res<Value> {
        match self.call(f, args, kwargs)? {
            Called::Value(v) => Ok(v),
            Called::Frame(frame) => self.run_nested(frame),
        }
    }

    /// Runs one frame to its end, nested inside whatever is running.
    pub fn run_nested(&mut self, frame: Box<Frame>) -> Res<Value> {
        if self.nested > MAX_DEPTH {
            return self.fail("RecursionError", "maximum recursion depth exceeded");
        }
        let mut stack = vec![frame];
        self.nested += 1;
        let outcome = self.run_frames(&mut stack, 0, Resume::Start);
        self.nested -= 1;
        match outcome.map_err(Exc::Halt)? {
            Outcome::Return(v) => Ok(v),
            Outcome::Raise(e) => raise(e),
            Outcome::Suspend(_) => self.fail("RuntimeError", "await outside a coroutine"),
        }
    }

    /// Calls `f`: a Python function gives its frame to run; everything else its result.
    pub fn call(
        &mut self,
        f: &Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Res<Called> {
        match f {
            Value::Function(func) => {
                let mut frame =
                    self.frame(func.code.clone(), func.globals.clone(), Some(func.clone()));
                self.bind_args(func, &mut frame, args, kwargs)?;
                // A coroutine or generator takes its function's name, as `functools.wraps`
                // may have set it (CPython's gen_new_with_qualname).
                let name = func.name("__name__");
                if func.code.generator {
                    let g = Rc::new(Coro {
                        name,
                        frame: RefCell::new(Some(frame)),
                        state: Cell::new(CoroState::Created),
                        line: self.aio.line,
                        native: None,
                        throw_exit: Cell::new(false),
                    });
                    return Ok(Called::Value(if func.code.is_async {
                        Value::AsyncGen(g)
                    } else {
                        Value::Gen(g)
                    }));
                }
                if func.code.is_async {
                    let coro = self.new_coroutine(name, None)?;
                    frame.coro = Some(coro.clone());
                    *coro.frame.borrow_mut() = Some(frame);
                    return Ok(Called::Value(Value::Coro(coro)));
                }
                Ok(Called::Frame(frame))
            }
            Value::Method(m) => {
                args.insert(0, m.0.clone());
                self.call(&m.1, args, kwargs)
            }
            Value::Class(class) => self.instantiate(class, args, kwargs),
            Value::Instance(i) if i.class.lookup("__call__").is_some() => {
                let call = self.get_attr(f, "__call__")?;
                self.call(&call, args, kwargs)
            }
            Value::Builtin(b) => super::builtins::call(self, *b, args, kwargs).map(Called::Value),
            Value::BuiltinMethod(m) => {
                super::builtins::call_method(self, &m.0, &m.1, args, kwargs).map(Called::Value)
            }
            other => {
                self.fail("TypeError", format!("'{}' object is not callable", other.type_name()))
            }
        }
    }

    /// Runs a generator (not an asynchronous one) from where it stopped, `sent` being the
    /// value of the `yield` it stopped at, until it yields again or ends.
    pub fn resume_gen(&mut self, g: &Rc<Coro>, input: Resume) -> Res<GenStep> {
        match (g.state.get(), &input) {
            (CoroState::Running, _) => {
                return self.fail("ValueError", "generator already executing")
            }
            (CoroState::Closed, Resume::Throw(e)) => return raise(e.clone()),
            (CoroState::Closed, _) => return Ok(GenStep::Returned(Value::None)),
            (CoroState::Created, Resume::Send(v)) if !matches!(v, Value::None) => {
                return self
                    .fail("TypeError", "can't send non-None value to a just-started generator")
            }
            (CoroState::Created, Resume::Throw(e)) => {
                // Thrown in before it starts: it never runs.
                g.frame.borrow_mut().take();
                g.state.set(CoroState::Closed);
                return raise(e.clone());
            }
            _ => {}
        }
        if self.nested > MAX_DEPTH {
            return self.fail("RecursionError", "maximum recursion depth exceeded");
        }
        let (sent, resume) = match input {
            Resume::Send(v) => (Some(v), Resume::Start),
            other => (None, other),
        };
        let Some(frame) = Self::take_gen_frame(g, sent) else {
            return Ok(GenStep::Returned(Value::None));
        };
        let mut stack = vec![frame];
        self.nested += 1;
        let outcome = self.run_frames(&mut stack, 0, resume);
        self.nested -= 1;
        if g.state.get() == CoroState::Running {
            g.state.set(CoroState::Closed);
        }
        match outcome.map_err(Exc::Halt)? {
            Outcome::Return(v) if g.state.get() == CoroState::Started => Ok(GenStep::Yielded(v)),
            Outcome::Return(v) => Ok(GenStep::Returned(v)),
            Outcome::Raise(e) if self.is_exc(&e, "StopIteration") => {
                self.fail("RuntimeError", "generator raised StopIteration")
            }
            Outcome::Raise(e) => raise(e),
            Outcome::Suspend(_) => self.fail("RuntimeError", "await outside a coroutine"),
        }
    }

    /// A generator's frame, taken out of it to run: `sent` is pushed as the value of the
    /// `yield` it stopped at (not when it has not started, nor when an exception is thrown
    /// in), and it is marked running. `None` when it holds no frame.
    fn take_gen_frame(g: &Rc<Coro>, sent: Option<Value>) -> Option<Box<Frame>> {
        let mut frame = g.frame.borrow_mut().take()?;
        if let (CoroState::Started, Some(v)) = (g.state.get(), sent) {
            frame.stack.push(v);
        }
        frame.coro = Some(g.clone());
        g.state.set(CoroState::Running);
        Some(frame)
    }

    /// `StopAsyncIteration()`: an asynchronous generator has nothing more.
    fn stop_async_iteration(&self) -> Value {
        self.new_exception(self.exc_class("StopAsyncIteration"), vec![])
    }

    /// `job('a', 1)`: how the view names a coroutine not started yet.
    pub fn coro_label(&mut self, coro: &Coro) -> String {
        let values: smallvec::SmallVec<[Value; 4]> = {
            let guard = coro.frame.borrow();
            let Some(frame) = guard.as_ref() else { return format!("{}()", coro.name) };
            let n = frame.code.signature.positional.len().min(frame.locals.len());
            (0..n)
                .filter_map(|slot| {
                    frame.locals[slot].clone().or_else(|| {
                        let (_, cell) =
                            frame.code.param_cells.iter().find(|(s, _)| *s as usize == slot)?;
                        frame.cells[*cell as usize].borrow().clone()
                    })
                })
                .collect()
        };
        let mut label = String::from(&*coro.name);
        label.push('(');
        for (k, v) in values.iter().enumerate() {
            if k > 0 {
                label.push_str(", ");
            }
            label.push_str(&self.repr_plain(v));
        }
        label.push(')');
        label
    }

    fn bind_args(
        &self,
        func: &Function,
        frame: &mut Frame,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Res<()> {
        let sig = &func.code.signature;
        let name = &func.code.name;
        let np = sig.positional.len();
        let given = args.len();
        let mut extra = vec![];
        for (k, a) in args.into_iter().enumerate() {
            if k < np {
                frame.locals[k] = Some(a);
            } else {
                extra.push(a);
            }
        }
        let mut slot = np;
        if sig.star {
            frame.locals[slot] = Some(Value::tuple(std::mem::take(&mut extra)));
            slot += 1;
        } else if !extra.is_empty() {
            let takes = if func.defaults.is_empty() {
                format!("{np}")
            } else {
                format!("from {} to {np}", np - func.defaults.len())
            };
            let was = if given == 1 { "was" } else { "were" };
            return self.fail(
                "TypeError",
                format!(
                    "{name}() takes {takes} positional argument{} but {given} {was} given",
                    if np == 1 { "" } else { "s" }
                ),
            );
        }
        let kw_start = slot;
        let mut star_star = Dict::default();
        for (k, v) in kwargs {
            if let Some(i) = sig.positional.iter().position(|p| *p == k) {
                if frame.locals[i].is_some() {
                    return self.fail(
                        "TypeError",
                        format!("{name}() got multiple values for argument '{k}'"),
                    );
                }
                frame.locals[i] = Some(v);
            } else if let Some(i) = sig.keyword_only.iter().position(|p| *p == k) {
                frame.locals[kw_start + i] = Some(v);
            } else if sig.star_star {
                star_star.insert(Key(Value::Str(k)), v);
            } else {
                return self.fail(
                    "TypeError",
                    format!("{name}() got an unexpected keyword argument '{k}'"),
                );
            }
        }
        let first_default = np - func.defaults.len();
        let mut missing = vec![];
        for i in 0..np {
            if frame.locals[i].is_none() {
                if i >= first_default {
                    frame.locals[i] = Some(func.defaults[i - first_default].clone());
                } else {
                    missing.push(format!("'{}'", sig.positional[i]));
                }
            }
        }
        if !missing.is_empty() {
            let count = missing.len();
            let list = match count {
                1 => missing[0].clone(),
                _ => {
                    let last = missing.pop().unwrap_or_default();
                    format!("{} and {last}", missing.join(", "))
                }
            };
            return self.fail(
                "TypeError",
                format!(
                    "{name}() missing {count} required positional argument{}: {list}",
                    if count == 1 { "" } else { "s" }
                ),
            );
        }
        for (i, k) in sig.keyword_only.iter().enumerate() {
            if frame.locals[kw_start + i].is_none() {
                match func.kw_defaults.iter().find(|(n, _)| n == k) {
                    Some((_, d)) => frame.locals[kw_start + i] = Some(d.clone()),
                    None => {
                        return self.fail(
                            "TypeError",
                            format!("{name}() missing 1 required keyword-only argument: '{k}'"),
                        )
                    }
                }
            }
        }
        if sig.star_star {
            frame.locals[kw_start + sig.keyword_only.len()] =
                Some(Value::Dict(Rc::new(RefCell::new(star_star))));
        }
        for &(slot, cell) in &func.code.param_cells {
            *frame.cells[cell as usize].borrow_mut() = frame.locals[slot as usize].take();
        }
        Ok(())
    }

    fn instantiate(
        &mut self,
        class: &Rc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Res<Called> {
        let is_exc = class.is_subclass(&self.exc_class("BaseException"));
        let mut attrs = Attrs::default();
        if is_exc {
            attrs.insert("args".into(), Value::tuple(args.clone()));
        }
        let obj = Value::Instance(Rc::new(Instance {
            class: class.clone(),
            attrs: RefCell::new(attrs),
            traceback: RefCell::new(vec![]),
        }));
        match class.lookup("__init__") {
            Some(Value::Function(init)) => {
                let mut all = vec![obj.clone()];
                all.extend(args);
                match self.call(&Value::Function(init), all, kwargs)? {
                    Called::Frame(mut frame) => {
                        frame.return_instead = Some(obj);
                        Ok(Called::Frame(frame))
                    }
                    Called::Value(_) => Ok(Called::Value(obj)),
                }
            }
            _ if is_exc || kwargs.is_empty() && args.is_empty() => Ok(Called::Value(obj)),
            _ => self.fail("TypeError", format!("{}() takes no arguments", class.name)),
        }
    }

    // --- one instruction ---------------------------------------------------------------------

    fn pop(frame: &mut Frame) -> Value {
        frame.stack.pop().unwrap_or(Value::None)
    }

    fn pop_n(frame: &mut Frame, n: usize) -> Vec<Value> {
        let at = frame.stack.len().saturating_sub(n);
        frame.stack.split_off(at)
    }

    fn op(&mut self, frame: &mut Frame, op: Op) -> Res<Ctl> {
        match op {
            Op::Line => {}
            Op::Const(k) => frame.stack.push(frame.code.consts[k as usize].clone()),
            Op::LoadLocal(i) => match &frame.locals[i as usize] {
                Some(v) => frame.stack.push(v.clone()),
                None => return self.unbound_local(&frame.code.locals[i as usize]),
            },
            Op::StoreLocal(i) => frame.locals[i as usize] = Some(Self::pop(frame)),
            Op::ClearLocal(i) => frame.locals[i as usize] = None,
            Op::LoadCell(i) => {
                let v = frame.cells[i as usize].borrow().clone();
                match v {
                    Some(v) => frame.stack.push(v),
                    None => return self.unbound_free(&frame.code.cells[i as usize]),
                }
            }
            Op::StoreCell(i) => {
                let v = Self::pop(frame);
                *frame.cells[i as usize].borrow_mut() = Some(v);
            }
            Op::LoadGlobal(k) => {
                let name = frame.code.names[k as usize].clone();
                let v = self.global(&frame.globals, &name)?;
                frame.stack.push(v);
            }
            Op::StoreGlobal(k) => {
                let name = frame.code.names[k as usize].clone();
                let v = Self::pop(frame);
                frame.globals.attrs.borrow_mut().insert(name, v);
            }
            Op::LoadName(k) => {
                let name = frame.code.names[k as usize].clone();
                let local = frame.namespace.as_ref().and_then(|ns| ns.borrow().get(&name).cloned());
                let v = match local {
                    Some(v) => v,
                    None => self.global(&frame.globals, &name)?,
                };
                frame.stack.push(v);
            }
            Op::StoreName(k) => {
                let name = frame.code.names[k as usize].clone();
                let v = Self::pop(frame);
                match &frame.namespace {
                    Some(ns) => {
                        ns.borrow_mut().insert(name, v);
                    }
                    None => {
                        frame.globals.attrs.borrow_mut().insert(name, v);
                    }
                }
            }
            Op::LoadAttr(k) => {
                let obj = Self::pop(frame);
                let name = frame.code.names[k as usize].clone();
                let v = self.get_attr(&obj, &name)?;
                frame.stack.push(v);
            }
            Op::StoreAttr(k) => {
                let obj = Self::pop(frame);
                let v = Self::pop(frame);
                let name = frame.code.names[k as usize].clone();
                self.set_attr(&obj, name, v)?;
            }
            Op::LoadIndex => {
                let index = Self::pop(frame);
                let obj = Self::pop(frame);
                let v = self.get_item(&obj, &index)?;
                frame.stack.push(v);
            }
            Op::StoreIndex => {
                let index = Self::pop(frame);
                let obj = Self::pop(frame);
                let v = Self::pop(frame);
                self.set_item(&obj, index, v)?;
            }
            Op::Unary(u) => {
                let v = Self::pop(frame);
                let r = self.unary(u, v)?;
                frame.stack.push(r);
            }
            Op::Binary(b) => {
                let right = Self::pop(frame);
                let left = Self::pop(frame);
                let r = self.binary(b, left, right)?;
                frame.stack.push(r);
            }
            Op::InPlace(b) => {
                let right = Self::pop(frame);
                let left = Self::pop(frame);
                let r = match (&left, b) {
                    (Value::List(items), BinOp::Add) => {
                        let more = self.collect(&right)?;
                        self.grow(items, more)?;
                        left
                    }
                    _ => self.binary(b, left, right)?,
                };
                frame.stack.push(r);
            }
            Op::Compare(c) => {
                let right = Self::pop(frame);
                let left = Self::pop(frame);
                let r = self.compare(c, &left, &right)?;
                frame.stack.push(Value::Bool(r));
            }
            Op::Jump(t) => frame.ip = t as usize,
            Op::JumpIfFalse(t) => {
                let v = Self::pop(frame);
                if !self.truthy(&v)? {
                    frame.ip = t as usize;
                }
            }
            Op::JumpIfTrue(t) => {
                let v = Self::pop(frame);
                if self.truthy(&v)? {
                    frame.ip = t as usize;
                }
            }
            Op::JumpIfFalseOrPop(t) => {
                let v = frame.stack.last().cloned().unwrap_or(Value::None);
                if self.truthy(&v)? {
                    frame.stack.pop();
                } else {
                    frame.ip = t as usize;
                }
            }
            Op::JumpIfTrueOrPop(t) => {
                let v = frame.stack.last().cloned().unwrap_or(Value::None);
                if self.truthy(&v)? {
                    frame.ip = t as usize;
                } else {
                    frame.stack.pop();
                }
            }
            Op::Pop => {
                frame.stack.pop();
            }
            Op::PopIter => match frame.stack.pop() {
                Some(Value::Gen(g)) if Rc::strong_count(&g) == 1 => {
                    super::builtins::close_gen(self, &g)?;
                }
                // Held by the loop's list of started ones and by nothing else: the loop's
                // finalizer hook schedules its `aclose()` as a task.
                Some(Value::AsyncGen(g))
                    if Rc::strong_count(&g) == 2 && g.state.get() == CoroState::Started =>
                {
                    self.aio.async_gens.retain(|a| !Rc::ptr_eq(a, &g));
                    self.finalize_async_gen(&g)?;
                }
                _ => {}
            },
            Op::Dup => {
                let v = frame.stack.last().cloned().unwrap_or(Value::None);
                frame.stack.push(v);
            }
            Op::Dup2 => {
                let n = frame.stack.len();
                if n >= 2 {
                    let (a, b) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
                    frame.stack.push(a);
                    frame.stack.push(b);
                }
            }
            Op::Rot2 => {
                let n = frame.stack.len();
                if n >= 2 {
                    frame.stack.swap(n - 1, n - 2);
                }
            }
            Op::Rot3 => {
                let n = frame.stack.len();
                if n >= 3 {
                    let top = frame.stack.remove(n - 1);
                    frame.stack.insert(n - 3, top);
                }
            }
            Op::BuildTuple(n) => {
                let items = Self::pop_n(frame, n as usize);
                frame.stack.push(Value::tuple(items));
            }
            Op::BuildList(n) => {
                let items = Self::pop_n(frame, n as usize);
                frame.stack.push(Value::list(items));
            }
            Op::BuildSet(n) => {
                let items = Self::pop_n(frame, n as usize);
                let mut set = Dict::default();
                for i in items {
                    self.check_hashable(&i)?;
                    set.insert(Key(i), Value::None);
                }
                frame.stack.push(Value::Set(Rc::new(RefCell::new(set))));
            }
            Op::BuildDict(n) => {
                let items = Self::pop_n(frame, 2 * n as usize);
                let mut dict = Dict::default();
                for pair in items.chunks(2) {
                    self.check_hashable(&pair[0])?;
                    dict.insert(Key(pair[0].clone()), pair[1].clone());
                }
                frame.stack.push(Value::Dict(Rc::new(RefCell::new(dict))));
            }
            Op::BuildSlice => {
                let parts = Self::pop_n(frame, 3);
                let [a, b, c]: [Value; 3] =
                    parts.try_into().unwrap_or([Value::None, Value::None, Value::None]);
                frame.stack.push(Value::Slice(Rc::new([a, b, c])));
            }
            Op::BuildString(n) => {
                let parts = Self::pop_n(frame, n as usize);
                let mut s = String::new();
                for p in parts {
                    if let Value::Str(t) = p {
                        s.push_str(&t);
                    }
                }
                frame.stack.push(Value::Str(s.into()));
            }
            Op::ListAppend(n) | Op::SetAdd(n) => {
                let v = Self::pop(frame);
                let at = frame.stack.len().saturating_sub(n as usize);
                match &frame.stack[at] {
                    Value::List(items) => self.grow(items, [v])?,
                    Value::Set(set) => {
                        self.check_hashable(&v)?;
                        set.borrow_mut().insert(Key(v), Value::None);
                    }
                    _ => {}
                }
            }
            Op::DictSet(n) => {
                let v = Self::pop(frame);
                let k = Self::pop(frame);
                self.check_hashable(&k)?;
                let at = frame.stack.len().saturating_sub(n as usize);
                if let Value::Dict(d) = &frame.stack[at] {
                    d.borrow_mut().insert(Key(k), v);
                }
            }
            Op::ListExtend(n) => {
                let v = Self::pop(frame);
                let more = self.collect(&v)?;
                let at = frame.stack.len().saturating_sub(n as usize);
                match &frame.stack[at] {
                    Value::List(items) => self.grow(items, more)?,
                    Value::Set(set) => {
                        for i in more {
                            self.check_hashable(&i)?;
                            set.borrow_mut().insert(Key(i), Value::None);
                        }
                    }
                    _ => {}
                }
            }
            Op::DictUpdate(n) => {
                let v = Self::pop(frame);
                let Value::Dict(src) = v else {
                    return self
                        .fail("TypeError", format!("'{}' object is not a mapping", v.type_name()));
                };
                let at = frame.stack.len().saturating_sub(n as usize);
                if let Value::Dict(d) = &frame.stack[at] {
                    let pairs: Vec<(Key, Value)> =
                        src.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    d.borrow_mut().extend(pairs);
                }
            }
            Op::ListToTuple => {
                let v = Self::pop(frame);
                let items = match v {
                    Value::List(items) => items.borrow().clone(),
                    _ => vec![],
                };
                frame.stack.push(Value::tuple(items));
            }
            Op::Format(conv, has_spec) => {
                let spec = if has_spec { Self::pop(frame) } else { Value::str("") };
                let v = Self::pop(frame);
                let v = match conv {
                    Some('r') | Some('a') => Value::Str(self.repr(&v)?.into()),
                    Some('s') => Value::Str(self.to_str(&v)?.into()),
                    _ => v,
                };
                let spec = match spec {
                    Value::Str(s) => s,
                    _ => "".into(),
                };
                let text = self.format(&v, &spec)?;
                frame.stack.push(Value::Str(text.into()));
            }
            Op::Unpack(n) => {
                let v = Self::pop(frame);
                let items = self.collect(&v)?;
                if items.len() != n as usize {
                    return if items.len() > n as usize {
                        self.fail("ValueError", format!("too many values to unpack (expected {n})"))
                    } else {
                        self.fail(
                            "ValueError",
                            format!(
                                "not enough values to unpack (expected {n}, got {})",
                                items.len()
                            ),
                        )
                    };
                }
                frame.stack.extend(items.into_iter().rev());
            }
            Op::UnpackStar(before, after) => {
                let v = Self::pop(frame);
                let items = self.collect(&v)?;
                let (b, a) = (before as usize, after as usize);
                if items.len() < b + a {
                    return self.fail(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            b + a,
                            items.len()
                        ),
                    );
                }
                let mut parts: Vec<Value> = items[..b].to_vec();
                parts.push(Value::list(items[b..items.len() - a].to_vec()));
                parts.extend(items[items.len() - a..].iter().cloned());
                frame.stack.extend(parts.into_iter().rev());
            }
            Op::GetIter => {
                let v = Self::pop(frame);
                let it = self.iter(&v)?;
                frame.stack.push(it);
            }
            Op::YieldFromNext(t) => {
                let it = frame.stack.last().cloned().unwrap_or(Value::None);
                let step = match &it {
                    Value::Gen(g) => self.resume_gen(g, Resume::Send(Value::None))?,
                    _ => match self.next(&it)? {
                        Some(v) => GenStep::Yielded(v),
                        None => GenStep::Returned(Value::None),
                    },
                };
                match step {
                    GenStep::Yielded(v) => frame.stack.push(v),
                    GenStep::Returned(v) => {
                        frame.stack.pop();
                        frame.stack.push(v);
                        frame.ip = t as usize;
                    }
                }
            }
            Op::Yield => return Ok(Ctl::Yield(Self::pop(frame))),
            Op::MatchSequence(n, star) => {
                let v = Self::pop(frame);
                let parts = self.match_sequence(&v, n as usize, star)?;
                frame.stack.push(parts.map_or(Value::None, Value::tuple));
            }
            Op::MatchMapping(n, rest) => {
                let keys = Self::pop_n(frame, n as usize);
                let v = Self::pop(frame);
                let parts = match &v {
                    Value::Dict(d) => {
                        let d = d.borrow();
                        let mut parts: Option<Vec<Value>> =
                            keys.iter().map(|k| d.get(&Key(k.clone())).cloned()).collect();
                        if let (Some(parts), true) = (&mut parts, rest) {
                            let others: Dict = d
                                .iter()
                                .filter(|(k, _)| !keys.iter().any(|key| Key(key.clone()) == **k))
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect();
                            parts.push(Value::Dict(Rc::new(RefCell::new(others))));
                        }
                        parts
                    }
                    _ => None,
                };
                frame.stack.push(parts.map_or(Value::None, Value::tuple));
            }
            Op::MatchClass(n, k) => {
                let class = Self::pop(frame);
                let v = Self::pop(frame);
                let names = frame.code.consts[k as usize].clone();
                let parts = self.match_class(&v, &class, n as usize, &names)?;
                frame.stack.push(parts.map_or(Value::None, Value::tuple));
            }
            Op::GetAIter => {
                let v = Self::pop(frame);
                let it = match &v {
                    Value::AsyncGen(_) => v,
                    Value::Instance(i) if i.class.lookup("__aiter__").is_some() => {
                        let f = self.get_attr(&v, "__aiter__")?;
                        self.call_value(&f, vec![])?
                    }
                    _ => {
                        return self.fail(
                            "TypeError",
                            format!(
                                "'async for' requires an object with __aiter__ method, got {}",
                                v.type_name()
                            ),
                        )
                    }
                };
                frame.stack.push(it);
            }
            Op::GetANext => {
                let it = frame.stack.last().cloned().unwrap_or(Value::None);
                match &it {
                    Value::AsyncGen(g) => frame.stack.push(Value::ANext(g.clone())),
                    Value::Instance(i) if i.class.lookup("__anext__").is_some() => {
                        let f = self.get_attr(&it, "__anext__")?;
                        return self.call_op(frame, &f, vec![], vec![]);
                    }
                    _ => {
                        return self.fail(
                            "TypeError",
                            format!(
                                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                                it.type_name()
                            ),
                        )
                    }
                }
            }
            Op::DeleteLocal(i) => {
                if frame.locals[i as usize].take().is_none() {
                    return self.unbound_local(&frame.code.locals[i as usize]);
                }
            }
            Op::DeleteCell(i) => {
                if frame.cells[i as usize].borrow_mut().take().is_none() {
                    return self.unbound_free(&frame.code.cells[i as usize]);
                }
            }
            Op::DeleteGlobal(k) | Op::DeleteName(k) => {
                let name = frame.code.names[k as usize].clone();
                let removed = match (&frame.namespace, op) {
                    (Some(ns), Op::DeleteName(_)) => ns.borrow_mut().shift_remove(&name),
                    _ => frame.globals.attrs.borrow_mut().shift_remove(&name),
                };
                if removed.is_none() {
                    return self.fail("NameError", format!("name '{name}' is not defined"));
                }
            }
            Op::DeleteAttr(k) => {
                let obj = Self::pop(frame);
                let name = frame.code.names[k as usize].clone();
                self.del_attr(&obj, &name)?;
            }
            Op::DeleteIndex => {
                let index = Self::pop(frame);
                let obj = Self::pop(frame);
                self.del_item(&obj, &index)?;
            }
            Op::ForIter(t) => {
                let it = frame.stack.last().cloned().unwrap_or(Value::None);
                match self.next(&it)? {
                    Some(v) => frame.stack.push(v),
                    None => {
                        frame.stack.pop();
                        frame.ip = t as usize;
                    }
                }
            }
            Op::Call(n) => {
                let args = Self::pop_n(frame, n as usize);
                let f = Self::pop(frame);
                return self.call_op(frame, &f, args, vec![]);
            }
            Op::CallKw(n, k) => {
                let Value::Tuple(names) = frame.code.consts[k as usize].clone() else {
                    return Ok(Ctl::Next);
                };
                let mut args = Self::pop_n(frame, n as usize);
                let kw_values = args.split_off(args.len() - names.len());
                let kwargs = names
                    .iter()
                    .zip(kw_values)
                    .map(|(n, v)| (if let Value::Str(s) = n { s.clone() } else { "".into() }, v))
                    .collect();
                let f = Self::pop(frame);
                return self.call_op(frame, &f, args, kwargs);
            }
            Op::CallEx => {
                let kw = Self::pop(frame);
                let args = Self::pop(frame);
                let f = Self::pop(frame);
                let args = match args {
                    Value::Tuple(t) => t.to_vec(),
                    _ => vec![],
                };
                let mut kwargs = vec![];
                if let Value::Dict(d) = kw {
                    for (k, v) in d.borrow().iter() {
                        match &k.0 {
                            Value::Str(s) => kwargs.push((s.clone(), v.clone())),
                            _ => return self.fail("TypeError", "keywords must be strings"),
                        }
                    }
                }
                return self.call_op(frame, &f, args, kwargs);
            }
            Op::MakeFunction { code, defaults, kw_defaults } => {
                let kw = if kw_defaults { Self::pop(frame) } else { Value::None };
                let defs = if defaults { Self::pop(frame) } else { Value::None };
                let Value::Code(code) = frame.code.consts[code as usize].clone() else {
                    return Ok(Ctl::Next);
                };
                let closure =
                    code.closure_from.iter().map(|&i| frame.cells[i as usize].clone()).collect();
                let kw_defaults = match kw {
                    Value::Dict(d) => d
                        .borrow()
                        .iter()
                        .filter_map(|(k, v)| match &k.0 {
                            Value::Str(s) => Some((s.clone(), v.clone())),
                            _ => None,
                        })
                        .collect(),
                    _ => vec![],
                };
                let defaults = match defs {
                    Value::Tuple(t) => t.to_vec(),
                    _ => vec![],
                };
                frame.stack.push(Value::Function(Rc::new(Function {
                    code,
                    globals: frame.globals.clone(),
                    defaults,
                    kw_defaults,
                    closure,
                    owner: RefCell::new(std::rc::Weak::new()),
                    attrs: RefCell::new(Attrs::default()),
                })));
            }
            Op::MakeClass(k) => {
                let bases = Self::pop(frame);
                let body = Self::pop(frame);
                let name = match &frame.code.consts[k as usize] {
                    Value::Str(s) => s.clone(),
                    _ => "?".into(),
                };
                let class = self.make_class(name, &body, &bases, &frame.globals)?;
                frame.stack.push(class);
            }
            Op::SuperArgs => {
                let owner = frame.func.as_ref().and_then(|f| f.owner.borrow().upgrade());
                let me = frame.locals.first().cloned().flatten().or_else(|| {
                    frame
                        .code
                        .param_cells
                        .first()
                        .and_then(|&(_, c)| frame.cells[c as usize].borrow().clone())
                });
                match (owner, me) {
                    (Some(owner), Some(me)) => {
                        frame.stack.push(Value::Class(owner));
                        frame.stack.push(me);
                    }
                    _ => return self.fail("RuntimeError", "super(): no arguments"),
                }
            }
            Op::Return => {
                let v = Self::pop(frame);
                return Ok(Ctl::Return(v));
            }
            Op::Await => {
                let v = Self::pop(frame);
                return self.await_value(frame, v);
            }
            Op::SetupExcept(t) => frame.blocks.push(Block {
                handler: t as usize,
                depth: frame.stack.len(),
                handling: frame.handling.len(),
            }),
            Op::PopBlock => {
                frame.blocks.pop();
            }
            Op::PopExcept => {
                frame.handling.pop();
            }
            Op::Raise(n) => {
                let e = match n {
                    0 => match frame.handling.last() {
                        Some(e) => e.clone(),
                        None => return self.fail("RuntimeError", "No active exception to reraise"),
                    },
                    1 => {
                        let v = Self::pop(frame);
                        self.make_exception(v)?
                    }
                    _ => {
                        let cause = Self::pop(frame);
                        let v = Self::pop(frame);
                        let e = self.make_exception(v)?;
                        if let Value::Instance(i) = &e {
                            i.attrs.borrow_mut().insert("__cause__".into(), cause);
                        }
                        e
                    }
                };
                return raise(e);
            }
            Op::Reraise => {
                let e = Self::pop(frame);
                frame.handling.pop();
                return raise(e);
            }
            Op::ExcMatch => {
                let typ = Self::pop(frame);
                let exc = Self::pop(frame);
                let m = self.exc_matches(&exc, &typ)?;
                frame.stack.push(Value::Bool(m));
            }
            Op::Import(k) => {
                let name = frame.code.names[k as usize].clone();
                let m = match self.modules.get(&name) {
                    Some(m) => m.clone(),
                    None => match super::run::import_library(self, &name)? {
                        Some(m) => m,
                        None => {
                            return self
                                .fail("ModuleNotFoundError", format!("No module named '{name}'"))
                        }
                    },
                };
                frame.stack.push(Value::Module(m));
            }
            Op::ImportFrom(k) => {
                let name = frame.code.names[k as usize].clone();
                let module = frame.stack.last().cloned().unwrap_or(Value::None);
                let v = match self.get_attr(&module, &name) {
                    Ok(v) => v,
                    Err(_) => {
                        let m = match &module {
                            Value::Module(m) => m.name.clone(),
                            _ => "?".into(),
                        };
                        return self.fail(
                            "ImportError",
                            format!("cannot import name '{name}' from '{m}'"),
                        );
                    }
                };
                frame.stack.push(v);
            }
            Op::WithEnter(is_async) => {
                let ctx = Self::pop(frame);
                let (enter, exit) =
                    if is_async { ("__aenter__", "__aexit__") } else { ("__enter__", "__exit__") };
                let exit_m = match self.get_attr(&ctx, exit) {
                    Ok(m) => m,
                    Err(_) => {
                        let what = if is_async {
                            "asynchronous context manager protocol"
                        } else {
                            "context manager protocol"
                        };
                        return self.fail(
                            "TypeError",
                            format!("'{}' object does not support the {what}", ctx.type_name()),
                        );
                    }
                };
                let enter_m = self.get_attr(&ctx, enter)?;
                frame.stack.push(exit_m);
                return self.call_op(frame, &enter_m, vec![], vec![]);
            }
            Op::WithExit => {
                let exit = Self::pop(frame);
                return self.call_op(
                    frame,
                    &exit,
                    vec![Value::None, Value::None, Value::None],
                    vec![],
                );
            }
            Op::WithExitExc => {
                let exc = frame.stack.last().cloned().unwrap_or(Value::None);
                let exit = frame
                    .stack
                    .get(frame.stack.len().wrapping_sub(2))
                    .cloned()
                    .unwrap_or(Value::None);
                let typ = match &exc {
                    Value::Instance(i) => Value::Class(i.class.clone()),
                    _ => Value::None,
                };
                return self.call_op(frame, &exit, vec![typ, exc, Value::None], vec![]);
            }
            Op::WithCheck => {
                let answer = Self::pop(frame);
                let exc = Self::pop(frame);
                Self::pop(frame);
                frame.handling.pop();
                if !self.truthy(&answer)? {
                    return raise(exc);
                }
            }
        }
        Ok(Ctl::Next)
    }

    fn call_op(
        &mut self,
        frame: &mut Frame,
        f: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Res<Ctl> {
        // Events made by the call are placed on the learner's line, not on the course's asyncio.
        if !frame.code.library {
            self.aio.line = frame.current_line();
        }
        match self.call(f, args, kwargs)? {
            Called::Value(v) => {
                frame.stack.push(v);
                // time.sleep in a worker thread: the thread's frames stop here for a while.
                if self.aio.thread_sleep.is_some() {
                    return Ok(Ctl::Suspend(None));
                }
                Ok(Ctl::Next)
            }
            Called::Frame(f) => Ok(Ctl::Push(f)),
        }
    }

    /// `await v`: a coroutine runs now in this task; a future not done suspends the task.
    fn await_value(&mut self, frame: &mut Frame, v: Value) -> Res<Ctl> {
        match v {
            Value::Coro(c) => {
                if c.state.get() != CoroState::Created {
                    return self.fail("RuntimeError", "cannot reuse already awaited coroutine");
                }
                if let Some(timed) = &c.native {
                    c.state.set(CoroState::Closed);
                    return Ok(Ctl::Suspend(self.start_timed(timed)));
                }
                let Some(inner) = c.frame.borrow_mut().take() else {
                    return self.fail("RuntimeError", "cannot reuse already awaited coroutine");
                };
                c.state.set(CoroState::Started);
                Ok(Ctl::Push(inner))
            }
            Value::Future(f) => {
                if f.state.get() == FutState::Pending {
                    return Ok(Ctl::Suspend(Some(f)));
                }
                let v = self.future_result(&f)?;
                frame.stack.push(v);
                Ok(Ctl::Next)
            }
            Value::Builtin(Builtin::Yield) => Ok(Ctl::Suspend(None)),
            Value::ANext(g) => {
                if g.state.get() == CoroState::Running {
                    return self.fail(
                        "RuntimeError",
                        "anext(): asynchronous generator is already running",
                    );
                }
                if g.state.get() == CoroState::Created {
                    // Its first iteration: the loop keeps it to close at shutdown.
                    self.aio.async_gens.push(g.clone());
                }
                if g.throw_exit.replace(false) {
                    // `aclose()`: one never started just closes; else its `finally` runs.
                    if g.state.get() == CoroState::Created {
                        g.frame.borrow_mut().take();
                        g.state.set(CoroState::Closed);
                    }
                    let exit = self.new_exception(self.exc_class("GeneratorExit"), vec![]);
                    return match Self::take_gen_frame(&g, None) {
                        Some(inner) => Ok(Ctl::PushThrow(inner, exit)),
                        None => raise(self.stop_async_iteration()),
                    };
                }
                // A closed generator holds no frame.
                match Self::take_gen_frame(&g, Some(Value::None)) {
                    Some(inner) => Ok(Ctl::Push(inner)),
                    None => raise(self.stop_async_iteration()),
                }
            }
            other => self.fail(
                "TypeError",
                format!("object {} can't be used in 'await' expression", other.type_name()),
            ),
        }
    }

    /// `future.result()`: its value, or its exception raised.
    pub fn future_result(&self, f: &Rc<Future>) -> Res<Value> {
        match f.state.get() {
            FutState::Pending => self.fail("InvalidStateError", "Result is not set."),
            FutState::Cancelled => raise(self.take_cancelled_error(f)),
            FutState::Finished => {
                f.log_traceback.set(false);
                match f.exception.borrow().clone() {
                    Some(e) => raise(e),
                    None => Ok(f.result.borrow().clone()),
                }
            }
        }
    }

    pub fn make_exception(&mut self, v: Value) -> Res<Value> {
        match &v {
            Value::Class(c) if c.is_subclass(&self.exc_class("BaseException")) => {
                self.call_value(&v, vec![])
            }
            Value::Instance(i) if i.class.is_subclass(&self.exc_class("BaseException")) => Ok(v),
            _ => self.fail("TypeError", "exceptions must derive from BaseException"),
        }
    }

    fn exc_matches(&self, exc: &Value, typ: &Value) -> Res<bool> {
        match typ {
            Value::Tuple(items) => {
                for t in items.iter() {
                    if self.exc_matches(exc, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Class(c) if c.is_subclass(&self.exc_class("BaseException")) => Ok(match exc {
                Value::Instance(i) => i.class.is_subclass(c),
                _ => false,
            }),
            _ => self.fail(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            ),
        }
    }

    fn make_class(
        &mut self,
        name: Rc<str>,
        body: &Value,
        bases: &Value,
        globals: &Rc<Module>,
    ) -> Res<Value> {
        let Value::Function(f) = body else { return self.fail("TypeError", "bad class body") };
        let mut base_classes = vec![];
        if let Value::Tuple(items) = bases {
            for b in items.iter() {
                match b {
                    Value::Class(c) => base_classes.push(c.clone()),
                    Value::Builtin(Builtin::Object) => {}
                    other => {
                        return self.fail(
                            "TypeError",
                            format!(
                                "the visualiser's classes can only inherit from classes, not {}",
                                other.type_name()
                            ),
                        )
                    }
                }
            }
        }
        let ns = Rc::new(RefCell::new(Attrs::default()));
        let mut frame = self.frame(f.code.clone(), globals.clone(), None);
        frame.namespace = Some(ns.clone());
        self.run_nested(frame)?;
        let attrs = ns.borrow().clone();
        let class = Rc::new(Class {
            name,
            module: globals.name.clone(),
            bases: base_classes,
            attrs: RefCell::new(attrs),
            builtin: false,
        });
        for v in class.attrs.borrow().values() {
            if let Value::Function(func) = v {
                *func.owner.borrow_mut() = Rc::downgrade(&class);
            }
        }
        Ok(Value::Class(class))
    }

    // --- names and attributes ----------------------------------------------------------------

    fn global(&self, globals: &Rc<Module>, name: &str) -> Res<Value> {
        if let Some(v) = globals.attrs.borrow().get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = self.builtins.get(name) {
            return Ok(v.clone());
        }
        self.fail("NameError", format!("name '{name}' is not defined"))
    }

    /// `obj.name`
    pub fn get_attr(&mut self, obj: &Value, name: &str) -> Res<Value> {
        match obj {
            Value::Instance(i) => {
                if let Some(v) = i.attrs.borrow().get(name) {
                    return Ok(v.clone());
                }
                if let Some(v) = super::builtins::exception_attr(self, i, name) {
                    return Ok(v);
                }
                if name == "__class__" {
                    return Ok(Value::Class(i.class.clone()));
                }
                match i.class.lookup(name) {
                    Some(f @ (Value::Function(_) | Value::Builtin(_))) => {
                        Ok(Value::Method(Rc::new((obj.clone(), f))))
                    }
                    Some(v) => Ok(v),
                    None => {
                        if i.class.is_subclass(&self.exc_class("BaseException"))
                            && matches!(name, "__traceback__" | "__cause__" | "__context__")
                        {
                            return Ok(Value::None);
                        }
                        if i.class.is_subclass(&self.exc_class("BaseException"))
                            && super::builtins::has_method(obj, name)
                        {
                            return Ok(Value::BuiltinMethod(Rc::new((
                                obj.clone(),
                                self.intern(name),
                            ))));
                        }
                        self.fail(
                            "AttributeError",
                            format!("'{}' object has no attribute '{name}'", i.class.name),
                        )
                    }
                }
            }
            Value::Class(c) => match name {
                "__name__" | "__qualname__" => Ok(Value::Str(c.name.clone())),
                _ => match c.lookup(name) {
                    Some(v) => Ok(v),
                    None if name == "__init__" => Ok(Value::Builtin(Builtin::Object)),
                    None => self.fail(
                        "AttributeError",
                        format!("type object '{}' has no attribute '{name}'", c.name),
                    ),
                },
            },
            Value::Module(m) => match m.attrs.borrow().get(name) {
                Some(v) => Ok(v.clone()),
                // Type hints are not checked at run time: any name of typing will do.
                None if matches!(&*m.name, "typing" | "__future__") => {
                    Ok(Value::Builtin(Builtin::TypingAny))
                }
                None => self.fail(
                    "AttributeError",
                    format!("module '{}' has no attribute '{name}'", m.name),
                ),
            },
            Value::Super(s) => {
                let (owner, me) = (&s.0, &s.1);
                let class = match me {
                    Value::Instance(i) => i.class.clone(),
                    Value::Class(c) => c.clone(),
                    _ => owner.clone(),
                };
                let mro = class.mro();
                let after = mro.iter().position(|c| Rc::ptr_eq(c, owner)).map_or(0, |k| k + 1);
                for c in &mro[after..] {
                    if let Some(v) = c.attrs.borrow().get(name) {
                        return Ok(match v {
                            Value::Function(_) => Value::Method(Rc::new((me.clone(), v.clone()))),
                            other => other.clone(),
                        });
                    }
                }
                if name == "__init__" {
                    return Ok(Value::BuiltinMethod(Rc::new((me.clone(), "__init__".into()))));
                }
                self.fail("AttributeError", format!("'super' object has no attribute '{name}'"))
            }
            Value::Function(f) => {
                if let Some(v) = f.attrs.borrow().get(name) {
                    return Ok(v.clone());
                }
                match name {
                    "__name__" | "__qualname__" => Ok(Value::Str(f.code.name.clone())),
                    "__module__" => Ok(Value::Str(f.globals.name.clone())),
                    "__doc__" => Ok(Value::None),
                    "__dict__" => {
                        let items = f.attrs.borrow();
                        let d: Dict = items
                            .iter()
                            .map(|(k, v)| (Key(Value::Str(k.clone())), v.clone()))
                            .collect();
                        Ok(Value::Dict(Rc::new(RefCell::new(d))))
                    }
                    _ => self.fail(
                        "AttributeError",
                        format!("'function' object has no attribute '{name}'"),
                    ),
                }
            }
            Value::Coro(c) if name == "__name__" => Ok(Value::Str(c.name.clone())),
            Value::Builtin(b) if name == "__name__" => Ok(Value::str(super::builtins::name_of(*b))),
            _ if super::builtins::has_method(obj, name) => {
                Ok(Value::BuiltinMethod(Rc::new((obj.clone(), self.intern(name)))))
            }
            Value::Future(f) => {
                let kind = if f.task.is_some() { "_asyncio.Task" } else { "_asyncio.Future" };
                self.fail("AttributeError", format!("'{kind}' object has no attribute '{name}'"))
            }
            _ => self.fail(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", obj.type_name()),
            ),
        }
    }

    pub fn set_attr(&mut self, obj: &Value, name: Rc<str>, v: Value) -> Res<()> {
        match obj {
            Value::Instance(i) => {
                i.attrs.borrow_mut().insert(name, v);
                Ok(())
            }
            Value::Class(c) => {
                c.attrs.borrow_mut().insert(name, v);
                Ok(())
            }
            Value::Module(m) => {
                m.attrs.borrow_mut().insert(name, v);
                Ok(())
            }
            Value::Function(f) => {
                f.attrs.borrow_mut().insert(name, v);
                Ok(())
            }
            _ => self.fail(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", obj.type_name()),
            ),
        }
    }

    // --- containers --------------------------------------------------------------------------

    /// Adds items to a list, within the size the visualiser keeps.
    pub fn grow(
        &self,
        items: &Rc<RefCell<Vec<Value>>>,
        more: impl IntoIterator<Item = Value, IntoIter: ExactSizeIterator>,
    ) -> Res<()> {
        let more = more.into_iter();
        let mut items = items.borrow_mut();
        if items.len() + more.len() > MAX_ITEMS {
            return Err(Exc::Halt(Halt::TooLarge));
        }
        items.extend(more);
        Ok(())
    }

    /// Raises `TypeError` for a value that cannot be a dict key.
    pub fn check_hashable(&self, v: &Value) -> Res<()> {
        if v.hashable() {
            Ok(())
        } else {
            self.fail("TypeError", format!("unhashable type: '{}'", v.type_name()))
        }
    }

    fn index_of(&self, len: usize, index: &Value, what: &str) -> Res<usize> {
        let Some(i) = index.as_int() else {
            return self.fail(
                "TypeError",
                format!("{what} indices must be integers or slices, not {}", index.type_name()),
            );
        };
        let k = if i < 0 { i + len as i64 } else { i };
        if k < 0 || k >= len as i64 {
            return self.fail("IndexError", format!("{what} index out of range"));
        }
        Ok(k as usize)
    }

    /// The indexes a slice picks from a sequence of `len` items.
    pub fn slice_indexes(&self, len: usize, s: &[Value; 3]) -> Res<Vec<usize>> {
        let step = match &s[2] {
            Value::None => 1,
            v => v.as_int().ok_or_else(|| {
                Exc::Raise(self.exc(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                ))
            })?,
        };
        if step == 0 {
            return self.fail("ValueError", "slice step cannot be zero");
        }
        let len = len as i64;
        let clamp = |v: &Value, default: i64, low: i64, high: i64| -> Res<i64> {
            match v {
                Value::None => Ok(default),
                v => {
                    let mut i = v.as_int().ok_or_else(|| {
                        Exc::Raise(self.exc(
                            "TypeError",
                            "slice indices must be integers or None or have an __index__ method",
                        ))
                    })?;
                    if i < 0 {
                        i += len;
                    }
                    Ok(i.clamp(low, high))
                }
            }
        };
        let mut out = vec![];
        if step > 0 {
            let (start, stop) = (clamp(&s[0], 0, 0, len)?, clamp(&s[1], len, 0, len)?);
            let mut i = start;
            while i < stop {
                out.push(i as usize);
                i += step;
            }
        } else {
            let (start, stop) =
                (clamp(&s[0], len - 1, -1, len - 1)?, clamp(&s[1], -1, -1, len - 1)?);
            let mut i = start;
            while i > stop {
                out.push(i as usize);
                i += step;
            }
        }
        Ok(out)
    }

    /// `obj[index]`
    pub fn get_item(&mut self, obj: &Value, index: &Value) -> Res<Value> {
        match (obj, index) {
            (Value::List(items), Value::Slice(s)) => {
                let items = items.borrow();
                let picked = self.slice_indexes(items.len(), s)?;
                Ok(Value::list(picked.into_iter().map(|i| items[i].clone()).collect()))
            }
            (Value::Tuple(items), Value::Slice(s)) => {
                let picked = self.slice_indexes(items.len(), s)?;
                Ok(Value::tuple(picked.into_iter().map(|i| items[i].clone()).collect()))
            }
            (Value::Str(text), Value::Slice(s)) => {
                let chars: Vec<char> = text.chars().collect();
                let picked = self.slice_indexes(chars.len(), s)?;
                Ok(Value::Str(picked.into_iter().map(|i| chars[i]).collect::<String>().into()))
            }
            (Value::List(items), _) => {
                let items = items.borrow();
                let k = self.index_of(items.len(), index, "list")?;
                Ok(items[k].clone())
            }
            (Value::Tuple(items), _) => {
                let k = self.index_of(items.len(), index, "tuple")?;
                Ok(items[k].clone())
            }
            (Value::Str(text), _) => {
                let chars: Vec<char> = text.chars().collect();
                let k = self.index_of(chars.len(), index, "string")?;
                Ok(Value::Str(chars[k].to_string().into()))
            }
            (Value::Range(r), _) => {
                let len = super::builtins::range_len(r);
                let k = self.index_of(len as usize, index, "range object")?;
                Ok(Value::Int(r[0] + r[2] * k as i64))
            }
            (Value::Dict(d), _) => {
                self.check_hashable(index)?;
                let found = d.borrow().get(&Key(index.clone())).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => {
                        raise(self.new_exception(self.exc_class("KeyError"), vec![index.clone()]))
                    }
                }
            }
            // `list[int]`, `Optional[str]`: type hints evaluated at run time are left as they are.
            (Value::Builtin(b), _) if b.is_type() || *b == Builtin::TypingAny => Ok(obj.clone()),
            (Value::Instance(i), _) => match i.class.lookup("__getitem__") {
                Some(f) => self.call_value(&f, vec![obj.clone(), index.clone()]),
                None => self
                    .fail("TypeError", format!("'{}' object is not subscriptable", i.class.name)),
            },
            _ => {
                self.fail("TypeError", format!("'{}' object is not subscriptable", obj.type_name()))
            }
        }
    }

    fn set_item(&mut self, obj: &Value, index: Value, v: Value) -> Res<()> {
        match obj {
            Value::List(items) => {
                if let Value::Slice(s) = &index {
                    let new = self.collect(&v)?;
                    let len = items.borrow().len();
                    let picked = self.slice_indexes(len, s)?;
                    let contiguous = matches!(s[2], Value::None);
                    let mut items = items.borrow_mut();
                    if contiguous {
                        let start = picked.first().copied().unwrap_or_else(|| match &s[0] {
                            Value::None => 0,
                            x => x.as_int().map_or(0, |i| {
                                if i < 0 {
                                    (i + len as i64).max(0) as usize
                                } else {
                                    (i as usize).min(len)
                                }
                            }),
                        });
                        items.splice(start..start + picked.len(), new);
                    } else {
                        if picked.len() != new.len() {
                            return self.fail(
                                "ValueError",
                                format!("attempt to assign sequence of size {} to extended slice of size {}", new.len(), picked.len()),
                            );
                        }
                        for (i, v) in picked.into_iter().zip(new) {
                            items[i] = v;
                        }
                    }
                    return Ok(());
                }
                let len = items.borrow().len();
                let k = self.index_of(len, &index, "list assignment")?;
                items.borrow_mut()[k] = v;
                Ok(())
            }
            Value::Dict(d) => {
                self.check_hashable(&index)?;
                if d.borrow().len() >= MAX_ITEMS {
                    return Err(Exc::Halt(Halt::TooLarge));
                }
                d.borrow_mut().insert(Key(index), v);
                Ok(())
            }
            _ => self.fail(
                "TypeError",
                format!("'{}' object does not support item assignment", obj.type_name()),
            ),
        }
    }

    /// A local variable read or deleted before it is bound.
    fn unbound_local<T>(&self, name: &str) -> Res<T> {
        self.fail(
            "UnboundLocalError",
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }

    /// A variable shared with an inner function, read or deleted while it is not bound.
    fn unbound_free<T>(&self, name: &str) -> Res<T> {
        self.fail(
            "NameError",
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }

    /// The parts of `v` for a sequence pattern of `n` parts (the one at `star` taking the rest,
    /// as a list); `None` when `v` is not a list or tuple of a fitting length.
    fn match_sequence(&mut self, v: &Value, n: usize, star: u32) -> Res<Option<Vec<Value>>> {
        let items = match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            Value::Range(_) => self.collect(v)?,
            _ => return Ok(None),
        };
        if star == u32::MAX {
            return Ok((items.len() == n).then_some(items));
        }
        let (before, after) = (star as usize, n - star as usize - 1);
        if items.len() < before + after {
            return Ok(None);
        }
        let mut parts = items[..before].to_vec();
        parts.push(Value::list(items[before..items.len() - after].to_vec()));
        parts.extend_from_slice(&items[items.len() - after..]);
        Ok(Some(parts))
    }

    /// The parts of `v` for `class(p1, …, pn, name=…)`: `None` unless `v` is an instance of
    /// it; positional parts by the class's `__match_args__` (the subject itself for a
    /// built-in type's one), then the attributes named in `names`.
    fn match_class(
        &mut self,
        v: &Value,
        class: &Value,
        n: usize,
        names: &Value,
    ) -> Res<Option<Vec<Value>>> {
        let is = super::builtins::call(
            self,
            Builtin::Isinstance,
            vec![v.clone(), class.clone()],
            vec![],
        )?;
        if !self.truthy(&is)? {
            return Ok(None);
        }
        let mut parts = vec![];
        // The attributes to read: the positional ones named by `__match_args__`, then `names`.
        let mut attributes = vec![];
        if n > 0 {
            match class {
                Value::Builtin(_) => {
                    if n > 1 {
                        let name = class.type_name();
                        return self.fail(
                            "TypeError",
                            format!("{name}() accepts 1 positional sub-pattern ({n} given)"),
                        );
                    }
                    parts.push(v.clone());
                }
                _ => {
                    let args = self.get_attr(class, "__match_args__").ok();
                    let args = match args {
                        Some(a) => self.collect(&a)?,
                        None => vec![],
                    };
                    if args.len() < n {
                        let name = match class {
                            Value::Class(c) => c.name.to_string(),
                            other => other.type_name().to_string(),
                        };
                        return self.fail(
                            "TypeError",
                            format!(
                                "{name}() accepts {} positional sub-pattern{} ({n} given)",
                                args.len(),
                                if args.len() == 1 { "" } else { "s" }
                            ),
                        );
                    }
                    for a in args.into_iter().take(n) {
                        let Value::Str(attr) = a else {
                            return self
                                .fail("TypeError", "__match_args__ elements must be strings");
                        };
                        attributes.push(attr);
                    }
                }
            }
        }
        for name in self.collect(names)? {
            if let Value::Str(attr) = name {
                attributes.push(attr);
            }
        }
        for attr in attributes {
            match self.get_attr(v, &attr) {
                Ok(x) => parts.push(x),
                Err(Exc::Raise(e)) if self.is_exc(&e, "AttributeError") => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        Ok(Some(parts))
    }

    /// `del obj.name`
    fn del_attr(&mut self, obj: &Value, name: &str) -> Res<()> {
        let removed = match obj {
            Value::Instance(i) => i.attrs.borrow_mut().shift_remove(name),
            Value::Class(c) => c.attrs.borrow_mut().shift_remove(name),
            Value::Module(m) => m.attrs.borrow_mut().shift_remove(name),
            Value::Function(f) => f.attrs.borrow_mut().shift_remove(name),
            _ => None,
        };
        match removed {
            Some(_) => Ok(()),
            None => self.fail(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", obj.type_name()),
            ),
        }
    }

    /// `del obj[index]`
    fn del_item(&mut self, obj: &Value, index: &Value) -> Res<()> {
        match obj {
            Value::List(items) => {
                let len = items.borrow().len();
                if let Value::Slice(s) = index {
                    let picked = self.slice_indexes(len, s)?;
                    let mut k = 0;
                    items.borrow_mut().retain(|_| {
                        k += 1;
                        !picked.contains(&(k - 1))
                    });
                    return Ok(());
                }
                let k = self.index_of(len, index, "list assignment")?;
                items.borrow_mut().remove(k);
                Ok(())
            }
            Value::Dict(d) => {
                self.check_hashable(index)?;
                let removed = d.borrow_mut().shift_remove(&Key(index.clone()));
                match removed {
                    Some(_) => Ok(()),
                    None => {
                        raise(self.new_exception(self.exc_class("KeyError"), vec![index.clone()]))
                    }
                }
            }
            _ => self.fail(
                "TypeError",
                format!("'{}' object doesn't support item deletion", obj.type_name()),
            ),
        }
    }

    /// What a dict view holds now: keys, values or `(key, value)` pairs.
    fn view_items(view: &(ViewKind, Rc<RefCell<Dict>>)) -> Vec<Value> {
        let d = view.1.borrow();
        match view.0 {
            ViewKind::Keys => d.keys().map(|k| k.0.clone()).collect(),
            ViewKind::Values => d.values().cloned().collect(),
            ViewKind::Items => {
                d.iter().map(|(k, v)| Value::tuple(vec![k.0.clone(), v.clone()])).collect()
            }
        }
    }

    /// An iterator over `v`.
    pub fn iter(&mut self, v: &Value) -> Res<Value> {
        let it = match v {
            Value::List(items) => Iter::List(items.clone(), 0),
            Value::Tuple(items) => Iter::Items(items.clone(), 0),
            Value::Str(s) => Iter::Chars(s.clone(), 0),
            Value::Dict(d) | Value::Set(d) => {
                Iter::Items(d.borrow().keys().map(|k| k.0.clone()).collect::<Vec<_>>().into(), 0)
            }
            Value::Range(r) => Iter::Range(r[0], r[1], r[2]),
            Value::DictView(view) => Iter::Items(Self::view_items(view).into(), 0),
            Value::Iter(_) | Value::Gen(_) => return Ok(v.clone()),
            Value::Instance(i) => match i.class.lookup("__iter__") {
                Some(f) => return self.call_value(&f, vec![v.clone()]),
                None => {
                    return self
                        .fail("TypeError", format!("'{}' object is not iterable", i.class.name))
                }
            },
            _ => {
                return self
                    .fail("TypeError", format!("'{}' object is not iterable", v.type_name()))
            }
        };
        Ok(Value::Iter(Rc::new(RefCell::new(it))))
    }

    /// The iterator's next item.
    pub fn next(&mut self, it: &Value) -> Res<Option<Value>> {
        let Value::Iter(cell) = it else {
            if let Value::Gen(g) = it {
                return Ok(match self.resume_gen(g, Resume::Send(Value::None))? {
                    GenStep::Yielded(v) => Some(v),
                    GenStep::Returned(_) => None,
                });
            }
            if let Value::Instance(i) = it {
                if let Some(f) = i.class.lookup("__next__") {
                    return match self.call_value(&f, vec![it.clone()]) {
                        Ok(v) => Ok(Some(v)),
                        Err(Exc::Raise(e)) if self.is_exc(&e, "StopIteration") => Ok(None),
                        Err(e) => Err(e),
                    };
                }
            }
            return self
                .fail("TypeError", format!("'{}' object is not an iterator", it.type_name()));
        };
        let mut state = cell.borrow_mut();
        Ok(match &mut *state {
            Iter::List(items, i) => {
                let v = items.borrow().get(*i).cloned();
                *i += 1;
                v
            }
            Iter::Items(items, i) => {
                let v = items.get(*i).cloned();
                *i += 1;
                v
            }
            Iter::Chars(s, i) => {
                let c = s[*i..].chars().next();
                if let Some(c) = c {
                    *i += c.len_utf8();
                }
                c.map(|c| Value::Str(c.to_string().into()))
            }
            Iter::Range(start, stop, step) => {
                if (*step > 0 && *start < *stop) || (*step < 0 && *start > *stop) {
                    let v = *start;
                    *start += *step;
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            Iter::Enumerate(n, inner) => {
                let inner = inner.clone();
                let k = *n;
                *n += 1;
                drop(state);
                return Ok(self.next(&inner)?.map(|v| Value::tuple(vec![Value::Int(k), v])));
            }
            Iter::Zip(its) => {
                let its = its.clone();
                drop(state);
                let mut row = vec![];
                for i in &its {
                    match self.next(i)? {
                        Some(v) => row.push(v),
                        None => return Ok(None),
                    }
                }
                return Ok(Some(Value::tuple(row)));
            }
        })
    }

    /// All items of an iterable.
    pub fn collect(&mut self, v: &Value) -> Res<Vec<Value>> {
        match v {
            Value::List(items) => return Ok(items.borrow().clone()),
            Value::Tuple(items) => return Ok(items.to_vec()),
            _ => {}
        }
        let it = self.iter(v)?;
        let mut out = vec![];
        while let Some(x) = self.next(&it)? {
            if out.len() >= MAX_ITEMS {
                return Err(Exc::Halt(Halt::TooLarge));
            }
            out.push(x);
        }
        Ok(out)
    }

    // --- operators ---------------------------------------------------------------------------

    /// Python's truth of a value.
    pub fn truthy(&mut self, v: &Value) -> Res<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
            Value::DictView(view) => !view.1.borrow().is_empty(),
            Value::Range(r) => super::builtins::range_len(r) > 0,
            Value::Instance(i) => {
                if let Some(f) = i.class.lookup("__bool__") {
                    let r = self.call_value(&f, vec![v.clone()])?;
                    return self.truthy(&r);
                }
                if let Some(f) = i.class.lookup("__len__") {
                    let r = self.call_value(&f, vec![v.clone()])?;
                    return Ok(r.as_int().unwrap_or(0) != 0);
                }
                true
            }
            _ => true,
        })
    }

    fn unary(&mut self, op: UnaryOp, v: Value) -> Res<Value> {
        Ok(match (op, &v) {
            (UnaryOp::Not, _) => Value::Bool(!self.truthy(&v)?),
            (UnaryOp::Neg, Value::Float(f)) => Value::Float(-f),
            (UnaryOp::Neg, _) if v.as_int().is_some() => {
                Value::Int(v.as_int().unwrap_or(0).checked_neg().ok_or_else(|| self.overflow())?)
            }
            (UnaryOp::Pos, Value::Float(_)) => v,
            (UnaryOp::Pos, _) if v.as_int().is_some() => Value::Int(v.as_int().unwrap_or(0)),
            (UnaryOp::Invert, _) if v.as_int().is_some() => Value::Int(!v.as_int().unwrap_or(0)),
            _ => {
                let sym = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Pos => "+",
                    _ => "~",
                };
                return self.fail(
                    "TypeError",
                    format!("bad operand type for unary {sym}: '{}'", v.type_name()),
                );
            }
        })
    }

    fn overflow(&self) -> Exc {
        Exc::Raise(self.exc(
            "OverflowError",
            "the number is beyond the 64-bit integers the visualiser computes with",
        ))
    }

    /// `a op b`
    pub fn binary(&mut self, op: BinOp, a: Value, b: Value) -> Res<Value> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            return self.arith(op, x, y);
        }
        let repeat = |vm: &Vm, n: i64, len: usize| -> Res<usize> {
            let n = n.max(0) as usize;
            if n.saturating_mul(len) > MAX_ITEMS {
                return Err(Exc::Halt(Halt::TooLarge));
            }
            let _ = vm;
            Ok(n)
        };
        Ok(match (op, &a, &b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                if x.len() + y.len() > MAX_ITEMS {
                    return Err(Exc::Halt(Halt::TooLarge));
                }
                Value::Str(format!("{x}{y}").into())
            }
            (BinOp::Add, Value::List(x), Value::List(y)) => {
                let mut items = x.borrow().clone();
                items.extend(y.borrow().iter().cloned());
                if items.len() > MAX_ITEMS {
                    return Err(Exc::Halt(Halt::TooLarge));
                }
                Value::list(items)
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                Value::tuple(x.iter().chain(y.iter()).cloned().collect())
            }
            (BinOp::Mul, Value::Str(s), n) | (BinOp::Mul, n, Value::Str(s))
                if n.as_int().is_some() =>
            {
                let k = repeat(self, n.as_int().unwrap_or(0), s.len())?;
                Value::Str(s.repeat(k).into())
            }
            (BinOp::Mul, Value::List(l), n) | (BinOp::Mul, n, Value::List(l))
                if n.as_int().is_some() =>
            {
                let items = l.borrow();
                let k = repeat(self, n.as_int().unwrap_or(0), items.len())?;
                Value::list(items.iter().cloned().cycle().take(items.len() * k).collect())
            }
            (BinOp::Mul, Value::Tuple(t), n) | (BinOp::Mul, n, Value::Tuple(t))
                if n.as_int().is_some() =>
            {
                let k = repeat(self, n.as_int().unwrap_or(0), t.len())?;
                Value::tuple(t.iter().cloned().cycle().take(t.len() * k).collect())
            }
            (BinOp::Mod, Value::Str(fmt), _) => {
                Value::Str(super::builtins::percent_format(self, fmt, &b)?.into())
            }
            (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
                let mut d = x.borrow().clone();
                d.extend(y.borrow().iter().map(|(k, v)| (k.clone(), v.clone())));
                Value::Dict(Rc::new(RefCell::new(d)))
            }
            (
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                Value::Set(x),
                Value::Set(y),
            ) => {
                let (x, y) = (x.borrow(), y.borrow());
                let d: Dict = match op {
                    BinOp::BitOr => {
                        x.iter().chain(y.iter()).map(|(k, v)| (k.clone(), v.clone())).collect()
                    }
                    BinOp::BitAnd => x
                        .iter()
                        .filter(|(k, _)| y.contains_key(*k))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                    BinOp::Sub => x
                        .iter()
                        .filter(|(k, _)| !y.contains_key(*k))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                    _ => x
                        .iter()
                        .filter(|(k, _)| !y.contains_key(*k))
                        .chain(y.iter().filter(|(k, _)| !x.contains_key(*k)))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                };
                Value::Set(Rc::new(RefCell::new(d)))
            }
            (_, Value::Instance(i), _) => {
                let name = dunder(op);
                match i.class.lookup(name) {
                    Some(f) => return self.call_value(&f, vec![a.clone(), b.clone()]),
                    None => return self.type_error(op, &a, &b),
                }
            }
            _ => return self.type_error(op, &a, &b),
        })
    }

    fn type_error<T>(&self, op: BinOp, a: &Value, b: &Value) -> Res<T> {
        if op == BinOp::Add && matches!(a, Value::Str(_)) {
            return self.fail(
                "TypeError",
                format!("can only concatenate str (not \"{}\") to str", b.type_name()),
            );
        }
        self.fail(
            "TypeError",
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ),
        )
    }

    fn arith(&self, op: BinOp, x: Number, y: Number) -> Res<Value> {
        use Number::{Float as F, Int as I};
        let zero = || Exc::Raise(self.exc("ZeroDivisionError", "division by zero"));
        Ok(match (op, x, y) {
            (BinOp::Add, I(a), I(b)) => {
                Value::Int(a.checked_add(b).ok_or_else(|| self.overflow())?)
            }
            (BinOp::Sub, I(a), I(b)) => {
                Value::Int(a.checked_sub(b).ok_or_else(|| self.overflow())?)
            }
            (BinOp::Mul, I(a), I(b)) => {
                Value::Int(a.checked_mul(b).ok_or_else(|| self.overflow())?)
            }
            (BinOp::Div, _, _) => {
                if y.as_f64() == 0.0 {
                    return Err(zero());
                }
                Value::Float(x.as_f64() / y.as_f64())
            }
            (BinOp::FloorDiv, I(a), I(b)) => {
                if b == 0 {
                    return Err(Exc::Raise(
                        self.exc("ZeroDivisionError", "integer division or modulo by zero"),
                    ));
                }
                Value::Int(a.div_euclid(b) - if b < 0 && a.rem_euclid(b) != 0 { 1 } else { 0 })
            }
            (BinOp::Mod, I(a), I(b)) => {
                if b == 0 {
                    return Err(Exc::Raise(
                        self.exc("ZeroDivisionError", "integer division or modulo by zero"),
                    ));
                }
                let r = a % b;
                Value::Int(if r != 0 && (r < 0) != (b < 0) { r + b } else { r })
            }
            (BinOp::Pow, I(a), I(b)) if b >= 0 => {
                let e = u32::try_from(b).map_err(|_| self.overflow())?;
                Value::Int(a.checked_pow(e).ok_or_else(|| self.overflow())?)
            }
            (BinOp::LShift, I(a), I(b)) if (0..63).contains(&b) => {
                Value::Int(a.checked_mul(1i64 << b).ok_or_else(|| self.overflow())?)
            }
            (BinOp::RShift, I(a), I(b)) if b >= 0 => Value::Int(a >> b.min(63)),
            (BinOp::BitAnd, I(a), I(b)) => Value::Int(a & b),
            (BinOp::BitOr, I(a), I(b)) => Value::Int(a | b),
            (BinOp::BitXor, I(a), I(b)) => Value::Int(a ^ b),
            (BinOp::Add, _, _) => Value::Float(x.as_f64() + y.as_f64()),
            (BinOp::Sub, _, _) => Value::Float(x.as_f64() - y.as_f64()),
            (BinOp::Mul, _, _) => Value::Float(x.as_f64() * y.as_f64()),
            (BinOp::FloorDiv, _, _) => {
                if y.as_f64() == 0.0 {
                    return Err(Exc::Raise(
                        self.exc("ZeroDivisionError", "float floor division by zero"),
                    ));
                }
                Value::Float((x.as_f64() / y.as_f64()).floor())
            }
            (BinOp::Mod, _, _) => {
                let (a, b) = (x.as_f64(), y.as_f64());
                if b == 0.0 {
                    return Err(Exc::Raise(self.exc("ZeroDivisionError", "float modulo")));
                }
                let r = a % b;
                Value::Float(if r != 0.0 && (r < 0.0) != (b < 0.0) { r + b } else { r })
            }
            (BinOp::Pow, _, _) => {
                let (a, b) = (x.as_f64(), y.as_f64());
                if a == 0.0 && b < 0.0 {
                    return Err(Exc::Raise(
                        self.exc("ZeroDivisionError", "0.0 cannot be raised to a negative power"),
                    ));
                }
                Value::Float(a.powf(b))
            }
            _ => {
                let name = |n: Number| match n {
                    I(_) => "int",
                    F(_) => "float",
                };
                return self.fail(
                    "TypeError",
                    format!(
                        "unsupported operand type(s) for {}: '{}' and '{}'",
                        op.symbol(),
                        name(x),
                        name(y)
                    ),
                );
            }
        })
    }

    /// `a == b`, with objects' `__eq__`.
    pub fn eq(&mut self, a: &Value, b: &Value) -> Res<bool> {
        if let Some(r) = simple_eq(a, b) {
            return Ok(r);
        }
        match (a, b) {
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (p, q) in x.iter().zip(&y) {
                    if !self.eq(p, q)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Value::Dict(x), Value::Dict(y)) | (Value::Set(x), Value::Set(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (k, v) in &x {
                    match y.get(k) {
                        Some(w) if self.eq(v, w)? => {}
                        _ => return Ok(false),
                    }
                }
                Ok(true)
            }
            (Value::Instance(i), _) => match i.class.lookup("__eq__") {
                Some(f) => {
                    let r = self.call_value(&f, vec![a.clone(), b.clone()])?;
                    self.truthy(&r)
                }
                None => Ok(a.is(b)),
            },
            _ => Ok(a.is(b)),
        }
    }

    /// A comparison.
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Res<bool> {
        use std::cmp::Ordering;
        Ok(match op {
            CmpOp::Eq => self.eq(a, b)?,
            CmpOp::Ne => !self.eq(a, b)?,
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            _ => {
                if let Value::Instance(i) = a {
                    let name = match op {
                        CmpOp::Lt => "__lt__",
                        CmpOp::Le => "__le__",
                        CmpOp::Gt => "__gt__",
                        _ => "__ge__",
                    };
                    if let Some(f) = i.class.lookup(name) {
                        let r = self.call_value(&f, vec![a.clone(), b.clone()])?;
                        return self.truthy(&r);
                    }
                }
                let ord = self.order(a, b, op)?;
                match op {
                    CmpOp::Lt => ord == Some(Ordering::Less),
                    CmpOp::Le => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
                    CmpOp::Gt => ord == Some(Ordering::Greater),
                    _ => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
                }
            }
        })
    }

    /// The order of two values for `<` and sorting (`None` for NaN).
    pub fn order(&mut self, a: &Value, b: &Value, op: CmpOp) -> Res<Option<std::cmp::Ordering>> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            return Ok(match (x, y) {
                (Number::Int(p), Number::Int(q)) => Some(p.cmp(&q)),
                _ => x.as_f64().partial_cmp(&y.as_f64()),
            });
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => Ok(Some(x.cmp(y))),
            (Value::List(_) | Value::Tuple(_), Value::List(_) | Value::Tuple(_))
                if std::mem::discriminant(a) == std::mem::discriminant(b) =>
            {
                let (x, y) = (self.collect(a)?, self.collect(b)?);
                for (p, q) in x.iter().zip(&y) {
                    if !self.eq(p, q)? {
                        return self.order(p, q, op);
                    }
                }
                Ok(Some(x.len().cmp(&y.len())))
            }
            (Value::Instance(i), _) if i.class.lookup("__lt__").is_some() => {
                let lt = self.compare(CmpOp::Lt, a, b)?;
                let gt = self.compare(CmpOp::Lt, b, a)?;
                Ok(Some(if lt {
                    std::cmp::Ordering::Less
                } else if gt {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }))
            }
            _ => self.fail(
                "TypeError",
                format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    a.type_name(),
                    b.type_name()
                ),
            ),
        }
    }

    /// `item in container`
    pub fn contains(&mut self, container: &Value, item: &Value) -> Res<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(t) => Ok(s.contains(&**t)),
                _ => self.fail(
                    "TypeError",
                    format!(
                        "'in <string>' requires string as left operand, not {}",
                        item.type_name()
                    ),
                ),
            },
            Value::Dict(d) | Value::Set(d) => {
                self.check_hashable(item)?;
                Ok(d.borrow().contains_key(&Key(item.clone())))
            }
            Value::DictView(view) if view.0 == ViewKind::Keys => {
                self.check_hashable(item)?;
                Ok(view.1.borrow().contains_key(&Key(item.clone())))
            }
            Value::Range(r) => Ok(match item.as_int() {
                Some(n) => {
                    let (start, stop, step) = (r[0], r[1], r[2]);
                    let inside =
                        if step > 0 { n >= start && n < stop } else { n <= start && n > stop };
                    inside && (n - start) % step == 0
                }
                None => false,
            }),
            Value::Instance(i) if i.class.lookup("__contains__").is_some() => {
                let f = i.class.lookup("__contains__").unwrap_or(Value::None);
                let r = self.call_value(&f, vec![container.clone(), item.clone()])?;
                self.truthy(&r)
            }
            _ => {
                let items = self.collect(container)?;
                for x in &items {
                    if self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    // --- text --------------------------------------------------------------------------------

    /// `repr(v)` for values that need no Python code to show.
    pub fn repr_plain(&mut self, v: &Value) -> String {
        self.repr(v).unwrap_or_else(|_| format!("<{} object>", v.type_name()))
    }

    /// `repr(v)`
    pub fn repr(&mut self, v: &Value) -> Res<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(n) => itoa::Buffer::new().format(*n).to_owned(),
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::Tuple(items) => {
                let parts = self.reprs(items)?;
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Value::List(items) => {
                let items = items.borrow().clone();
                format!("[{}]", self.reprs(&items)?.join(", "))
            }
            Value::Dict(d) => {
                let pairs: Vec<(Value, Value)> =
                    d.borrow().iter().map(|(k, v)| (k.0.clone(), v.clone())).collect();
                let mut parts = vec![];
                for (k, v) in pairs {
                    parts.push(format!("{}: {}", self.repr(&k)?, self.repr(&v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::DictView(view) => {
                let items = Self::view_items(view);
                format!("{}([{}])", v.type_name(), self.reprs(&items)?.join(", "))
            }
            Value::Set(d) => {
                let keys: Vec<Value> = d.borrow().keys().map(|k| k.0.clone()).collect();
                if keys.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.reprs(&keys)?.join(", "))
                }
            }
            Value::Range(r) => {
                if r[2] == 1 {
                    format!("range({}, {})", r[0], r[1])
                } else {
                    format!("range({}, {}, {})", r[0], r[1], r[2])
                }
            }
            Value::Instance(i) => {
                if let Some(f) = i.class.lookup("__repr__") {
                    let r = self.call_value(&f, vec![v.clone()])?;
                    return Ok(match r {
                        Value::Str(s) => s.to_string(),
                        _ => return self.fail("TypeError", "__repr__ returned non-string"),
                    });
                }
                if i.class.is_subclass(&self.exc_class("BaseException")) {
                    let args =
                        i.attrs.borrow().get("args").cloned().unwrap_or(Value::tuple(vec![]));
                    let inner = match &args {
                        Value::Tuple(t) if t.len() == 1 => self.repr(&t[0])?,
                        Value::Tuple(t) => self.reprs(t)?.join(", "),
                        _ => String::new(),
                    };
                    return Ok(format!("{}({inner})", i.class.name));
                }
                format!("<{}.{} object>", i.class.module, i.class.name)
            }
            Value::Class(c) => {
                if c.module.as_ref() == "builtins" {
                    format!("<class '{}'>", c.name)
                } else {
                    format!("<class '{}.{}'>", c.module, c.name)
                }
            }
            Value::Builtin(b) if b.is_type() => {
                format!("<class '{}'>", super::builtins::name_of(*b))
            }
            Value::Builtin(b) => format!("<built-in function {}>", super::builtins::name_of(*b)),
            Value::Function(f) => format!("<function {}>", f.name("__qualname__")),
            Value::Method(m) => format!("<bound method {}>", self.repr(&m.1)?),
            Value::BuiltinMethod(m) => {
                format!("<built-in method {} of {} object>", m.1, m.0.type_name())
            }
            Value::Module(m) => format!("<module '{}'>", m.name),
            Value::Coro(c) => format!("<coroutine object {}>", c.name),
            Value::Gen(c) => format!("<generator object {}>", c.name),
            Value::AsyncGen(c) => format!("<async_generator object {}>", c.name),
            Value::ANext(_) => "<async_generator_asend>".to_owned(),
            Value::Future(f) => super::aio::future_repr(self, f),
            Value::Handle(_) => "<TimerHandle>".into(),
            Value::Iter(_) => "<iterator object>".into(),
            Value::Slice(s) => {
                let parts = self.reprs(&s[..])?;
                format!("slice({})", parts.join(", "))
            }
            Value::Code(c) => format!("<code object {}>", c.name),
            Value::Super(_) => "<super object>".into(),
        })
    }

    fn reprs(&mut self, items: &[Value]) -> Res<Vec<String>> {
        items.iter().map(|i| self.repr(i)).collect()
    }

    /// `str(v)`
    pub fn to_str(&mut self, v: &Value) -> Res<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(i) => {
                if let Some(f) = i.class.lookup("__str__") {
                    let r = self.call_value(&f, vec![v.clone()])?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        _ => self.fail("TypeError", "__str__ returned non-string"),
                    };
                }
                if i.class.is_subclass(&self.exc_class("BaseException")) {
                    return super::builtins::exception_str(self, i);
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// `format(v, spec)`
    pub fn format(&mut self, v: &Value, spec: &str) -> Res<String> {
        if spec.is_empty() {
            return self.to_str(v);
        }
        let bad = |vm: &Vm| {
            vm.fail(
                "ValueError",
                format!("Invalid format specifier '{spec}' for object of type '{}'", v.type_name()),
            )
        };
        let Some(parsed) = Spec::parse(spec) else { return bad(self) };
        match v {
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                let n = v.as_number().unwrap_or(Number::Int(0));
                match format_number(n, &parsed) {
                    Some(t) => Ok(t),
                    None => bad(self),
                }
            }
            Value::Str(s) => {
                if !matches!(parsed.kind, None | Some('s')) {
                    return bad(self);
                }
                let text: String = match parsed.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.to_string(),
                };
                Ok(parsed.pad("", &text, false))
            }
            _ => self.fail(
                "TypeError",
                format!("unsupported format string passed to {}.__format__", v.type_name()),
            ),
        }
    }

    /// Writes printed text; complete lines go to the output.
    pub fn write(&mut self, text: &str) -> Vec<String> {
        self.open_line.push_str(text);
        let mut done = vec![];
        while let Some(k) = self.open_line.find('\n') {
            let line: String = self.open_line[..k].to_owned();
            self.open_line.replace_range(..=k, "");
            done.push(line);
        }
        self.output.extend(done.iter().cloned());
        done
    }
}

impl Default for Vm {
    fn default() -> Vm {
        Vm::new()
    }
}

/// The dunder method an operator calls on an object.
fn dunder(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "__add__",
        BinOp::Sub => "__sub__",
        BinOp::Mul => "__mul__",
        BinOp::Div => "__truediv__",
        BinOp::FloorDiv => "__floordiv__",
        BinOp::Mod => "__mod__",
        BinOp::Pow => "__pow__",
        BinOp::MatMul => "__matmul__",
        BinOp::LShift => "__lshift__",
        BinOp::RShift => "__rshift__",
        BinOp::BitAnd => "__and__",
        BinOp::BitOr => "__or__",
        BinOp::BitXor => "__xor__",
    }
}
