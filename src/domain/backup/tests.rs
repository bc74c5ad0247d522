#[test]
fn the_backup_reminder_waits_for_a_week_of_unsaved_changes() {
    const DAY: u64 = 24 * 60 * 60 * 1000;
    let now = 100 * DAY;
    let cases: [(&str, Option<u64>, &[u64], bool); 6] = [
        ("nothing stored", None, &[], false),
        ("new data, no backup, 6 days", None, &[now - 6 * DAY], false),
        (
            "new data, no backup, 7 days",
            None,
            &[now - 7 * DAY, now - DAY],
            true,
        ),
        (
            "backed up after every change",
            Some(now - DAY),
            &[now - 30 * DAY, now - 2 * DAY],
            false,
        ),
        (
            "a change 8 days after the backup",
            Some(now - 20 * DAY),
            &[now - 12 * DAY, now - 30 * DAY],
            true,
        ),
        (
            "a change since the backup, 3 days",
            Some(now - 20 * DAY),
            &[now - 3 * DAY],
            false,
        ),
    ];
    for (name, last, changes, due) in cases {
        assert_eq!(
            backup_due(last, changes.iter().copied(), now),
            due,
            "{name}"
        );
    }
}
use super::*;
use crate::domain::amounts::{NonNegative, Positive};
use crate::domain::day::{CustomBasis, CustomItem, DayLog, FoodEntry, Item, SupplementEntry};
use crate::domain::diary::{DiaryEntry, Rating};
use crate::domain::dri::{Age, Profile, Sex, Status};
use crate::domain::food::NdbNo;
use crate::domain::meals::{Ingredient, Meal, Recipe};
use crate::domain::regimen::{DoseDraft, DoseTime, Regimen};
use crate::domain::schema::Meta;
use crate::domain::settings::Settings;
use crate::domain::shop::compare::Compared;
use crate::domain::shop::list::{Amount, NewFood, ShoppingList};
use crate::domain::shop::price::{PackagePrice, PriceBook};
use crate::domain::supplement::{DoseInput, SupplementForm};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn pos(v: f64) -> Positive {
    Positive::new(v).unwrap()
}

fn day_log(date: &str, grams: f64) -> DayLog {
    let mut log = DayLog::new(d(date));
    log.add(Item::Food(FoodEntry {
        ndb: 12061,
        name: "Almonds".into(),
        measure: "1 oz (23 whole kernels)".into(),
        quantity: pos(1.5),
        measure_grams: pos(grams),
        mg_per_100g: NonNegative::new(270.0),
    }));
    log.add(Item::Supplement(
        SupplementEntry::new(
            SupplementForm::Citrate,
            DoseInput::CompoundMg(pos(500.0)),
            pos(2.0),
            Some("Brand \"X\"".into()),
        )
        .unwrap(),
    ));
    log
}

fn diary(date: &str, cramps: u8, ts: u64) -> DiaryEntry {
    let mut e = DiaryEntry::new(d(date), ts);
    e.set_rating(
        &SymptomId::new("cramps").unwrap(),
        Some(Rating::new(cramps).unwrap()),
        ts,
    );
    e.set_note("slept badly, \"again\"\nleg cramps at 3am", ts)
        .unwrap();
    e.set_tags(["travel"], ts).unwrap();
    e
}

fn sample() -> Snapshot {
    let mut symptoms = SymptomList::defaults();
    let custom = symptoms.add("Tinnitus", false, 1_000).unwrap();
    let mut with_custom = diary("2025-03-02", 0, 2_000);
    with_custom.set_rating(&custom, Some(Rating::new(9).unwrap()), 2_001);
    let profile = Profile::new(Age::from_years(41).unwrap(), Sex::Female, Status::None).unwrap();
    [
        Stored::new(Record::Profile(profile), 10),
        Stored::new(Record::Settings(Settings::first_run()), 11),
        Stored::new(
            Record::CustomItems(vec![CustomItem {
                id: 1,
                name: "Mineral water".into(),
                basis: CustomBasis::PerLitre {
                    mg: NonNegative::new(120.5).unwrap(),
                },
                supplement: false,
                serving_grams: Positive::new(25.0),
                kcal_per_serving: None,
            }]),
            12,
        ),
        Stored::new(Record::Symptoms(symptoms), 13),
        Stored::new(Record::Regimen(regimen()), 17),
        Stored::new(
            Record::Meals(vec![
                Meal::from_day(1, "Breakfast", &day_log("2025-03-01", 28.35), None).unwrap(),
            ]),
            18,
        ),
        Stored::new(
            Record::Recipes(vec![
                Recipe::new(
                    1,
                    "Trail mix",
                    4,
                    vec![Ingredient::Food(FoodEntry {
                        ndb: 99999,
                        name: "Old food".into(),
                        measure: "g".into(),
                        quantity: pos(100.0),
                        measure_grams: pos(1.0),
                        mg_per_100g: None,
                    })],
                )
                .unwrap(),
            ]),
            19,
        ),
        Stored::new(Record::Prices(prices()), 20),
        Stored::new(Record::ShoppingList(shopping_list()), 20),
        Stored::new(Record::Day(day_log("2025-03-01", 28.35)), 14),
        Stored::new(Record::Day(day_log("2025-03-02", 30.0)), 15),
        Stored::new(Record::Diary(diary("2025-03-01", 7, 1_500)), 0),
        Stored::new(Record::Diary(with_custom), 0),
        Stored::new(Record::Meta(Meta::current("0.1.0")), 16),
    ]
    .into_iter()
    .collect()
}

fn prices() -> PriceBook {
    let mut book = PriceBook::default();
    book.set(
        Compared::Food(NdbNo(12061)),
        PackagePrice::parse("3.49", "200").unwrap(),
    );
    book.set(
        Compared::Custom(1),
        PackagePrice::parse("1,99", "500").unwrap(),
    );
    book
}

#[test]
fn package_prices_round_trip_and_merge_as_one_record() {
    let file = export_backup(&sample(), 0);
    let v: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["prices"]["data"]["12061"]["price"], 3.49);
    assert_eq!(v["prices"]["data"]["c1"]["grams"], 500.0);
    let backup = parse_backup_str(&file).unwrap();
    assert_eq!(
        backup.records().get(&RecordKey::Prices).map(Stored::record),
        Some(&Record::Prices(prices()))
    );

    // Merge keeps the newer whole record, as for meals: a device's older
    // price list does not replace the backup's newer one, and the other
    // way round.
    let mut older = PriceBook::default();
    older.set(
        Compared::Food(NdbNo(11457)),
        PackagePrice::parse("2", "300").unwrap(),
    );
    for (local_at, expected) in [(19, prices()), (21, older.clone())] {
        let mut current = Snapshot::empty();
        current.insert(Stored::new(Record::Prices(older.clone()), local_at));
        let plan = plan_import(&current, &backup, ImportMode::Merge, 30).unwrap();
        assert_eq!(
            plan.result.get(&RecordKey::Prices).map(Stored::record),
            Some(&Record::Prices(expected)),
            "local stamp {local_at}"
        );
    }
    assert!(
        plan_import(&Snapshot::empty(), &backup, ImportMode::Merge, 1)
            .unwrap()
            .summary()
            .contains("the package prices")
    );

    // A price under a key that names nothing is refused with the field.
    let mut damaged = v.clone();
    damaged["prices"]["data"]["x7"] = serde_json::json!({"price": 1.0, "grams": 1.0});
    let problems = invalid_problems(&damaged.to_string());
    assert!(
        problems.iter().any(|p| p.starts_with("prices")),
        "{problems:?}"
    );
}

fn shopping_list() -> ShoppingList {
    let mut list = ShoppingList::empty();
    list.add(NewFood {
        ndb: 12061,
        name: "Nuts, almonds".into(),
        group: Some("Nut and Seed Products".into()),
        amount: Amount::Grams(pos(200.0)),
        mg: NonNegative::new(540.0),
    });
    list.add_text("Gerolsteiner, 6 bottles").unwrap();
    list.set_checked(2, true);
    list
}

fn regimen() -> Regimen {
    let mut r = Regimen::new(5);
    r.add(DoseDraft {
        form: SupplementForm::Glycinate,
        dose: DoseInput::ElementalMg(pos(100.0)),
        servings: pos(2.0),
        time: DoseTime::Bedtime,
        label: None,
    })
    .unwrap();
    r
}

#[test]
fn a_backup_made_before_the_shopping_list_still_imports_and_the_list_merges() {
    let file = export_backup(&sample(), 0);
    let mut v: Value = serde_json::from_str(&file).unwrap();
    assert!(v["list"].is_object(), "the list is exported");
    v.as_object_mut().unwrap().remove("list");
    let backup = parse_backup_str(&v.to_string()).unwrap();
    assert!(backup.records().get(&RecordKey::ShoppingList).is_none());
    let full = parse_backup_str(&file).unwrap();
    assert_eq!(
        full.records()
            .get(&RecordKey::ShoppingList)
            .map(|s| s.record().clone()),
        Some(Record::ShoppingList(shopping_list()))
    );
    let plan = plan_import(&Snapshot::empty(), &full, ImportMode::Merge, 1).unwrap();
    assert!(
        plan.summary().contains("the shopping list"),
        "{}",
        plan.summary()
    );
    // A list whose items share an id is refused with the reason.
    let at = file.find("\"list\"").unwrap();
    let damaged = format!(
        "{}{}",
        &file[..at],
        file[at..].replacen("\"id\": 2", "\"id\": 1", 1)
    );
    assert_ne!(damaged, file);
    let err = parse_backup_str(&damaged).unwrap_err().to_string();
    assert!(err.contains("two list items share the id 1"), "{err}");
}

#[test]
fn a_backup_made_before_regimens_meals_and_recipes_still_imports() {
    let file = export_backup(&sample(), 0);
    let mut v: Value = serde_json::from_str(&file).unwrap();
    for field in ["regimen", "meals", "recipes", "prices"] {
        assert!(v[field].is_object(), "{field} is exported");
        v.as_object_mut().unwrap().remove(field);
    }
    let backup = parse_backup_str(&v.to_string()).unwrap();
    assert!(backup.records().get(&RecordKey::Regimen).is_none());
    assert_eq!(backup.records().len(), without_meta(&sample()).len() - 4);
    let plan = plan_import(
        &Snapshot::empty(),
        &parse_backup_str(&file).unwrap(),
        ImportMode::Merge,
        1,
    )
    .unwrap();
    assert!(
        plan.summary().contains("the supplement regimen"),
        "{}",
        plan.summary()
    );
    assert!(plan.summary().contains("the saved meals"));
    assert!(plan.summary().contains("the recipes"));
}

fn without_meta(s: &Snapshot) -> Snapshot {
    s.user_data().cloned().collect()
}

/// A change applied to an exported backup before importing it.
type Mutation<'a> = &'a dyn Fn(&mut Value);

fn invalid_problems(text: &str) -> Vec<String> {
    match parse_backup_str(text) {
        Err(ImportError::Invalid { problems, .. }) => problems,
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn export_then_import_into_empty_state_is_identical() {
    let state = sample();
    let file = export_backup(&state, 1_741_523_696_789);
    let backup = parse_backup(file.as_bytes()).unwrap();
    assert_eq!(backup.exported_at_ms(), 1_741_523_696_789);
    assert_eq!(backup.records(), &without_meta(&state));
    for mode in [ImportMode::Merge, ImportMode::Replace] {
        let plan = plan_import(&Snapshot::empty(), &backup, mode, 5).unwrap();
        assert_eq!(plan.result, without_meta(&state), "{mode:?}");
        assert_eq!(plan.writes.len(), state.len() - 1);
        assert!(plan.removals.is_empty());
        assert_eq!(plan.count(RecordKind::Day).unwrap().added, 2);
    }
    // Exporting the imported state gives the same file.
    assert_eq!(export_backup(backup.records(), 1_741_523_696_789), file);
}

#[test]
fn export_lists_days_in_date_order_and_leaves_out_meta() {
    let file = export_backup(&sample(), 0);
    let v: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["format"], FORMAT_NAME);
    assert_eq!(v["format_version"], FORMAT_VERSION);
    assert_eq!(v["days"][0]["data"]["date"], "2025-03-01");
    assert_eq!(v["days"][1]["data"]["date"], "2025-03-02");
    assert_eq!(v["diary"].as_array().unwrap().len(), 2);
    assert!(!file.contains("app_version"));
    let empty = export_backup(&Snapshot::empty(), 0);
    let backup = parse_backup_str(&empty).unwrap();
    assert!(backup.records().is_empty());
}

#[test]
fn size_is_checked_before_parsing() {
    let huge = vec![b'x'; MAX_BACKUP_BYTES + 1];
    assert_eq!(
        parse_backup(&huge),
        Err(ImportError::TooLarge {
            bytes: MAX_BACKUP_BYTES + 1,
            max: MAX_BACKUP_BYTES
        })
    );
    // Exactly at the limit the size is fine (and the content is not).
    let at_limit = vec![b' '; MAX_BACKUP_BYTES];
    assert_eq!(parse_backup(&at_limit), Err(ImportError::Empty));
}

#[test]
fn unusable_files_get_clear_errors() {
    let good = export_backup(&sample(), 0);
    let truncated = &good[..good.len() / 2];
    let cases: [(&[u8], ImportError); 9] = [
        (b"", ImportError::Empty),
        (b" \n ", ImportError::Empty),
        (&[0xff, 0xfe, 0x00], ImportError::NotText),
        (b"hello", ImportError::NotJson { line: 1, column: 1 }),
        (b"[1, 2]", ImportError::NotABackup),
        (b"{\"foo\": 1}", ImportError::NotABackup),
        (
            b"{\"format\": \"someone-elses-backup\", \"format_version\": 1}",
            ImportError::NotABackup,
        ),
        (
            b"{\"format\": \"magnesium-tracker-backup\", \"format_version\": 2}",
            ImportError::NewerVersion {
                found: 2,
                supported: 1,
            },
        ),
        (
            b"{\"format\": \"magnes",
            ImportError::Truncated {
                line: 1,
                column: 18,
            },
        ),
    ];
    for (bytes, expected) in cases {
        assert_eq!(
            parse_backup(bytes),
            Err(expected),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    assert!(matches!(
        parse_backup_str(truncated),
        Err(ImportError::Truncated { .. })
    ));
    // A byte order mark in front is accepted.
    assert!(parse_backup_str(&format!("\u{feff}{good}")).is_ok());
}

#[test]
fn a_record_from_a_newer_app_stops_the_import() {
    let mut v: Value = serde_json::from_str(&export_backup(&sample(), 0)).unwrap();
    v["diary"][1]["schema"] = 3.into();
    assert_eq!(
        parse_backup_str(&v.to_string()),
        Err(ImportError::NewerVersion {
            found: 3,
            supported: 1
        })
    );
}

#[test]
fn every_problem_is_listed_and_nothing_is_accepted() {
    let good: Value = serde_json::from_str(&export_backup(&sample(), 0)).unwrap();
    let cases: [(Mutation, &str); 10] = [
        (
            &|v| v["diary"][0]["data"]["ratings"]["cramps"] = 11.into(),
            "diary[0] (2025-03-01)",
        ),
        (
            &|v| v["days"][0]["data"]["date"] = "2025-02-30".into(),
            "days[0]: no valid date",
        ),
        (
            &|v| v["days"][1] = v["days"][0].clone(),
            "the same day appears twice",
        ),
        (
            &|v| v["diary"][0]["data"]["ratings"]["custom-5"] = 1.into(),
            "unknown symptom \"custom-5\"",
        ),
        (
            &|v| v["surprise"] = true.into(),
            "surprise: unexpected field",
        ),
        (
            &|v| {
                v.as_object_mut().unwrap().remove("settings");
            },
            "settings: missing",
        ),
        (&|v| v["days"] = 3.into(), "days: not a list"),
        (&|v| v["exported_at"] = "yesterday".into(), "exported_at"),
        (
            &|v| v["days"][0]["data"]["entries"][0]["item"]["food"]["quantity"] = (-1).into(),
            "days[0] (2025-03-01)",
        ),
        (
            &|v| v["profile"]["data"]["sex"] = "robot".into(),
            "profile:",
        ),
    ];
    for (mutate, expected) in cases {
        let mut v = good.clone();
        mutate(&mut v);
        let problems = invalid_problems(&v.to_string());
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected:?} not in {problems:?}"
        );
    }
}

#[test]
fn problem_lists_are_capped() {
    let mut v: Value = serde_json::from_str(&export_backup(&Snapshot::empty(), 0)).unwrap();
    v["days"] = Value::Array(vec![Value::Null; 50]);
    match parse_backup_str(&v.to_string()) {
        Err(e @ ImportError::Invalid { .. }) => {
            let ImportError::Invalid { problems, total } = &e else {
                unreachable!()
            };
            assert_eq!(problems.len(), MAX_LISTED_PROBLEMS);
            assert_eq!(*total, 50);
            assert!(e.to_string().ends_with("… and 30 more"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn merge_keeps_the_newer_version() {
    let mut current = Snapshot::empty();
    current.insert(Stored::new(Record::Day(day_log("2025-03-01", 10.0)), 100));
    current.insert(Stored::new(Record::Day(day_log("2025-03-02", 10.0)), 300));
    current.insert(Stored::new(Record::Day(day_log("2025-03-03", 10.0)), 100));
    current.insert(Stored::new(Record::Meta(Meta::current("0.1.0")), 1));

    let mut incoming = Snapshot::empty();
    // Newer and different: replaces.
    incoming.insert(Stored::new(Record::Day(day_log("2025-03-01", 20.0)), 200));
    // Older and different: skipped.
    incoming.insert(Stored::new(Record::Day(day_log("2025-03-02", 20.0)), 200));
    // Same content, other timestamp: unchanged.
    incoming.insert(Stored::new(Record::Day(day_log("2025-03-03", 10.0)), 50));
    // New.
    incoming.insert(Stored::new(Record::Day(day_log("2025-03-04", 20.0)), 50));
    incoming.insert(Stored::new(Record::Diary(diary("2025-03-04", 3, 60)), 0));
    let backup = parse_backup_str(&export_backup(&incoming, 0)).unwrap();

    let plan = plan_import(&current, &backup, ImportMode::Merge, 1_000).unwrap();
    let days = plan.count(RecordKind::Day).unwrap();
    assert_eq!(
        (
            days.added,
            days.replaced,
            days.kept,
            days.unchanged,
            days.removed
        ),
        (1, 1, 1, 1, 0)
    );
    let written: Vec<RecordKey> = plan.writes.iter().map(Stored::key).collect();
    assert_eq!(
        written,
        [
            RecordKey::Day(d("2025-03-01")),
            RecordKey::Day(d("2025-03-04")),
            RecordKey::Diary(d("2025-03-04"))
        ]
    );
    assert_eq!(
        plan.result.get(&RecordKey::Day(d("2025-03-02"))),
        current.get(&RecordKey::Day(d("2025-03-02")))
    );
    assert!(plan.result.get(&RecordKey::Meta).is_some());
    assert_eq!(
        plan.summary(),
        "Adds 1 day log and 1 diary entry. 2 day logs conflict with existing data: \
         1 newer in the backup will replace it, 1 older will be skipped. \
         1 record is already identical."
    );

    // Applying the plan and importing again changes nothing.
    let again = plan_import(&plan.result, &backup, ImportMode::Merge, 2_000).unwrap();
    assert!(!again.changes_anything());
    assert_eq!(again.result, plan.result);
}

#[test]
fn replace_makes_the_state_exactly_the_backup() {
    let current = sample();
    let mut incoming = Snapshot::empty();
    incoming.insert(Stored::new(Record::Day(day_log("2025-03-01", 28.35)), 1));
    incoming.insert(Stored::new(Record::Day(day_log("2025-04-01", 5.0)), 1));
    let backup = parse_backup_str(&export_backup(&incoming, 0)).unwrap();
    let plan = plan_import(&current, &backup, ImportMode::Replace, 9).unwrap();
    assert_eq!(without_meta(&plan.result), incoming);
    assert_eq!(
        plan.result.get(&RecordKey::Meta),
        current.get(&RecordKey::Meta),
        "store metadata is never touched"
    );
    let days = plan.count(RecordKind::Day).unwrap();
    assert_eq!((days.added, days.unchanged, days.removed), (1, 1, 1));
    assert_eq!(plan.removals.len(), current.len() - 1 - 1);
    assert!(!plan.removals.contains(&RecordKey::Meta));
    assert!(plan.summary().contains("Removes the profile, the settings"));
    // The unchanged day still gets the backup's timestamp.
    assert!(
        plan.writes
            .iter()
            .any(|s| s.key() == RecordKey::Day(d("2025-03-01")) && s.updated_at_ms() == 1)
    );
}

#[test]
fn merge_combines_symptom_lists() {
    let mut mine = SymptomList::defaults();
    let a = mine.add("Tinnitus", false, 100).unwrap();
    let mut theirs = SymptomList::defaults();
    let b = theirs.add("Brain fog", false, 200).unwrap();
    let mut current = Snapshot::empty();
    current.insert(Stored::new(Record::Symptoms(mine), 500));
    let mut incoming = Snapshot::empty();
    incoming.insert(Stored::new(Record::Symptoms(theirs), 400));
    let mut rated = DiaryEntry::new(d("2025-03-01"), 1);
    rated.set_rating(&b, Some(Rating::new(4).unwrap()), 1);
    incoming.insert(Stored::new(Record::Diary(rated), 0));
    let backup = parse_backup_str(&export_backup(&incoming, 0)).unwrap();

    let plan = plan_import(&current, &backup, ImportMode::Merge, 450).unwrap();
    assert_eq!(plan.count(RecordKind::Symptoms).unwrap().merged, 1);
    let Some(Record::Symptoms(list)) = plan.result.get(&RecordKey::Symptoms).map(Stored::record)
    else {
        panic!("no list");
    };
    assert!(list.get(&a).is_some() && list.get(&b).is_some());
    let stamp = plan
        .result
        .get(&RecordKey::Symptoms)
        .unwrap()
        .updated_at_ms();
    assert_eq!(stamp, 501, "newer than both sides");
    assert!(plan.summary().contains("will be combined"));
}
