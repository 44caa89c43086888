//! The event-loop visualiser's engine: a program in the Python the course's interpreter runs
//! ([`parse`], [`crate::python`]), its run turn by turn as CPython's asyncio runs it ([`run`]),
//! and the loop's state at any step of the run ([`Snapshot`]), so the view can step forward
//! and back by replaying.

pub mod guess;
pub mod link;
pub mod program;
pub mod run;
pub mod trace;

pub use program::{parse, Program};
pub use run::{run, Event, FrameView, Handle, Run, TaskInfo, What};
use std::sync::Arc;

/// Ready-made programs from the chapter, by name.
pub const PRESETS: [(&str, &str); 10] = [
    ("blocking", include_str!("presets/blocking.py")),
    ("gather", include_str!("presets/gather.py")),
    ("cpu", include_str!("presets/cpu.py")),
    ("create-task", include_str!("presets/create_task.py")),
    ("hundred", include_str!("presets/hundred.py")),
    ("queue", include_str!("presets/queue.py")),
    ("lock", include_str!("presets/lock.py")),
    ("timeout", include_str!("presets/timeout.py")),
    ("task-group", include_str!("presets/task_group.py")),
    ("to-thread", include_str!("presets/to_thread.py")),
];

/// A task as the view shows it at some step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskState {
    /// Created; its first step waits in the ready queue.
    New,
    /// Running now.
    Running,
    /// In the ready queue.
    Ready,
    /// Waiting for a timer, I/O, another task or a gather.
    Waiting,
    /// Finished.
    Done,
    /// Cancelled when the loop stopped.
    Cancelled,
}

/// A timer or an I/O operation in flight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// The future it completes.
    pub fut: usize,
    /// The task waiting on it, if one set it.
    pub task: Option<usize>,
    /// When it is due.
    pub until: u64,
    /// A network operation rather than a timer.
    pub io: bool,
    /// `sleep(1)` or `fetch('a')`.
    pub label: Arc<str>,
}

/// The loop's state after some steps of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// How many events it covers.
    pub step: usize,
    /// How many events the run it was made from has (a different run starts it afresh).
    pub of: usize,
    /// The virtual time, in milliseconds.
    pub t: u64,
    /// The task running and its line.
    pub running: Option<(usize, u32)>,
    /// The ready queue, first to run first.
    pub ready: Vec<Handle>,
    /// Timers and I/O in flight, earliest first.
    pub pending: Vec<Pending>,
    /// Each task's state.
    pub tasks: Vec<TaskState>,
    /// Each finished task's result, as Python's repr.
    pub results: Vec<Option<String>>,
    /// Lines printed so far.
    pub output: Vec<String>,
    /// The thread is blocked (time.sleep or cpu) until then.
    pub blocked_until: Option<u64>,
    /// What each waiting task waits for, and its frames.
    pub waits: Vec<Option<Wait>>,
    /// Queues, locks, semaphores and events, in order of creation, with what they hold.
    pub objects: Vec<(Box<str>, Box<str>)>,
    /// What each worker thread is doing (none when it has finished).
    pub threads: Vec<Option<Work>>,
}

/// A worker thread's sleep or computation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Work {
    /// Its function: `blocking_io(1)`.
    pub label: Arc<str>,
    /// When it is over, in milliseconds.
    pub until: u64,
    /// Computing rather than sleeping.
    pub cpu: bool,
}

/// What a suspended task waits for, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wait {
    /// `sleep(1)`, `Task-2`, `Queue 1: get`.
    pub on: Arc<str>,
    /// Its frames, outermost first.
    pub frames: Box<[FrameView]>,
}

impl Snapshot {
    /// The state after the first `step` events of `run`.
    pub fn at(run: &Run, step: usize) -> Snapshot {
        let mut s = Snapshot::default();
        s.advance(run, step);
        s
    }

    /// Moves this state (of `run`) on to `step`: only the events in between are applied when
    /// it moves forward, so playing costs one event per step; moving back replays from the start.
    pub fn advance(&mut self, run: &Run, step: usize) {
        let step = step.min(run.events.len());
        if step < self.step || self.of != run.events.len() {
            *self = Snapshot { of: run.events.len(), ..Snapshot::default() };
        }
        for e in &run.events[self.step..step] {
            self.apply(e);
        }
        self.step = step;
    }

    fn set(&mut self, task: usize, state: TaskState) {
        if self.tasks.len() <= task {
            self.tasks.resize(task + 1, TaskState::New);
            self.results.resize(task + 1, None);
            self.waits.resize(task + 1, None);
        }
        if state != TaskState::Waiting {
            self.waits[task] = None;
        }
        self.tasks[task] = state;
    }

    fn apply(&mut self, e: &Event) {
        self.t = e.t;
        if !matches!(e.what, What::Blocks { .. }) {
            self.blocked_until = None;
        }
        match &e.what {
            What::Runs => {
                if let Some(t) = e.task() {
                    self.running = Some((t, e.line));
                    self.set(t, TaskState::Running);
                }
            }
            What::Prints(text) => self.output.push(text.clone()),
            What::Creates(t) => self.set(*t, TaskState::New),
            What::Scheduled(h) => {
                self.ready.push(*h);
                if let Handle::Wakeup(t) | Handle::Step(t) = h {
                    if self.tasks.get(*t) != Some(&TaskState::New) {
                        self.set(*t, TaskState::Ready);
                    }
                }
            }
            What::Dispatched(h) => {
                if !self.ready.is_empty() {
                    self.ready.remove(0);
                }
                if let Handle::Wakeup(t) | Handle::Step(t) = h {
                    self.set(*t, TaskState::Running);
                    self.running = Some((*t, e.line));
                } else {
                    self.running = None;
                }
            }
            What::TimerSet { fut, until, io, label } => {
                let p = Pending {
                    fut: *fut,
                    task: e.task(),
                    until: *until,
                    io: *io,
                    label: label.clone(),
                };
                let at = self.pending.partition_point(|q| q.until <= *until);
                self.pending.insert(at, p);
            }
            What::TimerDue(fut) => self.pending.retain(|p| p.fut != *fut),
            What::Suspends { on, frames } => {
                if let Some(t) = e.task() {
                    if self.tasks.get(t) == Some(&TaskState::Running) {
                        self.set(t, TaskState::Waiting);
                    }
                    self.waits[t] = Some(Wait { on: on.clone(), frames: frames.clone() });
                }
                self.running = None;
            }
            What::Works { thread, label, until, cpu } => {
                if self.threads.len() <= *thread {
                    self.threads.resize(*thread + 1, None);
                }
                self.threads[*thread] =
                    Some(Work { label: label.clone(), until: *until, cpu: *cpu });
            }
            What::ThreadEnds(thread) => {
                if let Some(t) = self.threads.get_mut(*thread) {
                    *t = None;
                }
            }
            What::Shows { name, state } => match self.objects.iter_mut().find(|(n, _)| n == name) {
                Some((_, s)) => *s = state.clone(),
                None => self.objects.push((name.clone(), state.clone())),
            },
            What::Blocks { until, .. } => self.blocked_until = Some(*until),
            What::Finishes(result) => {
                if let Some(t) = e.task() {
                    self.set(t, TaskState::Done);
                    self.results[t] = Some(result.clone());
                }
                self.running = None;
            }
            What::Cancels(t) => self.set(*t, TaskState::Cancelled),
            What::Warns(_) => {}
        }
    }
}

#[cfg(test)]
mod tests;
