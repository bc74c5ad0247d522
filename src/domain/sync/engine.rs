//! The replication steps, each an async function over a [`Transport`], a
//! [`Cipher`] and the records held here ([`Replica`]):
//!
//! 1. [`open_database`] reads the database and its key document (creating
//!    the database when the person's account may), and [`check_key`] proves
//!    the passphrase against the key document before anything is read or
//!    written; [`publish_key_doc`] writes the key document of a new database.
//! 2. [`sync`] pulls, then pushes. The pull reads the changes feed since the
//!    checkpoint (`_local/mgt-<device>`), fetches the changed leaf revisions
//!    with `_bulk_get`, decides each record by [`super::merge`], stores the
//!    outcome here and then saves the state and the checkpoint, batch by
//!    batch. The push asks `_revs_diff` which of the revisions made here the
//!    server lacks and sends those with `_bulk_docs` and `new_edits: false`,
//!    each as a child of the revision the server holds, so two devices that
//!    take turns never make a conflict; conflicting leaves left by two
//!    devices pushing at once are closed with a deletion.
//!
//! Every step saves the state before the server learns of it, so a sync cut
//! off anywhere resumes where it stopped: the checkpoint names only changes
//! already stored here, and a revision sent but not confirmed is offered
//! again under the same id, which `_revs_diff` then reports as present.

use crate::domain::sorted::{SortedMap, SortedSet};

use serde_json::{Value, json};

use super::cipher::{CHECK_TEXT, Cipher, KEY_DOC_ID, KeyDoc, OpenError};
use super::doc::{self, Version};
use super::http::{Method, NetError, Request, Response, Transport};
use super::merge::{self, Decision};
use super::state::{Known, Outgoing, ReplicaState, Rev, ServerHolds};
use crate::domain::schema::{RecordKey, Stored};
use crate::domain::url::encode_component;

/// Changes read from the feed per request.
pub const PULL_BATCH: usize = 500;
/// Records sent per `_bulk_docs` request.
pub const PUSH_BATCH: usize = 250;

/// The records held on this device, as sync reads and changes them. The
/// browser's implementation writes through the storage adapter, so a record
/// from the server is stored like any other.
pub trait Replica {
    /// The stamp of every record held here.
    fn stamps(&self) -> SortedMap<RecordKey, u64>;
    fn get(&self, key: RecordKey) -> Option<Stored>;
    /// Whether sync must leave this record alone: its value here was set
    /// aside as damaged, or a newer app version wrote it.
    fn held_back(&self, key: RecordKey) -> bool;
    fn put(&mut self, stored: Stored) -> Result<(), String>;
    fn delete(&mut self, key: RecordKey) -> Result<(), String>;
    fn save_state(&mut self, state: &ReplicaState) -> Result<(), String>;
    fn now_ms(&self) -> u64;
    /// 32 random hexadecimal digits, for new revision ids.
    fn random_hex(&mut self) -> String;
}

/// What one sync did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Records changed here by the pull.
    pub pulled: usize,
    /// Records sent to the server.
    pub pushed: usize,
    /// Records on the server this app cannot read, left as they are.
    pub unreadable: usize,
}

/// Why a step stopped. Nothing is lost by any of them: what was stored
/// before stays stored, and the next sync resumes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    Net(NetError),
    /// 401: the user name or password was refused.
    SignedOut,
    /// 403: the account may not use this database.
    Forbidden,
    /// The database does not exist and could not be created.
    NotFound,
    /// The key document's check value does not open with this key.
    WrongPassphrase,
    /// The database is encrypted and no passphrase was given.
    NeedsPassphrase,
    /// The database holds unencrypted records and a passphrase was given.
    NotEncrypted,
    /// Any other refusal by the server.
    Server {
        status: u16,
        reason: String,
    },
    /// The server's answer did not follow the protocol.
    Protocol(String),
    /// Storing here failed.
    Local(String),
}

/// Sends one request; 401 and 403 end the sync whatever the step.
async fn call(t: &impl Transport, request: Request) -> Result<Response, SyncError> {
    let response = t.send(request).await.map_err(SyncError::Net)?;
    match response.status {
        401 => Err(SyncError::SignedOut),
        403 => Err(SyncError::Forbidden),
        _ => Ok(response),
    }
}

fn refused(response: &Response) -> SyncError {
    let reason = ["reason", "error"]
        .iter()
        .find_map(|f| response.body.get(*f).and_then(Value::as_str))
        .unwrap_or("no reason given")
        .to_owned();
    SyncError::Server {
        status: response.status,
        reason,
    }
}

fn expect_ok(response: Response) -> Result<Response, SyncError> {
    if response.ok() {
        Ok(response)
    } else {
        Err(refused(&response))
    }
}

/// Reads the database, creating it when it is missing and `may_create`
/// (an account without the right gets [`SyncError::NotFound`]), and returns
/// its key document, `None` for a database no device has set up yet.
pub async fn open_database(
    t: &impl Transport,
    may_create: bool,
) -> Result<Option<KeyDoc>, SyncError> {
    let response = call(t, Request::get("")).await?;
    match response.status {
        200 => {}
        404 if may_create => {
            let create = Request {
                method: Method::Put,
                path: String::new(),
                body: None,
            };
            // Sent without `call`: the `GET` above already got through with
            // these credentials, so a 401 here is CouchDB's answer to a
            // member who is not a server admin ("You are not a server
            // admin."), and a 403 a proxy's; both mean the account may not
            // create the database, not that the password was refused.
            let created = t.send(create).await.map_err(SyncError::Net)?;
            // 412: another device created it in the meantime.
            if !created.ok() && created.status != 412 {
                return Err(match created.status {
                    401 | 403 | 404 => SyncError::NotFound,
                    _ => refused(&created),
                });
            }
        }
        404 => return Err(SyncError::NotFound),
        _ => return Err(refused(&response)),
    }
    read_key_doc(t).await
}

async fn read_key_doc(t: &impl Transport) -> Result<Option<KeyDoc>, SyncError> {
    let response = call(t, Request::get(KEY_DOC_ID)).await?;
    match response.status {
        404 => Ok(None),
        _ => {
            let body = expect_ok(response)?.body;
            serde_json::from_value(body)
                .map(Some)
                .map_err(|e| SyncError::Protocol(format!("key document: {e}")))
        }
    }
}

/// A key document for a new database: `salt` (base64) is the random salt the
/// cipher's key was derived with, and the check value is sealed with it.
pub async fn new_key_doc(
    cipher: &impl Cipher,
    salt: &str,
    iterations: u32,
) -> Result<KeyDoc, String> {
    if !cipher.encrypts() {
        return Ok(KeyDoc::plain());
    }
    let check = cipher.seal(KEY_DOC_ID, &Value::from(CHECK_TEXT)).await?;
    Ok(KeyDoc {
        encrypted: true,
        salt: Some(salt.to_owned()),
        iterations: Some(iterations),
        check: Some(check),
    })
}

/// Writes the key document of a new database. When another device wrote
/// one first, that one is returned instead, and the caller derives its key
/// from it.
pub async fn publish_key_doc(t: &impl Transport, doc: &KeyDoc) -> Result<KeyDoc, SyncError> {
    let mut body = serde_json::to_value(doc).map_err(|e| SyncError::Protocol(e.to_string()))?;
    body[doc::MARK] = Value::from(1);
    let response = call(t, Request::put(KEY_DOC_ID, body)).await?;
    if response.ok() {
        return Ok(doc.clone());
    }
    if response.status == 409
        && let Some(theirs) = read_key_doc(t).await?
    {
        return Ok(theirs);
    }
    Err(refused(&response))
}

/// Proves that `cipher` is the database's: the same choice of encryption
/// and, when encrypted, a key that opens the check value.
pub async fn check_key(cipher: &impl Cipher, doc: &KeyDoc) -> Result<(), SyncError> {
    match (doc.encrypted, cipher.encrypts()) {
        (false, false) => Ok(()),
        (true, false) => Err(SyncError::NeedsPassphrase),
        (false, true) => Err(SyncError::NotEncrypted),
        (true, true) => {
            let check = doc
                .check
                .as_ref()
                .ok_or_else(|| SyncError::Protocol("the key document has no check value".into()))?;
            match cipher.open(KEY_DOC_ID, check).await {
                Ok(text) if text == CHECK_TEXT => Ok(()),
                _ => Err(SyncError::WrongPassphrase),
            }
        }
    }
}

/// The checkpoint document of a device.
pub fn checkpoint_path(device: &str) -> String {
    format!("_local/mgt-{}", encode_component(device))
}

/// Pulls, then pushes (see the module's documentation).
pub async fn sync(
    t: &impl Transport,
    cipher: &impl Cipher,
    replica: &mut impl Replica,
    state: &mut ReplicaState,
) -> Result<Report, SyncError> {
    let mut report = Report::default();
    pull(t, cipher, replica, state, &mut report).await?;
    push(t, cipher, replica, state, &mut report).await?;
    state.synced_at_ms = Some(replica.now_ms());
    replica.save_state(state).map_err(SyncError::Local)?;
    Ok(report)
}

/// The checkpoint's revision and position, `(None, None)` when there is none.
async fn read_checkpoint(
    t: &impl Transport,
    path: &str,
) -> Result<(Option<String>, Option<Value>), SyncError> {
    let response = call(t, Request::get(path)).await?;
    if response.status == 404 {
        return Ok((None, None));
    }
    let body = expect_ok(response)?.body;
    let rev = body.get("_rev").and_then(Value::as_str).map(str::to_owned);
    Ok((rev, body.get("last_seq").cloned()))
}

/// Saves the position on the server and returns the checkpoint's new
/// revision. A conflict (the same device syncing in two tabs) is retried
/// once over the stored revision.
async fn write_checkpoint(
    t: &impl Transport,
    path: &str,
    rev: Option<String>,
    since: &Value,
) -> Result<Option<String>, SyncError> {
    let mut rev = rev;
    for attempt in 0..2 {
        let mut body = json!({ "last_seq": since });
        if let Some(rev) = &rev {
            body["_rev"] = Value::from(rev.as_str());
        }
        let response = call(t, Request::put(path, body)).await?;
        if response.ok() {
            return Ok(response
                .body
                .get("rev")
                .and_then(Value::as_str)
                .map(str::to_owned));
        }
        if response.status != 409 || attempt == 1 {
            return Err(refused(&response));
        }
        rev = read_checkpoint(t, path).await?.0;
    }
    Ok(rev)
}

fn seq_text(seq: &Value) -> String {
    match seq {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn pull(
    t: &impl Transport,
    cipher: &impl Cipher,
    replica: &mut impl Replica,
    state: &mut ReplicaState,
    report: &mut Report,
) -> Result<(), SyncError> {
    let path = checkpoint_path(&state.device);
    let (mut checkpoint_rev, server_since) = read_checkpoint(t, &path).await?;
    match (&state.since, server_since) {
        // The database was recreated, or the checkpoint deleted: what this
        // device knew of the server no longer holds.
        (Some(_), None) => state.reset(),
        // The checkpoint on the server is the last one this device saved
        // there; it never runs ahead of the state stored here.
        (_, Some(theirs)) => state.since = Some(theirs),
        (None, None) => {}
    }
    if state.since.is_none() {
        // No checkpoint on the server: one at the start of the feed is
        // written before any position is stored here. Otherwise a first
        // checkpoint lost on its way would look, on the next sync, like a
        // recreated database (a position here, none there), and the reset
        // would forget what the server holds: a record deleted here in
        // between would then come back from the server instead of being
        // deleted there.
        let start = Value::from(0);
        checkpoint_rev = write_checkpoint(t, &path, checkpoint_rev, &start).await?;
        state.since = Some(start);
    }
    loop {
        let since = state.since.clone().unwrap_or(Value::from(0));
        let request = Request::get(format!(
            "_changes?style=all_docs&limit={PULL_BATCH}&since={}",
            encode_component(&seq_text(&since))
        ));
        let body = expect_ok(call(t, request).await?)?.body;
        let results = body
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| SyncError::Protocol("the changes feed has no results".into()))?;
        let ids: SortedMap<&str, RecordKey> = state
            .known
            .iter()
            .map(|(key, k)| (k.id.as_str(), *key))
            .collect();
        let mut wanted: Vec<(String, Vec<Rev>)> = Vec::new();
        for change in results {
            let Some(id) = change.get("id").and_then(Value::as_str) else {
                continue;
            };
            if !doc::is_record_id(id) {
                continue;
            }
            let leaves: Vec<Rev> = change
                .get("changes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|c| c.get("rev").and_then(Value::as_str).and_then(Rev::parse))
                .collect();
            let known = ids.get(id).and_then(|key| state.known.get(key));
            if known.is_some_and(|k| leaves == [k.rev.clone()]) {
                continue;
            }
            wanted.push((id.to_owned(), leaves));
        }
        let count = results.len();
        let last_seq = body.get("last_seq").cloned();
        if !wanted.is_empty() {
            let fetched = fetch(t, cipher, &wanted).await?;
            apply(replica, state, fetched, report)?;
        }
        if let Some(seq) = last_seq {
            let moved = state.since.as_ref() != Some(&seq);
            state.since = Some(seq.clone());
            replica.save_state(state).map_err(SyncError::Local)?;
            if moved {
                checkpoint_rev = write_checkpoint(t, &path, checkpoint_rev, &seq).await?;
            }
        }
        if count < PULL_BATCH {
            return Ok(());
        }
    }
}

/// One document's leaves as read from the server.
struct Fetched {
    id: String,
    /// The record, from a live leaf's payload.
    key: Option<RecordKey>,
    leaves: Vec<(Rev, Version)>,
}

/// Reads and opens the leaf revisions of the wanted documents. A leaf that
/// does not open with the key ends the sync before anything is stored.
async fn fetch(
    t: &impl Transport,
    cipher: &impl Cipher,
    wanted: &[(String, Vec<Rev>)],
) -> Result<Vec<Fetched>, SyncError> {
    let docs: Vec<Value> = wanted
        .iter()
        .flat_map(|(id, leaves)| {
            leaves
                .iter()
                .map(move |rev| json!({ "id": id, "rev": rev.to_string() }))
        })
        .collect();
    let body = expect_ok(call(t, Request::post("_bulk_get", json!({ "docs": docs }))).await?)?.body;
    let mut by_id: SortedMap<String, Fetched> = SortedMap::new();
    let results = body
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| SyncError::Protocol("_bulk_get gave no results".into()))?;
    for result in results {
        for entry in result
            .get("docs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            // A revision gone from the server (compacted) has an `error`
            // entry instead and is simply not part of the decision.
            let Some(found) = entry.get("ok") else {
                continue;
            };
            let (Some(id), Some(rev)) = (
                found.get("_id").and_then(Value::as_str),
                found
                    .get("_rev")
                    .and_then(Value::as_str)
                    .and_then(Rev::parse),
            ) else {
                continue;
            };
            let fetched = by_id.entry(id.to_owned()).or_insert_with(|| Fetched {
                id: id.to_owned(),
                key: None,
                leaves: Vec::new(),
            });
            if found.get("_deleted") == Some(&Value::Bool(true)) {
                fetched.leaves.push((rev, Version::Deleted));
                continue;
            }
            let version = match cipher.open(id, &doc::sealed_fields(found)).await {
                Ok(payload) => match doc::read_payload(&payload) {
                    Ok((key, version)) => {
                        let plain_id_matches = cipher.encrypts() || key.to_string() == id;
                        if plain_id_matches && fetched.key.is_none_or(|k| k == key) {
                            fetched.key = Some(key);
                            version
                        } else {
                            Version::Unreadable(format!("document {id} names another record"))
                        }
                    }
                    Err(reason) => Version::Unreadable(reason),
                },
                Err(OpenError::WrongKey) => return Err(SyncError::WrongPassphrase),
                Err(OpenError::Malformed(reason)) => Version::Unreadable(reason),
            };
            fetched.leaves.push((rev, version));
        }
    }
    Ok(by_id.into_values().collect())
}

/// Decides and stores each fetched record. Nothing here awaits, so the
/// version read here is the one replaced: a change made on this device
/// while the documents were on their way is never overwritten unseen.
fn apply(
    replica: &mut impl Replica,
    state: &mut ReplicaState,
    fetched: Vec<Fetched>,
    report: &mut Report,
) -> Result<(), SyncError> {
    let now = replica.now_ms();
    for Fetched { id, key, leaves } in fetched {
        let Some(key) = key.or_else(|| state.key_of(&id)) else {
            // Only deletions of records this device never held.
            continue;
        };
        if replica.held_back(key) {
            continue;
        }
        let Some(winner) = doc::winner(
            leaves
                .iter()
                .map(|(rev, v)| (rev, matches!(v, Version::Deleted))),
        )
        .cloned() else {
            continue;
        };
        // Revisions sent from here that the server now holds are confirmed.
        if state
            .outbox
            .get(&key)
            .is_some_and(|o| leaves.iter().any(|(rev, _)| *rev == o.rev))
        {
            state.outbox.remove(&key);
        }
        let winning = &leaves
            .iter()
            .find(|(rev, _)| *rev == winner)
            .map(|(_, v)| v);
        let server_version: Option<&Stored> = match winning {
            Some(Version::Live(stored)) => Some(stored),
            Some(Version::Deleted) | None => None,
            Some(Version::Newer { .. } | Version::Unreadable(_)) => {
                state.known.insert(
                    key,
                    Known {
                        id,
                        rev: winner,
                        holds: ServerHolds::Unreadable,
                    },
                );
                state.losers.remove(&key);
                report.unreadable += 1;
                continue;
            }
        };
        let best = merge::fold_leaves(leaves.iter().map(|(_, v)| v), now);
        let losers: Vec<Rev> = leaves
            .iter()
            .filter(|(rev, v)| *rev != winner && matches!(v, Version::Live(_)))
            .map(|(rev, _)| rev.clone())
            .collect();
        let local = replica.get(key);
        let changed_here = state.differs(key, local.as_ref().map(Stored::updated_at_ms));
        let after = match merge::decide(local.as_ref(), changed_here, best.as_ref(), now) {
            Decision::InSync | Decision::PushLocal => local,
            Decision::TakeRemote(stored) | Decision::Merged(stored) => {
                replica.put(stored.clone()).map_err(SyncError::Local)?;
                report.pulled += 1;
                Some(stored)
            }
            Decision::DeleteLocal => {
                replica.delete(key).map_err(SyncError::Local)?;
                report.pulled += 1;
                None
            }
        };
        let holds = match (&after, server_version) {
            (Some(here), Some(there)) if here == there => {
                ServerHolds::Version(here.updated_at_ms())
            }
            (None, None) => ServerHolds::Deleted,
            _ => ServerHolds::Other,
        };
        state.known.insert(
            key,
            Known {
                id,
                rev: winner,
                holds,
            },
        );
        if losers.is_empty() {
            state.losers.remove(&key);
        } else {
            state.losers.insert(key, losers);
        }
    }
    Ok(())
}

/// One record to send: its new revision and, for conflicts, the deletions
/// that close the losing leaves.
struct Planned {
    key: RecordKey,
    id: String,
    /// The revision carrying the version here, when it differs from the server's.
    send: Option<Outgoing>,
    local: Option<Stored>,
    closes: Vec<(Rev, Rev)>,
}

async fn push(
    t: &impl Transport,
    cipher: &impl Cipher,
    replica: &mut impl Replica,
    state: &mut ReplicaState,
    report: &mut Report,
) -> Result<(), SyncError> {
    let stamps = replica.stamps();
    let waiting_set = state.waiting(&stamps, |key| replica.held_back(key));
    // The outbox is there to offer a change that is still waiting under the
    // revision it was first sent with. For a record no longer waiting the
    // pull has already read what the server holds (it confirms or replaces
    // any revision sent before), so such an entry could never be used again
    // and would otherwise stay in the state for ever: a change sent without
    // an answer and then overtaken by another device's newer edit, or
    // deleted here before it reached the server, left one behind.
    state.outbox.retain(|key, _| waiting_set.contains(key));
    let waiting: Vec<RecordKey> = waiting_set.into_iter().collect();
    for chunk in waiting.chunks(PUSH_BATCH) {
        let mut plan = Vec::with_capacity(chunk.len());
        for &key in chunk {
            let id = match state.known.get(&key) {
                Some(known) => known.id.clone(),
                None => cipher.doc_id(&key.to_string()).await,
            };
            let local = replica.get(key);
            let at_ms = local.as_ref().map(Stored::updated_at_ms);
            let parent = state.known.get(&key).map(|k| k.rev.clone());
            let send = state
                .differs(key, at_ms)
                .then(|| match state.outbox.get(&key) {
                    // The same change offered again after an interruption keeps
                    // its revision, so the server never holds it twice.
                    Some(o) if o.parent == parent && o.at_ms == at_ms => o.clone(),
                    _ => Outgoing {
                        rev: Rev::after(parent.as_ref(), replica.random_hex()),
                        parent,
                        at_ms,
                    },
                });
            match &send {
                Some(outgoing) => {
                    state.outbox.insert(key, outgoing.clone());
                }
                // Only conflicting leaves to close: no change of this
                // record is on its way, so no older one is kept either.
                None => {
                    state.outbox.remove(&key);
                }
            }
            let closes = state
                .losers
                .get(&key)
                .into_iter()
                .flatten()
                .map(|loser| (Rev::after(Some(loser), replica.random_hex()), loser.clone()))
                .collect();
            plan.push(Planned {
                key,
                id,
                send,
                local,
                closes,
            });
        }
        replica.save_state(state).map_err(SyncError::Local)?;

        let mut asked: SortedMap<&str, Vec<String>> = SortedMap::new();
        for p in &plan {
            let revs = asked.entry(p.id.as_str()).or_default();
            revs.extend(p.send.iter().map(|o| o.rev.to_string()));
            revs.extend(p.closes.iter().map(|(rev, _)| rev.to_string()));
        }
        let body = expect_ok(call(t, Request::post("_revs_diff", json!(asked))).await?)?.body;
        let missing: SortedSet<(String, String)> = body
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(id, diff)| {
                diff.get("missing")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(move |rev| (id.clone(), rev.to_owned()))
            })
            .collect();
        let is_missing = |id: &str, rev: &Rev| missing.contains(&(id.to_owned(), rev.to_string()));

        let mut docs = Vec::new();
        for p in &plan {
            if let Some(o) = p.send.as_ref().filter(|o| is_missing(&p.id, &o.rev)) {
                docs.push(match &p.local {
                    Some(stored) => {
                        let sealed = cipher
                            .seal(&p.id, &doc::payload(stored))
                            .await
                            .map_err(SyncError::Local)?;
                        doc::live(&p.id, &o.rev, o.parent.as_ref(), sealed)
                    }
                    None => doc::tombstone(&p.id, &o.rev, o.parent.as_ref()),
                });
            }
            for (rev, loser) in p.closes.iter().filter(|(rev, _)| is_missing(&p.id, rev)) {
                docs.push(doc::tombstone(&p.id, rev, Some(loser)));
            }
        }
        let mut failed: SortedSet<String> = SortedSet::new();
        if !docs.is_empty() {
            let sent = docs.len();
            let body = json!({ "docs": docs, "new_edits": false });
            let answer = expect_ok(call(t, Request::post("_bulk_docs", body)).await?)?.body;
            for item in answer.as_array().into_iter().flatten() {
                if item.get("error").is_some()
                    && let Some(id) = item.get("id").and_then(Value::as_str)
                {
                    failed.insert(id.to_owned());
                }
            }
            report.pushed += sent.saturating_sub(failed.len());
        }
        for p in plan {
            if failed.contains(&p.id) {
                continue;
            }
            if let Some(o) = p.send {
                let holds = o.at_ms.map_or(ServerHolds::Deleted, ServerHolds::Version);
                state.known.insert(
                    p.key,
                    Known {
                        id: p.id,
                        rev: o.rev,
                        holds,
                    },
                );
                state.outbox.remove(&p.key);
            }
            if !p.closes.is_empty() {
                state.losers.remove(&p.key);
            }
        }
        replica.save_state(state).map_err(SyncError::Local)?;
    }
    Ok(())
}
