//! The last resort: if the app ever panics, the learner sees a friendly box with a way back
//! instead of a page that silently stopped answering, and the details go to the console.

use wasm_bindgen::JsCast;

/// The id of the box, so a second panic does not add a second one.
const BOX_ID: &str = "crash-notice";

/// Logs every panic to the console and shows [`show_notice`].
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_notice();
    }));
}

/// Puts the box at the top of the page, in the page's language. Plain DOM, no Leptos: after a
/// panic the app's code cannot be trusted to run again, so the reload is a plain link.
pub fn show_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id(BOX_ID).is_some() {
        return;
    }
    let english = document
        .document_element()
        .is_some_and(|e| e.get_attribute("lang").as_deref() == Some("en"));
    let (title, text, reload) = if english {
        (
            "Something went wrong",
            "This part of the course stopped working. Your progress is saved in this browser; reloading the page brings the course back.",
            "Reload the page",
        )
    } else {
        (
            "Что-то пошло не так",
            "Эта часть курса перестала отвечать. Прогресс сохранён в браузере; перезагрузите страницу, и курс вернётся.",
            "Перезагрузить страницу",
        )
    };
    let build = || -> Option<web_sys::Element> {
        let notice = document.create_element("div").ok()?;
        notice.set_id(BOX_ID);
        notice.set_class_name("notice error crash");
        notice.set_attribute("role", "alert").ok()?;
        let heading = document.create_element("strong").ok()?;
        heading.set_text_content(Some(title));
        let words = document.create_element("p").ok()?;
        words.set_text_content(Some(text));
        let link =
            document.create_element("a").ok()?.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
        link.set_href(&document.location()?.href().ok()?);
        link.set_class_name("button");
        link.set_text_content(Some(reload));
        notice.append_child(&heading).ok()?;
        notice.append_child(&words).ok()?;
        notice.append_child(&link).ok()?;
        Some(notice)
    };
    if let (Some(notice), Some(body)) = (build(), document.body()) {
        let _ = body.prepend_with_node_1(&notice);
    }
}
