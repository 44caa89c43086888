//! A Gantt chart: one row per worker, coloured bars for what it does, a playhead for now.
//! Drawn with HTML and percentages so it fits any width, from a phone to a projector.

use super::moving::{RunCharts, RunPicture};
use engine::trace::{drawing_order, Span, Trace, Work};
use leptos::prelude::*;

/// The CSS class of a kind of work, which gives its bars and legend chips their colour
/// (kinds that mean the same to the eye share a colour in the stylesheet).
pub fn work_class(work: Work) -> &'static str {
    match work {
        Work::Preheat => "preheat",
        Work::Mix => "mix",
        Work::Bake => "bake",
        Work::Decorate => "decorate",
        Work::Runs => "runs",
        Work::WaitsIo => "waits-io",
        Work::WaitsTimer => "waits-timer",
        Work::Ready => "ready",
        Work::Blocks => "blocks",
        Work::Switches => "switch",
        Work::Starts => "starts",
        Work::Holds => "held",
        Work::Reads => "reads",
        Work::Adds => "adds",
        Work::Writes => "writes",
    }
}

/// One bar of a row.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Tick the bar starts.
    pub start: u32,
    /// Tick the bar ends (exclusive).
    pub end: u32,
    /// The kind of work, which gives it its colour.
    pub kind: Work,
    /// A short label drawn inside the bar when it fits.
    pub label: String,
    /// The full description, for the tooltip and screen readers.
    pub title: String,
}

/// One row of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Who the row is, e.g. "Пекарь 1".
    pub name: String,
    /// What the row did, in order.
    pub bars: Vec<Bar>,
}

/// `value` as a CSS percentage of `length`, to a hundredth (integer maths: no float
/// formatting in the wasm).
fn percent(value: u32, length: u32) -> String {
    signed_percent(i64::from(value), length)
}

/// [`percent`] of a value that may be below zero (a bar that overlaps the one before it).
fn signed_percent(value: i64, length: u32) -> String {
    let hundredths = value * 10_000 / i64::from(length.max(1));
    let sign = if hundredths < 0 { "-" } else { "" };
    let hundredths = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// Tick marks for an axis of `length` ticks: about five, on round numbers.
pub fn axis_marks(length: u32) -> Vec<u32> {
    let raw = (length / 5).max(1);
    // Minutes and seconds like round numbers of their own; past them, 1, 2 or 5 times a power
    // of ten.
    let tens = (3..10).flat_map(|power| [1, 2, 5].map(|m| m * 10u32.pow(power)));
    let step = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600]
        .into_iter()
        .chain(tens)
        .find(|&s| s >= raw)
        .unwrap_or(raw);
    (0..=length).step_by(step as usize).collect()
}

/// Most lanes drawn: past it the first lanes (the shared ones, the CPU or the GIL or the loop,
/// come first) are drawn and the others counted, so a run of a thousand tasks stays readable
/// and quick to draw. The text table still lists every lane.
const MAX_LANES: usize = 12;

/// Most bars drawn in a lane: past it, the bars that start within the same 1/MAX_BARS of the
/// axis are drawn as one, in the colour of the longest of them.
const MAX_BARS: usize = 200;

/// How many of `lanes` lanes a chart does not draw.
pub fn lanes_left_out(lanes: usize) -> usize {
    lanes.saturating_sub(MAX_LANES)
}

/// How many of `lanes` lanes a chart draws.
pub fn lanes_drawn(lanes: usize) -> usize {
    lanes.min(MAX_LANES)
}

/// The lanes to draw: all of them, or the first ones.
pub fn drawn_lanes(mut rows: Vec<Row>) -> Vec<Row> {
    rows.truncate(MAX_LANES);
    rows
}

/// A run's rows: a lane for each of the trace's, the shared ones first (every simulation draws
/// its CPU, GIL or loop in the same place), named by `name`; a bar for each span, titled by
/// `title` (for the tooltip, the text table and screen readers).
pub fn rows_of<T: Trace>(
    trace: &T,
    name: impl Fn(T::Who) -> String,
    title: impl Fn(T::Who, &Span) -> String,
) -> Vec<Row> {
    let lanes = trace.lanes();
    let mut rows: Vec<Row> =
        lanes.iter().map(|l| Row { name: name(l.who), bars: Vec::new() }).collect();
    for span in trace.spans() {
        let Some(lane) = lanes.get(span.lane) else { continue };
        rows[span.lane].bars.push(Bar {
            start: span.start,
            end: span.end,
            kind: span.work,
            label: span.label.map(|l| l.to_string()).unwrap_or_default(),
            title: title(lane.who, &span),
        });
    }
    let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    drawing_order(&lanes).into_iter().filter_map(|i| rows[i].take()).collect()
}

/// A lane's bars, merged as [`MAX_BARS`] says when there are too many to draw.
pub fn thin(mut bars: Vec<Bar>, length: u32) -> Vec<Bar> {
    if bars.len() <= MAX_BARS {
        return bars;
    }
    bars.sort_by_key(|b| b.start);
    let bucket = length.div_ceil(MAX_BARS as u32).max(1);
    let mut out: Vec<Bar> = Vec::with_capacity(MAX_BARS + 1);
    // The merged bar being built, and the longest bar in it, which gives it its colour.
    let mut group: Option<(Bar, u32, usize)> = None;
    for bar in bars {
        let width = bar.end - bar.start;
        match &mut group {
            Some((merged, longest, count)) if bar.start < merged.start + bucket => {
                merged.end = merged.end.max(bar.end);
                *count += 1;
                if width > *longest {
                    *longest = width;
                    merged.kind = bar.kind;
                    merged.title = bar.title;
                }
            }
            _ => {
                out.extend(group.take().map(merged_bar));
                group = Some((bar, width, 1));
            }
        }
    }
    out.extend(group.map(merged_bar));
    out
}

/// A group of bars as one: its label dropped, its title saying how many it stands for.
fn merged_bar((mut bar, _, count): (Bar, u32, usize)) -> Bar {
    if count > 1 {
        bar.label.clear();
        bar.title = format!("{} (+{})", bar.title, count - 1);
    }
    bar
}

/// Most lines the text table shows: the latest, so a long run stays quick to read and to draw.
const TABLE_LINES: usize = 300;

/// The chart's bars in time order, as its text table lists them: start, end, who, what.
fn table_lines(rows: &[Row]) -> Vec<(u32, u32, &str, &str)> {
    let mut lines: Vec<_> = rows
        .iter()
        .enumerate()
        .flat_map(|(lane, row)| {
            row.bars
                .iter()
                .map(move |b| (b.start, lane, b.end, row.name.as_str(), b.title.as_str()))
        })
        .collect();
    lines.sort_by_key(|&(start, lane, ..)| (start, lane));
    lines.into_iter().map(|(start, _, end, who, what)| (start, end, who, what)).collect()
}

/// The size of an exported picture: a slide.
pub const SLIDE: (u32, u32) = (1920, 1080);

/// Text made safe inside SVG (XML).
fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The chart as an SVG picture the size of a slide: a row per lane with its bars, the axis
/// and the playhead, as the page shows them at `now`.
pub fn to_svg(
    title: &str,
    rows: &[Row],
    length: u32,
    now: u32,
    unit: &str,
    palette: &ThemeColours,
) -> String {
    let (width, height) = SLIDE;
    let (left, right, top) = (300.0, 60.0, 140.0);
    let track = f64::from(width) - left - right;
    let lane = ((f64::from(height) - top - 120.0) / rows.len().max(1) as f64).min(90.0);
    let x = |t: u32| left + track * f64::from(t) / f64::from(length.max(1));
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"system-ui, sans-serif\">\
         <rect width=\"100%\" height=\"100%\" fill=\"{bg}\"/>\
         <text x=\"60\" y=\"90\" font-size=\"44\" font-weight=\"700\" fill=\"{fg}\">{title}</text>",
        bg = palette.background,
        fg = palette.text,
        title = xml(title),
    );
    for (i, row) in rows.iter().enumerate() {
        let y = top + lane * i as f64;
        out += &format!(
            "<text x=\"60\" y=\"{:.1}\" font-size=\"28\" fill=\"{}\" dominant-baseline=\"middle\">{}</text>",
            y + lane / 2.0,
            palette.text,
            xml(&row.name)
        );
        for bar in &row.bars {
            let (fill, ink) = palette.bar(bar.kind);
            let (x0, x1) = (x(bar.start), x(bar.end));
            out += &format!(
                "<rect class=\"bar {kind}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\" fill=\"{fill}\"><title>{}</title></rect>",
                y + 6.0,
                (x1 - x0).max(1.0),
                lane - 12.0,
                xml(&bar.title),
                kind = work_class(bar.kind),
            );
            if !bar.label.is_empty() && x1 - x0 > 30.0 {
                out += &format!(
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"24\" font-weight=\"600\" fill=\"{ink}\" text-anchor=\"middle\" dominant-baseline=\"middle\">{}</text>",
                    (x0 + x1) / 2.0,
                    y + lane / 2.0,
                    xml(&bar.label)
                );
            }
        }
    }
    let axis = top + lane * rows.len() as f64 + 40.0;
    for m in axis_marks(length) {
        out += &format!(
            "<text x=\"{:.1}\" y=\"{axis:.1}\" font-size=\"24\" fill=\"{}\" text-anchor=\"middle\">{m}</text>",
            x(m),
            palette.text
        );
    }
    out += &format!(
        "<text x=\"60\" y=\"{axis:.1}\" font-size=\"24\" fill=\"{}\">{}</text>\
         <line class=\"playhead\" x1=\"{p:.1}\" x2=\"{p:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"4\"/></svg>",
        palette.text,
        xml(unit),
        top - 10.0,
        axis - 30.0,
        palette.text,
        p = x(now.min(length)),
    );
    out
}

/// The lanes as the page shows them at `now`: each bar that has started, cut at `now`.
pub fn cut_at(lanes: &[Row], now: u32) -> Vec<Row> {
    lanes
        .iter()
        .map(|row| Row {
            name: row.name.clone(),
            bars: row
                .bars
                .iter()
                .filter(|b| b.start < now)
                .map(|b| Bar { end: b.end.min(now), ..b.clone() })
                .collect(),
        })
        .collect()
}

/// The colours of the page's theme for an exported picture of these lanes: its background,
/// its text, and each kind of bar's fill and label.
pub struct ThemeColours {
    /// The background.
    pub background: String,
    /// The text and lines.
    pub text: String,
    /// Each kind of bar in the lanes: its fill and its label's colour.
    pub bars: Vec<(Work, String, String)>,
}

impl ThemeColours {
    /// The colours the stylesheet gives now (in the current theme).
    pub fn read(rows: &[Row]) -> Self {
        let mut kinds: Vec<Work> =
            rows.iter().flat_map(|r| r.bars.iter().map(|b| b.kind)).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let colour = crate::browser::css_colour;
        let bars = kinds
            .iter()
            .map(|&k| {
                let class = format!("bar {}", work_class(k));
                (k, colour(&class, true), colour(&class, false))
            })
            .collect();
        Self {
            background: colour("export-background", true),
            text: colour("export-text", false),
            bars,
        }
    }

    /// A kind of bar's fill and its label's colour.
    fn bar(&self, kind: Work) -> (&str, &str) {
        let found = self.bars.iter().find(|(k, ..)| *k == kind);
        found.map_or(("#888888", "#1d1d1f"), |(_, fill, ink)| (fill.as_str(), ink.as_str()))
    }

    /// Offers the chart as an SVG file or a PNG, each the size of a slide.
    fn export(title: &str, rows: &[Row], length: u32, now: u32, unit: &str, png: bool) {
        let svg = to_svg(title, rows, length, now, unit, &Self::read(rows));
        let (width, height) = SLIDE;
        if png {
            crate::browser::download_png(&svg, width, height, "timeline.png");
        } else {
            crate::browser::download_text(&svg, "image/svg+xml", "timeline.svg");
        }
    }
}

/// A whole run's chart, made once: the lanes drawn with their bars merged, how many lanes
/// were left out, and every bar in time order for the text table.
#[derive(Clone, Debug, PartialEq)]
struct Chart {
    /// The lanes drawn, their bars thinned to what the screen has room for.
    lanes: Vec<Row>,
    /// How many lanes are counted instead of drawn.
    left_out: usize,
    /// Every bar of every lane: start, end, who, what; in time order.
    lines: Vec<(u32, u32, String, String)>,
}

impl Chart {
    fn of(rows: Vec<Row>, length: u32) -> Self {
        let left_out = lanes_left_out(rows.len());
        let lines = table_lines(&rows)
            .into_iter()
            .map(|(start, end, who, what)| (start, end, who.to_owned(), what.to_owned()))
            .collect();
        let lanes = drawn_lanes(rows)
            .into_iter()
            .map(|mut row| {
                row.bars.sort_by_key(|b| b.start);
                Row { bars: thin(row.bars, length), name: row.name }
            })
            .collect();
        Self { lanes, left_out, lines }
    }

    /// The table's lines up to `now`: the bars that have started, cut at `now`.
    fn lines_until(&self, now: u32) -> impl Iterator<Item = (u32, u32, &str, &str)> + '_ {
        let started = self.lines.partition_point(|line| line.0 < now);
        self.lines[..started].iter().map(move |(start, end, who, what)| {
            (*start, (*end).min(now), who.as_str(), what.as_str())
        })
    }
}

/// A Gantt chart of a whole run's `rows` over `length` ticks, revealed up to `now`.
///
/// The chart is drawn once per run; as time moves only one cover over the lanes' future slides
/// (a composited transform, no layout and no repaint), so a redraw costs the same for ten bars
/// or ten thousand.
#[component]
pub fn Timeline(
    /// The whole run's rows, from the first tick to the last; the chart hides what is after
    /// `now`.
    #[prop(into)]
    rows: Signal<Vec<Row>>,
    /// The length of the time axis, in ticks.
    #[prop(into)]
    length: Signal<u32>,
    /// The current tick, where the playhead stands.
    #[prop(into)]
    now: Signal<u32>,
    /// What a tick is, for the axis ("мин").
    #[prop(into)]
    unit: Signal<&'static str>,
    /// The chart's title in an exported picture.
    #[prop(optional, into)]
    title: Option<Signal<String>>,
) -> impl IntoView {
    let ui = crate::i18n::use_lang().get_untracked().ui();
    let chart = Memo::new(move |_| Chart::of(rows.get(), length.get()));
    let save = move |png: bool| {
        let name = title.map(|t| t.get_untracked()).unwrap_or_default();
        let now = now.get_untracked();
        chart.with_untracked(|c| {
            let shown = cut_at(&c.lanes, now);
            ThemeColours::export(
                &name,
                &shown,
                length.get_untracked(),
                now,
                unit.get_untracked(),
                png,
            )
        });
    };
    // The share box makes this chart into a moving picture at the player's pace.
    let clock = use_context::<crate::components::player::Clock>();
    RunCharts::add(title.unwrap_or_else(|| Signal::stored(String::new())), move || RunPicture {
        title: title.map(|t| t.get_untracked()).unwrap_or_default(),
        lanes: chart.with_untracked(|c| c.lanes.clone()),
        length: length.get_untracked(),
        unit: unit.get_untracked(),
        tick_ms: clock.map_or(crate::components::player::NORMAL_TICK_MS, |c| c.tick_ms()),
    });
    // The table is drawn only while it is open: on a long run it is thousands of cells.
    let table_open = RwSignal::new(false);
    // Where each lane's future begins, as a share of the track: the cover's shift.
    let shift = move || {
        let length = length.get();
        format!("translateX({})", percent(now.get().min(length), length))
    };
    // The bars are drawn a frame after the rest of the simulation, so that its controls and
    // words come first; the lanes keep their height meanwhile, so nothing moves.
    let drawn = RwSignal::new(false);
    request_animation_frame(move || drawn.set(true));
    let height = move || format!("calc({} * var(--track))", chart.with(|c| c.lanes.len()));
    view! {
        <div class="timeline">
            <div class="lanes" aria-hidden="true" style:min-height=height>
                {move || {
                    drawn
                        .get()
                        .then(|| {
                            chart
                                .with(|c| {
                                    c.lanes
                                        .iter()
                                        .map(|row| lane(row, length.get_untracked()))
                                        .collect_view()
                                })
                        })
                }}
                <span class="future" style:transform=shift></span>
            </div>
            // Five-digit marks do not all fit on a phone: CSS keeps the first and the last there.
            <div
                class=move || { if length.get() >= 10_000 { "lane axis wide" } else { "lane axis" } }
                aria-hidden="true"
            >
                <span class="lane-name">{move || unit.get()}</span>
                <div class="lane-track">
                    {move || {
                        let length = length.get();
                        axis_marks(length)
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <span class="mark" style=format!("left: {}", percent(m, length))>
                                        {m}
                                    </span>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </div>
            {move || {
                let left_out = chart.with(|c| c.left_out);
                (left_out > 0)
                    .then(|| view! { <p class="lanes-left-out">{format!("{} {left_out}", ui.lanes_left_out)}</p> })
            }}
            <details
                class="timeline-table"
                on:toggle=move |ev| {
                    table_open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
                }
            >
                <summary>{ui.timeline_table}</summary>
                {move || table_open.get().then(|| table(chart, now.get(), unit.get(), ui))}
            </details>
            <div class="export" role="group" aria-label=ui.export>
                <button class="button secondary small" on:click=move |_| save(false)>{ui.export_svg}</button>
                <button class="button secondary small" on:click=move |_| save(true)>{ui.export_png}</button>
            </div>
        </div>
    }
}

/// A rule of a stylesheet: its selectors, and its declarations' names and values.
type CssRule = (Vec<String>, Vec<(String, String)>);

/// The rules of a stylesheet at its top level (those inside `@media` and other at-rules are
/// left out): each one's selectors and declarations, comments removed.
fn css_rules(css: &str) -> Vec<CssRule> {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let mut rules = Vec::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        let selector = rest[..open].trim();
        // Where the block ends: its braces balanced.
        let mut depth = 0;
        let mut close = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        if !selector.starts_with('@') {
            let selectors = selector.split(',').map(|s| s.trim().to_owned()).collect();
            let declarations = rest[open + 1..close]
                .split(';')
                .filter_map(|d| d.split_once(':'))
                .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
                .collect();
            rules.push((selectors, declarations));
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    rules
}

impl ThemeColours {
    /// The light theme's colours as a stylesheet gives them, for a picture made without a
    /// browser (a simulation's preview): each kind of bar's fill from the rule that names its
    /// class alone, its label's colour from `.bar.<class>` or `.bar`; custom properties and
    /// `light-dark()` resolved to the light side, a gradient to its first colour.
    pub fn from_stylesheet(css: &str) -> Self {
        let rules = css_rules(css);
        let root: Vec<&(String, String)> = rules
            .iter()
            .filter(|(selectors, _)| selectors.iter().any(|s| s == ":root"))
            .flat_map(|(_, declarations)| declarations)
            .collect();
        let resolve = |value: &str| {
            let mut value = value.trim().to_owned();
            for _ in 0..8 {
                if let Some(name) = value.strip_prefix("var(") {
                    let name = name.split([',', ')']).next().unwrap_or_default().trim();
                    let found = root.iter().rev().find(|(n, _)| n == name);
                    value = found.map_or_else(String::new, |(_, v)| v.clone());
                } else if let Some(inner) = value.strip_prefix("light-dark(") {
                    value = top_level_first(inner).to_owned();
                } else if value.contains("gradient(") {
                    let first = value.split_once('#').map(|(_, after)| after).unwrap_or_default();
                    let hex: String = first.chars().take_while(char::is_ascii_hexdigit).collect();
                    value = if hex.is_empty() { hex } else { format!("#{hex}") };
                } else {
                    break;
                }
            }
            value
        };
        let declared = |selector: &str, property: &str| {
            rules.iter().find_map(|(selectors, declarations)| {
                selectors.iter().any(|s| s == selector).then(|| {
                    declarations.iter().find(|(n, _)| n == property).map(|(_, v)| resolve(v))
                })?
            })
        };
        let bar_ink = declared(".bar", "color").unwrap_or_default();
        let bars = Work::ALL
            .iter()
            .map(|&kind| {
                let class = work_class(kind);
                let fill = declared(&format!(".{class}"), "background").unwrap_or_default();
                let ink = declared(&format!(".bar.{class}"), "color").unwrap_or(bar_ink.clone());
                (kind, fill, ink)
            })
            .collect();
        Self { background: resolve("var(--bg)"), text: resolve("var(--text)"), bars }
    }
}

/// The first of a comma-separated list, up to its closing bracket: `#fff` of `#fff, #000)`.
fn top_level_first(list: &str) -> &str {
    let mut depth = 0;
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return list[..i].trim(),
            ')' => depth -= 1,
            ',' if depth == 0 => return list[..i].trim(),
            _ => {}
        }
    }
    list.trim()
}

/// A simulation's preview picture, the size link previews show (`width`×`height`): its title,
/// then each of its charts (titled, when there are several) with its lanes and bars at the
/// end of the run, and the axis under them, in `palette`'s colours.
pub fn preview_svg(
    title: &str,
    panels: &[(String, Vec<Row>)],
    length: u32,
    unit: &str,
    palette: &ThemeColours,
    (width, height): (u32, u32),
) -> String {
    let (w, h) = (f64::from(width), f64::from(height));
    let (left, names, right, top) = (40.0, 250.0, 40.0, 110.0);
    let track = w - left - names - right;
    let x = |t: u32| left + names + track * f64::from(t) / f64::from(length.max(1));
    let charts: Vec<Chart> =
        panels.iter().map(|(_, rows)| Chart::of(rows.clone(), length)).collect();
    let headed = panels.len() > 1;
    let heading = if headed { 30.0 } else { 0.0 };
    let lanes: usize = charts.iter().map(|c| c.lanes.len()).sum();
    let room = h - top - 50.0 - heading * panels.len() as f64;
    let lane = (room / lanes.max(1) as f64).min(48.0);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"DejaVu Sans, Liberation Sans, sans-serif\">\
         <rect width=\"100%\" height=\"100%\" fill=\"{bg}\"/>\
         <text x=\"{left}\" y=\"70\" font-size=\"36\" font-weight=\"700\" fill=\"{fg}\">{title}</text>",
        bg = palette.background,
        fg = palette.text,
        title = xml(title),
    );
    let mut y = top;
    for ((name, _), chart) in panels.iter().zip(&charts) {
        if headed {
            out += &format!(
                "<text x=\"{left}\" y=\"{:.1}\" font-size=\"19\" font-weight=\"700\" fill=\"{}\">{}</text>",
                y + 20.0,
                palette.text,
                xml(name)
            );
            y += heading;
        }
        for row in &chart.lanes {
            out += &format!(
                "<text x=\"{left}\" y=\"{:.1}\" font-size=\"{:.0}\" fill=\"{}\" dominant-baseline=\"middle\">{}</text>",
                y + lane / 2.0,
                (lane * 0.45).clamp(11.0, 18.0),
                palette.text,
                xml(&row.name)
            );
            for bar in &row.bars {
                let (fill, _) = palette.bar(bar.kind);
                let (x0, x1) = (x(bar.start), x(bar.end));
                out += &format!(
                    "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\" fill=\"{fill}\"/>",
                    y + lane * 0.12,
                    (x1 - x0).max(1.0),
                    lane * 0.76,
                );
            }
            y += lane;
        }
    }
    for m in axis_marks(length) {
        out += &format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" fill=\"{}\" text-anchor=\"middle\">{m}</text>",
            x(m),
            y + 24.0,
            palette.text
        );
    }
    out += &format!(
        "<text x=\"{left}\" y=\"{:.1}\" font-size=\"15\" fill=\"{}\">{}</text></svg>",
        y + 24.0,
        palette.text,
        xml(unit)
    );
    out
}

/// A whole run's chart as HTML text, drawn as [`Timeline`] draws it at the end of the run
/// (the same classes, so the stylesheet gives it the same look in either theme): for a page
/// file, which shows it before the app has started and with JavaScript off.
pub fn chart_html(lang: crate::i18n::Lang, rows: Vec<Row>, length: u32, unit: &str) -> String {
    use crate::site::escape;
    let chart = Chart::of(rows, length);
    let mut html = String::from("<div class=\"timeline\"><div class=\"lanes\">");
    for row in &chart.lanes {
        html += &format!(
            "<div class=\"lane\"><span class=\"lane-name\">{}</span><div class=\"lane-track\">",
            escape(&row.name)
        );
        let mut end = 0;
        for bar in &row.bars {
            html += &format!(
                "<span class=\"bar {}\" style=\"margin-left: {}; width: {}\" title=\"{}\">",
                work_class(bar.kind),
                signed_percent(i64::from(bar.start) - i64::from(end), length),
                percent(bar.end - bar.start, length),
                escape(&bar.title),
            );
            if !bar.label.is_empty() {
                html += &format!("<span class=\"bar-label\">{}</span>", escape(&bar.label));
            }
            html += "</span>";
            end = bar.end;
        }
        html += "</div></div>";
    }
    html += &format!(
        "</div><div class=\"lane axis\"><span class=\"lane-name\">{}</span><div class=\"lane-track\">",
        escape(unit)
    );
    for m in axis_marks(length) {
        html += &format!("<span class=\"mark\" style=\"left: {}\">{m}</span>", percent(m, length));
    }
    html += "</div></div>";
    if chart.left_out > 0 {
        let words = escape(lang.ui().lanes_left_out);
        html += &format!("<p class=\"lanes-left-out\">{words} {}</p>", chart.left_out);
    }
    html += "</div>";
    html
}

/// One lane of the chart: its name and its bars. The bars are left to the text table for
/// screen readers: the cover over the future hides it from the eye only.
///
/// The bars are laid out in a row, each placed by its gap after the one before (not each
/// positioned on its own): a thousand positioned boxes would each be a layer for the browser
/// to walk on every frame.
fn lane(row: &Row, length: u32) -> impl IntoView {
    let mut end = 0;
    let bars = row
        .bars
        .iter()
        .map(|bar| {
            let style = format!(
                "margin-left: {}; width: {}",
                signed_percent(i64::from(bar.start) - i64::from(end), length),
                percent(bar.end - bar.start, length),
            );
            end = bar.end;
            let label = (!bar.label.is_empty())
                .then(|| view! { <span class="bar-label">{bar.label.clone()}</span> });
            view! {
                <span class=format!("bar {}", work_class(bar.kind)) style=style title=bar.title.clone()>
                    {label}
                </span>
            }
        })
        .collect_view();
    view! {
        <div class="lane">
            <span class="lane-name">{row.name.clone()}</span>
            <div class="lane-track">{bars}</div>
        </div>
    }
}

/// The text alternative of the chart: what each lane did and when, in time order, up to `now`.
fn table(
    chart: Memo<Chart>,
    now: u32,
    unit: &'static str,
    ui: &'static crate::i18n::Ui,
) -> impl IntoView {
    chart.with(|chart| {
        let lines: Vec<_> = chart.lines_until(now).collect();
        let left_out = lines.len().saturating_sub(TABLE_LINES);
        let body = lines[left_out..]
            .iter()
            .map(|&(start, end, who, what)| {
                view! {
                    <tr>
                        <td>{format!("{start}–{end} {unit}")}</td>
                        <th scope="row">{who.to_owned()}</th>
                        <td>{what.to_owned()}</td>
                    </tr>
                }
            })
            .collect_view();
        let [when, who, what] = ui.timeline_columns;
        view! {
            {(left_out > 0).then(|| view! { <p class="hint">{format!("{} {left_out}", ui.timeline_earlier)}</p> })}
            <table class="totals">
                <thead>
                    <tr>
                        <th scope="col">{when}</th>
                        <th scope="col">{who}</th>
                        <th scope="col">{what}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_light_theme_s_colours_are_read_from_the_stylesheet() {
        let theme = ThemeColours::from_stylesheet(include_str!("../../style/main.css"));
        assert_eq!((theme.background.as_str(), theme.text.as_str()), ("#fbfaf7", "#1d1d1f"));
        assert_eq!(theme.bar(Work::Mix), ("#2a5ea8", "#ffffff"));
        assert_eq!(theme.bar(Work::Runs), ("#2a5ea8", "#ffffff"), "running code looks as mixing");
        assert_eq!(theme.bar(Work::WaitsIo), ("#f2a541", "#1d1d1f"));
        assert_eq!(theme.bar(Work::Holds), ("#3d4f5c", "#ffffff"));
        assert_eq!(theme.bar(Work::Ready).0, "#ecebe6", "light-dark() gives its light side");
        assert_eq!(theme.bar(Work::Switches).0, "#3f4146", "a gradient gives its first colour");
        assert_eq!(theme.bars.len(), Work::ALL.len());
        for (kind, fill, ink) in &theme.bars {
            let hex = |c: &str| c.len() == 7 && c.starts_with('#');
            assert!(hex(fill) && hex(ink), "{kind:?}: {fill} on {ink}");
        }
        // Comments, at-rules and other themes are not read.
        let css = "/* .mix { background: red } */ :root { --a: light-dark(#111111, #eeeeee); --bg: #fff; --text: var(--a) }\
                   @media (prefers-color-scheme: dark) { .mix { background: #000000 } }\
                   :root[data-theme=dark] { --bg: #000 } .mix, .runs { background: var(--a) }";
        let theme = ThemeColours::from_stylesheet(css);
        assert_eq!((theme.background.as_str(), theme.text.as_str()), ("#fff", "#111111"));
        assert_eq!(theme.bar(Work::Runs).0, "#111111");
    }

    #[test]
    fn a_preview_draws_each_chart_titled_with_its_lanes_and_bars() {
        let theme = ThemeColours::from_stylesheet(include_str!("../../style/main.css"));
        let row = |name: &str, kind| Row {
            name: name.into(),
            bars: vec![Bar { start: 0, end: 5, kind, label: "1".into(), title: "t".into() }],
        };
        let panels = vec![
            ("One & two".to_owned(), vec![row("A", Work::Mix), row("B", Work::Holds)]),
            ("Three".to_owned(), vec![row("C", Work::Bake)]),
        ];
        let svg = preview_svg("Title <x>", &panels, 10, "ms", &theme, (1200, 630));
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\""
        ));
        assert!(svg.contains(">Title &lt;x&gt;</text>") && svg.contains(">One &amp; two</text>"));
        assert_eq!(svg.matches("rx=\"3\" fill=").count(), 3, "a bar each");
        assert!(svg.contains("fill=\"#3d4f5c\"/>"), "{svg}");
        let one = preview_svg("T", &panels[1..], 10, "ms", &theme, (1200, 630));
        assert!(!one.contains(">Three</text>"), "a single chart needs no title of its own");
    }

    #[test]
    fn percentages_are_exact_to_a_hundredth() {
        assert_eq!(percent(1, 3), "33.33%");
        assert_eq!(percent(100, 100), "100.00%");
        assert_eq!(percent(5, 0), "500.00%");
        assert_eq!(percent(0, 7), "0.00%");
        assert_eq!(signed_percent(-1, 3), "-33.33%");
    }

    #[test]
    fn an_exported_picture_has_every_bar_the_axis_and_the_playhead() {
        let rows = vec![
            Row {
                name: "Поток 1".into(),
                bars: vec![
                    Bar {
                        start: 0,
                        end: 5,
                        kind: Work::Runs,
                        label: "1".into(),
                        title: "a <b>".into(),
                    },
                    Bar {
                        start: 5,
                        end: 9,
                        kind: Work::Ready,
                        label: String::new(),
                        title: "c".into(),
                    },
                ],
            },
            Row {
                name: "GIL".into(),
                bars: vec![Bar {
                    start: 0,
                    end: 5,
                    kind: Work::Holds,
                    label: "1".into(),
                    title: "d".into(),
                }],
            },
        ];
        let bars = [Work::Runs, Work::Ready, Work::Holds]
            .map(|kind| (kind, format!("fill-{}", work_class(kind)), "ink".to_owned()))
            .to_vec();
        let palette = ThemeColours { background: "white".into(), text: "black".into(), bars };
        let svg = to_svg("Потоки & GIL", &rows, 20, 9, "мс", &palette);
        assert!(svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1920\" height=\"1080\""
        ));
        assert_eq!(svg.matches("<rect class=\"bar ").count(), 3);
        assert!(svg.contains("fill=\"fill-held\"") && svg.contains("<title>a &lt;b&gt;</title>"));
        assert!(svg.contains(">Потоки &amp; GIL</text>"));
        assert_eq!(
            svg.matches("text-anchor=\"middle\">").count(),
            axis_marks(20).len(),
            "the marks"
        );
        assert_eq!(svg.matches("dominant-baseline=\"middle\">1</text>").count(), 2, "the labels");
        assert!(svg.contains("<line class=\"playhead\""));
        assert!(svg.ends_with("</svg>"));
    }

    fn bars(n: u32) -> Vec<Bar> {
        (0..n)
            .map(|i| Bar {
                start: i * 2,
                end: i * 2 + if i % 3 == 0 { 2 } else { 1 },
                kind: if i % 3 == 0 { Work::Runs } else { Work::Ready },
                label: i.to_string(),
                title: format!("bar {i}"),
            })
            .collect()
    }

    #[test]
    fn a_crowded_lane_is_merged_to_a_bounded_number_of_bars_that_cover_the_same_time() {
        assert_eq!(thin(bars(10), 20), bars(10), "few bars are left alone");
        let many = bars(3_000);
        let thinned = thin(many, 6_000);
        assert!(thinned.len() <= MAX_BARS + 1, "{} bars", thinned.len());
        assert_eq!((thinned[0].start, thinned.last().unwrap().end), (0, 5_999));
        // Each merged bar takes the colour and the words of its longest bar.
        assert_eq!(thinned[0].kind, Work::Runs);
        assert_eq!(thinned[0].title, "bar 0 (+14)");
        assert!(thinned.iter().all(|b| b.label.is_empty()));
    }

    #[test]
    fn past_twelve_lanes_the_first_are_drawn_and_the_rest_counted() {
        let row = |i: usize| Row { name: format!("Task {i}"), bars: Vec::new() };
        let lanes = drawn_lanes((0..1_001).map(row).collect());
        assert_eq!((lanes.len(), lanes_left_out(1_001)), (MAX_LANES, 1_001 - MAX_LANES));
        assert_eq!(lanes[MAX_LANES - 1].name, "Task 11");
        assert_eq!(drawn_lanes((0..3).map(row).collect()), (0..3).map(row).collect::<Vec<_>>());
        assert_eq!(lanes_left_out(3), 0);
    }

    /// A plain bar with a title, for the table's tests.
    fn bar(start: u32, end: u32, title: &str) -> Bar {
        Bar { start, end, kind: Work::Runs, label: String::new(), title: title.into() }
    }

    #[test]
    fn the_table_lists_every_bar_in_time_order() {
        let rows = vec![
            Row { name: "A".into(), bars: vec![bar(0, 3, "a1"), bar(5, 6, "a2")] },
            Row { name: "B".into(), bars: vec![bar(0, 2, "b1"), bar(3, 5, "b2")] },
        ];
        assert_eq!(
            table_lines(&rows),
            [(0, 3, "A", "a1"), (0, 2, "B", "b1"), (3, 5, "B", "b2"), (5, 6, "A", "a2")]
        );
    }

    #[test]
    fn a_run_is_charted_once_and_shown_up_to_now() {
        let rows = vec![
            Row { name: "A".into(), bars: vec![bar(5, 9, "a2"), bar(0, 3, "a1")] },
            Row { name: "B".into(), bars: vec![bar(2, 6, "b1")] },
        ];
        let chart = Chart::of(rows, 10);
        assert_eq!(chart.lanes[0].bars[0].title, "a1", "each lane in time order");
        let lines: Vec<_> = chart.lines_until(4).collect();
        assert_eq!(lines, [(0, 3, "A", "a1"), (2, 4, "B", "b1")], "started bars, cut at now");
        let shown = cut_at(&chart.lanes, 4);
        let ends: Vec<_> =
            shown.iter().map(|r| r.bars.iter().map(|b| b.end).collect::<Vec<_>>()).collect();
        assert_eq!(ends, [vec![3], vec![4]], "the picture at now");
    }

    /// Two workers and a CPU they share, the CPU listed last by its engine.
    struct TwoAndACpu;

    impl Trace for TwoAndACpu {
        type Who = Option<usize>;

        fn end(&self) -> u32 {
            4
        }

        fn lanes(&self) -> Vec<engine::trace::Lane<Option<usize>>> {
            use engine::trace::Lane;
            vec![Lane::own(Some(0)), Lane::own(Some(1)), Lane::shared(None)]
        }

        fn spans(&self) -> Vec<Span> {
            let span = |lane, start, work, label| Span {
                lane,
                start,
                end: start + 2,
                work,
                label,
                record: 0,
            };
            use engine::trace::Label::Nth;
            vec![
                span(0, 0, Work::Runs, None),
                span(2, 0, Work::Runs, Some(Nth(0))),
                span(1, 2, Work::Runs, None),
                span(2, 2, Work::Runs, Some(Nth(1))),
            ]
        }
    }

    #[test]
    fn the_shared_lane_is_drawn_first_whatever_the_engines_order() {
        let name = |who: Option<usize>| who.map_or("CPU".to_owned(), |n| format!("Task {}", n + 1));
        let rows = rows_of(&TwoAndACpu, name, |_, s| format!("{}–{}", s.start, s.end));
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["CPU", "Task 1", "Task 2"]);
        let cpu: Vec<_> =
            rows[0].bars.iter().map(|b| (b.label.as_str(), b.title.as_str())).collect();
        assert_eq!(cpu, [("1", "0–2"), ("2", "2–4")]);
    }

    #[test]
    fn axis_marks_land_on_round_numbers() {
        assert_eq!(axis_marks(100), [0, 20, 40, 60, 80, 100]);
        assert_eq!(axis_marks(75), [0, 15, 30, 45, 60, 75]);
        assert_eq!(axis_marks(3), [0, 1, 2, 3]);
        assert_eq!(axis_marks(0), [0]);
        assert_eq!(axis_marks(13_499), [0, 5_000, 10_000]);
    }
}
