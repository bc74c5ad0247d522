//! "Fill my week": the last seven days' shortfall against the target, and a
//! basket of realistic portions that closes it, with substitutes for each
//! food so the person can swap what they do not like.
//!
//! The pool of foods is the one "Close the gap" on Today uses
//! ([`candidate_pool`]): the top plain sources of each magnesium-rich group
//! plus the person's favourites.

use crate::domain::sorted::SortedSet;

use crate::domain::day::{GapCandidate, Totals};
use crate::domain::food::{FoodDb, GroupId, NdbNo};
use crate::domain::mg::{self, format_mg};
use crate::domain::settings::Settings;
use crate::domain::sources::{TopSources, first_of_each, ranked_top_sources};

/// Days the week covers.
pub const WEEK_DAYS: usize = 7;

/// At most this many foods in a basket: a shopping trip, not a pantry.
pub const MAX_ITEMS: usize = 8;

/// At most one portion a day of any one food.
pub const MAX_PORTIONS: u32 = 7;

/// Foods per food group unless the person asks for more, for variety.
pub const DEFAULT_PER_GROUP: usize = 2;

/// No food is asked to carry more than this share of the gap (one third),
/// so a basket has at least three foods when the pool allows, instead of
/// seven portions of the single richest one.
const MIN_FOODS: f64 = 3.0;

/// Foods per Top sources category in the pool; the food asset's ranking
/// keeps at least as many, so the pool is a prefix of it.
pub const POOL_PER_CATEGORY: usize = 12;
const _: () = assert!(POOL_PER_CATEGORY <= crate::domain::sources::RANKED_TOP_SOURCES);

/// The week's shortfall.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekGap {
    /// Seven times the daily target.
    pub week_target_mg: f64,
    /// What the logged days add up to.
    pub intake_mg: f64,
    /// The sum over the days of what each day fell short by.
    pub shortfall_mg: f64,
    /// Days with anything logged.
    pub logged_days: usize,
    /// Some logged foods have no magnesium data: the intake is a lower bound
    /// and the shortfall an upper one.
    pub lower_bound: bool,
}

/// A food the basket may propose, as the caller describes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BasketCandidate {
    /// The caller's index (into its food list).
    pub index: usize,
    pub group: GroupId,
    /// Magnesium in one realistic portion.
    pub mg_per_portion: f64,
    /// A plain or raw food rather than a branded product.
    pub plain: bool,
    /// One of the person's favourites.
    pub favourite: bool,
}

/// One food in the basket.
#[derive(Clone, Debug, PartialEq)]
pub struct BasketItem {
    pub candidate: BasketCandidate,
    pub portions: u32,
    /// Magnesium in all the portions.
    pub mg: f64,
    /// The part of the gap this item closes, 0 to 1 (more when the basket
    /// overshoots with it).
    pub share_of_gap: f64,
    /// Up to two foods of the same group with similar magnesium per portion,
    /// closest first.
    pub substitutes: Vec<BasketCandidate>,
}

/// The proposal.
#[derive(Clone, Debug, PartialEq)]
pub struct Basket {
    pub gap_mg: f64,
    pub items: Vec<BasketItem>,
    pub total_mg: f64,
    /// The total reaches the gap (as shown).
    pub covered: bool,
}

/// The week's gap from a daily target and the last seven days' totals
/// (`None` for a day with nothing logged, which counts as nothing eaten).
/// Each day counts what it fell short by, so a rich day does not hide a
/// poor one.
pub fn week_gap(daily_target_mg: f64, days: &[Option<Totals>]) -> WeekGap {
    let target = daily_target_mg.max(0.0);
    let mut gap = WeekGap {
        week_target_mg: target * WEEK_DAYS as f64,
        intake_mg: 0.0,
        shortfall_mg: 0.0,
        logged_days: 0,
        lower_bound: false,
    };
    for day in days.iter().take(WEEK_DAYS) {
        let total = match day {
            Some(t) => {
                gap.logged_days += 1;
                gap.lower_bound |= t.missing_data_count > 0;
                t.total_mg()
            }
            None => 0.0,
        };
        gap.intake_mg += total;
        gap.shortfall_mg += (target - total).max(0.0);
    }
    // Fewer than seven days given: the missing ones are unlogged days.
    gap.shortfall_mg += target * WEEK_DAYS.saturating_sub(days.len()) as f64;
    gap
}

impl WeekGap {
    /// True when nothing is missing, as shown.
    pub fn covered(&self) -> bool {
        mg::shown(self.shortfall_mg) == 0.0
    }

    /// The sentence above the basket.
    pub fn sentence(&self) -> String {
        if self.logged_days == 0 {
            return format!(
                "Nothing logged in the last 7 days: the basket covers the whole week's target, {}.",
                format_mg(self.week_target_mg)
            );
        }
        if self.covered() {
            return "The last 7 days met the target: nothing to fill.".into();
        }
        let (at_least, at_most) = if self.lower_bound {
            ("at least ", "at most ")
        } else {
            ("", "")
        };
        let mut s = format!(
            "You logged {at_least}{} in 7 days, so the week is short by {at_most}{}.",
            format_mg(self.intake_mg),
            format_mg(self.shortfall_mg)
        );
        match WEEK_DAYS - self.logged_days {
            0 => {}
            1 => s.push_str(" 1 day with nothing logged counts as nothing eaten."),
            n => s.push_str(&format!(
                " {n} days with nothing logged count as nothing eaten."
            )),
        }
        s
    }
}

/// The order the basket takes foods in: favourites, then plain foods, then
/// the richest portion; the caller's index breaks ties.
fn rank(a: &BasketCandidate, b: &BasketCandidate) -> std::cmp::Ordering {
    b.favourite
        .cmp(&a.favourite)
        .then(b.plain.cmp(&a.plain))
        .then(b.mg_per_portion.total_cmp(&a.mg_per_portion))
        .then(a.index.cmp(&b.index))
}

/// A basket for `gap_mg`: greedily the best-ranked foods, at most
/// `per_group_max` from one food group and [`MAX_ITEMS`] in all, each in
/// whole portions (at most one a day), until the gap is closed. Foods in
/// `avoided` (caller's indices) are neither proposed nor substitutes.
pub fn fill_week(
    gap_mg: f64,
    candidates: &[BasketCandidate],
    avoided: &[usize],
    per_group_max: usize,
) -> Basket {
    let gap = if gap_mg.is_finite() {
        gap_mg.max(0.0)
    } else {
        0.0
    };
    let mut pool: Vec<BasketCandidate> = candidates
        .iter()
        .copied()
        .filter(|c| c.mg_per_portion.is_finite() && c.mg_per_portion > 0.0)
        .filter(|c| !avoided.contains(&c.index))
        .collect();
    crate::domain::sorting::sort_by(&mut pool, rank);
    let mut seen = SortedSet::new();
    pool.retain(|c| seen.insert(c.index));

    let mut chosen: Vec<(BasketCandidate, u32)> = Vec::new();
    let mut remaining = gap;
    let per_item = gap / MIN_FOODS;
    for c in &pool {
        if mg::shown(remaining) == 0.0 || chosen.len() >= MAX_ITEMS {
            break;
        }
        if chosen.iter().filter(|(x, _)| x.group == c.group).count() >= per_group_max {
            continue;
        }
        let want = remaining.min(per_item);
        let portions = ((want / c.mg_per_portion).ceil() as u32).clamp(1, MAX_PORTIONS);
        remaining -= f64::from(portions) * c.mg_per_portion;
        chosen.push((*c, portions));
    }

    let chosen_ids: Vec<usize> = chosen.iter().map(|(c, _)| c.index).collect();
    let items = chosen
        .into_iter()
        .map(|(c, portions)| BasketItem {
            candidate: c,
            portions,
            mg: 0.0,
            share_of_gap: 0.0,
            substitutes: substitutes(&c, &pool, &chosen_ids),
        })
        .collect();
    let mut basket = Basket {
        gap_mg: gap,
        items,
        total_mg: 0.0,
        covered: false,
    };
    basket.recount();
    basket
}

/// Up to two foods of `item`'s group from `pool` (ranked, avoided foods
/// already out), not in the basket, closest in magnesium per portion; ties
/// keep the pool's rank.
fn substitutes(
    item: &BasketCandidate,
    pool: &[BasketCandidate],
    chosen: &[usize],
) -> Vec<BasketCandidate> {
    let mut same: Vec<(usize, BasketCandidate)> = pool
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| c.group == item.group && !chosen.contains(&c.index))
        .collect();
    crate::domain::sorting::sort_by(&mut same, |(ra, a), (rb, b)| {
        let da = (a.mg_per_portion - item.mg_per_portion).abs();
        let db = (b.mg_per_portion - item.mg_per_portion).abs();
        da.total_cmp(&db).then(ra.cmp(rb))
    });
    same.into_iter().take(2).map(|(_, c)| c).collect()
}

impl Basket {
    /// True when the basket proposes nothing because the gap is closed.
    pub fn nothing_needed(&self) -> bool {
        mg::shown(self.gap_mg) == 0.0
    }

    /// Replaces item `at` by its substitute `sub` (an index into its
    /// substitutes), keeping the portion count; the replaced food becomes
    /// that substitute, so a second swap undoes the first. False when either
    /// index is out of range.
    pub fn swap(&mut self, at: usize, sub: usize) -> bool {
        let Some(item) = self.items.get_mut(at) else {
            return false;
        };
        let Some(slot) = item.substitutes.get_mut(sub) else {
            return false;
        };
        std::mem::swap(&mut item.candidate, slot);
        self.recount();
        true
    }

    /// Sets item `at`'s portions (1 to [`MAX_PORTIONS`]; more is clamped).
    pub fn set_portions(&mut self, at: usize, portions: u32) -> bool {
        let Some(item) = self.items.get_mut(at) else {
            return false;
        };
        item.portions = portions.clamp(1, MAX_PORTIONS);
        self.recount();
        true
    }

    pub fn remove(&mut self, at: usize) -> Option<BasketItem> {
        if at >= self.items.len() {
            return None;
        }
        let item = self.items.remove(at);
        self.recount();
        Some(item)
    }

    /// "Basket: 1046 mg of the 1000 mg gap, covered." and the like.
    pub fn total_text(&self) -> String {
        let end = if self.covered {
            "covered"
        } else {
            "not all of it; add portions or foods"
        };
        format!(
            "Basket: {} of the {} gap, {end}.",
            format_mg(self.total_mg),
            format_mg(self.gap_mg)
        )
    }

    fn recount(&mut self) {
        let gap = self.gap_mg;
        for item in &mut self.items {
            item.mg = f64::from(item.portions) * item.candidate.mg_per_portion;
            item.share_of_gap = if gap > 0.0 { item.mg / gap } else { 0.0 };
        }
        self.total_mg = self.items.iter().map(|i| i.mg).sum();
        self.covered = mg::shown(self.total_mg) >= mg::shown(gap);
    }
}

/// The top plain sources of each Top sources category ([`POOL_PER_CATEGORY`]
/// each), which the pool starts from: a prefix of the ranking the food
/// asset carries ([`ranked_top_sources`]), which the page takes once per
/// food table (`Foods::pool_sources`) and shares between Today and `/list`.
pub fn pool_sources(db: &FoodDb) -> Vec<usize> {
    pool_from(&ranked_top_sources(db))
}

/// [`pool_sources`] from a ranking the app already has, made at a limit of
/// at least [`POOL_PER_CATEGORY`].
pub fn pool_from(ranking: &[TopSources]) -> Vec<usize> {
    first_of_each(ranking, POOL_PER_CATEGORY)
        .into_iter()
        .flat_map(|t| t.foods)
        .collect()
}

/// The foods "Close the gap" and "Fill my week" choose from: `sources`
/// ([`pool_sources`]), then the person's favourites (NDB numbers) that have
/// magnesium data, each food once.
pub fn candidate_pool(db: &FoodDb, sources: &[usize], favourites: &[u32]) -> Vec<BasketCandidate> {
    let favourite_indices: Vec<usize> = favourites
        .iter()
        .filter_map(|&n| db.by_ndb(NdbNo(n)).map(|(i, _)| i))
        .collect();
    let mut seen = SortedSet::new();
    sources
        .iter()
        .copied()
        .chain(favourite_indices.iter().copied())
        .filter(|&i| seen.insert(i))
        .filter_map(|i| {
            let food = db.food(i)?;
            Some(BasketCandidate {
                index: i,
                group: food.group,
                mg_per_portion: food.mg_per_portion()?,
                plain: !food.brand_like(),
                favourite: favourite_indices.contains(&i),
            })
        })
        .collect()
}

/// The indices of the foods the person marked "not for me".
pub fn avoided_indices(db: &FoodDb, avoided: &[u32]) -> Vec<usize> {
    avoided
        .iter()
        .filter_map(|&n| db.by_ndb(NdbNo(n)).map(|(i, _)| i))
        .collect()
}

/// What Close the gap and Fill my week both start from: the pool with the
/// person's favourites, and the foods they marked "not for me" as indices.
pub fn person_pool(
    db: &FoodDb,
    sources: &[usize],
    settings: &Settings,
) -> (Vec<BasketCandidate>, Vec<usize>) {
    (
        candidate_pool(db, sources, &settings.favourite_foods),
        avoided_indices(db, &settings.avoided_foods),
    )
}

/// The pool as "Close the gap" candidates, without the avoided foods.
pub fn gap_candidates(pool: &[BasketCandidate], avoided: &[usize]) -> Vec<GapCandidate> {
    pool.iter()
        .filter(|c| !avoided.contains(&c.index))
        .map(|c| GapCandidate {
            index: c.index,
            mg_per_portion: c.mg_per_portion,
            plain: c.plain,
        })
        .collect()
}

#[cfg(test)]
mod tests;
