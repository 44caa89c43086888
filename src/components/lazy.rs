//! A view whose code is a wasm chunk of its own, fetched the first time it is shown: a loading
//! line meanwhile, and a box with a "try again" button when the fetch fails. One component for
//! every such view, so the first load carries its code once.

use crate::i18n::use_lang;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Fetches a view's code and makes the view; `None` when the code could not be fetched.
pub type LoadView =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Option<AnyView>> + Send>> + Send + Sync>;

/// A loader for [`Lazy`] from an async function.
pub fn loader<F: Future<Output = Option<AnyView>> + Send + 'static>(
    load: impl Fn() -> F + Send + Sync + 'static,
) -> LoadView {
    Arc::new(move || Box::pin(load()))
}

/// What `build` makes, once `due` (a signal that turns true once and stays) says so: nothing
/// before, and `build` runs then, once, its components with it. A view is built over several
/// tasks this way, so that no one task blocks the page for long.
pub fn deferred<V: 'static>(
    due: impl Fn() -> bool + Send + Sync + 'static,
    build: impl FnOnce() -> V + 'static,
) -> impl Fn() -> Option<V> + Send + Sync + 'static {
    let build = StoredValue::new_local(Some(build));
    move || {
        due().then(|| build.try_update_value(Option::take).flatten()).flatten().map(|build| build())
    }
}

/// The view `load` makes, once its code is fetched.
#[component]
pub fn Lazy(
    /// Fetches the code and makes the view.
    load: LoadView,
    /// What could not be loaded, said when the fetch fails.
    failed: &'static str,
) -> impl IntoView {
    let ui = use_lang().get_untracked().ui();
    let attempt = RwSignal::new(0u32);
    let body = move || {
        attempt.track();
        let load = load.clone();
        Suspend::new(async move {
            // The page's own text paints before the chunk is fetched and compiled, and the
            // fetch starts in a task of its own, not in the one that builds the page.
            send_wrapper::SendWrapper::new(crate::browser::after_first_paint()).await;
            crate::browser::next_task().await;
            match load().await {
                Some(view) => {
                    // Made, then put on the page in a task of its own.
                    crate::browser::next_task().await;
                    view
                }
                None => {
                    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
                    let error = crate::content::LoadError::Network;
                    view! {
                        <crate::components::fetch_failed::FetchFailed
                            error=error
                            retry=retry
                            message=failed
                        />
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <Suspense fallback=move || view! { <p class="loading" role="status">{ui.loading}</p> }>
            {body}
        </Suspense>
    }
}
