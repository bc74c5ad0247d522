//! `/foods/:ndb`: one food, with magnesium for every household measure.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::add_food::AddFood;
use crate::components::add_to_list::AddToList;
use crate::components::typed_value;
use crate::domain::amounts::{Positive, typed_amount};
use crate::domain::day::CALCIUM_MAGNESIUM_RATIO_HIGH;
use crate::domain::food::NdbNo;
use crate::domain::mg::format_mg;
use crate::domain::shop::compare::Compared;
use crate::domain::shop::list::NewFood;
use crate::food_data::{Foods, use_foods};
use crate::router::use_param;
use crate::store::use_store;

#[component]
pub fn FoodDetailPage() -> impl IntoView {
    let param = use_param();
    let foods = use_foods();
    let ndb = Memo::new(move |_| param.read().as_deref().and_then(NdbNo::parse));
    move || match (foods.get(), ndb.get()) {
        (None, _) => view! { <p role="status">"Loading food data…"</p> }.into_any(),
        (Some(Err(e)), _) => view! { <p class="banner error" role="alert">{e}</p> }.into_any(),
        (Some(Ok(foods)), Some(ndb)) if foods.db.by_ndb(ndb).is_some() => {
            let index = foods.db.by_ndb(ndb).map(|(i, _)| i).unwrap_or_default();
            view! { <FoodDetail foods=foods index=index/> }.into_any()
        }
        _ => {
            crate::components::set_title("Food not found");
            view! {
                <section data-testid="food-not-found">
                    <h1>"Food not found"</h1>
                    <p>"No food in USDA SR28 has the number " <code>{param.get_untracked().unwrap_or_default()}</code> "."</p>
                    <p><a href="/foods">"Search all foods"</a></p>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn FoodDetail(foods: Arc<Foods>, index: usize) -> impl IntoView {
    let store = use_store();
    let food = foods
        .db
        .food(index)
        .cloned()
        .expect("index comes from by_ndb");
    crate::components::set_title(&food.description);
    let group = foods
        .db
        .group(food.group)
        .map(|g| g.name.clone())
        .unwrap_or_default();
    let target = store.target_mg();
    let share = move |mg: Option<f64>| {
        mg.zip(target.get())
            .filter(|(_, t)| *t > 0.0)
            .map(|(mg, t)| format!("{:.0} %", mg / t * 100.0))
            .unwrap_or_default()
    };
    let ndb = food.ndb.0;
    let is_favourite = Memo::new(move |_| store.settings.with(|s| s.is_favourite(ndb)));
    let is_avoided = Memo::new(move |_| store.settings.with(|s| s.is_avoided(ndb)));
    // The grams box's text; the grams are read from it (see `typed_value`).
    let grams_text = RwSignal::new("100".to_string());
    let grams = Memo::new(move |_| grams_text.with(|t| typed_amount(t)));
    let n = food.nutrients;
    let per_100g = n.magnesium_mg;
    let measures = food.measures.clone();
    let food_for_grams = food.clone();
    let grams_mg = Memo::new(move |_| food_for_grams.mg_for_grams(grams.get()));
    let ratio = food.calcium_magnesium_ratio();

    view! {
        <article data-testid="page-food">
            <p class="small"><a href="/foods">"← All foods"</a></p>
            <h1 data-testid="food-name">{food.description.clone()}</h1>
            <button class="no-print" data-testid="favourite" aria-pressed=move || is_favourite.get().to_string()
                on:click=move |_| store.update_settings(|s| s.toggle_favourite(ndb))>
                {move || if is_favourite.get() { "★ Favourite" } else { "☆ Favourite" }}
            </button>
            <p class="no-print"><a href=crate::pages::compare::compare_with_last(Compared::Food(food.ndb)) data-testid="compare-link">"Compare with other foods"</a></p>
            " "
            <button class="no-print" data-testid="avoided" aria-pressed=move || is_avoided.get().to_string()
                title="Close the gap and Fill my week never propose a food marked “not for me”."
                on:click=move |_| store.update_settings(|s| s.toggle_avoided(ndb))>
                {move || if is_avoided.get() { "✕ Not for me" } else { "Not for me" }}
            </button>
            <p class="muted">{group}
                {(!food.common_names.is_empty()).then(|| format!(" · also called {}", food.common_names))}
            </p>
            <div class="card">
                <table>
                    <tbody>
                        <tr><th scope="row">"Magnesium per 100 g"</th>
                            <td class="num" data-testid="mg-per-100g">{per_100g.map_or_else(|| "no data".to_string(), format_mg)}</td>
                            <td class="num">{share(per_100g)}</td></tr>
                        <tr><th scope="row">"Magnesium per 100 kcal"</th>
                            <td class="num" data-testid="mg-per-100kcal">{food.mg_per_100kcal().map_or_else(|| "—".to_string(), format_mg)}</td><td></td></tr>
                        <tr><th scope="row">"Energy per 100 g"</th>
                            <td class="num">{n.energy_kcal.map_or_else(|| "no data".to_string(), |k| format!("{k} kcal"))}</td><td></td></tr>
                        <tr><th scope="row">"Calcium per 100 g"</th>
                            <td class="num" data-testid="calcium">{n.calcium_mg.map_or_else(|| "no data".to_string(), |c| format!("{c} mg"))}</td>
                            <td class="num">{ratio.map(|r| format!("Ca:Mg {r:.1} : 1"))}</td></tr>
                        <tr><th scope="row">"Caffeine per 100 g"</th>
                            <td class="num" data-testid="caffeine">{n.caffeine_mg.map_or_else(|| "no data".to_string(), |c| format!("{c} mg"))}</td><td></td></tr>
                    </tbody>
                </table>
                {per_100g.is_none().then(|| view! {
                    <p class="banner warn" data-testid="no-mg-data">"USDA has no magnesium value for this food. That means it was not analysed, not that it has none."</p>
                })}
                {ratio.filter(|r| *r > CALCIUM_MAGNESIUM_RATIO_HIGH).map(|_| view! {
                    <p class="small muted">"Much more calcium than magnesium: large calcium intakes can lower how much magnesium you absorb."</p>
                })}
                {n.caffeine_mg.filter(|c| *c > 0.0).map(|_| view! {
                    <p class="small muted">"Contains caffeine, which slightly raises the magnesium lost in urine."</p>
                })}
            </div>
            <h2>"Household measures"</h2>
            <div class="card table-wrap" tabindex="0">
                <table data-testid="measures">
                    <thead><tr><th scope="col">"Measure"</th><th scope="col" class="num">"Grams"</th><th scope="col" class="num">"Magnesium"</th><th scope="col" class="num">"Target"</th></tr></thead>
                    <tbody>
                        {measures.iter().map(|m| {
                            let mg = food.mg_for_grams(m.grams);
                            view! {
                                <tr data-testid="measure-row">
                                    <td>{m.label()}</td>
                                    <td class="num">{format!("{} g", m.grams)}</td>
                                    <td class="num">{mg.map_or_else(|| "no data".to_string(), format_mg)}</td>
                                    <td class="num">{share(mg)}</td>
                                </tr>
                            }
                        }).collect_view()}
                        <tr>
                            <td><label for="grams-box">"Grams"</label></td>
                            <td class="num"><input id="grams-box" type="number" inputmode="decimal" min="0" step="any"
                                use:typed_value=Signal::from(grams_text)
                                on:input=move |ev| grams_text.set(event_target_value(&ev))/></td>
                            <td class="num" data-testid="grams-mg">{move || grams_mg.get().map_or_else(|| "no data".to_string(), format_mg)}</td>
                            <td class="num">{move || share(grams_mg.get())}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <AddFood food=food.clone()/>
            <ListAdd foods=foods.clone() index=index portion=food.portion_label()/>
            <p class="small muted" data-testid="food-source">
                {format!("Source: USDA National Nutrient Database for Standard Reference, Release 28, NDB {}.", food.ndb_string())}
            </p>
        </article>
    }
}

/// Puts the food on the shopping list: a number of portions, or a package
/// of so many grams when that field is filled in.
#[component]
fn ListAdd(foods: Arc<Foods>, index: usize, portion: String) -> impl IntoView {
    let count = RwSignal::new("1".to_string());
    let package = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(&'static str, &'static str)>);
    let db = foods.clone();
    let make = Callback::new(move |()| {
        error.set(None);
        let package_text = package.get_untracked();
        if !package_text.trim().is_empty() {
            let Some(grams) = Positive::parse(&package_text) else {
                error.set(Some((
                    "list-package",
                    "Enter the package's weight in grams, for example 500.",
                )));
                return None;
            };
            return NewFood::package(&db.db, index, grams);
        }
        match count
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=99).contains(n))
            .and_then(std::num::NonZeroU32::new)
        {
            Some(n) => NewFood::portions(&db.db, index, n),
            None => {
                error.set(Some((
                    "list-count",
                    "Enter a number of portions from 1 to 99.",
                )));
                None
            }
        }
    });
    let described = move |field: &'static str| {
        move || {
            error
                .get()
                .filter(|(f, _)| *f == field)
                .map(|_| "list-add-error")
        }
    };
    view! {
        <section class="card stack no-print" aria-labelledby="list-add-heading" data-testid="list-add">
            <h2 id="list-add-heading">"Shopping list"</h2>
            <div class="row">
                <div class="field">
                    <label for="list-count">"Portions"</label>
                    <input id="list-count" type="number" inputmode="numeric" min="1" max="99" step="1"
                        aria-describedby=described("list-count")
                        use:typed_value=Signal::from(count) on:input=move |ev| count.set(event_target_value(&ev))/>
                </div>
                <span class="muted">"× "{portion}</span>
            </div>
            <div class="field">
                <label for="list-package">"Or a package of (g)"</label>
                <input id="list-package" type="text" inputmode="decimal" placeholder="500"
                    aria-describedby=described("list-package")
                    prop:value=move || package.get() on:input=move |ev| package.set(event_target_value(&ev))/>
            </div>
            {move || error.get().map(|(_, text)| view! { <p class="banner error" id="list-add-error" role="alert">{text}</p> })}
            <AddToList foods=foods.clone() index=index make=make class="primary"/>
        </section>
    }
    .into_any()
}
