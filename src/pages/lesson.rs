//! One lesson section: its text with simulations in place, and the way to the next one.

use super::not_found::NotFound;
use crate::content::{self, Piece};
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
    let language = content::language(content::DEFAULT_LANGUAGE);
    let Some((index, section)) = language.section(&slug) else {
        return view! { <NotFound what=format!("раздела «{slug}»") /> }.into_any();
    };
    progress::remember_section(section.slug);
    crate::browser::set_title(&format!("{} — asyncio, глава 1", section.title));
    let blocks = section
        .body
        .iter()
        .map(|piece| match piece {
            Piece::Html(html) => view! { <div class="prose" inner_html=*html></div> }.into_any(),
            Piece::Simulation(directive) => {
                view! { <div class="sim-slot"><DirectiveBox directive=directive /></div> }
                    .into_any()
            }
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
    view! {
        <article class="lesson">
            <p class="lesson-meta">
                {format!("Раздел {} · {} мин чтения", section.order, section.minutes)}
            </p>
            {blocks}
            <nav class="pager" aria-label="Соседние разделы">
                {link(index.checked_sub(1), "prev", "← Назад")}
                <a class="pager-home" href=Route::Home.href()>"Содержание"</a>
                {link(Some(index + 1), "next", "Дальше →")}
            </nav>
        </article>
    }
    .into_any()
}
