//! What this device knows of the server, kept behind the storage adapter
//! (`mgt/v1/sync/state`): for each record the revision the server holds and
//! whether that is the version held here, the checkpoint in the server's
//! changes feed, and revisions made here that the server has not confirmed.
//! The changes waiting are derived from it and the stamps of the records
//! held here, so every way a record changes (a page, another tab, an import)
//! is counted without the store having to report it.

use crate::domain::sorted::{SortedMap, SortedSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::schema::RecordKey;

/// A CouchDB revision, `<generation>-<hash>`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rev {
    generation: u64,
    hash: String,
}

/// What the server holds at the revision this device knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerHolds {
    /// The version with this stamp, the one held here when the stamps agree.
    Version(u64),
    /// A deletion.
    Deleted,
    /// A version other than the one held here, which won here (or was
    /// merged with it) and is to be pushed whatever the stamps say.
    Other,
    /// A version this app cannot read (from a newer app, or damaged). Sync
    /// leaves the record alone, here and there, while the server holds it.
    Unreadable,
}

/// The server's revision of one record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Known {
    /// The document id (a keyed hash of the record key when encrypted).
    pub id: String,
    pub rev: Rev,
    pub holds: ServerHolds,
}

/// A revision made here and sent (or about to be sent), kept until the
/// server confirms it so that a sync cut off after sending does not make a
/// second, conflicting revision of the same change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outgoing {
    pub rev: Rev,
    /// The revision it extends; `None` for a record new to the server.
    pub parent: Option<Rev>,
    /// The stamp of the version it carries; `None` for a deletion.
    pub at_ms: Option<u64>,
}

/// The replication state of this device against one database.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplicaState {
    /// This device's random replication id; its checkpoint on the server is
    /// `_local/mgt-<device>`.
    pub device: String,
    /// The position in the changes feed pulled up to, as the server wrote it.
    pub since: Option<Value>,
    pub known: SortedMap<RecordKey, Known>,
    pub outbox: SortedMap<RecordKey, Outgoing>,
    /// Conflicting revisions left on the server by two devices pushing at
    /// once, to be closed with a deletion so that no conflict lingers.
    pub losers: SortedMap<RecordKey, Vec<Rev>>,
    /// When the last sync finished, for the status line.
    pub synced_at_ms: Option<u64>,
}

impl Rev {
    pub fn new(generation: u64, hash: impl Into<String>) -> Rev {
        Rev {
            generation,
            hash: hash.into(),
        }
    }

    pub fn parse(text: &str) -> Option<Rev> {
        let (generation, hash) = text.split_once('-')?;
        let generation: u64 = generation.parse().ok()?;
        (generation > 0 && !hash.is_empty()).then(|| Rev::new(generation, hash))
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The next revision after `parent` (the first when there is none).
    pub fn after(parent: Option<&Rev>, hash: impl Into<String>) -> Rev {
        Rev::new(parent.map_or(1, |p| p.generation + 1), hash)
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.generation, self.hash)
    }
}

impl Serialize for Rev {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rev, D::Error> {
        let text = String::deserialize(d)?;
        Rev::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a revision: {text}")))
    }
}

impl ReplicaState {
    /// The state of a device that never synced with this database.
    pub fn new(device: impl Into<String>) -> ReplicaState {
        ReplicaState {
            device: device.into(),
            since: None,
            known: SortedMap::new(),
            outbox: SortedMap::new(),
            losers: SortedMap::new(),
            synced_at_ms: None,
        }
    }

    /// Forgets what the server held, as after the database was recreated:
    /// every record held here is then waiting, and the next pull starts at
    /// the beginning of the feed.
    pub fn reset(&mut self) {
        self.since = None;
        self.known.clear();
        self.outbox.clear();
        self.losers.clear();
    }

    /// The records whose version here is not the server's: changed or new
    /// here, deleted here, or with conflicting revisions to close. `local`
    /// holds the stamp of every record held here; `held_back` names records
    /// that sync must leave alone here (damaged and set aside, or from a
    /// newer app), whose absence is not a deletion.
    pub fn waiting(
        &self,
        local: &SortedMap<RecordKey, u64>,
        held_back: impl Fn(RecordKey) -> bool,
    ) -> SortedSet<RecordKey> {
        let mut waiting = SortedSet::new();
        for (&key, &stamp) in local {
            if key == RecordKey::Meta || held_back(key) {
                continue;
            }
            let differs = match self.known.get(&key).map(|k| k.holds) {
                None | Some(ServerHolds::Deleted | ServerHolds::Other) => true,
                Some(ServerHolds::Version(at)) => at != stamp,
                Some(ServerHolds::Unreadable) => false,
            };
            if differs {
                waiting.insert(key);
            }
        }
        for (&key, known) in &self.known {
            let gone_here = !local.contains_key(&key) && !held_back(key);
            if gone_here && matches!(known.holds, ServerHolds::Version(_) | ServerHolds::Other) {
                waiting.insert(key);
            }
        }
        waiting.extend(
            self.losers
                .iter()
                .filter(|(_, revs)| !revs.is_empty())
                .map(|(k, _)| *k),
        );
        waiting
    }

    /// Whether the record held here (with `stamp`, `None` when there is
    /// none) differs from what the server holds.
    pub fn differs(&self, key: RecordKey, stamp: Option<u64>) -> bool {
        match (self.known.get(&key).map(|k| k.holds), stamp) {
            (Some(ServerHolds::Unreadable), _) => false,
            (None, None) | (Some(ServerHolds::Deleted), None) => false,
            (Some(ServerHolds::Version(at)), Some(stamp)) => at != stamp,
            _ => true,
        }
    }

    /// The record a document id belongs to, among those known.
    pub fn key_of(&self, id: &str) -> Option<RecordKey> {
        self.known
            .iter()
            .find(|(_, known)| known.id == id)
            .map(|(key, _)| *key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;

    fn day(d: &str) -> RecordKey {
        RecordKey::Day(Date::parse(d).unwrap())
    }

    fn known(holds: ServerHolds) -> Known {
        Known {
            id: "x".into(),
            rev: Rev::new(1, "a"),
            holds,
        }
    }

    #[test]
    fn revisions_parse_and_follow_each_other() {
        let rev = Rev::parse("3-abc").unwrap();
        assert_eq!((rev.generation(), rev.hash()), (3, "abc"));
        assert_eq!(rev.to_string(), "3-abc");
        assert_eq!(Rev::after(Some(&rev), "d").to_string(), "4-d");
        assert_eq!(Rev::after(None, "e").to_string(), "1-e");
        for bad in ["", "3", "0-a", "x-a", "3-"] {
            assert_eq!(Rev::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_changes_waiting_follow_from_the_stamps_and_what_the_server_holds() {
        // (held here with stamp, server holds, held back, waiting)
        let cases = [
            (Some(5), None, false, true),
            (Some(5), Some(ServerHolds::Version(5)), false, false),
            (Some(6), Some(ServerHolds::Version(5)), false, true),
            (Some(5), Some(ServerHolds::Other), false, true),
            (Some(5), Some(ServerHolds::Deleted), false, true),
            (Some(5), Some(ServerHolds::Unreadable), false, false),
            (None, Some(ServerHolds::Version(5)), false, true),
            (None, Some(ServerHolds::Deleted), false, false),
            (None, None, false, false),
            // Set aside here: neither pushed nor deleted on the server.
            (None, Some(ServerHolds::Version(5)), true, false),
            (Some(6), Some(ServerHolds::Version(5)), true, false),
        ];
        let key = day("2026-03-01");
        for (stamp, holds, held_back, expected) in cases {
            let mut state = ReplicaState::new("d");
            if let Some(holds) = holds {
                state.known.insert(key, known(holds));
            }
            let local: SortedMap<_, _> = stamp.map(|s| (key, s)).into_iter().collect();
            let waiting = state.waiting(&local, |_| held_back);
            assert_eq!(
                waiting.contains(&key),
                expected,
                "{stamp:?} {holds:?} {held_back}"
            );
            if !held_back {
                assert_eq!(state.differs(key, stamp), expected, "{stamp:?} {holds:?}");
            }
        }
    }

    #[test]
    fn conflicting_revisions_to_close_count_as_waiting_and_reset_forgets_everything() {
        let key = day("2026-03-02");
        let mut state = ReplicaState::new("d");
        state.known.insert(key, known(ServerHolds::Version(5)));
        state.losers.insert(key, vec![Rev::new(2, "b")]);
        state.since = Some(Value::from(7));
        let local = SortedMap::from([(key, 5)]);
        assert!(state.waiting(&local, |_| false).contains(&key));
        state.reset();
        assert_eq!(state, ReplicaState::new("d"));
        assert!(state.waiting(&local, |_| false).contains(&key));
    }

    #[test]
    fn the_state_round_trips_through_json_with_record_keys_as_storage_keys() {
        let mut state = ReplicaState::new("dev1");
        state
            .known
            .insert(day("2026-03-01"), known(ServerHolds::Version(9)));
        state.outbox.insert(
            RecordKey::Profile,
            Outgoing {
                rev: Rev::new(2, "c"),
                parent: Some(Rev::new(1, "a")),
                at_ms: None,
            },
        );
        let text = serde_json::to_string(&state).unwrap();
        assert!(text.contains("\"mgt/v1/day/2026-03-01\""), "{text}");
        assert!(text.contains("\"2-c\""), "{text}");
        let back: ReplicaState = serde_json::from_str(&text).unwrap();
        assert_eq!(back, state);
    }
}
