//! One food in a result list: name, portion, magnesium and share of target.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::add_to_list::AddToList;
use crate::domain::mg::format_mg;
use crate::domain::search::{RowValue, SortBy};
use crate::food_data::Foods;

/// A row with a link to the food's page and an "Add to the list" button.
/// The amount shown follows the sort: per portion by default, per 100 g or
/// per 100 kcal when sorted by those, with the share of the target that the
/// shown amount is ([`SortBy::amount_of`]).
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
    let row = sort.amount_of(food, target);
    let share = row.share_text();
    let ndb = food.ndb_string();
    let name = food.description.clone();
    view! {
        // A button cannot sit inside a link, so the row is a box holding the
        // link to the food and its "Add to the list" button side by side.
        <div class="food-row-box" data-testid="food-row" data-ndb=ndb.clone()>
        <a href=format!("/foods/{ndb}") class="food-row">
            <span class="grow">
                <span class="name">{name}</span><br/>
                <span class="meta">{group}" · "<span class="nowrap">{row.basis}</span></span>
            </span>
            <span class="amount num">
                {match row.value {
                    RowValue::Mg(mg) => view! { <strong data-testid="row-mg">{format_mg(mg)}</strong> }.into_any(),
                    RowValue::NoEnergy => view! { <strong class="no-data" data-testid="row-mg">"n/a (no energy)"</strong> }.into_any(),
                    RowValue::NoData => view! { <strong class="no-data" data-testid="row-mg">"no data"</strong> }.into_any(),
                }}
                {share.map(|s| view! { <span class="meta" data-testid="row-share">{s}</span> })}
            </span>
        </a>
        <AddToList foods=foods.clone() index=index/>
        </div>
    }
    .into_any()
}
