//! One module per page.

pub mod glossary;
pub mod home;
pub mod lesson;
pub mod not_found;
pub mod simulation;
