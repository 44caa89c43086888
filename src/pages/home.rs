//! The chapter's home: its promise, its contents and the way back in.

use crate::content;
use crate::i18n::use_lang;
use crate::progress::{tally, use_progress, Restored};
use crate::route::Route;
use crate::sims::predict::goal_items;
use crate::sims::{io_or_cpu, SimKind};
use leptos::prelude::*;

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ui = lang.ui();
    let language = content::language(lang.code());
    let store = use_progress();
    // The contents and the way back in follow the progress (an imported file changes it).
    let last_section =
        move || store.progress.with(|p| p.last.as_deref().and_then(|slug| language.section(slug)));
    let continue_button = move || {
        let (target, label) = match last_section() {
            Some((_, section)) => (section.slug, format!("{}{}", ui.continue_at, section.title)),
            None => (language.sections.first().map_or("", |s| s.slug), ui.start.to_owned()),
        };
        view! { <a class="button continue" href=Route::Lesson(target.to_owned()).href(lang)>{label}</a> }
    };
    let contents = move || {
        let progress = store.progress.get();
        let last = last_section().map(|(_, s)| s.slug);
        language
            .sections
            .iter()
            .map(|section| {
                let current = Some(section.slug) == last;
                let read = progress.read.contains(section.slug).then_some(ui.read);
                let (answered, right) = progress.score(section.quizzes);
                let score = (answered > 0)
                    .then(|| format!("{}: {right}/{}", ui.questions, section.quizzes.len()));
                let meta =
                    [Some(lang.reading_time(section.minutes)), read.map(str::to_owned), score]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ");
                view! {
                    <li class:current=current class:read=read.is_some()>
                        <a href=Route::Lesson(section.slug.to_owned()).href(lang)>
                            <span class="toc-number">{section.order}</span>
                            <span class="toc-title">{section.title}</span>
                            <span class="toc-meta">{meta}</span>
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    let simulations = move || {
        let progress = store.progress.get();
        SimKind::ALL
            .iter()
            .map(|kind| {
                let prefix = format!("{}/", kind.name());
                let tried = progress.tried.iter().filter(|t| t.starts_with(&prefix)).count();
                let note = match kind {
                    SimKind::IoOrCpu => io_or_cpu::progress_note(lang, &progress),
                    _ => (tried > 0).then(|| lang.presets_tried(tried, kind.presets())),
                };
                let guesses = progress.guesses.iter().filter(|(key, _)| key.starts_with(&prefix));
                let (made, right) = tally(guesses.map(|(_, g)| g));
                let guessed = (made > 0).then(|| lang.guesses_right(right, made));
                let note = [note, guessed].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                let note = (!note.is_empty()).then(|| view! { <p class="toc-meta">{note}</p> });
                let goals = goal_items(*kind, lang, store.progress);
                view! {
                    <li>
                        <a href=Route::Simulation(kind.name().to_owned()).href(lang)>{kind.title(lang)}</a>
                        <p>{kind.summary(lang)}</p>
                        {note}
                        {goals}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <article class="home">
            {(store.restored == Restored::Reset)
                .then(|| view! { <div class="notice" role="status">{ui.progress_reset}</div> })}
            <div class="prose" inner_html=language.home></div>
            {continue_button}
            <h2 id="contents">{ui.contents}</h2>
            <ol class="toc">{contents}</ol>
            <p class="glossary-link">
                <a href=Route::Glossary.href(lang)>{language.glossary_title}</a>
            </p>
            <h2>{ui.simulations}</h2>
            <ul class="sim-list">{simulations}</ul>
            <crate::components::progress_file::ProgressFile />
        </article>
    }
}
