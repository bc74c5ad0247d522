//! `/guide`: the offline handbook (being written).

use leptos::prelude::*;

#[component]
pub fn GuidePage() -> impl IntoView {
    view! { <section data-testid="page-guide"><h1>"Guide"</h1></section> }
}
