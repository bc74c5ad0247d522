//! `/today` (`?date=YYYY-MM-DD` for other days): a day's magnesium from foods
//! and supplements against the person's target and the supplement limit.

use leptos::prelude::*;

use crate::components::Deferred;
use crate::components::add_food::AddFood;
use crate::components::add_to_list::AddToList;
use crate::components::intake_forms::{AddCustom, AddSupplement, AddTopical};
use crate::components::regimen::RegimenCard;
use crate::components::start::InTurn;
use crate::domain::amounts::Positive;
use crate::domain::date::Date;
use crate::domain::day::{
    self, DayLog, DayNutrients, DaySummary, EntryId, Item, RecentItem, Removed,
};
use crate::domain::dri::{Reference, default_adult_sentence};
use crate::domain::food::NdbNo;
use crate::domain::mg::format_mg;
use crate::domain::shop::list::short_name;
use crate::domain::shop::week;
use crate::food_data::use_foods;
use crate::router::{NavigateOptions, use_navigate, use_query_map};
use crate::store::{today, use_store};

/// Which add form is open.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Adding {
    Food,
    Supplement,
    Custom,
    Topical,
}

#[component]
pub fn TodayPage() -> impl IntoView {
    crate::components::set_title("Today");
    let store = use_store();
    let query = use_query_map();
    let date = crate::components::use_date_param(query);
    let navigate = use_navigate();
    let go_to = move |d: Date| {
        let url = if d == today() {
            "/today".to_string()
        } else {
            format!("/today?date={d}")
        };
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    let log = Memo::new(move |_| {
        store
            .day(date.get())
            .unwrap_or_else(|| DayLog::new(date.get()))
    });
    let reference = Memo::new(move |_| store.reference());
    let summary =
        Memo::new(move |_| DaySummary::for_reference(log.with(DayLog::totals), &reference.get()));
    let has_profile = Memo::new(move |_| store.profile.with(Option::is_some));
    let tags = Memo::new(move |_| {
        store
            .diary_entry(date.get())
            .map(|e| e.tags().to_vec())
            .unwrap_or_default()
    });
    let foods = use_foods();
    let nutrients = Memo::new(move |_| match foods.get() {
        Some(Ok(foods)) => Some(log.with(|l| DayNutrients::of(l, &foods.db))),
        _ => log.with(DayNutrients::without_food_table),
    });
    let caffeine_limit = Memo::new(move |_| day::caffeine_limit_mg(store.effective_profile()));
    let undo = RwSignal::new(None::<(Date, Removed)>);
    // Meals, recipes and repeat-a-day (issue 16).
    crate::components::meals::provide_copy_slot();

    let go_prev = go_to.clone();
    let go_next = go_to.clone();
    let go_pick = go_to;
    view! {
        <section data-testid="page-today">
            <h1>{move || if date.get() == today() { "Today".to_string() } else { format!("Day {}", date.get()) }}</h1>
            // The top of the page is built in turns while the app starts
            // (see `InTurn`).
            <InTurn>
            <nav class="row day-nav no-print" aria-label="Choose a day">
                <button on:click=move |_| go_prev(date.get_untracked().add_days(-1)) aria-label="Previous day">"‹ Previous"</button>
                <label class="visually-hidden" for="day-picker">"Day"</label>
                <input id="day-picker" class="grow" type="date" prop:value=move || date.get().to_string()
                    on:change=move |ev| if let Some(d) = Date::parse(&event_target_value(&ev)) { go_pick(d) }/>
                <button on:click=move |_| go_next(date.get_untracked().add_days(1)) aria-label="Next day">"Next ›"</button>
            </nav>
            </InTurn>

            <InTurn><SummaryCard summary=summary reference=reference has_profile=has_profile/></InTurn>
            <InTurn>
            <NutrientLine nutrients=nutrients/>

            <h2>"Logged"</h2>
            <EntryList date=date log=log undo=undo/>
            </InTurn>

            // Each card below the fold builds in a task of its own after the
            // first paint, so no one task has to build them all (issue 19).
            <Deferred><AddPanel date=date log=log/></Deferred>
            <Deferred><RegimenCard date=date log=log/></Deferred>

            // Meals, recipes and repeat-a-day (issue 16).
            <Deferred><crate::components::meals::MealsCard date=date log=log/></Deferred>
            <Deferred><crate::components::meals::RecipesCard date=date/></Deferred>
            <Deferred><crate::components::meals::RepeatDay date=date/></Deferred>

            <Deferred><CloseTheGap summary=summary/></Deferred>

            <Deferred>
            {move || {
                let notes = day::context_notes(&log.get(), &summary.get(), nutrients.get().as_ref(), caffeine_limit.get(), &tags.get());
                (!notes.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="notes-heading" data-testid="context-notes">
                        <h2 id="notes-heading">"Worth knowing today"</h2>
                        <ul>{notes.into_iter().map(|n| view! { <li>{n.text()}</li> }).collect_view()}</ul>
                    </section>
                })
            }}

            <RecentDays date=date/>
            <p class="small muted">
                "People with kidney disease or heart block should talk to a doctor before taking magnesium supplements. "
                <a href="/guide#safety">"Safety"</a>
            </p>
            </Deferred>
        </section>
    }
}

/// A horizontal bar as SVG, so its width is an attribute the CSP allows.
#[component]
fn Meter(
    #[prop(into)] share: Signal<f64>,
    #[prop(into)] label: Signal<String>,
    class: &'static str,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <svg class="meter-svg" viewBox="0 0 100 10" preserveAspectRatio="none" role="img"
            aria-label=move || label.get() data-testid=testid>
            <rect class="track" x="0" y="0" width="100" height="10" rx="5"/>
            <rect class=class x="0" y="0" height="10" rx="5" width=move || format!("{:.1}", share.get().clamp(0.0, 1.0) * 100.0)/>
        </svg>
    }
}

#[component]
fn SummaryCard(
    summary: Memo<DaySummary>,
    reference: Memo<Reference>,
    has_profile: Memo<bool>,
) -> impl IntoView {
    let target_text = move || {
        let r = reference.get();
        match r.target {
            Some(t) => format!("{} mg ({}, {})", t.mg, t.kind.abbreviation(), r.life_stage),
            None => format!("no value set for {}", r.life_stage),
        }
    };
    view! {
        <section class="card stack" aria-labelledby="total-heading" data-testid="day-summary">
            <h2 id="total-heading" class="visually-hidden">"Total"</h2>
            <p><strong class="num" data-testid="day-total">{move || summary.get().totals.total_text()}</strong>
                <span class="muted">{move || summary.get().share_percent().map(|p| format!(" · {p} % of target"))}</span></p>
            <Meter share=Signal::derive(move || summary.get().share_of_target().unwrap_or(0.0))
                label=Signal::derive(move || format!("{} of the daily target", summary.get().share_percent().map_or("No target".into(), |p| format!("{p} %"))))
                class="fill" testid="target-meter"/>
            <p class="small">
                <span data-testid="remaining">{move || summary.get().remaining_text().unwrap_or_default()}</span>
                " · Food " <span class="num" data-testid="food-total">{move || format_mg(summary.get().totals.food_mg)}</span>
                " · Supplements " <span class="num" data-testid="supplement-total">{move || format_mg(summary.get().totals.supplement_mg)}</span>
            </p>
            <p class="small muted" data-testid="target-line">"Target: " {target_text} ". "
                {move || reference.get().set.name()} ". "
                {move || (!has_profile.get()).then(|| view! { {default_adult_sentence(reference.get().set)} " To see yours, " <a href="/settings#profile">"set your profile"</a> "." })}
            </p>
            {move || summary.get().upper_limit_mg.map(|ul| {
                let over = summary.get().over_upper_limit();
                view! {
                    <div class="stack" data-testid="supplement-limit">
                        <p class="small">{summary.get().supplement_limit_text()} " (" {reference.get().set.upper_level_scope()} ")"</p>
                        <Meter share=Signal::derive(move || summary.get().supplement_share_of_limit().unwrap_or(0.0))
                            label=Signal::derive(move || summary.get().supplement_limit_text().unwrap_or_default())
                            class=if over { "fill over" } else { "fill supp" } testid="limit-meter"/>
                        {over.then(|| view! {
                            <p class="banner error" role="alert" data-testid="over-limit">
                                {format!("Over the upper level for supplements ({ul} mg). Loose stools are the usual first sign of too much; consider a lower dose.")}
                            </p>
                        })}
                    </div>
                }
            })}
        </section>
    }
}

/// The day's caffeine, calcium and calcium:magnesium ratio from the logged
/// foods, once the food table has loaded.
#[component]
fn NutrientLine(nutrients: Memo<Option<DayNutrients>>) -> impl IntoView {
    // The line is there before the food table has loaded, with "…" for
    // values that need it, so the page below does not move down when they
    // arrive; a day without foods from the table needs none.
    let value = move |f: fn(&DayNutrients) -> String| {
        move || nutrients.with(|n| n.as_ref().map_or_else(|| "…".to_string(), f))
    };
    view! {
        <p class="small" data-testid="day-nutrients">
            "Caffeine " <span class="num" data-testid="day-caffeine">{value(|n| n.caffeine.text())}</span>
            " · Calcium " <span class="num" data-testid="day-calcium">{value(|n| n.calcium.text())}</span>
            " · Calcium : magnesium "
            <span class="num" data-testid="day-ca-mg">
                {value(|n| n.calcium_magnesium_ratio().map_or_else(|| "—".to_string(), |r| r.text()))}
            </span>
        </p>
    }
}

#[component]
fn EntryList(
    date: Memo<Date>,
    log: Memo<DayLog>,
    undo: RwSignal<Option<(Date, Removed)>>,
) -> impl IntoView {
    let store = use_store();
    let editing = RwSignal::new(None::<EntryId>);
    let delete = move |id: EntryId| {
        let d = date.get_untracked();
        if let Some(removed) = store.update_day(d, |log| log.delete(id)) {
            undo.set(Some((d, removed)));
        }
    };
    let restore = move |_| {
        if let Some((d, removed)) = undo.get_untracked() {
            store.update_day(d, |log| {
                let _ = log.undo(removed);
            });
            undo.set(None);
        }
    };
    view! {
        <Show when=move || undo.with(Option::is_some)>
            <div class="banner" role="status" data-testid="undo-banner">
                <p>{move || undo.with(|u| u.as_ref().map(|(_, r)| format!("Deleted {}.", r.entry.item.name())).unwrap_or_default())}</p>
                <button on:click=restore>"Undo"</button>
            </div>
        </Show>
        {move || {
            let entries = log.with(|l| l.entries().to_vec());
            if entries.is_empty() {
                return view! { <p class="muted" data-testid="no-entries">"Nothing logged for this day yet."</p> }.into_any();
            }
            view! {
                <ul class="list card" data-testid="entries" aria-label="Logged items">
                    {entries.into_iter().map(|entry| {
                        let id = entry.id;
                        let item = entry.item.clone();
                        let counted = !matches!(item, Item::Topical(_));
                        let quantity = item.quantity();
                        view! {
                            <li class="food-row" data-testid="entry">
                                <span class="grow">
                                    <span class="name">{item.name().to_string()}</span><br/>
                                    <span class="meta">{item.amount_text()}</span>
                                    {(!counted).then(|| view! { <br/><span class="meta">{crate::domain::supplement::TOPICAL_NOT_COUNTED}</span> })}
                                </span>
                                <span class="amount num"><strong data-testid="entry-mg">{item.mg_text()}</strong></span>
                                <span class="row">
                                    {quantity.map(|q| view! {
                                        <button aria-label=format!("Change amount of {}", item.name()) on:click=move |_| editing.set(Some(id))>"Edit"</button>
                                        <Show when=move || editing.get() == Some(id)>
                                            <label class="visually-hidden" for=format!("qty-{}", id.0)>"Amount"</label>
                                            <input id=format!("qty-{}", id.0) type="number" min="0" step="any" inputmode="decimal"
                                                prop:value=q.get().to_string()
                                                on:change=move |ev| {
                                                    if let Some(q) = Positive::parse(&event_target_value(&ev)) {
                                                        store.update_day(date.get_untracked(), |log| { let _ = log.set_quantity(id, q); });
                                                    }
                                                    editing.set(None);
                                                }/>
                                        </Show>
                                    })}
                                    <button class="danger" aria-label=format!("Delete {}", item.name()) on:click=move |_| delete(id)>"Delete"</button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn AddPanel(date: Memo<Date>, log: Memo<DayLog>) -> impl IntoView {
    let _ = log;
    let adding = RwSignal::new(Adding::Food);
    let tab = move |which: Adding, label: &'static str| {
        view! {
            <button role="tab" aria-selected=move || (adding.get() == which).to_string()
                on:click=move |_| adding.set(which)>{label}</button>
        }
    };
    view! {
        <section class="card stack no-print" aria-labelledby="add-heading" data-testid="add-panel">
            <h2 id="add-heading">"Add"</h2>
            <div class="chips" role="tablist" aria-label="What to add">
                {tab(Adding::Food, "Food")}
                {tab(Adding::Supplement, "Supplement")}
                {tab(Adding::Custom, "Custom item")}
                {tab(Adding::Topical, "Topical")}
            </div>
            {move || match adding.get() {
                Adding::Food => view! { <FoodPicker date=date/> }.into_any(),
                Adding::Supplement => view! { <AddSupplement date=date/> }.into_any(),
                Adding::Custom => view! { <AddCustom date=date/> }.into_any(),
                Adding::Topical => view! { <AddTopical date=date/> }.into_any(),
            }}
        </section>
    }
}

/// Search foods inline, or pick a recent one, then choose the amount.
#[component]
fn FoodPicker(date: Memo<Date>) -> impl IntoView {
    let foods = use_foods();
    let store = use_store();
    let text = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<usize>);
    let recents = Memo::new(move |_| {
        let days: Vec<DayLog> = store.all_days().into_values().collect();
        day::recent_items(&days, 6)
    });
    let results = Memo::new(move |_| {
        let Some(Ok(foods)) = foods.get() else {
            return Vec::new();
        };
        text.with(|q| foods.quick_matches(q, 8))
    });
    view! {
        <div class="field">
            <label for="today-food-search">"Find a food"</label>
            <input id="today-food-search" type="search" autocomplete="off" placeholder="e.g. almonds"
                prop:value=move || text.get() on:input=move |ev| { text.set(event_target_value(&ev)); chosen.set(None); }/>
        </div>
        {move || {
            let Some(Ok(foods)) = foods.get() else { return None };
            let favourites: Vec<(usize, String)> = store.settings.with(|s| {
                s.favourite_foods.iter().filter_map(|&n| foods.db.by_ndb(NdbNo(n)).map(|(i, f)| (i, f.description.clone()))).collect()
            });
            (text.with(|t| t.is_empty()) && !favourites.is_empty()).then(|| view! {
                <p class="small muted">"Favourites"</p>
                <div class="chips" data-testid="favourite-foods">
                    {favourites.into_iter().map(|(i, name)| view! {
                        <button aria-pressed=move || (chosen.get() == Some(i)).to_string() on:click=move |_| chosen.set(Some(i))>{short_name(&name)}</button>
                    }).collect_view()}
                </div>
            })
        }}
        {move || {
            let recent = recents.get();
            (text.with(|t| t.is_empty()) && !recent.is_empty()).then(|| view! {
                <p class="small muted">"Recent"</p>
                <div class="chips" data-testid="recent-items">
                    {recent.into_iter().map(|r| {
                        let label = match &r { RecentItem::Food(f) => f.name.clone(), RecentItem::Custom(c) => c.name.clone() };
                        view! {
                            <button aria-label=format!("Add {label} again") on:click=move |_| {
                                let item = match r.clone() { RecentItem::Food(f) => Item::Food(f), RecentItem::Custom(c) => Item::Custom(c) };
                                store.update_day(date.get_untracked(), |log| log.add(item));
                            }>{short_name(&label)}</button>
                        }
                    }).collect_view()}
                </div>
            })
        }}
        {move || {
            // Says why a query has no results yet, as the Foods page does.
            let waiting = !text.with(|t| t.trim().is_empty())
                && foods.get().and_then(Result::ok).is_some_and(|f| f.searchable_index().is_none());
            waiting.then(|| view! { <p class="small muted" role="status" data-testid="today-search-waiting">"Preparing search…"</p> })
        }}
        <crate::components::meals::RecipeMatches date=date text=text/>
        <ul class="list" data-testid="today-food-results" aria-label="Matching foods">
            {move || {
                let Some(Ok(foods)) = foods.get() else { return Vec::new() };
                results.get().into_iter().filter_map(|i| foods.db.food(i).cloned().map(|f| (i, f))).map(|(i, f)| view! {
                    <li><button class="link" aria-pressed=move || (chosen.get() == Some(i)).to_string() on:click=move |_| chosen.set(Some(i))>
                        {f.description.clone()} " — " {f.mg_per_portion().map_or("no data".to_string(), format_mg)} " per " {f.portion_label()}
                    </button></li>
                }).collect::<Vec<_>>()
            }}
        </ul>
        {move || {
            let (Some(Ok(foods)), Some(i)) = (foods.get(), chosen.get()) else { return ().into_any() };
            let Some(food) = foods.db.food(i).cloned() else { return ().into_any() };
            view! { <AddFood food=food date=Signal::from(date) on_added=move |_| { chosen.set(None); text.set(String::new()); }/> }.into_any()
        }}
    }
}

/// Foods that would cover what is missing in one realistic portion, from
/// the pool "Fill my week" uses too, without the foods marked "not for me".
#[component]
fn CloseTheGap(summary: Memo<DaySummary>) -> impl IntoView {
    let foods = use_foods();
    let store = use_store();
    let candidates = Memo::new(move |_| {
        let Some(Ok(foods)) = foods.get() else {
            return None;
        };
        let (pool, avoided) = store
            .settings
            .with(|s| week::person_pool(&foods.db, foods.pool_sources(), s));
        Some(week::gap_candidates(&pool, &avoided))
    });
    move || {
        let remaining = summary.get().remaining_mg().filter(|r| *r > 0.0)?;
        let foods = foods.get()?.ok()?;
        let pool = candidates.get()?;
        let plan = day::close_the_gap(remaining, &pool, 5);
        Some(view! {
            <section class="card" aria-labelledby="gap-heading" data-testid="close-gap">
                <h2 id="gap-heading">{format!("Close the gap: {}", format_mg(remaining))}</h2>
                {(!plan.one_portion_covers && !plan.foods.is_empty()).then(|| view! {
                    <p class="muted" data-testid="gap-no-single">"No single portion covers that much. The richest portions, each with its share of the gap:"</p>
                })}
                {plan.foods.is_empty().then(|| view! {
                    <p class="muted">"No food in Top sources has magnesium data to offer."</p>
                })}
                <ul class="list">
                    {plan.foods.into_iter().filter_map(|c| foods.db.food(c.index).map(|f| (c, f.clone()))).map(|(c, f)| view! {
                        <li class="food-row-box" data-testid="gap-food" data-ndb=f.ndb_string()><a href=format!("/foods/{}", f.ndb_string()) class="food-row">
                            <span class="grow"><span class="name">{f.description.clone()}</span><br/><span class="meta">{f.portion_label()}</span></span>
                            <span class="amount num">
                                <strong>{format_mg(c.mg_per_portion)}</strong>
                                <span class="meta">{format!("{:.0} % of the gap", (c.mg_per_portion / remaining * 100.0).min(100.0))}</span>
                            </span>
                        </a>
                        <AddToList foods=foods.clone() index=c.index/></li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

/// The week before the shown day, with totals, linking to each day.
#[component]
fn RecentDays(date: Memo<Date>) -> impl IntoView {
    let store = use_store();
    view! {
        <section class="card" aria-labelledby="recent-heading" data-testid="recent-days">
            <h2 id="recent-heading">"Recent days"</h2>
            <table>
                <thead><tr><th scope="col">"Day"</th><th scope="col" class="num">"Total"</th><th scope="col" class="num">"Target"</th><th scope="col"><span class="visually-hidden">"Copy"</span></th></tr></thead>
                <tbody>
                    {move || {
                        let end = date.get();
                        {
                            let reference = store.reference();
                            (1..=7).map(|back| {
                                let day = end.add_days(-back);
                                let log = store.day(day);
                                let log = log.as_ref();
                                let summary = log.map(|l| DaySummary::for_reference(l.totals(), &reference));
                                let href = if day == today() { "/today".to_string() } else { format!("/today?date={day}") };
                                view! {
                                    <tr>
                                        <td><a href=href>{day.to_string()}</a></td>
                                        <td class="num">{summary.map_or("—".to_string(), |s| s.totals.total_text())}</td>
                                        <td class="num">{summary.and_then(|s| s.share_percent()).map_or("—".to_string(), |p| format!("{p} %"))}</td>
                                        <td><crate::components::meals::CopyDayButton from=day onto=date/></td>
                                    </tr>
                                }
                            }).collect::<Vec<_>>()
                        }
                    }}
                </tbody>
            </table>
        </section>
    }
}
