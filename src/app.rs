//! The app: reads the page from the address and shows it inside the site's frame (embeds get
//! no frame); follows the course's own links without reloading, and back and forward.

use crate::browser;
use crate::i18n::{Lang, Language, Missing};
use crate::pages::{home::Home, lesson::Lesson, not_found::NotFound, simulation::*};
use crate::route::{Location, Route};
use leptos::prelude::*;

/// The whole course.
#[component]
pub fn App() -> impl IntoView {
    crate::route::set_root(&browser::course_root());
    let arrived = arrive();
    // The address is the router's source of truth, and it names the language.
    let language = Language(RwSignal::new(arrived.lang));
    let location = RwSignal::new(arrived);
    let show = move |here: Location| {
        if language.0.get_untracked() != here.lang {
            language.0.set(here.lang);
        }
        location.set(here);
    };
    // Back and forward, and the course's own links (`browser::go_to` announces them the same way).
    let _history = window_event_listener(leptos::ev::popstate, move |_| show(browser::location()));
    let _links = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(href) = own_link(&ev) {
            ev.prevent_default();
            browser::go_to(&href);
        }
    });
    // An old fragment link followed within the page (`#/learn/gil`): its page at its address.
    let _old_links = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(old) = Location::from_fragment(&browser::fragment(), Language::initial()) {
            browser::replace_address(&old.href());
            show(old);
            browser::scroll_to_top();
        }
    });
    provide_context(language);
    let progress = crate::progress::ProgressStore::start();
    provide_context(progress);
    let theme = crate::theme::start();
    // Keeps <html lang> in step with the course's language, for screen readers.
    Effect::new(move |_| browser::set_document_language(language.0.get().code()));

    // Starting the app is three tasks, not one long one: the course's state above (the
    // address, the language, the progress and the theme), then the site's frame (its header
    // and footer) a task later, then the first page a task after that (an embed, which has no
    // frame, at the second). The browser compiles each part of the app's code the first time
    // it runs, on this same thread, so each task also carries the compiling of its own code.
    // The page file's text stays on screen meanwhile (the stylesheet hides the app until it
    // is gone) and gives way as the page is built.
    let stage = RwSignal::new(Stage::State);
    leptos::task::spawn_local(async move {
        for next in [Stage::Frame, Stage::Page] {
            browser::next_task().await;
            stage.set(next);
        }
    });
    // Each a memo, so that the frame is not built again when the page's stage comes.
    let frame_due = Memo::new(move |_| stage.get() >= Stage::Frame);
    let page_due = Memo::new(move |_| stage.get() >= Stage::Page);

    move || {
        if !frame_due.get() {
            return ().into_any();
        }
        let here = location.get();
        let at = here.get("at").map(str::to_owned);
        let Location { route, query, .. } = here;
        let lang = language.0.get();
        if let Route::Embed(name) = route {
            // The embed's own theme and language apply to it alone: nothing is remembered.
            let (options, issues, query) = crate::embed::read(query);
            if let Some(theme) = options.theme {
                crate::theme::apply(theme);
            }
            if let Some(embed_lang) = options.lang.filter(|l| *l != lang) {
                language.0.set(embed_lang);
            }
            let embed = view! { <EmbedPage name=name query=query options=options issues=issues /> };
            browser::remove_element(crate::site::PRERENDERED_ID);
            return embed.into_any();
        }
        let page = move || match route {
            Route::Home => {
                browser::set_title(lang.ui().home_title);
                view! { <Home /> }.into_any()
            }
            Route::Lesson(slug) => view! { <Lesson slug=slug at=at /> }.into_any(),
            Route::Simulation(name) => {
                view! { <SimulationPage name=name query=query /> }.into_any()
            }
            Route::Glossary => view! { <crate::pages::glossary::Glossary at=at /> }.into_any(),
            // An embed is drawn above, without the site's frame.
            Route::NotFound(path) | Route::Embed(path) => {
                view! { <NotFound what=lang.missing(Missing::Page, &path) /> }.into_any()
            }
        };
        // Built when due: at once after the first page. The page file's text gives way as the
        // page goes on (in this same run, so no frame shows neither).
        let page = crate::components::lazy::deferred(
            move || page_due.get(),
            move || {
                let page = page();
                browser::remove_element(crate::site::PRERENDERED_ID);
                page
            },
        );
        view! {
            <a class="skip-link" href="#main" on:click=|ev| {
                ev.prevent_default();
                focus_main();
            }>{lang.ui().skip_to_content}</a>
            <header class="site-header">
                <a class="site-title" href=Route::Home.href(lang)>
                    <span class="logo" aria-hidden="true">"⇄"</span>
                    {format!(" {}", lang.ui().site_name)}
                </a>
                <div class="header-tools">
                    <crate::theme::ThemeSwitch theme=theme lang=lang />
                    <LanguageSwitch current=lang />
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
                    <a href=Route::Home.href(lang)>{lang.ui().contents}</a>
                    " · "
                    <a href=Route::Glossary.href(lang)>
                        {crate::content::language(lang.code()).glossary_title}
                    </a>
                </p>
            </footer>
        }
        .into_any()
    }
}

/// How far the app's start has come: each stage is built in a task of its own.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// The course's state: the address, the language, the progress, the theme.
    State,
    /// The site's frame: its header and footer (an embed's simulation, which has no frame).
    Frame,
    /// The page the address names.
    Page,
}

/// The page the learner arrived at. An address of the fragment-routed course
/// (`/#/sim/bakers?cakes=3`, perhaps in slides made years ago) is replaced by the same page and
/// state at its own address.
fn arrive() -> Location {
    match Location::from_fragment(&browser::fragment(), Language::initial()) {
        Some(old) => {
            browser::replace_address(&old.href());
            old
        }
        None => browser::location(),
    }
}

/// The address a click goes to when it is a plain click on a link to one of the course's
/// pages, which the app shows without loading the page again. Anything else is left to the
/// browser: a new tab or window, a download, another site, a file (`public/deck/`), a link
/// within the page (`#main`).
fn own_link(ev: &leptos::ev::MouseEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
    if ev.default_prevented() || ev.button() != 0 || modified {
        return None;
    }
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = target.closest("a[href]").ok()??.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    let elsewhere = !matches!(anchor.target().as_str(), "" | "_self");
    if elsewhere || anchor.has_attribute("download") || anchor.origin() != browser::origin() {
        return None;
    }
    let hash = anchor.hash();
    if let Some(old) = Location::from_fragment(&hash, Language::initial()) {
        return Some(old.href());
    }
    let (path, query) = (anchor.pathname(), anchor.search());
    if !hash.is_empty() && browser::path_and_query() == (path.clone(), query.clone()) {
        return None;
    }
    let here = Location::parse(crate::route::below_root(&path)?, &query);
    (!matches!(here.route, Route::NotFound(_))).then(|| here.href())
}

/// The button that switches the course to the other language: the same page and state at the
/// other language's address.
#[component]
fn LanguageSwitch(
    /// The language shown now.
    current: Lang,
) -> impl IntoView {
    let language = expect_context::<Language>();
    let other = current.other();
    let switch = move |_| {
        // A simulation keeps its latest state in the address: read it now.
        let mut here = browser::location();
        here.lang = other;
        language.choose(other);
        browser::go_to(&here.href());
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
