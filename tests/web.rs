//! The storage adapter and the store's actions against real localStorage in
//! headless Chromium: round trips, damaged values, values from a newer app, a
//! full store, and the meta record written on start.
//! Run by `cargo test --target wasm32-unknown-unknown --test web`.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::GetUntracked;
use magnesium_tracker::domain::date::Date;
use magnesium_tracker::domain::day::{DayLog, Item, TopicalEntry};
use magnesium_tracker::domain::dri::{Age, Profile, Sex, Status};
use magnesium_tracker::domain::food::NdbNo;
use magnesium_tracker::domain::schema::{self, Meta, Record, RecordKey, Stored};
use magnesium_tracker::domain::shop::compare::Compared;
use magnesium_tracker::domain::shop::price::{PackagePrice, PriceBook};
use magnesium_tracker::storage::{self, Problem, SaveError};
use magnesium_tracker::store::Store;
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

fn woman(years: u16) -> Profile {
    Profile::new(Age::from_years(years).unwrap(), Sex::Female, Status::None).unwrap()
}

fn profile(years: u16, at: u64) -> Stored {
    Stored::new(Record::Profile(woman(years)), at)
}

/// Fills localStorage for real, halving the chunk until nothing more fits.
fn fill_storage() {
    let mut chunk = "x".repeat(1 << 20);
    let mut i = 0;
    while !chunk.is_empty() {
        if local().set_item(&format!("filler/{i}"), &chunk).is_err() {
            chunk.truncate(chunk.len() / 2);
        }
        i += 1;
    }
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
fn package_prices_are_stored_and_the_store_loads_them() {
    local().clear().unwrap();
    let almonds = Compared::Food(NdbNo(12061));
    let price = PackagePrice::parse("3,49", "200").unwrap();
    let mut book = PriceBook::default();
    book.set(almonds, price);
    let stored = Stored::new(Record::Prices(book), 1_700_000_000_000);
    storage::save(&stored).unwrap();
    let loaded = storage::load_all();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.records, vec![stored]);
    let store = Store::load();
    assert_eq!(store.prices.get_untracked().get(almonds), price);
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

    // The adapter itself refuses to write or delete the key.
    let found = u64::from(schema::CURRENT_SCHEMA) + 1;
    let refused = SaveError::NewerSchema {
        key: key.clone(),
        found,
    };
    assert_eq!(storage::save(&profile(40, 2)), Err(refused.clone()));
    assert_eq!(storage::remove(RecordKey::Profile), Err(refused));
    assert_eq!(
        local().get_item(&key).unwrap().as_deref(),
        Some(newer.as_str()),
        "nothing changed"
    );
}

#[test]
fn a_newer_value_written_after_loading_is_not_overwritten_either() {
    local().clear().unwrap();
    storage::save(&profile(40, 1)).unwrap();
    let store = Store::load();
    assert!(store.problems.get_untracked().is_empty());
    // A newer app in another tab writes the key after this one loaded.
    let key = RecordKey::Profile.to_string();
    let newer = format!(
        "{{\"schema\":{},\"updated_at_ms\":9,\"data\":{{}}}}",
        schema::CURRENT_SCHEMA + 1
    );
    local().set_item(&key, &newer).unwrap();
    assert!(matches!(
        storage::save(&profile(50, 10)),
        Err(SaveError::NewerSchema { .. })
    ));
    assert_eq!(
        local().get_item(&key).unwrap().as_deref(),
        Some(newer.as_str())
    );
}

#[test]
fn a_refused_write_leaves_memory_and_storage_as_they_were() {
    local().clear().unwrap();
    let key = RecordKey::Profile.to_string();
    let newer = format!(
        "{{\"schema\":{},\"updated_at_ms\":1,\"data\":{{}}}}",
        schema::CURRENT_SCHEMA + 1
    );
    local().set_item(&key, &newer).unwrap();
    let store = Store::load();
    let before = store.data_untracked();

    store.set_profile(woman(50));

    assert_eq!(store.data_untracked(), before, "memory unchanged");
    assert_eq!(store.data_untracked().profile, None);
    assert!(
        store
            .save_error
            .get_untracked()
            .is_some_and(|e| e.contains("newer version")),
        "{:?}",
        store.save_error.get_untracked()
    );
    assert_eq!(
        local().get_item(&key).unwrap().as_deref(),
        Some(newer.as_str()),
        "storage unchanged"
    );
}

#[test]
fn meta_records_the_app_version_on_start() {
    local().clear().unwrap();
    Store::load();
    let raw = local().get_item(schema::META_KEY).unwrap().unwrap();
    let stored = schema::decode(schema::META_KEY, &raw).unwrap();
    assert_eq!(
        stored.record(),
        &Record::Meta(Meta::current(env!("CARGO_PKG_VERSION")))
    );
    // A start with the same version leaves it as it is.
    Store::load();
    assert_eq!(local().get_item(schema::META_KEY).unwrap(), Some(raw));
}

#[test]
fn a_full_store_reports_the_failure_and_keeps_what_was_saved() {
    local().clear().unwrap();
    let before = day("2026-03-01", "before");
    storage::save(&before).unwrap();
    fill_storage();
    let mut log = DayLog::new(Date::parse("2026-03-01").unwrap());
    log.add(Item::Topical(TopicalEntry {
        description: "a much longer note that no longer fits".repeat(50),
    }));
    let error = storage::save(&Stored::new(Record::Day(log), 1_800_000_000_000)).unwrap_err();
    assert_eq!(error, SaveError::Full);
    assert!(error.to_string().contains("full"), "{error}");
    let key = before.key().to_string();
    let raw = local().get_item(&key).unwrap().unwrap();
    assert_eq!(
        schema::decode(&key, &raw).unwrap(),
        before,
        "the old value is intact"
    );
    local().clear().unwrap();
}

#[test]
fn a_write_that_does_not_fit_leaves_memory_and_storage_as_they_were() {
    local().clear().unwrap();
    let date = Date::parse("2026-03-01").unwrap();
    let before = day("2026-03-01", "before");
    storage::save(&before).unwrap();
    let store = Store::load();
    let memory = store.data_untracked();
    fill_storage();
    let key = before.key().to_string();
    let stored = local().get_item(&key).unwrap();

    store.update_day(date, |log| {
        log.add(Item::Topical(TopicalEntry {
            description: "a much longer note that no longer fits".repeat(50),
        }))
    });

    assert_eq!(store.data_untracked(), memory, "memory unchanged");
    assert_eq!(
        store
            .data_untracked()
            .days
            .get(&date)
            .map(DayLog::entries)
            .map(<[_]>::len),
        Some(1)
    );
    assert!(
        store
            .save_error
            .get_untracked()
            .is_some_and(|e| e.contains("full")),
        "{:?}",
        store.save_error.get_untracked()
    );
    assert_eq!(local().get_item(&key).unwrap(), stored, "storage unchanged");
    local().clear().unwrap();
}

#[test]
fn device_records_round_trip_and_follow_the_records_rules() {
    use magnesium_tracker::domain::schema::DeviceKey;
    use magnesium_tracker::domain::sync::ReplicaState;
    local().clear().unwrap();
    assert_eq!(storage::load_device::<ReplicaState>(), Ok(None));
    let state = ReplicaState::new("dev1");
    storage::save_device(&state, 5).unwrap();
    assert_eq!(
        storage::load_device::<ReplicaState>(),
        Ok(Some(state.clone()))
    );
    // Device records are not the person's records: they stay out of the
    // store's load (and so out of backups and sync).
    assert!(storage::load_all().records.is_empty());

    // Damaged: moved aside with its text and reported, never dropped.
    let key = DeviceKey::SyncState.as_str();
    local()
        .set_item(key, "{\"schema\":1,\"data\":{\"device\":")
        .unwrap();
    let Err(Problem::Quarantined {
        original,
        quarantine_key,
        raw,
        ..
    }) = storage::load_device::<ReplicaState>()
    else {
        panic!("a damaged sync state must be quarantined");
    };
    assert_eq!(original, key);
    assert_eq!(local().get_item(key).unwrap(), None);
    assert_eq!(local().get_item(&quarantine_key).unwrap(), Some(raw));

    // From a newer app: left as it is, and never overwritten or deleted.
    let newer = format!(
        "{{\"schema\":{},\"updated_at_ms\":1,\"data\":{{}}}}",
        schema::CURRENT_SCHEMA + 1
    );
    local().set_item(key, &newer).unwrap();
    assert!(matches!(
        storage::load_device::<ReplicaState>(),
        Err(Problem::NewerSchema { .. })
    ));
    assert!(matches!(
        storage::save_device(&state, 6),
        Err(SaveError::NewerSchema { .. })
    ));
    assert!(matches!(
        storage::remove_device(DeviceKey::SyncState),
        Err(SaveError::NewerSchema { .. })
    ));
    assert_eq!(local().get_item(key).unwrap(), Some(newer));
}

#[test]
fn the_shopping_list_saves_through_the_store_and_a_refused_write_confirms_nothing() {
    // A successful save asks once for persistent storage in a task, which
    // needs Leptos's executor; mounting an empty view starts it.
    leptos::mount::mount_to_body(|| ());
    local().clear().unwrap();
    let store = Store::load();
    let id = store
        .update_list(|l| l.add_text("Gerolsteiner, 6 bottles"))
        .expect("saved")
        .expect("valid text");
    let reloaded = Store::load().shopping_list.get_untracked();
    assert_eq!(
        reloaded.get(id).map(|i| i.name.as_str()),
        Some("Gerolsteiner, 6 bottles")
    );

    // A list a newer app wrote blocks the write: the action reports nothing
    // saved (so the page confirms nothing and offers no undo) and memory
    // keeps the list it had.
    let key = RecordKey::ShoppingList.to_string();
    let newer = format!(
        "{{\"schema\":{},\"updated_at_ms\":1,\"data\":{{}}}}",
        schema::CURRENT_SCHEMA + 1
    );
    local().set_item(&key, &newer).unwrap();
    let before = store.shopping_list.get_untracked();
    assert_eq!(store.update_list(|l| l.add_text("Oats")), None);
    assert_eq!(store.shopping_list.get_untracked(), before);
    assert_eq!(
        local().get_item(&key).unwrap().as_deref(),
        Some(newer.as_str())
    );
}
