//! One lesson section: its title at once, its text as soon as it is fetched, the simulations
//! in place, and the way to the next section.

use super::not_found::NotFound;
use crate::content::{self, LoadError, Piece, SectionSource};
use crate::i18n::{use_lang, Missing};
use crate::progress;
use crate::route::Route;
use crate::sims::DirectiveBox;
use leptos::prelude::*;

/// A lesson section by slug; an unknown slug gets the not-found page.
#[component]
pub fn Lesson(
    /// The section's URL name.
    slug: String,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let language = content::language(lang.code());
    let Some((index, section)) = language.section(&slug) else {
        return view! { <NotFound what=lang.missing(Missing::Lesson, &slug) /> }.into_any();
    };
    progress::remember_section(section.slug);
    crate::browser::set_title(&lang.page_title(section.title));
    let ui = lang.ui();
    let texts = LocalResource::new(move || content::fetch_pieces(section));
    let body = move || match texts.get() {
        None => view! { <p class="loading" role="status">{ui.loading}</p> }.into_any(),
        Some(Err(error)) => {
            let detail = match error {
                LoadError::Network => String::new(),
                LoadError::Status(code) => format!(" (HTTP {code})"),
            };
            view! {
                <div class="notice error" role="alert">
                    <p>{format!("{}{detail}", ui.load_failed)}</p>
                    <button class="button" on:click=move |_| texts.refetch()>{ui.retry}</button>
                </div>
            }
            .into_any()
        }
        Some(Ok(pieces)) => layout(section, pieces).into_any(),
    };
    let link = |i: Option<usize>, rel: &'static str, arrow: &'static str| {
        i.and_then(|i| language.sections.get(i)).map(|s| {
            view! {
                <a class=format!("pager-{rel}") rel=rel href=Route::Lesson(s.slug.to_owned()).href()>
                    <span class="pager-hint">{arrow}</span>
                    <span>{s.title}</span>
                </a>
            }
        })
    };
    view! {
        <article class="lesson">
            <p class="lesson-meta">{lang.section_meta(section.order, section.minutes)}</p>
            <h1>{section.title}</h1>
            {body}
            <nav class="pager" aria-label=ui.neighbours>
                {link(index.checked_sub(1), "prev", ui.previous)}
                <a class="pager-home" href=Route::Home.href()>{ui.contents}</a>
                {link(Some(index + 1), "next", ui.next)}
            </nav>
        </article>
    }
    .into_any()
}

/// The section's text pieces with its simulations between them, in the index's order.
fn layout(section: &'static SectionSource, pieces: Vec<String>) -> impl IntoView {
    let mut pieces = pieces.into_iter();
    section
        .layout
        .iter()
        .map(|piece| match piece {
            Piece::Text => {
                let html = pieces.next().unwrap_or_default();
                view! { <div class="prose" inner_html=html></div> }.into_any()
            }
            Piece::Simulation(directive) => view! {
                <div class="sim-slot">
                    <DirectiveBox directive=directive />
                </div>
            }
            .into_any(),
        })
        .collect_view()
}
