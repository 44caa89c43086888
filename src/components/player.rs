//! The one player every simulation uses: play, pause, step, step back, speed, reset and a
//! scrubber, over a clock that counts ticks. A simulation turns the tick into its state by
//! replaying its pure engine, so stepping back is as exact as stepping forward.

use crate::embed::PlayerStart;
use crate::i18n::use_lang;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// The speeds offered: the multiple of the normal pace, and its label.
pub const SPEEDS: [(f64, &str); 6] =
    [(0.25, "0.25×"), (0.5, "0.5×"), (1.0, "1×"), (2.0, "2×"), (4.0, "4×"), (8.0, "8×")];

/// Index of 1× in [`SPEEDS`].
const NORMAL_SPEED: usize = 2;

/// The shortest time between two redraws the timer causes: two frames of a 60 Hz screen. A
/// timeline read at a glance needs no more than 30 redraws a second, and a thousand tasks
/// leave the page time to keep every frame; a faster speed moves several ticks per redraw.
const MIN_REDRAW_MS: u32 = 33;

/// Milliseconds between ticks at 1×.
pub const NORMAL_TICK_MS: f64 = 200.0;

/// A simulation's clock: the current tick, the last tick, whether it runs and how fast.
#[derive(Clone, Copy)]
pub struct Clock {
    /// The tick shown now.
    pub tick: RwSignal<u32>,
    /// The tick at which the simulation is over.
    pub end: Signal<u32>,
    /// Whether the timer advances the tick.
    pub playing: RwSignal<bool>,
    /// Index into [`SPEEDS`].
    pub speed: RwSignal<usize>,
    /// Whether playing starts over at the end instead of stopping.
    pub looping: RwSignal<bool>,
    /// Milliseconds of wall time per tick at 1×.
    pub pace_ms: f64,
}

impl Clock {
    /// A paused clock at `start` (clamped to `end`), at normal speed; in an embed, as its URL
    /// says (`autoplay`, `loop`, `speed`).
    pub fn new(start: u32, end: Signal<u32>) -> Self {
        let embed = use_context::<PlayerStart>().unwrap_or_default();
        Self {
            tick: RwSignal::new(start.min(end.get_untracked())),
            end,
            playing: RwSignal::new(embed.autoplay),
            speed: RwSignal::new(embed.speed.unwrap_or(NORMAL_SPEED).min(SPEEDS.len() - 1)),
            looping: RwSignal::new(embed.looping),
            pace_ms: NORMAL_TICK_MS,
        }
    }

    /// One speed faster (`by` 1) or slower (`by` -1), within the list.
    pub fn change_speed(&self, by: isize) {
        self.speed.update(|i| *i = i.saturating_add_signed(by).min(SPEEDS.len() - 1));
    }

    /// The same clock with `pace_ms` of wall time per tick at 1×.
    pub fn with_pace(self, pace_ms: f64) -> Self {
        Self { pace_ms, ..self }
    }

    /// Moves one tick forward; at the end it stops, or starts over while playing on loop.
    pub fn step(&self) {
        self.advance(1);
    }

    /// Moves `ticks` forward at once, stopping at the end (or, playing on loop, going back to
    /// the start once it has been shown).
    fn advance(&self, ticks: u32) {
        let end = self.end.get_untracked();
        let looping = self.looping.get_untracked() && self.playing.get_untracked();
        let now = self.tick.get_untracked();
        if now >= end && looping {
            self.tick.set(0);
            return;
        }
        let next = now.saturating_add(ticks).min(end);
        self.tick.set(next);
        if next >= end && !looping {
            self.playing.set(false);
        }
    }

    /// Moves one tick back and pauses.
    pub fn step_back(&self) {
        self.playing.set(false);
        self.tick.update(|t| *t = t.saturating_sub(1));
    }

    /// Starts or pauses; starting at the end starts over.
    pub fn toggle(&self) {
        if self.playing.get_untracked() {
            self.playing.set(false);
        } else {
            if self.tick.get_untracked() >= self.end.get_untracked() {
                self.tick.set(0);
            }
            self.playing.set(true);
        }
    }

    /// Back to tick 0, paused.
    pub fn reset(&self) {
        self.playing.set(false);
        self.tick.set(0);
    }

    /// Milliseconds of wall time a tick takes at the current speed.
    pub fn tick_ms(&self) -> f64 {
        let (speed, _) = SPEEDS[self.speed.get_untracked().min(SPEEDS.len() - 1)];
        self.pace_ms / speed
    }

    /// Milliseconds between timer calls and the ticks each call moves, at the current speed: a
    /// tick each call, or at fast speeds several, so the page never redraws more often than
    /// [`MIN_REDRAW_MS`].
    fn cadence(&self) -> (u32, u32) {
        let (speed, _) = SPEEDS[self.speed.get().min(SPEEDS.len() - 1)];
        let period = ((self.pace_ms / speed).round() as u32).max(1);
        let ticks = MIN_REDRAW_MS.div_ceil(period);
        (period * ticks, ticks)
    }

    /// Runs the browser timer while the clock plays, for as long as the calling component
    /// lives.
    pub fn drive(self) {
        // Syncs the clock with a browser timer: one interval while playing, none while paused.
        Effect::new(move |_| {
            if !self.playing.get() {
                return;
            }
            // A background tab's timers are throttled to a tick now and then; rather than
            // crawl unseen, the simulation waits where it is until the learner is back.
            let (every, ticks) = self.cadence();
            let interval = Interval::new(every, move || {
                if !crate::browser::page_hidden() {
                    self.advance(ticks);
                }
            });
            let interval = SendWrapper::new(interval);
            on_cleanup(move || drop(interval));
        });
    }
}

/// Where an embed keeps the clock its keyboard drives: the player shown in it sets it.
#[derive(Clone, Copy)]
pub struct ActiveClock(pub RwSignal<Option<Clock>>);

/// A player icon, drawn so that it looks the same with every font.
#[component]
fn Icon(
    /// The SVG path data, on a 24×24 grid.
    path: &'static str,
) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <path d=path fill="currentColor" />
        </svg>
    }
}

const ICON_PLAY: &str = "M8 5v14l11-7z";
const ICON_PAUSE: &str = "M6 5h4v14H6zM14 5h4v14h-4z";
const ICON_STEP: &str = "M6 5v14l9-7zM16 5h3v14h-3z";
const ICON_STEP_BACK: &str = "M18 5v14l-9-7zM5 5h3v14H5z";
const ICON_RESET: &str = "M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z";
const ICON_LOOP: &str = "M7 7h10v3l4-4-4-4v3H5v6h2zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2z";

/// The playback controls for a [`Clock`]. `unit` names what a tick is ("мин").
#[component]
pub fn Player(
    /// The clock to control; the player starts its timer.
    clock: Clock,
    /// What one tick is, shown after the numbers.
    #[prop(into)]
    unit: Signal<&'static str>,
    /// What the simulation shows at this moment, in a sentence, for screen readers.
    #[prop(into)]
    narration: Signal<String>,
) -> impl IntoView {
    clock.drive();
    // An embed's keyboard drives the player on it.
    if let Some(ActiveClock(slot)) = use_context::<ActiveClock>() {
        slot.set(Some(clock));
    }
    // The page is rebuilt when the language changes, so the words are read once.
    let ui = use_lang().get_untracked().ui();
    let at_end = move || clock.tick.get() >= clock.end.get();
    let at_start = move || clock.tick.get() == 0;
    let speed_options = SPEEDS
        .iter()
        .enumerate()
        .map(|(i, s)| view! { <option value=i.to_string() selected=i == NORMAL_SPEED>{s.1}</option> })
        .collect_view();
    view! {
        <div class="player" role="group" aria-label=ui.player>
            <div class="player-buttons">
                <button
                    class="icon-button"
                    aria-label=ui.step_back
                    title=ui.step_back
                    disabled=at_start
                    on:click=move |_| clock.step_back()
                >
                    <Icon path=ICON_STEP_BACK />
                </button>
                <button
                    class="icon-button primary"
                    aria-label=move || if clock.playing.get() { ui.pause } else { ui.play }
                    title=move || if clock.playing.get() { ui.pause } else { ui.play }
                    on:click=move |_| clock.toggle()
                >
                    {move || {
                        let path = if clock.playing.get() { ICON_PAUSE } else { ICON_PLAY };
                        view! { <Icon path=path /> }
                    }}
                </button>
                <button
                    class="icon-button"
                    aria-label=ui.step
                    title=ui.step
                    disabled=at_end
                    on:click=move |_| {
                        clock.playing.set(false);
                        clock.step();
                    }
                >
                    <Icon path=ICON_STEP />
                </button>
                <button
                    class="icon-button"
                    aria-label=ui.reset
                    title=ui.reset
                    on:click=move |_| clock.reset()
                >
                    <Icon path=ICON_RESET />
                </button>
                <button
                    class="icon-button"
                    aria-label=ui.repeat
                    title=ui.repeat
                    aria-pressed=move || clock.looping.get().to_string()
                    on:click=move |_| clock.looping.update(|on| *on = !*on)
                >
                    <Icon path=ICON_LOOP />
                </button>
                <label class="speed">
                    <span class="speed-label">{ui.speed}</span>
                    <select
                        aria-label=ui.speed
                        prop:value=move || clock.speed.get().to_string()
                        on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                clock.speed.set(i.min(SPEEDS.len() - 1));
                            }
                        }
                    >
                        {speed_options}
                    </select>
                </label>
            </div>
            <div class="scrubber">
                <input
                    type="range"
                    min="0"
                    max=move || clock.end.get().to_string()
                    prop:value=move || clock.tick.get().to_string()
                    aria-label=ui.moment
                    on:input=move |ev| {
                        if let Ok(t) = event_target_value(&ev).parse::<u32>() {
                            clock.playing.set(false);
                            clock.tick.set(t.min(clock.end.get_untracked()));
                        }
                    }
                />
                <output class="time" aria-live="off">
                    {move || format!("{} / {} {}", clock.tick.get(), clock.end.get(), unit.get())}
                </output>
            </div>
            // Read out after a step or a pause, not on every tick of a run: a screen reader
            // could not keep up, and the learner would hear the past.
            <p class="visually-hidden narration" aria-live="polite" aria-atomic="true">
                {move || if clock.playing.get() { String::new() } else { narration.get() }}
            </p>
        </div>
    }
}
