//! `/diary/report`: the printable report for a doctor (being written).

use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    view! { <section data-testid="page-report"><h1>"Report"</h1></section> }
}
