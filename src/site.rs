//! The page files the build writes (`pages/src/main.rs`): every address of the course is
//! a file of its own (`learn/gil/index.html`), made from the built `index.html`, with its own
//! title, description, canonical address, language alternates and link-preview tags, and its
//! text in the body (a lesson's sections, the home's contents, the glossary, a simulation's
//! title and summary). The text paints before the WebAssembly has loaded, reads with
//! JavaScript off, and is what search engines and link previews see; the app replaces it when
//! it starts (`main.rs`).

use crate::i18n::Lang;
use crate::route::Route;

/// The id of the element that holds a page file's text until the app replaces it.
pub const PRERENDERED_ID: &str = "prerendered";

/// What one page file says about its page.
pub struct PageFile {
    /// Which page.
    pub route: Route,
    /// In which language.
    pub lang: Lang,
    /// The page's name, without the site's: the `<h1>` and the preview's title.
    pub name: String,
    /// A sentence or two for search results and link previews.
    pub description: String,
    /// The page's text, as HTML, inside its `<main>`.
    pub body: String,
    /// Its own picture for link previews (a simulation's poster), or `None` for the course's
    /// icon.
    pub picture: Option<Picture>,
}

/// A picture of the site: its path below the course's root and its size in pixels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// Where it is, below the course's root.
    pub path: String,
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
}

impl Picture {
    /// The course's icon, the picture of a page that has none of its own.
    pub fn icon() -> Self {
        Self { path: "public/icon-512.png".to_owned(), width: 512, height: 512 }
    }

    /// A simulation's preview: its poster as a picture the size link previews show
    /// ([`PREVIEW_SIZE`]), beside its page (`en/sim/gil/preview.png`).
    pub fn preview(name: &str, lang: Lang) -> Self {
        let path = format!("{}preview.png", Route::Simulation(name.to_owned()).path(lang));
        Self { path, width: PREVIEW_SIZE.0, height: PREVIEW_SIZE.1 }
    }
}

/// The size of a simulation's preview picture: what Open Graph and Twitter cards show best.
pub const PREVIEW_SIZE: (u32, u32) = (1200, 630);

/// Where the course is published, for the addresses that must be absolute (canonical, link
/// previews, the sitemap): `https://example.org/course/`, always ending in `/`. Empty when the
/// build was not told (`COURSE_SITE_URL`): then those addresses start at the host's root.
#[derive(Clone, Debug, Default)]
pub struct SiteUrl(String);

impl SiteUrl {
    /// Reads it; adds the final `/`.
    pub fn new(url: &str) -> Self {
        let url = url.trim();
        if url.is_empty() {
            return Self(String::new());
        }
        Self(format!("{}/", url.trim_end_matches('/')))
    }

    /// The full address of a path below the course's root.
    pub fn at(&self, path: &str) -> String {
        if !self.is_known() {
            format!("/{path}")
        } else {
            format!("{}{path}", self.0)
        }
    }

    /// Whether the build was told where the course is published.
    pub fn is_known(&self) -> bool {
        !self.0.is_empty()
    }

    /// The path of the course's root on its host: `/course/`, or `/`.
    pub fn root_path(&self) -> String {
        let after_scheme = self.0.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or_else(|| "/".to_owned(), |i| after_scheme[i..].to_owned())
    }
}

impl PageFile {
    /// The file's path below the site's folder: `en/learn/gil/index.html`.
    pub fn file_path(&self) -> String {
        match &self.route {
            Route::NotFound(_) => "404.html".to_owned(),
            route => format!("{}index.html", route.path(self.lang)),
        }
    }

    /// The `<title>`: the page's name and the site's, or the site's alone for the home.
    pub fn title(&self) -> String {
        match self.route {
            Route::Home => self.name.clone(),
            _ => self.lang.page_title(&self.name),
        }
    }

    /// The whole file, made from the built `index.html`.
    pub fn html(&self, template: &str, site: &SiteUrl) -> String {
        // A host answers any unknown address with 404.html, at any depth: it finds the site's
        // files from the host's root.
        let prefix = match self.route {
            Route::NotFound(_) => site.root_path(),
            _ => prefix_for(&self.route, self.lang),
        };
        let html = relative_to(template, &prefix);
        let html =
            replace_tag(&html, "<html", None, &format!("<html lang=\"{}\">", self.lang.code()));
        let html = replace_element(&html, "title", &escape(&self.title()));
        let html = replace_tag(&html, "<meta", Some("description"), "");
        let head = self.head(site);
        let html = html.replacen("</head>", &format!("{head}</head>"), 1);
        insert_after_body(&html, &self.body_html(&prefix))
    }

    /// The tags that describe the page to search engines and link previews.
    fn head(&self, site: &SiteUrl) -> String {
        let title = escape(&self.title());
        let description = escape(&self.description);
        let here = site.at(&self.route.path(self.lang));
        let mut head = format!(
            "<meta name=\"description\" content=\"{description}\">\
             <link rel=\"canonical\" href=\"{here}\">"
        );
        // A simulation alone is made for frames, and "not found" is no page: search engines
        // list the simulation's own page instead.
        if matches!(self.route, Route::Embed(_) | Route::NotFound(_)) {
            head.push_str("<meta name=\"robots\" content=\"noindex\">");
        }
        if let (Route::Simulation(name) | Route::Embed(name), true) = (&self.route, site.is_known())
        {
            head.push_str(&format!(
                "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{title}\">",
                site.at(&oembed_path(name, self.lang))
            ));
        }
        if !matches!(self.route, Route::NotFound(_)) {
            for lang in Lang::ALL {
                let href = site.at(&self.route.path(lang));
                head.push_str(&format!(
                    "<link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\">",
                    lang.code()
                ));
            }
            let default = site.at(&self.route.path(Lang::Ru));
            head.push_str(&format!(
                "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{default}\">"
            ));
        }
        let picture = self.picture.clone().unwrap_or_else(Picture::icon);
        let image = site.at(&picture.path);
        let card = if self.picture.is_some() { "summary_large_image" } else { "summary" };
        let locale = match self.lang {
            Lang::Ru => "ru_RU",
            Lang::En => "en_US",
        };
        head.push_str(&format!(
            "<meta property=\"og:type\" content=\"website\">\
             <meta property=\"og:site_name\" content=\"{site_name}\">\
             <meta property=\"og:title\" content=\"{title}\">\
             <meta property=\"og:description\" content=\"{description}\">\
             <meta property=\"og:url\" content=\"{here}\">\
             <meta property=\"og:locale\" content=\"{locale}\">\
             <meta property=\"og:image\" content=\"{image}\">\
             <meta property=\"og:image:width\" content=\"{width}\">\
             <meta property=\"og:image:height\" content=\"{height}\">\
             <meta name=\"twitter:card\" content=\"{card}\">",
            site_name = escape(self.lang.ui().site_name),
            width = picture.width,
            height = picture.height,
        ));
        head
    }

    /// The page's text in the site's frame, as the app draws it.
    fn body_html(&self, prefix: &str) -> String {
        let ui = self.lang.ui();
        let home = link(prefix, &Route::Home, self.lang);
        if matches!(self.route, Route::Embed(_)) {
            return format!(
                "<div id=\"{PRERENDERED_ID}\"><main class=\"embed\">{}</main></div>",
                self.body
            );
        }
        format!(
            "<div id=\"{PRERENDERED_ID}\">\
             <header class=\"site-header\"><a class=\"site-title\" href=\"{home}\">\
             <span class=\"logo\" aria-hidden=\"true\">⇄</span> {site}</a></header>\
             <main id=\"main\" tabindex=\"-1\">{body}</main>\
             <footer class=\"site-footer\"><p>{footer}</p></footer></div>",
            site = escape(ui.site_name),
            body = self.body,
            footer = escape(ui.footer),
        )
    }
}

/// A link from a page file to another page, relative to the file (`prefix` climbs to the
/// course's root).
fn link(prefix: &str, route: &Route, lang: Lang) -> String {
    let href = format!("{prefix}{}", route.path(lang));
    if href.is_empty() {
        "./".to_owned()
    } else {
        href
    }
}

/// What a page file says where the app would run a simulation, for a reader without
/// JavaScript.
fn script_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Симуляции нужны JavaScript и WebAssembly: включите их, чтобы её запустить. Текст курса читается и без них.",
        Lang::En => "The simulation needs JavaScript and WebAssembly: turn them on to run it. The course's text reads without them.",
    }
}

/// How a page's file climbs to the course's root (`../../` from `learn/gil/`), for the site's
/// files and the links it holds.
fn prefix_for(route: &Route, lang: Lang) -> String {
    "../".repeat(route.path(lang).matches('/').count())
}

/// Each simulation's still in each language (a simulation without one has none): its default
/// run, made once for its page files and its preview picture.
pub fn stills() -> Vec<(crate::sims::SimKind, Lang, crate::sims::shell::Still)> {
    Lang::ALL
        .into_iter()
        .flat_map(|lang| {
            crate::sims::SimKind::ALL
                .into_iter()
                .filter_map(move |kind| Some((kind, lang, kind.still(lang)?)))
        })
        .collect()
}

/// Every page of the course in both languages. `read` gives the text of a file the build
/// wrote into the site (`lessons/ru/gil.html`); `stills` are [`stills`].
pub fn course_pages(
    read: &dyn Fn(&str) -> std::io::Result<String>,
    stills: &[(crate::sims::SimKind, Lang, crate::sims::shell::Still)],
) -> std::io::Result<Vec<PageFile>> {
    use crate::content::{self, Piece};
    use crate::sims::SimKind;
    let mut pages = Vec::new();
    for lang in Lang::ALL {
        let ui = lang.ui();
        let language = content::language(lang.code());
        // The home: its text, the contents and the simulations.
        let prefix = prefix_for(&Route::Home, lang);
        let toc: String = language
            .sections
            .iter()
            .map(|s| {
                format!(
                    "<li><a href=\"{}\"><span class=\"toc-number\">{}</span> \
                     <span class=\"toc-title\">{}</span> <span class=\"toc-meta\">{}</span></a></li>",
                    link(&prefix, &Route::Lesson(s.slug.to_owned()), lang),
                    s.order,
                    escape(s.title),
                    escape(&lang.reading_time(s.minutes)),
                )
            })
            .collect();
        let sims: String = SimKind::ALL
            .iter()
            .map(|k| {
                format!(
                    "<li><a href=\"{}\">{}</a><p>{}</p></li>",
                    link(&prefix, &Route::Simulation(k.name().to_owned()), lang),
                    escape(k.title(lang)),
                    escape(k.summary(lang)),
                )
            })
            .collect();
        pages.push(PageFile {
            route: Route::Home,
            lang,
            name: ui.home_title.to_owned(),
            description: describe(language.home, 200),
            body: format!(
                "<article class=\"home\"><div class=\"prose\">{home}</div>{start}\
                 <h2 id=\"contents\">{contents}</h2><ol class=\"toc\">{toc}</ol>\
                 <p class=\"glossary-link\"><a href=\"{glossary}\">{glossary_title}</a></p>\
                 <h2>{simulations}</h2><ul class=\"sim-list\">{sims}</ul></article>",
                home = language.home,
                start = language.sections.first().map_or(String::new(), |first| format!(
                    "<a class=\"button continue\" href=\"{}\">{}</a>",
                    link(&prefix, &Route::Lesson(first.slug.to_owned()), lang),
                    escape(ui.start)
                )),
                contents = escape(ui.contents),
                glossary = link(&prefix, &Route::Glossary, lang),
                glossary_title = escape(language.glossary_title),
                simulations = escape(ui.simulations),
            ),
            picture: None,
        });
        // Each lesson section: its text, with a note where a simulation would run.
        for (index, section) in language.sections.iter().enumerate() {
            let route = Route::Lesson(section.slug.to_owned());
            let prefix = prefix_for(&route, lang);
            let pieces = content::split_pieces(&read(section.url)?);
            let mut pieces = pieces.into_iter();
            let mut text = String::new();
            for piece in section.layout {
                match piece {
                    Piece::Text => text.push_str(&pieces.next().unwrap_or_default()),
                    Piece::Simulation(directive) => {
                        let title =
                            SimKind::from_name(directive.name).map_or("", |k| k.title(lang));
                        text.push_str(&format!(
                            "<p class=\"notice\"><a href=\"{}\">{}</a><noscript> {}</noscript></p>",
                            link(&prefix, &Route::Simulation(directive.name.to_owned()), lang),
                            escape(title),
                            escape(script_note(lang)),
                        ));
                    }
                }
            }
            let neighbour = |i: Option<usize>, rel: &str, label: &str| {
                i.and_then(|i| language.sections.get(i)).map_or(String::new(), |s| {
                    format!(
                        "<a class=\"pager-{rel}\" rel=\"{rel}\" href=\"{}\"><span class=\"pager-hint\">{}</span> <span>{}</span></a>",
                        link(&prefix, &Route::Lesson(s.slug.to_owned()), lang),
                        escape(label),
                        escape(s.title),
                    )
                })
            };
            pages.push(PageFile {
                description: describe(&text, 200),
                body: format!(
                    "<article class=\"lesson\"><p class=\"lesson-meta\">{meta}</p><h1>{title}</h1>\
                     <div class=\"lesson-body\"><div class=\"prose\">{text}</div></div>\
                     <nav class=\"pager\" aria-label=\"{neighbours}\">{prev}\
                     <a class=\"pager-home\" href=\"{home}\">{contents}</a>{next}</nav></article>",
                    meta = escape(&lang.section_meta(section.order, section.minutes)),
                    title = escape(section.title),
                    neighbours = escape(ui.neighbours),
                    prev = neighbour(index.checked_sub(1), "prev", ui.previous),
                    home = link(&prefix, &Route::Home, lang),
                    contents = escape(ui.contents),
                    next = neighbour(Some(index + 1), "next", ui.next),
                ),
                route,
                lang,
                name: section.title.to_owned(),
                picture: None,
            });
        }
        // The glossary.
        let glossary = read(language.glossary_url)?;
        pages.push(PageFile {
            route: Route::Glossary,
            lang,
            name: language.glossary_title.to_owned(),
            description: describe(&glossary, 200),
            body: format!(
                "<article class=\"glossary-page\"><h1>{}</h1><div class=\"prose glossary\">{glossary}</div></article>",
                escape(language.glossary_title)
            ),
            picture: None,
        });
        // Each simulation, on its page and alone for frames.
        for kind in SimKind::ALL {
            let (title, summary) = (escape(kind.title(lang)), escape(kind.summary(lang)));
            let note_text = format!("<p class=\"notice\">{}</p>", escape(script_note(lang)));
            let note = format!("<noscript>{note_text}</noscript>");
            let still = stills.iter().find(|(k, l, _)| (*k, *l) == (kind, lang)).map(|s| &s.2);
            let picture = still.is_some().then(|| Picture::preview(kind.name(), lang));
            let heading = format!("<h1>{title}</h1><p class=\"lead\">{summary}</p>");
            let (page, embed) = match still {
                // The page and the embed open on what the app first draws, the poster under
                // it; an embed, which has no heading in a frame, names itself without script.
                Some(still) => {
                    let poster = crate::sims::shell::poster(lang, still.charts.clone());
                    (
                        format!("{heading}{note}{}{poster}", still.page),
                        format!(
                            "<noscript>{heading}{}</noscript>{}{poster}",
                            note_text, still.embed
                        ),
                    )
                }
                None => (format!("{heading}{note}"), format!("{heading}{note}")),
            };
            let name = kind.name().to_owned();
            for (route, body) in [
                (
                    Route::Simulation(name.clone()),
                    format!("<article class=\"sim-page\">{page}</article>"),
                ),
                (Route::Embed(name), embed),
            ] {
                let (name, description) =
                    (kind.title(lang).to_owned(), kind.summary(lang).to_owned());
                let picture = picture.clone();
                pages.push(PageFile { route, lang, name, description, body, picture });
            }
        }
    }
    Ok(pages)
}

/// The page a host shows for any address the course does not have (`404.html`): the course's
/// own "nothing here", with the site's files found from the host's root, since it answers at
/// any depth.
pub fn not_found_page(lang: Lang, site: &SiteUrl) -> PageFile {
    let ui = lang.ui();
    PageFile {
        route: Route::NotFound("404.html".to_owned()),
        lang,
        name: ui.not_found.to_owned(),
        description: ui.not_found.to_owned(),
        body: format!(
            "<article class=\"not-found\"><h1>{}</h1><p><a class=\"button\" href=\"{}\">{}</a></p></article>",
            escape(ui.not_found),
            site.root_path(),
            escape(ui.back_to_contents),
        ),
        picture: None,
    }
}

/// `sitemap.xml`: every page but the embeds (made for frames), with its other language.
pub fn sitemap(pages: &[PageFile], site: &SiteUrl) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in pages.iter().filter(|p| !matches!(p.route, Route::Embed(_) | Route::NotFound(_))) {
        xml.push_str(&format!("<url><loc>{}</loc>", site.at(&page.route.path(page.lang))));
        for lang in Lang::ALL {
            xml.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                lang.code(),
                site.at(&page.route.path(lang))
            ));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be read; the sitemap's address when the site's is known.
pub fn robots(site: &SiteUrl) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if site.is_known() {
        text.push_str(&format!("Sitemap: {}\n", site.at("sitemap.xml")));
    }
    text
}

/// The size an embedded simulation is drawn for: a 16:9 slide's frame.
pub const EMBED_SIZE: (u32, u32) = (800, 450);

/// The HTML that puts a simulation into another page: a frame of the embed's address `src`
/// that keeps the slide's proportions at any width, and the script that lets the frame set
/// its height on a page that scrolls (`script`, when the host page may run one).
pub fn embed_code(src: &str, title: &str, script: Option<&str>) -> String {
    let (width, height) = EMBED_SIZE;
    let frame = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{width}\" height=\"{height}\" loading=\"lazy\" \
         style=\"width:100%;height:auto;aspect-ratio:16/9;border:0\"></iframe>",
        escape(src),
        escape(title)
    );
    match script {
        Some(script) => format!("{frame}\n<script src=\"{}\" defer></script>", escape(script)),
        None => frame,
    }
}

/// Where a simulation's oEmbed description is, below the course's root: beside its page
/// (`en/sim/gil/oembed.json`).
pub fn oembed_path(name: &str, lang: Lang) -> String {
    format!("{}oembed.json", Route::Simulation(name.to_owned()).path(lang))
}

/// A simulation's oEmbed description (<https://oembed.com>, type "rich"): what a blog, a
/// forum or a learning platform that reads the page's `application/json+oembed` link puts in
/// its page, the simulation in a frame. Its addresses must be absolute, so there is none
/// until the build knows where the course is published.
pub fn oembed(
    kind: crate::sims::SimKind,
    lang: Lang,
    site: &SiteUrl,
    picture: &Picture,
) -> Option<String> {
    if !site.is_known() {
        return None;
    }
    let (width, height) = EMBED_SIZE;
    let src = site.at(&Route::Embed(kind.name().to_owned()).path(lang));
    let description = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "title": kind.title(lang),
        "provider_name": lang.ui().site_name,
        "provider_url": site.at(&Route::Home.path(lang)),
        "html": embed_code(&src, kind.title(lang), None),
        "width": width,
        "height": height,
        "thumbnail_url": site.at(&picture.path),
        "thumbnail_width": picture.width,
        "thumbnail_height": picture.height,
    });
    Some(description.to_string())
}

/// Escapes text for HTML, in text and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The text of a piece of HTML without its tags, its spaces squeezed (entities are kept, so it
/// stays valid HTML text).
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").replace(" ,", ",").replace(" .", ".")
}

/// A description from a page's HTML: the text of its first paragraph, cut at a word near
/// `max` characters.
pub fn describe(html: &str, max: usize) -> String {
    let first = html
        .split("<p>")
        .skip(1)
        .map(|p| text_of(p.split("</p>").next().unwrap_or_default()))
        .find(|p| !p.is_empty())
        .unwrap_or_default();
    if first.chars().count() <= max {
        return first;
    }
    let cut: String = first.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '—', ' ']))
}

/// `html` with every relative address in an `href` or `src` attribute prefixed with `prefix`
/// (`../../`), so a file two folders down still finds the site's files.
fn relative_to(html: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = next_url_attribute(rest) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
        let value_start = quote.map_or(0, char::len_utf8);
        let value_len = after[value_start..]
            .find(|c: char| match quote {
                Some(q) => c == q,
                None => c.is_whitespace() || c == '>',
            })
            .unwrap_or(after.len() - value_start);
        let value = &after[value_start..value_start + value_len];
        out.push_str(&after[..value_start]);
        if is_relative(value) {
            out.push_str(prefix);
            out.push_str(value.strip_prefix("./").unwrap_or(value));
        } else {
            out.push_str(value);
        }
        rest = &after[value_start + value_len..];
    }
    out.push_str(rest);
    out
}

/// Where the value of the next ` href=` or ` src=` attribute starts in `html`.
fn next_url_attribute(html: &str) -> Option<usize> {
    [" href=", " src="].iter().filter_map(|name| html.find(name).map(|i| i + name.len())).min()
}

/// Whether an address is relative to the page's folder (not `/x`, `#x`, `https:`, `data:`).
fn is_relative(url: &str) -> bool {
    let scheme =
        url.find(':').is_some_and(|colon| url[..colon].chars().all(|c| c.is_ascii_alphanumeric()));
    !(url.is_empty() || url.starts_with(['/', '#', '?']) || scheme)
}

/// The address of the built `index.html`'s stylesheet, as its `<link rel=stylesheet>` names
/// it (`./main-1a2b.css`).
pub fn stylesheet_href(template: &str) -> Option<&str> {
    let tag = stylesheet_link(template)?;
    let value = tag.split_once(" href=")?.1.trim_start_matches(['"', '\'']);
    value.split(['"', '\'', ' ', '>']).next().filter(|v| !v.is_empty())
}

/// A page file with its stylesheet's `<link>` replaced by the stylesheet itself: the page
/// paints once its own file has come, with no second request on the way (on a slow link, a
/// round trip less before its text shows).
pub fn inline_stylesheet(html: &str, css: &str) -> String {
    let Some(tag) = stylesheet_link(html) else { return html.to_owned() };
    // A `</style>` in a comment or a string would end the element early.
    let style = format!("<style>{}</style>", css.trim_end().replace("</", "<\\/"));
    html.replacen(tag, &style, 1)
}

/// The first `<link …>` tag of `html` that links a stylesheet.
fn stylesheet_link(html: &str) -> Option<&str> {
    html.match_indices("<link ").find_map(|(start, _)| {
        let tag = &html[start..start + html[start..].find('>')? + 1];
        tag.contains("stylesheet").then_some(tag)
    })
}

/// `html` with the first tag that starts with `open` (and contains `containing`, if given)
/// replaced by `with`.
fn replace_tag(html: &str, open: &str, containing: Option<&str>, with: &str) -> String {
    let mut from = 0;
    while let Some(start) = html[from..].find(open).map(|i| i + from) {
        let end = html[start..].find('>').map_or(html.len(), |i| start + i + 1);
        if containing.is_none_or(|needle| html[start..end].contains(needle)) {
            return format!("{}{with}{}", &html[..start], &html[end..]);
        }
        from = end;
    }
    html.to_owned()
}

/// `html` with the contents of its first `<name>` element replaced by `text`.
fn replace_element(html: &str, name: &str, text: &str) -> String {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    match (html.find(&open), html.find(&close)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{open}{text}{}", &html[..start], &html[end..])
        }
        _ => html.to_owned(),
    }
}

/// `html` with `insert` at the start of its body.
fn insert_after_body(html: &str, insert: &str) -> String {
    let Some(start) = html.find("<body") else { return format!("{html}{insert}") };
    let end = html[start..].find('>').map_or(html.len(), |i| start + i + 1);
    format!("{}{insert}{}", &html[..end], &html[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"<!doctype html><html lang=ru><head><meta name=description content="Old."><title>Old</title><link href=./main-1.css rel=stylesheet><link rel="icon" href="public/favicon.svg"><script type=module src=app/boot.js></script><link rel=help href=https://x.org/></head><body><noscript>JS</noscript></body></html>"#;

    fn lesson(lang: Lang) -> PageFile {
        PageFile {
            route: Route::Lesson("gil".into()),
            lang,
            name: "The GIL".into(),
            description: "Why threads \"wait\".".into(),
            body: "<article class=\"lesson\"><h1>The GIL</h1><p>Text.</p></article>".into(),
            picture: None,
        }
    }

    #[test]
    fn a_lesson_file_lives_at_its_address_and_finds_the_site_files_from_there() {
        let page = lesson(Lang::En);
        assert_eq!(page.file_path(), "en/learn/gil/index.html");
        let html = page.html(TEMPLATE, &SiteUrl::default());
        assert!(html.contains(r#"href="../../../public/favicon.svg""#), "{html}");
        assert!(html.contains("src=../../../app/boot.js>"), "{html}");
        assert!(html.contains("href=../../../main-1.css"), "{html}");
        assert!(html.contains("href=https://x.org/"), "another site's address stays: {html}");
        assert!(html.starts_with(r#"<!doctype html><html lang="en"><head>"#), "{html}");
        assert!(html.contains("<title>The GIL — asyncio, chapter 1</title>"), "{html}");
        assert!(!html.contains("Old."), "the template's description is replaced: {html}");
        assert!(
            html.contains(r#"<meta name="description" content="Why threads &quot;wait&quot;.">"#),
            "{html}"
        );
        assert!(html.contains("<body><div id=\"prerendered\">"), "{html}");
        assert!(html.contains("<p>Text.</p>"), "{html}");
        assert!(html.contains(r#"<a class="site-title" href="../../../en/">"#), "{html}");
    }

    #[test]
    fn the_head_names_the_page_its_languages_and_its_preview() {
        let site = SiteUrl::new("https://example.org/course");
        let html = lesson(Lang::Ru).html(TEMPLATE, &site);
        assert!(
            html.contains(r#"<link rel="canonical" href="https://example.org/course/learn/gil/">"#),
            "{html}"
        );
        assert!(
            html.contains(r#"hreflang="en" href="https://example.org/course/en/learn/gil/""#),
            "{html}"
        );
        assert!(
            html.contains(r#"hreflang="x-default" href="https://example.org/course/learn/gil/""#),
            "{html}"
        );
        assert!(
            html.contains(
                r#"<meta property="og:url" content="https://example.org/course/learn/gil/">"#
            ),
            "{html}"
        );
        assert!(html.contains(r#"<meta property="og:image" content="https://example.org/course/public/icon-512.png">"#), "{html}");
        assert_eq!(site.root_path(), "/course/");
        assert_eq!(SiteUrl::new("https://example.org").root_path(), "/");
        assert_eq!(SiteUrl::default().at("learn/gil/"), "/learn/gil/");
    }

    #[test]
    fn a_simulation_alone_is_not_indexed_and_both_its_files_offer_oembed() {
        use crate::sims::SimKind;
        let site = SiteUrl::new("https://example.org/course");
        let page = |route: Route| PageFile {
            route,
            lang: Lang::En,
            name: "GIL".into(),
            description: "Threads.".into(),
            body: String::new(),
            picture: None,
        };
        let link = r#"<link rel="alternate" type="application/json+oembed" href="https://example.org/course/en/sim/gil/oembed.json" title="GIL — asyncio, chapter 1">"#;
        let sim = page(Route::Simulation("gil".into())).html(TEMPLATE, &site);
        assert!(sim.contains(link) && !sim.contains("noindex"), "{sim}");
        let alone = page(Route::Embed("gil".into())).html(TEMPLATE, &site);
        assert!(alone.contains(r#"<meta name="robots" content="noindex">"#), "{alone}");
        assert!(alone.contains("application/json+oembed"), "{alone}");
        let lesson = lesson(Lang::En).html(TEMPLATE, &site);
        assert!(!lesson.contains("noindex") && !lesson.contains("oembed"), "{lesson}");
        let unknown = page(Route::Simulation("gil".into())).html(TEMPLATE, &SiteUrl::default());
        assert!(!unknown.contains("oembed"), "no absolute address, no oEmbed: {unknown}");
        assert_eq!(oembed(SimKind::ALL[0], Lang::En, &SiteUrl::default(), &Picture::icon()), None);

        let json = oembed(SimKind::ALL[0], Lang::En, &site, &Picture::icon()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["version"], "1.0");
        assert_eq!(value["type"], "rich");
        assert_eq!(value["title"], SimKind::ALL[0].title(Lang::En));
        assert_eq!(value["provider_url"], "https://example.org/course/en/");
        assert_eq!((value["width"].as_u64(), value["height"].as_u64()), (Some(800), Some(450)));
        let name = SimKind::ALL[0].name();
        let html = value["html"].as_str().unwrap();
        assert!(
            html.starts_with(&format!(
                r#"<iframe src="https://example.org/course/en/embed/{name}/" title=""#
            )),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert_eq!(value["thumbnail_url"], "https://example.org/course/public/icon-512.png");
        let preview = Picture::preview("gil", Lang::En);
        let json = oembed(SimKind::Gil, Lang::En, &site, &preview).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["thumbnail_url"], "https://example.org/course/en/sim/gil/preview.png");
        assert_eq!(value["thumbnail_width"], 1200);
        assert_eq!(value["thumbnail_height"], 630);

        // A page with its own picture previews with it, large.
        let mut sim = page(Route::Simulation("gil".into()));
        sim.picture = Some(preview);
        let html = sim.html(TEMPLATE, &site);
        assert!(html.contains(r#"<meta property="og:image" content="https://example.org/course/en/sim/gil/preview.png"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630"><meta name="twitter:card" content="summary_large_image">"#), "{html}");
        assert!(lesson.contains(r#"<meta name="twitter:card" content="summary">"#), "{lesson}");
    }

    #[test]
    fn the_embed_code_keeps_a_slide_s_shape_and_escapes_its_title() {
        let code = embed_code(
            "https://x.org/embed/gil/?a=1&b=2",
            "A \"GIL\"",
            Some("https://x.org/public/embed.js"),
        );
        assert_eq!(
            code,
            "<iframe src=\"https://x.org/embed/gil/?a=1&amp;b=2\" title=\"A &quot;GIL&quot;\" \
             width=\"800\" height=\"450\" loading=\"lazy\" \
             style=\"width:100%;height:auto;aspect-ratio:16/9;border:0\"></iframe>\n\
             <script src=\"https://x.org/public/embed.js\" defer></script>"
        );
    }

    #[test]
    fn the_home_file_is_the_root_and_links_home_to_itself() {
        let page = PageFile {
            route: Route::Home,
            lang: Lang::Ru,
            name: "Home".into(),
            description: String::new(),
            body: String::new(),
            picture: None,
        };
        assert_eq!(page.file_path(), "index.html");
        assert_eq!(page.title(), "Home");
        let html = page.html(TEMPLATE, &SiteUrl::default());
        assert!(html.contains(r#"href="public/favicon.svg""#), "{html}");
        assert!(html.contains(r#"<a class="site-title" href="./">"#), "{html}");
    }

    #[test]
    fn a_description_is_the_first_paragraph_cut_at_a_word() {
        let html = "<h2>x</h2><p>One <em>two</em>, three four five.</p><p>Next.</p>";
        assert_eq!(describe(html, 100), "One two, three four five.");
        assert_eq!(describe(html, 12), "One two…");
        assert_eq!(describe("<div>no paragraph</div>", 50), "");
    }

    #[test]
    fn only_addresses_relative_to_the_folder_are_moved() {
        for url in ["app/boot.js", "./x", "public/a.png", "manifest.webmanifest"] {
            assert!(is_relative(url), "{url}");
        }
        for url in ["/main.css", "#main", "?at=1", "https://x.org/", "data:image/png;base64,x", ""]
        {
            assert!(!is_relative(url), "{url}");
        }
    }

    #[test]
    fn the_course_has_a_file_per_page_in_both_languages_and_a_sitemap_without_embeds() {
        let read =
            |path: &str| Ok(format!("<p>The text of {path}, long enough to describe it.</p>"));
        let pages = course_pages(&read, &stills()).unwrap();
        let sections = crate::content::language("ru").sections.len();
        let per_language = 1 + sections + 1 + 2 * crate::sims::SimKind::ALL.len();
        assert_eq!(pages.len(), 2 * per_language);
        let paths: std::collections::BTreeSet<String> =
            pages.iter().map(PageFile::file_path).collect();
        assert_eq!(paths.len(), pages.len(), "no two pages share a file");
        assert!(
            paths.contains("en/sim/event-loop/index.html") && paths.contains("glossary/index.html")
        );
        let lesson = pages.iter().find(|p| p.file_path() == "learn/gil/index.html").unwrap();
        assert!(lesson.body.contains("<p>The text of lessons/ru/gil.html"), "{}", lesson.body);
        assert!(lesson.body.contains("href=\"../../\""), "the pager leads home: {}", lesson.body);
        assert!(lesson.description.starts_with("The text of"), "{}", lesson.description);
        let body = |path: &str| &pages.iter().find(|p| p.file_path() == path).unwrap().body;
        for path in
            ["en/sim/gil/index.html", "embed/bakers/index.html", "sim/event-loop/index.html"]
        {
            assert!(body(path).contains("<figure class=\"sim-poster\">"), "{path}: a poster");
        }
        assert!(!body("sim/io-or-cpu/index.html").contains("sim-poster"), "an exercise has no run");
        let site = SiteUrl::new("https://example.org/");
        let xml = sitemap(&pages, &site);
        assert_eq!(
            xml.matches("<url>").count(),
            2 * (per_language - crate::sims::SimKind::ALL.len())
        );
        assert!(xml.contains("<loc>https://example.org/en/learn/gil/</loc>"), "{xml}");
        assert!(!xml.contains("/embed/"), "{xml}");
        assert!(robots(&site).contains("Sitemap: https://example.org/sitemap.xml"));
        assert!(!robots(&SiteUrl::default()).contains("Sitemap"));
        let missing = not_found_page(Lang::Ru, &site);
        assert_eq!(missing.file_path(), "404.html");
        let html = missing.html(TEMPLATE, &site);
        assert!(
            html.contains("src=/app/boot.js>"),
            "found from the host's root at any depth: {html}"
        );
        assert!(html.contains("href=/main-1.css "), "{html}");
    }

    #[test]
    fn a_page_file_carries_its_stylesheet_in_itself() {
        assert_eq!(stylesheet_href(TEMPLATE), Some("./main-1.css"));
        assert_eq!(stylesheet_href(r#"<link rel="stylesheet" href="a.css">"#), Some("a.css"));
        assert_eq!(stylesheet_href("<link rel=icon href=a.svg>"), None);
        let page = PageFile {
            route: Route::Lesson("gil".into()),
            lang: Lang::En,
            name: "The GIL".into(),
            description: "One thread at a time.".into(),
            body: "<p>One thread at a time.</p>".into(),
            picture: None,
        };
        let html = inline_stylesheet(&page.html(TEMPLATE, &SiteUrl::default()), "p { x: 1 }\n");
        assert!(html.contains("</title><style>p { x: 1 }</style><link rel=\"icon\""), "{html}");
        assert!(!html.contains("main-1.css"), "{html}");
        assert!(html.contains("<p>One thread at a time.</p>"), "{html}");
        let odd = inline_stylesheet(TEMPLATE, "a::after { content: '</style>' }");
        assert!(odd.contains("content: '<\\/style>' }</style>"), "{odd}");
        assert_eq!(inline_stylesheet("<p>no link</p>", "p {}"), "<p>no link</p>");
    }
}
