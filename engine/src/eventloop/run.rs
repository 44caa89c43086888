//! Runs a parsed program the way CPython's asyncio does: one thread, a ready queue of
//! callbacks, timers ordered by deadline, and a loop that, on each turn, moves the due timers
//! to the ready queue and runs the callbacks that were ready when the turn began. A task runs
//! until it awaits something not yet done; a finished future schedules its waiters with
//! `call_soon`, so a waiter resumes on the loop's next turn — exactly as in `asyncio`, which
//! is what keeps the printed order equal to Python's. Time is virtual (milliseconds); only
//! `time.sleep` and `cpu` move it while code runs.

use super::parse::{Builtin, Callee, Expr, FPart, Instr, Op, Pos, Program, Text};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::Arc;

/// The most instructions and callbacks a run may take before it is stopped.
pub const MAX_STEPS: u64 = 2_000_000;
/// The most tasks a run may create.
pub const MAX_TASKS: usize = 20_000;
/// The deepest coroutines may await each other inside one task (Python's default limit).
pub const MAX_DEPTH: usize = 1000;
/// The longest a list may grow.
const MAX_LIST: i64 = 100_000;

/// A value of the language.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `None`
    None,
    /// `True`, `False`
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a decimal point, in thousandths.
    Milli(i64),
    /// A string.
    Str(Arc<str>),
    /// A list.
    List(Arc<Vec<Value>>),
    /// A coroutine object, by index.
    Coro(usize),
    /// A task, by index.
    Task(usize),
    /// A future (a sleep, a fetch, a gather), by index.
    Future(usize),
}

impl Value {
    /// `str(value)`, as Python writes it.
    pub fn to_text(&self, run: &Run) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            other => other.repr(run),
        }
    }

    /// `repr(value)`, as Python writes it.
    pub fn repr(&self, run: &Run) -> String {
        match self {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(n) => n.to_string(),
            Value::Milli(m) => milli_text(*m),
            Value::Str(s) => quote(s),
            Value::List(items) => {
                let parts: Vec<String> = items.iter().map(|v| v.repr(run)).collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Coro(c) => format!("<coroutine object {}>", run.coro_name(*c)),
            Value::Task(t) => format!("<Task {}>", run.tasks[*t].name),
            Value::Future(_) => "<Future>".into(),
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Milli(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Coro(_) => "coroutine",
            Value::Task(_) => "Task",
            Value::Future(_) => "Future",
        }
    }
}

/// Thousandths as Python prints the float: `0.5`, `2.0`, `1.25`.
fn milli_text(m: i64) -> String {
    let sign = if m < 0 { "-" } else { "" };
    let (whole, frac) = (m.unsigned_abs() / 1000, m.unsigned_abs() % 1000);
    let frac = format!("{frac:03}");
    let frac = frac.trim_end_matches('0');
    format!("{sign}{whole}.{}", if frac.is_empty() { "0" } else { frac })
}

/// A string as Python's `repr` writes it.
fn quote(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::from(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// A callback in the ready queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handle {
    /// A task takes its next step (its first, or after `sleep(0)`).
    Step(usize),
    /// A task resumes: what it awaited is done.
    Wakeup(usize),
    /// A timer's deadline has come: its sleep or fetch is done.
    Done(usize),
    /// A child of a gather has finished.
    Gathered(usize),
    /// The main task has finished: the loop stops after this turn.
    Stop,
}

/// What happened, step by step: the view folds these into the loop's state at any moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// A task runs a line.
    Runs,
    /// It prints.
    Prints(String),
    /// A task is created (and its first step scheduled).
    Creates(usize),
    /// A callback joins the ready queue.
    Scheduled(Handle),
    /// The loop takes the next callback from the ready queue and runs it.
    Dispatched(Handle),
    /// A timer is set: a sleep (`io` false) or a simulated I/O operation in flight.
    TimerSet {
        /// The future it completes.
        fut: usize,
        /// Its deadline.
        until: u64,
        /// A network operation (`fetch`), not a timer.
        io: bool,
        /// What it is, for the view: `sleep(1)` or `fetch('a')`.
        label: String,
    },
    /// A timer is due and leaves the timer list.
    TimerDue(usize),
    /// The running task suspends until a future or a task is done.
    Suspends,
    /// The running task blocks the whole thread (time.sleep or cpu) until `until`.
    Blocks {
        /// When it is over.
        until: u64,
        /// Computing (`cpu`) rather than `time.sleep`.
        cpu: bool,
    },
    /// A task finishes with this result.
    Finishes(String),
    /// The loop stops; tasks still pending are cancelled.
    Cancels(usize),
    /// A warning Python would print too.
    Warns(String),
}

/// One step of the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The virtual time, in milliseconds.
    pub t: u64,
    /// The task concerned, if any.
    pub task: Option<usize>,
    /// The program's line concerned (0 when none).
    pub line: u32,
    /// What happened.
    pub what: What,
}

/// A task's record.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskInfo {
    /// Its name, as Python's: `Task-1` is the main task.
    pub name: String,
    /// The coroutine it runs: `download('a', 1)`.
    pub coro: String,
}

/// Why a run stopped before the program's end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError {
    /// The line (0 when none).
    pub line: u32,
    /// What went wrong: Python's own words (its exceptions are in English), then a plain
    /// explanation in the learner's language.
    pub message: Text,
}

/// A finished run.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Every step, in order.
    pub events: Vec<Event>,
    /// Every task, in order of creation.
    pub tasks: Vec<TaskInfo>,
    /// What the program printed.
    pub output: Vec<String>,
    /// The error that stopped it, if any.
    pub error: Option<RunError>,
    /// Warnings, as Python would print them (never-awaited coroutines).
    pub warnings: Vec<(u32, String)>,
    /// Virtual time at the end, in milliseconds.
    pub end: u64,
    coros: Vec<Coro>,
    program: Arc<Program>,
}

impl Run {
    fn coro_name(&self, c: usize) -> String {
        match &self.coros[c].kind {
            CoroKind::User(f, _) => self.program.funcs[*f].name.clone(),
            CoroKind::Sleep(_) => "sleep".into(),
            CoroKind::Fetch(..) => "fetch".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum CoroKind {
    User(usize, Vec<Value>),
    Sleep(u64),
    Fetch(String, u64),
}

#[derive(Clone, Debug, PartialEq)]
struct Coro {
    kind: CoroKind,
    started: bool,
    line: u32,
}

struct Fut {
    done: bool,
    result: Value,
    callbacks: Vec<Handle>,
    /// For a gather: its children's futures and how many are still running.
    gather: Option<(Vec<usize>, usize)>,
}

/// A `for` loop's position in its list.
struct Iter(Arc<Vec<Value>>, usize);

struct Frame {
    func: usize,
    pc: usize,
    env: HashMap<String, Value>,
    loops: Vec<Iter>,
}

struct Task {
    fut: usize,
    frames: Vec<Frame>,
    /// A task around a built-in coroutine (asyncio.sleep, fetch) has no frame, only this.
    builtin: Option<CoroKind>,
    /// The value the task resumes with.
    resume: Option<Value>,
    /// The future it waits for.
    waiting: Option<usize>,
}

struct Machine {
    program: Arc<Program>,
    now: u64,
    ready: VecDeque<Handle>,
    timers: BinaryHeap<Reverse<(u64, u64, usize)>>,
    seq: u64,
    futs: Vec<Fut>,
    tasks: Vec<Task>,
    steps: u64,
    stopping: bool,
    out: Run,
}

/// What `await` does.
enum Awaited {
    /// The value is there: go on.
    Now(Value),
    /// The task suspends until it is woken.
    Later,
    /// A coroutine's frame was pushed: it runs now, in the same task.
    Inline,
}

/// What stops a task's step.
enum Flow {
    /// It awaits something not yet done.
    Suspend,
    /// It finished with a value.
    Finish(Value),
}

type Step<T> = Result<T, RunError>;

/// Stops the run: `python` is what Python would print (empty when the visualiser itself
/// stops), `ru` and `en` explain it.
fn fail<T>(line: u32, python: impl Into<String>, ru: &str, en: &str) -> Step<T> {
    let python = python.into();
    let join = |explain: &str| match (python.is_empty(), explain.is_empty()) {
        (true, _) => explain.to_owned(),
        (false, true) => python.clone(),
        (false, false) => format!("{python} — {explain}"),
    };
    Err(RunError { line, message: Text::new(join(ru), join(en)) })
}

/// Runs `program` to its end (or to its first error).
pub fn run(program: &Program) -> Run {
    let program = Arc::new(program.clone());
    let mut m = Machine {
        program: program.clone(),
        now: 0,
        ready: VecDeque::new(),
        timers: BinaryHeap::new(),
        seq: 0,
        futs: Vec::new(),
        tasks: Vec::new(),
        steps: 0,
        stopping: false,
        out: Run {
            events: Vec::new(),
            tasks: Vec::new(),
            output: Vec::new(),
            error: None,
            warnings: Vec::new(),
            end: 0,
            coros: Vec::new(),
            program,
        },
    };
    if let Err(e) = m.start() {
        m.out.error = Some(e);
    }
    m.out.end = m.now;
    for (i, coro) in m.out.coros.iter().enumerate() {
        if !coro.started {
            let name = m.out.coro_name(i);
            m.out
                .warnings
                .push((coro.line, format!("RuntimeWarning: coroutine '{name}' was never awaited")));
        }
    }
    m.out
}

impl Machine {
    fn event(&mut self, task: Option<usize>, line: u32, what: What) {
        self.out.events.push(Event { t: self.now, task, line, what });
    }

    fn call_soon(&mut self, h: Handle, task: Option<usize>) {
        self.ready.push_back(h);
        self.event(task, 0, What::Scheduled(h));
    }

    fn new_fut(&mut self) -> usize {
        self.futs.push(Fut {
            done: false,
            result: Value::None,
            callbacks: Vec::new(),
            gather: None,
        });
        self.futs.len() - 1
    }

    /// A future is done: its callbacks are scheduled, in the order they were added.
    fn resolve(&mut self, fut: usize, value: Value) {
        self.futs[fut].done = true;
        self.futs[fut].result = value;
        for h in std::mem::take(&mut self.futs[fut].callbacks) {
            let task = match h {
                Handle::Wakeup(t) | Handle::Step(t) => Some(t),
                _ => None,
            };
            self.call_soon(h, task);
        }
    }

    /// Adds a callback to a future; on a done one it is scheduled at once (as asyncio does).
    fn add_callback(&mut self, fut: usize, h: Handle) {
        if self.futs[fut].done {
            self.call_soon(h, None);
        } else {
            self.futs[fut].callbacks.push(h);
        }
    }

    /// `asyncio.create_task(coro)`: a new task whose first step is scheduled at once. A task
    /// around a built-in coroutine (asyncio.sleep, fetch) has no frame: its step awaits the
    /// built-in's future, as the coroutine inside an asyncio task would.
    fn create_task(&mut self, coro: usize, line: u32) -> Step<usize> {
        if self.tasks.len() >= MAX_TASKS {
            return fail(
                line,
                "",
                &format!("больше {MAX_TASKS} задач: визуализатор останавливается"),
                &format!("more than {MAX_TASKS} tasks: this visualiser stops here"),
            );
        }
        if self.out.coros[coro].started {
            return fail(
                line,
                "RuntimeError: cannot reuse already awaited coroutine",
                "одну сопрограмму можно дождаться только один раз",
                "a coroutine can be awaited only once",
            );
        }
        self.out.coros[coro].started = true;
        let (frames, builtin) = match self.out.coros[coro].kind.clone() {
            CoroKind::User(func, args) => (vec![self.frame(func, args, line)?], None),
            kind => (Vec::new(), Some(kind)),
        };
        let t = self.tasks.len();
        let fut = self.new_fut();
        self.tasks.push(Task { fut, frames, builtin, resume: None, waiting: None });
        let describe = self.describe_coro(coro);
        self.out.tasks.push(TaskInfo { name: format!("Task-{}", t + 1), coro: describe });
        self.event(Some(t), line, What::Creates(t));
        self.call_soon(Handle::Step(t), Some(t));
        Ok(t)
    }

    fn describe_coro(&self, coro: usize) -> String {
        match &self.out.coros[coro].kind {
            CoroKind::User(f, args) => {
                let args: Vec<String> = args.iter().map(|a| a.repr(&self.out)).collect();
                format!("{}({})", self.program.funcs[*f].name, args.join(", "))
            }
            CoroKind::Sleep(ms) => format!("sleep({})", milli_text(*ms as i64)),
            CoroKind::Fetch(url, _) => format!("fetch({})", quote(url)),
        }
    }

    fn frame(&self, func: usize, args: Vec<Value>, line: u32) -> Step<Frame> {
        let f = &self.program.funcs[func];
        if args.len() != f.params.len() {
            return fail(
                line,
                format!(
                    "TypeError: {}() takes {} arguments but {} were given",
                    f.name,
                    f.params.len(),
                    args.len()
                ),
                "число аргументов не совпадает с параметрами функции",
                "the number of arguments differs from the function's parameters",
            );
        }
        let env = f.params.iter().cloned().zip(args).collect();
        Ok(Frame { func, pc: 0, env, loops: Vec::new() })
    }

    fn start(&mut self) -> Step<()> {
        let main = self.program.main.clone();
        let line = self.program.run_pos.line;
        let Value::Coro(c) = self.eval(&main, None, line)? else {
            return fail(
                line,
                "",
                "asyncio.run нужна сопрограмма",
                "asyncio.run needs a coroutine",
            );
        };
        let t = self.create_task(c, line)?;
        let fut = self.tasks[t].fut;
        self.futs[fut].callbacks.push(Handle::Stop);
        while !self.stopping {
            self.turn()?;
        }
        // asyncio.run cancels whatever is still pending.
        for t in 0..self.tasks.len() {
            if !self.futs[self.tasks[t].fut].done {
                self.event(Some(t), 0, What::Cancels(t));
            }
        }
        Ok(())
    }

    /// One turn of the loop.
    fn turn(&mut self) -> Step<()> {
        if self.ready.is_empty() {
            match self.timers.peek() {
                Some(Reverse((when, _, _))) => self.now = self.now.max(*when),
                None => {
                    return fail(
                        0,
                        "",
                        "циклу больше нечего выполнять, а main() не закончилась: она ждёт того, \
                         что никогда не случится",
                        "the loop has nothing left to run, yet main() has not finished: it waits \
                         for something that can never happen",
                    )
                }
            }
        }
        while let Some(&Reverse((when, _, fut))) = self.timers.peek() {
            if when > self.now {
                break;
            }
            self.timers.pop();
            self.event(None, 0, What::TimerDue(fut));
            self.call_soon(Handle::Done(fut), None);
        }
        let todo = self.ready.len();
        for _ in 0..todo {
            let Some(h) = self.ready.pop_front() else { break };
            self.tick(0)?;
            let task = match h {
                Handle::Step(t) | Handle::Wakeup(t) => Some(t),
                _ => None,
            };
            self.event(task, 0, What::Dispatched(h));
            match h {
                Handle::Step(t) | Handle::Wakeup(t) => self.resume(t)?,
                Handle::Done(fut) => {
                    let value = std::mem::replace(&mut self.futs[fut].result, Value::None);
                    self.resolve(fut, value);
                }
                Handle::Gathered(g) => self.gathered(g),
                Handle::Stop => self.stopping = true,
            }
        }
        Ok(())
    }

    fn tick(&mut self, line: u32) -> Step<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return fail(
                line,
                "",
                &format!("остановлено после {MAX_STEPS} шагов: программа, похоже, не закончится"),
                &format!("stopped after {MAX_STEPS} steps: the program may never end"),
            );
        }
        Ok(())
    }

    fn gathered(&mut self, g: usize) {
        let Some((children, left)) = self.futs[g].gather.as_mut() else { return };
        *left -= 1;
        if *left == 0 {
            let results: Vec<Value> =
                children.clone().iter().map(|c| self.futs[*c].result.clone()).collect();
            self.resolve(g, Value::List(Arc::new(results)));
        }
    }

    /// Runs task `t` until it suspends or finishes.
    fn resume(&mut self, t: usize) -> Step<()> {
        if self.futs[self.tasks[t].fut].done {
            return Ok(());
        }
        if let Some(fut) = self.tasks[t].waiting.take() {
            self.tasks[t].resume = Some(self.futs[fut].result.clone());
        }
        let flow = match self.tasks[t].builtin.clone() {
            Some(kind) => match self.tasks[t].resume.take() {
                Some(v) => Flow::Finish(v),
                None => match self.await_builtin(t, kind, 0) {
                    Awaited::Now(v) => Flow::Finish(v),
                    _ => Flow::Suspend,
                },
            },
            None => self.run_task(t)?,
        };
        match flow {
            Flow::Suspend => self.event(Some(t), 0, What::Suspends),
            Flow::Finish(value) => {
                let text = value.repr(&self.out);
                self.event(Some(t), 0, What::Finishes(text));
                let fut = self.tasks[t].fut;
                self.resolve(fut, value);
            }
        }
        Ok(())
    }

    fn run_task(&mut self, t: usize) -> Step<Flow> {
        loop {
            let depth = self.tasks[t].frames.len();
            let Some(frame) = self.tasks[t].frames.last() else {
                return Ok(Flow::Finish(Value::None));
            };
            let func = frame.func;
            let pc = frame.pc;
            let program = self.program.clone();
            let code = &program.funcs[func].code;
            let line = program.funcs[func].lines.get(pc).copied().unwrap_or(0);
            self.tick(line)?;
            let Some(instr) = code.get(pc) else {
                // The end of the function: it returns None.
                if let Some(flow) = self.return_from(t, Value::None)? {
                    return Ok(flow);
                }
                continue;
            };
            if !matches!(instr, Instr::Jump(_) | Instr::ForNext { .. }) || depth == 0 {
                self.event(Some(t), line, What::Runs);
            }
            match instr {
                Instr::Pass => self.top(t).pc += 1,
                Instr::Jump(to) => self.top(t).pc = *to,
                Instr::Eval(e) => {
                    let v = self.eval(e, Some(t), line)?;
                    if let Value::Coro(c) = v {
                        if !self.out.coros[c].started {
                            let name = self.out.coro_name(c);
                            self.event(
                                Some(t),
                                line,
                                What::Warns(format!("coroutine '{name}' was never awaited")),
                            );
                        }
                    }
                    self.top(t).pc += 1;
                }
                Instr::Assign(name, e) => {
                    let v = self.eval(e, Some(t), line)?;
                    let frame = self.top(t);
                    frame.env.insert(name.clone(), v);
                    frame.pc += 1;
                }
                Instr::Return(e) => {
                    let v = match e {
                        Some(e) => self.eval(e, Some(t), line)?,
                        None => Value::None,
                    };
                    if let Some(flow) = self.return_from(t, v)? {
                        return Ok(flow);
                    }
                }
                Instr::ForStart(e) => {
                    let iter = match self.eval(e, Some(t), line)? {
                        Value::List(items) => Iter(items, 0),
                        Value::Int(_) | Value::Milli(_) => {
                            return fail(
                                line,
                                "TypeError: 'int' object is not iterable",
                                "по числу нельзя пройти циклом: напишите range(n)",
                                "a number cannot be looped over: write range(n)",
                            )
                        }
                        other => {
                            return fail(
                                line,
                                format!(
                                    "TypeError: '{}' object is not iterable",
                                    other.type_name()
                                ),
                                "циклом можно пройти по range(...) или по списку",
                                "loop over range(...) or a list",
                            )
                        }
                    };
                    let frame = self.top(t);
                    frame.loops.push(iter);
                    frame.pc += 1;
                }
                Instr::ForNext { var, exit } => {
                    let frame = self.top(t);
                    let next = match frame.loops.last_mut() {
                        Some(Iter(items, at)) if *at < items.len() => {
                            *at += 1;
                            Some(items[*at - 1].clone())
                        }
                        _ => None,
                    };
                    match next {
                        Some(v) => {
                            frame.env.insert(var.clone(), v);
                            frame.pc += 1;
                            self.event(Some(t), line, What::Runs);
                        }
                        None => {
                            frame.loops.pop();
                            frame.pc = *exit;
                        }
                    }
                }
                Instr::Await(dest, e) => {
                    if let Some(v) = self.tasks[t].resume.take() {
                        // Back from a suspension: the awaited value arrives.
                        self.deliver(t, dest.clone(), v);
                        continue;
                    }
                    let v = self.eval(e, Some(t), line)?;
                    match self.await_value(t, v, line)? {
                        Awaited::Now(v) => self.deliver(t, dest.clone(), v),
                        Awaited::Later => return Ok(Flow::Suspend),
                        Awaited::Inline => {}
                    }
                }
            }
        }
    }

    fn top(&mut self, t: usize) -> &mut Frame {
        self.tasks[t].frames.last_mut().expect("a running task has a frame")
    }

    fn deliver(&mut self, t: usize, dest: Option<String>, v: Value) {
        let frame = self.top(t);
        if let Some(name) = dest {
            frame.env.insert(name, v);
        }
        frame.pc += 1;
    }

    /// Returns from the top frame: to the frame that awaited it, or out of the task.
    fn return_from(&mut self, t: usize, v: Value) -> Step<Option<Flow>> {
        self.tasks[t].frames.pop();
        if self.tasks[t].frames.is_empty() {
            return Ok(Some(Flow::Finish(v)));
        }
        // The caller is at its Await instruction.
        let frame = self.top(t);
        let func = frame.func;
        let pc = frame.pc;
        if let Some(Instr::Await(dest, _)) = self.program.clone().funcs[func].code.get(pc) {
            self.deliver(t, dest.clone(), v);
        }
        Ok(None)
    }

    /// `await v`: done at once, later (the task suspends), or inline (a coroutine's frame).
    fn await_value(&mut self, t: usize, v: Value, line: u32) -> Step<Awaited> {
        match v {
            Value::Coro(c) => {
                if self.out.coros[c].started {
                    return fail(line, "RuntimeError: cannot reuse already awaited coroutine", "одну сопрограмму можно дождаться только один раз", "a coroutine can be awaited only once");
                }
                self.out.coros[c].started = true;
                match self.out.coros[c].kind.clone() {
                    CoroKind::User(func, args) => {
                        if self.tasks[t].frames.len() >= MAX_DEPTH {
                            return fail(line, "RecursionError: maximum recursion depth exceeded", "сопрограммы ждут друг друга по кругу без конца", "the coroutines await each other endlessly")
                        }
                        let frame = self.frame(func, args, line)?;
                        self.tasks[t].frames.push(frame);
                        Ok(Awaited::Inline)
                    }
                    kind => Ok(self.await_builtin(t, kind, line)),
                }
            }
            Value::Task(other) => Ok(self.wait_fut(t, self.tasks[other].fut)),
            Value::Future(f) => Ok(self.wait_fut(t, f)),
            other => fail(
                line,
                format!("TypeError: object {} can't be used in 'await' expression", other.type_name()),
                "дождаться (await) можно только сопрограмму, задачу или future; обычная функция \
                 вроде cpu() или time.sleep() возвращает None",
                "only coroutines, tasks and futures can be awaited; a plain function such as cpu() \
                 or time.sleep() returns None",
            ),
        }
    }

    /// Awaits `asyncio.sleep` or `fetch`: a zero delay yields once; any other sets a timer.
    fn await_builtin(&mut self, t: usize, kind: CoroKind, line: u32) -> Awaited {
        let (ms, result, io, label) = match kind {
            CoroKind::Sleep(ms) => {
                (ms, Value::None, false, format!("sleep({})", milli_text(ms as i64)))
            }
            CoroKind::Fetch(url, ms) => {
                let label = format!("fetch({})", quote(&url));
                (ms, Value::Str(url.into()), true, label)
            }
            CoroKind::User(..) => return Awaited::Inline,
        };
        if ms == 0 {
            self.tasks[t].resume = Some(result);
            self.call_soon(Handle::Step(t), Some(t));
            return Awaited::Later;
        }
        let fut = self.new_fut();
        self.futs[fut].result = result;
        let until = self.now + ms;
        self.seq += 1;
        self.timers.push(Reverse((until, self.seq, fut)));
        self.event(Some(t), line, What::TimerSet { fut, until, io, label });
        self.futs[fut].callbacks.push(Handle::Wakeup(t));
        self.tasks[t].waiting = Some(fut);
        Awaited::Later
    }

    fn wait_fut(&mut self, t: usize, fut: usize) -> Awaited {
        if self.futs[fut].done {
            return Awaited::Now(self.futs[fut].result.clone());
        }
        self.futs[fut].callbacks.push(Handle::Wakeup(t));
        self.tasks[t].waiting = Some(fut);
        Awaited::Later
    }

    fn eval(&mut self, e: &Expr, t: Option<usize>, line: u32) -> Step<Value> {
        Ok(match e {
            Expr::None => Value::None,
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Int(n) => Value::Int(*n),
            Expr::Milli(m) => Value::Milli(*m),
            Expr::Str(s) => Value::Str(s.as_str().into()),
            Expr::FStr(parts) => {
                let mut text = String::new();
                for part in parts {
                    match part {
                        FPart::Text(s) => text.push_str(s),
                        FPart::Name(n, pos) => {
                            text.push_str(&self.lookup(t, n, *pos)?.to_text(&self.out))
                        }
                    }
                }
                Value::Str(text.into())
            }
            Expr::Name(n, pos) => self.lookup(t, n, *pos)?,
            Expr::List(items) => {
                let values =
                    items.iter().map(|i| self.eval(i, t, line)).collect::<Step<Vec<_>>>()?;
                Value::List(Arc::new(values))
            }
            Expr::Comp { elt, var, iter } => {
                let items = self.iterate(iter, t, line)?;
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    self.tick(line)?;
                    self.bind(t, var, item);
                    out.push(self.eval(elt, t, line)?);
                }
                Value::List(Arc::new(out))
            }
            Expr::Neg(inner, pos) => match self.eval(inner, t, line)? {
                Value::Int(n) => Value::Int(n.checked_neg().unwrap_or(i64::MAX)),
                Value::Milli(m) => Value::Milli(m.checked_neg().unwrap_or(i64::MAX)),
                other => {
                    return fail(
                        pos.line,
                        format!("TypeError: bad operand type for unary -: '{}'", other.type_name()),
                        "минус ставят только перед числом",
                        "a minus goes only before a number",
                    )
                }
            },
            Expr::Binary(op, a, b, pos) => {
                let (a, b) = (self.eval(a, t, line)?, self.eval(b, t, line)?);
                binary(*op, a, b).or_else(|m| fail(pos.line, m, "", ""))?
            }
            Expr::Call { callee, args, pos } => {
                let mut values = Vec::new();
                for (star, a) in args {
                    let v = self.eval(a, t, line)?;
                    match (star, v) {
                        (true, Value::List(items)) => values.extend(items.iter().cloned()),
                        (true, other) => {
                            return fail(
                                pos.line,
                                format!(
                                    "TypeError: argument after * must be an iterable, not {}",
                                    other.type_name()
                                ),
                                "звёздочка разворачивает список: *[...]",
                                "the star spreads a list: *[...]",
                            )
                        }
                        (false, v) => values.push(v),
                    }
                }
                self.call(callee, values, t, pos.line)?
            }
        })
    }

    fn iterate(&mut self, iter: &Expr, t: Option<usize>, line: u32) -> Step<Vec<Value>> {
        match self.eval(iter, t, line)? {
            Value::List(items) => Ok(items.to_vec()),
            other => fail(
                line,
                format!("TypeError: '{}' object is not iterable", other.type_name()),
                "",
                "",
            ),
        }
    }

    fn bind(&mut self, t: Option<usize>, name: &str, v: Value) {
        if let Some(t) = t {
            self.top(t).env.insert(name.to_owned(), v);
        }
    }

    fn lookup(&self, t: Option<usize>, name: &str, pos: Pos) -> Step<Value> {
        let found = t.and_then(|t| self.tasks[t].frames.last()).and_then(|f| f.env.get(name));
        match found {
            Some(v) => Ok(v.clone()),
            None => fail(
                pos.line,
                format!("NameError: name '{name}' is not defined"),
                "присвойте переменной значение до этой строки",
                "assign the variable before this line",
            ),
        }
    }

    fn call(
        &mut self,
        callee: &Callee,
        args: Vec<Value>,
        t: Option<usize>,
        line: u32,
    ) -> Step<Value> {
        let seconds = |v: &Value, what: &str| -> Step<u64> {
            match v {
                Value::Int(n) if *n >= 0 => Ok((*n as u64).saturating_mul(1000)),
                Value::Milli(m) if *m >= 0 => Ok(*m as u64),
                Value::Int(_) | Value::Milli(_) => fail(
                    line,
                    format!("ValueError: {what} must be non-negative"),
                    "время не бывает отрицательным",
                    "time cannot be negative",
                ),
                other => fail(
                    line,
                    format!("TypeError: {what} must be a number, not {}", other.type_name()),
                    "время задаётся числом секунд",
                    "time is a number of seconds",
                ),
            }
        };
        let arity = |n: usize, name: &str| -> Step<()> {
            if args.len() == n {
                Ok(())
            } else {
                fail(
                    line,
                    format!("TypeError: {name}() takes {n} argument(s), {} given", args.len()),
                    "проверьте число аргументов",
                    "check the number of arguments",
                )
            }
        };
        let Callee::Builtin(b) = callee else {
            let Callee::Func(f) = callee else { unreachable!() };
            self.out.coros.push(Coro { kind: CoroKind::User(*f, args), started: false, line });
            return Ok(Value::Coro(self.out.coros.len() - 1));
        };
        Ok(match b {
            Builtin::Print => {
                let parts: Vec<String> = args.iter().map(|a| a.to_text(&self.out)).collect();
                let text = parts.join(" ");
                self.event(t, line, What::Prints(text.clone()));
                self.out.output.push(text);
                Value::None
            }
            Builtin::Sleep => {
                arity(1, "asyncio.sleep")?;
                let ms = seconds(&args[0], "the delay")?;
                self.out.coros.push(Coro { kind: CoroKind::Sleep(ms), started: false, line });
                Value::Coro(self.out.coros.len() - 1)
            }
            Builtin::Fetch => {
                arity(2, "fetch")?;
                let ms = seconds(&args[1], "the duration")?;
                let url = args[0].to_text(&self.out);
                self.out.coros.push(Coro { kind: CoroKind::Fetch(url, ms), started: false, line });
                Value::Coro(self.out.coros.len() - 1)
            }
            Builtin::TimeSleep | Builtin::Cpu => {
                arity(1, b.name())?;
                let ms = seconds(&args[0], "the duration")?;
                let until = self.now + ms;
                self.event(t, line, What::Blocks { until, cpu: *b == Builtin::Cpu });
                self.now = until;
                Value::None
            }
            Builtin::CreateTask => {
                arity(1, "asyncio.create_task")?;
                match args[0] {
                    Value::Coro(c) => Value::Task(self.create_task(c, line)?),
                    ref other => {
                        return fail(
                            line,
                            format!(
                                "TypeError: a coroutine was expected, got {}",
                                other.type_name()
                            ),
                            "create_task принимает вызов async-функции: create_task(f())",
                            "create_task takes a call of an async function: create_task(f())",
                        )
                    }
                }
            }
            Builtin::Gather => {
                let g = self.new_fut();
                let mut children = Vec::new();
                for a in &args {
                    let fut = match a {
                        Value::Coro(c) => {
                            let task = self.create_task(*c, line)?;
                            self.tasks[task].fut
                        }
                        Value::Task(task) => self.tasks[*task].fut,
                        Value::Future(f) => *f,
                        other => {
                            return fail(
                                line,
                                format!(
                                    "TypeError: An asyncio.Future, a coroutine or an awaitable is required, not {}",
                                    other.type_name()
                                ),
                                "gather принимает сопрограммы, задачи и future",
                                "gather takes coroutines, tasks and futures",
                            )
                        }
                    };
                    children.push(fut);
                }
                if children.is_empty() {
                    self.futs[g].done = true;
                    self.futs[g].result = Value::List(Arc::new(Vec::new()));
                } else {
                    let n = children.len();
                    self.futs[g].gather = Some((children.clone(), n));
                    for c in children {
                        self.add_callback(c, Handle::Gathered(g));
                    }
                }
                Value::Future(g)
            }
            Builtin::Range => {
                let (start, stop) = match args.as_slice() {
                    [Value::Int(stop)] => (0, *stop),
                    [Value::Int(start), Value::Int(stop)] => (*start, *stop),
                    _ => return fail(line, "TypeError: range() takes one or two integers", "", ""),
                };
                if stop.saturating_sub(start) > MAX_LIST {
                    return fail(line, "", &format!("range больше {MAX_LIST} чисел слишком велик для визуализатора"), &format!("a range of more than {MAX_LIST} numbers is too big for this visualiser"));
                }
                Value::List(Arc::new((start..stop).map(Value::Int).collect()))
            }
            Builtin::Len => match args.as_slice() {
                [Value::List(items)] => Value::Int(items.len() as i64),
                [Value::Str(s)] => Value::Int(s.chars().count() as i64),
                _ => return fail(line, "TypeError: len() takes one list or string", "", ""),
            },
            Builtin::Str => {
                arity(1, "str")?;
                Value::Str(args[0].to_text(&self.out).into())
            }
            Builtin::Run => {
                return fail(
                    line,
                    "RuntimeError: asyncio.run() cannot be called from a running event loop",
                    "asyncio.run вызывают один раз, вне async-функций",
                    "asyncio.run is called once, outside async functions",
                )
            }
        })
    }
}

fn binary(op: Op, a: Value, b: Value) -> Result<Value, String> {
    use Value::{Int, Milli, Str};
    let milli = |v: &Value| match v {
        Int(n) => n.checked_mul(1000),
        Milli(m) => Some(*m),
        _ => None,
    };
    let overflow = || "OverflowError: the number is too big for this visualiser".to_owned();
    Ok(match (op, &a, &b) {
        (Op::Add, Str(x), Str(y)) => Str(format!("{x}{y}").into()),
        (Op::Add, Value::List(x), Value::List(y)) => {
            if x.len() + y.len() > MAX_LIST as usize {
                return Err(overflow());
            }
            Value::List(Arc::new(x.iter().chain(y.iter()).cloned().collect()))
        }
        (Op::Mul, Str(s), Int(n)) | (Op::Mul, Int(n), Str(s)) => {
            if *n > 1000 {
                return Err(overflow());
            }
            Str(s.repeat((*n).max(0) as usize).into())
        }
        (_, Int(x), Int(y)) => match op {
            Op::Add => Int(x.checked_add(*y).ok_or_else(overflow)?),
            Op::Sub => Int(x.checked_sub(*y).ok_or_else(overflow)?),
            Op::Mul => Int(x.checked_mul(*y).ok_or_else(overflow)?),
            Op::FloorDiv | Op::Mod if *y == 0 => {
                return Err("ZeroDivisionError: division by zero".into())
            }
            Op::FloorDiv => Int(x.div_euclid(*y)),
            Op::Mod => Int(x.rem_euclid(*y)),
            Op::Div if *y == 0 => return Err("ZeroDivisionError: division by zero".into()),
            Op::Div => Milli(x.checked_mul(1000).ok_or_else(overflow)? / y),
        },
        (_, Int(_) | Milli(_), Int(_) | Milli(_)) => {
            let (x, y) = (milli(&a).ok_or_else(overflow)?, milli(&b).ok_or_else(overflow)?);
            match op {
                Op::Add => Milli(x.checked_add(y).ok_or_else(overflow)?),
                Op::Sub => Milli(x.checked_sub(y).ok_or_else(overflow)?),
                Op::Mul => Milli(x.checked_mul(y).ok_or_else(overflow)? / 1000),
                _ if y == 0 => return Err("ZeroDivisionError: float division by zero".into()),
                Op::Div => Milli(x.checked_mul(1000).ok_or_else(overflow)? / y),
                Op::FloorDiv => Milli(x.div_euclid(y) * 1000),
                Op::Mod => Milli(x.rem_euclid(y)),
            }
        }
        _ => {
            return Err(format!(
                "TypeError: unsupported operand types: '{}' and '{}'",
                a.type_name(),
                b.type_name()
            ))
        }
    })
}
