//! One food in a result list: name, serving, magnesium and share of target.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::mg::format_mg;
use crate::domain::search::SortBy;
use crate::food_data::Foods;

/// A link row to the food's page. The amount shown follows the sort: per
/// serving by default, per 100 g or per 100 kcal when sorted by those.
#[component]
pub fn FoodRow(
    foods: Arc<Foods>,
    index: usize,
    target: Option<f64>,
    sort: SortBy,
) -> impl IntoView {
    let Some(food) = foods.db.food(index) else {
        return ().into_any();
    };
    let group = foods
        .db
        .group(food.group)
        .map(|g| g.name.clone())
        .unwrap_or_default();
    let (amount, basis) = match sort {
        SortBy::MgPer100g => (food.mg_per_100g(), "per 100 g".to_string()),
        SortBy::MgPer100kcal => (food.mg_per_100kcal(), "per 100 kcal".to_string()),
        SortBy::Relevance | SortBy::MgPerServing => (food.mg_per_serving(), food.serving_label()),
    };
    let ndb = food.ndb_string();
    let name = food.description.clone();
    let share = food
        .mg_per_serving()
        .zip(target)
        .filter(|(_, t)| *t > 0.0)
        .map(|(mg, t)| mg / t * 100.0);
    view! {
        <a href=format!("/foods/{ndb}") class="food-row" data-testid="food-row" data-ndb=ndb.clone()>
            <span class="grow">
                <span class="name">{name}</span><br/>
                <span class="meta">{group}" · "{basis}</span>
            </span>
            <span class="amount num">
                {match amount {
                    Some(mg) => view! { <strong data-testid="row-mg">{format_mg(mg)}</strong> }.into_any(),
                    None => view! { <strong class="no-data" data-testid="row-mg">"no data"</strong> }.into_any(),
                }}
                {share.map(|p| view! { <span class="meta">{format!("{p:.0} % of target")}</span> })}
            </span>
        </a>
    }
    .into_any()
}
