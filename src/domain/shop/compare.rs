//! Shelf comparison: what is compared, how the `/compare?items=` address
//! names it, and the table's rows.
//!
//! A comparison holds two to four columns, each a food of the table or one
//! of the person's saved items (a product entered from its label). The
//! address holds the list, so a comparison survives a reload and can be
//! shared; a shared address may name foods or items this device does not
//! have, and each of those is reported by name while the rest is compared.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::price::PackagePrice;
use crate::domain::day::{CustomBasis, CustomItem};
use crate::domain::food::{Food, NdbNo};
use crate::domain::mg::{self, format_mg};
use crate::domain::search::{RowValue, SortBy};

/// The most columns one comparison shows: four still fit a phone when the
/// table scrolls sideways with the names kept in view.
pub const MAX_COMPARED: usize = 4;

/// One column: a food of the table by its number, or a saved item by id.
/// Written `12061` or `c3` in the address and as the key of a price.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Compared {
    Food(NdbNo),
    Custom(u64),
}

/// Something in the address that is not compared, said to the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectionNote {
    /// A token that names nothing, as typed.
    NotAnItem(String),
    UnknownFood(NdbNo),
    UnknownItem(u64),
    /// How many were left out after the first [`MAX_COMPARED`].
    TooMany(usize),
}

/// What the address asks to compare: the columns, in the order given, and
/// a note for each token left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub items: Vec<Compared>,
    pub notes: Vec<SelectionNote>,
}

/// The table's rows, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    MgPerPortion,
    MgPer100g,
    MgPer100kcal,
    CalciumMagnesium,
    CaffeinePerPortion,
    FibrePerPortion,
    MgPerPackage,
    CostPer100mg,
}

/// Which value of a row is the best one, when a row has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Best {
    Highest,
    Lowest,
}

/// One cell of the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    Value(f64),
    /// The food table has no value for what the row needs.
    NoData,
    /// The food has no energy, so there is no amount per 100 kcal.
    NoEnergy,
    /// A saved item was entered with only what its label says.
    NotOnLabel,
    /// The row needs a package price, and none is entered.
    NoPrice,
}

/// One column of the table, computed once from its food or saved item.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub item: Compared,
    /// The full name, for the column's title and for screen readers.
    pub name: String,
    /// A short name for the column head and the column's form labels.
    pub short_name: String,
    /// What one portion is: "1 oz (28 g)", "1 serving (30 g)".
    pub portion: String,
    /// The nutrition rows ([`Row::NUTRITION`]), in order.
    nutrition: [Cell; 6],
    /// Magnesium per 100 g, which a package's weight is multiplied by.
    per_100g: Cell,
}

impl Compared {
    /// Reads one token of the address: a food number of one to five digits
    /// (`12061`, `9040`) or `c` and a saved item's id (`c3`).
    pub fn parse(token: &str) -> Option<Compared> {
        let t = token.trim();
        match t.strip_prefix('c') {
            Some(id) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
                id.parse().ok().map(Compared::Custom)
            }
            Some(_) => None,
            None => NdbNo::parse(t).map(Compared::Food),
        }
    }
}

impl fmt::Display for Compared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Compared::Food(ndb) => write!(f, "{ndb}"),
            Compared::Custom(id) => write!(f, "c{id}"),
        }
    }
}

impl TryFrom<String> for Compared {
    type Error = String;
    fn try_from(s: String) -> Result<Compared, String> {
        Compared::parse(&s).ok_or_else(|| format!("{s:?} is neither a food number nor an item id"))
    }
}

impl From<Compared> for String {
    fn from(c: Compared) -> String {
        c.to_string()
    }
}

impl fmt::Display for SelectionNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SelectionNote::NotAnItem(t) => write!(f, "“{t}” is not a food number."),
            SelectionNote::UnknownFood(ndb) => write!(f, "No food number {ndb} in the USDA table."),
            SelectionNote::UnknownItem(id) => write!(
                f,
                "No saved item c{id} on this device: it may have been deleted."
            ),
            SelectionNote::TooMany(n) => write!(
                f,
                "At most {MAX_COMPARED} can be compared at once; the first {MAX_COMPARED} are shown and {n} left out."
            ),
        }
    }
}

/// Reads the address's `items` value (`12061,11457,c3`): duplicates are
/// dropped keeping the first, tokens that name nothing and numbers `exists`
/// does not know are noted, and past [`MAX_COMPARED`] the rest is noted.
pub fn parse_selection(items: &str, exists: impl Fn(Compared) -> bool) -> Selection {
    let mut selection = Selection::default();
    let mut dropped = 0;
    for token in items.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let Some(item) = Compared::parse(token) else {
            selection.notes.push(SelectionNote::NotAnItem(token.into()));
            continue;
        };
        if selection.items.contains(&item) {
            continue;
        }
        if !exists(item) {
            selection.notes.push(match item {
                Compared::Food(ndb) => SelectionNote::UnknownFood(ndb),
                Compared::Custom(id) => SelectionNote::UnknownItem(id),
            });
        } else if selection.items.len() == MAX_COMPARED {
            dropped += 1;
        } else {
            selection.items.push(item);
        }
    }
    if dropped > 0 {
        selection.notes.push(SelectionNote::TooMany(dropped));
    }
    selection
}

/// The page's address for `items`: `/compare?items=12061,11457`, or
/// `/compare` for none.
pub fn compare_path(items: &[Compared]) -> String {
    if items.is_empty() {
        return "/compare".into();
    }
    let list: Vec<String> = items.iter().map(Compared::to_string).collect();
    format!("/compare?items={}", list.join(","))
}

/// `items` with `item` added at the end; when four are compared already the
/// first is dropped, so the one asked for is always shown.
pub fn adding(items: &[Compared], item: Compared) -> Vec<Compared> {
    let mut out: Vec<Compared> = items.to_vec();
    if out.contains(&item) {
        return out;
    }
    if out.len() >= MAX_COMPARED {
        out.drain(..=out.len() - MAX_COMPARED);
    }
    out.push(item);
    out
}

/// `items` without `item`.
pub fn removing(items: &[Compared], item: Compared) -> Vec<Compared> {
    items.iter().copied().filter(|i| *i != item).collect()
}

impl Row {
    /// The rows every column has.
    pub const NUTRITION: [Row; 6] = [
        Row::MgPerPortion,
        Row::MgPer100g,
        Row::MgPer100kcal,
        Row::CalciumMagnesium,
        Row::CaffeinePerPortion,
        Row::FibrePerPortion,
    ];

    /// The rows a package price adds.
    pub const VALUE: [Row; 2] = [Row::MgPerPackage, Row::CostPer100mg];

    pub fn label(self) -> &'static str {
        match self {
            Row::MgPerPortion => "Magnesium per portion",
            Row::MgPer100g => "Magnesium per 100 g",
            Row::MgPer100kcal => "Magnesium per 100 kcal",
            Row::CalciumMagnesium => "Calcium : magnesium",
            Row::CaffeinePerPortion => "Caffeine per portion",
            Row::FibrePerPortion => "Fibre per portion",
            Row::MgPerPackage => "Magnesium per package",
            Row::CostPer100mg => "Cost of 100 mg",
        }
    }

    /// Which value is marked as the best: most magnesium, lowest cost. The
    /// other rows are context (a lower calcium ratio or less caffeine is
    /// not better for everyone), so none of their values is marked.
    pub fn best(self) -> Option<Best> {
        match self {
            Row::MgPerPortion | Row::MgPer100g | Row::MgPer100kcal | Row::MgPerPackage => {
                Some(Best::Highest)
            }
            Row::CostPer100mg => Some(Best::Lowest),
            Row::CalciumMagnesium | Row::CaffeinePerPortion | Row::FibrePerPortion => None,
        }
    }

    /// A value of this row as text. Caffeine is in mg too and reads best by
    /// the same rounding as magnesium. The cost is a number the page formats
    /// in the person's locale; this gives two decimals for other uses.
    pub fn value_text(self, v: f64) -> String {
        match self {
            Row::MgPerPortion
            | Row::MgPer100g
            | Row::MgPer100kcal
            | Row::MgPerPackage
            | Row::CaffeinePerPortion => format_mg(v),
            Row::CalciumMagnesium => format!("{v:.1} : 1"),
            Row::FibrePerPortion => format!("{v:.1} g"),
            Row::CostPer100mg => format!("{v:.2}"),
        }
    }

    /// The value as it is shown, so that two values that read the same are
    /// both marked as the best.
    fn shown(self, v: f64) -> f64 {
        match self {
            Row::CostPer100mg => (v * 100.0).round(),
            Row::CalciumMagnesium | Row::FibrePerPortion => (v * 10.0).round(),
            _ => mg::shown(v),
        }
    }

    /// Which of `cells` hold this row's best value: none unless at least two
    /// cells have a value to compare; every cell that ties.
    pub fn best_cells(self, cells: &[Cell]) -> Vec<bool> {
        let values: Vec<Option<f64>> = cells
            .iter()
            .map(|c| match c {
                Cell::Value(v) => Some(self.shown(*v)),
                _ => None,
            })
            .collect();
        let known: Vec<f64> = values.iter().flatten().copied().collect();
        let best = match self.best() {
            Some(_) if known.len() < 2 => None,
            Some(Best::Highest) => known.iter().copied().reduce(f64::max),
            Some(Best::Lowest) => known.iter().copied().reduce(f64::min),
            None => None,
        };
        values
            .iter()
            .map(|v| best.is_some() && *v == best)
            .collect()
    }
}

impl Cell {
    /// The text of a cell without a value; `None` for a value, which the
    /// row formats.
    pub fn missing_text(self) -> Option<&'static str> {
        match self {
            Cell::Value(_) => None,
            Cell::NoData => Some("no data"),
            Cell::NoEnergy => Some("n/a (no energy)"),
            Cell::NotOnLabel => Some("not on the label"),
            Cell::NoPrice => Some("no price"),
        }
    }
}

impl Column {
    pub fn of_food(food: &Food) -> Column {
        let n = &food.nutrients;
        let grams = food.portion_grams();
        let per_portion =
            |v: Option<f64>| v.map_or(Cell::NoData, |v| Cell::Value(v * grams / 100.0));
        // The Foods list's rule for a rate per 100 kcal, so both pages say
        // the same of a food without energy.
        let per_100kcal = match SortBy::MgPer100kcal.amount_of(food, None).value {
            RowValue::Mg(v) => Cell::Value(v),
            RowValue::NoEnergy => Cell::NoEnergy,
            RowValue::NoData => Cell::NoData,
        };
        Column {
            item: Compared::Food(food.ndb),
            name: food.description.clone(),
            short_name: food.head().to_string(),
            portion: food.portion_label(),
            nutrition: [
                per_portion(n.magnesium_mg),
                known(n.magnesium_mg),
                per_100kcal,
                known(food.calcium_magnesium_ratio()),
                per_portion(n.caffeine_mg),
                per_portion(n.fiber_g),
            ],
            per_100g: known(n.magnesium_mg),
        }
    }

    /// A saved item: what its label gave (magnesium per serving, and from a
    /// label entry the serving's weight and energy); the rest is not known.
    /// A per-litre item (a mineral water) is compared per litre, and per
    /// 100 g as per 100 ml, since a litre of water weighs a kilogram.
    pub fn of_custom(item: &CustomItem) -> Column {
        let (portion, mg, per_100g) = match &item.basis {
            CustomBasis::PerServing { label, mg } => {
                let per_100g = item.serving_grams.map_or(Cell::NotOnLabel, |g| {
                    Cell::Value(mg.get() * 100.0 / g.get())
                });
                (label.clone(), mg.get(), per_100g)
            }
            CustomBasis::PerLitre { mg } => {
                ("1 L".to_string(), mg.get(), Cell::Value(mg.get() / 10.0))
            }
        };
        let per_100kcal = match item.kcal_per_serving.map(|k| k.get()) {
            None => Cell::NotOnLabel,
            Some(kcal) if kcal <= 0.0 => Cell::NoEnergy,
            Some(kcal) => Cell::Value(mg * 100.0 / kcal),
        };
        Column {
            item: Compared::Custom(item.id),
            name: item.name.clone(),
            short_name: item.name.clone(),
            portion,
            nutrition: [
                Cell::Value(mg),
                per_100g,
                per_100kcal,
                Cell::NotOnLabel,
                Cell::NotOnLabel,
                Cell::NotOnLabel,
            ],
            per_100g,
        }
    }

    /// This column's cell in `row`, with its package price if one is
    /// remembered.
    pub fn cell(&self, row: Row, price: Option<PackagePrice>) -> Cell {
        if let Some(i) = Row::NUTRITION.iter().position(|r| *r == row) {
            return self.nutrition[i];
        }
        let per_100g = match self.per_100g {
            Cell::Value(v) => Some(v),
            other => return other,
        };
        let Some(price) = price else {
            return Cell::NoPrice;
        };
        let value = match row {
            Row::MgPerPackage => price.mg_per_package(per_100g),
            _ => price.cost_per_100mg(per_100g),
        };
        // With magnesium data, only a package without magnesium has no cost.
        value.map_or(Cell::NoData, Cell::Value)
    }
}

/// Short names that tell the columns apart: two foods with the same head
/// ("Nuts, almonds" for raw and roasted) keep their full names.
pub fn distinct_short_names(columns: &mut [Column]) {
    let heads: Vec<String> = columns.iter().map(|c| c.short_name.clone()).collect();
    for c in columns.iter_mut() {
        if heads.iter().filter(|h| **h == c.short_name).count() > 1 {
            c.short_name = c.name.clone();
        }
    }
}

fn known(v: Option<f64>) -> Cell {
    v.map_or(Cell::NoData, Cell::Value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::amounts::{NonNegative, Positive};
    use crate::domain::food::{GroupId, Nutrients};
    use crate::domain::portion::Portion;

    fn food(ndb: u32, description: &str, nutrients: Nutrients) -> Food {
        Food {
            ndb: NdbNo(ndb),
            description: description.into(),
            group: GroupId::new(0),
            common_names: String::new(),
            branded: false,
            survey: false,
            nutrients,
            measures: Vec::new(),
            portion: Portion {
                measure: None,
                quantity: 30.0,
            },
        }
    }

    fn almonds() -> Food {
        food(
            12061,
            "Nuts, almonds",
            Nutrients {
                magnesium_mg: Some(270.0),
                energy_kcal: Some(579.0),
                calcium_mg: Some(269.0),
                potassium_mg: Some(733.0),
                caffeine_mg: Some(0.0),
                fiber_g: Some(12.5),
            },
        )
    }

    fn label_bar(id: u64) -> CustomItem {
        CustomItem {
            id,
            name: "Oat bar".into(),
            basis: CustomBasis::PerServing {
                label: "1 serving (40 g)".into(),
                mg: NonNegative::new(42.0).unwrap(),
            },
            supplement: false,
            serving_grams: Positive::new(40.0),
            kcal_per_serving: NonNegative::new(168.0),
        }
    }

    fn exists(c: Compared) -> bool {
        match c {
            Compared::Food(NdbNo(n)) => n != 99999,
            Compared::Custom(id) => id < 10,
        }
    }

    fn f(n: u32) -> Compared {
        Compared::Food(NdbNo(n))
    }

    #[test]
    fn the_address_names_the_columns() {
        use SelectionNote::*;
        let cases: Vec<(&str, Vec<Compared>, Vec<SelectionNote>)> = vec![
            ("12061,11457", vec![f(12061), f(11457)], vec![]),
            (
                "12061,11457,c3",
                vec![f(12061), f(11457), Compared::Custom(3)],
                vec![],
            ),
            // Leading zeros, spaces and a trailing comma are forgiven.
            (" 09040 , 12061,", vec![f(9040), f(12061)], vec![]),
            // Duplicates keep the first place.
            ("11457,12061,11457,11457", vec![f(11457), f(12061)], vec![]),
            ("", vec![], vec![]),
            (
                "12061,99999",
                vec![f(12061)],
                vec![UnknownFood(NdbNo(99999))],
            ),
            ("c42,12061", vec![f(12061)], vec![UnknownItem(42)]),
            (
                "abc,12061,123456,c,cx",
                vec![f(12061)],
                vec![
                    NotAnItem("abc".into()),
                    NotAnItem("123456".into()),
                    NotAnItem("c".into()),
                    NotAnItem("cx".into()),
                ],
            ),
            (
                "1,2,3,4,5,6",
                vec![f(1), f(2), f(3), f(4)],
                vec![TooMany(2)],
            ),
            // Unknown numbers do not take a place among the four.
            (
                "99999,1,2,3,4",
                vec![f(1), f(2), f(3), f(4)],
                vec![UnknownFood(NdbNo(99999))],
            ),
        ];
        for (query, items, notes) in cases {
            let s = parse_selection(query, exists);
            assert_eq!(s.items, items, "{query:?}");
            assert_eq!(s.notes, notes, "{query:?}");
        }
    }

    #[test]
    fn notes_name_what_is_left_out() {
        let s = parse_selection("12061,99999,zz,c42,1,2,3,4", exists);
        let texts: Vec<String> = s.notes.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "No food number 99999 in the USDA table.",
                "“zz” is not a food number.",
                "No saved item c42 on this device: it may have been deleted.",
                "At most 4 can be compared at once; the first 4 are shown and 1 left out.",
            ]
        );
    }

    #[test]
    fn the_address_round_trips_and_changes_by_adding_and_removing() {
        let items = vec![f(12061), f(1123), Compared::Custom(3)];
        let path = compare_path(&items);
        assert_eq!(path, "/compare?items=12061,01123,c3");
        let query = path.strip_prefix("/compare?items=").unwrap();
        assert_eq!(parse_selection(query, |_| true).items, items);
        assert_eq!(compare_path(&[]), "/compare");

        let cases: Vec<(Vec<Compared>, Compared, Vec<Compared>)> = vec![
            (vec![], f(1), vec![f(1)]),
            (vec![f(1)], f(1), vec![f(1)]),
            (vec![f(1), f(2)], f(3), vec![f(1), f(2), f(3)]),
            // Full: the oldest makes room.
            (
                vec![f(1), f(2), f(3), f(4)],
                f(5),
                vec![f(2), f(3), f(4), f(5)],
            ),
        ];
        for (before, item, after) in cases {
            assert_eq!(adding(&before, item), after, "{before:?} + {item:?}");
        }
        assert_eq!(removing(&[f(1), f(2)], f(1)), vec![f(2)]);
    }

    #[test]
    fn a_food_column_has_every_row_from_the_table() {
        let c = Column::of_food(&almonds());
        let cells: Vec<Cell> = Row::NUTRITION.iter().map(|r| c.cell(*r, None)).collect();
        // A 30 g portion of 270 mg per 100 g.
        assert_eq!(
            cells,
            [
                Cell::Value(81.0),
                Cell::Value(270.0),
                Cell::Value(270.0 * 100.0 / 579.0),
                Cell::Value(269.0 / 270.0),
                Cell::Value(0.0),
                Cell::Value(12.5 * 30.0 / 100.0),
            ]
        );
        assert_eq!(c.short_name, "Nuts, almonds");
        assert_eq!(c.cell(Row::CostPer100mg, None), Cell::NoPrice);
        let price = PackagePrice::parse("3.49", "200").unwrap();
        assert_eq!(c.cell(Row::MgPerPackage, price), Cell::Value(540.0));
        assert_eq!(
            Row::CostPer100mg.value_text(match c.cell(Row::CostPer100mg, price) {
                Cell::Value(v) => v,
                other => panic!("{other:?}"),
            }),
            "0.65"
        );
    }

    #[test]
    fn missing_values_say_why() {
        let water = food(
            14555,
            "Beverages, water, tap",
            Nutrients {
                magnesium_mg: Some(1.0),
                energy_kcal: Some(0.0),
                ..Nutrients::NONE
            },
        );
        let c = Column::of_food(&water);
        assert_eq!(c.cell(Row::MgPer100kcal, None), Cell::NoEnergy);
        assert_eq!(c.cell(Row::CaffeinePerPortion, None), Cell::NoData);
        assert_eq!(Cell::NoEnergy.missing_text(), Some("n/a (no energy)"));

        let unknown = Column::of_food(&food(1, "Something", Nutrients::NONE));
        let price = PackagePrice::parse("1", "100").unwrap();
        for row in Row::NUTRITION.into_iter().chain(Row::VALUE) {
            assert_eq!(unknown.cell(row, price), Cell::NoData, "{row:?}");
        }
    }

    #[test]
    fn a_label_item_column_has_what_the_label_gives() {
        let c = Column::of_custom(&label_bar(3));
        assert_eq!(c.item, Compared::Custom(3));
        assert_eq!(c.portion, "1 serving (40 g)");
        assert_eq!(c.cell(Row::MgPerPortion, None), Cell::Value(42.0));
        assert_eq!(c.cell(Row::MgPer100g, None), Cell::Value(105.0));
        assert_eq!(c.cell(Row::MgPer100kcal, None), Cell::Value(25.0));
        for row in [
            Row::CalciumMagnesium,
            Row::CaffeinePerPortion,
            Row::FibrePerPortion,
        ] {
            assert_eq!(c.cell(row, None), Cell::NotOnLabel, "{row:?}");
        }
        let price = PackagePrice::parse("2.10", "200").unwrap();
        assert_eq!(c.cell(Row::MgPerPackage, price), Cell::Value(210.0));

        // An item saved without a serving weight cannot be priced by weight.
        let mut plain = label_bar(4);
        plain.serving_grams = None;
        plain.kcal_per_serving = None;
        let c = Column::of_custom(&plain);
        assert_eq!(c.cell(Row::MgPer100g, None), Cell::NotOnLabel);
        assert_eq!(c.cell(Row::MgPer100kcal, None), Cell::NotOnLabel);
        assert_eq!(c.cell(Row::CostPer100mg, price), Cell::NotOnLabel);
    }

    #[test]
    fn the_best_value_is_marked_only_among_two_or_more() {
        let v = Cell::Value;
        let cases: Vec<(Row, Vec<Cell>, Vec<bool>)> = vec![
            (Row::MgPer100g, vec![v(270.0), v(79.0)], vec![true, false]),
            (Row::CostPer100mg, vec![v(0.65), v(0.3)], vec![false, true]),
            // Values that read the same tie.
            (Row::MgPer100g, vec![v(270.2), v(269.8)], vec![true, true]),
            (
                Row::CostPer100mg,
                vec![v(0.651), v(0.649)],
                vec![true, true],
            ),
            (
                Row::MgPer100g,
                vec![v(270.0), Cell::NoData],
                vec![false, false],
            ),
            (
                Row::CalciumMagnesium,
                vec![v(1.0), v(2.0)],
                vec![false, false],
            ),
            (
                Row::MgPerPortion,
                vec![Cell::NotOnLabel, v(2.0), v(3.0)],
                vec![false, false, true],
            ),
        ];
        for (row, cells, marked) in cases {
            assert_eq!(row.best_cells(&cells), marked, "{row:?} {cells:?}");
        }
    }

    #[test]
    fn columns_with_the_same_head_keep_their_full_names() {
        let mut columns = vec![
            Column::of_food(&almonds()),
            Column::of_food(&food(12563, "Nuts, almonds, dry roasted", Nutrients::NONE)),
            Column::of_food(&food(11457, "Spinach, raw", Nutrients::NONE)),
        ];
        distinct_short_names(&mut columns);
        let names: Vec<&str> = columns.iter().map(|c| c.short_name.as_str()).collect();
        assert_eq!(
            names,
            ["Nuts, almonds", "Nuts, almonds, dry roasted", "Spinach"]
        );
    }
}
