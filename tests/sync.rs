//! The replication client against an in-memory CouchDB: every protocol step
//! (opening the database, the key document, the checkpoint, pull, push),
//! the two-device scenarios, interrupted syncs, and a property test that two
//! devices editing, deleting and syncing in any order, with requests failing
//! anywhere, end with the same records and no open conflict on the server.

// proptest is a native-only dev-dependency; the client's browser transport
// is tested in the wasm32 run instead.
#![cfg(not(target_arch = "wasm32"))]

mod sync_support;

use magnesium_tracker::domain::schema::{RecordKey, Stored};
use magnesium_tracker::domain::sync::doc::{self, Version};
use magnesium_tracker::domain::sync::engine::{
    PULL_BATCH, PUSH_BATCH, check_key, new_key_doc, open_database, publish_key_doc,
};
use magnesium_tracker::domain::sync::{
    Cipher, KeyDoc, Method, Plain, Request, SyncError, Transport,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use sync_support::couch::{Couch, Fault};
use sync_support::{Device, Xor, block_on, date, day, day_on, diary_on, join2, symptoms};

fn day_key(on: &str) -> RecordKey {
    RecordKey::Day(date(on))
}

fn id_of(cipher: &impl Cipher, key: RecordKey) -> String {
    block_on(cipher.doc_id(&key.to_string()))
}

/// The record the server's winning revision of `key` carries, `None` when
/// it holds none or a deletion.
fn on_server(couch: &Couch, cipher: &impl Cipher, key: RecordKey) -> Option<Stored> {
    let id = id_of(cipher, key);
    let doc = couch.winning_doc(&id)?;
    let payload = block_on(cipher.open(&id, &doc::sealed_fields(&doc))).expect("it opens");
    match doc::read_payload(&payload).expect("a payload").1 {
        Version::Live(stored) => Some(stored),
        other => panic!("{key}: {other:?}"),
    }
}

/// Writes a document for `payload` as another app would have, extending
/// the winning revision of its document.
fn write_as_other_app(couch: &Couch, cipher: &impl Cipher, key: RecordKey, payload: &Value) {
    let id = id_of(cipher, key);
    let parent = couch.tree(&id).and_then(|t| t.winner());
    let rev = magnesium_tracker::domain::sync::Rev::after(parent.as_ref(), "0ther");
    let sealed = block_on(cipher.seal(&id, payload)).unwrap();
    couch.graft(&doc::live(&id, &rev, parent.as_ref(), sealed));
}

/// The bodies of every request to `path` since the `from`th.
fn bodies(couch: &Couch, from: usize, path: &str) -> Vec<Value> {
    couch.log()[from..]
        .iter()
        .filter(|r| r.path == path)
        .map(|r| r.body.clone().unwrap_or(Value::Null))
        .collect()
}

fn count(couch: &Couch, from: usize, prefix: &str) -> usize {
    couch.log()[from..]
        .iter()
        .filter(|r| r.path.starts_with(prefix))
        .count()
}

/// The records both devices hold must be the same, and the server must
/// hold them too, with no conflict left open.
fn assert_converged(couch: &Couch, cipher: &impl Cipher, a: &Device, b: &Device) {
    assert_eq!(a.records, b.records, "the devices differ");
    assert_eq!(couch.open_conflicts(), 0, "{:#?}", couch.docs());
    for (key, stored) in &a.records {
        assert_eq!(
            on_server(couch, cipher, *key).as_ref(),
            Some(stored),
            "{key}"
        );
    }
}

// ---------------------------------------------------------------------------
// Opening the database and the key document.

#[test]
fn opening_the_database_creates_it_when_allowed_and_says_why_not_otherwise() {
    enum Setup {
        Exists,
        ExistsWithKeyDoc,
        Missing,
        MissingNotAdmin,
        SignedOut,
        Forbidden,
    }
    // (server, may create, outcome, database exists afterwards)
    type Opened = Result<Option<KeyDoc>, SyncError>;
    let cases: [(Setup, bool, Opened, bool); 7] = [
        (Setup::Exists, false, Ok(None), true),
        (
            Setup::ExistsWithKeyDoc,
            false,
            Ok(Some(KeyDoc::plain())),
            true,
        ),
        (Setup::Missing, true, Ok(None), true),
        (Setup::Missing, false, Err(SyncError::NotFound), false),
        // A member who is not a server admin is told the database is
        // missing, not that the password was refused: the password got
        // through the first request.
        (
            Setup::MissingNotAdmin,
            true,
            Err(SyncError::NotFound),
            false,
        ),
        (Setup::SignedOut, true, Err(SyncError::SignedOut), true),
        (Setup::Forbidden, true, Err(SyncError::Forbidden), true),
    ];
    for (i, (setup, may_create, expected, exists_after)) in cases.into_iter().enumerate() {
        let couch = match setup {
            Setup::Missing | Setup::MissingNotAdmin => Couch::without_database(),
            _ => Couch::new(),
        };
        match setup {
            Setup::ExistsWithKeyDoc => {
                block_on(publish_key_doc(&couch, &KeyDoc::plain())).unwrap();
            }
            Setup::MissingNotAdmin => couch.may_create.set(false),
            Setup::SignedOut => couch.signed_in.set(false),
            Setup::Forbidden => couch.forbidden.set(true),
            _ => {}
        }
        let from = couch.requests();
        let got = block_on(open_database(&couch, may_create));
        assert_eq!(got, expected, "case {i}");
        assert_eq!(couch.exists(), exists_after, "case {i}");
        if expected.is_ok() {
            let lines = couch.lines_since(from);
            assert_eq!(
                lines.last().map(String::as_str),
                Some("GET mgt-keys"),
                "case {i}"
            );
        }
    }
}

#[test]
fn the_first_key_document_wins_and_a_second_device_gets_it_back() {
    let couch = Couch::new();
    let mine = block_on(new_key_doc(&Xor { key: 7 }, "c2FsdA==", 600_000)).unwrap();
    assert!(mine.encrypted && mine.check.is_some());
    assert_eq!(block_on(publish_key_doc(&couch, &mine)), Ok(mine.clone()));
    let stored = couch.winning_doc("mgt-keys").unwrap();
    assert_eq!(stored["mgt"], json!(1));
    assert_eq!(stored["salt"], json!("c2FsdA=="));
    // Another device, a moment later, with a plain database in mind.
    assert_eq!(
        block_on(publish_key_doc(&couch, &KeyDoc::plain())),
        Ok(mine.clone())
    );
    assert_eq!(block_on(open_database(&couch, false)), Ok(Some(mine)));
    assert_eq!(couch.leaves("mgt-keys").len(), 1, "no second revision");
}

#[test]
fn the_key_check_refuses_every_mismatch_before_anything_is_written() {
    let right = Xor { key: 7 };
    let wrong = Xor { key: 8 };
    let encrypted = block_on(new_key_doc(&right, "c2FsdA==", 1)).unwrap();
    let plain = block_on(new_key_doc(&Plain, "", 1)).unwrap();
    assert_eq!(plain, KeyDoc::plain());

    fn connect(couch: &Couch, cipher: &impl Cipher) -> Result<(), SyncError> {
        let doc = block_on(open_database(couch, true))?.expect("a key document");
        block_on(check_key(cipher, &doc))
    }
    // (database's key document, cipher used, outcome)
    type Connect<'a> = &'a dyn Fn(&Couch) -> Result<(), SyncError>;
    let cases: [(&KeyDoc, Connect, Result<(), SyncError>); 5] = [
        (&encrypted, &|c| connect(c, &right), Ok(())),
        (
            &encrypted,
            &|c| connect(c, &Plain),
            Err(SyncError::NeedsPassphrase),
        ),
        (
            &encrypted,
            &|c| connect(c, &wrong),
            Err(SyncError::WrongPassphrase),
        ),
        (
            &plain,
            &|c| connect(c, &right),
            Err(SyncError::NotEncrypted),
        ),
        (&plain, &|c| connect(c, &Plain), Ok(())),
    ];
    for (i, (key_doc, run, expected)) in cases.into_iter().enumerate() {
        let couch = Couch::new();
        block_on(publish_key_doc(&couch, key_doc)).unwrap();
        let from = couch.requests();
        let before = couch.docs();
        assert_eq!(run(&couch), expected, "case {i}");
        assert!(
            couch.log()[from..].iter().all(|r| r.method == Method::Get),
            "case {i}: {:?}",
            couch.lines_since(from)
        );
        assert_eq!(couch.docs(), before, "case {i}");
    }
    let no_check = KeyDoc {
        check: None,
        ..encrypted
    };
    assert!(matches!(
        block_on(check_key(&right, &no_check)),
        Err(SyncError::Protocol(_))
    ));
}

#[test]
fn records_sealed_under_another_key_end_the_pull_before_anything_is_stored() {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    a.write(day("2026-03-01", "bath", 10));
    a.sync(&couch, &Xor { key: 1 }).unwrap();
    let mut b = Device::new("b", 2);
    b.write(day("2026-03-02", "mine", 11));
    let from = couch.requests();
    let got = b.sync(&couch, &Xor { key: 2 });
    assert_eq!(got, Err(SyncError::WrongPassphrase));
    assert_eq!(b.records.len(), 1);
    assert_eq!(count(&couch, from, "_bulk_docs"), 0);
    // Only the checkpoint at the start of the feed was written: the next
    // sync, with the right key, reads everything again.
    assert_eq!(
        couch.local("_local/mgt-devb").unwrap()["last_seq"],
        json!(0)
    );
    assert_eq!(b.saved.as_ref().and_then(|s| s.since.clone()), None);
    assert_eq!(b.sync(&couch, &Xor { key: 1 }).unwrap().pulled, 1);
}

// ---------------------------------------------------------------------------
// Push and pull of single records, plain and encrypted.

fn push_writes_revisions_with_their_history(cipher: &impl Cipher) {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    let k1 = day_key("2026-03-01");
    let k2 = day_key("2026-03-02");
    a.write(day("2026-03-01", "bath", 10));
    a.write(day("2026-03-02", "spray", 11));
    let from = couch.requests();
    let report = a.sync(&couch, cipher).unwrap();
    assert_eq!(report.pushed, 2);
    assert_eq!(
        couch.lines_since(from),
        [
            "GET _local/mgt-deva",
            // The first pull saves its place at the start of the feed
            // before it stores anything.
            "PUT _local/mgt-deva",
            "GET _changes?style=all_docs&limit=500&since=0",
            "POST _revs_diff",
            "POST _bulk_docs",
        ]
    );
    let sent = bodies(&couch, from, "_bulk_docs");
    assert_eq!(sent[0]["new_edits"], json!(false));
    for doc in sent[0]["docs"].as_array().unwrap() {
        assert_eq!(doc["_revisions"]["start"], json!(1), "{doc}");
        assert_eq!(doc["_revisions"]["ids"].as_array().unwrap().len(), 1);
        if cipher.encrypts() {
            let text = doc.to_string();
            assert!(
                !text.contains("bath") && !text.contains("2026-03"),
                "{text}"
            );
        }
    }
    assert_eq!(
        on_server(&couch, cipher, k1),
        Some(day("2026-03-01", "bath", 10))
    );

    // A change and a deletion: each a child of the revision the server holds.
    let first = couch.leaves(&id_of(cipher, k1))[0].0.clone();
    let second = couch.leaves(&id_of(cipher, k2))[0].0.clone();
    a.write(day("2026-03-01", "bath, longer", 20));
    a.remove(k2);
    let from = couch.requests();
    assert_eq!(a.sync(&couch, cipher).unwrap().pushed, 2);
    let sent = bodies(&couch, from, "_bulk_docs");
    let docs = sent[0]["docs"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    for doc in docs {
        let parent = if doc["_id"] == json!(id_of(cipher, k1)) {
            assert!(doc.get("_deleted").is_none());
            &first
        } else {
            assert_eq!(doc["_deleted"], json!(true));
            &second
        };
        assert_eq!(doc["_revisions"]["start"], json!(2));
        assert_eq!(doc["_revisions"]["ids"][1], json!(parent.hash()));
    }
    let tree = couch.tree(&id_of(cipher, k1)).unwrap();
    let (leaf, deleted) = tree.leaves()[0].clone();
    assert!(!deleted && leaf.generation() == 2);
    assert_eq!(
        tree.nodes[&leaf.to_string()].parent.as_deref(),
        Some(first.to_string().as_str())
    );
    assert_eq!(
        on_server(&couch, cipher, k1),
        Some(day("2026-03-01", "bath, longer", 20))
    );
    assert_eq!(
        couch.leaves(&id_of(cipher, k2)),
        [(second_child(&couch, cipher, k2), true)]
    );
    assert_eq!(a.outbox_len(), 0);

    // Nothing waiting: a sync sends nothing.
    let from = couch.requests();
    assert_eq!(a.sync(&couch, cipher).unwrap().pushed, 0);
    assert_eq!(
        count(&couch, from, "_bulk_docs") + count(&couch, from, "_revs_diff"),
        0
    );
}

fn second_child(
    couch: &Couch,
    cipher: &impl Cipher,
    key: RecordKey,
) -> magnesium_tracker::domain::sync::Rev {
    couch.leaves(&id_of(cipher, key))[0].0.clone()
}

#[test]
fn push_sends_new_changed_and_deleted_records_as_children_of_the_servers_revision() {
    push_writes_revisions_with_their_history(&Plain);
    push_writes_revisions_with_their_history(&Xor { key: 42 });
}

fn pull_takes_new_changed_and_deleted_records(cipher: &impl Cipher) {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    let mut b = Device::new("b", 2);
    let k1 = day_key("2026-03-01");
    let k2 = day_key("2026-03-02");
    let k3 = RecordKey::Diary(date("2026-03-01"));
    a.write(day("2026-03-01", "bath", 10));
    a.write(day("2026-03-02", "spray", 11));
    a.write(diary_on(date("2026-03-01"), "slept well", 12));
    a.sync(&couch, cipher).unwrap();
    let report = b.sync(&couch, cipher).unwrap();
    assert_eq!((report.pulled, report.pushed), (3, 0));
    assert_eq!(b.records, a.records);

    a.write(day("2026-03-01", "bath, longer", 20));
    a.remove(k2);
    a.sync(&couch, cipher).unwrap();
    let report = b.sync(&couch, cipher).unwrap();
    assert_eq!((report.pulled, report.pushed), (2, 0));
    assert_eq!(
        b.records.get(&k1),
        Some(&day("2026-03-01", "bath, longer", 20))
    );
    assert!(!b.records.contains_key(&k2));
    assert!(b.records.contains_key(&k3));
    assert_eq!(b.records, a.records);
    // The device that pulled the deletion knows the server holds it and
    // offers nothing back.
    let from = couch.requests();
    assert_eq!(b.sync(&couch, cipher).unwrap(), Default::default());
    assert_eq!(count(&couch, from, "_revs_diff"), 0);
}

#[test]
fn pull_takes_new_changed_and_deleted_records_from_the_server() {
    pull_takes_new_changed_and_deleted_records(&Plain);
    pull_takes_new_changed_and_deleted_records(&Xor { key: 42 });
}

#[test]
fn the_checkpoint_is_written_read_and_resumed_from() {
    for string_seqs in [false, true] {
        let couch = Couch::new();
        couch.string_seqs.set(string_seqs);
        let mut a = Device::new("a", 1);
        let mut b = Device::new("b", 2);
        for n in 1..=5 {
            a.write(day_on(date("2026-03-01").add_days(n), "x", 10 + n as u64));
        }
        a.sync(&couch, &Plain).unwrap();
        b.sync(&couch, &Plain).unwrap();
        let checkpoint = couch.local("_local/mgt-devb").expect("a checkpoint");
        let seq = checkpoint["last_seq"].clone();
        assert_eq!(b.saved.as_ref().unwrap().since.as_ref(), Some(&seq));
        // One at the start of the feed, then one after the batch.
        assert_eq!(checkpoint["_rev"], json!("0-2"));

        a.write(day("2026-04-01", "new", 30));
        a.sync(&couch, &Plain).unwrap();
        let from = couch.requests();
        assert_eq!(b.sync(&couch, &Plain).unwrap().pulled, 1);
        let seq_text = match &seq {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let lines = couch.lines_since(from);
        let changes = lines.iter().find(|l| l.contains("_changes")).unwrap();
        let since = changes.split("since=").nth(1).unwrap();
        assert_eq!(
            sync_support::couch::percent_decode(since),
            seq_text,
            "{changes}"
        );
        let asked = bodies(&couch, from, "_bulk_get");
        assert_eq!(asked.len(), 1);
        assert_eq!(
            asked[0]["docs"].as_array().unwrap().len(),
            1,
            "{}",
            asked[0]
        );
        assert_eq!(asked[0]["docs"][0]["id"], json!("mgt/v1/day/2026-04-01"));
        assert_eq!(
            couch.local("_local/mgt-devb").unwrap()["_rev"],
            json!("0-3")
        );
        // A device's own pushes come back in the feed and are not fetched.
        let from = couch.requests();
        a.sync(&couch, &Plain).unwrap();
        assert_eq!(
            count(&couch, from, "_bulk_get"),
            0,
            "{:?}",
            couch.lines_since(from)
        );
    }
}

// ---------------------------------------------------------------------------
// Two devices.

fn two_devices_converge(cipher: &impl Cipher) {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    let mut b = Device::new("b", 2);
    // Different days on each: both arrive on both.
    a.write(day("2026-03-01", "from a", 10));
    b.write(day("2026-03-02", "from b", 11));
    a.sync(&couch, cipher).unwrap();
    b.sync(&couch, cipher).unwrap();
    a.sync(&couch, cipher).unwrap();
    assert_eq!(a.records.len(), 2);
    assert_converged(&couch, cipher, &a, &b);

    // The same day edited on both: the newer edit wins, whichever device
    // syncs first.
    for (a_first, a_newer) in [(true, true), (true, false), (false, true), (false, false)] {
        let (at_a, at_b) = if a_newer { (200, 100) } else { (100, 200) };
        let stamp_base = a.records[&day_key("2026-03-01")].updated_at_ms();
        a.write(day("2026-03-01", "edited on a", stamp_base + at_a));
        b.write(day("2026-03-01", "edited on b", stamp_base + at_b));
        let (first, second) = if a_first {
            (&mut a, &mut b)
        } else {
            (&mut b, &mut a)
        };
        first.sync(&couch, cipher).unwrap();
        second.sync(&couch, cipher).unwrap();
        first.sync(&couch, cipher).unwrap();
        let expected = if a_newer {
            "edited on a"
        } else {
            "edited on b"
        };
        let expected = day("2026-03-01", expected, stamp_base + at_a.max(at_b));
        assert_eq!(a.records[&day_key("2026-03-01")], expected);
        assert_converged(&couch, cipher, &a, &b);
        assert_eq!(couch.leaves(&id_of(cipher, day_key("2026-03-01"))).len(), 1);
    }

    // A deletion on one device loses to an edit on the other.
    a.remove(day_key("2026-03-02"));
    let later = b.records[&day_key("2026-03-02")].updated_at_ms() + 1;
    b.write(day("2026-03-02", "kept", later));
    a.sync(&couch, cipher).unwrap();
    b.sync(&couch, cipher).unwrap();
    a.sync(&couch, cipher).unwrap();
    assert_eq!(
        a.records[&day_key("2026-03-02")],
        day("2026-03-02", "kept", later)
    );
    assert_converged(&couch, cipher, &a, &b);
}

#[test]
fn two_devices_exchange_days_and_the_newer_edit_wins_on_both_without_a_conflict() {
    two_devices_converge(&Plain);
    two_devices_converge(&Xor { key: 9 });
}

fn concurrent_pushes_leave_a_conflict_that_the_next_sync_closes(cipher: &impl Cipher) {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    let mut b = Device::new("b", 2);
    let key = day_key("2026-03-01");
    a.write(day("2026-03-01", "first", 10));
    a.sync(&couch, cipher).unwrap();
    b.sync(&couch, cipher).unwrap();
    a.write(day("2026-03-01", "on a", 20));
    b.write(day("2026-03-01", "on b", 30));
    couch.interleave.set(true);
    let (ra, rb) = join2(a.sync_async(&couch, cipher), b.sync_async(&couch, cipher));
    couch.interleave.set(false);
    assert_eq!((ra.unwrap().pushed, rb.unwrap().pushed), (1, 1));
    assert_eq!(
        couch.open_conflicts(),
        1,
        "both pushed as children of one revision"
    );
    a.sync(&couch, cipher).unwrap();
    b.sync(&couch, cipher).unwrap();
    a.sync(&couch, cipher).unwrap();
    assert_eq!(a.records[&key], day("2026-03-01", "on b", 30));
    assert_converged(&couch, cipher, &a, &b);
    assert_eq!((a.outbox_len(), b.outbox_len()), (0, 0));
    assert!(a.saved.as_ref().unwrap().losers.is_empty());
    assert!(b.saved.as_ref().unwrap().losers.is_empty());
}

#[test]
fn a_conflict_from_two_devices_pushing_at_once_is_closed_by_the_next_sync() {
    concurrent_pushes_leave_a_conflict_that_the_next_sync_closes(&Plain);
    concurrent_pushes_leave_a_conflict_that_the_next_sync_closes(&Xor { key: 3 });
}

#[test]
fn symptom_lists_changed_on_both_devices_merge_on_both() {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    let mut b = Device::new("b", 2);
    a.write(symptoms(&[], 5));
    a.sync(&couch, &Plain).unwrap();
    b.sync(&couch, &Plain).unwrap();
    a.write(symptoms(&["Tinnitus"], 10));
    b.write(symptoms(&["Eye twitch"], 20));
    for device in [&mut a, &mut b] {
        device.now.set(50);
    }
    a.sync(&couch, &Plain).unwrap();
    b.sync(&couch, &Plain).unwrap();
    a.sync(&couch, &Plain).unwrap();
    assert_converged(&couch, &Plain, &a, &b);
    let text = serde_json::to_string(&doc::payload(&a.records[&RecordKey::Symptoms])).unwrap();
    assert!(
        text.contains("Tinnitus") && text.contains("Eye twitch"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// Interruptions and records to leave alone.

#[test]
fn a_push_whose_answer_was_lost_is_offered_again_under_the_same_revision() {
    for fault in [Fault::Before, Fault::After] {
        let couch = Couch::new();
        let mut a = Device::new("a", 1);
        let key = day_key("2026-03-01");
        a.write(day("2026-03-01", "first", 10));
        a.sync(&couch, &Plain).unwrap();
        a.write(day("2026-03-01", "second", 20));
        couch.fail_next_to("_bulk_docs", fault);
        let from = couch.requests();
        assert!(matches!(a.sync(&couch, &Plain), Err(SyncError::Net(_))));
        assert_eq!(couch.lines_since(from).last().unwrap(), "POST _bulk_docs");
        let outgoing = a.saved.as_ref().unwrap().outbox[&key].clone();
        let asked = json!({ "mgt/v1/day/2026-03-01": [outgoing.rev.to_string()] });
        let diff = block_on(couch.send(Request::post("_revs_diff", asked))).unwrap();
        match fault {
            Fault::Before => assert_eq!(
                diff.body["mgt/v1/day/2026-03-01"]["missing"]
                    .as_array()
                    .unwrap()
                    .len(),
                1
            ),
            Fault::After => assert_eq!(diff.body, json!({})),
        }
        a.sync(&couch, &Plain).unwrap();
        let leaves = couch.leaves("mgt/v1/day/2026-03-01");
        assert_eq!(leaves, [(outgoing.rev.clone(), false)], "{fault:?}");
        assert_eq!(couch.open_conflicts(), 0);
        assert_eq!(a.outbox_len(), 0);
        assert_eq!(
            on_server(&couch, &Plain, key),
            Some(day("2026-03-01", "second", 20))
        );
    }
}

#[test]
fn a_record_from_a_newer_app_is_left_alone_here_and_there() {
    let cipher = Xor { key: 5 };
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    let key = day_key("2026-03-01");
    a.write(day("2026-03-01", "mine", 10));
    a.write(day("2026-03-02", "other", 10));
    a.sync(&couch, &cipher).unwrap();
    let mut newer = doc::payload(&day("2026-03-01", "from the future", 99));
    newer["envelope"]["schema"] = json!(99);
    write_as_other_app(&couch, &cipher, key, &newer);
    let id = id_of(&cipher, key);
    let theirs = couch.leaves(&id);

    let report = a.sync(&couch, &cipher).unwrap();
    assert_eq!(report.unreadable, 1);
    assert_eq!(a.records[&key], day("2026-03-01", "mine", 10));
    // Edited or deleted here, it is still not overwritten there.
    a.write(day("2026-03-01", "mine, edited", 20));
    a.sync(&couch, &cipher).unwrap();
    assert_eq!(couch.leaves(&id), theirs);
    a.remove(key);
    a.sync(&couch, &cipher).unwrap();
    assert_eq!(couch.leaves(&id), theirs);
    // A new device does not take it either.
    let mut b = Device::new("b", 2);
    let report = b.sync(&couch, &cipher).unwrap();
    assert_eq!((report.unreadable, report.pulled), (1, 1));
    assert!(!b.records.contains_key(&key));
    assert_eq!(couch.leaves(&id), theirs);
}

#[test]
fn a_record_held_back_here_is_never_pushed_nor_deleted_there() {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    let mut b = Device::new("b", 2);
    let key = day_key("2026-03-01");
    b.write(day("2026-03-01", "on b", 10));
    b.sync(&couch, &Plain).unwrap();
    let before = couch.leaves("mgt/v1/day/2026-03-01");
    // Set aside on a with a damaged value; then missing on a altogether.
    a.held.insert(key);
    a.write(day("2026-03-01", "set aside", 20));
    a.write(day("2026-03-05", "fine", 21));
    a.sync(&couch, &Plain).unwrap();
    assert_eq!(couch.leaves("mgt/v1/day/2026-03-01"), before);
    assert_eq!(a.records[&key], day("2026-03-01", "set aside", 20));
    a.remove(key);
    a.sync(&couch, &Plain).unwrap();
    assert_eq!(couch.leaves("mgt/v1/day/2026-03-01"), before);
    assert!(!a.records.contains_key(&key));
    // A change from b is not stored on a while it is held back.
    b.write(day("2026-03-01", "on b again", 30));
    b.sync(&couch, &Plain).unwrap();
    a.sync(&couch, &Plain).unwrap();
    assert!(!a.records.contains_key(&key));
    assert!(couch.log().iter().all(|r| {
        r.path != "_bulk_docs" || !r.body.as_ref().unwrap().to_string().contains("set aside")
    }));
}

#[test]
fn a_recreated_database_gets_every_record_again() {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    for n in 0..7 {
        a.write(day_on(date("2026-03-01").add_days(n), "x", 10));
    }
    a.remove(day_key("2026-03-03"));
    a.sync(&couch, &Plain).unwrap();
    couch.recreate();
    let from = couch.requests();
    assert_eq!(a.sync(&couch, &Plain).unwrap().pushed, 6);
    assert_eq!(couch.docs().len(), 6);
    for (key, stored) in &a.records {
        assert_eq!(on_server(&couch, &Plain, *key).as_ref(), Some(stored));
    }
    assert!(couch.lines_since(from)[2].ends_with("since=0"));
    let mut b = Device::new("b", 2);
    b.sync(&couch, &Plain).unwrap();
    assert_converged(&couch, &Plain, &a, &b);
}

// ---------------------------------------------------------------------------
// Scale.

#[test]
fn three_years_restore_onto_a_new_device_in_one_sync_and_one_change_sends_one_document() {
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    let start = date("2023-01-01");
    for n in 0..1095 {
        let on = start.add_days(n);
        a.write(day_on(on, "bath", 1_000 + n as u64));
        a.write(diary_on(on, "slept", 2_000 + n as u64));
    }
    assert_eq!(a.records.len(), 2190);
    let from = couch.requests();
    assert_eq!(a.sync(&couch, &Plain).unwrap().pushed, 2190);
    let batches = 2190usize.div_ceil(PUSH_BATCH);
    assert_eq!(count(&couch, from, "_bulk_docs"), batches);
    assert_eq!(count(&couch, from, "_revs_diff"), batches);

    let mut b = Device::new("b", 2);
    let from = couch.requests();
    let report = b.sync(&couch, &Plain).unwrap();
    assert_eq!((report.pulled, report.pushed), (2190, 0));
    assert_eq!(b.records, a.records);
    // 2,190 changes in batches of 500: four full ones and one of 190.
    let pulls = 2190usize.div_ceil(PULL_BATCH);
    assert_eq!(count(&couch, from, "_changes"), pulls);
    assert_eq!(count(&couch, from, "_bulk_get"), pulls);
    // Read once, written at the start and after each batch.
    assert_eq!(count(&couch, from, "_local/"), 2 + pulls);
    assert_eq!(count(&couch, from, "_bulk_docs"), 0);

    let key = RecordKey::Diary(start.add_days(400));
    b.write(diary_on(start.add_days(400), "changed", 9_999));
    let from = couch.requests();
    assert_eq!(b.sync(&couch, &Plain).unwrap().pushed, 1);
    let sent = bodies(&couch, from, "_bulk_docs");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["docs"].as_array().unwrap().len(), 1);
    assert_eq!(sent[0]["docs"][0]["_id"], json!(key.to_string()));
    a.sync(&couch, &Plain).unwrap();
    assert_eq!(a.records, b.records);
}

// ---------------------------------------------------------------------------
// The property: any order of edits, deletions, syncs and failures converges.

#[derive(Clone, Debug)]
enum Op {
    Edit { on_a: bool, key: u8 },
    Delete { on_a: bool, key: u8 },
    Sync { on_a: bool },
    SyncBoth,
    Fault { offset: usize, after: bool },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<bool>(), 0u8..4).prop_map(|(on_a, key)| Op::Edit { on_a, key }),
        1 => (any::<bool>(), 0u8..4).prop_map(|(on_a, key)| Op::Delete { on_a, key }),
        3 => any::<bool>().prop_map(|on_a| Op::Sync { on_a }),
        2 => Just(Op::SyncBoth),
        2 => (0usize..10, any::<bool>()).prop_map(|(offset, after)| Op::Fault { offset, after }),
    ]
}

/// Keys 0–2 are days; 3 is the symptom list, whose edits merge.
fn record_key(key: u8) -> RecordKey {
    match key {
        0..=2 => RecordKey::Day(date("2026-03-01").add_days(i32::from(key))),
        _ => RecordKey::Symptoms,
    }
}

fn edit(device: &mut Device, key: u8, at: u64) {
    let stored = match record_key(key) {
        RecordKey::Day(on) => day_on(on, &format!("{} at {at}", device.name), at),
        _ => {
            let mut list = match device.records.get(&RecordKey::Symptoms).map(Stored::record) {
                Some(magnesium_tracker::domain::schema::Record::Symptoms(list)) => list.clone(),
                _ => magnesium_tracker::domain::diary::SymptomList::defaults(),
            };
            // A list holds at most so many symptoms; a full one is renamed.
            if list
                .add(&format!("S{}{at}", device.name), false, at)
                .is_err()
            {
                return;
            }
            Stored::new(
                magnesium_tracker::domain::schema::Record::Symptoms(list),
                at,
            )
        }
    };
    device.write(stored);
}

fn run_ops(ops: &[Op], encrypted: bool, string_seqs: bool) -> Result<(), TestCaseError> {
    let couch = Couch::new();
    couch.string_seqs.set(string_seqs);
    let plain = Plain;
    let xor = Xor { key: 77 };
    let mut a = Device::new("a", 11);
    let mut b = Device::new("b", 22);
    let mut clock = 1_000u64;
    fn go<C: Cipher>(
        couch: &Couch,
        c: &C,
        ops: &[Op],
        a: &mut Device,
        b: &mut Device,
        clock: &mut u64,
    ) -> Result<(), TestCaseError> {
        for op in ops {
            *clock += 10;
            a.now.set(*clock);
            b.now.set(*clock);
            match op {
                Op::Edit { on_a, key } => edit(if *on_a { &mut *a } else { &mut *b }, *key, *clock),
                Op::Delete { on_a, key } => {
                    (if *on_a { &mut *a } else { &mut *b }).remove(record_key(*key))
                }
                Op::Sync { on_a } => {
                    let _ = (if *on_a { &mut *a } else { &mut *b }).sync(couch, c);
                }
                Op::SyncBoth => {
                    couch.interleave.set(true);
                    let _ = join2(a.sync_async(couch, c), b.sync_async(couch, c));
                    couch.interleave.set(false);
                }
                Op::Fault { offset, after } => {
                    couch.fail_in(*offset, if *after { Fault::After } else { Fault::Before })
                }
            }
        }
        couch.clear_faults();
        for on_a in [true, false, true] {
            *clock += 10;
            a.now.set(*clock);
            b.now.set(*clock);
            let device = if on_a { &mut *a } else { &mut *b };
            if let Err(e) = device.sync(couch, c) {
                return Err(TestCaseError::fail(format!("final sync failed: {e:?}")));
            }
        }
        prop_assert_eq!(&a.records, &b.records);
        prop_assert_eq!(couch.open_conflicts(), 0, "{:#?}", couch.docs());
        prop_assert_eq!(
            (a.outbox_len(), b.outbox_len()),
            (0, 0),
            "{:?} {:?}",
            a.saved,
            b.saved
        );
        for (key, stored) in &a.records {
            let there = on_server(couch, c, *key);
            prop_assert_eq!(there.as_ref(), Some(stored), "{}", key);
        }
        // Whatever the server still holds live is held on both devices.
        for (id, tree) in couch.docs() {
            if doc::is_record_id(&id) && !tree.winner_deleted() {
                let key = a.records.keys().find(|k| id_of(c, **k) == id);
                prop_assert!(key.is_some(), "{} is live on the server only", id);
            }
        }
        Ok(())
    }
    if encrypted {
        go(&couch, &xor, ops, &mut a, &mut b, &mut clock)
    } else {
        go(&couch, &plain, ops, &mut a, &mut b, &mut clock)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn two_devices_converge_whatever_the_order_and_failures(
        ops in prop::collection::vec(op(), 1..40),
        encrypted in any::<bool>(),
        string_seqs in any::<bool>(),
    ) {
        run_ops(&ops, encrypted, string_seqs)?;
    }
}

/// The case the property first found: a change sent without an answer and
/// then overtaken by the other device's newer edit must not stay in the
/// outbox.
#[test]
fn an_overtaken_change_does_not_stay_in_the_outbox() {
    let ops = [
        Op::Edit {
            on_a: false,
            key: 0,
        },
        Op::SyncBoth,
        Op::SyncBoth,
        Op::Fault {
            offset: 4,
            after: false,
        },
        Op::Edit {
            on_a: false,
            key: 1,
        },
        Op::SyncBoth,
        Op::Edit { on_a: true, key: 1 },
    ];
    run_ops(&ops, false, false).unwrap();
    // And a change sent without an answer, then deleted here before the
    // next sync.
    let couch = Couch::new();
    let mut a = Device::new("a", 1);
    a.write(day("2026-03-01", "x", 10));
    couch.fail_next_to("_bulk_docs", Fault::Before);
    assert!(a.sync(&couch, &Plain).is_err());
    assert_eq!(a.outbox_len(), 1);
    a.remove(day_key("2026-03-01"));
    a.sync(&couch, &Plain).unwrap();
    assert_eq!(a.outbox_len(), 0);
    assert!(couch.docs().is_empty());
}

/// Wherever a device's first sync is cut off, a record it stored and then
/// deleted is deleted everywhere: a lost first checkpoint once made the next
/// sync take the database for a recreated one and bring the record back.
#[test]
fn a_deletion_after_an_interrupted_first_sync_is_pushed() {
    // The first sync of a device that only pulls makes five requests.
    for offset in 0..5 {
        for fault in [Fault::Before, Fault::After] {
            let couch = Couch::new();
            let mut a = Device::new("a", 1);
            let mut b = Device::new("b", 2);
            let key = day_key("2026-03-01");
            a.write(day("2026-03-01", "x", 10));
            a.sync(&couch, &Plain).unwrap();
            couch.fail_in(offset, fault);
            let first = b.sync(&couch, &Plain);
            assert!(first.is_err(), "{offset} {fault:?}");
            let held = b.records.contains_key(&key);
            b.remove(key);
            b.sync(&couch, &Plain).unwrap();
            a.sync(&couch, &Plain).unwrap();
            assert_eq!(b.records.contains_key(&key), !held, "{offset} {fault:?}");
            assert_converged(&couch, &Plain, &a, &b);
        }
    }
}
