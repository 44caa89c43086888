//! The glossary of the chapter's terms, linked from the lessons' text.

use crate::components::fetch_failed::FetchFailed;
use crate::content;
use crate::i18n::use_lang;
use leptos::prelude::*;

/// The glossary page; `at` names the term to scroll to.
#[component]
pub fn Glossary(
    /// The id of the term to show first (`?at=event-loop`), if any.
    at: Option<String>,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ui = lang.ui();
    let language = content::language(lang.code());
    crate::browser::set_title(&lang.page_title(language.glossary_title));
    let text = LocalResource::new(move || content::fetch_text(language.glossary_url));
    // Goes to the term the address names once the text is in the page.
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(id)) = (text.get(), &at) {
            crate::browser::scroll_to_id(id);
        }
    });
    let body = move || match text.get() {
        None => view! { <p class="loading" role="status">{ui.loading}</p> }.into_any(),
        Some(Err(error)) => {
            let retry = Callback::new(move |()| text.refetch());
            view! { <FetchFailed error=error retry=retry /> }.into_any()
        }
        Some(Ok(html)) => view! { <div class="prose glossary" inner_html=html></div> }.into_any(),
    };
    view! {
        <article class="glossary-page">
            <h1>{language.glossary_title}</h1>
            {body}
        </article>
    }
}
