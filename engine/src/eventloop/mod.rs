//! The event-loop visualiser's engine: a small asyncio language ([`parse`]), a run that
//! follows CPython's asyncio turn by turn ([`run`]), and the loop's state at any step of the
//! run ([`Snapshot`]), so the view can step forward and back by replaying.

pub mod link;
pub mod parse;
pub mod run;

pub use parse::{parse, ParseError, Program};
pub use run::{run, Event, Handle, Run, RunError, Value, What};

/// Ready-made programs from the chapter, by name.
pub const PRESETS: [(&str, &str); 5] = [
    ("blocking", BLOCKING),
    ("gather", GATHER),
    ("cpu", CPU),
    ("create-task", CREATE_TASK),
    ("hundred", HUNDRED),
];

const BLOCKING: &str = r#"import asyncio
import time


async def tick(name):
    for i in range(3):
        print(f"{name} {i}")
        await asyncio.sleep(0.5)


async def blocker():
    print("blocker: time.sleep(1) blocks the loop")
    time.sleep(1)
    print("blocker: done")


async def polite():
    print("polite: await asyncio.sleep(1) lets others run")
    await asyncio.sleep(1)
    print("polite: done")


async def main():
    await asyncio.gather(tick("tick"), blocker())
    await asyncio.gather(tick("tock"), polite())


asyncio.run(main())
"#;

const GATHER: &str = r#"import asyncio


async def download(url, seconds):
    print(f"start {url}")
    page = await fetch(url, seconds)
    print(f"done {url}")
    return page


async def main():
    await download("one.example", 1)
    await download("two.example", 2)
    print("one after another: 3 s")
    pages = await asyncio.gather(download("one.example", 1), download("two.example", 2))
    print(f"together: 2 s, {pages}")


asyncio.run(main())
"#;

const CPU: &str = r#"import asyncio


async def heartbeat():
    for i in range(4):
        print(f"heartbeat {i}")
        await asyncio.sleep(0.25)


async def crunch():
    print("crunch: computing for 1 s")
    cpu(1)
    print("crunch: done")


async def main():
    await asyncio.gather(heartbeat(), crunch())


asyncio.run(main())
"#;

const CREATE_TASK: &str = r#"import asyncio


async def job(name, seconds):
    print(f"{name} starts")
    await asyncio.sleep(seconds)
    print(f"{name} ends")


async def main():
    job("forgotten", 1)
    first = job("awaited at once", 1)
    await first
    task = asyncio.create_task(job("task", 1))
    print("main goes on while the task waits")
    await asyncio.sleep(0.5)
    print("main awaits the task")
    await task


asyncio.run(main())
"#;

const HUNDRED: &str = r#"import asyncio


async def request(i):
    page = await fetch("page", 1)
    return i


async def main():
    print("100 requests of 1 s each")
    results = await asyncio.gather(*[request(i) for i in range(100)])
    n = len(results)
    print(f"done: {n} answers in about 1 s")


asyncio.run(main())
"#;

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
    pub label: String,
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
                if let Some(t) = e.task {
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
                    task: e.task,
                    until: *until,
                    io: *io,
                    label: label.clone(),
                };
                let at = self.pending.partition_point(|q| q.until <= *until);
                self.pending.insert(at, p);
            }
            What::TimerDue(fut) => self.pending.retain(|p| p.fut != *fut),
            What::Suspends => {
                if let Some(t) = e.task {
                    if self.tasks.get(t) == Some(&TaskState::Running) {
                        self.set(t, TaskState::Waiting);
                    }
                }
                self.running = None;
            }
            What::Blocks { until, .. } => self.blocked_until = Some(*until),
            What::Finishes(result) => {
                if let Some(t) = e.task {
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
