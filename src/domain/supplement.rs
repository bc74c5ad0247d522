//! Magnesium supplements: the forms people buy, how much of each compound is
//! magnesium, and the conversion from a typed dose to elemental milligrams.
//!
//! Labels in most countries print the elemental amount in the "amount per
//! serving" line, and that is the preferred input. Some labels (and many
//! bulk powders) give only the compound weight, so every form also carries
//! its chemical formula and the elemental fraction is computed from the
//! formula with standard atomic masses rather than copied from a list: the
//! formula, the hydrate assumed and the arithmetic are all shown to the
//! person, so a different hydrate on their label is easy to spot.
//!
//! Doses are validated amounts from [`crate::domain::amounts`].

use super::amounts::Positive;
use super::mg::format_mg;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why topical magnesium is logged but never added to the totals.
pub const TOPICAL_REASON: &str = "absorption through skin is not established";

/// The sentence shown next to a topical entry.
pub const TOPICAL_NOT_COUNTED: &str =
    "Logged but not counted: absorption through skin is not established.";

/// Suggestions for the topical description field.
pub const TOPICAL_EXAMPLES: [&str; 3] =
    ["Magnesium oil spray", "Epsom salt bath", "Magnesium lotion"];

/// A chemical element that occurs in the supplement formulas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Element {
    Mg,
    C,
    H,
    N,
    O,
    S,
    Cl,
}

impl Element {
    /// Standard atomic weight in g/mol (conventional values, as in the
    /// IUPAC abridged table).
    pub fn atomic_mass(self) -> f64 {
        match self {
            Element::Mg => 24.305,
            Element::C => 12.011,
            Element::H => 1.008,
            Element::N => 14.007,
            Element::O => 15.999,
            Element::S => 32.06,
            Element::Cl => 35.45,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Element::Mg => "Mg",
            Element::C => "C",
            Element::H => "H",
            Element::N => "N",
            Element::O => "O",
            Element::S => "S",
            Element::Cl => "Cl",
        }
    }
}

/// The compound assumed for a supplement form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Compound {
    /// Chemical name, e.g. "magnesium chloride hexahydrate".
    pub name: &'static str,
    /// Formula for display, with subscripts, e.g. "MgCl₂·6H₂O".
    pub formula: &'static str,
    /// The hydrate assumed: "anhydrous", "hexahydrate", …
    pub hydrate: &'static str,
    /// Atoms per formula unit, water of hydration included.
    pub composition: &'static [(Element, u16)],
    /// A caveat about other commercial variants of the form, if any.
    pub note: Option<&'static str>,
}

impl Compound {
    /// Molar mass in g/mol, summed from the composition.
    pub fn molar_mass(&self) -> f64 {
        self.composition
            .iter()
            .map(|&(e, n)| e.atomic_mass() * f64::from(n))
            .sum()
    }

    /// Mass fraction of magnesium (0–1).
    pub fn elemental_fraction(&self) -> f64 {
        let mg_atoms: u16 = self
            .composition
            .iter()
            .filter(|(e, _)| *e == Element::Mg)
            .map(|&(_, n)| n)
            .sum();
        Element::Mg.atomic_mass() * f64::from(mg_atoms) / self.molar_mass()
    }
}

/// A supplement form as people choose it from a list. The serde names are
/// stored in day logs and backups and must not change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SupplementForm {
    #[serde(rename = "oxide")]
    Oxide,
    #[serde(rename = "hydroxide")]
    Hydroxide,
    #[serde(rename = "carbonate")]
    Carbonate,
    #[serde(rename = "chloride")]
    Chloride,
    #[serde(rename = "sulfate")]
    Sulfate,
    #[serde(rename = "citrate")]
    Citrate,
    /// Glycinate and bisglycinate name the same compound.
    #[serde(rename = "glycinate")]
    Glycinate,
    #[serde(rename = "malate")]
    Malate,
    #[serde(rename = "l_threonate")]
    LThreonate,
    #[serde(rename = "taurate")]
    Taurate,
    #[serde(rename = "lactate")]
    Lactate,
    #[serde(rename = "aspartate")]
    Aspartate,
    #[serde(rename = "orotate")]
    Orotate,
    #[serde(rename = "gluconate")]
    Gluconate,
    /// Any other product: only the elemental amount can be entered.
    #[serde(rename = "other")]
    Other,
}

impl SupplementForm {
    /// Every form in the order a picker lists them.
    pub const ALL: [SupplementForm; 15] = [
        SupplementForm::Oxide,
        SupplementForm::Hydroxide,
        SupplementForm::Carbonate,
        SupplementForm::Chloride,
        SupplementForm::Sulfate,
        SupplementForm::Citrate,
        SupplementForm::Glycinate,
        SupplementForm::Malate,
        SupplementForm::LThreonate,
        SupplementForm::Taurate,
        SupplementForm::Lactate,
        SupplementForm::Aspartate,
        SupplementForm::Orotate,
        SupplementForm::Gluconate,
        SupplementForm::Other,
    ];

    /// The name for pickers and logs, e.g. "Magnesium citrate".
    pub fn label(self) -> &'static str {
        match self {
            SupplementForm::Oxide => "Magnesium oxide",
            SupplementForm::Hydroxide => "Magnesium hydroxide",
            SupplementForm::Carbonate => "Magnesium carbonate",
            SupplementForm::Chloride => "Magnesium chloride",
            SupplementForm::Sulfate => "Magnesium sulfate (Epsom salt)",
            SupplementForm::Citrate => "Magnesium citrate",
            SupplementForm::Glycinate => "Magnesium glycinate (bisglycinate)",
            SupplementForm::Malate => "Magnesium malate",
            SupplementForm::LThreonate => "Magnesium L-threonate",
            SupplementForm::Taurate => "Magnesium taurate",
            SupplementForm::Lactate => "Magnesium lactate",
            SupplementForm::Aspartate => "Magnesium aspartate",
            SupplementForm::Orotate => "Magnesium orotate",
            SupplementForm::Gluconate => "Magnesium gluconate",
            SupplementForm::Other => "Other (elemental amount known)",
        }
    }

    /// The compound assumed for the form; `None` for [`SupplementForm::Other`].
    pub fn compound(self) -> Option<&'static Compound> {
        use Element::{C, Cl, H, Mg, N, O, S};
        const OXIDE: Compound = Compound {
            name: "magnesium oxide",
            formula: "MgO",
            hydrate: "anhydrous",
            composition: &[(Mg, 1), (O, 1)],
            note: None,
        };
        const HYDROXIDE: Compound = Compound {
            name: "magnesium hydroxide",
            formula: "Mg(OH)₂",
            hydrate: "anhydrous",
            composition: &[(Mg, 1), (O, 2), (H, 2)],
            note: None,
        };
        const CARBONATE: Compound = Compound {
            name: "magnesium carbonate",
            formula: "MgCO₃",
            hydrate: "anhydrous",
            composition: &[(Mg, 1), (C, 1), (O, 3)],
            note: Some(
                "Basic (\"heavy\" or \"light\") magnesium carbonate, also sold, has about 25 % \
                 magnesium.",
            ),
        };
        const CHLORIDE: Compound = Compound {
            name: "magnesium chloride hexahydrate",
            formula: "MgCl₂·6H₂O",
            hydrate: "hexahydrate",
            composition: &[(Mg, 1), (Cl, 2), (H, 12), (O, 6)],
            note: Some(
                "Anhydrous magnesium chloride, rare in supplements, has about 25 % magnesium.",
            ),
        };
        const SULFATE: Compound = Compound {
            name: "magnesium sulfate heptahydrate",
            formula: "MgSO₄·7H₂O",
            hydrate: "heptahydrate",
            composition: &[(Mg, 1), (S, 1), (O, 11), (H, 14)],
            note: Some("Dried magnesium sulfate has about 20 % magnesium."),
        };
        const CITRATE: Compound = Compound {
            name: "trimagnesium dicitrate",
            formula: "Mg₃(C₆H₅O₇)₂",
            hydrate: "anhydrous",
            composition: &[(Mg, 3), (C, 12), (H, 10), (O, 14)],
            note: Some("The nonahydrate, also sold, has about 12 % magnesium."),
        };
        const GLYCINATE: Compound = Compound {
            name: "magnesium bisglycinate",
            formula: "Mg(C₂H₄NO₂)₂",
            hydrate: "anhydrous",
            composition: &[(Mg, 1), (C, 4), (H, 8), (N, 2), (O, 4)],
            note: Some(
                "\"Buffered\" glycinate is mixed with magnesium oxide and has more magnesium; \
                 use the label's elemental amount.",
            ),
        };
        const MALATE: Compound = Compound {
            name: "magnesium malate",
            formula: "MgC₄H₄O₅",
            hydrate: "anhydrous",
            composition: &[(Mg, 1), (C, 4), (H, 4), (O, 5)],
            note: Some("Dimagnesium malate and hydrated malates differ from this 1:1 salt."),
        };
        const THREONATE: Compound = Compound {
            name: "magnesium L-threonate",
            formula: "Mg(C₄H₇O₅)₂",
            hydrate: "anhydrous",
            composition: &[(Mg, 1), (C, 8), (H, 14), (O, 10)],
            note: Some(
                "Product labels state 144 mg of magnesium per 2,000 mg of magnesium \
                 L-threonate (7.2 %), less than this formula gives; enter the label's \
                 elemental amount instead of the compound weight.",
            ),
        };
        const TAURATE: Compound = Compound {
            name: "magnesium taurate",
            formula: "Mg(C₂H₆NO₃S)₂",
            hydrate: "anhydrous",
            composition: &[(Mg, 1), (C, 4), (H, 12), (N, 2), (O, 6), (S, 2)],
            note: None,
        };
        const LACTATE: Compound = Compound {
            name: "magnesium lactate dihydrate",
            formula: "Mg(C₃H₅O₃)₂·2H₂O",
            hydrate: "dihydrate",
            composition: &[(Mg, 1), (C, 6), (H, 14), (O, 8)],
            note: None,
        };
        const ASPARTATE: Compound = Compound {
            name: "magnesium aspartate dihydrate",
            formula: "Mg(C₄H₆NO₄)₂·2H₂O",
            hydrate: "dihydrate",
            composition: &[(Mg, 1), (C, 8), (H, 16), (N, 2), (O, 10)],
            note: Some("Magnesium aspartate hydrochloride, also sold, has about 10 % magnesium."),
        };
        const OROTATE: Compound = Compound {
            name: "magnesium orotate dihydrate",
            formula: "Mg(C₅H₃N₂O₄)₂·2H₂O",
            hydrate: "dihydrate",
            composition: &[(Mg, 1), (C, 10), (H, 10), (N, 4), (O, 10)],
            note: None,
        };
        const GLUCONATE: Compound = Compound {
            name: "magnesium gluconate",
            formula: "Mg(C₆H₁₁O₇)₂",
            hydrate: "anhydrous",
            composition: &[(Mg, 1), (C, 12), (H, 22), (O, 14)],
            note: Some("The hydrated form, also sold, has slightly less magnesium."),
        };
        match self {
            SupplementForm::Oxide => Some(&OXIDE),
            SupplementForm::Hydroxide => Some(&HYDROXIDE),
            SupplementForm::Carbonate => Some(&CARBONATE),
            SupplementForm::Chloride => Some(&CHLORIDE),
            SupplementForm::Sulfate => Some(&SULFATE),
            SupplementForm::Citrate => Some(&CITRATE),
            SupplementForm::Glycinate => Some(&GLYCINATE),
            SupplementForm::Malate => Some(&MALATE),
            SupplementForm::LThreonate => Some(&THREONATE),
            SupplementForm::Taurate => Some(&TAURATE),
            SupplementForm::Lactate => Some(&LACTATE),
            SupplementForm::Aspartate => Some(&ASPARTATE),
            SupplementForm::Orotate => Some(&OROTATE),
            SupplementForm::Gluconate => Some(&GLUCONATE),
            SupplementForm::Other => None,
        }
    }

    /// Mass fraction of magnesium in the assumed compound; `None` for
    /// [`SupplementForm::Other`].
    pub fn elemental_fraction(self) -> Option<f64> {
        self.compound().map(Compound::elemental_fraction)
    }
}

/// A dose as typed: the elemental amount (preferred; labels print it in the
/// "amount per serving" line) or the weight of the whole compound. Stored in
/// day logs, so the serde shape is `{"elemental_mg": 200.0}` or
/// `{"compound_mg": 500.0}`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum DoseInput {
    #[serde(rename = "elemental_mg")]
    ElementalMg(Positive),
    #[serde(rename = "compound_mg")]
    CompoundMg(Positive),
}

/// The result of [`convert`].
#[derive(Clone, Debug, PartialEq)]
pub struct Conversion {
    /// Elemental magnesium, mg (unrounded; round only for display).
    pub elemental_mg: f64,
    /// The compound weight, when it was typed or can be derived from the form.
    pub compound_mg: Option<f64>,
    /// The elemental fraction used, when the form is known.
    pub fraction: Option<f64>,
    /// The arithmetic for display, e.g. "500 mg magnesium L-threonate,
    /// Mg(C₄H₇O₅)₂ (anhydrous) × 8.3 % magnesium ≈ 41 mg elemental magnesium".
    pub arithmetic: String,
}

/// Why a dose could not be converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoseError {
    /// A compound weight was given for [`SupplementForm::Other`], whose
    /// formula is unknown.
    CompoundNeedsKnownForm,
}

impl fmt::Display for DoseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DoseError::CompoundNeedsKnownForm => write!(
                f,
                "For other products, enter the elemental magnesium from the label."
            ),
        }
    }
}

impl std::error::Error for DoseError {}

/// Converts a dose to elemental magnesium and explains the arithmetic.
pub fn convert(form: SupplementForm, dose: DoseInput) -> Result<Conversion, DoseError> {
    let compound = form.compound();
    match (dose, compound) {
        (DoseInput::ElementalMg(mg), None) => Ok(Conversion {
            elemental_mg: mg.get(),
            compound_mg: None,
            fraction: None,
            arithmetic: format!(
                "{} elemental magnesium, as on the label",
                format_mg(mg.get())
            ),
        }),
        (DoseInput::ElementalMg(mg), Some(c)) => {
            let fraction = c.elemental_fraction();
            let compound_mg = mg.get() / fraction;
            Ok(Conversion {
                elemental_mg: mg.get(),
                compound_mg: Some(compound_mg),
                fraction: Some(fraction),
                arithmetic: format!(
                    "{} elemental magnesium, as on the label (about {} of {}, {})",
                    format_mg(mg.get()),
                    format_mg(compound_mg),
                    c.name,
                    c.formula
                ),
            })
        }
        (DoseInput::CompoundMg(_), None) => Err(DoseError::CompoundNeedsKnownForm),
        (DoseInput::CompoundMg(mg), Some(c)) => {
            let fraction = c.elemental_fraction();
            let elemental = mg.get() * fraction;
            Ok(Conversion {
                elemental_mg: elemental,
                compound_mg: Some(mg.get()),
                fraction: Some(fraction),
                arithmetic: format!(
                    "{} {}, {} ({}) × {} magnesium ≈ {} elemental magnesium",
                    format_mg(mg.get()),
                    c.name,
                    c.formula,
                    c.hydrate,
                    format_percent(fraction),
                    format_mg(elemental)
                ),
            })
        }
    }
}

/// "8.3 %": a fraction (0–1) as a percentage with one decimal.
pub fn format_percent(fraction: f64) -> String {
    format!("{:.1} %", fraction * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sorted::SortedMap;

    fn pos(v: f64) -> Positive {
        Positive::new(v).unwrap()
    }

    /// Fractions worked out by hand from the same atomic masses:
    /// Mg × n / (sum of atoms), rounded to five figures.
    #[test]
    fn elemental_fractions_match_hand_computed_values() {
        let cases = [
            // 24.305 / 40.304
            (SupplementForm::Oxide, 0.60304),
            // 24.305 / (24.305 + 2 × 17.007)
            (SupplementForm::Hydroxide, 0.41676),
            // 24.305 / (24.305 + 12.011 + 47.997)
            (SupplementForm::Carbonate, 0.28827),
            // 24.305 / (95.205 + 6 × 18.015)
            (SupplementForm::Chloride, 0.11956),
            // 24.305 / (120.361 + 7 × 18.015)
            (SupplementForm::Sulfate, 0.09861),
            // 72.915 / 451.113
            (SupplementForm::Citrate, 0.16163),
            (SupplementForm::Glycinate, 0.14096),
            (SupplementForm::Malate, 0.15543),
            (SupplementForm::LThreonate, 0.08253),
            (SupplementForm::Taurate, 0.08917),
            (SupplementForm::Lactate, 0.10192),
            (SupplementForm::Aspartate, 0.07489),
            (SupplementForm::Orotate, 0.06560),
            (SupplementForm::Gluconate, 0.05862),
        ];
        assert_eq!(
            cases.len() + 1,
            SupplementForm::ALL.len(),
            "every form is covered"
        );
        for (form, expected) in cases {
            let f = form.elemental_fraction().unwrap();
            assert!(
                (f / expected - 1.0).abs() < 0.001,
                "{form:?}: {f} vs {expected}"
            );
        }
        assert_eq!(SupplementForm::Other.elemental_fraction(), None);
    }

    /// Labels of L-threonate products state less magnesium than the
    /// anhydrous formula gives, so the form carries a note that says so with
    /// the label's own numbers and points to the elemental line.
    #[test]
    fn threonate_note_gives_the_label_share_and_prefers_the_elemental_line() {
        let compound = SupplementForm::LThreonate.compound().unwrap();
        let note = compound.note.expect("L-threonate has a note");
        let label_share = format!("{:.1} %", 144.0 / 2000.0 * 100.0);
        let formula_share = format!("{:.1} %", compound.elemental_fraction() * 100.0);
        assert_eq!(label_share, "7.2 %");
        assert_ne!(formula_share, label_share, "the note would be needless");
        for words in ["144 mg", "2,000 mg", label_share.as_str(), "elemental"] {
            assert!(note.contains(words), "{words:?} missing: {note}");
        }
    }

    /// Parses display formulas such as "Mg(C₂H₆NO₃S)₂" and "MgSO₄·7H₂O" into
    /// atom counts, so the text people see is checked against the numbers
    /// used.
    fn parse_formula(text: &str) -> SortedMap<String, u32> {
        fn sub_digit(c: char) -> Option<u32> {
            "₀₁₂₃₄₅₆₇₈₉".chars().position(|d| d == c).map(|p| p as u32)
        }
        fn number(chars: &[char], i: &mut usize, digit: fn(char) -> Option<u32>) -> u32 {
            let mut n = None;
            while let Some(d) = chars.get(*i).copied().and_then(digit) {
                n = Some(n.unwrap_or(0) * 10 + d);
                *i += 1;
            }
            n.unwrap_or(1)
        }
        fn group(chars: &[char], i: &mut usize) -> SortedMap<String, u32> {
            let mut counts = SortedMap::new();
            while let Some(&c) = chars.get(*i) {
                let part = if c == '(' {
                    *i += 1;
                    let inner = group(chars, i);
                    assert_eq!(chars.get(*i), Some(&')'));
                    *i += 1;
                    inner
                } else if c == ')' || c == '·' {
                    break;
                } else {
                    assert!(c.is_ascii_uppercase(), "unexpected {c}");
                    let mut sym = c.to_string();
                    *i += 1;
                    while let Some(&l) = chars.get(*i).filter(|l| l.is_ascii_lowercase()) {
                        sym.push(l);
                        *i += 1;
                    }
                    SortedMap::from([(sym, 1)])
                };
                let n = number(chars, i, sub_digit);
                for (k, v) in part {
                    *counts.entry(k).or_insert(0) += v * n;
                }
            }
            counts
        }
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        let mut total = group(&chars, &mut i);
        while chars.get(i) == Some(&'·') {
            i += 1;
            let n = number(&chars, &mut i, |c| c.to_digit(10));
            for (k, v) in group(&chars, &mut i) {
                *total.entry(k).or_insert(0) += v * n;
            }
        }
        assert_eq!(i, chars.len(), "unparsed text in {text}");
        total
    }

    #[test]
    fn formula_text_matches_composition() {
        for form in SupplementForm::ALL {
            let Some(c) = form.compound() else { continue };
            let from_text = parse_formula(c.formula);
            let from_data: SortedMap<String, u32> = c
                .composition
                .iter()
                .map(|&(e, n)| (e.symbol().to_string(), u32::from(n)))
                .collect();
            assert_eq!(from_text, from_data, "{form:?} {}", c.formula);
            let hydrated = c.formula.contains('·');
            assert_eq!(hydrated, c.hydrate != "anhydrous", "{form:?}");
        }
    }

    #[test]
    fn conversions() {
        use SupplementForm as F;
        // (form, dose, elemental mg expected (hand-computed), display)
        let cases = [
            (
                F::LThreonate,
                DoseInput::CompoundMg(pos(500.0)),
                41.26,
                "500 mg magnesium L-threonate, Mg(C₄H₇O₅)₂ (anhydrous) × 8.3 % magnesium ≈ 41 mg \
                 elemental magnesium",
            ),
            (
                F::Chloride,
                DoseInput::CompoundMg(pos(1000.0)),
                119.56,
                "1000 mg magnesium chloride hexahydrate, MgCl₂·6H₂O (hexahydrate) × 12.0 % \
                 magnesium ≈ 120 mg elemental magnesium",
            ),
            (
                F::Oxide,
                DoseInput::CompoundMg(pos(400.0)),
                241.22,
                "400 mg magnesium oxide, MgO (anhydrous) × 60.3 % magnesium ≈ 241 mg elemental \
                 magnesium",
            ),
            (
                F::Citrate,
                DoseInput::ElementalMg(pos(200.0)),
                200.0,
                "200 mg elemental magnesium, as on the label (about 1237 mg of trimagnesium \
                 dicitrate, Mg₃(C₆H₅O₇)₂)",
            ),
            (
                F::Other,
                DoseInput::ElementalMg(pos(150.0)),
                150.0,
                "150 mg elemental magnesium, as on the label",
            ),
        ];
        for (form, dose, expected, text) in cases {
            let c = convert(form, dose).unwrap();
            assert!(
                (c.elemental_mg - expected).abs() < 0.01,
                "{form:?}: {}",
                c.elemental_mg
            );
            assert_eq!(c.arithmetic, text);
        }
        assert_eq!(
            convert(F::Other, DoseInput::CompoundMg(pos(500.0))),
            Err(DoseError::CompoundNeedsKnownForm)
        );
        // Converting the derived compound weight back gives the typed amount.
        let there = convert(F::Sulfate, DoseInput::ElementalMg(pos(90.0))).unwrap();
        let back = convert(
            F::Sulfate,
            DoseInput::CompoundMg(pos(there.compound_mg.unwrap())),
        );
        assert!((back.unwrap().elemental_mg - 90.0).abs() < 1e-9);
    }

    #[test]
    fn percent_for_display() {
        assert_eq!(format_percent(0.08253), "8.3 %");
    }

    #[test]
    fn serde_names_are_stable() {
        let names: Vec<String> = SupplementForm::ALL
            .iter()
            .map(|f| serde_json::to_string(f).unwrap())
            .collect();
        assert_eq!(
            names.join(","),
            r#""oxide","hydroxide","carbonate","chloride","sulfate","citrate","glycinate","malate","l_threonate","taurate","lactate","aspartate","orotate","gluconate","other""#
        );
        let dose = DoseInput::CompoundMg(pos(500.0));
        assert_eq!(
            serde_json::to_string(&dose).unwrap(),
            r#"{"compound_mg":500.0}"#
        );
    }
}
