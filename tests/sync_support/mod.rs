//! Support for the sync tests: an in-memory device ([`Device`], the
//! engine's `Replica`), a test cipher that really changes what the server
//! sees, a small executor, and record builders. The server is in [`couch`].

pub mod couch;

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use magnesium_tracker::domain::date::Date;
use magnesium_tracker::domain::day::{DayLog, Item, TopicalEntry};
use magnesium_tracker::domain::diary::{DiaryEntry, SymptomList};
use magnesium_tracker::domain::schema::{Record, RecordKey, Stored};
use magnesium_tracker::domain::sorted::SortedMap;
use magnesium_tracker::domain::sync::cipher::OpenError;
use magnesium_tracker::domain::sync::engine::{self, Replica, Report, SyncError};
use magnesium_tracker::domain::sync::{Cipher, ReplicaState, Transport};
use serde_json::{Value, json};

/// Runs a future that never waits on anything outside it (the in-memory
/// server at most yields once per request) to completion.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// Polls two futures in turn until both are done, so that each request of
/// one may fall between two requests of the other.
pub fn join2<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let mut a = pin!(a);
    let mut b = pin!(b);
    let mut cx = Context::from_waker(Waker::noop());
    let (mut out_a, mut out_b) = (None, None);
    while out_a.is_none() || out_b.is_none() {
        if out_a.is_none()
            && let Poll::Ready(out) = a.as_mut().poll(&mut cx)
        {
            out_a = Some(out);
        }
        if out_b.is_none()
            && let Poll::Ready(out) = b.as_mut().poll(&mut cx)
        {
            out_b = Some(out);
        }
    }
    (out_a.unwrap(), out_b.unwrap())
}

/// One device: its records, the sync state it last saved, its clock and a
/// seeded source of revision ids.
#[derive(Clone, Debug)]
pub struct Device {
    pub name: String,
    pub records: BTreeMap<RecordKey, Stored>,
    /// The state as stored by the last `save_state`, which is what the app
    /// reads at the start of its next sync.
    pub saved: Option<ReplicaState>,
    pub saves: usize,
    pub now: Cell<u64>,
    rng: u64,
    pub held: BTreeSet<RecordKey>,
}

impl Device {
    pub fn new(name: &str, seed: u64) -> Device {
        Device {
            name: name.into(),
            records: BTreeMap::new(),
            saved: None,
            saves: 0,
            now: Cell::new(1_000),
            rng: seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1,
            held: BTreeSet::new(),
        }
    }

    /// Stores a record as the pages do, stamped by the device's clock
    /// (a diary entry keeps the stamp it carries).
    pub fn write(&mut self, stored: Stored) {
        self.records.insert(stored.key(), stored);
    }

    pub fn remove(&mut self, key: RecordKey) {
        self.records.remove(&key);
    }

    /// The state the next sync starts from: the stored one, or a new device
    /// id on the first sync.
    pub fn state(&self) -> ReplicaState {
        self.saved
            .clone()
            .unwrap_or_else(|| ReplicaState::new(format!("dev{}", self.name)))
    }

    /// One sync, from the stored state, as the app runs it.
    pub fn sync(&mut self, t: &impl Transport, cipher: &impl Cipher) -> Result<Report, SyncError> {
        block_on(self.sync_async(t, cipher))
    }

    pub async fn sync_async(
        &mut self,
        t: &impl Transport,
        cipher: &impl Cipher,
    ) -> Result<Report, SyncError> {
        let mut state = self.state();
        engine::sync(t, cipher, self, &mut state).await
    }

    pub fn outbox_len(&self) -> usize {
        self.saved.as_ref().map_or(0, |s| s.outbox.len())
    }
}

impl Replica for Device {
    fn stamps(&self) -> SortedMap<RecordKey, u64> {
        self.records
            .iter()
            .map(|(k, s)| (*k, s.updated_at_ms()))
            .collect()
    }

    fn get(&self, key: RecordKey) -> Option<Stored> {
        self.records.get(&key).cloned()
    }

    fn held_back(&self, key: RecordKey) -> bool {
        self.held.contains(&key)
    }

    fn put(&mut self, stored: Stored) -> Result<(), String> {
        assert!(
            !self.held.contains(&stored.key()),
            "sync wrote a record held back: {}",
            stored.key()
        );
        self.records.insert(stored.key(), stored);
        Ok(())
    }

    fn delete(&mut self, key: RecordKey) -> Result<(), String> {
        assert!(!self.held.contains(&key), "sync deleted a record held back");
        self.records.remove(&key);
        Ok(())
    }

    fn save_state(&mut self, state: &ReplicaState) -> Result<(), String> {
        // Through JSON, as the storage adapter keeps it, so a field that
        // does not survive the round trip fails here.
        let text = serde_json::to_string(state).map_err(|e| e.to_string())?;
        self.saved = Some(serde_json::from_str(&text).map_err(|e| e.to_string())?);
        self.saves += 1;
        Ok(())
    }

    fn now_ms(&self) -> u64 {
        self.now.get()
    }

    fn random_hex(&mut self) -> String {
        let mut out = String::new();
        for _ in 0..2 {
            // xorshift64*, enough for distinct revision ids.
            self.rng ^= self.rng >> 12;
            self.rng ^= self.rng << 25;
            self.rng ^= self.rng >> 27;
            out.push_str(&format!(
                "{:016x}",
                self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d)
            ));
        }
        out
    }
}

/// A stand-in for the browser's AES-GCM cipher that changes what the server
/// sees: document ids are a keyed hash of the record key, bodies are the
/// payload's bytes XORed with the key, and a keyed tag over the id and the
/// bytes makes a body sealed under another key fail as `WrongKey`.
#[derive(Clone, Copy, Debug)]
pub struct Xor {
    pub key: u8,
}

fn fnv(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in *part {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

impl Cipher for Xor {
    fn encrypts(&self) -> bool {
        true
    }

    async fn doc_id(&self, record_key: &str) -> String {
        format!("r{:016x}", fnv(&[&[self.key], record_key.as_bytes()]))
    }

    async fn seal(&self, doc_id: &str, payload: &Value) -> Result<Value, String> {
        let plain = serde_json::to_vec(payload).map_err(|e| e.to_string())?;
        let sealed: Vec<u8> = plain.iter().map(|b| b ^ self.key).collect();
        let tag = fnv(&[&[self.key], doc_id.as_bytes(), &plain]);
        Ok(json!({ "ct": to_hex(&sealed), "tag": format!("{tag:016x}") }))
    }

    async fn open(&self, doc_id: &str, body: &Value) -> Result<Value, OpenError> {
        let ct = body
            .get("ct")
            .and_then(Value::as_str)
            .and_then(from_hex)
            .ok_or_else(|| OpenError::Malformed("no ciphertext".into()))?;
        let tag = body
            .get("tag")
            .and_then(Value::as_str)
            .ok_or_else(|| OpenError::Malformed("no tag".into()))?;
        let plain: Vec<u8> = ct.iter().map(|b| b ^ self.key).collect();
        if format!("{:016x}", fnv(&[&[self.key], doc_id.as_bytes(), &plain])) != tag {
            return Err(OpenError::WrongKey);
        }
        serde_json::from_slice(&plain).map_err(|e| OpenError::Malformed(e.to_string()))
    }
}

pub fn date(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

/// A day log with one topical entry whose description is `note`.
pub fn day(on: &str, note: &str, at: u64) -> Stored {
    day_on(date(on), note, at)
}

pub fn day_on(on: Date, note: &str, at: u64) -> Stored {
    let mut log = DayLog::new(on);
    log.add(Item::Topical(TopicalEntry {
        description: note.into(),
    }));
    Stored::new(Record::Day(log), at)
}

/// A diary entry with a note, stamped `at`.
pub fn diary_on(on: Date, note: &str, at: u64) -> Stored {
    let mut entry = DiaryEntry::new(on, at);
    entry.set_note(note, at).expect("a short note");
    Stored::new(Record::Diary(entry), at)
}

/// The built-in symptom list with `extra` custom symptoms added.
pub fn symptoms(extra: &[&str], at: u64) -> Stored {
    let mut list = SymptomList::defaults();
    for name in extra {
        list.add(name, false, at).expect("room for a symptom");
    }
    Stored::new(Record::Symptoms(list), at)
}
