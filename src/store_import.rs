//! Store actions for the full backup: the snapshot an export writes, and
//! applying an import plan computed by [`crate::domain::backup`].
//!
//! Imported records are written through the storage adapter with the
//! timestamps they carry (not restamped as an edit would be), so a replace
//! leaves the data exactly as the backup had it and a later merge still
//! compares the real times.

use leptos::prelude::*;

use crate::domain::backup::{ImportPlan, Snapshot};
use crate::domain::schema::{Record, RecordKey, Stored};
use crate::storage;
use crate::store::{Data, Store};

impl Store {
    /// Everything stored, as the backup sees it. Singletons that were never
    /// saved (the first-run settings, the built-in symptom list) are left out,
    /// so a backup from a new installation does not claim to hold choices the
    /// person never made. Days and diary entries are always included.
    pub fn snapshot(&self) -> Snapshot {
        self.data.with_untracked(snapshot_of)
    }

    /// Writes `plan` and updates memory to match. Every record is checked
    /// against the keys a newer app version owns before anything is written;
    /// after that, records are written one by one and memory follows each
    /// successful write, so a failure half-way leaves memory equal to storage.
    pub fn apply_import(&self, plan: &ImportPlan) -> Result<(), String> {
        let blocked = storage::blocked_keys(&self.problems.get_untracked());
        let touched = plan
            .writes
            .iter()
            .map(Stored::key)
            .chain(plan.removals.iter().copied());
        for key in touched {
            if blocked.contains(&key.to_string()) {
                return Err(format!(
                    "a newer version of Magnesium Tracker saved {key}. Update the app (reload) before importing."
                ));
            }
        }
        for stored in &plan.writes {
            if let Err(e) = storage::save(stored) {
                self.save_error.set(Some(e.0.clone()));
                return Err(e.0);
            }
            self.data.update(|d| d.apply(stored.clone()));
        }
        for key in &plan.removals {
            if let Err(e) = storage::remove(*key) {
                self.save_error.set(Some(e.0.clone()));
                return Err(e.0);
            }
            self.data.update(|d| d.forget(*key));
        }
        self.save_error.set(None);
        Ok(())
    }
}

fn snapshot_of(data: &Data) -> Snapshot {
    let stamp = |key: RecordKey| data.stamps.get(&key).copied();
    let mut records: Vec<Stored> = Vec::new();
    if let (Some(profile), Some(at)) = (data.profile, stamp(RecordKey::Profile)) {
        records.push(Stored::new(Record::Profile(profile), at));
    }
    if let Some(at) = stamp(RecordKey::Settings) {
        records.push(Stored::new(Record::Settings(data.settings.clone()), at));
    }
    if let Some(at) = stamp(RecordKey::CustomItems) {
        records.push(Stored::new(
            Record::CustomItems(data.custom_items.clone()),
            at,
        ));
    }
    if let Some(at) = stamp(RecordKey::Symptoms) {
        records.push(Stored::new(Record::Symptoms(data.symptoms.clone()), at));
    }
    // A day in memory always has a stamp once saved; 0 (the oldest time)
    // covers one whose save failed, so it is exported but loses any merge.
    for (date, log) in &data.days {
        let at = stamp(RecordKey::Day(*date)).unwrap_or(0);
        records.push(Stored::new(Record::Day(log.clone()), at));
    }
    for entry in data.diary.values() {
        // A diary entry carries its own time; `Stored::new` uses it.
        records.push(Stored::new(Record::Diary(entry.clone()), 0));
    }
    records.into_iter().collect()
}
