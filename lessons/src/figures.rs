//! The chapter's four figures, drawn as inline SVG at build time in the lesson's language:
//! concurrency and parallelism on cores, threads sharing a process's memory, a parent process
//! and its children, and the event loop's timeline (with the corrected timings); and one of
//! the course's own, two socket reads, blocking and non-blocking, on one time axis. A lesson
//! places one with a fenced block: ```` ```figure event-loop``` ````. The timelines step
//! through time with the buttons under them (`src/diagram.rs`).
//!
//! Colours come from CSS classes (`fig-…`), so the figures follow the page's theme; every
//! figure has a `<title>` and a `<desc>` for screen readers and a caption for everyone.

use std::fmt::Write;

/// The figures a lesson may name, in the order the lessons show them.
pub const NAMES: [&str; 5] =
    ["concurrency-cores", "threads-memory", "processes", "socket-read", "event-loop"];

struct Words {
    concurrency: &'static str,
    parallelism: &'static str,
    core: &'static str,
    task: &'static str,
    time: &'static str,
    memory: &'static str,
    main_thread: [&'static str; 2],
    worker_thread: [&'static str; 2],
    single: &'static str,
    multi: &'static str,
    parent: &'static str,
    child: &'static str,
    python: &'static str,
    io: &'static str,
    waiting: &'static str,
    units: &'static str,
    step_back: &'static str,
    step: &'static str,
}

const RU: Words = Words {
    concurrency: "Конкурентность",
    parallelism: "Параллелизм",
    core: "Ядро",
    task: "Задача",
    time: "время",
    memory: "Память",
    main_thread: ["Главный", "поток"],
    worker_thread: ["Рабочий", "поток"],
    single: "Однопоточный процесс",
    multi: "Многопоточный процесс",
    parent: "Родительский процесс",
    child: "Дочерний процесс",
    python: "Код на Python",
    io: "Ввод-вывод",
    waiting: "Ждёт очереди",
    units: "единицы времени",
    step_back: "Шаг назад",
    step: "Шаг вперёд",
};

const EN: Words = Words {
    concurrency: "Concurrency",
    parallelism: "Parallelism",
    core: "Core",
    task: "Task",
    time: "time",
    memory: "Memory",
    main_thread: ["Main", "thread"],
    worker_thread: ["Worker", "thread"],
    single: "Single-threaded process",
    multi: "Multithreaded process",
    parent: "Parent process",
    child: "Child process",
    python: "Python code",
    io: "I/O",
    waiting: "Waiting its turn",
    units: "units of time",
    step_back: "Step back",
    step: "Step forward",
};

fn words(lang: &str) -> &'static Words {
    if lang == "ru" {
        &RU
    } else {
        &EN
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn text(out: &mut String, x: f32, y: f32, class: &str, label: &str) {
    let _ = write!(out, r#"<text x="{x}" y="{y}" class="{class}">{}</text>"#, escape(label));
}

/// Two lines of text centred on (x, y).
fn text2(out: &mut String, x: f32, y: f32, class: &str, lines: [&str; 2]) {
    let _ = write!(
        out,
        r#"<text x="{x}" y="{}" class="{class}"><tspan x="{x}">{}</tspan><tspan x="{x}" dy="1.2em">{}</tspan></text>"#,
        y - 6.0,
        escape(lines[0]),
        escape(lines[1])
    );
}

fn rect(out: &mut String, x: f32, y: f32, w: f32, h: f32, class: &str) {
    let _ =
        write!(out, r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" class="{class}"/>"#);
}

fn line(out: &mut String, x1: f32, y1: f32, x2: f32, y2: f32) {
    let _ = write!(out, r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="fig-link"/>"#);
}

/// Colour keys from `y` on, each after the one before and on a new row when it would pass the
/// figure's edge (a label's width is guessed from its length: 8 px a letter, Cyrillic's, at the
/// legend's 12.5 px). Gives the height of the figure that ends below them.
fn legend(out: &mut String, y: f32, items: &[(&str, &str)]) -> u32 {
    let (mut x, mut y) = (4.0f32, y);
    for (class, label) in items {
        let width = 20.0 + LETTER * label.chars().count() as f32;
        if x > 4.0 && x + width > 356.0 {
            (x, y) = (4.0, y + 22.0);
        }
        let _ =
            write!(out, r#"<rect x="{x}" y="{y}" width="14" height="14" rx="3" class="{class}"/>"#);
        text(out, x + 20.0, y + 12.0, "fig-legend", label);
        x += width + 14.0;
    }
    (y + 20.0) as u32
}

/// A legend letter's width, guessed.
const LETTER: f32 = 8.0;

/// Wraps drawn shapes into an accessible, captioned figure.
fn figure(
    name: &str,
    width: u32,
    height: u32,
    title: &str,
    desc: &str,
    body: &str,
    extra: &str,
) -> String {
    format!(
        "<figure class=\"diagram\" id=\"figure-{name}\">\n\
         <svg viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"figure-{name}-title figure-{name}-desc\">\
         <title id=\"figure-{name}-title\">{}</title><desc id=\"figure-{name}-desc\">{}</desc>{body}</svg>\n\
         {extra}<figcaption>{}</figcaption>\n</figure>\n",
        escape(title),
        escape(desc),
        escape(title)
    )
}

/// The figure's HTML, or `None` for a name that is not one of [`NAMES`].
pub fn render(name: &str, lang: &str) -> Option<String> {
    let w = words(lang);
    let ru = lang == "ru";
    Some(match name {
        "concurrency-cores" => concurrency_cores(w, ru),
        "threads-memory" => threads_memory(w, ru),
        "processes" => processes(w, ru),
        "event-loop" => event_loop(w, ru),
        "socket-read" => socket_read(w, ru),
        _ => return None,
    })
}

fn concurrency_cores(w: &Words, ru: bool) -> String {
    let mut s = String::new();
    // Time runs down the left edge.
    line(&mut s, 14.0, 52.0, 14.0, 224.0);
    let _ = write!(s, r#"<path d="M9 216 L14 226 L19 216" class="fig-arrow"/>"#);
    let _ = write!(
        s,
        r#"<text x="10" y="140" class="fig-small" transform="rotate(-90 10 140)">{}</text>"#,
        escape(w.time)
    );
    text(&mut s, 95.0, 18.0, "fig-title", w.concurrency);
    text(&mut s, 95.0, 40.0, "fig-label", &format!("{} 1", w.core));
    for (i, task) in [1, 2, 1].into_iter().enumerate() {
        let y = 50.0 + 58.0 * i as f32;
        rect(&mut s, 40.0, y, 110.0, 54.0, &format!("fig-task{task}"));
        text(&mut s, 95.0, y + 32.0, "fig-on-task", &format!("{} {task}", w.task));
    }
    text(&mut s, 270.0, 18.0, "fig-title", w.parallelism);
    for (i, x) in [185.0f32, 275.0].into_iter().enumerate() {
        let n = i + 1;
        text(&mut s, x + 40.0, 40.0, "fig-label", &format!("{} {n}", w.core));
        rect(&mut s, x, 50.0, 80.0, 170.0, &format!("fig-task{n}"));
        text(&mut s, x + 40.0, 140.0, "fig-on-task", &format!("{} {n}", w.task));
    }
    let (title, desc) = if ru {
        (
            "Конкурентность и параллелизм на ядрах процессора",
            "Слева — конкурентность: на одном ядре по очереди выполняются задача 1, задача 2 и снова задача 1. Справа — параллелизм: задача 1 на ядре 1 и задача 2 на ядре 2 выполняются одновременно. Время идёт сверху вниз.",
        )
    } else {
        (
            "Concurrency and parallelism on processor cores",
            "Left, concurrency: one core runs task 1, task 2 and task 1 again, in turn. Right, parallelism: task 1 on core 1 and task 2 on core 2 run at the same time. Time runs from top to bottom.",
        )
    };
    figure("concurrency-cores", 360, 232, title, desc, &s, "")
}

fn threads_memory(w: &Words, ru: bool) -> String {
    let mut s = String::new();
    rect(&mut s, 4.0, 4.0, 116.0, 200.0, "fig-process");
    text2(&mut s, 62.0, 26.0, "fig-title-small", split2(w.single));
    rect(&mut s, 17.0, 60.0, 90.0, 40.0, "fig-memory");
    text(&mut s, 62.0, 85.0, "fig-label", w.memory);
    line(&mut s, 62.0, 100.0, 62.0, 140.0);
    rect(&mut s, 17.0, 140.0, 90.0, 44.0, "fig-thread");
    text2(&mut s, 62.0, 162.0, "fig-on-task", w.main_thread);

    rect(&mut s, 130.0, 4.0, 226.0, 200.0, "fig-process");
    text2(&mut s, 243.0, 26.0, "fig-title-small", split2(w.multi));
    rect(&mut s, 188.0, 60.0, 110.0, 40.0, "fig-memory");
    text(&mut s, 243.0, 85.0, "fig-label", w.memory);
    for (i, label) in [w.main_thread, w.worker_thread, w.worker_thread].into_iter().enumerate() {
        let x = 139.0 + 72.0 * i as f32;
        line(&mut s, 243.0, 100.0, x + 32.0, 140.0);
        rect(&mut s, x, 140.0, 64.0, 44.0, "fig-thread");
        text2(&mut s, x + 32.0, 162.0, "fig-on-task", label);
    }
    let (title, desc) = if ru {
        (
            "Однопоточный и многопоточный процесс",
            "Слева однопоточный процесс: его память и один главный поток. Справа многопоточный процесс: одна общая память, с которой работают три потока — главный и два рабочих.",
        )
    } else {
        (
            "A single-threaded and a multithreaded process",
            "Left, a single-threaded process: its memory and one main thread. Right, a multithreaded process: one shared memory used by three threads — the main thread and two workers.",
        )
    };
    figure("threads-memory", 360, 208, title, desc, &s, "")
}

/// Splits a two-word title for two lines.
fn split2(title: &str) -> [&str; 2] {
    title.split_once(' ').map_or([title, ""], |(a, b)| [a, b])
}

fn process_box(s: &mut String, x: f32, y: f32, title: &str, w: &Words) {
    rect(s, x, y, 170.0, 104.0, "fig-process");
    text(s, x + 85.0, y + 20.0, "fig-title-small", title);
    rect(s, x + 10.0, y + 34.0, 70.0, 56.0, "fig-memory");
    text(s, x + 45.0, y + 66.0, "fig-label", w.memory);
    rect(s, x + 90.0, y + 34.0, 70.0, 56.0, "fig-thread");
    text2(s, x + 125.0, y + 62.0, "fig-on-task", w.main_thread);
}

fn processes(w: &Words, ru: bool) -> String {
    let mut s = String::new();
    line(&mut s, 180.0, 112.0, 92.0, 150.0);
    line(&mut s, 180.0, 112.0, 268.0, 150.0);
    process_box(&mut s, 95.0, 8.0, w.parent, w);
    process_box(&mut s, 6.0, 150.0, w.child, w);
    process_box(&mut s, 184.0, 150.0, w.child, w);
    let (title, desc) = if ru {
        (
            "Родительский процесс и два дочерних",
            "Родительский процесс со своей памятью и главным потоком связан с двумя дочерними процессами. У каждого дочернего процесса своя отдельная память и свой главный поток: памяти они не делят.",
        )
    } else {
        (
            "A parent process and two children",
            "A parent process, with its own memory and main thread, is linked to two child processes. Each child has its own separate memory and its own main thread: they share no memory.",
        )
    };
    figure("processes", 360, 262, title, desc, &s, "")
}

/// What one task does over one stretch of the event-loop figure, in half units.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Doing {
    Python,
    Io,
    Waiting,
}

/// The corrected timeline of the chapter's event-loop figure, in half units of time:
/// (task, from, to, what).
const TIMELINE: [(u8, u8, u8, Doing); 14] = [
    (1, 0, 2, Doing::Python),
    (1, 2, 5, Doing::Io),
    (1, 5, 6, Doing::Waiting),
    (1, 6, 8, Doing::Python),
    (2, 0, 2, Doing::Waiting),
    (2, 2, 4, Doing::Python),
    (2, 4, 7, Doing::Io),
    (2, 7, 8, Doing::Waiting),
    (2, 8, 10, Doing::Python),
    (3, 0, 4, Doing::Waiting),
    (3, 4, 6, Doing::Python),
    (3, 6, 9, Doing::Io),
    (3, 9, 10, Doing::Waiting),
    (3, 10, 12, Doing::Python),
];

/// The whole figure's length in half units.
const END: u8 = 12;

/// Who does what during the half unit that starts at `t`.
fn moment(t: u8, lang: &str) -> String {
    let doing = |what: Doing| -> Vec<String> {
        TIMELINE
            .iter()
            .filter(|&&(_, from, to, d)| d == what && from <= t && t < to)
            .map(|&(task, ..)| task.to_string())
            .collect()
    };
    let list = |tasks: Vec<String>| match lang {
        "ru" => tasks.join(" и "),
        _ => tasks.join(" and "),
    };
    let time = half_units(t, lang == "ru");
    if t >= END {
        return match lang {
            "ru" => "Момент 6: все три задачи готовы. По очереди они заняли бы 10,5.".to_owned(),
            _ => "Moment 6: all three tasks are done. One after another they would take 10.5."
                .to_owned(),
        };
    }
    let (python, io, waiting) = (doing(Doing::Python), doing(Doing::Io), doing(Doing::Waiting));
    let mut parts = Vec::new();
    let ru = lang == "ru";
    if !python.is_empty() {
        parts.push(if ru {
            format!("код на Python выполняет задача {}", list(python))
        } else {
            format!("task {} runs its Python code", list(python))
        });
    }
    if !io.is_empty() {
        let many = io.len() > 1;
        parts.push(match (ru, many) {
            (true, false) => format!("ввода-вывода ждёт задача {}", list(io)),
            (true, true) => format!("ввода-вывода ждут задачи {}", list(io)),
            (false, false) => format!("task {} waits for I/O", list(io)),
            (false, true) => format!("tasks {} wait for I/O", list(io)),
        });
    }
    if !waiting.is_empty() {
        let many = waiting.len() > 1;
        parts.push(match (ru, many) {
            (true, false) => format!("своей очереди ждёт задача {}", list(waiting)),
            (true, true) => format!("своей очереди ждут задачи {}", list(waiting)),
            (false, false) => format!("task {} waits for its turn", list(waiting)),
            (false, true) => format!("tasks {} wait for their turn", list(waiting)),
        });
    }
    let moment = if ru { "Момент" } else { "Moment" };
    format!("{moment} {time}: {}.", parts.join("; "))
}

fn event_loop(w: &Words, ru: bool) -> String {
    let lang = if ru { "ru" } else { "en" };
    let (scale, row) = (Scale { x0: 62.0, unit: 48.0 }, 34.0f32);
    let mut s = String::new();
    for task in 1..=3u8 {
        let y = 8.0 + row * f32::from(task - 1);
        text(&mut s, 4.0, y + 20.0, "fig-label-left", &format!("{} {task}", w.task));
        for &(_, from, to, what) in TIMELINE.iter().filter(|t| t.0 == task) {
            let class = match what {
                Doing::Python => "fig-python",
                Doing::Io => "fig-io",
                Doing::Waiting => "fig-waiting",
            };
            scale.stretch(&mut s, y, 26.0, (from, to), class);
        }
    }
    let axis = 8.0 + row * 3.0 + 4.0;
    scale.axis(&mut s, axis, END, w.units);
    // The legend, below the axis.
    let legend_y = axis + 44.0;
    let height = legend(
        &mut s,
        legend_y,
        &[("fig-python", w.python), ("fig-io", w.io), ("fig-waiting", w.waiting)],
    );
    let controls = step_controls(w, END, |t| moment(t, lang));
    let (title, desc) = if ru {
        (
            "Цикл событий: три задачи на одной шкале времени",
            "Задача 1: код на Python 0–1, ввод-вывод 1–2,5, ждёт очереди 2,5–3, код 3–4. Задача 2: ждёт 0–1, код 1–2, ввод-вывод 2–3,5, ждёт 3,5–4, код 4–5. Задача 3: ждёт 0–2, код 2–3, ввод-вывод 3–4,5, ждёт 4,5–5, код 5–6. Код на Python никогда не выполняется у двух задач сразу, а ввод-вывод перекрывается. Всего 6 единиц против 10,5 по очереди.",
        )
    } else {
        (
            "The event loop: three tasks on one time axis",
            "Task 1: Python code 0–1, I/O 1–2.5, waits its turn 2.5–3, code 3–4. Task 2: waits 0–1, code 1–2, I/O 2–3.5, waits 3.5–4, code 4–5. Task 3: waits 0–2, code 2–3, I/O 3–4.5, waits 4.5–5, code 5–6. Python code never runs in two tasks at once, while the I/O overlaps. 6 units in all, against 10.5 one after another.",
        )
    };
    stepper(figure("event-loop", 360, height, title, desc, &s, &controls), END)
}

/// Where a stepping timeline puts time 0 and how wide a unit is, in whole, even pixels: the
/// app moves the "now" line by half units in integers.
struct Scale {
    x0: f32,
    unit: f32,
}

impl Scale {
    /// A stretch of a row at `y`, from and to half units, that the steps hide while it is
    /// still to come.
    fn stretch(&self, out: &mut String, y: f32, height: f32, (from, to): (u8, u8), class: &str) {
        let x = self.x0 + self.unit * f32::from(from) / 2.0;
        let width = self.unit * f32::from(to - from) / 2.0 - 2.0;
        let _ = write!(
            out,
            r#"<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="4" class="fig-seg {class}" data-from="{from}"/>"#
        );
    }

    /// The time axis at `y` in whole units up to `end` half units, its caption, and the "now"
    /// line, at the end.
    fn axis(&self, out: &mut String, y: f32, end: u8, caption: &str) {
        let (x0, unit) = (self.x0, self.unit);
        for u in 0..=end / 2 {
            let x = x0 + unit * f32::from(u);
            line(out, x, y - 4.0, x, y);
            text(out, x, y + 14.0, "fig-small", &u.to_string());
        }
        text(out, x0 + unit * f32::from(end) / 4.0, y + 30.0, "fig-small", caption);
        let _ = write!(
            out,
            r#"<line x1="{now}" y1="4" x2="{now}" y2="{y}" class="fig-now" data-x0="{x0}" data-unit="{unit}"/>"#,
            now = x0 + unit * f32::from(end) / 2.0
        );
    }
}

/// The buttons that step a timeline through its `end + 1` moments, and each moment's words
/// (the last one shown: the figure starts whole).
fn step_controls(w: &Words, end: u8, words: impl Fn(u8) -> String) -> String {
    let narration: String = (0..=end)
        .map(|t| {
            format!(
                "<li data-t=\"{t}\"{}>{}</li>",
                if t == end { "" } else { " hidden" },
                escape(&words(t))
            )
        })
        .collect();
    format!(
        "<div class=\"diagram-steps\" data-end=\"{end}\">\
         <button type=\"button\" class=\"icon-button\" data-step=\"-1\" aria-label=\"{back}\" title=\"{back}\">◀</button>\
         <button type=\"button\" class=\"icon-button\" data-step=\"1\" aria-label=\"{fwd}\" title=\"{fwd}\" disabled>▶</button>\
         <ol class=\"diagram-moment\" aria-live=\"polite\">{narration}</ol></div>\n",
        back = w.step_back,
        fwd = w.step,
    )
}

/// Marks a figure as one that steps, shown at its `end`.
fn stepper(html: String, end: u8) -> String {
    html.replacen("class=\"diagram\"", &format!("class=\"diagram stepper\" data-t=\"{end}\""), 1)
}

/// A stretch of one row of the socket figure, in half units: (from, to, the thread works,
/// what it does in Russian, in English).
type Stretch = (u8, u8, bool, &'static str, &'static str);

/// One thread reads two replies with blocking sockets: it sends, sleeps in `recv()`, and only
/// then sends the second request.
const BLOCKING: [Stretch; 5] = [
    (0, 1, true, "отправляет запрос 1", "sends request 1"),
    (1, 6, false, "спит внутри recv() на сокете 1: ОС усыпила поток, ничего другого он делать не может", "sleeps inside recv() on socket 1: the OS has put the thread to sleep, it can do nothing else"),
    (6, 8, true, "обрабатывает ответ 1 и отправляет запрос 2", "handles reply 1 and sends request 2"),
    (8, 13, false, "снова спит внутри recv(), теперь на сокете 2", "sleeps inside recv() again, now on socket 2"),
    (13, 15, true, "обрабатывает ответ 2", "handles reply 2"),
];

/// The same two replies with non-blocking sockets and a selector.
const NON_BLOCKING: [Stretch; 4] = [
    (0, 2, true, "отправляет оба запроса; recv() на каждом сокете сразу бросает BlockingIOError, и оба сокета регистрируются в селекторе", "sends both requests; recv() on each socket raises BlockingIOError at once, and both sockets are registered with the selector"),
    (2, 6, false, "ждёт в select() сразу оба сокета (поток мог бы и выполнять другой код, спрашивая select() с нулевым таймаутом)", "waits in select() for both sockets at once (the thread could run other code instead, asking select() with a zero timeout)"),
    (6, 8, true, "select() сообщил, что готовы оба сокета: recv() на сокете 1 сразу отдаёт данные, ответ 1 обработан", "select() has said both sockets are ready: recv() on socket 1 returns its data at once, reply 1 is handled"),
    (8, 10, true, "recv() на сокете 2 тоже сразу отдаёт данные, ответ 2 обработан", "recv() on socket 2 returns its data at once too, reply 2 is handled"),
];

/// The socket figure's length in half units.
const SOCKET_END: u8 = 15;

/// What both threads do in the half unit that starts at `t`.
fn socket_moment(t: u8, ru: bool) -> String {
    let time = half_units(t, ru);
    if t >= SOCKET_END {
        return if ru {
            format!("Момент {time}: оба потока закончили. Блокирующие чтения шли одно за другим и заняли 7,5; неблокирующие с селектором — 5: два ожидания совпали во времени.")
        } else {
            format!("Moment {time}: both threads are done. The blocking reads came one after another and took 7.5; the non-blocking ones with a selector took 5: the two waits overlapped.")
        };
    }
    let row = |stretches: &[Stretch], end: u8| {
        stretches
            .iter()
            .find(|&&(from, to, ..)| from <= t && t < to)
            .map(|&(.., ru_words, en_words)| if ru { ru_words } else { en_words }.to_owned())
            .unwrap_or_else(|| {
                let done = half_units(end, ru);
                if ru {
                    format!("закончил к моменту {done}")
                } else {
                    format!("finished by {done}")
                }
            })
    };
    let (blocking, non_blocking) = (row(&BLOCKING, 15), row(&NON_BLOCKING, 10));
    if ru {
        format!("Момент {time}. Блокирующий поток {blocking}. Неблокирующий поток {non_blocking}.")
    } else {
        format!("Moment {time}. The blocking thread {blocking}. The non-blocking thread {non_blocking}.")
    }
}

/// `t` half units as Russian or English write the number: `2,5` or `2.5`.
fn half_units(t: u8, ru: bool) -> String {
    match (t % 2, ru) {
        (0, _) => (t / 2).to_string(),
        (_, true) => format!("{},5", t / 2),
        (_, false) => format!("{}.5", t / 2),
    }
}

fn socket_read(w: &Words, ru: bool) -> String {
    let (scale, row) = (Scale { x0: 122.0, unit: 30.0 }, 40.0f32);
    let mut s = String::new();
    let rows: [(&[Stretch], [&str; 2]); 2] = if ru {
        [(&BLOCKING, ["Блокирующие", "сокеты"]), (&NON_BLOCKING, ["Неблокирующие", "и селектор"])]
    } else {
        [(&BLOCKING, ["Blocking", "sockets"]), (&NON_BLOCKING, ["Non-blocking", "and a selector"])]
    };
    for (k, (stretches, label)) in rows.iter().enumerate() {
        let y = 8.0 + row * k as f32;
        let _ = write!(
            s,
            r#"<text y="{}" class="fig-label-left"><tspan x="4">{}</tspan><tspan x="4" dy="1.2em">{}</tspan></text>"#,
            y + 10.0,
            escape(label[0]),
            escape(label[1])
        );
        for &(from, to, works, ..) in stretches.iter() {
            let class = if works { "fig-python" } else { "fig-io" };
            scale.stretch(&mut s, y, 30.0, (from, to), class);
        }
    }
    let axis = 8.0 + row * 2.0 + 2.0;
    scale.axis(&mut s, axis, SOCKET_END, w.units);
    let legend_y = axis + 44.0;
    let [works, waits] = if ru {
        ["Поток работает", "Поток ждёт данных"]
    } else {
        ["The thread works", "The thread waits for data"]
    };
    let height = legend(&mut s, legend_y, &[("fig-python", works), ("fig-io", waits)]);
    let controls = step_controls(w, SOCKET_END, |t| socket_moment(t, ru));
    let (title, desc) = if ru {
        (
            "Два ответа по сети: блокирующие и неблокирующие сокеты",
            "Блокирующие сокеты: поток отправляет запрос 1 (0–0,5), спит в recv() до 3, обрабатывает ответ и отправляет запрос 2 (3–4), снова спит до 6,5, обрабатывает ответ 2 (6,5–7,5). Неблокирующие сокеты и селектор: поток отправляет оба запроса, recv() сразу бросает BlockingIOError (0–1), select() ждёт оба сокета сразу (1–3), ответы обработаны к 5. Всего 5 против 7,5.",
        )
    } else {
        (
            "Two replies over the network: blocking and non-blocking sockets",
            "Blocking sockets: the thread sends request 1 (0–0.5), sleeps in recv() until 3, handles the reply and sends request 2 (3–4), sleeps again until 6.5, handles reply 2 (6.5–7.5). Non-blocking sockets and a selector: the thread sends both requests, recv() raises BlockingIOError at once (0–1), select() waits for both sockets at once (1–3), the replies are handled by 5. 5 in all, against 7.5.",
        )
    };
    stepper(figure("socket-read", 360, height, title, desc, &s, &controls), SOCKET_END)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_renders_in_both_languages_with_a_text_alternative() {
        for name in NAMES {
            for lang in ["ru", "en"] {
                let html = render(name, lang).unwrap();
                assert!(html.contains("role=\"img\""), "{name}");
                assert!(html.contains("<desc id="), "{name}");
                assert!(html.contains("<figcaption>"), "{name}");
            }
        }
        assert_eq!(render("nope", "ru"), None);
    }

    #[test]
    fn the_moving_figure_starts_at_its_end_with_whole_number_positions() {
        let html = render("event-loop", "en").unwrap();
        assert!(html.contains(r#"data-x0="62" data-unit="48""#), "{html}");
        assert!(html.contains(r#"data-t="12""#));
        assert!(html
            .contains(r#"data-step="1" aria-label="Step forward" title="Step forward" disabled>"#));
    }

    #[test]
    fn the_socket_figure_overlaps_the_non_blocking_waits_and_ends_sooner() {
        let end = |rows: &[Stretch]| rows.iter().map(|r| r.1).max().unwrap_or(0);
        assert_eq!((end(&BLOCKING), end(&NON_BLOCKING)), (15, 10));
        assert_eq!(SOCKET_END, 15);
        // The blocking thread waits twice, one wait after the other; the selector waits once.
        let waits = |rows: &[Stretch]| rows.iter().filter(|r| !r.2).count();
        assert_eq!((waits(&BLOCKING), waits(&NON_BLOCKING)), (2, 1));
        // Every half unit of each row is one stretch, with no gap.
        for rows in [&BLOCKING[..], &NON_BLOCKING[..]] {
            assert!(rows.windows(2).all(|w| w[0].1 == w[1].0));
        }
        assert_eq!(
            socket_moment(3, false),
            "Moment 1.5. The blocking thread sleeps inside recv() on socket 1: the OS has put the thread to sleep, it can do nothing else. The non-blocking thread waits in select() for both sockets at once (the thread could run other code instead, asking select() with a zero timeout)."
        );
        assert!(socket_moment(12, true).ends_with("Неблокирующий поток закончил к моменту 5."));
        let html = render("socket-read", "en").unwrap();
        assert!(html.contains(r#"class="diagram stepper" data-t="15""#), "{html}");
        assert!(html.contains(r#"data-x0="122" data-unit="30""#), "{html}");
    }

    #[test]
    fn every_legend_ends_inside_its_figure() {
        for name in NAMES {
            for lang in ["ru", "en"] {
                let html = render(name, lang).unwrap();
                for key in html.split(r#"<text x=""#).skip(1) {
                    let Some((x, rest)) = key.split_once('"') else { continue };
                    let Some((attributes, body)) = rest.split_once('>') else { continue };
                    if !attributes.contains("fig-legend") {
                        continue;
                    }
                    let label = &body[..body.find('<').unwrap()];
                    let end = x.parse::<f32>().unwrap() + LETTER * label.chars().count() as f32;
                    assert!(end <= 356.0, "{name} ({lang}): '{label}' ends at {end}");
                }
            }
        }
    }

    #[test]
    fn labels_follow_the_language() {
        assert!(render("processes", "ru").unwrap().contains("Дочерний процесс"));
        assert!(render("processes", "en").unwrap().contains("Child process"));
    }

    #[test]
    fn the_timeline_never_runs_two_tasks_python_at_once_and_ends_at_six() {
        for t in 0..END {
            let running = TIMELINE
                .iter()
                .filter(|&&(_, from, to, d)| d == Doing::Python && from <= t && t < to)
                .count();
            assert_eq!(running, 1, "at half unit {t}");
        }
        assert_eq!(TIMELINE.iter().map(|t| t.2).max(), Some(END));
        for task in 1..=3 {
            let busy: u8 = TIMELINE
                .iter()
                .filter(|t| t.0 == task && t.3 != Doing::Waiting)
                .map(|t| t.2 - t.1)
                .sum();
            assert_eq!(busy, 7, "task {task}: 1 + 1.5 + 1 units of work and I/O");
        }
    }

    #[test]
    fn the_narration_says_who_does_what() {
        assert_eq!(
            moment(5, "ru"),
            "Момент 2,5: код на Python выполняет задача 3; ввода-вывода ждёт задача 2; \
             своей очереди ждёт задача 1."
        );
        assert_eq!(
            moment(0, "en"),
            "Moment 0: task 1 runs its Python code; tasks 2 and 3 wait for their turn."
        );
        assert!(moment(END, "en").contains("10.5"));
    }
}
