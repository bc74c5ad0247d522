//! The import plan: the state after a merge or a replace, the writes and
//! removals for the storage adapter, and the counts for the preview.

use super::*;
use crate::domain::schema::{Combined, combine};

/// How an import treats existing data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Keep existing records; on conflict the newer version wins.
    Merge,
    /// Make the stored data exactly the backup's, removing records the
    /// backup does not have.
    Replace,
}

/// What an import does to one kind of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindCounts {
    pub kind: RecordKind,
    /// In the backup, not stored yet.
    pub added: usize,
    /// Stored with the same content.
    pub unchanged: usize,
    /// Stored with different content; the backup's version is written.
    pub replaced: usize,
    /// Stored with different content; the stored version is newer and stays
    /// (merge only).
    pub kept: usize,
    /// Both versions combined (the symptom list in a merge).
    pub merged: usize,
    /// Stored but not in the backup, and removed (replace only).
    pub removed: usize,
}

/// The outcome of an import, computed before anything is written.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub mode: ImportMode,
    /// One entry per kind of user data, in backup order.
    pub counts: Vec<KindCounts>,
    /// The state after the import.
    pub result: Snapshot,
    /// Records to write (encode each with [`crate::domain::schema::encode`]
    /// under `stored.key()`).
    pub writes: Vec<Stored>,
    /// Keys to remove.
    pub removals: Vec<RecordKey>,
}

impl KindCounts {
    /// Records present on both sides with different content.
    pub fn conflicts(&self) -> usize {
        self.replaced + self.kept + self.merged
    }

    fn new(kind: RecordKind) -> KindCounts {
        KindCounts {
            kind,
            added: 0,
            unchanged: 0,
            replaced: 0,
            kept: 0,
            merged: 0,
            removed: 0,
        }
    }
}

impl ImportPlan {
    /// True when applying the plan writes or removes anything.
    pub fn changes_anything(&self) -> bool {
        !self.writes.is_empty() || !self.removals.is_empty()
    }

    /// The counts for one kind.
    pub fn count(&self, kind: RecordKind) -> Option<&KindCounts> {
        self.counts.iter().find(|c| c.kind == kind)
    }
}

/// Works out what importing `backup` into `current` does. Nothing is
/// changed; `now_ms` stamps records that combine both sides.
pub fn plan_import(
    current: &Snapshot,
    backup: &Backup,
    mode: ImportMode,
    now_ms: u64,
) -> Result<ImportPlan, ImportError> {
    let mut counts: Vec<KindCounts> = USER_KINDS.iter().map(|k| KindCounts::new(*k)).collect();
    let mut result = current.clone();
    let mut writes = Vec::new();
    let mut removals = Vec::new();
    let tally = |counts: &mut Vec<KindCounts>, kind: RecordKind, f: &dyn Fn(&mut KindCounts)| {
        if let Some(c) = counts.iter_mut().find(|c| c.kind == kind) {
            f(c);
        }
    };

    for incoming in backup.records.user_data() {
        let key = incoming.key();
        let kind = key.kind();
        let Some(existing) = current.get(&key) else {
            tally(&mut counts, kind, &|c| c.added += 1);
            result.insert(incoming.clone());
            writes.push(incoming.clone());
            continue;
        };
        if existing.record() == incoming.record() {
            tally(&mut counts, kind, &|c| c.unchanged += 1);
            // Replace makes the state exactly the backup's, timestamps
            // included; merge leaves identical content alone.
            if mode == ImportMode::Replace && existing != incoming {
                result.insert(incoming.clone());
                writes.push(incoming.clone());
            }
            continue;
        }
        let chosen = match mode {
            ImportMode::Replace => {
                tally(&mut counts, kind, &|c| c.replaced += 1);
                Some(incoming.clone())
            }
            ImportMode::Merge => match combine(existing, incoming, now_ms).map_err(|_| {
                ImportError::TooManySymptoms {
                    max: crate::domain::diary::MAX_SYMPTOMS,
                }
            })? {
                Combined::Local => {
                    tally(&mut counts, kind, &|c| c.kept += 1);
                    None
                }
                Combined::Incoming => {
                    tally(&mut counts, kind, &|c| c.replaced += 1);
                    Some(incoming.clone())
                }
                Combined::Merged(stored) => {
                    tally(&mut counts, kind, &|c| c.merged += 1);
                    Some(stored)
                }
            },
        };
        if let Some(stored) = chosen {
            result.insert(stored.clone());
            writes.push(stored);
        }
    }

    if mode == ImportMode::Replace {
        for existing in current.user_data() {
            let key = existing.key();
            if backup.records.get(&key).is_none() {
                tally(&mut counts, key.kind(), &|c| c.removed += 1);
                result.remove(&key);
                removals.push(key);
            }
        }
    }

    Ok(ImportPlan {
        mode,
        counts,
        result,
        writes,
        removals,
    })
}

/// The kinds a backup carries, in file order.
const USER_KINDS: [RecordKind; 11] = [
    RecordKind::Profile,
    RecordKind::Settings,
    RecordKind::CustomItems,
    RecordKind::Symptoms,
    RecordKind::Regimen,
    RecordKind::Meals,
    RecordKind::Recipes,
    RecordKind::Prices,
    RecordKind::ShoppingList,
    RecordKind::Day,
    RecordKind::Diary,
];
