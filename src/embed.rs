//! What an embed's URL says about the frame around the simulation: theme, language, text size,
//! which controls show, and how the player starts (`autoplay`, `loop`, `speed`); and where it
//! posts its height for the host page's resize script (`origin`). The rest of the query is the
//! simulation's own.

use crate::i18n::Lang;
use crate::theme::Theme;
use engine::params::{quote, read_params, ParamIssue, ParamSpec};

/// Which controls an embed shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Controls {
    /// Everything: ready-made sets, settings, the player.
    #[default]
    Full,
    /// The player only.
    Minimal,
    /// Nothing: the simulation plays by itself (with `autoplay`).
    None,
}

impl Controls {
    /// Its class on the embed's frame.
    pub fn class(self) -> &'static str {
        match self {
            Controls::Full => "embed controls-full",
            Controls::Minimal => "embed controls-minimal",
            Controls::None => "embed controls-none",
        }
    }
}

/// How the player of an embed starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlayerStart {
    /// Start playing at once.
    pub autoplay: bool,
    /// Start over at the end.
    pub looping: bool,
    /// Index into the player's speeds, if given.
    pub speed: Option<usize>,
}

/// An embed's frame options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// `theme=light|dark|auto`; `None` keeps the page's.
    pub theme: Option<Theme>,
    /// `lang=ru|en`; `None` keeps the page's.
    pub lang: Option<Lang>,
    /// `scale`: the text size in percent (50–300), for the back of a room.
    pub scale: u32,
    /// `controls=full|minimal|none`.
    pub controls: Controls,
    /// `autoplay`, `loop`, `speed`.
    pub start: PlayerStart,
    /// `origin`: the host page's origin, to which the embed posts its height ("*" when absent).
    pub origin: String,
}

/// The query keys the frame reads; everything else belongs to the simulation.
pub const KEYS: [&str; 8] =
    ["theme", "lang", "scale", "controls", "autoplay", "loop", "speed", "origin"];

/// The speeds `speed` takes, in the order of the player's list.
const SPEED_WORDS: [&str; 6] = ["0.25", "0.5", "1", "2", "4", "8"];

const NUMBERS: [ParamSpec; 3] = [
    ParamSpec { key: "scale", min: 50, max: 300, default: 100 },
    ParamSpec { key: "autoplay", min: 0, max: 1, default: 0 },
    ParamSpec { key: "loop", min: 0, max: 1, default: 0 },
];

/// Splits `query` into the frame's options (with what was wrong with them) and the
/// simulation's own parameters.
pub fn read(
    query: Vec<(String, String)>,
) -> (EmbedOptions, Vec<ParamIssue>, Vec<(String, String)>) {
    let (mine, rest): (Vec<_>, Vec<_>) =
        query.into_iter().partition(|(k, _)| KEYS.contains(&k.as_str()));
    let numbers = mine
        .iter()
        .filter(|(k, _)| NUMBERS.iter().any(|s| s.key == k))
        .map(|(k, v)| (k.as_str(), v.as_str()));
    let (values, mut issues) = read_params(&NUMBERS, numbers, &[]);
    let mut options = EmbedOptions {
        scale: values[0],
        start: PlayerStart { autoplay: values[1] == 1, looping: values[2] == 1, speed: None },
        origin: "*".to_owned(),
        ..EmbedOptions::default()
    };
    for (key, value) in &mine {
        let not_one_of = |key: &'static str, allowed: &'static str| ParamIssue::NotOneOf {
            key,
            value: quote(value),
            allowed,
        };
        match key.as_str() {
            "theme" => match value.as_str() {
                "light" | "dark" => options.theme = Some(Theme::from_code(value)),
                "auto" => options.theme = Some(Theme::System),
                _ => issues.push(not_one_of("theme", "light, dark, auto")),
            },
            "lang" => match Lang::from_code(value) {
                Some(lang) if matches!(value.as_str(), "ru" | "en") => options.lang = Some(lang),
                _ => issues.push(not_one_of("lang", "ru, en")),
            },
            "controls" => match value.as_str() {
                "full" => options.controls = Controls::Full,
                "minimal" => options.controls = Controls::Minimal,
                "none" => options.controls = Controls::None,
                _ => issues.push(not_one_of("controls", "full, minimal, none")),
            },
            "speed" => {
                match SPEED_WORDS.iter().position(|w| *w == value.trim_end_matches(['x', '×'])) {
                    Some(i) => options.start.speed = Some(i),
                    None => issues.push(not_one_of("speed", "0.25, 0.5, 1, 2, 4, 8")),
                }
            }
            "origin" if value == "*" || is_origin(value) => options.origin = value.clone(),
            "origin" => issues.push(not_one_of("origin", "https://host.example, *")),
            _ => {}
        }
    }
    (options, issues, rest)
}

/// `scheme://host[:port]`, nothing more: the form `postMessage` takes as a target origin.
fn is_origin(text: &str) -> bool {
    let Some((scheme, host)) = text.split_once("://") else { return false };
    matches!(scheme, "http" | "https")
        && !host.is_empty()
        && host.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
}

/// A frame option's name for the learner.
pub fn label(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ru, "theme") => "Тема",
        (Lang::Ru, "lang") => "Язык",
        (Lang::Ru, "scale") => "Масштаб текста, %",
        (Lang::Ru, "controls") => "Элементы управления",
        (Lang::Ru, "autoplay") => "Автозапуск",
        (Lang::Ru, "loop") => "Повтор по кругу",
        (Lang::Ru, "speed") => "Скорость",
        (Lang::Ru, "origin") => "Адрес страницы-хозяина",
        (Lang::Ru, _) => "Параметр",
        (Lang::En, "theme") => "Theme",
        (Lang::En, "lang") => "Language",
        (Lang::En, "scale") => "Text scale, %",
        (Lang::En, "controls") => "Controls",
        (Lang::En, "autoplay") => "Autoplay",
        (Lang::En, "loop") => "Loop",
        (Lang::En, "speed") => "Speed",
        (Lang::En, "origin") => "Host page's origin",
        (Lang::En, _) => "Parameter",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn the_frames_options_are_read_and_the_rest_is_left_to_the_simulation() {
        let (o, issues, rest) = read(q(&[
            ("theme", "dark"),
            ("lang", "en"),
            ("scale", "150"),
            ("controls", "minimal"),
            ("autoplay", "1"),
            ("loop", "1"),
            ("speed", "2x"),
            ("origin", "https://slides.example:8443"),
            ("cakes", "3"),
        ]));
        assert_eq!(issues, []);
        assert_eq!(rest, q(&[("cakes", "3")]));
        assert_eq!(
            (o.theme, o.lang, o.scale, o.controls),
            (Some(Theme::Dark), Some(Lang::En), 150, Controls::Minimal)
        );
        assert_eq!(o.start, PlayerStart { autoplay: true, looping: true, speed: Some(3) });
        assert_eq!(o.origin, "https://slides.example:8443");
    }

    #[test]
    fn bad_values_are_ignored_with_a_note() {
        let (o, issues, _) = read(q(&[
            ("theme", "purple"),
            ("lang", "de"),
            ("scale", "9000"),
            ("controls", "some"),
            ("speed", "NaN"),
            ("origin", "javascript:alert(1)"),
        ]));
        assert_eq!(o, EmbedOptions { scale: 300, origin: "*".into(), ..EmbedOptions::default() });
        assert_eq!(issues.len(), 6);
        assert!(issues.contains(&ParamIssue::NotOneOf {
            key: "theme",
            value: "purple".into(),
            allowed: "light, dark, auto"
        }));
    }
}
