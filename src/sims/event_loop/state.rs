//! What the loop's boxes show at one moment: who runs, the ready queue, the timers, the I/O in
//! flight, the finished tasks, who waits for what, the worker threads and the objects.

use super::story::{handle_label, seconds, task_label};
use super::*;

/// The first chips of a box, as many as are shown, and how many it holds in all.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Chips {
    pub(super) shown: Vec<String>,
    pub(super) total: usize,
}

impl Chips {
    pub(super) fn of(total: usize, items: impl Iterator<Item = String>) -> Self {
        Self { shown: items.take(SHOWN).collect(), total }
    }

    /// The chips shown, each with how many same chips come before it, as a key that stays
    /// with a chip while it is on screen.
    pub(super) fn keyed(&self) -> Vec<(String, usize)> {
        self.shown
            .iter()
            .enumerate()
            .map(|(i, text)| (text.clone(), self.shown[..i].iter().filter(|t| *t == text).count()))
            .collect()
    }
}

/// What the loop's boxes show at one moment: who runs, the ready queue, the timers, the I/O in
/// flight and the tasks that are done.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct LoopNow {
    pub(super) running: String,
    pub(super) ready: Chips,
    pub(super) timers: Chips,
    pub(super) io: Chips,
    pub(super) done: Chips,
    pub(super) waiting: Chips,
    pub(super) objects: Chips,
    pub(super) threads: Chips,
}

/// `Task-2 tick('tick') waits for sleep(0.5) · tick, line 8: name='tick', i=0`: who waits, for
/// what, and its frames (innermost with its variables, then who awaits it).
pub(super) fn wait_text(lang: Lang, tasks: &[TaskInfo], t: usize, wait: &Wait) -> String {
    let (waits_for, line) = match lang {
        Lang::Ru => ("ждёт", "строка"),
        Lang::En => ("waits for", "line"),
    };
    let mut text = format!("{} {waits_for} {}", task_label(tasks, t), wait.on);
    if let Some((inner, outer)) = wait.frames.split_last() {
        let vars: Vec<String> = inner.locals.iter().map(|(n, v)| format!("{n}={v}")).collect();
        text.push_str(&format!(" · {}, {line} {}", inner.function, inner.line));
        if !vars.is_empty() {
            text.push_str(&format!(": {}", vars.join(", ")));
        }
        for f in outer.iter().rev() {
            text.push_str(&format!(" ← {}, {line} {}", f.function, f.line));
        }
    }
    text
}

/// `Lock 1: held by Task-2 · waiting: Task-3`: a queue, lock, semaphore or event and who waits.
pub(super) fn object_text(
    lang: Lang,
    tasks: &[TaskInfo],
    s: &Snapshot,
    name: &str,
    state: &str,
) -> String {
    let shown = match (name.split(' ').next().unwrap_or(""), state) {
        ("Lock", "None") => Tr("свободна", "free").get(lang).to_owned(),
        ("Lock", owner) => match lang {
            Lang::Ru => format!("у {}", owner.trim_matches('\'')),
            Lang::En => format!("held by {}", owner.trim_matches('\'')),
        },
        ("Semaphore", n) => match lang {
            Lang::Ru => format!("свободных мест: {n}"),
            Lang::En => format!("free places: {n}"),
        },
        ("Event", "True") => Tr("установлено", "set").get(lang).to_owned(),
        ("Event", _) => Tr("не установлено", "not set").get(lang).to_owned(),
        (_, items) => items.to_owned(),
    };
    let prefix = format!("{name}: ");
    let waiting: Vec<String> = s
        .waits
        .iter()
        .enumerate()
        .filter(|(_, w)| w.as_ref().is_some_and(|w| w.on.starts_with(&prefix)))
        .filter_map(|(t, _)| tasks.get(t).map(|i| i.name.to_string()))
        .collect();
    if waiting.is_empty() {
        format!("{name}: {shown}")
    } else {
        let label = Tr("ждут", "waiting").get(lang);
        format!("{name}: {shown} · {label}: {}", waiting.join(", "))
    }
}

impl LoopNow {
    pub(super) fn of(lang: Lang, r: &Run, s: &Snapshot, source: &RwSignal<String>) -> Self {
        let code = |line: u32| {
            source.with(|src| {
                src.lines().nth(line.saturating_sub(1) as usize).unwrap_or("").trim().to_owned()
            })
        };
        let running = match (s.running, s.blocked_until) {
            (Some((t, line)), Some(until)) => format!(
                "{} — {} {line}: {}\n{} {}",
                task_label(&r.tasks, t),
                LINE.get(lang),
                code(line),
                BLOCKED.get(lang),
                seconds(lang, until)
            ),
            (Some((t, line)), None) if line > 0 => {
                format!("{} — {} {line}: {}", task_label(&r.tasks, t), LINE.get(lang), code(line))
            }
            (Some((t, _)), None) => task_label(&r.tasks, t),
            (None, _) => IDLE.get(lang).to_owned(),
        };
        let pending = |io: bool| {
            let waits = s.pending.iter().filter(move |p| p.io == io);
            Chips::of(
                waits.clone().count(),
                waits.map(|p| format!("{} → {}", p.label, seconds(lang, p.until))),
            )
        };
        let finished = |st: &TaskState| matches!(st, TaskState::Done | TaskState::Cancelled);
        let done = s.tasks.iter().enumerate().filter(|(_, st)| finished(st)).map(|(t, st)| {
            let result = match s.results.get(t).cloned().flatten() {
                Some(result) if *st != TaskState::Cancelled => result,
                _ => Tr("отменена", "cancelled").get(lang).to_owned(),
            };
            format!("{} → {result}", r.tasks[t].name)
        });
        Self {
            running,
            ready: Chips::of(s.ready.len(), s.ready.iter().map(|h| handle_label(lang, r, *h))),
            timers: pending(false),
            io: pending(true),
            done: Chips::of(s.tasks.iter().filter(|st| finished(st)).count(), done),
            waiting: Chips::of(
                s.waits.iter().flatten().count(),
                s.waits
                    .iter()
                    .enumerate()
                    .filter_map(|(t, w)| w.as_ref().map(|w| wait_text(lang, &r.tasks, t, w))),
            ),
            threads: Chips::of(
                s.threads.iter().flatten().count(),
                s.threads.iter().enumerate().filter_map(|(k, t)| {
                    let t = t.as_ref()?;
                    let doing = match (lang, t.cpu) {
                        (Lang::Ru, false) => "спит до",
                        (Lang::Ru, true) => "считает до",
                        (Lang::En, false) => "sleeps until",
                        (Lang::En, true) => "computes until",
                    };
                    Some(format!(
                        "{} {}: {} {doing} {}",
                        THREAD.get(lang),
                        k + 1,
                        t.label,
                        seconds(lang, t.until)
                    ))
                }),
            ),
            objects: Chips::of(
                s.objects.len(),
                s.objects.iter().map(|(name, state)| object_text(lang, &r.tasks, s, name, state)),
            ),
        }
    }
}
