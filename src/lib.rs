//! An interactive course on chapter 1 of *Python Concurrency with asyncio*: lessons rendered
//! from Markdown and simulations driven by the pure engines of the `engine` crate.

pub mod app;
pub mod browser;
pub mod components;
pub mod content;
pub mod crash;
pub mod diagram;
pub mod embed;
pub mod host;
pub mod i18n;
pub mod pages;
pub mod progress;
pub mod quiz;
pub mod route;
pub mod share;
pub mod sims;
pub mod site;
pub mod theme;
