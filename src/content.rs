//! The lessons' index, made from `content/` at build time (see `build.rs` and the `lessons`
//! crate), and the fetching of a section's HTML.

/// One language's content.
pub struct LanguageSource {
    /// The language code and folder name, e.g. `ru`.
    pub code: &'static str,
    /// The home page's text, as HTML.
    pub home: &'static str,
    /// The glossary's title.
    pub glossary_title: &'static str,
    /// Where the glossary's HTML is, relative to the site's root.
    pub glossary_url: &'static str,
    /// The lesson sections, in order.
    pub sections: &'static [SectionSource],
}

/// One lesson section.
pub struct SectionSource {
    /// Its position in the chapter, from the file name.
    pub order: u32,
    /// Its URL name, from the file name.
    pub slug: &'static str,
    /// Its first heading.
    pub title: &'static str,
    /// Estimated minutes to read it.
    pub minutes: usize,
    /// Where its HTML is, relative to the site's root.
    pub url: &'static str,
    /// Where the answers to its self-checks are (fetched when the learner checks).
    pub answers_url: &'static str,
    /// Its text pieces and simulations, in order.
    pub layout: &'static [Piece],
    /// The ids of its self-check questions, in order.
    pub quizzes: &'static [&'static str],
}

/// A place in a section's layout.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    /// The next HTML piece of the section's file.
    Text,
    /// A simulation to mount here.
    Simulation(StaticDirective),
}

/// A `sim` directive as written in a lesson.
#[derive(Debug, PartialEq, Eq)]
pub struct StaticDirective {
    /// The simulation's name.
    pub name: &'static str,
    /// Its `key=value` parameters.
    pub params: &'static [(&'static str, &'static str)],
    /// Words that are not `key=value`.
    pub stray: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The course's first language.
pub const DEFAULT_LANGUAGE: &str = "ru";

/// The content of one language, falling back to the default one.
pub fn language(code: &str) -> &'static LanguageSource {
    LANGUAGES
        .iter()
        .find(|l| l.code == code)
        .or_else(|| LANGUAGES.iter().find(|l| l.code == DEFAULT_LANGUAGE))
        .expect("the default language's content is embedded")
}

impl LanguageSource {
    /// The section with this slug and its index, if any.
    pub fn section(&self, slug: &str) -> Option<(usize, &'static SectionSource)> {
        self.sections.iter().enumerate().find(|(_, s)| s.slug == slug)
    }
}

/// Why a section's text could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No answer: offline, or the server is down.
    Network,
    /// The server answered with this HTTP status.
    Status(u16),
}

/// Fetches a section's HTML pieces.
pub async fn fetch_pieces(section: &SectionSource) -> Result<Vec<String>, LoadError> {
    fetch_text(section.url).await.map(|text| split_pieces(&text))
}

/// Fetches a text file of the site by its path below the course's root (`lessons/ru/gil.html`).
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or(LoadError::Network)?;
    // Relative to the course's root, whichever page's address is showing.
    let url = format!("{}{url}", crate::route::root());
    let response =
        JsFuture::from(window.fetch_with_str(&url)).await.map_err(|_| LoadError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    let text = response.text().map_err(|_| LoadError::Network)?;
    let text = JsFuture::from(text).await.map_err(|_| LoadError::Network)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Splits a section file into its HTML pieces.
pub fn split_pieces(file: &str) -> Vec<String> {
    file.split(PIECE_SEPARATOR).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sims::SimKind;

    #[test]
    fn every_language_has_sections_in_order_with_titles() {
        for language in LANGUAGES {
            assert!(!language.sections.is_empty(), "{}", language.code);
            for pair in language.sections.windows(2) {
                assert!(pair[0].order < pair[1].order, "{} / {}", pair[0].slug, pair[1].slug);
            }
            for s in language.sections {
                assert!(!s.title.is_empty() && s.minutes >= 1, "{}", s.slug);
            }
        }
        assert_eq!(language("xx").code, DEFAULT_LANGUAGE);
    }

    /// What must be the same in every language: the sections and, inside each, the
    /// simulations with their parameters and the questions, in order.
    fn structure(language: &LanguageSource) -> Vec<(u32, &str, Vec<&StaticDirective>, &[&str])> {
        language
            .sections
            .iter()
            .map(|s| {
                let directives = s
                    .layout
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Simulation(d) => Some(d),
                        Piece::Text => None,
                    })
                    .collect();
                (s.order, s.slug, directives, s.quizzes)
            })
            .collect()
    }

    #[test]
    fn every_language_has_the_same_sections_and_directives() {
        let first = language(DEFAULT_LANGUAGE);
        assert!(LANGUAGES.len() >= 2, "the course has Russian and English");
        for other in LANGUAGES {
            assert_eq!(
                structure(other),
                structure(first),
                "{} differs from {}",
                other.code,
                first.code
            );
        }
    }

    #[test]
    fn every_directive_in_the_lessons_names_a_simulation_and_reads_cleanly() {
        let mut found = 0;
        for language in LANGUAGES {
            for s in language.sections {
                for piece in s.layout {
                    if let Piece::Simulation(d) = piece {
                        found += 1;
                        assert!(SimKind::from_name(d.name).is_some(), "{}: {}", s.slug, d.name);
                        assert!(d.stray.is_empty(), "{}: {:?}", s.slug, d.stray);
                    }
                }
            }
        }
        assert!(found >= 1);
    }

    #[test]
    fn a_section_file_splits_into_its_text_pieces() {
        let file = format!("<h1>A</h1>{PIECE_SEPARATOR}<p>B</p>");
        assert_eq!(split_pieces(&file), ["<h1>A</h1>", "<p>B</p>"]);
        assert_eq!(split_pieces(""), [""]);
    }
}
