//! The simulations: a registry by name, and the box a lesson directive turns into.

pub mod bakers;

use crate::content::StaticDirective;
use crate::route::Route;
use engine::params::ParamIssue;
use leptos::prelude::*;

/// Where a simulation is shown, which decides what it may change around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Inside a lesson: the lesson's URL is not touched; a link opens it on its own page.
    Lesson,
    /// On its own page: its state is kept in the URL.
    Page,
    /// Alone in an iframe: its state is kept in the URL; no site around it.
    Embed,
}

/// Every simulation the course has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimKind {
    /// One baker, two bakers: concurrency and parallelism.
    Bakers,
}

impl SimKind {
    /// All simulations, in the order of the chapter.
    pub const ALL: [SimKind; 1] = [SimKind::Bakers];

    /// Finds a simulation by its URL name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Its name in URLs and directives.
    pub fn name(self) -> &'static str {
        match self {
            SimKind::Bakers => "bakers",
        }
    }

    /// Its title.
    pub fn title(self) -> &'static str {
        match self {
            SimKind::Bakers => "Пекари: конкурентность и параллелизм",
        }
    }

    /// One sentence on what it shows.
    pub fn summary(self) -> &'static str {
        match self {
            SimKind::Bakers => {
                "Один пекарь по очереди, один пекарь, который переключается, пока греется духовка, \
                 и несколько пекарей сразу — на одной шкале времени."
            }
        }
    }
}

/// A simulation by kind, started from `query` (URL or directive parameters).
#[component]
pub fn Simulation(
    /// Which simulation.
    kind: SimKind,
    /// Its parameters as `key=value` pairs, possibly malformed.
    query: Vec<(String, String)>,
    /// Where it is shown.
    mode: Mode,
) -> impl IntoView {
    match kind {
        SimKind::Bakers => view! { <bakers::Bakers query=query mode=mode /> },
    }
}

/// What a `sim` directive in a lesson shows: the simulation, or a box saying what is wrong.
#[component]
pub fn DirectiveBox(
    /// The directive as written in the lesson.
    directive: &'static StaticDirective,
) -> impl IntoView {
    let Some(kind) = SimKind::from_name(directive.name) else {
        let known = SimKind::ALL.map(SimKind::name).join(", ");
        let name = if directive.name.is_empty() {
            "(пусто)"
        } else {
            directive.name
        };
        return view! {
            <div class="notice error" role="alert">
                <strong>"Не удалось показать симуляцию. "</strong>
                {format!("В уроке указана симуляция «{name}», а такой нет. Есть: {known}.")}
            </div>
        }
        .into_any();
    };
    let stray = (!directive.stray.is_empty()).then(|| {
        view! {
            <div class="notice" role="status">
                {format!(
                    "В описании симуляции непонятные слова пропущены: {}.",
                    directive.stray.join(" "),
                )}
            </div>
        }
    });
    let query = directive
        .params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    view! {
        {stray}
        <Simulation kind=kind query=query mode=Mode::Lesson />
    }
    .into_any()
}

/// Shows what was wrong with the parameters, if anything. `label` names a key for the learner.
#[component]
pub fn ParamNotes(
    /// The problems found while reading the parameters.
    issues: Vec<ParamIssue>,
    /// Names a parameter key in the learner's words.
    label: fn(&str) -> &'static str,
) -> impl IntoView {
    (!issues.is_empty()).then(|| {
        let items = issues
            .into_iter()
            .map(|issue| view! { <li>{describe(&issue, label)}</li> })
            .collect_view();
        view! {
            <div class="notice" role="status">
                <strong>"Некоторые параметры ссылки поправлены:"</strong>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// A parameter problem in the learner's words.
pub fn describe(issue: &ParamIssue, label: fn(&str) -> &'static str) -> String {
    match issue {
        ParamIssue::NotANumber { key, value, used } => {
            format!("{}: «{value}» — не целое число, взято {used}.", label(key))
        }
        ParamIssue::OutOfRange {
            key,
            value,
            min,
            max,
            used,
        } => {
            format!(
                "{}: {value} вне диапазона {min}–{max}, взято {used}.",
                label(key)
            )
        }
        ParamIssue::Unknown { key } => format!("Неизвестный параметр «{key}» пропущен."),
    }
}

/// The link to a simulation's own page with the given parameters.
pub fn page_href<'a>(kind: SimKind, pairs: impl IntoIterator<Item = (&'a str, String)>) -> String {
    Route::Simulation(kind.name().to_owned()).href_with(pairs)
}
