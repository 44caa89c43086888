//! The GIL: the same jobs one after another, in threads under one GIL, and in processes on
//! the machine's cores, on one time axis, with who holds the GIL and the totals side by side.

use super::predict::Prediction;
use super::registry::{SimKind, MOMENT_KEY};
use super::shell::{
    apply_named, figures_table, panel, preset_named, read_knobs, slider_settings, Charts, Ctx,
    PanelView, Parts, PresetWords, ShellWords, Sim,
};
use crate::components::player::Clock;
use crate::components::timeline::{rows_of, Row};
use crate::i18n::{ru_count, Lang, Tr};
use engine::gil::{goals_reached, threads_guess, Doing, GilParams, Run, Totals, Way, Who, PRESETS};
use engine::guess::Compared;
use engine::params::{Knobs, ParamIssue};
use engine::trace::{Span, Work};
use leptos::prelude::*;

/// Milliseconds in words.
const UNIT: Tr = Tr("мс", "ms");

/// The GIL for the shell.
pub struct GilSim;

impl Sim for GilSim {
    type Setup = GilParams;
    /// Each way's run.
    type Run = [Run; 4];

    const KIND: SimKind = SimKind::Gil;
    /// Wall-clock milliseconds per simulated millisecond at 1×.
    const PACE_MS: f64 = 60.0;
    const WORDS: ShellWords = ShellWords {
        presets: Tr("Готовые наборы", "Ready-made sets"),
        unit: UNIT,
        legend: &[
            (Work::Runs, Tr("выполняет Python", "runs Python")),
            (Work::WaitsIo, Tr("ждёт ввода-вывода", "waits for I/O")),
            (Work::Ready, Tr("ждёт GIL или ядра", "waits for the GIL or a core")),
            (Work::Starts, Tr("запуск процесса", "process starts")),
            (Work::Switches, Tr("перехватывает GIL", "takes the GIL over")),
            (Work::Holds, Tr("держит GIL", "holds the GIL")),
        ],
        idle: None,
        legend_note: None,
        hint: Some(Tr(
            "Выберите набор или поменяйте задачи и ядра в настройках.",
            "Pick a set, or change the jobs and cores in the settings.",
        )),
        settings: Some(Tr(
            "Настройки: задачи, ядра, интервал и цена передачи GIL, сборка без GIL",
            "Settings: jobs, cores, the GIL’s interval and hand-off cost, the free-threaded build",
        )),
    };
    const LABELS: &'static [(&'static str, Tr)] = &[
        (
            "io",
            Tr("Задачи ввода-вывода (1) или вычислений (0)", "I/O-bound (1) or CPU-bound (0) jobs"),
        ),
        ("jobs", Tr("Задач", "Jobs")),
        ("work", Tr("Вычислений в задаче, мс", "Computing per job, ms")),
        ("wait", Tr("Ожидание сети в задаче, мс", "Network wait per job, ms")),
        ("interval", Tr("Интервал переключения GIL, мс", "GIL switch interval, ms")),
        ("cores", Tr("Ядер", "Cores")),
        ("spawn", Tr("Запуск процесса, мс", "Starting a process, ms")),
        (
            "handoff",
            Tr(
                "Передача GIL другому потоку, мс (на деле — микросекунды)",
                "Handing the GIL to another thread, ms (really microseconds)",
            ),
        ),
        (
            "ftcost",
            Tr(
                "Сборка без GIL медленнее на один поток, %",
                "The free-threaded build’s single-thread cost, %",
            ),
        ),
        (MOMENT_KEY, Tr("Миллисекунда", "Millisecond")),
    ];
    const PRESETS: &'static [PresetWords] = &[
        PresetWords {
            key: "cpu",
            name: Tr("Вычисления, 2 ядра", "Computing, 2 cores"),
            notice: Some(Tr(
                "Потоки по очереди передают GIL каждые 5 мс и не быстрее последовательного кода; \
                 процессы на двух ядрах — почти вдвое быстрее.",
                "The threads hand the GIL over every 5 ms and are no faster than sequential code; \
                 processes on two cores take about half the time.",
            )),
        },
        PresetWords {
            key: "one-core",
            name: Tr("Вычисления, 1 ядро", "Computing, 1 core"),
            notice: Some(Tr(
                "Одно ядро: процессам негде работать параллельно, и запуск каждого только \
                 добавляет времени.",
                "One core: processes have nowhere to run in parallel, and starting each one only \
                 adds time.",
            )),
        },
        PresetWords {
            key: "io",
            name: Tr("Ввод-вывод", "I/O"),
            notice: Some(Tr(
                "Пока поток ждёт сеть, он отпускает GIL: ожидания потоков совмещаются, и потоки \
                 выигрывают не хуже процессов.",
                "While a thread waits for the network it lets go of the GIL: the threads' waits \
                 overlap, and threads do as well as processes.",
            )),
        },
        PresetWords {
            key: "many",
            name: Tr("8 задач, 4 ядра", "8 jobs, 4 cores"),
            notice: Some(Tr(
                "Восемь задач на четырёх ядрах: процессы работают по четыре сразу, потоки — по \
                 одному.",
                "Eight jobs on four cores: processes run four at a time, threads one at a time.",
            )),
        },
    ];

    fn read(pairs: &[(&str, &str)], issues: &mut Vec<ParamIssue>) -> GilParams {
        read_knobs(pairs, issues)
    }

    fn query(setup: &GilParams) -> Vec<(&'static str, String)> {
        setup.pairs()
    }

    fn run(setup: &GilParams) -> [Run; 4] {
        Way::ALL.map(|way| Run::of(way, *setup))
    }

    fn end(run: &[Run; 4]) -> u32 {
        run.iter().map(Run::total).max().unwrap_or(0)
    }

    /// The millisecond: every way's run is known whole.
    type Moment = u32;

    fn moment(_: Option<u32>, _: &GilParams, _: &[Run; 4], tick: u32) -> u32 {
        tick
    }

    fn narrate(lang: Lang, p: &GilParams, runs: &[Run; 4], _: &u32, now: u32) -> String {
        let each = Way::ALL.into_iter().zip(runs).map(|(way, run)| {
            format!("{}: {}", way_name(lang, way), describe_moment(lang, run, p.jobs as usize, now))
        });
        each.collect::<Vec<_>>().join(" ")
    }

    fn predict(lang: Lang, p: &GilParams, runs: &[Run; 4]) -> Option<Prediction> {
        Some(predict(lang, *p, &Totals::of_runs(runs)))
    }

    fn charts(lang: Lang, params: &GilParams, runs: &[Run; 4]) -> Charts {
        let panels = Way::ALL
            .into_iter()
            .zip(runs)
            .map(|(way, run)| (way_title(lang, way, *params), rows(lang, run)))
            .collect();
        Charts { panels, length: Self::end(runs), unit: UNIT }
    }

    fn goals_reached(p: &GilParams, runs: &[Run; 4]) -> Vec<&'static str> {
        goals_reached(*p, &Totals::of_runs(runs))
    }

    fn parts(ctx: Ctx<GilSim>) -> Parts {
        panels(ctx)
    }

    fn apply_preset(setup: &mut GilParams, name: &str) {
        apply_named(&PRESETS, setup, name);
    }

    fn before_player_still(lang: Lang, p: &GilParams) -> String {
        let kinds = KINDS.map(|(io, text)| (text.get(lang), p.io == io));
        super::controls::choice_row_html(KIND.get(lang), true, &kinds)
    }

    fn preset_of(setup: &GilParams) -> Option<&'static str> {
        preset_named(&PRESETS, setup)
    }
}

/// The question before the jobs run: how long the threads take against one thread, and why.
fn predict(lang: Lang, p: GilParams, totals: &Totals) -> Prediction {
    let guess = threads_guess(totals);
    let n = p.jobs;
    let options = guess
        .options
        .iter()
        .map(|c| match (lang, c) {
            (Lang::Ru, Compared::Faster) => "Заметно быстрее".to_owned(),
            (Lang::En, Compared::Faster) => "Clearly faster".to_owned(),
            (Lang::Ru, Compared::Same) => "Примерно столько же".to_owned(),
            (Lang::En, Compared::Same) => "About as long".to_owned(),
            (Lang::Ru, Compared::Slower) => "Дольше".to_owned(),
            (Lang::En, Compared::Slower) => "Longer".to_owned(),
        })
        .collect();
    let kind = if p.is_io() {
        Tr("ждут сети (ввод-вывод)", "wait for the network (I/O-bound)")
    } else {
        Tr("считают на Python (нагружают процессор)", "compute in Python (CPU-bound)")
    };
    let question = match lang {
        Lang::Ru => format!(
            "Задачи {}: {n}. Сколько времени займут {} против одного потока, который \
             выполняет их по очереди?",
            kind.get(lang),
            ru_count(n, ["поток", "потока", "потоков"]),
        ),
        Lang::En => format!(
            "Jobs that {}: {n}. How long will {n} threads take, against one thread doing \
             them in turn?",
            kind.get(lang)
        ),
    };
    let [one, threads, processes, free] = totals.ms;
    let figures = match lang {
        Lang::Ru => format!(
            "Один поток: {one} мс, потоки: {threads} мс, процессы: {processes} мс, потоки без \
             GIL: {free} мс."
        ),
        Lang::En => format!(
            "One thread: {one} ms, threads: {threads} ms, processes: {processes} ms, \
             free-threaded: {free} ms."
        ),
    };
    let reason = if p.is_io() {
        Tr(
            "Ожидая сеть, поток отпускает GIL, и ожидания потоков идут одновременно.",
            "A thread releases the GIL while it waits for the network, so the threads’ waits \
             overlap.",
        )
    } else {
        Tr(
            "Байт-код Python выполняет только поток, держащий GIL, так что потоки считают по \
             очереди, а каждая передача GIL ещё и стоит времени. У каждого процесса свой GIL, \
             и процессы считают на разных ядрах, если ядер хватает и запуск окупается; в \
             сборке без GIL так же работают и потоки, только каждый чуть медленнее.",
            "Only the thread holding the GIL runs Python bytecode, so the threads compute in \
             turn, and each hand-off of the GIL costs time too. Each process has its own GIL, \
             and processes compute on separate cores if there are enough and starting pays \
             off; in the free-threaded build threads do the same, each a little slower.",
        )
    };
    let why = format!("{figures} {}", reason.get(lang));
    Prediction { question, options, answer: guess.answer, why }
}

/// The way's name in URLs and test selectors.
fn way_slug(way: Way) -> &'static str {
    match way {
        Way::Sequential => "sequential",
        Way::Threads => "threads",
        Way::Processes => "processes",
        Way::FreeThreaded => "free-threaded",
    }
}

fn way_name(lang: Lang, way: Way) -> &'static str {
    match way {
        Way::Sequential => Tr("По очереди", "One by one"),
        Way::Threads => Tr("Потоки", "Threads"),
        Way::Processes => Tr("Процессы", "Processes"),
        Way::FreeThreaded => Tr("Без GIL", "Free-threaded"),
    }
    .get(lang)
}

fn way_title(lang: Lang, way: Way, p: GilParams) -> String {
    let name = way_name(lang, way);
    let s = |n: u32| if n == 1 { "" } else { "s" };
    match (lang, way) {
        (Lang::Ru, Way::Sequential) => format!("{name}: один поток, задачи одна за другой"),
        (Lang::Ru, Way::Threads) => {
            format!(
                "{name}: {} в одном процессе, один GIL",
                ru_count(p.jobs, ["поток", "потока", "потоков"])
            )
        }
        (Lang::Ru, Way::Processes) => format!(
            "{name}: {}, у каждого свой GIL; {}",
            ru_count(p.jobs, ["процесс", "процесса", "процессов"]),
            ru_count(p.cores, ["ядро", "ядра", "ядер"])
        ),
        (Lang::En, Way::Sequential) => format!("{name}: one thread, one job after another"),
        (Lang::En, Way::Threads) => {
            format!("{name}: {} thread{} in one process, one GIL", p.jobs, s(p.jobs))
        }
        (Lang::En, Way::Processes) => format!(
            "{name}: {} process{}, each with its own GIL; {} core{}",
            p.jobs,
            if p.jobs == 1 { "" } else { "es" },
            p.cores,
            s(p.cores)
        ),
        (Lang::Ru, Way::FreeThreaded) => format!(
            "{name}: {} без GIL (3.14t), на {}, каждый медленнее на {} %",
            ru_count(p.jobs, ["поток", "потока", "потоков"]),
            ru_count(p.cores, ["ядре", "ядрах", "ядрах"]),
            p.ftcost
        ),
        (Lang::En, Way::FreeThreaded) => format!(
            "{name}: {} thread{} with no GIL (3.14t) on {} core{}, each {} % slower",
            p.jobs,
            s(p.jobs),
            p.cores,
            s(p.cores),
            p.ftcost
        ),
    }
}

/// Who does a job in this way: "Поток 2".
fn worker_name(lang: Lang, way: Way, job: usize) -> String {
    let word = match way {
        Way::Sequential => Tr("Задача", "Job"),
        Way::Threads => Tr("Поток", "Thread"),
        Way::Processes => Tr("Процесс", "Process"),
        Way::FreeThreaded => Tr("Поток", "Thread"),
    };
    format!("{} {}", word.get(lang), job + 1)
}

/// What the job does, in words.
fn doing_words(lang: Lang, way: Way, doing: Doing) -> &'static str {
    match doing {
        Doing::Running => Tr("выполняет Python", "runs Python"),
        Doing::Waiting => Tr("ждёт ввода-вывода", "waits for I/O"),
        Doing::Ready if matches!(way, Way::Processes | Way::FreeThreaded) => {
            Tr("ждёт ядра", "waits for a core")
        }
        Doing::Ready => Tr("ждёт GIL", "waits for the GIL"),
        Doing::Starting => Tr("запускается", "starts up"),
        Doing::TakingGil => Tr("перехватывает GIL", "takes the GIL over"),
    }
    .get(lang)
}

/// The way's rows: the GIL's (one GIL for the whole process), then one per job.
fn rows(lang: Lang, run: &Run) -> Vec<Row> {
    let unit = UNIT.get(lang);
    let name = |who: Who| match who {
        Who::Job(job) => worker_name(lang, run.way, job),
        Who::Gil => "GIL".to_owned(),
    };
    let title = |who: Who, s: &Span| match who {
        Who::Job(job) => {
            let word = doing_words(lang, run.way, run.spans[s.record].doing);
            format!("{}: {word}, {}–{} {unit}", worker_name(lang, run.way, job), s.start, s.end)
        }
        Who::Gil => {
            let holder = worker_name(lang, run.way, run.gil[s.record].job);
            let holds = Tr("держит GIL", "holds the GIL").get(lang);
            format!("{holder} {holds}, {}–{} {unit}", s.start, s.end)
        }
    };
    rows_of(run, name, title)
}

/// How many jobs a moment's sentence names; past it, the others are counted.
const DESCRIBED_JOBS: usize = 4;

/// What each job is doing at `now`, as one sentence for the panel and screen readers.
pub fn describe_moment(lang: Lang, run: &Run, jobs: usize, now: u32) -> String {
    let unit = UNIT.get(lang);
    if now >= run.total() {
        return match lang {
            Lang::Ru => format!("Все задачи готовы за {} {unit}.", run.total()),
            Lang::En => format!("All jobs are done in {} {unit}.", run.total()),
        };
    }
    let mut parts: Vec<String> = (0..jobs.min(DESCRIBED_JOBS))
        .filter_map(|job| {
            let name = worker_name(lang, run.way, job);
            let doing = run.doing_at(job, now)?;
            Some(format!("{name} {}", doing_words(lang, run.way, doing)))
        })
        .collect();
    if jobs > DESCRIBED_JOBS {
        let more = jobs - DESCRIBED_JOBS;
        parts.push(match lang {
            Lang::Ru => format!("и ещё {more}"),
            Lang::En => format!("and {more} more"),
        });
    }
    let at = GilSim::label(lang, MOMENT_KEY);
    format!("{at} {now}. {}.", parts.join("; "))
}

/// The simulation's own panels and settings.
fn panels(ctx: Ctx<GilSim>) -> Parts {
    let Ctx { lang, mode, setup: params, run: runs, clock, .. } = ctx;
    let jobs = move || params.get().jobs as usize;
    let panels = Way::ALL
        .into_iter()
        .enumerate()
        .map(|(i, way)| {
            let moment =
                move || runs.with(|r| describe_moment(lang, &r[i], jobs(), clock.tick.get()));
            let p = PanelView {
                data: Some(("data-way", way_slug(way))),
                title: Signal::derive(move || way_title(lang, way, params.get())),
                moment: Some(Signal::derive(moment)),
                rows: Signal::derive(move || runs.with(|r| rows(lang, &r[i]))),
                length: clock.end,
                now: clock.tick.into(),
                unit: UNIT,
            };
            panel(lang, mode, p)
        })
        .collect_view();

    let keys = ["jobs", "work", "wait", "interval", "cores", "spawn", "handoff", "ftcost"];
    Parts {
        before_player: Some(kind_buttons(ctx)),
        after_player: None,
        settings: slider_settings(ctx, &keys, |p| *p, |p, k| *p = k),
        panels: view! { <div class="scenarios">{panels}</div> }.into_any(),
        after_panels: Some(totals_table(lang, runs, clock)),
    }
}

/// The choice of the jobs' kind: computing or waiting for the network.
fn kind_buttons(ctx: Ctx<GilSim>) -> AnyView {
    let Ctx { lang, setup: params, .. } = ctx;
    let kind_button = move |io: u32, text: Tr| {
        view! {
            <button
                class="preset"
                aria-pressed=move || (params.get().io == io).to_string()
                on:click=move |_| ctx.change(|p| p.io = io)
            >
                {text.get(lang)}
            </button>
        }
    };
    view! {
        <div class="presets" role="group" aria-label=KIND.get(lang)>
            <span class="group-label" aria-hidden="true">{KIND.get(lang)}</span>
            {KINDS.map(|(io, text)| kind_button(io, text))}
        </div>
    }
    .into_any()
}

/// The row that picks the jobs' kind: its name, and each kind's `io` and words.
const KIND: Tr = Tr("Какие задачи", "Which jobs");
const KINDS: [(u32, Tr); 2] = [
    (0, Tr("Вычисления: fib(n)", "Computing: fib(n)")),
    (1, Tr("Ввод-вывод: запрос по сети", "I/O: a network request")),
];

/// Each way's total, its speed-up over one by one, and its hand-offs, once it has finished.
fn totals_table(lang: Lang, runs: Memo<[Run; 4]>, clock: Clock) -> AnyView {
    const CAPTION: Tr = Tr(
        "Итоги: сколько миллисекунд занял каждый способ",
        "Totals: how many milliseconds each way took",
    );
    const WAY: Tr = Tr("Способ", "Way");
    const TOTAL: Tr = Tr("Всего и ускорение", "Total and speed-up");
    const SWITCHES: Tr = Tr("Передач GIL или ядра", "GIL or core hand-offs");
    // Which ways have finished: the totals are redrawn when one does, not on every tick.
    let finished = Memo::new(move |_| {
        let now = clock.tick.get();
        runs.with(|runs| runs.each_ref().map(|run| now >= run.total()))
    });
    let rows = move || {
        let finished = finished.get();
        let unit = UNIT.get(lang);
        runs.with(|runs| {
            let totals = Totals::of_runs(runs);
            Way::ALL
                .into_iter()
                .zip(runs)
                .zip(finished)
                .map(|((way, run), done)| {
                    let (total, speedup, switches) = if done {
                        let tenths = totals.speedup_tenths(way);
                        let times = format!("{}.{}×", tenths / 10, tenths % 10);
                        (format!("{} {unit}", run.total()), times, run.switches.to_string())
                    } else {
                        ("…".to_owned(), String::new(), "…".to_owned())
                    };
                    view! {
                        <tr data-way=way_slug(way)>
                            <th scope="row">{way_name(lang, way)}</th>
                            <td>
                                <span class="total">{total}</span>
                                " "
                                <span class="saved speedup">{speedup}</span>
                            </td>
                            <td class="switches">{switches}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    figures_table(lang, "totals", CAPTION, &[WAY, TOTAL, SWITCHES], rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moment_names_who_holds_the_gil_and_who_waits() {
        let p = GilParams { work: 12, ..GilParams::default() };
        let run = Run::of(Way::Threads, p);
        assert_eq!(
            describe_moment(Lang::Ru, &run, 2, 6),
            "Миллисекунда 6. Поток 1 ждёт GIL; Поток 2 выполняет Python."
        );
        assert_eq!(
            describe_moment(Lang::En, &run, 2, 5),
            "Millisecond 5. Thread 1 waits for the GIL; Thread 2 takes the GIL over."
        );
        assert_eq!(describe_moment(Lang::En, &run, 2, 29), "All jobs are done in 29 ms.");
    }

    #[test]
    fn the_gil_row_shows_each_holder() {
        let p = GilParams { work: 12, ..GilParams::default() };
        let rows = rows(Lang::En, &Run::of(Way::Threads, p));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].name, "GIL", "the shared lane first");
        let gil: Vec<_> = rows[0].bars.iter().map(|b| (b.label.as_str(), b.start, b.end)).collect();
        assert_eq!(&gil[..2], [("1", 0, 5), ("2", 6, 11)], "a millisecond to hand the GIL over");
        assert_eq!(rows[0].bars[0].title, "Thread 1 holds the GIL, 0–5 ms");
        let processes = super::rows(Lang::En, &Run::of(Way::Processes, p));
        assert_eq!(processes.len(), 2, "processes have no shared GIL row");
    }

    #[test]
    fn the_presets_words_follow_the_engines_presets() {
        let keys: Vec<_> = GilSim::PRESETS.iter().map(|p| p.key).collect();
        let names: Vec<_> = PRESETS.iter().map(|(name, _)| *name).collect();
        assert_eq!(keys, names);
    }
}
