//! The event loop, futures and tasks, as CPython's `asyncio` has them (`base_events.py`,
//! `futures.py`, `tasks.py`): a ready queue of callbacks, timers by deadline, futures that
//! schedule their callbacks when done, and tasks that step their coroutine and wake up when
//! what they await is done. The rest of asyncio (sleep, gather, wait_for, queues, locks...)
//! is Python, in the course's prelude, run by this interpreter as CPython runs its own.
//! Time is the loop's own clock, in seconds; only blocking calls move it while code runs.
//! Frames are boxed, as in [`super::vm`].
#![allow(clippy::vec_box)]

use super::value::*;
use super::vm::{raise, Exc, Halt, Outcome, Res, Resume, Vm};
use crate::event_loop::run::{Event, FrameView, Handle as Sched, TaskInfo, What};
use smallvec::smallvec;
use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::rc::{Rc, Weak};
use std::sync::Arc;

/// The most tasks a run may create.
pub const MAX_TASKS: usize = 20_000;
/// The most coroutine objects a run may make (each holds a frame).
pub const MAX_COROUTINES: usize = 2 * MAX_TASKS;
/// Tasks whose frames are kept when they wait (the view shows the first of them).
const FRAMED_TASKS: usize = 64;
/// The most local variables shown for a frame.
const MAX_LOCALS: usize = 8;
/// The longest a variable's value is shown, in characters.
const MAX_REPR: usize = 40;
/// The most events a run records for the view.
pub const MAX_EVENTS: usize = 400_000;

/// A timer in the loop's list, with its deadline and number beside it: the heap compares
/// them without reaching into the handle.
struct Timer {
    key: (u64, u64),
    handle: Rc<LoopHandle>,
}

impl Timer {
    /// Deadlines are never negative, so their bits sort as the numbers do; the sequence
    /// keeps timers with one deadline in the order they were set.
    fn new(handle: Rc<LoopHandle>) -> Timer {
        let key = (handle.when.unwrap_or(0.0).max(0.0).to_bits(), handle.seq);
        Timer { key, handle }
    }
}

impl PartialEq for Timer {
    fn eq(&self, other: &Timer) -> bool {
        self.key == other.key
    }
}

impl Eq for Timer {}

impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Timer) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timer {
    fn cmp(&self, other: &Timer) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

/// The loop's state, and what the run records for the view.
#[derive(Default)]
pub struct Loop {
    /// The loop's clock, in seconds.
    pub now: f64,
    ready: VecDeque<Rc<LoopHandle>>,
    timers: BinaryHeap<Reverse<Timer>>,
    seq: u64,
    futures: usize,
    task_names: usize,
    /// Every task, in order of creation.
    pub tasks: Vec<Rc<Future>>,
    /// The names of the callbacks the loop ran that are not tasks' steps or timers.
    pub callbacks: Vec<String>,
    /// The task running now.
    pub current: Option<Rc<Future>>,
    stopping: bool,
    running: bool,
    /// The line of the call being made (for the coroutines it creates).
    pub line: u32,
    /// Every coroutine made, to warn about those never awaited.
    pub coros: Vec<Weak<Coro>>,
    /// What happened, step by step.
    pub events: Vec<Event>,
    /// Each task's name and coroutine, for the view.
    pub task_info: Vec<TaskInfo>,
    /// Warnings Python would print.
    pub warnings: Vec<(u32, String)>,
    /// Names given to queues, locks, semaphores and events.
    objects: Vec<String>,
    /// Asynchronous generators iterated at least once, to close at shutdown
    /// (`loop._asyncgens`).
    pub async_gens: Vec<Rc<Coro>>,
    /// Worker threads (`to_thread`): their frames while they sleep, and what they run.
    threads: Vec<(Vec<Box<super::vm::Frame>>, String)>,
    /// The worker thread running now, if any.
    pub thread: Option<usize>,
    /// A `time.sleep` inside a worker thread: the thread pauses this long, the loop goes on.
    pub thread_sleep: Option<(f64, bool)>,
    /// The clock's bits when last read in milliseconds, and those milliseconds.
    ms_cache: Cell<(u64, u64)>,
}

impl Loop {
    /// The clock, in the view's milliseconds.
    pub fn ms(&self) -> u64 {
        // Every event asks; the clock moves far less often.
        let (at, ms) = self.ms_cache.get();
        if at == self.now.to_bits() {
            return ms;
        }
        let ms = self.ms_after(0.0);
        self.ms_cache.set((self.now.to_bits(), ms));
        ms
    }

    /// The clock `seconds` from now, in milliseconds.
    pub fn ms_after(&self, seconds: f64) -> u64 {
        ((self.now + seconds) * 1000.0).round().max(0.0) as u64
    }

    fn task_index(&self) -> Option<usize> {
        self.current.as_ref().and_then(|t| t.task.as_ref()).map(|t| t.index)
    }

    /// Records an event of the running task.
    pub fn record(&mut self, what: What) {
        let task = self.task_index();
        let line = self.line;
        self.record_at(task, line, what);
    }

    fn record_at(&mut self, task: Option<usize>, line: u32, what: What) {
        if self.events.len() < MAX_EVENTS {
            // Tasks are far fewer than `u32::MAX` (`MAX_TASKS`).
            let task = task.map(|t| t as u32);
            self.events.push(Event { t: self.ms(), task, line, what });
        }
    }

    /// The running code reached a line of the learner's program (a worker thread's lines
    /// are not the loop's: they are not steps of the loop).
    pub fn record_line(&mut self, line: u32) {
        if self.thread.is_none() {
            self.line = line;
            self.record(What::Runs);
        }
    }

    /// A line was printed.
    pub fn record_print(&mut self, line: String) {
        self.record(What::Prints(line));
    }

    /// Too many events to keep: the run is stopped rather than shown wrongly.
    pub fn overflowing(&self) -> bool {
        self.events.len() >= MAX_EVENTS
    }
}

/// What the view calls a callback of the program's: its function's name.
fn callback_name(v: &Value) -> Rc<str> {
    match v {
        Value::Function(f) => f.name("__qualname__"),
        Value::Method(m) => callback_name(&m.1),
        Value::Builtin(b) => super::builtins::name_of(*b).into(),
        Value::BuiltinMethod(m) => m.1.clone(),
        Value::Instance(i) => i.class.name.clone(),
        other => other.type_name(),
    }
}

impl Loop {
    /// How the events name a callback: a task's step, a timer, or another callback by the
    /// number of its function's name in [`Loop::callbacks`].
    fn sched(&mut self, callback: &Callback) -> Sched {
        let task = |f: &Future| f.task.as_ref().map_or(0, |t| t.index);
        match callback {
            Callback::Own(f, own) => match own {
                Own::Step | Own::Throw => Sched::Step(task(f)),
                Own::Wakeup => Sched::Wakeup(task(f)),
                Own::TimerDone => Sched::Done(f.id),
                Own::Gathered => Sched::Gathered(f.id),
                Own::Thread => Sched::Thread(f.id),
                Own::Stop => Sched::Stop,
            },
            Callback::Call(v) => {
                let name = callback_name(v);
                let k = match self.callbacks.iter().position(|n| **n == *name) {
                    Some(k) => k,
                    None => {
                        self.callbacks.push(name.to_string());
                        self.callbacks.len() - 1
                    }
                };
                Sched::Callback(k)
            }
        }
    }
}

impl Vm {
    /// A new future.
    pub fn new_future(&mut self, label: Arc<str>, task: Option<TaskState>) -> Rc<Future> {
        self.aio.futures += 1;
        Rc::new(Future {
            id: self.aio.futures,
            state: Cell::new(FutState::Pending),
            result: RefCell::new(Value::None),
            exception: RefCell::new(None),
            callbacks: RefCell::default(),
            cancel_message: RefCell::new(None),
            log_traceback: Cell::new(false),
            label: RefCell::new(label),
            task,
            children: RefCell::new(vec![]),
            cancel_requested: Cell::new(false),
            gather: RefCell::new(None),
            timer: RefCell::new(None),
        })
    }

    /// A callback for the ready queue or the timers, with what the view calls it.
    fn new_handle(&mut self, callback: Callback, args: Args, when: Option<f64>) -> Rc<LoopHandle> {
        self.aio.seq += 1;
        Rc::new(LoopHandle {
            kind: self.aio.sched(&callback),
            callback,
            args: RefCell::new(args),
            cancelled: Cell::new(false),
            fired: Cell::new(false),
            when,
            seq: self.aio.seq,
        })
    }

    /// `loop.call_soon(callback, *args)`
    pub fn call_soon(&mut self, callback: Callback, args: Args) -> Rc<LoopHandle> {
        let h = self.new_handle(callback, args, None);
        self.aio.record(What::Scheduled(h.kind));
        self.aio.ready.push_back(h.clone());
        h
    }

    /// `loop.call_later(delay, callback, *args)`
    pub fn call_later(&mut self, delay: f64, callback: Callback, args: Args) -> Rc<LoopHandle> {
        let when = self.aio.now + delay.max(0.0);
        let h = self.new_handle(callback, args, Some(when));
        self.aio.timers.push(Reverse(Timer::new(h.clone())));
        h
    }

    fn schedule_callbacks(&mut self, f: &Rc<Future>) {
        let callbacks = std::mem::take(&mut *f.callbacks.borrow_mut());
        for cb in callbacks {
            self.call_soon(cb, smallvec![Value::Future(f.clone())]);
        }
    }

    /// `future.add_done_callback(fn)`
    pub fn add_done_callback(&mut self, f: &Rc<Future>, cb: Callback) {
        if f.state.get() == FutState::Pending {
            f.callbacks.borrow_mut().push(cb);
        } else {
            self.call_soon(cb, smallvec![Value::Future(f.clone())]);
        }
    }

    /// `future.set_result(value)`
    pub fn set_result(&mut self, f: &Rc<Future>, v: Value) -> Res<()> {
        if f.state.get() != FutState::Pending {
            let shown = future_repr(self, f);
            return self.fail("InvalidStateError", format!("invalid state: {shown}"));
        }
        *f.result.borrow_mut() = v;
        f.state.set(FutState::Finished);
        self.schedule_callbacks(f);
        Ok(())
    }

    /// `future.set_exception(exc)`
    pub fn set_exception(&mut self, f: &Rc<Future>, e: Value) -> Res<()> {
        if f.state.get() != FutState::Pending {
            let shown = future_repr(self, f);
            return self.fail("InvalidStateError", format!("invalid state: {shown}"));
        }
        let e = match &e {
            Value::Class(_) => self.call_value(&e, vec![])?,
            _ => e,
        };
        *f.exception.borrow_mut() = Some(e);
        f.log_traceback.set(true);
        f.state.set(FutState::Finished);
        self.schedule_callbacks(f);
        Ok(())
    }

    /// `future.cancel(msg)` (a future's own; a task's goes through [`Vm::task_cancel`]).
    pub fn future_cancel(&mut self, f: &Rc<Future>, msg: Option<Value>) -> bool {
        if f.state.get() != FutState::Pending {
            return false;
        }
        f.state.set(FutState::Cancelled);
        *f.cancel_message.borrow_mut() = msg;
        // A sleep cancelled at its await takes its timer off the list (its `finally` in CPython).
        if let Some(h) = f.timer.borrow_mut().take() {
            if !h.cancelled.get() && !h.fired.get() {
                h.cancelled.set(true);
                self.aio.record(What::TimerDue(f.id));
            }
        }
        self.schedule_callbacks(f);
        true
    }

    /// `task.cancel(msg)`
    pub fn task_cancel(&mut self, t: &Rc<Future>, msg: Option<Value>) -> bool {
        let Some(ts) = &t.task else { return self.future_cancel(t, msg) };
        if t.state.get() != FutState::Pending {
            return false;
        }
        ts.cancels.set(ts.cancels.get() + 1);
        let waiter = ts.waiter.borrow().clone();
        if let Some(w) = waiter {
            if self.cancel_any(&w, msg.clone()) {
                return true;
            }
        }
        ts.must_cancel.set(true);
        *t.cancel_message.borrow_mut() = msg;
        true
    }

    fn cancel_any(&mut self, f: &Rc<Future>, msg: Option<Value>) -> bool {
        let children = f.children.borrow().clone();
        if !children.is_empty() {
            // _GatheringFuture.cancel: the children are cancelled, the gather follows them.
            if f.state.get() != FutState::Pending {
                return false;
            }
            let mut any = false;
            for c in &children {
                any |= self.cancel_any(c, msg.clone());
            }
            if any {
                f.cancel_requested.set(true);
            }
            return any;
        }
        if f.task.is_some() {
            self.task_cancel(f, msg)
        } else {
            self.future_cancel(f, msg)
        }
    }

    /// What a cancelled future raises (`_make_cancelled_error` in CPython 3.11): the
    /// `CancelledError` that ended its task, once, with its traceback; else a new one.
    pub fn take_cancelled_error(&self, f: &Rc<Future>) -> Value {
        match f.exception.borrow_mut().take() {
            Some(e) => e,
            None => self.cancelled_error(f.cancel_message.borrow().clone()),
        }
    }

    /// `CancelledError(msg)`, as a cancelled future raises it.
    pub fn cancelled_error(&self, msg: Option<Value>) -> Value {
        self.new_exception(self.exc_class("CancelledError"), msg.into_iter().collect())
    }

    /// `asyncio.create_task(coro, name=...)`
    pub fn create_task(&mut self, coro: &Value, name: Option<Value>) -> Res<Rc<Future>> {
        let Value::Coro(c) = coro else {
            let shown = self.repr(coro)?;
            return self.fail("TypeError", format!("a coroutine was expected, got {shown}"));
        };
        if self.aio.tasks.len() >= MAX_TASKS {
            return Err(Exc::Halt(Halt::TooManyTasks));
        }
        let name: Arc<str> = match name {
            Some(Value::None) | None => {
                // `Task-2`: one allocation, the name's own.
                self.aio.task_names += 1;
                let n = self.aio.task_names;
                self.with_label(|_, shown| {
                    shown.push_str("Task-");
                    shown.push_str(itoa::Buffer::new().format(n));
                    Arc::from(&**shown)
                })
            }
            Some(v) => Arc::from(self.to_str(&v)?),
        };
        let index = self.aio.tasks.len();
        let state = TaskState {
            index,
            name: RefCell::new(name.clone()),
            coro: c.clone(),
            stack: RefCell::new(vec![]),
            waiter: RefCell::new(None),
            must_cancel: Cell::new(false),
            yielded: RefCell::new(None),
            cancels: Cell::new(0),
        };
        let label = self.intern_label("task");
        let t = self.new_future(label, Some(state));
        self.aio.tasks.push(t.clone());
        let label = self.coro_label(c);
        self.aio.task_info.push(TaskInfo { name: name.clone(), coro: label });
        self.aio.record(What::Creates(index));
        self.call_soon(Callback::Own(t.clone(), Own::Step), Args::new());
        Ok(t)
    }

    /// One step of a task: runs its coroutine until it awaits something not done, returns
    /// or raises (`Task.__step`).
    pub fn task_step(&mut self, t: &Rc<Future>, exc: Option<Value>) -> Res<()> {
        let Some(ts) = &t.task else { return Ok(()) };
        if t.state.get() != FutState::Pending {
            return self.fail("InvalidStateError", "__step(): already done");
        }
        let mut exc = exc;
        if ts.must_cancel.get() {
            if !exc.as_ref().is_some_and(|e| self.is_exc(e, "CancelledError")) {
                exc = Some(self.cancelled_error(t.cancel_message.borrow().clone()));
            }
            ts.must_cancel.set(false);
        }
        let awaited = ts.waiter.borrow_mut().take();
        let previous = self.aio.current.replace(t.clone());
        let mut stack = std::mem::take(&mut *ts.stack.borrow_mut());
        if let (true, Some(timed)) = (stack.is_empty(), ts.coro.native.as_ref()) {
            // A task around sleep or fetch: it waits on the timer, then returns its result.
            let outcome = match (ts.coro.state.get(), exc) {
                (_, Some(e)) => {
                    ts.coro.state.set(CoroState::Closed);
                    Outcome::Raise(e)
                }
                (CoroState::Created, None) => {
                    ts.coro.state.set(CoroState::Closed);
                    Outcome::Suspend(self.start_timed(timed))
                }
                (_, None) => match awaited {
                    Some(f) => match self.future_result(&f) {
                        Ok(v) => Outcome::Return(v),
                        Err(Exc::Raise(e)) => Outcome::Raise(e),
                        Err(h) => return Err(h),
                    },
                    None => Outcome::Return(ts.yielded.borrow_mut().take().unwrap_or(Value::None)),
                },
            };
            let result = self.after_step(t, ts, stack, outcome);
            self.aio.current = previous;
            return result;
        }
        let resume = if stack.is_empty() {
            let frame = ts.coro.frame.borrow_mut().take();
            match frame {
                Some(f) if ts.coro.state.get() == CoroState::Created => {
                    ts.coro.state.set(CoroState::Started);
                    stack.push(f);
                    match exc {
                        Some(e) => Resume::Throw(e),
                        None => Resume::Start,
                    }
                }
                _ => {
                    self.aio.current = previous;
                    let e = self.exc("RuntimeError", "cannot reuse already awaited coroutine");
                    return self.set_exception(t, e);
                }
            }
        } else {
            match exc {
                Some(e) => Resume::Throw(e),
                None => match awaited {
                    Some(f) => match self.future_result(&f) {
                        Ok(v) => Resume::Send(v),
                        Err(Exc::Raise(e)) => Resume::Throw(e),
                        Err(h) => return Err(h),
                    },
                    None => Resume::Send(ts.yielded.borrow_mut().take().unwrap_or(Value::None)),
                },
            }
        };
        let outcome = self.run_frames(&mut stack, 0, resume);
        let line = self.aio.line;
        let outcome = match outcome {
            Ok(o) => o,
            Err(h) => {
                self.aio.current = previous;
                return Err(Exc::Halt(h));
            }
        };
        let result = self.after_step(t, ts, stack, outcome);
        self.aio.line = line;
        self.aio.current = previous;
        result
    }

    /// What a task's step ends in: it is done, or it waits for a future, or it yields.
    fn after_step(
        &mut self,
        t: &Rc<Future>,
        ts: &TaskState,
        stack: Vec<Box<super::vm::Frame>>,
        outcome: Outcome,
    ) -> Res<()> {
        match outcome {
            Outcome::Return(v) => {
                if ts.must_cancel.get() {
                    ts.must_cancel.set(false);
                    let msg = t.cancel_message.borrow().clone();
                    self.future_cancel(t, msg);
                    self.aio.record(What::Cancels(ts.index));
                } else {
                    let shown = self.repr_plain(&v);
                    self.aio.record(What::Finishes(shown));
                    self.set_result(t, v)?;
                }
            }
            Outcome::Raise(e) => {
                if self.is_exc(&e, "CancelledError") {
                    let msg = match &e {
                        Value::Instance(i) => match i.attrs.borrow().get("args") {
                            Some(Value::Tuple(a)) => a.first().cloned(),
                            _ => None,
                        },
                        _ => None,
                    };
                    self.future_cancel(t, msg);
                    *t.exception.borrow_mut() = Some(e);
                    self.aio.record(What::Cancels(ts.index));
                } else {
                    let shown = self.exception_line(&e);
                    self.aio.record(What::Finishes(shown));
                    self.set_exception(t, e)?;
                }
            }
            Outcome::Suspend(Some(f)) => {
                *ts.stack.borrow_mut() = stack;
                if Rc::ptr_eq(&f, t) {
                    let shown = future_repr(self, t);
                    let e =
                        self.exc("RuntimeError", format!("Task cannot await on itself: {shown}"));
                    self.call_soon(Callback::Own(t.clone(), Own::Throw), smallvec![e]);
                } else {
                    self.add_done_callback(&f, Callback::Own(t.clone(), Own::Wakeup));
                    *ts.waiter.borrow_mut() = Some(f.clone());
                    let on = match &f.task {
                        Some(other) => other.name.borrow().clone(),
                        None => f.label.borrow().clone(),
                    };
                    let frames = self.frame_views(&ts.stack.borrow());
                    self.aio.record(What::Suspends { on, frames: frames.into() });
                    if ts.must_cancel.get() {
                        let msg = t.cancel_message.borrow().clone();
                        if self.cancel_any(&f, msg) {
                            ts.must_cancel.set(false);
                        }
                    }
                }
            }
            Outcome::Suspend(None) => {
                let frames = self.frame_views(&stack);
                *ts.stack.borrow_mut() = stack;
                self.aio.record(What::Suspends { on: "sleep(0)".into(), frames: frames.into() });
                self.call_soon(Callback::Own(t.clone(), Own::Step), Args::new());
            }
        }
        Ok(())
    }

    /// The learner's frames of a suspended task, outermost first, with short reprs of their
    /// variables (the course's own asyncio frames are left out).
    fn frame_views(&mut self, stack: &[Box<super::vm::Frame>]) -> Vec<FrameView> {
        let mut out = vec![];
        // The view lists the first waiting tasks; a gather of thousands needs no frames for
        // the others.
        if self
            .aio
            .current
            .as_ref()
            .and_then(|t| t.task.as_ref())
            .is_some_and(|t| t.index >= FRAMED_TASKS)
        {
            return out;
        }
        for frame in stack.iter().filter(|f| !f.code.library) {
            let mut locals = vec![];
            for (name, value) in frame.bound_locals().into_iter().take(MAX_LOCALS) {
                let mut shown = self.repr_plain(&value);
                if shown.chars().count() > MAX_REPR {
                    shown = shown.chars().take(MAX_REPR - 1).collect::<String>() + "…";
                }
                locals.push((name.to_string(), shown));
            }
            out.push(FrameView {
                function: frame.code.name.to_string(),
                line: frame.current_line(),
                locals,
            });
        }
        out
    }

    /// Starts `asyncio.sleep` or `fetch` in the running task: a zero delay only yields (the
    /// task goes to the back of the ready queue); otherwise a timer is set and the task waits
    /// for its future.
    pub fn start_timed(&mut self, timed: &Timed) -> Option<Rc<Future>> {
        if timed.delay <= 0.0 {
            if let Some(ts) = self.aio.current.as_ref().and_then(|t| t.task.as_ref()) {
                *ts.yielded.borrow_mut() = Some(timed.result.clone());
            }
            return None;
        }
        let f = self.new_future(timed.label.clone(), None);
        let done = Callback::Own(f.clone(), Own::TimerDone);
        let h = self.call_later(timed.delay, done, smallvec![timed.result.clone()]);
        let until = self.aio.ms_after(timed.delay);
        self.aio.record(What::TimerSet {
            fut: f.id,
            until,
            io: timed.io,
            label: timed.label.clone(),
        });
        *f.timer.borrow_mut() = Some(h);
        Some(f)
    }

    /// `asyncio.sleep(delay, result)` or `fetch(url, seconds)`: a coroutine object, not started.
    fn timed(
        &mut self,
        name: &str,
        delay: f64,
        result: Value,
        io: bool,
        label: &str,
    ) -> Res<Value> {
        // Names and labels repeat from task to task: one copy of each serves them all.
        let native = Some(Timed { delay, result, io, label: self.intern_label(label) });
        let name = self.intern(name);
        self.new_coroutine(name, native).map(Value::Coro)
    }

    /// A coroutine object, not started, kept in the run's list (for "never awaited"); past the
    /// most the visualiser keeps alive, the run stops.
    pub fn new_coroutine(&mut self, name: Rc<str>, native: Option<Timed>) -> Res<Rc<Coro>> {
        if self.aio.coros.len() >= MAX_COROUTINES {
            // Only the coroutines still alive count.
            self.aio.coros.retain(|c| c.strong_count() > 0);
            if self.aio.coros.len() >= MAX_COROUTINES {
                return Err(Exc::Halt(Halt::TooManyTasks));
            }
        }
        let coro = Rc::new(Coro {
            name,
            frame: RefCell::new(None),
            state: Cell::new(CoroState::Created),
            line: self.aio.line,
            native,
            throw_exit: Cell::new(false),
        });
        self.aio.coros.push(Rc::downgrade(&coro));
        Ok(coro)
    }

    /// `asyncio.gather(*aws, return_exceptions=False)`, as `tasks.gather` in CPython 3.11:
    /// each argument becomes a future (a coroutine a task), each child's done callback counts
    /// it, and the outer future gets the results in order, or the first exception.
    pub fn gather(&mut self, args: Vec<Value>, return_exceptions: bool) -> Res<Rc<Future>> {
        let label = self.intern_label("gather");
        let outer = self.new_future(label, None);
        if args.is_empty() {
            self.set_result(&outer, Value::list(vec![]))?;
            return Ok(outer);
        }
        let done = Callback::Own(outer.clone(), Own::Gathered);
        let mut seen: rustc_hash::FxHashMap<usize, Rc<Future>> = rustc_hash::FxHashMap::default();
        let mut children = Vec::with_capacity(args.len());
        for arg in args {
            let key = arg.identity();
            let fut = match seen.get(&key) {
                Some(f) => f.clone(),
                None => {
                    let f = match &arg {
                        Value::Future(f) => f.clone(),
                        Value::Coro(_) => self.create_task(&arg, None)?,
                        _ => {
                            return self.fail(
                                "TypeError",
                                "An asyncio.Future, a coroutine or an awaitable is required",
                            )
                        }
                    };
                    seen.insert(key, f.clone());
                    self.add_done_callback(&f, done.clone());
                    f
                }
            };
            children.push(fut);
        }
        *outer.gather.borrow_mut() =
            Some(Gathering { nfuts: seen.len(), nfinished: 0, return_exceptions });
        *outer.children.borrow_mut() = children;
        Ok(outer)
    }

    /// A gather's child is done (`_done_callback` in CPython's `gather`).
    fn gathered(&mut self, outer: &Rc<Future>, fut: &Rc<Future>) -> Res<()> {
        let (nfinished, nfuts, return_exceptions) = {
            let mut g = outer.gather.borrow_mut();
            let Some(g) = g.as_mut() else { return Ok(()) };
            g.nfinished += 1;
            (g.nfinished, g.nfuts, g.return_exceptions)
        };
        if outer.state.get() != FutState::Pending {
            // The exception is looked at, so it is not reported as never retrieved.
            fut.log_traceback.set(false);
            return Ok(());
        }
        if !return_exceptions {
            if fut.state.get() == FutState::Cancelled {
                let e = self.take_cancelled_error(fut);
                return self.set_exception(outer, e);
            }
            fut.log_traceback.set(false);
            let exc = fut.exception.borrow().clone();
            if let Some(e) = exc {
                return self.set_exception(outer, e);
            }
        }
        if nfinished == nfuts {
            let children = outer.children.borrow().clone();
            let mut results = Vec::with_capacity(children.len());
            for child in &children {
                let res = if child.state.get() == FutState::Cancelled {
                    let msg =
                        child.cancel_message.borrow().clone().unwrap_or_else(|| Value::str(""));
                    self.cancelled_error(Some(msg))
                } else {
                    child.log_traceback.set(false);
                    let exc = child.exception.borrow().clone();
                    exc.unwrap_or_else(|| child.result.borrow().clone())
                };
                results.push(res);
            }
            if outer.cancel_requested.get() {
                let e = self.cancelled_error(fut.cancel_message.borrow().clone());
                self.set_exception(outer, e)?;
            } else {
                self.set_result(outer, Value::list(results))?;
            }
        }
        Ok(())
    }

    /// `asyncio.to_thread(func, *args)`: `func` runs in a worker thread beside the loop (from
    /// the next turn, as a new thread starts); a `time.sleep` there pauses only that thread.
    /// The future is done, by a callback on the loop, when `func` returns.
    pub fn to_thread(
        &mut self,
        func: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Res<Rc<Future>> {
        let label = match func {
            Value::Function(f) => {
                let shown: Vec<String> = args.iter().map(|a| self.repr_plain(a)).collect();
                format!("{}({})", f.code.name, shown.join(", "))
            }
            Value::Builtin(b) => {
                let shown: Vec<String> = args.iter().map(|a| self.repr_plain(a)).collect();
                let name = match b {
                    Builtin::TimeSleep => "time.sleep",
                    other => super::builtins::name_of(*other),
                };
                format!("{name}({})", shown.join(", "))
            }
            other => format!("{}()", self.repr_plain(other)),
        };
        let fut = self.new_future(format!("thread {label}").into(), None);
        // A built-in (`time.sleep`, `cpu`) runs inside a Python frame of the thread's own, so
        // that its wait pauses the thread, not the loop.
        let wrapper = match func {
            Value::Builtin(_) => self.asyncio_attr("_in_thread"),
            _ => None,
        };
        let called = match wrapper {
            Some(wrapper) => {
                let mut all = vec![func.clone()];
                all.extend(args);
                self.call(&wrapper, all, kwargs)?
            }
            None => self.call(func, args, kwargs)?,
        };
        let stack = match called {
            super::vm::Called::Frame(frame) => vec![frame],
            // Any other callable that is not Python code has run already.
            super::vm::Called::Value(v) => {
                let done = Value::BuiltinMethod(Rc::new((
                    Value::Future(fut.clone()),
                    self.intern("set_result"),
                )));
                self.call_soon(Callback::Call(done), smallvec![v]);
                return Ok(fut);
            }
        };
        let id = self.aio.threads.len();
        self.aio.threads.push((stack, label));
        self.call_later(
            0.0,
            Callback::Own(fut.clone(), Own::Thread),
            smallvec![Value::Int(id as i64)],
        );
        Ok(fut)
    }

    /// A worker thread runs until its function returns or it sleeps.
    fn thread_step(&mut self, fut: &Rc<Future>, id: usize) -> Res<()> {
        let Some((stack, label)) =
            self.aio.threads.get_mut(id).map(|(s, l)| (std::mem::take(s), l.clone()))
        else {
            return Ok(());
        };
        let mut stack = stack;
        let resume =
            if stack.iter().all(|f| f.ip == 0) { Resume::Start } else { Resume::Send(Value::None) };
        let previous = self.aio.current.take();
        self.aio.thread = Some(id);
        let outcome = self.run_frames(&mut stack, 0, resume);
        self.aio.thread = None;
        self.aio.current = previous;
        let outcome = outcome.map_err(Exc::Halt)?;
        let finish = |vm: &mut Vm, method: &str, v: Value| {
            let m = vm.intern(method);
            let done = Value::BuiltinMethod(Rc::new((Value::Future(fut.clone()), m)));
            vm.aio.record_at(None, 0, What::ThreadEnds(id));
            vm.call_soon(Callback::Call(done), smallvec![v]);
        };
        match outcome {
            Outcome::Return(v) => finish(self, "set_result", v),
            Outcome::Raise(e) => finish(self, "set_exception", e),
            Outcome::Suspend(_) => {
                let (seconds, cpu) = self.aio.thread_sleep.take().unwrap_or((0.0, false));
                let until = self.aio.ms_after(seconds);
                self.aio.record_at(
                    None,
                    0,
                    What::Works { thread: id, label: label.into(), until, cpu },
                );
                if let Some(t) = self.aio.threads.get_mut(id) {
                    t.0 = stack;
                }
                let step = Callback::Own(fut.clone(), Own::Thread);
                self.call_later(seconds, step, smallvec![Value::Int(id as i64)]);
            }
        }
        Ok(())
    }

    /// `TypeError: message`, the last line of a traceback.
    pub fn exception_line(&mut self, e: &Value) -> String {
        let Value::Instance(i) = e else { return self.repr_plain(e) };
        let name = if i.class.module.as_ref() == "builtins" || i.class.module.as_ref() == "__main__"
        {
            i.class.name.to_string()
        } else {
            format!("{}.{}", i.class.module, i.class.name)
        };
        let text = super::builtins::exception_str(self, i).unwrap_or_default();
        if text.is_empty() {
            name
        } else {
            format!("{name}: {text}")
        }
    }

    /// One turn of the loop (`BaseEventLoop._run_once`): due timers join the ready queue,
    /// then the callbacks ready when the turn began run, in order.
    pub fn run_once(&mut self) -> Res<()> {
        while let Some(Reverse(top)) = self.aio.timers.peek() {
            if top.handle.cancelled.get() {
                self.aio.timers.pop();
            } else {
                break;
            }
        }
        if self.aio.ready.is_empty() && !self.aio.stopping {
            match self.aio.timers.peek() {
                Some(Reverse(top)) => {
                    let when = top.handle.when.unwrap_or(0.0);
                    if when > self.aio.now {
                        self.aio.now = when;
                    }
                }
                None => return Err(Exc::Halt(Halt::Deadlock)),
            }
        }
        while let Some(Reverse(top)) = self.aio.timers.peek() {
            if top.handle.when.unwrap_or(0.0) > self.aio.now + 1e-9 {
                break;
            }
            let Some(Reverse(Timer { handle: h, .. })) = self.aio.timers.pop() else { break };
            if h.cancelled.get() {
                continue;
            }
            h.fired.set(true);
            if let Sched::Done(fut) = h.kind {
                self.aio.record_at(None, 0, What::TimerDue(fut));
            }
            self.aio.record_at(None, 0, What::Scheduled(h.kind));
            self.aio.ready.push_back(h);
        }
        let n = self.aio.ready.len();
        for _ in 0..n {
            let Some(h) = self.aio.ready.pop_front() else { break };
            if h.cancelled.get() {
                continue;
            }
            self.aio.record_at(None, 0, What::Dispatched(h.kind));
            // A handle runs once: its arguments go to the call.
            let args = std::mem::take(&mut *h.args.borrow_mut());
            let called = match &h.callback {
                Callback::Call(f) => self.call_value(f, args.into_vec()).map(drop),
                Callback::Own(f, own) => self.run_own(f, *own, args),
            };
            match called {
                Ok(_) => {}
                // CPython logs an exception in a callback and goes on.
                Err(Exc::Raise(_)) => {}
                Err(halt) => return Err(halt),
            }
            // A history longer than the view keeps is a loop that does not end.
            if self.aio.overflowing() {
                return Err(Exc::Halt(Halt::Steps));
            }
        }
        Ok(())
    }

    /// One of the loop's own callbacks for the future or task `f`.
    fn run_own(&mut self, f: &Rc<Future>, own: Own, args: Args) -> Res<()> {
        let arg = args.into_iter().next();
        match own {
            Own::Step => self.task_step(f, None),
            Own::Throw => self.task_step(f, arg),
            Own::Wakeup => {
                let Some(Value::Future(done)) = arg else { return Ok(()) };
                let exc = match self.future_result(&done) {
                    Ok(_) => None,
                    Err(Exc::Raise(e)) => Some(e),
                    Err(h) => return Err(h),
                };
                self.task_step(f, exc)
            }
            Own::TimerDone => {
                // The timer has fired: the future lets go of it (they point at each other).
                f.timer.borrow_mut().take();
                if f.state.get() == FutState::Pending {
                    self.set_result(f, arg.unwrap_or(Value::None))?;
                }
                Ok(())
            }
            Own::Thread => {
                let id = arg.as_ref().and_then(Value::as_int).unwrap_or(0) as usize;
                self.thread_step(f, id)
            }
            Own::Gathered => match arg {
                Some(Value::Future(child)) => self.gathered(f, &child),
                _ => Ok(()),
            },
            Own::Stop => {
                self.aio.stopping = true;
                Ok(())
            }
        }
    }

    /// `loop.run_until_complete(future)`
    fn run_until(&mut self, f: &Rc<Future>) -> Res<()> {
        self.add_done_callback(f, Callback::Own(f.clone(), Own::Stop));
        self.aio.stopping = false;
        loop {
            self.run_once()?;
            if self.aio.stopping {
                break;
            }
        }
        self.aio.stopping = false;
        Ok(())
    }

    /// `asyncio.run(main)`: runs the main task until it is done, then cancels the tasks
    /// still pending and lets them finish (`asyncio.runners`).
    pub fn run_main(&mut self, coro: &Value) -> Res<Value> {
        if self.aio.running {
            return self
                .fail("RuntimeError", "asyncio.run() cannot be called from a running event loop");
        }
        if !matches!(coro, Value::Coro(_)) {
            let shown = self.repr(coro)?;
            return self.fail("ValueError", format!("a coroutine was expected, got {shown}"));
        }
        self.aio.running = true;
        let main = self.create_task(coro, None)?;
        let result = self.run_until(&main);
        if let Err(Exc::Halt(h)) = result {
            return Err(Exc::Halt(h));
        }
        // The main task's frame is gone: an asynchronous generator only it held is
        // finalized now (CPython's finalizer hook schedules its `aclose()` as a task).
        let (finalized, open): (Vec<Rc<Coro>>, Vec<Rc<Coro>>) =
            std::mem::take(&mut self.aio.async_gens)
                .into_iter()
                .filter(|g| g.state.get() == CoroState::Started)
                .partition(|g| Rc::strong_count(g) == 1);
        for g in &finalized {
            self.finalize_async_gen(g)?;
        }
        let pending: Vec<Rc<Future>> =
            self.aio.tasks.iter().filter(|t| t.state.get() == FutState::Pending).cloned().collect();
        for t in &pending {
            self.task_cancel(t, None);
        }
        self.run_gathered(pending.into_iter().map(Value::Future).collect())?;
        // `loop.shutdown_asyncgens()`: those still open are closed, and waited for.
        let mut closing = Vec::with_capacity(open.len());
        for g in &open {
            closing.push(self.aclose(g)?);
        }
        if closing.is_empty() && !finalized.is_empty() {
            // The shutdown's own task takes a turn of the loop, and its end another.
            let label = self.intern_label("shutdown_asyncgens");
            let turn = self.new_future(label, None);
            let set = self.intern("set_result");
            let done = Value::BuiltinMethod(Rc::new((Value::Future(turn.clone()), set)));
            self.call_soon(Callback::Call(done), smallvec![Value::None]);
            self.run_until(&turn)?;
        }
        self.run_gathered(closing)?;
        self.aio.running = false;
        self.future_result(&main)
    }

    /// Runs the loop until these are all done, their exceptions kept as results
    /// (`gather(*aws, return_exceptions=True)`), as `asyncio.run` does at its end.
    fn run_gathered(&mut self, aws: Vec<Value>) -> Res<()> {
        if aws.is_empty() {
            return Ok(());
        }
        if let Some(gather) = self.asyncio_attr("gather") {
            let g =
                self.call_kw(&gather, aws, vec![("return_exceptions".into(), Value::Bool(true))])?;
            if let Value::Future(g) = g {
                self.run_until(&g)?;
            }
        }
        Ok(())
    }

    /// A name of the course's asyncio module (the prelude), if it is loaded.
    fn asyncio_attr(&self, name: &str) -> Option<Value> {
        self.modules.get("asyncio").and_then(|m| m.attrs.borrow().get(name).cloned())
    }

    /// An asynchronous generator nothing holds any more, left before its end: the loop's
    /// finalizer hook schedules a task that runs its `aclose()` (`_asyncgen_finalizer_hook`).
    pub fn finalize_async_gen(&mut self, g: &Rc<Coro>) -> Res<()> {
        let closing = self.aclose(g)?;
        let create = Callback::Call(Value::Builtin(Builtin::CreateTask));
        self.call_soon(create, smallvec![closing]);
        Ok(())
    }

    /// `agen.aclose()`: a coroutine that throws `GeneratorExit` in at its `yield` (the
    /// prelude's `async_generator.aclose`).
    pub fn aclose(&mut self, g: &Rc<Coro>) -> Res<Value> {
        let method = self.asyncio_attr("async_generator").and_then(|c| match c {
            Value::Class(c) => c.lookup("aclose"),
            _ => None,
        });
        match method {
            Some(f) => self.call_value(&f, vec![Value::AsyncGen(g.clone())]),
            None => self.fail("RuntimeError", "asyncio is not loaded"),
        }
    }

    /// Warnings CPython prints when the objects go: coroutines never awaited. Then the run's
    /// objects let go of each other (a coroutine and its frame, a task and its callbacks point
    /// at each other), so that nothing outlives the run.
    pub fn finish_run(&mut self) {
        let coros = std::mem::take(&mut self.aio.coros);
        for c in coros.iter().filter_map(Weak::upgrade) {
            let frame = c.frame.borrow_mut().take();
            drop(frame);
            if c.state.get() == CoroState::Created {
                let text = format!("RuntimeWarning: coroutine '{}' was never awaited", c.name);
                // Python warns once per coroutine; the view says it once per line.
                if self.aio.warnings.iter().any(|(l, t)| *l == c.line && *t == text) {
                    continue;
                }
                self.aio.warnings.push((c.line, text.clone()));
                self.aio.record_at(None, c.line, What::Warns(text));
            }
        }
        for t in std::mem::take(&mut self.aio.tasks) {
            t.callbacks.borrow_mut().clear();
            t.children.borrow_mut().clear();
            t.timer.borrow_mut().take();
            if let Some(ts) = &t.task {
                ts.stack.borrow_mut().clear();
                ts.waiter.borrow_mut().take();
            }
        }
        self.aio.ready.clear();
        self.aio.timers.clear();
        self.aio.threads.clear();
        self.aio.current = None;
    }

    /// Blocks the thread (time.sleep, cpu): the clock moves on, nothing else runs.
    fn block(&mut self, seconds: f64, cpu: bool) {
        let until = self.aio.ms_after(seconds);
        self.aio.record(What::Blocks { until, cpu });
        self.aio.now += seconds;
    }
}

/// How Python shows a future or a task.
pub fn future_repr(vm: &mut Vm, f: &Rc<Future>) -> String {
    let state = match f.state.get() {
        FutState::Pending => "pending",
        FutState::Cancelled => "cancelled",
        FutState::Finished => "finished",
    };
    match &f.task {
        Some(t) => {
            let name = t.name.borrow().clone();
            let result = match f.state.get() {
                FutState::Finished => match f.exception.borrow().clone() {
                    Some(e) => format!(" exception={}", vm.repr_plain(&e)),
                    None => {
                        let r = f.result.borrow().clone();
                        format!(" result={}", vm.repr_plain(&r))
                    }
                },
                _ => String::new(),
            };
            format!("<Task {state} name='{name}' coro=<{}()>{result}>", t.coro.name)
        }
        None => format!("<Future {state}>"),
    }
}

/// `super()` inside a method: its class and its object come from the compiler.
pub fn zero_arg_super(vm: &mut Vm, args: &[Value]) -> Res<Value> {
    match args {
        [Value::Class(c), me] => Ok(Value::Super(Rc::new((c.clone(), me.clone())))),
        _ => vm.fail("RuntimeError", "super(): no arguments"),
    }
}

const FUTURE_METHODS: [&str; 16] = [
    "result",
    "exception",
    "done",
    "cancelled",
    "cancel",
    "add_done_callback",
    "remove_done_callback",
    "set_result",
    "set_exception",
    "get_name",
    "set_name",
    "get_coro",
    "cancelling",
    "uncancel",
    "get_loop",
    "print_stack",
];

/// Does a future, a task, a handle or a coroutine have this method?
pub fn has_method(v: &Value, name: &str) -> bool {
    match v {
        Value::Future(_) => FUTURE_METHODS.contains(&name),
        Value::Handle(_) => matches!(name, "cancel" | "cancelled" | "when"),
        Value::Coro(_) => name == "close",
        _ => false,
    }
}

/// Calls a method of a future, a task, a loop handle or a coroutine.
pub fn call_method(
    vm: &mut Vm,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Res<Value> {
    let msg = || {
        args.first()
            .cloned()
            .or_else(|| kwargs.iter().find(|(k, _)| &**k == "msg").map(|(_, v)| v.clone()))
    };
    match recv {
        Value::Future(f) => {
            let f = f.clone();
            match name {
                "result" => vm.future_result(&f),
                "exception" => match f.state.get() {
                    FutState::Pending => vm.fail("InvalidStateError", "Exception is not set."),
                    FutState::Cancelled => raise(vm.take_cancelled_error(&f)),
                    FutState::Finished => {
                        f.log_traceback.set(false);
                        Ok(f.exception.borrow().clone().unwrap_or(Value::None))
                    }
                },
                "done" => Ok(Value::Bool(f.state.get() != FutState::Pending)),
                "cancelled" => Ok(Value::Bool(f.state.get() == FutState::Cancelled)),
                "cancel" => Ok(Value::Bool(vm.cancel_any(&f, msg()))),
                "add_done_callback" => {
                    let Some(cb) = args.first() else {
                        return vm.fail(
                            "TypeError",
                            "add_done_callback() missing 1 required positional argument: 'fn'",
                        );
                    };
                    vm.add_done_callback(&f, Callback::Call(cb.clone()));
                    Ok(Value::None)
                }
                "remove_done_callback" => {
                    let Some(cb) = args.first() else { return Ok(Value::Int(0)) };
                    let before = f.callbacks.borrow().len();
                    f.callbacks.borrow_mut().retain(|c| match c {
                        Callback::Call(c) => !c.is(cb) && c.identity() != cb.identity(),
                        Callback::Own(..) => true,
                    });
                    Ok(Value::Int((before - f.callbacks.borrow().len()) as i64))
                }
                "set_result" => {
                    vm.set_result(&f, args.first().cloned().unwrap_or(Value::None))?;
                    Ok(Value::None)
                }
                "set_exception" => {
                    vm.set_exception(&f, args.first().cloned().unwrap_or(Value::None))?;
                    Ok(Value::None)
                }
                "get_name" => Ok(Value::Str(
                    f.task.as_ref().map_or("".into(), |t| Rc::from(&**t.name.borrow())),
                )),
                "set_name" => {
                    if let (Some(t), Some(v)) = (&f.task, args.first()) {
                        let name = vm.to_str(v)?;
                        *t.name.borrow_mut() = name.as_str().into();
                    }
                    Ok(Value::None)
                }
                "get_coro" => {
                    Ok(f.task.as_ref().map_or(Value::None, |t| Value::Coro(t.coro.clone())))
                }
                "cancelling" => {
                    Ok(Value::Int(f.task.as_ref().map_or(0, |t| i64::from(t.cancels.get()))))
                }
                "uncancel" => {
                    if let Some(t) = &f.task {
                        t.cancels.set(t.cancels.get().saturating_sub(1));
                        return Ok(Value::Int(i64::from(t.cancels.get())));
                    }
                    Ok(Value::Int(0))
                }
                "get_loop" => Ok(vm.asyncio_attr("_the_loop").unwrap_or(Value::None)),
                _ => {
                    vm.fail("AttributeError", format!("'Future' object has no attribute '{name}'"))
                }
            }
        }
        Value::Handle(h) => match name {
            "cancel" => {
                if !h.cancelled.get() {
                    h.cancelled.set(true);
                    // A timer that has fired has left the list already.
                    if let (Sched::Done(fut), false) = (h.kind, h.fired.get()) {
                        vm.aio.record(What::TimerDue(fut));
                    }
                }
                Ok(Value::None)
            }
            "cancelled" => Ok(Value::Bool(h.cancelled.get())),
            _ => Ok(Value::Float(h.when.unwrap_or(0.0))),
        },
        Value::Coro(c) => {
            if c.state.get() == CoroState::Created {
                c.state.set(CoroState::Closed);
                c.frame.borrow_mut().take();
            }
            Ok(Value::None)
        }
        _ => vm.fail(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", recv.type_name()),
        ),
    }
}

/// Calls a built-in of the loop, the clock and the course's simulated world.
pub fn call(
    vm: &mut Vm,
    b: Builtin,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Res<Value> {
    let arg = |k: usize| args.get(k).cloned().unwrap_or(Value::None);
    let number = |vm: &Vm, v: &Value, what: &str| -> Res<f64> {
        match v.as_number() {
            Some(n) => Ok(n.as_f64()),
            None => vm.fail(
                "TypeError",
                format!("{what}: a number of seconds is required, not '{}'", v.type_name()),
            ),
        }
    };
    match b {
        Builtin::TimeSleep | Builtin::Cpu => {
            let what = if b == Builtin::Cpu { "cpu" } else { "time.sleep" };
            let s = number(vm, &arg(0), what)?;
            if s < 0.0 {
                return vm.fail("ValueError", "sleep length must be non-negative");
            }
            if vm.aio.thread.is_some() {
                // In a worker thread only that thread waits.
                vm.aio.thread_sleep = Some((s, b == Builtin::Cpu));
            } else {
                vm.block(s, b == Builtin::Cpu);
            }
            Ok(Value::None)
        }
        Builtin::PerfCounter | Builtin::LoopTime => Ok(Value::Float(vm.aio.now)),
        Builtin::RunningLoop => Ok(Value::Bool(vm.aio.running)),
        Builtin::CreateTask => {
            let name = kwargs
                .iter()
                .find(|(k, _)| &**k == "name")
                .map(|(_, v)| v.clone())
                .or(args.get(1).cloned());
            if !vm.aio.running {
                if let Value::Coro(c) = &arg(0) {
                    c.state.set(CoroState::Closed);
                }
                return vm.fail("RuntimeError", "no running event loop");
            }
            Ok(Value::Future(vm.create_task(&arg(0), name)?))
        }
        Builtin::CreateFuture => {
            let label = match arg(0) {
                Value::Str(s) => vm.intern_label(&s),
                _ => vm.intern_label("future"),
            };
            Ok(Value::Future(vm.new_future(label, None)))
        }
        Builtin::CurrentTask => Ok(vm.aio.current.clone().map_or(Value::None, Value::Future)),
        Builtin::AThrowExit => match arg(0) {
            Value::AsyncGen(g) => {
                g.throw_exit.set(true);
                Ok(Value::ANext(g))
            }
            other => {
                let shown = other.type_name();
                vm.fail("TypeError", format!("an async generator is required, not '{shown}'"))
            }
        },
        Builtin::AllTasks => {
            let mut set = Dict::default();
            for t in vm.aio.tasks.iter().filter(|t| t.state.get() == FutState::Pending) {
                set.insert(Key(Value::Future(t.clone())), Value::None);
            }
            Ok(Value::Set(Rc::new(RefCell::new(set))))
        }
        Builtin::CallSoon => {
            let Some((cb, rest)) = args.split_first() else {
                return vm.fail(
                    "TypeError",
                    "call_soon() missing 1 required positional argument: 'callback'",
                );
            };
            Ok(Value::Handle(vm.call_soon(Callback::Call(cb.clone()), Args::from(rest))))
        }
        Builtin::CallLater => {
            if args.len() < 2 {
                return vm.fail(
                    "TypeError",
                    "call_later() missing required arguments: 'delay' and 'callback'",
                );
            }
            let delay = number(vm, &args[0], "call_later")?;
            let cb = Callback::Call(args[1].clone());
            Ok(Value::Handle(vm.call_later(delay, cb, Args::from(&args[2..]))))
        }
        Builtin::Yield => Ok(Value::Builtin(Builtin::Yield)),
        Builtin::ToThread => {
            let Some((func, rest)) = args.split_first() else {
                return vm.fail(
                    "TypeError",
                    "to_thread() missing 1 required positional argument: 'func'",
                );
            };
            vm.to_thread(func, rest.to_vec(), kwargs).map(Value::Future)
        }
        Builtin::IsCoro => Ok(Value::Bool(matches!(arg(0), Value::Coro(_)))),
        Builtin::IsFuture => Ok(Value::Bool(matches!(arg(0), Value::Future(_)))),
        Builtin::Gather => {
            let return_exceptions = match kwargs.iter().find(|(k, _)| &**k == "return_exceptions") {
                Some((_, v)) => vm.truthy(v)?,
                None => false,
            };
            if let Some((k, _)) = kwargs.iter().find(|(k, _)| &**k != "return_exceptions") {
                return vm.fail(
                    "TypeError",
                    format!("gather() got an unexpected keyword argument '{k}'"),
                );
            }
            vm.gather(args, return_exceptions).map(Value::Future)
        }
        Builtin::Register => {
            // A queue, a lock... gets a name the view shows: its kind and a number.
            let kind = match arg(0) {
                Value::Str(k) => k.to_string(),
                _ => "object".into(),
            };
            let n = vm.aio.objects.iter().filter(|o| o.starts_with(&kind)).count() + 1;
            let name = format!("{kind} {n}");
            vm.aio.objects.push(name.clone());
            Ok(Value::Str(name.into()))
        }
        Builtin::Show => {
            let name = vm.to_str(&arg(0))?;
            let state = vm.repr(&arg(1))?;
            vm.aio.record(What::Shows { name: name.into(), state: state.into() });
            Ok(Value::None)
        }
        Builtin::RunMain => vm.run_main(&arg(0)),
        Builtin::Sleep | Builtin::Fetch => {
            let fetching = b == Builtin::Fetch;
            let (delay, result) = if fetching {
                (number(vm, &arg(1), "fetch")?, arg(0))
            } else {
                let result = kwargs.iter().find(|(k, _)| &**k == "result").map(|(_, v)| v.clone());
                (number(vm, &arg(0), "sleep")?, result.unwrap_or(arg(1)))
            };
            let name = if fetching { "fetch" } else { "sleep" };
            // `sleep(1)`: a gather of thousands of sleeps makes no text for each, since the
            // label is one interned copy.
            vm.with_label(|vm, label| {
                label.push_str(name);
                label.push('(');
                match arg(0) {
                    Value::Int(n) => label.push_str(itoa::Buffer::new().format(n)),
                    shown => label.push_str(&vm.repr(&shown)?),
                }
                label.push(')');
                vm.timed(name, delay, result, fetching, label)
            })
        }
        _ => vm.fail(
            "NotImplementedError",
            format!("{} is not available in the visualiser", super::builtins::name_of(b)),
        ),
    }
}

/// Names the prelude finds in its module: the loop's primitives.
pub const NATIVES: [(&str, Builtin); 20] = [
    ("_to_thread", Builtin::ToThread),
    ("gather", Builtin::Gather),
    ("_register", Builtin::Register),
    ("_show", Builtin::Show),
    ("_is_coro", Builtin::IsCoro),
    ("_is_future", Builtin::IsFuture),
    ("_running", Builtin::RunningLoop),
    ("_create_task", Builtin::CreateTask),
    ("_create_future", Builtin::CreateFuture),
    ("_current_task", Builtin::CurrentTask),
    ("_all_tasks", Builtin::AllTasks),
    ("_athrow_exit", Builtin::AThrowExit),
    ("_call_soon", Builtin::CallSoon),
    ("_call_later", Builtin::CallLater),
    ("_time", Builtin::LoopTime),
    ("_yield", Builtin::Yield),
    ("_run_main", Builtin::RunMain),
    ("sleep", Builtin::Sleep),
    ("_fetch", Builtin::Fetch),
    ("_perf_counter", Builtin::PerfCounter),
];
