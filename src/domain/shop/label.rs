//! A packaged product entered from its nutrition label: the serving, its
//! energy, and its magnesium either in mg or as a percentage of the label's
//! reference value. The result is a saved custom item ([`CustomItem`]),
//! usable on Today, in the list and in comparisons.

use crate::domain::amounts::{NonNegative, Positive, Typed, read_typed};
use crate::domain::day::{CustomBasis, CustomItem};
use crate::domain::portion::grams_text;

/// The highest percentage a label is taken to print; anything above is a
/// typing slip (an extra digit), not a product.
pub const MAX_PERCENT: f64 = 1000.0;

/// The longest product name, in characters, as for other custom items.
pub const MAX_NAME_CHARS: usize = 80;

/// The reference value a label's "% Daily Value" or "% NRV" is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelReference {
    /// US Daily Value since the 2016 labeling rule (21 CFR 101.9), 420 mg.
    UsDv2016,
    /// The US Daily Value on labels before that rule, 400 mg.
    UsDvOld,
    /// The EU nutrient reference value (Regulation 1169/2011), 375 mg.
    EuNrv,
}

/// How the label's magnesium line was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelUnit {
    Mg,
    Percent(LabelReference),
}

/// The label form as typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelDraft<'a> {
    pub name: &'a str,
    pub serving_grams: &'a str,
    /// Optional: many labels give it, and it gives magnesium per 100 kcal.
    pub kcal_per_serving: &'a str,
    pub magnesium: &'a str,
    pub unit: LabelUnit,
}

/// A message for each field that is wrong; `None` where a field is fine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelErrors {
    pub name: Option<String>,
    pub serving_grams: Option<String>,
    pub kcal_per_serving: Option<String>,
    pub magnesium: Option<String>,
}

/// A checked label, ready to be saved as a custom item.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelProduct {
    pub name: String,
    pub serving_grams: Positive,
    pub kcal_per_serving: Option<NonNegative>,
    /// Magnesium in one serving, in mg.
    pub mg: NonNegative,
}

impl LabelReference {
    pub const ALL: [LabelReference; 3] = [
        LabelReference::UsDv2016,
        LabelReference::UsDvOld,
        LabelReference::EuNrv,
    ];

    /// The reference amount of magnesium, in mg.
    pub fn mg(self) -> f64 {
        match self {
            LabelReference::UsDv2016 => 420.0,
            LabelReference::UsDvOld => 400.0,
            LabelReference::EuNrv => 375.0,
        }
    }

    /// How the form offers it.
    pub fn label(self) -> &'static str {
        match self {
            LabelReference::UsDv2016 => "US Daily Value 420 mg (labels from 2016)",
            LabelReference::UsDvOld => "US Daily Value 400 mg (older labels)",
            LabelReference::EuNrv => "EU NRV 375 mg",
        }
    }
}

/// The mg a typed magnesium line stands for: `Ok(None)` while it is empty,
/// so the form's live line can wait; a message for anything else wrong.
pub fn label_mg(typed: &str, unit: LabelUnit) -> Result<Option<f64>, String> {
    let value = match read_typed(typed) {
        Typed::Empty => return Ok(None),
        Typed::NotANumber => {
            return Err(match unit {
                LabelUnit::Mg => "Type the magnesium in mg as a number, such as 42.",
                LabelUnit::Percent(_) => "Type the percentage as a number, such as 10.",
            }
            .into());
        }
        Typed::Number(v) => v,
    };
    match unit {
        LabelUnit::Mg if value < 0.0 => Err("Magnesium cannot be below 0 mg.".into()),
        LabelUnit::Mg => Ok(Some(value)),
        LabelUnit::Percent(_) if value < 0.0 => Err("A percentage cannot be below 0 %.".into()),
        LabelUnit::Percent(_) if value > MAX_PERCENT => {
            Err("A percentage over 1,000 % is not on any label.".into())
        }
        LabelUnit::Percent(reference) => Ok(Some(value / 100.0 * reference.mg())),
    }
}

impl LabelDraft<'_> {
    /// Checks every field at once, so the person sees all messages together.
    pub fn validate(&self) -> Result<LabelProduct, LabelErrors> {
        let mut errors = LabelErrors::default();
        let name = self.name.trim();
        if name.is_empty() {
            errors.name = Some("Give the product a name.".into());
        } else if name.chars().count() > MAX_NAME_CHARS {
            errors.name = Some(format!("A name has at most {MAX_NAME_CHARS} characters."));
        }
        let grams = match read_typed(self.serving_grams) {
            Typed::Empty => Err("Type the serving size in grams, as on the label."),
            Typed::NotANumber => Err("Type the serving size in grams as a number, such as 30."),
            Typed::Number(v) => Positive::new(v).ok_or("A serving must weigh more than 0 g."),
        };
        let kcal = match read_typed(self.kcal_per_serving) {
            Typed::Empty => Ok(None),
            Typed::NotANumber => Err("Type the calories as a number, such as 160."),
            Typed::Number(v) => NonNegative::new(v)
                .map(Some)
                .ok_or("Calories cannot be below 0."),
        };
        let mg = match label_mg(self.magnesium, self.unit) {
            Ok(Some(mg)) => {
                NonNegative::new(mg).ok_or_else(|| "Magnesium cannot be below 0 mg.".to_string())
            }
            Ok(None) => Err("Type the magnesium from the label.".to_string()),
            Err(e) => Err(e),
        };
        errors.serving_grams = grams.err().map(Into::into);
        errors.kcal_per_serving = kcal.err().map(Into::into);
        errors.magnesium = mg.clone().err();
        match (grams, kcal, mg, errors == LabelErrors::default()) {
            (Ok(serving_grams), Ok(kcal_per_serving), Ok(mg), true) => Ok(LabelProduct {
                name: name.to_string(),
                serving_grams,
                kcal_per_serving,
                mg,
            }),
            _ => Err(errors),
        }
    }
}

impl LabelProduct {
    /// The saved item, measured in servings on Today like any item stated
    /// per serving.
    pub fn into_item(self, id: u64) -> CustomItem {
        CustomItem {
            id,
            name: self.name,
            basis: CustomBasis::PerServing {
                label: format!("1 serving ({})", grams_text(self.serving_grams.get())),
                mg: self.mg,
            },
            supplement: false,
            serving_grams: Some(self.serving_grams),
            kcal_per_serving: self.kcal_per_serving,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LabelReference::*;

    /// The mg a typed line stands for, or its message.
    type Expected = Result<Option<f64>, &'static str>;

    #[test]
    fn percentages_of_each_reference() {
        // (typed, unit, mg or message)
        let cases: [(&str, LabelUnit, Expected); 14] = [
            ("10", LabelUnit::Percent(UsDv2016), Ok(Some(42.0))),
            ("10", LabelUnit::Percent(UsDvOld), Ok(Some(40.0))),
            ("20", LabelUnit::Percent(EuNrv), Ok(Some(75.0))),
            ("10,5", LabelUnit::Percent(UsDv2016), Ok(Some(44.1))),
            ("0", LabelUnit::Percent(UsDv2016), Ok(Some(0.0))),
            ("1000", LabelUnit::Percent(UsDv2016), Ok(Some(4200.0))),
            (
                "1000.1",
                LabelUnit::Percent(UsDv2016),
                Err("A percentage over 1,000 % is not on any label."),
            ),
            (
                "-1",
                LabelUnit::Percent(EuNrv),
                Err("A percentage cannot be below 0 %."),
            ),
            (
                "ten",
                LabelUnit::Percent(UsDv2016),
                Err("Type the percentage as a number, such as 10."),
            ),
            ("", LabelUnit::Percent(UsDv2016), Ok(None)),
            ("42", LabelUnit::Mg, Ok(Some(42.0))),
            ("0", LabelUnit::Mg, Ok(Some(0.0))),
            ("-3", LabelUnit::Mg, Err("Magnesium cannot be below 0 mg.")),
            (
                "4 2",
                LabelUnit::Mg,
                Err("Type the magnesium in mg as a number, such as 42."),
            ),
        ];
        for (typed, unit, expected) in cases {
            let got = label_mg(typed, unit);
            match (&got, &expected) {
                (Ok(Some(a)), Ok(Some(b))) => assert!((a - b).abs() < 1e-9, "{typed}: {a} {b}"),
                _ => assert_eq!(got, expected.map_err(String::from), "{typed:?} {unit:?}"),
            }
        }
    }

    fn draft<'a>(grams: &'a str, kcal: &'a str, mg: &'a str, unit: LabelUnit) -> LabelDraft<'a> {
        LabelDraft {
            name: " Oat bar ",
            serving_grams: grams,
            kcal_per_serving: kcal,
            magnesium: mg,
            unit,
        }
    }

    #[test]
    fn a_us_label_by_percent_becomes_a_custom_item() {
        let product = draft("40", "168", "10", LabelUnit::Percent(UsDv2016))
            .validate()
            .unwrap();
        let item = product.into_item(7);
        assert_eq!(item.id, 7);
        assert_eq!(item.name, "Oat bar");
        assert_eq!(
            item.basis,
            CustomBasis::PerServing {
                label: "1 serving (40 g)".into(),
                mg: NonNegative::new(42.0).unwrap(),
            }
        );
        assert_eq!(item.serving_grams, Positive::new(40.0));
        assert_eq!(item.kcal_per_serving, NonNegative::new(168.0));
        assert!(!item.supplement);
        // Calories are optional.
        let item = draft("40", "", "42", LabelUnit::Mg).validate().unwrap();
        assert_eq!(item.kcal_per_serving, None);
    }

    #[test]
    fn every_wrong_field_gets_its_message() {
        let errors = LabelDraft {
            name: "  ",
            serving_grams: "0",
            kcal_per_serving: "-5",
            magnesium: "1200",
            unit: LabelUnit::Percent(EuNrv),
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            errors,
            LabelErrors {
                name: Some("Give the product a name.".into()),
                serving_grams: Some("A serving must weigh more than 0 g.".into()),
                kcal_per_serving: Some("Calories cannot be below 0.".into()),
                magnesium: Some("A percentage over 1,000 % is not on any label.".into()),
            }
        );
        let cases = [
            (
                draft("", "", "10", LabelUnit::Mg),
                "serving",
                "Type the serving size in grams, as on the label.",
            ),
            (
                draft("thirty", "", "10", LabelUnit::Mg),
                "serving",
                "Type the serving size in grams as a number, such as 30.",
            ),
            (
                draft("30", "lots", "10", LabelUnit::Mg),
                "kcal",
                "Type the calories as a number, such as 160.",
            ),
            (
                draft("30", "", "", LabelUnit::Mg),
                "mg",
                "Type the magnesium from the label.",
            ),
            (
                draft("30", "", "-1", LabelUnit::Percent(UsDv2016)),
                "mg",
                "A percentage cannot be below 0 %.",
            ),
        ];
        for (d, field, message) in cases {
            let e = d.validate().unwrap_err();
            let got = match field {
                "serving" => e.serving_grams,
                "kcal" => e.kcal_per_serving,
                _ => e.magnesium,
            };
            assert_eq!(got.as_deref(), Some(message), "{d:?}");
        }
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        let e = LabelDraft {
            name: &long,
            ..draft("30", "", "10", LabelUnit::Mg)
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.name.as_deref(), Some("A name has at most 80 characters."));
    }
}
