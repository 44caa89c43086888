//! The simulations: a registry by name, and the box a lesson directive turns into.

pub mod bakers;
pub mod event_loop;
pub mod gil;
pub mod io_or_cpu;
pub mod race;
pub mod scheduler;

pub mod shell;

use crate::components::player::Clock;
use crate::components::timeline::work_class;
use crate::content::StaticDirective;
use crate::i18n::{use_lang, Lang, Tr};
use crate::route::Route;
use engine::params::ParamIssue;
use engine::trace::Work;
use leptos::prelude::*;
use shell::Sim;

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

impl Mode {
    /// A word that keeps element ids unique when a simulation is on a page twice.
    pub fn suffix(self) -> &'static str {
        match self {
            Mode::Lesson => "lesson",
            Mode::Page => "page",
            Mode::Embed => "embed",
        }
    }
}

/// The query key of a simulation's current moment (its clock's tick).
pub const MOMENT_KEY: &str = "t";

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
    // Syncs the URL (the outside world) with the simulation's state.
    Effect::new(move |_| crate::browser::replace_fragment(&route.href_with(query())));
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
    let label = use_lang().get_untracked().ui().open_alone;
    (mode == Mode::Lesson).then(|| {
        view! {
            <a class="open-page" href=move || page_href(kind, query.get())>
                {label}
            </a>
        }
    })
}

/// Every simulation the course has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimKind {
    /// One baker, two bakers: concurrency and parallelism.
    Bakers,
    /// The same tasks under preemptive and cooperative scheduling.
    Scheduler,
    /// The same jobs one by one, in threads under the GIL, and in processes.
    Gil,
    /// Two threads race on `counter += 1`; a lock; processes that share nothing.
    Race,
    /// An exercise: mark each line of a snippet I/O-bound or CPU-bound.
    IoOrCpu,
    /// A small asyncio program run step by step on the event loop.
    EventLoop,
}

/// What the site knows of a simulation outside its own code: its name in addresses, its
/// title and summary, and how many ready-made sets it has.
struct Entry {
    kind: SimKind,
    name: &'static str,
    title: Tr,
    summary: Tr,
    presets: usize,
}

/// Every simulation, in the order of the chapter: the one list the site reads.
const REGISTRY: [Entry; 6] = [
    Entry {
        kind: SimKind::IoOrCpu,
        name: "io-or-cpu",
        title: Tr("Упражнение: ввод-вывод или вычисления?", "Exercise: I/O-bound or CPU-bound?"),
        summary: Tr(
            "Десять коротких программ на Python: отметьте, чем ограничена каждая строка — \
             ожиданием ввода-вывода или работой процессора, — и прочитайте почему.",
            "Ten short Python programs: mark what bounds each line — waiting for I/O or the \
             CPU's work — and read why.",
        ),
        presets: 0,
    },
    Entry {
        kind: SimKind::Bakers,
        name: "bakers",
        title: Tr("Пекари: конкурентность и параллелизм", "Bakers: concurrency and parallelism"),
        summary: Tr(
            "Один пекарь по очереди, один пекарь, который переключается, пока греется духовка, \
             и несколько пекарей сразу — на одной шкале времени.",
            "One baker doing one step at a time, one baker who switches while the oven heats, \
             and several bakers at once — on one time axis.",
        ),
        presets: bakers::BakersSim::PRESETS.len(),
    },
    Entry {
        kind: SimKind::Scheduler,
        name: "scheduler",
        title: Tr(
            "Вытесняющая и кооперативная многозадачность",
            "Preemptive and cooperative multitasking",
        ),
        summary: Tr(
            "Одни и те же задачи на одном процессоре: ОС прерывает их по кванту — или они сами \
             уступают на await. Жадная задача, цена переключений, крошечный квант.",
            "The same tasks on one CPU: the OS interrupts them by time slice — or they give way \
             at await themselves. A greedy task, the cost of switches, a tiny slice.",
        ),
        presets: scheduler::SchedulerSim::PRESETS.len(),
    },
    Entry {
        kind: SimKind::Race,
        name: "race",
        title: Tr("Гонка потоков за counter += 1", "Threads racing on counter += 1"),
        summary: Tr(
            "Процесс и его память, потоки внутри. Два потока делают counter += 1 — шаг за \
             шагом, вручную или по воле планировщика: потерянные обновления, lock, процессы.",
            "A process and its memory, threads inside. Two threads do counter += 1 step by \
             step, by hand or as a scheduler decides: lost updates, a lock, processes.",
        ),
        presets: race::RaceSim::PRESETS.len(),
    },
    Entry {
        kind: SimKind::Gil,
        name: "gil",
        title: Tr("GIL: потоки, процессы и ядра", "The GIL: threads, processes and cores"),
        summary: Tr(
            "Одни и те же задачи по очереди, в потоках под одним GIL и в процессах на ядрах: \
             кто держит GIL, когда он переходит к другому потоку и сколько всё заняло.",
            "The same jobs one by one, in threads under one GIL, and in processes on the \
             cores: who holds the GIL, when it passes to another thread, and how long it all took.",
        ),
        presets: gil::GilSim::PRESETS.len(),
    },
    Entry {
        kind: SimKind::EventLoop,
        name: "event-loop",
        title: Tr("Цикл событий шаг за шагом", "The event loop, step by step"),
        summary: Tr(
            "Небольшая программа на asyncio выполняется по шагам: текущая строка, очередь \
             готовых, таймеры, ввод-вывод в полёте и вывод. Программу можно менять.",
            "A small asyncio program runs step by step: the current line, the ready queue, \
             the timers, the I/O in flight and the output. You can change the program.",
        ),
        presets: event_loop::EventLoopSim::PRESETS.len(),
    },
];

impl SimKind {
    /// All simulations, in the order of the chapter.
    pub const ALL: [SimKind; 6] = [
        REGISTRY[0].kind,
        REGISTRY[1].kind,
        REGISTRY[2].kind,
        REGISTRY[3].kind,
        REGISTRY[4].kind,
        REGISTRY[5].kind,
    ];

    fn entry(self) -> &'static Entry {
        let found = REGISTRY.iter().find(|e| e.kind == self);
        found.expect("every simulation is in the registry (a test walks them)")
    }

    /// Finds a simulation by its URL name.
    pub fn from_name(name: &str) -> Option<Self> {
        REGISTRY.iter().find(|e| e.name == name).map(|e| e.kind)
    }

    /// Its name in URLs and directives.
    pub fn name(self) -> &'static str {
        self.entry().name
    }

    /// How many ready-made presets it offers.
    pub fn presets(self) -> usize {
        self.entry().presets
    }

    /// Its title.
    pub fn title(self, lang: Lang) -> &'static str {
        self.entry().title.get(lang)
    }

    /// One sentence on what it shows.
    pub fn summary(self, lang: Lang) -> &'static str {
        self.entry().summary.get(lang)
    }
}

/// Each simulation's view is a split point. The release build (`--cfg split`, made by
/// `scripts/build-wasm.sh`) puts each one's code in a wasm chunk of its own, fetched the first
/// time that simulation is shown; other builds call the view directly.
macro_rules! split_views {
    ($($kind:ident: $name:ident => $module:ident :: $component:ident),* $(,)?) => {
        $(
            #[cfg_attr(split, ::leptos::wasm_split::wasm_split(
                $name,
                wasm_split_path = ::leptos::wasm_split,
                fallible
            ))]
            fn $name(
                query: Vec<(String, String)>,
                mode: Mode,
            ) -> Result<AnyView, ::leptos::wasm_split::SplitLoaderError> {
                Ok(view! { <$module::$component query=query mode=mode /> }.into_any())
            }
        )*

        /// The view of `kind`, once its code is loaded; `None` when it could not be fetched.
        async fn load(kind: SimKind, query: Vec<(String, String)>, mode: Mode) -> Option<AnyView> {
            match kind {
                $(SimKind::$kind => {
                    #[cfg(split)]
                    let view = $name(query, mode).await.ok();
                    #[cfg(not(split))]
                    let view = $name(query, mode).ok();
                    view
                })*
            }
        }
    };
}

split_views! {
    Bakers: bakers_view => bakers::Bakers,
    Scheduler: scheduler_view => scheduler::Scheduler,
    Gil: gil_view => gil::Gil,
    Race: race_view => race::ThreadRace,
    IoOrCpu: io_or_cpu_view => io_or_cpu::IoOrCpu,
    EventLoop: event_loop_view => event_loop::EventLoop,
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
    let ui = use_lang().get_untracked().ui();
    let attempt = RwSignal::new(0u32);
    let body = move || {
        attempt.track();
        let query = query.clone();
        Suspend::new(async move {
            match load(kind, query, mode).await {
                Some(view) => view,
                None => {
                    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
                    let error = crate::content::LoadError::Network;
                    let message = ui.sim_load_failed;
                    view! {
                        <crate::components::fetch_failed::FetchFailed
                            error=error
                            retry=retry
                            message=message
                        />
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <Suspense fallback=move || view! { <p class="loading" role="status">{ui.loading}</p> }>
            {body}
        </Suspense>
    }
}

/// What a `sim` directive in a lesson shows: the simulation, or a box saying what is wrong.
#[component]
pub fn DirectiveBox(
    /// The directive as written in the lesson.
    directive: &'static StaticDirective,
) -> impl IntoView {
    let ui = use_lang().get_untracked().ui();
    let Some(kind) = SimKind::from_name(directive.name) else {
        let known = SimKind::ALL.map(SimKind::name).join(", ");
        let name = if directive.name.is_empty() { ui.empty } else { directive.name };
        return view! {
            <div class="notice error" role="alert">
                {format!("{}«{name}». {}{known}.", ui.directive_unknown, ui.available)}
            </div>
        }
        .into_any();
    };
    let stray = (!directive.stray.is_empty()).then(|| {
        view! {
            <div class="notice" role="status">
                {format!("{}{}.", ui.directive_stray, directive.stray.join(" "))}
            </div>
        }
    });
    let query = directive.params.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
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

/// The link to a simulation's own page with the given parameters.
pub fn page_href<'a>(kind: SimKind, pairs: impl IntoIterator<Item = (&'a str, String)>) -> String {
    Route::Simulation(kind.name().to_owned()).href_with(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_simulation_is_in_the_registry_once_by_a_name_of_its_own() {
        for kind in SimKind::ALL {
            assert_eq!(REGISTRY.iter().filter(|e| e.kind == kind).count(), 1, "{kind:?}");
            assert_eq!(SimKind::from_name(kind.name()), Some(kind));
            assert!(Lang::ALL
                .iter()
                .all(|&l| !kind.title(l).is_empty() && !kind.summary(l).is_empty()));
        }
        assert_eq!(SimKind::from_name("nowhere"), None);
    }
}
