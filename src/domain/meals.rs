//! Saved meals, recipes and repeating a day: ways to log many items at once.
//!
//! A meal is a named list of day-log items, kept with the same snapshots a
//! day keeps (see [`crate::domain::day`]), so adding it never needs the food
//! table. A recipe is a list of ingredients for a number of servings; its
//! magnesium per serving follows the day's counting rules
//! ([`Totals::of_items`]), so it says "at least" exactly when a day holding
//! the same ingredients would.

use crate::domain::amounts::Positive;
use crate::domain::day::{CustomEntry, CustomMeasure, DayLog, EntryId, FoodEntry, Item, Totals};
use crate::domain::food::{FoodDb, NdbNo};
use crate::domain::sorted::SortedSet;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::num::NonZeroU32;

/// The longest name of a meal or recipe, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A named list of items to log together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meal {
    #[serde(rename = "id")]
    pub id: u64,
    #[serde(rename = "name")]
    pub name: String,
    #[serde(rename = "items")]
    pub items: Vec<Item>,
}

/// One ingredient of a recipe, with the values its magnesium depends on
/// copied in, as a day entry keeps them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Ingredient {
    #[serde(rename = "food")]
    Food(FoodEntry),
    #[serde(rename = "custom")]
    Custom(CustomEntry),
}

/// A recipe: ingredients for `servings` servings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    #[serde(rename = "id")]
    pub id: u64,
    #[serde(rename = "name")]
    pub name: String,
    /// How many servings the ingredients make; never zero, so the amount
    /// per serving is always defined.
    #[serde(rename = "servings")]
    pub servings: NonZeroU32,
    #[serde(rename = "ingredients")]
    pub ingredients: Vec<Ingredient>,
}

/// Why a meal or recipe cannot be saved or used. `Display` gives a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoutineError {
    EmptyName,
    NameTooLong,
    /// A meal without items.
    NoItems,
    /// A recipe for 0 servings.
    NoServings,
    /// A recipe without ingredients.
    NoIngredients,
    /// An ingredient's food number is not in this app's food table (a
    /// backup from a build with another table). The recipe keeps it and its
    /// saved values; the person is asked to replace it.
    UnknownFood {
        name: String,
        ndb: u32,
    },
    /// No meal or recipe has this id (deleted meanwhile).
    NotFound,
    /// The number of servings to add is so large or small that an amount
    /// stops being a number.
    AmountOutOfRange,
}

impl fmt::Display for RoutineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoutineError::EmptyName => f.write_str("Give it a name."),
            RoutineError::NameTooLong => {
                write!(f, "Names can be at most {MAX_NAME_CHARS} characters long.")
            }
            RoutineError::NoItems => f.write_str("A meal needs at least one item."),
            RoutineError::NoServings => f.write_str("A recipe makes at least 1 serving."),
            RoutineError::NoIngredients => f.write_str("Add at least one ingredient."),
            RoutineError::UnknownFood { name, ndb } => write!(
                f,
                "The ingredient “{name}” (food number {ndb}) is not in this app's food \
                 table. Its saved magnesium value is still used; replace it with a food \
                 from the list to be sure it is current."
            ),
            RoutineError::NotFound => f.write_str("That no longer exists."),
            RoutineError::AmountOutOfRange => {
                f.write_str("That number of servings is out of range.")
            }
        }
    }
}

impl std::error::Error for RoutineError {}

/// A name as stored: trimmed, not empty, not too long.
pub fn clean_name(name: &str) -> Result<String, RoutineError> {
    let name = name.trim();
    if name.is_empty() {
        Err(RoutineError::EmptyName)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(RoutineError::NameTooLong)
    } else {
        Ok(name.to_owned())
    }
}

/// The id for a new meal or recipe: one above the largest in use.
pub fn next_id<'a>(ids: impl IntoIterator<Item = &'a u64>) -> u64 {
    ids.into_iter().max().map_or(1, |m| m.saturating_add(1))
}

/// Whether two meals or recipes in a stored list share an id, which would
/// make edits ambiguous; the decoder refuses such a list.
pub fn duplicate_id<'a>(ids: impl IntoIterator<Item = &'a u64>) -> Option<u64> {
    let mut seen = SortedSet::new();
    ids.into_iter().find(|id| !seen.insert(**id)).copied()
}

impl Meal {
    /// A meal of `items`.
    pub fn new(id: u64, name: &str, items: Vec<Item>) -> Result<Meal, RoutineError> {
        let name = clean_name(name)?;
        if items.is_empty() {
            return Err(RoutineError::NoItems);
        }
        Ok(Meal { id, name, items })
    }

    /// A meal of what `day` holds: everything, or only the entries chosen.
    pub fn from_day(
        id: u64,
        name: &str,
        day: &DayLog,
        chosen: Option<&[EntryId]>,
    ) -> Result<Meal, RoutineError> {
        let items = day
            .entries()
            .iter()
            .filter(|e| chosen.is_none_or(|c| c.contains(&e.id)))
            .map(|e| e.item.clone())
            .collect();
        Meal::new(id, name, items)
    }

    pub fn rename(&mut self, name: &str) -> Result<(), RoutineError> {
        self.name = clean_name(name)?;
        Ok(())
    }

    /// Replaces the items; a meal never ends up empty.
    pub fn set_items(&mut self, items: Vec<Item>) -> Result<(), RoutineError> {
        if items.is_empty() {
            return Err(RoutineError::NoItems);
        }
        self.items = items;
        Ok(())
    }

    /// The meal's magnesium, by the day's counting rules.
    pub fn totals(&self) -> Totals {
        Totals::of_items(&self.items)
    }

    /// Adds every item to `day` and returns the new ids (for undo).
    pub fn add_to(&self, day: &mut DayLog) -> Vec<EntryId> {
        self.items.iter().map(|i| day.add(i.clone())).collect()
    }
}

/// Removes the meal or recipe with `id` from a list, returning it with its
/// position so a page can undo by inserting it back.
pub fn delete<T>(list: &mut Vec<T>, id: u64, id_of: impl Fn(&T) -> u64) -> Option<(usize, T)> {
    let index = list.iter().position(|x| id_of(x) == id)?;
    Some((index, list.remove(index)))
}

impl Ingredient {
    fn name(&self) -> &str {
        match self {
            Ingredient::Food(f) => &f.name,
            Ingredient::Custom(c) => &c.name,
        }
    }

    /// The ingredient as a day item, its amount multiplied by `factor`.
    fn item(&self, factor: f64) -> Result<Item, RoutineError> {
        let scale =
            |p: Positive| Positive::new(p.get() * factor).ok_or(RoutineError::AmountOutOfRange);
        Ok(match self {
            Ingredient::Food(f) => Item::Food(FoodEntry {
                quantity: scale(f.quantity)?,
                ..f.clone()
            }),
            Ingredient::Custom(c) => {
                let measure = match &c.measure {
                    CustomMeasure::Servings {
                        label,
                        mg_per_serving,
                        servings,
                    } => CustomMeasure::Servings {
                        label: label.clone(),
                        mg_per_serving: *mg_per_serving,
                        servings: scale(*servings)?,
                    },
                    CustomMeasure::Volume {
                        mg_per_litre,
                        litres,
                    } => CustomMeasure::Volume {
                        mg_per_litre: *mg_per_litre,
                        litres: scale(*litres)?,
                    },
                };
                Item::Custom(CustomEntry {
                    measure,
                    ..c.clone()
                })
            }
        })
    }
}

impl Recipe {
    /// A recipe, checked: a name, at least 1 serving and one ingredient.
    pub fn new(
        id: u64,
        name: &str,
        servings: u32,
        ingredients: Vec<Ingredient>,
    ) -> Result<Recipe, RoutineError> {
        let name = clean_name(name)?;
        let servings = NonZeroU32::new(servings).ok_or(RoutineError::NoServings)?;
        if ingredients.is_empty() {
            return Err(RoutineError::NoIngredients);
        }
        Ok(Recipe {
            id,
            name,
            servings,
            ingredients,
        })
    }

    /// Every problem a stored recipe has against this build's food table,
    /// as sentences' sources. A recipe with problems still decodes and
    /// still adds to a day with its saved values, so nothing is lost.
    pub fn problems(&self, foods: &FoodDb) -> Vec<RoutineError> {
        let mut out = Vec::new();
        if self.ingredients.is_empty() {
            out.push(RoutineError::NoIngredients);
        }
        for ingredient in &self.ingredients {
            if let Ingredient::Food(f) = ingredient
                && foods.by_ndb(NdbNo(f.ndb)).is_none()
            {
                out.push(RoutineError::UnknownFood {
                    name: ingredient.name().to_owned(),
                    ndb: f.ndb,
                });
            }
        }
        out
    }

    /// The items for `servings` servings, each ingredient scaled by
    /// `servings / self.servings`.
    pub fn items_for(&self, servings: Positive) -> Result<Vec<Item>, RoutineError> {
        if self.ingredients.is_empty() {
            return Err(RoutineError::NoIngredients);
        }
        let factor = servings.get() / f64::from(self.servings.get());
        self.ingredients.iter().map(|i| i.item(factor)).collect()
    }

    /// Magnesium in one serving, with how many ingredients lack data, by the
    /// day's counting rules; `total_text` says "at least" when any do.
    pub fn per_serving(&self) -> Result<Totals, RoutineError> {
        let items = self.items_for(Positive::new(1.0).ok_or(RoutineError::AmountOutOfRange)?)?;
        Ok(Totals::of_items(&items))
    }

    /// Adds `servings` servings to `day` and returns the new ids (for undo).
    pub fn add_to(
        &self,
        day: &mut DayLog,
        servings: Positive,
    ) -> Result<Vec<EntryId>, RoutineError> {
        let items = self.items_for(servings)?;
        Ok(items.into_iter().map(|i| day.add(i)).collect())
    }
}

/// The recipes whose name holds every word of `query` (any case), in their
/// saved order, for the Today food picker; an empty query matches none.
pub fn recipes_matching<'a>(recipes: &'a [Recipe], query: &str) -> Vec<&'a Recipe> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    recipes
        .iter()
        .filter(|r| {
            let name = r.name.to_lowercase();
            words.iter().all(|w| name.contains(w.as_str()))
        })
        .collect()
}

/// "1 serving", "2 servings", "1.5 servings".
pub fn servings_text(servings: f64) -> String {
    let n = crate::domain::day::format_quantity(servings);
    if (servings - 1.0).abs() < f64::EPSILON {
        format!("{n} serving")
    } else {
        format!("{n} servings")
    }
}

/// What [`copy_day`] added, so it can be taken back.
#[derive(Clone, Debug, PartialEq)]
pub struct CopyUndo {
    pub date: crate::domain::date::Date,
    pub added: Vec<EntryId>,
    /// Regimen doses the copy marked as taken on the target day.
    pub doses: Vec<crate::domain::day::DoseId>,
}

/// "Repeat a day": `onto` with every item of `from` appended. A regimen
/// dose taken on `from` is marked taken on the copy as well, unless `onto`
/// already has it, so logging the regimen afterwards does not add it twice.
pub fn copy_day(from: &DayLog, onto: &DayLog) -> (DayLog, CopyUndo) {
    let mut out = onto.clone();
    let mut added = Vec::new();
    let mut doses = Vec::new();
    // Which dose each source entry was logged for.
    let dose_of = |entry: EntryId| {
        from.dose_marks().iter().find_map(|(dose, mark)| {
            (*mark == crate::domain::day::DoseMark::Taken(entry)).then_some(*dose)
        })
    };
    for entry in from.entries() {
        match dose_of(entry.id) {
            Some(dose) if onto.dose_status(dose).is_none() => {
                added.push(out.add_dose(dose, entry.item.clone()));
                doses.push(dose);
            }
            _ => added.push(out.add(entry.item.clone())),
        }
    }
    let undo = CopyUndo {
        date: onto.date(),
        added,
        doses,
    };
    (out, undo)
}

impl CopyUndo {
    /// Removes what the copy added; entries already deleted since are
    /// skipped, and entries added after the copy are kept.
    pub fn apply(&self, day: &mut DayLog) -> Result<(), crate::domain::day::UndoError> {
        if day.date() != self.date {
            return Err(crate::domain::day::UndoError::WrongDay);
        }
        for id in &self.added {
            day.delete(*id);
        }
        for dose in &self.doses {
            day.clear_dose(*dose);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::amounts::NonNegative;
    use crate::domain::date::Date;
    use crate::domain::day::TopicalEntry;

    fn pos(v: f64) -> Positive {
        Positive::new(v).unwrap()
    }

    fn food(ndb: u32, name: &str, grams: f64, mg_per_100g: Option<f64>) -> FoodEntry {
        FoodEntry {
            ndb,
            name: name.into(),
            measure: "g".into(),
            quantity: pos(grams),
            measure_grams: pos(1.0),
            mg_per_100g: mg_per_100g.and_then(NonNegative::new),
        }
    }

    fn water(litres: f64) -> CustomEntry {
        CustomEntry {
            item_id: 1,
            name: "Mineral water".into(),
            supplement: false,
            measure: CustomMeasure::Volume {
                mg_per_litre: NonNegative::new(100.0).unwrap(),
                litres: pos(litres),
            },
        }
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn per_serving_magnesium_says_at_least_when_an_ingredient_lacks_data() {
        // (ingredients, servings, per-serving mg, missing, text)
        let cases = [
            (
                vec![Ingredient::Food(food(12061, "Almonds", 100.0, Some(270.0)))],
                2,
                135.0,
                0,
                "135 mg",
            ),
            (
                vec![
                    Ingredient::Food(food(12061, "Almonds", 100.0, Some(270.0))),
                    Ingredient::Food(food(99999, "Mystery", 50.0, None)),
                    Ingredient::Custom(water(1.0)),
                ],
                4,
                (270.0 + 100.0) / 4.0,
                1,
                "at least 93 mg — 1 item has no magnesium data",
            ),
            (
                vec![Ingredient::Food(food(1, "Salt", 5.0, Some(0.0)))],
                1,
                0.0,
                0,
                "0 mg",
            ),
        ];
        for (ingredients, servings, mg, missing, text) in cases {
            let recipe = Recipe::new(1, "Trail mix", servings, ingredients).unwrap();
            let per = recipe.per_serving().unwrap();
            assert!((per.total_mg() - mg).abs() < 1e-9, "{text}");
            assert_eq!(per.missing_data_count, missing);
            assert_eq!(per.total_text(), text);
        }
    }

    #[test]
    fn adding_servings_scales_every_ingredient() {
        let recipe = Recipe::new(
            1,
            "Porridge",
            4,
            vec![
                Ingredient::Food(food(12061, "Almonds", 100.0, Some(270.0))),
                Ingredient::Custom(water(2.0)),
            ],
        )
        .unwrap();
        let mut day = DayLog::new(date("2026-03-01"));
        let ids = recipe.add_to(&mut day, pos(2.0)).unwrap();
        assert_eq!(ids.len(), 2);
        // Half the recipe: 50 g almonds (135 mg) and 1 l water (100 mg).
        assert!((day.totals().total_mg() - 235.0).abs() < 1e-9);
        assert_eq!(day.entries()[0].item.amount_text(), "50 × g (50 g)");
        assert_eq!(day.entries()[1].item.amount_text(), "1 L");
    }

    #[test]
    fn bad_recipes_and_meals_get_sentences_and_nothing_is_lost() {
        let almonds = || vec![Ingredient::Food(food(12061, "Almonds", 10.0, Some(270.0)))];
        // (result, error)
        let cases = [
            (
                Recipe::new(1, "X", 0, almonds()).map(|_| ()),
                RoutineError::NoServings,
            ),
            (
                Recipe::new(1, "X", 1, vec![]).map(|_| ()),
                RoutineError::NoIngredients,
            ),
            (
                Recipe::new(1, "  ", 1, almonds()).map(|_| ()),
                RoutineError::EmptyName,
            ),
            (
                Recipe::new(1, &"n".repeat(101), 1, almonds()).map(|_| ()),
                RoutineError::NameTooLong,
            ),
            (
                Meal::new(1, "Lunch", vec![]).map(|_| ()),
                RoutineError::NoItems,
            ),
        ];
        for (result, error) in cases {
            assert_eq!(result, Err(error.clone()));
            assert!(error.to_string().ends_with('.'), "{error}");
        }

        // A stored recipe with 0 servings does not decode (the record is
        // quarantined with its text); one without ingredients or with a food
        // number this table lacks decodes and says what is wrong.
        let zero = r#"{"id":1,"name":"X","servings":0,"ingredients":[]}"#;
        assert!(serde_json::from_str::<Recipe>(zero).is_err());
        let empty: Recipe =
            serde_json::from_str(r#"{"id":1,"name":"X","servings":2,"ingredients":[]}"#).unwrap();
        let db = FoodDb::new(Vec::new(), Vec::new()).unwrap();
        assert_eq!(empty.problems(&db), [RoutineError::NoIngredients]);
        assert_eq!(empty.per_serving(), Err(RoutineError::NoIngredients));
        let old = Recipe::new(2, "Old", 1, almonds()).unwrap();
        let problems = old.problems(&db);
        assert_eq!(
            problems,
            [RoutineError::UnknownFood {
                name: "Almonds".into(),
                ndb: 12061
            }]
        );
        assert!(
            problems[0]
                .to_string()
                .contains("“Almonds” (food number 12061)")
        );
        // Its saved value still counts.
        assert!((old.per_serving().unwrap().total_mg() - 27.0).abs() < 1e-9);
    }

    #[test]
    fn meals_come_from_a_day_and_can_be_renamed_edited_and_deleted() {
        let mut day = DayLog::new(date("2026-03-01"));
        let a = day.add(Item::Food(food(12061, "Almonds", 30.0, Some(270.0))));
        day.add(Item::Topical(TopicalEntry {
            description: "Bath".into(),
        }));
        let all = Meal::from_day(1, " Breakfast ", &day, None).unwrap();
        assert_eq!(all.name, "Breakfast");
        assert_eq!(all.items.len(), 2);
        let mut some = Meal::from_day(2, "Snack", &day, Some(&[a])).unwrap();
        assert_eq!(some.items.len(), 1);
        assert_eq!(
            Meal::from_day(3, "None", &day, Some(&[])),
            Err(RoutineError::NoItems)
        );
        some.rename("Nuts").unwrap();
        assert_eq!(some.rename(""), Err(RoutineError::EmptyName));
        assert_eq!(some.name, "Nuts");
        assert_eq!(some.set_items(vec![]), Err(RoutineError::NoItems));

        let mut other = DayLog::new(date("2026-03-02"));
        assert_eq!(all.add_to(&mut other).len(), 2);
        assert!((other.totals().total_mg() - 81.0).abs() < 1e-9);

        let mut meals = vec![all, some];
        assert_eq!(next_id(meals.iter().map(|m| &m.id)), 3);
        let (index, gone) = delete(&mut meals, 1, |m| m.id).unwrap();
        assert_eq!((index, gone.name.as_str()), (0, "Breakfast"));
        assert!(delete(&mut meals, 1, |m| m.id).is_none());
        assert_eq!(duplicate_id([1, 2, 1].iter()), Some(1));
        assert_eq!(duplicate_id([1, 2].iter()), None);
    }

    #[test]
    fn recipes_are_found_by_every_word_of_the_query() {
        let almonds = || vec![Ingredient::Food(food(12061, "Almonds", 10.0, Some(270.0)))];
        let recipes = vec![
            Recipe::new(1, "Green smoothie", 2, almonds()).unwrap(),
            Recipe::new(2, "Almond porridge", 4, almonds()).unwrap(),
        ];
        // (query, names found)
        let cases: [(&str, &[&str]); 5] = [
            ("smoothie", &["Green smoothie"]),
            ("GREEN smoo", &["Green smoothie"]),
            ("o", &["Green smoothie", "Almond porridge"]),
            ("  ", &[]),
            ("green porridge", &[]),
        ];
        for (query, names) in cases {
            let found: Vec<&str> = recipes_matching(&recipes, query)
                .iter()
                .map(|r| r.name.as_str())
                .collect();
            assert_eq!(found, names, "{query:?}");
        }
        assert_eq!(servings_text(1.0), "1 serving");
        assert_eq!(servings_text(4.0), "4 servings");
        assert_eq!(servings_text(0.5), "0.5 servings");
    }

    #[test]
    fn copying_a_day_appends_its_items_and_undo_takes_them_back() {
        use crate::domain::day::{DoseId, DoseStatus, SupplementEntry};
        use crate::domain::supplement::{DoseInput, SupplementForm};
        let dose_item = Item::Supplement(
            SupplementEntry::new(
                SupplementForm::Glycinate,
                DoseInput::ElementalMg(pos(100.0)),
                pos(1.0),
                None,
            )
            .unwrap(),
        );
        let mut from = DayLog::new(date("2026-03-01"));
        from.add(Item::Food(food(12061, "Almonds", 30.0, Some(270.0))));
        from.add_dose(DoseId(1), dose_item.clone());
        let mut onto = DayLog::new(date("2026-03-02"));
        let kept = onto.add(Item::Custom(water(0.5)));

        let (mut copied, undo) = copy_day(&from, &onto);
        assert_eq!(copied.date(), onto.date());
        assert_eq!(copied.entries().len(), 3);
        assert!(
            (copied.totals().total_mg() - (50.0 + 81.0 + 100.0)).abs() < 1e-9,
            "{}",
            copied.totals().total_mg()
        );
        assert!(matches!(
            copied.dose_status(DoseId(1)),
            Some(DoseStatus::Taken(_))
        ));
        // An entry added after the copy survives the undo.
        let later = copied.add(Item::Topical(TopicalEntry {
            description: "Spray".into(),
        }));
        undo.apply(&mut copied).unwrap();
        let ids: Vec<EntryId> = copied.entries().iter().map(|e| e.id).collect();
        assert_eq!(ids, [kept, later]);
        assert_eq!(copied.dose_status(DoseId(1)), None);
        assert!(undo.apply(&mut from).is_err(), "another day");

        // A dose already taken on the target day is copied as a plain item.
        let mut taken = DayLog::new(date("2026-03-02"));
        taken.add_dose(DoseId(1), dose_item);
        let (copied, undo) = copy_day(&from, &taken);
        assert!(undo.doses.is_empty());
        assert_eq!(copied.entries().len(), 3);
    }
}
