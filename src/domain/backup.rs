//! The full JSON backup of everything stored, and importing one back.
//!
//! # File format
//!
//! ```json
//! {
//!   "format": "magnesium-tracker-backup",
//!   "format_version": 1,
//!   "exported_at": "2025-03-09T12:34:56.789Z",
//!   "profile": {"schema": 1, "updated_at_ms": …, "data": …} or null,
//!   "settings": envelope or null,
//!   "custom_items": envelope or null,
//!   "symptoms": envelope or null,
//!   "days": [envelope, …],
//!   "diary": [envelope, …]
//! }
//! ```
//!
//! Every record is the same envelope that localStorage holds (see
//! [`crate::domain::schema`]), so a backup goes through the same validation
//! and the same migration chain as stored data, and keeps the timestamps
//! that merging needs. Store metadata (`mgt/meta`) is not user data and is
//! neither exported nor touched by an import.
//!
//! # Importing
//!
//! 1. [`parse_backup`] rejects files over [`MAX_BACKUP_BYTES`] before
//!    parsing, then validates everything (JSON syntax, format name and
//!    version, every record, dates, ratings, duplicates, ratings of unknown
//!    symptoms) and reports problems as sentences. Nothing changes yet.
//! 2. [`plan_import`] computes the resulting state, the writes and removals
//!    for the storage adapter, and counts for the preview ("adds 41 day
//!    logs; 3 day logs conflict with existing ones …").
//! 3. The adapter applies the writes and removals.
//!
//! Merge rule, decided: for each record present on both sides the version
//! with the newer `updated_at_ms` wins, exactly as between two tabs
//! ([`resolve_conflict`]). "Imported always wins" would let an old backup
//! silently undo days of newer diary entries; a person who wants the backup
//! exactly as it was chooses [`ImportMode::Replace`]. The symptom list is
//! the one exception: the newer list wins, and symptoms that only the other
//! list has are appended ([`SymptomList::merge_from`]), because diary ratings
//! refer to symptoms by id and a symptom must never vanish while ratings
//! point at it.

use crate::domain::date::{Date, format_timestamp, parse_timestamp};
use crate::domain::diary::{SymptomId, SymptomList};
use crate::domain::schema::{
    DecodeError, Record, RecordKey, RecordKind, Stored, Winner, decode_value, encode_value,
    resolve_conflict,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

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
    records: BTreeMap<RecordKey, Stored>,
}

/// A parsed, fully validated backup.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    exported_at_ms: u64,
    records: Snapshot,
}

/// How an import treats existing data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Keep existing records; on conflict the newer version wins.
    Merge,
    /// Make the stored data exactly the backup's, removing records the
    /// backup does not have.
    Replace,
}

/// Why a file cannot be imported. `Display` gives a sentence for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
        max: usize,
    },
    Empty,
    /// Not UTF-8 text.
    NotText,
    /// The JSON stops early, as a cut-off download or copy does.
    Truncated {
        line: usize,
        column: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// Valid JSON, but not a Magnesium Tracker backup.
    NotABackup,
    /// Made by a newer version of the app (a newer file format or record
    /// schema).
    NewerVersion {
        found: u64,
        supported: u32,
    },
    /// A backup with damaged or inconsistent content; `problems` lists the
    /// first [`MAX_LISTED_PROBLEMS`] of `total`.
    Invalid {
        problems: Vec<String>,
        total: usize,
    },
    /// Merging the symptom lists would exceed the list's size limit.
    TooManySymptoms {
        max: usize,
    },
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

impl Snapshot {
    pub fn empty() -> Snapshot {
        Snapshot {
            records: BTreeMap::new(),
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
    fn user_data(&self) -> impl Iterator<Item = &Stored> {
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

    /// The preview as English sentences, e.g. "Adds 41 day logs and 2 diary
    /// entries. 3 day logs conflict with existing ones: 2 newer in the backup
    /// will replace them, 1 older will be skipped."
    pub fn summary(&self) -> String {
        let mut sentences = Vec::new();
        let added: Vec<String> = self
            .counts
            .iter()
            .filter(|c| c.added > 0)
            .map(|c| counted(c.kind, c.added))
            .collect();
        if !added.is_empty() {
            sentences.push(format!("Adds {}.", join_and(&added)));
        }
        for c in &self.counts {
            let n = c.conflicts();
            if n == 0 {
                continue;
            }
            let what = counted(c.kind, n);
            let verb = if n == 1 { "conflicts" } else { "conflict" };
            let sentence = match self.mode {
                ImportMode::Replace => {
                    format!("{what} {verb} with existing data and will be replaced.")
                }
                ImportMode::Merge if c.merged > 0 => {
                    format!("{what} {verb} with existing data and will be combined.")
                }
                ImportMode::Merge => {
                    let mut parts = Vec::new();
                    if c.replaced > 0 {
                        parts.push(format!(
                            "{} newer in the backup will replace {}",
                            c.replaced,
                            if c.replaced == 1 { "it" } else { "them" }
                        ));
                    }
                    if c.kept > 0 {
                        parts.push(format!("{} older will be skipped", c.kept));
                    }
                    format!("{what} {verb} with existing data: {}.", parts.join(", "))
                }
            };
            sentences.push(capitalise(&sentence));
        }
        let removed: Vec<String> = self
            .counts
            .iter()
            .filter(|c| c.removed > 0)
            .map(|c| counted(c.kind, c.removed))
            .collect();
        if !removed.is_empty() {
            sentences.push(format!(
                "Removes {} that the backup does not have.",
                join_and(&removed)
            ));
        }
        let unchanged: usize = self.counts.iter().map(|c| c.unchanged).sum();
        if unchanged > 0 {
            sentences.push(format!(
                "{unchanged} {} already identical.",
                if unchanged == 1 {
                    "record is"
                } else {
                    "records are"
                }
            ));
        }
        if sentences.is_empty() {
            sentences.push("The backup is empty; nothing changes.".to_owned());
        }
        sentences.join(" ")
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
    file.insert("days".into(), list(RecordKind::Day));
    file.insert("diary".into(), list(RecordKind::Diary));
    // Pretty-printing a `Value` cannot fail; the fallback keeps the
    // signature infallible without a panic path.
    serde_json::to_string_pretty(&Value::Object(file)).unwrap_or_default()
}

/// Parses and validates a backup file given as bytes (as read from a file
/// input). The size is checked before anything else.
pub fn parse_backup(bytes: &[u8]) -> Result<Backup, ImportError> {
    check_size(bytes.len())?;
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    parse_backup_str(text)
}

/// Parses and validates a backup file given as text.
pub fn parse_backup_str(text: &str) -> Result<Backup, ImportError> {
    check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        if e.is_eof() {
            ImportError::Truncated { line, column }
        } else {
            ImportError::NotJson { line, column }
        }
    })?;
    let Value::Object(mut file) = value else {
        return Err(ImportError::NotABackup);
    };
    if file.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(ImportError::NotABackup);
    }
    let mut problems = Problems::new();
    match file.get("format_version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err(ImportError::NewerVersion {
                found: v,
                supported: FORMAT_VERSION,
            });
        }
        Some(v) if v >= 1 => {}
        _ => problems.push("format_version: missing or not a positive whole number".into()),
    }
    let exported_at_ms = match file.get("exported_at").and_then(Value::as_str) {
        Some(text) => parse_timestamp(text).unwrap_or_else(|| {
            problems.push(format!("exported_at: {text:?} is not a UTC timestamp"));
            0
        }),
        None => {
            problems.push("exported_at: missing".into());
            0
        }
    };
    for field in file.keys() {
        if !TOP_LEVEL_FIELDS.contains(&field.as_str()) {
            problems.push(format!("{field}: unexpected field"));
        }
    }

    let mut records = Snapshot::empty();
    let singletons = [
        ("profile", RecordKey::Profile),
        ("settings", RecordKey::Settings),
        ("custom_items", RecordKey::CustomItems),
        ("symptoms", RecordKey::Symptoms),
    ];
    for (field, key) in singletons {
        match file.remove(field) {
            None => problems.push(format!("{field}: missing (use null for none)")),
            Some(Value::Null) => {}
            Some(value) => {
                if let Some(stored) = problems.decoded(field, key, value)? {
                    records.insert(stored);
                }
            }
        }
    }
    for (field, kind) in [("days", RecordKind::Day), ("diary", RecordKind::Diary)] {
        let items = match file.remove(field) {
            Some(Value::Array(items)) => items,
            Some(_) => {
                problems.push(format!("{field}: not a list"));
                continue;
            }
            None => {
                problems.push(format!("{field}: missing"));
                continue;
            }
        };
        for (i, value) in items.into_iter().enumerate() {
            let date = value
                .get("data")
                .and_then(|d| d.get("date"))
                .and_then(Value::as_str)
                .and_then(Date::parse);
            let Some(date) = date else {
                problems.push(format!("{field}[{i}]: no valid date"));
                continue;
            };
            let key = match kind {
                RecordKind::Day => RecordKey::Day(date),
                _ => RecordKey::Diary(date),
            };
            let place = format!("{field}[{i}] ({date})");
            if records.get(&key).is_some() {
                problems.push(format!("{place}: the same day appears twice"));
                continue;
            }
            if let Some(stored) = problems.decoded(&place, key, value)? {
                records.insert(stored);
            }
        }
    }

    check_rated_symptoms(&records, &mut problems);
    problems.finish()?;
    Ok(Backup {
        exported_at_ms,
        records,
    })
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
            ImportMode::Merge => match (existing.record(), incoming.record()) {
                (Record::Symptoms(mine), Record::Symptoms(theirs)) => {
                    let (base, other) = match resolve_conflict(existing, incoming) {
                        Winner::Local => (mine, theirs),
                        Winner::Incoming => (theirs, mine),
                    };
                    let mut combined = base.clone();
                    combined
                        .merge_from(other)
                        .map_err(|_| ImportError::TooManySymptoms {
                            max: crate::domain::diary::MAX_SYMPTOMS,
                        })?;
                    if combined == *mine {
                        tally(&mut counts, kind, &|c| c.kept += 1);
                        None
                    } else if combined == *theirs {
                        tally(&mut counts, kind, &|c| c.replaced += 1);
                        Some(incoming.clone())
                    } else {
                        tally(&mut counts, kind, &|c| c.merged += 1);
                        let stamp = now_ms.max(
                            existing
                                .updated_at_ms()
                                .max(incoming.updated_at_ms())
                                .saturating_add(1),
                        );
                        Some(Stored::new(Record::Symptoms(combined), stamp))
                    }
                }
                _ => match resolve_conflict(existing, incoming) {
                    Winner::Incoming => {
                        tally(&mut counts, kind, &|c| c.replaced += 1);
                        Some(incoming.clone())
                    }
                    Winner::Local => {
                        tally(&mut counts, kind, &|c| c.kept += 1);
                        None
                    }
                },
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

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes, max } => write!(
                f,
                "The file is {:.1} MB; backups larger than {} MB are not accepted.",
                *bytes as f64 / 1_048_576.0,
                max / 1_048_576
            ),
            ImportError::Empty => f.write_str("The file is empty."),
            ImportError::NotText => {
                f.write_str("The file is not a text file, so it cannot be a backup.")
            }
            ImportError::Truncated { line, column } => write!(
                f,
                "The file ends too early (line {line}, column {column}); it may have been \
                 cut off while downloading or copying."
            ),
            ImportError::NotJson { line, column } => write!(
                f,
                "The file is not valid JSON (line {line}, column {column}), so it is not a \
                 backup from this app."
            ),
            ImportError::NotABackup => f.write_str("This file is not a Magnesium Tracker backup."),
            ImportError::NewerVersion { found, supported } => write!(
                f,
                "This backup was made by a newer version of Magnesium Tracker (version \
                 {found}; this one reads up to {supported}). Update the app, then import it."
            ),
            ImportError::Invalid { problems, total } => {
                write!(f, "The backup has {total} problem")?;
                if *total != 1 {
                    f.write_str("s")?;
                }
                f.write_str(" and nothing was imported:")?;
                for p in problems {
                    write!(f, "\n• {p}")?;
                }
                if *total > problems.len() {
                    write!(f, "\n• … and {} more", total - problems.len())?;
                }
                Ok(())
            }
            ImportError::TooManySymptoms { max } => write!(
                f,
                "Combining the symptom lists would give more than {max} symptoms; \
                 hide or use fewer custom symptoms, or replace instead of merging."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

const TOP_LEVEL_FIELDS: [&str; 9] = [
    "format",
    "format_version",
    "exported_at",
    "profile",
    "settings",
    "custom_items",
    "symptoms",
    "days",
    "diary",
];

/// The kinds a backup carries, in file order.
const USER_KINDS: [RecordKind; 6] = [
    RecordKind::Profile,
    RecordKind::Settings,
    RecordKind::CustomItems,
    RecordKind::Symptoms,
    RecordKind::Day,
    RecordKind::Diary,
];

/// Collects validation problems so the person sees all of them at once.
struct Problems {
    list: Vec<String>,
    total: usize,
}

impl Problems {
    fn new() -> Problems {
        Problems {
            list: Vec::new(),
            total: 0,
        }
    }

    fn push(&mut self, problem: String) {
        self.total += 1;
        if self.list.len() < MAX_LISTED_PROBLEMS {
            self.list.push(problem);
        }
    }

    /// Decodes one record; damage becomes a listed problem, a newer schema
    /// stops the import at once because nothing else matters then.
    fn decoded(
        &mut self,
        place: &str,
        key: RecordKey,
        value: Value,
    ) -> Result<Option<Stored>, ImportError> {
        match decode_value(key, value) {
            Ok(stored) => Ok(Some(stored)),
            Err(DecodeError::NewerSchema {
                found, supported, ..
            }) => Err(ImportError::NewerVersion { found, supported }),
            Err(DecodeError::Corrupt { reason, .. }) => {
                self.push(format!("{place}: {reason}"));
                Ok(None)
            }
            Err(e @ DecodeError::UnknownKey { .. }) => {
                self.push(format!("{place}: {e}"));
                Ok(None)
            }
        }
    }

    fn finish(self) -> Result<(), ImportError> {
        if self.total == 0 {
            Ok(())
        } else {
            Err(ImportError::Invalid {
                problems: self.list,
                total: self.total,
            })
        }
    }
}

/// Every rating in the backup must refer to a symptom in the backup's list
/// (or the built-in list, if the backup has none); otherwise the rating
/// would be imported but never shown or exported.
fn check_rated_symptoms(records: &Snapshot, problems: &mut Problems) {
    let defaults;
    let list = match records.get(&RecordKey::Symptoms).map(Stored::record) {
        Some(Record::Symptoms(list)) => list,
        _ => {
            defaults = SymptomList::defaults();
            &defaults
        }
    };
    let known: BTreeSet<&SymptomId> = list.all().iter().map(|s| s.id()).collect();
    for stored in records.iter() {
        if let Record::Diary(entry) = stored.record() {
            for id in entry.ratings().keys() {
                if !known.contains(id) {
                    problems.push(format!(
                        "diary ({}): a rating for the unknown symptom {:?}",
                        entry.date(),
                        id.as_str()
                    ));
                }
            }
        }
    }
}

fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_BACKUP_BYTES {
        Err(ImportError::TooLarge {
            bytes,
            max: MAX_BACKUP_BYTES,
        })
    } else {
        Ok(())
    }
}

/// "3 day logs", "1 diary entry", "the profile".
fn counted(kind: RecordKind, n: usize) -> String {
    let (one, many) = match kind {
        RecordKind::Profile => ("the profile", "profiles"),
        RecordKind::Settings => ("the settings", "settings"),
        RecordKind::CustomItems => ("the custom item list", "custom item lists"),
        RecordKind::Symptoms => ("the symptom list", "symptom lists"),
        RecordKind::Day => ("1 day log", "day logs"),
        RecordKind::Diary => ("1 diary entry", "diary entries"),
        RecordKind::Meta => ("the store information", "store information"),
    };
    if n == 1 {
        one.to_owned()
    } else {
        format!("{n} {many}")
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_backup_reminder_waits_for_a_week_of_unsaved_changes() {
        const DAY: u64 = 24 * 60 * 60 * 1000;
        let now = 100 * DAY;
        let cases: [(&str, Option<u64>, &[u64], bool); 6] = [
            ("nothing stored", None, &[], false),
            ("new data, no backup, 6 days", None, &[now - 6 * DAY], false),
            (
                "new data, no backup, 7 days",
                None,
                &[now - 7 * DAY, now - DAY],
                true,
            ),
            (
                "backed up after every change",
                Some(now - DAY),
                &[now - 30 * DAY, now - 2 * DAY],
                false,
            ),
            (
                "a change 8 days after the backup",
                Some(now - 20 * DAY),
                &[now - 12 * DAY, now - 30 * DAY],
                true,
            ),
            (
                "a change since the backup, 3 days",
                Some(now - 20 * DAY),
                &[now - 3 * DAY],
                false,
            ),
        ];
        for (name, last, changes, due) in cases {
            assert_eq!(
                backup_due(last, changes.iter().copied(), now),
                due,
                "{name}"
            );
        }
    }
    use super::*;
    use crate::domain::amounts::{NonNegative, Positive};
    use crate::domain::day::{CustomBasis, CustomItem, DayLog, FoodEntry, Item, SupplementEntry};
    use crate::domain::diary::{DiaryEntry, Rating};
    use crate::domain::dri::{Age, Profile, Sex, Status};
    use crate::domain::schema::Meta;
    use crate::domain::settings::Settings;
    use crate::domain::supplement::{DoseInput, SupplementForm};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn pos(v: f64) -> Positive {
        Positive::new(v).unwrap()
    }

    fn day_log(date: &str, grams: f64) -> DayLog {
        let mut log = DayLog::new(d(date));
        log.add(Item::Food(FoodEntry {
            ndb: 12061,
            name: "Almonds".into(),
            measure: "1 oz (23 whole kernels)".into(),
            quantity: pos(1.5),
            measure_grams: pos(grams),
            mg_per_100g: NonNegative::new(270.0),
        }));
        log.add(Item::Supplement(
            SupplementEntry::new(
                SupplementForm::Citrate,
                DoseInput::CompoundMg(pos(500.0)),
                pos(2.0),
                Some("Brand \"X\"".into()),
            )
            .unwrap(),
        ));
        log
    }

    fn diary(date: &str, cramps: u8, ts: u64) -> DiaryEntry {
        let mut e = DiaryEntry::new(d(date), ts);
        e.set_rating(
            &SymptomId::new("cramps").unwrap(),
            Some(Rating::new(cramps).unwrap()),
            ts,
        );
        e.set_note("slept badly, \"again\"\nleg cramps at 3am", ts)
            .unwrap();
        e.set_tags(["travel"], ts).unwrap();
        e
    }

    fn sample() -> Snapshot {
        let mut symptoms = SymptomList::defaults();
        let custom = symptoms.add("Tinnitus", false, 1_000).unwrap();
        let mut with_custom = diary("2025-03-02", 0, 2_000);
        with_custom.set_rating(&custom, Some(Rating::new(9).unwrap()), 2_001);
        let profile =
            Profile::new(Age::from_years(41).unwrap(), Sex::Female, Status::None).unwrap();
        [
            Stored::new(Record::Profile(profile), 10),
            Stored::new(Record::Settings(Settings::first_run()), 11),
            Stored::new(
                Record::CustomItems(vec![CustomItem {
                    id: 1,
                    name: "Mineral water".into(),
                    basis: CustomBasis::PerLitre {
                        mg: NonNegative::new(120.5).unwrap(),
                    },
                    supplement: false,
                }]),
                12,
            ),
            Stored::new(Record::Symptoms(symptoms), 13),
            Stored::new(Record::Day(day_log("2025-03-01", 28.35)), 14),
            Stored::new(Record::Day(day_log("2025-03-02", 30.0)), 15),
            Stored::new(Record::Diary(diary("2025-03-01", 7, 1_500)), 0),
            Stored::new(Record::Diary(with_custom), 0),
            Stored::new(Record::Meta(Meta::current("0.1.0")), 16),
        ]
        .into_iter()
        .collect()
    }

    fn without_meta(s: &Snapshot) -> Snapshot {
        s.user_data().cloned().collect()
    }

    /// A change applied to an exported backup before importing it.
    type Mutation<'a> = &'a dyn Fn(&mut Value);

    fn invalid_problems(text: &str) -> Vec<String> {
        match parse_backup_str(text) {
            Err(ImportError::Invalid { problems, .. }) => problems,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn export_then_import_into_empty_state_is_identical() {
        let state = sample();
        let file = export_backup(&state, 1_741_523_696_789);
        let backup = parse_backup(file.as_bytes()).unwrap();
        assert_eq!(backup.exported_at_ms(), 1_741_523_696_789);
        assert_eq!(backup.records(), &without_meta(&state));
        for mode in [ImportMode::Merge, ImportMode::Replace] {
            let plan = plan_import(&Snapshot::empty(), &backup, mode, 5).unwrap();
            assert_eq!(plan.result, without_meta(&state), "{mode:?}");
            assert_eq!(plan.writes.len(), state.len() - 1);
            assert!(plan.removals.is_empty());
            assert_eq!(plan.count(RecordKind::Day).unwrap().added, 2);
        }
        // Exporting the imported state gives the same file.
        assert_eq!(export_backup(backup.records(), 1_741_523_696_789), file);
    }

    #[test]
    fn export_lists_days_in_date_order_and_leaves_out_meta() {
        let file = export_backup(&sample(), 0);
        let v: Value = serde_json::from_str(&file).unwrap();
        assert_eq!(v["format"], FORMAT_NAME);
        assert_eq!(v["format_version"], FORMAT_VERSION);
        assert_eq!(v["days"][0]["data"]["date"], "2025-03-01");
        assert_eq!(v["days"][1]["data"]["date"], "2025-03-02");
        assert_eq!(v["diary"].as_array().unwrap().len(), 2);
        assert!(!file.contains("app_version"));
        let empty = export_backup(&Snapshot::empty(), 0);
        let backup = parse_backup_str(&empty).unwrap();
        assert!(backup.records().is_empty());
    }

    #[test]
    fn size_is_checked_before_parsing() {
        let huge = vec![b'x'; MAX_BACKUP_BYTES + 1];
        assert_eq!(
            parse_backup(&huge),
            Err(ImportError::TooLarge {
                bytes: MAX_BACKUP_BYTES + 1,
                max: MAX_BACKUP_BYTES
            })
        );
        // Exactly at the limit the size is fine (and the content is not).
        let at_limit = vec![b' '; MAX_BACKUP_BYTES];
        assert_eq!(parse_backup(&at_limit), Err(ImportError::Empty));
    }

    #[test]
    fn unusable_files_get_clear_errors() {
        let good = export_backup(&sample(), 0);
        let truncated = &good[..good.len() / 2];
        let cases: [(&[u8], ImportError); 9] = [
            (b"", ImportError::Empty),
            (b" \n ", ImportError::Empty),
            (&[0xff, 0xfe, 0x00], ImportError::NotText),
            (b"hello", ImportError::NotJson { line: 1, column: 1 }),
            (b"[1, 2]", ImportError::NotABackup),
            (b"{\"foo\": 1}", ImportError::NotABackup),
            (
                b"{\"format\": \"someone-elses-backup\", \"format_version\": 1}",
                ImportError::NotABackup,
            ),
            (
                b"{\"format\": \"magnesium-tracker-backup\", \"format_version\": 2}",
                ImportError::NewerVersion {
                    found: 2,
                    supported: 1,
                },
            ),
            (
                b"{\"format\": \"magnes",
                ImportError::Truncated {
                    line: 1,
                    column: 18,
                },
            ),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                parse_backup(bytes),
                Err(expected),
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(matches!(
            parse_backup_str(truncated),
            Err(ImportError::Truncated { .. })
        ));
        // A byte order mark in front is accepted.
        assert!(parse_backup_str(&format!("\u{feff}{good}")).is_ok());
    }

    #[test]
    fn a_record_from_a_newer_app_stops_the_import() {
        let mut v: Value = serde_json::from_str(&export_backup(&sample(), 0)).unwrap();
        v["diary"][1]["schema"] = 3.into();
        assert_eq!(
            parse_backup_str(&v.to_string()),
            Err(ImportError::NewerVersion {
                found: 3,
                supported: 1
            })
        );
    }

    #[test]
    fn every_problem_is_listed_and_nothing_is_accepted() {
        let good: Value = serde_json::from_str(&export_backup(&sample(), 0)).unwrap();
        let cases: [(Mutation, &str); 10] = [
            (
                &|v| v["diary"][0]["data"]["ratings"]["cramps"] = 11.into(),
                "diary[0] (2025-03-01)",
            ),
            (
                &|v| v["days"][0]["data"]["date"] = "2025-02-30".into(),
                "days[0]: no valid date",
            ),
            (
                &|v| v["days"][1] = v["days"][0].clone(),
                "the same day appears twice",
            ),
            (
                &|v| v["diary"][0]["data"]["ratings"]["custom-5"] = 1.into(),
                "unknown symptom \"custom-5\"",
            ),
            (
                &|v| v["surprise"] = true.into(),
                "surprise: unexpected field",
            ),
            (
                &|v| {
                    v.as_object_mut().unwrap().remove("settings");
                },
                "settings: missing",
            ),
            (&|v| v["days"] = 3.into(), "days: not a list"),
            (&|v| v["exported_at"] = "yesterday".into(), "exported_at"),
            (
                &|v| v["days"][0]["data"]["entries"][0]["item"]["food"]["quantity"] = (-1).into(),
                "days[0] (2025-03-01)",
            ),
            (
                &|v| v["profile"]["data"]["sex"] = "robot".into(),
                "profile:",
            ),
        ];
        for (mutate, expected) in cases {
            let mut v = good.clone();
            mutate(&mut v);
            let problems = invalid_problems(&v.to_string());
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{expected:?} not in {problems:?}"
            );
        }
    }

    #[test]
    fn problem_lists_are_capped() {
        let mut v: Value = serde_json::from_str(&export_backup(&Snapshot::empty(), 0)).unwrap();
        v["days"] = Value::Array(vec![Value::Null; 50]);
        match parse_backup_str(&v.to_string()) {
            Err(e @ ImportError::Invalid { .. }) => {
                let ImportError::Invalid { problems, total } = &e else {
                    unreachable!()
                };
                assert_eq!(problems.len(), MAX_LISTED_PROBLEMS);
                assert_eq!(*total, 50);
                assert!(e.to_string().ends_with("… and 30 more"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn merge_keeps_the_newer_version() {
        let mut current = Snapshot::empty();
        current.insert(Stored::new(Record::Day(day_log("2025-03-01", 10.0)), 100));
        current.insert(Stored::new(Record::Day(day_log("2025-03-02", 10.0)), 300));
        current.insert(Stored::new(Record::Day(day_log("2025-03-03", 10.0)), 100));
        current.insert(Stored::new(Record::Meta(Meta::current("0.1.0")), 1));

        let mut incoming = Snapshot::empty();
        // Newer and different: replaces.
        incoming.insert(Stored::new(Record::Day(day_log("2025-03-01", 20.0)), 200));
        // Older and different: skipped.
        incoming.insert(Stored::new(Record::Day(day_log("2025-03-02", 20.0)), 200));
        // Same content, other timestamp: unchanged.
        incoming.insert(Stored::new(Record::Day(day_log("2025-03-03", 10.0)), 50));
        // New.
        incoming.insert(Stored::new(Record::Day(day_log("2025-03-04", 20.0)), 50));
        incoming.insert(Stored::new(Record::Diary(diary("2025-03-04", 3, 60)), 0));
        let backup = parse_backup_str(&export_backup(&incoming, 0)).unwrap();

        let plan = plan_import(&current, &backup, ImportMode::Merge, 1_000).unwrap();
        let days = plan.count(RecordKind::Day).unwrap();
        assert_eq!(
            (
                days.added,
                days.replaced,
                days.kept,
                days.unchanged,
                days.removed
            ),
            (1, 1, 1, 1, 0)
        );
        let written: Vec<RecordKey> = plan.writes.iter().map(Stored::key).collect();
        assert_eq!(
            written,
            [
                RecordKey::Day(d("2025-03-01")),
                RecordKey::Day(d("2025-03-04")),
                RecordKey::Diary(d("2025-03-04"))
            ]
        );
        assert_eq!(
            plan.result.get(&RecordKey::Day(d("2025-03-02"))),
            current.get(&RecordKey::Day(d("2025-03-02")))
        );
        assert!(plan.result.get(&RecordKey::Meta).is_some());
        assert_eq!(
            plan.summary(),
            "Adds 1 day log and 1 diary entry. 2 day logs conflict with existing data: \
             1 newer in the backup will replace it, 1 older will be skipped. \
             1 record is already identical."
        );

        // Applying the plan and importing again changes nothing.
        let again = plan_import(&plan.result, &backup, ImportMode::Merge, 2_000).unwrap();
        assert!(!again.changes_anything());
        assert_eq!(again.result, plan.result);
    }

    #[test]
    fn replace_makes_the_state_exactly_the_backup() {
        let current = sample();
        let mut incoming = Snapshot::empty();
        incoming.insert(Stored::new(Record::Day(day_log("2025-03-01", 28.35)), 1));
        incoming.insert(Stored::new(Record::Day(day_log("2025-04-01", 5.0)), 1));
        let backup = parse_backup_str(&export_backup(&incoming, 0)).unwrap();
        let plan = plan_import(&current, &backup, ImportMode::Replace, 9).unwrap();
        assert_eq!(without_meta(&plan.result), incoming);
        assert_eq!(
            plan.result.get(&RecordKey::Meta),
            current.get(&RecordKey::Meta),
            "store metadata is never touched"
        );
        let days = plan.count(RecordKind::Day).unwrap();
        assert_eq!((days.added, days.unchanged, days.removed), (1, 1, 1));
        assert_eq!(plan.removals.len(), current.len() - 1 - 1);
        assert!(!plan.removals.contains(&RecordKey::Meta));
        assert!(plan.summary().contains("Removes the profile, the settings"));
        // The unchanged day still gets the backup's timestamp.
        assert!(
            plan.writes
                .iter()
                .any(|s| s.key() == RecordKey::Day(d("2025-03-01")) && s.updated_at_ms() == 1)
        );
    }

    #[test]
    fn merge_combines_symptom_lists() {
        let mut mine = SymptomList::defaults();
        let a = mine.add("Tinnitus", false, 100).unwrap();
        let mut theirs = SymptomList::defaults();
        let b = theirs.add("Brain fog", false, 200).unwrap();
        let mut current = Snapshot::empty();
        current.insert(Stored::new(Record::Symptoms(mine), 500));
        let mut incoming = Snapshot::empty();
        incoming.insert(Stored::new(Record::Symptoms(theirs), 400));
        let mut rated = DiaryEntry::new(d("2025-03-01"), 1);
        rated.set_rating(&b, Some(Rating::new(4).unwrap()), 1);
        incoming.insert(Stored::new(Record::Diary(rated), 0));
        let backup = parse_backup_str(&export_backup(&incoming, 0)).unwrap();

        let plan = plan_import(&current, &backup, ImportMode::Merge, 450).unwrap();
        assert_eq!(plan.count(RecordKind::Symptoms).unwrap().merged, 1);
        let Some(Record::Symptoms(list)) =
            plan.result.get(&RecordKey::Symptoms).map(Stored::record)
        else {
            panic!("no list");
        };
        assert!(list.get(&a).is_some() && list.get(&b).is_some());
        let stamp = plan
            .result
            .get(&RecordKey::Symptoms)
            .unwrap()
            .updated_at_ms();
        assert_eq!(stamp, 501, "newer than both sides");
        assert!(plan.summary().contains("will be combined"));
    }
}
