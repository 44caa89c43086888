//! Cooperative against preemptive multitasking: the same tasks on one CPU under both, with a
//! Gantt chart and the figures that matter for each.

use super::predict::Prediction;
use super::registry::{SimKind, MOMENT_KEY};
use super::shell::{
    figures_table, knob_sliders, panel, setup_check, Charts, Ctx, PanelView, Parts, PresetWords,
    ShellWords, Sim,
};
use crate::components::timeline::{rows_of, Row};
use crate::i18n::{Lang, Tr};
use engine::params::ParamIssue;
use engine::scheduler::{
    goals_reached, guess, Better, Doing, Lab, Measure, ProgramError, Row as Lane, Schedule, Who,
    MAX_STEPS, MAX_STEP_MS, MAX_TASKS, TASK_KEY,
};
use engine::trace::{Span, Work};
use leptos::prelude::*;

/// The question before the tasks run: which way keeps the longest wait for the CPU shorter,
/// or finishes all the work sooner, and why.
fn predict(lang: Lang, schedules: &[Schedule; 2]) -> Prediction {
    let (measure, guess) = guess(schedules);
    let [pre, coop] = schedules;
    let options = guess
        .options
        .iter()
        .map(|b| match b {
            Better::Preemptive => Tr("Вытесняющая", "Preemptive"),
            Better::Cooperative => Tr("Кооперативная", "Cooperative"),
            Better::Neither => Tr("Примерно поровну", "About the same"),
        })
        .map(|t| t.get(lang).to_owned())
        .collect();
    let question = match measure {
        Measure::LongestWait => Tr(
            "Где самое долгое ожидание процессора (до первого запуска задачи) будет короче?",
            "Where will the longest wait for the CPU (before a task first runs) be shorter?",
        ),
        Measure::Total => Tr(
            "Какая из двух закончит всю работу раньше?",
            "Which of the two will finish all the work sooner?",
        ),
    }
    .get(lang)
    .to_owned();
    let (a, b) = match measure {
        Measure::LongestWait => (pre.worst_response(), coop.worst_response()),
        Measure::Total => (pre.total(), coop.total()),
    };
    let figures = match (lang, measure) {
        (Lang::Ru, Measure::LongestWait) => {
            format!("Дольше всего ждали: {a} мс при вытеснении, {b} мс при кооперации.")
        }
        (Lang::En, Measure::LongestWait) => {
            format!("The longest waits: {a} ms preemptive, {b} ms cooperative.")
        }
        (Lang::Ru, Measure::Total) => {
            format!("Всё готово: за {a} мс при вытеснении, {b} мс при кооперации.")
        }
        (Lang::En, Measure::Total) => format!("All done: {a} ms preemptive, {b} ms cooperative."),
    };
    let reason = match (measure, guess.right()) {
        (Measure::Total, _) => Tr(
            "Каждое переключение ОС стоит процессорного времени, а с крохотным квантом \
             переключений очень много. Кооперативные задачи переключаются только на await.",
            "Every switch the OS makes costs CPU time, and a tiny slice makes very many of \
             them. Cooperative tasks switch only at an await.",
        ),
        (_, Better::Preemptive) => Tr(
            "Задача, которая не уступает, держит процессор при кооперации сколько захочет; \
             при вытеснении ОС отбирает его по окончании кванта.",
            "A task that does not give way keeps the CPU for as long as it likes under \
             cooperation; under preemption the OS takes it away when the slice ends.",
        ),
        (_, Better::Cooperative) => Tr(
            "Короткие задачи сами уступают на каждом await, раньше конца кванта, а \
             переключения здесь ничего не стоят; вытеснение платит за каждое.",
            "Short tasks give way at every await, before a slice would end, and switching \
             costs nothing here; preemption pays for each switch.",
        ),
        (_, Better::Neither) => Tr(
            "Задачи часто ждут ввода-вывода и уступают сами, так что обе стратегии делят \
             процессор почти одинаково.",
            "The tasks often wait for I/O and give way by themselves, so both share the CPU \
             almost alike.",
        ),
    };
    let why = format!("{figures} {}", reason.get(lang));
    Prediction { question, options, answer: guess.answer, why }
}

/// Milliseconds in words.
const UNIT: Tr = Tr("мс", "ms");
const PREEMPTIVE: Tr =
    Tr("Вытесняющая: ОС прерывает по кванту", "Preemptive: the OS interrupts by time slice");
const COOPERATIVE: Tr =
    Tr("Кооперативная: задача уступает на await", "Cooperative: a task gives way at await");
const PREEMPTIVE_SHORT: Tr = Tr("Вытесн.", "Preempt.");
const COOPERATIVE_SHORT: Tr = Tr("Коопер.", "Coop.");
const PROGRAM_HINT: Tr = Tr(
    "Каждая задача — миллисекунды через пробел: вычисления, ожидание ввода-вывода, вычисления, …",
    "Each task is milliseconds separated by spaces: computing, waiting for I/O, computing, …",
);
const ADD: Tr = Tr("Добавить задачу", "Add a task");
const REMOVE: Tr = Tr("Убрать последнюю", "Remove the last");
const GREEDY: Tr = Tr(
    "Задача 1 жадная: не уступает и ждёт блокирующе",
    "Task 1 is greedy: never gives way, waits blocking",
);
const COOP_SWITCH: Tr = Tr(
    "Кооперативное переключение тоже стоит времени (столько же, сколько вытесняющее)",
    "A cooperative switch costs time too (as much as a preemptive one)",
);
const SCALE: Tr = Tr(
    "Масштаб преувеличен: настоящее переключение потоков в ОС занимает микросекунды, а \
     переключение задач в цикле событий — ещё меньше. Здесь оно стоит миллисекунды, чтобы его \
     было видно.",
    "The scale is exaggerated: a real switch between OS threads takes microseconds, and a switch \
     between tasks in an event loop less still. Here it costs milliseconds so that you can see it.",
);
const METRICS: Tr = Tr("Итоги двух очередей", "The two schedulers' figures");
const FIGURE: Tr = Tr("Показатель", "Figure");
const WAITED: Tr = Tr("ждала / первый запуск", "waited / first ran");
/// The row that averages the tasks past the first ones.
const REST: Tr = Tr("Остальные задачи, в среднем", "The other tasks, on average");
const TOTAL: Tr = Tr("Всего", "Total");
const SWITCHES: Tr = Tr("Переключений", "Switches");
const LOST: Tr = Tr("Потеряно на переключения", "Lost to switching");
const WORST: Tr = Tr("Худшее ожидание первого запуска", "Longest wait to first run");
const NO_TASKS: Tr = Tr(
    "Нет ни одной задачи, которую можно запустить: исправьте задачи в настройках.",
    "There is no task that can run: correct the tasks in the settings.",
);

fn program_error(lang: Lang, error: &ProgramError) -> String {
    match (lang, error) {
        (Lang::Ru, ProgramError::Empty) => {
            "Задача пуста: напишите миллисекунды через пробел.".into()
        }
        (Lang::Ru, ProgramError::NotANumber(w)) => format!("«{w}» — не целое число миллисекунд."),
        (Lang::Ru, ProgramError::OutOfRange(ms)) => {
            format!("{ms} мс: шаг должен быть от 1 до {MAX_STEP_MS} мс.")
        }
        (Lang::Ru, ProgramError::TooLong(n)) => format!("{n} шагов: не больше {MAX_STEPS}."),
        (Lang::En, ProgramError::Empty) => {
            "The task is empty: write milliseconds separated by spaces.".into()
        }
        (Lang::En, ProgramError::NotANumber(w)) => {
            format!("“{w}” is not a whole number of milliseconds.")
        }
        (Lang::En, ProgramError::OutOfRange(ms)) => {
            format!("{ms} ms: a step takes 1 to {MAX_STEP_MS} ms.")
        }
        (Lang::En, ProgramError::TooLong(n)) => format!("{n} steps: at most {MAX_STEPS}."),
    }
}

/// The scheduler lab for the shell.
pub struct SchedulerSim;

impl Sim for SchedulerSim {
    type Setup = Lab;
    /// Both schedules, preemptive then cooperative; `None` when no task reads cleanly.
    type Run = Option<[Schedule; 2]>;

    const KIND: SimKind = SimKind::Scheduler;
    /// Wall-clock milliseconds per simulated millisecond at 1×.
    const PACE_MS: f64 = 40.0;
    const WORDS: ShellWords = ShellWords {
        presets: Tr("Готовые наборы", "Ready-made sets"),
        unit: UNIT,
        legend: &[
            (Work::Runs, Tr("на процессоре", "on the CPU")),
            (Work::WaitsIo, Tr("ввод-вывод", "I/O")),
            (Work::Ready, Tr("готова, ждёт", "ready, waiting")),
            (Work::Blocks, Tr("блокирует", "blocking")),
            (Work::Switches, Tr("переключение", "switching")),
        ],
        idle: None,
        legend_note: None,
        hint: Some(Tr(
            "Выберите набор или задайте свои задачи в настройках.",
            "Pick a set, or write your own tasks in the settings.",
        )),
        settings: Some(Tr("Задачи и настройки", "Tasks and settings")),
    };
    const LABELS: &'static [(&'static str, Tr)] = &[
        ("slice", Tr("Квант вытесняющей, мс", "Preemptive time slice, ms")),
        ("switch", Tr("Цена переключения, мс", "Switch cost, ms")),
        ("gran", Tr("Кооперативная: await каждые, мс", "Cooperative: an await every, ms")),
        ("greedy", Tr("Жадная задача", "Greedy task")),
        ("coopswitch", Tr("Цена кооперативного переключения", "Cooperative switch cost")),
        (MOMENT_KEY, Tr("Момент", "Moment")),
        (TASK_KEY, Tr("Задачи", "Tasks")),
    ];
    const PRESETS: &'static [PresetWords] = &[
        PresetWords {
            key: "fair",
            name: Tr("Честная очередь", "Fair share"),
            notice: Some(Tr(
                "Обе очереди справляются; вытесняющая платит за переключения, кооперативная — нет.",
                "Both manage; the preemptive one pays for its switches, the cooperative one does not.",
            )),
        },
        PresetWords {
            key: "greedy",
            name: Tr("Жадная задача", "Greedy task"),
            notice: Some(Tr(
                "Задача 1 не уступает: в кооперативной очереди остальные ждут её целиком, а ОС её \
                 просто прерывает.",
                "Task 1 never gives way: cooperatively the others wait for all of it; the OS simply \
                 interrupts it.",
            )),
        },
        PresetWords {
            key: "short",
            name: Tr("Много коротких задач", "Many short tasks"),
            notice: Some(Tr(
                "Короткие задачи почти всё время ждут ввода-вывода — и обе очереди совмещают \
                 ожидания.",
                "Short tasks wait for I/O most of the time — and both schedulers overlap the waits.",
            )),
        },
        PresetWords {
            key: "thrashing",
            name: Tr("Крошечный квант", "Tiny time slice"),
            notice: Some(Tr(
                "Квант 1 мс при переключении в 2 мс: процессор больше переключается, чем работает.",
                "A 1 ms slice with 2 ms switches: the CPU switches more than it works.",
            )),
        },
    ];

    fn read(pairs: &[(&str, &str)], issues: &mut Vec<ParamIssue>) -> Lab {
        let (lab, problems) = Lab::read(pairs.iter().copied(), &[MOMENT_KEY]);
        issues.extend(problems);
        lab
    }

    fn query(setup: &Lab) -> Vec<(&'static str, String)> {
        setup.pairs()
    }

    fn run(setup: &Lab) -> Option<[Schedule; 2]> {
        setup.schedules()
    }

    fn end(run: &Option<[Schedule; 2]>) -> u32 {
        run.as_ref().map_or(0, |[p, c]| p.total().max(c.total()) as u32)
    }

    /// The millisecond: both schedules are known whole.
    type Moment = u32;

    fn moment(_: Option<u32>, _: &Lab, _: &Option<[Schedule; 2]>, tick: u32) -> u32 {
        tick
    }

    fn narrate(lang: Lang, _: &Lab, run: &Option<[Schedule; 2]>, _: &u32, tick: u32) -> String {
        let now = u64::from(tick);
        match run {
            Some([pre, coop]) => format!(
                "{}: {} {}: {}",
                Tr("Вытесняющая", "Preemptive").get(lang),
                narrate(lang, pre, now, true),
                Tr("Кооперативная", "Cooperative").get(lang),
                narrate(lang, coop, now, false),
            ),
            None => NO_TASKS.get(lang).to_owned(),
        }
    }

    fn predict(lang: Lang, _: &Lab, run: &Option<[Schedule; 2]>) -> Option<Prediction> {
        run.as_ref().map(|schedules| predict(lang, schedules))
    }

    fn charts(lang: Lang, _: &Lab, run: &Option<[Schedule; 2]>) -> Charts {
        let panels = [PREEMPTIVE, COOPERATIVE]
            .into_iter()
            .enumerate()
            .map(|(i, title)| {
                let rows = run.as_ref().map(|s| rows(lang, &s[i])).unwrap_or_default();
                (title.get(lang).to_owned(), rows)
            })
            .collect();
        Charts { panels, length: Self::end(run), unit: UNIT }
    }

    fn goals_reached(lab: &Lab, run: &Option<[Schedule; 2]>) -> Vec<&'static str> {
        run.as_ref().map(|schedules| goals_reached(lab, schedules)).unwrap_or_default()
    }

    fn parts(ctx: Ctx<SchedulerSim>) -> Parts {
        panels(ctx)
    }

    fn apply_preset(setup: &mut Lab, name: &str) {
        if let Some(lab) = Lab::preset(name) {
            *setup = lab;
        }
    }

    fn preset_of(setup: &Lab) -> Option<&'static str> {
        setup.preset_name()
    }
}

/// A task's name for the learner, by its index.
fn task_name(lang: Lang, n: usize) -> String {
    format!("{} {}", Tr("Задача", "Task").get(lang), n + 1)
}

/// What happened on the CPU in the millisecond before `now`, in a sentence: who let go of it
/// and why, and who holds it now.
fn narrate(lang: Lang, schedule: &Schedule, now: u64, preemptive: bool) -> String {
    let unit = UNIT.get(lang);
    if now >= schedule.total() {
        return Tr("Все задачи завершены за", "All tasks are done in").get(lang).to_owned()
            + &format!(" {} {unit}.", schedule.total());
    }
    let Some(t) = now.checked_sub(1) else {
        return Tr("Ещё ничего не выполнялось.", "Nothing has run yet.").get(lang).to_owned();
    };
    let holder = schedule.on_cpu(t);
    let before = t.checked_sub(1).and_then(|p| schedule.on_cpu(p));
    let let_go = match before {
        Some(Lane::Task(n)) if holder != before => {
            let name = task_name(lang, n);
            Some(match (schedule.doing(n, t), preemptive, lang) {
                (Some(Doing::Ready), true, Lang::Ru) => format!("планировщик прерывает: {name}"),
                (Some(Doing::Ready), true, Lang::En) => format!("the scheduler interrupts {name}"),
                (Some(Doing::Ready), false, Lang::Ru) => format!("{name} уступает процессор"),
                (Some(Doing::Ready), false, Lang::En) => format!("{name} yields"),
                (Some(_), _, Lang::Ru) => format!("{name} ждёт ввода-вывода"),
                (Some(_), _, Lang::En) => format!("{name} waits for I/O"),
                (None, _, Lang::Ru) => format!("{name} завершена"),
                (None, _, Lang::En) => format!("{name} finishes"),
            })
        }
        _ => None,
    };
    let holds = match holder {
        Some(Lane::Task(n)) => {
            let name = task_name(lang, n);
            let verb = if schedule.doing(n, t) == Some(Doing::Blocking) {
                Tr("блокирует, держа процессор", "blocks, holding the CPU")
            } else if holder == before {
                Tr("выполняется", "runs")
            } else if schedule.first_run.get(n).is_some_and(|&first| first < t) {
                Tr("продолжает", "resumes")
            } else {
                Tr("начинает", "starts")
            };
            format!("{name} {}", verb.get(lang))
        }
        Some(Lane::Switching) => {
            Tr("процессор переключается", "the CPU switches tasks").get(lang).to_owned()
        }
        None => Tr("процессор простаивает", "the CPU is idle").get(lang).to_owned(),
    };
    let sentence = let_go.map_or(holds.clone(), |gone| format!("{gone}; {holds}"));
    let mut chars = sentence.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    format!("{t}–{now} {unit}: {first}{}.", chars.as_str())
}

/// What a task is doing, in words.
fn doing_words(lang: Lang, doing: Doing) -> &'static str {
    match doing {
        Doing::Running => Tr("на процессоре", "on the CPU"),
        Doing::Waiting => Tr("ждёт ввода-вывода", "waits for I/O"),
        Doing::Blocking => Tr("блокирует, держа процессор", "blocks, holding the CPU"),
        Doing::Ready => Tr("готова, ждёт процессора", "ready, waits for the CPU"),
    }
    .get(lang)
}

/// The CPU first (which task holds it, by number, and under preemption the switches between
/// them), then one row per task.
fn rows(lang: Lang, schedule: &Schedule) -> Vec<Row> {
    let unit = UNIT.get(lang);
    let name = |who: Who| match who {
        Who::Task(n) => task_name(lang, n),
        Who::Cpu => Tr("Процессор", "CPU").get(lang).to_owned(),
    };
    let title = |_, s: &Span| {
        let span = &schedule.spans[s.record];
        let (start, end) = (span.start, span.end);
        match span.row {
            Lane::Switching => {
                format!("{} {start}–{end} {unit}", Tr("переключение", "switching").get(lang))
            }
            Lane::Task(t) => {
                format!(
                    "{}: {} {start}–{end} {unit}",
                    task_name(lang, t),
                    doing_words(lang, span.doing)
                )
            }
        }
    };
    rows_of(schedule, name, title)
}

/// Tasks the figures list one by one; past them, one row of averages.
const TASK_ROWS: usize = 10;

/// The tasks as written, each with its problem, and the buttons that add and remove tasks.
fn task_form(ctx: Ctx<SchedulerSim>) -> impl IntoView {
    let Ctx { lang, mode, setup, .. } = ctx;
    let task_rows = move || {
        let (_, problems) = setup.with(Lab::tasks);
        let programs = setup.with(|s| s.programs.clone());
        programs
            .into_iter()
            .zip(problems)
            .enumerate()
            .map(|(i, (program, problem))| {
                let id = format!("scheduler-task-{i}-{}", mode.suffix());
                let error = problem.map(
                    |e| view! { <p class="field-error" role="alert">{program_error(lang, &e)}</p> },
                );
                view! {
                    <div class="task-row">
                        <label for=id.clone()>{task_name(lang, i)}</label>
                        <input
                            id=id
                            type="text"
                            inputmode="numeric"
                            value=program
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                ctx.change(|s| s.programs[i] = text);
                            }
                        />
                        {error}
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <p class="hint">{PROGRAM_HINT.get(lang)}</p>
        <div class="task-rows">{task_rows}</div>
        <div class="task-buttons">
            <button
                class="button secondary"
                disabled=move || setup.with(|s| s.programs.len() >= MAX_TASKS)
                on:click=move |_| ctx.change(|s| s.programs.push("10 20 10".to_owned()))
            >
                {ADD.get(lang)}
            </button>
            <button
                class="button secondary"
                disabled=move || setup.with(|s| s.programs.len() <= 1)
                on:click=move |_| ctx.change(|s| {
                    s.programs.pop();
                })
            >
                {REMOVE.get(lang)}
            </button>
        </div>
        {setup_check(ctx, GREEDY, |s| s.greedy, |s, on| s.greedy = on)}
        {setup_check(ctx, COOP_SWITCH, |s| s.coop_switch, |s, on| s.coop_switch = on)}
        <div class="sliders">
            {knob_sliders(ctx, &["slice", "switch", "gran"], Lab::quanta, Lab::set_quanta)}
        </div>
        <p class="hint">{SCALE.get(lang)}</p>
    }
}

/// The figures of both schedules side by side.
fn metrics(lang: Lang, [pre, coop]: &[Schedule; 2]) -> AnyView {
    let unit = UNIT.get(lang);
    let row = |name: Tr, class: &'static str, a: u64, b: u64| {
        view! {
            <tr class=class>
                <th scope="row">{name.get(lang)}</th>
                <td class="preemptive">{format!("{a} {unit}")}</td>
                <td class="cooperative">{format!("{b} {unit}")}</td>
            </tr>
        }
    };
    let count = |name: Tr, class: &'static str, a: u64, b: u64| {
        view! {
            <tr class=class>
                <th scope="row">{name.get(lang)}</th>
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
    // A row for each of the first tasks, as the timeline has a lane for each; a crowd past
    // them is summed up in one row of averages.
    let (first, rest) = waits.split_at(waits.len().min(TASK_ROWS));
    let rest_row = (!rest.is_empty()).then(|| {
        let n = rest.len() as u64;
        let average = |i: usize| rest.iter().map(|w| w[i]).sum::<u64>() / n;
        let name = format!("{} ({n}): {}", REST.get(lang), WAITED.get(lang));
        wait_row(name, [0, 1, 2, 3].map(average))
    });
    let waited = WAITED.get(lang);
    let waits = view! {
        {first
            .iter()
            .enumerate()
            .map(|(t, w)| wait_row(format!("{}: {waited}", task_name(lang, t)), *w))
            .collect_view()}
        {rest_row}
    };
    let body = view! {
        {row(TOTAL, "total-row", pre.total(), coop.total())}
        {count(SWITCHES, "switches-row", pre.switches, coop.switches)}
        {row(LOST, "lost-row", pre.switch_time, coop.switch_time)}
        {row(WORST, "worst-row", pre.worst_response(), coop.worst_response())}
        {waits}
    };
    let columns = [FIGURE, PREEMPTIVE_SHORT, COOPERATIVE_SHORT];
    figures_table(lang, "totals metrics", METRICS, &columns, body)
}

/// The simulation's own panels and settings.
fn panels(ctx: Ctx<SchedulerSim>) -> Parts {
    let Ctx { lang, mode, run: results, clock, .. } = ctx;
    let panels = [(0usize, PREEMPTIVE, "preemptive"), (1, COOPERATIVE, "cooperative")]
        .into_iter()
        .map(|(i, title, slug)| {
            let rows =
                move || results.with(|r| r.as_ref().map(|s| rows(lang, &s[i])).unwrap_or_default());
            let p = PanelView {
                data: Some(("data-scheduler", slug)),
                title: Signal::stored(title.get(lang).to_owned()),
                moment: None,
                rows: Signal::derive(rows),
                length: clock.end,
                now: clock.tick.into(),
                unit: UNIT,
            };
            panel(lang, mode, p)
        })
        .collect_view();
    let no_tasks = move || view! { <p class="notice error" role="alert">{NO_TASKS.get(lang)}</p> };
    let figures = move || {
        results.with(|r| r.as_ref().map_or_else(|| no_tasks().into_any(), |s| metrics(lang, s)))
    };
    Parts {
        before_player: None,
        after_player: None,
        settings: Some(task_form(ctx).into_any()),
        panels: view! { <div class="scenarios">{panels}</div> }.into_any(),
        after_panels: Some(figures.into_any()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_narration_says_who_lets_go_of_the_cpu_and_who_takes_it() {
        use engine::scheduler::{Burst::Cpu, Policy};
        let task = |ms| engine::scheduler::Task { bursts: vec![Cpu(ms)], greedy: false };
        let coop = Schedule::run(
            &[task(2), task(2)],
            Policy::Cooperative { granularity: 10, switch_cost: 0 },
        )
        .unwrap();
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
    fn the_presets_words_follow_the_engines_presets() {
        let keys: Vec<_> = SchedulerSim::PRESETS.iter().map(|p| p.key).collect();
        let names: Vec<_> = engine::scheduler::PRESETS.iter().map(|p| p.0).collect();
        assert_eq!(keys, names);
    }

    #[test]
    fn the_greedy_preset_starves_cooperatively_only() {
        let [pre, coop] = Lab::preset("greedy").unwrap().schedules().unwrap();
        assert!(coop.worst_response() >= 80, "{}", coop.worst_response());
        assert!(pre.worst_response() < 30, "{}", pre.worst_response());
    }

    #[test]
    fn the_cpu_row_says_which_task_holds_the_cpu() {
        let [pre, coop] = Lab::preset("greedy").unwrap().schedules().unwrap();
        let cpu = |s: &Schedule| -> Vec<(String, u32, u32)> {
            let rows = rows(Lang::En, s);
            assert_eq!(rows[0].name, "CPU", "the shared lane first");
            rows[0].bars.iter().take(3).map(|b| (b.label.clone(), b.start, b.end)).collect()
        };
        // Preemptive: task 1 for a 10 ms slice, a switch (no label), then task 2.
        assert_eq!(cpu(&pre), [("1".into(), 0, 10), ("".into(), 10, 11), ("2".into(), 11, 21)]);
        // Cooperative: the greedy task 1 computes 60 ms, then blocks for 20 ms holding the CPU.
        assert_eq!(cpu(&coop), [("1".into(), 0, 60), ("1".into(), 60, 80), ("1".into(), 80, 100)]);
    }

    #[test]
    fn a_broken_program_is_reported_in_the_learners_words() {
        let lab = Lab { programs: vec!["10 x".into(), "5".into()], ..Lab::preset("fair").unwrap() };
        let (_, problems) = lab.tasks();
        assert_eq!(
            program_error(Lang::Ru, problems[0].as_ref().unwrap()),
            "«x» — не целое число миллисекунд."
        );
        let every = [
            ProgramError::Empty,
            ProgramError::NotANumber("x".into()),
            ProgramError::OutOfRange(5000),
            ProgramError::TooLong(30),
        ];
        for (error, lang) in every.iter().flat_map(|e| Lang::ALL.map(|l| (e, l))) {
            assert!(program_error(lang, error).len() > 10, "{error:?} in {lang:?}");
        }
        let too_long = ProgramError::TooLong(MAX_STEPS + 1);
        assert_eq!(
            program_error(Lang::Ru, &too_long),
            format!("{} шагов: не больше {MAX_STEPS}.", MAX_STEPS + 1)
        );
    }
}
