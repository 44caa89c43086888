//! The registry of simulations: every one the course has, its name in addresses, its title
//! and summary, and where one is shown.

use crate::i18n::{Lang, Tr};
use crate::route::Route;

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
    goals: &'static [GoalWords],
}

/// A goal to reach in a simulation: its name in progress, as its engine gives it, and what to
/// do.
pub struct GoalWords {
    /// Its name in the learner's progress.
    pub key: &'static str,
    /// What to reach, in a sentence.
    pub name: Tr,
}

/// The exercise's goal: every line marked rightly.
pub const GOAL_ALL_RIGHT: &str = "all-right";

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
        goals: &[GoalWords {
            key: GOAL_ALL_RIGHT,
            name: Tr("Отметьте верно все строки.", "Mark every line rightly."),
        }],
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
        presets: engine::bakers::PRESETS.len(),
        goals: &[GoalWords {
            key: engine::bakers::GOAL_SIX_CAKES,
            name: Tr(
                "Испеките 6 тортов за два часа или быстрее с двумя пекарями (минуты шагов — \
                 как в уроке).",
                "Bake 6 cakes in two hours or less with two bakers (the lesson’s minutes for \
                 each step).",
            ),
        }],
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
        presets: engine::scheduler::PRESETS.len(),
        goals: &[GoalWords {
            key: engine::scheduler::GOAL_GIVE_WAY,
            name: Tr(
                "«Жадная задача»: пусть задача 1 уступает (await между вычислениями), чтобы \
                 никто не ждал процессор дольше, чем при вытеснении.",
                "“Greedy task”: make task 1 give way (an await between its computations) so \
                 that no task waits for the CPU longer than under preemption.",
            ),
        }],
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
        presets: engine::race::PRESETS.len(),
        goals: &[
            GoalWords {
                key: engine::race::GOAL_LOSE_TWO,
                name: Tr(
                    "Вручную: потеряйте ровно два обновления.",
                    "By hand: lose exactly two updates.",
                ),
            },
            GoalWords {
                key: engine::race::GOAL_COUNTER_TWO,
                name: Tr(
                    "Вручную, при трёх раундах или больше: оставьте counter равным 2 — меньше \
                     не бывает.",
                    "By hand, with three rounds or more: leave counter at 2, the least it can \
                     be.",
                ),
            },
        ],
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
        presets: engine::gil::PRESETS.len(),
        goals: &[GoalWords {
            key: engine::gil::GOAL_FIVE_TIMES,
            name: Tr(
                "Ускорьте задачи, нагружающие процессор, в пять раз или больше против одного \
                 потока.",
                "Make CPU-bound jobs five times faster than one thread, or more.",
            ),
        }],
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
        presets: engine::event_loop::PRESETS.len(),
        goals: &[GoalWords {
            key: engine::event_loop::guess::GOAL_HEARTBEAT,
            name: Tr(
                "«Вычисления замораживают всё»: пусть heartbeat бьётся вовремя (опаздывая не \
                 больше чем на 0,1 с), а программа всё так же вычисляет 1 с.",
                "“Computing freezes everything”: keep every heartbeat within 0.1 s of its time \
                 while the program still computes for 1 s.",
            ),
        }],
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

    /// The goals it sets.
    pub fn goals(self) -> &'static [GoalWords] {
        self.entry().goals
    }

    /// Its title.
    pub fn title(self, lang: Lang) -> &'static str {
        self.entry().title.get(lang)
    }

    /// One sentence on what it shows.
    pub fn summary(self, lang: Lang) -> &'static str {
        self.entry().summary.get(lang)
    }

    /// What its page files show of it before the app starts (see [`super::shell::Still`]);
    /// none for the exercise, which has no run.
    pub fn still(self, lang: Lang) -> Option<super::shell::Still> {
        use super::shell::still;
        match self {
            Self::Bakers => Some(still::<super::bakers::BakersSim>(lang)),
            Self::Scheduler => Some(still::<super::scheduler::SchedulerSim>(lang)),
            Self::Gil => Some(still::<super::gil::GilSim>(lang)),
            Self::Race => Some(still::<super::race::RaceSim>(lang)),
            Self::EventLoop => Some(still::<super::event_loop::EventLoopSim>(lang)),
            Self::IoOrCpu => None,
        }
    }
}

/// The link to a simulation's own page in `lang` with the given parameters.
pub fn page_href<'a>(
    kind: SimKind,
    lang: Lang,
    pairs: impl IntoIterator<Item = (&'a str, String)>,
) -> String {
    Route::Simulation(kind.name().to_owned()).href_with(lang, pairs)
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
