//! Food search over the SR28 table: built once after the asset is decoded,
//! then queried on every keystroke.
//!
//! Matching: the query is split into words (case-insensitive, accents folded
//! to ASCII, apostrophes dropped). Every query word must match some word of
//! the food's description or common names, in any order, as
//! - the same word, or its singular/plural ("berry"/"berries", "leaf"/"leaves"),
//! - a prefix ("almo" matches "almonds"), or, only when neither exists anywhere,
//! - a word with one typo (insertion, deletion, substitution or transposition
//!   of adjacent letters) when the query word has at least five letters.
//!
//! Ranking (`SortBy::Relevance`): whole words beat prefixes, which beat typo
//! matches; words in the first comma-separated part beat the second part,
//! which beats later parts. When the first part is only a category ("Nuts,
//! almonds", "Beans, black, ...") the second part counts as the first. Foods
//! whose name (first two parts) the query covers more fully rank higher, so
//! "dark chocolate" prefers "Chocolate, dark, ..." to "Candies, dark
//! chocolate coated coffee beans". A prior then favours plain foods: SR28
//! survey foods, raw or uncooked foods and short descriptions rank up;
//! brand-name products and the groups of prepared foods (baby foods, fast
//! foods, meals, snacks, restaurant foods) rank down. An empty query lists
//! every food, and then `Relevance` means most magnesium per serving first.
//!
//! The index is a sorted vocabulary with one posting list per word, so a
//! query looks words up by binary search instead of scanning descriptions.

use crate::food::{Food, FoodDb, GroupId};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The order of search results. The magnesium orders put the most magnesium
/// first and foods without a value last, and break ties by relevance, then
/// by description.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortBy {
    Relevance,
    MgPerPortion,
    MgPer100g,
    MgPer100kcal,
}

/// What a food's row shows for a sort: the amount, the basis it is given
/// on, and the share of the person's target that amount is.
#[derive(Clone, Debug, PartialEq)]
pub struct RowAmount {
    pub value: RowValue,
    /// "1 oz (28 g)", "per 100 g", "per 100 kcal".
    pub basis: String,
    /// The shown amount as a percentage of the target; only for amounts of
    /// food (per portion, per 100 g), since per 100 kcal is a rate.
    pub share_percent: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RowValue {
    Mg(f64),
    /// The food has no energy, so there is no amount per 100 kcal.
    NoEnergy,
    /// SR28 has no value for what the amount needs.
    NoData,
}

impl RowAmount {
    /// "40 % of target", when the row has a share.
    pub fn share_text(&self) -> Option<String> {
        self.share_percent.map(|p| format!("{p:.0} % of target"))
    }
}

/// A search index over one [`FoodDb`]. Results are positions in that
/// database's [`FoodDb::foods`].
#[derive(Clone, Debug, PartialEq)]
pub struct SearchIndex {
    /// Every distinct normalised word, sorted, so that exact words and
    /// prefix ranges are found by binary search.
    words: Vec<Box<str>>,
    /// Postings of `words[i]` are `postings[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<u32>,
    /// `food << 3 | field`, one per food and word, with the best field.
    postings: Vec<u32>,
    foods: Vec<FoodFacts>,
    /// Every food in the order of each magnesium key (see `MG_KEYS`), ties
    /// by description: the answer to an empty query.
    orders: [Vec<u32>; 3],
    /// False for the browse-only index of [`IndexBuilder::browse`], which
    /// has the orders but no words yet.
    searchable: bool,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [
        SortBy::Relevance,
        SortBy::MgPerPortion,
        SortBy::MgPer100g,
        SortBy::MgPer100kcal,
    ];

    /// The amount a food's row shows under this sort, with its share of
    /// `target_mg`: per portion by default and for relevance.
    pub fn amount_of(self, food: &Food, target_mg: Option<f64>) -> RowAmount {
        let (mg, basis, is_amount) = match self {
            SortBy::MgPer100g => (food.mg_per_100g(), "per 100 g".to_string(), true),
            SortBy::MgPer100kcal => (food.mg_per_100kcal(), "per 100 kcal".to_string(), false),
            SortBy::Relevance | SortBy::MgPerPortion => {
                (food.mg_per_portion(), food.portion_label(), true)
            }
        };
        let value = match mg {
            Some(mg) => RowValue::Mg(mg),
            None if !is_amount
                && food.nutrients.energy_kcal == Some(0.0)
                && food.nutrients.magnesium_mg.is_some() =>
            {
                RowValue::NoEnergy
            }
            None => RowValue::NoData,
        };
        let share_percent = match (value, target_mg) {
            (RowValue::Mg(mg), Some(t)) if is_amount && t > 0.0 => Some(mg / t * 100.0),
            _ => None,
        };
        RowAmount {
            value,
            basis,
            share_percent,
        }
    }

    /// A short label for a sort menu.
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Relevance => "Best match",
            SortBy::MgPerPortion => "Mg per portion",
            SortBy::MgPer100g => "Mg per 100 g",
            SortBy::MgPer100kcal => "Mg per 100 kcal",
        }
    }
}

type WordLists = HashMap<String, Vec<u32>, BuildHasherDefault<Fnv>>;

/// Builds a [`SearchIndex`] in steps, so that a browser can yield to the
/// page between them and stay responsive while it indexes 8,789 foods at
/// start-up. The two sorts come first: after them [`Self::browse`] can list
/// every food in any order while the words are still being indexed.
/// [`SearchIndex::new`] runs every step at once.
pub struct IndexBuilder<'a> {
    db: &'a FoodDb,
    /// The next food whose words to index.
    next: usize,
    lists: WordLists,
    scratch: String,
    /// One per food from the start; the sorts fill in the ranks and the
    /// word steps the rest.
    foods: Vec<FoodFacts>,
    /// The lowercased descriptions, made a step at a time before the name
    /// sort, because lowercasing every name is most of that sort's work.
    names: Vec<String>,
    by_name: Vec<u32>,
    orders: Option<[Vec<u32>; 3]>,
}

/// Where a step over a table of `len` items that starts at `start` stops:
/// at least one item, at most `batch`, never past the last. Every start-up
/// walk that yields between steps cuts its batches this way.
pub fn batch_end(start: usize, batch: usize, len: usize) -> usize {
    start.saturating_add(batch.max(1)).min(len)
}

impl<'a> IndexBuilder<'a> {
    pub fn new(db: &'a FoodDb) -> IndexBuilder<'a> {
        IndexBuilder {
            db,
            next: 0,
            lists: HashMap::with_capacity_and_hasher(8_192, BuildHasherDefault::default()),
            scratch: String::new(),
            foods: db
                .foods()
                .iter()
                .map(|food| FoodFacts {
                    prior: 0.0,
                    group: food.group,
                    name_words: 1.0,
                    name_rank: 0,
                    mg_rank: [0; 3],
                })
                .collect(),
            names: Vec::with_capacity(db.foods().len()),
            by_name: Vec::new(),
            orders: None,
        }
    }

    /// Does the next piece of work: up to `max_foods` names lowercased, one
    /// of the sorts, or up to `max_foods` foods' words. Returns false once
    /// nothing is left but [`Self::finish`].
    pub fn step(&mut self, max_foods: usize) -> bool {
        if self.by_name.is_empty() && self.names.len() < self.foods.len() {
            let start = self.names.len();
            let end = self.batch_end(start, max_foods);
            self.names.extend(
                self.db.foods()[start..end]
                    .iter()
                    .map(|f| lowercase(&f.description)),
            );
        } else if self.by_name.is_empty() && !self.foods.is_empty() {
            self.rank_names();
        } else if self.orders.is_none() {
            self.orders = Some(self.rank_magnesium());
        } else if self.next < self.foods.len() {
            let end = self.batch_end(self.next, max_foods);
            for i in self.next..end {
                self.index_food(i);
            }
            self.next = end;
        } else {
            return false;
        }
        true
    }

    /// Where a step that starts at food `start` stops (see [`batch_end`]).
    fn batch_end(&self, start: usize, max_foods: usize) -> usize {
        batch_end(start, max_foods, self.foods.len())
    }

    /// Once the sorts are done, an index that answers the empty query (every
    /// food, in any order, in any group) exactly as the finished one will,
    /// and no other: see [`SearchIndex::is_searchable`].
    pub fn browse(&self) -> Option<SearchIndex> {
        let orders = self.orders.clone()?;
        Some(SearchIndex {
            words: Vec::new(),
            offsets: vec![0],
            postings: Vec::new(),
            foods: self.foods.clone(),
            orders,
            searchable: false,
        })
    }

    /// Packs the vocabulary, after any steps not yet taken.
    pub fn finish(mut self) -> SearchIndex {
        while self.step(usize::MAX) {}
        let orders = self.orders.take().unwrap_or_default();
        let mut entries: Vec<(String, Vec<u32>)> = self.lists.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut words = Vec::with_capacity(entries.len());
        let mut offsets = Vec::with_capacity(entries.len() + 1);
        let mut postings = Vec::with_capacity(entries.iter().map(|e| e.1.len()).sum());
        offsets.push(0);
        for (word, list) in entries {
            words.push(word.into_boxed_str());
            postings.extend_from_slice(&list);
            offsets.push(postings.len() as u32);
        }
        SearchIndex {
            words,
            offsets,
            postings,
            foods: self.foods,
            orders,
            searchable: true,
        }
    }

    /// Adds one food's words to the vocabulary and completes its facts.
    fn index_food(&mut self, i: usize) {
        let food = &self.db.foods()[i];
        // `FoodDb::new` caps the food count well below 2^30.
        let id = i as u32;
        let lists = &mut self.lists;
        let mut add = |word: &str, field: Field| {
            let posting = (id << FIELD_BITS) | field as u32;
            let list = match lists.get_mut(word) {
                Some(list) => list,
                None => lists.entry(word.to_string()).or_default(),
            };
            // Foods are indexed in order, so a repeat of the word in the same
            // food is the last entry; keep whichever field ranks better.
            match list.last_mut() {
                Some(last) if *last >> FIELD_BITS == id => *last = (*last).min(posting),
                _ => list.push(posting),
            }
        };
        let category = food.head().len() > food.description.split(',').next().map_or(0, str::len);
        let mut raw = false;
        let mut name_words = 0_u32;
        for (part_no, part) in food.description.split(',').enumerate() {
            let field = match (category, part_no) {
                (false, 0) => Field::Head,
                (true, 0) => Field::Category,
                (true, 1) => Field::HeadAfterCategory,
                (false, 1) => Field::Second,
                _ => Field::Later,
            };
            for_each_word(part, &mut self.scratch, |w| {
                raw |= w == "raw" || w == "uncooked";
                if field <= Field::Second && !COVERAGE_STOPWORDS.contains(&w) {
                    name_words += 1;
                }
                add(w, field);
            });
        }
        for_each_word(&food.common_names, &mut self.scratch, |w| {
            add(w, Field::CommonName)
        });
        let facts = &mut self.foods[i];
        facts.prior = prior(self.db, i, raw);
        facts.name_words = name_words.max(1) as f32;
    }

    /// Puts every food in description order and records its position.
    fn rank_names(&mut self) {
        let mut by_name: Vec<u32> = (0..self.foods.len() as u32).collect();
        let names = std::mem::take(&mut self.names);
        crate::sorting::sort_by(&mut by_name, |&a, &b| {
            names[a as usize].cmp(&names[b as usize])
        });
        for (rank, &i) in by_name.iter().enumerate() {
            self.foods[i as usize].name_rank = rank as u32;
        }
        self.by_name = by_name;
    }

    /// The order of every food by each magnesium key, and its rank in each.
    fn rank_magnesium(&mut self) -> [Vec<u32>; 3] {
        let db = self.db;
        let by_name = &self.by_name;
        let orders = MG_KEYS.map(|key| {
            let values: Vec<Option<f64>> = db.foods().iter().map(key).collect();
            // Most magnesium first, foods without a value last; `by_name`
            // is in name order and the sort is stable. Sorting integer keys
            // is several times faster than comparing options of floats.
            let mut keyed: Vec<((bool, u64), u32)> = by_name
                .iter()
                .map(|&i| (most_first_key(values[i as usize]), i))
                .collect();
            crate::sorting::sort_by_key(&mut keyed, |&(k, _)| k);
            let order = keyed.into_iter().map(|(_, i)| i).collect::<Vec<u32>>();
            (order, values)
        });
        // Equal values share a rank, so that ties can fall back to relevance.
        for (k, (order, values)) in orders.iter().enumerate() {
            let mut rank = 0;
            for (n, &i) in order.iter().enumerate() {
                if n > 0 && values[i as usize] != values[order[n - 1] as usize] {
                    rank += 1;
                }
                self.foods[i as usize].mg_rank[k] = rank;
            }
        }
        orders.map(|(order, _)| order)
    }
}

impl SearchIndex {
    /// Indexes every food's description and common names.
    pub fn new(db: &FoodDb) -> SearchIndex {
        IndexBuilder::new(db).finish()
    }

    /// The foods matching `text`, optionally only those in `group`, in the
    /// order `sort` asks for. An empty or blank `text` matches every food.
    pub fn search(&self, text: &str, group: Option<GroupId>, sort: SortBy) -> Vec<usize> {
        let query = words(text);
        let in_group = |i: usize| group.is_none_or(|g| self.foods[i].group == g);
        let key = match sort {
            SortBy::Relevance => None,
            SortBy::MgPerPortion => Some(0),
            SortBy::MgPer100g => Some(1),
            SortBy::MgPer100kcal => Some(2),
        };
        if query.is_empty() {
            // Relevance means nothing without a query: most per portion first.
            let order = &self.orders[key.unwrap_or(0)];
            return order
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| in_group(i))
                .collect();
        }
        // The best match of the current query word per food, and the foods
        // that have one: only the foods in the words' postings are touched,
        // so a query costs the length of its postings, not the table's.
        let mut best = vec![0.0_f32; self.foods.len()];
        let mut best_in_name = vec![false; self.foods.len()];
        let mut touched: Vec<u32> = Vec::new();
        // The foods that matched every query word so far, in the order they
        // were first found: each with its summed score and the number of
        // query words whose best match lies in its name.
        let mut matched: Vec<(u32, f32, u8)> = Vec::new();
        for (n, word) in query.iter().enumerate() {
            for (word_index, kind) in self.candidates(word) {
                let range =
                    self.offsets[word_index] as usize..self.offsets[word_index + 1] as usize;
                for &posting in &self.postings[range] {
                    let food = (posting >> FIELD_BITS) as usize;
                    let field = (posting & FIELD_MASK) as usize;
                    let score = kind * FIELD_WEIGHT[field];
                    // Every kind and field weight is positive, so 0 means
                    // the word has not reached this food yet.
                    if best[food] == 0.0 {
                        touched.push(food as u32);
                    }
                    if score > best[food] {
                        best[food] = score;
                        best_in_name[food] = field <= Field::Second as usize;
                    }
                }
            }
            if n == 0 {
                matched.extend(
                    touched
                        .iter()
                        .map(|&i| (i, best[i as usize], u8::from(best_in_name[i as usize]))),
                );
            } else {
                matched.retain_mut(|(i, total, name_hits)| {
                    let i = *i as usize;
                    if best[i] > 0.0 {
                        *total += best[i];
                        *name_hits = name_hits.saturating_add(u8::from(best_in_name[i]));
                        true
                    } else {
                        false
                    }
                });
            }
            for &i in &touched {
                best[i as usize] = 0.0;
                best_in_name[i as usize] = false;
            }
            touched.clear();
            // No food can match the remaining words either; this also
            // spares their typo scans of the whole vocabulary.
            if matched.is_empty() {
                break;
            }
        }
        // Sort keys as integers: the magnesium rank (0 for relevance), then
        // relevance descending (non-negative `f32` bits order like the
        // values), then name; the position makes the order total.
        let mut hits: Vec<(u32, u32, u32, u32)> = matched
            .into_iter()
            .filter(|&(i, _, _)| in_group(i as usize))
            .map(|(i, s, name_hits)| {
                let facts = &self.foods[i as usize];
                let coverage = (f32::from(name_hits) / facts.name_words).min(1.0);
                let relevance = WORD_POINTS * s + COVERAGE_POINTS * coverage + facts.prior;
                let mg_rank = key.map_or(0, |k| facts.mg_rank[k]);
                (mg_rank, descending(relevance), facts.name_rank, i)
            })
            .collect();
        hits.sort_unstable();
        hits.into_iter().map(|(_, _, _, i)| i as usize).collect()
    }

    /// False while only the empty query can be answered (the index of
    /// [`IndexBuilder::browse`]): then any other query finds nothing, so a
    /// caller shows that search is not ready rather than "no match".
    pub fn is_searchable(&self) -> bool {
        self.searchable
    }

    /// Whether [`Self::search`] can answer `query` yet: always once the
    /// index is searchable, and only the empty query before.
    pub fn answers(&self, query: &str) -> bool {
        self.searchable || query.trim().is_empty()
    }

    /// The number of foods indexed.
    pub fn len(&self) -> usize {
        self.foods.len()
    }

    pub fn is_empty(&self) -> bool {
        self.foods.is_empty()
    }

    /// The number of distinct words indexed.
    pub fn vocabulary_len(&self) -> usize {
        self.words.len()
    }

    /// The vocabulary words one query word matches, with the weight of the
    /// kind of match.
    fn candidates(&self, query: &str) -> Vec<(usize, f32)> {
        let mut out = Vec::new();
        let find = |w: &str| self.words.binary_search_by(|v| (**v).cmp(w)).ok();
        if let Some(i) = find(query) {
            out.push((i, EXACT));
        }
        for form in inflections(query) {
            if let Some(i) = find(&form) {
                out.push((i, INFLECTED));
            }
        }
        let start = self.words.partition_point(|w| **w < *query);
        let end = start + self.words[start..].partition_point(|w| w.starts_with(query));
        out.extend(
            (start..end)
                .filter(|&i| *self.words[i] != *query)
                .map(|i| (i, PREFIX)),
        );
        if out.is_empty() && query.chars().count() >= MIN_TYPO_LEN {
            let q = query.as_bytes();
            out.extend(
                self.words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| within_one_typo_of_prefix(q, w.as_bytes()))
                    .map(|(i, _)| (i, TYPO)),
            );
        }
        out
    }
}

/// Splits text into normalised search words: lower case, Latin-1 accents
/// folded to ASCII ("Entrée" → "entree"), apostrophes dropped ("kellogg's"
/// → "kelloggs"), anything else that is not a letter or digit separating
/// words.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut scratch = String::new();
    for_each_word(text, &mut scratch, |w| out.push(w.to_string()));
    out
}

/// Points for a whole-word match in the head; the prior is on the same scale.
const WORD_POINTS: f32 = 10.0;
const EXACT: f32 = 1.0;
const INFLECTED: f32 = 0.95;
const PREFIX: f32 = 0.5;
const TYPO: f32 = 0.25;
const MIN_TYPO_LEN: usize = 5;

/// Points for a query that covers every word of the food's name.
const COVERAGE_POINTS: f32 = 3.0;
/// Words that do not count towards the length of a food's name.
const COVERAGE_STOPWORDS: [&str; 12] = [
    "a", "and", "an", "for", "from", "in", "of", "or", "the", "to", "with", "without",
];

/// Where in a food a word occurs; the order is the rank, best first, so the
/// smallest packed posting of a food is its best field. `Head` is the first
/// comma-separated part of the description; when that is only a `Category`
/// ("Nuts, almonds") the second part is the `HeadAfterCategory`. The fields
/// up to `Second` form the food's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Head = 0,
    HeadAfterCategory = 1,
    Second = 2,
    Category = 3,
    CommonName = 4,
    Later = 5,
}

const FIELD_BITS: u32 = 3;
const FIELD_MASK: u32 = (1 << FIELD_BITS) - 1;
/// Indexed by `Field`. A head after a category weighs a little less than a
/// true first part, so "milk" prefers "Milk, ..." to "Nuts, coconut milk".
const FIELD_WEIGHT: [f32; 6] = [1.0, 0.95, 0.9, 0.9, 0.8, 0.6];

/// SR28 groups of prepared or special-purpose foods ranked below plain foods:
/// Baby Foods, Fast Foods, Meals/Entrees/Side Dishes, Snacks, Restaurant Foods.
const DEMOTED_GROUP_CODES: [u16; 5] = [300, 2100, 2200, 2500, 3600];

const BRAND_PENALTY: f32 = 3.0;
const DEMOTED_GROUP_PENALTY: f32 = 3.0;
const RAW_BONUS: f32 = 2.5;
const SURVEY_BONUS: f32 = 1.5;
const LENGTH_PENALTY_PER_CHAR: f32 = 0.04;

/// What the index keeps per food so that searching needs no database.
#[derive(Clone, Debug, PartialEq)]
struct FoodFacts {
    prior: f32,
    group: GroupId,
    /// Words in the name (never 0, to divide by), for coverage.
    name_words: f32,
    /// Position in description order, the final tie-break.
    name_rank: u32,
    /// Dense rank in each order of `MG_KEYS`, 0 for the most magnesium;
    /// equal values share a rank.
    mg_rank: [u32; 3],
}

/// The magnesium sort keys, in the order of `SearchIndex::orders`.
const MG_KEYS: [fn(&Food) -> Option<f64>; 3] =
    [Food::mg_per_portion, Food::mg_per_100g, density_key];

/// Below any real magnesium per 100 g, so calorie-free foods sort after
/// every food that supplies energy.
const CALORIE_FREE_OFFSET: f64 = 1e6;

/// The per-100-kcal order. Magnesium per 100 kcal says how much a food
/// gives for the energy it costs, which means nothing for a food with
/// almost none: brewed coffee's 300 mg per 100 kcal would lead the list for
/// 7 mg a cup. So foods under 5 kcal a portion ([`Food::calorie_free`])
/// come after the foods that supply energy, among themselves by magnesium
/// per 100 g; foods without data come last, as in every order.
pub fn density_key(food: &Food) -> Option<f64> {
    if food.calorie_free() {
        food.mg_per_100g().map(|mg| mg - CALORIE_FREE_OFFSET)
    } else {
        food.mg_per_100kcal()
    }
}

/// Maps a relevance to a `u32` that sorts the opposite way: any `f32`
/// maps monotonically onto `u32` by flipping the sign bit for positives and
/// all bits for negatives.
fn descending(relevance: f32) -> u32 {
    let bits = relevance.to_bits();
    let ascending = if bits >> 31 == 0 {
        bits | 1 << 31
    } else {
        !bits
    };
    !ascending
}

/// The query-independent part of a food's relevance.
fn prior(db: &FoodDb, index: usize, raw: bool) -> f32 {
    let food = &db.foods()[index];
    let mut p = -LENGTH_PENALTY_PER_CHAR * char_count(&food.description) as f32;
    if food.brand_like() {
        p -= BRAND_PENALTY;
    }
    if db
        .group(food.group)
        .is_some_and(|g| DEMOTED_GROUP_CODES.contains(&g.code))
    {
        p -= DEMOTED_GROUP_PENALTY;
    }
    if raw {
        p += RAW_BONUS;
    }
    if food.survey {
        p += SURVEY_BONUS;
    }
    p
}

/// `s.chars().count()`, without decoding UTF-8 when `s` is ASCII.
fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// `s.to_lowercase()`, with the cheaper ASCII mapping when `s` is ASCII
/// (where the two agree).
fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// The 64-bit FNV-1a hash: the vocabulary is built on every start in the
/// browser, and SipHash's protection against crafted keys buys nothing for
/// USDA food names while costing build time.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The sort key of the magnesium orders: larger values first, `None` last,
/// exactly as `total_cmp` would order the values (the tests check it).
/// Folding the sign into the bits maps `f64::total_cmp` order onto `u64`
/// order exactly; subtracting from `u64::MAX` reverses it.
fn most_first_key(value: Option<f64>) -> (bool, u64) {
    match value {
        Some(v) => {
            let bits = v.to_bits();
            let ascending = if bits >> 63 == 0 {
                bits | (1 << 63)
            } else {
                !bits
            };
            (false, u64::MAX - ascending)
        }
        None => (true, 0),
    }
}

fn for_each_word(text: &str, scratch: &mut String, mut emit: impl FnMut(&str)) {
    // Nearly all of SR28 is ASCII without apostrophes: lower-case it in one
    // go and hand out slices, rather than building each word a character
    // at a time. Index building runs this on every food at start-up.
    if text.is_ascii() && !text.contains('\'') {
        scratch.clear();
        scratch.push_str(text);
        scratch.make_ascii_lowercase();
        let mut start = None;
        for (i, b) in scratch.bytes().enumerate() {
            if b.is_ascii_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                emit(&scratch[s..i]);
            }
        }
        if let Some(s) = start {
            emit(&scratch[s..]);
        }
        return;
    }
    scratch.clear();
    let mut flush = |scratch: &mut String| {
        if !scratch.is_empty() {
            emit(scratch);
            scratch.clear();
        }
    };
    let mut rest = text;
    while let Some(&b) = rest.as_bytes().first() {
        // ASCII, nearly all of SR28, takes the fast path byte by byte.
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                scratch.push(char::from(b.to_ascii_lowercase()));
            } else if b != b'\'' {
                flush(scratch);
            }
            rest = &rest[1..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if c == '\u{2019}' {
            continue;
        }
        if let Some(folded) = fold(c) {
            scratch.push_str(folded);
        } else if c.is_alphanumeric() {
            scratch.extend(c.to_lowercase());
        } else {
            flush(scratch);
        }
    }
    flush(scratch);
}

/// Lower-case ASCII for the accented Latin-1 letters (and œ); `None` for
/// everything else.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' => "c",
        'È'..='Ë' | 'è'..='ë' => "e",
        'Ì'..='Ï' | 'ì'..='ï' => "i",
        'Ð' | 'ð' => "d",
        'Ñ' | 'ñ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => "o",
        'Ù'..='Ü' | 'ù'..='ü' => "u",
        'Ý' | 'ý' | 'ÿ' => "y",
        'Þ' | 'þ' => "th",
        'ß' => "ss",
        'Œ' | 'œ' => "oe",
        _ => return None,
    })
}

/// Singular and plural spellings of an English word, for the regular
/// patterns food names use: almond/almonds, berry/berries, leaf/leaves,
/// knife/knives, peach/peaches, tomato/tomatoes. Only forms that occur in
/// the vocabulary matter, so over-generating ("leave", "leafe") is harmless.
fn inflections(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let n = word.len();
    if !word.is_ascii() || n < 3 {
        return out;
    }
    let stem = |k: usize| &word[..n - k];
    if n > 4 && word.ends_with("ies") {
        out.push(format!("{}y", stem(3)));
    }
    if n > 4 && word.ends_with("ves") {
        out.push(format!("{}f", stem(3)));
        out.push(format!("{}fe", stem(3)));
    }
    if n > 3 && word.ends_with("es") {
        out.push(stem(2).to_string());
    }
    if word.ends_with('s') && !word.ends_with("ss") {
        out.push(stem(1).to_string());
    }
    out.push(format!("{word}s"));
    out.push(format!("{word}es"));
    if word.ends_with('y') {
        out.push(format!("{}ies", stem(1)));
    }
    if word.ends_with('f') {
        out.push(format!("{}ves", stem(1)));
    }
    if word.ends_with("fe") {
        out.push(format!("{}ves", stem(2)));
    }
    out
}

/// True when `query` is within one typo of `word` or of a prefix of `word`
/// that is one shorter, as long or one longer than `query`, so a typo in a
/// word still being typed is forgiven too.
fn within_one_typo_of_prefix(query: &[u8], word: &[u8]) -> bool {
    // One edit leaves one of the first two letters in place or shifts it by
    // one, which rules out most of the vocabulary at the cost of four
    // comparisons.
    let (Some(&q0), Some(&q1), Some(&w0), Some(&w1)) =
        (query.first(), query.get(1), word.first(), word.get(1))
    else {
        return false;
    };
    if q0 != w0 && q1 != w1 && q0 != w1 && q1 != w0 {
        return false;
    }
    let n = query.len();
    (n.saturating_sub(1)..=n + 1)
        .any(|k| k > 0 && k <= word.len() && within_one_typo(query, &word[..k]))
}

/// Optimal-string-alignment distance at most one: equal, or one insertion,
/// deletion, substitution or swap of adjacent bytes apart.
fn within_one_typo(a: &[u8], b: &[u8]) -> bool {
    let first_difference = a.iter().zip(b).position(|(x, y)| x != y);
    match a.len().abs_diff(b.len()) {
        0 => match first_difference {
            None => true,
            Some(i) => {
                a[i + 1..] == b[i + 1..]
                    || (i + 1 < a.len()
                        && a[i] == b[i + 1]
                        && a[i + 1] == b[i]
                        && a[i + 2..] == b[i + 2..])
            }
        },
        1 => {
            let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
            let i = first_difference.unwrap_or(short.len());
            short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::food::{FoodGroup, Measure, NdbNo, Nutrients, Portion};

    /// The order the magnesium sorts mean: larger values first, `None` last.
    fn most_first(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
        match (a, b) {
            (Some(a), Some(b)) => b.total_cmp(&a),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
    }

    #[test]
    fn an_index_built_in_steps_equals_one_built_at_once() {
        let db = &usda().0;
        let whole = &usda().1;
        for batch in [1, 7, 1000, usize::MAX] {
            let mut builder = IndexBuilder::new(db);
            let mut steps = 0;
            while builder.step(batch) {
                steps += 1;
            }
            // One step per batch of names, the two sorts, then one step
            // per batch of foods.
            let batches = db.foods().len().div_ceil(batch.min(db.foods().len()));
            assert_eq!(steps, 2 * batches + 2);
            assert!(builder.finish() == *whole, "batches of {batch}");
        }
    }

    #[test]
    fn the_browse_index_lists_every_food_as_the_finished_one_and_searches_nothing() {
        let db = &usda().0;
        let whole = &usda().1;
        let mut builder = IndexBuilder::new(db);
        // Nothing to browse until the names and both sorts are done.
        for _ in 0..3 {
            assert!(builder.browse().is_none());
            builder.step(usize::MAX);
        }
        let browse = builder.browse().expect("the sorts are done");
        assert!(!browse.is_searchable());
        assert!(whole.is_searchable());
        let groups = [None, db.group_by_code(1200), db.group_by_code(900)];
        assert!(
            groups[1..].iter().all(Option::is_some),
            "nuts and fruits are SR28 groups"
        );
        for sort in SortBy::ALL {
            for group in groups {
                for blank in ["", "   "] {
                    assert_eq!(
                        browse.search(blank, group, sort),
                        whole.search(blank, group, sort),
                        "{sort:?} in {group:?}"
                    );
                }
            }
        }
        assert!(browse.search("almonds", None, SortBy::Relevance).is_empty());
        assert!(!whole.search("almonds", None, SortBy::Relevance).is_empty());
        for query in ["", "   "] {
            assert!(browse.answers(query) && whole.answers(query), "{query:?}");
        }
        assert!(!browse.answers("almonds") && whole.answers("almonds"));
        // Browsing part-way through the words changes nothing of the result.
        builder.step(100);
        let later = builder.browse().expect("still available");
        assert_eq!(
            later.search("", None, SortBy::MgPer100g),
            whole.search("", None, SortBy::MgPer100g)
        );
        assert!(builder.finish() == *whole);
    }

    #[test]
    fn the_sort_key_orders_values_exactly_like_most_first() {
        let values = [
            None,
            Some(0.0),
            Some(-0.0),
            Some(f64::MIN_POSITIVE),
            Some(0.1),
            Some(0.1 + f64::EPSILON / 8.0),
            Some(1.0),
            Some(1.0 + f64::EPSILON),
            Some(28.35),
            Some(270.0),
            Some(1e12),
            Some(f64::INFINITY),
            Some(-1.0),
        ];
        for a in values {
            for b in values {
                assert_eq!(
                    most_first_key(a).cmp(&most_first_key(b)),
                    most_first(a, b),
                    "{a:?} vs {b:?}"
                );
            }
        }
    }

    #[test]
    fn words_are_the_same_on_the_fast_and_the_general_path() {
        // The second text of each pair is not pure ASCII, which forces the
        // character-by-character path; both must give the same words.
        for (ascii, general) in [
            ("Nuts, almonds, 100% raw", "Nuts, almonds, 100% raw\u{a0}"),
            (
                "Beans, BLACK, mature seeds",
                "Beans, BLACK, mature seeds\u{a0}",
            ),
            ("  leading, trailing  ", "  leading, trailing \u{a0}"),
            ("a-b/c(d)", "a-b/c(d)\u{a0}"),
        ] {
            assert_eq!(words(ascii), words(general), "{ascii:?}");
        }
        for food in usda().0.foods() {
            for text in [&food.description, &food.common_names] {
                assert_eq!(words(text), words(&format!("{text}\u{a0}")), "{text:?}");
            }
        }
    }

    /// A plain (unbranded, non-survey) food of group 0 without measures.
    fn unbranded(ndb: u32, description: &str, nutrients: Nutrients) -> Food {
        Food {
            ndb: NdbNo(ndb),
            description: description.into(),
            group: GroupId::new(0),
            common_names: String::new(),
            branded: false,
            survey: false,
            nutrients,
            measures: Vec::new(),
            portion: Portion::grams(100.0),
        }
    }

    #[test]
    fn words_are_lowercased_folded_and_split() {
        for (text, expected) in [
            ("Nuts, almonds", &["nuts", "almonds"][..]),
            ("KELLOGG'S Raisin-Bran", &["kelloggs", "raisin", "bran"]),
            ("Entrée, crème brûlée", &["entree", "creme", "brulee"]),
            ("  2% milk ", &["2", "milk"]),
            ("", &[]),
            (",;  ", &[]),
        ] {
            assert_eq!(words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn inflections_cover_regular_plurals_both_ways() {
        for (word, form) in [
            ("almonds", "almond"),
            ("almond", "almonds"),
            ("berries", "berry"),
            ("berry", "berries"),
            ("leaves", "leaf"),
            ("leaf", "leaves"),
            ("peaches", "peach"),
            ("peach", "peaches"),
            ("seed", "seeds"),
            ("tomatoes", "tomato"),
            ("olives", "olive"),
            ("knives", "knife"),
        ] {
            assert!(
                inflections(word).iter().any(|f| f == form),
                "{word} -> {form}"
            );
        }
        assert!(!inflections("glass").contains(&"glas".to_string()));
    }

    #[test]
    fn typo_distance_is_at_most_one() {
        for (a, b, within) in [
            ("spinnach", "spinach", true),
            ("almnds", "almonds", true),
            ("almodns", "almonds", true),
            ("almxnds", "almonds", true),
            ("almonds", "almonds", true),
            ("almnd", "almonds", false),
            ("lamonsd", "almonds", false),
            ("abc", "abcde", false),
        ] {
            assert_eq!(
                within_one_typo(a.as_bytes(), b.as_bytes()),
                within,
                "{a} {b}"
            );
            assert_eq!(
                within_one_typo(b.as_bytes(), a.as_bytes()),
                within,
                "{b} {a}"
            );
        }
        assert!(within_one_typo_of_prefix(b"spinn", b"spinach"));
        assert!(within_one_typo_of_prefix(b"brocc", b"broccoli"));
        assert!(!within_one_typo_of_prefix(b"almnds", b"almond"));
    }

    /// A small table where each test controls exactly which foods exist.
    fn tiny_db() -> FoodDb {
        let groups = vec![
            FoodGroup {
                code: 1100,
                name: "Vegetables and Vegetable Products".into(),
            },
            FoodGroup {
                code: 1200,
                name: "Nut and Seed Products".into(),
            },
            FoodGroup {
                code: 2500,
                name: "Snacks".into(),
            },
        ];
        let food = |ndb: u32,
                    group: u8,
                    description: &str,
                    mg: Option<f64>,
                    kcal: f64,
                    grams: Option<f64>| Food {
            ndb: NdbNo(ndb),
            description: description.into(),
            group: GroupId::new(group),
            common_names: String::new(),
            branded: false,
            survey: false,
            nutrients: Nutrients {
                magnesium_mg: mg,
                energy_kcal: Some(kcal),
                ..Nutrients::NONE
            },
            measures: grams
                .map(|g| {
                    vec![Measure {
                        amount: 1.0,
                        description: "cup".into(),
                        grams: g,
                    }]
                })
                .unwrap_or_default(),
            // One cup when the food has it, else 100 g.
            portion: grams.map_or(Portion::grams(100.0), |_| Portion::of_measure(0, 1.0)),
        };
        let mut foods = vec![
            food(1, 0, "Spinach, raw", Some(79.0), 23.0, Some(30.0)),
            food(
                2,
                0,
                "Spinach, cooked, boiled",
                Some(87.0),
                23.0,
                Some(180.0),
            ),
            food(3, 1, "Nuts, almonds", Some(270.0), 579.0, Some(143.0)),
            food(
                4,
                1,
                "Seeds, pumpkin seed kernels, dried",
                Some(592.0),
                559.0,
                Some(129.0),
            ),
            food(5, 2, "Snacks, almond bar", None, 450.0, None),
            food(6, 0, "Kale, raw", Some(47.0), 0.0, None),
            food(7, 0, "Pumpkin leaves, raw", Some(38.0), 19.0, Some(39.0)),
            food(8, 1, "Nuts, mixed nuts", Some(251.0), 594.0, Some(137.0)),
        ];
        foods[7].common_names = "trail mix".into();
        FoodDb::new(groups, foods).unwrap()
    }

    fn ndbs(db: &FoodDb, hits: &[usize]) -> Vec<u32> {
        hits.iter().map(|&i| db.foods()[i].ndb.0).collect()
    }

    #[test]
    fn matching_rules() {
        let db = tiny_db();
        let index = SearchIndex::new(&db);
        let search = |q: &str| {
            let mut found = ndbs(&db, &index.search(q, None, SortBy::Relevance));
            found.sort_unstable();
            found
        };
        for (query, expected) in [
            ("spinach", &[1, 2][..]),
            ("SPINACH", &[1, 2]),
            ("raw spinach", &[1]),
            ("spinach raw", &[1]),
            ("spin", &[1, 2]),
            ("spinnach", &[1, 2]),
            ("almond", &[3, 5]),
            ("almonds", &[3, 5]),
            ("almnds", &[3]),
            ("pumpkin seeds", &[4]),
            ("leaf", &[7]),
            ("pumpkin", &[4, 7]),
            ("trail", &[8]),
            ("spinach kale", &[]),
            ("zzz", &[]),
            ("rwa", &[]),
        ] {
            assert_eq!(search(query), expected, "{query:?}");
        }
    }

    #[test]
    fn ranking_prefers_whole_words_heads_and_plain_foods() {
        let db = tiny_db();
        let index = SearchIndex::new(&db);
        let top = |q: &str| ndbs(&db, &index.search(q, None, SortBy::Relevance));
        assert_eq!(
            top("almonds"),
            [3, 5],
            "whole word in the head, not the snack"
        );
        assert_eq!(top("spinach"), [1, 2], "raw first");
        assert_eq!(top("pumpkin")[0], 7, "raw and shorter first");
    }

    #[test]
    fn ranking_by_field_and_match_kind() {
        let groups = vec![FoodGroup {
            code: 1200,
            name: "Nut and Seed Products".into(),
        }];
        let food = |ndb: u32, description: &str| unbranded(ndb, description, Nutrients::NONE);
        let db = FoodDb::new(
            groups,
            vec![
                food(1, "Oil, walnut"),
                food(2, "Walnut, black, dried, shelled"),
                food(3, "Walnutty cake"),
                food(4, "Cake, with walnut, iced"),
            ],
        )
        .unwrap();
        let index = SearchIndex::new(&db);
        let top = |q: &str| ndbs(&db, &index.search(q, None, SortBy::Relevance));
        // Head, then second part, then a later part, then a mere prefix.
        assert_eq!(top("walnut"), [2, 1, 4, 3]);
        assert_eq!(top("walnut cake"), [4, 3]);
    }

    #[test]
    fn a_row_shows_the_amount_of_its_sort_and_that_amount_s_share() {
        let nutrients = |mg: Option<f64>, kcal: Option<f64>| Nutrients {
            magnesium_mg: mg,
            energy_kcal: kcal,
            ..Nutrients::NONE
        };
        let mut seeds = unbranded(12014, "Seeds, pumpkin", nutrients(Some(592.0), Some(559.0)));
        seeds.measures = vec![Measure {
            amount: 1.0,
            description: "oz".into(),
            grams: 28.35,
        }];
        seeds.portion = Portion::of_measure(0, 1.0);
        let water = unbranded(14433, "Water, mineral", nutrients(Some(11.0), Some(0.0)));
        let unknown = unbranded(1, "Mystery", nutrients(None, Some(100.0)));
        let no_kcal = unbranded(2, "Unmeasured", nutrients(Some(10.0), None));
        let target = Some(420.0);
        let mg = |v: f64| RowValue::Mg(v);
        let cases: &[(&Food, SortBy, RowValue, &str, Option<f64>)] = &[
            // 592 mg per 100 g is 141 % of 420 mg; the portion is its own share.
            (
                &seeds,
                SortBy::MgPer100g,
                mg(592.0),
                "per 100 g",
                Some(592.0 / 4.2),
            ),
            (
                &seeds,
                SortBy::MgPerPortion,
                mg(592.0 * 0.2835),
                "1 oz (28 g)",
                Some(592.0 * 0.2835 / 4.2),
            ),
            (
                &seeds,
                SortBy::Relevance,
                mg(592.0 * 0.2835),
                "1 oz (28 g)",
                Some(592.0 * 0.2835 / 4.2),
            ),
            // A rate has no share.
            (
                &seeds,
                SortBy::MgPer100kcal,
                mg(592.0 * 100.0 / 559.0),
                "per 100 kcal",
                None,
            ),
            (
                &water,
                SortBy::MgPer100kcal,
                RowValue::NoEnergy,
                "per 100 kcal",
                None,
            ),
            (
                &water,
                SortBy::MgPer100g,
                mg(11.0),
                "per 100 g",
                Some(11.0 / 4.2),
            ),
            (
                &unknown,
                SortBy::MgPer100kcal,
                RowValue::NoData,
                "per 100 kcal",
                None,
            ),
            (
                &unknown,
                SortBy::MgPer100g,
                RowValue::NoData,
                "per 100 g",
                None,
            ),
            (
                &no_kcal,
                SortBy::MgPer100kcal,
                RowValue::NoData,
                "per 100 kcal",
                None,
            ),
        ];
        for (food, sort, value, basis, share) in cases {
            let row = sort.amount_of(food, target);
            assert_eq!(row.value, *value, "{} {sort:?}", food.description);
            assert_eq!(row.basis, *basis);
            match (row.share_percent, share) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{a} != {b}"),
                (a, b) => assert_eq!(a, *b, "{} {sort:?}", food.description),
            }
        }
        assert_eq!(
            seeds.mg_per_100g().map(|mg| (mg / 4.2).round()),
            Some(141.0)
        );
        assert_eq!(
            SortBy::MgPer100g.amount_of(&seeds, None).share_percent,
            None
        );
    }

    #[test]
    fn group_filter_and_sorts() {
        let db = tiny_db();
        let index = SearchIndex::new(&db);
        let nuts = db.group_by_code(1200);
        let run = |q: &str, g: Option<GroupId>, s: SortBy| ndbs(&db, &index.search(q, g, s));
        assert_eq!(run("", nuts, SortBy::MgPer100g), [4, 3, 8]);
        assert_eq!(
            run("", None, SortBy::MgPer100g),
            [4, 3, 8, 2, 1, 6, 7, 5],
            "None last"
        );
        // Per serving: 592×1.29, 270×1.43, 251×1.37, 87×1.8, 47 (100 g), 79×.3, 38×.39.
        assert_eq!(
            run("", None, SortBy::MgPerPortion),
            [4, 3, 8, 2, 6, 1, 7, 5]
        );
        assert_eq!(
            run("", None, SortBy::Relevance),
            run("", None, SortBy::MgPerPortion)
        );
        // Per 100 kcal: kale has 0 kcal and no ratio, the snack no magnesium.
        assert_eq!(
            run("", None, SortBy::MgPer100kcal),
            [2, 1, 7, 4, 3, 8, 6, 5]
        );
        assert_eq!(run("raw", None, SortBy::MgPer100g), [1, 6, 7]);
        // "nuts" names the mixed nuts but is only the category of the almonds.
        assert_eq!(run("nuts", nuts, SortBy::Relevance), [8, 3]);
        assert_eq!(run("spinach", nuts, SortBy::Relevance), Vec::<u32>::new());
    }

    #[test]
    fn ties_in_magnesium_fall_back_to_relevance_then_name() {
        let groups = vec![FoodGroup {
            code: 1100,
            name: "Vegetables".into(),
        }];
        let with_mg = Nutrients {
            magnesium_mg: Some(10.0),
            ..Nutrients::NONE
        };
        let food = |ndb: u32, description: &str| unbranded(ndb, description, with_mg);
        let db = FoodDb::new(
            groups,
            vec![
                food(1, "Beets, greens, cooked"),
                food(2, "Greens, raw"),
                food(3, "Chard, greens, raw"),
            ],
        )
        .unwrap();
        let index = SearchIndex::new(&db);
        assert_eq!(
            ndbs(&db, &index.search("greens", None, SortBy::MgPer100g)),
            [2, 3, 1]
        );
        assert_eq!(
            ndbs(&db, &index.search("", None, SortBy::MgPer100g)),
            [1, 3, 2],
            "by name"
        );
    }

    /// The shipped asset, decoded once for the tests below.
    fn usda() -> &'static (FoodDb, SearchIndex) {
        static DB: std::sync::OnceLock<(FoodDb, SearchIndex)> = std::sync::OnceLock::new();
        DB.get_or_init(|| {
            let db = crate::testing::sr28().clone();
            let index = SearchIndex::new(&db);
            (db, index)
        })
    }

    fn top_ndb(query: &str) -> u32 {
        let (db, index) = usda();
        let hits = index.search(query, None, SortBy::Relevance);
        let first = *hits
            .first()
            .unwrap_or_else(|| panic!("no hit for {query:?}"));
        db.foods()[first].ndb.0
    }

    fn description(ndb: u32) -> &'static str {
        &usda().0.by_ndb(NdbNo(ndb)).unwrap().1.description
    }

    #[test]
    fn usda_top_hits() {
        for (query, ndb, text) in [
            ("almonds", 12061, "Nuts, almonds"),
            (
                "pumpkin seeds",
                12014,
                "Seeds, pumpkin and squash seed kernels, dried",
            ),
            ("spinach raw", 11457, "Spinach, raw"),
            (
                "dark chocolate",
                19903,
                "Chocolate, dark, 60-69% cacao solids",
            ),
            ("black beans", 16014, "Beans, black, mature seeds, raw"),
            ("brown rice", 20036, "Rice, brown, long-grain, raw"),
            ("quinoa", 20035, "Quinoa, uncooked"),
            ("cashews", 12087, "Nuts, cashew nuts, raw"),
            ("banana", 9040, "Bananas, raw"),
            ("avocado", 9037, "Avocados, raw, all commercial varieties"),
            ("chia", 12006, "Seeds, chia seeds, dried"),
        ] {
            assert_eq!(description(ndb), text);
            let got = top_ndb(query);
            assert_eq!(got, ndb, "{query:?} gave {got:05} {:?}", description(got));
        }
    }

    #[test]
    fn every_match_scores_above_zero() {
        // `search` reads a best score of 0 as "not reached by this word".
        for weight in FIELD_WEIGHT {
            for kind in [EXACT, INFLECTED, PREFIX, TYPO] {
                assert!(kind * weight > 0.0, "{kind} × {weight}");
            }
        }
    }

    #[test]
    fn usda_a_query_finds_exactly_the_foods_every_one_of_its_words_finds() {
        use std::collections::BTreeSet;
        let (_, index) = usda();
        let set = |q: &str| -> BTreeSet<usize> {
            index
                .search(q, None, SortBy::Relevance)
                .into_iter()
                .collect()
        };
        for query in [
            "pumpkin seeds",
            "raw spinach",
            "dark chocolate",
            "s chi",
            "milk whole raw",
            "almnds raw",
            "oatmeal cookies",
            "beans xylophone",
            "xylophone beans",
        ] {
            let each = query
                .split(' ')
                .map(set)
                .reduce(|a, b| &a & &b)
                .unwrap_or_default();
            let found = index.search(query, None, SortBy::Relevance);
            assert_eq!(
                found.len(),
                each.len(),
                "{query:?} lists a food twice or misses one"
            );
            assert_eq!(
                found.into_iter().collect::<BTreeSet<_>>(),
                each,
                "{query:?}"
            );
        }
    }

    #[test]
    fn usda_typos_word_order_plurals_and_common_names() {
        for (query, same_top_as) in [
            ("spinnach", "spinach"),
            ("almnds", "almonds"),
            ("avocadoe", "avocado"),
            ("raw spinach", "spinach raw"),
            ("beans black", "black beans"),
            ("seeds pumpkin", "pumpkin seeds"),
            ("RICE Brown", "brown rice"),
            ("almond", "almonds"),
            ("bananas", "banana"),
            ("cashew", "cashews"),
            ("avocados", "avocado"),
        ] {
            assert_eq!(
                top_ndb(query),
                top_ndb(same_top_as),
                "{query:?} vs {same_top_as:?}"
            );
        }
        assert_eq!(top_ndb("pepitas"), 12014, "ComName of pumpkin seed kernels");

        let (db, index) = usda();
        let found = |q: &str| index.search(q, None, SortBy::Relevance);
        for (plural, singular) in [
            ("almonds", "almond"),
            ("berries", "berry"),
            ("leaves", "leaf"),
            ("peaches", "peach"),
            ("seeds", "seed"),
        ] {
            let (p, s) = (found(plural), found(singular));
            assert!(!p.is_empty(), "{plural}");
            assert!(
                p.iter().all(|i| s.contains(i)),
                "{plural} finds foods {singular} misses"
            );
        }
        let peach = found("peach");
        assert!(
            peach
                .iter()
                .any(|&i| db.foods()[i].description.starts_with("Peaches, "))
        );
        let leaf = found("leaf");
        assert!(
            leaf.iter()
                .any(|&i| db.foods()[i].description == "Pumpkin leaves, raw")
        );
        assert!(found("spinach").len() > found("spinach raw").len());
        assert!(found("xylophone").is_empty());
        assert!(
            found("rwa").is_empty(),
            "short words get no typo forgiveness"
        );
    }

    #[test]
    fn usda_group_filter_and_every_sort() {
        let (db, index) = usda();
        assert_eq!(index.len(), db.foods().len());
        let all = index.search("", None, SortBy::Relevance);
        assert_eq!(all.len(), 8_789);
        assert_eq!(all, index.search("  ", None, SortBy::MgPerPortion));

        let sweets = db.group_by_code(1900).unwrap();
        let in_sweets = db.foods().iter().filter(|f| f.group == sweets).count();
        assert_eq!(
            index.search("", Some(sweets), SortBy::MgPer100g).len(),
            in_sweets
        );
        let candied = index.search("almonds", Some(sweets), SortBy::Relevance);
        assert!(candied.iter().all(|&i| db.foods()[i].group == sweets));
        assert!(
            candied.iter().any(|&i| db.foods()[i].ndb == NdbNo(19858)),
            "sugar-coated almonds"
        );

        type Key = fn(&Food) -> Option<f64>;
        let keys: [(SortBy, Key); 3] = [
            (SortBy::MgPerPortion, Food::mg_per_portion),
            (SortBy::MgPer100g, Food::mg_per_100g),
            (SortBy::MgPer100kcal, density_key),
        ];
        for query in ["", "beans", "tea", "milk"] {
            let relevance = index.search(query, None, SortBy::Relevance);
            for (sort, key) in keys {
                let hits = index.search(query, None, sort);
                let mut same = hits.clone();
                same.sort_unstable();
                let mut expected = relevance.clone();
                expected.sort_unstable();
                assert_eq!(same, expected, "{query:?} {sort:?} finds the same foods");
                let values: Vec<Option<f64>> = hits.iter().map(|&i| key(&db.foods()[i])).collect();
                let known = values.iter().take_while(|v| v.is_some()).count();
                assert!(
                    values[known..].iter().all(Option::is_none),
                    "{query:?} {sort:?}: None last"
                );
                assert!(
                    values[..known].windows(2).all(|w| w[0] >= w[1]),
                    "{query:?} {sort:?}: descending"
                );
            }
        }
        let tea = index.search("tea", None, SortBy::MgPer100kcal);
        assert!(
            tea.iter()
                .rev()
                .take(3)
                .all(|&i| db.foods()[i].mg_per_100kcal().is_none())
        );

        // Per 100 kcal, calorie-free foods (water, brewed coffee) follow
        // every food that supplies energy, so the list opens with real
        // sources; coffee's 300 mg per 100 kcal does not lead it.
        let dense = index.search("", None, SortBy::MgPer100kcal);
        let free = |i: usize| db.foods()[i].calorie_free();
        let first_free = dense.iter().position(|&i| free(i)).unwrap();
        assert!(first_free > 1000);
        assert!(
            dense[first_free..]
                .iter()
                .all(|&i| free(i) || density_key(&db.foods()[i]).is_none())
        );
        let coffee = db.by_ndb(NdbNo(14209)).unwrap().0;
        assert!(dense.iter().position(|&i| i == coffee).unwrap() >= first_free);
        assert!(!free(dense[0]));
    }
}
