//! Cross-file checks of the asset generator on small in-memory SR files:
//! a record that contradicts another file fails with its file and line.

use magnesium_tracker::domain::food::NdbNo;
use xtask::foods::build;
use xtask::sr::{self, Record, Schema};

const GROUPS: &[u8] =
    b"~1100~^~Vegetables and Vegetable Products~\r\n~1200~^~Nut and Seed Products~\r\n";
const FOODS: &[u8] = b"~12061~^~1200~^~Nuts, almonds~^~ALMONDS~^~~^^~Y~^~Shells~^60^~Prunus dulcis~^5.18^3.47^8.37^4.07\r\n\
~11457~^~1100~^~Spinach, raw~^~SPINACH,RAW~^^^~Y~^^28^~Spinacia oleracea~^^2.44^8.37^3.57\r\n\
~12062~^~1200~^~Nuts, almonds, blanched~^~ALMONDS,BLANCHED~^^~Acme Nuts~^^^0^^5.18^^^\r\n";
const NUT_DATA: &[u8] = b"~12061~^~304~^270^4^^~1~^^^^^^^^^^^^\r\n\
~12061~^~208~^579^0^^~4~^~NC~^^^^^^^^^^08/2010^\r\n\
~11457~^~304~^79^0^^~1~^^^^^^^^^^^^\r\n\
~11457~^~203~^2.86^0^^~1~^^^^^^^^^^^^\r\n\
~12062~^~291~^9.9^0^^~1~^^^^^^^^^^^^\r\n";
const WEIGHT: &[u8] = b"~12061~^5^1^~oz (23 whole kernels)~^28.35^^\r\n\
~12061~^1^1^~cup, whole~^143^23^6.098\r\n\
~11457~^1^1^~cup~^30^^\r\n";
const NUTR_DEF: &[u8] = b"~203~^~g~^~PROCNT~^~Protein~^~2~^~600~\r\n~208~^~kcal~^~ENERC_KCAL~^~Energy~^~0~^~300~\r\n\
~262~^~mg~^~CAFFN~^~Caffeine~^~0~^~18300~\r\n~291~^~g~^~FIBTG~^~Fiber, total dietary~^~1~^~1200~\r\n\
~301~^~mg~^~CA~^~Calcium, Ca~^~0~^~5300~\r\n~304~^~mg~^~MG~^~Magnesium, Mg~^~0~^~5500~\r\n\
~306~^~mg~^~K~^~Potassium, K~^~0~^~5700~\r\n";

fn parse(schema: &Schema, bytes: &[u8]) -> Vec<Record> {
    sr::parse(schema, bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// Builds from the files above, with one of them replaced.
fn build_with(
    replace: Option<(&Schema, &[u8])>,
) -> Result<magnesium_tracker::domain::food::FoodDb, sr::SrError> {
    let file = |schema: &Schema, default: &[u8]| match replace {
        Some((s, bytes)) if s.file == schema.file => parse(schema, bytes),
        _ => parse(schema, default),
    };
    build(
        &file(&sr::FD_GROUP, GROUPS),
        &file(&sr::FOOD_DES, FOODS),
        &file(&sr::NUT_DATA, NUT_DATA),
        &file(&sr::WEIGHT, WEIGHT),
        &file(&sr::NUTR_DEF, NUTR_DEF),
    )
}

#[test]
fn builds_sorted_foods_with_nutrients_and_measures_in_seq_order() {
    let db = build_with(None).unwrap();
    let ndbs: Vec<u32> = db.foods().iter().map(|f| f.ndb.0).collect();
    assert_eq!(ndbs, [11457, 12061, 12062], "sorted by NDB number");
    let (_, almonds) = db.by_ndb(NdbNo(12061)).unwrap();
    assert_eq!(almonds.nutrients.magnesium_mg, Some(270.0));
    assert_eq!(almonds.nutrients.energy_kcal, Some(579.0));
    assert_eq!(almonds.nutrients.calcium_mg, None, "no row stays None");
    assert_eq!(almonds.measures[0].description, "cup, whole", "Seq 1 first");
    assert_eq!(almonds.measures[1].grams, 28.35);
    assert!(!almonds.branded && almonds.survey);
    let (_, blanched) = db.by_ndb(NdbNo(12062)).unwrap();
    assert!(blanched.branded, "ManufacName is set");
    assert!(!blanched.survey);
    assert_eq!(blanched.nutrients.fiber_g, Some(9.9));
    assert!(blanched.measures.is_empty());
    assert_eq!(
        db.group(almonds.group).unwrap().name,
        "Nut and Seed Products"
    );
}

#[test]
fn contradictions_between_files_name_the_file_and_line() {
    let cases: [(&Schema, &[u8], &str, usize, &str); 9] = [
        (
            &sr::WEIGHT,
            b"~12061~^1^1^~cup~^143^^\r\n~99999~^1^1^~cup~^1^^\r\n",
            "WEIGHT.txt",
            2,
            "NDB_No 99999 is not in FOOD_DES.txt",
        ),
        (
            &sr::WEIGHT,
            b"~12061~^1^1^~cup~^143^^\r\n~12061~^1^1^~oz~^28.35^^\r\n",
            "WEIGHT.txt",
            2,
            "duplicate Seq 1",
        ),
        (
            &sr::WEIGHT,
            b"~12061~^1^0^~cup~^143^^\r\n",
            "WEIGHT.txt",
            1,
            "Amount is zero",
        ),
        (
            &sr::WEIGHT,
            b"~12061~^1^1^~cup~^^^\r\n",
            "WEIGHT.txt",
            1,
            "Gm_Wgt is empty",
        ),
        (
            &sr::WEIGHT,
            b"~12061~^1.5^1^~cup~^143^^\r\n",
            "WEIGHT.txt",
            1,
            "Seq \"1.5\" is not a whole number",
        ),
        (
            &sr::NUT_DATA,
            b"~12061~^~304~^270^4^^~1~^^^^^^^^^^^^\r\n~12061~^~304~^271^4^^~1~^^^^^^^^^^^^\r\n",
            "NUT_DATA.txt",
            2,
            "second value of nutrient 304",
        ),
        (
            &sr::NUT_DATA,
            b"~12061~^~304~^-1^4^^~1~^^^^^^^^^^^^\r\n",
            "NUT_DATA.txt",
            1,
            "negative",
        ),
        (
            &sr::NUT_DATA,
            b"~12061~^~304~^1.2345^4^^~1~^^^^^^^^^^^^\r\n",
            "NUT_DATA.txt",
            1,
            "more than 3 decimals",
        ),
        (
            &sr::FOOD_DES,
            b"~12061~^~1300~^~Beef~^^^^^^^^^^^\r\n",
            "FOOD_DES.txt",
            1,
            "unknown food group \"1300\"",
        ),
    ];
    for (schema, bytes, file, line, reason) in cases {
        let err = build_with(Some((schema, bytes))).expect_err(reason);
        assert_eq!((err.file.as_str(), err.line), (file, Some(line)), "{err}");
        assert!(err.message.contains(reason), "{err}");
    }
}

#[test]
fn food_des_problems_are_reported_at_their_line() {
    let duplicate =
        b"~12061~^~1200~^~Nuts, almonds~^^^^^^^^^^^\r\n~12061~^~1200~^~Nuts, again~^^^^^^^^^^^\r\n";
    let err = build_with(Some((&sr::FOOD_DES, duplicate))).unwrap_err();
    assert_eq!(err.line, Some(2));
    assert!(err.message.contains("duplicate NDB_No 12061"), "{err}");

    let bad_ndb = b"~1206~^~1200~^~Nuts, almonds~^^^^^^^^^^^\r\n";
    let err = build_with(Some((&sr::FOOD_DES, bad_ndb))).unwrap_err();
    assert!(
        err.message.contains("NDB_No \"1206\" is not 5 digits"),
        "{err}"
    );

    let survey = b"~12061~^~1200~^~Nuts, almonds~^^^^~N~^^^^^^^\r\n";
    let err = build_with(Some((&sr::FOOD_DES, survey))).unwrap_err();
    assert!(err.message.contains("Survey is \"N\""), "{err}");
}

#[test]
fn nutrient_units_are_checked_against_nutr_def() {
    let wrong_unit = b"~304~^~g~^~MG~^~Magnesium, Mg~^~0~^~5500~\r\n";
    let err = build_with(Some((&sr::NUTR_DEF, wrong_unit))).unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("NUTR_DEF.txt", Some(1)));
    assert!(
        err.message
            .contains("nutrient 304 is in \"g\", expected \"mg\""),
        "{err}"
    );
}
