//! Sync in the browser: the transport and cipher over `fetch` and WebCrypto
//! (`web`) and the runner that decides when to sync and keeps the status
//! (`runner`). The protocol itself is `domain::sync`.

pub mod runner;
pub mod web;
