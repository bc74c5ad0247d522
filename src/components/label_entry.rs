//! "Add from a nutrition label": a packaged product saved as a custom item,
//! with its magnesium in mg or as a percentage of the label's reference
//! value. Today's custom items and the comparison page both offer it.

use leptos::prelude::*;

use crate::domain::mg::format_mg;
use crate::domain::shop::label::{LabelDraft, LabelErrors, LabelReference, LabelUnit, label_mg};
use crate::store::use_store;

/// The label form. `prefix` keeps its ids unique on the page; `on_saved`
/// gets the new item's id once it is stored.
#[component]
pub fn LabelEntry(prefix: &'static str, #[prop(into)] on_saved: Callback<u64>) -> impl IntoView {
    let store = use_store();
    let name = RwSignal::new(String::new());
    let grams = RwSignal::new(String::new());
    let kcal = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let percent = RwSignal::new(false);
    let reference = RwSignal::new(LabelReference::UsDv2016);
    let errors = RwSignal::new(LabelErrors::default());
    let message = RwSignal::new(None::<String>);
    // A message answers what was typed; typing again in the field clears it.
    let clear_on_input = |field: RwSignal<String>, clear: fn(&mut LabelErrors)| {
        Effect::new(move |_| {
            field.track();
            errors.update(clear);
        });
    };
    clear_on_input(name, |e| e.name = None);
    clear_on_input(grams, |e| e.serving_grams = None);
    clear_on_input(kcal, |e| e.kcal_per_serving = None);
    clear_on_input(amount, |e| e.magnesium = None);
    let unit = move || {
        if percent.get() {
            LabelUnit::Percent(reference.get())
        } else {
            LabelUnit::Mg
        }
    };
    let live = move || match amount.with(|a| label_mg(a, unit())) {
        Ok(Some(mg)) if percent.get() => Some(format!("= {} per serving", format_mg(mg))),
        _ => None,
    };
    let save = move |_| {
        let (n, g, k, a) = (
            name.get_untracked(),
            grams.get_untracked(),
            kcal.get_untracked(),
            amount.get_untracked(),
        );
        let draft = LabelDraft {
            name: &n,
            serving_grams: &g,
            kcal_per_serving: &k,
            magnesium: &a,
            unit: unit(),
        };
        match draft.validate() {
            Ok(product) => {
                errors.set(LabelErrors::default());
                let text = format!(
                    "Saved {}: {} per serving.",
                    product.name,
                    format_mg(product.mg.get())
                );
                if let Some(id) = store.add_custom_item(|id| product.into_item(id)) {
                    message.set(Some(text));
                    for field in [name, grams, kcal, amount] {
                        field.set(String::new());
                    }
                    on_saved.run(id);
                } else {
                    message.set(None);
                }
            }
            Err(e) => {
                message.set(None);
                errors.set(e);
            }
        }
    };
    let id = move |field: &str| format!("{prefix}-{field}");
    view! {
        <div class="stack" data-testid="label-entry">
            <LabelField id=id("name") label="Product name" value=name error=Signal::derive(move || errors.with(|e| e.name.clone()))
                kind="text" placeholder="e.g. oat bar"/>
            <LabelField id=id("grams") label="Serving size (g)" value=grams error=Signal::derive(move || errors.with(|e| e.serving_grams.clone()))
                kind="decimal" placeholder="e.g. 40"/>
            <LabelField id=id("kcal") label="Calories per serving (optional)" value=kcal error=Signal::derive(move || errors.with(|e| e.kcal_per_serving.clone()))
                kind="decimal" placeholder=""/>
            <fieldset>
                <legend>"Magnesium on the label is given in"</legend>
                <label class="check"><input type="radio" name=id("unit") prop:checked=move || !percent.get() on:change=move |_| percent.set(false)/>"mg"</label>
                <label class="check"><input type="radio" name=id("unit") prop:checked=move || percent.get() on:change=move |_| percent.set(true)/>"% of the label's reference"</label>
            </fieldset>
            <Show when=move || percent.get()>
                <div class="field">
                    <label for=id("reference")>"Reference value"</label>
                    <select id=id("reference") on:change=move |ev| {
                        if let Some(r) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| LabelReference::ALL.get(i)) {
                            reference.set(*r);
                        }
                    }>
                        {LabelReference::ALL.into_iter().enumerate().map(|(i, r)| view! {
                            <option value=i.to_string() selected=move || reference.get() == r>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <LabelField id=id("magnesium") label="Magnesium per serving" value=amount
                error=Signal::derive(move || errors.with(|e| e.magnesium.clone()).or_else(|| amount.with(|a| label_mg(a, unit()).err())))
                kind="decimal" placeholder="" unit=Signal::derive(move || if percent.get() { "%" } else { "mg" })/>
            <p class="num" data-testid="label-mg" aria-live="polite">{live}</p>
            <button class="primary" on:click=save>"Save product"</button>
            {move || message.get().map(|m| view! { <p role="status" data-testid="label-message">{m}</p> })}
        </div>
    }
}

/// One field of the label form with its message: the message is linked to
/// the input (`aria-describedby`) and marks it invalid.
#[component]
fn LabelField(
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    kind: &'static str,
    placeholder: &'static str,
    #[prop(optional, into)] unit: Option<Signal<&'static str>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let decimal = kind == "decimal";
    view! {
        <div class="field">
            <label for=id.clone()>{label}{move || unit.map(|u| format!(" ({})", u.get()))}</label>
            <input id=id type="text" inputmode=if decimal { "decimal" } else { "text" } maxlength="80" autocomplete="off"
                placeholder=placeholder
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            {move || error.get().map(|e| view! { <span class="field-error" id=error_id.clone()>{e}</span> })}
        </div>
    }
}
