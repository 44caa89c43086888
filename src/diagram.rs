//! The step buttons of a figure that moves (the event loop's timeline, drawn at build time by
//! the `lessons` crate): each step shows the figure up to a moment and that moment's
//! narration, which the figure already carries in the page's language.

use crate::browser::elements;
use web_sys::Element;

/// A whole-number attribute (integers only: float parsing would add kilobytes to the wasm).
fn number(element: &Element, attribute: &str) -> Option<i32> {
    element.get_attribute(attribute)?.parse().ok()
}

/// The moment after a step of `step` from `now`, kept within `0..=end`.
pub fn stepped(now: i32, step: i32, end: i32) -> i32 {
    (now + step).clamp(0, end)
}

/// Handles a click on a figure's step button; returns whether the click was one.
pub fn step(target: &Element) -> bool {
    let Some(button) = target.closest("[data-step]").ok().flatten() else { return false };
    let Some(figure) = button.closest(".stepper").ok().flatten() else { return false };
    let Some(controls) = figure.query_selector(".diagram-steps").ok().flatten() else {
        return false;
    };
    let end = number(&controls, "data-end").unwrap_or(0);
    let now = number(&figure, "data-t").unwrap_or(end);
    let step = number(&button, "data-step").unwrap_or(0);
    let t = stepped(now, step, end);
    let _ = figure.set_attribute("data-t", &t.to_string());
    for segment in elements(&figure, ".fig-seg") {
        let future = number(&segment, "data-from").is_some_and(|from| from >= t);
        let _ = segment.class_list().toggle_with_force("is-future", future);
    }
    if let Some(line) = figure.query_selector(".fig-now").ok().flatten() {
        // Steps are half units; the figure's unit is an even number of pixels.
        let x0 = number(&line, "data-x0").unwrap_or(0);
        let unit = number(&line, "data-unit").unwrap_or(0);
        let x = (x0 + unit * t / 2).to_string();
        let _ = line.set_attribute("x1", &x);
        let _ = line.set_attribute("x2", &x);
    }
    for item in elements(&figure, "li[data-t]") {
        if number(&item, "data-t") == Some(t) {
            let _ = item.remove_attribute("hidden");
        } else {
            let _ = item.set_attribute("hidden", "");
        }
    }
    for button in elements(&figure, "[data-step]") {
        let step = number(&button, "data-step").unwrap_or(0);
        let _ = button.toggle_attribute_with_force("disabled", stepped(t, step, end) == t);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_within_the_figure() {
        assert_eq!(stepped(12, 1, 12), 12);
        assert_eq!(stepped(0, -1, 12), 0);
        assert_eq!(stepped(5, 1, 12), 6);
        assert_eq!(stepped(5, -1, 12), 4);
    }
}
