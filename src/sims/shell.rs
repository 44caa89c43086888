//! The one simulation shell: it reads the address (or a lesson's directive), keeps the setup,
//! makes the run once per setup, owns the clock and the address bar, and draws what every
//! simulation has: the notes on its parameters, the ready-made sets, the player and its
//! narration, the settings, the colour key and the link to open it alone. A simulation gives
//! its engine ([`Sim`]) and its own panels ([`Parts`]).

use super::controls::{sync_url, Legend, OpenAlone, PanelTitle, ParamNotes, PresetRow};
use super::predict::{GoalList, PredictCard, Prediction};
use super::registry::{Mode, SimKind, MOMENT_KEY};
use crate::components::player::{Clock, Player};
use crate::components::timeline::{lanes_drawn, Row, Timeline};
use crate::i18n::{use_lang, Lang, Tr};
use engine::params::{read_params, Knobs, ParamIssue, ParamSpec};
use engine::trace::Work;
use leptos::prelude::*;

/// A simulation's fixed words the shell shows.
pub struct ShellWords {
    /// The name of the row of ready-made sets, for screen readers.
    pub presets: Tr,
    /// What one tick is, after the player's numbers.
    pub unit: Tr,
    /// The colour key: each kind of work the timeline draws and its name.
    pub legend: &'static [(Work, Tr)],
    /// A chip for the empty track, if the key names it.
    pub idle: Option<Tr>,
    /// A note after the chips.
    pub legend_note: Option<Tr>,
    /// The line under the ready-made sets while none is on: `None` when the simulation has
    /// no such line.
    pub hint: Option<Tr>,
    /// The name of the settings' box, if it has one ([`Parts::settings`] is what is inside).
    pub settings: Option<Tr>,
}

/// A ready-made set's words: its name on the button, and what it shows (if the simulation
/// says it).
#[derive(Clone, Copy)]
pub struct PresetWords {
    /// The name in the engine, as stored in progress and links.
    pub key: &'static str,
    /// The button's words.
    pub name: Tr,
    /// One line on what it shows.
    pub notice: Option<Tr>,
}

/// What a simulation gives the shell: its setup, its run, its presets and its words.
pub trait Sim: 'static {
    /// Everything the address keeps apart from the moment: settings, a program, an order.
    type Setup: Clone + PartialEq + Send + Sync + 'static;
    /// The whole run of a setup, made once per setup.
    type Run: PartialEq + Send + Sync + 'static;
    /// What the simulation is at one tick, for its panels and its narration.
    type Moment: Send + Sync + 'static;

    /// Which simulation.
    const KIND: SimKind;
    /// Wall-clock milliseconds per tick at 1×.
    const PACE_MS: f64;
    /// Its fixed words.
    const WORDS: ShellWords;
    /// Its ready-made sets' words, in the order of its presets.
    const PRESETS: &'static [PresetWords];
    /// Its parameters' names for the learner, by query key (the moment's too).
    const LABELS: &'static [(&'static str, Tr)];

    /// Reads the setup from the address's pairs (the moment is the shell's); problems go into
    /// `issues`.
    fn read(pairs: &[(&str, &str)], issues: &mut Vec<ParamIssue>) -> Self::Setup;
    /// The address's pairs that give this setup back.
    fn query(setup: &Self::Setup) -> Vec<(&'static str, String)>;
    /// Runs the setup to its end.
    fn run(setup: &Self::Setup) -> Self::Run;
    /// The last tick of a run.
    fn end(run: &Self::Run) -> u32;
    /// The moment at `tick`, made from `previous` (the moment shown before, if any) when it
    /// can be: playing forward steps on rather than replaying from the start, so a tick costs
    /// the same however long the run.
    fn moment(
        previous: Option<Self::Moment>,
        setup: &Self::Setup,
        run: &Self::Run,
        tick: u32,
    ) -> Self::Moment;
    /// What the simulation shows at a moment, in words, for screen readers.
    fn narrate(
        lang: Lang,
        setup: &Self::Setup,
        run: &Self::Run,
        moment: &Self::Moment,
        tick: u32,
    ) -> String;
    /// The question the learner answers before watching the run of `setup`, made from the
    /// run; `None` where the run has nothing to ask.
    fn predict(lang: Lang, setup: &Self::Setup, run: &Self::Run) -> Option<Prediction>;
    /// The run's charts, as its panels draw them at the end of the run.
    fn charts(lang: Lang, setup: &Self::Setup, run: &Self::Run) -> Charts;
    /// Which of the simulation's goals (as its registry entry names them) the run of `setup`
    /// reaches once watched to its end.
    fn goals_reached(setup: &Self::Setup, run: &Self::Run) -> Vec<&'static str>;
    /// Whether the run is whole at its last tick (a race taken by hand may stop halfway).
    fn complete(_run: &Self::Run) -> bool {
        true
    }
    /// What its own part before the player ([`Parts::before_player`]) first shows for `setup`,
    /// as HTML text for its page's file (see [`still`]); none where it has no such part.
    fn before_player_still(_lang: Lang, _setup: &Self::Setup) -> String {
        String::new()
    }
    /// Its own parts (its panels, its settings), made once from the context.
    fn parts(ctx: Ctx<Self>) -> Parts
    where
        Self: Sized;
    /// The ready-made set `name` applied to `setup`.
    fn apply_preset(setup: &mut Self::Setup, name: &str);
    /// Which ready-made set the setup is, if any.
    fn preset_of(setup: &Self::Setup) -> Option<&'static str>;
    /// A parameter's name for the learner, by its query key.
    fn label(lang: Lang, key: &str) -> &'static str {
        let found = Self::LABELS.iter().find(|(k, _)| *k == key).map(|(_, name)| *name);
        found.unwrap_or(Tr("Параметр", "Parameter")).get(lang)
    }
}

/// What a simulation's view works with: the setup, its run, the moment shown and the clock.
pub struct Ctx<S: Sim> {
    /// The language of the page (rebuilt when it changes).
    pub lang: Lang,
    /// Where it is shown.
    pub mode: Mode,
    /// The setup.
    pub setup: RwSignal<S::Setup>,
    /// The run of the setup.
    pub run: Memo<S::Run>,
    /// The moment shown.
    pub moment: Memo<S::Moment>,
    /// The moment in words ([`Sim::narrate`]), as the player reads it out.
    pub narration: Memo<String>,
    /// The clock over the run.
    pub clock: Clock,
}

impl<S: Sim> Clone for Ctx<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Sim> Copy for Ctx<S> {}

impl<S: Sim> Ctx<S> {
    /// Changes the setup and starts the clock again.
    pub fn change(&self, f: impl FnOnce(&mut S::Setup)) {
        self.setup.update(f);
        self.clock.reset();
    }
}

/// A simulation's own parts, placed by the shell.
pub struct Parts {
    /// Between the ready-made sets and the player (a second row of choices).
    pub before_player: Option<AnyView>,
    /// Right after the player (the moment in words, the machine's state).
    pub after_player: Option<AnyView>,
    /// What is inside the settings' box, if it has one (named by [`ShellWords::settings`]).
    pub settings: Option<AnyView>,
    /// The panels: timelines and what goes with them.
    pub panels: AnyView,
    /// After the panels (the totals).
    pub after_panels: Option<AnyView>,
}

/// The button that opens an embed's sets and settings.
const OPTIONS: Tr = Tr("Наборы и настройки", "Presets and settings");

thread_local! {
    /// A run made a task before its view by [`run_ahead`], with its setup.
    static RUN_AHEAD: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

/// Makes the run the view of `query` will show, a task before the view is made (the event
/// loop's default program took 13 ms of a 46 ms task that also built the controls).
pub fn run_ahead<S: Sim>(query: &[(String, String)]) {
    let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let setup = S::read(&pairs, &mut Vec::new());
    let run = S::run(&setup);
    RUN_AHEAD.set(Some(Box::new((setup, run))));
}

/// The run made ahead for `setup`, if that is the one made.
fn take_run_ahead<S: Sim>(setup: &S::Setup) -> Option<S::Run> {
    let ahead = RUN_AHEAD.take()?.downcast::<(S::Setup, S::Run)>().ok()?;
    (ahead.0 == *setup).then_some(ahead.1)
}

/// The shell around a simulation `S`, started from `query` (an address's or a directive's
/// parameters, possibly malformed).
pub fn shell<S: Sim>(query: Vec<(String, String)>, mode: Mode) -> AnyView {
    let lang = use_lang().get_untracked();
    let pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut issues = Vec::new();
    let first = S::read(&pairs, &mut issues);
    let ahead = std::sync::Mutex::new(take_run_ahead::<S>(&first));
    let setup = RwSignal::new(first);
    // The run made ahead serves the first setup once; the memo follows the setup from the
    // start, so that every later setup is run.
    let run = Memo::new(move |_| {
        setup.with(|setup| {
            let ahead = ahead.lock().ok().and_then(|mut ahead| ahead.take());
            ahead.unwrap_or_else(|| S::run(setup))
        })
    });
    let end = Signal::derive(move || run.with(S::end));
    let start = read_moment(pairs.iter().copied(), end.get_untracked(), &mut issues);
    let clock = Clock::new(start, end).with_pace(S::PACE_MS);
    // The setup's pairs, made once per setup for the address bar and the open-alone link (a
    // program's link is compressed text: not to be made again on every step).
    let query = Memo::new(move |_| setup.with(S::query));
    sync_url(S::KIND, mode, clock, move |moment| {
        let mut pairs = query.get();
        pairs.extend(moment.map(|t| (MOMENT_KEY, t.to_string())));
        pairs
    });
    let moment = Memo::new_owning(move |previous| {
        let tick = clock.tick.get();
        (setup.with(|s| run.with(|r| S::moment(previous, s, r, tick))), true)
    });
    let narration = Memo::new(move |_| {
        let tick = clock.tick.get();
        setup.with(|s| run.with(|r| moment.with(|m| S::narrate(lang, s, r, m, tick))))
    });
    let ctx = Ctx::<S> { lang, mode, setup, run, moment, narration, clock };
    let watched = Memo::new(move |_| clock.tick.get() >= end.get() && run.with(S::complete));
    let frame = Frame {
        lang,
        kind: S::KIND,
        mode,
        issues,
        label: S::label,
        words: &S::WORDS,
        presets: S::PRESETS,
        active: Memo::new(move |_| setup.with(S::preset_of)).into(),
        pick: Callback::new(move |name: &'static str| ctx.change(|s| S::apply_preset(s, name))),
        clock,
        narration: narration.into(),
        query: query.into(),
        prediction: Memo::new(move |_| setup.with(|s| run.with(|r| S::predict(lang, s, r)))),
        reached: Memo::new(move |_| setup.with(|s| run.with(|r| S::goals_reached(s, r)))),
        watched,
    };
    // The charts' moving pictures play at the player's pace.
    provide_context(clock);
    frame.draw(S::parts(ctx))
}

/// What the shell draws around a simulation, without its types: one copy of this code serves
/// every simulation.
struct Frame {
    lang: Lang,
    kind: SimKind,
    mode: Mode,
    issues: Vec<ParamIssue>,
    label: fn(Lang, &str) -> &'static str,
    words: &'static ShellWords,
    presets: &'static [PresetWords],
    /// The ready-made set on screen, if any.
    active: Signal<Option<&'static str>>,
    /// Applies a ready-made set.
    pick: Callback<&'static str>,
    clock: Clock,
    narration: Signal<String>,
    /// The address's pairs for the setup.
    query: Signal<Vec<(&'static str, String)>>,
    /// The question the run answers.
    prediction: Memo<Option<Prediction>>,
    /// The goals the run reaches.
    reached: Memo<Vec<&'static str>>,
    /// Whether the run has been watched to its end.
    watched: Memo<bool>,
}

impl Frame {
    fn draw(self, parts: Parts) -> AnyView {
        let Frame {
            lang,
            kind,
            mode,
            issues,
            label,
            words,
            presets,
            active,
            pick,
            clock,
            narration,
            query,
            prediction,
            reached,
            watched,
        } = self;
        let embed = mode == Mode::Embed;
        // What to notice in a ready-made set is said once its run has been watched to the end
        // (a slide's presenter sees it at once).
        let seen = RwSignal::new(embed);
        Effect::new(move |_| {
            if watched.get() {
                seen.set(true);
            }
        });
        Effect::watch(move || active.get(), move |_, _, _| seen.set(embed), false);
        let notice = words.hint.is_some().then_some(move || {
            notice(words, presets, active.get(), seen.get(), lang)
                .map(|text| view! { <p class="moment">{text}</p> })
        });
        let guessing = (!embed).then(|| {
            view! {
                <PredictCard
                    kind=kind
                    lang=lang
                    prediction=prediction
                    watched=watched
                    preset=active
                    clock=clock
                />
            }
        });
        let goals = move || {
            (!embed)
                .then(|| view! { <GoalList kind=kind lang=lang reached=reached watched=watched /> })
        };
        let Parts { before_player, after_player, settings, panels, after_panels } = parts;
        // A simulation is built in three tasks, top to bottom, so that building it never
        // blocks the page for one long task and nothing already shown moves: the controls and
        // the player; then what follows the player (the machine's state) and the colour key;
        // then the panels (the charts and what follows them).
        let stage = RwSignal::new(0u8);
        leptos::task::spawn_local(async move {
            for next in 1..=2 {
                crate::browser::next_task().await;
                stage.set(next);
            }
        });
        let later = move |at: u8, build: Box<dyn FnOnce() -> AnyView>| {
            let due = Memo::new(move |_| stage.get() >= at);
            crate::components::lazy::deferred(move || due.get(), build)
        };
        let legend = words.legend.iter().map(|(work, name)| (*work, name.get(lang))).collect();
        let settings = words.settings.zip(settings).map(|(summary, inside)| {
            view! {
                <details class="settings">
                    <summary>{summary.get(lang)}</summary>
                    {inside}
                </details>
            }
        });
        // In an embed the sets and settings are one box: in a slide it opens from a button
        // beside the player, over the simulation (elsewhere it reads as on a page).
        let (settings_in_box, settings_after) =
            if embed { (settings, None) } else { (None, settings) };
        let open = RwSignal::new(false);
        let box_id = format!("{}-options", kind.name());
        let toggle_ref = NodeRef::<leptos::html::Button>::new();
        let toggle = embed.then(|| {
            view! {
                <button
                    node_ref=toggle_ref
                    class="options-toggle button secondary small"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=box_id.clone()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {OPTIONS.get(lang)}
                </button>
            }
        });
        // In front of a room, the moment in words is a caption under the charts (the player
        // reads it out to screen readers already).
        let presenting = use_context::<crate::embed::Presenting>().is_some();
        let caption = move || {
            presenting.then(|| view! { <p class="caption" aria-hidden="true">{narration}</p> })
        };
        let pick = Callback::new(move |name| {
            pick.run(name);
            open.set(false);
        });
        view! {
            <div
                class=format!("sim {}", kind.name())
                class:playing=move || clock.playing.get()
                class:building=move || stage.get() < 2
                on:keydown=move |ev| {
                    if ev.key() == "Escape" && open.get_untracked() {
                        open.set(false);
                        ev.stop_propagation();
                        if let Some(button) = toggle_ref.get_untracked() {
                            let _ = button.focus();
                        }
                    }
                }
            >
                <ParamNotes issues=issues label=label />
                {toggle}
                <div class="sim-options" class:open=move || open.get() id=box_id>
                    <PresetRow
                        kind=kind
                        label=words.presets.get(lang)
                        presets=presets.iter().map(|p| (p.key, p.name.get(lang))).collect()
                        pressed=active
                        on_pick=pick
                    />
                    {notice}
                    {before_player}
                    {settings_in_box}
                </div>
                {guessing}
                <Player clock=clock unit=words.unit.get(lang) narration=narration />
                {later(1, Box::new(move || view! {
                    {after_player}
                    {settings_after}
                    <Legend
                        kinds=legend
                        idle=words.idle.map(|t| t.get(lang))
                        note=words.legend_note.map(|t| t.get(lang))
                    />
                }.into_any()))}
                {later(2, Box::new(move || view! {
                    {panels}
                    {after_panels}
                    {goals()}
                    {caption()}
                    <OpenAlone kind=kind mode=mode query=query />
                }.into_any()))}
            </div>
        }
        .into_any()
    }
}

/// The line under the ready-made sets: what to notice in the set on screen once it has been
/// `seen` (watched to its end, or at once in an embed), the simulation's hint while none is on;
/// none for a simulation without such a line.
fn notice(
    words: &ShellWords,
    presets: &[PresetWords],
    active: Option<&str>,
    seen: bool,
    lang: Lang,
) -> Option<&'static str> {
    let hint = words.hint?;
    let preset = active.and_then(|name| presets.iter().find(|p| p.key == name));
    match preset.and_then(|p| p.notice) {
        Some(notice) => seen.then(|| notice.get(lang)),
        None => Some(hint.get(lang)),
    }
}

/// What a simulation's page files show of it before the app starts (and with JavaScript off),
/// made from its default settings: its top as it first shows, on its own page and in an embed,
/// and the charts of its whole run for the poster and the preview picture.
pub struct Still {
    /// The top on its own page.
    pub page: String,
    /// The top in an embed.
    pub embed: String,
    /// The charts of the run, from start to end.
    pub charts: Charts,
}

/// [`Still`] for `S`.
pub fn still<S: Sim>(lang: Lang) -> Still {
    let setup = S::read(&[], &mut Vec::new());
    let run = S::run(&setup);
    Still {
        page: opening::<S>(lang, Mode::Page, &setup, &run),
        embed: opening::<S>(lang, Mode::Embed, &setup, &run),
        charts: S::charts(lang, &setup, &run),
    }
}

/// The top of a simulation as it first shows, as HTML text: the ready-made sets (the setup's
/// pressed), the line on what to notice and, outside an embed, the question to guess first. The
/// app draws the same words in its place, so a learner reads the first screen before the app
/// starts and nothing changes when it does. Without script it is not shown (its buttons would
/// do nothing): the stylesheet hides `.still` then.
fn opening<S: Sim>(lang: Lang, mode: Mode, setup: &S::Setup, run: &S::Run) -> String {
    use crate::site::escape;
    let active = S::preset_of(setup);
    let embed = mode == Mode::Embed;
    let presets: Vec<_> =
        S::PRESETS.iter().map(|p| (p.name.get(lang), active == Some(p.key))).collect();
    let row = super::controls::choice_row_html(S::WORDS.presets.get(lang), false, &presets);
    let before_player = S::before_player_still(lang, setup);
    let notice = notice(&S::WORDS, S::PRESETS, active, embed, lang)
        .map_or(String::new(), |text| format!("<p class=\"moment\">{}</p>", escape(text)));
    // An embed has its settings' box with its sets; a page has it after the player.
    let settings = S::WORDS.settings.filter(|_| embed).map_or(String::new(), |summary| {
        format!(
            "<details class=\"settings\"><summary>{}</summary></details>",
            escape(summary.get(lang))
        )
    });
    let question = if embed { None } else { S::predict(lang, setup, run) };
    let question = question.map_or(String::new(), |p| super::predict::card_html(lang, &p));
    format!(
        "<div class=\"sim {} still\"><div class=\"sim-options\">{row}{notice}{before_player}{settings}</div>{question}</div>",
        S::KIND.name()
    )
}

/// Reads the moment (`t`) from a simulation's parameters, within `0..=end`; a problem goes
/// into `issues`.
pub fn read_moment<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    end: u32,
    issues: &mut Vec<ParamIssue>,
) -> u32 {
    let spec = [ParamSpec { key: MOMENT_KEY, min: 0, max: end, default: 0 }];
    let (values, problems) =
        read_params(&spec, pairs.into_iter().filter(|(k, _)| *k == MOMENT_KEY), &[]);
    issues.extend(problems);
    values[0]
}

/// A slider for each of the knobs named in `keys` of a setup's parameters: `knobs` reads them
/// from the setup and `set` puts changed ones back; moving one starts the clock again.
pub fn knob_sliders<S: Sim, K: Knobs + Send + Sync + 'static>(
    ctx: Ctx<S>,
    keys: &[&'static str],
    knobs: fn(&S::Setup) -> K,
    set: fn(&mut S::Setup, K),
) -> impl IntoView {
    use crate::components::slider::Slider;
    K::SPECS
        .iter()
        .filter(|spec| keys.contains(&spec.key))
        .map(|spec| {
            let key = spec.key;
            view! {
                <Slider
                    id=format!("{}-{key}-{}", S::KIND.name(), ctx.mode.suffix())
                    label=S::label(ctx.lang, key)
                    spec=*spec
                    value=Signal::derive(move || {
                        ctx.setup.with(|s| knobs(s).get(key)).unwrap_or_default()
                    })
                    on_change=Callback::new(move |v: u32| {
                        ctx.change(|s| {
                            let changed = knobs(s).with(key, v.into());
                            set(s, changed);
                        })
                    })
                />
            }
        })
        .collect_view()
}

/// A checkbox for one yes-or-no of a simulation's setup: `get` reads it and `set` changes it;
/// ticking it starts the clock again.
pub fn setup_check<S: Sim>(
    ctx: Ctx<S>,
    label: Tr,
    get: fn(&S::Setup) -> bool,
    set: fn(&mut S::Setup, bool),
) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || ctx.setup.with(get)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ctx.change(|s| set(s, on));
                }
            />
            {label.get(ctx.lang)}
        </label>
    }
}

/// The name of the ready-made set in `presets` that `setup` is, if any.
pub fn preset_named<T: PartialEq>(
    presets: &[(&'static str, T)],
    setup: &T,
) -> Option<&'static str> {
    presets.iter().find(|(_, p)| p == setup).map(|(name, _)| *name)
}

/// Puts the ready-made set `name` of `presets` into `setup` (an unknown name changes nothing).
pub fn apply_named<T: Clone>(presets: &[(&'static str, T)], setup: &mut T, name: &str) {
    if let Some((_, preset)) = presets.iter().find(|(n, _)| *n == name) {
        *setup = preset.clone();
    }
}

/// Reads a simulation's knobs from the address's pairs, leaving the moment to the shell.
pub fn read_knobs<K: Knobs>(pairs: &[(&str, &str)], issues: &mut Vec<ParamIssue>) -> K {
    let (knobs, problems) = K::read(pairs.iter().copied(), &[MOMENT_KEY]);
    issues.extend(problems);
    knobs
}

/// A settings box of sliders only: one for each of `keys` (see [`knob_sliders`]).
pub fn slider_settings<S: Sim, K: Knobs + Send + Sync + 'static>(
    ctx: Ctx<S>,
    keys: &[&'static str],
    knobs: fn(&S::Setup) -> K,
    set: fn(&mut S::Setup, K),
) -> Option<AnyView> {
    let sliders = knob_sliders(ctx, keys, knobs, set);
    Some(view! { <div class="sliders">{sliders}</div> }.into_any())
}

/// A run's charts as its panels draw them: for the poster of the simulation that its page's
/// file shows (see [`poster`]).
#[derive(Clone)]
pub struct Charts {
    /// Each panel's title and rows.
    pub panels: Vec<(String, Vec<Row>)>,
    /// The axis's length, in ticks.
    pub length: u32,
    /// What a tick is.
    pub unit: Tr,
}

/// The poster of a simulation: the charts of its run with the default settings, from start to
/// end, as HTML text for its page's file (drawn before the app starts, and with JavaScript
/// off), under a caption that says what it is.
pub fn poster(lang: Lang, charts: Charts) -> String {
    let Charts { panels, length, unit } = charts;
    let unit = unit.get(lang);
    let panels: String = panels
        .into_iter()
        .map(|(title, rows)| {
            format!(
                "<section class=\"scenario\"><h2 class=\"panel-title\">{}</h2>{}</section>",
                crate::site::escape(&title),
                crate::components::timeline::chart_html(lang, rows, length, unit)
            )
        })
        .collect();
    format!(
        "<figure class=\"sim-poster\"><figcaption>{}</figcaption>{panels}</figure>",
        crate::site::escape(POSTER.get(lang))
    )
}

const POSTER: Tr = Tr(
    "Прогон с настройками по умолчанию, от начала до конца.",
    "The run with the default settings, from start to end.",
);

/// What one panel shows: its title, the moment in words above its chart (if it says it), and
/// its chart.
pub struct PanelView {
    /// A `data-` attribute naming the panel for tests and styles, if it has one.
    pub data: Option<(&'static str, &'static str)>,
    /// The title, also the exported picture's.
    pub title: Signal<String>,
    /// The moment in words.
    pub moment: Option<Signal<String>>,
    /// The chart's rows for the whole run.
    pub rows: Signal<Vec<Row>>,
    /// The axis's length, in ticks.
    pub length: Signal<u32>,
    /// Where the playhead stands.
    pub now: Signal<u32>,
    /// What a tick is.
    pub unit: Tr,
}

/// A panel of a simulation: a titled timeline, the moment in words above it if given.
pub fn panel(lang: Lang, mode: Mode, p: PanelView) -> AnyView {
    let moment = p.moment.map(|m| view! { <p class="moment">{m}</p> });
    // In an embed, which may be a slide, the panels share its height by their lanes: the rows
    // are made once per run into a memo that the chart and the count of lanes both read.
    let (rows, lanes) = if mode == Mode::Embed {
        let made = p.rows;
        let rows = Memo::new(move |_| made.get());
        (rows.into(), Some(Memo::new(move |_| rows.with(|r| lanes_drawn(r.len())))))
    } else {
        (p.rows, None)
    };
    let style = move || lanes.map(|count| format!("--lanes: {}", count.get()));
    let section = view! {
        <section class="scenario" style=style>
            <PanelTitle mode=mode text=p.title />
            {moment}
            <Timeline rows=rows length=p.length now=p.now unit=p.unit.get(lang) title=p.title />
        </section>
    };
    match p.data {
        Some((key, value)) => section.attr(key, value).into_any(),
        None => section.into_any(),
    }
}

/// A table of figures under the panels: its caption, its column headings and its rows.
pub fn figures_table(
    lang: Lang,
    class: &'static str,
    caption: Tr,
    columns: &[Tr],
    rows: impl IntoView + 'static,
) -> AnyView {
    let headings =
        columns.iter().map(|c| view! { <th scope="col">{c.get(lang)}</th> }).collect_view();
    view! {
        <table class=class>
            <caption>{caption.get(lang)}</caption>
            <thead>
                <tr>{headings}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sims::{
        bakers::BakersSim, event_loop::EventLoopSim, gil::GilSim, race::RaceSim,
        scheduler::SchedulerSim,
    };

    /// Runs a generic check for every simulation the shell carries.
    macro_rules! for_every_sim {
        ($check:ident) => {{
            $check::<BakersSim>();
            $check::<SchedulerSim>();
            $check::<RaceSim>();
            $check::<GilSim>();
            $check::<EventLoopSim>();
        }};
    }

    /// Every word `S` shows, in both languages, and every key of every preset's link named.
    fn every_word_is_there<S: Sim>() {
        let w = &S::WORDS;
        let mut words: Vec<Tr> = vec![w.presets, w.unit];
        words.extend(w.legend.iter().map(|(_, name)| *name));
        words.extend([w.idle, w.legend_note, w.hint].into_iter().flatten());
        words.extend(S::PRESETS.iter().flat_map(|p| [Some(p.name), p.notice]).flatten());
        words.extend(S::LABELS.iter().map(|(_, name)| *name));
        for lang in Lang::ALL {
            for word in &words {
                assert!(!word.get(lang).trim().is_empty(), "{}: an empty word", S::KIND.name());
            }
        }
        let mut keys = vec![MOMENT_KEY];
        for preset in S::PRESETS {
            let mut setup = S::read(&[], &mut Vec::new());
            S::apply_preset(&mut setup, preset.key);
            assert_eq!(S::preset_of(&setup), Some(preset.key), "{} applies", preset.key);
            keys.extend(S::query(&setup).into_iter().map(|(k, _)| k));
        }
        for key in keys {
            let named = S::LABELS.iter().any(|(k, _)| *k == key);
            assert!(named, "{}: the parameter {key} has no name", S::KIND.name());
        }
    }

    #[test]
    fn every_simulation_s_poster_draws_its_default_run_whole_in_its_panels() {
        let panels = |kind| match kind {
            SimKind::Bakers => 3,
            SimKind::Scheduler => 2,
            SimKind::Gil => 4,
            SimKind::Race | SimKind::EventLoop => 1,
            SimKind::IoOrCpu => 0,
        };
        for kind in SimKind::ALL {
            for lang in Lang::ALL {
                let Some(poster) = kind.still(lang).map(|s| poster(lang, s.charts)) else {
                    assert_eq!(kind, SimKind::IoOrCpu, "only the exercise has no run");
                    continue;
                };
                let at = format!("{} in {lang:?}", kind.name());
                assert!(poster.starts_with("<figure class=\"sim-poster\"><figcaption>"), "{at}");
                assert_eq!(
                    poster.matches("<h2 class=\"panel-title\">").count(),
                    panels(kind),
                    "{at}"
                );
                assert_eq!(
                    poster.matches("<div class=\"timeline\">").count(),
                    panels(kind),
                    "{at}"
                );
                let bars = poster.matches("<span class=\"bar ").count();
                assert!(bars >= 2 * panels(kind), "{at}: {bars} bars");
                assert!(poster.contains("<div class=\"lane axis\">"), "{at}");
                assert!(!poster.contains("future"), "{at}: the whole run is shown");
            }
        }
        let gil = poster(Lang::En, SimKind::Gil.still(Lang::En).unwrap().charts);
        assert!(gil.contains("The run with the default settings"), "{gil}");
        assert!(gil.contains("<span class=\"lane-name\">GIL</span>"), "{gil}");
    }

    /// `S`'s page files open on its sets, the default's pressed, its line on what to notice
    /// as the app first says it, and on its page the question of the default run.
    fn still_opens_as_the_app_first_draws<S: Sim>() {
        use crate::site::escape;
        for lang in Lang::ALL {
            let still = still::<S>(lang);
            let setup = S::read(&[], &mut Vec::new());
            let question = S::predict(lang, &setup, &S::run(&setup)).map(|p| p.question);
            for (mode, top) in [(Mode::Page, &still.page), (Mode::Embed, &still.embed)] {
                let at = format!("{} {mode:?} in {lang:?}", S::KIND.name());
                assert!(top.starts_with(&format!("<div class=\"sim {} still\">", S::KIND.name())));
                // The sets' row, and after it the simulation's own part, as it draws it.
                let own = S::before_player_still(lang, &setup);
                let (sets, rest) = top.split_once("</div>").unwrap();
                assert!(rest.contains(&own), "{at}");
                assert_eq!(
                    sets.matches("<button class=\"preset\"").count(),
                    S::PRESETS.len(),
                    "{at}"
                );
                let pressed = usize::from(S::preset_of(&setup).is_some());
                assert_eq!(sets.matches("aria-pressed=\"true\"").count(), pressed, "{at}");
                let notice =
                    notice(&S::WORDS, S::PRESETS, S::preset_of(&setup), mode == Mode::Embed, lang);
                let said = notice.map(|n| format!("<p class=\"moment\">{}</p>", escape(n)));
                assert_eq!(top.contains("<p class=\"moment\">"), said.is_some(), "{at}");
                assert!(said.is_none_or(|said| top.contains(&said)), "{at}");
                let asked = question.as_ref().filter(|_| mode == Mode::Page);
                assert_eq!(top.contains("<section class=\"predict\""), asked.is_some(), "{at}");
                assert!(asked.is_none_or(|q| top.contains(&escape(q))), "{at}");
                let settings = S::WORDS.settings.filter(|_| mode == Mode::Embed);
                assert_eq!(
                    top.contains("<details class=\"settings\">"),
                    settings.is_some(),
                    "{at}"
                );
            }
        }
    }

    #[test]
    fn every_simulation_s_page_files_open_as_the_app_first_draws() {
        for_every_sim!(still_opens_as_the_app_first_draws);
        // What to notice in the default set is said once it has been watched, at once in an
        // embed.
        let gil = still::<crate::sims::gil::GilSim>(Lang::En);
        assert!(!gil.page.contains("<p class=\"moment\">"), "{}", gil.page);
        assert!(gil.embed.contains("<p class=\"moment\">"), "{}", gil.embed);
        let kinds = "<span class=\"group-label\" aria-hidden=\"true\">Which jobs</span>\
                     <button class=\"preset\" aria-pressed=\"true\">Computing: fib(n)</button>";
        assert!(gil.page.contains(kinds), "{}", gil.page);
        let event_loop = still::<crate::sims::event_loop::EventLoopSim>(Lang::En);
        assert!(
            event_loop.embed.contains("<p class=\"moment\">time.sleep"),
            "{}",
            event_loop.embed
        );
        assert!(event_loop.page.contains("Guess first."), "{}", event_loop.page);
    }

    #[test]
    fn every_simulation_has_all_its_words_in_both_languages() {
        for_every_sim!(every_word_is_there);
    }

    /// `S`'s setup from its own link is the same setup, for every preset.
    fn links_round_trip<S: Sim>() {
        for preset in S::PRESETS {
            let mut setup = S::read(&[], &mut Vec::new());
            S::apply_preset(&mut setup, preset.key);
            let pairs = S::query(&setup);
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let mut issues = Vec::new();
            assert!(S::read(&borrowed, &mut issues) == setup, "{}", preset.key);
            assert_eq!(issues, vec![], "{}", preset.key);
        }
    }

    /// Playing `S`'s every preset forward, tick by tick, gives the moments a replay gives, and
    /// says something at each in both languages.
    fn moments_step_on_as_they_replay<S: Sim>()
    where
        S::Moment: PartialEq + std::fmt::Debug,
    {
        for preset in S::PRESETS {
            let mut setup = S::read(&[], &mut Vec::new());
            S::apply_preset(&mut setup, preset.key);
            let run = S::run(&setup);
            let end = S::end(&run);
            let mut moment = None;
            for tick in (0..=end).step_by((end as usize / 50).max(1)).chain([end]) {
                let stepped = S::moment(moment.take(), &setup, &run, tick);
                assert_eq!(
                    stepped,
                    S::moment(None, &setup, &run, tick),
                    "{} at {tick}",
                    preset.key
                );
                for lang in Lang::ALL {
                    let said = S::narrate(lang, &setup, &run, &stepped, tick);
                    assert!(!said.trim().is_empty(), "{} at {tick} says nothing", preset.key);
                }
                moment = Some(stepped);
            }
        }
    }

    #[test]
    fn every_simulation_steps_on_as_it_replays_and_says_each_moment() {
        for_every_sim!(moments_step_on_as_they_replay);
    }

    /// Every preset of `S` asks a question before its run, in both languages, with distinct
    /// options and the run's answer among them; the goals it reaches are the registry's.
    fn every_preset_asks_first<S: Sim>() {
        let goals: Vec<&str> = S::KIND.goals().iter().map(|g| g.key).collect();
        assert!(!goals.is_empty(), "{}: no goal", S::KIND.name());
        for preset in S::PRESETS {
            let mut setup = S::read(&[], &mut Vec::new());
            S::apply_preset(&mut setup, preset.key);
            let run = S::run(&setup);
            for lang in Lang::ALL {
                let p = S::predict(lang, &setup, &run).unwrap_or_else(|| panic!("{}", preset.key));
                let mut options = p.options.clone();
                options.dedup();
                assert!(options.len() >= 2 && options.len() == p.options.len(), "{}", preset.key);
                assert!(p.answer < p.options.len(), "{}", preset.key);
                assert!(!p.question.trim().is_empty() && !p.why.trim().is_empty());
            }
            for goal in S::goals_reached(&setup, &run) {
                assert!(goals.contains(&goal), "{}: {goal} is not in the registry", preset.key);
            }
        }
    }

    #[test]
    fn every_simulation_asks_before_each_preset_and_names_its_goals() {
        for_every_sim!(every_preset_asks_first);
    }

    #[test]
    fn every_presets_link_gives_it_back() {
        for_every_sim!(links_round_trip);
    }
}
