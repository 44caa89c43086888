//! The lessons, rendered from `content/` at build time (see `build.rs` and `markdown.rs`).

/// One language's content.
pub struct LanguageSource {
    /// The language code and folder name, e.g. `ru`.
    pub code: &'static str,
    /// The home page's text.
    pub home: &'static [Piece],
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
    /// Its rendered text with the simulations in between.
    pub body: &'static [Piece],
}

/// A piece of a rendered text.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    /// HTML rendered from the course's own Markdown.
    Html(&'static str),
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
        self.sections
            .iter()
            .enumerate()
            .find(|(_, s)| s.slug == slug)
    }
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
                assert!(
                    pair[0].order < pair[1].order,
                    "{} / {}",
                    pair[0].slug,
                    pair[1].slug
                );
            }
            for s in language.sections {
                assert!(!s.title.is_empty() && s.minutes >= 1, "{}", s.slug);
            }
        }
        assert_eq!(language("xx").code, DEFAULT_LANGUAGE);
    }

    /// What must be the same in every language: the sections and, inside each, the
    /// simulations with their parameters, in order.
    fn structure(language: &LanguageSource) -> Vec<(u32, &str, Vec<&StaticDirective>)> {
        language
            .sections
            .iter()
            .map(|s| {
                let directives = s
                    .body
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Simulation(d) => Some(d),
                        Piece::Html(_) => None,
                    })
                    .collect();
                (s.order, s.slug, directives)
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
                for piece in s.body {
                    if let Piece::Simulation(d) = piece {
                        found += 1;
                        assert!(
                            SimKind::from_name(d.name).is_some(),
                            "{}: {}",
                            s.slug,
                            d.name
                        );
                        assert!(d.stray.is_empty(), "{}: {:?}", s.slug, d.stray);
                    }
                }
            }
        }
        assert!(found >= 1);
    }

    #[test]
    fn the_concurrency_lesson_holds_the_bakers() {
        let (_, s) = language("ru")
            .section("concurrency")
            .expect("the lesson exists");
        assert!(s
            .body
            .iter()
            .any(|p| matches!(p, Piece::Simulation(d) if d.name == "bakers")));
        assert!(s
            .body
            .iter()
            .any(|p| matches!(p, Piece::Html(h) if h.contains("<table>"))));
    }
}
