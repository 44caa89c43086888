//! The app: reads the route from the URL fragment and shows its page inside the site's frame
//! (embeds get no frame).

use crate::browser;
use crate::i18n::{Lang, Language, Missing};
use crate::pages::{home::Home, lesson::Lesson, not_found::NotFound, simulation::*};
use crate::route::{Location, Route};
use leptos::prelude::*;

/// The whole course.
#[component]
pub fn App() -> impl IntoView {
    let location = RwSignal::new(Location::parse(&browser::fragment()));
    // The fragment is the router's source of truth: follow the browser's navigation.
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| {
        location.set(Location::parse(&browser::fragment()));
        browser::scroll_to_top();
    });
    let language = Language(RwSignal::new(Language::initial()));
    provide_context(language);
    let progress = crate::progress::ProgressStore::start();
    provide_context(progress);
    let theme = crate::theme::start();
    // Keeps <html lang> in step with the course's language, for screen readers.
    Effect::new(move |_| browser::set_document_language(language.0.get().code()));

    move || {
        let here = location.get();
        let at = here.get("at").map(str::to_owned);
        let Location { route, query } = here;
        let lang = language.0.get();
        let page = match route {
            Route::Embed(name) => {
                // The embed's own theme and language apply to it alone: nothing is remembered.
                let (options, issues, query) = crate::embed::read(query);
                if let Some(theme) = options.theme {
                    crate::theme::apply(theme);
                }
                if let Some(embed_lang) = options.lang.filter(|l| *l != lang) {
                    language.0.set(embed_lang);
                }
                return view! { <EmbedPage name=name query=query options=options issues=issues /> }
                    .into_any();
            }
            Route::Home => {
                browser::set_title(lang.ui().home_title);
                view! { <Home /> }.into_any()
            }
            Route::Lesson(slug) => view! { <Lesson slug=slug at=at /> }.into_any(),
            Route::Simulation(name) => {
                view! { <SimulationPage name=name query=query /> }.into_any()
            }
            Route::Glossary => view! { <crate::pages::glossary::Glossary at=at /> }.into_any(),
            Route::NotFound(path) => {
                view! { <NotFound what=lang.missing(Missing::Page, &path) /> }.into_any()
            }
        };
        view! {
            <a class="skip-link" href="#main" on:click=|ev| {
                ev.prevent_default();
                focus_main();
            }>{lang.ui().skip_to_content}</a>
            <header class="site-header">
                <a class="site-title" href=Route::Home.href()>
                    <span class="logo" aria-hidden="true">"⇄"</span>
                    {format!(" {}", lang.ui().site_name)}
                </a>
                <div class="header-tools">
                    <crate::theme::ThemeSwitch theme=theme lang=lang />
                    <LanguageSwitch current=lang location=location />
                </div>
            </header>
            <main id="main" tabindex="-1">
                {move || {
                    progress.unsaved.get().then(|| {
                        view! { <div class="notice page-notice" role="status">{lang.ui().progress_unsaved}</div> }
                    })
                }}
                {page}
            </main>
            <footer class="site-footer">
                <p>{lang.ui().footer}</p>
                <p>
                    <a href=Route::Home.href()>{lang.ui().contents}</a>
                    " · "
                    <a href=Route::Glossary.href()>
                        {crate::content::language(lang.code()).glossary_title}
                    </a>
                </p>
            </footer>
        }
        .into_any()
    }
}

/// The button that switches the course to the other language, on the same page.
#[component]
fn LanguageSwitch(
    /// The language shown now.
    current: Lang,
    /// The route, re-read on switching: a simulation keeps its latest state in the URL.
    location: RwSignal<Location>,
) -> impl IntoView {
    let language = expect_context::<Language>();
    let other = current.other();
    let switch = move |_| {
        location.set(Location::parse(&browser::fragment()));
        language.choose(other);
    };
    view! {
        <button
            class="language-switch"
            lang=other.code()
            aria-label=format!("{}: {}", current.ui().switch_label, other.ui().switch_to)
            on:click=switch
        >
            {other.ui().switch_to}
        </button>
    }
}

/// Moves keyboard focus to the main content (the skip link's target is not a route).
fn focus_main() {
    use wasm_bindgen::JsCast;
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}
