//! Embeds the lessons' index in the app: languages, sections (order, slug, title, reading
//! time, where the HTML is) and each section's layout of text and simulations. The HTML
//! itself is written into the site by `render-lessons` (a Trunk pre-build hook) and fetched
//! when a section is opened, so the wasm does not grow with the text.

use std::{env, fmt::Write, fs, path::Path};

fn main() {
    let content = lessons::content_dir();
    println!("cargo:rerun-if-changed={}", content.display());
    let languages = lessons::load(&content).unwrap_or_else(|e| panic!("{e}"));
    let mut out = String::from("/// Every language's lessons, indexed at build time.\npub static LANGUAGES: &[LanguageSource] = &[\n");
    for language in &languages {
        println!("cargo:rerun-if-changed={}", content.join(&language.code).display());
        writeln!(
            out,
            "LanguageSource {{ code: {:?}, home: {:?}, glossary_title: {:?}, glossary_url: {:?}, sections: &[",
            language.code,
            language.home,
            language.glossary.title,
            lessons::Glossary::url(&language.code),
        )
        .unwrap();
        for s in &language.sections {
            println!("cargo:rerun-if-changed={}", s.source.display());
            let mut directives = s.directives();
            let mut layout = String::new();
            for text in s.layout() {
                if text {
                    layout.push_str("Piece::Text,");
                } else if let Some(d) = directives.next() {
                    write!(
                        layout,
                        "Piece::Simulation(StaticDirective {{ name: {:?}, params: &{:?}, stray: &{:?} }}),",
                        d.name, d.params, d.stray
                    )
                    .unwrap();
                }
            }
            let quizzes: Vec<&str> = s.quiz_ids().collect();
            writeln!(
                out,
                "SectionSource {{ order: {}, slug: {:?}, title: {:?}, minutes: {}, url: {:?}, answers_url: {:?}, layout: &[{layout}], quizzes: &{quizzes:?} }},",
                s.order,
                s.slug,
                s.title,
                s.minutes,
                s.url(&language.code),
                s.answers_url(&language.code),
            )
            .unwrap();
        }
        out.push_str("] },\n");
    }
    out.push_str("];\n");
    writeln!(out, "/// Separates the HTML pieces in a section's file.\npub const PIECE_SEPARATOR: &str = {:?};", lessons::PIECE_SEPARATOR).unwrap();
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("content.rs"), out).unwrap();
}
