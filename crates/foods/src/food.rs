//! The USDA SR28 food table the app searches: foods, their food groups, six
//! nutrients per 100 g and the household measures, plus the compact binary
//! asset format (`public/foods.bin`) the browser fetches and decodes.
//!
//! Nutrient values are `Option`: SR28 leaves a nutrient out when it was not
//! analysed, and "not analysed" must never be shown or summed as zero.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub use super::portion::Portion;
use super::portion::{amount_text, grams_text, short_description};

/// The whole food table: the food groups and every food, ordered by NDB
/// number. Built only through [`FoodDb::new`] or [`FoodDb::decode`], which
/// check the invariants the rest of the app relies on (group ids in range,
/// NDB numbers strictly increasing, values finite, non-negative and written
/// with at most three decimals).
#[derive(Clone, Debug, PartialEq)]
pub struct FoodDb {
    groups: Vec<FoodGroup>,
    foods: Vec<Food>,
    /// Rankings made from the table when the asset was built, as lists of
    /// food positions; what each list means is its maker's business (see
    /// [`FoodDb::with_rankings`]). Empty for a table built by
    /// [`FoodDb::new`].
    rankings: Vec<Vec<u32>>,
}

/// One SR28 food group, for example `0900` "Fruits and Fruit Juices".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoodGroup {
    /// The numeric value of the four-digit `FdGrp_Cd` (0900 is stored as 900).
    pub code: u16,
    pub name: String,
}

/// The position of a group in [`FoodDb::groups`]. [`FoodDb::new`] checks
/// that every food's id is in range, so a `GroupId` read from a food always
/// names a group of the database that holds the food.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId(u8);

/// The five-digit USDA NDB number of a food. It is an integer, but people and
/// the USDA always write it with leading zeros (`09040`), which `Display` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NdbNo(pub u32);

/// One food with the nutrients the app uses, per 100 g of edible portion.
#[derive(Clone, Debug, PartialEq)]
pub struct Food {
    pub ndb: NdbNo,
    /// `Long_Desc`, for example "Nuts, almonds".
    pub description: String,
    pub group: GroupId,
    /// `ComName`: other names people use, comma separated; often empty.
    pub common_names: String,
    /// True when SR28 names a manufacturer (`ManufacName` is not empty).
    pub branded: bool,
    /// True when the food is used in the NHANES dietary survey (`Survey` is
    /// "Y"), which marks the foods Americans commonly report eating; search
    /// uses it to rank everyday foods first.
    pub survey: bool,
    pub nutrients: Nutrients,
    /// Household measures in SR28 `Seq` order.
    pub measures: Vec<Measure>,
    /// The amount people customarily eat at one time, chosen when the asset
    /// is built ([`crate::portion`]).
    pub portion: Portion,
}

/// Nutrients per 100 g of edible portion; `None` means SR28 has no value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Nutrients {
    /// Nutr_No 304, mg.
    pub magnesium_mg: Option<f64>,
    /// Nutr_No 208, kcal.
    pub energy_kcal: Option<f64>,
    /// Nutr_No 301, mg.
    pub calcium_mg: Option<f64>,
    /// Nutr_No 306, mg.
    pub potassium_mg: Option<f64>,
    /// Nutr_No 262, mg.
    pub caffeine_mg: Option<f64>,
    /// Nutr_No 291, g.
    pub fiber_g: Option<f64>,
}

/// A household measure: `amount` × `description` weighs `grams`, for example
/// 1 × "oz (23 whole kernels)" = 28.35 g.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    pub amount: f64,
    pub description: String,
    pub grams: f64,
}

/// Why a food table was rejected by [`FoodDb::new`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidFoodDb(pub String);

/// Why [`FoodDb::decode`] could not read an asset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes do not start with the asset's magic number: not a food asset.
    NotAFoodAsset,
    /// The asset was written by another version of the format, typically a
    /// stale copy in a cache; the app should fetch a fresh one.
    UnsupportedVersion { found: u8, expected: u8 },
    /// The bytes are truncated or corrupt.
    Corrupt(String),
    /// The bytes decode but break an invariant of the food table.
    Invalid(InvalidFoodDb),
}

/// The first bytes of every food asset.
pub const ASSET_MAGIC: [u8; 4] = *b"MGFD";
/// Bumped whenever the wire layout changes, so a cached old asset fails
/// loudly instead of decoding into garbage. Version 3 added the rankings;
/// version 4 writes texts a line each, descriptions front-coded, nutrients
/// without a tag byte each and measure texts most used first (SR28's table
/// went from 895 to 659 KB raw and from 206 to 180 KB with `gzip -9`).
pub const ASSET_VERSION: u8 = 4;

impl FoodDb {
    /// Validates and builds a food table. Foods must be in strictly
    /// increasing NDB order so [`FoodDb::by_ndb`] can binary-search.
    pub fn new(groups: Vec<FoodGroup>, foods: Vec<Food>) -> Result<FoodDb, InvalidFoodDb> {
        if groups.len() > usize::from(u8::MAX) + 1 {
            return Err(InvalidFoodDb(format!(
                "{} food groups; at most 256 fit a group id",
                groups.len()
            )));
        }
        if foods.len() > MAX_FOODS {
            return Err(InvalidFoodDb(format!(
                "{} foods; at most {MAX_FOODS} are supported",
                foods.len()
            )));
        }
        // The asset writes texts a line each (see `Lines`).
        let one_line = |text: &str, what: &dyn fmt::Display| {
            if text.contains('\n') {
                Err(InvalidFoodDb(format!("{what} has a line break")))
            } else {
                Ok(())
            }
        };
        for g in &groups {
            one_line(&g.name, &format_args!("food group {}", g.code))?;
        }
        for (i, food) in foods.iter().enumerate() {
            one_line(&food.description, &format_args!("food {}", food.ndb))?;
            one_line(
                &food.common_names,
                &format_args!("food {}'s common names", food.ndb),
            )?;
            for m in &food.measures {
                one_line(
                    &m.description,
                    &format_args!("a measure of food {}", food.ndb),
                )?;
            }
            if usize::from(food.group.0) >= groups.len() {
                return Err(InvalidFoodDb(format!(
                    "food {} has group id {} but there are {} groups",
                    food.ndb,
                    food.group.0,
                    groups.len()
                )));
            }
            if i > 0 && foods[i - 1].ndb >= food.ndb {
                return Err(InvalidFoodDb(format!(
                    "food {} follows {}: NDB numbers must strictly increase",
                    food.ndb,
                    foods[i - 1].ndb
                )));
            }
            for (name, value) in food.nutrients.named() {
                if let Some(v) = value {
                    check_decimal(v)
                        .map_err(|e| InvalidFoodDb(format!("food {} {name}: {e}", food.ndb)))?;
                }
            }
            for m in &food.measures {
                check_decimal(m.amount)
                    .and_then(|()| check_decimal(m.grams))
                    .map_err(|e| {
                        InvalidFoodDb(format!(
                            "food {} measure {:?}: {e}",
                            food.ndb, m.description
                        ))
                    })?;
                if m.amount == 0.0 || m.grams == 0.0 {
                    return Err(InvalidFoodDb(format!(
                        "food {} measure {:?} has a zero amount or weight",
                        food.ndb, m.description
                    )));
                }
            }
            let portion = food.portion;
            if portion
                .measure
                .is_some_and(|i| i >= food.measures.len().min(MAX_MEASURES))
            {
                return Err(InvalidFoodDb(format!(
                    "food {} portion names measure {:?} of {}",
                    food.ndb,
                    portion.measure,
                    food.measures.len()
                )));
            }
            check_decimal(portion.quantity)
                .map_err(|e| InvalidFoodDb(format!("food {} portion: {e}", food.ndb)))?;
            if portion.quantity == 0.0 {
                return Err(InvalidFoodDb(format!(
                    "food {} has a portion of zero",
                    food.ndb
                )));
            }
        }
        Ok(FoodDb {
            groups,
            foods,
            rankings: Vec::new(),
        })
    }

    /// The table with `rankings` that the asset carries for readers that
    /// would otherwise compute them from every food while the app starts
    /// (the Top sources, see [`crate::sources::with_rankings`]).
    /// Every position must name a food of this table.
    pub fn with_rankings(self, rankings: Vec<Vec<u32>>) -> Result<FoodDb, InvalidFoodDb> {
        let count = self.foods.len();
        if let Some(&bad) = rankings.iter().flatten().find(|&&i| i as usize >= count) {
            return Err(InvalidFoodDb(format!(
                "a ranking names food position {bad} of {count}"
            )));
        }
        Ok(FoodDb { rankings, ..self })
    }

    /// The rankings the table was built with ([`FoodDb::with_rankings`]).
    pub fn rankings(&self) -> &[Vec<u32>] {
        &self.rankings
    }

    /// Reads an asset written by [`FoodDb::encode`] (see [`AssetDecoder`]).
    pub fn decode(bytes: &[u8]) -> Result<FoodDb, DecodeError> {
        AssetDecoder::new(bytes)?.finish()
    }

    /// Writes the asset: magic number, format version, then the table in
    /// postcard. The output depends only on the table, so regenerating the
    /// asset from the same data gives the same bytes.
    pub fn encode(&self) -> Vec<u8> {
        let wire = WireDb::from_db(self);
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(&ASSET_MAGIC);
        out.push(ASSET_VERSION);
        // Serialising owned integers, strings and vectors into a growable
        // vector has no failure path in postcard; an error here would be a
        // bug in postcard itself, not bad data.
        let body = postcard::to_allocvec(&wire).expect("postcard serialises plain data to a Vec");
        out.extend_from_slice(&body);
        out
    }

    pub fn foods(&self) -> &[Food] {
        &self.foods
    }

    pub fn groups(&self) -> &[FoodGroup] {
        &self.groups
    }

    /// The food at a position in [`FoodDb::foods`] (search results are such positions).
    pub fn food(&self, index: usize) -> Option<&Food> {
        self.foods.get(index)
    }

    /// Finds a food and its position by NDB number (binary search).
    pub fn by_ndb(&self, ndb: NdbNo) -> Option<(usize, &Food)> {
        let i = self.foods.binary_search_by_key(&ndb, |f| f.ndb).ok()?;
        Some((i, &self.foods[i]))
    }

    /// The group of a food in this table. `None` only for a `GroupId` taken
    /// from a different, larger table.
    pub fn group(&self, id: GroupId) -> Option<&FoodGroup> {
        self.groups.get(usize::from(id.0))
    }

    /// Every group with its id, in table order, for a group filter menu.
    pub fn group_ids(&self) -> impl Iterator<Item = (GroupId, &FoodGroup)> {
        // `new` guarantees at most 256 groups, so the cast cannot truncate.
        self.groups
            .iter()
            .enumerate()
            .map(|(i, g)| (GroupId(i as u8), g))
    }

    /// The id of the group at a position in [`FoodDb::groups`], for example
    /// from a `<select>` value; `None` when out of range.
    pub fn group_id(&self, index: usize) -> Option<GroupId> {
        (index < self.groups.len()).then_some(GroupId(index as u8))
    }

    /// The id of the group with an SR28 code (900 for "0900").
    pub fn group_by_code(&self, code: u16) -> Option<GroupId> {
        self.groups
            .iter()
            .position(|g| g.code == code)
            .and_then(|i| self.group_id(i))
    }
}

impl GroupId {
    /// The position in [`FoodDb::groups`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// A group id for building a table with [`FoodDb::new`]; the table
    /// checks that it is in range.
    pub fn new(index: u8) -> GroupId {
        GroupId(index)
    }
}

impl FoodGroup {
    /// The code as SR28 writes it, with four digits: "0900".
    pub fn code_string(&self) -> String {
        format!("{:04}", self.code)
    }
}

impl NdbNo {
    /// Parses "09040" or "9040"; `None` for anything but one to five digits.
    pub fn parse(s: &str) -> Option<NdbNo> {
        if s.is_empty() || s.len() > 5 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok().map(NdbNo)
    }
}

impl fmt::Display for NdbNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:05}", self.0)
    }
}

impl Food {
    /// The NDB number written with five digits, for example "09040".
    pub fn ndb_string(&self) -> String {
        self.ndb.to_string()
    }

    /// Grams in one portion: the chosen measure times its quantity, or the
    /// portion's grams.
    pub fn portion_grams(&self) -> f64 {
        match self.portion.measure.and_then(|i| self.measures.get(i)) {
            Some(m) => m.grams * self.portion.quantity,
            None => self.portion.quantity,
        }
    }

    /// How a portion reads: "1 oz (28 g)", "½ cup (86 g)" or "30 g".
    pub fn portion_label(&self) -> String {
        match self.portion.measure.and_then(|i| self.measures.get(i)) {
            Some(m) => format!(
                "{} {} ({})",
                amount_text(m.amount * self.portion.quantity),
                short_description(&m.description),
                grams_text(self.portion_grams())
            ),
            None => grams_text(self.portion.quantity),
        }
    }

    /// Magnesium (mg) in one portion ([`Food::portion_grams`]).
    pub fn mg_per_portion(&self) -> Option<f64> {
        self.mg_for_grams(self.portion_grams())
    }

    /// Energy (kcal) in one portion; `None` when SR28 has no energy value.
    pub fn kcal_per_portion(&self) -> Option<f64> {
        self.nutrients
            .energy_kcal
            .map(|kcal| kcal * self.portion_grams() / 100.0)
    }

    /// True when one portion has under 5 kcal, what 21 CFR 101.60(b)(1)
    /// calls "calorie free" (water, brewed coffee, tea, a spice). Magnesium
    /// per 100 kcal is huge or infinite for such foods, so the per-100-kcal
    /// ranking puts them after the foods that supply energy.
    pub fn calorie_free(&self) -> bool {
        self.kcal_per_portion().is_some_and(|kcal| kcal < 5.0)
    }

    /// Magnesium (mg) per 100 g, as SR28 lists it.
    pub fn mg_per_100g(&self) -> Option<f64> {
        self.nutrients.magnesium_mg
    }

    /// Magnesium (mg) in any weight of the food.
    pub fn mg_for_grams(&self, grams: f64) -> Option<f64> {
        self.nutrients.magnesium_mg.map(|mg| mg * grams / 100.0)
    }

    /// Magnesium (mg) per 100 kcal: how "dense" a source is. `None` when
    /// either value is missing or the food has no energy (water, tea), where
    /// the ratio would be infinite.
    pub fn mg_per_100kcal(&self) -> Option<f64> {
        let kcal = self.nutrients.energy_kcal?;
        if kcal <= 0.0 {
            return None;
        }
        Some(self.nutrients.magnesium_mg? * 100.0 / kcal)
    }

    /// Calcium divided by magnesium (both mg per 100 g). `None` when either
    /// is missing or magnesium is zero.
    pub fn calcium_magnesium_ratio(&self) -> Option<f64> {
        let mg = self.nutrients.magnesium_mg?;
        if mg <= 0.0 {
            return None;
        }
        Some(self.nutrients.calcium_mg? / mg)
    }

    /// The part of the description that names the food: the first
    /// comma-separated part, or the first two when the first is only a
    /// category, as in "Nuts, almonds" or "Beans, black". Search ranks words
    /// here higher and "top sources" treats foods with the same head as
    /// variants of one food.
    pub fn head(&self) -> &str {
        description_head(&self.description)
    }

    /// True for brand-name products: SR28 names a manufacturer, or the
    /// description carries an all-capital brand word ("KELLOGG'S", "GERBER").
    /// Many branded SR28 foods leave `ManufacName` empty, so the flag alone
    /// would miss them.
    pub fn brand_like(&self) -> bool {
        self.branded || has_brand_word(&self.description)
    }
}

impl Measure {
    /// "1 oz (23 whole kernels)", "0.5 cup": the amount without a trailing ".0".
    pub fn label(&self) -> String {
        format!("{} {}", self.amount, self.description)
    }
}

impl Nutrients {
    /// A food with no nutrient values at all.
    pub const NONE: Nutrients = Nutrients {
        magnesium_mg: None,
        energy_kcal: None,
        calcium_mg: None,
        potassium_mg: None,
        caffeine_mg: None,
        fiber_g: None,
    };

    fn named(&self) -> [(&'static str, Option<f64>); 6] {
        [
            ("magnesium", self.magnesium_mg),
            ("energy", self.energy_kcal),
            ("calcium", self.calcium_mg),
            ("potassium", self.potassium_mg),
            ("caffeine", self.caffeine_mg),
            ("fiber", self.fiber_g),
        ]
    }
}

impl fmt::Display for InvalidFoodDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid food table: {}", self.0)
    }
}

impl std::error::Error for InvalidFoodDb {}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotAFoodAsset => write!(f, "not a food asset (bad magic number)"),
            DecodeError::UnsupportedVersion { found, expected } => write!(
                f,
                "food asset format version {found}, this app reads version {expected}"
            ),
            DecodeError::Corrupt(why) => write!(f, "corrupt food asset: {why}"),
            DecodeError::Invalid(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// SR28 descriptions whose first comma-separated part is a category rather
/// than the food itself ("Nuts, almonds", "Fish, salmon, coho, raw").
const CATEGORY_HEADS: [&str; 16] = [
    "alcoholic beverage",
    "alcoholic beverages",
    "babyfood",
    "beans",
    "beverages",
    "candies",
    "cereals",
    "cereals ready-to-eat",
    "crustaceans",
    "fish",
    "game meat",
    "mollusks",
    "nuts",
    "seeds",
    "snacks",
    "spices",
];

/// Capitalised words in SR28 descriptions that are abbreviations, not brands.
const NON_BRAND_CAPITALS: [&str; 7] = ["ARA", "BBQ", "DHA", "NFS", "NLEA", "NS", "USDA"];

/// The asset stores a portion's measure in a byte, 0 meaning grams, so a
/// portion can name one of the first 255 measures.
const MAX_MEASURES: usize = u8::MAX as usize;

/// The largest food count a search posting (food number and a 3-bit field
/// in a `u32`) can address.
const MAX_FOODS: usize = 1 << 29;

/// The head of a description (see [`Food::head`]).
pub fn description_head(description: &str) -> &str {
    let mut parts = description.splitn(3, ',');
    let first = parts.next().unwrap_or("");
    let Some(second) = parts.next() else {
        return description;
    };
    if CATEGORY_HEADS
        .iter()
        .any(|c| first.trim().eq_ignore_ascii_case(c))
    {
        &description[..first.len() + 1 + second.len()]
    } else {
        first
    }
}

fn has_brand_word(description: &str) -> bool {
    // Nearly every SR28 description is ASCII; the byte loop gives the same
    // answer as the general one below several times faster, and the browser
    // asks this of every food while it builds the search index.
    if description.is_ascii() {
        return description
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
            .map(|w| w.trim_matches('\''))
            .any(|w| {
                w.bytes().filter(u8::is_ascii_alphabetic).count() >= 3
                    && !w.bytes().any(|b| b.is_ascii_lowercase())
                    && !NON_BRAND_CAPITALS.contains(&w)
            });
    }
    has_brand_word_unicode(description)
}

fn has_brand_word_unicode(description: &str) -> bool {
    description
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .any(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && w.chars().all(|c| !c.is_lowercase())
                && !NON_BRAND_CAPITALS.contains(&w)
        })
}

/// Accepts the values SR28 writes: finite, non-negative and with at most
/// three decimals, which the asset stores exactly as a decimal.
fn check_decimal(value: f64) -> Result<(), String> {
    match Decimal::from_f64(value) {
        Some(_) => Ok(()),
        None => Err(format!(
            "{value} is not a non-negative decimal with at most {} places",
            Decimal::MAX_PLACES
        )),
    }
}

/// A non-negative decimal `mantissa / 10^places`: the exact number SR28
/// printed. The asset stores the two parts as varints, which is smaller
/// than an `f32` and loses nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Decimal {
    mantissa: u32,
    places: u8,
}

impl Decimal {
    const MAX_PLACES: u8 = 3;
    const SCALE: [f64; 4] = [1.0, 10.0, 100.0, 1000.0];

    /// The shortest decimal whose nearest `f64` is `value`.
    fn from_f64(value: f64) -> Option<Decimal> {
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        (0..=Self::MAX_PLACES).find_map(|places| {
            let scaled = (value * Self::SCALE[usize::from(places)]).round();
            let decimal = Decimal {
                mantissa: scaled as u32,
                places,
            };
            // Below `u32::MAX`, so an optional mantissa can be stored one
            // higher with 0 for "no value" (see `DecimalColumn`).
            (scaled < f64::from(u32::MAX) && decimal.to_f64() == value).then_some(decimal)
        })
    }

    /// The `f64` nearest the decimal: IEEE division is correctly rounded and
    /// both operands are exact, so this equals parsing the printed text.
    fn to_f64(self) -> f64 {
        f64::from(self.mantissa) / Self::SCALE[usize::from(self.places)]
    }
}

/// Reads an asset written by [`FoodDb::encode`] in steps, so the app can
/// yield to the browser between them and no one task decodes the whole
/// table (issue 19): first a column a step, then the foods a thousand a
/// step. A postcard struct is its fields one after the other with nothing
/// between them, so reading the columns one by one reads the very bytes
/// `encode` wrote. [`FoodDb::decode`] takes every step at once.
pub struct AssetDecoder<'a> {
    /// The bytes not read yet.
    rest: &'a [u8],
    wire: WireDb,
    /// How many columns have been read, in their order on the wire.
    columns: usize,
    /// The number of foods, once every column is read and they agree.
    count: Option<usize>,
    foods: Vec<Food>,
    /// The first measure of the next food to build.
    next_measure: usize,
    /// The NDB number of the last food built.
    ndb: u32,
}

/// The columns of [`WireDb`] on the wire; the six nutrient columns count one each.
const WIRE_COLUMNS: usize = 21;
/// Foods built from the columns per step.
const FOODS_PER_DECODE_STEP: usize = 1_000;

impl<'a> AssetDecoder<'a> {
    /// Checks the magic number and the format version.
    pub fn new(bytes: &'a [u8]) -> Result<AssetDecoder<'a>, DecodeError> {
        let Some(rest) = bytes.strip_prefix(&ASSET_MAGIC) else {
            return Err(DecodeError::NotAFoodAsset);
        };
        let Some((&version, rest)) = rest.split_first() else {
            return Err(DecodeError::Corrupt(
                "the asset ends after its magic number".into(),
            ));
        };
        if version != ASSET_VERSION {
            return Err(DecodeError::UnsupportedVersion {
                found: version,
                expected: ASSET_VERSION,
            });
        }
        Ok(AssetDecoder {
            rest,
            wire: WireDb::default(),
            columns: 0,
            count: None,
            foods: Vec::new(),
            next_measure: 0,
            ndb: 0,
        })
    }

    /// Does the next piece of work: reads one column, checks that the
    /// columns agree, or builds up to a thousand foods. Returns whether any
    /// work is left for [`Self::finish`] or another step.
    pub fn step(&mut self) -> Result<bool, DecodeError> {
        if self.columns < WIRE_COLUMNS {
            self.read_column()?;
            self.columns += 1;
            return Ok(true);
        }
        let n = match self.count {
            Some(n) => n,
            None => {
                let n = self.wire.check_lengths()?;
                self.foods.reserve_exact(n);
                self.count = Some(n);
                return Ok(n > 0);
            }
        };
        let start = self.foods.len();
        let end = crate::search::batch_end(start, FOODS_PER_DECODE_STEP, n);
        for i in start..end {
            let food = self.wire.food(i, &mut self.next_measure, &mut self.ndb)?;
            self.foods.push(food);
        }
        Ok(end < n)
    }

    /// Takes any steps left and checks the whole table.
    pub fn finish(mut self) -> Result<FoodDb, DecodeError> {
        while self.step()? {}
        if !self.rest.is_empty() {
            return Err(DecodeError::Corrupt(format!(
                "{} unexpected bytes after the food table",
                self.rest.len()
            )));
        }
        let wire = self.wire;
        let groups = wire
            .group_codes
            .into_iter()
            .zip(wire.group_names.0)
            .map(|(code, name)| FoodGroup { code, name })
            .collect();
        FoodDb::new(groups, self.foods)
            .and_then(|db| db.with_rankings(wire.rankings))
            .map_err(DecodeError::Invalid)
    }

    /// Reads the next column, in the field order of [`WireDb`].
    fn read_column(&mut self) -> Result<(), DecodeError> {
        let rest = &mut self.rest;
        let wire = &mut self.wire;
        match self.columns {
            0 => wire.group_codes = take(rest)?,
            1 => wire.group_names = take(rest)?,
            2 => wire.ndb_delta = take(rest)?,
            3 => wire.description = take(rest)?,
            4 => wire.group = take(rest)?,
            5 => wire.common_names = take(rest)?,
            6 => wire.flags = take(rest)?,
            k @ 7..=12 => wire.nutrients[k - 7] = take(rest)?,
            13 => wire.measure_count = take(rest)?,
            14 => wire.measure_amount = take(rest)?,
            15 => wire.measure_text = take(rest)?,
            16 => wire.measure_grams = take(rest)?,
            17 => wire.measure_texts = take(rest)?,
            18 => wire.portion_measure = take(rest)?,
            19 => wire.portion_quantity = take(rest)?,
            _ => wire.rankings = take(rest)?,
        }
        Ok(())
    }
}

/// Reads one postcard value from the front of `rest`.
fn take<T: serde::de::DeserializeOwned>(rest: &mut &[u8]) -> Result<T, DecodeError> {
    let (value, tail) =
        postcard::take_from_bytes(rest).map_err(|e| DecodeError::Corrupt(e.to_string()))?;
    *rest = tail;
    Ok(value)
}

/// The on-the-wire layout: one column per field, because like values next
/// to each other compress better; NDB numbers as differences from the
/// previous food (mostly 1); texts a line each, descriptions front-coded;
/// decimals split into mantissas and places; and measure descriptions
/// interned because "oz" and "cup" repeat thousands of times.
/// `AssetDecoder::read_column` reads the fields in this order.
#[derive(Serialize, Deserialize, Default)]
struct WireDb {
    group_codes: Vec<u16>,
    group_names: Lines,
    ndb_delta: Vec<u32>,
    description: FrontCoded,
    group: Vec<u8>,
    common_names: Lines,
    /// Bit 0: branded; bit 1: survey.
    flags: Vec<u8>,
    /// One column per nutrient, in the order of `Nutrients::named`.
    nutrients: [DecimalColumn; 6],
    measure_count: Vec<u32>,
    measure_amount: RequiredDecimals,
    measure_text: Vec<u32>,
    measure_grams: RequiredDecimals,
    /// The distinct measure texts, the most used first, so that the indices
    /// in `measure_text` are mostly one byte.
    measure_texts: Lines,
    /// 0 for a portion in grams, otherwise one more than the measure's index.
    portion_measure: Vec<u8>,
    portion_quantity: RequiredDecimals,
    /// [`FoodDb::rankings`], last because they are read last.
    rankings: Vec<Vec<u32>>,
}

/// Optional decimals as two columns; `places` is constant within most
/// columns, so it compresses to almost nothing.
#[derive(Serialize, Deserialize, Default)]
struct DecimalColumn {
    /// 0 for no value, otherwise one more than the mantissa: postcard would
    /// write an `Option` with a tag byte for every value.
    mantissa: Vec<u32>,
    places: Vec<u8>,
}

impl DecimalColumn {
    fn push(&mut self, value: Option<f64>) {
        // `FoodDb::new` checked every value, so `from_f64` cannot fail here;
        // a failure would store "no value" rather than panic. A mantissa is
        // below `u32::MAX`, so one more still fits.
        let d = value.and_then(Decimal::from_f64);
        self.mantissa.push(d.map_or(0, |d| d.mantissa + 1));
        self.places.push(d.map_or(0, |d| d.places));
    }

    fn get(&self, i: usize) -> Result<Option<f64>, DecodeError> {
        let (Some(&mantissa), Some(&places)) = (self.mantissa.get(i), self.places.get(i)) else {
            return Err(DecodeError::Corrupt("a number column is too short".into()));
        };
        if places > Decimal::MAX_PLACES {
            return Err(DecodeError::Corrupt(format!("{places} decimal places")));
        }
        Ok(mantissa
            .checked_sub(1)
            .map(|mantissa| Decimal { mantissa, places }.to_f64()))
    }

    fn len(&self) -> usize {
        self.mantissa.len()
    }
}

/// Like [`DecimalColumn`] for values that are always present.
#[derive(Serialize, Deserialize, Default)]
struct RequiredDecimals {
    mantissa: Vec<u32>,
    places: Vec<u8>,
}

impl RequiredDecimals {
    fn push(&mut self, value: f64) {
        // Checked by `FoodDb::new`, as in `DecimalColumn::push`.
        let d = Decimal::from_f64(value).unwrap_or(Decimal {
            mantissa: 0,
            places: 0,
        });
        self.mantissa.push(d.mantissa);
        self.places.push(d.places);
    }

    fn get(&self, i: usize) -> Result<f64, DecodeError> {
        let (Some(&mantissa), Some(&places)) = (self.mantissa.get(i), self.places.get(i)) else {
            return Err(DecodeError::Corrupt("a number column is too short".into()));
        };
        if places > Decimal::MAX_PLACES {
            return Err(DecodeError::Corrupt(format!("{places} decimal places")));
        }
        Ok(Decimal { mantissa, places }.to_f64())
    }

    fn len(&self) -> usize {
        self.mantissa.len()
    }
}

/// Texts as one string, each ended by a line break. Compressed, the breaks
/// cost almost nothing, where postcard's length before each text breaks up
/// the text that gzip sees. [`FoodDb::new`] rejects texts with a line break.
#[derive(Default)]
struct Lines(Vec<String>);

impl Serialize for Lines {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        lines(self.0.iter().map(String::as_str)).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <&str>::deserialize(deserializer)?;
        Ok(Lines(
            split_lines(text)
                .map_err(serde::de::Error::custom)?
                .map(str::to_string)
                .collect(),
        ))
    }
}

/// Each text followed by a line break.
fn lines<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for text in texts {
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// The texts of [`lines`]; its output is empty or ends with a line break.
fn split_lines(text: &str) -> Result<std::str::SplitTerminator<'_, char>, &'static str> {
    if text.is_empty() || text.ends_with('\n') {
        Ok(text.split_terminator('\n'))
    } else {
        Err("the last text has no line break")
    }
}

/// Texts that mostly begin like the one before them, as SR28's descriptions
/// do in NDB order ("Beef, chuck, …"): for each, the number of bytes it
/// shares with the one before (at most 255), then the rest as [`Lines`].
#[derive(Default)]
struct FrontCoded(Vec<String>);

impl Serialize for FrontCoded {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut shared = Vec::with_capacity(self.0.len());
        let mut previous = "";
        for text in &self.0 {
            let mut n = previous
                .bytes()
                .zip(text.bytes())
                .take_while(|(a, b)| a == b)
                .count()
                .min(usize::from(u8::MAX));
            while !text.is_char_boundary(n) {
                n -= 1;
            }
            // At most 255, so the cast cannot truncate.
            shared.push(n as u8);
            previous = text;
        }
        let rests = lines(
            self.0
                .iter()
                .zip(&shared)
                .map(|(t, &n)| &t[usize::from(n)..]),
        );
        (shared, rests).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FrontCoded {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let (shared, rests) = <(Vec<u8>, &str)>::deserialize(deserializer)?;
        let mut texts: Vec<String> = Vec::with_capacity(shared.len());
        let mut rests = split_lines(rests).map_err(D::Error::custom)?;
        for &n in &shared {
            let rest = rests
                .next()
                .ok_or_else(|| D::Error::custom("fewer texts than lengths"))?;
            let previous = texts.last().map_or("", String::as_str);
            let start = previous
                .get(..usize::from(n))
                .ok_or_else(|| D::Error::custom("a text shares more than the one before"))?;
            let mut text = String::with_capacity(start.len() + rest.len());
            text.push_str(start);
            text.push_str(rest);
            texts.push(text);
        }
        if rests.next().is_some() {
            return Err(D::Error::custom("more texts than lengths"));
        }
        Ok(FrontCoded(texts))
    }
}

impl WireDb {
    fn from_db(db: &FoodDb) -> WireDb {
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for m in db.foods.iter().flat_map(|f| &f.measures) {
            *uses.entry(m.description.as_str()).or_default() += 1;
        }
        // The most used first, ties in text order: the texts are distinct, so
        // an unstable sort gives one order and the output depends only on the
        // table.
        let mut texts: Vec<(&str, usize)> = uses.into_iter().collect();
        texts.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let positions: BTreeMap<&str, u32> = texts
            .iter()
            .enumerate()
            .map(|(i, &(text, _))| (text, i as u32))
            .collect();
        let text_index = |s: &str| positions.get(s).copied().unwrap_or(0);
        let mut nutrients: [DecimalColumn; 6] = Default::default();
        let (mut amounts, mut grams) = (RequiredDecimals::default(), RequiredDecimals::default());
        let mut measure_text = Vec::new();
        let mut portion_quantity = RequiredDecimals::default();
        for food in &db.foods {
            portion_quantity.push(food.portion.quantity);
            for (column, (_, value)) in nutrients.iter_mut().zip(food.nutrients.named()) {
                column.push(value);
            }
            for m in &food.measures {
                amounts.push(m.amount);
                grams.push(m.grams);
                measure_text.push(text_index(&m.description));
            }
        }
        let mut previous = 0;
        WireDb {
            group_codes: db.groups.iter().map(|g| g.code).collect(),
            group_names: Lines(db.groups.iter().map(|g| g.name.clone()).collect()),
            ndb_delta: db
                .foods
                .iter()
                .map(|f| {
                    // NDB numbers strictly increase (checked by `new`).
                    let delta = f.ndb.0 - previous;
                    previous = f.ndb.0;
                    delta
                })
                .collect(),
            description: FrontCoded(db.foods.iter().map(|f| f.description.clone()).collect()),
            group: db.foods.iter().map(|f| f.group.0).collect(),
            common_names: Lines(db.foods.iter().map(|f| f.common_names.clone()).collect()),
            flags: db
                .foods
                .iter()
                .map(|f| u8::from(f.branded) | (u8::from(f.survey) << 1))
                .collect(),
            nutrients,
            measure_count: db.foods.iter().map(|f| f.measures.len() as u32).collect(),
            measure_amount: amounts,
            measure_text,
            measure_grams: grams,
            measure_texts: Lines(
                texts
                    .into_iter()
                    .map(|(text, _)| text.to_string())
                    .collect(),
            ),
            // `new` keeps the index under `MAX_MEASURES`, so it fits a byte.
            portion_measure: db
                .foods
                .iter()
                .map(|f| f.portion.measure.map_or(0, |i| i as u8 + 1))
                .collect(),
            portion_quantity,
            rankings: db.rankings.clone(),
        }
    }

    /// Checks that the columns agree in length; returns the number of foods.
    fn check_lengths(&self) -> Result<usize, DecodeError> {
        let n = self.ndb_delta.len();
        let corrupt = |what: &str| DecodeError::Corrupt(format!("column lengths disagree: {what}"));
        if self.group_codes.len() != self.group_names.0.len() {
            return Err(corrupt("groups"));
        }
        let food_columns = [
            self.description.0.len(),
            self.group.len(),
            self.common_names.0.len(),
            self.flags.len(),
            self.measure_count.len(),
            self.portion_measure.len(),
            self.portion_quantity.len(),
        ];
        if food_columns.iter().any(|&len| len != n) || self.nutrients.iter().any(|c| c.len() != n) {
            return Err(corrupt("foods"));
        }
        let total_measures = self
            .measure_count
            .iter()
            .map(|&c| c as usize)
            .sum::<usize>();
        if [
            self.measure_amount.len(),
            self.measure_text.len(),
            self.measure_grams.len(),
        ]
        .iter()
        .any(|&len| len != total_measures)
        {
            return Err(corrupt("measures"));
        }
        Ok(n)
    }

    /// Builds food `i` of a table whose lengths [`Self::check_lengths`]
    /// has checked, taking its strings out of the columns. Foods are built
    /// in order: `next_measure` is the first measure of food `i` and `ndb`
    /// the NDB number of food `i - 1`, and both move on past this food.
    fn food(
        &mut self,
        i: usize,
        next_measure: &mut usize,
        ndb: &mut u32,
    ) -> Result<Food, DecodeError> {
        *ndb = ndb
            .checked_add(self.ndb_delta[i])
            .ok_or_else(|| DecodeError::Corrupt("NDB number overflow".into()))?;
        let count = self.measure_count[i] as usize;
        let mut measures = Vec::with_capacity(count);
        for j in *next_measure..*next_measure + count {
            let text = self
                .measure_texts
                .0
                .get(self.measure_text[j] as usize)
                .ok_or_else(|| {
                    DecodeError::Corrupt(format!(
                        "measure text {} out of range",
                        self.measure_text[j]
                    ))
                })?;
            measures.push(Measure {
                amount: self.measure_amount.get(j)?,
                description: text.clone(),
                grams: self.measure_grams.get(j)?,
            });
        }
        *next_measure += count;
        let col = |k: usize| self.nutrients[k].get(i);
        let nutrients = Nutrients {
            magnesium_mg: col(0)?,
            energy_kcal: col(1)?,
            calcium_mg: col(2)?,
            potassium_mg: col(3)?,
            caffeine_mg: col(4)?,
            fiber_g: col(5)?,
        };
        Ok(Food {
            ndb: NdbNo(*ndb),
            description: std::mem::take(&mut self.description.0[i]),
            group: GroupId(self.group[i]),
            common_names: std::mem::take(&mut self.common_names.0[i]),
            branded: self.flags[i] & 1 != 0,
            survey: self.flags[i] & 2 != 0,
            nutrients,
            measures,
            portion: Portion {
                measure: match self.portion_measure[i] {
                    0 => None,
                    k => Some(usize::from(k) - 1),
                },
                quantity: self.portion_quantity.get(i)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn food(ndb: u32, description: &str, mg: Option<f64>, kcal: Option<f64>) -> Food {
        Food {
            ndb: NdbNo(ndb),
            description: description.into(),
            group: GroupId(0),
            common_names: String::new(),
            branded: false,
            survey: false,
            nutrients: Nutrients {
                magnesium_mg: mg,
                energy_kcal: kcal,
                ..Nutrients::NONE
            },
            measures: Vec::new(),
            portion: Portion::grams(100.0),
        }
    }

    fn groups() -> Vec<FoodGroup> {
        vec![FoodGroup {
            code: 1200,
            name: "Nut and Seed Products".into(),
        }]
    }

    fn almonds() -> Food {
        let mut f = food(12061, "Nuts, almonds", Some(270.0), Some(579.0));
        f.nutrients.calcium_mg = Some(269.0);
        f.measures = vec![
            Measure {
                amount: 1.0,
                description: "oz (23 whole kernels)".into(),
                grams: 28.35,
            },
            Measure {
                amount: 0.5,
                description: "cup, whole".into(),
                grams: 71.5,
            },
        ];
        f.portion = Portion::of_measure(0, 1.0);
        f
    }

    #[test]
    fn ndb_numbers_print_with_five_digits_and_parse_back() {
        for (n, text) in [(9040, "09040"), (12061, "12061"), (1, "00001")] {
            assert_eq!(NdbNo(n).to_string(), text);
            assert_eq!(NdbNo::parse(text), Some(NdbNo(n)));
        }
        for bad in ["", "123456", "12a45", "-1234", " 1234"] {
            assert_eq!(NdbNo::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn portion_helpers_use_the_portion_measure_or_grams() {
        let mut a = almonds();
        assert_eq!(a.portion_label(), "1 oz (28 g)");
        assert!((a.mg_per_portion().unwrap() - 76.545).abs() < 1e-9);
        assert!((a.kcal_per_portion().unwrap() - 579.0 * 0.2835).abs() < 1e-9);
        assert!(!a.calorie_free());
        a.portion = Portion::of_measure(1, 0.5);
        assert_eq!(a.portion_label(), "¼ cup, whole (36 g)");
        assert!((a.portion_grams() - 35.75).abs() < 1e-9);
        a.portion = Portion::grams(30.0);
        assert_eq!(a.portion_label(), "30 g");
        assert!((a.mg_per_portion().unwrap() - 81.0).abs() < 1e-9);
        assert!((a.mg_for_grams(50.0).unwrap() - 135.0).abs() < 1e-9);
        assert!((a.mg_per_100kcal().unwrap() - 270.0 * 100.0 / 579.0).abs() < 1e-9);
        assert!((a.calcium_magnesium_ratio().unwrap() - 269.0 / 270.0).abs() < 1e-12);
        assert_eq!(a.measures[1].label(), "0.5 cup, whole");

        let bare = food(1, "Water, tap", Some(2.0), Some(0.0));
        assert_eq!(bare.portion_grams(), 100.0);
        assert_eq!(bare.portion_label(), "100 g");
        assert_eq!(bare.mg_per_portion(), Some(2.0));
        assert_eq!(bare.mg_per_100kcal(), None, "zero energy has no ratio");
        assert!(bare.calorie_free());
        assert_eq!(bare.calcium_magnesium_ratio(), None, "no calcium value");

        let unknown = food(2, "Mystery", None, Some(100.0));
        assert_eq!(unknown.mg_per_portion(), None);
        assert_eq!(unknown.mg_per_100g(), None);
        assert_eq!(unknown.mg_per_100kcal(), None);
        assert_eq!(unknown.mg_for_grams(10.0), None);
    }

    #[test]
    fn heads_skip_category_words() {
        for (description, head) in [
            ("Nuts, almonds", "Nuts, almonds"),
            ("Nuts, almonds, blanched", "Nuts, almonds"),
            ("Beans, black, mature seeds, raw", "Beans, black"),
            ("Spinach, raw", "Spinach"),
            ("Oil, almond", "Oil"),
            ("Quinoa", "Quinoa"),
            ("Fish, salmon, coho, raw", "Fish, salmon"),
        ] {
            assert_eq!(description_head(description), head, "{description}");
        }
    }

    #[test]
    fn brand_words_are_all_capitals_but_not_abbreviations() {
        for (description, brand) in [
            ("Cereals ready-to-eat, KELLOGG'S, SPECIAL K", true),
            ("Babyfood, GERBER, 2nd Foods, apple", true),
            ("Nuts, almonds", false),
            ("Candies, chocolate, dark, NFS (45-59% cacao solids)", false),
            ("USDA Commodity, cheese, cheddar", false),
            ("Infant formula, with ARA and DHA", false),
            ("Pork, ribs, BBQ sauce", false),
            ("Crème fraîche, NESTLÉ", true),
            ("Café au lait, NS", false),
            ("Café au lait", false),
        ] {
            assert_eq!(
                food(1, description, None, None).brand_like(),
                brand,
                "{description}"
            );
        }
    }

    #[test]
    fn the_ascii_brand_check_agrees_with_the_unicode_one_on_every_sr28_food() {
        let db = crate::testing::sr28();
        let mut brands = 0;
        for food in db.foods() {
            let fast = has_brand_word(&food.description);
            assert_eq!(
                fast,
                has_brand_word_unicode(&food.description),
                "{}",
                food.description
            );
            brands += usize::from(fast);
        }
        assert!(
            brands > 500,
            "only {brands} brand words: the check lost its teeth"
        );
    }

    #[test]
    fn decimals_round_trip_exactly() {
        for text in [
            "0", "0.083", "28.35", "5717", "16500", "0.1", "781", "79.0", "4.5",
        ] {
            let v: f64 = text.parse().unwrap();
            let d = Decimal::from_f64(v).unwrap();
            assert_eq!(d.to_f64(), v, "{text}");
        }
        for bad in [-1.0, f64::NAN, f64::INFINITY, 0.0001, 1e12] {
            assert_eq!(Decimal::from_f64(bad), None, "{bad}");
        }
    }

    #[test]
    fn encode_decode_round_trips_and_is_deterministic() {
        let mut second = food(12062, "Nuts, almonds, blanched", None, Some(590.0));
        second.branded = true;
        second.survey = true;
        second.common_names = "blanched almonds".into();
        second.measures = vec![Measure {
            amount: 1.0,
            description: "cup, whole".into(),
            grams: 145.0,
        }];
        let db = FoodDb::new(groups(), vec![almonds(), second]).unwrap();
        // Without rankings, and with some, which travel with the table.
        let ranked = db
            .clone()
            .with_rankings(vec![vec![1, 0], Vec::new(), vec![0]])
            .unwrap();
        for db in [db, ranked] {
            let bytes = db.encode();
            assert_eq!(&bytes[..4], b"MGFD");
            assert_eq!(FoodDb::decode(&bytes).unwrap(), db);
            assert_eq!(FoodDb::decode(&bytes).unwrap().encode(), bytes);
        }
    }

    #[test]
    fn texts_zero_and_missing_values_survive_the_compact_columns() {
        // Descriptions in NDB order that share a prefix with the one before:
        // one shared up to the middle of "é" (bytes C3 A9) by the "è" (C3 A8)
        // that follows, one longer than a length byte holds, and empty texts.
        let long = "x".repeat(300);
        let descriptions = [
            "Café",
            "Cafè",
            "Cafè, noir",
            "",
            long.as_str(),
            &format!("{long}y"),
            "Caf",
        ];
        let foods: Vec<Food> = descriptions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut f = food(100 + i as u32, d, Some(0.0), None);
                f.common_names = if i % 2 == 0 {
                    String::new()
                } else {
                    format!("name {i}")
                };
                f
            })
            .collect();
        let db = FoodDb::new(groups(), foods).unwrap();
        let back = FoodDb::decode(&db.encode()).unwrap();
        assert_eq!(back, db);
        // A magnesium of zero is a value, not a missing one.
        assert_eq!(back.foods()[0].nutrients.magnesium_mg, Some(0.0));
        assert_eq!(back.foods()[0].nutrients.energy_kcal, None);
        // The measure text used most gets the first, shortest index.
        let mut db = FoodDb::new(groups(), vec![almonds(), food(12062, "b", None, None)]).unwrap();
        db.foods[1].measures = vec![db.foods[0].measures[1].clone()];
        let wire = WireDb::from_db(&db);
        assert_eq!(
            wire.measure_texts.0,
            ["cup, whole", "oz (23 whole kernels)"]
        );
        assert_eq!(wire.measure_text, [1, 0, 0]);
    }

    #[test]
    fn texts_with_a_line_break_and_damaged_text_columns_are_refused() {
        let mut broken = almonds();
        broken.description = "Nuts,\nalmonds".into();
        assert!(FoodDb::new(groups(), vec![broken]).is_err());
        let mut broken = almonds();
        broken.measures[0].description = "oz\n".into();
        assert!(FoodDb::new(groups(), vec![broken]).is_err());
        let corrupt = |bytes: &[u8], what: &str| {
            assert!(postcard::from_bytes::<FrontCoded>(bytes).is_err(), "{what}");
        };
        let ok = postcard::to_allocvec(&FrontCoded(vec!["ab".into(), "ac".into()])).unwrap();
        assert_eq!(
            postcard::from_bytes::<FrontCoded>(&ok).unwrap().0,
            ["ab", "ac"]
        );
        // (shared lengths, rest)
        let wire = |shared: &[u8], rest: &str| postcard::to_allocvec(&(shared, rest)).unwrap();
        corrupt(
            &wire(&[0, 3], "ab\nc\n"),
            "shares more than the text before",
        );
        corrupt(&wire(&[0, 1], "é\nx\n"), "shares half a character");
        corrupt(&wire(&[0, 0], "ab\n"), "fewer texts than lengths");
        corrupt(&wire(&[0], "ab\nc\n"), "more texts than lengths");
        corrupt(&wire(&[0], "ab"), "no line break after the last text");
        assert!(postcard::from_bytes::<Lines>(&postcard::to_allocvec("a\nb").unwrap()).is_err());
        assert_eq!(
            postcard::from_bytes::<Lines>(&postcard::to_allocvec("a\n\n").unwrap())
                .unwrap()
                .0,
            ["a", ""]
        );
    }

    #[test]
    fn the_decoder_takes_a_column_or_a_thousand_foods_a_step() {
        let bytes = crate::testing::asset_bytes();
        let whole = FoodDb::decode(&bytes).unwrap();
        let foods = whole.foods().len();
        // (table, steps): every column, the length check, then the foods.
        let empty = FoodDb::new(groups(), Vec::new()).unwrap();
        let one = FoodDb::new(groups(), vec![almonds()]).unwrap();
        for (db, steps) in [
            (&empty, WIRE_COLUMNS + 1),
            (&one, WIRE_COLUMNS + 2),
            (
                &whole,
                WIRE_COLUMNS + 1 + foods.div_ceil(FOODS_PER_DECODE_STEP),
            ),
        ] {
            let encoded = db.encode();
            let mut decoder = AssetDecoder::new(&encoded).unwrap();
            let mut taken = 1;
            while decoder.step().unwrap() {
                taken += 1;
            }
            assert_eq!(taken, steps, "{} foods", db.foods().len());
            assert_eq!(&decoder.finish().unwrap(), db);
        }
        // The stepped reading reads the very bytes the encoder writes.
        assert_eq!(whole.encode(), bytes);
    }

    #[test]
    fn decode_rejects_foreign_stale_and_corrupt_bytes() {
        let bytes = FoodDb::new(groups(), vec![almonds()]).unwrap().encode();
        assert_eq!(
            FoodDb::decode(b"PK\x03\x04"),
            Err(DecodeError::NotAFoodAsset)
        );
        assert!(matches!(
            FoodDb::decode(b"MGFD"),
            Err(DecodeError::Corrupt(_))
        ));
        let mut stale = bytes.clone();
        stale[4] = ASSET_VERSION + 1;
        assert_eq!(
            FoodDb::decode(&stale),
            Err(DecodeError::UnsupportedVersion {
                found: ASSET_VERSION + 1,
                expected: ASSET_VERSION
            })
        );
        assert!(matches!(
            FoodDb::decode(&bytes[..bytes.len() - 3]),
            Err(DecodeError::Corrupt(_))
        ));
        let mut trailing = bytes.clone();
        trailing.push(0);
        assert!(matches!(
            FoodDb::decode(&trailing),
            Err(DecodeError::Corrupt(_))
        ));
    }

    #[test]
    fn new_rejects_broken_invariants() {
        let out_of_range = Food {
            group: GroupId(1),
            ..almonds()
        };
        assert!(FoodDb::new(groups(), vec![out_of_range]).is_err());
        assert!(
            FoodDb::new(groups(), vec![almonds(), almonds()]).is_err(),
            "duplicate NDB"
        );
        let negative = food(1, "x", Some(-1.0), None);
        assert!(FoodDb::new(groups(), vec![negative]).is_err());
        let mut zero_measure = almonds();
        zero_measure.measures[0].grams = 0.0;
        assert!(FoodDb::new(groups(), vec![zero_measure]).is_err());
        // A ranking may name only foods of the table, also when decoded.
        let one = FoodDb::new(groups(), vec![almonds()]).unwrap();
        assert!(one.clone().with_rankings(vec![vec![0]]).is_ok());
        assert!(one.clone().with_rankings(vec![vec![0], vec![1]]).is_err());
        let mut wire = WireDb::from_db(&one);
        wire.rankings = vec![vec![1]];
        let mut bytes = ASSET_MAGIC.to_vec();
        bytes.push(ASSET_VERSION);
        bytes.extend(postcard::to_allocvec(&wire).unwrap());
        assert!(matches!(
            FoodDb::decode(&bytes),
            Err(DecodeError::Invalid(_))
        ));
    }

    #[test]
    fn lookups_by_ndb_and_group() {
        let db = FoodDb::new(
            groups(),
            vec![food(9040, "Bananas, raw", None, None), almonds()],
        )
        .unwrap();
        assert_eq!(
            db.by_ndb(NdbNo(12061))
                .map(|(i, f)| (i, f.description.as_str())),
            Some((1, "Nuts, almonds"))
        );
        assert!(db.by_ndb(NdbNo(12062)).is_none());
        let id = db.group_by_code(1200).unwrap();
        assert_eq!(db.group(id).unwrap().code_string(), "1200");
        assert_eq!(db.group_id(0), Some(id));
        assert_eq!(db.group_id(1), None);
        assert_eq!(db.group_ids().count(), 1);
    }
}
