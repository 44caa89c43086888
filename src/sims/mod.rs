//! The simulations: each one's view, loaded the first time it is shown, and the box a lesson
//! directive turns into. registry.rs lists them; shell.rs is what every simulation shares.

pub mod bakers;
pub mod event_loop;
pub mod gil;
pub mod io_or_cpu;
pub mod race;
pub mod scheduler;

pub mod controls;
pub mod predict;
pub mod registry;
pub mod shell;

pub use registry::{page_href, Mode, SimKind, MOMENT_KEY};

use crate::components::lazy::{loader, Lazy};
use crate::content::StaticDirective;
use crate::i18n::use_lang;
use leptos::prelude::*;

/// Each simulation's view is a split point. The release build (`--cfg split`, made by
/// `scripts/build-wasm.sh`) puts each one's code in a wasm chunk of its own, fetched the first
/// time that simulation is shown; other builds call the view directly.
macro_rules! split_views {
    ($($kind:ident: $name:ident, $preload:ident => $view:expr, ahead $ahead:expr),* $(,)?) => {
        $(
            /// The view, or with `ahead` only its run, made a task before the view.
            #[cfg_attr(split, ::leptos::wasm_split::wasm_split(
                $name,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload($preload)
            ))]
            fn $name(
                query: Vec<(String, String)>,
                mode: Mode,
                ahead: bool,
            ) -> Result<Option<AnyView>, ::leptos::wasm_split::SplitLoaderError> {
                Ok(if ahead {
                    ($ahead)(&query);
                    None
                } else {
                    Some($view(query, mode))
                })
            }
        )*

        /// The view of `kind`, once its code is loaded; `None` when it could not be fetched.
        async fn load(kind: SimKind, query: Vec<(String, String)>, mode: Mode) -> Option<AnyView> {
            // The chunk is fetched and instantiated (the browser compiles its start there) in
            // one task; the event loop's interpreter is readied in the next few; the run the
            // view shows is made in the next, and the view in the last.
            #[cfg(split)]
            match kind {
                $(SimKind::$kind => $preload().await.ok()?,)*
            }
            #[cfg(split)]
            crate::browser::next_task().await;
            if kind == SimKind::EventLoop {
                ready_the_interpreter().await?;
            }
            for ahead in [true, false] {
                let made = match kind {
                    $(SimKind::$kind => {
                        #[cfg(split)]
                        let made = $name(query.clone(), mode, ahead).await.ok()?;
                        #[cfg(not(split))]
                        let made = $name(query.clone(), mode, ahead).ok()?;
                        made
                    })*
                };
                if made.is_some() {
                    return made;
                }
                crate::browser::next_task().await;
            }
            None
        }
    };
}

/// The event-loop view's first run reads and compiles CPython's asyncio (750 lines) and runs
/// code the browser compiles on its first call: done ahead, a task at a time, so that no task
/// blocks the page long. Each step takes the prelude one stage further (a few of its lines into
/// tokens, then all of it, likewise into statements and bytecode, then a first run of its
/// module: the browser compiles the reading code in one task, then reads the whole in
/// another); the last runs a tiny program. Says whether there is a step after this one. Its
/// code is in the event loop's chunk, loaded before the first step.
#[cfg_attr(split, ::leptos::wasm_split::wasm_split(
    event_loop_view,
    wasm_split_path = ::leptos::wasm_split,
    fallible
))]
fn prepare_interpreter() -> Result<bool, ::leptos::wasm_split::SplitLoaderError> {
    Ok(if engine::python::prepared() {
        let _ = engine::python::run_source(
            "import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n\nasyncio.run(main())\n",
        );
        false
    } else {
        engine::python::prepare();
        true
    })
}

/// [`prepare_interpreter`]'s steps, each in a task of its own; `None` when the chunk could
/// not be fetched.
async fn ready_the_interpreter() -> Option<()> {
    loop {
        #[cfg(split)]
        let more = prepare_interpreter().await.ok()?;
        #[cfg(not(split))]
        let more = prepare_interpreter().ok()?;
        crate::browser::next_task().await;
        if !more {
            return Some(());
        }
    }
}

split_views! {
    Bakers: bakers_view, load_bakers => shell::shell::<bakers::BakersSim>,
        ahead shell::run_ahead::<bakers::BakersSim>,
    Scheduler: scheduler_view, load_scheduler => shell::shell::<scheduler::SchedulerSim>,
        ahead shell::run_ahead::<scheduler::SchedulerSim>,
    Gil: gil_view, load_gil => shell::shell::<gil::GilSim>,
        ahead shell::run_ahead::<gil::GilSim>,
    Race: race_view, load_race => shell::shell::<race::RaceSim>,
        ahead shell::run_ahead::<race::RaceSim>,
    // The exercise has no run to make: its view is its questions.
    IoOrCpu: io_or_cpu_view, load_io_or_cpu => io_or_cpu::view, ahead |_| {},
    EventLoop: event_loop_view, load_event_loop => shell::shell::<event_loop::EventLoopSim>,
        ahead shell::run_ahead::<event_loop::EventLoopSim>,
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
    let load = loader(move || load(kind, query.clone(), mode));
    view! { <Lazy load=load failed=ui.sim_load_failed /> }
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
