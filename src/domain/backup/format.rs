//! The file itself: its name and version, the records it holds, writing
//! one, and the weekly reminder to make one.

use super::*;

/// The `format` value that identifies a backup file.
pub const FORMAT_NAME: &str = "magnesium-tracker-backup";
/// The file format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest file accepted (10 MB). Years of daily use stay far below
/// this; a larger file is not a backup of this app, and parsing it could
/// freeze a phone.
pub const MAX_BACKUP_BYTES: usize = 10 * 1024 * 1024;
/// At most this many problems are listed in [`ImportError::Invalid`].
pub const MAX_LISTED_PROBLEMS: usize = 20;

/// Everything stored, keyed by record key. Every record sits under its own
/// key by construction.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    records: SortedMap<RecordKey, Stored>,
}

/// A parsed, fully validated backup.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub(super) exported_at_ms: u64,
    pub(super) records: Snapshot,
}

impl Snapshot {
    pub fn empty() -> Snapshot {
        Snapshot {
            records: SortedMap::new(),
        }
    }

    /// Stores `stored` under its key, returning what was there.
    pub fn insert(&mut self, stored: Stored) -> Option<Stored> {
        self.records.insert(stored.key(), stored)
    }

    pub fn remove(&mut self, key: &RecordKey) -> Option<Stored> {
        self.records.remove(key)
    }

    pub fn get(&self, key: &RecordKey) -> Option<&Stored> {
        self.records.get(key)
    }

    /// Every record in key order (singletons, then day logs by date, then
    /// diary entries by date, then meta).
    pub fn iter(&self) -> impl Iterator<Item = &Stored> {
        self.records.values()
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The records a backup covers: everything except store metadata.
    pub(super) fn user_data(&self) -> impl Iterator<Item = &Stored> {
        self.records.values().filter(|s| s.key() != RecordKey::Meta)
    }
}

impl FromIterator<Stored> for Snapshot {
    fn from_iter<I: IntoIterator<Item = Stored>>(iter: I) -> Snapshot {
        let mut snapshot = Snapshot::empty();
        for stored in iter {
            snapshot.insert(stored);
        }
        snapshot
    }
}

impl Backup {
    /// When the backup was made, in ms since the Unix epoch.
    pub fn exported_at_ms(&self) -> u64 {
        self.exported_at_ms
    }

    /// The records in the backup (never store metadata).
    pub fn records(&self) -> &Snapshot {
        &self.records
    }
}

/// The backup file for `snapshot`, pretty-printed so a person can read it.
pub fn export_backup(snapshot: &Snapshot, exported_at_ms: u64) -> String {
    let single = |key: RecordKey| snapshot.get(&key).map_or(Value::Null, encode_value);
    let list = |kind: RecordKind| {
        Value::Array(
            snapshot
                .user_data()
                .filter(|s| s.key().kind() == kind)
                .map(encode_value)
                .collect(),
        )
    };
    let mut file = Map::new();
    file.insert("format".into(), FORMAT_NAME.into());
    file.insert("format_version".into(), FORMAT_VERSION.into());
    file.insert(
        "exported_at".into(),
        format_timestamp(exported_at_ms).into(),
    );
    file.insert("profile".into(), single(RecordKey::Profile));
    file.insert("settings".into(), single(RecordKey::Settings));
    file.insert("custom_items".into(), single(RecordKey::CustomItems));
    file.insert("symptoms".into(), single(RecordKey::Symptoms));
    file.insert("regimen".into(), single(RecordKey::Regimen));
    file.insert("meals".into(), single(RecordKey::Meals));
    file.insert("recipes".into(), single(RecordKey::Recipes));
    file.insert("prices".into(), single(RecordKey::Prices));
    file.insert("list".into(), single(RecordKey::ShoppingList));
    file.insert("days".into(), list(RecordKind::Day));
    file.insert("diary".into(), list(RecordKind::Diary));
    // Pretty-printing a `Value` cannot fail; the fallback keeps the
    // signature infallible without a panic path.
    serde_json::to_string_pretty(&Value::Object(file)).unwrap_or_default()
}

/// A week, the longest stretch of new entries the app lets pass without
/// reminding the person to export a backup.
pub const BACKUP_REMINDER_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// True when the person should be reminded to export: some record changed
/// after the last backup (or there never was one), and the oldest such change
/// is at least [`BACKUP_REMINDER_MS`] old.
pub fn backup_due(
    last_backup_ms: Option<u64>,
    change_times: impl IntoIterator<Item = u64>,
    now_ms: u64,
) -> bool {
    let since = last_backup_ms.unwrap_or(0);
    change_times
        .into_iter()
        .filter(|&t| t > since)
        .min()
        .is_some_and(|oldest| now_ms.saturating_sub(oldest) >= BACKUP_REMINDER_MS)
}
