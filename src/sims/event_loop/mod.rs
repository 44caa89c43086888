//! The event-loop visualiser: a small asyncio program, run step by step by the engine and
//! replayed by the shared player; the current line, the ready queue, the timers and the I/O in
//! flight, the console, and a timeline with one CPU lane over the tasks' waits.

use super::controls::PanelTitle;
use super::predict::Prediction;
use super::registry::{SimKind, MOMENT_KEY};
use super::shell::{panel, Charts, Ctx, PanelView, Parts, PresetWords, ShellWords, Sim};
use crate::components::timeline::{rows_of, Row};
use crate::i18n::{Lang, Tr};
use engine::event_loop::link::{self, PRESET_KEY, PROGRAM_KEY};
use engine::event_loop::run::{Handle, Run, TaskInfo};
use engine::event_loop::trace::{mark_width, Who};
use engine::event_loop::{guess, parse, run, Snapshot, TaskState, Wait, What, PRESETS};
use engine::params::ParamIssue;
use engine::python::SyntaxError;
use engine::trace::{Span, Work};
use leptos::prelude::*;

mod presets;
mod problems;
mod state;
mod story;

use presets::PRESET_WORDS;
use state::{Chips, LoopNow};
use story::{describe_step, seconds};

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

/// The timeline's length: the run's milliseconds.
fn timeline_length(run: &Outcome) -> u32 {
    run.as_ref().ok().map_or(1, |r| r.end.max(1) as u32)
}
const BLOCKED: Tr = Tr("Поток заблокирован до", "The thread is blocked until");
const WARNING: Tr = Tr("Предупреждение Python", "Python's warning");
const TRACEBACK: Tr = Tr("Как это напечатал бы Python", "As Python prints it");
const AT: Tr = Tr("в", "at");
const LINE: Tr = Tr("строка", "line");
const STEPS: Tr = Tr("шагов", "steps");
const MS: Tr = Tr("мс", "ms");

/// The whole run's timeline: the loop's thread (code running, the thread blocked), the
/// worker threads, then every task with its waits.
fn rows(lang: Lang, run: &Run) -> Vec<Row> {
    let name = |who: Who| match who {
        Who::Loop => "CPU".to_owned(),
        Who::Thread(n) => format!("{} {}", THREAD.get(lang), n + 1),
        Who::Task(n) => run.tasks[n].name.to_string(),
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

/// The question before a program runs: when it ends, and why.
fn predict(lang: Lang, run: &Run) -> Option<Prediction> {
    let guess = guess::duration_guess(run)?;
    let options = guess.options.iter().map(|&ms| seconds(lang, ms)).collect();
    let question = Tr(
        "Через сколько секунд (по часам цикла) программа закончится?",
        "After how many seconds (by the loop’s clock) will the program end?",
    );
    let waits = guess::waits(run);
    let (total, end) = (seconds(lang, waits.total), seconds(lang, run.end));
    let mut why = match lang {
        Lang::Ru => {
            format!("Все ожидания программы в сумме — {total}, а закончилась она за {end}.")
        }
        Lang::En => format!("The program’s waits add up to {total}, and it ended after {end}."),
    };
    if run.end < waits.total {
        why.push(' ');
        why.push_str(
            Tr(
                "Ожидания, которые идут одновременно, считаются один раз: пока одна задача \
                 ждёт, цикл запускает другую.",
                "Waits in flight at the same time count once: while one task waits, the loop \
                 runs another.",
            )
            .get(lang),
        );
    }
    if waits.blocked > 0 {
        let blocked = seconds(lang, waits.blocked);
        why.push(' ');
        why.push_str(&match lang {
            Lang::Ru => format!(
                "{blocked} поток цикла был заблокирован (time.sleep или вычисления) — тогда не \
                 шло ничего другого."
            ),
            Lang::En => format!(
                "For {blocked} the loop’s thread was blocked (time.sleep or computing), and \
                 nothing else ran."
            ),
        });
    }
    Some(Prediction { question: question.get(lang).to_owned(), options, answer: guess.answer, why })
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
        settings: None,
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

    fn predict(lang: Lang, _: &String, run: &Outcome) -> Option<Prediction> {
        predict(lang, run.as_ref().ok()?)
    }

    fn charts(lang: Lang, _: &String, run: &Outcome) -> Charts {
        let rows = run.as_ref().ok().map(|r| rows(lang, r)).unwrap_or_default();
        let panels = vec![(TIMELINE.get(lang).to_owned(), rows)];
        Charts { panels, length: timeline_length(run), unit: MS }
    }

    fn goals_reached(_: &String, run: &Outcome) -> Vec<&'static str> {
        run.as_ref().map(guess::goals_reached).unwrap_or_default()
    }

    fn narrate(lang: Lang, _: &String, run: &Outcome, _: &Snapshot, tick: u32) -> String {
        match run {
            Ok(r) => describe_step(lang, r, tick as usize),
            Err(e) => problems::syntax_text(lang, e),
        }
    }

    fn parts(ctx: Ctx<EventLoopSim>) -> Parts {
        panels(ctx)
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

/// The simulation's own panels and settings.
fn panels(ctx: Ctx<EventLoopSim>) -> Parts {
    let Ctx { lang, mode, setup: source, run: outcome, moment: snapshot, narration, .. } = ctx;
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
        // The chip that counts the rest stays while there is a rest, and only its number
        // changes as the loop plays.
        let total = Memo::new(move |_| loop_now.with(|n| n.as_ref().map_or(0, |n| pick(n).total)));
        let has_more = Memo::new(move |_| total.get() > SHOWN);
        let more = move || {
            has_more.get().then(|| {
                let rest =
                    move || format!("{} {}", MORE.get(lang), total.get().saturating_sub(SHOWN));
                view! { <li class="box more">{rest}</li> }
            })
        };
        let is_empty = Memo::new(move |_| total.get() == 0);
        let empty =
            move || is_empty.get().then(|| view! { <li class="box none">{EMPTY.get(lang)}</li> });
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

    let timeline_rows = Signal::derive(move || {
        outcome.with(|r| r.as_ref().ok().map(|r| rows(lang, r)).unwrap_or_default())
    });
    let timeline_length = Signal::derive(move || outcome.with(timeline_length));
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
                <p class="moment step-words">{narration}</p>
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
