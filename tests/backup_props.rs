//! Properties of the backup importer and the record decoder: whatever a
//! person (or a broken download) feeds them, they return an error instead
//! of panicking, and every valid state survives export and import intact.
//!
//! Case counts are kept at 256 so the suite stays quick on a small machine.

// proptest and the fixtures on disk are native-only; the wasm32 test run
// (`cargo test --target wasm32-unknown-unknown`) covers the browser instead.
#![cfg(not(target_arch = "wasm32"))]

use magnesium_tracker::domain::amounts::{NonNegative, Positive};
use magnesium_tracker::domain::backup::{
    ImportMode, Snapshot, export_backup, parse_backup, parse_backup_str, plan_import,
};
use magnesium_tracker::domain::chart::Span;
use magnesium_tracker::domain::date::{Date, MAX_FORMATTED_MS};
use magnesium_tracker::domain::day::{
    CustomBasis, CustomItem, DayLog, FoodEntry, Item, TopicalEntry,
};
use magnesium_tracker::domain::diary::{DiaryEntry, Rating, SymptomId, SymptomList, normalise_tag};
use magnesium_tracker::domain::dri::{Age, Profile, ReferenceSet, Sex, Status};
use magnesium_tracker::domain::food::NdbNo;
use magnesium_tracker::domain::regimen::{DoseDraft, DoseTime, Regimen};
use magnesium_tracker::domain::schema::{DecodeError, MAX_TIMESTAMP_MS, Record, Stored, decode};
use magnesium_tracker::domain::settings::Settings;
use magnesium_tracker::domain::shop::compare::Compared;
use magnesium_tracker::domain::shop::list::{Amount, NewFood, ShoppingList};
use magnesium_tracker::domain::shop::price::{PackagePrice, PriceBook};
use magnesium_tracker::domain::supplement::{DoseInput, SupplementForm};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(256)
}

/// Names and strings that appear in real files, mixed into random JSON so
/// that generated values reach past the first checks.
const KNOWN_WORDS: [&str; 16] = [
    "format",
    "format_version",
    "exported_at",
    "profile",
    "settings",
    "symptoms",
    "days",
    "diary",
    "schema",
    "updated_at_ms",
    "data",
    "date",
    "ratings",
    "magnesium-tracker-backup",
    "2025-03-01",
    "cramps",
];

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(KNOWN_WORDS.to_vec()).prop_map(str::to_owned),
        ".{0,12}",
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (0u64..20).prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        arb_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((arb_text(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "mgt/v1/profile",
            "mgt/v1/settings",
            "mgt/v1/custom-items",
            "mgt/v1/symptoms",
            "mgt/v1/day/2025-03-01",
            "mgt/v1/diary/2025-03-01",
            "mgt/meta",
            "mgt/quarantine/mgt/v1/profile/12",
        ])
        .prop_map(str::to_owned),
        ".{0,30}",
    ]
}

/// The parts of a backup file, each of which a case may replace.
const PARTS: [&str; 6] = [
    "profile",
    "settings",
    "custom_items",
    "symptoms",
    "days",
    "diary",
];

/// A valid backup of a generated state, with its parts replaced by arbitrary
/// JSON in about half the cases: starting from a valid file lets the
/// importer accept often enough for the round trip below to be tested,
/// while the replaced parts reach its checks of each part.
fn arb_backup_with_arbitrary_parts() -> impl Strategy<Value = String> {
    (
        arb_snapshot(),
        0..=MAX_FORMATTED_MS,
        prop::option::of(prop::collection::vec(
            (prop::sample::select(PARTS.to_vec()), arb_json()),
            1..4,
        )),
    )
        .prop_map(|(state, exported_at, replaced)| {
            let file = export_backup(&state, exported_at);
            let mut value: Value = serde_json::from_str(&file).expect("an export is JSON");
            let fields = value.as_object_mut().expect("an export is an object");
            for (part, v) in replaced.into_iter().flatten() {
                fields.insert(part.to_owned(), v);
            }
            value.to_string()
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_are_rejected(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        prop_assert!(parse_backup(&bytes).is_err());
    }

    #[test]
    fn arbitrary_json_is_rejected(value in arb_json()) {
        let text = value.to_string();
        let result = parse_backup_str(&text);
        prop_assert!(result.is_err(), "{text}");
        // Every error has a message for the page.
        prop_assert!(!result.unwrap_err().to_string().is_empty());
    }

    #[test]
    fn damaged_backups_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = export_backup(&fixed_state(), 1_741_000_000_000).into_bytes();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        // Edits inside a note can leave a valid file; only panics are wrong.
        let _ = parse_backup(&bytes);
    }

    #[test]
    fn tag_normalisation_is_idempotent(tag in ".{0,16}") {
        let once = normalise_tag(&tag);
        prop_assert_eq!(normalise_tag(&once), once.clone());
        prop_assert!(!once.contains([',', ';']));
    }

    #[test]
    fn decode_rejects_arbitrary_text(key in arb_key(), raw in ".{0,64}") {
        prop_assert!(decode(&key, &raw).is_err());
    }

    #[test]
    fn decode_rejects_arbitrary_json(key in arb_key(), value in arb_json()) {
        prop_assert!(decode(&key, &value.to_string()).is_err());
    }

    #[test]
    fn decode_of_envelopes_with_arbitrary_data_reports_damage(
        key in prop::sample::select(vec![
            "mgt/v1/profile", "mgt/v1/settings", "mgt/v1/custom-items", "mgt/v1/symptoms",
            "mgt/v1/day/2025-03-01", "mgt/v1/diary/2025-03-01", "mgt/meta",
        ]),
        ts in any::<u64>(),
        data in arb_json(),
    ) {
        let raw = serde_json::json!({"schema": 1, "updated_at_ms": ts, "data": data}).to_string();
        match decode(key, &raw) {
            Ok(stored) => prop_assert_eq!(stored.key().to_string(), key),
            Err(DecodeError::Corrupt { raw: kept, .. }) => prop_assert_eq!(kept, raw),
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn valid_states_round_trip(state in arb_snapshot(), exported_at in 0..=MAX_FORMATTED_MS) {
        let file = export_backup(&state, exported_at);
        let backup = parse_backup_str(&file).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(backup.exported_at_ms(), exported_at);
        prop_assert_eq!(backup.records(), &state);

        let into_empty = plan_import(&Snapshot::empty(), &backup, ImportMode::Replace, 0)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&into_empty.result, &state);
        let merged = plan_import(&Snapshot::empty(), &backup, ImportMode::Merge, 0)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&merged.result, &state);

        // Importing a backup of the current state changes nothing.
        for mode in [ImportMode::Merge, ImportMode::Replace] {
            let same = plan_import(&state, &backup, mode, 0)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(!same.changes_anything(), "{:?}", mode);
        }

        // Each record also survives the localStorage encoding on its own.
        for stored in state.iter() {
            let text = magnesium_tracker::domain::schema::encode(stored);
            prop_assert_eq!(&decode(&stored.key().to_string(), &text), &Ok(stored.clone()));
        }
    }
}

/// Valid backups with arbitrary parts never make the importer panic; what it
/// accepts exports and imports again unchanged. The run counts both
/// outcomes, so the round trip is known to have been checked in many cases
/// and the arbitrary parts to have reached the importer's refusals.
#[test]
fn backups_with_arbitrary_parts_never_panic_and_what_is_accepted_round_trips() {
    use proptest::test_runner::TestRunner;
    use std::cell::Cell;

    let (accepted, refused) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(config());
    runner
        .run(&arb_backup_with_arbitrary_parts(), |text| {
            match parse_backup_str(&text) {
                Ok(backup) => {
                    accepted.set(accepted.get() + 1);
                    let again = export_backup(backup.records(), backup.exported_at_ms());
                    prop_assert_eq!(
                        parse_backup_str(&again).map(|b| b.records().clone()),
                        Ok(backup.records().clone())
                    );
                }
                Err(_) => refused.set(refused.get() + 1),
            }
            Ok(())
        })
        .unwrap();
    let cases = config().cases;
    // Half the cases are valid files unchanged, so at least a quarter are
    // accepted; of the other half, most parts are not what the importer
    // wants, so at least an eighth are refused.
    assert!(
        accepted.get() >= cases / 4,
        "only {} of {cases} cases were accepted",
        accepted.get()
    );
    assert!(
        refused.get() >= cases / 8,
        "only {} of {cases} cases were refused",
        refused.get()
    );
}

fn date(offset: i32) -> Date {
    Date::parse("2025-01-01")
        .expect("valid date")
        .add_days(offset)
}

/// Amounts with at most one decimal, as people type them.
fn arb_positive() -> impl Strategy<Value = Positive> {
    (1u32..50_000).prop_map(|tenths| Positive::new(f64::from(tenths) / 10.0).expect("positive"))
}

fn arb_non_negative() -> impl Strategy<Value = NonNegative> {
    (0u32..50_000).prop_map(|tenths| NonNegative::new(f64::from(tenths) / 10.0).expect("valid"))
}

fn arb_timestamp() -> impl Strategy<Value = u64> {
    // Leave room for the increments that setters add.
    0..MAX_TIMESTAMP_MS / 2
}

fn arb_profile() -> impl Strategy<Value = Profile> {
    let age = prop_oneof![
        (0u16..12).prop_map(|m| Age::from_months(m).expect("months")),
        (1u16..=130).prop_map(|y| Age::from_years(y).expect("years")),
    ];
    let sex = prop_oneof![Just(Sex::Male), Just(Sex::Female)];
    let status = prop_oneof![
        Just(Status::None),
        Just(Status::Pregnant),
        Just(Status::Breastfeeding)
    ];
    (age, sex, status).prop_map(|(age, sex, status)| {
        Profile::new(age, sex, status).unwrap_or_else(|_| {
            Profile::new(age, sex, Status::None).expect("no status is always valid")
        })
    })
}

fn arb_settings() -> impl Strategy<Value = Settings> {
    (
        prop::sample::select(ReferenceSet::ALL.to_vec()),
        prop::sample::select(Span::ALL.to_vec()),
        prop::option::of(0..=MAX_TIMESTAMP_MS),
        prop::collection::vec(1u32..100_000, 0..4),
        prop::collection::btree_set(1u32..100_000, 0..3),
    )
        .prop_map(
            |(reference_set, chart_span, last_backup_ms, mut favourite_foods, avoided)| {
                favourite_foods.dedup();
                Settings {
                    reference_set,
                    chart_span,
                    last_backup_ms,
                    favourite_foods,
                    avoided_foods: avoided.into_iter().collect(),
                }
            },
        )
}

fn arb_custom_items() -> impl Strategy<Value = Vec<CustomItem>> {
    prop::collection::vec(
        (
            (".{0,20}", any::<bool>(), arb_non_negative(), any::<bool>()),
            // The serving weight and energy a label entry adds.
            (
                prop::option::of(arb_positive()),
                prop::option::of(arb_non_negative()),
            ),
        ),
        0..4,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(
                |(i, ((name, per_litre, mg, supplement), (serving_grams, kcal_per_serving)))| {
                    CustomItem {
                        id: i as u64 + 1,
                        name: name.clone(),
                        basis: if per_litre {
                            CustomBasis::PerLitre { mg }
                        } else {
                            CustomBasis::PerServing { label: name, mg }
                        },
                        supplement,
                        serving_grams,
                        kcal_per_serving,
                    }
                },
            )
            .collect()
    })
}

/// Remembered package prices for a few foods and saved items.
fn arb_prices() -> impl Strategy<Value = PriceBook> {
    prop::collection::vec(
        (any::<bool>(), 1u32..99_999, arb_positive(), arb_positive()),
        0..5,
    )
    .prop_map(|entries| {
        let mut book = PriceBook::default();
        for (custom, n, price, grams) in entries {
            let item = if custom {
                Compared::Custom(u64::from(n))
            } else {
                Compared::Food(NdbNo(n))
            };
            book.set(item, Some(PackagePrice { price, grams }));
        }
        book
    })
}

fn arb_symptoms() -> impl Strategy<Value = SymptomList> {
    (
        prop::collection::vec(("[A-Za-zé ]{1,20}", any::<bool>(), arb_timestamp()), 0..4),
        prop::collection::vec(any::<bool>(), 14),
        prop::collection::vec((any::<prop::sample::Index>(), 0usize..20), 0..4),
    )
        .prop_map(|(adds, hide, moves)| {
            let mut list = SymptomList::defaults();
            for (name, higher, now) in adds {
                // Duplicate or blank names are refused, which is fine here.
                let _ = list.add(&name, higher, now);
            }
            let ids: Vec<SymptomId> = list.all().iter().map(|s| s.id().clone()).collect();
            for (id, hidden) in ids.iter().zip(hide) {
                list.set_hidden(id, hidden).expect("known id");
            }
            for (which, to) in moves {
                list.move_to(which.get(&ids), to).expect("known id");
            }
            list
        })
}

fn arb_day(offset: i32) -> impl Strategy<Value = DayLog> {
    prop::collection::vec(
        (
            any::<u32>(),
            ".{0,20}",
            arb_positive(),
            arb_positive(),
            prop::option::of(arb_non_negative()),
            any::<bool>(),
        ),
        0..4,
    )
    .prop_map(move |entries| {
        let mut log = DayLog::new(date(offset));
        for (ndb, name, quantity, grams, per100, topical) in entries {
            if topical {
                log.add(Item::Topical(TopicalEntry { description: name }));
            } else {
                log.add(Item::Food(FoodEntry {
                    ndb,
                    name,
                    measure: "g".into(),
                    quantity,
                    measure_grams: grams,
                    mg_per_100g: per100,
                }));
            }
        }
        log
    })
}

fn arb_diary(offset: i32, ids: Vec<SymptomId>) -> impl Strategy<Value = DiaryEntry> {
    let n = ids.len();
    (
        prop::collection::vec((0..n, 0u8..=10), 0..5),
        ".{0,60}",
        prop::collection::vec("[A-Za-z #,;]{0,12}", 0..4),
        arb_timestamp(),
    )
        .prop_map(move |(ratings, note, tags, ts)| {
            let mut entry = DiaryEntry::new(date(offset), ts);
            for (i, r) in ratings {
                entry.set_rating(&ids[i], Some(Rating::new(r).expect("0..=10")), ts);
            }
            entry.set_note(&note, ts).expect("short note");
            entry.set_tags(&tags, ts).expect("few short tags");
            entry
        })
}

/// A regimen of up to four elemental doses at named times.
fn arb_regimen() -> impl Strategy<Value = Regimen> {
    (
        0u64..1_000_000,
        prop::collection::vec((1.0f64..500.0, 0usize..4, 1u32..4), 1..5),
    )
        .prop_map(|(id, doses)| {
            let mut r = Regimen::new(id);
            let times = [
                DoseTime::Morning,
                DoseTime::Midday,
                DoseTime::Evening,
                DoseTime::Bedtime,
            ];
            for (mg, time, servings) in doses {
                r.add(DoseDraft {
                    form: SupplementForm::Glycinate,
                    dose: DoseInput::ElementalMg(Positive::new(mg).unwrap()),
                    servings: Positive::new(f64::from(servings)).unwrap(),
                    time: times[time],
                    label: None,
                })
                .unwrap();
            }
            r
        })
}

/// A shopping list of foods (portions or a package, with or without data)
/// and free text, some checked.
fn arb_list() -> impl Strategy<Value = ShoppingList> {
    prop::collection::vec(
        (
            prop::option::of((1u32..100_000, 1u32..8, prop::option::of(0.0f64..900.0))),
            "[a-z]{1,12}",
            any::<bool>(),
        ),
        0..6,
    )
    .prop_map(|items| {
        let mut list = ShoppingList::empty();
        for (food, text, checked) in items {
            let id = match food {
                Some((ndb, n, mg)) => {
                    let amount = if n % 2 == 0 {
                        Amount::Grams(Positive::new(f64::from(n) * 100.0).unwrap())
                    } else {
                        Amount::Portions {
                            count: std::num::NonZeroU32::new(n).unwrap(),
                            portion_label: "1 oz (28 g)".into(),
                            grams_each: Positive::new(28.35).unwrap(),
                        }
                    };
                    let food = NewFood {
                        ndb,
                        name: text,
                        group: (n > 3).then(|| "Vegetables".to_string()),
                        amount,
                        mg: mg.and_then(NonNegative::new),
                    };
                    match list.add(food) {
                        magnesium_tracker::domain::shop::list::Added::New(id) => id,
                        magnesium_tracker::domain::shop::list::Added::Merged { before } => {
                            before.id
                        }
                    }
                }
                None => list.add_text(&text).unwrap(),
            };
            list.set_checked(id, checked);
        }
        list
    })
}

fn arb_snapshot() -> impl Strategy<Value = Snapshot> {
    (
        (
            prop::option::of((arb_profile(), arb_timestamp())),
            prop::option::of((arb_regimen(), arb_timestamp())),
            prop::option::of((arb_prices(), arb_timestamp())),
            prop::option::of((arb_list(), arb_timestamp())),
        ),
        prop::option::of((arb_settings(), arb_timestamp())),
        prop::option::of((arb_custom_items(), arb_timestamp())),
        prop::option::of((arb_symptoms(), arb_timestamp())),
        prop::collection::btree_set(0i32..60, 0..6),
        prop::collection::btree_set(0i32..60, 0..6),
    )
        .prop_flat_map(
            |(
                (profile, regimen, prices, shop),
                settings,
                items,
                symptoms,
                day_offsets,
                diary_offsets,
            )| {
                let list = symptoms
                    .as_ref()
                    .map_or_else(SymptomList::defaults, |(l, _)| l.clone());
                let ids: Vec<SymptomId> = list.all().iter().map(|s| s.id().clone()).collect();
                let days: Vec<_> = day_offsets
                    .into_iter()
                    .map(|o| (arb_day(o), arb_timestamp()))
                    .collect();
                let diary: Vec<_> = diary_offsets
                    .into_iter()
                    .map(|o| arb_diary(o, ids.clone()))
                    .collect();
                (
                    Just((profile, regimen, (prices, shop), settings, items, symptoms)),
                    days,
                    diary,
                )
            },
        )
        .prop_map(
            |((profile, regimen, (prices, shop), settings, items, symptoms), days, diary)| {
                let mut s = Snapshot::empty();
                if let Some((p, ts)) = prices {
                    s.insert(Stored::new(Record::Prices(p), ts));
                }
                if let Some((l, ts)) = shop {
                    s.insert(Stored::new(Record::ShoppingList(l), ts));
                }
                if let Some((r, ts)) = regimen {
                    s.insert(Stored::new(Record::Regimen(r), ts));
                }
                if let Some((p, ts)) = profile {
                    s.insert(Stored::new(Record::Profile(p), ts));
                }
                if let Some((v, ts)) = settings {
                    s.insert(Stored::new(Record::Settings(v), ts));
                }
                if let Some((v, ts)) = items {
                    s.insert(Stored::new(Record::CustomItems(v), ts));
                }
                if let Some((v, ts)) = symptoms {
                    s.insert(Stored::new(Record::Symptoms(v), ts));
                }
                for (log, ts) in days {
                    s.insert(Stored::new(Record::Day(log), ts));
                }
                for entry in diary {
                    s.insert(Stored::new(Record::Diary(entry), 0));
                }
                s
            },
        )
}

/// A small fixed state for the damage tests.
fn fixed_state() -> Snapshot {
    let mut s = Snapshot::empty();
    let mut log = DayLog::new(date(0));
    log.add(Item::Food(FoodEntry {
        ndb: 12061,
        name: "Almonds".into(),
        measure: "1 oz".into(),
        quantity: Positive::new(1.0).expect("positive"),
        measure_grams: Positive::new(28.35).expect("positive"),
        mg_per_100g: NonNegative::new(270.0),
    }));
    s.insert(Stored::new(Record::Day(log), 5));
    let mut entry = DiaryEntry::new(date(0), 6);
    entry.set_rating(
        &SymptomId::new("cramps").expect("valid id"),
        Some(Rating::new(7).expect("in range")),
        7,
    );
    entry
        .set_note("calf cramps, \"bad\"", 8)
        .expect("short note");
    s.insert(Stored::new(Record::Diary(entry), 0));
    s.insert(Stored::new(Record::Symptoms(SymptomList::defaults()), 9));
    s
}
