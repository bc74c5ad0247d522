//! The Diary section.

use leptos::prelude::*;

#[component]
pub fn DiaryPage() -> impl IntoView {
    crate::components::set_title("Diary");
    view! {
        <section data-testid="page-diary">
            <h1>"Diary"</h1>
        </section>
    }
}
