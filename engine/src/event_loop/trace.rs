//! A run of the event loop as the timeline draws it: the loop's thread (code running, the
//! thread blocked), each worker thread beside it, then each task with its waits.

use super::run::{Run, What};
use crate::trace::{Lane, Span, Trace, Work};

/// A lane of the event loop's timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// The loop's thread: the one CPU the tasks take turns on.
    Loop,
    /// Worker thread `n` (0-based) of `to_thread`.
    Thread(usize),
    /// Task `n` (0-based), with its waits.
    Task(usize),
}

/// The width of one mark of code running, in the run's milliseconds: 1/200 of the axis, so
/// that an instant of work shows. Marks closer than this merge, so a thousand tasks draw no
/// more bars than the screen has room for.
pub fn mark_width(run: &Run) -> u32 {
    clamp(run.end.max(1) / 200).max(1)
}

fn clamp(ms: u64) -> u32 {
    u32::try_from(ms).unwrap_or(u32::MAX)
}

impl Trace for Run {
    type Who = Who;

    fn end(&self) -> u32 {
        clamp(self.end)
    }

    fn lanes(&self) -> Vec<Lane<Who>> {
        let threads = self
            .events
            .iter()
            .filter_map(|e| match e.what {
                What::Works { thread, .. } => Some(thread + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        std::iter::once(Lane::shared(Who::Loop))
            .chain((0..threads).map(|n| Lane::shared(Who::Thread(n))))
            .chain((0..self.tasks.len()).map(|n| Lane::own(Who::Task(n))))
            .collect()
    }

    /// Each span's record indexes [`Run::events`]: the event that began it (for merged marks
    /// of code running, the first of them).
    fn spans(&self) -> Vec<Span> {
        let lanes = self.lanes();
        let threads = lanes.len() - 1 - self.tasks.len();
        let first_task = 1 + threads;
        let mark = mark_width(self);
        let mut cpu: Vec<Span> = Vec::new();
        let mut others: Vec<Span> = Vec::new();
        for (record, e) in self.events.iter().enumerate() {
            let t = clamp(e.t);
            let span = |lane, end: u64, work| Span {
                lane,
                start: t,
                end: clamp(end).min(self.end()).max(t),
                work,
                label: None,
                record,
            };
            match &e.what {
                What::Runs => match cpu.last_mut() {
                    Some(b) if b.work == Work::Runs && b.end + mark >= t => {
                        b.end = b.end.max(t + mark);
                    }
                    _ => cpu.push(Span { end: t + mark, ..span(0, e.t, Work::Runs) }),
                },
                What::Blocks { until, .. } => cpu.push(span(0, *until, Work::Blocks)),
                What::Works { thread, until, cpu: computes, .. } => {
                    let work = if *computes { Work::Blocks } else { Work::WaitsIo };
                    others.push(span(1 + thread, *until, work));
                }
                What::TimerSet { until, io, .. } => {
                    if let Some(task) = e.task().filter(|&n| n < self.tasks.len()) {
                        let work = if *io { Work::WaitsIo } else { Work::WaitsTimer };
                        // A wait still in flight when the run ends (a cancelled task's) stops
                        // there.
                        others.push(span(first_task + task, *until, work));
                    }
                }
                _ => {}
            }
        }
        cpu.extend(others);
        cpu
    }
}
