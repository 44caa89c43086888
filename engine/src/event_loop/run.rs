//! A run of a program, step by step, as the view replays it: the events of the loop, its
//! tasks, what was printed and how it ended. The interpreter ([`crate::python`]) makes them.

use super::program::Program;
use crate::python::{run_source, Execution, Failure};
use std::sync::Arc;

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
    /// Another callback: a future's done callback, or one given to `call_soon`/`call_later`;
    /// its function's name is `callbacks[k]` of the run.
    Callback(usize),
    /// A worker thread takes its next step, or hands its result to the loop.
    Thread(usize),
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
        label: Arc<str>,
    },
    /// A timer is due and leaves the timer list.
    TimerDue(usize),
    /// The running task suspends until a future or a task is done.
    Suspends {
        /// What it waits for: `sleep(1)`, `fetch('a')`, `Task-2`, `Queue 1: get`.
        on: Arc<str>,
        /// Its frames, outermost first: where each waits, and its local variables.
        frames: Box<[FrameView]>,
    },
    /// A worker thread (`asyncio.to_thread`) sleeps or computes until `until`, beside the loop.
    Works {
        /// The thread's number, from 0.
        thread: usize,
        /// What it runs: `blocking_io(1)`.
        label: Arc<str>,
        /// When it is over.
        until: u64,
        /// Computing (`cpu`) rather than `time.sleep`.
        cpu: bool,
    },
    /// A worker thread's function has returned (or raised): its result goes to the loop.
    ThreadEnds(usize),
    /// A queue, a lock, a semaphore or an event changes: `Queue 1` now holds `['a']`.
    Shows {
        /// Its name: its kind and number.
        name: Box<str>,
        /// What it holds now, as Python's repr: the items, the owner, the count, the flag.
        state: Box<str>,
    },
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

/// A suspended coroutine's frame, as the view shows it (as Python Tutor shows frames).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameView {
    /// Its function.
    pub function: String,
    /// The line where it waits.
    pub line: u32,
    /// Its local variables: names and short reprs.
    pub locals: Vec<(String, String)>,
}

/// One step of the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The virtual time, in milliseconds.
    pub t: u64,
    /// The task concerned, if any (its index, as in [`Handle`]).
    pub task: Option<u32>,
    /// The program's line concerned (0 when none).
    pub line: u32,
    /// What happened.
    pub what: What,
}

impl Event {
    /// The task concerned, if any.
    pub fn task(&self) -> Option<usize> {
        self.task.map(|t| t as usize)
    }
}

/// A task's record.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskInfo {
    /// Its name, as Python's: `Task-1` is the main task.
    pub name: Arc<str>,
    /// The coroutine it runs: `download('a', 1)`.
    pub coro: String,
}

/// A finished run: every step, every task, what was printed, how it ended.
pub type Run = Execution;

/// Runs `program` to its end (or to the exception that ends it).
pub fn run(program: &Program) -> Run {
    run_source(&program.text).unwrap_or_else(|e| Run {
        // A program is only made by `parse`, which has read it already.
        events: vec![],
        tasks: vec![],
        output: vec![],
        failure: Some(Failure::Syntax(e)),
        callbacks: vec![],
        warnings: vec![],
        end: 0,
    })
}
