//! One lesson section: its title at once, its text as soon as it is fetched, the simulations
//! and self-checks in place, and the way to the next section.

use super::not_found::NotFound;
use crate::components::fetch_failed::FetchFailed;
use crate::content::{self, Piece, SectionSource};
use crate::i18n::{use_lang, Missing};
use crate::progress::use_progress;
use crate::quiz;
use crate::route::Route;
use crate::sims::DirectiveBox;
use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

/// How close to the bottom counts as having read a section, in pixels.
const END_MARGIN: f64 = 120.0;
/// The section's numbered parts, whose ids the address names (`?at=part-2`).
const PARTS: &str = ".lesson-body h2[id]";
/// A part is the one being read once its heading is this close to the top, in pixels.
const PART_LINE: f64 = 96.0;

/// A lesson section by slug; an unknown slug gets the not-found page.
#[component]
pub fn Lesson(
    /// The section's URL name.
    slug: String,
    /// The id of the part to scroll to (`?at=part-2`), if any.
    at: Option<String>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let language = content::language(lang.code());
    let Some((index, section)) = language.section(&slug) else {
        return view! { <NotFound what=lang.missing(Missing::Lesson, &slug) /> }.into_any();
    };
    let store = use_progress();
    store.opened(section.slug);
    crate::browser::set_title(&lang.page_title(section.title));
    let ui = lang.ui();
    let texts = LocalResource::new(move || content::fetch_pieces(section));
    // The answers to its self-checks, fetched the first time they are needed.
    let answers = StoredValue::new_local(None);
    let body_ref = NodeRef::<Div>::new();

    let reading = RwSignal::new(0u32);
    // A part the address names but the section does not have (an old or mistyped link).
    let missing_part = RwSignal::new(None::<String>);
    // Once the text (and its forms) is in the page: shows the answers saved on an earlier
    // visit and goes to the part the address names.
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(body)) = (texts.get(), body_ref.get()) {
            let saved = store.progress.get_untracked().answers;
            if section.quizzes.iter().any(|id| saved.contains_key(*id)) {
                let body: web_sys::HtmlElement = body.clone().into();
                leptos::task::spawn_local(async move {
                    if let Some(answers) = answers_of(section, answers).await {
                        quiz::restore(&body, |id| saved.get(id).cloned(), &answers, ui);
                    }
                });
            }
            match &at {
                Some(id) if crate::browser::has_element(id) => {
                    crate::browser::scroll_to_id_settled(id)
                }
                Some(id) => missing_part.set(Some(lang.missing(Missing::Part, id))),
                None => {}
            }
            // A short section is read once it is shown whole. Where the reader is needs the
            // page laid out: asked a task later, the text is built in one task and laid out
            // in the next, not both in one long one (and only if the reader is still here).
            leptos::task::spawn_local(async move {
                crate::browser::next_task().await;
                if crate::browser::location().route == Route::Lesson(section.slug.to_owned()) {
                    mark_read_if_at_end(
                        store,
                        section.slug,
                        &crate::browser::reading_position(PARTS, PART_LINE),
                    );
                }
            });
        }
    });
    // Follows the reader's scrolling: the progress bar, "read to the end", and the address,
    // which names the part in view so that a reload or a language switch keeps the place.
    let shown_part = RwSignal::new(None::<String>);
    let scrolling = window_event_listener(leptos::ev::scroll, move |_| {
        let position = crate::browser::reading_position(PARTS, PART_LINE);
        reading.set(position.percent);
        let part = position.part.clone();
        let here = Route::Lesson(section.slug.to_owned());
        // A scroll event can arrive after a link has already changed the address: then the
        // address belongs to the next page and is not ours to rewrite.
        let still_here = crate::browser::location().route == here;
        // While the page settles on the part the address names, the address keeps naming it.
        if still_here && !crate::browser::settling() && part != shown_part.get_untracked() {
            crate::browser::replace_address(
                &here.href_with(lang, part.iter().map(|p| ("at", p.clone()))),
            );
            shown_part.set(part);
        }
        mark_read_if_at_end(store, section.slug, &position);
    });
    // The arrow keys move between sections, unless a control such as a slider has them.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let plain = !(ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key());
        if !plain || crate::browser::typing_into_control(&ev) {
            return;
        }
        let target = match ev.key().as_str() {
            "ArrowLeft" => index.checked_sub(1),
            "ArrowRight" => Some(index + 1),
            _ => None,
        };
        if let Some(next) = target.and_then(|i| language.sections.get(i)) {
            crate::browser::go_to(&Route::Lesson(next.slug.to_owned()).href(lang));
        }
    });
    let listeners = SendWrapper::new((scrolling, keys));
    on_cleanup(move || {
        let (scrolling, keys) = listeners.take();
        scrolling.remove();
        keys.remove();
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        if form.closest("form.quiz").ok().flatten().is_none() {
            return;
        }
        ev.prevent_default();
        let Some(choices) = quiz::choices(&form, ui) else { return };
        leptos::task::spawn_local(async move {
            match answers_of(section, answers).await {
                Some(answers) => {
                    if let Some((id, answer)) = quiz::check(&form, choices, &answers, ui) {
                        store.answer(&id, answer);
                    }
                }
                None => quiz::say(&form, ui.load_failed),
            }
        });
    };

    let body = move || match texts.get() {
        None => view! { <p class="loading" role="status">{ui.loading}</p> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| texts.refetch());
            view! { <FetchFailed error=error retry=retry /> }.into_any()
        }
        Some(Ok(pieces)) => layout(section, pieces, ui).into_any(),
    };
    let link = |i: Option<usize>, rel: &'static str, arrow: &'static str| {
        i.and_then(|i| language.sections.get(i)).map(|s| {
            view! {
                <a class=format!("pager-{rel}") rel=rel href=Route::Lesson(s.slug.to_owned()).href(lang)>
                    <span class="pager-hint">{arrow}</span>
                    <span>{s.title}</span>
                </a>
            }
        })
    };
    view! {
        <article class="lesson">
            <div
                class="reading-progress"
                role="progressbar"
                aria-label=ui.reading_progress
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || reading.get().to_string()
                style=move || format!("width: {}%", reading.get())
            ></div>
            <p class="lesson-meta">{lang.section_meta(section.order, section.minutes)}</p>
            <h1>{section.title}</h1>
            {move || missing_part.get().map(|note| view! { <p class="notice" role="status">{note}</p> })}
            <div
                class="lesson-body"
                node_ref=body_ref
                on:submit=on_submit
                on:click=|ev| {
                    if let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        crate::diagram::step(&target);
                    }
                }
            >
                {body}
            </div>
            <nav class="pager" aria-label=ui.neighbours>
                {link(index.checked_sub(1), "prev", ui.previous)}
                <a class="pager-home" href=Route::Home.href(lang)>{ui.contents}</a>
                {link(Some(index + 1), "next", ui.next)}
            </nav>
        </article>
    }
    .into_any()
}

/// Marks the section read once the bottom of the page is in view.
fn mark_read_if_at_end(
    store: crate::progress::ProgressStore,
    slug: &str,
    position: &crate::browser::ReadingPosition,
) {
    if position.to_end <= END_MARGIN {
        store.read(slug);
    }
}

/// How long a simulation far down a lesson waits for the reader before it is built anyway.
const SIMULATION_IDLE_MS: u32 = 6_000;

/// The section's text pieces with its simulations between them, in the index's order.
fn layout(
    section: &'static SectionSource,
    pieces: Vec<String>,
    ui: &'static crate::i18n::Ui,
) -> impl IntoView {
    // The text is painted first, and the simulations ask for their code a frame later: the
    // reader's first screen never waits behind a simulation's download. Until then each slot
    // holds the same placeholder its simulation shows while its code arrives.
    let painted = RwSignal::new(false);
    request_animation_frame(move || request_animation_frame(move || painted.set(true)));
    let mut pieces = pieces.into_iter();
    section
        .layout
        .iter()
        .map(|piece| match piece {
            Piece::Text => {
                let html = pieces.next().unwrap_or_default();
                view! { <div class="prose" inner_html=html></div> }.into_any()
            }
            Piece::Simulation(directive) => {
                // A simulation is built when the reader comes near it (or, reading on, after a
                // few seconds), so opening a lesson costs only what its first screen shows.
                let slot = NodeRef::<Div>::new();
                let near = RwSignal::new(false);
                Effect::new(move |_| {
                    if painted.get() {
                        if let Some(slot) = slot.get() {
                            crate::browser::when_near(&slot, SIMULATION_IDLE_MS, move || {
                                near.set(true)
                            });
                        }
                    }
                });
                view! {
                <div class="sim-slot" node_ref=slot>
                    {move || {
                        if near.get() {
                            view! { <DirectiveBox directive=directive /> }.into_any()
                        } else {
                            view! { <p class="loading" role="status">{ui.loading}</p> }.into_any()
                        }
                    }}
                </div>
            }
            .into_any()
            }
        })
        .collect_view()
}

/// The answers to `section`'s self-checks: fetched once, then kept in `cache`; `None` when
/// they could not be fetched (the next check tries again).
async fn answers_of(
    section: &'static content::SectionSource,
    cache: StoredValue<Option<std::rc::Rc<quiz::Answers>>, LocalStorage>,
) -> Option<std::rc::Rc<quiz::Answers>> {
    if let Some(answers) = cache.get_value() {
        return Some(answers);
    }
    let text = content::fetch_text(section.answers_url).await.ok()?;
    let answers = std::rc::Rc::new(quiz::Answers::parse(&text)?);
    cache.set_value(Some(answers.clone()));
    Some(answers)
}
