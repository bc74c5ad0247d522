//! `/list`: the shopping list, checked off in the shop, shared as text and
//! a link and printed, and "Fill my week", a basket that closes the last
//! seven days' gap. Opened from a shared link (`/list?add=…`), it offers the
//! link's items and adds them only when asked.

use leptos::prelude::*;

use crate::browser::{ShareOutcome, copy_text, share_or_copy};
use crate::components::Deferred;
use crate::domain::mg::format_mg;
use crate::domain::shop::link::{self, Import, parse_link};
use crate::domain::shop::list::{Added, ListOrder, Removed, TextError};
use crate::domain::shop::list::{NewFood, short_name};
use crate::domain::shop::week::{self, Basket, DEFAULT_PER_GROUP, MAX_ITEMS, MAX_PORTIONS};
use crate::food_data::use_foods;
use crate::router::{NavigateOptions, use_location, use_navigate};
use crate::store::{today, use_store};

/// What the Undo button puts back.
#[derive(Clone, Debug)]
enum Undo {
    Check { id: u64, was: bool },
    Removed(Removed),
    Added(Vec<Added>),
}

/// The last change, its sentence and how to undo it; shared by the rows.
#[derive(Clone, Copy)]
struct LastChange {
    undo: RwSignal<Option<Undo>>,
    message: RwSignal<String>,
}

#[component]
pub fn ListPage() -> impl IntoView {
    crate::components::set_title("Shopping list");
    let store = use_store();
    let last = LastChange {
        undo: RwSignal::new(None),
        message: RwSignal::new(String::new()),
    };
    provide_context(last);
    let empty = Memo::new(move |_| store.shopping_list.with(|l| l.is_empty()));
    let order = Memo::new(move |_| store.shopping_list.with(|l| l.order()));
    let checked = Memo::new(move |_| store.shopping_list.with(|l| l.checked_count()));
    let total = Memo::new(move |_| store.shopping_list.with(|l| l.total().text()));
    // The rows by group (or one unnamed group in the person's order). Only
    // ids and names: checking an item leaves this value as it was, so only
    // that item's row re-renders.
    let groups = Memo::new(move |_| {
        store.shopping_list.with(|l| match l.order() {
            ListOrder::Mine => vec![(None, l.items().iter().map(|i| i.id).collect::<Vec<_>>())],
            ListOrder::ByGroup => l
                .grouped()
                .into_iter()
                .map(|g| {
                    (
                        Some(g.name.to_string()),
                        g.items.iter().map(|i| i.id).collect(),
                    )
                })
                .collect(),
        })
    });

    let undo = move |_| {
        let Some(change) = last.undo.get_untracked() else {
            return;
        };
        let done = match change {
            Undo::Check { id, was } => store.update_list(|l| l.set_checked(id, was)).is_some(),
            Undo::Removed(removed) => store.update_list(|l| l.restore(removed)).is_some(),
            Undo::Added(added) => store
                .update_list(|l| added.into_iter().rev().for_each(|a| l.undo_add(a)))
                .is_some(),
        };
        if done {
            last.undo.set(None);
            last.message.set("Undone.".into());
        }
    };
    let clear = move |_| {
        if let Some(removed) = store.update_list(|l| l.clear_checked()) {
            let n = removed.items.len();
            last.message.set(match n {
                1 => "Cleared 1 checked item.".into(),
                n => format!("Cleared {n} checked items."),
            });
            last.undo.set(Some(Undo::Removed(removed)));
        }
    };

    view! {
        <article data-testid="page-list" class="shopping">
            <h1>"Shopping list"</h1>
            <p class="no-print"><a href="/compare">"Compare foods at the shelf"</a>" — magnesium per portion and the cost of 100 mg, side by side."</p>
            <LinkImport/>
            <fieldset class="no-print order-choice">
                <legend>"Order"</legend>
                <div class="row">
                    <label class="check"><input type="radio" name="list-order" prop:checked=move || order.get() == ListOrder::ByGroup
                        on:change=move |_| { store.update_list(|l| l.set_order(ListOrder::ByGroup)); }/>"By food group"</label>
                    <label class="check"><input type="radio" name="list-order" prop:checked=move || order.get() == ListOrder::Mine
                        on:change=move |_| { store.update_list(|l| l.set_order(ListOrder::Mine)); }/>"My order"</label>
                </div>
            </fieldset>
            <Show when=move || empty.get()>
                <p class="card" data-testid="list-empty">
                    "Your list is empty. Add foods with “+ List” on "<a href="/foods">"Foods"</a>
                    " or a food's page, type an item below, or "<a href="#fill-week-heading">"fill your week"</a>"."
                </p>
            </Show>
            <div class="list-groups" data-testid="list-items">
                <For each=move || groups.get() key=|group| group.clone()
                    children=|(name, ids)| view! {
                        {name.map(|name| view! { <h2 class="list-group">{name}</h2> })}
                        <ul class="list shopping-list">
                            {ids.into_iter().map(|id| view! { <ListRow id=id/> }).collect_view()}
                        </ul>
                    }/>
            </div>
            <Show when=move || !empty.get()>
                <p class="num" data-testid="list-total">"Magnesium on the list: "{move || total.get()}</p>
            </Show>
            <div class="row no-print list-actions">
                <button type="button" data-testid="clear-checked" disabled=move || checked.get() == 0 on:click=clear>
                    {move || format!("Clear checked ({})", checked.get())}
                </button>
                <ShareButton/>
                <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
            </div>
            <div class="row no-print list-status">
                <p role="status" class="grow" data-testid="list-status">{move || last.message.get()}</p>
                <Show when=move || last.undo.with(Option::is_some)>
                    <button type="button" data-testid="list-undo" on:click=undo>"Undo"</button>
                </Show>
            </div>
            <AddText/>
            // The basket ranks the food table; built after the list's first
            // paint so opening the page shows the list at once.
            <Deferred><FillWeek/></Deferred>
        </article>
    }
    .into_any()
}

/// One item: a 44 px label holding the checkbox, the name, the amount and
/// its magnesium; the note; moving (in the person's order) and removing.
/// The row is built once; checking it changes only its checkbox and its
/// `data-checked`, so focus stays on the checkbox and nothing else repaints.
#[component]
fn ListRow(id: u64) -> impl IntoView {
    let store = use_store();
    let last = expect_context::<LastChange>();
    let mine = Memo::new(move |_| store.shopping_list.with(|l| l.order() == ListOrder::Mine));
    let Some((name, ndb)) = store
        .shopping_list
        .with_untracked(|l| l.get(id).map(|i| (i.name.clone(), i.ndb)))
    else {
        return ().into_any();
    };
    let short = short_name(&name);
    // Each reads its own field of this item, so a change elsewhere on the
    // list re-runs them without cloning the item or touching the DOM.
    let checked = Memo::new(move |_| {
        store
            .shopping_list
            .with(|l| l.get(id).is_some_and(|i| i.checked))
    });
    let amount = Memo::new(move |_| {
        store.shopping_list.with(|l| {
            let i = l.get(id)?;
            let text = [i.amount_text(), i.mg_text()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            (!text.is_empty()).then_some(text)
        })
    });
    let note = Memo::new(move |_| {
        store
            .shopping_list
            .with(|l| l.get(id).map(|i| i.note.clone()).unwrap_or_default())
    });
    // The note field is built when the person opens it, so a long list
    // does not build an input per row.
    let editing = RwSignal::new(false);
    let note_open = Memo::new(move |_| editing.get() || note.with(|n| !n.is_empty()));
    let note_input = NodeRef::<leptos::html::Input>::new();
    let toggle_name = name.clone();
    let toggle = move |ev: leptos::ev::Event| {
        let now = event_target_checked(&ev);
        if let Some(Some(was)) = store.update_list(|l| l.set_checked(id, now)) {
            last.message.set(format!(
                "{} {toggle_name}.",
                if now { "Checked" } else { "Unchecked" }
            ));
            last.undo.set(Some(Undo::Check { id, was }));
        }
    };
    let remove_name = name.clone();
    let remove = move |_| {
        if let Some(Some(removed)) = store.update_list(|l| l.remove(id)) {
            last.message.set(format!("Removed {remove_name}."));
            last.undo.set(Some(Undo::Removed(removed)));
        }
    };
    let note_error = RwSignal::new(None::<TextError>);
    let note_id = format!("note-error-{id}");
    let note_described = note_id.clone();
    let note_label = format!("Note for {name}");
    let add_note = format!("Add a note to {short}");
    let up = format!("Move {short} up");
    let down = format!("Move {short} down");
    view! {
        <li data-testid="list-item" data-checked=move || checked.get().to_string() data-id=id.to_string()
            data-ndb=ndb.map(|n| crate::domain::food::NdbNo(n).to_string()) class="list-item">
            <label class="list-check">
                <input type="checkbox" aria-label=name.clone() prop:checked=move || checked.get() on:change=toggle/>
                <span class="grow">
                    <span class="name">{name.clone()}</span>
                    {move || amount.get().map(|a| view! { <br/><span class="meta num">{a}</span> })}
                    {move || { let n = note.get(); (!n.is_empty()).then(|| view! { <span class="print-only">" — "{n}</span> }) }}
                </span>
            </label>
            <div class="row no-print list-item-tools">
                {move || if note_open.get() {
                    let described = note_described.clone();
                    view! {
                        <input type="text" class="grow list-note" maxlength="80" placeholder="Note" node_ref=note_input
                            aria-label=note_label.clone() prop:value=move || note.get()
                            aria-describedby=move || note_error.get().map(|_| described.clone())
                            on:change=move |ev| match store.update_list(|l| l.set_note(id, &event_target_value(&ev))) {
                                Some(Err(e)) => note_error.set(Some(e)),
                                _ => note_error.set(None),
                            }/>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="grow small-button" aria-label=add_note.clone() on:click=move |_| {
                            editing.set(true);
                            request_animation_frame(move || {
                                if let Some(input) = note_input.get_untracked() {
                                    let _ = input.focus();
                                }
                            });
                        }>"Add a note"</button>
                    }.into_any()
                }}
                <Show when=move || mine.get()>
                    <button type="button" aria-label=up.clone() on:click=move |_| { store.update_list(|l| l.move_up(id)); }>"↑"</button>
                    <button type="button" aria-label=down.clone() on:click=move |_| { store.update_list(|l| l.move_down(id)); }>"↓"</button>
                </Show>
                <button type="button" class="danger" aria-label=format!("Remove {short}") on:click=remove>"✕"</button>
            </div>
            {move || note_error.get().map(|e| view! { <p class="banner error" id=note_id.clone() role="alert">{e.message()}</p> })}
        </li>
    }
    .into_any()
}

/// Free text: "Gerolsteiner, 6 bottles". An empty or too long entry is
/// refused at the field and nothing is saved.
#[component]
fn AddText() -> impl IntoView {
    let store = use_store();
    let last = expect_context::<LastChange>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<TextError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = text.get_untracked();
        match store.update_list(|l| {
            l.add_text(&typed)
                .map(|id| (id, l.get(id).map(|i| i.name.clone())))
        }) {
            Some(Ok((id, name))) => {
                error.set(None);
                text.set(String::new());
                last.message
                    .set(format!("Added {}.", name.unwrap_or_default()));
                last.undo.set(Some(Undo::Added(vec![Added::New(id)])));
            }
            Some(Err(e)) => error.set(Some(e)),
            None => {}
        }
    };
    view! {
        <form class="card no-print" on:submit=submit data-testid="list-add-text" novalidate>
            <div class="row">
                <div class="field grow">
                    <label for="list-text">"Add an item"</label>
                    <input id="list-text" type="text" maxlength="200" placeholder="Gerolsteiner, 6 bottles"
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby=move || error.get().map(|_| "list-text-error")
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="primary">"Add"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="banner error" id="list-text-error" role="alert" data-testid="list-text-error">{e.message()}</p> })}
        </form>
    }
    .into_any()
}

/// "Share list": the system share sheet where there is one, else the
/// clipboard, with a visible confirmation. An empty list is refused.
#[component]
fn ShareButton() -> impl IntoView {
    let store = use_store();
    let status = RwSignal::new(None::<(bool, &'static str)>);
    let share = move |_| {
        let Some((text, link)) = store
            .shopping_list
            .with_untracked(|l| l.share_text().map(|t| (t, l.link_query())))
        else {
            status.set(Some((false, "The list is empty: nothing to share.")));
            return;
        };
        status.set(None);
        leptos::task::spawn_local(async move {
            let url = link.as_deref().map(absolute_link);
            let shown = match share_or_copy("Shopping list", &text, url.as_deref()).await {
                ShareOutcome::Shared => Some((true, "Shared")),
                ShareOutcome::Copied => Some((true, "Copied to the clipboard")),
                ShareOutcome::Cancelled => None,
                ShareOutcome::Failed => {
                    Some((false, "This browser could neither share nor copy the list."))
                }
            };
            status.set(shown);
        });
    };
    let copy_link = move |_| {
        let Some(link) = store.shopping_list.with_untracked(|l| l.link_query()) else {
            status.set(Some((
                false,
                "Nothing on the list is left to buy: no link to copy.",
            )));
            return;
        };
        status.set(None);
        leptos::task::spawn_local(async move {
            status.set(Some(match copy_text(&absolute_link(&link)).await {
                ShareOutcome::Failed => (false, "This browser could not copy the link."),
                _ => (true, "Link copied"),
            }));
        });
    };
    view! {
        <button type="button" data-testid="share-list" on:click=share>"Share list"</button>
        <button type="button" data-testid="copy-link" on:click=copy_link>"Copy link"</button>
        {move || status.get().map(|(ok, text)| view! {
            <span class=if ok { "share-status" } else { "share-status error" } role="status" data-testid="share-status">{text}</span>
        })}
    }
    .into_any()
}

/// The address that opens this app's list with `query` (`add=…`).
fn absolute_link(query: &str) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/list?{query}")
}

/// The card a shared link (`/list?add=…`) opens: what it would add and
/// each token left out, added only on "Add". Either button takes the query
/// out of the address, so a reload does not offer the link again.
#[component]
fn LinkImport() -> impl IntoView {
    let store = use_store();
    let foods = use_foods();
    let last = expect_context::<LastChange>();
    let location = use_location();
    // The raw query: the router's decoded map would turn a comma inside a
    // text item into a separator.
    let link = Memo::new(move |_| location.search.with(|s| parse_link(s)));
    let import = Memo::new(move |_| {
        let (items, mut notes) = link.get()?;
        let Some(Ok(foods)) = foods.get() else {
            return Some(None);
        };
        let mut import = link::resolve(items, &foods.db);
        notes.append(&mut import.notes);
        import.notes = notes;
        Some(Some(import))
    });
    let navigate = use_navigate();
    let close = move || {
        navigate(
            "/list",
            NavigateOptions {
                replace: true,
                scroll: false,
            },
        )
    };
    let add = {
        let close = close.clone();
        move |_| {
            let Some(Some(Import { items, .. })) = import.get_untracked() else {
                return;
            };
            if let Some(done) = store.update_list(|l| l.add_imported(items)) {
                last.message.set(match done.len() {
                    1 => "Added 1 item from the link.".to_string(),
                    n => format!("Added {n} items from the link."),
                });
                last.undo.set(Some(Undo::Added(done)));
                close();
            }
        }
    };
    let dismiss = move |_| close();
    move || {
        let loaded = import.get()?;
        let body = match (&loaded, foods.get()) {
            (None, Some(Err(e))) => {
                view! { <p class="banner error" role="alert">{e}</p> }.into_any()
            }
            (None, _) => view! { <p role="status">"Loading food data…"</p> }.into_any(),
            (Some(import), _) => {
                let rows = import.items.iter().map(|item| view! {
                    <li><span class="name">{item.name().to_string()}</span>
                        {item.amount_text().map(|a| view! { <br/><span class="meta num">{a}</span> })}</li>
                }).collect_view();
                let notes = (!import.notes.is_empty()).then(|| view! {
                    <ul class="banner warn" aria-label="Left out of the link" data-testid="list-import-notes">
                        {import.notes.iter().map(|n| view! { <li>{n.to_string()}</li> }).collect_view()}
                    </ul>
                });
                let empty = import.items.is_empty().then(|| view! {
                    <p data-testid="list-import-empty">"Nothing in this link can be added to the list."</p>
                });
                view! { <ul class="list" aria-label="Items in the link">{rows}</ul>{empty}{notes} }
                    .into_any()
            }
        };
        let count = loaded.as_ref().map_or(0, |i| i.items.len());
        let add = add.clone();
        Some(view! {
            <section class="card stack no-print" aria-labelledby="list-import-heading" data-testid="list-import">
                <h2 id="list-import-heading">"Add these to your list?"</h2>
                {body}
                <div class="row">
                    {(count > 0).then(|| view! {
                        <button type="button" class="primary" on:click=add>
                            {if count == 1 { "Add 1 item".to_string() } else { format!("Add {count} items") }}
                        </button>
                    })}
                    <button type="button" on:click=dismiss.clone()>"Dismiss"</button>
                </div>
            </section>
        })
    }
}

/// "Fill my week": the gap sentence and a basket the person edits, then
/// adds to the list.
#[component]
fn FillWeek() -> impl IntoView {
    let store = use_store();
    let foods = use_foods();
    let more_per_group = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    let last = expect_context::<LastChange>();
    let gap = Memo::new(move |_| {
        let target = store.reference().target_mg()?;
        let end = today();
        let days: Vec<_> = (1..=week::WEEK_DAYS as i32)
            .map(|back| store.day(end.add_days(-back)).map(|l| l.totals()))
            .collect();
        Some(week::week_gap(f64::from(target), &days))
    });
    let proposal = Memo::new(move |_| {
        let gap = gap.get()?;
        let Some(Ok(foods)) = foods.get() else {
            return None;
        };
        let (pool, avoided) = store
            .settings
            .with(|s| week::person_pool(&foods.db, foods.pool_sources(), s));
        let per_group = if more_per_group.get() {
            MAX_ITEMS
        } else {
            DEFAULT_PER_GROUP
        };
        Some(week::fill_week(
            gap.shortfall_mg,
            &pool,
            &avoided,
            per_group,
        ))
    });
    // The person's edits, kept with the proposal they were made to: a new
    // proposal (a day logged, a food marked "not for me") starts afresh.
    let edited = RwSignal::new(None::<(Basket, Basket)>);
    let basket = Memo::new(move |_| {
        let proposal = proposal.get()?;
        Some(match edited.get() {
            Some((base, edits)) if base == proposal => edits,
            _ => proposal,
        })
    });
    let edit = move |f: &dyn Fn(&mut Basket)| {
        let (Some(base), Some(mut current)) = (proposal.get_untracked(), basket.get_untracked())
        else {
            return;
        };
        f(&mut current);
        added.set(None);
        edited.set(Some((base, current)));
    };
    let add_all = move |_| {
        let (Some(b), Some(Ok(foods))) = (basket.get_untracked(), foods.get_untracked()) else {
            return;
        };
        let news: Vec<NewFood> = b
            .items
            .iter()
            .filter_map(|i| {
                NewFood::portions(
                    &foods.db,
                    i.candidate.index,
                    std::num::NonZeroU32::new(i.portions)?,
                )
            })
            .collect();
        let n = news.len();
        if let Some(done) =
            store.update_list(|l| news.into_iter().map(|f| l.add(f)).collect::<Vec<_>>())
        {
            let text = match n {
                1 => "Added 1 food to the list.".to_string(),
                n => format!("Added {n} foods to the list."),
            };
            added.set(Some(text.clone()));
            last.message.set(text);
            last.undo.set(Some(Undo::Added(done)));
        }
    };

    view! {
        <section class="card stack no-print" aria-labelledby="fill-week-heading" data-testid="fill-week">
            <h2 id="fill-week-heading">"Fill my week"</h2>
            {move || match gap.get() {
                None => view! { <p>"Your reference set publishes no target for your profile, so there is no gap to fill. Choose another in "<a href="/settings">"Settings"</a>"."</p> }.into_any(),
                Some(g) => view! { <p data-testid="week-gap">{g.sentence()}</p> }.into_any(),
            }}
            <label class="check"><input type="checkbox" prop:checked=move || more_per_group.get()
                on:change=move |ev| more_per_group.set(event_target_checked(&ev))/>"More than two per food group"</label>
            {move || {
                let b = basket.get()?;
                let Some(Ok(foods)) = foods.get() else {
                    return Some(view! { <p role="status">"Loading foods…"</p> }.into_any());
                };
                if b.nothing_needed() {
                    return None;
                }
                if b.items.is_empty() {
                    return Some(view! { <p>"No food in Top sources has magnesium data to propose."</p> }.into_any());
                }
                let rows = b.items.iter().enumerate().map(|(at, item)| {
                    let food = foods.db.food(item.candidate.index).cloned()?;
                    let name = food.description.clone();
                    let portions_label = format!("Portions of {}", short_name(&name));
                    let subs = item.substitutes.iter().enumerate().filter_map(|(s, sub)| {
                        let sub_name = foods.db.food(sub.index)?.description.clone();
                        Some(view! {
                            <button type="button" class="small-button" data-testid="swap" on:click=move |_| edit(&|b| { b.swap(at, s); })>
                                {format!("Swap for {}", short_name(&sub_name))}
                            </button>
                        })
                    }).collect_view();
                    Some(view! {
                        <li data-testid="basket-item" data-ndb=food.ndb_string() class="basket-item">
                            <div class="row">
                                <span class="grow"><a href=format!("/foods/{}", food.ndb_string()) class="name">{name.clone()}</a><br/>
                                    <span class="meta">{format!("× {}", food.portion_label())}</span></span>
                                <span class="num nowrap amount"><strong data-testid="basket-mg">{format_mg(item.mg)}</strong><br/>
                                    <span class="meta">{format!("{:.0} % of the gap", item.share_of_gap * 100.0)}</span></span>
                            </div>
                            <div class="row">
                                <label class="check">
                                    <input type="number" min="1" max=MAX_PORTIONS.to_string() step="1" inputmode="numeric" class="portions"
                                        aria-label=portions_label prop:value=item.portions.to_string()
                                        on:change=move |ev| {
                                            if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                                edit(&|b| { b.set_portions(at, n); });
                                            }
                                        }/>
                                    " portions"
                                </label>
                                {subs}
                                <button type="button" class="danger" aria-label=format!("Remove {} from the basket", short_name(&name))
                                    on:click=move |_| edit(&|b| { b.remove(at); })>"✕"</button>
                            </div>
                        </li>
                    })
                }).collect_view();
                Some(view! {
                    <ul class="list basket">{rows}</ul>
                    <p class="num" data-testid="basket-total"><strong>{b.total_text()}</strong></p>
                    <div class="row">
                        <button type="button" class="primary" data-testid="basket-add" on:click=add_all>"Add to the list"</button>
                        <span role="status" data-testid="basket-added">{move || added.get()}</span>
                    </div>
                }.into_any())
            }}
        </section>
    }
    .into_any()
}
