//! The few places the app talks to the browser directly; every failure here is survivable
//! (storage can be disabled, history can refuse), so each returns quietly.

/// The URL fragment, `#` included, or empty.
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The path of the course's root on its host, as `app/boot.js` found it from its own address
/// (`globalThis.courseRoot`): `/`, or `/course/` when the course lives in a folder.
pub fn course_root() -> String {
    let key = wasm_bindgen::JsValue::from_str("courseRoot");
    js_sys::Reflect::get(&js_sys::global(), &key)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "/".to_owned())
}

/// The address's whole path and its query (`?…`, or empty).
pub fn path_and_query() -> (String, String) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return Default::default();
    };
    (location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
}

/// The address's path below the course's root and its query (`?…`, or empty).
pub fn address() -> (String, String) {
    let (path, query) = path_and_query();
    (crate::route::below_root(&path).unwrap_or(&path).to_owned(), query)
}

/// The page the address names now.
pub fn location() -> crate::route::Location {
    let (path, query) = address();
    crate::route::Location::parse(&path, &query)
}

/// Replaces the current history entry's address without a navigation.
pub fn replace_address(href: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        // A refused update only means the address bar lags behind the page.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
}

/// Goes to another of the course's pages, as following a link does: a new history entry, and
/// the app (which listens for `popstate`) shows it.
pub fn go_to(href: &str) {
    let Some(window) = web_sys::window() else { return };
    let pushed = window
        .history()
        .and_then(|h| h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href)));
    match pushed {
        Ok(()) => {
            if let Ok(event) = web_sys::Event::new("popstate") {
                let _ = window.dispatch_event(&event);
            }
            scroll_to_top();
        }
        // History refused (a sandboxed frame may): load the page instead.
        Err(_) => {
            let _ = window.location().set_href(href);
        }
    }
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Scrolls to the top of the page, as a new page should start.
pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Whether the page has an element with this id.
pub fn has_element(id: &str) -> bool {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)).is_some()
}

/// Whether the page is in a background tab or a minimised window.
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Reads a local-storage entry; `None` when absent or when storage is unavailable.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// Whether local storage takes a write now (it may be switched off, or full), found with a
/// probe that leaves nothing behind.
pub fn can_store() -> bool {
    const PROBE: &str = "asyncio-course.probe";
    storage().is_some_and(|s| s.set_item(PROBE, "").is_ok() && s.remove_item(PROBE).is_ok())
}

/// Writes a local-storage entry; `false` when the storage is full or disabled, which only
/// loses the entry across visits.
pub fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

/// The browser's preferred languages, most preferred first.
pub fn languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default()
}

/// Sets `<html lang>`, so screen readers and hyphenation follow the course's language.
pub fn set_document_language(code: &str) {
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
    }
}

/// Deletes a local-storage entry, if storage is available.
pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Removes the element with this id from the document, if there is one.
pub fn remove_element(id: &str) {
    if let Some(element) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
    {
        element.remove();
    }
}

/// Scrolls the element with this id into view, if there is one.
pub fn scroll_to_id(id: &str) {
    if let Some(element) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id))
    {
        element.scroll_into_view();
    }
}

/// The elements under `root` that match `selector`, in document order; none when the
/// selector is invalid.
pub fn elements(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(list.item(i)?).ok())
        .collect()
}

/// Resolves once the page's first content has painted (at once when it has already), or after
/// 1.5 s where paints are not reported (a tab in the background): a heavy fetch waits for the
/// page's own text to show first.
pub async fn after_first_paint() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else { return };
    if performance.get_entries_by_name("first-contentful-paint").length() > 0 {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let done = resolve.clone();
        let seen = Closure::<
            dyn FnMut(web_sys::PerformanceObserverEntryList, web_sys::PerformanceObserver),
        >::new(
            move |list: web_sys::PerformanceObserverEntryList,
                  observer: web_sys::PerformanceObserver| {
                if list.get_entries_by_name("first-contentful-paint").length() > 0 {
                    observer.disconnect();
                    let _ = done.call0(&wasm_bindgen::JsValue::NULL);
                }
            },
        );
        if let Ok(observer) = web_sys::PerformanceObserver::new(seen.as_ref().unchecked_ref()) {
            let init = web_sys::PerformanceObserverInit::new(&js_sys::Array::of1(&"paint".into()));
            observer.observe(&init);
        }
        seen.forget();
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1500);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the browser run other work (input, a paint) before what follows: resumes in a task of
/// its own. `Send`, for Leptos's `Suspend`.
pub async fn next_task() {
    send_wrapper::SendWrapper::new(gloo_timers::future::TimeoutFuture::new(0)).await;
}

/// Calls `then` once, when `element` comes within half a screen of the viewport, or after
/// `idle_ms` if the reader has not scrolled near it by then.
pub fn when_near(element: &web_sys::Element, idle_ms: u32, then: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    // Whichever comes first calls it; the other finds it gone.
    let then = Rc::new(std::cell::Cell::new(Some(then)));
    let fire = move || {
        if let Some(f) = then.take() {
            f();
        }
    };
    let observer: Rc<RefCell<Option<web_sys::IntersectionObserver>>> = Rc::default();
    let seen = {
        let (fire, observer) = (fire.clone(), observer.clone());
        Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let near = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if near {
                if let Some(o) = observer.borrow_mut().take() {
                    o.disconnect();
                }
                fire();
            }
        })
    };
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("0px 0px 50% 0px");
    match web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &options) {
        Ok(o) => {
            o.observe(element);
            *observer.borrow_mut() = Some(o);
            // The observer calls it for as long as the page lives.
            seen.forget();
        }
        // No observer in this browser: the fallback below still shows it.
        Err(_) => drop(seen),
    }
    gloo_timers::callback::Timeout::new(idle_ms, move || {
        if let Some(o) = observer.borrow_mut().take() {
            o.disconnect();
        }
        fire();
    })
    .forget();
}

/// Where the reader is on the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadingPosition {
    /// How far down the page, in whole percent.
    pub percent: u32,
    /// The id of the last heading whose top has scrolled above the line asked about.
    pub part: Option<String>,
    /// Pixels left to scroll to the bottom of the page.
    pub to_end: f64,
}

/// Reads the page's scroll position once; `part` is the last `selector` element whose top
/// is above `line` pixels.
pub fn reading_position(selector: &str, line: f64) -> ReadingPosition {
    let Some(window) = web_sys::window() else { return ReadingPosition::default() };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return ReadingPosition::default();
    };
    let scrolled = window.scroll_y().unwrap_or(0.0);
    let room = f64::from(root.scroll_height() - root.client_height()).max(0.0);
    let percent = (scrolled / room.max(1.0) * 100.0).clamp(0.0, 100.0) as u32;
    let part = elements(&root, selector)
        .into_iter()
        .filter(|e| e.get_bounding_client_rect().top() <= line)
        .last()
        .map(|e| e.id());
    ReadingPosition { percent, part, to_end: room - scrolled }
}

/// Whether a key press belongs to a form control (a slider uses the arrow keys itself).
pub fn typing_into_control(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Sets an attribute of `<html>`, or removes it when `value` is `None`.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(root) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
    {
        let _ = match value {
            Some(value) => root.set_attribute(name, value),
            None => root.remove_attribute(name),
        };
    }
}

/// Posts `{type, …fields}` to the page that frames this one, if any, for `origin` ("*" for
/// any); the host's `public/embed.js` reads it.
pub fn post_to_host(origin: &str, kind: &str, fields: &[(&str, wasm_bindgen::JsValue)]) {
    let kind = ("type", format!("asyncio-course:{kind}").into());
    post_to_parent(origin, &[&[kind], fields].concat());
}

/// Posts an object of `fields` to the page that frames this one, if any, for `origin`.
pub fn post_to_parent(origin: &str, fields: &[(&str, wasm_bindgen::JsValue)]) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let message = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&message, &(*key).into(), value);
    }
    let _ = parent.post_message(&message, origin);
}

/// The height of the whole document and of the window's view of it, in CSS pixels.
pub fn document_heights() -> (i32, i32) {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map_or((0, 0), |e| (e.scroll_height(), e.client_height()))
}

/// The window's inner width and height in CSS pixels.
pub fn viewport() -> (u32, u32) {
    let Some(window) = web_sys::window() else { return (0, 0) };
    let size = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    (size(window.inner_width()) as u32, size(window.inner_height()) as u32)
}

/// The page's origin: `https://host`.
pub fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

/// Copies `text` to the clipboard; `done` learns whether it worked.
pub fn copy_to_clipboard(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        done(false);
        return;
    };
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// How far the page is scrolled, in CSS pixels.
fn scroll_y() -> f64 {
    web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

thread_local! {
    static SETTLING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether [`scroll_to_id_settled`] is still bringing an element to the top: the page is
/// growing and moving, so where it stands says nothing about where the reader is.
pub fn settling() -> bool {
    SETTLING.with(std::cell::Cell::get)
}

/// Scrolls to `id` now, and again over the next two seconds while the page is still growing
/// (simulations below load their code after the text, and a page too short cannot bring the
/// element to the top) — unless the reader has touched the page since. (The scroll position
/// alone cannot tell: the browser moves it too, to keep the text in place as things load.)
pub fn scroll_to_id_settled(id: &str) {
    // Room below the element, so that it can reach the top before the page has grown.
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    let body = document.as_ref().and_then(|d| d.body());
    let element = document.as_ref().and_then(|d| d.get_element_by_id(id));
    let viewport = window.and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64());
    if let (Some(body), Some(element), Some(viewport)) = (&body, element, viewport) {
        let top = element.get_bounding_client_rect().top() + scroll_y();
        // Whole pixels: formatting a float would pull float printing into the wasm.
        let room = (top + viewport).ceil() as i64;
        let _ = body.style().set_property("min-height", &format!("{room}px"));
    }
    scroll_to_id(id);
    SETTLING.with(|s| s.set(true));
    let id = id.to_owned();
    let touched = std::rc::Rc::new(std::cell::Cell::new(false));
    let listeners = ["wheel", "touchstart", "keydown", "mousedown"].map(|event| {
        let touched = touched.clone();
        leptos::prelude::window_event_listener_untyped(event, move |_| touched.set(true))
    });
    wasm_bindgen_futures::spawn_local(async move {
        for wait in [150, 400, 1000, 2000] {
            gloo_timers::future::TimeoutFuture::new(wait).await;
            if touched.get() {
                break;
            }
            scroll_to_id(&id);
        }
        for listener in listeners {
            listener.remove();
        }
        SETTLING.with(|s| s.set(false));
        if let Some(body) = body {
            let _ = body.style().remove_property("min-height");
        }
    });
}

/// Offers `blob` to the learner as a download named `name`.
pub fn download_blob(blob: &web_sys::Blob, name: &str) -> Option<()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement =
        wasm_bindgen::JsCast::dyn_into(document.create_element("a").ok()?).ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url).ok()
}

/// Offers `bytes` as a download of media type `mime` named `name`.
pub fn download_bytes(bytes: &[u8], mime: &str, name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    download_blob(&blob, name)
}

/// A canvas of `width`×`height`, not on the page, to draw pictures on.
pub fn canvas(width: u32, height: u32) -> Option<web_sys::HtmlCanvasElement> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    Some(canvas)
}

/// Draws the SVG picture `svg` over the whole of `canvas`. The picture is decoded as the
/// browser decodes images, off the page's task: awaiting it lets the page answer meanwhile.
pub async fn draw_svg(canvas: &web_sys::HtmlCanvasElement, svg: &str) -> Option<()> {
    let url = web_sys::Url::create_object_url_with_blob(&text_blob(svg, "image/svg+xml")?).ok()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    image.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.ok()?;
    let (width, height) = (f64::from(canvas.width()), f64::from(canvas.height()));
    context_2d(canvas)?
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)
        .ok()
}

/// The pixels of `canvas`: red, green, blue and alpha, row by row.
pub fn pixels(canvas: &web_sys::HtmlCanvasElement) -> Option<Vec<u8>> {
    let (width, height) = (f64::from(canvas.width()), f64::from(canvas.height()));
    Some(context_2d(canvas)?.get_image_data(0.0, 0.0, width, height).ok()?.data().0)
}

fn context_2d(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    wasm_bindgen::JsCast::dyn_into(canvas.get_context("2d").ok()??).ok()
}

/// A video of what is drawn on a canvas, a frame each time [`Recording::frame`] is called
/// (the browser's `MediaRecorder` on the canvas's stream), as a WebM file.
pub struct Recording {
    recorder: web_sys::MediaRecorder,
    track: web_sys::CanvasCaptureMediaStreamTrack,
    parts: std::rc::Rc<std::cell::RefCell<Vec<web_sys::Blob>>>,
    stopped: js_sys::Promise,
    /// Keeps the recorder's pieces of video as they come; let go with the recording.
    _keep: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::BlobEvent)>,
}

impl Recording {
    /// Starts recording `canvas`, what it shows now as the first frame, or `None` where the
    /// browser cannot record WebM or the recorder fails to start. Resolves once the recorder
    /// has started: a frame taken before that would be lost, and on a busy page that can be
    /// the run's first second.
    pub async fn start(canvas: &web_sys::HtmlCanvasElement) -> Option<Self> {
        use wasm_bindgen::{closure::Closure, JsCast};
        const TYPE: &str = "video/webm";
        if !web_sys::MediaRecorder::is_type_supported(TYPE) {
            return None;
        }
        let stream = canvas.capture_stream_with_frame_request_rate(0.0).ok()?;
        let track = stream.get_video_tracks().get(0).dyn_into().ok()?;
        let options = web_sys::MediaRecorderOptions::new();
        options.set_mime_type(TYPE);
        let recorder = web_sys::MediaRecorder::new_with_media_stream_and_media_recorder_options(
            &stream, &options,
        )
        .ok()?;
        let parts = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let keep = parts.clone();
        let data = Closure::<dyn FnMut(web_sys::BlobEvent)>::new(move |e: web_sys::BlobEvent| {
            keep.borrow_mut().extend(e.data());
        });
        recorder.set_ondataavailable(Some(data.as_ref().unchecked_ref()));
        let stopped = js_sys::Promise::new(&mut |resolve, _| recorder.set_onstop(Some(&resolve)));
        let started = js_sys::Promise::new(&mut |resolve, reject| {
            recorder.set_onstart(Some(&resolve));
            recorder.set_onerror(Some(&reject));
        });
        recorder.start().ok()?;
        let recording = Self { recorder, track, parts, stopped, _keep: data };
        let started = wasm_bindgen_futures::JsFuture::from(started).await;
        recording.recorder.set_onstart(None);
        recording.recorder.set_onerror(None);
        started.ok()?;
        recording.frame();
        Some(recording)
    }

    /// Takes what the canvas shows now as the video's next frame.
    pub fn frame(&self) {
        self.track.request_frame();
    }

    /// Stops recording: the video, or `None` if it was not made.
    pub async fn finish(self) -> Option<web_sys::Blob> {
        self.recorder.stop().ok()?;
        wasm_bindgen_futures::JsFuture::from(self.stopped.clone()).await.ok()?;
        let parts = js_sys::Array::new();
        for part in self.parts.borrow().iter() {
            parts.push(part);
        }
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("video/webm");
        web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options).ok()
    }
}

impl Drop for Recording {
    /// A recording let go of (finished, or cancelled half way) stops, and its pieces are no
    /// longer kept.
    fn drop(&mut self) {
        self.recorder.set_ondataavailable(None);
        // Stopping a recorder that has stopped already is refused, and nothing is lost.
        let _ = self.recorder.stop();
    }
}

/// A blob of `text` with the media type `mime`.
pub fn text_blob(text: &str, mime: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

/// Offers `text` as a download named `name`.
pub fn download_text(text: &str, mime: &str, name: &str) -> Option<()> {
    download_blob(&text_blob(text, mime)?, name)
}

/// The colour the page's stylesheet gives an element of `class` (its background when `fill`,
/// else its text colour), in the current theme.
pub fn css_colour(class: &str, fill: bool) -> String {
    let fallback = if fill { "#888888" } else { "#1d1d1f" }.to_owned();
    let Some(window) = web_sys::window() else { return fallback };
    let Some(document) = window.document() else { return fallback };
    let Some(body) = document.body() else { return fallback };
    let Ok(probe) = document.create_element("span") else { return fallback };
    probe.set_class_name(class);
    let _ = body.append_child(&probe);
    let style = window.get_computed_style(&probe).ok().flatten();
    let property = if fill { "background-color" } else { "color" };
    let colour = style.and_then(|s| s.get_property_value(property).ok()).unwrap_or(fallback);
    probe.remove();
    colour
}

/// Draws the SVG picture `svg` (of `width`×`height`) on a canvas and offers it as a PNG
/// download named `name`.
pub fn download_png(svg: &str, width: u32, height: u32, name: &'static str) -> Option<()> {
    use wasm_bindgen::{closure::Closure, JsCast};
    let document = web_sys::window()?.document()?;
    let url = web_sys::Url::create_object_url_with_blob(&text_blob(svg, "image/svg+xml")?).ok()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let loaded = {
        let image = image.clone();
        let url = url.clone();
        Closure::once(move || {
            let context = canvas
                .get_context("2d")
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
            if let Some(context) = context {
                let _ = context.draw_image_with_html_image_element(&image, 0.0, 0.0);
                let save = Closure::once(move |blob: Option<web_sys::Blob>| {
                    if let Some(blob) = blob {
                        download_blob(&blob, name);
                    }
                });
                let _ = canvas.to_blob(save.as_ref().unchecked_ref());
                save.forget();
            }
            let _ = web_sys::Url::revoke_object_url(&url);
        })
    };
    image.set_onload(Some(loaded.as_ref().unchecked_ref()));
    loaded.forget();
    image.set_src(&url);
    Some(())
}
