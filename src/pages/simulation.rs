//! A simulation on a page of its own, and the same simulation alone for an iframe.

use super::not_found::NotFound;
use crate::route::Route;
use crate::sims::{Mode, SimKind, Simulation};
use leptos::prelude::*;

/// A simulation's own page: title, the simulation, and how to embed it.
#[component]
pub fn SimulationPage(
    /// The simulation's URL name.
    name: String,
    /// Its parameters from the URL.
    query: Vec<(String, String)>,
) -> impl IntoView {
    let Some(kind) = SimKind::from_name(&name) else {
        return view! { <NotFound what=format!("симуляции «{name}»") /> }.into_any();
    };
    crate::browser::set_title(&format!("{} — asyncio, глава 1", kind.title()));
    let embed = Route::Embed(kind.name().to_owned()).href();
    let snippet = format!(
        "<iframe src=\"{{адрес курса}}/{embed}\" title=\"{}\" width=\"800\" height=\"600\" \
         loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        kind.title()
    );
    view! {
        <article class="sim-page">
            <h1>{kind.title()}</h1>
            <p class="lead">{kind.summary()}</p>
            <Simulation kind=kind query=query mode=Mode::Page />
            <details class="embed-help">
                <summary>"Встроить в слайды"</summary>
                <p>
                    "Страница "<a href=embed.clone()>{embed.clone()}</a>
                    " показывает только симуляцию, без оформления сайта. Параметры из адреса этой страницы работают и там. Код для вставки:"
                </p>
                <pre><code>{snippet}</code></pre>
            </details>
        </article>
    }
    .into_any()
}

/// A simulation alone, filling its frame.
#[component]
pub fn EmbedPage(
    /// The simulation's URL name.
    name: String,
    /// Its parameters from the URL.
    query: Vec<(String, String)>,
) -> impl IntoView {
    let Some(kind) = SimKind::from_name(&name) else {
        let known = SimKind::ALL.map(SimKind::name).join(", ");
        return view! {
            <main class="embed">
                <div class="notice error" role="alert">
                    {format!("Симуляции «{name}» нет. Есть: {known}.")}
                </div>
            </main>
        }
        .into_any();
    };
    crate::browser::set_title(kind.title());
    view! {
        <main class="embed" aria-label=kind.title()>
            <Simulation kind=kind query=query mode=Mode::Embed />
        </main>
    }
    .into_any()
}
