//! The person's own items (mineral water, a fortified drink) and their use
//! in a day: how a custom item states its magnesium and how an amount of it
//! is measured.

use super::*;

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
    /// The weight of one serving, for an item entered from a nutrition
    /// label ([`crate::domain::shop::label`]); it gives magnesium per 100 g
    /// in a comparison. Older items have none, and JSON leaves it out while
    /// it is `None`, so they are stored byte for byte as before. Custom
    /// items are only ever stored as JSON, never in a positional format.
    #[serde(
        rename = "serving_grams",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub serving_grams: Option<Positive>,
    /// Energy in one serving, from the label, for magnesium per 100 kcal.
    #[serde(
        rename = "kcal_per_serving",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kcal_per_serving: Option<NonNegative>,
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
