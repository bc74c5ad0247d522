//! Settings → Sync: the form that sets sync up, the buttons that run, stop
//! and forget it, and the status line.

use leptos::prelude::*;

use crate::domain::sync::status::{self, Phase};
use crate::domain::sync::{ConfigError, SyncConfig};
use crate::sync::runner::use_sync;

/// Sync between devices through the person's own CouchDB.
#[component]
pub fn SyncSettings() -> impl IntoView {
    let sync = use_sync();
    let phase_name = move || match sync.phase.get() {
        Phase::Off => "off",
        Phase::Waiting => "waiting",
        Phase::Syncing => "syncing",
        Phase::Synced(_) => "synced",
        Phase::Failed(_) => "failed",
    };
    let waiting = Memo::new(move |_| sync.waiting());
    view! {
        <section class="card" aria-labelledby="sync-heading" data-testid="sync">
            <h2 id="sync-heading">"Sync between devices"</h2>
            <p>"Keep this device and your others in step through your own CouchDB server (Apache CouchDB, "
                "IBM Cloudant or PouchDB Server). Each device keeps working without a connection and syncs when it has one."</p>
            {move || match sync.setup.get() {
                None => view! { <SyncForm/> }.into_any(),
                Some(setup) => {
                    let target = format!(
                        "{} with {}/{}{}{}",
                        if setup.enabled { "Syncing" } else { "Set up to sync" },
                        setup.config.server(),
                        setup.config.database(),
                        if setup.config.username().is_empty() { String::new() } else { format!(" as {}", setup.config.username()) },
                        if setup.key.is_some() { ", encrypted on this device." } else { ", not encrypted." },
                    );
                    view! {
                        <p data-testid="sync-target">{target}</p>
                        <div class="row">
                            {if setup.enabled {
                                view! {
                                    <button class="primary" on:click=move |_| sync.run()>"Sync now"</button>
                                    <button on:click=move |_| sync.turn_off()>"Turn off sync"</button>
                                }.into_any()
                            } else {
                                view! { <button class="primary" on:click=move |_| sync.resume()>"Turn on sync"</button> }.into_any()
                            }}
                            <button on:click=move |_| sync.forget()>"Forget this server"</button>
                        </div>
                    }.into_any()
                }
            }}
            <p role="status" data-testid="sync-status" data-phase=phase_name data-waiting=move || waiting.get().to_string()>
                {move || status::sentence(&sync.phase.get(), waiting.get())}
            </p>
            <p class="small muted">"The server's address, your user name and password, and a key made from the passphrase "
                "are stored only in this browser, on this device, and are not part of backups. The passphrase itself is not stored, "
                "and nobody can recover it: keep it somewhere safe."</p>
        </section>
    }
}

/// The setup form, checked field by field before anything is sent.
#[component]
fn SyncForm() -> impl IntoView {
    let sync = use_sync();
    let server = RwSignal::new(String::new());
    let database = RwSignal::new("magnesium".to_string());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let encrypt = RwSignal::new(true);
    let passphrase = RwSignal::new(String::new());
    let server_error = RwSignal::new(None::<String>);
    let database_error = RwSignal::new(None::<String>);
    let passphrase_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        server_error.set(None);
        database_error.set(None);
        passphrase_error.set(None);
        let config = match SyncConfig::new(
            &server.get_untracked(),
            &database.get_untracked(),
            &username.get_untracked(),
            encrypt.get_untracked(),
        ) {
            Ok(config) => config,
            Err(ConfigError::Server(e)) => return server_error.set(Some(e)),
            Err(ConfigError::Database(e)) => return database_error.set(Some(e)),
        };
        let secret = passphrase.get_untracked();
        if config.encrypt() && secret.is_empty() {
            passphrase_error.set(Some("Enter a passphrase, or untick encryption.".into()));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let _ = sync
                .turn_on(config, password.get_untracked(), Some(secret))
                .await;
            busy.set(false);
        });
    };
    let field_error = |error: RwSignal<Option<String>>| {
        move || {
            error
                .get()
                .map(|e| view! { <p role="alert" class="small">{e}</p> })
        }
    };
    view! {
        <form on:submit=submit data-testid="sync-form">
            <div class="field">
                <label for="sync-server">"Server address"</label>
                <input id="sync-server" type="url" inputmode="url" autocomplete="url" placeholder="https://couch.example.org"
                    prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev))/>
                {field_error(server_error)}
            </div>
            <div class="field">
                <label for="sync-database">"Database"</label>
                <input id="sync-database" type="text" autocapitalize="none" spellcheck="false"
                    prop:value=move || database.get() on:input=move |ev| database.set(event_target_value(&ev))/>
                {field_error(database_error)}
            </div>
            <div class="row">
                <div class="field grow">
                    <label for="sync-user">"User name"</label>
                    <input id="sync-user" type="text" autocomplete="username" autocapitalize="none" spellcheck="false"
                        prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev))/>
                </div>
                <div class="field grow">
                    <label for="sync-password">"Password"</label>
                    <input id="sync-password" type="password" autocomplete="current-password"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                </div>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || encrypt.get() on:change=move |ev| encrypt.set(event_target_checked(&ev))/>
                "Encrypt on this device (recommended)"
            </label>
            {move || if encrypt.get() {
                view! {
                    <div class="field">
                        <label for="sync-passphrase">"Encryption passphrase"</label>
                        <input id="sync-passphrase" type="password" autocomplete="new-password"
                            prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                        {field_error(passphrase_error)}
                        <p class="small muted">"Use the same passphrase on every device. The server sees only ciphertext and "
                            "document names that are keyed hashes, so it learns neither your dates nor what you logged. "
                            "A few unrelated words make a strong passphrase."</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p class="small" data-testid="sync-plain-warning">"Without encryption, whoever runs the server can read every record, "
                        "and the dates of your days are visible in the names of the documents."</p>
                }.into_any()
            }}
            <button class="primary" type="submit" prop:disabled=move || busy.get()>"Turn on sync"</button>
        </form>
    }
}
