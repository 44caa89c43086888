//! Processes and threads: the memory picture, and a race on `counter += 1` the learner
//! interleaves by hand or lets a scheduler interleave; a lock fixes it, processes never share.

use super::{
    knob_sliders, read_moment, sync_url, Legend, Mode, OpenAlone, PanelTitle, ParamNotes,
    PresetRow, SimKind, MOMENT_KEY,
};
use crate::components::player::{Clock, Player};
use crate::components::timeline::{Bar, Row, Timeline};
use crate::i18n::{pick, use_lang, Lang};
use engine::params::{quote, Knobs, ParamIssue};
use engine::race::{
    format_order, parse_order, scheduler_order, Op, Race, RaceParams, Refusal, WORKERS,
};
use leptos::prelude::*;

/// Wall-clock milliseconds per step at 1×.
const PACE_MS: f64 = 700.0;
/// The query key of the order of steps.
const ORDER_KEY: &str = "order";

/// Ready-made races: name, lock, processes.
const PRESETS: [(&str, u32, u32); 3] = [("threads", 0, 0), ("lock", 1, 0), ("processes", 0, 1)];

/// How many ready-made races there are.
pub const PRESET_COUNT: usize = PRESETS.len();

struct Words {
    presets: &'static str,
    settings: &'static str,
    lock: &'static str,
    by_hand: &'static str,
    rerun: &'static str,
    clear: &'static str,
    memory: &'static str,
    own_memory: &'static str,
    lock_free: &'static str,
    lock_held: &'static str,
    finished: &'static str,
    waits: &'static str,
    legend: [&'static str; 4],
    steps: &'static str,
    step: &'static str,
    timeline: &'static str,
}

static RU: Words = Words {
    presets: "Готовые гонки",
    settings: "Настройки: раунды, блокировка",
    lock: "Защитить counter += 1 блокировкой (with lock)",
    by_hand: "Следующий шаг делает:",
    rerun: "Другой прогон планировщика",
    clear: "Начать вручную с нуля",
    memory: "Процесс: общая память потоков",
    own_memory: "своя память",
    lock_free: "lock: свободна",
    lock_held: "lock: у потока",
    finished: "закончил",
    waits: "ждёт lock",
    legend: ["читает counter", "прибавляет 1", "пишет counter", "берёт или отпускает lock"],
    steps: "шагов",
    step: "Шаг",
    timeline: "Шаги по порядку",
};

static EN: Words = Words {
    presets: "Ready-made races",
    settings: "Settings: rounds, lock",
    lock: "Protect counter += 1 with a lock (with lock)",
    by_hand: "The next step is taken by:",
    rerun: "Another scheduler run",
    clear: "Start over by hand",
    memory: "Process: memory the threads share",
    own_memory: "its own memory",
    lock_free: "lock: free",
    lock_held: "lock: held by thread",
    finished: "has finished",
    waits: "waits for the lock",
    legend: ["reads counter", "adds 1", "writes counter", "takes or lets go of the lock"],
    steps: "steps",
    step: "Step",
    timeline: "Steps in order",
};

fn words(lang: Lang) -> &'static Words {
    pick(lang, &RU, &EN)
}

/// A parameter's name for the learner.
pub fn label(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ru, "rounds") => "Раундов counter += 1 у каждого",
        (Lang::Ru, "lock") => "Блокировка",
        (Lang::Ru, "processes") => "Процессы вместо потоков",
        (Lang::Ru, "seed") => "Прогон планировщика",
        (Lang::Ru, ORDER_KEY) => "Порядок шагов (номера потоков)",
        (Lang::Ru, MOMENT_KEY) => "Шаг",
        (Lang::Ru, _) => "Параметр",
        (Lang::En, "rounds") => "Rounds of counter += 1 each",
        (Lang::En, "lock") => "Lock",
        (Lang::En, "processes") => "Processes instead of threads",
        (Lang::En, "seed") => "Scheduler run",
        (Lang::En, ORDER_KEY) => "Order of steps (thread numbers)",
        (Lang::En, MOMENT_KEY) => "Step",
        (Lang::En, _) => "Parameter",
    }
}

fn preset_name(lang: Lang, name: &str) -> &'static str {
    match (lang, name) {
        (Lang::Ru, "threads") => "Два потока",
        (Lang::Ru, "lock") => "Два потока и lock",
        (Lang::Ru, "processes") => "Два процесса",
        (Lang::En, "threads") => "Two threads",
        (Lang::En, "lock") => "Two threads and a lock",
        (Lang::En, "processes") => "Two processes",
        _ => "",
    }
}

fn worker_name(lang: Lang, processes: bool, w: usize) -> String {
    let word = match (lang, processes) {
        (Lang::Ru, false) => "Поток",
        (Lang::Ru, true) => "Процесс",
        (Lang::En, false) => "Thread",
        (Lang::En, true) => "Process",
    };
    format!("{word} {}", w + 1)
}

/// The program each worker runs, one line per step, after the loop's header.
fn code_line(op: Op, lock: bool, lang: Lang) -> String {
    let indent = if lock { "        " } else { "    " };
    match op {
        Op::Acquire => "    with lock:".to_owned(),
        Op::Read => format!("{indent}tmp = counter"),
        Op::Add => format!("{indent}tmp = tmp + 1"),
        Op::Write => format!("{indent}counter = tmp"),
        Op::Release if lang == Lang::Ru => "    # конец with: lock отпущена".to_owned(),
        Op::Release => "    # end of with: lock let go".to_owned(),
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
    let step = words(lang).step;
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
    let mut rows: Vec<Row> = (0..WORKERS)
        .map(|w| Row { name: worker_name(lang, processes, w), bars: Vec::new() })
        .collect();
    for (i, e) in race.history().iter().enumerate() {
        let (kind, label) = match e.op {
            Op::Read => ("mix", e.tmp.to_string()),
            Op::Add => ("decorate", String::new()),
            Op::Write => ("bake", format!("={}", e.counter)),
            Op::Acquire | Op::Release => ("held", String::new()),
        };
        let who = worker_name(lang, processes, e.worker);
        let title = format!(
            "{} {}: {who} {}",
            words(lang).step,
            i + 1,
            op_words(lang, e.op, e.tmp, e.counter)
        );
        let start = i as u32;
        rows[e.worker].bars.push(Bar { start, end: start + 1, kind, label, title });
    }
    rows
}

/// Reads the order of steps from the query, or lets the scheduler choose one.
fn read_order<'a>(
    params: RaceParams,
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
    issues: &mut Vec<ParamIssue>,
) -> Vec<usize> {
    let Some((_, text)) = pairs.filter(|(k, _)| *k == ORDER_KEY).last() else {
        return scheduler_order(params);
    };
    let (order, problem) = parse_order(text);
    if problem.is_some() {
        let rest: String = text.chars().filter(|c| !c.is_whitespace()).skip(order.len()).collect();
        let kept = order.len() as u32;
        issues.push(ParamIssue::LeftOut { key: ORDER_KEY, value: quote(&rest), kept });
    }
    // Choices that cannot be taken (a finished worker, one waiting for the lock) are dropped.
    let (_, skipped) = Race::replay(params, &order);
    if !skipped.is_empty() {
        let steps: Vec<String> = skipped.iter().map(|i| (i + 1).to_string()).collect();
        let kept = (order.len() - skipped.len()) as u32;
        issues.push(ParamIssue::LeftOut { key: ORDER_KEY, value: quote(&steps.join(", ")), kept });
    }
    order.into_iter().enumerate().filter(|(i, _)| !skipped.contains(i)).map(|(_, w)| w).collect()
}

/// Whether the steps `race` has taken are the first of `order`.
fn continues(race: &Race, order: &[usize]) -> bool {
    let taken = race.history();
    taken.len() <= order.len()
        && taken.iter().map(|e| e.worker).eq(order[..taken.len()].iter().copied())
}

/// The race simulation: memory picture, hand or scheduler interleaving, timeline and result.
#[component]
pub fn RaceSim(
    /// Parameters as `key=value` pairs from a URL or a directive.
    query: Vec<(String, String)>,
    /// Where it is shown.
    mode: Mode,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let w = words(lang);
    let pairs = || query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let (initial, mut issues) = RaceParams::read(pairs(), &[MOMENT_KEY, ORDER_KEY]);
    let first_order = read_order(initial, pairs(), &mut issues);
    let start = read_moment(pairs(), first_order.len() as u32, &mut issues);

    let params = RwSignal::new(initial);
    let order = RwSignal::new(first_order);
    let clock =
        Clock::new(start, Signal::derive(move || order.with(Vec::len) as u32)).with_pace(PACE_MS);
    // Playing forward takes the steps since the previous moment on the previous race, which is
    // taken over rather than copied; a moment before it, or another order, is replayed.
    let race = Memo::new_owning(move |previous: Option<Race>| {
        let t = clock.tick.get() as usize;
        let p = params.get();
        let race = order.with(|o| {
            let o = &o[..t.min(o.len())];
            match previous {
                Some(mut race) if race.params() == p && continues(&race, o) => {
                    for &worker in &o[race.history().len()..] {
                        if race.step(worker).is_err() {
                            break;
                        }
                    }
                    race
                }
                _ => Race::replay(p, o).0,
            }
        });
        (race, true)
    });
    // The race to its last step, for the chart: made once per order of steps.
    let whole_race = Memo::new(move |_| order.with(|o| Race::replay(params.get(), o).0));
    sync_url(SimKind::Race, mode, clock, move |moment| {
        query_pairs(params.get(), &order.get(), moment)
    });

    // New settings: the scheduler interleaves afresh, from the start.
    let rerun = move || {
        order.set(scheduler_order(params.get_untracked()));
        clock.reset();
    };
    Effect::watch(move || params.get(), move |_, _, _| rerun(), false);

    let active = Memo::new(move |_| {
        let p = params.get();
        PRESETS.iter().find(|(_, lock, proc)| p.lock == *lock && p.processes == *proc).map(|p| p.0)
    });

    let take_step = move |worker: usize| {
        let t = clock.tick.get_untracked() as usize;
        clock.playing.set(false);
        order.update(|o| {
            o.truncate(t);
            o.push(worker);
        });
        clock.tick.set(t as u32 + 1);
    };
    let hand_buttons = (0..WORKERS)
        .map(|worker| {
            let text = move || {
                race.with(|r| {
                    let name = worker_name(lang, r.params().is_processes(), worker);
                    match r.can_step(worker) {
                        Ok(op) => {
                            format!("{name}: {}", code_line(op, r.params().lock == 1, lang).trim())
                        }
                        Err(Refusal::Finished) => format!("{name} {}", w.finished),
                        Err(Refusal::WaitsForLock) => format!("{name} {}", w.waits),
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
        .collect_view();

    let memory = move || {
        race.with(|r| {
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
                    Some(h) => format!("{} {}", w.lock_held, h + 1),
                    None => w.lock_free.to_owned(),
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
                            format!("{} · {}", worker_name(lang, true, worker), w.own_memory);
                        process(name, vec![worker])
                    })
                    .collect_view()
                    .into_any()
            } else {
                process(w.memory.to_owned(), (0..WORKERS).collect()).into_any()
            }
        })
    };

    view! {
        <div class="sim race">
            <ParamNotes issues=issues label=label />
            <PresetRow
                kind=SimKind::Race
                label=w.presets
                presets=PRESETS.iter().map(|p| (p.0, preset_name(lang, p.0))).collect()
                pressed=active
                on_pick=Callback::new(move |name| {
                    if let Some((_, lock, processes)) = PRESETS.iter().find(|p| p.0 == name) {
                        params.update(|p| {
                            p.lock = *lock;
                            p.processes = *processes;
                        });
                    }
                })
            />
            <Player
                clock=clock
                unit=w.steps
                narration=Signal::derive(move || race.with(|r| describe_moment(lang, r)))
            />
            <p class="moment race-moment">{move || race.with(|r| describe_moment(lang, r))}</p>
            <div class=move || if params.get().is_processes() { "memory apart" } else { "memory" }>
                {memory}
            </div>
            <div class="hand" role="group" aria-label=w.by_hand>
                <p class="hint">{w.by_hand}</p>
                <div class="task-buttons">{hand_buttons}</div>
                <div class="task-buttons">
                    <button class="button secondary" on:click=move |_| params.update(|p| p.seed = p.seed % 999 + 1)>
                        {w.rerun}
                    </button>
                    <button class="button secondary" on:click=move |_| {
                        order.set(Vec::new());
                        clock.reset();
                    }>
                        {w.clear}
                    </button>
                </div>
            </div>
            <details class="settings">
                <summary>{w.settings}</summary>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || params.get().lock == 1
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            params.update(|p| p.lock = u32::from(on));
                        }
                    />
                    {w.lock}
                </label>
                <div class="sliders">{knob_sliders("race", mode, &["rounds"], params, clock, label)}</div>
            </details>
            <Legend kinds=&["mix", "decorate", "bake", "held"] names=&w.legend />
            <section class="scenario">
                <PanelTitle mode=mode text=w.timeline />
                <Timeline
                    rows=Signal::derive(move || whole_race.with(|r| rows(lang, r)))
                    length=clock.end
                    now=clock.tick
                    unit=w.steps
                    title=Signal::stored(SimKind::Race.title(lang).to_owned())
                />
            </section>
            <OpenAlone
                kind=SimKind::Race
                mode=mode
                query=Signal::derive(move || query_pairs(params.get(), &order.get(), None))
            />
        </div>
    }
}

/// The query that reproduces the settings and the order (and the moment, if any).
fn query_pairs(
    params: RaceParams,
    order: &[usize],
    moment: Option<u32>,
) -> Vec<(&'static str, String)> {
    let mut pairs = params.pairs();
    pairs.push((ORDER_KEY, format_order(order)));
    pairs.extend(moment.map(|t| (MOMENT_KEY, t.to_string())));
    pairs
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
    fn a_bad_order_is_cut_and_reported() {
        let p = RaceParams { rounds: 1, lock: 1, ..RaceParams::default() };
        let mut issues = Vec::new();
        let order = read_order(p, [("order", "1212x")].into_iter(), &mut issues);
        // Thread 2 cannot take the lock thread 1 holds: its two choices are dropped.
        assert_eq!(order, [0, 0]);
        assert_eq!(issues.len(), 2);
    }

    #[test]
    fn the_code_shows_the_lock_only_when_there_is_one() {
        assert_eq!(code_line(Op::Read, false, Lang::En), "    tmp = counter");
        assert_eq!(code_line(Op::Read, true, Lang::En), "        tmp = counter");
        assert_eq!(code_line(Op::Acquire, true, Lang::Ru), "    with lock:");
    }
}
