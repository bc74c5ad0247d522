//! Builds the app's food table from the raw SR28 files.

use crate::sr::{self, Record, Schema, SrError};
use magnesium_tracker::domain::food::{
    Food, FoodDb, FoodGroup, GroupId, Measure, NdbNo, Nutrients, Portion,
};
use magnesium_tracker::domain::portion;
use std::collections::HashMap;
use std::path::Path;

/// The SR28 nutrient numbers the app keeps, with the unit NUTR_DEF.txt must
/// give for each (a different unit would mean misread values).
pub const NUTRIENTS: [(&str, &str); 6] = [
    ("304", "mg"),
    ("208", "kcal"),
    ("301", "mg"),
    ("306", "mg"),
    ("262", "mg"),
    ("291", "g"),
];

/// Reads `FD_GROUP`, `FOOD_DES`, `NUT_DATA`, `WEIGHT` and `NUTR_DEF` from
/// `dir` and builds the validated table, with the Top sources rankings the
/// asset carries so that the app need not walk the table to make them.
pub fn load(dir: &Path) -> Result<FoodDb, SrError> {
    let read = |schema: &Schema| -> Result<Vec<Record>, SrError> {
        let path = dir.join(schema.file);
        let bytes = std::fs::read(&path).map_err(|e| SrError {
            file: schema.file.to_string(),
            line: None,
            message: format!("cannot read {}: {e}", path.display()),
        })?;
        sr::parse(schema, &bytes)
    };
    build(
        &read(&sr::FD_GROUP)?,
        &read(&sr::FOOD_DES)?,
        &read(&sr::NUT_DATA)?,
        &read(&sr::WEIGHT)?,
        &read(&sr::NUTR_DEF)?,
    )
    .map(magnesium_tracker::domain::sources::with_rankings)
}

/// Builds the table from parsed records. Cross-file problems (a food in an
/// unknown group, a nutrient row for an unknown food, a duplicate row) are
/// reported with the file and line of the offending record.
pub fn build(
    groups: &[Record],
    foods: &[Record],
    nut_data: &[Record],
    weights: &[Record],
    nutr_def: &[Record],
) -> Result<FoodDb, SrError> {
    check_units(nutr_def)?;

    let mut group_table = Vec::with_capacity(groups.len());
    let mut group_ids = HashMap::new();
    for r in groups {
        let code = digits(&r.fields[0], 4).ok_or_else(|| {
            at(
                &sr::FD_GROUP,
                r,
                format!("group code {:?} is not 4 digits", r.fields[0]),
            )
        })?;
        let index = u8::try_from(group_table.len())
            .map_err(|_| at(&sr::FD_GROUP, r, "more than 256 food groups".into()))?;
        if group_ids
            .insert(r.fields[0].clone(), GroupId::new(index))
            .is_some()
        {
            return Err(at(
                &sr::FD_GROUP,
                r,
                format!("duplicate group code {}", r.fields[0]),
            ));
        }
        group_table.push(FoodGroup {
            code: code as u16,
            name: r.fields[1].clone(),
        });
    }

    let mut table: Vec<(Food, &Record)> = Vec::with_capacity(foods.len());
    for r in foods {
        let f = &r.fields;
        let ndb = ndb(&sr::FOOD_DES, r, &f[0])?;
        let group = *group_ids
            .get(&f[1])
            .ok_or_else(|| at(&sr::FOOD_DES, r, format!("unknown food group {:?}", f[1])))?;
        if f[2].trim().is_empty() {
            return Err(at(&sr::FOOD_DES, r, "empty Long_Desc".into()));
        }
        let survey = match f[6].as_str() {
            "Y" => true,
            "" => false,
            other => {
                return Err(at(
                    &sr::FOOD_DES,
                    r,
                    format!("Survey is {other:?}, expected Y or empty"),
                ));
            }
        };
        table.push((
            Food {
                ndb,
                description: f[2].clone(),
                group,
                common_names: f[4].clone(),
                branded: !f[5].trim().is_empty(),
                survey,
                nutrients: Nutrients::NONE,
                measures: Vec::new(),
                // Chosen below, once the food's measures are read.
                portion: Portion {
                    measure: None,
                    quantity: 100.0,
                },
            },
            r,
        ));
    }
    table.sort_by_key(|(food, _)| food.ndb);
    for pair in table.windows(2) {
        if pair[0].0.ndb == pair[1].0.ndb {
            let later = if pair[0].1.line > pair[1].1.line {
                pair[0].1
            } else {
                pair[1].1
            };
            return Err(at(
                &sr::FOOD_DES,
                later,
                format!("duplicate NDB_No {}", pair[0].0.ndb),
            ));
        }
    }
    let mut foods: Vec<Food> = table.into_iter().map(|(food, _)| food).collect();
    let position = |schema: &Schema, r: &Record, foods: &[Food]| -> Result<usize, SrError> {
        let n = ndb(schema, r, &r.fields[0])?;
        foods
            .binary_search_by_key(&n, |f| f.ndb)
            .map_err(|_| at(schema, r, format!("NDB_No {n} is not in FOOD_DES.txt")))
    };

    for r in nut_data {
        let Some(slot) = NUTRIENTS.iter().position(|(no, _)| *no == r.fields[1]) else {
            continue;
        };
        let i = position(&sr::NUT_DATA, r, &foods)?;
        let value = stored_value(&sr::NUT_DATA, r, 2, "Nutr_Val")?;
        let n = &mut foods[i].nutrients;
        let target = match slot {
            0 => &mut n.magnesium_mg,
            1 => &mut n.energy_kcal,
            2 => &mut n.calcium_mg,
            3 => &mut n.potassium_mg,
            4 => &mut n.caffeine_mg,
            _ => &mut n.fiber_g,
        };
        if target.replace(value).is_some() {
            return Err(at(
                &sr::NUT_DATA,
                r,
                format!(
                    "second value of nutrient {} for food {}",
                    r.fields[1], r.fields[0]
                ),
            ));
        }
    }

    let mut measures: Vec<(usize, u32, Measure, &Record)> = Vec::with_capacity(weights.len());
    for r in weights {
        let i = position(&sr::WEIGHT, r, &foods)?;
        let seq = sr::number(&r.fields[1])
            .filter(|s| s.fract() == 0.0 && *s >= 0.0 && *s <= f64::from(u32::MAX))
            .ok_or_else(|| {
                at(
                    &sr::WEIGHT,
                    r,
                    format!("Seq {:?} is not a whole number", r.fields[1]),
                )
            })?;
        let positive = |k: usize, name: &str| {
            stored_value(&sr::WEIGHT, r, k, name).and_then(|v| {
                if v > 0.0 {
                    Ok(v)
                } else {
                    Err(at(&sr::WEIGHT, r, format!("{name} is zero")))
                }
            })
        };
        let measure = Measure {
            amount: positive(2, "Amount")?,
            description: r.fields[3].clone(),
            grams: positive(4, "Gm_Wgt")?,
        };
        measures.push((i, seq as u32, measure, r));
    }
    measures.sort_by_key(|(i, seq, _, _)| (*i, *seq));
    for pair in measures.windows(2) {
        if (pair[0].0, pair[0].1) == (pair[1].0, pair[1].1) {
            let later = if pair[0].3.line > pair[1].3.line {
                pair[0].3
            } else {
                pair[1].3
            };
            return Err(at(
                &sr::WEIGHT,
                later,
                format!("duplicate Seq {} for this food", pair[0].1),
            ));
        }
    }
    for (i, _, measure, _) in measures {
        foods[i].measures.push(measure);
    }
    for food in &mut foods {
        let code = group_table[food.group.index()].code;
        food.portion = portion::portion_for(code, &food.description, &food.measures);
    }

    FoodDb::new(group_table, foods).map_err(|e| SrError {
        file: "data".into(),
        line: None,
        message: e.to_string(),
    })
}

fn check_units(nutr_def: &[Record]) -> Result<(), SrError> {
    for (no, unit) in NUTRIENTS {
        match nutr_def.iter().find(|r| r.fields[0] == no) {
            Some(r) if r.fields[1] == unit => {}
            Some(r) => {
                return Err(at(
                    &sr::NUTR_DEF,
                    r,
                    format!("nutrient {no} is in {:?}, expected {unit:?}", r.fields[1]),
                ));
            }
            None => {
                return Err(SrError {
                    file: sr::NUTR_DEF.file.into(),
                    line: None,
                    message: format!("nutrient {no} is not defined"),
                });
            }
        }
    }
    Ok(())
}

/// The largest number of decimals the asset stores exactly.
pub const MAX_DECIMALS: usize = 3;

/// A value the asset keeps: present, not negative, with at most
/// [`MAX_DECIMALS`] decimals, so that it is stored exactly as printed.
fn stored_value(schema: &Schema, r: &Record, k: usize, name: &str) -> Result<f64, SrError> {
    let text = &r.fields[k];
    let decimals = text.split_once('.').map_or(0, |(_, frac)| frac.len());
    match sr::number(text) {
        None => Err(at(schema, r, format!("{name} is empty"))),
        Some(v) if v < 0.0 => Err(at(schema, r, format!("{name} {text} is negative"))),
        Some(_) if decimals > MAX_DECIMALS => Err(at(
            schema,
            r,
            format!("{name} {text} has more than {MAX_DECIMALS} decimals"),
        )),
        Some(v) => Ok(v),
    }
}

fn ndb(schema: &Schema, r: &Record, text: &str) -> Result<NdbNo, SrError> {
    digits(text, 5)
        .map(NdbNo)
        .ok_or_else(|| at(schema, r, format!("NDB_No {text:?} is not 5 digits")))
}

fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

fn at(schema: &Schema, r: &Record, message: String) -> SrError {
    SrError {
        file: schema.file.to_string(),
        line: Some(r.line),
        message,
    }
}
