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
    /// `present`: for the back of a room: larger type, thicker bars, stronger contrast, and
    /// the moment in words as a caption under the charts.
    pub present: bool,
}

/// Shown to the simulation's shell in an embed with `present=1`: it adds the caption.
#[derive(Clone, Copy, Debug)]
pub struct Presenting;

/// The query keys the frame reads; everything else belongs to the simulation.
pub const KEYS: [&str; 9] =
    ["theme", "lang", "scale", "controls", "autoplay", "loop", "speed", "origin", "present"];

/// The speeds `speed` takes, in the order of the player's list.
const SPEED_WORDS: [&str; 6] = ["0.25", "0.5", "1", "2", "4", "8"];

const NUMBERS: [ParamSpec; 4] = [
    ParamSpec { key: "scale", min: 50, max: 300, default: 100 },
    ParamSpec { key: "autoplay", min: 0, max: 1, default: 0 },
    ParamSpec { key: "loop", min: 0, max: 1, default: 0 },
    ParamSpec { key: "present", min: 0, max: 1, default: 0 },
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
        present: values[3] == 1,
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

/// The size, in CSS pixels, a slide's layout is drawn for: 16:9, as most decks are.
pub const SLIDE: (u32, u32) = (960, 540);

/// The size a slide's layout is drawn for in front of a room (`present=1`): a smaller layout
/// scaled to the same frame, so everything on it is a fifth larger.
pub const SLIDE_PRESENTING: (u32, u32) = (800, 450);

/// A frame is a slide when it lies on its side and is at least this high; a portrait frame (a
/// phone) or a strip (an iframe before the resize script has grown it) gets the page's layout.
const SLIDE_MIN_HEIGHT: u32 = 300;

/// How an embed fills a slide: its layout drawn for [`SLIDE`] (widened or heightened to the
/// frame's shape) and scaled to the frame, so that everything is on one screen and the type
/// grows with the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlideFit {
    /// The scale, in thousandths.
    pub scale_permille: u32,
    /// The layout's width and height before scaling, in CSS pixels.
    pub size: (u32, u32),
}

impl SlideFit {
    /// The fit for a frame of `width`×`height` CSS pixels, if it is a slide, of a layout
    /// drawn for `slide` ([`SLIDE`] or [`SLIDE_PRESENTING`]).
    pub fn of(width: u32, height: u32, slide: (u32, u32)) -> Option<Self> {
        if width <= height || height < SLIDE_MIN_HEIGHT {
            return None;
        }
        let scale_permille = (width * 1000 / slide.0).min(height * 1000 / slide.1).max(1);
        // Rounded down: scaled back, the layout is never larger than the frame.
        let size = (width * 1000 / scale_permille, height * 1000 / scale_permille);
        Some(Self { scale_permille, size })
    }

    /// The embed's inline style for it (whole numbers only: printing floats would add to the
    /// first load).
    pub fn style(self) -> String {
        let (z, (w, h)) = (self.scale_permille, self.size);
        format!("transform: scale({}.{:03}); width: {w}px; height: {h}px", z / 1000, z % 1000)
    }
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
        (Lang::Ru, "present") => "Режим для зала",
        (Lang::Ru, _) => "Параметр",
        (Lang::En, "theme") => "Theme",
        (Lang::En, "lang") => "Language",
        (Lang::En, "scale") => "Text scale, %",
        (Lang::En, "controls") => "Controls",
        (Lang::En, "autoplay") => "Autoplay",
        (Lang::En, "loop") => "Loop",
        (Lang::En, "speed") => "Speed",
        (Lang::En, "origin") => "Host page's origin",
        (Lang::En, "present") => "Presenter mode",
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
            ("present", "1"),
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
        assert!(o.present);
    }

    #[test]
    fn a_landscape_frame_is_a_slide_scaled_to_fit_and_a_portrait_one_is_not() {
        let fit = |w, h| SlideFit::of(w, h, SLIDE).map(|f| (f.scale_permille, f.size));
        let fit_presenting =
            |w, h| SlideFit::of(w, h, SLIDE_PRESENTING).map(|f| (f.scale_permille, f.size));
        assert_eq!(fit(960, 540), Some((1000, (960, 540))));
        assert_eq!(fit(800, 450), Some((833, (960, 540))));
        assert_eq!(fit(1920, 1080), Some((2000, (960, 540))));
        // Not 16:9: the layout takes the frame's shape, scaled by the tighter side.
        assert_eq!(fit(1024, 768), Some((1066, (960, 720))));
        assert_eq!(fit(1280, 400), Some((740, (1729, 540))));
        // A phone held upright, a square, and the strip an iframe starts as.
        assert_eq!((fit(360, 640), fit(500, 500), fit(800, 150)), (None, None, None));
        for (w, h) in [(800, 450), (1280, 720), (1920, 1080), (1366, 768), (1001, 333)] {
            let f = SlideFit::of(w, h, SLIDE).unwrap();
            let (zw, zh) = (f.size.0 * f.scale_permille / 1000, f.size.1 * f.scale_permille / 1000);
            assert!(zw <= w && zh <= h, "{w}×{h}: scaled back to {zw}×{zh}");
        }
        assert_eq!(
            SlideFit::of(800, 450, SLIDE).unwrap().style(),
            "transform: scale(0.833); width: 960px; height: 540px"
        );
        // In front of a room the same frame shows a smaller layout, larger.
        assert_eq!(fit_presenting(1600, 900), Some((2000, (800, 450))));
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
