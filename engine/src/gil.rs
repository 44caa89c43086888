//! The GIL: why threads do not speed up CPU-bound Python code but do overlap I/O, and why
//! processes do speed CPU-bound work up when there are cores for them.
//!
//! The same jobs run three ways: one after another in one thread; in threads of one process,
//! which take turns holding the process's one GIL; and in processes, each with its own
//! interpreter and its own GIL, sharing the machine's cores. Time moves in whole milliseconds.
//!
//! The GIL is handed over the way CPython 3 does it: a thread that wants the GIL waits for
//! the switch interval (`sys.getswitchinterval()`, 5 ms by default); if the holder has not let
//! go by then, the waiter asks it to, and the holder drops the GIL at its next check and lets
//! the waiter take it. A thread also lets go of the GIL whenever it waits for I/O. Processes
//! are scheduled by the OS: each gets a core, and when there are more processes than cores,
//! a time slice of [`OS_SLICE`] ms each.

use crate::guess::{Compared, Guess};
use crate::params::{value_at, Knobs, ParamSpec};
use crate::trace::{self, Label, Trace, Work};
use std::collections::VecDeque;

/// How the jobs are run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// One thread runs the jobs one after another.
    Sequential,
    /// One thread per job, in one process with one GIL.
    Threads,
    /// One process per job, each with its own GIL, on the machine's cores.
    Processes,
    /// One thread per job in one process of free-threaded CPython (3.13t, 3.14t): no GIL, so
    /// the threads run on the cores at once, each computing a little slower.
    FreeThreaded,
}

impl Way {
    /// The four ways, in the order they are compared.
    pub const ALL: [Way; 4] = [Way::Sequential, Way::Threads, Way::Processes, Way::FreeThreaded];

    /// Whether the jobs share the cores by the OS's time slices, with no GIL between them.
    fn on_cores(self) -> bool {
        matches!(self, Way::Processes | Way::FreeThreaded)
    }
}

/// The learner's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GilParams {
    /// 1 for I/O-bound jobs (a request and its answer), 0 for CPU-bound ones (Fibonacci).
    pub io: u32,
    /// How many jobs.
    pub jobs: u32,
    /// Milliseconds of Python computing in one CPU-bound job.
    pub work: u32,
    /// Milliseconds an I/O-bound job waits for the network.
    pub wait: u32,
    /// The switch interval, in milliseconds.
    pub interval: u32,
    /// The machine's cores.
    pub cores: u32,
    /// Milliseconds of computing to start one process (a new interpreter).
    pub spawn: u32,
    /// Milliseconds the GIL takes to pass from one thread to another (real hand-offs take
    /// microseconds; a millisecond makes them visible).
    pub handoff: u32,
    /// How much slower, in percent, Python computes in the free-threaded build.
    pub ftcost: u32,
}

/// The parameters' names, ranges and defaults, in the order of the struct's fields.
pub const PARAMS: [ParamSpec; 9] = [
    ParamSpec { key: "io", min: 0, max: 1, default: 0 },
    ParamSpec { key: "jobs", min: 1, max: 1_000, default: 2 },
    ParamSpec { key: "work", min: 1, max: 500, default: 40 },
    ParamSpec { key: "wait", min: 1, max: 1000, default: 60 },
    ParamSpec { key: "interval", min: 1, max: 50, default: 5 },
    ParamSpec { key: "cores", min: 1, max: 8, default: 2 },
    ParamSpec { key: "spawn", min: 0, max: 100, default: 10 },
    ParamSpec { key: "handoff", min: 0, max: 5, default: 1 },
    ParamSpec { key: "ftcost", min: 0, max: 50, default: 8 },
];

/// Ready-made settings: CPU-bound jobs on two cores; the same on one core; I/O-bound jobs;
/// many CPU-bound jobs on four cores.
pub const PRESETS: [(&str, GilParams); 4] = [
    ("cpu", CPU_TWO_CORES),
    ("one-core", GilParams { cores: 1, ..CPU_TWO_CORES }),
    ("io", GilParams { io: 1, ..CPU_TWO_CORES }),
    ("many", GilParams { jobs: 8, work: 20, cores: 4, ..CPU_TWO_CORES }),
];

/// The first ready-made set, which the others change.
const CPU_TWO_CORES: GilParams = GilParams {
    io: 0,
    jobs: 2,
    work: 40,
    wait: 60,
    interval: 5,
    cores: 2,
    spawn: 10,
    handoff: 1,
    ftcost: 8,
};

/// Milliseconds of computing an I/O-bound job does before its request (building it) and
/// after (reading the answer).
pub const IO_CPU: u32 = 2;

/// The OS's time slice when more processes than cores want to run, in milliseconds.
pub const OS_SLICE: u32 = 10;

impl Default for GilParams {
    fn default() -> Self {
        Self::defaults()
    }
}

impl Knobs for GilParams {
    const SPECS: &'static [ParamSpec] = &PARAMS;

    fn from_values(values: &[u32]) -> Self {
        let at = |i| value_at(&PARAMS, values, i);
        Self {
            io: at(0),
            jobs: at(1),
            work: at(2),
            wait: at(3),
            interval: at(4),
            cores: at(5),
            spawn: at(6),
            handoff: at(7),
            ftcost: at(8),
        }
    }

    fn values(&self) -> Vec<u32> {
        vec![
            self.io,
            self.jobs,
            self.work,
            self.wait,
            self.interval,
            self.cores,
            self.spawn,
            self.handoff,
            self.ftcost,
        ]
    }
}

impl GilParams {
    /// Whether the jobs are I/O-bound.
    pub fn is_io(&self) -> bool {
        self.io == 1
    }

    /// One job's steps, computing `percent` % as long as in the GIL build.
    fn job(&self, percent: u32) -> Vec<Step> {
        let cpu = |ms: u32| Step::Cpu((ms * percent).div_ceil(100));
        if self.is_io() {
            vec![cpu(IO_CPU), Step::Wait(self.wait), cpu(IO_CPU)]
        } else {
            vec![cpu(self.work)]
        }
    }

    /// Milliseconds of computing in one job (without starting a process).
    pub fn cpu_per_job(&self) -> u32 {
        if self.is_io() {
            2 * IO_CPU
        } else {
            self.work
        }
    }
}

/// What a job is doing over a stretch of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doing {
    /// Running Python code: it holds its process's GIL and a core.
    Running,
    /// Waiting for I/O; it has let go of the GIL and needs no core.
    Waiting,
    /// Ready to run, waiting for the GIL (threads) or for a core (processes).
    Ready,
    /// Its process is starting: a new interpreter loads (computing on a core).
    Starting,
    /// Its thread is taking the GIL from another thread (the hand-off's cost).
    TakingGil,
}

/// A stretch of time in one job's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The job (0-based).
    pub job: usize,
    /// What it was doing.
    pub doing: Doing,
    /// First millisecond.
    pub start: u32,
    /// End, exclusive.
    pub end: u32,
}

/// A stretch of time one job's thread held the GIL (one thread runs the jobs in turn when
/// they run one after another).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hold {
    /// The job whose code ran.
    pub job: usize,
    /// First millisecond.
    pub start: u32,
    /// End, exclusive.
    pub end: u32,
}

/// One way's run, start to end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// How the jobs ran.
    pub way: Way,
    /// Every job's stretches, in time order per job.
    pub spans: Vec<Span>,
    /// Who held the GIL when (threads and one thread; each process has a GIL of its own).
    pub gil: Vec<Hold>,
    /// When each job finished.
    pub finished: Vec<u32>,
    /// Threads: times the GIL went from one thread to another. Processes and free-threaded
    /// threads: times a core went from one to another. One thread: none.
    pub switches: u32,
}

impl Run {
    /// Runs the jobs of `params` the way `way` to the end.
    pub fn of(way: Way, params: GilParams) -> Run {
        Machine::new(way, params).run()
    }

    /// When the last job finished.
    pub fn total(&self) -> u32 {
        self.finished.iter().copied().max().unwrap_or(0)
    }

    /// What job `job` was doing at millisecond `t`, if anything.
    pub fn doing_at(&self, job: usize, t: u32) -> Option<Doing> {
        self.spans.iter().find(|s| s.job == job && s.start <= t && t < s.end).map(|s| s.doing)
    }

    /// Which job's thread held the GIL at millisecond `t`.
    pub fn holder_at(&self, t: u32) -> Option<usize> {
        self.gil.iter().find(|h| h.start <= t && t < h.end).map(|h| h.job)
    }
}

/// The four ways' totals for the same settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Milliseconds for each way, in the order of [`Way::ALL`].
    pub ms: [u32; 4],
}

impl Totals {
    /// Runs every way.
    pub fn of(params: GilParams) -> Self {
        Self::of_runs(&Way::ALL.map(|w| Run::of(w, params)))
    }

    /// The totals of every way's run, each run to its end, in the order of [`Way::ALL`].
    pub fn of_runs(runs: &[Run; 4]) -> Self {
        Totals { ms: runs.each_ref().map(Run::total) }
    }

    /// The longest of the four.
    pub fn longest(&self) -> u32 {
        self.ms.into_iter().max().unwrap_or(0)
    }

    /// How many times faster than one after another `way` is, in tenths (19 means 1.9×).
    pub fn speedup_tenths(&self, way: Way) -> u32 {
        let i = Way::ALL.iter().position(|w| *w == way).unwrap_or(0);
        let tenths = u64::from(self.ms[0]) * 10 / u64::from(self.ms[i].max(1));
        u32::try_from(tenths).unwrap_or(u32::MAX)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Start(u32),
    Cpu(u32),
    Wait(u32),
}

impl Step {
    fn len(self) -> u32 {
        match self {
            Step::Start(ms) | Step::Cpu(ms) | Step::Wait(ms) => ms,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Not started: one thread runs the jobs in turn, and an earlier one is not done.
    Queued,
    Ready,
    Running,
    Waiting {
        until: u32,
    },
    Done,
}

struct Job {
    steps: Vec<Step>,
    step: usize,
    left: u32,
    /// Milliseconds still to take the GIL from another thread before its code runs.
    taking: u32,
    state: State,
    /// Since when it has been waiting for the GIL or a core.
    ready_since: u32,
    /// Since when it has held the GIL or a core.
    running_since: u32,
    /// The GIL or the core it runs on, or last ran on.
    slot: Option<usize>,
}

/// The simulated machine: jobs, the queue for the GIL or the cores, and the clock.
struct Machine {
    way: Way,
    interval: u32,
    handoff: u32,
    /// How many jobs may run at once: one GIL, or the cores.
    slots: usize,
    jobs: Vec<Job>,
    queue: VecDeque<usize>,
    now: u32,
    /// When the GIL's latest holder started running its code, after taking it (threads).
    last_grant: u32,
    /// Who ran last on each slot, to count switches.
    last_on_slot: Vec<Option<usize>>,
    /// Each job's latest span in `out.spans`, which a tick of the same doing extends.
    last_span: Vec<Option<usize>>,
    out: Run,
}

impl Machine {
    fn new(way: Way, params: GilParams) -> Self {
        let n = params.jobs as usize;
        let percent = if way == Way::FreeThreaded { 100 + params.ftcost } else { 100 };
        let jobs = (0..n)
            .map(|i| {
                let mut steps = params.job(percent);
                if way == Way::Processes && params.spawn > 0 {
                    steps.insert(0, Step::Start(params.spawn));
                }
                let queued = way == Way::Sequential && i > 0;
                Job {
                    left: steps[0].len(),
                    taking: 0,
                    steps,
                    step: 0,
                    state: if queued { State::Queued } else { State::Ready },
                    ready_since: 0,
                    running_since: 0,
                    slot: None,
                }
            })
            .collect::<Vec<_>>();
        let slots = if way.on_cores() { params.cores as usize } else { 1 };
        let queue = jobs.iter().enumerate().filter(|(_, j)| j.state == State::Ready);
        let queue = queue.map(|(i, _)| i).collect();
        Machine {
            way,
            interval: params.interval.max(1),
            handoff: if way == Way::Threads { params.handoff } else { 0 },
            slots,
            jobs,
            queue,
            now: 0,
            last_grant: 0,
            last_on_slot: vec![None; slots],
            last_span: vec![None; n],
            out: Run { way, spans: Vec::new(), gil: Vec::new(), finished: vec![0; n], switches: 0 },
        }
    }

    fn run(mut self) -> Run {
        while self.jobs.iter().any(|j| j.state != State::Done) {
            self.wake();
            self.preempt();
            self.grant();
            let quiet = self.quiet_for();
            self.pass(quiet);
        }
        self.out
    }

    /// How many milliseconds pass before anything changes: a step ends, a wait ends, or a
    /// waiter asks for the GIL or a core. Until then every job goes on doing what it does, so
    /// the machine moves on by all of them at once.
    fn quiet_for(&self) -> u32 {
        let mut quiet = u32::MAX;
        for (i, job) in self.jobs.iter().enumerate() {
            match job.state {
                State::Running => {
                    quiet = quiet.min(if job.taking > 0 { job.taking } else { job.left });
                    if self.way.on_cores() && !self.queue.is_empty() {
                        let slice_ends = job.running_since + OS_SLICE;
                        quiet = quiet.min(slice_ends.saturating_sub(self.now));
                    }
                }
                State::Waiting { until } => quiet = quiet.min(until - self.now),
                State::Ready if self.way == Way::Threads && self.queue.front() == Some(&i) => {
                    let asked = job.ready_since.max(self.last_grant) + self.interval;
                    quiet = quiet.min(asked.saturating_sub(self.now));
                }
                _ => {}
            }
        }
        quiet.max(1)
    }

    /// Jobs whose wait ends now move on to their next step.
    fn wake(&mut self) {
        for i in 0..self.jobs.len() {
            if self.jobs[i].state == (State::Waiting { until: self.now }) {
                self.next_step(i);
            }
        }
    }

    /// Takes the GIL or a core away from a job that has had it long enough while others wait.
    fn preempt(&mut self) {
        let Some(&first) = self.queue.front() else { return };
        match self.way {
            Way::Sequential => {}
            Way::Threads => {
                // The first waiter asks for the GIL after a switch interval without a switch.
                let asked = self.jobs[first].ready_since.max(self.last_grant) + self.interval;
                if self.now >= asked {
                    let holder = self.running().next();
                    if let Some(holder) = holder {
                        self.make_ready(holder);
                    }
                }
            }
            Way::Processes | Way::FreeThreaded => {
                let expired: Vec<usize> = self
                    .running()
                    .filter(|&i| self.now >= self.jobs[i].running_since + OS_SLICE)
                    .collect();
                // As many as are waiting give way, longest-running first.
                for i in expired.into_iter().take(self.queue.len()) {
                    self.make_ready(i);
                }
            }
        }
    }

    /// Hands free GIL or cores to the jobs waiting longest.
    fn grant(&mut self) {
        while self.running().count() < self.slots {
            let Some(i) = self.queue.pop_front() else { break };
            // The slot (the GIL, or a core) it last ran on if that is free, or the first free.
            let taken: Vec<usize> = self.running().filter_map(|r| self.jobs[r].slot).collect();
            let free = |s: &usize| !taken.contains(s);
            let slot = self.jobs[i].slot.filter(free);
            let slot = slot.or_else(|| (0..self.slots).find(free)).unwrap_or(0);
            if self.last_on_slot[slot].is_some_and(|last| last != i) && self.way != Way::Sequential
            {
                self.out.switches += 1;
                self.jobs[i].taking = self.handoff;
            }
            self.last_on_slot[slot] = Some(i);
            self.jobs[i].slot = Some(slot);
            self.jobs[i].state = State::Running;
            self.jobs[i].running_since = self.now;
            // The switch interval counts from when the new holder's code runs.
            self.last_grant = self.now + self.jobs[i].taking;
        }
    }

    fn running(&self) -> impl Iterator<Item = usize> + '_ {
        self.jobs.iter().enumerate().filter(|(_, j)| j.state == State::Running).map(|(i, _)| i)
    }

    fn make_ready(&mut self, i: usize) {
        self.jobs[i].state = State::Ready;
        self.jobs[i].ready_since = self.now;
        self.queue.push_back(i);
    }

    /// `ms` milliseconds pass, in which no job changes what it does.
    fn pass(&mut self, ms: u32) {
        let now = self.now;
        for i in 0..self.jobs.len() {
            let job = &self.jobs[i];
            let doing = match (job.state, job.steps.get(job.step)) {
                (State::Running, _) if job.taking > 0 => Doing::TakingGil,
                (State::Running, Some(Step::Start(_))) => Doing::Starting,
                (State::Running, _) => Doing::Running,
                (State::Ready, _) => Doing::Ready,
                (State::Waiting { .. }, _) => Doing::Waiting,
                (State::Queued | State::Done, _) => continue,
            };
            self.record(i, doing, ms);
            if doing == Doing::Running && !self.way.on_cores() {
                record_hold(&mut self.out.gil, i, now, ms);
            }
        }
        self.now += ms;
        for i in 0..self.jobs.len() {
            let job = &mut self.jobs[i];
            if job.state == State::Running {
                if job.taking > 0 {
                    job.taking -= ms;
                } else {
                    job.left -= ms;
                    if job.left == 0 {
                        self.next_step(i);
                    }
                }
            }
        }
    }

    fn record(&mut self, job: usize, doing: Doing, ms: u32) {
        let now = self.now;
        let last = self.last_span[job].and_then(|i| self.out.spans.get_mut(i));
        match last {
            Some(s) if s.doing == doing && s.end == now => s.end = now + ms,
            _ => {
                self.last_span[job] = Some(self.out.spans.len());
                self.out.spans.push(Span { job, doing, start: now, end: now + ms });
            }
        }
    }

    /// Job `i` has finished its step: it starts the next, or is done.
    fn next_step(&mut self, i: usize) {
        let job = &mut self.jobs[i];
        job.step += 1;
        match job.steps.get(job.step).copied() {
            None => {
                job.state = State::Done;
                self.out.finished[i] = self.now;
                if self.way == Way::Sequential {
                    if let Some(next) = self.jobs.get(i + 1) {
                        debug_assert_eq!(next.state, State::Queued);
                        self.make_ready(i + 1);
                    }
                }
            }
            Some(Step::Wait(ms)) => {
                job.left = ms;
                job.state = State::Waiting { until: self.now + ms };
            }
            Some(step) => {
                job.left = step.len();
                if job.state != State::Running {
                    self.make_ready(i);
                }
            }
        }
    }
}

fn record_hold(gil: &mut Vec<Hold>, job: usize, now: u32, ms: u32) {
    match gil.last_mut() {
        Some(h) if h.job == job && h.end == now => h.end = now + ms,
        _ => gil.push(Hold { job, start: now, end: now + ms }),
    }
}

/// A lane of a way's timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// The thread or process doing job `n` (0-based), or the one thread doing it in turn.
    Job(usize),
    /// The process's one GIL (threads and one thread; processes have one each and the
    /// free-threaded build none, not drawn).
    Gil,
}

impl Doing {
    /// The kind of work the timeline draws for it.
    pub fn work(self) -> Work {
        match self {
            Doing::Running => Work::Runs,
            Doing::Waiting => Work::WaitsIo,
            Doing::Ready => Work::Ready,
            Doing::Starting => Work::Starts,
            Doing::TakingGil => Work::Switches,
        }
    }
}

impl Trace for Run {
    type Who = Who;

    fn end(&self) -> u32 {
        self.total()
    }

    fn lanes(&self) -> Vec<trace::Lane<Who>> {
        let jobs = (0..self.finished.len()).map(|n| trace::Lane::own(Who::Job(n)));
        let gil = (!self.way.on_cores()).then_some(trace::Lane::shared(Who::Gil));
        jobs.chain(gil).collect()
    }

    /// The jobs' spans (their records index [`Run::spans`]), then the GIL's holds (theirs
    /// index [`Run::gil`]).
    fn spans(&self) -> Vec<trace::Span> {
        let jobs = self.finished.len();
        let work = self.spans.iter().enumerate().map(|(record, s)| trace::Span {
            lane: s.job,
            start: s.start,
            end: s.end,
            work: s.doing.work(),
            label: None,
            record,
        });
        let holds = self.gil.iter().enumerate().map(|(record, h)| trace::Span {
            lane: jobs,
            start: h.start,
            end: h.end,
            work: Work::Holds,
            label: Some(Label::Nth(h.job)),
            record,
        });
        let holds = holds.filter(|_| !self.way.on_cores());
        work.chain(holds).collect()
    }
}

/// The question before the jobs run: how long will the threads take, against one thread
/// doing the jobs in turn?
pub fn threads_guess(totals: &Totals) -> Guess<Compared> {
    let [one, threads, _, _] = totals.ms.map(u64::from);
    Guess::of_all(&Compared::ALL, Compared::of(threads, one))
}

/// The goal: CPU-bound jobs five times faster than one thread (by processes, on enough cores).
pub const GOAL_FIVE_TIMES: &str = "five-times";

/// The goals a run of `params` reaches.
pub fn goals_reached(params: GilParams, totals: &Totals) -> Vec<&'static str> {
    let five = !params.is_io() && totals.speedup_tenths(Way::Processes) >= 50;
    [(five, GOAL_FIVE_TIMES)].into_iter().filter_map(|(met, goal)| met.then_some(goal)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Each job's row as one character per millisecond: `#` running, `~` waiting for I/O,
    /// `.` ready, `s` starting, space for nothing.
    fn gantt(run: &Run) -> Vec<String> {
        let total = run.total();
        (0..run.finished.len())
            .map(|job| {
                let row: String = (0..total)
                    .map(|t| match run.doing_at(job, t) {
                        Some(Doing::Running) => '#',
                        Some(Doing::Waiting) => '~',
                        Some(Doing::Ready) => '.',
                        Some(Doing::Starting) => 's',
                        Some(Doing::TakingGil) => 'g',
                        None => ' ',
                    })
                    .collect();
                row.trim_end().to_owned()
            })
            .collect()
    }

    /// CPU-bound jobs with a GIL that changes hands at no cost.
    fn cpu(jobs: u32, work: u32, cores: u32, spawn: u32) -> GilParams {
        GilParams { io: 0, jobs, work, cores, spawn, handoff: 0, ..GilParams::default() }
    }

    #[test]
    fn two_threads_hand_the_gil_over_every_switch_interval() {
        let run = Run::of(Way::Threads, cpu(2, 12, 2, 0));
        assert_eq!(
            gantt(&run),
            [
                "#####.....#####.....##", //
                ".....#####.....#####..##",
            ]
        );
        assert_eq!(run.total(), 24);
        assert_eq!(run.switches, 5);
        let holders: Vec<_> = run.gil.iter().map(|h| (h.job, h.start, h.end)).collect();
        assert_eq!(
            holders,
            [(0, 0, 5), (1, 5, 10), (0, 10, 15), (1, 15, 20), (0, 20, 22), (1, 22, 24)]
        );
    }

    #[test]
    fn threads_are_no_faster_than_one_after_another_for_cpu_bound_jobs() {
        let p = cpu(2, 12, 2, 0);
        let seq = Run::of(Way::Sequential, p);
        assert_eq!(
            gantt(&seq),
            [
                "############", //
                "            ############",
            ]
        );
        assert_eq!((seq.total(), seq.switches), (24, 0));
        assert_eq!(Run::of(Way::Threads, p).total(), seq.total());
    }

    #[test]
    fn processes_on_enough_cores_run_at_once_after_starting() {
        let run = Run::of(Way::Processes, cpu(2, 12, 2, 3));
        assert_eq!(
            gantt(&run),
            [
                "sss############", //
                "sss############",
            ]
        );
        assert!(run.gil.is_empty(), "each process has its own GIL");
        assert_eq!(Totals::of(cpu(2, 12, 2, 3)).ms, [24, 24, 15, 13]);
    }

    #[test]
    fn each_hand_off_of_the_gil_costs_the_thread_that_takes_it() {
        let run = Run::of(Way::Threads, GilParams { handoff: 1, ..cpu(2, 12, 2, 0) });
        assert_eq!(
            gantt(&run),
            [
                "#####......g#####......g##", //
                ".....g#####......g#####...g##",
            ]
        );
        assert_eq!((run.total(), run.switches), (29, 5), "24 ms of work and 5 hand-offs");
    }

    #[test]
    fn free_threads_run_on_the_cores_at_once_a_little_slower() {
        let p = GilParams { ftcost: 25, ..cpu(2, 12, 2, 0) };
        let run = Run::of(Way::FreeThreaded, p);
        assert_eq!(
            gantt(&run),
            [
                "###############", //
                "###############",
            ]
        );
        assert!(run.gil.is_empty(), "no GIL");
        let one_core = Run::of(Way::FreeThreaded, GilParams { cores: 1, ..p });
        assert_eq!((one_core.total(), one_core.switches), (30, 3));
    }

    #[test]
    fn processes_on_one_core_take_turns_by_time_slice() {
        let run = Run::of(Way::Processes, cpu(2, 12, 1, 3));
        assert_eq!(
            gantt(&run),
            [
                "sss#######..........#####", //
                "..........sss#######.....#####",
            ]
        );
        assert_eq!((run.total(), run.switches), (30, 3));
    }

    #[test]
    fn threads_overlap_their_waits_for_io() {
        let p = GilParams { io: 1, jobs: 2, wait: 6, handoff: 0, ..GilParams::default() };
        let threads = Run::of(Way::Threads, p);
        assert_eq!(
            gantt(&threads),
            [
                "##~~~~~~##", //
                "..##~~~~~~##",
            ]
        );
        let seq = Run::of(Way::Sequential, p);
        assert_eq!(
            gantt(&seq),
            [
                "##~~~~~~##", //
                "          ##~~~~~~##",
            ]
        );
        assert_eq!(Totals::of(p).ms, [20, 12, 20, 12]);
        assert_eq!(Totals::of(p).speedup_tenths(Way::Threads), 16);
    }

    #[test]
    fn a_thread_back_from_io_waits_a_switch_interval_for_the_gil() {
        // Job 1 computes for 30 ms; job 2 waits 3 ms for I/O, then needs the GIL back.
        let p =
            GilParams { io: 1, jobs: 2, wait: 3, interval: 5, handoff: 0, ..GilParams::default() };
        let mut m = Machine::new(Way::Threads, p);
        m.jobs[0].steps = vec![Step::Cpu(30)];
        m.jobs[0].left = 30;
        let run = m.run();
        assert_eq!(
            gantt(&run),
            [
                "#####..########..#################", //
                ".....##~~~.....##",
            ]
        );
    }

    #[test]
    fn the_presets_totals_and_hand_offs() {
        let figures: Vec<_> = PRESETS
            .iter()
            .map(|(name, p)| {
                let switches = Way::ALL.map(|w| Run::of(w, *p).switches);
                (*name, Totals::of(*p).ms, switches)
            })
            .collect();
        // The Playwright run checks the page shows these for the "io" set.
        assert_eq!(
            figures,
            [
                ("cpu", [80, 95, 50, 44], [0, 15, 0, 0]),
                ("one-core", [80, 95, 100, 88], [0, 15, 9, 9]),
                ("io", [128, 68, 74, 66], [0, 3, 0, 0]),
                ("many", [160, 191, 60, 44], [0, 31, 20, 20]),
            ]
        );
    }

    #[test]
    fn presets_are_in_range() {
        for (name, preset) in PRESETS {
            assert_eq!(GilParams::from_values(&preset.values()), preset, "{name}");
        }
    }

    #[test]
    fn settings_read_from_a_url_are_clamped_and_reported() {
        let (p, issues) = GilParams::read([("cores", "64"), ("io", "yes"), ("t", "3")], &["t"]);
        assert_eq!((p.cores, p.io), (8, 0));
        assert_eq!(issues.len(), 2);
    }

    fn any_params() -> impl Strategy<Value = GilParams> {
        let knobs = (0..=1u32, 1..=8u32, 1..=80u32, 1..=80u32, 1..=20u32, 1..=8u32, 0..=20u32);
        (knobs, 0..=3u32, 0..=50u32).prop_map(
            |((io, jobs, work, wait, interval, cores, spawn), handoff, ftcost)| GilParams {
                io,
                jobs,
                work,
                wait,
                interval,
                cores,
                spawn,
                handoff,
                ftcost,
            },
        )
    }

    proptest! {
        #[test]
        fn never_more_runners_than_the_gil_or_the_cores_allow(p in any_params()) {
            for way in Way::ALL {
                let run = Run::of(way, p);
                let limit = if way.on_cores() { p.cores as usize } else { 1 };
                for t in 0..run.total() {
                    let busy = (0..p.jobs as usize)
                        .filter(|&j| matches!(run.doing_at(j, t), Some(Doing::Running | Doing::Starting | Doing::TakingGil)))
                        .count();
                    prop_assert!(busy <= limit, "{way:?} at {t}: {busy} running");
                }
            }
        }

        #[test]
        fn each_jobs_time_moves_forward_and_every_job_finishes(p in any_params()) {
            for way in Way::ALL {
                let run = Run::of(way, p);
                for job in 0..p.jobs as usize {
                    let spans: Vec<_> = run.spans.iter().filter(|s| s.job == job).collect();
                    for pair in spans.windows(2) {
                        prop_assert!(pair[0].end <= pair[1].start);
                    }
                    let computed: u32 = spans
                        .iter()
                        .filter(|s| s.doing == Doing::Running)
                        .map(|s| s.end - s.start)
                        .sum();
                    let percent = if way == Way::FreeThreaded { 100 + p.ftcost } else { 100 };
                    let scaled: u32 = p.job(percent).iter().map(|s| match s {
                        Step::Cpu(ms) => *ms,
                        _ => 0,
                    }).sum();
                    prop_assert_eq!(computed, scaled);
                    prop_assert_eq!(spans.last().map(|s| s.end), Some(run.finished[job]));
                }
            }
        }

        #[test]
        fn threads_never_beat_one_thread_on_cpu_bound_work(p in any_params()) {
            let p = GilParams { io: 0, ..p };
            let threads = Run::of(Way::Threads, p);
            prop_assert_eq!(Run::of(Way::Sequential, p).total(), p.jobs * p.work);
            // The GIL is never idle: every millisecond someone computes or takes it over.
            prop_assert_eq!(threads.total(), p.jobs * p.work + threads.switches * p.handoff);
        }

        #[test]
        fn processes_take_at_least_the_work_spread_over_the_cores(p in any_params()) {
            let run = Run::of(Way::Processes, p);
            let work = p.jobs * (p.cpu_per_job() + p.spawn);
            prop_assert!(run.total() >= work.div_ceil(p.cores.min(p.jobs)));
        }

        #[test]
        fn the_trace_draws_every_span_and_the_gil_only_for_threads(p in any_params()) {
            for way in Way::ALL {
                let run = Run::of(way, p);
                let (lanes, spans) = (Trace::lanes(&run), Trace::spans(&run));
                let shared: Vec<_> = lanes.iter().filter(|l| l.shared).map(|l| l.who).collect();
                let gil_lane = if way.on_cores() { vec![] } else { vec![Who::Gil] };
                prop_assert_eq!(shared, gil_lane);
                let holds = if way.on_cores() { 0 } else { run.gil.len() };
                prop_assert_eq!(spans.len(), run.spans.len() + holds);
                for span in spans {
                    match lanes[span.lane].who {
                        Who::Job(n) => prop_assert_eq!(run.spans[span.record].job, n),
                        Who::Gil => prop_assert_eq!(span.label, Some(Label::Nth(run.gil[span.record].job))),
                    }
                    prop_assert!(span.end <= Trace::end(&run));
                }
            }
        }
    }

    #[test]
    fn cpu_bound_threads_take_longer_than_one_thread_and_io_bound_ones_less() {
        let answer = |name: &str| {
            let params = PRESETS.iter().find(|(n, _)| *n == name).map(|(_, p)| *p).unwrap();
            threads_guess(&Totals::of(params)).right()
        };
        assert_eq!(answer("cpu"), Compared::Slower, "95 ms against 80: the hand-offs cost");
        assert_eq!(answer("many"), Compared::Slower);
        assert_eq!(answer("io"), Compared::Faster);
        assert_eq!(threads_guess(&Totals::of(PRESETS[0].1)).options, Compared::ALL.to_vec());
    }

    #[test]
    fn five_times_faster_takes_processes_on_more_cores_than_the_presets_have() {
        for (name, params) in PRESETS {
            assert_eq!(goals_reached(params, &Totals::of(params)), Vec::<&str>::new(), "{name}");
        }
        let wide = GilParams { cores: 8, ..PRESETS[3].1 };
        assert_eq!(goals_reached(wide, &Totals::of(wide)), vec![GOAL_FIVE_TIMES]);
        let io = GilParams { io: 1, jobs: 100, cores: 8, ..PRESETS[3].1 };
        assert_eq!(goals_reached(io, &Totals::of(io)), Vec::<&str>::new(), "CPU-bound only");
    }
}
