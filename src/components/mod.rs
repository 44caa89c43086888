//! Widgets shared by every simulation and page.

pub mod player;
pub mod progress_file;
pub mod timeline;
