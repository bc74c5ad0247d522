//! The storage adapter: the only module that touches localStorage.
//!
//! Architecture Invariant: nothing else reads or writes browser storage. Every
//! value is a versioned envelope from [`crate::domain::schema`]; a value that
//! cannot be decoded is moved to a quarantine key, never deleted, and a value
//! written by a newer app is left untouched and never overwritten.

use std::collections::BTreeSet;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::domain::schema::{self, DecodeError, QuarantineKey, RecordKey, Stored};

/// What loading the store found besides good records.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A damaged value, moved aside under `quarantine_key` with its raw text.
    Quarantined {
        original: String,
        quarantine_key: String,
        reason: String,
        raw: String,
    },
    /// A value from a newer version of the app, left as it is.
    NewerSchema { key: String, found: u64 },
    /// Storage cannot be used at all (disabled, or a private mode without it).
    Unavailable(String),
}

/// Every decoded record plus the problems met on the way.
pub struct Loaded {
    pub records: Vec<Stored>,
    pub problems: Vec<Problem>,
}

/// Why a write did not happen. The message is shown to the person after
/// "Not saved — ".
#[derive(Clone, Debug, PartialEq)]
pub struct SaveError(pub String);

fn storage() -> Result<web_sys::Storage, String> {
    // gloo's `raw()` throws when storage is disabled, so its availability is
    // checked through web-sys first and gloo used only once it is known to work.
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(LocalStorage::raw()),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(_) => Err("local storage is disabled in this browser".into()),
    }
}

/// Reads every record, quarantining damaged ones.
pub fn load_all() -> Loaded {
    let mut loaded = Loaded {
        records: Vec::new(),
        problems: Vec::new(),
    };
    let store = match storage() {
        Ok(s) => s,
        Err(reason) => {
            loaded.problems.push(Problem::Unavailable(reason));
            return loaded;
        }
    };
    for key in keys(&store) {
        let Ok(Some(raw)) = store.get_item(&key) else {
            continue;
        };
        if let Some(q) = QuarantineKey::parse(&key) {
            loaded.problems.push(Problem::Quarantined {
                original: q.original,
                quarantine_key: key,
                reason: "damaged data set aside earlier".into(),
                raw,
            });
            continue;
        }
        match schema::decode(&key, &raw) {
            Ok(stored) => loaded.records.push(stored),
            Err(DecodeError::UnknownKey { .. }) => {}
            Err(DecodeError::NewerSchema { key, found, .. }) => {
                loaded.problems.push(Problem::NewerSchema { key, found });
            }
            Err(DecodeError::Corrupt { key, reason, raw }) => {
                loaded.problems.push(quarantine(&store, key, reason, raw));
            }
        }
    }
    loaded
}

/// Keys this app must not write: values from a newer app version.
pub fn blocked_keys(problems: &[Problem]) -> BTreeSet<String> {
    problems
        .iter()
        .filter_map(|p| match p {
            Problem::NewerSchema { key, .. } => Some(key.clone()),
            _ => None,
        })
        .collect()
}

/// Writes one record. On failure nothing stored before is changed.
pub fn save(stored: &Stored) -> Result<(), SaveError> {
    let store = storage().map_err(SaveError)?;
    let key = stored.key().to_string();
    store
        .set_item(&key, &schema::encode(stored))
        .map_err(|e| SaveError(describe_write_error(&e)))
}

/// Deletes one record.
pub fn remove(key: RecordKey) -> Result<(), SaveError> {
    let store = storage().map_err(SaveError)?;
    store
        .remove_item(&key.to_string())
        .map_err(|e| SaveError(describe_write_error(&e)))
}

/// Deletes a quarantined copy, once the person has downloaded or dismissed it.
pub fn discard_quarantined(quarantine_key: &str) -> Result<(), SaveError> {
    if QuarantineKey::parse(quarantine_key).is_none() {
        return Err(SaveError(format!(
            "{quarantine_key} is not a quarantine key"
        )));
    }
    let store = storage().map_err(SaveError)?;
    store
        .remove_item(quarantine_key)
        .map_err(|e| SaveError(describe_write_error(&e)))
}

/// Approximate bytes used by this app: browsers count UTF-16 code units.
pub fn usage_bytes() -> usize {
    let Ok(store) = storage() else { return 0 };
    keys(&store)
        .into_iter()
        .map(|k| {
            let value = store.get_item(&k).ok().flatten().unwrap_or_default();
            (k.encode_utf16().count() + value.encode_utf16().count()) * 2
        })
        .sum()
}

/// Calls `on_change(key, new_value)` when another tab changes one of our keys.
pub fn watch_other_tabs(on_change: impl Fn(String, Option<String>) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Ok(event) = event.dyn_into::<web_sys::StorageEvent>() else {
            return;
        };
        match event.key() {
            Some(key) if schema::is_app_key(&key) => on_change(key, event.new_value()),
            // A cleared store (key null) is handled like a reload would be.
            None => on_change(String::new(), None),
            _ => {}
        }
    });
    let _ = window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Asks the browser to keep our data under storage pressure. Resolves to
/// whether persistence is granted; `None` where the API does not exist.
pub async fn request_persistence(ask: bool) -> Option<bool> {
    let manager = storage_manager()?;
    let promise = if ask {
        manager.persist().ok()?
    } else {
        manager.persisted().ok()?
    };
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    value.as_bool()
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &"storage".into())
        .ok()?
        .then(|| navigator.storage())
}

fn keys(store: &web_sys::Storage) -> Vec<String> {
    let count = store.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..count)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| schema::is_app_key(k))
        .collect();
    keys.sort();
    keys
}

fn quarantine(store: &web_sys::Storage, key: String, reason: String, raw: String) -> Problem {
    let at = js_sys::Date::now() as u64;
    let quarantine_key = schema::quarantine_key(&key, at);
    // Copy first and delete the original only once the copy exists, so no
    // failure in between can lose the text.
    if store.set_item(&quarantine_key, &raw).is_ok() {
        let _ = store.remove_item(&key);
        Problem::Quarantined {
            original: key,
            quarantine_key,
            reason,
            raw,
        }
    } else {
        // No room for a copy: leave the value where it is (it is skipped in
        // memory) and still report it.
        Problem::Quarantined {
            original: key.clone(),
            quarantine_key: key,
            reason,
            raw,
        }
    }
}

fn describe_write_error(error: &JsValue) -> String {
    let name = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()))
        .or_else(|| {
            js_sys::Reflect::get(error, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
        })
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        "the browser's storage for this app is full. Export a backup and delete old days to make room.".into()
    } else if name == "SecurityError" {
        "this browser blocks storage for this site (private mode or a privacy setting).".into()
    } else {
        format!("the browser refused to store it ({name}).")
    }
}
