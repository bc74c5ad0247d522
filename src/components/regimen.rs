//! The supplement regimen on Today: the day's doses with "Taken"/"Skip" and
//! "Log my regimen", the calendar reminders, and the editor. Every rule
//! (conversion, the upper level, not logging a dose twice, the calendar
//! file) is the domain's (`domain::regimen`, `domain::ical`).

use leptos::prelude::*;

use crate::components::backup::download;
use crate::components::intake_forms::DoseFields;
use crate::domain::amounts::Positive;
use crate::domain::date::Date;
use crate::domain::day::{DayLog, DoseStatus};
use crate::domain::ical::{AlarmLead, regimen_calendar};
use crate::domain::mg::format_mg;
use crate::domain::regimen::{ClockTime, Dose, DoseDraft, DoseId, DoseTime, Regimen};
use crate::domain::supplement::{DoseInput, SupplementForm, convert};
use crate::store::{now_ms, today, use_store};

/// The card "My supplement regimen" on Today.
#[component]
pub fn RegimenCard(date: Memo<Date>, log: Memo<DayLog>) -> impl IntoView {
    let store = use_store();
    let saved = Memo::new(move |_| store.regimen.get());
    let has_regimen = Memo::new(move |_| saved.with(Option::is_some));
    // The editor is built only while it is open: closed, its fields would
    // still be in the page, beside the supplement form's fields of the same
    // names, for assistive technology and for anything that finds a field
    // by its label.
    let open = RwSignal::new(false);
    view! {
        <section class="card stack no-print" aria-labelledby="regimen-heading" data-testid="regimen">
            <h2 id="regimen-heading">"My supplement regimen"</h2>
            <Show when=move || has_regimen.get()
                fallback=|| view! { <p class="small muted" data-testid="regimen-none">"No regimen saved yet. Add the supplements you take every day, then log them in one tap."</p> }>
                <RegimenDay date=date log=log saved=saved/>
            </Show>
            <details data-testid="regimen-editor-details"
                on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>{move || if has_regimen.get() { "Edit my regimen" } else { "Set up my regimen" }}</summary>
                <Show when=move || open.get()><RegimenEditor/></Show>
            </details>
        </section>
    }
}

/// The shown day's doses, "Log my regimen" and the calendar download.
#[component]
fn RegimenDay(date: Memo<Date>, log: Memo<DayLog>, saved: Memo<Option<Regimen>>) -> impl IntoView {
    let store = use_store();
    let message = RwSignal::new(None::<String>);
    let ics_error = RwSignal::new(None::<String>);
    let log_all = move |_| {
        let Some(regimen) = saved.get_untracked() else {
            return;
        };
        let added = store.update_day(date.get_untracked(), |day| {
            let ids = regimen.log(day);
            ids.iter()
                .filter_map(|id| day.get(*id))
                .map(|e| format!("{} ({})", e.item.name(), e.item.mg_text()))
                .collect::<Vec<_>>()
        });
        message.set(Some(if added.is_empty() {
            "Nothing added: every dose is already logged or skipped for this day.".into()
        } else {
            format!("Added {}.", added.join(", "))
        }));
    };
    let download_ics = move |_| {
        let Some(regimen) = saved.get_untracked() else {
            return;
        };
        let text = regimen_calendar(&regimen, now_ms(), today(), AlarmLead::AtTime);
        ics_error.set(
            download("magnesium-regimen.ics", "text/calendar", &text)
                .err()
                .map(|e| format!("The download did not start: {e}")),
        );
    };
    view! {
        <ul class="list" aria-label="Regimen doses" data-testid="regimen-doses">
            {move || {
                let Some(regimen) = saved.get() else { return Vec::new() };
                let day = log.get();
                regimen.status_on(&day).into_iter().map(|(dose, status)| {
                    view! { <li><DoseCheck dose=dose.clone() status=status date=date saved=saved/></li> }
                }).collect::<Vec<_>>()
            }}
        </ul>
        <button class="primary" on:click=log_all data-testid="log-regimen">"Log my regimen"</button>
        {move || message.get().map(|m| view! { <p role="status" data-testid="regimen-message">{m}</p> })}
        <button type="button" on:click=download_ics data-testid="regimen-ics">"Add reminders to my calendar (.ics)"</button>
        <p class="small muted">"Open the file on your phone: its calendar reminds you at these times every day. After changing the regimen, download and open it again; it updates the reminders instead of adding a second set."</p>
        {move || ics_error.get().map(|e| view! { <p role="alert" class="small">{e}</p> })}
    }
}

/// One dose of the day with its status and its "Taken"/"Skip" buttons.
#[component]
fn DoseCheck(
    dose: Dose,
    status: Option<DoseStatus>,
    date: Memo<Date>,
    saved: Memo<Option<Regimen>>,
) -> impl IntoView {
    let store = use_store();
    let id = dose.id();
    let name = dose.name().to_string();
    let taken = matches!(status, Some(DoseStatus::Taken(_)));
    let skipped = matches!(status, Some(DoseStatus::Skipped));
    let status_text = match status {
        Some(DoseStatus::Taken(_)) => "Taken",
        Some(DoseStatus::Skipped) => "Skipped",
        None => "Not yet",
    };
    let take = move |_| {
        if let Some(regimen) = saved.get_untracked() {
            store.update_day(date.get_untracked(), |day| {
                let _ = regimen.take(id, day);
            });
        }
    };
    let skip = move |_| {
        store.update_day(date.get_untracked(), |day| {
            if skipped {
                day.clear_dose(id);
            } else {
                let _ = day.skip_dose(id);
            }
        });
    };
    view! {
        <div class="food-row dose-row" data-testid="regimen-dose">
            <span class="grow">
                <span class="name">{name.clone()}</span><br/>
                <span class="meta">{format!("{} · {}", dose.time().label(), amount_text(&dose))}</span><br/>
                <span class="meta" data-testid="dose-status">{status_text}</span>
            </span>
            <span class="amount num nowrap"><strong>{format_mg(dose.elemental_mg())}</strong></span>
            <span class="row">
                <button aria-pressed=taken.to_string() aria-label=format!("Taken: {name}") on:click=take>"Taken"</button>
                <button aria-pressed=skipped.to_string() aria-label=format!("Skip: {name}") on:click=skip>"Skip"</button>
            </span>
        </div>
    }
}

/// "2 × 200 mg elemental", as the regimen list shows a dose.
fn amount_text(dose: &Dose) -> String {
    let amount = match dose.dose() {
        DoseInput::ElementalMg(mg) => format!("{} elemental", format_mg(mg.get())),
        DoseInput::CompoundMg(mg) => format!("{} compound", format_mg(mg.get())),
    };
    format!(
        "{} × {amount}",
        crate::domain::day::format_quantity(dose.servings().get())
    )
}

/// The time-of-day choices of the editor's select.
const SLOTS: [(&str, &str); 5] = [
    ("morning", "Morning"),
    ("midday", "Midday"),
    ("evening", "Evening"),
    ("bedtime", "Bedtime"),
    ("clock", "At a clock time"),
];

fn slot_of(time: DoseTime) -> &'static str {
    match time {
        DoseTime::Morning => "morning",
        DoseTime::Midday => "midday",
        DoseTime::Evening => "evening",
        DoseTime::Bedtime => "bedtime",
        DoseTime::Clock(_) => "clock",
    }
}

/// "07:30" from a time input.
fn parse_clock(text: &str) -> Option<ClockTime> {
    let (h, m) = text.trim().split_once(':')?;
    ClockTime::new(h.parse().ok()?, m.get(..2).unwrap_or(m).parse().ok()?)
}

/// The editor: the draft's doses, a form to add or change one, the daily
/// amount against the upper level, and saving.
#[component]
fn RegimenEditor() -> impl IntoView {
    let store = use_store();
    let reference = Memo::new(move |_| store.reference());
    let draft = RwSignal::new(
        store
            .regimen
            .get_untracked()
            .unwrap_or_else(|| Regimen::new(now_ms())),
    );
    // The fields of the dose being added or edited.
    let editing = RwSignal::new(None::<DoseId>);
    let form = RwSignal::new(SupplementForm::Glycinate);
    let elemental = RwSignal::new(true);
    let amount = RwSignal::new(String::new());
    let servings = RwSignal::new("1".to_string());
    let slot = RwSignal::new("morning".to_string());
    let clock = RwSignal::new("08:00".to_string());
    let label = RwSignal::new(String::new());
    let dose_error = RwSignal::new(None::<String>);
    let save_error = RwSignal::new(None::<String>);
    let save_message = RwSignal::new(None::<String>);
    // Set once the person saw the upper-level warning for this draft.
    let warned = RwSignal::new(false);

    let check = Memo::new(move |_| {
        let r = reference.get();
        draft.with(|d| (!d.doses().is_empty()).then(|| d.upper_level_check(&r)))
    });
    let conversion = move || {
        let mg = Positive::parse(&amount.get())?;
        let d = if elemental.get() {
            DoseInput::ElementalMg(mg)
        } else {
            DoseInput::CompoundMg(mg)
        };
        Some(convert(form.get(), d))
    };
    let clear_fields = move || {
        editing.set(None);
        amount.set(String::new());
        servings.set("1".into());
        label.set(String::new());
        dose_error.set(None);
    };
    let submit_dose = move |_| {
        let (Some(mg), Some(n)) = (
            Positive::parse(&amount.get_untracked()),
            Positive::parse(&servings.get_untracked()),
        ) else {
            dose_error.set(Some(
                "Enter an amount and a number of servings above zero.".into(),
            ));
            return;
        };
        let time = match slot.get_untracked().as_str() {
            "midday" => DoseTime::Midday,
            "evening" => DoseTime::Evening,
            "bedtime" => DoseTime::Bedtime,
            "clock" => match parse_clock(&clock.get_untracked()) {
                Some(c) => DoseTime::Clock(c),
                None => {
                    dose_error.set(Some("Enter the clock time as hours and minutes.".into()));
                    return;
                }
            },
            _ => DoseTime::Morning,
        };
        let name = label.get_untracked().trim().to_string();
        let d = DoseDraft {
            form: form.get_untracked(),
            dose: if elemental.get_untracked() {
                DoseInput::ElementalMg(mg)
            } else {
                DoseInput::CompoundMg(mg)
            },
            servings: n,
            time,
            label: (!name.is_empty()).then_some(name),
        };
        let result = draft.try_update(|r| match editing.get_untracked() {
            Some(id) => r.edit(id, d),
            None => r.add(d).map(|_| ()),
        });
        match result {
            Some(Ok(())) => {
                clear_fields();
                warned.set(false);
                save_error.set(None);
                save_message.set(None);
            }
            Some(Err(e)) => dose_error.set(Some(e.to_string())),
            None => {}
        }
    };
    let start_edit = move |id: DoseId| {
        let Some(dose) = draft.with_untracked(|r| r.dose(id).cloned()) else {
            return;
        };
        editing.set(Some(id));
        form.set(dose.form());
        match dose.dose() {
            DoseInput::ElementalMg(mg) => {
                elemental.set(true);
                amount.set(mg.get().to_string());
            }
            DoseInput::CompoundMg(mg) => {
                elemental.set(false);
                amount.set(mg.get().to_string());
            }
        }
        servings.set(dose.servings().get().to_string());
        slot.set(slot_of(dose.time()).into());
        clock.set(dose.time().clock().to_string());
        label.set(dose.label().unwrap_or_default().to_string());
        dose_error.set(None);
    };
    let remove = move |id: DoseId| {
        draft.update(|r| {
            r.remove(id);
        });
        if editing.get_untracked() == Some(id) {
            clear_fields();
        }
        warned.set(false);
        save_message.set(None);
    };
    let has_saved = Memo::new(move |_| store.regimen.with(Option::is_some));
    let confirm_delete = RwSignal::new(false);
    let delete = move |_| {
        store.delete_regimen();
        draft.set(Regimen::new(now_ms()));
        clear_fields();
        confirm_delete.set(false);
        warned.set(false);
        save_error.set(None);
        save_message.set(Some(
            "Regimen deleted. Days keep the doses already logged.".into(),
        ));
    };
    let save = move |anyway: bool| {
        let r = draft.get_untracked();
        save_message.set(None);
        if let Err(e) = r.validate() {
            save_error.set(Some(e.to_string()));
            return;
        }
        if !anyway && r.exceeds(&reference.get_untracked()).is_some() {
            warned.set(true);
            save_error.set(None);
            return;
        }
        store.set_regimen(r);
        warned.set(false);
        save_error.set(None);
        save_message.set(Some("Regimen saved.".into()));
    };

    view! {
        <div class="stack" data-testid="regimen-editor">
            {move || {
                let doses = draft.with(|r| r.doses().to_vec());
                if doses.is_empty() {
                    return view! { <p class="small muted" data-testid="regimen-empty">"No doses yet."</p> }.into_any();
                }
                view! {
                    <ul class="list" aria-label="Doses in the regimen" data-testid="regimen-draft">
                        {doses.into_iter().map(|dose| {
                            let id = dose.id();
                            let name = dose.name().to_string();
                            view! {
                                <li class="food-row dose-row" data-testid="draft-dose">
                                    <span class="grow">
                                        <span class="name">{name.clone()}</span><br/>
                                        <span class="meta">{format!("{} · {}", dose.time().label(), amount_text(&dose))}</span>
                                    </span>
                                    <span class="amount num nowrap"><strong>{format_mg(dose.elemental_mg())}</strong></span>
                                    <span class="row">
                                        <button aria-label=format!("Edit dose {name}") on:click=move |_| start_edit(id)>"Edit"</button>
                                        <button class="danger" aria-label=format!("Remove dose {name}") on:click=move |_| remove(id)>"Remove"</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="num" data-testid="regimen-upper-level" aria-live="polite">{move || match check.get() {
                Some(c) => c.sentence().to_string(),
                None => "Add a dose to see the regimen's daily magnesium.".into(),
            }}</p>

            <fieldset>
                <legend>{move || if editing.get().is_some() { "Change the dose" } else { "Add a dose" }}</legend>
                <DoseFields prefix="dose" form=form elemental=elemental amount=amount servings=servings/>
                <div class="row">
                    <div class="field grow">
                        <label for="dose-time">"Time of day"</label>
                        <select id="dose-time" on:change=move |ev| slot.set(event_target_value(&ev))>
                            {SLOTS.into_iter().map(|(value, text)| view! {
                                <option value=value selected=move || slot.get() == value>{text}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Show when=move || slot.get() == "clock">
                        <div class="field">
                            <label for="dose-clock">"Clock time"</label>
                            <input id="dose-clock" type="time" prop:value=move || clock.get()
                                on:input=move |ev| clock.set(event_target_value(&ev))/>
                        </div>
                    </Show>
                </div>
                <div class="field">
                    <label for="dose-label">"Name (optional)"</label>
                    <input id="dose-label" type="text" maxlength="80" prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                </div>
                <p class="num small" data-testid="dose-conversion" aria-live="polite">{move || match conversion() {
                    Some(Ok(c)) => c.arithmetic,
                    Some(Err(e)) => e.to_string(),
                    None => "Enter the amount to see the elemental magnesium.".into(),
                }}</p>
                {move || dose_error.get().map(|e| view! { <p role="alert" class="small" data-testid="dose-error">{e}</p> })}
                <div class="row">
                    <button on:click=submit_dose data-testid="dose-submit">{move || if editing.get().is_some() { "Save dose" } else { "Add dose" }}</button>
                    <Show when=move || editing.get().is_some()>
                        <button type="button" on:click=move |_| clear_fields()>"Cancel"</button>
                    </Show>
                </div>
            </fieldset>

            {move || warned.get().then(|| {
                let sentence = check.get().map(|c| c.sentence().to_string()).unwrap_or_default();
                view! {
                    <div class="banner error" role="alert" data-testid="regimen-warning">
                        <p>{sentence}</p>
                        <button class="danger" on:click=move |_| save(true)>"Save anyway"</button>
                    </div>
                }
            })}
            {move || save_error.get().map(|e| view! { <p role="alert" class="small" data-testid="regimen-save-error">{e}</p> })}
            <button class="primary" on:click=move |_| save(false) data-testid="regimen-save">"Save regimen"</button>
            {move || save_message.get().map(|m| view! { <p role="status" data-testid="regimen-saved">{m}</p> })}
            <Show when=move || has_saved.get()>
                <Show when=move || confirm_delete.get()
                    fallback=move || view! { <button class="danger" on:click=move |_| confirm_delete.set(true)>"Delete regimen"</button> }>
                    <div class="banner" role="alert" data-testid="regimen-delete-confirm">
                        <p>"Delete the saved regimen? Days keep the doses already logged."</p>
                        <button class="danger" on:click=delete>"Delete"</button>
                        <button on:click=move |_| confirm_delete.set(false)>"Keep it"</button>
                    </div>
                </Show>
            </Show>
        </div>
    }
}
