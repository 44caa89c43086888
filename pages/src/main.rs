//! Writes a file for every address of the course into the built site (a Trunk post-build
//! hook, see Trunk.toml): `learn/<section>/index.html`, `sim/<name>/`, `embed/<name>/`,
//! `glossary/`, the same under `en/`, `404.html`, `sitemap.xml` and `robots.txt`, each made
//! from the built `index.html` (see `asyncio_course::site`); and, when the course's address
//! is known, each simulation's oEmbed description (`sim/<name>/oembed.json`).
//!
//! Usage: `render-pages [site-folder]` (default `$TRUNK_STAGING_DIR`). `COURSE_SITE_URL`
//! (`https://example.org/course/`) makes the canonical and preview addresses absolute.

use asyncio_course::i18n::Lang;
use asyncio_course::sims::SimKind;
use asyncio_course::site::{self, SiteUrl};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs, io};

fn main() -> ExitCode {
    let Some(dir) = env::args_os().nth(1).or_else(|| env::var_os("TRUNK_STAGING_DIR")) else {
        eprintln!("usage: render-pages <site-folder> (or set TRUNK_STAGING_DIR)");
        return ExitCode::FAILURE;
    };
    let site = SiteUrl::new(&env::var("COURSE_SITE_URL").unwrap_or_default());
    match write_pages(&PathBuf::from(dir), &site) {
        Ok(count) => {
            println!("render-pages: {count} page files written");
            if !site.is_known() {
                println!(
                    "render-pages: no oEmbed files: they need the course's address (COURSE_SITE_URL)"
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("render-pages: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_pages(dir: &Path, site: &SiteUrl) -> io::Result<usize> {
    let template = fs::read_to_string(dir.join("index.html"))?;
    if template.contains(&format!("id=\"{}\"", site::PRERENDERED_ID)) {
        let message = "index.html is already a page file: run the build again to write the pages";
        return Err(io::Error::other(message));
    }
    let read = |path: &str| fs::read_to_string(dir.join(path));
    let mut pages = site::course_pages(&read)?;
    pages.push(site::not_found_page(Lang::Ru, site));
    for page in &pages {
        let path = dir.join(page.file_path());
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, page.html(&template, site))?;
    }
    for lang in Lang::ALL {
        for kind in SimKind::ALL {
            if let Some(json) = site::oembed(kind, lang, site) {
                fs::write(dir.join(site::oembed_path(kind.name(), lang)), json)?;
            }
        }
    }
    fs::write(dir.join("sitemap.xml"), site::sitemap(&pages, site))?;
    fs::write(dir.join("robots.txt"), site::robots(site))?;
    Ok(pages.len())
}
