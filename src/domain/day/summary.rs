//! How a day adds up: the sums, the day against a target and an upper
//! level, and the caffeine and calcium looked up in the food table.

use super::*;

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
    /// Adds up any list of items by the counting rules of a day (see the
    /// module documentation), so a recipe or a meal says "at least" exactly
    /// when a day holding the same items would.
    pub fn of_items<'a>(items: impl IntoIterator<Item = &'a Item>) -> Totals {
        let mut t = Totals {
            food_mg: 0.0,
            supplement_mg: 0.0,
            missing_data_count: 0,
            topical_count: 0,
        };
        for item in items {
            match item.contribution() {
                Contribution::Food(mg) => t.food_mg += mg,
                Contribution::Supplement(mg) => t.supplement_mg += mg,
                Contribution::NoData => t.missing_data_count += 1,
                Contribution::NotCounted => t.topical_count += 1,
            }
        }
        t
    }

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
        DaySummary::new(totals, reference.target_mg(), reference.upper_limit_mg)
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
        DayNutrients::with(log, |ndb| {
            db.by_ndb(NdbNo(ndb))
                .map_or(Nutrients::NONE, |(_, food)| food.nutrients)
        })
    }

    /// The same as [`DayNutrients::of`] for a day with no food from the
    /// table, which needs no table, so a page can show it before the table
    /// has loaded; `None` for a day with such a food.
    pub fn without_food_table(log: &DayLog) -> Option<DayNutrients> {
        let from_table = log
            .entries()
            .iter()
            .any(|e| matches!(e.item, Item::Food(_)));
        (!from_table).then(|| DayNutrients::with(log, |_| Nutrients::NONE))
    }

    fn with(log: &DayLog, nutrients_of: impl Fn(u32) -> Nutrients) -> DayNutrients {
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
        for e in log.entries() {
            match &e.item {
                Item::Food(f) => {
                    let n = nutrients_of(f.ndb);
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
