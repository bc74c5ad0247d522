//! The shopping list as a link: `/list?add=12061x7,11457g500,t:Oat%20milk`.
//!
//! The `add` value is a comma-separated list of tokens, one per item:
//!
//! - `12061x7`: seven of the food's portions (the portion the food table
//!   stores for it, as the list's "+ List" buttons add); a bare `12061` is
//!   one portion;
//! - `11457g500`: a package of 500 g;
//! - `t:Oat%20milk`: free text, percent-encoded as UTF-8, so a comma in the
//!   text (`%2C`) never splits the token.
//!
//! Notes and checked items stay on the device that shares: the link says
//! what to buy. The receiving device reads the link against its own food
//! table, and each token it cannot use is named in a [`LinkNote`], so a
//! shared address with a typo or a number from another table adds nothing
//! wrongly.

use std::fmt;
use std::num::NonZeroU32;

use super::list::short_name;
use super::list::{Added, Amount, MAX_TEXT_CHARS, NewFood, ShoppingList, TextError, text_item};
use crate::domain::amounts::Positive;
use crate::domain::food::{FoodDb, NdbNo};
use crate::domain::url::{decode_component, encode_component};

/// The most items one link brings: a week's shop, and a bound on the work
/// a pasted address can cause.
pub const MAX_LINK_ITEMS: usize = 50;

/// The most portions of one food a link asks for.
pub const MAX_LINK_PORTIONS: u32 = 999;

/// The heaviest package a link asks for, in grams.
pub const MAX_LINK_GRAMS: f64 = 100_000.0;

/// One token of a link, read but not yet checked against the food table.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkItem {
    Portions { ndb: NdbNo, count: NonZeroU32 },
    Package { ndb: NdbNo, grams: Positive },
    Text(String),
}

/// A token of a link that adds nothing, said to the person.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkNote {
    /// The token is none of the three forms, as written in the address.
    NotAnItem(String),
    /// The portion count is zero, not a whole number, or above the limit.
    BadCount(String),
    /// The package weight is zero, not a number, or above the limit.
    BadGrams(String),
    /// The free text is empty or too long once decoded.
    BadText { token: String, error: TextError },
    /// The food number is not in this device's food table.
    UnknownFood(NdbNo),
    /// How many tokens were left out after the first [`MAX_LINK_ITEMS`].
    TooMany(usize),
}

/// An item a link can add to the list, checked against the food table.
#[derive(Clone, Debug, PartialEq)]
pub enum Importable {
    Food(NewFood),
    Text(String),
}

/// What a link offers: the items in its order and a note per token left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    pub items: Vec<Importable>,
    pub notes: Vec<LinkNote>,
}

impl ShoppingList {
    /// The `add=…` query of the unchecked items in the order the page shows
    /// them; `None` when nothing is left to buy. Checked items are in the
    /// basket already, so a link for someone else to shop leaves them out.
    pub fn link_query(&self) -> Option<String> {
        let tokens: Vec<String> = self
            .shown_ids()
            .into_iter()
            .filter_map(|id| self.get(id))
            .filter(|item| !item.checked)
            .map(|item| match (item.ndb, &item.amount) {
                (Some(ndb), Amount::Portions { count, .. }) => format!("{}x{count}", NdbNo(ndb)),
                (Some(ndb), Amount::Grams(g)) => format!("{}g{}", NdbNo(ndb), g.get()),
                _ => format!("t:{}", encode_component(&item.name)),
            })
            .collect();
        (!tokens.is_empty()).then(|| format!("add={}", tokens.join(",")))
    }

    /// Adds what a link offers through [`ShoppingList::add`] and
    /// [`ShoppingList::add_text`], so a food already on the list merges as
    /// it does from any other page; the results undo it.
    pub fn add_imported(&mut self, items: Vec<Importable>) -> Vec<Added> {
        items
            .into_iter()
            .filter_map(|item| match item {
                Importable::Food(food) => Some(self.add(food)),
                Importable::Text(text) => self.add_text(&text).ok().map(Added::New),
            })
            .collect()
    }
}

/// Reads the page's raw query string (`add=…`, with or without the `?`,
/// still percent-encoded: the router's decoded query map would turn a `%2C`
/// inside free text into a separator). `None` when there is no `add`
/// parameter; otherwise the items in order and a note per token left out.
/// Several `add` parameters are read one after the other.
pub fn parse_link(search: &str) -> Option<(Vec<LinkItem>, Vec<LinkNote>)> {
    let search = search.strip_prefix('?').unwrap_or(search);
    let mut values = search
        .split('&')
        .filter_map(|pair| pair.strip_prefix("add="))
        .peekable();
    values.peek()?;
    let mut items = Vec::new();
    let mut notes = Vec::new();
    let mut read = 0;
    let mut left_out = 0;
    for token in values
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if read == MAX_LINK_ITEMS {
            left_out += 1;
            continue;
        }
        read += 1;
        match parse_token(token) {
            Ok(item) => items.push(item),
            Err(note) => notes.push(note),
        }
    }
    if left_out > 0 {
        notes.push(LinkNote::TooMany(left_out));
    }
    Some((items, notes))
}

/// Checks read items against the food table: each known food becomes a
/// [`NewFood`] of this table (its name, portion and magnesium), each
/// unknown number a note.
pub fn resolve(items: Vec<LinkItem>, db: &FoodDb) -> Import {
    let mut import = Import::default();
    for item in items {
        let (ndb, food) = match item {
            LinkItem::Text(text) => {
                import.items.push(Importable::Text(text));
                continue;
            }
            LinkItem::Portions { ndb, count } => (
                ndb,
                db.by_ndb(ndb)
                    .and_then(|(index, _)| NewFood::portions(db, index, count)),
            ),
            LinkItem::Package { ndb, grams } => (
                ndb,
                db.by_ndb(ndb)
                    .and_then(|(index, _)| NewFood::package(db, index, grams)),
            ),
        };
        match food {
            Some(food) => import.items.push(Importable::Food(food)),
            None => import.notes.push(LinkNote::UnknownFood(ndb)),
        }
    }
    import
}

impl Importable {
    pub fn name(&self) -> &str {
        match self {
            Importable::Food(food) => &food.name,
            Importable::Text(text) => text,
        }
    }

    /// "2 × 1 oz (28 g), 153 mg" as the list's row would show it; `None`
    /// for free text, whose amount is in its name.
    pub fn amount_text(&self) -> Option<String> {
        let Importable::Food(food) = self else {
            return None;
        };
        let parts: Vec<String> = [food.amount.text(), food.amount.mg_text(food.mg)]
            .into_iter()
            .flatten()
            .collect();
        Some(parts.join(", "))
    }
}

impl fmt::Display for LinkNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkNote::NotAnItem(t) => write!(
                f,
                "“{}” is neither a food number nor a text item, so it was left out.",
                short_name(t)
            ),
            LinkNote::BadCount(t) => write!(
                f,
                "“{}” asks for a number of portions that is not a whole number from 1 to {MAX_LINK_PORTIONS}, so it was left out.",
                short_name(t)
            ),
            LinkNote::BadGrams(t) => write!(
                f,
                "“{}” asks for a package that is not more than 0 g and at most {MAX_LINK_GRAMS} g, so it was left out.",
                short_name(t)
            ),
            LinkNote::BadText { token, error } => match error {
                TextError::Empty => write!(
                    f,
                    "“{}” has no text, so it was left out.",
                    short_name(token)
                ),
                TextError::TooLong => write!(
                    f,
                    "“{}” is longer than {MAX_TEXT_CHARS} characters, so it was left out.",
                    short_name(token)
                ),
            },
            LinkNote::UnknownFood(ndb) => write!(f, "No food number {ndb} in the USDA table."),
            LinkNote::TooMany(n) => write!(
                f,
                "A link brings at most {MAX_LINK_ITEMS} items; the last {n} were left out."
            ),
        }
    }
}

fn parse_token(token: &str) -> Result<LinkItem, LinkNote> {
    if let Some(encoded) = token.strip_prefix("t:") {
        let Some(text) = decode_component(encoded) else {
            return Err(LinkNote::NotAnItem(token.into()));
        };
        return match text_item(&text) {
            Ok(text) => Ok(LinkItem::Text(text)),
            Err(error) => Err(LinkNote::BadText {
                token: format!("t:{text}"),
                error,
            }),
        };
    }
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    let Some(ndb) = NdbNo::parse(&token[..digits]) else {
        return Err(LinkNote::NotAnItem(token.into()));
    };
    let rest = &token[digits..];
    if rest.is_empty() {
        return Ok(LinkItem::Portions {
            ndb,
            count: NonZeroU32::MIN,
        });
    }
    if let Some(count) = rest.strip_prefix('x') {
        return count
            .parse::<u32>()
            .ok()
            .filter(|n| count.bytes().all(|b| b.is_ascii_digit()) && *n <= MAX_LINK_PORTIONS)
            .and_then(NonZeroU32::new)
            .map(|count| LinkItem::Portions { ndb, count })
            .ok_or_else(|| LinkNote::BadCount(token.into()));
    }
    if let Some(grams) = rest.strip_prefix('g') {
        return decimal(grams)
            .filter(|g| *g <= MAX_LINK_GRAMS)
            .and_then(Positive::new)
            .map(|grams| LinkItem::Package { ndb, grams })
            .ok_or_else(|| LinkNote::BadGrams(token.into()));
    }
    Err(LinkNote::NotAnItem(token.into()))
}

/// A plain decimal such as `500` or `12.5`: digits with at most one point,
/// none of the signs, exponents or words (`inf`) `f64` parsing also takes.
fn decimal(s: &str) -> Option<f64> {
    let mut parts = s.split('.');
    let whole = parts.next()?;
    let fraction = parts.next();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    crate::domain::amounts::plain_decimal(s)
}

#[cfg(test)]
mod tests;
