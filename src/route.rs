//! Where the learner is: the address's path and query.
//!
//! Every page has an address of its own, and the build writes a file for each
//! (`learn/gil/index.html`), so any static server answers a deep link with no rewrite rules:
//! `/learn/<section>/`, `/sim/<simulation>/`, `/embed/<simulation>/`, `/glossary/`, the home at
//! `/`, and the same under `/en/` for the second language. The query carries a page's state
//! (`?cakes=3&t=12`, `?at=part-2`). The course may live below a folder of its host
//! (`https://host/course/`): paths here are read and written relative to that root.
//!
//! The course used to route on the fragment (`/#/learn/gil`); [`Location::from_fragment`] reads
//! those links, so a link pasted into slides years ago still lands on its state.

use crate::i18n::Lang;
use std::cell::RefCell;

thread_local! {
    /// The path of the course's root on its host, `/` or `/course/`: set once at start.
    static ROOT: RefCell<String> = RefCell::new("/".to_owned());
}

/// Sets the path of the course's root (always ends with `/`).
pub fn set_root(root: &str) {
    let mut root = root.to_owned();
    if !root.starts_with('/') {
        root.insert(0, '/');
    }
    if !root.ends_with('/') {
        root.push('/');
    }
    ROOT.with(|r| *r.borrow_mut() = root);
}

/// The path of the course's root, `/` unless the course lives in a folder.
pub fn root() -> String {
    ROOT.with(|r| r.borrow().clone())
}

/// A host's path below the course's root (`learn/gil/` of `/course/learn/gil/`); the root
/// without its final `/` is the root too. `None` for a path outside the course.
pub fn below_root(path: &str) -> Option<&str> {
    let root = root();
    path.strip_prefix(root.as_str()).or_else(|| (path == root.trim_end_matches('/')).then_some(""))
}

/// A page of the course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The chapter's home: title, contents, "continue".
    Home,
    /// One lesson section, by slug.
    Lesson(String),
    /// The glossary of the chapter's terms.
    Glossary,
    /// One simulation on a page of its own, by name.
    Simulation(String),
    /// One simulation alone, without the site around it, for iframes.
    Embed(String),
    /// Anything else; keeps what was asked for, to say so.
    NotFound(String),
}

/// A parsed address: the page, its language and its query pairs, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Which page.
    pub route: Route,
    /// In which language: the address says it (`/en/…`), Russian without a prefix.
    pub lang: Lang,
    /// The `key=value` pairs after `?`, decoded.
    pub query: Vec<(String, String)>,
}

impl Location {
    /// Parses a path below the course's root (`en/sim/bakers/`) and a query (`?cakes=3`, with or
    /// without its `?`); never fails.
    pub fn parse(path: &str, query: &str) -> Self {
        let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        // A page's file named in full (`learn/gil/index.html`) is its page.
        if segments.last() == Some(&"index.html") {
            segments.pop();
        }
        let lang = match segments.first().copied().and_then(Lang::from_prefix) {
            Some(lang) => {
                segments.remove(0);
                lang
            }
            None => Lang::Ru,
        };
        let route = match segments.as_slice() {
            [] => Route::Home,
            ["learn", slug] => Route::Lesson((*slug).to_owned()),
            ["glossary"] => Route::Glossary,
            ["sim", name] => Route::Simulation((*name).to_owned()),
            ["embed", name] => Route::Embed((*name).to_owned()),
            _ => Route::NotFound(format!("/{}", path.trim_start_matches('/'))),
        };
        let query = query.strip_prefix('?').unwrap_or(query);
        let query = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        Self { route, lang, query }
    }

    /// Reads an address of the fragment-routed course (`#/sim/bakers?cakes=3`), shown in `lang`
    /// (those addresses did not name their language); `None` for any other fragment, such as a
    /// part's `#main`.
    pub fn from_fragment(fragment: &str, lang: Lang) -> Option<Self> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        if !fragment.starts_with('/') {
            return None;
        }
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let mut location = Self::parse(path.trim_start_matches('/'), query);
        if let Route::NotFound(_) = location.route {
            location.route = Route::NotFound(format!("/#{path}"));
        }
        location.lang = lang;
        Some(location)
    }

    /// The last value of `key` in the query, if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.query.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The query as borrowed pairs, the form the engines read.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The address of this location, from the host's root: `/en/sim/bakers/?cakes=3`.
    pub fn href(&self) -> String {
        self.route.href_with(self.lang, self.pairs().map(|(k, v)| (k, v.to_owned())))
    }
}

impl Route {
    /// This page's path below the course's root in `lang`: `learn/gil/`, `en/learn/gil/`, and
    /// `` or `en/` for the home.
    pub fn path(&self, lang: Lang) -> String {
        let page = match self {
            Route::Home => String::new(),
            Route::Lesson(slug) => format!("learn/{slug}/"),
            Route::Glossary => "glossary/".to_owned(),
            Route::Simulation(name) => format!("sim/{name}/"),
            Route::Embed(name) => format!("embed/{name}/"),
            Route::NotFound(path) => return path.trim_start_matches('/').to_owned(),
        };
        format!("{}{page}", lang.prefix())
    }

    /// The link to this page in `lang`, from the host's root: `/learn/gil/`.
    pub fn href(&self, lang: Lang) -> String {
        format!("{}{}", root(), self.path(lang))
    }

    /// The link to this page in `lang` with a query made of `pairs`.
    pub fn href_with<'a>(
        &self,
        lang: Lang,
        pairs: impl IntoIterator<Item = (&'a str, String)>,
    ) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            query.append_pair(key, &value);
        }
        let query = query.finish();
        if query.is_empty() {
            self.href(lang)
        } else {
            format!("{}?{query}", self.href(lang))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_below_the_root_is_read_from_it_and_others_are_not_the_course_s() {
        set_root("course");
        assert_eq!(root(), "/course/");
        assert_eq!(below_root("/course/learn/gil/"), Some("learn/gil/"));
        assert_eq!(below_root("/course/"), Some(""));
        assert_eq!(below_root("/course"), Some(""));
        assert_eq!(below_root("/coursework/"), None);
        assert_eq!(below_root("/elsewhere/"), None);
        set_root("/");
        assert_eq!(below_root("/en/sim/gil/"), Some("en/sim/gil/"));
    }

    #[test]
    fn the_root_is_home_in_the_first_language() {
        for p in ["", "/", "//"] {
            let here = Location::parse(p, "");
            assert_eq!((here.route, here.lang), (Route::Home, Lang::Ru), "{p:?}");
        }
        let english = Location::parse("en/", "");
        assert_eq!((english.route, english.lang), (Route::Home, Lang::En));
    }

    #[test]
    fn pages_are_recognised_with_or_without_their_last_slash() {
        assert_eq!(
            Location::parse("learn/concurrency/", "").route,
            Route::Lesson("concurrency".into())
        );
        assert_eq!(Location::parse("/sim/bakers", "").route, Route::Simulation("bakers".into()));
        let embed = Location::parse("en/embed/bakers/", "?x=1");
        assert_eq!((embed.route, embed.lang), (Route::Embed("bakers".into()), Lang::En));
        assert_eq!(embed.query, [("x".to_owned(), "1".to_owned())]);
        assert_eq!(Location::parse("glossary/", "at=gil").route, Route::Glossary);
        assert_eq!(Location::parse("learn/gil/index.html", "").route, Route::Lesson("gil".into()));
        assert_eq!(Location::parse("en/index.html", "").route, Route::Home);
    }

    #[test]
    fn anything_else_is_not_found_and_remembers_the_path() {
        assert_eq!(Location::parse("nope/a/b", "").route, Route::NotFound("/nope/a/b".into()));
        assert_eq!(Location::parse("learn/", "").route, Route::NotFound("/learn/".into()));
        assert_eq!(Location::parse("en/en/", "").route, Route::NotFound("/en/en/".into()));
        assert_eq!(
            Location::parse("ru/learn/gil/", "").route,
            Route::NotFound("/ru/learn/gil/".into())
        );
    }

    #[test]
    fn the_query_is_decoded_in_order() {
        let loc = Location::parse("sim/bakers/", "?cakes=3&note=a%20b+c&cakes=%D0%B4");
        let pairs: Vec<_> = loc.pairs().collect();
        assert_eq!(pairs, [("cakes", "3"), ("note", "a b c"), ("cakes", "д")]);
        assert_eq!(loc.get("cakes"), Some("д"));
        assert_eq!(loc.get("nope"), None);
    }

    #[test]
    fn broken_percent_escapes_do_not_fail() {
        let loc = Location::parse("sim/bakers/", "cakes=%ZZ%&=&&x");
        assert_eq!(loc.route, Route::Simulation("bakers".into()));
        assert_eq!(loc.query[0], ("cakes".to_owned(), "%ZZ%".to_owned()));
    }

    #[test]
    fn links_round_trip_in_both_languages() {
        let route = Route::Simulation("bakers".into());
        for lang in Lang::ALL {
            let href =
                route.href_with(lang, [("cakes", "3".to_owned()), ("note", "a b".to_owned())]);
            let (path, query) = href.split_once('?').expect("a query");
            let back = Location::parse(path, query);
            assert_eq!((back.route.clone(), back.lang), (route.clone(), lang), "{href}");
            assert_eq!(back.query[1].1, "a b");
            assert_eq!(back.href(), href);
        }
        assert_eq!(
            route.href_with(Lang::En, [("cakes", "3".to_owned())]),
            "/en/sim/bakers/?cakes=3"
        );
        assert_eq!(Route::Home.href_with(Lang::Ru, []), "/");
        assert_eq!(Route::Home.href(Lang::En), "/en/");
        assert_eq!(Route::Glossary.path(Lang::Ru), "glossary/");
    }

    #[test]
    fn old_fragment_links_land_on_the_same_page_and_state() {
        let old = Location::from_fragment("#/sim/bakers?cakes=6&t=12", Lang::En).expect("old link");
        assert_eq!(old.href(), "/en/sim/bakers/?cakes=6&t=12");
        let lesson = Location::from_fragment("#/learn/gil?at=part-2", Lang::Ru).expect("old link");
        assert_eq!(lesson.href(), "/learn/gil/?at=part-2");
        assert_eq!(Location::from_fragment("#/", Lang::Ru).map(|l| l.route), Some(Route::Home));
        let embed = Location::from_fragment("#/embed/gil?controls=minimal", Lang::Ru).expect("old");
        assert_eq!(embed.href(), "/embed/gil/?controls=minimal");
        assert_eq!(
            Location::from_fragment("#/nope", Lang::Ru).map(|l| l.route),
            Some(Route::NotFound("/#/nope".into()))
        );
        for not_a_route in ["", "#", "#main", "#part-2"] {
            assert_eq!(Location::from_fragment(not_a_route, Lang::Ru), None, "{not_a_route:?}");
        }
    }
}
