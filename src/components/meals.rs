//! Saved meals, recipes and "repeat a day" on Today: ways to log many items
//! at once. The rules live in [`crate::domain::meals`]; these components read
//! the store's signals and call them.

use leptos::prelude::*;

use crate::components::typed_value;
use crate::domain::amounts::{NonNegative, Positive, typed_amount};
use crate::domain::date::Date;
use crate::domain::day::{CustomEntry, CustomMeasure, DayLog, EntryId, FoodEntry, Item, Totals};
use crate::domain::meals::{
    self, CopyUndo, Ingredient, Meal, Recipe, RoutineError, copy_day, recipes_matching,
    servings_text,
};
use crate::food_data::use_foods;
use crate::store::{Store, use_store};

/// An ingredient as the day item it would be at the recipe's full amount,
/// for its amount and magnesium lines.
fn ingredient_item(ingredient: &Ingredient) -> Item {
    match ingredient {
        Ingredient::Food(f) => Item::Food(f.clone()),
        Ingredient::Custom(c) => Item::Custom(c.clone()),
    }
}

/// "1 item", "3 items".
fn items_text(n: usize) -> String {
    if n == 1 {
        "1 item".to_string()
    } else {
        format!("{n} items")
    }
}

/// The line under an item: its amount and magnesium.
fn item_line(item: &Item) -> String {
    format!("{} · {}", item.amount_text(), item.mg_text())
}

/// "Save as meal" and the saved meals.
#[component]
pub fn MealsCard(date: Memo<Date>, log: Memo<DayLog>) -> impl IntoView {
    let store = use_store();
    let name = RwSignal::new(String::new());
    let ticked = RwSignal::new(Vec::<EntryId>::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let deleted = RwSignal::new(None::<(usize, Meal)>);
    let save = move |_| {
        let day = log.get_untracked();
        let chosen = ticked.get_untracked();
        // Only entries still on the day count as ticked.
        let chosen: Vec<EntryId> = chosen
            .into_iter()
            .filter(|id| day.get(*id).is_some())
            .collect();
        let result = store.update_meals(|list| {
            let id = meals::next_id(list.iter().map(|m| &m.id));
            let meal = Meal::from_day(
                id,
                &name.get_untracked(),
                &day,
                (!chosen.is_empty()).then_some(chosen.as_slice()),
            )?;
            let text = format!(
                "Saved “{}” ({}, {}).",
                meal.name,
                items_text(meal.items.len()),
                meal.totals().total_text()
            );
            list.push(meal);
            Ok::<_, RoutineError>(text)
        });
        if result.is_ok() {
            name.set(String::new());
            ticked.set(Vec::new());
        }
        message.set(Some(result.map_err(|e| e.to_string())));
    };
    let restore = move |_| {
        if let Some((index, meal)) = deleted.get_untracked() {
            store.update_meals(|list| {
                let at = index.min(list.len());
                list.insert(at, meal);
            });
            deleted.set(None);
        }
    };
    view! {
        <section class="card stack no-print" aria-labelledby="meals-heading" data-testid="meals">
            <h2 id="meals-heading">"Meals"</h2>
            {move || {
                let entries = log.with(|l| l.entries().to_vec());
                if entries.is_empty() {
                    return view! { <p class="small muted">"Log something on this day to save it as a meal."</p> }.into_any();
                }
                view! {
                    <fieldset>
                        <legend>"Save as meal"</legend>
                        <p class="small muted">"Every item of the day, or only the ones you tick."</p>
                        {entries.into_iter().map(|e| {
                            let id = e.id;
                            let label = e.item.name().to_string();
                            view! {
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || ticked.with(|t| t.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            ticked.update(|t| { t.retain(|x| *x != id); if on { t.push(id); } });
                                        }/>
                                    <span class="grow">{label}</span>
                                </label>
                            }
                        }).collect_view()}
                        <div class="field">
                            <label for="meal-name">"Meal name"</label>
                            <input id="meal-name" type="text" maxlength="100" placeholder="e.g. My breakfast"
                                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                        </div>
                        <button class="primary" on:click=save>"Save as meal"</button>
                    </fieldset>
                }.into_any()
            }}
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p role="status" data-testid="meal-message">{text}</p> }.into_any(),
                Err(text) => view! { <p class="banner error" role="alert" data-testid="meal-message">{text}</p> }.into_any(),
            })}
            <Show when=move || deleted.with(Option::is_some)>
                <div class="banner" role="status" data-testid="meal-undo">
                    <p>{move || deleted.with(|d| d.as_ref().map(|(_, m)| format!("Deleted the meal “{}”.", m.name)).unwrap_or_default())}</p>
                    <button on:click=restore>"Undo"</button>
                </div>
            </Show>
            {move || {
                let list = store.meals.get();
                if list.is_empty() {
                    return view! { <p class="small muted" data-testid="no-meals">"No saved meals yet."</p> }.into_any();
                }
                view! {
                    <ul class="list" aria-label="Saved meals" data-testid="meal-list">
                        {list.into_iter().map(|meal| view! { <MealRow meal=meal date=date deleted=deleted/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// A change to one saved meal.
type MealEdit = Box<dyn FnOnce(&mut Meal) -> Result<(), RoutineError>>;

#[component]
fn MealRow(
    meal: Meal,
    date: Memo<Date>,
    deleted: RwSignal<Option<(usize, Meal)>>,
) -> impl IntoView {
    let store = use_store();
    let id = meal.id;
    let renaming = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let new_name = RwSignal::new(meal.name.clone());
    let note = RwSignal::new(None::<Result<String, String>>);
    let add = move |_| {
        let result = store
            .meals
            .with_untracked(|list| list.iter().find(|m| m.id == id).cloned())
            .ok_or(RoutineError::NotFound)
            .map(|meal| {
                store.update_day(date.get_untracked(), |log| meal.add_to(log));
                format!(
                    "Added “{}” to {}: {}.",
                    meal.name,
                    date.get_untracked(),
                    meal.totals().total_text()
                )
            });
        note.set(Some(result.map_err(|e| e.to_string())));
    };
    let edit = move |f: MealEdit| {
        let result = store.update_meals(|list| {
            let meal = list
                .iter_mut()
                .find(|m| m.id == id)
                .ok_or(RoutineError::NotFound)?;
            f(meal)
        });
        match result {
            Ok(()) => note.set(None),
            Err(e) => note.set(Some(Err(e.to_string()))),
        }
    };
    let rename = move |_| {
        let text = new_name.get_untracked();
        edit(Box::new(move |m| m.rename(&text)));
    };
    let delete = move |_| {
        if let Some(gone) = store.update_meals(|list| meals::delete(list, id, |m| m.id)) {
            deleted.set(Some(gone));
        }
    };
    let totals = meal.totals().total_text();
    let name = meal.name.clone();
    let items = meal.items.clone();
    let name_id = format!("meal-{id}-name");
    view! {
        <li class="stack" data-testid="meal">
            <div class="food-row">
                <span class="grow">
                    <span class="name">{name.clone()}</span><br/>
                    <span class="meta">{items_text(items.len())}</span>
                </span>
                <span class="amount num"><strong data-testid="meal-mg">{totals}</strong></span>
            </div>
            <div class="row">
                <button class="primary" aria-label=format!("Add {name} to this day") on:click=add>"Add to this day"</button>
                <button aria-label=format!("Rename {name}") aria-expanded=move || renaming.get().to_string() on:click=move |_| renaming.update(|r| *r = !*r)>"Rename"</button>
                <button aria-label=format!("Edit the items of {name}") aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>"Edit items"</button>
                <button class="danger" aria-label=format!("Delete {name}") on:click=delete>"Delete"</button>
            </div>
            {move || note.get().map(|m| match m {
                Ok(text) => view! { <p role="status" data-testid="meal-added">{text}</p> }.into_any(),
                Err(text) => view! { <p class="banner error" role="alert">{text}</p> }.into_any(),
            })}
            <Show when=move || renaming.get()>
                <div class="row">
                    <div class="field grow">
                        <label for=name_id.clone()>"New name"</label>
                        <input id=name_id.clone() type="text" maxlength="100" prop:value=move || new_name.get()
                            on:input=move |ev| new_name.set(event_target_value(&ev))/>
                    </div>
                    <button on:click=rename>"Save name"</button>
                </div>
            </Show>
            <Show when=move || editing.get()>
                <ul class="list" aria-label=format!("Items of {}", name.clone())>
                    {items.iter().enumerate().map(|(index, item)| {
                        let label = item.name().to_string();
                        view! {
                            <li class="food-row">
                                <span class="grow"><span class="name">{label.clone()}</span><br/><span class="meta">{item_line(item)}</span></span>
                                <button class="danger" aria-label=format!("Remove {label} from the meal") on:click=move |_| {
                                    edit(Box::new(move |m| {
                                        let mut items = m.items.clone();
                                        if index < items.len() { items.remove(index); }
                                        m.set_items(items)
                                    }));
                                }>"Remove"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </li>
    }
}

/// The ingredient being chosen from the food table.
#[derive(Clone)]
struct Chosen {
    index: usize,
    measure: Option<usize>,
    /// The amount box's text (see `typed_value`).
    quantity: String,
}

/// Making a recipe, and the saved recipes with "Add N servings".
#[component]
pub fn RecipesCard(date: Memo<Date>) -> impl IntoView {
    let store = use_store();
    let foods = use_foods();
    let name = RwSignal::new(String::new());
    let servings = RwSignal::new("4".to_string());
    let draft = RwSignal::new(Vec::<Ingredient>::new());
    let query = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<Chosen>);
    let custom_name = RwSignal::new(String::new());
    let custom_mg = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let deleted = RwSignal::new(None::<(usize, Recipe)>);
    // The chosen food alone, so typing its amount does not rebuild the form.
    let chosen_index = Memo::new(move |_| chosen.with(|c| c.as_ref().map(|c| c.index)));
    let results = Memo::new(move |_| {
        let Some(Ok(foods)) = foods.get() else {
            return Vec::new();
        };
        query.with(|q| foods.quick_matches(q, 6))
    });
    let add_food = move |_| {
        let (Some(Ok(foods)), Some(c)) = (foods.get_untracked(), chosen.get_untracked()) else {
            return;
        };
        let entry = foods
            .db
            .food(c.index)
            .and_then(|f| FoodEntry::from_food(f, c.measure, typed_amount(&c.quantity)));
        match entry {
            Some(entry) => {
                draft.update(|d| d.push(Ingredient::Food(entry)));
                chosen.set(None);
                query.set(String::new());
                message.set(None);
            }
            None => message.set(Some(Err("Enter an amount above zero.".into()))),
        }
    };
    let add_custom = move |_| {
        let name = custom_name.get_untracked();
        let mg = NonNegative::parse(&custom_mg.get_untracked());
        let result = match (meals::clean_name(&name), mg) {
            (Err(e), _) => Err(e.to_string()),
            (_, None) => Err("Enter the magnesium in mg (0 or more).".to_string()),
            (Ok(name), Some(mg)) => Ok(Ingredient::Custom(CustomEntry {
                item_id: 0,
                name,
                supplement: false,
                measure: CustomMeasure::Servings {
                    label: "1 serving".into(),
                    mg_per_serving: mg,
                    servings: Positive::new(1.0).expect("1 is positive"),
                },
            })),
        };
        match result {
            Ok(i) => {
                draft.update(|d| d.push(i));
                custom_name.set(String::new());
                custom_mg.set(String::new());
                message.set(None);
            }
            Err(e) => message.set(Some(Err(e))),
        }
    };
    let save = move |_| {
        let n = servings.get_untracked().trim().parse::<u32>().unwrap_or(0);
        let result = store.update_recipes(|list| {
            let id = meals::next_id(list.iter().map(|r| &r.id));
            let recipe = Recipe::new(id, &name.get_untracked(), n, draft.get_untracked())?;
            let text = format!(
                "Saved “{}”: {} per serving.",
                recipe.name,
                recipe.per_serving()?.total_text()
            );
            list.push(recipe);
            Ok::<_, RoutineError>(text)
        });
        if result.is_ok() {
            name.set(String::new());
            draft.set(Vec::new());
        }
        message.set(Some(result.map_err(|e| e.to_string())));
    };
    let restore = move |_| {
        if let Some((index, recipe)) = deleted.get_untracked() {
            store.update_recipes(|list| {
                let at = index.min(list.len());
                list.insert(at, recipe);
            });
            deleted.set(None);
        }
    };
    view! {
        <section class="card stack no-print" aria-labelledby="recipes-heading" data-testid="recipes">
            <h2 id="recipes-heading">"Recipes"</h2>
            <Show when=move || deleted.with(Option::is_some)>
                <div class="banner" role="status" data-testid="recipe-undo">
                    <p>{move || deleted.with(|d| d.as_ref().map(|(_, r)| format!("Deleted the recipe “{}”.", r.name)).unwrap_or_default())}</p>
                    <button on:click=restore>"Undo"</button>
                </div>
            </Show>
            {move || {
                let list = store.recipes.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="list" aria-label="Saved recipes" data-testid="recipe-list">
                        {list.into_iter().map(|recipe| view! { <RecipeRow recipe=recipe date=date deleted=deleted/> }).collect_view()}
                    </ul>
                })
            }}
            <fieldset data-testid="new-recipe">
                <legend>"New recipe"</legend>
                <div class="row">
                    <div class="field grow">
                        <label for="recipe-name">"Recipe name"</label>
                        <input id="recipe-name" type="text" maxlength="100" placeholder="e.g. Green smoothie"
                            prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="recipe-servings">"Servings"</label>
                        <input id="recipe-servings" type="number" min="1" step="1" inputmode="numeric"
                            use:typed_value=Signal::from(servings) on:input=move |ev| servings.set(event_target_value(&ev))/>
                    </div>
                </div>
                {move || {
                    let list = draft.get();
                    if list.is_empty() {
                        return view! { <p class="small muted">"No ingredients yet."</p> }.into_any();
                    }
                    view! {
                        <ul class="list" aria-label="Ingredients" data-testid="draft-ingredients">
                            {list.into_iter().enumerate().map(|(index, ingredient)| {
                                let item = ingredient_item(&ingredient);
                                let label = item.name().to_string();
                                view! {
                                    <li class="food-row">
                                        <span class="grow"><span class="name">{label.clone()}</span><br/><span class="meta">{item_line(&item)}</span></span>
                                        <button class="danger" aria-label=format!("Remove ingredient {label}")
                                            on:click=move |_| draft.update(|d| { if index < d.len() { d.remove(index); } })>"Remove"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <div class="field">
                    <label for="recipe-food-search">"Find an ingredient"</label>
                    <input id="recipe-food-search" type="search" autocomplete="off" placeholder="e.g. oats"
                        prop:value=move || query.get() on:input=move |ev| { query.set(event_target_value(&ev)); chosen.set(None); }/>
                </div>
                <ul class="list" aria-label="Matching ingredients" data-testid="recipe-food-results">
                    {move || {
                        let Some(Ok(foods)) = foods.get() else { return Vec::new() };
                        results.get().into_iter().filter_map(|i| foods.db.food(i).cloned().map(|f| (i, f))).map(|(i, f)| {
                            let pick = Chosen { index: i, measure: f.portion.measure, quantity: f.portion.quantity.to_string() };
                            view! {
                                <li><button class="link" aria-pressed=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.index == i)).to_string()
                                    on:click=move |_| chosen.set(Some(pick.clone()))>{f.description.clone()}</button></li>
                            }
                        }).collect::<Vec<_>>()
                    }}
                </ul>
                {move || {
                    let (Some(Ok(foods)), Some(c)) = (foods.get(), chosen_index.get()) else { return ().into_any() };
                    let Some(food) = foods.db.food(c).cloned() else { return ().into_any() };
                    let preview_food = food.clone();
                    let preview = move || chosen.with(|c| c.as_ref().and_then(|c| FoodEntry::from_food(&preview_food, c.measure, typed_amount(&c.quantity))))
                        .map_or_else(|| "Enter an amount above zero".to_string(), |e| item_line(&Item::Food(e)));
                    view! {
                        <div class="stack" data-testid="recipe-ingredient">
                            <p class="name">{food.description.clone()}</p>
                            <div class="row">
                                <div class="field grow">
                                    <label for="ingredient-measure">"Measure"</label>
                                    <select id="ingredient-measure" on:change=move |ev| {
                                        let m = event_target_value(&ev).parse::<usize>().ok();
                                        chosen.update(|c| if let Some(c) = c { c.measure = m; c.quantity = if m.is_some() { "1" } else { "100" }.to_string(); });
                                    }>
                                        {food.measures.iter().enumerate().map(|(i, m)| view! {
                                            <option value=i.to_string() selected=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.measure == Some(i)))>{format!("{} ({} g)", m.label(), m.grams)}</option>
                                        }).collect_view()}
                                        <option value="g" selected=move || chosen.with(|c| c.as_ref().is_some_and(|c| c.measure.is_none()))>"grams"</option>
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="ingredient-qty">{move || if chosen.with(|c| c.as_ref().is_some_and(|c| c.measure.is_some())) { "How many" } else { "Grams" }}</label>
                                    <input id="ingredient-qty" type="number" inputmode="decimal" min="0" step="any"
                                        use:typed_value=Signal::derive(move || chosen.with(|c| c.as_ref().map(|c| c.quantity.clone()).unwrap_or_default()))
                                        on:input=move |ev| {
                                            let text = event_target_value(&ev);
                                            chosen.update(|c| if let Some(c) = c { c.quantity = text; });
                                        }/>
                                </div>
                            </div>
                            <div class="row">
                                <p class="grow num" data-testid="ingredient-preview">{preview}</p>
                                <button on:click=add_food>"Add ingredient"</button>
                            </div>
                        </div>
                    }.into_any()
                }}
                <details>
                    <summary>"Or a custom ingredient"</summary>
                    <div class="row">
                        <div class="field grow">
                            <label for="custom-ingredient-name">"Ingredient name"</label>
                            <input id="custom-ingredient-name" type="text" maxlength="100"
                                prop:value=move || custom_name.get() on:input=move |ev| custom_name.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="custom-ingredient-mg">"Magnesium (mg)"</label>
                            <input id="custom-ingredient-mg" type="number" inputmode="decimal" min="0" step="any"
                                use:typed_value=Signal::from(custom_mg) on:input=move |ev| custom_mg.set(event_target_value(&ev))/>
                        </div>
                    </div>
                    <button on:click=add_custom>"Add custom ingredient"</button>
                </details>
                <button class="primary" on:click=save>"Save recipe"</button>
            </fieldset>
            {move || message.get().map(|m| match m {
                Ok(text) => view! { <p role="status" data-testid="recipe-message">{text}</p> }.into_any(),
                Err(text) => view! { <p class="banner error" role="alert" data-testid="recipe-message">{text}</p> }.into_any(),
            })}
        </section>
    }
}

/// Adds `servings` of the recipe with `id` to `date`, returning the
/// confirmation line.
fn add_servings(store: Store, id: u64, date: Date, servings: Positive) -> Result<String, String> {
    let recipe = store
        .recipes
        .with_untracked(|list| list.iter().find(|r| r.id == id).cloned())
        .ok_or_else(|| RoutineError::NotFound.to_string())?;
    let items = recipe.items_for(servings).map_err(|e| e.to_string())?;
    let totals = Totals::of_items(&items);
    store.update_day(date, |log| {
        for item in items {
            log.add(item);
        }
    });
    Ok(format!(
        "Added {} of “{}” to {date}: {}.",
        servings_text(servings.get()),
        recipe.name,
        totals.total_text()
    ))
}

#[component]
fn RecipeRow(
    recipe: Recipe,
    date: Memo<Date>,
    deleted: RwSignal<Option<(usize, Recipe)>>,
) -> impl IntoView {
    let store = use_store();
    let foods = use_foods();
    let id = recipe.id;
    let count = RwSignal::new("1".to_string());
    let note = RwSignal::new(None::<Result<String, String>>);
    let per_serving = recipe
        .per_serving()
        .map_or_else(|e| e.to_string(), |t| t.total_text());
    let problems_of = recipe.clone();
    let problems = move || {
        let Some(Ok(foods)) = foods.get() else {
            return Vec::new();
        };
        problems_of
            .problems(&foods.db)
            .into_iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
    };
    let servings = move || Positive::parse(&count.get());
    let add = move |_| {
        let result = match Positive::parse(&count.get_untracked()) {
            Some(n) => add_servings(store, id, date.get_untracked(), n),
            None => Err("Enter a number of servings above zero.".to_string()),
        };
        note.set(Some(result));
    };
    let delete = move |_| {
        if let Some(gone) = store.update_recipes(|list| meals::delete(list, id, |r| r.id)) {
            deleted.set(Some(gone));
        }
    };
    let name = recipe.name.clone();
    let count_id = format!("recipe-{id}-count");
    view! {
        <li class="stack" data-testid="recipe">
            <div class="food-row">
                <span class="grow">
                    <span class="name">{name.clone()}</span><br/>
                    <span class="meta">{format!("Makes {} · {}", servings_text(f64::from(recipe.servings.get())), match recipe.ingredients.len() { 1 => "1 ingredient".to_string(), n => format!("{n} ingredients") })}</span>
                </span>
                <span class="amount num"><strong data-testid="recipe-per-serving">{per_serving}</strong><span class="meta">"per serving"</span></span>
            </div>
            <ul class="small">
                {recipe.ingredients.iter().map(|i| {
                    let item = ingredient_item(i);
                    view! { <li>{format!("{}: {}", item.name(), item_line(&item))}</li> }
                }).collect_view()}
            </ul>
            {move || problems().into_iter().map(|p| view! { <p class="banner warn" role="alert" data-testid="recipe-problem">{p}</p> }).collect_view()}
            <div class="row">
                <div class="field">
                    <label for=count_id.clone()>"Servings to add"</label>
                    <input id=count_id type="number" min="0" step="any" inputmode="decimal"
                        use:typed_value=Signal::from(count) on:input=move |ev| count.set(event_target_value(&ev))/>
                </div>
                <button class="primary" aria-label=move || format!("Add {} of {}", servings().map_or("servings".to_string(), |n| servings_text(n.get())), name)
                    on:click=add>{move || format!("Add {}", servings().map_or("servings".to_string(), |n| servings_text(n.get())))}</button>
                <button class="danger" aria-label=format!("Delete recipe {}", recipe.name) on:click=delete>"Delete"</button>
            </div>
            {move || note.get().map(|m| match m {
                Ok(text) => view! { <p role="status" data-testid="recipe-added">{text}</p> }.into_any(),
                Err(text) => view! { <p class="banner error" role="alert">{text}</p> }.into_any(),
            })}
        </li>
    }
}

/// Recipes whose name matches the Today picker's query, listed above the
/// foods with "Add 1 serving".
#[component]
pub fn RecipeMatches(date: Memo<Date>, text: RwSignal<String>) -> impl IntoView {
    let store = use_store();
    let note = RwSignal::new(None::<Result<String, String>>);
    let found = Memo::new(move |_| {
        let q = text.get();
        store.recipes.with(|list| {
            recipes_matching(list, &q)
                .into_iter()
                .take(4)
                .map(|r| {
                    let per = r
                        .per_serving()
                        .map_or_else(|e| e.to_string(), |t| t.total_text());
                    (r.id, r.name.clone(), per)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        {move || {
            let found = found.get();
            (!found.is_empty()).then(|| view! {
                <ul class="list" aria-label="Matching recipes" data-testid="recipe-matches">
                    {found.into_iter().map(|(id, name, per)| view! {
                        <li class="food-row">
                            <span class="grow"><span class="name">{name.clone()}</span><br/><span class="meta">"Recipe · " {per} " per serving"</span></span>
                            <button aria-label=format!("Add 1 serving of {name}") on:click=move |_| {
                                let one = Positive::new(1.0).expect("1 is positive");
                                note.set(Some(add_servings(store, id, date.get_untracked(), one)));
                            }>"Add 1 serving"</button>
                        </li>
                    }).collect_view()}
                </ul>
            })
        }}
        {move || note.get().map(|m| match m {
            Ok(text) => view! { <p role="status" data-testid="recipe-match-added">{text}</p> }.into_any(),
            Err(text) => view! { <p class="banner error" role="alert">{text}</p> }.into_any(),
        })}
    }
}

/// The last copy of a day, with its confirmation, so it can be undone.
#[derive(Clone, Copy)]
pub struct CopySlot(RwSignal<Option<(CopyUndo, String)>>);

/// Called once by the Today page, before [`RepeatDay`] and [`CopyDayButton`].
pub fn provide_copy_slot() {
    provide_context(CopySlot(RwSignal::new(None)));
}

fn copy_slot() -> CopySlot {
    use_context::<CopySlot>().unwrap_or_else(|| CopySlot(RwSignal::new(None)))
}

/// Copies every item of `from` onto `onto` and offers the undo.
fn copy(store: Store, slot: CopySlot, from: Date, onto: Date) {
    let Some(source) = untrack(|| store.day(from)).filter(|d| !d.entries().is_empty()) else {
        slot.0.set(None);
        return;
    };
    let undo = store.update_day(onto, |log| {
        let (copied, undo) = copy_day(&source, log);
        *log = copied;
        undo
    });
    let text = format!(
        "Copied {} from {from} to {onto}: {}.",
        items_text(undo.added.len()),
        source.totals().total_text()
    );
    slot.0.set(Some((undo, text)));
}

/// "Copy from yesterday" and the undo of the last copy.
#[component]
pub fn RepeatDay(date: Memo<Date>) -> impl IntoView {
    let store = use_store();
    let slot = copy_slot();
    let yesterday = Memo::new(move |_| date.get().add_days(-1));
    let has_yesterday = Memo::new(move |_| {
        store
            .day(yesterday.get())
            .is_some_and(|d| !d.entries().is_empty())
    });
    let undo = move |_| {
        if let Some((undo, _)) = slot.0.get_untracked() {
            store.update_day(undo.date, |log| {
                let _ = undo.apply(log);
            });
            slot.0.set(None);
        }
    };
    view! {
        <section class="card stack no-print" aria-labelledby="repeat-heading" data-testid="repeat-day">
            <h2 id="repeat-heading">"Repeat a day"</h2>
            <div class="row">
                <button disabled=move || !has_yesterday.get()
                    on:click=move |_| copy(store, slot, yesterday.get_untracked(), date.get_untracked())>"Copy from yesterday"</button>
                <span class="small muted grow">{move || if has_yesterday.get() { format!("Adds what you logged on {}.", yesterday.get()) } else { format!("Nothing logged on {}.", yesterday.get()) }}</span>
            </div>
            <Show when=move || slot.0.with(Option::is_some)>
                <div class="banner" role="status" data-testid="copy-undo">
                    <p>{move || slot.0.with(|s| s.as_ref().map(|(_, t)| t.clone()).unwrap_or_default())}</p>
                    <button on:click=undo>"Undo"</button>
                </div>
            </Show>
        </section>
    }
}

/// "Copy" in a row of Recent days: that day's items onto the shown day.
#[component]
pub fn CopyDayButton(from: Date, onto: Memo<Date>) -> impl IntoView {
    let store = use_store();
    let slot = copy_slot();
    let logged = move || store.day(from).is_some_and(|d| !d.entries().is_empty());
    move || {
        logged().then(|| {
            view! {
                <button aria-label=move || format!("Copy {from} to {}", onto.get())
                    on:click=move |_| copy(store, slot, from, onto.get_untracked())>"Copy"</button>
            }
        })
    }
}
