//! A race condition, step by step: two workers each add 1 to a counter a few times, and
//! `counter += 1` is really three steps — read the counter into a local `tmp`, add 1 to `tmp`,
//! write `tmp` back. Threads share the process's memory, so one counter: interleave their
//! steps badly and an update is lost. A lock around the three steps makes them one. Processes
//! each have their own memory, so each changes its own copy and nothing is shared (or lost).
//!
//! Who takes the next step is a list of choices (`order`), made by the learner or by a
//! scheduler with a seed, so every run replays exactly.

use crate::guess::Guess;
use crate::params::{quote, value_at, Knobs, ParamIssue, ParamSpec};
use crate::trace::{self, Label, Trace, Work};
use thiserror::Error;

/// The learner's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RaceParams {
    /// How many times each worker adds 1.
    pub rounds: u32,
    /// 1 when each `counter += 1` is wrapped in `with lock:`.
    pub lock: u32,
    /// 1 for two processes, 0 for two threads of one process.
    pub processes: u32,
    /// The scheduler's seed, for its interleaving.
    pub seed: u32,
    /// 1 for threads under the GIL of CPython 3.10+, which passes it on only between whole
    /// statements (at a loop's jump back or a call), never inside `counter += 1`; 0 for threads
    /// that may be switched between any two steps (the free-threaded build, or Python before
    /// 3.10).
    pub gil: u32,
}

/// The parameters' names, ranges and defaults, in the order of the struct's fields.
pub const PARAMS: [ParamSpec; 5] = [
    ParamSpec { key: "rounds", min: 1, max: 1_000, default: 3 },
    ParamSpec { key: "lock", min: 0, max: 1, default: 0 },
    ParamSpec { key: "processes", min: 0, max: 1, default: 0 },
    ParamSpec { key: "seed", min: 1, max: 999, default: 1 },
    ParamSpec { key: "gil", min: 0, max: 1, default: 0 },
];

/// How many workers race.
pub const WORKERS: usize = 2;

/// The most steps a worker takes in a round (with the lock: acquire, read, add, write, release).
const MAX_OPS: usize = 5;

/// The longest order a run can have: every step of both workers, at the most rounds a link
/// may ask for (it follows the parameter's range, so a shared link replays the whole run).
pub const MAX_ORDER: usize = WORKERS * MAX_OPS * PARAMS[0].max as usize;

impl Default for RaceParams {
    fn default() -> Self {
        Self::defaults()
    }
}

impl Knobs for RaceParams {
    const SPECS: &'static [ParamSpec] = &PARAMS;

    fn from_values(values: &[u32]) -> Self {
        let at = |i| value_at(&PARAMS, values, i);
        Self { rounds: at(0), lock: at(1), processes: at(2), seed: at(3), gil: at(4) }
    }

    fn values(&self) -> Vec<u32> {
        vec![self.rounds, self.lock, self.processes, self.seed, self.gil]
    }
}

impl RaceParams {
    /// The steps of one `counter += 1`.
    pub fn ops(&self) -> &'static [Op] {
        if self.lock == 1 {
            &[Op::Acquire, Op::Read, Op::Add, Op::Write, Op::Release]
        } else {
            &[Op::Read, Op::Add, Op::Write]
        }
    }

    /// Whether the workers are processes.
    pub fn is_processes(&self) -> bool {
        self.processes == 1
    }
}

/// One step of `counter += 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `with lock:` — take the lock, or wait for it.
    Acquire,
    /// `tmp = counter`
    Read,
    /// `tmp = tmp + 1`
    Add,
    /// `counter = tmp`
    Write,
    /// The end of the `with` block: let go of the lock.
    Release,
}

/// Why a worker cannot take a step now.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum Refusal {
    /// It has done all its rounds.
    #[error("it has finished")]
    Finished,
    /// It needs the lock, and the other worker holds it.
    #[error("it waits for the lock")]
    WaitsForLock,
    /// The other thread is inside its `counter += 1`, and the GIL passes on only between
    /// statements.
    #[error("it waits for the GIL")]
    WaitsForGil,
}

/// One step taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// Who took it (0-based).
    pub worker: usize,
    /// What it was.
    pub op: Op,
    /// Its round (0-based).
    pub round: u32,
    /// The worker's `tmp` after the step.
    pub tmp: i64,
    /// The counter the worker sees, after the step.
    pub counter: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Worker {
    /// Steps done.
    done: usize,
    tmp: i64,
}

/// The race at some step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Race {
    params: RaceParams,
    workers: [Worker; WORKERS],
    /// One memory per process: threads share the first.
    counters: [i64; WORKERS],
    /// The lock in each memory, and who holds it.
    locks: [Option<usize>; WORKERS],
    history: Vec<Event>,
}

impl Race {
    /// Both workers at their first step, the counter at 0.
    pub fn new(params: RaceParams) -> Self {
        Race {
            params,
            workers: [Worker::default(); WORKERS],
            counters: [0; WORKERS],
            locks: [None; WORKERS],
            history: Vec::new(),
        }
    }

    /// Replays `order` (worker numbers, 0-based) from the start. Choices that cannot be taken
    /// (a finished worker, one waiting for the lock, a worker that does not exist) are skipped
    /// and their positions returned.
    pub fn replay(params: RaceParams, order: &[usize]) -> (Race, Vec<usize>) {
        let mut race = Race::new(params);
        let mut skipped = Vec::new();
        for (i, &w) in order.iter().enumerate() {
            if w >= WORKERS || race.step(w).is_err() {
                skipped.push(i);
            }
        }
        (race, skipped)
    }

    /// The race after the steps of `order`, made from `previous` when its steps so far are
    /// the first of `order` with the same settings (taking only the new steps: a long race is
    /// not replayed on every tick), otherwise replayed from the start.
    pub fn moved_to(previous: Option<Race>, params: RaceParams, order: &[usize]) -> Race {
        match previous {
            Some(mut race) if race.params == params && race.continues(order) => {
                for &worker in &order[race.history.len()..] {
                    if race.step(worker).is_err() {
                        break;
                    }
                }
                race
            }
            _ => Race::replay(params, order).0,
        }
    }

    /// Whether the steps taken are the first of `order`.
    fn continues(&self, order: &[usize]) -> bool {
        self.history.len() <= order.len()
            && self.history.iter().map(|e| e.worker).eq(order[..self.history.len()].iter().copied())
    }

    /// The settings.
    pub fn params(&self) -> RaceParams {
        self.params
    }

    /// Every step taken, in order.
    pub fn history(&self) -> &[Event] {
        &self.history
    }

    /// Which memory worker `w` uses: its own process's, or the one both threads share.
    fn memory(&self, w: usize) -> usize {
        if self.params.is_processes() {
            w
        } else {
            0
        }
    }

    /// The counter worker `w` sees.
    pub fn counter(&self, w: usize) -> i64 {
        self.counters[self.memory(w)]
    }

    /// Worker `w`'s `tmp`.
    pub fn tmp(&self, w: usize) -> i64 {
        self.workers[w].tmp
    }

    /// Who holds the lock worker `w` would take.
    pub fn lock_holder(&self, w: usize) -> Option<usize> {
        self.locks[self.memory(w)]
    }

    /// How many steps make one worker's whole run.
    fn steps_per_worker(&self) -> usize {
        self.params.ops().len() * self.params.rounds as usize
    }

    /// Worker `w`'s next step and its round, or `None` when it has finished.
    pub fn next_op(&self, w: usize) -> Option<(Op, u32)> {
        let done = self.workers[w].done;
        let ops = self.params.ops();
        (done < self.steps_per_worker()).then(|| (ops[done % ops.len()], (done / ops.len()) as u32))
    }

    /// Whether worker `w` can take its next step now.
    pub fn can_step(&self, w: usize) -> Result<Op, Refusal> {
        let (op, _) = self.next_op(w).ok_or(Refusal::Finished)?;
        if self.params.gil == 1 && !self.params.is_processes() {
            let ops = self.params.ops().len();
            let inside = |o: &Worker| !o.done.is_multiple_of(ops);
            if self.workers.iter().enumerate().any(|(other, o)| other != w && inside(o)) {
                return Err(Refusal::WaitsForGil);
            }
        }
        match self.lock_holder(w) {
            Some(holder) if op == Op::Acquire && holder != w => Err(Refusal::WaitsForLock),
            _ => Ok(op),
        }
    }

    /// Worker `w` takes its next step.
    pub fn step(&mut self, w: usize) -> Result<Event, Refusal> {
        let op = self.can_step(w)?;
        let (_, round) = self.next_op(w).ok_or(Refusal::Finished)?;
        let memory = self.memory(w);
        let worker = &mut self.workers[w];
        match op {
            Op::Acquire => self.locks[memory] = Some(w),
            Op::Read => worker.tmp = self.counters[memory],
            Op::Add => worker.tmp += 1,
            Op::Write => self.counters[memory] = worker.tmp,
            Op::Release => self.locks[memory] = None,
        }
        worker.done += 1;
        let event = Event { worker: w, op, round, tmp: worker.tmp, counter: self.counters[memory] };
        self.history.push(event);
        Ok(event)
    }

    /// Whether both workers have finished.
    pub fn is_done(&self) -> bool {
        (0..WORKERS).all(|w| self.next_op(w).is_none())
    }

    /// What worker `w`'s counter would be if no update were lost, once all is done: both
    /// workers' rounds for a shared counter, one worker's for its own.
    pub fn expected(&self) -> i64 {
        let rounds = i64::from(self.params.rounds);
        if self.params.is_processes() {
            rounds
        } else {
            rounds * WORKERS as i64
        }
    }

    /// Updates lost so far: additions written over by another worker's stale value.
    pub fn lost(&self) -> i64 {
        let writes = |w: usize| {
            self.history.iter().filter(|e| e.op == Op::Write && self.memory(e.worker) == w).count()
                as i64
        };
        (0..WORKERS).map(|m| writes(m) - self.counters[m]).sum()
    }
}

/// What is wrong with an order read from a URL.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum OrderIssue {
    /// A character other than a worker's number.
    #[error("«{0}» is not 1 or 2")]
    NotAWorker(char),
    /// More choices than a run can take.
    #[error("{0} steps is more than {MAX_ORDER}")]
    TooLong(usize),
}

/// Reads an order written as workers' numbers, `1` or `2`, one per step: `112212`. Spaces are
/// ignored; anything else ends the reading there and is reported.
pub fn parse_order(text: &str) -> (Vec<usize>, Option<OrderIssue>) {
    let mut order = Vec::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        match c.to_digit(10) {
            Some(n @ 1..=2) if order.len() < MAX_ORDER => order.push(n as usize - 1),
            Some(1..=2) => {
                let steps = text.chars().filter(|c| !c.is_whitespace()).count();
                return (order, Some(OrderIssue::TooLong(steps)));
            }
            _ => return (order, Some(OrderIssue::NotAWorker(c))),
        }
    }
    (order, None)
}

/// Writes an order the way [`parse_order`] reads it.
pub fn format_order(order: &[usize]) -> String {
    order.iter().map(|w| char::from(b'1' + (*w as u8 % 9))).collect()
}

/// The query key of the order of steps.
pub const ORDER_KEY: &str = "order";

/// The order a link asks for (`text`, the value of [`ORDER_KEY`]), or the scheduler's when it
/// gives none; what cannot be read, and the choices that cannot be taken (a finished worker,
/// one waiting for the lock), are left out and reported.
pub fn order_from_link(params: RaceParams, text: Option<&str>) -> (Vec<usize>, Vec<ParamIssue>) {
    let Some(text) = text else {
        return (scheduler_order(params), Vec::new());
    };
    let mut issues = Vec::new();
    let (order, problem) = parse_order(text);
    if problem.is_some() {
        let rest: String = text.chars().filter(|c| !c.is_whitespace()).skip(order.len()).collect();
        let kept = order.len() as u32;
        issues.push(ParamIssue::LeftOut { key: ORDER_KEY, value: quote(&rest), kept });
    }
    let (_, skipped) = Race::replay(params, &order);
    if !skipped.is_empty() {
        let steps: Vec<String> = skipped.iter().map(|i| (i + 1).to_string()).collect();
        let kept = (order.len() - skipped.len()) as u32;
        issues.push(ParamIssue::LeftOut { key: ORDER_KEY, value: quote(&steps.join(", ")), kept });
    }
    let order = order.into_iter().enumerate().filter(|(i, _)| !skipped.contains(i)).map(|(_, w)| w);
    (order.collect(), issues)
}

/// Ready-made races: name, lock, processes, GIL.
pub const PRESETS: [(&str, u32, u32, u32); 4] =
    [("threads", 0, 0, 0), ("gil", 0, 0, 1), ("lock", 1, 0, 0), ("processes", 0, 1, 0)];

/// A race as a link keeps it: the settings and the order of steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaceSetup {
    /// The settings.
    pub params: RaceParams,
    /// Who takes each step (0-based workers), every choice one that can be taken.
    pub order: Vec<usize>,
}

impl RaceSetup {
    /// Settings with the order a scheduler chooses for them.
    pub fn scheduled(params: RaceParams) -> Self {
        RaceSetup { params, order: scheduler_order(params) }
    }

    /// Reads a race from a link's pairs, skipping the keys in `ignored`: the settings, and the
    /// order of steps (the scheduler's when the link gives none); every problem reported.
    pub fn read<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
        ignored: &[&str],
    ) -> (Self, Vec<ParamIssue>) {
        let mut skip = vec![ORDER_KEY];
        skip.extend_from_slice(ignored);
        let (params, mut issues) = RaceParams::read(pairs.clone(), &skip);
        let text = pairs.into_iter().filter(|(k, _)| *k == ORDER_KEY).last().map(|(_, v)| v);
        let (order, problems) = order_from_link(params, text);
        issues.extend(problems);
        (RaceSetup { params, order }, issues)
    }

    /// The link's pairs that give this race back through [`RaceSetup::read`].
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.params.pairs();
        pairs.push((ORDER_KEY, format_order(&self.order)));
        pairs
    }

    /// New settings: the scheduler interleaves afresh, from the start.
    pub fn set_params(&mut self, params: RaceParams) {
        *self = RaceSetup::scheduled(params);
    }

    /// The ready-made race `name` (its lock and processes; the rounds and the run stay).
    pub fn apply_preset(&mut self, name: &str) {
        if let Some(&(_, lock, processes, gil)) = PRESETS.iter().find(|p| p.0 == name) {
            self.set_params(RaceParams { lock, processes, gil, ..self.params });
        }
    }

    /// Which ready-made race this is, if any.
    pub fn preset_name(&self) -> Option<&'static str> {
        let p = self.params;
        let same = |&&(_, lock, processes, gil): &&(&str, u32, u32, u32)| {
            (p.lock, p.processes, p.gil) == (lock, processes, gil)
        };
        PRESETS.iter().find(same).map(|p| p.0)
    }

    /// Takes a step by hand at `step`: the choices after it are dropped.
    pub fn choose(&mut self, step: usize, worker: usize) {
        self.order.truncate(step);
        self.order.push(worker);
    }
}

impl Op {
    /// The kind of work the timeline draws for it.
    pub fn work(self) -> Work {
        match self {
            Op::Read => Work::Reads,
            Op::Add => Work::Adds,
            Op::Write => Work::Writes,
            Op::Acquire | Op::Release => Work::Holds,
        }
    }
}

impl Trace for Race {
    /// A worker (0-based).
    type Who = usize;

    fn end(&self) -> u32 {
        self.history.len() as u32
    }

    fn lanes(&self) -> Vec<trace::Lane<usize>> {
        (0..WORKERS).map(trace::Lane::own).collect()
    }

    /// One span a step, step `i` from tick `i` to `i + 1`; its record indexes
    /// [`Race::history`].
    fn spans(&self) -> Vec<trace::Span> {
        let label = |e: &Event| match e.op {
            Op::Read => Some(Label::Value(e.tmp)),
            Op::Write => Some(Label::Becomes(e.counter)),
            Op::Add | Op::Acquire | Op::Release => None,
        };
        let span = |(i, e): (usize, &Event)| trace::Span {
            lane: e.worker,
            start: i as u32,
            end: i as u32 + 1,
            work: e.op.work(),
            label: label(e),
            record: i,
        };
        self.history.iter().enumerate().map(span).collect()
    }
}

/// The order a preemptive scheduler might choose: it lets a worker take one to three steps,
/// then switches to the other if that one can go; the lengths come from `seed`.
pub fn scheduler_order(params: RaceParams) -> Vec<usize> {
    let mut race = Race::new(params);
    let mut random = u64::from(params.seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        // xorshift64: small, fast and the same on every machine.
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        random
    };
    let mut order = Vec::new();
    let mut current = (next() % WORKERS as u64) as usize;
    while !race.is_done() {
        let slice = 1 + next() % 3;
        for _ in 0..slice {
            if race.step(current).is_err() {
                break;
            }
            order.push(current);
        }
        let other = (current + 1) % WORKERS;
        if race.can_step(other).is_ok() {
            current = other;
        }
    }
    order
}

/// The question before a race: how many updates will be lost? The options run from none to
/// the most two threads can lose (every round but one each); three or more is one option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostGuess {
    /// Updates lost, from 0.
    pub guess: Guess<u32>,
    /// Whether the last option means "that many or more".
    pub or_more: bool,
}

/// The most updates an option names exactly.
const MOST_NAMED: u32 = 3;

/// The question for a race of `params` whose run lost `lost` updates.
pub fn lost_guess(params: RaceParams, lost: i64) -> LostGuess {
    let most = if params.rounds == 1 { 1 } else { 2 * params.rounds - 2 };
    let last = most.min(MOST_NAMED);
    let answer = u32::try_from(lost).unwrap_or_default().min(last);
    LostGuess {
        guess: Guess::of_all(&(0..=last).collect::<Vec<_>>(), answer),
        or_more: most > last,
    }
}

/// The goal: two threads lose exactly two updates, in an order chosen by hand.
pub const GOAL_LOSE_TWO: &str = "lose-two";
/// The goal: after three rounds or more each, the shared counter ends at 2, the least it can.
pub const GOAL_COUNTER_TWO: &str = "counter-two";

/// The goals a race reaches: only a finished one between threads without a lock, in an order
/// chosen by hand (not the scheduler's).
pub fn goals_reached(setup: &RaceSetup, race: &Race) -> Vec<&'static str> {
    let p = setup.params;
    let by_hand = race.is_done()
        && p.lock == 0
        && p.gil == 0
        && !p.is_processes()
        && setup.order != scheduler_order(p);
    let goals = [
        (race.lost() == 2, GOAL_LOSE_TWO),
        (p.rounds >= 3 && race.counter(0) == 2, GOAL_COUNTER_TWO),
    ];
    goals.into_iter().filter_map(|(met, goal)| (by_hand && met).then_some(goal)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn threads(rounds: u32, lock: u32) -> RaceParams {
        RaceParams { rounds, lock, ..RaceParams::default() }
    }

    #[test]
    fn one_after_the_other_nothing_is_lost() {
        let (race, skipped) = Race::replay(threads(2, 0), &[0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
        assert!(skipped.is_empty() && race.is_done());
        assert_eq!((race.counter(0), race.expected(), race.lost()), (4, 4, 0));
    }

    #[test]
    fn both_read_before_either_writes_and_one_update_is_lost() {
        // Thread 1 reads 0, thread 2 reads 0, both add 1, both write 1.
        let (race, _) = Race::replay(threads(1, 0), &[0, 1, 0, 1, 0, 1]);
        let steps: Vec<_> =
            race.history().iter().map(|e| (e.worker, e.op, e.tmp, e.counter)).collect();
        assert_eq!(
            steps,
            [
                (0, Op::Read, 0, 0),
                (1, Op::Read, 0, 0),
                (0, Op::Add, 1, 0),
                (1, Op::Add, 1, 0),
                (0, Op::Write, 1, 1),
                (1, Op::Write, 1, 1),
            ]
        );
        assert_eq!((race.counter(0), race.expected(), race.lost()), (1, 2, 1));
    }

    #[test]
    fn a_bad_order_in_a_link_is_cut_and_reported() {
        // Thread 2 cannot take the lock thread 1 holds: its two choices are dropped, and the
        // "x" ends the reading.
        let (order, issues) = order_from_link(threads(1, 1), Some("1212x"));
        assert_eq!(order, [0, 0]);
        assert_eq!(
            issues,
            [
                ParamIssue::LeftOut { key: ORDER_KEY, value: "x".into(), kept: 4 },
                ParamIssue::LeftOut { key: ORDER_KEY, value: "2, 4".into(), kept: 2 },
            ]
        );
        let p = threads(3, 0);
        assert_eq!(order_from_link(p, None), (scheduler_order(p), vec![]));
    }

    #[test]
    fn a_race_round_trips_through_its_link_and_presets_keep_the_rounds() {
        let mut setup = RaceSetup::scheduled(threads(7, 0));
        setup.choose(3, 1);
        let pairs = setup.pairs();
        let (back, issues) = RaceSetup::read(pairs.iter().map(|(k, v)| (*k, v.as_str())), &[]);
        assert_eq!((back, issues), (setup.clone(), vec![]));
        setup.apply_preset("lock");
        assert_eq!((setup.params.rounds, setup.params.lock), (7, 1));
        assert_eq!(setup.order, scheduler_order(setup.params), "a fresh run");
        assert_eq!(setup.preset_name(), Some("lock"));
    }

    #[test]
    fn the_trace_has_a_bar_a_step_with_what_it_read_and_wrote() {
        let (race, _) = Race::replay(threads(1, 0), &[0, 1, 0, 1, 0, 1]);
        let spans = Trace::spans(&race);
        let drawn: Vec<_> = spans
            .iter()
            .map(|s| (s.lane, s.start, s.work, s.label.map(|l| l.to_string())))
            .collect();
        assert_eq!(drawn[0], (0, 0, Work::Reads, Some("0".into())));
        assert_eq!(drawn[2], (0, 2, Work::Adds, None));
        assert_eq!(drawn[5], (1, 5, Work::Writes, Some("=1".into())));
        assert_eq!(Trace::end(&race), 6);
    }

    #[test]
    fn the_lock_makes_the_other_thread_wait() {
        let mut race = Race::new(threads(1, 1));
        assert_eq!(race.step(0).map(|e| e.op), Ok(Op::Acquire));
        assert_eq!(race.can_step(1), Err(Refusal::WaitsForLock));
        let (race, skipped) = Race::replay(threads(1, 1), &[0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1]);
        assert_eq!(skipped, [1, 3]);
        assert_eq!((race.counter(0), race.lost(), race.is_done()), (2, 0, true));
    }

    #[test]
    fn processes_count_in_their_own_memory() {
        let p = RaceParams { rounds: 1, processes: 1, ..RaceParams::default() };
        let (race, _) = Race::replay(p, &[0, 1, 0, 1, 0, 1]);
        assert_eq!((race.counter(0), race.counter(1), race.expected(), race.lost()), (1, 1, 1, 0));
    }

    #[test]
    fn a_finished_worker_refuses_to_step() {
        let (mut race, _) = Race::replay(threads(1, 0), &[0, 0, 0]);
        assert_eq!(race.step(0), Err(Refusal::Finished));
        assert_eq!(race.next_op(1), Some((Op::Read, 0)));
    }

    #[test]
    fn orders_read_from_a_url() {
        assert_eq!(parse_order("12 21"), (vec![0, 1, 1, 0], None));
        assert_eq!(parse_order("1x2"), (vec![0], Some(OrderIssue::NotAWorker('x'))));
        assert_eq!(parse_order("3"), (vec![], Some(OrderIssue::NotAWorker('3'))));
        let long = "1".repeat(MAX_ORDER + 5);
        let (order, issue) = parse_order(&long);
        assert_eq!((order.len(), issue), (MAX_ORDER, Some(OrderIssue::TooLong(MAX_ORDER + 5))));
        assert_eq!(format_order(&[0, 1, 1]), "122");
    }

    #[test]
    fn the_default_scheduler_run_loses_an_update_and_the_lock_prevents_it() {
        let order = scheduler_order(RaceParams::default());
        assert_eq!(format_order(&order), "212111211211221222");
        let (race, skipped) = Race::replay(RaceParams::default(), &order);
        assert!(skipped.is_empty() && race.is_done());
        // Pinned: the Playwright run checks the page shows the same.
        assert_eq!((race.counter(0), race.expected(), race.lost()), (4, 6, 2));
        let locked = RaceParams { lock: 1, ..RaceParams::default() };
        let (race, _) = Race::replay(locked, &scheduler_order(locked));
        assert_eq!((race.counter(0), race.lost()), (6, 0));
    }

    #[test]
    fn the_longest_run_survives_the_trip_through_a_link() {
        for lock in [0, 1] {
            let p = RaceParams { rounds: PARAMS[0].max, lock, ..RaceParams::default() };
            let order = scheduler_order(p);
            assert_eq!(order.len(), WORKERS * p.ops().len() * p.rounds as usize);
            let (read, issue) = parse_order(&format_order(&order));
            assert_eq!((read, issue), (order, None));
        }
    }

    /// Parameters over their whole ranges, as a link may give them.
    fn any_params() -> impl Strategy<Value = RaceParams> {
        let range = |k: usize| PARAMS[k].min..=PARAMS[k].max;
        (range(0), range(1), range(2), range(3), range(4)).prop_map(
            |(rounds, lock, processes, seed, gil)| RaceParams {
                rounds,
                lock,
                processes,
                seed,
                gil,
            },
        )
    }

    proptest! {

        #[test]
        fn moving_on_along_an_order_is_replaying_it(p in any_params(), seed in 1u32..1000, a in 0usize..400, b in 0usize..400) {
            let order = scheduler_order(RaceParams { seed, ..p });
            let cut = |n: usize| &order[..n.min(order.len())];
            let before = Race::replay(p, cut(a)).0;
            prop_assert_eq!(Race::moved_to(Some(before), p, cut(b)), Race::replay(p, cut(b)).0);
        }
        #[test]
        fn the_scheduler_always_finishes_every_step(p in any_params()) {
            let order = scheduler_order(p);
            let (race, skipped) = Race::replay(p, &order);
            prop_assert!(skipped.is_empty());
            prop_assert!(race.is_done());
            prop_assert_eq!(order.len(), WORKERS * p.ops().len() * p.rounds as usize);
        }

        #[test]
        fn with_a_lock_under_the_gil_or_in_processes_no_update_is_lost(p in any_params(), order in proptest::collection::vec(0..2usize, 0..60)) {
            let (race, _) = Race::replay(p, &order);
            if p.lock == 1 || p.gil == 1 || p.is_processes() {
                prop_assert_eq!(race.lost(), 0);
            }
            prop_assert!(race.lost() >= 0);
            if race.is_done() {
                prop_assert_eq!(race.counter(0) + race.lost(), race.expected());
            }
        }
    }

    #[test]
    fn the_question_offers_none_to_three_or_more_lost() {
        let p = RaceParams::default();
        let g = lost_guess(p, 1);
        assert_eq!(
            (g.guess.options.clone(), g.guess.right(), g.or_more),
            (vec![0, 1, 2, 3], 1, true)
        );
        assert_eq!(lost_guess(p, 4).guess.right(), 3, "four lost is «three or more»");
        let one = lost_guess(RaceParams { rounds: 1, ..p }, 0);
        assert_eq!((one.guess.options, one.or_more), (vec![0, 1], false));
        let two = lost_guess(RaceParams { rounds: 2, ..p }, 2);
        assert_eq!((two.guess.options, two.or_more), (vec![0, 1, 2], false));
    }

    #[test]
    fn goals_are_reached_by_hand_between_threads_without_a_lock() {
        let p = RaceParams::default();
        let reached = |order: &[usize], p: RaceParams| {
            let setup = RaceSetup { params: p, order: order.to_vec() };
            goals_reached(&setup, &Race::replay(p, order).0)
        };
        // Both read 0 and write 1; both read 1 and write 2; then one round each in turn.
        let two = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1];
        assert_eq!(Race::replay(p, &two).0.lost(), 2);
        assert_eq!(reached(&two, p), vec![GOAL_LOSE_TWO]);
        // Thread 1 reads 0 and waits; thread 2 does two rounds; thread 1 writes 1; thread 2
        // reads 1 and waits; thread 1 finishes; thread 2 writes 2.
        let least = [0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1];
        assert_eq!(Race::replay(p, &least).0.counter(0), 2);
        assert_eq!(reached(&least, p), vec![GOAL_COUNTER_TWO]);
        assert_eq!(reached(&two[..17], p), Vec::<&str>::new(), "not finished");
        let locked = RaceParams { lock: 1, ..p };
        let scheduled = scheduler_order(locked);
        assert_eq!(reached(&scheduled, locked), Vec::<&str>::new());
        let scheduled = scheduler_order(p);
        assert_eq!(reached(&scheduled, p), Vec::<&str>::new(), "the scheduler's order");
    }

    #[test]
    fn under_the_gil_of_3_10_a_thread_is_not_switched_inside_its_counter_update() {
        let p = RaceParams { gil: 1, ..RaceParams::default() };
        let mut race = Race::new(p);
        race.step(0).unwrap();
        assert_eq!(race.can_step(1), Err(Refusal::WaitsForGil), "thread 1 has read, not written");
        race.step(0).unwrap();
        race.step(0).unwrap();
        assert_eq!(race.can_step(1), Ok(Op::Read), "between statements the GIL may pass");
        let (race, _) = Race::replay(p, &scheduler_order(p));
        assert_eq!((race.counter(0), race.lost()), (6, 0));
        let apart = RaceParams { processes: 1, ..p };
        let mut race = Race::new(apart);
        race.step(0).unwrap();
        assert_eq!(race.can_step(1), Ok(Op::Read), "each process has a GIL of its own");
    }
}
