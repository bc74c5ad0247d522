//! `/guide`: the offline handbook about magnesium.
//!
//! All wording lives in [`crate::domain::guide`]; this page only lays it out
//! and adds the tables that the app computes itself (reference values, food
//! examples and supplement shares), so the Guide can never disagree with the
//! numbers the rest of the app uses. Every text is rendered as text, never as
//! HTML, and links to other websites open only when the person clicks them.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::start::InTurn;
use crate::components::{Deferred, set_title};
use crate::domain::dri::{self, Profile, ReferenceSet, Sex, Status};
use crate::domain::guide::{
    Claim, Evidence, Figure, Link, Section, Source, elemental_shares, evidence_levels, guide,
    reference_rows, row_for_age, source_number,
};
use crate::domain::mg::format_mg;
use crate::domain::search::{RowValue, SortBy};
use crate::domain::supplement::format_percent;
use crate::food_data::{Foods, use_foods};
use crate::store::use_store;

/// Foods shown per category in the food examples: enough to compare, few
/// enough that the table stays short on a phone. The Foods page has more.
const FOOD_EXAMPLES_PER_CATEGORY: usize = 2;

/// The anchor of the evidence legend, linked from the table of contents.
const LEGEND_ID: &str = "evidence-levels";

/// The anchor of the reference list, linked from the table of contents.
const SOURCES_ID: &str = "sources";

#[component]
pub fn GuidePage() -> impl IntoView {
    set_title("Guide");
    let g = guide();
    let (first, rest) = match g.sections.split_first() {
        Some((first, rest)) => (Some(first), rest),
        None => (None, &[][..]),
    };
    view! {
        <article data-testid="page-guide" class="guide">
            <h1>"Guide"</h1>
            <div class="banner warn guide-disclaimer" role="note" data-testid="guide-disclaimer">
                <p>
                    <strong>"Not medical advice. "</strong>
                    {g.disclaimer}
                </p>
            </div>
            // The top of the page is built in turns while the app starts
            // (see `InTurn`).
            <InTurn><Contents/></InTurn>
            <InTurn><EvidenceLegend/></InTurn>
            <InTurn>{first.map(|s| view! { <GuideSection section=s/> })}</InTurn>
            // The rest lies below the first screen: each section is built in a
            // task of its own after the page has painted, so no single task
            // builds the whole guide (see `Deferred`). The closing note comes
            // with the last, so it never shows above a section still to come.
            {rest
                .iter()
                .map(|s| view! { <Deferred><GuideSection section=s/></Deferred> })
                .collect_view()}
            <Deferred>
                <SourceList/>
                <p class="small muted guide-closing">{g.disclaimer}</p>
            </Deferred>
        </article>
    }
}

/// Links to every part of the page, in reading order.
#[component]
fn Contents() -> impl IntoView {
    let sections = guide().sections;
    view! {
        <nav class="card guide-toc" aria-labelledby="guide-contents">
            <h2 id="guide-contents">"Contents"</h2>
            <ol>
                <li><a href=format!("#{LEGEND_ID}")>"How strong is the evidence?"</a></li>
                {sections
                    .iter()
                    .map(|s| view! { <li><a href=format!("#{}", s.id)>{s.title}</a></li> })
                    .collect_view()}
                <li><a href=format!("#{SOURCES_ID}")>"Sources"</a></li>
            </ol>
        </nav>
    }
}

/// What each evidence badge means.
#[component]
fn EvidenceLegend() -> impl IntoView {
    view! {
        <section id=LEGEND_ID class="card guide-legend-card" aria-labelledby="evidence-levels-title">
            <h2 id="evidence-levels-title">"How strong is the evidence?"</h2>
            <p class="small muted">
                "Each statement below carries one of these labels, and numbered links to the "
                "sources it rests on."
            </p>
            <dl class="guide-legend" data-testid="evidence-legend">
                {evidence_levels()
                    .iter()
                    .map(|&e| {
                        view! {
                            <div>
                                <dt><EvidenceBadge evidence=e/></dt>
                                <dd>{e.explanation()}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
    }
}

/// The label of an evidence level, coloured by its key.
#[component]
fn EvidenceBadge(evidence: Evidence) -> impl IntoView {
    view! {
        <span class=format!("evidence evidence-{}", evidence.key()) data-evidence=evidence.key()>
            {evidence.label()}
        </span>
    }
}

/// One topic: intro, computed figure, claims and where to act on it.
#[component]
fn GuideSection(section: &'static Section) -> impl IntoView {
    let title_id = format!("{}-title", section.id);
    let labelled_by = title_id.clone();
    view! {
        <section id=section.id class="guide-section" aria-labelledby=labelled_by data-testid="guide-section">
            <h2 id=title_id>{section.title}</h2>
            <p class="guide-intro">{section.intro}</p>
            {section.figure.map(figure)}
            <ul class="guide-claims">
                {section.claims.iter().map(claim).collect_view()}
            </ul>
            <div class="guide-actions no-print">
                <span class="guide-actions-label">"Act on it:"</span>
                <ul>
                    {section
                        .links
                        .iter()
                        .map(|l| view! { <li><InternalLink link=l class="button"/></li> })
                        .collect_view()}
                </ul>
            </div>
        </section>
    }
}

/// A link to one of the app's own routes, handled by the router.
#[component]
fn InternalLink(link: &'static Link, class: &'static str) -> impl IntoView {
    view! { <a href=link.href class=class>{link.label}</a> }
}

fn claim(c: &'static Claim) -> impl IntoView {
    view! {
        <li class="guide-claim" data-testid="guide-claim">
            <p>{c.text}</p>
            <p class="claim-meta">
                <span class="visually-hidden">"Evidence: "</span>
                <span data-testid="claim-evidence" class="claim-evidence">
                    <EvidenceBadge evidence=c.evidence/>
                </span>
                <span class="claim-sources">
                    <span class="visually-hidden">"Sources: "</span>
                    {c.sources.iter().filter_map(|id| source_ref(id)).collect_view()}
                </span>
            </p>
            {(!c.links.is_empty())
                .then(|| {
                    view! {
                        <ul class="claim-links no-print">
                            {c
                                .links
                                .iter()
                                .map(|l| view! { <li><InternalLink link=l class="claim-link"/></li> })
                                .collect_view()}
                        </ul>
                    }
                })}
        </li>
    }
}

/// "[3]", linking to the third entry of the reference list. The domain tests
/// guarantee every id exists; an unknown one is left out rather than shown
/// as a link to nowhere.
fn source_ref(id: &str) -> Option<impl IntoView + use<>> {
    let number = source_number(id)?;
    Some(view! {
        <a class="source-ref" href=format!("#source-{id}") data-testid="claim-source"
            aria-label=format!("Source {number}")>
            {format!("[{number}]")}
        </a>
    })
}

fn figure(f: Figure) -> AnyView {
    match f {
        Figure::ReferenceTables => view! { <ReferenceTables/> }.into_any(),
        Figure::FoodExamples => view! { <FoodExamples/> }.into_any(),
        Figure::ElementalShares => view! { <ElementalShares/> }.into_any(),
    }
}

/// What the reference tables need to know about the person.
#[derive(Clone, Copy, PartialEq)]
struct You {
    profile: Profile,
    set: ReferenceSet,
    /// Whether the person entered a profile, or the default stands in.
    own: bool,
}

/// Both published tables, with the person's row marked in each.
#[component]
fn ReferenceTables() -> impl IntoView {
    let store = use_store();
    let you = Memo::new(move |_| You {
        profile: store.effective_profile(),
        set: store.settings.with(|s| s.reference_set),
        own: store.profile.with(Option::is_some),
    });
    move || {
        let you = you.get();
        view! {
            <YourValues you=you/>
            {ReferenceSet::ALL.iter().map(|&set| reference_table(set, you)).collect_view()}
            <p class="small muted">
                "RDA: " {dri::TargetKind::Rda.name()} ", enough for nearly all healthy people. "
                "AI: " {dri::TargetKind::Ai.name()} ", set where the evidence was too thin for an RDA."
            </p>
        }
    }
}

/// The values the app uses for the person, with the notes that explain them.
#[component]
fn YourValues(you: You) -> impl IntoView {
    let reference = dri::reference(you.profile, you.set);
    view! {
        <div class="card guide-you-card" data-testid="guide-your-values">
            <p>
                <strong>"Your row: "</strong>
                {reference.life_stage}
                " in " {you.set.name()} ". Target " {reference.target_text_short()}
                "; upper level " {reference.upper_level_text()} "."
            </p>
            {(!you.own).then(|| view! {
                <p class="small muted">{dri::default_adult_sentence(you.set)}</p>
            })}
            {(!reference.notes.is_empty()).then(|| view! {
                <ul class="small muted">
                    {reference.notes.iter().map(|n| view! { <li>{*n}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// The column of a profile in the reference tables: male, female, pregnant,
/// breastfeeding.
fn column_of(profile: Profile) -> usize {
    match (profile.sex(), profile.status()) {
        (Sex::Male, _) => 0,
        (Sex::Female, Status::None) => 1,
        (Sex::Female, Status::Pregnant) => 2,
        (Sex::Female, Status::Breastfeeding) => 3,
    }
}

fn reference_table(set: ReferenceSet, you: You) -> impl IntoView {
    let rows = reference_rows(set);
    let mine = row_for_age(set, you.profile.age());
    let your_column = column_of(you.profile);
    let key = match set {
        ReferenceSet::Iom1997 => "iom-1997",
        ReferenceSet::Efsa2015 => "efsa-2015",
    };
    // The notes every cell of the table carries (what the upper level covers,
    // missing values), each once, in the order they first appear.
    let mut notes: Vec<&'static str> = Vec::new();
    for row in &rows {
        for p in [
            Some(row.male),
            Some(row.female),
            row.pregnant,
            row.breastfeeding,
        ]
        .into_iter()
        .flatten()
        {
            for n in dri::reference(p, set).notes {
                if !notes.contains(&n) {
                    notes.push(n);
                }
            }
        }
    }
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let is_yours = mine == Some(i);
            let cells = [Some(row.male), Some(row.female), row.pregnant, row.breastfeeding];
            let uppers: Vec<Option<u32>> = {
                let mut seen = Vec::new();
                for p in cells.iter().flatten() {
                    let ul = dri::reference(*p, set).upper_limit_mg;
                    if !seen.contains(&ul) {
                        seen.push(ul);
                    }
                }
                seen
            };
            let upper = uppers
                .iter()
                .map(|ul| ul.map_or_else(|| "none".to_string(), |mg| mg.to_string()))
                .collect::<Vec<_>>()
                .join(" / ");
            view! {
                <tr class=if is_yours { "guide-you" } else { "" } data-testid=is_yours.then_some("your-row")>
                    <th scope="row">
                        {row.ages}
                        {is_yours.then(|| view! { <span class="you-mark">"you"</span> })}
                    </th>
                    {cells
                        .into_iter()
                        .enumerate()
                        .map(|(col, p)| target_cell(p, set, is_yours && col == your_column))
                        .collect_view()}
                    <td class="num">{upper}</td>
                </tr>
            }
        })
        .collect_view();
    let chosen = you.set == set;
    let title_id = format!("reference-{key}");
    let labelled_by = title_id.clone();
    // The title sits outside the scrolling box, so at 320 px it stays whole
    // while the wide table scrolls sideways.
    view! {
        <div class="card guide-figure" data-testid="reference-table" data-set=key>
            <h3 id=title_id>
                {set.name()}
                ", mg a day"
                {chosen.then(|| view! { <span class="you-mark">"the set the app uses"</span> })}
            </h3>
            <div class="table-wrap" tabindex="0">
            <table class="guide-table" aria-labelledby=labelled_by>
                <thead>
                    <tr>
                        <th scope="col">"Age"</th>
                        <th scope="col" class="num">"Male"</th>
                        <th scope="col" class="num">"Female"</th>
                        <th scope="col" class="num">"Pregnant"</th>
                        <th scope="col" class="num">"Breast\u{AD}feeding"</th>
                        <th scope="col" class="num">"Upper level"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
            </div>
            <ul class="small muted guide-table-notes">
                {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                <li>"Source: " {source_ref(key)}</li>
            </ul>
        </div>
    }
}

/// One value of a reference table: the target and whether it is an RDA or
/// an AI, or a dash where the set publishes nothing.
fn target_cell(profile: Option<Profile>, set: ReferenceSet, yours: bool) -> impl IntoView {
    let class = if yours { "num guide-you-cell" } else { "num" };
    let target = profile.and_then(|p| dri::reference(p, set).target);
    view! {
        <td class=class>
            {match target {
                Some(t) => view! {
                    {t.mg}
                    " "
                    <abbr class="small muted" title=t.kind.name()>{t.kind.abbreviation()}</abbr>
                }
                .into_any(),
                None => view! {
                    <span aria-hidden="true">"—"</span>
                    <span class="visually-hidden">"not published"</span>
                }
                .into_any(),
            }}
        </td>
    }
}

/// The best foods per usual portion in each category, from the food data on
/// the device, each linking to its page.
#[component]
fn FoodExamples() -> impl IntoView {
    let foods = use_foods();
    let store = use_store();
    let target = store.target_mg();
    move || match foods.get() {
        None => view! {
            <p class="muted guide-figure" role="status" data-testid="food-examples-loading">
                "Loading food examples…"
            </p>
        }
        .into_any(),
        Some(Err(e)) => view! { <p class="banner error" role="alert">{e}</p> }.into_any(),
        Some(Ok(foods)) => food_table(&foods, target.get()).into_any(),
    }
}

fn food_table(foods: &Arc<Foods>, target: Option<f64>) -> impl IntoView + use<> {
    let groups = foods.top_sources(FOOD_EXAMPLES_PER_CATEGORY)
        .into_iter()
        .filter(|top| !top.foods.is_empty())
        .map(|top| {
            let rows = top
                .foods
                .iter()
                .filter_map(|&i| foods.db.food(i))
                .map(|food| {
                    let row = SortBy::MgPerPortion.amount_of(food, target);
                    let share = row.share_text();
                    // The link's children are a closure, which must own its text.
                    let name = food.description.clone();
                    view! {
                        <tr>
                            <th scope="row">
                                <a href=format!("/foods/{}", food.ndb_string()) data-testid="guide-food">
                                    {name}
                                </a>
                                <br/>
                                <span class="small muted">{row.basis}</span>
                            </th>
                            <td class="num">
                                {match row.value {
                                    RowValue::Mg(mg) => format_mg(mg),
                                    RowValue::NoEnergy | RowValue::NoData => "no data".to_string(),
                                }}
                                {share.map(|s| view! { <br/><span class="small muted">{s}</span> })}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <tbody>
                    <tr class="guide-group">
                        <th scope="colgroup" colspan="2">{top.category.label()}</th>
                    </tr>
                    {rows}
                </tbody>
            }
        })
        .collect_view();
    view! {
        <div class="card guide-figure">
            <h3 id="food-examples-title">"Example portions, richest first in each group"</h3>
            <div class="table-wrap" tabindex="0">
            <table class="guide-table" data-testid="food-examples" aria-labelledby="food-examples-title">
                <thead>
                    <tr>
                        <th scope="col">"Food and portion"</th>
                        <th scope="col" class="num">"Magnesium"</th>
                    </tr>
                </thead>
                {groups}
            </table>
            </div>
            <p class="small muted guide-table-notes">
                "Source: " {source_ref("usda-sr28")}
                ". Open a food for other portion sizes."
            </p>
        </div>
    }
}

/// How much of each supplement compound is magnesium, from its formula.
#[component]
fn ElementalShares() -> impl IntoView {
    let rows = elemental_shares()
        .into_iter()
        .map(|share| {
            let compound = share.form.compound();
            view! {
                <tr>
                    <th scope="row">
                        {share.form.label()}
                        {compound.map(|c| view! {
                            <br/>
                            <span class="small muted">{format!("{}, {}", c.formula, c.hydrate)}</span>
                        })}
                        {compound.and_then(|c| c.note).map(|n| view! { <br/><span class="small muted">{n}</span> })}
                    </th>
                    <td class="num">{format_percent(share.fraction)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="card guide-figure">
            <h3 id="elemental-shares-title">"Share of magnesium in each compound, by weight"</h3>
            <div class="table-wrap" tabindex="0">
            <table class="guide-table" data-testid="elemental-shares" aria-labelledby="elemental-shares-title">
                <thead>
                    <tr>
                        <th scope="col">"Form and formula"</th>
                        <th scope="col" class="num">"Magnesium"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
            <p class="small muted guide-table-notes">
                "Computed from each formula and standard atomic masses."
            </p>
        </div>
    }
}

/// The numbered reference list that every "[n]" points into.
#[component]
fn SourceList() -> impl IntoView {
    view! {
        <section id=SOURCES_ID class="guide-section" aria-labelledby="sources-title">
            <h2 id="sources-title">"Sources"</h2>
            <p class="small muted">
                "Links open the publisher's or library's website in a new tab. "
                "The app itself never contacts these sites."
            </p>
            <ol class="guide-sources" data-testid="guide-sources">
                {guide().sources.iter().map(source_entry).collect_view()}
            </ol>
        </section>
    }
}

fn source_entry(s: &'static Source) -> impl IntoView {
    view! {
        <li id=format!("source-{}", s.id) data-testid="source-entry">
            <span class="source-citation">{s.citation()}</span>
            <span class="source-ids">
                {s.doi.map(|doi| external_link(format!("https://doi.org/{doi}"), format!("doi:{doi}")))}
                {s.pmid.map(|pmid| {
                    external_link(format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"), format!("PMID {pmid}"))
                })}
                {s.url.map(|url| external_link(url.to_string(), url.to_string()))}
                {s.isbn.map(|isbn| view! { <span>{format!("ISBN {isbn}")}</span> })}
            </span>
        </li>
    }
}

/// A link to another website. It opens only on a click, in a new tab, and
/// sends no referrer, so the app never contacts another origin by itself.
fn external_link(href: String, text: String) -> impl IntoView {
    view! {
        <a href=href rel="noopener noreferrer" target="_blank" class="external">
            {text}
            <span class="visually-hidden">" (opens another website in a new tab)"</span>
        </a>
    }
}
