//! Plain-Rust domain logic. Architecture Invariant: nothing below this module
//! imports Leptos, web-sys or any browser API, so all of it is tested natively.

pub mod amounts;
pub mod backup;
pub mod chart;
pub mod csv;
pub mod data;
pub mod date;
pub mod day;
pub mod diary;
pub mod dri;
pub mod guide;
pub mod history;
pub mod ical;
pub mod meals;
pub mod mg;
pub mod regimen;
pub mod report;
pub mod routes;
pub mod schema;
pub mod settings;
pub mod shop;
pub mod sorted;
pub mod stats;
pub mod supplement;
pub mod sync;
pub mod url;

// The food table is a crate of its own, optimised for speed (see its docs);
// it stays part of the domain under the same paths.
pub use magnesium_foods::{food, portion, search, sorting, sources};
