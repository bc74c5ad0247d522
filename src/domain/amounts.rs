//! Validated amounts: a number that must be above zero ([`Positive`]) or at
//! least zero ([`NonNegative`]). Quantities, doses and magnesium contents are
//! checked once where they enter (typing or reading a backup), so no total is
//! ever built from a negative or missing number.
//!
//! Both are stored as plain JSON numbers; reading one that breaks the rule
//! fails, so a hand-edited backup with a negative quantity is refused.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A finite amount greater than zero: quantities, servings and doses. A zero
/// or negative amount is rejected at the boundary (typing or reading a
/// backup) instead of producing silent zero totals.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Positive(f64);

impl Positive {
    pub fn new(value: f64) -> Option<Positive> {
        (value.is_finite() && value > 0.0).then_some(Positive(value))
    }

    /// Parses typed text, accepting a decimal comma as well as a point and
    /// surrounding spaces ("1,5" and " 1.5 " are both 1.5).
    pub fn parse(text: &str) -> Option<Positive> {
        parse_decimal(text).and_then(Positive::new)
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Positive {
    type Error = AmountError;
    fn try_from(value: f64) -> Result<Positive, AmountError> {
        Positive::new(value).ok_or(AmountError::NotPositive)
    }
}

impl From<Positive> for f64 {
    fn from(p: Positive) -> f64 {
        p.0
    }
}

/// A finite amount of zero or more: magnesium contents, where zero is a
/// real measurement (a food with no magnesium).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct NonNegative(f64);

impl NonNegative {
    pub const ZERO: NonNegative = NonNegative(0.0);

    pub fn new(value: f64) -> Option<NonNegative> {
        (value.is_finite() && value >= 0.0).then_some(NonNegative(value))
    }

    /// Parses typed text like [`Positive::parse`].
    pub fn parse(text: &str) -> Option<NonNegative> {
        parse_decimal(text).and_then(NonNegative::new)
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for NonNegative {
    type Error = AmountError;
    fn try_from(value: f64) -> Result<NonNegative, AmountError> {
        NonNegative::new(value).ok_or(AmountError::Negative)
    }
}

impl From<NonNegative> for f64 {
    fn from(n: NonNegative) -> f64 {
        n.0
    }
}

/// Why a number was rejected as an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    NotPositive,
    Negative,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::NotPositive => write!(f, "amount must be a number greater than zero"),
            AmountError::Negative => write!(f, "amount must be a number of zero or more"),
        }
    }
}

impl std::error::Error for AmountError {}

/// What a person typed into a number field, read without judging its sign,
/// so a form can say "cannot be negative" instead of "not a number".
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Typed {
    Empty,
    Number(f64),
    NotANumber,
}

/// Reads typed text as [`Positive::parse`] does (a decimal comma or point,
/// spaces around), with an optional leading sign.
pub fn read_typed(text: &str) -> Typed {
    let t = text.trim();
    if t.is_empty() {
        return Typed::Empty;
    }
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match parse_decimal(digits) {
        Some(v) if negative => Typed::Number(-v),
        Some(v) => Typed::Number(v),
        None => Typed::NotANumber,
    }
}

/// The amount typed in a number box: the number when it is one above zero,
/// otherwise 0, which every form then refuses as "no amount". A box holds
/// its text while it is typed in (see `components::typed_value`), so this
/// is how a form reads it.
pub fn typed_amount(text: &str) -> f64 {
    Positive::parse(text).map_or(0.0, Positive::get)
}

fn parse_decimal(text: &str) -> Option<f64> {
    plain_decimal(&text.trim().replace(',', "."))
}

/// Reads digits with at most one decimal point ("12", "12.5", ".5", "12.")
/// as the nearest `f64`, and nothing else: no sign, exponent, space, "inf"
/// or "NaN", which `f64::from_str` would also take; `None` when there is
/// no digit or the number is too large to be finite.
///
/// It parses with serde_json, which must read every stored number exactly
/// (its `float_roundtrip` feature) and so gives the same correctly rounded
/// value as `f64::from_str`. The wasm module then holds one decimal parser
/// instead of two, and the standard library's tables of powers of five,
/// which gzip cannot shrink, are left out.
pub fn plain_decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    // JSON writes no leading zeros, and a digit on both sides of a point.
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        digits => digits,
    };
    let json = if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    };
    serde_json::from_str::<f64>(&json)
        .ok()
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_reject_invalid_numbers() {
        let cases = [
            (1.5, Some(1.5), Some(1.5)),
            (0.0, None, Some(0.0)),
            (-2.0, None, None),
            (f64::NAN, None, None),
            (f64::INFINITY, None, None),
        ];
        for (v, positive, non_negative) in cases {
            assert_eq!(Positive::new(v).map(Positive::get), positive, "{v}");
            assert_eq!(
                NonNegative::new(v).map(NonNegative::get),
                non_negative,
                "{v}"
            );
        }
        let texts = [
            ("1,5", Some(1.5)),
            (" 2.25 ", Some(2.25)),
            ("0", None),
            ("", None),
            ("inf", None),
            ("NaN", None),
            ("-1", None),
            ("1.2.3", None),
            ("12 mg", None),
        ];
        for (t, expected) in texts {
            assert_eq!(Positive::parse(t).map(Positive::get), expected, "{t:?}");
        }
        assert_eq!(NonNegative::parse("0").map(NonNegative::get), Some(0.0));
        assert!(serde_json::from_str::<Positive>("0.0").is_err());
        assert!(serde_json::from_str::<NonNegative>("-0.5").is_err());
        assert_eq!(serde_json::from_str::<Positive>("2.5").unwrap().get(), 2.5);
    }

    #[test]
    fn plain_decimals_are_digits_and_one_point_only() {
        let cases = [
            ("12", Some(12.0)),
            ("12.5", Some(12.5)),
            ("0012.50", Some(12.5)),
            (".5", Some(0.5)),
            ("12.", Some(12.0)),
            ("0", Some(0.0)),
            ("000", Some(0.0)),
            ("0.1", Some(0.1)),
            (".", None),
            ("", None),
            ("1.2.3", None),
            ("-1", None),
            ("+1", None),
            ("1e3", None),
            (" 1", None),
            ("inf", None),
            ("NaN", None),
            ("١٢", None),
        ];
        for (text, expected) in cases {
            assert_eq!(plain_decimal(text), expected, "{text:?}");
        }
        // Too large to be finite.
        assert_eq!(plain_decimal(&"9".repeat(400)), None);
    }

    // proptest is a native dev-dependency; wasm32 builds these tests too.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The same nearest `f64` as the standard library's parser, for
        /// short, long, exact and inexact decimals alike.
        #[test]
        fn plain_decimals_read_as_the_standard_parser_does(
            whole in "[0-9]{0,25}",
            fraction in proptest::option::of("[0-9]{0,25}"),
        ) {
            let text = match &fraction {
                Some(f) => format!("{whole}.{f}"),
                None => whole.clone(),
            };
            let expected = text.parse::<f64>().ok().filter(|v| v.is_finite());
            proptest::prop_assert_eq!(plain_decimal(&text), expected, "{:?}", text);
        }
    }

    #[test]
    fn a_typed_amount_is_its_number_above_zero_or_else_zero() {
        // What a number box can hold while it is typed in, key by key.
        let cases = [
            ("12.5", 12.5),
            ("12.", 12.0),
            ("0.25", 0.25),
            ("0.", 0.0),
            (".5", 0.5),
            ("1,5", 1.5),
            ("", 0.0),
            ("-", 0.0),
            ("-50", 0.0),
            ("0", 0.0),
            ("1e3", 0.0),
            ("inf", 0.0),
        ];
        for (text, expected) in cases {
            assert_eq!(typed_amount(text), expected, "{text:?}");
        }
    }

    #[test]
    fn typed_text_tells_empty_negative_and_not_a_number_apart() {
        let cases = [
            ("", Typed::Empty),
            ("  ", Typed::Empty),
            ("3,49", Typed::Number(3.49)),
            (" 3.49 ", Typed::Number(3.49)),
            ("0", Typed::Number(0.0)),
            ("-1", Typed::Number(-1.0)),
            ("+2", Typed::Number(2.0)),
            ("abc", Typed::NotANumber),
            ("-", Typed::NotANumber),
            ("1.2.3", Typed::NotANumber),
            ("NaN", Typed::NotANumber),
            ("--1", Typed::NotANumber),
        ];
        for (text, expected) in cases {
            assert_eq!(read_typed(text), expected, "{text:?}");
        }
    }
}
