//! `/diary/report`: a printable summary for a doctor: intake over a date
//! range with the food and supplement split, days at target and over the
//! supplement upper level, symptom trends, and the notes by date.
//!
//! `?from=` and `?to=` (YYYY-MM-DD) set the range; by default it is the last
//! 30 days. The print style sheet hides the controls and the app's chrome.

use leptos::prelude::*;

use crate::components::calendar::long_date;
use crate::components::chart::{HistoryChart, build, direction};
use crate::domain::chart::MAX_SERIES;
use crate::domain::chart::Span;
use crate::domain::date::Date;
use crate::domain::diary::SymptomId;
use crate::domain::report::summarise;
use crate::domain::stats::CAVEAT_TEXT;
use crate::router::use_query_map;
use crate::store::{today, use_store};

/// The default range, in days, ending today.
const DEFAULT_DAYS: i32 = 30;

/// The paper the person prints on; each has a named `@page` in the style sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Paper {
    A4,
    Letter,
}

impl Paper {
    fn class(self) -> &'static str {
        match self {
            Paper::A4 => "paper-a4",
            Paper::Letter => "paper-letter",
        }
    }
}

/// The shortest chart window that covers `days`, or the longest one.
fn span_for(days: i32) -> Span {
    Span::ALL
        .into_iter()
        .find(|s| s.days() as i32 >= days)
        .unwrap_or(Span::Quarter)
}

#[component]
pub fn ReportPage() -> impl IntoView {
    crate::components::set_title("Report");
    let store = use_store();
    let query = use_query_map();
    let param = |name: &str| {
        query
            .read_untracked()
            .get(name)
            .and_then(|s| Date::parse(&s))
    };
    let to = RwSignal::new(param("to").unwrap_or_else(today));
    let from = RwSignal::new(
        param("from").unwrap_or_else(|| to.get_untracked().add_days(1 - DEFAULT_DAYS)),
    );
    let paper = RwSignal::new(Paper::A4);
    // A reversed range is read the way the person most likely meant it.
    let range = Memo::new(move |_| {
        let (a, b) = (from.get(), to.get());
        if a <= b { (a, b) } else { (b, a) }
    });
    let summary = Memo::new(move |_| {
        let (a, b) = range.get();
        let (days, diary, reference) = (store.all_days(), store.all_diary(), store.reference());
        store
            .symptoms
            .with(|symptoms| summarise(&days, &diary, symptoms, &reference, a, b))
    });
    let chart = Memo::new(move |_| {
        let (a, b) = range.get();
        let ids: Vec<SymptomId> = summary.with(|s| {
            s.symptoms
                .iter()
                .take(MAX_SERIES)
                .map(|l| l.id.clone())
                .collect()
        });
        let (days, diary) = (store.all_days(), store.all_diary());
        let target = store.reference().target_mg().map(f64::from);
        store.symptoms.with(|symptoms| {
            build(
                &days,
                &diary,
                symptoms,
                target,
                b,
                span_for(a.days_until(b) + 1),
                &ids,
            )
        })
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    view! {
        <article class=move || format!("report {}", paper.get().class()) data-testid="page-report">
            <div class="card no-print report-controls">
                <p class="small"><a href="/diary">"← Diary"</a></p>
                <div class="row">
                    <div class="field grow">
                        <label for="report-from">"From"</label>
                        <input id="report-from" type="date" prop:value=move || from.get().to_string()
                            on:change=move |ev| if let Some(d) = Date::parse(&event_target_value(&ev)) { from.set(d) }/>
                    </div>
                    <div class="field grow">
                        <label for="report-to">"To"</label>
                        <input id="report-to" type="date" prop:value=move || to.get().to_string()
                            on:change=move |ev| if let Some(d) = Date::parse(&event_target_value(&ev)) { to.set(d) }/>
                    </div>
                    <div class="field grow">
                        <label for="report-paper">"Paper"</label>
                        <select id="report-paper" on:change=move |ev| {
                            paper.set(if event_target_value(&ev) == "letter" { Paper::Letter } else { Paper::A4 });
                        }>
                            <option value="a4" prop:selected=move || paper.get() == Paper::A4>"A4"</option>
                            <option value="letter" prop:selected=move || paper.get() == Paper::Letter>"US Letter"</option>
                        </select>
                    </div>
                </div>
                <button type="button" class="primary" on:click=print data-testid="print">"Print"</button>
            </div>

            <header class="report-head">
                <h1>"Magnesium and symptom report"</h1>
                <p data-testid="report-range">{move || {
                    let (a, b) = range.get();
                    format!("{} to {} ({} days). Made on {}.", long_date(a), long_date(b), summary.with(|s| s.days), long_date(today()))
                }}</p>
                <p class="small">{move || summary.with(|s| {
                    let target = s.target_mg.map_or_else(|| "no published target".to_string(), |t| format!("target {t} mg a day"));
                    let limit = s.upper_limit_mg.map_or_else(String::new, |ul| format!("; upper level for supplements {ul} mg a day"));
                    format!("Reference: {}, {target}{limit} ({}).", s.life_stage, s.citation)
                })}</p>
                <p class="small muted">"Recorded by the patient in Magnesium Tracker. Intake is estimated from USDA food data and supplement labels."</p>
            </header>

            <section class="card" aria-labelledby="report-intake">
                <h2 id="report-intake">"Intake"</h2>
                {move || summary.with(|s| view! {
                    <table data-testid="report-intake">
                        <tbody>
                            <tr><th scope="row">"Days with intake logged"</th><td class="num" data-testid="report-logged">{format!("{} of {}", s.logged_days, s.days)}</td></tr>
                            <tr><th scope="row">"Average total on logged days"</th><td class="num" data-testid="report-mean-total">{s.mean_total_text()}</td></tr>
                            <tr><th scope="row">"… from food"</th><td class="num">{s.mean_food_text()}</td></tr>
                            <tr><th scope="row">"… from supplements"</th><td class="num">{s.mean_supplement_text()}</td></tr>
                            <tr><th scope="row">"Days with a supplement"</th><td class="num">{s.supplement_days}</td></tr>
                            <tr><th scope="row">"Days at or above target"</th><td class="num" data-testid="report-at-target">
                                {s.at_target_text()}</td></tr>
                            <tr><th scope="row">"Days over the supplement upper level"</th><td class="num" data-testid="report-over-limit">
                                {if s.upper_limit_mg.is_some() { format!("{} of {}", s.over_limit, s.logged_days) } else { "no upper level".into() }}</td></tr>
                            <tr><th scope="row">"Days with items without magnesium data"</th><td class="num" data-testid="report-incomplete">{s.incomplete_text()}</td></tr>
                        </tbody>
                    </table>
                    {s.is_lower_bound().then(|| view! {
                        <p class="small muted" data-testid="report-lower-bound">"Some logged foods have no magnesium data, so the real intake on those days was higher than counted: averages are lower bounds and more days may have reached the target."</p>
                    })}
                })}
            </section>

            <section class="card" aria-labelledby="report-symptoms">
                <h2 id="report-symptoms">"Symptoms"</h2>
                {move || {
                    let (a, b) = range.get();
                    (a.days_until(b) + 1 > Span::Quarter.days() as i32).then(|| view! {
                        <p class="small muted">"The chart shows the last 90 days of the period; the table covers all of it."</p>
                    })
                }}
                <HistoryChart chart=chart/>
                {move || summary.with(|s| if s.symptoms.is_empty() {
                    view! { <p class="muted">"No symptoms rated in this period."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap" tabindex="0"><table data-testid="report-symptom-table">
                            <thead><tr>
                                <th scope="col">"Symptom (0–10)"</th><th scope="col" class="num">"Days rated"</th>
                                <th scope="col" class="num">"Mean"</th><th scope="col" class="num">"Range"</th>
                            </tr></thead>
                            <tbody>
                                {s.symptoms.iter().map(|l| view! {
                                    <tr data-testid="report-symptom">
                                        <th scope="row">{format!("{} ({})", l.name, direction(l.higher_is_better))}</th>
                                        <td class="num">{l.rated_days}</td>
                                        <td class="num">{format!("{:.1}", l.mean)}</td>
                                        <td class="num">{format!("{}–{}", l.lowest, l.highest)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                })}
                <p class="small muted">{CAVEAT_TEXT}</p>
            </section>

            <section class="card" aria-labelledby="report-notes">
                <h2 id="report-notes">"Notes by date"</h2>
                {move || summary.with(|s| if s.notes.is_empty() {
                    view! { <p class="muted">"No diary entries in this period."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap" tabindex="0"><table data-testid="report-notes">
                            <thead><tr><th scope="col">"Date"</th><th scope="col">"Ratings"</th><th scope="col">"Tags"</th><th scope="col">"Note"</th></tr></thead>
                            <tbody>
                                {s.notes.iter().map(|n| view! {
                                    <tr data-testid="report-note">
                                        <th scope="row" class="nowrap">{n.date.to_string()}</th>
                                        <td>{n.ratings.clone()}</td>
                                        <td>{n.tags.clone()}</td>
                                        <td class="note-text">{n.note.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                })}
            </section>
        </article>
    }
}
