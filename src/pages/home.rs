//! The chapter's home: its promise, its contents and the way back in.

use crate::content;
use crate::i18n::use_lang;
use crate::progress;
use crate::route::Route;
use crate::sims::SimKind;
use leptos::prelude::*;

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ui = lang.ui();
    let language = content::language(lang.code());
    let last = progress::last_section(language);
    let (target, label) = match last.and_then(|slug| language.section(slug)) {
        Some((_, section)) => (section.slug, format!("{}{}", ui.continue_at, section.title)),
        None => (
            language.sections.first().map_or("", |s| s.slug),
            ui.start.to_owned(),
        ),
    };
    let contents = language
        .sections
        .iter()
        .map(|section| {
            let current = Some(section.slug) == last;
            view! {
                <li class:current=current>
                    <a href=Route::Lesson(section.slug.to_owned()).href()>
                        <span class="toc-number">{section.order}</span>
                        <span class="toc-title">{section.title}</span>
                        <span class="toc-meta">{lang.reading_time(section.minutes)}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let simulations = SimKind::ALL
        .iter()
        .map(|kind| {
            view! {
                <li>
                    <a href=Route::Simulation(kind.name().to_owned()).href()>{kind.title(lang)}</a>
                    <p>{kind.summary(lang)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <article class="home">
            <div class="prose" inner_html=language.home></div>
            <a class="button continue" href=Route::Lesson(target.to_owned()).href()>{label}</a>
            <h2 id="contents">{ui.contents}</h2>
            <ol class="toc">{contents}</ol>
            <h2>{ui.simulations}</h2>
            <ul class="sim-list">{simulations}</ul>
        </article>
    }
}
