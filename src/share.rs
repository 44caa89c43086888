//! What the share box of a simulation's page holds: a link to the state on screen, the code
//! that embeds it so (each with a copy button), a QR code of the link, so that an audience
//! opens it on their phones (shown, and saved as SVG or PNG), and the run as an animated GIF
//! or a video for decks that cannot hold a frame. All of it, with the `qrcode`
//! crate, is a wasm chunk of its own in the release build, fetched when the box is opened.

use crate::i18n::{Lang, Tr};
use crate::route::Route;
use crate::sims::SimKind;
use leptos::prelude::*;
use qrcode::render::svg;
use qrcode::QrCode;

/// Pixels per module of the code, in the picture.
const MODULE_PX: u32 = 8;

/// A QR code as a picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrPicture {
    /// The SVG, black on white with its quiet zone (scanners read a dark code on a light
    /// ground, whatever the page's theme).
    pub svg: String,
    /// Its width and height, in pixels.
    pub size: u32,
}

/// The QR code of `link`, or the link's length when it is too long for one (a long program's
/// link can be).
pub fn picture(link: &str) -> Result<QrPicture, usize> {
    let code = QrCode::new(link.as_bytes()).map_err(|_| link.chars().count())?;
    // Four modules of quiet zone on each side, as the standard asks.
    let size = (code.width() as u32 + 8) * MODULE_PX;
    let svg = code
        .render::<svg::Color<'_>>()
        .module_dimensions(MODULE_PX, MODULE_PX)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The XML declaration is for a file; the same text is shown in the page.
    let svg = svg.split_once("?>").map_or(svg.as_str(), |(_, rest)| rest).to_owned();
    Ok(QrPicture { svg, size })
}

/// The QR code of `link`, or why there is none, with buttons that save it.
fn figure(lang: Lang, link: &str) -> AnyView {
    let ui = lang.ui();
    match picture(link) {
        Err(chars) => view! { <p class="notice">{too_long(lang, chars)}</p> }.into_any(),
        Ok(QrPicture { svg, size }) => {
            let (file, png) = (svg.clone(), svg.clone());
            view! {
                <div class="qr" role="img" aria-label=TITLE.get(lang) inner_html=svg></div>
                <div class="export" role="group" aria-label=TITLE.get(lang)>
                    <button
                        class="button secondary small"
                        on:click=move |_| {
                            crate::browser::download_text(&file, "image/svg+xml", "qr.svg");
                        }
                    >
                        {ui.export_svg}
                    </button>
                    <button
                        class="button secondary small"
                        on:click=move |_| {
                            crate::browser::download_png(&png, size, size, "qr.png");
                        }
                    >
                        {ui.export_png}
                    </button>
                </div>
            }
            .into_any()
        }
    }
}

/// The simulation's charts as a moving picture, when it draws any (the I/O-or-CPU exercise
/// has no run to show).
fn moving(lang: Lang) -> Option<AnyView> {
    use crate::components::moving::{MovingExport, RunCharts};
    let ui = lang.ui();
    let charts = use_context::<RunCharts>()?;
    (!charts.is_empty()).then(|| {
        view! {
            <figure class="share-moving">
                <figcaption>
                    <strong>{ui.export_moving}</strong>
                    ": "
                    {ui.moving_hint}
                </figcaption>
                <MovingExport charts=charts />
            </figure>
        }
        .into_any()
    })
}

/// The share box's contents for `kind`, read from the address now.
fn contents(lang: Lang, kind: SimKind) -> AnyView {
    let ui = lang.ui();
    let here = crate::browser::location();
    let origin = crate::browser::origin();
    let query: Vec<(&str, String)> = here.pairs().map(|(k, v)| (k, v.to_owned())).collect();
    let embed = Route::Embed(kind.name().to_owned()).href_with(lang, query.clone());
    let link =
        format!("{origin}{}", Route::Simulation(kind.name().to_owned()).href_with(lang, query));
    let root = crate::route::root();
    let code = crate::site::embed_code(
        &format!("{origin}{embed}"),
        kind.title(lang),
        Some(&format!("{origin}{root}public/embed.js")),
    );
    let field = move |id: &'static str, label: &'static str, text: String| {
        let status = RwSignal::new("");
        let copied = text.clone();
        let copy = move |_| {
            crate::browser::copy_to_clipboard(copied.clone(), move |ok| {
                status.set(if ok { ui.copied } else { ui.copy_failed })
            });
        };
        view! {
            <div class="share-field">
                <label for=id>{label}</label>
                <textarea id=id readonly rows="3" prop:value=text></textarea>
                <button class="button secondary" on:click=copy>{ui.copy}</button>
                <span class="share-status" role="status">{move || status.get()}</span>
            </div>
        }
    };
    view! {
        {field("share-link", ui.share_link, link.clone())}
        {field("share-code", ui.share_code, code)}
        <figure class="share-qr">
            <figcaption>
                <strong>{TITLE.get(lang)}</strong>
                " "
                {HINT.get(lang)}
            </figcaption>
            {figure(lang, &link)}
        </figure>
        {moving(lang)}
    }
    .into_any()
}

#[cfg_attr(
    split,
    ::leptos::wasm_split::wasm_split(share_box, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn make(lang: Lang, kind: SimKind) -> Result<AnyView, ::leptos::wasm_split::SplitLoaderError> {
    Ok(contents(lang, kind))
}

/// The share box's contents for `kind`, once their code is loaded (`None` when it could not
/// be fetched).
pub async fn load(lang: Lang, kind: SimKind) -> Option<AnyView> {
    #[cfg(split)]
    let made = make(lang, kind).await.ok();
    #[cfg(not(split))]
    let made = make(lang, kind).ok();
    made
}

const TITLE: Tr = Tr("QR-код этой ссылки", "A QR code of this link");
const HINT: Tr = Tr(
    "Покажите его залу: камера телефона откроет симуляцию в этом же состоянии.",
    "Show it to the room: a phone's camera opens the simulation in this very state.",
);
/// Why a link gets no QR code, in a sentence.
fn too_long(lang: Lang, chars: usize) -> String {
    match lang {
        Lang::Ru => format!(
            "Ссылка слишком длинная для QR-кода: {chars} знаков, а он вмещает около 2 900. \
             Сократите программу или поделитесь ссылкой выше."
        ),
        Lang::En => format!(
            "The link is too long for a QR code: {chars} characters, and one holds about 2,900. \
             Shorten the program, or share the link above."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_becomes_a_black_on_white_code_with_its_quiet_zone() {
        let link = "https://course.example/sim/bakers/?cakes=6&bakers=3&t=12";
        let qr = picture(link).unwrap();
        let modules = QrCode::new(link.as_bytes()).unwrap().width() as u32;
        assert_eq!(qr.size, (modules + 8) * MODULE_PX);
        assert!(qr.svg.starts_with("<svg"), "{}", &qr.svg[..40]);
        assert!(qr.svg.contains("#000000") && qr.svg.contains("#ffffff"));
        assert!(qr.svg.contains(&format!("width=\"{}\"", qr.size)));
    }

    #[test]
    fn a_link_too_long_for_a_code_says_how_long_it_is() {
        let link = format!("https://course.example/sim/event-loop/?program={}", "x".repeat(8000));
        assert_eq!(picture(&link), Err(link.len()));
        assert!(too_long(Lang::Ru, 8050).contains("8050 знаков"));
        assert!(too_long(Lang::En, 8050).contains("8050 characters"));
    }
}
