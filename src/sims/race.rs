//! Processes and threads: the memory picture, and a race on `counter += 1` the learner
//! interleaves by hand or lets a scheduler interleave; a lock fixes it, processes never share.

use super::predict::Prediction;
use super::registry::{SimKind, MOMENT_KEY};
use super::shell::{
    knob_sliders, panel, setup_check, Charts, Ctx, PanelView, Parts, PresetWords, ShellWords, Sim,
};
use crate::components::timeline::{rows_of, Row};
use crate::i18n::{ru_count, Lang, Tr};
use engine::params::ParamIssue;
use engine::race::{
    goals_reached, lost_guess, LostGuess, Op, Race, RaceParams, RaceSetup, Refusal, ORDER_KEY,
    WORKERS,
};
use engine::trace::{Span, Trace, Work};
use leptos::prelude::*;

/// Steps in words.
const STEPS: Tr = Tr("шагов", "steps");
const STEP: Tr = Tr("Шаг", "Step");
const LOCK: Tr = Tr(
    "Защитить counter += 1 блокировкой (with lock)",
    "Protect counter += 1 with a lock (with lock)",
);
const BY_HAND: Tr = Tr("Следующий шаг делает:", "The next step is taken by:");
const RERUN: Tr = Tr("Другой прогон планировщика", "Another scheduler run");
const CLEAR: Tr = Tr("Начать вручную с нуля", "Start over by hand");
const MEMORY: Tr = Tr("Процесс: общая память потоков", "Process: memory the threads share");
const OWN_MEMORY: Tr = Tr("своя память", "its own memory");
const LOCK_FREE: Tr = Tr("lock: свободна", "lock: free");
const LOCK_HELD: Tr = Tr("lock: у потока", "lock: held by thread");
const FINISHED: Tr = Tr("закончил", "has finished");
const WAITS: Tr = Tr("ждёт lock", "waits for the lock");
const WAITS_GIL: Tr = Tr("ждёт GIL", "waits for the GIL");
const GIL: Tr = Tr(
    "Под GIL Python 3.10+: поток отдаёт GIL только между операторами, не внутри counter += 1",
    "Under the GIL of Python 3.10+: a thread gives the GIL up only between statements, never \
     inside counter += 1",
);
const TIMELINE: Tr = Tr("Шаги по порядку", "Steps in order");

/// The race for the shell.
pub struct RaceSim;

impl Sim for RaceSim {
    type Setup = RaceSetup;
    /// The race to its last step, for the chart.
    type Run = Race;

    const KIND: SimKind = SimKind::Race;
    /// Wall-clock milliseconds per step at 1×.
    const PACE_MS: f64 = 700.0;
    const WORDS: ShellWords = ShellWords {
        presets: Tr("Готовые гонки", "Ready-made races"),
        unit: STEPS,
        legend: &[
            (Work::Reads, Tr("читает counter", "reads counter")),
            (Work::Adds, Tr("прибавляет 1", "adds 1")),
            (Work::Writes, Tr("пишет counter", "writes counter")),
            (Work::Holds, Tr("берёт или отпускает lock", "takes or lets go of the lock")),
        ],
        idle: None,
        legend_note: None,
        hint: None,
        settings: Some(Tr("Настройки: раунды, блокировка, GIL", "Settings: rounds, lock, the GIL")),
    };
    const LABELS: &'static [(&'static str, Tr)] = &[
        ("rounds", Tr("Раундов counter += 1 у каждого", "Rounds of counter += 1 each")),
        ("lock", Tr("Блокировка", "Lock")),
        ("processes", Tr("Процессы вместо потоков", "Processes instead of threads")),
        ("seed", Tr("Прогон планировщика", "Scheduler run")),
        ("gil", Tr("Под GIL Python 3.10+", "Under the GIL of Python 3.10+")),
        (ORDER_KEY, Tr("Порядок шагов (номера потоков)", "Order of steps (thread numbers)")),
        (MOMENT_KEY, Tr("Шаг", "Step")),
    ];
    const PRESETS: &'static [PresetWords] = &[
        PresetWords {
            key: "threads", name: Tr("Два потока", "Two threads"), notice: None
        },
        PresetWords {
            key: "gil",
            name: Tr("Два потока под GIL 3.10+", "Two threads under the 3.10+ GIL"),
            notice: None,
        },
        PresetWords {
            key: "lock",
            name: Tr("Два потока и lock", "Two threads and a lock"),
            notice: None,
        },
        PresetWords {
            key: "processes", name: Tr("Два процесса", "Two processes"), notice: None
        },
    ];

    fn read(pairs: &[(&str, &str)], issues: &mut Vec<ParamIssue>) -> RaceSetup {
        let (setup, problems) = RaceSetup::read(pairs.iter().copied(), &[MOMENT_KEY]);
        issues.extend(problems);
        setup
    }

    fn query(setup: &RaceSetup) -> Vec<(&'static str, String)> {
        setup.pairs()
    }

    fn run(setup: &RaceSetup) -> Race {
        Race::replay(setup.params, &setup.order).0
    }

    fn end(run: &Race) -> u32 {
        Trace::end(run)
    }

    /// The race after the steps so far.
    type Moment = Race;

    fn moment(previous: Option<Race>, s: &RaceSetup, _: &Race, tick: u32) -> Race {
        Race::moved_to(previous, s.params, &s.order[..(tick as usize).min(s.order.len())])
    }

    fn narrate(lang: Lang, _: &RaceSetup, _: &Race, race: &Race, _: u32) -> String {
        describe_moment(lang, race)
    }

    fn predict(lang: Lang, setup: &RaceSetup, race: &Race) -> Option<Prediction> {
        Some(predict(lang, setup.params, race))
    }

    fn charts(lang: Lang, _: &RaceSetup, race: &Race) -> Charts {
        let panels = vec![(TIMELINE.get(lang).to_owned(), rows(lang, race))];
        Charts { panels, length: Self::end(race), unit: STEPS }
    }

    fn goals_reached(setup: &RaceSetup, race: &Race) -> Vec<&'static str> {
        goals_reached(setup, race)
    }

    fn complete(race: &Race) -> bool {
        race.is_done()
    }

    fn parts(ctx: Ctx<RaceSim>) -> Parts {
        panels(ctx)
    }

    fn apply_preset(setup: &mut RaceSetup, name: &str) {
        setup.apply_preset(name);
    }

    fn preset_of(setup: &RaceSetup) -> Option<&'static str> {
        setup.preset_name()
    }
}

/// The question before a race: how many updates are lost, and why.
fn predict(lang: Lang, p: RaceParams, race: &Race) -> Prediction {
    let LostGuess { guess, or_more } = lost_guess(p, race.lost());
    let last = guess.options.len() - 1;
    let options = guess
        .options
        .iter()
        .enumerate()
        .map(|(i, n)| match (lang, or_more && i == last) {
            (Lang::Ru, true) => format!("{n} или больше"),
            (Lang::En, true) => format!("{n} or more"),
            _ => n.to_string(),
        })
        .collect();
    let (rounds, lost) = (p.rounds, race.lost());
    let under_gil = p.gil == 1;
    let question = match (lang, p.is_processes()) {
        (Lang::Ru, false) => format!(
            "Два потока{} делают counter += 1 по {}. Сколько обновлений потеряется?",
            if under_gil { " под GIL Python 3.10+" } else { "" },
            ru_count(rounds, ["разу", "раза", "раз"])
        ),
        (Lang::En, false) => format!(
            "Two threads{} each do counter += 1 {rounds} times. How many updates are lost?",
            if under_gil { " under the GIL of Python 3.10+" } else { "" }
        ),
        (Lang::Ru, true) => format!(
            "Два процесса делают counter += 1 по {}. Сколько обновлений потеряется?",
            ru_count(rounds, ["разу", "раза", "раз"])
        ),
        (Lang::En, true) => {
            format!("Two processes each do counter += 1 {rounds} times. How many updates are lost?")
        }
    };
    let reason = if p.gil == 1 && !p.is_processes() {
        Tr(
            "Под GIL в Python 3.10+ интерпретатор передаёт GIL другому потоку только на \
             некоторых инструкциях (переход назад в цикле, вызов функции), а не посреди \
             counter += 1. Гонка никуда не делась — её прячет расписание. В сборке без GIL \
             (3.13t, 3.14t) потоки идут одновременно и теряют обновления, как в наборе «Два \
             потока».",
            "Under the GIL of Python 3.10+ the interpreter hands the GIL to another thread only \
             at some instructions (a loop's jump back, a call), not in the middle of \
             counter += 1. The race has not gone away: the schedule hides it. In the \
             free-threaded build (3.13t, 3.14t) threads run at once and lose updates, as in the \
             “Two threads” set.",
        )
    } else if p.is_processes() {
        Tr(
            "У каждого процесса своя копия counter: делить нечего, и терять тоже, — но и \
             прибавки другого процесса в свой counter не попадают.",
            "Each process has its own copy of counter: nothing is shared, so nothing is lost, \
             but neither does one process’s counter see the other’s additions.",
        )
    } else if p.lock == 1 {
        Tr(
            "Блокировка пускает между чтением и записью только один поток: ничего не теряется, \
             зато второй поток ждёт.",
            "The lock lets only one thread in between the read and the write: nothing is lost, \
             but the other thread waits.",
        )
    } else if lost > 0 {
        Tr(
            "Оба потока прочли одно и то же значение, прежде чем кто-то записал: вторая запись \
             затёрла прибавку первой. Сколько потеряется, решает порядок шагов.",
            "Both threads read the same value before either wrote: the second write wiped out \
             the first one’s addition. How many are lost depends on the order of steps.",
        )
    } else {
        Tr(
            "В этот раз ни один поток не прочёл counter между чтением и записью другого: \
             порядок оказался безопасным. Попробуйте другой прогон или шаги вручную.",
            "This time neither thread read counter between the other’s read and write: the \
             order happened to be safe. Try another run, or take the steps by hand.",
        )
    };
    let figures = match lang {
        Lang::Ru => format!("Потеряно: {lost}."),
        Lang::En => format!("Lost: {lost}."),
    };
    Prediction {
        question,
        options,
        answer: guess.answer,
        why: format!("{figures} {}", reason.get(lang)),
    }
}

fn worker_name(lang: Lang, processes: bool, w: usize) -> String {
    let word = if processes { Tr("Процесс", "Process") } else { Tr("Поток", "Thread") };
    format!("{} {}", word.get(lang), w + 1)
}

/// The program each worker runs, one line per step, after the loop's header.
fn code_line(op: Op, lock: bool, lang: Lang) -> String {
    let indent = if lock { "        " } else { "    " };
    match op {
        Op::Acquire => "    with lock:".to_owned(),
        Op::Read => format!("{indent}tmp = counter"),
        Op::Add => format!("{indent}tmp = tmp + 1"),
        Op::Write => format!("{indent}counter = tmp"),
        Op::Release => Tr("    # конец with: lock отпущена", "    # end of with: lock let go")
            .get(lang)
            .to_owned(),
    }
}

/// A step in words, as the end of a sentence about a worker.
fn op_words(lang: Lang, op: Op, tmp: i64, counter: i64) -> String {
    match (lang, op) {
        (Lang::Ru, Op::Acquire) => "взял lock".to_owned(),
        (Lang::Ru, Op::Read) => format!("прочитал counter = {tmp} в tmp"),
        (Lang::Ru, Op::Add) => format!("прибавил 1: tmp = {tmp}"),
        (Lang::Ru, Op::Write) => format!("записал tmp в counter: counter = {counter}"),
        (Lang::Ru, Op::Release) => "отпустил lock".to_owned(),
        (Lang::En, Op::Acquire) => "took the lock".to_owned(),
        (Lang::En, Op::Read) => format!("read counter = {tmp} into tmp"),
        (Lang::En, Op::Add) => format!("added 1: tmp = {tmp}"),
        (Lang::En, Op::Write) => format!("wrote tmp to counter: counter = {counter}"),
        (Lang::En, Op::Release) => "let go of the lock".to_owned(),
    }
}

/// What the last step did, or where the race stands when it is over.
pub fn describe_moment(lang: Lang, race: &Race) -> String {
    let processes = race.params().is_processes();
    if race.is_done() {
        let (expected, got, lost) = (race.expected(), race.counter(0), race.lost());
        return match (lang, processes, lost) {
            (Lang::Ru, true, _) => format!(
                "Готово. У каждого процесса свой counter: {} и {}. Общего счётчика нет — \
                 терять нечего, но и сложить результаты можно только явно передав их.",
                race.counter(0),
                race.counter(1)
            ),
            (Lang::En, true, _) => format!(
                "Done. Each process has its own counter: {} and {}. There is no shared counter — \
                 nothing to lose, but adding the results up takes sending them explicitly.",
                race.counter(0),
                race.counter(1)
            ),
            (Lang::Ru, false, 0) => {
                format!("Готово: ожидали {expected}, получили {got}. Ничего не потеряно.")
            }
            (Lang::En, false, 0) => {
                format!("Done: expected {expected}, got {got}. Nothing was lost.")
            }
            (Lang::Ru, false, n) => {
                format!("Готово: ожидали {expected}, получили {got}. Потеряно обновлений: {n}.")
            }
            (Lang::En, false, n) => {
                format!("Done: expected {expected}, got {got}. Updates lost: {n}.")
            }
        };
    }
    let Some(last) = race.history().last() else {
        return match lang {
            Lang::Ru => {
                "counter = 0. Запустите прогон или делайте шаги сами кнопками ниже.".to_owned()
            }
            Lang::En => "counter = 0. Play the run, or take the steps yourself below.".to_owned(),
        };
    };
    let step = STEP.get(lang);
    let who = worker_name(lang, processes, last.worker);
    let what = op_words(lang, last.op, last.tmp, last.counter);
    let n = race.history().len();
    let lost = match (lang, race.lost()) {
        (_, 0) => String::new(),
        (Lang::Ru, n) => format!(" Уже потеряно: {n}."),
        (Lang::En, n) => format!(" Lost so far: {n}."),
    };
    format!("{step} {n}: {who} {what}.{lost}")
}

/// The timeline of a whole race: one row per worker, one bar per step it took.
fn rows(lang: Lang, race: &Race) -> Vec<Row> {
    let processes = race.params().is_processes();
    let name = |w: usize| worker_name(lang, processes, w);
    let title = |w: usize, s: &Span| {
        let e = &race.history()[s.record];
        let what = op_words(lang, e.op, e.tmp, e.counter);
        format!("{} {}: {} {what}", STEP.get(lang), s.start + 1, name(w))
    };
    rows_of(race, name, title)
}

/// The buttons that take the next step by hand, one a thread.
fn hand_buttons(ctx: Ctx<RaceSim>) -> impl IntoView {
    let Ctx { lang, setup, moment: race, clock, .. } = ctx;
    let take_step = move |worker: usize| {
        let t = clock.tick.get_untracked();
        clock.playing.set(false);
        setup.update(|s| s.choose(t as usize, worker));
        clock.tick.set(t + 1);
    };
    (0..WORKERS)
        .map(|worker| {
            let text = move || {
                race.with(|r| {
                    let name = worker_name(lang, r.params().is_processes(), worker);
                    match r.can_step(worker) {
                        Ok(op) => {
                            format!("{name}: {}", code_line(op, r.params().lock == 1, lang).trim())
                        }
                        Err(Refusal::Finished) => format!("{name} {}", FINISHED.get(lang)),
                        Err(Refusal::WaitsForLock) => format!("{name} {}", WAITS.get(lang)),
                        Err(Refusal::WaitsForGil) => format!("{name} {}", WAITS_GIL.get(lang)),
                    }
                })
            };
            view! {
                <button
                    class="button secondary step-button"
                    data-worker=worker + 1
                    disabled=move || race.with(|r| r.can_step(worker).is_err())
                    on:click=move |_| take_step(worker)
                >
                    <code>{text}</code>
                </button>
            }
        })
        .collect_view()
}

/// The process's memory, or each process's: the counter, the lock and each thread's code.
fn memory(lang: Lang, r: &Race) -> AnyView {
    let p = r.params();
    let lock = p.lock == 1;
    let thread = |worker: usize| {
        let current = r.next_op(worker).map(|(op, _)| op);
        let round = r.next_op(worker).map_or(p.rounds, |(_, round)| round + 1);
        let lines = std::iter::once(format!("for _ in range({}):", p.rounds))
            .chain(p.ops().iter().map(|op| code_line(*op, lock, lang)))
            .enumerate()
            .map(|(i, line)| {
                let here = i > 0 && current == Some(p.ops()[i - 1]);
                view! {
                    <span class:current=here>{line}</span>
                    "\n"
                }
            })
            .collect_view();
        let name = worker_name(lang, false, worker);
        view! {
            <div class="thread" data-worker=worker + 1>
                <p class="thread-name">
                    {format!("{name} · tmp = {} · {round}/{}", r.tmp(worker), p.rounds)}
                </p>
                <pre class="thread-code"><code>{lines}</code></pre>
            </div>
        }
    };
    let process = |name: String, workers: Vec<usize>| {
        let first = workers[0];
        let lock_line = lock.then(|| match r.lock_holder(first) {
            Some(h) => format!("{} {}", LOCK_HELD.get(lang), h + 1),
            None => LOCK_FREE.get(lang).to_owned(),
        });
        view! {
            <div class="process">
                <p class="process-name">{name}</p>
                <p class="counter">"counter = " <output>{r.counter(first)}</output></p>
                <p class="lock-line">{lock_line}</p>
                <div class="threads">{workers.into_iter().map(thread).collect_view()}</div>
            </div>
        }
    };
    if p.is_processes() {
        (0..WORKERS)
            .map(|worker| {
                let name =
                    format!("{} · {}", worker_name(lang, true, worker), OWN_MEMORY.get(lang));
                process(name, vec![worker])
            })
            .collect_view()
            .into_any()
    } else {
        process(MEMORY.get(lang).to_owned(), (0..WORKERS).collect()).into_any()
    }
}

/// The simulation's own panels and settings.
fn panels(ctx: Ctx<RaceSim>) -> Parts {
    let Ctx { lang, mode, setup, run: whole_race, moment: race, narration, clock } = ctx;
    let hand_buttons = hand_buttons(ctx);
    let memory = move || race.with(|r| memory(lang, r));
    let rerun = move |_| {
        ctx.change(|s| {
            let seed = s.params.seed % 999 + 1;
            s.set_params(RaceParams { seed, ..s.params });
        })
    };
    Parts {
        before_player: None,
        after_player: Some(
            view! {
                <p class="moment race-moment">{narration}</p>
                <div class=move || if setup.with(|s| s.params.is_processes()) { "memory apart" } else { "memory" }>
                    {memory}
                </div>
                <div class="hand" role="group" aria-label=BY_HAND.get(lang)>
                    <p class="hint">{BY_HAND.get(lang)}</p>
                    <div class="task-buttons">{hand_buttons}</div>
                    <div class="task-buttons">
                        <button class="button secondary" on:click=rerun>{RERUN.get(lang)}</button>
                        <button class="button secondary" on:click=move |_| ctx.change(|s| s.order.clear())>
                            {CLEAR.get(lang)}
                        </button>
                    </div>
                </div>
            }
            .into_any(),
        ),
        settings: Some(
            view! {
            {setup_check(ctx, LOCK, |s| s.params.lock == 1, |s, on| {
                s.set_params(RaceParams { lock: u32::from(on), ..s.params })
            })}
            {setup_check(ctx, GIL, |s| s.params.gil == 1, |s, on| {
                s.set_params(RaceParams { gil: u32::from(on), ..s.params })
            })}
            <div class="sliders">
                {knob_sliders(ctx, &["rounds"], |s: &RaceSetup| s.params, RaceSetup::set_params)}
            </div>
        }
        .into_any(),
        ),
        panels: panel(
            lang,
            mode,
            PanelView {
                data: None,
                title: Signal::stored(TIMELINE.get(lang).to_owned()),
                moment: None,
                rows: Signal::derive(move || whole_race.with(|r| rows(lang, r))),
                length: clock.end,
                now: clock.tick.into(),
                unit: STEPS,
            },
        ),
        after_panels: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moment_tells_the_last_step_and_the_loss() {
        let p = RaceParams { rounds: 1, ..RaceParams::default() };
        let (race, _) = Race::replay(p, &[0, 1, 0, 1, 0]);
        assert_eq!(
            describe_moment(Lang::Ru, &race),
            "Шаг 5: Поток 1 записал tmp в counter: counter = 1."
        );
        let (race, _) = Race::replay(p, &[0, 1, 0, 1, 0, 1]);
        assert_eq!(describe_moment(Lang::En, &race), "Done: expected 2, got 1. Updates lost: 1.");
    }

    #[test]
    fn the_code_shows_the_lock_only_when_there_is_one() {
        assert_eq!(code_line(Op::Read, false, Lang::En), "    tmp = counter");
        assert_eq!(code_line(Op::Read, true, Lang::En), "        tmp = counter");
        assert_eq!(code_line(Op::Acquire, true, Lang::Ru), "    with lock:");
    }

    #[test]
    fn the_presets_words_follow_the_engines_presets() {
        let keys: Vec<_> = RaceSim::PRESETS.iter().map(|p| p.key).collect();
        let names: Vec<_> = engine::race::PRESETS.iter().map(|p| p.0).collect();
        assert_eq!(keys, names);
    }
}
