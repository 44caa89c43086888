//! The event-loop visualiser: a small asyncio program, run step by step by the engine and
//! replayed by the shared player; the current line, the ready queue, the timers and the I/O in
//! flight, the console, and a timeline with one CPU lane over the tasks' waits.

use super::shell::{panel, shell, Ctx, PanelView, Parts, PresetWords, ShellWords, Sim};
use super::{Mode, PanelTitle, SimKind, MOMENT_KEY};
use crate::components::timeline::{rows_of, Row};
use crate::i18n::{Lang, Tr};
use engine::event_loop::link::{self, PRESET_KEY, PROGRAM_KEY};
use engine::event_loop::run::{Handle, Run, TaskInfo};
use engine::event_loop::trace::{mark_width, Who};
use engine::event_loop::{parse, run, Snapshot, TaskState, Wait, What, PRESETS};
use engine::params::ParamIssue;
use engine::python::SyntaxError;
use engine::trace::{Span, Work};
use leptos::prelude::*;

mod problems;

/// How many boxes a queue shows before "and N more".
const SHOWN: usize = 12;
/// What the loop's lane shows, in words.
const RUNS_WORDS: Tr = Tr("Python выполняется", "Python runs");
const BLOCKED_WORDS: Tr = Tr("поток заблокирован", "thread blocked");

const PROGRAM: Tr = Tr("Программа", "Program");
const EDIT: Tr = Tr("Изменить программу", "Edit the program");
const APPLY: Tr = Tr("Запустить эту программу", "Run this program");
const CANCEL: Tr = Tr("Отменить", "Cancel");
const EDITOR: Tr = Tr("Текст программы", "Program text");
const RUNNING: Tr = Tr("Сейчас выполняется", "Running now");
const IDLE: Tr =
    Tr("Ничего: цикл ждёт ближайшего события", "Nothing: the loop waits for the next event");
const READY: Tr = Tr("Очередь готовых", "Ready queue");
const TIMERS: Tr = Tr("Таймеры", "Timers");
const IO: Tr = Tr("Ввод-вывод в полёте", "I/O in flight");
const DONE: Tr = Tr("Завершённые задачи", "Finished tasks");
const WAITING: Tr = Tr(
    "Ждут: чего и где (переменные кадра)",
    "Waiting: for what, and where (the frame's variables)",
);
const THREAD: Tr = Tr("Поток", "Thread");
const THREADS: Tr = Tr("Рабочие потоки (to_thread)", "Worker threads (to_thread)");
const OBJECTS: Tr = Tr("Очереди, блокировки, события", "Queues, locks, events");
const CONSOLE: Tr = Tr("Вывод программы", "Output");
const EMPTY: Tr = Tr("пусто", "empty");
const MORE: Tr = Tr("и ещё", "and");
const TIMELINE: Tr = Tr("Шкала времени", "Timeline");
const BLOCKED: Tr = Tr("Поток заблокирован до", "The thread is blocked until");
const WARNING: Tr = Tr("Предупреждение Python", "Python's warning");
const TRACEBACK: Tr = Tr("Как это напечатал бы Python", "As Python prints it");
const AT: Tr = Tr("в", "at");
const LINE: Tr = Tr("строка", "line");
const STEPS: Tr = Tr("шагов", "steps");
const MS: Tr = Tr("мс", "ms");

/// The ready-made programs' words, in the order of the engine's presets.
const PRESET_WORDS: [PresetWords; PRESETS.len()] = [
    PresetWords {
        key: "blocking",
        name: Tr("time.sleep против asyncio.sleep", "time.sleep vs asyncio.sleep"),
        notice: Some(Tr(
            "time.sleep(1) держит единственный поток: пока он спит, tick не печатает ничего, хотя \
                 его таймер давно сработал, — на шкале видна красная полоса блокировки. \
                 await asyncio.sleep(1) отдаёт управление циклу, и tock продолжает работать.",
            "time.sleep(1) holds the only thread: while it sleeps, tick prints nothing although \
                 its timer is long due — the timeline shows the red blocked stretch. \
                 await asyncio.sleep(1) hands control back to the loop, and tock keeps working.",
        )),
    },
    PresetWords {
        key: "gather",
        name: Tr("Две загрузки: по очереди и с gather", "Two downloads: in turn and with gather"),
        notice: Some(Tr(
            "По очереди две загрузки занимают 1 + 2 = 3 с: вторая начинается, только когда \
                 закончилась первая. С gather обе операции ввода-вывода в полёте одновременно, и всё \
                 занимает 2 с — столько, сколько самая долгая. Python при этом выполняется мгновенно.",
            "One after another, the two downloads take 1 + 2 = 3 s: the second starts only when \
                 the first is over. With gather both I/O operations are in flight at once, and it all \
                 takes 2 s — as long as the longest. The Python code itself takes no time at all.",
        )),
    },
    PresetWords {
        key: "cpu",
        name: Tr("Вычисления замораживают всё", "Computing freezes everything"),
        notice: Some(Tr(
            "cpu(1) — вычисления без await: цикл не может переключиться, и heartbeat молчит \
                 целую секунду. Конкурентность asyncio не помогает вычислениям — для них нужны \
                 процессы.",
            "cpu(1) computes without an await: the loop cannot switch, and heartbeat is silent \
                 for a whole second. asyncio's concurrency does not help computing — that takes \
                 processes.",
        )),
    },
    PresetWords {
        key: "create-task",
        name: Tr("create_task против голого вызова", "create_task vs a bare call"),
        notice: Some(Tr(
            "Вызов job(\"forgotten\", 1) только создаёт объект-сопрограмму: она никогда не \
                 выполнится, и Python предупредит «coroutine … was never awaited». create_task \
                 ставит сопрограмму в очередь сразу, и она работает, пока main занята своим.",
            "Calling job(\"forgotten\", 1) only creates a coroutine object: it never runs, and \
                 Python warns “coroutine … was never awaited”. create_task queues the coroutine at \
                 once, and it runs while main gets on with its own work.",
        )),
    },
    PresetWords {
        key: "hundred",
        name: Tr("gather ста запросов", "gather of 100 requests"),
        notice: Some(Tr(
            "Сто запросов по секунде каждый завершаются примерно за одну секунду: все ждут \
                 одновременно, а очередь готовых наполняется, когда ответы приходят. Переключите \
                 скорость на 8× или двигайте ползунок.",
            "A hundred requests of one second each finish in about one second: all of them wait \
                 at the same time, and the ready queue fills as the answers arrive. Switch the speed \
                 to 8× or drag the slider.",
        )),
    },
    PresetWords {
        key: "queue",
        name: Tr("Очередь: заказы и два повара", "A queue: orders and two cooks"),
        notice: Some(Tr(
            "Производитель кладёт заказ каждые 0,5 с, два повара берут их из asyncio.Queue. \
                 Пустая очередь усыпляет повара на get(), полная (maxsize=2) — производителя на \
                 put(). queue.join() ждёт, пока каждый заказ отмечен task_done(), а потом main \
                 отменяет поваров: их бесконечные циклы кончаются CancelledError на await.",
            "The producer puts an order every 0.5 s; two cooks take them from an asyncio.Queue. \
                 An empty queue puts a cook to sleep on get(), a full one (maxsize=2) the producer on \
                 put(). queue.join() waits until every order is marked task_done(); then main \
                 cancels the cooks: their endless loops end with CancelledError at an await.",
        )),
    },
    PresetWords {
        key: "lock",
        name: Tr("Lock вокруг общего счёта", "A Lock around a shared balance"),
        notice: Some(Tr(
            "Каждый вклад читает общий счёт, засыпает на await и записывает прочитанное плюс \
                 сумму. Без блокировки все трое прочли 0 — и два вклада потеряны. С asyncio.Lock \
                 второй вклад ждёт у async with, пока первый не запишет: итог 60.",
            "Each deposit reads the shared balance, sleeps at an await, and writes what it read \
                 plus its amount. Without a lock all three read 0, and two deposits are lost. With an \
                 asyncio.Lock the second deposit waits at async with until the first has written: \
                 60 in the end.",
        )),
    },
    PresetWords {
        key: "timeout",
        name: Tr("wait_for и отмена задачи", "wait_for and cancelling a task"),
        notice: Some(Tr(
            "wait_for ставит таймер рядом с задачей. Быстрая загрузка успевает; медленную таймер \
                 отменяет: CancelledError приходит в неё на await fetch, её except печатает и \
                 пробрасывает дальше, а main получает TimeoutError. Потом main сама отменяет задачу \
                 через task.cancel().",
            "wait_for sets a timer beside the task. The fast download makes it; the slow one is \
                 cancelled by the timer: CancelledError arrives in it at await fetch, its except \
                 prints and re-raises, and main gets TimeoutError. Then main cancels a task itself \
                 with task.cancel().",
        )),
    },
    PresetWords {
        key: "task-group",
        name: Tr("TaskGroup: все вместе или никто", "TaskGroup: all together or none"),
        notice: Some(Tr(
            "async with TaskGroup() ждёт все свои задачи. Когда одна падает, группа отменяет \
                 остальные (menu печатает, что её отменили) и поднимает ExceptionGroup со всеми \
                 ошибками — ни одна задача не остаётся висеть.",
            "async with TaskGroup() waits for all its tasks. When one fails, the group cancels \
                 the others (menu says it was cancelled) and raises an ExceptionGroup with every \
                 error: no task is left hanging.",
        )),
    },
    PresetWords {
        key: "to-thread",
        name: Tr("to_thread: блокирующий вызов в потоке", "to_thread: a blocking call in a thread"),
        notice: Some(Tr(
            "read_file блокирует: time.sleep держит поток. asyncio.to_thread отдаёт её рабочему \
                 потоку — у него своя полоса на шкале, — и heartbeat продолжает биться. В конце тот \
                 же вызов без потока: он выполняется в потоке цикла и замораживает всё на 1,2 с.",
            "read_file blocks: time.sleep holds its thread. asyncio.to_thread hands it to a worker \
                 thread, which has a lane of its own on the timeline, and heartbeat keeps beating. \
                 At the end the same call without a thread runs on the loop's thread and freezes \
                 everything for 1.2 s.",
        )),
    },
];

/// Seconds from virtual milliseconds: `1.5 s`.
fn seconds(lang: Lang, ms: u64) -> String {
    let (whole, frac) = (ms / 1000, ms % 1000);
    let sep = if lang == Lang::Ru { ',' } else { '.' };
    let frac = format!("{frac:03}");
    let frac = frac.trim_end_matches('0');
    let unit = if lang == Lang::Ru { "с" } else { "s" };
    if frac.is_empty() {
        format!("{whole} {unit}")
    } else {
        format!("{whole}{sep}{frac} {unit}")
    }
}

/// A task's short name: `Task-2 download('a', 1)`.
fn task_label(tasks: &[TaskInfo], t: usize) -> String {
    tasks.get(t).map(|i| format!("{} {}", i.name, i.coro)).unwrap_or_default()
}

fn handle_label(lang: Lang, tasks: &[TaskInfo], h: Handle) -> String {
    let name = |t: usize| tasks.get(t).map(|i| i.name.clone()).unwrap_or_default();
    match (lang, h) {
        (Lang::Ru, Handle::Step(t)) => format!("{}: шаг", name(t)),
        (Lang::Ru, Handle::Wakeup(t)) => format!("{}: продолжить", name(t)),
        (Lang::Ru, Handle::Done(_)) => "таймер: отметить готовым".into(),
        (Lang::Ru, Handle::Gathered(_)) => "gather: учесть задачу".into(),
        (Lang::Ru, Handle::Stop) => "остановить цикл".into(),
        (Lang::Ru, Handle::Callback) => "обратный вызов".into(),
        (Lang::Ru, Handle::Thread(_)) => "рабочий поток".into(),
        (Lang::En, Handle::Step(t)) => format!("{}: step", name(t)),
        (Lang::En, Handle::Wakeup(t)) => format!("{}: resume", name(t)),
        (Lang::En, Handle::Done(_)) => "timer: mark done".into(),
        (Lang::En, Handle::Gathered(_)) => "gather: count a task".into(),
        (Lang::En, Handle::Stop) => "stop the loop".into(),
        (Lang::En, Handle::Callback) => "a callback".into(),
        (Lang::En, Handle::Thread(_)) => "a worker thread".into(),
    }
}

/// What the step just taken did, in one sentence.
fn describe_step(lang: Lang, run: &Run, step: usize) -> String {
    let Some(e) = step.checked_sub(1).and_then(|i| run.events.get(i)) else {
        return match lang {
            Lang::Ru => {
                "Цикл событий ещё не запущен: asyncio.run(main()) создаст первую задачу.".into()
            }
            Lang::En => {
                "The event loop has not started: asyncio.run(main()) creates the first task.".into()
            }
        };
    };
    // Code outside any task is the module's own top level.
    let task = e.task.map(|t| task_label(&run.tasks, t)).unwrap_or_else(|| {
        match lang {
            Lang::Ru => "Программа",
            Lang::En => "The program",
        }
        .to_owned()
    });
    let ru = lang == Lang::Ru;
    match &e.what {
        What::Runs if ru => format!("{task} выполняет строку {}.", e.line),
        What::Runs => format!("{task} runs line {}.", e.line),
        What::Prints(text) if ru => format!("{task} печатает «{text}»."),
        What::Prints(text) => format!("{task} prints “{text}”."),
        What::Creates(t) if ru => {
            format!("Создана задача {}; её первый шаг встал в очередь.", task_label(&run.tasks, *t))
        }
        What::Creates(t) => {
            format!("{} is created; its first step joins the queue.", task_label(&run.tasks, *t))
        }
        What::Scheduled(h) if ru => {
            format!("В очередь готовых: {}.", handle_label(lang, &run.tasks, *h))
        }
        What::Scheduled(h) => {
            format!("Joins the ready queue: {}.", handle_label(lang, &run.tasks, *h))
        }
        What::Dispatched(h) if ru => {
            format!("Цикл берёт из очереди: {}.", handle_label(lang, &run.tasks, *h))
        }
        What::Dispatched(h) => {
            format!("The loop takes from the queue: {}.", handle_label(lang, &run.tasks, *h))
        }
        What::TimerSet { label, until, io: true, .. } if ru => {
            format!("{task} ждёт {label}: ответ к {}.", seconds(lang, *until))
        }
        What::TimerSet { label, until, io: true, .. } => {
            format!("{task} waits for {label}: the answer comes at {}.", seconds(lang, *until))
        }
        What::TimerSet { label, until, .. } if ru => {
            format!("{task} засыпает: {label}, таймер на {}.", seconds(lang, *until))
        }
        What::TimerSet { label, until, .. } => {
            format!("{task} sleeps: {label}, a timer for {}.", seconds(lang, *until))
        }
        What::TimerDue(_) if ru => "Срок таймера настал: его обработчик встаёт в очередь.".into(),
        What::TimerDue(_) => "A timer is due: its callback joins the queue.".into(),
        What::Suspends { on, .. } if ru => format!("{task} отдаёт управление циклу и ждёт: {on}."),
        What::Suspends { on, .. } => {
            format!("{task} hands control back to the loop and waits for {on}.")
        }
        What::Works { thread, label, until, cpu: false } if ru => format!(
            "Поток {} выполняет {label} и спит в time.sleep до {}; цикл событий тем временем свободен.",
            thread + 1,
            seconds(lang, *until)
        ),
        What::Works { thread, label, until, cpu: false } => format!(
            "Worker thread {} runs {label} and sleeps in time.sleep until {}; meanwhile the loop is free.",
            thread + 1,
            seconds(lang, *until)
        ),
        What::Works { thread, label, until, .. } if ru => format!(
            "Поток {} выполняет {label} и считает до {}.",
            thread + 1,
            seconds(lang, *until)
        ),
        What::Works { thread, label, until, .. } => format!(
            "Worker thread {} runs {label} and computes until {}.",
            thread + 1,
            seconds(lang, *until)
        ),
        What::ThreadEnds(thread) if ru => format!(
            "Поток {} закончил: его результат через call_soon передаётся циклу.",
            thread + 1
        ),
        What::ThreadEnds(thread) => {
            format!("Worker thread {} is done: call_soon hands its result to the loop.", thread + 1)
        }
        What::Shows { name, state } if ru => format!("{name} теперь: {state}."),
        What::Shows { name, state } => format!("{name} now holds {state}."),
        What::Blocks { until, cpu: true } if ru => {
            format!("{task} считает без await до {}: всё остальное стоит.", seconds(lang, *until))
        }
        What::Blocks { until, cpu: true } => format!(
            "{task} computes without an await until {}: everything else stands still.",
            seconds(lang, *until)
        ),
        What::Blocks { until, .. } if ru => {
            format!("{task} вызывает time.sleep: поток заблокирован до {}.", seconds(lang, *until))
        }
        What::Blocks { until, .. } => format!(
            "{task} calls time.sleep: the thread is blocked until {}.",
            seconds(lang, *until)
        ),
        What::Finishes(result) if ru => format!("{task} завершена, результат {result}."),
        What::Finishes(result) => format!("{task} is done, with {result}."),
        What::Cancels(t) if ru => {
            format!("main() закончилась: {} отменяется.", task_label(&run.tasks, *t))
        }
        What::Cancels(t) => format!("main() is over: {} is cancelled.", task_label(&run.tasks, *t)),
        What::Warns(w) if ru => format!("Python предупредит: {w}."),
        What::Warns(w) => format!("Python will warn: {w}."),
    }
}

/// The whole run's timeline: the loop's thread (code running, the thread blocked), the
/// worker threads, then every task with its waits.
fn rows(lang: Lang, run: &Run) -> Vec<Row> {
    let name = |who: Who| match who {
        Who::Loop => "CPU".to_owned(),
        Who::Thread(n) => format!("{} {}", THREAD.get(lang), n + 1),
        Who::Task(n) => run.tasks[n].name.clone(),
    };
    let title = |_, s: &Span| {
        let e = &run.events[s.record];
        let from_to = |until: u64| format!("{}–{}", seconds(lang, e.t), seconds(lang, until));
        match &e.what {
            What::Blocks { until, .. } => {
                format!("{} {}", BLOCKED_WORDS.get(lang), seconds(lang, *until))
            }
            What::Works { label, until, .. } | What::TimerSet { label, until, .. } => {
                format!("{label}: {}", from_to(*until))
            }
            _ => format!("{} {} {}", RUNS_WORDS.get(lang), AT.get(lang), seconds(lang, e.t)),
        }
    };
    rows_of(run, name, title)
}

/// The first chips of a box, as many as are shown, and how many it holds in all.
#[derive(Clone, Debug, Default, PartialEq)]
struct Chips {
    shown: Vec<String>,
    total: usize,
}

impl Chips {
    fn of(total: usize, items: impl Iterator<Item = String>) -> Self {
        Self { shown: items.take(SHOWN).collect(), total }
    }

    /// The chips shown, each with how many same chips come before it, as a key that stays
    /// with a chip while it is on screen.
    fn keyed(&self) -> Vec<(String, usize)> {
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
struct LoopNow {
    running: String,
    ready: Chips,
    timers: Chips,
    io: Chips,
    done: Chips,
    waiting: Chips,
    objects: Chips,
    threads: Chips,
}

/// `Task-2 tick('tick') waits for sleep(0.5) · tick, line 8: name='tick', i=0`: who waits, for
/// what, and its frames (innermost with its variables, then who awaits it).
fn wait_text(lang: Lang, tasks: &[TaskInfo], t: usize, wait: &Wait) -> String {
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
fn object_text(lang: Lang, tasks: &[TaskInfo], s: &Snapshot, name: &str, state: &str) -> String {
    let ru = lang == Lang::Ru;
    let shown = match (name.split(' ').next().unwrap_or(""), state) {
        ("Lock", "None") if ru => "свободна".to_owned(),
        ("Lock", "None") => "free".to_owned(),
        ("Lock", owner) if ru => format!("у {}", owner.trim_matches('\'')),
        ("Lock", owner) => format!("held by {}", owner.trim_matches('\'')),
        ("Semaphore", n) if ru => format!("свободных мест: {n}"),
        ("Semaphore", n) => format!("free places: {n}"),
        ("Event", "True") if ru => "установлено".to_owned(),
        ("Event", "True") => "set".to_owned(),
        ("Event", _) if ru => "не установлено".to_owned(),
        ("Event", _) => "not set".to_owned(),
        (_, items) => items.to_owned(),
    };
    let prefix = format!("{name}: ");
    let waiting: Vec<String> = s
        .waits
        .iter()
        .enumerate()
        .filter(|(_, w)| w.as_ref().is_some_and(|w| w.on.starts_with(&prefix)))
        .filter_map(|(t, _)| tasks.get(t).map(|i| i.name.clone()))
        .collect();
    if waiting.is_empty() {
        format!("{name}: {shown}")
    } else {
        let label = if ru { "ждут" } else { "waiting" };
        format!("{name}: {shown} · {label}: {}", waiting.join(", "))
    }
}

impl LoopNow {
    fn of(lang: Lang, r: &Run, s: &Snapshot, source: &RwSignal<String>) -> Self {
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
            let result = s.results.get(t).cloned().flatten().unwrap_or_else(|| "cancelled".into());
            let result = if *st == TaskState::Cancelled && lang == Lang::Ru {
                "отменена".into()
            } else {
                result
            };
            format!("{} → {result}", r.tasks[t].name)
        });
        Self {
            running,
            ready: Chips::of(
                s.ready.len(),
                s.ready.iter().map(|h| handle_label(lang, &r.tasks, *h)),
            ),
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

/// The event-loop visualiser for the shell.
pub struct EventLoopSim;

/// A program's run, or why it cannot run.
pub type Outcome = Result<Run, SyntaxError>;

impl Sim for EventLoopSim {
    /// The program's text.
    type Setup = String;
    type Run = Outcome;

    const KIND: SimKind = SimKind::EventLoop;
    /// Wall-clock milliseconds per step at 1×.
    const PACE_MS: f64 = 450.0;
    const WORDS: ShellWords = ShellWords {
        presets: Tr("Программы из главы", "Programs from the chapter"),
        unit: STEPS,
        legend: &[
            (Work::Runs, RUNS_WORDS),
            (Work::Blocks, BLOCKED_WORDS),
            (Work::WaitsTimer, Tr("ждёт таймер", "waits for a timer")),
            (Work::WaitsIo, Tr("ждёт ввод-вывод", "waits for I/O")),
        ],
        idle: None,
        legend_note: None,
        hint: Some(Tr(
            "Своя программа: её можно изменить кнопкой «Изменить программу» или выбрать \
             программу из главы.",
            "Your own program: change it with “Edit the program”, or pick a program from the \
             chapter.",
        )),
    };
    const LABELS: &'static [(&'static str, Tr)] = &[
        (PROGRAM_KEY, Tr("Программа в ссылке", "Program in the link")),
        (PRESET_KEY, Tr("Готовая программа", "Ready-made program")),
        (MOMENT_KEY, Tr("Шаг", "Step")),
    ];
    const PRESETS: &'static [PresetWords] = &PRESET_WORDS;

    fn read(pairs: &[(&str, &str)], issues: &mut Vec<ParamIssue>) -> String {
        let (program, problems) = link::read(pairs.iter().copied(), &[MOMENT_KEY]);
        issues.extend(problems);
        program
    }

    fn query(setup: &String) -> Vec<(&'static str, String)> {
        link::pairs(setup)
    }

    fn run(setup: &String) -> Outcome {
        parse(setup).map(|program| run(&program))
    }

    fn end(run: &Outcome) -> u32 {
        run.as_ref().map_or(0, |r| r.events.len() as u32)
    }

    /// The loop's state after the steps so far: playing forward applies one event per step to
    /// the previous state, so a step costs the same with ten tasks or ten thousand.
    type Moment = Snapshot;

    fn moment(previous: Option<Snapshot>, _: &String, run: &Outcome, tick: u32) -> Snapshot {
        match run {
            Ok(r) => {
                let mut s = previous.unwrap_or_default();
                s.advance(r, tick as usize);
                s
            }
            Err(_) => Snapshot::default(),
        }
    }

    fn narrate(lang: Lang, _: &String, run: &Outcome, _: &Snapshot, tick: u32) -> String {
        match run {
            Ok(r) => describe_step(lang, r, tick as usize),
            Err(e) => problems::syntax_text(lang, e),
        }
    }

    fn apply_preset(setup: &mut String, name: &str) {
        if let Some((_, src)) = PRESETS.iter().find(|(n, _)| *n == name) {
            *setup = (*src).to_owned();
        }
    }

    fn preset_of(setup: &String) -> Option<&'static str> {
        PRESETS.iter().find(|(_, p)| *p == setup).map(|(n, _)| *n)
    }
}

/// The event-loop visualiser.
#[component]
pub fn EventLoop(
    /// Parameters as `key=value` pairs from a URL or a directive.
    query: Vec<(String, String)>,
    /// Where it is shown.
    mode: Mode,
) -> impl IntoView {
    shell::<EventLoopSim>(&query, mode, panels)
}

fn panels(ctx: Ctx<EventLoopSim>) -> Parts {
    let Ctx { lang, mode, setup: source, run: outcome, moment: snapshot, clock } = ctx;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let draft_error = Memo::new(move |_| draft.with(|d| parse(d).err()));
    let editor_id = format!("event-loop-editor-{}", mode.suffix());

    let current_line = Memo::new(move |_| snapshot.with(|s| s.running.map(|(_, line)| line)));
    // On a phone the listing is a window of a few lines beside the loop's state: it follows
    // the current line (syncing the DOM's scroll position with the step, an outside effect).
    let listing_ref = NodeRef::<leptos::html::Ol>::new();
    Effect::new(move |_| {
        let Some(line) = current_line.get() else { return };
        let Some(ol) = listing_ref.get() else { return };
        if ol.scroll_height() <= ol.client_height() {
            return;
        }
        let Ok(Some(li)) = ol.query_selector(&format!("li:nth-child({line})")) else { return };
        let Ok(li) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(li) else { return };
        // The listing is the line's offset parent (position: relative where it scrolls).
        let middle = li.offset_top() - ol.client_height() / 2;
        ol.set_scroll_top(middle.max(0));
    });
    // Drawn again only when the program or its errors change; a step moves the highlight.
    let listing = move || {
        let error_line = outcome.with(|p| p.as_ref().err().map(|e| e.pos.line));
        let run_error = outcome.with(|r| r.as_ref().ok().and_then(|r| r.failure.clone()));
        source.with(|s| {
            s.lines()
                .enumerate()
                .map(|(i, text)| {
                    let n = i as u32 + 1;
                    let bad = error_line == Some(n) || run_error.as_ref().is_some_and(|e| e.line() == n);
                    view! {
                        <li class:current=move || current_line.get() == Some(n) class:bad=bad>
                            <code>{if text.is_empty() { " ".to_owned() } else { text.to_owned() }}</code>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    let problems = move || {
        let parse_error = outcome.with(|p| p.as_ref().err().cloned());
        let (run_error, warnings) = outcome.with(|r| match r {
            Ok(r) => (r.failure.clone(), r.warnings.clone()),
            Err(_) => (None, Vec::new()),
        });
        let parse_box = parse_error.map(|e| error_box(lang, &e));
        let run_box = run_error.map(|failure| {
            let (headline, traceback) = problems::failure_text(lang, &failure);
            let traceback = (!traceback.is_empty()).then(|| {
                view! {
                    <details class="traceback">
                        <summary>{TRACEBACK.get(lang)}</summary>
                        <pre>{traceback.join("\n")}</pre>
                    </details>
                }
            });
            view! {
                <div class="notice error" role="alert">
                    <p>{headline}</p>
                    {traceback}
                </div>
            }
        });
        let warning_boxes = warnings
            .into_iter()
            .map(|(line, text)| {
                let why = match lang {
                    Lang::Ru => "вызов async-функции только создаёт объект-сопрограмму; она выполнится, только если её дождаться (await) или обернуть в задачу (create_task).",
                    Lang::En => "calling an async function only creates a coroutine object; it runs only when awaited or wrapped in a task (create_task).",
                };
                view! { <p class="notice" role="note">{format!("{} ({} {line}): {text} — {why}", WARNING.get(lang), LINE.get(lang))}</p> }
            })
            .collect_view();
        view! { {parse_box} {run_box} {warning_boxes} }
    };

    // What the loop holds at this moment, box by box. Each box is a memo, so a step redraws
    // only the boxes it changed, and in them only the chips that came or went.
    let loop_now = Memo::new(move |_| {
        snapshot
            .with(|s| outcome.with(|r| r.as_ref().ok().map(|r| LoopNow::of(lang, r, s, &source))))
    });
    let running = move || loop_now.with(|n| n.as_ref().map(|n| n.running.clone()));
    let chips = move |pick: fn(&LoopNow) -> &Chips, class: &'static str| {
        let box_class = format!("box {class}");
        let shown =
            move || loop_now.with(|n| n.as_ref().map(|n| pick(n).keyed()).unwrap_or_default());
        let more = move || {
            let total = loop_now.with(|n| n.as_ref().map_or(0, |n| pick(n).total));
            (total > SHOWN).then(
                || view! { <li class="box more">{format!("{} {}", MORE.get(lang), total - SHOWN)}</li> },
            )
        };
        let empty = move || {
            let total = loop_now.with(|n| n.as_ref().map_or(0, |n| pick(n).total));
            (total == 0).then(|| view! { <li class="box none">{EMPTY.get(lang)}</li> })
        };
        view! {
            <ul class="boxes">
                <For each=shown key=|chip| chip.clone() let((text, _))>
                    <li class=box_class.clone()>{text}</li>
                </For>
                {more}
                {empty}
            </ul>
        }
    };
    let has_run = Memo::new(move |_| loop_now.with(Option::is_some));
    let has_threads = Memo::new(move |_| {
        outcome.with(|r| {
            r.as_ref()
                .ok()
                .is_some_and(|r| r.events.iter().any(|e| matches!(e.what, What::Works { .. })))
        })
    });
    let has_objects = Memo::new(move |_| {
        outcome.with(|r| {
            r.as_ref()
                .ok()
                .is_some_and(|r| r.events.iter().any(|e| matches!(e.what, What::Shows { .. })))
        })
    });
    let queues = move || {
        has_run.get().then(|| {
            view! {
                <div class="loop-state">
                    <section class="lane-box running-box">
                        <p class="box-title">{RUNNING.get(lang)}</p>
                        <p class="running-now">{running}</p>
                    </section>
                    <section class="lane-box"><p class="box-title">{READY.get(lang)}</p>{chips(|n| &n.ready, "ready-box")}</section>
                    <section class="lane-box"><p class="box-title">{TIMERS.get(lang)}</p>{chips(|n| &n.timers, "timer-box")}</section>
                    <section class="lane-box"><p class="box-title">{IO.get(lang)}</p>{chips(|n| &n.io, "io-box")}</section>
                    <section class="lane-box"><p class="box-title">{DONE.get(lang)}</p>{chips(|n| &n.done, "done-box")}</section>
                    <section class="lane-box wide"><p class="box-title">{WAITING.get(lang)}</p>{chips(|n| &n.waiting, "wait-box")}</section>
                    {move || has_threads.get().then(|| view! {
                        <section class="lane-box wide"><p class="box-title">{THREADS.get(lang)}</p>{chips(|n| &n.threads, "io-box")}</section>
                    })}
                    {move || has_objects.get().then(|| view! {
                        <section class="lane-box wide"><p class="box-title">{OBJECTS.get(lang)}</p>{chips(|n| &n.objects, "object-box")}</section>
                    })}
                </div>
            }
        })
    };

    // The printed lines change now and then, not with every step.
    let console = Memo::new(move |_| snapshot.with(|s| s.output.join("\n")));
    let time = move || seconds(lang, snapshot.with(|s| s.t));
    let moment = move || {
        let tick = clock.tick.get();
        source.with(|s| {
            outcome.with(|r| snapshot.with(|m| EventLoopSim::narrate(lang, s, r, m, tick)))
        })
    };
    let timeline_rows = Signal::derive(move || {
        outcome.with(|r| r.as_ref().ok().map(|r| rows(lang, r)).unwrap_or_default())
    });
    let timeline_length = Signal::derive(move || {
        outcome.with(|r| r.as_ref().ok().map_or(1, |r| r.end.max(1) as u32))
    });
    // The chart shows the instants that are over: the code that ran at an instant is a mark
    // one width long, drawn once the loop has moved past that instant (it would tell the
    // steps still to come at the same instant too early).
    let timeline_now = Signal::derive(move || {
        let (t, step) = snapshot.with(|s| (s.t, s.step));
        outcome.with(|r| {
            let Ok(r) = r else { return 0 };
            let over = step > 0 && r.events.get(step).is_none_or(|next| next.t > t);
            (if over { t + u64::from(mark_width(r)) } else { t }) as u32
        })
    });
    // A preset picked closes the editor.
    Effect::watch(move || source.track(), move |_, _, _| editing.set(false), false);
    Parts {
        before_player: None,
        after_player: Some(
            view! {
                <p class="loop-time">{move || format!("t = {}", time())}</p>
                <p class="moment step-words">{moment}</p>
                <div class="loop-layout">
                    <section class="program">
                        <PanelTitle mode=mode text=PROGRAM.get(lang).to_owned() />
                        {problems}
                        <Show
                            when=move || editing.get()
                            fallback=move || view! {
                                <ol class="listing" node_ref=listing_ref tabindex="0" aria-label=PROGRAM.get(lang)>{listing}</ol>
                                <button class="button secondary" on:click=move |_| {
                                    draft.set(source.get_untracked());
                                    editing.set(true);
                                }>{EDIT.get(lang)}</button>
                            }
                        >
                            <label for=editor_id.clone() class="visually-hidden">{EDITOR.get(lang)}</label>
                            <textarea
                                id=editor_id.clone()
                                class="editor"
                                spellcheck="false"
                                rows="16"
                                prop:value=move || draft.get()
                                on:input=move |ev| draft.set(event_target_value(&ev))
                            ></textarea>
                            {move || draft_error.get().map(|e| error_box(lang, &e))}
                            <div class="task-buttons">
                                <button class="button" disabled=move || draft_error.with(Option::is_some) on:click=move |_| {
                                    ctx.change(|s| *s = draft.get_untracked());
                                    editing.set(false);
                                }>{APPLY.get(lang)}</button>
                                <button class="button secondary" on:click=move |_| editing.set(false)>{CANCEL.get(lang)}</button>
                            </div>
                        </Show>
                    </section>
                    <section class="state">
                        {queues}
                        <p class="box-title">{CONSOLE.get(lang)}</p>
                        <pre class="console" tabindex="0">{console}</pre>
                    </section>
                </div>
            }
            .into_any(),
        ),
        settings: None,
        panels: panel(
            lang,
            mode,
            PanelView {
                data: None,
                title: Signal::stored(TIMELINE.get(lang).to_owned()),
                moment: None,
                rows: timeline_rows,
                length: timeline_length,
                now: timeline_now,
                unit: MS,
            },
        ),
        after_panels: None,
    }
}

fn error_box(lang: Lang, e: &SyntaxError) -> impl IntoView {
    view! { <p class="field-error" role="alert">{problems::syntax_text(lang, e)}</p> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_read_as_people_write_them() {
        assert_eq!(seconds(Lang::Ru, 1500), "1,5 с");
        assert_eq!(seconds(Lang::En, 2000), "2 s");
        assert_eq!(seconds(Lang::En, 250), "0.25 s");
    }

    #[test]
    fn the_presets_words_follow_the_engines_presets() {
        let keys: Vec<_> = PRESET_WORDS.iter().map(|p| p.key).collect();
        let names: Vec<_> = PRESETS.iter().map(|(name, _)| *name).collect();
        assert_eq!(keys, names);
    }

    #[test]
    fn the_steps_read_as_sentences() {
        let run = run(&parse(PRESETS[1].1).unwrap());
        assert_eq!(describe_step(Lang::En, &run, 1), "The program runs line 1.");
        let created = run.events.iter().position(|e| matches!(e.what, What::Creates(_))).unwrap();
        assert_eq!(
            describe_step(Lang::En, &run, created + 1),
            "Task-1 main() is created; its first step joins the queue."
        );
        let io = run
            .events
            .iter()
            .position(|e| matches!(e.what, What::TimerSet { io: true, .. }))
            .unwrap();
        assert_eq!(
            describe_step(Lang::Ru, &run, io + 1),
            "Task-1 main() ждёт fetch('one.example'): ответ к 1 с."
        );
    }

    #[test]
    fn a_worker_thread_has_a_lane_of_its_own_beside_the_loop() {
        let (_, src) = PRESETS.iter().find(|(n, _)| *n == "to-thread").unwrap();
        let run = run(&parse(src).unwrap());
        let rows = rows(Lang::En, &run);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names[..2], ["CPU", "Thread 1"]);
        assert_eq!((rows[1].bars[0].start, rows[1].bars[0].end), (0, 1200));
        let works = run.events.iter().position(|e| matches!(e.what, What::Works { .. })).unwrap();
        assert_eq!(
            describe_step(Lang::En, &run, works + 1),
            "Worker thread 1 runs read_file('notes.txt') and sleeps in time.sleep until 1.2 s; meanwhile the loop is free."
        );
    }

    #[test]
    fn every_task_has_a_lane_named_as_python_names_it() {
        let run = run(&parse(PRESETS[4].1).unwrap());
        let rows = rows(Lang::En, &run);
        assert_eq!(rows.len(), 1 + run.tasks.len(), "the loop's lane, then one lane a task");
        assert_eq!((rows[0].name.as_str(), rows[101].name.as_str()), ("CPU", "Task-101"));
        assert_eq!(rows[101].bars[0].title, "fetch('page'): 0 s–1 s");
    }
}
