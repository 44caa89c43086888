//! A run as a moving picture: the chart drawn at evenly spaced moments from the start to the
//! end, each frame the exported picture (an SVG the size of a slide, scaled), as a looping GIF
//! or a WebM video that a deck without iframes (Google Slides, PowerPoint, Keynote) plays.
//! What to draw and how long each frame shows is planned here without the browser; the
//! browser only turns each frame's SVG into pixels ([`crate::browser::rasterize`]).

use super::timeline::{cut_at, to_svg, Row, ThemeColours};
use leptos::prelude::*;

/// How many moments a run is shown at (the first and the last included), at most.
pub const FRAMES: u32 = 40;
/// How long the last frame stays before the picture starts again, in hundredths of a second.
const HOLD_CS: u16 = 300;
/// The shortest frame browsers keep as given, in hundredths of a second (shorter ones they
/// slow down to a tenth of a second).
const SHORTEST_CS: u16 = 2;

/// The frames of a run of `length` ticks, shown at `tick_ms` milliseconds a tick: the moment
/// each frame draws and how long it stays, in hundredths of a second.
pub fn plan(length: u32, tick_ms: f64) -> Vec<(u32, u16)> {
    let steps = FRAMES.saturating_sub(1).min(length).max(1);
    let mut moments: Vec<u32> =
        (0..=steps).map(|k| (u64::from(length) * u64::from(k) / u64::from(steps)) as u32).collect();
    moments.dedup();
    let shown = |from: u32, to: u32| {
        let cs = (f64::from(to - from) * tick_ms / 10.0).round();
        cs.clamp(f64::from(SHORTEST_CS), f64::from(u16::MAX)) as u16
    };
    let mut frames: Vec<(u32, u16)> =
        moments.windows(2).map(|pair| (pair[0], shown(pair[0], pair[1]))).collect();
    frames.push((moments.last().copied().unwrap_or(0), HOLD_CS));
    frames
}

/// An `rgb(…)` or `rgba(…)` colour as the browser's computed style writes it.
pub fn parse_rgb(css: &str) -> Option<[u8; 3]> {
    let inside = css.trim().strip_prefix("rgba(").or_else(|| css.trim().strip_prefix("rgb("))?;
    let mut parts = inside.trim_end_matches(')').split(',').map(|p| p.trim().parse::<f64>());
    let mut channel = || parts.next()?.ok().map(|v| v.round().clamp(0.0, 255.0) as u8);
    Some([channel()?, channel()?, channel()?])
}

/// The colours a GIF of the chart uses: the theme's own, and for each the steps between it
/// and the background, so that the edges of letters and bars stay smooth.
pub struct Colours {
    colours: Vec<[u8; 3]>,
    /// Pixels seen lately and their colour's index: a frame is a few colours over and over.
    seen: Vec<(u32, u8)>,
}

/// How many remembered pixels [`Colours::index`] keeps (a power of two).
const SEEN: usize = 4096;

impl Colours {
    /// The palette for a picture on `background` whose other colours are `theme`.
    pub fn new(background: [u8; 3], theme: &[[u8; 3]]) -> Self {
        let mut colours = vec![background];
        for &c in theme {
            for step in 1..=4u16 {
                let mix =
                    |a: u8, b: u8| ((u16::from(a) * (4 - step) + u16::from(b) * step) / 4) as u8;
                colours.push([
                    mix(background[0], c[0]),
                    mix(background[1], c[1]),
                    mix(background[2], c[2]),
                ]);
            }
        }
        colours.dedup();
        colours.truncate(256);
        Self { colours, seen: vec![(u32::MAX, 0); SEEN] }
    }

    /// The palette as the GIF stores it: red, green, blue, …
    pub fn table(&self) -> Vec<u8> {
        self.colours.iter().flatten().copied().collect()
    }

    /// Each pixel of an RGBA picture as its nearest colour's index.
    pub fn index(&mut self, rgba: &[u8]) -> Vec<u8> {
        rgba.chunks_exact(4)
            .map(|p| {
                let key = u32::from_be_bytes([0, p[0], p[1], p[2]]);
                let slot = (key.wrapping_mul(2_654_435_761) >> 20) as usize % SEEN;
                if self.seen[slot].0 == key {
                    return self.seen[slot].1;
                }
                let index = self.nearest([p[0], p[1], p[2]]);
                self.seen[slot] = (key, index);
                index
            })
            .collect()
    }

    fn nearest(&self, c: [u8; 3]) -> u8 {
        let distance =
            |p: &[u8; 3]| (0..3).map(|i| (i32::from(p[i]) - i32::from(c[i])).pow(2)).sum::<i32>();
        let best = self.colours.iter().enumerate().min_by_key(|(_, p)| distance(p));
        best.map_or(0, |(i, _)| i as u8)
    }
}

/// A looping GIF being written, a frame at a time.
pub struct GifWriter {
    encoder: gif::Encoder<Vec<u8>>,
    width: u16,
    height: u16,
}

impl GifWriter {
    /// A GIF of `width`×`height` with the palette `table` (red, green, blue, …).
    pub fn new(width: u16, height: u16, table: &[u8]) -> Option<Self> {
        let mut encoder = gif::Encoder::new(Vec::new(), width, height, table).ok()?;
        encoder.set_repeat(gif::Repeat::Infinite).ok()?;
        Some(Self { encoder, width, height })
    }

    /// Adds a frame of palette indices, shown for `delay_cs` hundredths of a second.
    pub fn add(&mut self, indices: Vec<u8>, delay_cs: u16) -> Option<()> {
        if indices.len() != usize::from(self.width) * usize::from(self.height) {
            return None;
        }
        let mut frame = gif::Frame::from_indexed_pixels(self.width, self.height, indices, None);
        frame.delay = delay_cs;
        self.encoder.write_frame(&frame).ok()
    }

    /// The finished file.
    pub fn finish(self) -> Option<Vec<u8>> {
        self.encoder.into_inner().ok()
    }
}

/// How long the browser takes to hand a video frame to its encoder, at most, in milliseconds.
const FRAME_SETTLES_MS: u32 = 250;

/// What a moving picture being made has done: frames made of all.
pub type Progress = RwSignal<Option<(usize, usize)>>;

/// The kinds of moving picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A looping GIF, encoded here frame by frame.
    Gif,
    /// A WebM video, recorded by the browser as the frames are shown in real time.
    WebM,
}

/// The browser's side of each format while it is made.
enum Making {
    Gif(Colours, GifWriter),
    /// Started once the first frame is on the canvas (a recording starts with what it shows).
    WebM(Option<crate::browser::Recording>),
}

/// A chart ready to be made into a moving picture: its lanes as the page draws them, its axis,
/// and the pace the player shows it at.
#[derive(Clone, Debug)]
pub struct RunPicture {
    /// The picture's title.
    pub title: String,
    /// The lanes, whole run.
    pub lanes: Vec<Row>,
    /// The length of the time axis, in ticks.
    pub length: u32,
    /// What a tick is, for the axis.
    pub unit: &'static str,
    /// Milliseconds a tick at the player's chosen speed.
    pub tick_ms: f64,
}

/// A chart of the simulation on the page that the share box can make into a moving picture.
#[derive(Clone)]
struct RunChart {
    /// Which timeline it is, to take it away when it leaves the page.
    id: usize,
    /// Its title, to choose it by.
    title: Signal<String>,
    /// The chart as it is now.
    picture: std::sync::Arc<dyn Fn() -> RunPicture + Send + Sync>,
}

/// The charts on a simulation's page, each added by its timeline while it is there (see
/// [`RunCharts::add`]); the share box offers them as moving pictures. Embeds have none.
#[derive(Clone, Copy)]
pub struct RunCharts(RwSignal<Vec<RunChart>>);

impl RunCharts {
    /// An empty list, given to what the page holds.
    pub fn provide() -> Self {
        let charts = Self(RwSignal::new(Vec::new()));
        provide_context(charts);
        charts
    }

    /// Adds the timeline being made to the page's charts, if the page keeps a list, until it
    /// leaves the page.
    pub fn add(title: Signal<String>, picture: impl Fn() -> RunPicture + Send + Sync + 'static) {
        let Some(Self(charts)) = use_context::<Self>() else { return };
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let picture = std::sync::Arc::new(picture);
        charts.update(|c| c.push(RunChart { id, title, picture }));
        on_cleanup(move || {
            charts.try_update(|c| c.retain(|chart| chart.id != id));
        });
    }

    /// Whether the page has no chart.
    pub fn is_empty(self) -> bool {
        self.0.with_untracked(Vec::is_empty)
    }
}

/// The share box's moving pictures of the page's charts (see [`RunCharts`]): which chart
/// (when the simulation draws more than one), which size, a GIF or a video, and while one is
/// made, its progress and a cancel button.
#[component]
pub fn MovingExport(
    /// The page's charts.
    charts: RunCharts,
) -> impl IntoView {
    let ui = crate::i18n::use_lang().get_untracked().ui();
    let progress: Progress = RwSignal::new(None);
    let cancel = RwSignal::new(false);
    let size = RwSignal::new((1280, 720));
    let chosen = RwSignal::new(0usize);
    let start = move |format: Format| {
        if progress.get_untracked().is_some() {
            return;
        }
        // The charts on the page now: one may have been drawn again since the box opened.
        let Some(chart) = charts.0.with_untracked(|c| c.get(chosen.get_untracked()).cloned())
        else {
            return;
        };
        cancel.set(false);
        let picture = (chart.picture)();
        leptos::task::spawn_local(make(format, picture, size.get_untracked(), progress, cancel));
    };
    let choice = move || {
        let titles: Vec<String> = charts.0.with(|c| c.iter().map(|c| c.title.get()).collect());
        (titles.len() > 1).then(|| {
            view! {
                <select
                    class="moving-chart"
                    aria-label=ui.moving_chart
                    on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    {titles
                        .into_iter()
                        .enumerate()
                        .map(|(i, title)| {
                            view! {
                                <option value=i.to_string() selected=i == chosen.get_untracked()>
                                    {title}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            }
        })
    };
    view! {
        <div class="export moving" role="group" aria-label=ui.export_moving>
            {choice}
            <select
                class="moving-size"
                aria-label=ui.moving_size
                on:change=move |ev| {
                    let large = event_target_value(&ev) == "1920";
                    size.set(if large { (1920, 1080) } else { (1280, 720) });
                }
            >
                <option value="1280">"1280×720"</option>
                <option value="1920">"1920×1080"</option>
            </select>
            {[(Format::Gif, ui.export_gif), (Format::WebM, ui.export_webm)]
                .into_iter()
                .map(|(format, label)| {
                    view! {
                        <button
                            class="button secondary small"
                            disabled=move || progress.get().is_some()
                            on:click=move |_| start(format)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
            {move || {
                progress
                    .get()
                    .map(|(made, all)| {
                        view! {
                            <span class="making">
                                <label>
                                    {ui.making_moving}
                                    " "
                                    <progress max=all value=made></progress>
                                </label>
                                <button
                                    class="button secondary small"
                                    on:click=move |_| cancel.set(true)
                                >
                                    {ui.cancel}
                                </button>
                            </span>
                        }
                    })
            }}
        </div>
    }
}

/// Makes `picture` into a moving picture of `size` in `format` and offers it as a download.
/// `progress` counts its frames; `cancel` set stops it, with nothing saved. Each frame is
/// drawn in a task of its own, so the page answers meanwhile (a video takes as long as it
/// plays).
pub async fn make(
    format: Format,
    picture: RunPicture,
    size: (u32, u32),
    progress: Progress,
    cancel: RwSignal<bool>,
) {
    let frames = plan(picture.length, picture.tick_ms);
    progress.try_set(Some((0, frames.len())));
    let made = frames_of(format, &picture, size, &frames, progress, cancel).await;
    progress.try_set(None);
    if let (Some(saved), false) = (made, cancelled(cancel)) {
        match saved {
            Saved::Gif(bytes) => {
                crate::browser::download_bytes(&bytes, "image/gif", "timeline.gif")
            }
            Saved::WebM(blob) => crate::browser::download_blob(&blob, "timeline.webm"),
        };
    }
}

/// Whether making stops: cancelled, or its timeline has left the page (its signals with it).
fn cancelled(cancel: RwSignal<bool>) -> bool {
    cancel.try_get_untracked().unwrap_or(true)
}

/// A finished moving picture.
enum Saved {
    Gif(Vec<u8>),
    WebM(web_sys::Blob),
}

async fn frames_of(
    format: Format,
    picture: &RunPicture,
    size: (u32, u32),
    frames: &[(u32, u16)],
    progress: Progress,
    cancel: RwSignal<bool>,
) -> Option<Saved> {
    let RunPicture { title, lanes, length, unit, .. } = picture;
    let (length, unit) = (*length, *unit);
    let theme = ThemeColours::read(lanes);
    let canvas = crate::browser::canvas(size.0, size.1)?;
    let mut making = match format {
        Format::Gif => {
            let background = parse_rgb(&theme.background).unwrap_or([255, 255, 255]);
            let mut others: Vec<[u8; 3]> = std::iter::once(&theme.text)
                .chain(theme.bars.iter().flat_map(|(_, fill, ink)| [fill, ink]))
                .filter_map(|c| parse_rgb(c))
                .collect();
            others.dedup();
            let colours = Colours::new(background, &others);
            let (width, height) = (u16::try_from(size.0).ok()?, u16::try_from(size.1).ok()?);
            let gif = GifWriter::new(width, height, &colours.table())?;
            Making::Gif(colours, gif)
        }
        Format::WebM => Making::WebM(None),
    };
    // A video's frames are taken in real time: each when the one before has been shown long
    // enough.
    let mut started = js_sys::Date::now();
    let mut due = 0.0;
    let mut svg = String::new();
    for (k, &(now, delay)) in frames.iter().enumerate() {
        if cancelled(cancel) {
            return None;
        }
        svg = to_svg(title, &cut_at(lanes, now), length, now, unit, &theme);
        crate::browser::draw_svg(&canvas, &svg).await?;
        match &mut making {
            Making::Gif(colours, gif) => {
                gif.add(colours.index(&crate::browser::pixels(&canvas)?), delay)?
            }
            Making::WebM(recording) => {
                let wait = due - (js_sys::Date::now() - started);
                if wait > 0.0 {
                    gloo_timers::future::TimeoutFuture::new(wait as u32).await;
                }
                match recording {
                    Some(recording) => recording.frame(),
                    None => {
                        *recording = Some(crate::browser::Recording::start(&canvas).await?);
                        // The video's clock starts with the recorder.
                        started = js_sys::Date::now();
                    }
                }
            }
        }
        due += f64::from(delay) * 10.0;
        progress.try_set(Some((k + 1, frames.len())));
    }
    match making {
        Making::Gif(_, gif) => gif.finish().map(Saved::Gif),
        Making::WebM(recording) => {
            let recording = recording?;
            // The last frame stays until the video ends: drawn and taken again then (a canvas
            // that has not changed gives no frame), it gives the video its length.
            let wait = due - (js_sys::Date::now() - started);
            gloo_timers::future::TimeoutFuture::new(wait.max(0.0) as u32).await;
            if cancelled(cancel) {
                return None;
            }
            crate::browser::draw_svg(&canvas, &svg).await?;
            recording.frame();
            // The browser hands a frame to the encoder a moment after it is taken.
            gloo_timers::future::TimeoutFuture::new(FRAME_SETTLES_MS).await;
            recording.finish().await.map(Saved::WebM)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_shown_from_its_start_to_its_end_at_the_players_pace_then_held() {
        // 100 ticks at 100 ms a tick: 40 frames, ten seconds in all before the hold.
        let frames = plan(100, 100.0);
        assert_eq!(frames.len(), FRAMES as usize);
        assert_eq!(frames.first().map(|f| f.0), Some(0));
        assert_eq!(frames.last(), Some(&(100, HOLD_CS)));
        let shown: u32 = frames[..frames.len() - 1].iter().map(|f| u32::from(f.1)).sum();
        assert!((990..=1010).contains(&shown), "{shown} cs");
        // A short run has a frame per tick; a fast pace is never shorter than browsers keep.
        assert_eq!(
            plan(3, 1.0),
            [(0, SHORTEST_CS), (1, SHORTEST_CS), (2, SHORTEST_CS), (3, HOLD_CS)]
        );
        assert_eq!(plan(0, 100.0), [(0, HOLD_CS)]);
    }

    #[test]
    fn colours_are_read_as_the_browser_writes_them() {
        assert_eq!(parse_rgb("rgb(29, 29, 31)"), Some([29, 29, 31]));
        assert_eq!(parse_rgb(" rgba(255, 128, 0, 0.5) "), Some([255, 128, 0]));
        assert_eq!(parse_rgb("#fff"), None);
        assert_eq!(parse_rgb("rgb(1, 2)"), None);
    }

    #[test]
    fn each_pixel_takes_its_nearest_colour_and_the_file_decodes_back() {
        let mut colours = Colours::new([255, 255, 255], &[[0, 0, 0], [200, 0, 0]]);
        let table = colours.table();
        let pixels = [[255, 255, 255, 255], [0, 0, 0, 255], [198, 3, 2, 255], [128, 128, 128, 255]];
        let rgba: Vec<u8> = pixels.iter().flatten().copied().collect();
        let indices = colours.index(&rgba);
        let colour = |i: u8| &table[usize::from(i) * 3..usize::from(i) * 3 + 3];
        assert_eq!(colour(indices[0]), [255, 255, 255]);
        assert_eq!(colour(indices[1]), [0, 0, 0]);
        assert_eq!(colour(indices[2]), [200, 0, 0]);
        assert_eq!(colour(indices[3]), [127, 127, 127], "half way to black");

        let mut gif = GifWriter::new(2, 2, &table).expect("a GIF starts");
        assert_eq!(gif.add(vec![0; 3], 10), None, "a frame of the wrong size is refused");
        gif.add(indices.clone(), 10).expect("a frame");
        gif.add(indices, 300).expect("another");
        let bytes = gif.finish().expect("the file");
        assert!(bytes.starts_with(b"GIF89a"));
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut decoder = options.read_info(bytes.as_slice()).expect("it decodes");
        assert_eq!((decoder.width(), decoder.height()), (2, 2));
        let mut delays = vec![];
        while let Some(frame) = decoder.read_next_frame().expect("a frame decodes") {
            delays.push(frame.delay);
        }
        assert_eq!(delays, [10, 300]);
        assert_eq!(decoder.repeat(), gif::Repeat::Infinite);
    }
}
