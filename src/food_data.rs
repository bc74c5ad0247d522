//! Loads the food-data asset in the background so the shell paints first.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::food::FoodDb;
use crate::domain::search::SearchIndex;

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
    let index = timed("mgt-food-index", || SearchIndex::new(&db));
    Ok(Foods { db, index })
}

/// Runs `work` and records it as the User Timing measure `name`, so the
/// benchmark (and the browser's performance panel) show where start-up time
/// goes without a profiler.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}-start");
    if let Some(p) = &performance {
        p.clear_measures_with_measure_name(name);
        let _ = p.mark(&start);
    }
    let out = work();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    out
}
