//! Mounts the course.

fn main() {
    asyncio_course::crash::install_panic_hook();
    // The page file already shows the page's text (see `asyncio_course::site`): the app is built
    // in a task of its own after the module's start, so that neither blocks the page for long.
    wasm_bindgen_futures::spawn_local(async {
        gloo_timers::future::TimeoutFuture::new(0).await;
        leptos::mount::mount_to_body(asyncio_course::app::App);
        // The page file's own text gives way to the app in the same task, so no frame shows
        // both.
        asyncio_course::browser::remove_element(asyncio_course::site::PRERENDERED_ID);
    });
}
