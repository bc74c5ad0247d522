//! Sync between a person's devices through their own CouchDB-compatible
//! server, by the standard replication protocol.
//!
//! This module is the replication client, kept apart from storage and the
//! user interface so that every protocol step is tested natively:
//! - [`http`]: requests as plain values and the [`Transport`] that sends
//!   them (the browser's `fetch`, or an in-memory server in the tests);
//! - [`cipher`]: what the server may see (document ids and sealed bodies)
//!   and the key document that says whether a database is encrypted;
//! - [`doc`]: one CouchDB document per stored record, revisions, and the
//!   server's choice of a winning revision;
//! - [`state`]: what this device knows of the server (the revision of each
//!   record, the checkpoint, revisions on their way), from which the changes
//!   waiting are derived;
//! - [`merge`]: the app's rule when both sides changed a record;
//! - [`engine`]: the steps: open the database, check the key, pull the
//!   changes since the checkpoint, push what is waiting;
//! - [`config`]: the server, database and credentials the person entered;
//! - [`status`]: the sentence the Settings page shows.

pub mod cipher;
pub mod config;
pub mod doc;
pub mod engine;
pub mod http;
pub mod merge;
pub mod state;
pub mod status;

pub use cipher::{Cipher, KeyDoc, Plain};
pub use config::{ConfigError, DerivedKey, SyncConfig, SyncSetup};
pub use engine::{Replica, Report, SyncError};
pub use http::{Method, NetError, Request, Response, Transport};
pub use state::{Known, ReplicaState, Rev, ServerHolds};
