//! The printable report's figures for a date range: intake with the food and
//! supplement split, days at target and over the supplement upper level,
//! symptom ranges and the notes by date.
//!
//! A food without magnesium data adds nothing to a day's sums, so such a day
//! is incomplete: the averages over a range that holds one are lower bounds
//! and say "at least", "days at target" may be more than counted, and the
//! incomplete days are listed by date.

use crate::domain::date::Date;
use crate::domain::day::{DayLog, DaySummary, Totals};
use crate::domain::diary::{DiaryEntry, SymptomId, SymptomList};
use crate::domain::dri::Reference;
use crate::domain::mg::format_mg;
use crate::domain::sorted::SortedMap;

/// Everything the report shows, computed once per range.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub days: i32,
    pub logged_days: usize,
    pub mean_total: Option<f64>,
    pub mean_food: Option<f64>,
    pub mean_supplement: Option<f64>,
    pub at_target: usize,
    pub over_limit: usize,
    pub supplement_days: usize,
    /// Logged days with an item without magnesium data, in date order.
    pub incomplete_days: Vec<Date>,
    pub target_mg: Option<u32>,
    pub upper_limit_mg: Option<u32>,
    pub life_stage: &'static str,
    pub citation: &'static str,
    pub symptoms: Vec<SymptomLine>,
    pub notes: Vec<NoteLine>,
}

/// One symptom's ratings over the range.
#[derive(Clone, Debug, PartialEq)]
pub struct SymptomLine {
    pub id: SymptomId,
    pub name: String,
    pub higher_is_better: bool,
    pub rated_days: usize,
    pub mean: f64,
    pub lowest: u8,
    pub highest: u8,
}

/// One diary entry with something to read.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteLine {
    pub date: Date,
    pub ratings: String,
    pub tags: String,
    pub note: String,
}

/// The report for `from..=to` (in that order).
pub fn summarise(
    days: &SortedMap<Date, DayLog>,
    diary: &SortedMap<Date, DiaryEntry>,
    symptoms: &SymptomList,
    reference: &Reference,
    from: Date,
    to: Date,
) -> Summary {
    let logs: Vec<(Date, Totals)> = days
        .range(from..=to)
        .map(|(date, log)| (*date, log.totals()))
        .collect();
    let n = logs.len();
    let mean = |f: &dyn Fn(&Totals) -> f64| {
        (n > 0).then(|| logs.iter().map(|(_, t)| f(t)).sum::<f64>() / n as f64)
    };
    let summaries: Vec<DaySummary> = logs
        .iter()
        .map(|(_, t)| DaySummary::for_reference(*t, reference))
        .collect();
    let entries: Vec<_> = diary.range(from..=to).map(|(_, e)| e).collect();
    let symptom_lines = symptoms
        .export_order()
        .filter_map(|s| {
            let ratings: Vec<u8> = entries
                .iter()
                .filter_map(|e| e.rating(s.id()))
                .map(|r| r.get())
                .collect();
            let (lowest, highest) = (
                ratings.iter().min().copied()?,
                ratings.iter().max().copied()?,
            );
            Some(SymptomLine {
                id: s.id().clone(),
                name: s.name().to_owned(),
                higher_is_better: s.higher_is_better(),
                rated_days: ratings.len(),
                mean: ratings.iter().map(|r| f64::from(*r)).sum::<f64>() / ratings.len() as f64,
                lowest,
                highest,
            })
        })
        .collect();
    let notes = entries
        .iter()
        .filter(|e| !e.note().trim().is_empty() || !e.tags().is_empty() || !e.ratings().is_empty())
        .map(|e| NoteLine {
            date: e.date(),
            ratings: symptoms
                .export_order()
                .filter_map(|s| {
                    e.rating(s.id())
                        .map(|r| format!("{} {}", s.name(), r.get()))
                })
                .collect::<Vec<_>>()
                .join(", "),
            tags: e.tags().join(", "),
            note: e.note().to_owned(),
        })
        .collect();
    Summary {
        days: from.days_until(to) + 1,
        logged_days: n,
        mean_total: mean(&|t| t.total_mg()),
        mean_food: mean(&|t| t.food_mg),
        mean_supplement: mean(&|t| t.supplement_mg),
        at_target: summaries.iter().filter(|s| s.target_met()).count(),
        over_limit: summaries.iter().filter(|s| s.over_upper_limit()).count(),
        supplement_days: logs.iter().filter(|(_, t)| t.supplement_mg > 0.0).count(),
        incomplete_days: logs
            .iter()
            .filter(|(_, t)| t.missing_data_count > 0)
            .map(|(date, _)| *date)
            .collect(),
        target_mg: reference.target_mg(),
        upper_limit_mg: reference.upper_limit_mg,
        life_stage: reference.life_stage,
        citation: reference.citation,
        symptoms: symptom_lines,
        notes,
    }
}

impl Summary {
    /// Whether food sums are lower bounds: some day lacks magnesium data.
    pub fn is_lower_bound(&self) -> bool {
        !self.incomplete_days.is_empty()
    }

    /// The average total: "212 mg", "at least 212 mg" or "—" without logs.
    pub fn mean_total_text(&self) -> String {
        self.bounded_mg(self.mean_total)
    }

    /// The average from food, a lower bound like the total.
    pub fn mean_food_text(&self) -> String {
        self.bounded_mg(self.mean_food)
    }

    /// The average from supplements, which never lack data.
    pub fn mean_supplement_text(&self) -> String {
        self.mean_supplement
            .map_or_else(|| "—".to_string(), format_mg)
    }

    /// "2 of 3", "at least 2 of 3" when an incomplete day may also have
    /// reached the target, or "no target".
    pub fn at_target_text(&self) -> String {
        if self.target_mg.is_none() {
            return "no target".to_string();
        }
        let counted = format!("{} of {}", self.at_target, self.logged_days);
        if self.is_lower_bound() {
            format!("at least {counted}")
        } else {
            counted
        }
    }

    /// "none", or "1 of 3: 2025-03-01" listing the incomplete days.
    pub fn incomplete_text(&self) -> String {
        if self.incomplete_days.is_empty() {
            return "none".to_string();
        }
        let dates: Vec<String> = self.incomplete_days.iter().map(Date::to_string).collect();
        format!(
            "{} of {}: {}",
            self.incomplete_days.len(),
            self.logged_days,
            dates.join(", ")
        )
    }

    fn bounded_mg(&self, mg: Option<f64>) -> String {
        match mg {
            None => "—".to_string(),
            Some(v) if self.is_lower_bound() => format!("at least {}", format_mg(v)),
            Some(v) => format_mg(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::amounts::{NonNegative, Positive};
    use crate::domain::day::{FoodEntry, Item};
    use crate::domain::dri::{Age, Profile, ReferenceSet, Sex, Status, reference};

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn log(day: &str, foods: &[(f64, Option<f64>)]) -> (Date, DayLog) {
        let mut log = DayLog::new(date(day));
        for (grams, per_100g) in foods {
            log.add(Item::Food(FoodEntry {
                ndb: 1,
                name: "A".to_string(),
                measure: "g".to_string(),
                quantity: Positive::new(*grams).unwrap(),
                measure_grams: Positive::new(1.0).unwrap(),
                mg_per_100g: per_100g.map(|v| NonNegative::new(v).unwrap()),
            }));
        }
        (date(day), log)
    }

    fn report(days: Vec<(Date, DayLog)>) -> Summary {
        // A 40-year-old woman under IOM: target 320 mg.
        let profile = Profile::new(Age::from_years(40).unwrap(), Sex::Female, Status::None);
        let r = reference(profile.unwrap(), ReferenceSet::Iom1997);
        summarise(
            &days.into_iter().collect(),
            &SortedMap::new(),
            &SymptomList::defaults(),
            &r,
            date("2025-03-01"),
            date("2025-03-03"),
        )
    }

    #[test]
    fn a_day_with_a_no_data_item_makes_the_figures_lower_bounds() {
        // (days, mean total, mean food, at target, incomplete)
        let cases = [
            (vec![], "—", "—", "0 of 0", "none"),
            (
                vec![
                    log("2025-03-01", &[(100.0, Some(400.0))]),
                    log("2025-03-02", &[(100.0, Some(200.0))]),
                ],
                "300 mg",
                "300 mg",
                "1 of 2",
                "none",
            ),
            (
                vec![
                    log("2025-03-01", &[(100.0, Some(400.0))]),
                    // Its only food has no data: not a certain 0 mg.
                    log("2025-03-02", &[(100.0, None)]),
                ],
                "at least 200 mg",
                "at least 200 mg",
                "at least 1 of 2",
                "1 of 2: 2025-03-02",
            ),
            (
                vec![
                    log("2025-03-01", &[(100.0, Some(400.0)), (50.0, None)]),
                    log("2025-03-03", &[(100.0, None)]),
                    // Outside the range.
                    log("2025-03-04", &[(100.0, None)]),
                ],
                "at least 200 mg",
                "at least 200 mg",
                "at least 1 of 2",
                "2 of 2: 2025-03-01, 2025-03-03",
            ),
        ];
        for (days, total, food, at_target, incomplete) in cases {
            let s = report(days);
            assert_eq!(s.mean_total_text(), total, "{incomplete}");
            assert_eq!(s.mean_food_text(), food, "{incomplete}");
            assert_eq!(s.at_target_text(), at_target, "{incomplete}");
            assert_eq!(s.incomplete_text(), incomplete);
            assert_eq!(s.is_lower_bound(), incomplete != "none");
        }
    }

    #[test]
    fn range_counts() {
        let s = report(vec![log("2025-03-02", &[(100.0, Some(7.11))])]);
        assert_eq!((s.days, s.logged_days), (3, 1));
        assert_eq!(s.mean_total_text(), "7.1 mg");
        assert_eq!(s.mean_supplement_text(), "0 mg");
        assert_eq!(s.target_mg, Some(320));
    }
}
