//! Light, dark, or as the system says: the learner's choice, remembered, applied as
//! `<html data-theme>` (the stylesheet defines every colour once with `light-dark()`).

use crate::browser;
use crate::i18n::Lang;
use leptos::prelude::*;

const STORAGE_KEY: &str = "asyncio-course.theme";

/// The learner's choice of colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// As the operating system says.
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The next choice when the toggle is pressed.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// Its stored name, also the value of `data-theme`.
    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Reads a stored name; anything else is the system's choice.
    pub fn from_code(code: &str) -> Theme {
        match code {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// Its name for the learner.
    pub fn name(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Ru, Theme::System) => "Тема: как в системе",
            (Lang::Ru, Theme::Light) => "Тема: светлая",
            (Lang::Ru, Theme::Dark) => "Тема: тёмная",
            (Lang::En, Theme::System) => "Theme: as the system",
            (Lang::En, Theme::Light) => "Theme: light",
            (Lang::En, Theme::Dark) => "Theme: dark",
        }
    }

    /// Its icon, a path on a 24×24 grid.
    fn icon(self) -> &'static str {
        match self {
            // A ring with its left half filled (drawn with the even-odd rule).
            Theme::System => "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 0 1 0 16z",
            Theme::Light => "M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM11 1h2v4h-2zM11 19h2v4h-2zM1 11h4v2H1zM19 11h4v2h-4z",
            Theme::Dark => "M14 3a9 9 0 1 0 7 14A8 8 0 0 1 14 3z",
        }
    }
}

/// Applies `theme` to the page (without remembering it).
pub fn apply(theme: Theme) {
    browser::set_root_attribute("data-theme", (theme != Theme::System).then(|| theme.code()));
}

/// The learner's stored choice, applied to the page.
pub fn start() -> RwSignal<Theme> {
    let theme = Theme::from_code(&browser::load(STORAGE_KEY).unwrap_or_default());
    apply(theme);
    RwSignal::new(theme)
}

/// The button that cycles through system, light and dark.
#[component]
pub fn ThemeSwitch(
    /// The choice, shared with the app.
    theme: RwSignal<Theme>,
    /// The page's language.
    lang: Lang,
) -> impl IntoView {
    let choose = move |_| {
        let next = theme.get_untracked().next();
        browser::save(STORAGE_KEY, next.code());
        apply(next);
        theme.set(next);
    };
    view! {
        <button
            class="theme-switch"
            aria-label=move || theme.get().name(lang)
            title=move || theme.get().name(lang)
            on:click=choose
        >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path d=move || theme.get().icon() fill="currentColor" fill-rule="evenodd" />
            </svg>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toggle_cycles_and_names_round_trip() {
        assert_eq!(Theme::System.next().next().next(), Theme::System);
        for theme in [Theme::System, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::from_code(theme.code()), theme);
        }
        assert_eq!(Theme::from_code("purple"), Theme::System);
    }
}
