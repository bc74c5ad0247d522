//! What the page suggests and remarks about a day: foods that close the
//! gap, the context notes and the word lists behind them, and the caffeine
//! and calcium thresholds those notes use.

use super::*;

/// Caffeine above this many mg a day is more than EFSA's Scientific Opinion
/// on the safety of caffeine (2015) found raises no concern for healthy
/// adults; the US FDA names the same figure.
pub const CAFFEINE_ADULT_LIMIT_MG: f64 = 400.0;

/// EFSA's figure in the same opinion for pregnant and breastfeeding women.
pub const CAFFEINE_PREGNANCY_LIMIT_MG: f64 = 200.0;

/// A calcium:magnesium intake ratio (by weight) above this is "high":
/// Costello et al., "Perspective: Characterization of Dietary Supplements
/// Containing Calcium and Magnesium and Their Respective Ratio", Advances in
/// Nutrition 12(4), 2021, review the proposal of 1.7–2.6 as the optimum range
/// and the evidence that a higher ratio may affect magnesium status.
pub const CALCIUM_MAGNESIUM_RATIO_HIGH: f64 = 2.6;

/// The caffeine limit that applies to `profile`, in mg a day. `None` under
/// 18: EFSA states the safe amount for children per kilogram of body weight,
/// which the app does not ask for.
pub fn caffeine_limit_mg(profile: Profile) -> Option<f64> {
    if profile.age().years() < 18 {
        None
    } else if profile.status() == Status::None {
        Some(CAFFEINE_ADULT_LIMIT_MG)
    } else {
        Some(CAFFEINE_PREGNANCY_LIMIT_MG)
    }
}

/// A food that might close the gap, as the caller describes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GapCandidate {
    /// The caller's index (into its food list).
    pub index: usize,
    /// Magnesium in one realistic portion of the food.
    pub mg_per_portion: f64,
    /// A plain or raw food rather than a prepared or fortified product.
    pub plain: bool,
}

/// What "close the gap" proposes: foods whose single portion covers what is
/// left, or, when no portion is that large (a whole day's target, say), the
/// richest portions, which close it in a few.
#[derive(Clone, Debug, PartialEq)]
pub struct GapPlan {
    /// True when each proposed portion covers the gap on its own.
    pub one_portion_covers: bool,
    pub foods: Vec<GapCandidate>,
}

/// Foods for the gap of `remaining_mg`, at most `limit` of them.
///
/// Plain foods come before prepared ones (the suggestion is meant as an
/// everyday food, not a fortified product). Among foods whose portion covers
/// the gap, the smallest sufficient portion (the least overshoot) comes
/// first; with none, the richest portion comes first. The caller's index
/// breaks ties, so equal candidates keep a stable order. Nothing is proposed
/// once the gap is closed.
pub fn close_the_gap(remaining_mg: f64, candidates: &[GapCandidate], limit: usize) -> GapPlan {
    if remaining_mg.is_nan() || remaining_mg <= 0.0 {
        return GapPlan {
            one_portion_covers: true,
            foods: Vec::new(),
        };
    }
    let usable = candidates
        .iter()
        .copied()
        .filter(|c| c.mg_per_portion.is_finite());
    let mut fits: Vec<GapCandidate> = usable
        .clone()
        .filter(|c| c.mg_per_portion >= remaining_mg)
        .collect();
    let one_portion_covers = !fits.is_empty();
    if one_portion_covers {
        crate::domain::sorting::sort_by(&mut fits, |a, b| {
            b.plain
                .cmp(&a.plain)
                .then(a.mg_per_portion.total_cmp(&b.mg_per_portion))
                .then(a.index.cmp(&b.index))
        });
    } else {
        fits = usable.filter(|c| c.mg_per_portion > 0.0).collect();
        crate::domain::sorting::sort_by(&mut fits, |a, b| {
            b.plain
                .cmp(&a.plain)
                .then(b.mg_per_portion.total_cmp(&a.mg_per_portion))
                .then(a.index.cmp(&b.index))
        });
    }
    fits.truncate(limit);
    GapPlan {
        one_portion_covers,
        foods: fits,
    }
}

/// A short remark about the day, shown under the totals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ContextNote {
    /// The logged foods contain caffeine; `limit_mg` is the person's limit
    /// when one applies (see [`caffeine_limit_mg`]).
    Caffeine {
        caffeine: PartialSum,
        limit_mg: Option<f64>,
    },
    /// A caffeine or coffee tag on a day whose logged foods show none: the
    /// drinks were not logged from the food list, so the amount is unknown.
    CaffeineTagged,
    /// The day's calcium is high against its magnesium.
    HighCalciumRatio(Ratio),
    /// Alcohol was logged (a tag or an alcoholic drink).
    Alcohol,
    /// Supplemental magnesium is above the upper level.
    OverUpperLimit {
        supplement_mg: f64,
        upper_limit_mg: u32,
    },
    /// Some foods have no magnesium data.
    MissingData { count: usize },
    /// Topical magnesium was logged.
    TopicalNotCounted,
}

impl ContextNote {
    pub fn text(&self) -> String {
        match self {
            ContextNote::Caffeine {
                caffeine,
                limit_mg: Some(limit),
            } if mg::shown(caffeine.mg) > *limit => format!(
                "Caffeine today: {}, more than the {} a day that EFSA considers safe for \
                 you. It also briefly increases the magnesium lost in urine.",
                caffeine.text(),
                format_mg(*limit)
            ),
            ContextNote::Caffeine { caffeine, .. } => format!(
                "Caffeine today: {}. It briefly increases the magnesium lost in urine, a small \
                 effect over a whole day.",
                caffeine.text()
            ),
            ContextNote::CaffeineTagged => "Tagged caffeine or coffee, but the logged foods show \
                 no caffeine: log the drinks from the food list to see how much the day had."
                .to_string(),
            ContextNote::HighCalciumRatio(ratio) => format!(
                "Calcium to magnesium today: {}, above the {CALCIUM_MAGNESIUM_RATIO_HIGH} : 1 \
                 that some researchers propose as the upper end of a good balance. Much more \
                 calcium than magnesium may lower how much magnesium you absorb.",
                ratio.text()
            ),
            ContextNote::Alcohol => "Alcohol today: it increases the magnesium lost in urine, \
                 and regular heavy drinking is a common cause of low magnesium."
                .to_string(),
            ContextNote::OverUpperLimit {
                supplement_mg,
                upper_limit_mg,
            } => format!(
                "Supplements today ({}) are above the upper level of \
                 {upper_limit_mg} mg. Loose stools or diarrhoea are usually the first sign of \
                 too much supplemental magnesium.",
                format_mg(*supplement_mg)
            ),
            ContextNote::MissingData { count: 1 } => {
                "1 item has no magnesium data, so the real total may be higher than shown."
                    .to_string()
            }
            ContextNote::MissingData { count } => format!(
                "{count} items have no magnesium data, so the real total may be higher than shown."
            ),
            ContextNote::TopicalNotCounted => {
                format!("Topical magnesium is logged but not counted: {TOPICAL_REASON}.")
            }
        }
    }
}

/// The notes that apply to a day, in display order: upper level first (it
/// matters most), then missing data, caffeine, the calcium balance, alcohol
/// and topical.
///
/// Caffeine and calcium come from the numbers in `nutrients` (`None` while
/// the food table loads). Words decide only what the data cannot know: a
/// "caffeine" or "coffee" tag (any case) on a day without logged caffeine,
/// and alcohol, which the food table does not carry, from an "alcohol" tag
/// or an alcoholic food or custom item (see [`name_suggests_alcohol`]).
/// `caffeine_limit_mg` is the person's limit, if one applies.
pub fn context_notes<S: AsRef<str>>(
    log: &DayLog,
    summary: &DaySummary,
    nutrients: Option<&DayNutrients>,
    caffeine_limit_mg: Option<f64>,
    tags: &[S],
) -> Vec<ContextNote> {
    let tagged = |words: &[&str]| {
        tags.iter().any(|t| {
            words
                .iter()
                .any(|w| t.as_ref().trim().eq_ignore_ascii_case(w))
        })
    };
    let names = || {
        log.entries().iter().filter_map(|e| match &e.item {
            Item::Food(f) => Some(f.name.as_str()),
            Item::Custom(c) => Some(c.name.as_str()),
            _ => None,
        })
    };
    let mut notes = Vec::new();
    if let (true, Some(ul)) = (summary.over_upper_limit(), summary.upper_limit_mg) {
        notes.push(ContextNote::OverUpperLimit {
            supplement_mg: summary.totals.supplement_mg,
            upper_limit_mg: ul,
        });
    }
    if summary.totals.missing_data_count > 0 {
        notes.push(ContextNote::MissingData {
            count: summary.totals.missing_data_count,
        });
    }
    match nutrients {
        Some(n) if mg::shown(n.caffeine.mg) > 0.0 => notes.push(ContextNote::Caffeine {
            caffeine: n.caffeine,
            limit_mg: caffeine_limit_mg,
        }),
        Some(_) if tagged(&["caffeine", "coffee"]) => notes.push(ContextNote::CaffeineTagged),
        _ => {}
    }
    if let Some(ratio) = nutrients
        .and_then(DayNutrients::calcium_magnesium_ratio)
        .filter(Ratio::is_high)
    {
        notes.push(ContextNote::HighCalciumRatio(ratio));
    }
    if tagged(&["alcohol"]) || names().any(name_suggests_alcohol) {
        notes.push(ContextNote::Alcohol);
    }
    if summary.totals.topical_count > 0 {
        notes.push(ContextNote::TopicalNotCounted);
    }
    notes
}

/// Whether a food or custom-item name looks alcoholic: USDA's "Alcoholic
/// beverage" group, hard cider, or a typed name with beer, wine or a spirit,
/// excluding vinegar, non-alcoholic drinks, root beer and cocktail mixes.
pub fn name_suggests_alcohol(name: &str) -> bool {
    const EXCLUDE: [&str; 7] = [
        "non-alcoholic",
        "nonalcoholic",
        "alcohol-free",
        "vinegar",
        "root beer",
        "beerwurst",
        "mix",
    ];
    const WORDS: [&str; 11] = [
        "beer",
        "wine",
        "vodka",
        "whiskey",
        "whisky",
        "rum",
        "gin",
        "liqueur",
        "sake",
        "prosecco",
        "champagne",
    ];
    let lower = name.to_lowercase();
    if EXCLUDE.iter().any(|x| lower.contains(x)) {
        return false;
    }
    lower.starts_with("alcoholic beverage")
        || lower.contains("hard cider")
        || has_word(&lower, &WORDS)
}

fn has_word(lower: &str, words: &[&str]) -> bool {
    lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| words.contains(&w))
}
