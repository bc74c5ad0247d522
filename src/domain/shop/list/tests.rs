use super::*;

fn pos(v: f64) -> Positive {
    Positive::new(v).unwrap()
}

fn mg(v: f64) -> Option<NonNegative> {
    NonNegative::new(v)
}

fn portions(n: u32) -> Amount {
    Amount::Portions {
        count: NonZeroU32::new(n).unwrap(),
        portion_label: "1 oz (28 g)".into(),
        grams_each: pos(28.35),
    }
}

fn almonds(n: u32) -> NewFood {
    NewFood {
        ndb: 12061,
        name: "Nuts, almonds".into(),
        group: Some("Nut and Seed Products".into()),
        amount: portions(n),
        mg: mg(76.5 * f64::from(n)),
    }
}

fn spinach_package() -> NewFood {
    NewFood {
        ndb: 11457,
        name: "Spinach, raw".into(),
        group: Some("Vegetables and Vegetable Products".into()),
        amount: Amount::Grams(pos(500.0)),
        mg: mg(395.0),
    }
}

/// Almonds (7 portions), spinach (a package) and free text, in that order.
fn sample() -> ShoppingList {
    let mut list = ShoppingList::empty();
    list.add(almonds(7));
    list.add(spinach_package());
    list.add_text("  Gerolsteiner, 6 bottles ").unwrap();
    list
}

fn names(list: &ShoppingList) -> Vec<&str> {
    list.items().iter().map(|i| i.name.as_str()).collect()
}

#[test]
fn adding_a_food_already_on_the_list_merges_by_kind_of_amount() {
    // (what is on the list, what is added, items afterwards, first amount)
    let mut list = ShoppingList::empty();
    assert_eq!(list.add(almonds(2)), Added::New(1));
    let Added::Merged { before } = list.add(almonds(3)) else {
        panic!("the same portion merges");
    };
    assert_eq!(before.amount, portions(2));
    assert_eq!(list.items().len(), 1);
    assert_eq!(list.items()[0].amount, portions(5));
    assert_eq!(list.items()[0].mg, mg(76.5 * 5.0));
    // A package is another kind of amount: its own line.
    let mut package = almonds(1);
    package.amount = Amount::Grams(pos(200.0));
    assert_eq!(list.add(package.clone()), Added::New(2));
    let Added::Merged { .. } = list.add(package) else {
        panic!("packages of one food merge");
    };
    assert_eq!(list.get(2).unwrap().amount, Amount::Grams(pos(400.0)));
    // Once checked (in the basket), the food gets a new line.
    list.set_checked(1, true);
    assert_eq!(list.add(almonds(1)), Added::New(3));
    assert_eq!(list.items().len(), 3);
}

#[test]
fn merging_with_a_food_without_data_keeps_no_data() {
    let mut list = ShoppingList::empty();
    let mut unknown = almonds(1);
    unknown.mg = None;
    list.add(unknown);
    list.add(almonds(1));
    assert_eq!(list.items()[0].mg, None);
    assert_eq!(list.items()[0].mg_text().as_deref(), Some("no data"));
}

#[test]
fn undo_of_an_add_removes_it_or_restores_the_merged_item() {
    let mut list = sample();
    let before = list.clone();
    let added = list.add(almonds(1));
    list.undo_add(added);
    assert_eq!(list.items(), before.items());
    let added = list.add(NewFood {
        ndb: 20137,
        name: "Quinoa, cooked".into(),
        group: None,
        amount: portions(1),
        mg: None,
    });
    list.undo_add(added);
    assert_eq!(list.items(), before.items());
}

#[test]
fn free_text_is_trimmed_limited_and_never_empty() {
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let exact = "é".repeat(MAX_TEXT_CHARS);
    let cases: [(&str, Result<&str, TextError>); 5] = [
        ("  Gerolsteiner, 6 bottles ", Ok("Gerolsteiner, 6 bottles")),
        ("", Err(TextError::Empty)),
        ("   \n\t", Err(TextError::Empty)),
        (&long, Err(TextError::TooLong)),
        (&exact, Ok(&exact)),
    ];
    for (text, expected) in cases {
        let mut list = ShoppingList::empty();
        let got = list
            .add_text(text)
            .map(|id| list.get(id).unwrap().name.clone());
        assert_eq!(got.as_deref().map_err(|e| *e), expected, "{text:?}");
        assert_eq!(list.is_empty(), expected.is_err(), "nothing saved on error");
    }
    assert!(TextError::Empty.message().contains("Gerolsteiner"));
}

#[test]
fn checking_returns_the_previous_state_for_undo() {
    let mut list = sample();
    assert_eq!(list.set_checked(2, true), Some(false));
    assert_eq!(list.set_checked(2, true), Some(true));
    assert_eq!(list.set_checked(99, true), None);
    assert_eq!(list.checked_count(), 1);
}

#[test]
fn clear_checked_and_restore_put_items_back_in_place() {
    let mut list = sample();
    list.add_text("Oats").unwrap();
    list.set_checked(1, true);
    list.set_checked(3, true);
    let before = list.clone();
    let removed = list.clear_checked();
    assert_eq!(
        removed
            .items
            .iter()
            .map(|(at, i)| (*at, i.id))
            .collect::<Vec<_>>(),
        [(0, 1), (2, 3)]
    );
    assert_eq!(names(&list), ["Spinach, raw", "Oats"]);
    list.restore(removed);
    assert_eq!(list, before);
    // Nothing checked: nothing removed.
    let mut plain = sample();
    assert!(plain.clear_checked().items.is_empty());
    assert_eq!(plain, sample());
}

#[test]
fn remove_and_restore_one_item_and_never_duplicate_an_id() {
    let mut list = sample();
    let removed = list.remove(2).unwrap();
    assert_eq!(names(&list), ["Nuts, almonds", "Gerolsteiner, 6 bottles"]);
    list.restore(removed.clone());
    assert_eq!(list, sample());
    list.restore(removed);
    assert_eq!(list.items().len(), 3, "a second restore adds nothing");
    assert_eq!(list.remove(42), None);
}

#[test]
fn notes_are_trimmed_and_limited() {
    let mut list = sample();
    list.set_note(1, "  for the muesli ").unwrap();
    assert_eq!(list.get(1).unwrap().note, "for the muesli");
    assert_eq!(
        list.set_note(1, &"n".repeat(MAX_TEXT_CHARS + 1)),
        Err(TextError::TooLong)
    );
    assert_eq!(list.get(1).unwrap().note, "for the muesli");
    list.set_note(1, " ").unwrap();
    assert_eq!(list.get(1).unwrap().note, "");
}

#[test]
fn moving_items_changes_the_persons_order() {
    // (id, up?, moved, order afterwards)
    let cases = [
        (3, true, true, [1, 3, 2]),
        (3, true, true, [3, 1, 2]),
        (3, true, false, [3, 1, 2]),
        (2, false, false, [3, 1, 2]),
        (3, false, true, [1, 3, 2]),
    ];
    let mut list = sample();
    list.set_order(ListOrder::Mine);
    for (id, up, moved, order) in cases {
        let did = if up {
            list.move_up(id)
        } else {
            list.move_down(id)
        };
        assert_eq!(did, moved, "{id} {up}");
        assert_eq!(list.shown_ids(), order, "{id} {up}");
    }
}

#[test]
fn grouped_sorts_groups_by_name_with_free_text_last() {
    let mut list = ShoppingList::empty();
    list.add_text("Gerolsteiner, 6 bottles").unwrap();
    list.add(spinach_package());
    list.add(almonds(1));
    list.add_text("Oats").unwrap();
    list.add(NewFood {
        ndb: 11090,
        name: "Broccoli, raw".into(),
        group: Some("Vegetables and Vegetable Products".into()),
        amount: Amount::Grams(pos(300.0)),
        mg: mg(63.0),
    });
    list.set_checked(2, true);
    let groups: Vec<(&str, Vec<u64>)> = list
        .grouped()
        .into_iter()
        .map(|g| (g.name, g.items.iter().map(|i| i.id).collect()))
        .collect();
    assert_eq!(
        groups,
        [
            ("Nut and Seed Products", vec![3]),
            // Checked spinach keeps its place in the person's order.
            ("Vegetables and Vegetable Products", vec![2, 5]),
            (OTHER_GROUP, vec![1, 4]),
        ]
    );
    assert_eq!(list.shown_ids(), [3, 2, 5, 1, 4]);
    list.set_order(ListOrder::Mine);
    assert_eq!(list.shown_ids(), [1, 2, 3, 4, 5]);
}

#[test]
fn the_total_says_at_least_when_an_item_has_no_data() {
    let mut list = ShoppingList::empty();
    assert_eq!(list.total().text(), "0 mg");
    list.add(almonds(7));
    list.add(spinach_package());
    assert_eq!(list.total().text(), "931 mg");
    list.add_text("Gerolsteiner, 6 bottles").unwrap();
    assert_eq!(list.total().text(), "at least 931 mg");
}

#[test]
fn share_text_is_exact_in_the_shown_order() {
    let mut list = sample();
    list.set_checked(2, true);
    list.set_note(2, "for the soup").unwrap();
    list.add(NewFood {
        ndb: 99999,
        name: "Unknown food".into(),
        group: None,
        amount: Amount::Grams(pos(250.0)),
        mg: None,
    });
    assert_eq!(
        list.share_text().unwrap(),
        "Shopping list (Magnesium Tracker)\n\
         [ ] Nuts, almonds — 7 × 1 oz (28 g), 536 mg\n\
         [x] Spinach, raw — 500 g, 395 mg (for the soup)\n\
         [ ] Gerolsteiner, 6 bottles\n\
         [ ] Unknown food — 250 g, no data\n\
         Magnesium on the list: at least 931 mg"
    );
    assert_eq!(ShoppingList::empty().share_text(), None);
}

#[test]
fn decoding_checks_ids() {
    let ok = serde_json::to_string(&sample()).unwrap();
    let list: ShoppingList = serde_json::from_str(&ok).unwrap();
    assert_eq!(list.check(), Ok(()));
    let dup = ok.replace("\"id\":2", "\"id\":1");
    let list: ShoppingList = serde_json::from_str(&dup).unwrap();
    assert_eq!(list.check(), Err("two list items share the id 1".into()));
    let stale = ok.replace("\"next_id\":4", "\"next_id\":3");
    let list: ShoppingList = serde_json::from_str(&stale).unwrap();
    assert!(list.check().unwrap_err().contains("next_id"));
    // A count of zero portions is refused by its type.
    let zero = ok.replace("\"count\":7", "\"count\":0");
    assert!(serde_json::from_str::<ShoppingList>(&zero).is_err());
}

#[test]
fn foods_from_the_table_snapshot_name_group_amount_and_magnesium() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/foods.bin");
    let db = FoodDb::decode(&std::fs::read(path).unwrap()).unwrap();
    let (i, food) = db.by_ndb(crate::domain::food::NdbNo(12061)).unwrap();
    let two = NewFood::portions(&db, i, NonZeroU32::new(2).unwrap()).unwrap();
    assert_eq!(two.name, food.description);
    assert_eq!(two.group.as_deref(), Some("Nut and Seed Products"));
    assert_eq!(
        two.amount,
        Amount::Portions {
            count: NonZeroU32::new(2).unwrap(),
            portion_label: food.portion_label(),
            grams_each: pos(food.portion_grams()),
        }
    );
    let expected = 2.0 * food.mg_per_portion().unwrap();
    assert!((two.mg.unwrap().get() - expected).abs() < 1e-9);
    let package = NewFood::package(&db, i, pos(200.0)).unwrap();
    assert_eq!(package.amount, Amount::Grams(pos(200.0)));
    assert_eq!(
        package.mg,
        NonNegative::new(food.mg_for_grams(200.0).unwrap())
    );
    assert_eq!(NewFood::package(&db, usize::MAX, pos(1.0)), None);
}

#[test]
fn short_names_are_cut_at_40_characters() {
    assert_eq!(short_name("Nuts, almonds"), "Nuts, almonds");
    let long = "Seeds, pumpkin and squash seed kernels, dried, unsalted";
    assert_eq!(
        short_name(long),
        "Seeds, pumpkin and squash seed kernels, …"
    );
}
