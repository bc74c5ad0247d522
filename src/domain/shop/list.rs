//! The shopping list (`mgt/v1/list`): what to buy, in the person's order or
//! grouped by food group as an aisle proxy, checked off in the shop, shared
//! as plain text.
//!
//! Each item keeps a copy of what a shopper needs (the name, the food group,
//! the amount and its magnesium), so the list renders and shares without the
//! food table, which may still be loading in a shop with no signal.

use std::num::NonZeroU32;

use serde::{Deserialize, Serialize};

use crate::domain::amounts::{NonNegative, Positive};
use crate::domain::food::FoodDb;
use crate::domain::mg::format_mg;

/// The longest free-text item or note, in characters: a line on a phone,
/// long enough for "Gerolsteiner, 6 bottles of 1 litre".
pub const MAX_TEXT_CHARS: usize = 80;

/// The group that items without a food group (free text) fall into.
pub const OTHER_GROUP: &str = "Other";

/// The list and the id the next item gets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShoppingList {
    items: Vec<ListItem>,
    next_id: u64,
    /// How the page shows the list, remembered with it so it survives a
    /// reload and travels with the backup.
    order: ListOrder,
}

/// How `/list` orders the items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListOrder {
    /// By food group, groups by name with free text last.
    ByGroup,
    /// The order the person added and moved the items in.
    Mine,
}

/// One thing to buy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    pub id: u64,
    /// The food's description, or the free text as typed (trimmed).
    pub name: String,
    /// The food's NDB number; `None` for free text.
    pub ndb: Option<u32>,
    /// The food group's name; `None` for free text, shown as "Other".
    pub group: Option<String>,
    pub amount: Amount,
    /// Magnesium in the whole amount; `None` when the food has no data and
    /// for free text.
    pub mg: Option<NonNegative>,
    pub note: String,
    pub checked: bool,
}

/// How much of a food to buy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Amount {
    /// A number of realistic portions, such as 7 × "1 oz (28 g)".
    Portions {
        count: NonZeroU32,
        portion_label: String,
        grams_each: Positive,
    },
    /// A package of this many grams.
    Grams(Positive),
    /// Free text, whose amount is in its name.
    Text,
}

/// A food to add, as the page describes it from the food table.
#[derive(Clone, Debug, PartialEq)]
pub struct NewFood {
    pub ndb: u32,
    pub name: String,
    pub group: Option<String>,
    pub amount: Amount,
    pub mg: Option<NonNegative>,
}

/// What adding did, so the page can confirm it and undo it.
#[derive(Clone, Debug, PartialEq)]
pub enum Added {
    /// A new item with this id.
    New(u64),
    /// The food was on the list, unchecked, with the same kind of amount:
    /// its amount grew. `before` is the item as it was.
    Merged { before: ListItem },
}

/// Items taken off the list with their positions, for [`ShoppingList::restore`].
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    /// (position in the list, item), in ascending position.
    pub items: Vec<(usize, ListItem)>,
}

/// Why a free-text item or a note was refused; the page shows it at the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    Empty,
    TooLong,
}

/// The magnesium on the list: the sum of the items that have data, and how
/// many have none (free text included), which makes the sum a lower bound.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ListTotal {
    pub mg: f64,
    pub without_data: usize,
}

/// One group of [`ShoppingList::grouped`].
#[derive(Clone, Debug, PartialEq)]
pub struct Group<'a> {
    pub name: &'a str,
    pub items: Vec<&'a ListItem>,
}

impl ShoppingList {
    /// The list of a new installation.
    pub fn empty() -> ShoppingList {
        ShoppingList {
            items: Vec::new(),
            next_id: 1,
            order: ListOrder::ByGroup,
        }
    }

    pub fn items(&self) -> &[ListItem] {
        &self.items
    }

    pub fn get(&self, id: u64) -> Option<&ListItem> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn order(&self) -> ListOrder {
        self.order
    }

    pub fn set_order(&mut self, order: ListOrder) {
        self.order = order;
    }

    /// Adds a food. A food already on the list, unchecked and with the same
    /// kind of amount (the same portion, or a package), takes the new amount
    /// into its own instead of appearing twice: a shopper wants one line per
    /// food. A checked one is already in the basket, so the food gets a new
    /// line to buy again.
    pub fn add(&mut self, food: NewFood) -> Added {
        let same = self
            .items
            .iter_mut()
            .find(|i| i.ndb == Some(food.ndb) && !i.checked && same_kind(&i.amount, &food.amount));
        if let Some(item) = same {
            let before = item.clone();
            item.amount = merged(&item.amount, &food.amount);
            item.mg = match (item.mg, food.mg) {
                (Some(a), Some(b)) => NonNegative::new(a.get() + b.get()),
                _ => None,
            };
            return Added::Merged { before };
        }
        let id = self.take_id();
        self.items.push(ListItem {
            id,
            name: food.name,
            ndb: Some(food.ndb),
            group: food.group,
            amount: food.amount,
            mg: food.mg,
            note: String::new(),
            checked: false,
        });
        Added::New(id)
    }

    /// Adds a free-text item such as "Gerolsteiner, 6 bottles".
    pub fn add_text(&mut self, text: &str) -> Result<u64, TextError> {
        let name = text_item(text)?;
        let id = self.take_id();
        self.items.push(ListItem {
            id,
            name,
            ndb: None,
            group: None,
            amount: Amount::Text,
            mg: None,
            note: String::new(),
            checked: false,
        });
        Ok(id)
    }

    /// Undoes an [`Added`].
    pub fn undo_add(&mut self, added: Added) {
        match added {
            Added::New(id) => {
                self.remove(id);
            }
            Added::Merged { before } => {
                if let Some(item) = self.items.iter_mut().find(|i| i.id == before.id) {
                    *item = before;
                }
            }
        }
    }

    /// Checks or unchecks an item; returns its previous state, `None` when
    /// no item has that id.
    pub fn set_checked(&mut self, id: u64, checked: bool) -> Option<bool> {
        let item = self.items.iter_mut().find(|i| i.id == id)?;
        Some(std::mem::replace(&mut item.checked, checked))
    }

    /// Sets an item's note (trimmed; empty clears it).
    pub fn set_note(&mut self, id: u64, note: &str) -> Result<(), TextError> {
        let note = clean_text(note)?;
        if let Some(item) = self.items.iter_mut().find(|i| i.id == id) {
            item.note = note;
        }
        Ok(())
    }

    pub fn remove(&mut self, id: u64) -> Option<Removed> {
        let at = self.items.iter().position(|i| i.id == id)?;
        Some(Removed {
            items: vec![(at, self.items.remove(at))],
        })
    }

    /// Takes every checked item off the list.
    pub fn clear_checked(&mut self) -> Removed {
        let mut items = Vec::new();
        for (at, item) in std::mem::take(&mut self.items).into_iter().enumerate() {
            if item.checked {
                items.push((at, item));
            } else {
                self.items.push(item);
            }
        }
        Removed { items }
    }

    /// Puts removed items back where they were. Items that came back with
    /// an id already on the list (another tab added them again) are skipped,
    /// so an undo never makes two items share an id.
    pub fn restore(&mut self, removed: Removed) {
        for (at, item) in removed.items {
            if self.get(item.id).is_some() {
                continue;
            }
            let at = at.min(self.items.len());
            self.items.insert(at, item);
        }
    }

    /// Moves an item one place up in the person's order; false at the top.
    pub fn move_up(&mut self, id: u64) -> bool {
        match self.items.iter().position(|i| i.id == id) {
            Some(at) if at > 0 => {
                self.items.swap(at, at - 1);
                true
            }
            _ => false,
        }
    }

    /// Moves an item one place down in the person's order; false at the bottom.
    pub fn move_down(&mut self, id: u64) -> bool {
        match self.items.iter().position(|i| i.id == id) {
            Some(at) if at + 1 < self.items.len() => {
                self.items.swap(at, at + 1);
                true
            }
            _ => false,
        }
    }

    /// The items by food group: groups by name, "Other" (free text) last,
    /// items in the person's order within a group. Checked items stay where
    /// they are, so a row does not jump away from the finger that checked it.
    pub fn grouped(&self) -> Vec<Group<'_>> {
        let mut groups: Vec<Group<'_>> = Vec::new();
        for item in &self.items {
            let name = item.group_name();
            match groups.iter_mut().find(|g| g.name == name) {
                Some(g) => g.items.push(item),
                None => groups.push(Group {
                    name,
                    items: vec![item],
                }),
            }
        }
        crate::domain::sorting::sort_by(&mut groups, |a, b| {
            (a.name == OTHER_GROUP)
                .cmp(&(b.name == OTHER_GROUP))
                .then(a.name.cmp(b.name))
        });
        groups
    }

    /// The ids in the order the page shows them.
    pub fn shown_ids(&self) -> Vec<u64> {
        match self.order {
            ListOrder::Mine => self.items.iter().map(|i| i.id).collect(),
            ListOrder::ByGroup => self
                .grouped()
                .into_iter()
                .flat_map(|g| g.items.into_iter().map(|i| i.id))
                .collect(),
        }
    }

    pub fn checked_count(&self) -> usize {
        self.items.iter().filter(|i| i.checked).count()
    }

    pub fn total(&self) -> ListTotal {
        let mut total = ListTotal {
            mg: 0.0,
            without_data: 0,
        };
        for item in &self.items {
            match item.mg {
                Some(mg) => total.mg += mg.get(),
                None => total.without_data += 1,
            }
        }
        total
    }

    /// The list as plain text for a message or a note, in the order the
    /// page shows it:
    ///
    /// ```text
    /// Shopping list (Magnesium Tracker)
    /// [ ] Nuts, almonds — 7 × 1 oz (28 g), 538 mg
    /// [x] Spinach, raw — 500 g, 395 mg (for the soup)
    /// [ ] Quinoa, uncooked — 1 × ¼ cup (43 g), no data
    /// [ ] Gerolsteiner, 6 bottles
    /// Magnesium on the list: at least 933 mg
    /// ```
    ///
    /// `None` for an empty list, which there is nothing to share of.
    pub fn share_text(&self) -> Option<String> {
        if self.items.is_empty() {
            return None;
        }
        let mut out = String::from("Shopping list (Magnesium Tracker)\n");
        for id in self.shown_ids() {
            let Some(item) = self.get(id) else { continue };
            out.push_str(if item.checked { "[x] " } else { "[ ] " });
            out.push_str(&item.name);
            if let (Some(amount), Some(mg)) = (item.amount_text(), item.mg_text()) {
                out.push_str(" — ");
                out.push_str(&amount);
                out.push_str(", ");
                out.push_str(&mg);
            }
            if !item.note.is_empty() {
                out.push_str(" (");
                out.push_str(&item.note);
                out.push(')');
            }
            out.push('\n');
        }
        out.push_str("Magnesium on the list: ");
        out.push_str(&self.total().text());
        Some(out)
    }

    /// Checks what a decoded list promises: unique ids below `next_id`.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = crate::domain::sorted::SortedSet::new();
        for item in &self.items {
            if !seen.insert(item.id) {
                return Err(format!("two list items share the id {}", item.id));
            }
            if item.id >= self.next_id {
                return Err(format!(
                    "list item {} is not below next_id {}",
                    item.id, self.next_id
                ));
            }
        }
        Ok(())
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}

impl NewFood {
    /// `count` realistic portions of the food at `index` (its stored
    /// portion, [`crate::domain::portion`]); `None` for an unknown index.
    pub fn portions(db: &FoodDb, index: usize, count: NonZeroU32) -> Option<NewFood> {
        let food = db.food(index)?;
        let grams_each = Positive::new(food.portion_grams())?;
        let total = grams_each.get() * f64::from(count.get());
        Some(NewFood {
            ndb: food.ndb.0,
            name: food.description.clone(),
            group: db.group(food.group).map(|g| g.name.clone()),
            amount: Amount::Portions {
                count,
                portion_label: food.portion_label(),
                grams_each,
            },
            mg: food.mg_for_grams(total).and_then(NonNegative::new),
        })
    }

    /// A package of `grams` of the food at `index`.
    pub fn package(db: &FoodDb, index: usize, grams: Positive) -> Option<NewFood> {
        let food = db.food(index)?;
        Some(NewFood {
            ndb: food.ndb.0,
            name: food.description.clone(),
            group: db.group(food.group).map(|g| g.name.clone()),
            amount: Amount::Grams(grams),
            mg: food.mg_for_grams(grams.get()).and_then(NonNegative::new),
        })
    }
}

/// A food's name short enough for a button's accessible name: the first 40
/// characters, with "…" when cut.
pub fn short_name(name: &str) -> String {
    let short: String = name.chars().take(40).collect();
    if short.len() < name.len() {
        format!("{short}…")
    } else {
        short
    }
}

impl ListItem {
    pub fn group_name(&self) -> &str {
        self.group.as_deref().unwrap_or(OTHER_GROUP)
    }

    /// "7 × 1 oz (28 g)", "500 g"; `None` for free text.
    pub fn amount_text(&self) -> Option<String> {
        self.amount.text()
    }

    /// "538 mg", "no data", or `None` for free text.
    pub fn mg_text(&self) -> Option<String> {
        self.amount.mg_text(self.mg)
    }
}

impl Amount {
    /// "7 × 1 oz (28 g)", "500 g"; `None` for free text.
    pub fn text(&self) -> Option<String> {
        match self {
            Amount::Portions {
                count,
                portion_label,
                ..
            } => Some(format!("{count} × {portion_label}")),
            Amount::Grams(g) => Some(format!("{} g", crate::domain::mg::number(g.get()))),
            Amount::Text => None,
        }
    }

    /// `mg` of this amount as a row shows it: "538 mg", "no data", or
    /// `None` for free text.
    pub fn mg_text(&self, mg: Option<NonNegative>) -> Option<String> {
        match (self, mg) {
            (Amount::Text, _) => None,
            (_, Some(mg)) => Some(format_mg(mg.get())),
            (_, None) => Some("no data".to_string()),
        }
    }
}

impl ListTotal {
    /// "933 mg", or "at least 933 mg" when an item has no data.
    pub fn text(&self) -> String {
        if self.without_data == 0 {
            format_mg(self.mg)
        } else {
            format!("at least {}", format_mg(self.mg))
        }
    }
}

impl TextError {
    pub fn message(self) -> String {
        match self {
            TextError::Empty => "Type what to buy, for example “Gerolsteiner, 6 bottles”.".into(),
            TextError::TooLong => format!("Keep it to {MAX_TEXT_CHARS} characters."),
        }
    }
}

/// A free-text item as the list keeps it: trimmed, not empty, at most
/// [`MAX_TEXT_CHARS`]. A shared link's text items pass the same test, so
/// what a link offers is what the list would take.
pub fn text_item(text: &str) -> Result<String, TextError> {
    let name = clean_text(text)?;
    if name.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(name)
}

/// Trims `text` and refuses more than [`MAX_TEXT_CHARS`].
fn clean_text(text: &str) -> Result<String, TextError> {
    let text = text.trim();
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(TextError::TooLong);
    }
    Ok(text.to_string())
}

fn same_kind(a: &Amount, b: &Amount) -> bool {
    match (a, b) {
        (
            Amount::Portions {
                portion_label: la,
                grams_each: ga,
                ..
            },
            Amount::Portions {
                portion_label: lb,
                grams_each: gb,
                ..
            },
        ) => la == lb && ga == gb,
        (Amount::Grams(_), Amount::Grams(_)) => true,
        _ => false,
    }
}

/// `a` grown by `b`, which [`same_kind`] accepted.
fn merged(a: &Amount, b: &Amount) -> Amount {
    match (a, b) {
        (
            Amount::Portions {
                count,
                portion_label,
                grams_each,
            },
            Amount::Portions { count: more, .. },
        ) => Amount::Portions {
            count: count.saturating_add(more.get()),
            portion_label: portion_label.clone(),
            grams_each: *grams_each,
        },
        (Amount::Grams(g), Amount::Grams(more)) => {
            Amount::Grams(Positive::new(g.get() + more.get()).unwrap_or(*g))
        }
        _ => a.clone(),
    }
}

#[cfg(test)]
mod tests;
