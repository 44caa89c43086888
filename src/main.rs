//! Mounts the course.

fn main() {
    asyncio_course::crash::install_panic_hook();
    leptos::mount::mount_to_body(asyncio_course::app::App);
}
