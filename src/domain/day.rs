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
//! non-self-describing formats such as postcard. Numbers that must be
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
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

/// The largest entry id a stored log may contain: 2^53 − 1, the largest
/// integer JavaScript represents exactly, so ids survive any JSON tooling
/// and the id counter can never overflow.
pub const MAX_ENTRY_ID: u64 = (1 << 53) - 1;

/// Identifies an entry within its day; never reused within that day, even
/// after a delete, so an undo cannot collide with a later addition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(pub u64);

/// Everything logged on one calendar day, in the order it was added.
///
/// Fields are private so ids stay unique: entries change only through the
/// methods below or by reading a validated log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DayLogRepr", into = "DayLogRepr")]
pub struct DayLog {
    date: Date,
    entries: Vec<Entry>,
    next_id: u64,
}

/// One logged item with its id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(rename = "id")]
    pub id: EntryId,
    #[serde(rename = "item")]
    pub item: Item,
}

/// What an entry records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Item {
    #[serde(rename = "food")]
    Food(FoodEntry),
    #[serde(rename = "supplement")]
    Supplement(SupplementEntry),
    #[serde(rename = "custom")]
    Custom(CustomEntry),
    #[serde(rename = "topical")]
    Topical(TopicalEntry),
}

/// A food from the USDA table, with the values needed for its magnesium
/// copied in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoodEntry {
    /// USDA SR28 NDB number.
    #[serde(rename = "ndb")]
    pub ndb: u32,
    /// The food's description at the time it was logged.
    #[serde(rename = "name")]
    pub name: String,
    /// The household measure, e.g. "1 cup, chopped" or "g".
    #[serde(rename = "measure")]
    pub measure: String,
    /// How many of `measure` were eaten.
    #[serde(rename = "quantity")]
    pub quantity: Positive,
    /// Weight of one `measure` in grams (1 for a plain "g" measure).
    #[serde(rename = "measure_grams")]
    pub measure_grams: Positive,
    /// Magnesium per 100 g; `None` when the table has no value.
    #[serde(rename = "mg_per_100g")]
    pub mg_per_100g: Option<NonNegative>,
}

/// A supplement dose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupplementEntry {
    #[serde(rename = "form")]
    pub form: SupplementForm,
    /// The dose of one serving as typed.
    #[serde(rename = "dose")]
    pub dose: DoseInput,
    /// Servings taken (capsules, tablets or scoops as the label defines one).
    #[serde(rename = "servings")]
    pub servings: Positive,
    /// Elemental magnesium of one serving, computed from `dose` when logged.
    #[serde(rename = "elemental_mg_per_serving")]
    pub elemental_mg_per_serving: NonNegative,
    /// The product name, if the person gave one.
    #[serde(rename = "label", default)]
    pub label: Option<String>,
}

/// A use of one of the person's own items (mineral water, a fortified drink).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomEntry {
    /// The [`CustomItem::id`] it came from.
    #[serde(rename = "item_id")]
    pub item_id: u64,
    #[serde(rename = "name")]
    pub name: String,
    /// Counts towards supplements (and the upper level) instead of food.
    #[serde(rename = "supplement", default)]
    pub supplement: bool,
    /// The rate copied from the item and the amount used.
    #[serde(rename = "measure")]
    pub measure: CustomMeasure,
}

/// A custom item's rate together with the amount used; the two are one enum
/// so a per-serving rate can never be paired with litres.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CustomMeasure {
    #[serde(rename = "servings")]
    Servings {
        /// What one serving is, e.g. "1 sachet".
        #[serde(rename = "label")]
        label: String,
        #[serde(rename = "mg_per_serving")]
        mg_per_serving: NonNegative,
        #[serde(rename = "servings")]
        servings: Positive,
    },
    #[serde(rename = "volume")]
    Volume {
        #[serde(rename = "mg_per_litre")]
        mg_per_litre: NonNegative,
        #[serde(rename = "litres")]
        litres: Positive,
    },
}

/// Topical magnesium (oil spray, Epsom bath): logged, never counted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicalEntry {
    #[serde(rename = "description")]
    pub description: String,
}

/// One of the person's own items, kept in a list outside the day logs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomItem {
    #[serde(rename = "id")]
    pub id: u64,
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "basis")]
    pub basis: CustomBasis,
    /// Counts towards supplements instead of food; false unless the person
    /// marks it (decided so a mineral water is food by default).
    #[serde(rename = "supplement", default)]
    pub supplement: bool,
}

/// How a custom item's magnesium is stated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CustomBasis {
    /// As on a label: mg in one serving.
    #[serde(rename = "per_serving")]
    PerServing {
        #[serde(rename = "label")]
        label: String,
        #[serde(rename = "mg")]
        mg: NonNegative,
    },
    /// As on a mineral-water label: mg per litre.
    #[serde(rename = "per_litre")]
    PerLitre {
        #[serde(rename = "mg")]
        mg: NonNegative,
    },
}

/// An amount of a custom item as typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CustomAmount {
    Servings(Positive),
    Litres(Positive),
    Millilitres(Positive),
}

/// A custom amount that does not fit the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomAmountError {
    /// Litres or millilitres for an item stated per serving.
    NeedsServings,
    /// Servings for an item stated per litre.
    NeedsVolume,
    /// Millilitres so small that they vanish when converted to litres.
    TooSmall,
}

impl fmt::Display for CustomAmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CustomAmountError::NeedsServings => write!(f, "this item is measured in servings"),
            CustomAmountError::NeedsVolume => write!(f, "this item is measured in litres or ml"),
            CustomAmountError::TooSmall => write!(f, "that amount is too small"),
        }
    }
}

impl std::error::Error for CustomAmountError {}

impl CustomItem {
    /// Magnesium in `amount` of this item.
    pub fn mg_for(&self, amount: CustomAmount) -> Result<f64, CustomAmountError> {
        self.measure(amount).map(|m| m.mg())
    }

    /// The entry to add to a day for `amount` of this item.
    pub fn entry(&self, amount: CustomAmount) -> Result<CustomEntry, CustomAmountError> {
        Ok(CustomEntry {
            item_id: self.id,
            name: self.name.clone(),
            supplement: self.supplement,
            measure: self.measure(amount)?,
        })
    }

    fn measure(&self, amount: CustomAmount) -> Result<CustomMeasure, CustomAmountError> {
        match (&self.basis, amount) {
            (CustomBasis::PerServing { label, mg }, CustomAmount::Servings(servings)) => {
                Ok(CustomMeasure::Servings {
                    label: label.clone(),
                    mg_per_serving: *mg,
                    servings,
                })
            }
            (CustomBasis::PerServing { .. }, _) => Err(CustomAmountError::NeedsServings),
            (CustomBasis::PerLitre { mg }, CustomAmount::Litres(litres)) => {
                Ok(CustomMeasure::Volume {
                    mg_per_litre: *mg,
                    litres,
                })
            }
            (CustomBasis::PerLitre { mg }, CustomAmount::Millilitres(ml)) => {
                Ok(CustomMeasure::Volume {
                    mg_per_litre: *mg,
                    litres: Positive::new(ml.get() / 1000.0).ok_or(CustomAmountError::TooSmall)?,
                })
            }
            (CustomBasis::PerLitre { .. }, CustomAmount::Servings(_)) => {
                Err(CustomAmountError::NeedsVolume)
            }
        }
    }
}

/// The id for a new custom item: one more than the largest in use.
pub fn next_custom_item_id(items: &[CustomItem]) -> u64 {
    items.iter().map(|i| i.id).max().map_or(1, |m| m + 1)
}

impl FoodEntry {
    /// The entry for `quantity` of `food`'s measure `measure` (an index into
    /// its measures, or `None` for grams); `None` unless the quantity is
    /// above zero.
    pub fn from_food(food: &Food, measure: Option<usize>, quantity: f64) -> Option<FoodEntry> {
        let (label, grams) = match measure.and_then(|i| food.measures.get(i)) {
            Some(m) => (m.label(), m.grams),
            None => ("g".to_string(), 1.0),
        };
        Some(FoodEntry {
            ndb: food.ndb.0,
            name: food.description.clone(),
            measure: label,
            quantity: Positive::new(quantity)?,
            measure_grams: Positive::new(grams)?,
            mg_per_100g: food.nutrients.magnesium_mg.and_then(NonNegative::new),
        })
    }

    /// Grams eaten.
    pub fn grams(&self) -> f64 {
        self.quantity.get() * self.measure_grams.get()
    }

    /// Magnesium eaten, or `None` without data.
    pub fn mg(&self) -> Option<f64> {
        self.mg_per_100g
            .map(|per100| per100.get() * self.grams() / 100.0)
    }

    /// The confirmation after adding: "Added 1 × 1 cup (7.1 mg)." The amount
    /// is the one the day list and the CSV show for the same entry.
    pub fn added_text(&self) -> String {
        format!(
            "Added {} × {} ({}).",
            format_quantity(self.quantity.get()),
            self.measure,
            self.mg()
                .map_or_else(|| "no magnesium data".to_string(), format_mg)
        )
    }
}

impl SupplementEntry {
    /// A supplement entry with its elemental amount computed from `dose`.
    pub fn new(
        form: SupplementForm,
        dose: DoseInput,
        servings: Positive,
        label: Option<String>,
    ) -> Result<SupplementEntry, DoseError> {
        let per_serving = convert(form, dose)?.elemental_mg;
        Ok(SupplementEntry {
            form,
            dose,
            servings,
            // A positive dose times a positive fraction is positive; the
            // fallback only guards against underflow of absurd input.
            // A finite positive dose times a fraction below one is always a
            // valid amount; zero stands in only if that ever stopped holding.
            elemental_mg_per_serving: NonNegative::new(per_serving).unwrap_or(NonNegative::ZERO),
            label,
        })
    }

    /// Elemental magnesium taken.
    pub fn mg(&self) -> f64 {
        self.elemental_mg_per_serving.get() * self.servings.get()
    }

    /// The confirmation after adding: "Added 2.5 mg of elemental magnesium."
    pub fn added_text(&self) -> String {
        format!("Added {} of elemental magnesium.", format_mg(self.mg()))
    }
}

impl CustomMeasure {
    /// Magnesium in the amount used.
    pub fn mg(&self) -> f64 {
        match self {
            CustomMeasure::Servings {
                mg_per_serving,
                servings,
                ..
            } => mg_per_serving.get() * servings.get(),
            CustomMeasure::Volume {
                mg_per_litre,
                litres,
            } => mg_per_litre.get() * litres.get(),
        }
    }

    /// "2 × 1 sachet", "250 ml" or "1.5 L".
    pub fn amount_text(&self) -> String {
        match self {
            CustomMeasure::Servings {
                label, servings, ..
            } => format!("{} × {label}", format_quantity(servings.get())),
            CustomMeasure::Volume { litres, .. } if litres.get() < 1.0 => {
                format!("{} ml", format_quantity(litres.get() * 1000.0))
            }
            CustomMeasure::Volume { litres, .. } => format!("{} L", format_quantity(litres.get())),
        }
    }
}

/// How one entry adds to the day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Contribution {
    Food(f64),
    Supplement(f64),
    /// A food without magnesium data.
    NoData,
    /// Topical: logged, not counted.
    NotCounted,
}

impl Item {
    pub fn contribution(&self) -> Contribution {
        match self {
            Item::Food(f) => f.mg().map_or(Contribution::NoData, Contribution::Food),
            Item::Supplement(s) => Contribution::Supplement(s.mg()),
            Item::Custom(c) if c.supplement => Contribution::Supplement(c.measure.mg()),
            Item::Custom(c) => Contribution::Food(c.measure.mg()),
            Item::Topical(_) => Contribution::NotCounted,
        }
    }

    /// The name shown in the day list.
    pub fn name(&self) -> &str {
        match self {
            Item::Food(f) => &f.name,
            Item::Supplement(s) => s.label.as_deref().unwrap_or(s.form.label()),
            Item::Custom(c) => &c.name,
            Item::Topical(t) => &t.description,
        }
    }

    /// The amount shown in the day list: "2 × 1 cup (60 g)", "1 serving",
    /// "250 ml"; empty for topical entries.
    pub fn amount_text(&self) -> String {
        match self {
            Item::Food(f) => format!(
                "{} × {} ({} g)",
                format_quantity(f.quantity.get()),
                f.measure,
                format_quantity(f.grams())
            ),
            Item::Supplement(s) => {
                let n = s.servings.get();
                let unit = if n == 1.0 { "serving" } else { "servings" };
                format!("{} {unit}", format_quantity(n))
            }
            Item::Custom(c) => c.measure.amount_text(),
            Item::Topical(_) => String::new(),
        }
    }

    /// The magnesium column: "84 mg", "no data" or the topical sentence.
    pub fn mg_text(&self) -> String {
        match self.contribution() {
            Contribution::Food(mg) | Contribution::Supplement(mg) => format_mg(mg),
            Contribution::NoData => "no data".to_string(),
            Contribution::NotCounted => TOPICAL_NOT_COUNTED.to_string(),
        }
    }

    /// The editable quantity: measures of a food, servings of a supplement
    /// or per-serving custom item, litres of a per-litre custom item; `None`
    /// for topical entries.
    pub fn quantity(&self) -> Option<Positive> {
        match self {
            Item::Food(f) => Some(f.quantity),
            Item::Supplement(s) => Some(s.servings),
            Item::Custom(c) => Some(match c.measure {
                CustomMeasure::Servings { servings, .. } => servings,
                CustomMeasure::Volume { litres, .. } => litres,
            }),
            Item::Topical(_) => None,
        }
    }
}

/// Why an edit failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditError {
    /// No entry has this id (already deleted, or another day's id).
    NotFound,
    /// Topical entries have no quantity.
    NoQuantity,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotFound => write!(f, "that entry no longer exists"),
            EditError::NoQuantity => write!(f, "this entry has no quantity to change"),
        }
    }
}

impl std::error::Error for EditError {}

/// A deleted entry and where it was, for undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    pub date: Date,
    pub index: usize,
    pub entry: Entry,
}

/// Why an undo failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UndoError {
    /// The removed entry belongs to another day.
    WrongDay,
    /// The entry is already back (undo applied twice).
    AlreadyPresent,
}

impl fmt::Display for UndoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UndoError::WrongDay => write!(f, "that entry belongs to another day"),
            UndoError::AlreadyPresent => write!(f, "that entry is already restored"),
        }
    }
}

impl std::error::Error for UndoError {}

impl DayLog {
    /// An empty day.
    pub fn new(date: Date) -> DayLog {
        DayLog {
            date,
            entries: Vec::new(),
            next_id: 1,
        }
    }

    pub fn date(&self) -> Date {
        self.date
    }

    /// Entries in the order they were added (undo restores the position).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: EntryId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Appends an item and returns its new id.
    pub fn add(&mut self, item: Item) -> EntryId {
        let id = EntryId(self.next_id);
        self.next_id += 1;
        self.entries.push(Entry { id, item });
        id
    }

    /// Changes the quantity (see [`Item::quantity`] for what it means per
    /// kind). For a per-litre custom item the quantity is in litres; a page
    /// editing millilitres divides by 1000.
    pub fn set_quantity(&mut self, id: EntryId, quantity: Positive) -> Result<(), EditError> {
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(EditError::NotFound)?;
        match &mut entry.item {
            Item::Food(f) => f.quantity = quantity,
            Item::Supplement(s) => s.servings = quantity,
            Item::Custom(c) => match &mut c.measure {
                CustomMeasure::Servings { servings, .. } => *servings = quantity,
                CustomMeasure::Volume { litres, .. } => *litres = quantity,
            },
            Item::Topical(_) => return Err(EditError::NoQuantity),
        }
        Ok(())
    }

    /// Replaces an entry's item, keeping its id and position, and returns the
    /// old item so the edit can be undone by replacing it back.
    pub fn replace(&mut self, id: EntryId, item: Item) -> Result<Item, EditError> {
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(EditError::NotFound)?;
        Ok(std::mem::replace(&mut entry.item, item))
    }

    /// Removes an entry, returning it with its position for [`DayLog::undo`].
    pub fn delete(&mut self, id: EntryId) -> Option<Removed> {
        let index = self.entries.iter().position(|e| e.id == id)?;
        Some(Removed {
            date: self.date,
            index,
            entry: self.entries.remove(index),
        })
    }

    /// Puts a deleted entry back at its original position (or at the end if
    /// entries were deleted since), with its original id.
    pub fn undo(&mut self, removed: Removed) -> Result<EntryId, UndoError> {
        if removed.date != self.date {
            return Err(UndoError::WrongDay);
        }
        let id = removed.entry.id;
        if self.get(id).is_some() {
            return Err(UndoError::AlreadyPresent);
        }
        let index = removed.index.min(self.entries.len());
        self.entries.insert(index, removed.entry);
        self.next_id = self.next_id.max(id.0 + 1);
        Ok(id)
    }

    /// Adds up the day.
    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            food_mg: 0.0,
            supplement_mg: 0.0,
            missing_data_count: 0,
            topical_count: 0,
        };
        for e in &self.entries {
            match e.item.contribution() {
                Contribution::Food(mg) => t.food_mg += mg,
                Contribution::Supplement(mg) => t.supplement_mg += mg,
                Contribution::NoData => t.missing_data_count += 1,
                Contribution::NotCounted => t.topical_count += 1,
            }
        }
        t
    }
}

/// The day's sums, unrounded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Totals {
    /// Foods and custom items not marked as supplements.
    pub food_mg: f64,
    /// Supplements and custom items marked as supplements.
    pub supplement_mg: f64,
    /// Food entries without magnesium data (not in the sums).
    pub missing_data_count: usize,
    /// Topical entries (not in the sums).
    pub topical_count: usize,
}

impl Totals {
    pub fn total_mg(&self) -> f64 {
        self.food_mg + self.supplement_mg
    }

    /// "212 mg", or "at least 212 mg — 2 items have no magnesium data" when
    /// some foods lack data, so the total never pretends to be complete.
    pub fn total_text(&self) -> String {
        let total = format_mg(self.total_mg());
        match self.missing_data_count {
            0 => total,
            1 => format!("at least {total} — 1 item has no magnesium data"),
            n => format!("at least {total} — {n} items have no magnesium data"),
        }
    }
}

/// The day measured against a target and an upper level.
///
/// Comparisons use the amounts as shown ([`mg::shown`]), so the flags never
/// contradict the numbers on screen: a supplement total of 350.4 mg shows as
/// "350 mg" and is not over a 350 mg upper level, and a total shown as
/// "310 mg" meets a 310 mg target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DaySummary {
    pub totals: Totals,
    pub target_mg: Option<u32>,
    pub upper_limit_mg: Option<u32>,
}

impl DaySummary {
    pub fn new(totals: Totals, target_mg: Option<u32>, upper_limit_mg: Option<u32>) -> DaySummary {
        DaySummary {
            totals,
            target_mg,
            upper_limit_mg,
        }
    }

    /// Uses the target and upper level of a looked-up reference.
    pub fn for_reference(totals: Totals, reference: &Reference) -> DaySummary {
        DaySummary::new(
            totals,
            reference.target.map(|t| t.mg),
            reference.upper_limit_mg,
        )
    }

    /// Total as a fraction of the target (1.0 = met), unrounded.
    pub fn share_of_target(&self) -> Option<f64> {
        self.target_mg
            .filter(|&t| t > 0)
            .map(|t| self.totals.total_mg() / f64::from(t))
    }

    /// Share of the target in whole percent, for progress bars and text.
    pub fn share_percent(&self) -> Option<u32> {
        // The cast saturates and turns NaN into 0, so no share can wrap.
        self.share_of_target().map(|s| (s * 100.0).round() as u32)
    }

    /// Milligrams still missing (0 once met). Computed from the total as
    /// shown, so "212 mg" and "98 mg to go" add up to a 310 mg target on
    /// screen.
    pub fn remaining_mg(&self) -> Option<f64> {
        self.target_mg
            .map(|t| (f64::from(t) - mg::shown(self.totals.total_mg())).max(0.0))
    }

    pub fn target_met(&self) -> bool {
        self.remaining_mg() == Some(0.0)
    }

    /// Whether supplemental magnesium is above the upper level.
    pub fn over_upper_limit(&self) -> bool {
        self.upper_limit_mg
            .is_some_and(|ul| mg::shown(self.totals.supplement_mg) > f64::from(ul))
    }

    /// Supplemental magnesium as a fraction of the upper level.
    pub fn supplement_share_of_limit(&self) -> Option<f64> {
        self.upper_limit_mg
            .filter(|&ul| ul > 0)
            .map(|ul| self.totals.supplement_mg / f64::from(ul))
    }

    /// "98 mg to go", "at most 98 mg to go" (when foods lack data, the real
    /// gap can only be smaller) or "Target reached"; `None` without a target.
    pub fn remaining_text(&self) -> Option<String> {
        let remaining = self.remaining_mg()?;
        Some(if remaining == 0.0 {
            "Target reached".to_string()
        } else if self.totals.missing_data_count > 0 {
            format!("at most {} to go", format_mg(remaining))
        } else {
            format!("{} to go", format_mg(remaining))
        })
    }

    /// "Supplements 400 mg of 350 mg upper level"; `None` without an upper
    /// level.
    pub fn supplement_limit_text(&self) -> Option<String> {
        let ul = self.upper_limit_mg?;
        Some(format!(
            "Supplements {} of {ul} mg upper level",
            format_mg(self.totals.supplement_mg)
        ))
    }
}

/// Caffeine above this many mg a day is more than EFSA's Scientific Opinion
/// on the safety of caffeine (2015) found raises no concern for healthy
/// adults; the US FDA names the same figure.
pub const CAFFEINE_ADULT_LIMIT_MG: f64 = 400.0;

/// EFSA's figure in the same opinion for pregnant and breastfeeding women.
pub const CAFFEINE_PREGNANCY_LIMIT_MG: f64 = 200.0;

/// A calcium:magnesium intake ratio (by weight) above this is "high":
/// Costello et al., "Perspective: Characterization of Dietary Supplements
/// Containing Calcium and Magnesium and Their Respective Ratio", Advances in
/// Nutrition 12(4), 2021, review the proposal of 1.7–2.6 as the optimum range
/// and the evidence that a higher ratio may affect magnesium status.
pub const CALCIUM_MAGNESIUM_RATIO_HIGH: f64 = 2.6;

/// The caffeine limit that applies to `profile`, in mg a day. `None` under
/// 18: EFSA states the safe amount for children per kilogram of body weight,
/// which the app does not ask for.
pub fn caffeine_limit_mg(profile: Profile) -> Option<f64> {
    if profile.age().years() < 18 {
        None
    } else if profile.status() == Status::None {
        Some(CAFFEINE_ADULT_LIMIT_MG)
    } else {
        Some(CAFFEINE_PREGNANCY_LIMIT_MG)
    }
}

/// A sum over the day's items together with how many items could not add to
/// it for lack of a value, so the sum can say it is a lower bound.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PartialSum {
    pub mg: f64,
    /// Items that may contain some but have no value.
    pub unknown: usize,
}

impl PartialSum {
    pub fn is_lower_bound(&self) -> bool {
        self.unknown > 0
    }

    /// "95 mg", or "at least 95 mg" when some items have no value.
    pub fn text(&self) -> String {
        if self.is_lower_bound() {
            format!("at least {}", format_mg(self.mg))
        } else {
            format_mg(self.mg)
        }
    }
}

/// How sure a figure computed from partial sums is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// The real value can only be higher.
    AtLeast,
    /// The real value can only be lower.
    AtMost,
    /// Missing values pull both ways, so only the direction is unknown.
    Rough,
}

/// The calcium:magnesium ratio of a day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ratio {
    /// Calcium per milligram of magnesium.
    pub value: f64,
    pub bound: Bound,
}

impl Ratio {
    /// "2.1 : 1", "at least 2.1 : 1", "at most 2.1 : 1" or "about 2.1 : 1".
    pub fn text(&self) -> String {
        let prefix = match self.bound {
            Bound::Exact => "",
            Bound::AtLeast => "at least ",
            Bound::AtMost => "at most ",
            Bound::Rough => "about ",
        };
        format!("{prefix}{:.1} : 1", self.value)
    }

    /// Whether the ratio is known to be above [`CALCIUM_MAGNESIUM_RATIO_HIGH`].
    pub fn is_high(&self) -> bool {
        matches!(self.bound, Bound::Exact | Bound::AtLeast)
            && self.value > CALCIUM_MAGNESIUM_RATIO_HIGH
    }
}

/// The day's caffeine and calcium, looked up in the food table by each food
/// entry's NDB number, and the calcium:magnesium ratio.
///
/// Only foods carry these values. A custom item records only its magnesium,
/// so it counts as unknown for both; a supplement entry is a magnesium
/// compound and adds neither; topical entries are not intake.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayNutrients {
    pub caffeine: PartialSum,
    pub calcium: PartialSum,
    /// The magnesium totals the ratio is taken against.
    pub magnesium: Totals,
}

impl DayNutrients {
    pub fn of(log: &DayLog, db: &FoodDb) -> DayNutrients {
        let mut caffeine = PartialSum {
            mg: 0.0,
            unknown: 0,
        };
        let mut calcium = PartialSum {
            mg: 0.0,
            unknown: 0,
        };
        let add = |sum: &mut PartialSum, per_100g: Option<f64>, grams: f64| match per_100g {
            Some(v) => sum.mg += v * grams / 100.0,
            None => sum.unknown += 1,
        };
        for e in &log.entries {
            match &e.item {
                Item::Food(f) => {
                    let n = db
                        .by_ndb(NdbNo(f.ndb))
                        .map_or(Nutrients::NONE, |(_, food)| food.nutrients);
                    add(&mut caffeine, n.caffeine_mg, f.grams());
                    add(&mut calcium, n.calcium_mg, f.grams());
                }
                Item::Custom(_) => {
                    caffeine.unknown += 1;
                    calcium.unknown += 1;
                }
                Item::Supplement(_) | Item::Topical(_) => {}
            }
        }
        DayNutrients {
            caffeine,
            calcium,
            magnesium: log.totals(),
        }
    }

    /// Calcium over magnesium, both as shown; `None` until some magnesium
    /// shows.
    pub fn calcium_magnesium_ratio(&self) -> Option<Ratio> {
        let magnesium = mg::shown(self.magnesium.total_mg());
        if magnesium <= 0.0 {
            return None;
        }
        let bound = match (
            self.calcium.is_lower_bound(),
            self.magnesium.missing_data_count > 0,
        ) {
            (false, false) => Bound::Exact,
            (true, false) => Bound::AtLeast,
            (false, true) => Bound::AtMost,
            (true, true) => Bound::Rough,
        };
        Some(Ratio {
            value: mg::shown(self.calcium.mg) / magnesium,
            bound,
        })
    }
}

/// A food that might close the gap, as the caller describes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GapCandidate {
    /// The caller's index (into its food list).
    pub index: usize,
    /// Magnesium in one realistic portion of the food.
    pub mg_per_portion: f64,
    /// A plain or raw food rather than a prepared or fortified product.
    pub plain: bool,
}

/// Foods whose single portion covers `remaining_mg`, best first, at
/// most `limit` of them.
///
/// Order: plain foods before prepared ones (the suggestion is meant as an
/// everyday food, not a fortified product), then the smallest sufficient
/// serving (the least overshoot), then the caller's index so equal
/// candidates keep a stable order. Nothing is returned once the gap is
/// closed.
pub fn close_the_gap(
    remaining_mg: f64,
    candidates: &[GapCandidate],
    limit: usize,
) -> Vec<GapCandidate> {
    if remaining_mg.is_nan() || remaining_mg <= 0.0 {
        return Vec::new();
    }
    let mut fits: Vec<GapCandidate> = candidates
        .iter()
        .copied()
        .filter(|c| c.mg_per_portion.is_finite() && c.mg_per_portion >= remaining_mg)
        .collect();
    fits.sort_by(|a, b| {
        b.plain
            .cmp(&a.plain)
            .then(a.mg_per_portion.total_cmp(&b.mg_per_portion))
            .then(a.index.cmp(&b.index))
    });
    fits.truncate(limit);
    fits
}

/// A food or custom item logged recently, ready to be logged again with the
/// same measure and quantity.
#[derive(Clone, Debug, PartialEq)]
pub enum RecentItem {
    Food(FoodEntry),
    Custom(CustomEntry),
}

/// The distinct foods (by NDB number) and custom items (by item id) most
/// recently logged, newest first, at most `limit`. Later days come first
/// whatever the order of `logs`; within a day, later entries are newer.
pub fn recent_items(logs: &[DayLog], limit: usize) -> Vec<RecentItem> {
    let mut days: Vec<&DayLog> = logs.iter().collect();
    days.sort_by_key(|d| std::cmp::Reverse(d.date));
    let mut seen_foods = HashSet::new();
    let mut seen_custom = HashSet::new();
    let mut out = Vec::new();
    for entry in days.iter().flat_map(|d| d.entries.iter().rev()) {
        if out.len() == limit {
            break;
        }
        match &entry.item {
            Item::Food(f) if seen_foods.insert(f.ndb) => out.push(RecentItem::Food(f.clone())),
            Item::Custom(c) if seen_custom.insert(c.item_id) => {
                out.push(RecentItem::Custom(c.clone()))
            }
            _ => {}
        }
    }
    out
}

/// A short remark about the day, shown under the totals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ContextNote {
    /// The logged foods contain caffeine; `limit_mg` is the person's limit
    /// when one applies (see [`caffeine_limit_mg`]).
    Caffeine {
        caffeine: PartialSum,
        limit_mg: Option<f64>,
    },
    /// A caffeine or coffee tag on a day whose logged foods show none: the
    /// drinks were not logged from the food list, so the amount is unknown.
    CaffeineTagged,
    /// The day's calcium is high against its magnesium.
    HighCalciumRatio(Ratio),
    /// Alcohol was logged (a tag or an alcoholic drink).
    Alcohol,
    /// Supplemental magnesium is above the upper level.
    OverUpperLimit {
        supplement_mg: f64,
        upper_limit_mg: u32,
    },
    /// Some foods have no magnesium data.
    MissingData { count: usize },
    /// Topical magnesium was logged.
    TopicalNotCounted,
}

impl ContextNote {
    pub fn text(&self) -> String {
        match self {
            ContextNote::Caffeine {
                caffeine,
                limit_mg: Some(limit),
            } if mg::shown(caffeine.mg) > *limit => format!(
                "Caffeine today: {}, more than the {} a day that EFSA considers safe for \
                 you. It also briefly increases the magnesium lost in urine.",
                caffeine.text(),
                format_mg(*limit)
            ),
            ContextNote::Caffeine { caffeine, .. } => format!(
                "Caffeine today: {}. It briefly increases the magnesium lost in urine, a small \
                 effect over a whole day.",
                caffeine.text()
            ),
            ContextNote::CaffeineTagged => "Tagged caffeine or coffee, but the logged foods show \
                 no caffeine: log the drinks from the food list to see how much the day had."
                .to_string(),
            ContextNote::HighCalciumRatio(ratio) => format!(
                "Calcium to magnesium today: {}, above the {CALCIUM_MAGNESIUM_RATIO_HIGH} : 1 \
                 that some researchers propose as the upper end of a good balance. Much more \
                 calcium than magnesium may lower how much magnesium you absorb.",
                ratio.text()
            ),
            ContextNote::Alcohol => "Alcohol today: it increases the magnesium lost in urine, \
                 and regular heavy drinking is a common cause of low magnesium."
                .to_string(),
            ContextNote::OverUpperLimit {
                supplement_mg,
                upper_limit_mg,
            } => format!(
                "Supplements today ({}) are above the upper level of \
                 {upper_limit_mg} mg. Loose stools or diarrhoea are usually the first sign of \
                 too much supplemental magnesium.",
                format_mg(*supplement_mg)
            ),
            ContextNote::MissingData { count: 1 } => {
                "1 item has no magnesium data, so the real total may be higher than shown."
                    .to_string()
            }
            ContextNote::MissingData { count } => format!(
                "{count} items have no magnesium data, so the real total may be higher than shown."
            ),
            ContextNote::TopicalNotCounted => {
                format!("Topical magnesium is logged but not counted: {TOPICAL_REASON}.")
            }
        }
    }
}

/// The notes that apply to a day, in display order: upper level first (it
/// matters most), then missing data, caffeine, the calcium balance, alcohol
/// and topical.
///
/// Caffeine and calcium come from the numbers in `nutrients` (`None` while
/// the food table loads). Words decide only what the data cannot know: a
/// "caffeine" or "coffee" tag (any case) on a day without logged caffeine,
/// and alcohol, which the food table does not carry, from an "alcohol" tag
/// or an alcoholic food or custom item (see [`name_suggests_alcohol`]).
/// `caffeine_limit_mg` is the person's limit, if one applies.
pub fn context_notes<S: AsRef<str>>(
    log: &DayLog,
    summary: &DaySummary,
    nutrients: Option<&DayNutrients>,
    caffeine_limit_mg: Option<f64>,
    tags: &[S],
) -> Vec<ContextNote> {
    let tagged = |words: &[&str]| {
        tags.iter().any(|t| {
            words
                .iter()
                .any(|w| t.as_ref().trim().eq_ignore_ascii_case(w))
        })
    };
    let names = || {
        log.entries.iter().filter_map(|e| match &e.item {
            Item::Food(f) => Some(f.name.as_str()),
            Item::Custom(c) => Some(c.name.as_str()),
            _ => None,
        })
    };
    let mut notes = Vec::new();
    if let (true, Some(ul)) = (summary.over_upper_limit(), summary.upper_limit_mg) {
        notes.push(ContextNote::OverUpperLimit {
            supplement_mg: summary.totals.supplement_mg,
            upper_limit_mg: ul,
        });
    }
    if summary.totals.missing_data_count > 0 {
        notes.push(ContextNote::MissingData {
            count: summary.totals.missing_data_count,
        });
    }
    match nutrients {
        Some(n) if mg::shown(n.caffeine.mg) > 0.0 => notes.push(ContextNote::Caffeine {
            caffeine: n.caffeine,
            limit_mg: caffeine_limit_mg,
        }),
        Some(_) if tagged(&["caffeine", "coffee"]) => notes.push(ContextNote::CaffeineTagged),
        _ => {}
    }
    if let Some(ratio) = nutrients
        .and_then(DayNutrients::calcium_magnesium_ratio)
        .filter(Ratio::is_high)
    {
        notes.push(ContextNote::HighCalciumRatio(ratio));
    }
    if tagged(&["alcohol"]) || names().any(name_suggests_alcohol) {
        notes.push(ContextNote::Alcohol);
    }
    if summary.totals.topical_count > 0 {
        notes.push(ContextNote::TopicalNotCounted);
    }
    notes
}

/// Whether a food or custom-item name looks alcoholic: USDA's "Alcoholic
/// beverage" group, hard cider, or a typed name with beer, wine or a spirit,
/// excluding vinegar, non-alcoholic drinks, root beer and cocktail mixes.
pub fn name_suggests_alcohol(name: &str) -> bool {
    const EXCLUDE: [&str; 7] = [
        "non-alcoholic",
        "nonalcoholic",
        "alcohol-free",
        "vinegar",
        "root beer",
        "beerwurst",
        "mix",
    ];
    const WORDS: [&str; 11] = [
        "beer",
        "wine",
        "vodka",
        "whiskey",
        "whisky",
        "rum",
        "gin",
        "liqueur",
        "sake",
        "prosecco",
        "champagne",
    ];
    let lower = name.to_lowercase();
    if EXCLUDE.iter().any(|x| lower.contains(x)) {
        return false;
    }
    lower.starts_with("alcoholic beverage")
        || lower.contains("hard cider")
        || has_word(&lower, &WORDS)
}

/// "1.5", "2", "0.25": a quantity with at most two decimals and no
/// trailing zeros.
pub fn format_quantity(q: f64) -> String {
    let s = format!("{:.2}", q);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn has_word(lower: &str, words: &[&str]) -> bool {
    lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| words.contains(&w))
}

/// The stored shape of a [`DayLog`]. `next_id` may be missing in
/// hand-written files; it is then derived from the entries.
#[derive(Serialize, Deserialize)]
struct DayLogRepr {
    #[serde(rename = "date")]
    date: Date,
    #[serde(rename = "next_id", default)]
    next_id: u64,
    #[serde(rename = "entries")]
    entries: Vec<Entry>,
}

/// A stored day log that cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayLogError {
    /// Two entries share an id, so delete and undo would be ambiguous.
    DuplicateId(u64),
    /// An id or the id counter is above [`MAX_ENTRY_ID`].
    IdOutOfRange(u64),
}

impl fmt::Display for DayLogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DayLogError::DuplicateId(id) => write!(f, "two entries share the id {id}"),
            DayLogError::IdOutOfRange(id) => write!(f, "entry id {id} is too large"),
        }
    }
}

impl std::error::Error for DayLogError {}

impl TryFrom<DayLogRepr> for DayLog {
    type Error = DayLogError;
    fn try_from(r: DayLogRepr) -> Result<DayLog, DayLogError> {
        if r.next_id > MAX_ENTRY_ID + 1 {
            return Err(DayLogError::IdOutOfRange(r.next_id));
        }
        let mut ids = HashSet::new();
        for e in &r.entries {
            if e.id.0 > MAX_ENTRY_ID {
                return Err(DayLogError::IdOutOfRange(e.id.0));
            }
            if !ids.insert(e.id) {
                return Err(DayLogError::DuplicateId(e.id.0));
            }
        }
        // A stale or missing counter must never hand out an id in use.
        let above_max = r.entries.iter().map(|e| e.id.0 + 1).max().unwrap_or(1);
        Ok(DayLog {
            date: r.date,
            next_id: r.next_id.max(above_max),
            entries: r.entries,
        })
    }
}

impl From<DayLog> for DayLogRepr {
    fn from(d: DayLog) -> DayLogRepr {
        DayLogRepr {
            date: d.date,
            next_id: d.next_id,
            entries: d.entries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dri::{Age, ReferenceSet, Sex, reference};

    fn pos(v: f64) -> Positive {
        Positive::new(v).unwrap()
    }

    fn nn(v: f64) -> NonNegative {
        NonNegative::new(v).unwrap()
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn food(ndb: u32, name: &str, quantity: f64, grams: f64, per100: Option<f64>) -> Item {
        Item::Food(FoodEntry {
            ndb,
            name: name.to_string(),
            measure: "1 oz".to_string(),
            quantity: pos(quantity),
            measure_grams: pos(grams),
            mg_per_100g: per100.map(nn),
        })
    }

    fn supplement(form: SupplementForm, dose: DoseInput, servings: f64) -> Item {
        Item::Supplement(SupplementEntry::new(form, dose, pos(servings), None).unwrap())
    }

    fn water(mg_per_litre: f64, supplement: bool) -> CustomItem {
        CustomItem {
            id: 7,
            name: "Mineral water".to_string(),
            basis: CustomBasis::PerLitre {
                mg: nn(mg_per_litre),
            },
            supplement,
        }
    }

    fn sachet(mg: f64, supplement: bool) -> CustomItem {
        CustomItem {
            id: 8,
            name: "Electrolyte sachet".to_string(),
            basis: CustomBasis::PerServing {
                label: "1 sachet".to_string(),
                mg: nn(mg),
            },
            supplement,
        }
    }

    fn custom(item: &CustomItem, amount: CustomAmount) -> Item {
        Item::Custom(item.entry(amount).unwrap())
    }

    fn topical() -> Item {
        Item::Topical(TopicalEntry {
            description: "Epsom salt bath".to_string(),
        })
    }

    fn log_of(items: Vec<Item>) -> DayLog {
        let mut log = DayLog::new(date("2025-03-09"));
        for item in items {
            log.add(item);
        }
        log
    }

    #[test]
    fn contributions_by_kind() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        let cases: Vec<(Item, Contribution, &str)> = vec![
            // 2 × 28.35 g of pumpkin seeds at 592 mg/100 g.
            (
                food(12014, "Pumpkin seeds", 2.0, 28.35, Some(592.0)),
                Contribution::Food(335.664),
                "2 × 1 oz (56.7 g)",
            ),
            (
                food(1, "Water", 1.0, 240.0, Some(0.0)),
                Contribution::Food(0.0),
                "1 × 1 oz (240 g)",
            ),
            (
                food(2, "Mystery", 1.5, 100.0, None),
                Contribution::NoData,
                "1.5 × 1 oz (150 g)",
            ),
            (
                supplement(
                    SupplementForm::Citrate,
                    DoseInput::ElementalMg(pos(100.0)),
                    2.0,
                ),
                Contribution::Supplement(200.0),
                "2 servings",
            ),
            // 500 mg L-threonate ≈ 41.265 mg elemental.
            (
                supplement(
                    SupplementForm::LThreonate,
                    DoseInput::CompoundMg(pos(500.0)),
                    1.0,
                ),
                Contribution::Supplement(500.0 * 24.305 / 294.495),
                "1 serving",
            ),
            (
                custom(&water(110.0, false), CustomAmount::Millilitres(pos(500.0))),
                Contribution::Food(55.0),
                "500 ml",
            ),
            (
                custom(&water(110.0, false), CustomAmount::Litres(pos(1.5))),
                Contribution::Food(165.0),
                "1.5 L",
            ),
            (
                custom(&sachet(60.0, true), CustomAmount::Servings(pos(2.0))),
                Contribution::Supplement(120.0),
                "2 × 1 sachet",
            ),
            (
                custom(&sachet(60.0, false), CustomAmount::Servings(pos(0.5))),
                Contribution::Food(30.0),
                "0.5 × 1 sachet",
            ),
            (topical(), Contribution::NotCounted, ""),
        ];
        for (item, expected, amount) in cases {
            let got = item.contribution();
            let same = match (got, expected) {
                (Contribution::Food(a), Contribution::Food(b))
                | (Contribution::Supplement(a), Contribution::Supplement(b)) => close(a, b),
                (a, b) => a == b,
            };
            assert!(same, "{}: {got:?} vs {expected:?}", item.name());
            assert_eq!(item.amount_text(), amount, "{}", item.name());
        }
    }

    #[test]
    fn custom_amounts_must_fit_the_basis() {
        let cases = [
            (
                water(100.0, false),
                CustomAmount::Litres(pos(2.0)),
                Ok(200.0),
            ),
            (
                water(100.0, false),
                CustomAmount::Millilitres(pos(330.0)),
                Ok(33.0),
            ),
            (
                water(100.0, false),
                CustomAmount::Servings(pos(1.0)),
                Err(CustomAmountError::NeedsVolume),
            ),
            (
                water(100.0, false),
                CustomAmount::Millilitres(pos(f64::from_bits(1))),
                Err(CustomAmountError::TooSmall),
            ),
            (
                sachet(45.0, false),
                CustomAmount::Servings(pos(3.0)),
                Ok(135.0),
            ),
            (
                sachet(45.0, false),
                CustomAmount::Litres(pos(1.0)),
                Err(CustomAmountError::NeedsServings),
            ),
            (
                sachet(45.0, false),
                CustomAmount::Millilitres(pos(250.0)),
                Err(CustomAmountError::NeedsServings),
            ),
        ];
        for (item, amount, expected) in cases {
            let got = item.mg_for(amount);
            match (got, expected) {
                (Ok(a), Ok(b)) => assert!((a - b).abs() < 1e-9, "{amount:?}: {a} vs {b}"),
                (a, b) => assert_eq!(a, b, "{amount:?}"),
            }
        }
        assert_eq!(next_custom_item_id(&[]), 1);
        assert_eq!(
            next_custom_item_id(&[water(1.0, false), sachet(1.0, false)]),
            9
        );
    }

    #[test]
    fn totals_are_honest_about_missing_data() {
        // (items, food mg, supplement mg, text)
        let cases: Vec<(Vec<Item>, f64, f64, &str)> = vec![
            (vec![], 0.0, 0.0, "0 mg"),
            (
                vec![food(1, "A", 1.0, 100.0, Some(212.0))],
                212.0,
                0.0,
                "212 mg",
            ),
            (
                vec![
                    food(1, "A", 1.0, 100.0, Some(112.0)),
                    food(2, "B", 1.0, 50.0, None),
                    supplement(
                        SupplementForm::Other,
                        DoseInput::ElementalMg(pos(100.0)),
                        1.0,
                    ),
                    food(3, "C", 2.0, 10.0, None),
                    topical(),
                ],
                112.0,
                100.0,
                "at least 212 mg — 2 items have no magnesium data",
            ),
            (
                vec![food(2, "B", 1.0, 50.0, None), topical()],
                0.0,
                0.0,
                "at least 0 mg — 1 item has no magnesium data",
            ),
            (
                vec![
                    custom(&water(100.0, false), CustomAmount::Litres(pos(1.0))),
                    custom(&sachet(50.0, true), CustomAmount::Servings(pos(1.0))),
                ],
                100.0,
                50.0,
                "150 mg",
            ),
        ];
        for (items, food_mg, supplement_mg, text) in cases {
            let n_missing = items
                .iter()
                .filter(|i| i.contribution() == Contribution::NoData)
                .count();
            let n_topical = items
                .iter()
                .filter(|i| matches!(i, Item::Topical(_)))
                .count();
            let t = log_of(items).totals();
            assert!((t.food_mg - food_mg).abs() < 1e-9, "{text}");
            assert!((t.supplement_mg - supplement_mg).abs() < 1e-9, "{text}");
            assert_eq!(t.missing_data_count, n_missing, "{text}");
            assert_eq!(t.topical_count, n_topical, "{text}");
            assert_eq!(t.total_text(), text);
        }
    }

    #[test]
    fn floating_sums_round_to_what_is_shown() {
        // Three servings of 33.35 mg sum to 100.05000000000001 in binary
        // floating point; people see 100 mg.
        let items: Vec<Item> = (0..3)
            .map(|i| food(i, "A", 1.0, 100.0, Some(33.35)))
            .collect();
        let t = log_of(items).totals();
        assert_eq!(t.total_text(), "100 mg");

        // (food mg, supplement mg, target, UL, remaining, met, over UL, percent)
        let cases = [
            (
                309.6,
                0.0,
                Some(310),
                Some(350),
                Some(0),
                true,
                false,
                Some(100),
            ),
            (
                309.4,
                0.0,
                Some(310),
                Some(350),
                Some(1),
                false,
                false,
                Some(100),
            ),
            (
                0.0,
                350.4,
                Some(310),
                Some(350),
                Some(0),
                true,
                false,
                Some(113),
            ),
            (
                0.0,
                350.6,
                Some(310),
                Some(350),
                Some(0),
                true,
                true,
                Some(113),
            ),
            (
                100.0,
                50.0,
                Some(300),
                None,
                Some(150),
                false,
                false,
                Some(50),
            ),
            (10.0, 0.0, None, None, None, false, false, None),
            (0.0, 0.0, Some(0), Some(250), Some(0), true, false, None),
        ];
        for (food_mg, supplement_mg, target, ul, remaining, met, over, percent) in cases {
            let s = DaySummary::new(
                Totals {
                    food_mg,
                    supplement_mg,
                    missing_data_count: 0,
                    topical_count: 0,
                },
                target,
                ul,
            );
            let case = format!("{food_mg}+{supplement_mg} vs {target:?}/{ul:?}");
            assert_eq!(s.remaining_mg(), remaining.map(f64::from), "{case}");
            assert_eq!(s.target_met(), met, "{case}");
            assert_eq!(s.over_upper_limit(), over, "{case}");
            assert_eq!(s.share_percent(), percent, "{case}");
        }
    }

    #[test]
    fn summary_texts() {
        let totals = |food_mg, supplement_mg, missing| Totals {
            food_mg,
            supplement_mg,
            missing_data_count: missing,
            topical_count: 0,
        };
        let s = DaySummary::new(totals(112.0, 100.0, 2), Some(310), Some(350));
        assert_eq!(s.remaining_text().unwrap(), "at most 98 mg to go");
        assert_eq!(
            s.supplement_limit_text().unwrap(),
            "Supplements 100 mg of 350 mg upper level"
        );
        assert!((s.supplement_share_of_limit().unwrap() - 100.0 / 350.0).abs() < 1e-12);
        let s = DaySummary::new(totals(112.0, 100.0, 0), Some(310), None);
        assert_eq!(s.remaining_text().unwrap(), "98 mg to go");
        assert_eq!(s.supplement_limit_text(), None);
        let s = DaySummary::new(totals(400.0, 0.0, 1), Some(310), None);
        assert_eq!(s.remaining_text().unwrap(), "Target reached");

        // The reference wiring: a 40-year-old woman under IOM.
        let profile = Profile::new(Age::from_years(40).unwrap(), Sex::Female, Status::None);
        let r = reference(profile.unwrap(), ReferenceSet::Iom1997);
        let s = DaySummary::for_reference(totals(200.0, 400.0, 0), &r);
        assert_eq!((s.target_mg, s.upper_limit_mg), (Some(320), Some(350)));
        assert!(s.over_upper_limit());
    }

    #[test]
    fn add_edit_delete_undo() {
        let mut log = DayLog::new(date("2025-03-09"));
        let a = log.add(food(1, "A", 1.0, 100.0, Some(100.0)));
        let b = log.add(food(2, "B", 1.0, 100.0, Some(50.0)));
        let c = log.add(topical());
        assert_eq!((a, b, c), (EntryId(1), EntryId(2), EntryId(3)));

        log.set_quantity(b, pos(3.0)).unwrap();
        assert!((log.totals().food_mg - 250.0).abs() < 1e-9);
        assert_eq!(log.set_quantity(c, pos(2.0)), Err(EditError::NoQuantity));
        assert_eq!(
            log.set_quantity(EntryId(99), pos(2.0)),
            Err(EditError::NotFound)
        );

        let old = log
            .replace(a, food(1, "A", 2.0, 100.0, Some(100.0)))
            .unwrap();
        assert!((log.totals().food_mg - 350.0).abs() < 1e-9);
        log.replace(a, old).unwrap();
        assert!((log.totals().food_mg - 250.0).abs() < 1e-9);

        let removed = log.delete(b).unwrap();
        assert_eq!(removed.index, 1);
        assert_eq!(log.delete(b), None);
        let ids = |log: &DayLog| log.entries().iter().map(|e| e.id.0).collect::<Vec<_>>();
        assert_eq!(ids(&log), [1, 3]);

        // A new entry never reuses the deleted id, so undo cannot collide.
        let d = log.add(topical());
        assert_eq!(d, EntryId(4));
        assert_eq!(log.undo(removed.clone()), Ok(b));
        assert_eq!(ids(&log), [1, 2, 3, 4]);
        assert_eq!(log.undo(removed.clone()), Err(UndoError::AlreadyPresent));

        let mut other = DayLog::new(date("2025-03-10"));
        assert_eq!(other.undo(removed), Err(UndoError::WrongDay));

        // Undo after later deletions appends at the end rather than panicking.
        let r3 = log.delete(EntryId(4)).unwrap();
        log.delete(EntryId(3)).unwrap();
        log.delete(EntryId(2)).unwrap();
        log.undo(r3).unwrap();
        assert_eq!(ids(&log), [1, 4]);
    }

    #[test]
    fn day_log_json_is_stable() {
        let mut log = DayLog::new(date("2025-03-09"));
        log.add(food(12014, "Pumpkin seeds", 1.0, 28.35, Some(592.0)));
        log.add(food(99, "Unknown", 2.0, 10.0, None));
        log.add(Item::Supplement(
            SupplementEntry::new(
                SupplementForm::Citrate,
                DoseInput::ElementalMg(pos(200.0)),
                pos(1.0),
                Some("Brand X".to_string()),
            )
            .unwrap(),
        ));
        log.add(custom(
            &water(100.0, false),
            CustomAmount::Millilitres(pos(500.0)),
        ));
        log.add(custom(
            &sachet(60.0, true),
            CustomAmount::Servings(pos(1.0)),
        ));
        log.add(topical());
        let json = serde_json::to_string(&log).unwrap();
        let expected = concat!(
            r#"{"date":"2025-03-09","next_id":7,"entries":["#,
            r#"{"id":1,"item":{"food":{"ndb":12014,"name":"Pumpkin seeds","measure":"1 oz","#,
            r#""quantity":1.0,"measure_grams":28.35,"mg_per_100g":592.0}}},"#,
            r#"{"id":2,"item":{"food":{"ndb":99,"name":"Unknown","measure":"1 oz","#,
            r#""quantity":2.0,"measure_grams":10.0,"mg_per_100g":null}}},"#,
            r#"{"id":3,"item":{"supplement":{"form":"citrate","dose":{"elemental_mg":200.0},"#,
            r#""servings":1.0,"elemental_mg_per_serving":200.0,"label":"Brand X"}}},"#,
            r#"{"id":4,"item":{"custom":{"item_id":7,"name":"Mineral water","supplement":false,"#,
            r#""measure":{"volume":{"mg_per_litre":100.0,"litres":0.5}}}}},"#,
            r#"{"id":5,"item":{"custom":{"item_id":8,"name":"Electrolyte sachet","#,
            r#""supplement":true,"measure":{"servings":{"label":"1 sachet","#,
            r#""mg_per_serving":60.0,"servings":1.0}}}}},"#,
            r#"{"id":6,"item":{"topical":{"description":"Epsom salt bath"}}}]}"#,
        );
        assert_eq!(json, expected);
        assert_eq!(serde_json::from_str::<DayLog>(&json).unwrap(), log);

        // The same types round-trip through a non-self-describing format.
        let bytes = postcard::to_allocvec(&log).unwrap();
        assert_eq!(postcard::from_bytes::<DayLog>(&bytes).unwrap(), log);

        let custom_item = serde_json::to_string(&sachet(60.0, true)).unwrap();
        assert_eq!(
            custom_item,
            r#"{"id":8,"name":"Electrolyte sachet","basis":{"per_serving":{"label":"1 sachet","mg":60.0}},"supplement":true}"#
        );
    }

    #[test]
    fn reading_day_logs_validates() {
        let entry =
            |id: u64| format!(r#"{{"id":{id},"item":{{"topical":{{"description":"x"}}}}}}"#);
        // (json, Ok(next id handed out) or error text)
        let cases: Vec<(String, Result<u64, &str>)> = vec![
            // A missing or stale counter is raised above the largest id.
            (
                format!(r#"{{"date":"2025-01-01","entries":[{}]}}"#, entry(5)),
                Ok(6),
            ),
            (
                format!(
                    r#"{{"date":"2025-01-01","next_id":2,"entries":[{}]}}"#,
                    entry(5)
                ),
                Ok(6),
            ),
            (
                r#"{"date":"2025-01-01","next_id":40,"entries":[]}"#.to_string(),
                Ok(40),
            ),
            (
                format!(
                    r#"{{"date":"2025-01-01","entries":[{},{}]}}"#,
                    entry(3),
                    entry(3)
                ),
                Err("two entries share the id 3"),
            ),
            (
                format!(r#"{{"date":"2025-01-01","entries":[{}]}}"#, entry(1 << 53)),
                Err("too large"),
            ),
            (
                concat!(
                    r#"{"date":"2025-01-01","entries":[{"id":1,"item":{"food":{"ndb":1,"#,
                    r#""name":"A","measure":"g","quantity":-1.0,"measure_grams":1.0,"#,
                    r#""mg_per_100g":null}}}]}"#
                )
                .to_string(),
                Err("greater than zero"),
            ),
            (
                r#"{"date":"2025-02-30","entries":[]}"#.to_string(),
                Err("not a date"),
            ),
        ];
        for (json, expected) in cases {
            match (serde_json::from_str::<DayLog>(&json), expected) {
                (Ok(mut log), Ok(next)) => assert_eq!(log.add(topical()), EntryId(next), "{json}"),
                (Err(e), Err(text)) => assert!(e.to_string().contains(text), "{json}: {e}"),
                (got, expected) => panic!("{json}: {got:?} vs {expected:?}"),
            }
        }
        // Older files without the optional fields still read.
        let json = concat!(
            r#"{"date":"2025-01-01","entries":[{"id":1,"item":{"supplement":{"form":"oxide","#,
            r#""dose":{"compound_mg":400.0},"servings":1.0,"elemental_mg_per_serving":241.2}}}]}"#
        );
        let log: DayLog = serde_json::from_str(json).unwrap();
        assert_eq!(log.entries()[0].item.name(), "Magnesium oxide");
    }

    #[test]
    fn close_the_gap_orders_plain_then_smallest() {
        let c = |index, mg_per_portion, plain| GapCandidate {
            index,
            mg_per_portion,
            plain,
        };
        let candidates = [
            c(0, 150.0, true),
            c(1, 80.0, true),
            c(2, 100.0, false),
            c(3, 95.0, true),
            c(4, 95.0, true),
            c(5, 300.0, false),
            c(6, f64::NAN, true),
            c(7, 94.9, true),
        ];
        // (remaining, limit, expected indices)
        let cases: &[(f64, usize, &[usize])] = &[
            (95.0, 10, &[3, 4, 0, 2, 5]),
            (95.0, 2, &[3, 4]),
            (120.0, 10, &[0, 5]),
            (301.0, 10, &[]),
            (0.0, 10, &[]),
            (-5.0, 10, &[]),
            (f64::NAN, 10, &[]),
            (1.0, 3, &[1, 7, 3]),
        ];
        for &(remaining, limit, expected) in cases {
            let got: Vec<usize> = close_the_gap(remaining, &candidates, limit)
                .iter()
                .map(|c| c.index)
                .collect();
            assert_eq!(got, expected, "{remaining} mg, limit {limit}");
        }
    }

    #[test]
    fn recent_items_are_distinct_and_newest_first() {
        let mut older = DayLog::new(date("2025-03-01"));
        older.add(food(1, "Almonds", 1.0, 28.0, Some(270.0)));
        older.add(food(2, "Spinach", 1.0, 30.0, Some(79.0)));
        older.add(custom(&water(100.0, false), CustomAmount::Litres(pos(1.0))));
        let mut newer = DayLog::new(date("2025-03-05"));
        newer.add(food(3, "Oats", 1.0, 40.0, Some(138.0)));
        newer.add(supplement(
            SupplementForm::Other,
            DoseInput::ElementalMg(pos(100.0)),
            1.0,
        ));
        newer.add(food(1, "Almonds", 2.0, 28.0, Some(270.0)));
        newer.add(topical());
        let key = |r: &RecentItem| match r {
            RecentItem::Food(f) => format!("food {} ×{}", f.ndb, f.quantity.get()),
            RecentItem::Custom(c) => format!("custom {}", c.item_id),
        };
        // Given oldest first, the newer day still comes first.
        let logs = [older, newer];
        let cases: &[(usize, &[&str])] = &[
            (10, &["food 1 ×2", "food 3 ×1", "custom 7", "food 2 ×1"]),
            (2, &["food 1 ×2", "food 3 ×1"]),
            (0, &[]),
        ];
        for &(limit, expected) in cases {
            let got: Vec<String> = recent_items(&logs, limit).iter().map(key).collect();
            assert_eq!(got, expected, "limit {limit}");
        }
        assert!(recent_items(&[], 5).is_empty());
    }

    #[test]
    fn a_food_entry_from_a_measure_or_grams() {
        use crate::domain::food::{Food, GroupId, Measure, Portion};
        let almonds = |magnesium_mg: Option<f64>| Food {
            ndb: NdbNo(12061),
            description: "Nuts, almonds".to_string(),
            group: GroupId::new(0),
            common_names: String::new(),
            branded: false,
            survey: true,
            nutrients: Nutrients {
                magnesium_mg,
                ..Nutrients::NONE
            },
            measures: vec![Measure {
                amount: 1.0,
                description: "oz (23 whole kernels)".to_string(),
                grams: 28.35,
            }],
            portion: Portion::grams(28.35),
        };
        // The expected measure label, grams eaten and magnesium.
        type Made = Option<(&'static str, f64, Option<f64>)>;
        // (magnesium per 100 g, measure, quantity, what is made, or `None`
        // for no entry)
        type Case = (Option<f64>, Option<usize>, f64, Made);
        let cases: [Case; 7] = [
            (
                Some(270.0),
                Some(0),
                2.0,
                Some(("1 oz (23 whole kernels)", 56.7, Some(153.09))),
            ),
            (Some(270.0), None, 50.0, Some(("g", 50.0, Some(135.0)))),
            // A measure index the food does not have falls back to grams.
            (Some(270.0), Some(5), 10.0, Some(("g", 10.0, Some(27.0)))),
            (
                None,
                Some(0),
                1.0,
                Some(("1 oz (23 whole kernels)", 28.35, None)),
            ),
            (Some(270.0), Some(0), 0.0, None),
            (Some(270.0), None, -1.0, None),
            (Some(270.0), None, f64::NAN, None),
        ];
        for (per100, measure, quantity, expected) in cases {
            let entry = FoodEntry::from_food(&almonds(per100), measure, quantity);
            let got = entry
                .as_ref()
                .map(|e| (e.measure.as_str(), e.grams(), e.mg()));
            match (got, expected) {
                (Some((label, grams, mg)), Some((want_label, want_grams, want_mg))) => {
                    assert_eq!(label, want_label, "{measure:?} {quantity}");
                    assert!((grams - want_grams).abs() < 1e-9, "{grams}");
                    assert_eq!(mg.is_some(), want_mg.is_some());
                    if let (Some(mg), Some(want)) = (mg, want_mg) {
                        assert!((mg - want).abs() < 1e-9, "{mg}");
                    }
                }
                (got, expected) => {
                    assert_eq!(got.is_some(), expected.is_some(), "{measure:?} {quantity}")
                }
            }
            if let Some(e) = entry {
                assert_eq!((e.ndb, e.name.as_str()), (12061, "Nuts, almonds"));
            }
        }
    }

    /// A small food table: coffee with caffeine and a little calcium, whole
    /// milk with much calcium, a drink without caffeine or calcium values and
    /// a food with calcium but no magnesium value.
    fn table() -> FoodDb {
        use crate::domain::food::{Food, FoodGroup, GroupId};
        let food = |ndb: u32, description: &str, nutrients: Nutrients| Food {
            ndb: NdbNo(ndb),
            description: description.to_string(),
            group: GroupId::new(0),
            common_names: String::new(),
            branded: false,
            survey: true,
            nutrients,
            measures: Vec::new(),
            portion: crate::domain::food::Portion::grams(100.0),
        };
        let with =
            |magnesium: Option<f64>, calcium: Option<f64>, caffeine: Option<f64>| Nutrients {
                magnesium_mg: magnesium,
                calcium_mg: calcium,
                caffeine_mg: caffeine,
                ..Nutrients::NONE
            };
        FoodDb::new(
            vec![FoodGroup {
                code: 1400,
                name: "Beverages".to_string(),
            }],
            vec![
                food(
                    COCOA,
                    "Cocoa, no magnesium value",
                    with(None, Some(50.0), Some(0.0)),
                ),
                food(
                    MILK,
                    "Milk, whole",
                    with(Some(10.0), Some(113.0), Some(0.0)),
                ),
                food(
                    COFFEE,
                    "Beverages, coffee, brewed",
                    with(Some(3.0), Some(2.0), Some(40.0)),
                ),
                food(
                    MYSTERY,
                    "Beverages, mystery drink",
                    with(Some(5.0), None, None),
                ),
            ],
        )
        .unwrap()
    }

    const COCOA: u32 = 1000;
    const MILK: u32 = 1077;
    const COFFEE: u32 = 14209;
    const MYSTERY: u32 = 14999;

    /// An entry for a food of [`table`], with its magnesium copied in.
    fn logged(ndb: u32, grams: f64) -> Item {
        let db = table();
        let (_, f) = db.by_ndb(NdbNo(ndb)).unwrap();
        food(ndb, &f.description, 1.0, grams, f.nutrients.magnesium_mg)
    }

    #[test]
    fn caffeine_and_calcium_come_from_the_food_table() {
        let db = table();
        // (items, caffeine mg, caffeine unknown, calcium mg, calcium unknown)
        let cases: Vec<(Vec<Item>, f64, usize, f64, usize)> = vec![
            (vec![], 0.0, 0, 0.0, 0),
            // A 240 g mug of coffee: 96 mg caffeine, 4.8 mg calcium.
            (vec![logged(COFFEE, 240.0)], 96.0, 0, 4.8, 0),
            // A drink without values makes both figures lower bounds.
            (
                vec![logged(COFFEE, 240.0), logged(MYSTERY, 200.0)],
                96.0,
                1,
                4.8,
                1,
            ),
            // A food missing from the table is unknown, as is a custom item;
            // supplements and topical entries add nothing.
            (
                vec![
                    food(99999, "Not in the table", 1.0, 100.0, Some(10.0)),
                    custom(&sachet(50.0, false), CustomAmount::Servings(pos(1.0))),
                    supplement(
                        SupplementForm::Citrate,
                        DoseInput::ElementalMg(pos(100.0)),
                        1.0,
                    ),
                    topical(),
                ],
                0.0,
                2,
                0.0,
                2,
            ),
            (vec![logged(MILK, 244.0)], 0.0, 0, 275.72, 0),
        ];
        for (items, caffeine, caffeine_unknown, calcium, calcium_unknown) in cases {
            let n = DayNutrients::of(&log_of(items), &db);
            let case = format!("{n:?}");
            assert!((n.caffeine.mg - caffeine).abs() < 1e-9, "{case}");
            assert_eq!(n.caffeine.unknown, caffeine_unknown, "{case}");
            assert!((n.calcium.mg - calcium).abs() < 1e-9, "{case}");
            assert_eq!(n.calcium.unknown, calcium_unknown, "{case}");
        }

        let n = DayNutrients::of(&log_of(vec![logged(COFFEE, 240.0)]), &db);
        assert_eq!(n.caffeine.text(), "96 mg");
        let n = DayNutrients::of(
            &log_of(vec![logged(COFFEE, 240.0), logged(MYSTERY, 200.0)]),
            &db,
        );
        assert_eq!(n.caffeine.text(), "at least 96 mg");
        assert_eq!(n.calcium.text(), "at least 4.8 mg");
    }

    #[test]
    fn calcium_magnesium_ratio_says_how_sure_it_is() {
        let db = table();
        // Two cups of milk: 551 mg calcium, 49 mg magnesium as shown.
        let milk = || logged(MILK, 488.0);
        // (items, ratio text, high)
        let cases: Vec<(Vec<Item>, Option<&str>, bool)> = vec![
            (vec![], None, false),
            // Nothing with magnesium: no ratio to speak of.
            (vec![logged(COCOA, 10.0)], None, false),
            (vec![milk()], Some("11.2 : 1"), true),
            // Missing calcium can only raise the ratio.
            (
                vec![milk(), logged(MYSTERY, 200.0)],
                Some("at least 9.3 : 1"),
                true,
            ),
            // Missing magnesium can only lower it, so "high" is not certain.
            (
                vec![milk(), logged(COCOA, 10.0)],
                Some("at most 11.3 : 1"),
                false,
            ),
            (
                vec![milk(), logged(COCOA, 10.0), logged(MYSTERY, 200.0)],
                Some("about 9.4 : 1"),
                false,
            ),
            // Coffee is low in calcium for its magnesium.
            (vec![logged(COFFEE, 240.0)], Some("0.7 : 1"), false),
            // A magnesium supplement brings the ratio down.
            (
                vec![
                    milk(),
                    supplement(
                        SupplementForm::Other,
                        DoseInput::ElementalMg(pos(200.0)),
                        1.0,
                    ),
                ],
                Some("2.2 : 1"),
                false,
            ),
        ];
        for (items, text, high) in cases {
            let ratio = DayNutrients::of(&log_of(items), &db).calcium_magnesium_ratio();
            assert_eq!(ratio.map(|r| r.text()).as_deref(), text);
            assert_eq!(ratio.is_some_and(|r| r.is_high()), high, "{text:?}");
        }
    }

    #[test]
    fn caffeine_limits_by_profile() {
        let profile = |years, sex, status| {
            Profile::new(Age::from_years(years).unwrap(), sex, status).unwrap()
        };
        let cases = [
            (profile(40, Sex::Male, Status::None), Some(400.0)),
            (profile(18, Sex::Female, Status::None), Some(400.0)),
            (profile(30, Sex::Female, Status::Pregnant), Some(200.0)),
            (profile(30, Sex::Female, Status::Breastfeeding), Some(200.0)),
            (profile(15, Sex::Female, Status::None), None),
        ];
        for (p, limit) in cases {
            assert_eq!(caffeine_limit_mg(p), limit, "{p:?}");
        }
    }

    #[test]
    fn context_notes_apply() {
        let db = table();
        let ul = Some(350);
        let limit = Some(CAFFEINE_ADULT_LIMIT_MG);
        let coffee = |mg| ContextNote::Caffeine {
            caffeine: PartialSum { mg, unknown: 0 },
            limit_mg: limit,
        };
        // (items, tags, notes expected)
        let cases: Vec<(Vec<Item>, Vec<&str>, Vec<ContextNote>)> = vec![
            (
                vec![food(11457, "Spinach, raw", 1.0, 30.0, Some(79.0))],
                vec![],
                vec![],
            ),
            (vec![logged(COFFEE, 240.0)], vec![], vec![coffee(96.0)]),
            // A tag adds nothing when the foods already show the caffeine.
            (
                vec![logged(COFFEE, 240.0)],
                vec!["coffee"],
                vec![coffee(96.0)],
            ),
            // A tag without logged caffeine: the data cannot know the amount.
            (vec![], vec!["Coffee"], vec![ContextNote::CaffeineTagged]),
            // The name alone no longer decides caffeine: a typed "Coffee" has
            // no caffeine value.
            (
                vec![custom(
                    &CustomItem {
                        name: "Coffee".to_string(),
                        ..sachet(2.0, false)
                    },
                    CustomAmount::Servings(pos(1.0)),
                )],
                vec![],
                vec![],
            ),
            (
                vec![food(
                    1,
                    "Alcoholic beverage, wine, table, red",
                    1.0,
                    150.0,
                    Some(12.0),
                )],
                vec!["caffeine"],
                vec![ContextNote::CaffeineTagged, ContextNote::Alcohol],
            ),
            (vec![], vec![" ALCOHOL "], vec![ContextNote::Alcohol]),
            (
                vec![logged(MILK, 488.0)],
                vec![],
                vec![ContextNote::HighCalciumRatio(Ratio {
                    value: 551.0 / 49.0,
                    bound: Bound::Exact,
                })],
            ),
            (
                vec![
                    supplement(
                        SupplementForm::Other,
                        DoseInput::ElementalMg(pos(400.0)),
                        1.0,
                    ),
                    food(2, "B", 1.0, 50.0, None),
                    topical(),
                ],
                vec!["headache"],
                vec![
                    ContextNote::OverUpperLimit {
                        supplement_mg: 400.0,
                        upper_limit_mg: 350,
                    },
                    ContextNote::MissingData { count: 1 },
                    ContextNote::TopicalNotCounted,
                ],
            ),
            (
                vec![custom(
                    &sachet(400.0, false),
                    CustomAmount::Servings(pos(1.0)),
                )],
                vec![],
                vec![],
            ),
        ];
        for (items, tags, expected) in cases {
            let log = log_of(items);
            let summary = DaySummary::new(log.totals(), Some(310), ul);
            let nutrients = DayNutrients::of(&log, &db);
            assert_eq!(
                context_notes(&log, &summary, Some(&nutrients), limit, &tags),
                expected,
                "{tags:?}"
            );
        }

        // While the food table loads, only what words can say is shown.
        let log = log_of(vec![logged(COFFEE, 240.0)]);
        let summary = DaySummary::new(log.totals(), Some(310), ul);
        assert!(context_notes(&log, &summary, None, limit, &["coffee"]).is_empty());

        assert_eq!(
            coffee(96.0).text(),
            "Caffeine today: 96 mg. It briefly increases the magnesium lost in urine, a small \
             effect over a whole day."
        );
        let five_mugs = ContextNote::Caffeine {
            caffeine: PartialSum {
                mg: 480.0,
                unknown: 1,
            },
            limit_mg: limit,
        };
        assert!(
            five_mugs
                .text()
                .starts_with("Caffeine today: at least 480 mg, more than the 400 mg a day"),
            "{}",
            five_mugs.text()
        );
        let no_limit = ContextNote::Caffeine {
            caffeine: PartialSum {
                mg: 480.0,
                unknown: 0,
            },
            limit_mg: None,
        };
        assert!(!no_limit.text().contains("EFSA"));
        let high = ContextNote::HighCalciumRatio(Ratio {
            value: 3.04,
            bound: Bound::AtLeast,
        })
        .text();
        assert!(
            high.contains("at least 3.0 : 1") && high.contains("2.6 : 1"),
            "{high}"
        );

        let text = ContextNote::OverUpperLimit {
            supplement_mg: 400.0,
            upper_limit_mg: 350,
        }
        .text();
        assert!(
            text.contains("400 mg") && text.contains("350 mg") && text.contains("Loose stools")
        );
        assert!(
            ContextNote::TopicalNotCounted
                .text()
                .contains(TOPICAL_REASON)
        );
        assert_eq!(
            ContextNote::MissingData { count: 2 }.text(),
            "2 items have no magnesium data, so the real total may be higher than shown."
        );
    }

    #[test]
    fn alcohol_names() {
        // (name, alcohol)
        let cases = [
            ("Beverages, coffee, brewed, prepared with tap water", false),
            (
                "Beverages, coffee, brewed, prepared with tap water, decaffeinated",
                false,
            ),
            (
                "Beverages, tea, black, brewed, prepared with tap water",
                false,
            ),
            ("Beverages, tea, herb, brewed, chamomile", false),
            ("Beverages, tea, hibiscus, brewed", false),
            ("Beverages, carbonated, cola, regular", false),
            ("Beverages, carbonated, cola, without caffeine", false),
            (
                "Beverages, COCA-COLA, POWERADE, lemon-lime flavored, ready-to-drink",
                false,
            ),
            ("Beverages, Energy drink, RED BULL", false),
            (
                "Beverages, coffee substitute, cereal grain beverage, powder",
                false,
            ),
            ("Cream, fluid, light (coffee cream or table cream)", false),
            (
                "Cookies, animal crackers (includes arrowroot, tea biscuits)",
                false,
            ),
            ("Green tea", false),
            ("Steak, grilled", false),
            ("Alcoholic beverage, beer, regular, all", true),
            (
                "Alcoholic beverage, distilled, all (gin, rum, vodka, whiskey) 80 proof",
                true,
            ),
            ("Alcoholic beverage, liqueur, coffee, 53 proof", true),
            ("Beverages, Wine, non-alcoholic", false),
            ("Vinegar, red wine", false),
            ("Beverages, carbonated, root beer", false),
            ("Beverages, Whiskey sour mix, bottled", false),
            ("Beerwurst, beer salami, pork", false),
            ("Beverages, AMBER, hard cider", true),
            ("Red wine", true),
            ("Ginger, ground", false),
        ];
        for (name, alcohol) in cases {
            assert_eq!(name_suggests_alcohol(name), alcohol, "alcohol: {name}");
        }
    }

    #[test]
    fn quantities_format_compactly() {
        let cases = [
            (1.0, "1"),
            (1.5, "1.5"),
            (0.25, "0.25"),
            (2.0 / 3.0, "0.67"),
            (10.0, "10"),
            (0.001, "0"),
            (100.0, "100"),
        ];
        for (q, text) in cases {
            assert_eq!(format_quantity(q), text, "{q}");
        }
    }
}
