//! The course's lessons as data: every `content/<lang>/NN-slug.md` is a section, ordered by
//! `NN`; `content/<lang>/home.md` is the home page's text. This crate reads them, renders them
//! with pulldown-cmark and says where the simulations go. The app embeds only the index
//! (titles, order, directives: see the app's `build.rs`); each section's HTML is a file of its
//! own, written into the build by `render-lessons` and fetched when the section is opened.

pub mod figures;
pub mod highlight;
pub mod markdown;
pub mod quiz;

use markdown::{Block, Directive};
use std::fs;
use std::path::{Path, PathBuf};

/// Separates the HTML pieces of one section file; a simulation stands between two pieces.
pub const PIECE_SEPARATOR: &str = "\n<!--piece-->\n";

/// One language's lessons.
#[derive(Debug)]
pub struct Language {
    /// The folder name, e.g. `ru`.
    pub code: String,
    /// The home page's rendered text.
    pub home: String,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// The glossary.
    pub glossary: Glossary,
}

/// The glossary of one language.
#[derive(Debug)]
pub struct Glossary {
    /// Its title.
    pub title: String,
    /// Its rendered HTML.
    pub html: String,
    /// The terms' ids, the same in every language, in order.
    pub ids: Vec<String>,
}

impl Glossary {
    /// Where the app finds the glossary's HTML, relative to the site's root.
    pub fn url(lang: &str) -> String {
        format!("lessons/{lang}/glossary.html")
    }
}

/// One lesson section, rendered.
#[derive(Debug)]
pub struct Section {
    /// Its place in the chapter.
    pub order: u32,
    /// Its URL name.
    pub slug: String,
    /// Its first heading.
    pub title: String,
    /// Estimated minutes to read it.
    pub minutes: usize,
    /// Its text, questions and simulations, in order.
    pub blocks: Vec<Block>,
    /// Its language's code, for the words of its quiz forms.
    pub lang: String,
    /// The file it was read from, for error messages and rebuilds.
    pub source: PathBuf,
}

impl Section {
    /// The simulations, in order.
    pub fn directives(&self) -> impl Iterator<Item = &Directive> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Simulation(d) => Some(d),
            _ => None,
        })
    }

    /// The names of its figures, in order.
    pub fn figure_names(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Figure(name) => Some(name.as_str()),
            _ => None,
        })
    }

    /// The ids of its self-check questions, in order.
    pub fn quiz_ids(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Quiz(q) => Some(q.id.as_str()),
            _ => None,
        })
    }

    /// The HTML file the app fetches: one piece of HTML (text and quiz forms) between each
    /// two simulations, joined by [`PIECE_SEPARATOR`].
    pub fn html_file(&self) -> String {
        let labels = quiz::labels(&self.lang);
        let mut pieces = vec![String::new()];
        for block in &self.blocks {
            let piece = pieces.last_mut().expect("there is always a last piece");
            match block {
                Block::Html(html) => piece.push_str(html),
                Block::Quiz(quiz) => piece.push_str(&quiz.to_html(&labels)),
                Block::Figure(name) => {
                    piece.push_str(&figures::render(name, &self.lang).unwrap_or_default())
                }
                Block::Simulation(_) => pieces.push(String::new()),
                Block::Mistake(_) => {}
            }
        }
        pieces.join(PIECE_SEPARATOR)
    }

    /// The layout the app follows: `true` for the next piece of the HTML file, `false` for
    /// the next simulation of [`Section::directives`].
    pub fn layout(&self) -> Vec<bool> {
        let mut layout = vec![true];
        for block in &self.blocks {
            if matches!(block, Block::Simulation(_)) {
                layout.extend([false, true]);
            }
        }
        layout
    }

    /// Where the app finds this section's HTML, relative to the site's root.
    pub fn url(&self, lang: &str) -> String {
        format!("lessons/{lang}/{}.html", self.slug)
    }

    /// Where the app finds the answers to this section's self-checks.
    pub fn answers_url(&self, lang: &str) -> String {
        format!("lessons/{lang}/{}.answers.html", self.slug)
    }

    /// The answers to its self-checks (see [`quiz::Quiz::answers_html`]).
    pub fn answers_file(&self) -> String {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Quiz(q) => Some(q.answers_html()),
                _ => None,
            })
            .collect()
    }
}

/// Reads and renders every language under `content`. Errors name the file and what is wrong.
pub fn load(content: &Path) -> Result<Vec<Language>, String> {
    let mut dirs: Vec<PathBuf> = read_dir(content)?.into_iter().filter(|p| p.is_dir()).collect();
    dirs.sort();
    dirs.iter().map(|dir| load_language(dir)).collect()
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(entries.filter_map(Result::ok).map(|e| e.path()).collect())
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn load_language(dir: &Path) -> Result<Language, String> {
    let code = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let home = markdown::render(&read(&dir.join("home.md"))?)
        .into_iter()
        .filter_map(|b| match b {
            Block::Html(html) => Some(html),
            _ => None,
        })
        .collect();
    let mut files: Vec<PathBuf> = read_dir(dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "home" && s != "glossary"))
        .collect();
    files.sort();
    let sections: Vec<Section> =
        files.into_iter().map(|file| load_section(&file, &code)).collect::<Result<_, _>>()?;
    let glossary_text = read(&dir.join("glossary.md"))?;
    let (html, ids) = markdown::render_glossary(&glossary_text);
    let title = markdown::title(&glossary_text).unwrap_or_else(|| "Glossary".to_owned());
    for section in &sections {
        let text = read(&section.source)?;
        if let Some(missing) =
            markdown::glossary_links(&text).into_iter().find(|id| !ids.contains(id))
        {
            return Err(format!(
                "{}: links to the glossary term «{missing}», which {} does not have",
                section.source.display(),
                dir.join("glossary.md").display()
            ));
        }
    }
    Ok(Language { code, home, sections, glossary: Glossary { title, html, ids } })
}

fn load_section(file: &Path, lang: &str) -> Result<Section, String> {
    let stem = file.file_stem().unwrap_or_default().to_string_lossy().into_owned();
    let (order, slug) = stem
        .split_once('-')
        .and_then(|(n, slug)| Some((n.parse::<u32>().ok()?, slug)))
        .ok_or_else(|| format!("{} must be named NN-slug.md", file.display()))?;
    let text = read(file)?;
    let title =
        markdown::title(&text).ok_or_else(|| format!("{} has no # title", file.display()))?;
    let link_label =
        if lang == "ru" { "Ссылка на эту часть" } else { "Link to this part" };
    let blocks = markdown::render_section(&text, link_label);
    if let Some(mistake) = blocks.iter().find_map(|b| match b {
        Block::Mistake(m) => Some(m),
        _ => None,
    }) {
        return Err(format!("{}: {mistake}", file.display()));
    }
    let mut ids: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Quiz(q) => Some(q.id.as_str()),
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|p| p[0] == p[1]) {
        return Err(format!("{}: two quizzes have the id {}", file.display(), pair[0]));
    }
    Ok(Section {
        order,
        slug: slug.to_owned(),
        title,
        minutes: markdown::reading_minutes(&text),
        blocks,
        lang: lang.to_owned(),
        source: file.to_owned(),
    })
}

/// Writes every section's HTML file under `out/lessons/<lang>/`.
pub fn write_html(languages: &[Language], out: &Path) -> Result<usize, String> {
    let mut written = 0;
    for language in languages {
        for section in &language.sections {
            let path = out.join(section.url(&language.code));
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            fs::write(&path, section.html_file())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let answers = out.join(section.answers_url(&language.code));
            fs::write(&answers, section.answers_file())
                .map_err(|e| format!("{}: {e}", answers.display()))?;
            written += 2;
        }
        let path = out.join(Glossary::url(&language.code));
        fs::write(&path, &language.glossary.html)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written += 1;
    }
    Ok(written)
}

/// The course's own content folder.
pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A throwaway course folder: a Russian home page and `files` (name under `ru/`, text).
    fn scratch_course(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("lessons-{name}-{}", std::process::id()));
        fs::create_dir_all(dir.join("ru")).unwrap();
        fs::write(dir.join("ru/home.md"), "# Home").unwrap();
        for (file, text) in files {
            fs::write(dir.join("ru").join(file), text).unwrap();
        }
        dir
    }

    fn course() -> Vec<Language> {
        load(&content_dir()).expect("the course's content loads")
    }

    #[test]
    fn the_course_has_russian_first_and_english() {
        let codes: Vec<_> = course().iter().map(|l| l.code.clone()).collect();
        assert_eq!(codes, ["en", "ru"]);
    }

    #[test]
    fn a_section_file_holds_one_more_piece_than_it_has_simulations() {
        for language in course() {
            for section in &language.sections {
                let pieces = section.html_file().split(PIECE_SEPARATOR).count();
                let sims = section.directives().count();
                assert_eq!(pieces, sims + 1, "{}", section.source.display());
                let layout = section.layout();
                assert_eq!(layout.iter().filter(|&&text| text).count(), pieces);
                assert_eq!(layout.iter().filter(|&&text| !text).count(), sims);
            }
        }
    }

    #[test]
    fn every_section_ends_with_a_self_check() {
        for language in course() {
            for section in &language.sections {
                let n = section.quiz_ids().count();
                assert!((2..=4).contains(&n), "{}: {n} questions", section.source.display());
                assert!(section.html_file().contains("<form class=\"quiz\""));
            }
        }
    }

    #[test]
    fn picking_the_first_option_is_right_in_at_most_half_of_the_questions() {
        for language in course() {
            let quizzes: Vec<&quiz::Quiz> = language
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter_map(|b| match b {
                    Block::Quiz(q) => Some(q),
                    _ => None,
                })
                .collect();
            let first_right =
                quizzes.iter().filter(|q| q.options[q.shown_order()[0]].correct).count();
            assert!(
                first_right * 2 <= quizzes.len(),
                "{}: the first option shown is right in {first_right} of {} questions",
                language.code,
                quizzes.len()
            );
        }
    }

    #[test]
    fn a_mistaken_quiz_or_a_repeated_id_stops_the_build_with_the_file_named() {
        let dir = scratch_course("quiz", &[("01-a.md", "# A\n\n```quiz id=q\n? Q\n+ a\n```\n")]);
        let error = load(&dir).unwrap_err();
        assert!(error.contains("01-a.md") && error.contains("explanation"), "{error}");
        let quiz = "```quiz id=q\n? Q\n+ a :: y\n- b :: n\n```\n\n";
        fs::write(dir.join("ru/01-a.md"), format!("# A\n\n{quiz}{quiz}")).unwrap();
        let error = load(&dir).unwrap_err();
        assert!(error.contains("two quizzes have the id q"), "{error}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn both_languages_draw_the_same_figures_in_the_same_sections() {
        let course = course();
        let figures = |code: &str| -> Vec<(String, Vec<String>)> {
            let language = course.iter().find(|l| l.code == code).expect("language exists");
            language
                .sections
                .iter()
                .map(|s| (s.slug.clone(), s.figure_names().map(str::to_owned).collect()))
                .collect()
        };
        assert_eq!(figures("en"), figures("ru"));
        let all: Vec<String> = figures("ru").into_iter().flat_map(|(_, f)| f).collect();
        assert_eq!(all, figures::NAMES, "each figure once, in order");
    }

    #[test]
    fn both_glossaries_define_the_same_terms_and_the_lessons_link_to_them() {
        let course = course();
        let ids: Vec<&Vec<String>> = course.iter().map(|l| &l.glossary.ids).collect();
        assert!(ids[0].len() >= 10, "{:?}", ids[0]);
        assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
        for language in &course {
            let links: usize = language
                .sections
                .iter()
                .map(|s| markdown::glossary_links(&fs::read_to_string(&s.source).unwrap()).len())
                .sum();
            assert!(links >= 10, "{}: {links} links to the glossary", language.code);
        }
    }

    #[test]
    fn a_link_to_a_missing_glossary_term_stops_the_build() {
        let dir = scratch_course(
            "glossary",
            &[
                ("glossary.md", "# G\n\n## GIL {#gil}\nA lock.\n"),
                ("01-a.md", "# A\n\nThe [loop](#/glossary?at=event-loop).\n"),
            ],
        );
        let error = load(&dir).unwrap_err();
        assert!(error.contains("01-a.md") && error.contains("«event-loop»"), "{error}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_concurrency_lesson_holds_the_bakers_and_a_table() {
        for language in course() {
            let s = language
                .sections
                .iter()
                .find(|s| s.slug == "concurrency")
                .expect("the lesson exists");
            assert!(s.directives().any(|d| d.name == "bakers"));
            assert!(s.html_file().contains(r#"<table tabindex="0">"#));
        }
    }

    #[test]
    fn html_files_are_written_where_the_app_looks() {
        let out = std::env::temp_dir().join(format!("lessons-test-{}", std::process::id()));
        let languages = course();
        let written = write_html(&languages, &out).unwrap();
        // Every section and its answers, and one glossary per language.
        let expected: usize = languages.iter().map(|l| 2 * l.sections.len() + 1).sum();
        assert_eq!(written, expected);
        assert!(out.join("lessons/en/glossary.html").is_file());
        let html = fs::read_to_string(out.join("lessons/ru/concurrency.html")).unwrap();
        assert!(html.starts_with("<p>Эти три слова"), "{}", &html[..80]);
        // The answers are a file of their own, not in the lesson's markup.
        assert!(!html.contains("data-right") && !html.contains("data-correct"));
        let answers = fs::read_to_string(out.join("lessons/ru/concurrency.answers.html")).unwrap();
        assert!(answers.starts_with("<div data-quiz=\""), "{}", &answers[..80]);
        assert!(answers.contains("data-right=\"true\""));
        fs::remove_dir_all(out).unwrap();
    }

    #[test]
    fn a_badly_named_file_is_reported() {
        let dir = scratch_course("bad", &[("intro.md", "# Intro")]);
        let error = load(&dir).unwrap_err();
        assert!(error.contains("must be named NN-slug.md"), "{error}");
        fs::remove_dir_all(dir).unwrap();
    }
}
