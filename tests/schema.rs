//! The stored format as files: one fixture per record kind, written by the
//! schema-1 code, must decode with every later build. When schema 2 exists
//! these files stay as they are (add `schema-v2/` beside them), so this test
//! proves that the migration chain still reads what real browsers hold.

// proptest and the fixtures on disk are native-only; the wasm32 test run
// (`cargo test --target wasm32-unknown-unknown`) covers the browser instead.
#![cfg(not(target_arch = "wasm32"))]

use magnesium_tracker::domain::date::Date;
use magnesium_tracker::domain::diary::{Rating, SymptomId};
use magnesium_tracker::domain::food::NdbNo;
use magnesium_tracker::domain::schema::{
    CURRENT_SCHEMA, DecodeError, QuarantineKey, Record, RecordKey, RecordKind, decode, encode,
    quarantine_key,
};
use magnesium_tracker::domain::shop::compare::Compared;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1")
}

/// The storage key a fixture file stands for: `profile.json` is
/// `mgt/v1/profile`, `day-2025-03-01.json` is `mgt/v1/day/2025-03-01`,
/// `meta.json` is `mgt/meta`.
fn key_for(stem: &str) -> String {
    if stem == "meta" {
        return "mgt/meta".to_owned();
    }
    for kind in ["day", "diary"] {
        if let Some(date) = stem.strip_prefix(kind).and_then(|r| r.strip_prefix('-')) {
            return format!("mgt/v1/{kind}/{date}");
        }
    }
    format!("mgt/v1/{stem}")
}

/// Every fixture as (file stem, storage key, raw text).
fn fixtures() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(fixture_dir()).expect("fixture directory") {
        let path = entry.expect("directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name");
        let raw = std::fs::read_to_string(&path).expect("readable fixture");
        out.push((stem.to_owned(), key_for(stem), raw));
    }
    out.sort();
    out
}

fn decoded() -> BTreeMap<RecordKind, Record> {
    fixtures()
        .into_iter()
        .map(|(stem, key, raw)| {
            let stored = decode(&key, &raw).unwrap_or_else(|e| panic!("{stem}: {e}"));
            (stored.key().kind(), stored.into_record())
        })
        .collect()
}

#[test]
fn every_record_kind_has_a_fixture() {
    let kinds: Vec<RecordKind> = decoded().into_keys().collect();
    assert_eq!(kinds, RecordKind::ALL);
}

#[test]
fn every_v1_fixture_decodes_under_its_key() {
    for (stem, key, raw) in fixtures() {
        let stored = decode(&key, &raw).unwrap_or_else(|e| panic!("{stem}: {e}"));
        assert_eq!(stored.key().to_string(), key, "{stem}");
        if CURRENT_SCHEMA == 1 {
            // While schema 1 is current, encoding must reproduce the stored
            // bytes exactly: any difference would mean the format drifted
            // without a schema bump.
            assert_eq!(encode(&stored), raw.trim_end(), "{stem}");
        }
    }
}

#[test]
fn fixture_contents_survive_decoding() {
    let records = decoded();
    let Some(Record::Day(day)) = records.get(&RecordKind::Day) else {
        panic!("no day log");
    };
    assert_eq!(day.date(), Date::parse("2025-03-01").unwrap());
    assert_eq!(day.entries().len(), 7);
    let totals = day.totals();
    // Almonds 1.5 × 28.35 g at 270 mg/100 g, plus 0.75 l of water at 108 mg/l.
    let food = 1.5 * 28.35 * 270.0 / 100.0 + 0.75 * 108.0;
    // Two 100 mg glycinate servings, one 500 mg citrate tablet as converted
    // when it was logged, and a sachet of 60 mg counted as a supplement.
    let supplements = 200.0 + 80.81677983121743 + 60.0;
    assert!((totals.food_mg - food).abs() < 1e-9, "{}", totals.food_mg);
    assert!((totals.supplement_mg - supplements).abs() < 1e-9);
    assert_eq!(totals.missing_data_count, 1);
    assert_eq!(totals.topical_count, 1);

    let Some(Record::Diary(entry)) = records.get(&RecordKind::Diary) else {
        panic!("no diary entry");
    };
    let Some(Record::Symptoms(list)) = records.get(&RecordKind::Symptoms) else {
        panic!("no symptom list");
    };
    // Every rated id resolves to a symptom of the stored list.
    for id in entry.ratings().keys() {
        assert!(list.get(id).is_some(), "{id}");
    }
    let sleep = SymptomId::new("sleep").unwrap();
    assert_eq!(entry.rating(&sleep), Some(Rating::new(0).unwrap()));
    assert_eq!(entry.rating(&SymptomId::new("fatigue").unwrap()), None);
    assert!(list.get(&sleep).unwrap().higher_is_better());
    assert_eq!(list.all()[0].id(), &sleep, "the stored order is kept");
    assert!(entry.note().contains("ünïcödé ✓"));

    let Some(Record::Regimen(regimen)) = records.get(&RecordKind::Regimen) else {
        panic!("no regimen");
    };
    // Doses are in the order of the day: the 07:30 citrate before bedtime.
    assert_eq!(regimen.doses().len(), 2);
    assert_eq!(regimen.doses()[0].time().clock().to_string(), "07:30");
    assert!((regimen.daily_elemental_mg() - (80.81677983121743 + 200.0)).abs() < 1e-9);

    let Some(Record::Meals(meals)) = records.get(&RecordKind::Meals) else {
        panic!("no meals");
    };
    assert_eq!(meals[0].name, "Breakfast");
    assert!((meals[0].totals().total_mg() - (28.35 * 2.7 + 54.0)).abs() < 1e-9);

    let Some(Record::Recipes(recipes)) = records.get(&RecordKind::Recipes) else {
        panic!("no recipes");
    };
    // A food number no table has still decodes; per serving is a lower bound.
    let per = recipes[0].per_serving().unwrap();
    assert!((per.total_mg() - (270.0 + 60.0) / 4.0).abs() < 1e-9);
    assert_eq!(per.missing_data_count, 1);
    assert!(per.total_text().starts_with("at least 83 mg"));

    let Some(Record::ShoppingList(list)) = records.get(&RecordKind::ShoppingList) else {
        panic!("no shopping list");
    };
    // The stored order (the person's) is kept; free text and a food no table
    // has make the total a lower bound.
    assert_eq!(list.shown_ids(), [1, 2, 4, 3]);
    assert_eq!(list.checked_count(), 1);
    assert!(list.get(1).unwrap().note.contains("\"raw\" ✓"));
    assert_eq!(list.total().text(), "at least 931 mg");
    assert!(
        list.share_text()
            .unwrap()
            .contains("[x] Spinach, raw — 500 g, 395 mg\n")
    );

    let Some(Record::Prices(prices)) = records.get(&RecordKind::Prices) else {
        panic!("no prices");
    };
    let almonds = prices.get(Compared::Food(NdbNo(12061))).unwrap();
    assert_eq!((almonds.price.get(), almonds.grams.get()), (3.49, 200.0));
    // Food numbers are written with five digits, as the address writes them.
    assert!(prices.get(Compared::Food(NdbNo(1123))).is_some());
    assert!(prices.get(Compared::Custom(3)).is_some());
    assert_eq!(prices.len(), 3);
}

/// A custom item entered from a nutrition label, as this build writes it.
const LABEL_ITEMS: &str = r#"{"schema":1,"updated_at_ms":1740787200014,"data":[{"id":1,"name":"Electrolyte sachet","basis":{"per_serving":{"label":"1 sachet","mg":60.0}},"supplement":true},{"id":2,"name":"Oat bar","basis":{"per_serving":{"label":"1 serving (40 g)","mg":42.0}},"supplement":false,"serving_grams":40.0,"kcal_per_serving":168.0}]}"#;

#[test]
fn a_label_item_keeps_its_serving_weight_and_energy_and_older_items_none() {
    let stored = decode("mgt/v1/custom-items", LABEL_ITEMS).unwrap();
    assert_eq!(encode(&stored), LABEL_ITEMS, "the shape is stable");
    let Record::CustomItems(items) = stored.record() else {
        panic!("not custom items");
    };
    assert_eq!(items[0].serving_grams, None);
    assert_eq!(items[0].kcal_per_serving, None);
    assert_eq!(items[1].serving_grams.map(|g| g.get()), Some(40.0));
    assert_eq!(items[1].kcal_per_serving.map(|k| k.get()), Some(168.0));
    // A label with a serving of no weight is damage, not an item.
    let zero = LABEL_ITEMS.replace("\"serving_grams\":40.0", "\"serving_grams\":0.0");
    assert!(decode("mgt/v1/custom-items", &zero).is_err());
}

#[test]
fn prices_under_keys_that_name_nothing_are_refused() {
    for data in [
        r#"{"x1":{"price":1.0,"grams":1.0}}"#,
        // One food written two ways would be two prices for one food.
        r#"{"1123":{"price":1.0,"grams":1.0}}"#,
        r#"{"12061":{"price":-1.0,"grams":1.0}}"#,
        r#"{"12061":{"price":1.0}}"#,
    ] {
        let raw = format!(r#"{{"schema":1,"updated_at_ms":1,"data":{data}}}"#);
        assert!(decode("mgt/v1/prices", &raw).is_err(), "{data}");
    }
}

#[test]
fn damaged_fixtures_are_quarantined_with_their_text() {
    for (stem, key, raw) in fixtures() {
        let cut = &raw[..raw.len() / 2];
        match decode(&key, cut) {
            Err(DecodeError::Corrupt { key: k, raw: r, .. }) => {
                assert_eq!(k, key);
                assert_eq!(r, cut, "{stem}: the text is kept byte for byte");
                let q = quarantine_key(&k, 1_741_000_000_000);
                let parsed = QuarantineKey::parse(&q).unwrap();
                assert_eq!(parsed.original, key);
                assert_eq!(
                    RecordKey::parse(&parsed.original).map(|k| k.to_string()),
                    Some(key.clone())
                );
            }
            other => panic!("{stem}: expected Corrupt, got {other:?}"),
        }
    }
}

#[test]
fn fixtures_marked_newer_are_left_alone() {
    for (stem, key, raw) in fixtures() {
        let found = u64::from(CURRENT_SCHEMA) + 1;
        let newer = raw.replacen("\"schema\":1", &format!("\"schema\":{found}"), 1);
        assert_ne!(
            newer, raw,
            "{stem}: the fixture starts with the schema number"
        );
        assert_eq!(
            decode(&key, &newer),
            Err(DecodeError::NewerSchema {
                key: key.clone(),
                found,
                supported: CURRENT_SCHEMA
            }),
            "{stem}"
        );
    }
}
