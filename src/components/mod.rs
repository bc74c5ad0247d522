//! Small reusable pieces of the user interface.

pub mod add_food;
pub mod add_to_list;
pub mod backup;
pub mod calendar;
pub mod chart;
pub mod food_row;
pub mod intake_forms;
pub mod label_entry;
pub mod meals;
pub mod nav;
pub mod regimen;
pub mod start;
pub mod storage_banner;
pub mod sync_settings;
pub mod top_sources;
pub mod update_banner;

/// Sets the document title for the current page, so history entries and
/// screen readers name the section.
pub fn set_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} · Magnesium Tracker"));
    }
}

/// The day named by `?date=YYYY-MM-DD`, or today when it is absent or not a
/// real date, for the pages that show one day.
pub fn use_date_param(
    query: leptos::prelude::Memo<leptos_router::params::ParamsMap>,
) -> leptos::prelude::Memo<crate::domain::date::Date> {
    use leptos::prelude::*;
    Memo::new(move |_| {
        query
            .read()
            .get("date")
            .and_then(|d| crate::domain::date::Date::parse(&d))
            .unwrap_or_else(crate::store::today)
    })
}

/// Renders its children just after the page's first paint, or while the
/// app starts, after the first paint that follows the start (see
/// `start::after_start`). Pages wrap the sections below the fold in it, so
/// the top of the page paints without waiting for them and each section
/// is built in a task of its own. A link to an anchor inside
/// (`/diary#backup-heading`) still scrolls to it once the section is there.
#[leptos::component]
pub fn Deferred(children: leptos::prelude::ChildrenFn) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let ready = RwSignal::new(false);
    start::after_start(move || {
        crate::browser::after_next_paint(move || {
            if ready.try_set(true).is_none() {
                request_animation_frame(crate::browser::scroll_to_fragment);
            }
        });
    });
    view! { <Show when=move || ready.get()>{children()}</Show> }
}
