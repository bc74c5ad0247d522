//! "Top sources": the foods with the most magnesium per portion in familiar
//! categories, computed from the SR28 table rather than typed in, so the
//! list always agrees with the food data the app ships.
//!
//! A category is a food group plus words of the food's name (the first two
//! comma-separated parts of the description, see [`name_words`]). Brand-name
//! products are left out, and so are foods without a magnesium value; dry
//! legumes and grains count only cooked. Variants of one food ("Nuts,
//! almonds" and "Nuts, almonds, dry roasted, with salt") share a
//! [`Food::head`], and only the best of them is listed, so a category shows
//! different foods rather than eight preparations of one.

use crate::food::{Food, FoodDb};
use crate::search::words;
use std::collections::HashSet;

/// The categories of the "Top sources" page, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceCategory {
    LeafyGreens,
    Legumes,
    Nuts,
    Seeds,
    WholeGrains,
    DarkChocolateCocoa,
    CoffeeTea,
    Fish,
}

/// One category and its best foods, as positions in [`FoodDb::foods`],
/// most magnesium per portion first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopSources {
    pub category: SourceCategory,
    pub foods: Vec<usize>,
}

/// How many foods the page shows per category.
pub const DEFAULT_TOP_SOURCES: usize = 8;

/// How many foods per category the food asset's ranking keeps
/// ([`with_rankings`]): the most any reader asks for (the page's
/// [`DEFAULT_TOP_SOURCES`] and the week planner's pool, which checks it), so
/// every reader takes a prefix of one ranking.
pub const RANKED_TOP_SOURCES: usize = 12;
const _: () = assert!(DEFAULT_TOP_SOURCES <= RANKED_TOP_SOURCES);

impl SourceCategory {
    pub const ALL: [SourceCategory; 8] = [
        SourceCategory::LeafyGreens,
        SourceCategory::Legumes,
        SourceCategory::Nuts,
        SourceCategory::Seeds,
        SourceCategory::WholeGrains,
        SourceCategory::DarkChocolateCocoa,
        SourceCategory::CoffeeTea,
        SourceCategory::Fish,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SourceCategory::LeafyGreens => "Leafy greens",
            SourceCategory::Legumes => "Legumes",
            SourceCategory::Nuts => "Nuts",
            SourceCategory::Seeds => "Seeds",
            SourceCategory::WholeGrains => "Whole grains",
            SourceCategory::DarkChocolateCocoa => "Dark chocolate and cocoa",
            SourceCategory::CoffeeTea => "Coffee and tea",
            SourceCategory::Fish => "Fish",
        }
    }

    /// Whether a food belongs to the category, brand or not; see the rules
    /// below for each category's food group and words.
    pub fn contains(self, db: &FoodDb, food: &Food) -> bool {
        let Some(group) = db.group(food.group).map(|g| g.code) else {
            return false;
        };
        // Most foods fail here, before the costlier word checks.
        if !self.groups().contains(&group) {
            return false;
        }
        self.matches(group, &FoodWords::of(food))
    }

    /// The word rules of [`SourceCategory::contains`] for a food of SR28
    /// group `group` whose words are already split, so that one split
    /// serves every category.
    fn matches(self, group: u16, words: &FoodWords) -> bool {
        let named = |list: &[&str]| words.name.iter().any(|w| list.contains(&w.as_str()));
        let mentions = |list: &[&str]| words.all.iter().any(|w| list.contains(&w.as_str()));
        // Processed forms (flours, oils, butters, drinks made of the food)
        // are left out: they are other foods that merely share a name.
        let processed = mentions(&[
            "butter",
            "concentrate",
            "flour",
            "isolate",
            "meal",
            "milk",
            "oil",
            "paste",
            "protein",
            "sauce",
            "soymilk",
        ]);
        // Dry legumes and grains are eaten cooked, and a cup of the dry food
        // swells to two or three cups, so its per-cup value would overstate
        // a serving several times.
        let as_eaten = mentions(&["cooked", "boiled", "canned"]);
        match self {
            SourceCategory::LeafyGreens => {
                group == VEGETABLES
                    && named(&[
                        "arugula",
                        "chard",
                        "chicory",
                        "collards",
                        "cress",
                        "endive",
                        "greens",
                        "kale",
                        "lambsquarters",
                        "leaves",
                        "lettuce",
                        "purslane",
                        "spinach",
                        "watercress",
                    ])
                    && !mentions(&["souffle", "creamed"])
            }
            SourceCategory::Legumes => {
                group == LEGUMES
                    && named(&[
                        "beans",
                        "broadbeans",
                        "chickpeas",
                        "cowpeas",
                        "lentils",
                        "lupins",
                        "mothbeans",
                        "peas",
                        "soybeans",
                    ])
                    && as_eaten
                    && !processed
                    && !mentions(&["chili", "sprouted"])
            }
            SourceCategory::Nuts => {
                ((group == NUTS_AND_SEEDS && named(&["nuts"]))
                    || (group == LEGUMES && named(&["peanuts"])))
                    && !processed
                    && !mentions(&["formulated", "cream"])
            }
            SourceCategory::Seeds => group == NUTS_AND_SEEDS && named(&["seeds"]) && !processed,
            SourceCategory::WholeGrains => {
                group == GRAINS
                    && as_eaten
                    && (named(&[
                        "amaranth",
                        "barley",
                        "buckwheat",
                        "bulgur",
                        "millet",
                        "oats",
                        "quinoa",
                        "rye",
                        "sorghum",
                        "spelt",
                        "teff",
                        "triticale",
                        "wheat",
                        "wild",
                    ]) || (named(&["rice"]) && named(&["brown"])))
                    && !processed
                    && !mentions(&[
                        "bran", "germ", "gluten", "noodles", "pasta", "pearled", "starch",
                    ])
            }
            SourceCategory::DarkChocolateCocoa => {
                group == SWEETS
                    && (named(&["cocoa", "cacao"])
                        || (named(&["chocolate"])
                            && mentions(&[
                                "dark",
                                "baking",
                                "unsweetened",
                                "bittersweet",
                                "semisweet",
                            ])))
                    && !mentions(&[
                        "beverage",
                        "coated",
                        "frosting",
                        "frostings",
                        "mix",
                        "pudding",
                        "puddings",
                        "syrup",
                        "syrups",
                        "topping",
                        "toppings",
                    ])
            }
            SourceCategory::CoffeeTea => {
                group == BEVERAGES
                    && named(&["coffee", "tea"])
                    && !mentions(&[
                        "alcoholic",
                        "cocoa",
                        "liqueur",
                        "milk",
                        "substitute",
                        "whitener",
                    ])
            }
            SourceCategory::Fish => {
                group == FINFISH_AND_SHELLFISH && named(&["fish", "salmon"]) && !mentions(&["oil"])
            }
        }
    }
}

/// A food's name words ([`name_words`]) and all its description's words,
/// split once for all the categories' rules.
struct FoodWords {
    name: Vec<String>,
    all: Vec<String>,
}

impl FoodWords {
    fn of(food: &Food) -> Self {
        FoodWords {
            name: name_words(food),
            all: words(&food.description),
        }
    }
}

/// The `limit` best non-branded foods of a category by magnesium per
/// portion, one per [`Food::head`], most first; ties by description.
pub fn top_sources(db: &FoodDb, category: SourceCategory, limit: usize) -> Vec<usize> {
    let candidates: Vec<(usize, f64)> = db
        .foods()
        .iter()
        .enumerate()
        .filter(|(_, f)| category.contains(db, f) && !f.brand_like())
        .filter_map(|(i, f)| f.mg_per_portion().map(|mg| (i, mg)))
        .collect();
    best_variants(db, category, candidates, limit)
}

/// Ranks a category's candidates (position and mg per portion) most first,
/// ties by description, and keeps the best of each variant, `limit` at most.
fn best_variants(
    db: &FoodDb,
    category: SourceCategory,
    mut candidates: Vec<(usize, f64)>,
    limit: usize,
) -> Vec<usize> {
    crate::sorting::sort_by(&mut candidates, |a, b| {
        b.1.total_cmp(&a.1).then_with(|| {
            db.foods()[a.0]
                .description
                .cmp(&db.foods()[b.0].description)
        })
    });
    let mut seen = HashSet::new();
    candidates
        .into_iter()
        .filter(|&(i, _)| seen.insert(category.variant_key(&db.foods()[i])))
        .take(limit)
        .map(|(i, _)| i)
        .collect()
}

impl SourceCategory {
    /// The SR28 food groups a category draws from.
    fn groups(self) -> &'static [u16] {
        match self {
            SourceCategory::LeafyGreens => &[VEGETABLES],
            SourceCategory::Legumes => &[LEGUMES],
            SourceCategory::Nuts => &[NUTS_AND_SEEDS, LEGUMES],
            SourceCategory::Seeds => &[NUTS_AND_SEEDS],
            SourceCategory::WholeGrains => &[GRAINS],
            SourceCategory::DarkChocolateCocoa => &[SWEETS],
            SourceCategory::CoffeeTea => &[BEVERAGES],
            SourceCategory::Fish => &[FINFISH_AND_SHELLFISH],
        }
    }

    /// Foods with the same key are variants of one food, of which the list
    /// shows only the best. That is the head, except for coffee and tea,
    /// whose head is always "Beverages, coffee" or "Beverages, tea": there
    /// the next part tells espresso from instant and green from black.
    fn variant_key(self, food: &Food) -> Vec<String> {
        match self {
            SourceCategory::CoffeeTea => food
                .description
                .splitn(4, ',')
                .take(3)
                .flat_map(words)
                .collect(),
            _ => words(food.head()),
        }
    }
}

/// Every category with its top foods, in [`SourceCategory::ALL`] order.
///
/// The same as [`top_sources`] for each category, in one walk of the table:
/// a food's words are split once rather than once per category.
pub fn all_top_sources(db: &FoodDb, limit: usize) -> Vec<TopSources> {
    let mut candidates = vec![Vec::new(); SourceCategory::ALL.len()];
    for (i, food) in db.foods().iter().enumerate() {
        let Some(group) = db.group(food.group).map(|g| g.code) else {
            continue;
        };
        let mut wanted = SourceCategory::ALL
            .iter()
            .enumerate()
            .filter(|(_, c)| c.groups().contains(&group))
            .peekable();
        if wanted.peek().is_none() || food.brand_like() {
            continue;
        }
        let Some(mg) = food.mg_per_portion() else {
            continue;
        };
        let words = FoodWords::of(food);
        for (k, category) in wanted {
            if category.matches(group, &words) {
                candidates[k].push((i, mg));
            }
        }
    }
    SourceCategory::ALL
        .iter()
        .zip(candidates)
        .map(|(&category, found)| TopSources {
            category,
            foods: best_variants(db, category, found, limit),
        })
        .collect()
}

/// The table with every category's ranking at [`RANKED_TOP_SOURCES`] in
/// its rankings ([`FoodDb::with_rankings`]), as the food asset is built:
/// the ranking depends only on the table, and walking its 8,789 foods is
/// work a phone would otherwise do on every start (issue 19).
pub fn with_rankings(db: FoodDb) -> FoodDb {
    let rankings = all_top_sources(&db, RANKED_TOP_SOURCES)
        .into_iter()
        .map(|top| top.foods.into_iter().map(|i| i as u32).collect())
        .collect();
    db.with_rankings(rankings)
        .expect("the positions come from this very table, so they are all in range")
}

/// Every category's ranking at [`RANKED_TOP_SOURCES`]: the one the asset
/// carries ([`with_rankings`]), or, for a table without one (or with one
/// for other categories), the walk of [`all_top_sources`].
pub fn ranked_top_sources(db: &FoodDb) -> Vec<TopSources> {
    let stored = db.rankings();
    if stored.len() != SourceCategory::ALL.len() {
        return all_top_sources(db, RANKED_TOP_SOURCES);
    }
    SourceCategory::ALL
        .iter()
        .zip(stored)
        .map(|(&category, foods)| TopSources {
            category,
            foods: foods.iter().map(|&i| i as usize).collect(),
        })
        .collect()
}

/// The first `limit` foods of each category of a ranking made with a larger
/// limit, which are the ranking at `limit`: a smaller limit only cuts the
/// same ordered list shorter.
pub fn first_of_each(ranking: &[TopSources], limit: usize) -> Vec<TopSources> {
    ranking
        .iter()
        .map(|top| TopSources {
            category: top.category,
            foods: top.foods.iter().copied().take(limit).collect(),
        })
        .collect()
}

/// The words that name a food: its head, plus the second comma-separated
/// part when the head is only the first ("Rice, brown, long-grain" is named
/// by "rice brown"; "Nuts, almonds, blanched" by "nuts almonds").
pub fn name_words(food: &Food) -> Vec<String> {
    let head = food.head();
    if head.contains(',') {
        return words(head);
    }
    let mut parts = food.description.splitn(3, ',');
    let first = parts.next().unwrap_or("");
    let second = parts.next().unwrap_or("");
    let mut out = words(first);
    out.extend(words(second));
    out
}

/// SR28 food group codes the categories use.
const VEGETABLES: u16 = 1100;
const NUTS_AND_SEEDS: u16 = 1200;
const BEVERAGES: u16 = 1400;
const FINFISH_AND_SHELLFISH: u16 = 1500;
const LEGUMES: u16 = 1600;
const SWEETS: u16 = 1900;
const GRAINS: u16 = 2000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::food::NdbNo;

    fn usda() -> &'static FoodDb {
        crate::testing::sr28()
    }

    /// The one-walk ranking of every category gives each category's own
    /// ranking, whatever the limit.
    #[test]
    fn all_categories_at_once_equal_each_category_alone() {
        let db = usda();
        for limit in [0, 1, DEFAULT_TOP_SOURCES, 12, 1000] {
            let all = all_top_sources(db, limit);
            for (TopSources { category, foods }, &expected) in all.iter().zip(&SourceCategory::ALL)
            {
                assert_eq!(*category, expected, "order at limit {limit}");
                assert_eq!(
                    foods,
                    &top_sources(db, expected, limit),
                    "{expected:?} at limit {limit}"
                );
            }
        }
    }

    /// The ranking the asset carries is the walk of the table it was built
    /// from, so a change to a category's rules that leaves the committed
    /// asset stale fails here; a table without one is walked instead.
    #[test]
    fn the_assets_ranking_is_the_walk_of_its_table() {
        let db = usda();
        let walked = all_top_sources(db, RANKED_TOP_SOURCES);
        assert_eq!(db.rankings().len(), SourceCategory::ALL.len());
        assert_eq!(ranked_top_sources(db), walked);
        let bare = FoodDb::new(db.groups().to_vec(), db.foods().to_vec()).unwrap();
        assert!(bare.rankings().is_empty());
        assert_eq!(ranked_top_sources(&bare), walked);
        assert_eq!(with_rankings(bare).rankings(), db.rankings());
    }

    /// Whatever limit a page asks of a ranking made at a larger one, the
    /// result is the same.
    #[test]
    fn shorter_limits_give_a_prefix_of_the_ranking() {
        let db = usda();
        let whole = ranked_top_sources(db);
        for limit in [0, 1, 2, DEFAULT_TOP_SOURCES, RANKED_TOP_SOURCES] {
            assert_eq!(
                first_of_each(&whole, limit),
                all_top_sources(db, limit),
                "limit {limit}"
            );
        }
    }

    #[test]
    fn every_category_is_full_sorted_unbranded_and_varied() {
        let db = usda();
        let all = all_top_sources(db, DEFAULT_TOP_SOURCES);
        assert_eq!(
            all.iter().map(|t| t.category).collect::<Vec<_>>(),
            SourceCategory::ALL
        );
        for TopSources { category, foods } in &all {
            assert!(
                foods.len() >= 3,
                "{category:?} has only {} foods",
                foods.len()
            );
            assert!(foods.len() <= DEFAULT_TOP_SOURCES);
            let mg: Vec<f64> = foods
                .iter()
                .map(|&i| db.foods()[i].mg_per_portion().unwrap())
                .collect();
            assert!(
                mg.windows(2).all(|w| w[0] >= w[1]),
                "{category:?} not sorted: {mg:?}"
            );
            let mut keys = HashSet::new();
            for &i in foods {
                let food = &db.foods()[i];
                assert!(!food.brand_like(), "{category:?}: {}", food.description);
                assert!(
                    category.contains(db, food),
                    "{category:?}: {}",
                    food.description
                );
                assert!(
                    keys.insert(category.variant_key(food)),
                    "{category:?} repeats {}",
                    food.head()
                );
            }
            // Nothing better was left out: every other member of the
            // category either has less magnesium or is a variant of a listed food.
            let last = mg.last().copied().unwrap_or(f64::INFINITY);
            for (i, food) in db.foods().iter().enumerate() {
                let better = food.mg_per_portion().is_some_and(|m| m > last);
                if better
                    && !food.brand_like()
                    && category.contains(db, food)
                    && !foods.contains(&i)
                {
                    assert!(
                        !keys.insert(category.variant_key(food)),
                        "{category:?} misses {}",
                        food.description
                    );
                }
            }
        }
    }

    #[test]
    fn expected_foods_appear_in_their_categories() {
        let db = usda();
        let heads = |category| -> Vec<&str> {
            top_sources(db, category, DEFAULT_TOP_SOURCES)
                .iter()
                .map(|&i| db.foods()[i].head())
                .collect()
        };
        for (category, head) in [
            (
                SourceCategory::Seeds,
                "Seeds, pumpkin and squash seed kernels",
            ),
            (SourceCategory::LeafyGreens, "Spinach"),
            (SourceCategory::Nuts, "Nuts, almonds"),
            (SourceCategory::Legumes, "Soybeans"),
            (SourceCategory::WholeGrains, "Quinoa"),
            (SourceCategory::DarkChocolateCocoa, "Cocoa"),
            (SourceCategory::Fish, "Fish, salmon"),
        ] {
            assert!(
                heads(category).contains(&head),
                "{category:?} lacks {head:?}: {:?}",
                heads(category)
            );
        }
        // Ranked by realistic portion: 3 tbsp of hemp seeds beat an ounce
        // of pumpkin seeds, and an ounce of Brazil nuts leads the nuts (by
        // the cup, pumpkin seeds and cashews came first).
        let lead = |category| {
            let top = top_sources(db, category, DEFAULT_TOP_SOURCES);
            let food = &db.foods()[top[0]];
            (food.ndb, food.portion_label())
        };
        assert_eq!(
            lead(SourceCategory::Seeds),
            (NdbNo(12012), "3 tbsp (30 g)".to_string())
        );
        assert_eq!(
            lead(SourceCategory::Nuts),
            (NdbNo(12078), "1 oz (28 g)".to_string())
        );
    }

    #[test]
    fn membership_rules() {
        let db = usda();
        let food = |ndb: u32| db.by_ndb(NdbNo(ndb)).unwrap().1;
        for (ndb, category, member) in [
            (11457, SourceCategory::LeafyGreens, true), // Spinach, raw
            (11658, SourceCategory::LeafyGreens, false), // Spinach souffle
            (16015, SourceCategory::Legumes, true), // Beans, black, mature seeds, cooked, boiled
            (16014, SourceCategory::Legumes, false), // the same, raw: a cup of dry beans
            (16122, SourceCategory::Legumes, false), // Soy protein isolate
            (12061, SourceCategory::Nuts, true),    // Nuts, almonds
            (12195, SourceCategory::Nuts, false),   // Nuts, almond butter
            (4529, SourceCategory::Nuts, false),    // Oil, almond
            (12014, SourceCategory::Seeds, true),
            (12014, SourceCategory::Nuts, false),
            (20037, SourceCategory::WholeGrains, true), // Rice, brown, long-grain, cooked
            (20137, SourceCategory::WholeGrains, true), // Quinoa, cooked
            (20035, SourceCategory::WholeGrains, false), // Quinoa, uncooked
            (20045, SourceCategory::WholeGrains, false), // Rice, white, long-grain, regular, cooked
            (19904, SourceCategory::DarkChocolateCocoa, true),
            (19165, SourceCategory::DarkChocolateCocoa, true), // Cocoa, dry powder, unsweetened
            (19120, SourceCategory::DarkChocolateCocoa, false), // Candies, milk chocolate
            (15083, SourceCategory::Fish, true),               // Fish, salmon, pink, raw
            (14209, SourceCategory::CoffeeTea, true),          // Beverages, coffee, brewed
            (14355, SourceCategory::CoffeeTea, true),          // Beverages, tea, black, brewed
        ] {
            assert_eq!(
                category.contains(db, food(ndb)),
                member,
                "{ndb:05} {category:?}"
            );
        }
    }

    #[test]
    fn limits_are_respected() {
        let db = usda();
        assert!(top_sources(db, SourceCategory::Nuts, 0).is_empty());
        assert_eq!(top_sources(db, SourceCategory::Nuts, 3).len(), 3);
        assert_eq!(
            top_sources(db, SourceCategory::Nuts, 3),
            top_sources(db, SourceCategory::Nuts, 8)[..3].to_vec()
        );
    }
}
