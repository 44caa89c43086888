//! Writes a file for every address of the course into the built site (a Trunk post-build
//! hook, see Trunk.toml): `learn/<section>/index.html`, `sim/<name>/`, `embed/<name>/`,
//! `glossary/`, the same under `en/`, `404.html`, `sitemap.xml` and `robots.txt`, each made
//! from the built `index.html` (see `asyncio_course::site`) with the stylesheet inside it;
//! and, when the course's address is known, each simulation's oEmbed description
//! (`sim/<name>/oembed.json`); and each simulation's preview picture for link previews
//! (`sim/<name>/preview.png`): its poster drawn as an SVG in the stylesheet's light colours
//! and rasterised with `resvg`.
//!
//! Usage: `render-pages [site-folder]` (default `$TRUNK_STAGING_DIR`). `COURSE_SITE_URL`
//! (`https://example.org/course/`) makes the canonical and preview addresses absolute.

use asyncio_course::components::timeline::{preview_svg, ThemeColours};
use asyncio_course::i18n::Lang;
use asyncio_course::route::Route;
use asyncio_course::sims::{shell::Still, SimKind};
use asyncio_course::site::{self, Picture, SiteUrl, PREVIEW_SIZE};
use resvg::usvg::fontdb;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
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
    let stills = site::stills();
    let mut pages = site::course_pages(&read, &stills)?;
    pages.push(site::not_found_page(Lang::Ru, site));
    write_previews(dir, &stills, &mut pages)?;
    // Every page file carries the stylesheet itself; the stylesheet's own file is then read by
    // none and leaves the site.
    let stylesheet = site::stylesheet_href(&template)
        .map(|href| dir.join(href.trim_start_matches("./")))
        .ok_or_else(|| io::Error::other("index.html links no stylesheet"))?;
    let css = fs::read_to_string(&stylesheet)?;
    for page in &pages {
        let path = dir.join(page.file_path());
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, site::inline_stylesheet(&page.html(&template, site), &css))?;
    }
    fs::remove_file(stylesheet)?;
    for lang in Lang::ALL {
        for kind in SimKind::ALL {
            let page = pages
                .iter()
                .find(|p| p.lang == lang && p.route == Route::Simulation(kind.name().to_owned()));
            let picture = page.and_then(|p| p.picture.clone()).unwrap_or_else(Picture::icon);
            if let Some(json) = site::oembed(kind, lang, site, &picture) {
                fs::write(dir.join(site::oembed_path(kind.name(), lang)), json)?;
            }
        }
    }
    fs::write(dir.join("sitemap.xml"), site::sitemap(&pages, site))?;
    fs::write(dir.join("robots.txt"), site::robots(site))?;
    Ok(pages.len())
}

/// Writes each simulation's preview picture where its pages' `picture` says. Without a font
/// to write its words (a machine with none installed) there is none, and its pages preview
/// with the course's icon.
fn write_previews(
    dir: &Path,
    stills: &[(SimKind, Lang, Still)],
    pages: &mut [site::PageFile],
) -> io::Result<()> {
    let palette = ThemeColours::from_stylesheet(include_str!("../../style/main.css"));
    let mut fonts = fontdb::Database::new();
    fonts.load_system_fonts();
    let fonts = Arc::new(fonts);
    for (kind, lang, Still { charts, .. }) in stills {
        let (kind, lang) = (*kind, *lang);
        let picture = Picture::preview(kind.name(), lang);
        let svg = preview_svg(
            kind.title(lang),
            &charts.panels,
            charts.length,
            charts.unit.get(lang),
            &palette,
            PREVIEW_SIZE,
        );
        let made = if fonts.is_empty() {
            Err("no fonts are installed".to_owned())
        } else {
            rasterize(&svg, &fonts)
        };
        match made {
            Ok(png) => {
                let path = dir.join(&picture.path);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(path, png)?;
            }
            Err(why) => {
                println!("render-pages: no preview picture of {}: {why}", picture.path);
                for page in pages.iter_mut().filter(|p| p.picture.as_ref() == Some(&picture)) {
                    page.picture = None;
                }
            }
        }
    }
    Ok(())
}

/// An SVG as a PNG of its own size, its words in `fonts`.
fn rasterize(svg: &str, fonts: &Arc<fontdb::Database>) -> Result<Vec<u8>, String> {
    let options = resvg::usvg::Options { fontdb: fonts.clone(), ..Default::default() };
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| "an empty picture".to_owned())?;
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_is_a_png_of_its_size_with_the_run_s_colours_and_its_words() {
        let palette = ThemeColours::from_stylesheet(include_str!("../../style/main.css"));
        let charts = SimKind::Gil.still(Lang::En).unwrap().charts;
        let svg =
            preview_svg("The GIL", &charts.panels, charts.length, "ms", &palette, PREVIEW_SIZE);
        let mut fonts = fontdb::Database::new();
        fonts.load_system_fonts();
        let png = rasterize(&svg, &Arc::new(fonts)).unwrap();
        let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!((pixmap.width(), pixmap.height()), PREVIEW_SIZE);
        let colour = |c: &str| {
            let hex = u32::from_str_radix(c.trim_start_matches('#'), 16).unwrap();
            [(hex >> 16) as u8, (hex >> 8) as u8, hex as u8]
        };
        let seen: std::collections::HashSet<[u8; 3]> =
            pixmap.pixels().iter().map(|p| [p.red(), p.green(), p.blue()]).collect();
        assert!(seen.contains(&colour(&palette.background)), "the page's background");
        let held = palette.bars.iter().find(|(k, ..)| *k == engine::trace::Work::Holds).unwrap();
        assert!(seen.contains(&colour(&held.1)), "the GIL's bars, {}", held.1);
    }
}
