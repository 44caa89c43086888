//! One lesson section: its text with simulations in place, and the way to the next one.

use super::not_found::NotFound;
use crate::content::{self, Piece};
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
    let blocks = section
        .body
        .iter()
        .map(|piece| match piece {
            Piece::Html(html) => view! { <div class="prose" inner_html=*html></div> }.into_any(),
            Piece::Simulation(directive) => view! {
                <div class="sim-slot">
                    <DirectiveBox directive=directive />
                </div>
            }
            .into_any(),
        })
        .collect_view();
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
    let ui = lang.ui();
    view! {
        <article class="lesson">
            <p class="lesson-meta">{lang.section_meta(section.order, section.minutes)}</p>
            {blocks}
            <nav class="pager" aria-label=ui.neighbours>
                {link(index.checked_sub(1), "prev", ui.previous)}
                <a class="pager-home" href=Route::Home.href()>{ui.contents}</a>
                {link(Some(index + 1), "next", ui.next)}
            </nav>
        </article>
    }
    .into_any()
}
