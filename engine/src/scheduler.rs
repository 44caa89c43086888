//! How tasks share one CPU: preemptive scheduling (the OS takes the CPU away when a time slice
//! ends) against cooperative scheduling (a task runs until it gives control back at an
//! `await`). The same tasks run under both, so the timelines can be compared side by side.
//!
//! A task is a sequence of CPU bursts and waits (for I/O or a timer), in milliseconds. The
//! simulation is event-driven: it jumps from one decision to the next, so a thousand tasks of
//! a hundred bursts each are simulated in milliseconds, and it records every stretch of time
//! as a [`Span`] for the timeline. Any moment can be shown again by cutting the spans there.

use crate::guess::Guess;
use crate::params::{read_params, value_at, Knobs, ParamIssue, ParamSpec};
use crate::trace::{self, Label, Trace, Work};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use thiserror::Error;

/// One step of a task's work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Burst {
    /// Computing on the CPU for this many milliseconds.
    Cpu(u32),
    /// Waiting for I/O or a timer for this many milliseconds; needs no CPU.
    Wait(u32),
}

/// A task to schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// Its work, in order.
    pub bursts: Vec<Burst>,
    /// Never gives control back of its own accord: no `await` between its computations, and
    /// its waits block (like `time.sleep` in asyncio code). Only matters cooperatively.
    pub greedy: bool,
}

/// How the CPU is shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// The OS switches tasks when a time slice ends or when a task starts waiting; each
    /// switch to another task costs `switch_cost` milliseconds of CPU.
    Preemptive {
        /// Milliseconds a task may run before the OS takes the CPU away.
        slice: u32,
        /// Milliseconds of CPU each switch to another task costs.
        switch_cost: u32,
    },
    /// A task runs until it gives control back: when it starts waiting (`await` on I/O), or
    /// after every `granularity` milliseconds of computing (an `await` the programmer put
    /// there). Switching is a jump inside one thread: far cheaper than the OS's, but not free,
    /// so it costs `switch_cost` milliseconds when the learner asks for it.
    Cooperative {
        /// Milliseconds of computing between two of a task's `await`s.
        granularity: u32,
        /// Milliseconds of CPU each switch to another task costs.
        switch_cost: u32,
    },
}

/// What a task is doing over a stretch of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    /// On the CPU.
    Running,
    /// Waiting for I/O, off the CPU.
    Waiting,
    /// Waiting for I/O while still holding the CPU (a blocking call in cooperative code).
    Blocking,
    /// Ready to run, waiting for the CPU.
    Ready,
}

/// One row of the timeline: a task, or the CPU itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// Task number `n` (0-based).
    Task(usize),
    /// The CPU switching between tasks (time lost to switching).
    Switching,
}

/// A stretch of time on one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Whose row.
    pub row: Row,
    /// What was happening.
    pub doing: Doing,
    /// First millisecond.
    pub start: u64,
    /// End, exclusive.
    pub end: u64,
}

/// What makes a task list unusable.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ScheduleError {
    /// There is nothing to run.
    #[error("there are no tasks")]
    NoTasks,
    /// More tasks than the simulation accepts.
    #[error("{0} tasks is more than {MAX_TASKS}")]
    TooManyTasks(usize),
    /// A task has no CPU work at all, or a zero-length step.
    #[error("task {0} needs at least one step, and every step at least 1 ms")]
    EmptyTask(usize),
    /// A slice or granularity of zero would never let a task run.
    #[error("a time slice or granularity must be at least 1 ms")]
    ZeroQuantum,
}

/// The largest number of tasks accepted: a link can ask for a crowd, and a thousand tasks
/// still play smoothly.
pub const MAX_TASKS: usize = 1_000;

/// The longest step a learner may write, in milliseconds.
pub const MAX_STEP_MS: u32 = 1_000;
/// The most steps a learner may write for one task.
pub const MAX_STEPS: usize = 20;

/// Why a task's program, as written by the learner, cannot be read.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ProgramError {
    /// Nothing was written.
    #[error("the task is empty")]
    Empty,
    /// A word is not a whole number of milliseconds.
    #[error("«{0}» is not a whole number of milliseconds")]
    NotANumber(String),
    /// A step outside 1..=MAX_STEP_MS.
    #[error("{0} ms is outside 1–{MAX_STEP_MS} ms")]
    OutOfRange(u64),
    /// More than MAX_STEPS steps.
    #[error("{0} steps is more than {MAX_STEPS}")]
    TooLong(usize),
}

/// Reads a task written as milliseconds that alternate computing and waiting, starting with
/// computing: `20 30 20` computes 20 ms, waits 30 ms, computes 20 ms.
pub fn parse_program(text: &str) -> Result<Vec<Burst>, ProgramError> {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Err(ProgramError::Empty);
    }
    if words.len() > MAX_STEPS {
        return Err(ProgramError::TooLong(words.len()));
    }
    words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let ms: u64 = word.parse().map_err(|_| {
                let shown: String = word.chars().take(12).collect();
                ProgramError::NotANumber(shown)
            })?;
            let ms = u32::try_from(ms)
                .ok()
                .filter(|ms| (1..=MAX_STEP_MS).contains(ms))
                .ok_or(ProgramError::OutOfRange(ms))?;
            Ok(if i % 2 == 0 { Burst::Cpu(ms) } else { Burst::Wait(ms) })
        })
        .collect()
}

/// Writes a task the way [`parse_program`] reads it (a task starting with a wait cannot be
/// written this way; it starts with computing in every program a learner writes).
pub fn format_program(bursts: &[Burst]) -> String {
    let words: Vec<String> = bursts.iter().map(|&b| burst_len(b).to_string()).collect();
    words.join(" ")
}

/// A scheduling run, start to end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// Every stretch of time, in the order it was decided.
    pub spans: Vec<Span>,
    /// When each task finished.
    pub finished: Vec<u64>,
    /// When each task first got the CPU.
    pub first_run: Vec<u64>,
    /// How many times the CPU went from one task to another.
    pub switches: u64,
    /// Milliseconds of CPU spent switching.
    pub switch_time: u64,
    /// How many decisions the simulation made (for the benchmark).
    pub events: u64,
}

impl Schedule {
    /// Runs `tasks` under `policy` to the end.
    pub fn run(tasks: &[Task], policy: Policy) -> Result<Schedule, ScheduleError> {
        validate(tasks, policy)?;
        Ok(Simulation::new(tasks, policy).run())
    }

    /// When the last task finished.
    pub fn total(&self) -> u64 {
        self.finished.iter().copied().max().unwrap_or(0)
    }

    /// Milliseconds each task spent ready but not running.
    pub fn ready_time(&self) -> Vec<u64> {
        let mut ready = vec![0; self.finished.len()];
        for span in &self.spans {
            if let (Row::Task(t), Doing::Ready) = (span.row, span.doing) {
                ready[t] += span.end - span.start;
            }
        }
        ready
    }

    /// What task `task` does during millisecond `t`: `None` before it exists or once it is done.
    pub fn doing(&self, task: usize, t: u64) -> Option<Doing> {
        self.spans
            .iter()
            .find(|s| s.row == Row::Task(task) && s.start <= t && t < s.end)
            .map(|s| s.doing)
    }

    /// Who holds the CPU during millisecond `t`: a task running or blocking on it, the
    /// switch between two tasks, or nobody.
    pub fn on_cpu(&self, t: u64) -> Option<Row> {
        let holds = |s: &&Span| match s.row {
            Row::Switching => true,
            Row::Task(_) => matches!(s.doing, Doing::Running | Doing::Blocking),
        };
        self.spans.iter().filter(holds).find(|s| s.start <= t && t < s.end).map(|s| s.row)
    }

    /// The longest any task waited before it first got the CPU.
    pub fn worst_response(&self) -> u64 {
        self.first_run.iter().copied().max().unwrap_or(0)
    }
}

fn validate(tasks: &[Task], policy: Policy) -> Result<(), ScheduleError> {
    if tasks.is_empty() {
        return Err(ScheduleError::NoTasks);
    }
    if tasks.len() > MAX_TASKS {
        return Err(ScheduleError::TooManyTasks(tasks.len()));
    }
    for (i, task) in tasks.iter().enumerate() {
        let empty_step = task.bursts.iter().any(|b| matches!(b, Burst::Cpu(0) | Burst::Wait(0)));
        if task.bursts.is_empty() || empty_step {
            return Err(ScheduleError::EmptyTask(i));
        }
    }
    match policy {
        Policy::Preemptive { slice: 0, .. } | Policy::Cooperative { granularity: 0, .. } => {
            Err(ScheduleError::ZeroQuantum)
        }
        _ => Ok(()),
    }
}

struct Simulation<'a> {
    tasks: &'a [Task],
    policy: Policy,
    now: u64,
    /// For each task: the step it is on and what is left of it.
    step: Vec<(usize, u32)>,
    ready: VecDeque<usize>,
    /// Tasks waiting off the CPU, by the time they are ready again.
    waking: BinaryHeap<Reverse<(u64, usize)>>,
    /// Since when each task has been ready (to record its Ready span).
    ready_since: Vec<Option<u64>>,
    last_ran: Option<usize>,
    /// Tasks not finished yet.
    remaining: usize,
    out: Schedule,
}

impl<'a> Simulation<'a> {
    fn new(tasks: &'a [Task], policy: Policy) -> Self {
        let n = tasks.len();
        let step = tasks.iter().map(|t| (0, burst_len(t.bursts[0]))).collect();
        let mut sim = Self {
            tasks,
            policy,
            now: 0,
            step,
            ready: VecDeque::new(),
            waking: BinaryHeap::new(),
            ready_since: vec![None; n],
            last_ran: None,
            remaining: n,
            out: Schedule {
                spans: Vec::new(),
                finished: vec![0; n],
                first_run: vec![u64::MAX; n],
                switches: 0,
                switch_time: 0,
                events: 0,
            },
        };
        for (t, task) in tasks.iter().enumerate() {
            // A task that starts with a wait starts waiting at once.
            match task.bursts[0] {
                Burst::Wait(ms) if !sim.holds_cpu_while_waiting(t) => sim.wait(t, ms),
                _ => sim.make_ready(t),
            }
        }
        sim
    }

    fn holds_cpu_while_waiting(&self, task: usize) -> bool {
        self.tasks[task].greedy && matches!(self.policy, Policy::Cooperative { .. })
    }

    /// How long a task may keep the CPU once it has it.
    fn quantum(&self, task: usize) -> u64 {
        match self.policy {
            Policy::Preemptive { slice, .. } => u64::from(slice),
            Policy::Cooperative { .. } if self.tasks[task].greedy => u64::MAX,
            Policy::Cooperative { granularity, .. } => u64::from(granularity),
        }
    }

    fn span(&mut self, row: Row, doing: Doing, start: u64, end: u64) {
        if end > start {
            self.out.spans.push(Span { row, doing, start, end });
        }
    }

    fn make_ready(&mut self, task: usize) {
        self.ready_since[task] = Some(self.now);
        self.ready.push_back(task);
    }

    fn wait(&mut self, task: usize, ms: u32) {
        let until = self.now + u64::from(ms);
        self.span(Row::Task(task), Doing::Waiting, self.now, until);
        self.waking.push(Reverse((until, task)));
    }

    /// Moves every task whose wait is over (by `now`) to the ready queue, earliest first.
    fn wake(&mut self) {
        while let Some(&Reverse((at, task))) = self.waking.peek() {
            if at > self.now {
                break;
            }
            self.waking.pop();
            self.out.events += 1;
            if self.advance_step(task) {
                // Its wait is over at `at`; it has been ready since then.
                self.ready_since[task] = Some(at);
                self.ready.push_back(task);
            } else {
                // Its last step was the wait: it is done when the wait is.
                self.out.finished[task] = at;
                self.remaining -= 1;
            }
        }
    }

    /// Moves a task past a finished step; returns false when it has no steps left.
    fn advance_step(&mut self, task: usize) -> bool {
        let (index, _) = self.step[task];
        match self.tasks[task].bursts.get(index + 1) {
            Some(&burst) => {
                self.step[task] = (index + 1, burst_len(burst));
                true
            }
            None => {
                self.step[task] = (index + 1, 0);
                false
            }
        }
    }

    fn run(mut self) -> Schedule {
        while self.remaining > 0 {
            self.wake();
            let Some(task) = self.ready.pop_front() else {
                // Nobody can run: jump to the next wake-up.
                if let Some(&Reverse((at, _))) = self.waking.peek() {
                    self.now = self.now.max(at);
                }
                continue;
            };
            self.out.events += 1;
            if let Some(since) = self.ready_since[task].take() {
                self.span(Row::Task(task), Doing::Ready, since, self.now);
            }
            // Switching to another task costs CPU time.
            if self.last_ran.is_some_and(|last| last != task) {
                self.out.switches += 1;
                let (Policy::Preemptive { switch_cost, .. }
                | Policy::Cooperative { switch_cost, .. }) = self.policy;
                let cost = u64::from(switch_cost);
                self.span(Row::Switching, Doing::Running, self.now, self.now + cost);
                self.span(Row::Task(task), Doing::Ready, self.now, self.now + cost);
                self.now += cost;
                self.out.switch_time += cost;
            }
            self.last_ran = Some(task);
            self.out.first_run[task] = self.out.first_run[task].min(self.now);
            if self.hold(task) {
                self.out.finished[task] = self.now;
                self.remaining -= 1;
            }
        }
        for first in &mut self.out.first_run {
            if *first == u64::MAX {
                *first = 0;
            }
        }
        self.out
    }

    /// Gives `task` the CPU for as long as the policy lets it; returns true when it finished.
    fn hold(&mut self, task: usize) -> bool {
        let mut left = self.quantum(task);
        loop {
            let (index, rest) = self.step[task];
            let burst = self.tasks[task].bursts[index];
            match burst {
                Burst::Cpu(_) => {
                    let run = u64::from(rest).min(left);
                    self.span(Row::Task(task), Doing::Running, self.now, self.now + run);
                    self.now += run;
                    left -= run;
                    let rest = rest - run as u32;
                    self.step[task].1 = rest;
                    self.wake();
                    if rest == 0 {
                        if !self.advance_step(task) {
                            return true;
                        }
                        if let (Burst::Wait(ms), false) =
                            (self.tasks[task].bursts[index + 1], self.holds_cpu_while_waiting(task))
                        {
                            self.wait(task, ms);
                            return false;
                        }
                    }
                    if left == 0 {
                        // The slice is over, or the task reached an `await`: back of the queue.
                        self.make_ready(task);
                        return false;
                    }
                }
                Burst::Wait(ms) => {
                    // Only a task that holds the CPU while waiting gets here.
                    let until = self.now + u64::from(ms);
                    self.span(Row::Task(task), Doing::Blocking, self.now, until);
                    self.now = until;
                    self.wake();
                    if !self.advance_step(task) {
                        return true;
                    }
                }
            }
        }
    }
}

fn burst_len(burst: Burst) -> u32 {
    match burst {
        Burst::Cpu(ms) | Burst::Wait(ms) => ms,
    }
}

/// The lab's numeric settings as a link gives them.
pub const SETTINGS: [ParamSpec; 5] = [
    ParamSpec { key: "slice", min: 1, max: 100, default: 10 },
    ParamSpec { key: "switch", min: 0, max: 5, default: 1 },
    ParamSpec { key: "gran", min: 1, max: 100, default: 10 },
    ParamSpec { key: "greedy", min: 0, max: 1, default: 0 },
    ParamSpec { key: "coopswitch", min: 0, max: 1, default: 0 },
];

/// The query key of one task's program (one pair a task).
pub const TASK_KEY: &str = "task";

/// A ready-made set of tasks and settings: name, programs, slice, switch cost, granularity,
/// whether task 1 is greedy.
type Preset = (&'static str, &'static [&'static str], u32, u32, u32, bool);

/// The lab's ready-made sets.
pub const PRESETS: [Preset; 4] = [
    ("fair", &["20 30 20", "30 10 10", "10 40 30"], 10, 1, 10, false),
    ("greedy", &["60 20 20", "10 10 10", "10 10 10"], 10, 1, 10, true),
    ("short", &["5 10 5", "5 10 5", "5 10 5", "5 10 5", "5 10 5", "5 10 5"], 10, 1, 5, false),
    ("thrashing", &["40", "40", "40"], 1, 2, 10, false),
];

/// The lab's three numeric settings, as knobs for its sliders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quanta {
    /// The preemptive scheduler's time slice, ms.
    pub slice: u32,
    /// What a switch costs the preemptive scheduler, ms.
    pub switch_cost: u32,
    /// How often cooperative code awaits, ms.
    pub granularity: u32,
}

impl Knobs for Quanta {
    const SPECS: &'static [ParamSpec] = &[SETTINGS[0], SETTINGS[1], SETTINGS[2]];

    fn from_values(values: &[u32]) -> Self {
        let at = |i| value_at(Self::SPECS, values, i);
        Quanta { slice: at(0), switch_cost: at(1), granularity: at(2) }
    }

    fn values(&self) -> Vec<u32> {
        vec![self.slice, self.switch_cost, self.granularity]
    }
}

/// The lab's settings and its tasks as the learner wrote them: what a link keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lab {
    /// Each task's program, as written (read with [`parse_program`]).
    pub programs: Vec<String>,
    /// The preemptive scheduler's time slice, ms.
    pub slice: u32,
    /// What a switch costs the preemptive scheduler, ms.
    pub switch_cost: u32,
    /// How often cooperative code awaits, ms.
    pub granularity: u32,
    /// Whether task 1 never gives way and waits blocking.
    pub greedy: bool,
    /// Whether a cooperative switch costs the same as a preemptive one.
    pub coop_switch: bool,
}

impl Lab {
    /// The ready-made set `name`.
    pub fn preset(name: &str) -> Option<Lab> {
        PRESETS.iter().find(|p| p.0 == name).map(Lab::from_preset)
    }

    fn from_preset(preset: &Preset) -> Lab {
        let (_, programs, slice, switch_cost, granularity, greedy) = *preset;
        Lab {
            programs: programs.iter().map(|p| (*p).to_owned()).collect(),
            slice,
            switch_cost,
            granularity,
            greedy,
            coop_switch: false,
        }
    }

    /// The numeric settings.
    pub fn quanta(&self) -> Quanta {
        Quanta { slice: self.slice, switch_cost: self.switch_cost, granularity: self.granularity }
    }

    /// Sets the numeric settings.
    pub fn set_quanta(&mut self, q: Quanta) {
        (self.slice, self.switch_cost, self.granularity) = (q.slice, q.switch_cost, q.granularity);
    }

    /// Which ready-made set this is, if any.
    pub fn preset_name(&self) -> Option<&'static str> {
        PRESETS.iter().find(|p| *self == Lab::from_preset(p)).map(|p| p.0)
    }

    /// Reads a lab from a link's pairs, skipping the keys in `ignored`: its tasks (at most
    /// [`MAX_TASKS`]; none gives the first ready-made set's) and its settings, every problem
    /// reported.
    pub fn read<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
        ignored: &[&str],
    ) -> (Lab, Vec<ParamIssue>) {
        let mut skip = vec![TASK_KEY];
        skip.extend_from_slice(ignored);
        let (values, mut issues) = read_params(&SETTINGS, pairs.clone(), &skip);
        let mut programs: Vec<String> =
            pairs.into_iter().filter(|(k, _)| *k == TASK_KEY).map(|(_, v)| v.to_owned()).collect();
        if programs.len() > MAX_TASKS {
            issues.push(ParamIssue::OutOfRange {
                key: TASK_KEY,
                value: programs.len().to_string(),
                min: 1,
                max: MAX_TASKS as u32,
                used: MAX_TASKS as u32,
            });
            programs.truncate(MAX_TASKS);
        }
        let (greedy, coop_switch) = (values[3] == 1, values[4] == 1);
        let lab = if programs.is_empty() {
            Lab { greedy, coop_switch, ..Lab::from_preset(&PRESETS[0]) }
        } else {
            Lab {
                programs,
                slice: values[0],
                switch_cost: values[1],
                granularity: values[2],
                greedy,
                coop_switch,
            }
        };
        (lab, issues)
    }

    /// The link's pairs that give this lab back through [`Lab::read`].
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> =
            self.programs.iter().map(|p| (TASK_KEY, p.clone())).collect();
        pairs.push(("slice", self.slice.to_string()));
        pairs.push(("switch", self.switch_cost.to_string()));
        pairs.push(("gran", self.granularity.to_string()));
        pairs.push(("greedy", u32::from(self.greedy).to_string()));
        if self.coop_switch {
            pairs.push(("coopswitch", "1".to_owned()));
        }
        pairs
    }

    /// The tasks that read cleanly, and each program's problem, if any.
    pub fn tasks(&self) -> (Vec<Task>, Vec<Option<ProgramError>>) {
        let mut tasks = Vec::new();
        let mut problems = Vec::new();
        for (i, program) in self.programs.iter().enumerate() {
            match parse_program(program) {
                Ok(bursts) => {
                    tasks.push(Task { bursts, greedy: self.greedy && i == 0 });
                    problems.push(None);
                }
                Err(e) => problems.push(Some(e)),
            }
        }
        (tasks, problems)
    }

    /// Both schedules, preemptive then cooperative; `None` when no task reads cleanly.
    pub fn schedules(&self) -> Option<[Schedule; 2]> {
        let (tasks, _) = self.tasks();
        let preemptive = Policy::Preemptive { slice: self.slice, switch_cost: self.switch_cost };
        let switch_cost = if self.coop_switch { self.switch_cost } else { 0 };
        let cooperative = Policy::Cooperative { granularity: self.granularity, switch_cost };
        Some([Schedule::run(&tasks, preemptive).ok()?, Schedule::run(&tasks, cooperative).ok()?])
    }
}

/// A lane of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Task number `n` (0-based).
    Task(usize),
    /// The CPU: which task holds it, and the switches.
    Cpu,
}

impl Doing {
    /// The kind of work the timeline draws for it.
    pub fn work(self) -> Work {
        match self {
            Doing::Running => Work::Runs,
            Doing::Waiting => Work::WaitsIo,
            Doing::Blocking => Work::Blocks,
            Doing::Ready => Work::Ready,
        }
    }
}

impl Trace for Schedule {
    type Who = Who;

    fn end(&self) -> u32 {
        u32::try_from(self.total()).unwrap_or(u32::MAX)
    }

    fn lanes(&self) -> Vec<trace::Lane<Who>> {
        let tasks = (0..self.finished.len()).map(|n| trace::Lane::own(Who::Task(n)));
        tasks.chain([trace::Lane::shared(Who::Cpu)]).collect()
    }

    /// Each task's spans on its lane and, while it holds the CPU, on the CPU's with its
    /// number; the switches on the CPU's. A record indexes [`Schedule::spans`].
    fn spans(&self) -> Vec<trace::Span> {
        let cpu = self.finished.len();
        let tick = |ms: u64| u32::try_from(ms).unwrap_or(u32::MAX);
        let mut out = Vec::with_capacity(self.spans.len() * 2);
        for (record, s) in self.spans.iter().enumerate() {
            let span = |lane, work, label| trace::Span {
                lane,
                start: tick(s.start),
                end: tick(s.end),
                work,
                label,
                record,
            };
            match s.row {
                Row::Switching => out.push(span(cpu, Work::Switches, None)),
                Row::Task(t) => {
                    if matches!(s.doing, Doing::Running | Doing::Blocking) {
                        out.push(span(cpu, s.doing.work(), Some(Label::Nth(t))));
                    }
                    out.push(span(t, s.doing.work(), None));
                }
            }
        }
        out
    }
}

/// Which way of sharing the CPU does better on some measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// The OS's time slices.
    Preemptive,
    /// The tasks' own `await`s.
    Cooperative,
    /// Neither, within a tenth.
    Neither,
}

impl Better {
    /// The three, in the order offered.
    pub const ALL: [Better; 3] = [Better::Preemptive, Better::Cooperative, Better::Neither];

    /// Which of `preemptive` and `cooperative` is smaller by more than a tenth of the larger.
    fn of(preemptive: u64, cooperative: u64) -> Better {
        let larger = preemptive.max(cooperative);
        if preemptive.abs_diff(cooperative) * 10 <= larger {
            Better::Neither
        } else if preemptive < cooperative {
            Better::Preemptive
        } else {
            Better::Cooperative
        }
    }
}

/// What the question before a run compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// The longest any task waits before it first gets the CPU.
    LongestWait,
    /// When all the work is done.
    Total,
}

/// The question before the tasks run: which way keeps the longest wait for the CPU shorter,
/// or, where switching costs make the totals differ by more than a quarter, which way
/// finishes all the work sooner?
pub fn guess(schedules: &[Schedule; 2]) -> (Measure, Guess<Better>) {
    let [pre, coop] = schedules;
    let (a, b) = (pre.total(), coop.total());
    let (measure, better) = if a.abs_diff(b) * 4 > a.max(b) {
        (Measure::Total, Better::of(a, b))
    } else {
        (Measure::LongestWait, Better::of(pre.worst_response(), coop.worst_response()))
    };
    (measure, Guess::of_all(&Better::ALL, better))
}

/// The goal: in the greedy set, task 1 gives way (an `await` between its computations), and
/// no task waits longer for the CPU than under preemption.
pub const GOAL_GIVE_WAY: &str = "give-way";

/// The goals a finished lab reaches.
pub fn goals_reached(lab: &Lab, schedules: &[Schedule; 2]) -> Vec<&'static str> {
    let greedy = Lab::from_preset(&PRESETS[1]);
    let same_tasks = lab.programs == greedy.programs
        && (lab.slice, lab.switch_cost) == (greedy.slice, greedy.switch_cost);
    let [pre, coop] = schedules;
    let give_way = same_tasks && coop.worst_response() <= pre.worst_response();
    [(give_way, GOAL_GIVE_WAY)].into_iter().filter_map(|(met, goal)| met.then_some(goal)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Burst::{Cpu, Wait};

    fn task(bursts: &[Burst]) -> Task {
        Task { bursts: bursts.to_vec(), greedy: false }
    }

    /// One character a millisecond per task row: `#` running, `~` waiting off the CPU,
    /// `!` blocking while holding it, `.` ready, ` ` not yet/any more; then the switch row.
    fn gantt(s: &Schedule) -> Vec<String> {
        let end = s.total() as usize;
        let mut rows = vec![vec![' '; end]; s.finished.len() + 1];
        for span in &s.spans {
            let (row, mark) = match (span.row, span.doing) {
                (Row::Switching, _) => (s.finished.len(), 'x'),
                (Row::Task(t), Doing::Running) => (t, '#'),
                (Row::Task(t), Doing::Waiting) => (t, '~'),
                (Row::Task(t), Doing::Blocking) => (t, '!'),
                (Row::Task(t), Doing::Ready) => (t, '.'),
            };
            for cell in &mut rows[row][span.start as usize..span.end as usize] {
                *cell = mark;
            }
        }
        rows.into_iter().map(|r| r.into_iter().collect::<String>().trim_end().to_owned()).collect()
    }

    fn two_tasks() -> Vec<Task> {
        vec![task(&[Cpu(3), Wait(2), Cpu(1)]), task(&[Cpu(2)])]
    }

    #[test]
    fn who_holds_the_cpu_and_what_each_task_does() {
        let tasks = [task(&[Cpu(2), Wait(3), Cpu(1)]), task(&[Cpu(2)])];
        let s =
            Schedule::run(&tasks, Policy::Cooperative { granularity: 10, switch_cost: 0 }).unwrap();
        let cpu: Vec<_> = (0..6).map(|t| s.on_cpu(t)).collect();
        let t = |n| Some(Row::Task(n));
        assert_eq!(cpu, [t(0), t(0), t(1), t(1), None, t(0)]);
        assert_eq!(s.doing(0, 3), Some(Doing::Waiting));
        assert_eq!(s.doing(1, 0), Some(Doing::Ready));
        assert_eq!(s.doing(1, 4), None, "task 2 is done");
    }

    #[test]
    fn preemption_takes_turns_by_time_slice_and_pays_for_switches() {
        let s =
            Schedule::run(&two_tasks(), Policy::Preemptive { slice: 2, switch_cost: 1 }).unwrap();
        // Task 1's slice ends at 2; switching to task 2 costs 2–3; task 2 ends at 5; switching
        // back costs 5–6; after its wait task 1 resumes with nobody to switch from.
        assert_eq!(gantt(&s), ["##....#~~#", "...##", "  x  x"]);
        assert_eq!((s.total(), s.switches, s.switch_time), (10, 2, 2));
        assert_eq!(s.first_run, [0, 3]);
    }

    #[test]
    fn cooperation_switches_only_at_awaits() {
        let s =
            Schedule::run(&two_tasks(), Policy::Cooperative { granularity: 10, switch_cost: 0 })
                .unwrap();
        assert_eq!(gantt(&s), ["###~~#", "...##", ""]);
        assert_eq!((s.total(), s.switches, s.switch_time), (6, 2, 0));
    }

    #[test]
    fn a_greedy_task_starves_the_others_only_when_cooperating() {
        let mut tasks = two_tasks();
        tasks[0].greedy = true;
        let s =
            Schedule::run(&tasks, Policy::Cooperative { granularity: 1, switch_cost: 0 }).unwrap();
        assert_eq!(gantt(&s), ["###!!#", "......##", ""]);
        assert_eq!(s.first_run[1], 6);
        let p = Schedule::run(&tasks, Policy::Preemptive { slice: 2, switch_cost: 1 }).unwrap();
        assert_eq!(
            p,
            Schedule::run(&two_tasks(), Policy::Preemptive { slice: 2, switch_cost: 1 }).unwrap()
        );
    }

    #[test]
    fn fine_granularity_interleaves_computation() {
        let tasks = vec![task(&[Cpu(2)]), task(&[Cpu(2)])];
        let s =
            Schedule::run(&tasks, Policy::Cooperative { granularity: 1, switch_cost: 0 }).unwrap();
        assert_eq!(gantt(&s), ["#.#", ".#.#", ""]);
        assert_eq!(s.ready_time(), [1, 2]);
    }

    #[test]
    fn a_task_may_start_or_end_with_a_wait() {
        let tasks = vec![task(&[Wait(3), Cpu(1)]), task(&[Cpu(2), Wait(4)])];
        let s =
            Schedule::run(&tasks, Policy::Cooperative { granularity: 5, switch_cost: 0 }).unwrap();
        assert_eq!(gantt(&s), ["~~~#", "##~~~~", ""]);
        assert_eq!(s.finished, [4, 6]);
    }

    #[test]
    fn programs_alternate_computing_and_waiting() {
        assert_eq!(parse_program(" 20 30,20 "), Ok(vec![Cpu(20), Wait(30), Cpu(20)]));
        assert_eq!(format_program(&[Cpu(20), Wait(30), Cpu(20)]), "20 30 20");
        assert_eq!(parse_program(""), Err(ProgramError::Empty));
        assert_eq!(parse_program("20 abc"), Err(ProgramError::NotANumber("abc".into())));
        assert_eq!(parse_program("20 -5"), Err(ProgramError::NotANumber("-5".into())));
        assert_eq!(parse_program("0"), Err(ProgramError::OutOfRange(0)));
        assert_eq!(parse_program("99999999999"), Err(ProgramError::OutOfRange(99_999_999_999)));
        assert_eq!(parse_program(&"1 ".repeat(21)), Err(ProgramError::TooLong(21)));
    }

    #[test]
    fn unusable_task_lists_are_refused_with_a_reason() {
        let coop = Policy::Cooperative { granularity: 1, switch_cost: 0 };
        assert_eq!(Schedule::run(&[], coop), Err(ScheduleError::NoTasks));
        assert_eq!(Schedule::run(&[task(&[])], coop), Err(ScheduleError::EmptyTask(0)));
        assert_eq!(
            Schedule::run(&[task(&[Cpu(1)]), task(&[Wait(0)])], coop),
            Err(ScheduleError::EmptyTask(1))
        );
        assert_eq!(
            Schedule::run(&[task(&[Cpu(1)])], Policy::Preemptive { slice: 0, switch_cost: 0 }),
            Err(ScheduleError::ZeroQuantum)
        );
        let many = vec![task(&[Cpu(1)]); MAX_TASKS + 1];
        assert_eq!(Schedule::run(&many, coop), Err(ScheduleError::TooManyTasks(MAX_TASKS + 1)));
    }

    fn any_tasks() -> impl Strategy<Value = Vec<Task>> {
        let burst = prop_oneof![(1u32..30).prop_map(Cpu), (1u32..30).prop_map(Wait)];
        let task = (prop::collection::vec(burst, 1..8), prop::bool::weighted(0.2))
            .prop_map(|(bursts, greedy)| Task { bursts, greedy });
        prop::collection::vec(task, 1..8)
    }

    fn any_policy() -> impl Strategy<Value = Policy> {
        prop_oneof![
            (1u32..40, 0u32..6)
                .prop_map(|(slice, switch_cost)| Policy::Preemptive { slice, switch_cost }),
            (1u32..40, 0u32..6).prop_map(|(granularity, switch_cost)| Policy::Cooperative {
                granularity,
                switch_cost
            }),
        ]
    }

    proptest! {
        #[test]
        fn never_two_tasks_on_the_cpu_at_once(tasks in any_tasks(), policy in any_policy()) {
            let s = Schedule::run(&tasks, policy).unwrap();
            let mut busy: Vec<_> = s.spans.iter()
                .filter(|x| matches!(x.doing, Doing::Running | Doing::Blocking) || x.row == Row::Switching)
                .map(|x| (x.start, x.end))
                .collect();
            busy.sort_unstable();
            for pair in busy.windows(2) {
                prop_assert!(pair[0].1 <= pair[1].0, "{pair:?}");
            }
        }

        #[test]
        fn every_task_does_all_its_work_and_finishes(tasks in any_tasks(), policy in any_policy()) {
            let s = Schedule::run(&tasks, policy).unwrap();
            for (t, task) in tasks.iter().enumerate() {
                let mine = |d: Doing| -> u64 {
                    s.spans.iter().filter(|x| x.row == Row::Task(t) && x.doing == d).map(|x| x.end - x.start).sum()
                };
                let cpu: u64 = task.bursts.iter().map(|b| match b { Cpu(ms) => u64::from(*ms), Wait(_) => 0 }).sum();
                let wait: u64 = task.bursts.iter().map(|b| match b { Wait(ms) => u64::from(*ms), Cpu(_) => 0 }).sum();
                prop_assert_eq!(mine(Doing::Running), cpu);
                prop_assert_eq!(mine(Doing::Waiting) + mine(Doing::Blocking), wait);
                prop_assert!(s.finished[t] >= cpu + wait);
            }
        }

        #[test]
        fn time_only_moves_forward_along_each_row(tasks in any_tasks(), policy in any_policy()) {
            let s = Schedule::run(&tasks, policy).unwrap();
            for t in 0..tasks.len() {
                let mut spans: Vec<_> = s.spans.iter().filter(|x| x.row == Row::Task(t)).collect();
                spans.sort_by_key(|x| x.start);
                for pair in spans.windows(2) {
                    prop_assert!(pair[0].end <= pair[1].start, "task {t}: {pair:?}");
                }
                prop_assert!(spans.iter().all(|x| x.start < x.end));
            }
        }

        #[test]
        fn preemptive_total_is_at_least_the_cpu_work(tasks in any_tasks(), slice in 1u32..40, cost in 0u32..6) {
            let s = Schedule::run(&tasks, Policy::Preemptive { slice, switch_cost: cost }).unwrap();
            let cpu: u64 = tasks.iter().flat_map(|t| &t.bursts).map(|b| match b { Cpu(ms) => u64::from(*ms), Wait(_) => 0 }).sum();
            prop_assert!(s.total() >= cpu + s.switch_time);
            prop_assert_eq!(s.switch_time, s.switches * u64::from(cost));
        }

        #[test]
        fn the_same_input_gives_the_same_schedule(tasks in any_tasks(), policy in any_policy()) {
            prop_assert_eq!(Schedule::run(&tasks, policy), Schedule::run(&tasks, policy));
        }

        #[test]
        fn the_cpu_lane_shows_one_holder_at_a_time(tasks in any_tasks(), policy in any_policy()) {
            let s = Schedule::run(&tasks, policy).unwrap();
            let lanes = Trace::lanes(&s);
            prop_assert_eq!(lanes.last().map(|l| (l.who, l.shared)), Some((Who::Cpu, true)));
            let mut cpu: Vec<_> = Trace::spans(&s).into_iter().filter(|x| lanes[x.lane].who == Who::Cpu).collect();
            cpu.sort_by_key(|x| x.start);
            for pair in cpu.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{pair:?}");
            }
            for x in &cpu {
                let on = s.on_cpu(u64::from(x.start));
                let expected = match x.label { Some(Label::Nth(t)) => Some(Row::Task(t)), _ => Some(Row::Switching) };
                prop_assert_eq!(on, expected);
            }
        }
    }
}

#[cfg(test)]
mod lab_tests {
    use super::*;

    #[test]
    fn every_preset_reads_cleanly_and_runs_both_ways() {
        for preset in &PRESETS {
            let lab = Lab::preset(preset.0).unwrap();
            let (tasks, problems) = lab.tasks();
            assert!(problems.iter().all(Option::is_none), "{}", preset.0);
            assert_eq!(tasks.len(), preset.1.len());
            assert!(lab.schedules().is_some());
            assert_eq!(lab.preset_name(), Some(preset.0));
        }
    }

    #[test]
    fn the_greedy_preset_gives_the_figures_the_page_shows() {
        let [pre, coop] = Lab::preset("greedy").unwrap().schedules().unwrap();
        assert_eq!((pre.total(), coop.total()), (146, 140));
        assert_eq!((pre.switches, coop.switches), (6, 4));
        assert_eq!((pre.worst_response(), coop.worst_response()), (22, 110));
    }

    #[test]
    fn the_thrashing_preset_loses_more_to_switching_than_it_works() {
        let [pre, _] = Lab::preset("thrashing").unwrap().schedules().unwrap();
        assert!(pre.switch_time > 120, "{}", pre.switch_time);
    }

    #[test]
    fn a_lab_round_trips_through_its_link() {
        let lab = Lab {
            programs: vec!["1 2 3".into(), "4".into()],
            slice: 7,
            ..Lab::preset("greedy").unwrap()
        };
        let pairs = lab.pairs();
        assert_eq!(pairs[0], ("task", "1 2 3".to_owned()));
        let mut changed = lab.clone();
        changed.set_quanta(Quanta { slice: 3, ..lab.quanta() });
        assert_eq!((changed.slice, changed.quanta().granularity), (3, lab.granularity));
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(Lab::read(borrowed, &[]), (lab, vec![]));
    }

    #[test]
    fn a_crowd_past_the_limit_is_cut_and_reported() {
        let pairs = vec![("task", "1"); MAX_TASKS + 5];
        let (lab, issues) = Lab::read(pairs, &[]);
        assert_eq!(lab.programs.len(), MAX_TASKS);
        assert_eq!(issues.len(), 1);
        assert_eq!(lab.schedules().map(|[p, _]| p.finished.len()), Some(MAX_TASKS));
    }

    #[test]
    fn a_broken_program_is_reported_and_left_out() {
        let lab = Lab { programs: vec!["10 x".into(), "5".into()], ..Lab::preset("fair").unwrap() };
        let (tasks, problems) = lab.tasks();
        assert_eq!(tasks.len(), 1);
        assert_eq!(problems[0], Some(ProgramError::NotANumber("x".into())));
        assert_eq!(format_program(&tasks[0].bursts), "5");
    }

    #[test]
    fn no_task_at_all_gives_no_schedule() {
        let lab = Lab { programs: vec!["".into()], ..Lab::preset("fair").unwrap() };
        assert_eq!(lab.schedules(), None);
    }

    #[test]
    fn the_question_asks_what_each_preset_shows() {
        let asked = |name: &str| guess(&Lab::preset(name).unwrap().schedules().unwrap());
        let answer = |name: &str| {
            let (measure, g) = asked(name);
            (measure, g.right())
        };
        assert_eq!(answer("fair"), (Measure::LongestWait, Better::Neither), "22 and 20 ms");
        assert_eq!(answer("greedy"), (Measure::LongestWait, Better::Preemptive), "22 and 110");
        assert_eq!(answer("short"), (Measure::LongestWait, Better::Cooperative), "30 and 25");
        assert_eq!(answer("thrashing"), (Measure::Total, Better::Cooperative), "358 and 120");
        assert_eq!(asked("fair").1.options, Better::ALL.to_vec());
    }

    #[test]
    fn the_greedy_task_stops_starving_the_others_when_it_gives_way() {
        let reached = |lab: &Lab| goals_reached(lab, &lab.schedules().unwrap());
        let greedy = Lab::preset("greedy").unwrap();
        assert_eq!(reached(&greedy), Vec::<&str>::new());
        let polite = Lab { greedy: false, ..greedy.clone() };
        assert_eq!(reached(&polite), vec![GOAL_GIVE_WAY]);
        let rare = Lab { granularity: 60, ..polite.clone() };
        assert_eq!(reached(&rare), Vec::<&str>::new(), "an await every 60 ms is too rare");
        let slow_os = Lab { slice: 100, ..greedy };
        assert_eq!(reached(&slow_os), Vec::<&str>::new(), "not by making preemption worse");
        assert_eq!(reached(&Lab::preset("fair").unwrap()), Vec::<&str>::new(), "other tasks");
    }

    #[test]
    fn cooperative_switches_cost_what_the_learner_asks_for() {
        let free = Lab::preset("fair").unwrap();
        let charged = Lab { coop_switch: true, ..free.clone() };
        let [_, coop] = free.schedules().unwrap();
        let [_, paid] = charged.schedules().unwrap();
        assert_eq!(coop.switch_time, 0);
        assert_eq!((paid.switches, paid.switch_time), (10, 10), "the Playwright run shows 10 ms");
        assert!(paid.total() > coop.total());
        let pairs = charged.pairs();
        let back = Lab::read(pairs.iter().map(|(k, v)| (*k, v.as_str())), &[]);
        assert_eq!(back, (charged, vec![]));
    }
}
