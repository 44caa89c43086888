//! What a page shows when its text could not be fetched: why, and a way to try again.

use crate::content::LoadError;
use crate::i18n::use_lang;
use leptos::prelude::*;

/// The failure message with a "try again" button.
#[component]
pub fn FetchFailed(
    /// What went wrong.
    error: LoadError,
    /// Fetches again.
    retry: Callback<()>,
    /// What could not be loaded, if not a section's text.
    #[prop(optional)]
    message: Option<&'static str>,
) -> impl IntoView {
    let ui = use_lang().get_untracked().ui();
    let detail = match error {
        LoadError::Network => String::new(),
        LoadError::Status(code) => format!(" (HTTP {code})"),
    };
    view! {
        <div class="notice error" role="alert">
            <p>{format!("{}{detail}", message.unwrap_or(ui.load_failed))}</p>
            <button class="button" on:click=move |_| retry.run(())>{ui.retry}</button>
        </div>
    }
}
