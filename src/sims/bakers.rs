//! The bakers: the same cakes made three ways, on one time axis.

use super::{
    knob_query, knob_sliders, read_moment, sync_url, Legend, Mode, OpenAlone, PanelTitle,
    ParamNotes, PresetRow, SimKind, MOMENT_KEY,
};
use crate::components::player::{Clock, Player};
use crate::components::timeline::{Bar, Row, Timeline};
use crate::i18n::{pick, use_lang, Lang};
use engine::bakery::{
    Baker, BakeryParams, Kitchen, Lane, Oven, Scenario, Span, Stage, Totals, PARAMS, PRESETS,
};
use engine::params::Knobs;
use leptos::prelude::*;

/// The simulation's fixed words in one language.
struct Words {
    settings: &'static str,
    presets: &'static str,
    legend: [&'static str; 5],
    legend_note: &'static str,
    caption: &'static str,
    kitchen: &'static str,
    total_and_gain: &'static str,
    still_baking: &'static str,
    baseline: &'static str,
}

/// A preset's name for the learner, by its name in the engine.
fn preset_name(lang: Lang, preset: &str) -> &'static str {
    match (lang, preset) {
        (Lang::Ru, "lesson") => "Как в уроке",
        (Lang::Ru, "little-waiting") => "Почти без ожидания",
        (Lang::Ru, "busy-day") => "Шесть тортов, три пекаря",
        (Lang::En, "lesson") => "As in the lesson",
        (Lang::En, "little-waiting") => "Almost no waiting",
        (Lang::En, "busy-day") => "Six cakes, three bakers",
        _ => "",
    }
}

static RU: Words = Words {
    settings: "Настройки: минуты на шаг, торты, пекари",
    presets: "Готовые наборы",
    legend: ["разогрев", "замес", "выпекание", "украшение", "простой"],
    legend_note: "цифра — номер торта",
    caption: "Итоги: сколько минут заняла каждая кухня",
    kitchen: "Кухня",
    total_and_gain: "Всего и выигрыш",
    still_baking: "ещё печём…",
    baseline: "за основу сравнения",
};

static EN: Words = Words {
    settings: "Settings: minutes per step, cakes, bakers",
    presets: "Ready-made kitchens",
    legend: ["preheat", "mix", "bake", "decorate", "idle"],
    legend_note: "the number is the cake’s",
    caption: "Totals: how many minutes each kitchen took",
    kitchen: "Kitchen",
    total_and_gain: "Total and gain",
    still_baking: "still baking…",
    baseline: "the baseline",
};

fn words(lang: Lang) -> &'static Words {
    pick(lang, &RU, &EN)
}

/// The unit of the clock.
fn unit(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "мин",
        Lang::En => "min",
    }
}

/// A parameter's name for the learner.
pub fn label(lang: Lang, key: &str) -> &'static str {
    match (lang, key) {
        (Lang::Ru, "preheat") => "Разогрев духовки",
        (Lang::Ru, "mix") => "Замес",
        (Lang::Ru, "bake") => "Выпекание",
        (Lang::Ru, "decorate") => "Украшение",
        (Lang::Ru, "cakes") => "Тортов",
        (Lang::Ru, "bakers") => "Пекарей в параллельной кухне",
        (Lang::Ru, MOMENT_KEY) => "Минута",
        (Lang::Ru, _) => "Параметр",
        (Lang::En, "preheat") => "Preheating the oven",
        (Lang::En, "mix") => "Mixing",
        (Lang::En, "bake") => "Baking",
        (Lang::En, "decorate") => "Decorating",
        (Lang::En, "cakes") => "Cakes",
        (Lang::En, "bakers") => "Bakers in the parallel kitchen",
        (Lang::En, MOMENT_KEY) => "Minute",
        (Lang::En, _) => "Parameter",
    }
}

fn scenario_name(lang: Lang, scenario: Scenario) -> &'static str {
    match (lang, scenario) {
        (Lang::Ru, Scenario::Sequential) => "Последовательно",
        (Lang::Ru, Scenario::Concurrent) => "Конкурентно",
        (Lang::Ru, Scenario::Parallel) => "Параллельно",
        (Lang::En, Scenario::Sequential) => "Sequential",
        (Lang::En, Scenario::Concurrent) => "Concurrent",
        (Lang::En, Scenario::Parallel) => "Parallel",
    }
}

/// The scenario's name in URLs and test selectors.
fn scenario_slug(scenario: Scenario) -> &'static str {
    match scenario {
        Scenario::Sequential => "sequential",
        Scenario::Concurrent => "concurrent",
        Scenario::Parallel => "parallel",
    }
}

fn scenario_title(lang: Lang, scenario: Scenario, params: BakeryParams) -> String {
    let name = scenario_name(lang, scenario);
    match (lang, scenario, params.bakers) {
        (Lang::Ru, Scenario::Sequential, _) => format!("{name}: 1 пекарь, по одному шагу"),
        (Lang::Ru, Scenario::Concurrent, _) => format!("{name}: 1 пекарь переключается"),
        (Lang::Ru, Scenario::Parallel, 1) => format!("{name}: 1 пекарь (добавьте пекарей)"),
        (Lang::Ru, Scenario::Parallel, n) => format!("{name}: {n} пекаря, у каждого своя духовка"),
        (Lang::En, Scenario::Sequential, _) => format!("{name}: 1 baker, one step at a time"),
        (Lang::En, Scenario::Concurrent, _) => format!("{name}: 1 baker who switches"),
        (Lang::En, Scenario::Parallel, 1) => format!("{name}: 1 baker (add bakers)"),
        (Lang::En, Scenario::Parallel, n) => format!("{name}: {n} bakers, each with an oven"),
    }
}

fn stage_class(stage: Stage) -> &'static str {
    match stage {
        Stage::Preheat => "preheat",
        Stage::Mix => "mix",
        Stage::Bake => "bake",
        Stage::Decorate => "decorate",
    }
}

fn lane_name(lang: Lang, lane: Lane) -> String {
    match (lang, lane) {
        (Lang::Ru, Lane::Baker(n)) => format!("Пекарь {}", n + 1),
        (Lang::Ru, Lane::Oven(n)) => format!("Духовка {}", n + 1),
        (Lang::En, Lane::Baker(n)) => format!("Baker {}", n + 1),
        (Lang::En, Lane::Oven(n)) => format!("Oven {}", n + 1),
    }
}

/// What one baker does, as the start of a sentence.
fn baker_does(lang: Lang, n: usize, baker: Baker, oven_cold: bool) -> String {
    match (lang, baker) {
        (Lang::Ru, Baker::Working { cake, stage: Stage::Mix, .. }) => {
            format!("пекарь {n} замешивает торт {}", cake + 1)
        }
        (Lang::Ru, Baker::Working { cake, .. }) => format!("пекарь {n} украшает торт {}", cake + 1),
        (Lang::Ru, Baker::Idle) if oven_cold => format!("пекарь {n} свободен"),
        (Lang::Ru, Baker::Idle) => format!("пекарь {n} ждёт"),
        (Lang::En, Baker::Working { cake, stage: Stage::Mix, .. }) => {
            format!("baker {n} mixes cake {}", cake + 1)
        }
        (Lang::En, Baker::Working { cake, .. }) => format!("baker {n} decorates cake {}", cake + 1),
        (Lang::En, Baker::Idle) if oven_cold => format!("baker {n} is free"),
        (Lang::En, Baker::Idle) => format!("baker {n} waits"),
    }
}

/// What one oven does, as the end of a sentence.
fn oven_does(lang: Lang, n: usize, oven: Oven) -> String {
    match (lang, oven) {
        (Lang::Ru, Oven::Cold) => format!("духовка {n} выключена"),
        (Lang::Ru, Oven::Preheating { cake, .. }) => {
            format!("духовка {n} разогревается для торта {}", cake + 1)
        }
        (Lang::Ru, Oven::Hot { cake }) => format!("духовка {n} разогрета и ждёт торт {}", cake + 1),
        (Lang::Ru, Oven::Baking { cake, .. }) => format!("в духовке {n} печётся торт {}", cake + 1),
        (Lang::En, Oven::Cold) => format!("oven {n} is off"),
        (Lang::En, Oven::Preheating { cake, .. }) => {
            format!("oven {n} preheats for cake {}", cake + 1)
        }
        (Lang::En, Oven::Hot { cake }) => {
            format!("oven {n} is hot and waits for cake {}", cake + 1)
        }
        (Lang::En, Oven::Baking { cake, .. }) => format!("cake {} bakes in oven {n}", cake + 1),
    }
}

/// The full description of one bar, for its tooltip and screen readers.
fn span_title(lang: Lang, span: &Span) -> String {
    let n = match span.lane {
        Lane::Baker(n) | Lane::Oven(n) => n + 1,
    };
    let what = match span.lane {
        Lane::Baker(_) => {
            let baker = Baker::Working { cake: span.cake, stage: span.stage, until: span.end };
            baker_does(lang, n, baker, false)
        }
        Lane::Oven(_) => {
            let oven = match span.stage {
                Stage::Preheat => Oven::Preheating { cake: span.cake, until: span.end },
                _ => Oven::Baking { cake: span.cake, until: span.end },
            };
            oven_does(lang, n, oven)
        }
    };
    format!("{} ({}–{} {})", capitalise(&what), span.start, span.end, unit(lang))
}

/// The kitchen's rows: what each baker and oven did, up to the kitchen's current minute.
fn rows(lang: Lang, kitchen: &Kitchen) -> Vec<Row> {
    kitchen
        .lanes()
        .into_iter()
        .map(|lane| Row {
            name: lane_name(lang, lane),
            bars: kitchen
                .spans()
                .iter()
                .filter(|s| s.lane == lane)
                .map(|s| Bar {
                    start: s.start,
                    end: s.end,
                    kind: stage_class(s.stage),
                    label: (s.cake + 1).to_string(),
                    title: span_title(lang, s),
                })
                .collect(),
        })
        .collect()
}

/// What everybody in the kitchen is doing at its current minute, in one or two sentences.
pub fn describe_moment(lang: Lang, kitchen: &Kitchen) -> String {
    if kitchen.is_done() {
        return match lang {
            Lang::Ru => format!("Все торты готовы за {} мин.", kitchen.now()),
            Lang::En => format!("All cakes are done in {} min.", kitchen.now()),
        };
    }
    let joiner = match lang {
        Lang::Ru => ", а ",
        Lang::En => "; ",
    };
    let stations =
        kitchen.bakers().iter().zip(kitchen.ovens()).enumerate().map(|(i, (baker, oven))| {
            let hands = baker_does(lang, i + 1, *baker, matches!(oven, Oven::Cold));
            capitalise(&format!("{hands}{joiner}{}.", oven_does(lang, i + 1, *oven)))
        });
    let minute = match lang {
        Lang::Ru => "Минута",
        Lang::En => "Minute",
    };
    format!("{minute} {}. {}", kitchen.now(), stations.collect::<Vec<_>>().join(" "))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The two-baker simulation with its settings, player, three timelines and totals.
#[component]
pub fn Bakers(
    /// Parameters as `key=value` pairs from a URL or a directive.
    query: Vec<(String, String)>,
    /// Where it is shown.
    mode: Mode,
) -> impl IntoView {
    let pairs = || query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let (initial, mut issues) = BakeryParams::read(pairs(), &[MOMENT_KEY]);

    // The page is rebuilt when the language changes, so it is read once.
    let lang = use_lang().get_untracked();
    let params = RwSignal::new(initial);
    // The whole day of each kitchen, for its chart and its total: made once per set of
    // parameters.
    let finished = Memo::new(move |_| Scenario::ALL.map(|s| Kitchen::finished(s, params.get())));
    let totals = Memo::new(move |_| finished.with(Totals::of_finished));
    let start = read_moment(pairs(), totals.get_untracked().longest(), &mut issues);
    let clock = Clock::new(start, Signal::derive(move || totals.get().longest()));
    // Playing forward steps the kitchens on from the minute before instead of replaying them
    // from the start: with a thousand cakes a replay is tens of thousands of minutes. The
    // kitchens are taken over, not copied, so a minute costs the same however long the day.
    let kitchens = Memo::new_owning(move |previous: Option<[Kitchen; 3]>| {
        let p = params.get();
        let t = clock.tick.get();
        let kitchens = match previous {
            Some(mut kitchens) if kitchens.iter().all(|k| k.params() == p && k.now() <= t) => {
                for k in &mut kitchens {
                    while k.now() < t && k.step() {}
                }
                kitchens
            }
            _ => Scenario::ALL.map(|s| Kitchen::replay(s, p, t)),
        };
        (kitchens, true)
    });

    sync_url(SimKind::Bakers, mode, clock, move |minute| knob_query(&params.get(), minute));

    let keys = PARAMS.map(|spec| spec.key);
    let sliders = knob_sliders("bakers", mode, &keys, params, clock, label);

    let panels = Scenario::ALL
        .into_iter()
        .enumerate()
        .map(|(i, scenario)| {
            view! {
                <section class="scenario" data-scenario=scenario_slug(scenario)>
                    <PanelTitle
                        mode=mode
                        text=Signal::derive(move || scenario_title(lang, scenario, params.get()))
                    />
                    <p class="moment">{move || kitchens.with(|k| describe_moment(lang, &k[i]))}</p>
                    <Timeline
                        rows=Signal::derive(move || finished.with(|k| rows(lang, &k[i])))
                        length=clock.end
                        now=clock.tick
                        unit=unit(lang)
                        title=Signal::derive(move || scenario_title(lang, scenario, params.get()))
                    />
                </section>
            }
        })
        .collect_view();

    // Which kitchens have finished: the totals are redrawn when one does, not every minute.
    let finished_now = Memo::new(move |_| {
        let (totals, now) = (totals.get(), clock.tick.get());
        Scenario::ALL.map(|s| now >= totals.of_scenario(s))
    });
    let summary = move || {
        let totals = totals.get();
        let finished_now = finished_now.get();
        let (w, unit) = (words(lang), unit(lang));
        Scenario::ALL
            .into_iter()
            .map(|s| {
                let total = totals.of_scenario(s);
                let done = finished_now[s as usize];
                let (saved, percent) = totals.saved(s);
                let total_text =
                    if done { format!("{total} {unit}") } else { w.still_baking.to_owned() };
                let saved_text = match (done, s) {
                    (false, _) => String::new(),
                    (true, Scenario::Sequential) => w.baseline.to_owned(),
                    (true, _) => format!("−{saved} {unit} ({percent} %)"),
                };
                view! {
                    <tr data-scenario=scenario_slug(s)>
                        <th scope="row">{scenario_name(lang, s)}</th>
                        <td>
                            <span class="total">{total_text}</span>
                            <span class="saved">{saved_text}</span>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div class="sim bakers">
            <ParamNotes issues=issues label=label />
            <PresetRow
                kind=SimKind::Bakers
                label=words(lang).presets
                presets=PRESETS.iter().map(|(name, _)| (*name, preset_name(lang, name))).collect()
                pressed=Signal::derive(move || {
                    PRESETS.iter().find(|(_, p)| *p == params.get()).map(|(name, _)| *name)
                })
                on_pick=Callback::new(move |name| {
                    if let Some((_, preset)) = PRESETS.iter().find(|(n, _)| *n == name) {
                        params.set(*preset);
                        clock.reset();
                    }
                })
            />
            <Player
                clock=clock
                unit=unit(lang)
                narration=Signal::derive(move || {
                    kitchens.with(|k| {
                        let each = Scenario::ALL.into_iter().zip(k).map(|(s, kitchen)| {
                            format!("{}: {}", scenario_name(lang, s), describe_moment(lang, kitchen))
                        });
                        each.collect::<Vec<_>>().join(" ")
                    })
                })
            />
            <details class="settings">
                <summary>{words(lang).settings}</summary>
                <div class="sliders">{sliders}</div>
            </details>
            <Legend
                kinds=&["preheat", "mix", "bake", "decorate", "idle"]
                names=&words(lang).legend
                note=words(lang).legend_note
            />
            <div class="scenarios">{panels}</div>
            <table class="totals">
                <caption>{words(lang).caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{words(lang).kitchen}</th>
                        <th scope="col">{words(lang).total_and_gain}</th>
                    </tr>
                </thead>
                <tbody>{summary}</tbody>
            </table>
            <OpenAlone
                kind=SimKind::Bakers
                mode=mode
                query=Signal::derive(move || knob_query(&params.get(), None))
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moment_reads_as_a_sentence() {
        let k = Kitchen::replay(Scenario::Concurrent, BakeryParams::default(), 12);
        assert_eq!(
            describe_moment(Lang::Ru, &k),
            "Минута 12. Пекарь 1 замешивает торт 2, а духовка 1 разогревается для торта 1."
        );
        let k = Kitchen::replay(Scenario::Sequential, BakeryParams::default(), 3);
        assert_eq!(
            describe_moment(Lang::Ru, &k),
            "Минута 3. Пекарь 1 ждёт, а духовка 1 разогревается для торта 1."
        );
        let k = Kitchen::finished(Scenario::Parallel, BakeryParams::default());
        assert_eq!(describe_moment(Lang::Ru, &k), "Все торты готовы за 40 мин.");
    }

    #[test]
    fn the_moment_reads_in_english_too() {
        let k = Kitchen::replay(Scenario::Parallel, BakeryParams::default(), 20);
        assert_eq!(
            describe_moment(Lang::En, &k),
            "Minute 20. Baker 1 waits; cake 1 bakes in oven 1. Baker 2 waits; cake 2 bakes in oven 2."
        );
        let k = Kitchen::finished(Scenario::Concurrent, BakeryParams::default());
        assert_eq!(describe_moment(Lang::En, &k), "All cakes are done in 75 min.");
    }

    #[test]
    fn every_preset_has_a_name_in_both_languages() {
        for (preset, _) in PRESETS {
            assert!(
                !preset_name(Lang::Ru, preset).is_empty()
                    && !preset_name(Lang::En, preset).is_empty()
            );
        }
    }

    #[test]
    fn rows_show_the_whole_day_for_the_chart() {
        let day = Kitchen::finished(Scenario::Concurrent, BakeryParams::default());
        let rows = rows(Lang::Ru, &day);
        assert_eq!((rows[0].name.as_str(), rows[1].name.as_str()), ("Пекарь 1", "Духовка 1"));
        let labels: Vec<_> =
            rows[0].bars.iter().map(|b| (b.label.as_str(), b.start, b.end)).collect();
        assert_eq!(&labels[..2], [("1", 0, 10), ("2", 10, 20)]);
        assert_eq!(rows[0].bars.last().map(|b| b.end), Some(75), "up to the last minute");
    }

    #[test]
    fn the_query_round_trips_through_the_engine() {
        let p = BakeryParams { cakes: 4, bakers: 3, ..BakeryParams::default() };
        let pairs = knob_query(&p, Some(7));
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (back, issues) = BakeryParams::read(borrowed, &[MOMENT_KEY]);
        assert_eq!((back, issues), (p, vec![]));
        assert_eq!(pairs.last(), Some(&("t", "7".to_owned())));
    }
}
