//! The bakers analogy from chapter 1: concurrency is one baker who mixes the next cake while
//! the oven preheats; parallelism is two bakers working at the same moment.
//!
//! Every cake goes through four stages: the oven is preheated for it (each cake bakes at its
//! own temperature), the batter is mixed, the cake bakes, and it is decorated. Mixing and
//! decorating need a baker's hands; preheating and baking only need an oven. Time is counted
//! in whole minutes and the kitchen moves one minute per [`Kitchen::step`].

use crate::guess::Guess;
use crate::params::{value_at, Knobs, ParamSpec};
use crate::trace::{self, Label, Trace, Work};

/// What a baker or an oven can be doing to a cake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The oven heats up to this cake's temperature.
    Preheat,
    /// A baker mixes the batter.
    Mix,
    /// The cake is in the oven.
    Bake,
    /// A baker decorates the baked cake.
    Decorate,
}

impl Stage {
    /// The stages in the order a cake needs them.
    pub const ALL: [Stage; 4] = [Stage::Preheat, Stage::Mix, Stage::Bake, Stage::Decorate];

    /// Whether the stage takes a baker's hands (otherwise it takes an oven).
    pub fn needs_baker(self) -> bool {
        matches!(self, Stage::Mix | Stage::Decorate)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How the kitchen is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// One baker, one oven, one stage at a time: the baker waits while the oven works.
    Sequential,
    /// One baker, one oven; the baker does other work while the oven preheats or bakes.
    Concurrent,
    /// As many bakers as the parameters say, each with an oven of their own, working at the
    /// same time; the cakes are shared out in turn.
    Parallel,
}

impl Scenario {
    /// All scenarios, slowest first.
    pub const ALL: [Scenario; 3] = [Scenario::Sequential, Scenario::Concurrent, Scenario::Parallel];
}

/// A baker or an oven: one row of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    /// Baker number `n` (0-based).
    Baker(usize),
    /// Oven number `n` (0-based).
    Oven(usize),
}

/// One stage of one cake on one lane: a bar of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Who does the work.
    pub lane: Lane,
    /// Which cake (0-based).
    pub cake: usize,
    /// What is done.
    pub stage: Stage,
    /// Minute the stage starts.
    pub start: u32,
    /// Minute the stage ends (exclusive).
    pub end: u32,
}

/// The learner's settings for the kitchen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BakersParams {
    /// Minutes to preheat the oven for one cake.
    pub preheat: u32,
    /// Minutes to mix one cake's batter.
    pub mix: u32,
    /// Minutes one cake spends in the oven.
    pub bake: u32,
    /// Minutes to decorate one cake.
    pub decorate: u32,
    /// How many cakes to make.
    pub cakes: u32,
    /// How many bakers work in the parallel scenario.
    pub bakers: u32,
}

/// The parameters' names, ranges and defaults, in the order of the struct's fields.
pub const PARAMS: [ParamSpec; 6] = [
    ParamSpec { key: "preheat", min: 1, max: 60, default: 15 },
    ParamSpec { key: "mix", min: 1, max: 60, default: 10 },
    ParamSpec { key: "bake", min: 1, max: 60, default: 20 },
    ParamSpec { key: "decorate", min: 1, max: 60, default: 5 },
    ParamSpec { key: "cakes", min: 1, max: 1_000, default: 2 },
    ParamSpec { key: "bakers", min: 1, max: 3, default: 2 },
];

/// Ready-made kitchens, each showing one thing: the lesson's numbers; almost nothing to wait
/// for (concurrency gains little); a busy day (six cakes, three bakers).
pub const PRESETS: [(&str, BakersParams); 3] = [
    ("lesson", BakersParams { preheat: 15, mix: 10, bake: 20, decorate: 5, cakes: 2, bakers: 2 }),
    (
        "little-waiting",
        BakersParams { preheat: 1, mix: 10, bake: 1, decorate: 5, cakes: 2, bakers: 2 },
    ),
    ("busy-day", BakersParams { preheat: 15, mix: 10, bake: 20, decorate: 5, cakes: 6, bakers: 3 }),
];

impl Default for BakersParams {
    fn default() -> Self {
        Self::defaults()
    }
}

impl Knobs for BakersParams {
    const SPECS: &'static [ParamSpec] = &PARAMS;

    fn from_values(values: &[u32]) -> Self {
        let at = |i| value_at(&PARAMS, values, i);
        Self {
            preheat: at(0),
            mix: at(1),
            bake: at(2),
            decorate: at(3),
            cakes: at(4),
            bakers: at(5),
        }
    }

    fn values(&self) -> Vec<u32> {
        vec![self.preheat, self.mix, self.bake, self.decorate, self.cakes, self.bakers]
    }
}

impl BakersParams {
    /// Minutes of one stage.
    pub fn minutes(&self, stage: Stage) -> u32 {
        match stage {
            Stage::Preheat => self.preheat,
            Stage::Mix => self.mix,
            Stage::Bake => self.bake,
            Stage::Decorate => self.decorate,
        }
    }

    /// The shortest time one cake can take whatever the kitchen: preheating and mixing may
    /// overlap, baking needs both, decorating comes last.
    pub fn critical_path(&self) -> u32 {
        self.preheat.max(self.mix) + self.bake + self.decorate
    }

    /// How many baker–oven pairs the scenario has.
    pub fn stations(&self, scenario: Scenario) -> usize {
        match scenario {
            Scenario::Sequential | Scenario::Concurrent => 1,
            Scenario::Parallel => self.bakers as usize,
        }
    }
}

/// What an oven is doing at the current minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Oven {
    /// Off, waiting for the next cake.
    Cold,
    /// Heating up for a cake until the given minute.
    Preheating {
        /// The cake it heats up for.
        cake: usize,
        /// Minute it is hot.
        until: u32,
    },
    /// Hot and waiting for the cake's batter.
    Hot {
        /// The cake it is hot for.
        cake: usize,
    },
    /// Baking a cake until the given minute.
    Baking {
        /// The cake inside.
        cake: usize,
        /// Minute it comes out.
        until: u32,
    },
}

/// What a baker is doing at the current minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baker {
    /// Nothing to do with the hands: waiting for an oven, or done.
    Idle,
    /// Working on a stage of a cake until the given minute.
    Working {
        /// The cake.
        cake: usize,
        /// Mixing or decorating.
        stage: Stage,
        /// Minute the stage ends.
        until: u32,
    },
}

/// The whole kitchen at one minute: deterministic, so any minute can be reached again by
/// replaying from the start ([`Kitchen::replay`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kitchen {
    scenario: Scenario,
    params: BakersParams,
    now: u32,
    bakers: Vec<Baker>,
    ovens: Vec<Oven>,
    /// For each cake, which stages have started.
    started: Vec<[bool; 4]>,
    /// For each cake, which stages are finished.
    finished: Vec<[bool; 4]>,
    spans: Vec<Span>,
}

impl Kitchen {
    /// A kitchen at minute 0, with the first work already handed out.
    pub fn new(scenario: Scenario, params: BakersParams) -> Self {
        let stations = params.stations(scenario);
        let cakes = params.cakes as usize;
        let mut kitchen = Self {
            scenario,
            params,
            now: 0,
            bakers: vec![Baker::Idle; stations],
            ovens: vec![Oven::Cold; stations],
            started: vec![[false; 4]; cakes],
            finished: vec![[false; 4]; cakes],
            spans: Vec::new(),
        };
        kitchen.dispatch();
        kitchen
    }

    /// The kitchen as it is at minute `minute` (or at its end, if it finishes earlier).
    pub fn replay(scenario: Scenario, params: BakersParams, minute: u32) -> Self {
        let mut kitchen = Self::new(scenario, params);
        while kitchen.now < minute && kitchen.step() {}
        kitchen
    }

    /// The kitchen run to its end.
    pub fn finished(scenario: Scenario, params: BakersParams) -> Self {
        Self::replay(scenario, params, u32::MAX)
    }

    /// The kitchen at minute `minute`, made from `previous` when it is the same kitchen at an
    /// earlier minute (stepped on, not replayed: with a thousand cakes a replay is tens of
    /// thousands of minutes), otherwise replayed from the start.
    pub fn moved_to(
        previous: Option<Kitchen>,
        scenario: Scenario,
        params: BakersParams,
        minute: u32,
    ) -> Self {
        match previous {
            Some(mut kitchen)
                if kitchen.scenario == scenario
                    && kitchen.params == params
                    && kitchen.now <= minute =>
            {
                while kitchen.now < minute && kitchen.step() {}
                kitchen
            }
            _ => Self::replay(scenario, params, minute),
        }
    }

    /// Moves one minute forward. Returns `false`, changing nothing, once every cake is done.
    pub fn step(&mut self) -> bool {
        if self.is_done() {
            return false;
        }
        self.now += 1;
        self.complete();
        self.dispatch();
        true
    }

    /// Whether every cake is decorated.
    pub fn is_done(&self) -> bool {
        self.finished.iter().all(|stages| stages[Stage::Decorate.index()])
    }

    /// The current minute.
    pub fn now(&self) -> u32 {
        self.now
    }

    /// The scenario being run.
    pub fn scenario(&self) -> Scenario {
        self.scenario
    }

    /// The settings.
    pub fn params(&self) -> BakersParams {
        self.params
    }

    /// Each baker's state at the current minute.
    pub fn bakers(&self) -> &[Baker] {
        &self.bakers
    }

    /// Each oven's state at the current minute.
    pub fn ovens(&self) -> &[Oven] {
        &self.ovens
    }

    /// Every stage started so far, in the order it started; a stage still under way has its
    /// planned end.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The lanes of the timeline: bakers first, then ovens.
    pub fn lanes(&self) -> Vec<Lane> {
        let n = self.bakers.len();
        (0..n).map(Lane::Baker).chain((0..n).map(Lane::Oven)).collect()
    }

    /// How many cakes are decorated.
    pub fn cakes_done(&self) -> usize {
        self.finished.iter().filter(|s| s[Stage::Decorate.index()]).count()
    }

    fn station_of(&self, cake: usize) -> usize {
        cake % self.bakers.len()
    }

    fn start(&mut self, lane: Lane, cake: usize, stage: Stage) -> u32 {
        let end = self.now + self.params.minutes(stage);
        self.started[cake][stage.index()] = true;
        self.spans.push(Span { lane, cake, stage, start: self.now, end });
        end
    }

    /// Finishes every stage that ends at the current minute.
    fn complete(&mut self) {
        let now = self.now;
        for baker in &mut self.bakers {
            if let Baker::Working { cake, stage, until } = *baker {
                if until == now {
                    self.finished[cake][stage.index()] = true;
                    *baker = Baker::Idle;
                }
            }
        }
        for oven in &mut self.ovens {
            match *oven {
                Oven::Preheating { cake, until } if until == now => {
                    self.finished[cake][Stage::Preheat.index()] = true;
                    *oven = Oven::Hot { cake };
                }
                Oven::Baking { cake, until } if until == now => {
                    self.finished[cake][Stage::Bake.index()] = true;
                    *oven = Oven::Cold;
                }
                _ => {}
            }
        }
    }

    /// Hands out work to every free baker and oven at the current minute.
    fn dispatch(&mut self) {
        match self.scenario {
            Scenario::Sequential => self.dispatch_in_order(),
            Scenario::Concurrent | Scenario::Parallel => {
                for station in 0..self.bakers.len() {
                    self.dispatch_station(station);
                }
            }
        }
    }

    /// The sequential kitchen: start the next stage only when nothing is under way.
    fn dispatch_in_order(&mut self) {
        let busy = !matches!(self.bakers[0], Baker::Idle)
            || matches!(self.ovens[0], Oven::Preheating { .. } | Oven::Baking { .. });
        if busy {
            return;
        }
        let next = (0..self.started.len())
            .flat_map(|cake| Stage::ALL.map(|stage| (cake, stage)))
            .find(|&(cake, stage)| !self.started[cake][stage.index()]);
        if let Some((cake, stage)) = next {
            self.start_stage(0, cake, stage);
        }
    }

    /// A concurrent station: the oven never waits for the baker's attention and the baker
    /// always works on the oldest cake that has work for hands.
    fn dispatch_station(&mut self, station: usize) {
        // Putting a mixed cake into a hot oven takes no time, so it happens first.
        if let Oven::Hot { cake } = self.ovens[station] {
            if self.finished[cake][Stage::Mix.index()] {
                self.start_stage(station, cake, Stage::Bake);
            }
        }
        if self.ovens[station] == Oven::Cold {
            let next = self.cakes_of(station).find(|&c| !self.started[c][Stage::Preheat.index()]);
            if let Some(cake) = next {
                self.start_stage(station, cake, Stage::Preheat);
            }
        }
        if self.bakers[station] == Baker::Idle {
            let next = self.cakes_of(station).find_map(|c| {
                let done = &self.finished[c];
                let begun = &self.started[c];
                if !begun[Stage::Mix.index()] {
                    Some((c, Stage::Mix))
                } else if done[Stage::Bake.index()] && !begun[Stage::Decorate.index()] {
                    Some((c, Stage::Decorate))
                } else {
                    None
                }
            });
            if let Some((cake, stage)) = next {
                self.start_stage(station, cake, stage);
            }
        }
    }

    fn cakes_of(&self, station: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.started.len()).filter(move |&c| self.station_of(c) == station)
    }

    fn start_stage(&mut self, station: usize, cake: usize, stage: Stage) {
        match stage {
            Stage::Mix | Stage::Decorate => {
                let until = self.start(Lane::Baker(station), cake, stage);
                self.bakers[station] = Baker::Working { cake, stage, until };
            }
            Stage::Preheat => {
                let until = self.start(Lane::Oven(station), cake, stage);
                self.ovens[station] = Oven::Preheating { cake, until };
            }
            Stage::Bake => {
                let until = self.start(Lane::Oven(station), cake, stage);
                self.ovens[station] = Oven::Baking { cake, until };
            }
        }
    }
}

/// The three scenarios' total times for one set of parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Minutes with one baker doing one stage at a time.
    pub sequential: u32,
    /// Minutes with one baker who switches while the oven works.
    pub concurrent: u32,
    /// Minutes with several bakers and ovens.
    pub parallel: u32,
}

impl Totals {
    /// Runs every scenario to its end.
    pub fn of(params: BakersParams) -> Self {
        Self::of_finished(&Scenario::ALL.map(|s| Kitchen::finished(s, params)))
    }

    /// The totals of the three kitchens, each run to its end, in the order of
    /// [`Scenario::ALL`].
    pub fn of_finished(kitchens: &[Kitchen; 3]) -> Self {
        let [sequential, concurrent, parallel] = kitchens.each_ref().map(Kitchen::now);
        Self { sequential, concurrent, parallel }
    }

    /// The total of one scenario.
    pub fn of_scenario(&self, scenario: Scenario) -> u32 {
        match scenario {
            Scenario::Sequential => self.sequential,
            Scenario::Concurrent => self.concurrent,
            Scenario::Parallel => self.parallel,
        }
    }

    /// The longest of the three, which is where every scenario has finished.
    pub fn longest(&self) -> u32 {
        self.sequential.max(self.concurrent).max(self.parallel)
    }

    /// Minutes saved against the sequential kitchen, and that as a whole percentage.
    pub fn saved(&self, scenario: Scenario) -> (u32, u32) {
        let minutes = self.sequential.saturating_sub(self.of_scenario(scenario));
        let percent = (minutes * 100).checked_div(self.sequential).unwrap_or(0);
        (minutes, percent)
    }
}

/// The question before the kitchens run: how many minutes will the parallel kitchen take (with
/// one baker, the concurrent one)? The options are what a learner might expect: the sequential
/// total shared out among the bakers, the other kitchens' totals.
pub fn total_guess(params: BakersParams, totals: &Totals) -> (Scenario, Guess<u32>) {
    let Totals { sequential, concurrent, parallel } = *totals;
    if params.bakers > 1 {
        let shared = sequential.div_ceil(params.bakers);
        let others = [shared, concurrent, sequential, concurrent.div_ceil(params.bakers)];
        (Scenario::Parallel, Guess::among(parallel, others))
    } else {
        let hands = params.cakes * (params.mix + params.decorate);
        let others = [sequential, sequential.div_ceil(2), hands, sequential + params.preheat];
        (Scenario::Concurrent, Guess::among(concurrent, others))
    }
}

/// The goal: six cakes in two hours or less, with two bakers at most and the lesson's minutes
/// for each step.
pub const GOAL_SIX_CAKES: &str = "six-cakes";

/// The goals a day with `params` reaches.
pub fn goals_reached(params: BakersParams, totals: &Totals) -> Vec<&'static str> {
    let lesson = PRESETS[0].1;
    let steps = |p: BakersParams| [p.preheat, p.mix, p.bake, p.decorate];
    let six = steps(params) == steps(lesson)
        && params.cakes >= 6
        && params.bakers <= 2
        && totals.parallel.min(totals.concurrent) <= 120;
    [(six, GOAL_SIX_CAKES)].into_iter().filter_map(|(met, goal)| met.then_some(goal)).collect()
}

impl Stage {
    /// The kind of work the timeline draws for it.
    pub fn work(self) -> Work {
        match self {
            Stage::Preheat => Work::Preheat,
            Stage::Mix => Work::Mix,
            Stage::Bake => Work::Bake,
            Stage::Decorate => Work::Decorate,
        }
    }
}

impl Trace for Kitchen {
    type Who = Lane;

    fn end(&self) -> u32 {
        self.now
    }

    fn lanes(&self) -> Vec<trace::Lane<Lane>> {
        Kitchen::lanes(self).into_iter().map(trace::Lane::own).collect()
    }

    /// Each span of the kitchen's day so far; its record is its index in [`Kitchen::spans`].
    fn spans(&self) -> Vec<trace::Span> {
        let stations = self.bakers.len();
        let lane = |l: Lane| match l {
            Lane::Baker(n) => n,
            Lane::Oven(n) => stations + n,
        };
        self.spans
            .iter()
            .enumerate()
            .map(|(record, s)| trace::Span {
                lane: lane(s.lane),
                start: s.start,
                end: s.end,
                work: s.stage.work(),
                label: Some(Label::Nth(s.cake)),
                record,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The lesson's defaults: preheat 15, mix 10, bake 20, decorate 5, two cakes, two bakers.
    fn lesson() -> BakersParams {
        BakersParams::default()
    }

    /// Renders a kitchen's timeline as text, one row per lane, one character per minute:
    /// `P` preheat, `M` mix, `B` bake, `D` decorate, `.` nothing. Odd cakes (1st, 3rd, …) are
    /// upper case, even ones lower case, so two neighbouring cakes are told apart.
    fn gantt(kitchen: &Kitchen) -> Vec<String> {
        let end = kitchen.now() as usize;
        kitchen
            .lanes()
            .into_iter()
            .map(|lane| {
                let mut row = vec!['.'; end];
                for span in kitchen.spans().iter().filter(|s| s.lane == lane) {
                    let letter = match span.stage {
                        Stage::Preheat => 'P',
                        Stage::Mix => 'M',
                        Stage::Bake => 'B',
                        Stage::Decorate => 'D',
                    };
                    let letter =
                        if span.cake % 2 == 0 { letter } else { letter.to_ascii_lowercase() };
                    for cell in &mut row[span.start as usize..span.end as usize] {
                        *cell = letter;
                    }
                }
                let name = match lane {
                    Lane::Baker(n) => format!("baker{}", n + 1),
                    Lane::Oven(n) => format!("oven{} ", n + 1),
                };
                format!("{name}|{}|", row.into_iter().collect::<String>())
            })
            .collect()
    }

    fn small() -> BakersParams {
        BakersParams { preheat: 3, mix: 2, bake: 4, decorate: 1, cakes: 2, bakers: 2 }
    }

    #[test]
    fn sequential_kitchen_does_one_stage_at_a_time() {
        let k = Kitchen::finished(Scenario::Sequential, small());
        assert_eq!(gantt(&k), ["baker1|...MM....D...mm....d|", "oven1 |PPP..BBBB.ppp..bbbb.|",]);
    }

    #[test]
    fn concurrent_baker_mixes_while_the_oven_preheats() {
        let k = Kitchen::finished(Scenario::Concurrent, small());
        assert_eq!(gantt(&k), ["baker1|MMmm...D......d|", "oven1 |PPPBBBBpppbbbb.|"]);
    }

    #[test]
    fn two_bakers_work_at_the_same_moment() {
        let k = Kitchen::finished(Scenario::Parallel, small());
        assert_eq!(
            gantt(&k),
            ["baker1|MM.....D|", "baker2|mm.....d|", "oven1 |PPPBBBB.|", "oven2 |pppbbbb.|",]
        );
    }

    #[test]
    fn lesson_defaults_give_the_totals_the_lesson_quotes() {
        assert_eq!(Totals::of(lesson()), Totals { sequential: 100, concurrent: 75, parallel: 40 });
        assert_eq!(Totals::of(lesson()).saved(Scenario::Concurrent), (25, 25));
        assert_eq!(Totals::of(lesson()).saved(Scenario::Parallel), (60, 60));
    }

    #[test]
    fn the_state_at_a_minute_says_who_does_what() {
        // Minute 12 of the lesson's concurrent kitchen: the baker mixes cake 2 (10–20) while
        // the oven still preheats for cake 1 (0–15).
        let k = Kitchen::replay(Scenario::Concurrent, lesson(), 12);
        assert_eq!(k.bakers(), [Baker::Working { cake: 1, stage: Stage::Mix, until: 20 }]);
        assert_eq!(k.ovens(), [Oven::Preheating { cake: 0, until: 15 }]);
        // Minute 20: cake 1 is in the oven, cake 2 is mixed and the baker has nothing to do.
        let k = Kitchen::replay(Scenario::Concurrent, lesson(), 20);
        assert_eq!(k.bakers(), [Baker::Idle]);
        assert_eq!(k.ovens(), [Oven::Baking { cake: 0, until: 35 }]);
    }

    #[test]
    fn one_parallel_baker_is_the_concurrent_kitchen() {
        let p = BakersParams { bakers: 1, ..lesson() };
        assert_eq!(
            Kitchen::finished(Scenario::Parallel, p).spans(),
            Kitchen::finished(Scenario::Concurrent, p).spans()
        );
    }

    #[test]
    fn presets_are_in_range_and_show_what_they_promise() {
        for (name, preset) in PRESETS {
            assert_eq!(BakersParams::from_values(&preset.values()), preset, "{name} is in range");
        }
        assert_eq!(PRESETS[0].1, lesson());
        let gain = |p| {
            let t = Totals::of(p);
            t.saved(Scenario::Concurrent).1
        };
        assert!(gain(PRESETS[1].1) < gain(PRESETS[0].1), "less waiting, less gain");
        // Three bakers are not quite three times faster: each oven still sets its kitchen's pace.
        let busy = Totals::of(PRESETS[2].1);
        assert_eq!((busy.concurrent, busy.parallel), (215, 75));
    }

    #[test]
    fn stepping_on_from_a_minute_is_replaying_to_the_next() {
        let p = BakersParams { cakes: 7, bakers: 3, ..lesson() };
        for scenario in Scenario::ALL {
            let mut k = Kitchen::replay(scenario, p, 30);
            while k.step() {
                assert_eq!(k, Kitchen::replay(scenario, p, k.now()));
            }
        }
    }

    #[test]
    fn a_thousand_cakes_finish_in_order() {
        let p = BakersParams { cakes: 1_000, ..lesson() };
        let totals = Totals::of(p);
        // One baker alone: 50 minutes a cake, one after another.
        assert_eq!(totals.of_scenario(Scenario::Sequential), 50_000);
        assert!(
            totals.of_scenario(Scenario::Concurrent) < totals.of_scenario(Scenario::Sequential)
        );
        assert!(totals.of_scenario(Scenario::Parallel) < totals.of_scenario(Scenario::Concurrent));
    }

    #[test]
    fn a_finished_kitchen_does_not_move() {
        let mut k = Kitchen::finished(Scenario::Concurrent, lesson());
        let before = k.clone();
        assert!(!k.step());
        assert_eq!(k, before);
    }

    #[test]
    fn reading_parameters_clamps_and_reports() {
        let (p, issues) =
            BakersParams::read([("cakes", "1001"), ("preheat", "abc"), ("t", "5")], &["t"]);
        assert_eq!(p, BakersParams { cakes: 1_000, ..lesson() });
        assert_eq!(issues.len(), 2);
        assert_eq!(lesson().with("bakers", -3).bakers, 1);
        assert_eq!(lesson().with("nope", 3), lesson());
        assert_eq!((lesson().get("bake"), lesson().get("nope")), (Some(20), None));
    }

    fn any_params() -> impl Strategy<Value = BakersParams> {
        (1u32..=20, 1u32..=20, 1u32..=20, 1u32..=20, 1u32..=6, 1u32..=3).prop_map(
            |(preheat, mix, bake, decorate, cakes, bakers)| BakersParams {
                preheat,
                mix,
                bake,
                decorate,
                cakes,
                bakers,
            },
        )
    }

    proptest! {
        #[test]
        fn every_lane_does_one_thing_at_a_time(p in any_params(), s in prop::sample::select(Scenario::ALL.to_vec())) {
            let k = Kitchen::finished(s, p);
            for lane in k.lanes() {
                let mut spans: Vec<_> = k.spans().iter().filter(|x| x.lane == lane).collect();
                spans.sort_by_key(|x| x.start);
                for pair in spans.windows(2) {
                    prop_assert!(pair[0].end <= pair[1].start, "{lane:?} overlaps: {pair:?}");
                }
            }
        }

        #[test]
        fn bakers_mix_and_decorate_and_ovens_preheat_and_bake(p in any_params(), s in prop::sample::select(Scenario::ALL.to_vec())) {
            for span in Kitchen::finished(s, p).spans() {
                prop_assert_eq!(span.stage.needs_baker(), matches!(span.lane, Lane::Baker(_)));
            }
        }

        #[test]
        fn every_cake_goes_through_its_stages_in_order(p in any_params(), s in prop::sample::select(Scenario::ALL.to_vec())) {
            let k = Kitchen::finished(s, p);
            prop_assert_eq!(k.cakes_done(), p.cakes as usize);
            for cake in 0..p.cakes as usize {
                let span = |stage| *k.spans().iter().find(|x| x.cake == cake && x.stage == stage).unwrap();
                let bake = span(Stage::Bake);
                prop_assert!(span(Stage::Preheat).end <= bake.start);
                prop_assert!(span(Stage::Mix).end <= bake.start);
                prop_assert!(bake.end <= span(Stage::Decorate).start);
                // The cake bakes in the oven that was preheated for it.
                prop_assert_eq!(span(Stage::Preheat).lane, bake.lane);
            }
        }

        #[test]
        fn total_time_is_never_below_the_critical_path(p in any_params(), s in prop::sample::select(Scenario::ALL.to_vec())) {
            let k = Kitchen::finished(s, p);
            prop_assert!(k.now() >= p.critical_path());
            let hands = (p.mix + p.decorate) * p.cakes;
            let stations = p.stations(s) as u32;
            prop_assert!(k.now() * stations >= hands);
            prop_assert_eq!(k.now(), k.spans().iter().map(|x| x.end).max().unwrap());
        }

        #[test]
        fn sequential_is_slowest_and_parallel_fastest(p in any_params()) {
            let t = Totals::of(p);
            prop_assert_eq!(t.sequential, p.cakes * (p.preheat + p.mix + p.bake + p.decorate));
            prop_assert!(t.sequential >= t.concurrent, "{t:?}");
            prop_assert!(t.concurrent >= t.parallel, "{t:?}");
        }

        #[test]
        fn time_only_moves_forward_and_replay_matches_stepping(p in any_params(), s in prop::sample::select(Scenario::ALL.to_vec())) {
            let mut k = Kitchen::new(s, p);
            let mut seen = 0;
            while k.step() {
                prop_assert_eq!(k.now(), seen + 1);
                seen = k.now();
                prop_assert!(k.spans().iter().all(|x| x.start <= k.now()));
                if seen % 7 == 0 {
                    prop_assert_eq!(&Kitchen::replay(s, p, seen), &k);
                }
            }
        }

        #[test]
        fn moving_on_from_any_minute_is_replaying_to_the_next(p in any_params(), s in prop::sample::select(Scenario::ALL.to_vec()), a in 0u32..200, b in 0u32..200) {
            let before = Kitchen::replay(s, p, a);
            prop_assert_eq!(Kitchen::moved_to(Some(before), s, p, b), Kitchen::replay(s, p, b));
        }

        #[test]
        fn the_trace_has_a_span_on_a_real_lane_for_every_stage(p in any_params(), s in prop::sample::select(Scenario::ALL.to_vec())) {
            let k = Kitchen::finished(s, p);
            let (lanes, spans) = (Trace::lanes(&k), Trace::spans(&k));
            prop_assert_eq!(spans.len(), p.cakes as usize * 4);
            for span in &spans {
                let stage = k.spans()[span.record];
                prop_assert_eq!(lanes[span.lane].who, stage.lane);
                prop_assert_eq!((span.start, span.end, span.work), (stage.start, stage.end, stage.stage.work()));
                prop_assert!(span.end <= Trace::end(&k));
            }
        }
    }
    #[test]
    fn the_guess_offers_the_shared_out_total_beside_the_real_one() {
        let (scenario, guess) = total_guess(PRESETS[0].1, &Totals::of(PRESETS[0].1));
        assert_eq!(scenario, Scenario::Parallel);
        assert_eq!(guess.options, vec![40, 50, 75, 100], "100 / 2 = 50 is what people expect");
        assert_eq!(guess.right(), 40);
        let one = BakersParams { bakers: 1, ..PRESETS[0].1 };
        let (scenario, guess) = total_guess(one, &Totals::of(one));
        assert_eq!((scenario, guess.right()), (Scenario::Concurrent, 75));
        assert_eq!(guess.options, vec![30, 50, 75, 100]);
    }

    #[test]
    fn six_cakes_in_two_hours_take_two_bakers_and_the_lessons_minutes() {
        let reached = |p: BakersParams| goals_reached(p, &Totals::of(p));
        let six = BakersParams { cakes: 6, ..PRESETS[0].1 };
        assert_eq!(reached(six), vec![GOAL_SIX_CAKES]);
        assert_eq!(reached(BakersParams { bakers: 1, ..six }), Vec::<&str>::new(), "215 min");
        assert_eq!(reached(BakersParams { bakers: 3, ..six }), Vec::<&str>::new(), "3 bakers");
        assert_eq!(reached(BakersParams { bake: 5, ..six }), Vec::<&str>::new(), "own minutes");
        assert_eq!(reached(PRESETS[0].1), Vec::<&str>::new(), "two cakes");
    }
}
