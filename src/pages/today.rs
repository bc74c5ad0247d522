//! The Today section.

use leptos::prelude::*;

#[component]
pub fn TodayPage() -> impl IntoView {
    crate::components::set_title("Today");
    view! {
        <section data-testid="page-today">
            <h1>"Today"</h1>
        </section>
    }
}
