//! Small helpers over browser scheduling and timing: waiting for a paint,
//! yielding to other tasks, and User Timing measures. Components and the
//! food-data loader share them, so neither imports from the other. Also the
//! one place that formats a price in the person's locale.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Runs `work` once the browser has painted the next frame: a timeout set
/// from inside an animation frame runs after that frame's paint.
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, std::time::Duration::ZERO));
}

/// Resolves once the browser has painted the next frame, or after
/// [`NEXT_PAINT_LIMIT_MS`]: a hidden tab paints no frames, and work waiting
/// on a paint must not wait for the tab to be shown.
pub async fn next_paint() {
    let painted = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                NEXT_PAINT_LIMIT_MS,
            );
        }
        after_next_paint(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
    });
    let _ = JsFuture::from(painted).await;
}

/// Lets the browser run other tasks (input, paint, timers) before
/// continuing: a task posted with `scheduler.postTask` at its default
/// priority where the browser has it, else a zero timeout. Not
/// `scheduler.yield()`: its continuations run ahead of every other task, so
/// the app's own timers (the Foods list builds its rows from one) would wait
/// until a long job had finished.
pub async fn yield_to_browser() {
    post_task(None).await;
}

/// Resolves once the page has nothing more urgent to do: a task posted at
/// the `background` priority, which runs only when no task of a higher
/// priority (every start-up slice, input, rendering) is waiting. Where the
/// browser has no `scheduler.postTask`, a zero timeout.
pub async fn when_idle() {
    post_task(Some("background")).await;
}

/// A task posted with `scheduler.postTask`, at `priority` or the default,
/// or a zero timeout where the browser has none.
async fn post_task(priority: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let post_task = js_sys::Reflect::get(&window, &"scheduler".into())
        .ok()
        .filter(|s| s.is_object())
        .and_then(|scheduler| {
            let post = js_sys::Reflect::get(&scheduler, &"postTask".into()).ok()?;
            Some((scheduler, post.dyn_into::<js_sys::Function>().ok()?))
        });
    let options = priority.map(|priority| {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"priority".into(), &priority.into());
        options
    });
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let posted = post_task.as_ref().is_some_and(|(scheduler, post)| {
            match &options {
                Some(options) => post.call2(scheduler, &resolve, options),
                None => post.call1(scheduler, &resolve),
            }
            .is_ok()
        });
        if !posted {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `work` and records it as the User Timing measure `name`, so the
/// benchmark (and the browser's performance panel) show where start-up time
/// goes without a profiler.
pub fn timed<T>(name: &'static str, work: impl FnOnce() -> T) -> T {
    let measure = Measure::start(name);
    let out = work();
    measure.end();
    out
}

/// A User Timing measure from [`Measure::start`] to [`Measure::end`]; only
/// the latest measure of a name is kept.
pub struct Measure {
    name: &'static str,
    performance: Option<web_sys::Performance>,
}

impl Measure {
    pub fn start(name: &'static str) -> Measure {
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            p.clear_measures_with_measure_name(name);
            let _ = p.mark(&format!("{name}-start"));
        }
        Measure { name, performance }
    }

    /// The page's clock in milliseconds, 0 where the browser has none.
    pub fn now(&self) -> f64 {
        self.performance.as_ref().map_or(0.0, |p| p.now())
    }

    pub fn end(self) {
        if let Some(p) = &self.performance {
            let start = format!("{}-start", self.name);
            let _ = p.measure_with_start_mark(self.name, &start);
            p.clear_marks_with_mark_name(&start);
        }
    }
}

/// Scrolls to the element the URL's fragment names, if there is one, and
/// says whether there was.
pub fn scroll_to_fragment() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let hash = window.location().hash().unwrap_or_default();
    let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return false;
    };
    let id = js_sys::decode_uri_component(id)
        .ok()
        .and_then(|id| id.as_string())
        .unwrap_or_else(|| id.to_owned());
    match window.document().and_then(|d| d.get_element_by_id(&id)) {
        Some(target) => {
            target.scroll_into_view();
            true
        }
        None => false,
    }
}

/// The longest [`next_paint`] waits.
const NEXT_PAINT_LIMIT_MS: i32 = 100;

/// A price or a cost in the person's locale, with two decimals and no
/// currency symbol: the app knows the number on the shelf label, not its
/// currency. "0.65" in English, "0,65" in German.
pub fn format_money(value: f64) -> String {
    let options = js_sys::Object::new();
    for key in ["minimumFractionDigits", "maximumFractionDigits"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &2.into());
    }
    let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::new(), &options);
    format
        .format()
        .call1(&wasm_bindgen::JsValue::UNDEFINED, &value.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{value:.2}"))
}

/// How [`share_or_copy`] went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareOutcome {
    /// The share sheet took the text.
    Shared,
    /// The browser has no share sheet; the text is on the clipboard.
    Copied,
    /// The person closed the share sheet: not an error.
    Cancelled,
    /// Neither the share sheet nor the clipboard took the text.
    Failed,
}

/// Offers `text`, and `url` where there is one, to the system share sheet
/// (`navigator.share`) where the browser has one, else writes the text alone
/// to the clipboard: pasted, it reads as the message it is. Looked up by
/// name, because neither exists in every browser and web-sys would name them
/// only behind unstable features.
pub async fn share_or_copy(title: &str, text: &str, url: Option<&str>) -> ShareOutcome {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return ShareOutcome::Failed;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"text".into(), &text.into());
    if let Some(url) = url {
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    }
    if let Some(promise) = call(&navigator, "share", &data) {
        return match JsFuture::from(promise).await {
            Ok(_) => ShareOutcome::Shared,
            Err(e) => {
                let name = js_sys::Reflect::get(&e, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string());
                if name.as_deref() == Some("AbortError") {
                    ShareOutcome::Cancelled
                } else {
                    copy(&navigator, text).await
                }
            }
        };
    }
    copy(&navigator, text).await
}

/// Writes `text` to the clipboard: [`ShareOutcome::Copied`] or
/// [`ShareOutcome::Failed`].
pub async fn copy_text(text: &str) -> ShareOutcome {
    match web_sys::window() {
        Some(window) => copy(&window.navigator(), text).await,
        None => ShareOutcome::Failed,
    }
}

/// Calls the method `name` of `target`, if it has one that returns a promise.
fn call(
    target: &wasm_bindgen::JsValue,
    name: &str,
    arg: &wasm_bindgen::JsValue,
) -> Option<js_sys::Promise> {
    let f = js_sys::Reflect::get(target, &name.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    f.call1(target, arg)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

async fn copy(navigator: &web_sys::Navigator, text: &str) -> ShareOutcome {
    let Some(clipboard) = js_sys::Reflect::get(navigator, &"clipboard".into())
        .ok()
        .filter(|c| c.is_object())
    else {
        return ShareOutcome::Failed;
    };
    let Some(promise) = call(&clipboard, "writeText", &text.into()) else {
        return ShareOutcome::Failed;
    };
    match JsFuture::from(promise).await {
        Ok(_) => ShareOutcome::Copied,
        Err(_) => ShareOutcome::Failed,
    }
}
