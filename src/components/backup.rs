//! Export (CSV for spreadsheets, JSON for a full backup) and importing a
//! JSON backup with a preview and an explicit Merge or Replace choice.

use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::domain::backup::{
    Backup, ImportMode, MAX_BACKUP_BYTES, export_backup, parse_backup, plan_import,
};
use crate::domain::csv::export_history;
use crate::domain::date::format_utc_minute;
use crate::store::{now_ms, today, use_store};

/// Offers `text` as a file download: a Blob, an object URL and a temporary
/// `<a download>` clicked once. Nothing leaves the device.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let describe = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let body = document.body().ok_or("no document body")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(describe)?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| "not an anchor")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_class_name("visually-hidden");
    body.append_child(&anchor).map_err(describe)?;
    anchor.click();
    anchor.remove();
    // Some browsers read the URL after `click` returns, so it is released a
    // little later rather than at once.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(30),
    );
    Ok(())
}

/// The export buttons and the import form.
#[component]
pub fn BackupPanel() -> impl IntoView {
    let store = use_store();
    let export_error = RwSignal::new(None::<String>);
    let export_csv_file = move |_| {
        let d = store.data_untracked();
        let text = export_history(&d.days, &d.diary, &d.symptoms, d.target_mg().map(f64::from));
        let result = download(
            &format!("magnesium-tracker-{}.csv", today()),
            "text/csv;charset=utf-8",
            &text,
        );
        export_error.set(
            result
                .err()
                .map(|e| format!("The download did not start: {e}")),
        );
    };
    let export_json_file = move |_| {
        let text = export_backup(&store.snapshot(), now_ms());
        let result = download(
            &format!("magnesium-tracker-backup-{}.json", today()),
            "application/json",
            &text,
        );
        if result.is_ok() {
            // Remembered for Settings and the weekly reminder.
            store.update_settings(|s| s.last_backup_ms = Some(now_ms()));
        }
        export_error.set(
            result
                .err()
                .map(|e| format!("The download did not start: {e}")),
        );
    };

    view! {
        <section class="card no-print" aria-labelledby="backup-heading" data-testid="backup">
            <h2 id="backup-heading">"Export and backup"</h2>
            <p class="small muted">
                "CSV opens in a spreadsheet: one row per day with intake and ratings. "
                "The backup file holds everything this app stores on this device; keep it somewhere safe "
                "and import it on a new phone or browser."
            </p>
            <div class="row">
                <button type="button" on:click=export_csv_file data-testid="export-csv">"Download CSV"</button>
                <button type="button" on:click=export_json_file data-testid="export-backup">"Download backup (JSON)"</button>
            </div>
            <Show when=move || export_error.with(Option::is_some)>
                <p class="banner error" role="alert">{move || export_error.get()}</p>
            </Show>
            <Import/>
        </section>
    }
}

#[component]
fn Import() -> impl IntoView {
    let store = use_store();
    let input = NodeRef::<html::Input>::new();
    let pending = RwSignal::new(None::<(String, Backup)>);
    let mode = RwSignal::new(ImportMode::Merge);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);

    let on_file = move |_| {
        error.set(None);
        done.set(None);
        pending.set(None);
        let Some(file) = input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        // The size is known without reading: a huge file is refused before a
        // single byte is loaded.
        if file.size() > MAX_BACKUP_BYTES as f64 {
            error.set(Some(format!(
                "The file is {:.1} MB; backups larger than {} MB are not accepted.",
                file.size() / 1_048_576.0,
                MAX_BACKUP_BYTES / 1_048_576
            )));
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(value) => value.as_string().unwrap_or_default(),
                Err(_) => {
                    error.set(Some("The file could not be read.".into()));
                    return;
                }
            };
            match parse_backup(text.as_bytes()) {
                Ok(backup) => pending.set(Some((name, backup))),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };

    let preview = move || {
        store.track_changes();
        pending.with(|p| {
            p.as_ref().map(|(_, backup)| {
                match plan_import(&store.snapshot(), backup, mode.get(), now_ms()) {
                    Ok(plan) => plan.summary(),
                    Err(e) => e.to_string(),
                }
            })
        })
    };

    let clear_input = move || {
        if let Some(i) = input.get_untracked() {
            i.set_value("");
        }
    };
    let cancel = move |_| {
        pending.set(None);
        clear_input();
    };
    let confirm = move |_| {
        let Some((name, backup)) = pending.get_untracked() else {
            return;
        };
        let plan = match plan_import(&store.snapshot(), &backup, mode.get_untracked(), now_ms()) {
            Ok(plan) => plan,
            Err(e) => {
                error.set(Some(e.to_string()));
                return;
            }
        };
        match store.apply_import(&plan) {
            Ok(()) => {
                done.set(Some(format!("Imported {name}. {}", plan.summary())));
                pending.set(None);
                clear_input();
            }
            Err(e) => error.set(Some(format!("Not imported completely: {e}"))),
        }
    };

    view! {
        <h3>"Import a backup"</h3>
        <div class="field">
            <label for="import-file">"Backup file (JSON)"</label>
            <input id="import-file" type="file" accept="application/json,.json" node_ref=input on:change=on_file
                data-testid="import-file"/>
            <span class="hint">"Nothing changes until you confirm."</span>
        </div>
        <Show when=move || error.with(Option::is_some)>
            <div class="banner error import-error" role="alert" data-testid="import-error">
                <p class="pre-line">{move || error.get()}</p>
            </div>
        </Show>
        <Show when=move || pending.with(Option::is_some)>
            <div class="import-preview stack" data-testid="import-preview">
                <p>{move || pending.with(|p| p.as_ref().map(|(name, b)| format!(
                    "{name}: a backup made {}.", format_utc_minute(b.exported_at_ms())
                )))}</p>
                <fieldset>
                    <legend>"How to import"</legend>
                    <label class="check">
                        <input type="radio" name="import-mode" value="merge" prop:checked=move || mode.get() == ImportMode::Merge
                            on:change=move |_| mode.set(ImportMode::Merge)/>
                        "Merge: keep what is here; where both have the same record, the newer one wins"
                    </label>
                    <label class="check">
                        <input type="radio" name="import-mode" value="replace" prop:checked=move || mode.get() == ImportMode::Replace
                            on:change=move |_| mode.set(ImportMode::Replace)/>
                        "Replace: make this device's data exactly the backup's"
                    </label>
                </fieldset>
                <p role="status" data-testid="import-summary">{preview}</p>
                <div class="row">
                    <button type="button" class="primary" on:click=confirm data-testid="import-confirm">"Confirm import"</button>
                    <button type="button" on:click=cancel>"Cancel"</button>
                </div>
            </div>
        </Show>
        <Show when=move || done.with(Option::is_some)>
            <p class="banner" role="status" data-testid="import-done">{move || done.get()}</p>
        </Show>
    }
}
