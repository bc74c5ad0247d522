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
//!   "regimen": envelope or null,
//!   "meals": envelope or null,
//!   "recipes": envelope or null,
//!   "prices": envelope or null,
//!   "list": envelope or null,
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
    DecodeError, Record, RecordKey, RecordKind, Stored, decode_value, encode_value,
};
use crate::domain::sorted::SortedMap;
use serde_json::{Map, Value};
use std::fmt;

mod format;
mod merge;
mod sentences;
mod validate;

pub use format::*;
pub use merge::*;
pub use validate::*;

#[cfg(test)]
mod tests;
