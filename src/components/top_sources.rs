//! The "Top sources" view.

use leptos::prelude::*;

#[component]
pub fn TopSources() -> impl IntoView {
    view! { <p>"Top sources"</p> }
}
