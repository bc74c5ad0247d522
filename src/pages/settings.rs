//! Settings and About.

use leptos::prelude::*;

use crate::components::typed_value;
use crate::domain::dri::{
    Age, Profile, ReferenceSet, Sex, Status, default_adult_sentence, reference,
};
use crate::store::use_store;

/// Settings (profile, reference set, storage) and About (sources, privacy).
#[component]
pub fn SettingsPage() -> impl IntoView {
    crate::components::set_title("Settings and about");
    view! {
        <section data-testid="page-settings">
            <h1>"Settings and about"</h1>
            <ProfileForm/>
            <ReferenceSetting/>
            <StorageInfo/>
            <crate::components::sync_settings::SyncSettings/>
            <About/>
        </section>
    }
}

#[component]
fn About() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="about-heading">
            <h2 id="about-heading">"About"</h2>
            <p>
                "Magnesium Tracker helps you see how much magnesium you get from food and supplements, "
                "how that compares with the reference amounts for your life stage, and how you feel."
            </p>
            <h3>"Food data"</h3>
            <p data-testid="data-source">
                "U.S. Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
                "USDA National Nutrient Database for Standard Reference, Release 28 (2015, revised 2016). "
                "Public domain. All 8,789 foods are stored in the app and work offline."
            </p>
            <h3>"Privacy"</h3>
            <p>
                "Everything you enter stays in this browser's storage on this device. The app makes no request "
                "to any other site, has no account, no analytics and no advertising. If you turn on sync, it "
                "talks to the one server you entered, and to no other."
            </p>
            <p class="muted small">"Not medical advice. Talk to a doctor before you start supplements, "
                "especially with kidney disease or heart problems."</p>
        </section>
    }
}

/// Age, sex and pregnancy or breastfeeding: what the targets depend on.
#[component]
fn ProfileForm() -> impl IntoView {
    let store = use_store();
    let current = store.profile.get_untracked();
    let shown = current.unwrap_or_else(Profile::default_adult);
    let set = Memo::new(move |_| store.settings.with(|s| s.reference_set));
    let in_months = RwSignal::new(shown.age().infant_months().is_some());
    let age = RwSignal::new(
        shown
            .age()
            .infant_months()
            .unwrap_or(shown.age().years())
            .to_string(),
    );
    let sex = RwSignal::new(shown.sex());
    let status = RwSignal::new(shown.status());
    let message = RwSignal::new(None::<(bool, String)>);
    let parsed_age = move || {
        let n: u16 = age.get().trim().parse().ok()?;
        if in_months.get() {
            Age::from_months(n).ok()
        } else {
            Age::from_years(n).ok()
        }
    };
    let status_allowed =
        move || parsed_age().is_some_and(|a| Profile::status_allowed(a, sex.get()));
    let save = move |_| {
        let result = age
            .get_untracked()
            .trim()
            .parse::<u16>()
            .map_err(|_| "Enter the age as a whole number.".to_string())
            .and_then(|n| {
                let a = if in_months.get_untracked() {
                    Age::from_months(n)
                } else {
                    Age::from_years(n)
                };
                a.map_err(|e| e.to_string())
            })
            .and_then(|a| {
                let st = if Profile::status_allowed(a, sex.get_untracked()) {
                    status.get_untracked()
                } else {
                    Status::None
                };
                Profile::new(a, sex.get_untracked(), st).map_err(|e| e.to_string())
            });
        match result {
            Ok(profile) => {
                store.set_profile(profile);
                let r = untrack(|| store.reference());
                message.set(Some((
                    true,
                    format!("Saved. {}: {}.", r.life_stage, r.target_text_short()),
                )));
            }
            Err(e) => message.set(Some((false, e))),
        }
    };
    view! {
        <section class="card" id="profile" aria-labelledby="profile-heading" data-testid="profile-form">
            <h2 id="profile-heading">"Your profile"</h2>
            <p class="small muted" data-testid="profile-default">{move || if current.is_some() { "Targets follow this profile.".to_string() } else { default_adult_sentence(set.get()) }}</p>
            <div class="row">
                <div class="field grow">
                    <label for="profile-age">"Age"</label>
                    <input id="profile-age" type="number" inputmode="numeric" min="0" max="130" step="1" use:typed_value=Signal::from(age)
                        on:input=move |ev| age.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="profile-age-unit">"Unit"</label>
                    <select id="profile-age-unit" on:change=move |ev| in_months.set(event_target_value(&ev) == "months")>
                        <option value="years" selected=move || !in_months.get()>"years"</option>
                        <option value="months" selected=move || in_months.get()>"months (babies)"</option>
                    </select>
                </div>
            </div>
            <fieldset>
                <legend>"Sex"</legend>
                <label class="check"><input type="radio" name="profile-sex" prop:checked=move || sex.get() == Sex::Female on:change=move |_| sex.set(Sex::Female)/>"Female"</label>
                <label class="check"><input type="radio" name="profile-sex" prop:checked=move || sex.get() == Sex::Male on:change=move |_| sex.set(Sex::Male)/>"Male"</label>
            </fieldset>
            <div class="field">
                <label for="profile-status">"Pregnant or breastfeeding"</label>
                <select id="profile-status" prop:disabled=move || !status_allowed() on:change=move |ev| status.set(match event_target_value(&ev).as_str() {
                    "pregnant" => Status::Pregnant, "breastfeeding" => Status::Breastfeeding, _ => Status::None })>
                    <option value="none" selected=move || status.get() == Status::None>"Neither"</option>
                    <option value="pregnant" selected=move || status.get() == Status::Pregnant>"Pregnant"</option>
                    <option value="breastfeeding" selected=move || status.get() == Status::Breastfeeding>"Breastfeeding"</option>
                </select>
            </div>
            <button class="primary" on:click=save>"Save profile"</button>
            {move || message.get().map(|(ok, text)| view! {
                <p role=if ok { "status" } else { "alert" } data-testid="profile-message">{text}</p>
            })}
        </section>
    }
}

/// IOM (US/Canada) or EFSA (Europe), with the values in force for the person.
#[component]
fn ReferenceSetting() -> impl IntoView {
    let store = use_store();
    let set = Memo::new(move |_| store.settings.with(|s| s.reference_set));
    let profile = Memo::new(move |_| store.effective_profile());
    view! {
        <section class="card" aria-labelledby="set-heading" data-testid="reference-setting">
            <h2 id="set-heading">"Reference values"</h2>
            <fieldset>
                <legend>"Which published values set your target"</legend>
                {ReferenceSet::ALL.into_iter().map(|s| view! {
                    <label class="check"><input type="radio" name="reference-set" prop:checked=move || set.get() == s
                        on:change=move |_| store.update_settings(|settings| settings.reference_set = s)/>{s.name()}</label>
                }).collect_view()}
            </fieldset>
            {move || {
                let r = reference(profile.get(), set.get());
                view! {
                    <p data-testid="reference-in-use"><strong>"In use: " {r.set.name()}</strong> ". " {r.life_stage} ": "
                        {r.target_text()} "; upper level: " {r.upper_level_text()} "."</p>
                    <ul class="small muted">{r.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    <p class="small muted">{r.citation}</p>
                }
            }}
        </section>
    }
}

/// How much is stored, whether the browser promised to keep it.
#[component]
fn StorageInfo() -> impl IntoView {
    let store = use_store();
    // `None` while the browser has not answered. The first answer comes
    // from asking without a prompt; one from the button replaces it, and a
    // late first answer does not undo the button's.
    let persisted = RwSignal::new(None::<Option<bool>>);
    leptos::task::spawn_local(async move {
        let state = store.persistence(false).await;
        if persisted.try_get_untracked() == Some(None) {
            persisted.try_set(Some(state));
        }
    });
    let used = Memo::new(move |_| store.usage_bytes());
    let days = Memo::new(move |_| store.counts());
    view! {
        <section class="card" aria-labelledby="storage-heading" data-testid="storage-info">
            <h2 id="storage-heading">"Your data"</h2>
            <p>"Stored in this browser only: " <span data-testid="storage-used">{move || format!("{:.1} KB", used.get() as f64 / 1024.0)}</span>
                {move || { let (d, e) = days.get(); format!(" · {d} days of intake, {e} diary entries.") }}</p>
            <p data-testid="last-backup">{move || match store.settings.with(|s| s.last_backup_ms) {
                Some(ms) => format!("Last backup: {}.", crate::domain::date::format_timestamp(ms)),
                None => "No backup exported yet: the Diary page exports one.".to_string(),
            }}</p>
            <p data-testid="persistence">{move || {
                match persisted.get() {
                    Some(Some(true)) => "The browser has promised to keep this data even when space runs low.".to_string(),
                    Some(Some(false)) => "The browser may clear this data when space runs low. Ask it to keep it, and export backups from the Diary.".to_string(),
                    Some(None) => "This browser cannot promise to keep the data. Export backups from the Diary.".to_string(),
                    None => "Checking whether the browser keeps this data…".to_string(),
                }
            }}</p>
            <button on:click=move |_| {
                leptos::task::spawn_local(async move {
                    persisted.try_set(Some(store.persistence(true).await));
                });
            }>"Ask the browser to keep my data"</button>
        </section>
    }
}
