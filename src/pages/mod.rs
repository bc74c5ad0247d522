//! One module per route.

pub mod compare;
pub mod diary;
pub mod food_detail;
pub mod foods;
pub mod guide;
pub mod list;
pub mod not_found;
pub mod report;
pub mod settings;
pub mod today;
