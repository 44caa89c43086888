//! Cooperative against preemptive multitasking: the same tasks on one CPU under both, with a
//! Gantt chart and the figures that matter for each.

use super::{
    read_moment, sync_url, Legend, Mode, OpenAlone, PanelTitle, ParamNotes, PresetRow, SimKind,
    MOMENT_KEY,
};
use crate::components::player::{Clock, Player};
use crate::components::slider::Slider;
use crate::components::timeline::{Bar, Row, Timeline};
use crate::i18n::{pick, use_lang, Lang};
use engine::params::{read_params, ParamSpec};
use engine::scheduler::{parse_program, Doing, Policy, ProgramError, Row as Lane, Schedule, Task};
use leptos::prelude::*;

/// The most tasks the view takes: a link can ask for a crowd (a thousand tasks stay smooth; the
/// timeline draws the first lanes and the CPU).
const MAX_TASKS: usize = 1_000;
/// Wall-clock milliseconds per simulated millisecond at 1×.
const PACE_MS: f64 = 40.0;

/// The numeric settings, read from the URL like every simulation's.
const SETTINGS: [ParamSpec; 4] = [
    ParamSpec { key: "slice", min: 1, max: 100, default: 10 },
    ParamSpec { key: "switch", min: 0, max: 5, default: 1 },
    ParamSpec { key: "gran", min: 1, max: 100, default: 10 },
    ParamSpec { key: "greedy", min: 0, max: 1, default: 0 },
];
const TASK_KEY: &str = "task";

/// A ready-made set of tasks and settings: name, programs, slice, switch cost, granularity,
/// whether task 1 is greedy.
type Preset = (&'static str, &'static [&'static str], u32, u32, u32, bool);

/// How many ready-made sets the lab offers.
pub const PRESET_COUNT: usize = PRESETS.len();

const PRESETS: [Preset; 4] = [
    ("fair", &["20 30 20", "30 10 10", "10 40 30"], 10, 1, 10, false),
    ("greedy", &["60 20 20", "10 10 10", "10 10 10"], 10, 1, 10, true),
    ("short", &["5 10 5", "5 10 5", "5 10 5", "5 10 5", "5 10 5", "5 10 5"], 10, 1, 5, false),
    ("thrashing", &["40", "40", "40"], 1, 2, 10, false),
];

fn preset_name(lang: Lang, name: &str) -> &'static str {
    match (lang, name) {
        (Lang::Ru, "fair") => "Честная очередь",
        (Lang::Ru, "greedy") => "Жадная задача",
        (Lang::Ru, "short") => "Много коротких задач",
        (Lang::Ru, "thrashing") => "Крошечный квант",
        (Lang::En, "fair") => "Fair share",
        (Lang::En, "greedy") => "Greedy task",
        (Lang::En, "short") => "Many short tasks",
        (Lang::En, "thrashing") => "Tiny time slice",
        _ => "",
    }
}

/// One line on what the preset shows.
fn preset_notice(lang: Lang, name: &str) -> &'static str {
    match (lang, name) {
        (Lang::Ru, "fair") => "Обе очереди справляются; вытесняющая платит за переключения, кооперативная — нет.",
        (Lang::Ru, "greedy") => "Задача 1 не уступает: в кооперативной очереди остальные ждут её целиком, а ОС её просто прерывает.",
        (Lang::Ru, "short") => "Короткие задачи почти всё время ждут ввода-вывода — и обе очереди перекрывают ожидания.",
        (Lang::Ru, "thrashing") => "Квант 1 мс при переключении в 2 мс: процессор больше переключается, чем работает.",
        (Lang::En, "fair") => "Both manage; the preemptive one pays for its switches, the cooperative one does not.",
        (Lang::En, "greedy") => "Task 1 never gives way: cooperatively the others wait for all of it; the OS simply interrupts it.",
        (Lang::En, "short") => "Short tasks wait for I/O most of the time — and both schedulers overlap the waits.",
        (Lang::En, "thrashing") => "A 1 ms slice with 2 ms switches: the CPU switches more than it works.",
        _ => "",
    }
}

fn label(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ru, "slice") => "Квант вытесняющей, мс",
        (Lang::Ru, "switch") => "Цена переключения, мс",
        (Lang::Ru, "gran") => "Кооперативная: await каждые, мс",
        (Lang::Ru, "greedy") => "Жадная задача",
        (Lang::Ru, MOMENT_KEY) => "Момент",
        (Lang::Ru, _) => "Задачи",
        (Lang::En, "slice") => "Preemptive time slice, ms",
        (Lang::En, "switch") => "Switch cost, ms",
        (Lang::En, "gran") => "Cooperative: an await every, ms",
        (Lang::En, "greedy") => "Greedy task",
        (Lang::En, MOMENT_KEY) => "Moment",
        (Lang::En, _) => "Tasks",
    }
}

fn program_error(lang: Lang, error: &ProgramError) -> String {
    match (lang, error) {
        (Lang::Ru, ProgramError::Empty) => {
            "Задача пуста: напишите миллисекунды через пробел.".into()
        }
        (Lang::Ru, ProgramError::NotANumber(w)) => format!("«{w}» — не целое число миллисекунд."),
        (Lang::Ru, ProgramError::OutOfRange(ms)) => {
            format!("{ms} мс: шаг должен быть от 1 до 1000 мс.")
        }
        (Lang::Ru, ProgramError::TooLong(n)) => format!("{n} шагов: не больше 20."),
        (Lang::En, e) => format!("{e}."),
    }
}

/// The settings and the tasks as written.
#[derive(Clone, Debug, PartialEq)]
struct Setup {
    programs: Vec<String>,
    slice: u32,
    switch_cost: u32,
    granularity: u32,
    greedy: bool,
}

impl Setup {
    fn from_preset(preset: &Preset) -> Self {
        let (_, programs, slice, switch_cost, granularity, greedy) = *preset;
        Self {
            programs: programs.iter().map(|p| (*p).to_owned()).collect(),
            slice,
            switch_cost,
            granularity,
            greedy,
        }
    }

    /// The tasks that read cleanly, and each program's problem, if any.
    fn tasks(&self) -> (Vec<Task>, Vec<Option<ProgramError>>) {
        let mut tasks = Vec::new();
        let mut problems = Vec::new();
        for (i, program) in self.programs.iter().enumerate() {
            match parse_program(program) {
                Ok(bursts) => {
                    tasks.push(Task { bursts, greedy: self.greedy && i == 0 });
                    problems.push(None);
                }
                Err(e) => problems.push(Some(e)),
            }
        }
        (tasks, problems)
    }

    fn query(&self, minute: Option<u32>) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&'static str, String)> =
            self.programs.iter().map(|p| (TASK_KEY, p.clone())).collect();
        pairs.push(("slice", self.slice.to_string()));
        pairs.push(("switch", self.switch_cost.to_string()));
        pairs.push(("gran", self.granularity.to_string()));
        pairs.push(("greedy", u32::from(self.greedy).to_string()));
        pairs.extend(minute.map(|t| (MOMENT_KEY, t.to_string())));
        pairs
    }
}

/// Both schedules of a setup; `None` when no task reads cleanly.
fn schedules(setup: &Setup) -> Option<[Schedule; 2]> {
    let (tasks, _) = setup.tasks();
    let preemptive = Policy::Preemptive { slice: setup.slice, switch_cost: setup.switch_cost };
    let cooperative = Policy::Cooperative { granularity: setup.granularity };
    Some([Schedule::run(&tasks, preemptive).ok()?, Schedule::run(&tasks, cooperative).ok()?])
}

/// A task's name for the learner, by its index.
fn task_name(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ru => format!("Задача {}", n + 1),
        Lang::En => format!("Task {}", n + 1),
    }
}

/// What happened on the CPU in the millisecond before `now`, in a sentence: who let go of it
/// and why, and who holds it now.
fn narrate(lang: Lang, schedule: &Schedule, now: u64, preemptive: bool) -> String {
    let ru = lang == Lang::Ru;
    let unit = Words::of(lang).unit;
    if now >= schedule.total() {
        return pick(lang, "Все задачи завершены за", "All tasks are done in").to_owned()
            + &format!(" {} {unit}.", schedule.total());
    }
    let Some(t) = now.checked_sub(1) else {
        return pick(lang, "Ещё ничего не выполнялось.", "Nothing has run yet.").to_owned();
    };
    let holder = schedule.on_cpu(t);
    let before = t.checked_sub(1).and_then(|p| schedule.on_cpu(p));
    let let_go = match before {
        Some(Lane::Task(n)) if holder != before => {
            let name = task_name(lang, n);
            Some(match (schedule.doing(n, t), preemptive, ru) {
                (Some(Doing::Ready), true, true) => format!("планировщик прерывает: {name}"),
                (Some(Doing::Ready), true, false) => format!("the scheduler interrupts {name}"),
                (Some(Doing::Ready), false, true) => format!("{name} уступает процессор"),
                (Some(Doing::Ready), false, false) => format!("{name} yields"),
                (Some(_), _, true) => format!("{name} ждёт ввода-вывода"),
                (Some(_), _, false) => format!("{name} waits for I/O"),
                (None, _, true) => format!("{name} завершена"),
                (None, _, false) => format!("{name} finishes"),
            })
        }
        _ => None,
    };
    let holds = match holder {
        Some(Lane::Task(n)) => {
            let name = task_name(lang, n);
            let verb = if schedule.doing(n, t) == Some(Doing::Blocking) {
                ["блокирует, держа процессор", "blocks, holding the CPU"]
            } else if holder == before {
                ["выполняется", "runs"]
            } else if schedule.first_run.get(n).is_some_and(|&first| first < t) {
                ["продолжает", "resumes"]
            } else {
                ["начинает", "starts"]
            };
            format!("{name} {}", pick(lang, verb[0], verb[1]))
        }
        Some(Lane::Switching) => {
            pick(lang, "процессор переключается", "the CPU switches tasks").to_owned()
        }
        None => pick(lang, "процессор простаивает", "the CPU is idle").to_owned(),
    };
    let sentence = let_go.map_or(holds.clone(), |gone| format!("{gone}; {holds}"));
    let mut chars = sentence.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    format!("{t}–{now} {unit}: {first}{}.", chars.as_str())
}

/// One row per task and, last, the CPU: which task holds it (by number) and, under
/// preemption, the switches between them.
fn rows(lang: Lang, schedule: &Schedule) -> Vec<Row> {
    let task_name = |n: usize| task_name(lang, n);
    let tasks = schedule.finished.len();
    let mut rows: Vec<Row> =
        (0..tasks).map(|n| Row { name: task_name(n), bars: Vec::new() }).collect();
    let cpu = if lang == Lang::Ru { "Процессор" } else { "CPU" };
    let unit = Words::of(lang).unit;
    rows.push(Row { name: cpu.to_owned(), bars: Vec::new() });
    for span in &schedule.spans {
        let (kind, word) = match span.doing {
            _ if span.row == Lane::Switching => ("switch", ["переключение", "switching"]),
            Doing::Running => ("mix", ["на процессоре", "on the CPU"]),
            Doing::Waiting => ("preheat", ["ждёт ввода-вывода", "waits for I/O"]),
            Doing::Blocking => ("bake", ["блокирует, держа процессор", "blocks, holding the CPU"]),
            Doing::Ready => ("ready", ["готова, ждёт процессора", "ready, waits for the CPU"]),
        };
        let word = if lang == Lang::Ru { word[0] } else { word[1] };
        let (start, end) = (span.start as u32, span.end as u32);
        let bar = |label: String, title: String| Bar { start, end, kind, label, title };
        match span.row {
            Lane::Switching => rows[tasks]
                .bars
                .push(bar(String::new(), format!("{word} {}–{} {unit}", span.start, span.end))),
            Lane::Task(t) => {
                let title = format!("{}: {word} {}–{} {unit}", task_name(t), span.start, span.end);
                if matches!(span.doing, Doing::Running | Doing::Blocking) {
                    rows[tasks].bars.push(bar((t + 1).to_string(), title.clone()));
                }
                rows[t].bars.push(bar(String::new(), title));
            }
        }
    }
    rows
}

/// Tasks the figures list one by one; past them, one row of averages.
const TASK_ROWS: usize = 10;

/// The scheduler lab: tasks, settings, both timelines and the figures.
#[component]
pub fn Scheduler(
    /// Parameters as `key=value` pairs from a URL or a directive.
    query: Vec<(String, String)>,
    /// Where it is shown.
    mode: Mode,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let pairs = || query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let (values, mut issues) = read_params(&SETTINGS, pairs(), &[TASK_KEY, MOMENT_KEY]);
    let mut programs: Vec<String> =
        pairs().filter(|(k, _)| *k == TASK_KEY).map(|(_, v)| v.to_owned()).collect();
    if programs.len() > MAX_TASKS {
        issues.push(engine::params::ParamIssue::OutOfRange {
            key: TASK_KEY,
            value: programs.len().to_string(),
            min: 1,
            max: MAX_TASKS as u32,
            used: MAX_TASKS as u32,
        });
        programs.truncate(MAX_TASKS);
    }
    let initial = if programs.is_empty() {
        Setup { greedy: values[3] == 1, ..Setup::from_preset(&PRESETS[0]) }
    } else {
        Setup {
            programs,
            slice: values[0],
            switch_cost: values[1],
            granularity: values[2],
            greedy: values[3] == 1,
        }
    };
    let setup = RwSignal::new(initial);
    let results = Memo::new(move |_| setup.with(schedules));
    let end = Signal::derive(move || {
        results.with(|r| r.as_ref().map_or(0, |[p, c]| p.total().max(c.total()) as u32))
    });
    let start = read_moment(pairs(), end.get_untracked(), &mut issues);
    let clock = Clock::new(start, end).with_pace(PACE_MS);

    sync_url(SimKind::Scheduler, mode, clock, move |moment| setup.with(|s| s.query(moment)));

    let change = move |f: &dyn Fn(&mut Setup)| {
        setup.update(|s| f(s));
        clock.reset();
    };
    // The set on screen, if the settings are exactly one of the ready-made ones.
    let active_preset = Memo::new(move |_| {
        setup.with(|s| PRESETS.iter().find(|p| *s == Setup::from_preset(p)).map(|p| p.0))
    });

    let task_rows = move || {
        let (_, problems) = setup.with(Setup::tasks);
        let programs = setup.with(|s| s.programs.clone());
        programs
            .into_iter()
            .zip(problems)
            .enumerate()
            .map(|(i, (program, problem))| {
                let id = format!("scheduler-task-{i}-{}", mode.suffix());
                let name = task_name(lang, i);
                let error = problem.map(
                    |e| view! { <p class="field-error" role="alert">{program_error(lang, &e)}</p> },
                );
                view! {
                    <div class="task-row">
                        <label for=id.clone()>{name}</label>
                        <input
                            id=id
                            type="text"
                            inputmode="numeric"
                            value=program
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                change(&|s| s.programs[i] = text.clone());
                            }
                        />
                        {error}
                    </div>
                }
            })
            .collect_view()
    };

    let settings = SETTINGS[..3]
        .iter()
        .map(|spec| {
            let key = spec.key;
            let value = move || {
                setup.with(|s| match key {
                    "slice" => s.slice,
                    "switch" => s.switch_cost,
                    _ => s.granularity,
                })
            };
            let id = format!("scheduler-{key}-{}", mode.suffix());
            view! {
                <Slider
                    id=id
                    label=label(lang, key)
                    spec=*spec
                    value=Signal::derive(value)
                    on_change=Callback::new(move |v: u32| {
                        change(&|s| match key {
                            "slice" => s.slice = v,
                            "switch" => s.switch_cost = v,
                            _ => s.granularity = v,
                        })
                    })
                />
            }
        })
        .collect_view();

    let words = Words::of(lang);
    let panels = [(0usize, words.preemptive, true), (1, words.cooperative, false)]
        .into_iter()
        .map(|(i, title, switching)| {
            let rows = Signal::derive(move || {
                results.with(|r| r.as_ref().map(|s| rows(lang, &s[i])).unwrap_or_default())
            });
            view! {
                <section class="scenario" data-scheduler=if switching { "preemptive" } else { "cooperative" }>
                    <PanelTitle mode=mode text=title.to_owned() />
                    <Timeline
                        rows=rows
                        length=clock.end
                        now=clock.tick
                        unit=words.unit
                        title=Signal::stored(title.to_owned())
                    />
                </section>
            }
        })
        .collect_view();

    let metrics = move || {
        results.with(|r| {
            let Some([pre, coop]) = r else {
                return view! { <p class="notice error" role="alert">{words.no_tasks}</p> }
                    .into_any();
            };
            let row = |name: &'static str, class: &'static str, a: u64, b: u64| {
                view! {
                    <tr class=class>
                        <th scope="row">{name}</th>
                        <td class="preemptive">{format!("{a} {}", words.unit)}</td>
                        <td class="cooperative">{format!("{b} {}", words.unit)}</td>
                    </tr>
                }
            };
            let count = |name: &'static str, class: &'static str, a: u64, b: u64| {
                view! {
                    <tr class=class>
                        <th scope="row">{name}</th>
                        <td class="preemptive">{a}</td>
                        <td class="cooperative">{b}</td>
                    </tr>
                }
            };
            let waits: Vec<_> = pre
                .ready_time()
                .into_iter()
                .zip(coop.ready_time())
                .zip(pre.first_run.iter().zip(&coop.first_run))
                .map(|((wp, wc), (rp, rc))| [wp, *rp, wc, *rc])
                .collect();
            let wait_row = |name: String, [wp, rp, wc, rc]: [u64; 4]| {
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td>{format!("{wp} / {rp}")}</td>
                        <td>{format!("{wc} / {rc}")}</td>
                    </tr>
                }
            };
            // A row for each of the first tasks, as the timeline has a lane for each; a crowd
            // past them is summed up in one row of averages.
            let (first, rest) = waits.split_at(waits.len().min(TASK_ROWS));
            let rest_row = (!rest.is_empty()).then(|| {
                let n = rest.len() as u64;
                let average = |i: usize| rest.iter().map(|w| w[i]).sum::<u64>() / n;
                let name = format!("{} ({n}): {}", words.rest, words.waited);
                wait_row(name, [0, 1, 2, 3].map(average))
            });
            let waits = view! {
                {first
                    .iter()
                    .enumerate()
                    .map(|(t, w)| wait_row(format!("{}: {}", task_name(lang, t), words.waited), *w))
                    .collect_view()}
                {rest_row}
            };
            view! {
                <table class="totals metrics">
                    <caption>{words.metrics}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{words.figure}</th>
                            <th scope="col">{words.preemptive_short}</th>
                            <th scope="col">{words.cooperative_short}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {row(words.total, "total-row", pre.total(), coop.total())}
                        {count(words.switches, "switches-row", pre.switches, coop.switches)}
                        {row(words.lost, "lost-row", pre.switch_time, coop.switch_time)}
                        {row(words.worst, "worst-row", pre.worst_response(), coop.worst_response())}
                        {waits}
                    </tbody>
                </table>
            }
            .into_any()
        })
    };

    view! {
        <div class="sim scheduler">
            <ParamNotes issues=issues label=label />
            <PresetRow
                kind=SimKind::Scheduler
                label=words.presets
                presets=PRESETS.iter().map(|p| (p.0, preset_name(lang, p.0))).collect()
                pressed=active_preset
                on_pick=Callback::new(move |name| {
                    if let Some(preset) = PRESETS.iter().find(|p| p.0 == name) {
                        setup.set(Setup::from_preset(preset));
                        clock.reset();
                    }
                })
            />
            <p class="moment">
                {move || active_preset.get().map(|name| preset_notice(lang, name)).unwrap_or(words.hint)}
            </p>
            <Player
                clock=clock
                unit=words.unit
                narration=Signal::derive(move || {
                    let now = u64::from(clock.tick.get());
                    results.with(|r| match r {
                        Some([pre, coop]) => format!(
                            "{}: {} {}: {}",
                            pick(lang, "Вытесняющая", "Preemptive"),
                            narrate(lang, pre, now, true),
                            pick(lang, "Кооперативная", "Cooperative"),
                            narrate(lang, coop, now, false),
                        ),
                        None => words.no_tasks.to_owned(),
                    })
                })
            />
            <details class="settings">
                <summary>{words.settings}</summary>
                <p class="hint">{words.program_hint}</p>
                <div class="task-rows">{task_rows}</div>
                <div class="task-buttons">
                    <button
                        class="button secondary"
                        disabled=move || setup.with(|s| s.programs.len() >= MAX_TASKS)
                        on:click=move |_| change(&|s| s.programs.push("10 20 10".to_owned()))
                    >
                        {words.add}
                    </button>
                    <button
                        class="button secondary"
                        disabled=move || setup.with(|s| s.programs.len() <= 1)
                        on:click=move |_| change(&|s| {
                            s.programs.pop();
                        })
                    >
                        {words.remove}
                    </button>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || setup.with(|s| s.greedy)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            change(&|s| s.greedy = on);
                        }
                    />
                    {words.greedy}
                </label>
                <div class="sliders">{settings}</div>
            </details>
            <Legend kinds=&["mix", "preheat", "ready", "bake", "switch"] names=&words.legend />
            <div class="scenarios">{panels}</div>
            {metrics}
            <OpenAlone
                kind=SimKind::Scheduler
                mode=mode
                query=Signal::derive(move || setup.with(|s| s.query(None)))
            />
        </div>
    }
}

struct Words {
    preemptive: &'static str,
    cooperative: &'static str,
    preemptive_short: &'static str,
    cooperative_short: &'static str,
    unit: &'static str,
    presets: &'static str,
    settings: &'static str,
    program_hint: &'static str,
    hint: &'static str,
    add: &'static str,
    remove: &'static str,
    greedy: &'static str,
    legend: [&'static str; 5],
    metrics: &'static str,
    figure: &'static str,
    waited: &'static str,
    /// The row that averages the tasks past the first ones.
    rest: &'static str,
    total: &'static str,
    switches: &'static str,
    lost: &'static str,
    worst: &'static str,
    no_tasks: &'static str,
}

impl Words {
    fn of(lang: Lang) -> &'static Words {
        pick(lang, &WORDS_RU, &WORDS_EN)
    }
}

static WORDS_RU: Words = Words {
    preemptive: "Вытесняющая: ОС прерывает по кванту",
    cooperative: "Кооперативная: задача уступает на await",
    preemptive_short: "Вытесн.",
    cooperative_short: "Коопер.",
    unit: "мс",
    presets: "Готовые наборы",
    settings: "Задачи и настройки",
    program_hint: "Каждая задача — миллисекунды через пробел: вычисления, ожидание ввода-вывода, вычисления, …",
    hint: "Выберите набор или задайте свои задачи в настройках.",
    add: "Добавить задачу",
    remove: "Убрать последнюю",
    greedy: "Задача 1 жадная: не уступает и ждёт блокирующе",
    legend: ["на процессоре", "ввод-вывод", "готова, ждёт", "блокирует", "переключение"],
    metrics: "Итоги двух очередей",
    figure: "Показатель",
    waited: "ждала / первый запуск",
    rest: "Остальные задачи, в среднем",
    total: "Всего",
    switches: "Переключений",
    lost: "Потеряно на переключения",
    worst: "Худшее ожидание первого запуска",
    no_tasks: "Нет ни одной задачи, которую можно запустить: исправьте задачи в настройках.",
};

static WORDS_EN: Words = Words {
    preemptive: "Preemptive: the OS interrupts by time slice",
    cooperative: "Cooperative: a task gives way at await",
    preemptive_short: "Preempt.",
    cooperative_short: "Coop.",
    unit: "ms",
    presets: "Ready-made sets",
    settings: "Tasks and settings",
    program_hint:
        "Each task is milliseconds separated by spaces: computing, waiting for I/O, computing, …",
    hint: "Pick a set, or write your own tasks in the settings.",
    add: "Add a task",
    remove: "Remove the last",
    greedy: "Task 1 is greedy: never gives way, waits blocking",
    legend: ["on the CPU", "I/O", "ready, waiting", "blocking", "switching"],
    metrics: "The two schedulers' figures",
    figure: "Figure",
    waited: "waited / first ran",
    rest: "The other tasks, on average",
    total: "Total",
    switches: "Switches",
    lost: "Lost to switching",
    worst: "Longest wait to first run",
    no_tasks: "There is no task that can run: correct the tasks in the settings.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use engine::scheduler::format_program;

    #[test]
    fn the_narration_says_who_lets_go_of_the_cpu_and_who_takes_it() {
        use engine::scheduler::Burst::Cpu;
        let task = |ms| Task { bursts: vec![Cpu(ms)], greedy: false };
        let coop =
            Schedule::run(&[task(2), task(2)], Policy::Cooperative { granularity: 10 }).unwrap();
        let said: Vec<String> = (0..=4).map(|now| narrate(Lang::Ru, &coop, now, false)).collect();
        assert_eq!(
            said,
            [
                "Ещё ничего не выполнялось.",
                "0–1 мс: Задача 1 начинает.",
                "1–2 мс: Задача 1 выполняется.",
                "2–3 мс: Задача 1 завершена; Задача 2 начинает.",
                "Все задачи завершены за 4 мс.",
            ]
        );
        let slices = Policy::Preemptive { slice: 2, switch_cost: 0 };
        let pre = Schedule::run(&[task(4), task(2)], slices).unwrap();
        let said = |now| narrate(Lang::En, &pre, now, true);
        assert_eq!(said(3), "2–3 ms: The scheduler interrupts Task 1; Task 2 starts.");
        assert_eq!(said(5), "4–5 ms: Task 2 finishes; Task 1 resumes.");
    }

    #[test]
    fn every_preset_reads_cleanly_and_has_words() {
        for preset in &PRESETS {
            let setup = Setup::from_preset(preset);
            let (tasks, problems) = setup.tasks();
            assert!(problems.iter().all(Option::is_none), "{}", preset.0);
            assert_eq!(tasks.len(), preset.1.len());
            assert!(schedules(&setup).is_some());
            for lang in [Lang::Ru, Lang::En] {
                assert!(!preset_name(lang, preset.0).is_empty());
                assert!(!preset_notice(lang, preset.0).is_empty());
            }
        }
    }

    #[test]
    fn the_greedy_preset_starves_cooperatively_only() {
        let [pre, coop] = schedules(&Setup::from_preset(&PRESETS[1])).unwrap();
        assert!(coop.worst_response() >= 80, "{}", coop.worst_response());
        assert!(pre.worst_response() < 30, "{}", pre.worst_response());
    }

    #[test]
    fn the_greedy_preset_gives_the_figures_the_page_shows() {
        let [pre, coop] = schedules(&Setup::from_preset(&PRESETS[1])).unwrap();
        assert_eq!((pre.total(), coop.total()), (146, 140));
        assert_eq!((pre.switches, coop.switches), (6, 4));
        assert_eq!((pre.worst_response(), coop.worst_response()), (22, 110));
    }

    #[test]
    fn the_cpu_row_says_which_task_holds_the_cpu() {
        let [pre, coop] = schedules(&Setup::from_preset(&PRESETS[1])).unwrap();
        let cpu = |s: &Schedule| -> Vec<(String, u32, u32)> {
            let rows = rows(Lang::En, s);
            assert_eq!(rows.last().unwrap().name, "CPU");
            rows.last()
                .unwrap()
                .bars
                .iter()
                .take(3)
                .map(|b| (b.label.clone(), b.start, b.end))
                .collect()
        };
        // Preemptive: task 1 for a 10 ms slice, a switch (no label), then task 2.
        assert_eq!(cpu(&pre), [("1".into(), 0, 10), ("".into(), 10, 11), ("2".into(), 11, 21)]);
        // Cooperative: the greedy task 1 computes 60 ms, then blocks for 20 ms holding the CPU.
        assert_eq!(cpu(&coop), [("1".into(), 0, 60), ("1".into(), 60, 80), ("1".into(), 80, 100)]);
    }

    #[test]
    fn the_thrashing_preset_loses_more_to_switching_than_it_works() {
        let [pre, _] = schedules(&Setup::from_preset(&PRESETS[3])).unwrap();
        assert!(pre.switch_time > 120, "{}", pre.switch_time);
    }

    #[test]
    fn a_setup_round_trips_through_its_query() {
        let setup = Setup::from_preset(&PRESETS[1]);
        let pairs = setup.query(Some(7));
        assert_eq!(pairs[0], ("task", "60 20 20".to_owned()));
        assert_eq!(pairs.last(), Some(&("t", "7".to_owned())));
        assert!(pairs.contains(&("greedy", "1".to_owned())));
    }

    #[test]
    fn a_broken_program_is_reported_and_left_out() {
        let setup =
            Setup { programs: vec!["10 x".into(), "5".into()], ..Setup::from_preset(&PRESETS[0]) };
        let (tasks, problems) = setup.tasks();
        assert_eq!(tasks.len(), 1);
        assert_eq!(
            program_error(Lang::Ru, problems[0].as_ref().unwrap()),
            "«x» — не целое число миллисекунд."
        );
        assert_eq!(format_program(&tasks[0].bursts), "5");
    }
}
