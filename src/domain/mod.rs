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
pub mod food;
pub mod guide;
pub mod history;
pub mod ical;
pub mod meals;
pub mod mg;
pub mod portion;
pub mod regimen;
pub mod report;
pub mod routes;
pub mod schema;
pub mod search;
pub mod settings;
pub mod shop;
pub mod sorting;
pub mod sources;
pub mod stats;
pub mod supplement;
pub mod sync;
pub mod url;
