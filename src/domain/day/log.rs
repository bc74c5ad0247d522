//! The day log itself: entries, their ids, adding, editing, deleting and
//! undoing, the stored shape, and the items logged recently.

use super::*;

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
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "DayLogRepr")]
pub struct DayLog {
    date: Date,
    entries: Vec<Entry>,
    next_id: u64,
    /// What happened to each regimen dose on this day, by dose id. Kept on
    /// the day rather than on the entry because a skipped dose has no entry,
    /// and because an entry's stored shape is part of the v1 file format.
    doses: SortedMap<DoseId, DoseMark>,
}

/// Identifies one dose of the saved regimen; never reused within a regimen,
/// so a day's record of a dose cannot be mistaken for a later dose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DoseId(pub u64);

/// What the person did with one regimen dose on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DoseMark {
    /// Logged as this entry. If the entry is later deleted the dose counts
    /// as not logged again (see [`DayLog::dose_status`]), so "Log my
    /// regimen" can add it back; an undo of the delete makes it taken again.
    #[serde(rename = "taken")]
    Taken(EntryId),
    /// Deliberately not taken: "Log my regimen" leaves it out.
    #[serde(rename = "skipped")]
    Skipped,
}

/// A regimen dose's state on a day, as the page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoseStatus {
    Taken(EntryId),
    Skipped,
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

/// Topical magnesium (oil spray, Epsom bath): logged, never counted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicalEntry {
    #[serde(rename = "description")]
    pub description: String,
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
            doses: SortedMap::new(),
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
        Totals::of_items(self.entries.iter().map(|e| &e.item))
    }

    /// What happened to a regimen dose today: taken (and still logged),
    /// skipped, or `None` when it is neither, which includes a dose whose
    /// entry was deleted since.
    pub fn dose_status(&self, dose: DoseId) -> Option<DoseStatus> {
        match self.doses.get(&dose)? {
            DoseMark::Taken(id) if self.get(*id).is_some() => Some(DoseStatus::Taken(*id)),
            DoseMark::Taken(_) => None,
            DoseMark::Skipped => Some(DoseStatus::Skipped),
        }
    }

    /// Logs a regimen dose as `item` and records it as taken. A dose that is
    /// already taken is not logged twice: its existing entry id is returned.
    pub fn add_dose(&mut self, dose: DoseId, item: Item) -> EntryId {
        if let Some(DoseStatus::Taken(id)) = self.dose_status(dose) {
            return id;
        }
        let id = self.add(item);
        self.doses.insert(dose, DoseMark::Taken(id));
        id
    }

    /// Marks a regimen dose as skipped. If it had been logged, its entry is
    /// removed and returned so the page can offer to undo.
    pub fn skip_dose(&mut self, dose: DoseId) -> Option<Removed> {
        let removed = match self.dose_status(dose) {
            Some(DoseStatus::Taken(id)) => self.delete(id),
            _ => None,
        };
        self.doses.insert(dose, DoseMark::Skipped);
        removed
    }

    /// Forgets what happened to a dose (undoing a skip, or after an undo of
    /// a copy); the entry of a taken dose stays in the log.
    pub fn clear_dose(&mut self, dose: DoseId) -> Option<DoseMark> {
        self.doses.remove(&dose)
    }

    /// Whether the log counts as a logged day. A log may hold only the
    /// marks of regimen doses skipped before anything was logged; it is kept
    /// so the skip is not forgotten, but it is not a day of zero intake, so
    /// the history, the chart, the report and the calendar leave it out.
    pub fn has_intake(&self) -> bool {
        !self.entries.is_empty() || self.doses.is_empty()
    }

    /// Whether the log holds nothing to keep: no entries and no dose marks.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.doses.is_empty()
    }

    /// Every dose mark as stored, including taken marks whose entry is gone.
    pub fn dose_marks(&self) -> &SortedMap<DoseId, DoseMark> {
        &self.doses
    }
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
    crate::domain::sorting::sort_by_key(&mut days, |d| std::cmp::Reverse(d.date));
    let mut seen_foods = SortedSet::new();
    let mut seen_custom = SortedSet::new();
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

/// The stored shape of a [`DayLog`]. `next_id` may be missing in
/// hand-written files; it is then derived from the entries. `doses` is
/// missing in every log written before regimens existed, and JSON leaves it
/// out while it is empty so those logs (and the schema-v1 fixtures) encode
/// byte for byte as before; see the `Serialize` impl below for
/// non-self-describing formats.
#[derive(Serialize, Deserialize)]
struct DayLogRepr {
    #[serde(rename = "date")]
    date: Date,
    #[serde(rename = "next_id", default)]
    next_id: u64,
    #[serde(rename = "entries")]
    entries: Vec<Entry>,
    #[serde(rename = "doses", default, skip_serializing_if = "SortedMap::is_empty")]
    doses: SortedMap<DoseId, DoseMark>,
}

/// The same shape with every field always written. A non-self-describing
/// format such as postcard reads fields by position, so a skipped field
/// would shift everything after it; there the field is never skipped.
#[derive(Serialize)]
struct DayLogReprFull<'a> {
    date: Date,
    next_id: u64,
    entries: &'a [Entry],
    doses: &'a SortedMap<DoseId, DoseMark>,
}

impl Serialize for DayLog {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            DayLogRepr {
                date: self.date,
                next_id: self.next_id,
                entries: self.entries.clone(),
                doses: self.doses.clone(),
            }
            .serialize(s)
        } else {
            DayLogReprFull {
                date: self.date,
                next_id: self.next_id,
                entries: &self.entries,
                doses: &self.doses,
            }
            .serialize(s)
        }
    }
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
        let mut ids = SortedSet::new();
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
            doses: r.doses,
        })
    }
}
