//! What the server may see of a record: the document id and the body, sealed
//! by a [`Cipher`]. With encryption the browser's cipher (`src/sync/web.rs`)
//! names each document by a keyed hash of its record key and seals the body
//! with AES-GCM; without it, [`Plain`] uses the record key as the id and the
//! record as the body. The key document ([`KeyDoc`]) on the server says which
//! of the two a database holds and carries the salt and a check value, so a
//! wrong passphrase is found before anything is read or written.

use std::future::Future;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The id of the key document in every synced database.
pub const KEY_DOC_ID: &str = "mgt-keys";

/// The text sealed into [`KeyDoc::check`]: opening it proves the key.
pub const CHECK_TEXT: &str = "Magnesium Tracker key check";

/// PBKDF2-HMAC-SHA256 iterations for a new database: OWASP's 2023 figure
/// for that hash.
pub const PBKDF2_ITERATIONS: u32 = 600_000;

/// Why a body could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// The authentication tag did not match: another key sealed it, or it
    /// was changed on the way.
    WrongKey,
    /// The body is not a sealed body of this app.
    Malformed(String),
}

/// Seals and opens document bodies, and names documents.
pub trait Cipher {
    /// Whether the server sees ciphertext only.
    fn encrypts(&self) -> bool;
    /// The document id for a record key (`mgt/v1/day/2026-03-01`).
    fn doc_id(&self, record_key: &str) -> impl Future<Output = String>;
    /// The body fields that carry `payload` for the document `doc_id`.
    fn seal(&self, doc_id: &str, payload: &Value) -> impl Future<Output = Result<Value, String>>;
    /// The payload carried by the body of the document `doc_id`.
    fn open(&self, doc_id: &str, body: &Value) -> impl Future<Output = Result<Value, OpenError>>;
}

/// No encryption: the server sees every record as it is stored here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Plain;

impl Cipher for Plain {
    fn encrypts(&self) -> bool {
        false
    }

    async fn doc_id(&self, record_key: &str) -> String {
        record_key.to_owned()
    }

    async fn seal(&self, _doc_id: &str, payload: &Value) -> Result<Value, String> {
        Ok(json!({ "plain": payload }))
    }

    async fn open(&self, _doc_id: &str, body: &Value) -> Result<Value, OpenError> {
        body.get("plain")
            .cloned()
            .ok_or_else(|| OpenError::Malformed("no plain payload".into()))
    }
}

/// The key document: whether the database is encrypted and, if so, how to
/// derive its key and how to check it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyDoc {
    pub encrypted: bool,
    /// Standard base64 of the random per-database salt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u32>,
    /// [`CHECK_TEXT`] sealed for the document [`KEY_DOC_ID`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Value>,
}

impl KeyDoc {
    pub fn plain() -> KeyDoc {
        KeyDoc {
            encrypted: false,
            salt: None,
            iterations: None,
            check: None,
        }
    }
}
