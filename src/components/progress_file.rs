//! Saving the learner's progress to a file and loading it back, for moving to another browser
//! or device. A file that is not a course record changes nothing.

use crate::i18n::use_lang;
use crate::progress::{use_progress, Progress};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The name of the saved file.
const FILE_NAME: &str = "asyncio-course-progress.txt";
/// A record is a few kilobytes at most; anything larger is not ours.
const LARGEST_FILE: f64 = 64.0 * 1024.0;

/// What became of an import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Loaded { read: usize, answers: usize },
    NotOurs,
    TooLarge,
}

async fn read_file(input: web_sys::HtmlInputElement) -> Option<Result<Progress, Outcome>> {
    let file = input.files()?.get(0)?;
    if file.size() > LARGEST_FILE {
        return Some(Err(Outcome::TooLarge));
    }
    let text = JsFuture::from(file.text()).await.ok()?.as_string()?;
    Some(Progress::decode(text.trim()).map_err(|_| Outcome::NotOurs))
}

/// The two buttons and the result of the last import.
#[component]
pub fn ProgressFile() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ui = lang.ui();
    let store = use_progress();
    let outcome = RwSignal::new(None::<Outcome>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = read_file(input.clone()).await;
            input.set_value("");
            match result {
                Some(Ok(progress)) => {
                    let loaded = Outcome::Loaded {
                        read: progress.read.len(),
                        answers: progress.answers.len(),
                    };
                    store.progress.set(progress);
                    outcome.set(Some(loaded));
                }
                Some(Err(problem)) => outcome.set(Some(problem)),
                None => outcome.set(Some(Outcome::NotOurs)),
            }
        });
    };
    let message = move || {
        outcome.get().map(|o| match o {
            Outcome::Loaded { read, answers } => lang.progress_loaded(read, answers),
            Outcome::NotOurs => ui.progress_not_ours.to_owned(),
            Outcome::TooLarge => ui.progress_too_large.to_owned(),
        })
    };
    view! {
        <section class="progress-file" aria-labelledby="progress-file-title">
            <h2 id="progress-file-title">{ui.progress_title}</h2>
            <p>{ui.progress_help}</p>
            <div class="progress-buttons">
                <button
                    class="button secondary"
                    on:click=move |_| {
                        let text = store.progress.get_untracked().encode();
                        crate::browser::download_text(&text, "text/plain", FILE_NAME);
                    }
                >
                    {ui.progress_save}
                </button>
                <label class="button secondary file-button">
                    {ui.progress_load}
                    <input type="file" accept=".txt,text/plain" class="visually-hidden" on:change=on_file />
                </label>
            </div>
            <p class="progress-result" role="status">{message}</p>
        </section>
    }
}
