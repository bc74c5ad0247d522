//! Store actions for the full backup: the snapshot an export writes, and
//! applying an import plan computed by [`crate::domain::backup`].
//!
//! Imported records are written through the storage adapter with the
//! timestamps they carry (not restamped as an edit would be), so a replace
//! leaves the data exactly as the backup had it and a later merge still
//! compares the real times.

use leptos::prelude::*;

use crate::domain::backup::{ImportPlan, Snapshot};
use crate::domain::schema::Stored;
use crate::storage;
use crate::store::Store;

impl Store {
    /// Everything stored, as the backup sees it ([`crate::domain::data::Data::snapshot`]).
    pub fn snapshot(&self) -> Snapshot {
        self.data_untracked().snapshot()
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
                self.failed(&e);
                return Err(e.to_string());
            }
            self.take(stored.clone());
        }
        for key in &plan.removals {
            if let Err(e) = storage::remove(*key) {
                self.failed(&e);
                return Err(e.to_string());
            }
            self.forget(*key);
        }
        self.save_error.set(None);
        Ok(())
    }
}
