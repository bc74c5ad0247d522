//! `/foods`: search and browse all SR28 foods, ranked by magnesium.
//!
//! The query, group and sort live in the URL, so reload, history and shared
//! links keep them; the list renders a page of rows at a time.

use leptos::prelude::*;

use crate::browser::{after_next_paint, timed};
use crate::components::food_row::FoodRow;
use crate::components::start::InTurn;
use crate::components::top_sources::TopSources;
use crate::domain::search::SortBy;
use crate::food_data::use_foods;
use crate::router::{NavigateOptions, use_navigate, use_query_map};
use crate::store::use_store;

/// Rows added to the DOM per page; thousands of rows would make a phone stutter.
const PAGE: usize = 50;

/// Rows built per animation frame. A new result paints its first screenful
/// at once and the rest of the page follows a batch per frame, so a
/// keystroke never waits for rows below the fold. A phone shows about seven
/// rows under the search box, so a batch is a little over a screenful: a
/// bigger one delays the last key's paint, which `make bench` reports
/// ("result painted after the last key", with and without a CPU slowdown).
const ROWS_PER_FRAME: usize = 8;

fn sort_param(sort: SortBy) -> &'static str {
    match sort {
        SortBy::Relevance => "best",
        SortBy::MgPerPortion => "portion",
        SortBy::MgPer100g => "100g",
        SortBy::MgPer100kcal => "kcal",
    }
}

fn parse_sort(value: &str) -> SortBy {
    // Links from before portions said "serving" for the same order.
    if value == "serving" {
        return SortBy::MgPerPortion;
    }
    SortBy::ALL
        .into_iter()
        .find(|s| sort_param(*s) == value)
        .unwrap_or(SortBy::Relevance)
}

/// Builds `/foods?…` from the parts that are set.
pub fn foods_url(q: &str, group: Option<u16>, sort: SortBy, top: bool) -> String {
    let mut parts = Vec::new();
    if top {
        parts.push("view=top".to_string());
    }
    if !q.is_empty() {
        parts.push(format!(
            "q={}",
            String::from(js_sys::encode_uri_component(q))
        ));
    }
    if let Some(code) = group {
        parts.push(format!("group={code:04}"));
    }
    if sort != SortBy::Relevance {
        parts.push(format!("sort={}", sort_param(sort)));
    }
    if parts.is_empty() {
        "/foods".into()
    } else {
        format!("/foods?{}", parts.join("&"))
    }
}

#[component]
pub fn FoodsPage() -> impl IntoView {
    crate::components::set_title("Foods");
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let group_code = Memo::new(move |_| {
        query
            .read()
            .get("group")
            .and_then(|g| g.parse::<u16>().ok())
    });
    let sort = Memo::new(move |_| parse_sort(&query.read().get("sort").unwrap_or_default()));
    let top = Memo::new(move |_| query.read().get("view").as_deref() == Some("top"));
    let navigate = use_navigate();
    let go = move |q: &str, group: Option<u16>, sort: SortBy, top: bool, replace: bool| {
        navigate(
            &foods_url(q, group, sort, top),
            NavigateOptions {
                replace,
                scroll: false,
            },
        );
    };

    view! {
        <section data-testid="page-foods">
            <h1>"Foods"</h1>
            <div class="row no-print" role="tablist" aria-label="Food views">
                <a href="/foods" class="button" role="tab" aria-selected=move || (!top.get()).to_string()>"Search"</a>
                <a href="/foods?view=top" class="button" role="tab" aria-selected=move || top.get().to_string()>"Top sources"</a>
            </div>
            // Built in turns while the app starts (see `InTurn`).
            <InTurn>
            <Show when=move || top.get() fallback=move || {
                let go = go.clone();
                view! { <Search q=q group_code=group_code sort=sort go=go/> }
            }>
                <TopSources/>
            </Show>
            </InTurn>
        </section>
    }
}

#[component]
fn Search<F>(
    q: Memo<String>,
    group_code: Memo<Option<u16>>,
    sort: Memo<SortBy>,
    go: F,
) -> impl IntoView
where
    F: Fn(&str, Option<u16>, SortBy, bool, bool) + Clone + Send + Sync + 'static,
{
    let foods = use_foods();
    let store = use_store();
    // Pages shown beyond the first, for the question they were asked for:
    // a new question starts again from the top of the list.
    let question = Memo::new(move |_| (q.get(), group_code.get(), sort.get()));
    let more_pages = RwSignal::new(None::<((String, Option<u16>, SortBy), usize)>);
    let shown = Memo::new(move |_| {
        let extra = more_pages.with(|m| {
            m.as_ref()
                .filter(|(asked, _)| question.with(|now| now == asked))
                .map_or(0, |(_, extra)| *extra)
        });
        PAGE * (1 + extra)
    });
    let show_more = move || {
        let extra = shown.get_untracked() / PAGE;
        more_pages.set(Some((question.get_untracked(), extra)));
    };
    let target = store.target_mg();
    // How many of the `shown` rows are in the DOM so far. Each batch is
    // built after the previous frame has painted.
    let rendered = RwSignal::new(ROWS_PER_FRAME);
    Effect::new(move |_| {
        if rendered.get() < shown.get() {
            after_next_paint(move || {
                rendered.try_update(|r| *r += ROWS_PER_FRAME);
            });
        }
    });

    // The index as far as it is built: `None` until the list can be shown.
    let index = Memo::new(move |_| {
        foods
            .get()
            .and_then(Result::ok)
            .and_then(|foods| foods.index())
    });
    let searchable = move || index.with(|i| i.as_ref().is_some_and(|i| i.is_searchable()));
    // A query typed before its words are indexed waits for them (a moment
    // after the list appears) instead of finding nothing.
    let waiting_for_words =
        move || index.with(|i| i.as_ref().is_some_and(|i| q.with(|q| !i.answers(q))));
    let results = Memo::new(move |_| {
        let Some(Ok(foods)) = foods.get() else {
            return None;
        };
        let index = index.get()?;
        let (q, sort) = (q.get(), sort.get());
        if !index.answers(&q) {
            return None;
        }
        let group = group_code
            .get()
            .and_then(|code| foods.db.group_by_code(code));
        // The benchmark reads this measure as the search latency.
        Some(timed("mgt-search", || index.search(&q, group, sort)))
    });

    // A new question paints its first rows before building the rest.
    let go = move |q: &str, group: Option<u16>, sort: SortBy, top: bool, replace: bool| {
        rendered.set(ROWS_PER_FRAME);
        go(q, group, sort, top, replace);
    };
    let go_input = go.clone();
    let go_group = go.clone();
    let go_sort = go;
    view! {
        <div class="card stack no-print">
            <div class="field">
                <label for="food-search">"Search foods"</label>
                <input id="food-search" type="search" placeholder="e.g. pumpkin seeds, spinach, almonds"
                    autocomplete="off" autocapitalize="none" enterkeyhint="search"
                    prop:value=move || q.get() data-searchable=move || searchable().to_string()
                    on:input=move |ev| go_input(&event_target_value(&ev), group_code.get_untracked(), sort.get_untracked(), false, true)/>
            </div>
            <InTurn>
            <div class="row">
                <div class="field grow">
                    <label for="food-group">"Food group"</label>
                    <select id="food-group" on:change=move |ev| {
                        let code = event_target_value(&ev).parse::<u16>().ok();
                        go_group(&q.get_untracked(), code, sort.get_untracked(), false, false);
                    }>
                        <option value="" selected=move || group_code.get().is_none()>"All groups"</option>
                        {move || foods.get().and_then(Result::ok).map(|foods| {
                            let mut groups: Vec<(u16, String)> = foods.db.groups().iter().map(|g| (g.code, g.name.clone())).collect();
                            crate::domain::sorting::sort_by(&mut groups, |a, b| a.1.cmp(&b.1));
                            groups.into_iter().map(|(code, name)| view! {
                                <option value=code.to_string() selected=move || group_code.get() == Some(code)>{name}</option>
                            }).collect_view()
                        })}
                    </select>
                </div>
                <div class="field grow">
                    <label for="food-sort">"Sort by"</label>
                    <select id="food-sort" on:change=move |ev| {
                        go_sort(&q.get_untracked(), group_code.get_untracked(), parse_sort(&event_target_value(&ev)), false, false);
                    }>
                        {SortBy::ALL.into_iter().map(|s| view! {
                            <option value=sort_param(s) selected=move || sort.get() == s>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="muted small" data-testid="sort-note">{move || sort_note(sort.get())}</p>
            </InTurn>
        </div>
        <InTurn>
        {move || match foods.get() {
            Some(Err(e)) => view! { <p class="banner error" role="alert">{e}</p> }.into_any(),
            _ if index.with(Option::is_none) => view! { <p role="status" data-testid="foods-loading">"Loading 8,789 foods…"</p> }.into_any(),
            _ if waiting_for_words() => view! { <p role="status" data-testid="foods-loading">"Preparing search…"</p> }.into_any(),
            _ => ().into_any(),
        }}
        <Show when=move || results.with(Option::is_some)>
            // `elementtiming` lets the benchmark read when the browser painted
            // the list (Element Timing); the macro has no name for it.
            {view! { <p class="muted" role="status" data-testid="result-count">{move || {
                let n = results.with(|r| r.as_ref().map_or(0, Vec::len));
                match n { 0 => "No food matches.".to_string(), 1 => "1 food".to_string(), n => format!("{} foods", group_thousands(n)) }
            }}</p> }.attr("elementtiming", "result-count")}
            // `data-building` stays "true" until every row of the page is
            // built, so a test can wait for the batches to end.
            <ul class="list card" data-testid="food-results" aria-label="Foods"
                data-building=move || (rendered.get() < shown.get()).to_string()>
                // Keyed rows: a food that stays in the list while the person
                // types keeps its row, so a keystroke builds only the rows
                // that are new instead of rewriting every row in place.
                <For
                    each=move || {
                        let (sort, target) = (sort.get(), target.get().map(f64::to_bits));
                        let rows = shown.get().min(rendered.get());
                        results.with(|r| r.as_ref().map(|r| r.iter().take(rows).map(|&i| (i, sort, target)).collect::<Vec<_>>()).unwrap_or_default())
                    }
                    key=|row| *row
                    children=move |(index, sort, target)| {
                        let Some(Ok(foods)) = foods.get_untracked() else { return ().into_any() };
                        view! { <li><FoodRow foods=foods index=index target=target.map(f64::from_bits) sort=sort/></li> }.into_any()
                    }
                />
            </ul>
            <Show when=move || results.with(|r| r.as_ref().is_some_and(|r| r.len() > shown.get()))>
                <button class="no-print" on:click=move |_| show_more()>
                    {move || {
                        let left = results.with(|r| r.as_ref().map_or(0, |r| r.len())).saturating_sub(shown.get());
                        format!("Show {} more", left.min(PAGE))
                    }}
                </button>
            </Show>
        </Show>
        </InTurn>
    }
}

/// One line under the sort menu saying what the amounts mean.
fn sort_note(sort: SortBy) -> &'static str {
    match sort {
        SortBy::Relevance | SortBy::MgPerPortion => {
            "A portion is the amount people usually eat at one time (the US FDA's reference amounts), as the nearest household measure."
        }
        SortBy::MgPer100g => {
            "Magnesium in 100 g of the food as sold or prepared; the share is of that amount."
        }
        SortBy::MgPer100kcal => {
            "Magnesium for the energy a food gives; foods under 5 kcal a portion (water, coffee, tea) come after the rest."
        }
    }
}

/// 8789 → "8,789".
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
