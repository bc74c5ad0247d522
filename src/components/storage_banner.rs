//! App-wide banners about storage: data set aside, data from a newer
//! version, storage that does not work, and writes that failed.

use leptos::prelude::*;

use crate::domain::backup::backup_due;

use crate::store::{Problem, now_ms, use_store};

#[component]
pub fn StorageBanner() -> impl IntoView {
    let store = use_store();
    let backup_reminder = Memo::new(move |_| {
        let last = store.settings.with(|s| s.last_backup_ms);
        store.with_stamps(|stamps| backup_due(last, stamps.values().copied(), now_ms()))
    });
    view! {
        <Show when=move || backup_reminder.get()>
            <div class="banner" role="status" data-testid="backup-reminder">
                <p>"A week of new entries has no backup yet. Browsers can clear stored data; keep a copy."</p>
                <a href="/diary#backup-heading" class="button">"Export a backup"</a>
            </div>
        </Show>
        {move || store.save_error.get().map(|e| view! {
            <div class="banner error" role="alert" data-testid="save-error"><p>"Not saved — " {e}</p></div>
        })}
        {move || store.problems.get().into_iter().map(|problem| match problem {
            Problem::Quarantined { original, quarantine_key, reason, raw } => {
                let file = format!("magnesium-tracker-unreadable-{}.txt", original.replace('/', "_"));
                let key = quarantine_key.clone();
                view! {
                    <div class="banner warn" role="alert" data-testid="quarantine-banner">
                        <p>"Some saved data could not be read and was set aside, so nothing else was lost: "
                            <code>{original.clone()}</code> " (" {reason} "). Download it to keep the text."</p>
                        <button on:click=move |_| { let _ = crate::components::backup::download(&file, "text/plain", &raw); }>"Download raw text"</button>
                        <button on:click=move |_| store.discard_problem(&key)>"Delete it"</button>
                    </div>
                }.into_any()
            }
            Problem::NewerSchema { key, .. } => view! {
                <div class="banner warn" role="alert" data-testid="newer-version-banner">
                    <p>"Some of your data was saved by a newer version of Magnesium Tracker (" <code>{key}</code>
                        "). It is kept unchanged; reload to update the app before editing it."</p>
                    <button on:click=|_| { let _ = web_sys::window().map(|w| w.location().reload()); }>"Reload"</button>
                </div>
            }.into_any(),
            Problem::Unavailable(reason) => view! {
                <div class="banner error" role="alert" data-testid="storage-unavailable">
                    <p>"Browser storage cannot be used (" {reason} "): nothing you enter will be kept after you close the app."</p>
                </div>
            }.into_any(),
        }).collect_view()}
    }
}
