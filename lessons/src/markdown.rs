//! Markdown to HTML for the lessons, run at build time (so the wasm carries no Markdown
//! parser).
//!
//! A simulation is placed by a directive — a fenced block whose language is `sim`:
//!
//! ````markdown
//! ```sim
//! bakers cakes=3 preheat=20
//! ```
//! ````

use crate::quiz::Quiz;
use pulldown_cmark::{html, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A piece of a rendered lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// Rendered HTML of the course's own Markdown.
    Html(String),
    /// A simulation to mount here.
    Simulation(Directive),
    /// A self-check question.
    Quiz(Quiz),
    /// One of the chapter's figures, by name (see [`crate::figures`]).
    Figure(String),
    /// A block the author got wrong, with what is wrong.
    Mistake(String),
}

/// A `sim` directive: which simulation, with which parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The simulation's name, e.g. `bakers`.
    pub name: String,
    /// Its `key=value` parameters, in order.
    pub params: Vec<(String, String)>,
    /// Words of the directive that are not `key=value`, to be shown to the author.
    pub stray: Vec<String>,
}

impl Directive {
    /// Parses the body of a `sim` block: a name, then `key=value` words.
    pub fn parse(body: &str) -> Self {
        let mut words = body.split_whitespace();
        let name = words.next().unwrap_or_default().to_owned();
        let mut params = Vec::new();
        let mut stray = Vec::new();
        for word in words {
            match word.split_once('=') {
                Some((k, v)) if !k.is_empty() => params.push((k.to_owned(), v.to_owned())),
                _ => stray.push(word.to_owned()),
            }
        }
        Self { name, params, stray }
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders the home page's Markdown (shown at the course's root) into HTML blocks with the
/// simulations in between.
pub fn render(markdown: &str) -> Vec<Block> {
    render_blocks(markdown, false, None)
}

/// How a page of the course at `depth` folders below its language's root (the home 0, the
/// glossary 1, a lesson 2) links to another: Markdown writes course links as `#/glossary?at=gil`
/// or `#/learn/gil`, which become relative paths (`../../glossary/?at=gil`), right at any host
/// folder and in both languages (`/en/learn/x/` reaches `/en/glossary/`). Anything else stays.
pub fn page_link(dest: &str, depth: usize) -> Option<String> {
    let rest = dest.strip_prefix("#/")?;
    let (path, query) = rest.split_once('?').map_or((rest, None), |(p, q)| (p, Some(q)));
    let path = path.trim_end_matches('/');
    let mut link = "../".repeat(depth);
    if !path.is_empty() {
        link.push_str(path);
        link.push('/');
    }
    if link.is_empty() {
        link.push_str("./");
    }
    if let Some(query) = query {
        link.push('?');
        link.push_str(query);
    }
    Some(link)
}

/// The event with a course link made relative for a page at `depth` (see [`page_link`]).
fn relative_link(event: Event<'_>, depth: usize) -> Event<'_> {
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = page_link(&dest_url, depth).map_or(dest_url, Into::into);
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        other => other,
    }
}

/// Renders a lesson section: leaves out the first top-level heading (the page shows the title
/// itself) and numbers the second-level headings `part-1`, `part-2`, … — the same ids in every
/// language — each with a link to itself at `?at=part-N` (the section's own address), named by
/// `link_label`.
pub fn render_section(markdown: &str, link_label: &str) -> Vec<Block> {
    render_blocks(markdown, true, Some(link_label))
}

/// The link of a section's heading, for [`render_section`]: the same page at that part.
pub fn part_href(part: usize) -> String {
    format!("?at=part-{part}")
}

/// The depth of a lesson's page below its language's root (`learn/<slug>/`).
const LESSON_DEPTH: usize = 2;
/// The depth of the glossary's page (`glossary/`).
const GLOSSARY_DEPTH: usize = 1;

fn render_blocks(markdown: &str, skip_title: bool, anchors: Option<&str>) -> Vec<Block> {
    let depth = if anchors.is_some() { LESSON_DEPTH } else { 0 };
    // The second-level heading being collected, and how many there were.
    let mut heading: Option<Vec<Event>> = None;
    let mut parts = 0;
    let mut blocks = Vec::new();
    let mut pending: Vec<Event> = Vec::new();
    // The fenced block being collected: its info string and its text so far.
    let mut fenced: Option<(String, String)> = None;
    // None: no title to skip; Some(false): not reached yet; Some(true): inside it.
    let mut title: Option<bool> = skip_title.then_some(false);
    let flush = |pending: &mut Vec<Event>, blocks: &mut Vec<Block>| {
        if !pending.is_empty() {
            let mut out = String::new();
            html::push_html(&mut out, pending.drain(..));
            // Code and tables may scroll sideways on a phone: keyboards must reach them too.
            let out = out
                .replace("<pre>", "<pre tabindex=\"0\">")
                .replace("<table>", "<table tabindex=\"0\">");
            blocks.push(Block::Html(out));
        }
    };
    for event in Parser::new_ext(markdown, options()) {
        match (&title, &event) {
            (Some(false), Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })) => {
                title = Some(true);
                continue;
            }
            (Some(true), Event::End(TagEnd::Heading(HeadingLevel::H1))) => {
                title = None;
                continue;
            }
            (Some(true), _) => continue,
            _ => {}
        }
        match (&event, anchors) {
            (Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }), Some(_)) => {
                heading = Some(Vec::new());
                continue;
            }
            (Event::End(TagEnd::Heading(HeadingLevel::H2)), Some(label)) => {
                parts += 1;
                let href = part_href(parts);
                pending.push(Event::Html(format!("<h2 id=\"part-{parts}\">").into()));
                pending.extend(heading.take().unwrap_or_default());
                pending.push(Event::Html(
                    format!(
                        " <a class=\"anchor\" href=\"{href}\" aria-label=\"{label}\">#</a></h2>\n"
                    )
                    .into(),
                ));
                continue;
            }
            _ => {}
        }
        if let Some(buffer) = &mut heading {
            buffer.push(event);
            continue;
        }
        match (&mut fenced, event) {
            (None, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))))
                if matches!(
                    info.split_whitespace().next(),
                    Some("sim" | "quiz" | "figure" | "python")
                ) =>
            {
                fenced = Some((info.to_string(), String::new()));
            }
            (Some((_, body)), Event::Text(text)) => body.push_str(&text),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                let (info, body) = fenced.take().unwrap_or_default();
                match info.split_whitespace().next() {
                    Some("sim") => {
                        flush(&mut pending, &mut blocks);
                        blocks.push(Block::Simulation(Directive::parse(&body)));
                    }
                    Some("quiz") => {
                        flush(&mut pending, &mut blocks);
                        blocks.push(
                            Quiz::parse(&info, &body).map_or_else(Block::Mistake, Block::Quiz),
                        );
                    }
                    Some("figure") => {
                        let name = info.split_whitespace().nth(1).unwrap_or_default().to_owned();
                        flush(&mut pending, &mut blocks);
                        blocks.push(if crate::figures::NAMES.contains(&name.as_str()) {
                            Block::Figure(name)
                        } else {
                            Block::Mistake(format!("no figure is called «{name}»"))
                        });
                    }
                    // Highlighted code stays part of the text around it.
                    _ => match crate::highlight::code_block("python", &body) {
                        Some(html) => pending.push(Event::Html(html.into())),
                        None => blocks.push(Block::Mistake(format!("could not highlight: {body}"))),
                    },
                }
            }
            (Some(_), _) => {}
            (None, event) => pending.push(relative_link(event, depth)),
        }
    }
    flush(&mut pending, &mut blocks);
    blocks
}

/// Where a lesson links to a glossary term: `#/glossary?at=<id>`.
pub const GLOSSARY_LINK: &str = "#/glossary?at=";

/// Renders the glossary: the title left to the page, each term a second-level heading whose
/// id is written after it (`## Event loop {#event-loop}`) so that it is the same in every
/// language. Returns the HTML and the ids in order.
pub fn render_glossary(markdown: &str) -> (String, Vec<String>) {
    let mut ids = Vec::new();
    let mut in_title = false;
    let events =
        Parser::new_ext(markdown, options() | Options::ENABLE_HEADING_ATTRIBUTES).filter(|e| {
            match e {
                Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => in_title = true,
                Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                    in_title = false;
                    return false;
                }
                Event::Start(Tag::Heading { id: Some(id), .. }) => ids.push(id.to_string()),
                _ => {}
            }
            !in_title
        });
    let mut html_out = String::new();
    html::push_html(&mut html_out, events.map(|e| relative_link(e, GLOSSARY_DEPTH)));
    (html_out, ids)
}

/// The glossary ids a text links to, in order.
pub fn glossary_links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => {
                dest_url.strip_prefix(GLOSSARY_LINK).map(str::to_owned)
            }
            _ => None,
        })
        .collect()
}

/// The text of the first top-level heading, if there is one.
pub fn title(markdown: &str) -> Option<String> {
    let mut in_title = false;
    let mut title = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => in_title = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => break,
            Event::Text(t) | Event::Code(t) if in_title => title.push_str(&t),
            _ => {}
        }
    }
    (!title.is_empty()).then_some(title)
}

/// Reading speed used for the time estimate, in words a minute.
const WORDS_PER_MINUTE: usize = 160;

/// Estimated minutes to read the text, at least one.
pub fn reading_minutes(markdown: &str) -> usize {
    markdown.split_whitespace().count().div_ceil(WORDS_PER_MINUTE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html_with_tables_footnotes_and_code_classes() {
        let blocks = render(
            "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: Note.\n\n```python\nprint(1)\n```\n",
        );
        let [Block::Html(html)] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert!(html.contains(r#"<table tabindex="0">"#), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
        assert!(html.contains(r#"<code class="language-python">"#), "{html}");
    }

    #[test]
    fn a_sim_block_becomes_a_directive_between_html() {
        let blocks = render("Before.\n\n```sim\nbakers cakes=3  preheat=20\n```\n\nAfter.\n");
        assert_eq!(blocks.len(), 3);
        assert_eq!(
            blocks[1],
            Block::Simulation(Directive {
                name: "bakers".into(),
                params: vec![("cakes".into(), "3".into()), ("preheat".into(), "20".into())],
                stray: vec![],
            })
        );
        assert!(matches!(&blocks[2], Block::Html(h) if h.contains("After.")));
    }

    #[test]
    fn odd_directives_are_kept_for_the_page_to_explain() {
        let blocks = render("```sim\n```\n\n```sim\nbakers oops =3\n```");
        assert_eq!(blocks[0], Block::Simulation(Directive::parse("")));
        let Block::Simulation(d) = &blocks[1] else { panic!() };
        assert_eq!(d.stray, ["oops", "=3"]);
    }

    #[test]
    fn an_unclosed_directive_does_not_lose_the_page() {
        let blocks = render("Text.\n\n```sim\nbakers");
        assert!(matches!(&blocks[0], Block::Html(h) if h.contains("Text.")));
        assert!(matches!(&blocks[1], Block::Simulation(d) if d.name == "bakers"));
    }

    #[test]
    fn the_title_can_be_left_to_the_page() {
        let blocks = render_section("# Title *here*\n\nText.\n\n# Another\n", "Link");
        let [Block::Html(html)] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert_eq!(html, "<p>Text.</p>\n<h1>Another</h1>\n");
    }

    #[test]
    fn second_level_headings_are_numbered_parts_with_links() {
        let blocks = render_section("# T\n\n## One `a`\n\nx\n\n## Two\n", "Link here");
        let [Block::Html(html)] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert!(html.contains(r##"<h2 id="part-1">One <code>a</code> <a class="anchor" href="?at=part-1" aria-label="Link here">#</a></h2>"##), "{html}");
        assert!(html.contains(r#"<h2 id="part-2">Two"#), "{html}");
    }

    #[test]
    fn the_glossary_keeps_its_ids_and_leaves_the_title_out() {
        let (html, ids) = render_glossary(
            "# Glossary\n\n## Event loop {#event-loop}\nA loop.\n\n## GIL {#gil}\nA lock.\n",
        );
        assert_eq!(ids, ["event-loop", "gil"]);
        assert!(html.starts_with(r#"<h2 id="event-loop">Event loop</h2>"#), "{html}");
        assert!(!html.contains("<h1>"));
    }

    #[test]
    fn course_links_become_relative_to_the_page_that_shows_them() {
        assert_eq!(page_link("#/glossary?at=gil", 2).as_deref(), Some("../../glossary/?at=gil"));
        assert_eq!(page_link("#/learn/gil", 1).as_deref(), Some("../learn/gil/"));
        assert_eq!(page_link("#/sim/bakers?cakes=3", 0).as_deref(), Some("sim/bakers/?cakes=3"));
        assert_eq!(page_link("#/", 0).as_deref(), Some("./"));
        assert_eq!(page_link("#/", 2).as_deref(), Some("../../"));
        assert_eq!(page_link("#part-2", 2), None);
        assert_eq!(page_link("https://docs.python.org/3/", 2), None);
        let blocks = render_section("# T\n\nSee [the GIL](#/glossary?at=gil).\n", "Link");
        let [Block::Html(html)] = blocks.as_slice() else { panic!("{blocks:?}") };
        assert!(html.contains(r#"<a href="../../glossary/?at=gil">the GIL</a>"#), "{html}");
        let (glossary, _) = render_glossary("## Loop {#loop}\nSee [lesson](#/learn/event-loop).\n");
        assert!(glossary.contains(r#"href="../learn/event-loop/""#), "{glossary}");
    }

    #[test]
    fn links_to_the_glossary_are_found() {
        let text = "The [loop](#/glossary?at=event-loop) and [elsewhere](#/learn/gil) and [GIL](#/glossary?at=gil).";
        assert_eq!(glossary_links(text), ["event-loop", "gil"]);
    }

    #[test]
    fn titles_and_reading_times() {
        assert_eq!(
            title("Intro\n\n# The `GIL` today\n\n# Second").as_deref(),
            Some("The GIL today")
        );
        assert_eq!(title("no heading"), None);
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"слово ".repeat(161)), 2);
    }
}
