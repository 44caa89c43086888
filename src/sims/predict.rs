//! Guess first, then watch: the card that asks the learner to commit to a guess before a run
//! and scores it against the run at its end, and the list of a simulation's goals, each marked
//! once a run has reached it. Both keep what happened in the learner's progress.

use super::registry::{GoalWords, SimKind};
use crate::components::player::Clock;
use crate::i18n::{Lang, Tr};
use crate::progress::{use_progress, Answer};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A question a run answers: asked before it, scored at its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prediction {
    /// The question.
    pub question: String,
    /// The options, as the learner reads them.
    pub options: Vec<String>,
    /// Which option the run gives.
    pub answer: usize,
    /// Why, with the run's figures.
    pub why: String,
}

const GUESS_FIRST: Tr = Tr("Сначала угадайте", "Guess first");
const THEN_WATCH: Tr = Tr(
    "Выберите ответ — и симуляция запустится. Ответ появится, когда она дойдёт до конца.",
    "Pick an answer and the simulation starts. The answer shows when it reaches the end.",
);
const YOUR_GUESS: Tr = Tr("Ваш прогноз: ", "Your guess: ");
const WATCH_TO_END: Tr = Tr(". Досмотрите до конца.", ". Watch it to the end.");
const RIGHT: Tr = Tr("Верно: ", "Right: ");
const NOT_QUITE: Tr = Tr("Не совсем: вы выбрали ", "Not quite: you chose ");
const THE_RUN_GIVES: Tr = Tr(", а вышло ", "; the run gives ");
const ANSWER: Tr = Tr("Ответ: ", "The answer: ");
const AGAIN: Tr = Tr("Угадать заново", "Guess again");
const GOALS: Tr = Tr("Цели", "Goals");
const REACHED: Tr = Tr("достигнута", "reached");
const NOT_YET: Tr = Tr("ещё нет", "not yet");
const JUST_REACHED: Tr = Tr("Цель достигнута: ", "Goal reached: ");

/// The name a guess is kept under: the ready-made set's, or `own` for the learner's settings.
fn guess_key(preset: Option<&'static str>) -> &'static str {
    preset.unwrap_or("own")
}

/// The card above the player: the question and its options before the run, the guess while it
/// plays, and at its end whether the guess was right and why.
#[component]
pub fn PredictCard(
    /// Which simulation.
    kind: SimKind,
    /// The page's language.
    lang: Lang,
    /// The question the current run answers, if it has one.
    prediction: Memo<Option<Prediction>>,
    /// Whether the run has been watched to its end.
    watched: Memo<bool>,
    /// The ready-made set on screen, if any.
    preset: Signal<Option<&'static str>>,
    /// The simulation's clock.
    clock: Clock,
) -> impl IntoView {
    let store = use_progress();
    let guess = RwSignal::new(None::<usize>);
    let revealed = RwSignal::new(false);
    // Another set, or a new question (other settings), is guessed afresh.
    let asked = Memo::new(move |_| {
        let question =
            prediction.with(|p| p.as_ref().map(|p| (p.question.clone(), p.options.clone())));
        (preset.get(), question)
    });
    let forget = move |_: &_, _: Option<&_>, _: Option<()>| {
        guess.set(None);
        revealed.set(false);
    };
    Effect::watch(move || asked.get(), forget, false);
    // The run's end shows the answer and keeps the guess in the progress.
    Effect::new(move |_| {
        if !watched.get() || revealed.get_untracked() {
            return;
        }
        revealed.set(true);
        let Some(chosen) = guess.get_untracked() else { return };
        let Some(answer) = prediction.with_untracked(|p| p.as_ref().map(|p| p.answer)) else {
            return;
        };
        let kept = Answer { choices: vec![chosen as u8], correct: chosen == answer };
        store.guessed(kind.name(), guess_key(preset.get_untracked()), kept);
    });
    let choose = move |index: usize| {
        guess.set(Some(index));
        clock.reset();
        clock.playing.set(true);
    };
    // Guessing again takes the focus back to the first option (the button pressed goes away).
    let group = NodeRef::<leptos::html::Div>::new();
    let again = move |_| {
        guess.set(None);
        revealed.set(false);
        clock.reset();
        // Once the options are enabled again (the page updates after this handler).
        request_animation_frame(move || {
            let first =
                group.get_untracked().and_then(|g| g.query_selector("button").ok().flatten());
            if let Some(button) = first.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = button.focus();
            }
        });
    };
    // The buttons stay while the question does (a pressed one keeps the focus); what they
    // show follows the guess and the answer.
    move || {
        let p = prediction.get()?;
        let answer = p.answer;
        let options = StoredValue::new(p.options.clone());
        let option = move |i: usize| options.with_value(|o| o.get(i).cloned().unwrap_or_default());
        let buttons = p
            .options
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let class = move || match (revealed.get(), i == answer, guess.get() == Some(i)) {
                    (true, true, _) => "guess right",
                    (true, false, true) => "guess wrong",
                    _ => "guess",
                };
                view! {
                    <button
                        class=class
                        aria-pressed=move || (guess.get() == Some(i)).to_string()
                        disabled=move || revealed.get()
                        on:click=move |_| choose(i)
                    >
                        {text.clone()}
                    </button>
                }
            })
            .collect_view();
        let status = move || match (revealed.get(), guess.get()) {
            (false, None) => THEN_WATCH.get(lang).to_owned(),
            (false, Some(g)) => {
                format!("{}{}{}", YOUR_GUESS.get(lang), option(g), WATCH_TO_END.get(lang))
            }
            (true, Some(g)) if g == answer => format!("✓ {}{}.", RIGHT.get(lang), option(g)),
            (true, Some(g)) => format!(
                "{}{}{}{}.",
                NOT_QUITE.get(lang),
                option(g),
                THE_RUN_GIVES.get(lang),
                option(answer)
            ),
            (true, None) => format!("{}{}.", ANSWER.get(lang), option(answer)),
        };
        let why = p.why.clone();
        let after = move || {
            revealed.get().then(|| {
                view! {
                    <p class="why">{why.clone()}</p>
                    <button class="button secondary small" on:click=again>
                        {AGAIN.get(lang)}
                    </button>
                }
            })
        };
        Some(view! {
            <section class="predict" class:revealed=move || revealed.get() aria-label=GUESS_FIRST.get(lang)>
                <p class="question">
                    <strong>{GUESS_FIRST.get(lang)}.</strong>
                    " "
                    {p.question.clone()}
                </p>
                <div node_ref=group class="guesses" role="group" aria-label=p.question.clone()>
                    {buttons}
                </div>
                <p class="guess-status" role="status">{status}</p>
                {after}
            </section>
        })
    }
}

/// The card as [`PredictCard`] first draws it, before a guess, as HTML text for a page's file.
pub fn card_html(lang: Lang, p: &Prediction) -> String {
    use crate::site::escape;
    let buttons: String = p
        .options
        .iter()
        .map(|o| format!("<button class=\"guess\" aria-pressed=\"false\">{}</button>", escape(o)))
        .collect();
    format!(
        "<section class=\"predict\" aria-label=\"{guess}\"><p class=\"question\"><strong>{guess}.</strong> \
         {question}</p><div class=\"guesses\" role=\"group\" aria-label=\"{question}\">{buttons}</div>\
         <p class=\"guess-status\" role=\"status\">{status}</p></section>",
        guess = escape(GUESS_FIRST.get(lang)),
        question = escape(&p.question),
        status = escape(THEN_WATCH.get(lang)),
    )
}

/// The simulation's goals, each marked once reached; a run watched to its end that reaches
/// one records it and says so.
#[component]
pub fn GoalList(
    /// Which simulation.
    kind: SimKind,
    /// The page's language.
    lang: Lang,
    /// The goals the current run reaches.
    reached: Memo<Vec<&'static str>>,
    /// Whether the run has been watched to its end.
    #[prop(into)]
    watched: Signal<bool>,
) -> impl IntoView {
    let store = use_progress();
    let said = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| {
        if !watched.get() {
            return;
        }
        for goal in reached.get() {
            if store.reached(kind.name(), goal) {
                said.set(Some(goal));
            }
        }
    });
    let goals = kind.goals();
    let announce = move || {
        let goal = said.get().and_then(|key| goals.iter().find(|g| g.key == key));
        goal.map(|g| format!("{}{}", JUST_REACHED.get(lang), g.name.get(lang)))
    };
    (!goals.is_empty()).then(|| {
        view! {
            <section class="goals" aria-label=GOALS.get(lang)>
                <h3 class="goals-title">{GOALS.get(lang)}</h3>
                {goal_items(kind, lang, store.progress)}
                <p class="goal-news" role="status">{announce}</p>
            </section>
        }
    })
}

/// A simulation's goals as a list, each marked as `progress` has it.
pub fn goal_items(
    kind: SimKind,
    lang: Lang,
    progress: RwSignal<crate::progress::Progress>,
) -> impl IntoView {
    let goals: &'static [GoalWords] = kind.goals();
    let items = move || {
        let done = progress.with(|p| {
            let reached = |g: &GoalWords| p.goals.contains(&format!("{}/{}", kind.name(), g.key));
            goals.iter().map(reached).collect::<Vec<_>>()
        });
        goals
            .iter()
            .zip(done)
            .map(|(goal, done)| {
                let mark = if done { REACHED } else { NOT_YET };
                view! {
                    <li class:reached=done data-goal=goal.key>
                        <span class="goal-mark" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                        " "
                        {goal.name.get(lang)}
                        <span class="visually-hidden">{format!(" ({})", mark.get(lang))}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ul class="goal-list">{items}</ul> }
}
