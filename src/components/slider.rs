//! A labelled range slider for one of a simulation's numeric settings, with its value shown.

use engine::params::ParamSpec;
use leptos::prelude::*;

/// A slider over `spec`'s range; reports every move, clamped into the range.
#[component]
pub fn Slider(
    /// The input's id, unique on the page.
    id: String,
    /// What the setting is, for the learner.
    label: &'static str,
    /// Its range.
    spec: ParamSpec,
    /// Its current value.
    #[prop(into)]
    value: Signal<u32>,
    /// Called with the new value.
    on_change: Callback<u32>,
) -> impl IntoView {
    view! {
        <div class="slider">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="range"
                min=spec.min.to_string()
                max=spec.max.to_string()
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<i64>() {
                        on_change.run(spec.clamp(v));
                    }
                }
            />
            <output>{value}</output>
        </div>
    }
}
