use super::*;

fn totals(mg: f64, missing: usize) -> Option<Totals> {
    Some(Totals {
        food_mg: mg,
        supplement_mg: 0.0,
        missing_data_count: missing,
        topical_count: 0,
    })
}

#[test]
fn the_week_gap_counts_each_days_shortfall_and_says_how_sure_it_is() {
    let none = [None; 7];
    let full = [totals(450.0, 0); 7];
    let some = [
        totals(300.0, 0),
        None,
        totals(500.0, 0),
        None,
        totals(140.0, 2),
        None,
        None,
    ];
    let exact = [totals(350.0, 0); 7];
    let six = [
        totals(300.0, 0),
        totals(300.0, 0),
        totals(300.0, 0),
        totals(300.0, 0),
        totals(300.0, 0),
        totals(300.0, 0),
        None,
    ];
    // (days, shortfall, logged days, lower bound, sentence)
    type Case<'a> = (&'a [Option<Totals>], f64, usize, bool, &'a str);
    let cases: [Case; 5] = [
        (
            &none,
            2800.0,
            0,
            false,
            "Nothing logged in the last 7 days: the basket covers the whole week's target, 2800 mg.",
        ),
        (
            &full,
            0.0,
            7,
            false,
            "The last 7 days met the target: nothing to fill.",
        ),
        (
            &some,
            100.0 + 260.0 + 4.0 * 400.0,
            3,
            true,
            "You logged at least 940 mg in 7 days, so the week is short by at most 1960 mg. \
             4 days with nothing logged count as nothing eaten.",
        ),
        (
            &exact,
            350.0,
            7,
            false,
            "You logged 2450 mg in 7 days, so the week is short by 350 mg.",
        ),
        (
            &six,
            6.0 * 100.0 + 400.0,
            6,
            false,
            "You logged 1800 mg in 7 days, so the week is short by 1000 mg. \
             1 day with nothing logged counts as nothing eaten.",
        ),
    ];
    for (days, shortfall, logged, lower, sentence) in cases {
        let gap = week_gap(400.0, days);
        assert!((gap.shortfall_mg - shortfall).abs() < 1e-9, "{sentence}");
        assert_eq!(gap.logged_days, logged, "{sentence}");
        assert_eq!(gap.lower_bound, lower, "{sentence}");
        assert_eq!(gap.sentence(), sentence);
        assert_eq!(gap.covered(), shortfall == 0.0, "{sentence}");
    }
    // Days not given at all are days with nothing logged.
    assert_eq!(week_gap(400.0, &[]).shortfall_mg, 2800.0);
}

fn g(n: u8) -> GroupId {
    GroupId::new(n)
}

fn c(index: usize, group: u8, mg: f64, plain: bool) -> BasketCandidate {
    BasketCandidate {
        index,
        group: g(group),
        mg_per_portion: mg,
        plain,
        favourite: false,
    }
}

/// Seeds, almonds, cashews (group 0); spinach, chard (1); black beans (2);
/// a branded cereal and quinoa (3).
fn pool() -> Vec<BasketCandidate> {
    vec![
        c(0, 0, 150.0, true),
        c(1, 0, 77.0, true),
        c(2, 0, 83.0, true),
        c(3, 1, 78.0, true),
        c(4, 1, 75.0, true),
        c(5, 2, 120.0, true),
        c(6, 3, 200.0, false),
        c(7, 3, 118.0, true),
    ]
}

/// (index, portions) of each basket item.
fn picks(b: &Basket) -> Vec<(usize, u32)> {
    b.items
        .iter()
        .map(|i| (i.candidate.index, i.portions))
        .collect()
}

fn subs(b: &Basket, at: usize) -> Vec<usize> {
    b.items[at].substitutes.iter().map(|s| s.index).collect()
}

#[test]
fn a_1000_mg_gap_with_no_favourites_gives_a_fixed_basket() {
    let b = fill_week(1000.0, &pool(), &[], DEFAULT_PER_GROUP);
    // No food carries more than a third of the gap: 3 × 150, 3 × 120, and
    // the rest, 190 mg, in 2 × 118.
    assert_eq!(picks(&b), [(0, 3), (5, 3), (7, 2)]);
    assert_eq!(subs(&b, 0), [2, 1], "same group, closest first");
    assert_eq!(subs(&b, 1), Vec::<usize>::new(), "no other legume");
    assert_eq!(subs(&b, 2), [6]);
    assert!((b.total_mg - 1046.0).abs() < 1e-9);
    assert!(b.covered);
    let shares: Vec<f64> = b.items.iter().map(|i| i.share_of_gap).collect();
    assert_eq!(shares, [0.45, 0.36, 0.236]);
    assert_eq!(
        b.total_text(),
        "Basket: 1046 mg of the 1000 mg gap, covered."
    );
}

#[test]
fn not_for_me_on_the_top_food_moves_its_substitute_up() {
    let b = fill_week(1000.0, &pool(), &[0], DEFAULT_PER_GROUP);
    assert_eq!(picks(&b), [(5, 3), (7, 3), (2, 4)]);
    // The avoided food is not a substitute either.
    assert_eq!(subs(&b, 2), [1]);
}

#[test]
fn a_gap_of_0_proposes_nothing_and_is_covered() {
    for gap in [0.0, 0.04, -5.0, f64::NAN] {
        let b = fill_week(gap, &pool(), &[], DEFAULT_PER_GROUP);
        assert!(b.items.is_empty(), "{gap}");
        assert!(b.covered && b.nothing_needed(), "{gap}");
    }
}

#[test]
fn favourites_come_first() {
    let mut pool = pool();
    pool[4].favourite = true;
    let b = fill_week(1000.0, &pool, &[], DEFAULT_PER_GROUP);
    assert_eq!(picks(&b), [(4, 5), (0, 3), (5, 2)]);
}

#[test]
fn at_most_two_per_group_unless_asked() {
    let nuts: Vec<BasketCandidate> = pool().into_iter().filter(|c| c.group == g(0)).collect();
    let b = fill_week(2800.0, &nuts, &[], DEFAULT_PER_GROUP);
    // Seven portions at most of each: one a day.
    assert_eq!(picks(&b), [(0, 7), (2, 7)]);
    assert!(!b.covered);
    let b = fill_week(2800.0, &nuts, &[], MAX_ITEMS);
    assert_eq!(picks(&b), [(0, 7), (2, 7), (1, 7)]);
}

#[test]
fn branded_foods_come_after_plain_ones() {
    let two = [c(6, 3, 200.0, false), c(1, 0, 77.0, true)];
    let b = fill_week(300.0, &two, &[], DEFAULT_PER_GROUP);
    assert_eq!(picks(&b), [(1, 2), (6, 1)]);
}

#[test]
fn a_basket_has_at_most_eight_foods_and_skips_foods_without_data() {
    let mut many: Vec<BasketCandidate> = (0..10).map(|i| c(i, i as u8, 10.0, true)).collect();
    many.push(c(10, 10, f64::NAN, true));
    many.push(c(11, 11, 0.0, true));
    let b = fill_week(1000.0, &many, &[], DEFAULT_PER_GROUP);
    assert_eq!(b.items.len(), MAX_ITEMS);
    assert!(b.items.iter().all(|i| i.candidate.index < 10));
}

#[test]
fn swapping_keeps_the_portions_and_a_second_swap_undoes_it() {
    let mut b = fill_week(1000.0, &pool(), &[], DEFAULT_PER_GROUP);
    let before = b.clone();
    assert!(b.swap(0, 0));
    assert_eq!(picks(&b), [(2, 3), (5, 3), (7, 2)]);
    assert_eq!(subs(&b, 0), [0, 1]);
    assert!((b.items[0].mg - 249.0).abs() < 1e-9);
    assert!((b.total_mg - 845.0).abs() < 1e-9);
    assert!(!b.covered);
    assert!(b.swap(0, 0));
    assert_eq!(b, before);
    assert!(!b.swap(1, 0), "no substitute to swap for");
    assert!(!b.swap(9, 0));
}

#[test]
fn editing_portions_and_removing_recount_the_basket() {
    let mut b = fill_week(1000.0, &pool(), &[], DEFAULT_PER_GROUP);
    assert!(b.set_portions(2, 9));
    assert_eq!(b.items[2].portions, MAX_PORTIONS);
    assert!(b.set_portions(2, 0));
    assert_eq!(b.items[2].portions, 1);
    assert!((b.total_mg - (450.0 + 360.0 + 118.0)).abs() < 1e-9);
    assert!(!b.covered);
    let gone = b.remove(0).unwrap();
    assert_eq!(gone.candidate.index, 0);
    assert_eq!(picks(&b), [(5, 3), (7, 1)]);
    assert!(b.remove(5).is_none());
}

fn usda() -> &'static FoodDb {
    static DB: std::sync::OnceLock<FoodDb> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/foods.bin");
        FoodDb::decode(&std::fs::read(path).expect("public/foods.bin")).expect("asset decodes")
    })
}

#[test]
fn the_pool_adds_favourites_once_and_close_the_gap_leaves_avoided_foods_out() {
    let db = usda();
    let sources = pool_sources(db);
    let plain = candidate_pool(db, &sources, &[]);
    assert!(!plain.is_empty() && plain.iter().all(|c| !c.favourite));
    let top = plain[0];
    let top_ndb = db.food(top.index).unwrap().ndb.0;
    // Bananas are not a top source; almonds-like top foods are already in.
    let pool = candidate_pool(db, &sources, &[9040, top_ndb, 99_999_999]);
    assert_eq!(pool.len(), plain.len() + 1);
    let banana = db.by_ndb(NdbNo(9040)).unwrap().0;
    assert!(pool.iter().any(|c| c.index == banana && c.favourite));
    assert!(pool.iter().any(|c| c.index == top.index && c.favourite));
    let mut indices: Vec<usize> = pool.iter().map(|c| c.index).collect();
    indices.sort_unstable();
    indices.dedup();
    assert_eq!(indices.len(), pool.len(), "each food once");

    let avoided = avoided_indices(db, &[top_ndb]);
    assert_eq!(avoided, [top.index]);
    let gap = gap_candidates(&pool, &avoided);
    assert_eq!(gap.len(), pool.len() - 1);
    assert!(gap.iter().all(|c| c.index != top.index));
    let basket = fill_week(2800.0, &pool, &avoided, DEFAULT_PER_GROUP);
    assert!(basket.items.iter().all(|i| i.candidate.index != top.index));
    assert!(
        basket
            .items
            .iter()
            .all(|i| i.substitutes.iter().all(|s| s.index != top.index))
    );
}
