//! A columnar JSON encoding of the food table, kept only to measure it
//! against the postcard asset (`cargo run -p xtask --release -- measure`).
//! The app ships postcard; this module is the evidence for that choice.

use magnesium_tracker::domain::food::{
    Food, FoodDb, FoodGroup, GroupId, Measure, NdbNo, Nutrients, Portion,
};
use serde::{Deserialize, Serialize};

/// One array per field, so the JSON has no repeated keys per food.
#[derive(Serialize, Deserialize)]
struct Columns {
    group_code: Vec<u16>,
    group_name: Vec<String>,
    ndb: Vec<u32>,
    description: Vec<String>,
    group: Vec<u8>,
    common_names: Vec<String>,
    branded: Vec<u8>,
    survey: Vec<u8>,
    magnesium_mg: Vec<Option<f64>>,
    energy_kcal: Vec<Option<f64>>,
    calcium_mg: Vec<Option<f64>>,
    potassium_mg: Vec<Option<f64>>,
    caffeine_mg: Vec<Option<f64>>,
    fiber_g: Vec<Option<f64>>,
    measure_count: Vec<usize>,
    measure_amount: Vec<f64>,
    measure_text: Vec<String>,
    measure_grams: Vec<f64>,
    portion_measure: Vec<Option<usize>>,
    portion_quantity: Vec<f64>,
}

pub fn encode(db: &FoodDb) -> String {
    let foods = db.foods();
    let col = |f: fn(&Food) -> Option<f64>| foods.iter().map(f).collect::<Vec<_>>();
    let measures = || foods.iter().flat_map(|f| f.measures.iter());
    let columns = Columns {
        group_code: db.groups().iter().map(|g| g.code).collect(),
        group_name: db.groups().iter().map(|g| g.name.clone()).collect(),
        ndb: foods.iter().map(|f| f.ndb.0).collect(),
        description: foods.iter().map(|f| f.description.clone()).collect(),
        group: foods.iter().map(|f| f.group.index() as u8).collect(),
        common_names: foods.iter().map(|f| f.common_names.clone()).collect(),
        branded: foods.iter().map(|f| u8::from(f.branded)).collect(),
        survey: foods.iter().map(|f| u8::from(f.survey)).collect(),
        magnesium_mg: col(|f| f.nutrients.magnesium_mg),
        energy_kcal: col(|f| f.nutrients.energy_kcal),
        calcium_mg: col(|f| f.nutrients.calcium_mg),
        potassium_mg: col(|f| f.nutrients.potassium_mg),
        caffeine_mg: col(|f| f.nutrients.caffeine_mg),
        fiber_g: col(|f| f.nutrients.fiber_g),
        measure_count: foods.iter().map(|f| f.measures.len()).collect(),
        measure_amount: measures().map(|m| m.amount).collect(),
        measure_text: measures().map(|m| m.description.clone()).collect(),
        measure_grams: measures().map(|m| m.grams).collect(),
        portion_measure: foods.iter().map(|f| f.portion.measure).collect(),
        portion_quantity: foods.iter().map(|f| f.portion.quantity).collect(),
    };
    // Plain vectors of numbers and strings always serialise.
    serde_json::to_string(&columns).expect("serde_json serialises plain data")
}

pub fn decode(text: &str) -> Result<FoodDb, String> {
    let c: Columns = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let groups = c
        .group_code
        .into_iter()
        .zip(c.group_name)
        .map(|(code, name)| FoodGroup { code, name })
        .collect();
    let mut amounts = c.measure_amount.into_iter();
    let mut texts = c.measure_text.into_iter();
    let mut grams = c.measure_grams.into_iter();
    let mut foods = Vec::with_capacity(c.ndb.len());
    for (i, ((description, common_names), count)) in c
        .description
        .into_iter()
        .zip(c.common_names)
        .zip(c.measure_count)
        .enumerate()
    {
        let get = |v: &Vec<Option<f64>>| v.get(i).copied().flatten();
        let measures = (0..count)
            .map(|_| match (amounts.next(), texts.next(), grams.next()) {
                (Some(amount), Some(description), Some(grams)) => Ok(Measure {
                    amount,
                    description,
                    grams,
                }),
                _ => Err("measure columns too short".to_string()),
            })
            .collect::<Result<Vec<_>, _>>()?;
        foods.push(Food {
            ndb: NdbNo(*c.ndb.get(i).ok_or("ndb column too short")?),
            description,
            group: GroupId::new(*c.group.get(i).ok_or("group column too short")?),
            common_names,
            branded: c.branded.get(i) == Some(&1),
            survey: c.survey.get(i) == Some(&1),
            nutrients: Nutrients {
                magnesium_mg: get(&c.magnesium_mg),
                energy_kcal: get(&c.energy_kcal),
                calcium_mg: get(&c.calcium_mg),
                potassium_mg: get(&c.potassium_mg),
                caffeine_mg: get(&c.caffeine_mg),
                fiber_g: get(&c.fiber_g),
            },
            measures,
            portion: Portion {
                measure: c.portion_measure.get(i).copied().flatten(),
                quantity: *c
                    .portion_quantity
                    .get(i)
                    .ok_or("portion column too short")?,
            },
        });
    }
    FoodDb::new(groups, foods).map_err(|e| e.to_string())
}
