//! Mounts the course.

fn main() {
    asyncio_course::crash::install_panic_hook();
    leptos::mount::mount_to_body(asyncio_course::app::App);
    // The page file's own text (see `asyncio_course::site`) gives way to the app in the same
    // task, so no frame shows both.
    asyncio_course::browser::remove_element(asyncio_course::site::PRERENDERED_ID);
}
