//! The page for any address the course does not have.

use crate::route::Route;
use leptos::prelude::*;

/// A friendly "nothing here" with the ways back.
#[component]
pub fn NotFound(
    /// What was looked for, in the genitive: "страницы «/x»".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    crate::browser::set_title("Не найдено — asyncio, глава 1");
    view! {
        <article class="not-found">
            <h1>"Здесь ничего нет"</h1>
            <p>{format!("В курсе нет {what}. Возможно, ссылка устарела или в ней опечатка.")}</p>
            <p>
                <a class="button" href=Route::Home.href()>"К содержанию курса"</a>
            </p>
        </article>
    }
}
