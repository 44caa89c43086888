//! Renders the lessons in `content/` into the app at build time: every
//! `content/<lang>/NN-slug.md` becomes a section (ordered by NN) and `content/<lang>/home.md`
//! the home page's text. Adding a lesson is adding a file.

use std::{env, fmt::Write, fs, path::Path};

#[path = "src/markdown.rs"]
#[allow(dead_code)]
mod markdown;

use markdown::Block;

/// Rust source for a `&'static [Piece]` of the rendered `text`.
fn pieces(text: &str) -> String {
    let mut out = String::from("&[");
    for block in markdown::render(text) {
        match block {
            Block::Html(html) => write!(out, "Piece::Html({html:?}),").unwrap(),
            Block::Simulation(d) => write!(
                out,
                "Piece::Simulation(StaticDirective {{ name: {:?}, params: &{:?}, stray: &{:?} }}),",
                d.name, d.params, d.stray
            )
            .unwrap(),
        }
    }
    out.push(']');
    out
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed=src/markdown.rs");
    let mut langs: Vec<_> = fs::read_dir(&root)
        .expect("content/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    langs.sort();
    let mut out = String::from("/// Every language's lessons, rendered at build time.\npub static LANGUAGES: &[LanguageSource] = &[\n");
    for dir in langs {
        println!("cargo:rerun-if-changed={}", dir.display());
        let code = dir.file_name().unwrap().to_string_lossy().into_owned();
        let read =
            |p: &Path| fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let home = read(&dir.join("home.md"));
        let mut files: Vec<_> = fs::read_dir(&dir)
            .expect("language folder is readable")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .filter(|p| p.file_stem().is_some_and(|s| s != "home"))
            .collect();
        files.sort();
        writeln!(
            out,
            "LanguageSource {{ code: {code:?}, home: {}, sections: &[",
            pieces(&home)
        )
        .unwrap();
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let (order, slug) = stem
                .split_once('-')
                .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                .unwrap_or_else(|| panic!("{} must be named NN-slug.md", file.display()));
            let text = read(&file);
            let title = markdown::title(&text)
                .unwrap_or_else(|| panic!("{} has no # title", file.display()));
            writeln!(
                out,
                "SectionSource {{ order: {}, slug: {slug:?}, title: {title:?}, minutes: {}, body: {} }},",
                order.parse::<u32>().unwrap(),
                markdown::reading_minutes(&text),
                pieces(&text)
            )
            .unwrap();
        }
        out.push_str("] },\n");
    }
    out.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("content.rs"),
        out,
    )
    .unwrap();
}
