//! "Add to today": a household measure times a quantity, or grams.

use leptos::prelude::*;

use crate::components::typed_value;
use crate::domain::amounts::typed_amount;
use crate::domain::date::Date;
use crate::domain::day::{FoodEntry, Item};
use crate::domain::food::Food;
use crate::domain::mg::format_mg;
use crate::store::{today, use_store};

/// Quick quantity choices; any other amount can be typed.
const QUICK: [(f64, &str); 4] = [(0.5, "½"), (1.0, "1"), (2.0, "2"), (3.0, "3")];

/// The form. `date` is the day to add to (today when `None`); `on_added`
/// lets a parent close a dialog after adding.
#[component]
pub fn AddFood(
    food: Food,
    #[prop(optional)] date: Option<Signal<Date>>,
    #[prop(optional, into)] on_added: Option<Callback<()>>,
) -> impl IntoView {
    let store = use_store();
    let date = date.unwrap_or_else(|| Signal::derive(today));
    // Starts at one realistic portion: "1 oz" of almonds, "½ cup" of cooked
    // beans, or the portion's grams.
    let measure = RwSignal::new(food.portion.measure);
    // The box's text; the amount is read from it (see `typed_value`).
    let quantity_text = RwSignal::new(food.portion.quantity.to_string());
    let quantity = Memo::new(move |_| quantity_text.with(|t| typed_amount(t)));
    let added = RwSignal::new(None::<String>);
    let food_for_preview = food.clone();
    let preview = move || {
        FoodEntry::from_food(&food_for_preview, measure.get(), quantity.get()).map(|e| {
            e.mg()
                .map_or_else(|| "no magnesium data".to_string(), format_mg)
        })
    };
    let id = format!("add-{}", food.ndb_string());
    let measure_id = format!("{id}-measure");
    let qty_id = format!("{id}-qty");
    let food_for_add = food.clone();
    let add = move |_| {
        let Some(entry) = FoodEntry::from_food(
            &food_for_add,
            measure.get_untracked(),
            quantity.get_untracked(),
        ) else {
            added.set(Some("Enter an amount above zero.".into()));
            return;
        };
        let text = entry.added_text();
        let day = date.get_untracked();
        store.update_day(day, |log| log.add(Item::Food(entry)));
        added.set(Some(text));
        if let Some(cb) = on_added {
            cb.run(());
        }
    };
    view! {
        <section class="card" aria-label="Add to a day" data-testid="add-food">
            <h2>{move || if date.get() == today() { "Add to today".to_string() } else { format!("Add to {}", date.get()) }}</h2>
            <div class="row">
                <div class="field grow">
                    <label for=measure_id.clone()>"Measure"</label>
                    <select id=measure_id on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let m = value.parse::<usize>().ok();
                        // Grams start at 100 g, a measure at one of it.
                        quantity_text.set(if m.is_some() { "1" } else { "100" }.to_string());
                        measure.set(m);
                    }>
                        {food.measures.iter().enumerate().map(|(i, m)| view! {
                            <option value=i.to_string() selected=move || measure.get() == Some(i)>{format!("{} ({} g)", m.label(), m.grams)}</option>
                        }).collect_view()}
                        <option value="g" selected=move || measure.get().is_none()>"grams"</option>
                    </select>
                </div>
                <div class="field">
                    <label for=qty_id.clone()>{move || if measure.get().is_some() { "How many" } else { "Grams" }}</label>
                    <input id=qty_id type="number" inputmode="decimal" min="0" step="any"
                        use:typed_value=Signal::from(quantity_text)
                        on:input=move |ev| quantity_text.set(event_target_value(&ev))/>
                </div>
            </div>
            <Show when=move || measure.get().is_some()>
                <div class="chips" role="group" aria-label="Quick amounts">
                    {QUICK.into_iter().map(|(q, label)| view! {
                        <button type="button" aria-pressed=move || (quantity.get() == q).to_string()
                            aria-label=format!("{label} of the measure") on:click=move |_| quantity_text.set(q.to_string())>{label}</button>
                    }).collect_view()}
                </div>
            </Show>
            <div class="row">
                <p class="grow num" data-testid="add-preview">{move || preview().unwrap_or_else(|| "Enter an amount above zero".into())}</p>
                <button class="primary" on:click=add>"Add"</button>
            </div>
            <Show when=move || added.with(Option::is_some)>
                <p role="status" data-testid="added">{move || added.get()} " " <a href=move || format!("/today?date={}", date.get())>"See the day"</a></p>
            </Show>
        </section>
    }
}
