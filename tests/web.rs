//! Component tests in headless Chromium: the player and the lesson directive, mounted and
//! clicked as a learner would. Run by scripts/test.sh with wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use asyncio_course::components::player::{Clock, Player};
use asyncio_course::content::StaticDirective;
use asyncio_course::sims::DirectiveBox;
use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn find(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
        .unchecked_into()
}

fn text(root: &HtmlElement, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// Waits (up to 5 s) until `selector` is under `root`: a simulation's view is put on the page
/// a few tasks after it is mounted, once the page has painted.
async fn appear(root: &HtmlElement, selector: &str) {
    for _ in 0..250 {
        if root.query_selector(selector).ok().flatten().is_some() {
            return;
        }
        TimeoutFuture::new(20).await;
    }
}

async fn click(root: &HtmlElement, selector: &str) {
    find(root, selector).click();
    tick().await;
}

/// Sets the input at `selector` to `value` as a learner typing or dragging does.
async fn set_input(root: &HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
}

#[wasm_bindgen_test]
async fn the_player_steps_forward_and_back_and_resets() {
    let root = host();
    let clock = Clock::new(0, Signal::stored(5));
    let _mounted =
        mount_to(root.clone(), move || view! { <Player clock=clock unit="мин" narration="" /> });
    tick().await;
    assert_eq!(text(&root, ".time"), "0 / 5 мин");
    assert!(find(&root, "[aria-label='Шаг назад']").has_attribute("disabled"));

    click(&root, "[aria-label='Шаг вперёд']").await;
    click(&root, "[aria-label='Шаг вперёд']").await;
    assert_eq!(text(&root, ".time"), "2 / 5 мин");

    click(&root, "[aria-label='Шаг назад']").await;
    assert_eq!(text(&root, ".time"), "1 / 5 мин");

    click(&root, "[aria-label='Сначала']").await;
    assert_eq!(text(&root, ".time"), "0 / 5 мин");
}

#[wasm_bindgen_test]
async fn playing_advances_on_the_browser_timer_and_stops_at_the_end() {
    let root = host();
    let clock = Clock::new(0, Signal::stored(4));
    let _mounted =
        mount_to(root.clone(), move || view! { <Player clock=clock unit="мин" narration="" /> });
    tick().await;
    // 8× is 25 ms a tick.
    let select: HtmlSelectElement = find(&root, "select").unchecked_into();
    select.set_value("5");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    click(&root, "[aria-label='Пуск']").await;
    assert!(root.query_selector("[aria-label='Пауза']").unwrap().is_some());
    TimeoutFuture::new(400).await;
    tick().await;
    assert_eq!(text(&root, ".time"), "4 / 4 мин");
    // At the end the player pauses by itself and offers to play again.
    assert!(root.query_selector("[aria-label='Пуск']").unwrap().is_some());
    assert!(find(&root, "[aria-label='Шаг вперёд']").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn on_loop_the_player_starts_over_at_the_end_and_keeps_playing() {
    let root = host();
    let clock = Clock::new(0, Signal::stored(3));
    let _mounted =
        mount_to(root.clone(), move || view! { <Player clock=clock unit="мин" narration="" /> });
    tick().await;
    let select: HtmlSelectElement = find(&root, "select").unchecked_into();
    select.set_value("5");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    click(&root, "[aria-label='Повторять по кругу']").await;
    assert_eq!(
        find(&root, "[aria-label='Повторять по кругу']").get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    click(&root, "[aria-label='Пуск']").await;
    // Three ticks to the end, one back to 0, and on: after 300 ms at 25 ms a tick it has
    // gone round several times and is still playing.
    let mut wrapped = false;
    let mut last = 0;
    for _ in 0..12 {
        TimeoutFuture::new(25).await;
        let now = clock.tick.get_untracked();
        wrapped |= now < last;
        last = now;
    }
    assert!(wrapped, "the clock went back to the start");
    assert!(clock.playing.get_untracked(), "and kept playing");
}

#[wasm_bindgen_test]
async fn unmounting_stops_the_timer() {
    let root = host();
    let owner = Owner::new();
    let clock = owner.with(|| Clock::new(0, Signal::stored(1_000)));
    let mounted =
        mount_to(root.clone(), move || view! { <Player clock=clock unit="мин" narration="" /> });
    tick().await;
    click(&root, "[aria-label='Пуск']").await;
    TimeoutFuture::new(450).await;
    let before = clock.tick.get_untracked();
    assert!(before >= 1, "the timer ran while mounted");
    drop(mounted);
    TimeoutFuture::new(600).await;
    assert_eq!(clock.tick.get_untracked(), before, "a timer outlived its player");
}

#[wasm_bindgen_test]
async fn the_narration_is_read_out_after_a_step_or_a_pause_not_while_playing() {
    let root = host();
    let clock = Clock::new(0, Signal::stored(1_000));
    let narration = Signal::derive(move || format!("Минута {}.", clock.tick.get()));
    let _mounted = mount_to(
        root.clone(),
        move || view! { <Player clock=clock unit="мин" narration=narration /> },
    );
    tick().await;
    let live = find(&root, "[aria-live='polite']");
    click(&root, "[aria-label='Шаг вперёд']").await;
    assert_eq!(live.text_content().unwrap_or_default(), "Минута 1.");
    click(&root, "[aria-label='Пуск']").await;
    TimeoutFuture::new(450).await;
    assert_eq!(live.text_content().unwrap_or_default(), "", "silent while playing");
    click(&root, "[aria-label='Пауза']").await;
    let paused_at = clock.tick.get_untracked();
    assert!(paused_at >= 2, "it played");
    assert_eq!(live.text_content().unwrap_or_default(), format!("Минута {paused_at}."));
}

#[wasm_bindgen_test]
async fn after_a_panic_the_page_shows_one_friendly_box_with_a_reload_link() {
    let document = web_sys::window().unwrap().document().unwrap();
    asyncio_course::crash::show_notice();
    asyncio_course::crash::show_notice();
    let boxes = document.query_selector_all("[role='alert'].crash").unwrap();
    assert_eq!(boxes.length(), 1, "one box, however many panics");
    let notice: HtmlElement = boxes.get(0).unwrap().unchecked_into();
    let words = notice.text_content().unwrap_or_default();
    assert!(
        words.contains("Что-то пошло не так") && words.contains("Прогресс сохранён"),
        "{words}"
    );
    let link = find(&notice, "a");
    assert_eq!(link.get_attribute("href"), document.location().unwrap().href().ok());
    notice.remove();
}

static UNKNOWN: StaticDirective = StaticDirective { name: "nope", params: &[], stray: &[] };
static EVENT_LOOP: StaticDirective =
    StaticDirective { name: "event-loop", params: &[("preset", "gather")], stray: &[] };
static BAKERS: StaticDirective = StaticDirective {
    name: "bakers",
    params: &[("cakes", "0"), ("preheat", "30")],
    stray: &["oops"],
};

#[wasm_bindgen_test]
async fn an_unknown_directive_shows_an_error_box() {
    let root = host();
    let _mounted = mount_to(root.clone(), || view! { <DirectiveBox directive=&UNKNOWN /> });
    tick().await;
    let error = text(&root, ".notice.error");
    assert!(error.contains("«nope»") && error.contains("bakers"), "{error}");
}

#[wasm_bindgen_test]
async fn an_event_loop_directive_mounts_the_visualiser_with_its_program() {
    let root = host();
    let _mounted = mount_to(root.clone(), || view! { <DirectiveBox directive=&EVENT_LOOP /> });
    appear(&root, ".sim.event-loop .listing").await;
    let listing = text(&root, ".sim.event-loop .listing");
    assert!(listing.contains("async def download(url, seconds):"), "{listing}");
    assert!(root.query_selector(".notice.error").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_bakers_directive_mounts_the_simulation_with_its_parameters() {
    let root = host();
    let _mounted = mount_to(root.clone(), || view! { <DirectiveBox directive=&BAKERS /> });
    appear(&root, "#bakers-cakes-lesson").await;
    let notes = root.text_content().unwrap();
    assert!(notes.contains("непонятные слова пропущены: oops"), "{notes}");
    assert!(notes.contains("Тортов: 0 вне диапазона 1–1000, взято 1."), "{notes}");
    let cakes: web_sys::HtmlInputElement = find(&root, "#bakers-cakes-lesson").unchecked_into();
    assert_eq!(cakes.value(), "1");
    let preheat: web_sys::HtmlInputElement = find(&root, "#bakers-preheat-lesson").unchecked_into();
    assert_eq!(preheat.value(), "30");
    // Three kitchens, built a task after the controls, and the first moment is described in
    // words.
    appear(&root, "tr[data-scenario='parallel'] .saved").await;
    assert_eq!(root.query_selector_all(".scenario").unwrap().length(), 3);
    assert!(text(&root, ".scenario .moment").starts_with("Минута 0."));
    // Totals stay hidden until a kitchen finishes; dragging the scrubber to the end shows
    // them. One cake of 30 + 10 + 20 + 5 minutes, step after step, takes 65 minutes.
    assert_eq!(text(&root, "tr[data-scenario='sequential'] .total"), "ещё печём…");
    set_input(&root, ".scrubber input", "65").await;
    assert_eq!(text(&root, ".time"), "65 / 65 мин");
    assert_eq!(text(&root, "tr[data-scenario='sequential'] .total"), "65 мин");
    assert_eq!(text(&root, "tr[data-scenario='sequential'] .saved"), "за основу сравнения");
    assert!(text(&root, "tr[data-scenario='parallel'] .saved").starts_with('−'));
}

#[wasm_bindgen_test]
async fn a_changed_setting_runs_the_simulation_again() {
    // The first run is made a task before the view; a setting changed afterwards is run anew.
    let root = host();
    let _mounted = mount_to(root.clone(), || view! { <DirectiveBox directive=&BAKERS /> });
    appear(&root, "tr[data-scenario='parallel'] .saved").await;
    assert_eq!(text(&root, ".time"), "0 / 65 мин");
    set_input(&root, "#bakers-cakes-lesson", "2").await;
    // Two cakes step after step: twice the one cake's 65 minutes.
    set_input(&root, ".scrubber input", "130").await;
    assert_eq!(text(&root, ".time"), "130 / 130 мин");
    assert_eq!(text(&root, "tr[data-scenario='sequential'] .total"), "130 мин");
}
