//! The storage schema: which keys exist, how each value is wrapped, how old
//! values are migrated, and how two versions of one record are reconciled.
//!
//! # Keys
//!
//! | key                               | record                       |
//! |-----------------------------------|------------------------------|
//! | `mgt/v1/profile`                  | [`Profile`]                  |
//! | `mgt/v1/settings`                 | [`Settings`]                 |
//! | `mgt/v1/custom-items`             | `Vec<`[`CustomItem`]`>`      |
//! | `mgt/v1/symptoms`                 | [`SymptomList`]              |
//! | `mgt/v1/regimen`                  | [`Regimen`]                  |
//! | `mgt/v1/meals`                    | `Vec<`[`Meal`]`>`            |
//! | `mgt/v1/recipes`                  | `Vec<`[`Recipe`]`>`          |
//! | `mgt/v1/prices`                   | [`PriceBook`]                |
//! | `mgt/v1/list`                     | [`ShoppingList`]             |
//! | `mgt/v1/day/YYYY-MM-DD`           | [`DayLog`]                   |
//! | `mgt/v1/diary/YYYY-MM-DD`         | [`DiaryEntry`]               |
//! | `mgt/meta`                        | [`Meta`]                     |
//! | `mgt/v1/sync/setup`               | [`SyncSetup`] (this device)  |
//! | `mgt/v1/sync/state`               | [`ReplicaState`] (device)    |
//! | `mgt/quarantine/<key>/<ms>`       | raw text of a corrupt value  |
//!
//! Everything starts with `mgt/`, so other apps on the same origin are never
//! touched. The `v1` in a key is the *key layout* generation, not the data
//! version: changing the shape of a record bumps the envelope's `schema`
//! number and keeps the key, so a migration never has to rename keys.
//! `mgt/meta` sits outside `v1` so that any future layout can read it first
//! and find out which layout is on disk. One key per day keeps each write
//! small and lets two tabs edit different days without conflicts.
//!
//! # Envelope
//!
//! Every value except a quarantined one is
//! `{"schema": N, "updated_at_ms": T, "data": …}`. Quarantined values keep the
//! original text byte for byte, because they exist so that nothing a person
//! typed is ever destroyed by a failed decode.
//!
//! # Decoding outcomes
//!
//! [`decode`] tells three failures apart: [`DecodeError::Corrupt`] (move the
//! value to a quarantine key and carry on), [`DecodeError::NewerSchema`]
//! (leave it untouched and ask the person to update the app, because an
//! older app must not overwrite data it does not understand) and
//! [`DecodeError::UnknownKey`].

use crate::domain::date::Date;
use crate::domain::day::{CustomItem, DayLog};
use crate::domain::diary::{DiaryEntry, SymptomList};
use crate::domain::dri::Profile;
use crate::domain::meals::{self, Meal, Recipe};
use crate::domain::regimen::Regimen;
use crate::domain::settings::Settings;
use crate::domain::shop::compare::Compared;
use crate::domain::shop::list::ShoppingList;
use crate::domain::shop::price::PriceBook;
use crate::domain::sync::{ReplicaState, SyncSetup};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cmp::Ordering;
use std::fmt;

/// The data schema this build writes and the newest it reads.
pub const CURRENT_SCHEMA: u32 = 1;

/// The key layout generation (the `v1` in keys), recorded in [`Meta`].
pub const KEY_LAYOUT: u32 = 1;

/// The prefix of every key this app owns.
pub const NAMESPACE: &str = "mgt/";
/// The prefix of every record key in the current layout.
pub const LAYOUT_PREFIX: &str = "mgt/v1/";
/// The prefix of day-log keys, for listing them.
pub const DAY_PREFIX: &str = "mgt/v1/day/";
/// The prefix of diary keys, for listing them.
pub const DIARY_PREFIX: &str = "mgt/v1/diary/";
/// The meta key.
pub const META_KEY: &str = "mgt/meta";
/// The prefix of quarantine keys.
pub const QUARANTINE_PREFIX: &str = "mgt/quarantine/";

/// The largest timestamp accepted: 2^53 − 1, the largest integer that
/// JavaScript and any JSON tool represent exactly.
pub const MAX_TIMESTAMP_MS: u64 = (1 << 53) - 1;

/// A parsed record key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKey {
    Profile,
    Settings,
    CustomItems,
    Symptoms,
    Regimen,
    Meals,
    Recipes,
    Prices,
    ShoppingList,
    Day(Date),
    Diary(Date),
    Meta,
}

/// The kind of a record, without the date of per-day records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Profile,
    Settings,
    CustomItems,
    Symptoms,
    Regimen,
    Meals,
    Recipes,
    Prices,
    ShoppingList,
    Day,
    Diary,
    Meta,
}

/// A record that belongs to this device rather than to the person's data:
/// the sync setup (with its credentials) and the replication state. They
/// are versioned envelopes like every record and are quarantined when
/// damaged, but they are not in `Data`, the backup or the sync itself: a
/// password must stay on the device, and a checkpoint or revision list
/// carried to another device would make it skip changes it never saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeviceKey {
    SyncSetup,
    SyncState,
}

/// The decoded value of a [`DeviceKey`].
pub trait DeviceRecord: Serialize + DeserializeOwned {
    const KEY: DeviceKey;
}

impl DeviceRecord for SyncSetup {
    const KEY: DeviceKey = DeviceKey::SyncSetup;
}

impl DeviceRecord for ReplicaState {
    const KEY: DeviceKey = DeviceKey::SyncState;
}

impl DeviceKey {
    pub const ALL: [DeviceKey; 2] = [DeviceKey::SyncSetup, DeviceKey::SyncState];

    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKey::SyncSetup => "mgt/v1/sync/setup",
            DeviceKey::SyncState => "mgt/v1/sync/state",
        }
    }

    pub fn parse(key: &str) -> Option<DeviceKey> {
        DeviceKey::ALL.into_iter().find(|k| k.as_str() == key)
    }
}

/// Encodes a device record as an envelope stamped `at_ms`.
pub fn encode_device<T: DeviceRecord>(value: &T, at_ms: u64) -> Value {
    serde_json::json!({
        "schema": CURRENT_SCHEMA,
        "updated_at_ms": at_ms,
        "data": serde_json::to_value(value).unwrap_or(Value::Null),
    })
}

/// Decodes a device record's envelope, telling a newer schema from damage
/// as [`decode`] does for records.
pub fn decode_device<T: DeviceRecord>(value: Value) -> Result<T, DecodeError> {
    let key = T::KEY.as_str();
    let raw = value.to_string();
    let (_, _, data) = open_envelope(value).map_err(|f| f.into_error(key, &raw))?;
    serde_json::from_value(data).map_err(|e| Failure::Corrupt(e.to_string()).into_error(key, &raw))
}

/// A decoded record.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Profile(Profile),
    Settings(Settings),
    CustomItems(Vec<CustomItem>),
    Symptoms(SymptomList),
    Regimen(Regimen),
    Meals(Vec<Meal>),
    Recipes(Vec<Recipe>),
    Prices(PriceBook),
    ShoppingList(ShoppingList),
    Day(DayLog),
    Diary(DiaryEntry),
    Meta(Meta),
}

/// A record with the time it was last changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    updated_at_ms: u64,
    record: Record,
}

/// Facts about the store itself rather than the person's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The key layout on disk ([`KEY_LAYOUT`] when written by this build).
    pub key_layout: u32,
    /// The version of the app that last opened the store (the store writes
    /// it on start), so that a newer store opened by an older app can be
    /// named in the update message.
    pub app_version: String,
}

/// Why a stored value could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The key is not one of ours (or is a quarantine key, which holds raw
    /// text rather than a record).
    UnknownKey { key: String },
    /// The value is damaged: move `raw` to [`quarantine_key`] and go on
    /// without it.
    Corrupt {
        key: String,
        reason: String,
        raw: String,
    },
    /// Written by a newer app: leave it untouched, do not overwrite it, and
    /// ask the person to update.
    NewerSchema {
        key: String,
        found: u64,
        supported: u32,
    },
}

/// Which side of a two-tab conflict to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Winner {
    Local,
    Incoming,
}

/// A parsed quarantine key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuarantineKey {
    /// The key the value was found under.
    pub original: String,
    /// When it was quarantined, in ms since the Unix epoch.
    pub at_ms: u64,
}

/// One migration step: turns the `data` of a record of the given kind from
/// schema `n` into schema `n + 1`, or explains why it cannot.
pub type Migration = fn(RecordKind, Value) -> Result<Value, String>;

/// The migration chain: `MIGRATIONS[i]` upgrades schema `i + 1` to `i + 2`.
/// The array length is tied to [`CURRENT_SCHEMA`], so bumping the schema
/// without adding a step does not compile. With only schema 1 in existence
/// the chain is empty; the v1 fixtures in `tests/fixtures/schema-v1/` must
/// keep decoding through it forever.
pub const MIGRATIONS: [Migration; CURRENT_SCHEMA as usize - 1] = [];

impl RecordKey {
    /// Parses a storage key; `None` for anything that is not a record key
    /// of the current layout (other apps' keys, quarantine keys).
    pub fn parse(key: &str) -> Option<RecordKey> {
        if key == META_KEY {
            return Some(RecordKey::Meta);
        }
        let rest = key.strip_prefix(LAYOUT_PREFIX)?;
        match rest {
            "profile" => Some(RecordKey::Profile),
            "settings" => Some(RecordKey::Settings),
            "custom-items" => Some(RecordKey::CustomItems),
            "symptoms" => Some(RecordKey::Symptoms),
            "regimen" => Some(RecordKey::Regimen),
            "meals" => Some(RecordKey::Meals),
            "recipes" => Some(RecordKey::Recipes),
            "prices" => Some(RecordKey::Prices),
            "list" => Some(RecordKey::ShoppingList),
            _ => {
                if let Some(date) = rest.strip_prefix("day/") {
                    Date::parse(date).map(RecordKey::Day)
                } else if let Some(date) = rest.strip_prefix("diary/") {
                    Date::parse(date).map(RecordKey::Diary)
                } else {
                    None
                }
            }
        }
    }

    pub fn kind(self) -> RecordKind {
        match self {
            RecordKey::Profile => RecordKind::Profile,
            RecordKey::Settings => RecordKind::Settings,
            RecordKey::CustomItems => RecordKind::CustomItems,
            RecordKey::Symptoms => RecordKind::Symptoms,
            RecordKey::Regimen => RecordKind::Regimen,
            RecordKey::Meals => RecordKind::Meals,
            RecordKey::Recipes => RecordKind::Recipes,
            RecordKey::Prices => RecordKind::Prices,
            RecordKey::ShoppingList => RecordKind::ShoppingList,
            RecordKey::Day(_) => RecordKind::Day,
            RecordKey::Diary(_) => RecordKind::Diary,
            RecordKey::Meta => RecordKind::Meta,
        }
    }

    /// The calendar day of a per-day record.
    pub fn date(self) -> Option<Date> {
        match self {
            RecordKey::Day(d) | RecordKey::Diary(d) => Some(d),
            _ => None,
        }
    }
}

impl RecordKind {
    pub const ALL: [RecordKind; 12] = [
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
        RecordKind::Meta,
    ];

    /// A short English name for messages ("day log", "diary entry", …).
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Profile => "profile",
            RecordKind::Settings => "settings",
            RecordKind::CustomItems => "custom items",
            RecordKind::Symptoms => "symptom list",
            RecordKind::Regimen => "supplement regimen",
            RecordKind::Meals => "saved meals",
            RecordKind::Recipes => "recipes",
            RecordKind::Prices => "package prices",
            RecordKind::ShoppingList => "shopping list",
            RecordKind::Day => "day log",
            RecordKind::Diary => "diary entry",
            RecordKind::Meta => "store information",
        }
    }
}

impl Record {
    /// The key this record is stored under.
    pub fn key(&self) -> RecordKey {
        match self {
            Record::Profile(_) => RecordKey::Profile,
            Record::Settings(_) => RecordKey::Settings,
            Record::CustomItems(_) => RecordKey::CustomItems,
            Record::Symptoms(_) => RecordKey::Symptoms,
            Record::Regimen(_) => RecordKey::Regimen,
            Record::Meals(_) => RecordKey::Meals,
            Record::Recipes(_) => RecordKey::Recipes,
            Record::Prices(_) => RecordKey::Prices,
            Record::ShoppingList(_) => RecordKey::ShoppingList,
            Record::Day(log) => RecordKey::Day(log.date()),
            Record::Diary(entry) => RecordKey::Diary(entry.date()),
            Record::Meta(_) => RecordKey::Meta,
        }
    }

    pub fn kind(&self) -> RecordKind {
        self.key().kind()
    }
}

impl Stored {
    /// Wraps a record with the time it changed. A diary entry carries its
    /// own timestamp, which is used instead of `updated_at_ms` so the two
    /// can never disagree.
    pub fn new(record: Record, updated_at_ms: u64) -> Stored {
        let updated_at_ms = match &record {
            Record::Diary(entry) => entry.updated_at_ms(),
            _ => updated_at_ms,
        };
        Stored {
            updated_at_ms,
            record,
        }
    }

    pub fn updated_at_ms(&self) -> u64 {
        self.updated_at_ms
    }

    pub fn record(&self) -> &Record {
        &self.record
    }

    pub fn into_record(self) -> Record {
        self.record
    }

    pub fn key(&self) -> RecordKey {
        self.record.key()
    }
}

impl Meta {
    /// The meta record this build writes.
    pub fn current(app_version: &str) -> Meta {
        Meta {
            key_layout: KEY_LAYOUT,
            app_version: app_version.to_owned(),
        }
    }
}

impl DecodeError {
    /// The key the failure is about.
    pub fn key(&self) -> &str {
        match self {
            DecodeError::UnknownKey { key }
            | DecodeError::Corrupt { key, .. }
            | DecodeError::NewerSchema { key, .. } => key,
        }
    }
}

impl QuarantineKey {
    /// Parses `mgt/quarantine/<original key>/<ms>`. The original key may
    /// itself contain `/`, so the timestamp is taken from the last segment.
    pub fn parse(key: &str) -> Option<QuarantineKey> {
        let rest = key.strip_prefix(QUARANTINE_PREFIX)?;
        let (original, at) = rest.rsplit_once('/')?;
        if original.is_empty() || at.is_empty() || !at.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(QuarantineKey {
            original: original.to_owned(),
            at_ms: at.parse().ok()?,
        })
    }
}

/// The key to move a corrupt value to; the value itself is stored
/// unchanged. Quarantining the same key twice in one millisecond is not a
/// concern: decoding happens once per load.
pub fn quarantine_key(original: &str, at_ms: u64) -> String {
    format!("{QUARANTINE_PREFIX}{original}/{at_ms}")
}

/// True for keys this app owns (records, meta and quarantine).
pub fn is_app_key(key: &str) -> bool {
    key.starts_with(NAMESPACE)
}

/// The envelope text for a record: `{"schema":…,"updated_at_ms":…,"data":…}`
/// in that order, with the data's fields in declaration order.
pub fn encode(stored: &Stored) -> String {
    let envelope = Envelope(stored);
    // Serialising these types cannot fail: every map is keyed by strings and
    // every number is a validated amount, so the fallback (an empty string,
    // which decodes as corrupt rather than as wrong data) is unreachable.
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// The envelope as a JSON value (the form backups and sync embed).
pub fn encode_value(stored: &Stored) -> Value {
    // Read back from the envelope text rather than serialised to a value: a
    // second serialiser of every record type would add about 10 KB to the
    // wasm module, and a value's maps are ordered by key either way. The
    // fallback is unreachable, as in `encode`.
    serde_json::from_str(&encode(stored)).unwrap_or(Value::Null)
}

/// The schema number of a stored envelope when it is newer than this build
/// reads, so that the storage adapter can refuse to overwrite it; `None` for
/// an envelope this build reads, and for anything that is not an envelope.
pub fn newer_schema(value: &Value) -> Option<u64> {
    value
        .get("schema")
        .and_then(Value::as_u64)
        .filter(|&found| found > u64::from(CURRENT_SCHEMA))
}

/// What taking in a version from elsewhere (a backup, another device) gives,
/// by the app's own rule: [`resolve_conflict`] for every record except the
/// symptom list, where both lists are merged so that no symptom someone
/// added is lost.
#[derive(Clone, Debug, PartialEq)]
pub enum Combined {
    /// The version held here stays.
    Local,
    /// The incoming version replaces it.
    Incoming,
    /// A new version made of both, stamped after both.
    Merged(Stored),
}

/// Combines the version held here with an incoming one (see [`Combined`]).
/// Fails only when two symptom lists together hold more symptoms than a
/// list may.
pub fn combine(
    local: &Stored,
    incoming: &Stored,
    now_ms: u64,
) -> Result<Combined, crate::domain::diary::DiaryError> {
    let winner = resolve_conflict(local, incoming);
    let (Record::Symptoms(mine), Record::Symptoms(theirs)) = (local.record(), incoming.record())
    else {
        return Ok(match winner {
            Winner::Local => Combined::Local,
            Winner::Incoming => Combined::Incoming,
        });
    };
    let (base, other) = match winner {
        Winner::Local => (mine, theirs),
        Winner::Incoming => (theirs, mine),
    };
    let mut merged = base.clone();
    merged.merge_from(other)?;
    Ok(if merged == *mine {
        Combined::Local
    } else if merged == *theirs {
        Combined::Incoming
    } else {
        let stamp = now_ms.max(
            local
                .updated_at_ms()
                .max(incoming.updated_at_ms())
                .saturating_add(1),
        );
        Combined::Merged(Stored::new(Record::Symptoms(merged), stamp))
    })
}

/// Decodes the text stored under `key`.
pub fn decode(key: &str, raw: &str) -> Result<Stored, DecodeError> {
    let record_key = RecordKey::parse(key).ok_or_else(|| DecodeError::UnknownKey {
        key: key.to_owned(),
    })?;
    let value: Value = serde_json::from_str(raw).map_err(|e| DecodeError::Corrupt {
        key: key.to_owned(),
        reason: format!("not valid JSON ({e})"),
        raw: raw.to_owned(),
    })?;
    decode_envelope(record_key, value).map_err(|failure| failure.into_error(key, raw))
}

/// Decodes an envelope that is already parsed JSON, as found inside a
/// backup. `raw` in a `Corrupt` error is the value re-serialised.
pub fn decode_value(key: RecordKey, value: Value) -> Result<Stored, DecodeError> {
    let raw = value.to_string();
    decode_envelope(key, value).map_err(|failure| failure.into_error(&key.to_string(), &raw))
}

/// The two-tab conflict rule: the version with the larger `updated_at_ms`
/// wins. On a tie the larger encoded text wins, an arbitrary but
/// deterministic choice, so every tab picks the same version and they
/// converge; identical versions keep the local one.
pub fn resolve_conflict(local: &Stored, incoming: &Stored) -> Winner {
    match incoming.updated_at_ms.cmp(&local.updated_at_ms) {
        Ordering::Greater => Winner::Incoming,
        Ordering::Less => Winner::Local,
        Ordering::Equal => {
            if encode(incoming) > encode(local) {
                Winner::Incoming
            } else {
                Winner::Local
            }
        }
    }
}

/// Whether a version another tab saved wins over `local`, the version held
/// here ([`resolve_conflict`]); a record never saved here always loses to it,
/// and the meta record, which describes the store rather than the person, is
/// never taken.
pub fn incoming_wins(local: Option<&Stored>, incoming: &Stored) -> bool {
    if incoming.key() == RecordKey::Meta {
        return false;
    }
    local.is_none_or(|local| resolve_conflict(local, incoming) == Winner::Incoming)
}

/// Runs the migration chain on `data` from schema `from` to
/// [`CURRENT_SCHEMA`].
pub fn migrate(kind: RecordKind, from: u32, data: Value) -> Result<Value, String> {
    migrate_with(&MIGRATIONS, kind, from, data)
}

impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordKey::Profile => write!(f, "{LAYOUT_PREFIX}profile"),
            RecordKey::Settings => write!(f, "{LAYOUT_PREFIX}settings"),
            RecordKey::CustomItems => write!(f, "{LAYOUT_PREFIX}custom-items"),
            RecordKey::Symptoms => write!(f, "{LAYOUT_PREFIX}symptoms"),
            RecordKey::Regimen => write!(f, "{LAYOUT_PREFIX}regimen"),
            RecordKey::Meals => write!(f, "{LAYOUT_PREFIX}meals"),
            RecordKey::Recipes => write!(f, "{LAYOUT_PREFIX}recipes"),
            RecordKey::Prices => write!(f, "{LAYOUT_PREFIX}prices"),
            RecordKey::ShoppingList => write!(f, "{LAYOUT_PREFIX}list"),
            RecordKey::Day(d) => write!(f, "{DAY_PREFIX}{d}"),
            RecordKey::Diary(d) => write!(f, "{DIARY_PREFIX}{d}"),
            RecordKey::Meta => f.write_str(META_KEY),
        }
    }
}

/// A record key is written as its storage key, so maps keyed by it (the
/// replication state's) read as the keys in storage do.
impl Serialize for RecordKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RecordKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RecordKey, D::Error> {
        let text = String::deserialize(d)?;
        RecordKey::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a record key: {text}")))
    }
}

impl fmt::Display for QuarantineKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&quarantine_key(&self.original, self.at_ms))
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::UnknownKey { key } => write!(f, "{key:?} is not a record key"),
            DecodeError::Corrupt { key, reason, .. } => {
                write!(f, "the value stored under {key:?} is damaged: {reason}")
            }
            DecodeError::NewerSchema {
                key,
                found,
                supported,
            } => write!(
                f,
                "the value stored under {key:?} was written by a newer version of \
                 Magnesium Tracker (schema {found}; this version reads up to {supported}); \
                 please update the app"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A record serialised as its envelope, byte for byte what [`encode`]
/// writes, for storage APIs that take a `Serialize` value.
pub struct Envelope<'a>(pub &'a Stored);

impl Serialize for Envelope<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        EnvelopeOut {
            schema: CURRENT_SCHEMA,
            updated_at_ms: self.0.updated_at_ms,
            data: RecordData(&self.0.record),
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    schema: u32,
    updated_at_ms: u64,
    data: RecordData<'a>,
}

/// Serialises the payload of a record without its variant name.
struct RecordData<'a>(&'a Record);

impl Serialize for RecordData<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Record::Profile(p) => p.serialize(s),
            Record::Settings(settings) => settings.serialize(s),
            Record::CustomItems(items) => items.serialize(s),
            Record::Symptoms(list) => list.serialize(s),
            Record::Regimen(regimen) => regimen.serialize(s),
            Record::Meals(list) => list.serialize(s),
            Record::Recipes(list) => list.serialize(s),
            Record::Prices(book) => book.serialize(s),
            Record::ShoppingList(list) => list.serialize(s),
            Record::Day(log) => log.serialize(s),
            Record::Diary(entry) => entry.serialize(s),
            Record::Meta(meta) => meta.serialize(s),
        }
    }
}

/// A decode failure before the key and raw text are attached.
enum Failure {
    Corrupt(String),
    Newer(u64),
}

impl Failure {
    fn into_error(self, key: &str, raw: &str) -> DecodeError {
        match self {
            Failure::Corrupt(reason) => DecodeError::Corrupt {
                key: key.to_owned(),
                reason,
                raw: raw.to_owned(),
            },
            Failure::Newer(found) => DecodeError::NewerSchema {
                key: key.to_owned(),
                found,
                supported: CURRENT_SCHEMA,
            },
        }
    }
}

/// The parts of an envelope, checked: its schema number (at most
/// [`CURRENT_SCHEMA`]), its time and its data. Records and device records
/// share it, so both kinds tell damage from a newer schema the same way.
fn open_envelope(value: Value) -> Result<(u32, u64, Value), Failure> {
    let Value::Object(mut map) = value else {
        return Err(Failure::Corrupt("not an envelope object".into()));
    };
    // The schema number is read first: a newer envelope may have any shape,
    // and must be reported as newer rather than as damaged.
    let schema = match map.get("schema") {
        Some(Value::Number(n)) => n
            .as_u64()
            .filter(|s| *s >= 1)
            .ok_or_else(|| Failure::Corrupt(format!("invalid schema number {n}")))?,
        Some(other) => return Err(Failure::Corrupt(format!("invalid schema number {other}"))),
        None => return Err(Failure::Corrupt("no schema number".into())),
    };
    if schema > u64::from(CURRENT_SCHEMA) {
        return Err(Failure::Newer(schema));
    }
    if let Some(extra) = map
        .keys()
        .find(|k| !["schema", "updated_at_ms", "data"].contains(&k.as_str()))
    {
        return Err(Failure::Corrupt(format!("unexpected field {extra:?}")));
    }
    let updated_at_ms = map
        .get("updated_at_ms")
        .and_then(Value::as_u64)
        .filter(|t| *t <= MAX_TIMESTAMP_MS)
        .ok_or_else(|| Failure::Corrupt("missing or invalid updated_at_ms".into()))?;
    let data = map
        .remove("data")
        .ok_or_else(|| Failure::Corrupt("no data".into()))?;
    // `schema` is between 1 and CURRENT_SCHEMA here, so it fits in u32.
    Ok((schema as u32, updated_at_ms, data))
}

fn decode_envelope(key: RecordKey, value: Value) -> Result<Stored, Failure> {
    let (schema, updated_at_ms, data) = open_envelope(value)?;
    let data = migrate(key.kind(), schema, data).map_err(Failure::Corrupt)?;
    let record = record_from_data(key, data).map_err(Failure::Corrupt)?;
    if record.key() != key {
        return Err(Failure::Corrupt(format!(
            "the record belongs under {}",
            record.key()
        )));
    }
    if let Record::Diary(entry) = &record
        && entry.updated_at_ms() != updated_at_ms
    {
        return Err(Failure::Corrupt(
            "the entry's timestamp differs from the envelope's".into(),
        ));
    }
    Ok(Stored {
        updated_at_ms,
        record,
    })
}

fn record_from_data(key: RecordKey, data: Value) -> Result<Record, String> {
    Ok(match key.kind() {
        RecordKind::Profile => Record::Profile(from_data(data)?),
        RecordKind::Settings => Record::Settings(from_data(data)?),
        RecordKind::CustomItems => {
            let items: Vec<CustomItem> = from_data(data)?;
            if let Some(dup) = items
                .iter()
                .enumerate()
                .find(|(i, a)| items[..*i].iter().any(|b| b.id == a.id))
            {
                return Err(format!("two custom items share the id {}", dup.1.id));
            }
            Record::CustomItems(items)
        }
        RecordKind::Symptoms => Record::Symptoms(from_data(data)?),
        RecordKind::Regimen => Record::Regimen(from_data(data)?),
        RecordKind::Meals => {
            let list: Vec<Meal> = from_data(data)?;
            if let Some(id) = meals::duplicate_id(list.iter().map(|m| &m.id)) {
                return Err(format!("two meals share the id {id}"));
            }
            Record::Meals(list)
        }
        RecordKind::Recipes => {
            let list: Vec<Recipe> = from_data(data)?;
            if let Some(id) = meals::duplicate_id(list.iter().map(|r| &r.id)) {
                return Err(format!("two recipes share the id {id}"));
            }
            Record::Recipes(list)
        }
        RecordKind::Prices => {
            // "1123" and "01123" name one food; only the form this app
            // writes is accepted, so no price silently replaces another.
            if let Some(key) = data.as_object().and_then(|m| {
                m.keys()
                    .find(|k| Compared::parse(k).is_none_or(|c| c.to_string() != **k))
            }) {
                return Err(format!(
                    "a price is kept under {key:?}, which names no food or item"
                ));
            }
            Record::Prices(from_data(data)?)
        }
        RecordKind::ShoppingList => {
            let list: ShoppingList = from_data(data)?;
            list.check()?;
            Record::ShoppingList(list)
        }
        RecordKind::Day => Record::Day(from_data(data)?),
        RecordKind::Diary => Record::Diary(from_data(data)?),
        RecordKind::Meta => Record::Meta(from_data(data)?),
    })
}

fn from_data<T: DeserializeOwned>(data: Value) -> Result<T, String> {
    serde_json::from_value(data).map_err(|e| e.to_string())
}

fn migrate_with(
    chain: &[Migration],
    kind: RecordKind,
    from: u32,
    mut data: Value,
) -> Result<Value, String> {
    // Schema `n` data starts at step `n - 1`; schema `chain.len() + 1` is
    // current and runs no step.
    let first = (from as usize).wrapping_sub(1);
    if from == 0 || first > chain.len() {
        return Err(format!("no migration from schema {from}"));
    }
    for (i, step) in chain.iter().enumerate().skip(first) {
        data = step(kind, data).map_err(|e| format!("migrating to schema {}: {e}", i + 2))?;
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chart::Span;
    use crate::domain::diary::{Rating, SymptomId};
    use crate::domain::dri::{Age, Sex, Status};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn diary(date: &str, updated: u64) -> DiaryEntry {
        let mut e = DiaryEntry::new(d(date), updated);
        e.set_rating(
            &SymptomId::new("cramps").unwrap(),
            Some(Rating::new(4).unwrap()),
            updated,
        );
        e
    }

    #[test]
    fn keys_round_trip() {
        let cases = [
            ("mgt/v1/profile", Some(RecordKey::Profile)),
            ("mgt/v1/settings", Some(RecordKey::Settings)),
            ("mgt/v1/custom-items", Some(RecordKey::CustomItems)),
            ("mgt/v1/symptoms", Some(RecordKey::Symptoms)),
            ("mgt/v1/regimen", Some(RecordKey::Regimen)),
            ("mgt/v1/meals", Some(RecordKey::Meals)),
            ("mgt/v1/recipes", Some(RecordKey::Recipes)),
            ("mgt/v1/prices", Some(RecordKey::Prices)),
            ("mgt/v1/list", Some(RecordKey::ShoppingList)),
            (
                "mgt/v1/day/2025-03-01",
                Some(RecordKey::Day(d("2025-03-01"))),
            ),
            (
                "mgt/v1/diary/2024-02-29",
                Some(RecordKey::Diary(d("2024-02-29"))),
            ),
            ("mgt/meta", Some(RecordKey::Meta)),
        ];
        for (text, key) in cases {
            assert_eq!(RecordKey::parse(text), key, "{text}");
            assert_eq!(key.unwrap().to_string(), text);
        }
        for text in [
            "mgt/v1/day/2025-02-30",
            "mgt/v1/day/2025-3-01",
            "mgt/v1/day/",
            "mgt/v1/diary/2025-03-01/x",
            "mgt/v2/profile",
            "mgt/v1/Profile",
            "mgt/v1/profile/",
            "other/v1/profile",
            "mgt/quarantine/mgt/v1/profile/1",
            "",
        ] {
            assert_eq!(RecordKey::parse(text), None, "{text}");
        }
    }

    #[test]
    fn quarantine_keys() {
        let key = quarantine_key("mgt/v1/day/2025-03-01", 1_700_000_000_123);
        assert_eq!(key, "mgt/quarantine/mgt/v1/day/2025-03-01/1700000000123");
        let parsed = QuarantineKey::parse(&key).unwrap();
        assert_eq!(parsed.original, "mgt/v1/day/2025-03-01");
        assert_eq!(parsed.at_ms, 1_700_000_000_123);
        assert_eq!(parsed.to_string(), key);
        assert!(is_app_key(&key));
        for bad in [
            "mgt/quarantine/",
            "mgt/quarantine/x/",
            "mgt/quarantine//5",
            "mgt/quarantine/x/12a",
            "mgt/v1/profile",
        ] {
            assert_eq!(QuarantineKey::parse(bad), None, "{bad}");
        }
        assert_eq!(RecordKey::parse(&key), None);
    }

    #[test]
    fn encode_then_decode_gives_the_same_record() {
        let profile =
            Profile::new(Age::from_years(34).unwrap(), Sex::Female, Status::Pregnant).unwrap();
        let records = [
            Stored::new(Record::Profile(profile), 10),
            Stored::new(Record::Settings(Settings::first_run()), 11),
            Stored::new(Record::CustomItems(Vec::new()), 12),
            Stored::new(Record::Symptoms(SymptomList::defaults()), 13),
            Stored::new(Record::Regimen(Regimen::new(7)), 17),
            Stored::new(Record::Meals(Vec::new()), 18),
            Stored::new(Record::Recipes(Vec::new()), 19),
            Stored::new(Record::Prices(PriceBook::default()), 20),
            Stored::new(Record::ShoppingList(ShoppingList::empty()), 20),
            Stored::new(Record::Day(DayLog::new(d("2025-03-01"))), 14),
            Stored::new(Record::Diary(diary("2025-03-01", 15)), 999),
            Stored::new(Record::Meta(Meta::current("0.1.0")), 16),
        ];
        for stored in records {
            let key = stored.key().to_string();
            let text = encode(&stored);
            assert_eq!(decode(&key, &text), Ok(stored.clone()), "{key}");
            let envelope: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(envelope["schema"], CURRENT_SCHEMA);
            // The value form, read back from the text, is the value a
            // direct serialisation gives.
            let direct = serde_json::to_value(Envelope(&stored)).unwrap();
            assert_eq!(encode_value(&stored), direct, "{key}");
        }
        // The diary entry's own timestamp is the envelope's.
        let entry = diary("2025-03-01", 15);
        let s = Stored::new(Record::Diary(entry.clone()), 999);
        assert_eq!(s.updated_at_ms(), entry.updated_at_ms());
        assert_ne!(s.updated_at_ms(), 999);
    }

    #[test]
    fn decode_tells_failures_apart() {
        let key = "mgt/v1/diary/2025-03-01";
        let good = encode(&Stored::new(Record::Diary(diary("2025-03-01", 5)), 5));
        assert!(decode(key, &good).is_ok());

        let corrupt = [
            "",
            "{",
            "null",
            "[]",
            r#"{"updated_at_ms":5,"data":{}}"#,
            r#"{"schema":0,"updated_at_ms":5,"data":{}}"#,
            r#"{"schema":-1,"updated_at_ms":5,"data":{}}"#,
            r#"{"schema":1.5,"updated_at_ms":5,"data":{}}"#,
            r#"{"schema":"1","updated_at_ms":5,"data":{}}"#,
            r#"{"schema":1,"data":{}}"#,
            r#"{"schema":1,"updated_at_ms":9007199254740992,"data":{}}"#,
            r#"{"schema":1,"updated_at_ms":5}"#,
            r#"{"schema":1,"updated_at_ms":5,"data":{},"x":1}"#,
            r#"{"schema":1,"updated_at_ms":5,"data":{"date":"2025-03-01","ratings":{"cramps":12},"note":"","tags":[],"updated_at_ms":5}}"#,
            // A valid entry for another day under this day's key.
            r#"{"schema":1,"updated_at_ms":5,"data":{"date":"2025-03-02","ratings":{},"note":"","tags":[],"updated_at_ms":5}}"#,
            // Envelope and entry timestamps disagree.
            r#"{"schema":1,"updated_at_ms":6,"data":{"date":"2025-03-01","ratings":{},"note":"","tags":[],"updated_at_ms":5}}"#,
        ];
        for raw in corrupt {
            match decode(key, raw) {
                Err(DecodeError::Corrupt { key: k, raw: r, .. }) => {
                    assert_eq!(k, key);
                    assert_eq!(r, raw, "the raw text is kept for quarantine");
                }
                other => panic!("{raw}: expected Corrupt, got {other:?}"),
            }
        }

        // A newer schema wins over anything else that looks wrong.
        for raw in [
            r#"{"schema":2,"updated_at_ms":5,"data":{}}"#,
            r#"{"schema":7,"whatever":true}"#,
        ] {
            assert!(
                matches!(
                    decode(key, raw),
                    Err(DecodeError::NewerSchema { found, supported: CURRENT_SCHEMA, .. }) if found > 1
                ),
                "{raw}"
            );
        }

        for unknown in ["mgt/v1/nope", "theirs", "mgt/quarantine/mgt/v1/profile/1"] {
            assert_eq!(
                decode(unknown, &good),
                Err(DecodeError::UnknownKey {
                    key: unknown.into()
                })
            );
        }
    }

    #[test]
    fn custom_item_ids_must_be_unique() {
        let raw = r#"{"schema":1,"updated_at_ms":1,"data":[
            {"id":1,"name":"Water","basis":{"per_litre":{"mg":100}},"supplement":false},
            {"id":1,"name":"Drink","basis":{"per_litre":{"mg":50}},"supplement":false}]}"#;
        assert!(matches!(
            decode("mgt/v1/custom-items", raw),
            Err(DecodeError::Corrupt { reason, .. }) if reason.contains("share the id 1")
        ));
    }

    #[test]
    fn conflicts_prefer_the_newer_version_and_converge_on_ties() {
        let older = Stored::new(Record::Settings(Settings::first_run()), 100);
        let mut other = Settings::first_run();
        other.chart_span = Span::Week;
        let newer = Stored::new(Record::Settings(other.clone()), 200);
        assert_eq!(resolve_conflict(&older, &newer), Winner::Incoming);
        assert_eq!(resolve_conflict(&newer, &older), Winner::Local);

        let tie = Stored::new(Record::Settings(other), 100);
        let a = resolve_conflict(&older, &tie);
        let b = resolve_conflict(&tie, &older);
        // Both tabs must keep the same version.
        let kept_by_first = if a == Winner::Local { &older } else { &tie };
        let kept_by_second = if b == Winner::Local { &tie } else { &older };
        assert_eq!(kept_by_first, kept_by_second);
        assert_eq!(resolve_conflict(&older, &older.clone()), Winner::Local);
    }

    #[test]
    fn only_a_schema_newer_than_this_build_counts_as_newer() {
        let newer = u64::from(CURRENT_SCHEMA) + 1;
        // (stored value, newer schema found)
        let cases = [
            (format!("{{\"schema\":{newer},\"data\":1}}"), Some(newer)),
            (format!("{{\"schema\":{CURRENT_SCHEMA},\"data\":1}}"), None),
            ("{\"schema\":0}".to_string(), None),
            ("{\"schema\":\"9\"}".to_string(), None),
            ("[99]".to_string(), None),
            ("99".to_string(), None),
        ];
        for (raw, expected) in cases {
            let value: Value = serde_json::from_str(&raw).unwrap();
            assert_eq!(newer_schema(&value), expected, "{raw}");
        }
    }

    #[test]
    fn the_envelope_serialiser_writes_what_encode_writes_in_field_order() {
        let stored = Stored::new(Record::Settings(Settings::first_run()), 12);
        let text = serde_json::to_string(&Envelope(&stored)).unwrap();
        assert_eq!(text, encode(&stored));
        // A `serde_json::Value` would sort the fields; the envelope must not.
        assert!(
            text.starts_with("{\"schema\":1,\"updated_at_ms\":12,\"data\":{\"reference_set\""),
            "{text}"
        );
    }

    #[test]
    fn the_migration_chain_runs_every_step_in_order() {
        fn to_v2(kind: RecordKind, mut data: Value) -> Result<Value, String> {
            assert_eq!(kind, RecordKind::Settings);
            data["steps"] = serde_json::json!(["v2"]);
            Ok(data)
        }
        fn to_v3(_: RecordKind, mut data: Value) -> Result<Value, String> {
            let steps = data["steps"].as_array_mut().ok_or("no steps")?;
            steps.push("v3".into());
            Ok(data)
        }
        let chain: [Migration; 2] = [to_v2, to_v3];
        let start = serde_json::json!({});
        let run = |from| migrate_with(&chain, RecordKind::Settings, from, start.clone());
        assert_eq!(run(1).unwrap()["steps"], serde_json::json!(["v2", "v3"]));
        // Data already at v2 only takes the last step (which fails here
        // because it expects what the first step adds).
        assert_eq!(run(2), Err("migrating to schema 3: no steps".into()));
        assert_eq!(run(3).unwrap(), start);
        assert!(run(0).is_err());
        assert!(run(4).is_err());
        // The real chain is empty today and leaves v1 data alone.
        assert_eq!(migrate(RecordKind::Day, 1, start.clone()), Ok(start));
    }
}
