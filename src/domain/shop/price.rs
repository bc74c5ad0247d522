//! Value for money: a package's price and weight as the person typed them,
//! the magnesium in the package and what 100 mg of it costs.
//!
//! The price has no currency: it is the number on the shelf label, and the
//! page shows it in the person's locale. Prices are remembered per compared
//! item in one record, [`PriceBook`] (`mgt/v1/prices`).

use crate::domain::sorted::SortedMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::compare::Compared;
use crate::domain::amounts::{Positive, Typed, read_typed};

/// A package on the shelf: what it costs and what it weighs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PackagePrice {
    #[serde(rename = "price")]
    pub price: Positive,
    #[serde(rename = "grams")]
    pub grams: Positive,
}

/// The remembered package of each compared item, keyed by its token in the
/// comparison's address (`12061`, `c3`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PriceBook(SortedMap<Compared, PackagePrice>);

/// What is wrong with each field of a price form; `None` where the field
/// is fine. The page shows each message at its field; `Display` joins them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PriceErrors {
    pub price: Option<String>,
    pub grams: Option<String>,
}

impl PackagePrice {
    /// Reads the two fields of a price form. Both empty means "no price"
    /// (`Ok(None)`), which clears a remembered one; otherwise both must be
    /// numbers above zero, and each field gets its own message.
    pub fn parse(price: &str, grams: &str) -> Result<Option<PackagePrice>, PriceErrors> {
        let p = read_typed(price);
        let g = read_typed(grams);
        if p == Typed::Empty && g == Typed::Empty {
            return Ok(None);
        }
        let price = positive(p, &PRICE_WORDS);
        let grams = positive(g, &WEIGHT_WORDS);
        match (price, grams) {
            (Ok(price), Ok(grams)) => Ok(Some(PackagePrice { price, grams })),
            (price, grams) => Err(PriceErrors {
                price: price.err(),
                grams: grams.err(),
            }),
        }
    }

    /// Magnesium (mg) in the whole package, from the food's mg per 100 g.
    pub fn mg_per_package(self, mg_per_100g: Option<f64>) -> Option<f64> {
        mg_per_package(mg_per_100g, self.grams)
    }

    /// What 100 mg of the food's magnesium costs, bought in this package.
    pub fn cost_per_100mg(self, mg_per_100g: Option<f64>) -> Option<f64> {
        cost_per_100mg(self.price, self.mg_per_package(mg_per_100g))
    }
}

/// Magnesium (mg) in `grams` of a food with `mg_per_100g`; `None` when the
/// food has no magnesium value.
pub fn mg_per_package(mg_per_100g: Option<f64>, grams: Positive) -> Option<f64> {
    mg_per_100g.map(|mg| mg * grams.get() / 100.0)
}

/// The cost of 100 mg of magnesium from a package with `mg_per_package`;
/// `None` without magnesium data or with none in the package, where no
/// amount of money buys 100 mg.
pub fn cost_per_100mg(price: Positive, mg_per_package: Option<f64>) -> Option<f64> {
    let mg = mg_per_package.filter(|mg| *mg > 0.0)?;
    Some(price.get() / (mg / 100.0))
}

impl PriceBook {
    pub fn get(&self, item: Compared) -> Option<PackagePrice> {
        self.0.get(&item).copied()
    }

    /// Remembers `price` for `item`, or forgets it for `None`.
    pub fn set(&mut self, item: Compared, price: Option<PackagePrice>) {
        match price {
            Some(p) => self.0.insert(item, p),
            None => self.0.remove(&item),
        };
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// The words of one field's messages.
struct Words {
    missing: &'static str,
    not_a_number: &'static str,
    negative: &'static str,
    zero: &'static str,
}

const PRICE_WORDS: Words = Words {
    missing: "Type the price too.",
    not_a_number: "Type the price as a number, such as 3.49.",
    negative: "A price cannot be negative.",
    zero: "A price must be more than 0.",
};

const WEIGHT_WORDS: Words = Words {
    missing: "Type the package weight too.",
    not_a_number: "Type the weight in grams as a number, such as 200.",
    negative: "A weight cannot be negative.",
    zero: "A weight must be more than 0 g.",
};

fn positive(typed: Typed, words: &Words) -> Result<Positive, String> {
    match typed {
        Typed::Empty => Err(words.missing.into()),
        Typed::NotANumber => Err(words.not_a_number.into()),
        Typed::Number(v) if v < 0.0 => Err(words.negative.into()),
        Typed::Number(v) => Positive::new(v).ok_or_else(|| words.zero.into()),
    }
}

impl fmt::Display for PriceErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let messages: Vec<&str> = [&self.price, &self.grams]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        f.write_str(&messages.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::food::NdbNo;

    fn pos(v: f64) -> Positive {
        Positive::new(v).unwrap()
    }

    /// Rounds to cents as the page shows the cost (two decimals).
    fn cents(v: f64) -> f64 {
        (v * 100.0).round() / 100.0
    }

    #[test]
    fn package_arithmetic() {
        // (mg per 100 g, grams, price, mg per package, cost of 100 mg)
        let cases = [
            // Almonds (SR28 12061, 270 mg per 100 g): 200 g for 3.49 hold
            // 540 mg, so 100 mg cost 3.49 / 5.4.
            (Some(270.0), 200.0, 3.49, Some(540.0), Some(3.49 / 5.4)),
            (Some(79.0), 500.0, 2.0, Some(395.0), Some(2.0 / 3.95)),
            // No magnesium value: nothing to divide by, not "free".
            (None, 200.0, 3.49, None, None),
            // A food with no magnesium: no amount of it buys 100 mg.
            (Some(0.0), 200.0, 3.49, Some(0.0), None),
        ];
        for (per_100g, grams, price, package, cost) in cases {
            let p = PackagePrice {
                price: pos(price),
                grams: pos(grams),
            };
            let got = p.mg_per_package(per_100g);
            assert_eq!(
                got.map(|v| (v * 1e9).round()),
                package.map(|v: f64| (v * 1e9).round())
            );
            let got = p.cost_per_100mg(per_100g);
            match (got, cost) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{a} {b}"),
                (a, b) => assert_eq!(a, b),
            }
        }
    }

    #[test]
    fn the_cost_of_100_mg_of_almonds_shows_as_0_65() {
        let p = PackagePrice::parse("3,49", "200").unwrap().unwrap();
        let cost = p.cost_per_100mg(Some(270.0)).unwrap();
        assert!((cost - 0.646_296_296).abs() < 1e-9, "{cost}");
        assert_eq!(cents(cost), 0.65);
        // Rounding goes to the nearest cent in both directions.
        assert_eq!(cents(3.0 / 5.4), 0.56);
        assert_eq!(cents(0.125_1), 0.13);
        assert_eq!(cents(0.124_9), 0.12);
    }

    #[test]
    fn typed_prices_and_weights() {
        let ok = |p: f64, g: f64| {
            Ok(Some(PackagePrice {
                price: pos(p),
                grams: pos(g),
            }))
        };
        let err = |p: Option<&str>, g: Option<&str>| {
            Err(PriceErrors {
                price: p.map(Into::into),
                grams: g.map(Into::into),
            })
        };
        let cases = [
            ("3.49", "200", ok(3.49, 200.0)),
            ("3,49", " 200 ", ok(3.49, 200.0)),
            ("", "", Ok(None)),
            ("  ", "", Ok(None)),
            ("0", "200", err(Some("A price must be more than 0."), None)),
            ("-1", "200", err(Some("A price cannot be negative."), None)),
            (
                "abc",
                "200",
                err(Some("Type the price as a number, such as 3.49."), None),
            ),
            ("3.49", "", err(None, Some("Type the package weight too."))),
            ("", "200", err(Some("Type the price too."), None)),
            (
                "3.49",
                "0",
                err(None, Some("A weight must be more than 0 g.")),
            ),
            (
                "3.49",
                "-5",
                err(None, Some("A weight cannot be negative.")),
            ),
            (
                "3.49",
                "2OO",
                err(
                    None,
                    Some("Type the weight in grams as a number, such as 200."),
                ),
            ),
            (
                "0",
                "0",
                err(
                    Some("A price must be more than 0."),
                    Some("A weight must be more than 0 g."),
                ),
            ),
        ];
        for (price, grams, expected) in cases {
            assert_eq!(
                PackagePrice::parse(price, grams),
                expected,
                "{price:?} {grams:?}"
            );
        }
    }

    #[test]
    fn the_price_book_remembers_and_forgets_per_item() {
        let mut book = PriceBook::default();
        let almonds = Compared::Food(NdbNo(12061));
        let bar = Compared::Custom(3);
        let p = PackagePrice {
            price: pos(3.49),
            grams: pos(200.0),
        };
        book.set(almonds, Some(p));
        book.set(bar, Some(p));
        assert_eq!(book.get(almonds), Some(p));
        assert_eq!(
            serde_json::to_string(&book).unwrap(),
            r#"{"12061":{"price":3.49,"grams":200.0},"c3":{"price":3.49,"grams":200.0}}"#
        );
        book.set(almonds, None);
        assert_eq!(book.get(almonds), None);
        assert_eq!(book.len(), 1);
        // A stored key that names no item is damage, not a price to keep.
        assert!(serde_json::from_str::<PriceBook>(r#"{"x1":{"price":1.0,"grams":1.0}}"#).is_err());
        assert!(serde_json::from_str::<PriceBook>(r#"{"1":{"price":0.0,"grams":1.0}}"#).is_err());
    }
}
