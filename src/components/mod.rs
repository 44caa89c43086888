//! Widgets shared by every simulation and page.

pub mod fetch_failed;
pub mod lazy;
pub mod moving;
pub mod player;
pub mod progress_file;
pub mod slider;
pub mod timeline;
