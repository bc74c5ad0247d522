//! One CouchDB document per stored record: its payload (the record's storage
//! key and envelope, sealed by the cipher), the documents the client sends,
//! and which of several leaf revisions the server shows as the winner.

use serde_json::{Map, Value, json};

use super::state::Rev;
use crate::domain::schema::{self, DecodeError, RecordKey, Stored};

/// A field in every document this app writes, so its documents are told
/// from anything else a person keeps in the database.
pub const MARK: &str = "mgt";

/// What a leaf revision on the server holds, once opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Version {
    Live(Stored),
    Deleted,
    /// Written by a newer app version: kept as it is.
    Newer {
        found: u64,
    },
    /// Not readable by this app; the reason says why.
    Unreadable(String),
}

/// The payload of a document for a record: its storage key and envelope.
pub fn payload(stored: &Stored) -> Value {
    json!({ "key": stored.key().to_string(), "envelope": schema::encode_value(stored) })
}

/// Reads a payload: the record it is for, and the version it holds.
/// `expected` is the record known for the document id, if any; a payload
/// naming another record is unreadable (a plain document id is its key).
pub fn read_payload(payload: &Value) -> Result<(RecordKey, Version), String> {
    let key_text = payload
        .get("key")
        .and_then(Value::as_str)
        .ok_or("no record key")?;
    let key = RecordKey::parse(key_text).ok_or_else(|| format!("unknown record {key_text}"))?;
    if key == RecordKey::Meta {
        return Err("the store's own information is not synced".into());
    }
    let envelope = payload.get("envelope").cloned().ok_or("no envelope")?;
    let version = match schema::decode_value(key, envelope) {
        Ok(stored) => Version::Live(stored),
        Err(DecodeError::NewerSchema { found, .. }) => Version::Newer { found },
        Err(e) => Version::Unreadable(e.to_string()),
    };
    Ok((key, version))
}

/// A document carrying `sealed` (the cipher's fields) at revision `rev`,
/// with its history (`rev`, then `parent`) so that the server grafts it onto
/// the right branch when it is sent with `new_edits: false`.
pub fn live(id: &str, rev: &Rev, parent: Option<&Rev>, sealed: Value) -> Value {
    let mut doc = base(id, rev, parent);
    doc.insert(MARK.into(), Value::from(1));
    if let Value::Object(fields) = sealed {
        doc.extend(fields);
    }
    Value::Object(doc)
}

/// A deletion at revision `rev` after `parent`.
pub fn tombstone(id: &str, rev: &Rev, parent: Option<&Rev>) -> Value {
    let mut doc = base(id, rev, parent);
    doc.insert("_deleted".into(), Value::Bool(true));
    Value::Object(doc)
}

fn base(id: &str, rev: &Rev, parent: Option<&Rev>) -> Map<String, Value> {
    let mut ids = vec![Value::from(rev.hash())];
    if let Some(parent) = parent {
        ids.push(Value::from(parent.hash()));
    }
    let mut doc = Map::new();
    doc.insert("_id".into(), Value::from(id));
    doc.insert("_rev".into(), Value::from(rev.to_string()));
    doc.insert(
        "_revisions".into(),
        json!({ "start": rev.generation(), "ids": ids }),
    );
    doc
}

/// The body fields of a document without CouchDB's own (`_id`, `_rev`, …),
/// which is what the cipher sealed.
pub fn sealed_fields(doc: &Value) -> Value {
    let mut fields = Map::new();
    if let Some(map) = doc.as_object() {
        for (name, value) in map {
            if !name.starts_with('_') && name != MARK {
                fields.insert(name.clone(), value.clone());
            }
        }
    }
    Value::Object(fields)
}

/// The winning revision among a document's leaves, by CouchDB's rule: a
/// leaf that is not deleted beats a deleted one, then the higher generation,
/// then the larger hash. Every server and every device picks the same one.
pub fn winner<'a>(leaves: impl IntoIterator<Item = (&'a Rev, bool)>) -> Option<&'a Rev> {
    leaves
        .into_iter()
        .max_by(|(a, a_deleted), (b, b_deleted)| {
            (!a_deleted, a.generation(), a.hash()).cmp(&(!b_deleted, b.generation(), b.hash()))
        })
        .map(|(rev, _)| rev)
}

/// Whether a document id in the changes feed may be one of this app's
/// records: not the key document, not a design document.
pub fn is_record_id(id: &str) -> bool {
    id != super::cipher::KEY_DOC_ID && !id.starts_with('_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::day::{DayLog, Item, TopicalEntry};
    use crate::domain::schema::Record;

    fn day(note: &str, at: u64) -> Stored {
        let mut log = DayLog::new(Date::parse("2026-03-01").unwrap());
        log.add(Item::Topical(TopicalEntry {
            description: note.into(),
        }));
        Stored::new(Record::Day(log), at)
    }

    #[test]
    fn a_payload_reads_back_as_the_record_it_carries() {
        let stored = day("bath", 7);
        let (key, version) = read_payload(&payload(&stored)).unwrap();
        assert_eq!(key, stored.key());
        assert_eq!(version, Version::Live(stored));
    }

    #[test]
    fn payloads_from_newer_apps_or_damaged_ones_are_told_apart() {
        let mut newer = payload(&day("bath", 7));
        newer["envelope"]["schema"] = Value::from(9);
        let mut damaged = payload(&day("bath", 7));
        damaged["envelope"]["data"] = Value::from("nonsense");
        // (payload, outcome)
        let cases: [(Value, Result<Version, ()>); 5] = [
            (newer, Ok(Version::Newer { found: 9 })),
            (damaged.clone(), Ok(Version::Unreadable(String::new()))),
            (json!({ "envelope": {} }), Err(())),
            (json!({ "key": "mgt/meta", "envelope": {} }), Err(())),
            (json!({ "key": "mgt/v1/nothing", "envelope": {} }), Err(())),
        ];
        for (payload, expected) in cases {
            let got = read_payload(&payload).map(|(_, v)| v);
            match (got, expected) {
                (Ok(Version::Unreadable(_)), Ok(Version::Unreadable(_))) => {}
                (Ok(got), Ok(expected)) => assert_eq!(got, expected, "{payload}"),
                (Err(_), Err(())) => {}
                (got, expected) => panic!("{payload}: {got:?} vs {expected:?}"),
            }
        }
    }

    #[test]
    fn documents_carry_their_history_and_the_sealed_fields() {
        let rev = Rev::new(3, "c");
        let parent = Rev::new(2, "b");
        let doc = live("id1", &rev, Some(&parent), json!({ "iv": "x", "ct": "y" }));
        assert_eq!(
            doc,
            json!({ "_id": "id1", "_rev": "3-c", "_revisions": { "start": 3, "ids": ["c", "b"] },
                    "mgt": 1, "iv": "x", "ct": "y" })
        );
        assert_eq!(sealed_fields(&doc), json!({ "iv": "x", "ct": "y" }));
        let gone = tombstone("id1", &Rev::new(1, "a"), None);
        assert_eq!(
            gone,
            json!({ "_id": "id1", "_rev": "1-a", "_revisions": { "start": 1, "ids": ["a"] }, "_deleted": true })
        );
    }

    #[test]
    fn the_winner_is_the_live_leaf_with_the_highest_generation_then_hash() {
        let a2 = Rev::new(2, "a");
        let b2 = Rev::new(2, "b");
        let c3 = Rev::new(3, "c");
        // (leaves with deleted flags, winner)
        let cases = [
            (vec![(&a2, false), (&b2, false)], &b2),
            (vec![(&b2, false), (&a2, false)], &b2),
            (vec![(&a2, false), (&c3, true)], &a2),
            (vec![(&a2, true), (&c3, true)], &c3),
            (vec![(&c3, false), (&b2, false)], &c3),
        ];
        for (leaves, expected) in cases {
            assert_eq!(winner(leaves.clone()), Some(expected), "{leaves:?}");
        }
        assert!(is_record_id("r0123"));
        assert!(!is_record_id("mgt-keys"));
        assert!(!is_record_id("_design/x"));
    }
}
