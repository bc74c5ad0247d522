//! `/compare?items=12061,11457,c3`: two to four foods or saved items side
//! by side, with package prices for the cost of 100 mg of magnesium. The
//! address holds the columns, so a comparison survives a reload and can be
//! shared; prices are remembered per item in the store.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::format_money;
use crate::components::label_entry::LabelEntry;
use crate::domain::shop::compare::{
    Best, Cell, Column, Compared, MAX_COMPARED, Row, Selection, adding, compare_path,
    distinct_short_names, parse_selection, removing,
};
use crate::domain::shop::price::{PackagePrice, PriceErrors};
use crate::food_data::{Foods, use_foods};
use crate::router::{NavigateOptions, use_navigate, use_query_map};
use crate::store::use_store;

thread_local! {
    /// The last comparison shown in this session, so a food page's
    /// "Compare" adds its food to it. Kept in memory only: the address is
    /// what makes a comparison last, and a reload starts from it.
    static LAST_COMPARED: RefCell<Vec<Compared>> = const { RefCell::new(Vec::new()) };
}

/// The address that adds `item` to the last comparison of this session.
pub fn compare_with_last(item: Compared) -> String {
    LAST_COMPARED.with(|last| compare_path(&adding(&last.borrow(), item)))
}

#[component]
pub fn ComparePage() -> impl IntoView {
    crate::components::set_title("Compare foods");
    let foods = use_foods();
    let query = use_query_map();
    let raw = Memo::new(move |_| query.read().get("items").unwrap_or_default());
    view! {
        <article class="stack" data-testid="page-compare">
            <h1>"Compare foods"</h1>
            {move || match foods.get() {
                None => view! { <p role="status">"Loading food data…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="banner error" role="alert">{e}</p> }.into_any(),
                Some(Ok(foods)) => view! { <Comparison foods=foods raw=raw/> }.into_any(),
            }}
        </article>
    }
}

#[component]
fn Comparison(foods: Arc<Foods>, raw: Memo<String>) -> impl IntoView {
    let store = use_store();
    let navigate = use_navigate();
    let set_items = Callback::new(move |items: Vec<Compared>| {
        navigate(
            &compare_path(&items),
            NavigateOptions {
                replace: true,
                scroll: false,
            },
        );
    });
    let db = Arc::clone(&foods);
    let selection = Memo::new(move |_| {
        store.custom_items.with(|items| {
            raw.with(|r| {
                parse_selection(r, |c| match c {
                    Compared::Food(ndb) => db.db.by_ndb(ndb).is_some(),
                    Compared::Custom(id) => items.iter().any(|i| i.id == id),
                })
            })
        })
    });
    Effect::new(move |_| {
        let items = selection.with(|s| s.items.clone());
        LAST_COMPARED.with(|last| *last.borrow_mut() = items);
    });
    let db = Arc::clone(&foods);
    let columns = Memo::new(move |_| {
        let mut columns: Vec<Column> = store.custom_items.with(|customs| {
            selection.with(|s| {
                s.items
                    .iter()
                    .filter_map(|item| match *item {
                        Compared::Food(ndb) => db.db.by_ndb(ndb).map(|(_, f)| Column::of_food(f)),
                        Compared::Custom(id) => {
                            customs.iter().find(|i| i.id == id).map(Column::of_custom)
                        }
                    })
                    .collect()
            })
        });
        distinct_short_names(&mut columns);
        columns
    });
    let add_label_item = move |id: u64| {
        set_items.run(selection.with_untracked(|s| adding(&s.items, Compared::Custom(id))));
    };
    view! {
        {move || selection.with(|s| (!s.notes.is_empty()).then(|| view! {
            <ul class="banner warn" data-testid="compare-notes">
                {s.notes.iter().map(|n| view! { <li>{n.to_string()}</li> }).collect_view()}
            </ul>
        }))}
        {move || (columns.with(Vec::len) < 2).then(|| view! {
            <p data-testid="compare-empty">"Pick two to four foods to compare."</p>
        })}
        {move || {
            let columns = columns.get();
            (!columns.is_empty()).then(|| view! { <CompareTable columns=columns selection=selection set_items=set_items/> })
        }}
        <Picker foods=foods selection=selection set_items=set_items/>
        <section class="card stack" aria-labelledby="compare-label-heading">
            <h2 id="compare-label-heading">"Add from a nutrition label"</h2>
            <p class="small muted">"A packaged product is saved as one of your items: it joins this comparison and can be logged on Today."</p>
            <LabelEntry prefix="compare-label" on_saved=add_label_item/>
        </section>
    }
}

/// The typed price form of one column.
#[derive(Clone, Copy)]
struct PriceDraft {
    item: Compared,
    price: RwSignal<String>,
    grams: RwSignal<String>,
    errors: RwSignal<PriceErrors>,
}

impl PriceDraft {
    fn new(item: Compared, saved: Option<PackagePrice>) -> PriceDraft {
        let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        PriceDraft {
            item,
            price: RwSignal::new(text(saved.map(|p| p.price.get()))),
            grams: RwSignal::new(text(saved.map(|p| p.grams.get()))),
            errors: RwSignal::new(PriceErrors::default()),
        }
    }
}

/// Each row's test id, for the end-to-end specs.
fn row_testid(row: Row) -> &'static str {
    match row {
        Row::MgPerPortion => "compare-per-portion",
        Row::MgPer100g => "compare-per-100g",
        Row::MgPer100kcal => "compare-per-100kcal",
        Row::CalciumMagnesium => "compare-ca-mg",
        Row::CaffeinePerPortion => "compare-caffeine",
        Row::FibrePerPortion => "compare-fibre",
        Row::MgPerPackage => "mg-per-package",
        Row::CostPer100mg => "cost-100mg",
    }
}

#[component]
fn CompareTable(
    columns: Vec<Column>,
    selection: Memo<Selection>,
    set_items: Callback<Vec<Compared>>,
) -> impl IntoView {
    let store = use_store();
    let drafts: Vec<PriceDraft> = columns
        .iter()
        .map(|c| PriceDraft::new(c.item, store.prices.with_untracked(|b| b.get(c.item))))
        .collect();
    let message = RwSignal::new(None::<String>);
    let columns = Arc::new(columns);
    let head = columns.iter().map(|c| {
        let item = c.item;
        let remove = move |_| set_items.run(selection.with_untracked(|s| removing(&s.items, item)));
        let name = view! {
            <span aria-hidden="true">{c.short_name.clone()}</span>
            <span class="visually-hidden">{c.name.clone()}</span>
        };
        // A food's head links to its page, with every household measure.
        let name = match item {
            Compared::Food(ndb) => view! { <a href=format!("/foods/{ndb}")>{name}</a> }.into_any(),
            Compared::Custom(_) => name.into_any(),
        };
        view! {
            <th scope="col" title=c.name.clone() data-testid="compare-head">
                {name}
                <br/>
                <button class="link small no-print" aria-label=format!("Remove {}", c.name) on:click=remove>"Remove"</button>
            </th>
        }
    }).collect_view();
    let nutrition = Row::NUTRITION
        .into_iter()
        .map(|row| {
            let cells: Vec<Cell> = columns.iter().map(|c| c.cell(row, None)).collect();
            let best = row.best_cells(&cells);
            view! {
                <tr>
                    <th scope="row">{row.label()}</th>
                    {columns.iter().zip(cells).zip(best).map(|((c, cell), best)| {
                        let note = (row == Row::MgPerPortion).then(|| format!("per {}", c.portion));
                        view! { <CellView row=row cell=cell best=best note=note/> }
                    }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let inputs = |label: &'static str,
                  field: fn(&PriceDraft) -> RwSignal<String>,
                  error: fn(&PriceErrors) -> Option<String>| {
        let cells = columns.iter().zip(drafts.iter().copied()).map(|(c, d)| {
            let value = field(&d);
            let key = format!("{}-{}", if label == "Package price" { "price" } else { "weight" }, c.item);
            let error_id = format!("{key}-error");
            let described = error_id.clone();
            let has_error = move || d.errors.with(|e| error(e).is_some());
            let name = if label == "Package price" {
                format!("Price of {}", c.short_name)
            } else {
                format!("Package weight of {} (g)", c.short_name)
            };
            view! {
                <td>
                    <label class="visually-hidden" for=key.clone()>{name}</label>
                    <input id=key type="text" inputmode="decimal" autocomplete="off" class="num" maxlength="12"
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=move || has_error().then(|| described.clone())
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    {move || d.errors.with(error).map(|e| view! { <span class="field-error" id=error_id.clone()>{e}</span> })}
                </td>
            }
        }).collect_view();
        view! { <tr><th scope="row">{label}</th>{cells}</tr> }
    };
    let price_row = inputs("Package price", |d| d.price, |e| e.price.clone());
    let weight_row = inputs("Package weight (g)", |d| d.grams, |e| e.grams.clone());
    let value_rows = {
        let columns = Arc::clone(&columns);
        move || {
            store.prices.with(|book| {
                Row::VALUE.into_iter().map(|row| {
                    let cells: Vec<Cell> = columns.iter().map(|c| c.cell(row, book.get(c.item))).collect();
                    let best = row.best_cells(&cells);
                    view! {
                        <tr>
                            <th scope="row">{row.label()}</th>
                            {cells.into_iter().zip(best).map(|(cell, best)| view! { <CellView row=row cell=cell best=best/> }).collect_view()}
                        </tr>
                    }
                }).collect_view()
            })
        }
    };
    let names: Vec<String> = columns.iter().map(|c| c.short_name.clone()).collect();
    let save = move |_| {
        let mut saved = Vec::new();
        let mut failed = false;
        for (d, name) in drafts.iter().zip(&names) {
            let parsed = d
                .price
                .with_untracked(|p| d.grams.with_untracked(|g| PackagePrice::parse(p, g)));
            match parsed {
                Ok(price) => {
                    d.errors.set(PriceErrors::default());
                    if store.prices.with_untracked(|b| b.get(d.item)) != price {
                        if !store.update_prices(|b| b.set(d.item, price)) {
                            failed = true;
                        }
                        saved.push(name.clone());
                    }
                }
                Err(e) => d.errors.set(e),
            }
        }
        let bad = drafts
            .iter()
            .any(|d| d.errors.with_untracked(|e| *e != PriceErrors::default()));
        message.set(Some(match (failed, saved.is_empty(), bad) {
            (true, _, _) => "Not saved: see the message at the top of the page.".to_string(),
            (false, true, true) => "Nothing saved: check the marked fields.".to_string(),
            (false, true, false) => "No prices changed.".to_string(),
            (false, false, bad) => format!(
                "{}{}",
                match saved.as_slice() {
                    [one] => format!("Saved the price of {one}."),
                    many => format!("Saved {} prices.", many.len()),
                },
                if bad { " Check the marked fields." } else { "" }
            ),
        }));
    };
    view! {
        <div class="card compare-wrap" tabindex="0" role="region" aria-label="Comparison" data-testid="compare-wrap">
            <table data-testid="compare-table" class="compare">
                <thead><tr><td></td>{head}</tr></thead>
                <tbody>
                    {nutrition}
                    <tr><th scope="row" colspan="1" class="section">"Value for money"</th>{columns.iter().map(|_| view! { <td></td> }).collect_view()}</tr>
                    {price_row}
                    {weight_row}
                    {value_rows}
                </tbody>
            </table>
        </div>
        <div class="row">
            <button on:click=save>"Save prices"</button>
            {move || message.get().map(|m| view! { <p role="status" data-testid="price-message">{m}</p> })}
        </div>
    }
}

/// One value of the table, in bold with a word for screen readers when it
/// is the row's best.
#[component]
fn CellView(
    row: Row,
    cell: Cell,
    best: bool,
    #[prop(optional_no_strip)] note: Option<String>,
) -> impl IntoView {
    let testid = row_testid(row);
    // The weight in parentheses ("(28 g)") keeps to one line, so a number is
    // never cut from its unit in a narrow column.
    let note = note.map(|n| {
        let (words, grams) = match n.rfind(" (") {
            Some(i) => (n[..=i].to_string(), Some(n[i + 1..].to_string())),
            None => (n, None),
        };
        view! { <br/><span class="small muted portion">{words}{grams.map(|g| view! { <span class="nowrap">{g}</span> })}</span> }
    });
    match cell {
        Cell::Value(v) => {
            let text = if row == Row::CostPer100mg {
                format_money(v)
            } else {
                row.value_text(v)
            };
            let word = match row.best() {
                Some(Best::Lowest) => " (cheapest)",
                _ => " (most)",
            };
            if best {
                view! { <td class="num" data-testid=testid><strong>{text}</strong><span class="visually-hidden">{word}</span>{note}</td> }.into_any()
            } else {
                view! { <td class="num" data-testid=testid>{text}{note}</td> }.into_any()
            }
        }
        missing => {
            view! { <td class="num missing" data-testid=testid>{missing.missing_text()}{note}</td> }
                .into_any()
        }
    }
}

/// Adds foods from a search and the person's saved items.
#[component]
fn Picker(
    foods: Arc<Foods>,
    selection: Memo<Selection>,
    set_items: Callback<Vec<Compared>>,
) -> impl IntoView {
    let store = use_store();
    let text = RwSignal::new(String::new());
    let search = Arc::clone(&foods);
    let results = Memo::new(move |_| text.with(|q| search.quick_matches(q, 8)));
    let full = move || selection.with(|s| s.items.len() >= MAX_COMPARED);
    let add = move |item: Compared| {
        set_items.run(selection.with_untracked(|s| adding(&s.items, item)));
        text.set(String::new());
    };
    let waiting = {
        let foods = Arc::clone(&foods);
        move || !text.with(|t| t.trim().is_empty()) && foods.searchable_index().is_none()
    };
    view! {
        <section class="card stack" aria-labelledby="compare-add-heading">
            <h2 id="compare-add-heading">"Add to the comparison"</h2>
            <Show when=move || !full() fallback=|| view! {
                <p class="small muted" data-testid="compare-full">{format!("{MAX_COMPARED} are compared: remove one to add another.")}</p>
            }>
                <div class="field">
                    <label for="compare-search">"Add a food to compare"</label>
                    <input id="compare-search" type="search" autocomplete="off" placeholder="e.g. almonds"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                </div>
            </Show>
            {move || waiting().then(|| view! { <p class="small muted" role="status" data-testid="compare-search-waiting">"Preparing search…"</p> })}
            <ul class="list" data-testid="compare-results" aria-label="Matching foods">
                {move || {
                    if full() {
                        return Vec::new();
                    }
                    results.get().into_iter().filter_map(|i| foods.db.food(i)).map(|f| {
                        let item = Compared::Food(f.ndb);
                        view! { <li><button class="link" on:click=move |_| add(item)>{format!("Compare {}", f.description)}</button></li> }
                    }).collect::<Vec<_>>()
                }}
            </ul>
            {move || {
                let chosen = selection.with(|s| s.items.clone());
                let items: Vec<(Compared, String)> = store.custom_items.with(|list| list.iter()
                    .map(|i| (Compared::Custom(i.id), i.name.clone()))
                    .filter(|(c, _)| !chosen.contains(c))
                    .collect());
                (!items.is_empty() && !full()).then(|| view! {
                    <p class="small muted">"Your saved items"</p>
                    <div class="chips" data-testid="compare-saved-items">
                        {items.into_iter().map(|(item, name)| view! {
                            <button on:click=move |_| add(item)>{format!("Compare {name}")}</button>
                        }).collect_view()}
                    </div>
                })
            }}
        </section>
    }
}
