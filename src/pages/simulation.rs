//! A simulation on a page of its own, and the same simulation alone for an iframe.

use super::not_found::NotFound;
use crate::i18n::{use_lang, Missing};
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
    let lang = use_lang().get_untracked();
    let Some(kind) = SimKind::from_name(&name) else {
        return view! { <NotFound what=lang.missing(Missing::Simulation, &name) /> }.into_any();
    };
    let ui = lang.ui();
    crate::browser::set_title(&lang.page_title(kind.title(lang)));
    let embed = Route::Embed(kind.name().to_owned()).href();
    let snippet = format!(
        "<iframe src=\"https://YOUR-HOST/{embed}\" title=\"{}\" width=\"800\" height=\"600\" \
         loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        kind.title(lang)
    );
    view! {
        <article class="sim-page">
            <h1>{kind.title(lang)}</h1>
            <p class="lead">{kind.summary(lang)}</p>
            <Simulation kind=kind query=query mode=Mode::Page />
            <details class="embed-help">
                <summary>{ui.embed_summary}</summary>
                <p>{ui.embed_help} " " <a href=embed.clone()>{embed.clone()}</a></p>
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
    let lang = use_lang().get_untracked();
    let Some(kind) = SimKind::from_name(&name) else {
        let known = SimKind::ALL.map(SimKind::name).join(", ");
        let missing = lang.missing(Missing::Simulation, &name);
        return view! {
            <main class="embed">
                <div class="notice error" role="alert">
                    {format!("{} {}{known}.", lang.nothing_here(&missing), lang.ui().available)}
                </div>
            </main>
        }
        .into_any();
    };
    crate::browser::set_title(kind.title(lang));
    view! {
        <main class="embed" aria-label=kind.title(lang)>
            <h1 class="visually-hidden">{kind.title(lang)}</h1>
            <Simulation kind=kind query=query mode=Mode::Embed />
        </main>
    }
    .into_any()
}
