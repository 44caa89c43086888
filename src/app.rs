//! The app: reads the route from the URL fragment and shows its page inside the site's frame
//! (embeds get no frame).

use crate::browser;
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
    move || {
        let Location { route, query } = location.get();
        let page = match route {
            Route::Embed(name) => return view! { <EmbedPage name=name query=query /> }.into_any(),
            Route::Home => {
                browser::set_title("Первое знакомство с asyncio — интерактивный курс");
                view! { <Home /> }.into_any()
            }
            Route::Lesson(slug) => view! { <Lesson slug=slug /> }.into_any(),
            Route::Simulation(name) => {
                view! { <SimulationPage name=name query=query /> }.into_any()
            }
            Route::NotFound(path) => {
                view! { <NotFound what=format!("страницы «{path}»") /> }.into_any()
            }
        };
        view! {
            <a class="skip-link" href="#main" on:click=|ev| {
                ev.prevent_default();
                focus_main();
            }>"К содержимому"</a>
            <header class="site-header">
                <a class="site-title" href=Route::Home.href()>
                    <span class="logo" aria-hidden="true">"⇄"</span>
                    " asyncio · глава 1"
                </a>
            </header>
            <main id="main" tabindex="-1">{page}</main>
            <footer class="site-footer">
                <p>
                    "Интерактивный конспект главы 1 книги М. Фаулера «Python Concurrency with asyncio»."
                </p>
            </footer>
        }
        .into_any()
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
