//! The storage adapter against real localStorage in headless Chromium:
//! round trips, damaged values, values from a newer app, and a full store.
//! Run by `cargo test --target wasm32-unknown-unknown --test web`.

#![cfg(target_arch = "wasm32")]

use magnesium_tracker::domain::date::Date;
use magnesium_tracker::domain::day::{DayLog, Item, TopicalEntry};
use magnesium_tracker::domain::schema::{self, Record, RecordKey, Stored};
use magnesium_tracker::storage::{self, Problem};
use wasm_bindgen_test::wasm_bindgen_test as test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn day(date: &str, note: &str) -> Stored {
    let mut log = DayLog::new(Date::parse(date).unwrap());
    log.add(Item::Topical(TopicalEntry {
        description: note.into(),
    }));
    Stored::new(Record::Day(log), 1_700_000_000_000)
}

#[test]
fn a_saved_record_loads_back() {
    local().clear().unwrap();
    let stored = day("2026-03-01", "spray");
    storage::save(&stored).unwrap();
    let loaded = storage::load_all();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.records, vec![stored]);
}

#[test]
fn a_damaged_value_is_moved_aside_with_its_text_and_the_rest_loads() {
    local().clear().unwrap();
    storage::save(&day("2026-03-01", "kept")).unwrap();
    let bad_key = RecordKey::Day(Date::parse("2026-03-02").unwrap()).to_string();
    local()
        .set_item(
            &bad_key,
            "{\"schema\":1,\"updated_at_ms\":5,\"data\":{\"date\":",
        )
        .unwrap();

    let loaded = storage::load_all();
    assert_eq!(loaded.records.len(), 1, "the good record still loads");
    let [
        Problem::Quarantined {
            original,
            quarantine_key,
            raw,
            ..
        },
    ] = loaded.problems.as_slice()
    else {
        panic!("expected one quarantined value, got {:?}", loaded.problems);
    };
    assert_eq!(original, &bad_key);
    assert!(raw.ends_with("\"date\":"));
    assert_eq!(
        local().get_item(&bad_key).unwrap(),
        None,
        "moved, not copied"
    );
    assert_eq!(
        local().get_item(quarantine_key).unwrap().as_deref(),
        Some(raw.as_str()),
        "never deleted"
    );

    // The next start reports it again until the person discards it.
    let again = storage::load_all();
    assert!(matches!(
        again.problems.as_slice(),
        [Problem::Quarantined { .. }]
    ));
    storage::discard_quarantined(quarantine_key).unwrap();
    assert!(storage::load_all().problems.is_empty());
}

#[test]
fn a_value_from_a_newer_app_is_left_untouched_and_blocks_writes() {
    local().clear().unwrap();
    let key = RecordKey::Profile.to_string();
    let newer = format!(
        "{{\"schema\":{},\"updated_at_ms\":1,\"data\":{{\"future\":true}}}}",
        schema::CURRENT_SCHEMA + 1
    );
    local().set_item(&key, &newer).unwrap();
    let loaded = storage::load_all();
    assert!(loaded.records.is_empty());
    assert!(
        matches!(loaded.problems.as_slice(), [Problem::NewerSchema { key: k, .. }] if k == &key)
    );
    assert!(storage::blocked_keys(&loaded.problems).contains(&key));
    assert_eq!(
        local().get_item(&key).unwrap().as_deref(),
        Some(newer.as_str())
    );
}

#[test]
fn a_full_store_reports_the_failure_and_keeps_what_was_saved() {
    local().clear().unwrap();
    let before = day("2026-03-01", "before");
    storage::save(&before).unwrap();
    // Fill localStorage for real, halving the chunk until nothing more fits.
    let mut chunk = "x".repeat(1 << 20);
    let mut i = 0;
    while !chunk.is_empty() {
        if local().set_item(&format!("filler/{i}"), &chunk).is_err() {
            chunk.truncate(chunk.len() / 2);
        }
        i += 1;
    }
    let mut log = DayLog::new(Date::parse("2026-03-01").unwrap());
    log.add(Item::Topical(TopicalEntry {
        description: "a much longer note that no longer fits".repeat(50),
    }));
    let error = storage::save(&Stored::new(Record::Day(log), 1_800_000_000_000)).unwrap_err();
    assert!(error.0.contains("full"), "{}", error.0);
    let key = before.key().to_string();
    let raw = local().get_item(&key).unwrap().unwrap();
    assert_eq!(
        schema::decode(&key, &raw).unwrap(),
        before,
        "the old value is intact"
    );
    local().clear().unwrap();
}
