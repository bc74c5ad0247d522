//! One food in a result list: name, portion, magnesium and share of target.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::mg::format_mg;
use crate::domain::search::{RowValue, SortBy};
use crate::food_data::Foods;

/// A link row to the food's page. The amount shown follows the sort: per
/// portion by default, per 100 g or per 100 kcal when sorted by those, with
/// the share of the target that the shown amount is ([`SortBy::amount_of`]).
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
        <a href=format!("/foods/{ndb}") class="food-row" data-testid="food-row" data-ndb=ndb.clone()>
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
    }
    .into_any()
}
