//! "Add to the list": one tap puts a food on the shopping list, without
//! leaving the page, and the button confirms it.

use std::num::NonZeroU32;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::shop::list::{Added, NewFood, short_name};
use crate::food_data::Foods;
use crate::store::use_store;

/// A button that adds one portion of the food at `index` (or what `make`
/// builds, for the food page's count and package). Its accessible name is
/// "Add <short name> to the list"; after a tap it reads "On the list ✓"
/// and a status line says how much is on the list now. A second tap adds
/// one more, which the list merges into the same line.
#[component]
pub fn AddToList(
    foods: Arc<Foods>,
    index: usize,
    /// Builds what to add; one portion when absent.
    #[prop(optional, into)]
    make: Option<Callback<(), Option<NewFood>>>,
    /// A class for the button ("primary" on the food page).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let store = use_store();
    let Some(food) = foods.db.food(index) else {
        return ().into_any();
    };
    let name = short_name(&food.description);
    let status = RwSignal::new(None::<String>);
    let label = name.clone();
    let add = move |_| {
        let new = match make {
            Some(make) => make.run(()),
            None => NewFood::portions(&foods.db, index, NonZeroU32::MIN),
        };
        let Some(new) = new else { return };
        let Some(added) = store.update_list(|l| l.add(new)) else {
            return;
        };
        let id = match added {
            Added::New(id) => id,
            Added::Merged { before } => before.id,
        };
        let amount = store
            .shopping_list
            .with_untracked(|l| l.get(id).and_then(|i| i.amount_text()));
        status.set(Some(match amount {
            Some(a) => format!("{label} on the list: {a}"),
            None => format!("{label} is on the list"),
        }));
    };
    view! {
        <span class="add-to-list no-print">
            <button type="button" class=class data-testid="add-to-list" on:click=add>
                <span class="visually-hidden">"Add "{name}" to the list"</span>
                <span aria-hidden="true">{move || if status.with(Option::is_some) { "On the list ✓" } else { "+ List" }}</span>
            </button>
            <span class="visually-hidden" role="status">{move || status.get()}</span>
        </span>
    }
    .into_any()
}
