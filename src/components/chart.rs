//! The history chart: daily magnesium as bars with the target line and up
//! to three symptom lines, drawn as inline SVG from
//! [`crate::domain::chart::layout`], followed by a table of the same numbers
//! for screen readers and for anyone who would rather read than look.

use crate::domain::sorted::SortedMap;

use leptos::prelude::*;

use crate::components::calendar::long_date;
use crate::domain::chart::{self, Chart, ChartInput, Span, VIEW_BOX};
use crate::domain::date::Date;
use crate::domain::day::DayLog;
use crate::domain::diary::{DiaryEntry, SymptomId, SymptomList};
use crate::domain::mg::format_mg;

/// Lays out the chart for the `span` ending on `end` with the given
/// symptoms (see [`chart::symptom_series`]).
pub fn build(
    days: &SortedMap<Date, DayLog>,
    diary: &SortedMap<Date, DiaryEntry>,
    symptom_list: &SymptomList,
    target_mg: Option<f64>,
    end: Date,
    span: Span,
    symptoms: &[SymptomId],
) -> Chart {
    chart::layout(&ChartInput {
        end,
        span,
        magnesium_mg: &chart::magnesium_by_day(days),
        target_mg,
        symptoms: &chart::symptom_series(diary, symptom_list, symptoms),
    })
}

/// A short words-only description of a span, for buttons and headings.
pub fn span_label(span: Span) -> String {
    format!("{} days", span.days())
}

/// "(lower is better)" or "(higher is better)" after a symptom name.
pub fn direction(higher_is_better: bool) -> &'static str {
    if higher_is_better {
        "higher is better"
    } else {
        "lower is better"
    }
}

/// Draws a laid-out chart with its legend and data table.
#[component]
pub fn HistoryChart(#[prop(into)] chart: Signal<Chart>) -> impl IntoView {
    let label = move || {
        chart.with(|c| {
            let names: Vec<&str> = c.series.iter().map(|s| s.label.as_str()).collect();
            let symptoms =
                if names.is_empty() { String::new() } else { format!(" and ratings for {}", names.join(", ")) };
            format!(
                "Chart of daily magnesium from {} to {}{symptoms}. The same numbers are in the table below the chart.",
                long_date(c.start),
                long_date(c.end)
            )
        })
    };
    view! {
        <figure class="chart-figure">
            <svg class="chart history" viewBox=VIEW_BOX preserveAspectRatio="xMidYMid meet" role="img"
                aria-label=label data-testid="chart">
                {move || chart.with(svg_body)}
            </svg>
            <figcaption>
                <ul class="chart-legend small">{move || chart.with(legend)}</ul>
            </figcaption>
        </figure>
        <details class="chart-table">
            <summary>"Table of the chart data"</summary>
            <div class="table-wrap" tabindex="0">{move || chart.with(table)}</div>
        </details>
    }
}

fn svg_body(c: &Chart) -> impl IntoView + use<> {
    let p = c.plot;
    let grid = c
        .mg_ticks
        .iter()
        .map(|t| {
            view! {
                <line class="grid" x1=p.left x2=p.right y1=t.y y2=t.y/>
                <text x=p.left - 6.0 y=t.y + 5.0 text-anchor="end">{t.label.clone()}</text>
            }
        })
        .collect_view();
    let rating_ticks = c
        .rating_ticks
        .iter()
        .map(|t| view! { <text x=p.right + 6.0 y=t.y + 5.0 text-anchor="start">{t.label.clone()}</text> })
        .collect_view();
    let date_ticks = c
        .date_ticks
        .iter()
        .map(|t| view! { <text x=t.x y=p.bottom + 24.0 text-anchor="middle">{t.label.clone()}</text> })
        .collect_view();
    let bars = c
        .bars
        .iter()
        .map(|b| {
            let class = if b.at_target == Some(false) {
                "bar below"
            } else {
                "bar"
            };
            view! {
                <rect class=class x=b.x y=b.y width=b.width height=b.height data-testid="chart-bar">
                    <title>{format!("{}: {}", long_date(b.date), format_mg(b.value_mg))}</title>
                </rect>
            }
        })
        .collect_view();
    let target = c.target.map(|t| {
        view! {
            <line class="target" x1=p.left x2=p.right y1=t.y y2=t.y data-testid="chart-target">
                <title>{format!("Target {}", format_mg(t.value_mg))}</title>
            </line>
        }
    });
    let series = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = s.label.clone();
            let points = s
                .points
                .iter()
                .map(|pt| {
                    view! {
                        <circle class=format!("point s{i}") cx=pt.x cy=pt.y r="5" data-testid="chart-point">
                            <title>{format!("{}, {}: {}", name, long_date(pt.date), pt.rating)}</title>
                        </circle>
                    }
                })
                .collect_view();
            view! {
                <path class=format!("line s{i}") d=s.path.clone()/>
                {points}
            }
        })
        .collect_view();
    view! {
        <g>{grid}</g>
        <line class="axis" x1=p.left x2=p.right y1=p.bottom y2=p.bottom/>
        <g>{rating_ticks}{date_ticks}</g>
        <g>{bars}</g>
        {target}
        <g>{series}</g>
    }
}

fn legend(c: &Chart) -> impl IntoView + use<> {
    let target = c.target.map(|t| {
        view! {
            <li><svg class="chart swatch" viewBox="0 0 24 12" aria-hidden="true"><line class="target" x1="0" x2="24" y1="6" y2="6"/></svg>
                {format!("Target {}", format_mg(t.value_mg))}</li>
        }
    });
    let series = c
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            view! {
                <li><svg class="chart swatch" viewBox="0 0 24 12" aria-hidden="true">
                        <line class=format!("line s{i}") x1="0" x2="24" y1="6" y2="6"/>
                        <circle class=format!("s{i}") cx="12" cy="6" r="4"/></svg>
                    {format!("{} (0–10, right axis; {})", s.label, direction(s.higher_is_better))}</li>
            }
        })
        .collect_view();
    view! {
        <li><svg class="chart swatch" viewBox="0 0 24 12" aria-hidden="true"><rect class="bar" x="4" y="0" width="16" height="12"/></svg>
            "Magnesium per day (mg, left axis)"</li>
        {target}
        {series}
    }
}

/// One day of the data table: the bar (mg and whether it met the target)
/// and each series' rating, in series order.
struct TableRow {
    bar: Option<(f64, Option<bool>)>,
    ratings: Vec<Option<u8>>,
}

/// One row per day in the window with a bar or a rating, oldest first.
fn table(c: &Chart) -> impl IntoView + use<> {
    let mut days: SortedMap<Date, TableRow> = SortedMap::new();
    let n = c.series.len();
    let blank = || TableRow {
        bar: None,
        ratings: vec![None; n],
    };
    for b in &c.bars {
        days.entry(b.date).or_insert_with(blank).bar = Some((b.value_mg, b.at_target));
    }
    for (i, s) in c.series.iter().enumerate() {
        for p in &s.points {
            days.entry(p.date).or_insert_with(blank).ratings[i] = Some(p.rating);
        }
    }
    let headers = c
        .series
        .iter()
        .map(|s| view! { <th scope="col" class="num">{format!("{} ({})", s.label, direction(s.higher_is_better))}</th> })
        .collect_view();
    let has_target = c.target.is_some();
    let rows = days
        .into_iter()
        .map(|(date, TableRow { bar: mg, ratings })| {
            let met = mg.and_then(|(_, met)| met).map(|m| if m { "yes" } else { "no" });
            view! {
                <tr data-testid="chart-row">
                    <th scope="row">{long_date(date)}</th>
                    <td class="num">{mg.map_or_else(|| "not logged".to_string(), |(v, _)| format_mg(v))}</td>
                    {has_target.then(|| view! { <td>{met.unwrap_or("")}</td> })}
                    {ratings.into_iter().map(|r| view! {
                        <td class="num">{r.map_or_else(|| "not rated".to_string(), |r| r.to_string())}</td>
                    }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table data-testid="chart-table">
            <caption class="visually-hidden">{format!("Chart data from {} to {}", long_date(c.start), long_date(c.end))}</caption>
            <thead>
                <tr>
                    <th scope="col">"Date"</th>
                    <th scope="col" class="num">"Magnesium"</th>
                    {has_target.then(|| view! { <th scope="col">{c.target.map(|t| format!("At target ({})", format_mg(t.value_mg)))}</th> })}
                    {headers}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
