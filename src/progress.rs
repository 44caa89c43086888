//! What the learner has done, kept in local storage. For now: the last section opened, for
//! "continue where you left off". An unknown or corrupt value is simply not offered.

use crate::{browser, content::LanguageSource};

const LAST_SECTION_KEY: &str = "asyncio-course.last-section";

/// Remembers that the learner opened the section `slug`.
pub fn remember_section(slug: &str) {
    browser::save(LAST_SECTION_KEY, slug);
}

/// The section the learner opened last, if it still exists.
pub fn last_section(language: &'static LanguageSource) -> Option<&'static str> {
    let stored = browser::load(LAST_SECTION_KEY)?;
    language.section(&stored).map(|(_, s)| s.slug)
}
