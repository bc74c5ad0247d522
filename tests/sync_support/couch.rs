//! An in-memory server that answers the replication client as CouchDB does:
//! a revision tree per document, `new_edits: false` grafting, leaves and the
//! winning revision, a database-wide update sequence, non-replicated
//! `_local` documents, and the few endpoints the client uses. It also
//! records every request, refuses a wrong password, and fails chosen
//! requests before or after applying them, so that the tests can cut a sync
//! off anywhere.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use magnesium_tracker::domain::sync::doc;
use magnesium_tracker::domain::sync::{Method, NetError, Request, Response, Rev, Transport};
use serde_json::{Map, Value, json};

/// Where an injected failure cuts a request off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The request never reaches the server.
    Before,
    /// The server applies the request and the answer is lost.
    After,
}

/// One revision of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub parent: Option<String>,
    /// The document's own fields, without `_id`, `_rev`, `_revisions` and
    /// `_deleted`.
    pub body: Map<String, Value>,
    pub deleted: bool,
}

/// A document's revision tree, keyed by the revision's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tree {
    pub nodes: BTreeMap<String, Node>,
    /// The update sequence of the document's last change.
    pub seq: u64,
}

impl Tree {
    /// The leaf revisions (those no revision names as its parent), each with
    /// whether it is a deletion, the winner first as CouchDB lists them.
    pub fn leaves(&self) -> Vec<(Rev, bool)> {
        let parents: BTreeSet<&str> = self
            .nodes
            .values()
            .filter_map(|n| n.parent.as_deref())
            .collect();
        let mut leaves: Vec<(Rev, bool)> = self
            .nodes
            .iter()
            .filter(|(rev, _)| !parents.contains(rev.as_str()))
            .map(|(rev, node)| (Rev::parse(rev).expect("a stored revision"), node.deleted))
            .collect();
        if let Some(winner) = self.winner() {
            leaves.sort_by_key(|(rev, _)| *rev != winner);
        }
        leaves
    }

    /// The winning revision, by the rule every CouchDB node applies.
    pub fn winner(&self) -> Option<Rev> {
        let parents: BTreeSet<&str> = self
            .nodes
            .values()
            .filter_map(|n| n.parent.as_deref())
            .collect();
        let leaves: Vec<(Rev, bool)> = self
            .nodes
            .iter()
            .filter(|(rev, _)| !parents.contains(rev.as_str()))
            .map(|(rev, node)| (Rev::parse(rev).expect("a stored revision"), node.deleted))
            .collect();
        doc::winner(leaves.iter().map(|(r, d)| (r, *d))).cloned()
    }

    pub fn winner_deleted(&self) -> bool {
        self.winner()
            .is_some_and(|w| self.nodes[&w.to_string()].deleted)
    }

    /// The live leaves other than the winner: what CouchDB reports as
    /// `_conflicts`.
    pub fn open_conflicts(&self) -> usize {
        let winner = self.winner();
        self.leaves()
            .iter()
            .filter(|(rev, deleted)| !deleted && Some(rev) != winner.as_ref())
            .count()
    }

    /// The document as `GET` or `_bulk_get` shows revision `rev`.
    fn show(&self, id: &str, rev: &str) -> Option<Value> {
        let node = self.nodes.get(rev)?;
        let mut doc = node.body.clone();
        doc.insert("_id".into(), Value::from(id));
        doc.insert("_rev".into(), Value::from(rev));
        if node.deleted {
            doc.insert("_deleted".into(), Value::Bool(true));
        }
        Some(Value::Object(doc))
    }
}

#[derive(Clone, Debug, Default)]
struct Db {
    docs: BTreeMap<String, Tree>,
    /// `_local` documents: their revision number and body.
    locals: BTreeMap<String, (u64, Map<String, Value>)>,
    seq: u64,
}

/// The server, holding one database (or none, before it is created).
pub struct Couch {
    db: RefCell<Option<Db>>,
    /// Whether the account is a server admin, who may create the database.
    pub may_create: Cell<bool>,
    /// Whether the password sent is the right one.
    pub signed_in: Cell<bool>,
    /// Whether the account is refused this database (not a member).
    pub forbidden: Cell<bool>,
    /// Sequences as CouchDB 2+ writes them (`"7-g1AAAA…"`, opaque text)
    /// rather than PouchDB's integers.
    pub string_seqs: Cell<bool>,
    /// Whether every request waits for one poll before it is answered, so
    /// that two syncs polled in turn interleave their requests.
    pub interleave: Cell<bool>,
    faults: RefCell<BTreeMap<usize, Fault>>,
    path_faults: RefCell<Vec<(String, Fault)>>,
    log: RefCell<Vec<Request>>,
    counter: Cell<u64>,
}

impl Couch {
    /// A server with the database already created.
    pub fn new() -> Couch {
        let couch = Couch::without_database();
        *couch.db.borrow_mut() = Some(Db::default());
        couch
    }

    /// A server on which the database does not exist yet.
    pub fn without_database() -> Couch {
        Couch {
            db: RefCell::new(None),
            may_create: Cell::new(true),
            signed_in: Cell::new(true),
            forbidden: Cell::new(false),
            string_seqs: Cell::new(false),
            interleave: Cell::new(false),
            faults: RefCell::new(BTreeMap::new()),
            path_faults: RefCell::new(Vec::new()),
            log: RefCell::new(Vec::new()),
            counter: Cell::new(0),
        }
    }

    /// Deletes the database and creates it again, empty, as a person might
    /// do in Fauxton: documents, checkpoints and the sequence are gone.
    pub fn recreate(&self) {
        *self.db.borrow_mut() = Some(Db::default());
    }

    /// Makes the request `offset` requests from now (0: the next one) fail.
    pub fn fail_in(&self, offset: usize, fault: Fault) {
        let at = self.log.borrow().len() + offset;
        self.faults.borrow_mut().insert(at, fault);
    }

    /// Makes the next request whose path starts with `prefix` fail.
    pub fn fail_next_to(&self, prefix: &str, fault: Fault) {
        self.path_faults
            .borrow_mut()
            .push((prefix.to_owned(), fault));
    }

    pub fn clear_faults(&self) {
        self.faults.borrow_mut().clear();
        self.path_faults.borrow_mut().clear();
    }

    /// Every request received, failed ones included.
    pub fn log(&self) -> Vec<Request> {
        self.log.borrow().clone()
    }

    pub fn requests(&self) -> usize {
        self.log.borrow().len()
    }

    /// The requests received since the `from`th, as `METHOD path`.
    pub fn lines_since(&self, from: usize) -> Vec<String> {
        self.log.borrow()[from..]
            .iter()
            .map(|r| format!("{} {}", r.method.as_str(), r.path))
            .collect()
    }

    pub fn exists(&self) -> bool {
        self.db.borrow().is_some()
    }

    pub fn docs(&self) -> BTreeMap<String, Tree> {
        self.db
            .borrow()
            .as_ref()
            .map(|db| db.docs.clone())
            .unwrap_or_default()
    }

    pub fn tree(&self, id: &str) -> Option<Tree> {
        self.db.borrow().as_ref()?.docs.get(id).cloned()
    }

    pub fn leaves(&self, id: &str) -> Vec<(Rev, bool)> {
        self.tree(id).map(|t| t.leaves()).unwrap_or_default()
    }

    /// The winning revision of `id` as `GET` shows it, `None` when it is
    /// missing or deleted.
    pub fn winning_doc(&self, id: &str) -> Option<Value> {
        let tree = self.tree(id)?;
        let winner = tree.winner()?;
        if tree.winner_deleted() {
            return None;
        }
        tree.show(id, &winner.to_string())
    }

    /// Live leaves that lost, over all documents.
    pub fn open_conflicts(&self) -> usize {
        self.docs().values().map(Tree::open_conflicts).sum()
    }

    pub fn local(&self, id: &str) -> Option<Value> {
        let db = self.db.borrow();
        let (rev, body) = db.as_ref()?.locals.get(id)?;
        let mut doc = body.clone();
        doc.insert("_rev".into(), Value::from(format!("0-{rev}")));
        Some(Value::Object(doc))
    }

    /// Writes a document as another replicator would (`new_edits: false`),
    /// without a request in the log.
    pub fn graft(&self, doc: &Value) {
        let mut db = self.db.borrow_mut();
        graft(db.as_mut().expect("a database"), doc).expect("a graftable document");
    }

    fn seq_value(&self, seq: u64) -> Value {
        if self.string_seqs.get() {
            Value::from(format!(
                "{seq}-g1AAAAFTeJzLYWBg4MhgTmHgz8tPSTV0MDQy1zMAQsMcoARTIkOS_P___7{seq}"
            ))
        } else {
            Value::from(seq)
        }
    }

    fn fresh_hash(&self) -> String {
        let n = self.counter.get() + 1;
        self.counter.set(n);
        format!("{:032x}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    fn handle(&self, request: &Request) -> Response {
        if !self.signed_in.get() {
            return answer(
                401,
                json!({ "error": "unauthorized", "reason": "Name or password is incorrect." }),
            );
        }
        if self.forbidden.get() {
            return answer(
                403,
                json!({ "error": "forbidden", "reason": "You are not allowed to access this db." }),
            );
        }
        let (path, query) = request
            .path
            .split_once('?')
            .unwrap_or((request.path.as_str(), ""));
        let query = parse_query(query);
        let path = percent_decode(path);
        let body = request.body.clone().unwrap_or(Value::Null);
        let mut slot = self.db.borrow_mut();
        if path.is_empty() {
            return match (request.method, slot.as_ref()) {
                (Method::Get, Some(db)) => answer(
                    200,
                    json!({ "db_name": "mg", "update_seq": self.seq_value(db.seq) }),
                ),
                (Method::Get, None) => missing_db(),
                (Method::Put, Some(_)) => answer(
                    412,
                    json!({ "error": "file_exists", "reason": "The database could not be created, the file already exists." }),
                ),
                (Method::Put, None) if self.may_create.get() => {
                    *slot = Some(Db::default());
                    answer(201, json!({ "ok": true }))
                }
                // CouchDB answers a member who is not a server admin so.
                (Method::Put, None) => answer(
                    401,
                    json!({ "error": "unauthorized", "reason": "You are not a server admin." }),
                ),
                (Method::Post, _) => answer(405, json!({ "error": "method_not_allowed" })),
            };
        }
        let Some(db) = slot.as_mut() else {
            return missing_db();
        };
        match (request.method, path.as_str()) {
            (Method::Get, "_changes") => self.changes(db, &query),
            (Method::Post, "_revs_diff") => revs_diff(db, &body),
            (Method::Post, "_bulk_get") => bulk_get(db, &body),
            (Method::Post, "_bulk_docs") => bulk_docs(db, &body),
            (Method::Get, p) if p.starts_with("_local/") => match db.locals.get(p) {
                Some((rev, body)) => {
                    let mut doc = body.clone();
                    doc.insert("_id".into(), Value::from(p));
                    doc.insert("_rev".into(), Value::from(format!("0-{rev}")));
                    answer(200, Value::Object(doc))
                }
                None => not_found("missing"),
            },
            (Method::Put, p) if p.starts_with("_local/") => put_local(db, p, &body),
            (Method::Get, id) if !id.starts_with('_') => match db.docs.get(id) {
                Some(tree) if !tree.winner_deleted() => {
                    let winner = tree.winner().expect("a document has a revision");
                    answer(200, tree.show(id, &winner.to_string()).expect("its winner"))
                }
                Some(_) => not_found("deleted"),
                None => not_found("missing"),
            },
            (Method::Put, id) if !id.starts_with('_') => {
                let hash = self.fresh_hash();
                put_doc(db, id, &body, hash)
            }
            _ => answer(
                400,
                json!({ "error": "bad_request", "reason": "not modelled" }),
            ),
        }
    }

    fn changes(&self, db: &Db, query: &BTreeMap<String, String>) -> Response {
        if query.get("style").map(String::as_str) != Some("all_docs") {
            return answer(
                400,
                json!({ "error": "bad_request", "reason": "only style=all_docs is modelled" }),
            );
        }
        let since = match query.get("since").map(String::as_str) {
            None | Some("0") => 0,
            Some(text) => {
                // An opaque sequence starts with its integer part, as
                // CouchDB's do.
                let head = text.split('-').next().unwrap_or_default();
                match head.parse::<u64>() {
                    Ok(n) => n,
                    Err(_) => {
                        return answer(
                            400,
                            json!({ "error": "bad_request", "reason": "Malformed sequence supplied in 'since' parameter." }),
                        );
                    }
                }
            }
        };
        let limit = query
            .get("limit")
            .and_then(|l| l.parse::<usize>().ok())
            .unwrap_or(usize::MAX);
        let mut changed: Vec<(&String, &Tree)> =
            db.docs.iter().filter(|(_, t)| t.seq > since).collect();
        changed.sort_by_key(|(_, t)| t.seq);
        let rows: Vec<Value> = changed
            .into_iter()
            .take(limit)
            .map(|(id, tree)| {
                let changes: Vec<Value> = tree
                    .leaves()
                    .iter()
                    .map(|(rev, _)| json!({ "rev": rev.to_string() }))
                    .collect();
                let mut row =
                    json!({ "seq": self.seq_value(tree.seq), "id": id, "changes": changes });
                if tree.winner_deleted() {
                    row["deleted"] = Value::Bool(true);
                }
                row
            })
            .collect();
        let last_seq = rows
            .last()
            .map(|r| r["seq"].clone())
            .unwrap_or_else(|| self.seq_value(since));
        answer(
            200,
            json!({ "results": rows, "last_seq": last_seq, "pending": 0 }),
        )
    }
}

impl Default for Couch {
    fn default() -> Couch {
        Couch::new()
    }
}

impl Transport for Couch {
    async fn send(&self, request: Request) -> Result<Response, NetError> {
        if self.interleave.get() {
            YieldOnce(false).await;
        }
        let index = {
            let mut log = self.log.borrow_mut();
            log.push(request.clone());
            log.len() - 1
        };
        let mut fault = self.faults.borrow_mut().remove(&index);
        {
            let mut by_path = self.path_faults.borrow_mut();
            if let Some(i) = by_path
                .iter()
                .position(|(prefix, _)| request.path.starts_with(prefix.as_str()))
            {
                fault = fault.or(Some(by_path.remove(i).1));
            }
        }
        if fault == Some(Fault::Before) {
            return Err(NetError::Unreachable("injected before the server".into()));
        }
        let response = self.handle(&request);
        if fault == Some(Fault::After) {
            return Err(NetError::Unreachable(
                "injected: the answer was lost".into(),
            ));
        }
        Ok(response)
    }
}

/// A future that is pending once, so the executor turns to the other sync.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn answer(status: u16, body: Value) -> Response {
    Response { status, body }
}

fn missing_db() -> Response {
    answer(
        404,
        json!({ "error": "not_found", "reason": "Database does not exist." }),
    )
}

fn not_found(reason: &str) -> Response {
    answer(404, json!({ "error": "not_found", "reason": reason }))
}

fn conflict() -> Response {
    answer(
        409,
        json!({ "error": "conflict", "reason": "Document update conflict." }),
    )
}

fn put_local(db: &mut Db, id: &str, body: &Value) -> Response {
    let Some(fields) = body.as_object() else {
        return answer(400, json!({ "error": "bad_request" }));
    };
    let given = fields.get("_rev").and_then(Value::as_str);
    let current = db.locals.get(id).map(|(rev, _)| format!("0-{rev}"));
    if given.map(str::to_owned) != current {
        return conflict();
    }
    let next = db.locals.get(id).map_or(1, |(rev, _)| rev + 1);
    let mut body: Map<String, Value> = fields.clone();
    body.retain(|name, _| !name.starts_with('_'));
    db.locals.insert(id.to_owned(), (next, body));
    answer(
        201,
        json!({ "ok": true, "id": id, "rev": format!("0-{next}") }),
    )
}

fn put_doc(db: &mut Db, id: &str, body: &Value, hash: String) -> Response {
    let Some(fields) = body.as_object() else {
        return answer(400, json!({ "error": "bad_request" }));
    };
    let given = fields.get("_rev").and_then(Value::as_str);
    let tree = db.docs.get(id);
    let parent = match tree {
        // An update names the winning revision; a deleted document may be
        // written again without one, extending its deletion.
        Some(tree) => {
            let winner = tree.winner().expect("a revision").to_string();
            match given {
                Some(rev) if rev == winner => Some(winner),
                None if tree.winner_deleted() => Some(winner),
                _ => return conflict(),
            }
        }
        None if given.is_some() => return conflict(),
        None => None,
    };
    let parent_rev = parent.as_deref().and_then(Rev::parse);
    let rev = Rev::after(parent_rev.as_ref(), hash).to_string();
    let deleted = fields.get("_deleted") == Some(&Value::Bool(true));
    let mut own = fields.clone();
    own.retain(|name, _| !name.starts_with('_'));
    db.seq += 1;
    let seq = db.seq;
    let tree = db.docs.entry(id.to_owned()).or_default();
    tree.nodes.insert(
        rev.clone(),
        Node {
            parent,
            body: own,
            deleted,
        },
    );
    tree.seq = seq;
    answer(201, json!({ "ok": true, "id": id, "rev": rev }))
}

/// Grafts one document sent with `new_edits: false`: its revision and the
/// ancestors `_revisions` names join the tree, and revisions already there
/// are left as they are. Returns whether anything was new.
fn graft(db: &mut Db, doc: &Value) -> Result<bool, String> {
    let id = doc
        .get("_id")
        .and_then(Value::as_str)
        .ok_or("no _id")?
        .to_owned();
    let rev = doc
        .get("_rev")
        .and_then(Value::as_str)
        .and_then(Rev::parse)
        .ok_or("no _rev")?;
    let path: Vec<String> = match doc.get("_revisions") {
        Some(revisions) => {
            let start = revisions
                .get("start")
                .and_then(Value::as_u64)
                .ok_or("no start")?;
            let ids = revisions
                .get("ids")
                .and_then(Value::as_array)
                .ok_or("no ids")?;
            if start != rev.generation()
                || ids.first().and_then(Value::as_str) != Some(rev.hash())
                || ids.len() as u64 > start
            {
                return Err(format!("_revisions does not match {rev}"));
            }
            ids.iter()
                .enumerate()
                .map(|(i, h)| format!("{}-{}", start - i as u64, h.as_str().unwrap_or("?")))
                .collect()
        }
        None => vec![rev.to_string()],
    };
    let deleted = doc.get("_deleted") == Some(&Value::Bool(true));
    let mut own = doc.as_object().cloned().unwrap_or_default();
    own.retain(|name, _| !name.starts_with('_'));
    let tree = db.docs.entry(id.clone()).or_default();
    let mut added = false;
    // From the oldest ancestor named to the revision itself.
    for (i, rev_text) in path.iter().enumerate().rev() {
        if tree.nodes.contains_key(rev_text) {
            continue;
        }
        added = true;
        let parent = path.get(i + 1).cloned();
        let node = if i == 0 {
            Node {
                parent,
                body: own.clone(),
                deleted,
            }
        } else {
            // An ancestor known only by name, as after compaction.
            Node {
                parent,
                body: Map::new(),
                deleted: false,
            }
        };
        tree.nodes.insert(rev_text.clone(), node);
    }
    if added {
        db.seq += 1;
        tree.seq = db.seq;
    } else if tree.nodes.is_empty() {
        db.docs.remove(&id);
    }
    Ok(added)
}

fn bulk_docs(db: &mut Db, body: &Value) -> Response {
    if body.get("new_edits") != Some(&Value::Bool(false)) {
        return answer(
            400,
            json!({ "error": "bad_request", "reason": "only new_edits:false is modelled" }),
        );
    }
    let Some(docs) = body.get("docs").and_then(Value::as_array) else {
        return answer(400, json!({ "error": "bad_request", "reason": "no docs" }));
    };
    for doc in docs {
        if let Err(reason) = graft(db, doc) {
            return answer(400, json!({ "error": "bad_request", "reason": reason }));
        }
    }
    answer(201, json!([]))
}

fn revs_diff(db: &Db, body: &Value) -> Response {
    let Some(asked) = body.as_object() else {
        return answer(400, json!({ "error": "bad_request" }));
    };
    let mut out = Map::new();
    for (id, revs) in asked {
        let tree = db.docs.get(id);
        let missing: Vec<Value> = revs
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|rev| tree.is_none_or(|t| !t.nodes.contains_key(*rev)))
            .map(Value::from)
            .collect();
        if !missing.is_empty() {
            out.insert(id.clone(), json!({ "missing": missing }));
        }
    }
    answer(200, Value::Object(out))
}

fn bulk_get(db: &Db, body: &Value) -> Response {
    let Some(asked) = body.get("docs").and_then(Value::as_array) else {
        return answer(400, json!({ "error": "bad_request" }));
    };
    let results: Vec<Value> = asked
        .iter()
        .map(|entry| {
            let id = entry.get("id").and_then(Value::as_str).unwrap_or_default();
            let rev = entry.get("rev").and_then(Value::as_str);
            let tree = db.docs.get(id);
            let found = match (tree, rev) {
                (Some(tree), Some(rev)) => tree.show(id, rev),
                (Some(tree), None) => tree.winner().and_then(|w| tree.show(id, &w.to_string())),
                (None, _) => None,
            };
            let docs = match found {
                Some(doc) => json!([{ "ok": doc }]),
                None => json!([{ "error": {
                    "id": id, "rev": rev.unwrap_or("undefined"),
                    "error": "not_found", "reason": "missing" } }]),
            };
            json!({ "id": id, "docs": docs })
        })
        .collect();
    answer(200, json!({ "results": results }))
}

/// The query's names and values, percent-decoded.
pub fn parse_query(query: &str) -> BTreeMap<String, String> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' => {
                match (
                    bytes.get(i + 1).copied().and_then(hex),
                    bytes.get(i + 2).copied().and_then(hex),
                ) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
