//! The app's rule for a record that both this device and the server hold,
//! in the order the pull applies it. When only one side changed, that side
//! wins. When both did, the newer `updated_at_ms` wins and the symptom list
//! merges ([`schema::combine`], the rule the backup import uses too). A
//! deletion loses to an edit made elsewhere, so nothing a person typed on one
//! device disappears because of a deletion on another.

use super::doc::Version;
use crate::domain::schema::{self, Combined, Stored};

/// What to do with the version held here after reading the server's.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Both sides hold the same: nothing to change.
    InSync,
    /// Store the server's version here.
    TakeRemote(Stored),
    /// Delete the record here, as the server did.
    DeleteLocal,
    /// The version here wins: keep it and push it.
    PushLocal,
    /// Store this merge of both here and push it.
    Merged(Stored),
}

/// Decides between the version held here (`local`, `None` when there is
/// none) and the server's (`remote`, live or deleted). `changed_here` says
/// whether the version here differs from what the server held when this
/// device last synced ([`super::ReplicaState::differs`]).
pub fn decide(
    local: Option<&Stored>,
    changed_here: bool,
    remote: Option<&Stored>,
    now_ms: u64,
) -> Decision {
    match (local, remote) {
        (Some(l), Some(r)) if l == r => Decision::InSync,
        (None, None) => Decision::InSync,
        (_, Some(r)) if !changed_here => Decision::TakeRemote(r.clone()),
        (Some(_), None) if !changed_here => Decision::DeleteLocal,
        // Changed on both sides from here on.
        (None, Some(r)) => Decision::TakeRemote(r.clone()),
        (Some(_), None) => Decision::PushLocal,
        (Some(l), Some(r)) => match schema::combine(l, r, now_ms) {
            Ok(Combined::Incoming) => Decision::TakeRemote(r.clone()),
            Ok(Combined::Merged(m)) => Decision::Merged(m),
            // Two symptom lists too long to merge keep the one here, which
            // is pushed; the other stays in the server's history.
            Ok(Combined::Local) | Err(_) => Decision::PushLocal,
        },
    }
}

/// The one version that several live leaves of a document come to by the
/// same rule, as if each had been taken in turn; `None` when no leaf is
/// live. Unreadable leaves are not part of it: they are never closed.
pub fn fold_leaves<'a>(
    leaves: impl IntoIterator<Item = &'a Version>,
    now_ms: u64,
) -> Option<Stored> {
    let mut best: Option<Stored> = None;
    for leaf in leaves {
        let Version::Live(stored) = leaf else {
            continue;
        };
        best = Some(match best {
            None => stored.clone(),
            Some(held) => match schema::combine(&held, stored, now_ms) {
                Ok(Combined::Incoming) => stored.clone(),
                Ok(Combined::Merged(m)) => m,
                Ok(Combined::Local) | Err(_) => held,
            },
        });
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::day::{DayLog, Item, TopicalEntry};
    use crate::domain::diary::SymptomList;
    use crate::domain::schema::Record;

    fn day(note: &str, at: u64) -> Stored {
        let mut log = DayLog::new(Date::parse("2026-03-01").unwrap());
        log.add(Item::Topical(TopicalEntry {
            description: note.into(),
        }));
        Stored::new(Record::Day(log), at)
    }

    fn symptoms(extra: &str, at: u64) -> Stored {
        let mut list = SymptomList::defaults();
        list.add(extra, false, at).unwrap();
        Stored::new(Record::Symptoms(list), at)
    }

    #[test]
    fn one_side_changed_wins_and_both_changed_goes_by_the_newer_stamp() {
        let old = day("old", 10);
        let new = day("new", 20);
        use Decision::*;
        // (here, changed here, server, decision)
        let cases = [
            (Some(&old), false, Some(&old), InSync),
            (None, false, None, InSync),
            (Some(&old), false, Some(&new), TakeRemote(new.clone())),
            (Some(&new), false, Some(&old), TakeRemote(old.clone())),
            (None, false, Some(&new), TakeRemote(new.clone())),
            (Some(&old), false, None, DeleteLocal),
            (Some(&new), true, Some(&old), PushLocal),
            (Some(&old), true, Some(&new), TakeRemote(new.clone())),
            // An edit elsewhere beats a deletion here, and the other way round.
            (None, true, Some(&old), TakeRemote(old.clone())),
            (Some(&old), true, None, PushLocal),
            (None, true, None, InSync),
        ];
        for (here, changed, server, expected) in cases {
            assert_eq!(
                decide(here, changed, server, 99),
                expected,
                "{here:?} {changed} {server:?}"
            );
        }
    }

    #[test]
    fn symptom_lists_changed_on_both_sides_merge_with_a_later_stamp() {
        let here = symptoms("Tinnitus", 10);
        let there = symptoms("Eye twitch", 20);
        let Decision::Merged(merged) = decide(Some(&here), true, Some(&there), 5) else {
            panic!("not merged");
        };
        assert_eq!(merged.updated_at_ms(), 21);
        let Record::Symptoms(list) = merged.record() else {
            panic!()
        };
        let names: Vec<&str> = list.all().iter().map(|s| s.name()).collect();
        assert!(
            names.contains(&"Tinnitus") && names.contains(&"Eye twitch"),
            "{names:?}"
        );
    }

    #[test]
    fn leaves_fold_to_the_same_version_in_any_order() {
        let a = Version::Live(day("a", 10));
        let b = Version::Live(day("b", 30));
        let c = Version::Live(day("c", 20));
        let gone = Version::Deleted;
        let orders = [
            vec![&a, &b, &c, &gone],
            vec![&c, &gone, &b, &a],
            vec![&gone, &a, &c, &b],
        ];
        for order in orders {
            assert_eq!(fold_leaves(order, 0), Some(day("b", 30)));
        }
        assert_eq!(fold_leaves([&gone], 0), None);
    }
}
