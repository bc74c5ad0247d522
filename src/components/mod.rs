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
    query: leptos::prelude::Memo<crate::domain::url::Query>,
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
/// `start::after_start`), each `Deferred` of a page after a paint of its
/// own, in page order (see [`after_own_paint`]). Pages wrap the sections
/// below the fold in it, so the top of the page paints without waiting for
/// them and each section is built in a task, and laid out in a frame, of
/// its own. A link to an anchor inside (`/diary#backup-heading`) still
/// scrolls to it once the section is there.
#[leptos::component]
pub fn Deferred(children: leptos::prelude::ChildrenFn) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let ready = RwSignal::new(false);
    start::after_start(move || {
        after_own_paint(move || {
            if ready.try_set(true).is_none() {
                request_animation_frame(|| {
                    crate::browser::scroll_to_fragment();
                });
            }
        });
    });
    view! { <Show when=move || ready.get()>{children()}</Show> }
}

/// The work waiting for a paint of its own, oldest first, and whether a
/// frame has been asked for the first of it.
#[derive(Default)]
struct OwnPaints {
    waiting: std::collections::VecDeque<Box<dyn FnOnce()>>,
    asked: bool,
}

thread_local! {
    static OWN_PAINTS: std::cell::RefCell<OwnPaints> = std::cell::RefCell::new(OwnPaints::default());
}

/// Runs `work` after the next paint that no earlier such work has taken:
/// one piece a frame, in the order they asked. Built all after the same
/// paint, the Guide's sections came to the browser's styles and layout at
/// once, in one frame that took 60 ms here and over 200 ms on a phone four
/// times slower; one a frame, each frame lays out a single section.
fn after_own_paint(work: impl FnOnce() + 'static) {
    let first = OWN_PAINTS.with_borrow_mut(|own| {
        own.waiting.push_back(Box::new(work));
        !std::mem::replace(&mut own.asked, true)
    });
    if first {
        take_own_paint();
    }
}

/// Runs the oldest waiting work after the next paint, then asks for the
/// frame of the next.
fn take_own_paint() {
    crate::browser::after_next_paint(|| {
        if let Some(work) = OWN_PAINTS.with_borrow_mut(|own| own.waiting.pop_front()) {
            work();
        }
        let more = OWN_PAINTS.with_borrow_mut(|own| {
            own.asked = !own.waiting.is_empty();
            own.asked
        });
        if more {
            take_own_paint();
        }
    });
}

/// Binds a number box's text to `text` without ever writing back what the
/// person is typing: `<input type="number" use:typed_value=text .../>`, with
/// an `on:input` that sets `text` to the box's value.
///
/// `prop:value` would set the box's value again after every keystroke, and
/// Chromium then redraws a number box from the start: typing "12.5" key by
/// key gave "512", and "0.25" servings gave 250. The box's value only
/// changes here when `text` holds something other than what the box shows,
/// that is when the app changed it (a quick amount, another measure, the
/// form cleared after adding).
pub fn typed_value(el: web_sys::Element, text: leptos::prelude::Signal<String>) {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() else {
        return;
    };
    // The first value is there before the box is first painted; the effect
    // then finds it in place.
    input.set_value(&text.get_untracked());
    Effect::new(move |_| {
        let wanted = text.get();
        if input.value() != wanted {
            input.set_value(&wanted);
        }
    });
}
