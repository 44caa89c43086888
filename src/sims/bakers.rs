//! The bakers: the same cakes made three ways, on one time axis.

use super::predict::Prediction;
use super::registry::{SimKind, MOMENT_KEY};
use super::shell::{
    apply_named, figures_table, panel, preset_named, read_knobs, slider_settings, Charts, Ctx,
    PanelView, Parts, PresetWords, ShellWords, Sim,
};
use crate::components::player::Clock;
use crate::components::timeline::{rows_of, Row};
use crate::i18n::{Lang, Tr};
use engine::bakers::{
    goals_reached, total_guess, Baker, BakersParams, Kitchen, Lane, Oven, Scenario, Span, Stage,
    Totals, PARAMS, PRESETS,
};
use engine::params::{Knobs, ParamIssue};
use engine::trace::Work;
use leptos::prelude::*;

/// Minutes in words.
const UNIT: Tr = Tr("мин", "min");

/// The bakers for the shell.
pub struct BakersSim;

impl Sim for BakersSim {
    type Setup = BakersParams;
    /// The whole day of each kitchen, for its chart and its total.
    type Run = [Kitchen; 3];

    const KIND: SimKind = SimKind::Bakers;
    const PACE_MS: f64 = crate::components::player::NORMAL_TICK_MS;
    const WORDS: ShellWords = ShellWords {
        presets: Tr("Готовые наборы", "Ready-made kitchens"),
        unit: UNIT,
        legend: &[
            (Work::Preheat, Tr("разогрев", "preheat")),
            (Work::Mix, Tr("замес", "mix")),
            (Work::Bake, Tr("выпекание", "bake")),
            (Work::Decorate, Tr("украшение", "decorate")),
        ],
        idle: Some(Tr("простой", "idle")),
        legend_note: Some(Tr("цифра — номер торта", "the number is the cake’s")),
        hint: None,
        settings: Some(Tr(
            "Настройки: минуты на шаг, торты, пекари",
            "Settings: minutes per step, cakes, bakers",
        )),
    };
    const LABELS: &'static [(&'static str, Tr)] = &[
        ("preheat", Tr("Разогрев духовки", "Preheating the oven")),
        ("mix", Tr("Замес", "Mixing")),
        ("bake", Tr("Выпекание", "Baking")),
        ("decorate", Tr("Украшение", "Decorating")),
        ("cakes", Tr("Тортов", "Cakes")),
        ("bakers", Tr("Пекарей в параллельной кухне", "Bakers in the parallel kitchen")),
        (MOMENT_KEY, Tr("Минута", "Minute")),
    ];
    const PRESETS: &'static [PresetWords] = &[
        PresetWords {
            key: "lesson", name: Tr("Как в уроке", "As in the lesson"), notice: None
        },
        PresetWords {
            key: "little-waiting",
            name: Tr("Почти без ожидания", "Almost no waiting"),
            notice: None,
        },
        PresetWords {
            key: "busy-day",
            name: Tr("Шесть тортов, три пекаря", "Six cakes, three bakers"),
            notice: None,
        },
    ];

    fn read(pairs: &[(&str, &str)], issues: &mut Vec<ParamIssue>) -> BakersParams {
        read_knobs(pairs, issues)
    }

    fn query(setup: &BakersParams) -> Vec<(&'static str, String)> {
        setup.pairs()
    }

    fn run(setup: &BakersParams) -> [Kitchen; 3] {
        Scenario::ALL.map(|s| Kitchen::finished(s, *setup))
    }

    fn end(run: &[Kitchen; 3]) -> u32 {
        Totals::of_finished(run).longest()
    }

    /// Each kitchen at the minute.
    type Moment = [Kitchen; 3];

    fn moment(
        previous: Option<[Kitchen; 3]>,
        p: &BakersParams,
        _: &[Kitchen; 3],
        t: u32,
    ) -> [Kitchen; 3] {
        let mut previous = previous.map(|k| k.map(Some));
        Scenario::ALL.map(|s| {
            let before = previous.as_mut().and_then(|k| k[s as usize].take());
            Kitchen::moved_to(before, s, *p, t)
        })
    }

    fn narrate(
        lang: Lang,
        _: &BakersParams,
        _: &[Kitchen; 3],
        kitchens: &[Kitchen; 3],
        _: u32,
    ) -> String {
        let each = Scenario::ALL.into_iter().zip(kitchens).map(|(s, kitchen)| {
            format!("{}: {}", scenario_name(lang, s), describe_moment(lang, kitchen))
        });
        each.collect::<Vec<_>>().join(" ")
    }

    fn predict(lang: Lang, p: &BakersParams, run: &[Kitchen; 3]) -> Option<Prediction> {
        Some(predict(lang, *p, &Totals::of_finished(run)))
    }

    fn charts(lang: Lang, params: &BakersParams, run: &[Kitchen; 3]) -> Charts {
        let panels = Scenario::ALL
            .into_iter()
            .zip(run)
            .map(|(scenario, kitchen)| {
                (scenario_title(lang, scenario, *params), rows(lang, kitchen))
            })
            .collect();
        Charts { panels, length: Self::end(run), unit: UNIT }
    }

    fn goals_reached(p: &BakersParams, run: &[Kitchen; 3]) -> Vec<&'static str> {
        goals_reached(*p, &Totals::of_finished(run))
    }

    fn parts(ctx: Ctx<BakersSim>) -> Parts {
        panels(ctx)
    }

    fn apply_preset(setup: &mut BakersParams, name: &str) {
        apply_named(&PRESETS, setup, name);
    }

    fn preset_of(setup: &BakersParams) -> Option<&'static str> {
        preset_named(&PRESETS, setup)
    }
}

fn scenario_name(lang: Lang, scenario: Scenario) -> &'static str {
    match scenario {
        Scenario::Sequential => Tr("Последовательно", "Sequential"),
        Scenario::Concurrent => Tr("Конкурентно", "Concurrent"),
        Scenario::Parallel => Tr("Параллельно", "Parallel"),
    }
    .get(lang)
}

/// The scenario's name in URLs and test selectors.
fn scenario_slug(scenario: Scenario) -> &'static str {
    match scenario {
        Scenario::Sequential => "sequential",
        Scenario::Concurrent => "concurrent",
        Scenario::Parallel => "parallel",
    }
}

fn scenario_title(lang: Lang, scenario: Scenario, params: BakersParams) -> String {
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

/// The question before the kitchens run: the parallel kitchen's minutes (with one baker, the
/// concurrent kitchen's), and why.
fn predict(lang: Lang, p: BakersParams, totals: &Totals) -> Prediction {
    let (scenario, guess) = total_guess(p, totals);
    let unit = UNIT.get(lang);
    let options = guess.options.iter().map(|m| format!("{m} {unit}")).collect();
    let (n, cakes, sequential) = (p.bakers, p.cakes, totals.sequential);
    let (shared, total) = (sequential.div_ceil(n), totals.of_scenario(scenario));
    let (question, why) = match (lang, scenario) {
        (Lang::Ru, Scenario::Parallel) => (
            format!(
                "Тортов: {cakes}. Один пекарь по шагам тратит {sequential} мин. Сколько минут \
                 займёт параллельная кухня: {n} пекаря, у каждого своя духовка?"
            ),
            if total < shared {
                format!(
                    "{total} мин, а не {sequential} / {n} ≈ {shared}: каждый из пекарей ещё и \
                     работает конкурентно — замешивает, пока его духовка разогревается. \
                     Параллельная кухня выигрывает дважды: от лишних рук и от того, что никто \
                     не стоит без дела."
                )
            } else {
                format!(
                    "{total} мин: торты делятся между пекарями неровно или ждать почти нечего, \
                     и лишние руки дают не больше, чем {sequential} / {n} ≈ {shared}."
                )
            },
        ),
        (Lang::En, Scenario::Parallel) => (
            format!(
                "Cakes: {cakes}. One baker, one step at a time, takes {sequential} min. How many \
                 minutes will the parallel kitchen take: {n} bakers, each with an oven?"
            ),
            if total < shared {
                format!(
                    "{total} min, not {sequential} / {n} ≈ {shared}: each baker also works \
                     concurrently, mixing while their own oven preheats. The parallel kitchen \
                     gains twice: from more hands, and from nobody standing idle."
                )
            } else {
                format!(
                    "{total} min: the cakes do not share out evenly, or there is little to wait \
                     for, so more hands give no more than {sequential} / {n} ≈ {shared}."
                )
            },
        ),
        (Lang::Ru, _) => (
            format!(
                "Тортов: {cakes}. По шагам один пекарь тратит {sequential} мин. Сколько займёт \
                 тот же пекарь, если замешивает и украшает, пока духовка греется и печёт?"
            ),
            format!(
                "{total} мин: ожидание духовки совмещается с работой рук, но руки у пекаря \
                 одни, и замес с украшением идут по очереди."
            ),
        ),
        (Lang::En, _) => (
            format!(
                "Cakes: {cakes}. One step at a time, one baker takes {sequential} min. How long \
                 will the same baker take mixing and decorating while the oven heats and bakes?"
            ),
            format!(
                "{total} min: waiting for the oven overlaps with the baker’s work, but there is \
                 one pair of hands, so mixing and decorating still take turns."
            ),
        ),
    };
    Prediction { question, options, answer: guess.answer, why }
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
    format!("{} ({}–{} {})", capitalise(&what), span.start, span.end, UNIT.get(lang))
}

/// The kitchen's rows: what each baker and oven did, up to the kitchen's current minute.
fn rows(lang: Lang, kitchen: &Kitchen) -> Vec<Row> {
    rows_of(
        kitchen,
        |lane| lane_name(lang, lane),
        |_, s| span_title(lang, &kitchen.spans()[s.record]),
    )
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

/// The simulation's own panels and settings.
fn panels(ctx: Ctx<BakersSim>) -> Parts {
    let Ctx { lang, mode, setup: params, run: finished, moment: kitchens, clock, .. } = ctx;
    let totals = Memo::new(move |_| finished.with(Totals::of_finished));
    let panels = Scenario::ALL
        .into_iter()
        .enumerate()
        .map(|(i, scenario)| {
            let p = PanelView {
                data: Some(("data-scenario", scenario_slug(scenario))),
                title: Signal::derive(move || scenario_title(lang, scenario, params.get())),
                moment: Some(Signal::derive(move || {
                    kitchens.with(|k| describe_moment(lang, &k[i]))
                })),
                rows: Signal::derive(move || finished.with(|k| rows(lang, &k[i]))),
                length: clock.end,
                now: clock.tick.into(),
                unit: UNIT,
            };
            panel(lang, mode, p)
        })
        .collect_view();

    let keys = PARAMS.map(|spec| spec.key);
    Parts {
        before_player: None,
        after_player: None,
        settings: slider_settings(ctx, &keys, |p| *p, |p, k| *p = k),
        panels: view! { <div class="scenarios">{panels}</div> }.into_any(),
        after_panels: Some(totals_table(lang, totals, clock)),
    }
}

/// Each kitchen's total and what it saved against the first, once it has finished.
fn totals_table(lang: Lang, totals: Memo<Totals>, clock: Clock) -> AnyView {
    const CAPTION: Tr = Tr(
        "Итоги: сколько минут заняла каждая кухня",
        "Totals: how many minutes each kitchen took",
    );
    const KITCHEN: Tr = Tr("Кухня", "Kitchen");
    const TOTAL_AND_GAIN: Tr = Tr("Всего и выигрыш", "Total and gain");
    const STILL_BAKING: Tr = Tr("ещё печём…", "still baking…");
    const BASELINE: Tr = Tr("за основу сравнения", "the baseline");
    // Which kitchens have finished: the totals are redrawn when one does, not every minute.
    let finished_now = Memo::new(move |_| {
        let (totals, now) = (totals.get(), clock.tick.get());
        Scenario::ALL.map(|s| now >= totals.of_scenario(s))
    });
    let rows = move || {
        let totals = totals.get();
        let finished_now = finished_now.get();
        let unit = UNIT.get(lang);
        Scenario::ALL
            .into_iter()
            .map(|s| {
                let total = totals.of_scenario(s);
                let done = finished_now[s as usize];
                let (saved, percent) = totals.saved(s);
                let total_text = if done {
                    format!("{total} {unit}")
                } else {
                    STILL_BAKING.get(lang).to_owned()
                };
                let saved_text = match (done, s) {
                    (false, _) => String::new(),
                    (true, Scenario::Sequential) => BASELINE.get(lang).to_owned(),
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
    figures_table(lang, "totals", CAPTION, &[KITCHEN, TOTAL_AND_GAIN], rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moment_reads_as_a_sentence() {
        let k = Kitchen::replay(Scenario::Concurrent, BakersParams::default(), 12);
        assert_eq!(
            describe_moment(Lang::Ru, &k),
            "Минута 12. Пекарь 1 замешивает торт 2, а духовка 1 разогревается для торта 1."
        );
        let k = Kitchen::replay(Scenario::Sequential, BakersParams::default(), 3);
        assert_eq!(
            describe_moment(Lang::Ru, &k),
            "Минута 3. Пекарь 1 ждёт, а духовка 1 разогревается для торта 1."
        );
        let k = Kitchen::finished(Scenario::Parallel, BakersParams::default());
        assert_eq!(describe_moment(Lang::Ru, &k), "Все торты готовы за 40 мин.");
    }

    #[test]
    fn the_moment_reads_in_english_too() {
        let k = Kitchen::replay(Scenario::Parallel, BakersParams::default(), 20);
        assert_eq!(
            describe_moment(Lang::En, &k),
            "Minute 20. Baker 1 waits; cake 1 bakes in oven 1. Baker 2 waits; cake 2 bakes in oven 2."
        );
        let k = Kitchen::finished(Scenario::Concurrent, BakersParams::default());
        assert_eq!(describe_moment(Lang::En, &k), "All cakes are done in 75 min.");
    }

    #[test]
    fn the_question_asks_for_the_parallel_kitchen_and_explains_its_forty_minutes() {
        let p = BakersParams::default();
        let asked = predict(Lang::En, p, &Totals::of(p));
        assert_eq!(asked.options, ["40 min", "50 min", "75 min", "100 min"]);
        assert_eq!(asked.options[asked.answer], "40 min");
        assert!(asked.why.starts_with("40 min, not 100 / 2 ≈ 50"), "{}", asked.why);
        let ru = predict(Lang::Ru, p, &Totals::of(p));
        assert!(ru.question.contains("2 пекаря"), "{}", ru.question);
    }

    #[test]
    fn the_presets_words_follow_the_engines_presets() {
        let keys: Vec<_> = BakersSim::PRESETS.iter().map(|p| p.key).collect();
        let names: Vec<_> = PRESETS.iter().map(|(name, _)| *name).collect();
        assert_eq!(keys, names);
    }

    #[test]
    fn rows_show_the_whole_day_for_the_chart() {
        let day = Kitchen::finished(Scenario::Concurrent, BakersParams::default());
        let rows = rows(Lang::Ru, &day);
        assert_eq!((rows[0].name.as_str(), rows[1].name.as_str()), ("Пекарь 1", "Духовка 1"));
        let labels: Vec<_> =
            rows[0].bars.iter().map(|b| (b.label.as_str(), b.start, b.end)).collect();
        assert_eq!(&labels[..2], [("1", 0, 10), ("2", 10, 20)]);
        assert_eq!(rows[0].bars.last().map(|b| b.end), Some(75), "up to the last minute");
    }

    #[test]
    fn the_query_round_trips_through_the_engine() {
        let p = BakersParams { cakes: 4, bakers: 3, ..BakersParams::default() };
        let pairs = BakersSim::query(&p);
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut issues = Vec::new();
        assert_eq!(BakersSim::read(&borrowed, &mut issues), p);
        assert_eq!(issues, vec![]);
    }
}
