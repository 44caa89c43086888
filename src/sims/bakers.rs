//! The bakers: the same cakes made three ways, on one time axis.

use super::{Mode, ParamNotes, SimKind};
use crate::browser;
use crate::components::player::{Clock, Player};
use crate::components::timeline::{Bar, Row, Timeline};
use crate::route::Route;
use engine::bakery::{Baker, BakeryParams, Kitchen, Lane, Oven, Scenario, Stage, Totals, PARAMS};
use engine::params::{read_params, ParamSpec};
use leptos::prelude::*;

/// What a tick is in this simulation.
const UNIT: &str = "мин";

/// The query key of the current minute.
const MINUTE_KEY: &str = "t";

/// A parameter's name for the learner.
pub fn label(key: &str) -> &'static str {
    match key {
        "preheat" => "Разогрев духовки",
        "mix" => "Замес",
        "bake" => "Выпекание",
        "decorate" => "Украшение",
        "cakes" => "Тортов",
        "bakers" => "Пекарей в параллельной кухне",
        MINUTE_KEY => "Минута",
        _ => "Параметр",
    }
}

fn scenario_title(scenario: Scenario, params: BakeryParams) -> String {
    match scenario {
        Scenario::Sequential => "Последовательно: 1 пекарь, по одному шагу".to_owned(),
        Scenario::Concurrent => "Конкурентно: 1 пекарь переключается".to_owned(),
        Scenario::Parallel => match params.bakers {
            1 => "Параллельно: 1 пекарь (добавьте пекарей)".to_owned(),
            n => format!("Параллельно: {n} пекаря, у каждого своя духовка"),
        },
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

fn lane_name(lane: Lane) -> String {
    match lane {
        Lane::Baker(n) => format!("Пекарь {}", n + 1),
        Lane::Oven(n) => format!("Духовка {}", n + 1),
    }
}

fn span_title(lane: Lane, stage: Stage, cake: usize) -> String {
    let cake = cake + 1;
    match (lane, stage) {
        (Lane::Baker(n), Stage::Mix) => format!("Пекарь {} замешивает торт {cake}", n + 1),
        (Lane::Baker(n), _) => format!("Пекарь {} украшает торт {cake}", n + 1),
        (Lane::Oven(n), Stage::Preheat) => {
            format!("Духовка {} разогревается для торта {cake}", n + 1)
        }
        (Lane::Oven(n), _) => format!("В духовке {} печётся торт {cake}", n + 1),
    }
}

/// The kitchen's rows, showing only what happened before its current minute.
fn rows(kitchen: &Kitchen) -> Vec<Row> {
    let now = kitchen.now();
    kitchen
        .lanes()
        .into_iter()
        .map(|lane| Row {
            name: lane_name(lane),
            bars: kitchen
                .spans()
                .iter()
                .filter(|s| s.lane == lane && s.start < now)
                .map(|s| Bar {
                    start: s.start,
                    end: s.end.min(now),
                    kind: stage_class(s.stage),
                    label: (s.cake + 1).to_string(),
                    title: format!(
                        "{} ({}–{} {UNIT})",
                        span_title(lane, s.stage, s.cake),
                        s.start,
                        s.end
                    ),
                })
                .collect(),
        })
        .collect()
}

/// What everybody in the kitchen is doing at its current minute, in one or two sentences.
pub fn describe_moment(kitchen: &Kitchen) -> String {
    if kitchen.is_done() {
        return format!("Все торты готовы за {} {UNIT}.", kitchen.now());
    }
    let stations = kitchen
        .bakers()
        .iter()
        .zip(kitchen.ovens())
        .enumerate()
        .map(|(i, (baker, oven))| {
            let n = i + 1;
            let hands = match *baker {
                Baker::Working {
                    cake,
                    stage: Stage::Mix,
                    ..
                } => format!("пекарь {n} замешивает торт {}", cake + 1),
                Baker::Working { cake, .. } => format!("пекарь {n} украшает торт {}", cake + 1),
                Baker::Idle if matches!(oven, Oven::Cold) => format!("пекарь {n} свободен"),
                Baker::Idle => format!("пекарь {n} ждёт"),
            };
            let oven = match *oven {
                Oven::Cold => format!("духовка {n} выключена"),
                Oven::Preheating { cake, .. } => {
                    format!("духовка {n} разогревается для торта {}", cake + 1)
                }
                Oven::Hot { cake } => format!("духовка {n} разогрета и ждёт торт {}", cake + 1),
                Oven::Baking { cake, .. } => format!("в духовке {n} печётся торт {}", cake + 1),
            };
            capitalise(&format!("{hands}, а {oven}."))
        });
    format!(
        "Минута {}. {}",
        kitchen.now(),
        stations.collect::<Vec<_>>().join(" ")
    )
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
    let (initial, mut issues) = BakeryParams::read(pairs(), &[MINUTE_KEY]);
    let initial_end = Totals::of(initial).longest();
    let minute_spec = [ParamSpec {
        key: MINUTE_KEY,
        min: 0,
        max: initial_end,
        default: 0,
    }];
    let (start, minute_issues) =
        read_params(&minute_spec, pairs().filter(|(k, _)| *k == MINUTE_KEY), &[]);
    issues.extend(minute_issues);

    let params = RwSignal::new(initial);
    let totals = Memo::new(move |_| Totals::of(params.get()));
    let clock = Clock::new(start[0], Signal::derive(move || totals.get().longest()));
    let kitchens = Memo::new(move |_| {
        let p = params.get();
        let t = clock.tick.get();
        Scenario::ALL.map(|s| Kitchen::replay(s, p, t))
    });

    if mode != Mode::Lesson {
        let route = match mode {
            Mode::Embed => Route::Embed(SimKind::Bakers.name().to_owned()),
            _ => Route::Simulation(SimKind::Bakers.name().to_owned()),
        };
        // Keeps the address bar a link to what is on screen; the minute only while paused,
        // because browsers throttle frequent history updates.
        Effect::new(move |_| {
            let p = params.get();
            let minute = (!clock.playing.get())
                .then(|| clock.tick.get())
                .filter(|&t| t > 0);
            browser::replace_fragment(&route.href_with(query_pairs(p, minute)));
        });
    }

    let sliders = PARAMS
        .iter()
        .map(|spec| {
            let key = spec.key;
            let id = format!("bakers-{key}-{}", mode_suffix(mode));
            view! {
                <div class="slider">
                    <label for=id.clone()>{label(key)}</label>
                    <input
                        id=id
                        type="range"
                        min=spec.min.to_string()
                        max=spec.max.to_string()
                        prop:value=move || value_of(params.get(), key).to_string()
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<i64>() {
                                params.set(params.get_untracked().with(key, v));
                                clock.reset();
                            }
                        }
                    />
                    <output>{move || value_of(params.get(), key)}</output>
                </div>
            }
        })
        .collect_view();

    let panels = Scenario::ALL
        .into_iter()
        .enumerate()
        .map(|(i, scenario)| {
            let kitchen = Signal::derive(move || kitchens.get()[i].clone());
            view! {
                <section class="scenario" data-scenario=format!("{scenario:?}").to_lowercase()>
                    <h4>{move || scenario_title(scenario, params.get())}</h4>
                    <p class="moment">{move || describe_moment(&kitchen.get())}</p>
                    <Timeline
                        rows=Signal::derive(move || rows(&kitchen.get()))
                        length=clock.end
                        now=clock.tick
                        unit=UNIT
                    />
                </section>
            }
        })
        .collect_view();

    let summary = move || {
        let totals = totals.get();
        let now = clock.tick.get();
        Scenario::ALL
            .into_iter()
            .map(|s| {
                let total = totals.of_scenario(s);
                let done = now >= total;
                let (saved, percent) = totals.saved(s);
                let name = match s {
                    Scenario::Sequential => "Последовательно",
                    Scenario::Concurrent => "Конкурентно",
                    Scenario::Parallel => "Параллельно",
                };
                let total_text = if done {
                    format!("{total} {UNIT}")
                } else {
                    "ещё печём…".to_owned()
                };
                let saved_text = match (done, s) {
                    (false, _) => String::new(),
                    (true, Scenario::Sequential) => "за основу сравнения".to_owned(),
                    (true, _) => format!("−{saved} {UNIT} ({percent} %)"),
                };
                view! {
                    <tr data-scenario=format!("{s:?}").to_lowercase()>
                        <th scope="row">{name}</th>
                        <td>
                            <span class="total">{total_text}</span>
                            <span class="saved">{saved_text}</span>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let own_page = (mode == Mode::Lesson).then(|| {
        view! {
            <a
                class="open-page"
                href=move || super::page_href(SimKind::Bakers, query_pairs(params.get(), None))
            >
                "Открыть отдельно и поделиться ссылкой →"
            </a>
        }
    });

    view! {
        <div class="sim bakers">
            <ParamNotes issues=issues label=label />
            <Player clock=clock unit=UNIT />
            <details class="settings">
                <summary>"Настройки: минуты на шаг, торты, пекари"</summary>
                <div class="sliders">{sliders}</div>
            </details>
            <div class="legend" aria-hidden="true">
                <span class="chip preheat">"разогрев"</span>
                <span class="chip mix">"замес"</span>
                <span class="chip bake">"выпекание"</span>
                <span class="chip decorate">"украшение"</span>
                <span class="chip idle">"простой"</span>
                <span class="chip-note">"цифра — номер торта"</span>
            </div>
            <div class="scenarios">{panels}</div>
            <table class="totals">
                <caption>"Итоги: сколько минут заняла каждая кухня"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Кухня"</th>
                        <th scope="col">"Всего и выигрыш"</th>
                    </tr>
                </thead>
                <tbody>{summary}</tbody>
            </table>
            {own_page}
        </div>
    }
}

fn mode_suffix(mode: Mode) -> &'static str {
    match mode {
        Mode::Lesson => "lesson",
        Mode::Page => "page",
        Mode::Embed => "embed",
    }
}

fn value_of(params: BakeryParams, key: &str) -> u32 {
    let i = PARAMS.iter().position(|p| p.key == key).unwrap_or(0);
    params.values()[i]
}

/// The query that reproduces `params` (and the minute, if any).
fn query_pairs(params: BakeryParams, minute: Option<u32>) -> Vec<(&'static str, String)> {
    PARAMS
        .iter()
        .zip(params.values())
        .map(|(spec, v)| (spec.key, v.to_string()))
        .chain(minute.map(|t| (MINUTE_KEY, t.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_moment_reads_as_a_sentence() {
        let k = Kitchen::replay(Scenario::Concurrent, BakeryParams::default(), 12);
        assert_eq!(
            describe_moment(&k),
            "Минута 12. Пекарь 1 замешивает торт 2, а духовка 1 разогревается для торта 1."
        );
        let k = Kitchen::replay(Scenario::Sequential, BakeryParams::default(), 3);
        assert_eq!(
            describe_moment(&k),
            "Минута 3. Пекарь 1 ждёт, а духовка 1 разогревается для торта 1."
        );
        let k = Kitchen::finished(Scenario::Parallel, BakeryParams::default());
        assert_eq!(describe_moment(&k), "Все торты готовы за 40 мин.");
    }

    #[test]
    fn rows_stop_at_the_current_minute() {
        let k = Kitchen::replay(Scenario::Concurrent, BakeryParams::default(), 12);
        let rows = rows(&k);
        assert_eq!(rows[0].name, "Пекарь 1");
        let labels: Vec<_> = rows[0]
            .bars
            .iter()
            .map(|b| (b.label.as_str(), b.start, b.end))
            .collect();
        assert_eq!(labels, [("1", 0, 10), ("2", 10, 12)]);
        assert_eq!(rows[1].bars[0].end, 12);
    }

    #[test]
    fn the_query_round_trips_through_the_engine() {
        let p = BakeryParams {
            cakes: 4,
            bakers: 3,
            ..BakeryParams::default()
        };
        let pairs = query_pairs(p, Some(7));
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (back, issues) = BakeryParams::read(borrowed, &[MINUTE_KEY]);
        assert_eq!((back, issues), (p, vec![]));
        assert_eq!(pairs.last(), Some(&("t", "7".to_owned())));
    }
}
