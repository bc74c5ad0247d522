use super::*;

fn usda() -> &'static FoodDb {
    static DB: std::sync::OnceLock<FoodDb> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/foods.bin");
        FoodDb::decode(&std::fs::read(path).expect("public/foods.bin")).expect("asset decodes")
    })
}

fn portions(ndb: u32, count: u32) -> LinkItem {
    LinkItem::Portions {
        ndb: NdbNo(ndb),
        count: NonZeroU32::new(count).unwrap(),
    }
}

fn package(ndb: u32, grams: f64) -> LinkItem {
    LinkItem::Package {
        ndb: NdbNo(ndb),
        grams: Positive::new(grams).unwrap(),
    }
}

fn text(t: &str) -> LinkItem {
    LinkItem::Text(t.into())
}

fn food(ndb: u32, item: LinkItem) -> NewFood {
    let db = usda();
    let (index, _) = db.by_ndb(NdbNo(ndb)).expect("in the table");
    match item {
        LinkItem::Portions { count, .. } => NewFood::portions(db, index, count),
        LinkItem::Package { grams, .. } => NewFood::package(db, index, grams),
        LinkItem::Text(_) => None,
    }
    .unwrap()
}

/// Almonds (7 portions), spinach (a package of 500 g), free text with a
/// comma and a non-ASCII letter, and a checked food, in "My order".
fn sample() -> ShoppingList {
    let mut list = ShoppingList::empty();
    list.set_order(super::super::list::ListOrder::Mine);
    list.add(food(12061, portions(12061, 7)));
    list.add(food(11457, package(11457, 500.0)));
    list.add_text("Gerolsteiner, 6 bottles — für Oma").unwrap();
    let checked = list.add(food(11458, portions(11458, 1)));
    let Added::New(id) = checked else {
        panic!("a new food is a new item")
    };
    list.set_checked(id, true);
    list
}

#[test]
fn a_list_makes_a_link_of_its_unchecked_items_in_shown_order() {
    let list = sample();
    assert_eq!(
        list.link_query().as_deref(),
        Some("add=12061x7,11457g500,t:Gerolsteiner%2C%206%20bottles%20%E2%80%94%20f%C3%BCr%20Oma")
    );
    let mut by_group = list.clone();
    by_group.set_order(super::super::list::ListOrder::ByGroup);
    // Nuts before vegetables by group name, free text last.
    assert_eq!(
        by_group.link_query().as_deref(),
        Some("add=12061x7,11457g500,t:Gerolsteiner%2C%206%20bottles%20%E2%80%94%20f%C3%BCr%20Oma")
    );
    let mut moved = list.clone();
    moved.move_up(2);
    assert!(
        moved
            .link_query()
            .unwrap()
            .starts_with("add=11457g500,12061x7,")
    );
}

#[test]
fn a_list_with_nothing_unchecked_has_no_link() {
    assert_eq!(ShoppingList::empty().link_query(), None);
    let mut list = ShoppingList::empty();
    let id = list.add_text("Oats").unwrap();
    list.set_checked(id, true);
    assert_eq!(list.link_query(), None);
}

#[test]
fn the_link_round_trips_into_an_equal_list_on_another_device() {
    let list = sample();
    let query = list.link_query().unwrap();
    let (items, notes) = parse_link(&format!("?{query}")).unwrap();
    assert_eq!(notes, []);
    let import = resolve(items, usda());
    assert_eq!(import.notes, []);
    let mut other = ShoppingList::empty();
    let added = other.add_imported(import.items);
    assert_eq!(added.len(), 3);
    let unchecked: Vec<_> = list.items().iter().filter(|i| !i.checked).collect();
    assert_eq!(other.items().len(), unchecked.len());
    for (got, want) in other.items().iter().zip(unchecked) {
        assert_eq!(
            (&got.name, got.ndb, &got.group, &got.amount, got.mg),
            (&want.name, want.ndb, &want.group, &want.amount, want.mg)
        );
    }
    // And the receiving list shares the same link.
    assert_eq!(other.link_query(), Some(query));
}

#[test]
fn each_token_form_is_read_and_bad_ones_are_named() {
    let too_long = format!("t:{}", "x".repeat(MAX_TEXT_CHARS + 1));
    let cases: Vec<(&str, Result<LinkItem, LinkNote>)> = vec![
        ("12061x7", Ok(portions(12061, 7))),
        ("12061", Ok(portions(12061, 1))),
        ("9040x2", Ok(portions(9040, 2))),
        ("12061x999", Ok(portions(12061, 999))),
        ("11457g500", Ok(package(11457, 500.0))),
        ("11457g12.5", Ok(package(11457, 12.5))),
        ("11457g100000", Ok(package(11457, 100_000.0))),
        ("t:Oat%20milk", Ok(text("Oat milk"))),
        ("t:Oat+milk", Ok(text("Oat milk"))),
        ("t:%20%20Oats%20", Ok(text("Oats"))),
        ("t:Gerolsteiner%2C%206", Ok(text("Gerolsteiner, 6"))),
        ("t:f%C3%BCr%20%F0%9F%A5%9C", Ok(text("für 🥜"))),
        ("t:Äpfel", Ok(text("Äpfel"))),
        ("12061x0", Err(LinkNote::BadCount("12061x0".into()))),
        ("12061x", Err(LinkNote::BadCount("12061x".into()))),
        ("12061x1000", Err(LinkNote::BadCount("12061x1000".into()))),
        ("12061x-1", Err(LinkNote::BadCount("12061x-1".into()))),
        ("12061x+2", Err(LinkNote::BadCount("12061x+2".into()))),
        ("12061x2.5", Err(LinkNote::BadCount("12061x2.5".into()))),
        (
            "12061x99999999999",
            Err(LinkNote::BadCount("12061x99999999999".into())),
        ),
        ("11457g0", Err(LinkNote::BadGrams("11457g0".into()))),
        ("11457g", Err(LinkNote::BadGrams("11457g".into()))),
        (
            "11457g100001",
            Err(LinkNote::BadGrams("11457g100001".into())),
        ),
        ("11457ginf", Err(LinkNote::BadGrams("11457ginf".into()))),
        ("11457g1e3", Err(LinkNote::BadGrams("11457g1e3".into()))),
        ("11457g.5", Err(LinkNote::BadGrams("11457g.5".into()))),
        ("11457g5.", Err(LinkNote::BadGrams("11457g5.".into()))),
        ("11457g1.2.3", Err(LinkNote::BadGrams("11457g1.2.3".into()))),
        ("almonds", Err(LinkNote::NotAnItem("almonds".into()))),
        ("120611x2", Err(LinkNote::NotAnItem("120611x2".into()))),
        ("12061y2", Err(LinkNote::NotAnItem("12061y2".into()))),
        ("x2", Err(LinkNote::NotAnItem("x2".into()))),
        ("t:%E2%8", Err(LinkNote::NotAnItem("t:%E2%8".into()))),
        ("t:%zz", Err(LinkNote::NotAnItem("t:%zz".into()))),
        ("t:%FF", Err(LinkNote::NotAnItem("t:%FF".into()))),
        (
            "t:",
            Err(LinkNote::BadText {
                token: "t:".into(),
                error: TextError::Empty,
            }),
        ),
        (
            "t:%20",
            Err(LinkNote::BadText {
                token: "t: ".into(),
                error: TextError::Empty,
            }),
        ),
        (
            &too_long,
            Err(LinkNote::BadText {
                token: too_long.clone(),
                error: TextError::TooLong,
            }),
        ),
    ];
    for (token, expected) in cases {
        let (items, notes) = parse_link(&format!("add={token}")).unwrap();
        let got = match (items.as_slice(), notes.as_slice()) {
            ([item], []) => Ok(item.clone()),
            ([], [note]) => Err(note.clone()),
            _ => panic!("{token}: one item or one note, got {items:?} {notes:?}"),
        };
        assert_eq!(got, expected, "{token}");
    }
}

#[test]
fn notes_are_sentences_that_name_the_token() {
    let cases = [
        (
            LinkNote::NotAnItem("almonds".into()),
            "“almonds” is neither a food number nor a text item, so it was left out.",
        ),
        (
            LinkNote::BadCount("12061x0".into()),
            "“12061x0” asks for a number of portions that is not a whole number from 1 to 999, so it was left out.",
        ),
        (
            LinkNote::BadGrams("11457g0".into()),
            "“11457g0” asks for a package that is not more than 0 g and at most 100000 g, so it was left out.",
        ),
        (
            LinkNote::BadText {
                token: "t:".into(),
                error: TextError::Empty,
            },
            "“t:” has no text, so it was left out.",
        ),
        (
            LinkNote::BadText {
                token: format!("t:{}", "x".repeat(81)),
                error: TextError::TooLong,
            },
            &format!(
                "“t:{}…” is longer than 80 characters, so it was left out.",
                "x".repeat(38)
            ),
        ),
        (
            LinkNote::UnknownFood(NdbNo(99999)),
            "No food number 99999 in the USDA table.",
        ),
        (
            LinkNote::TooMany(3),
            "A link brings at most 50 items; the last 3 were left out.",
        ),
    ];
    for (note, sentence) in cases {
        assert_eq!(note.to_string(), sentence);
    }
}

#[test]
fn the_add_parameter_is_found_among_others_and_absent_means_no_link() {
    // (the query string, the items read and how many notes, or no link)
    type Read = Option<(Vec<LinkItem>, usize)>;
    let cases: [(&str, Read); 9] = [
        ("", None),
        ("?", None),
        ("?items=12061", None),
        ("?addx=12061", None),
        ("?add=", Some((vec![], 0))),
        ("add=,,%20", Some((vec![], 1))),
        (
            "?from=chat&add=12061x2",
            Some((vec![portions(12061, 2)], 0)),
        ),
        (
            "?add=12061x2&add=t:Water",
            Some((vec![portions(12061, 2), text("Water")], 0)),
        ),
        (
            "?add=12061x2,,99999,t:Water",
            Some((
                vec![portions(12061, 2), portions(99999, 1), text("Water")],
                0,
            )),
        ),
    ];
    for (search, expected) in cases {
        let got = parse_link(search).map(|(items, notes)| (items, notes.len()));
        assert_eq!(got, expected, "{search:?}");
    }
}

#[test]
fn a_link_brings_at_most_fifty_items_and_names_how_many_were_left_out() {
    let cases = [
        (49, 49, None),
        (50, 50, None),
        (51, 50, Some(1)),
        (120, 50, Some(70)),
    ];
    for (tokens, read, left_out) in cases {
        let query = format!("add={}", vec!["12061x1"; tokens].join(","));
        let (items, notes) = parse_link(&query).unwrap();
        assert_eq!(items.len(), read, "{tokens}");
        assert_eq!(
            notes,
            left_out
                .map(LinkNote::TooMany)
                .into_iter()
                .collect::<Vec<_>>()
        );
    }
    // Bad tokens count towards the limit: it bounds the work, not the result.
    let query = format!("add={},t:Water", vec!["bad"; 50].join(","));
    let (items, notes) = parse_link(&query).unwrap();
    assert_eq!(items, []);
    assert_eq!(notes.len(), 51);
    assert_eq!(notes.last(), Some(&LinkNote::TooMany(1)));
}

#[test]
fn unknown_food_numbers_are_named_and_the_rest_is_offered() {
    let (items, notes) = parse_link("add=12061x2,99999,t:Water,11457g250,00001g5").unwrap();
    assert_eq!(notes, []);
    let import = resolve(items, usda());
    assert_eq!(
        import.notes,
        [
            LinkNote::UnknownFood(NdbNo(99999)),
            LinkNote::UnknownFood(NdbNo(1))
        ]
    );
    assert_eq!(
        import
            .items
            .iter()
            .map(Importable::name)
            .collect::<Vec<_>>(),
        ["Nuts, almonds", "Water", "Spinach, raw"]
    );
    let almonds = &import.items[0];
    let Importable::Food(f) = almonds else {
        panic!("a food")
    };
    assert_eq!(
        f.amount.text(),
        Some(format!("2 × {}", portion_label(12061)))
    );
    assert_eq!(
        almonds.amount_text(),
        Some(format!(
            "2 × {}, {}",
            portion_label(12061),
            f.amount.mg_text(f.mg).unwrap()
        ))
    );
    assert_eq!(import.items[1].amount_text(), None);
    assert_eq!(import.items[2].amount_text().unwrap(), "250 g, 198 mg");
}

fn portion_label(ndb: u32) -> String {
    usda().by_ndb(NdbNo(ndb)).unwrap().1.portion_label()
}

#[test]
fn imported_items_merge_by_the_lists_rules_and_undo() {
    let mut list = ShoppingList::empty();
    list.add(food(12061, portions(12061, 1)));
    list.add_text("Water").unwrap();
    let before = list.clone();
    let (items, _) = parse_link("add=12061x2,t:Water,11457").unwrap();
    let import = resolve(items, usda());
    let added = list.add_imported(import.items);
    assert!(matches!(added[0], Added::Merged { .. }), "almonds merge");
    assert!(matches!(added[1], Added::New(_)), "text never merges");
    assert_eq!(list.items().len(), 4);
    assert_eq!(
        list.items()[0].amount_text().unwrap(),
        format!("3 × {}", portion_label(12061))
    );
    for a in added.into_iter().rev() {
        list.undo_add(a);
    }
    assert_eq!(list.items(), before.items());
}
