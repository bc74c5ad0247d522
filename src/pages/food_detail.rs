//! One food's page.

use leptos::prelude::*;

#[component]
pub fn FoodDetailPage() -> impl IntoView {
    view! { <section data-testid="page-food"><h1>"Food"</h1></section> }
}
