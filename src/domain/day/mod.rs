//! One day of intake: what was logged ([`DayLog`]), how it adds up
//! ([`Totals`], [`DaySummary`], and the caffeine and calcium looked up in the
//! food table in [`DayNutrients`]) and the small helpers around it (closing
//! the gap to the target, recent items, context notes).
//!
//! Storage contract: a [`DayLog`] is stored per day as JSON in localStorage
//! and copied verbatim into backups, so its serde shape is part of the file
//! format. Every name is fixed with an explicit `#[serde(rename)]`, enums are
//! externally tagged (`{"food": {...}}`), and optional fields are always
//! written (never skipped) so the same types also round-trip through
//! non-self-describing formats such as postcard. One exception is a
//! day's regimen dose marks, added after v1 shipped: JSON leaves them out
//! while there are none, so older logs encode byte for byte as before, and
//! non-self-describing formats always write them. A custom item's serving
//! weight and energy from a nutrition label are likewise left out while
//! absent; custom items are stored only as JSON. Numbers that must be
//! positive are validated while reading, so a hand-edited backup with a
//! negative quantity fails to import instead of corrupting totals.
//!
//! Every entry keeps a snapshot of the values its magnesium depends on (the
//! food's mg per 100 g, the supplement's elemental mg per serving, the custom
//! item's rate). Totals therefore never need the food database or the custom
//! item list, and past days do not change when those are updated.
//!
//! Counting rules:
//! * Food entries and custom items count as food.
//! * Supplement entries count as supplements, and so do custom items marked
//!   `supplement: true` (a multivitamin typed in by hand): only supplemental
//!   magnesium is compared with the upper level, never food (what else each
//!   reference set counts toward its upper level is said in
//!   [`super::dri::ReferenceSet::upper_level_scope`]).
//! * Topical entries are logged but never counted (see
//!   [`TOPICAL_NOT_COUNTED`]).
//! * A food without magnesium data adds nothing and is counted separately so
//!   the total can say "at least".

use super::amounts::{NonNegative, Positive};
use super::date::Date;
use super::dri::{Profile, Reference, Status};
use super::food::{Food, FoodDb, NdbNo, Nutrients};
use super::mg::{self, format_mg};
use super::supplement::{
    DoseError, DoseInput, SupplementForm, TOPICAL_NOT_COUNTED, TOPICAL_REASON, convert,
};
use crate::domain::sorted::{SortedMap, SortedSet};
use serde::{Deserialize, Serialize};
use std::fmt;

mod advice;
mod custom;
mod log;
mod summary;

pub use advice::*;
pub use custom::*;
pub use log::*;
pub use summary::*;

#[cfg(test)]
mod tests;
