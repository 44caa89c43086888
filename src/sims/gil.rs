//! The GIL: the same jobs one after another, in threads under one GIL, and in processes on
//! the machine's cores, on one time axis, with who holds the GIL and the totals side by side.

use super::{
    knob_query, knob_sliders, read_moment, sync_url, Legend, Mode, OpenAlone, PanelTitle,
    ParamNotes, PresetRow, SimKind, MOMENT_KEY,
};
use crate::components::player::{Clock, Player};
use crate::components::timeline::{Bar, Row, Timeline};
use crate::i18n::{pick, use_lang, Lang};
use engine::gil::{Doing, GilParams, Run, Totals, Way, PRESETS};
use engine::params::Knobs;
use leptos::prelude::*;

/// Wall-clock milliseconds per simulated millisecond at 1×.
const PACE_MS: f64 = 60.0;

/// The simulation's fixed words in one language.
struct Words {
    presets: &'static str,
    hint: &'static str,
    kind: &'static str,
    cpu_job: &'static str,
    io_job: &'static str,
    settings: &'static str,
    legend: [&'static str; 5],
    caption: &'static str,
    way: &'static str,
    total: &'static str,
    switches: &'static str,
    unit: &'static str,
}

static RU: Words = Words {
    presets: "Готовые наборы",
    hint: "Выберите набор или поменяйте задачи и ядра в настройках.",
    kind: "Какие задачи",
    cpu_job: "Вычисления: fib(n)",
    io_job: "Ввод-вывод: запрос по сети",
    settings: "Настройки: задачи, ядра, интервал переключения",
    legend: [
        "выполняет Python",
        "ждёт ввода-вывода",
        "ждёт GIL или ядра",
        "запуск процесса",
        "держит GIL",
    ],
    caption: "Итоги: сколько миллисекунд занял каждый способ",
    way: "Способ",
    total: "Всего и ускорение",
    switches: "Передач GIL или ядра",
    unit: "мс",
};

static EN: Words = Words {
    presets: "Ready-made sets",
    hint: "Pick a set, or change the jobs and cores in the settings.",
    kind: "Which jobs",
    cpu_job: "Computing: fib(n)",
    io_job: "I/O: a network request",
    settings: "Settings: jobs, cores, switch interval",
    legend: [
        "runs Python",
        "waits for I/O",
        "waits for the GIL or a core",
        "process starts",
        "holds the GIL",
    ],
    caption: "Totals: how many milliseconds each way took",
    way: "Way",
    total: "Total and speed-up",
    switches: "GIL or core hand-offs",
    unit: "ms",
};

fn words(lang: Lang) -> &'static Words {
    pick(lang, &RU, &EN)
}

/// A parameter's name for the learner.
pub fn label(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ru, "io") => "Задачи ввода-вывода (1) или вычислений (0)",
        (Lang::Ru, "jobs") => "Задач",
        (Lang::Ru, "work") => "Вычислений в задаче, мс",
        (Lang::Ru, "wait") => "Ожидание сети в задаче, мс",
        (Lang::Ru, "interval") => "Интервал переключения GIL, мс",
        (Lang::Ru, "cores") => "Ядер",
        (Lang::Ru, "spawn") => "Запуск процесса, мс",
        (Lang::Ru, MOMENT_KEY) => "Миллисекунда",
        (Lang::Ru, _) => "Параметр",
        (Lang::En, "io") => "I/O-bound (1) or CPU-bound (0) jobs",
        (Lang::En, "jobs") => "Jobs",
        (Lang::En, "work") => "Computing per job, ms",
        (Lang::En, "wait") => "Network wait per job, ms",
        (Lang::En, "interval") => "GIL switch interval, ms",
        (Lang::En, "cores") => "Cores",
        (Lang::En, "spawn") => "Starting a process, ms",
        (Lang::En, MOMENT_KEY) => "Millisecond",
        (Lang::En, _) => "Parameter",
    }
}

fn preset_name(lang: Lang, name: &str) -> &'static str {
    match (lang, name) {
        (Lang::Ru, "cpu") => "Вычисления, 2 ядра",
        (Lang::Ru, "one-core") => "Вычисления, 1 ядро",
        (Lang::Ru, "io") => "Ввод-вывод",
        (Lang::Ru, "many") => "8 задач, 4 ядра",
        (Lang::En, "cpu") => "Computing, 2 cores",
        (Lang::En, "one-core") => "Computing, 1 core",
        (Lang::En, "io") => "I/O",
        (Lang::En, "many") => "8 jobs, 4 cores",
        _ => "",
    }
}

/// One line on what the preset shows.
fn preset_notice(lang: Lang, name: &str) -> &'static str {
    match (lang, name) {
        (Lang::Ru, "cpu") => {
            "Потоки по очереди передают GIL каждые 5 мс и не быстрее последовательного кода; \
             процессы на двух ядрах — почти вдвое быстрее."
        }
        (Lang::Ru, "one-core") => {
            "Одно ядро: процессам негде работать параллельно, и запуск каждого только добавляет \
             времени."
        }
        (Lang::Ru, "io") => {
            "Пока поток ждёт сеть, он отпускает GIL: ожидания потоков перекрываются, и потоки \
             выигрывают не хуже процессов."
        }
        (Lang::Ru, "many") => {
            "Восемь задач на четырёх ядрах: процессы работают по четыре сразу, потоки — по одному."
        }
        (Lang::En, "cpu") => {
            "The threads hand the GIL over every 5 ms and are no faster than sequential code; \
             processes on two cores take about half the time."
        }
        (Lang::En, "one-core") => {
            "One core: processes have nowhere to run in parallel, and starting each one only adds \
             time."
        }
        (Lang::En, "io") => {
            "While a thread waits for the network it lets go of the GIL: the threads' waits \
             overlap, and threads do as well as processes."
        }
        (Lang::En, "many") => {
            "Eight jobs on four cores: processes run four at a time, threads one at a time."
        }
        _ => "",
    }
}

/// The way's name in URLs and test selectors.
fn way_slug(way: Way) -> &'static str {
    match way {
        Way::Sequential => "sequential",
        Way::Threads => "threads",
        Way::Processes => "processes",
    }
}

fn way_name(lang: Lang, way: Way) -> &'static str {
    match (lang, way) {
        (Lang::Ru, Way::Sequential) => "По очереди",
        (Lang::Ru, Way::Threads) => "Потоки",
        (Lang::Ru, Way::Processes) => "Процессы",
        (Lang::En, Way::Sequential) => "One by one",
        (Lang::En, Way::Threads) => "Threads",
        (Lang::En, Way::Processes) => "Processes",
    }
}

/// A Russian noun after a number: 1 ядро, 2 ядра, 5 ядер.
fn ru_count(n: u32, forms: [&str; 3]) -> String {
    let form = match (n % 10, n % 100) {
        (1, h) if h != 11 => forms[0],
        (2..=4, h) if !(12..=14).contains(&h) => forms[1],
        _ => forms[2],
    };
    format!("{n} {form}")
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
    }
}

/// Who does a job in this way: "Поток 2".
fn worker_name(lang: Lang, way: Way, job: usize) -> String {
    let word = match (lang, way) {
        (Lang::Ru, Way::Sequential) => "Задача",
        (Lang::Ru, Way::Threads) => "Поток",
        (Lang::Ru, Way::Processes) => "Процесс",
        (Lang::En, Way::Sequential) => "Job",
        (Lang::En, Way::Threads) => "Thread",
        (Lang::En, Way::Processes) => "Process",
    };
    format!("{word} {}", job + 1)
}

/// A bar's colour class and what the job does, in words.
fn doing_words(lang: Lang, way: Way, doing: Doing) -> (&'static str, &'static str) {
    let i = usize::from(lang == Lang::En);
    let (class, words) = match doing {
        Doing::Running => ("mix", ["выполняет Python", "runs Python"]),
        Doing::Waiting => ("preheat", ["ждёт ввода-вывода", "waits for I/O"]),
        Doing::Ready if way == Way::Processes => ("ready", ["ждёт ядра", "waits for a core"]),
        Doing::Ready => ("ready", ["ждёт GIL", "waits for the GIL"]),
        Doing::Starting => ("decorate", ["запускается", "starts up"]),
    };
    (class, words[i])
}

/// The way's rows: one per job, and the GIL's (one GIL for the whole process).
fn rows(lang: Lang, run: &Run, jobs: usize) -> Vec<Row> {
    let unit = words(lang).unit;
    let mut rows: Vec<Row> = (0..jobs)
        .map(|job| Row { name: worker_name(lang, run.way, job), bars: Vec::new() })
        .collect();
    for span in &run.spans {
        let (kind, word) = doing_words(lang, run.way, span.doing);
        let name = worker_name(lang, run.way, span.job);
        rows[span.job].bars.push(Bar {
            start: span.start,
            end: span.end,
            kind,
            label: String::new(),
            title: format!("{name}: {word}, {}–{} {unit}", span.start, span.end),
        });
    }
    if run.way != Way::Processes {
        let holds = run.gil.iter().map(|h| {
            let name = worker_name(lang, run.way, h.job);
            let holds = if lang == Lang::Ru { "держит GIL" } else { "holds the GIL" };
            Bar {
                start: h.start,
                end: h.end,
                kind: "held",
                label: (h.job + 1).to_string(),
                title: format!("{name} {holds}, {}–{} {unit}", h.start, h.end),
            }
        });
        rows.push(Row { name: "GIL".to_owned(), bars: holds.collect() });
    }
    rows
}

/// How many jobs a moment's sentence names; past it, the others are counted.
const DESCRIBED_JOBS: usize = 4;

/// What each job is doing at `now`, as one sentence for the panel and screen readers.
pub fn describe_moment(lang: Lang, run: &Run, jobs: usize, now: u32) -> String {
    let unit = words(lang).unit;
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
            Some(format!("{name} {}", doing_words(lang, run.way, doing).1))
        })
        .collect();
    if jobs > DESCRIBED_JOBS {
        let more = jobs - DESCRIBED_JOBS;
        parts.push(match lang {
            Lang::Ru => format!("и ещё {more}"),
            Lang::En => format!("and {more} more"),
        });
    }
    let at = if lang == Lang::Ru { "Миллисекунда" } else { "Millisecond" };
    format!("{at} {now}. {}.", parts.join("; "))
}

/// The GIL simulation: settings, player, three timelines and the totals.
#[component]
pub fn Gil(
    /// Parameters as `key=value` pairs from a URL or a directive.
    query: Vec<(String, String)>,
    /// Where it is shown.
    mode: Mode,
) -> impl IntoView {
    let pairs = || query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let (initial, mut issues) = GilParams::read(pairs(), &[MOMENT_KEY]);

    let lang = use_lang().get_untracked();
    let w = words(lang);
    let params = RwSignal::new(initial);
    let runs = Memo::new(move |_| Way::ALL.map(|way| Run::of(way, params.get())));
    let end = Signal::derive(move || runs.with(|r| r.iter().map(Run::total).max().unwrap_or(0)));
    let start = read_moment(pairs(), end.get_untracked(), &mut issues);
    let clock = Clock::new(start, end).with_pace(PACE_MS);
    sync_url(SimKind::Gil, mode, clock, move |moment| knob_query(&params.get(), moment));

    let active_preset =
        Memo::new(move |_| PRESETS.iter().find(|(_, p)| *p == params.get()).map(|(name, _)| *name));
    let keys = ["jobs", "work", "wait", "interval", "cores", "spawn"];
    let sliders = knob_sliders("gil", mode, &keys, params, clock, label);

    let kind_button = move |io: u32, text: &'static str| {
        view! {
            <button
                class="preset"
                aria-pressed=move || (params.get().io == io).to_string()
                on:click=move |_| {
                    params.update(|p| p.io = io);
                    clock.reset();
                }
            >
                {text}
            </button>
        }
    };

    let panels = Way::ALL
        .into_iter()
        .enumerate()
        .map(|(i, way)| {
            let jobs = move || params.get().jobs as usize;
            view! {
                <section class="scenario" data-way=way_slug(way)>
                    <PanelTitle
                        mode=mode
                        text=Signal::derive(move || way_title(lang, way, params.get()))
                    />
                    <p class="moment">
                        {move || runs.with(|r| describe_moment(lang, &r[i], jobs(), clock.tick.get()))}
                    </p>
                    <Timeline
                        rows=Signal::derive(move || runs.with(|r| rows(lang, &r[i], jobs())))
                        length=clock.end
                        now=clock.tick
                        unit=w.unit
                        title=Signal::derive(move || way_title(lang, way, params.get()))
                    />
                </section>
            }
        })
        .collect_view();

    // Which ways have finished: the totals are redrawn when one does, not on every tick.
    let finished = Memo::new(move |_| {
        let now = clock.tick.get();
        runs.with(|runs| runs.each_ref().map(|run| now >= run.total()))
    });
    let summary = move || {
        let finished = finished.get();
        runs.with(|runs| {
            let totals = Totals { ms: [0, 1, 2].map(|i| runs[i].total()) };
            Way::ALL
                .into_iter()
                .zip(runs)
                .zip(finished)
                .map(|((way, run), done)| {
                    let (total, speedup, switches) = if done {
                        let tenths = totals.speedup_tenths(way);
                        let times = format!("{}.{}×", tenths / 10, tenths % 10);
                        (format!("{} {}", run.total(), w.unit), times, run.switches.to_string())
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

    view! {
        <div class="sim gil">
            <ParamNotes issues=issues label=label />
            <PresetRow
                kind=SimKind::Gil
                label=w.presets
                presets=PRESETS.iter().map(|(name, _)| (*name, preset_name(lang, name))).collect()
                pressed=active_preset
                on_pick=Callback::new(move |name| {
                    if let Some((_, preset)) = PRESETS.iter().find(|(n, _)| *n == name) {
                        params.set(*preset);
                        clock.reset();
                    }
                })
            />
            <p class="moment">
                {move || active_preset.get().map(|name| preset_notice(lang, name)).unwrap_or(w.hint)}
            </p>
            <div class="presets" role="group" aria-label=w.kind>
                <span class="group-label" aria-hidden="true">{w.kind}</span>
                {kind_button(0, w.cpu_job)}
                {kind_button(1, w.io_job)}
            </div>
            <Player
                clock=clock
                unit=w.unit
                narration=Signal::derive(move || {
                    let (jobs, now) = (params.get().jobs as usize, clock.tick.get());
                    runs.with(|r| {
                        let each = Way::ALL.into_iter().zip(r).map(|(way, run)| {
                            format!("{}: {}", way_name(lang, way), describe_moment(lang, run, jobs, now))
                        });
                        each.collect::<Vec<_>>().join(" ")
                    })
                })
            />
            <details class="settings">
                <summary>{w.settings}</summary>
                <div class="sliders">{sliders}</div>
            </details>
            <Legend kinds=&["mix", "preheat", "ready", "decorate", "held"] names=&w.legend />
            <div class="scenarios">{panels}</div>
            <table class="totals">
                <caption>{w.caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{w.way}</th>
                        <th scope="col">{w.total}</th>
                        <th scope="col">{w.switches}</th>
                    </tr>
                </thead>
                <tbody>{summary}</tbody>
            </table>
            <OpenAlone
                kind=SimKind::Gil
                mode=mode
                query=Signal::derive(move || knob_query(&params.get(), None))
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_agree_with_their_number() {
        let forms = ["ядро", "ядра", "ядер"];
        let said: Vec<String> = [1, 2, 4, 5, 8, 11, 21].map(|n| ru_count(n, forms)).into();
        assert_eq!(said, ["1 ядро", "2 ядра", "4 ядра", "5 ядер", "8 ядер", "11 ядер", "21 ядро"]);
    }

    #[test]
    fn the_moment_names_who_holds_the_gil_and_who_waits() {
        let p = GilParams { work: 12, ..GilParams::default() };
        let run = Run::of(Way::Threads, p);
        assert_eq!(
            describe_moment(Lang::Ru, &run, 2, 6),
            "Миллисекунда 6. Поток 1 ждёт GIL; Поток 2 выполняет Python."
        );
        assert_eq!(describe_moment(Lang::En, &run, 2, 24), "All jobs are done in 24 ms.");
    }

    #[test]
    fn the_gil_row_shows_each_holder() {
        let p = GilParams { work: 12, ..GilParams::default() };
        let rows = rows(Lang::En, &Run::of(Way::Threads, p), 2);
        assert_eq!(rows.len(), 3);
        let gil: Vec<_> = rows[2].bars.iter().map(|b| (b.label.as_str(), b.start, b.end)).collect();
        assert_eq!(&gil[..2], [("1", 0, 5), ("2", 5, 10)]);
        let processes = super::rows(Lang::En, &Run::of(Way::Processes, p), 2);
        assert_eq!(processes.len(), 2, "processes have no shared GIL row");
    }

    #[test]
    fn every_preset_has_a_name_and_a_notice_in_both_languages() {
        for (name, _) in PRESETS {
            for lang in [Lang::Ru, Lang::En] {
                assert!(
                    !preset_name(lang, name).is_empty() && !preset_notice(lang, name).is_empty()
                );
            }
        }
    }
}
