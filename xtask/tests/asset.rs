//! The committed food asset against the raw SR28 data: it must be exactly
//! what the generator produces now, and hold the counts and values the USDA
//! publishes.

use magnesium_tracker::domain::food::{Food, FoodDb, NdbNo};
use std::collections::HashMap;
use std::sync::OnceLock;
use xtask::{ASSET_PATH, DATA_DIR, foods, sr, workspace_root};

fn db() -> &'static FoodDb {
    static DB: OnceLock<FoodDb> = OnceLock::new();
    DB.get_or_init(|| {
        foods::load(&workspace_root().join(DATA_DIR)).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn food(ndb: u32) -> &'static Food {
    db().by_ndb(NdbNo(ndb))
        .unwrap_or_else(|| panic!("no food {ndb}"))
        .1
}

/// The shortest spelling of an SR number, which is how Rust prints an
/// `f64`: SR writes "5.0" and ".5" where Rust prints "5" and "0.5".
fn canonical(text: &str) -> String {
    let text = if text.starts_with('.') {
        format!("0{text}")
    } else {
        text.to_string()
    };
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[test]
fn committed_asset_is_exactly_what_the_generator_writes() {
    let committed =
        std::fs::read(workspace_root().join(ASSET_PATH)).expect("public/foods.bin exists");
    let fresh = db().encode();
    assert!(
        committed == fresh,
        "public/foods.bin is stale ({} bytes, generator gives {}): run `cargo run -p xtask -- foods`",
        committed.len(),
        fresh.len()
    );
    assert_eq!(&FoodDb::decode(&committed).unwrap(), db());
}

#[test]
fn counts_match_the_usda_documentation() {
    let db = db();
    assert_eq!(db.foods().len(), 8_789);
    assert_eq!(db.groups().len(), 25);
    let with_mg = db
        .foods()
        .iter()
        .filter(|f| f.nutrients.magnesium_mg.is_some())
        .count();
    assert_eq!(with_mg, 8_050);
    assert_eq!(
        db.foods().len() - with_mg,
        739,
        "missing magnesium stays None, never 0"
    );
    assert_eq!(
        db.foods().iter().map(|f| f.measures.len()).sum::<usize>(),
        15_438
    );
    assert_eq!(
        db.foods()
            .iter()
            .filter(|f| f.nutrients.energy_kcal.is_some())
            .count(),
        8_789
    );
}

#[test]
fn spot_checks() {
    let almonds = food(12061);
    assert_eq!(almonds.description, "Nuts, almonds");
    assert_eq!(almonds.ndb_string(), "12061");
    assert_eq!(almonds.nutrients.magnesium_mg, Some(270.0));
    assert!(!almonds.branded);
    assert!(almonds.survey);
    assert_eq!(
        db().group(almonds.group).unwrap().name,
        "Nut and Seed Products"
    );
    assert_eq!(db().group(almonds.group).unwrap().code_string(), "1200");
    let oz = almonds
        .measures
        .iter()
        .find(|m| m.description == "oz (23 whole kernels)")
        .unwrap();
    assert_eq!((oz.amount, oz.grams), (1.0, 28.35));
    let seq_order: Vec<&str> = almonds
        .measures
        .iter()
        .map(|m| m.description.as_str())
        .collect();
    assert_eq!(
        seq_order,
        [
            "cup, whole",
            "cup, sliced",
            "cup, slivered",
            "cup, ground",
            "oz (23 whole kernels)",
            "almond"
        ]
    );
    // The portion is the ounce, not the cup SR28 lists first.
    assert_eq!(almonds.portion_label(), "1 oz (28 g)");
    assert_eq!(almonds.mg_per_portion(), Some(270.0 * 28.35 / 100.0));

    let pumpkin = food(12014);
    assert_eq!(
        pumpkin.description,
        "Seeds, pumpkin and squash seed kernels, dried"
    );
    assert_eq!(pumpkin.nutrients.magnesium_mg, Some(592.0));
    assert_eq!(pumpkin.common_names, "pepitas");

    let spinach = food(11457);
    assert_eq!(spinach.description, "Spinach, raw");
    assert_eq!(spinach.nutrients.magnesium_mg, Some(79.0));
    assert_eq!(food(9040).ndb_string(), "09040");

    // Latin-1 in WEIGHT.txt decodes to "é".
    assert_eq!(food(22996).measures[0].description, "Entr\u{e9}e");
    // ManufacName makes a food branded.
    assert!(food(19171).branded, "HERSHEY'S European Style Cocoa");
}

/// Every stored number prints back as the text SR28 has, so nothing was
/// rounded on the way into the asset.
#[test]
fn stored_values_print_as_the_sr28_text() {
    let dir = workspace_root().join(DATA_DIR);
    let read = |schema: &sr::Schema| {
        sr::parse(schema, &std::fs::read(dir.join(schema.file)).unwrap()).unwrap()
    };
    let mut checked = 0;
    for r in read(&sr::NUT_DATA) {
        let food = food(r.fields[0].parse().unwrap());
        let n = &food.nutrients;
        let value = match r.fields[1].as_str() {
            "304" => n.magnesium_mg,
            "208" => n.energy_kcal,
            "301" => n.calcium_mg,
            "306" => n.potassium_mg,
            "262" => n.caffeine_mg,
            "291" => n.fiber_g,
            _ => continue,
        };
        assert_eq!(
            value.map(|v| v.to_string()),
            Some(canonical(&r.fields[2])),
            "{:?}",
            r.fields
        );
        checked += 1;
    }
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for r in read(&sr::WEIGHT) {
        let ndb: u32 = r.fields[0].parse().unwrap();
        let k = seen.entry(ndb).or_default();
        let m = &food(ndb).measures[*k];
        *k += 1;
        assert_eq!(
            m.amount.to_string(),
            canonical(&r.fields[2]),
            "{:?}",
            r.fields
        );
        assert_eq!(m.description, r.fields[3]);
        assert_eq!(
            m.grams.to_string(),
            canonical(&r.fields[4]),
            "{:?}",
            r.fields
        );
        checked += 1;
    }
    assert!(checked > 60_000, "checked only {checked} values");
}
