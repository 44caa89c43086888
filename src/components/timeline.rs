//! A Gantt chart: one row per worker, coloured bars for what it does, a playhead for now.
//! Drawn with HTML and percentages so it fits any width, from a phone to a projector.

use leptos::prelude::*;

/// One bar of a row.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Tick the bar starts.
    pub start: u32,
    /// Tick the bar ends (exclusive).
    pub end: u32,
    /// A CSS class naming the kind of work, for its colour.
    pub kind: &'static str,
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
    let hundredths = u64::from(value) * 10_000 / u64::from(length.max(1));
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// Tick marks for an axis of `length` ticks: about five, on round numbers.
pub fn axis_marks(length: u32) -> Vec<u32> {
    let raw = (length / 5).max(1);
    let step =
        [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600].into_iter().find(|&s| s >= raw).unwrap_or(raw);
    (0..=length).step_by(step as usize).collect()
}

/// A Gantt chart of `rows` over `length` ticks, showing only what happened before `now`.
#[component]
pub fn Timeline(
    /// The rows, already cut at the current moment.
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
) -> impl IntoView {
    let playhead = move || format!("left: {}", percent(now.get().min(length.get()), length.get()));
    view! {
        <div class="timeline">
            {move || {
                let length = length.get();
                // A plain value, not a reactive attribute: this block re-renders on every
                // tick anyway, and an effect made here would outlive the render.
                let head = playhead();
                rows.get()
                    .into_iter()
                    .map(|row| {
                        let bars = row
                            .bars
                            .into_iter()
                            .map(|bar| {
                                let style = format!(
                                    "left: {}; width: {}",
                                    percent(bar.start, length),
                                    percent(bar.end - bar.start, length),
                                );
                                let title = bar.title.clone();
                                view! {
                                    <span class=format!("bar {}", bar.kind) style=style title=title>
                                        <span class="bar-label" aria-hidden="true">{bar.label}</span>
                                        <span class="visually-hidden">{bar.title}</span>
                                    </span>
                                }
                            })
                            .collect_view();
                        view! {
                            <div class="lane">
                                <span class="lane-name">{row.name}</span>
                                <div class="lane-track">{bars} <span class="playhead" style=head.clone()></span></div>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <div class="lane axis" aria-hidden="true">
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
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_exact_to_a_hundredth() {
        assert_eq!(percent(1, 3), "33.33%");
        assert_eq!(percent(100, 100), "100.00%");
        assert_eq!(percent(5, 0), "500.00%");
        assert_eq!(percent(0, 7), "0.00%");
    }

    #[test]
    fn axis_marks_land_on_round_numbers() {
        assert_eq!(axis_marks(100), [0, 20, 40, 60, 80, 100]);
        assert_eq!(axis_marks(75), [0, 15, 30, 45, 60, 75]);
        assert_eq!(axis_marks(3), [0, 1, 2, 3]);
        assert_eq!(axis_marks(0), [0]);
    }
}
