//! Loads the food-data asset in the background so the shell paints first.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::food::FoodDb;
use crate::domain::search::{IndexBuilder, SearchIndex};

/// The build names the asset by its content hash and preloads it from
/// `<link data-food-data>` (see `xtask sw`); the service worker precaches
/// it, so it loads offline too.
const ASSET_LINK: &str = "link[data-food-data]";

/// The decoded foods and their search index, built once per page load.
pub struct Foods {
    pub db: FoodDb,
    pub index: SearchIndex,
}

/// The app-wide handle on the food data, provided as context by the shell.
#[derive(Clone, Copy)]
pub struct FoodData(pub LocalResource<Result<Arc<Foods>, String>>);

impl FoodData {
    /// Starts loading; pages read it through [`use_foods`].
    pub fn load() -> FoodData {
        FoodData(LocalResource::new(|| async {
            fetch_foods().await.map(Arc::new)
        }))
    }

    /// `None` while loading, then the foods or the reason they failed.
    pub fn get(&self) -> Option<Result<Arc<Foods>, String>> {
        self.0.get()
    }
}

pub fn use_foods() -> FoodData {
    expect_context::<FoodData>()
}

async fn fetch_foods() -> Result<Foods, String> {
    let window = web_sys::window().ok_or("no window")?;
    let url = window
        .document()
        .and_then(|d| d.query_selector(ASSET_LINK).ok().flatten())
        .and_then(|link| link.get_attribute("href"))
        .ok_or("this build has no food data")?;
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| "the food data could not be loaded".to_string())?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!(
            "the food data could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| "the food data could not be read")?,
    )
    .await
    .map_err(|_| "the food data could not be read".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let db = timed("mgt-food-decode", || FoodDb::decode(&bytes))
        .map_err(|e| format!("the food data is damaged: {e}"))?;
    drop(bytes);
    yield_to_browser().await;
    let index = build_index(&db).await;
    Ok(Foods { db, index })
}

/// Foods indexed between checks of the clock.
const FOODS_PER_STEP: usize = 200;
/// How long indexing may hold the main thread before it lets the page paint
/// and handle input. A step takes a few milliseconds here and about 10 ms
/// with a 4x CPU slowdown, so slices stay well under a 50 ms long task;
/// only the two sorts that follow are single tasks.
const SLICE_MS: f64 = 10.0;

/// Builds the search index in slices with a yield to the browser between
/// them, so the page stays responsive while 8,789 foods are indexed. The
/// `mgt-food-index` measure spans the whole build, yields included.
async fn build_index(db: &FoodDb) -> SearchIndex {
    let measure = Measure::start("mgt-food-index");
    let now = || measure.performance.as_ref().map_or(0.0, |p| p.now());
    let mut builder = IndexBuilder::new(db);
    let mut slice_start = now();
    while builder.step(FOODS_PER_STEP) {
        if now() - slice_start > SLICE_MS {
            yield_to_browser().await;
            slice_start = now();
        }
    }
    let index = builder.finish();
    measure.end();
    index
}

/// Lets the browser run other tasks (input, paint) before continuing:
/// `scheduler.yield()` where the browser has it, else a zero timeout.
async fn yield_to_browser() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let scheduler = js_sys::Reflect::get(&window, &"scheduler".into()).ok();
    let yield_fn = scheduler
        .as_ref()
        .filter(|s| s.is_object())
        .and_then(|s| js_sys::Reflect::get(s, &"yield".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let promise = match (scheduler, yield_fn) {
        (Some(scheduler), Some(f)) => f
            .call0(&scheduler)
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok()),
        _ => None,
    };
    let promise = promise.unwrap_or_else(|| {
        js_sys::Promise::new(&mut |resolve, _| {
            let _ = window.set_timeout_with_callback(&resolve);
        })
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
struct Measure {
    name: &'static str,
    performance: Option<web_sys::Performance>,
}

impl Measure {
    fn start(name: &'static str) -> Measure {
        let performance = web_sys::window().and_then(|w| w.performance());
        if let Some(p) = &performance {
            p.clear_measures_with_measure_name(name);
            let _ = p.mark(&format!("{name}-start"));
        }
        Measure { name, performance }
    }

    fn end(self) {
        if let Some(p) = &self.performance {
            let start = format!("{}-start", self.name);
            let _ = p.measure_with_start_mark(self.name, &start);
            p.clear_marks_with_mark_name(&start);
        }
    }
}
