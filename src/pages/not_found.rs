//! The page for any URL the app does not know.

use leptos::prelude::*;

use crate::router::use_location;

/// A real 404 page: says which address was not found and offers the sections.
#[component]
pub fn NotFound() -> impl IntoView {
    crate::components::set_title("Page not found");
    let location = use_location();
    view! {
        <section data-testid="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at " <code>{move || location.pathname.get()}</code> "."</p>
            <ul>
                <li><a href="/foods">"Search foods"</a></li>
                <li><a href="/today">"Today's intake"</a></li>
                <li><a href="/diary">"Symptom diary"</a></li>
            </ul>
        </section>
    }
}
