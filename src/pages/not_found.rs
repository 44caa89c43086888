//! The page for any address the course does not have.

use crate::i18n::use_lang;
use crate::route::Route;
use leptos::prelude::*;

/// A friendly "nothing here" with the way back.
#[component]
pub fn NotFound(
    /// What was looked for, already in the page's language: "страницы «/x»", "page “/x”".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ui = lang.ui();
    crate::browser::set_title(&lang.page_title(ui.not_found));
    view! {
        <article class="not-found">
            <h1>{ui.not_found}</h1>
            <p>{lang.nothing_here(&what)}</p>
            <p>
                <a class="button" href=Route::Home.href(lang)>{ui.back_to_contents}</a>
            </p>
        </article>
    }
}
