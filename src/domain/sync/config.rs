//! What the person enters in Settings → Sync, checked before it is saved.

use serde::{Deserialize, Serialize};

use crate::domain::url::encode_component;

/// The server and database to sync with, and who signs in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// The server's origin and path, without a trailing slash
    /// (`https://couch.example.org`).
    server: String,
    database: String,
    username: String,
    /// Whether records are encrypted on this device before they leave it.
    encrypt: bool,
}

/// The key derived from the passphrase (the passphrase itself is never
/// stored) for the database's salt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivedKey {
    /// The database's salt it was derived with, base64.
    pub salt: String,
    /// 64 bytes, base64: the AES-256-GCM key, then the HMAC-SHA-256 key.
    pub bits: String,
}

/// Everything this device keeps to sync: the configuration, the password
/// and the derived key. It stays on this device (see
/// [`crate::domain::schema::DeviceKey`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncSetup {
    pub config: SyncConfig,
    pub password: String,
    /// Present once the key was derived and checked against the server.
    pub key: Option<DerivedKey>,
    /// False once the person turned sync off; the setup is kept so that
    /// turning it on again needs no typing.
    pub enabled: bool,
}

/// Why a configuration was refused, shown at its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The server address is not an http(s) URL this app may reach.
    Server(String),
    Database(String),
}

impl SyncConfig {
    /// Checks and normalises what the person typed. Plain `http` is accepted
    /// only for a server on this device, because anything else would send
    /// the password in the clear, and the page's CSP allows nothing else.
    pub fn new(
        server: &str,
        database: &str,
        username: &str,
        encrypt: bool,
    ) -> Result<SyncConfig, ConfigError> {
        let server = server.trim().trim_end_matches('/');
        let rest = if let Some(rest) = server.strip_prefix("https://") {
            rest
        } else if let Some(rest) = server.strip_prefix("http://") {
            if !is_loopback(rest) {
                return Err(ConfigError::Server(
                    "Use https://. Plain http:// is allowed only for a server on this device (localhost or 127.0.0.1).".into(),
                ));
            }
            rest
        } else {
            return Err(ConfigError::Server(
                "Enter the server's address, starting with https://.".into(),
            ));
        };
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if host.is_empty() || rest.contains(['?', '#', ' ']) || host.contains('@') {
            return Err(ConfigError::Server(
                "Enter only the server's address, such as https://couch.example.org, without a name, password or query.".into(),
            ));
        }
        let database = database.trim();
        if !valid_database_name(database) {
            return Err(ConfigError::Database(
                "A database name starts with a lowercase letter and holds only lowercase letters, digits and _ $ ( ) + - /.".into(),
            ));
        }
        Ok(SyncConfig {
            server: server.to_owned(),
            database: database.to_owned(),
            username: username.trim().to_owned(),
            encrypt,
        })
    }

    pub fn server(&self) -> &str {
        &self.server
    }

    pub fn database(&self) -> &str {
        &self.database
    }

    pub fn username(&self) -> &str {
        &self.username
    }

    pub fn encrypt(&self) -> bool {
        self.encrypt
    }

    /// The database's URL, its name percent-encoded (a `/` in a name is
    /// `%2F` in the path, as CouchDB requires).
    pub fn database_url(&self) -> String {
        format!("{}/{}", self.server, encode_component(&self.database))
    }

    /// The origin requests go to (`https://host:port`), which the privacy
    /// tests and the Settings page name.
    pub fn origin(&self) -> &str {
        let scheme_end = self.server.find("://").map_or(0, |i| i + 3);
        let end = self.server[scheme_end..]
            .find('/')
            .map_or(self.server.len(), |i| scheme_end + i);
        &self.server[..end]
    }
}

/// Whether the part after `http://` names this device.
fn is_loopback(rest: &str) -> bool {
    // Exactly the two names the page's Content-Security-Policy lets
    // through over plain http.
    let host_port = rest.split('/').next().unwrap_or_default();
    let host = host_port.split(':').next().unwrap_or_default();
    host == "localhost" || host == "127.0.0.1"
}

/// CouchDB's rule for database names: `^[a-z][a-z0-9_$()+/-]*$`, at most
/// 238 characters.
pub fn valid_database_name(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= 238
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses_are_checked_and_normalised() {
        // (typed, accepted as)
        let cases: [(&str, Result<&str, ()>); 10] = [
            (
                "https://couch.example.org/",
                Ok("https://couch.example.org"),
            ),
            (
                " https://couch.example.org:6984 ",
                Ok("https://couch.example.org:6984"),
            ),
            ("https://example.org/couch", Ok("https://example.org/couch")),
            ("http://127.0.0.1:5984", Ok("http://127.0.0.1:5984")),
            ("http://localhost:5984/", Ok("http://localhost:5984")),
            ("http://127.0.0.2:5984", Err(())),
            ("http://couch.example.org", Err(())),
            ("couch.example.org", Err(())),
            ("https://me:secret@couch.example.org", Err(())),
            ("https://", Err(())),
        ];
        for (typed, expected) in cases {
            let got = SyncConfig::new(typed, "mg", "me", true);
            match expected {
                Ok(server) => assert_eq!(got.map(|c| c.server).as_deref(), Ok(server), "{typed}"),
                Err(()) => assert!(matches!(got, Err(ConfigError::Server(_))), "{typed}"),
            }
        }
    }

    #[test]
    fn database_names_follow_couchdbs_rule_and_are_encoded_in_the_url() {
        // (name, valid)
        let cases = [
            ("magnesium", true),
            ("mg_2026$(a)+b-c/d", true),
            ("Magnesium", false),
            ("_users", false),
            ("1db", false),
            ("", false),
            ("my db", false),
        ];
        for (name, valid) in cases {
            assert_eq!(valid_database_name(name), valid, "{name}");
        }
        let config = SyncConfig::new("https://h.example", "a/b+c", "me", true).unwrap();
        assert_eq!(config.database_url(), "https://h.example/a%2Fb%2Bc");
        assert_eq!(config.origin(), "https://h.example");
        let config = SyncConfig::new("http://127.0.0.1:5984/couch", "mg", "", false).unwrap();
        assert_eq!(config.origin(), "http://127.0.0.1:5984");
    }
}
