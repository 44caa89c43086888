//! Where the learner is: the part of the URL after `#`.
//!
//! The course routes on the URL's fragment (`/#/learn/concurrency`) so that every deep link
//! survives a reload on any plain static server: the server only ever sees `/`. leptos_router
//! 0.8 routes on the path only, which a static server answers with its own 404.

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

/// A parsed fragment: the route and its query pairs, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Which page.
    pub route: Route,
    /// The `key=value` pairs after `?`, decoded.
    pub query: Vec<(String, String)>,
}

impl Location {
    /// Parses a fragment such as `#/sim/bakers?cakes=3`; never fails.
    pub fn parse(fragment: &str) -> Self {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let route = match segments.as_slice() {
            [] => Route::Home,
            ["learn", slug] => Route::Lesson((*slug).to_owned()),
            ["glossary"] => Route::Glossary,
            ["sim", name] => Route::Simulation((*name).to_owned()),
            ["embed", name] => Route::Embed((*name).to_owned()),
            _ => Route::NotFound(format!("/{}", segments.join("/"))),
        };
        let query = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        Self { route, query }
    }

    /// The last value of `key` in the query, if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.query.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The query as borrowed pairs, the form the engines read.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl Route {
    /// The link to this route, starting with `#`.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".to_owned(),
            Route::Lesson(slug) => format!("#/learn/{slug}"),
            Route::Glossary => "#/glossary".to_owned(),
            Route::Simulation(name) => format!("#/sim/{name}"),
            Route::Embed(name) => format!("#/embed/{name}"),
            Route::NotFound(path) => format!("#{path}"),
        }
    }

    /// The link to this route with a query made of `pairs`.
    pub fn href_with<'a>(&self, pairs: impl IntoIterator<Item = (&'a str, String)>) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            query.append_pair(key, &value);
        }
        let query = query.finish();
        if query.is_empty() {
            self.href()
        } else {
            format!("{}?{query}", self.href())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_root_fragments_are_home() {
        for f in ["", "#", "#/", "/", "#//"] {
            assert_eq!(Location::parse(f).route, Route::Home, "{f:?}");
        }
    }

    #[test]
    fn pages_are_recognised() {
        assert_eq!(
            Location::parse("#/learn/concurrency").route,
            Route::Lesson("concurrency".into())
        );
        assert_eq!(Location::parse("#/sim/bakers/").route, Route::Simulation("bakers".into()));
        assert_eq!(Location::parse("#/embed/bakers?x=1").route, Route::Embed("bakers".into()));
        assert_eq!(Location::parse("#/glossary?at=gil").route, Route::Glossary);
    }

    #[test]
    fn anything_else_is_not_found_and_remembers_the_path() {
        assert_eq!(Location::parse("#/nope/a/b").route, Route::NotFound("/nope/a/b".into()));
        assert_eq!(Location::parse("#/learn").route, Route::NotFound("/learn".into()));
    }

    #[test]
    fn the_query_is_decoded_in_order() {
        let loc = Location::parse("#/sim/bakers?cakes=3&note=a%20b+c&cakes=%D0%B4");
        let pairs: Vec<_> = loc.pairs().collect();
        assert_eq!(pairs, [("cakes", "3"), ("note", "a b c"), ("cakes", "д")]);
        assert_eq!(loc.get("cakes"), Some("д"));
        assert_eq!(loc.get("nope"), None);
    }

    #[test]
    fn broken_percent_escapes_do_not_fail() {
        let loc = Location::parse("#/sim/bakers?cakes=%ZZ%&=&&x");
        assert_eq!(loc.route, Route::Simulation("bakers".into()));
        assert_eq!(loc.query[0], ("cakes".to_owned(), "%ZZ%".to_owned()));
    }

    #[test]
    fn links_round_trip() {
        let route = Route::Simulation("bakers".into());
        let href = route.href_with([("cakes", "3".to_owned()), ("note", "a b".to_owned())]);
        assert_eq!(href, "#/sim/bakers?cakes=3&note=a+b");
        let back = Location::parse(&href);
        assert_eq!(back.route, route);
        assert_eq!(back.query[1].1, "a b");
        assert_eq!(Route::Home.href_with([]), "#/");
    }
}
