//! The "Top sources" view: the best foods per portion in the groups that
//! matter for magnesium, computed from the food data on the device.

use leptos::prelude::*;

use crate::components::food_row::FoodRow;
use crate::domain::search::SortBy;
use crate::domain::sources::DEFAULT_TOP_SOURCES;
use crate::food_data::use_foods;
use crate::store::use_store;

#[component]
pub fn TopSources() -> impl IntoView {
    let foods = use_foods();
    let store = use_store();
    let target = store.target_mg();
    view! {
        <div data-testid="top-sources">
            <p class="muted">
                "The richest plain foods per portion (the amount people usually eat at one time) in each group, from the USDA data in this app. "
                "Mineral waters vary from a few to over 100 mg of magnesium per litre: check the label and add yours as a custom item on Today."
            </p>
            {move || match foods.get() {
                None => view! { <p role="status">"Loading foods…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="banner error" role="alert">{e}</p> }.into_any(),
                Some(Ok(foods)) => {
                    let target = target.get();
                    foods.top_sources(DEFAULT_TOP_SOURCES)
                        .into_iter()
                        .map(|top| {
                            let foods = foods.clone();
                            view! {
                                <section class="card" data-testid="top-category">
                                    <h2>{top.category.label()}</h2>
                                    <ul class="list">
                                        {top.foods.into_iter().map(|i| view! {
                                            <li><FoodRow foods=foods.clone() index=i target=target sort=SortBy::MgPerPortion/></li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
        </div>
    }
}
