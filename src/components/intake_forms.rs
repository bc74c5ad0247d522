//! The Today page's forms for supplements, custom items and topical products.

use leptos::prelude::*;

use crate::components::typed_value;
use crate::domain::amounts::{NonNegative, Positive};
use crate::domain::date::Date;
use crate::domain::day::{
    CustomAmount, CustomBasis, CustomItem, Item, SupplementEntry, TopicalEntry, next_custom_item_id,
};
use crate::domain::supplement::{DoseInput, SupplementForm, TOPICAL_REASON, convert};
use crate::store::use_store;

pub(crate) fn form_key(form: SupplementForm) -> usize {
    SupplementForm::ALL
        .iter()
        .position(|f| *f == form)
        .unwrap_or(0)
}

/// A supplement by form, with the label's elemental amount (preferred) or
/// the compound weight, converted with the form's formula before adding.
#[component]
pub fn AddSupplement(date: Memo<Date>) -> impl IntoView {
    let store = use_store();
    let form = RwSignal::new(SupplementForm::Citrate);
    let elemental = RwSignal::new(true);
    let amount = RwSignal::new(String::new());
    let servings = RwSignal::new("1".to_string());
    let label = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let dose = move || {
        let mg = Positive::parse(&amount.get())?;
        Some(if elemental.get() {
            DoseInput::ElementalMg(mg)
        } else {
            DoseInput::CompoundMg(mg)
        })
    };
    let conversion = move || dose().map(|d| convert(form.get(), d));
    let add = move |_| {
        let (Some(d), Some(n)) = (dose(), Positive::parse(&servings.get_untracked())) else {
            message.set(Some(
                "Enter an amount and a number of servings above zero.".into(),
            ));
            return;
        };
        let name = label.get_untracked().trim().to_string();
        match SupplementEntry::new(
            form.get_untracked(),
            d,
            n,
            (!name.is_empty()).then_some(name),
        ) {
            Ok(entry) => {
                let text = entry.added_text();
                store.update_day(date.get_untracked(), |log| log.add(Item::Supplement(entry)));
                message.set(Some(text));
                amount.set(String::new());
            }
            Err(e) => message.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="stack" data-testid="add-supplement">
            <DoseFields prefix="supp" form=form elemental=elemental amount=amount servings=servings hints=true/>
            <div class="field">
                <label for="supp-label">"Name (optional)"</label>
                <input id="supp-label" type="text" maxlength="80" prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
            </div>
            <p class="num" data-testid="supp-conversion" aria-live="polite">{move || match conversion() {
                Some(Ok(c)) => c.arithmetic,
                Some(Err(e)) => e.to_string(),
                None => "Enter the amount to see the elemental magnesium.".into(),
            }}</p>
            <button class="primary" on:click=add>"Add supplement"</button>
            {move || message.get().map(|m| view! { <p role="status" data-testid="supp-message">{m}</p> })}
        </div>
    }
}

/// Saved custom items (a mineral water, a fortified product) and a form to
/// make a new one.
#[component]
pub fn AddCustom(date: Memo<Date>) -> impl IntoView {
    let store = use_store();
    let items = Memo::new(move |_| store.custom_items.get());
    let name = RwSignal::new(String::new());
    let per_litre = RwSignal::new(false);
    let serving_label = RwSignal::new("1 serving".to_string());
    let mg = RwSignal::new(String::new());
    let supplement = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let save = move |_| {
        let n = name.get_untracked().trim().to_string();
        let Some(value) = NonNegative::parse(&mg.get_untracked()) else {
            message.set(Some("Enter the magnesium in mg (0 or more).".into()));
            return;
        };
        if n.is_empty() {
            message.set(Some("Give the item a name.".into()));
            return;
        }
        let basis = if per_litre.get_untracked() {
            CustomBasis::PerLitre { mg: value }
        } else {
            CustomBasis::PerServing {
                label: serving_label.get_untracked(),
                mg: value,
            }
        };
        store.update_custom_items(|items| {
            let id = next_custom_item_id(items);
            items.push(CustomItem {
                id,
                name: n.clone(),
                basis,
                supplement: supplement.get_untracked(),
                serving_grams: None,
                kcal_per_serving: None,
            });
        });
        message.set(Some(format!("Saved {n}.")));
        name.set(String::new());
        mg.set(String::new());
    };
    view! {
        <div class="stack" data-testid="add-custom">
            {move || {
                let list = items.get();
                if list.is_empty() {
                    view! { <p class="muted">"No custom items yet. A mineral water's label gives its magnesium per litre."</p> }.into_any()
                } else {
                    view! { <ul class="list">{list.into_iter().map(|item| view! { <li><CustomItemRow item=item date=date/></li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <details>
                <summary>"New custom item"</summary>
                <div class="field">
                    <label for="custom-name">"Name"</label>
                    <input id="custom-name" type="text" maxlength="80" placeholder="e.g. my mineral water" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <fieldset>
                    <legend>"Magnesium is given"</legend>
                    <label class="check"><input type="radio" name="custom-basis" prop:checked=move || !per_litre.get() on:change=move |_| per_litre.set(false)/>"per serving"</label>
                    <label class="check"><input type="radio" name="custom-basis" prop:checked=move || per_litre.get() on:change=move |_| per_litre.set(true)/>"per litre (waters, drinks)"</label>
                </fieldset>
                <Show when=move || !per_litre.get()>
                    <div class="field">
                        <label for="custom-serving">"Serving"</label>
                        <input id="custom-serving" type="text" maxlength="40" prop:value=move || serving_label.get()
                            on:input=move |ev| serving_label.set(event_target_value(&ev))/>
                    </div>
                </Show>
                <div class="field">
                    <label for="custom-mg">{move || if per_litre.get() { "Magnesium (mg per litre)" } else { "Magnesium (mg per serving)" }}</label>
                    <input id="custom-mg" type="number" inputmode="decimal" min="0" step="any" use:typed_value=Signal::from(mg)
                        on:input=move |ev| mg.set(event_target_value(&ev))/>
                </div>
                <label class="check"><input type="checkbox" prop:checked=move || supplement.get()
                    on:change=move |ev| supplement.set(event_target_checked(&ev))/>"It is a supplement (counts toward the upper level)"</label>
                <button class="primary" on:click=save>"Save item"</button>
            </details>
            <details>
                <summary>"From a nutrition label"</summary>
                <crate::components::label_entry::LabelEntry prefix="today-label" on_saved=|_| ()/>
            </details>
            {move || message.get().map(|m| view! { <p role="status">{m}</p> })}
        </div>
    }
}

#[component]
fn CustomItemRow(item: CustomItem, date: Memo<Date>) -> impl IntoView {
    let store = use_store();
    let per_litre = matches!(item.basis, CustomBasis::PerLitre { .. });
    let amount = RwSignal::new(if per_litre {
        "500".to_string()
    } else {
        "1".to_string()
    });
    let error = RwSignal::new(None::<String>);
    let id = format!("custom-amount-{}", item.id);
    let describe = match &item.basis {
        CustomBasis::PerLitre { mg } => format!("{} mg per litre", mg.get()),
        CustomBasis::PerServing { label, mg } => format!("{} mg per {label}", mg.get()),
    };
    let name = item.name.clone();
    let add = move |_| {
        let Some(q) = Positive::parse(&amount.get_untracked()) else {
            error.set(Some("Enter an amount above zero.".into()));
            return;
        };
        let how = if per_litre {
            CustomAmount::Millilitres(q)
        } else {
            CustomAmount::Servings(q)
        };
        match item.entry(how) {
            Ok(entry) => {
                store.update_day(date.get_untracked(), |log| log.add(Item::Custom(entry)));
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <div class="food-row">
            <span class="grow"><span class="name">{name.clone()}</span><br/><span class="meta">{describe}</span></span>
            <label class="visually-hidden" for=id.clone()>{format!("Amount of {name} ({})", if per_litre { "ml" } else { "servings" })}</label>
            <input id=id type="number" inputmode="decimal" min="0" step="any" class="num" use:typed_value=Signal::from(amount)
                on:input=move |ev| amount.set(event_target_value(&ev))/>
            <span class="small">{if per_litre { "ml" } else { "×" }}</span>
            <button on:click=add aria-label=format!("Add {name}")>"Add"</button>
        </div>
        {move || error.get().map(|e| view! { <p role="alert" class="small">{e}</p> })}
    }
}

/// Oil sprays and Epsom baths: logged for the diary, never counted.
#[component]
pub fn AddTopical(date: Memo<Date>) -> impl IntoView {
    let store = use_store();
    let text = RwSignal::new("Magnesium oil spray".to_string());
    view! {
        <div class="stack" data-testid="add-topical">
            <p class="small muted">{format!("Logged but not counted in the total: {TOPICAL_REASON}.")}</p>
            <div class="field">
                <label for="topical-text">"What you used"</label>
                <input id="topical-text" type="text" maxlength="80" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <button class="primary" on:click=move |_| {
                let description = text.get_untracked().trim().to_string();
                if !description.is_empty() {
                    store.update_day(date.get_untracked(), |log| log.add(Item::Topical(TopicalEntry { description })));
                }
            }>"Add topical"</button>
        </div>
    }
}

/// The fields a supplement dose is entered with: the form, whether the amount
/// is elemental or the compound's weight, the amount and the servings. The
/// supplement form and the regimen editor both use them, so a dose is entered
/// the same way in both. `prefix` keeps the fields' ids unique on the page;
/// `hints` adds the assumed compound and its note under the form.
#[component]
pub fn DoseFields(
    prefix: &'static str,
    form: RwSignal<SupplementForm>,
    elemental: RwSignal<bool>,
    amount: RwSignal<String>,
    servings: RwSignal<String>,
    #[prop(optional)] hints: bool,
) -> impl IntoView {
    view! {
            <div class="field">
                <label for=format!("{prefix}-form")>"Form"</label>
                <select id=format!("{prefix}-form") on:change=move |ev| {
                    if let Some(f) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| SupplementForm::ALL.get(i)) {
                        form.set(*f);
                        if f.compound().is_none() { elemental.set(true); }
                    }
                }>
                    {SupplementForm::ALL.into_iter().map(|f| view! {
                        <option value=form_key(f).to_string() selected=move || form.get() == f>{f.label()}</option>
                    }).collect_view()}
                </select>
                {hints.then(|| view! {
                    <span class="hint" data-testid="supp-formula">{move || form.get().compound().map(|c| format!(
                        "Assumed compound: {} ({}), {:.1} % magnesium by weight.", c.formula, c.hydrate, c.elemental_fraction() * 100.0))}</span>
                    {move || form.get().compound().and_then(|c| c.note).map(|n| view! { <span class="hint" data-testid="supp-form-note">{n}</span> })}
                })}
            </div>
            <fieldset>
                <legend>"The amount I enter is"</legend>
                <label class="check"><input type="radio" name=format!("{prefix}-basis") prop:checked=move || elemental.get() on:change=move |_| elemental.set(true)/>
                    "Elemental magnesium, as on the label's \"Magnesium … mg\" line (preferred)"</label>
                <label class="check"><input type="radio" name=format!("{prefix}-basis") prop:checked=move || !elemental.get()
                    prop:disabled=move || form.get().compound().is_none() on:change=move |_| elemental.set(false)/>
                    "The weight of the compound (e.g. \"magnesium L-threonate 500 mg\")"</label>
            </fieldset>
            <div class="row">
                <div class="field grow">
                    <label for=format!("{prefix}-amount")>"Amount per serving (mg)"</label>
                    <input id=format!("{prefix}-amount") type="number" inputmode="decimal" min="0" step="any" use:typed_value=Signal::from(amount)
                        on:input=move |ev| amount.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-servings")>"Servings"</label>
                    <input id=format!("{prefix}-servings") type="number" inputmode="decimal" min="0" step="any" use:typed_value=Signal::from(servings)
                        on:input=move |ev| servings.set(event_target_value(&ev))/>
                </div>
            </div>
    }
}
