//! The pieces of a simulation's page the shell places, and the exercise uses too: the address
//! bar kept in step, panel titles, the row of ready-made sets, the colour key, the notes on
//! malformed parameters and the link to open a simulation alone.

use super::registry::{page_href, Mode, SimKind};
use crate::components::player::Clock;
use crate::components::timeline::work_class;
use crate::i18n::{use_lang, Lang};
use crate::route::Route;
use engine::params::ParamIssue;
use engine::trace::Work;
use leptos::prelude::*;

/// On a simulation's own page or embed, keeps the address bar a link to what is on screen:
/// `query` gives the parameters for a moment (the moment only while paused, because browsers
/// throttle frequent history updates).
pub fn sync_url(
    kind: SimKind,
    mode: Mode,
    clock: Clock,
    query: impl Fn(Option<u32>) -> Vec<(&'static str, String)> + 'static,
) {
    sync_url_with(kind, mode, move || {
        let moment = (!clock.playing.get()).then(|| clock.tick.get()).filter(|&t| t > 0);
        query(moment)
    });
}

/// On a simulation's own page or embed, keeps the address bar at the parameters `query`
/// gives (and follows them as they change); inside a lesson, leaves the lesson's URL alone.
pub fn sync_url_with(
    kind: SimKind,
    mode: Mode,
    query: impl Fn() -> Vec<(&'static str, String)> + 'static,
) {
    let route = match mode {
        Mode::Lesson => return,
        Mode::Embed => Route::Embed(kind.name().to_owned()),
        Mode::Page => Route::Simulation(kind.name().to_owned()),
    };
    // Syncs the URL (the outside world) with the simulation's state. The address keeps the
    // language it names, and an embed keeps its frame's options (`controls=minimal`), so that
    // a reload of the frame shows it the same way.
    Effect::new(move |_| {
        let here = crate::browser::location();
        let frame = here
            .pairs()
            .filter(|_| mode == Mode::Embed)
            .filter_map(|(key, value)| {
                let key = crate::embed::KEYS.iter().find(|k| **k == key)?;
                Some((*key, value.to_owned()))
            })
            .collect::<Vec<_>>();
        let pairs = query().into_iter().chain(frame);
        crate::browser::replace_address(&route.href_with(here.lang, pairs));
    });
}

/// A panel's title: a second-level heading where the simulation is the page, a third-level
/// one inside a lesson (under the lesson's own second-level headings).
#[component]
pub fn PanelTitle(
    /// Where the simulation is shown.
    mode: Mode,
    /// The title.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    match mode {
        Mode::Lesson => view! { <h3 class="panel-title">{text}</h3> }.into_any(),
        Mode::Page | Mode::Embed => view! { <h2 class="panel-title">{text}</h2> }.into_any(),
    }
}

/// The row of a simulation's ready-made sets: picking one applies it and records it as
/// tried in the learner's progress.
#[component]
pub fn PresetRow(
    /// Which simulation.
    kind: SimKind,
    /// The row's name, for screen readers.
    label: &'static str,
    /// Each set's name (as stored in progress) and its words for the learner.
    presets: Vec<(&'static str, &'static str)>,
    /// The set the simulation now shows, if any.
    #[prop(into)]
    pressed: Signal<Option<&'static str>>,
    /// Applies the set of that name.
    on_pick: Callback<&'static str>,
) -> impl IntoView {
    let store = crate::progress::use_progress();
    let buttons = presets
        .into_iter()
        .map(|(name, text)| {
            view! {
                <button
                    class="preset"
                    aria-pressed=move || (pressed.get() == Some(name)).to_string()
                    on:click=move |_| {
                        on_pick.run(name);
                        store.tried(kind.name(), name);
                    }
                >
                    {text}
                </button>
            }
        })
        .collect_view();
    view! { <div class="presets" role="group" aria-label=label>{buttons}</div> }
}

/// A row of choices as [`PresetRow`] draws it (and a simulation's own rows like it), as HTML
/// text for a page's file: its name for screen readers (`shown` before the buttons as well),
/// and each choice's words with whether it is the one on.
pub fn choice_row_html(label: &str, shown: bool, choices: &[(&str, bool)]) -> String {
    use crate::site::escape;
    let shown = if shown {
        format!("<span class=\"group-label\" aria-hidden=\"true\">{}</span>", escape(label))
    } else {
        String::new()
    };
    let buttons: String = choices
        .iter()
        .map(|(text, on)| {
            format!("<button class=\"preset\" aria-pressed=\"{on}\">{}</button>", escape(text))
        })
        .collect();
    format!(
        "<div class=\"presets\" role=\"group\" aria-label=\"{}\">{shown}{buttons}</div>",
        escape(label)
    )
}

/// The colour key above a simulation's timelines: a chip per kind of work with its name, a
/// chip for the empty track if named, and a note after them.
#[component]
pub fn Legend(
    /// The kinds of work and their names for the learner.
    kinds: Vec<(Work, &'static str)>,
    /// The empty track's name, if the key shows it.
    idle: Option<&'static str>,
    /// A note after the chips.
    note: Option<&'static str>,
) -> impl IntoView {
    let chips = kinds
        .into_iter()
        .map(
            |(kind, name)| view! { <span class=format!("chip {}", work_class(kind))>{name}</span> },
        )
        .collect_view();
    let idle = idle.map(|name| view! { <span class="chip idle">{name}</span> });
    let note = note.map(|n| view! { <span class="chip-note">{n}</span> });
    view! { <div class="legend" aria-hidden="true">{chips}{idle}{note}</div> }
}

/// In a lesson, the link to the simulation's own page with its current settings.
#[component]
pub fn OpenAlone(
    /// Which simulation.
    kind: SimKind,
    /// Where it is shown; the link is only for lessons.
    mode: Mode,
    /// Its current parameters.
    #[prop(into)]
    query: Signal<Vec<(&'static str, String)>>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let label = lang.ui().open_alone;
    (mode == Mode::Lesson).then(|| {
        view! {
            <a class="open-page" href=move || page_href(kind, lang, query.get())>
                {label}
            </a>
        }
    })
}

/// Shows what was wrong with the parameters, if anything. `label` names a key for the learner.
#[component]
pub fn ParamNotes(
    /// The problems found while reading the parameters.
    issues: Vec<ParamIssue>,
    /// Names a parameter key in the learner's words.
    label: fn(Lang, &str) -> &'static str,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    (!issues.is_empty()).then(|| {
        let items = issues
            .iter()
            .map(|issue| view! { <li>{describe(lang, issue, label)}</li> })
            .collect_view();
        view! {
            <div class="notice" role="status">
                <strong>{lang.ui().params_fixed}</strong>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// A parameter problem in the learner's words.
pub fn describe(lang: Lang, issue: &ParamIssue, label: fn(Lang, &str) -> &'static str) -> String {
    match (lang, issue) {
        (Lang::Ru, ParamIssue::NotANumber { key, value, used }) => {
            format!("{}: «{value}» — не целое число, взято {used}.", label(lang, key))
        }
        (Lang::Ru, ParamIssue::OutOfRange { key, value, min, max, used }) => {
            format!("{}: {value} вне диапазона {min}–{max}, взято {used}.", label(lang, key))
        }
        (Lang::Ru, ParamIssue::LeftOut { key, value, kept }) => {
            format!("{}: пропущено «{value}», оставлено {kept}.", label(lang, key))
        }
        (Lang::En, ParamIssue::LeftOut { key, value, kept }) => {
            format!("{}: “{value}” left out; {kept} kept.", label(lang, key))
        }
        (Lang::Ru, ParamIssue::NotOneOf { key, value, allowed }) => {
            format!("{}: «{value}» — не одно из {allowed}, пропущено.", label(lang, key))
        }
        (Lang::En, ParamIssue::NotOneOf { key, value, allowed }) => {
            format!("{}: “{value}” is not one of {allowed}; ignored.", label(lang, key))
        }
        (Lang::Ru, ParamIssue::Unknown { key }) => {
            format!("Неизвестный параметр «{key}» пропущен.")
        }
        (Lang::En, ParamIssue::NotANumber { key, value, used }) => {
            format!("{}: “{value}” is not a whole number; using {used}.", label(lang, key))
        }
        (Lang::En, ParamIssue::OutOfRange { key, value, min, max, used }) => {
            format!("{}: {value} is outside {min}–{max}; using {used}.", label(lang, key))
        }
        (Lang::En, ParamIssue::Unknown { key }) => format!("Unknown parameter “{key}” ignored."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_parameter_problem_is_told_in_both_languages() {
        let issues = [
            ParamIssue::NotANumber { key: "t", value: "x".into(), used: 0 },
            ParamIssue::OutOfRange { key: "t", value: "9".into(), min: 0, max: 5, used: 5 },
            ParamIssue::LeftOut { key: "t", value: "x".into(), kept: 1 },
            ParamIssue::NotOneOf { key: "t", value: "x".into(), allowed: "a, b" },
            ParamIssue::Unknown { key: "x".into() },
        ];
        for issue in &issues {
            for lang in Lang::ALL {
                let said = describe(lang, issue, |_, _| "Шаг");
                assert!(said.len() > 10 && said.contains('x') | said.contains('9'), "{said}");
            }
        }
    }
}
