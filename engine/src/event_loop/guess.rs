//! The question before a program runs (how long will it take?) and the goal a run reaches
//! (the heartbeat kept on time while the program computes).

use super::run::{Run, What};
use crate::guess::Guess;

/// What a run waited for, in virtual milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Waits {
    /// Every timer, I/O operation, blocking call and worker thread's job, added up as if
    /// they had come one after another.
    pub total: u64,
    /// The longest of them.
    pub longest: u64,
    /// How long the loop's thread was blocked (`time.sleep` or computing on it).
    pub blocked: u64,
}

/// What `run` waited for.
pub fn waits(run: &Run) -> Waits {
    let mut waits = Waits::default();
    for event in &run.events {
        let (until, blocks) = match event.what {
            What::TimerSet { until, .. } | What::Works { until, .. } => (until, false),
            What::Blocks { until, .. } => (until, true),
            _ => continue,
        };
        let length = until.saturating_sub(event.t);
        waits.total += length;
        waits.longest = waits.longest.max(length);
        if blocks {
            waits.blocked += length;
        }
    }
    waits
}

/// The question before a program runs: when will it end? The options are what a learner might
/// expect: every wait one after another, the longest wait alone, a second more or twice as
/// long. `None` for a program that waits for nothing.
pub fn duration_guess(run: &Run) -> Option<Guess<u64>> {
    let waits = waits(run);
    (waits.total > 0).then(|| {
        let others = [waits.total, waits.longest, run.end + 1000, run.end * 2 + 1000];
        Guess::among(run.end, others)
    })
}

/// The goal: a task that prints `heartbeat` every quarter of a second stays on time (no beat
/// more than 0.1 s late) while the program still computes for a second or more.
pub const GOAL_HEARTBEAT: &str = "heartbeat";

/// The longest gap between two heartbeats on time: the preset's beat, 250 ms, and 100 ms late.
const BEAT_MS: u64 = 350;

/// The goals `run` reaches.
pub fn goals_reached(run: &Run) -> Vec<&'static str> {
    let beats: Vec<u64> = run
        .events
        .iter()
        .filter(|e| matches!(&e.what, What::Prints(line) if line.starts_with("heartbeat")))
        .map(|e| e.t)
        .collect();
    let computed: u64 = run
        .events
        .iter()
        .map(|e| match e.what {
            What::Blocks { until, cpu: true } | What::Works { until, cpu: true, .. } => {
                until.saturating_sub(e.t)
            }
            _ => 0,
        })
        .sum();
    let on_time = beats.len() >= 4 && beats.windows(2).all(|w| w[1] - w[0] <= BEAT_MS);
    let heartbeat = run.failure.is_none() && on_time && computed >= 1000;
    [(heartbeat, GOAL_HEARTBEAT)]
        .into_iter()
        .filter_map(|(met, goal)| met.then_some(goal))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event_loop::{parse, run, PRESETS};

    fn ran(src: &str) -> Run {
        run(&parse(src).unwrap_or_else(|e| panic!("{e}")))
    }

    fn preset(name: &str) -> Run {
        ran(PRESETS.iter().find(|(n, _)| *n == name).map(|(_, src)| *src).unwrap())
    }

    #[test]
    fn the_question_offers_every_wait_in_turn_beside_the_real_end() {
        let gather = preset("gather");
        assert_eq!(waits(&gather), Waits { total: 6000, longest: 2000, blocked: 0 });
        let g = duration_guess(&gather).unwrap();
        assert_eq!((g.options.clone(), g.right()), (vec![2000, 5000, 6000, 11000], 5000));
        let cpu = duration_guess(&preset("cpu")).unwrap();
        assert_eq!((cpu.right(), cpu.options), (1750, vec![1000, 1750, 2000, 2750]));
        let nothing =
            ran("import asyncio\n\nasync def main():\n    print(1)\n\nasyncio.run(main())\n");
        assert_eq!(duration_guess(&nothing), None);
    }

    /// The crunch in slices with an `await` between them: a beat's timer puts a callback in
    /// the ready queue behind the crunch's next slice, and that callback wakes the heartbeat
    /// behind the one after, so a beat is two slices late.
    fn crunch_in_slices(slice: &str, slices: u32) -> String {
        let sliced = format!(
            "    for _ in range({slices}):\n        cpu({slice})\n        await asyncio.sleep(0)\n"
        );
        PRESETS[2].1.replace("    cpu(1)\n", &sliced)
    }

    #[test]
    fn the_heartbeat_keeps_time_when_the_crunch_gives_way_or_goes_to_a_thread() {
        assert_eq!(goals_reached(&preset("cpu")), Vec::<&str>::new(), "silent for a second");
        let quarters = ran(&crunch_in_slices("0.25", 4));
        assert_eq!(goals_reached(&quarters), Vec::<&str>::new(), "beats half a second late");
        assert_eq!(goals_reached(&ran(&crunch_in_slices("0.05", 20))), vec![GOAL_HEARTBEAT]);
        let thread = PRESETS[2].1.replace("    cpu(1)\n", "    await asyncio.to_thread(cpu, 1)\n");
        assert_eq!(goals_reached(&ran(&thread)), vec![GOAL_HEARTBEAT]);
        let no_work = PRESETS[2].1.replace("    cpu(1)\n", "    pass\n");
        assert_eq!(goals_reached(&ran(&no_work)), Vec::<&str>::new(), "it must still compute");
    }
}
