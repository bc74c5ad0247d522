//! Small reusable pieces of the user interface.

pub mod add_food;
pub mod backup;
pub mod calendar;
pub mod chart;
pub mod food_row;
pub mod intake_forms;
pub mod nav;
pub mod storage_banner;
pub mod top_sources;
pub mod update_banner;

/// Sets the document title for the current page, so history entries and
/// screen readers name the section.
pub fn set_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} · Magnesium Tracker"));
    }
}
