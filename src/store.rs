//! The app's state in memory, loaded once from the storage adapter and
//! written back record by record. Pages read `Store::data` and change it only
//! through the actions here, so every change is saved the same way.
//!
//! Each action computes the new record from a copy, asks the storage adapter
//! to write it, and only once the write succeeded takes it into memory (with
//! [`Data::apply`] or [`Data::forget`]). A failed write therefore leaves
//! memory and storage as they were and shows "Not saved — …".

use std::future::Future;

use leptos::prelude::*;

use crate::domain::data::Data;
use crate::domain::date::Date;
use crate::domain::day::{CustomItem, DayLog};
use crate::domain::diary::{DiaryEntry, SymptomList};
use crate::domain::dri::Profile;
use crate::domain::schema::{self, Meta, Record, RecordKey, Stored};
use crate::domain::settings::Settings;
pub use crate::storage::Problem;
use crate::storage::{self, SaveError};

/// The reactive store; the shell provides its slot (see `app_wide`).
#[derive(Clone, Copy)]
pub struct Store {
    pub data: RwSignal<Data>,
    /// Damaged or too-new values found when loading, for the banner.
    pub problems: RwSignal<Vec<Problem>>,
    /// The last failed write, shown as "Not saved — …" until a write works.
    pub save_error: RwSignal<Option<String>>,
}

/// The store, loaded from storage the first time a page asks for it.
pub fn use_store() -> Store {
    crate::app_wide::AppWide::get_or_init(Store::load)
}

thread_local! {
    static ASKED_TO_PERSIST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The first time the person saves something in a session is the sensible
/// moment to ask the browser to keep the data under storage pressure: there
/// is now something to lose. Chromium decides without a prompt.
fn ask_to_persist_once() {
    if !ASKED_TO_PERSIST.with(|a| a.replace(true)) {
        leptos::task::spawn_local(async {
            let _ = storage::request_persistence(true).await;
        });
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The person's local calendar day.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_else(|| Date::from_days_since_epoch((js_sys::Date::now() / 86_400_000.0) as i32))
}

impl Store {
    /// Loads everything from storage, records which app version last opened
    /// the store, and starts listening to other tabs.
    pub fn load() -> Store {
        let loaded = storage::load_all();
        write_meta(&loaded.records);
        let store = Store {
            data: RwSignal::new(Data::from_records(loaded.records)),
            problems: RwSignal::new(loaded.problems),
            save_error: RwSignal::new(None),
        };
        storage::watch_other_tabs(move |key, value| store.incoming(&key, value));
        store
    }

    /// Applies a change made in another tab when it wins the two-tab rule
    /// ([`Data::take_incoming`]).
    fn incoming(&self, key: &str, value: Option<String>) {
        if key.is_empty() {
            // The other tab cleared everything: mirror what is stored now.
            self.data
                .set(Data::from_records(storage::load_all().records));
            return;
        }
        let Some(record_key) = RecordKey::parse(key) else {
            return;
        };
        match value {
            None => self.data.update(|d| d.forget(record_key)),
            Some(raw) => match schema::decode(key, &raw) {
                Ok(stored) => {
                    // Decided without a write first, so a losing version
                    // re-runs no reader.
                    if self.data.with_untracked(|d| d.incoming_wins(&stored)) {
                        self.data.update(|d| d.apply(stored));
                    }
                }
                // The adapter refuses to write this key from now on; the
                // banner says why.
                Err(schema::DecodeError::NewerSchema { key, found, .. }) => {
                    // Storage events can repeat a change already seen (or
                    // found at load), and one banner per key is enough.
                    let problem = Problem::NewerSchema { key, found };
                    if !self.problems.with_untracked(|p| p.contains(&problem)) {
                        self.problems.update(|p| p.push(problem));
                    }
                }
                // Another tab wrote something we cannot read; the next load
                // quarantines it. Until then our copy stays in memory.
                Err(_) => {}
            },
        }
    }

    /// Saves one record stamped now and, once it is stored, takes it into
    /// memory. Returns whether it was saved.
    pub(crate) fn commit(&self, record: Record) -> bool {
        let stored = Stored::new(record, now_ms());
        match storage::save(&stored) {
            Ok(()) => {
                self.data.update(|d| d.apply(stored));
                self.save_error.set(None);
                ask_to_persist_once();
                true
            }
            Err(e) => self.failed(&e),
        }
    }

    /// Deletes one record and, once it is gone from storage, from memory.
    pub(crate) fn remove(&self, key: RecordKey) -> bool {
        match storage::remove(key) {
            Ok(()) => {
                self.data.update(|d| d.forget(key));
                self.save_error.set(None);
                true
            }
            Err(e) => self.failed(&e),
        }
    }

    /// Shows a failed write as "Not saved — …".
    pub(crate) fn failed(&self, error: &SaveError) -> bool {
        self.save_error.set(Some(error.to_string()));
        false
    }

    /// The person's daily target in mg ([`Data::target_mg`]), as a memo for
    /// pages that show shares of it; `None` where the chosen reference set
    /// publishes no value.
    pub fn target_mg(&self) -> Memo<Option<f64>> {
        let data = self.data;
        Memo::new(move |_| data.with(|d| d.target_mg().map(f64::from)))
    }

    /// Changes one day's log (creating it when needed) and saves it; a log
    /// left with no entries is deleted instead.
    pub fn update_day<R>(&self, date: Date, f: impl FnOnce(&mut DayLog) -> R) -> R {
        let mut day = self
            .data
            .with_untracked(|d| d.days.get(&date).cloned())
            .unwrap_or_else(|| DayLog::new(date));
        let result = f(&mut day);
        if day.entries().is_empty() {
            self.remove(RecordKey::Day(date));
        } else {
            self.commit(Record::Day(day));
        }
        result
    }

    /// Changes one day's diary entry (creating it when needed) and saves it;
    /// an entry left empty is deleted instead.
    pub fn update_diary<R>(&self, date: Date, f: impl FnOnce(&mut DiaryEntry) -> R) -> R {
        let mut entry = self
            .data
            .with_untracked(|d| d.diary.get(&date).cloned())
            .unwrap_or_else(|| DiaryEntry::new(date, now_ms()));
        let result = f(&mut entry);
        if entry.is_empty() {
            self.remove(RecordKey::Diary(date));
        } else {
            self.commit(Record::Diary(entry));
        }
        result
    }

    /// Puts back a whole diary entry (undo of a delete).
    pub fn put_diary(&self, entry: DiaryEntry) {
        self.commit(Record::Diary(entry));
    }

    pub fn delete_diary(&self, date: Date) -> Option<DiaryEntry> {
        let entry = self.data.with_untracked(|d| d.diary.get(&date).cloned())?;
        self.remove(RecordKey::Diary(date));
        Some(entry)
    }

    pub fn set_profile(&self, profile: Profile) {
        self.commit(Record::Profile(profile));
    }

    pub fn update_settings(&self, f: impl FnOnce(&mut Settings)) {
        let mut settings = self.data.with_untracked(|d| d.settings.clone());
        f(&mut settings);
        self.commit(Record::Settings(settings));
    }

    pub fn update_symptoms<R>(&self, f: impl FnOnce(&mut SymptomList) -> R) -> R {
        let mut list = self.data.with_untracked(|d| d.symptoms.clone());
        let result = f(&mut list);
        self.commit(Record::Symptoms(list));
        result
    }

    pub fn update_custom_items<R>(&self, f: impl FnOnce(&mut Vec<CustomItem>) -> R) -> R {
        let mut items = self.data.with_untracked(|d| d.custom_items.clone());
        let result = f(&mut items);
        self.commit(Record::CustomItems(items));
        result
    }

    /// Drops a quarantined copy from storage and from the banner.
    pub fn discard_problem(&self, quarantine_key: &str) {
        if let Err(e) = storage::discard_quarantined(quarantine_key) {
            self.failed(&e);
            return;
        }
        self.problems.update(|p| {
            p.retain(|problem| !matches!(problem, Problem::Quarantined { quarantine_key: k, .. } if k == quarantine_key))
        });
    }

    /// Approximately how many bytes the app's data takes in storage. Reads
    /// `data` so that a page showing it follows every change.
    pub fn usage_bytes(&self) -> usize {
        self.data.track();
        storage::usage_bytes()
    }

    /// Whether the browser keeps the data under storage pressure; with
    /// `ask`, asks it to. `None` where the browser cannot promise.
    pub fn persistence(self, ask: bool) -> impl Future<Output = Option<bool>> + use<> {
        storage::request_persistence(ask)
    }
}

/// Records in `mgt/meta` which app version last opened the store and which
/// key layout is on disk, when that differs from what is stored. A failure
/// is not shown: the person saved nothing, and a meta key from a newer app is
/// already reported by the newer-version banner.
fn write_meta(records: &[Stored]) {
    let current = Meta::current(env!("CARGO_PKG_VERSION"));
    let stored = records.iter().find_map(|s| match s.record() {
        Record::Meta(meta) => Some(meta),
        _ => None,
    });
    if stored != Some(&current) {
        let _ = storage::save(&Stored::new(Record::Meta(current), now_ms()));
    }
}
