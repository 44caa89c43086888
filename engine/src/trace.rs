//! What the player reads of every simulation: a run as lanes (who) and spans of typed work
//! (what, from when to when). The app gives each kind of work a colour and a word, and each
//! lane a name; the timeline, its text table and the exported picture all read this.

use std::fmt;

/// The kinds of work a timeline draws, shared by every simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Work {
    /// The oven heats up.
    Preheat,
    /// A baker mixes a cake.
    Mix,
    /// A cake bakes in the oven.
    Bake,
    /// A baker decorates a cake.
    Decorate,
    /// Code runs on a processor: a task, a thread, Python on the event loop.
    Runs,
    /// Waiting for I/O, off the processor.
    WaitsIo,
    /// Waiting for a timer (`asyncio.sleep`).
    WaitsTimer,
    /// Ready to run, waiting for the processor, a core or the GIL.
    Ready,
    /// Blocking: waiting or computing while holding the processor (or the loop's thread).
    Blocks,
    /// The processor switches from one task to another.
    Switches,
    /// A process starts: a new interpreter loads.
    Starts,
    /// Holding the GIL or a lock.
    Holds,
    /// A thread reads the shared counter.
    Reads,
    /// A thread adds 1 to its own copy.
    Adds,
    /// A thread writes its copy to the shared counter.
    Writes,
}

impl Work {
    /// Every kind, in the order above.
    pub const ALL: [Work; 15] = [
        Work::Preheat,
        Work::Mix,
        Work::Bake,
        Work::Decorate,
        Work::Runs,
        Work::WaitsIo,
        Work::WaitsTimer,
        Work::Ready,
        Work::Blocks,
        Work::Switches,
        Work::Starts,
        Work::Holds,
        Work::Reads,
        Work::Adds,
        Work::Writes,
    ];
}

/// A short mark drawn inside a bar: which cake, task or job, or a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The n-th (0-based) cake, task or job, shown from 1.
    Nth(usize),
    /// A value read.
    Value(i64),
    /// A value written: `=5`.
    Becomes(i64),
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Nth(n) => write!(f, "{}", n + 1),
            Label::Value(v) => write!(f, "{v}"),
            Label::Becomes(v) => write!(f, "={v}"),
        }
    }
}

/// A lane of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lane<W> {
    /// Who the lane is, in the engine's own terms.
    pub who: W,
    /// Whether it is shared by the others (the processor, the GIL, the loop's thread and
    /// its workers): shared lanes are drawn first.
    pub shared: bool,
}

impl<W> Lane<W> {
    /// A lane of one worker.
    pub fn own(who: W) -> Self {
        Self { who, shared: false }
    }

    /// A lane the workers share.
    pub fn shared(who: W) -> Self {
        Self { who, shared: true }
    }
}

/// One stretch of work on one lane: a bar of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Its lane, as an index into [`Trace::lanes`].
    pub lane: usize,
    /// First tick.
    pub start: u32,
    /// End tick, exclusive.
    pub end: u32,
    /// What is done.
    pub work: Work,
    /// The mark drawn inside, if any.
    pub label: Option<Label>,
    /// The engine's own record the span comes from (a step, an event), as an index into
    /// the engine's list of them, for the words the app says about it.
    pub record: usize,
}

/// A whole run as the player shows it.
pub trait Trace {
    /// Who a lane is, in the engine's terms.
    type Who: Copy;

    /// The tick at which the run is over.
    fn end(&self) -> u32;

    /// Every lane, in the engine's order (the app draws shared lanes first).
    fn lanes(&self) -> Vec<Lane<Self::Who>>;

    /// Every span, in any order.
    fn spans(&self) -> Vec<Span>;
}

/// The lanes' indices in drawing order: shared lanes first, each group in the engine's order.
pub fn drawing_order<W>(lanes: &[Lane<W>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lanes.len()).collect();
    order.sort_by_key(|&i| !lanes[i].shared);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_lanes_come_first_and_the_rest_keep_their_order() {
        let lanes = [Lane::own('a'), Lane::own('b'), Lane::shared('C'), Lane::own('d')];
        assert_eq!(drawing_order(&lanes), [2, 0, 1, 3]);
    }

    #[test]
    fn labels_read_as_the_chart_draws_them() {
        let said = [Label::Nth(0), Label::Value(-3), Label::Becomes(7)].map(|l| l.to_string());
        assert_eq!(said, ["1", "-3", "=7"]);
    }
}
