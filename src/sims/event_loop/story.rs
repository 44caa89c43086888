//! The run told in words: what each step did, for the line under the player and for screen
//! readers.

use super::*;

/// Seconds from virtual milliseconds: `1.5 s`.
pub(super) fn seconds(lang: Lang, ms: u64) -> String {
    let (whole, frac) = (ms / 1000, ms % 1000);
    let sep = match lang {
        Lang::Ru => ',',
        Lang::En => '.',
    };
    let frac = format!("{frac:03}");
    let frac = frac.trim_end_matches('0');
    let unit = Tr("с", "s").get(lang);
    if frac.is_empty() {
        format!("{whole} {unit}")
    } else {
        format!("{whole}{sep}{frac} {unit}")
    }
}

/// A task's short name: `Task-2 download('a', 1)`.
pub(super) fn task_label(tasks: &[TaskInfo], t: usize) -> String {
    tasks.get(t).map(|i| format!("{} {}", i.name, i.coro)).unwrap_or_default()
}

pub(super) fn handle_label(lang: Lang, run: &Run, h: Handle) -> String {
    let name = |t: usize| run.tasks.get(t).map(|i| i.name.clone()).unwrap_or_default();
    let callback = |k: usize| run.callbacks.get(k).map_or("", String::as_str);
    match (lang, h) {
        (Lang::Ru, Handle::Step(t)) => format!("{}: шаг", name(t)),
        (Lang::Ru, Handle::Wakeup(t)) => format!("{}: продолжить", name(t)),
        (Lang::Ru, Handle::Done(_)) => "таймер: отметить готовым".into(),
        (Lang::Ru, Handle::Gathered(_)) => "gather: учесть задачу".into(),
        (Lang::Ru, Handle::Stop) => "остановить цикл".into(),
        (Lang::Ru, Handle::Callback(k)) => format!("обратный вызов {}()", callback(k)),
        (Lang::Ru, Handle::Thread(_)) => "рабочий поток".into(),
        (Lang::En, Handle::Step(t)) => format!("{}: step", name(t)),
        (Lang::En, Handle::Wakeup(t)) => format!("{}: resume", name(t)),
        (Lang::En, Handle::Done(_)) => "timer: mark done".into(),
        (Lang::En, Handle::Gathered(_)) => "gather: count a task".into(),
        (Lang::En, Handle::Stop) => "stop the loop".into(),
        (Lang::En, Handle::Callback(k)) => format!("the callback {}()", callback(k)),
        (Lang::En, Handle::Thread(_)) => "a worker thread".into(),
    }
}

/// What the step just taken did, in one sentence.
pub(super) fn describe_step(lang: Lang, run: &Run, step: usize) -> String {
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
    let task = e
        .task()
        .map(|t| task_label(&run.tasks, t))
        .unwrap_or_else(|| Tr("Программа", "The program").get(lang).to_owned());
    match &e.what {
        What::Runs => match lang {
            Lang::Ru => format!("{task} выполняет строку {}.", e.line),
            Lang::En => format!("{task} runs line {}.", e.line),
        },
        What::Prints(text) => match lang {
            Lang::Ru => format!("{task} печатает «{text}»."),
            Lang::En => format!("{task} prints “{text}”."),
        },
        What::Creates(t) => match lang {
            Lang::Ru => {
            format!("Создана задача {}; её первый шаг встал в очередь.", task_label(&run.tasks, *t))
        },
            Lang::En => {
            format!("{} is created; its first step joins the queue.", task_label(&run.tasks, *t))
        },
        },
        What::Scheduled(h) => match lang {
            Lang::Ru => {
            format!("В очередь готовых: {}.", handle_label(lang, run, *h))
        },
            Lang::En => {
            format!("Joins the ready queue: {}.", handle_label(lang, run, *h))
        },
        },
        What::Dispatched(h) => match lang {
            Lang::Ru => {
            format!("Цикл берёт из очереди: {}.", handle_label(lang, run, *h))
        },
            Lang::En => {
            format!("The loop takes from the queue: {}.", handle_label(lang, run, *h))
        },
        },
        What::TimerSet { label, until, io: true, .. } => match lang {
            Lang::Ru => {
            format!("{task} ждёт {label}: ответ к {}.", seconds(lang, *until))
        },
            Lang::En => {
            format!("{task} waits for {label}: the answer comes at {}.", seconds(lang, *until))
        },
        },
        What::TimerSet { label, until, .. } => match lang {
            Lang::Ru => {
            format!("{task} засыпает: {label}, таймер на {}.", seconds(lang, *until))
        },
            Lang::En => {
            format!("{task} sleeps: {label}, a timer for {}.", seconds(lang, *until))
        },
        },
        What::TimerDue(_) => Tr("Срок таймера настал: его обработчик встаёт в очередь.", "A timer is due: its callback joins the queue.").get(lang).into(),
        What::Suspends { on, .. } => match lang {
            Lang::Ru => format!("{task} отдаёт управление циклу и ждёт: {on}."),
            Lang::En => {
            format!("{task} hands control back to the loop and waits for {on}.")
        },
        },
        What::Works { thread, label, until, cpu: false } => match lang {
            Lang::Ru => format!(
            "Поток {} выполняет {label} и спит в time.sleep до {}; цикл событий тем временем свободен.",
            thread + 1,
            seconds(lang, *until)
        ),
            Lang::En => format!(
            "Worker thread {} runs {label} and sleeps in time.sleep until {}; meanwhile the loop is free.",
            thread + 1,
            seconds(lang, *until)
        ),
        },
        What::Works { thread, label, until, .. } => match lang {
            Lang::Ru => format!(
            "Поток {} выполняет {label} и считает до {}.",
            thread + 1,
            seconds(lang, *until)
        ),
            Lang::En => format!(
            "Worker thread {} runs {label} and computes until {}.",
            thread + 1,
            seconds(lang, *until)
        ),
        },
        What::ThreadEnds(thread) => match lang {
            Lang::Ru => format!(
            "Поток {} закончил: его результат через call_soon передаётся циклу.",
            thread + 1
        ),
            Lang::En => {
            format!("Worker thread {} is done: call_soon hands its result to the loop.", thread + 1)
        },
        },
        What::Shows { name, state } => match lang {
            Lang::Ru => format!("{name} теперь: {state}."),
            Lang::En => format!("{name} now holds {state}."),
        },
        What::Blocks { until, cpu: true } => match lang {
            Lang::Ru => {
            format!("{task} считает без await до {}: всё остальное стоит.", seconds(lang, *until))
        },
            Lang::En => format!(
            "{task} computes without an await until {}: everything else stands still.",
            seconds(lang, *until)
        ),
        },
        What::Blocks { until, .. } => match lang {
            Lang::Ru => {
            format!("{task} вызывает time.sleep: поток заблокирован до {}.", seconds(lang, *until))
        },
            Lang::En => format!(
            "{task} calls time.sleep: the thread is blocked until {}.",
            seconds(lang, *until)
        ),
        },
        What::Finishes(result) => match lang {
            Lang::Ru => format!("{task} завершена, результат {result}."),
            Lang::En => format!("{task} is done, with {result}."),
        },
        What::Cancels(t) => match lang {
            Lang::Ru => {
            format!("main() закончилась: {} отменяется.", task_label(&run.tasks, *t))
        },
            Lang::En => format!("main() is over: {} is cancelled.", task_label(&run.tasks, *t)),
        },
        What::Warns(w) => match lang {
            Lang::Ru => format!("Python предупредит: {w}."),
            Lang::En => format!("Python will warn: {w}."),
        },
    }
}
