//! The browser's side of sync: the web APIs the domain's replication client may not import.

pub mod web;
