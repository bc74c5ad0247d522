//! Per-symptom insights from the diary: mean ratings on days that meet a
//! condition (intake at target, a supplement taken, yesterday at target)
//! compared with days that do not.
//!
//! Insights are descriptive averages from one person's own diary. They are
//! only produced when both sides of a comparison have at least
//! [`MIN_DAYS_EACH_SIDE`] rated days; otherwise the result says how many days
//! there are and how many are needed, so the interface never shows a mean of
//! two days as if it meant something.
//!
//! The input is plain per-day rows rather than day logs, so this module does
//! not depend on how intake is stored or totalled.

use crate::domain::date::Date;
use crate::domain::diary::{Rating, Symptom, SymptomId};
use crate::domain::mg;
use crate::domain::sorted::SortedMap;
use std::fmt;

/// The fewest rated days each side of a comparison needs before a mean is
/// shown.
pub const MIN_DAYS_EACH_SIDE: usize = 7;

/// The rule above, worded for the interface.
pub const RULE_TEXT: &str =
    "An insight appears only when at least 7 rated days fall on each side of a comparison.";

/// What the numbers can and cannot say, worded for the interface.
pub const CAVEAT_TEXT: &str = "These are averages from your own diary. They show what tended to go together, not what caused what.";

/// One calendar day as the statistics see it.
#[derive(Clone, Debug, PartialEq)]
pub struct DayRow {
    pub date: Date,
    /// Total magnesium (food and supplements) in mg; `None` when nothing was
    /// logged that day, which is unknown intake rather than zero.
    pub total_mg: Option<f64>,
    /// Magnesium from supplements in mg (0 when none were taken).
    pub supplement_mg: f64,
    /// The person's daily target in mg on that day. Days with a target that
    /// is not a positive finite number take no part in target comparisons.
    pub target_mg: f64,
    pub ratings: SortedMap<SymptomId, Rating>,
}

/// The three questions the insights answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComparisonKind {
    /// Days whose total intake is at or above the target vs days below it.
    IntakeVsTarget,
    /// Days with any supplement magnesium vs days with none. Only days with
    /// a day log count: a day with nothing logged says nothing about
    /// supplements.
    SupplementVsNone,
    /// Today's rating split by whether yesterday's total intake (the
    /// calendar day before, not the previous row) was at or above the target.
    PreviousDayIntake,
}

/// The days on one side of a comparison.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Group {
    pub days: usize,
    /// Mean rating over those days.
    pub mean: f64,
}

/// The result of one comparison for one symptom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Comparison {
    Enough {
        /// Days where the condition holds (at target, supplement taken,
        /// yesterday at target).
        met: Group,
        /// Days where it does not.
        not_met: Group,
        /// `met.mean - not_met.mean`.
        difference: f64,
    },
    /// Fewer than [`MIN_DAYS_EACH_SIDE`] rated days on at least one side.
    NotEnough {
        met_days: usize,
        not_met_days: usize,
    },
}

/// Which side of a comparison looks better for the symptom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Met,
    NotMet,
}

/// All comparisons for one symptom.
#[derive(Clone, Debug, PartialEq)]
pub struct SymptomInsight {
    pub symptom: SymptomId,
    /// Copied from the symptom so that the wording can say "higher is
    /// better" where it applies.
    pub higher_is_better: bool,
    pub comparisons: Vec<(ComparisonKind, Comparison)>,
}

impl ComparisonKind {
    pub const ALL: [ComparisonKind; 3] = [
        ComparisonKind::IntakeVsTarget,
        ComparisonKind::SupplementVsNone,
        ComparisonKind::PreviousDayIntake,
    ];

    /// Short labels for the two sides: (met, not met).
    pub fn side_labels(self) -> (&'static str, &'static str) {
        match self {
            ComparisonKind::IntakeVsTarget => ("days at or above target", "days below target"),
            ComparisonKind::SupplementVsNone => ("days with a supplement", "days without"),
            ComparisonKind::PreviousDayIntake => (
                "days after a day at or above target",
                "days after a day below target",
            ),
        }
    }

    /// Whether `row` meets the condition: `Some(true)` or `Some(false)`,
    /// or `None` when the day cannot take part. `yesterday` is the row for
    /// the calendar day before, if any.
    fn classify(self, row: &DayRow, yesterday: Option<&DayRow>) -> Option<bool> {
        match self {
            ComparisonKind::IntakeVsTarget => at_or_above_target(row),
            ComparisonKind::SupplementVsNone => {
                row.total_mg?;
                Some(row.supplement_mg > 0.0)
            }
            ComparisonKind::PreviousDayIntake => at_or_above_target(yesterday?),
        }
    }
}

impl Comparison {
    /// True when means are available.
    pub fn is_enough(&self) -> bool {
        matches!(self, Comparison::Enough { .. })
    }

    /// The side with the better mean, taking the symptom's direction into
    /// account; `None` when there is not enough data or the means are equal.
    pub fn better_side(&self, higher_is_better: bool) -> Option<Side> {
        let Comparison::Enough { difference, .. } = *self else {
            return None;
        };
        if difference == 0.0 {
            None
        } else if (difference > 0.0) == higher_is_better {
            Some(Side::Met)
        } else {
            Some(Side::NotMet)
        }
    }

    /// A one-line English description, for example "mean 3.1 on 12 days at
    /// or above target vs 4.6 on 9 days below target (difference −1.5; lower
    /// is better)" or "not enough data (n=5 and 9, need 7 each side)".
    pub fn describe(&self, kind: ComparisonKind, higher_is_better: bool) -> String {
        match *self {
            Comparison::NotEnough { .. } => self.to_string(),
            Comparison::Enough {
                met,
                not_met,
                difference,
            } => {
                let (met_label, not_met_label) = kind.side_labels();
                let direction = if higher_is_better {
                    "higher is better"
                } else {
                    "lower is better"
                };
                format!(
                    "mean {:.1} on {} {} vs {:.1} on {} {} (difference {}; {})",
                    met.mean,
                    met.days,
                    met_label,
                    not_met.mean,
                    not_met.days,
                    not_met_label,
                    signed_one_decimal(difference),
                    direction
                )
            }
        }
    }
}

/// Compares one symptom's ratings across the two sides of `kind`. Rows are
/// looked up by date, so their order does not matter; if two rows share a
/// date the later one is used.
pub fn compare(rows: &[DayRow], symptom: &SymptomId, kind: ComparisonKind) -> Comparison {
    let by_date = index_by_date(rows);
    compare_indexed(&by_date, symptom, kind)
}

/// Every comparison for every given symptom, in the order given (pass
/// `list.visible()` for the diary page).
pub fn insights<'a>(
    rows: &[DayRow],
    symptoms: impl IntoIterator<Item = &'a Symptom>,
) -> Vec<SymptomInsight> {
    let by_date = index_by_date(rows);
    symptoms
        .into_iter()
        .map(|s| SymptomInsight {
            symptom: s.id().clone(),
            higher_is_better: s.higher_is_better(),
            comparisons: ComparisonKind::ALL
                .iter()
                .map(|&kind| (kind, compare_indexed(&by_date, s.id(), kind)))
                .collect(),
        })
        .collect()
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Comparison::NotEnough {
                met_days,
                not_met_days,
            } => write!(
                f,
                "not enough data (n={met_days} and {not_met_days}, need {MIN_DAYS_EACH_SIDE} each side)"
            ),
            Comparison::Enough {
                met,
                not_met,
                difference,
            } => write!(
                f,
                "{:.1} (n={}) vs {:.1} (n={}), difference {}",
                met.mean,
                met.days,
                not_met.mean,
                not_met.days,
                signed_one_decimal(difference)
            ),
        }
    }
}

fn index_by_date(rows: &[DayRow]) -> SortedMap<Date, &DayRow> {
    SortedMap::from_iter(rows.iter().map(|r| (r.date, r)))
}

fn compare_indexed(
    by_date: &SortedMap<Date, &DayRow>,
    symptom: &SymptomId,
    kind: ComparisonKind,
) -> Comparison {
    let (mut met_sum, mut met_days) = (0u64, 0usize);
    let (mut not_sum, mut not_days) = (0u64, 0usize);
    for (date, row) in by_date {
        let Some(rating) = row.ratings.get(symptom) else {
            continue;
        };
        let yesterday = by_date.get(&date.add_days(-1)).copied();
        match kind.classify(row, yesterday) {
            Some(true) => {
                met_sum += u64::from(rating.get());
                met_days += 1;
            }
            Some(false) => {
                not_sum += u64::from(rating.get());
                not_days += 1;
            }
            None => {}
        }
    }
    if met_days < MIN_DAYS_EACH_SIDE || not_days < MIN_DAYS_EACH_SIDE {
        return Comparison::NotEnough {
            met_days,
            not_met_days: not_days,
        };
    }
    let met = Group {
        days: met_days,
        mean: met_sum as f64 / met_days as f64,
    };
    let not_met = Group {
        days: not_days,
        mean: not_sum as f64 / not_days as f64,
    };
    Comparison::Enough {
        met,
        not_met,
        difference: met.mean - not_met.mean,
    }
}

fn at_or_above_target(row: &DayRow) -> Option<bool> {
    let total = row.total_mg.filter(|t| t.is_finite())?;
    let target = row.target_mg;
    if target.is_finite() && target > 0.0 {
        // Judged on the amount as shown, like the day page.
        Some(mg::shown(total) >= target)
    } else {
        None
    }
}

/// One decimal with an explicit sign, using the minus sign character so the
/// difference reads as a number and not as a dash.
fn signed_one_decimal(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded > 0.0 {
        format!("+{rounded:.1}")
    } else if rounded < 0.0 {
        format!("\u{2212}{:.1}", -rounded)
    } else {
        "0.0".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::diary::SymptomList;

    const TARGET: f64 = 350.0;

    fn cramps() -> SymptomId {
        SymptomId::new("cramps").unwrap()
    }

    fn start() -> Date {
        Date::parse("2025-03-01").unwrap()
    }

    /// A row `offset` days after the start with an optional cramps rating.
    fn row(offset: i32, total: Option<f64>, supplement: f64, rating: Option<u8>) -> DayRow {
        let mut ratings = SortedMap::new();
        if let Some(r) = rating {
            ratings.insert(cramps(), Rating::new(r).unwrap());
        }
        DayRow {
            date: start().add_days(offset),
            total_mg: total,
            supplement_mg: supplement,
            target_mg: TARGET,
            ratings,
        }
    }

    /// `met` days at 400 mg rated `met_rating`, then `not_met` days at
    /// 200 mg rated `not_met_rating`, on consecutive dates.
    fn split(met: usize, met_rating: u8, not_met: usize, not_met_rating: u8) -> Vec<DayRow> {
        let mut rows = Vec::new();
        for i in 0..met {
            rows.push(row(i as i32, Some(400.0), 0.0, Some(met_rating)));
        }
        for i in 0..not_met {
            rows.push(row(
                (met + i) as i32,
                Some(200.0),
                0.0,
                Some(not_met_rating),
            ));
        }
        rows
    }

    #[test]
    fn intake_vs_target_needs_seven_each_side() {
        let cases = [
            (7, 2, 7, 6, Some((2.0, 6.0))),
            (6, 2, 20, 6, None),
            (20, 2, 6, 6, None),
            (0, 0, 0, 0, None),
            (10, 3, 8, 3, Some((3.0, 3.0))),
        ];
        for (met, mr, not_met, nr, expected) in cases {
            let rows = split(met, mr, not_met, nr);
            let got = compare(&rows, &cramps(), ComparisonKind::IntakeVsTarget);
            match expected {
                Some((m, n)) => assert_eq!(
                    got,
                    Comparison::Enough {
                        met: Group { days: met, mean: m },
                        not_met: Group {
                            days: not_met,
                            mean: n
                        },
                        difference: m - n,
                    },
                    "{met}/{not_met}"
                ),
                None => assert_eq!(
                    got,
                    Comparison::NotEnough {
                        met_days: met,
                        not_met_days: not_met
                    }
                ),
            }
        }
    }

    #[test]
    fn target_boundary_counts_as_met_and_unknowns_are_skipped() {
        let mut rows = Vec::new();
        for i in 0..7 {
            // Half a milligram short shows as the target, so it meets it.
            let met = if i % 2 == 0 { TARGET } else { TARGET - 0.5 };
            rows.push(row(i, Some(met), 0.0, Some(1)));
            rows.push(row(100 + i, Some(TARGET - 0.6), 0.0, Some(5)));
            // Unrated days, days without a log and days without a usable
            // target must not count on either side.
            rows.push(row(200 + i, Some(500.0), 0.0, None));
            rows.push(row(300 + i, None, 0.0, Some(9)));
            let mut no_target = row(400 + i, Some(500.0), 0.0, Some(9));
            no_target.target_mg = f64::NAN;
            rows.push(no_target);
        }
        let got = compare(&rows, &cramps(), ComparisonKind::IntakeVsTarget);
        assert_eq!(
            got,
            Comparison::Enough {
                met: Group { days: 7, mean: 1.0 },
                not_met: Group { days: 7, mean: 5.0 },
                difference: -4.0
            }
        );
    }

    #[test]
    fn means_are_exact_averages() {
        let mut rows = Vec::new();
        let met_ratings = [0, 1, 2, 3, 4, 5, 6, 10];
        let not_ratings = [5, 5, 5, 5, 5, 5, 8];
        for (i, r) in met_ratings.iter().enumerate() {
            rows.push(row(i as i32, Some(400.0), 0.0, Some(*r)));
        }
        for (i, r) in not_ratings.iter().enumerate() {
            rows.push(row(50 + i as i32, Some(100.0), 0.0, Some(*r)));
        }
        let Comparison::Enough {
            met,
            not_met,
            difference,
        } = compare(&rows, &cramps(), ComparisonKind::IntakeVsTarget)
        else {
            panic!("expected enough data");
        };
        assert_eq!(met.mean, 31.0 / 8.0);
        assert_eq!(not_met.mean, 38.0 / 7.0);
        assert!((difference - (31.0 / 8.0 - 38.0 / 7.0)).abs() < 1e-12);
    }

    #[test]
    fn supplement_days_need_a_day_log() {
        let mut rows = Vec::new();
        for i in 0..7 {
            rows.push(row(i, Some(300.0), 150.0, Some(2)));
            rows.push(row(10 + i, Some(300.0), 0.0, Some(4)));
            rows.push(row(20 + i, None, 0.0, Some(10)));
        }
        let got = compare(&rows, &cramps(), ComparisonKind::SupplementVsNone);
        assert_eq!(
            got,
            Comparison::Enough {
                met: Group { days: 7, mean: 2.0 },
                not_met: Group { days: 7, mean: 4.0 },
                difference: -2.0
            }
        );
    }

    #[test]
    fn lag_uses_the_calendar_day_before_not_the_previous_row() {
        // Pairs of days: an intake day then the rated day after it. Met pairs
        // start at even offsets 0..14, not-met pairs at 100..114. Then add
        // rated rows after a gap: their previous row is a high-intake day
        // two calendar days earlier, which must not count.
        let mut rows = Vec::new();
        for k in 0..7 {
            rows.push(row(3 * k, Some(400.0), 0.0, None));
            rows.push(row(3 * k + 1, Some(100.0), 0.0, Some(1)));
            rows.push(row(100 + 3 * k, Some(100.0), 0.0, None));
            rows.push(row(100 + 3 * k + 1, Some(400.0), 0.0, Some(7)));
            rows.push(row(200 + 3 * k, Some(400.0), 0.0, None));
            rows.push(row(200 + 3 * k + 2, Some(400.0), 0.0, Some(10)));
        }
        // Shuffle the order: lookup is by date.
        rows.reverse();
        let got = compare(&rows, &cramps(), ComparisonKind::PreviousDayIntake);
        assert_eq!(
            got,
            Comparison::Enough {
                met: Group { days: 7, mean: 1.0 },
                not_met: Group { days: 7, mean: 7.0 },
                difference: -6.0
            }
        );
        // Same-day intake splits these days the other way round, and the
        // days after a gap count there.
        let same_day = compare(&rows, &cramps(), ComparisonKind::IntakeVsTarget);
        assert_eq!(
            same_day,
            Comparison::Enough {
                met: Group {
                    days: 14,
                    mean: 8.5
                },
                not_met: Group { days: 7, mean: 1.0 },
                difference: 7.5
            }
        );
    }

    #[test]
    fn lag_with_yesterday_unlogged_is_skipped() {
        let mut rows = Vec::new();
        for k in 0..7 {
            rows.push(row(2 * k, None, 0.0, None));
            rows.push(row(2 * k + 1, Some(400.0), 0.0, Some(3)));
        }
        assert_eq!(
            compare(&rows, &cramps(), ComparisonKind::PreviousDayIntake),
            Comparison::NotEnough {
                met_days: 0,
                not_met_days: 0
            }
        );
    }

    #[test]
    fn better_side_respects_direction() {
        let enough = |difference: f64| Comparison::Enough {
            met: Group { days: 7, mean: 5.0 },
            not_met: Group {
                days: 7,
                mean: 5.0 - difference,
            },
            difference,
        };
        let cases = [
            (enough(-1.0), false, Some(Side::Met)),
            (enough(-1.0), true, Some(Side::NotMet)),
            (enough(2.0), true, Some(Side::Met)),
            (enough(2.0), false, Some(Side::NotMet)),
            (enough(0.0), false, None),
            (
                Comparison::NotEnough {
                    met_days: 9,
                    not_met_days: 1,
                },
                false,
                None,
            ),
        ];
        for (c, higher_better, expected) in cases {
            assert_eq!(c.better_side(higher_better), expected, "{c:?}");
        }
    }

    #[test]
    fn wording() {
        let not_enough = Comparison::NotEnough {
            met_days: 5,
            not_met_days: 9,
        };
        assert_eq!(
            not_enough.to_string(),
            "not enough data (n=5 and 9, need 7 each side)"
        );
        let enough = Comparison::Enough {
            met: Group {
                days: 12,
                mean: 3.125,
            },
            not_met: Group { days: 9, mean: 4.6 },
            difference: 3.125 - 4.6,
        };
        assert_eq!(
            enough.describe(ComparisonKind::IntakeVsTarget, false),
            "mean 3.1 on 12 days at or above target vs 4.6 on 9 days below target (difference \u{2212}1.5; lower is better)"
        );
        assert!(
            enough
                .describe(ComparisonKind::SupplementVsNone, true)
                .ends_with("higher is better)")
        );
        assert!(RULE_TEXT.contains(&MIN_DAYS_EACH_SIDE.to_string()));
    }

    #[test]
    fn insights_cover_each_symptom_and_kind() {
        let list = SymptomList::defaults();
        let rows = split(7, 2, 7, 6);
        let all = insights(&rows, list.visible().take(2));
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].symptom, cramps());
        assert!(!all[0].higher_is_better);
        assert!(all[1].higher_is_better, "sleep quality");
        let kinds: Vec<ComparisonKind> = all[0].comparisons.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, ComparisonKind::ALL);
        assert!(all[0].comparisons[0].1.is_enough());
        assert!(all[1].comparisons.iter().all(|(_, c)| *c
            == Comparison::NotEnough {
                met_days: 0,
                not_met_days: 0
            }));
    }
}
