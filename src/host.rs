//! What an embed tells the page that frames it, and what it hears from it: its height, in the
//! course's own message (read by `public/embed.js`) and in the H5P resizer's protocol (Moodle,
//! Canvas and the H5P embedder); and the slide messages reveal.js sends.
//!
//! Only messages from the frame's own parent are heard.

use crate::components::player::ActiveClock;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// How often the height is checked, in milliseconds.
const HEIGHT_CHECK_MS: u32 = 250;

/// Keeps the host told of the embed's height: the course's message whenever it changes, and
/// the H5P resizer's protocol. `relayout` lays the embed out for the frame's size now (called
/// when an H5P host has shrunk the frame to measure it).
///
/// H5P: the embed says `hello`; once the host answers `hello` (or says it is `ready`, having
/// loaded after the frame), the embed sends `prepareResize` whenever its height changes or
/// the host's window is resized; the host shrinks the frame and answers `resizePrepared`; the
/// embed sends `resize` with its height, and the host sets the frame to it.
pub fn tell_height(origin: String, relayout: std::rc::Rc<dyn Fn()>) {
    let resizer_answered = StoredValue::new(false);
    let h5p = {
        let origin = origin.clone();
        move |action: &str| {
            let (scroll, client) = crate::browser::document_heights();
            let fields = [
                ("context", JsValue::from("h5p")),
                ("action", action.into()),
                ("scrollHeight", scroll.into()),
                ("clientHeight", client.into()),
                // Older resizers read `height`.
                ("height", scroll.into()),
            ];
            crate::browser::post_to_parent(&origin, &fields);
        }
    };
    h5p("hello");
    let listener = {
        let h5p = h5p.clone();
        window_event_listener(leptos::ev::message, move |ev| {
            if !from_parent(&ev) || field(&ev, "context").as_deref() != Some("h5p") {
                return;
            }
            match field(&ev, "action").as_deref() {
                Some("hello") => {
                    resizer_answered.set_value(true);
                    h5p("prepareResize");
                }
                Some("ready") => h5p("hello"),
                Some("resizePrepared") => {
                    // The host has just shrunk the frame: measure once the page is laid out
                    // for that (the layout follows the frame's size a moment later).
                    relayout();
                    let h5p = h5p.clone();
                    request_animation_frame(move || h5p("resize"));
                }
                Some("resize") if resizer_answered.get_value() => h5p("prepareResize"),
                _ => {}
            }
        })
    };
    let last = std::cell::Cell::new(0);
    let interval = gloo_timers::callback::Interval::new(HEIGHT_CHECK_MS, move || {
        let (height, _) = crate::browser::document_heights();
        if height != last.replace(height) {
            crate::browser::post_to_host(&origin, "height", &[("height", height.into())]);
            if resizer_answered.get_value() {
                h5p("prepareResize");
            }
        }
    });
    let interval = send_wrapper::SendWrapper::new(interval);
    on_cleanup(move || {
        drop(interval);
        listener.remove();
    });
}

/// reveal.js tells a frame when its slide is shown and when it is left (`slide:start`,
/// `slide:stop`): the simulation pauses off-screen and, back on screen, plays on if it was
/// playing when its slide was left; with `autoplay`, it starts over.
pub fn follow_slides(active: ActiveClock, autoplay: bool) {
    // Whether it was playing when its slide was last left (none since it was shown).
    let was_playing = std::cell::Cell::new(None);
    let listener = window_event_listener(leptos::ev::message, move |ev| {
        let (Some(said), Some(clock)) = (ev.data().as_string(), active.0.get_untracked()) else {
            return;
        };
        if !from_parent(&ev) {
            return;
        }
        match said.as_str() {
            "slide:stop" => {
                was_playing.set(Some(clock.playing.get_untracked()));
                clock.playing.set(false);
            }
            "slide:start" => match was_playing.take() {
                Some(_) if autoplay => {
                    clock.reset();
                    clock.playing.set(true);
                }
                Some(playing) => clock.playing.set(playing),
                None => {}
            },
            _ => {}
        }
    });
    on_cleanup(move || listener.remove());
}

/// Whether a message came from the page that frames this one.
fn from_parent(ev: &web_sys::MessageEvent) -> bool {
    let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
    matches!((ev.source(), parent), (Some(source), Some(parent)) if source == *parent.as_ref())
}

/// A text field of a message's object, if it has one.
fn field(ev: &web_sys::MessageEvent, key: &str) -> Option<String> {
    let data = ev.data().dyn_into::<js_sys::Object>().ok()?;
    js_sys::Reflect::get(&data, &key.into()).ok()?.as_string()
}
