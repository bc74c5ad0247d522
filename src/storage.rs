//! The storage adapter: the only module that touches localStorage.
//!
//! Architecture Invariant: nothing else reads or writes browser storage. Every
//! value is a versioned envelope from [`crate::domain::schema`]; a value that
//! cannot be decoded is moved to a quarantine key, never deleted, and a value
//! written by a newer app is left untouched and never overwritten: [`save`]
//! and [`remove`] read the key first and refuse with
//! [`SaveError::NewerSchema`].
//!
//! Envelopes go through gloo-storage's typed `get` and `set` (serde_json),
//! whose [`StorageError`] tells a missing key (`KeyNotFound`) from text that
//! is not JSON (`SerdeError`) from a refusal by the browser such as a full
//! quota (`JsError`). Raw text is read only to quarantine a value that
//! cannot be decoded, to list quarantined copies and to count usage.

use crate::domain::sorted::SortedSet;

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::domain::schema::{
    self, DecodeError, DeviceKey, DeviceRecord, Envelope, QuarantineKey, RecordKey, Stored,
};

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

/// Why a write did not happen. Its text is shown to the person after
/// "Not saved — ".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Storage cannot be used at all; the reason says why.
    Unavailable(String),
    /// The key holds a value from a newer version of the app, which this
    /// version must not overwrite.
    NewerSchema { key: String, found: u64 },
    /// The browser's quota for this origin is used up.
    Full,
    /// The browser forbids storage for this site.
    Forbidden,
    /// Any other refusal, by the name of the browser's error.
    Refused(String),
    /// Only quarantine keys can be discarded.
    NotQuarantineKey(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Unavailable(reason) => f.write_str(reason),
            SaveError::NewerSchema { .. } => f.write_str(
                "a newer version of Magnesium Tracker saved this data. Update the app (reload) before changing it.",
            ),
            SaveError::Full => f.write_str(
                "the browser's storage for this app is full. Export a backup and delete old days to make room.",
            ),
            SaveError::Forbidden => f.write_str(
                "this browser blocks storage for this site (private mode or a privacy setting).",
            ),
            SaveError::Refused(name) => write!(f, "the browser refused to store it ({name})."),
            SaveError::NotQuarantineKey(key) => write!(f, "{key} is not a quarantine key"),
        }
    }
}

impl std::error::Error for SaveError {}

/// Checks that localStorage can be used. gloo's calls throw when storage is
/// disabled, so availability is checked through web-sys before any of them.
fn available() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(()),
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
    if let Err(reason) = available() {
        loaded.problems.push(Problem::Unavailable(reason));
        return loaded;
    }
    for key in keys() {
        if let Some(q) = QuarantineKey::parse(&key) {
            // A quarantined value is raw text by design, not an envelope.
            let Some(raw) = raw_text(&key) else { continue };
            loaded.problems.push(Problem::Quarantined {
                original: q.original,
                quarantine_key: key,
                reason: "damaged data set aside earlier".into(),
                raw,
            });
            continue;
        }
        match load(&key) {
            Ok(Some(stored)) => loaded.records.push(stored),
            Ok(None) => {}
            Err(problem) => loaded.problems.push(problem),
        }
    }
    loaded
}

/// Reads the envelope under `key`: `Ok(None)` when the key is not a record
/// key or holds nothing, a problem when the value is damaged (it is then
/// quarantined) or from a newer app (it is left as it is).
fn load(key: &str) -> Result<Option<Stored>, Problem> {
    let Some(record_key) = RecordKey::parse(key) else {
        return Ok(None);
    };
    let Some(value) = read_json(key)? else {
        return Ok(None);
    };
    match schema::decode_value(record_key, value) {
        Ok(stored) => Ok(Some(stored)),
        Err(DecodeError::UnknownKey { .. }) => Ok(None),
        Err(DecodeError::NewerSchema { key, found, .. }) => {
            Err(Problem::NewerSchema { key, found })
        }
        Err(DecodeError::Corrupt { key, reason, .. }) => set_aside(key, reason),
    }
}

/// The JSON stored under `key`: `Ok(None)` when there is none, or when it
/// was not JSON and has been quarantined; a problem when storage refused.
fn read_json(key: &str) -> Result<Option<Value>, Problem> {
    match LocalStorage::get::<Value>(key) {
        Ok(value) => Ok(Some(value)),
        Err(StorageError::KeyNotFound(_)) => Ok(None),
        Err(StorageError::SerdeError(e)) => {
            set_aside(key.to_owned(), format!("not valid JSON ({e})")).map(|_| None)
        }
        Err(StorageError::JsError(e)) => Err(Problem::Unavailable(e.message)),
    }
}

/// Quarantines the value under `key`. The decoder saw parsed JSON, while the
/// copy must be the text exactly as stored, so the text is read here.
fn set_aside(key: String, reason: String) -> Result<Option<Stored>, Problem> {
    match raw_text(&key) {
        Some(raw) => Err(quarantine(key, reason, raw)),
        // Gone in the meantime (another tab): nothing to keep.
        None => Ok(None),
    }
}

/// Keys this app must not write: values from a newer app version.
pub fn blocked_keys(problems: &[Problem]) -> SortedSet<String> {
    SortedSet::from_iter(problems.iter().filter_map(|p| match p {
        Problem::NewerSchema { key, .. } => Some(key.clone()),
        _ => None,
    }))
}

/// Reads this device's record of type `T` (the sync setup or state):
/// `Ok(None)` when there is none, a problem when it is damaged (it is then
/// quarantined, like any record) or from a newer app (left as it is).
pub fn load_device<T: DeviceRecord>() -> Result<Option<T>, Problem> {
    available().map_err(Problem::Unavailable)?;
    let Some(value) = read_json(T::KEY.as_str())? else {
        return Ok(None);
    };
    match schema::decode_device::<T>(value) {
        Ok(record) => Ok(Some(record)),
        Err(DecodeError::NewerSchema { key, found, .. }) => {
            Err(Problem::NewerSchema { key, found })
        }
        Err(DecodeError::Corrupt { key, reason, .. }) => set_aside(key, reason).map(|_| None),
        Err(DecodeError::UnknownKey { .. }) => Ok(None),
    }
}

/// Writes this device's record of type `T`, with the same guard as [`save`].
pub fn save_device<T: DeviceRecord>(value: &T, at_ms: u64) -> Result<(), SaveError> {
    let key = T::KEY.as_str();
    writable_key(key)?;
    LocalStorage::set(key, schema::encode_device(value, at_ms)).map_err(write_error)
}

/// Deletes this device's record under `key`, unless a newer app wrote it.
pub fn remove_device(key: DeviceKey) -> Result<(), SaveError> {
    writable_key(key.as_str())?;
    LocalStorage::delete(key.as_str());
    Ok(())
}

/// Writes one record. It refuses to overwrite a value from a newer app
/// version; on any failure nothing stored before is changed.
pub fn save(stored: &Stored) -> Result<(), SaveError> {
    let key = stored.key();
    writable(key)?;
    LocalStorage::set(key.to_string(), Envelope(stored)).map_err(write_error)
}

/// Deletes one record, unless a newer app version wrote it.
pub fn remove(key: RecordKey) -> Result<(), SaveError> {
    writable(key)?;
    LocalStorage::delete(key.to_string());
    Ok(())
}

/// Checks that `key` may be written: storage works and the key does not
/// hold a value from a newer app version. Reading the stored value before
/// each write is what makes the guard true even when another tab or a newer
/// app wrote the key after this one loaded.
fn writable(key: RecordKey) -> Result<(), SaveError> {
    writable_key(&key.to_string())
}

fn writable_key(key: &str) -> Result<(), SaveError> {
    available().map_err(SaveError::Unavailable)?;
    let key = key.to_owned();
    match LocalStorage::get::<Value>(&key) {
        Ok(value) => match schema::newer_schema(&value) {
            Some(found) => Err(SaveError::NewerSchema { key, found }),
            None => Ok(()),
        },
        // Nothing stored, or text that is not JSON and so not an envelope
        // of any schema: nothing a newer app wrote is at stake.
        Err(_) => Ok(()),
    }
}

/// Deletes a quarantined copy, once the person has downloaded or dismissed it.
pub fn discard_quarantined(quarantine_key: &str) -> Result<(), SaveError> {
    if QuarantineKey::parse(quarantine_key).is_none() {
        return Err(SaveError::NotQuarantineKey(quarantine_key.to_owned()));
    }
    available().map_err(SaveError::Unavailable)?;
    LocalStorage::delete(quarantine_key);
    Ok(())
}

/// Approximate bytes used by this app: browsers count UTF-16 code units.
pub fn usage_bytes() -> usize {
    if available().is_err() {
        return 0;
    }
    keys()
        .into_iter()
        .map(|k| {
            let value = raw_text(&k).unwrap_or_default();
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

/// Every key this app owns, sorted. Only called once [`available`] passed.
fn keys() -> Vec<String> {
    let store = LocalStorage::raw();
    let count = store.length().unwrap_or(0);
    // The keys are distinct; a sorted set orders them with the app's one
    // sort rather than a copy of the standard library's.
    let keys: SortedSet<String> = (0..count)
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| schema::is_app_key(k))
        .collect();
    keys.into_iter().collect()
}

/// The text stored under `key`, for the quarantine copy and the usage
/// count; records themselves are read through gloo's typed `get`.
fn raw_text(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn quarantine(key: String, reason: String, raw: String) -> Problem {
    let store = LocalStorage::raw();
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

/// Sorts a refused write by the browser's error name.
fn write_error(error: StorageError) -> SaveError {
    match error {
        StorageError::JsError(e) => match e.name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => SaveError::Full,
            "SecurityError" => SaveError::Forbidden,
            _ => SaveError::Refused(e.name),
        },
        // Serialising an envelope cannot fail (see `schema::encode`), and a
        // write never reads a key; both are reported rather than unwrapped.
        StorageError::SerdeError(e) => SaveError::Refused(e.to_string()),
        StorageError::KeyNotFound(key) => SaveError::Refused(key),
    }
}
