use super::*;
use crate::domain::dri::{Age, ReferenceSet, Sex, reference};

fn pos(v: f64) -> Positive {
    Positive::new(v).unwrap()
}

fn nn(v: f64) -> NonNegative {
    NonNegative::new(v).unwrap()
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn food(ndb: u32, name: &str, quantity: f64, grams: f64, per100: Option<f64>) -> Item {
    Item::Food(FoodEntry {
        ndb,
        name: name.to_string(),
        measure: "1 oz".to_string(),
        quantity: pos(quantity),
        measure_grams: pos(grams),
        mg_per_100g: per100.map(nn),
    })
}

fn supplement(form: SupplementForm, dose: DoseInput, servings: f64) -> Item {
    Item::Supplement(SupplementEntry::new(form, dose, pos(servings), None).unwrap())
}

fn water(mg_per_litre: f64, supplement: bool) -> CustomItem {
    CustomItem {
        id: 7,
        name: "Mineral water".to_string(),
        basis: CustomBasis::PerLitre {
            mg: nn(mg_per_litre),
        },
        supplement,
        serving_grams: None,
        kcal_per_serving: None,
    }
}

fn sachet(mg: f64, supplement: bool) -> CustomItem {
    CustomItem {
        id: 8,
        name: "Electrolyte sachet".to_string(),
        basis: CustomBasis::PerServing {
            label: "1 sachet".to_string(),
            mg: nn(mg),
        },
        supplement,
        serving_grams: None,
        kcal_per_serving: None,
    }
}

fn custom(item: &CustomItem, amount: CustomAmount) -> Item {
    Item::Custom(item.entry(amount).unwrap())
}

fn topical() -> Item {
    Item::Topical(TopicalEntry {
        description: "Epsom salt bath".to_string(),
    })
}

fn log_of(items: Vec<Item>) -> DayLog {
    let mut log = DayLog::new(date("2025-03-09"));
    for item in items {
        log.add(item);
    }
    log
}

#[test]
fn contributions_by_kind() {
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    let cases: Vec<(Item, Contribution, &str)> = vec![
        // 2 × 28.35 g of pumpkin seeds at 592 mg/100 g.
        (
            food(12014, "Pumpkin seeds", 2.0, 28.35, Some(592.0)),
            Contribution::Food(335.664),
            "2 × 1 oz (56.7 g)",
        ),
        (
            food(1, "Water", 1.0, 240.0, Some(0.0)),
            Contribution::Food(0.0),
            "1 × 1 oz (240 g)",
        ),
        (
            food(2, "Mystery", 1.5, 100.0, None),
            Contribution::NoData,
            "1.5 × 1 oz (150 g)",
        ),
        (
            supplement(
                SupplementForm::Citrate,
                DoseInput::ElementalMg(pos(100.0)),
                2.0,
            ),
            Contribution::Supplement(200.0),
            "2 servings",
        ),
        // 500 mg L-threonate ≈ 41.265 mg elemental.
        (
            supplement(
                SupplementForm::LThreonate,
                DoseInput::CompoundMg(pos(500.0)),
                1.0,
            ),
            Contribution::Supplement(500.0 * 24.305 / 294.495),
            "1 serving",
        ),
        (
            custom(&water(110.0, false), CustomAmount::Millilitres(pos(500.0))),
            Contribution::Food(55.0),
            "500 ml",
        ),
        (
            custom(&water(110.0, false), CustomAmount::Litres(pos(1.5))),
            Contribution::Food(165.0),
            "1.5 L",
        ),
        (
            custom(&sachet(60.0, true), CustomAmount::Servings(pos(2.0))),
            Contribution::Supplement(120.0),
            "2 × 1 sachet",
        ),
        (
            custom(&sachet(60.0, false), CustomAmount::Servings(pos(0.5))),
            Contribution::Food(30.0),
            "0.5 × 1 sachet",
        ),
        (topical(), Contribution::NotCounted, ""),
    ];
    for (item, expected, amount) in cases {
        let got = item.contribution();
        let same = match (got, expected) {
            (Contribution::Food(a), Contribution::Food(b))
            | (Contribution::Supplement(a), Contribution::Supplement(b)) => close(a, b),
            (a, b) => a == b,
        };
        assert!(same, "{}: {got:?} vs {expected:?}", item.name());
        assert_eq!(item.amount_text(), amount, "{}", item.name());
    }
}

#[test]
fn custom_amounts_must_fit_the_basis() {
    let cases = [
        (
            water(100.0, false),
            CustomAmount::Litres(pos(2.0)),
            Ok(200.0),
        ),
        (
            water(100.0, false),
            CustomAmount::Millilitres(pos(330.0)),
            Ok(33.0),
        ),
        (
            water(100.0, false),
            CustomAmount::Servings(pos(1.0)),
            Err(CustomAmountError::NeedsVolume),
        ),
        (
            water(100.0, false),
            CustomAmount::Millilitres(pos(f64::from_bits(1))),
            Err(CustomAmountError::TooSmall),
        ),
        (
            sachet(45.0, false),
            CustomAmount::Servings(pos(3.0)),
            Ok(135.0),
        ),
        (
            sachet(45.0, false),
            CustomAmount::Litres(pos(1.0)),
            Err(CustomAmountError::NeedsServings),
        ),
        (
            sachet(45.0, false),
            CustomAmount::Millilitres(pos(250.0)),
            Err(CustomAmountError::NeedsServings),
        ),
    ];
    for (item, amount, expected) in cases {
        let got = item.mg_for(amount);
        match (got, expected) {
            (Ok(a), Ok(b)) => assert!((a - b).abs() < 1e-9, "{amount:?}: {a} vs {b}"),
            (a, b) => assert_eq!(a, b, "{amount:?}"),
        }
    }
    assert_eq!(next_custom_item_id(&[]), 1);
    assert_eq!(
        next_custom_item_id(&[water(1.0, false), sachet(1.0, false)]),
        9
    );
}

#[test]
fn totals_are_honest_about_missing_data() {
    // (items, food mg, supplement mg, text)
    let cases: Vec<(Vec<Item>, f64, f64, &str)> = vec![
        (vec![], 0.0, 0.0, "0 mg"),
        (
            vec![food(1, "A", 1.0, 100.0, Some(212.0))],
            212.0,
            0.0,
            "212 mg",
        ),
        (
            vec![
                food(1, "A", 1.0, 100.0, Some(112.0)),
                food(2, "B", 1.0, 50.0, None),
                supplement(
                    SupplementForm::Other,
                    DoseInput::ElementalMg(pos(100.0)),
                    1.0,
                ),
                food(3, "C", 2.0, 10.0, None),
                topical(),
            ],
            112.0,
            100.0,
            "at least 212 mg — 2 items have no magnesium data",
        ),
        (
            vec![food(2, "B", 1.0, 50.0, None), topical()],
            0.0,
            0.0,
            "at least 0 mg — 1 item has no magnesium data",
        ),
        (
            vec![
                custom(&water(100.0, false), CustomAmount::Litres(pos(1.0))),
                custom(&sachet(50.0, true), CustomAmount::Servings(pos(1.0))),
            ],
            100.0,
            50.0,
            "150 mg",
        ),
    ];
    for (items, food_mg, supplement_mg, text) in cases {
        let n_missing = items
            .iter()
            .filter(|i| i.contribution() == Contribution::NoData)
            .count();
        let n_topical = items
            .iter()
            .filter(|i| matches!(i, Item::Topical(_)))
            .count();
        let t = log_of(items).totals();
        assert!((t.food_mg - food_mg).abs() < 1e-9, "{text}");
        assert!((t.supplement_mg - supplement_mg).abs() < 1e-9, "{text}");
        assert_eq!(t.missing_data_count, n_missing, "{text}");
        assert_eq!(t.topical_count, n_topical, "{text}");
        assert_eq!(t.total_text(), text);
    }
}

#[test]
fn floating_sums_round_to_what_is_shown() {
    // Three servings of 33.35 mg sum to 100.05000000000001 in binary
    // floating point; people see 100 mg.
    let items: Vec<Item> = (0..3)
        .map(|i| food(i, "A", 1.0, 100.0, Some(33.35)))
        .collect();
    let t = log_of(items).totals();
    assert_eq!(t.total_text(), "100 mg");

    // (food mg, supplement mg, target, UL, remaining, met, over UL, percent)
    let cases = [
        (
            309.6,
            0.0,
            Some(310),
            Some(350),
            Some(0),
            true,
            false,
            Some(100),
        ),
        (
            309.4,
            0.0,
            Some(310),
            Some(350),
            Some(1),
            false,
            false,
            Some(100),
        ),
        (
            0.0,
            350.4,
            Some(310),
            Some(350),
            Some(0),
            true,
            false,
            Some(113),
        ),
        (
            0.0,
            350.6,
            Some(310),
            Some(350),
            Some(0),
            true,
            true,
            Some(113),
        ),
        (
            100.0,
            50.0,
            Some(300),
            None,
            Some(150),
            false,
            false,
            Some(50),
        ),
        (10.0, 0.0, None, None, None, false, false, None),
        (0.0, 0.0, Some(0), Some(250), Some(0), true, false, None),
    ];
    for (food_mg, supplement_mg, target, ul, remaining, met, over, percent) in cases {
        let s = DaySummary::new(
            Totals {
                food_mg,
                supplement_mg,
                missing_data_count: 0,
                topical_count: 0,
            },
            target,
            ul,
        );
        let case = format!("{food_mg}+{supplement_mg} vs {target:?}/{ul:?}");
        assert_eq!(s.remaining_mg(), remaining.map(f64::from), "{case}");
        assert_eq!(s.target_met(), met, "{case}");
        assert_eq!(s.over_upper_limit(), over, "{case}");
        assert_eq!(s.share_percent(), percent, "{case}");
    }
}

#[test]
fn summary_texts() {
    let totals = |food_mg, supplement_mg, missing| Totals {
        food_mg,
        supplement_mg,
        missing_data_count: missing,
        topical_count: 0,
    };
    let s = DaySummary::new(totals(112.0, 100.0, 2), Some(310), Some(350));
    assert_eq!(s.remaining_text().unwrap(), "at most 98 mg to go");
    assert_eq!(
        s.supplement_limit_text().unwrap(),
        "Supplements 100 mg of 350 mg upper level"
    );
    assert!((s.supplement_share_of_limit().unwrap() - 100.0 / 350.0).abs() < 1e-12);
    let s = DaySummary::new(totals(112.0, 100.0, 0), Some(310), None);
    assert_eq!(s.remaining_text().unwrap(), "98 mg to go");
    assert_eq!(s.supplement_limit_text(), None);
    let s = DaySummary::new(totals(400.0, 0.0, 1), Some(310), None);
    assert_eq!(s.remaining_text().unwrap(), "Target reached");

    // The reference wiring: a 40-year-old woman under IOM.
    let profile = Profile::new(Age::from_years(40).unwrap(), Sex::Female, Status::None);
    let r = reference(profile.unwrap(), ReferenceSet::Iom1997);
    let s = DaySummary::for_reference(totals(200.0, 400.0, 0), &r);
    assert_eq!((s.target_mg, s.upper_limit_mg), (Some(320), Some(350)));
    assert!(s.over_upper_limit());
}

#[test]
fn add_edit_delete_undo() {
    let mut log = DayLog::new(date("2025-03-09"));
    let a = log.add(food(1, "A", 1.0, 100.0, Some(100.0)));
    let b = log.add(food(2, "B", 1.0, 100.0, Some(50.0)));
    let c = log.add(topical());
    assert_eq!((a, b, c), (EntryId(1), EntryId(2), EntryId(3)));

    log.set_quantity(b, pos(3.0)).unwrap();
    assert!((log.totals().food_mg - 250.0).abs() < 1e-9);
    assert_eq!(log.set_quantity(c, pos(2.0)), Err(EditError::NoQuantity));
    assert_eq!(
        log.set_quantity(EntryId(99), pos(2.0)),
        Err(EditError::NotFound)
    );

    let old = log
        .replace(a, food(1, "A", 2.0, 100.0, Some(100.0)))
        .unwrap();
    assert!((log.totals().food_mg - 350.0).abs() < 1e-9);
    log.replace(a, old).unwrap();
    assert!((log.totals().food_mg - 250.0).abs() < 1e-9);

    let removed = log.delete(b).unwrap();
    assert_eq!(removed.index, 1);
    assert_eq!(log.delete(b), None);
    let ids = |log: &DayLog| log.entries().iter().map(|e| e.id.0).collect::<Vec<_>>();
    assert_eq!(ids(&log), [1, 3]);

    // A new entry never reuses the deleted id, so undo cannot collide.
    let d = log.add(topical());
    assert_eq!(d, EntryId(4));
    assert_eq!(log.undo(removed.clone()), Ok(b));
    assert_eq!(ids(&log), [1, 2, 3, 4]);
    assert_eq!(log.undo(removed.clone()), Err(UndoError::AlreadyPresent));

    let mut other = DayLog::new(date("2025-03-10"));
    assert_eq!(other.undo(removed), Err(UndoError::WrongDay));

    // Undo after later deletions appends at the end rather than panicking.
    let r3 = log.delete(EntryId(4)).unwrap();
    log.delete(EntryId(3)).unwrap();
    log.delete(EntryId(2)).unwrap();
    log.undo(r3).unwrap();
    assert_eq!(ids(&log), [1, 4]);
}

#[test]
fn day_log_json_is_stable() {
    let mut log = DayLog::new(date("2025-03-09"));
    log.add(food(12014, "Pumpkin seeds", 1.0, 28.35, Some(592.0)));
    log.add(food(99, "Unknown", 2.0, 10.0, None));
    log.add(Item::Supplement(
        SupplementEntry::new(
            SupplementForm::Citrate,
            DoseInput::ElementalMg(pos(200.0)),
            pos(1.0),
            Some("Brand X".to_string()),
        )
        .unwrap(),
    ));
    log.add(custom(
        &water(100.0, false),
        CustomAmount::Millilitres(pos(500.0)),
    ));
    log.add(custom(
        &sachet(60.0, true),
        CustomAmount::Servings(pos(1.0)),
    ));
    log.add(topical());
    let json = serde_json::to_string(&log).unwrap();
    let expected = concat!(
        r#"{"date":"2025-03-09","next_id":7,"entries":["#,
        r#"{"id":1,"item":{"food":{"ndb":12014,"name":"Pumpkin seeds","measure":"1 oz","#,
        r#""quantity":1.0,"measure_grams":28.35,"mg_per_100g":592.0}}},"#,
        r#"{"id":2,"item":{"food":{"ndb":99,"name":"Unknown","measure":"1 oz","#,
        r#""quantity":2.0,"measure_grams":10.0,"mg_per_100g":null}}},"#,
        r#"{"id":3,"item":{"supplement":{"form":"citrate","dose":{"elemental_mg":200.0},"#,
        r#""servings":1.0,"elemental_mg_per_serving":200.0,"label":"Brand X"}}},"#,
        r#"{"id":4,"item":{"custom":{"item_id":7,"name":"Mineral water","supplement":false,"#,
        r#""measure":{"volume":{"mg_per_litre":100.0,"litres":0.5}}}}},"#,
        r#"{"id":5,"item":{"custom":{"item_id":8,"name":"Electrolyte sachet","#,
        r#""supplement":true,"measure":{"servings":{"label":"1 sachet","#,
        r#""mg_per_serving":60.0,"servings":1.0}}}}},"#,
        r#"{"id":6,"item":{"topical":{"description":"Epsom salt bath"}}}]}"#,
    );
    assert_eq!(json, expected);
    assert_eq!(serde_json::from_str::<DayLog>(&json).unwrap(), log);

    // The same types round-trip through a non-self-describing format.
    let bytes = postcard::to_allocvec(&log).unwrap();
    assert_eq!(postcard::from_bytes::<DayLog>(&bytes).unwrap(), log);

    let custom_item = serde_json::to_string(&sachet(60.0, true)).unwrap();
    assert_eq!(
        custom_item,
        r#"{"id":8,"name":"Electrolyte sachet","basis":{"per_serving":{"label":"1 sachet","mg":60.0}},"supplement":true}"#
    );
}

#[test]
fn reading_day_logs_validates() {
    let entry = |id: u64| format!(r#"{{"id":{id},"item":{{"topical":{{"description":"x"}}}}}}"#);
    // (json, Ok(next id handed out) or error text)
    let cases: Vec<(String, Result<u64, &str>)> = vec![
        // A missing or stale counter is raised above the largest id.
        (
            format!(r#"{{"date":"2025-01-01","entries":[{}]}}"#, entry(5)),
            Ok(6),
        ),
        (
            format!(
                r#"{{"date":"2025-01-01","next_id":2,"entries":[{}]}}"#,
                entry(5)
            ),
            Ok(6),
        ),
        (
            r#"{"date":"2025-01-01","next_id":40,"entries":[]}"#.to_string(),
            Ok(40),
        ),
        (
            format!(
                r#"{{"date":"2025-01-01","entries":[{},{}]}}"#,
                entry(3),
                entry(3)
            ),
            Err("two entries share the id 3"),
        ),
        (
            format!(r#"{{"date":"2025-01-01","entries":[{}]}}"#, entry(1 << 53)),
            Err("too large"),
        ),
        (
            concat!(
                r#"{"date":"2025-01-01","entries":[{"id":1,"item":{"food":{"ndb":1,"#,
                r#""name":"A","measure":"g","quantity":-1.0,"measure_grams":1.0,"#,
                r#""mg_per_100g":null}}}]}"#
            )
            .to_string(),
            Err("greater than zero"),
        ),
        (
            r#"{"date":"2025-02-30","entries":[]}"#.to_string(),
            Err("not a date"),
        ),
    ];
    for (json, expected) in cases {
        match (serde_json::from_str::<DayLog>(&json), expected) {
            (Ok(mut log), Ok(next)) => assert_eq!(log.add(topical()), EntryId(next), "{json}"),
            (Err(e), Err(text)) => assert!(e.to_string().contains(text), "{json}: {e}"),
            (got, expected) => panic!("{json}: {got:?} vs {expected:?}"),
        }
    }
    // Older files without the optional fields still read.
    let json = concat!(
        r#"{"date":"2025-01-01","entries":[{"id":1,"item":{"supplement":{"form":"oxide","#,
        r#""dose":{"compound_mg":400.0},"servings":1.0,"elemental_mg_per_serving":241.2}}}]}"#
    );
    let log: DayLog = serde_json::from_str(json).unwrap();
    assert_eq!(log.entries()[0].item.name(), "Magnesium oxide");
}

#[test]
fn close_the_gap_orders_plain_then_smallest_or_richest() {
    let c = |index, mg_per_portion, plain| GapCandidate {
        index,
        mg_per_portion,
        plain,
    };
    let candidates = [
        c(0, 150.0, true),
        c(1, 80.0, true),
        c(2, 100.0, false),
        c(3, 95.0, true),
        c(4, 95.0, true),
        c(5, 300.0, false),
        c(6, f64::NAN, true),
        c(7, 94.9, true),
    ];
    // (remaining, limit, one portion covers, expected indices)
    let cases: &[(f64, usize, bool, &[usize])] = &[
        (95.0, 10, true, &[3, 4, 0, 2, 5]),
        (95.0, 2, true, &[3, 4]),
        (120.0, 10, true, &[0, 5]),
        // No portion covers 301 mg: the richest portions, plain first.
        (301.0, 10, false, &[0, 3, 4, 7, 1, 5, 2]),
        (301.0, 3, false, &[0, 3, 4]),
        (0.0, 10, true, &[]),
        (-5.0, 10, true, &[]),
        (f64::NAN, 10, true, &[]),
        (1.0, 3, true, &[1, 7, 3]),
    ];
    for &(remaining, limit, covers, expected) in cases {
        let plan = close_the_gap(remaining, &candidates, limit);
        let got: Vec<usize> = plan.foods.iter().map(|c| c.index).collect();
        assert_eq!(got, expected, "{remaining} mg, limit {limit}");
        assert_eq!(plan.one_portion_covers, covers, "{remaining} mg");
    }
}

#[test]
fn recent_items_are_distinct_and_newest_first() {
    let mut older = DayLog::new(date("2025-03-01"));
    older.add(food(1, "Almonds", 1.0, 28.0, Some(270.0)));
    older.add(food(2, "Spinach", 1.0, 30.0, Some(79.0)));
    older.add(custom(&water(100.0, false), CustomAmount::Litres(pos(1.0))));
    let mut newer = DayLog::new(date("2025-03-05"));
    newer.add(food(3, "Oats", 1.0, 40.0, Some(138.0)));
    newer.add(supplement(
        SupplementForm::Other,
        DoseInput::ElementalMg(pos(100.0)),
        1.0,
    ));
    newer.add(food(1, "Almonds", 2.0, 28.0, Some(270.0)));
    newer.add(topical());
    let key = |r: &RecentItem| match r {
        RecentItem::Food(f) => format!("food {} ×{}", f.ndb, f.quantity.get()),
        RecentItem::Custom(c) => format!("custom {}", c.item_id),
    };
    // Given oldest first, the newer day still comes first.
    let logs = [older, newer];
    let cases: &[(usize, &[&str])] = &[
        (10, &["food 1 ×2", "food 3 ×1", "custom 7", "food 2 ×1"]),
        (2, &["food 1 ×2", "food 3 ×1"]),
        (0, &[]),
    ];
    for &(limit, expected) in cases {
        let got: Vec<String> = recent_items(&logs, limit).iter().map(key).collect();
        assert_eq!(got, expected, "limit {limit}");
    }
    assert!(recent_items(&[], 5).is_empty());
}

#[test]
fn a_food_entry_from_a_measure_or_grams() {
    use crate::domain::food::{Food, GroupId, Measure, Portion};
    let almonds = |magnesium_mg: Option<f64>| Food {
        ndb: NdbNo(12061),
        description: "Nuts, almonds".to_string(),
        group: GroupId::new(0),
        common_names: String::new(),
        branded: false,
        survey: true,
        nutrients: Nutrients {
            magnesium_mg,
            ..Nutrients::NONE
        },
        measures: vec![Measure {
            amount: 1.0,
            description: "oz (23 whole kernels)".to_string(),
            grams: 28.35,
        }],
        portion: Portion::grams(28.35),
    };
    // The expected measure label, grams eaten and magnesium.
    type Made = Option<(&'static str, f64, Option<f64>)>;
    // (magnesium per 100 g, measure, quantity, what is made, or `None`
    // for no entry)
    type Case = (Option<f64>, Option<usize>, f64, Made);
    let cases: [Case; 7] = [
        (
            Some(270.0),
            Some(0),
            2.0,
            Some(("1 oz (23 whole kernels)", 56.7, Some(153.09))),
        ),
        (Some(270.0), None, 50.0, Some(("g", 50.0, Some(135.0)))),
        // A measure index the food does not have falls back to grams.
        (Some(270.0), Some(5), 10.0, Some(("g", 10.0, Some(27.0)))),
        (
            None,
            Some(0),
            1.0,
            Some(("1 oz (23 whole kernels)", 28.35, None)),
        ),
        (Some(270.0), Some(0), 0.0, None),
        (Some(270.0), None, -1.0, None),
        (Some(270.0), None, f64::NAN, None),
    ];
    for (per100, measure, quantity, expected) in cases {
        let entry = FoodEntry::from_food(&almonds(per100), measure, quantity);
        let got = entry
            .as_ref()
            .map(|e| (e.measure.as_str(), e.grams(), e.mg()));
        match (got, expected) {
            (Some((label, grams, mg)), Some((want_label, want_grams, want_mg))) => {
                assert_eq!(label, want_label, "{measure:?} {quantity}");
                assert!((grams - want_grams).abs() < 1e-9, "{grams}");
                assert_eq!(mg.is_some(), want_mg.is_some());
                if let (Some(mg), Some(want)) = (mg, want_mg) {
                    assert!((mg - want).abs() < 1e-9, "{mg}");
                }
            }
            (got, expected) => {
                assert_eq!(got.is_some(), expected.is_some(), "{measure:?} {quantity}")
            }
        }
        if let Some(e) = entry {
            assert_eq!((e.ndb, e.name.as_str()), (12061, "Nuts, almonds"));
        }
    }
}

/// A small food table: coffee with caffeine and a little calcium, whole
/// milk with much calcium, a drink without caffeine or calcium values and
/// a food with calcium but no magnesium value.
fn table() -> FoodDb {
    use crate::domain::food::{Food, FoodGroup, GroupId};
    let food = |ndb: u32, description: &str, nutrients: Nutrients| Food {
        ndb: NdbNo(ndb),
        description: description.to_string(),
        group: GroupId::new(0),
        common_names: String::new(),
        branded: false,
        survey: true,
        nutrients,
        measures: Vec::new(),
        portion: crate::domain::food::Portion::grams(100.0),
    };
    let with = |magnesium: Option<f64>, calcium: Option<f64>, caffeine: Option<f64>| Nutrients {
        magnesium_mg: magnesium,
        calcium_mg: calcium,
        caffeine_mg: caffeine,
        ..Nutrients::NONE
    };
    FoodDb::new(
        vec![FoodGroup {
            code: 1400,
            name: "Beverages".to_string(),
        }],
        vec![
            food(
                COCOA,
                "Cocoa, no magnesium value",
                with(None, Some(50.0), Some(0.0)),
            ),
            food(
                MILK,
                "Milk, whole",
                with(Some(10.0), Some(113.0), Some(0.0)),
            ),
            food(
                COFFEE,
                "Beverages, coffee, brewed",
                with(Some(3.0), Some(2.0), Some(40.0)),
            ),
            food(
                MYSTERY,
                "Beverages, mystery drink",
                with(Some(5.0), None, None),
            ),
        ],
    )
    .unwrap()
}

const COCOA: u32 = 1000;
const MILK: u32 = 1077;
const COFFEE: u32 = 14209;
const MYSTERY: u32 = 14999;

/// An entry for a food of [`table`], with its magnesium copied in.
fn logged(ndb: u32, grams: f64) -> Item {
    let db = table();
    let (_, f) = db.by_ndb(NdbNo(ndb)).unwrap();
    food(ndb, &f.description, 1.0, grams, f.nutrients.magnesium_mg)
}

#[test]
fn caffeine_and_calcium_come_from_the_food_table() {
    let db = table();
    // (items, caffeine mg, caffeine unknown, calcium mg, calcium unknown)
    let cases: Vec<(Vec<Item>, f64, usize, f64, usize)> = vec![
        (vec![], 0.0, 0, 0.0, 0),
        // A 240 g mug of coffee: 96 mg caffeine, 4.8 mg calcium.
        (vec![logged(COFFEE, 240.0)], 96.0, 0, 4.8, 0),
        // A drink without values makes both figures lower bounds.
        (
            vec![logged(COFFEE, 240.0), logged(MYSTERY, 200.0)],
            96.0,
            1,
            4.8,
            1,
        ),
        // A food missing from the table is unknown, as is a custom item;
        // supplements and topical entries add nothing.
        (
            vec![
                food(99999, "Not in the table", 1.0, 100.0, Some(10.0)),
                custom(&sachet(50.0, false), CustomAmount::Servings(pos(1.0))),
                supplement(
                    SupplementForm::Citrate,
                    DoseInput::ElementalMg(pos(100.0)),
                    1.0,
                ),
                topical(),
            ],
            0.0,
            2,
            0.0,
            2,
        ),
        (vec![logged(MILK, 244.0)], 0.0, 0, 275.72, 0),
    ];
    for (items, caffeine, caffeine_unknown, calcium, calcium_unknown) in cases {
        let log = log_of(items);
        let n = DayNutrients::of(&log, &db);
        // Without a food from the table the day needs no table, and says the
        // same; with one it waits for the table.
        let from_table = log
            .entries()
            .iter()
            .any(|e| matches!(e.item, Item::Food(_)));
        assert_eq!(
            DayNutrients::without_food_table(&log),
            (!from_table).then_some(n),
            "{log:?}"
        );
        let case = format!("{n:?}");
        assert!((n.caffeine.mg - caffeine).abs() < 1e-9, "{case}");
        assert_eq!(n.caffeine.unknown, caffeine_unknown, "{case}");
        assert!((n.calcium.mg - calcium).abs() < 1e-9, "{case}");
        assert_eq!(n.calcium.unknown, calcium_unknown, "{case}");
    }

    let empty = DayNutrients::without_food_table(&log_of(vec![])).unwrap();
    assert_eq!(
        (empty.caffeine.text(), empty.calcium.text()),
        ("0 mg".into(), "0 mg".into())
    );
    let n = DayNutrients::of(&log_of(vec![logged(COFFEE, 240.0)]), &db);
    assert_eq!(n.caffeine.text(), "96 mg");
    let n = DayNutrients::of(
        &log_of(vec![logged(COFFEE, 240.0), logged(MYSTERY, 200.0)]),
        &db,
    );
    assert_eq!(n.caffeine.text(), "at least 96 mg");
    assert_eq!(n.calcium.text(), "at least 4.8 mg");
}

#[test]
fn calcium_magnesium_ratio_says_how_sure_it_is() {
    let db = table();
    // Two cups of milk: 551 mg calcium, 49 mg magnesium as shown.
    let milk = || logged(MILK, 488.0);
    // (items, ratio text, high)
    let cases: Vec<(Vec<Item>, Option<&str>, bool)> = vec![
        (vec![], None, false),
        // Nothing with magnesium: no ratio to speak of.
        (vec![logged(COCOA, 10.0)], None, false),
        (vec![milk()], Some("11.2 : 1"), true),
        // Missing calcium can only raise the ratio.
        (
            vec![milk(), logged(MYSTERY, 200.0)],
            Some("at least 9.3 : 1"),
            true,
        ),
        // Missing magnesium can only lower it, so "high" is not certain.
        (
            vec![milk(), logged(COCOA, 10.0)],
            Some("at most 11.3 : 1"),
            false,
        ),
        (
            vec![milk(), logged(COCOA, 10.0), logged(MYSTERY, 200.0)],
            Some("about 9.4 : 1"),
            false,
        ),
        // Coffee is low in calcium for its magnesium.
        (vec![logged(COFFEE, 240.0)], Some("0.7 : 1"), false),
        // A magnesium supplement brings the ratio down.
        (
            vec![
                milk(),
                supplement(
                    SupplementForm::Other,
                    DoseInput::ElementalMg(pos(200.0)),
                    1.0,
                ),
            ],
            Some("2.2 : 1"),
            false,
        ),
    ];
    for (items, text, high) in cases {
        let ratio = DayNutrients::of(&log_of(items), &db).calcium_magnesium_ratio();
        assert_eq!(ratio.map(|r| r.text()).as_deref(), text);
        assert_eq!(ratio.is_some_and(|r| r.is_high()), high, "{text:?}");
    }
}

#[test]
fn caffeine_limits_by_profile() {
    let profile =
        |years, sex, status| Profile::new(Age::from_years(years).unwrap(), sex, status).unwrap();
    let cases = [
        (profile(40, Sex::Male, Status::None), Some(400.0)),
        (profile(18, Sex::Female, Status::None), Some(400.0)),
        (profile(30, Sex::Female, Status::Pregnant), Some(200.0)),
        (profile(30, Sex::Female, Status::Breastfeeding), Some(200.0)),
        (profile(15, Sex::Female, Status::None), None),
    ];
    for (p, limit) in cases {
        assert_eq!(caffeine_limit_mg(p), limit, "{p:?}");
    }
}

#[test]
fn context_notes_apply() {
    let db = table();
    let ul = Some(350);
    let limit = Some(CAFFEINE_ADULT_LIMIT_MG);
    let coffee = |mg| ContextNote::Caffeine {
        caffeine: PartialSum { mg, unknown: 0 },
        limit_mg: limit,
    };
    // (items, tags, notes expected)
    let cases: Vec<(Vec<Item>, Vec<&str>, Vec<ContextNote>)> = vec![
        (
            vec![food(11457, "Spinach, raw", 1.0, 30.0, Some(79.0))],
            vec![],
            vec![],
        ),
        (vec![logged(COFFEE, 240.0)], vec![], vec![coffee(96.0)]),
        // A tag adds nothing when the foods already show the caffeine.
        (
            vec![logged(COFFEE, 240.0)],
            vec!["coffee"],
            vec![coffee(96.0)],
        ),
        // A tag without logged caffeine: the data cannot know the amount.
        (vec![], vec!["Coffee"], vec![ContextNote::CaffeineTagged]),
        // The name alone no longer decides caffeine: a typed "Coffee" has
        // no caffeine value.
        (
            vec![custom(
                &CustomItem {
                    name: "Coffee".to_string(),
                    ..sachet(2.0, false)
                },
                CustomAmount::Servings(pos(1.0)),
            )],
            vec![],
            vec![],
        ),
        (
            vec![food(
                1,
                "Alcoholic beverage, wine, table, red",
                1.0,
                150.0,
                Some(12.0),
            )],
            vec!["caffeine"],
            vec![ContextNote::CaffeineTagged, ContextNote::Alcohol],
        ),
        (vec![], vec![" ALCOHOL "], vec![ContextNote::Alcohol]),
        (
            vec![logged(MILK, 488.0)],
            vec![],
            vec![ContextNote::HighCalciumRatio(Ratio {
                value: 551.0 / 49.0,
                bound: Bound::Exact,
            })],
        ),
        (
            vec![
                supplement(
                    SupplementForm::Other,
                    DoseInput::ElementalMg(pos(400.0)),
                    1.0,
                ),
                food(2, "B", 1.0, 50.0, None),
                topical(),
            ],
            vec!["headache"],
            vec![
                ContextNote::OverUpperLimit {
                    supplement_mg: 400.0,
                    upper_limit_mg: 350,
                },
                ContextNote::MissingData { count: 1 },
                ContextNote::TopicalNotCounted,
            ],
        ),
        (
            vec![custom(
                &sachet(400.0, false),
                CustomAmount::Servings(pos(1.0)),
            )],
            vec![],
            vec![],
        ),
    ];
    for (items, tags, expected) in cases {
        let log = log_of(items);
        let summary = DaySummary::new(log.totals(), Some(310), ul);
        let nutrients = DayNutrients::of(&log, &db);
        assert_eq!(
            context_notes(&log, &summary, Some(&nutrients), limit, &tags),
            expected,
            "{tags:?}"
        );
    }

    // While the food table loads, only what words can say is shown.
    let log = log_of(vec![logged(COFFEE, 240.0)]);
    let summary = DaySummary::new(log.totals(), Some(310), ul);
    assert!(context_notes(&log, &summary, None, limit, &["coffee"]).is_empty());

    assert_eq!(
        coffee(96.0).text(),
        "Caffeine today: 96 mg. It briefly increases the magnesium lost in urine, a small \
         effect over a whole day."
    );
    let five_mugs = ContextNote::Caffeine {
        caffeine: PartialSum {
            mg: 480.0,
            unknown: 1,
        },
        limit_mg: limit,
    };
    assert!(
        five_mugs
            .text()
            .starts_with("Caffeine today: at least 480 mg, more than the 400 mg a day"),
        "{}",
        five_mugs.text()
    );
    let no_limit = ContextNote::Caffeine {
        caffeine: PartialSum {
            mg: 480.0,
            unknown: 0,
        },
        limit_mg: None,
    };
    assert!(!no_limit.text().contains("EFSA"));
    let high = ContextNote::HighCalciumRatio(Ratio {
        value: 3.04,
        bound: Bound::AtLeast,
    })
    .text();
    assert!(
        high.contains("at least 3.0 : 1") && high.contains("2.6 : 1"),
        "{high}"
    );

    let text = ContextNote::OverUpperLimit {
        supplement_mg: 400.0,
        upper_limit_mg: 350,
    }
    .text();
    assert!(text.contains("400 mg") && text.contains("350 mg") && text.contains("Loose stools"));
    assert!(
        ContextNote::TopicalNotCounted
            .text()
            .contains(TOPICAL_REASON)
    );
    assert_eq!(
        ContextNote::MissingData { count: 2 }.text(),
        "2 items have no magnesium data, so the real total may be higher than shown."
    );
}

#[test]
fn alcohol_names() {
    // (name, alcohol)
    let cases = [
        ("Beverages, coffee, brewed, prepared with tap water", false),
        (
            "Beverages, coffee, brewed, prepared with tap water, decaffeinated",
            false,
        ),
        (
            "Beverages, tea, black, brewed, prepared with tap water",
            false,
        ),
        ("Beverages, tea, herb, brewed, chamomile", false),
        ("Beverages, tea, hibiscus, brewed", false),
        ("Beverages, carbonated, cola, regular", false),
        ("Beverages, carbonated, cola, without caffeine", false),
        (
            "Beverages, COCA-COLA, POWERADE, lemon-lime flavored, ready-to-drink",
            false,
        ),
        ("Beverages, Energy drink, RED BULL", false),
        (
            "Beverages, coffee substitute, cereal grain beverage, powder",
            false,
        ),
        ("Cream, fluid, light (coffee cream or table cream)", false),
        (
            "Cookies, animal crackers (includes arrowroot, tea biscuits)",
            false,
        ),
        ("Green tea", false),
        ("Steak, grilled", false),
        ("Alcoholic beverage, beer, regular, all", true),
        (
            "Alcoholic beverage, distilled, all (gin, rum, vodka, whiskey) 80 proof",
            true,
        ),
        ("Alcoholic beverage, liqueur, coffee, 53 proof", true),
        ("Beverages, Wine, non-alcoholic", false),
        ("Vinegar, red wine", false),
        ("Beverages, carbonated, root beer", false),
        ("Beverages, Whiskey sour mix, bottled", false),
        ("Beerwurst, beer salami, pork", false),
        ("Beverages, AMBER, hard cider", true),
        ("Red wine", true),
        ("Ginger, ground", false),
    ];
    for (name, alcohol) in cases {
        assert_eq!(name_suggests_alcohol(name), alcohol, "alcohol: {name}");
    }
}

#[test]
fn quantities_format_compactly() {
    let cases = [
        (1.0, "1"),
        (1.5, "1.5"),
        (0.25, "0.25"),
        (2.0 / 3.0, "0.67"),
        (10.0, "10"),
        (0.001, "0"),
        (100.0, "100"),
    ];
    for (q, text) in cases {
        assert_eq!(format_quantity(q), text, "{q}");
    }
}
