//! A simulation on a page of its own, and the same simulation alone for an iframe.

use super::not_found::NotFound;
use crate::components::player::ActiveClock;
use crate::embed::{EmbedOptions, SlideFit, SLIDE, SLIDE_PRESENTING};
use crate::i18n::{use_lang, Missing};
use crate::route::Route;
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

/// The share box: a link to the simulation as it is now, and the code that embeds it so, each
/// with a copy button. Both are read from the address when the box is opened.
#[component]
fn Share(
    /// Which simulation.
    kind: SimKind,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ui = lang.ui();
    let links = RwSignal::new((String::new(), String::new()));
    let refresh = move || {
        let here = crate::route::Location::parse(&crate::browser::fragment());
        let base = crate::browser::page_base();
        let query: Vec<(&str, String)> = here.pairs().map(|(k, v)| (k, v.to_owned())).collect();
        let embed = Route::Embed(kind.name().to_owned()).href_with(query.clone());
        let page = Route::Simulation(kind.name().to_owned()).href_with(query);
        let code = format!(
            "<iframe src=\"{base}{embed}\" title=\"{}\" loading=\"lazy\" \
             style=\"width:100%;aspect-ratio:16/9;border:0\"></iframe>\n\
             <script src=\"{base}public/embed.js\" defer></script>",
            escape_attribute(kind.title(lang))
        );
        links.set((format!("{base}{page}"), code));
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      value: fn(&(String, String)) -> String| {
        let status = RwSignal::new("");
        let copy = move |_| {
            let text = links.with(value);
            crate::browser::copy_to_clipboard(text, move |ok| {
                status.set(if ok { ui.copied } else { ui.copy_failed })
            });
        };
        view! {
            <div class="share-field">
                <label for=id>{label}</label>
                <textarea id=id readonly rows="3" prop:value=move || links.with(value)></textarea>
                <button class="button secondary" on:click=copy>{ui.copy}</button>
                <span class="share-status" role="status">{move || status.get()}</span>
            </div>
        }
    };
    view! {
        <details class="embed-help" on:toggle=move |_| refresh()>
            <summary>{ui.embed_summary}</summary>
            <p>{ui.embed_help}</p>
            {field("share-link", ui.share_link, |l| l.0.clone())}
            {field("share-code", ui.share_code, |l| l.1.clone())}
        </details>
    }
}

/// Text made safe inside a double-quoted HTML attribute.
fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
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
    // A landscape frame is a slide: the layout is drawn for one and scaled to the frame.
    let frame = RwSignal::new(crate::browser::viewport());
    let _resize =
        window_event_listener(leptos::ev::resize, move |_| frame.set(crate::browser::viewport()));
    crate::host::tell_height(options.origin.clone(), frame);
    let slide = if options.present { SLIDE_PRESENTING } else { SLIDE };
    let fit = Memo::new(move |_| frame.with(|&(w, h)| SlideFit::of(w, h, slide)));
    let controls = if options.present {
        format!("{} present", options.controls.class())
    } else {
        options.controls.class().to_owned()
    };
    let scale = options.scale;
    view! {
        <main
            class=move || if fit.get().is_some() { format!("{controls} slide") } else { controls.clone() }
            style=move || {
                let size = format!("font-size: {scale}%");
                fit.get().map_or(size.clone(), |fit| format!("{size}; {}", fit.style()))
            }
            aria-label=kind.title(lang)
        >
            <h1 class="visually-hidden">{kind.title(lang)}</h1>
            <ParamNotes issues=issues label=crate::embed::label />
            <Simulation kind=kind query=query mode=Mode::Embed />
        </main>
    }
    .into_any()
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
