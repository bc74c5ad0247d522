//! The person's records across days: the one walk over every day that has
//! intake, a diary entry or both, which the CSV export
//! ([`crate::domain::csv::export_history`]) and the insights ([`day_rows`])
//! share so they can never disagree about which days exist.
//!
//! The rows for [`crate::domain::stats`] are built here, so that module keeps
//! reading plain numbers and never depends on how intake is stored.

use crate::domain::sorted::{SortedMap, SortedSet};

use crate::domain::date::Date;
use crate::domain::day::DayLog;
use crate::domain::diary::DiaryEntry;
use crate::domain::stats::DayRow;

/// One day with something recorded: its intake log, its diary entry or both.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecordedDay<'a> {
    pub date: Date,
    pub log: Option<&'a DayLog>,
    pub diary: Option<&'a DiaryEntry>,
}

/// Every day with a log, a diary entry or both, oldest first. A day with
/// neither is absent: nothing was recorded for it, which is not a day of
/// zero intake.
pub fn recorded_days<'a>(
    days: &'a SortedMap<Date, DayLog>,
    diary: &'a SortedMap<Date, DiaryEntry>,
) -> impl Iterator<Item = RecordedDay<'a>> {
    // A log holding only skipped doses records no intake (`has_intake`).
    let logged = days
        .iter()
        .filter(|(_, log)| log.has_intake())
        .map(|(d, _)| d);
    let dates: SortedSet<Date> = SortedSet::from_iter(logged.chain(diary.keys()).copied());
    dates.into_iter().map(|date| RecordedDay {
        date,
        log: days.get(&date).filter(|log| log.has_intake()),
        diary: diary.get(&date),
    })
}

/// Every recorded day as the statistics see it, each measured against
/// today's `target_mg`.
pub fn day_rows(
    days: &SortedMap<Date, DayLog>,
    diary: &SortedMap<Date, DiaryEntry>,
    target_mg: Option<f64>,
) -> Vec<DayRow> {
    // Without a target the comparisons with it are skipped (NaN never
    // compares), while the supplement comparison still works.
    let target = target_mg.unwrap_or(f64::NAN);
    recorded_days(days, diary)
        .map(|day| {
            let totals = day.log.map(DayLog::totals);
            DayRow {
                date: day.date,
                total_mg: totals.map(|t| t.total_mg()),
                supplement_mg: totals.map_or(0.0, |t| t.supplement_mg),
                target_mg: target,
                ratings: day.diary.map(|e| e.ratings().clone()).unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::amounts::Positive;
    use crate::domain::day::{Item, SupplementEntry};
    use crate::domain::diary::{Rating, SymptomId};
    use crate::domain::supplement::{DoseInput, SupplementForm};

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_log_with_only_a_skipped_dose_is_not_a_recorded_day() {
        let mut skipped = DayLog::new(date("2026-03-02"));
        skipped.skip_dose(crate::domain::day::DoseId(1));
        assert!(!skipped.is_empty() && !skipped.has_intake());
        let days = SortedMap::from([(date("2026-03-02"), skipped)]);
        // (diary, dates walked)
        let with_entry =
            SortedMap::from([(date("2026-03-02"), DiaryEntry::new(date("2026-03-02"), 1))]);
        let cases = [(SortedMap::new(), 0), (with_entry, 1)];
        for (diary, walked) in cases {
            let got: Vec<RecordedDay<'_>> = recorded_days(&days, &diary).collect();
            assert_eq!(got.len(), walked);
            assert!(got.iter().all(|d| d.log.is_none()));
        }
    }

    #[test]
    fn walks_the_union_of_logs_and_diary_in_date_order() {
        // A walked day: its date, whether it has a log and an entry.
        type Walked = (&'static str, bool, bool);
        // (days with a log, days with a diary entry, expected walk)
        let cases: &[(&[&str], &[&str], &[Walked])] = &[
            (&[], &[], &[]),
            (&["2025-03-02"], &[], &[("2025-03-02", true, false)]),
            (&[], &["2025-03-02"], &[("2025-03-02", false, true)]),
            (
                &["2025-03-03", "2025-03-01"],
                &["2025-03-02", "2025-03-03"],
                &[
                    ("2025-03-01", true, false),
                    ("2025-03-02", false, true),
                    ("2025-03-03", true, true),
                ],
            ),
        ];
        for (logs, entries, expected) in cases {
            let days: SortedMap<Date, DayLog> = logs
                .iter()
                .map(|d| (date(d), DayLog::new(date(d))))
                .collect();
            let diary: SortedMap<Date, DiaryEntry> = entries
                .iter()
                .map(|d| (date(d), DiaryEntry::new(date(d), 0)))
                .collect();
            let walked: Vec<(Date, bool, bool)> = recorded_days(&days, &diary)
                .map(|r| (r.date, r.log.is_some(), r.diary.is_some()))
                .collect();
            let expected: Vec<(Date, bool, bool)> = expected
                .iter()
                .map(|&(d, log, entry)| (date(d), log, entry))
                .collect();
            assert_eq!(walked, expected, "{logs:?} {entries:?}");
        }
    }

    #[test]
    fn day_rows_keep_unlogged_days_unknown_and_carry_ratings() {
        let (first, second) = (date("2025-03-01"), date("2025-03-02"));
        let mut log = DayLog::new(first);
        log.add(Item::Supplement(
            SupplementEntry::new(
                SupplementForm::Citrate,
                DoseInput::ElementalMg(Positive::new(200.0).unwrap()),
                Positive::new(1.0).unwrap(),
                None,
            )
            .unwrap(),
        ));
        let cramps = SymptomId::new("cramps").unwrap();
        let mut entry = DiaryEntry::new(second, 0);
        entry.set_rating(&cramps, Some(Rating::new(4).unwrap()), 0);
        let days = SortedMap::from([(first, log)]);
        let diary = SortedMap::from([(second, entry)]);
        // (target, the target each row carries)
        let cases: [(Option<f64>, Option<f64>); 2] = [(Some(320.0), Some(320.0)), (None, None)];
        for (target, carried) in cases {
            let rows = day_rows(&days, &diary, target);
            assert_eq!(rows.len(), 2);
            assert_eq!(rows[0].date, first);
            assert_eq!(rows[0].total_mg, Some(200.0));
            assert_eq!(rows[0].supplement_mg, 200.0);
            assert!(rows[0].ratings.is_empty());
            assert_eq!(rows[1].date, second);
            assert_eq!(
                rows[1].total_mg, None,
                "a day without a log is unknown, not 0"
            );
            assert_eq!(rows[1].supplement_mg, 0.0);
            assert_eq!(rows[1].ratings.get(&cramps).map(|r| r.get()), Some(4));
            for row in &rows {
                assert_eq!((!row.target_mg.is_nan()).then_some(row.target_mg), carried);
            }
        }
    }

    #[test]
    fn each_day_carries_its_own_records() {
        let d = date("2025-03-03");
        let days = SortedMap::from([(d, DayLog::new(d))]);
        let diary = SortedMap::from([(d, DiaryEntry::new(d, 7))]);
        let day = recorded_days(&days, &diary).next().unwrap();
        assert_eq!(day.log.map(DayLog::date), Some(d));
        assert_eq!(day.diary.map(DiaryEntry::updated_at_ms), Some(7));
    }
}
