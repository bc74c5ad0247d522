//! CSV export of the day log and the diary, one row per day, for
//! spreadsheets and for sharing with a clinician.
//!
//! The output follows RFC 4180: a header row, comma separators, CRLF line
//! ends, and fields containing a comma, a double quote, CR or LF wrapped in
//! double quotes with inner quotes doubled. It is UTF-8 and starts with a
//! byte order mark, because the people this file is for mostly open it by
//! double-clicking, and a widely used spreadsheet reads UTF-8 without a BOM
//! as a legacy code page, garbling accented symptom names and notes.
//!
//! Formula injection: a spreadsheet runs a cell that starts with `=`, `+`,
//! `-` or `@` (and some also react to a leading tab or CR) as a formula.
//! Text written by the person (symptom names, tags, notes) that starts with
//! one of those gets a leading apostrophe, the spreadsheet convention for
//! "this is text". The apostrophe is visible in plain-text tools, which is a
//! small price for not executing a note as a formula. Numbers are written by
//! this module, never pass through that guard, and stay numbers.
//!
//! Magnesium amounts follow the app's display rule ([`crate::domain::mg`]),
//! so a cell reads as the same number the day list showed. A food without
//! magnesium data adds nothing to the sums; the `items_without_mg_data`
//! column counts such items per day, and when any exported day has one the
//! food and total headers say their values are lower bounds, so a day whose
//! only food lacks data is never read as a certain 0.

use crate::domain::date::Date;
use crate::domain::day::{DayLog, Totals};
use crate::domain::diary::{DiaryEntry, SymptomList};
use crate::domain::history::recorded_days;
use crate::domain::mg;
use crate::domain::sorted::SortedMap;
use std::borrow::Cow;

/// Byte order mark written at the start of the file (see the module notes).
pub const BOM: &str = "\u{feff}";

/// Line end required by RFC 4180.
pub const CRLF: &str = "\r\n";

/// The columns before the symptom columns when every logged item has
/// magnesium data.
pub const LEADING_COLUMNS: [&str; 6] = [
    "date",
    "food_mg",
    "supplement_mg",
    "total_mg",
    "target_mg",
    "items_without_mg_data",
];

/// The same columns when some exported day has an item without magnesium
/// data: the food and total sums are then lower bounds.
pub const LEADING_COLUMNS_LOWER_BOUND: [&str; 6] = [
    "date",
    "food_mg_at_least",
    "supplement_mg",
    "total_mg_at_least",
    "target_mg",
    "items_without_mg_data",
];

/// The columns after the symptom columns.
pub const TRAILING_COLUMNS: [&str; 2] = ["tags", "note"];

/// Separator between tags inside the tags cell. Tags never contain `;`
/// (see [`crate::domain::diary::normalise_tag`]), so it is unambiguous.
pub const TAG_SEPARATOR: &str = "; ";

/// One exported day. `totals` is `None` when nothing was logged and
/// `target_mg` when there is no target; their cells are then empty, never 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CsvDay<'a> {
    pub date: Date,
    pub totals: Option<Totals>,
    pub target_mg: Option<f64>,
    pub diary: Option<&'a DiaryEntry>,
}

/// The CSV file of the whole history: one row per day with intake, a diary
/// entry or both, each measured against today's `target_mg`.
pub fn export_history(
    days: &SortedMap<Date, DayLog>,
    diary: &SortedMap<Date, DiaryEntry>,
    symptoms: &SymptomList,
    target_mg: Option<f64>,
) -> String {
    let rows: Vec<CsvDay<'_>> = recorded_days(days, diary)
        .map(|day| CsvDay {
            date: day.date,
            totals: day.log.map(DayLog::totals),
            target_mg,
            diary: day.diary,
        })
        .collect();
    export_csv(&rows, symptoms)
}

/// The whole CSV file. Rows come out in date order whatever the input
/// order. Symptom columns are named by display name, visible symptoms first
/// in list order and hidden ones after them, so past ratings of a hidden
/// symptom are exported too.
pub fn export_csv(days: &[CsvDay<'_>], symptoms: &SymptomList) -> String {
    let columns: Vec<_> = symptoms.export_order().collect();
    let mut out = String::from(BOM);

    let lower_bound = days
        .iter()
        .any(|d| d.totals.is_some_and(|t| t.missing_data_count > 0));
    let leading = if lower_bound {
        LEADING_COLUMNS_LOWER_BOUND
    } else {
        LEADING_COLUMNS
    };
    let header = leading
        .iter()
        .map(|c| Cow::Borrowed(*c))
        .chain(columns.iter().map(|s| text_cell(s.name())))
        .chain(TRAILING_COLUMNS.iter().map(|c| Cow::Borrowed(*c)));
    push_row(&mut out, header);

    let mut sorted: Vec<&CsvDay<'_>> = days.iter().collect();
    crate::domain::sorting::sort_by_key(&mut sorted, |d| d.date);
    for day in sorted {
        let t = day.totals;
        let numbers = [
            t.map(|t| t.food_mg),
            t.map(|t| t.supplement_mg),
            t.map(|t| t.total_mg()),
            day.target_mg,
        ];
        let missing = t.map_or(Cow::Borrowed(""), |t| {
            Cow::Owned(t.missing_data_count.to_string())
        });
        let ratings = columns.iter().map(|s| {
            day.diary
                .and_then(|e| e.rating(s.id()))
                .map_or(Cow::Borrowed(""), |r| Cow::Owned(r.get().to_string()))
        });
        let (tags, note) = match day.diary {
            Some(e) => (
                Cow::Owned(text_cell(&e.tags().join(TAG_SEPARATOR)).into_owned()),
                text_cell(e.note()),
            ),
            None => (Cow::Borrowed(""), Cow::Borrowed("")),
        };
        let cells = std::iter::once(Cow::Owned(day.date.to_string()))
            .chain(numbers.iter().map(|n| Cow::Owned(mg_cell(*n))))
            .chain([missing])
            .chain(ratings)
            .chain([tags, note]);
        push_row(&mut out, cells);
    }
    out
}

/// A milligram amount as a CSV number, rounded as the app shows it
/// ([`mg::number`]) with `.` as the decimal separator; empty when unknown or
/// not a finite number.
pub fn mg_cell(mg: Option<f64>) -> String {
    match mg {
        Some(v) if v.is_finite() => mg::number(v),
        _ => String::new(),
    }
}

/// A text cell: guarded against formula injection, then quoted as needed.
pub fn text_cell(text: &str) -> Cow<'_, str> {
    let guarded = guard_formula(text);
    match guarded {
        Cow::Borrowed(t) => quote_field(t),
        Cow::Owned(t) => Cow::Owned(quote_field(&t).into_owned()),
    }
}

/// Prefixes an apostrophe when a spreadsheet would read `text` as a formula.
pub fn guard_formula(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// RFC 4180 quoting: a field containing a comma, a double quote, CR or LF is
/// wrapped in double quotes with each inner double quote doubled; any other
/// field is written as is.
pub fn quote_field(field: &str) -> Cow<'_, str> {
    if field.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(field)
    }
}

fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = Cow<'a, str>>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell);
    }
    out.push_str(CRLF);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::amounts::{NonNegative, Positive};
    use crate::domain::day::{DayLog, FoodEntry, Item, SupplementEntry};
    use crate::domain::diary::{Rating, SymptomId};
    use crate::domain::supplement::{DoseInput, SupplementForm};

    fn id(s: &str) -> SymptomId {
        SymptomId::new(s).unwrap()
    }

    fn totals(food_mg: f64, supplement_mg: f64, missing_data_count: usize) -> Option<Totals> {
        Some(Totals {
            food_mg,
            supplement_mg,
            missing_data_count,
            topical_count: 0,
        })
    }

    fn day(log: &DayLog) -> CsvDay<'_> {
        CsvDay {
            date: log.date(),
            totals: Some(log.totals()),
            target_mg: Some(320.0),
            diary: None,
        }
    }

    fn food(name: &str, grams: f64, mg_per_100g: Option<f64>) -> FoodEntry {
        FoodEntry {
            ndb: 14209,
            name: name.to_string(),
            measure: "1 cup".to_string(),
            quantity: Positive::new(1.0).unwrap(),
            measure_grams: Positive::new(grams).unwrap(),
            mg_per_100g: mg_per_100g.map(|v| NonNegative::new(v).unwrap()),
        }
    }

    /// A minimal RFC 4180 reader, so tests check that the output parses back
    /// to the intended cells rather than only comparing strings.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix(BOM).unwrap();
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut cell = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    '"' => quoted = false,
                    _ => cell.push(c),
                }
            } else {
                match c {
                    '"' => quoted = true,
                    ',' => row.push(std::mem::take(&mut cell)),
                    '\r' => {
                        assert_eq!(chars.next(), Some('\n'), "bare CR outside quotes");
                        row.push(std::mem::take(&mut cell));
                        rows.push(std::mem::take(&mut row));
                    }
                    '\n' => panic!("bare LF outside quotes"),
                    _ => cell.push(c),
                }
            }
        }
        assert!(
            !quoted && cell.is_empty() && row.is_empty(),
            "file must end with CRLF"
        );
        rows
    }

    #[test]
    fn quoting_edge_cases() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("\"", "\"\"\"\""),
            ("line1\nline2", "\"line1\nline2\""),
            ("cr\rhere", "\"cr\rhere\""),
            ("crlf\r\n", "\"crlf\r\n\""),
            ("semi; colon", "semi; colon"),
            ("  spaces  ", "  spaces  "),
            ("ünïcödé ✓", "ünïcödé ✓"),
        ];
        for (input, expected) in cases {
            assert_eq!(quote_field(input), expected, "{input:?}");
        }
    }

    #[test]
    fn formula_injection_guard() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+49 123", "'+49 123"),
            ("-lots of cramps", "'-lots of cramps"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tindent", "'\tindent"),
            (
                "=HYPERLINK(\"x\",\"y\")",
                "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"",
            ),
            ("a=b", "a=b"),
            ("'quoted already", "'quoted already"),
            ("\u{ff1d}fullwidth", "\u{ff1d}fullwidth"),
        ];
        for (input, expected) in cases {
            assert_eq!(text_cell(input), expected, "{input:?}");
        }
    }

    #[test]
    fn amounts_stay_numbers() {
        let cases = [
            (Some(0.0), "0"),
            (Some(350.0), "350"),
            (Some(123.44), "123"),
            (Some(123.5), "124"),
            (Some(99.96), "100"),
            (Some(7.11), "7.1"),
            (Some(9.96), "10"),
            (Some(0.04), "0"),
            (Some(-0.01), "0"),
            (Some(f64::NAN), ""),
            (Some(f64::INFINITY), ""),
            (None, ""),
        ];
        for (input, expected) in cases {
            assert_eq!(mg_cell(input), expected, "{input:?}");
        }
    }

    #[test]
    fn exact_file_for_three_days() {
        let mut symptoms = SymptomList::defaults();
        // Keep three columns visible, hide the rest, and add a custom one
        // whose name needs quoting and guarding.
        for s in SymptomList::defaults().all() {
            if !["cramps", "sleep", "fatigue"].contains(&s.id().as_str()) {
                symptoms.set_hidden(s.id(), true).unwrap();
            }
        }
        let custom = symptoms.add("=Tingling, hands", false, 1).unwrap();
        symptoms.move_to(&custom, 0).unwrap();
        symptoms.set_hidden(&id("headache"), false).unwrap();
        symptoms.move_to(&id("headache"), 99).unwrap();

        let d = |s: &str| Date::parse(s).unwrap();
        let r = |v: u8| Some(Rating::new(v).unwrap());
        let mut first = DiaryEntry::new(d("2025-03-01"), 1);
        first.set_rating(&id("cramps"), r(6), 2);
        first.set_rating(&id("sleep"), r(0), 3);
        first.set_rating(&id("palpitations"), r(2), 4);
        first.set_tags(["Travel", "poor sleep"], 5).unwrap();
        first
            .set_note("Long drive, \"bad\" night\nwoke at 4", 6)
            .unwrap();
        let mut third = DiaryEntry::new(d("2025-03-03"), 1);
        third.set_rating(&custom, r(10), 2);
        third.set_rating(&id("headache"), r(3), 3);
        third.set_note("-better today", 4).unwrap();

        // Out of order on purpose: the export sorts by date.
        let days = [
            CsvDay {
                date: d("2025-03-03"),
                totals: totals(210.0, 0.0, 0),
                target_mg: Some(320.0),
                diary: Some(&third),
            },
            CsvDay {
                date: d("2025-03-01"),
                totals: totals(187.25, 200.0, 0),
                target_mg: Some(320.0),
                diary: Some(&first),
            },
            CsvDay {
                date: d("2025-03-02"),
                totals: None,
                target_mg: Some(320.0),
                diary: None,
            },
        ];
        let expected = concat!(
            "\u{feff}",
            "date,food_mg,supplement_mg,total_mg,target_mg,items_without_mg_data,\"'=Tingling, hands\",Muscle or leg cramps,Sleep quality,Fatigue,Migraine or headache,Low mood,Anxiety,Restlessness or poor focus,Muscle twitches or tension,Palpitations,Loose stools,tags,note\r\n",
            "2025-03-01,187,200,387,320,0,,6,0,,,,,,,2,,travel; poor sleep,\"Long drive, \"\"bad\"\" night\nwoke at 4\"\r\n",
            "2025-03-02,,,,320,,,,,,,,,,,,,,\r\n",
            "2025-03-03,210,0,210,320,0,10,,,,3,,,,,,,,'-better today\r\n",
        );
        let csv = export_csv(&days, &symptoms);
        assert_eq!(csv, expected);

        let rows = parse(&csv);
        assert_eq!(rows.len(), 4);
        assert!(
            rows.iter().all(|r| r.len() == 19),
            "every row has every column"
        );
        assert_eq!(rows[0][6], "'=Tingling, hands");
        assert_eq!(rows[1][18], "Long drive, \"bad\" night\nwoke at 4");
        assert_eq!(rows[1][8], "0", "a rating of 0 is written, not left empty");
        assert_eq!(rows[1][9], "", "unrated stays empty");
    }

    #[test]
    fn the_history_has_a_row_for_each_day_with_intake_or_diary() {
        let first = Date::parse("2025-03-01").unwrap();
        let (second, third) = (first.add_days(1), first.add_days(2));
        let mut log = DayLog::new(first);
        log.add(Item::Food(food("Spinach, raw", 30.0, Some(79.0))));
        let mut entry = DiaryEntry::new(second, 0);
        entry.set_note("slept badly", 0).unwrap();
        let days = SortedMap::from([(first, log), (third, DayLog::new(third))]);
        let diary = SortedMap::from([(second, entry)]);
        // (target, the leading cells of each row after the header, the note
        // of each row)
        let cases: [(Option<f64>, [[&str; 6]; 3]); 2] = [
            (
                Some(320.0),
                [
                    ["2025-03-01", "24", "0", "24", "320", "0"],
                    ["2025-03-02", "", "", "", "320", ""],
                    ["2025-03-03", "0", "0", "0", "320", "0"],
                ],
            ),
            (
                None,
                [
                    ["2025-03-01", "24", "0", "24", "", "0"],
                    ["2025-03-02", "", "", "", "", ""],
                    ["2025-03-03", "0", "0", "0", "", "0"],
                ],
            ),
        ];
        for (target, expected) in cases {
            let rows = parse(&export_history(
                &days,
                &diary,
                &SymptomList::defaults(),
                target,
            ));
            assert_eq!(rows.len(), 4, "{target:?}");
            for (row, cells) in rows[1..].iter().zip(expected) {
                assert_eq!(row[..6], cells, "{target:?}");
            }
            let notes: Vec<&str> = rows[1..]
                .iter()
                .map(|r| r.last().unwrap().as_str())
                .collect();
            assert_eq!(notes, ["", "slept badly", ""]);
        }
    }

    #[test]
    fn empty_export_is_just_the_header() {
        let csv = export_csv(&[], &SymptomList::defaults());
        let rows = parse(&csv);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), 6 + 10 + 2);
        assert_eq!(rows[0].first().map(String::as_str), Some("date"));
        assert_eq!(rows[0].last().map(String::as_str), Some("note"));
    }

    #[test]
    fn a_food_without_data_is_counted_not_written_as_zero() {
        let date = Date::parse("2025-03-01").unwrap();
        let mut log = DayLog::new(date);
        log.add(Item::Food(food("Beverages, mystery drink", 240.0, None)));
        let mut complete = DayLog::new(date.add_days(1));
        complete.add(Item::Food(food("Spinach, raw", 30.0, Some(79.0))));

        let rows = parse(&export_csv(
            &[day(&log), day(&complete)],
            &SymptomList::defaults(),
        ));
        assert_eq!(
            rows[0][..6],
            LEADING_COLUMNS_LOWER_BOUND.map(String::from),
            "the sums are headed as lower bounds"
        );
        assert_eq!(rows[1][..6], ["2025-03-01", "0", "0", "0", "320", "1"]);
        assert_eq!(rows[2][..6], ["2025-03-02", "24", "0", "24", "320", "0"]);

        // Without such an item the plain headers are used.
        let rows = parse(&export_csv(&[day(&complete)], &SymptomList::defaults()));
        assert_eq!(rows[0][..6], LEADING_COLUMNS.map(String::from));
    }

    /// The amount in the confirmation after adding, the day list, the day
    /// total and the CSV are one number for one dose.
    #[test]
    fn added_listed_totalled_and_exported_amounts_agree() {
        let date = Date::parse("2025-03-01").unwrap();
        // A cup of brewed coffee: 237 g at 3 mg per 100 g is 7.11 mg.
        let coffee = food("Beverages, coffee, brewed", 237.0, Some(3.0));
        let dose = SupplementEntry::new(
            SupplementForm::Other,
            DoseInput::ElementalMg(Positive::new(2.5).unwrap()),
            Positive::new(1.0).unwrap(),
            None,
        )
        .unwrap();
        // (entry, the added text, the amount everywhere, the CSV column)
        let cases = [
            (Item::Food(coffee.clone()), coffee.added_text(), "7.1 mg", 1),
            (
                Item::Supplement(dose.clone()),
                dose.added_text(),
                "2.5 mg",
                2,
            ),
        ];
        for (item, added, shown, column) in cases {
            assert!(
                added.contains(&format!("({shown})")) || added.contains(&format!("Added {shown} ")),
                "{added}"
            );
            assert_eq!(item.mg_text(), shown);
            let mut log = DayLog::new(date);
            log.add(item);
            assert_eq!(log.totals().total_text(), shown);
            let rows = parse(&export_csv(&[day(&log)], &SymptomList::defaults()));
            let number = shown.trim_end_matches(" mg");
            assert_eq!(rows[1][column], number, "{shown}");
            assert_eq!(rows[1][3], number, "total of {shown}");
        }
    }
}
