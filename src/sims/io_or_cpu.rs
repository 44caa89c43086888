//! The "I/O-bound or CPU-bound?" exercise: the learner marks each line of short Python
//! snippets and reads why; the answers and the score are kept in the learner's progress.

use super::controls::{sync_url_with, OpenAlone, PanelTitle, ParamNotes};
use super::predict::GoalList;
use super::registry::{Mode, SimKind, GOAL_ALL_RIGHT};
use crate::components::fetch_failed::FetchFailed;
use crate::content;
use crate::i18n::{pick, use_lang, Lang};
use crate::progress::{tally, use_progress, Answer, Progress};
use engine::io_or_cpu::{asked_count, parse, Kind, Snippet, ANSWER_PREFIX};
use engine::params::{read_params, ParamSpec};
use leptos::prelude::*;

/// The query key of the snippet on screen (from 1).
const SNIPPET_KEY: &str = "s";

/// Where the snippets' text is in the built site (copied there from `content/`).
fn source_url(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "exercises/ru/io-or-cpu.md",
        Lang::En => "exercises/en/io-or-cpu.md",
    }
}

struct Words {
    snippet: &'static str,
    of: &'static str,
    previous: &'static str,
    next: &'static str,
    io: &'static str,
    cpu: &'static str,
    right: &'static str,
    wrong: &'static str,
    clear: &'static str,
    broken: &'static str,
    choose: &'static str,
}

static RU: Words = Words {
    snippet: "Фрагмент",
    of: "из",
    previous: "Назад",
    next: "Дальше",
    io: "Ввод-вывод",
    cpu: "Вычисления",
    right: "Верно.",
    wrong: "Нет.",
    clear: "Стереть мои ответы",
    broken: "Упражнение не удалось прочитать",
    choose: "Чем ограничена эта строка?",
};

static EN: Words = Words {
    snippet: "Snippet",
    of: "of",
    previous: "Back",
    next: "Next",
    io: "I/O",
    cpu: "CPU",
    right: "Right.",
    wrong: "No.",
    clear: "Clear my answers",
    broken: "The exercise could not be read",
    choose: "What bounds this line?",
};

fn words(lang: Lang) -> &'static Words {
    pick(lang, &RU, &EN)
}

/// A parameter's name for the learner.
pub fn label(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ru, SNIPPET_KEY) => "Номер фрагмента",
        (Lang::Ru, _) => "Параметр",
        (Lang::En, SNIPPET_KEY) => "Snippet number",
        (Lang::En, _) => "Parameter",
    }
}

/// How many lines are marked in `progress`, and how many rightly, out of how many.
fn score(progress: &Progress, snippets: &[Snippet]) -> (usize, usize, usize) {
    let ids: Vec<String> =
        snippets.iter().flat_map(|s| s.asked().map(|(i, _)| s.answer_id(i))).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (answered, right) = progress.score(&ids);
    (answered, right, asked_count(snippets))
}

fn score_text(lang: Lang, (answered, right, total): (usize, usize, usize)) -> String {
    match lang {
        Lang::Ru => format!("Отмечено строк: {answered} из {total}, верно: {right}."),
        Lang::En => format!("Lines marked: {answered} of {total}; right: {right}."),
    }
}

/// The exercise's line on the home page, once the learner has marked something.
pub fn progress_note(lang: Lang, progress: &Progress) -> Option<String> {
    let mine = progress.answers.iter().filter(|(id, _)| id.starts_with(ANSWER_PREFIX));
    let (answered, right) = tally(mine.map(|(_, a)| a));
    (answered > 0).then(|| match lang {
        Lang::Ru => format!("Отмечено строк: {answered}, верно: {right}."),
        Lang::En => format!("Lines marked: {answered}; right: {right}."),
    })
}

fn kind_index(kind: Kind) -> u8 {
    match kind {
        Kind::Io => 0,
        Kind::Cpu => 1,
    }
}

/// The exercise as a view, for the registry of simulations.
pub fn view(query: Vec<(String, String)>, mode: Mode) -> AnyView {
    view! { <IoOrCpu query=query mode=mode /> }.into_any()
}

/// The exercise, once its snippets have been fetched.
#[component]
pub fn IoOrCpu(
    /// Parameters as `key=value` pairs from a URL or a directive.
    query: Vec<(String, String)>,
    /// Where it is shown.
    mode: Mode,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ui = lang.ui();
    let text = LocalResource::new(move || content::fetch_text(source_url(lang)));
    move || match text.get() {
        None => view! { <p class="loading" role="status">{ui.loading}</p> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| text.refetch());
            view! { <FetchFailed error=error retry=retry /> }.into_any()
        }
        Some(Ok(text)) => match parse(&text) {
            Ok(snippets) if !snippets.is_empty() => {
                view! { <Exercise snippets=snippets query=query.clone() mode=mode /> }.into_any()
            }
            Ok(_) => view! { <div class="notice error" role="alert">{words(lang).broken}</div> }
                .into_any(),
            Err(e) => {
                let message = format!("{}: {e}.", words(lang).broken);
                view! { <div class="notice error" role="alert">{message}</div> }.into_any()
            }
        },
    }
}

/// The exercise: one snippet at a time, every line to mark, the score above.
#[component]
fn Exercise(
    /// The snippets, at least one.
    snippets: Vec<Snippet>,
    /// Parameters as `key=value` pairs from a URL or a directive.
    query: Vec<(String, String)>,
    /// Where it is shown.
    mode: Mode,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let w = words(lang);
    let count = snippets.len() as u32;
    let spec = [ParamSpec { key: SNIPPET_KEY, min: 1, max: count.max(1), default: 1 }];
    let pairs = query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let (values, issues) = read_params(&spec, pairs, &[]);
    let current = RwSignal::new(values[0] - 1);
    let store = use_progress();
    let snippets = StoredValue::new(snippets);

    let query = move || vec![(SNIPPET_KEY, (current.get() + 1).to_string())];
    sync_url_with(SimKind::IoOrCpu, mode, query);

    let score = Memo::new(move |_| store.progress.with(|p| snippets.with_value(|s| score(p, s))));
    let go = move |to: u32| current.set(to.min(count.saturating_sub(1)));
    let all_right = Memo::new(move |_| {
        let (_, right, total) = score.get();
        if total > 0 && right == total {
            vec![GOAL_ALL_RIGHT]
        } else {
            vec![]
        }
    });
    // Marking a line is the exercise's run: a goal counts as soon as it is reached.
    let goals = (mode != Mode::Embed).then(|| {
        let watched = Signal::stored(true);
        view! { <GoalList kind=SimKind::IoOrCpu lang=lang reached=all_right watched=watched /> }
    });

    let snippet_view = move || {
        let index = current.get() as usize;
        snippets.with_value(|all| {
            let snippet = all[index].clone();
            let lines = snippet
                .lines
                .iter()
                .enumerate()
                .map(|(i, line)| {
                    let code = view! { <code class="ioc-code">{line.code.clone()}</code> };
                    let Some(kind) = line.kind else {
                        return view! { <li class="ioc-line context">{code}</li> }.into_any();
                    };
                    let id = snippet.answer_id(i);
                    let why = line.why.clone();
                    let chosen = {
                        let id = id.clone();
                        Memo::new(move |_| {
                            store.progress.with(|p| p.answers.get(&id).and_then(|a| a.choices.first().copied()))
                        })
                    };
                    let button = move |choice: Kind, text: &'static str| {
                        let id = id.clone();
                        let mine = kind_index(choice);
                        view! {
                            <button
                                class="preset"
                                aria-pressed=move || (chosen.get() == Some(mine)).to_string()
                                on:click=move |_| {
                                    let correct = choice == kind;
                                    store.answer(&id, Answer { choices: vec![mine], correct });
                                }
                            >
                                {text}
                            </button>
                        }
                    };
                    let feedback = move || {
                        chosen.get().map(|c| {
                            let right = c == kind_index(kind);
                            let verdict = if right { w.right } else { w.wrong };
                            view! {
                                <p class=if right { "ioc-why quiz-right" } else { "ioc-why quiz-wrong" }>
                                    <strong>{verdict}</strong>
                                    " "
                                    {why.clone()}
                                </p>
                            }
                        })
                    };
                    view! {
                        <li class="ioc-line asked">
                            {code}
                            <div class="ioc-choice" role="group" aria-label=w.choose>
                                {button(Kind::Io, w.io)}
                                {button(Kind::Cpu, w.cpu)}
                            </div>
                            {feedback}
                        </li>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <section class="scenario ioc-snippet" data-snippet=snippet.id.clone()>
                    <PanelTitle mode=mode text=snippet.title.clone() />
                    <p class="hint">{snippet.intro.clone()}</p>
                    <ol class="ioc-lines">{lines}</ol>
                </section>
            }
        })
    };

    view! {
        <div class="sim io-or-cpu">
            <ParamNotes issues=issues label=label />
            <p class="ioc-score" role="status">{move || score_text(lang, score.get())}</p>
            <nav class="ioc-nav" aria-label=w.snippet>
                <button
                    class="button secondary"
                    disabled=move || current.get() == 0
                    on:click=move |_| go(current.get_untracked().saturating_sub(1))
                >
                    {w.previous}
                </button>
                <span class="ioc-where">
                    {move || format!("{} {} {} {count}", w.snippet, current.get() + 1, w.of)}
                </span>
                <button
                    class="button secondary"
                    disabled=move || { current.get() + 1 >= count }
                    on:click=move |_| go(current.get_untracked() + 1)
                >
                    {w.next}
                </button>
            </nav>
            {snippet_view}
            <button
                class="button secondary"
                on:click=move |_| {
                    store.progress.update(|p| p.answers.retain(|id, _| !id.starts_with(ANSWER_PREFIX)));
                }
            >
                {w.clear}
            </button>
            {goals}
            <OpenAlone kind=SimKind::IoOrCpu mode=mode query=Signal::derive(query) />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => include_str!("../../content/ru/exercises/io-or-cpu.md"),
            Lang::En => include_str!("../../content/en/exercises/io-or-cpu.md"),
        }
    }

    #[test]
    fn both_languages_ask_the_same_lines_with_the_same_answers() {
        let ru = parse(source(Lang::Ru)).expect("the Russian exercise reads");
        let en = parse(source(Lang::En)).expect("the English exercise reads");
        assert!(ru.len() >= 8, "at least eight snippets");
        let answers = |snippets: &[Snippet]| -> Vec<(String, Option<Kind>)> {
            snippets
                .iter()
                .flat_map(|s| s.lines.iter().enumerate().map(|(i, l)| (s.answer_id(i), l.kind)))
                .collect()
        };
        assert_eq!(answers(&ru), answers(&en));
    }

    #[test]
    fn the_score_counts_only_the_exercise_answers() {
        let snippets = parse(source(Lang::En)).unwrap();
        let mut progress = Progress::default();
        let right = Answer { choices: vec![0], correct: true };
        progress.answers.insert("ioc-download-3".into(), right.clone());
        progress
            .answers
            .insert("ioc-download-4".into(), Answer { choices: vec![0], correct: false });
        progress.answers.insert("gil-why".into(), right);
        let total = asked_count(&snippets);
        assert_eq!(score(&progress, &snippets), (2, 1, total));
        assert_eq!(progress_note(Lang::En, &progress).unwrap(), "Lines marked: 2; right: 1.");
        assert_eq!(progress_note(Lang::En, &Progress::default()), None);
    }
}
