//! `/diary`: one entry per day (0–10 ratings, a note, tags), that day's
//! magnesium, the symptom list, a month calendar and the recent entries, the
//! history chart, insights, and export and import.
//!
//! `?date=YYYY-MM-DD` picks the day (today by default) and `?symptom=<id>`
//! preselects a symptom on the chart. Every change is saved as it is made;
//! there is no Save button to forget.

use std::time::Duration;

use leptos::prelude::*;

use crate::components::Deferred;
use crate::components::backup::BackupPanel;
use crate::components::calendar::{MonthCalendar, long_date, weekday_date};
use crate::components::chart::{HistoryChart, build, direction, span_label};
use crate::components::start::InTurn;
use crate::domain::chart::{MAX_SERIES, Span};
use crate::domain::date::Date;
use crate::domain::diary::{
    DiaryEntry, DiaryError, MAX_RATING, MAX_SYMPTOM_NAME_CHARS, Rating, Symptom, SymptomId,
    SymptomList, UNDO_WINDOW_MS, Undo, parse_tags, recent_entries,
};
use crate::domain::history::day_rows;
use crate::domain::mg::format_mg;
use crate::domain::stats::{
    CAVEAT_TEXT, Comparison, ComparisonKind, RULE_TEXT, SymptomInsight, insights,
};
use crate::router::{NavigateOptions, use_navigate, use_query_map};
use crate::store::{Store, now_ms, use_store};

/// One-tap tags for the things people most often note next to symptoms.
const QUICK_TAGS: [&str; 6] = [
    "coffee",
    "alcohol",
    "hard workout",
    "period",
    "poor sleep",
    "stress",
];

/// Entries listed under "Recent entries"; older ones are in the calendar.
const RECENT: usize = 10;

type UndoSlot = RwSignal<Option<Undo<DiaryEntry>>>;

#[component]
pub fn DiaryPage() -> impl IntoView {
    crate::components::set_title("Diary");
    let store = use_store();
    let query = use_query_map();
    let date = crate::components::use_date_param(query);
    let symptom_param = Memo::new(move |_| query.read().get("symptom"));
    let undo: UndoSlot = RwSignal::new(None);
    let month = RwSignal::new(date.get_untracked());
    // Choosing another day shows its month; the arrows move freely after that.
    Effect::new(move |_| month.set(date.get()));

    // The chart starts with the symptom from the link, or the first one in
    // the list; the person's later choices are kept while they change days.
    let chosen = RwSignal::new(Vec::<SymptomId>::new());
    Effect::new(move |_| {
        let wanted = symptom_param.get().and_then(|s| SymptomId::new(&s).ok());
        let ids = store.symptoms.with_untracked(|symptoms| {
            match wanted.filter(|id| symptoms.get(id).is_some()) {
                Some(id) => Some(vec![id]),
                // A link without a symptom keeps the current choice.
                None if !chosen.with_untracked(Vec::is_empty) => None,
                None => Some(symptoms.visible().take(1).map(|s| s.id().clone()).collect()),
            }
        });
        if let Some(ids) = ids {
            chosen.set(ids);
        }
    });

    let navigate = use_navigate();
    let on_date = move |ev: leptos::ev::Event| {
        if let Some(d) = Date::parse(&event_target_value(&ev)) {
            navigate(
                &format!("/diary?date={d}"),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };

    view! {
        <section data-testid="page-diary">
            <h1>"Diary"</h1>
            // The top of the page is built in turns while the app starts
            // (see `InTurn`).
            <InTurn>
            <div class="row day-nav no-print">
                <a class="button" href=move || format!("/diary?date={}", date.get().add_days(-1)) aria-label="Previous day">"‹"</a>
                <div class="field grow">
                    <label for="diary-date">"Day"</label>
                    <input id="diary-date" type="date" prop:value=move || date.get().to_string() on:change=on_date/>
                </div>
                <a class="button" href=move || format!("/diary?date={}", date.get().add_days(1)) aria-label="Next day">"›"</a>
            </div>
            <h2 class="day-title" data-testid="diary-day">{move || weekday_date(date.get())}</h2>
            </InTurn>
            <InTurn>
            <UndoBanner undo=undo/>
            <SaveError/>
            </InTurn>
            <InTurn><EntryForm date=date undo=undo/></InTurn>
            <InTurn><DayMagnesium date=date/></InTurn>
            // Each part below the fold builds in a task of its own after the
            // first paint, so no one task has to build them all (issue 19).
            <Deferred><ManageSymptoms/></Deferred>
            <Deferred>
            <h2>"History"</h2>
            <div class="card">
                <MonthCalendar month=month selected=date/>
            </div>
            </Deferred>
            <Deferred><RecentEntries undo=undo/></Deferred>
            <Deferred><ChartSection end=date chosen=chosen/></Deferred>
            <Deferred><Insights/></Deferred>
            <Deferred>
            <BackupPanel/>
            <p class="no-print"><a href="/diary/report">"Printable report for a doctor"</a></p>
            </Deferred>
        </section>
    }
}

/// "Not saved — …" while the last write failed.
#[component]
fn SaveError() -> impl IntoView {
    let store = use_store();
    view! {
        <Show when=move || store.save_error.with(Option::is_some)>
            <p class="banner error" role="alert">{move || format!("Not saved — {}", store.save_error.get().unwrap_or_default())}</p>
        </Show>
    }
}

/// Deletes the entry for `date` and offers an undo for [`UNDO_WINDOW_MS`].
fn delete_entry(store: Store, undo: UndoSlot, date: Date) {
    let Some(entry) = store.delete_diary(date) else {
        return;
    };
    let token = Undo::new(entry, now_ms());
    undo.set(Some(token.clone()));
    set_timeout(
        move || {
            // The page may be gone by now; then there is nothing to hide.
            undo.try_update(|u| {
                if u.as_ref() == Some(&token) {
                    *u = None;
                }
            });
        },
        Duration::from_millis(UNDO_WINDOW_MS),
    );
}

#[component]
fn UndoBanner(undo: UndoSlot) -> impl IntoView {
    let store = use_store();
    let message = RwSignal::new(None::<String>);
    let restore = move |_| {
        let Some(token) = undo.get_untracked() else {
            return;
        };
        undo.set(None);
        let date = token.item().date();
        // An undo never overwrites an entry written since the deletion.
        if untrack(|| store.logged(date).0) {
            message.set(Some(format!(
                "A new entry for {} was written since, so the deleted one was not put back.",
                long_date(date)
            )));
            return;
        }
        match token.take(now_ms()) {
            Ok(mut entry) => {
                entry.touch(now_ms());
                store.put_diary(entry);
                message.set(Some(format!("Restored the entry for {}.", long_date(date))));
            }
            Err(e) => message.set(Some(format!("Could not undo: {e}."))),
        }
    };
    view! {
        <div role="status">
            <Show when=move || undo.with(Option::is_some)>
                <div class="banner" data-testid="undo-banner">
                    <p>{move || undo.with(|u| u.as_ref().map(|u| format!("Deleted the entry for {}.", long_date(u.item().date()))))}</p>
                    <button type="button" on:click=restore data-testid="undo">"Undo"</button>
                </div>
            </Show>
            <Show when=move || undo.with(Option::is_none) && message.with(Option::is_some)>
                <p class="banner">{move || message.get()}</p>
            </Show>
        </div>
    }
}

#[component]
fn EntryForm(#[prop(into)] date: Signal<Date>, undo: UndoSlot) -> impl IntoView {
    let store = use_store();
    let visible = Memo::new(move |_| {
        store
            .symptoms
            .with(|s| s.visible().cloned().collect::<Vec<Symptom>>())
    });
    let entry = Memo::new(move |_| {
        let day = date.get();
        store.diary_entry(day)
    });
    let note = Memo::new(move |_| {
        entry.with(|e| e.as_ref().map(|e| e.note().to_owned()).unwrap_or_default())
    });
    let tags = Memo::new(move |_| {
        entry.with(|e| e.as_ref().map(|e| e.tags().to_vec()).unwrap_or_default())
    });
    let error = RwSignal::new(None::<String>);
    // Runs one change on the day's entry and reports a refused one.
    let edit = move |f: &dyn Fn(&mut DiaryEntry) -> Result<(), DiaryError>| {
        let result = store.update_diary(date.get_untracked(), |e| f(e));
        error.set(result.err().map(|e| format!("Not saved: {e}.")));
    };

    let rating_fields = move |symptom: Symptom| {
        let id = symptom.id().clone();
        let select_id = format!("rate-{id}");
        let hint_id = format!("{select_id}-hint");
        let current = {
            let id = id.clone();
            Memo::new(move |_| {
                entry.with(|e| e.as_ref().and_then(|e| e.rating(&id)).map(Rating::get))
            })
        };
        // Most symptoms share the scale explained above the form; one where
        // a higher rating is better says so right under its own field.
        let better = symptom.higher_is_better();
        let described_by = if better {
            hint_id.clone()
        } else {
            "rating-scale".to_owned()
        };
        view! {
            <div class="field rating-field" data-testid="rating">
                <label for=select_id.clone()>{symptom.name().to_owned()}</label>
                <select id=select_id aria-describedby=described_by on:change=move |ev| {
                    let rating = event_target_value(&ev).parse::<u8>().ok().and_then(|v| Rating::new(v).ok());
                    edit(&|e| {
                        e.set_rating(&id, rating, now_ms());
                        Ok(())
                    });
                }>
                    <option value="" prop:selected=move || current.get().is_none()>"Not rated"</option>
                    {(0..=MAX_RATING).map(|v| view! {
                        <option value=v.to_string() prop:selected=move || current.get() == Some(v)>{v.to_string()}</option>
                    }).collect_view()}
                </select>
                {better.then(|| view! {
                    <span class="hint" id=hint_id>"Higher is better: 0 = very poor, 10 = very good"</span>
                })}
            </div>
        }
    };

    let toggle_tag = move |tag: &'static str| {
        let on = tags.with_untracked(|t| t.iter().any(|x| x == tag));
        edit(&|e| {
            if on {
                e.remove_tag(tag, now_ms());
                Ok(())
            } else {
                e.add_tag(tag, now_ms())
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="entry-heading" data-testid="diary-entry">
            <h2 id="entry-heading" class="visually-hidden">"How you felt"</h2>
            <p class="small muted" id="rating-scale">
                "0 = none, 10 = worst, unless a symptom says otherwise. Rate what you noticed and leave the rest "
                "as “Not rated”, which is not the same as 0. Changes are saved as you make them."
            </p>
            <div class="rating-grid">
                <For each=move || visible.get() key=|s| (s.id().clone(), s.name().to_owned(), s.higher_is_better()) let:symptom>
                    {rating_fields(symptom)}
                </For>
            </div>
            <div class="field">
                <label for="diary-note">"Note"</label>
                <textarea id="diary-note" data-testid="diary-note" prop:value=move || note.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        edit(&|e| e.set_note(&text, now_ms()));
                    }></textarea>
            </div>
            <div class="field">
                <label for="diary-tags">"Tags"</label>
                <input id="diary-tags" type="text" aria-describedby="diary-tags-hint" autocomplete="off"
                    prop:value=move || tags.get().join(", ")
                    on:change=move |ev| {
                        let typed = parse_tags(&event_target_value(&ev));
                        edit(&|e| e.set_tags(&typed, now_ms()));
                    }/>
                <span class="hint" id="diary-tags-hint">"Separate tags with commas, or tap one below."</span>
            </div>
            <div class="chips" role="group" aria-label="Quick tags">
                {QUICK_TAGS.into_iter().map(|tag| view! {
                    <button type="button" aria-pressed=move || tags.with(|t| t.iter().any(|x| x == tag)).to_string()
                        on:click=move |_| toggle_tag(tag)>{tag}</button>
                }).collect_view()}
            </div>
            <Show when=move || error.with(Option::is_some)>
                <p class="banner error" role="alert" data-testid="entry-error">{move || error.get()}</p>
            </Show>
            <Show when=move || entry.with(Option::is_some)>
                <p class="row saved-row">
                    <span class="grow small muted" data-testid="saved">"Saved on this device."</span>
                    <button type="button" class="danger" data-testid="delete-entry"
                        on:click=move |_| delete_entry(store, undo, date.get_untracked())>"Delete this day's entry"</button>
                </p>
            </Show>
        </section>
    }
}

#[component]
fn DayMagnesium(#[prop(into)] date: Signal<Date>) -> impl IntoView {
    let store = use_store();
    let totals = Memo::new(move |_| {
        let day = date.get();
        store.day(day).map(|log| log.totals())
    });
    let target = store.target_mg();
    view! {
        <section class="card" aria-labelledby="day-mg-heading" data-testid="day-magnesium">
            <h2 id="day-mg-heading">"Magnesium that day"</h2>
            {move || match totals.get() {
                Some(t) => view! {
                    <p>
                        <strong data-testid="day-total">{t.total_text()}</strong>
                        {target.get().map(|mg| format!(" of your {mg} mg target"))}
                    </p>
                    <p class="small" data-testid="day-split">
                        {format!("Food {} · supplements {}", format_mg(t.food_mg), format_mg(t.supplement_mg))}
                    </p>
                }.into_any(),
                None => view! { <p class="muted" data-testid="day-total">"No intake logged for this day."</p> }.into_any(),
            }}
            <p class="no-print"><a href=move || format!("/today?date={}", date.get())>"Log intake for this day"</a></p>
        </section>
    }
}

#[component]
fn ManageSymptoms() -> impl IntoView {
    let store = use_store();
    let ids = Memo::new(move |_| {
        store.symptoms.with(|symptoms| {
            symptoms
                .all()
                .iter()
                .map(|s| s.id().clone())
                .collect::<Vec<_>>()
        })
    });
    let error = RwSignal::new(None::<String>);
    // Changes a copy and saves it only when the change is allowed, so a
    // refused name never touches storage.
    let change = move |f: &dyn Fn(&mut SymptomList) -> Result<(), DiaryError>| -> bool {
        let mut list = store.symptoms.get_untracked();
        match f(&mut list) {
            Ok(()) => {
                error.set(None);
                store.update_symptoms(|l| *l = list);
                true
            }
            Err(e) => {
                error.set(Some(format!("{e}.")));
                false
            }
        }
    };
    let new_name = RwSignal::new(String::new());
    let higher_is_better = RwSignal::new(false);
    let add = move |_| {
        let name = new_name.get_untracked();
        let better = higher_is_better.get_untracked();
        if change(&|l| l.add(&name, better, now_ms()).map(|_| ())) {
            new_name.set(String::new());
            higher_is_better.set(false);
        }
    };

    let row = move |id: SymptomId| {
        let symptom = {
            let id = id.clone();
            Memo::new(move |_| store.symptoms.with(|s| s.get(&id).cloned()))
        };
        let name =
            move || symptom.with(|s| s.as_ref().map(|s| s.name().to_owned()).unwrap_or_default());
        let hidden = move || symptom.with(|s| s.as_ref().is_some_and(Symptom::hidden));
        let input_id = format!("symptom-name-{id}");
        let (rename_id, up_id, down_id, hide_id) = (id.clone(), id.clone(), id.clone(), id);
        view! {
            <li class="row symptom-row" data-testid="symptom-row">
                <label class="visually-hidden" for=input_id.clone()>{move || format!("Name of {}", name())}</label>
                <input id=input_id class="grow" type="text" maxlength=MAX_SYMPTOM_NAME_CHARS prop:value=name
                    on:change=move |ev| {
                        let typed = event_target_value(&ev);
                        change(&|l| l.rename(&rename_id, &typed));
                    }/>
                <span class="small muted" class:visually-hidden=move || !hidden()>"hidden"</span>
                <button type="button" aria-label=move || format!("Move {} up", name())
                    on:click=move |_| { change(&|l| l.move_up(&up_id)); }>"↑"</button>
                <button type="button" aria-label=move || format!("Move {} down", name())
                    on:click=move |_| { change(&|l| l.move_down(&down_id)); }>"↓"</button>
                <button type="button" aria-label=move || format!("{} {}", if hidden() { "Show" } else { "Hide" }, name())
                    on:click=move |_| {
                        let hide = !hidden();
                        change(&|l| l.set_hidden(&hide_id, hide));
                    }>{move || if hidden() { "Show" } else { "Hide" }}</button>
            </li>
        }
    };

    view! {
        <details class="card manage-symptoms no-print" data-testid="manage-symptoms">
            <summary>"Manage symptoms"</summary>
            <p class="small muted">
                "Rename, reorder or hide symptoms. Hidden symptoms keep their past ratings and still appear in exports."
            </p>
            <ul class="list">
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    {row(id)}
                </For>
            </ul>
            <Show when=move || error.with(Option::is_some)>
                <p class="banner error" role="alert">{move || error.get()}</p>
            </Show>
            <h3>"Add a symptom"</h3>
            <div class="field">
                <label for="new-symptom">"Name"</label>
                <input id="new-symptom" type="text" maxlength=MAX_SYMPTOM_NAME_CHARS prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))/>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || higher_is_better.get()
                    on:change=move |ev| higher_is_better.set(event_target_checked(&ev))/>
                "Higher is better (like sleep quality or energy)"
            </label>
            <button type="button" on:click=add>"Add symptom"</button>
        </details>
    }
}

#[component]
fn RecentEntries(undo: UndoSlot) -> impl IntoView {
    let store = use_store();
    let recent = Memo::new(move |_| {
        let latest = store.latest_diary(RECENT);
        store
            .symptoms
            .with(|symptoms| recent_entries(&latest, symptoms, RECENT))
    });
    view! {
        <section class="card" aria-labelledby="recent-heading">
            <h3 id="recent-heading">"Recent entries"</h3>
            <Show when=move || recent.with(|r| !r.is_empty()) fallback=|| view! { <p class="muted">"No diary entries yet."</p> }>
                <ul class="list recent" data-testid="recent-entries">
                    {move || recent.get().into_iter().map(|r| {
                        let date = r.date;
                        view! {
                            <li class="row" data-testid="recent-entry">
                                <div class="grow">
                                    <a href=format!("/diary?date={date}")>{weekday_date(date)}</a>
                                    {(!r.ratings.is_empty()).then(|| view! { <p class="small">{r.ratings}</p> })}
                                    {(!r.tags.is_empty()).then(|| view! { <p class="small muted">{format!("Tags: {}", r.tags)}</p> })}
                                    {(!r.excerpt.is_empty()).then(|| view! { <p class="small note-text" data-testid="recent-note">{r.excerpt}</p> })}
                                </div>
                                <button type="button" class="danger no-print" aria-label=format!("Delete the entry for {}", long_date(date))
                                    on:click=move |_| delete_entry(store, undo, date)>"Delete"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn ChartSection(
    #[prop(into)] end: Signal<Date>,
    chosen: RwSignal<Vec<SymptomId>>,
) -> impl IntoView {
    let store = use_store();
    let span = Memo::new(move |_| store.settings.with(|s| s.chart_span));
    let target = store.target_mg();
    let visible = Memo::new(move |_| {
        store.symptoms.with(|symptoms| {
            symptoms
                .visible()
                .map(|s| (s.id().clone(), s.name().to_owned()))
                .collect::<Vec<_>>()
        })
    });
    let chart = Memo::new(move |_| {
        let (end, span) = (end.get(), span.get());
        // Ratings, not notes: typing a note re-runs none of this.
        let days = store.all_days();
        let target = target.get();
        let diary = store.rated_diary();
        chosen.with(|ids| {
            store
                .symptoms
                .with(|symptoms| build(&days, &diary, symptoms, target, end, span, ids))
        })
    });
    let set_span = move |s: Span| {
        if span.get_untracked() != s {
            store.update_settings(|settings| settings.chart_span = s);
        }
    };
    let toggle = move |id: &SymptomId, on: bool| {
        chosen.update(|c| {
            c.retain(|x| x != id);
            if on && c.len() < MAX_SERIES {
                c.push(id.clone());
            }
        });
    };
    view! {
        <section aria-labelledby="chart-heading" data-testid="chart-section">
            <h2 id="chart-heading">"Magnesium and symptoms"</h2>
            <div class="card">
                <div class="chips no-print" role="group" aria-label="Chart period">
                    {Span::ALL.into_iter().map(|s| view! {
                        <button type="button" aria-pressed=move || (span.get() == s).to_string() on:click=move |_| set_span(s)>
                            {span_label(s)}
                        </button>
                    }).collect_view()}
                </div>
                <HistoryChart chart=chart/>
                <fieldset class="no-print">
                    <legend>{format!("Symptoms on the chart (up to {MAX_SERIES})")}</legend>
                    <div class="chips">
                        <For each=move || visible.get() key=|s| s.clone() let:s>
                            {
                                let (id, name) = s;
                                let checked = {
                                    let id = id.clone();
                                    move || chosen.with(|c| c.contains(&id))
                                };
                                let full = move || chosen.with(|c| c.len() >= MAX_SERIES);
                                let checked_for_disabled = checked.clone();
                                view! {
                                    <label class="check chart-choice">
                                        <input type="checkbox" prop:checked=checked.clone()
                                            prop:disabled=move || full() && !checked_for_disabled()
                                            on:change=move |ev| toggle(&id, event_target_checked(&ev))/>
                                        {name}
                                    </label>
                                }
                            }
                        </For>
                    </div>
                </fieldset>
            </div>
        </section>
    }
}

fn kind_title(kind: ComparisonKind) -> &'static str {
    match kind {
        ComparisonKind::IntakeVsTarget => "Intake at target that day",
        ComparisonKind::SupplementVsNone => "A supplement taken that day",
        ComparisonKind::PreviousDayIntake => "Intake at target the day before",
    }
}

#[component]
fn Insights() -> impl IntoView {
    let store = use_store();
    let target = store.target_mg();
    // Symptoms with at least one rating, with their insight.
    let found = Memo::new(move |_| {
        // Ratings, not notes: typing a note re-runs none of this.
        let days = store.all_days();
        let target = target.get();
        let diary = store.rated_diary();
        store.symptoms.with(|symptoms| {
            let rows = day_rows(&days, &diary, target);
            let rated: Vec<&Symptom> = symptoms
                .visible()
                .filter(|s| diary.values().any(|e| e.rating(s.id()).is_some()))
                .collect();
            let names: Vec<String> = rated.iter().map(|s| s.name().to_owned()).collect();
            names
                .into_iter()
                .zip(insights(&rows, rated))
                .collect::<Vec<(String, SymptomInsight)>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="insights-heading" data-testid="insights">
            <h2 id="insights-heading">"Insights"</h2>
            <p class="small">{RULE_TEXT}</p>
            <p class="small muted" data-testid="caveat">{CAVEAT_TEXT}</p>
            {move || {
                let found = found.get();
                if found.is_empty() {
                    return view! { <p class="muted">"Rate symptoms on a few days to see insights here."</p> }.into_any();
                }
                found.into_iter().map(|(name, insight)| {
                    let better = insight.higher_is_better;
                    view! {
                        <h3>{format!("{name} ({})", direction(better))}</h3>
                        <ul class="insights">
                            {insight.comparisons.into_iter().map(|(kind, c)| {
                                let testid = if c.is_enough() { "insight" } else { "insight-not-enough" };
                                let text = match c {
                                    Comparison::Enough { .. } => c.describe(kind, better),
                                    Comparison::NotEnough { .. } => c.to_string(),
                                };
                                view! { <li data-testid=testid><strong>{kind_title(kind)}": "</strong>{text}</li> }
                            }).collect_view()}
                        </ul>
                    }
                }).collect_view().into_any()
            }}
        </section>
    }
}
