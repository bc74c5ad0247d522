//! The app's state in memory, loaded once from the storage adapter and
//! written back record by record. Pages read `Store::data` and change it only
//! through the actions here, so every change is saved the same way.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;

use crate::domain::date::Date;
use crate::domain::day::{CustomItem, DayLog};
use crate::domain::diary::{DiaryEntry, SymptomList};
use crate::domain::dri::{self, Profile, Reference};
use crate::domain::schema::{self, Record, RecordKey, Settings, Stored};
use crate::storage::{self, Problem};

/// Everything the person has stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Data {
    pub profile: Option<Profile>,
    pub settings: Settings,
    pub custom_items: Vec<CustomItem>,
    pub symptoms: SymptomList,
    pub days: BTreeMap<Date, DayLog>,
    pub diary: BTreeMap<Date, DiaryEntry>,
    /// When each record last changed, for the two-tab rule (newer wins).
    pub stamps: BTreeMap<RecordKey, u64>,
}

impl Data {
    fn empty() -> Data {
        Data {
            profile: None,
            settings: Settings::first_run(),
            custom_items: Vec::new(),
            symptoms: SymptomList::defaults(),
            days: BTreeMap::new(),
            diary: BTreeMap::new(),
            stamps: BTreeMap::new(),
        }
    }

    /// Takes in a record as loaded or imported: its value and its time.
    pub(crate) fn apply(&mut self, stored: Stored) {
        self.stamps.insert(stored.key(), stored.updated_at_ms());
        match stored.into_record() {
            Record::Profile(p) => self.profile = Some(p),
            Record::Settings(s) => self.settings = s,
            Record::CustomItems(items) => self.custom_items = items,
            Record::Symptoms(list) => self.symptoms = list,
            Record::Day(day) => {
                self.days.insert(day.date(), day);
            }
            Record::Diary(entry) => {
                self.diary.insert(entry.date(), entry);
            }
            Record::Meta(_) => {}
        }
    }

    /// A record gone from storage: singletons return to their first-run value.
    pub(crate) fn forget(&mut self, key: RecordKey) {
        self.stamps.remove(&key);
        match key {
            RecordKey::Profile => self.profile = None,
            RecordKey::Settings => self.settings = Settings::first_run(),
            RecordKey::CustomItems => self.custom_items.clear(),
            RecordKey::Symptoms => self.symptoms = SymptomList::defaults(),
            RecordKey::Day(d) => {
                self.days.remove(&d);
            }
            RecordKey::Diary(d) => {
                self.diary.remove(&d);
            }
            RecordKey::Meta => {}
        }
    }

    /// The profile the targets use: the person's, or
    /// [`Profile::default_adult`] until they save one. Pages state what that
    /// default gets with [`dri::default_adult_sentence`], which follows the
    /// chosen reference set.
    pub fn effective_profile(&self) -> Profile {
        self.profile.unwrap_or_else(Profile::default_adult)
    }

    /// The reference values in force for the person and chosen set.
    pub fn reference(&self) -> Reference {
        dri::reference(self.effective_profile(), self.settings.reference_set)
    }
}

/// The reactive store; the shell provides its slot (see `app_wide`).
#[derive(Clone, Copy)]
pub struct Store {
    pub data: RwSignal<Data>,
    /// Damaged or too-new values found when loading, for the banner.
    pub problems: RwSignal<Vec<Problem>>,
    /// The last failed write, shown as "Not saved — …" until a write works.
    pub save_error: RwSignal<Option<String>>,
    blocked: RwSignal<BTreeSet<String>>,
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
    /// Loads everything from storage and starts listening to other tabs.
    pub fn load() -> Store {
        let loaded = storage::load_all();
        let mut data = Data::empty();
        for stored in loaded.records {
            data.apply(stored);
        }
        let store = Store {
            data: RwSignal::new(data),
            blocked: RwSignal::new(storage::blocked_keys(&loaded.problems)),
            problems: RwSignal::new(loaded.problems),
            save_error: RwSignal::new(None),
        };
        storage::watch_other_tabs(move |key, value| store.incoming(&key, value));
        store
    }

    /// Applies a change made in another tab, unless ours is newer.
    fn incoming(&self, key: &str, value: Option<String>) {
        if key.is_empty() {
            // The other tab cleared everything: mirror what is stored now.
            let loaded = storage::load_all();
            let mut data = Data::empty();
            for stored in loaded.records {
                data.apply(stored);
            }
            self.data.set(data);
            return;
        }
        let Some(record_key) = RecordKey::parse(key) else {
            return;
        };
        match value {
            None => self.data.update(|d| d.forget(record_key)),
            Some(raw) => match schema::decode(key, &raw) {
                Ok(stored) => {
                    let ours = self
                        .data
                        .with_untracked(|d| d.stamps.get(&record_key).copied());
                    if ours.is_none_or(|t| stored.updated_at_ms() >= t) {
                        self.data.update(|d| d.apply(stored));
                    }
                }
                Err(schema::DecodeError::NewerSchema { key, found, .. }) => {
                    self.blocked.update(|b| {
                        b.insert(key.clone());
                    });
                    self.problems
                        .update(|p| p.push(Problem::NewerSchema { key, found }));
                }
                // Another tab wrote something we cannot read; the next load
                // quarantines it. Until then our copy stays in memory.
                Err(_) => {}
            },
        }
    }

    /// Saves one record and remembers its time. A failure leaves memory as
    /// it is and shows "Not saved"; storage keeps what it had.
    pub(crate) fn commit(&self, record: Record) {
        let stored = Stored::new(record, now_ms());
        let key = stored.key();
        if self
            .blocked
            .with_untracked(|b| b.contains(&key.to_string()))
        {
            self.save_error.set(Some(
                "a newer version of Magnesium Tracker saved this data. Update the app (reload) before changing it."
                    .into(),
            ));
            return;
        }
        self.data.update(|d| {
            d.stamps.insert(key, stored.updated_at_ms());
        });
        match storage::save(&stored) {
            Ok(()) => {
                self.save_error.set(None);
                ask_to_persist_once();
            }
            Err(e) => self.save_error.set(Some(e.0)),
        }
    }

    pub(crate) fn remove(&self, key: RecordKey) {
        self.data.update(|d| d.forget(key));
        match storage::remove(key) {
            Ok(()) => self.save_error.set(None),
            Err(e) => self.save_error.set(Some(e.0)),
        }
    }

    /// The person's daily target in mg, as a memo for pages that show shares
    /// of it; `None` where the chosen reference set publishes no value.
    pub fn target_mg(&self) -> Memo<Option<f64>> {
        let data = self.data;
        Memo::new(move |_| data.with(|d| d.reference().target.map(|t| f64::from(t.mg))))
    }

    /// Changes one day's log (creating it when needed) and saves it.
    pub fn update_day<R>(&self, date: Date, f: impl FnOnce(&mut DayLog) -> R) -> R {
        let (result, day) = self
            .data
            .try_update(|d| {
                let day = d.days.entry(date).or_insert_with(|| DayLog::new(date));
                let result = f(day);
                (result, day.clone())
            })
            .expect("the store lives as long as the app");
        if day.entries().is_empty() {
            self.remove(RecordKey::Day(date));
        } else {
            self.commit(Record::Day(day));
        }
        result
    }

    /// Changes one day's diary entry (creating it when needed) and saves it.
    pub fn update_diary<R>(&self, date: Date, f: impl FnOnce(&mut DiaryEntry) -> R) -> R {
        let (result, entry) = self
            .data
            .try_update(|d| {
                let entry = d
                    .diary
                    .entry(date)
                    .or_insert_with(|| DiaryEntry::new(date, now_ms()));
                let result = f(entry);
                (result, entry.clone())
            })
            .expect("the store lives as long as the app");
        if entry.is_empty() {
            self.remove(RecordKey::Diary(date));
        } else {
            self.commit(Record::Diary(entry));
        }
        result
    }

    /// Puts back a whole diary entry (undo of a delete).
    pub fn put_diary(&self, entry: DiaryEntry) {
        let date = entry.date();
        self.data.update(|d| {
            d.diary.insert(date, entry.clone());
        });
        self.commit(Record::Diary(entry));
    }

    pub fn delete_diary(&self, date: Date) -> Option<DiaryEntry> {
        let entry = self.data.with_untracked(|d| d.diary.get(&date).cloned())?;
        self.remove(RecordKey::Diary(date));
        Some(entry)
    }

    pub fn set_profile(&self, profile: Profile) {
        self.data.update(|d| d.profile = Some(profile));
        self.commit(Record::Profile(profile));
    }

    pub fn update_settings(&self, f: impl FnOnce(&mut Settings)) {
        let settings = self
            .data
            .try_update(|d| {
                f(&mut d.settings);
                d.settings.clone()
            })
            .expect("the store lives as long as the app");
        self.commit(Record::Settings(settings));
    }

    pub fn update_symptoms<R>(&self, f: impl FnOnce(&mut SymptomList) -> R) -> R {
        let (result, list) = self
            .data
            .try_update(|d| {
                let result = f(&mut d.symptoms);
                (result, d.symptoms.clone())
            })
            .expect("the store lives as long as the app");
        self.commit(Record::Symptoms(list));
        result
    }

    pub fn update_custom_items<R>(&self, f: impl FnOnce(&mut Vec<CustomItem>) -> R) -> R {
        let (result, items) = self
            .data
            .try_update(|d| {
                let result = f(&mut d.custom_items);
                (result, d.custom_items.clone())
            })
            .expect("the store lives as long as the app");
        self.commit(Record::CustomItems(items));
        result
    }

    /// Drops a quarantined copy from storage and from the banner.
    pub fn discard_problem(&self, quarantine_key: &str) {
        if let Err(e) = storage::discard_quarantined(quarantine_key) {
            self.save_error.set(Some(e.0));
            return;
        }
        self.problems.update(|p| {
            p.retain(|problem| !matches!(problem, Problem::Quarantined { quarantine_key: k, .. } if k == quarantine_key))
        });
    }
}
