//! Mounts the course.

fn main() {
    asyncio_course::crash::install_panic_hook();
    // The page file already shows the page's text (see `asyncio_course::site`): the app is built
    // in tasks of its own after the module's start, so that none blocks the page for long; the
    // file's text gives way to it once its page is built (`asyncio_course::app`).
    wasm_bindgen_futures::spawn_local(async {
        gloo_timers::future::TimeoutFuture::new(0).await;
        leptos::mount::mount_to_body(asyncio_course::app::App);
    });
}
