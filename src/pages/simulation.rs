//! A simulation on a page of its own, and the same simulation alone for an iframe.

use super::not_found::NotFound;
use crate::components::lazy::{loader, Lazy};
use crate::components::player::ActiveClock;
use crate::embed::{EmbedOptions, SlideFit, SLIDE, SLIDE_PRESENTING};
use crate::i18n::{use_lang, Missing};
use crate::sims::controls::ParamNotes;
use crate::sims::{Mode, SimKind, Simulation};
use engine::params::ParamIssue;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
    crate::browser::set_title(&lang.page_title(kind.title(lang)));
    crate::components::moving::RunCharts::provide();
    view! {
        <article class="sim-page">
            <h1>{kind.title(lang)}</h1>
            <p class="lead">{kind.summary(lang)}</p>
            <Simulation kind=kind query=query mode=Mode::Page />
            <Share kind=kind />
        </article>
    }
    .into_any()
}

/// The share box: a link to the simulation as it is now, the code that embeds it so, and a QR
/// code of the link (see [`crate::share`]). Its contents are made, reading the address, each
/// time it is opened; their code is fetched the first time.
#[component]
fn Share(
    /// Which simulation.
    kind: SimKind,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ui = lang.ui();
    let open = RwSignal::new(false);
    let contents = move || {
        open.get().then(|| {
            let load = loader(move || crate::share::load(lang, kind));
            view! { <Lazy load=load failed=ui.load_failed /> }
        })
    };
    view! {
        <details
            class="embed-help"
            on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
        >
            <summary>{ui.embed_summary}</summary>
            <p>{ui.embed_help}</p>
            {contents}
        </details>
    }
}

/// A simulation alone, filling its frame, as its URL's frame options say (see
/// [`crate::embed`]); its height is posted to the host page, and its keyboard drives the
/// player (keys it does not use are passed on to the host, so a slide deck still turns).
#[component]
pub fn EmbedPage(
    /// The simulation's URL name.
    name: String,
    /// Its own parameters from the URL.
    query: Vec<(String, String)>,
    /// The frame's options from the URL.
    options: EmbedOptions,
    /// What was wrong with them.
    issues: Vec<ParamIssue>,
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
    provide_context(options.start);
    if options.present {
        provide_context(crate::embed::Presenting);
    }
    let active = ActiveClock(RwSignal::new(None));
    provide_context(active);
    let origin = options.origin.clone();
    let _keys = window_event_listener(leptos::ev::keydown, move |ev| on_key(&ev, active, &origin));
    crate::host::follow_slides(active, options.start.autoplay);
    // A landscape frame is a slide: the layout is drawn for one and scaled to the frame, laid
    // out again whenever the frame changes size.
    let frame = Frame {
        class: if options.present {
            format!("{} present", options.controls.class())
        } else {
            options.controls.class().to_owned()
        },
        scale: options.scale,
        slide: if options.present { SLIDE_PRESENTING } else { SLIDE },
    };
    let class = frame.class.clone();
    let main_ref = NodeRef::<leptos::html::Main>::new();
    let relayout = std::rc::Rc::new(move || {
        if let Some(main) = main_ref.get_untracked() {
            frame.lay_out(&main);
        }
    });
    let on_resize = relayout.clone();
    let _resize = window_event_listener(leptos::ev::resize, move |_| on_resize());
    let on_mount = relayout.clone();
    Effect::new(move |_| {
        if main_ref.get().is_some() {
            on_mount();
        }
    });
    crate::host::tell_height(options.origin.clone(), relayout);
    view! {
        <main node_ref=main_ref class=class aria-label=kind.title(lang)>
            <h1 class="visually-hidden">{kind.title(lang)}</h1>
            <ParamNotes issues=issues label=crate::embed::label />
            <Simulation kind=kind query=query mode=Mode::Embed />
        </main>
    }
    .into_any()
}

/// How an embed's frame is laid out: its classes, its text scale, and the slide it is drawn for
/// when the frame is one.
#[derive(Clone)]
struct Frame {
    class: String,
    scale: u32,
    slide: (u32, u32),
}

impl Frame {
    /// Lays `main` out for the window's size now: scaled to fit it if it is a slide.
    fn lay_out(&self, main: &web_sys::HtmlElement) {
        let (width, height) = crate::browser::viewport();
        let text = format!("font-size: {}%", self.scale);
        let (class, style) = match SlideFit::of(width, height, self.slide) {
            Some(fit) => (format!("{} slide", self.class), format!("{text}; {}", fit.style())),
            None => (self.class.clone(), text),
        };
        let _ = main.set_attribute("class", &class);
        let _ = main.set_attribute("style", &style);
    }
}

/// Space plays or pauses, → steps, ← steps back, R starts over, + and − change the speed;
/// any other key goes to the host page.
fn on_key(ev: &web_sys::KeyboardEvent, active: ActiveClock, origin: &str) {
    let native = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY"))
        && matches!(ev.key().as_str(), " " | "Enter");
    if ev.default_prevented() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() || native {
        return;
    }
    if crate::browser::typing_into_control(ev) {
        return;
    }
    let clock = active.0.get_untracked();
    let handled = clock.is_some_and(|clock| {
        match ev.key().as_str() {
            " " => clock.toggle(),
            "ArrowRight" => {
                clock.playing.set(false);
                clock.step();
            }
            "ArrowLeft" => clock.step_back(),
            "r" | "R" | "к" | "К" => clock.reset(),
            "+" | "=" => clock.change_speed(1),
            "-" | "_" => clock.change_speed(-1),
            _ => return false,
        }
        true
    });
    if handled {
        ev.prevent_default();
    } else {
        let fields = [
            ("key", ev.key().into()),
            ("code", ev.code().into()),
            ("keyCode", ev.key_code().into()),
            ("shiftKey", ev.shift_key().into()),
        ];
        crate::browser::post_to_host(origin, "key", &fields);
    }
}
